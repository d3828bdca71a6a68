"""articles.seo_title and agencies (and on article_versions)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:20:00

The visible headline is the title; the page's metadata headline, when it says something else,
is kept as seo_title. News agencies credited for the text (dpa, AFP, Reuters …) are a list of
their own, apart from the authors (people only). Articles and versions archived before this
revision have no seo_title (NULL) and no agencies ([]) until they are re-extracted.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("articles", "article_versions")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("seo_title", sa.Text(), nullable=True))
            batch_op.add_column(
                sa.Column("agencies", sa.JSON(), nullable=False, server_default="[]")
            )


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("agencies")
            batch_op.drop_column("seo_title")
