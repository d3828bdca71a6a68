"""Pure parsers for article discovery: robots.txt, sitemaps, feeds, HTML links and URL shapes."""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, replace
from html.entities import name2codepoint
from io import BytesIO
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from pipelines.dates import parse_feed_datetime

# The sitemap protocol allows 50,000 URLs per file; a tenfold margin still bounds memory.
MAX_SITEMAP_ENTRIES = 200_000
# The protocol allows 50 MB uncompressed; beyond this we stop inflating (gzip bombs).
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_FEED_ENTRIES = 10_000

SitemapKind = Literal["index", "urlset", "unknown"]
FeedKind = Literal["rss", "rdf", "atom", "unknown"]
DocumentKind = Literal["sitemap", "feed", "html", "unknown"]

_GZIP_MAGIC = b"\x1f\x8b"


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


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One RSS item or Atom entry; `published` is ISO 8601 when the date could be parsed."""

    link: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class FeedDoc:
    """A parsed RSS 2.0, RSS 1.0 (RDF) or Atom feed."""

    kind: FeedKind
    entries: tuple[FeedEntry, ...] = ()
    title: str | None = None
    language: str | None = None
    error: str | None = None


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
        url = _absolute_http(value, base_url)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


# --------------------------------------------------------------------------- sitemaps


def parse_sitemap(
    body: bytes, *, base_url: str | None = None, max_entries: int = MAX_SITEMAP_ENTRIES
) -> SitemapDoc:
    """Parse a sitemap index or urlset (XML, gzip-compressed XML or plain-text URL list).

    Reads any namespace prefix, keeps Google News fields (which Scrapy's SitemapSpider drops,
    FIELD-NOTES "Traps"), collapses duplicate locations, stops at `max_entries`, and recovers
    what it can from malformed or truncated input. Relative locations (invalid, but seen) are
    resolved against `base_url` when given. Never raises.
    """
    try:
        data, errors = _maybe_gunzip(body)
        return _parse_sitemap_data(data, errors, max_entries, base_url)
    except Exception as exc:  # never raise: a bad sitemap is data, not a crash
        return SitemapDoc(kind="unknown", error=f"unexpected parser failure: {exc!r}")


def _parse_sitemap_data(
    data: bytes, errors: list[str], max_entries: int, base_url: str | None
) -> SitemapDoc:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return SitemapDoc(kind="unknown", error=_join([*errors, "empty document"]))
    if not head.startswith(b"<"):
        return _parse_text_sitemap(head, errors, max_entries)
    kind, entries, xml_errors, capped, repeated = _iter_sitemap(data, max_entries, base_url)
    entity_error = _entity_error(xml_errors)
    if entity_error is not None:
        # Bare "&" in URLs and HTML entities are common sitemap bugs; repair and parse again.
        kind2, entries2, _, capped2, repeated2 = _iter_sitemap(
            _repair_xml(data), max_entries, base_url
        )
        if len(entries2) >= len(entries):
            kind, entries, capped, repeated = kind2, entries2, capped2, repeated2
            xml_errors = [f"repaired invalid entities ({entity_error})"]
    errors.extend(xml_errors[:1])
    if capped:
        errors.append(f"more than {max_entries} entries: kept the first {max_entries}")
    return SitemapDoc(
        kind=kind, entries=tuple(entries.values()), error=_join(errors), repeated=repeated
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
            tag = _local(element.tag)
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
    messages[:0] = [_format_log_entry(e) for e in parser.error_log]
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
        tag = _local(child.tag)
        if tag == "loc":
            loc = _text(child)
        elif tag == "lastmod":
            lastmod = _text(child)
        elif tag == "news":
            # Google News: <news:news><news:publication><news:language/></news:publication>
            #              <news:publication_date/><news:title/></news:news>
            for field in child.iter():
                name = _local(field.tag)
                if name == "title":
                    title = _text(field)
                elif name == "publication_date":
                    published = _text(field)
                elif name == "language":
                    language = _text(field)
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
        return SitemapDoc(kind="unknown", error=_join([*errors, "not a sitemap"]))
    if capped:
        errors.append(f"more than {max_entries} entries: kept the first {max_entries}")
    return SitemapDoc(
        kind="urlset", entries=tuple(entries.values()), error=_join(errors), repeated=repeated
    )


# --------------------------------------------------------------------------- feeds


def parse_feed(body: bytes, base_url: str | None = None) -> FeedDoc:
    """Parse an RSS 2.0, RSS 1.0/RDF or Atom feed (possibly gzip-compressed). Never raises.

    Relative entry links are resolved against `base_url` when given.
    """
    try:
        data, errors = _maybe_gunzip(body)
        return _parse_feed_data(data, errors, base_url)
    except Exception as exc:  # never raise: a bad feed is data, not a crash
        return FeedDoc(kind="unknown", error=f"unexpected parser failure: {exc!r}")


def _parse_feed_data(data: bytes, errors: list[str], base_url: str | None) -> FeedDoc:
    if not data.strip():
        return FeedDoc(kind="unknown", error=_join([*errors, "empty document"]))
    root, xml_errors = _parse_xml(data)
    entity_error = _entity_error(xml_errors)
    if root is not None and entity_error is not None:
        # HTML entities (&nbsp;, &auml;) and bare "&" are the usual feed bugs: repair, reparse.
        repaired, _ = _parse_xml(_repair_xml(data))
        if repaired is not None:
            root = repaired
            xml_errors = [f"repaired invalid entities ({entity_error})"]
    if root is None:
        return FeedDoc(kind="unknown", error=_join([*errors, *xml_errors[:1]]) or "not XML")
    errors.extend(xml_errors[:1])
    tag = _local(root.tag)
    if tag == "rss":
        doc = _read_rss(root, "rss", base_url)
    elif tag == "RDF":
        doc = _read_rss(root, "rdf", base_url)
    elif tag == "feed":
        doc = _read_atom(root, base_url)
    else:
        errors.append(f"not a feed (root element <{tag}>)")
        return FeedDoc(kind="unknown", error=_join(errors))
    entries = doc.entries
    if len(entries) > MAX_FEED_ENTRIES:
        errors.append(f"more than {MAX_FEED_ENTRIES} entries: kept the first {MAX_FEED_ENTRIES}")
        entries = entries[:MAX_FEED_ENTRIES]
    return replace(doc, entries=entries, error=_join(errors))


def _read_rss(root: etree._Element, kind: FeedKind, base_url: str | None) -> FeedDoc:
    title = language = None
    channel = _child(root, "channel")
    if channel is not None:
        title = _clean_title(_child_text(channel, "title"))
        language = _child_text(channel, "language")
    found: dict[str, FeedEntry] = {}
    # RSS 2.0 nests items in <channel>; RSS 1.0 (and 0.9) puts them next to it.
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        link = _rss_link(item)
        absolute = _absolute_http(link, base_url) if link else None
        if absolute is None or absolute in found:
            continue
        published = None
        for name in ("pubDate", "date", "published", "updated", "issued"):
            published = _iso(_child_text(item, name))
            if published:
                break
        found[absolute] = FeedEntry(
            link=absolute, title=_clean_title(_child_text(item, "title")), published=published
        )
    return FeedDoc(kind=kind, entries=tuple(found.values()), title=title, language=language)


def _rss_link(item: etree._Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        text = _text(child)
        if text:
            return text
        href = child.get("href")  # an atom:link inside an RSS item
        if href and child.get("rel", "alternate") == "alternate":
            return str(href).strip()
    for child in item:
        # <guid> is a permalink unless isPermaLink="false" (RSS 2.0 spec).
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true").lower() != "false":
            text = _text(child)
            if text and text.lower().startswith(("http://", "https://")):
                return text
    about = next((str(v) for k, v in item.attrib.items() if _local(str(k)) == "about"), None)
    return about.strip() if about else None


def _read_atom(root: etree._Element, base_url: str | None) -> FeedDoc:
    language = next((v for k, v in root.attrib.items() if _local(str(k)) == "lang"), None)
    found: dict[str, FeedEntry] = {}
    for entry in root:
        if _local(entry.tag) != "entry":
            continue
        link = _atom_link(entry)
        absolute = _absolute_http(link, base_url) if link else None
        if absolute is None or absolute in found:
            continue
        published = _iso(_child_text(entry, "published")) or _iso(_child_text(entry, "updated"))
        found[absolute] = FeedEntry(
            link=absolute, title=_clean_title(_child_text(entry, "title")), published=published
        )
    return FeedDoc(
        kind="atom",
        entries=tuple(found.values()),
        title=_clean_title(_child_text(root, "title")),
        language=language,
    )


def _atom_link(entry: etree._Element) -> str | None:
    best: str | None = None
    for child in entry:
        if _local(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        href = (child.get("href") or "").strip()
        if rel == "alternate" and child.get("type", "text/html").startswith("text/html"):
            return href
        if rel == "alternate" and best is None:
            best = href
    return best


# --------------------------------------------------------------------------- HTML


def feed_links(html_doc: bytes | str, base_url: str) -> list[str]:
    """Feeds announced by `<link rel="alternate" type="application/rss+xml|atom+xml">`."""
    root = _parse_html(html_doc)
    if root is None:
        return []
    base = _document_base(root, base_url)
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rels or kind not in _FEED_TYPES:
            continue
        url = _absolute_http(link.get("href") or "", base)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def page_links(html_doc: bytes | str, base_url: str) -> list[str]:
    """Absolute http(s) targets of `<a href>` and `<area href>`, without fragments,
    deduplicated, in document order."""
    root = _parse_html(html_doc)
    if root is None:
        return []
    base = _document_base(root, base_url)
    found: dict[str, None] = {}
    for element in root.iter("a", "area"):
        url = _absolute_http(element.get("href") or "", base)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


def _parse_html(doc: bytes | str) -> lxml.html.HtmlElement | None:
    if isinstance(doc, str):
        # lxml refuses str input that carries an XML encoding declaration.
        doc = re.sub(r"^\s*<\?xml[^>]*\?>", "", doc)
    if not doc or not doc.strip():
        return None
    try:
        return lxml.html.document_fromstring(doc)
    except (etree.ParserError, ValueError):
        return None


def _document_base(root: lxml.html.HtmlElement, base_url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(base_url, str(href))
    return base_url


# --------------------------------------------------------------------------- sniffing


def detect_kind(body: bytes, content_type: str | None) -> DocumentKind:
    """What a discovery response is, from its first element (content types lie), then its
    declared content type."""
    data = body
    if data.startswith(_GZIP_MAGIC):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = decompressor.decompress(data, 65536)
        except zlib.error:
            return "unknown"
    root = _first_element(data[:65536])
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root in ("rss", "feed", "RDF"):
        return "feed"
    if root is not None and root.lower() == "html":
        return "html"
    ctype = (content_type or "").lower().split(";")[0].strip()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if root is None and ctype in ("text/plain", "") and _is_url_list(data[:65536]):
        return "sitemap"
    if root is not None and root.lower() in _HTML_ROOTS:
        return "html"  # tag soup without <html>
    return "unknown"


_HTML_ROOTS = frozenset(
    {"head", "body", "meta", "title", "div", "p", "a", "span", "section", "article", "main"}
    | {"header", "nav", "table", "ul", "h1", "h2", "script", "style", "link"}
)


_PROLOG_RE = re.compile(
    rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S | re.I
)
_ELEMENT_RE = re.compile(rb"\s*<([A-Za-z_][\w.:-]*)")


def _first_element(data: bytes) -> str | None:
    data = data.lstrip(b"\xef\xbb\xbf")
    position = 0
    while True:
        match = _PROLOG_RE.match(data, position)
        if match is None:
            break
        position = match.end()
    match = _ELEMENT_RE.match(data, position)
    if match is None:
        return None
    return match.group(1).decode("ascii", "replace").rsplit(":", 1)[-1]


def _is_url_list(data: bytes) -> bool:
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    if not lines:
        return False
    # The last line may be cut off by the 64 KiB window.
    return all(line.lower().startswith((b"http://", b"https://")) for line in lines[:-1] or lines)


# --------------------------------------------------------------------------- URL shapes


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ASSET_EXTENSIONS = _words(
    "jpg jpeg png gif webp svg ico bmp tif tiff avif css js mjs json xml rss atom txt csv "
    "pdf zip gz tgz rar 7z mp3 mp4 m4a m4v webm ogg ogv wav mov avi woff woff2 ttf eot otf "
    "doc docx xls xlsx ppt pptx epub apk exe dmg"
)
# Path segments that mark listing, account and boilerplate pages (German and English).
_NON_ARTICLE_SEGMENTS = _words(
    "tag tags thema themen schlagwort schlagworte stichwort stichworte topic topics "
    "autor autoren author authors person personen "
    "suche search login logout anmelden abmelden registrieren register signup account konto "
    "user users profil profile mein my "
    "kontakt contact impressum datenschutz privacy agb terms cookies about ueber-uns "
    "feed feeds rss newsletter abo abonnieren "
    "category categories kategorie kategorien rubrik page seite "
    "wp-admin wp-content wp-includes wp-json wp-login.php xmlrpc.php cdn-cgi "
    "static assets img images bilder css js fonts"
)
_DATE_PATH_RE = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/(0?[1-9]|[12]\d|3[01]))?/[^/]+")
_COMPACT_DATE_RE = re.compile(r"/(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/[^/]+")
_NUMERIC_ID_RE = re.compile(r"(^|[-_.])\d{5,}([-_.]|$)")
_PAGE_LEAF_RE = re.compile(r"\.(s?html?|php|aspx?)$")
_INDEX_LEAF_RE = re.compile(r"^(index|default|home|start)\.\w+$")
_QUERY_ID_RE = re.compile(r"(^|&)(p|id|artikel|article|story)=\d+($|&)")


# <meta property="og:type" content="article"> with its attributes in either order; homepages
# and sections say "website". Looked for in the head only (the first 64 KB).
_OG_ARTICLE_RE = re.compile(
    r"<meta\b(?=[^>]*\bproperty\s*=\s*[\"']?og:type(?![\w:-]))"
    r"(?=[^>]*\bcontent\s*=\s*[\"']?article(?![\w:-]))[^>]*>",
    re.IGNORECASE,
)


def declares_article(html_doc: bytes | str) -> bool:
    """Whether the page says it is an article (Open Graph type "article")."""
    head = html_doc[:65536]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    return _OG_ARTICLE_RE.search(text) is not None


def looks_like_article_url(url: str) -> bool:
    """Heuristic for sites without a declared article pattern.

    Yes: dated paths (/2024/02/06/slug/, /20220113/slug.html), numeric ids (123456-slug,
    slug-4960123.html), long slugs, `.html` leaves, WordPress `?p=123`. No: homepages,
    sections, tags, authors, search, login, pagination and static assets.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if not segments:
        return bool(_QUERY_ID_RE.search(parts.query))
    leaf = segments[-1].lower()
    extension = leaf.rsplit(".", 1)[-1] if "." in leaf else ""
    if extension in _ASSET_EXTENSIONS:
        return False
    if any(segment.lower() in _NON_ARTICLE_SEGMENTS for segment in segments):
        return False
    if re.search(r"(^|&)(page|seite|s|q|query|search)=", parts.query):
        return False
    if _INDEX_LEAF_RE.match(leaf):
        return False
    if _DATE_PATH_RE.search(path) or _COMPACT_DATE_RE.search(path):
        return True
    stem = _PAGE_LEAF_RE.sub("", leaf)
    if _NUMERIC_ID_RE.search(stem) and len(segments) >= 1 and not stem.isdigit():
        return True
    if stem.isdigit() and len(stem) >= 5 and len(segments) >= 2:
        return True  # /politik/4960123
    words = [w for w in re.split(r"[-_]", stem) if w]
    if len(words) >= 4 and len(stem) >= 20:
        return True  # a headline slug
    return bool(_PAGE_LEAF_RE.search(leaf)) and len(words) >= 2


