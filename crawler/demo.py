"""`newsarchive demo`: serve the demo web, crawl every demo site into a fresh archive, summarise."""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from crawler.tables import RUN_COUNT_COLUMNS, run_counts

# The demo web is our own server on loopback: no politeness delay needed there. A short
# timeout makes its deliberately slow page a counted timeout instead of a 30-second wait.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "1",
    "LOG_LEVEL": "INFO",
}


@dataclass(frozen=True)
class DemoJob:
    label: str
    spider: str
    host: str  # demo web host key
    spider_args: tuple[tuple[str, str], ...] = ()


# One crawl per demo site, each in its own process. The RT DE copy is crawled twice, from the
# main host and from the mirror: the mirror's article URLs canonicalise to the ones already
# archived, so the mirror run fetches its entry points and no article page again.
DEMO_JOBS = (
    DemoJob("tagesblick", "generic", "tagesblick", (("site", "tagesblick"),)),
    DemoJob("rt_de", "rt_de", "rt"),
    DemoJob("rt_de mirror", "rt_de", "rt-mirror"),
    DemoJob("snanews", "snanews", "sna"),
    DemoJob("aggregator", "aggregator", "aggregator"),
)


def run_demo(demo_dir: Path, *, console: Console | None = None) -> int:
    from crawler.demoweb import DemoWeb
    from crawler.runner import run_crawl
    from db.engine import make_engine
    from db.read import run_rows

    # Wide enough for the summary when the output is a pipe or a log, not a terminal.
    console = console or Console(width=None if sys.stdout.isatty() else 110)
    if demo_dir.exists():
        shutil.rmtree(demo_dir)
    (demo_dir / "logs").mkdir(parents=True)
    db_url = f"sqlite:///{(demo_dir / 'archive.sqlite').resolve()}"
    env = {"NEWSARCHIVE_DATA_DIR": str(demo_dir), "DATABASE_URL": db_url}
    failures = 0
    started = time.monotonic()
    with DemoWeb() as web:
        console.print(f"[bold]Demo web[/] on {', '.join(web.hosts.values())}")
        for job in DEMO_JOBS:
            log = demo_dir / "logs" / f"{job.spider}-{job.host}.log"
            console.print(f"crawling [cyan]{job.label}[/] at {web.base_url(job.host)} …")
            result = run_crawl(
                job.spider,
                url=web.base_url(job.host),
                spider_args=dict(job.spider_args),
                settings={**DEMO_SETTINGS, "LOG_FILE": str(log)},
                env=env,
                timeout=600,
            )
            if result.returncode != 0:
                failures += 1
                console.print(f"[red]crawl failed (exit {result.returncode}); see {log}[/]")

    engine = make_engine(db_url)
    runs = list(reversed(run_rows(engine, limit=len(DEMO_JOBS))))
    table = Table(title=f"Demo archive: {demo_dir}")
    for col in ("site", "spider", "outcome"):
        table.add_column(col, no_wrap=True)
    for col in RUN_COUNT_COLUMNS:
        table.add_column(col, justify="right")
    for job, run in zip(DEMO_JOBS, runs, strict=False):
        table.add_row(job.label, run.spider, run.outcome, *run_counts(run))
    console.print(table)
    console.print(
        "pages: fetches recorded (article and discovery pages); articles: new articles archived;\n"
        "duplicates: pages whose text was already archived; no text: pages without\n"
        "an article; errors: HTTP errors, timeouts, oversized, binary and other failed pages."
    )
    console.print(f"done in {time.monotonic() - started:.0f} s. Look at the result:")
    # As the user invoked it (./run demo runs .venv/bin/newsarchive, which is not on PATH).
    tool = os.path.relpath(sys.argv[0]) if os.sep in sys.argv[0] else "newsarchive"
    prefix = f"NEWSARCHIVE_DATA_DIR={demo_dir}"
    console.print(f"  {prefix} {tool} stats")
    console.print(f"  {prefix} {tool} export --format jsonl | head -c 2000")
    console.print(f"  crawl logs: {demo_dir / 'logs'}   raw captures: {demo_dir / 'warc'}")
    return 1 if failures else 0
