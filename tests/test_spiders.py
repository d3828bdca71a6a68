"""Spider tests: callbacks on hand-built responses, arguments, registry, real-crawl subprocesses."""

from __future__ import annotations

import contextlib
import gzip
import inspect
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
import scrapy
from pydantic import ValidationError
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler

import crawler.sites as sites
from crawler.model.items import KIND_ARTICLE, KIND_DISCOVERY, FetchedPage
from crawler.model.meta import META_CANDIDATE, META_DEPTH, META_KIND, META_ROLE
from crawler.model.sitespec import Site
from spiders.aggregator import AggregatorSpider
from spiders.base import NewsSpider
from spiders.errors import classify_failure
from spiders.frontier import ARTICLE_PRIORITY, CANDIDATE_PRIORITY, HANDLED_STATUSES
from spiders.generic import GenericSpider, site_key_for_host
from spiders.params import SpiderArgumentError, SpiderConfigExit, SpiderParams, parse_arguments
from spiders.rt_de import SITE as RT_SITE
from spiders.rt_de import RtDeSpider
from spiders.snanews import SITE as SNA_SITE
from tests.factories import QuietHandler, failure_of, serving

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = Path(sys.executable).with_name("scrapy")

TEST_SITE = Site(
    key="testsite",
    name="Testseite",
    domains=("news.test",),
    mirrors=("spiegelung.test",),
    start_urls=("https://news.test/",),
    feeds=("https://news.test/feed/",),
    sitemaps=("https://news.test/sitemap.xml",),
    sections=("https://news.test/politik/",),
    article_pattern=r"^/politik/\d{5,}-[^/]+/$",
)


class SiteSpider(NewsSpider):
    name = "testsite"
    site = TEST_SITE


def make_spider(
    cls: type[NewsSpider], settings: dict[str, Any] | None = None, **kwargs: Any
) -> Any:
    crawler = get_crawler(cls, settings or {})
    return cls.from_crawler(crawler, **kwargs)


