"""Crawls across machines on a PostgreSQL archive: the job queue's schema, ticks enqueued once,
workers running crawls, a dead worker's crawl given back, a standby scheduler taking over."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from crawler.demoweb import DemoWeb
from crawler.jobqueue import (
    CRAWL_TASK,
    QUEUE,
    ensure_queue_schema,
    job_payload,
    site_lock_name,
    tick_id,
)
from crawler.locks import locks_dir, site_lock_holders
from crawler.queue_scheduler import (
    LOST_WORKER_REASON,
    QueueScheduler,
    QueueSchedulerOptions,
    due_tick,
)
from crawler.schedules import Job, ScheduleConfig, parse_schedule
from db.models import CrawlRun, ScheduleTick
from db.ticks import claim_tick
from tests.factories import run_command
from tests.test_scheduler import FAST, wait_for

FAST_SETTINGS = dict(part.split(" = ") for part in FAST.replace('"', "").split(", "))


def _pg_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the job queue lives in PostgreSQL")


def _job(name: str, site: str, every: str = "1h", **kw: object) -> Job:
    return Job(name=name, spider=site, site=site, schedule=parse_schedule(every), **kw)  # type: ignore[arg-type]


def _queue_jobs(engine: Engine) -> list[tuple[int, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, status, args->>'tick' FROM procrastinate_jobs ORDER BY id")
        ).all()
    return [(int(i), str(s), str(t)) for i, s, t in rows]


@pytest.fixture
def scheduler(database_url: str, engine: Engine) -> Iterator[QueueScheduler]:
    _pg_only(database_url)
    config = ScheduleConfig(
        jobs=(_job("alpha", "alpha"), _job("beta", "beta"), _job("beta_again", "beta")),
        timezone="UTC",
    )
    made = QueueScheduler(config, QueueSchedulerOptions(database_url=database_url))
    made.prepare()
    with made.app.open():
        yield made
    made.close()


# --------------------------------------------------------------------------- units


def test_a_due_tick_is_the_latest_missed_time_so_missed_runs_collapse() -> None:
    job = _job("alpha", "alpha", "10m")
    t0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert due_tick(job, None, t0, t0, UTC) == t0  # never ticked: the first time, once due
    assert due_tick(job, None, t0, t0 - timedelta(seconds=1), UTC) is None
    assert due_tick(job, t0, t0, t0 + timedelta(minutes=5), UTC) is None
    assert due_tick(job, t0, t0, t0 + timedelta(minutes=35), UTC) == t0 + timedelta(minutes=30)
    cron = _job("night", "alpha", "0 3 * * *")
    last = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    later = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert due_tick(cron, last, last, later, UTC) == datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


def test_worker_on_a_sqlite_archive_is_one_clear_line(tmp_path: Path) -> None:
    done = run_command(
        "newsarchive",
        "worker",
        env={"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": ""},
        unset=("NEWSARCHIVE_DATABASE_URL",),
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "newsarchive: `newsarchive worker` needs a PostgreSQL archive "
        "(DATABASE_URL=postgresql://...); on SQLite `newsarchive schedule` runs the crawls itself"
    ]


# --------------------------------------------------------------------------- PostgreSQL


def test_the_queue_schema_is_applied_once(database_url: str, engine: Engine) -> None:
    _pg_only(database_url)
    assert ensure_queue_schema(engine) == ["schema.sql"]
    assert ensure_queue_schema(engine) == []  # idempotent: the newest migration is recorded
    with engine.connect() as conn:
        # In the archive's own schema (the test's search_path), not in public.
        schema = conn.execute(
            text(
                "SELECT relnamespace::regnamespace::text FROM pg_class WHERE oid = "
                "to_regclass('procrastinate_jobs')"
            )
        ).scalar()
        current = conn.execute(text("SELECT current_schema()")).scalar()
    assert schema == current != "public"


def test_each_tick_is_enqueued_once_and_a_waiting_crawl_absorbs_another(
    scheduler: QueueScheduler, engine: Engine
) -> None:
    now = datetime.now(UTC)
    first = scheduler.tick(now)
    assert len(first) == 3
    jobs = _queue_jobs(engine)
    # beta and beta_again crawl one site: its crawl waiting in the queue absorbs the second.
    assert len(jobs) == 2
    with engine.connect() as conn:
        states = dict(conn.execute(select(ScheduleTick.job_name, ScheduleTick.state)).all())
    assert states == {"alpha": "enqueued", "beta": "enqueued", "beta_again": "collapsed"}
    assert scheduler.tick(now + timedelta(seconds=30)) == []  # nothing new is due
    assert len(_queue_jobs(engine)) == 2


def test_a_tick_claimed_by_a_scheduler_that_died_is_completed_not_doubled(
    scheduler: QueueScheduler, engine: Engine
) -> None:
    at = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    alpha = scheduler.jobs["alpha"]
    # The dead scheduler claimed one tick and made its queue job, but never marked it...
    assert claim_tick(engine, "alpha", at)
    made = scheduler.app.configure_task(
        name=CRAWL_TASK, queue=QUEUE, lock=site_lock_name("alpha")
    ).defer(**job_payload(alpha, at))
    # ...and claimed another, and died before making its job.
    assert claim_tick(engine, "beta", at)
    assert not claim_tick(engine, "beta", at)  # a claim is made once
    scheduler.tick(at)  # its successor's first round
    jobs = _queue_jobs(engine)
    assert sorted(t for _, _, t in jobs) == [tick_id("alpha", at), tick_id("beta", at)]
    with engine.connect() as conn:
        rows = dict(
            conn.execute(
                select(ScheduleTick.job_name, ScheduleTick.queue_job_id).where(
                    ScheduleTick.scheduled_at == at
                )
            ).all()
        )
    assert rows["alpha"] == made


WORKER_CMD = [sys.executable, "-m", "crawler.cli", "worker"]


def _worker(tmp_path: Path, database_url: str, name: str) -> subprocess.Popen[bytes]:
    log = open(tmp_path / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
    env = {
        **os.environ,
        "NEWSARCHIVE_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url,
    }
    env.pop("NEWSARCHIVE_DATABASE_URL", None)
    return subprocess.Popen(
        [*WORKER_CMD, "--concurrency", "2", "--heartbeat", "0.5", "--kill-after", "5"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def _runs(engine: Engine, site: str) -> list[CrawlRun]:
    from db.models import Site

    with engine.connect() as conn:
        return list(
            conn.execute(
                select(CrawlRun)
                .join(Site, Site.id == CrawlRun.site_id)
                .where(Site.key == site)
                .order_by(CrawlRun.id)
            ).all()
        )


@pytest.mark.e2e
def test_a_worker_crawls_and_a_killed_workers_crawl_is_given_to_another(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    _pg_only(database_url)
    with DemoWeb(slow_seconds=0.3) as web:
        slow = {**FAST_SETTINGS, "DOWNLOAD_DELAY": "0.5"}
        job = Job(
            name="tagesblick",
            spider="generic",
            site="tagesblick",
            schedule=parse_schedule("1h"),
            spider_args={"url": web.base_url("tagesblick"), "site": "tagesblick", "limit": "30"},
            settings=slow,
            time_limit=120,
        )
        config = ScheduleConfig(jobs=(job,), timezone="UTC")
        scheduler = QueueScheduler(
            config, QueueSchedulerOptions(database_url=database_url, stalled_after=2.0)
        )
        scheduler.prepare()
        first = _worker(tmp_path, database_url, "first")
        second: subprocess.Popen[bytes] | None = None
        try:
            with scheduler.app.open():
                assert len(scheduler.tick(datetime.now(UTC))) == 1

                def crawling() -> bool:
                    runs = _runs(engine, "tagesblick")
                    return bool(runs) and runs[-1].pid is not None

                wait_for(crawling, "the worker's crawl", tmp_path / "first.log")
                wait_for(
                    lambda: site_lock_holders(locks_dir(tmp_path), database_url, ["tagesblick"]),
                    "the crawl's site lock",
                    tmp_path / "first.log",
                )
                (killed,) = _runs(engine, "tagesblick")
                assert killed.queue_job_id is not None and killed.outcome == "running"
                os.kill(first.pid, signal.SIGKILL)
                first.wait()
                # The crawl died with its worker: its lock went with its connection.
                wait_for(
                    lambda: (
                        not site_lock_holders(locks_dir(tmp_path), database_url, ["tagesblick"])
                    ),
                    "the lock to be freed",
                )
                # Once the worker's heartbeat is stale, its run is settled and its job requeued.
                wait_for(lambda: scheduler.recover_stalled(), "the stalled job", timeout=60)
                (settled,) = _runs(engine, "tagesblick")
                assert (settled.outcome, settled.finish_reason) == (
                    "interrupted",
                    LOST_WORKER_REASON,
                )
                second = _worker(tmp_path, database_url, "second")
                wait_for(
                    lambda: any(r.outcome == "finished" for r in _runs(engine, "tagesblick")),
                    "the site crawled again",
                    tmp_path / "second.log",
                )
                again = _runs(engine, "tagesblick")[-1]
                assert again.queue_job_id == killed.queue_job_id and again.trigger == "scheduled"
        finally:
            for proc in (first, second):
                if proc is not None and proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(60)
            scheduler.close()
        assert second is not None and second.returncode == 0


def test_a_standby_scheduler_takes_over_when_the_active_one_dies(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    _pg_only(database_url)
    config = tmp_path / "schedule.toml"
    config.write_text(
        'site_defaults = false\n[jobs.alpha]\nspider = "generic"\nschedule = "5s"\n'
        'args = { url = "http://127.0.0.1:9/", site = "alpha" }\n',
        encoding="utf-8",
    )
    env = {**os.environ, "NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
    env.pop("NEWSARCHIVE_DATABASE_URL", None)
    procs = []
    for name in ("active", "standby"):
        with open(tmp_path / f"{name}.log", "wb") as log:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "crawler.cli", "schedule", "--config", str(config)],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        if name == "active":
            wait_for(
                lambda: "scheduler active" in (tmp_path / "active.log").read_text(),
                "the first scheduler to be active",
                tmp_path / "active.log",
            )
    active, standby = procs
    try:
        wait_for(
            lambda: "standing by" in (tmp_path / "standby.log").read_text(),
            "the second to stand by",
            tmp_path / "standby.log",
        )

        def ticks() -> list[datetime]:
            with engine.connect() as conn:
                return list(
                    conn.scalars(
                        select(ScheduleTick.scheduled_at).order_by(ScheduleTick.scheduled_at)
                    )
                )

        wait_for(lambda: len(ticks()) >= 2, "two ticks")
        os.kill(active.pid, signal.SIGKILL)
        active.wait()
        before = len(ticks())
        wait_for(
            lambda: "scheduler active" in (tmp_path / "standby.log").read_text(),
            "the standby to take over",
            tmp_path / "standby.log",
        )
        wait_for(lambda: len(ticks()) >= before + 2, "ticks from the new active scheduler")
        got = ticks()
        # A 5 s grid (long beside a takeover and a round, even on a loaded machine):
        # consecutive ticks, none doubled (the key), none skipped.
        gaps = {round((b - a).total_seconds()) for a, b in itertools.pairwise(got)}
        assert gaps == {5}, got
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(60)
    assert standby.returncode == 0
