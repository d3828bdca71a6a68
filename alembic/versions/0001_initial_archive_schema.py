"""initial archive schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 08:30:04.570891
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sites")),
        sa.UniqueConstraint("key", name=op.f("uq_sites_key")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at_raw", sa.Text(), nullable=True),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("site_name", sa.Text(), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_articles_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_articles_first_seen_at"), ["first_seen_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_articles_published_at"), ["published_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_site_id"), ["site_id"], unique=False)

    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spider", sa.String(length=100), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("finish_reason", sa.String(length=100), nullable=True),
        sa.Column("pages_fetched", sa.Integer(), nullable=False),
        sa.Column("articles_new", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("empty_pages", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("arguments", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_crawl_runs_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_runs")),
    )
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_crawl_runs_site_id"), ["site_id"], unique=False)

    op.create_table(
        "article_urls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("times_seen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_urls_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name=op.f("fk_article_urls_site_id_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_urls")),
        sa.UniqueConstraint("article_id", "url", name=op.f("uq_article_urls_article_id")),
    )
    with op.batch_alter_table("article_urls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_urls_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_article_urls_url"), ["url"], unique=False)

    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("requested_url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=True),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=True),
        sa.Column("content_length", sa.BigInteger(), nullable=True),
        sa.Column("payload_digest", sa.String(length=80), nullable=True),
        sa.Column("warc_file", sa.Text(), nullable=True),
        sa.Column("warc_offset", sa.BigInteger(), nullable=True),
        sa.Column("warc_length", sa.BigInteger(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("encoding", sa.String(length=40), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_fetches_article_id_articles")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_fetches_run_id_crawl_runs")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_fetches_site_id_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetches")),
    )
    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fetches_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fetches_outcome"), ["outcome"], unique=False)
        batch_op.create_index(batch_op.f("ix_fetches_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fetches_site_id"), ["site_id"], unique=False)
        batch_op.create_index("ix_fetches_url_fetched_at", ["url", "fetched_at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("fetches", schema=None) as batch_op:
        batch_op.drop_index("ix_fetches_url_fetched_at")
        batch_op.drop_index(batch_op.f("ix_fetches_site_id"))
        batch_op.drop_index(batch_op.f("ix_fetches_run_id"))
        batch_op.drop_index(batch_op.f("ix_fetches_outcome"))
        batch_op.drop_index(batch_op.f("ix_fetches_article_id"))

    op.drop_table("fetches")
    with op.batch_alter_table("article_urls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_urls_url"))
        batch_op.drop_index(batch_op.f("ix_article_urls_article_id"))

    op.drop_table("article_urls")
    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_crawl_runs_site_id"))

    op.drop_table("crawl_runs")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_site_id"))
        batch_op.drop_index(batch_op.f("ix_articles_published_at"))
        batch_op.drop_index(batch_op.f("ix_articles_first_seen_at"))

    op.drop_table("articles")
    op.drop_table("sites")
