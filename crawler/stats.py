"""The crawl's stats collector: Scrapy's in-memory one, minus a per-access shim."""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class StatsCollector(MemoryStatsCollector):
    """MemoryStatsCollector with plain attribute access.

    Scrapy 2.13+ routes every attribute access of a stats collector, its own `_stats` included,
    through a Python `__getattribute__` that wraps the methods to warn about a deprecated
    `spider` argument: ~2.4 us per stats call instead of ~0.15, and a crawl makes a few dozen
    calls per page. Nothing in this project passes `spider`; the methods still accept it.
    """

    __getattribute__ = object.__getattribute__
