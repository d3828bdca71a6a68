"""`scrapy shell` as an inspection tool: it fetches and shows, and writes nothing.

No WARC capture, no archive pipeline (so no crawl run is opened, none is left `running` when
the shell exits), no site lock and no extraction workers: inspecting a page never changes the
archive. `newsarchive extract page.html --explain` shows what the crawl would archive.
"""

from __future__ import annotations

import argparse
from typing import Any, ClassVar

from scrapy.commands.shell import Command as ScrapyShellCommand
from scrapy.settings import Settings

EXTRACT_PIPELINE = "pipelines.extract_pipeline.ExtractPipeline"
STORE_PIPELINE = "pipelines.store_pipeline.StorePipeline"
# What inspection commands turn off. The pipelines are named with None: Scrapy merges component
# dicts with the project's.
NOTHING_WRITTEN: dict[str, Any] = {
    "ITEM_PIPELINES": {EXTRACT_PIPELINE: None, STORE_PIPELINE: None},
    "NEWSARCHIVE_WARC_ENABLED": False,
    "NEWSARCHIVE_SITE_LOCK_ENABLED": False,
    "NEWSARCHIVE_EXTRACT_ENABLED": False,
    "NEWSARCHIVE_INCREMENTAL_ENABLED": False,
}


class WritesNothing:
    """Puts `inspection_settings` over the project's settings (a command's own defaults rank
    below them), still under `-s` on the command line."""

    inspection_settings: ClassVar[dict[str, Any]] = NOTHING_WRITTEN
    settings: Settings | None

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        assert self.settings is not None
        self.settings.setdict(self.inspection_settings, priority="spider")


class Command(WritesNothing, ScrapyShellCommand):
    pass
