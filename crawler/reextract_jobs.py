"""Re-extraction jobs: what is selected from the archive, and their extraction in a worker.

The pool's worker entry points are here, apart from the runner (crawler.reextract), so that a
worker process loads only what extracting a capture needs; the database is imported inside the
selecting functions, which run in the parent only.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.model.limits import WorkerLimits
from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from crawler.model.warcread import read_capture
from pipelines.neardup import extract_signed
from pipelines.worker import (
    JobTimeout,
    cpu_time_limit,
    install_timer_handler,
    limit_memory,
    no_core_files,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

_PAGE = 500  # articles selected per query
_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Job:
    """One article's capture, as a worker process receives it."""

    article_id: int
    fetch_id: int
    warc_file: str
    warc_offset: int
    current_hash: str
    version: int
    has_signature: bool
    rules: CleaningRules
    # Discovery's hints recorded with the capture's fetch: the crawl's extraction had them.
    hints: dict[str, str] = field(default_factory=dict)
    # A fetch whose extraction failed in the crawl (article_id 0): its site and when it was
    # fetched, for archiving what it gives now.
    site_id: int = 0
    fetched_at: datetime | None = None


@dataclass(frozen=True)
class Result:
    job: Job
    url: str
    extracted: ExtractedArticle | None  # None: the capture could not be read
    error: str | None = None


# --------------------------------------------------------------------------- worker side


# CPU seconds one extraction may take in this worker, and the largest page it extracts (set
# by _warm_worker).
_seconds: float | None = None
_max_bytes = _MAX_BYTES


def _warm_worker(limits: WorkerLimits | None = None, max_bytes: int = _MAX_BYTES) -> None:
    """The crawl's worker set-up (pipelines.worker) and limits, and SIGINT and SIGTERM
    ignored: the parent decides how to stop (Ctrl-C reaches the whole process group), commits
    what is done and shuts the pool down."""
    global _seconds, _max_bytes
    from pipelines.worker import warm_worker

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warm_worker()
    limits = limits or WorkerLimits()
    limit_memory(limits.memory)
    if limits.seconds is not None:
        no_core_files()
        install_timer_handler()
    _seconds, _max_bytes = limits.seconds, max_bytes


def reextract_many(jobs: list[Job], data_dir: Path) -> list[Result]:
    """Worker-process entry for a chunk of jobs (fewer round trips than one job a task)."""
    return [reextract_one(job, data_dir) for job in jobs]


def reextract_one(job: Job, data_dir: Path) -> Result:
    """Worker-process entry: read the capture back from its WARC file and extract it again.

    Reading happens here, not in the parent, so the parent ships a file offset instead of the
    page and only receives the (small) result.
    """
    try:
        capture = read_capture(data_dir, job.warc_file, job.warc_offset)
    except (OSError, ValueError, EOFError) as exc:
        return Result(job, "", None, f"cannot read {job.warc_file}:{job.warc_offset}: {exc}")
    inp = ExtractInput(
        url=capture.url,
        body=capture.body,
        headers=capture.headers,
        rules=job.rules,
        hints=dict(job.hints),
    )
    try:
        with cpu_time_limit(_seconds):
            extracted = extract_signed(inp, max_bytes=_max_bytes)
    except JobTimeout as exc:
        extracted = ExtractedArticle("extract_timeout", inp.url, error=f"extraction {exc}")
    except MemoryError:
        extracted = ExtractedArticle("too_large", inp.url, error="extraction out of memory")
    return Result(job, inp.url, replace(extracted, dropped=()))


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class _Capture:
    """Where a fetch's raw capture is, and what the crawl's extraction of it was given."""

    fetch_id: int
    file: str | None
    offset: int | None
    site_id: int
    hints: dict[str, str]


def _capture(row: Any) -> _Capture:
    fetch_id, file, offset, site_id, hints = row
    return _Capture(
        int(fetch_id),
        file,
        int(offset) if offset is not None else None,
        int(site_id),
        # Fetches archived before schema 0003 have none; a value is only ever a flat str map.
        {str(k): str(v) for k, v in hints.items()} if isinstance(hints, dict) else {},
    )


def _site_rules(session: Session) -> dict[int, CleaningRules]:
    """Cleaning rules by site id: the declared site's, or the generic ones."""
    from sqlalchemy import select

    from crawler.sites import all_sites
    from db.models import Site

    declared = all_sites()
    rules: dict[int, CleaningRules] = {}
    for sid, key in session.execute(select(Site.id, Site.key)):
        site = declared.get(key)
        rules[int(sid)] = site.cleaning if site is not None else CleaningRules()
    return rules


def _filters(query: Any, site: str | None, since: datetime | None) -> Any:
    from db.models import Article, Site

    if site is not None:
        query = query.join(Site, Site.id == Article.site_id).where(Site.key == site)
    if since is not None:
        query = query.where(Article.first_seen_at >= since)
    return query


def count_articles(engine: Engine, site: str | None, since: datetime | None, after: int) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from db.models import Article

    with Session(engine) as session:
        query = _filters(select(func.count(Article.id)), site, since).where(Article.id > after)
        return int(session.execute(query).scalar_one())


