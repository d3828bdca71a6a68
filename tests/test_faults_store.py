"""The store under faults: nothing lost quietly, nothing let in that the database rejects.

A batch that fails for a transient reason is tried again; one that cannot be stored fails the
crawl loudly and its pages are fetched by the next run; text fields are sanitised; concurrent
crawls of sites sharing texts do not deadlock on PostgreSQL.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, create_engine, event, func, select

from crawler.demoweb import DemoWeb
from crawler.demoweb.content import articles_for, broken_page
from crawler.model.failures import FAILED_PAGE_LIST_STAT, failures_of
from crawler.model.hashing import content_hash
from crawler.model.items import KIND_ARTICLE, KIND_DISCOVERY, FetchedPage
from crawler.model.sitespec import Site
from crawler.model.types import ExtractInput
from db.engine import make_engine, normalise_url
from db.models import Article, ArticleUrl, CrawlRun, Fetch
from db.records import ArticleData, FetchRecord
from db.store import store_batch
from pipelines.extract import extract_article
from pipelines.store_pipeline import StorePipeline
from tests.factories import (
    TAGESBLICK,
    article_data,
    extracted,
    feed_store,
    fetch_record,
    fetched_page,
    loopback_settings,
    run_test_crawl,
    write_page,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SITE = Site(key="alpha", name="Alpha-Kurier", domains=("alpha.example",))
# Pauses between tries in these tests: short, the waiting is not what is tested.
QUICK_RETRIES = {"NEWSARCHIVE_STORE_RETRY_DELAY": 0.01, "NEWSARCHIVE_STORE_RETRY_MAX_DELAY": 0.05}


def _text(n: int) -> str:
    return "\n".join(f"Absatz {i} des Artikels Nummer {n} über die Stadt." for i in range(4))


def _page(url: str, body: str | None = None, *, kind: str = KIND_ARTICLE) -> FetchedPage:
    text = None if body is None else extracted(url, body)
    return fetched_page(url, kind=kind, fetched_at=NOW, extracted=text)


def _pipeline(database_url: str, **settings: Any) -> StorePipeline:
    # Batches go out when full only (not by the clock), so where they split is known.
    crawler = get_crawler(
        settings_dict={
            "NEWSARCHIVE_DATABASE_URL": database_url,
            "NEWSARCHIVE_STORE_FLUSH_SECONDS": 3600,
            **settings,
        }
    )
    crawler.spider = SimpleNamespace(name="alpha", site=SITE, archive_arguments={})  # type: ignore[assignment]
    pipe = StorePipeline.from_crawler(crawler)
    assert crawler.stats is not None
    crawler.stats.open_spider()
    pipe.open_spider()
    return pipe


def _feed(pipe: StorePipeline, pages: list[FetchedPage]) -> None:
    feed_store(pipe, pages)
    pipe.spider_closed("finished")


def _stat(pipe: StorePipeline, key: str) -> Any:
    assert pipe.stats is not None
    return pipe.stats.get_value(key)


def _inject_fault(engine: Engine, url_part: str, *, transient: bool) -> None:
    """A trigger that fails every insert of an article fetch whose URL contains `url_part`:
    on PostgreSQL as a deadlock (transient) or a raised exception, on SQLite as an abort."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER inject_fault BEFORE INSERT ON fetches "
                f"WHEN NEW.kind = 'article' AND instr(NEW.url, '{url_part}') > 0 "
                "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
            )
            return
        code = " USING ERRCODE = '40P01'" if transient else ""
        conn.exec_driver_sql(
            "CREATE FUNCTION inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF NEW.kind = 'article' AND strpos(NEW.url, '{url_part}') > 0 THEN "
            f"RAISE EXCEPTION 'injected fault'{code}; END IF; RETURN NEW; END $$"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER inject_fault BEFORE INSERT ON fetches "
            "FOR EACH ROW EXECUTE FUNCTION inject_fault()"
        )


