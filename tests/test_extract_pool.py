"""The crawl's extraction workers load what extraction needs, not the crawl's own machinery."""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from crawler.extensions import ForkServerWarmUp
from crawler.model.failures import failures_of
from crawler.model.items import FetchedPage
from crawler.model.types import ExtractedArticle, ExtractInput
from crawler.reextract import start_pool as reextract_pool
from pipelines.extract_pipeline import ExtractPipeline
from pipelines.pool import LoopPool
from pipelines.worker import CALL_PIPE_BYTES
from tests.factories import fetched_page


def _ask(pool_size: int, fn: Any, *args: Any) -> Any:
    """fn(*args) in a worker of the crawl's pool (ExtractPipeline.new_pool)."""
    pipeline = ExtractPipeline.from_crawler(
        get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": pool_size})
    )

    async def ask() -> Any:
        pool = pipeline.new_pool()
        try:
            return await asyncio.wait_for(pool.submit(fn, *args), 120)
        finally:
            pool.close()

    return asyncio.run(ask())


def _worker_modules(pool: ProcessPoolExecutor) -> set[str]:
    try:
        return set(pool.submit(eval, "list(__import__('sys').modules)").result(timeout=120))
    finally:
        pool.shutdown()


_MODULES = "list(__import__('sys').modules)"  # eval is a builtin: the probe imports nothing


def test_a_worker_does_not_import_the_archive_layer() -> None:
    modules = set(_ask(1, eval, _MODULES))
    assert "langdetect" in modules  # the worker set-up ran
    # The pipelines, the models and SQLAlchemy would cost each worker 0.5 s of CPU and ~20 MB
    # and are never used there.
    # asyncio is the parent's side of the pool (pipelines.pool), not the workers'.
    assert (
        not {
            "pipelines.extract_pipeline",
            "pipelines.store_pipeline",
            "pipelines.pool",
            "db.store",
            "sqlalchemy",
        }
        & modules
    )


# The project's modules that extracting one page loads, in a fresh interpreter.
_EXTRACTION_MODULES = """
import sys
from pipelines.extract import extract_article
from crawler.model.types import ExtractInput
page = b"<html><body><h1>Titel der Meldung</h1><p>Ein Satz. Noch einer.</p></body></html>"
extract_article(ExtractInput(url="https://a.example/x", body=page, headers={}))
print(" ".join(m for m in sys.modules if m.split(".")[0] in ("pipelines", "crawler", "db")))
"""


