"""Repository functions: the archive's writes (batched, race-safe), URL state and run records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Engine,
    Text,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
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


def _insert(session: Session, model: type[Any]) -> Any:
    """A dialect-specific INSERT that supports ON CONFLICT (SQLite and PostgreSQL both do)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def site_id(session: Session, key: str, name: str) -> int:
    """Get or create the site row; safe when another process creates it at the same time."""
    session.execute(_insert(session, Site).values(key=key, name=name).on_conflict_do_nothing())
    return int(session.execute(select(Site.id).where(Site.key == key)).scalar_one())


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


def signature_similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two MinHash signatures: the share of equal values."""
    if not a or len(a) != len(b) or len(a) % 4:
        return 0.0
    left, right = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(x == y for x, y in zip(left, right, strict=True)) / len(left)


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
    """
    policy = policy or StorePolicy()
    results: list[StoreResult] = []
    with session_scope(engine) as session:
        states = _load_states(session, records)
        site_ids: dict[str, int] = {}
        for rec in records:
            sid = site_ids.get(rec.site_key)
            if sid is None:
                sid = site_ids[rec.site_key] = site_id(session, rec.site_key, rec.site_name)
            results.append(_store_one(session, run_id, sid, rec, states, policy))
    return results


def _store_one(
    session: Session,
    run_id: int | None,
    sid: int,
    rec: FetchRecord,
    states: dict[str, _State],
    policy: StorePolicy,
) -> StoreResult:
    state = states.get(rec.url_key) if rec.url_key is not None else None
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
        main = _article_record(session, states, state.article_id, sid)
        if main is not None:
            aliases = tuple(dict.fromkeys((*rec.alias_keys, rec.url_key)))
            rec = replace(rec, url_key=main, alias_keys=aliases)
            state = states[main]
    prior = state.article_id if state is not None and rec.kind == KIND_ARTICLE else None
    fetch = Fetch(
        run_id=run_id,
        site_id=sid,
        url=rec.url,
        requested_url=rec.requested_url,
        kind=rec.kind,
        source=rec.source,
        status=rec.status,
        fetched_at=rec.fetched_at,
        content_type=rec.content_type,
        content_length=rec.content_length,
        payload_digest=rec.payload_digest,
        warc_file=rec.warc_file,
        warc_offset=rec.warc_offset,
        warc_length=rec.warc_length,
        outcome=rec.outcome,
        error=rec.error,
        encoding=rec.encoding,
    )
    session.add(fetch)  # flushed when a version needs its id, else with the batch
    result = StoreResult(rec.outcome, None, revisit=prior is not None)
    if rec.article is not None:
        if prior is not None:
            result = _revisit_article(session, sid, rec, fetch, prior, policy)
        else:
            result = _new_sighting(session, sid, rec, fetch, policy)
        fetch.outcome = result.outcome
        fetch.article_id = result.article_id
    elif prior is not None and rec.status == 304:
        # A conditional revisit the server answered "not modified": seen again, unchanged.
        _seen_again(session, prior, rec.fetched_at)
        _sighting(session, sid, rec, prior)
        result = StoreResult("not_modified", prior, _version_of(session, prior), revisit=True)
        fetch.outcome = result.outcome
        fetch.article_id = prior
    if rec.url_key is not None:
        article_id = prior if prior is not None else result.article_id
        _touch_state(session, sid, rec, rec.url_key, article_id, states, policy)
        if article_id is not None:
            for alias in rec.alias_keys:
                if alias != rec.url_key:
                    _touch_alias(session, sid, rec, alias, article_id, states)
    return result


def _fetch_id(session: Session, fetch: Fetch, outcome: str, article_id: int) -> int:
    """The fetch's id for a version's provenance: final values first, so one INSERT does."""
    fetch.outcome, fetch.article_id = outcome, article_id
    session.flush()
    return int(fetch.id)


