"""Setup faults: parallel first starts, unusable data directories and databases, read-only
commands on a missing archive, crawls killed with SIGKILL."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, func, select, text

from db.engine import ensure_schema, head_revision, make_engine
from tests.factories import REPO, fetch_record, run_command, wait_for_rows

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
    return run_command(*args, env=env, cwd=cwd, timeout=timeout, unset=ARCHIVE_VARIABLES)


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

    from db.records import ArticleData
    from db.store import store_batch

    engine = make_engine(database_url)
    ensure_schema(engine)
    when = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
    records = [
        fetch_record(
            f"https://{site}.example/1",
            site,
            when,
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

    from crawler.cli_common import archive_location

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
    assert declared.stderr.strip().startswith(f"exported 0 articles from {where} in ")
    beta = run("newsarchive", "export", "--site", "beta", env=env)
    assert [json.loads(line)["title"] for line in beta.stdout.splitlines()] == ["beta"]

    stats = run("newsarchive", "stats", "--json", env=env)
    assert json.loads(stats.stdout)["archive"] == where
    assert run("newsarchive", "stats", env=env).stdout.splitlines()[0] == f"archive: {where}"
    status = run("newsarchive", "status", "--json", env=env)
    assert json.loads(status.stdout)["archive"] == where
    assert run("newsarchive", "status", env=env).stdout.splitlines()[0] == f"archive: {where}"


# --- `scrapy crawl` setup mistakes ------------------------------------------------------------


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single `newsarchive:` line a setup mistake gets (and nothing else: no traceback,
    no start-up log)."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    assert lines[0].startswith("newsarchive: "), lines
    return lines[0]


NOWHERE = "url=http://127.0.0.1:9/"  # never fetched: every test below stops before a request


@pytest.mark.e2e
def test_scrapy_crawl_setup_mistakes_are_one_line(tmp_path: Path) -> None:
    data = {"NEWSARCHIVE_DATA_DIR": str(tmp_path / "data")}
    unknown = run("scrapy", "crawl", "no_such_spider", env=data)
    assert unknown.returncode == 2
    line = _one_line_error(unknown)
    assert line.startswith("newsarchive: unknown spider 'no_such_spider'; known: ")
    assert "generic" in line and "rt_de" in line

    unreachable = run(
        "scrapy",
        "crawl",
        "generic",
        "-a",
        NOWHERE,
        env={**data, "DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:1/none"},
    )
    assert unreachable.returncode == 2
    line = _one_line_error(unreachable)
    assert line.startswith(
        "newsarchive: cannot open the archive database at postgresql://nobody:***@127.0.0.1:1/none"
    )
    assert "secret" not in line

    foreign = tmp_path / "foreign.sqlite"
    engine = make_engine(f"sqlite:///{foreign}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE accounts (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    wrong = run(
        "scrapy",
        "crawl",
        "generic",
        "-a",
        NOWHERE,
        env={**data, "DATABASE_URL": f"sqlite:///{foreign}"},
    )
    assert wrong.returncode == 2
    assert _one_line_error(wrong) == (
        f"newsarchive: {foreign}: the database has tables but no newsarchive schema version; "
        "point DATABASE_URL at an empty database or a newsarchive archive"
    )


@pytest.mark.e2e
def test_a_crawl_that_cannot_write_its_data_directory_does_not_start(tmp_path: Path) -> None:
    # As root, permission bits do not stop a write: a data directory below a regular file
    # fails for every user (ENOTDIR), like a read-only mount would.
    (tmp_path / "afile").write_text("not a directory")
    data_dir = tmp_path / "afile" / "data"
    for database in (None, tmp_path / "db" / "archive.sqlite"):
        env = {"NEWSARCHIVE_DATA_DIR": str(data_dir)}
        if database is not None:
            env["DATABASE_URL"] = f"sqlite:///{database}"
        result = run("scrapy", "crawl", "generic", "-a", NOWHERE, "-a", "site=bench", env=env)
        assert result.returncode == 2
        assert _one_line_error(result) == (
            f"newsarchive: cannot write the data directory: {data_dir / 'locks'}: "
            "Not a directory (set NEWSARCHIVE_DATA_DIR to a directory this user can write)"
        )
        assert not (tmp_path / "db").exists()  # nothing was started
    same = run("newsarchive", "crawl", "generic", "--url", NOWHERE[4:], env=env)
    assert same.returncode == 2
    assert _one_line_error(same) == _one_line_error(result)


# A crawl run without the `scrapy crawl` command's checks (as an embedding program would): the
# site lock extension itself refuses to crawl without its lock.
IN_PROCESS_CRAWL = """
import sys
from scrapy.crawler import AsyncCrawlerProcess
from scrapy.utils.project import get_project_settings
from crawler.model.failures import failures_of

