"""fetches.hints: what discovery said about an article page

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:40:00

The news sitemap's or feed's title, publication date and language for an article page are an
input of its extraction; kept with the fetch, a re-extraction of the raw capture gets them too.
Fetches archived before this revision have none (NULL).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hints", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.drop_column("hints")
