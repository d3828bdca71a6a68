"""The local demo web: every host, every broken endpoint, the hooks, and the ground truth."""

from __future__ import annotations

import gzip
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crawler.demoweb import ARTICLES, BROKEN_PAGES, DemoWeb, FixtureArticle
from crawler.demoweb.content import articles_for, broken_page, find_article, get_article
from crawler.demoweb.corpus import (
    MAX_BYTES,
    MIN_BYTES,
    SITEMAP_SIZE,
    bench_article,
    bench_article_html,
    bench_article_path,
    bench_index,
)
from crawler.demoweb.fixture import (
    EDIT_PREFIX,
    EDIT_SENTENCE,
    JUNK_CLASSES,
    SHORT_JUNK,
    SUBHEADING,
    leaked_junk,
)
from crawler.demoweb.site_tagesblick import large_chunks

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
FIXTURE_HOSTS = {"tagesblick", "rt", "rt-mirror", "sna", "aggregator"}
BENCH_COUNT = 12
ROOT = Path(__file__).resolve().parents[1]

# Where each host's discovery starts: the sitemap robots.txt names, and the RSS feed.
DISCOVERY = {
    "tagesblick": ("sitemap_index.xml", "feed.xml"),
    "rt": ("sitemap.xml", "feeds/news/"),
    "rt-mirror": ("sitemap.xml", "feeds/news/"),
    "sna": ("sitemap_article_index.xml", "export/rss2/archive/index.xml"),
    "aggregator": ("wp-sitemap.xml", "feed/"),
}


# --- helpers -----------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, Message, bytes]:
    """One request, redirects not followed, HTTP errors returned rather than raised."""
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get_ok(url: str) -> bytes:
    status, _, body = fetch(url)
    assert status == 200, url
    return body


class _Visible(HTMLParser):
    """Visible text of a page plus image alt texts; script and style content skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def json_ld_articles(html: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for block in re.findall(
        r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    ):
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            if node.get("@type") in ("NewsArticle", "Article"):
                found.append(node)
    return found


def canonical(html: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, "no canonical link"
    return match.group(1)


def sitemap_urls(base: str, start: str) -> set[str]:
    """Every <loc> reachable from a sitemap (index), gunzipping .gz sitemaps."""
    urls: set[str] = set()
    todo = [base + start]
    while todo:
        body = get_ok(todo.pop())
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        root = ET.fromstring(body)
        locs = [loc.text or "" for loc in root.iter(f"{SM}loc")]
        if root.tag == f"{SM}sitemapindex":
            todo.extend(locs)
        else:
            urls.update(locs)
    return urls


def page_html(article: FixtureArticle, body: bytes) -> str:
    if "charset_mismatch" in article.quirks:
        return body.decode("windows-1252")
    return body.decode("utf-8")


@pytest.fixture(scope="module")
def shared() -> Iterator[DemoWeb]:
    with DemoWeb(bench_articles=BENCH_COUNT, slow_seconds=30.0, large_bytes=300_000) as web:
        yield web


@pytest.fixture
def web(shared: DemoWeb) -> Iterator[DemoWeb]:
    """The module's demo web with hooks and log reset after each test."""
    shared.reset()
    yield shared
    shared.reset()


# --- addresses ---------------------------------------------------------------------------------


def test_each_host_has_its_own_port_on_loopback(web: DemoWeb) -> None:
    assert set(web.hosts) == FIXTURE_HOSTS | {"bench", "coverage"}
    ports = set()
    for host, base in web.hosts.items():
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", base)
        assert web.base_url(host) == base
        ports.add(base)
    assert len(ports) == len(web.hosts)
    with pytest.raises(KeyError):
        web.base_url("nowhere")


def test_bench_host_only_when_asked() -> None:
    with DemoWeb() as plain:
        assert set(plain.hosts) == FIXTURE_HOSTS | {"coverage"}


# --- discovery ---------------------------------------------------------------------------------


