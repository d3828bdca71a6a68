"""The scheduler, exercised for real: a `newsarchive schedule` process with second-level
intervals against the demo web, plus its start-up checks and fault handling."""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from crawler.cli import main
from crawler.crawl_process import end_reason
from crawler.db_retry import call_with_retry
from crawler.demoweb import DemoWeb
from crawler.locks import is_locked, site_lock
from crawler.model.sitespec import Site
from crawler.schedule_file import load_schedule
from crawler.scheduler import (
    SCHEDULER_LOCK,
    Scheduler,
    SchedulerOptions,
    SchedulerStartError,
    check_data_dir,
)
from db.engine import ensure_schema, make_engine
from db.health import RunSummary, runs_before
from db.models import RunWarning
from db.runs import start_run

# Crawls of the loopback demo web need no politeness; a short timeout keeps its slow page
# from stalling a run.
FAST = (
    'DOWNLOAD_DELAY = "0", AUTOTHROTTLE_ENABLED = "0", DOWNLOAD_TIMEOUT = "3", '
    'RETRY_TIMES = "0", LOG_LEVEL = "INFO"'
)


def wait_for(
    condition: Callable[[], object], what: str, log: Path | None = None, timeout: float = 240
) -> None:
    """Wait on a condition with a generous deadline (never a fixed sleep, never a speed test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-4000:] if log and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


def runs_of(engine: Engine, site: str) -> list[RunSummary]:
    return list(reversed(runs_before(engine, site, limit=1000)))


SCHEDULE_CMD = [sys.executable, "-m", "crawler.cli", "schedule", "--local"]


class RunningScheduler:
    """A `newsarchive schedule` subprocess with its own data directory and log."""

    def __init__(self, tmp_path: Path, database_url: str, toml: str, *args: str) -> None:
        self.data_dir = tmp_path / "data"
        self.log = tmp_path / "scheduler.log"
        config = tmp_path / "schedule.toml"
        config.write_text(toml, encoding="utf-8")
        env = {
            **os.environ,
            "NEWSARCHIVE_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": database_url,
        }
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                # --local: on PostgreSQL too, the crawls run under this scheduler (no workers).
                [*SCHEDULE_CMD, "--config", str(config), *args],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def stop(self, timeout: float = 180) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"scheduler did not stop\n{self.output[-4000:]}") from None

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def started() -> Iterator[list[RunningScheduler]]:
    schedulers: list[RunningScheduler] = []
    yield schedulers
    for scheduler in schedulers:
        scheduler.close()


# --------------------------------------------------------------------------- for real


@pytest.mark.e2e
def test_scheduler_runs_sites_repeatedly_never_overlapping_and_stops_cleanly(
    tmp_path: Path,
    database_url: str,
    engine: Engine,
    started: list[RunningScheduler],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with DemoWeb(slow_seconds=0.2, large_bytes=64 * 1024) as web:
        toml = f"""
site_defaults = false
max_parallel = 3

[defaults]
jitter = 0
time_limit = "2m"
settings = {{ {FAST} }}

[jobs.rt_de]
args = {{ url = "{web.base_url("rt")}", limit = "4" }}
schedule = "2s"

# A second job on the same site: it must never run while the first one does.
[jobs.rt_de_mirror]
spider = "rt_de"
args = {{ url = "{web.base_url("rt-mirror")}", limit = "4" }}
schedule = "3s"

[jobs.tagesblick]
spider = "generic"
args = {{ url = "{web.base_url("tagesblick")}", site = "tagesblick", limit = "4" }}
schedule = "2s"
"""
        # A short grace: the crawl in flight usually gets SIGTERM and closes itself cleanly.
        scheduler = RunningScheduler(
            tmp_path, database_url, toml, "--grace", "1", "--kill-after", "30"
        )
        started.append(scheduler)

        def done(site: str, n: int) -> bool:
            return sum(r.outcome == "finished" for r in runs_of(engine, site)) >= n

        wait_for(lambda: done("rt_de", 2) and done("tagesblick", 2), "several runs", scheduler.log)

        # `status` reads the running scheduler's next runs.
        monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(scheduler.data_dir))
        monkeypatch.setenv("DATABASE_URL", database_url)
        assert main(["status", "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
        assert status["scheduler"]["running"] is True
        sites = {s["site"]: s for s in status["sites"]}
        assert sites["rt_de"]["next_run_source"] == "scheduler"
        assert sites["tagesblick"]["last_run"]["trigger"] == "scheduled"
        assert sites["rt_de"]["new_articles_24h"] + sites["tagesblick"]["new_articles_24h"] > 0
        in_flight: list[int] = []

        def crawl_in_flight() -> bool:
            for site in ("rt_de", "tagesblick"):
                for run in runs_of(engine, site):
                    if run.outcome == "running" and run.pid is not None:  # crawling
                        in_flight.append(run.id)
                        return True
            return False

        wait_for(crawl_in_flight, "a crawl in flight", scheduler.log)
        assert scheduler.stop() == 0, scheduler.output[-4000:]

    output = scheduler.output
    assert "scheduler stopped" in output
    for site in ("rt_de", "tagesblick"):
        runs = runs_of(engine, site)
        assert all(r.trigger == "scheduled" for r in runs)
        # Every run was recorded to its end, with the crawl process's exit status.
        assert all(r.outcome != "running" and r.finished_at is not None for r in runs), runs
        assert all(r.exit_status is not None for r in runs), runs
        # Never two at once: each run ended before the next one of the site began.
        for before, after in itertools.pairwise(runs):
            assert before.finished_at is not None
            assert before.finished_at <= after.started_at, (before, after)
    (stopped,) = [
        r for site in ("rt_de", "tagesblick") for r in runs_of(engine, site) if r.id == in_flight[0]
    ]
    # The crawl in flight finished within the grace period or, stopped by SIGTERM, closed
    # its own record as Scrapy does on a clean shutdown.
    assert (stopped.outcome, stopped.finish_reason) in (
        ("finished", "finished"),
        ("interrupted", "shutdown"),
    ), stopped
    assert not (tmp_path / "data" / "scheduler.json").exists()


class BlackHole:
    """A TCP server that accepts connections and never answers: a hung site."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.mark.e2e
