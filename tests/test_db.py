"""The archive's schema and writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select, text

from db.engine import SchemaError, current_revision, ensure_schema, head_revision, make_engine
from db.models import Article, ArticleUrl, Base, CrawlRun, Fetch, described_by_models
from db.read import archive_totals, iter_articles
from db.records import ArticleData, FetchRecord
from db.runs import RunCounts, finish_run, start_run
from db.store import store_batch
from tests.factories import fetch_record

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _rec(url: str, content_hash: str | None, site: str = "alpha", **kw: object) -> FetchRecord:
    article = None
    if content_hash is not None:
        article = ArticleData(content_hash=content_hash, text=f"Text {content_hash}", language="de")
    return fetch_record(
        url,
        site,
        kw.pop("fetched_at", T0),  # type: ignore[arg-type]
        site_name=site.title(),
        outcome="archived" if article else "empty",
        article=article,
        **kw,
    )


def test_migrations_match_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": described_by_models})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_fresh_database_is_created_at_head(database_url: str) -> None:
    eng = make_engine(database_url)
    assert current_revision(eng) is None
    ensure_schema(eng)
    assert current_revision(eng) == head_revision()
    ensure_schema(eng)  # idempotent
    eng.dispose()


def test_unknown_revision_gets_a_clear_message(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    with pytest.raises(SchemaError, match="newer version"):
        ensure_schema(engine)


def test_foreign_database_is_refused(database_url: str) -> None:
    eng = make_engine(database_url)
    with eng.begin() as conn:
        conn.execute(text("CREATE TABLE someone_elses (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SchemaError, match="no newsarchive schema"):
        ensure_schema(eng)
    eng.dispose()


def test_same_content_on_two_sites_is_one_article_with_two_sightings(engine: Engine) -> None:
    results = store_batch(
        engine,
        None,
        [
            _rec("https://a.example/1", "h1", "alpha"),
            _rec("https://b.example/x", "h1", "beta"),
            _rec("https://b.example/x", "h1", "beta", fetched_at=T0 + timedelta(hours=1)),
        ],
    )
    assert [r.outcome for r in results] == ["archived", "duplicate", "duplicate"]
    records = list(iter_articles(engine))
    assert len(records) == 1
    assert records[0]["urls"] == ["https://a.example/1", "https://b.example/x"]
    assert records[0]["site"] == "alpha"
    with engine.connect() as conn:
        seen = conn.execute(
            select(ArticleUrl.times_seen, ArticleUrl.last_seen_at).where(
                ArticleUrl.url == "https://b.example/x"
            )
        ).one()
        last_seen = conn.execute(select(Article.last_seen_at)).scalar_one()
    assert seen.times_seen == 2
    assert last_seen.replace(tzinfo=UTC) == T0 + timedelta(hours=1)


def test_times_come_back_aware_utc(engine: Engine) -> None:
    berlin = timezone(timedelta(hours=1))
    store_batch(
        engine, None, [_rec("https://a.example/tz", "htz", fetched_at=T0.astimezone(berlin))]
    )
    (record,) = iter_articles(engine)
    assert record["first_seen_at"] == "2026-11-20T09:30:00+00:00"


def test_a_failing_batch_writes_nothing(engine: Engine) -> None:
    bad = _rec("https://a.example/bad", "hbad")
    bad.fetched_at = datetime(2026, 1, 1)  # naive: refused by the UTC column type
    with pytest.raises(Exception, match="naive"):
        store_batch(engine, None, [_rec("https://a.example/good", "hgood"), bad])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(Fetch)).scalar_one() == 0


def test_concurrent_writers_never_duplicate(engine: Engine) -> None:
    """Several writers storing the same articles at once end with one row per content."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            eng = make_engine(str(engine.url.render_as_string(hide_password=False)))
            for i in range(10):
                store_batch(eng, None, [_rec(f"https://w{n}.example/{i}", f"hash{i}")])
            eng.dispose()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    totals = archive_totals(engine)
    assert totals["articles"] == 10
    assert totals["article_urls"] == 40
    assert totals["fetches_by_outcome"] == {"archived": 10, "duplicate": 30}


