"""Revisits and versions, URL state and the revisit schedule, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select

from crawler.model.hashing import content_hash
from crawler.model.items import FetchedPage
from crawler.model.schedule import DEFAULT_REVISIT_SCHEDULE, next_revisit, retry_after_failure
from crawler.model.sitespec import Site
from crawler.model.urls import UrlKeys
from db.models import Article, ArticleUrl, ArticleVersion, CrawlRun, Fetch, UrlState
from db.read import iter_articles
from db.records import ArticleData, FetchRecord, StorePolicy
from db.store import store_batch
from pipelines.store_pipeline import StorePipeline
from tests.factories import extracted, feed_store, fetch_record, fetched_page

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
URL = "https://alpha.example/politik/1-haushalt.html"
TEXT_1 = "Der Rat hat den Haushalt beschlossen.\nDie Opposition stimmte dagegen."
TEXT_2 = "Der Rat hat den Haushalt beschlossen.\nDie Opposition stimmte dagegen.\nNachtrag: Klage."


def article(text: str, **kw: object) -> ArticleData:
    return ArticleData(
        content_hash=content_hash(text),
        text=text,
        language="de",
        title=str(kw.pop("title", "Haushalt")),
        **kw,  # type: ignore[arg-type]
    )


def rec(
    url: str = URL,
    text: str | None = TEXT_1,
    *,
    at: datetime = T0,
    key: str | None = None,
    status: int = 200,
    outcome: str | None = None,
    kind: str = "article",
    **kw: object,
) -> FetchRecord:
    art = article(text, published_at=kw.pop("published_at", None)) if text else None
    return fetch_record(
        url,
        "alpha",
        at,
        site_name="Alpha",
        requested_url=str(kw.pop("requested_url", url)),
        kind=kind,
        status=status,
        outcome=outcome or ("archived" if art else "empty"),
        article=art,
        url_key=key if key is not None else url,
        **kw,  # type: ignore[arg-type]
    )


def state(engine: Engine, url: str = URL) -> UrlState:
    with engine.connect() as conn:
        row = conn.execute(select(UrlState).where(UrlState.url == url)).one()
    return row  # type: ignore[return-value]


# --------------------------------------------------------------------------- schedule


def test_next_revisit_skips_slots_already_past() -> None:
    schedule = DEFAULT_REVISIT_SCHEDULE
    assert next_revisit(T0, schedule, T0) == T0 + timedelta(hours=1)
    assert next_revisit(T0, schedule, T0 + timedelta(hours=2)) == T0 + timedelta(hours=6)
    assert next_revisit(T0, schedule, T0 + timedelta(days=2)) == T0 + timedelta(days=3)
    assert next_revisit(T0, schedule, T0 + timedelta(days=3)) is None
    assert next_revisit(T0, (), T0) is None


def test_failures_are_retried_with_backoff_then_given_up() -> None:
    assert retry_after_failure(1, T0) == T0 + timedelta(hours=1)
    assert retry_after_failure(3, T0) == T0 + timedelta(days=1)
    assert retry_after_failure(4, T0) is None


def test_site_schedule_defaults_match_the_store() -> None:
    assert Site(key="x", name="X", domains=("x.example",)).revisit_schedule == (
        DEFAULT_REVISIT_SCHEDULE
    )


# --------------------------------------------------------------------------- versions


def test_a_changed_revisit_is_a_new_version_keeping_the_old(engine: Engine) -> None:
    first = store_batch(engine, None, [rec(at=T0)])
    assert [r.outcome for r in first] == ["archived"]
    later = T0 + timedelta(hours=1)
    (second,) = store_batch(engine, None, [rec(text=TEXT_2, at=later)])
    assert (second.outcome, second.article_id, second.version, second.revisit) == (
        "new_version",
        first[0].article_id,
        2,
        True,
    )
    with engine.connect() as conn:
        art = conn.execute(select(Article)).one()
        versions = conn.execute(select(ArticleVersion).order_by(ArticleVersion.version)).all()
        fetches = conn.execute(select(Fetch.outcome).order_by(Fetch.id)).scalars().all()
    # the row holds the latest version; both texts are kept
    assert (art.text, art.version, art.content_hash) == (TEXT_2, 2, content_hash(TEXT_2))
    assert art.first_seen_at == T0 and art.last_seen_at == later
    assert [(v.version, v.text, v.origin) for v in versions] == [
        (1, TEXT_1, "crawl"),
        (2, TEXT_2, "revisit"),
    ]
    assert versions[1].seen_at == later and versions[1].fetch_id is not None
    assert fetches == ["archived", "new_version"]
    assert state(engine).revisits == 1


def test_an_unchanged_revisit_only_moves_the_last_seen_times(engine: Engine) -> None:
    store_batch(engine, None, [rec(at=T0)])
    later = T0 + timedelta(hours=6)
    (result,) = store_batch(engine, None, [rec(at=later)])
    assert (result.outcome, result.version, result.revisit) == ("duplicate", 1, True)
    with engine.connect() as conn:
        art = conn.execute(select(Article)).one()
        n_versions = len(conn.execute(select(ArticleVersion)).all())
        sighting = conn.execute(select(ArticleUrl)).one()
    assert (art.version, art.last_seen_at, n_versions) == (1, later, 1)
    assert (sighting.times_seen, sighting.last_seen_at) == (2, later)


def test_an_earlier_text_is_not_a_new_version(engine: Engine) -> None:
    """A stale mirror copy (or a revert) showing version 1 again after version 2."""
    store_batch(engine, None, [rec(at=T0)])
    store_batch(engine, None, [rec(text=TEXT_2, at=T0 + timedelta(hours=1))])
    (result,) = store_batch(engine, None, [rec(text=TEXT_1, at=T0 + timedelta(hours=2))])
    assert (result.outcome, result.version) == ("duplicate", 2)
    # and a new URL showing the old text belongs to the same article, not to a new one
    (other,) = store_batch(engine, None, [rec("https://copy.example/x", TEXT_1)])
    assert (other.outcome, other.article_id) == ("duplicate", result.article_id)
    with engine.connect() as conn:
        assert len(conn.execute(select(Article)).all()) == 1
        assert conn.execute(select(Article.text)).scalar_one() == TEXT_2


def test_a_page_now_showing_another_articles_text_is_a_sighting_of_that(engine: Engine) -> None:
    other_text = "Ganz anderer Text über den Hafen.\nZweiter Absatz."
    results = store_batch(engine, None, [rec(at=T0), rec("https://alpha.example/b", other_text)])
    (result,) = store_batch(engine, None, [rec(text=other_text, at=T0 + timedelta(hours=1))])
    assert (result.outcome, result.article_id) == ("duplicate", results[1].article_id)
    with engine.connect() as conn:
        assert len(conn.execute(select(ArticleVersion)).all()) == 2  # no version added


def test_a_304_revisit_is_not_modified_and_moves_last_seen(engine: Engine) -> None:
    store_batch(engine, None, [rec(at=T0, etag='"v1"')])
    later = T0 + timedelta(hours=1)
    (result,) = store_batch(
        engine, None, [rec(text=None, at=later, status=304, outcome="not_modified")]
    )
    assert (result.outcome, result.revisit) == ("not_modified", True)
    row = state(engine)
    assert (row.etag, row.consecutive_failures, row.last_status) == ('"v1"', 0, 304)
    with engine.connect() as conn:
        assert conn.execute(select(Article.last_seen_at)).scalar_one() == later
        assert conn.execute(select(Fetch.article_id).where(Fetch.status == 304)).scalar_one()


def test_records_without_a_url_key_leave_url_state_alone(engine: Engine) -> None:
    store_batch(engine, None, [replace(rec(), url_key=None)])
    with engine.connect() as conn:
        assert conn.execute(select(UrlState)).all() == []


# --------------------------------------------------------------------------- URL state


def test_article_state_is_scheduled_from_the_publication(engine: Engine) -> None:
    published = T0 - timedelta(hours=3)
    store_batch(engine, None, [rec(at=T0, published_at=published, etag='"a"')])
    row = state(engine)
    assert row.kind == "article" and row.article_id is not None
    assert (row.first_fetched_at, row.last_status, row.etag) == (T0, 200, '"a"')
    assert row.next_due_at == published + timedelta(hours=6)  # the 1 h slot is past already
    # an article published long ago is not revisited at all
    old = "https://alpha.example/archiv/1.html"
    store_batch(engine, None, [rec(old, "Alter Text.", published_at=T0 - timedelta(days=30))])
    assert state(engine, old).next_due_at is None


def test_site_schedule_comes_through_the_policy(engine: Engine) -> None:
    policy = StorePolicy(revisit_schedule=(timedelta(minutes=10),))
    store_batch(engine, None, [rec(at=T0)], policy=policy)
    assert state(engine).next_due_at == T0 + timedelta(minutes=10)
    store_batch(engine, None, [rec(at=T0 + timedelta(minutes=11))], policy=policy)
    assert state(engine).next_due_at is None


def test_failures_back_off_and_a_success_resets_them(engine: Engine) -> None:
    url = "https://alpha.example/wackel.html"
    for n in range(1, 5):
        at = T0 + timedelta(days=n)
        store_batch(engine, None, [rec(url, None, at=at, status=500, outcome="http_error")])
        row = state(engine, url)
        assert row.consecutive_failures == n
        assert row.next_due_at == retry_after_failure(n, at)
    assert state(engine, url).next_due_at is None  # given up after three retries
    store_batch(engine, None, [rec(url, "Jetzt mit Text.", at=T0 + timedelta(days=9))])
    row = state(engine, url)
    assert (row.consecutive_failures, row.revisits, row.last_status) == (0, 4, 200)


def test_discovery_validators_kept_on_304_cleared_on_failure(engine: Engine) -> None:
    url = "https://alpha.example/feed.xml"

    def disc(status: int, at: datetime, **kw: object) -> FetchRecord:
        outcome = "discovery" if status < 400 else "fetch_error"
        return rec(url, None, kind="discovery", status=status, outcome=outcome, at=at, **kw)

    store_batch(
        engine,
        None,
        [
            disc(
                200,
                T0,
                etag='"e1"',
                last_modified="Fri, 20 Nov 2026 08:00:00 GMT",
                payload_digest="sha1:A",
            )
        ],
    )
    store_batch(engine, None, [disc(304, T0 + timedelta(hours=1), payload_digest="sha1:EMPTY")])
    row = state(engine, url)
    assert (row.kind, row.etag, row.body_digest, row.last_status) == (
        "discovery",
        '"e1"',
        "sha1:A",
        304,
    )
    assert row.next_due_at is None and row.article_id is None
    store_batch(engine, None, [disc(500, T0 + timedelta(hours=2))])
    row = state(engine, url)
    assert (row.etag, row.last_modified, row.body_digest, row.consecutive_failures) == (
        None,
        None,
        None,
        1,
    )


def test_aliases_point_at_the_article_and_are_never_due(engine: Engine) -> None:
    canonical = "https://alpha.example/politik/1-haushalt.html"
    amp = "https://alpha.example/amp/politik/1-haushalt.html"
    short = "https://alpha.example/?p=1"
    (result,) = store_batch(
        engine,
        None,
        [rec(amp, key=canonical, requested_url=short, alias_keys=(amp, short))],
    )
    with engine.connect() as conn:
        rows = {r.url: r for r in conn.execute(select(UrlState)).all()}
    assert set(rows) == {canonical, amp, short}
    assert rows[canonical].kind == "article" and rows[canonical].next_due_at is not None
    for alias in (amp, short):
        assert (rows[alias].kind, rows[alias].article_id, rows[alias].next_due_at) == (
            "alias",
            result.article_id,
            None,
        )


# --------------------------------------------------------------------------- export


def _two_versions(engine: Engine) -> int:
    (first,) = store_batch(engine, None, [rec(at=T0)])
    store_batch(engine, None, [rec(text=TEXT_2, at=T0 + timedelta(hours=1))])
    assert first.article_id is not None
    return first.article_id


def test_export_gives_the_latest_version_or_all(engine: Engine) -> None:
    article_id = _two_versions(engine)
    (latest,) = iter_articles(engine)
    assert (latest["id"], latest["text"], latest["version"]) == (article_id, TEXT_2, 2)
    assert "version_origin" not in latest
    versions = list(iter_articles(engine, all_versions=True))
    assert [(v["version"], v["text"], v["version_origin"]) for v in versions] == [
        (1, TEXT_1, "crawl"),
        (2, TEXT_2, "revisit"),
    ]
    assert versions[1]["version_seen_at"] == (T0 + timedelta(hours=1)).isoformat()
    assert {v["content_hash"] for v in versions} == {content_hash(TEXT_1), content_hash(TEXT_2)}


@pytest.mark.slow
def test_cli_export_all_versions(engine: Engine, database_url: str, tmp_path: Path) -> None:
    _two_versions(engine)
    env = {**os.environ, "NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
    cli = str(Path(sys.executable).parent / "newsarchive")
    latest = subprocess.run(
        [cli, "export"], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    every = subprocess.run(
        [cli, "export", "--all-versions", "--format", "jsonl"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert [json.loads(line)["version"] for line in latest.stdout.splitlines()] == [2]
    assert [json.loads(line)["version"] for line in every.stdout.splitlines()] == [1, 2]
    assert "exported 2 article versions" in every.stderr


# --------------------------------------------------------------------------- pipeline


def _page(text: str, at: datetime) -> FetchedPage:
    return fetched_page(
        "https://alpha.example/a/1.html?utm_source=x",
        fetched_at=at,
        extracted=extracted(
            "https://alpha.example/a/1.html",
            text,
            title=None,
            canonical_url="https://www.alpha.example/a/1.html",
        ),
    )


def test_the_store_pipeline_counts_new_versions_in_the_run(
    database_url: str, engine: Engine
) -> None:
    site = Site(key="alpha", name="Alpha", domains=("alpha.example",))

    def run(pages: list[FetchedPage]) -> None:
        crawler = get_crawler(settings_dict={"NEWSARCHIVE_DATABASE_URL": database_url})
        crawler.spider = SimpleNamespace(  # type: ignore[assignment]
            name="alpha", site=site, url_keys=UrlKeys.of(site.domains)
        )
        pipe = StorePipeline.from_crawler(crawler)
        crawler.stats.open_spider()
        pipe.open_spider()
        feed_store(pipe, pages)
        pipe.spider_closed("finished")

    run([_page(TEXT_1, T0)])
    run([_page(TEXT_2, T0 + timedelta(hours=1))])
    with engine.connect() as conn:
        runs = conn.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
        keys = conn.execute(select(UrlState.url)).scalars().all()
    assert [(r.articles_new, r.new_versions) for r in runs] == [(1, 0), (0, 1)]
    assert runs[1].stats["archive/incremental/revisit_changed"] == 1
    # tracking parameters dropped, www. folded: one URL record
    assert keys == ["https://alpha.example/a/1.html"]


@pytest.mark.parametrize("offset", [timedelta(days=2), timedelta(0)])
def test_last_modified_in_the_future_is_not_kept(offset: timedelta) -> None:
    from pipelines.store_pipeline import to_record

    page = _page(TEXT_1, T0)
    stamp = (T0 + offset).strftime("%a, %d %b %Y %H:%M:%S GMT")
    page.headers = {"last-modified": stamp, "etag": '"x"'}
    record = to_record(page, "Alpha")
    assert record.etag == '"x"'
    assert record.last_modified == (None if offset else stamp)


def test_a_fetch_through_an_alias_updates_the_articles_own_record(engine: Engine) -> None:
    canonical = "https://alpha.example/politik/1-haushalt.html"
    amp = "https://alpha.example/amp/politik/1-haushalt.html"
    store_batch(engine, None, [rec(amp, key=canonical, alias_keys=(amp,))])
    # the revisit through the alias fails: the article's record counts it, the alias stays one
    later = T0 + timedelta(hours=1)
    store_batch(engine, None, [rec(amp, None, key=amp, at=later, status=503, outcome="http_error")])
    with engine.connect() as conn:
        rows = {r.url: r for r in conn.execute(select(UrlState)).all()}
    assert (rows[amp].kind, rows[amp].next_due_at) == ("alias", None)
    assert (rows[canonical].consecutive_failures, rows[canonical].last_status) == (1, 503)
    assert rows[canonical].next_due_at == later + timedelta(hours=1)