def respond(
    request: scrapy.Request,
    body: bytes | str,
    *,
    cls: type[Response] = HtmlResponse,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    data = body.encode() if isinstance(body, str) else body
    if issubclass(cls, TextResponse):
        return cls(
            request.url,
            body=data,
            status=status,
            headers=headers,
            request=request,
            encoding="utf-8",
        )
    return cls(request.url, body=data, status=status, headers=headers, request=request)


def discovery_request(spider: NewsSpider, url: str, role: str, depth: int = 0) -> scrapy.Request:
    request = spider.discovery_request(url, role, depth)
    assert request is not None
    return request


def split(output: Iterable[Any]) -> tuple[list[FetchedPage], list[scrapy.Request]]:
    out = list(output)
    pages = [o for o in out if isinstance(o, FetchedPage)]
    requests = [o for o in out if isinstance(o, scrapy.Request)]
    assert len(pages) + len(requests) == len(out)
    return pages, requests


def stat(spider: NewsSpider, key: str) -> Any:
    return spider.crawler.stats.get_value(key)


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("cls", "kwargs", "message"),
    [
        (
            GenericSpider,
            {"url": "notaurl"},
            "bad spider argument url='notaurl': must be an absolute http(s) URL",
        ),
        (GenericSpider, {}, "bad spider argument url=None: is required"),
        (
            GenericSpider,
            {"url": "ftp://a.de/"},
            "url='ftp://a.de/': must be an absolute http(s) URL",
        ),
        (
            GenericSpider,
            {"url": "http://a.de:99999/"},
            "url='http://a.de:99999/': has an invalid port",
        ),
        (GenericSpider, {"url": "https://a.de/", "site": "A-B"}, "site='A-B': must be lower-case"),
        (
            GenericSpider,
            {"url": "https://a.de/", "limit": "0"},
            "limit='0': must be a positive integer",
        ),
        (
            GenericSpider,
            {"url": "https://a.de/", "limit": "zehn"},
            "limit='zehn': must be a positive",
        ),
        (
            GenericSpider,
            {"url": "https://a.de/", "since": "gestern"},
            "since='gestern': must be an ISO date",
        ),
        (
            GenericSpider,
            {"url": "https://a.de/", "mirrors": "a.de,b_c"},
            "mirrors='a.de,b_c': 'b_c' is not",
        ),
        (
            GenericSpider,
            {"url": "https://a.de/", "tiefe": "2"},
            "tiefe='2': unknown argument (known: limit",
        ),
        (RtDeSpider, {"site": "x"}, "bad spider argument site='x': unknown argument"),
        (
            RtDeSpider,
            {"url": "https://rtde.tech/de/"},
            "must be a base URL (scheme://host[:port]/)",
        ),
    ],
)
def test_bad_arguments_end_the_crawl_with_one_line(
    cls: type[NewsSpider], kwargs: dict[str, str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SpiderArgumentError, match=r".") as raised:
        parse_arguments(
            kwargs,
            allowed=cls.arguments,
            url_required=cls.url_required,
            url_is_base=cls.url_is_base,
        )
    assert message in str(raised.value)
    with pytest.raises(SystemExit) as exited:
        make_spider(cls, **kwargs)
    assert exited.value.code == 2
    assert isinstance(exited.value, SpiderConfigExit)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("newsarchive: bad spider argument ")
    assert message in err


def test_good_arguments_are_typed() -> None:
    params = parse_arguments(
        {
            "url": "https://a.de/x",
            "limit": "5",
            "since": "2024-02-01",
            "mirrors": "B.de, c.de,",
            "_job": "1",
        },
        allowed=GenericSpider.arguments,
        url_is_base=False,
    )
    assert params.url == "https://a.de/x"
    assert params.limit == 5
    assert params.since is not None and params.since.tzinfo is not None
    # A date without an offset is midnight of the sites' local time (crawler.model.dates).
    assert params.since.isoformat() == "2024-01-31T23:00:00+00:00"
    assert params.mirrors == ("b.de", "c.de")
    assert params.as_arguments() == {
        "url": "https://a.de/x",
        "limit": "5",
        "since": "2024-01-31T23:00:00+00:00",
        "mirrors": "b.de,c.de",
    }


def test_spider_params_are_a_model_that_validates_on_its_own() -> None:
    """The schema holds without parse_arguments: values are converted and checked."""
    params = SpiderParams.model_validate({"limit": "5", "mirrors": "B.de, c.de"})
    assert params.limit == 5
    assert params.mirrors == ("b.de", "c.de")
    with pytest.raises(ValidationError, match="limit='0': must be a positive integer"):
        SpiderParams.model_validate({"limit": "0"})


@pytest.mark.e2e
def test_cli_argument_error_is_one_line_and_non_zero(tmp_path: Path) -> None:
    """`scrapy crawl generic -a url=notaurl` from the repository root, as an operator types it."""
    cwd, env = _scrapy_project(tmp_path)
    result = subprocess.run(
        [str(SCRAPY), "crawl", "generic", "-a", "url=notaurl", "-s", "LOG_LEVEL=ERROR"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsarchive:")]
    assert lines == [
        "newsarchive: bad spider argument url='notaurl': must be an absolute http(s) URL"
    ]


def _scrapy_project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Run from the repository root once crawler/settings.py exists; until then from a
    stand-in project whose settings only name the spider modules."""
    env = dict(os.environ)
    if (ROOT / "crawler" / "settings.py").exists():
        return ROOT, env
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = standin_settings\n")
    (tmp_path / "standin_settings.py").write_text('SPIDER_MODULES = ["spiders"]\n')
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(tmp_path)])
    return tmp_path, env


# --------------------------------------------------------------------------- plans


def test_initial_requests_in_order() -> None:
    spider = make_spider(SiteSpider)
    requests = spider.initial_requests()
    assert [(r.url, r.meta[META_ROLE]) for r in requests] == [
        ("https://news.test/robots.txt", "robots"),
        ("https://news.test/sitemap.xml", "sitemap"),
        ("https://news.test/feed/", "feed"),
        ("https://news.test/politik/", "section"),
        ("https://news.test/", "start"),
    ]
    robots = requests[0]
    assert robots.callback == spider.parse_robots
    assert 404 in robots.meta["handle_httpstatus_list"]
    assert all(r.errback == spider.on_error for r in requests)


def test_url_rebases_every_entry_point_and_counts_as_mirror() -> None:
    spider = make_spider(RtDeSpider, url="http://127.0.0.1:8080")
    urls = [r.url for r in spider.initial_requests()]
    assert urls[0] == "http://127.0.0.1:8080/robots.txt"
    assert "http://127.0.0.1:8080/sitemap.xml" in urls
    assert "http://127.0.0.1:8080/feeds/news/" in urls
    assert "http://127.0.0.1:8080/international/" in urls
    assert "http://127.0.0.1:8080/" in urls
    assert all(u.startswith("http://127.0.0.1:8080/") for u in urls)
    assert len(urls) == 1 + len(
        RT_SITE.sitemaps + RT_SITE.feeds + RT_SITE.sections + RT_SITE.start_urls
    )
    assert "127.0.0.1" in spider.site.mirrors
    assert spider.site.key == "rt_de"


def test_links_on_any_site_host_are_fetched_from_the_pinned_copy() -> None:
    spider = make_spider(RtDeSpider, url="http://127.0.0.1:8080/")
    start = discovery_request(spider, "https://de.rt.com/", "start")
    page = """<html><body>
      <a href="https://de.rt.com/international/200001-echt/">original host</a>
      <a href="https://rtde.tech/inland/200002-spiegel/">declared mirror</a>
      <a href="/russland/200003-relativ/">relative</a>
      <a href="https://example.org/international/200004-fremd/">offsite</a>
      <a href="https://de.rt.com/impressum/">not an article</a>
    </body></html>"""
    pages, requests = split(spider.parse_discovery(respond(start, page)))
    assert [r.url for r in requests] == [
        "http://127.0.0.1:8080/international/200001-echt/",
        "http://127.0.0.1:8080/inland/200002-spiegel/",
        "http://127.0.0.1:8080/russland/200003-relativ/",
    ]
    assert pages[0].site == "rt_de"


def test_without_url_links_are_followed_on_every_site_host() -> None:
    spider = make_spider(RtDeSpider)
    start = discovery_request(spider, "https://de.rt.com/", "start")
    page = '<a href="https://rtde.tech/inland/200002-spiegel/">m</a><a href="https://x.org/a/12345-b/">x</a>'
    _, requests = split(spider.parse_discovery(respond(start, page)))
    assert [r.url for r in requests] == ["https://rtde.tech/inland/200002-spiegel/"]


def test_mirrors_merge_declaration_setting_and_argument() -> None:
    settings = {
        "NEWSARCHIVE_MIRRORS": {
            "rt_de": ["neu-eins.example", "rtde.tech"],
            "snanews": ["x.example"],
        }
    }
    spider = make_spider(RtDeSpider, settings, mirrors="neu-zwei.example")
    assert spider.site.mirrors == (*RT_SITE.mirrors, "neu-eins.example", "neu-zwei.example")
    json_setting = {
        "NEWSARCHIVE_MIRRORS": json.dumps({"rt_de": "neu-drei.example, neu-vier.example"})
    }
    spider = make_spider(RtDeSpider, json_setting)
    assert spider.site.mirrors[-2:] == ("neu-drei.example", "neu-vier.example")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("{kaputt", "bad setting NEWSARCHIVE_MIRRORS: not valid JSON"),
        ('["a.de"]', "must map site keys to host lists"),
        ('{"rt_de": 5}', "bad setting NEWSARCHIVE_MIRRORS['rt_de']: must be a list"),
        ('{"rt_de": ["a b"]}', "'a b' is not a host name"),
    ],
)
def test_bad_mirror_setting_is_one_line(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        make_spider(RtDeSpider, {"NEWSARCHIVE_MIRRORS": value})
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_placeholder_site_needs_real_hosts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        make_spider(AggregatorSpider)
    assert "placeholder domains (aggregator.invalid)" in capsys.readouterr().err


def test_placeholder_site_fans_out_to_configured_mirrors() -> None:
    settings = {"NEWSARCHIVE_MIRRORS": {"aggregator": ["eins.example", "zwei.example"]}}
    spider = make_spider(AggregatorSpider, settings)
    urls = [r.url for r in spider.initial_requests()]
    assert urls[:2] == ["https://eins.example/robots.txt", "https://zwei.example/robots.txt"]
    assert "https://eins.example/wp-sitemap.xml" in urls
    assert "https://zwei.example/feed/" in urls
    assert not any("aggregator.invalid" in u for u in urls)


def test_placeholder_site_with_url() -> None:
    spider = make_spider(AggregatorSpider, url="http://127.0.0.1:9000/")
    urls = [r.url for r in spider.initial_requests()]
    assert urls == [
        "http://127.0.0.1:9000/robots.txt",
        "http://127.0.0.1:9000/wp-sitemap.xml",
        "http://127.0.0.1:9000/feed/",
        "http://127.0.0.1:9000/",
    ]


# --------------------------------------------------------------------------- robots.txt


def test_robots_yields_sitemaps_on_site_hosts_only() -> None:
    spider = make_spider(SiteSpider)
    robots = spider.initial_requests()[0]
    text = (
        "User-agent: *\nSitemap: https://news.test/news.xml\nSitemap: https://cdn.example/s.xml\n"
    )
    pages, requests = split(spider.parse_robots(respond(robots, text, cls=TextResponse)))
    assert [p.source for p in pages] == ["robots"]
    assert pages[0].kind == KIND_DISCOVERY and pages[0].body == b""
    assert [(r.url, r.meta[META_ROLE]) for r in requests] == [
        ("https://news.test/news.xml", "sitemap")
    ]
    assert stat(spider, "archive/discovery/offsite") == 1


def test_missing_robots_is_recorded_not_an_error() -> None:
    spider = make_spider(SiteSpider)
    robots = spider.initial_requests()[0]
    pages, requests = split(
        spider.parse_robots(respond(robots, "nicht da", cls=TextResponse, status=404))
    )
    assert requests == []
    assert pages[0].status == 404 and pages[0].error is None


# --------------------------------------------------------------------------- sitemaps

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.test/politik/100001-neue-regierung/</loc>
    <news:news><news:publication><news:name>T</news:name><news:language>de</news:language></news:publication>
      <news:publication_date>2024-02-06T13:05:00+01:00</news:publication_date>
      <news:title>Neue Regierung vereidigt</news:title></news:news></url>
  <url><loc>https://news.test/politik/100002-alte-meldung/</loc>
    <news:news><news:publication_date>2024-01-02</news:publication_date><news:title>Alt</news:title></news:news></url>
  <url><loc>https://elsewhere.example/politik/100003-fremd/</loc>
    <news:news><news:title>Fremd</news:title></news:news></url>
</urlset>"""


def test_a_url_repeated_in_a_sitemap_is_requested_once_and_counted() -> None:
    spider = make_spider(SiteSpider)
    request = discovery_request(spider, "https://news.test/news.xml", "sitemap")
    loc = "<url><loc>https://news.test/politik/100009-doppelt/</loc></url>"
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{loc * 3}</urlset>'
    _, requests = split(spider.parse_discovery(respond(request, body.encode(), cls=XmlResponse)))
    assert [r.url for r in requests] == ["https://news.test/politik/100009-doppelt/"]
    assert spider.crawler.stats.get_value("archive/discovery/repeated") == 2


def test_news_sitemap_requests_articles_with_hints() -> None:
    spider = make_spider(SiteSpider)
    request = discovery_request(spider, "https://news.test/news.xml", "sitemap")
    pages, requests = split(spider.parse_discovery(respond(request, NEWS_SITEMAP, cls=XmlResponse)))
    assert [(p.kind, p.source, p.body, p.error) for p in pages] == [
        (KIND_DISCOVERY, "news-sitemap", b"", None)
    ]
    assert [r.url for r in requests] == [
        "https://news.test/politik/100001-neue-regierung/",
        "https://news.test/politik/100002-alte-meldung/",
    ]
    first = requests[0]
    assert first.callback == spider.parse_article and first.errback == spider.on_error
    assert first.meta["newsarchive_source"] == "news-sitemap"
    assert first.meta["newsarchive_hints"] == {
        "title": "Neue Regierung vereidigt",
        "published_at": "2024-02-06T13:05:00+01:00",
        "language": "de",
    }
    assert stat(spider, "archive/discovery/news_sitemap") == 1
    assert stat(spider, "archive/discovery/article_urls") == 2
    assert stat(spider, "archive/discovery/offsite") == 1


def test_a_later_source_adds_its_hints_to_a_pending_request() -> None:
    # The plain sitemap lists the article first (no hints); the news sitemap, read while the
    # request still waits, knows its title and date: the page is extracted with them.
    spider = make_spider(SiteSpider)
    plain = discovery_request(spider, "https://news.test/sitemap.xml", "sitemap")
    loc = "<url><loc>https://news.test/politik/100001-neue-regierung/</loc></url>"
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{loc}</urlset>'
    _, (pending,) = split(spider.parse_discovery(respond(plain, body.encode(), cls=XmlResponse)))
    assert pending.meta["newsarchive_hints"] == {}
    # Scrapy copies meta on redirects; the hints dict inside is shared, so merging reaches it.
    redirected = pending.replace(url="https://news.test/politik/100001-neue-regierung/?r=1")
    news = discovery_request(spider, "https://news.test/news.xml", "sitemap")
    _, requests = split(spider.parse_discovery(respond(news, NEWS_SITEMAP, cls=XmlResponse)))
    assert [r.url for r in requests] == ["https://news.test/politik/100002-alte-meldung/"]
    assert stat(spider, "archive/discovery/hints_merged") == 1
    (page,) = spider.parse_article(respond(redirected, "<html><p>Text</p></html>"))
    assert page.hints == {
        "title": "Neue Regierung vereidigt",
        "published_at": "2024-02-06T13:05:00+01:00",
        "language": "de",
    }
    # Answered: a source read afterwards changes nothing any more (nor does it fail).
    feed_hints = {"title": "Anders betitelt", "published_at": None}
    assert spider.article_request(pending.url, "feed", feed_hints) is None
    assert stat(spider, "archive/discovery/hints_merged") == 1


def test_the_first_source_hints_stand() -> None:
    spider = make_spider(SiteSpider)
    url = "https://news.test/politik/100001-x/"
    first = spider.article_request(url, "feed", {"title": "Aus dem Feed", "language": None})
    assert first is not None
    later = {"title": "Anders", "language": "de"}
    assert spider.article_request(url, "news-sitemap", later) is None
    assert first.meta["newsarchive_hints"] == {"title": "Aus dem Feed", "language": "de"}


def test_an_overlong_hint_is_dropped_and_counted() -> None:
    # A feed that puts the article body in <title>: not a title, and hints are archived.
    spider = make_spider(SiteSpider)
    body = "Der ganze Artikeltext statt einer Überschrift. " * 100
    request = spider.article_request(
        "https://news.test/politik/100001-x/", "feed", {"title": body, "language": "de"}
    )
    assert request is not None
    assert request.meta["newsarchive_hints"] == {"language": "de"}
    assert stat(spider, "archive/discovery/hint_too_long") == 1


def test_article_requests_reach_callback_for_errors_but_follow_redirects() -> None:
    spider = make_spider(SiteSpider)
    request = spider.article_request("https://news.test/politik/100001-x/", "feed")
    assert request is not None
    # handle_httpstatus_all would also switch RedirectMiddleware off in Scrapy 2.19.
    assert "handle_httpstatus_all" not in request.meta
    statuses = request.meta["handle_httpstatus_list"]
    assert statuses is HANDLED_STATUSES
    assert {404, 410, 451, 500, 503} <= set(statuses)
    assert not {301, 302, 303, 307, 308} & set(statuses)
    assert request.dont_filter  # our own seen-set deduplicates, see NewsSpider.article_request
    assert spider.article_request("https://news.test/politik/100001-x/#oben", "feed") is None
    assert stat(spider, "archive/discovery/duplicate") == 1


def test_since_skips_old_entries() -> None:
    spider = make_spider(SiteSpider, since="2024-02-01")
    request = discovery_request(spider, "https://news.test/news.xml", "sitemap")
    _, requests = split(spider.parse_discovery(respond(request, NEWS_SITEMAP, cls=XmlResponse)))
    assert [r.url for r in requests] == ["https://news.test/politik/100001-neue-regierung/"]
    assert stat(spider, "archive/discovery/too_old") == 1


def test_since_and_sitemap_dates_follow_one_rule_for_naive_times() -> None:
    # Both are the site's local time: an entry of the `since` day is not too old, whether its
    # date has an offset, a naive time or no time; the day before is.
    spider = make_spider(SiteSpider, since="2024-02-06")
    request = discovery_request(spider, "https://news.test/sitemap.xml", "sitemap")
    dates = ["2024-02-06T00:30:00+01:00", "2024-02-06T00:30:00", "2024-02-06", "2024-02-05"]
    body = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
        f"<url><loc>https://news.test/politik/10000{i}-x/</loc><lastmod>{d}</lastmod></url>"
        for i, d in enumerate(dates)
    )
    response = respond(request, (body + "</urlset>").encode(), cls=XmlResponse)
    _, requests = split(spider.parse_discovery(response))
    assert [r.url for r in requests] == [f"https://news.test/politik/10000{i}-x/" for i in range(3)]
    assert stat(spider, "archive/discovery/too_old") == 1


def test_limit_caps_article_requests_and_stops_discovery() -> None:
    spider = make_spider(SiteSpider, limit="1")
    request = discovery_request(spider, "https://news.test/news.xml", "sitemap")
    _, requests = split(spider.parse_discovery(respond(request, NEWS_SITEMAP, cls=XmlResponse)))
    assert len(requests) == 1
    assert stat(spider, "archive/discovery/over_limit") == 1
    assert spider.discovery_request("https://news.test/weitere.xml", "sitemap") is None


def test_sitemap_index_yields_child_sitemaps() -> None:
    spider = make_spider(SiteSpider, since="2024-01-01")
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://news.test/sitemap-2024.xml</loc><lastmod>2024-03-01</lastmod></sitemap>
      <sitemap><loc>https://news.test/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
      <sitemap><loc>/sitemap-relativ.xml.gz</loc></sitemap>
      <sitemap><loc>https://cdn.example/sitemap.xml</loc></sitemap>
    </sitemapindex>"""
    request = spider.initial_requests()[1]
    pages, requests = split(spider.parse_discovery(respond(request, body, cls=XmlResponse)))
    assert pages[0].source == "sitemap"
    assert [(r.url, r.meta[META_ROLE], r.callback) for r in requests] == [
        ("https://news.test/sitemap-2024.xml", "sitemap", spider.parse_discovery),
        ("https://news.test/sitemap-relativ.xml.gz", "sitemap", spider.parse_discovery),
    ]
    assert stat(spider, "archive/discovery/sitemap_index") == 1
    assert stat(spider, "archive/discovery/too_old") == 1
    assert stat(spider, "archive/discovery/offsite") == 1


def test_regular_gzip_sitemap_entries_rejected_by_the_pattern_are_candidates() -> None:
    """The declared pattern sets the priority; what it rejects is fetched later as a
    candidate (the page decides); what a rule refuses is not fetched."""
    spider = make_spider(SiteSpider)
    body = gzip.compress(
        b"<urlset><url><loc>https://news.test/politik/100005-ein-artikel/</loc></url>"
        b"<url><loc>https://news.test/politik/</loc></url>"
        b"<url><loc>https://news.test/tag/wahl/</loc></url></urlset>"
    )
    request = discovery_request(spider, "https://news.test/posts.xml.gz", "sitemap")
    pages, requests = split(spider.parse_discovery(respond(request, body, cls=Response)))
    assert pages[0].source == "sitemap"
    assert [
        (r.url, r.meta["newsarchive_source"], r.priority, bool(r.meta.get(META_CANDIDATE)))
        for r in requests
    ] == [
        ("https://news.test/politik/100005-ein-artikel/", "sitemap", ARTICLE_PRIORITY, False),
        ("https://news.test/politik/", "sitemap", CANDIDATE_PRIORITY, True),
    ]
    assert stat(spider, "archive/discovery/non_article") == 1
    assert stat(spider, "archive/listed/refused_by/tag") == 1
    assert stat(spider, "archive/listed/extra_fetches") == 1
    assert stat(spider, "archive/discovery/sitemap") == 1


def test_malformed_sitemap_is_recorded_and_counted() -> None:
    spider = make_spider(SiteSpider)
    request = discovery_request(spider, "https://news.test/kaputt.xml", "sitemap")
    body = b"<urlset><url><loc>https://news.test/politik/100006-heil/</loc></url><url><loc>https://news.te"
    pages, requests = split(spider.parse_discovery(respond(request, body, cls=XmlResponse)))
    assert [r.url for r in requests] == ["https://news.test/politik/100006-heil/"]
    # entries were recovered: counted and logged, but the fetch itself did not fail
    assert pages[0].error is None
    assert stat(spider, "archive/discovery/malformed") == 1


def test_unreadable_sitemap_is_a_failed_discovery_fetch() -> None:
    spider = make_spider(SiteSpider)
    request = discovery_request(spider, "https://news.test/leer.xml", "sitemap")
    body = b'<?xml version="1.0"?><error>Wartungsarbeiten</error>'
    pages, requests = split(spider.parse_discovery(respond(request, body, cls=XmlResponse)))
    assert requests == []
    assert pages[0].error == "malformed: expected a sitemap, got an unrecognised document"
    assert stat(spider, "archive/discovery/malformed") == 1


def test_declared_feed_that_serves_html_is_malformed() -> None:
    spider = make_spider(SiteSpider)
    request = spider.initial_requests()[2]
    assert request.meta[META_ROLE] == "feed"
    html = '<html><body><a href="/politik/100007-x/">x</a></body></html>'
    pages, requests = split(spider.parse_discovery(respond(request, html)))
    assert requests == []
    assert pages[0].error == "malformed: expected a feed, got HTML"
    assert stat(spider, "archive/discovery/malformed") == 1


# --------------------------------------------------------------------------- feeds and pages

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>T</title><language>de</language>
  <item><title>Haushalt beschlossen</title><link>https://news.test/politik/100010-haushalt/</link>
    <pubDate>Tue, 06 Feb 2024 12:00:00 +0100</pubDate></item>
  <item><title>Ohne Muster</title><link>https://news.test/video/clip</link></item>
</channel></rss>"""


def test_feed_entries_are_articles_with_hints() -> None:
    spider = make_spider(SiteSpider)
    request = spider.initial_requests()[2]
    pages, requests = split(
        spider.parse_discovery(
            respond(request, FEED, cls=XmlResponse, headers={"Content-Type": "application/rss+xml"})
        )
    )
    assert pages[0].source == "feed"
    # Feeds list articles by definition: no URL-pattern filter.
    assert [r.url for r in requests] == [
        "https://news.test/politik/100010-haushalt/",
        "https://news.test/video/clip",
    ]
    assert requests[0].meta["newsarchive_hints"] == {
        "title": "Haushalt beschlossen",
        "published_at": "2024-02-06T12:00:00+01:00",
        "language": "de",
    }
    assert requests[1].meta["newsarchive_hints"] == {"title": "Ohne Muster", "language": "de"}
    assert stat(spider, "archive/discovery/feed") == 1


def test_start_page_yields_feeds_and_pattern_matching_articles() -> None:
    spider = make_spider(SiteSpider)
    start = spider.initial_requests()[4]
    html = """<html><head>
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="/feed/">
    </head><body>
      <a href="/politik/100020-erstens/">1</a>
      <a href="/politik/100021-zweitens/#kommentare">2</a>
      <a href="/politik/">Politik</a>
      <a href="/2024/02/06/heuristik-wuerde-passen/">not the declared pattern</a>
      <a href="https://spiegelung.test/politik/100022-drittens/">mirror</a>
    </body></html>"""
    pages, requests = split(spider.parse_discovery(respond(start, html)))
    assert pages[0].source == "start" and pages[0].body == b""
    assert [(r.url, r.meta.get(META_ROLE) or r.meta["newsarchive_source"]) for r in requests] == [
        ("https://news.test/atom.xml", "feed"),  # /feed/ was already requested at start
        ("https://news.test/politik/100020-erstens/", "start"),
        ("https://news.test/politik/100021-zweitens/", "start"),
        ("https://spiegelung.test/politik/100022-drittens/", "start"),
    ]
    assert stat(spider, "archive/discovery/start") == 1


def test_section_page_articles_are_sourced_section() -> None:
    spider = make_spider(SiteSpider)
    section = spider.initial_requests()[3]
    _, requests = split(
        spider.parse_discovery(
            respond(section, '<a href="/politik/100030-x/">x</a><a href="/wirtschaft/">w</a>')
        )
    )
    assert [(r.url, r.meta["newsarchive_source"]) for r in requests] == [
        ("https://news.test/politik/100030-x/", "section")
    ]
    assert stat(spider, "archive/discovery/section") == 1


# --------------------------------------------------------------------------- generic


def test_generic_builds_a_site_for_the_host() -> None:
    spider = make_spider(GenericSpider, url="https://www.beispiel-zeitung.de/")
    assert spider.site.key == "beispiel_zeitung_de"
    assert spider.site.domains == ("www.beispiel-zeitung.de",)
    assert spider.site.language == "und"
    assert [r.url for r in spider.initial_requests()] == [
        "https://www.beispiel-zeitung.de/robots.txt",
        "https://www.beispiel-zeitung.de/",
    ]
    named = make_spider(GenericSpider, url="http://127.0.0.1:8000/", site="demo")
    assert named.site.key == "demo"
    assert named.archive_arguments == {"url": "http://127.0.0.1:8000/", "site": "demo"}
    assert site_key_for_host("127.0.0.1") == "site_127_0_0_1"


def test_generic_homepage_yields_feeds_articles_and_sections_one_level_deep() -> None:
    spider = make_spider(GenericSpider, url="https://zeitung.example/")
    start = spider.initial_requests()[1]
    home = """<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
    </head><body>
      <a href="/politik/">Politik</a>
      <a href="/wirtschaft/">Wirtschaft</a>
      <a href="/impressum/">Impressum</a>
      <a href="/2024/02/06/ein-beitrag-zum-haushalt/">Artikel</a>
      <a href="https://www.zeitung.example/sport/">www. is the same site</a>
      <a href="https://anderes.example/politik/">offsite</a>
    </body></html>"""
    _, requests = split(spider.parse_discovery(respond(start, home)))
    assert [(r.url, r.meta.get(META_ROLE), r.meta.get(META_DEPTH)) for r in requests] == [
        ("https://zeitung.example/rss.xml", "feed", 0),
        ("https://zeitung.example/politik/", "section", 1),
        ("https://zeitung.example/wirtschaft/", "section", 1),
        ("https://zeitung.example/2024/02/06/ein-beitrag-zum-haushalt/", None, None),
        ("https://zeitung.example/sport/", "section", 1),  # pinned onto the -a url host
    ]
    section = requests[1]
    page = '<a href="/politik/inland/">tiefer</a><a href="/politik/12345-meldung-aus-berlin/">a</a>'
    _, more = split(spider.parse_discovery(respond(section, page)))
    assert [r.url for r in more] == ["https://zeitung.example/politik/12345-meldung-aus-berlin/"]


@pytest.mark.parametrize(
    ("url", "head"),
    [
        # the URL looks like an article's
        ("https://zeitung.example/2024/02/06/ein-beitrag-zum-haushalt/", ""),
        # or the page says so (Open Graph), whatever its URL
        ("https://zeitung.example/haushalt", '<meta content="article" property="og:type">'),
    ],
)
def test_generic_entry_that_is_an_article_is_archived_too(url: str, head: str) -> None:
    spider = make_spider(GenericSpider, url=url)
    initial = spider.initial_requests()
    start = initial[1]
    page = f"""<html><head>{head}</head><body><p>Der Haushalt wurde beschlossen.</p>
      <a href="/2024/02/05/ein-anderer-beitrag/">verwandt</a>
      <a href="/politik/">Politik</a></body></html>"""
    pages, requests = split(spider.parse_discovery(respond(start, page)))
    assert [p.kind for p in pages] == [KIND_DISCOVERY]  # the start fetch, as before
    # An entry whose URL looks like an article is requested as one with the initial requests
    # (ahead of anything its sitemaps list); one that only says so, once its page is read.
    articles = [
        (r.url, r.meta["newsarchive_source"])
        for r in [*initial, *requests]
        if r.meta.get(META_KIND) == KIND_ARTICLE
    ]
    assert articles == [
        (url, "start"),  # the entry itself, as an article, first
        ("https://zeitung.example/2024/02/05/ein-anderer-beitrag/", "start"),
    ]
    assert stat(spider, "archive/discovery/start_article") == 1


def test_generic_homepage_is_not_taken_for_an_article() -> None:
    spider = make_spider(GenericSpider, url="https://zeitung.example/")
    start = spider.initial_requests()[1]
    home = '<html><head><meta property="og:type" content="website"></head><body></body></html>'
    _, requests = split(spider.parse_discovery(respond(start, home)))
    assert requests == []
    assert stat(spider, "archive/discovery/start_article") in (None, 0)


@pytest.mark.parametrize(
    ("body", "source", "first_article"),
    [
        (FEED, "feed", "https://news.test/politik/100010-haushalt/"),
        (NEWS_SITEMAP, "news-sitemap", "https://news.test/politik/100001-neue-regierung/"),
    ],
)
def test_generic_entry_may_be_a_feed_or_a_sitemap(
    body: bytes, source: str, first_article: str
) -> None:
    spider = make_spider(GenericSpider, url="https://news.test/eingang")
    entry = spider.initial_requests()[1]
    assert entry.url == "https://news.test/eingang"
    # served as text/plain: the content decides, not the header
    response = respond(entry, body, cls=TextResponse, headers={"Content-Type": "text/plain"})
    pages, requests = split(spider.parse_discovery(response))
    assert pages[0].source == source
    assert requests[0].url == first_article


# --------------------------------------------------------------------------- articles and failures


def test_article_response_becomes_a_fetched_page() -> None:
    spider = make_spider(SiteSpider)
    request = spider.article_request(
        "https://news.test/politik/100040-alt/",
        "news-sitemap",
        {"title": "Titel", "language": None},
    )
    assert request is not None
    request.meta["redirect_urls"] = ["https://news.test/politik/100040-alt/"]
    request.meta["newsarchive_warc"] = {
        "file": "a.warc.gz",
        "offset": 10,
        "length": 99,
        "payload_digest": "sha1:ABC",
    }
    body = b"<html><body><p>Der Bundestag hat heute beraten.</p></body></html>"
    response = HtmlResponse(
        "https://news.test/politik/100040-neu/",
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8", "X-Cache": ["HIT", "MISS"]},
        request=request,
    )
    (page,) = list(spider.parse_article(response))
    assert page.kind == KIND_ARTICLE
    assert page.url == "https://news.test/politik/100040-neu/"
    assert page.requested_url == "https://news.test/politik/100040-alt/"
    assert page.site == "testsite"
    assert page.status == 200
    assert page.body == body
    assert page.source == "news-sitemap"
    assert page.hints == {"title": "Titel"}
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["x-cache"] == "HIT, MISS"
    assert page.fetched_at.tzinfo is UTC
    assert (page.warc_file, page.warc_offset, page.warc_length, page.payload_digest) == (
        "a.warc.gz",
        10,
        99,
        "sha1:ABC",
    )
    assert page.error is None
    assert stat(spider, "archive/fetch/article_count") == 1


def test_article_404_is_recorded_by_the_callback() -> None:
    spider = make_spider(SiteSpider)
    request = spider.article_request("https://news.test/politik/100041-weg/", "feed")
    assert request is not None
    (page,) = list(spider.parse_article(respond(request, "weg", status=404)))
    assert (page.status, page.error, page.body) == (404, None, b"weg")
    assert stat(spider, "archive/fetch/article_status_count/404") == 1


@pytest.mark.parametrize(
    ("exc", "error", "status"),
    [
        (DownloadTimeoutError("Getting x took longer than 1 seconds."), "timeout", 0),
        (CannotResolveHostError("DNS lookup failed"), "dns", 0),
        (DownloadConnectionRefusedError("Connection was refused"), "connection", 0),
        (IgnoreRequest("max redirections reached"), "redirect_loop", 0),
        (DownloadCancelledError(""), "too_large", 0),
        (IgnoreRequest("Forbidden by robots.txt"), "robots", 0),
        (ValueError("seltsam\nmehrzeilig"), "other: ValueError: seltsam mehrzeilig", 0),
    ],
)
def test_errback_records_each_failure_kind(exc: Exception, error: str, status: int) -> None:
    spider = make_spider(SiteSpider)
    request = spider.article_request(
        "https://news.test/politik/100050-x/", "sitemap", {"title": "T"}
    )
    assert request is not None
    request.meta["redirect_urls"] = ["https://news.test/politik/100050-vorher/"]
    (page,) = list(spider.on_error(failure_of(exc, request)))
    assert (page.kind, page.status, page.error) == (KIND_ARTICLE, status, error)
    assert page.url == "https://news.test/politik/100050-x/"
    assert page.requested_url == "https://news.test/politik/100050-vorher/"
    assert page.source == "sitemap" and page.hints == {"title": "T"}
    assert page.fetched_at.tzinfo is UTC
    assert stat(spider, f"archive/fetch/error/{error.split(':')[0]}") == 1


def test_errback_http_error_on_discovery_keeps_the_response_status() -> None:
    spider = make_spider(SiteSpider)
    request = spider.initial_requests()[1]
    response = respond(request, "kaputt", cls=XmlResponse, status=503)
    (page,) = list(
        spider.on_error(failure_of(HttpError(response, "Ignoring non-200 response"), request))
    )
    assert (page.kind, page.source, page.status, page.error) == (
        KIND_DISCOVERY,
        "sitemap",
        503,
        "http_503",
    )
    assert page.body == b""
    assert stat(spider, "archive/fetch/error/http_503") == 1


def test_classify_twisted_errors() -> None:
    from twisted.internet import error as tx

    request = scrapy.Request("https://news.test/")
    assert classify_failure(failure_of(tx.DNSLookupError("x"), request)) == ("dns", 0)
    assert classify_failure(failure_of(tx.TCPTimedOutError(), request)) == ("timeout", 0)
    assert classify_failure(failure_of(tx.ConnectionLost(), request)) == ("connection", 0)
    assert classify_failure(
        failure_of(IgnoreRequest("Filtered offsite request to 'x'"), request)
    ) == ("offsite", 0)


# --------------------------------------------------------------------------- registry and sites


def test_registry_collects_every_site_module() -> None:
    found = sites.all_sites()
    assert {"rt_de", "snanews", "aggregator"} <= set(found)
    assert "generic" not in found
    assert sites.get_site("rt_de") is RT_SITE
    assert sites.spider_for("rt_de") is RtDeSpider
    for key in found:
        spider_cls = sites.spider_for(key)
        assert spider_cls.name == key
        assert spider_cls.site.key == key


def test_unknown_site_lists_known_keys() -> None:
    with pytest.raises(KeyError, match="known sites: aggregator, rt_de, snanews"):
        sites.get_site("bild")
    with pytest.raises(KeyError, match="unknown site 'bild'"):
        sites.spider_for("bild")


def test_registry_fails_loudly_on_duplicate_keys(tmp_path: Path) -> None:
    package = tmp_path / "doppelt"
    package.mkdir()
    (package / "__init__.py").write_text("")
    declaration = (
        "from crawler.model.sitespec import Site\n"
        "SITE = Site(key='gleich', name='G', domains=('{host}',))\n"
    )
    (package / "eins.py").write_text(declaration.format(host="eins.example"))
    (package / "zwei.py").write_text(declaration.format(host="zwei.example"))
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(
            ValueError, match=r"'gleich' is declared twice: in doppelt\.eins and in doppelt\.zwei"
        ):
            sites.collect_site_modules(__import__("doppelt"))
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "doppelt" or n.startswith("doppelt.")]:
            del sys.modules[name]


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        (RT_SITE, "https://de.rt.com/international/193456-gespraeche-in-genf/", True),
        (RT_SITE, "https://de.rt.com/international/193456-gespraeche-in-genf", True),
        (RT_SITE, "https://de.rt.com/international/", False),
        (RT_SITE, "https://de.rt.com/tag/ukraine/", False),
        (SNA_SITE, "https://snanews.de/20220113/nato-russland-rat-4960123.html", True),
        (SNA_SITE, "https://snanews.de/politik/", False),
        (sites.get_site("aggregator"), "https://agg.example/2025/02/06/ein-beitrag/", True),
        (sites.get_site("aggregator"), "https://agg.example/category/welt/", False),
    ],
)
def test_declared_article_patterns(site: Site, url: str, expected: bool) -> None:
    assert site.is_article_url(url) is expected


