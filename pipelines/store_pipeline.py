"""The store pipeline: fetched pages as archive records, written in batches, race-safe."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.model.captures import sync_and_close, writer_of
from crawler.model.failures import (
    FAILED_PAGE_LIST_STAT,
    FAILURE_SUMMARY_STAT,
    crawl_ended,
    failures_of,
    record_failure,
)
from crawler.model.items import (
    KIND_ARTICLE,
    OUTCOME_NOT_ARTICLE,
    ArchivedPage,
    FetchedPage,
    RedirectHop,
)
from crawler.model.listed import ListedLedger
from crawler.model.refusals import refusal_of
from crawler.model.schedule import DEFAULT_REVISIT_SCHEDULE
from crawler.model.signals import run_closed
from crawler.model.types import ExtractedArticle
from crawler.model.urls import UrlKeys
from db.engine import make_engine
from db.health import LOCKED_REASON, SKIPPED
from db.records import ArticleData, FetchRecord, StorePolicy, StoreResult, sanitise_text
from db.runs import RunCounts, claim_run, finish_run, start_run
from db.store import is_transient, store_batch
from pipelines.extract import EXTRACTOR
from pipelines.extract_pipeline import EXTRACT_TIMEOUT
from pipelines.neardup import SignedArticle, band_keys, default_threshold

logger = logging.getLogger(__name__)

# Setting: the near-duplicate threshold (share of equal MinHash values); default: the app
# config's (the environment variable of the same name), else db.similarity.DEFAULT_THRESHOLD.
THRESHOLD_SETTING = "NEWSARCHIVE_NEARDUP_THRESHOLD"


def _fetch_outcome(page: FetchedPage) -> str:
    """The fetch's outcome before storing; "archived" may still become "duplicate"."""
    refused = refusal_of(page.error)
    if refused is not None:
        return refused  # offsite_redirect, private_address: the crawl's scope said no
    if page.kind != KIND_ARTICLE:
        return "discovery" if page.error is None and page.status < 400 else "fetch_error"
    if page.error is not None:
        return "fetch_error"
    if page.status == 304:
        return "not_modified"  # a conditional revisit: the archived version is current
    if page.status != 200:
        return "http_error"
    ext = page.extracted
    if ext is None:
        return "extract_error"
    return {
        "ok": "archived",
        "empty": "empty",
        "binary": "binary",
        "too_large": "too_large",
        "not_html": "not_html",
        OUTCOME_NOT_ARTICLE: OUTCOME_NOT_ARTICLE,
        EXTRACT_TIMEOUT: EXTRACT_TIMEOUT,
    }.get(ext.outcome, "extract_error")


@dataclass(frozen=True)
class UrlIdentity:
    """Which url_state key a fetch updates, its aliases, and how a declared canonical fared."""

    key: str | None
    aliases: tuple[str, ...] = ()
    # For article pages: none, self, alias, offsite, invalid (crawler.model.urls.CanonicalChoice).
    canonical: str = "none"


def url_identity(page: FetchedPage, keys: UrlKeys | None) -> UrlIdentity:
    """The URL keys of a fetch (crawler.model.urls): one record per article however it was linked.

    An article page that gave text is keyed on its canonical URL when the page declares one on
    the same site (or a mirror); the fetched URL and the URL requested before any redirect
    become aliases of it. Any other article fetch is keyed on the requested URL, which is what
    discovery will list again. Discovery pages are keyed on the URL requested (their
    validators belong to it); robots.txt is not tracked (Scrapy reads it anyway).
    """
    if keys is None:
        return UrlIdentity(None)
    if page.kind != KIND_ARTICLE:
        if page.source == "robots":
            return UrlIdentity(None)
        return UrlIdentity(keys.discovery_key(page.requested_url))
    requested = keys.article_key(page.requested_url)
    ext = page.extracted
    if ext is None or not ext.has_text or page.error is not None:
        return UrlIdentity(requested)
    choice = keys.canonical(page.url, ext.canonical_url)
    aliases = tuple(
        dict.fromkeys(k for k in (keys.article_key(page.url), requested) if k != choice.key)
    )
    return UrlIdentity(choice.key, aliases, choice.verdict)


