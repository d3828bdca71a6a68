"""Sitemap discovery: robots.txt `Sitemap:` lines, sitemap indexes and urlsets (Google News too)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

from spiders.documents import (
    absolute_http,
    element_text,
    first_entity_error,
    format_log_entry,
    join_errors,
    local_name,
    maybe_gunzip,
    repair_xml,
)

# The sitemap protocol allows 50,000 URLs per file; a tenfold margin still bounds memory.
MAX_SITEMAP_ENTRIES = 200_000

SitemapKind = Literal["index", "urlset", "unknown"]


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One `<url>` of a urlset or one `<sitemap>` of an index, with Google News fields."""

    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_publication_date: str | None = None
    news_language: str | None = None

    @property
    def is_news(self) -> bool:
        return (
            self.news_title is not None
            or self.news_publication_date is not None
            or self.news_language is not None
        )


@dataclass(frozen=True)
class SitemapDoc:
    """A parsed sitemap; `error` says what was wrong when the input was not clean."""

    kind: SitemapKind
    entries: tuple[SitemapEntry, ...] = ()
    error: str | None = None
    # Locations listed again after their first entry (merged into it, counted for the stats).
    repeated: int = 0

    @property
    def is_news(self) -> bool:
        """True for a Google News sitemap (any entry carries `<news:news>` fields)."""
        return any(entry.is_news for entry in self.entries)


# --------------------------------------------------------------------------- robots.txt


