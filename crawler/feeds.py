"""Scrapy feed exports of a crawl (`scrapy crawl … -O out.csv`): the CSV exporter with lists
joined as `newsarchive export` joins them."""

from __future__ import annotations

from typing import Any

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter


class CsvItemExporter(ScrapyCsvItemExporter):
    """Scrapy's CSV exporter, joining list fields (authors, tags) with "; " rather than ",":
    names and tags may hold commas, and `newsarchive export --format csv` joins them so."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("join_multivalued", "; ")
        super().__init__(file, **kwargs)
