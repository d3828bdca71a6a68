"""Incremental crawling: URL state from the archive, conditional requests, revisits, bad input."""

from __future__ import annotations

import asyncio
import gzip
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select, update
from warcio.archiveiterator import ArchiveIterator

from crawler.demoweb import DemoWeb
from crawler.demoweb.content import articles_for
from crawler.incremental import IncrementalSpiderMiddleware, UrlMemory, load_memory
from crawler.middlewares import WARC_META_KEY, WarcCaptureMiddleware
from crawler.model.items import KIND_DISCOVERY, FetchedPage
from crawler.model.memory import PreviousCapture, payload_digest
from crawler.model.meta import META_CONDITIONAL, META_PREVIOUS
from crawler.model.sitespec import Site
from crawler.warc import WarcWriter, read_capture
from db.engine import make_engine
from db.models import Article, ArticleVersion, CrawlRun, Fetch, UrlState
from db.records import FetchRecord
from db.runs import RunCounts, finish_run, start_run
from db.store import store_batch
from spiders.base import INCREMENTAL_MIDDLEWARE, NewsSpider
from tests.factories import (
    TAGESBLICK,
    fetch_record,
    loopback_settings,
    run_test_crawl,
    write_page,
)

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SITE = Site(
    key="testsite",
    name="Testseite",
    domains=("news.test",),
    mirrors=("spiegelung.test",),
    sitemaps=("https://news.test/sitemap.xml",),
    article_pattern=r"^/politik/\d{5,}-[^/]+/$",
)
A1 = "https://news.test/politik/100001-eins/"
A2 = "https://news.test/politik/100002-zwei/"
A3 = "https://news.test/politik/100003-drei/"


class SiteSpider(NewsSpider):
    name = "testsite"
    site = SITE


def make_spider(memory: UrlMemory | None = None, **kwargs: Any) -> SiteSpider:
    crawler = get_crawler(SiteSpider, {})
    spider = SiteSpider.from_crawler(crawler, **kwargs)
    spider.memory = memory
    return spider