def sitemaps_from_robots(text: str, base_url: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt, absolute, deduplicated, in file order."""
    found: dict[str, None] = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() != "sitemap":
            continue
        # A comment starts at "#" after whitespace; a "#" inside a URL is a fragment.
        value = re.split(r"\s#", value, maxsplit=1)[0].strip()
        if not value:
            continue
        url = absolute_http(value, base_url)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


# --------------------------------------------------------------------------- sitemaps


def parse_sitemap(
    body: bytes, *, base_url: str | None = None, max_entries: int = MAX_SITEMAP_ENTRIES
) -> SitemapDoc:
    """Parse a sitemap index or urlset (XML, gzip-compressed XML or plain-text URL list).

    Reads any namespace prefix, keeps Google News fields (title, publication date, language:
    Scrapy's SitemapSpider drops them), collapses duplicate locations, stops at `max_entries`,
    and recovers what it can from malformed or truncated input. Relative locations (invalid,
    but seen) are resolved against `base_url` when given. Never raises.
    """
    try:
        data, errors = maybe_gunzip(body)
        return _parse_sitemap_data(data, errors, max_entries, base_url)
    except Exception as exc:  # never raise: a bad sitemap is data, not a crash
        return SitemapDoc(kind="unknown", error=f"unexpected parser failure: {exc!r}")


def _parse_sitemap_data(
    data: bytes, errors: list[str], max_entries: int, base_url: str | None
) -> SitemapDoc:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return SitemapDoc(kind="unknown", error=join_errors([*errors, "empty document"]))
    if not head.startswith(b"<"):
        return _parse_text_sitemap(head, errors, max_entries)
    kind, entries, xml_errors, capped, repeated = _iter_sitemap(data, max_entries, base_url)
    entity_error = first_entity_error(xml_errors)
    if entity_error is not None:
        # Bare "&" in URLs and HTML entities are common sitemap bugs; repair and parse again.
        kind2, entries2, _, capped2, repeated2 = _iter_sitemap(
            repair_xml(data), max_entries, base_url
        )
        if len(entries2) >= len(entries):
            kind, entries, capped, repeated = kind2, entries2, capped2, repeated2
            xml_errors = [f"repaired invalid entities ({entity_error})"]
    errors.extend(xml_errors[:1])
    if capped:
        errors.append(f"more than {max_entries} entries: kept the first {max_entries}")
    return SitemapDoc(
        kind=kind, entries=tuple(entries.values()), error=join_errors(errors), repeated=repeated
    )


def _iter_sitemap(
    data: bytes, max_entries: int, base_url: str | None
) -> tuple[SitemapKind, dict[str, SitemapEntry], list[str], bool, int]:
    """Stream through the XML so a 50k-URL sitemap never becomes a full tree in memory."""
    kind: SitemapKind = "unknown"
    entries: dict[str, SitemapEntry] = {}
    record = ""
    capped = False
    repeated = 0
    last: tuple[str, SitemapEntry | None] | None = None
    parser = etree.iterparse(
        BytesIO(data),
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    messages: list[str] = []
    try:
        for event, element in parser:
            tag = local_name(element.tag)
            if not record:  # first start event: the root element
                if tag == "urlset":
                    kind, record = "urlset", "url"
                elif tag == "sitemapindex":
                    kind, record = "index", "sitemap"
                else:
                    return kind, entries, [f"not a sitemap (root element <{tag}>)"], False, 0
                continue
            if event != "end" or tag != record:
                continue
            entry = _sitemap_entry(element, base_url)
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            if entry is None:
                continue
            known = entries.get(entry.loc)
            if known is None and len(entries) >= max_entries:
                capped = True
                break
            entries[entry.loc] = entry if known is None else _merge_entries(known, entry)
            repeated += known is not None
            last = (entry.loc, known)
    except etree.XMLSyntaxError as exc:
        messages.append(str(exc))
    messages[:0] = [format_log_entry(e) for e in parser.error_log]
    if last is not None and any(_CUT_RECORD_RE.search(m) for m in messages):
        # Truncated inside a record: the element the recovering parser closed may hold a
        # cut-off URL or date, so undo what it added.
        loc, previous = last
        if previous is None:
            del entries[loc]
        else:
            entries[loc] = previous
            repeated -= 1
    if kind == "unknown":
        messages.insert(0, "not a sitemap (no root element)")
    return kind, entries, messages, capped, repeated


# libxml2 reports every element left open at the end; only the root may be open harmlessly.
_CUT_RECORD_RE = re.compile(r"Premature end of data in tag (?!urlset\b|sitemapindex\b)")


def _sitemap_entry(element: etree._Element, base_url: str | None) -> SitemapEntry | None:
    loc = lastmod = title = published = language = None
    for child in element:
        tag = local_name(child.tag)
        if tag == "loc":
            loc = element_text(child)
        elif tag == "lastmod":
            lastmod = element_text(child)
        elif tag == "news":
            # Google News: <news:news><news:publication><news:language/></news:publication>
            #              <news:publication_date/><news:title/></news:news>
            for field in child.iter():
                name = local_name(field.tag)
                if name == "title":
                    title = element_text(field)
                elif name == "publication_date":
                    published = element_text(field)
                elif name == "language":
                    language = element_text(field)
    if not loc:
        return None
    if base_url is not None and "://" not in loc:
        loc = urljoin(base_url, loc)
    return SitemapEntry(
        loc=loc,
        lastmod=lastmod,
        news_title=title,
        news_publication_date=published,
        news_language=language,
    )


def _merge_entries(first: SitemapEntry, second: SitemapEntry) -> SitemapEntry:
    """Keep the first occurrence; fill the fields it lacks from the duplicate."""
    return replace(
        first,
        lastmod=first.lastmod or second.lastmod,
        news_title=first.news_title or second.news_title,
        news_publication_date=first.news_publication_date or second.news_publication_date,
        news_language=first.news_language or second.news_language,
    )


def _parse_text_sitemap(data: bytes, errors: list[str], max_entries: int) -> SitemapDoc:
    """The protocol also allows a plain-text sitemap: one URL per line."""
    entries: dict[str, SitemapEntry] = {}
    capped = False
    repeated = 0
    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        if not line.lower().startswith(("http://", "https://")):
            continue
        if line in entries:
            repeated += 1
            continue
        if len(entries) >= max_entries:
            capped = True
            break
        entries[line] = SitemapEntry(loc=line)
    if not entries:
        return SitemapDoc(kind="unknown", error=join_errors([*errors, "not a sitemap"]))
    if capped:
        errors.append(f"more than {max_entries} entries: kept the first {max_entries}")
    return SitemapDoc(
        kind="urlset", entries=tuple(entries.values()), error=join_errors(errors), repeated=repeated
    )
