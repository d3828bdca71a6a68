"""Downloader middlewares of our own that are not about WARC (tests/test_warc.py has that)."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares import redirect
from scrapy.http import HtmlResponse, TextResponse
from scrapy.statscollectors import MemoryStatsCollector as StatsCollector
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler import settings as project_settings
from crawler.middlewares import MetaRefreshMiddleware, may_declare_refresh
from crawler.model.meta import META_CAPTURED, META_ROLE, WARC_META
from crawler.robots import ArchiveRobotsTxtMiddleware

REFRESH = '<meta http-equiv="Refresh" content="0; url=/neu/artikel.html">'
FILLER = "<p>Ein Absatz über den Stadtrat, der lange tagte.</p>" * 3000  # ~150 KB


def _page(head: str, encoding: str = "utf-8") -> bytes:
    html = f"<html><head><title>T</title>{head}</head><body>{FILLER}</body></html>"
    return html.encode(encoding)


def _process(body: bytes, encoding: str = "utf-8") -> object:
    crawler = get_crawler(settings_dict={"METAREFRESH_ENABLED": True})
    mw = MetaRefreshMiddleware.from_crawler(crawler)
    url = "http://127.0.0.1/alt/artikel.html"
    response = HtmlResponse(url, body=body, encoding=encoding)
    return mw.process_response(Request(url), response)


def test_a_page_with_a_meta_refresh_is_redirected() -> None:
    result = _process(_page(REFRESH))
    assert isinstance(result, Request)
    assert result.url == "http://127.0.0.1/neu/artikel.html"


def test_a_page_without_one_is_passed_on_without_scrapys_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scans: list[object] = []
    monkeypatch.setattr(redirect, "get_meta_refresh", lambda *a, **k: scans.append(a))
    body = _page("")
    response = _process(body)
    assert isinstance(response, HtmlResponse) and response.body == body
    assert scans == []  # Scrapy's scan decodes the whole page first


def test_utf16_pages_still_get_scrapys_check() -> None:
    body = _page(REFRESH, "utf-16")
    assert may_declare_refresh(body)
    result = _process(body, "utf-16")
    assert isinstance(result, Request)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html><head></head><body>kein Tag</body></html>", False),
        (b'<META HTTP-EQUIV="REFRESH" CONTENT="5">', True),
        (b"<p>refresh im Text</p>", True),  # a false alarm is fine: Scrapy decides then
    ],
)
def test_the_byte_check_only_rules_out(body: bytes, expected: bool) -> None:
    assert may_declare_refresh(body) is expected


def test_the_project_replaces_scrapys_middleware_below_the_warc_capture() -> None:
    mws = project_settings.DOWNLOADER_MIDDLEWARES
    assert mws["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] is None
    ours = mws["crawler.middlewares.MetaRefreshMiddleware"]
    warc = mws["crawler.middlewares.WarcCaptureMiddleware"]
    assert isinstance(ours, int) and isinstance(warc, int) and ours < warc


# --------------------------------------------------------------------------- robots.txt once


def _robots_middleware() -> ArchiveRobotsTxtMiddleware:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    crawler.stats = StatsCollector(crawler)
    return ArchiveRobotsTxtMiddleware(crawler)


def _spider_robots_request() -> Request:
    return Request(
        "https://zeitung.example/robots.txt",
        meta={META_ROLE: "robots", "handle_httpstatus_all": True},
    )


def test_the_spiders_robots_request_gets_the_checks_answer_already_captured() -> None:
    mw = _robots_middleware()
    check = Request("https://zeitung.example/robots.txt", meta={"dont_obey_robotstxt": True})
    check.meta[WARC_META] = {"file": "warc/a.warc.gz", "offset": 7}
    answer = TextResponse(
        check.url, body=b"Sitemap: https://zeitung.example/s.xml\n", request=check
    )
    mw._parsers["zeitung.example"] = Deferred()  # the check's fetch under way
    asyncio.run(mw._parse_robots(answer, "zeitung.example", check))
    request = _spider_robots_request()
    got = asyncio.run(mw.process_request(request))
    assert got is not None and got.body == answer.body and got.request is request
    assert request.meta[WARC_META] == {"file": "warc/a.warc.gz", "offset": 7}
    assert request.meta[META_CAPTURED] == (answer.url, 200)  # not written to WARC again
    assert request.meta["handle_httpstatus_all"] is True  # the spider's own meta kept
    # Given once: a retry of the spider's request goes out itself.
    assert asyncio.run(mw.process_request(_spider_robots_request())) is None


def test_without_the_checks_answer_the_spiders_robots_request_goes_out_itself() -> None:
    mw = _robots_middleware()
    mw._parsers["zeitung.example"] = None  # the check's own fetch failed
    request = _spider_robots_request()
    assert asyncio.run(mw.process_request(request)) is None
    assert META_CAPTURED not in request.meta
