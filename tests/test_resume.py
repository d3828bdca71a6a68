"""Resumable crawls: stopped by Ctrl-C (SIGINT) or killed (SIGKILL), a crawl continues."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.demoweb import DemoWeb
from crawler.demoweb.corpus import bench_article_path
from crawler.runner import crawl_command, crawl_env
from db.engine import make_engine
from db.models import Article, ArticleUrl, CrawlRun, Fetch
from tests.factories import loopback_settings

# Every test here runs real crawls as subprocesses.
pytestmark = pytest.mark.e2e

N = 40
FAST = loopback_settings(
    CONCURRENT_REQUESTS_PER_DOMAIN="4", DOWNLOAD_TIMEOUT="10", NEWSARCHIVE_EXTRACT_WORKERS="2"
)
# One request at a time with a small delay: the signal lands mid-crawl whatever the machine.
SLOW = {
    **FAST,
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    "DOWNLOAD_DELAY": "0.1",
    "NEWSARCHIVE_STORE_BATCH_SIZE": "4",
}


def _articles_requested(web: DemoWeb) -> Counter[str]:
    paths = {bench_article_path(i) for i in range(N)}
    return Counter(path for host, _, path, _ in web.request_log if path in paths)


def _stored(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(Article)).scalar_one())
    except Exception:
        return 0  # the schema is still being created
    finally:
        engine.dispose()


def _interrupt(
    web: DemoWeb, cmd: list[str], env: dict[str, str], database_url: str, sig: int
) -> int:
    """Start the crawl, wait until it has stored some articles, send `sig`; its exit code."""
    proc = subprocess.Popen(
        cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _stored(database_url) >= 5:
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the crawl ended before it could be interrupted"
    if sig == signal.SIGKILL:
        os.killpg(proc.pid, signal.SIGKILL)  # the crawl and its extraction workers: a crash
    elif sig == CTRL_C:
        # A terminal sends it to the whole foreground group, the extraction workers included.
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, sig)  # as a supervisor's SIGTERM (or SIGINT) reaches the crawl
    return proc.wait(timeout=120)


# Not a signal number: SIGINT to the crawl's process group, as Ctrl-C in a terminal sends it.
CTRL_C = -signal.SIGINT


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, CTRL_C, signal.SIGKILL], ids=["sigint", "ctrl-c", "sigkill"]
)
def test_a_stopped_crawl_continues_where_it_left_off(
    sig: int, tmp_path: Path, database_url: str
) -> None:
    """Resumed from the URL state alone: stored articles are known, the rest is fetched."""
    _stop_and_resume(sig, tmp_path, database_url, {})


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_crawl_with_jobdir_resumes_its_queue_without_duplicates(
    tmp_path: Path, database_url: str
) -> None:
    """With Scrapy's JOBDIR the saved queue is resumed too; rediscovered URLs that wait in
    it are not requested again (the spider's seen-sets live in the saved spider state)."""
    _stop_and_resume(signal.SIGINT, tmp_path, database_url, {"JOBDIR": str(tmp_path / "job")})


def _stop_and_resume(sig: int, tmp_path: Path, database_url: str, extra: dict[str, str]) -> None:
    env = crawl_env({"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url})
    with DemoWeb(bench_articles=N) as web:
        base = web.base_url("bench")
        args = {"site": "bench"}
        slow = crawl_command("generic", url=base, spider_args=args, settings={**SLOW, **extra})
        _interrupt(web, slow, env, database_url, sig)
        first = _articles_requested(web)
        engine = make_engine(database_url)
        with engine.connect() as conn:
            stored_first = conn.execute(select(func.count()).select_from(Article)).scalar_one()
            run = conn.execute(select(CrawlRun)).one()
        assert 0 < stored_first < N
        if sig in (signal.SIGINT, CTRL_C):
            # A clean stop: every page fetched was stored, the run says it was interrupted.
            # (Before, Ctrl-C also killed the extraction workers: the pages they had were
            # recorded as "worker crashed", not stored.)
            assert run.outcome == "interrupted"
            assert stored_first == len(first)
        web.request_log.clear()

        fast = crawl_command("generic", url=base, spider_args=args, settings={**FAST, **extra})
        result = subprocess.run(fast, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        second = _articles_requested(web)

    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        urls = conn.execute(select(ArticleUrl.url)).scalars().all()
        fetched = Counter(
            conn.execute(select(Fetch.url).where(Fetch.kind == "article", Fetch.status == 200))
            .scalars()
            .all()
        )
        runs = conn.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
    engine.dispose()
    # Complete, and no duplicates: every article once, at one URL.
    assert total == N
    assert len(urls) == len(set(urls)) == N
    assert runs[-1].outcome == "finished"
    # The second crawl fetched only what the first had not stored: never a page twice in it,
    # and never a page the archive already held.
    assert all(n == 1 for n in second.values())
    assert sum(second.values()) == N - stored_first
    if sig in (signal.SIGINT, CTRL_C):
        assert all(n == 1 for n in fetched.values()) and len(fetched) == N
        assert not set(first) & set(second)
