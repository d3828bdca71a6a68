"""What every `newsarchive` command shares: the one-line CLI error, the config and the archive."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from crawler.model.config import AppConfig


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


class NoArchiveError(CliError):
    """There is no archive where the configuration points (nothing was created there)."""


def _config() -> AppConfig:
    from pydantic import ValidationError

    try:
        return AppConfig()
    except ValidationError as exc:
        err = exc.errors()[0]
        name = "NEWSARCHIVE_" + str(err["loc"][0]).upper() if err["loc"] else "environment"
        raise CliError(f"bad configuration {name}: {err['msg']}") from None


def database_engine(url: str, *, create: bool = True) -> Any:
    """An engine on the archive at `url`, its schema created or checked when `create`; any
    problem is a CliError of one line naming the database."""
    from db.engine import SchemaError, ensure_schema, make_engine

    try:
        engine = make_engine(url)
        if create:
            ensure_schema(engine)
    except SchemaError as exc:
        raise CliError(f"{archive_location(url)}: {exc}") from None
    except Exception as exc:  # connection refused, bad URL, unwritable file
        where = archive_location(url)
        raise CliError(f"cannot open the archive database at {where}: {_one_line(exc)}") from None
    return engine


def archive_location(url: str) -> str:
    """Where an archive URL points, for messages: a SQLite archive's file, otherwise the URL
    without its password."""
    from sqlalchemy.engine import make_url

    from db.engine import normalise_url, sqlite_path

    try:
        path = sqlite_path(normalise_url(url))
        if path is not None:
            return str(path)
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: the connection attempt says what is wrong with it
        return url.split("@", 1)[-1]


def open_archive(config: AppConfig, *, check_schema: bool = True, readonly: bool = False) -> Any:
    """The existing archive, for commands that read it; never creates one.

    A missing SQLite file (a mistyped path, a command run in another directory) or an empty
    database is an error naming where the command looked, not a new empty archive that would
    make "0 articles" look like an answer. `check_schema=False` accepts any schema revision,
    none included (for `db current`). `readonly` gives an engine that cannot write
    (db.engine.make_readonly_engine).
    """
    from db.engine import (
        SchemaError,
        check_revision,
        current_revision,
        make_engine,
        make_readonly_engine,
        normalise_url,
        sqlite_path,
    )

    url = config.database_url_resolved
    where = archive_location(url)
    hint = "(set DATABASE_URL or NEWSARCHIVE_DATA_DIR)"
    try:
        path = sqlite_path(normalise_url(url))
    except Exception as exc:
        raise CliError(f"bad DATABASE_URL {where}: {_one_line(exc)}") from None
    if path is not None and not path.is_file():
        raise NoArchiveError(f"no archive at {path} {hint}")
    try:
        engine = make_readonly_engine(url) if readonly else make_engine(url)
        rev = current_revision(engine)
    except Exception as exc:  # connection refused, unreadable file, bad URL
        raise CliError(f"cannot open the archive database at {where}: {_one_line(exc)}") from None
    if not check_schema:
        return engine
    if rev is None:
        engine.dispose()
        raise NoArchiveError(
            f"no archive at {where}: the database has no newsarchive schema {hint}"
        )
    try:
        check_revision(engine, rev)
    except SchemaError as exc:
        engine.dispose()
        raise CliError(f"{where}: {exc}") from None
    return engine


def check_site(engine: Any, key: str | None, where: str) -> None:
    """An unknown `--site` is an error listing the sites in the archive (a declared site that
    was never crawled is known: it just has nothing yet)."""
    if key is None:
        return
    from db.read import site_summaries

    archived = site_summaries(engine)
    if key in archived:
        return
    from crawler.sites import all_sites  # loads every spider (and Scrapy): only when needed

    if key in all_sites():
        return
    known = ", ".join(sorted(archived)) or "none"
    raise CliError(f"unknown site {key!r}: not in the archive at {where} (its sites: {known})")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _pairs(values: Sequence[str] | None, flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise CliError(f"{flag} takes NAME=VALUE, got {item!r}")
        out[key] = value
    return out


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--since takes an ISO date like 2026-11-01, got {value!r}") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
