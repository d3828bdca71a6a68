"""Spider arguments (`-a name=value`): their validated schema and one-line configuration errors."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn
from urllib.parse import urlsplit

from pipelines.dates import as_utc

HOST_NAME_RE = re.compile(
    r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class SpiderConfigError(ValueError):
    """A crawl cannot start with this configuration; the message is one line for the user."""


class SpiderArgumentError(SpiderConfigError):
    """A bad `-a name=value` spider argument."""

    def __init__(self, name: str, value: object, reason: str) -> None:
        super().__init__(f"bad spider argument {name}={value!r}: {reason}")
        self.argument = name
        self.value = value
        self.reason = reason


class SpiderConfigExit(SystemExit):
    """Ends `scrapy crawl` with exit code 2 after the one-line message has been printed.

    Scrapy 2.19 creates the spider inside the crawl task, after the command has returned
    control to the event loop, so a UsageError cannot reach the command's own error handling,
    and a plain exception is logged with a traceback (exit code 1). SystemExit propagates out
    of the asyncio loop that AsyncCrawlerProcess runs (the default with the asyncio reactor)
    and ends `scrapy crawl` quietly. Under a non-asyncio Twisted reactor (or
    FORCE_CRAWLER_PROCESS) Twisted's inlineCallbacks would catch it and log a traceback.
    """

    def __init__(self, error: SpiderConfigError) -> None:
        super().__init__(2)
        self.error = error


def exit_on_config_error(error: SpiderConfigError) -> NoReturn:
    """Print `newsarchive: <error>` as the one line the operator sees, and exit with 2."""
    sys.stderr.write(f"newsarchive: {error}\n")
    sys.stderr.flush()
    raise SpiderConfigExit(error) from error


@dataclass(frozen=True)
class SpiderParams:
    """The validated `-a` arguments of one crawl."""

    url: str | None = None  # a copy/mirror of the site (site spiders) or the entry (generic)
    site: str | None = None  # generic only: the site key to record under
    limit: int | None = None  # max article requests
    since: datetime | None = None  # skip sitemap/feed entries dated before this (UTC)
    mirrors: tuple[str, ...] = ()  # extra mirror hosts for this run

    def as_arguments(self) -> dict[str, str]:
        """The arguments as given (normalised), for the run record."""
        given = {
            "url": self.url,
            "site": self.site,
            "limit": str(self.limit) if self.limit is not None else None,
            "since": self.since.isoformat() if self.since is not None else None,
            "mirrors": ",".join(self.mirrors) or None,
        }
        return {name: value for name, value in given.items() if value is not None}


def _arg_url(value: object) -> str:
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SpiderArgumentError("url", value, "must be an absolute http(s) URL")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise SpiderArgumentError("url", value, "has an invalid port") from None
    return text


def _arg_limit(value: object) -> int:
    try:
        limit = int(str(value).strip())
    except ValueError:
        raise SpiderArgumentError("limit", value, "must be a positive integer") from None
    if limit < 1:
        raise SpiderArgumentError("limit", value, "must be a positive integer")
    return limit


def _arg_since(value: object) -> datetime:
    text = str(value).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SpiderArgumentError(
            "since", value, "must be an ISO date (YYYY-MM-DD) or date-time"
        ) from None
    return as_utc(moment)


def _arg_mirrors(value: object) -> tuple[str, ...]:
    hosts = tuple(h.strip().lower() for h in str(value).split(",") if h.strip())
    for host in hosts:
        if not HOST_NAME_RE.match(host):
            raise SpiderArgumentError(
                "mirrors", value, f"{host!r} is not a host name (comma-separated hosts)"
            )
    return hosts


def _arg_site(value: object) -> str:
    key = str(value).strip()
    if not _KEY_RE.match(key):
        raise SpiderArgumentError("site", value, "must be lower-case letters, digits and _")
    return key


def parse_arguments(
    kwargs: Mapping[str, object],
    *,
    allowed: Iterable[str],
    url_required: bool = False,
    url_is_base: bool = True,
) -> SpiderParams:
    """Validate spider arguments against the schema; raises SpiderArgumentError.

    `url_is_base`: `url` names a copy of a declared site, so only scheme://host[:port] may
    be given (the site's own paths are kept when entry points are rebased onto it).
    """
    allowed = frozenset(allowed)
    for name, value in kwargs.items():
        if name == "_job":
            continue  # scrapyd passes the job id as a spider argument
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise SpiderArgumentError(name, value, f"unknown argument (known: {known})")
    url = _arg_url(kwargs["url"]) if "url" in kwargs else None
    if url is not None and url_is_base:
        parts = urlsplit(url)
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise SpiderArgumentError(
                "url",
                kwargs["url"],
                "must be a base URL (scheme://host[:port]/) for a site spider; "
                "the site's paths are kept",
            )
    if url_required and url is None:
        raise SpiderArgumentError("url", None, "is required")
    return SpiderParams(
        url=url,
        site=_arg_site(kwargs["site"]) if "site" in kwargs else None,
        limit=_arg_limit(kwargs["limit"]) if "limit" in kwargs else None,
        since=_arg_since(kwargs["since"]) if "since" in kwargs else None,
        mirrors=_arg_mirrors(kwargs["mirrors"]) if "mirrors" in kwargs else (),
    )
