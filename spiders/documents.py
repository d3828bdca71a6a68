"""Reading discovery documents: what a response is, bounded gunzip, tolerant XML and HTML."""

from __future__ import annotations

import re
import zlib
from html.entities import name2codepoint
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from crawler.model.dates import parse_feed_datetime

# The sitemap protocol allows 50 MB uncompressed; beyond this we stop inflating (gzip bombs).
MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024

DocumentKind = Literal["sitemap", "feed", "html", "unknown"]

GZIP_MAGIC = b"\x1f\x8b"


# --------------------------------------------------------------------------- sniffing


def detect_kind(body: bytes, content_type: str | None) -> DocumentKind:
    """What a discovery response is, from its first element (content types lie), then its
    declared content type."""
    data = body
    if data.startswith(GZIP_MAGIC):
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


# --------------------------------------------------------------------------- helpers


def maybe_gunzip(body: bytes) -> tuple[bytes, list[str]]:
    """Inflate gzip bodies (by magic bytes, whatever the headers said), bounded in size."""
    if not body.startswith(GZIP_MAGIC):
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
            if data and not data.startswith(GZIP_MAGIC):
                break
    except zlib.error as exc:
        errors.append(f"corrupt gzip stream: {exc}")
    return b"".join(out), errors


def parse_xml(data: bytes) -> tuple[etree._Element | None, list[str]]:
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return None, [str(exc)]
    return root, [format_log_entry(e) for e in parser.error_log]


def format_log_entry(entry: etree._LogEntry) -> str:
    return f"line {entry.line}, column {entry.column}: {entry.message}"


def first_entity_error(messages: list[str]) -> str | None:
    """The first parser message about an undefined entity or a bare "&", if any."""
    return next((m for m in messages if "Entity" in m), None)


_CDATA_RE = re.compile(rb"(<!\[CDATA\[.*?\]\]>)", re.S)
_AMP_RE = re.compile(rb"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)")
_ENTITY_RE = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


def repair_xml(data: bytes) -> bytes:
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


def local_name(tag: object) -> str:
    """Local name of an element tag, whatever its namespace or (even undeclared) prefix."""
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def element_text(element: etree._Element) -> str | None:
    text = "".join(element.itertext()).strip()
    return text or None


def child_element(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def child_text(element: etree._Element, name: str) -> str | None:
    child = child_element(element, name)
    return element_text(child) if child is not None else None


def absolute_http(href: str, base_url: str | None) -> str | None:
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


def join_errors(errors: list[str]) -> str | None:
    return "; ".join(errors) if errors else None


def parse_html(doc: bytes | str) -> lxml.html.HtmlElement | None:
    if isinstance(doc, str):
        # lxml refuses str input that carries an XML encoding declaration.
        doc = re.sub(r"^\s*<\?xml[^>]*\?>", "", doc)
    if not doc or not doc.strip():
        return None
    try:
        return lxml.html.document_fromstring(doc)
    except (etree.ParserError, ValueError):
        return None


def iso_datetime(value: str | None) -> str | None:
    """A feed or sitemap date as ISO 8601 with its offset; None when it does not parse."""
    moment = parse_feed_datetime(value)
    return moment.isoformat() if moment is not None else None
