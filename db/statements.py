"""The archive's write statements, built once, and the row values they take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Text, bindparam, delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import (
    Article,
    ArticleBand,
    ArticleSignature,
    ArticleUrl,
    ArticleVersion,
    Fetch,
    Site,
    UrlState,
)
from db.records import KIND_ARTICLE, ArticleData, FetchRecord


def site_id(session: Session, key: str, name: str) -> int:
    """Get or create the site row; safe when another process creates it at the same time."""
    return _site_id(session.connection(), key, name)


def _site_id(conn: Connection, key: str, name: str) -> int:
    conn.execute(_upserts(conn.dialect.name).site, {"key": key, "name": name})
    return int(conn.execute(_SITE_ID, {"key": key}).scalar_one())


# --------------------------------------------------------------------------- statements
# Every statement of the store path is built once (here, or once per dialect in _upserts) and
# run with parameters: building one per record cost more than running it (SQLAlchemy derives a
# cache key from every new statement object).

_SITE_ID = select(Site.id).where(Site.key == bindparam("key"))

# The url_state columns a batch keeps in _State.
_STATE_COLUMNS = (
    UrlState.url,
    UrlState.kind,
    UrlState.first_fetched_at,
    UrlState.revisits,
    UrlState.consecutive_failures,
    UrlState.etag,
    UrlState.last_modified,
    UrlState.body_digest,
    UrlState.article_id,
)
_STATES = select(*_STATE_COLUMNS).where(UrlState.url.in_(bindparam("urls", expanding=True)))
_ARTICLE_RECORD = (
    select(*_STATE_COLUMNS)
    .where(
        UrlState.article_id == bindparam("aid"),
        UrlState.site_id == bindparam("sid"),
        UrlState.kind == KIND_ARTICLE,
    )
    .order_by(UrlState.id)
    .limit(1)
)
# Every text of the batch's records that the archive has, with its article (oldest first).
_TEXT_OWNERS = (
    select(ArticleVersion.content_hash, ArticleVersion.article_id)
    .where(ArticleVersion.content_hash.in_(bindparam("hashes", expanding=True)))
    .order_by(ArticleVersion.id)
)
_TEXT_OWNER = (
    select(ArticleVersion.article_id)
    .where(ArticleVersion.content_hash == bindparam("hash"))
    .order_by(ArticleVersion.id)
    .limit(1)
)
_TEXT_ARTICLES = (
    select(ArticleVersion.article_id)
    .where(ArticleVersion.content_hash == bindparam("hash"))
    .order_by(ArticleVersion.id)
)
_ARTICLE_HEAD = select(Article.content_hash, Article.version).where(Article.id == bindparam("id"))
_ARTICLE_WITH_HASH = select(Article.id).where(Article.content_hash == bindparam("hash"))
_VERSION_OF = select(Article.version).where(Article.id == bindparam("id"))
_CLUSTER_OF = select(Article.cluster_id).where(Article.id == bindparam("id"))
_INSERT_FETCH = insert(Fetch)
# Ids in parameter order: the versions written with the batch name their fetch.
_INSERT_FETCH_IDS = insert(Fetch).returning(Fetch.id, sort_by_parameter_order=True)
_UPDATE_FETCH = (
    update(Fetch)
    .where(Fetch.id == bindparam("_id"))
    .values(outcome=bindparam("_outcome"), article_id=bindparam("_article_id"))
)
_INSERT_VERSION = insert(ArticleVersion)
_SEEN_AGAIN = (
    update(Article)
    .where(
        Article.id == bindparam("_id"),
        Article.last_seen_at < bindparam("_seen", type_=Article.last_seen_at.type),
    )
    .values(last_seen_at=bindparam("_seen_at", type_=Article.last_seen_at.type))
)
# An article's new latest text (a revisit's or a re-extraction's). A version whose page lost
# its date keeps the date already known.
_UPDATE_TO_VERSION = (
    update(Article)
    .where(Article.id == bindparam("_id"))
    .values(
        content_hash=bindparam("_hash"),
        text=bindparam("_text"),
        title=bindparam("_title"),
        seo_title=bindparam("_seo_title"),
        language=bindparam("_language"),
        canonical_url=bindparam("_canonical"),
        published_at=func.coalesce(
            bindparam("_published", type_=Article.published_at.type), Article.published_at
        ),
        published_at_raw=func.coalesce(
            bindparam("_published_raw", type_=Text()), Article.published_at_raw
        ),
        modified_at=bindparam("_modified", type_=Article.modified_at.type),
        authors=bindparam("_authors", type_=Article.authors.type),
        agencies=bindparam("_agencies", type_=Article.agencies.type),
        description=bindparam("_description"),
        tags=bindparam("_tags", type_=Article.tags.type),
        section=bindparam("_section"),
        site_name=bindparam("_site_name"),
        image_url=bindparam("_image"),
        extractor=bindparam("_extractor"),
        version=bindparam("_version"),
    )
)
_SET_CLUSTER = (
    update(Article).where(Article.id == bindparam("aid")).values(cluster_id=bindparam("cid"))
)
_DELETE_BANDS = delete(ArticleBand).where(ArticleBand.article_id == bindparam("id"))
_DELETE_SIGNATURE = delete(ArticleSignature).where(ArticleSignature.article_id == bindparam("id"))

# The article columns written when an article is created.
_ARTICLE_INSERTED = (
    "site_id",
    "url",
    "content_hash",
    "text",
    "title",
    "seo_title",
    "language",
    "canonical_url",
    "modified_at",
    "authors",
    "agencies",
    "description",
    "tags",
    "section",
    "site_name",
    "image_url",
    "extractor",
    "published_at",
    "published_at_raw",
    "first_seen_at",
    "last_seen_at",
)
_STATE_UPDATED = (
    "kind",
    "last_fetched_at",
    "last_status",
    "etag",
    "last_modified",
    "body_digest",
    "consecutive_failures",
    "revisits",
    "next_due_at",
    "article_id",
)
_ALIAS_UPDATED = (
    "kind",
    "last_fetched_at",
    "last_status",
    "consecutive_failures",
    "next_due_at",
    "article_id",
)


@dataclass(frozen=True)
class _Upserts:
    """The INSERT … ON CONFLICT statements, which are dialect-specific."""

    site: Any
    article: Any  # RETURNING the id; none when the content hash is taken
    sighting: Any
    state: Any
    alias: Any
    signature: Any


@lru_cache(maxsize=2)
def _upserts(dialect: str) -> _Upserts:
    module: Any = postgresql if dialect == "postgresql" else sqlite

    def insert_of(model: type[Any], names: Sequence[str]) -> Any:
        return module.insert(model).values({name: bindparam(name) for name in names})

    sighting = insert_of(
        ArticleUrl, ("article_id", "site_id", "url", "first_seen_at", "last_seen_at", "times_seen")
    )
    latest = func.max if dialect == "sqlite" else func.greatest
    state = insert_of(UrlState, ("url", "site_id", "first_fetched_at", *_STATE_UPDATED))
    alias = insert_of(UrlState, ("url", "site_id", "first_fetched_at", "revisits", *_ALIAS_UPDATED))
    return _Upserts(
        site=insert_of(Site, ("key", "name")).on_conflict_do_nothing(),
        article=insert_of(Article, _ARTICLE_INSERTED)
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Article.id),
        sighting=sighting.on_conflict_do_update(
            index_elements=["article_id", "url"],
            set_={
                "times_seen": ArticleUrl.times_seen + 1,
                "last_seen_at": latest(ArticleUrl.last_seen_at, sighting.excluded.last_seen_at),
            },
        ),
        state=state.on_conflict_do_update(
            index_elements=["url"], set_={name: state.excluded[name] for name in _STATE_UPDATED}
        ),
        alias=alias.on_conflict_do_update(
            index_elements=["url"], set_={name: alias.excluded[name] for name in _ALIAS_UPDATED}
        ),
        signature=module.insert(ArticleSignature).on_conflict_do_nothing(),
    )


# An article's 42 band rows cost more in SQLAlchemy and the driver than in the database when
# sent as an executemany of parameter dicts (measured per row: ~4 us on SQLite, ~8 us on
# PostgreSQL); the rows of a whole batch are sent in one go instead (~1.8 us): as tuples
# straight to sqlite3's executemany, as three arrays to PostgreSQL.
_SQLITE_BANDS = (
    'INSERT INTO article_bands (article_id, band, "key") VALUES (?, ?, ?) ON CONFLICT DO NOTHING'
)
_POSTGRESQL_BANDS = text(
    'INSERT INTO article_bands (article_id, band, "key") '
    "SELECT * FROM unnest(CAST(:ids AS INTEGER[]), CAST(:bands AS INTEGER[]), "
    "CAST(:keys AS BIGINT[])) ON CONFLICT DO NOTHING"
)


def _insert_bands(conn: Connection, rows: Sequence[tuple[int, int, int]]) -> None:
    """Insert-or-ignore band rows (article id, band, key)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        ids, bands, keys = (list(column) for column in zip(*rows, strict=True))
        conn.execute(_POSTGRESQL_BANDS, {"ids": ids, "bands": bands, "keys": keys})
    else:
        conn.exec_driver_sql(_SQLITE_BANDS, list(rows))


