"""store_batch queues most writes and sends them per table: what a batch stores is still what
its records would store one by one, and the paths taken when another writer got in between."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, bindparam, false, func, select, text

import db.store
from crawler.model.hashing import content_hash
from db.engine import ensure_schema, make_engine
from db.models import Article, ArticleUrl, ArticleVersion, Base, Fetch, UrlState
from db.records import ArticleData, FetchRecord, StorePolicy, StoreResult
from db.store import store_batch
from pipelines.neardup import band_keys, signature
from tests.factories import fetch_record

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
WORDS = ("Rat", "Haushalt", "Stadt", "Markt", "Wahl", "Bahnhof", "Preis", "Schule", "Kreis")


@pytest.fixture
def other_engine(database_url: str, tmp_path: Path) -> Iterator[Engine]:
    """A second fresh archive on the same backend as `engine`."""
    if database_url.startswith("sqlite"):
        eng = make_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
        ensure_schema(eng)
        yield eng
        eng.dispose()
        return
    found = re.search(r"search_path%3D(\w+)", database_url)
    assert found is not None
    schema, other = found.group(1), f"{found.group(1)}_b"
    admin = make_engine(database_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {other}"))
    eng = make_engine(database_url.replace(schema, other))
    ensure_schema(eng)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {other} CASCADE"))
    admin.dispose()


def _text(n: int, changed: int | None = None) -> str:
    words = [f"{WORDS[(n * 7 + i * 3) % len(WORDS)]}{(n * 31 + i) % 97}" for i in range(120)]
    if changed is not None:
        words[changed] = "Nachtrag"
    return " ".join(words) + "."


def _rec(
    url: str,
    body: str | None,
    at: datetime,
    *,
    status: int = 200,
    outcome: str | None = None,
    kind: str = "article",
    key: str | None = "",
    **kw: Any,
) -> FetchRecord:
    article = None
    if body is not None:
        sig = signature(body)
        assert sig is not None
        article = ArticleData(
            content_hash=content_hash(body),
            text=body,
            language="de",
            title=body[:20],
            published_at=kw.pop("published_at", None),
            authors=["A. Autor"],
            tags=["Stadt"],
            signature=sig,
            band_keys=band_keys(sig),
        )
    return fetch_record(
        url,
        "alpha",
        at,
        site_name="Alpha",
        kind=kind,
        status=status,
        outcome=outcome or ("archived" if article else "empty"),
        payload_digest=f"sha1:{url}:{at.isoformat()}",
        article=article,
        url_key=url if key == "" else key,
        **kw,
    )


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    rows = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "created_at"]
            query = select(*columns).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(query)]
    return rows


def test_a_batch_stores_what_its_records_would_store_one_by_one(
    engine: Engine, other_engine: Engine
) -> None:
    """Later records see what earlier ones of the same batch wrote: texts, versions, URL state
    and the near-duplicate index (a queued write must not be missed by a later lookup)."""
    u = [f"https://alpha.example/{i}" for i in range(8)]
    minutes = [T0 + timedelta(minutes=m) for m in range(30)]
    known = [_rec(u[0], _text(1), T0 - timedelta(days=1))]
    batch = [
        _rec(u[1], _text(2), minutes[0], alias_keys=(u[7],)),  # new, with an alias
        _rec(u[2], _text(2, changed=5), minutes[1]),  # near-duplicate of the one before
        _rec(u[3], _text(2), minutes[2]),  # the same text at another URL: duplicate
        _rec(u[1], _text(2), minutes[3]),  # the same URL again, unchanged: a revisit
        _rec(u[1], _text(2, changed=60), minutes[4]),  # changed: a new version
        _rec(u[4], _text(2), minutes[5]),  # the first text again: an earlier version
        _rec(u[0], None, minutes[6], status=304),  # known article, not modified
        _rec(u[0], _text(1, changed=9), minutes[7]),  # known article, new version
        _rec(u[5], _text(3), minutes[8], key=None),  # no URL state
        _rec(u[6], None, minutes[9], status=503, outcome="http_error"),
        _rec(u[6], None, minutes[10], kind="discovery", outcome="discovery"),
        _rec(u[7], None, minutes[11], status=503, outcome="http_error"),  # through the alias
        _rec(u[2], _text(2, changed=60), minutes[12]),  # now another article's text
    ]
    policy = StorePolicy(neardup_threshold=0.45)
    store_batch(engine, None, known, policy=policy)
    store_batch(other_engine, None, known, policy=policy)
    together = store_batch(engine, None, batch, policy=policy)
    alone = [r for rec in batch for r in store_batch(other_engine, None, [rec], policy=policy)]
    assert together == alone
    assert [r.outcome for r in together] == [
        "archived",
        "archived",
        "duplicate",
        "duplicate",
        "new_version",
        "duplicate",
        "not_modified",
        "new_version",
        "archived",
        "http_error",
        "discovery",
        "http_error",
        "duplicate",
    ]
    first, near = together[0], together[1]
    assert near.cluster_id == first.article_id  # found through the batch's own index entries
    assert _dump(engine) == _dump(other_engine)


def test_a_new_versions_publication_date_is_stored_in_utc(engine: Engine) -> None:
    """Regression: the date of a new version was written as its local time on SQLite."""
    berlin = timezone(timedelta(hours=1))
    published = datetime(2026, 11, 20, 8, 0, tzinfo=berlin)
    url = "https://alpha.example/1"
    store_batch(engine, None, [_rec(url, _text(1), T0, published_at=published)])
    later = T0 + timedelta(hours=2)
    (result,) = store_batch(
        engine, None, [_rec(url, _text(1, changed=3), later, published_at=published)]
    )
    assert result.outcome == "new_version"
    with engine.connect() as conn:
        stored = conn.execute(select(Article.published_at)).scalar_one()
    assert stored == published == datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def test_a_text_another_writer_stored_meanwhile_is_a_duplicate(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch looked up its texts before another writer stored one of them: the insert
    is ignored and the fetch becomes a sighting of that article."""
    (first,) = store_batch(engine, None, [_rec("https://alpha.example/1", _text(1), T0)])
    monkeypatch.setattr(db.store, "_text_owners", lambda conn, records: {})
    later = T0 + timedelta(hours=1)
    results = store_batch(
        engine,
        None,
        [
            _rec("https://beta.example/1", _text(1), later),
            _rec("https://beta.example/2", _text(1), later),
        ],
    )
    assert results == [StoreResult("duplicate", first.article_id, 1)] * 2
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar_one() == 1
        fetches = conn.execute(select(Fetch.outcome, Fetch.article_id).order_by(Fetch.id)).all()
        urls = conn.execute(select(ArticleUrl.url).order_by(ArticleUrl.id)).scalars().all()
        last_seen = conn.execute(select(Article.last_seen_at)).scalar_one()
    assert [tuple(f) for f in fetches] == [("archived", first.article_id)] + [
        ("duplicate", first.article_id)
    ] * 2
    assert urls == ["https://alpha.example/1", "https://beta.example/1", "https://beta.example/2"]
    assert last_seen == later