def respond(
    request: scrapy.Request,
    body: bytes,
    *,
    cls: type[Response] = XmlResponse,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    if issubclass(cls, TextResponse):
        return cls(request.url, body=body, status=status, headers=headers, request=request)
    return cls(request.url, body=body, status=status, headers=headers, request=request)


def stat(spider: NewsSpider, key: str) -> Any:
    return spider.crawler.stats.get_value(key)


def urlset(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()
    )


def split(output: Any) -> tuple[list[FetchedPage], list[scrapy.Request]]:
    out = list(output)
    return (
        [o for o in out if isinstance(o, FetchedPage)],
        [o for o in out if isinstance(o, scrapy.Request)],
    )


# --------------------------------------------------------------------------- the spider's side


def test_known_articles_cost_nothing_due_ones_are_revisited() -> None:
    previous = PreviousCapture(digest="sha1:OLD", etag='"a1"', last_modified="Fri, 20 Nov 2026")
    memory = UrlMemory(site_trusted=True, known={A1}, due={A2: A2}, captures={A2: previous})
    spider = make_spider(memory)
    request = spider.discovery_request("https://news.test/sitemap.xml", "sitemap")
    assert request is not None
    body = urlset(
        [A1, A1 + "?utm_source=telegram", A2, A3, "https://spiegelung.test/politik/100001-eins/"]
    )
    _, requests = split(spider.parse_discovery(respond(request, body)))
    assert [r.url for r in requests] == [A2, A3]
    revisit, new = requests
    assert revisit.meta[META_PREVIOUS]["digest"] == "sha1:OLD"
    assert revisit.headers.get("If-None-Match") == b'"a1"'
    assert META_PREVIOUS not in new.meta and not new.headers.get("If-None-Match")
    # the tracking-parameter and mirror links are the same article as A1: known, one count
    assert stat(spider, "archive/discovery/known") == 1
    assert stat(spider, "archive/discovery/duplicate") == 2
    assert stat(spider, "archive/incremental/revisit") == 1


def test_due_urls_are_revisited_even_when_discovery_no_longer_lists_them() -> None:
    # The canonical URL failed last time; the article is fetched through its working alias.
    alias = "https://news.test/politik/100002-zwei-amp/"
    memory = UrlMemory(site_trusted=True, due={A2: alias}, discovery=["https://news.test/s2.xml"])
    spider = make_spider(memory)

    async def collect() -> list[scrapy.Request]:
        return [r async for r in spider.start()]

    requests = asyncio.run(collect())
    urls = [r.url for r in requests]
    assert "https://news.test/s2.xml" in urls  # a remembered child sitemap, asked directly
    assert urls[-1] == alias and requests[-1].meta["newsarchive_source"] == "revisit"
    # listed by discovery afterwards: not requested twice
    assert spider.article_request(A2, "sitemap") is None
    assert stat(spider, "archive/incremental/remembered_discovery") == 1


def test_discovery_is_conditional_only_after_a_complete_run() -> None:
    previous = PreviousCapture(
        digest="sha1:X", etag='"e1"', last_modified="Fri, 20 Nov 2026 08:00:00 GMT"
    )
    url = "https://news.test/sitemap.xml"
    for trusted in (True, False):
        spider = make_spider(UrlMemory(site_trusted=trusted, captures={url: previous}))
        request = spider.discovery_request(url, "sitemap")
        assert request is not None
        assert 304 in request.meta["handle_httpstatus_list"]
        assert request.meta[META_PREVIOUS]["digest"] == "sha1:X"  # for WARC revisits always
        assert bool(request.headers.get("If-None-Match")) is trusted
        assert bool(request.headers.get("If-Modified-Since")) is trusted
        assert bool(request.meta.get(META_CONDITIONAL)) is trusted


def test_304_and_unchanged_bodies_are_not_parsed() -> None:
    body = urlset([A1, A2])
    previous = PreviousCapture(digest=payload_digest(body), etag='"e1"')
    url = "https://news.test/sitemap.xml"
    spider = make_spider(UrlMemory(site_trusted=True, captures={url: previous}))
    request = spider.discovery_request(url, "sitemap")
    assert request is not None
    pages, requests = split(spider.parse_discovery(respond(request, b"", status=304)))
    assert requests == [] and [(p.status, p.kind, p.error) for p in pages] == [
        (304, KIND_DISCOVERY, None)
    ]
    # the server makes up a new ETag every time; the digest tells the body did not change
    response = respond(request, body, headers={"ETag": '"e2"'})
    pages, requests = split(spider.parse_discovery(response))
    assert requests == [] and pages[0].status == 200
    assert stat(spider, "archive/incremental/not_modified") == 1
    assert stat(spider, "archive/incremental/unchanged") == 1
    assert stat(spider, "archive/incremental/etag_unstable") == 1
    # a changed body is parsed
    _, requests = split(spider.parse_discovery(respond(request, urlset([A1, A2, A3]))))
    assert len(requests) == 3


def test_untrusted_digest_match_is_parsed_again() -> None:
    body = urlset([A1, A2])
    url = "https://news.test/sitemap.xml"
    previous = PreviousCapture(digest=payload_digest(body))
    spider = make_spider(UrlMemory(site_trusted=False, captures={url: previous}))
    request = spider.discovery_request(url, "sitemap")
    assert request is not None
    _, requests = split(spider.parse_discovery(respond(request, body)))
    assert len(requests) == 2


def test_a_huge_repetitive_gzip_sitemap_is_read_without_stopping() -> None:
    """100,000 URLs, gzip-compressed, half of them archived already; 5,000 repeated in the
    sitemap (the parser collapses those) and 5,000 listed again by another sitemap."""
    n = 100_000
    urls = [f"https://news.test/politik/{100000 + i}-x/" for i in range(n)]
    memory = UrlMemory(site_trusted=True, known=set(urls[::2]))
    spider = make_spider(memory)
    body = gzip.compress(urlset(urls + urls[:5000]))
    request = spider.discovery_request("https://news.test/gross.xml.gz", "sitemap")
    assert request is not None
    pages, requests = split(spider.parse_discovery(respond(request, body, cls=Response)))
    assert pages[0].error is None
    assert len(requests) == n // 2
    assert stat(spider, "archive/discovery/known") == n // 2
    again = spider.discovery_request("https://news.test/nochmal.xml", "sitemap")
    assert again is not None
    _, more = split(spider.parse_discovery(respond(again, urlset(urls[-5000:]))))
    assert more == [] and stat(spider, "archive/discovery/duplicate") == 5000


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"<urlset><url><loc>" + A1.encode() + b"</loc></url><url><loc>https://news.te", None),
        (gzip.compress(urlset([A1, A2]))[:-30], None),  # a truncated gzip stream
        (b"\x1f\x8b\x08\x00garbage", "malformed"),
        (b"<rss><channel><item><title>kaputt", None),  # recovered, counted
    ],
)
def test_malformed_sitemaps_and_feeds_are_counted_not_fatal(body: bytes, error: str | None) -> None:
    spider = make_spider(UrlMemory(site_trusted=True))
    request = spider.discovery_request("https://news.test/kaputt.xml", "sitemap")
    assert request is not None
    pages, _ = split(spider.parse_discovery(respond(request, body, cls=Response)))
    assert len(pages) == 1
    if error is not None:
        assert (pages[0].error or "").startswith(error)
    assert stat(spider, "archive/discovery/malformed") == 1