def _future_last_modified(value: str | None, fetched_at: datetime) -> bool:
    """A Last-Modified after the fetch (beyond clock skew): a server bug, never sent back."""
    if not value:
        return False
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment > fetched_at + _CLOCK_SKEW


_CLOCK_SKEW = timedelta(minutes=5)


def article_data(ext: ExtractedArticle) -> ArticleData:
    """The article as the archive stores it, from an extraction with text (the crawl's and
    `newsarchive reextract`'s), with its near-duplicate index entries when it was signed."""
    assert ext.content_hash is not None
    minhash = ext.minhash if isinstance(ext, SignedArticle) else None
    return ArticleData(
        content_hash=ext.content_hash,
        text=ext.text,
        language=ext.language,
        title=ext.title,
        seo_title=ext.seo_title,
        canonical_url=ext.canonical_url,
        published_at=ext.published_at,
        published_at_raw=ext.published_at_raw,
        modified_at=ext.modified_at,
        authors=list(ext.authors),
        agencies=list(ext.agencies),
        description=ext.description,
        tags=list(ext.tags),
        section=ext.section,
        site_name=ext.site_name,
        image_url=ext.image_url,
        extractor=EXTRACTOR,
        signature=minhash,
        band_keys=band_keys(minhash) if minhash else (),
    )


def to_record(
    page: FetchedPage, site_name: str, identity: UrlIdentity | None = None
) -> FetchRecord:
    """Map a fetched (and extracted) page to what the archive stores."""
    ext = page.extracted
    outcome = _fetch_outcome(page)
    article = None
    if outcome == "archived" and ext is not None and ext.content_hash:
        article = article_data(ext)
    elif outcome == "archived":
        outcome = "empty"
    error = page.error or (ext.error if ext is not None else None)
    if outcome == "http_error" and error is None:
        error = f"HTTP {page.status}"
    last_modified = page.headers.get("last-modified")
    if _future_last_modified(last_modified, page.fetched_at):
        last_modified = None
    identity = identity or UrlIdentity(None)
    return FetchRecord(
        site_key=page.site,
        site_name=site_name,
        url=page.url,
        requested_url=page.requested_url,
        kind=page.kind,
        status=page.status,
        fetched_at=page.fetched_at,
        outcome=outcome,
        source=page.source,
        content_type=page.headers.get("content-type"),
        content_length=_content_length(page.headers),
        payload_digest=page.payload_digest,
        warc_file=page.warc_file,
        warc_offset=page.warc_offset,
        warc_length=page.warc_length,
        error=error,
        encoding=ext.encoding if ext is not None else None,
        article=article,
        url_key=identity.key,
        alias_keys=identity.aliases,
        etag=page.headers.get("etag") or None,
        last_modified=last_modified or None,
        hints=dict(page.hints) if page.kind == KIND_ARTICLE and page.hints else None,
    )


def _content_length(headers: Mapping[str, str]) -> int | None:
    """The Content-Length header as a number, or None when absent or not a plain number."""
    length = headers.get("content-length")
    return int(length) if length and length.isdigit() else None


# The outcome of a redirect (3xx) or meta refresh that was followed: its own fetch row, with
# its status and the WARC location of its response.
REDIRECT_OUTCOME = "redirect"


