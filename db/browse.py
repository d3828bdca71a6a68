"""The archive browser's queries: filtered pages of articles, one article with its sightings,
fetches, versions and near-duplicate cluster, pages of runs, and the fetch behind a capture."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, exists, func, select
from sqlalchemy.orm import Session

from db.health import RunSummary, run_summary
from db.models import Article, ArticleUrl, ArticleVersion, CrawlRun, Fetch, Site

# Ids above this are no row of the archive (an INTEGER column on PostgreSQL stops at 2**31 - 1);
# looking them up would overflow the driver's parameter instead of finding nothing.
MAX_ID = 2**31 - 1


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    """A dataclass's fields for JSON: datetimes as ISO 8601 with offset, tuples as lists."""

    def convert(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, tuple | list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return {key: convert(value) for key, value in record.items()}


class _AsDict:
    def as_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list shows; None leaves a criterion out."""

    site: str | None = None  # the article was seen on this site (any sighting, not only its first)
    language: str | None = None
    published_from: datetime | None = None  # inclusive
    published_before: datetime | None = None  # exclusive
    cluster: int | None = None


@dataclass(frozen=True)
class ArticleRow(_AsDict):
    id: int
    title: str | None
    url: str
    site: str  # the site it was first archived from
    language: str
    published_at: datetime | None
    first_seen_at: datetime
    version: int
    cluster_id: int | None


@dataclass(frozen=True)
class Sighting(_AsDict):
    site: str
    url: str
    first_seen_at: datetime
    last_seen_at: datetime
    times_seen: int
    fetch_ids: tuple[int, ...]  # the fetches of this URL that gave the article, oldest first


@dataclass(frozen=True)
class FetchRow(_AsDict):
    id: int
    run_id: int | None
    site: str
    url: str
    requested_url: str
    kind: str
    status: int
    fetched_at: datetime
    outcome: str
    content_type: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None
    article_id: int | None

    @property
    def has_capture(self) -> bool:
        return self.warc_file is not None and self.warc_offset is not None


@dataclass(frozen=True)
class VersionRow(_AsDict):
    version: int
    title: str | None
    text: str
    content_hash: str
    modified_at: datetime | None
    seen_at: datetime
    url: str
    fetch_id: int | None
    origin: str  # crawl | revisit | reextract


@dataclass(frozen=True)
class ClusterMember(_AsDict):
    id: int
    title: str | None
    url: str
    sites: tuple[str, ...]  # every site it was seen on, its first site first
    published_at: datetime | None


@dataclass(frozen=True)
class ArticleDetail(_AsDict):
    id: int
    url: str
    canonical_url: str | None
    site: str
    title: str | None
    text: str
    language: str
    published_at: datetime | None
    published_at_raw: str | None
    modified_at: datetime | None
    authors: tuple[str, ...]
    description: str | None
    tags: tuple[str, ...]
    section: str | None
    image_url: str | None
    content_hash: str
    first_seen_at: datetime
    last_seen_at: datetime
    version: int
    cluster_id: int | None
    sightings: tuple[Sighting, ...]
    fetches: tuple[FetchRow, ...]  # every fetch that gave this article, oldest first
    cluster: tuple[ClusterMember, ...]  # the other members of its cluster, oldest first


def list_articles(
    engine: Engine, filters: ArticleFilter, *, before: int | None = None, limit: int = 50
) -> list[ArticleRow]:
    """One page of matching articles, newest (highest id) first; `before` continues after the
    last id of the previous page (keyset paging: every page costs the same)."""
    query = (
        select(Article, Site.key)
        .join(Site, Site.id == Article.site_id)
        .order_by(Article.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(Article.id < before)
    if filters.site is not None:
        query = query.where(
            exists()
            .where(ArticleUrl.article_id == Article.id)
            .where(
                ArticleUrl.site_id
                == select(Site.id).where(Site.key == filters.site).scalar_subquery()
            )
        )
    if filters.language is not None:
        query = query.where(Article.language == filters.language)
    if filters.published_from is not None:
        query = query.where(Article.published_at >= filters.published_from)
    if filters.published_before is not None:
        query = query.where(Article.published_at < filters.published_before)
    if filters.cluster is not None:
        query = query.where(Article.cluster_id == filters.cluster)
    with Session(engine) as session:
        return [ArticleRow(**_row_fields(art, key)) for art, key in session.execute(query)]


def _row_fields(art: Article, site_key: str) -> dict[str, Any]:
    """The fields of an ArticleRow, which an ArticleDetail has too."""
    return {
        "id": art.id,
        "title": art.title,
        "url": art.url,
        "site": site_key,
        "language": art.language,
        "published_at": art.published_at,
        "first_seen_at": art.first_seen_at,
        "version": art.version,
        "cluster_id": art.cluster_id,
    }


def _fetch_row(fetch: Fetch, site: str) -> FetchRow:
    return FetchRow(
        id=fetch.id,
        run_id=fetch.run_id,
        site=site,
        url=fetch.url,
        requested_url=fetch.requested_url,
        kind=fetch.kind,
        status=fetch.status,
        fetched_at=fetch.fetched_at,
        outcome=fetch.outcome,
        content_type=fetch.content_type,
        warc_file=fetch.warc_file,
        warc_offset=fetch.warc_offset,
        warc_length=fetch.warc_length,
        article_id=fetch.article_id,
    )


def get_article(engine: Engine, article_id: int) -> ArticleDetail | None:
    """The article with its sightings, fetches and cluster; None when there is no such id."""
    if not 0 < article_id <= MAX_ID:
        return None
    with Session(engine) as session:
        row = session.execute(
            select(Article, Site.key)
            .join(Site, Site.id == Article.site_id)
            .where(Article.id == article_id)
        ).first()
        if row is None:
            return None
        art, site_key = row
        fetches = tuple(
            _fetch_row(fetch, key)
            for fetch, key in session.execute(
                select(Fetch, Site.key)
                .join(Site, Site.id == Fetch.site_id)
                .where(Fetch.article_id == article_id)
                .order_by(Fetch.fetched_at, Fetch.id)
            )
        )
        sightings = tuple(
            Sighting(
                site=key,
                url=seen.url,
                first_seen_at=seen.first_seen_at,
                last_seen_at=seen.last_seen_at,
                times_seen=seen.times_seen,
                fetch_ids=tuple(f.id for f in fetches if seen.url in (f.url, f.requested_url)),
            )
            for seen, key in session.execute(
                select(ArticleUrl, Site.key)
                .join(Site, Site.id == ArticleUrl.site_id)
                .where(ArticleUrl.article_id == article_id)
                .order_by(ArticleUrl.first_seen_at, ArticleUrl.id)
            )
        )
        cluster = _cluster(session, art) if art.cluster_id is not None else ()
        return ArticleDetail(
            **_row_fields(art, site_key),
            canonical_url=art.canonical_url,
            text=art.text,
            published_at_raw=art.published_at_raw,
            modified_at=art.modified_at,
            authors=tuple(art.authors or ()),
            description=art.description,
            tags=tuple(art.tags or ()),
            section=art.section,
            image_url=art.image_url,
            content_hash=art.content_hash,
            last_seen_at=art.last_seen_at,
            sightings=sightings,
            fetches=fetches,
            cluster=cluster,
        )


# A cluster page lists at most this many other members (a cluster of thousands of copies of a
# wire story would otherwise make one page of megabytes).
CLUSTER_LIMIT = 100


def _cluster(session: Session, art: Article) -> tuple[ClusterMember, ...]:
    members = session.execute(
        select(Article, Site.key)
        .join(Site, Site.id == Article.site_id)
        .where(Article.cluster_id == art.cluster_id, Article.id != art.id)
        .order_by(Article.id)
        .limit(CLUSTER_LIMIT)
    ).all()
    seen_on: dict[int, list[str]] = {}
    for member_id, key in session.execute(
        select(ArticleUrl.article_id, Site.key)
        .join(Site, Site.id == ArticleUrl.site_id)
        .where(ArticleUrl.article_id.in_([m.id for m, _ in members]))
        .order_by(ArticleUrl.article_id, ArticleUrl.first_seen_at, ArticleUrl.id)
    ):
        seen_on.setdefault(member_id, []).append(key)
    return tuple(
        ClusterMember(
            id=member.id,
            title=member.title,
            url=member.url,
            sites=tuple(dict.fromkeys([key, *seen_on.get(member.id, [])])),
            published_at=member.published_at,
        )
        for member, key in members
    )


def article_versions(engine: Engine, article_id: int) -> list[VersionRow]:
    """Every version of the article, oldest first (empty for an unknown id)."""
    if not 0 < article_id <= MAX_ID:
        return []
    with Session(engine) as session:
        return [
            VersionRow(
                version=v.version,
                title=v.title,
                text=v.text,
                content_hash=v.content_hash,
                modified_at=v.modified_at,
                seen_at=v.seen_at,
                url=v.url,
                fetch_id=v.fetch_id,
                origin=v.origin,
            )
            for v in session.scalars(
                select(ArticleVersion)
                .where(ArticleVersion.article_id == article_id)
                .order_by(ArticleVersion.version)
            )
        ]


def get_fetch(engine: Engine, fetch_id: int) -> FetchRow | None:
    if not 0 < fetch_id <= MAX_ID:
        return None
    with Session(engine) as session:
        row = session.execute(
            select(Fetch, Site.key).join(Site, Site.id == Fetch.site_id).where(Fetch.id == fetch_id)
        ).first()
        return None if row is None else _fetch_row(row[0], row[1])


def fetch_captured_at(engine: Engine, url: str, warc_date: str) -> int | None:
    """The fetch whose capture of `url` is dated `warc_date` (a revisit record's
    WARC-Refers-To-Date), or None: a 304's revisit record names the capture it confirms by URL
    and date, not by fetch."""
    try:
        when = datetime.fromisoformat(warc_date)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    # The record's date is the fetch time, written to the microsecond; the database may keep
    # less of it.
    slack = timedelta(seconds=1)
    with Session(engine) as session:
        rows = session.execute(
            select(Fetch.id, Fetch.fetched_at)
            .where(
                Fetch.url == url,
                Fetch.warc_file.is_not(None),
                Fetch.status != 304,
                Fetch.fetched_at.between(when - slack, when + slack),
            )
            .order_by(Fetch.id)
        ).all()
    if not rows:
        return None
    return int(min(rows, key=lambda row: abs(row.fetched_at - when)).id)


def list_runs(
    engine: Engine, *, site: str | None = None, before: int | None = None, limit: int = 50
) -> list[RunSummary]:
    """One page of crawl runs, newest (highest id) first, of one site or all."""
    query = (
        select(CrawlRun, Site.key)
        .join(Site, Site.id == CrawlRun.site_id, isouter=True)
        .order_by(CrawlRun.id.desc())
        .limit(limit)
    )
    if site is not None:
        query = query.where(Site.key == site)
    if before is not None:
        query = query.where(CrawlRun.id < before)
    with Session(engine) as session:
        return [run_summary(run, key) for run, key in session.execute(query)]


def articles_first(engine: Engine) -> dict[str, int]:
    """Per site key: how many articles were first archived from the site (`articles.site_id`)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Site.key, func.count(Article.id))
            .join(Article, Article.site_id == Site.id)
            .group_by(Site.key)
        ).all()
    return {key: int(count) for key, count in rows}


def articles_seen(engine: Engine) -> dict[str, int]:
    """Per site key: how many articles were seen on the site at any URL (an article first
    archived elsewhere counts for every site that carried it)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Site.key, func.count(func.distinct(ArticleUrl.article_id)))
            .join(ArticleUrl, ArticleUrl.site_id == Site.id)
            .group_by(Site.key)
        ).all()
    return {key: int(count) for key, count in rows}


def site_keys(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Site.key).order_by(Site.key)))
