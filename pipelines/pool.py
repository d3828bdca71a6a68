"""The crawl's extraction workers, fed and read on the event loop's own thread.

concurrent.futures.ProcessPoolExecutor runs two threads in the parent: one feeds the workers'
pipe, one reads their answers and hands each to the event loop. In the crawl each hand-over
took the GIL from the reactor, and each wake-up of those threads could preempt a worker on the
2-core benchmark machine (measured: ~0.8 ms of the crawl process's CPU a page, ~4 thread
wake-ups a page). Here the loop writes each job to a worker's pipe itself and reads the
answers when the pipe is readable (add_reader), like any socket: no threads once the workers
run.

Each worker has its own pair of pipes and runs its jobs in order, so the pool knows which job
a worker that dies was running: that job fails (WorkerCrashed), the jobs queued behind it go
to the other workers, and a new worker takes its place.

With limits (crawler.model.limits.WorkerLimits) a job past its CPU time fails with JobTimeout and
one past the memory limit with MemoryError, raised in the worker, which goes on. A worker the
kernel ends for its CPU time (a job stuck in C code), or one that has not answered after
WALL_FACTOR times the limit in wall time (stopped, swapping), is replaced and its job fails
with JobTimeout: no job holds a worker, or the crawl's end, for ever.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import pickle
import signal
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

from crawler.model.limits import WorkerLimits
from pipelines.worker import (
    HARD_LIMIT_GRACE,
    READY,
    JobTimeout,
    serve,
    widen_pipe,
    worker_context,
)

logger = logging.getLogger(__name__)

# multiprocessing.Connection's framing, which the workers read and write: a signed 4-byte
# length, or -1 and an 8-byte length for 2 GiB and more.
_HEADER = struct.Struct("!i")
_LONG_HEADER = struct.Struct("!Q")
_READ_BYTES = 1024 * 1024
# Jobs each worker holds: the one it runs and the next, already in its pipe, so that it goes
# on at once while the loop is busy elsewhere (a shared queue needs a lock between workers).
DEPTH = 2
# Workers in a row that exit before they are ready: then the pool stops starting new ones.
MAX_FAILED_STARTS = 3
# A worker whose job has run this many times its CPU time limit in wall time (plus the
# kernel's grace) is killed: it is not using the CPU the limit counts (stopped, swapping).
# Generous, so that workers sharing a core are never taken for stuck ones.
WALL_FACTOR = 4
# How often the pool looks for such workers (one timer for the pool, none per job).
WATCH_SECONDS = 1.0


class WorkerCrashed(Exception):
    """The worker running the job exited before answering (killed, out of memory, a crash in
    native code). The pool has started another worker."""


class PoolBroken(Exception):
    """The pool runs no more jobs: it is closed, or its workers exit before they are ready."""


@dataclass(eq=False)
class _Job:
    payload: bytes
    future: asyncio.Future[Any]


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    jobs: Connection  # the parent's (writing) end of the worker's job pipe
    results: Connection  # the parent's (reading) end of its answer pipe
    inflight: collections.deque[_Job] = field(default_factory=collections.deque)
    unsent: bytearray = field(default_factory=bytearray)  # what the job pipe had no room for
    received: bytearray = field(default_factory=bytearray)
    ready: bool = False
    started: float = 0.0  # when the worker began its first job in flight (time.monotonic)
    # The job the pool killed the worker for (its first in flight then), for the time it took.
    overdue: _Job | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid


class LoopPool:
    """`workers` processes from the fork server (pipelines.worker.worker_context), each
    running `initializer` once, then the jobs it is given. Used from one event loop's thread.

    `start()` returns at once: the workers are started in a thread (the first start waits for
    the fork server to load the extraction modules), and jobs submitted meanwhile wait in the
    pool. `submit()` returns an asyncio future; `close()` ends the workers.
    """

    def __init__(
        self,
        workers: int,
        initializer: Callable[[], None] | None = None,
        limits: WorkerLimits | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"a pool needs at least one worker, not {workers}")
        self.size = workers
        self._initializer = initializer
        self.limits = limits or WorkerLimits()
        seconds = self.limits.seconds
        self._wall_limit = seconds * WALL_FACTOR + HARD_LIMIT_GRACE if seconds else None
        self._watch: asyncio.TimerHandle | None = None
        self._context: ForkServerContext | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: list[_Worker] = []
        self._backlog: collections.deque[_Job] = collections.deque()
        self._starters: list[threading.Thread] = []
        self._failed_starts = 0
        self._broken: PoolBroken | None = None
        self.crashes = 0
        self.timeouts = 0  # workers replaced because their job ran out of time

    # --- the pool's life ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the workers without waiting for them; call on the loop's thread."""
        self._loop = asyncio.get_running_loop()
        self._context = worker_context()
        self._spawn(self.size)
        if self._wall_limit is not None:
            self._watch = self._loop.call_later(WATCH_SECONDS, self._check_overdue)

    def close(self, timeout: float = 10.0) -> None:
        """End the workers (each first runs what is already in its pipe, at most DEPTH jobs);
        jobs not answered by now fail with PoolBroken."""
        if self._broken is None:
            self._broken = PoolBroken("the extraction pool is closed")
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        for starter in self._starters:
            starter.join(timeout)  # their workers are closed as they attach (_attach)
        workers, self._workers = self._workers, []
        for worker in workers:
            self._unwatch(worker)
            worker.jobs.close()  # the worker reads the end of its jobs and exits
        for worker in workers:
            # Its answer pipe stays open until then: a worker finishing a job can still write.
            worker.process.join(timeout)
            if worker.process.exitcode is None:
                logger.warning("extraction worker %s did not exit; killing it", worker.pid)
                worker.process.kill()
                worker.process.join(timeout)
            worker.results.close()
        self._fail_all(self._broken, workers)

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (those started and not exited)."""
        return [w.pid for w in self._workers if w.pid is not None]

    def _spawn(self, count: int) -> None:
        starter = threading.Thread(
            target=self._start_workers, args=(count,), name="extraction-worker-start", daemon=True
        )
        self._starters = [t for t in self._starters if t.is_alive()]
        self._starters.append(starter)
        starter.start()

    def _start_workers(self, count: int) -> None:
        # In a thread: a start waits for the fork server's answer (seconds for the first).
        started: list[_Worker] = []
        error: BaseException | None = None
        try:
            for _ in range(count):
                started.append(self._start_worker())
        except Exception as exc:  # the fork server cannot fork (no memory, no processes left)
            error = exc
        loop = self._loop
        assert loop is not None
        try:
            loop.call_soon_threadsafe(self._attach, started, count - len(started), error)
        except RuntimeError:  # the loop is closed: nobody left to use them
            for worker in started:
                self._detach(worker)

    def _start_worker(self) -> _Worker:
        context = self._context
        assert context is not None
        job_reader, job_writer = context.Pipe(duplex=False)
        result_reader, result_writer = context.Pipe(duplex=False)
        process = context.Process(
            target=serve,
            args=(job_reader, result_writer, self._initializer, self.limits),
            name="newsarchive-extract",
            daemon=True,
        )
        try:
            process.start()
        finally:
            # The worker has its own copies now; without ours, its exit shows as end of file.
            job_reader.close()
            result_writer.close()
        for end in (job_writer, result_reader):
            widen_pipe(end.fileno())
            os.set_blocking(end.fileno(), False)
        return _Worker(process, job_writer, result_reader)

    def _attach(self, started: list[_Worker], failed: int, error: BaseException | None) -> None:
        assert self._loop is not None
        if self._broken is not None:
            for worker in started:
                self._detach(worker)
                worker.process.join(1.0)
            return
        for worker in started:
            self._workers.append(worker)
            self._loop.add_reader(worker.results.fileno(), self._on_readable, worker)
        if failed:
            logger.error("could not start %d extraction worker(s): %s", failed, error)
            self._failed_starts += failed
            if self._failed_starts >= MAX_FAILED_STARTS:
                self._break(f"extraction workers cannot be started: {error}")
                return
            self._spawn(failed)
        self._dispatch()

    def _unwatch(self, worker: _Worker) -> None:
        if self._loop is None or self._loop.is_closed():
            return
        # Each on its own: a closed end (OSError from fileno) must not keep the other watched.
        with contextlib.suppress(ValueError, OSError):
            self._loop.remove_reader(worker.results.fileno())
        with contextlib.suppress(ValueError, OSError):
            self._loop.remove_writer(worker.jobs.fileno())

    def _detach(self, worker: _Worker) -> None:
        self._unwatch(worker)
        worker.jobs.close()  # the worker reads the end of its jobs and exits
        worker.results.close()

    def _break(self, reason: str) -> None:
        logger.error("%s", reason)
        self._broken = PoolBroken(reason)
        workers, self._workers = self._workers, []
        for worker in workers:
            self._detach(worker)
        self._fail_all(self._broken, workers)

    def _fail_all(self, exc: BaseException, workers: list[_Worker]) -> None:
        jobs = [job for worker in workers for job in worker.inflight]
        jobs.extend(self._backlog)
        self._backlog.clear()
        for job in jobs:
            if not job.future.done():
                job.future.set_exception(exc)

    # --- jobs --------------------------------------------------------------------------------

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> asyncio.Future[Any]:
        """Run fn(*args, **kwargs) in a worker; the future has its value or exception, or
        WorkerCrashed, or PoolBroken. Call on the loop's thread, after `start()`."""
        assert self._loop is not None, "LoopPool.start() first"
        future: asyncio.Future[Any] = self._loop.create_future()
        if self._broken is not None:
            future.set_exception(self._broken)
            return future
        payload = pickle.dumps((fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        self._backlog.append(_Job(payload, future))
        self._dispatch()
        return future

    def _dispatch(self) -> None:
        while self._backlog and self._workers:
            worker = min(self._workers, key=lambda w: len(w.inflight))
            if len(worker.inflight) >= DEPTH:
                return
            job = self._backlog.popleft()
            if job.future.done():  # cancelled while it waited
                continue
            worker.inflight.append(job)
            if len(worker.inflight) == 1:
                worker.started = time.monotonic()
            self._send(worker, job.payload)

    def _send(self, worker: _Worker, payload: bytes) -> None:
        size = len(payload)
        header = (
            _HEADER.pack(size) if size <= 0x7FFFFFFF else _HEADER.pack(-1) + _LONG_HEADER.pack(size)
        )
        if worker.unsent:  # the pipe is full: the writer callback sends it in order
            worker.unsent += header
            worker.unsent += payload
            return
        try:
            written = os.writev(worker.jobs.fileno(), [header, payload])
        except BlockingIOError:
            written = 0
        except OSError:  # the worker is gone: its answer pipe reports it (_lost)
            return
        if written < len(header) + size:
            worker.unsent += (header + payload)[written:]
            assert self._loop is not None
            self._loop.add_writer(worker.jobs.fileno(), self._on_writable, worker)

    def _on_writable(self, worker: _Worker) -> None:
        try:
            written = os.write(worker.jobs.fileno(), worker.unsent)
        except BlockingIOError:
            return
        except OSError:
            written = len(worker.unsent)  # the worker is gone: _lost requeues its jobs
        del worker.unsent[:written]
        if not worker.unsent:
            assert self._loop is not None
            self._loop.remove_writer(worker.jobs.fileno())

    def _on_readable(self, worker: _Worker) -> None:
        try:
            chunk = os.read(worker.results.fileno(), _READ_BYTES)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._lost(worker)
            return
        received = worker.received
        received += chunk
        start = 0
        while len(received) - start >= _HEADER.size:
            (size,) = _HEADER.unpack_from(received, start)
            body = start + _HEADER.size
            if size == -1:
                if len(received) - body < _LONG_HEADER.size:
                    break
                (size,) = _LONG_HEADER.unpack_from(received, body)
                body += _LONG_HEADER.size
            if len(received) - body < size:
                break
            answer = bytes(received[body : body + size])
            start = body + size
            if not worker.ready:
                worker.ready = answer == READY
                worker.started = time.monotonic()  # its first job starts now, not when sent
                self._failed_starts = 0
                continue
            self._answer(worker.inflight.popleft(), answer)
            worker.started = time.monotonic()
        del received[:start]
        self._dispatch()

    def _answer(self, job: _Job, answer: bytes) -> None:
        if job.future.done():
            return
        try:
            ok, value = pickle.loads(answer)
        except Exception as exc:
            job.future.set_exception(exc)
            return
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)

    def _lost(self, worker: _Worker) -> None:
        """A worker's answer pipe closed: it exited."""
        self._workers.remove(worker)
        self._detach(worker)
        worker.process.join(0.1)  # it has exited: this only collects its exit code
        code = worker.process.exitcode
        jobs = worker.inflight
        # Killed for a job that answered meanwhile (in the pipe, read before the end of file):
        # the job after it is not to blame, and goes to another worker with the rest.
        blamed = worker.overdue is None or (bool(jobs) and jobs[0] is worker.overdue)
        if worker.ready and jobs and blamed:
            crashed = jobs.popleft()
            error: Exception
            if worker.overdue is not None or code == -signal.SIGXCPU:
                self.timeouts += 1
                seconds = self.limits.seconds
                error = JobTimeout(f"took more than {seconds:g} s of CPU time (worker ended)")
            else:
                self.crashes += 1
                error = WorkerCrashed(f"extraction worker {worker.pid} exited ({code}) on this job")
            if not crashed.future.done():
                crashed.future.set_exception(error)
        # The rest were waiting in its pipe, not started: the other workers take them, first.
        self._backlog.extendleft(reversed(jobs))
        if not worker.ready:
            self._failed_starts += 1
            logger.error("extraction worker %s exited (%s) before it was ready", worker.pid, code)
            if self._failed_starts >= MAX_FAILED_STARTS:
                self._break(f"extraction workers exit before they are ready (last: {code})")
                return
        self._spawn(1)
        self._dispatch()

    def _check_overdue(self) -> None:
        """Kill the workers whose job has run past the wall-time limit (their answer pipe then
        closes, and _lost fails the job with JobTimeout)."""
        assert self._loop is not None and self._wall_limit is not None
        deadline = time.monotonic() - self._wall_limit
        for worker in self._workers:
            if (
                worker.ready
                and worker.inflight
                and worker.overdue is None
                and worker.started < deadline
            ):
                logger.error(
                    "extraction worker %s has not answered for %.0f s: killing it",
                    worker.pid,
                    self._wall_limit,
                )
                worker.overdue = worker.inflight[0]
                worker.process.kill()
        self._watch = self._loop.call_later(WATCH_SECONDS, self._check_overdue)
