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
# Listing pages: the segment and at most one more (/tag/wahl/, /autoren/max-muster/). Deeper
# paths under them are often articles (/autoren/max-muster/ein-langer-titel): the page decides.
_LISTING_SEGMENTS = {
    "tag": _words("tag tags schlagwort schlagworte stichwort stichworte thema themen topic topics"),
    "author": _words("autor autoren author authors person personen"),
    "category": _words("category categories kategorie kategorien rubrik"),
    "archive": _words("archiv archive archives"),
}
# Segments that are never part of an article's path, wherever they stand.
_NEVER_SEGMENTS = {
    "search": _words("suche search"),
    "account": _words(
        "login logout anmelden abmelden registrieren register signup account konto user users "
        "profil profile mein my wp-admin wp-login.php"
    ),
    "service": _words(
        "kontakt contact impressum datenschutz privacy agb terms cookies about ueber-uns "
        "newsletter abo abonnieren"
    ),
    "feed": _words("feed feeds rss"),
    "asset": _words("wp-content wp-includes wp-json xmlrpc.php cdn-cgi static assets fonts css js"),
}
# The same words as a page's whole name (/impressum.html, /kontakt.php).
_SERVICE_LEAF_RE = re.compile(
    r"^(kontakt|contact|impressum|datenschutz|privacy|agb|terms|cookies|about|login|suche|search)"
    r"\.\w+$"
)
_PAGE_SEGMENTS = _words("page seite")
_PAGINATION_QUERY_RE = re.compile(r"(^|&)(page|seite|paged|pg)=\d*($|&)")
_SEARCH_QUERY_RE = re.compile(r"(^|&)(s|q|query|search|suche|suchbegriff)=")
_DATE_ONLY_RE = re.compile(r"^/(19|20)\d\d(/(0?[1-9]|1[0-2])(/(0?[1-9]|[12]\d|3[01]))?)?/?$")
_DATE_PATH_RE = re.compile(r"/(19|20)\d\d/(0?[1-9]|1[0-2])(/(0?[1-9]|[12]\d|3[01]))?/[^/]+")
_COMPACT_DATE_RE = re.compile(r"/(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/[^/]+")
_NUMERIC_ID_RE = re.compile(r"(^|[-_.,])\d{5,}([-_.,]|$)")
_MARKED_ID_RE = re.compile(r"^[!~]\d{4,}$")  # taz: /Ein-Titel/!5928990/
_OPAQUE_ID_RE = re.compile(r"^(?=(?:[a-z]*\d){2})(?=(?:\d*[a-z]){2})[a-z0-9]{8,16}$")
_PAGE_LEAF_RE = re.compile(r"\.(s?html?|php|aspx?)$")
_INDEX_LEAF_RE = re.compile(r"^(index|default|home|start)\.\w+$")
# Leaves naming the page type, after the segment that names the article (/…-1019241/artikel).
_GENERIC_LEAVES = _words("artikel article story beitrag amp")
# Segments that say the next one is an article (/news/articles/clymn8zyrp9o, /a/1234.html).
_ARTICLE_SEGMENTS = _words("a article articles artikel story stories beitrag meldung news-detail")
_QUERY_ID_RE = re.compile(r"(^|&)(p|id|nid|aid|artikel|article|story|newsid)=\d+($|&)")


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


def refusal_of(url: str, *, non_article: re.Pattern[str] | None = None) -> str | None:
    """Why a URL is clearly not an article, or None when it may be one.

    Refused by rule: static assets (by extension or asset folder), homepages and date
    archives, tag, topic, author, category and archive listings (the segment and at most one
    more), search pages, pagination, account, service and legal pages, feeds, and what the
    site's own `non_article` pattern matches (on path and query). The answer names the class:
    asset, homepage, archive, tag, author, category, search, pagination, account, service,
    feed or site.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "asset"
    path = parts.path or "/"
    query = parts.query
    if non_article is not None and non_article.search(path + (f"?{query}" if query else "")):
        return "site"
    segments = [s.lower() for s in path.split("/") if s]
    leaf = segments[-1] if segments else ""
    if "." in leaf and leaf.rsplit(".", 1)[-1] in _ASSET_EXTENSIONS:
        return "asset"
    for kind, words in _NEVER_SEGMENTS.items():
        if any(segment in words for segment in segments):
            return kind
    if _SERVICE_LEAF_RE.match(leaf):
        return "service"
    for position, segment in enumerate(segments):
        following = segments[position + 1] if position + 1 < len(segments) else ""
        if segment in _PAGE_SEGMENTS and following.isdigit():
            return "pagination"
        for kind, words in _LISTING_SEGMENTS.items():
            if segment in words and len(segments) - position <= 2:
                return kind
    if _SEARCH_QUERY_RE.search(query):
        return "search"
    if _PAGINATION_QUERY_RE.search(query):
        return "pagination"
    if not segments or (len(segments) == 1 and _INDEX_LEAF_RE.match(leaf)):
        return None if _QUERY_ID_RE.search(query) else "homepage"
    if _DATE_ONLY_RE.match(path):
        return "archive"
    return None


def looks_like_article_url(url: str) -> bool:
    """Whether a URL has the shape of an article: it sets the request's priority for sitemap
    and feed entries, and filters homepage and section links.

    Yes: dated paths (/2024/02/06/slug/, /20220113/slug.html), numeric ids (123456-slug,
    slug-4960123.html, news,142489.html, /!5928990/), long slugs, `.html` leaves, an id after
    an article segment (/news/articles/clymn8zyrp9o, /a/1234.html), `?p=123`. No: what
    `refusal_of` refuses, and shallow or short paths (sections).
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    if refusal_of(url) is not None:
        return False
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if segments and _INDEX_LEAF_RE.match(segments[-1].lower()):
        segments.pop()  # /2019/11/18/politics/slug/index.html: the folder names the article
    if not segments:
        return bool(_QUERY_ID_RE.search(parts.query))
    if _DATE_PATH_RE.search(path) or _COMPACT_DATE_RE.search(path):
        return True
    if _QUERY_ID_RE.search(parts.query):
        return True
    if len(segments) >= 2 and segments[-1].lower() in _GENERIC_LEAVES:
        segments.pop()
    leaf = segments[-1].lower()
    stem = _PAGE_LEAF_RE.sub("", leaf)
    if _MARKED_ID_RE.match(stem):
        return True
    after_article_segment = len(segments) >= 2 and segments[-2].lower() in _ARTICLE_SEGMENTS
    if after_article_segment and (stem.isdigit() or _OPAQUE_ID_RE.match(stem)):
        return True
    if _NUMERIC_ID_RE.search(stem) and not stem.isdigit():
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
    if refusal_of(url) is not None or any(s.lower() in _NOT_SECTIONS for s in segments):
        return False
    return not looks_like_article_url(url)


# Folders of images and page numbers: never a section to follow.
_NOT_SECTIONS = _words("img images bilder page seite")
