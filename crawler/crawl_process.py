"""One scheduled crawl's subprocess: its own process group, its time limit, how it ended."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from crawler.schedules import Job, format_duration

logger = logging.getLogger(__name__)

# How often a supervising thread looks at its crawl (and the time limit).
POLL_SECONDS = 0.5
# Environment of a crawl whose supervisor's death must end it too (a queue worker's crawls:
# after a `kill -9` of the worker, an orphaned crawl would hold its site's lock while the queue
# gives the site to another worker). The value is the supervisor's pid.
SUPERVISOR_ENV = "NEWSARCHIVE_SUPERVISOR_PID"
_PR_SET_PDEATHSIG = 1


def die_with_supervisor() -> None:
    """In a crawl process: be killed when the supervisor named in SUPERVISOR_ENV dies.

    The kernel sends SIGKILL once the supervising thread ends (PR_SET_PDEATHSIG); a supervisor
    that died before the call is noticed by the parent pid having changed.
    """
    expected = os.environ.get(SUPERVISOR_ENV)
    if not expected:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if str(os.getppid()) != expected:
        os._exit(1)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def process_alive(pid: int) -> bool:
    """True while a process of this id exists (also one of another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def end_reason(stop_reason: str | None, returncode: int) -> tuple[str, str, tuple[str, ...]]:
    """(outcome, finish_reason, outcomes it may override) for a crawl process that ended.

    A crawl closes its own record when it can; this is what the supervisor knows better: a
    time limit (the crawl only saw a SIGTERM and called it "shutdown"), its supervisor's
    shutdown ("scheduler shutdown", "worker shutdown": the stop reason names who stopped it), a
    crash.
    """
    if stop_reason == "timeout":
        return "failed", "timeout", ("running", "interrupted")
    if stop_reason is not None and stop_reason.endswith(" shutdown"):
        return "interrupted", stop_reason, ("running",)
    if returncode < 0:
        return (
            "failed",
            f"killed by signal {-returncode} ({_signal_name(-returncode)})",
            ("running",),
        )
    if returncode > 0:
        return "failed", f"crashed: exit {returncode}", ("running",)
    return "failed", "ended without closing its run record", ("running",)


class CrawlProcess:
    """One crawl subprocess, leader of its own process group."""

    def __init__(self, job: Job, run_id: int, popen: subprocess.Popen[bytes]) -> None:
        self.job = job
        self.run_id = run_id
        self.popen = popen
        self.started = time.monotonic()
        self.stop_reason: str | None = None
        self.stop_requested_at: float | None = None
        self.killed = False

    @property
    def pid(self) -> int:
        return self.popen.pid

    def request_stop(self, reason: str) -> None:
        """SIGTERM to the crawl process only: Scrapy then closes the spider cleanly, and its
        pipelines shut their own worker processes down (a group-wide SIGTERM would kill the
        extraction workers under it mid-item)."""
        if self.stop_reason is not None:
            return
        self.stop_reason = reason
        self.stop_requested_at = time.monotonic()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL to the whole process group: the crawl and anything it started."""
        self.killed = True
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)

    def exited(self) -> bool:
        """True once the crawl process has exited, without reaping it.

        While it is an unreaped zombie its pid, and so its process-group id, cannot be reused
        by another process; that makes the clean-up kill of its leftovers safe.
        """
        try:
            info = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True
        return info is not None

    def reap(self) -> int:
        # Leftovers (an extraction worker orphaned by a crash) go with the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        return self.popen.wait()


def spawn_crawl(
    job: Job,
    run_id: int,
    command: list[str],
    env: dict[str, str],
    log_path: Path,
    stamp: str,
) -> CrawlProcess | None:
    """Start the crawl `command`, its output appended to `log_path`; None if it cannot start."""
    try:
        with open(log_path, "ab") as log:
            log.write(f"\n===== {stamp} {job.name}: run {run_id}: {shlex.join(command)}\n".encode())
            log.flush()
            popen = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group and session: the crawl and its workers can be
                # stopped as one, and a Ctrl-C at the scheduler's terminal reaches only
                # the scheduler, which then stops its crawls in order.
                start_new_session=True,
            )
    except OSError as exc:
        logger.error("job %s: cannot start the crawl: %s", job.name, exc)
        return None
    return CrawlProcess(job, run_id, popen)


def job_command(
    job: Job,
    run_id: int,
    data_dir: Path,
    database_url: str,
    extra_env: dict[str, str] | None = None,
) -> tuple[list[str], dict[str, str], Path]:
    """The crawl command, its environment and its log file, for run `run_id` of `job`."""
    from crawler.runner import crawl_command, crawl_env

    settings = {**job.settings, "NEWSARCHIVE_RUN_ID": str(run_id)}
    command = crawl_command(job.spider, spider_args=job.spider_args, settings=settings)
    env = crawl_env(
        {"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, **(extra_env or {})}
    )
    return command, env, data_dir / "logs" / f"{job.name}.log"


def log_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record_end(
    engine: Engine,
    proc: CrawlProcess,
    returncode: int,
    log_path: Path,
    record: Callable[[str, Callable[[], bool]], bool],
) -> None:
    """After a supervised crawl ended: log it, settle its run record, judge the run.

    `record(what, write)` runs a database write with the caller's retries.
    """
    from crawler.monitors import THRESHOLDS_SETTING, evaluate_run
    from db.health import settle_run

    job, run_id = proc.job, proc.run_id
    append_log(log_path, f"===== {job.name}: run {run_id} ended with exit status {returncode}\n")
    outcome, reason, override = end_reason(proc.stop_reason, returncode)
    changed = record(
        f"job {job.name}",
        lambda: settle_run(
            engine,
            run_id,
            exit_status=returncode,
            outcome=outcome,
            finish_reason=reason,
            override=override,
        ),
    )
    if changed:
        logger.warning("job %s: run %d %s (%s)", job.name, run_id, outcome, reason)
        try:
            evaluate_run(engine, run_id, overrides=job.settings.get(THRESHOLDS_SETTING))
        except Exception:
            logger.exception("job %s: run monitors failed on run %d", job.name, run_id)
    else:
        logger.info("job %s: run %d ended, exit status %d", job.name, run_id, returncode)


def supervise(proc: CrawlProcess, kill_after: float) -> int:
    """Wait for the crawl to end; stop it at its time limit (SIGTERM, then SIGKILL)."""
    limit = proc.job.time_limit
    while not proc.exited():
        time.sleep(POLL_SECONDS)
        now = time.monotonic()
        if proc.stop_reason is None and now - proc.started >= limit:
            logger.warning(
                "job %s: run %d passed its time limit of %s; stopping it",
                proc.job.name,
                proc.run_id,
                format_duration(limit),
            )
            proc.request_stop("timeout")
        if (
            proc.stop_requested_at is not None
            and not proc.killed
            and now - proc.stop_requested_at >= kill_after
        ):
            logger.warning(
                "job %s: run %d did not stop within %s of SIGTERM; killing it",
                proc.job.name,
                proc.run_id,
                format_duration(kill_after),
            )
            proc.kill()
    return proc.reap()


def append_log(path: Path, text: str) -> None:
    """Append to a crawl's log file; a log that cannot be written costs nothing else."""
    try:
        with open(path, "a", encoding="utf-8") as log:
            log.write(text)
    except OSError:
        pass