def _remove_fault(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER inject_fault")
        else:
            conn.exec_driver_sql("DROP TRIGGER inject_fault ON fetches")


# --------------------------------------------------------------------------- retries


@pytest.fixture
def impatient_engine(database_url: str, engine: Engine) -> Iterator[Engine]:
    """An engine on the test archive that gives up waiting for a lock after 0.2 s (instead of
    SQLite's 60 s, or PostgreSQL's never), so a held lock fails a write quickly."""
    if engine.dialect.name == "sqlite":
        eng = create_engine(normalise_url(database_url), connect_args={"timeout": 0.2})
    else:
        eng = make_engine(database_url)

        @event.listens_for(eng, "connect")
        def _lock_timeout(dbapi_conn: Any, _record: Any) -> None:
            with dbapi_conn.cursor() as cur:
                cur.execute("SET lock_timeout = '200ms'")
            dbapi_conn.commit()

    yield eng
    eng.dispose()


def test_a_batch_failed_by_a_held_lock_is_tried_again_and_stored(
    database_url: str, engine: Engine, impatient_engine: Engine
) -> None:
    """Another writer holds the archive locked: the batch fails, waits, is tried again and
    stored once the lock is released. Nothing is lost and the run ends finished."""
    pipe = _pipeline(database_url, NEWSARCHIVE_STORE_BATCH_SIZE=3, **QUICK_RETRIES)
    pipe.engine = impatient_engine
    pages = [_page(f"http://alpha.example/{i}", _text(i)) for i in range(5)]
    blocker = engine.connect()
    if engine.dialect.name == "sqlite":
        blocker.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        blocker.exec_driver_sql("LOCK TABLE fetches IN EXCLUSIVE MODE")
    released = threading.Event()

    def release_after_a_retry() -> None:
        # Released once the pipeline has failed and retried; bounded in case it never does.
        for _ in range(600):
            if _stat(pipe, "archive/store/retried"):
                break
            threading.Event().wait(0.05)
        blocker.rollback()
        blocker.close()
        released.set()

    releaser = threading.Thread(target=release_after_a_retry)
    releaser.start()
    try:
        _feed(pipe, pages)
    finally:
        releaser.join()
    assert released.is_set()
    assert _stat(pipe, "archive/store/retried") >= 1
    assert not failures_of(pipe.crawler)
    with engine.connect() as conn:
        urls = conn.execute(select(Article.url)).scalars().all()
        run = conn.execute(select(CrawlRun)).one()
    assert sorted(urls) == sorted(p.url for p in pages)
    assert (run.outcome, run.articles_new, run.errors) == ("finished", 5, 0)


def test_one_bad_record_fails_the_run_and_costs_only_itself(
    database_url: str, engine: Engine
) -> None:
    """A record the database rejects (a data error, here a trigger) does not take the other
    records of its batch with it; it fails the run, named in finish_reason."""
    _inject_fault(engine, "/bad", transient=False)
    pipe = _pipeline(database_url, NEWSARCHIVE_STORE_BATCH_SIZE=10, **QUICK_RETRIES)
    pages = [_page(f"http://alpha.example/{i}", _text(i)) for i in range(6)]
    pages.insert(3, _page("http://alpha.example/bad", _text(99)))
    pages.append(_page("http://alpha.example/sitemap.xml", kind=KIND_DISCOVERY))
    _feed(pipe, pages)
    with engine.connect() as conn:
        urls = conn.execute(select(Fetch.url)).scalars().all()
        run = conn.execute(select(CrawlRun)).one()
    assert sorted(urls) == sorted(p.url for p in pages if p.url != "http://alpha.example/bad")
    assert run.outcome == "failed"
    assert run.finish_reason.startswith("store: cannot be stored: injected fault")
    assert "http://alpha.example/bad" in run.finish_reason
    assert run.stats["archive/failure/page_list"] == ["http://alpha.example/bad"]
    assert (run.articles_new, run.errors) == (6, 1)
    assert _stat(pipe, "archive/store/lost") == 1
    assert _stat(pipe, "archive/store/record_by_record") == 1


def test_a_database_that_stays_unavailable_stops_the_crawl(
    database_url: str, engine: Engine
) -> None:
    """Every try fails (a lock that is never released): the pages are named as lost, the
    store gives up after its retries instead of hanging, and the run is failed."""
    if engine.dialect.name == "postgresql":
        _inject_fault(engine, "alpha.example", transient=True)
    pipe = _pipeline(
        database_url, NEWSARCHIVE_STORE_BATCH_SIZE=2, NEWSARCHIVE_STORE_RETRIES=3, **QUICK_RETRIES
    )
    if engine.dialect.name == "sqlite":
        pipe.engine = create_engine(normalise_url(database_url), connect_args={"timeout": 0.05})
        blocker = engine.connect()
        blocker.exec_driver_sql("BEGIN IMMEDIATE")
    # A crawl that is not running: the request to stop it has nothing to close here.
    pipe.crawler.engine = SimpleNamespace(spider=None, running=False)  # type: ignore[assignment]
    pages = [_page(f"http://alpha.example/{i}", _text(i)) for i in range(5)]
    feed_store(pipe, pages)
    if engine.dialect.name == "sqlite":
        blocker.rollback()
        blocker.close()
        pipe.engine.dispose()
        pipe.engine = make_engine(database_url)
    pipe.spider_closed("finished")
    failure = failures_of(pipe.crawler).entries["store"]
    assert failure.message.startswith("database unavailable: ")
    assert failure.pages == [p.url for p in pages]
    assert _stat(pipe, "archive/store/retried") == 3  # one batch retried, the rest once each
    assert pipe.gave_up
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Article)).scalar_one() == 0
        run = conn.execute(select(CrawlRun)).one()
    assert run.outcome == "failed"
    assert run.finish_reason.startswith("store: database unavailable")


