"""The read API for downstream tools: articles with their sightings, look-ups by URL, raw
captures, runs and archive totals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, distinct, func, select
from sqlalchemy.orm import Session

from db.lookup import article_id_for_url
from db.lookup import get_capture as get_capture
from db.models import Article, ArticleUrl, ArticleVersion, CrawlRun, Fetch, Site
from db.provenance import SIGHTING_FIELDS as SIGHTING_FIELDS
from db.provenance import sightings_of

# Full-text search is part of the read API.
from db.search import SearchHit as SearchHit
from db.search import SearchQueryError as SearchQueryError
from db.search import search as search

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
    "extractor",
    "sightings",
)
# With all versions (`iter_articles(all_versions=True)`, `export --all-versions`), each record
# is one version: title, text, content_hash and modified_at are that version's, `version` its
# number, and these fields say where it came from.
VERSION_FIELDS = (
    "version_origin",
    "version_seen_at",
    "version_url",
    "version_fetch_id",
    "version_extractor",
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_filters(
    *,
    site: str | None = None,
    since: datetime | None = None,
    published_since: datetime | None = None,
    published_before: datetime | None = None,
    language: str | None = None,
    cluster: int | None = None,
) -> list[ColumnElement[bool]]:
    """The WHERE clauses on `articles` for iter_articles' filters (and the Parquet export's)."""
    where: list[ColumnElement[bool]] = []
    if site is not None:
        sighted = (
            select(ArticleUrl.article_id)
            .join(Site, Site.id == ArticleUrl.site_id)
            .where(Site.key == site, ArticleUrl.article_id == Article.id)
        )
        where.append(sighted.exists())
    if since is not None:
        where.append(Article.first_seen_at >= since)
    if published_since is not None:
        where.append(Article.published_at >= published_since)
    if published_before is not None:
        where.append(Article.published_at < published_before)
    if language is not None:
        where.append(Article.language == language)
    if cluster is not None:
        where.append(Article.cluster_id == cluster)
    return where


def iter_articles(
    engine: Engine,
    *,
    site: str | None = None,
    since: datetime | None = None,
    published_since: datetime | None = None,
    published_before: datetime | None = None,
    language: str | None = None,
    cluster: int | None = None,
    batch_size: int = 500,
    all_versions: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield every article as a plain dict (EXPORT_FIELDS), oldest first, in id order.

    An article's record holds its latest version. With `all_versions`, one record per version
    instead (EXPORT_FIELDS + VERSION_FIELDS), in (article id, version) order.
    Filters: `site` (sighted on that site, at any of its URLs: an aggregator's copy counts for
    the aggregator), `since` (first_seen_at, when the archive got the article),
    `published_since`/`published_before` (published_at, from inclusive, to exclusive; articles
    without a date are left out when either is given), `language`, `cluster` (cluster_id).
    Reads in keyset-paged batches, so memory stays flat however large the archive is.
    """
    where = article_filters(
        site=site,
        since=since,
        published_since=published_since,
        published_before=published_before,
        language=language,
        cluster=cluster,
    )
    return _iter_records(engine, where, batch_size=batch_size, all_versions=all_versions)


def article_by_url(engine: Engine, url: str) -> dict[str, Any] | None:
    """The article (EXPORT_FIELDS) found at `url`, or None.

    The URL is cleaned as the crawler cleans it (case of scheme and host, default port,
    fragment, tracking parameters; http/https and `www.` variants), and any sighting matches,
    not only the URL the article was first archived from; so do the URLs the crawler knows
    lead to it (the URL before a redirect, a mirror's URL, a non-canonical URL).
    """
    with engine.connect() as conn:
        article_id = article_id_for_url(conn, url)
    if article_id is None:
        return None
    return next(_iter_records(engine, [Article.id == article_id]), None)


def _iter_records(
    engine: Engine,
    where: list[ColumnElement[bool]],
    *,
    batch_size: int = 500,
    all_versions: bool = False,
) -> Iterator[dict[str, Any]]:
    last_id = 0
    with Session(engine) as session:
        while True:
            query = (
                select(Article, Site.key)
                .join(Site, Site.id == Article.site_id)
                .where(Article.id > last_id, *where)
                .order_by(Article.id)
                .limit(batch_size)
            )
            rows = session.execute(query).all()
            if not rows:
                return
            ids = [a.id for a, _ in rows]
            sightings = sightings_of(session.connection(), ids)
            versions: dict[int, list[ArticleVersion]] = {}
            if all_versions:
                for version in session.scalars(
                    select(ArticleVersion)
                    .where(ArticleVersion.article_id.in_(ids))
                    .order_by(ArticleVersion.article_id, ArticleVersion.version)
                ):
                    versions.setdefault(version.article_id, []).append(version)
            for art, site_key in rows:
                seen = [_jsonable_sighting(s) for s in sightings.get(art.id, [])]
                urls = [s["url"] for s in seen] or [art.url]
                record = {
                    **_record(art, site_key, urls),
                    "extractor": art.extractor,
                    "sightings": seen,
                }
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
                        "version_fetch_id": version.fetch_id,
                        "version_extractor": version.extractor,
                    }
            last_id = ids[-1]
            session.expunge_all()


def _jsonable_sighting(sighting: dict[str, Any]) -> dict[str, Any]:
    return {
        **sighting,
        "first_seen_at": _iso(sighting["first_seen_at"]),
        "last_seen_at": _iso(sighting["last_seen_at"]),
    }


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
    """A site of the archive. `articles` counts every article sighted on the site (a copy an
    aggregator republished counts for the aggregator and for its source), `first_site` those
    first archived from it (articles.site_id); `urls` its sightings (article URLs)."""

    key: str
    articles: int
    last_run_started: datetime | None
    last_run_outcome: str | None
    name: str = ""
    first_site: int = 0
    urls: int = 0


def site_summaries(engine: Engine) -> dict[str, SiteSummary]:
    """Per site key of the archive: its articles and URLs, and the last run's start and
    outcome."""
    with Session(engine) as session:
        sighted = {
            key: (int(articles), int(urls))
            for key, articles, urls in session.execute(
                select(Site.key, func.count(distinct(ArticleUrl.article_id)), func.count())
                .join(ArticleUrl, ArticleUrl.site_id == Site.id)
                .group_by(Site.key)
            )
        }
        first = dict(
            session.execute(
                select(Site.key, func.count(Article.id))
                .join(Article, Article.site_id == Site.id)
                .group_by(Site.key)
            ).all()
        )
        names = dict(session.execute(select(Site.key, Site.name)).all())
        last: dict[str, tuple[datetime | None, str | None]] = {}
        for key, started, outcome in session.execute(
            select(Site.key, CrawlRun.started_at, CrawlRun.outcome)
            .join(CrawlRun, CrawlRun.site_id == Site.id)
            .order_by(CrawlRun.started_at)
        ):
            last[key] = (started, outcome)
    summaries: dict[str, SiteSummary] = {}
    for key, name in names.items():
        last_started, last_outcome = last.get(key, (None, None))
        articles, urls = sighted.get(key, (0, 0))
        summaries[key] = SiteSummary(
            key,
            articles,
            last_started,
            last_outcome,
            name=name,
            first_site=int(first.get(key, 0)),
            urls=urls,
        )
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
