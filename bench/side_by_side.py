"""Benchmark: two versions of the crawl side by side, against one server, crawls alternated.

Usage: .venv/bin/python bench/side_by_side.py [--articles 2000] [--pairs 3]
       [--set-b NAME=VALUE ...] CHECKOUT_A CHECKOUT_B

A checkout is a directory holding the project (for an earlier commit:
`git worktree add --detach /tmp/base COMMIT`); the same one twice with `--set-b` compares
Scrapy settings. Each pair crawls the bench site once with each (the order alternates from one
pair to the next) and prints, per crawl, the run's time and the CPU seconds of the crawl process
and of its extraction workers. This VM's speed drifts by more than most changes worth measuring
(bench/interleaved.py), so the figure to compare is the crawl process's CPU as a share of its
workers': both drift together, and the workers' work is the same in both versions unless the
change is in extraction. The crawl process's CPU includes its start-up (~2.5 s): with fewer
than the default 2,000 pages that weighs on both alike. Medians per version at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crawl_throughput import CrawlFigures, bench_server, full_crawl


def _setting(raw: str) -> tuple[str, str]:
    name, sep, value = raw.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {raw!r}")
    return name, value


def _checkout(raw: str) -> Path:
    path = Path(raw).resolve()
    if not (path / "scrapy.cfg").is_file():
        raise argparse.ArgumentTypeError(f"{raw} is not a checkout of the project (no scrapy.cfg)")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--set-b", type=_setting, action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("a", type=_checkout, metavar="CHECKOUT_A")
    parser.add_argument("b", type=_checkout, metavar="CHECKOUT_B")
    args = parser.parse_args()
    variants = {"A": (args.a, {}), "B": (args.b, dict(args.set_b))}
    figures: dict[str, list[CrawlFigures]] = {"A": [], "B": []}
    with bench_server(args.articles) as (base, server_pid):
        for number in range(1, args.pairs + 1):
            for name in ("A", "B") if number % 2 else ("B", "A"):
                checkout, settings = variants[name]
                print(f"-- pair {number} of {args.pairs}, {name}: {checkout}")
                crawl = full_crawl(base, server_pid, settings, checkout=checkout)
                figures[name].append(crawl)
                print(
                    f"   {name}: run {crawl.run_seconds:.1f} s, crawl process "
                    f"{crawl.crawl_cpu / crawl.pages * 1000:.2f} ms of CPU a page = "
                    f"{crawl.crawl_cpu / crawl.workers_cpu:.1%} of its workers' CPU"
                )
    print()
    for name, crawls in figures.items():
        checkout, settings = variants[name]
        shares = [c.crawl_cpu / c.workers_cpu for c in crawls]
        print(
            f"{name} ({checkout}{', ' if settings else ''}"
            f"{' '.join(f'{k}={v}' for k, v in settings.items())}): "
            f"run {median(c.run_seconds for c in crawls):.1f} s, crawl process "
            f"{median(shares):.1%} of its workers' CPU (median of {len(crawls)}; "
            f"{', '.join(f'{s:.1%}' for s in shares)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
