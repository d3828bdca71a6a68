"""Benchmark: crawl workers and store writers sharing one PostgreSQL archive.

Usage: .venv/bin/python bench/scale_out.py --database-url postgresql://... [--sites 6]
       [--articles 30] [--records 600]

(1) Aggregate pages/s of 1, 2 and 3 `newsarchive worker`s (one crawl at a time each) crawling
`--sites` generated demo sites of `--articles` articles (crawler/demoweb/site_many.py), each
worker count on a fresh archive: the wall time from enqueueing one job per site until the last
run has finished, over the pages the runs fetched. On a 2-core machine the crawls already
compete for the cores with one worker, so more workers show the coordination overhead (queue,
locks, concurrent writes), not scaling. The peak memory (PSS) of one worker and its crawl is
sampled with one worker.

(2) The store's time per record (bench/store_batch.py's records, batches of 100) with 1 writer
and with 3 writers writing at once into one archive (separate processes); the aggregate rate of
the 3 is what this machine's PostgreSQL takes while also running the writers.

(3) An extrapolation to many machines from those figures, printed as such: it assumes crawl
memory and PostgreSQL write cost stay what they were here, which a larger PostgreSQL server and
other sites will change.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from bench.pgschema import scratch_schema
from bench.procmem import PeakSampler
from crawler.demoweb import DemoWeb
from crawler.demoweb.site_many import gen_host, gen_site_key
from crawler.queue_scheduler import QueueScheduler, QueueSchedulerOptions
from crawler.schedules import Job, ScheduleConfig, parse_schedule
from db.engine import ensure_schema, make_engine
from db.models import CrawlRun

FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_TIMEOUT": "10",
    "RETRY_TIMES": "0",
    "LOG_LEVEL": "WARNING",
    "NEWSARCHIVE_EXTRACT_WORKERS": "1",
}


def crawl_with_workers(url: str, web: DemoWeb, sites: int, workers: int) -> tuple[float, int, int]:
    """(wall seconds, pages fetched, peak PSS bytes of worker 1's process tree)."""
    jobs = tuple(
        Job(
            name=gen_site_key(n),
            spider="generic",
            site=gen_site_key(n),
            schedule=parse_schedule("1h"),
            spider_args={"url": web.base_url(gen_host(n)), "site": gen_site_key(n)},
            settings=FAST,
            time_limit=600,
        )
        for n in range(sites)
    )
    with scratch_schema(url, "scale") as schema_url, tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(schema_url)
        ensure_schema(engine)
        scheduler = QueueScheduler(
            ScheduleConfig(jobs=jobs, timezone="UTC"),
            QueueSchedulerOptions(database_url=schema_url),
        )
        scheduler.prepare()
        env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_DATABASE_URL"}
        env.update({"DATABASE_URL": schema_url, "NEWSARCHIVE_DATA_DIR": tmp})
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "crawler.cli", "worker", "--concurrency", "1"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        try:
            with scheduler.app.open(), PeakSampler(procs[0].pid) as sampler:
                time.sleep(3.0)  # the workers' start-up (imports, queue) is not the crawl's
                start = time.perf_counter()
                scheduler.tick(datetime.now(UTC))
                while True:
                    with engine.connect() as conn:
                        done = conn.execute(
                            select(func.count(), func.sum(CrawlRun.pages_fetched)).where(
                                CrawlRun.outcome != "running"
                            )
                        ).one()
                    if done[0] >= sites:
                        break
                    time.sleep(0.2)
                wall = time.perf_counter() - start
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            for proc in procs:
                proc.wait(120)
            scheduler.close()
            engine.dispose()
        return wall, int(done[1] or 0), sampler.peak_pss


def _writer(url: str, offset: int, n: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from dataclasses import replace

    from bench.store_batch import make_records, timed

    engine = make_engine(url)
    # Each writer its own URLs (as crawls of different sites have); the texts are its own too.
    records = [
        replace(
            r,
            url=f"{r.url}-w{offset}",
            requested_url=f"{r.url}-w{offset}",
            url_key=f"{r.url_key}-w{offset}",
        )
        for r in make_records(n, seed=1000 + offset)
    ]
    _, wall = timed(engine, records, 100)
    engine.dispose()
    out.put(wall / n * 1000)


def store_writers(url: str, writers: int, records: int) -> tuple[float, float]:
    """(mean ms per record of each writer, aggregate records per second) for `writers` at once."""
    with scratch_schema(url, "scalew") as schema_url:
        engine = make_engine(schema_url)
        ensure_schema(engine)
        engine.dispose()
        queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        procs = [
            multiprocessing.Process(target=_writer, args=(schema_url, i, records, queue))
            for i in range(writers)
        ]
        start = time.perf_counter()
        for proc in procs:
            proc.start()
        per_record = [queue.get() for _ in procs]
        for proc in procs:
            proc.join()
        wall = time.perf_counter() - start
    return sum(per_record) / len(per_record), writers * records / wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--database-url", required=True, help="a PostgreSQL server (scratch schemas)"
    )
    parser.add_argument("--sites", type=int, default=6)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--records", type=int, default=600, help="records per store writer")
    parser.add_argument("--store-only", action="store_true", help="skip the crawls (part 1)")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores; {args.sites} sites x {args.articles} articles")
    rates: dict[int, float] = {}
    memory = 0
    with DemoWeb(generated_sites=args.sites, generated_articles=args.articles) as web:
        for workers in () if args.store_only else (1, 2, 3):
            wall, pages, pss = crawl_with_workers(args.database_url, web, args.sites, workers)
            rates[workers] = pages / wall
            if workers == 1:
                memory = pss
            print(
                f"{workers} worker(s): {pages} pages in {wall:.1f} s = {rates[workers]:.1f} pages/s"
            )
    print(f"peak PSS of one worker with its crawl: {memory / 2**20:.0f} MB")
    one_ms, one_rate = store_writers(args.database_url, 1, args.records)
    three_ms, three_rate = store_writers(args.database_url, 3, args.records)
    print(f"store, 1 writer:  {one_ms:.2f} ms/record ({one_rate:.0f} records/s)")
    print(f"store, 3 writers: {three_ms:.2f} ms/record each ({three_rate:.0f} records/s together)")

    ceiling = max(one_rate, three_rate)
    per_crawl = memory / 2**20 or 300.0
    crawls_per_16g = int(16 * 1024 * 0.8 // per_crawl)
    polite_rate = 1.0  # pages/s of one polite crawl (one request a second per host)
    print("\nEXTRAPOLATION (not measured; from the figures above):")
    print(
        f"  a 16 GB crawl machine runs ~{crawls_per_16g} crawls at ~{per_crawl:.0f} MB each "
        f"(80% of its memory); at a polite ~{polite_rate:.0f} page/s per site that is "
        f"~{crawls_per_16g * polite_rate:.0f} pages/s per machine"
    )
    print(
        f"  this PostgreSQL took ~{ceiling:.0f} records/s while sharing 2 cores with its "
        f"writers: ~{ceiling / (crawls_per_16g * polite_rate):.1f} such machines before the "
        "archive's writes are the limit (a dedicated database server raises it)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
