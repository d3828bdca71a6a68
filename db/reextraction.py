"""Re-extraction's writes: new texts of archived articles, and what failed fetches give now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Article, ArticleBand, ArticleSignature
from db.neardup import _assign_cluster, assign_cluster
from db.records import KIND_ARTICLE, ArticleData, FetchRecord, StorePolicy, sanitise_article
from db.statements import (
    _INSERT_VERSION,
    _SEEN_AGAIN,
    _UPDATE_FETCH,
    _UPDATE_TO_VERSION,
    _article_columns,
    _article_with_text,
    _to_version_values,
    _upserts,
)
from db.store import _add_version


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
                    "seo_title": i.article.seo_title,
                    "agencies": i.article.agencies,
                    "text": i.article.text,
                    "modified_at": i.article.modified_at,
                    "seen_at": seen_at,
                    "url": i.url,
                    "fetch_id": i.fetch_id,
                    "origin": "reextract",
                    "extractor": i.article.extractor,
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
                            "seo_title": art.seo_title,
                            "agencies": art.agencies,
                            "text": art.text,
                            "modified_at": art.modified_at,
                            "seen_at": item.fetched_at,
                            "url": item.url,
                            "fetch_id": item.fetch_id,
                            "origin": "reextract",
                            "extractor": art.extractor,
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
