"""Full-text search for the browser's page and API, through the archive's search index
(db.search); a query the index cannot read is a 400 naming the problem."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from crawler.web.params import SEARCH_LIMIT, SearchRequest
from db.search import SearchHit, SearchQueryError, search


def run_search(engine: Engine, request: SearchRequest) -> list[SearchHit]:
    """The hits of one page of results; none for an empty query."""
    if request.query is None:
        return []
    try:
        return search(
            engine,
            request.query,
            site=request.site,
            since=request.since,
            lang=request.language,
            limit=SEARCH_LIMIT,
            offset=request.offset,
        )
    except SearchQueryError as exc:
        raise HTTPException(400, f"bad search query {request.query!r}: {exc}") from None


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    """A search hit for the JSON API (docs/reading.md, "HTTP API")."""
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "url": hit.url,
        "site": hit.site,
        "published_at": hit.published_at.isoformat() if hit.published_at else None,
        "language": hit.language,
        "rank": hit.rank,
        "snippet": [[text, matched] for text, matched in hit.snippet],
    }