def test_workers_are_forked_with_the_extraction_modules_loaded() -> None:
    # Only the fork server imports pipelines.preload: a worker that has it was forked ready,
    # instead of importing trafilatura and loading the language profiles itself.
    loaded = set(_ask(1, eval, _MODULES))
    assert {"pipelines.preload", "trafilatura"} <= loaded
    # ... with every module of extraction, however it is split: none is imported at a page.
    needed = set(
        subprocess.run(
            [sys.executable, "-c", _EXTRACTION_MODULES], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert {"pipelines.decode", "pipelines.tree", "pipelines.clean_rules"} <= needed
    assert needed <= loaded
    # reextract's pool starts the same way
    assert "pipelines.preload" in _worker_modules(reextract_pool(1))


def test_the_pipe_to_the_workers_holds_a_whole_page() -> None:
    # At Linux's default 64 KB a 200 KB page went in four parts, and a worker waited halfway
    # through nearly every page for the feeder thread to get the GIL back.
    async def check() -> tuple[list[int], list[int]]:
        pool = LoopPool(2)
        pool.start()
        try:
            await pool.submit(len, b"")  # a worker is attached once it has answered
            while len(pool.pids) < 2:
                await pool.submit(len, b"")
            sizes = [fcntl.fcntl(w.jobs.fileno(), fcntl.F_GETPIPE_SZ) for w in pool._workers]
            # and pages larger than the pipe get through, with others in between
            bodies = [b"<p>x</p>" * 400_000, b"small", b"y" * 2_500_000, b"z" * 10]
            lengths = await asyncio.gather(*(pool.submit(len, body) for body in bodies))
            return sizes, lengths
        finally:
            pool.close()

    sizes, lengths = asyncio.run(check())
    assert min(sizes) >= CALL_PIPE_BYTES
    assert lengths == [3_200_000, 5, 2_500_000, 10]


def test_reextracts_pipe_to_its_workers_holds_a_whole_page() -> None:
    pool = reextract_pool(1)
    try:
        pipe = pool._call_queue._writer.fileno()  # type: ignore[attr-defined]
        assert fcntl.fcntl(pipe, fcntl.F_GETPIPE_SZ) >= CALL_PIPE_BYTES
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
import os, sys, time

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
# A child is listed as soon as it is forked, but shows its own command line only once its exec
# is done (starting the fork server does not wait for that): until then it reads as ours, and
# during the exec as empty. Ready: every child runs its own command.
own = open(f"/proc/{os.getpid()}/cmdline").read()


def commands_once_started():
    deadline = time.monotonic() + 60
    while True:
        commands = [open(f"/proc/{pid}/cmdline").read() for pid in children]
        if not {own, ""} & set(commands) or time.monotonic() > deadline:
            return commands
        time.sleep(0.01)


commands = commands_once_started()
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


def _crash_on_marked_page(inp: ExtractInput, **kwargs: Any) -> ExtractedArticle:
    """ExtractPipeline's function, as a crash in native code would make it on one page."""
    if "crash" in inp.url:
        os.kill(os.getpid(), signal.SIGKILL)
    return ExtractedArticle(outcome="empty", url=inp.url)


def _page(url: str) -> FetchedPage:
    return fetched_page(url, site="a", body=b"<p>x</p>")


def _extract_all(pipeline: ExtractPipeline, pages: list[FetchedPage]) -> None:
    """The pages through the pipeline all at once, between its opening and closing."""

    async def crawl() -> None:
        await pipeline.open_spider()
        try:
            await asyncio.wait_for(asyncio.gather(*map(pipeline.process_item, pages)), 120)
        finally:
            await pipeline.close_spider()

    asyncio.run(crawl())


def test_a_worker_crash_costs_the_page_it_was_on_not_the_crawl(
    caplog: pytest.LogCaptureFixture,
) -> None:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.extract = _crash_on_marked_page
    pages = [_page(f"http://a.example/{name}") for name in ("one", "crash", "two", "three")]

    # all at once: "two" and "three" wait behind the page that crashes the worker
    _extract_all(pipeline, pages)
    outcomes = {page.url.rsplit("/", 1)[1]: page.extracted for page in pages}
    assert {name: ext.outcome for name, ext in outcomes.items() if ext} == {
        "one": "empty",
        "crash": "error",
        "two": "empty",
        "three": "empty",
    }
    assert outcomes["crash"] is not None and outcomes["crash"].error == "worker crashed"
    assert crawler.stats.get_value("archive/extract/error") == 1
    assert "extraction of http://a.example/crash failed: extraction worker" in caplog.text


def test_pages_are_recorded_with_why_when_no_worker_can_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sys.exit as the workers' set-up: each exits before it is ready, so the pool gives up
    # (pipelines.pool.MAX_FAILED_STARTS) and every page says why, instead of a crawl that hangs.
    monkeypatch.setattr("pipelines.extract_pipeline.warm_worker", sys.exit)
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_EXTRACT_WORKERS": 1})
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    pages = [_page(f"http://a.example/{n}") for n in range(3)]

    _extract_all(pipeline, pages)
    errors = {page.extracted.error for page in pages if page.extracted is not None}
    assert errors == {"extraction workers exit before they are ready (last: 0)"}
    assert crawler.stats.get_value("archive/extract/error") == 3
    # A local fault, not the pages': the run fails loudly, naming them.
    failures = failures_of(crawler)
    assert failures.summary().startswith(
        "extract: extraction workers exit before they are ready (last: 0) [3 page(s)"
    )
