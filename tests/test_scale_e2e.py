"""Beyond one machine, end to end on this one: PostgreSQL, three workers, an active and a standby
scheduler, 30 small generated sites (10% syndicated copies, near-duplicate variants), WARC files
in S3 (moto) and on local disk, two scheduling rounds, a worker and the active scheduler killed
with SIGKILL on the way."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from crawler.demoweb import DemoWeb
from crawler.demoweb.site_many import ARTICLE_DIR, article_path, gen_host, gen_site_key
from crawler.locks import locks_dir, site_lock_holders
from crawler.verify import verify_archive
from crawler.warc import read_capture
from db.models import Article, ArticleUrl, CrawlRun, Fetch, ScheduleTick, Site
from tests.test_scheduler import FAST, wait_for
from tests.test_warc_store import s3_store  # noqa: F401 (a fixture)

SITES = 30
ARTICLES = 3
INTERVAL = 90  # seconds between a job's ticks (a tick while the site's crawl waits collapses)
HEARTBEAT = "0.5"
STALLED_AFTER = "3"

# Two rounds of 30 crawls on 2 cores take minutes; the suite-wide 300 s bound is too short.
pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(1500)]


def _spawn(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", *cmd],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


class TimedWeb(DemoWeb):
    """The demo web, each request also logged with its time (to tell the runs apart)."""

    def __init__(self, **kwargs: Any) -> None:
        self.timed: list[tuple[datetime, str, str, str]] = []
        self._timed_lock = threading.Lock()
        super().__init__(**kwargs)

    def log_request(self, entry: tuple[str, str, str, int]) -> None:
        with self._timed_lock:
            self.timed.append((datetime.now(UTC), entry[0], entry[1], entry[2]))
        super().log_request(entry)


def _parent(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("PPid:"))


def _runs(engine: Engine) -> dict[str, list[CrawlRun]]:
    out: dict[str, list[CrawlRun]] = {}
    with engine.connect() as conn:
        for run in conn.execute(
            select(CrawlRun, Site.key)
            .join(Site, Site.id == CrawlRun.site_id)
            .order_by(CrawlRun.started_at, CrawlRun.id)
        ).all():
            out.setdefault(run.key, []).append(run)
    return out


def _finished(engine: Engine, at_least: int) -> Callable[[], bool]:
    def check() -> bool:
        runs = _runs(engine)
        return all(
            sum(r.outcome == "finished" for r in runs.get(gen_site_key(n), [])) >= at_least
            for n in range(SITES)
        )

    return check


def test_many_workers_two_schedulers_thirty_sites(
    tmp_path: Path,
    database_url: str,
    engine: Engine,
    s3_store: str,  # noqa: F811
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several machines need a PostgreSQL archive")
    import fsspec.config

    data_dir = tmp_path / "data"
    base_env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_DATABASE_URL"}
    base_env.update(
        {
            "NEWSARCHIVE_DATA_DIR": str(data_dir),
            "DATABASE_URL": database_url,
            "FSSPEC_S3_ENDPOINT_URL": fsspec.config.conf["s3"]["endpoint_url"],
        }
    )
    local_env = {k: v for k, v in base_env.items() if k != "NEWSARCHIVE_WARC_STORE"}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    with TimedWeb(generated_sites=SITES, generated_articles=ARTICLES) as web:
        assert web.generated is not None
        jobs = "".join(
            f'[jobs.{gen_site_key(n)}]\nspider = "generic"\nschedule = "{INTERVAL}s"\n'
            f'site = "{gen_site_key(n)}"\n'
            f'args = {{ url = "{web.base_url(gen_host(n))}", site = "{gen_site_key(n)}" }}\n'
            for n in range(SITES)
        )
        config = tmp_path / "schedule.toml"
        config.write_text(
            f'site_defaults = false\n[defaults]\njitter = 0\ntime_limit = "3m"\n'
            f"settings = {{ {FAST} }}\n{jobs}",
            encoding="utf-8",
        )
        schedule = ["schedule", "--config", str(config), "--stalled-after", STALLED_AFTER]
        worker = ["worker", "--concurrency", "2", "--heartbeat", HEARTBEAT, "--kill-after", "5"]
        try:
            procs["active"] = _spawn(schedule, base_env, tmp_path / "active.log")
            wait_for(
                lambda: "scheduler active" in (tmp_path / "active.log").read_text(),
                "the first scheduler to be active",
                tmp_path / "active.log",
            )
            procs["standby"] = _spawn(schedule, base_env, tmp_path / "standby.log")
            # Two workers upload their WARC files to S3; the third keeps them on local disk.
            procs["w1"] = _spawn(worker, base_env, tmp_path / "w1.log")
            procs["w2"] = _spawn(worker, base_env, tmp_path / "w2.log")
            procs["w3"] = _spawn(worker, local_env, tmp_path / "w3.log")

            # A crawl of w1's under way: kill -9 its worker.
            def w1_crawling() -> str | None:
                with engine.connect() as conn:
                    rows = conn.execute(
                        select(Site.key, CrawlRun.pid)
                        .join(Site, Site.id == CrawlRun.site_id)
                        .where(CrawlRun.outcome == "running", CrawlRun.pid.is_not(None))
                    ).all()
                for key, pid in rows:
                    if _parent(pid) == procs["w1"].pid:
                        return str(key)
                return None

            wait_for(w1_crawling, "a crawl on worker 1", tmp_path / "w1.log")
            killed_site = w1_crawling()
            assert killed_site is not None
            os.kill(procs["w1"].pid, signal.SIGKILL)
            procs["w1"].wait()
            # Its crawl died with it: the site's lock is free at once, not after a timeout.
            wait_for(
                lambda: not site_lock_holders(locks_dir(data_dir), database_url, [killed_site]),
                "the killed crawl's site lock to be freed",
                timeout=15,
            )

            wait_for(_finished(engine, 1), "round 1 on every site", tmp_path / "w2.log", 900)
            # The active scheduler dies between the rounds; the standby takes over.
            os.kill(procs["active"].pid, signal.SIGKILL)
            procs["active"].wait()
            wait_for(
                lambda: "scheduler active" in (tmp_path / "standby.log").read_text(),
                "the standby to take over",
                tmp_path / "standby.log",
            )
            wait_for(_finished(engine, 2), "round 2 on every site", tmp_path / "w2.log", 900)
        finally:
            for proc in procs.values():
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs.values():
                try:
                    proc.wait(120)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        log = list(web.request_log)
        timed = list(web.timed)
        plan = web.generated
        bases = {gen_host(n): web.base_url(gen_host(n)) for n in range(SITES)}

    # Every tick once, on its grid: the standby neither lost nor repeated one.
    with engine.connect() as conn:
        ticks = conn.execute(
            select(ScheduleTick.job_name, ScheduleTick.scheduled_at).order_by(
                ScheduleTick.job_name, ScheduleTick.scheduled_at
            )
        ).all()
    by_job: dict[str, list] = {}  # type: ignore[type-arg]
    for name, at in ticks:
        by_job.setdefault(name, []).append(at)
    assert len(by_job) == SITES
    for name, times in by_job.items():
        assert len(times) >= 2, (name, times)
        assert {(b - a).total_seconds() for a, b in itertools.pairwise(times)} == {INTERVAL}

    # No URL fetched twice in a round: a site's round is one of its runs (a run's window, from
    # its record's start to its end, holds the requests to the site's host then).
    runs = _runs(engine)
    for n in range(SITES):
        host = gen_host(n)
        for run in runs[gen_site_key(n)]:
            assert run.finished_at is not None
            counts = Counter(
                path
                for at, h, method, path in timed
                if h == host
                and method == "GET"
                and run.started_at <= at <= run.finished_at
                # robots.txt is read twice by design: Scrapy's robots rules, then discovery.
                and path != "/robots.txt"
            )
            assert max(counts.values(), default=0) <= 1, (host, run.id, counts)

    # No two crawls of one site overlapped; the killed one was settled from the heartbeats and
    # its site crawled again.
    for site, site_runs in runs.items():
        for before, after in itertools.pairwise(site_runs):
            assert before.finished_at is not None and before.finished_at <= after.started_at, site
    interrupted = [r for r in runs[killed_site] if r.outcome == "interrupted"]
    # A run the test's own shutdown interrupts is closed as "shutdown" by the crawl itself, or
    # as "worker shutdown" by the worker that stops it when it gets there first.
    lost = [r for r in interrupted if r.finish_reason not in ("shutdown", "worker shutdown")]
    assert [r.finish_reason for r in lost] == ["lost: its worker stopped sending heartbeats"]
    # The scheduler keeps ticking until the test stops the workers: a later round under way
    # then ends as a shutdown, the killed crawl's run still as lost.
    assert all(r.started_at > lost[0].started_at for r in interrupted if r not in lost)
    assert any(
        r.outcome == "finished" and r.queue_job_id == lost[0].queue_job_id
        for r in runs[killed_site]
    )

    with engine.connect() as conn:
        total, distinct = conn.execute(
            select(func.count(), func.count(func.distinct(Article.content_hash)))
        ).one()
        assert total == distinct
        article_of = dict(conn.execute(select(ArticleUrl.url, ArticleUrl.article_id)).all())
        cluster_of = dict(conn.execute(select(Article.id, Article.cluster_id)).all())
        fetches = conn.execute(
            select(Fetch.url, Fetch.warc_file, Fetch.warc_offset).where(Fetch.status == 200)
        ).all()

    # Every near-duplicate variant in its original's cluster.
    for (n, k), (m, j) in plan.variant_pairs():
        variant = article_of[f"{bases[gen_host(n)]}{article_path(k)[1:]}"]
        original = article_of[f"{bases[gen_host(m)]}{article_path(j)[1:]}"]
        assert cluster_of[variant] == cluster_of[original], ((n, k), (m, j))

    # Every served article has a fetch whose WARC record reads back: from S3 and from disk.
    served = {
        f"{bases[host]}{path[1:]}"
        for host, method, path, status in log
        if method == "GET" and status == 200 and path.startswith(ARTICLE_DIR)
    }
    assert len(served) == SITES * ARTICLES
    pointer = {url: (file, offset) for url, file, offset in fetches if file is not None}
    places = Counter()
    for url in served:
        file, offset = pointer[url]
        assert read_capture(data_dir, file, offset).url == url
        places["local" if (data_dir / file).exists() else "s3"] += 1
    assert places["local"] and places["s3"], places
    report = verify_archive(engine, data_dir)
    assert report.ok and not report.missing_files, report.as_dict()
