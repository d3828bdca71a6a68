"""The extraction pipeline: each article page through extract_article in a worker pool."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.model.failures import record_failure
from crawler.model.items import KIND_ARTICLE, OUTCOME_NOT_ARTICLE, FetchedPage
from crawler.model.limits import WorkerLimits
from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from pipelines.article_check import judge_candidate
from pipelines.neardup import extract_signed
from pipelines.pool import LoopPool, PoolBroken, WorkerCrashed
from pipelines.worker import JobTimeout, warm_worker

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Runs `extract_article` (and the near-duplicate signature of its text, see
    `pipelines.neardup.extract_signed`) for each article page in a pool of worker processes.

    Extraction costs tens of milliseconds of CPU a page; on the reactor thread it would stall
    downloads and use one core only (a naive spider reaches half of two cores). The pipeline
    awaits the worker's future, so the reactor stays free meanwhile.

    A hostile or pathological page (a 7.7 MB page took 78 s of CPU and ~1 GB) costs at most
    the limits (NEWSARCHIVE_EXTRACT_TIMEOUT, NEWSARCHIVE_EXTRACT_MAX_MEMORY): it is recorded as
    `extract_timeout` or `too_large`, its raw bytes stay in the WARC file, and the next crawl
    and `newsarchive reextract` try it again.
    """

    def __init__(
        self,
        crawler: Crawler,
        workers: int,
        max_bytes: int,
        limits: WorkerLimits | None = None,
    ) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = workers
        self.max_bytes = max_bytes
        self.limits = limits or WorkerLimits()
        self.pool: LoopPool | None = None
        # What each page goes through in a worker (a module-level function: it is pickled).
        self.extract: Callable[..., ExtractedArticle] = extract_signed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.model.config import AppConfig

        settings = crawler.settings
        if not settings.getbool("NEWSARCHIVE_EXTRACT_ENABLED", True):
            raise NotConfigured
        config = AppConfig()
        workers = settings.getint("NEWSARCHIVE_EXTRACT_WORKERS", 0) or config.workers
        max_bytes = settings.getint("NEWSARCHIVE_EXTRACT_MAX_BYTES", config.extract_max_bytes)
        seconds = settings.getfloat("NEWSARCHIVE_EXTRACT_TIMEOUT", config.extract_timeout)
        memory = settings.getint("NEWSARCHIVE_EXTRACT_MAX_MEMORY", config.extract_max_memory)
        limits = WorkerLimits(seconds if seconds > 0 else None, memory if memory > 0 else None)
        return cls(crawler, workers, max_bytes, limits)

    def new_pool(self) -> LoopPool:
        """The workers (pipelines.pool): started in a thread, fed and read on the event loop."""
        pool = LoopPool(self.workers, warm_worker, self.limits)
        pool.start()
        return pool

    async def open_spider(self) -> None:
        self.pool = self.new_pool()

    async def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def _rules(self) -> CleaningRules:
        site = getattr(self.crawler.spider, "site", None)
        rules = getattr(site, "cleaning", None)
        return rules if isinstance(rules, CleaningRules) else CleaningRules()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage) or item.kind != KIND_ARTICLE:
            return item
        if item.error is not None or item.status != 200:
            return item
        assert self.pool is not None
        inp = ExtractInput(
            url=item.url,
            body=item.body,
            headers=item.headers,
            rules=self._rules(),
            hints=item.hints,
        )
        try:
            result = await self.pool.submit(self.extract, inp, max_bytes=self.max_bytes)
        except WorkerCrashed as exc:
            # The OOM killer, a crash in lxml: the page is recorded (its bytes are in the WARC
            # file, for `newsarchive reextract`), a new worker takes over, the crawl goes on.
            logger.error("extraction of %s failed: %s", item.url, exc)
            result = ExtractedArticle(outcome="error", url=item.url, error="worker crashed")
        except JobTimeout as exc:
            logger.error("extraction of %s stopped: it %s", item.url, exc)
            result = ExtractedArticle(
                outcome=EXTRACT_TIMEOUT, url=item.url, error=f"extraction {exc}"
            )
        except MemoryError:
            result = self._out_of_memory(item.url)
        except PoolBroken as exc:
            # No worker can run (they cannot start): a local fault, not the page's. The raw
            # page is kept and retried; the run fails loudly and stops, since every further
            # page would go the same way.
            result = ExtractedArticle(outcome="error", url=item.url, error=str(exc)[:300])
            stop = bool(getattr(self.crawler, "crawling", False))  # not in a bare pipeline
            record_failure(self.crawler, "extract", str(exc), pages=[item.url], stop=stop)
        if result.outcome == "error" and (result.error or "").startswith("MemoryError"):
            result = self._out_of_memory(item.url)  # caught by the extraction itself
        # A candidate page is archived only if it is an article (pipelines/article_check.py).
        result = judge_candidate(item, result)
        if result.outcome == OUTCOME_NOT_ARTICLE:
            logger.info("%s is %s", item.url, result.error)
        if self.stats is not None:
            self.stats.inc_value(
                _EXTRACT_STATS.get(result.outcome, f"archive/extract/{result.outcome}")
            )
            if result.decode_replaced:
                # Pages kept as UTF-8 despite broken bytes (replaced with U+FFFD).
                self.stats.inc_value("archive/extract/decode_replaced")
        item.extracted = result
        item.body = b""  # the raw bytes are in the WARC file; don't carry them further
        return item

    def _out_of_memory(self, url: str) -> ExtractedArticle:
        memory = self.limits.memory
        limit = f"{memory / 1024 / 1024:.0f} MiB" if memory else "the memory available"
        logger.error("extraction of %s stopped: it needs more than %s", url, limit)
        if self.stats is not None:
            self.stats.inc_value("archive/extract/memory_limit")
        return ExtractedArticle(
            outcome="too_large", url=url, error=f"extraction needs more than {limit} of memory"
        )


# The outcome of a page whose extraction ran out of CPU time (also a fetch outcome).
EXTRACT_TIMEOUT = "extract_timeout"
# Stats keys of extraction outcomes that are not `archive/extract/<outcome>`.
_EXTRACT_STATS = {EXTRACT_TIMEOUT: "archive/extract/timeout"}
