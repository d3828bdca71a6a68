"""`scrapy crawl` with newsarchive's manners: setup mistakes in one line, failures in the exit code.

Before Scrapy starts anything, the command checks what a crawl needs: a known spider, a valid
configuration, a data directory it can write (site locks, WARC files) and an archive database
it can open (created when new, as the crawl would). A mistake there is one line,
`newsarchive: ...`, and exit code 2, instead of Scrapy's start-up log and a traceback from
each component that trips over it.

Scrapy's own command exits 0 whenever the crawler started, whatever happened to the pages;
this one also exits 1 when a component recorded a failure (crawler/model/failures.py) and prints one
line per failure, naming the pages.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import AsyncCrawlerProcess, CrawlerProcess, CrawlerProcessBase
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings, Settings

from crawler.crawl_process import die_with_supervisor
from crawler.model.failures import crawl_ended, failures_of

# The exit code of a crawl that could not start because of its setup (as `newsarchive` uses).
SETUP_ERROR_EXIT = 2
_ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
_STORE_PIPELINE = "pipelines.store_pipeline.StorePipeline"


class SetupError(Exception):
    """What stops a crawl before it starts; the message is one line."""


class Command(ScrapyCrawlCommand):
    # The crawler process is made in `run`, after the setup checks: made earlier, it logs
    # Scrapy's start-up lines before a one-line error could be said.
    requires_crawler_process = False

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.settings is not None
        die_with_supervisor()
        try:
            check_setup(args[0], self.settings)
        except SetupError as exc:
            print(f"newsarchive: {exc}", file=sys.stderr)
            self.exitcode = SETUP_ERROR_EXIT
            return
        if self.crawler_process is None:
            self.crawler_process = crawler_process(self.settings)
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        crawler.signals.send_catch_log(crawl_ended)
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        failures = failures_of(crawler)
        if failures:
            self.exitcode = 1
            for entry in failures.entries.values():
                print(f"newsarchive: crawl failed: {entry.line()}", file=sys.stderr)


def crawler_process(settings: Settings) -> CrawlerProcessBase:
    """The crawler process Scrapy's command line would make for these settings."""
    if (
        settings["TWISTED_REACTOR"] == _ASYNCIO_REACTOR
        and not settings.getbool("FORCE_CRAWLER_PROCESS")
    ) or not settings.getbool("TWISTED_REACTOR_ENABLED"):
        return AsyncCrawlerProcess(settings)
    return CrawlerProcess(settings)


def check_setup(spider: str, settings: BaseSettings) -> None:
    """Raise SetupError when the crawl cannot start: unknown spider, bad configuration, a data
    directory it cannot write, an archive database it cannot open."""
    from scrapy.spiderloader import get_spider_loader

    from crawler.cli_common import CliError, _config, database_engine
    from crawler.extensions import writable_folders
    from crawler.locks import check_writable

    known = get_spider_loader(settings).list()
    if spider not in known:
        raise SetupError(f"unknown spider {spider!r}; known: {', '.join(sorted(known))}")
    try:
        config = _config()
        for folder in writable_folders(settings):
            try:
                check_writable(folder)
            except OSError as exc:
                where = exc.filename or folder
                raise SetupError(
                    f"cannot write the data directory: {where}: {exc.strerror or exc} "
                    "(set NEWSARCHIVE_DATA_DIR to a directory this user can write)"
                ) from None
        if settings.getwithbase("ITEM_PIPELINES").get(_STORE_PIPELINE) is not None:
            url = settings.get("NEWSARCHIVE_DATABASE_URL") or config.database_url_resolved
            database_engine(url).dispose()
    except CliError as exc:
        raise SetupError(str(exc)) from None
