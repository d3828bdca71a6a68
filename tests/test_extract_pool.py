"""The crawl's extraction workers load what extraction needs, not the crawl's own machinery."""

from __future__ import annotations

import asyncio
import fcntl
import os
import subprocess
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from crawler.extensions import ForkServerWarmUp
from crawler.items import KIND_ARTICLE, FetchedPage
from crawler.reextract import _new_pool as reextract_pool
from pipelines.archive import ExtractPipeline
from pipelines.types import ExtractedArticle, ExtractInput
from pipelines.worker import CALL_PIPE_BYTES


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


@pytest.mark.parametrize("which", ["crawl", "reextract"])
def test_the_pipe_to_the_workers_holds_a_whole_page(which: str) -> None:
    # At Linux's default 64 KB a 200 KB page went in four parts, and a worker waited halfway
    # through nearly every page for the feeder thread to get the GIL back.
    if which == "crawl":
        crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
        pool = ExtractPipeline.from_crawler(crawler)._new_pool()
    else:
        pool = reextract_pool(1)
    try:
        pipe = pool._call_queue._writer.fileno()  # type: ignore[attr-defined]
        assert fcntl.fcntl(pipe, fcntl.F_GETPIPE_SZ) >= CALL_PIPE_BYTES
        # and a page larger than the pipe still gets through
        inp = ExtractInput(url="http://a.example/big", body=b"<p>x</p>" * 400_000, headers={})
        assert pool.submit(len, inp.body).result(timeout=120) == 3_200_000
    finally:
        pool.shutdown()


# Started by path, as the `scrapy` and `newsarchive` commands are. Each process that imports
# it writes its pid to PROBE_LOG.
_MAIN_SCRIPT = """
import os

with open(os.environ["PROBE_LOG"], "a") as log:
    log.write(f"{os.getpid()}\\n")

if __name__ == "__main__":
    from concurrent.futures import ProcessPoolExecutor

    from pipelines.worker import worker_context

    with ProcessPoolExecutor(2, mp_context=worker_context()) as pool:
        jobs = [pool.submit(eval, "__import__('os').getpid()") for _ in range(6)]
        print(" ".join(str(job.result(timeout=120)) for job in jobs))
"""


def test_the_parent_script_is_imported_once_by_the_fork_server_not_by_each_worker(
    tmp_path: Path,
) -> None:
    script, log = tmp_path / "command.py", tmp_path / "imports.log"
    script.write_text(_MAIN_SCRIPT)
    env = {**os.environ, "PROBE_LOG": str(log)}
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    workers = {int(pid) for pid in done.stdout.split()}
    importers = [int(line) for line in log.read_text().split()]
    # The command itself and the fork server. Before, every worker ran the script again:
    # with the `scrapy` command, 0.2 s of CPU and 26 MB for Scrapy in each worker.
    assert len(importers) == 2
    assert not workers & set(importers)


_WARM_UP = """
import os, sys

from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.extensions import ForkServerWarmUp

try:
    ForkServerWarmUp.from_crawler(get_crawler(settings_dict={
        "NEWSARCHIVE_EXTRACT_ENABLED": sys.argv[1] == "on"
    }))
except NotConfigured:
    pass
children = open(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read().split()
commands = [open(f"/proc/{pid}/cmdline").read() for pid in children]
print(sum("multiprocessing.forkserver" in command for command in commands))
"""


@pytest.mark.parametrize(("extraction", "servers"), [("on", "1"), ("off", "0")])
def test_the_fork_server_starts_with_the_crawler_not_at_the_first_page(
    extraction: str, servers: str
) -> None:
    # Its loading then overlaps the rest of Scrapy's start-up instead of keeping the first
    # pages waiting (0.95 s from the spider's opening to the first extracted page, now ~0.3 s).
    done = subprocess.run(
        [sys.executable, "-c", _WARM_UP, extraction], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == servers


def test_a_fork_server_that_cannot_start_early_does_not_stop_the_crawler(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse() -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr("pipelines.worker.forkserver.ensure_running", refuse)
    assert ForkServerWarmUp.from_crawler(get_crawler()) is not None
    assert "fork server not started early: Resource temporarily unavailable" in caplog.text


class _RecordingPool:
    """Answers at once, and notes which thread each page was submitted from."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def submit(self, fn: Any, inp: ExtractInput, **kwargs: Any) -> Future[Any]:
        self.threads.append(threading.current_thread().name)
        done: Future[Any] = Future()
        done.set_result(ExtractedArticle(outcome="empty", url=inp.url))
        return done


def test_the_first_pages_are_submitted_off_the_reactor_thread() -> None:
    # A submit that starts a worker waits for the fork server to load the extraction modules
    # (~1-2 s): the reactor's thread must not be the one waiting.
    pipeline = ExtractPipeline.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 2})
    )
    pool = _RecordingPool()
    pipeline.pool = pool  # type: ignore[assignment]
    pages = [
        FetchedPage(
            url=f"http://a.example/{i}",
            requested_url=f"http://a.example/{i}",
            site="a",
            kind=KIND_ARTICLE,
            status=200,
            fetched_at=datetime.now(UTC),
            body=b"<p>x</p>",
        )
        for i in range(4)
    ]

    async def crawl() -> None:
        for page in pages:
            await pipeline.process_item(page)

    asyncio.run(crawl())
    main = threading.main_thread().name
    assert [name == main for name in pool.threads] == [False, False, True, True]
    assert all(page.extracted is not None for page in pages)
