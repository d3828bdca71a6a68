"""Pure extraction of one fetched page into an ExtractedArticle: decode, extract, clean, date."""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from lxml.cssselect import CSSSelector

from pipelines.clean import (
    RULE_TEASER_INLINE_LINK,
    RULE_TEASER_LINK_BLOCK,
    classify_line,
    clean_lines,
    is_agency_credit,
    is_image_credit,
)
from pipelines.dates import (
    ParsedDate,
    classify_date_line,
    date_from_url,
    find_date_in_text,
    parse_datetime,
)
from pipelines.hashing import content_hash, normalise_text
from pipelines.language import detect_language, normalise_language
from pipelines.types import CleaningRules, DroppedLine, ExtractedArticle, ExtractInput

# No scrapy, twisted or sqlalchemy here: this runs in worker processes and in the offline
# `reextract`, and must give the same output for the same input (STYLE principle 14), so no
# clock, no randomness, no process-wide caches that change results (trafilatura's dedup).

DEFAULT_MAX_BYTES = 8 * 1024 * 1024

OUTCOME_OK = "ok"
OUTCOME_EMPTY = "empty"
OUTCOME_NOT_HTML = "not_html"
OUTCOME_BINARY = "binary"
OUTCOME_TOO_LARGE = "too_large"
OUTCOME_ERROR = "error"

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
# Characters libxml2 refuses (C0 controls other than tab/newline/CR, and NUL).
_INVALID_XML_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# --- metadata --------------------------------------------------------------------------------

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "asksubjectnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "techarticle",
        "socialmediaposting",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage"})
_PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
)
_MODIFIED_META_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "article.updated",
)
_AUTHOR_META_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||–|—|-|·|•|::|»|/)\s+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|\||,|\s+und\s+|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)
_AUTHOR_SLASH_RE = re.compile(r"\s*/\s*")
_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:Von|By|Autor(?:in)?\s*:|Autoren\s*:|Text\s*:|Text und Fotos?\s*:|Interview\s*:"
    r"|Ein (?:Kommentar|Beitrag|Gastbeitrag|Interview) von|Aufgezeichnet von"
    r"|(?:Das|Ein) (?:Gespräch|Interview) führten?|Moderation\s*:"
    r"|(?:Eingestellt|Gepostet|Geschrieben|Verfasst|Veröffentlicht|Posted|Written) (?:von|by))\s*",
    re.IGNORECASE,
)
# Name particles written in lower case ("Ursula von der Leyen", "Vincent van Gogh").
_NAME_PARTICLES = frozenset(
    (
        *("von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le"),
        *("zu", "zur", "vom", "ten", "ter", "al", "el", "bin", "ibn", "y", "e"),
    )
)
# Account and desk names a CMS prints where a person's name belongs (WordPress "admin").
_NOT_AUTHORS = frozenset(
    (
        *("admin", "administrator", "redaktion", "online-redaktion", "onlineredaktion"),
        *("newsdesk", "editor", "editorial", "webmaster", "gast", "guest", "team", "staff"),
        *("user", "root"),
    )
)
_TRAILING_BRACKETS_RE = re.compile(r"\s*\([^()]*\)$")
_URLISH_RE = re.compile(r"^(?:https?:)?//|^www\.|@|\.(?:de|com|net|org|ru)(?:/|$)", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")
_NON_ALNUM_RE = re.compile(r"[\W_]+")

# Elements whose class or id says they hold the article's date ("date", "datum", "publish" …).
_DATE_CLASS_XPATH = lxml.etree.XPath(
    "//body//*[self::time or self::span or self::div or self::p or self::li or self::small"
    " or self::header or self::footer][contains(@class, 'date') or contains(@class, 'Date')"
    " or contains(@class, 'datum') or contains(@class, 'time') or contains(@class, 'publish')"
    " or contains(@class, 'byline') or contains(@class, 'dateline')"
    " or contains(@id, 'date') or contains(@id, 'time') or contains(@id, 'publish')]"
)
_UPDATED_XPATH = lxml.etree.XPath(
    "//body//*[self::p or self::span or self::div or self::time or self::small or self::li]"
    "[contains(@class, 'updat') or contains(@class, 'modif') or contains(@class, 'aktualis')"
    " or contains(@class, 'date') or contains(@class, 'meta')]"
)
_UPDATED_TEXT_RE = re.compile(r"(?:zuletzt )?aktualisiert|update[d]?\b|stand\s*:", re.IGNORECASE)
# Class words as CMSs name the byline, in German and English ("writer", "verfasser" too, which
# trafilatura's author XPaths also know); contains() is case-sensitive, hence "Author".
_BYLINE_XPATH = lxml.etree.XPath(
    "//body//*[contains(@class, 'author') or contains(@class, 'Author')"
    " or contains(@class, 'byline') or contains(@class, 'Byline') or contains(@class, 'autor')"
    " or contains(@class, 'writer') or contains(@class, 'verfasser') or @rel='author'"
    " or @itemprop='author' or contains(@data-component, 'Byline')]"
)
_MICRODATA_PUBLISHED_XPATH = lxml.etree.XPath(
    "//body//*[@itemprop='datePublished' or @itemprop='datepublished'][not(self::meta)]"
)
_MICRODATA_MODIFIED_XPATH = lxml.etree.XPath(
    "//body//*[@itemprop='dateModified' or @itemprop='datemodified'][not(self::meta)]"
)
_JSON_LD_XPATH = lxml.etree.XPath(
    "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
)
# Links with enough text to be a headline (four words need at least ~15 characters).
_LONG_LINK_XPATH = lxml.etree.XPath(
    ".//a[@href][parent::p or parent::div or parent::span or parent::strong or parent::b"
    " or parent::em or parent::i][string-length(normalize-space()) >= 15]"
)
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "i", "u", "small", "mark", "font"})
# Containers whose first children may be the lead (<h1/><div class="text"><p class="teaser">).
_LEAD_CONTAINER_TAGS = frozenset({"div", "section", "article", "main"})
_LEAD_IN_ENDS = frozenset(":–—-»›>…")
_TEASER_CONTAINER_TAGS = frozenset({"p", "div"})
_SENTENCE_END_RE = re.compile(r"[.!?…][\"“”»«'’)\]]*$")
# Class/id/itemprop words of a lead paragraph kept apart from the body.
# "teaser" too: many German CMSs call the article's own lead "teaser", and trafilatura drops
# it for that class name; teaser cards of other articles fail the link-density check below.
_LEAD_MARK_RE = re.compile(
    r"summary|lead|intro|standfirst|abstract|excerpt|vorspann|kurztext|description|subtitle"
    r"|teaser",
    re.IGNORECASE,
)
# ... unless they mark a lead image ("lead-image", "lead-media").
_MEDIA_MARK_RE = re.compile(r"image|img|media|photo|picture|bild|video|gallery", re.IGNORECASE)


