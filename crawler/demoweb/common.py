"""Plumbing shared by the demo sites: the response value, the context a site sees, HTML helpers."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from crawler.demoweb.content import articles_for
from crawler.demoweb.fixture import LIST_ITEM, QUOTE, SUBHEADING, Block, FixtureArticle, Junk
from crawler.demoweb.xmlfeeds import FeedItem, NewsEntry, news_urlset, robots_txt, rss, urlset

HTML_UTF8 = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Response:
    """What a site answers; the server turns it into bytes on the wire.

    Feeds and sitemaps set `conditional`: the server then adds an ETag derived from the body and
    the given Last-Modified, and answers 304 to a matching If-None-Match / If-Modified-Since.
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = HTML_UTF8
    headers: tuple[tuple[str, str], ...] = ()
    conditional: bool = False
    last_modified: datetime | None = None
    # A body too large to build in memory: its exact length and a factory for its chunks.
    stream: Callable[[], Iterator[bytes]] | None = None
    stream_length: int = 0
    # Seconds to wait before answering (the slow page); stop() cuts the wait short.
    delay: float = 0.0

    @property
    def length(self) -> int:
        return self.stream_length if self.stream is not None else len(self.body)


class SiteContext(Protocol):
    """What a site may ask the running demo web: addresses, hook state, settings."""

    @property
    def slow_seconds(self) -> float: ...

    @property
    def large_bytes(self) -> int: ...

    def base_url(self, host: str) -> str: ...

    def is_broken(self, host: str) -> bool: ...

    def is_edited(self, host: str, path: str) -> bool: ...


class DemoSite(Protocol):
    """A sample site; one object may serve several host keys (a site and its mirror)."""

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response: ...


def esc(text: str) -> str:
    """Escape text for an HTML text node."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return html.escape(text, quote=True)


def page(markup: str, status: int = 200) -> Response:
    return Response(status=status, body=markup.encode("utf-8"))


def not_found(site_name: str) -> Response:
    return page(
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>Seite nicht gefunden – {esc(site_name)}</title></head>\n"
        "<body><h1>Seite nicht gefunden</h1>"
        "<p>Die angeforderte Seite existiert nicht oder wurde entfernt.</p>"
        '<p><a href="/">Zur Startseite</a></p></body></html>\n',
        status=404,
    )


def redirect(location: str, status: int = 302) -> Response:
    body = f'<html><body><a href="{attr(location)}">Weiter</a></body></html>\n'
    return Response(status=status, body=body.encode("utf-8"), headers=(("Location", location),))


def xml_response(body: bytes, last_modified: datetime | None, content_type: str = XML) -> Response:
    return Response(
        body=body, content_type=content_type, conditional=True, last_modified=last_modified
    )


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element; '</' is escaped so text can never close the script early."""
    payload = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>'


def tiny_png(width: int = 16, height: int = 16) -> bytes:
    """A valid little PNG (a grey square), built with the stdlib."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = b"".join(b"\x00" + bytes([0x90]) * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def render_body(
    layout: Sequence[Block | Junk],
    junk_html: Callable[[Junk], str],
    p_class: str = "",
    teaser_class: str = "",
) -> str:
    """The article body as HTML: paragraphs, subheadings, lists, quotes and the junk between.

    Consecutive list items share one <ul>; a glued teaser becomes a link inside its paragraph,
    separated from the sentences around it only by spaces, as on RT DE.
    """
    out: list[str] = []
    in_list = False
    p_open = f'<p class="{p_class}">' if p_class else "<p>"
    for part in layout:
        is_item = isinstance(part, Block) and part.kind == LIST_ITEM
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        if isinstance(part, Junk):
            out.append(junk_html(part))
        elif part.kind == LIST_ITEM:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc(part.text)}</li>")
        elif part.kind == SUBHEADING:
            out.append(f"<h2>{esc(part.text)}</h2>")
        elif part.kind == QUOTE:
            out.append(f"<blockquote>{p_open}{esc(part.text)}</p></blockquote>")
        elif part.teaser:
            before, after = part.text[: part.teaser_at], part.text[part.teaser_at :].lstrip()
            cls = f' class="{teaser_class}"' if teaser_class else ""
            link = (
                f'<a href="{attr(part.teaser_href)}"{cls}><strong>{esc(part.teaser)}</strong></a>'
            )
            out.append(f"{p_open}{esc(before)} {link} {esc(after)}</p>")
        else:
            out.append(f"{p_open}{esc(part.text)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def junk_of(article: FixtureArticle, kind: str) -> Junk | None:
    """The page furniture of a kind, as the ground truth lists it (renderers draw from it)."""
    return next((junk for junk in article.page_junk if junk.kind == kind), None)


def junk_texts(article: FixtureArticle, kind: str) -> tuple[str, ...]:
    junk = junk_of(article, kind)
    return junk.texts if junk else ()


def latest(article: FixtureArticle) -> datetime:
    """When an article last changed, for lastmod and Last-Modified."""
    return article.modified or article.published


def current(ctx: SiteContext, article: FixtureArticle) -> FixtureArticle:
    """The version being served: edited once `DemoWeb.edit_article` was called for it."""
    return article.edited() if ctx.is_edited(article.host, article.path) else article


def newest(articles: Sequence[FixtureArticle]) -> datetime | None:
    return max((latest(article) for article in articles), default=None)


def newest_first(articles: Sequence[FixtureArticle]) -> list[FixtureArticle]:
    return sorted(articles, key=lambda a: a.published, reverse=True)


def robots_response(base: str, disallow: Sequence[str], sitemap_index_path: str) -> Response:
    """robots.txt pointing at the site's sitemap index."""
    body = robots_txt(disallow, [base + sitemap_index_path[1:]])
    return Response(body=body, content_type=TEXT)


def rss_response(
    title: str, base: str, description: str, articles: Sequence[FixtureArticle]
) -> Response:
    """The plain RSS feed of a site's articles, newest first."""
    items = [
        FeedItem(a.title, a.url(base), a.published, a.description, a.section)
        for a in newest_first(articles)
    ]
    return xml_response(rss(title, base, description, items), newest(articles), RSS)


def articles_urlset(articles: Sequence[FixtureArticle], base: str) -> Response:
    """A urlset of the articles with their lastmod."""
    entries = [(a.url(base), latest(a)) for a in articles]
    return xml_response(urlset(entries), newest(articles))


def news_sitemap(site_name: str, articles: Sequence[FixtureArticle], base: str) -> Response:
    news = [NewsEntry(a.url(base), a.title, a.published) for a in articles]
    return xml_response(news_urlset(site_name, news), newest(articles))


def image_response() -> Response:
    return Response(body=tiny_png(), content_type="image/png")


class ArticleSite(DemoSite):
    """A site serving the fixture articles of one host key, each in its current version."""

    def __init__(self, key: str) -> None:
        self._key = key
        self._articles = {article.path: article for article in articles_for(key)}

    def served(self, ctx: SiteContext) -> list[FixtureArticle]:
        """Every article of the site as it is served now."""
        return [current(ctx, article) for article in articles_for(self._key)]
