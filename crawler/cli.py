"""The `newsarchive` command line: crawl, inspect and export the archive."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from crawler.cli_archive import register as register_archive
from crawler.cli_common import (
    CliError,
    NoArchiveError,
    _config,
    _one_line,
    _pairs,
    _parse_since,
    archive_location,
    check_site,
    database_engine,
    open_archive,
)
from crawler.cli_ops import register as register_ops
from crawler.model.config import AppConfig

# --- commands -------------------------------------------------------------------------------


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.runner import run_crawl
    from crawler.sites import all_sites

    known = {*all_sites(), "generic"}
    if args.site not in known:
        raise CliError(f"unknown site {args.site!r}; known: {', '.join(sorted(known))}")
    if args.site == "generic" and not args.url:
        raise CliError("the generic spider needs --url (a homepage, feed or sitemap)")
    _config()  # a bad environment is one line here; `scrapy crawl` checks the rest of the setup
    result = run_crawl(
        args.site,
        url=args.url,
        spider_args=_pairs(args.arg, "-a"),
        settings=_pairs(args.set, "-s"),
    )
    return result.returncode


def cmd_sites(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.sites import all_sites
    from db.read import site_summaries

    config = _config()
    # The declared sites are worth listing before the first crawl created an archive.
    try:
        engine = open_archive(config)
    except NoArchiveError as exc:
        summaries, where = {}, str(exc)
    else:
        try:
            summaries = site_summaries(engine)
        finally:
            engine.dispose()
        where = f"archive: {archive_location(config.database_url_resolved)}"
    console = Console()
    console.print(where, highlight=False, soft_wrap=True)
    table = Table(title="Declared sites")
    for col in ("key", "name", "domains", "mirrors", "articles", "last run"):
        table.add_column(col)
    for key, site in sorted(all_sites().items()):
        summary = summaries.get(key)
        last = "never"
        if summary is not None and summary.last_run_started is not None:
            last = f"{summary.last_run_started:%Y-%m-%d %H:%M} ({summary.last_run_outcome})"
        table.add_row(
            key,
            site.name,
            ", ".join(site.domains),
            str(len(site.mirrors)),
            str(summary.articles if summary else 0),
            last,
        )
    console.print(table)
    return 0


def _site_for(url: str, key: str | None) -> Any:
    from urllib.parse import urlsplit

    from crawler.sites import all_sites

    sites = all_sites()
    if key is not None:
        if key not in sites:
            raise CliError(f"unknown site {key!r}; known: {', '.join(sorted(sites))}")
        return sites[key]
    host = (urlsplit(url).hostname or "").lower()
    for site in sites.values():
        if any(host == h or host.endswith("." + h) for h in site.hosts):
            return site
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def cmd_extract(args: argparse.Namespace) -> int:
    from crawler.model.types import CleaningRules, ExtractInput
    from pipelines.extract import extract_article
    from pipelines.worker import JobTimeout, cpu_time_limit

    config = _config()
    limit = config.extract_max_bytes
    path = Path(args.path)
    try:
        # One byte past the limit tells "too large" without reading an endless file to its end.
        with path.open("rb") as fh:
            body = fh.read(limit + 1)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    if len(body) > limit:
        raise CliError(
            f"{path} is larger than {limit} bytes (NEWSARCHIVE_EXTRACT_MAX_BYTES): "
            "not extracted, the crawl records such a page as too_large"
        )
    site = _site_for(args.url, args.site)
    rules = site.cleaning if site is not None else CleaningRules()
    headers = {"content-type": args.content_type}
    inp = ExtractInput(url=args.url, body=body, headers=headers, rules=rules)
    try:
        with cpu_time_limit(config.extract_timeout or None, hard=False):
            result = extract_article(inp, max_bytes=limit)
    except JobTimeout as exc:
        raise CliError(
            f"extraction of {path} {exc} (NEWSARCHIVE_EXTRACT_TIMEOUT): "
            "the crawl records such a page as extract_timeout"
        ) from None
    record = _jsonable(asdict(result))
    record["site"] = site.key if site is not None else None
    if not args.explain:
        record.pop("dropped", None)
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0 if result.outcome == "ok" else 1


def cmd_export(args: argparse.Namespace) -> int:
    from db.read import EXPORT_FIELDS, VERSION_FIELDS, iter_articles

    config = _config()
    since = _parse_since(args.since)
    engine = open_archive(config)
    where = archive_location(config.database_url_resolved)
    check_site(engine, args.site, where)
    out: TextIO
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise CliError(f"cannot write {args.output}: {exc.strerror}") from None
    else:
        out = sys.stdout
    count = 0
    try:
        records = iter_articles(engine, site=args.site, since=since, all_versions=args.all_versions)
        fields = [*EXPORT_FIELDS, *(VERSION_FIELDS if args.all_versions else ())]
        if args.format == "jsonl":
            for rec in records:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
        else:
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            for rec in records:
                rec["urls"] = " ".join(rec["urls"])
                rec["authors"] = "; ".join(rec["authors"])
                rec["agencies"] = "; ".join(rec["agencies"])
                rec["tags"] = "; ".join(rec["tags"])
                writer.writerow(rec)
                count += 1
    finally:
        if out is not sys.stdout:
            out.close()
    what = "article versions" if args.all_versions else "articles"
    print(f"exported {count} {what} from {where}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from crawler.tables import RUN_COUNT_COLUMNS, run_counts
    from db.read import archive_totals, run_rows

    config = _config()
    engine = open_archive(config)
    where = archive_location(config.database_url_resolved)
    totals = archive_totals(engine)
    if args.json:
        print(json.dumps({**totals, "archive": where}, indent=2))
        return 0
    console = Console()
    console.print(f"archive: {where}", highlight=False, soft_wrap=True)
    console.print(
        f"[bold]{totals['articles']}[/] articles at {totals['article_urls']} URLs on "
        f"{totals['sites']} sites; {totals['fetches']} fetches in {totals['runs']} runs"
    )
    for outcome, n in totals["fetches_by_outcome"].items():
        console.print(f"  {outcome:<14} {n}")
    table = Table(title="Recent runs")
    for col in ("run", "spider", "site", "started", "outcome"):
        table.add_column(col, no_wrap=True)
    for col in RUN_COUNT_COLUMNS:
        table.add_column(col, justify="right")
    for run in run_rows(engine, limit=args.runs):
        table.add_row(
            str(run.id),
            run.spider,
            run.site.key if run.site else "",
            f"{run.started_at:%Y-%m-%d %H:%M:%S}",
            run.outcome,
            *run_counts(run),
        )
    console.print(table)
    return 0


def _engine(config: AppConfig, *, create: bool = True) -> Any:
    return database_engine(config.database_url_resolved, create=create)


def cmd_db(args: argparse.Namespace) -> int:
    from db.engine import current_revision, head_revision, upgrade

    config = _config()
    if args.action == "upgrade":
        engine = _engine(config, create=False)  # upgrading an empty database creates the archive
    else:
        engine = open_archive(config, check_schema=False)
    try:
        if args.action == "upgrade":
            upgrade(engine)
            print(f"archive at schema revision {current_revision(engine)} (head)")
        else:
            rev = current_revision(engine)
            head = head_revision()
            state = "up to date" if rev == head else f"head is {head}"
            print(f"{rev or 'empty (no schema yet)'} ({state})")
    except Exception as exc:
        raise CliError(f"database: {_one_line(exc)}") from None
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.demo import run_demo

    return run_demo(_config().data_dir / "demo")


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Archive news sites: discover, fetch, extract, deduplicate, store.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("crawl", help="run one crawl (in its own process)")
    p.add_argument("site", help="a declared site key (see `newsarchive sites`) or `generic`")
    p.add_argument(
        "--url",
        help="entry point: for generic, any homepage/feed/sitemap; for a "
        "declared site, a copy or mirror of it",
    )
    p.add_argument(
        "-a", dest="arg", action="append", metavar="NAME=VALUE", help="spider argument (repeatable)"
    )
    p.add_argument(
        "-s", dest="set", action="append", metavar="NAME=VALUE", help="Scrapy setting (repeatable)"
    )
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("sites", help="declared sites with their last run")
    p.set_defaults(func=cmd_sites)

    p = sub.add_parser("extract", help="print, as JSON, what the crawl would archive for a page")
    p.add_argument("path", help="a saved HTML page")
    p.add_argument("--url", required=True, help="the URL the page was fetched from")
    p.add_argument("--site", help="site key whose cleaning rules apply (default: by URL host)")
    p.add_argument("--content-type", default="text/html", help="as the server declared it")
    p.add_argument("--explain", action="store_true", help="list every dropped line and its rule")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("export", help="write the archive's articles as JSON lines or CSV")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--site", help="only this site key")
    p.add_argument("--since", help="only articles first archived on or after this ISO date")
    p.add_argument("--output", help="file to write (default: standard output)")
    p.add_argument(
        "--all-versions",
        action="store_true",
        help="one record per version of each article (default: its latest version only)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="archive totals and recent runs")
    p.add_argument("--runs", type=int, default=15, help="how many recent runs to list")
    p.add_argument("--json", action="store_true", help="totals as JSON")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("db", help="schema migrations")
    p.add_argument("action", choices=("upgrade", "current"))
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("demo", help="serve the demo web, crawl it into a fresh archive, summarise")
    p.set_defaults(func=cmd_demo)
    register_ops(sub)
    register_archive(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"newsarchive: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `newsarchive export | head`: the reader left; that is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
