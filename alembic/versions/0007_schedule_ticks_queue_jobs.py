"""schedule_ticks and crawl_runs.queue_job_id: crawl jobs across machines

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:10:00

On a PostgreSQL archive `newsarchive schedule` enqueues crawls for `newsarchive worker`s on a job
queue. Each scheduled time of a job is a row of schedule_ticks, enqueued at most once, so a
standby scheduler taking over neither loses nor repeats one; a run records the queue job that
ran it, whose worker's heartbeat says whether the run is alive. Both stay empty on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schedule_ticks",
        sa.Column("job_name", sa.String(length=100), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("queue_job_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("job_name", "scheduled_at", name=op.f("pk_schedule_ticks")),
    )
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queue_job_id", sa.BigInteger(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_crawl_runs_queue_job_id"), ["queue_job_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crawl_runs_queue_job_id"))
        batch_op.drop_column("queue_job_id")
    op.drop_table("schedule_ticks")
