"""Repository functions: the archive's writes (batched, race-safe), URL state and run records."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import groupby
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Text,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import (
    Article,
    ArticleBand,
    ArticleSignature,
    ArticleUrl,
    ArticleVersion,
    CrawlRun,
    Fetch,
    Site,
    UrlState,
    utcnow,
)

# The content hash is taken as pipelines.hashing defines it (one definition).
from pipelines.hashing import content_hash as hash_of_text
from pipelines.hashing import normalise_text

# The archive compares signatures exactly as pipelines.neardup defines them (one definition).
from pipelines.neardup import similarity as signature_similarity

# When an archived article is fetched again, counted from its publication (or, without a date,
# from its first fetch): recent articles are edited most, old ones hardly ever. Sites may
# declare their own schedule (crawler.sitespec.Site.revisit_schedule).
DEFAULT_REVISIT_SCHEDULE = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=3),
)
# A failed fetch is retried after these delays, one per consecutive failure, then given up.
FAILURE_RETRY_DELAYS = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1))
# Default share of equal MinHash values from which two texts are near-duplicates; chosen by
# measurement on the variant test set (pipelines.neardup.DEFAULT_THRESHOLD, the same value).
DEFAULT_NEARDUP_THRESHOLD = 0.45
# At most this many near-duplicate candidates (those sharing most LSH bands) are compared, so a
# band key that very many articles share cannot make one lookup expensive.
MAX_NEARDUP_CANDIDATES = 50

KIND_ARTICLE = "article"
KIND_DISCOVERY = "discovery"
KIND_ALIAS = (
    "alias"  # url_state: another URL of an article (a redirect source, a non-canonical URL)
)

# Fetch outcomes that mean the request got no usable response.
_FAILED_OUTCOMES = frozenset({"http_error", "fetch_error"})
# Article fetch outcomes where the page came but its extraction failed (a time or memory limit,
# a worker that died): the URL is due again at once, for up to len(FAILURE_RETRY_DELAYS) crawls
# in a row, and asked for in full (a 304 would give nothing to extract).
EXTRACTION_FAILED_OUTCOMES = frozenset({"extract_timeout", "too_large", "extract_error"})


@dataclass
class ArticleData:
    """The extracted article as the archive stores it."""

    content_hash: str
    text: str
    language: str
    title: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None
    published_at_raw: str | None = None
    modified_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    # The near-duplicate index entries of the text (pipelines.neardup): MinHash values as
    # bytes and one LSH key per band. Empty: the article is stored without them.
    signature: bytes | None = None
    band_keys: tuple[int, ...] = ()


@dataclass
class FetchRecord:
    """One fetch to record, with the article it produced (if any)."""

    site_key: str
    site_name: str
    url: str
    requested_url: str
    kind: str
    status: int
    fetched_at: datetime
    outcome: str  # see Fetch.outcome; "archived" is turned into "duplicate" when it was
    source: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    payload_digest: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    error: str | None = None
    encoding: str | None = None
    article: ArticleData | None = None
    # The url_state key (crawler.urls) this fetch updates; None leaves url_state alone.
    url_key: str | None = None
    # Further keys that lead to the same article (the requested URL before a redirect, the
    # fetched URL when the page names another canonical URL): remembered as aliases.
    alias_keys: tuple[str, ...] = ()
    # Validators of the response, for the next conditional request.
    etag: str | None = None
    last_modified: str | None = None
    # Discovery's hints for an article page (crawler.items.FetchedPage.hints), kept with the
    # fetch so that a re-extraction of its capture gets the same input as the crawl did.
    hints: dict[str, str] | None = None


@dataclass(frozen=True)
class StorePolicy:
    """How a batch updates the crawl state: the site's revisit schedule, near-dup threshold."""

    revisit_schedule: tuple[timedelta, ...] = DEFAULT_REVISIT_SCHEDULE
    neardup_threshold: float = DEFAULT_NEARDUP_THRESHOLD


@dataclass(frozen=True)
class StoreResult:
    # The fetch's final outcome: archived (new article), duplicate (content already archived,
    # an unchanged revisit included), new_version (a revisit found the text changed), or as
    # given.
    outcome: str
    article_id: int | None
    version: int | None = None  # the article's version after this fetch
    cluster_id: int | None = None  # near-duplicate cluster, when the article got one now
    revisit: bool = False  # the URL had given this article before
    sanitised: bool = False  # control characters were removed from the record's text fields


@dataclass
class _State:
    """A url_state row as the batch sees it (loaded once, updated as records are stored)."""

    kind: str
    first_fetched_at: datetime
    revisits: int
    consecutive_failures: int
    etag: str | None
    last_modified: str | None
    body_digest: str | None
    article_id: int | None


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
        description=bindparam("_description"),
        tags=bindparam("_tags", type_=Article.tags.type),
        section=bindparam("_section"),
        site_name=bindparam("_site_name"),
        image_url=bindparam("_image"),
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
    "language",
    "canonical_url",
    "modified_at",
    "authors",
    "description",
    "tags",
    "section",
    "site_name",
    "image_url",
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


# --------------------------------------------------------------------------- schedule


def next_revisit(anchor: datetime, schedule: Sequence[timedelta], now: datetime) -> datetime | None:
    """The first slot of the schedule (counted from `anchor`) after `now`; None: no more.

    Slots already past are skipped rather than caught up: an article found three days after
    publication is not fetched four times in a row.
    """
    slots = [anchor + delay for delay in schedule if delay > timedelta(0)]
    return min((slot for slot in slots if slot > now), default=None)


def retry_after_failure(failures: int, now: datetime) -> datetime | None:
    """When a URL that failed `failures` times in a row is tried again; None: given up."""
    if failures < 1 or failures > len(FAILURE_RETRY_DELAYS):
        return None
    return now + FAILURE_RETRY_DELAYS[failures - 1]


# --------------------------------------------------------------------------- text and errors

# C0 control characters other than tab, newline and carriage return, and lone UTF-16 surrogates
# (JSON's "\ud800" decodes to one): PostgreSQL rejects NUL in text and neither database can
# encode a surrogate, so one such character in a page's metadata would fail its whole batch.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


# The same control characters as bytes: in UTF-8 they only ever stand for themselves.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _clean(value: str) -> str:
    return _UNSTORABLE.sub(lambda m: "" if m.group() < "\x20" else "\ufffd", value)


