"""Query parameters of the browser's pages and API, checked: a bad one is a 400 naming it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException

from crawler.model.dates import SITE_TIMEZONE
from db.browse import MAX_ID, ArticleFilter

# Page sizes: a request asks for at most MAX_LIMIT rows, whatever it says.
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
SEARCH_LIMIT = 20
MAX_SEARCH_PAGE = 50  # offset paging: deeper pages cost more and nobody reads them
MAX_QUERY_CHARS = 500


class BadParameter(HTTPException):
    def __init__(self, name: str, problem: str) -> None:
        super().__init__(400, f"bad parameter {name!r}: {problem}")


def text(params: QueryParams, name: str, *, max_chars: int = 200) -> str | None:
    """A stripped text parameter; empty or absent is None."""
    value = params.get(name, "").strip()
    if len(value) > max_chars:
        raise BadParameter(name, f"longer than {max_chars} characters")
    return value or None


def integer(
    params: QueryParams, name: str, *, low: int = 1, high: int = MAX_ID, default: int | None = None
) -> int | None:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise BadParameter(name, f"takes a whole number, got {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(name, f"must be between {low} and {high}, got {value}")
    return value


def day(params: QueryParams, name: str) -> date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, f"takes a date like 2026-11-20, got {raw[:40]!r}") from None


def berlin_midnight(value: date) -> datetime:
    """The start of a day in Berlin time, as for every date without an offset the app reads."""
    return datetime(value.year, value.month, value.day, tzinfo=SITE_TIMEZONE)


@dataclass(frozen=True)
class ArticleQuery:
    """An article list request: its filters, where the page starts and its size."""

    filters: ArticleFilter
    before: int | None
    limit: int


def article_query(params: QueryParams) -> ArticleQuery:
    """`site`, `lang`, `from` and `to` (published dates, inclusive, Berlin days), `cluster`,
    `before` (the id the page continues after) and `limit`."""
    first, last = day(params, "from"), day(params, "to")
    if first is not None and last is not None and last < first:
        raise BadParameter("to", f"{last} is before from={first}")
    filters = ArticleFilter(
        site=text(params, "site"),
        language=text(params, "lang", max_chars=16),
        published_from=berlin_midnight(first) if first else None,
        published_before=berlin_midnight(last + timedelta(days=1)) if last else None,
        cluster=integer(params, "cluster"),
    )
    return ArticleQuery(
        filters=filters,
        before=integer(params, "before"),
        limit=integer(params, "limit", high=MAX_LIMIT, default=DEFAULT_LIMIT) or DEFAULT_LIMIT,
    )


@dataclass(frozen=True)
class SearchRequest:
    query: str | None
    site: str | None
    since: datetime | None
    language: str | None
    page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * SEARCH_LIMIT


def search_request(params: QueryParams) -> SearchRequest:
    """`q`, `site`, `since` (a date: first published on or after it), `lang`, `page`."""
    since = day(params, "since")
    return SearchRequest(
        query=text(params, "q", max_chars=MAX_QUERY_CHARS),
        site=text(params, "site"),
        since=berlin_midnight(since) if since else None,
        language=text(params, "lang", max_chars=16),
        page=integer(params, "page", high=MAX_SEARCH_PAGE, default=1) or 1,
    )