def iter_jobs(
    engine: Engine, site: str | None, since: datetime | None, after: int
) -> Iterator[Job | int]:
    """Jobs in article id order; an int is an article without a readable capture on record."""
    from sqlalchemy import and_, func, select
    from sqlalchemy.orm import Session

    from db.models import Article, ArticleSignature, ArticleVersion, Fetch

    captures = select(Fetch.id, Fetch.warc_file, Fetch.warc_offset, Fetch.site_id, Fetch.hints)
    last = after
    with Session(engine) as session:
        rules = _site_rules(session)
        while True:
            query = (
                select(
                    Article.id,
                    Article.content_hash,
                    ArticleVersion.fetch_id,
                    ArticleSignature.article_id,
                    Article.version,
                )
                .outerjoin(
                    ArticleVersion,
                    and_(
                        ArticleVersion.article_id == Article.id,
                        ArticleVersion.version == Article.version,
                    ),
                )
                .outerjoin(ArticleSignature, ArticleSignature.article_id == Article.id)
                .where(Article.id > last)
                .order_by(Article.id)
                .limit(_PAGE)
            )
            rows = session.execute(_filters(query, site, since)).all()
            if not rows:
                return
            fetch_ids = {int(f) for _, _, f, _, _ in rows if f is not None}
            fetches: dict[int, _Capture] = {}
            if fetch_ids:
                for row in session.execute(captures.where(Fetch.id.in_(fetch_ids))):
                    fetches[int(row[0])] = _capture(row)
            # Versions without a fetch (archives migrated from schema 0001): the article's
            # latest archived capture instead.
            missing = [
                int(a)
                for a, _, f, _, _ in rows
                if f is None or (known := fetches.get(int(f))) is None or known.file is None
            ]
            fallback: dict[int, _Capture] = {}
            if missing:
                latest = (
                    select(Fetch.article_id, func.max(Fetch.id))
                    .where(
                        Fetch.article_id.in_(missing),
                        Fetch.warc_file.is_not(None),
                        Fetch.status == 200,
                    )
                    .group_by(Fetch.article_id)
                )
                ids = {
                    int(fid): int(aid)
                    for aid, fid in session.execute(latest)
                    if aid is not None and fid is not None
                }
                if ids:
                    for row in session.execute(captures.where(Fetch.id.in_(ids))):
                        fallback[ids[int(row[0])]] = _capture(row)
            for article_id, content_hash, fetch_id, signed, version in rows:
                capture = fallback.get(int(article_id)) or (
                    fetches.get(int(fetch_id)) if fetch_id is not None else None
                )
                if capture is None or capture.file is None or capture.offset is None:
                    yield int(article_id)
                    continue
                yield Job(
                    article_id=int(article_id),
                    fetch_id=capture.fetch_id,
                    warc_file=capture.file,
                    warc_offset=capture.offset,
                    current_hash=content_hash,
                    version=int(version),
                    has_signature=signed is not None,
                    rules=rules.get(capture.site_id, CleaningRules()),
                    hints=capture.hints,
                )
            last = int(rows[-1][0])


def iter_failed_fetches(engine: Engine, site: str | None, since: datetime | None) -> Iterator[Job]:
    """Jobs for the article fetches whose extraction failed in the crawl (a limit, a worker
    that died) and whose capture is on record, in fetch order; `since` is the fetch time."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from db.models import Fetch, Site
    from db.records import EXTRACTION_FAILED_OUTCOMES

    last = 0
    with Session(engine) as session:
        rules = _site_rules(session)
        while True:
            query = (
                select(
                    Fetch.id,
                    Fetch.warc_file,
                    Fetch.warc_offset,
                    Fetch.site_id,
                    Fetch.hints,
                    Fetch.fetched_at,
                )
                .where(
                    Fetch.id > last,
                    Fetch.kind == "article",
                    Fetch.status == 200,
                    Fetch.outcome.in_(sorted(EXTRACTION_FAILED_OUTCOMES)),
                    Fetch.warc_file.is_not(None),
                    Fetch.warc_offset.is_not(None),
                )
                .order_by(Fetch.id)
                .limit(_PAGE)
            )
            if site is not None:
                query = query.join(Site, Site.id == Fetch.site_id).where(Site.key == site)
            if since is not None:
                query = query.where(Fetch.fetched_at >= since)
            rows = session.execute(query).all()
            if not rows:
                return
            for fetch_id, file, offset, site_id, hints, fetched_at in rows:
                capture = _capture((fetch_id, file, offset, site_id, hints))
                assert capture.file is not None and capture.offset is not None
                yield Job(
                    article_id=0,
                    fetch_id=capture.fetch_id,
                    warc_file=capture.file,
                    warc_offset=capture.offset,
                    current_hash="",
                    version=0,
                    has_signature=False,
                    rules=rules.get(capture.site_id, CleaningRules()),
                    hints=capture.hints,
                    site_id=capture.site_id,
                    fetched_at=fetched_at,
                )
            last = int(rows[-1][0])
