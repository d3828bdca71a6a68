"""Benchmark: CPU and wall time of db.store.store_batch per record.

Usage: .venv/bin/python bench/store_batch.py [--records 2000] [--batch 100]
       [--database-url URL] [--repeat 1] [--revisit]

Stores `--records` realistic fetch records (new articles with ~4 KB of text, a MinHash
signature and 42 LSH band keys each; ~10% copies of earlier texts at other URLs; a few
discovery pages) in batches of `--batch`, as the crawl's StorePipeline does, into a fresh
archive (default: a temporary SQLite file; a PostgreSQL URL gets a fresh schema that is dropped
afterwards). Prints CPU (time.process_time: this process and its threads, the driver's work
included) and wall time per record. The records and signatures are made before timing starts.
With --revisit the same pages are stored a second time an hour later (unchanged revisits).
With --against REV each run also stores the records into an archive at schema revision REV
(an earlier schema: what a later revision's triggers or indexes cost), the two taking turns,
and prints the ratio of their wall times.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from bench.pgschema import scratch_schema  # noqa: E402
from bench.records import HTML, bench_record  # noqa: E402
from crawler.model.hashing import content_hash  # noqa: E402
from db.engine import make_engine, upgrade  # noqa: E402
from db.records import ArticleData, FetchRecord, StorePolicy  # noqa: E402
from db.store import store_batch  # noqa: E402
from pipelines.neardup import band_keys, signature  # noqa: E402

T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
SEED = 20261120

_SYLLABLES = (
    "ber", "lin", "stadt", "rat", "haus", "mit", "tag", "woch", "ver", "kehr", "schul", "bau",
    "land", "kreis", "wahl", "feuer", "wehr", "polizei", "markt", "platz", "kultur", "sport",
    "ver", "ein", "bahn", "hof", "energie", "preis", "mieter", "wohn", "ung", "gericht",
)  # fmt: skip
_SMALL = ("der", "die", "das", "und", "im", "am", "nach", "für", "mit", "über", "bei", "zum")


def _text(rng: random.Random, size: int = 4000) -> str:
    """German-looking prose of about `size` characters (random words: no two texts alike)."""
    sentences: list[str] = []
    length = 0
    while length < size:
        words = [
            rng.choice(_SMALL)
            if rng.random() < 0.3
            else "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(6, 16))
        ]
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        length += len(sentence) + 1
    return " ".join(sentences)


def make_records(n: int, seed: int = SEED) -> list[FetchRecord]:
    """`n` records as the crawl makes them: ~87% new articles, ~10% copies, ~3% discovery."""
    rng = random.Random(seed)
    records: list[FetchRecord] = []
    texts: list[str] = []
    for i in range(n):
        at = T0 + timedelta(seconds=i)
        if i % 33 == 32:
            url = f"https://bench.example/ressort/{i}"
            records.append(
                _sitemap_record(
                    url,
                    i,
                    at,
                    kind="discovery",
                    outcome="discovery",
                    content_length=20_000,
                    payload_digest=f"sha1:D{i:06d}",
                    etag=f'"d{i}"',
                )
            )
            continue
        if texts and rng.random() < 0.1:
            body = rng.choice(texts)  # the same text at another URL: a duplicate
        else:
            body = _text(rng)
            texts.append(body)
        sig = signature(body)
        assert sig is not None
        url = f"https://bench.example/artikel/{i}"
        records.append(
            _sitemap_record(
                url,
                i,
                at,
                content_length=len(body) * 3,
                payload_digest=f"sha1:A{i:06d}",
                article=ArticleData(
                    content_hash=content_hash(body),
                    text=body,
                    language="de",
                    title=body[:60],
                    canonical_url=url,
                    published_at=at - timedelta(hours=2),
                    published_at_raw=(at - timedelta(hours=2)).isoformat(),
                    authors=["Erika Muster"],
                    description=body[:150],
                    tags=["Stadt", "Politik"],
                    section="Lokales",
                    site_name="Bench",
                    image_url=f"https://bench.example/img/{i}.jpg",
                    signature=sig,
                    band_keys=band_keys(sig),
                ),
                etag=f'"a{i}"',
                last_modified="Fri, 20 Nov 2026 04:00:00 GMT",
            )
        )
    return records


def _sitemap_record(url: str, i: int, at: datetime, **fields: Any) -> FetchRecord:
    """The `i`-th fetch of a sitemap-found HTML page, at its own place in one WARC file."""
    return bench_record(
        url,
        at,
        source="sitemap",
        content_type=HTML,
        warc_file="bench-00000.warc.gz",
        warc_offset=i * 9000,
        warc_length=8000,
        encoding="utf-8",
        url_key=url,
        **fields,
    )


@contextmanager
def archive(url: str | None, revision: str = "head") -> Iterator[Engine]:
    """A fresh archive at `revision`: a temporary SQLite file, or a new PostgreSQL schema."""
    if url is None or url.startswith("sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(url or f"sqlite:///{tmp}/archive.sqlite")
            upgrade(engine, revision)
            try:
                yield engine
            finally:
                engine.dispose()
        return
    with scratch_schema(url, "bench") as schema_url:
        engine = make_engine(schema_url)
        try:
            upgrade(engine, revision)
            yield engine
        finally:
            engine.dispose()


def timed(engine: Engine, records: Sequence[FetchRecord], batch: int) -> tuple[float, float]:
    """CPU and wall seconds of storing `records` in batches of `batch`."""
    policy = StorePolicy()
    cpu = wall = 0.0
    for start in range(0, len(records), batch):
        chunk = records[start : start + batch]
        c0, w0 = time.process_time(), time.perf_counter()
        store_batch(engine, None, chunk, policy=policy)
        cpu += time.process_time() - c0
        wall += time.perf_counter() - w0
    return cpu, wall


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=1, help="runs, each on a fresh archive")
    parser.add_argument("--revisit", action="store_true", help="also time unchanged revisits")
    parser.add_argument(
        "--against", metavar="REV", help="also store into an archive at this schema revision"
    )
    args = parser.parse_args(argv)

    records = make_records(args.records)
    later = [replace(r, fetched_at=r.fetched_at + timedelta(hours=1)) for r in records]
    n = len(records)
    backend = (args.database_url or "sqlite").split(":", 1)[0]
    for run in range(1, args.repeat + 1):
        if args.against is not None:
            measured = {}
            for revision in (args.against, "head")[:: 1 if run % 2 else -1]:  # turns
                with archive(args.database_url, revision) as engine:
                    measured[revision] = timed(engine, records, args.batch)
            (cpu_then, wall_then), (cpu_now, wall_now) = measured[args.against], measured["head"]
            print(
                f"{backend} run {run}: new {n} records: at {args.against} "
                f"cpu {cpu_then / n * 1000:.3f} wall {wall_then / n * 1000:.3f} ms/record, "
                f"at head cpu {cpu_now / n * 1000:.3f} wall {wall_now / n * 1000:.3f} ms/record: "
                f"wall ratio {wall_now / wall_then:.3f}"
            )
            continue
        with archive(args.database_url) as engine:
            cpu, wall = timed(engine, records, args.batch)
            print(
                f"{backend} run {run}: new  {n} records, batch {args.batch}: "
                f"cpu {cpu / n * 1000:.3f} ms/record, wall {wall / n * 1000:.3f} ms/record"
            )
            if args.revisit:
                cpu, wall = timed(engine, later, args.batch)
                print(
                    f"{backend} run {run}: revisit {n} records: "
                    f"cpu {cpu / n * 1000:.3f} ms/record, wall {wall / n * 1000:.3f} ms/record"
                )


if __name__ == "__main__":
    main()
