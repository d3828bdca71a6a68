"""Builders for robots.txt, RSS 2.0 feeds, sitemap indexes, sitemaps and Google News sitemaps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def robots_txt(disallow: Sequence[str], sitemaps: Sequence[str]) -> bytes:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Disallow:"]
    lines.append("")
    lines += [f"Sitemap: {url}" for url in sitemaps]
    return ("\n".join(lines) + "\n").encode("utf-8")


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published: datetime
    description: str
    category: str = ""
    creator: str = ""
    content_html: str = ""  # content:encoded, as WordPress feeds carry it


def rss(
    title: str, link: str, description: str, items: Iterable[FeedItem], language: str = "de"
) -> bytes:
    entries = list(items)
    newest = max((item.published for item in entries), default=None)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{_x(title)}</title>",
        f"<link>{_x(link)}</link>",
        f"<description>{_x(description)}</description>",
        f"<language>{language}</language>",
    ]
    if newest is not None:
        out.append(f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>")
    for item in entries:
        out.append("<item>")
        out.append(f"<title>{_x(item.title)}</title>")
        out.append(f"<link>{_x(item.link)}</link>")
        out.append(f'<guid isPermaLink="true">{_x(item.link)}</guid>')
        out.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.creator:
            out.append(f"<dc:creator>{_x(item.creator)}</dc:creator>")
        if item.category:
            out.append(f"<category>{_x(item.category)}</category>")
        out.append(f"<description>{_x(item.description)}</description>")
        if item.content_html:
            body = item.content_html.replace("]]>", "]]]]><![CDATA[>")
            out.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def sitemap_index(entries: Iterable[tuple[str, datetime | None]]) -> bytes:
    return _loc_list("sitemapindex", "sitemap", entries)


def urlset(entries: Iterable[tuple[str, datetime | None]]) -> bytes:
    return _loc_list("urlset", "url", entries)


def _loc_list(root: str, element: str, entries: Iterable[tuple[str, datetime | None]]) -> bytes:
    """A sitemap index or a urlset: the two differ only in their element names."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in entries:
        out.append(f"<{element}><loc>{_x(loc)}</loc>")
        if lastmod is not None:
            out.append(f"<lastmod>{lastmod.isoformat()}</lastmod>")
        out.append(f"</{element}>")
    out += [f"</{root}>", ""]
    return "\n".join(out).encode("utf-8")


@dataclass(frozen=True)
class NewsEntry:
    loc: str
    title: str
    published: datetime
    language: str = "de"


def news_urlset(publication: str, entries: Iterable[NewsEntry]) -> bytes:
    """A Google News sitemap: the fields live inside news:news, not as children of <url>."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for entry in entries:
        out += [
            "<url>",
            f"<loc>{_x(entry.loc)}</loc>",
            "<news:news>",
            "<news:publication>",
            f"<news:name>{_x(publication)}</news:name>",
            f"<news:language>{entry.language}</news:language>",
            "</news:publication>",
            f"<news:publication_date>{entry.published.isoformat()}</news:publication_date>",
            f"<news:title>{_x(entry.title)}</news:title>",
            "</news:news>",
            "</url>",
        ]
    out += ["</urlset>", ""]
    return "\n".join(out).encode("utf-8")
