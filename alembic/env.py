"""Alembic environment: migrates the engine handed over by `db.engine`, or DATABASE_URL."""

from __future__ import annotations

import os

from sqlalchemy import Engine

from alembic import context
from db.engine import make_engine
from db.models import Base, described_by_models

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine  # type: ignore[no-any-return]
    # Plain `alembic upgrade head` from the repository root: same default as the app.
    from crawler.model.config import AppConfig

    return make_engine(os.environ.get("DATABASE_URL") or AppConfig().database_url_resolved)


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render our UTC column type as the plain type it is in the database."""
    from db.models import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    context.configure(
        url=str(_engine().url),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            render_item=_render_item,
            include_object=described_by_models,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
