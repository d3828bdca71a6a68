"""Benchmark: how many of the articles a site's sitemap lists end up in the archive.

Usage: .venv/bin/python bench/coverage.py [--checkout DIR]

Crawls the demo web's `coverage` host (crawler/demoweb/site_coverage.py: a sitemap listing 300
articles under twelve URL shapes of real publishers, half of which do not look like article
URLs, plus 19 pages that are not articles; a feed with the newest 40) with the generic spider
into a fresh SQLite archive, and prints:

- articles archived of those listed (target: all),
- article-page fetches, and the extra ones: pages fetched only as candidates, whose URL does
  not look like an article (what admitting them costs the site),
- the run's `archive/listed/*` accounting (every listed URL, by fate).

`--checkout DIR` crawls the same site a second time with the code of another checkout
(`git archive main | tar -x -C DIR`), for comparison; the figures of that run are read from
its archive, since older code keeps no `archive/listed/*` stats.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from crawler.runner import crawl_command, crawl_env  # noqa: E402

SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "WARNING",
}


def crawl(base: str, code: Path, tmp: Path) -> tuple[str, float]:
    """One crawl of the coverage site with the code in `code`; its database URL and seconds."""
    tmp.mkdir(parents=True)
    db_url = f"sqlite:///{tmp}/archive.sqlite"
    env = crawl_env({"NEWSARCHIVE_DATA_DIR": str(tmp), "DATABASE_URL": db_url})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    cmd = crawl_command("generic", url=base, spider_args={"site": "coverage"}, settings=SETTINGS)
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=code, check=False, stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the crawl with {code} exited {result.returncode}")
    return db_url, seconds


def report(label: str, db_url: str, expected: set[str], seconds: float) -> None:
    from sqlalchemy import func, select

    from crawler.model.listed import EXTRA_FETCHES_STAT, FATES, STATS_PREFIX, TOTAL_STAT
    from db.engine import make_engine
    from db.models import Article, CrawlRun, Fetch

    engine = make_engine(db_url)
    with engine.connect() as conn:
        archived = set(conn.execute(select(Article.url)).scalars()) & expected
        article_fetches = conn.execute(
            select(func.count()).select_from(Fetch).where(Fetch.kind == "article")
        ).scalar_one()
        stats = conn.execute(select(CrawlRun.stats).order_by(CrawlRun.id.desc())).scalar() or {}
    engine.dispose()
    share = len(archived) / len(expected)
    print(f"{label}:")
    print(f"  articles archived / listed   {len(archived)} / {len(expected)} ({share:.1%})")
    print(f"  article-page fetches         {article_fetches}  ({seconds:.1f} s crawl)")
    if TOTAL_STAT in stats:
        print(f"  extra candidate fetches      {stats.get(EXTRA_FETCHES_STAT, 0)}")
        parts = ", ".join(
            f"{fate} {stats[STATS_PREFIX + fate]}" for fate in FATES if stats[STATS_PREFIX + fate]
        )
        print(f"  listed URLs {stats[TOTAL_STAT]}: {parts}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--checkout", type=Path, help="also crawl with this checkout's code (for comparison)"
    )
    args = parser.parse_args()
    if args.checkout is not None and not (args.checkout / "spiders").is_dir():
        parser.error(f"--checkout {args.checkout}: not a newsarchive checkout")

    from crawler.demoweb import DemoWeb
    from crawler.demoweb.site_coverage import COVERAGE_HOST, CoverageSite

    site = CoverageSite()
    with DemoWeb() as web, tempfile.TemporaryDirectory() as tmp:
        base = web.base_url(COVERAGE_HOST)
        expected = {base + page.path[1:] for page in site.articles()}
        print(f"coverage site {base}: {len(site.listed())} URLs listed, {len(expected)} articles")
        db_url, seconds = crawl(base, ROOT, Path(tmp) / "this")
        report("this checkout", db_url, expected, seconds)
        if args.checkout is not None:
            db_url, seconds = crawl(base, args.checkout.resolve(), Path(tmp) / "other")
            report(str(args.checkout), db_url, expected, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
