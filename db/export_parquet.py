"""The typed Parquet export: articles, sightings and versions as three files of one dataset.

Each file has an explicit schema (below; docs/schema.md documents every column): times are
`timestamp[us, tz=UTC]`, lists are `list<string>`, integers int64, and a column is nullable
exactly where the archive can hold a null. Articles are read in keyset-paged batches and each
batch is written as row groups of the three files, so memory stays bounded however large the
archive is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import ColumnElement, Engine, func, select

from db.models import Article, ArticleVersion, Site
from db.provenance import sightings_of

_TIME = pa.timestamp("us", tz="UTC")
_TEXTS = pa.list_(pa.field("item", pa.string(), nullable=False))


def _field(name: str, kind: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, kind, nullable=nullable)


# articles.parquet: the export record's fields (db.read.EXPORT_FIELDS) but its sightings,
# which are sightings.parquet.
ARTICLES_SCHEMA = pa.schema(
    [
        _field("id", pa.int64()),
        _field("url", pa.string()),
        _field("urls", _TEXTS),
        _field("canonical_url", pa.string(), True),
        _field("site", pa.string()),
        _field("title", pa.string(), True),
        _field("seo_title", pa.string(), True),
        _field("text", pa.string()),
        _field("language", pa.string()),
        _field("published_at", _TIME, True),
        _field("published_at_raw", pa.string(), True),
        _field("modified_at", _TIME, True),
        _field("authors", _TEXTS),
        _field("agencies", _TEXTS),
        _field("description", pa.string(), True),
        _field("tags", _TEXTS),
        _field("section", pa.string(), True),
        _field("image_url", pa.string(), True),
        _field("content_hash", pa.string()),
        _field("first_seen_at", _TIME),
        _field("last_seen_at", _TIME),
        _field("version", pa.int64()),
        _field("cluster_id", pa.int64(), True),
        _field("extractor", pa.string(), True),
    ]
)
# sightings.parquet: one row per URL of an article (db.provenance.SIGHTING_FIELDS).
SIGHTINGS_SCHEMA = pa.schema(
    [
        _field("article_id", pa.int64()),
        _field("site", pa.string()),
        _field("url", pa.string()),
        _field("first_seen_at", _TIME),
        _field("last_seen_at", _TIME),
        _field("times_seen", pa.int64()),
        _field("fetch_id", pa.int64(), True),
        _field("warc_file", pa.string(), True),
        _field("warc_offset", pa.int64(), True),
        _field("warc_length", pa.int64(), True),
    ]
)
# versions.parquet: every version of every article, the latest included.
VERSIONS_SCHEMA = pa.schema(
    [
        _field("article_id", pa.int64()),
        _field("version", pa.int64()),
        _field("content_hash", pa.string()),
        _field("title", pa.string(), True),
        _field("seo_title", pa.string(), True),
        _field("text", pa.string()),
        _field("modified_at", _TIME, True),
        _field("seen_at", _TIME),
        _field("url", pa.string()),
        _field("origin", pa.string()),
        _field("fetch_id", pa.int64(), True),
        _field("extractor", pa.string(), True),
        _field("agencies", _TEXTS),
    ]
)
DATASET_FILES = {
    "articles.parquet": ARTICLES_SCHEMA,
    "sightings.parquet": SIGHTINGS_SCHEMA,
    "versions.parquet": VERSIONS_SCHEMA,
}

# Article columns read straight into articles.parquet (the others are built per batch).
_ARTICLE_COLUMNS = [
    Article.__table__.c[name]
    for name in ARTICLES_SCHEMA.names
    if name not in ("urls", "site") and name in Article.__table__.c
]
_VERSION_COLUMNS = [ArticleVersion.__table__.c[name] for name in VERSIONS_SCHEMA.names]


@dataclass
class ParquetCounts:
    articles: int = 0
    sightings: int = 0
    versions: int = 0


def count_articles(engine: Engine, where: list[ColumnElement[bool]]) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Article).where(*where)) or 0)


def write_dataset(
    engine: Engine,
    directory: Path,
    where: list[ColumnElement[bool]],
    *,
    batch_size: int = 1000,
    on_batch: Callable[[int], None] | None = None,
) -> ParquetCounts:
    """Write the articles matching `where` (db.read.article_filters), their sightings and
    versions into DATASET_FILES under `directory`; `on_batch(articles)` after each batch."""
    counts = ParquetCounts()
    writers = {
        name: pq.ParquetWriter(directory / name, schema, compression="zstd")
        for name, schema in DATASET_FILES.items()
    }
    try:
        last_id = 0
        while True:
            with engine.connect() as conn:
                rows = conn.execute(
                    select(*_ARTICLE_COLUMNS, Site.key)
                    .join(Site, Site.id == Article.site_id)
                    .where(Article.id > last_id, *where)
                    .order_by(Article.id)
                    .limit(batch_size)
                ).all()
                if not rows:
                    break
                ids = [row.id for row in rows]
                sightings = sightings_of(conn, ids)
                versions = conn.execute(
                    select(*_VERSION_COLUMNS)
                    .where(ArticleVersion.article_id.in_(ids))
                    .order_by(ArticleVersion.article_id, ArticleVersion.version)
                ).all()
            _write(writers["articles.parquet"], _articles_columns(rows, sightings))
            _write(writers["sightings.parquet"], _sightings_columns(ids, sightings))
            _write(writers["versions.parquet"], _columns(VERSIONS_SCHEMA.names, versions))
            counts.articles += len(rows)
            counts.sightings += sum(len(found) for found in sightings.values())
            counts.versions += len(versions)
            last_id = ids[-1]
            if on_batch is not None:
                on_batch(len(rows))
    finally:
        for writer in writers.values():
            writer.close()
    return counts


def _write(writer: pq.ParquetWriter, columns: dict[str, list[Any]]) -> None:
    table = pa.Table.from_pydict(columns, schema=writer.schema)
    if table.num_rows:
        writer.write_table(table)


def _columns(names: list[str], rows: Sequence[Any]) -> dict[str, list[Any]]:
    """Rows (selected in `names` order, maybe with more columns after) as columns."""
    if not rows:
        return {name: [] for name in names}
    columns = zip(*rows, strict=True)
    return {name: list(column) for name, column in zip(names, columns, strict=False)}


def _articles_columns(
    rows: Sequence[Any], sightings: dict[int, list[dict[str, Any]]]
) -> dict[str, list[Any]]:
    columns = _columns([c.name for c in _ARTICLE_COLUMNS], rows)
    columns["site"] = [row[-1] for row in rows]
    columns["urls"] = [[s["url"] for s in sightings.get(row.id, [])] or [row.url] for row in rows]
    for name in ("authors", "agencies", "tags"):
        columns[name] = [list(value or []) for value in columns[name]]
    return {name: columns[name] for name in ARTICLES_SCHEMA.names}


def _sightings_columns(
    ids: list[int], sightings: dict[int, list[dict[str, Any]]]
) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name in SIGHTINGS_SCHEMA.names}
    for article_id in ids:
        for sighting in sightings.get(article_id, []):
            columns["article_id"].append(article_id)
            for name, value in sighting.items():
                columns[name].append(value)
    return columns
