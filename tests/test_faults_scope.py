"""Hostile sites: redirects off the site, private addresses, endless sitemap indexes, stray
bytes, and crawls whose fetches fail on our side."""

from __future__ import annotations

import asyncio
import http.server
import ipaddress
import json
import socketserver
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import scrapy
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from crawler import settings as project_settings
from crawler.model.failures import failures_of
from crawler.model.meta import META_SCOPE_REFUSED
from crawler.model.types import ExtractInput
from crawler.scope import (
    CrawlScope,
    MetaRefreshScopeMiddleware,
    PrivateAddressMiddleware,
    PrivateAllowance,
    is_public,
    scope_of,
)
from db.engine import make_engine
from db.models import Article, CrawlRun, Fetch
from pipelines.decode import decode_body
from pipelines.extract import extract_article
from spiders.generic import GenericSpider
from spiders.params import SpiderConfigError, SpiderConfigExit
from tests.factories import QuietHandler, failure_of, loopback_settings, run_test_crawl

FAST = loopback_settings(DOWNLOAD_TIMEOUT="5", RETRY_TIMES="0", NEWSARCHIVE_EXTRACT_WORKERS="1")
CHAIN_LEVELS = 50
PARAGRAPH = (
    "Der Gemeinderat hat am Dienstagabend nach langer Debatte beschlossen, die Brücke über den "
    "Fluss zu erneuern. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern."
)


def _article(title: str) -> bytes:
    paragraphs = "".join(f"<p>{title}: {PARAGRAPH} ({n})</p>" for n in range(4))
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class _Recorder(QuietHandler):
    """A server that must never be asked anything: it logs every request."""

    protocol_version = "HTTP/1.1"
    requests: ClassVar[list[str]]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send(200, _article("Geheime Verwaltungsseite"), "text/html; charset=utf-8")


class _Hostile(QuietHandler):
    """A news site whose articles send the crawler elsewhere; `targets` names where."""

    protocol_version = "HTTP/1.1"
    targets: ClassVar[dict[str, str]]

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        path = self.path
        if path == "/sitemap.xml":
            locs = [f"{base}/2026/11/20/{name}/" for name in ARTICLE_NAMES]
            entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
            self.send(200, f"<urlset>{entries}</urlset>".encode(), "application/xml")
        elif path.startswith("/idx/"):
            level = int(path.split("/")[2].split(".")[0])
            if level + 1 < CHAIN_LEVELS:
                child = f"<sitemap><loc>{base}/idx/{level + 1}.xml</loc></sitemap>"
                body = f"<sitemapindex>{child}</sitemapindex>"
            else:
                body = f"<urlset><url><loc>{base}/2026/11/20/tief/</loc></url></urlset>"
            self.send(200, body.encode(), "application/xml")
        elif path == "/2026/11/20/gut/":
            self.send(200, _article("Die Brücke wird erneuert"), "text/html; charset=utf-8")
        elif path == "/2026/11/20/umzug/":
            self.send(301, b"", "text/html", location=f"{base}/2026/11/20/gut-neu/")
        elif path == "/2026/11/20/gut-neu/":
            self.send(200, _article("Der Umzug der Redaktion"), "text/html; charset=utf-8")
        elif path == "/2026/11/20/fremder-host/":
            self.send(302, b"", "text/html", location=self.targets["other_host"])
        elif path == "/2026/11/20/fremder-port/":
            self.send(302, b"", "text/html", location=self.targets["other_port"])
        elif path == "/2026/11/20/localhost/":
            self.send(302, b"", "text/html", location=self.targets["private"])
        elif path == "/2026/11/20/refresh/":
            target = self.targets["other_port"]
            body = (
                f'<html><head><meta http-equiv="refresh" content="0; url={target}">'
                "</head><body>Weiter</body></html>"
            ).encode()
            self.send(200, body, "text/html; charset=utf-8")
        else:
            self.send(404, b"nicht gefunden", "text/html")


ARTICLE_NAMES = ("gut", "umzug", "fremder-host", "fremder-port", "refresh", "localhost")