def test_hung_crawls_are_killed_at_their_time_limit_and_crashes_are_recorded(
    tmp_path: Path, database_url: str, engine: Engine, started: list[RunningScheduler]
) -> None:
    hole = BlackHole()
    toml = f"""
site_defaults = false
max_parallel = 2

[defaults]
jitter = 0
settings = {{ {FAST} }}

[jobs.hung]
spider = "generic"
args = {{ url = "{hole.url}", site = "hung" }}
settings = {{ DOWNLOAD_TIMEOUT = "600" }}
schedule = "2s"
time_limit = "2s"

[jobs.crashy]
spider = "generic"
args = {{ url = "http://127.0.0.1:9/", site = "crashy" }}
settings = {{ NEWSARCHIVE_STORE_BATCH_SIZE = "many" }}   # the crawl dies at start-up
schedule = "2s"
"""
    try:
        scheduler = RunningScheduler(
            tmp_path, database_url, toml, "--grace", "0", "--kill-after", "1"
        )
        started.append(scheduler)

        def timed_out() -> bool:
            return any(r.finish_reason == "timeout" for r in runs_of(engine, "hung"))

        def crashed_twice() -> bool:
            return sum(r.outcome == "failed" for r in runs_of(engine, "crashy")) >= 2

        wait_for(timed_out, "a crawl killed at its time limit", scheduler.log)
        wait_for(crashed_twice, "the scheduler to carry on after crashes", scheduler.log)
        wait_for(
            lambda: any(r.outcome == "running" for r in runs_of(engine, "hung")),
            "another hung crawl in flight",
            scheduler.log,
        )
        assert scheduler.stop() == 0, scheduler.output[-4000:]
    finally:
        hole.close()

    hung = runs_of(engine, "hung")
    killed = next(r for r in hung if r.finish_reason == "timeout")
    assert killed.outcome == "failed"
    assert killed.exit_status is not None
    # The hung crawl in flight at shutdown was stopped (grace 0) and recorded as such.
    last = hung[-1]
    assert last.outcome in ("interrupted", "failed"), last
    assert last.finish_reason in ("scheduler shutdown", "shutdown", "timeout"), last
    crashy = runs_of(engine, "crashy")
    assert crashy[0].finish_reason == "crashed: exit 1"
    assert crashy[0].exit_status == 1
    assert all(r.outcome != "running" for r in [*hung, *crashy])
    # The monitors judged the runs that died: two failures in a row raise a warning.
    with engine.connect() as conn:
        rules = set(conn.execute(select(RunWarning.rule)).scalars())
    assert "failed_runs" in rules
    assert "passed its time limit" in scheduler.output


# --------------------------------------------------------------------------- start-up