def _new_sighting(
    session: Session, sid: int, rec: FetchRecord, fetch: Fetch, policy: StorePolicy
) -> StoreResult:
    """An article from a URL that gave none before: a new article, or a known text."""
    art = rec.article
    assert art is not None
    article_id = _article_with_text(session, art.content_hash)
    if article_id is None:
        article_id = _insert_article(session, sid, rec)
        if article_id is not None:
            # Core, not session.add: the next record's lookup (a Core query) must see it.
            session.connection().execute(
                insert(ArticleVersion),
                {
                    "article_id": article_id,
                    "version": 1,
                    "content_hash": art.content_hash,
                    "title": art.title,
                    "text": art.text,
                    "modified_at": art.modified_at,
                    "seen_at": rec.fetched_at,
                    "url": rec.url,
                    "fetch_id": _fetch_id(session, fetch, "archived", article_id),
                    "origin": "crawl",
                },
            )
            cluster = None
            if art.signature:
                cluster = assign_cluster(
                    session, article_id, art.signature, art.band_keys, policy.neardup_threshold
                )
            _sighting(session, sid, rec, article_id)
            return StoreResult("archived", article_id, 1, cluster)
        # Another process stored the same text a moment ago.
        article_id = _article_with_text(session, art.content_hash)
        assert article_id is not None
    _seen_again(session, article_id, rec.fetched_at)
    _sighting(session, sid, rec, article_id)
    return StoreResult("duplicate", article_id, _version_of(session, article_id))


def _revisit_article(
    session: Session, sid: int, rec: FetchRecord, fetch: Fetch, prior: int, policy: StorePolicy
) -> StoreResult:
    """A URL that gave article `prior` before: unchanged, an old text, or a new version."""
    art = rec.article
    assert art is not None
    current_hash, version = session.execute(
        select(Article.content_hash, Article.version).where(Article.id == prior)
    ).one()
    target = prior
    if current_hash != art.content_hash:
        owner = session.execute(
            select(Article.id).where(Article.content_hash == art.content_hash)
        ).scalar_one_or_none()
        earlier = (
            session.execute(
                select(ArticleVersion.article_id)
                .where(ArticleVersion.content_hash == art.content_hash)
                .order_by(ArticleVersion.id)
            )
            .scalars()
            .all()
        )
        if owner is not None:
            target = int(owner)  # the page now shows another archived text
        elif prior in earlier:
            target = prior  # an earlier version of this article (a stale copy): nothing new
        elif earlier:
            target = int(earlier[0])  # an earlier version of another article
        else:
            fetch_id = _fetch_id(session, fetch, "new_version", prior)
            number = _add_version(session, rec, fetch_id, prior, int(version), policy)
            if number is not None:
                _seen_again(session, prior, rec.fetched_at)
                _sighting(session, sid, rec, prior)
                return StoreResult("new_version", prior, number, revisit=True)
            target = _article_with_text(session, art.content_hash) or prior
    _seen_again(session, target, rec.fetched_at)
    _sighting(session, sid, rec, target)
    return StoreResult("duplicate", target, _version_of(session, target), revisit=True)


