"""Per-site crawl locks in PostgreSQL: a session advisory lock on a connection of its own.

The PostgreSQL counterpart of the flock on `<data_dir>/locks/<site>.lock` (crawler/locks.py),
for archives whose crawls run on several machines. The server drops a session lock when its
connection ends, so a crawl that dies (kill -9, a crash) frees its site at once; a machine that
vanishes frees it once TCP keepalives notice (about a minute, see KEEPALIVES). Advisory locks are
database-wide, so the key hashes the database, the schema and the site key together: two
archives in different schemas or databases of one server never share a lock.

Who holds a lock is read from the server (pg_locks joined with pg_stat_activity): the holder
names itself in its connection's application_name.
"""

from __future__ import annotations

import hashlib
import os
import socket
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.pool import NullPool

from db.engine import make_engine

# A holder whose machine vanished is noticed after idle + interval * count seconds.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
# application_name keeps 63 bytes; the prefix marks a connection as a site lock's.
_APP_PREFIX = "newsarchive lock"
_APP_MAX = 63


def lock_key(database: str, schema: str, name: str) -> int:
    """The signed 64-bit advisory lock key of lock `name` in `database`.`schema`."""
    digest = hashlib.blake2b(f"{database}\0{schema}\0{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _split(key: int) -> tuple[int, int]:
    """(classid, objid) under which pg_locks shows a bigint advisory lock key."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


def _archive_key(conn: Connection, name: str) -> int:
    database, schema = conn.execute(
        text("SELECT current_database(), coalesce(current_schema(), '')")
    ).one()
    return lock_key(str(database), str(schema), name)


class PgSiteLock:
    """An exclusive, non-blocking advisory lock on one site; released on `release()`, when
    its connection closes, or when the process dies. Same interface as crawler.locks.SiteLock.
    """

    def __init__(self, database_url: str, site_key: str) -> None:
        self.site_key = site_key
        self.database_url = database_url
        self._engine: Engine | None = None
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def acquire(self, *, run_id: int | None = None) -> bool:
        """Take the lock if nobody holds it; False (at once) if another session does."""
        if self._conn is not None:
            return True
        engine = make_engine(self.database_url, poolclass=NullPool, connect_args=KEEPALIVES)
        try:
            conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                key = _archive_key(conn, self.site_key)
                got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
                if got:
                    conn.execute(
                        text("SELECT set_config('application_name', :v, false)"),
                        {"v": holder_name(run_id)},
                    )
            except BaseException:
                conn.close()
                raise
        except BaseException:
            engine.dispose()
            raise
        if not got:
            conn.close()
            engine.dispose()
            return False
        self._engine, self._conn = engine, conn
        return True

    def still_held(self) -> bool:
        """True while the lock's connection is alive and holds it (a database restart, or a
        network cut the server noticed, ends both)."""
        if self._conn is None:
            return False
        try:
            held = self._conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() "
                    "AND locktype = 'advisory' AND granted"
                )
            ).scalar()
        except Exception:
            return False
        return bool(held)

    def release(self) -> None:
        conn, engine = self._conn, self._engine
        self._conn = self._engine = None
        if conn is not None:
            # Closing the session drops its locks; no unlock call that could fail half-way.
            conn.invalidate()
            conn.close()
        if engine is not None:
            engine.dispose()

    def holder(self) -> str:
        """Who holds the lock, as the server says ("unknown" when nobody does)."""
        engine = make_engine(self.database_url, poolclass=NullPool)
        try:
            return lock_holders(engine, [self.site_key]).get(self.site_key) or "unknown"
        finally:
            engine.dispose()

    def __enter__(self) -> PgSiteLock:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


def holder_name(run_id: int | None) -> str:
    """The application_name a lock holder gives its connection: pid, host, run."""
    run = f" run {run_id}" if run_id is not None else ""
    tail = f" pid {os.getpid()}{run}"
    room = _APP_MAX - len(_APP_PREFIX) - len(tail) - 4
    return f"{_APP_PREFIX}:{tail} on {socket.gethostname()[: max(room, 8)]}"


def lock_holders(engine: Engine, names: list[str]) -> dict[str, str]:
    """For each of `names` whose lock is held now: who holds it (pid, host, run, since).

    A snapshot from pg_locks and pg_stat_activity; names nobody holds are left out.
    """
    if not names:
        return {}
    out: dict[str, str] = {}
    with engine.connect() as conn:
        parts = {_split(_archive_key(conn, name)): name for name in names}
        rows = conn.execute(
            text(
                "SELECT l.classid::bigint, l.objid::bigint, a.application_name, "
                "host(a.client_addr), a.backend_start "
                "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            )
        ).all()
    for classid, objid, app, addr, since in rows:
        name = parts.get((int(classid), int(objid)))
        if name is None:
            continue
        who = str(app or "")
        if who.startswith(_APP_PREFIX + ":"):
            who = who[len(_APP_PREFIX) + 1 :].strip()
        else:
            who = f"session {who or '?'}"
        if addr:
            who += f" from {addr}"
        if since is not None:
            who += f" since {since.isoformat(timespec='seconds')}"
        out[name] = who
    return out
