"""Setup faults: parallel first starts, unusable data directories and databases, read-only
commands on a missing archive, crawls killed with SIGKILL."""

from __future__ import annotations

import multiprocessing
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import text

from db.engine import ensure_schema, head_revision, make_engine

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# --- schema creation under a lock ------------------------------------------------------------

PROCESSES = 8
ROUNDS = 3


def _first_start(url: str, barrier: Any, errors: Any) -> None:
    """One process of a parallel first start: wait for the others, then open the archive."""
    try:
        engine = make_engine(url)
        barrier.wait(timeout=60)
        ensure_schema(engine)
        engine.dispose()
    except BaseException as exc:
        errors.put(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
        raise SystemExit(1) from None


def _fresh_urls(tmp_path: Path, database_url: str, rounds: int) -> list[str]:
    """`rounds` fresh, empty archives on the backend of `database_url`."""
    if database_url.startswith("sqlite"):
        return [f"sqlite:///{tmp_path / f'round{i}' / 'archive.sqlite'}" for i in range(rounds)]
    base = database_url.split("?", 1)[0]
    admin = make_engine(base)
    urls = []
    with admin.begin() as conn:
        for _ in range(rounds):
            schema = f"t_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f"CREATE SCHEMA {schema}"))
            urls.append(f"{base}?options={quote(f'-csearch_path={schema}')}")
    admin.dispose()
    return urls


def _drop_schemas(urls: list[str]) -> None:
    if not urls or urls[0].startswith("sqlite"):
        return
    admin = make_engine(urls[0].split("?", 1)[0])
    with admin.begin() as conn:
        for url in urls:
            schema = url.rsplit("search_path%3D", 1)[1]
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()


def test_parallel_first_starts_create_the_schema_once(tmp_path: Path, database_url: str) -> None:
    urls = _fresh_urls(tmp_path, database_url, ROUNDS)
    ctx = multiprocessing.get_context("fork")
    try:
        for url in urls:
            barrier = ctx.Barrier(PROCESSES)
            errors = ctx.Queue()
            procs = [
                ctx.Process(target=_first_start, args=(url, barrier, errors))
                for _ in range(PROCESSES)
            ]
            for proc in procs:
                proc.start()
            for proc in procs:
                proc.join(timeout=300)
            found = []
            while not errors.empty():
                found.append(errors.get())
            assert found == [], found
            assert [p.exitcode for p in procs] == [0] * PROCESSES
            engine = make_engine(url)
            with engine.connect() as conn:
                versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            engine.dispose()
            assert versions == [(head_revision(),)]
    finally:
        _drop_schemas(urls)
