"""Per-site crawl locks on disk: one site never crawls twice at once, scheduled or by hand.

A lock is an exclusive `flock` on `<data_dir>/locks/<site>.lock`, held by the crawl process
itself (crawler/extensions.py). The kernel drops an flock when the last descriptor on it
closes, so a crawl that crashes, is killed or loses its machine's power never leaves a stale
lock behind: no pid files to clean up, no expiry to guess. Python opens files
non-inheritable, so the crawl's subprocesses do not keep the lock alive after it dies.

flock is advisory and local, so it serves a SQLite archive (one machine). A PostgreSQL archive,
whose crawls may run on several machines, is locked in PostgreSQL instead (db/sitelock.py: a
session advisory lock with the same behaviour); `site_lock` picks the kind for an archive.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

from db.sitelock import PgSiteLock, lock_holders

_SAFE_KEY = re.compile(r"[^A-Za-z0-9_.-]")
_ATTEMPTS = 5
_RETRY_SECONDS = 0.05


def locks_dir(data_dir: Path) -> Path:
    """Where the lock files of the archive in `data_dir` live."""
    return data_dir / "locks"


def lock_path(lock_dir: Path, site_key: str) -> Path:
    # Site keys are [a-z0-9_]; anything else (a generic crawl's key) is made file-name safe.
    return lock_dir / f"{_SAFE_KEY.sub('_', site_key) or '_'}.lock"


class SiteLock:
    """An exclusive, non-blocking lock on one site; released on `release()` or process exit."""

    def __init__(self, lock_dir: Path, site_key: str) -> None:
        self.site_key = site_key
        self.path = lock_path(lock_dir, site_key)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, run_id: int | None = None) -> bool:
        """Take the lock if nobody holds it; False (at once) if another process does.

        The holder's pid, host, start time and run id are written into the file, so an
        operator (and the `locked` log line) can see who holds it.
        """
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            # A few quick retries: `is_locked` probes with a shared lock for an instant, and
            # that instant must not make a crawl give up.
            for attempt in range(_ATTEMPTS):
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if attempt == _ATTEMPTS - 1:
                        os.close(fd)
                        return False
                    time.sleep(_RETRY_SECONDS)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
            "run_id": run_id,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode(), 0)
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # Truncate first so a reader never sees a released lock's holder as current. The file
        # itself stays: unlinking a lock file races with a process that just opened it.
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing the last descriptor drops the flock

    def holder(self) -> str:
        """Who holds the lock, as far as the file says ("unknown" when it says nothing)."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return "unknown"
        if not isinstance(info, dict) or "pid" not in info:
            return "unknown"
        run = f", run {info['run_id']}" if info.get("run_id") else ""
        return f"pid {info['pid']} on {info.get('host', '?')} since {info.get('since', '?')}{run}"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def is_locked(lock_dir: Path, site_key: str) -> bool:
    """True if some process holds the site's lock right now (a snapshot: it may change)."""
    return file_locked(SiteLock(lock_dir, site_key).path)


def file_locked(path: Path) -> bool:
    """True if some process holds an exclusive flock on `path` now (False: no such file)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def is_postgres(database_url: str | None) -> bool:
    return bool(database_url) and str(database_url).startswith(("postgresql", "postgres:"))


def site_lock(lock_dir: Path, database_url: str | None, site_key: str) -> SiteLock | PgSiteLock:
    """The crawl lock of `site_key`: in PostgreSQL for a PostgreSQL archive, a file otherwise."""
    if is_postgres(database_url):
        assert database_url is not None
        return PgSiteLock(database_url, site_key)
    return SiteLock(lock_dir, site_key)


def site_lock_holders(
    lock_dir: Path, database_url: str | None, site_keys: list[str]
) -> dict[str, str]:
    """Who holds the lock of each busy site among `site_keys` (a snapshot; free sites left out)."""
    if is_postgres(database_url):
        from db.engine import make_engine

        assert database_url is not None
        engine = make_engine(database_url)
        try:
            return lock_holders(engine, site_keys)
        finally:
            engine.dispose()
    return {key: SiteLock(lock_dir, key).holder() for key in site_keys if is_locked(lock_dir, key)}


def check_writable(folder: Path) -> None:
    """Create `folder` if needed and prove that a file can be written in it (OSError if not).

    Permission bits alone do not say (root writes through them; a read-only mount refuses
    root too), so a real file is created and dropped.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder):
        pass


# How much later than its run a process may seem to have started and still be the run's own:
# the boot time the kernel reports moves with clock corrections.
_START_SLACK = timedelta(seconds=60)


def process_gone(pid: int | None, run_started: datetime) -> bool:
    """True when the process of a run on this host that started at `run_started` is gone.

    Gone: no such process, a zombie, or a process that started well after the run did (its
    pid was reused after the crawl died; a crawl process exists before the run it creates).
    A run without a pid (created by a supervisor, not taken over yet) is not judged here.
    """
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # someone else's process: alive
    started = _process_start(pid)
    if started is None:
        return False  # cannot tell: alive
    if isinstance(started, str):  # a zombie
        return True
    if run_started.tzinfo is None:
        run_started = run_started.replace(tzinfo=UTC)
    return started > run_started + _START_SLACK


def _process_start(pid: int) -> datetime | str | None:
    """When process `pid` started ("zombie" for a dead one not reaped yet), from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        # Fields after the command name, which may itself contain spaces and parentheses.
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] in ("Z", "X"):
            return "zombie"
        ticks = int(fields[19])
        seconds = boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None
    return datetime.fromtimestamp(seconds, UTC)
