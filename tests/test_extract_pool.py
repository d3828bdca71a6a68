"""The crawl's extraction workers load what extraction needs, not the crawl's own machinery."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from scrapy.utils.test import get_crawler

from crawler.reextract import _new_pool as reextract_pool
from pipelines.archive import ExtractPipeline


def test_a_worker_does_not_import_the_archive_layer() -> None:
    pipeline = ExtractPipeline.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
    )
    pool = pipeline._new_pool()
    try:
        # eval is a builtin, so the probe itself imports nothing into the worker.
        modules = set(pool.submit(eval, "list(__import__('sys').modules)").result(timeout=120))
    finally:
        pool.shutdown()
    assert "langdetect" in modules  # the worker set-up ran
    # Its initializer once lived in pipelines.archive: every worker imported the store
    # pipeline, the models and SQLAlchemy (0.5 s of CPU and ~20 MB each) and never used them.
    assert not {"pipelines.archive", "db.repo", "sqlalchemy"} & modules


def _worker_modules(pool: ProcessPoolExecutor) -> set[str]:
    try:
        return set(pool.submit(eval, "list(__import__('sys').modules)").result(timeout=120))
    finally:
        pool.shutdown()


def test_workers_are_forked_with_the_extraction_modules_loaded() -> None:
    # Only the fork server imports pipelines.preload: a worker that has it was forked ready,
    # instead of importing trafilatura and loading the language profiles itself.
    pipeline = ExtractPipeline.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
    )
    assert {"pipelines.preload", "trafilatura"} <= _worker_modules(pipeline._new_pool())
    # reextract's pool starts the same way
    assert "pipelines.preload" in _worker_modules(reextract_pool(1))
