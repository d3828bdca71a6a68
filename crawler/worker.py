"""`newsarchive worker`: runs crawl jobs from a PostgreSQL archive's queue, on any machine.

Each job is one site crawl, run as the local scheduler runs it (crawler/crawl_process.py): a
`scrapy crawl` subprocess in its own process group, with its time limit, its run record made
first and settled from its exit status. The run records its queue job; procrastinate's worker
heartbeat says whether that job is alive, so a run whose worker died is settled by the active
scheduler (crawler/queue_scheduler.py), not by a guess from a host name.

A worker's crawls die with it (crawler.crawl_process.die_with_supervisor): after a `kill -9`
of the worker its crawls end at once, their site locks go with their connections, and the
queue job, once its worker's heartbeat is stale, is given to another worker.

SIGTERM/SIGINT: no new jobs; running crawls get SIGTERM (Scrapy closes them cleanly, their runs
are recorded as interrupted) and SIGKILL `kill_after` seconds later; exit 0.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from crawler.crawl_process import (
    SUPERVISOR_ENV,
    CrawlProcess,
    job_command,
    log_stamp,
    record_end,
    spawn_crawl,
    supervise,
)
from crawler.db_retry import call_with_retry, one_line
from crawler.jobqueue import CRAWL_TASK, QUEUE, job_from_payload, open_queue_archive, queue_app
from crawler.locks import is_postgres, locks_dir, site_lock_holders
from crawler.scheduler import SchedulerStartError, check_data_dir

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerOptions:
    data_dir: Path
    database_url: str
    concurrency: int = 2  # crawls at once
    kill_after: float = 30.0  # after SIGTERM to a crawl: when to SIGKILL it
    heartbeat: float = 10.0  # seconds between the worker's heartbeats
    stalled_after: float = 30.0  # a worker silent this long is pruned by the next to start
    db_retry_for: float = 120.0
    db_start_wait: float = 30.0


class Worker:
    """Runs crawl jobs until SIGTERM/SIGINT."""

    def __init__(self, options: WorkerOptions) -> None:
        if not is_postgres(options.database_url):
            raise SchedulerStartError(
                "`newsarchive worker` needs a PostgreSQL archive (DATABASE_URL=postgresql://...); "
                "on SQLite `newsarchive schedule` runs the crawls itself"
            )
        self.options = options
        self.hostname = socket.gethostname()
        self.engine: Engine | None = None
        self._lock = threading.Lock()
        self._procs: dict[int, CrawlProcess] = {}
        self._stopping = False

    def prepare(self) -> None:
        from crawler.model.warcread import configured_store
        from crawler.warc_store import upload_leftovers

        check_data_dir(self.options.data_dir)
        self.engine = open_queue_archive(self.options.database_url, self.options.db_start_wait)
        store = configured_store()
        if store is not None:
            # WARC files an earlier crash left on this machine (their crawls are gone).
            uploaded = upload_leftovers(self.options.data_dir, store)
            if uploaded:
                logger.info("uploaded %d WARC file(s) left by earlier crawls", len(uploaded))

    def run(self) -> int:
        if self.engine is None:
            self.prepare()
        app = queue_app(self.options.database_url, worker=True)
        app.task(name=CRAWL_TASK, queue=QUEUE, pass_context=True)(self._task)
        logger.info(
            "worker started (pid %d on %s): at most %d crawls at once, data in %s",
            os.getpid(),
            self.hostname,
            self.options.concurrency,
            self.options.data_dir,
        )
        try:
            asyncio.run(self._serve(app))
        finally:
            if self.engine is not None:
                self.engine.dispose()
        logger.info("worker stopped")
        return 0

    async def _serve(self, app: Any) -> None:
        loop = asyncio.get_running_loop()
        async with app.open_async():
            serving = asyncio.ensure_future(
                app.run_worker_async(
                    queues=[QUEUE],
                    name=f"{self.hostname}:{os.getpid()}",
                    concurrency=self.options.concurrency,
                    install_signal_handlers=False,
                    update_heartbeat_interval=self.options.heartbeat,
                    stalled_worker_timeout=self.options.stalled_after,
                    delete_jobs="never",
                )
            )

            def on_signal() -> None:
                self.stop()
                serving.cancel()  # no new jobs; the running ones finish (their crawls stop)

            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, on_signal)
            try:
                await serving
            except asyncio.CancelledError:
                pass
            finally:
                for sig in (signal.SIGTERM, signal.SIGINT):
                    loop.remove_signal_handler(sig)

    def stop(self) -> None:
        """Stop every running crawl cleanly (SIGTERM); start no new one."""
        with self._lock:
            self._stopping = True
            procs = list(self._procs.values())
        for proc in procs:
            logger.info("job %s: stopping run %d for shutdown", proc.job.name, proc.run_id)
            proc.request_stop("worker shutdown")

    # ----- one job (in one of procrastinate's threads)

    def _task(self, context: Any, **payload: Any) -> None:
        from db.health import LOCKED_REASON, SKIPPED, settle_run
        from db.runs import start_run

        assert self.engine is not None
        engine = self.engine
        job = job_from_payload(payload)
        queue_job_id = int(context.job.id)
        holders = site_lock_holders(
            locks_dir(self.options.data_dir), self.options.database_url, [job.site]
        )
        run_id = call_with_retry(
            lambda: start_run(
                engine,
                job.spider,
                job.site,
                job.site,
                dict(job.spider_args),
                trigger="scheduled",
                hostname=self.hostname,
                queue_job_id=queue_job_id,
            ),
            f"job {job.name}",
            retry_for=self.options.db_retry_for,
        )
        if job.site in holders:  # a crawl started by hand holds the site
            logger.warning("job %s: site %s is being crawled (%s)", job.name, job.site, holders)
            self._record(
                job.name,
                lambda: settle_run(
                    engine, run_id, exit_status=None, outcome=SKIPPED, finish_reason=LOCKED_REASON
                ),
            )
            return
        command, env, log_path = job_command(
            job,
            run_id,
            self.options.data_dir,
            self.options.database_url,
            {SUPERVISOR_ENV: str(os.getpid())},
        )
        with self._lock:
            proc = (
                None
                if self._stopping
                else spawn_crawl(job, run_id, command, env, log_path, log_stamp())
            )
            if proc is not None:
                self._procs[run_id] = proc
        if proc is None:
            self._record(
                job.name,
                lambda: settle_run(
                    engine,
                    run_id,
                    exit_status=None,
                    outcome="interrupted" if self._stopping else "failed",
                    finish_reason="worker shutdown" if self._stopping else "could not start",
                ),
            )
            return
        logger.info(
            "job %s: run %d started (pid %d, queue job %d)",
            job.name,
            run_id,
            proc.pid,
            queue_job_id,
        )
        try:
            returncode = supervise(proc, self.options.kill_after)
        finally:
            with self._lock:
                self._procs.pop(run_id, None)
        record_end(engine, proc, returncode, log_path, self._record)

    def _record(self, what: str, fn: Any) -> bool:
        try:
            return bool(call_with_retry(fn, what, retry_for=self.options.db_retry_for))
        except Exception as exc:
            logger.error("%s: cannot record how the run ended: %s", what, one_line(exc))
            return False
