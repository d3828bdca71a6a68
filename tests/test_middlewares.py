"""Downloader middlewares of our own that are not about WARC (tests/test_warc.py has that)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares import redirect
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.middlewares import MetaRefreshMiddleware, may_declare_refresh

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
