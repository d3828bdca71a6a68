"""`scrapy shell` as an inspection tool: it fetches and shows, and writes nothing.

No WARC capture, no archive pipeline (so no crawl run is opened, none is left `running` when
the shell exits), no site lock and no extraction workers: inspecting a page never changes the
archive. `newsarchive extract page.html --explain` shows what the crawl would archive.
"""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.shell import Command as ScrapyShellCommand

# What inspection commands turn off (at the command's priority: `-s` still overrides).
NOTHING_WRITTEN: dict[str, Any] = {
    "ITEM_PIPELINES": {},
    "NEWSARCHIVE_WARC_ENABLED": False,
    "NEWSARCHIVE_SITE_LOCK_ENABLED": False,
    "NEWSARCHIVE_EXTRACT_ENABLED": False,
    "NEWSARCHIVE_INCREMENTAL_ENABLED": False,
}


class Command(ScrapyShellCommand):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyShellCommand.default_settings,
        **NOTHING_WRITTEN,
    }
