"""Schedule ticks of a queue-based scheduler: each (job, scheduled time) enqueued at most once.

Only the active scheduler (one PostgreSQL advisory lock) writes here. A tick is claimed
(`pending`) before its queue job is made and marked once it is; a scheduler taking over finds
a dead one's pending tick and completes it, and never claims a tick twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import CrawlRun, ScheduleTick, utcnow


def last_ticks(engine: Engine) -> dict[str, datetime]:
    """Per job name: its latest claimed tick."""
    with Session(engine) as session:
        rows = session.execute(
            select(ScheduleTick.job_name, func.max(ScheduleTick.scheduled_at)).group_by(
                ScheduleTick.job_name
            )
        ).all()
    return {name: at for name, at in rows}


def claim_tick(engine: Engine, job_name: str, scheduled_at: datetime) -> bool:
    """Record the tick as pending; False when it was claimed before (nothing written)."""
    with session_scope(engine) as session:
        result = session.execute(
            insert(ScheduleTick)
            .values(job_name=job_name, scheduled_at=scheduled_at, state="pending")
            .on_conflict_do_nothing()
            .returning(ScheduleTick.job_name)
        )
        return result.first() is not None


def pending_ticks(engine: Engine) -> list[tuple[str, datetime]]:
    with Session(engine) as session:
        rows = session.execute(
            select(ScheduleTick.job_name, ScheduleTick.scheduled_at)
            .where(ScheduleTick.state == "pending")
            .order_by(ScheduleTick.scheduled_at)
        ).all()
    return [(name, at) for name, at in rows]


def mark_tick(
    engine: Engine, job_name: str, scheduled_at: datetime, state: str, queue_job_id: int | None
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(ScheduleTick)
            .where(ScheduleTick.job_name == job_name, ScheduleTick.scheduled_at == scheduled_at)
            .values(state=state, queue_job_id=queue_job_id, enqueued_at=utcnow())
        )


def running_runs_of_jobs(engine: Engine, queue_job_ids: Iterable[int]) -> list[int]:
    """Runs still recorded as running that were started for these queue jobs."""
    ids = list(queue_job_ids)
    if not ids:
        return []
    with Session(engine) as session:
        rows = session.scalars(
            select(CrawlRun.id).where(CrawlRun.queue_job_id.in_(ids), CrawlRun.outcome == "running")
        ).all()
    return list(rows)