def looks_like_section_url(url: str) -> bool:
    """A shallow listing page (/politik/, /politik/inland/): a candidate section to follow."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    segments = [s for s in parts.path.split("/") if s]
    if parts.query or not 1 <= len(segments) <= 2:
        return False
    if any(not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", s.lower()) for s in segments):
        return False  # file names, odd characters, long slugs
    if any(s.lower() in _NON_ARTICLE_SEGMENTS for s in segments):
        return False
    return not looks_like_article_url(url)


def _iso(value: str | None) -> str | None:
    moment = parse_feed_datetime(value)
    return moment.isoformat() if moment is not None else None


# --------------------------------------------------------------------------- helpers


def _maybe_gunzip(body: bytes) -> tuple[bytes, list[str]]:
    """Inflate gzip bodies (by magic bytes, whatever the headers said), bounded in size."""
    if not body.startswith(_GZIP_MAGIC):
        return body, []
    out: list[bytes] = []
    size = 0
    data = body
    errors: list[str] = []
    try:
        while data:
            decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = decompressor.decompress(data, MAX_DECOMPRESSED_BYTES - size)
            out.append(chunk)
            size += len(chunk)
            if decompressor.unconsumed_tail:
                errors.append(f"decompressed size over {MAX_DECOMPRESSED_BYTES} bytes: truncated")
                break
            if not decompressor.eof:
                errors.append("truncated gzip stream")
                break
            data = decompressor.unused_data  # concatenated gzip members
            if data and not data.startswith(_GZIP_MAGIC):
                break
    except zlib.error as exc:
        errors.append(f"corrupt gzip stream: {exc}")
    return b"".join(out), errors


def _parse_xml(data: bytes) -> tuple[etree._Element | None, list[str]]:
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return None, [str(exc)]
    return root, [_format_log_entry(e) for e in parser.error_log]


def _format_log_entry(entry: etree._LogEntry) -> str:
    return f"line {entry.line}, column {entry.column}: {entry.message}"


def _entity_error(messages: list[str]) -> str | None:
    """The first parser message about an undefined entity or a bare "&", if any."""
    return next((m for m in messages if "Entity" in m), None)


_CDATA_RE = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.S)
_AMP_RE = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)")
_ENTITY_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def _repair_xml(data: bytes) -> bytes:
    """Escape bare `&` and turn HTML named entities into character references (not in CDATA)."""

    def entity(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        codepoint = name2codepoint.get(name.decode("ascii"))
        return b"&#%d;" % codepoint if codepoint else b"&amp;" + name + b";"

    pieces = _CDATA_RE.split(data)
    for index in range(0, len(pieces), 2):  # even pieces are outside CDATA sections
        pieces[index] = _ENTITY_RE.sub(entity, _AMP_RE.sub(b"&amp;", pieces[index]))
    return b"".join(pieces)


def _local(tag: object) -> str:
    """Local name of an element tag, whatever its namespace or (even undeclared) prefix."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _text(element: etree._Element) -> str | None:
    text = "".join(element.itertext()).strip()
    return text or None


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _child_text(element: etree._Element, name: str) -> str | None:
    child = _child(element, name)
    return _text(child) if child is not None else None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    if "<" in title:  # escaped HTML in a title (Atom type="html", sloppy RSS)
        fragment = _parse_html(f"<div>{title}</div>")
        if fragment is not None:
            title = str(fragment.text_content())
    if "&" in title:
        title = html.unescape(title)
    title = " ".join(title.split())
    return title or None


def _absolute_http(href: str, base_url: str | None) -> str | None:
    href = href.strip()
    if not href:
        return None
    try:
        url = urljoin(base_url, href) if base_url else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit(parts._replace(fragment=""))


def _join(errors: list[str]) -> str | None:
    return "; ".join(errors) if errors else None
