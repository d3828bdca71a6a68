"""Loud failures: a recorded crawl failure fails the run and the `scrapy crawl` exit code."""

from __future__ import annotations

from types import SimpleNamespace

from crawler.model.failures import FAILED_PAGES_STAT, failures_of, record_failure
from crawler.stats import StatsCollector


def _crawler() -> SimpleNamespace:
    from scrapy.settings import Settings

    crawler = SimpleNamespace(settings=Settings(), engine=None, spider=None)
    crawler.stats = StatsCollector(crawler)  # type: ignore[arg-type]
    return crawler


def test_failures_keep_the_first_message_of_a_kind_and_every_page_count() -> None:
    crawler = _crawler()
    assert not failures_of(crawler)
    record_failure(crawler, "store", "database is locked", pages=["http://a/1", "http://a/2"])
    record_failure(crawler, "store", "disk I/O error", pages=[f"http://a/{i}" for i in range(60)])
    record_failure(crawler, "warc", "no space left on device")
    failures = failures_of(crawler)
    assert list(failures.entries) == ["store", "warc"]
    store = failures.entries["store"]
    assert store.message == "database is locked"
    assert store.page_count == 62
    assert len(store.pages) == 50  # kept for the log and the run record; the count is exact
    assert failures.summary().startswith("store: database is locked [62 page(s): http://a/1")
    assert crawler.stats.get_value("archive/failure/store") == 2
    assert crawler.stats.get_value(FAILED_PAGES_STAT) == 62


def test_stopping_before_the_engine_exists_only_records() -> None:
    from scrapy.crawler import Crawler

    from spiders.generic import GenericSpider

    crawler = Crawler(GenericSpider)
    record_failure(crawler, "data_dir", "cannot write /nowhere", stop=True)
    assert failures_of(crawler).summary() == "data_dir: cannot write /nowhere"
