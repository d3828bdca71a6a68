"""articles.extractor, article_versions.extractor: what produced the text

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:10:00

The extraction and cleaning that made a text (`newsarchive-extract/<n> trafilatura/<release>`),
so a reader can tell texts of older rules from current ones. Texts archived before this revision
have none (NULL): which rules made them is not known.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("articles", "article_versions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("extractor", sa.String(length=200), nullable=True))


def downgrade() -> None:
    for table in ("article_versions", "articles"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("extractor")