def test_an_unwritable_data_directory_stops_with_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(blocker / "data"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'archive.sqlite'}")
    assert main(["schedule"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsarchive: the data directory")
    assert "is not writable" in err and len(err.splitlines()) == 1


def test_a_bad_schedule_file_stops_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "schedule.toml"
    config.write_text('[jobs.rt_de]\nschedule = "sometimes"\n')
    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(tmp_path / "data"))
    assert main(["schedule", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"{config}:2: job 'rt_de', field 'schedule'" in err
    assert not (tmp_path / "data").exists()


def test_list_shows_every_job_with_its_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "schedule.toml"
    config.write_text(
        '[jobs.rt_de]\nschedule = "*/20 * * * *"\n\n'
        '[jobs.copy]\nspider = "generic"\nargs = { url = "http://127.0.0.1:9/" }\n'
        'schedule = "3h"\nenabled = false\n'
    )
    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["schedule", "--list", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "rt_de" in out and "cron */20 * * * *" in out
    assert "copy" in out and "disabled" in out


# --------------------------------------------------------------------------- faults


def test_a_briefly_unavailable_database_costs_a_retry() -> None:
    calls: list[int] = []
    slept: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        return "ok"

    assert call_with_retry(flaky, "test", retry_for=60, sleep=slept.append) == "ok"
    assert slept == [1.0, 2.0]  # exponential backoff

    def broken() -> None:
        raise ProgrammingError("SELECT", {}, Exception("no such column"))

    with pytest.raises(ProgrammingError):  # a bug is not retried
        call_with_retry(broken, "test", retry_for=60, sleep=slept.append)
    clock = iter(range(0, 1000, 10))

    def down() -> None:
        raise OperationalError("INSERT", {}, Exception("connection refused"))

    with pytest.raises(OperationalError):  # nor retried forever
        call_with_retry(
            down, "test", retry_for=30, sleep=lambda s: None, clock=lambda: float(next(clock))
        )


def test_how_a_supervised_crawl_ended() -> None:
    assert end_reason("timeout", -9) == ("failed", "timeout", ("running", "interrupted"))
    assert end_reason("scheduler shutdown", 0)[:2] == ("interrupted", "scheduler shutdown")
    assert end_reason("worker shutdown", 0)[:2] == ("interrupted", "worker shutdown")
    assert end_reason(None, 1)[:2] == ("failed", "crashed: exit 1")
    assert end_reason(None, -9)[:2] == ("failed", "killed by signal 9 (SIGKILL)")


def test_check_data_dir_accepts_a_fresh_directory(tmp_path: Path) -> None:
    check_data_dir(tmp_path / "new" / "data")
    assert (tmp_path / "new" / "data" / "locks").is_dir()


def test_a_site_locked_by_a_manual_crawl_is_skipped_not_crawled(
    tmp_path: Path, database_url: str, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    config = load_schedule(
        None, {"alpha": Site(key="alpha", name="Alpha", domains=("a.example",), schedule="1h")}
    )
    options = SchedulerOptions(data_dir=tmp_path / "data", database_url=database_url)
    scheduler = Scheduler(config, options)
    scheduler.prepare()
    # An operator's crawl of the site holds its lock (here: this process, as a crawl would).
    with site_lock(tmp_path / "data" / "locks", database_url, "alpha") as lock:
        assert lock.acquire()
        scheduler._run_job(config.jobs[0])
    assert "being crawled by another process" in caplog.text
    # Nothing spawned; the passed-over slot is on record for status and the monitors.
    (run,) = runs_of(engine, "alpha")
    assert (run.outcome, run.finish_reason, run.trigger) == ("skipped", "locked", "scheduled")
    assert run.finished_at is not None and run.skipped
    scheduler.close()


def test_one_scheduler_per_archive_and_lost_runs_are_closed(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    config = load_schedule(
        None, {"alpha": Site(key="alpha", name="Alpha", domains=("a.example",), schedule="1h")}
    )
    options = SchedulerOptions(data_dir=tmp_path / "data", database_url=database_url)
    # A crawl that died with the machine: its record still says "running".
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    lost = start_run(
        engine, "alpha", "alpha", "Alpha", {}, pid=int(gone.stdout), hostname=socket.gethostname()
    )
    first = Scheduler(config, options)
    first.prepare()
    try:
        (run,) = runs_of(engine, "alpha")
        assert (run.id, run.outcome, run.finish_reason) == (
            lost,
            "interrupted",
            "lost: its crawl process is gone",
        )
        second = Scheduler(config, options)
        with pytest.raises(SchedulerStartError, match="another scheduler is running"):
            second.prepare()
        second.close()
    finally:
        first.close()
    again = Scheduler(config, options)
    again.prepare()  # the lock went with the first one
    again.close()


# --------------------------------------------------------------------------- backup


def test_backup_copies_a_live_sqlite_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    ensure_schema(engine)
    start_run(engine, "alpha", "alpha", "Alpha", {})
    target = tmp_path / "backup" / "copy.sqlite"
    assert main(["backup", str(target)]) == 0
    copy = make_engine(f"sqlite:///{target}")
    assert [r.spider for r in runs_before(copy, "alpha")] == ["alpha"]
    assert main(["backup", str(target)]) == 2  # never overwrites
    assert "exists" in capsys.readouterr().err
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    assert main(["backup", str(tmp_path / "pg.dump")]) == 2
    assert "pg_dump" in capsys.readouterr().err
    engine.dispose()
    copy.dispose()


def test_an_unreachable_database_at_start_up_is_one_clear_message(tmp_path: Path) -> None:
    config = load_schedule(
        None, {"alpha": Site(key="alpha", name="Alpha", domains=("a.example",), schedule="1h")}
    )
    options = SchedulerOptions(
        data_dir=tmp_path / "data",
        database_url="postgresql://nobody@127.0.0.1:9/none",  # nothing listens on port 9
        db_start_wait=1.0,
    )
    scheduler = Scheduler(config, options)
    with pytest.raises(SchedulerStartError, match=r"^cannot open the archive database: "):
        scheduler.prepare()
    # Nothing is left held: a scheduler can start once the database is back.
    assert not is_locked(tmp_path / "data" / "locks", SCHEDULER_LOCK)
