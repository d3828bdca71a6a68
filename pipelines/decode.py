"""Bytes to text: sniff binary and non-HTML bodies, pick the charset, decode."""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass

# --- guard rails -----------------------------------------------------------------------------

_MAGIC_NUMBERS: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP (and docx/xlsx/epub)
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # GZIP: a body the downloader failed to decompress
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 16 * 1024
_HTML_MARKER_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|p|div|article|section|main|span|a|h[1-6]"
    rb"|table|ul|br)[\s>/]",
    re.IGNORECASE,
)
_HTML_ROOT_RE = re.compile(rb"<(?:!doctype\s+html|html|body)[\s>]", re.IGNORECASE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/html"})

# --- decoding --------------------------------------------------------------------------------

_HEADER_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE
)
# WHATWG: labels for Latin-1 and ASCII mean windows-1252, which browsers (and sites) use.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252"}
_SINGLE_BYTE_CODECS = frozenset({"cp1252", "iso8859-15", "cp1250", "iso8859-2"})
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


# --- guard rails -----------------------------------------------------------------------------


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _declared_charset(content_type: str) -> str | None:
    match = _HEADER_CHARSET_RE.search(content_type)
    return match.group(1) if match else None


def is_binary(body: bytes, content_type: str) -> bool:
    """Images, PDFs, archives and other NUL-bearing payloads, whatever the server calls them."""
    if body.startswith(_MAGIC_NUMBERS):
        return True
    if body.startswith(b"RIFF") and body[8:12] == b"WEBP":
        return True
    if any(body.startswith(bom) for bom, name in _BOMS if name.startswith("utf-16")) or any(
        body.startswith(bom) for bom, name in _BOMS if name.startswith("utf-32")
    ):
        return False
    charset = (_declared_charset(content_type) or "").lower()
    if charset.startswith(("utf-16", "utf-32")):
        return False
    return b"\x00" in body[:_SNIFF_BYTES]


def is_html(body: bytes, content_type: str) -> bool:
    """HTML by declaration or, when the declaration says otherwise or nothing, by content."""
    mime = _mime(content_type)
    if mime in _HTML_TYPES:
        return True
    head = body[:_SNIFF_BYTES]
    for bom, name in _BOMS:
        if head.startswith(bom) and not name.startswith("utf-8"):
            head = head.decode(name, errors="ignore").encode("utf-8")
            break
    if any(kind in mime for kind in ("xml", "rss", "atom", "json", "javascript", "css")):
        # Feeds and sitemaps have <title> and <link> too; only a real document root counts.
        return _HTML_ROOT_RE.search(head) is not None
    return _HTML_MARKER_RE.search(head) is not None


# --- decoding --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _looks_like_utf8(body: bytes) -> bool:
    """Valid UTF-8 with non-ASCII sequences: a cp1252 text almost never is."""
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _NON_ASCII_RE.search(decoded) is not None


def _utf8_with_replacements(body: bytes) -> tuple[str, int, int]:
    """The body decoded as UTF-8 with broken sequences replaced; how many were broken, and
    how many valid non-ASCII characters it has (the evidence that it is UTF-8)."""
    decoded = body.decode("utf-8", errors="replace")
    replacements = decoded.count("\ufffd")
    bad = replacements - body.count(b"\xef\xbf\xbd")
    good = len(_NON_ASCII_RE.findall(decoded)) - replacements
    return decoded, bad, good


@dataclass(frozen=True)
class DecodedBody:
    """An HTML body as text, the codec used, and how many broken byte sequences were replaced
    with U+FFFD to keep a (declared or evident) UTF-8 page UTF-8."""

    text: str
    encoding: str
    replaced: int = 0


def decode_body(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode an HTML body; return the text and the codec used (see decode_html)."""
    decoded = decode_html(body, content_type)
    return decoded.text, decoded.encoding


def decode_html(body: bytes, content_type: str = "") -> DecodedBody:
    """Decode an HTML body.

    Order: BOM, then the header charset, then <meta charset>; a declared charset that does not
    fit the bytes (header says utf-8, body is windows-1252) is skipped, so umlauts and ß survive.
    A page declared UTF-8 whose valid multi-byte characters are at least as many as its broken
    sequences stays UTF-8, the broken ones replaced: one stray byte must not turn every "ä"
    into "Ã¤". (A windows-1252 page declared UTF-8 has broken sequences and almost never a
    valid one.) Without a fitting declaration: UTF-8 if the bytes are (almost all) UTF-8,
    else cp1252.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return DecodedBody(body[len(bom) :].decode(name, errors="replace"), name)
    labels: list[str] = []
    header_charset = _declared_charset(content_type)
    if header_charset:
        labels.append(header_charset)
    meta = _META_CHARSET_RE.search(body[:_SNIFF_BYTES])
    if meta is not None:
        labels.append(meta.group(1).decode("ascii", errors="ignore"))
    tried: set[str] = set()
    for label in labels:
        codec = _codec_name(label)
        if codec is None or codec in tried:
            continue
        tried.add(codec)
        if codec in _SINGLE_BYTE_CODECS and _looks_like_utf8(body):
            # A Latin-1 label on UTF-8 bytes would turn "ä" into "Ã¤".
            return DecodedBody(body.decode("utf-8"), "utf-8")
        try:
            return DecodedBody(body.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            pass
        if codec == "utf-8":
            text, bad, good = _utf8_with_replacements(body)
            if good >= bad:
                return DecodedBody(text, "utf-8", bad)
    # Undeclared (or declared wrongly): UTF-8 only when a few bytes are broken (a truncated
    # or patched page) among many valid characters.
    text, bad, good = _utf8_with_replacements(body)
    if bad <= 0 or good >= 20 * bad:
        return DecodedBody(text, "utf-8", max(bad, 0))
    return DecodedBody(body.decode("cp1252", errors="replace"), "cp1252")