def _version_values(
    article_id: int, number: int, rec: FetchRecord, art: ArticleData, *, origin: str
) -> dict[str, Any]:
    """An article_versions row (without fetch_id)."""
    return {
        "article_id": article_id,
        "version": number,
        "content_hash": art.content_hash,
        "title": art.title,
        "seo_title": art.seo_title,
        "agencies": art.agencies,
        "text": art.text,
        "modified_at": art.modified_at,
        "seen_at": rec.fetched_at,
        "url": rec.url,
        "origin": origin,
        "extractor": art.extractor,
    }


def _to_version_values(article_id: int, art: ArticleData, number: int) -> dict[str, Any]:
    """The parameters of _UPDATE_TO_VERSION."""
    return {
        "_id": article_id,
        "_hash": art.content_hash,
        "_text": art.text,
        "_title": art.title,
        "_seo_title": art.seo_title,
        "_language": art.language,
        "_canonical": art.canonical_url,
        "_published": art.published_at,
        "_published_raw": art.published_at_raw,
        "_modified": art.modified_at,
        "_authors": art.authors,
        "_agencies": art.agencies,
        "_description": art.description,
        "_tags": art.tags,
        "_section": art.section,
        "_site_name": art.site_name,
        "_image": art.image_url,
        "_extractor": art.extractor,
        "_version": number,
    }


def _article_with_text(conn: Connection, content_hash: str) -> int | None:
    """The article whose text (current or earlier) has this hash.

    Every article's texts are in article_versions (version 1 is written with the article,
    schema 0002 backfilled older archives), so one indexed lookup there answers both: a copy
    of an edited article's earlier version (a mirror not yet updated) belongs to that article,
    not to a new one.
    """
    found = conn.execute(_TEXT_OWNER, {"hash": content_hash}).scalar_one_or_none()
    return int(found) if found is not None else None


def _article_columns(art: ArticleData) -> dict[str, Any]:
    """The article columns an extraction sets, for a new article and a new version alike
    (publication date apart: a new version keeps a known date its page no longer shows)."""
    return {
        "content_hash": art.content_hash,
        "text": art.text,
        "title": art.title,
        "seo_title": art.seo_title,
        "language": art.language,
        "canonical_url": art.canonical_url,
        "modified_at": art.modified_at,
        "authors": art.authors,
        "agencies": art.agencies,
        "description": art.description,
        "tags": art.tags,
        "section": art.section,
        "site_name": art.site_name,
        "image_url": art.image_url,
        "extractor": art.extractor,
    }
