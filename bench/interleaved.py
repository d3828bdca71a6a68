"""Benchmark: the full crawl and extraction alone, taking turns on the machine in short slices.

Usage: .venv/bin/python bench/interleaved.py [--articles 2000] [--rounds 3] [--slice 2]

bench/crawl_throughput.py runs the two one after the other, and this VM's speed drifts by more
than the differences it measures (extraction alone took 33.5 s and then 50.4 s for the same
2,000 pages, minutes apart). Here both run through the same minutes: the crawl's process group
(Scrapy, the fork server, the extraction workers) and an extraction-only pool (one process per
core looping over the corpus, as in crawl_throughput) are stopped (SIGSTOP) and continued in
turns of `--slice` seconds, so each has the whole machine in its own slices and both see the
same drift. Rates are pages over the time each ran: the crawl's over its recorded run
(crawl_runs.started_at to finished_at, its own slices only), extraction's from a count each
extraction process keeps per page. Same target: the crawl at >= 85% of extraction alone.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crawl_throughput import BENCH_SETTINGS, bench_server, extract_one, run_record
from crawler.runner import crawl_command, crawl_env

_COUNTS = "NEWSARCHIVE_BENCH_COUNTS"  # the directory of the extraction processes' counters
_counter: list[int] = []  # this extraction process's counter file and count


def _count_pages() -> None:
    from pipelines.worker import warm_worker

    warm_worker()
    path = Path(os.environ[_COUNTS]) / str(os.getpid())
    _counter[:] = [os.open(path, os.O_CREAT | os.O_WRONLY, 0o600), 0]


def _extract_counted(job: tuple[int, bytes]) -> str:
    """crawl_throughput's extraction of one page, counted."""
    outcome, _ = extract_one(job)
    _counter[1] += 1
    os.pwrite(_counter[0], _counter[1].to_bytes(8, "little"), 0)
    return outcome


def extraction_loop(n: int, workers: int) -> None:
    """Extract the corpus over and over (until killed), counting pages; "ready" once warm."""
    from crawler.demoweb.corpus import bench_article_html

    jobs = [(i, bench_article_html(i)) for i in range(n)]
    with ProcessPoolExecutor(workers, initializer=_count_pages) as pool:
        list(pool.map(_extract_counted, jobs[: workers * 4]))
        print("ready", flush=True)
        while True:
            list(pool.map(_extract_counted, jobs, chunksize=8))


def _pages_extracted(counts: Path) -> int:
    return sum(int.from_bytes(p.read_bytes()[:8] or b"\0", "little") for p in counts.iterdir())


@dataclass
class Slices:
    """Who ran when: (start, end) wall-clock times of the crawl's and extraction's turns."""

    crawl: list[tuple[float, float]]
    extract_seconds: float = 0.0
    extract_pages: int = 0


@contextmanager
def extraction_pool(n: int, workers: int, counts: Path) -> Iterator[int]:
    """The extraction-only loop in its own process group, warmed up and stopped: its pgid."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--extraction-loop", str(n), "--workers", str(workers)],
        env={**os.environ, _COUNTS: str(counts)},
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit("the extraction-only loop did not start")
        os.killpg(proc.pid, signal.SIGSTOP)
        yield proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _turn(pgid: int, seconds: float) -> tuple[float, float]:
    """Let the process group run for `seconds`: (from, to), wall-clock."""
    with contextlib.suppress(ProcessLookupError):  # a crawl that has ended, with its workers
        os.killpg(pgid, signal.SIGCONT)
    start = time.time()
    time.sleep(seconds)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGSTOP)
    return start, time.time()


def crawl_round(
    base: str, extract_pgid: int, counts: Path, slice_seconds: float, extra: dict[str, str]
) -> tuple[float, float]:
    """One crawl taking turns with extraction: (crawl pages/s, extraction pages/s)."""
    with tempfile.TemporaryDirectory() as tmp:
        database = f"sqlite:///{tmp}/archive.sqlite"
        env = crawl_env({"NEWSARCHIVE_DATA_DIR": tmp, "DATABASE_URL": database})
        cmd = crawl_command(
            "generic", url=base, spider_args={"site": "bench"}, settings={**BENCH_SETTINGS, **extra}
        )
        crawl = subprocess.Popen(cmd, env=env, start_new_session=True)
        os.killpg(crawl.pid, signal.SIGSTOP)
        slices = Slices(crawl=[])
        while crawl.poll() is None:
            slices.crawl.append(_turn(crawl.pid, slice_seconds))
            if crawl.poll() is not None:
                break
            before = _pages_extracted(counts)
            start, end = _turn(extract_pgid, slice_seconds)
            slices.extract_seconds += end - start
            slices.extract_pages += _pages_extracted(counts) - before
        with contextlib.suppress(ProcessLookupError):
            os.killpg(crawl.pid, signal.SIGCONT)
        if crawl.wait() != 0:
            raise SystemExit(f"crawl failed with exit code {crawl.returncode}")
        pages, _, started_at, finished_at = run_record(database)
    started, finished = _epoch(started_at), _epoch(finished_at)
    ran = sum(max(0.0, min(end, finished) - max(start, started)) for start, end in slices.crawl)
    return pages / ran, slices.extract_pages / slices.extract_seconds


def _epoch(moment: datetime) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slice", type=float, default=2.0, help="seconds a turn")
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="extra Scrapy setting"
    )
    parser.add_argument("--extraction-loop", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.extraction_loop:
        extraction_loop(args.extraction_loop, args.workers)
        return 0
    if args.articles < 1 or args.workers < 1 or args.rounds < 1 or args.slice <= 0:
        parser.error("--articles, --workers, --rounds and --slice must be positive")
    extra = dict(item.split("=", 1) for item in args.set)
    ratios: list[float] = []
    with (
        tempfile.TemporaryDirectory() as counts,
        bench_server(args.articles) as (base, _),
        extraction_pool(args.articles, args.workers, Path(counts)) as extract_pgid,
    ):
        for number in range(1, args.rounds + 1):
            crawl_rate, extract_rate = crawl_round(
                base, extract_pgid, Path(counts), args.slice, extra
            )
            ratios.append(crawl_rate / extract_rate)
            print(
                f"round {number}: full crawl {crawl_rate:5.1f} pages/s, extraction only "
                f"{extract_rate:5.1f} pages/s in the turns between: {ratios[-1]:.0%}",
                flush=True,
            )
    print(
        f"full crawl at {median(ratios):.0%} of extraction only (median of {args.rounds} rounds, "
        f"{min(ratios):.0%}-{max(ratios):.0%}; target >= 85%), in turns of {args.slice:g} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
