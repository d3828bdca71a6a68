"""`newsarchive schedule`: runs every job's crawls on time, each in its own subprocess.

The scheduler only spawns (a Twisted reactor cannot be restarted, and crawls repeated in one
process leak memory): each run is `scrapy crawl` in a new process group (crawler/crawl_process.py),
so a crawl that hangs, leaks or crashes costs that run and nothing else. APScheduler 3.x decides
when (the Twisted scheduler does not fit Scrapy, and 4.x is a different, pre-release API); a
thread of its pool supervises each crawl to the end.

For every run the scheduler creates the run record first (trigger "scheduled"), hands its id
to the crawl (`-s NEWSARCHIVE_RUN_ID`), and when the process ends stores its exit status. A
crawl that died before closing its record (crash, kill, time limit) is marked failed here,
and the monitors judge it.

One site never runs twice at once: jobs of the same site are serialised here, and a crawl
started by hand holds the site's lock file (crawler/locks.py), which is checked before each
spawn and taken by the crawl itself (crawler/extensions.py).

SIGTERM/SIGINT: no new runs start; running crawls may finish within the grace period, then
get SIGTERM (Scrapy shuts down cleanly) and, `kill_after` seconds later, SIGKILL; exit 0. A
second signal skips the grace period.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy import Engine

from crawler.crawl_process import (
    CrawlProcess,
    job_command,
    log_stamp,
    process_alive,
    record_end,
    spawn_crawl,
    supervise,
)
from crawler.db_retry import call_with_retry, one_line
from crawler.locks import SiteLock, locks_dir, site_lock_holders
from crawler.schedules import Job, ScheduleConfig, first_run_time, format_duration

logger = logging.getLogger(__name__)

STATE_FILE = "scheduler.json"
# The scheduler's own lock file name (site keys start with a letter, so it cannot clash).
SCHEDULER_LOCK = "_scheduler"


class SchedulerStartError(RuntimeError):
    """The scheduler cannot start; the message is one line for the operator."""


@dataclass(frozen=True)
class SchedulerOptions:
    data_dir: Path
    database_url: str
    # After SIGTERM/SIGINT: how long running crawls may go on before they are stopped.
    grace: float = 300.0
    # After a crawl got SIGTERM (time limit or shutdown): how long until SIGKILL.
    kill_after: float = 30.0
    # How long a database write is retried (PostgreSQL restarting) before the run gives up.
    db_retry_for: float = 120.0
    # At start-up: how long to wait for the database before giving up with a message.
    db_start_wait: float = 30.0


# --------------------------------------------------------------------------- helpers


def check_data_dir(data_dir: Path) -> None:
    """Fail at start-up, with one message, when the data directory cannot be written."""
    try:
        for folder in (data_dir, locks_dir(data_dir), data_dir / "logs"):
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".write-test-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
    except OSError as exc:
        where = exc.filename or data_dir
        raise SchedulerStartError(
            f"the data directory {data_dir} is not writable ({where}: "
            f"{exc.strerror or exc}); set NEWSARCHIVE_DATA_DIR to a directory this user can write"
        ) from None


def scheduler_state(data_dir: Path) -> dict[str, Any] | None:
    """What a scheduler running on this host last wrote about its jobs, or None."""
    path = data_dir / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict):
        return None
    pid = state.get("pid")
    if state.get("host") != socket.gethostname() or not isinstance(pid, int):
        return None
    return state if process_alive(pid) else None


# --------------------------------------------------------------------------- the scheduler


class Scheduler:
    """Runs the enabled jobs of a ScheduleConfig until SIGTERM/SIGINT."""

    def __init__(self, config: ScheduleConfig, options: SchedulerOptions) -> None:
        self.config = config
        self.options = options
        self.jobs = config.enabled_jobs
        self.engine: Engine | None = None
        self.hostname = socket.gethostname()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._hurry = threading.Event()
        self._stopping = False
        self._busy_sites: dict[str, str] = {}  # site key -> job name running it
        self._procs: dict[int, CrawlProcess] = {}  # run id -> process
        self._active = 0
        self._state_lock = threading.Lock()
        self._state_closed = False
        self._started_at = datetime.now(UTC)
        self._apscheduler: Any = None
        self._site_names: dict[str, str] = {}
        self._guard: SiteLock | None = None

    # ----- start-up

    def prepare(self) -> None:
        """Every start-up check, before anything runs: data directory, database, schema."""
        from db.engine import SchemaError, ensure_schema, make_engine

        if not self.jobs:
            raise SchedulerStartError(
                "nothing to schedule: no declared site has a schedule and the schedule file "
                "adds no enabled job"
            )
        check_data_dir(self.options.data_dir)
        # One scheduler per archive: a second one would start every run twice (the site locks
        # would catch it, one run later).
        guard = SiteLock(locks_dir(self.options.data_dir), SCHEDULER_LOCK)
        if not guard.acquire():
            raise SchedulerStartError(
                f"another scheduler is running on {self.options.data_dir} ({guard.holder()})"
            )
        self._guard = guard
        try:
            engine = make_engine(self.options.database_url)
            call_with_retry(
                lambda: ensure_schema(engine),
                "start-up",
                retry_for=self.options.db_start_wait,
            )
        except SchemaError as exc:
            self.close()
            raise SchedulerStartError(str(exc)) from None
        except Exception as exc:
            self.close()
            raise SchedulerStartError(
                f"cannot open the archive database: {one_line(exc)}"
            ) from None
        self.engine = engine
        self._close_lost_runs()
        try:
            from crawler.sites import all_sites

            self._site_names = {key: site.name for key, site in all_sites().items()}
        except Exception:  # names are cosmetic; keys will do
            self._site_names = {}

    def _close_lost_runs(self) -> None:
        """Close the records of crawls on this host that died with the machine or with a
        previous scheduler (their records would say "running" forever otherwise)."""
        from db.health import LOST_OUTCOME, LOST_REASON, settle_run, unfinished_runs

        assert self.engine is not None
        engine = self.engine
        cutoff = datetime.now(UTC) - timedelta(minutes=10)
        try:
            for run_id, pid, started in unfinished_runs(engine, self.hostname):
                # A crawl that has not taken its record over yet may still be starting.
                lost = not process_alive(pid) if pid is not None else started < cutoff
                if lost:
                    settle_run(
                        engine,
                        run_id,
                        exit_status=None,
                        outcome=LOST_OUTCOME,
                        finish_reason=LOST_REASON,
                    )
                    logger.warning(
                        "run %d: its crawl process is gone; recorded as %s", run_id, LOST_OUTCOME
                    )
        except Exception as exc:
            logger.warning("cannot check for lost runs: %s", one_line(exc))

    def _first_runs(self, now: datetime) -> dict[str, datetime]:
        from db.health import last_started

        assert self.engine is not None
        engine = self.engine
        try:
            last = call_with_retry(
                lambda: last_started(engine), "start-up", retry_for=self.options.db_start_wait
            )
        except Exception as exc:
            logger.warning("cannot read the last runs (%s); scheduling from now", one_line(exc))
            last = {}
        tz = self.config.tz()
        out: dict[str, datetime] = {}
        for job in self.jobs:
            out[job.name] = first_run_time(job, last.get(job.site), now, tz)
        return out

    def run(self) -> int:
        """Start, run until a signal, stop cleanly; returns the exit code (0)."""
        from apscheduler.events import (
            EVENT_JOB_ERROR,
            EVENT_JOB_EXECUTED,
            EVENT_JOB_MAX_INSTANCES,
            EVENT_JOB_SUBMITTED,
            JobEvent,
        )
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.schedulers.background import BackgroundScheduler

        if self.engine is None:
            self.prepare()
        tz = self.config.tz()
        scheduler = BackgroundScheduler(
            timezone=tz,
            executors={"default": ThreadPoolExecutor(self.config.max_parallel)},
            job_defaults={
                # Runs missed while the machine slept or every slot was busy collapse into
                # one, however late (None: no limit); never two instances of a job.
                "coalesce": True,
                "misfire_grace_time": None,
                "max_instances": 1,
            },
        )
        self._apscheduler = scheduler
        now = datetime.now(UTC)
        first = self._first_runs(now)
        for job in self.jobs:
            # Interval jobs keep the grid first + n * interval; every start, the first one
            # included, gets its own jitter on top.
            start = first[job.name]
            scheduler.add_job(
                self._run_job,
                job.schedule.trigger(jitter=job.start_jitter, timezone=tz, start=start),
                args=[job],
                id=job.name,
                name=job.name,
                next_run_time=start + timedelta(seconds=random.uniform(0, job.start_jitter)),
            )

        def on_event(event: JobEvent) -> None:
            if event.code == EVENT_JOB_MAX_INSTANCES:
                logger.info("job %s: still running; this run is skipped", event.job_id)
            elif event.code == EVENT_JOB_ERROR:
                logger.error("job %s failed in the scheduler: %s", event.job_id, event)
            self._write_state()

        scheduler.add_listener(
            on_event,
            EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES,
        )
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            scheduler.start()
            logger.info(
                "scheduler started (pid %d): %d jobs, at most %d crawls at once, data in %s",
                os.getpid(),
                len(self.jobs),
                self.config.max_parallel,
                self.options.data_dir,
            )
            for job in self.jobs:
                logger.info(
                    "job %s: %s %s, %s, time limit %s, first run %s",
                    job.name,
                    job.spider,
                    " ".join(f"-a {k}={v}" for k, v in job.spider_args.items()),
                    job.schedule.describe(),
                    format_duration(job.time_limit),
                    first[job.name].astimezone(tz).isoformat(timespec="seconds"),
                )
            self._write_state()
            while not self._stop.wait(1.0):
                pass
            self._shutdown()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            with self._state_lock:
                self._state_closed = True  # late job events must not write it again
                with contextlib.suppress(OSError):
                    (self.options.data_dir / STATE_FILE).unlink()
            self.close()
        logger.info("scheduler stopped")
        return 0

    def close(self) -> None:
        """Release what `prepare` took: the database engine and the one-scheduler lock."""
        if self.engine is not None:
            self.engine.dispose()
        if self._guard is not None:
            self._guard.release()
            self._guard = None

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._stop.is_set():
            self._hurry.set()  # a second signal: no grace period
            return
        self._stop.set()

    def stop(self) -> None:
        """Ask the scheduler to stop, as SIGTERM does (for embedding and tests)."""
        self._stop.set()

    def _shutdown(self) -> None:
        with self._lock:
            self._stopping = True
            running = len(self._procs)
        logger.info(
            "stopping: no new runs; %d crawl(s) running, waiting up to %s for them",
            running,
            format_duration(self.options.grace),
        )
        self._apscheduler.shutdown(wait=False)
        deadline = time.monotonic() + self.options.grace
        with self._lock:
            while self._procs and not self._hurry.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._idle.wait(min(left, 0.5))
            procs = list(self._procs.values())
        for proc in procs:
            logger.info(
                "job %s: stopping run %d (pid %d) for shutdown",
                proc.job.name,
                proc.run_id,
                proc.pid,
            )
            proc.request_stop("scheduler shutdown")
        # The supervising threads send SIGKILL after kill_after and record each end; a bound
        # on top in case a database write hangs.
        deadline = time.monotonic() + self.options.kill_after + 60.0
        with self._lock:
            while self._active and time.monotonic() < deadline:
                self._idle.wait(0.5)
            if self._active:
                logger.error("%d run(s) could not be recorded before exit", self._active)

    # ----- one run

    def _run_job(self, job: Job) -> None:
        with self._lock:
            if self._stopping:
                return
            other = self._busy_sites.get(job.site)
            if other is not None:
                logger.info(
                    "job %s: site %s is being crawled by job %s; this run is skipped",
                    job.name,
                    job.site,
                    other,
                )
                return
            self._busy_sites[job.site] = job.name
            self._active += 1
        try:
            self._crawl(job)
        except Exception:
            logger.exception("job %s: run failed in the scheduler", job.name)
        finally:
            with self._lock:
                self._busy_sites.pop(job.site, None)
                self._active -= 1
                self._idle.notify_all()
            self._write_state()

    def _new_run(self, job: Job) -> int:
        """The run record of a scheduled run (retried while the database is unreachable)."""
        from db.runs import start_run

        assert self.engine is not None
        engine = self.engine
        return call_with_retry(
            lambda: start_run(
                engine,
                job.spider,
                job.site,
                self._site_names.get(job.site, job.site),
                dict(job.spider_args),
                trigger="scheduled",
                hostname=self.hostname,
            ),
            f"job {job.name}",
            retry_for=self.options.db_retry_for,
            should_stop=self._stop.is_set,
        )

    def _record_skipped(self, job: Job) -> None:
        """On record, so status and monitors see the slot that was passed over, and why."""
        from db.health import LOCKED_REASON, SKIPPED, settle_run

        assert self.engine is not None
        engine = self.engine
        try:
            run_id = self._new_run(job)
        except Exception as exc:
            logger.error("job %s: cannot record the skipped run (%s)", job.name, one_line(exc))
            return
        self._record(
            f"job {job.name}",
            lambda: settle_run(
                engine, run_id, exit_status=None, outcome=SKIPPED, finish_reason=LOCKED_REASON
            ),
        )

    def _crawl(self, job: Job) -> None:
        from db.health import settle_run

        assert self.engine is not None
        engine = self.engine
        lock_dir = locks_dir(self.options.data_dir)
        holder = site_lock_holders(lock_dir, self.options.database_url, [job.site]).get(job.site)
        if holder is not None:
            logger.warning(
                "job %s: site %s is being crawled by another process (%s); this run is skipped",
                job.name,
                job.site,
                holder,
            )
            self._record_skipped(job)
            return
        try:
            run_id = self._new_run(job)
        except Exception as exc:
            logger.error(
                "job %s: cannot create the run record (%s); this run is skipped",
                job.name,
                one_line(exc),
            )
            return

        command, env, log_path = job_command(
            job, run_id, self.options.data_dir, self.options.database_url
        )
        stamp = log_stamp()
        proc: CrawlProcess | None = None
        with self._lock:
            stopping = self._stopping
            if not stopping:
                proc = spawn_crawl(job, run_id, command, env, log_path, stamp)
                if proc is not None:
                    self._procs[run_id] = proc
        if proc is None:
            reason = "scheduler shutdown" if stopping else "could not start the crawl"
            outcome = "interrupted" if stopping else "failed"
            self._record(
                f"job {job.name}",
                lambda: settle_run(
                    engine, run_id, exit_status=None, outcome=outcome, finish_reason=reason
                ),
            )
            return

        logger.info("job %s: run %d started (pid %d), log %s", job.name, run_id, proc.pid, log_path)
        try:
            returncode = supervise(proc, self.options.kill_after)
        finally:
            with self._lock:
                self._procs.pop(run_id, None)
                self._idle.notify_all()
        record_end(engine, proc, returncode, log_path, self._record)

    def _record(self, what: str, fn: Callable[[], bool]) -> bool:
        try:
            # Recording an end is retried even while stopping: it is the run's only record.
            return call_with_retry(fn, what, retry_for=self.options.db_retry_for)
        except Exception as exc:
            logger.error("%s: cannot record how the run ended: %s", what, one_line(exc))
            return False

    # ----- state for `status`

    def _write_state(self) -> None:
        scheduler = self._apscheduler
        if scheduler is None:
            return
        with self._lock:
            running = {proc.job.name: proc.run_id for proc in self._procs.values()}
        jobs = []
        try:
            scheduled = {job.id: job.next_run_time for job in scheduler.get_jobs()}
        except Exception:
            scheduled = {}
        for job in self.jobs:
            next_run = scheduled.get(job.name)
            jobs.append(
                {
                    "name": job.name,
                    "site": job.site,
                    "spider": job.spider,
                    "schedule": job.schedule.describe(),
                    "next_run": next_run.astimezone(UTC).isoformat() if next_run else None,
                    "running_run_id": running.get(job.name),
                }
            )
        state = {
            "pid": os.getpid(),
            "host": self.hostname,
            "started_at": self._started_at.isoformat(),
            "updated_at": datetime.now(UTC).isoformat(),
            "config": str(self.config.path) if self.config.path else None,
            "jobs": jobs,
        }
        path = self.options.data_dir / STATE_FILE
        with self._state_lock:
            if self._state_closed:
                return
            try:
                tmp = path.with_suffix(".tmp")
                tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
                os.replace(tmp, path)
            except OSError as exc:
                logger.warning("cannot write %s: %s", path, exc)


def configure_logging() -> None:
    """Scheduler log lines on stderr (journald adds its own timestamps; plain runs need them)."""
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Alembic narrates every schema check and APScheduler every job start and end; our own
    # lines say the same with the run id. Its "maximum number of running instances" warning
    # repeats our "still running; this run is skipped".
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
