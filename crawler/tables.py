"""Shared pieces of the CLI's tables, so `stats` and `demo` count runs the same way."""

from __future__ import annotations

from db.models import CrawlRun

# Column headings for a run's counts, in the order `run_counts` gives them.
RUN_COUNT_COLUMNS = ("pages", "articles", "duplicates", "no text", "errors")


def run_counts(run: CrawlRun) -> tuple[str, ...]:
    """A run's counts as table cells: fetches recorded, new articles, duplicates, empty, errors."""
    return tuple(
        str(n)
        for n in (run.pages_fetched, run.articles_new, run.duplicates, run.empty_pages, run.errors)
    )
