"""`scrapy shell` as an inspection tool: it fetches and shows, and writes nothing.

No WARC capture, no archive pipeline (so no crawl run is opened, none is left `running` when
the shell exits), no site lock and no extraction workers: inspecting a page never changes the
archive. `newsarchive extract page.html --explain` shows what the crawl would archive.
"""

from __future__ import annotations

import argparse
from typing import Any

from scrapy.commands.shell import Command as ScrapyShellCommand

EXTRACT_PIPELINE = "pipelines.extract_pipeline.ExtractPipeline"
STORE_PIPELINE = "pipelines.store_pipeline.StorePipeline"
# What inspection commands turn off (at the command's priority: `-s` still overrides). The
# pipelines are named with None: Scrapy merges component dicts with the project's.
NOTHING_WRITTEN: dict[str, Any] = {
    "ITEM_PIPELINES": {EXTRACT_PIPELINE: None, STORE_PIPELINE: None},
    "NEWSARCHIVE_WARC_ENABLED": False,
    "NEWSARCHIVE_SITE_LOCK_ENABLED": False,
    "NEWSARCHIVE_EXTRACT_ENABLED": False,
    "NEWSARCHIVE_INCREMENTAL_ENABLED": False,
}


class Command(ScrapyShellCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        # Above the project's settings, below `-s` (cmdline).
        self.settings.setdict(NOTHING_WRITTEN, priority="spider")
