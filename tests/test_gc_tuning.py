"""The crawl process's garbage-collector tuning (crawler.extensions.GarbageCollectorTuning)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.extensions import GarbageCollectorTuning


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_opening_the_spider_freezes_start_up_objects_and_sets_the_threshold() -> None:
    gc.unfreeze()
    ext = GarbageCollectorTuning.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_GC_THRESHOLD": 12_345})
    )
    older = gc.get_threshold()[1:]
    ext.spider_opened()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (12_345, *older)


def test_zero_keeps_pythons_threshold_and_minus_one_turns_it_off() -> None:
    before = gc.get_threshold()
    GarbageCollectorTuning.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_GC_THRESHOLD": 0})
    ).spider_opened()
    assert gc.get_threshold() == before
    with pytest.raises(NotConfigured):
        GarbageCollectorTuning.from_crawler(
            get_crawler(settings_dict={"NEWSARCHIVE_GC_THRESHOLD": -1})
        )


def test_the_project_enables_it() -> None:
    assert "crawler.extensions.GarbageCollectorTuning" in project_settings.EXTENSIONS
    assert project_settings.NEWSARCHIVE_GC_THRESHOLD > 700
