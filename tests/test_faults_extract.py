"""Hostile pages against extraction: time and memory limits, retries, bounded reads.

A page may loop the extractor, grow it without bound or kill its worker. Each such page costs
at most the limits, is recorded with why (`extract_timeout`, `too_large`, `extract_error`),
and is tried again by the next crawl and by `newsarchive reextract`; the crawl goes on.
"""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select

from crawler.demoweb.corpus import bench_article_html
from crawler.incremental import load_memory
from crawler.model.items import FetchedPage
from crawler.model.limits import WorkerLimits
from crawler.model.types import ExtractedArticle, ExtractInput
from crawler.reextract import run_reextract
from crawler.warc import WarcWriter
from db.engine import make_engine
from db.models import Article, ArticleVersion, Fetch, UrlState
from db.records import FetchRecord
from db.store import store_batch
from pipelines.extract_pipeline import ExtractPipeline
from pipelines.pool import LoopPool
from pipelines.store_pipeline import to_record
from pipelines.worker import JobTimeout
from tests.factories import (
    QuietHandler,
    fetch_record,
    fetched_page,
    loopback_settings,
    run_test_crawl,
    serving,
    warc_fields,
    write_page,
)

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
MiB = 1024 * 1024


def _pathological_page() -> bytes:
    """7.8 MB of paragraphs, under the 8 MiB size limit: ~40 s of CPU and 1.5 GB of memory
    to extract without limits (measured), as the page of the report that tied up a worker."""
    paragraphs = b"".join(
        b"<p>Absatz %d mit einigen Woertern darin, recht vielen Woertern.</p>" % i
        for i in range(110_000)
    )
    return b"<html><body><article>" + paragraphs + b"</article></body></html>"


# --------------------------------------------------------------------------- the worker pool


def _hostile(inp: ExtractInput, **kwargs: Any) -> ExtractedArticle:
    """ExtractPipeline's function, as hostile pages make it behave."""
    if "loop" in inp.url:
        while True:  # a parser caught in a cycle
            pass
    if "hog" in inp.url:
        blocks = []
        while True:  # a tree that keeps growing
            blocks.append(bytearray(8 * MiB))
    if "swallowed" in inp.url:
        try:  # as extract_article does: the MemoryError becomes an "error" outcome
            hoard = []
            while True:
                hoard.append(bytearray(8 * MiB))
        except Exception as exc:
            return ExtractedArticle("error", inp.url, error=f"{type(exc).__name__}: {exc}")
    return ExtractedArticle(outcome="empty", url=inp.url)


def _page(url: str) -> FetchedPage:
    return fetched_page(url, site="a", body=b"<p>x</p>")


@pytest.mark.slow
def test_a_page_that_loops_or_grows_without_bound_costs_only_the_limits() -> None:
    crawler = get_crawler(
        settings_dict={
            "NEWSARCHIVE_EXTRACT_WORKERS": 1,
            "NEWSARCHIVE_EXTRACT_TIMEOUT": 1,
            "NEWSARCHIVE_EXTRACT_MAX_MEMORY": 300 * MiB,
        }
    )
    crawler.stats.open_spider()
    pipeline = ExtractPipeline.from_crawler(crawler)
    pipeline.extract = _hostile
    names = ("one", "loop", "two", "hog", "three", "swallowed", "four")
    pages = [_page(f"http://a.example/{name}") for name in names]

    async def crawl() -> tuple[int, int]:
        await pipeline.open_spider()
        pool = pipeline.pool
        assert pool is not None
        try:
            # all at once, one worker: every page waits behind the hostile ones
            await asyncio.wait_for(asyncio.gather(*map(pipeline.process_item, pages)), 120)
            return pool.crashes, pool.timeouts
        finally:
            await pipeline.close_spider()

    crashes, replaced = asyncio.run(crawl())
    extracted = {p.url.rsplit("/", 1)[1]: p.extracted for p in pages if p.extracted}
    assert {name: e.outcome for name, e in extracted.items()} == {
        "one": "empty",
        "loop": "extract_timeout",
        "two": "empty",
        "hog": "too_large",
        "three": "empty",
        "swallowed": "too_large",
        "four": "empty",
    }
    assert extracted["loop"].error == "extraction took more than 1 s of CPU time"
    assert extracted["hog"].error == "extraction needs more than 300 MiB of memory"
    # The worker stopped the job itself and went on: none was replaced.
    assert (crashes, replaced) == (0, 0)
    stats = crawler.stats.get_stats()
    assert stats["archive/extract/timeout"] == 1
    assert stats["archive/extract/too_large"] == 2
    assert stats["archive/extract/memory_limit"] == 2
    # and the fetch records carry the outcomes the archive documents
    outcomes = [to_record(p, "A").outcome for p in pages]
    assert outcomes.count("extract_timeout") == 1 and outcomes.count("too_large") == 2