def redirect_record(page: FetchedPage, hop: RedirectHop, site_name: str) -> FetchRecord:
    """A followed redirect on the way to `page`, as the archive stores it: no article, no URL
    state (the page it led to updates that)."""
    return FetchRecord(
        site_key=page.site,
        site_name=site_name,
        url=hop.url,
        requested_url=page.requested_url,
        kind=page.kind,
        status=hop.status,
        fetched_at=hop.fetched_at,
        outcome=REDIRECT_OUTCOME,
        source=page.source,
        content_type=hop.headers.get("content-type"),
        content_length=_content_length(hop.headers),
        payload_digest=hop.payload_digest,
        warc_file=hop.warc_file,
        warc_offset=hop.warc_offset,
        warc_length=hop.warc_length,
    )


# Settings: how often a batch that failed for a transient reason (a locked or unreachable
# database, a deadlock) is tried again, the first pause and the longest pause between tries
# (doubling). The defaults ride out a SQLite writer holding the lock for minutes (each try
# waits up to the engine's 60 s lock timeout itself) and a PostgreSQL restart.
RETRIES_SETTING = "NEWSARCHIVE_STORE_RETRIES"
RETRY_DELAY_SETTING = "NEWSARCHIVE_STORE_RETRY_DELAY"
RETRY_MAX_DELAY_SETTING = "NEWSARCHIVE_STORE_RETRY_MAX_DELAY"
DEFAULT_STORE_RETRIES = 8
DEFAULT_RETRY_DELAY = 0.5
DEFAULT_RETRY_MAX_DELAY = 15.0


