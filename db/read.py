"""The read API for downstream tools: articles with their sightings, runs and archive totals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.models import Article, ArticleUrl, ArticleVersion, CrawlRun, Fetch, Site

# The export record's fields, in order; docs/schema.md documents each.
EXPORT_FIELDS = (
    "id",
    "url",
    "urls",
    "canonical_url",
    "site",
    "title",
    "seo_title",
    "text",
    "language",
    "published_at",
    "published_at_raw",
    "modified_at",
    "authors",
    "agencies",
    "description",
    "tags",
    "section",
    "image_url",
    "content_hash",
    "first_seen_at",
    "last_seen_at",
    "version",
    "cluster_id",
)
# With all versions (`iter_articles(all_versions=True)`, `export --all-versions`), each record
# is one version: title, text, content_hash and modified_at are that version's, `version` its
# number, and these fields say where it came from.
VERSION_FIELDS = ("version_origin", "version_seen_at", "version_url")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def iter_articles(
    engine: Engine,
    *,
    site: str | None = None,
    since: datetime | None = None,
    batch_size: int = 500,
    all_versions: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield every article as a plain dict (EXPORT_FIELDS), oldest first, in id order.

    An article's record holds its latest version. With `all_versions`, one record per version
    instead (EXPORT_FIELDS + VERSION_FIELDS), in (article id, version) order.
    `since` filters on first_seen_at (when the archive got the article). Reads in keyset-paged
    batches, so memory stays flat however large the archive is.
    """
    last_id = 0
    with Session(engine) as session:
        while True:
            query = (
                select(Article, Site.key)
                .join(Site, Site.id == Article.site_id)
                .where(Article.id > last_id)
                .order_by(Article.id)
                .limit(batch_size)
            )
            if site is not None:
                query = query.where(Site.key == site)
            if since is not None:
                query = query.where(Article.first_seen_at >= since)
            rows = session.execute(query).all()
            if not rows:
                return
            ids = [a.id for a, _ in rows]
            urls: dict[int, list[str]] = {}
            for article_id, url in session.execute(
                select(ArticleUrl.article_id, ArticleUrl.url)
                .where(ArticleUrl.article_id.in_(ids))
                .order_by(ArticleUrl.article_id, ArticleUrl.first_seen_at, ArticleUrl.id)
            ):
                urls.setdefault(article_id, []).append(url)
            versions: dict[int, list[ArticleVersion]] = {}
            if all_versions:
                for version in session.scalars(
                    select(ArticleVersion)
                    .where(ArticleVersion.article_id.in_(ids))
                    .order_by(ArticleVersion.article_id, ArticleVersion.version)
                ):
                    versions.setdefault(version.article_id, []).append(version)
            for art, site_key in rows:
                record = _record(art, site_key, urls.get(art.id, [art.url]))
                if not all_versions:
                    yield record
                    continue
                for version in versions.get(art.id, []):
                    yield {
                        **record,
                        "title": version.title,
                        "text": version.text,
                        "content_hash": version.content_hash,
                        "modified_at": _iso(version.modified_at),
                        "version": version.version,
                        "version_origin": version.origin,
                        "version_seen_at": _iso(version.seen_at),
                        "version_url": version.url,
                    }
            last_id = ids[-1]
            session.expunge_all()


def _record(art: Article, site_key: str, urls: list[str]) -> dict[str, Any]:
    return {
        "id": art.id,
        "url": art.url,
        "urls": urls,
        "canonical_url": art.canonical_url,
        "site": site_key,
        "title": art.title,
        "seo_title": art.seo_title,
        "text": art.text,
        "language": art.language,
        "published_at": _iso(art.published_at),
        "published_at_raw": art.published_at_raw,
        "modified_at": _iso(art.modified_at),
        "authors": list(art.authors or []),
        "agencies": list(art.agencies or []),
        "description": art.description,
        "tags": list(art.tags or []),
        "section": art.section,
        "image_url": art.image_url,
        "content_hash": art.content_hash,
        "first_seen_at": _iso(art.first_seen_at),
        "last_seen_at": _iso(art.last_seen_at),
        "version": art.version,
        "cluster_id": art.cluster_id,
    }


@dataclass(frozen=True)
class SiteSummary:
    key: str
    articles: int
    last_run_started: datetime | None
    last_run_outcome: str | None


def site_summaries(engine: Engine) -> dict[str, SiteSummary]:
    """Per site key: articles archived and the last run's start and outcome."""
    with Session(engine) as session:
        counts = dict(
            session.execute(
                select(Site.key, func.count(Article.id))
                .join(Article, Article.site_id == Site.id, isouter=True)
                .group_by(Site.key)
            ).all()
        )
        last: dict[str, tuple[datetime | None, str | None]] = {}
        for key, started, outcome in session.execute(
            select(Site.key, CrawlRun.started_at, CrawlRun.outcome)
            .join(CrawlRun, CrawlRun.site_id == Site.id)
            .order_by(CrawlRun.started_at)
        ):
            last[key] = (started, outcome)
    summaries: dict[str, SiteSummary] = {}
    for key in set(counts) | set(last):
        last_started, last_outcome = last.get(key, (None, None))
        summaries[key] = SiteSummary(key, int(counts.get(key, 0)), last_started, last_outcome)
    return summaries


def archive_totals(engine: Engine) -> dict[str, Any]:
    """Totals for `newsarchive stats`: articles, sightings, fetches by outcome, runs."""
    with Session(engine) as session:
        outcomes = dict(
            session.execute(select(Fetch.outcome, func.count()).group_by(Fetch.outcome)).all()
        )
        return {
            "sites": session.scalar(select(func.count()).select_from(Site)) or 0,
            "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
            "article_urls": session.scalar(select(func.count()).select_from(ArticleUrl)) or 0,
            "fetches": sum(outcomes.values()),
            "fetches_by_outcome": dict(sorted(outcomes.items())),
            "runs": session.scalar(select(func.count()).select_from(CrawlRun)) or 0,
        }


def run_rows(engine: Engine, *, limit: int = 50) -> list[CrawlRun]:
    with Session(engine, expire_on_commit=False) as session:
        rows = list(
            session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)).all()
        )
        for row in rows:
            _ = row.site  # load while the session is open
        return rows
