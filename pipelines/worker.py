"""Set-up of the extraction worker processes, free of Scrapy, Twisted and SQLAlchemy imports.

A pool's initializer is imported by every worker: named from the Scrapy pipeline modules it
would make each worker import them, the archive's models and SQLAlchemy too (measured: 0.5 s
of CPU and ~20 MB per worker, at the start of every crawl, for code a worker never runs).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import resource
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver, spawn
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from typing import Any

from crawler.model.limits import WorkerLimits

fcntl: Any
try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None

# Imported by the fork server before it forks any worker (see worker_context).
PRELOAD_MODULE = "pipelines.preload"
# What the pipe to the workers holds (Linux's default: 64 KB); the most an unprivileged process
# may set by default (/proc/sys/fs/pipe-max-size).
CALL_PIPE_BYTES = 1024 * 1024
# The parent's main script, for the fork server to import once (see worker_context).
MAIN_PATH_ENV = "NEWSARCHIVE_FORKSERVER_MAIN"
# CPU seconds a job may use beyond its limit before the kernel ends the worker (RLIMIT_CPU):
# time for the job's own code to notice the timer and answer, when it is not stuck in C code.
HARD_LIMIT_GRACE = 5


class JobTimeout(Exception):
    """A job used more CPU time than its limit (see `cpu_time_limit`)."""


class _Expired(BaseException):
    """Raised into the job's code by the CPU timer. A BaseException, like KeyboardInterrupt,
    so that the extraction's own `except Exception` (trafilatura has many) cannot swallow it."""


def limit_memory(max_bytes: int | None) -> None:
    """Cap this process's data memory: past it, an allocation fails (MemoryError in Python).

    RLIMIT_DATA, not RLIMIT_AS: it counts the heap and private writable mappings, what a page's
    parse tree grows, and not the address space numpy, lxml and glibc reserve without using
    (measured in a worker: 180 MB of address space, 112 MB of data, 47 MB resident).
    """
    if max_bytes is None:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (max_bytes, hard))


