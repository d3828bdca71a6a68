"""Shared pieces of the CLI's tables, so `stats` and `demo` count runs the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from db.models import CrawlRun

# Column headings for a run's counts, in the order `run_counts` gives them: pages fetched, new
# articles, duplicates, pages without text, errors. Short, so a table of runs fits 80 columns.
RUN_COUNT_COLUMNS = ("pages", "new", "dups", "empty", "errors")


def run_counts(run: CrawlRun) -> tuple[str, ...]:
    """A run's counts as table cells: fetches recorded, new articles, duplicates, empty, errors."""
    return tuple(
        str(n)
        for n in (run.pages_fetched, run.articles_new, run.duplicates, run.empty_pages, run.errors)
    )


def runs_table(title: str, columns: Sequence[tuple[str, Sequence[str]]]) -> Table:
    """A table of runs that stays readable at 80 columns and when piped: numbers, times and
    outcomes never shrink (rich would squeeze them to nothing), names fold onto more lines.

    `columns`: each heading with its cells; a heading in RUN_COUNT_COLUMNS (or "run") is a
    number, right-aligned.
    """
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True)
    for heading, cells in columns:
        number = heading in RUN_COUNT_COLUMNS or heading == "run"
        folds = heading in _FOLDING
        width = max((len(cell) for cell in cells), default=0)
        table.add_column(
            heading,
            justify="right" if number else "left",
            no_wrap=not folds,
            overflow="fold" if folds else "ellipsis",
            min_width=min(width, _FOLDED_WIDTH) if folds else max(width, len(heading)),
        )
    for row in zip(*(cells for _, cells in columns), strict=True):
        table.add_row(*row)
    return table


# Columns of names, which may fold onto several lines of at least this width.
_FOLDED_WIDTH = 10
_FOLDING = frozenset({"spider", "site", "site (spider)", "job"})


def default_progress(console: Any = None, *, disable: bool = False) -> Progress:
    """The progress bar of long commands (`reextract`, `export`); `disable` when nobody
    watches (stderr not a terminal)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=disable,
    )
