"""`scrapy parse` as an inspection tool: it shows what a spider callback yields for a URL and
writes nothing to the archive (see crawler/commands/shell.py).

With `--pipelines`, items go through extraction (the output shows the extracted article) but
never into the archive.
"""

from __future__ import annotations

from typing import Any

from scrapy.commands.parse import Command as ScrapyParseCommand

from crawler.commands.shell import (
    EXTRACT_PIPELINE,
    NOTHING_WRITTEN,
    STORE_PIPELINE,
    WritesNothing,
)
from pipelines import EXTRACT_PIPELINE_ORDER

# The inspection settings, with extraction for `--pipelines`.
PARSE_SETTINGS: dict[str, Any] = {
    **NOTHING_WRITTEN,
    "ITEM_PIPELINES": {EXTRACT_PIPELINE: EXTRACT_PIPELINE_ORDER, STORE_PIPELINE: None},
    "NEWSARCHIVE_EXTRACT_ENABLED": True,
}


class Command(WritesNothing, ScrapyParseCommand):
    inspection_settings = PARSE_SETTINGS
