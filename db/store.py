"""The store batch: a crawl's fetches, articles and URL state, one race-safe transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError

from crawler.model.items import OUTCOME_NOT_ARTICLE
from crawler.model.schedule import FAILURE_RETRY_DELAYS, next_revisit, retry_after_failure
from db.neardup import _find_cluster, _PendingIndex, _replace_signature
from db.records import (
    EXTRACTION_FAILED_OUTCOMES,
    FAILED_FETCH_OUTCOMES,
    KIND_ALIAS,
    KIND_ARTICLE,
    KIND_DISCOVERY,
    FetchRecord,
    StorePolicy,
    StoreResult,
    sanitise_record,
)
from db.statements import (
    _ARTICLE_HEAD,
    _ARTICLE_RECORD,
    _ARTICLE_WITH_HASH,
    _INSERT_FETCH,
    _INSERT_FETCH_IDS,
    _INSERT_VERSION,
    _SEEN_AGAIN,
    _SET_CLUSTER,
    _STATES,
    _TEXT_ARTICLES,
    _TEXT_OWNERS,
    _UPDATE_FETCH,
    _UPDATE_TO_VERSION,
    _VERSION_OF,
    _article_columns,
    _article_with_text,
    _insert_bands,
    _site_id,
    _to_version_values,
    _upserts,
    _version_values,
)


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
        elif rec.kind == KIND_ARTICLE and rec.outcome == OUTCOME_NOT_ARTICLE:
            next_due = None  # not an article: not fetched again, not even to catch edits
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


def _text_owners(conn: Connection, records: Sequence[FetchRecord]) -> dict[str, int]:
    """_article_with_text for the texts of all records at once."""
    hashes = sorted({r.article.content_hash for r in records if r.article is not None})
    owners: dict[str, int] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        for content_hash, article_id in conn.execute(_TEXT_OWNERS, {"hashes": chunk}):
            owners.setdefault(content_hash, int(article_id))  # the oldest version's
    return owners


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
    return rec.outcome not in FAILED_FETCH_OUTCOMES and 0 < rec.status < 400
