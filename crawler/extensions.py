"""Scrapy extensions of newsarchive: the per-site crawl lock, garbage-collector tuning, an
early start of the extraction workers' fork server, the run monitors at the run's close."""

from __future__ import annotations

import gc
import logging
import socket
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from sqlalchemy import Engine

from crawler.locks import SiteLock, check_writable, locks_dir, process_gone, site_lock
from crawler.model.failures import FAILED_REASON, record_failure
from crawler.model.signals import run_closed
from db.health import LOCKED_REASON
from db.sitelock import PgSiteLock

logger = logging.getLogger(__name__)

# Settings: turn the lock off (tests of other things, a throwaway archive), or put the lock
# files somewhere else than <NEWSARCHIVE_DATA_DIR>/locks.
LOCK_ENABLED_SETTING = "NEWSARCHIVE_SITE_LOCK_ENABLED"
LOCK_DIR_SETTING = "NEWSARCHIVE_LOCK_DIR"
# Stat: how many runs of the site, left "running" by crawl processes that are gone, this crawl
# closed as interrupted when it started.
LOST_RUNS_STAT = "archive/runs/lost_settled"


def spider_site_key(spider: Spider) -> str:
    """The site key a crawl archives under (as StorePipeline records it), and locks by."""
    site = getattr(spider, "site", None)
    return str(getattr(site, "key", None) or spider.name)


def data_dir_of(settings: BaseSettings) -> Path:
    """The crawl's data directory: the NEWSARCHIVE_DATA_DIR setting, or the app config's."""
    configured = settings.get("NEWSARCHIVE_DATA_DIR")
    if configured:
        return Path(configured)
    from crawler.model.config import AppConfig

    return AppConfig().data_dir


def database_url_of(settings: BaseSettings) -> str:
    """The crawl's archive database: the NEWSARCHIVE_DATABASE_URL setting, or the app config's."""
    configured = settings.get("NEWSARCHIVE_DATABASE_URL")
    if configured:
        return str(configured)
    from crawler.model.config import AppConfig

    return AppConfig().database_url_resolved


def lock_dir_of(settings: BaseSettings) -> Path:
    configured = settings.get(LOCK_DIR_SETTING)
    return Path(configured) if configured else locks_dir(data_dir_of(settings))


def writable_folders(settings: BaseSettings) -> list[Path]:
    """The folders a crawl writes files into: the site locks' and the WARC files'.

    Both are proved writable before anything is fetched: without the lock two crawls of one
    site could run at once, and without the WARC folder every page would be fetched for
    nothing.
    """
    folders = []
    if settings.getbool(LOCK_ENABLED_SETTING, True):
        folders.append(lock_dir_of(settings))
    if settings.getbool("NEWSARCHIVE_WARC_ENABLED", True):
        folders.append(data_dir_of(settings) / "warc")
    return folders