@pytest.mark.parametrize("host", sorted(FIXTURE_HOSTS))
def test_robots_sitemaps_and_feed_list_every_article(web: DemoWeb, host: str) -> None:
    base = web.base_url(host)
    sitemap, feed = DISCOVERY[host]
    robots = get_ok(base + "robots.txt").decode()
    assert "User-agent: *" in robots
    assert f"Sitemap: {base}{sitemap}" in robots.splitlines()
    expected = {article.url(base) for article in articles_for(host)}
    assert expected <= sitemap_urls(base, sitemap)
    channel = ET.fromstring(get_ok(base + feed)).find("channel")
    assert channel is not None
    links = {item.findtext("link") for item in channel.iter("item")}
    assert expected == links
    for item in channel.iter("item"):
        assert item.findtext("pubDate")


def test_tagesblick_homepage_links_feeds_sections_and_a_disallowed_page(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    html = get_ok(base).decode()
    alternates = re.findall(
        r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"', html
    )
    assert alternates == ["/feed.xml", "/feed-kaputt.xml"]
    for href in ("/politik/", "/wirtschaft/", "/kultur/", "/intern/redaktion.html"):
        assert f'href="{href}"' in html
    for href in ("/impressum.html", "/datenschutz.html"):
        assert f'href="{href}"' in html
        assert fetch(base + href[1:])[0] == 200
    assert "Disallow: /intern/" in get_ok(base + "robots.txt").decode()
    politik = get_ok(base + "politik/").decode()
    for article in articles_for("tagesblick"):
        assert (article.path in politik) == article.path.startswith("/politik/")


def test_tagesblick_broken_feed_is_truncated_xml(web: DemoWeb) -> None:
    body = get_ok(web.base_url("tagesblick") + "feed-kaputt.xml")
    assert body.startswith(b'<?xml version="1.0"')
    with pytest.raises(ET.ParseError):
        ET.fromstring(body)


def test_tagesblick_news_sitemap_carries_google_news_fields(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    root = ET.fromstring(get_ok(base + "sitemap-news.xml"))
    entries = {}
    for url in root.iter(f"{SM}url"):
        news = url.find(f"{NEWS}news")
        assert news is not None
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "de"
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Tagesblick"
        entries[url.findtext(f"{SM}loc")] = (
            news.findtext(f"{NEWS}title"),
            news.findtext(f"{NEWS}publication_date"),
        )
    for article in articles_for("tagesblick"):
        assert entries[article.url(base)] == (article.title, article.published.isoformat())


def test_tagesblick_article_sitemap_is_gzip_and_leads_to_broken_pages(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    status, headers, body = fetch(base + "sitemap-artikel.xml.gz")
    assert status == 200
    assert headers["Content-Type"] == "application/x-gzip"
    root = ET.fromstring(gzip.decompress(body))
    lastmods = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert all(lastmods.values())
    for page in BROKEN_PAGES:
        if not page.path.endswith("-neu.html"):
            assert base + page.path[1:] in lastmods


def test_sna_sitemaps_are_addressed_by_query_string(web: DemoWeb) -> None:
    base = web.base_url("sna")
    root = ET.fromstring(get_ok(base + "sitemap_article_index.xml"))
    children = [loc.text or "" for loc in root.iter(f"{SM}loc")]
    assert children and all("sitemap_article.xml?date_start=" in c for c in children)
    assert fetch(base + "sitemap_article.xml")[0] == 404


def test_aggregator_has_wordpress_urls(web: DemoWeb) -> None:
    base = web.base_url("aggregator")
    assert "wp-sitemap.xml" in get_ok(base + "robots.txt").decode()
    for article in articles_for("aggregator"):
        assert re.fullmatch(r"/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/", article.path)
        status, headers, _ = fetch(base + article.path[1:-1])
        assert status == 301 and headers["Location"] == article.url(base)


def test_url_shapes_of_the_imitated_sites() -> None:
    for article in articles_for("rt"):
        assert re.fullmatch(r"/(international|inland|russland)/\d{6}-[a-z0-9-]+/", article.path)
    for article in articles_for("sna"):
        assert re.fullmatch(r"/(2021|2022)\d{4}/[a-z0-9-]+-\d{7}\.html", article.path)
        assert article.published.year in (2021, 2022)
    for article in articles_for("tagesblick"):
        assert re.fullmatch(
            r"/(politik|wirtschaft|kultur)/2026/11/\d{2}/[a-z0-9-]+\.html", article.path
        )


# --- article pages against the ground truth ------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: f"{a.host}{a.path}")
def test_article_page_matches_ground_truth(web: DemoWeb, article: FixtureArticle) -> None:
    base = web.base_url(article.host)
    status, headers, body = fetch(article.url(base))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    html = page_html(article, body)
    assert re.search(r'<html lang="de(-DE)?"', html)
    assert canonical(html) == article.url(base)
    text = visible_text(html)
    assert article.title in text
    for block in article.blocks:
        if block.teaser:
            before, after = block.text[: block.teaser_at], block.text[block.teaser_at + 1 :]
            assert f"{before} {block.teaser} {after}" in text
        else:
            assert block.text in text
    for junk_text in article.junk_texts:
        assert " ".join(junk_text.split()) in text, junk_text
    for node in json_ld_articles(html):
        assert node["headline"] == article.title
        published = str(node["datePublished"]).replace("Z", "+00:00")
        assert published == article.published.isoformat()
        if article.modified:
            assert str(node["dateModified"]).replace("Z", "+00:00") == article.modified.isoformat()
        assert node.get("author", []) in (
            [],
            [{"@type": "Person", "name": a} for a in article.authors],
        )
    assert f'content="{article.published.isoformat()}"' in html or article.host == "rt"


def test_some_pages_lack_json_ld_and_some_use_a_graph(web: DemoWeb) -> None:
    kinds = set()
    for article in articles_for("tagesblick"):
        html = page_html(article, get_ok(article.url(web.base_url("tagesblick"))))
        kinds.add("none" if "ld+json" not in html else "graph" if '"@graph"' in html else "flat")
    assert kinds == {"none", "graph", "flat"}


def test_mirror_serves_the_same_page_with_canonical_to_the_original(web: DemoWeb) -> None:
    for article in articles_for("rt"):
        original = get_ok(article.url(web.base_url("rt"))).decode()
        mirrored = get_ok(article.url(web.base_url("rt-mirror"))).decode()
        assert canonical(mirrored) == article.url(web.base_url("rt"))
        assert visible_text(mirrored) == visible_text(original)
        assert find_article("rt-mirror", article.path) is article


def test_aggregator_republication_has_the_rt_text_and_its_own_furniture(web: DemoWeb) -> None:
    (copy,) = [a for a in ARTICLES if a.republishes]
    original = get_article(*copy.republishes) if copy.republishes else None
    assert original is not None and original.host == "rt"
    assert (copy.title, copy.body) == (original.title, original.body)
    assert copy.junk_classes >= {"promo", "teaser", "metadata"}
    html = get_ok(copy.url(web.base_url("aggregator"))).decode()
    assert "👉Beitreten zu Telegramm" in html
    assert original.url(web.base_url("rt")) in html  # "Weiterlesen" points at the source


# --- broken endpoints ------------------------------------------------------------------------


def test_not_found_and_server_error(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    assert fetch(base + broken_page("not_found").path[1:])[0] == 404
    for _ in range(2):
        assert fetch(base + broken_page("server_error").path[1:])[0] == 500
    assert fetch(base + "gibt/es/nicht.html")[0] == 404


def test_empty_and_binary_pages(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    status, headers, body = fetch(base + broken_page("empty").path[1:])
    assert (status, headers["Content-Length"], body) == (200, "0", b"")
    status, headers, body = fetch(base + broken_page("binary").path[1:])
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body.startswith(b"\x89PNG\r\n\x1a\n")


def test_large_page_has_exactly_the_configured_size(web: DemoWeb) -> None:
    status, headers, body = fetch(web.base_url("tagesblick") + broken_page("too_large").path[1:])
    assert status == 200
    assert int(headers["Content-Length"]) == len(body) == web.large_bytes == 300_000
    assert body.startswith(b"<!DOCTYPE html>") and body.rstrip().endswith(b"</html>")


@pytest.mark.parametrize("size", [0, 10, 200, 65_536, 65_537, 1_000_003])
def test_large_page_generator_is_exact(size: int) -> None:
    assert sum(len(chunk) for chunk in large_chunks(size)) == size


def test_redirect_loop(web: DemoWeb) -> None:
    base = web.base_url("tagesblick")
    first, second = (p.path for p in BROKEN_PAGES if p.behaviour == "redirect_loop")
    status, headers, _ = fetch(base + first[1:])
    assert (status, headers["Location"]) == (302, base + second[1:])
    status, headers, _ = fetch(base + second[1:])
    assert (status, headers["Location"]) == (302, base + first[1:])


def test_charset_mismatch(web: DemoWeb) -> None:
    page = broken_page("charset_mismatch")
    status, headers, body = fetch(web.base_url("tagesblick") + page.path[1:])
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    html = body.decode("windows-1252")
    assert '<meta charset="windows-1252">' in html
    assert "Großöhringen" in html and "Straße" in html
    assert find_article("tagesblick", page.path) is not None


def test_slow_page_times_out_a_short_client_timeout(web: DemoWeb) -> None:
    url = web.base_url("tagesblick") + broken_page("slow").path[1:]
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        fetch(url, timeout=0.3)  # the server waits 30 s before answering


def test_slow_page_answers_after_its_delay() -> None:
    with DemoWeb(slow_seconds=0.0) as quick:
        url = quick.base_url("tagesblick") + broken_page("slow").path[1:]
        status, _, body = fetch(url)
        assert status == 200 and b"Wahlkreise" in body


# --- protocol ----------------------------------------------------------------------------------


def test_head_gives_the_headers_of_get_without_a_body(web: DemoWeb) -> None:
    article = ARTICLES[0]
    url = article.url(web.base_url(article.host))
    _, get_headers, get_body = fetch(url)
    status, head_headers, head_body = fetch(url, method="HEAD")
    assert status == 200 and head_body == b""
    assert head_headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))
    large = web.base_url("tagesblick") + broken_page("too_large").path[1:]
    status, headers, body = fetch(large, method="HEAD")
    assert (status, headers["Content-Length"], body) == (200, "300000", b"")


def test_other_methods_are_refused(web: DemoWeb) -> None:
    status, headers, _ = fetch(web.base_url("rt"), method="POST")
    assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_keep_alive_connection_serves_several_requests(web: DemoWeb) -> None:
    import http.client

    port = int(web.base_url("sna").rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        for path in ("/", "/robots.txt", "/export/rss2/archive/index.xml"):
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.status == 200 and response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("host", "path"),
    [(host, path) for host, pair in DISCOVERY.items() for path in pair]
    + [("tagesblick", "sitemap-news.xml"), ("tagesblick", "sitemap-artikel.xml.gz")]
    + [("bench", "sitemap-index.xml"), ("bench", "sitemaps/artikel-0.xml")],
)
def test_conditional_get_on_feeds_and_sitemaps(web: DemoWeb, host: str, path: str) -> None:
    url = web.base_url(host) + path
    status, headers, body = fetch(url)
    assert status == 200 and body
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and fetch(url)[1]["ETag"] == etag  # stable
    status, headers, body = fetch(url, headers={"If-None-Match": etag})
    assert (status, body, headers["ETag"]) == (304, b"", etag)
    assert fetch(url, headers={"If-Modified-Since": last_modified})[0] == 304
    assert fetch(url, headers={"If-None-Match": '"stale"'})[0] == 200
    older = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert fetch(url, headers={"If-Modified-Since": older})[0] == 200
    # If-None-Match wins over If-Modified-Since.
    both = {"If-None-Match": '"stale"', "If-Modified-Since": last_modified}
    assert fetch(url, headers=both)[0] == 200


# --- hooks -----------------------------------------------------------------------------------


def test_break_and_repair_site(web: DemoWeb) -> None:
    for host in ("tagesblick", "rt", "sna", "aggregator", "bench"):
        base = web.base_url(host)
        article = articles_for(host)[0] if host != "bench" else bench_article(0)
        web.break_site(host)
        status, _, body = fetch(article.url(base))
        assert status == 200
        text = visible_text(body.decode())
        assert text  # nav and footer remain
        assert not any(line in text for line in article.body)
        web.repair_site(host)
        assert article.body[0][:40] in visible_text(get_ok(article.url(base)).decode())
    with pytest.raises(KeyError):
        web.break_site("nowhere")


def test_break_site_leaves_other_hosts_and_discovery_alone(web: DemoWeb) -> None:
    web.break_site("rt")
    article = articles_for("rt")[0]
    mirror = get_ok(article.url(web.base_url("rt-mirror"))).decode()
    assert article.body[1] in visible_text(mirror)
    feed = get_ok(web.base_url("rt") + "feeds/news/").decode()
    assert article.title in feed


def test_edit_article(web: DemoWeb) -> None:
    article = get_article("tagesblick", articles_for("tagesblick")[0].path)
    base = web.base_url("tagesblick")
    feed_url = base + "feed.xml"
    sitemap_url = base + "sitemap-artikel.xml.gz"
    etag = fetch(sitemap_url)[1]["ETag"]
    web.edit_article("tagesblick", article.path)
    edited = article.edited()
    html = get_ok(article.url(base)).decode()
    text = visible_text(html)
    assert EDIT_SENTENCE in text and EDIT_PREFIX + article.body[1] in text
    assert article.body[1] in edited.body[1] and edited.body[-1] == EDIT_SENTENCE
    assert len(edited.body) == len(article.body) + 1
    assert edited.modified is not None and edited.modified > (article.modified or article.published)
    (node,) = json_ld_articles(html)
    assert node["dateModified"] == edited.modified.isoformat()
    assert fetch(sitemap_url, headers={"If-None-Match": etag})[0] == 200  # lastmod changed
    assert get_ok(feed_url)
    with pytest.raises(KeyError):
        web.edit_article("tagesblick", "/politik/gibt-es-nicht.html")


def test_edit_shows_on_the_mirror_and_accepts_full_urls(web: DemoWeb) -> None:
    article = articles_for("rt")[2]
    web.edit_article("rt-mirror", article.url(web.base_url("rt-mirror")))
    for host in ("rt", "rt-mirror"):
        assert EDIT_SENTENCE in get_ok(article.url(web.base_url(host))).decode()


def test_edit_bench_article(web: DemoWeb) -> None:
    path = bench_article_path(3)
    web.edit_article("bench", path)
    assert EDIT_SENTENCE in get_ok(web.base_url("bench") + path[1:]).decode()
    with pytest.raises(KeyError):
        web.edit_article("bench", bench_article_path(BENCH_COUNT))


def test_request_log_records_every_request(web: DemoWeb) -> None:
    base = web.base_url("sna")
    fetch(base + "robots.txt")
    fetch(base + "nichts.html?x=1")
    fetch(base, method="HEAD")
    assert web.request_log == [
        ("sna", "GET", "/robots.txt", 200),
        ("sna", "GET", "/nichts.html?x=1", 404),
        ("sna", "HEAD", "/", 200),
    ]


# --- lifecycle -------------------------------------------------------------------------------


def test_two_instances_run_at_once() -> None:
    with DemoWeb() as one, DemoWeb() as two:
        assert set(one.hosts.values()).isdisjoint(two.hosts.values())
        for web in (one, two):
            assert b"Tagesblick" in get_ok(web.base_url("tagesblick"))
        one.break_site("tagesblick")
        article = articles_for("tagesblick")[0]
        assert article.body[0] not in visible_text(
            get_ok(article.url(one.base_url("tagesblick"))).decode()
        )
        assert article.body[0] in visible_text(
            get_ok(article.url(two.base_url("tagesblick"))).decode()
        )


def test_stop_returns_quickly_with_a_slow_request_in_flight() -> None:
    web = DemoWeb(slow_seconds=120.0)
    url = web.base_url("tagesblick") + broken_page("slow").path[1:]
    outcome: list[object] = []

    def client() -> None:
        try:
            outcome.append(fetch(url, timeout=60)[0])
        except Exception as error:  # the server hangs up: that is the expected outcome
            outcome.append(error)

    thread = threading.Thread(target=client, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while web.in_flight == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert web.in_flight == 1
    started = time.monotonic()
    web.stop()
    assert time.monotonic() - started < 3.0  # slack for a loaded CI machine; ~0.1 s normally
    thread.join(timeout=10)
    assert outcome and not isinstance(outcome[0], int)
    with pytest.raises(urllib.error.URLError):
        fetch(web.base_url("tagesblick"), timeout=2)
    web.stop()  # idempotent
    with pytest.raises(RuntimeError):
        web.start()


def test_idle_keep_alive_connection_is_dropped_on_stop() -> None:
    import http.client

    web = DemoWeb()
    port = int(web.base_url("rt").rsplit(":", 1)[1].strip("/"))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/robots.txt")
    assert connection.getresponse().read()
    web.stop()
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        connection.request("GET", "/robots.txt")
        connection.getresponse()
    connection.close()


def test_cli_prints_hosts_and_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.demoweb", "--bench", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        hosts = dict(process.stdout.readline().split() for _ in range(7))
        assert set(hosts) == FIXTURE_HOSTS | {"bench", "coverage"}
        assert b"Sitemap:" in get_ok(hosts["bench"] + "robots.txt")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# --- bench corpus ----------------------------------------------------------------------------


def test_bench_discovery_and_pages(web: DemoWeb) -> None:
    base = web.base_url("bench")
    robots = get_ok(base + "robots.txt").decode()
    assert f"Sitemap: {base}sitemap-index.xml" in robots
    assert 'href="/sitemap-index.xml"' in get_ok(base).decode()
    urls = sitemap_urls(base, "sitemap-index.xml")
    assert urls == {base + bench_article_path(i)[1:] for i in range(BENCH_COUNT)}
    for i in (0, 5, BENCH_COUNT - 1):
        body = get_ok(base + bench_article_path(i)[1:])
        assert body == bench_article_html(i, base)
        assert MIN_BYTES <= len(body) <= MAX_BYTES
        text = visible_text(body.decode())
        article = bench_article(i)
        assert all(line in text for line in article.body)
        assert all(" ".join(t.split()) in text for t in article.junk_texts)
    assert fetch(base + bench_article_path(BENCH_COUNT)[1:])[0] == 404


def test_bench_sitemaps_hold_at_most_a_thousand_urls() -> None:
    count = 2 * SITEMAP_SIZE + 17
    with DemoWeb(bench_articles=count) as big:
        base = big.base_url("bench")
        index = ET.fromstring(get_ok(base + "sitemap-index.xml"))
        children = [loc.text or "" for loc in index.iter(f"{SM}loc")]
        assert len(children) == 3
        sizes = [len(list(ET.fromstring(get_ok(c)).iter(f"{SM}url"))) for c in children]
        assert sizes == [SITEMAP_SIZE, SITEMAP_SIZE, 17]


def test_bench_corpus_is_deterministic_varied_and_sized() -> None:
    pages = [bench_article_html(i) for i in range(60)]
    assert pages == [bench_article_html(i) for i in range(60)]
    assert all(MIN_BYTES <= len(p) <= MAX_BYTES for p in pages)
    assert len({p[:2000] for p in pages}) == 60
    articles = [bench_article(i) for i in range(60)]
    assert all(5 <= sum(b.kind == "p" for b in a.blocks) <= 20 for a in articles)
    assert any(a.subheadings for a in articles)
    assert any(any(b.kind == "li" for b in a.blocks) for a in articles)
    assert any(any(b.kind == "quote" for b in a.blocks) for a in articles)
    assert {b'class="article__body"', b'class="story__content"', b'class="txt"'} <= {
        marker
        for p in pages
        for marker in (b'class="article__body"', b'class="story__content"', b'class="txt"')
        if marker in p
    }
    for i in range(60):
        assert bench_index(bench_article_path(i)) == i
    assert bench_index("/politik/2026/11/21/falsch-3.html") is None


# --- the ground truth itself -----------------------------------------------------------------


def test_ground_truth_is_consistent() -> None:
    assert len({a.key for a in ARTICLES}) == len(ARTICLES)
    counts = {host: len(articles_for(host)) for host in ("tagesblick", "rt", "sna", "aggregator")}
    assert 8 <= counts["tagesblick"] <= 10 and 5 <= counts["rt"] <= 6
    assert counts["sna"] == counts["aggregator"] == 4
    for article in ARTICLES:
        assert article.published.tzinfo is not None
        assert article.modified is None or article.modified > article.published
        assert article.language == "de" and article.title and article.description
        assert article.body and all(line == line.strip() and line for line in article.body)
        assert article.junk_classes <= set(JUNK_CLASSES)
        assert "chrome" in article.junk_classes
        assert leaked_junk(article, article.text) == (), article.path
        for junk_text in article.junk_texts:
            if len(junk_text) < SHORT_JUNK:
                assert junk_text not in article.body
        assert get_article(article.host, article.path) is article
    assert any(a.subheadings for a in articles_for("tagesblick"))
    assert all(a.subheadings for a in articles_for("sna"))
    assert all(b.kind == SUBHEADING for a in ARTICLES for b in a.blocks if b.text in a.subheadings)
    with pytest.raises(KeyError):
        get_article("rt", "/gibt/es/nicht/")


def test_every_junk_class_of_the_seeds_readme_is_represented() -> None:
    seen = {cls for article in ARTICLES for cls in article.junk_classes}
    assert seen == set(JUNK_CLASSES)
    texts = {t for a in ARTICLES for t in a.junk_texts}
    for expected in (
        "Registrierung erfolgreich abgeschlossen!",
        "Abonnieren",
        "Newsticker",
        "Заголовок открываемого материала",
        "👉Beitreten zu Telegramm",
        "Weiterlesen",
    ):
        assert expected in texts
    assert any(t.startswith("Mehr zum Thema – ") for t in texts)
    assert any(t.startswith("Mehr zum Thema - ") for t in texts)
    assert any(t.startswith("Quelle: Sputnik © ") for t in texts)
    assert any(re.search(r" - SNA, 1920, \d{2}\.\d{2}\.\d{4}$", t) for t in texts)


def test_aggregator_keeps_its_real_telegram_sentence_and_slips() -> None:
    body = "\n".join(a.text for a in articles_for("aggregator"))
    assert "Telegram-Kanal" in body and "bemerkte ich" in body
    assert re.search(r"\.„$", body, re.M)  # machine translation closes quotes with „


def test_leaked_junk_finds_long_and_short_junk() -> None:
    article = articles_for("sna")[0]
    leaked = leaked_junk(article, article.text + "\nNewsticker\n0\nNeueste obenÄlteste oben")
    assert {"Newsticker", "0", "Neueste oben", "Älteste oben"} <= set(leaked)
    assert leaked_junk(article, article.text + " Live-Ticker") == ()
