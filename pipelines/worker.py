"""Set-up of the extraction worker processes, free of Scrapy, Twisted and SQLAlchemy imports.

A pool's initializer is imported by every worker: named from pipelines.archive it made each
worker import the Scrapy pipelines, the archive's models and SQLAlchemy too (measured: 0.5 s
of CPU and ~20 MB per worker, at the start of every crawl, for code a worker never runs).
"""

from __future__ import annotations


def warm_worker() -> None:
    """Load trafilatura and the language profiles once per worker, not on the first page;
    then freeze what is loaded, so the garbage collector never walks it again (measured:
    0.2 ms of each page's ~22 ms went to collections walking the language profiles)."""
    import gc

    import pipelines.neardup  # noqa: F401  (what a worker runs: trafilatura, lxml, numpy)
    from pipelines.language import detect_language

    detect_language("Ein kurzer Satz, damit die Sprachprofile geladen sind.", "de")
    gc.collect()
    gc.freeze()
