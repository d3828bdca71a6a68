"""Incremental crawling: the site's URL state, loaded from the archive at spider open, applied.

The spider asks its `memory` (crawler.model.memory.CrawlMemory) three questions: is this article URL
new, known or due; what did this URL answer last time (validators, digest, where the full WARC
record is); which URLs are due and which discovery pages exist. `IncrementalSpiderMiddleware`
builds that memory in a thread before the first request leaves, so the reactor never waits on
the database and no request is made that the archive could have saved.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from warcio.archiveiterator import ArchiveIterator

from crawler.model.memory import ArticleStatus, PreviousCapture
from crawler.model.warcread import open_warc
from db.models import CrawlRun, Fetch, Site, UrlState
from spiders.base import NewsSpider

logger = logging.getLogger(__name__)

ENABLED_SETTING = "NEWSARCHIVE_INCREMENTAL_ENABLED"
STORE_PIPELINE = "pipelines.store_pipeline.StorePipeline"
# Stats of the previous run that mean it left discovery entries unrequested on purpose: its
# unchanged sitemaps and feeds must be read again, or those entries would never be fetched.
_INCOMPLETE_STATS = (
    "archive/discovery/over_limit",
    "archive/discovery/too_old",
    "archive/discovery/sitemap_depth_limit",
    "archive/discovery/document_limit",
)
# How far back a URL's fetch log is searched for the full record of its last payload.
_CAPTURE_WINDOW = 50
_CHUNK = 500


def _ok(status: int | None) -> bool:
    return status is not None and 200 <= status < 400


@dataclass
class UrlMemory:
    """The archive's knowledge of one site's URLs at the start of a crawl (immutable by use)."""

    site_trusted: bool = False
    known: set[str] = field(default_factory=set)  # archived article keys and aliases, not due
    due: dict[str, str] = field(default_factory=dict)  # due key -> URL to fetch
    captures: dict[str, PreviousCapture] = field(default_factory=dict)
    discovery: list[str] = field(default_factory=list)
    loaded_rows: int = 0
    # Due articles fetched through an alias because their own URL failed last time.
    rerouted: int = 0

    @property
    def trusted(self) -> bool:
        return self.site_trusted

    def article_status(self, key: str) -> ArticleStatus:
        if key in self.due:
            return "due"
        return "known" if key in self.known else "new"

    def previous(self, key: str) -> PreviousCapture | None:
        return self.captures.get(key)

    def revisits(self) -> Sequence[tuple[str, str]]:
        return [(url, key) for key, url in self.due.items()]

    def discovery_pages(self) -> Sequence[str]:
        return list(self.discovery)


# --------------------------------------------------------------------------- loading


def load_memory(
    engine: Engine,
    site_key: str,
    *,
    now: datetime | None = None,
    current_run_id: int | None = None,
    data_dir: Path | None = None,
) -> UrlMemory:
    """Read what the archive knows about the site's URLs.

    Article and alias keys go into a set (one short row each); the details (validators, the
    revisit target, the WARC record of the last payload) are read only for the URLs this crawl
    will request again: due articles and discovery pages, a few dozen on a news site.
    """
    now = now or datetime.now(UTC)
    memory = UrlMemory()
    with Session(engine) as session:
        sid = session.execute(select(Site.id).where(Site.key == site_key)).scalar_one_or_none()
        if sid is None:
            return memory
        memory.site_trusted = _previous_run_complete(session, sid, current_run_id)
        due_keys: list[str] = []
        for key, next_due in session.execute(
            select(UrlState.url, UrlState.next_due_at).where(
                UrlState.site_id == sid, UrlState.kind.in_(("article", "alias"))
            )
        ):
            memory.loaded_rows += 1
            if next_due is not None and next_due <= now:
                due_keys.append(key)
            else:
                memory.known.add(key)
        _load_due(session, memory, due_keys, data_dir)
        _load_discovery(session, memory, sid, data_dir)
    return memory


def _previous_run_complete(session: Session, sid: int, current_run_id: int | None) -> bool:
    """Whether the site's last crawl read every discovery page to the end.

    Discovery validators (ETag, Last-Modified, body digest) are only worth trusting then: after
    an interrupted, crashed or limited run, an unchanged sitemap may still list URLs that were
    never fetched, so it is read again (its known article URLs cost nothing). The same holds
    after a failed run: pages it fetched but could not store (crawler.model.failures) are not in the
    archive, while the sitemap that listed them may well be, with its validators.
    """
    query = (
        select(CrawlRun.outcome, CrawlRun.finish_reason, CrawlRun.stats)
        .where(CrawlRun.site_id == sid)
        .where((CrawlRun.finish_reason.is_(None)) | (CrawlRun.finish_reason != "locked"))
        .order_by(CrawlRun.id.desc())
        .limit(1)
    )
    if current_run_id is not None:
        query = query.where(CrawlRun.id != current_run_id)
    row = session.execute(query).first()
    if row is None:
        return False
    outcome, reason, stats = row
    if outcome != "finished" or reason != "finished":
        return False
    stats = stats if isinstance(stats, dict) else {}
    return not any(stats.get(key) for key in _INCOMPLETE_STATS)


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _load_due(
    session: Session, memory: UrlMemory, due_keys: list[str], data_dir: Path | None
) -> None:
    """Revisit targets and previous captures of the due article URLs."""
    rows: dict[str, tuple[int | None, int, datetime, str | None, str | None, str | None]] = {}
    for chunk in _chunks(due_keys):
        for key, kind, article_id, status, fetched, digest, etag, modified in session.execute(
            select(
                UrlState.url,
                UrlState.kind,
                UrlState.article_id,
                UrlState.last_status,
                UrlState.last_fetched_at,
                UrlState.body_digest,
                UrlState.etag,
                UrlState.last_modified,
            ).where(UrlState.url.in_(chunk))
        ):
            if kind == "alias":
                memory.known.add(key)  # an alias is never due by itself
                continue
            rows[key] = (article_id, status, fetched, digest, etag, modified)
    article_ids = sorted({a for a, *_ in rows.values() if a is not None})
    aliases: dict[int, list[tuple[str, int, datetime]]] = {}
    for chunk in _chunks(article_ids):
        for key, owner, status, fetched in session.execute(
            select(
                UrlState.url, UrlState.article_id, UrlState.last_status, UrlState.last_fetched_at
            ).where(UrlState.kind == "alias", UrlState.article_id.in_(chunk))
        ):
            if owner is not None:
                aliases.setdefault(int(owner), []).append((key, status, fetched))
    for key, (article_id, status, _fetched, digest, etag, modified) in rows.items():
        target = key
        others = aliases.get(article_id, []) if article_id is not None else []
        if not _ok(status):
            # The key itself failed last time (a canonical link to a page that 404s): fetch
            # the URL that demonstrably served the article instead.
            working = [(when, url) for url, st, when in others if _ok(st)]
            if working:
                target = max(working)[1]
                memory.rerouted += 1
        memory.due[key] = target
        capture = _capture(session, digest, etag, modified, article_id=article_id, url=None)
        capture = _with_record_head(capture, data_dir)
        memory.captures[key] = capture
        for url, _status, _when in others:
            memory.captures[url] = capture


def _load_discovery(session: Session, memory: UrlMemory, sid: int, data_dir: Path | None) -> None:
    for key, status, failures, digest, etag, modified in session.execute(
        select(
            UrlState.url,
            UrlState.last_status,
            UrlState.consecutive_failures,
            UrlState.body_digest,
            UrlState.etag,
            UrlState.last_modified,
        )
        .where(UrlState.site_id == sid, UrlState.kind == "discovery")
        .order_by(UrlState.id)
    ):
        if failures or not _ok(status):
            continue
        memory.discovery.append(key)
        capture = _capture(session, digest, etag, modified, article_id=None, url=key)
        memory.captures[key] = _with_record_head(capture, data_dir)


def _capture(
    session: Session,
    digest: str | None,
    etag: str | None,
    modified: str | None,
    *,
    article_id: int | None,
    url: str | None,
) -> PreviousCapture:
    """The previous capture: validators, and the WARC record holding the payload `digest`.

    A fetch that stored a revisit record points at the original record, so the most recent
    fetch with the digest is enough; the search looks at a bounded window of the URL's (or
    the article's) latest fetches, through their indexes.
    """
    capture = PreviousCapture(digest=digest, etag=etag, last_modified=modified)
    if digest is None:
        return capture
    query = select(Fetch.payload_digest, Fetch.warc_file, Fetch.warc_offset, Fetch.warc_length)
    if article_id is not None:
        query = query.where(Fetch.article_id == article_id).order_by(Fetch.id.desc())
    elif url is not None:
        query = query.where(Fetch.url == url).order_by(Fetch.fetched_at.desc())
    else:
        return capture
    for found, file, offset, length in session.execute(query.limit(_CAPTURE_WINDOW)):
        if found == digest and file and offset is not None:
            return PreviousCapture(
                digest=digest,
                etag=etag,
                last_modified=modified,
                warc_file=file,
                warc_offset=int(offset),
                warc_length=int(length) if length is not None else None,
            )
    return capture


def _with_record_head(capture: PreviousCapture, data_dir: Path | None) -> PreviousCapture:
    """Add the original record's target URI and WARC-Date (what a revisit record refers to);
    without a readable record there is nothing to refer to, so the pointer is dropped."""
    if capture.warc_file is None or capture.warc_offset is None:
        return capture
    head = record_head(data_dir, capture.warc_file, capture.warc_offset) if data_dir else None
    if head is None:
        return PreviousCapture(capture.digest, capture.etag, capture.last_modified)
    uri, date, record_id = head
    return PreviousCapture(
        capture.digest,
        capture.etag,
        capture.last_modified,
        url=uri,
        date=date,
        warc_file=capture.warc_file,
        warc_offset=capture.warc_offset,
        warc_length=capture.warc_length,
        record_id=record_id,
    )


def record_head(data_dir: Path, file: str, offset: int) -> tuple[str, str, str | None] | None:
    """(WARC-Target-URI, WARC-Date, WARC-Record-ID) of the response record at `offset`, payload
    unread."""
    try:
        with open_warc(data_dir, file) as fh:
            fh.seek(offset)
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    return None
                uri = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                return (uri, date, record_id) if uri and date else None
    except (OSError, ValueError, EOFError) as exc:
        logger.warning("cannot read WARC record %s:%s: %s", file, offset, exc)
    return None


# --------------------------------------------------------------------------- the component


class IncrementalSpiderMiddleware:
    """Loads the crawled site's URL state before the first request and gives it to the spider.

    Runs in `process_start`, which Scrapy awaits before it takes the first start request, and
    reads the archive in a thread (asyncio.to_thread): the reactor keeps running meanwhile.
    Off with NEWSARCHIVE_INCREMENTAL_ENABLED=0, and when the crawl does not store into an
    archive (no StorePipeline). If the state cannot be read, the crawl runs as a full one.
    """

    def __init__(self, crawler: Crawler, database_url: str, data_dir: Path) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.data_dir = data_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.model.config import AppConfig

        settings = crawler.settings
        if not settings.getbool(ENABLED_SETTING, True):
            raise NotConfigured
        pipelines = settings.getdict("ITEM_PIPELINES")
        if not any(_class_path(p) == STORE_PIPELINE for p in pipelines):
            raise NotConfigured  # nothing is archived, so there is nothing to remember
        config = AppConfig()
        url = settings.get("NEWSARCHIVE_DATABASE_URL") or config.database_url_resolved
        data_dir = Path(settings.get("NEWSARCHIVE_DATA_DIR") or config.data_dir)
        return cls(crawler, url, data_dir)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        spider = self.crawler.spider
        if isinstance(spider, NewsSpider):
            spider.memory = await self._load(spider)
        async for item in start:
            yield item

    async def _load(self, spider: NewsSpider) -> UrlMemory | None:
        stats = self.crawler.stats
        run_id = stats.get_value("archive/run_id") if stats is not None else None
        started = time.monotonic()
        try:
            memory = await asyncio.to_thread(
                self._read,
                spider.site.key,
                run_id if isinstance(run_id, int) else None,
            )
        except Exception:
            logger.exception(
                "cannot read the URL state of %s: crawling it in full", spider.site.key
            )
            if stats is not None:
                stats.inc_value("archive/incremental/state_error")
            return None
        logger.info(
            "URL state of %s: %d archived article URLs, %d due, %d discovery pages, "
            "validators %s (%.2f s)",
            spider.site.key,
            memory.loaded_rows,
            len(memory.due),
            len(memory.discovery),
            "trusted" if memory.trusted else "not trusted (last run incomplete)",
            time.monotonic() - started,
        )
        if stats is not None:
            stats.set_value("archive/incremental/state_urls", memory.loaded_rows)
            stats.set_value("archive/incremental/due", len(memory.due))
            stats.set_value("archive/incremental/trusted", int(memory.trusted))
            if memory.rerouted:
                stats.set_value("archive/incremental/revisit_via_alias", memory.rerouted)
        return memory

    def _read(self, site_key: str, run_id: int | None) -> UrlMemory:
        from db.engine import make_engine

        engine = make_engine(self.database_url)
        try:
            return load_memory(engine, site_key, current_run_id=run_id, data_dir=self.data_dir)
        finally:
            engine.dispose()


def _class_path(value: object) -> str:
    if isinstance(value, str):
        return value
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
