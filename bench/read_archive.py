"""Benchmark: reading a large archive: the Parquet export and loading it, beside db.read and JSONL.

Usage: .venv/bin/python bench/read_archive.py [--articles 100000] [--db sqlite|postgresql|both]
       [--database-url URL]

Builds an archive of `--articles` synthetic articles fast (bulk inserts, not the crawl's
store): ~3.3 KB of German-looking text each, 20% also sighted on an aggregator site, 10% with
a second version, every sighting with its fetch and a WARC pointer. Then runs each task in a
process of its own and reports its wall time (measured inside the process, after its imports)
its CPU time (this process and its threads: the figure to compare on a loaded machine) and
the peak RSS of that process (its high-water mark, imports included):

- `newsarchive export --format parquet`, then loading articles.parquet into pandas and into
  polars, all columns and two (`id`, `published_at`);
- without the Parquet export: db.read.iter_articles into a pandas DataFrame;
  `newsarchive export --format jsonl`, then `pd.read_json(lines=True)`.

Last, unless `--no-search`, the search latency part of bench/search_archive.py (its own
archive, whose text has planted words of known frequency): p95 of db.search.search and of a
LIKE scan without the index.

PostgreSQL (`--db postgresql|both`) uses a throwaway schema at `--database-url` (default
postgresql://postgres@127.0.0.1:5432/test).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, insert  # noqa: E402

from bench import search_archive  # noqa: E402
from bench.pgschema import scratch_schema  # noqa: E402
from bench.records import SITE_KEY, SITE_NAME  # noqa: E402
from crawler.model.hashing import content_hash  # noqa: E402
from db.engine import ensure_schema, make_engine  # noqa: E402
from db.models import Article, ArticleUrl, ArticleVersion, Fetch, Site  # noqa: E402

T0 = datetime(2026, 1, 1, 6, 0, tzinfo=UTC)
SEED = 20261203
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
CHUNK = 5000
EXTRACTOR = "newsarchive-extract/1 trafilatura/2.3.1"

_WORDS = [
    "Stadtrat",
    "Haushalt",
    "Verkehr",
    "Schule",
    "Bahnhof",
    "Energie",
    "Preis",
    "Mieter",
    "Wohnung",
    "Gericht",
    "Kreis",
    "Wahl",
    "Feuerwehr",
    "Polizei",
    "Markt",
    "Platz",
    "Kultur",
    "Sport",
    "Verein",
    "Brücke",
    "Straße",
    "Öffentlichkeit",
    "Bürger",
    "Gemeinde",
    "beschließt",
    "verschiebt",
    "fordert",
    "kritisiert",
    "plant",
    "prüft",
    "eröffnet",
    "neue",
    "alte",
    "große",
    "der",
    "die",
    "das",
    "und",
    "im",
    "am",
    "nach",
    "für",
    "mit",
    "über",
    "bei",
    "zum",
    "vom",
]


def _paragraphs(rng: random.Random, count: int = 2000) -> list[str]:
    """Sentences of ~400 characters, composed into texts (making each text word by word would
    take longer than the benchmark)."""
    out = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(45, 65))]
        out.append(" ".join(words).capitalize() + ".")
    return out


def build(engine: Engine, articles: int) -> dict[str, int]:
    """Fill an empty archive with `articles` synthetic articles; the row counts."""
    rng = random.Random(SEED)
    paragraphs = _paragraphs(rng)
    with engine.begin() as conn:
        conn.execute(
            insert(Site), [{"key": SITE_KEY, "name": SITE_NAME}, {"key": "agg", "name": "Agg"}]
        )
    site_id, agg_id = 1, 2
    counts = {"articles": 0, "sightings": 0, "versions": 0, "fetches": 0}
    fetch_id = 0
    for start in range(1, articles + 1, CHUNK):
        rows: dict[str, list[dict[str, Any]]] = {"a": [], "u": [], "v": [], "f": []}
        for i in range(start, min(start + CHUNK, articles + 1)):
            text = "\n".join(rng.sample(paragraphs, 8)) + f"\nMeldung {i}."
            seen = T0 + timedelta(minutes=5 * i)
            url = f"https://bench.example/{seen:%Y/%m/%d}/meldung-{i}.html"
            two = i % 10 == 0
            rows["a"].append(
                {
                    "id": i,
                    "content_hash": content_hash(text + (" (2)" if two else "")),
                    "site_id": site_id,
                    "url": url,
                    "canonical_url": url,
                    "title": f"Meldung {i}: " + paragraphs[i % len(paragraphs)][:60],
                    "text": text + (" (2)" if two else ""),
                    "language": "de" if i % 20 else "en",
                    "published_at": None if i % 25 == 0 else seen - timedelta(hours=1),
                    "published_at_raw": None,
                    "modified_at": None,
                    "authors": ["Anna Beispiel"] if i % 3 else [],
                    "description": paragraphs[(i * 7) % len(paragraphs)][:150],
                    "tags": ["Politik", "Stadt"][: i % 3],
                    "section": "Lokales",
                    "site_name": SITE_NAME,
                    "image_url": None,
                    "extractor": EXTRACTOR,
                    "first_seen_at": seen,
                    "last_seen_at": seen + timedelta(days=1 if two else 0),
                    "version": 2 if two else 1,
                    "cluster_id": i - i % 7 or i,
                }
            )
            sightings = [(site_id, url, seen)]
            if i % 5 == 0:
                sightings.append((agg_id, f"https://agg.example/n/{i}", seen + timedelta(hours=2)))
            for sid, at, when in sightings:
                fetch_id += 1
                rows["f"].append(_fetch(fetch_id, sid, at, when, i, "archived"))
                rows["u"].append(
                    {
                        "article_id": i,
                        "site_id": sid,
                        "url": at,
                        "first_seen_at": when,
                        "last_seen_at": when,
                        "times_seen": 1,
                    }
                )
            versions = [(1, text, seen, fetch_id - len(sightings) + 1, "crawl")]
            if two:
                fetch_id += 1
                later = seen + timedelta(days=1)
                rows["f"].append(_fetch(fetch_id, site_id, url, later, i, "new_version"))
                versions.append((2, text + " (2)", later, fetch_id, "revisit"))
            for number, body, when, fid, origin in versions:
                rows["v"].append(
                    {
                        "article_id": i,
                        "version": number,
                        "content_hash": content_hash(body),
                        "title": None,
                        "text": body,
                        "modified_at": None,
                        "seen_at": when,
                        "url": url,
                        "fetch_id": fid,
                        "origin": origin,
                        "extractor": EXTRACTOR,
                    }
                )
        with engine.begin() as conn:
            conn.execute(insert(Article), rows["a"])
            conn.execute(insert(Fetch), rows["f"])
            conn.execute(insert(ArticleUrl), rows["u"])
            conn.execute(insert(ArticleVersion), rows["v"])
        for key, name in (("articles", "a"), ("sightings", "u"), ("versions", "v")):
            counts[key] += len(rows[name])
        counts["fetches"] = fetch_id
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # ids were given: the sequences follow
            for table in ("articles", "fetches", "article_urls", "article_versions"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
    return counts


def _fetch(
    fid: int, sid: int, url: str, when: datetime, article: int, outcome: str
) -> dict[str, Any]:
    return {
        "id": fid,
        "run_id": None,
        "site_id": sid,
        "url": url,
        "requested_url": url,
        "kind": "article",
        "source": "sitemap",
        "status": 200,
        "fetched_at": when,
        "content_type": "text/html; charset=utf-8",
        "content_length": 60000,
        "payload_digest": None,
        "warc_file": f"warc/bench-{fid // 20000:05d}.warc.gz",
        "warc_offset": (fid % 20000) * 15000,
        "warc_length": 14000,
        "outcome": outcome,
        "error": None,
        "encoding": "utf-8",
        "article_id": article,
        "hints": None,
    }


# ----------------------------------------------------------------------- tasks (child process)


def _task(name: str, url: str, work: Path) -> None:
    from crawler.cli import main as cli

    dataset, jsonl = work / "dataset", work / "articles.jsonl"
    os.environ["DATABASE_URL"] = url
    os.environ["NEWSARCHIVE_DATA_DIR"] = str(work)
    if "pandas" in name or name == "iter_articles_dataframe":
        import pandas as pd
    if "polars" in name:
        import polars as pl
    two = ["id", "published_at"]
    tasks: dict[str, Callable[[], object]] = {
        "parquet_export": lambda: cli(["export", "--format", "parquet", "--output", str(dataset)]),
        "parquet_pandas_all": lambda: pd.read_parquet(dataset / "articles.parquet"),
        "parquet_pandas_two": lambda: pd.read_parquet(dataset / "articles.parquet", columns=two),
        "parquet_polars_all": lambda: pl.read_parquet(dataset / "articles.parquet"),
        "parquet_polars_two": lambda: pl.read_parquet(dataset / "articles.parquet", columns=two),
        "iter_articles_dataframe": lambda: _dataframe(url),
        "jsonl_export": lambda: cli(["export", "--output", str(jsonl)]),
        "jsonl_pandas": lambda: pd.read_json(jsonl, lines=True),
    }
    started, cpu = time.perf_counter(), time.process_time()
    tasks[name]()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": peak}))


def _dataframe(url: str) -> object:
    import pandas as pd

    from db.read import iter_articles

    engine = make_engine(url)
    return pd.DataFrame(list(iter_articles(engine)))


TASKS = (
    ("parquet_export", "Parquet export (`export --format parquet`)"),
    ("parquet_pandas_all", "articles.parquet into pandas, all columns"),
    ("parquet_pandas_two", "articles.parquet into pandas, two columns"),
    ("parquet_polars_all", "articles.parquet into polars, all columns"),
    ("parquet_polars_two", "articles.parquet into polars, two columns"),
    ("iter_articles_dataframe", "without: db.read.iter_articles into pandas"),
    ("jsonl_export", "without: `export --format jsonl`"),
    ("jsonl_pandas", "without: JSONL into pandas (`read_json(lines=True)`)"),
)


def run_backend(url: str, articles: int) -> dict[str, dict[str, float]]:
    engine = make_engine(url)
    ensure_schema(engine)
    started = time.perf_counter()
    counts = build(engine, articles)
    engine.dispose()
    print(f"  built {counts} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="read-archive-") as work:
        for name, _ in TASKS:
            out = subprocess.run(
                [sys.executable, __file__, "--task", name, "--database-url", url, "--work", work],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                raise SystemExit(f"{name} failed: {out.stderr.strip().splitlines()[-1:]}")
            results[name] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {name}: {results[name]}", file=sys.stderr)
        sizes = {
            "parquet_export": sum(p.stat().st_size for p in (Path(work) / "dataset").iterdir()),
            "jsonl_export": (Path(work) / "articles.jsonl").stat().st_size,
        }
        for name, size in sizes.items():
            results[name]["size"] = size
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search latency part (bench/search_archive.py)",
    )
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        _task(args.task, args.database_url, Path(args.work))
        return
    backends = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for backend in backends:
        print(f"{backend}: {args.articles} articles", file=sys.stderr)
        if backend == "sqlite":
            with tempfile.TemporaryDirectory(prefix="read-archive-db-") as where:
                results[backend] = run_backend(f"sqlite:///{where}/archive.sqlite", args.articles)
        else:
            with scratch_schema(args.database_url or PG_URL, "bench_read") as url:
                results[backend] = run_backend(url, args.articles)
    head = " | ".join(f"{b}: s (CPU s) / peak MB" for b in backends)
    print(f"\n| task ({args.articles:,} articles) | {head} |")
    print("| --- |" + " ---: |" * len(backends))
    for name, label in TASKS:
        cells = []
        for backend in backends:
            r = results[backend][name]
            size = f" ({r['size'] / 1e6:.0f} MB file)" if "size" in r else ""
            cells.append(
                f"{r['seconds']:.2f} ({r.get('cpu', float('nan')):.2f}) / "
                f"{r['peak'] / 1e6:.0f}{size}"
            )
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.no_search:
        return
    print(f"\nsearch latency ({args.articles:,} articles, bench/search_archive.py's archive):")
    for backend in backends:
        archive = (
            search_archive.sqlite_archive(args.articles, None)
            if backend == "sqlite"
            else search_archive.postgresql_archive(args.database_url or PG_URL, False)
        )
        search_archive.run(backend, archive, args.articles)


if __name__ == "__main__":
    main()