class HostileWeb:
    """The hostile site on 127.0.0.1, and two servers it points at: another loopback address
    (127.0.0.2, as an internal host would be) and another port of 127.0.0.1."""

    def __init__(self) -> None:
        self.secret_requests: list[str] = []
        recorder = type("Recorder", (_Recorder,), {"requests": self.secret_requests})
        self._servers = [
            _Server(("127.0.0.2", 0), recorder),
            _Server(("127.0.0.1", 0), recorder),
        ]
        other_host = f"http://127.0.0.2:{self._servers[0].server_address[1]}"
        other_port = f"http://127.0.0.1:{self._servers[1].server_address[1]}"
        self.forbidden = (other_host, other_port, "http://localhost/")
        targets = {
            "other_host": f"{other_host}/verwaltung/",
            "other_port": f"{other_port}/latest/meta-data/",
            # A host of the site (a declared mirror) on its default port: loopback all the same.
            "private": "http://localhost/intern/",
        }
        handler = type("Hostile", (_Hostile,), {"targets": targets})
        self._servers.append(_Server(("127.0.0.1", 0), handler))
        self.base = f"http://127.0.0.1:{self._servers[2].server_address[1]}"
        self.targets = targets
        for server in self._servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileWeb]:
    web = HostileWeb()
    try:
        yield web
    finally:
        web.close()


def _crawl(
    web: HostileWeb,
    url: str,
    data_dir: Path,
    database_url: str,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    **args: str,
) -> Any:
    return run_test_crawl(
        "generic",
        url,
        data_dir,
        database_url,
        settings={**FAST, **(settings or {})},
        spider_args={"site": "feindlich", **args},
        env=env,
    )


