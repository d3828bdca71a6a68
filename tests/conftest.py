"""Shared fixtures: an archive database on SQLite and on PostgreSQL, and the demo web."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, text

from db.engine import ensure_schema, make_engine

PG_URL = os.environ.get("NEWSARCHIVE_TEST_POSTGRES_URL", "")
REQUIRE_PG = os.environ.get("NEWSARCHIVE_TEST_REQUIRE_POSTGRES") == "1"


def _pg_available() -> str | None:
    """None when PostgreSQL can be used, else why not."""
    if not PG_URL:
        return "NEWSARCHIVE_TEST_POSTGRES_URL is not set"
    try:
        engine = make_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} is not reachable: {exc}"
    return None


_PG_PROBLEM = _pg_available()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty archive database URL on each backend.

    PostgreSQL tests each get their own schema (via the connection's search_path), so they
    can run against a shared server without seeing each other's rows.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.sqlite'}"
        return
    if _PG_PROBLEM is not None:
        if REQUIRE_PG:
            pytest.fail(_PG_PROBLEM)
        pytest.skip(_PG_PROBLEM)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh archive with the schema migrated to head."""
    eng = make_engine(database_url)
    ensure_schema(eng)
    yield eng
    eng.dispose()
