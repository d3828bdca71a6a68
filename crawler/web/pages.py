"""The browser's HTML pages: sites with their health, article lists, search, an article, runs."""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from crawler.web import searching
from crawler.web.common import engine_of, page
from crawler.web.diff import side_by_side
from crawler.web.params import (
    DEFAULT_LIMIT,
    MAX_SEARCH_PAGE,
    SEARCH_LIMIT,
    BadParameter,
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
    list_articles,
    list_runs,
    site_keys,
)
from db.health import site_health


def _with(params: QueryParams, **changes: str | int | None) -> str:
    """The query string of `params` with `changes` (None drops a parameter)."""
    merged = {k: v for k, v in params.items() if k not in changes and v}
    merged.update({k: str(v) for k, v in changes.items() if v is not None})
    return str(QueryParams(merged))


def sites(request: Request) -> Response:
    engine = engine_of(request)
    counts = articles_first(engine)
    context = {"sites": site_health(engine), "counts": counts, "seen": articles_seen(engine)}
    return page(request, "sites.html", context)


def articles(request: Request) -> Response:
    query = article_query(request.query_params)
    rows = list_articles(engine_of(request), query.filters, before=query.before, limit=query.limit)
    more = len(rows) == query.limit
    next_page = _with(request.query_params, before=rows[-1].id) if more and rows else None
    context = {
        "rows": rows,
        "filters": query.filters,
        "params": request.query_params,
        "site_keys": site_keys(engine_of(request)),
        "next_page": next_page,
        "first_page": _with(request.query_params, before=None) if query.before else None,
        "default_limit": DEFAULT_LIMIT,
    }
    return page(request, "articles.html", context)


def article(request: Request) -> Response:
    article_id: int = request.path_params["article_id"]
    engine = engine_of(request)
    detail = get_article(engine, article_id)
    if detail is None:
        raise HTTPException(404, f"no article {article_id} in the archive")
    versions = article_versions(engine, article_id)
    numbers = [v.version for v in versions]
    params = request.query_params
    diff = old = new = None
    if len(versions) > 1:
        newest = numbers[-1]
        b = integer(params, "b", default=newest) or newest
        a = integer(params, "a", default=max(numbers[0], b - 1)) or numbers[0]
        for name, number in (("a", a), ("b", b)):
            if number not in numbers:
                raise BadParameter(name, f"article {article_id} has no version {number}")
        old = versions[numbers.index(a)]
        new = versions[numbers.index(b)]
        diff = side_by_side(old.text, new.text)
    context = {"a": detail, "versions": versions, "old": old, "new": new, "diff": diff}
    return page(request, "article.html", context)


def search(request: Request) -> Response:
    wanted = search_request(request.query_params)
    hits = searching.run_search(engine_of(request), wanted)
    more = len(hits) == SEARCH_LIMIT and wanted.page < MAX_SEARCH_PAGE
    context = {
        "wanted": wanted,
        "hits": hits,
        "params": request.query_params,
        "site_keys": site_keys(engine_of(request)),
        "next_page": _with(request.query_params, page=wanted.page + 1) if more else None,
        "previous_page": (
            _with(request.query_params, page=wanted.page - 1) if wanted.page > 1 else None
        ),
    }
    return page(request, "search.html", context)


def runs(request: Request) -> Response:
    params = request.query_params
    site = text(params, "site")
    before = integer(params, "before")
    limit = DEFAULT_LIMIT
    rows = list_runs(engine_of(request), site=site, before=before, limit=limit)
    more = len(rows) == limit
    context = {
        "runs": rows,
        "site": site,
        "next_page": _with(params, before=rows[-1].id) if more and rows else None,
    }
    return page(request, "runs.html", context)