def _warc_uris(data_dir: Path) -> list[tuple[str, str, int]]:
    """(record type, target URI, HTTP status) of every WARC record under the data dir."""
    found = []
    for path in sorted(data_dir.rglob("*.warc*")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = 0
                if record.rec_type in ("response", "revisit") and record.http_headers:
                    status = int(record.http_headers.get_statuscode())
                found.append((record.rec_type, uri, status))
    return found


# --------------------------------------------------------------------------- redirects


def test_hostile_servers_are_reachable(hostile: HostileWeb) -> None:
    """The negative control: 127.0.0.2 and the other port answer here (Linux routes all of
    127/8 to lo), so a crawl that does not fetch them was kept from them."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for target in (hostile.targets["other_host"], hostile.targets["other_port"]):
        with direct.open(target, timeout=5) as answer:
            assert answer.status == 200
    assert len(hostile.secret_requests) == 2
    hostile.secret_requests.clear()


@pytest.mark.e2e
def test_redirects_and_refreshes_off_the_site_are_recorded_not_followed(
    hostile: HostileWeb, tmp_path: Path, database_url: str
) -> None:
    hostile.secret_requests.clear()
    result = _crawl(
        hostile, f"{hostile.base}/sitemap.xml", tmp_path, database_url, mirrors="localhost"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # Nothing was asked of the other address or port.
    assert hostile.secret_requests == []

    engine = make_engine(database_url)
    with engine.connect() as conn:
        fetches = conn.execute(
            select(Fetch.requested_url, Fetch.url, Fetch.status, Fetch.outcome, Fetch.error)
        ).all()
        articles = conn.execute(select(Article.url, Article.title)).all()
        (stats,) = conn.execute(select(CrawlRun.stats)).scalars().all()
    engine.dispose()
    by_path = {f.requested_url.removeprefix(hostile.base): f for f in fetches}

    def refused(name: str) -> tuple[int, str, str | None]:
        row = by_path[f"/2026/11/20/{name}/"]
        return row.status, row.outcome, row.error

    assert refused("fremder-host") == (
        302,
        "offsite_redirect",
        f"offsite_redirect: {hostile.targets['other_host']}",
    )
    assert refused("fremder-port") == (
        302,
        "offsite_redirect",
        f"offsite_redirect: {hostile.targets['other_port']}",
    )
    assert refused("refresh") == (
        200,
        "offsite_redirect",
        f"offsite_redirect: {hostile.targets['other_port']}",
    )
    # localhost is a host of the site (a mirror), but on an address the crawl was not given.
    assert refused("localhost")[1:] == ("private_address", "private_address: 127.0.0.1")
    assert by_path["/2026/11/20/localhost/"].url == hostile.targets["private"]
    # Redirects on the site are followed as before.
    assert refused("umzug")[:2] == (200, "archived")
    assert sorted(a.title for a in articles) == [
        "Der Umzug der Redaktion",
        "Die Brücke wird erneuert",
    ]

    # The refused address appears only as the refused request's URL, never as a response.
    for row in fetches:
        assert row.outcome == "private_address" or not row.url.startswith(hostile.forbidden), row
    records = _warc_uris(tmp_path)
    assert not [r for r in records if r[1].startswith(hostile.forbidden)]
    # What the site answered is archived: the 302s and the refreshing page.
    responses = {(uri.removeprefix(hostile.base), status) for kind, uri, status in records}
    assert ("/2026/11/20/fremder-host/", 302) in responses
    assert ("/2026/11/20/fremder-port/", 302) in responses
    assert ("/2026/11/20/refresh/", 200) in responses
    assert stats["archive/scope/offsite_redirect"] == 3
    assert stats["archive/scope/private_address"] == 1


def _scope(url: str, mirrors: str = "") -> CrawlScope:
    args = {"url": url, "mirrors": mirrors} if mirrors else {"url": url}
    spider = GenericSpider.from_crawler(get_crawler(GenericSpider), **args)
    return CrawlScope.of(spider.plan)


def test_redirect_scope_is_the_sites_hosts_and_ports() -> None:
    scope = _scope("https://www.zeitung.example/")
    assert scope.redirect_allowed("https://zeitung.example/a")  # www twin
    assert scope.redirect_allowed("http://www.zeitung.example/a")  # other scheme
    assert not scope.redirect_allowed("https://zeitung.example:8443/a")
    assert not scope.redirect_allowed("https://andere.example/a")
    assert not scope.redirect_allowed("http://169.254.169.254/latest/meta-data/")
    assert not scope.redirect_allowed("ftp://zeitung.example/a")
    local = _scope("http://127.0.0.1:8123/")
    assert local.redirect_allowed("http://127.0.0.1:8123/b")
    assert not local.redirect_allowed("http://127.0.0.1:8124/b")
    assert not local.redirect_allowed("http://127.0.0.1/b")
    assert not local.redirect_allowed("http://127.0.0.2:8123/b")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # CGNAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fc00::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def _guard(settings: dict[str, Any] | None = None) -> tuple[PrivateAddressMiddleware, Any]:
    crawler = get_crawler(GenericSpider, settings or {})
    crawler.spider = GenericSpider.from_crawler(crawler, url="http://127.0.0.1:8123/")
    return PrivateAddressMiddleware.from_crawler(crawler), crawler


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/admin",
        "http://[fe80::1]/",
        "http://127.0.0.1:9999/",
        "http://127.0.0.2:8123/",
    ],
)
def test_non_public_addresses_are_refused_and_counted(url: str) -> None:
    guard, crawler = _guard()
    request = scrapy.Request(url)
    with pytest.raises(IgnoreRequest, match="private_address"):
        asyncio.run(guard.process_request(request))
    assert request.meta[META_SCOPE_REFUSED]["reason"] == "private_address"
    assert crawler.stats.get_value("archive/scope/private_address") == 1


@pytest.mark.parametrize(
    ("allow", "url"),
    [
        (None, "http://127.0.0.1:8123/sitemap.xml"),  # the crawl's own origin
        (None, "http://93.184.215.14/"),  # public
        (True, "http://10.0.0.5/"),
        ("10.0.0.0/8,intranet.example", "http://10.0.0.5/"),
        (["169.254.169.254"], "http://169.254.169.254/"),
    ],
)
def test_allowed_addresses_pass(allow: Any, url: str) -> None:
    settings = {} if allow is None else {"NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES": allow}
    guard, _ = _guard(settings)
    request = scrapy.Request(url)
    assert asyncio.run(guard.process_request(request)) is None
    assert META_SCOPE_REFUSED not in request.meta


def test_bad_allowance_setting_is_one_line() -> None:
    with pytest.raises(SpiderConfigError, match="NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES"):
        PrivateAllowance.parse("10.0.0.0/33")
    assert PrivateAllowance.parse("true").everything
    assert not PrivateAllowance.parse("false").everything


def test_meta_refresh_off_the_site_hands_back_the_page() -> None:
    crawler = get_crawler(GenericSpider, {"REDIRECT_ENABLED": True, "METAREFRESH_ENABLED": True})
    crawler.spider = GenericSpider.from_crawler(crawler, url="http://127.0.0.1:8123/")
    assert scope_of(crawler) is not None
    mw = MetaRefreshScopeMiddleware.from_crawler(crawler)
    request = scrapy.Request("http://127.0.0.1:8123/a")
    body = b'<html><head><meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/x"></head>'
    response = HtmlResponse(request.url, body=body, request=request)
    assert mw.process_response(request, response) is response
    assert request.meta[META_SCOPE_REFUSED] == {
        "reason": "offsite_redirect",
        "target": "http://127.0.0.1:9/x",
    }
    assert request.meta["dont_redirect"] is True  # the refresh middleware below leaves it
    # On the site: passed on unchanged, for the refresh middleware below the WARC capture.
    on_site = scrapy.Request("http://127.0.0.1:8123/b")
    body = b'<html><head><meta http-equiv="refresh" content="0; url=/c"></head>'
    response = HtmlResponse(on_site.url, body=body, request=on_site)
    assert mw.process_response(on_site, response) is response
    assert META_SCOPE_REFUSED not in on_site.meta
    assert "dont_redirect" not in on_site.meta


# --------------------------------------------------------------------------- limits


@pytest.mark.e2e
def test_sitemap_index_chain_stops_at_the_depth_limit(hostile: HostileWeb, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    result = _crawl(hostile, f"{hostile.base}/idx/0.xml", tmp_path, database_url)
    assert result.returncode == 0, result.stderr[-3000:]
    engine = make_engine(database_url)
    with engine.connect() as conn:
        urls = conn.execute(select(Fetch.url).where(Fetch.kind == "discovery")).scalars().all()
        (stats,) = conn.execute(select(CrawlRun.stats)).scalars().all()
    engine.dispose()
    levels = sorted(int(u.rsplit("/", 1)[1].split(".")[0]) for u in urls if "/idx/" in u)
    assert levels == [0, 1, 2, 3, 4, 5]  # the entry and five levels below it
    assert stats["archive/discovery/sitemap_depth_limit"] == 1
    assert result.stderr.count("discovery limit reached") == 1


# --------------------------------------------------------------------------- decoding


def test_a_stray_byte_in_a_utf8_page_stays_utf8() -> None:
    body = _article("Länder einigen sich").replace(b"Fluss", b"Fluss\xff", 1)
    text, encoding = decode_body(body, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert "Länder" in text
    assert "Fluss\ufffd" in text
    result = extract_article(
        ExtractInput(
            url="https://zeitung.example/a", body=body, headers={"content-type": "text/html"}
        )
    )
    assert result.title == "Länder einigen sich"
    assert result.encoding == "utf-8"
    assert result.decode_replaced == 1


# --------------------------------------------------------------------------- local failures

_BOOM = '''
class BoomMiddleware:
    """Every response fails on our side, as an unusable data directory makes it."""

    def process_response(self, request, response):
        raise OSError(30, "Read-only file system", "/data/warc")
'''


@pytest.mark.e2e
def test_a_crawl_whose_fetches_fail_locally_exits_non_zero(
    hostile: HostileWeb, tmp_path: Path
) -> None:
    module_dir = tmp_path / "mods"
    module_dir.mkdir()
    (module_dir / "boom_mw.py").write_text(_BOOM)
    middlewares = {**project_settings.DOWNLOADER_MIDDLEWARES, "boom_mw.BoomMiddleware": 585}
    database_url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    result = _crawl(
        hostile,
        f"{hostile.base}/sitemap.xml",
        tmp_path,
        database_url,
        settings={"DOWNLOADER_MIDDLEWARES": json.dumps(middlewares)},
        env={"PYTHONPATH": f"{module_dir}:{Path(__file__).resolve().parent.parent}"},
    )
    assert result.returncode == 1, result.stderr[-3000:]
    assert "crawl failed: fetch_local" in result.stderr
    engine = make_engine(database_url)
    with engine.connect() as conn:
        outcome, reason = conn.execute(select(CrawlRun.outcome, CrawlRun.finish_reason)).one()
    engine.dispose()
    assert outcome == "failed"
    assert reason.startswith("fetch_local")


def _site_spider(settings: dict[str, Any] | None = None) -> GenericSpider:
    crawler = get_crawler(GenericSpider, settings or {})
    spider = GenericSpider.from_crawler(crawler, url="https://zeitung.example/sitemap.xml")
    crawler.spider = spider
    return spider


def test_discovery_count_limits_are_counted_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    spider = _site_spider(
        {"NEWSARCHIVE_DISCOVERY_MAX_DOCUMENTS": "2", "NEWSARCHIVE_DISCOVERY_MAX_URLS": "3"}
    )
    stats = spider.crawler.stats
    documents = [
        spider.discovery_request(f"https://zeitung.example/s{n}.xml", "sitemap") for n in range(5)
    ]
    assert sum(d is not None for d in documents) == 2
    assert stats.get_value("archive/discovery/document_limit") == 3
    articles = [
        spider.article_request(f"https://zeitung.example/2026/11/20/a{n}/", "sitemap")
        for n in range(10)
    ]
    assert sum(a is not None for a in articles) == 3
    assert stats.get_value("archive/discovery/url_limit") == 7
    # A limited run did not see all of discovery: the next one must not trust validators.
    assert stats.get_value("archive/discovery/over_limit") == 7
    assert caplog.text.count("discovery limit reached") == 2


def test_bad_limit_setting_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SpiderConfigExit):
        _site_spider({"NEWSARCHIVE_SITEMAP_MAX_DEPTH": "tief"})
    assert capsys.readouterr().err == (
        "newsarchive: bad setting NEWSARCHIVE_SITEMAP_MAX_DEPTH='tief': "
        "must be a whole number >= 0 (0: no limit)\n"
    )


def _fetch_failures(spider: GenericSpider, local: int, remote: int) -> None:
    for n in range(local + remote):
        request = spider.article_request(f"https://zeitung.example/2026/11/20/f{n}/", "sitemap")
        assert request is not None
        exc: Exception = OSError(30, "Read-only file system")
        if n >= local:
            exc = DownloadTimeoutError("took longer than 5 seconds") if n % 2 else TimeoutError()
        list(spider.on_error(failure_of(exc, request)))


def test_most_fetches_failing_locally_fails_the_crawl() -> None:
    spider = _site_spider()
    _fetch_failures(spider, local=3, remote=2)
    spider.closed("finished")
    failures = failures_of(spider.crawler)
    assert list(failures.entries) == ["fetch_local"]
    entry = failures.entries["fetch_local"]
    assert entry.message.startswith("3 of 5 fetches failed for a local reason")
    assert entry.page_count == 3


def test_remote_failures_and_scope_refusals_are_not_local() -> None:
    spider = _site_spider()
    _fetch_failures(spider, local=2, remote=2)  # half is not most
    refused = spider.article_request("https://zeitung.example/2026/11/20/r/", "sitemap")
    assert refused is not None
    refused.meta[META_SCOPE_REFUSED] = {"reason": "private_address", "target": "10.0.0.1"}
    (page,) = spider.on_error(failure_of(IgnoreRequest("private_address: x"), refused))
    assert page.error == "private_address: 10.0.0.1"
    spider.closed("finished")
    assert not failures_of(spider.crawler)
    assert spider.crawler.stats.get_value("archive/fetch/error/private_address") is None


def test_refresh_check_leaves_a_redirect_loop_to_the_refresh_middleware() -> None:
    """Too many redirects is said below the WARC capture, so the page is still captured."""
    crawler = get_crawler(GenericSpider, {"REDIRECT_MAX_TIMES": 2})
    crawler.spider = GenericSpider.from_crawler(crawler, url="http://127.0.0.1:8123/")
    mw = MetaRefreshScopeMiddleware.from_crawler(crawler)
    request = scrapy.Request("http://127.0.0.1:8123/a", meta={"redirect_times": 2})
    body = b'<html><head><meta http-equiv="refresh" content="0; url=/b"></head>'
    response = HtmlResponse(request.url, body=body, request=request)
    assert mw.process_response(request, response) is response
