"""The archive's tables as SQLAlchemy 2.0 typed models (Alembic owns the real schema)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so migrations can refer to them on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zones and hands back naive values; downstream tools must never have to
    guess, so values are stored as UTC and always come back aware.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the archive stores aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Site(Base):
    """A site as the archive knows it: every article, URL and fetch belongs to one."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlRun(Base):
    """One crawl (one spider in one process), with its outcome and counts."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(String(100))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # running | finished | failed | interrupted
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(100))
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    empty_pages: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    arguments: Mapped[dict[str, Any]] = mapped_column(default=dict)

    site: Mapped[Site | None] = relationship()


class Article(Base):
    """One distinct content: the same normalised text from any URL on any site is one row."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    url: Mapped[str] = mapped_column(Text)  # the URL it was first archived from
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_at_raw: Mapped[str | None] = mapped_column(Text)
    modified_at: Mapped[datetime | None]
    authors: Mapped[list[str]] = mapped_column(default=list)
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(default=list)
    section: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    last_seen_at: Mapped[datetime]

    site: Mapped[Site] = relationship()
    urls: Mapped[list[ArticleUrl]] = relationship(back_populates="article")


class ArticleUrl(Base):
    """A sighting: a URL an article's content was found at, with first and last time seen."""

    __tablename__ = "article_urls"
    __table_args__ = (UniqueConstraint("article_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    url: Mapped[str] = mapped_column(Text, index=True)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    times_seen: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[Article] = relationship(back_populates="urls")


class Fetch(Base):
    """Every fetch a crawl made: status, time, where its raw bytes are, what came of it."""

    __tablename__ = "fetches"
    __table_args__ = (Index("ix_fetches_url_fetched_at", "url", "fetched_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    requested_url: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))  # article | discovery
    source: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[int] = mapped_column(Integer)  # 0 when no response arrived
    fetched_at: Mapped[datetime]
    content_type: Mapped[str | None] = mapped_column(Text)
    content_length: Mapped[int | None] = mapped_column(BigInteger)
    payload_digest: Mapped[str | None] = mapped_column(String(80))
    warc_file: Mapped[str | None] = mapped_column(Text)
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)
    warc_length: Mapped[int | None] = mapped_column(BigInteger)
    # archived | duplicate | empty | discovery | http_error | fetch_error |
    # binary | too_large | not_html | extract_error
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(String(40))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
