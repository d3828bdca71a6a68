"""Shared pieces of the CLI's tables, so `stats` and `demo` count runs the same way."""

from __future__ import annotations

from crawler.model.listed import STATS_PREFIX, TOTAL_STAT
from db.models import CrawlRun

# Column headings for a run's counts, in the order `run_counts` gives them.
RUN_COUNT_COLUMNS = ("pages", "articles", "duplicates", "no text", "errors")


def run_counts(run: CrawlRun) -> tuple[str, ...]:
    """A run's counts as table cells: fetches recorded, new articles, duplicates, empty, errors."""
    return tuple(
        str(n)
        for n in (run.pages_fetched, run.articles_new, run.duplicates, run.empty_pages, run.errors)
    )


# Column heading of `listed_cell`.
LISTED_COLUMN = "archived/listed"


def listed_cell(run: CrawlRun) -> str:
    """How many of the URLs the run's sitemaps and feeds listed are in the archive (archived
    now, duplicates of archived texts, or known from earlier runs), of how many; empty when
    the run read no sitemap or feed entry."""
    stats = run.stats or {}
    total = stats.get(TOTAL_STAT)
    if not isinstance(total, int) or not total:
        return ""
    kept = sum(
        value
        for fate in ("archived", "duplicate", "known")
        if isinstance(value := stats.get(STATS_PREFIX + fate), int)
    )
    return f"{kept}/{total}"
