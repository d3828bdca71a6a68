"""`newsarchive search`: the archive's full-text search from the command line."""

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

MAX_LIMIT = 1000


def cmd_search(args: argparse.Namespace) -> int:
    from db.search import SearchQueryError, search

    config = _config()
    since = _parse_since(args.since)
    limit = int(args.limit) if args.limit.isdigit() else 0
    if not 1 <= limit <= MAX_LIMIT:
        raise CliError(f"--limit takes a number from 1 to {MAX_LIMIT}, got {args.limit!r}")
    engine = open_archive(config)  # searching never creates an archive
    try:
        check_site(engine, args.site, archive_location(config.database_url_resolved))
        hits = search(engine, args.query, site=args.site, since=since, lang=args.lang, limit=limit)
    except SearchQueryError as exc:
        raise CliError(f"bad query: {exc}") from None
    finally:
        engine.dispose()
    if args.json:
        for hit in hits:
            print(json.dumps(hit.as_dict(), ensure_ascii=False))
        return 0
    _print_hits(hits, args.query)
    return 0


def _print_hits(hits: list[Any], query: str) -> None:
    """Ranked hits, the matched words highlighted on a terminal and between asterisks in plain
    text (piped, or a terminal without colour)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    styled = console.is_terminal and not console.no_color
    for number, hit in enumerate(hits, 1):
        console.print(Text(f"{number:>2}. {hit.title or '(untitled)'}", style="bold"))
        date = hit.published_at.date().isoformat() if hit.published_at else "undated"
        console.print(
            Text(f"    {hit.site} · {date} · {hit.language} · {hit.url}", style="dim"),
            soft_wrap=True,  # a URL is never broken
        )
        snippet = Text("    ")
        for piece, matched in hit.snippet:
            if matched:
                snippet.append(piece if styled else f"*{piece}*", style="bold yellow")
            else:
                snippet.append(piece)
        console.print(snippet)
        console.print()
    found = f"{len(hits)} article{'s' if len(hits) != 1 else ''}"
    Console(stderr=True, highlight=False).print(Text(f"{found} found for {query!r}"))


def register(sub: Any) -> None:
    """Add `search` to the `newsarchive` sub-command parser."""
    p = sub.add_parser(
        "search",
        help="full-text search over the archived articles",
        description="Search the archived articles' titles, descriptions and texts; the best "
        "matches first, each with a snippet of its text. Words must all occur; "
        '"a phrase" in quotes; A OR B; -word excludes; word* matches words starting with it '
        "(SQLite; PostgreSQL stems German words instead). Case, umlauts and ß/ss do not "
        "matter. Changes nothing; never creates an archive.",
    )
    p.add_argument("query", help="what to search for, e.g. 'Straße \"öffentlicher Nahverkehr\"'")
    p.add_argument("--site", metavar="KEY", help="only articles seen on this site (any URL)")
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only articles published on or after this ISO date (undated ones: first archived)",
    )
    p.add_argument("--lang", metavar="CODE", help="only articles in this language, e.g. de")
    p.add_argument("--limit", default="20", metavar="N", help="at most N (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_search)
