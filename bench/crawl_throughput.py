"""Benchmark: full crawl of a 2,000-article local site vs extraction alone, on every core.

Usage: .venv/bin/python bench/crawl_throughput.py [--articles 2000] [--rounds 3]

Prints pages per second for (1) extraction only, the same corpus pushed through
`extract_article` in one process per core (timed once the processes have imported everything),
and (2) the full crawl (discovery, fetch, WARC, extraction pool, dedup, SQLite archive) with
politeness off, plus the crawl's peak memory (the Scrapy process and its extraction workers
together, as PSS and as summed RSS). Target: (2) >= 85% of (1), peak memory < 500 MB. Each
crawl runs between two runs of (1) and is compared with their mean.

The crawl's rate is given twice: over the run as the archive records it (crawl_runs.started_at
to finished_at: from the spider's opening, which starts the extraction workers, through
discovery, every fetch and the last write), which is timed like (1), after the imports; and
over the whole `scrapy crawl` command, which adds the interpreter's start-up, imports and exit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.procmem import PeakSampler, cpu_seconds
from crawler.runner import crawl_command, crawl_env

BENCH_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "CONCURRENT_REQUESTS": "32",
    "LOG_LEVEL": "WARNING",
}


def extract_one(job: tuple[int, bytes]) -> tuple[str, float]:
    """The page's outcome and the CPU seconds its extraction took in this worker."""
    from crawler.model.types import ExtractInput
    from pipelines.extract import extract_article

    i, body = job
    url = f"http://127.0.0.1/bench/{i}.html"
    start = time.process_time()
    out = extract_article(ExtractInput(url=url, body=body, headers={"content-type": "text/html"}))
    return out.outcome, time.process_time() - start


@dataclass(frozen=True)
class ExtractFigures:
    rate: float  # pages per second of wall time
    cpu: float  # CPU seconds the extractions took, summed over the processes


def extraction_only(n: int, workers: int) -> ExtractFigures:
    from crawler.demoweb.corpus import bench_article_html

    # The pages are rendered before the clock starts: only extraction is timed.
    jobs = [(i, bench_article_html(i)) for i in range(n)]
    from pipelines.worker import warm_worker

    # The crawl's worker set-up (imports, language profiles, frozen start-up objects), so the
    # comparison is between the pipelines, not between how their processes were prepared.
    with ProcessPoolExecutor(workers, initializer=warm_worker) as pool:
        list(pool.map(extract_one, jobs[: workers * 4]))  # warm up imports
        start = time.perf_counter()
        results = list(pool.map(extract_one, jobs, chunksize=8))
        elapsed = time.perf_counter() - start
    ok = sum(outcome == "ok" for outcome, _ in results)
    cpu = sum(seconds for _, seconds in results)
    print(
        f"extraction only: {n} pages ({ok} ok) in {elapsed:.1f} s on {workers} processes, "
        f"{cpu:.1f} CPU s"
    )
    return ExtractFigures(n / elapsed, cpu)


@dataclass(frozen=True)
class CrawlFigures:
    pages: int
    articles: int
    command_seconds: float  # `scrapy crawl` from process start to exit
    run_seconds: float  # the crawl run as the archive records it (spider opened to closed)
    peak_rss: int  # summed over the crawl process and its workers
    peak_pss: int
    crawl_cpu: float  # CPU seconds of the Scrapy process (its threads included)
    workers_cpu: float  # of its other processes: the fork server and the extraction workers