settings = get_project_settings()
settings.set("LOG_LEVEL", "ERROR")
settings.set("NEWSARCHIVE_LOCK_DIR", sys.argv[1])
process = AsyncCrawlerProcess(settings)
crawler = process.create_crawler("generic")
process.crawl(crawler, url="http://127.0.0.1:9/", site="bench")
process.start()
print(failures_of(crawler).summary())
"""


def test_without_its_lock_a_crawl_fails_at_once_naming_the_path(
    tmp_path: Path, database_url: str
) -> None:
    from db.models import CrawlRun, Fetch

    (tmp_path / "afile").write_text("not a directory")
    lock_dir = tmp_path / "afile" / "locks"
    env = {
        **os.environ,
        "SCRAPY_SETTINGS_MODULE": "crawler.settings",
        "NEWSARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", IN_PROCESS_CRAWL, str(lock_dir)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    reason = f"data_dir: cannot write {lock_dir}: Not a directory"
    assert result.stdout.strip() == reason
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    engine = make_engine(database_url)
    with engine.connect() as conn:
        run_row = conn.execute(
            select(CrawlRun.outcome, CrawlRun.finish_reason, CrawlRun.stats)
        ).one()
        fetches = conn.execute(select(func.count()).select_from(Fetch)).scalar_one()
    engine.dispose()
    assert run_row.outcome == "failed"
    assert run_row.stats["archive/failure/summary"] == reason
    assert reason.startswith(run_row.finish_reason.rstrip("…"))  # the first 100 characters
    assert fetches == 0  # nothing was fetched without the lock


# --- runs of crawls killed with SIGKILL -------------------------------------------------------


def test_a_run_whose_process_is_gone_is_settled_by_the_next_crawl_of_its_site(
    engine: Engine,
) -> None:
    from db.health import LOST_REASON, get_run, settle_lost_runs
    from db.runs import start_run

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # reaped: its pid names no process now
    here, pid = "this-host", os.getpid()
    lost = start_run(engine, "generic", "bench", "bench", {}, pid=dead.pid, hostname=here)
    starting = start_run(engine, "generic", "bench", "bench", {}, pid=pid, hostname=here)
    elsewhere = start_run(engine, "generic", "bench", "bench", {}, pid=dead.pid, hostname="other")
    other_site = start_run(engine, "generic", "other", "other", {}, pid=dead.pid, hostname=here)
    own = start_run(engine, "generic", "bench", "bench", {}, pid=dead.pid, hostname=here)

    def gone(run_pid: int | None, started: Any) -> bool:
        return run_pid == dead.pid

    assert settle_lost_runs(engine, "bench", here, keep=own, gone=gone) == [lost]
    settled = get_run(engine, lost)
    assert settled is not None
    assert (settled.outcome, settled.finish_reason) == ("interrupted", LOST_REASON)
    assert settled.finished_at is not None
    for run_id in (starting, elsewhere, other_site, own):
        left = get_run(engine, run_id)
        assert left is not None and left.outcome == "running", run_id


SLOW = {
    "DOWNLOAD_DELAY": "0.05",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    "DOWNLOAD_TIMEOUT": "3",
    "RETRY_TIMES": "1",
    "LOG_LEVEL": "INFO",
    "NEWSARCHIVE_EXTRACT_WORKERS": "1",
    "NEWSARCHIVE_STORE_BATCH_SIZE": "5",
}


@pytest.mark.e2e
def test_a_crawl_killed_with_sigkill_is_shown_and_settled_as_interrupted(
    tmp_path: Path, database_url: str
) -> None:
    import json

    from crawler.demoweb import DemoWeb
    from crawler.extensions import LOST_RUNS_STAT
    from crawler.runner import crawl_command, crawl_env
    from db.health import LOST_REASON
    from db.models import CrawlRun, Fetch

    env = {"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
    engine = make_engine(database_url)
    with DemoWeb(bench_articles=200) as bench:
        url = bench.base_url("bench")
        cmd = crawl_command("generic", url=url, spider_args={"site": "bench"}, settings=SLOW)
        proc = subprocess.Popen(
            cmd, env=crawl_env(env), start_new_session=True, stderr=subprocess.DEVNULL
        )
        try:
            fetched = wait_for_rows(engine, Fetch, 3, proc, seconds=180)
            assert proc.poll() is None, "the crawl ended before it could be killed"
            assert fetched >= 3, "the crawl stored nothing in time"
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        with engine.connect() as conn:
            killed = conn.execute(select(CrawlRun.id, CrawlRun.outcome)).one()
        assert killed.outcome == "running"  # nothing in the crawl could close it

        # `status` shows it as what it is, and leaves the record alone.
        status = run("newsarchive", "status", "--json", env=env)
        assert status.returncode == 0, status.stderr
        site = next(s for s in json.loads(status.stdout)["sites"] if s["site"] == "bench")
        last = site["last_run"]
        assert (last["id"], last["outcome"], last["finish_reason"]) == (
            killed.id,
            "interrupted",
            LOST_REASON,
        )
        assert last["recorded_outcome"] == "running"
        table = run("newsarchive", "status", env=env)
        bench_row = next(line for line in table.stdout.splitlines() if " bench " in line)
        assert "interrupted" in bench_row, table.stdout
        assert "running (pid" not in table.stdout

        # The site's next crawl, holding the lock, closes the record.
        again = subprocess.run(
            crawl_command(
                "generic",
                url=url,
                spider_args={"site": "bench", "limit": "1"},
                settings={**SLOW, "DOWNLOAD_DELAY": "0"},
            ),
            env=crawl_env(env),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 0, again.stderr[-3000:]
    assert f"run {killed.id} of site bench was left running" in again.stderr
    with engine.connect() as conn:
        runs = conn.execute(
            select(CrawlRun.id, CrawlRun.outcome, CrawlRun.finish_reason, CrawlRun.stats).order_by(
                CrawlRun.id
            )
        ).all()
    engine.dispose()
    assert [(r.id, r.outcome, r.finish_reason) for r in runs] == [
        (killed.id, "interrupted", LOST_REASON),
        (runs[1].id, "finished", "finished"),
    ]
    assert runs[1].stats[LOST_RUNS_STAT] == 1