def _stuck_in_c(seconds: float) -> None:
    """A job whose code never lets the interpreter run a signal handler, as a loop inside a
    C extension: only the kernel can stop it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF})
    while True:
        pass


def _stopped() -> None:
    """A job that stops using the CPU and never answers (a stopped or swapping process)."""
    os.kill(os.getpid(), signal.SIGSTOP)


@pytest.mark.slow
@pytest.mark.parametrize("job", [_stuck_in_c, _stopped])
def test_a_worker_that_cannot_stop_its_job_is_replaced_and_the_job_timed_out(job: Any) -> None:
    async def use() -> tuple[list[Any], int, int]:
        pool = LoopPool(1, limits=WorkerLimits(seconds=0.5))
        pool.start()
        try:
            first = await asyncio.wait_for(pool.submit(os.getpid), 120)
            answers = await asyncio.wait_for(
                asyncio.gather(
                    pool.submit(job, 0.5) if job is _stuck_in_c else pool.submit(job),
                    pool.submit(pow, 2, 10),
                    return_exceptions=True,
                ),
                120,
            )
            after = await asyncio.wait_for(pool.submit(os.getpid), 120)
            assert after != first  # a new worker
            return list(answers), pool.timeouts, pool.crashes
        finally:
            pool.close()

    answers, timeouts, crashes = asyncio.run(use())
    assert isinstance(answers[0], JobTimeout)
    assert "worker ended" in str(answers[0])
    assert answers[1] == 1024  # the job behind it went to the new worker
    assert (timeouts, crashes) == (1, 0)


# --------------------------------------------------------------------------- the next crawl


@pytest.mark.parametrize("outcome", ["extract_timeout", "too_large", "extract_error"])
def test_a_page_whose_extraction_failed_is_due_at_the_next_crawl(
    engine: Engine, outcome: str
) -> None:
    url = "http://a.example/artikel/1.html"

    def fetch(when: datetime) -> FetchRecord:
        return fetch_record(
            url,
            "a",
            when,
            site_name="A",
            outcome=outcome,
            error="worker crashed",
            url_key=url,
            etag='"v1"',
            last_modified="Thu, 19 Nov 2026 09:00:00 GMT",
        )

    store_batch(engine, None, [fetch(T0)])
    memory = load_memory(engine, "a", now=T0)
    # Not "known" (archived, revisited in an hour): fetched again by the next crawl, in full,
    # since a 304 would give nothing to extract.
    assert memory.article_status(url) == "due"
    previous = memory.previous(url)
    assert previous is not None and previous.etag is None and previous.last_modified is None
    # A page that fails every time is not fetched for ever: three crawls in a row, then left
    # to `newsarchive reextract`.
    for _ in range(3):
        store_batch(engine, None, [fetch(T0)])
    assert load_memory(engine, "a", now=T0).article_status(url) == "known"


ORDINARY = "/2026/11/20/ein-gewoehnlicher-artikel.html"
HUGE = "/2026/11/20/eine-riesige-seite.html"


@pytest.fixture
def hostile_site() -> Iterator[tuple[str, list[str]]]:
    """A news site on 127.0.0.1: a sitemap of one ordinary article and one pathological page."""
    pages = {
        ORDINARY: bench_article_html(1),
        HUGE: _pathological_page(),
    }
    requests: list[str] = []

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in pages)
                body = (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{urls}</urlset>"
                ).encode()
                kind = "application/xml"
            elif self.path in pages:
                body, kind = pages[self.path], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send(200, body, kind)

    with serving(Handler) as base:
        yield base, requests


@pytest.mark.e2e
def test_the_next_crawl_fetches_a_page_that_ran_out_of_time_again(
    hostile_site: tuple[str, list[str]], tmp_path: Path, database_url: str
) -> None:
    base, requests = hostile_site
    settings = loopback_settings(
        RETRY_TIMES="0",
        NEWSARCHIVE_EXTRACT_WORKERS="1",
        NEWSARCHIVE_EXTRACT_TIMEOUT="1",
        NEWSARCHIVE_EXTRACT_MAX_MEMORY="0",
    )
    for _ in range(2):
        done = run_test_crawl(
            "generic",
            base + "/sitemap.xml",
            tmp_path,
            database_url,
            settings=settings,
            spider_args={"site": "feindselig"},
        )
        assert done.returncode == 0, done.stderr[-3000:]

    engine = make_engine(database_url)
    with engine.connect() as conn:
        fetches = conn.execute(
            select(Fetch.requested_url, Fetch.outcome, Fetch.error).order_by(Fetch.id)
        ).all()
        articles = conn.execute(select(Article.url)).scalars().all()
    engine.dispose()
    ordinary, huge = (base + path for path in (ORDINARY, HUGE))
    assert [(o, e) for u, o, e in fetches if u == huge] == [
        ("extract_timeout", "extraction took more than 1 s of CPU time")
    ] * 2
    assert articles == [ordinary]  # archived at the first crawl, not fetched again
    assert requests.count(ORDINARY) == 1
    assert requests.count(HUGE) == 2


# --------------------------------------------------------------------------- reextract


def _failed_fetch(writer: WarcWriter, url: str, body: bytes, outcome: str, error: str) -> Any:
    html = [("Content-Type", "text/html; charset=utf-8")]
    ref = write_page(writer, url, body, T0, response_headers=html)
    return fetch_record(
        url,
        "bench",
        T0,
        site_name="Bench",
        outcome=outcome,
        error=error,
        url_key=url,
        **warc_fields(ref),
    )


def test_reextract_archives_pages_whose_extraction_failed_in_the_crawl(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    crashed = "http://bench.invalid/artikel/abgestuerzt.html"
    huge = "http://bench.invalid/artikel/riesig.html"
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    records = [
        _failed_fetch(writer, crashed, bench_article_html(3), "extract_error", "worker crashed"),
        _failed_fetch(writer, huge, _pathological_page(), "extract_timeout", "extraction took…"),
    ]
    writer.close()
    store_batch(engine, None, records)

    # The crawl's limits hold here too: the pathological page times out again, and the run
    # goes on with the others.
    limits = WorkerLimits(seconds=1, memory=None)
    summary = run_reextract(engine, tmp_path, workers=1, limits=limits, max_bytes=8 * MiB)
    assert (summary.recovered, summary.still_failed) == (1, 1)
    assert not summary.interrupted

    with engine.connect() as conn:
        fetches = dict(
            (url, (outcome, article_id, error))
            for url, outcome, article_id, error in conn.execute(
                select(Fetch.url, Fetch.outcome, Fetch.article_id, Fetch.error)
            )
        )
        article = conn.execute(select(Article.id, Article.url, Article.text)).one()
        version = conn.execute(select(ArticleVersion.fetch_id, ArticleVersion.origin)).one()
        fetch_id = conn.execute(select(Fetch.id).where(Fetch.url == crashed)).scalar_one()
        state = conn.execute(select(UrlState.next_due_at).where(UrlState.url == crashed)).one()
    assert fetches[crashed] == ("archived", article.id, "worker crashed")
    assert fetches[huge] == ("extract_timeout", None, "extraction took…")
    assert article.url == crashed and article.text
    assert tuple(version) == (fetch_id, "reextract")
    assert state.next_due_at is not None  # the next crawl still sees it (and its sighting)

    # Once archived it is not selected again; the other is tried again, with the limits of
    # the environment (at the default 60 s it would be archived after ~40 s).
    env = {
        **os.environ,
        "NEWSARCHIVE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "NEWSARCHIVE_EXTRACT_TIMEOUT": "1",
        "NEWSARCHIVE_EXTRACT_MAX_MEMORY": "0",
    }
    cli = str(Path(sys.executable).parent / "newsarchive")
    again = subprocess.run(
        [cli, "reextract", "--workers", "1"], env=env, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert "pages whose extraction had failed: 0 archived now, 1 failing still" in again.stderr


# --------------------------------------------------------------------------- newsarchive extract


def _address_space_limit() -> None:
    # Before the fix the command read /dev/zero until the OOM killer came: here it meets a
    # MemoryError at 2 GiB instead of taking the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 * MiB, resource.RLIM_INFINITY))


def test_extract_reads_at_most_the_size_limit(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "extract", "/dev/zero", "--url", "http://a.b/x"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_address_space_limit,
        env={**os.environ, "NEWSARCHIVE_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.splitlines() == [
        "newsarchive: /dev/zero is larger than 8388608 bytes (NEWSARCHIVE_EXTRACT_MAX_BYTES): "
        "not extracted, the crawl records such a page as too_large"
    ]
    assert done.stdout == ""


def test_extract_stops_at_the_time_limit(tmp_path: Path) -> None:
    page = tmp_path / "riesig.html"
    page.write_bytes(_pathological_page())
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "extract", str(page), "--url", "http://a.b/x"],
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "NEWSARCHIVE_DATA_DIR": str(tmp_path),
            "NEWSARCHIVE_EXTRACT_TIMEOUT": "1",
        },
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.splitlines() == [
        f"newsarchive: extraction of {page} took more than 1 s of CPU time "
        "(NEWSARCHIVE_EXTRACT_TIMEOUT): the crawl records such a page as extract_timeout"
    ]
