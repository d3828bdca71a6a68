"""Loud crawl failures: what a crawl could not archive, kept until the crawl ends.

Any component that loses something it was given (a store batch that cannot be written, a WARC
record that cannot be kept, a data directory that cannot be used) records it here instead of
only logging it. The run is then closed with outcome `failed` and the reason in
`crawl_runs.finish_reason` (so `newsarchive status` shows it), the log ends with one ERROR line
per reason and the pages concerned, and `scrapy crawl` (crawler/commands/crawl.py) exits 1.
Silence is kept for success.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

# Stats: how many failures of each kind (`archive/failure/<kind>`), and how many pages they
# concern in all.
FAILURE_STAT_PREFIX = "archive/failure/"
FAILED_PAGES_STAT = "archive/failure/pages"
# In the run record's stats only: the whole summary (finish_reason holds its first 100
# characters) and the URLs of the pages concerned (at most MAX_PAGES_KEPT per kind).
FAILURE_SUMMARY_STAT = "archive/failure/summary"
FAILED_PAGE_LIST_STAT = "archive/failure/page_list"
# A crawl closed for one of these is failed whatever Scrapy's own close reason was.
FAILED_REASON = "failed"
# How many page URLs are kept per failure (the log and the run record name them; the count is
# exact in any case).
MAX_PAGES_KEPT = 50

# Sent by the crawl command once Scrapy has returned, the reactor stopped. A spider that was
# opened but never closed (a SIGTERM while it was opening: Scrapy then stops the reactor
# without closing it) has left its run record open; its receivers close what they opened.
crawl_ended = object()


@dataclass
class CrawlFailure:
    """One reason the crawl could not archive something, with the pages it concerns."""

    kind: str
    message: str
    pages: list[str] = field(default_factory=list)
    page_count: int = 0

    def line(self) -> str:
        shown = ", ".join(self.pages[:5])
        more = f" (+{self.page_count - 5} more)" if self.page_count > 5 else ""
        where = f" [{self.page_count} page(s): {shown}{more}]" if self.page_count else ""
        return f"{self.kind}: {self.message}{where}"


@dataclass
class CrawlFailures:
    """Every failure of one crawl, in the order they happened (one entry per kind)."""

    entries: dict[str, CrawlFailure] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def summary(self) -> str:
        """One line naming every kind of failure: the run's finish reason."""
        return "; ".join(e.line() for e in self.entries.values())

    def pages(self) -> list[str]:
        return [p for e in self.entries.values() for p in e.pages]


_ATTRIBUTE = "_newsarchive_failures"


def failures_of(crawler: Any) -> CrawlFailures:
    """The failures recorded so far for this crawler (created empty on first use)."""
    found = getattr(crawler, _ATTRIBUTE, None)
    if not isinstance(found, CrawlFailures):
        found = CrawlFailures()
        setattr(crawler, _ATTRIBUTE, found)
    return found


def record_failure(
    crawler: Any,
    kind: str,
    message: str,
    *,
    pages: Iterable[str] = (),
    stop: bool = False,
) -> None:
    """Record that the crawl failed to keep something, and optionally stop the crawl.

    `kind` is a short slug (`store`, `warc`, `data_dir`, `fetch_local`); a second failure of the
    same kind adds its pages and keeps the first message (the first cause is the one to fix).
    `stop` closes the spider as `failed` (ENOSPC: every further page would be lost too).
    """
    failures = failures_of(crawler)
    page_list = list(pages)
    entry = failures.entries.get(kind)
    if entry is None:
        entry = failures.entries[kind] = CrawlFailure(kind, message)
    room = MAX_PAGES_KEPT - len(entry.pages)
    if room > 0:
        entry.pages.extend(page_list[:room])
    entry.page_count += len(page_list)
    try:
        stats = crawler.stats
    except Exception:  # not set before the crawl starts (Scrapy's late attribute)
        stats = None
    if stats is not None:
        stats.inc_value(FAILURE_STAT_PREFIX + kind)
        if page_list:
            stats.inc_value(FAILED_PAGES_STAT, len(page_list))
    count = f" ({len(page_list)} page(s))" if page_list else ""
    logger.error("crawl failure (%s): %s%s", kind, message, count)
    if stop:
        _close_spider(crawler)


def _close_spider(crawler: Any) -> None:
    """Close the spider as failed, once, from any callback on the reactor thread."""
    from scrapy.utils.defer import deferred_from_coro

    try:
        engine = crawler.engine
    except Exception:  # Scrapy's late attribute raises before the engine exists
        return
    if engine is None or engine.spider is None or not engine.running:
        return
    slot = getattr(engine, "_slot", None)
    if slot is not None and slot.closing is not None:
        return  # already closing
    deferred_from_coro(engine.close_spider_async(reason=FAILED_REASON))