# --------------------------------------------------------------------------- real crawls

FAST = loopback_settings(
    CONCURRENT_REQUESTS_PER_DOMAIN="8",
    DOWNLOAD_TIMEOUT="3",
    RETRY_TIMES="0",
    NEWSARCHIVE_EXTRACT_WORKERS="2",
    NEWSARCHIVE_STORE_RETRIES="2",
    NEWSARCHIVE_STORE_RETRY_DELAY="0.05",
    # One record per batch: the discovery pages are stored whatever happens to an article.
    NEWSARCHIVE_STORE_BATCH_SIZE="1",
)


@pytest.mark.e2e
def test_a_lost_batch_fails_the_crawl_and_the_next_run_fetches_its_pages(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    """Run 1 cannot store one article (on PostgreSQL as a persistent deadlock, which stops
    the crawl; on SQLite as a rejected record): it exits 1 naming the page, the run is
    failed with the reason. Run 2, with the same unchanged feeds and sitemaps, trusts none
    of run 1's validators and archives every article."""
    fixtures = articles_for("tagesblick")
    lost = fixtures[3].path
    _inject_fault(engine, lost, transient=True)
    with DemoWeb(slow_seconds=0.2) as web:
        base = web.base_url("tagesblick")

        def crawl() -> Any:
            return run_test_crawl(
                "generic", base, tmp_path, database_url, settings=FAST, spider_args=TAGESBLICK
            )

        first = crawl()
        assert first.returncode == 1, first.stderr[-3000:]
        lines = [ln for ln in first.stderr.splitlines() if ln.startswith("newsarchive: crawl")]
        assert len(lines) == 1 and lines[0].startswith("newsarchive: crawl failed: store: ")
        # The line names the first pages of the lost batch; the run's stats list them all.
        assert base.rstrip("/") in lines[0]
        assert "injected fault" in lines[0]
        _remove_fault(engine)
        second = crawl()
        assert second.returncode == 0, second.stderr[-3000:]
    with engine.connect() as conn:
        runs = conn.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
        archived = conn.execute(select(Article.url)).scalars().all()
    assert [r.outcome for r in runs] == ["failed", "finished"]
    assert runs[0].finish_reason.startswith("store: ")
    assert base.rstrip("/") + lost in runs[0].stats[FAILED_PAGE_LIST_STAT]
    assert runs[1].stats["archive/incremental/trusted"] == 0
    # every article, the slow page's small one included (it answers in time here)
    expected = [a.path for a in fixtures] + [broken_page("slow").path]
    assert sorted(urlsplit(u).path for u in archived) == sorted(expected)


# --------------------------------------------------------------------------- sanitising

HOSTILE_PAGE = (
    '<html lang="de"><head><title>x</title><script type="application/ld+json">'
    '{"@type":"NewsArticle","headline":"a\\u0000b",'
    '"author":{"@type":"Person","name":"Max\\u0000 Muster"},'
    '"description":"Kurz\\u0000 gesagt\\ud800","keywords":["Stadt\\u0007","Land"],'
    '"articleSection":"Lokal\\u0000es"}</script></head><body><article><h1>Über</h1>'
    + "".join(
        f"<p>Dies ist der Absatz Nummer {i} eines längeren Artikels über die Stadt.</p>"
        for i in range(8)
    )
    + "</article></body></html>"
)


def test_control_characters_in_json_ld_are_removed_before_storing(
    database_url: str, engine: Engine
) -> None:
    """A NUL in a JSON-LD headline (PostgreSQL rejects it, failing the whole batch on every
    run) and other control characters and a lone surrogate are cleaned out and counted."""
    url = "http://alpha.example/feindlich"
    ext = extract_article(
        ExtractInput(
            url=url,
            body=HOSTILE_PAGE.encode(),
            headers={"content-type": "text/html; charset=utf-8"},
        )
    )
    assert ext.title == "a\x00b"  # what extraction hands over
    page = _page(url)
    page.extracted = ext
    pipe = _pipeline(database_url)
    _feed(pipe, [page, _page("http://alpha.example/2", _text(2))])
    with engine.connect() as conn:
        art = conn.execute(select(Article).where(Article.url == url)).one()
        run = conn.execute(select(CrawlRun)).one()
    assert art.title == "ab"
    assert list(art.authors) == ["Max Muster"]
    assert art.description == "Kurz gesagt\ufffd"
    assert list(art.tags) == ["Stadt", "Land"]
    assert art.section == "Lokales"
    assert (run.outcome, run.articles_new) == ("finished", 2)
    assert _stat(pipe, "archive/store/sanitised") == 1


def test_a_sanitised_text_is_hashed_as_stored(engine: Engine) -> None:
    """The content hash is the hash of the text stored: the same text with a stray control
    character is the same article."""
    clean = _text(1)
    dirty = clean.replace("Absatz 2", "Absatz\x00 2\x1b")
    records = [
        fetch_record(
            f"http://alpha.example/{name}{nul}",
            "alpha",
            NOW,
            site_name="Alpha",
            requested_url=f"http://alpha.example/{name}",
            error=f"fehlt{nul}",
            hints={f"title{nul}": f"Ti{nul}tel"},
            article=ArticleData(content_hash=content_hash(body), text=body, language="de"),
            url_key=f"http://alpha.example/{name}",
        )
        for name, body, nul in (("schmutzig", dirty, "\x00"), ("sauber", clean, ""))
    ]
    results = store_batch(engine, None, records)
    assert [(r.outcome, r.sanitised) for r in results] == [("archived", True), ("duplicate", False)]
    with engine.connect() as conn:
        stored = conn.execute(select(Article.text, Article.content_hash)).one()
        fetch = conn.execute(select(Fetch).order_by(Fetch.id)).first()
    assert stored == (clean, content_hash(clean))
    assert fetch is not None
    assert (fetch.url, fetch.error, fetch.hints) == (
        "http://alpha.example/schmutzig",
        "fehlt",
        {"title": "Titel"},
    )


# --------------------------------------------------------------------------- concurrency


def _records(site: str, texts: list[str], round_: int) -> list[FetchRecord]:
    return [
        fetch_record(
            f"http://{site}.example/{round_}/{i}",
            site,
            NOW,
            article=article_data(body),
            url_key=f"http://{site}.example/{round_}/{i}",
        )
        for i, body in enumerate(texts)
    ]


def _store_at_once(engines: list[Engine], batches: list[list[FetchRecord]]) -> None:
    """Store each batch in its own thread, all released at the same moment."""
    start = threading.Barrier(len(batches))
    errors: list[BaseException] = []

    def store(engine: Engine, batch: list[FetchRecord]) -> None:
        start.wait()
        try:
            store_batch(engine, None, batch)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=store, args=(eng, batch))
        for eng, batch in zip(engines, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_two_sites_sharing_texts_store_at_once_without_deadlock(
    database_url: str, engine: Engine
) -> None:
    """Two crawls store batches of the same texts (a site and its mirror) at the same moment,
    in opposite orders: on PostgreSQL, inserts in arrival order deadlocked and one batch was
    lost. Every article and every sighting is stored."""
    engines = [make_engine(database_url), make_engine(database_url)]
    rng = random.Random(14)
    total = 0
    for round_ in range(3):
        texts = [f"{_text(i)}\nRunde {round_}." for i in range(120)]
        rng.shuffle(texts)
        batches = [_records("alpha", texts, round_), _records("beta", texts[::-1], round_)]
        _store_at_once(engines, batches)
        total += len(texts)
    for eng in engines:
        eng.dispose()
    with engine.connect() as conn:
        articles = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        sightings = conn.execute(select(func.count()).select_from(ArticleUrl)).scalar_one()
        fetches = conn.execute(
            select(Fetch.outcome, func.count()).group_by(Fetch.outcome).order_by(Fetch.outcome)
        ).all()
    assert articles == total
    assert sightings == 2 * total
    assert [tuple(f) for f in fetches] == [("archived", total), ("duplicate", total)]


def _capture(writer: Any) -> None:
    write_page(
        writer,
        "http://alpha.example/0",
        b"<p>x</p>",
        NOW,
        response_headers=[("Content-Type", "text/html")],
    )


def test_warc_records_reach_the_disk_before_the_archive_points_at_them(
    database_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each batch syncs the WARC file before it is stored: a power loss after the commit must
    not leave pointers to bytes that were only in the page cache."""
    from crawler import warc as warc_module
    from crawler.model.captures import register_writer
    from crawler.warc import WarcWriter

    pipe = _pipeline(database_url, NEWSARCHIVE_STORE_BATCH_SIZE=2)
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    _capture(writer)
    register_writer(pipe.crawler, writer)
    events: list[str] = []
    real_fsync, real_store = warc_module.os.fsync, StorePipeline._with_retries

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    async def with_retries(self: StorePipeline, records: list[FetchRecord]) -> Any:
        events.append("store")
        return await real_store(self, records)

    monkeypatch.setattr(warc_module.os, "fsync", fsync)
    monkeypatch.setattr(StorePipeline, "_with_retries", with_retries)
    _feed(pipe, [_page(f"http://alpha.example/{i}", _text(i)) for i in range(4)])
    writer.close()
    assert events[:4] == ["fsync", "store", "fsync", "store"]


def test_a_warc_file_that_cannot_be_synced_fails_the_crawl_and_stores_nothing(
    database_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler import warc as warc_module
    from crawler.model.captures import register_writer
    from crawler.warc import WarcWriter

    pipe = _pipeline(database_url, NEWSARCHIVE_STORE_BATCH_SIZE=10)
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    _capture(writer)
    register_writer(pipe.crawler, writer)

    def fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(warc_module.os, "fsync", fsync)
    _feed(pipe, [_page(f"http://alpha.example/{i}", _text(i)) for i in range(3)])
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Fetch)).scalar() == 0
        run = conn.execute(select(CrawlRun)).one()
    assert run.outcome == "failed"
    assert run.finish_reason.startswith("warc: cannot sync the WARC file to disk")
    assert _stat(pipe, "archive/warc/sync_error") == 1


def test_a_crawl_stopped_while_its_spider_opens_closes_its_run(
    database_url: str, engine: Engine
) -> None:
    """A SIGTERM while the spider is opening makes Scrapy stop without closing it; the crawl
    command's `crawl_ended` signal then closes the run the store opened, as a shutdown."""
    from crawler.model.failures import crawl_ended

    pipe = _pipeline(database_url)
    pipe.crawler.crawling = False  # what Scrapy's shutdown handler leaves
    pipe.crawler.signals.send_catch_log(crawl_ended)
    with engine.connect() as conn:
        run = conn.execute(select(CrawlRun)).one()
    assert (run.outcome, run.finish_reason) == ("interrupted", "shutdown")
    assert run.finished_at is not None


def test_crawl_ended_leaves_a_closed_run_as_it_was(database_url: str, engine: Engine) -> None:
    from crawler.model.failures import crawl_ended

    pipe = _pipeline(database_url)
    _feed(pipe, [_page("http://alpha.example/1", _text(1))])
    pipe.crawler.signals.send_catch_log(crawl_ended)
    with engine.connect() as conn:
        run = conn.execute(select(CrawlRun)).one()
    assert (run.outcome, run.finish_reason, run.articles_new) == ("finished", "finished", 1)