def test_news_spiders_register_the_incremental_component() -> None:
    crawler = get_crawler(SiteSpider, {})
    assert INCREMENTAL_MIDDLEWARE in crawler.settings.getdict("SPIDER_MIDDLEWARES")
    # without an archive to store into, there is nothing to remember: the component is off
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        IncrementalSpiderMiddleware.from_crawler(crawler)


# --------------------------------------------------------------------------- URL identity


def _fetched(
    url: str, *, requested: str | None = None, canonical: str | None = None, **kw: Any
) -> FetchedPage:
    from crawler.model.types import ExtractedArticle

    extracted = ExtractedArticle(
        outcome="ok", url=url, text="Text.", content_hash="h", canonical_url=canonical
    )
    return FetchedPage(
        url=url,
        requested_url=requested or url,
        site="testsite",
        kind=str(kw.pop("kind", "article")),
        status=200,
        fetched_at=T0,
        extracted=extracted if kw.pop("text", True) else None,
        **kw,
    )


def test_url_identity_of_a_fetch() -> None:
    from pipelines.store_pipeline import url_identity

    keys = make_spider().url_keys
    plain = url_identity(_fetched(A1 + "?utm_source=x#k"), keys)
    assert (plain.key, plain.aliases, plain.canonical) == (A1, (), "none")
    # redirected from a short link, on a mirror, naming its canonical URL
    moved = url_identity(
        _fetched(
            "https://spiegelung.test/amp/100001/",
            requested="https://news.test/?p=100001",
            canonical=A1,
        ),
        keys,
    )
    assert moved.key == A1 and moved.canonical == "alias"
    assert moved.aliases == ("https://news.test/amp/100001/", "https://news.test/?p=100001")
    # a canonical link to another site is not trusted
    other = url_identity(_fetched(A2, canonical="https://anderswo.example/x"), keys)
    assert (other.key, other.canonical) == (A2, "offsite")
    # no text: keyed on what discovery listed
    failed = url_identity(_fetched(A3, requested=A2, text=False), keys)
    assert (failed.key, failed.aliases) == (A2, ())
    feed = url_identity(_fetched("https://news.test/feed/?utm_medium=rss", kind="discovery"), keys)
    assert feed.key == "https://news.test/feed/"
    robots = url_identity(
        _fetched("https://news.test/robots.txt", kind="discovery", source="robots"), keys
    )
    assert robots.key is None


# --------------------------------------------------------------------------- WARC revisits


