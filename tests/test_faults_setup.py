"""Setup faults: parallel first starts, unusable data directories and databases, read-only
commands on a missing archive, crawls killed with SIGKILL."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
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


# --- read-only commands on a missing archive -------------------------------------------------


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path = REPO, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """A command as a user types it, with only the archive variables given in `env`."""
    full_env = {k: v for k, v in os.environ.items() if k not in ARCHIVE_VARIABLES}
    full_env.update(env or {})
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        env=full_env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


ARCHIVE_VARIABLES = ("DATABASE_URL", "NEWSARCHIVE_DATABASE_URL", "NEWSARCHIVE_DATA_DIR")
READ_ONLY_COMMANDS = [
    ("export",),
    ("stats",),
    ("stats", "--json"),
    ("status",),
    ("status", "--json"),
    ("reextract",),
    ("db", "current"),
]


def test_read_only_commands_never_create_an_archive(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    expected = (
        f"newsarchive: no archive at {elsewhere / 'data' / 'archive.sqlite'} "
        "(set DATABASE_URL or NEWSARCHIVE_DATA_DIR)"
    )
    for command in READ_ONLY_COMMANDS:
        result = run("newsarchive", *command, cwd=elsewhere)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert result.stderr.strip().splitlines() == [expected], command
        assert result.stdout == "", command
    # The declared sites are listed all the same, with where the archive was looked for.
    sites = run("newsarchive", "sites", cwd=elsewhere)
    assert sites.returncode == 0, sites.stderr
    assert "rt_de" in sites.stdout
    assert f"no archive at {elsewhere / 'data' / 'archive.sqlite'}" in sites.stdout
    assert list(elsewhere.iterdir()) == []

    typo = tmp_path / "archvie" / "archive.sqlite"
    result = run("newsarchive", "export", env={"DATABASE_URL": f"sqlite:///{typo}"})
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsarchive: no archive at {typo} ")
    assert not typo.parent.exists()


def _seed(database_url: str) -> None:
    """One article on each of two sites."""
    from datetime import UTC, datetime

    from db.repo import ArticleData, FetchRecord, store_batch

    engine = make_engine(database_url)
    ensure_schema(engine)
    when = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    records = [
        FetchRecord(
            site_key=site,
            site_name=site,
            url=f"https://{site}.example/1",
            requested_url=f"https://{site}.example/1",
            kind="article",
            status=200,
            fetched_at=when,
            outcome="archived",
            article=ArticleData(
                content_hash=f"h-{site}", text=f"Text von {site}.", language="de", title=site
            ),
        )
        for site in ("alpha", "beta")
    ]
    store_batch(engine, None, records)
    engine.dispose()


def test_read_only_commands_name_the_archive_and_refuse_an_unknown_site(
    tmp_path: Path, database_url: str
) -> None:
    import json

    from crawler.cli import archive_location

    _seed(database_url)
    env = {"DATABASE_URL": database_url, "NEWSARCHIVE_DATA_DIR": str(tmp_path)}
    where = archive_location(database_url)
    assert "secret" not in where

    unknown = run("newsarchive", "export", "--site", "gamma", env=env)
    assert unknown.returncode == 2
    assert unknown.stdout == ""
    assert unknown.stderr.strip().splitlines() == [
        f"newsarchive: unknown site 'gamma': not in the archive at {where} (its sites: alpha, beta)"
    ]
    # A declared site that was never crawled is known: it has nothing yet.
    declared = run("newsarchive", "export", "--site", "rt_de", env=env)
    assert declared.returncode == 0, declared.stderr
    assert declared.stderr.strip() == f"exported 0 articles from {where}"
    beta = run("newsarchive", "export", "--site", "beta", env=env)
    assert [json.loads(line)["title"] for line in beta.stdout.splitlines()] == ["beta"]

    stats = run("newsarchive", "stats", "--json", env=env)
    assert json.loads(stats.stdout)["archive"] == where
    assert run("newsarchive", "stats", env=env).stdout.splitlines()[0] == f"archive: {where}"
    status = run("newsarchive", "status", "--json", env=env)
    assert json.loads(status.stdout)["archive"] == where
    assert run("newsarchive", "status", env=env).stdout.splitlines()[0] == f"archive: {where}"
