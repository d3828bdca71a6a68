"""pipelines.pool.LoopPool: the crawl's extraction workers, fed and read on the event loop."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from pipelines import pool as pool_module
from pipelines.pool import DEPTH, LoopPool, PoolBroken, WorkerCrashed

T = TypeVar("T")

_PID = "__import__('os').getpid()"
_DIE = "__import__('os').kill(__import__('os').getpid(), 9)"


def _with_pool(workers: int, use: Callable[[LoopPool], Awaitable[T]], **kwargs: Any) -> T:
    async def run() -> T:
        pool = LoopPool(workers, **kwargs)
        pool.start()
        try:
            return await asyncio.wait_for(use(pool), 120)
        finally:
            pool.close()

    return asyncio.run(run())


def test_answers_come_back_to_their_own_jobs_however_many_wait() -> None:
    async def use(pool: LoopPool) -> list[int]:
        # far more jobs than the workers hold (DEPTH each): most wait in the pool
        return list(await asyncio.gather(*(pool.submit(pow, n, 2) for n in range(50))))

    assert _with_pool(2, use) == [n * n for n in range(50)]


def test_a_jobs_exception_is_raised_where_it_is_awaited() -> None:
    async def use(pool: LoopPool) -> int:
        with pytest.raises(ZeroDivisionError):
            await pool.submit(eval, "1 / 0")
        return int(await pool.submit(eval, "6 * 7"))  # and the worker goes on

    assert _with_pool(1, use) == 42


def test_a_worker_that_dies_fails_its_job_and_a_new_one_takes_the_rest() -> None:
    async def use(pool: LoopPool) -> tuple[int, list[Any], int, int]:
        first = await pool.submit(eval, _PID)
        # One worker: the next job waits in its pipe (DEPTH), the rest in the pool.
        assert DEPTH >= 2
        dying = pool.submit(eval, _DIE)
        behind = [pool.submit(pow, n, 3) for n in range(5)]
        answers = await asyncio.gather(dying, *behind, return_exceptions=True)
        return first, answers, await pool.submit(eval, _PID), pool.crashes

    first, answers, second, crashes = _with_pool(1, use)
    assert isinstance(answers[0], WorkerCrashed)
    assert f"extraction worker {first} exited (-9)" in str(answers[0])
    assert answers[1:] == [0, 1, 8, 27, 64]
    assert second != first and crashes == 1


def test_ctrl_c_in_the_terminal_does_not_stop_the_workers() -> None:
    # SIGINT reaches the whole process group; the crawl stops gracefully and still needs its
    # workers for the pages in flight.
    async def use(pool: LoopPool) -> tuple[int, int]:
        pid = await pool.submit(eval, _PID)
        os.kill(pid, signal.SIGINT)
        await asyncio.sleep(0.2)
        return pid, await pool.submit(eval, _PID)

    before, after = _with_pool(1, use)
    assert before == after


def _record_starts(monkeypatch: pytest.MonkeyPatch, refusals: int = 0) -> list[str]:
    """The names of the threads that start workers, one entry a start; the first `refusals`
    starts fail as a fork server out of processes fails them."""
    starters: list[str] = []
    start_worker = LoopPool._start_worker

    def recorded(pool: LoopPool) -> Any:
        starters.append(threading.current_thread().name)
        if len(starters) <= refusals:
            raise OSError("Resource temporarily unavailable")
        return start_worker(pool)

    monkeypatch.setattr(LoopPool, "_start_worker", recorded)
    return starters


def test_the_workers_are_started_off_the_event_loops_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Starting a worker waits for the fork server, the first one until it has loaded the
    # extraction modules (~1-2 s): the reactor's thread must not be the one waiting.
    starters = _record_starts(monkeypatch)

    async def use(pool: LoopPool) -> list[int]:
        return list(await asyncio.gather(pool.submit(pow, 3, 2), pool.submit(pow, 2, 3)))

    assert _with_pool(2, use) == [9, 8]
    assert len(starters) == 2
    assert threading.main_thread().name not in starters


def test_workers_that_cannot_start_break_the_pool_instead_of_restarting_forever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    starts = _record_starts(monkeypatch)

    async def use(pool: LoopPool) -> None:
        with pytest.raises(PoolBroken, match="exit before they are ready"):
            await pool.submit(pow, 2, 2)
        with pytest.raises(PoolBroken):  # and so does every later job, at once
            await pool.submit(pow, 2, 2)

    # sys.exit as the initializer: every worker exits before it has run a job
    _with_pool(1, use, initializer=sys.exit)
    assert len(starts) == pool_module.MAX_FAILED_STARTS


def test_closing_ends_the_workers_and_fails_what_was_not_done() -> None:
    async def run() -> tuple[list[int], list[Any], Any]:
        pool = LoopPool(2)
        pool.start()
        await asyncio.gather(pool.submit(pow, 1, 1), pool.submit(pow, 1, 1))
        while len(pool.pids) < 2:
            await pool.submit(pow, 1, 1)
        workers = [w.process for w in pool._workers]
        pids = pool.pids
        waiting = [pool.submit(eval, "__import__('time').sleep(0.3)") for _ in range(8)]
        pool.close()
        answers = await asyncio.gather(*waiting, return_exceptions=True)
        later = await asyncio.gather(pool.submit(pow, 2, 2), return_exceptions=True)
        assert not any(process.is_alive() for process in workers)
        return pids, answers, later[0]

    pids, answers, later = asyncio.run(run())
    assert len(pids) == 2
    # Not answered before the pool closed: each fails, none is left waiting forever.
    assert all(isinstance(answer, PoolBroken) for answer in answers)
    assert isinstance(later, PoolBroken)


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(ValueError, match="at least one worker"):
        LoopPool(0)


@pytest.mark.parametrize("refusals", [1, 99])
def test_a_worker_the_fork_server_could_not_start_is_tried_again_a_few_times(
    monkeypatch: pytest.MonkeyPatch, refusals: int
) -> None:
    starts = _record_starts(monkeypatch, refusals)

    async def use(pool: LoopPool) -> Any:
        return (await asyncio.gather(pool.submit(pow, 2, 5), return_exceptions=True))[0]

    answer = _with_pool(1, use)
    if refusals == 1:
        assert answer == 32 and len(starts) == 2
    else:
        assert isinstance(answer, PoolBroken)
        assert "cannot be started: Resource temporarily unavailable" in str(answer)
        assert len(starts) == pool_module.MAX_FAILED_STARTS
