"""`scrapy crawl` that exits non-zero when the crawl could not archive what it fetched.

Scrapy's own command exits 0 whenever the crawler started, whatever happened to the pages;
this one also exits 1 when a component recorded a failure (crawler/failures.py) and prints one
line per failure, naming the pages.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.failures import failures_of


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        failures = failures_of(crawler)
        if failures:
            self.exitcode = 1
            for entry in failures.entries.values():
                print(f"newsarchive: crawl failed: {entry.line()}", file=sys.stderr)
