"""`newsarchive export`: the archive's articles as JSON lines, CSV or a typed Parquet dataset.

A file or dataset named by `--output` is written under a temporary name next to it and renamed
into place once complete, so a failed or interrupted export never leaves something that looks
like a finished export.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from crawler.cli_common import (
    CliError,
    _config,
    _one_line,
    _parse_since,
    archive_location,
    check_site,
    open_archive,
)


def _partial(path: Path) -> Path:
    """Where `path` is written until it is complete: a hidden name beside it."""
    return path.with_name(f".{path.name}.partial-{os.getpid()}")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _atomic(path: Path, *, directory: bool) -> Iterator[Path]:
    """A temporary file (or directory) to write; renamed to `path` when the block succeeds,
    removed when it fails. An existing `path` is replaced only at the end."""
    from db.export_parquet import DATASET_FILES

    if directory and path.exists():
        if not path.is_dir() or any(p.name not in DATASET_FILES for p in path.iterdir()):
            raise CliError(
                f"cannot write {path}: it exists and is not a Parquet export "
                "(choose a new directory)"
            )
    elif path.is_dir():
        raise CliError(f"cannot write {path}: it is a directory")
    partial = _partial(path)
    try:
        if directory:
            partial.mkdir()
        else:
            partial.touch(exist_ok=False)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None
    try:
        yield partial
        if directory and path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            path.rename(old)
            partial.rename(path)
            _remove(old)
        else:
            partial.replace(path)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or _one_line(exc)}") from None
    finally:
        if partial.exists():
            _remove(partial)


def _write_lines(
    out: TextIO,
    fmt: str,
    records: Iterator[dict[str, Any]],
    fields: list[str],
    advance: Callable[[], None],
) -> int:
    count = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
            advance()
        return count
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for rec in records:
        rec["urls"] = " ".join(rec["urls"])
        rec["authors"] = "; ".join(rec["authors"])
        rec["agencies"] = "; ".join(rec["agencies"])
        rec["tags"] = "; ".join(rec["tags"])
        rec["sightings"] = json.dumps(rec["sightings"], ensure_ascii=False)
        writer.writerow(rec)
        count += 1
        advance()
    return count


class _NoPandas:
    """An import finder for which pandas is not installed."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"no module named {name!r} (not used by the export)")


@contextmanager
def _without_pandas() -> Iterator[None]:
    """pandas unimportable in this process while the block runs, unless already imported:
    pyarrow imports it, when installed, on its first array to recognise pandas objects (~50 MB
    of the export's peak memory), and the export hands pyarrow plain lists only."""
    import sys

    if "pandas" in sys.modules:
        yield
        return
    finder = _NoPandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def cmd_export(args: argparse.Namespace) -> int:
    from rich.console import Console

    from crawler.tables import default_progress
    from db.export_parquet import count_articles, write_dataset
    from db.read import EXPORT_FIELDS, VERSION_FIELDS, article_filters, iter_articles

    if args.format == "parquet" and not args.output:
        raise CliError("--format parquet needs --output DIRECTORY (a dataset of three files)")
    config = _config()
    since = _parse_since(args.since)
    engine = open_archive(config)
    where = archive_location(config.database_url_resolved)
    started = time.monotonic()
    try:
        check_site(engine, args.site, where)
        filters = article_filters(site=args.site, since=since)
        console = Console(stderr=True)
        progress = default_progress(console, disable=not console.is_terminal)
        total = None if args.all_versions else count_articles(engine, filters)
        output = Path(args.output) if args.output else None
        with progress:
            task = progress.add_task("exporting", total=total)
            if args.format == "parquet":
                assert output is not None
                with _atomic(output, directory=True) as partial, _without_pandas():
                    counts = write_dataset(
                        engine,
                        partial,
                        filters,
                        on_batch=lambda n: progress.advance(task, n),
                    )
                summary = (
                    f"exported {counts.articles} articles, {counts.sightings} sightings and "
                    f"{counts.versions} versions to {output}"
                )
            else:
                records = iter_articles(
                    engine, site=args.site, since=since, all_versions=args.all_versions
                )
                fields = [*EXPORT_FIELDS, *(VERSION_FIELDS if args.all_versions else ())]
                advance = lambda: progress.advance(task)  # noqa: E731
                if output is None:
                    count = _write_lines(sys.stdout, args.format, records, fields, advance)
                else:
                    with (
                        _atomic(output, directory=False) as partial,
                        open(partial, "w", encoding="utf-8", newline="") as out,
                    ):
                        count = _write_lines(out, args.format, records, fields, advance)
                what = "article versions" if args.all_versions else "articles"
                summary = f"exported {count} {what}"
    finally:
        engine.dispose()
    print(f"{summary} from {where} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    """Add `export` to the `newsarchive` sub-command parser."""
    p = sub.add_parser(
        "export",
        help="write the archive's articles as JSON lines, CSV or a Parquet dataset",
        description="Write the archive's articles with their sightings (site, URL, first and "
        "last seen, fetch id, WARC pointer). jsonl and csv: one record per article (csv: the "
        "sightings as a JSON string column); parquet: a directory with articles.parquet, "
        "sightings.parquet and versions.parquet, typed (docs/schema.md). A file or directory "
        "given with --output appears only once complete.",
    )
    p.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    p.add_argument("--site", help="only articles sighted on this site (at any of their URLs)")
    p.add_argument("--since", help="only articles first archived on or after this ISO date")
    p.add_argument(
        "--output", help="file (a directory for parquet) to write (default: standard output)"
    )
    p.add_argument(
        "--all-versions",
        action="store_true",
        help="jsonl/csv: one record per version of each article (default: its latest version "
        "only); parquet always has every version in versions.parquet",
    )
    p.set_defaults(func=cmd_export)
