"""Engine and session setup for SQLite (embedded default) and PostgreSQL, and the schema guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

REPO_ROOT = Path(__file__).resolve().parent.parent
ALEMBIC_DIR = REPO_ROOT / "alembic"


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
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> None:
    """Create a fresh archive, accept a current one, and explain anything else.

    A fresh (empty) database is migrated to head without a separate step. An archive at an
    older revision is not touched behind the operator's back: upgrading a shared PostgreSQL
    archive is a decision, so the error names the command that does it.
    """
    from alembic.script import ScriptDirectory

    rev = current_revision(engine)
    if rev is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise SchemaError(
                "the database has tables but no newsarchive schema version; "
                "point DATABASE_URL at an empty database or a newsarchive archive"
            )
        upgrade(engine)
        return
    head = head_revision()
    if rev == head:
        return
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
