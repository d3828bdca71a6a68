"""The near-duplicate index in the archive: LSH band lookups, signature rows, cluster ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import Article, ArticleBand, ArticleSignature
from db.records import StorePolicy
from db.similarity import nearest_cluster, similarity
from db.statements import (
    _CLUSTER_OF,
    _DELETE_BANDS,
    _DELETE_SIGNATURE,
    _SET_CLUSTER,
    _insert_bands,
    _upserts,
)

# At most this many near-duplicate candidates (those sharing most LSH bands) are compared, so a
# band key that very many articles share cannot make one lookup expensive.
MAX_NEARDUP_CANDIDATES = 50


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
    candidates = [
        (article, *(queued[article] if article in queued else stored[article]))
        for article in _with_pending(ranked, band_keys, exclude, pending)
    ]
    return nearest_cluster(signature, candidates, threshold)


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


def merge_clusters(engine: Engine, threshold: float, *, since: datetime | None = None) -> int:
    """Join the clusters of near-duplicates that were stored apart; the articles moved.

    Two writers storing near-duplicate texts at the same moment do not see each other's
    uncommitted rows, so each text founds a cluster of its own. This pass looks at every
    article (first archived on or after `since`, if given) again: each one at or above
    `threshold` with a candidate joins their clusters, and every cluster of a connected group
    takes the group's smallest cluster id, which is its oldest article's id (a cluster's id is
    its first article's). Deterministic: the same archive gives the same clusters, in any
    order of writing; a cluster that nothing joins keeps its id.
    """
    parent: dict[int, int] = {}

    def root(cluster: int) -> int:
        while parent.get(cluster, cluster) != cluster:
            cluster = parent[cluster]
        return cluster

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    query = (
        select(Article.id, Article.cluster_id, ArticleSignature.signature)
        .join(ArticleSignature, ArticleSignature.article_id == Article.id)
        .where(Article.cluster_id.is_not(None))
        .order_by(Article.id)
    )
    if since is not None:
        query = query.where(Article.first_seen_at >= since)
    with Session(engine) as session:
        conn = session.connection()
        for article_id, cluster, own_signature in session.execute(query).all():
            keys = list(
                conn.execute(
                    select(ArticleBand.key)
                    .where(ArticleBand.article_id == article_id)
                    .order_by(ArticleBand.band)
                ).scalars()
            )
            if not keys:
                continue
            params = _band_params(keys, article_id)
            for other_id, _, other, other_cluster in conn.execute(
                _candidate_rows_query(len(keys)), params
            ):
                if other is None or similarity(own_signature, other) < threshold:
                    continue
                assert cluster is not None  # selected so
                join(int(cluster), int(other_id if other_cluster is None else other_cluster))
    moves: dict[int, list[int]] = {}
    for cluster in parent:
        target = root(cluster)
        if target != cluster:
            moves.setdefault(target, []).append(cluster)
    moved = 0
    with session_scope(engine) as session:
        for target, clusters in sorted(moves.items()):
            result = session.execute(
                update(Article).where(Article.cluster_id.in_(clusters)).values(cluster_id=target)
            )
            moved += int(result.rowcount)  # type: ignore[attr-defined]
    return moved
