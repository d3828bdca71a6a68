"""The crawl's stats collector behaves like Scrapy's in-memory one."""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from crawler.stats import StatsCollector


def test_the_project_uses_it_and_it_counts_like_scrapys() -> None:
    assert get_project_settings().get("STATS_CLASS") == "crawler.stats.StatsCollector"
    crawler = get_crawler()
    ours, scrapys = StatsCollector(crawler), MemoryStatsCollector(crawler)
    for stats in (ours, scrapys):
        stats.inc_value("a")
        stats.inc_value("a", 2)
        stats.inc_value("b", start=10)
        stats.max_value("m", 3)
        stats.max_value("m", 1)
        stats.min_value("n", 3)
        stats.min_value("n", 1)
        stats.set_value("s", "x")
    expected = {"a": 3, "b": 11, "m": 3, "n": 1, "s": "x"}
    assert ours.get_stats() == scrapys.get_stats() == expected
    assert ours.get_value("missing", 7) == 7
    # Attribute access is plain: the collector's methods are not re-wrapped on every call.
    assert ours.inc_value == ours.inc_value
    assert type(ours).__getattribute__ is object.__getattribute__
