"""Archive maintenance commands: `reextract` (current extraction over the stored captures),
`verify` (every WARC pointer read back) and `cdx` (the WARC files' replay index)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from crawler.cli_common import (
    CliError,
    _config,
    _parse_since,
    archive_location,
    check_site,
    open_archive,
)


def cmd_reextract(args: argparse.Namespace) -> int:
    from rich.console import Console

    from crawler.reextract import run_reextract
    from crawler.tables import default_progress
    from db.read import site_summaries

    config = _config()
    if args.workers is not None and args.workers < 1:
        raise CliError(f"--workers must be at least 1, got {args.workers}")
    since = _parse_since(args.since)
    engine = open_archive(config)  # re-extracting never creates an archive
    if args.site is not None and args.site not in site_summaries(engine):
        known = ", ".join(sorted(site_summaries(engine))) or "none"
        raise CliError(f"site {args.site!r} is not in the archive (archived sites: {known})")
    console = Console(stderr=True)
    progress = default_progress(console)
    try:
        with progress:
            summary = run_reextract(
                engine,
                config.data_dir,
                site=args.site,
                since=since,
                workers=args.workers,
                restart=args.restart,
                progress=progress,
                limits=config.extract_limits,
                max_bytes=config.extract_max_bytes,
            )
    except ValueError as exc:  # a bad NEWSARCHIVE_NEARDUP_THRESHOLD
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    if summary.resumed_after:
        console.print(f"resumed after article {summary.resumed_after}")
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.done} of {summary.total} articles re-extracted in {summary.seconds:.1f} s "
        f"({rate:.1f}/s): [bold]{summary.new_versions}[/] new versions, "
        f"{summary.unchanged} unchanged, {summary.no_text} without text now (old text kept), "
        f"{summary.taken} whose new text is another article's (left alone), "
        f"{summary.no_capture} without a readable capture"
    )
    if summary.recovered or summary.still_failed:
        console.print(
            f"pages whose extraction had failed: [bold]{summary.recovered}[/] archived now, "
            f"{summary.still_failed} failing still (a time or memory limit, see "
            "NEWSARCHIVE_EXTRACT_TIMEOUT and NEWSARCHIVE_EXTRACT_MAX_MEMORY)"
        )
    if summary.interrupted:
        console.print("interrupted: run the same command again to continue where it stopped")
        return 130
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from crawler.verify import verify_archive

    config = _config()
    since = _parse_since(args.since)
    engine = open_archive(config)  # verifying never creates an archive
    try:
        check_site(engine, args.site, archive_location(config.database_url_resolved))
        report = verify_archive(engine, config.data_dir, site=args.site, since=since)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return 0 if report.ok else 1
    missing = set(report.missing_files)
    for bad in report.bad:
        if bad.file not in missing:
            print(f"bad: {bad.line()}")
    for name in report.missing_files:
        count = sum(1 for bad in report.bad if bad.file == name)
        print(f"missing: {config.data_dir / name} ({count} pointer(s))")
    verdict = "all good" if report.ok else f"{len(report.bad)} bad"
    print(
        f"checked {report.checked} pointers ({report.records} records in {report.files} files, "
        f"{len(report.missing_files)} missing) under {config.data_dir}: {verdict}"
    )
    return 0 if report.ok else 1


def cmd_cdx(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from crawler.cdx import archive_files, archived_file_lines, file_lines, write_index

    config = _config()
    data_dir = config.data_dir
    if args.files:
        paths = [Path(f) for f in args.files]
        for path in paths:
            if not path.is_file():
                raise CliError(f"no such WARC file: {path}")
        runs = (file_lines(path) for path in paths)
        count_files = len(paths)
    else:
        try:
            names = archive_files(data_dir)
        except OSError as exc:
            raise CliError(f"cannot list the WARC files: {exc}") from None
        if not names:
            raise CliError(f"no WARC files in {data_dir / 'warc'} (or its object store)")
        runs = (archived_file_lines(data_dir, name) for name in names)
        count_files = len(names)
    try:
        if args.output is None:
            count = write_index(runs, sys.stdout)
        else:
            output = Path(args.output)
            partial = output.with_name(output.name + ".partial")
            with partial.open("w", encoding="utf-8") as out:
                count = write_index(runs, out)
            partial.replace(output)  # a reader never sees half an index
    except (OSError, ValueError, EOFError) as exc:
        raise CliError(f"cannot index the WARC files: {exc}") from None
    print(f"indexed {count} records of {count_files} WARC files", file=sys.stderr)
    return 0


def cmd_merge_clusters(args: argparse.Namespace) -> int:
    from db.neardup import merge_clusters
    from pipelines.neardup import default_threshold

    config = _config()
    since = _parse_since(args.since)
    engine = open_archive(config)
    try:
        moved = merge_clusters(engine, default_threshold(), since=since)
    except ValueError as exc:  # a bad NEWSARCHIVE_NEARDUP_THRESHOLD
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    print(f"{moved} article(s) joined an older near-duplicate cluster")
    return 0


def register(sub: Any) -> None:
    """Add the archive maintenance commands to the `newsarchive` sub-command parser."""
    p = sub.add_parser(
        "reextract",
        help="run the current extraction and cleaning over the stored raw captures",
        description="Extract every archived article again from its raw capture (WARC) with the "
        "current extraction and cleaning rules, on every core. A changed text becomes a new "
        "version of the article (the old one is kept); an unchanged one costs nothing. "
        "Pages whose extraction failed in the crawl (extract_timeout, too_large, "
        "extract_error) are extracted again too, and archived if they give a text now. "
        "Interrupted (Ctrl-C, SIGTERM), it continues where it stopped when run again with "
        "the same arguments.",
    )
    p.add_argument("--site", metavar="KEY", help="only articles first archived from this site")
    p.add_argument(
        "--since", metavar="DATE", help="only articles first archived on or after this ISO date"
    )
    p.add_argument(
        "--workers", type=int, metavar="N", help="extraction processes (default: one per core)"
    )
    p.add_argument("--restart", action="store_true", help="ignore an interrupted run's checkpoint")
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser(
        "verify",
        help="read every WARC pointer of the archive back and check its record",
        description="Read the raw capture behind every fetch's WARC pointer (file, offset, "
        "length) and check that it is one complete record of that URL whose digests match its "
        "bytes and the archive's payload digest. Lists every bad pointer and missing file; "
        "exit status 1 if there is any, 0 otherwise. Changes nothing.",
    )
    p.add_argument("--site", metavar="KEY", help="only fetches of this site")
    p.add_argument("--since", metavar="DATE", help="only fetches made on or after this ISO date")
    p.add_argument("--json", action="store_true", help="the report as JSON")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser(
        "cdx",
        help="write a CDXJ index of the WARC files (for pywb and other replay tools)",
        description="Index the response and revisit records of the archive's WARC files (or "
        "the FILES given) as CDXJ, sorted by SURT URL key and time, the format pywb reads from "
        "a collection's indexes/ folder. Filenames are relative to the WARC folder.",
    )
    p.add_argument("files", nargs="*", metavar="FILES", help="WARC files (default: all)")
    p.add_argument("--output", "-o", help="write the index here (default: standard output)")
    p.set_defaults(func=cmd_cdx)

    p = sub.add_parser(
        "merge-clusters",
        help="join near-duplicate clusters that concurrent crawls created apart",
        description="Compare every archived article with its near-duplicate candidates again "
        "and join the clusters of those at or above the threshold; each joined group takes "
        "its oldest article's id. Crawls do this at the end of every run for their own "
        "articles; this pass covers the whole archive (or --since).",
    )
    p.add_argument(
        "--since", metavar="DATE", help="only articles first archived on or after this ISO date"
    )
    p.set_defaults(func=cmd_merge_clusters)
