"""The JSON API under /api/: the browser's data for tools (fields in docs/reading.md)."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from crawler.web import searching
from crawler.web.common import engine_of
from crawler.web.params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    SEARCH_LIMIT,
    article_query,
    integer,
    search_request,
    text,
)
from db.browse import (
    article_versions,
    articles_first,
    articles_seen,
    get_article,
    get_fetch,
    list_articles,
    list_runs,
)
from db.health import RunSummary, site_health


def _json(data: Any) -> Response:
    return JSONResponse(data)


def _next(request: Request, **changes: int) -> str:
    """The path and query of the next page: this request's with `changes`."""
    url = request.url.include_query_params(**changes)
    return f"{url.path}?{url.query}"


def _page(request: Request, name: str, items: list[Any], last_id: int | None) -> Response:
    """A page of a list; `next` continues after `last_id` (None: this page is the last)."""
    following = _next(request, before=last_id) if last_id is not None else None
    return _json({name: items, "next": following})


def _run(run: RunSummary) -> dict[str, Any]:
    return {**run.as_dict(), "site": run.site_key}


def sites(request: Request) -> Response:
    engine = engine_of(request)
    counts = articles_first(engine)
    seen = articles_seen(engine)
    return _json(
        {
            "sites": [
                {
                    "key": health.key,
                    "name": health.name,
                    "articles": counts.get(health.key, 0),
                    "articles_seen": seen.get(health.key, 0),
                    "new_24h": health.new_24h,
                    "new_7d": health.new_7d,
                    "failure_streak": health.failure_streak,
                    "last_run": _run(health.last_run) if health.last_run else None,
                    "last_run_warnings": [w.as_dict() for w in health.last_run_warnings],
                }
                for health in site_health(engine)
            ]
        }
    )


def articles(request: Request) -> Response:
    query = article_query(request.query_params)
    rows = list_articles(engine_of(request), query.filters, before=query.before, limit=query.limit)
    last = rows[-1].id if len(rows) == query.limit else None
    return _page(request, "articles", [row.as_dict() for row in rows], last)


def article(request: Request) -> Response:
    article_id: int = request.path_params["article_id"]
    detail = get_article(engine_of(request), article_id)
    if detail is None:
        raise HTTPException(404, f"no article {article_id} in the archive")
    return _json(detail.as_dict())


def versions(request: Request) -> Response:
    article_id: int = request.path_params["article_id"]
    rows = article_versions(engine_of(request), article_id)
    if not rows:
        raise HTTPException(404, f"no article {article_id} in the archive")
    return _json({"article_id": article_id, "versions": [row.as_dict() for row in rows]})


def search(request: Request) -> Response:
    wanted = search_request(request.query_params)
    if wanted.query is None:
        raise HTTPException(400, "bad parameter 'q': a search needs a query")
    hits = searching.run_search(engine_of(request), wanted)
    more = len(hits) == SEARCH_LIMIT
    return _json(
        {
            "query": wanted.query,
            "page": wanted.page,
            "hits": [hit.as_dict() for hit in hits],
            "next": _next(request, page=wanted.page + 1) if more else None,
        }
    )


def runs(request: Request) -> Response:
    params = request.query_params
    limit = integer(params, "limit", high=MAX_LIMIT, default=DEFAULT_LIMIT) or DEFAULT_LIMIT
    rows = list_runs(
        engine_of(request), site=text(params, "site"), before=integer(params, "before"), limit=limit
    )
    return _page(
        request, "runs", [_run(run) for run in rows], rows[-1].id if len(rows) == limit else None
    )


def fetch(request: Request) -> Response:
    fetch_id: int = request.path_params["fetch_id"]
    row = get_fetch(engine_of(request), fetch_id)
    if row is None:
        raise HTTPException(404, f"no fetch {fetch_id} in the archive")
    capture = f"/api/fetches/{row.id}/capture" if row.has_capture else None
    return _json({**row.as_dict(), "capture": capture})
