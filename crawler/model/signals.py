"""Crawl signals one layer sends and a higher one handles, through Scrapy's signal manager."""

from __future__ import annotations

# Sent by the store once it has closed the crawl's run record (kwargs: engine, run_id): the
# run is final in the archive and may be judged (crawler.extensions.RunMonitors).
run_closed = object()
