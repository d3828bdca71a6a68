"""StorePipeline as a component: fetched pages in, archive rows and a run record out."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select

from crawler.model.hashing import content_hash
from crawler.model.items import KIND_DISCOVERY, FetchedPage
from crawler.model.sitespec import Site
from crawler.model.types import ExtractedArticle
from db.models import Article, CrawlRun, Fetch
from pipelines.store_pipeline import StorePipeline, to_record
from tests.factories import extracted, feed_store, fetched_page

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SITE = Site(key="alpha", name="Alpha-Kurier", domains=("alpha.example",))


def _page(url: str, *, status: int = 200, text: str | None = None, **kw: object) -> FetchedPage:
    article = None
    if text is not None:
        article = extracted(
            url,
            text,
            outcome="ok" if text else "empty",
            content_hash=content_hash(text) if text else None,
            published_at=NOW if "datiert" in text else None,
        )
    return fetched_page(url, status=status, fetched_at=NOW, extracted=article, **kw)


def test_outcomes_are_mapped() -> None:
    assert to_record(_page("http://a/1", text="Ein Text."), "A").outcome == "archived"
    assert to_record(_page("http://a/2", text=""), "A").outcome == "empty"
    assert to_record(_page("http://a/3", status=404), "A").outcome == "http_error"
    assert to_record(_page("http://a/3", status=404), "A").error == "HTTP 404"
    failed = _page("http://a/4", status=0, error="timeout")
    assert (to_record(failed, "A").outcome, to_record(failed, "A").error) == (
        "fetch_error",
        "timeout",
    )
    assert to_record(_page("http://a/s.xml", kind=KIND_DISCOVERY), "A").outcome == "discovery"
    binary = _page("http://a/5")
    binary.extracted = ExtractedArticle(outcome="binary", url="http://a/5")
    assert to_record(binary, "A").outcome == "binary"


def test_an_article_fetch_keeps_its_discovery_hints() -> None:
    hints = {"title": "Aus der Nachrichten-Sitemap", "published_at": "2026-11-21T08:00:00Z"}
    assert to_record(_page("http://a/1", text="Ein Text.", hints=hints), "A").hints == hints
    assert to_record(_page("http://a/2", text="Ein Text."), "A").hints is None
    # hints only ever describe article pages
    feed = _page("http://a/feed.xml", kind=KIND_DISCOVERY, hints=hints)
    assert to_record(feed, "A").hints is None


def test_pipeline_writes_batches_and_the_run_record(database_url: str, engine: Engine) -> None:
    crawler = get_crawler(
        settings_dict={"NEWSARCHIVE_DATABASE_URL": database_url, "NEWSARCHIVE_STORE_BATCH_SIZE": 2}
    )
    crawler.spider = SimpleNamespace(name="alpha", site=SITE, archive_arguments={"limit": "5"})  # type: ignore[assignment]
    pipe = StorePipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    pipe.open_spider()
    pages = [
        _page("http://alpha.example/a1", text="Erster Absatz, datiert.\nZweiter Absatz."),
        _page("http://mirror.example/a1", text="Erster Absatz, datiert.\nZweiter  Absatz."),
        _page("http://alpha.example/leer", text=""),
        _page("http://alpha.example/weg", status=404),
        _page("http://alpha.example/sitemap.xml", kind=KIND_DISCOVERY),
    ]
    feed_store(pipe, pages)
    pipe.spider_closed("finished")

    with engine.connect() as conn:
        articles = conn.execute(select(Article.url, Article.text)).all()
        outcomes = conn.execute(select(Fetch.outcome).order_by(Fetch.id)).scalars().all()
        run = conn.execute(select(CrawlRun)).one()
    # whitespace differences do not make a new article
    assert articles == [("http://alpha.example/a1", "Erster Absatz, datiert.\nZweiter Absatz.")]
    assert outcomes == ["archived", "duplicate", "empty", "http_error", "discovery"]
    assert (run.outcome, run.finish_reason, run.pages_fetched) == ("finished", "finished", 5)
    assert (run.articles_new, run.duplicates, run.empty_pages, run.errors) == (1, 1, 1, 1)
    assert run.http_errors == {"404": 1}
    assert run.date_share == 1.0
    assert run.arguments == {"limit": "5"}
    assert run.stats["archive/outcome/duplicate"] == 1
