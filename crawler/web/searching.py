"""Full-text search for the browser's page and API, through the archive's search index
(db.search); a query the index cannot read is a 400 naming the problem."""

from __future__ import annotations

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
