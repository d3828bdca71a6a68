"""Benchmark: full-text search latency at scale, beside a LIKE/ILIKE scan.

Usage: .venv/bin/python bench/search_archive.py [--articles 100000] [--db sqlite|postgresql|both]
       [--rounds 5] [--postgres-url URL] [--keep DIR]

Builds an archive of `--articles` synthetic German articles (~3 KB of text each, words drawn
from a Zipf-distributed vocabulary of 40,000 words, as in real prose a few words are everywhere
and most are rare; five sites, one article in ten also seen on a second site, 90% German; a
common term in ~10% of the articles, a medium one in ~1%, a rare one in ~0.05%, a phrase in ~2%),
inserted in bulk (the search index is built by the schema's own triggers or generated column, as
the store's writes build it). Then runs a set of typical queries (single word rare and common,
two words, a phrase, with and without filters) `--rounds` times each through db.search.search
and the same words as a LIKE (SQLite) / ILIKE (PostgreSQL) scan of title and text, newest first,
and prints the median and p95 wall time of each and its mean CPU time (this process and, on
PostgreSQL, the server's backend: on a loaded machine the CPU time is what an idle one's
latency would be, as the index is in memory). The SQLite archive is a file in a temporary
folder (`--keep DIR`: kept there and reused by the next run with the same size); PostgreSQL gets
a fresh schema that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, insert, select, text  # noqa: E402

from bench.pgschema import scratch_schema  # noqa: E402
from crawler.model.hashing import content_hash  # noqa: E402
from db.engine import ensure_schema, make_engine  # noqa: E402
from db.models import Article, ArticleUrl, Site  # noqa: E402
from db.search import search  # noqa: E402

SEED = 20261203
T0 = datetime(2025, 1, 1, tzinfo=UTC)
SITES = ("nordkurier", "suedblick", "westpost", "ostbote", "rundschau")
_SYLLABLES = (
    "ber", "lin", "stadt", "rat", "haus", "mit", "tag", "woch", "ver", "kehr", "schul", "bau",
    "land", "kreis", "wahl", "feuer", "wehr", "polizei", "markt", "platz", "kultur", "sport",
    "ein", "bahn", "hof", "energie", "preis", "mieter", "wohn", "ung", "gericht", "see", "wald",
    "stein", "burg", "feld", "bach", "berg", "dorf", "heim",
)  # fmt: skip
# Planted terms with the share of articles holding them.
COMMON, MEDIUM, RARE = ("Windkraftanlage", 0.10), ("Bürgermeisterin", 0.01), ("Quarantäne", 0.0005)
PHRASE = ("öffentlicher Nahverkehr", 0.02)
QUERIES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("rare word", "Quarantäne", {}),
    ("medium word", "Bürgermeisterin", {}),
    ("common word", "Windkraftanlage", {}),
    ("two words", "Bürgermeisterin Windkraftanlage", {}),
    ("phrase", '"öffentlicher Nahverkehr"', {}),
    ("common word, site", "Windkraftanlage", {"site": "westpost"}),
    ("medium word, since", "Bürgermeisterin", {"since": T0 + timedelta(days=500)}),
    ("common word, lang", "Windkraftanlage", {"lang": "en"}),
)


# The schema's GIN index over the search vectors (migration 0006), dropped while the bench loads.
PG_SEARCH_INDEX = (
    "ix_articles_search_vector",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)


def vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def corpus(n: int) -> Iterator[dict[str, Any]]:
    """`n` article rows (with `sites`: the keys of the sites they were seen on, first first)."""
    rng = random.Random(SEED)
    words = vocabulary(rng)
    rng.shuffle(words)
    weights = list(accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(words))))
    for i in range(n):
        body = rng.choices(words, cum_weights=weights, k=420)
        for term, share in (COMMON, MEDIUM, RARE, PHRASE):
            if rng.random() < share:
                body.insert(rng.randrange(len(body)), term)
        sentences = [" ".join(body[j : j + 12]).capitalize() + "." for j in range(0, 420, 12)]
        text_ = " ".join(sentences)
        title = " ".join(rng.choices(words, cum_weights=weights, k=7)).capitalize()
        seen = T0 + timedelta(minutes=10 * i)
        sites = [SITES[i % 5]] + ([SITES[(i + 2) % 5]] if i % 10 == 0 else [])
        yield {
            "content_hash": content_hash(f"{i}:{text_}"),
            "url": f"https://{sites[0]}.example/artikel/{i}",
            "title": title,
            "text": text_,
            "description": text_[:150],
            "language": "en" if i % 10 == 3 else "de",
            "published_at": None if i % 20 == 7 else seen - timedelta(hours=3),
            "first_seen_at": seen,
            "last_seen_at": seen,
            "sites": sites,
        }


def build(engine: Engine, n: int, batch: int = 5000) -> float:
    """Fill an empty archive with `n` articles; the seconds it took."""
    start = time.perf_counter()
    postgresql = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        conn.execute(insert(Site), [{"key": k, "name": k.title()} for k in SITES])
        site_ids = dict(conn.execute(select(Site.key, Site.id)).all())
        if postgresql:  # one GIN build after the load costs far less than 100,000 updates of it
            conn.execute(text(f"DROP INDEX {PG_SEARCH_INDEX[0]}"))
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as conn:
            ids = conn.execute(
                insert(Article).returning(Article.id, sort_by_parameter_order=True),
                [{k: v for k, v in r.items() if k != "sites"} for r in rows],
            ).scalars()
            sightings = [
                {
                    "article_id": article_id,
                    "site_id": site_ids[key],
                    "url": f"https://{key}.example/a/{article_id}",
                    "first_seen_at": r["first_seen_at"],
                    "last_seen_at": r["last_seen_at"],
                }
                for article_id, r in zip(ids, rows, strict=True)
                for key in r["sites"]
            ]
            conn.execute(insert(ArticleUrl), sightings)
        rows.clear()

    for done, row in enumerate(corpus(n), 1):
        row["site_id"] = site_ids[row["sites"][0]]
        rows.append(row)
        if len(rows) == batch:
            flush()
            print(f"  {done} articles", end="\r", flush=True)
    if rows:
        flush()
    if postgresql:
        with engine.begin() as conn:
            conn.execute(text(PG_SEARCH_INDEX[1]))
    return time.perf_counter() - start


def like_scan(engine: Engine, query: str, **filters: Any) -> list[int]:
    """The same words found without the index: every word in title or text, newest first."""
    words = [w.strip('"') for w in query.split()] if '"' not in query else [query.strip('"')]
    op = "ILIKE" if engine.dialect.name == "postgresql" else "LIKE"
    where = [f"(a.title {op} :w{i} OR a.text {op} :w{i})" for i in range(len(words))]
    params: dict[str, Any] = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    if "site" in filters:
        where.append(
            "EXISTS (SELECT 1 FROM article_urls u JOIN sites s ON s.id = u.site_id "
            "WHERE u.article_id = a.id AND s.key = :site)"
        )
        params["site"] = filters["site"]
    if "since" in filters:
        where.append("coalesce(a.published_at, a.first_seen_at) >= :since")
        since = filters["since"]
        params["since"] = since.replace(tzinfo=None) if op == "LIKE" else since
    if "lang" in filters:
        where.append("a.language = :lang")
        params["lang"] = filters["lang"]
    sql = (
        f"SELECT a.id FROM articles a WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(a.published_at, a.first_seen_at) DESC LIMIT 20"
    )
    with engine.connect() as conn:
        return list(conn.execute(text(sql), params).scalars())


def backend_cpu(engine: Engine) -> Callable[[], float]:
    """CPU seconds used so far by the database's side of the engine's one connection: the
    PostgreSQL backend process (this machine's /proc), nothing for SQLite (in-process)."""
    if engine.dialect.name != "postgresql":
        return lambda: 0.0
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    ticks = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

    return used


def timings(
    call: Callable[[], object], rounds: int, server: Callable[[], float]
) -> tuple[list[float], float]:
    """Wall milliseconds of each call, and the mean CPU milliseconds of a call (this process
    and the database server's process): the machine's load stretches the first, hardly the
    second."""
    walls = []
    cpu0, server0 = time.process_time(), server()
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        walls.append((time.perf_counter() - start) * 1000)
    cpu = time.process_time() - cpu0 + server() - server0
    return walls, cpu / rounds * 1000


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(engine: Engine, rounds: int, scan_rounds: int, backend: str) -> None:
    engine.dispose()  # used one at a time from here on: one connection, one backend to watch
    server = backend_cpu(engine)
    search_all: list[float] = []
    like_all: list[float] = []
    search_cpu: list[float] = []
    like_cpu: list[float] = []
    heading = (
        f"{'query':<22} {'hits':>4}  search: wall ms median / p95, cpu ms"
        "  LIKE scan: wall ms, cpu ms"
    )
    print(f"{backend}: {heading}")
    for name, query, filters in QUERIES:
        hits = len(search(engine, query, **filters))
        found, cpu = timings(partial(search, engine, query, **filters), rounds, server)
        scanned, scan_cpu = timings(
            partial(like_scan, engine, query, **filters), scan_rounds, server
        )
        search_all += found
        like_all += scanned
        search_cpu.append(cpu)
        like_cpu.append(scan_cpu)
        print(
            f"{backend}: {name:<22} {hits:>4}  {statistics.median(found):>8.1f} / "
            f"{p95(found):>6.1f}, {cpu:>6.1f}  {statistics.median(scanned):>8.0f}, "
            f"{scan_cpu:>6.0f}"
        )
    print(
        f"{backend}: all queries: search wall p95 {p95(search_all):.1f} ms "
        f"(median {statistics.median(search_all):.1f}), cpu per query mean "
        f"{statistics.mean(search_cpu):.1f} ms (highest {max(search_cpu):.1f}); LIKE scan wall "
        f"p95 {p95(like_all):.0f} ms (median {statistics.median(like_all):.0f}), cpu mean "
        f"{statistics.mean(like_cpu):.0f} ms"
    )


@contextmanager
def sqlite_archive(n: int, keep: str | None) -> Iterator[Engine]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        engine = make_engine(f"sqlite:///{folder / f'search-{n}.sqlite'}")
        ensure_schema(engine)
        try:
            yield engine
        finally:
            engine.dispose()


@contextmanager
def postgresql_archive(url: str, keep: bool) -> Iterator[Engine]:
    with scratch_schema(url, "bench_search", keep=keep) as schema_url:
        engine = make_engine(schema_url)
        try:
            ensure_schema(engine)
            yield engine
        finally:
            engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=9, help="runs of each query")
    parser.add_argument("--scan-rounds", type=int, default=2, help="runs of each LIKE scan")
    parser.add_argument(
        "--postgres-url", default="postgresql://postgres@127.0.0.1:5432/test", metavar="URL"
    )
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the SQLite archive here")
    args = parser.parse_args(argv)
    archives: list[tuple[str, Any]] = []
    if args.db in ("sqlite", "both"):
        archives.append(("sqlite", sqlite_archive(args.articles, args.keep)))
    if args.db in ("postgresql", "both"):
        archives.append(
            ("postgresql", postgresql_archive(args.postgres_url, args.keep is not None))
        )
    for backend, archive in archives:
        run(backend, archive, args.articles, args.rounds, args.scan_rounds)


def run(backend: str, archive: Any, articles: int, rounds: int = 9, scan_rounds: int = 2) -> None:
    """Build (or reuse) the archive `archive` (sqlite_archive or postgresql_archive) with
    `articles` articles and print the search and LIKE scan latencies."""
    with archive as engine:
        with engine.connect() as conn:
            have = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        if have != articles:
            if have:
                raise SystemExit(f"{engine.url} holds {have} articles, not {articles}")
            seconds = build(engine, articles)
            print(f"{backend}: built {articles} articles in {seconds:.0f} s")
        if backend == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        measure(engine, rounds, scan_rounds, backend)


if __name__ == "__main__":
    main()