def test_an_identical_payload_gets_a_revisit_record(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    body = b"<html><body><p>Gleicher Inhalt</p></body></html>"
    first = writer.write(
        url=A1,
        method="GET",
        request_headers=[],
        status=200,
        reason="OK",
        response_headers=[("Content-Type", "text/html")],
        body=body,
        fetched_at=T0,
    )
    crawler = get_crawler(SiteSpider, {"NEWSARCHIVE_DATA_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    middleware = WarcCaptureMiddleware(writer, crawler)
    previous = PreviousCapture(
        digest=first.payload_digest,
        url=A1,
        date="2026-11-20T09:00:00.000000Z",
        warc_file=first.file,
        warc_offset=first.offset,
        warc_length=first.length,
    )

    def fetch(payload: bytes) -> dict[str, Any]:
        request = scrapy.Request(A1, meta={META_PREVIOUS: previous.as_meta()})
        response = HtmlResponse(A1, body=payload, request=request)
        asyncio.run(middleware.process_response(request, response))
        return dict(request.meta[WARC_META_KEY])

    same = fetch(body)
    changed = fetch(body + b"<!-- neu -->")
    writer.close()
    # the pointer of an identical fetch leads to the bytes: the earlier record
    assert (same["file"], same["offset"]) == (first.file, first.offset)
    assert read_capture(tmp_path, same["file"], same["offset"]).body == body
    assert (changed["file"], changed["offset"]) != (first.file, first.offset)
    with open(tmp_path / same["revisit_file"], "rb") as fh:
        fh.seek(same["revisit_offset"])
        record = next(iter(ArchiveIterator(fh)))
        assert record.rec_type == "revisit"
        headers = record.rec_headers
        assert headers.get_header("WARC-Profile").endswith("/revisit/identical-payload-digest")
        assert headers.get_header("WARC-Refers-To-Target-URI") == A1
        assert headers.get_header("WARC-Refers-To-Date") == "2026-11-20T09:00:00.000000Z"
        assert headers.get_header("WARC-Payload-Digest") == first.payload_digest
    assert crawler.stats.get_value("archive/warc/revisit_records") == 1


# --------------------------------------------------------------------------- loading the state


def _rec(url: str, **kw: Any) -> FetchRecord:
    from db.records import ArticleData

    text = kw.pop("text", None)
    art = ArticleData(content_hash=str(hash(text)), text=text, language="de") if text else None
    status = kw.pop("status", 200)
    kind = kw.pop("kind", "article")
    outcome = "discovery" if kind == KIND_DISCOVERY else ("archived" if art else "http_error")
    return fetch_record(
        url,
        "testsite",
        kw.pop("at", T0),
        site_name="Testseite",
        kind=kind,
        status=status,
        outcome=kw.pop("outcome", outcome),
        article=art,
        url_key=kw.pop("key", url),
        **kw,
    )


def _run(engine: Engine, outcome: str, reason: str, stats: dict[str, Any] | None = None) -> int:
    run_id = start_run(engine, "testsite", "testsite", "Testseite", {})
    finish_run(
        engine, run_id, outcome=outcome, finish_reason=reason, counts=RunCounts(), stats=stats or {}
    )
    return run_id


def test_memory_of_the_archive(engine: Engine, tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    feed = "https://news.test/feed.xml"
    ref = write_page(writer, feed, b"<rss/>", T0)
    writer.close()
    amp = "https://news.test/amp/100002-zwei/"
    store_batch(
        engine,
        None,
        [
            _rec(A1, text="Eins."),
            _rec(A2, text="Zwei.", key=A2, alias_keys=(amp,)),
            _rec(A3, status=404, outcome="http_error"),
            _rec(
                feed,
                kind=KIND_DISCOVERY,
                etag='"f1"',
                payload_digest=ref.payload_digest,
                warc_file=ref.file,
                warc_offset=ref.offset,
            ),
            _rec(
                "https://news.test/weg.xml", kind=KIND_DISCOVERY, status=404, outcome="fetch_error"
            ),
        ],
    )
    now = T0 + timedelta(minutes=30)  # nothing is due yet by the schedule or the back-off
    with engine.begin() as conn:  # but A2 is; its canonical URL answered 404 last time
        conn.execute(
            update(UrlState).where(UrlState.url == A2).values(next_due_at=T0, last_status=404)
        )
    memory = load_memory(engine, "testsite", now=now, data_dir=tmp_path)
    assert memory.article_status(A1) == "known"
    assert memory.article_status(amp) == "known"  # an alias is known, never due itself
    assert memory.article_status(A3) == "known"  # failed: retried after a 1 h back-off
    assert memory.article_status(A2) == "due"
    assert list(memory.revisits()) == [(amp, A2)]  # through its working alias
    assert memory.rerouted == 1
    assert memory.discovery_pages() == [feed]  # the failed one is not asked again
    capture = memory.previous(feed)
    assert capture is not None and capture.etag == '"f1"'
    assert (capture.url, capture.warc_offset) == (feed, ref.offset)
    assert capture.date is not None and capture.date.startswith("2026-11-20T09:00:00")
    assert memory.previous(amp) == memory.previous(A2)
    assert load_memory(engine, "unknown_site").loaded_rows == 0


def test_validators_are_trusted_after_a_complete_finished_run_only(engine: Engine) -> None:
    store_batch(engine, None, [_rec(A1, text="Eins.")])
    assert not load_memory(engine, "testsite").trusted  # no run yet
    _run(engine, "finished", "finished")
    assert load_memory(engine, "testsite").trusted
    locked = _run(engine, "finished", "locked")  # a crawl that never ran does not count
    assert load_memory(engine, "testsite").trusted
    _run(engine, "finished", "finished", {"archive/discovery/over_limit": 3})
    assert not load_memory(engine, "testsite").trusted  # -a limit left entries unrequested
    _run(engine, "finished", "finished")
    current = start_run(engine, "testsite", "testsite", "Testseite", {})  # this crawl
    assert load_memory(engine, "testsite", current_run_id=current).trusted
    _run(engine, "interrupted", "shutdown")
    assert not load_memory(engine, "testsite").trusted
    assert locked


# --------------------------------------------------------------------------- real crawls

FAST = loopback_settings(
    CONCURRENT_REQUESTS_PER_DOMAIN="8",
    DOWNLOAD_TIMEOUT="3",
    RETRY_TIMES="0",
    NEWSARCHIVE_EXTRACT_WORKERS="2",
)


def _article_requests(web: DemoWeb, host: str) -> list[str]:
    paths = {a.path for a in articles_for(host)}
    return [path for h, _, path, _ in web.request_log if h == host and path in paths]


@pytest.mark.e2e
def test_recrawl_costs_what_changed(tmp_path: Path, database_url: str) -> None:
    """Crawl, edit one article, let two come due, crawl again: only those two are fetched;
    the edited one gets a second version, the other a WARC revisit record."""
    with DemoWeb(slow_seconds=0.2) as web:
        base = web.base_url("tagesblick")
        run = run_test_crawl(
            "generic", base, tmp_path, database_url, settings=FAST, spider_args=TAGESBLICK
        )
        assert run.returncode == 0, run.stderr[-3000:]
        fixtures = articles_for("tagesblick")
        assert sorted(set(_article_requests(web, "tagesblick"))) == sorted(a.path for a in fixtures)
        edited, unchanged = fixtures[0], fixtures[1]
        engine = make_engine(database_url)
        with engine.begin() as conn:
            conn.execute(
                update(UrlState)
                .where(UrlState.url.in_([base + edited.path[1:], base + unchanged.path[1:]]))
                .values(next_due_at=datetime.now(UTC) - timedelta(minutes=1))
            )
        web.edit_article("tagesblick", edited.path)
        web.request_log.clear()
        run = run_test_crawl(
            "generic", base, tmp_path, database_url, settings=FAST, spider_args=TAGESBLICK
        )
        assert run.returncode == 0, run.stderr[-3000:]
        assert sorted(_article_requests(web, "tagesblick")) == sorted([edited.path, unchanged.path])
        statuses = [status for host, _, _, status in web.request_log if host == "tagesblick"]
        assert 304 in statuses  # feeds and sitemaps asked conditionally

    with engine.connect() as conn:
        runs = conn.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
        versions = conn.execute(
            select(ArticleVersion.version, ArticleVersion.origin, Article.title)
            .join(Article, Article.id == ArticleVersion.article_id)
            .where(ArticleVersion.version > 1)
        ).all()
        revisit_fetch = conn.execute(
            select(Fetch).where(Fetch.run_id == runs[1].id, Fetch.url == base + unchanged.path[1:])
        ).one()
        first_fetch = conn.execute(
            select(Fetch).where(Fetch.run_id == runs[0].id, Fetch.url == base + unchanged.path[1:])
        ).one()
    engine.dispose()
    assert runs[0].articles_new >= len(fixtures)
    assert [(r.articles_new, r.new_versions) for r in runs[1:]] == [(0, 1)]
    assert versions == [(2, "revisit", edited.title)]
    stats = runs[1].stats
    assert stats["archive/incremental/not_modified"] >= 1
    assert stats["archive/incremental/revisit_unchanged"] == 1
    assert stats["archive/warc/revisit_records"] >= 1
    # the unchanged revisit points at the first capture's bytes, and a revisit record was written
    assert (revisit_fetch.warc_file, revisit_fetch.warc_offset) == (
        first_fetch.warc_file,
        first_fetch.warc_offset,
    )
    revisits = []
    for path in sorted((tmp_path / "warc").glob("*.warc.gz")):
        with open(path, "rb") as fh:
            revisits += [
                r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(fh)
                if r.rec_type == "revisit"
            ]
    assert base + unchanged.path[1:] in revisits
    assert os.path.getsize(tmp_path / first_fetch.warc_file) > 0
