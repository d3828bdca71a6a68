"""Full-text search for the browser's page and API, through the archive's search index
(db.search); a query the index cannot parse is a 400 naming it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from starlette.exceptions import HTTPException

from crawler.web.params import SEARCH_LIMIT, SearchRequest

try:
    from db import search as _search  # type: ignore[attr-defined,unused-ignore]
except ImportError:  # an archive code base without the search index
    _search = None

AVAILABLE = _search is not None


def run_search(engine: Engine, request: SearchRequest) -> list[Any]:
    """The hits of one page of results (db.search.SearchHit); none for an empty query."""
    if _search is None:
        raise HTTPException(501, "full-text search is not available in this version")
    if request.query is None:
        return []
    try:
        return list(
            _search.search(
                engine,
                request.query,
                site=request.site,
                since=request.since,
                lang=request.language,
                limit=SEARCH_LIMIT,
                offset=request.offset,
            )
        )
    except _search.SearchQueryError as exc:
        raise HTTPException(400, f"bad search query {request.query!r}: {exc}") from None


def hit_dict(hit: Any) -> dict[str, Any]:
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