def no_core_files() -> None:
    """A worker the kernel ends for its CPU time (SIGXCPU) writes no core file of up to its
    memory limit."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def _expire(signum: int, frame: object) -> None:
    # Once more in a second of CPU if the code it interrupts catches even BaseException.
    signal.setitimer(signal.ITIMER_PROF, 1.0)
    raise _Expired


@contextlib.contextmanager
def cpu_time_limit(seconds: float | None, *, hard: bool = True) -> Iterator[None]:
    """Raise JobTimeout when the block has used `seconds` of this process's CPU time.

    A profiling timer (ITIMER_PROF: user and system time) interrupts the job's Python code;
    the process lives on. Code stuck in C (a parser, a C extension's loop) never sees that
    signal, so with `hard` the kernel ends the process HARD_LIMIT_GRACE seconds later
    (RLIMIT_CPU: SIGXCPU), which the pool reports as a timeout too. CPU time, not wall time: a
    page's cost does not depend on how busy the machine is or how many workers share a core.
    Costs ~20 us a job once `install_timer_handler` has run (the handler's installation is the
    costly part, ~18 us, so workers do it once).
    """
    if seconds is None:
        yield
        return
    installed = signal.getsignal(signal.SIGPROF) is _expire
    previous = None if installed else signal.signal(signal.SIGPROF, _expire)
    limits = resource.getrlimit(resource.RLIMIT_CPU) if hard else None
    if limits is not None:
        ceiling = math.ceil(time.process_time() + seconds + HARD_LIMIT_GRACE)
        if limits[1] == resource.RLIM_INFINITY or ceiling < limits[1]:
            resource.setrlimit(resource.RLIMIT_CPU, (ceiling, limits[1]))
    try:
        signal.setitimer(signal.ITIMER_PROF, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _Expired:
        signal.setitimer(signal.ITIMER_PROF, 0)  # _expire may have set it again meanwhile
        raise JobTimeout(f"took more than {seconds:g} s of CPU time") from None
    finally:
        if not installed:
            signal.signal(signal.SIGPROF, previous)
        if limits is not None:
            resource.setrlimit(resource.RLIMIT_CPU, limits)


def install_timer_handler() -> None:
    """Install cpu_time_limit's signal handler for good (in a worker: once, not per job)."""
    signal.signal(signal.SIGPROF, _expire)


def warm_worker() -> None:
    """Load trafilatura and the language profiles once per worker, not on the first page;
    then freeze what is loaded, so the garbage collector never walks it again (measured:
    0.2 ms of each page's ~22 ms went to collections walking the language profiles).

    In a pool from `worker_context` the fork server did the loading: only the freeze is left.
    """
    import gc

    import pipelines.extract  # noqa: F401  (trafilatura, lxml: neardup imports it lazily)
    from pipelines.language import detect_language
    from pipelines.neardup import signature

    detect_language("Ein kurzer Satz, damit die Sprachprofile geladen sind.", "de")
    signature("ein paar Wörter, damit numpy und die Permutationen geladen sind")
    gc.collect()
    gc.freeze()


def worker_context() -> ForkServerContext:
    """The start method of the extraction pools (the crawl's and reextract's).

    A fork server: workers start from a clean process, not a copy of the parent with its
    reactor, threads and database connections. It loads the extraction modules and language
    profiles once (PRELOAD_MODULE), so each worker is forked ready instead of importing them
    itself (one load per crawl instead of one per worker, and the loaded pages are shared).

    When the parent runs a script (the `scrapy` or `newsarchive` command), every child of a
    fork server imports that script as `__mp_main__` unless the server has it already, and
    multiprocessing's own `"__main__"` preload never loads it (Python 3.11: the server is
    handed no "main_path"). Measured with the `scrapy` command: each worker imported Scrapy
    again, 0.2 s of CPU and 26 MB of memory of its own. So the script's path goes to the
    server (MAIN_PATH_ENV), which imports it once, for all workers (pipelines.preload).
    """
    context = multiprocessing.get_context("forkserver")
    assert isinstance(context, ForkServerContext)
    main_path = spawn.get_preparation_data("worker").get("init_main_from_path")
    if main_path:
        os.environ[MAIN_PATH_ENV] = main_path  # the fork server inherits the environment
    else:
        os.environ.pop(MAIN_PATH_ENV, None)  # started as a module (-m): children skip it
    # Takes effect when the fork server starts (the first pool of the process); later pools
    # reuse that server, already loaded.
    context.set_forkserver_preload([PRELOAD_MODULE])
    return context


def start_fork_server() -> None:
    """Start the fork server now, so its loading (~0.5 s of one core) overlaps with whatever
    the caller does before the first pool needs it; a no-op when it runs already."""
    worker_context()
    forkserver.ensure_running()


def worker_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor of extraction workers (worker_context) whose pipe holds a whole
    page: `newsarchive reextract`'s (the crawl's is pipelines.pool.LoopPool).

    Through Linux's default 64 KB pipe a 200 KB page went in four parts, each written by the
    pool's feeder thread only once it had the GIL back: nearly every page (0.8 a page, measured
    in the crawl) left a worker waiting halfway through reading it, then woke it again. With
    the pipe at CALL_PIPE_BYTES that happens for 0.02 pages in 1.
    """
    pool = ProcessPoolExecutor(
        workers, mp_context=worker_context(), initializer=initializer, initargs=initargs
    )
    _widen_call_pipe(pool)
    return pool


def _widen_call_pipe(pool: ProcessPoolExecutor) -> None:
    # The pipe is the pool's own (not public API): if it is not there, the pool works as it
    # is, with the default pipe.
    writer = getattr(getattr(pool, "_call_queue", None), "_writer", None)
    if writer is not None:
        widen_pipe(writer.fileno())


def widen_pipe(fd: int) -> None:
    """Let the pipe at `fd` hold CALL_PIPE_BYTES; where the system refuses, it keeps its size."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, set_size, CALL_PIPE_BYTES)


# Sent by a worker once its initializer has run: a worker that exits before it is a worker
# that cannot start (pipelines.pool counts those), not one that crashed on a page.
READY = b""


def serve(
    jobs: Connection,
    results: Connection,
    initializer: Callable[[], None] | None,
    limits: WorkerLimits | None = None,
) -> None:
    """A worker of pipelines.pool.LoopPool: run each job read from `jobs`, in order, and send
    its outcome to `results`, until `jobs` is closed.

    A job is a pickled (function, args, kwargs); an answer a pickled (True, value) or
    (False, exception): JobTimeout past the CPU time limit, MemoryError past the memory limit
    (the worker goes on with the next job in both cases). Ctrl-C in a terminal reaches the
    whole process group: the worker ignores it, so that the crawl's graceful stop can still
    have its pages in flight extracted (the crawl closes `jobs` when it is done).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limits = limits or WorkerLimits()
    if initializer is not None:
        initializer()
    # After the set-up: the limit is for pages, and a worker that cannot load is another error.
    limit_memory(limits.memory)
    if limits.seconds is not None:
        no_core_files()
        install_timer_handler()
    with contextlib.suppress(BrokenPipeError):  # the pool is gone: nobody to answer
        _serve(jobs, results, limits.seconds)


def _serve(jobs: Connection, results: Connection, seconds: float | None) -> None:
    results.send_bytes(READY)
    while True:
        try:
            payload = jobs.recv_bytes()
        except EOFError:
            return
        try:
            fn, args, kwargs = pickle.loads(payload)
            with cpu_time_limit(seconds):
                answer: tuple[bool, Any] = (True, fn(*args, **kwargs))
        except Exception as exc:
            answer = (False, exc)
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # a value or exception that cannot be pickled
            data = pickle.dumps((False, RuntimeError(f"the worker's answer: {exc!r}")))
        results.send_bytes(data)