@dataclass
class _Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: ParsedDate | None = None
    modified: ParsedDate | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    section: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    declared_language: str | None = None
    h1: lxml.html.HtmlElement | None = None


@dataclass
class _JsonLd:
    articles: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)


def extract_article(inp: ExtractInput, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedArticle:
    """Extract the article in one fetched page. Never raises; deterministic.

    The outcome says whether there is an article: "ok", "empty" (no text after cleaning;
    metadata still filled), "not_html", "binary", "too_large", or "error" (with `error`).
    """
    try:
        return _extract(inp, max_bytes)
    except Exception as exc:  # the archive keeps the raw page; the error says why
        url = getattr(inp, "url", "")
        return ExtractedArticle(
            outcome=OUTCOME_ERROR,
            url=url if isinstance(url, str) else "",
            error=f"{type(exc).__name__}: {exc}"[:300],
        )


def _extract(inp: ExtractInput, max_bytes: int) -> ExtractedArticle:
    body = inp.body
    body = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
    headers = {str(k).lower(): str(v) for k, v in (inp.headers or {}).items()}
    if len(body) > max_bytes:
        return ExtractedArticle(outcome=OUTCOME_TOO_LARGE, url=inp.url)
    if not body.strip():
        return ExtractedArticle(outcome=OUTCOME_EMPTY, url=inp.url)
    content_type = headers.get("content-type", "")
    if _is_binary(body, content_type):
        return ExtractedArticle(outcome=OUTCOME_BINARY, url=inp.url)
    if not _is_html(body, content_type):
        return ExtractedArticle(outcome=OUTCOME_NOT_HTML, url=inp.url)

    decoded = decode_html(body, content_type)
    encoding = decoded.encoding
    tree = _parse(decoded.text)
    if tree is None:
        return ExtractedArticle(
            outcome=OUTCOME_EMPTY,
            url=inp.url,
            encoding=encoding,
            decode_replaced=decoded.replaced,
        )

    dropped = _apply_drop_rules(tree, inp.rules)
    meta = _extract_metadata(tree, inp.url, inp.hints)
    dropped.extend(_drop_inline_teasers(tree, inp.url))

    document = trafilatura.bare_extraction(
        tree,
        url=inp.url,
        # trafilatura keeps comment sections by default (FIELD-NOTES, "Traps").
        include_comments=False,
        # Its dedup cache lives for the whole process and depends on order: never for the
        # archive (FIELD-NOTES, "Traps").
        deduplicate=False,
        # Our own pass (JSON-LD, meta tags, microdata, <time>, bylines by class and by the
        # "Von …" shape, visible dates) comes first; trafilatura's metadata fills the gaps. It
        # costs about 1.5 ms per page, a third of the whole extraction, so it runs only when
        # there is no title. It used to run for pages without authors too, but on the 50
        # evaluation pages (tests/eval, demo fixtures) it then changed nothing except naming
        # three sites by their host name, while agency pages (most of RT DE and SNA) paid for it.
        with_metadata=meta.title is None,
        # Our own date logic gives time and timezone; keep htmldate's share of the cost small.
        date_extraction_params={"extensive_search": False, "original_date": True},
        favor_precision=False,
        favor_recall=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    lines: list[str] = []
    if document is not None and not isinstance(document, dict):
        lines = (document.text or "").split("\n")
        _merge_trafilatura_metadata(meta, document, inp.url)
    if len(lines) >= 2:
        lines = _recover_headings(tree, lines)
    lead = _find_lead(meta.h1)
    if lead is not None and _key(lead) not in _key("".join(lines)):
        # trafilatura skips a lead kept in a <div> next to the headline (RT DE's summary).
        lines.insert(0, lead)

    declared = meta.declared_language
    kept, cleaned_away = clean_lines(
        lines,
        title=meta.title,
        rules=inp.rules,
        language=declared,
        authors=meta.authors,
    )
    dropped.extend(cleaned_away)
    article_text = normalise_text("\n".join(kept))
    language = detect_language(article_text, declared)
    return ExtractedArticle(
        outcome=OUTCOME_OK if article_text else OUTCOME_EMPTY,
        url=inp.url,
        text=article_text,
        title=meta.title,
        authors=meta.authors,
        published_at=meta.published.value if meta.published else None,
        published_at_raw=meta.published.raw if meta.published else None,
        modified_at=meta.modified.value if meta.modified else None,
        description=meta.description,
        tags=meta.tags,
        section=meta.section,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        image_url=meta.image_url,
        language=language,
        content_hash=content_hash(article_text) if article_text else None,
        encoding=encoding,
        decode_replaced=decoded.replaced,
        dropped=tuple(dropped),
    )


# --- guard rails -----------------------------------------------------------------------------


def _mime(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _declared_charset(content_type: str) -> str | None:
    match = _HEADER_CHARSET_RE.search(content_type)
    return match.group(1) if match else None


def _is_binary(body: bytes, content_type: str) -> bool:
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


def _is_html(body: bytes, content_type: str) -> bool:
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


def _parse(text: str) -> lxml.html.HtmlElement | None:
    cleaned = _INVALID_XML_CHARS_RE.sub("", text)
    if not cleaned.strip():
        return None
    # Our own parser per call: lxml parsers must not be shared between threads. The settings
    # are trafilatura's own (utils.HTML_PARSER), so its extraction sees the tree it expects.
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = lxml.html.document_fromstring(
            cleaned.encode("utf-8", "surrogatepass"), parser=parser
        )
    except (lxml.etree.ParserError, ValueError):
        return None
    if tree is None or len(tree) == 0:
        return None
    return tree


# --- rules on the tree -----------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _compiled_xpath(expression: str) -> lxml.etree.XPath:
    return lxml.etree.XPath(expression)


@functools.lru_cache(maxsize=512)
def _compiled_css(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def _apply_drop_rules(tree: lxml.html.HtmlElement, rules: CleaningRules) -> list[DroppedLine]:
    dropped: list[DroppedLine] = []
    selectors: list[tuple[str, Any]] = [
        (f"site:xpath:{expr}", _compiled_xpath(expr)) for expr in rules.drop_xpaths
    ]
    selectors += [(f"site:css:{sel}", _compiled_css(sel)) for sel in rules.drop_selectors]
    for rule, selector in selectors:
        for element in list(selector(tree)):
            if not isinstance(element, lxml.html.HtmlElement) or element.getparent() is None:
                continue
            text = _collapse(element.text_content())
            if text:
                dropped.append(DroppedLine(text=_shorten(text), rule=rule))
            element.drop_tree()
    return dropped


def _drop_inline_teasers(tree: lxml.html.HtmlElement, page_url: str) -> list[DroppedLine]:
    """Remove related-article links that sit between sentences of a paragraph, or alone.

    A naive join glues such a teaser into the text ("… Voraussetzungen. Lawrow: Verhältnis …
    erreicht neue Qualität Auf eine Frage …", seeds 003); in the HTML it gives itself away as an
    internal link of four or more words between two sentences, or as the only content of a
    <p>/<div> among the article's paragraphs.
    """
    page = urlsplit(page_url)
    page_host = _registrable(page.hostname or "")
    found: list[tuple[lxml.html.HtmlElement, str, str]] = []
    body = tree.find("body")
    if body is None:
        return []
    # Cheap filters first (text length, container) so the URL work runs on a handful of links.
    for link in _LONG_LINK_XPATH(body):
        text = _collapse(link.text_content())
        words = text.split()
        if not 4 <= len(words) <= 25 or text[-1] in ".,;:":
            continue
        first = text.lstrip("„\"'»«“‚(")[:1]
        if not (first.isupper() or first.isdigit()):
            continue
        unit = link
        parent = unit.getparent()
        while (
            parent is not None
            and parent.tag in _INLINE_TAGS
            and _collapse(parent.text_content()) == text
        ):
            unit = parent
            parent = unit.getparent()
        if parent is None or parent.tag not in _TEASER_CONTAINER_TAGS:
            continue
        before, after = _text_around(parent, unit)
        if not before and not after:
            rule = RULE_TEASER_LINK_BLOCK
            if not _among_paragraphs(parent):
                continue
        elif not after and _is_lead_in(before, parent, text):
            # "Читать также: <headline>", "Empfehlung der Redaktion: <headline>": a lead-in the
            # line rules do not know, then a headline link, alone in its block.
            rule = RULE_TEASER_LINK_BLOCK
            if not _among_paragraphs(parent) or classify_line(f"{before} {text}") is not None:
                continue
        else:
            rule = RULE_TEASER_INLINE_LINK
            if not before or not _SENTENCE_END_RE.search(before):
                continue
            tail = unit.tail or ""
            if after and tail and not tail[:1].isspace():
                continue  # "<a>…</a>s" or "<a>…</a>," continues the sentence
            next_char = after.lstrip("„\"'»«“‚(")[:1]
            if after and not (next_char.isupper() or next_char.isdigit()):
                continue
        # Last, as it is the dearest check: only links to another page of the same site.
        if _is_other_internal_page(
            link.get("href") or "", page_url, page_host, page.path, page.query
        ):
            block = rule == RULE_TEASER_LINK_BLOCK
            found.append(
                (parent if block else unit, f"{before} {text}" if block and before else text, rule)
            )
    dropped: list[DroppedLine] = []
    for element, text, rule in found:
        if element.getparent() is None:
            continue
        if rule == RULE_TEASER_INLINE_LINK:
            # Keep the sentence boundary: the next sentence must not glue onto the last one.
            tail = element.tail or ""
            element.tail = " " + tail.lstrip() if tail.strip() else tail
        element.drop_tree()
        dropped.append(DroppedLine(text=text, rule=rule))
    return dropped


def _is_other_internal_page(
    href: str, page_url: str, page_host: str, page_path: str, page_query: str = ""
) -> bool:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return False
    target = urlsplit(urljoin(page_url, href))
    if target.scheme not in ("http", "https"):
        return False
    if page_host and _registrable(target.hostname or "") != page_host:
        return False
    if target.path.rstrip("/") != page_path.rstrip("/"):
        return True
    # Old CMSs address every article by query string on one script (artikel.php?id=20877).
    return bool(target.query) and target.query != page_query


def _text_around(parent: lxml.html.HtmlElement, unit: lxml.html.HtmlElement) -> tuple[str, str]:
    """The nearest non-blank text before and after `unit` inside `parent` (stripped)."""
    before = ""
    node = unit.getprevious()
    while node is not None and not before:
        before = (node.tail or "").strip() or _collapse(node.text_content())
        node = node.getprevious()
    if not before:
        before = (parent.text or "").strip()
    after = (unit.tail or "").strip()
    node = unit.getnext()
    while node is not None and not after:
        after = _collapse(node.text_content()) or (node.tail or "").strip()
        node = node.getnext()
    return before, after


def _is_lead_in(before: str, parent: lxml.html.HtmlElement, link_text: str) -> bool:
    """True when the block is a short lead-in ("Lesen Sie auch:", "Mehr –") and the link."""
    if len(before.split()) > 4 or before[-1:] not in _LEAD_IN_ENDS:
        return False
    return _collapse(parent.text_content()) == f"{before} {link_text}"


def _among_paragraphs(element: lxml.html.HtmlElement) -> bool:
    """True when the element sits in the article's flow: siblings include real paragraphs.

    A paragraph is a <p>, or a <div> of text without block children (Bitrix and similar CMSs
    write each paragraph as a bare <div>).
    """
    parent = element.getparent()
    if parent is None:
        return False
    paragraphs = 0
    for sibling in parent:
        if (
            sibling is not element
            and (sibling.tag == "p" or (sibling.tag == "div" and not len(sibling)))
            and len(_collapse(sibling.text_content()).split()) >= 8
        ):
            paragraphs += 1
            if paragraphs >= 2:
                return True
    return False


def _headline_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's <h1>: the first inside <article>/<main>, else the first with some words.

    Many templates put the logo in an <h1> of the page header.
    """
    candidates = [h1 for h1 in tree.iter("h1") if len(_collapse(h1.text_content()).split()) >= 2]
    for h1 in candidates:
        if any(ancestor.tag in ("article", "main") for ancestor in h1.iterancestors()):
            return h1
    return candidates[0] if candidates else None


def _recover_headings(tree: lxml.html.HtmlElement, lines: list[str]) -> list[str]:
    """Put back subheadings trafilatura dropped between two paragraphs it kept.

    When no container matches its body XPaths, trafilatura falls back to a readability-style
    extraction that loses <h2>/<h3> elements (seen on RT DE's "ViewText" markup). A heading is
    restored only where its previous and next sibling blocks are two adjacent output lines, so
    nothing outside the extracted text can come back this way.
    """
    body = tree.find("body")
    if body is None:
        return lines
    # Cheap tests first: most headings are output verbatim, and a heading of a sidebar or
    # comment section has no extracted paragraph before it.
    raw = "\n".join(lines)
    candidates: list[tuple[lxml.html.HtmlElement, str, str, str]] = []
    for heading in body.iter("h2", "h3", "h4", "h5", "h6"):
        text = _collapse(heading.text_content())
        if not text or text in raw or len(text.split()) > 20:
            continue
        before = _sibling_text(heading, previous=True)
        if len(before) < 20 or before[:20] not in raw:
            continue
        candidates.append((heading, text, before, _sibling_text(heading, previous=False)))
    if not candidates:
        return lines
    keys = [_key(line) for line in lines]
    position = {key: index for index, key in enumerate(keys) if key}
    joined = "".join(keys)
    inserts: list[tuple[int, str]] = []
    for _heading, text, before_text, after_text in candidates:
        key = _key(text)
        if not key or key in joined:
            continue
        index_before = position.get(_key(before_text))
        index_after = position.get(_key(after_text))
        if index_before is not None and index_after == index_before + 1:
            inserts.append((index_after, text))
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    return lines


def _sibling_text(element: lxml.html.HtmlElement, *, previous: bool) -> str:
    """The text of the nearest sibling block with text before/after `element`."""
    siblings = element.itersiblings(preceding=previous)
    for sibling in siblings:
        if not isinstance(sibling, lxml.html.HtmlElement):
            continue
        text = _collapse(sibling.text_content())
        if text:
            return text
    return ""


def _heading_for_title(tree: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement | None:
    """The first <h1>-<h3> in the body that spells the title (punctuation and case aside)."""
    body = tree.find("body")
    if body is None:
        return None
    title_key = _key(title)
    for heading in body.iter("h1", "h2", "h3"):
        if _key(heading.text_content()) == title_key:
            return heading
    return None


def _byline_near_headline(h1: lxml.html.HtmlElement | None) -> str | None:
    """A "Von Vorname Nachname …" line next to the headline, whatever its class names.

    Generated class names (css-1x2y) say nothing; the German byline's shape does. Only short
    elements in the headline's own container count, and the names found must look like names
    (`_looks_like_name`), so "Von Berlin nach Hamburg …" is no author.
    """
    if h1 is None:
        return None
    container = h1.getparent()
    if container is None or container.tag in ("body", "html"):
        return None
    for count, element in enumerate(container.iter()):
        if count > 80:
            break  # the headline's container is a whole article on some pages
        if element is h1 or not isinstance(element, lxml.html.HtmlElement):
            continue
        # The element's own first text, before the dearer text_content() of its subtree.
        if (element.text or "").lstrip().startswith(("Von ", "By ")):
            text = _collapse(element.text_content())
            if len(text.split()) <= 12:
                return text
    return None


def _find_lead(h1: lxml.html.HtmlElement | None) -> str | None:
    """The article's lead ("summary", "intro", "Vorspann") right after the headline, if any."""
    if h1 is None:
        return None
    neighbours: list[lxml.html.HtmlElement] = list(h1.itersiblings())[:4]
    parent = h1.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        neighbours += list(parent.itersiblings())[:4]
    # The lead may also open the text container that follows the headline:
    # <h1/><div class="text"><p class="teaser">…</p>…</div>.
    neighbours += [
        child
        for element in neighbours
        if element.tag in _LEAD_CONTAINER_TAGS
        and not _LEAD_MARK_RE.search(element.get("class") or "")
        for child in list(element)[:2]
    ]
    for element in neighbours:
        if not isinstance(element, lxml.html.HtmlElement):
            continue
        marks = " ".join(element.get(name) or "" for name in ("class", "id", "itemprop"))
        if not _LEAD_MARK_RE.search(marks) or _MEDIA_MARK_RE.search(marks):
            continue
        if element.tag == "figure" or element.find(".//img") is not None:
            continue  # a lead image and its caption
        text = _collapse(element.text_content())
        words = len(text.split())
        if not 8 <= words <= 150 or not _SENTENCE_END_RE.search(text):
            continue
        link_text = sum(len(_collapse(a.text_content())) for a in element.iter("a"))
        if link_text * 2 > len(text):
            continue  # a teaser card, not a lead
        return text
    return None


# --- metadata --------------------------------------------------------------------------------


def _extract_metadata(tree: lxml.html.HtmlElement, url: str, hints: dict[str, str]) -> _Metadata:
    metas = _meta_tags(tree)
    json_ld = _json_ld(tree)
    articles = json_ld.articles
    meta = _Metadata()

    meta.site_name = _first_text(
        _first(metas, "og:site_name"),
        *(_publisher_name(obj) for obj in articles),
        _first(metas, "application-name"),
    )
    site_keys = _site_keys(meta.site_name, url)

    h1 = _headline_element(tree)
    meta.h1 = h1
    title_candidates = [
        *(_json_str(obj.get("headline")) for obj in articles),
        _first(metas, "og:title"),
        _first(metas, "twitter:title"),
        _collapse(h1.text_content()) if h1 is not None else None,
        hints.get("title"),
    ]
    for candidate in title_candidates:
        title = _clean_title(candidate, site_keys)
        if title:
            meta.title = title
            break
    else:
        # <title> carries the site affix most often: " | Section | Site".
        meta.title = _clean_title(tree.findtext(".//title"), site_keys, html_title=True)
    if meta.title and (h1 is None or _key(h1.text_content()) != _key(meta.title)):
        # Some CMSs print the headline as <h2>/<h3> (TYPO3's news extension, Blogger) and keep
        # the site name in <h1>: the heading that spells the title is the article's.
        heading = _heading_for_title(tree, meta.title)
        if heading is not None:
            h1 = meta.h1 = heading

    for source in (
        [a for obj in articles for a in _json_authors(obj.get("author") or obj.get("creator"))],
        [value for key in _AUTHOR_META_KEYS for value in metas.get(key, [])],
    ):
        meta.authors = _split_authors(source, site_keys)
        if meta.authors:
            break
    else:
        # The printed byline only when no machine-readable author exists: its XPath visits
        # every element of the page (a fifth of a millisecond).
        byline = _byline_text(tree) or _byline_near_headline(meta.h1)
        meta.authors = _split_authors([byline], site_keys) if byline else ()

    meta.description = _first_text(
        _first(metas, "og:description"),
        _first(metas, "description"),
        _first(metas, "twitter:description"),
        *(_json_str(obj.get("description")) for obj in articles),
    )
    meta.section = _first_text(
        _first(metas, "article:section"),
        *(_json_first_str(obj.get("articleSection")) for obj in articles),
    )
    for tag_source in (
        metas.get("article:tag", []),
        [k for obj in articles for k in _json_keywords(obj.get("keywords"))],
        metas.get("news_keywords", []),
        metas.get("keywords", []),
    ):
        tags = _split_tags(tag_source)
        if tags:
            meta.tags = tags
            break
    meta.canonical_url = _canonical(tree, url, metas)
    image = _first_text(
        _first(metas, "og:image"),
        _first(metas, "og:image:url"),
        _first(metas, "og:image:secure_url"),
        _first(metas, "twitter:image"),
        *(_json_image(obj.get("image")) for obj in articles),
    )
    meta.image_url = _absolute(image, url)
    meta.declared_language = normalise_language(
        _first_text(
            hints.get("language"),
            tree.get("lang"),
            tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
            _first(metas, "content-language"),
            _first(metas, "language"),
            _first(metas, "og:locale"),
            *(_json_str(obj.get("inLanguage")) for obj in articles),
        )
    )
    meta.published = _best_date(_published_candidates(tree, url, hints, metas, json_ld, h1))
    meta.modified = _best_date(_modified_candidates(tree, metas, json_ld))
    return meta


def _merge_trafilatura_metadata(meta: _Metadata, document: Any, url: str) -> None:
    """Fill what our own metadata pass did not find from trafilatura's (bylines, categories)."""
    site_keys = _site_keys(meta.site_name, url)
    if meta.site_name is None:
        meta.site_name = _first_text(getattr(document, "sitename", None))
        site_keys = _site_keys(meta.site_name, url)
    if meta.title is None:
        meta.title = _clean_title(getattr(document, "title", None), site_keys)
    if not meta.authors and getattr(document, "author", None):
        meta.authors = _split_authors([str(document.author)], site_keys)
    if meta.description is None:
        meta.description = _first_text(getattr(document, "description", None))
    categories = [str(c) for c in (getattr(document, "categories", None) or [])]
    if meta.section is None and categories:
        meta.section = _first_text(*categories)
    if not meta.tags:
        meta.tags = _split_tags([str(t) for t in (getattr(document, "tags", None) or [])])
    if meta.image_url is None:
        meta.image_url = _absolute(_first_text(getattr(document, "image", None)), url)


def _byline_text(tree: lxml.html.HtmlElement) -> str | None:
    """The text of the first author/byline element ("Von Anna Beispiel", "Quelle: dpa")."""
    for element in _BYLINE_XPATH(tree):
        # Microdata names the person inside the author element: "Eingestellt von <span
        # itemprop="name">Viktor Lenz</span>".
        named = element.find(".//*[@itemprop='name']")
        text = _collapse((named if named is not None else element).text_content())
        # An author box may hold only the portrait and its credit ("Foto: privat").
        if text and len(text.split()) <= 12 and not is_image_credit(text):
            return text
    return None


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
            or ""
        )
        content = element.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), []).append(_collapse(content))
    return metas


def _first(metas: dict[str, list[str]], key: str) -> str | None:
    values = metas.get(key)
    return values[0] if values else None


def _json_ld(tree: lxml.html.HtmlElement) -> _JsonLd:
    found = _JsonLd()
    for script in _JSON_LD_XPATH(tree):
        raw = (script.text or "").strip()
        if not raw:
            continue
        # Some CMS wrap the JSON in <!-- --> or CDATA markers.
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        _walk_json_ld(data, found, 0)
    return found


def _walk_json_ld(node: Any, found: _JsonLd, depth: int) -> None:
    if depth > 6:
        return
    if isinstance(node, list):
        for child in node:
            _walk_json_ld(child, found, depth + 1)
        return
    if not isinstance(node, dict):
        return
    raw_types = node.get("@type")
    types = {
        str(t).lower().rsplit("/", 1)[-1]
        for t in (raw_types if isinstance(raw_types, list) else [raw_types])
        if t
    }
    if types & _ARTICLE_TYPES:
        found.articles.append(node)
    elif types & _PAGE_TYPES:
        found.pages.append(node)
    for key in ("@graph", "mainEntity", "hasPart"):
        if key in node:
            _walk_json_ld(node[key], found, depth + 1)


def _json_str(value: Any) -> str | None:
    if isinstance(value, str):
        return _collapse(value) or None
    if isinstance(value, list) and value and isinstance(value[0], str):
        return _collapse(value[0]) or None
    return None


def _json_first_str(value: Any) -> str | None:
    if isinstance(value, list):
        return next((_collapse(v) for v in value if isinstance(v, str) and v.strip()), None)
    return _json_str(value)


def _json_authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [name for item in value for name in _json_authors(item)]
    return []


def _json_keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split(",")
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _json_image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        url = value.get("url") or value.get("contentUrl")
        return url if isinstance(url, str) else None
    if isinstance(value, list) and value:
        return _json_image(value[0])
    return None


def _publisher_name(obj: dict[str, Any]) -> str | None:
    publisher = obj.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        return _json_str(publisher.get("name"))
    return None


@functools.lru_cache(maxsize=256)
def _site_keys(site_name: str | None, url: str) -> frozenset[str]:
    """Normalised names a title affix may use for the site: its name, host and host labels."""
    keys: set[str] = set()
    if site_name:
        keys.add(_key(site_name))
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        keys.add(_key(host))
        registrable = _registrable(host)
        keys.add(_key(registrable))
        label = registrable.split(".", 1)[0]
        if len(label) >= 2:
            keys.add(label)
    keys.discard("")
    return frozenset(keys)


def _is_site_affix(segment: str, site_keys: frozenset[str]) -> bool:
    key = _key(segment)
    if not key or len(segment.split()) > 5:
        return False
    if key in site_keys:
        return True
    # "RT DE" for de.rt.com, "DER SPIEGEL" for spiegel.de: the host's label within the affix.
    return any(len(k) >= 2 and "." not in k and key.startswith(k) for k in site_keys) or any(
        len(k) >= 4 and k in key for k in site_keys
    )


def _clean_title(
    candidate: str | None, site_keys: frozenset[str], *, html_title: bool = False
) -> str | None:
    """Strip " | Site" / " – Site" affixes; reject site names, dates and empty strings.

    In a <title> (`html_title`), a short last part after " | " goes even when it does not name
    the site: it is a section or site label there, hardly ever part of the headline.
    """
    if not candidate:
        return None
    title = _collapse(candidate)
    for _ in range(2):
        separators = list(_TITLE_SEPARATOR_RE.finditer(title))
        if not separators:
            break
        last = separators[-1]
        suffix = title[last.end() :]
        first = separators[0]
        prefix = title[: first.start()]
        if _is_site_affix(suffix, site_keys) or (
            html_title
            and last.group(0).strip() == "|"
            and len(suffix.split()) <= 4
            and len(title[: last.start()].split()) >= 3
        ):
            title = title[: last.start()].strip()
        elif _is_site_affix(prefix, site_keys):
            title = title[first.end() :].strip()
        else:
            break
    if not title or _key(title) in site_keys or classify_date_line(title) is not None:
        return None
    return title


def _split_authors(values: Iterable[str], site_keys: frozenset[str]) -> tuple[str, ...]:
    """Names from "A; B", "A und B", "Von A", "A / dpa"; no URLs, no site name, no duplicates."""
    parts = [
        piece
        for value in values
        if not is_agency_credit(_collapse(value))
        for part in _AUTHOR_SPLIT_RE.split(_collapse(value))
        if not _URLISH_RE.search(part)  # profile links, before "/" splits them apart
        for piece in _AUTHOR_SLASH_RE.split(part)
    ]
    authors: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = _AUTHOR_PREFIX_RE.sub("", part.strip(" ,;:-–")).strip(" ,;:-–")
        # "Anna Beispiel (dpa)": the agency in brackets is no part of the name.
        name = _TRAILING_BRACKETS_RE.sub("", name)
        if (
            not name
            or len(name) > 80
            or len(name.split()) > 6
            or not _looks_like_name(name)
            or _URLISH_RE.search(name)
            or not any(ch.isalpha() for ch in name)
            or _key(name) in site_keys
            or is_agency_credit(name)  # "Quelle: dpa" credits an agency, it names no author
            or classify_date_line(name) is not None  # "Von A, 20.11.2026, 14:05 Uhr"
            or name.casefold() in seen
        ):
            continue
        seen.add(name.casefold())
        authors.append(name)
    return tuple(authors)


def _looks_like_name(name: str) -> bool:
    """Capitalised words and name particles only: no user names ("admin"), no sentences."""
    if name.casefold() in _NOT_AUTHORS:
        return False
    words = name.split()
    capitalised = 0
    for word in words:
        first = next((ch for ch in word if ch.isalpha()), "")
        if first.isupper():
            capitalised += 1
        elif word.casefold() not in _NAME_PARTICLES and not word.endswith("."):
            return False  # a lower-case word that is no particle or abbreviation ("h.c.")
    return capitalised > 0


def _split_tags(values: Iterable[str]) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in value.split(","):
            tag = _collapse(part)
            if tag and len(tag) <= 100 and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tuple(tags[:50])


def _canonical(tree: lxml.html.HtmlElement, url: str, metas: dict[str, list[str]]) -> str | None:
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels:
            absolute = _absolute(link.get("href"), url)
            if absolute:
                return absolute
    return _absolute(_first(metas, "og:url"), url)


def _absolute(candidate: str | None, base: str) -> str | None:
    if not candidate or not candidate.strip():
        return None
    absolute = urljoin(base, candidate.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


# --- dates -----------------------------------------------------------------------------------


def _published_candidates(
    tree: lxml.html.HtmlElement,
    url: str,
    hints: dict[str, str],
    metas: dict[str, list[str]],
    json_ld: _JsonLd,
    h1: lxml.html.HtmlElement | None,
) -> Iterator[ParsedDate | None]:
    """Publication date sources, best first (generated lazily: most pages stop at the first)."""
    for obj in (*json_ld.articles, *json_ld.pages):
        yield parse_datetime(_json_str(obj.get("datePublished")))
    for key in _PUBLISHED_META_KEYS:
        for value in metas.get(key, []):
            yield parse_datetime(value)
    yield _microdata_date(tree, _MICRODATA_PUBLISHED_XPATH)
    yield _time_element_date(tree, ("datepublished", "published", "pubdate"))
    yield parse_datetime(hints.get("published_at"))
    for obj in json_ld.articles:
        yield parse_datetime(_json_str(obj.get("dateCreated")))
    yield _visible_date(tree, h1)
    yield date_from_url(url)


def _modified_candidates(
    tree: lxml.html.HtmlElement, metas: dict[str, list[str]], json_ld: _JsonLd
) -> Iterator[ParsedDate | None]:
    for obj in (*json_ld.articles, *json_ld.pages):
        yield parse_datetime(_json_str(obj.get("dateModified")))
    for key in _MODIFIED_META_KEYS:
        for value in metas.get(key, []):
            yield parse_datetime(value)
    yield _microdata_date(tree, _MICRODATA_MODIFIED_XPATH)
    # The printed "Aktualisiert: 21.11.2026, 10:12 Uhr".
    for element in _UPDATED_XPATH(tree):
        text = _collapse(element.text_content())
        if len(text) <= 200:
            match = _UPDATED_TEXT_RE.search(text)
            if match is not None:
                yield find_date_in_text(text[match.end() :])


def _best_date(candidates: Iterable[ParsedDate | None]) -> ParsedDate | None:
    """The first date found; if it has no time of day, a later source's time for the same day."""
    best: ParsedDate | None = None
    for candidate in candidates:
        if candidate is None:
            continue
        if best is None:
            best = candidate
            if best.has_time:
                return best
            continue
        if candidate.has_time and candidate.value.date() == best.value.date():
            return candidate
    return best


def _time_element_date(tree: lxml.html.HtmlElement, markers: tuple[str, ...]) -> ParsedDate | None:
    """<time datetime>: the one marked as publication date, else the first in <article>/page."""
    body = tree.find("body")
    if body is None:
        return None
    times = [t for t in body.iter("time") if t.get("datetime")]
    if not times:
        return None

    def marked(element: lxml.html.HtmlElement) -> bool:
        attrs = " ".join(
            (element.get(name) or "") for name in ("itemprop", "class", "pubdate", "name")
        ).lower()
        return element.get("pubdate") is not None or any(m in attrs for m in markers)

    chosen = next((t for t in times if marked(t)), None)
    if chosen is None:
        chosen = next((t for t in times if _inside(t, "article")), times[0])
    return parse_datetime(chosen.get("datetime"))


def _microdata_date(tree: lxml.html.HtmlElement, xpath: lxml.etree.XPath) -> ParsedDate | None:
    """A schema.org microdata date on an element: content, datetime or title attribute, or text.

    Blogger writes <abbr itemprop="datePublished" title="2025-03-12T09:14:00+01:00">09:14</abbr>;
    <meta itemprop> is already read with the other meta tags.
    """
    for element in xpath(tree):
        for raw in (element.get("content"), element.get("datetime"), element.get("title")):
            parsed = parse_datetime(raw)
            if parsed is not None:
                return parsed
        parsed = parse_datetime(_collapse(element.text_content())[:100])
        if parsed is not None:
            return parsed
    return None


def _inside(element: lxml.html.HtmlElement, tag: str) -> bool:
    return any(ancestor.tag == tag for ancestor in element.iterancestors())


def _visible_date(
    tree: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None
) -> ParsedDate | None:
    """The page's printed date: in a date-ish element, else next to the headline."""
    for element in _DATE_CLASS_XPATH(tree):
        text = _collapse(element.text_content())
        if not text or len(text) > 200 or "aktualisiert" in text.lower():
            continue
        found = find_date_in_text(text)
        if found is not None:
            return found
    if h1 is not None:
        container = h1.getparent()
        if container is not None:
            found = find_date_in_text(_collapse(container.text_content())[:2000])
            if found is not None:
                return found
    return None


# --- small helpers ---------------------------------------------------------------------------


def _collapse(text: str | None) -> str:
    return _WS_RE.sub(" ", text or "").strip()


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(text: str) -> str:
    return _NON_ALNUM_RE.sub("", text.casefold())


def _first_text(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return _collapse(value)
    return None


def _registrable(host: str) -> str:
    """Last two labels of a host ("de.rt.com" -> "rt.com"); good enough for link locality."""
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[-2:]) if len(labels) >= 2 else host.lower()