def _unstorable(value: str) -> bool:
    """Whether the text holds a character _UNSTORABLE matches: encoded and filtered in C, an
    order of magnitude faster than the regular expression on an article's text."""
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:
        return True  # a lone surrogate
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def sanitise_text(value: str) -> str:
    """The text without control characters (tab, newline, CR kept) and lone surrogates
    (replaced by U+FFFD)."""
    return _clean(value) if _unstorable(value) else value


def _text_fields(cls: type[Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A dataclass's fields holding text: plain, sequences of text, mappings of text."""
    plain, sequences, mappings = [], [], []
    for f in fields(cls):
        kind = str(f.type)
        if kind in ("str", "str | None"):
            plain.append(f.name)
        elif kind.startswith(("list[str]", "tuple[str,")):
            sequences.append(f.name)
        elif kind.startswith("dict[str, str]"):
            mappings.append(f.name)
    return tuple(plain), tuple(sequences), tuple(mappings)


def _sanitised_fields(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The text fields of a record or article that change when sanitised, with their clean
    values (nothing checked field by field when no text of it needs cleaning)."""
    plain, sequences, mappings = _TEXT_FIELDS[type(obj)]
    texts: list[str] = []
    for name in plain:
        value = getattr(obj, name)
        if value is not None and name not in skip:
            texts.append(value)
    for name in sequences:
        texts.extend(getattr(obj, name))
    for name in mappings:
        texts.extend(f"{k}{v}" for k, v in (getattr(obj, name) or {}).items())
    if not _unstorable("".join(texts)):
        return {}
    changes: dict[str, Any] = {}
    for name in plain:
        value = getattr(obj, name)
        if value is not None and name not in skip and _unstorable(value):
            changes[name] = _clean(value)
    for name in sequences:
        items = getattr(obj, name)
        if any(_unstorable(v) for v in items):
            changes[name] = type(items)(sanitise_text(v) for v in items)
    for name in mappings:
        mapping = getattr(obj, name)
        if mapping and any(_unstorable(f"{k}{v}") for k, v in mapping.items()):
            changes[name] = {sanitise_text(k): sanitise_text(v) for k, v in mapping.items()}
    return changes


def sanitise_article(art: ArticleData) -> tuple[ArticleData, bool]:
    """The article with storable text fields, and whether anything was removed.

    A cleaned text is normalised again and hashed again, so the content hash is always the
    hash of the text stored: the same page with and without a stray control character is one
    article.
    """
    changes = _sanitised_fields(art, skip=("content_hash",))
    if not changes:
        return art, False
    if "text" in changes:
        changes["text"] = normalise_text(changes["text"])
        changes["content_hash"] = hash_of_text(changes["text"])
    return replace(art, **changes), True


def sanitise_record(rec: FetchRecord) -> tuple[FetchRecord, bool]:
    """The record with storable text fields (URLs, error, hints, its article's fields too),
    and whether anything was removed."""
    changes = _sanitised_fields(rec)
    changed = bool(changes)
    if rec.article is not None:
        article, article_changed = sanitise_article(rec.article)
        if article_changed:
            changes["article"] = article
            changed = True
    return (replace(rec, **changes) if changed else rec), changed


_TEXT_FIELDS = {cls: _text_fields(cls) for cls in (FetchRecord, ArticleData)}


def is_transient(exc: BaseException) -> bool:
    """Whether a failed write may succeed when tried again unchanged: a lock held by another
    writer (SQLite "database is locked"), a deadlock or serialization failure (PostgreSQL
    aborts one of the transactions), a lost or refused connection, a full disk. A data error,
    a constraint violation or a bug fails again however often it is tried."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError)


# One transaction-level advisory lock per text, taken in key order (the keys as one sorted
# array: unnest yields them in array order).
_LOCK_TEXTS = text(
    "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS BIGINT[])) AS k"
)


def _lock_key(content_hash: str) -> int:
    """A signed 64-bit advisory lock key for a text (a collision only makes two share one)."""
    digest = hashlib.blake2b(content_hash.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_texts(conn: Connection, records: Sequence[FetchRecord]) -> None:
    """On PostgreSQL, lock the batch's texts before anything else, in one global order.

    Articles are inserted with insert-or-ignore on the unique content hash, which waits for
    another transaction inserting the same hash: two crawls of sites sharing texts, each
    inserting in its own arrival order, deadlock. Locking every text of the batch first, in
    content-hash order, makes the second writer wait at the first text they share, holding
    nothing the first one needs, while the records are still stored in their own order (a
    batch stores what its records would store one by one). SQLite has one writer at a time.
    """
    if conn.dialect.name != "postgresql":
        return
    keys = sorted({_lock_key(r.article.content_hash) for r in records if r.article})
    if keys:
        conn.execute(_LOCK_TEXTS, {"keys": keys})


# --------------------------------------------------------------------------- batches


def store_batch(
    engine: Engine,
    run_id: int | None,
    records: Sequence[FetchRecord],
    *,
    policy: StorePolicy | None = None,
) -> list[StoreResult]:
    """Write a batch of fetches, their articles and the URL state in one transaction.

    Articles are keyed on their content hash and sightings on (article, URL), both written with
    insert-or-ignore, so concurrent crawls and a re-run of an interrupted crawl never create
    duplicates. A fetch of a URL that already gave an article is a revisit: a changed text
    becomes a new version of that article, an unchanged one only moves the last-seen times.
    Either the whole batch is written or none of it.

    Text fields are sanitised first (sanitise_record; StoreResult.sanitised tells), and on
    PostgreSQL the batch's texts are locked in one global order first (_lock_texts), so
    concurrent batches of sites sharing texts do not deadlock.
    """
    cleaned = [sanitise_record(rec) for rec in records]
    clean = [rec for rec, _ in cleaned]
    with engine.begin() as conn:
        _lock_texts(conn, clean)
        batch = _Batch(conn, run_id, policy or StorePolicy(), clean)
        results = [batch.store(rec) for rec in clean]
        batch.flush(last=True)
    return [
        replace(result, sanitised=True) if changed else result
        for result, (_, changed) in zip(results, cleaned, strict=True)
    ]


@dataclass
class _Fetch:
    """A fetch row of the batch; `id` is known once it is written."""

    values: dict[str, Any]
    queued: bool = False
    id: int | None = None


@dataclass
class _PendingIndex:
    """Near-duplicate index entries of the batch's new articles not written yet, so that a
    later record of the batch finds them as the database would."""

    bands: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    entries: dict[int, tuple[bytes, int]] = field(default_factory=dict)  # signature, cluster

    def add(self, article_id: int, signature: bytes, cluster: int, keys: Sequence[int]) -> None:
        self.entries[article_id] = (signature, cluster)
        for band, key in enumerate(keys):
            self.bands.setdefault((band, key), []).append(article_id)


class _Batch:
    """One store_batch transaction: what the batch knows, and the writes it has queued.

    The writes nothing in the batch reads back from the database (fetches, versions, sightings,
    URL state, last-seen times, the near-duplicate index) are queued and sent at the end with
    one executemany per table, in record order, so rows and ids come out as if sent one by one.
    What later records must see of them is kept here: the owner of each text, the version of
    each article the batch wrote, the pending near-duplicate index. The uncommon paths (a
    changed revisit, a fetch through an alias, a text stored by another process meanwhile) send
    the queue first and then work on the database as it is.
    """

    def __init__(
        self,
        conn: Connection,
        run_id: int | None,
        policy: StorePolicy,
        records: Sequence[FetchRecord],
    ) -> None:
        self.conn = conn
        self.sql = _upserts(conn.dialect.name)
        self.run_id = run_id
        self.policy = policy
        self.states = _load_states(conn, records)
        self.sites: dict[str, int] = {}
        for rec in records:
            if rec.site_key not in self.sites:
                self.sites[rec.site_key] = _site_id(conn, rec.site_key, rec.site_name)
        # Looked up after the site upsert: on SQLite the batch holds the write lock from there
        # on, so nobody else can add a text in between.
        self.owners = _text_owners(conn, records)  # content hash -> article (oldest version)
        # The current version of the articles this batch created or changed (nobody else can
        # change them before the batch commits).
        self.versions: dict[int, int] = {}
        self.index = _PendingIndex()
        self.fetches: list[_Fetch] = []
        self.new_versions: list[tuple[dict[str, Any], _Fetch]] = []
        self.signatures: list[dict[str, Any]] = []
        self.bands: list[tuple[int, int, int]] = []
        self.clusters: list[dict[str, Any]] = []
        self.seen: list[dict[str, Any]] = []
        self.sightings: list[dict[str, Any]] = []
        self.url_states: list[tuple[Any, dict[str, Any]]] = []  # two statements, in order

    # ------------------------------------------------------------------ one record

    def store(self, rec: FetchRecord) -> StoreResult:
        sid = self.sites[rec.site_key]
        state = self.states.get(rec.url_key) if rec.url_key is not None else None
        if (
            rec.kind == KIND_ARTICLE
            and rec.url_key is not None
            and state is not None
            and state.kind == KIND_ALIAS
            and state.article_id is not None
        ):
            # Fetched through another URL of an archived article (a revisit through its working
            # alias that gave no text, a page no longer naming its canonical URL): the article's
            # own record is what this fetch updates, so it stays one record with one schedule.
            main = self._article_record(state.article_id, sid)
            if main is not None:
                aliases = tuple(dict.fromkeys((*rec.alias_keys, rec.url_key)))
                rec = replace(rec, url_key=main, alias_keys=aliases)
                state = self.states[main]
        prior = state.article_id if state is not None and rec.kind == KIND_ARTICLE else None
        fetch = _Fetch(_fetch_values(self.run_id, sid, rec))
        result = StoreResult(rec.outcome, None, revisit=prior is not None)
        if rec.article is not None:
            if prior is not None:
                result = self._revisit_article(sid, rec, fetch, prior)
            else:
                result = self._new_sighting(sid, rec, fetch)
            self._finish_fetch(fetch, result.outcome, result.article_id)
        elif prior is not None and rec.status == 304:
            # A conditional revisit the server answered "not modified": seen again, unchanged.
            self._seen_again(prior, rec.fetched_at)
            self._sighting(sid, rec, prior)
            result = StoreResult("not_modified", prior, self._version_of(prior), revisit=True)
            self._finish_fetch(fetch, result.outcome, prior)
        self._queue_fetch(fetch)
        if rec.url_key is not None and not self._entry_of_an_article(rec):
            article_id = prior if prior is not None else result.article_id
            self._touch_state(sid, rec, rec.url_key, article_id)
            if article_id is not None:
                for alias in rec.alias_keys:
                    if alias != rec.url_key:
                        self._touch_alias(sid, rec, alias, article_id)
        return result

    def _new_sighting(self, sid: int, rec: FetchRecord, fetch: _Fetch) -> StoreResult:
        """An article from a URL that gave none before: a new article, or a known text."""
        art = rec.article
        assert art is not None
        article_id = self.owners.get(art.content_hash)
        if article_id is None:
            article_id = self._insert_article(sid, rec)
            if article_id is not None:
                self.owners[art.content_hash] = article_id
                self.versions[article_id] = 1
                self._finish_fetch(fetch, "archived", article_id)
                self._queue_fetch(fetch)
                self.new_versions.append(
                    (_version_values(article_id, 1, rec, art, origin="crawl"), fetch)
                )
                cluster = None
                if art.signature:
                    cluster = self._assign_cluster(article_id, art.signature, art.band_keys)
                self._sighting(sid, rec, article_id)
                return StoreResult("archived", article_id, 1, cluster)
            # Another process stored the same text a moment ago.
            self.flush()
            article_id = _article_with_text(self.conn, art.content_hash)
            assert article_id is not None
            self.owners[art.content_hash] = article_id
        self._seen_again(article_id, rec.fetched_at)
        self._sighting(sid, rec, article_id)
        return StoreResult("duplicate", article_id, self._version_of(article_id))

    def _revisit_article(
        self, sid: int, rec: FetchRecord, fetch: _Fetch, prior: int
    ) -> StoreResult:
        """A URL that gave article `prior` before: unchanged, an old text, or a new version."""
        art = rec.article
        assert art is not None
        # The queue holds no change of a content hash or version number: no need to send it.
        current_hash, version = self.conn.execute(_ARTICLE_HEAD, {"id": prior}).one()
        if current_hash == art.content_hash:
            self._seen_again(prior, rec.fetched_at)
            self._sighting(sid, rec, prior)
            return StoreResult("duplicate", prior, int(version), revisit=True)
        self.flush()
        conn = self.conn
        target = prior
        owner = conn.execute(_ARTICLE_WITH_HASH, {"hash": art.content_hash}).scalar_one_or_none()
        earlier = conn.execute(_TEXT_ARTICLES, {"hash": art.content_hash}).scalars().all()
        if owner is not None:
            target = int(owner)  # the page now shows another archived text
        elif prior in earlier:
            target = prior  # an earlier version of this article (a stale copy): nothing new
        elif earlier:
            target = int(earlier[0])  # an earlier version of another article
        else:
            fetch_id = self._fetch_id(fetch, "new_version", prior)
            number = _add_version(conn, rec, fetch_id, prior, int(version), self.policy)
            if number is not None:
                self.versions[prior] = number
                self.owners.setdefault(art.content_hash, prior)
                self._seen_again(prior, rec.fetched_at)
                self._sighting(sid, rec, prior)
                return StoreResult("new_version", prior, number, revisit=True)
            target = _article_with_text(conn, art.content_hash) or prior
        self._seen_again(target, rec.fetched_at)
        self._sighting(sid, rec, target)
        return StoreResult("duplicate", target, self._version_of(target), revisit=True)

    # ------------------------------------------------------------------ reads

    def _version_of(self, article_id: int) -> int:
        known = self.versions.get(article_id)
        if known is not None:
            return known
        return int(self.conn.execute(_VERSION_OF, {"id": article_id}).scalar_one())

    def _article_record(self, article_id: int, sid: int) -> str | None:
        """The key of the article's own url_state record on this site (loaded into `states`)."""
        self.flush()
        row = self.conn.execute(_ARTICLE_RECORD, {"aid": article_id, "sid": sid}).one_or_none()
        if row is None:
            return None
        self.states.setdefault(row.url, _state_of(row))
        return str(row.url)

    # ------------------------------------------------------------------ writes

    def _insert_article(self, sid: int, rec: FetchRecord) -> int | None:
        art = rec.article
        assert art is not None
        seen = rec.fetched_at
        values = {
            "site_id": sid,
            "url": rec.url,
            **_article_columns(art),
            "published_at": art.published_at,
            "published_at_raw": art.published_at_raw,
            "first_seen_at": seen,
            "last_seen_at": seen,
        }
        inserted = self.conn.execute(self.sql.article, values).scalar_one_or_none()
        return int(inserted) if inserted is not None else None

    def _queue_fetch(self, fetch: _Fetch) -> None:
        """Queue the fetch row: once its record is done, or earlier when a version names it
        (the fetches' ids then follow the records' order, as when written one by one)."""
        if not fetch.queued:
            fetch.queued = True
            self.fetches.append(fetch)

    def _fetch_id(self, fetch: _Fetch, outcome: str, article_id: int) -> int:
        """The fetch's id for a version's provenance: final values first, so one INSERT does."""
        self._finish_fetch(fetch, outcome, article_id)
        self._queue_fetch(fetch)
        self.flush()
        assert fetch.id is not None
        return fetch.id

    def _finish_fetch(self, fetch: _Fetch, outcome: str, article_id: int | None) -> None:
        """Set the fetch's outcome and article; a fetch already written is updated."""
        values = fetch.values
        if fetch.id is not None and (values["outcome"], values["article_id"]) != (
            outcome,
            article_id,
        ):
            self.conn.execute(
                _UPDATE_FETCH, {"_id": fetch.id, "_outcome": outcome, "_article_id": article_id}
            )
        values["outcome"], values["article_id"] = outcome, article_id

    def _seen_again(self, article_id: int, seen: datetime) -> None:
        self.seen.append({"_id": article_id, "_seen": seen, "_seen_at": seen})

    def _sighting(self, sid: int, rec: FetchRecord, article_id: int) -> None:
        seen = rec.fetched_at
        self.sightings.append(
            {
                "article_id": article_id,
                "site_id": sid,
                "url": rec.url,
                "first_seen_at": seen,
                "last_seen_at": seen,
                "times_seen": 1,
            }
        )

    def _assign_cluster(self, article_id: int, signature: bytes, band_keys: Sequence[int]) -> int:
        """assign_cluster for a new article of the batch, its index entries queued."""
        cluster = _find_cluster(
            self.conn,
            signature,
            band_keys,
            self.policy.neardup_threshold,
            exclude=article_id,
            pending=self.index,
        )
        cluster = article_id if cluster is None else cluster
        self.clusters.append({"aid": article_id, "cid": cluster})
        self.signatures.append({"article_id": article_id, "signature": signature})
        self.bands.extend((article_id, band, key) for band, key in enumerate(band_keys))
        self.index.add(article_id, signature, cluster, band_keys)
        return cluster

    def _entry_of_an_article(self, rec: FetchRecord) -> bool:
        """A discovery fetch of a URL archived as an article (the generic spider's entry page
        that is itself an article): the URL's article record, with its revisit schedule, is
        not turned into a discovery page's."""
        old = self.states.get(rec.url_key) if rec.url_key is not None else None
        return rec.kind != KIND_ARTICLE and old is not None and old.kind == KIND_ARTICLE

    def _touch_state(self, sid: int, rec: FetchRecord, key: str, article_id: int | None) -> None:
        """Record what this fetch taught about its URL: validators, failures, when it is due."""
        old = self.states.get(key)
        ok = _succeeded(rec)
        retry = rec.kind == KIND_ARTICLE and rec.outcome in EXTRACTION_FAILED_OUTCOMES
        first = old.first_fetched_at if old is not None else rec.fetched_at
        failed = retry or not ok
        failures = (old.consecutive_failures if old is not None else 0) + 1 if failed else 0
        etag, last_modified, digest = (
            (old.etag, old.last_modified, old.body_digest)
            if old is not None
            else (None, None, None)
        )
        if retry:
            etag = last_modified = None
        elif ok and rec.status != 304:
            etag, last_modified = rec.etag, rec.last_modified
            digest = rec.payload_digest or digest
        elif not ok and rec.kind != KIND_ARTICLE:
            # The next request of a failed discovery page must be a full one.
            etag = last_modified = digest = None
        next_due: datetime | None = None
        if retry:
            next_due = rec.fetched_at if failures <= len(FAILURE_RETRY_DELAYS) else None
        elif rec.kind == KIND_ARTICLE:
            if ok:
                anchor = first
                published = rec.article.published_at if rec.article is not None else None
                if published is not None and published <= rec.fetched_at:
                    anchor = published
                next_due = next_revisit(anchor, self.policy.revisit_schedule, rec.fetched_at)
            else:
                next_due = retry_after_failure(failures, rec.fetched_at)
        if article_id is None and old is not None:
            article_id = old.article_id
        kind = rec.kind if rec.kind in (KIND_ARTICLE, KIND_DISCOVERY) else KIND_DISCOVERY
        revisits = (old.revisits + 1) if old is not None else 0
        values: dict[str, Any] = {
            "url": key,
            "site_id": sid,
            "first_fetched_at": first,
            "kind": kind,
            "last_fetched_at": rec.fetched_at,
            "last_status": rec.status,
            "etag": etag,
            "last_modified": last_modified,
            "body_digest": digest,
            "consecutive_failures": failures,
            "revisits": revisits,
            "next_due_at": next_due,
            "article_id": article_id,
        }
        self.url_states.append((self.sql.state, values))
        self.states[key] = _State(
            kind, first, revisits, failures, etag, last_modified, digest, article_id
        )

    def _touch_alias(self, sid: int, rec: FetchRecord, key: str, article_id: int) -> None:
        """Remember another URL of the article, so discovery does not fetch it as a new one."""
        old = self.states.get(key)
        if old is not None and old.kind != KIND_ALIAS:
            return  # a URL with a state of its own stays what it is
        values: dict[str, Any] = {
            "url": key,
            "site_id": sid,
            "first_fetched_at": rec.fetched_at,
            "revisits": 0,
            "kind": KIND_ALIAS,
            "last_fetched_at": rec.fetched_at,
            "last_status": rec.status,
            "consecutive_failures": 0,
            "next_due_at": None,
            "article_id": article_id,
        }
        self.url_states.append((self.sql.alias, values))
        first = old.first_fetched_at if old is not None else rec.fetched_at
        self.states[key] = _State(KIND_ALIAS, first, 0, 0, None, None, None, article_id)

    def flush(self, *, last: bool = False) -> None:
        """Send the queued writes, one executemany per table (tables in foreign-key order).

        The fetches' ids are read back unless nothing can need them any more (the batch's
        last flush, no version naming one)."""
        conn = self.conn
        if self.fetches:
            rows = [f.values for f in self.fetches]
            if not last or self.new_versions:
                ids = conn.execute(_INSERT_FETCH_IDS, rows).scalars().all()
                for fetch, fetch_id in zip(self.fetches, ids, strict=True):
                    fetch.id = int(fetch_id)
            else:
                conn.execute(_INSERT_FETCH, rows)
            self.fetches = []
        if self.new_versions:
            conn.execute(
                _INSERT_VERSION, [{**row, "fetch_id": f.id} for row, f in self.new_versions]
            )
            self.new_versions = []
        _insert_bands(conn, self.bands)
        # Last-seen times move forward whatever the order: updated in article order, so two
        # batches touching the same articles lock their rows in the same order.
        self.seen.sort(key=lambda row: row["_id"])
        for stmt, rows in (
            (_SET_CLUSTER, self.clusters),
            (self.sql.signature, self.signatures),
            (_SEEN_AGAIN, self.seen),
            (self.sql.sighting, self.sightings),
        ):
            if rows:
                conn.execute(stmt, rows)
        self.clusters, self.signatures, self.bands, self.seen, self.sightings = [], [], [], [], []
        self.index = _PendingIndex()
        # url_state: the state and alias upserts interleaved as the records made them.
        for _, run in groupby(self.url_states, key=lambda item: id(item[0])):
            entries = list(run)
            conn.execute(entries[0][0], [values for _, values in entries])
        self.url_states = []


def _fetch_values(run_id: int | None, sid: int, rec: FetchRecord) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "site_id": sid,
        "url": rec.url,
        "requested_url": rec.requested_url,
        "kind": rec.kind,
        "source": rec.source,
        "status": rec.status,
        "fetched_at": rec.fetched_at,
        "content_type": rec.content_type,
        "content_length": rec.content_length,
        "payload_digest": rec.payload_digest,
        "warc_file": rec.warc_file,
        "warc_offset": rec.warc_offset,
        "warc_length": rec.warc_length,
        "outcome": rec.outcome,
        "error": rec.error,
        "encoding": rec.encoding,
        "article_id": None,
        "hints": rec.hints or None,
    }


def _version_values(
    article_id: int, number: int, rec: FetchRecord, art: ArticleData, *, origin: str
) -> dict[str, Any]:
    """An article_versions row (without fetch_id)."""
    return {
        "article_id": article_id,
        "version": number,
        "content_hash": art.content_hash,
        "title": art.title,
        "text": art.text,
        "modified_at": art.modified_at,
        "seen_at": rec.fetched_at,
        "url": rec.url,
        "origin": origin,
    }


def _to_version_values(article_id: int, art: ArticleData, number: int) -> dict[str, Any]:
    """The parameters of _UPDATE_TO_VERSION."""
    return {
        "_id": article_id,
        "_hash": art.content_hash,
        "_text": art.text,
        "_title": art.title,
        "_language": art.language,
        "_canonical": art.canonical_url,
        "_published": art.published_at,
        "_published_raw": art.published_at_raw,
        "_modified": art.modified_at,
        "_authors": art.authors,
        "_description": art.description,
        "_tags": art.tags,
        "_section": art.section,
        "_site_name": art.site_name,
        "_image": art.image_url,
        "_version": number,
    }


def _add_version(
    conn: Connection,
    rec: FetchRecord,
    fetch_id: int,
    article_id: int,
    version: int,
    policy: StorePolicy,
    *,
    origin: str = "revisit",
) -> int | None:
    """Make the text the article's latest version; None if another article took the hash."""
    art = rec.article
    assert art is not None
    number = version + 1
    try:
        with conn.begin_nested():
            conn.execute(_UPDATE_TO_VERSION, _to_version_values(article_id, art, number))
            conn.execute(
                _INSERT_VERSION,
                {
                    **_version_values(article_id, number, rec, art, origin=origin),
                    "fetch_id": fetch_id,
                },
            )
    except IntegrityError:
        # The same text was stored as another article in between (content_hash is unique), or
        # another writer added this version number first: the fetch is a sighting then.
        return None
    if art.signature:
        _replace_signature(conn, article_id, art.signature, art.band_keys, policy)
    return number


def _article_with_text(conn: Connection, content_hash: str) -> int | None:
    """The article whose text (current or earlier) has this hash.

    Every article's texts are in article_versions (version 1 is written with the article,
    schema 0002 backfilled older archives), so one indexed lookup there answers both: a copy
    of an edited article's earlier version (a mirror not yet updated) belongs to that article,
    not to a new one.
    """
    found = conn.execute(_TEXT_OWNER, {"hash": content_hash}).scalar_one_or_none()
    return int(found) if found is not None else None


def _text_owners(conn: Connection, records: Sequence[FetchRecord]) -> dict[str, int]:
    """_article_with_text for the texts of all records at once."""
    hashes = sorted({r.article.content_hash for r in records if r.article is not None})
    owners: dict[str, int] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        for content_hash, article_id in conn.execute(_TEXT_OWNERS, {"hashes": chunk}):
            owners.setdefault(content_hash, int(article_id))  # the oldest version's
    return owners


def _article_columns(art: ArticleData) -> dict[str, Any]:
    """The article columns an extraction sets, for a new article and a new version alike
    (publication date apart: a new version keeps a known date its page no longer shows)."""
    return {
        "content_hash": art.content_hash,
        "text": art.text,
        "title": art.title,
        "language": art.language,
        "canonical_url": art.canonical_url,
        "modified_at": art.modified_at,
        "authors": art.authors,
        "description": art.description,
        "tags": art.tags,
        "section": art.section,
        "site_name": art.site_name,
        "image_url": art.image_url,
    }


# --------------------------------------------------------------------------- URL state


def _load_states(conn: Connection, records: Sequence[FetchRecord]) -> dict[str, _State]:
    keys = {k for rec in records for k in (rec.url_key, *rec.alias_keys) if k is not None}
    states: dict[str, _State] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        for row in conn.execute(_STATES, {"urls": ordered[start : start + 500]}):
            states[row.url] = _state_of(row)
    return states


def _state_of(row: Any) -> _State:
    return _State(
        kind=row.kind,
        first_fetched_at=row.first_fetched_at,
        revisits=row.revisits,
        consecutive_failures=row.consecutive_failures,
        etag=row.etag,
        last_modified=row.last_modified,
        body_digest=row.body_digest,
        article_id=row.article_id,
    )


def _succeeded(rec: FetchRecord) -> bool:
    return rec.outcome not in _FAILED_OUTCOMES and 0 < rec.status < 400


# --------------------------------------------------------------------------- near-duplicates


@lru_cache(maxsize=4)
def _candidates_query(bands: int) -> Any:
    """The candidate lookup for `bands` band keys, built once: with literal values in it,
    building the 2 x 42 comparisons cost more than running the query (measured, ~1.7 ms)."""
    # The band numbers are written into the SQL: with 85 parameters psycopg parsed the query
    # anew on every call (it caches those with at most 50), the largest CPU cost on PostgreSQL.
    matches = or_(
        *(
            and_(ArticleBand.band == literal_column(str(i)), ArticleBand.key == bindparam(f"k{i}"))
            for i in range(bands)
        )
    )
    shared = func.count().label("shared")
    return (
        select(ArticleBand.article_id, shared)
        .where(matches)
        .where(ArticleBand.article_id != bindparam("exclude"))
        .group_by(ArticleBand.article_id)
        .order_by(shared.desc(), ArticleBand.article_id)
        .limit(MAX_NEARDUP_CANDIDATES)
    )


def near_duplicate_candidates(
    session: Session, band_keys: Sequence[int], *, exclude: int | None = None
) -> list[int]:
    """Articles sharing at least one LSH band key, those sharing most first (bounded).

    One indexed lookup per band (ix_article_bands_band_key), so the cost does not grow with
    the archive, only with the number of true candidates.
    """
    return _candidates(session.connection(), band_keys, exclude, None)


def _candidates(
    conn: Connection,
    band_keys: Sequence[int],
    exclude: int | None,
    pending: _PendingIndex | None,
) -> list[int]:
    """near_duplicate_candidates, the batch's pending index entries included."""
    if not band_keys:
        return []
    rows = conn.execute(_candidates_query(len(band_keys)), _band_params(band_keys, exclude))
    ranked = [(int(a), int(n)) for a, n in rows]
    return _with_pending(ranked, band_keys, exclude, pending)


def _band_params(band_keys: Sequence[int], exclude: int | None) -> dict[str, int]:
    params = {"exclude": exclude if exclude is not None else -1}
    for band, key in enumerate(band_keys):
        params[f"k{band}"] = key
    return params


def _with_pending(
    ranked: list[tuple[int, int]],
    band_keys: Sequence[int],
    exclude: int | None,
    pending: _PendingIndex | None,
) -> list[int]:
    """The stored candidates (article, bands shared) ranked together with the batch's pending
    index entries, as one query over both would."""
    if pending is not None and pending.bands:
        shared: dict[int, int] = {}
        for band, key in enumerate(band_keys):
            for article in pending.bands.get((band, key), ()):
                if article != exclude:
                    shared[article] = shared.get(article, 0) + 1
        if shared:
            # The same order and bound as the query over both: the stored articles beyond its
            # bound rank below all it returned.
            ranked = sorted([*ranked, *shared.items()], key=lambda c: (-c[1], c[0]))
            ranked = ranked[:MAX_NEARDUP_CANDIDATES]
    return [article for article, _ in ranked]


@lru_cache(maxsize=4)
def _candidate_rows_query(bands: int) -> Any:
    """The candidate lookup with each candidate's signature and cluster, in one round trip
    (a second query for the signatures cost as much as the lookup: ~0.25 ms an article)."""
    ranked = _candidates_query(bands).subquery()
    # Outer joins: a candidate keeps its rank even without a signature, as with two queries.
    return (
        select(ranked.c.article_id, ranked.c.shared, ArticleSignature.signature, Article.cluster_id)
        .outerjoin(ArticleSignature, ArticleSignature.article_id == ranked.c.article_id)
        .outerjoin(Article, Article.id == ranked.c.article_id)
        .order_by(ranked.c.shared.desc(), ranked.c.article_id)
    )


@lru_cache(maxsize=8)
def _driver_candidate_rows(
    dialect: Dialect, bands: int
) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
    """_candidate_rows_query compiled once for the dialect: (SQL in the driver's paramstyle,
    the parameter names in order for a positional style, the fixed parameters). Each new
    article of a crawl runs it; through Connection.execute, SQLAlchemy's cache key and
    parameter processing for its 45 parameters cost ~0.1 ms of the ~0.3 ms (measured with
    bench/store_batch.py)."""
    compiled = _candidate_rows_query(bands).compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if dialect.positional else None
    return str(compiled), order, dict(compiled.params)


def find_cluster(
    session: Session,
    signature: bytes,
    band_keys: Sequence[int],
    threshold: float,
    *,
    exclude: int | None = None,
) -> int | None:
    """The cluster of the most similar archived text at or above `threshold`, if any.

    Several matching clusters: the oldest (smallest id) wins; clusters are never merged
    afterwards, so a cluster id, once given, stays.
    """
    return _find_cluster(
        session.connection(), signature, band_keys, threshold, exclude=exclude, pending=None
    )


def _find_cluster(
    conn: Connection,
    signature: bytes,
    band_keys: Sequence[int],
    threshold: float,
    *,
    exclude: int | None,
    pending: _PendingIndex | None,
) -> int | None:
    if not band_keys:
        return None
    sql, order, fixed = _driver_candidate_rows(conn.dialect, len(band_keys))
    params: Any = {**fixed, **_band_params(band_keys, exclude)}
    if order is not None:
        params = tuple(params[name] for name in order)
    stored: dict[int, tuple[bytes | None, int | None]] = {}
    ranked: list[tuple[int, int]] = []
    for article, shared, other, cluster in conn.exec_driver_sql(sql, params):
        stored[int(article)] = (other, cluster)
        ranked.append((int(article), int(shared)))
    queued = pending.entries if pending is not None else {}
    clusters: list[int] = []
    for article in _with_pending(ranked, band_keys, exclude, pending):
        other, cluster = queued[article] if article in queued else stored[article]
        if other is not None and signature_similarity(signature, other) >= threshold:
            clusters.append(int(cluster if cluster is not None else article))
    return min(clusters, default=None)


def assign_cluster(
    session: Session,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    threshold: float,
) -> int:
    """Index a new article's signature and give it a cluster: a near-duplicate's, or its own."""
    return _assign_cluster(session.connection(), article_id, signature, band_keys, threshold)


def _assign_cluster(
    conn: Connection,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    threshold: float,
) -> int:
    cluster = _find_cluster(conn, signature, band_keys, threshold, exclude=article_id, pending=None)
    cluster = article_id if cluster is None else cluster
    conn.execute(_SET_CLUSTER, {"aid": article_id, "cid": cluster})
    _write_signature(conn, article_id, signature, band_keys)
    return cluster


def replace_signature(
    session: Session,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    policy: StorePolicy,
) -> None:
    """Re-index an article whose text changed; its cluster stays (ids are stable)."""
    _replace_signature(session.connection(), article_id, signature, band_keys, policy)


def _replace_signature(
    conn: Connection,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    policy: StorePolicy,
) -> None:
    cluster = conn.execute(_CLUSTER_OF, {"id": article_id}).scalar_one()
    conn.execute(_DELETE_BANDS, {"id": article_id})
    conn.execute(_DELETE_SIGNATURE, {"id": article_id})
    if cluster is None:
        _assign_cluster(conn, article_id, signature, band_keys, policy.neardup_threshold)
    else:
        _write_signature(conn, article_id, signature, band_keys)


def _write_signature(
    conn: Connection, article_id: int, signature: bytes, band_keys: Sequence[int]
) -> None:
    conn.execute(
        _upserts(conn.dialect.name).signature, {"article_id": article_id, "signature": signature}
    )
    _insert_bands(conn, [(article_id, band, key) for band, key in enumerate(band_keys)])


# --------------------------------------------------------------------------- re-extraction


@dataclass(frozen=True)
class Reextraction:
    """One article's capture extracted again, with what the article held when selected."""

    article_id: int
    fetch_id: int
    url: str
    article: ArticleData
    current_hash: str
    version: int
    has_signature: bool


def store_reextractions(
    session: Session, items: Sequence[Reextraction], *, seen_at: datetime, policy: StorePolicy
) -> list[str]:
    """Store a batch of re-extractions; per item what happened.

    "new_version": the text changed and is now the latest version (the old one is kept);
    "unchanged": same text (a missing near-duplicate entry is filled in); "taken": the new
    text is already another article's, so nothing is changed (merging articles is a decision
    for a person, not for a batch job). Written with a few set-wise statements per batch
    (measured: one statement sequence per article cost as much CPU as a fifth of the
    extraction); if anything changed under the batch meanwhile (a crawl adding a version),
    each item is stored on its own instead. Text fields are sanitised as in store_batch.
    """
    items = [replace(i, article=sanitise_article(i.article)[0]) for i in items]
    try:
        with session.begin_nested():
            return _store_reextractions(session, items, seen_at=seen_at, policy=policy)
    except IntegrityError:
        return [
            reextracted_version(
                session, i.article_id, i.fetch_id, i.url, i.article, seen_at=seen_at, policy=policy
            )
            for i in items
        ]


def _store_reextractions(
    session: Session, items: Sequence[Reextraction], *, seen_at: datetime, policy: StorePolicy
) -> list[str]:
    conn = session.connection()  # Core statements: the ORM's per-statement work is not needed
    changed = [i for i in items if i.article.content_hash != i.current_hash]
    hashes = sorted({i.article.content_hash for i in changed})
    owners: dict[str, int] = {}
    for start in range(0, len(hashes), 500):
        owners.update(
            conn.execute(
                select(Article.content_hash, Article.id).where(
                    Article.content_hash.in_(hashes[start : start + 500])
                )
            ).all()
        )
    outcomes: dict[int, str] = {}
    new: list[Reextraction] = []
    for item in changed:
        if item.article.content_hash in owners:
            outcomes[item.article_id] = "taken"
        else:
            owners[item.article.content_hash] = item.article_id  # twice in one batch: taken
            new.append(item)
            outcomes[item.article_id] = "new_version"
    if new:
        conn.execute(
            _UPDATE_TO_VERSION,
            [_to_version_values(i.article_id, i.article, i.version + 1) for i in new],
        )
        conn.execute(
            _INSERT_VERSION,
            [
                {
                    "article_id": i.article_id,
                    "version": i.version + 1,
                    "content_hash": i.article.content_hash,
                    "title": i.article.title,
                    "text": i.article.text,
                    "modified_at": i.article.modified_at,
                    "seen_at": seen_at,
                    "url": i.url,
                    "fetch_id": i.fetch_id,
                    "origin": "reextract",
                }
                for i in new
            ],
        )
    # The near-duplicate index: replaced for new texts, filled in where it is missing.
    signed = [
        i
        for i in items
        if i.article.signature
        and (
            outcomes.get(i.article_id) == "new_version"
            or (not i.has_signature and i not in changed)
        )
    ]
    if signed:
        ids = [i.article_id for i in signed]
        conn.execute(delete(ArticleBand).where(ArticleBand.article_id.in_(ids)))
        conn.execute(delete(ArticleSignature).where(ArticleSignature.article_id.in_(ids)))
        clusters = dict(
            conn.execute(select(Article.id, Article.cluster_id).where(Article.id.in_(ids))).all()
        )
        for item in signed:
            assert item.article.signature is not None
            if clusters.get(item.article_id) is None:
                assign_cluster(
                    session,
                    item.article_id,
                    item.article.signature,
                    item.article.band_keys,
                    policy.neardup_threshold,
                )
        indexed = [i for i in signed if clusters.get(i.article_id) is not None]
        if indexed:
            conn.execute(
                insert(ArticleSignature),
                [{"article_id": i.article_id, "signature": i.article.signature} for i in indexed],
            )
            conn.execute(
                insert(ArticleBand),
                [
                    {"article_id": i.article_id, "band": band, "key": key}
                    for i in indexed
                    for band, key in enumerate(i.article.band_keys)
                ],
            )
    return [outcomes.get(i.article_id, "unchanged") for i in items]


def reextracted_version(
    session: Session,
    article_id: int,
    fetch_id: int,
    url: str,
    article: ArticleData,
    *,
    seen_at: datetime,
    policy: StorePolicy,
) -> str:
    current_hash, version, has_signature = session.execute(
        select(Article.content_hash, Article.version, ArticleSignature.article_id)
        .outerjoin(ArticleSignature, ArticleSignature.article_id == Article.id)
        .where(Article.id == article_id)
    ).one()
    if current_hash == article.content_hash:
        if has_signature is None and article.signature:
            assign_cluster(
                session, article_id, article.signature, article.band_keys, policy.neardup_threshold
            )
        return "unchanged"
    owner = session.execute(
        select(Article.id).where(Article.content_hash == article.content_hash)
    ).scalar_one_or_none()
    if owner is not None:
        return "taken"
    rec = FetchRecord(
        site_key="",
        site_name="",
        url=url,
        requested_url=url,
        kind=KIND_ARTICLE,
        status=200,
        fetched_at=seen_at,
        outcome="archived",
        article=article,
    )
    number = _add_version(
        session.connection(), rec, fetch_id, article_id, int(version), policy, origin="reextract"
    )
    if number is None:
        return "taken"
    return "new_version"


@dataclass(frozen=True)
class Recovery:
    """A fetch whose extraction failed in the crawl, extracted again from its capture: its
    outcome now (`archived` with the article, or `empty`, `not_html`, `binary`)."""

    fetch_id: int
    site_id: int
    url: str
    fetched_at: datetime
    outcome: str
    article: ArticleData | None = None


def store_recoveries(
    session: Session, items: Sequence[Recovery], *, policy: StorePolicy
) -> list[str]:
    """Store what fetches whose extraction had failed give now; per item the fetch's outcome.

    A text is archived as the crawl would have: a new article (its first version names the
    fetch, origin `reextract`), or, when the text is already an article's, a sighting of it
    (`duplicate`). The fetch gets the outcome and article; its error (why the crawl's
    extraction failed) stays. url_state is left alone: the next crawl fetches the URL again
    (it is due) and records it as usual.
    """
    conn = session.connection()
    sql = _upserts(conn.dialect.name)
    outcomes: list[str] = []
    for item in items:
        art = item.article
        outcome, article_id = item.outcome, None
        if art is not None:
            outcome = "duplicate"
            article_id = _article_with_text(conn, art.content_hash)
            if article_id is None:
                values = {
                    "site_id": item.site_id,
                    "url": item.url,
                    **_article_columns(art),
                    "published_at": art.published_at,
                    "published_at_raw": art.published_at_raw,
                    "first_seen_at": item.fetched_at,
                    "last_seen_at": item.fetched_at,
                }
                inserted = conn.execute(sql.article, values).scalar_one_or_none()
                if inserted is None:  # another writer stored the text a moment ago
                    article_id = _article_with_text(conn, art.content_hash)
                else:
                    article_id, outcome = int(inserted), "archived"
                    conn.execute(
                        _INSERT_VERSION,
                        {
                            "article_id": article_id,
                            "version": 1,
                            "content_hash": art.content_hash,
                            "title": art.title,
                            "text": art.text,
                            "modified_at": art.modified_at,
                            "seen_at": item.fetched_at,
                            "url": item.url,
                            "fetch_id": item.fetch_id,
                            "origin": "reextract",
                        },
                    )
                    if art.signature:
                        _assign_cluster(
                            conn, article_id, art.signature, art.band_keys, policy.neardup_threshold
                        )
            assert article_id is not None
            seen = item.fetched_at
            conn.execute(_SEEN_AGAIN, {"_id": article_id, "_seen": seen, "_seen_at": seen})
            conn.execute(
                sql.sighting,
                {
                    "article_id": article_id,
                    "site_id": item.site_id,
                    "url": item.url,
                    "first_seen_at": seen,
                    "last_seen_at": seen,
                    "times_seen": 1,
                },
            )
        conn.execute(
            _UPDATE_FETCH, {"_id": item.fetch_id, "_outcome": outcome, "_article_id": article_id}
        )
        outcomes.append(outcome)
    return outcomes


def start_run(
    engine: Engine,
    spider: str,
    site_key: str,
    site_name: str,
    arguments: dict[str, Any],
    *,
    trigger: str = "manual",
    pid: int | None = None,
    hostname: str | None = None,
) -> int:
    """Create a run record in state "running" and return its id."""
    with session_scope(engine) as session:
        run = CrawlRun(
            spider=spider,
            site_id=site_id(session, site_key, site_name),
            arguments=arguments,
            stats={},
            trigger=trigger,
            pid=pid,
            hostname=hostname,
        )
        session.add(run)
        session.flush()
        return run.id


def claim_run(engine: Engine, run_id: int, *, pid: int, hostname: str) -> bool:
    """Adopt a run record a supervisor created for this process; False if there is none."""
    with session_scope(engine) as session:
        result = session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.outcome == "running")
            .values(pid=pid, hostname=hostname)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass
class RunCounts:
    pages_fetched: int = 0
    articles_new: int = 0
    new_versions: int = 0
    duplicates: int = 0
    empty_pages: int = 0
    errors: int = 0
    http_errors: dict[str, int] = field(default_factory=dict)
    archived_with_date: int = 0

    @property
    def date_share(self) -> float | None:
        """Share of this run's new articles that have a publication date (None: no articles)."""
        if not self.articles_new:
            return None
        return self.archived_with_date / self.articles_new


def finish_run(
    engine: Engine,
    run_id: int,
    *,
    outcome: str,
    finish_reason: str | None,
    counts: RunCounts,
    stats: dict[str, Any],
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=utcnow(),
                outcome=outcome,
                finish_reason=finish_reason,
                pages_fetched=counts.pages_fetched,
                articles_new=counts.articles_new,
                new_versions=counts.new_versions,
                duplicates=counts.duplicates,
                empty_pages=counts.empty_pages,
                errors=counts.errors,
                http_errors=dict(sorted(counts.http_errors.items())),
                date_share=counts.date_share,
                stats=stats,
            )
        )