def test_run_records(engine: Engine) -> None:
    run_id = start_run(engine, "generic", "alpha", "Alpha", {"url": "https://a.example/"})
    store_batch(
        engine, run_id, [_rec("https://a.example/1", "h1"), _rec("https://a.example/2", None)]
    )
    finish_run(
        engine,
        run_id,
        outcome="finished",
        finish_reason="finished",
        counts=RunCounts(pages_fetched=2, articles_new=1, empty_pages=1),
        stats={"downloader/response_count": 2},
    )
    with engine.connect() as conn:
        run = conn.execute(select(CrawlRun)).one()
        fetches = conn.execute(select(Fetch.outcome, Fetch.run_id).order_by(Fetch.id)).all()
    assert (run.outcome, run.pages_fetched, run.articles_new, run.empty_pages) == (
        "finished",
        2,
        1,
        1,
    )
    assert run.finished_at is not None
    assert fetches == [("archived", run_id), ("empty", run_id)]


def test_older_archive_gets_a_message_then_upgrades_with_its_data(database_url: str) -> None:
    from db.engine import upgrade

    eng = make_engine(database_url)
    upgrade(eng, "0001")
    with eng.begin() as conn:
        conn.execute(
            text("INSERT INTO sites (id, key, name, created_at) VALUES (1, 'a', 'A', :t)"),
            {"t": T0.replace(tzinfo=None)},
        )
        conn.execute(
            text(
                "INSERT INTO articles (id, content_hash, site_id, url, text, language, authors, "
                "tags, first_seen_at, last_seen_at) VALUES (1, 'h', 1, 'https://a.example/1', "
                "'Alter Text', 'de', '[]', '[]', :t, :t)"
            ),
            {"t": T0.replace(tzinfo=None)},
        )
    with pytest.raises(SchemaError, match="newsarchive db upgrade"):
        ensure_schema(eng)
    upgrade(eng)
    ensure_schema(eng)
    from db.models import ArticleVersion

    with eng.connect() as conn:
        version = conn.execute(select(ArticleVersion)).one()
        article_version = conn.execute(select(Article.version)).scalar_one()
    assert (version.article_id, version.version, version.text) == (1, 1, "Alter Text")
    assert article_version == 1
    eng.dispose()


def test_new_articles_get_version_one_with_provenance(engine: Engine) -> None:
    from db.models import ArticleVersion

    store_batch(
        engine, None, [_rec("https://a.example/1", "h1"), _rec("https://b.example/1", "h1")]
    )
    with engine.connect() as conn:
        versions = conn.execute(select(ArticleVersion)).all()
        fetch_id = conn.execute(
            select(Fetch.id).where(Fetch.url == "https://a.example/1")
        ).scalar_one()
    assert len(versions) == 1
    assert (versions[0].version, versions[0].fetch_id, versions[0].origin) == (1, fetch_id, "crawl")


def test_theswitch_to_wal_waits_for_another_connection_switching_a_new_file() -> None:
    """Two connections switching a new SQLite file to WAL at once deadlock on the lock
    upgrade, and SQLite answers one of them "database is locked" at once (parallel first
    starts failed on it): the switch is tried again."""
    import sqlite3

    from db.engine import switch_to_wal

    class Cursor:
        def __init__(self, failures: int, message: str = "database is locked") -> None:
            self.failures, self.message, self.calls = failures, message, 0

        def execute(self, sql: str) -> None:
            self.calls += 1
            if self.calls <= self.failures:
                raise sqlite3.OperationalError(self.message)

    cursor = Cursor(failures=3)
    switch_to_wal(cursor)
    assert cursor.calls == 4
    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        switch_to_wal(Cursor(failures=1, message="disk I/O error"))


def test_seo_title_and_agencies_are_stored_and_exported(engine: Engine) -> None:
    record = _rec("https://a.example/seo", "hseo")
    assert record.article is not None
    record.article.title = "Erzeugerpreise fallen deutlich"
    record.article.seo_title = "Inflation: Erzeugerpreise sinken im März"
    record.article.authors = ["Katrin Oltmanns"]
    record.article.agencies = ["dpa", "AFP"]
    store_batch(engine, None, [record, _rec("https://a.example/plain", "hplain")])
    exported = {r["url"]: r for r in iter_articles(engine)}
    seo = exported["https://a.example/seo"]
    assert seo["seo_title"] == "Inflation: Erzeugerpreise sinken im März"
    assert (seo["authors"], seo["agencies"]) == (["Katrin Oltmanns"], ["dpa", "AFP"])
    plain = exported["https://a.example/plain"]
    assert (plain["seo_title"], plain["agencies"]) == (None, [])
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT seo_title, agencies FROM article_versions ORDER BY id")
        ).all()
    assert [row[0] for row in stored] == ["Inflation: Erzeugerpreise sinken im März", None]
