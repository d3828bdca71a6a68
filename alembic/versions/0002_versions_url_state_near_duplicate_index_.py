"""versions, url state, near-duplicate index, run health

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:34:30.876957
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_bands_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", "band", name=op.f("pk_article_bands")),
    )
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.create_index("ix_article_bands_band_key", ["band", "key"], unique=False)

    op.create_table(
        "article_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_signatures_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_signatures")),
    )
    op.create_table(
        "run_warnings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("rule", sa.String(length=60), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_run_warnings_run_id_crawl_runs")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_run_warnings_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_warnings")),
    )
    with op.batch_alter_table("run_warnings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_warnings_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_run_warnings_site_id"), ["site_id"], unique=False)

    op.create_table(
        "url_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("first_fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_status", sa.Integer(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("body_digest", sa.String(length=80), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("revisits", sa.Integer(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_url_state_article_id_articles")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_url_state_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_url_state")),
        sa.UniqueConstraint("url", name=op.f("uq_url_state_url")),
    )
    with op.batch_alter_table("url_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_url_state_next_due_at"), ["next_due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_url_state_site_id"), ["site_id"], unique=False)

    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("fetch_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_versions_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["fetch_id"], ["fetches.id"], name=op.f("fk_article_versions_fetch_id_fetches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_versions")),
        sa.UniqueConstraint("article_id", "version", name=op.f("uq_article_versions_article_id")),
    )
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_versions_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_article_versions_content_hash"), ["content_hash"], unique=False
        )

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_cluster_id"), ["cluster_id"], unique=False)

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("new_versions", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("http_errors", sa.JSON(), nullable=False, server_default="{}")
        )
        batch_op.add_column(sa.Column("date_share", sa.Double(), nullable=True))
        batch_op.add_column(
            sa.Column("trigger", sa.String(length=20), nullable=False, server_default="manual")
        )
        batch_op.add_column(sa.Column("exit_status", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("hostname", sa.String(length=255), nullable=True))

    # Every existing article becomes version 1 of itself, seen when it was first archived.
    op.execute(
        "INSERT INTO article_versions "
        "(article_id, version, content_hash, title, text, modified_at, seen_at, url, origin) "
        "SELECT id, 1, content_hash, title, text, modified_at, first_seen_at, url, 'crawl' "
        "FROM articles"
    )


def downgrade() -> None:

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_column("hostname")
        batch_op.drop_column("pid")
        batch_op.drop_column("exit_status")
        batch_op.drop_column("trigger")
        batch_op.drop_column("date_share")
        batch_op.drop_column("http_errors")
        batch_op.drop_column("new_versions")

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_cluster_id"))
        batch_op.drop_column("cluster_id")
        batch_op.drop_column("version")

    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_versions_content_hash"))
        batch_op.drop_index(batch_op.f("ix_article_versions_article_id"))

    op.drop_table("article_versions")
    with op.batch_alter_table("url_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_url_state_site_id"))
        batch_op.drop_index(batch_op.f("ix_url_state_next_due_at"))

    op.drop_table("url_state")
    with op.batch_alter_table("run_warnings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_warnings_site_id"))
        batch_op.drop_index(batch_op.f("ix_run_warnings_run_id"))

    op.drop_table("run_warnings")
    op.drop_table("article_signatures")
    with op.batch_alter_table("article_bands", schema=None) as batch_op:
        batch_op.drop_index("ix_article_bands_band_key")

    op.drop_table("article_bands")