# --------------------------------------------------------------------------- a real crawl

CRAWL_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from crawler.model.sitespec import Site
    from spiders.base import NewsSpider

    base = sys.argv[1]

    class FailureSpider(NewsSpider):
        name = "failures"
        site = Site(
            key="failures",
            name="Failures",
            domains=("127.0.0.1",),
            sitemaps=(base + "/index.xml",),
            article_pattern=r"^/(a|privat)/",
        )

    process = CrawlerProcess({
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_MAXSIZE": 50_000,
        "DOWNLOAD_TIMEOUT": 2,
        "RETRY_TIMES": 0,
        "REDIRECT_MAX_TIMES": 3,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
    })
    crawler = process.create_crawler(FailureSpider)
    items = []

    def collect(item, **kwargs):
        items.append(item)

    crawler.signals.connect(collect, signal=signals.item_scraped)  # weak reference: keep a name
    process.crawl(crawler)
    process.start()
    for item in items:
        print(json.dumps({"url": item.url, "requested_url": item.requested_url, "kind": item.kind,
                          "status": item.status, "error": item.error, "source": item.source}))
    print(json.dumps({"stats": {k: v for k, v in crawler.stats.get_stats().items()
                                if k.startswith("archive/")}}))
    """
)


class _FailingSite(QuietHandler):
    protocol_version = "HTTP/1.1"
    closed_port = 0

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /privat/\n", "text/plain")
        elif self.path == "/index.xml":
            children = [f"{base}/urls.xml", f"{base}/fehlt.xml"]
            body = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
            self._send(200, f"<sitemapindex>{body}</sitemapindex>".encode(), "application/xml")
        elif self.path == "/urls.xml":
            paths = [
                "/a/gut",
                "/a/weg",
                "/a/schleife",
                "/a/gross",
                "/a/strom",
                "/a/langsam",
                "/privat/x",
            ]
            urls = [base + p for p in paths] + [f"http://127.0.0.1:{self.closed_port}/a/zu"]
            body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
            self._send(200, f"<urlset>{body}</urlset>".encode(), "application/xml")
        elif self.path == "/a/gut":
            self._send(200, b"<html><body><p>Ein Artikel.</p></body></html>", "text/html")
        elif self.path in ("/a/schleife", "/a/schleife2"):
            target = "/a/schleife2" if self.path == "/a/schleife" else "/a/schleife"
            self._send(302, b"", "text/plain", location=target)
        elif self.path == "/a/gross":
            self._send(200, b"x" * 200_000, "text/html")
        elif self.path == "/a/strom":
            # chunked, no Content-Length: the size check happens while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(20):
                    chunk = b"y" * 10_000
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass
        elif self.path == "/a/langsam":
            time.sleep(4)
            self._send(200, b"zu spaet", "text/html")
        else:
            self._send(404, b"nicht gefunden", "text/html")

    def _send(self, status: int, body: bytes, ctype: str, location: str | None = None) -> None:
        with contextlib.suppress(OSError):
            self.send(status, body, ctype, location)


@pytest.fixture
def failing_site() -> Iterator[tuple[str, int]]:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    class Handler(_FailingSite):
        pass

    Handler.closed_port = closed_port
    with serving(Handler) as base:
        yield base, closed_port


@pytest.mark.e2e
def test_every_failure_kind_reaches_the_errback_in_a_real_crawl(
    failing_site: tuple[str, int],
) -> None:
    """Scrapy 2.19 as installed: each failure must become a FetchedPage, none silently lost."""
    base, _ = failing_site
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CRAWL_SCRIPT, base],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    stats = rows.pop()["stats"]
    by_path = {row["requested_url"].split("/", 3)[-1]: row for row in rows}
    expected = {
        "a/gut": (200, None),
        "a/weg": (404, None),
        "a/schleife": (0, "redirect_loop"),
        "a/gross": (0, "too_large"),
        "a/strom": (0, "too_large"),
        "a/langsam": (0, "timeout"),
        "privat/x": (0, "robots"),
        "a/zu": (0, "connection"),
        "fehlt.xml": (404, "http_404"),
    }
    for path, (status, error) in expected.items():
        assert (by_path[path]["status"], by_path[path]["error"]) == (status, error), path
    # requested_url is the URL before redirects; url is wherever the loop was cut off
    assert by_path["a/schleife"]["url"].split("/", 3)[-1] in ("a/schleife", "a/schleife2")
    assert by_path["fehlt.xml"]["kind"] == KIND_DISCOVERY
    assert all(
        by_path[p]["kind"] == KIND_ARTICLE for p in expected if p.startswith(("a/", "privat/"))
    )
    for kind in ("redirect_loop", "too_large", "timeout", "robots", "connection", "http_404"):
        assert stats.get(f"archive/fetch/error/{kind}"), kind
    assert stats["archive/fetch/error/too_large"] == 2
    assert stats["archive/discovery/article_urls"] == 8


def _generator_methods(cls: type) -> Iterator[tuple[str, Any]]:
    for klass in cls.__mro__:
        if not klass.__module__.startswith("spiders."):
            continue
        for name, value in vars(klass).items():
            if inspect.isgeneratorfunction(value):
                yield f"{klass.__name__}.{name}", value


def test_no_spider_callback_is_a_generator_that_returns_a_value() -> None:
    """Scrapy's per-response check (WARN_ON_GENERATOR_RETURN_VALUE, off in crawler/settings.py
    because it re-parsed the callback's source for every page) made once, for every spider."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.misc import is_generator_with_return_value
    from scrapy.utils.project import get_project_settings

    def returns_a_value() -> Iterator[int]:
        yield 1
        return 2  # type: ignore[misc]  # the mistake the check exists for

    assert is_generator_with_return_value(returns_a_value)  # the check can fail
    loader = SpiderLoader.from_settings(get_project_settings())
    checked = 0
    for spider_name in loader.list():
        for name, method in _generator_methods(loader.load(spider_name)):
            assert not is_generator_with_return_value(method), name
            checked += 1
    assert checked >= len(loader.list())  # parse_article and parse_discovery at least