def test_a_revisit_whose_new_text_another_writer_took_is_a_sighting_of_that(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer stored the revisit's new text between the lookup and the new version:
    the version is not written, and the fetch, written already, is updated to the sighting."""
    a_url, b_url = "https://alpha.example/a", "https://alpha.example/b"
    a, b = store_batch(engine, None, [_rec(a_url, _text(1), T0), _rec(b_url, _text(2), T0)])
    nothing = select(Article.id).where(Article.content_hash == bindparam("hash"), false())
    monkeypatch.setattr(db.store, "_ARTICLE_WITH_HASH", nothing)
    monkeypatch.setattr(db.store, "_TEXT_ARTICLES", nothing)
    later = T0 + timedelta(hours=1)
    (result,) = store_batch(engine, None, [_rec(a_url, _text(2), later)])
    assert result == StoreResult("duplicate", b.article_id, 1, revisit=True)
    with engine.connect() as conn:
        fetch = conn.execute(select(Fetch.outcome, Fetch.article_id).order_by(Fetch.id.desc()))
        assert tuple(fetch.first() or ()) == ("duplicate", b.article_id)
        assert conn.execute(select(func.count()).select_from(ArticleVersion)).scalar_one() == 2
        head = conn.execute(
            select(Article.content_hash, Article.version).where(Article.id == a.article_id)
        ).one()
        state = conn.execute(select(UrlState.article_id).where(UrlState.url == a_url))
        assert state.scalar_one() == a.article_id
    assert tuple(head) == (content_hash(_text(1)), 1)
