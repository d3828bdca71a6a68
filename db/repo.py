"""Repository functions: the archive's writes (batched, race-safe) and run records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import Article, ArticleUrl, ArticleVersion, CrawlRun, Fetch, Site, utcnow


@dataclass
class ArticleData:
    """The extracted article as the archive stores it."""

    content_hash: str
    text: str
    language: str
    title: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None
    published_at_raw: str | None = None
    modified_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    site_name: str | None = None
    image_url: str | None = None


@dataclass
class FetchRecord:
    """One fetch to record, with the article it produced (if any)."""

    site_key: str
    site_name: str
    url: str
    requested_url: str
    kind: str
    status: int
    fetched_at: datetime
    outcome: str  # see Fetch.outcome; "archived" is turned into "duplicate" when it was
    source: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    payload_digest: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    error: str | None = None
    encoding: str | None = None
    article: ArticleData | None = None


@dataclass(frozen=True)
class StoreResult:
    outcome: str  # the fetch's final outcome: archived (new article), duplicate, or as given
    article_id: int | None


def _insert(session: Session, model: type[Any]) -> Any:
    """A dialect-specific INSERT that supports ON CONFLICT (SQLite and PostgreSQL both do)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def site_id(session: Session, key: str, name: str) -> int:
    """Get or create the site row; safe when another process creates it at the same time."""
    session.execute(_insert(session, Site).values(key=key, name=name).on_conflict_do_nothing())
    return int(session.execute(select(Site.id).where(Site.key == key)).scalar_one())


def store_batch(
    engine: Engine, run_id: int | None, records: Sequence[FetchRecord]
) -> list[StoreResult]:
    """Write a batch of fetches and their articles in one transaction.

    Articles are keyed on their content hash and sightings on (article, URL), both written with
    insert-or-ignore, so concurrent crawls and a re-run of an interrupted crawl never create
    duplicates. Either the whole batch is written or none of it.
    """
    results: list[StoreResult] = []
    with session_scope(engine) as session:
        site_ids: dict[str, int] = {}
        for rec in records:
            sid = site_ids.get(rec.site_key)
            if sid is None:
                sid = site_ids[rec.site_key] = site_id(session, rec.site_key, rec.site_name)
            outcome, article_id, is_new = rec.outcome, None, False
            if rec.article is not None:
                article_id, is_new = _upsert_article(session, sid, rec)
                outcome = "archived" if is_new else "duplicate"
            fetch = Fetch(
                run_id=run_id,
                site_id=sid,
                url=rec.url,
                requested_url=rec.requested_url,
                kind=rec.kind,
                source=rec.source,
                status=rec.status,
                fetched_at=rec.fetched_at,
                content_type=rec.content_type,
                content_length=rec.content_length,
                payload_digest=rec.payload_digest,
                warc_file=rec.warc_file,
                warc_offset=rec.warc_offset,
                warc_length=rec.warc_length,
                outcome=outcome,
                error=rec.error,
                encoding=rec.encoding,
                article_id=article_id,
            )
            session.add(fetch)
            if is_new:
                assert rec.article is not None and article_id is not None
                session.flush()  # the fetch id, for the version's provenance
                session.add(
                    ArticleVersion(
                        article_id=article_id,
                        version=1,
                        content_hash=rec.article.content_hash,
                        title=rec.article.title,
                        text=rec.article.text,
                        modified_at=rec.article.modified_at,
                        seen_at=rec.fetched_at,
                        url=rec.url,
                        fetch_id=fetch.id,
                        origin="crawl",
                    )
                )
            results.append(StoreResult(outcome, article_id))
    return results


def _upsert_article(session: Session, sid: int, rec: FetchRecord) -> tuple[int, bool]:
    art = rec.article
    assert art is not None
    seen = rec.fetched_at
    inserted = session.execute(
        _insert(session, Article)
        .values(
            content_hash=art.content_hash,
            site_id=sid,
            url=rec.url,
            canonical_url=art.canonical_url,
            title=art.title,
            text=art.text,
            language=art.language,
            published_at=art.published_at,
            published_at_raw=art.published_at_raw,
            modified_at=art.modified_at,
            authors=art.authors,
            description=art.description,
            tags=art.tags,
            section=art.section,
            site_name=art.site_name,
            image_url=art.image_url,
            first_seen_at=seen,
            last_seen_at=seen,
        )
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Article.id)
    ).scalar_one_or_none()
    is_new = inserted is not None
    if inserted is None:
        article_id = int(
            session.execute(
                select(Article.id).where(Article.content_hash == art.content_hash)
            ).scalar_one()
        )
        session.execute(
            update(Article)
            .where(Article.id == article_id, Article.last_seen_at < seen)
            .values(last_seen_at=seen)
        )
    else:
        article_id = int(inserted)
    stmt = _insert(session, ArticleUrl).values(
        article_id=article_id,
        site_id=sid,
        url=rec.url,
        first_seen_at=seen,
        last_seen_at=seen,
        times_seen=1,
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["article_id", "url"],
            set_={
                "times_seen": ArticleUrl.times_seen + 1,
                "last_seen_at": func.max(ArticleUrl.last_seen_at, stmt.excluded.last_seen_at)
                if session.get_bind().dialect.name == "sqlite"
                else func.greatest(ArticleUrl.last_seen_at, stmt.excluded.last_seen_at),
            },
        )
    )
    return article_id, is_new


def start_run(
    engine: Engine,
    spider: str,
    site_key: str,
    site_name: str,
    arguments: dict[str, Any],
    *,
    trigger: str = "manual",
    pid: int | None = None,
    hostname: str | None = None,
) -> int:
    """Create a run record in state "running" and return its id."""
    with session_scope(engine) as session:
        run = CrawlRun(
            spider=spider,
            site_id=site_id(session, site_key, site_name),
            arguments=arguments,
            stats={},
            trigger=trigger,
            pid=pid,
            hostname=hostname,
        )
        session.add(run)
        session.flush()
        return run.id


def claim_run(engine: Engine, run_id: int, *, pid: int, hostname: str) -> bool:
    """Adopt a run record a supervisor created for this process; False if there is none."""
    with session_scope(engine) as session:
        result = session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.outcome == "running")
            .values(pid=pid, hostname=hostname)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass
class RunCounts:
    pages_fetched: int = 0
    articles_new: int = 0
    new_versions: int = 0
    duplicates: int = 0
    empty_pages: int = 0
    errors: int = 0
    http_errors: dict[str, int] = field(default_factory=dict)
    archived_with_date: int = 0

    @property
    def date_share(self) -> float | None:
        """Share of this run's new articles that have a publication date (None: no articles)."""
        if not self.articles_new:
            return None
        return self.archived_with_date / self.articles_new


def finish_run(
    engine: Engine,
    run_id: int,
    *,
    outcome: str,
    finish_reason: str | None,
    counts: RunCounts,
    stats: dict[str, Any],
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=utcnow(),
                outcome=outcome,
                finish_reason=finish_reason,
                pages_fetched=counts.pages_fetched,
                articles_new=counts.articles_new,
                new_versions=counts.new_versions,
                duplicates=counts.duplicates,
                empty_pages=counts.empty_pages,
                errors=counts.errors,
                http_errors=dict(sorted(counts.http_errors.items())),
                date_share=counts.date_share,
                stats=stats,
            )
        )
