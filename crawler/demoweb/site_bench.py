"""The `bench` host: the generated benchmark corpus, discovered via robots.txt and sitemaps."""

from __future__ import annotations

import re
import zlib
from datetime import datetime

from crawler.demoweb.common import (
    TEXT,
    DemoSite,
    Response,
    SiteContext,
    attr,
    esc,
    not_found,
    page,
    tiny_png,
    xml_response,
)
from crawler.demoweb.corpus import (
    BENCH_HOST,
    SITEMAP_SIZE,
    bench_article,
    bench_article_path,
    bench_index,
    bench_modified,
    bench_published,
    bench_section,
    bench_title,
    render_bench_article,
    slugify,
)
from crawler.demoweb.corpus_words import NAV_TOPICS, SECTIONS
from crawler.demoweb.fixture import EDIT_DELAY
from crawler.demoweb.xmlfeeds import robots_txt, sitemap_index, urlset

SITEMAP_INDEX = "/sitemap-index.xml"
_CHILD = re.compile(r"^/sitemaps/artikel-(\d+)\.xml$")
TOPICS = {f"/thema/{slugify(topic)}/": topic for topic in NAV_TOPICS}
_LISTING = 30


class BenchSite(DemoSite):
    """`count` generated articles; pages are rendered per request unless prerendered.

    The benchmark prerenders the corpus at start-up (`prerender`), so that serving a page costs
    the server little CPU: on a 2-core machine the server's work would otherwise be charged to
    the crawl.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self._rendered: dict[int, bytes] = {}

    def prerender(self, base: str) -> None:
        self._rendered = {
            i: render_bench_article(bench_article(i), i, base) for i in range(self.count)
        }

    @property
    def sitemap_count(self) -> int:
        return -(-self.count // SITEMAP_SIZE)

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        i = bench_index(path)
        if i is not None and i < self.count:
            if ctx.is_broken(host):
                return page(_listing(bench_title(i), []))
            if ctx.is_edited(host, path):
                return Response(body=render_bench_article(bench_article(i).edited(), i, base))
            cached = self._rendered.get(i)
            if cached is not None:
                return Response(body=cached)
            return Response(body=render_bench_article(bench_article(i), i, base))
        if path == "/robots.txt":
            body = robots_txt(["/suche/"], [base + SITEMAP_INDEX[1:]])
            return Response(body=body, content_type=TEXT)
        if path == SITEMAP_INDEX:
            children = [
                (f"{base}sitemaps/artikel-{k}.xml", bench_published(k * SITEMAP_SIZE))
                for k in range(self.sitemap_count)
            ]
            return xml_response(sitemap_index(children), bench_published(0))
        match = _CHILD.match(path)
        if match and int(match.group(1)) < self.sitemap_count:
            start = int(match.group(1)) * SITEMAP_SIZE
            stop = min(start + SITEMAP_SIZE, self.count)
            entries = [
                (base + bench_article_path(n)[1:], self._lastmod(n, ctx))
                for n in range(start, stop)
            ]
            return xml_response(urlset(entries), max(stamp for _, stamp in entries))
        if path == "/":
            links = [(bench_article_path(n), bench_title(n)) for n in range(min(50, self.count))]
            links.append((SITEMAP_INDEX, "Sitemap"))
            return page(_listing("Regionalzeitung – Nachrichten", links))
        sections = dict(SECTIONS)
        if path.strip("/") in sections:
            key = path.strip("/")
            numbers = [n for n in range(min(self.count, 2000)) if bench_section(n)[0] == key]
            links = [(bench_article_path(n), bench_title(n)) for n in numbers[:_LISTING]]
            return page(_listing(sections[key], links))
        if path in TOPICS:
            # A topic page lists a few articles, picked deterministically from its name.
            seed = zlib.crc32(path.encode())
            numbers = sorted({(seed + 97 * k) % self.count for k in range(10)})
            links = [(bench_article_path(n), bench_title(n)) for n in numbers]
            return page(_listing(TOPICS[path], links))
        if path.startswith("/service/"):
            return page(_listing("Service", []))
        if path.startswith("/media/"):
            return Response(body=tiny_png(), content_type="image/png")
        return not_found("Regionalzeitung")

    def _lastmod(self, n: int, ctx: SiteContext) -> datetime:
        stamp = bench_modified(n) or bench_published(n)
        if ctx.is_edited(BENCH_HOST, bench_article_path(n)):
            stamp += EDIT_DELAY
        return stamp


def _listing(title: str, links: list[tuple[str, str]]) -> str:
    items = "\n".join(f'<li><a href="{attr(href)}">{esc(text)}</a></li>' for href, text in links)
    nav = " ".join(f'<a href="/{key}/">{esc(name)}</a>' for key, name in SECTIONS)
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>{esc(title)}</title></head>
<body>
<header><a href="/">Regionalzeitung</a> <nav>{nav}</nav></header>
<main>
<h1>{esc(title)}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""
