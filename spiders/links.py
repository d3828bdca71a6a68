"""HTML discovery: feed and page links of a page, and the URL shapes of articles and sections."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html

from spiders.documents import absolute_http, parse_html

# --------------------------------------------------------------------------- HTML


def feed_links(html_doc: bytes | str, base_url: str) -> list[str]:
    """Feeds announced by `<link rel="alternate" type="application/rss+xml|atom+xml">`."""
    root = parse_html(html_doc)
    if root is None:
        return []
    base = _document_base(root, base_url)
    found: dict[str, None] = {}
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" not in rels or kind not in _FEED_TYPES:
            continue
        url = absolute_http(link.get("href") or "", base)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


def page_links(html_doc: bytes | str, base_url: str) -> list[str]:
    """Absolute http(s) targets of `<a href>` and `<area href>`, without fragments,
    deduplicated, in document order."""
    root = parse_html(html_doc)
    if root is None:
        return []
    base = _document_base(root, base_url)
    found: dict[str, None] = {}
    for element in root.iter("a", "area"):
        url = absolute_http(element.get("href") or "", base)
        if url is not None:
            found.setdefault(url, None)
    return list(found)


def _document_base(root: lxml.html.HtmlElement, base_url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(base_url, str(href))
    return base_url


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