@contextmanager
def bench_server(n: int) -> Iterator[tuple[str, int]]:
    """The prerendered bench site on loopback: (its base URL, the server's pid)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.lean_server", str(n)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        base = ""
        assert server.stdout is not None
        for line in server.stdout:
            if line.startswith("bench"):
                base = line.split()[-1]
                break
        if not base:
            raise SystemExit("demo web did not start")
        yield base, server.pid
    finally:
        server.terminate()
        server.wait()


def full_crawl(
    base: str,
    server_pid: int,
    extra: dict[str, str] | None = None,
    *,
    checkout: Path | None = None,
) -> CrawlFigures:
    """One crawl of the bench site; `checkout`: the project directory whose code crawls
    (`python -m scrapy` takes the code of its working directory), by default the current one."""
    with tempfile.TemporaryDirectory() as tmp:
        env = crawl_env(
            {
                "NEWSARCHIVE_DATA_DIR": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/archive.sqlite",
            }
        )
        cmd = crawl_command(
            "generic",
            url=base,
            spider_args={"site": "bench"},
            settings={**BENCH_SETTINGS, **(extra or {})},
        )
        server_cpu_before = cpu_seconds(server_pid) or 0.0
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=checkout)
        with PeakSampler(proc.pid) as sampler:
            proc.wait()
        elapsed = time.perf_counter() - start
        server_cpu = cpu_seconds(server_pid) or 0.0
        main_cpu = sampler.cpu.get(proc.pid, 0.0)
        other_cpu = sum(v for p, v in sampler.cpu.items() if p != proc.pid)
        print(
            f"CPU seconds: crawl process {main_cpu:.1f}, its workers {other_cpu:.1f}, "
            f"demo web server {server_cpu - server_cpu_before:.1f}"
        )
        if proc.returncode != 0:
            raise SystemExit(f"crawl failed with exit code {proc.returncode}")
        pages, articles, started, finished = run_record(f"sqlite:///{tmp}/archive.sqlite")
        run_seconds = (finished - started).total_seconds()
        print(
            f"full crawl: {pages} article pages fetched, {articles} articles archived; "
            f"the run took {run_seconds:.1f} s, the command {elapsed:.1f} s (with "
            "interpreter start-up, imports and exit)"
        )
        return CrawlFigures(
            pages,
            articles,
            elapsed,
            run_seconds,
            sampler.peak,
            sampler.peak_pss,
            main_cpu,
            other_cpu,
        )


def run_record(database: str) -> tuple[int, int, datetime, datetime]:
    """What the archive of a finished bench crawl says: article pages fetched, articles, and
    when the run started and finished (SystemExit if it did not finish)."""
    from sqlalchemy import func, select

    from db.engine import make_engine
    from db.models import Article, CrawlRun, Fetch

    engine = make_engine(database)
    with engine.connect() as conn:
        articles = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        pages = conn.execute(
            select(func.count()).select_from(Fetch).where(Fetch.kind == "article")
        ).scalar_one()
        started, finished = conn.execute(select(CrawlRun.started_at, CrawlRun.finished_at)).one()
    engine.dispose()
    if finished is None:
        raise SystemExit("the crawl run was not recorded as finished")
    return int(pages), int(articles), started, finished


def _around(extract_rates: list[float], number: int) -> float:
    """The extraction-only rate a crawl of round `number` compares with: the mean of the runs
    just before and just after it."""
    return (extract_rates[number - 1] + extract_rates[number]) / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="crawls, each between two runs of extraction only; medians are printed",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="extra Scrapy setting"
    )
    args = parser.parse_args()
    if args.articles < 1 or args.workers < 1 or args.rounds < 1:
        parser.error("--articles, --workers and --rounds must be at least 1")
    extra = dict(item.split("=", 1) for item in args.set)
    extracts: list[ExtractFigures] = []
    crawls: list[CrawlFigures] = []
    with bench_server(args.articles) as (base, server_pid):
        # Each crawl between two runs of extraction only, compared with their mean: this VM's
        # speed drifts over minutes, and a ratio to one run before the crawl measured the
        # drift too (rounds fell by 5 points as the machine slowed within a benchmark).
        extracts.append(extraction_only(args.articles, args.workers))
        for number in range(1, args.rounds + 1):
            if args.rounds > 1:
                print(f"-- round {number} of {args.rounds}")
            crawls.append(full_crawl(base, server_pid, extra))
            extracts.append(extraction_only(args.articles, args.workers))
            extract_rates = [e.rate for e in extracts]
            if args.rounds > 1:
                ratio = crawls[-1].pages / crawls[-1].run_seconds / _around(extract_rates, number)
                print(f"   round {number}: full crawl (run) at {ratio:.0%} of extraction only")
    extract_rates = [e.rate for e in extracts]
    references = [_around(extract_rates, number) for number in range(1, args.rounds + 1)]
    run_ratios = [c.pages / c.run_seconds / e for c, e in zip(crawls, references, strict=True)]
    command_ratios = [
        c.pages / c.command_seconds / e for c, e in zip(crawls, references, strict=True)
    ]
    extract_rate = median(references)
    run_rate = median(c.pages / c.run_seconds for c in crawls)
    command_rate = median(c.pages / c.command_seconds for c in crawls)
    spread = ""
    if args.rounds > 1:
        spread = f", {min(run_ratios):.0%}-{max(run_ratios):.0%} over {args.rounds} rounds"
    print()
    print(
        f"extraction only      {extract_rate:7.1f} pages/s  ({args.workers} processes, warmed up)"
    )
    print(
        f"full crawl, run      {run_rate:7.1f} pages/s  "
        f"({median(run_ratios):.0%} of extraction only{spread}; target >= 85%)"
    )
    print(
        f"full crawl, command  {command_rate:7.1f} pages/s  "
        f"({median(command_ratios):.0%}; with ~1 s of interpreter start-up and exit)"
    )
    # CPU per page, a figure a busy machine does not change as it changes wall time: what
    # the crawl's rate would be, next to extraction alone, on cores it has to itself.
    extract_cpu = median(e.cpu / args.articles for e in extracts)
    crawl_cpu = median((c.crawl_cpu + c.workers_cpu) / c.pages for c in crawls if c.pages)
    print(
        f"CPU per page         {extract_cpu * 1000:7.1f} ms extraction only, "
        f"{crawl_cpu * 1000:.1f} ms full crawl (all its processes): "
        f"{extract_cpu / crawl_cpu:.0%} when CPU-bound"
    )
    peak_pss = max(c.peak_pss for c in crawls)
    peak_rss = max(c.peak_rss for c in crawls)
    print(
        f"peak memory          {peak_pss / 2**20:7.0f} MB PSS, "
        f"{peak_rss / 2**20:.0f} MB summed RSS (crawl process + workers; target < 500 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