def _add_version(
    session: Session,
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
        with session.begin_nested():
            session.execute(
                update(Article)
                .where(Article.id == article_id)
                .values(
                    **_article_columns(art),
                    # A version whose page lost its date keeps the date already known.
                    published_at=func.coalesce(art.published_at, Article.published_at),
                    published_at_raw=func.coalesce(art.published_at_raw, Article.published_at_raw),
                    version=number,
                )
            )
            session.add(
                ArticleVersion(
                    article_id=article_id,
                    version=number,
                    content_hash=art.content_hash,
                    title=art.title,
                    text=art.text,
                    modified_at=art.modified_at,
                    seen_at=rec.fetched_at,
                    url=rec.url,
                    fetch_id=fetch_id,
                    origin=origin,
                )
            )
            session.flush()
    except IntegrityError:
        # The same text was stored as another article in between (content_hash is unique), or
        # another writer added this version number first: the fetch is a sighting then.
        return None
    if art.signature:
        replace_signature(session, article_id, art.signature, art.band_keys, policy)
    return number


def _article_with_text(session: Session, content_hash: str) -> int | None:
    """The article whose text (current or earlier) has this hash.

    Every article's texts are in article_versions (version 1 is written with the article,
    schema 0002 backfilled older archives), so one indexed lookup there answers both: a copy
    of an edited article's earlier version (a mirror not yet updated) belongs to that article,
    not to a new one.
    """
    found = session.connection().execute(_TEXT_OWNER, {"hash": content_hash}).scalar_one_or_none()
    return int(found) if found is not None else None


_TEXT_OWNER = (
    select(ArticleVersion.article_id)
    .where(ArticleVersion.content_hash == bindparam("hash"))
    .order_by(ArticleVersion.id)
    .limit(1)
)


def _version_of(session: Session, article_id: int) -> int:
    return int(
        session.connection()
        .execute(select(Article.version).where(Article.id == article_id))
        .scalar_one()
    )


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


def _insert_article(session: Session, sid: int, rec: FetchRecord) -> int | None:
    art = rec.article
    assert art is not None
    seen = rec.fetched_at
    inserted = (
        session.connection()
        .execute(
            _insert(session, Article)
            .values(
                site_id=sid,
                url=rec.url,
                **_article_columns(art),
                published_at=art.published_at,
                published_at_raw=art.published_at_raw,
                first_seen_at=seen,
                last_seen_at=seen,
            )
            .on_conflict_do_nothing(index_elements=["content_hash"])
            .returning(Article.id)
        )
        .scalar_one_or_none()
    )
    return int(inserted) if inserted is not None else None


def _seen_again(session: Session, article_id: int, seen: datetime) -> None:
    session.connection().execute(
        update(Article)
        .where(Article.id == article_id, Article.last_seen_at < seen)
        .values(last_seen_at=seen)
    )


def _sighting(session: Session, sid: int, rec: FetchRecord, article_id: int) -> None:
    seen = rec.fetched_at
    stmt = _insert(session, ArticleUrl).values(
        article_id=article_id,
        site_id=sid,
        url=rec.url,
        first_seen_at=seen,
        last_seen_at=seen,
        times_seen=1,
    )
    session.connection().execute(
        stmt.on_conflict_do_update(
            index_elements=["article_id", "url"],
            set_={
                "times_seen": ArticleUrl.times_seen + 1,
                "last_seen_at": func.max(ArticleUrl.last_seen_at, stmt.excluded.last_seen_at)
                if session.get_bind().dialect.name == "sqlite"
                else func.greatest(ArticleUrl.last_seen_at, stmt.excluded.last_seen_at),
            },
        )
    )


# --------------------------------------------------------------------------- URL state


def _load_states(session: Session, records: Sequence[FetchRecord]) -> dict[str, _State]:
    keys = {k for rec in records for k in (rec.url_key, *rec.alias_keys) if k is not None}
    states: dict[str, _State] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        for row in session.execute(select(UrlState).where(UrlState.url.in_(chunk))).scalars():
            states[row.url] = _State(
                kind=row.kind,
                first_fetched_at=row.first_fetched_at,
                revisits=row.revisits,
                consecutive_failures=row.consecutive_failures,
                etag=row.etag,
                last_modified=row.last_modified,
                body_digest=row.body_digest,
                article_id=row.article_id,
            )
    session.expunge_all()
    return states


def _article_record(
    session: Session, states: dict[str, _State], article_id: int, sid: int
) -> str | None:
    """The key of the article's own url_state record on this site (loaded into `states`)."""
    row = session.execute(
        select(UrlState)
        .where(
            UrlState.article_id == article_id,
            UrlState.site_id == sid,
            UrlState.kind == KIND_ARTICLE,
        )
        .order_by(UrlState.id)
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    states.setdefault(
        row.url,
        _State(
            kind=row.kind,
            first_fetched_at=row.first_fetched_at,
            revisits=row.revisits,
            consecutive_failures=row.consecutive_failures,
            etag=row.etag,
            last_modified=row.last_modified,
            body_digest=row.body_digest,
            article_id=row.article_id,
        ),
    )
    session.expunge(row)
    return row.url


def _succeeded(rec: FetchRecord) -> bool:
    return rec.outcome not in _FAILED_OUTCOMES and 0 < rec.status < 400


def _touch_state(
    session: Session,
    sid: int,
    rec: FetchRecord,
    key: str,
    article_id: int | None,
    states: dict[str, _State],
    policy: StorePolicy,
) -> None:
    """Record what this fetch taught about its URL: validators, failures, when it is due."""
    old = states.get(key)
    ok = _succeeded(rec)
    first = old.first_fetched_at if old is not None else rec.fetched_at
    failures = 0 if ok else (old.consecutive_failures if old is not None else 0) + 1
    etag, last_modified, digest = (
        (old.etag, old.last_modified, old.body_digest) if old is not None else (None, None, None)
    )
    if ok and rec.status != 304:
        etag, last_modified = rec.etag, rec.last_modified
        digest = rec.payload_digest or digest
    elif not ok and rec.kind != KIND_ARTICLE:
        # The next request of a failed discovery page must be a full one.
        etag = last_modified = digest = None
    next_due: datetime | None = None
    if rec.kind == KIND_ARTICLE:
        if ok:
            anchor = first
            published = rec.article.published_at if rec.article is not None else None
            if published is not None and published <= rec.fetched_at:
                anchor = published
            next_due = next_revisit(anchor, policy.revisit_schedule, rec.fetched_at)
        else:
            next_due = retry_after_failure(failures, rec.fetched_at)
    if article_id is None and old is not None:
        article_id = old.article_id
    kind = rec.kind if rec.kind in (KIND_ARTICLE, KIND_DISCOVERY) else KIND_DISCOVERY
    revisits = (old.revisits + 1) if old is not None else 0
    values: dict[str, Any] = {
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
    session.connection().execute(
        _state_upsert(session.get_bind().dialect.name),
        {"url": key, "site_id": sid, "first_fetched_at": first, **values},
    )
    states[key] = _State(kind, first, revisits, failures, etag, last_modified, digest, article_id)


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


@lru_cache(maxsize=2)
def _state_upsert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (url) DO UPDATE for a url_state row, built once per dialect
    (building it per fetch cost more than running it)."""
    module: Any = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(UrlState).values(
        {name: bindparam(name) for name in ("url", "site_id", "first_fetched_at", *_STATE_UPDATED)}
    )
    return stmt.on_conflict_do_update(
        index_elements=["url"], set_={name: stmt.excluded[name] for name in _STATE_UPDATED}
    )


def _touch_alias(
    session: Session,
    sid: int,
    rec: FetchRecord,
    key: str,
    article_id: int,
    states: dict[str, _State],
) -> None:
    """Remember another URL of the article, so discovery does not fetch it as a new one."""
    old = states.get(key)
    if old is not None and old.kind != KIND_ALIAS:
        return  # a URL with a state of its own stays what it is
    values: dict[str, Any] = {
        "kind": KIND_ALIAS,
        "last_fetched_at": rec.fetched_at,
        "last_status": rec.status,
        "consecutive_failures": 0,
        "next_due_at": None,
        "article_id": article_id,
    }
    stmt = _insert(session, UrlState).values(
        url=key, site_id=sid, first_fetched_at=rec.fetched_at, revisits=0, **values
    )
    session.execute(stmt.on_conflict_do_update(index_elements=["url"], set_=values))
    first = old.first_fetched_at if old is not None else rec.fetched_at
    states[key] = _State(KIND_ALIAS, first, 0, 0, None, None, None, article_id)


# --------------------------------------------------------------------------- near-duplicates


@lru_cache(maxsize=4)
def _candidates_query(bands: int) -> Any:
    """The candidate lookup for `bands` band keys, built once: with literal values in it,
    building the 2 x 42 comparisons cost more than running the query (measured, ~1.7 ms)."""
    matches = or_(
        *(
            and_(ArticleBand.band == bindparam(f"b{i}"), ArticleBand.key == bindparam(f"k{i}"))
            for i in range(bands)
        )
    )
    return (
        select(ArticleBand.article_id)
        .where(matches)
        .where(ArticleBand.article_id != bindparam("exclude"))
        .group_by(ArticleBand.article_id)
        .order_by(func.count().desc(), ArticleBand.article_id)
        .limit(MAX_NEARDUP_CANDIDATES)
    )


def near_duplicate_candidates(
    session: Session, band_keys: Sequence[int], *, exclude: int | None = None
) -> list[int]:
    """Articles sharing at least one LSH band key, those sharing most first (bounded).

    One indexed lookup per band (ix_article_bands_band_key), so the cost does not grow with
    the archive, only with the number of true candidates.
    """
    if not band_keys:
        return []
    params: dict[str, int] = {"exclude": exclude if exclude is not None else -1}
    for band, key in enumerate(band_keys):
        params[f"b{band}"] = band
        params[f"k{band}"] = key
    query = _candidates_query(len(band_keys))
    return [int(a) for a in session.connection().execute(query, params).scalars()]


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
    candidates = near_duplicate_candidates(session, band_keys, exclude=exclude)
    if not candidates:
        return None
    rows = (
        session.connection()
        .execute(
            select(ArticleSignature.article_id, ArticleSignature.signature, Article.cluster_id)
            .join(Article, Article.id == ArticleSignature.article_id)
            .where(ArticleSignature.article_id.in_(candidates))
        )
        .all()
    )
    clusters = [
        int(cluster if cluster is not None else article)
        for article, other, cluster in rows
        if signature_similarity(signature, other) >= threshold
    ]
    return min(clusters, default=None)


def assign_cluster(
    session: Session,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    threshold: float,
) -> int:
    """Index a new article's signature and give it a cluster: a near-duplicate's, or its own."""
    cluster = find_cluster(session, signature, band_keys, threshold, exclude=article_id)
    cluster = article_id if cluster is None else cluster
    session.connection().execute(_SET_CLUSTER, {"aid": article_id, "cid": cluster})
    _write_signature(session, article_id, signature, band_keys)
    return cluster


_SET_CLUSTER = (
    update(Article).where(Article.id == bindparam("aid")).values(cluster_id=bindparam("cid"))
)


def replace_signature(
    session: Session,
    article_id: int,
    signature: bytes,
    band_keys: Sequence[int],
    policy: StorePolicy,
) -> None:
    """Re-index an article whose text changed; its cluster stays (ids are stable)."""
    cluster = session.execute(
        select(Article.cluster_id).where(Article.id == article_id)
    ).scalar_one()
    session.connection().execute(delete(ArticleBand).where(ArticleBand.article_id == article_id))
    session.connection().execute(
        delete(ArticleSignature).where(ArticleSignature.article_id == article_id)
    )
    if cluster is None:
        assign_cluster(session, article_id, signature, band_keys, policy.neardup_threshold)
    else:
        _write_signature(session, article_id, signature, band_keys)


def _write_signature(
    session: Session, article_id: int, signature: bytes, band_keys: Sequence[int]
) -> None:
    session.connection().execute(
        _insert(session, ArticleSignature).on_conflict_do_nothing(),
        {"article_id": article_id, "signature": signature},
    )
    if band_keys:
        session.connection().execute(
            _insert(session, ArticleBand).on_conflict_do_nothing(),
            [
                {"article_id": article_id, "band": band, "key": key}
                for band, key in enumerate(band_keys)
            ],
        )


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
    each item is stored on its own instead.
    """
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
            update(Article)
            .where(Article.id == bindparam("_id"))
            .values(
                content_hash=bindparam("_hash"),
                text=bindparam("_text"),
                title=bindparam("_title"),
                language=bindparam("_language"),
                canonical_url=bindparam("_canonical"),
                published_at=func.coalesce(
                    bindparam("_published", type_=Article.published_at.type),
                    Article.published_at,
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
            ),
            [
                {
                    "_id": i.article_id,
                    "_hash": i.article.content_hash,
                    "_text": i.article.text,
                    "_title": i.article.title,
                    "_language": i.article.language,
                    "_canonical": i.article.canonical_url,
                    "_published": i.article.published_at,
                    "_published_raw": i.article.published_at_raw,
                    "_modified": i.article.modified_at,
                    "_authors": i.article.authors,
                    "_description": i.article.description,
                    "_tags": i.article.tags,
                    "_section": i.article.section,
                    "_site_name": i.article.site_name,
                    "_image": i.article.image_url,
                    "_version": i.version + 1,
                }
                for i in new
            ],
        )
        conn.execute(
            insert(ArticleVersion),
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
        session, rec, fetch_id, article_id, int(version), policy, origin="reextract"
    )
    if number is None:
        return "taken"
    return "new_version"


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
