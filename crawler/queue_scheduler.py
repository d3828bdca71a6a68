"""`newsarchive schedule` on a PostgreSQL archive: enqueues due crawls for `newsarchive worker`s.

Several may run (on different machines); one is active, holding a PostgreSQL advisory lock on
a connection of its own, the others wait for it (a standby takes over within a second of the
active one's death: the server drops the lock with its connection).

A tick is (job, scheduled time before jitter). For each job the active scheduler takes the
latest due tick after the job's last claimed one (missed ticks collapse into it), claims it in
`schedule_ticks` (a primary key: never twice), makes the queue job (its arguments name the
tick) and marks the tick. A scheduler that died between the claim and the mark leaves a
pending tick; its successor looks the tick's queue job up by name before making one, so no tick
is lost or doubled.

The active scheduler also settles runs whose worker stopped sending heartbeats (killed, or its
machine lost) as interrupted, and gives their queue jobs back to the queue: the site is crawled
again by another worker.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from sqlalchemy import Engine

from crawler.db_retry import one_line
from crawler.jobqueue import (
    CRAWL_TASK,
    QUEUE,
    job_payload,
    live_workers,
    open_queue_archive,
    queue_app,
    queue_job_of_tick,
    site_lock_name,
    stalled_jobs,
    tick_id,
    tick_jitter,
)
from crawler.scheduler import SchedulerStartError
from crawler.schedules import Job, ScheduleConfig, first_run_time
from db.sitelock import PgSiteLock

logger = logging.getLogger(__name__)

# The name of the active scheduler's lock (site keys start with a letter: no clash).
ACTIVE_LOCK = "_queue_scheduler"
LOST_WORKER_REASON = "lost: its worker stopped sending heartbeats"


@dataclass(frozen=True)
class QueueSchedulerOptions:
    database_url: str
    tick_seconds: float = 1.0  # how often due ticks are looked for
    standby_poll: float = 1.0  # how often a standby tries to become active
    stalled_after: float = 30.0  # a worker silent this long has lost its crawls
    db_start_wait: float = 30.0


def due_tick(
    job: Job, last: datetime | None, first: datetime, now: datetime, tz: Any
) -> datetime | None:
    """The latest scheduled time of `job` after `last` that is due at `now` (None: none is).

    With no tick yet, `first` (from the archive's last run of the site) is the first one.
    """
    if last is None:
        return first if first <= now else None
    trigger = job.schedule.trigger(timezone=tz, start=last)
    due = None
    candidate: datetime | None = trigger.get_next_fire_time(last, now)
    while candidate is not None and candidate <= now:
        due = candidate
        candidate = trigger.get_next_fire_time(candidate, now)
    return due.astimezone(UTC) if due is not None else None


class QueueScheduler:
    """Enqueues the enabled jobs of a ScheduleConfig while it is the active scheduler."""

    def __init__(self, config: ScheduleConfig, options: QueueSchedulerOptions) -> None:
        self.config = config
        self.options = options
        self.jobs = {job.name: job for job in config.enabled_jobs}
        self.engine: Engine | None = None
        self.app: Any = None
        self._leader = PgSiteLock(options.database_url, ACTIVE_LOCK)
        self._stop = threading.Event()
        self._first: dict[str, datetime] = {}
        self._warned_no_worker: float | None = None

    def prepare(self) -> None:
        if not self.jobs:
            raise SchedulerStartError("nothing to schedule: no enabled job")
        self.engine = open_queue_archive(self.options.database_url, self.options.db_start_wait)
        self.app = queue_app(self.options.database_url, worker=False)

    def run(self) -> int:
        if self.engine is None:
            self.prepare()
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            with self.app.open():
                if self._become_active():
                    self._serve()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.close()
        logger.info("scheduler stopped")
        return 0

    def close(self) -> None:
        self._leader.release()
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def stop(self) -> None:
        self._stop.set()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self._stop.set()

    def _become_active(self) -> bool:
        announced = False
        while not self._stop.is_set():
            if self._leader.acquire():
                logger.info("scheduler active (pid %d): %d jobs", os.getpid(), len(self.jobs))
                return True
            if not announced:
                logger.info("another scheduler is active (%s); standing by", self._leader.holder())
                announced = True
            self._stop.wait(self.options.standby_poll)
        return False

    def _still_active(self) -> bool:
        """The lock's connection is alive and holds it (a PostgreSQL restart drops both)."""
        return self._leader.still_held()

    def _serve(self) -> None:
        from db.health import last_started

        assert self.engine is not None
        engine = self.engine
        tz = self.config.tz()
        now = datetime.now(UTC)
        last_runs = last_started(engine)
        self._first = {
            name: first_run_time(job, last_runs.get(job.site), now, tz).astimezone(UTC)
            for name, job in self.jobs.items()
        }
        while not self._stop.is_set():
            if not self._still_active():
                # Another scheduler may be active by now: stop, and let systemd restart this
                # one as a standby.
                raise SchedulerStartError("lost the active scheduler's lock (database restart?)")
            try:
                self.tick(datetime.now(UTC))
                self.recover_stalled()
            except Exception as exc:
                logger.error("scheduling round failed (retried): %s", one_line(exc))
            self._stop.wait(self.options.tick_seconds)

    # ----- one round

    def tick(self, now: datetime) -> list[str]:
        """Enqueue every due tick (and a dead predecessor's pending ones); their ids."""
        from db.ticks import claim_tick, last_ticks, pending_ticks

        assert self.engine is not None
        engine = self.engine
        done = [self._enqueue(name, at) for name, at in pending_ticks(engine) if name in self.jobs]
        last = last_ticks(engine)
        tz = self.config.tz()
        for name, job in self.jobs.items():
            first = self._first.get(name, now)
            due = due_tick(job, last.get(name), first, now, tz)
            if due is not None and claim_tick(engine, name, due):
                done.append(self._enqueue(name, due))
        return done

    def _enqueue(self, name: str, at: datetime) -> str:
        """Make the queue job of a claimed tick, unless a predecessor made it; mark the tick."""
        from procrastinate.exceptions import AlreadyEnqueued

        from db.ticks import mark_tick

        assert self.engine is not None
        job = self.jobs[name]
        tick = tick_id(name, at)
        existing = queue_job_of_tick(self.engine, tick)
        if existing is not None:
            mark_tick(self.engine, name, at, "enqueued", existing)
            return tick
        lock = site_lock_name(job.site)
        try:
            queue_job_id = self.app.configure_task(
                name=CRAWL_TASK,
                queue=QUEUE,
                lock=lock,
                queueing_lock=lock,
                schedule_at=at + tick_jitter(job, at),
            ).defer(**job_payload(job, at))
        except AlreadyEnqueued:
            logger.info(
                "job %s: a crawl of site %s is already waiting; tick %s", name, job.site, tick
            )
            mark_tick(self.engine, name, at, "collapsed", None)
            return tick
        mark_tick(self.engine, name, at, "enqueued", int(queue_job_id))
        logger.info("job %s: enqueued tick %s (queue job %d)", name, tick, queue_job_id)
        return tick

    def recover_stalled(self) -> list[int]:
        """Settle the runs of workers gone silent and give their jobs back; the job ids."""
        from db.health import LOST_OUTCOME, settle_run
        from db.ticks import running_runs_of_jobs

        assert self.engine is not None
        engine = self.engine
        stalled = stalled_jobs(engine, self.options.stalled_after)
        for run_id in running_runs_of_jobs(engine, stalled):
            settle_run(
                engine,
                run_id,
                exit_status=None,
                outcome=LOST_OUTCOME,
                finish_reason=LOST_WORKER_REASON,
            )
            logger.warning(
                "run %d: its worker stopped sending heartbeats; %s", run_id, LOST_OUTCOME
            )
        for job_id in stalled:
            self._give_back(job_id)
        if not stalled:
            self._warn_without_workers()
        return stalled

    def _give_back(self, job_id: int) -> None:
        from procrastinate import sql

        sync = self.app.connector.get_sync_connector()
        try:
            self.app.job_manager.retry_job_by_id(job_id, retry_at=datetime.now(UTC))
            logger.warning("queue job %d: its worker is gone; back in the queue", job_id)
        except Exception as exc:  # a crawl of the site is waiting already: that one will run
            logger.info("queue job %d: not requeued (%s); closing it", job_id, one_line(exc))
            with contextlib.suppress(Exception):
                sync.execute_query(
                    query=sql.queries["finish_job"],
                    job_id=job_id,
                    status="failed",
                    delete_job=False,
                )

    def _warn_without_workers(self) -> None:
        import time

        assert self.engine is not None
        if self._warned_no_worker is not None and time.monotonic() - self._warned_no_worker < 300:
            return
        if live_workers(self.engine, self.options.stalled_after) == 0:
            logger.warning(
                "no worker is running: enqueued crawls wait (start `newsarchive worker`)"
            )
            self._warned_no_worker = time.monotonic()
