"""Engine and session setup for SQLite (embedded default) and PostgreSQL, and the schema guard."""

from __future__ import annotations

import fcntl
import functools
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

REPO_ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_DIR = REPO_ROOT / "alembic"
# PostgreSQL advisory lock key of schema creation and upgrades (the first of the two 32-bit
# keys; the second is the schema's name hashed, so archives in different schemas of one
# database do not wait for each other). Any fixed number unlikely to collide will do.
MIGRATE_LOCK_KEY = 0x6E617263  # "narc"
# SQLite: the file locked beside the database while its schema is checked or migrated.
MIGRATE_LOCK_SUFFIX = ".migrate.lock"


class SchemaError(RuntimeError):
    """The archive's schema is not the one this code expects; the message says what to do."""


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain `postgresql://` URLs (SQLAlchemy would pick psycopg2)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite, create the file's folder and switch to WAL mode."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # Writers from several processes (a manual crawl beside a scheduled one) wait for the
        # lock rather than fail at once.
        engine = create_engine(url, connect_args={"timeout": 60}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            switch_to_wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_readonly_engine(url: str) -> Engine:
    """An engine that cannot write, whatever the code using it does.

    SQLite: the file is opened with `mode=ro` (an SQLite URI), so a missing file is an error
    instead of a new empty database, and `PRAGMA query_only` refuses writes on top. PostgreSQL:
    every transaction starts read-only (`default_transaction_read_only`), added to the options
    the URL already carries (a search_path, say).
    """
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError("a read-only archive needs a database file, not an in-memory one")
        uri = f"file:{quote(str(Path(parsed.database).resolve()))}?mode=ro"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, timeout=60, check_same_thread=False),
            poolclass=QueuePool,
        )

        @event.listens_for(engine, "connect")
        def _query_only(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute("PRAGMA query_only=ON")

        return engine
    given = parsed.query.get("options") or ()
    options = " ".join([*([given] if isinstance(given, str) else given), _READ_ONLY_OPTION])
    readonly = parsed.update_query_dict({"options": options})
    return create_engine(readonly, pool_pre_ping=True)


_READ_ONLY_OPTION = "-c default_transaction_read_only=on"


def switch_to_wal(cur: Any) -> None:
    """`PRAGMA journal_mode=WAL`, tried again while another connection switches the same new
    file: two connections doing it at once deadlock on the lock upgrade, and SQLite answers
    one of them "database is locked" at once, without waiting for its busy timeout. Once the
    file is in WAL mode the pragma takes no lock."""
    for attempt in range(_WAL_ATTEMPTS):
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(min(0.01 * 2**attempt, 0.5))


_WAL_ATTEMPTS = 12  # ~3 s in all


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A short transaction: commit on success, roll back on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Any:
    """An Alembic config that migrates through `engine` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(ALEMBIC_DIR))
    cfg.attributes["engine"] = engine
    return cfg


@functools.cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = alembic_config(create_engine("sqlite://"))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None, "alembic/versions has no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def sqlite_path(engine_or_url: Engine | str) -> Path | None:
    """The database file of a SQLite archive; None for another backend or an in-memory one."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


@contextmanager
def schema_lock(engine: Engine) -> Iterator[None]:
    """Held while a process checks and migrates the schema, so that only one does it at once.

    Two crawls started together on a fresh archive would otherwise both find it empty and both
    create it (`table alembic_version already exists`), or one would see the other's
    half-applied migrations as an old archive. SQLite: an flock on a file beside the database
    (dropped by the kernel if the holder dies). PostgreSQL: a session advisory lock on a
    connection of its own (dropped by the server if the connection dies). Blocking: a
    migration of a large archive may take minutes, and waiting is the point.
    """
    path = sqlite_path(engine)
    if path is not None:
        lock_file = path.with_name(path.name + MIGRATE_LOCK_SUFFIX)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the only descriptor drops the flock
        return
    if engine.url.get_backend_name() != "postgresql":
        yield
        return
    conn = engine.connect()
    key = text("SELECT pg_advisory_lock(:k, hashtext(coalesce(current_schema(), '')))")
    try:
        conn.execute(key, {"k": MIGRATE_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            try:
                conn.execute(
                    text("SELECT pg_advisory_unlock(:k, hashtext(coalesce(current_schema(), '')))"),
                    {"k": MIGRATE_LOCK_KEY},
                )
                conn.commit()
            except Exception:
                # A pooled connection must never go back holding the lock.
                conn.invalidate()
    finally:
        conn.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision`, under the schema lock (the operator's `db upgrade`)."""
    with schema_lock(engine):
        _upgrade(engine, revision)


def _upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> None:
    """Create a fresh archive, accept a current one, and explain anything else.

    A fresh (empty) database is migrated to head without a separate step. An archive at an
    older revision is not touched behind the operator's back: upgrading a shared PostgreSQL
    archive is a decision, so the error names the command that does it. Anything but a
    current archive is looked at again under the schema lock: another process may be
    creating or upgrading it right now.
    """
    head = head_revision()
    if current_revision(engine) == head:
        return  # the common case, without waiting for any lock
    with schema_lock(engine):
        rev = current_revision(engine)
        if rev is None:
            tables = set(inspect(engine).get_table_names())
            if tables - {"alembic_version"}:
                raise SchemaError(
                    "the database has tables but no newsarchive schema version; "
                    "point DATABASE_URL at an empty database or a newsarchive archive"
                )
            _upgrade(engine)
            return
        check_revision(engine, rev)


def check_revision(engine: Engine, rev: str | None) -> None:
    """Accept an archive at head; otherwise raise SchemaError saying what to do."""
    from alembic.script import ScriptDirectory

    head = head_revision()
    if rev == head:
        return
    if rev is None:
        raise SchemaError(
            "the database has no newsarchive schema (a crawl or `newsarchive db upgrade` "
            "creates it)"
        )
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {s.revision for s in script.walk_revisions()}
    if rev in known:
        raise SchemaError(
            f"the archive is at schema revision {rev}, this version of newsarchive needs {head}; "
            "run `newsarchive db upgrade` (back up the archive first)"
        )
    raise SchemaError(
        f"the archive is at schema revision {rev}, which this version of newsarchive does not "
        "know: it was written by a newer version"
    )
