"""Spider arguments (`-a name=value`): their validated schema and one-line configuration errors."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NoReturn
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from crawler.model.dates import as_utc

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


class SpiderParams(BaseModel):
    """The validated `-a` arguments of one crawl.

    Validated from the strings Scrapy passes (`parse_arguments`); the spider's schema (which
    names it takes, whether `url` is required or a base URL) comes in the validation context.
    Every validator raises SpiderArgumentError, which names the argument and its value.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # A copy/mirror of the site (site spiders) or the entry (generic). Validated when missing
    # too, since a spider may require it.
    url: str | None = Field(default=None, validate_default=True)
    site: str | None = None  # generic only: the site key to record under
    limit: int | None = None  # max article requests
    since: datetime | None = None  # skip sitemap/feed entries dated before this (UTC)
    mirrors: tuple[str, ...] = ()  # extra mirror hosts for this run

    @model_validator(mode="before")
    @classmethod
    def _known_names(cls, data: Any, info: ValidationInfo) -> Any:
        allowed = _schema(info).get("allowed")
        if isinstance(data, Mapping) and allowed is not None:
            for name, value in data.items():
                if name not in allowed:
                    known = ", ".join(sorted(allowed))
                    raise SpiderArgumentError(name, value, f"unknown argument (known: {known})")
        return data

    @field_validator("url", mode="before")
    @classmethod
    def _url(cls, value: object, info: ValidationInfo) -> str | None:
        schema = _schema(info)
        if value is None:
            if schema.get("url_required"):
                raise SpiderArgumentError("url", None, "is required")
            return None
        url = _arg_url(value)
        if schema.get("url_is_base"):
            parts = urlsplit(url)
            if parts.path not in ("", "/") or parts.query or parts.fragment:
                raise SpiderArgumentError(
                    "url",
                    value,
                    "must be a base URL (scheme://host[:port]/) for a site spider; "
                    "the site's paths are kept",
                )
        return url

    @field_validator("site", mode="before")
    @classmethod
    def _site(cls, value: object) -> str | None:
        return None if value is None else _arg_site(value)

    @field_validator("limit", mode="before")
    @classmethod
    def _limit(cls, value: object) -> int | None:
        return None if value is None else _arg_limit(value)

    @field_validator("since", mode="before")
    @classmethod
    def _since(cls, value: object) -> datetime | None:
        return None if value is None else _arg_since(value)

    @field_validator("mirrors", mode="before")
    @classmethod
    def _mirrors(cls, value: object) -> tuple[str, ...]:
        return () if value is None else _arg_mirrors(value)

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


def _schema(info: ValidationInfo) -> Mapping[str, Any]:
    """The spider's argument schema, from the validation context (none: anything goes)."""
    context = info.context
    return context if isinstance(context, Mapping) else {}


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
    # scrapyd passes the job id as a spider argument
    given = {name: value for name, value in kwargs.items() if name != "_job"}
    schema = {
        "allowed": frozenset(allowed),
        "url_required": url_required,
        "url_is_base": url_is_base,
    }
    try:
        return SpiderParams.model_validate(given, context=schema)
    except ValidationError as exc:
        raise _argument_error(exc) from None


def _argument_error(exc: ValidationError) -> SpiderArgumentError:
    """The first failing argument's error as its validator raised it (pydantic wraps it)."""
    first = exc.errors()[0]
    error = first.get("ctx", {}).get("error")
    if isinstance(error, SpiderArgumentError):
        return error
    name = ".".join(str(part) for part in first["loc"]) or "arguments"
    return SpiderArgumentError(name, first.get("input"), first["msg"])
