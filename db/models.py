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
    LargeBinary,
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
    new_versions: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    empty_pages: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    # HTTP error responses by status code, e.g. {"404": 3, "500": 1}
    http_errors: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Share (0..1) of this run's archived articles that have a publication date.
    date_share: Mapped[float | None]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    arguments: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # manual | scheduled
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    # The crawl process's exit status, when a supervisor (the scheduler) saw it end.
    exit_status: Mapped[int | None]
    pid: Mapped[int | None]
    hostname: Mapped[str | None] = mapped_column(String(255))
    # The job-queue job (procrastinate_jobs.id) that ran this crawl, on a PostgreSQL archive
    # with workers: its worker's heartbeat says whether the run is still alive.
    queue_job_id: Mapped[int | None] = mapped_column(BigInteger, index=True)

    site: Mapped[Site | None] = relationship()
    warnings: Mapped[list[RunWarning]] = relationship(back_populates="run")


class ScheduleTick(Base):
    """One scheduled time of one job, enqueued at most once (`newsarchive schedule` on a
    PostgreSQL archive): the identity that keeps a tick from being lost or doubled when a
    standby scheduler takes over."""

    __tablename__ = "schedule_ticks"

    job_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    scheduled_at: Mapped[datetime] = mapped_column(primary_key=True)
    enqueued_at: Mapped[datetime | None]
    # pending (claimed, not enqueued yet) | enqueued | collapsed (a run of the site was waiting)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    queue_job_id: Mapped[int | None] = mapped_column(BigInteger)


class RunWarning(Base):
    """A monitor's finding about a run: the site may have stopped yielding articles."""

    __tablename__ = "run_warnings"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    rule: Mapped[str] = mapped_column(String(60))  # e.g. no_new_articles, empty_share
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[CrawlRun] = relationship(back_populates="warnings")


class Article(Base):
    """One distinct content: the same normalised text from any URL on any site is one row."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    url: Mapped[str] = mapped_column(Text)  # the URL it was first archived from
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)  # the visible headline
    # The metadata headline (<title>, og:title) when it says something else than the title.
    seo_title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_at_raw: Mapped[str | None] = mapped_column(Text)
    modified_at: Mapped[datetime | None]
    authors: Mapped[list[str]] = mapped_column(default=list)  # people only
    # News agencies credited for the text, normalised ("dpa", "AFP", "Reuters").
    agencies: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    description: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(default=list)
    section: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    # What produced the latest text (pipelines.extract.EXTRACTOR); None before schema 0005.
    extractor: Mapped[str | None] = mapped_column(String(200))
    first_seen_at: Mapped[datetime] = mapped_column(index=True)
    last_seen_at: Mapped[datetime]
    # Versions: the row holds the latest; article_versions holds every version, this one too.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Near-duplicates: articles whose texts are near-identical share a cluster id (the id of
    # the cluster's first article); None until the near-duplicate stage has seen it.
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)

    site: Mapped[Site] = relationship()
    urls: Mapped[list[ArticleUrl]] = relationship(back_populates="article")


class ArticleVersion(Base):
    """Every version of an article's cleaned text, kept when a revisit finds it edited."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    seo_title: Mapped[str | None] = mapped_column(Text)
    agencies: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    text: Mapped[str] = mapped_column(Text)
    modified_at: Mapped[datetime | None]  # as the page declared it
    seen_at: Mapped[datetime]  # when the archive first saw this version
    url: Mapped[str] = mapped_column(Text)  # where it was seen
    fetch_id: Mapped[int | None] = mapped_column(ForeignKey("fetches.id"))
    # How the version came to be: crawl (first fetch), revisit, or reextract.
    origin: Mapped[str] = mapped_column(String(20), default="crawl")
    # What produced this text (pipelines.extract.EXTRACTOR); None before schema 0005.
    extractor: Mapped[str | None] = mapped_column(String(200))


class ArticleSignature(Base):
    """An article's MinHash signature and LSH band keys, for the near-duplicate index."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class ArticleBand(Base):
    """One LSH band key of an article: articles sharing a (band, key) are candidates."""

    __tablename__ = "article_bands"
    __table_args__ = (Index("ix_article_bands_band_key", "band", "key"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)


class UrlState(Base):
    """What the crawler knows about a URL: for conditional requests and the revisit schedule."""

    __tablename__ = "url_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)  # canonicalised
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # article | discovery
    first_fetched_at: Mapped[datetime]
    last_fetched_at: Mapped[datetime]
    last_status: Mapped[int] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)  # the header, verbatim
    body_digest: Mapped[str | None] = mapped_column(String(80))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    revisits: Mapped[int] = mapped_column(Integer, default=0)  # revisits done so far
    # When the URL should be fetched again; None: not again (unless rediscovered as new).
    next_due_at: Mapped[datetime | None] = mapped_column(index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))


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
    # What discovery said about an article page (news sitemap or feed: title, published_at,
    # language); extraction uses it, so re-extracting the raw capture needs it too.
    hints: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# The full-text search index (docs/schema.md, "Search index"): derived from the articles and
# kept by the database itself (SQLite: an FTS5 table fed by triggers, with its shadow tables;
# PostgreSQL: a generated tsvector column with a GIN index), so no model describes it.
SEARCH_INDEX_NAMES = frozenset(
    {
        "article_search",
        "article_search_data",
        "article_search_idx",
        "article_search_docsize",
        "article_search_config",
        "search_vector",
        "ix_articles_search_vector",
    }
)


def described_by_models(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic's include_object: every schema object but the search index's."""
    return not (reflected and name in SEARCH_INDEX_NAMES)