class SiteLockExtension:
    """Holds the crawled site's lock for the whole crawl, or closes the spider as "locked".

    Taken in the crawl process itself, so it covers scheduled and manual crawls alike and
    dies with the process (crawler/locks.py). A crawl that finds the site locked closes at
    once with finish reason "locked"; the run record says so and the monitors pass it by. A
    crawl that cannot write its data directory (lock or WARC folder) fails at once, naming
    the path: it never runs without its lock. Once the lock is held, runs of the site that a
    killed crawl left "running" on this host are closed as interrupted.
    """

    def __init__(
        self, crawler: Crawler, lock_dir: Path, folders: list[Path], database_url: str
    ) -> None:
        self.crawler = crawler
        self.lock_dir = lock_dir
        self.folders = folders
        self.database_url = database_url
        self.lock: SiteLock | PgSiteLock | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool(LOCK_ENABLED_SETTING, True):
            raise NotConfigured
        folders = writable_folders(settings)
        ext = cls(crawler, lock_dir_of(settings), folders, database_url_of(settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        key = spider_site_key(spider)
        stats = self.crawler.stats
        run_id = stats.get_value("archive/run_id") if stats is not None else None
        run_id = run_id if isinstance(run_id, int) else None
        lock = site_lock(self.lock_dir, self.database_url, key)
        try:
            for folder in self.folders:
                check_writable(folder)
            acquired = lock.acquire(run_id=run_id)
        except OSError as exc:
            where = exc.filename or getattr(lock, "path", self.lock_dir)
            record_failure(
                self.crawler,
                "data_dir",
                f"cannot write {where}: {exc.strerror or exc}",  # short: finish_reason keeps 100
            )
            # Closed once open, like a locked site (below); the run is recorded as failed.
            raise CloseSpider(FAILED_REASON) from None
        if acquired:
            self.lock = lock
            where = getattr(lock, "path", "PostgreSQL advisory lock")
            logger.info("holding the crawl lock of site %s (%s)", key, where)
            self._settle_lost_runs(key, run_id)
            return
        holder = lock.holder()
        logger.warning("site %s is being crawled already (%s): not crawling it twice", key, holder)
        if stats is not None:
            stats.set_value("archive/locked_by", holder)
        # Scrapy (2.13+) closes the spider with this reason once it is open, after every
        # component has started, so the run record is closed as "locked" like any other end.
        raise CloseSpider(LOCKED_REASON)

    def _settle_lost_runs(self, key: str, run_id: int | None) -> None:
        """Close the site's runs that crawls killed on this host left "running".

        Holding the lock, this crawl is the only one of the site past its start, so a record
        still "running" on this host belongs to a process that is gone (judged by its pid and
        start time, so that a crawl still starting is left alone). Without a run of its own
        (no archive pipeline) there is nothing to settle.
        """
        if run_id is None:
            return
        from db.engine import make_engine
        from db.health import settle_lost_runs

        try:
            engine = make_engine(self.database_url)
            try:
                settled = settle_lost_runs(
                    engine, key, socket.gethostname(), keep=run_id, gone=process_gone
                )
            finally:
                engine.dispose()
        except Exception as exc:  # the crawl itself is not at stake
            logger.warning("cannot check for lost runs of site %s: %s", key, exc)
            return
        for lost in settled:
            logger.warning(
                "run %d of site %s was left running by a crawl process that is gone "
                "(killed?): recorded as interrupted",
                lost,
                key,
            )
        if settled and self.crawler.stats is not None:
            self.crawler.stats.set_value(LOST_RUNS_STAT, len(settled))

    def engine_stopped(self, *args: Any) -> None:
        # Released only when everything is written: a second crawl must not start while this
        # one's run record is still being closed.
        if self.lock is not None:
            self.lock.release()
            self.lock = None


# Setting: the young-generation threshold of Python's cyclic garbage collector during a crawl
# (0 keeps the interpreter's 700 but still freezes start-up objects; -1 turns the tuning off).
GC_THRESHOLD_SETTING = "NEWSARCHIVE_GC_THRESHOLD"


class GarbageCollectorTuning:
    """Makes the cyclic garbage collector cheap for the crawl process.

    Measured on the 2,000-page benchmark: the collector took ~0.9 s of the crawl process's
    ~9 s of CPU, mostly full collections walking every object loaded at start-up (Scrapy,
    Twisted, SQLAlchemy, the settings) again and again. Once the spider is open those are
    frozen (gc.freeze: never collected, never walked again), and young collections run less
    often. Garbage is still collected: most objects of a page are freed by reference counting
    at once; only reference cycles wait for the next collection.
    """

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        threshold = crawler.settings.getint(GC_THRESHOLD_SETTING, 0)
        if threshold < 0:
            raise NotConfigured
        ext = cls(threshold)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        return ext

    def spider_opened(self) -> None:
        gc.collect()
        gc.freeze()
        if self.threshold:
            _, older, oldest = gc.get_threshold()
            gc.set_threshold(self.threshold, older, oldest)


class ForkServerWarmUp:
    """Starts the extraction workers' fork server while Scrapy is still setting up.

    The server loads trafilatura, numpy and the language profiles (~0.5 s of one core) before
    it can fork the first worker. Started by the extraction pipeline, at the spider's opening,
    that kept one core idle and the first pages waiting; extensions are built ~0.8 s earlier,
    while the crawl process's start-up (imports, middlewares, the archive's schema check) keeps
    only one core busy. Measured: first page extracted 0.95 s after the opening, now ~0.35 s.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSARCHIVE_EXTRACT_ENABLED", True):
            raise NotConfigured
        from pipelines.worker import start_fork_server

        try:
            start_fork_server()
        except OSError as exc:  # no processes left, say: the pipeline's pool will say so too
            logger.warning("extraction fork server not started early: %s", exc)
        return cls()


class RunMonitors:
    """Judges every run, manual or scheduled, once the store has closed its record
    (crawler/monitors.py); a bug in the monitors never fails a crawl whose data is stored."""

    def __init__(self, overrides: Any) -> None:
        self.overrides = overrides

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from crawler.monitors import THRESHOLDS_SETTING

        ext = cls(crawler.settings.get(THRESHOLDS_SETTING))
        crawler.signals.connect(ext.run_closed, signal=run_closed)
        return ext

    def run_closed(self, engine: Engine, run_id: int) -> None:
        try:
            from crawler.monitors import evaluate_run

            evaluate_run(engine, run_id, overrides=self.overrides)
        except Exception:
            logger.exception("run monitors failed on run %s", run_id)


# Setting: the near-duplicate merge pass at the end of each run (on by default).
NEARDUP_MERGE_SETTING = "NEWSARCHIVE_NEARDUP_MERGE_ENABLED"


class NearDuplicateMerge:
    """At the run's end, joins the near-duplicate clusters that concurrent writers (crawls of
    other sites, on this machine or others) gave this run's articles apart from their twins
    (db.neardup.merge_clusters, over the articles first archived since the run started)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from pipelines.neardup import default_threshold
        from pipelines.store_pipeline import THRESHOLD_SETTING

        if not crawler.settings.getbool(NEARDUP_MERGE_SETTING, True):
            raise NotConfigured
        threshold = crawler.settings.getfloat(THRESHOLD_SETTING, 0.0) or default_threshold()
        ext = cls(threshold)
        crawler.signals.connect(ext.run_closed, signal=run_closed)
        return ext

    def run_closed(self, engine: Engine, run_id: int) -> None:
        from sqlalchemy.orm import Session

        from db.models import CrawlRun
        from db.neardup import merge_clusters

        try:
            with Session(engine) as session:
                run = session.get(CrawlRun, run_id)
                since = run.started_at if run is not None else None
            if since is None:
                return
            moved = merge_clusters(engine, self.threshold, since=since)
        except Exception as exc:  # the run's data is stored; the next pass catches up
            logger.warning("near-duplicate merge pass failed: %s", exc)
            return
        if moved:
            logger.info("near-duplicate merge pass: %d article(s) joined an older cluster", moved)
