"""Archive database calls retried through transient outages (PostgreSQL restarting, SQLite busy)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")


def _transient(exc: BaseException) -> bool:
    """True for database errors that a retry can cure: connection lost, server restarting,
    SQLite busy. A broken query is not retried."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def call_with_retry(
    fn: Callable[[], T],
    what: str,
    *,
    retry_for: float,
    should_stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call `fn`, retrying transient database errors with exponential backoff (1 s, 2 s, 4 s
    ... at most 30 s apart) for up to `retry_for` seconds; then the last error is raised."""
    deadline = clock() + retry_for
    delay = 1.0
    while True:
        try:
            return fn()
        except Exception as exc:
            if not _transient(exc) or clock() + delay > deadline or should_stop():
                raise
            logger.warning(
                "%s: archive database unavailable (%s); retrying in %.0f s",
                what,
                one_line(exc),
                delay,
            )
            sleep(delay)
            delay = min(delay * 2, 30.0)


def one_line(exc: BaseException) -> str:
    """The first line of an error's message, for log lines."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
