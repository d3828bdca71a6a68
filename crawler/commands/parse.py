"""`scrapy parse` as an inspection tool: it shows what a spider callback yields for a URL and
writes nothing to the archive (see crawler/commands/shell.py).

With `--pipelines`, items go through extraction (the output shows the extracted article) but
never into the archive.
"""

from __future__ import annotations

from typing import Any, ClassVar

from scrapy.commands.parse import Command as ScrapyParseCommand

from crawler.commands.shell import NOTHING_WRITTEN
from pipelines import EXTRACT_PIPELINE_ORDER


class Command(ScrapyParseCommand):
    default_settings: ClassVar[dict[str, Any]] = {
        **ScrapyParseCommand.default_settings,
        **NOTHING_WRITTEN,
        "ITEM_PIPELINES": {"pipelines.extract_pipeline.ExtractPipeline": EXTRACT_PIPELINE_ORDER},
        "NEWSARCHIVE_EXTRACT_ENABLED": True,
    }