class StorePipeline:
    """Writes fetches and articles to the archive in batches, off the reactor thread.

    A batch is one transaction (all or nothing) and writes are serialised through one lock, so
    the archive never holds half a page. Batches go out when full or every `flush_seconds`;
    a crawl killed in between loses at most that window, and re-running it fills the gap
    without duplicates (articles and sightings are insert-or-ignore).

    Nothing is dropped quietly: a batch that fails for a transient reason is tried again with
    growing pauses (items wait meanwhile, so the crawl slows down rather than piling up
    pages); one that fails for any other reason is stored record by record, so one bad record
    costs only itself. What still cannot be stored is a crawl failure (crawler.model.failures): the
    run ends `failed`, and as its pages are not in the archive, the next run fetches them
    (crawler.incremental trusts no validators after a failed run). When the database stays
    unreachable, the crawl stops: every further page would be lost too.
    """

    def __init__(
        self, crawler: Crawler, database_url: str, batch_size: int, flush_seconds: float
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.database_url = database_url
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self.buffer: list[FetchRecord] = []
        self.run_id: int | None = None
        self._run_closed = False
        self.counts = RunCounts()
        self._lock = asyncio.Lock()
        self._last_flush = time.monotonic()
        self._site_name = ""
        self.keys: UrlKeys | None = None
        # The spider's ledger of URLs its sitemaps and feeds listed (crawler.model.listed).
        self.listed: ListedLedger | None = None
        self.policy = StorePolicy()
        self.retries = DEFAULT_STORE_RETRIES
        self.retry_delay = DEFAULT_RETRY_DELAY
        self.retry_max_delay = DEFAULT_RETRY_MAX_DELAY
        # Set once the database stayed unreachable through every retry: the crawl is stopping,
        # and what is still buffered gets one last try when the spider closes.
        self.gave_up = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.model.config import AppConfig

        settings = crawler.settings
        url = settings.get("NEWSARCHIVE_DATABASE_URL") or AppConfig().database_url_resolved
        pipe = cls(
            crawler,
            url,
            batch_size=settings.getint("NEWSARCHIVE_STORE_BATCH_SIZE", 100),
            flush_seconds=settings.getfloat("NEWSARCHIVE_STORE_FLUSH_SECONDS", 2.0),
        )
        threshold = settings.getfloat(THRESHOLD_SETTING, 0.0) or default_threshold()
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"{THRESHOLD_SETTING} must be between 0 and 1, got {threshold}")
        pipe.policy = StorePolicy(neardup_threshold=threshold)
        pipe.retries = settings.getint(RETRIES_SETTING, DEFAULT_STORE_RETRIES)
        pipe.retry_delay = settings.getfloat(RETRY_DELAY_SETTING, DEFAULT_RETRY_DELAY)
        pipe.retry_max_delay = settings.getfloat(RETRY_MAX_DELAY_SETTING, DEFAULT_RETRY_MAX_DELAY)
        if pipe.retries < 0 or pipe.retry_delay < 0 or pipe.retry_max_delay < 0:
            raise ValueError(
                f"{RETRIES_SETTING}, {RETRY_DELAY_SETTING} and {RETRY_MAX_DELAY_SETTING} "
                "must not be negative"
            )
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(pipe.crawl_ended, signal=crawl_ended)
        return pipe

    def open_spider(self) -> None:
        from db.engine import ensure_schema

        spider = self.crawler.spider
        site = getattr(spider, "site", None)
        site_key = str(getattr(site, "key", None) or getattr(spider, "name", "unknown"))
        self._site_name = str(getattr(site, "name", None) or site_key)
        # The spider's URL keys (mirrors of this run included) and the site's revisit schedule.
        keys = getattr(spider, "url_keys", None)
        self.keys = keys if isinstance(keys, UrlKeys) else None
        listed = getattr(spider, "listed", None)
        self.listed = listed if isinstance(listed, ListedLedger) else None
        schedule = getattr(site, "revisit_schedule", DEFAULT_REVISIT_SCHEDULE)
        self.policy = StorePolicy(
            revisit_schedule=tuple(schedule), neardup_threshold=self.policy.neardup_threshold
        )
        self.engine = make_engine(self.database_url)
        # A schema error stops the crawl here, before anything is fetched.
        ensure_schema(self.engine)
        arguments = dict(getattr(spider, "archive_arguments", {}) or {})
        host, pid = socket.gethostname(), os.getpid()
        # A supervisor (the scheduler) creates the run record before it spawns the crawl, so
        # a crawl that dies early is still on record; otherwise the crawl creates its own.
        given = self.crawler.settings.getint("NEWSARCHIVE_RUN_ID", 0)
        if given and claim_run(self.engine, given, pid=pid, hostname=host):
            self.run_id = given
        else:
            self.run_id = start_run(
                self.engine,
                getattr(spider, "name", "unknown"),
                site_key,
                self._site_name,
                arguments,
                pid=pid,
                hostname=host,
            )
        if self.stats is not None:
            self.stats.set_value("archive/run_id", self.run_id)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        identity = url_identity(item, self.keys)
        record = to_record(item, self._site_name, identity)
        if self.stats is not None:
            if identity.canonical in ("alias", "offsite", "invalid"):
                self.stats.inc_value(f"archive/incremental/canonical_{identity.canonical}")
            if record.last_modified is None and item.headers.get("last-modified"):
                self.stats.inc_value("archive/incremental/last_modified_future")
        self.buffer.extend(redirect_record(item, hop, self._site_name) for hop in item.redirects)
        self.buffer.append(record)
        # What Scrapy's feed exports (-O out.jsonl) and item_scraped handlers get: plain values.
        exported = ArchivedPage.of(item)
        if self.gave_up:
            return exported  # the crawl is stopping; close_spider tries the buffer once more
        if (
            len(self.buffer) >= self.batch_size
            or time.monotonic() - self._last_flush >= self.flush_seconds
        ):
            await self.flush()
        return exported

    async def flush(self) -> None:
        async with self._lock:
            batch, self.buffer = self.buffer, []
            self._last_flush = time.monotonic()
            if not batch:
                return
            stored = await self._store(batch)
        self._count([rec for rec, _ in stored], [result for _, result in stored])

    async def _store(self, batch: list[FetchRecord]) -> list[tuple[FetchRecord, StoreResult]]:
        """Store the batch, retried or record by record; what cannot be stored is recorded as
        a crawl failure. Returns the records stored, with their results."""
        if not await self._sync_captures(batch):
            return []
        try:
            results = await self._with_retries(batch)
            return list(zip(batch, results, strict=True))
        except Exception as exc:
            if is_transient(exc) or len(batch) == 1:
                self._lost(batch, exc)
                return []
            first = exc
        # A data error, a constraint, a bug: one record is likely the cause, the others can
        # still be kept.
        logger.warning(
            "a batch of %d records failed (%s): storing them one by one",
            len(batch),
            _reason(first),
        )
        if self.stats is not None:
            self.stats.inc_value("archive/store/record_by_record")
        stored: list[tuple[FetchRecord, StoreResult]] = []
        for index, rec in enumerate(batch):
            try:
                (result,) = await self._with_retries([rec])
            except Exception as exc:
                if is_transient(exc):
                    self._lost(batch[index:], exc)  # the database is gone for the rest too
                    break
                self._lost([rec], exc)
                continue
            stored.append((rec, result))
        return stored

    async def _sync_captures(self, batch: list[FetchRecord]) -> bool:
        """The batch's WARC records reach the disk before the archive points at them. A sync
        that fails (a failing device) loses the batch loudly: its pointers could lead nowhere
        after a power loss, and the next run fetches the pages again."""
        writer = writer_of(self.crawler)
        fd = writer.sync_handle() if writer is not None else None
        if fd is None:
            return True
        try:
            await asyncio.to_thread(sync_and_close, fd)
        except OSError as exc:
            if self.stats is not None:
                self.stats.inc_value("archive/warc/sync_error")
            record_failure(
                self.crawler,
                "warc",
                f"cannot sync the WARC file to disk: {exc}",
                pages=[rec.url for rec in batch],
                stop=True,
            )
            return False
        return True

    async def _with_retries(self, records: list[FetchRecord]) -> list[StoreResult]:
        """store_batch in a thread, tried again after transient errors with growing pauses."""
        delay = self.retry_delay
        attempt = 0
        while True:
            try:
                return await asyncio.to_thread(
                    store_batch, self.engine, self.run_id, records, policy=self.policy
                )
            except Exception as exc:
                if not is_transient(exc) or attempt >= self.retries or self.gave_up:
                    raise
                attempt += 1
                if self.stats is not None:
                    self.stats.inc_value("archive/store/retried")
                logger.warning(
                    "storing %d records failed (%s): try %d of %d in %.1f s",
                    len(records),
                    _reason(exc),
                    attempt + 1,
                    self.retries + 1,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.retry_max_delay)

    def _lost(self, records: list[FetchRecord], exc: BaseException) -> None:
        """Records that could not be stored: a crawl failure naming their pages."""
        transient = is_transient(exc)
        stop = transient and not self.gave_up
        if transient:
            self.gave_up = True
        self.counts.pages_fetched += len(records)
        self.counts.errors += len(records)
        for rec in records:
            self._answered(rec, "lost")
        if self.stats is not None:
            self.stats.inc_value("archive/store/lost", len(records))
        what = "database unavailable" if transient else "cannot be stored"
        record_failure(
            self.crawler,
            "store",
            f"{what}: {_reason(exc)}",
            pages=[rec.url for rec in records],
            stop=stop,
        )

    def _count(self, batch: list[FetchRecord], results: list[StoreResult]) -> None:
        for rec, result in zip(batch, results, strict=True):
            outcome = result.outcome
            self.counts.pages_fetched += 1
            if outcome == "archived":
                self.counts.articles_new += 1
            elif outcome == "new_version":
                self.counts.new_versions += 1
            elif outcome in ("duplicate", "not_modified"):
                self.counts.duplicates += 1
            elif outcome == "empty":
                self.counts.empty_pages += 1
            elif outcome not in ("discovery", OUTCOME_NOT_ARTICLE, REDIRECT_OUTCOME):
                self.counts.errors += 1
            self._answered(rec, outcome)
            if outcome == "archived" and rec.article is not None and rec.article.published_at:
                self.counts.archived_with_date += 1
            if rec.status >= 400:
                key = str(rec.status)
                self.counts.http_errors[key] = self.counts.http_errors.get(key, 0) + 1
            if self.stats is not None:
                self.stats.inc_value(f"archive/outcome/{outcome}")
                if result.sanitised:
                    self.stats.inc_value("archive/store/sanitised")
                if rec.kind == KIND_ARTICLE and outcome in ("archived", "duplicate"):
                    if outcome == "archived":
                        self.stats.inc_value("archive/articles/new")
                    elif not result.revisit:
                        self.stats.inc_value("archive/dedup/exact")
                if result.revisit and outcome in ("new_version", "duplicate", "not_modified"):
                    changed = "changed" if outcome == "new_version" else "unchanged"
                    self.stats.inc_value(f"archive/incremental/revisit_{changed}")
                if outcome == "archived" and result.cluster_id not in (None, result.article_id):
                    self.stats.inc_value("archive/dedup/near")

    def _answered(self, rec: FetchRecord, outcome: str) -> None:
        """Tell the spider's ledger of listed URLs what became of an article fetch."""
        if self.listed is not None and self.keys is not None and rec.kind == KIND_ARTICLE:
            self.listed.answered(self.keys.article_key(rec.requested_url), outcome)

    async def close_spider(self) -> None:
        await self.flush()

    def crawl_ended(self) -> None:
        """Close a run record the spider never closed: the crawl was stopped (SIGTERM, Ctrl-C)
        while its spider was opening, and Scrapy then stops without closing it."""
        if self.run_id is None or self._run_closed:
            return
        stopped = not getattr(self.crawler, "crawling", True)
        self.spider_closed("shutdown" if stopped else "ended before its spider closed")

    def spider_closed(self, reason: str) -> None:
        """Close the run record once Scrapy knows why the crawl ended."""
        if self.run_id is None or self._run_closed:
            return
        self._run_closed = True
        stats = dict(self.stats.get_stats()) if self.stats is not None else {}
        failures = failures_of(self.crawler)
        if failures:
            # Something fetched was not archived: the run failed, whatever else went well.
            outcome = "failed"
            summary = failures.summary()
            stats[FAILURE_SUMMARY_STAT] = summary
            stats[FAILED_PAGE_LIST_STAT] = failures.pages()
            reason = summary if len(summary) <= 100 else summary[:99] + "…"
        elif reason == "finished" or reason.startswith("closespider_"):
            outcome = "finished"  # a page or time limit set by the operator is a normal end
        elif reason == LOCKED_REASON:
            outcome = SKIPPED  # another crawl of the site holds its lock: nothing was done
        elif reason == "shutdown":
            outcome = "interrupted"  # Ctrl-C or SIGTERM
        else:
            outcome = "failed"
        try:
            finish_run(
                self.engine,
                self.run_id,
                outcome=outcome,
                finish_reason=reason,
                counts=self.counts,
                stats=_jsonable(stats),
            )
        except Exception as exc:
            # The run stays `running` in the archive, so the next crawl of the site trusts
            # nothing of it; the crawl still says so and exits non-zero.
            record_failure(self.crawler, "store", f"cannot close run {self.run_id}: {_reason(exc)}")
            self.engine.dispose()
            return
        self.crawler.signals.send_catch_log(run_closed, engine=self.engine, run_id=self.run_id)
        self.engine.dispose()


def _reason(exc: BaseException) -> str:
    """One line saying why a write failed: the database's own message, without the SQL."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc) or type(exc).__name__
    line = " ".join(sanitise_text(text).split("\n", 1)[0].split())
    return line if len(line) <= 200 else line[:199] + "…"


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in stats.items():
        if isinstance(value, int | float | str | bool) or value is None:
            out[key] = value
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out[key] = list(value)
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return dict(sorted(out.items()))
