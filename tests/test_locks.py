"""Per-site crawl locks: exclusive, released when the holder dies, honoured by every crawl."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from crawler.locks import SiteLock, is_locked, lock_path, site_lock, site_lock_holders
from crawler.runner import run_crawl
from db.models import CrawlRun, Fetch
from db.sitelock import PgSiteLock, lock_key

HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from crawler.locks import SiteLock
lock = SiteLock(Path(sys.argv[1]), sys.argv[2])
assert lock.acquire(run_id=7)
print("held", flush=True)
time.sleep(600)
"""


def test_a_site_lock_is_exclusive_until_released(tmp_path: Path) -> None:
    first, second = SiteLock(tmp_path, "alpha"), SiteLock(tmp_path, "alpha")
    assert first.acquire()
    assert is_locked(tmp_path, "alpha")
    assert not second.acquire()  # flock: a second open file conflicts, even in one process
    assert SiteLock(tmp_path, "beta").acquire()  # other sites are independent
    assert f"pid {os.getpid()}" in second.holder()
    first.release()
    assert not is_locked(tmp_path, "alpha")
    assert second.holder() == "unknown"
    with second:
        assert second.acquire() and second.held
    assert not is_locked(tmp_path, "alpha")


def test_odd_site_keys_make_safe_file_names(tmp_path: Path) -> None:
    assert lock_path(tmp_path, "../etc/passwd").parent == tmp_path
    assert not is_locked(tmp_path, "never-used")


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(tmp_path), "alpha"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        lock = SiteLock(tmp_path, "alpha")
        assert is_locked(tmp_path, "alpha")
        assert not lock.acquire()
        assert f"pid {holder.pid}" in lock.holder() and "run 7" in lock.holder()
        os.kill(holder.pid, signal.SIGKILL)  # no clean-up code runs
        holder.wait()
        assert lock.acquire()  # no stale lock: the kernel dropped it
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


@pytest.mark.e2e
def test_a_crawl_of_a_locked_site_stops_at_once_and_says_so(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    data_dir = tmp_path / "data"
    # As if an operator's crawl of the site were running: this process holds its lock (a file
    # on SQLite, a PostgreSQL advisory lock on PostgreSQL).
    with site_lock(data_dir / "locks", database_url, "tagesblick") as lock:
        assert lock.acquire()
        result = run_crawl(
            "generic",
            url="http://127.0.0.1:9/",  # never fetched
            spider_args={"site": "tagesblick"},
            settings={"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "0"},
            env={"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database_url},
            timeout=120,
            capture=True,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "is being crawled already" in result.stderr
    with engine.connect() as conn:
        run = conn.execute(select(CrawlRun.outcome, CrawlRun.finish_reason)).one()
        fetches = conn.execute(select(func.count()).select_from(Fetch)).scalar_one()
    assert (run.outcome, run.finish_reason) == ("skipped", "locked")
    assert fetches == 0


def test_a_run_process_is_gone_when_dead_a_zombie_or_younger_than_its_run() -> None:
    from datetime import UTC, datetime, timedelta

    from crawler.locks import process_gone

    now = datetime.now(UTC)
    assert not process_gone(os.getpid(), now)  # this process, started before "now"
    assert not process_gone(None, now)  # no pid yet: not judged
    # A process that started long after the run did holds a reused pid: the run's is gone.
    assert process_gone(os.getpid(), now - timedelta(days=1))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    while True:  # a zombie until reaped: os.kill still finds it
        with open(f"/proc/{child.pid}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
        time.sleep(0.01)
    assert process_gone(child.pid, now)
    child.wait()
    assert process_gone(child.pid, now)  # reaped: no such process


PG_HOLD_SCRIPT = """
import sys, time
from pathlib import Path
from crawler.locks import site_lock
lock = site_lock(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
assert lock.acquire(run_id=7)
print("held", flush=True)
time.sleep(600)
"""


def test_the_site_lock_of_an_archive_dies_with_its_process_and_names_its_holder(
    tmp_path: Path, database_url: str
) -> None:
    """flock on SQLite, a PostgreSQL session advisory lock on PostgreSQL: same behaviour."""
    lock_dir = tmp_path / "locks"
    holder = subprocess.Popen(
        [sys.executable, "-c", PG_HOLD_SCRIPT, str(lock_dir), database_url, "alpha"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        lock = site_lock(lock_dir, database_url, "alpha")
        assert isinstance(lock, PgSiteLock) == database_url.startswith("postgresql")
        assert not lock.acquire()
        busy = site_lock_holders(lock_dir, database_url, ["alpha", "beta"])
        assert list(busy) == ["alpha"]
        assert f"pid {holder.pid}" in busy["alpha"] and "run 7" in busy["alpha"]
        assert f"pid {holder.pid}" in lock.holder()
        with site_lock(lock_dir, database_url, "beta") as other:
            assert other.acquire()  # other sites are independent
        os.kill(holder.pid, signal.SIGKILL)  # no clean-up code runs
        holder.wait()
        # The server notices the closed connection at once; a poll, not a sleep.
        deadline = time.monotonic() + 30
        while not lock.acquire() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert lock.held
        assert site_lock_holders(lock_dir, database_url, ["alpha"])["alpha"].count("pid") == 1
        lock.release()
        assert site_lock_holders(lock_dir, database_url, ["alpha"]) == {}
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_postgres_lock_keys_differ_by_database_schema_and_site() -> None:
    base = lock_key("test", "t_one", "alpha")
    assert base == lock_key("test", "t_one", "alpha")  # stable across processes
    assert len({base, lock_key("test", "t_two", "alpha"), lock_key("other", "t_one", "alpha")}) == 3
    assert base != lock_key("test", "t_one", "beta")
    assert -(2**63) <= base < 2**63


def test_two_archives_in_different_schemas_lock_one_site_independently(
    tmp_path: Path, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("schemas are PostgreSQL's")
    from urllib.parse import quote

    from sqlalchemy import text

    from db.engine import make_engine

    other_schema = f"t_other_{os.getpid()}"
    admin = make_engine(database_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {other_schema}"))
    base = database_url.split("options=")[0].rstrip("?&")
    sep = "&" if "?" in base else "?"
    other_url = f"{base}{sep}options={quote(f'-csearch_path={other_schema}')}"
    try:
        with PgSiteLock(database_url, "alpha") as mine, PgSiteLock(other_url, "alpha") as theirs:
            assert mine.acquire()
            assert theirs.acquire()  # the same site key in another archive
            assert not PgSiteLock(database_url, "alpha").acquire()
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {other_schema} CASCADE"))
        admin.dispose()


def test_status_names_who_crawls_a_busy_site(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    import json

    from tests.factories import run_command

    env = {"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
    unset = ("NEWSARCHIVE_DATABASE_URL",)
    with site_lock(tmp_path / "locks", database_url, "rt_de") as lock:
        assert lock.acquire(run_id=42)
        status = run_command("newsarchive", "status", "--json", env=env, unset=unset)
        table = run_command("newsarchive", "status", env=env, unset=unset)
    assert status.returncode == 0, status.stderr
    sites = {s["site"]: s for s in json.loads(status.stdout)["sites"]}
    holder = sites["rt_de"]["locked_by"]
    assert f"pid {os.getpid()}" in holder and "run 42" in holder
    assert sum(1 for s in sites.values() if s["locked_by"]) == 1
    assert f"rt_de is being crawled: pid {os.getpid()}" in table.stdout
