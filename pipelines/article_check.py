"""Whether a fetched page is an article: what the page declares, else how much text it has.

Pure (no scrapy, twisted or sqlalchemy): the extraction pipeline asks it about pages admitted
only as candidates (a sitemap entry whose URL does not look like an article), after the
extraction, since the text is one of the signals. It reads the raw HTML with regular
expressions and parses only the JSON-LD blocks, so it costs little more than a scan.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from crawler.model.items import OUTCOME_NOT_ARTICLE, FetchedPage
from crawler.model.types import ExtractedArticle

# schema.org types that make a page an article (lower case).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "techarticle",
        "scholarlyarticle",
    }
)
# schema.org types of pages that are not articles: listings, profiles, search results, the
# site itself. They count only where no article type is declared.
NOT_ARTICLE_TYPES = frozenset(
    {
        "collectionpage",
        "profilepage",
        "searchresultspage",
        "itemlist",
        "website",
        "aboutpage",
        "contactpage",
        "person",
    }
)
# Without a declaration, a page is an article when its extracted text has this many words,
# or this many with a publication date: a listing's few teaser lines and a service page's
# paragraph stay below; the shortest agency reports in the evaluation pages are above.
MIN_WORDS = 150
MIN_DATED_WORDS = 60

_META_RE = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_OG_TYPE_RE = re.compile(r"\bproperty\s*=\s*[\"']?og:type(?![\w:-])", re.IGNORECASE)
_CONTENT_RE = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_JSON_LD_RE = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
# Open Graph types are declared in the head; it ends well within this many characters.
_HEAD_CHARS = 65536
_MAX_JSON_LD_DEPTH = 4


@dataclass(frozen=True)
class PageDeclaration:
    """What a page says it is: its Open Graph type and its JSON-LD entities' types (as
    written; schema.org types are compared without case)."""

    og_type: str | None = None
    ld_types: tuple[str, ...] = ()

    @property
    def article(self) -> bool:
        """Declared an article (og:type "article", or a JSON-LD article type)."""
        return self.og_type == "article" or any(t.lower() in ARTICLE_TYPES for t in self.ld_types)

    @property
    def not_article(self) -> str | None:
        """The declaration that it is something else ("og:type website", "JSON-LD
        CollectionPage"); None when it declares nothing of the kind or an article."""
        if self.article:
            return None
        if self.og_type:
            return f"og:type {self.og_type}"
        other = next((t for t in self.ld_types if t.lower() in NOT_ARTICLE_TYPES), None)
        return f"JSON-LD {other}" if other is not None else None


def page_declaration(document: bytes | str) -> PageDeclaration:
    """The page's Open Graph type (lower case) and the types of its top-level JSON-LD
    entities (those of a `@graph`, and a page's `mainEntity`). Never raises."""
    text = document.decode("utf-8", "replace") if isinstance(document, bytes) else document
    og_type = None
    for tag in _META_RE.finditer(text, 0, min(len(text), _HEAD_CHARS)):
        if _OG_TYPE_RE.search(tag.group(0)):
            content = _CONTENT_RE.search(tag.group(0))
            if content is not None:
                value = next(g for g in content.groups() if g is not None)
                og_type = value.strip().lower() or None
            break
    types: list[str] = []
    for block in _JSON_LD_RE.finditer(text):
        raw = block.group(1).strip()
        raw = raw.removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        _collect_types(data, types, 0)
    return PageDeclaration(og_type, tuple(dict.fromkeys(types)))


def _collect_types(node: Any, types: list[str], depth: int) -> None:
    if depth > _MAX_JSON_LD_DEPTH:
        return
    if isinstance(node, list):
        for child in node:
            _collect_types(child, types, depth + 1)
        return
    if not isinstance(node, dict):
        return
    raw = node.get("@type")
    for value in raw if isinstance(raw, list) else [raw]:
        if isinstance(value, str) and value:
            types.append(value.rsplit("/", 1)[-1])
    for key in ("@graph", "mainEntity"):
        if key in node:
            _collect_types(node[key], types, depth + 1)


def not_article_reason(declaration: PageDeclaration, extracted: ExtractedArticle) -> str | None:
    """Why an extracted page is not an article, None when it is one.

    The page's own declaration decides first (an article type; else another type); without
    one, the extracted text does (MIN_WORDS, or MIN_DATED_WORDS with a publication date).
    """
    if declaration.article:
        return None
    declared = declaration.not_article
    if declared is not None:
        return f"not an article: {declared}"
    words = len(extracted.text.split())
    if words >= MIN_WORDS or (words >= MIN_DATED_WORDS and extracted.published_at is not None):
        return None
    if not words:
        return "not an article: no text, no article type declared"
    return f"not an article: {words} words of text, no article type declared"


def judge_candidate(page: FetchedPage, extracted: ExtractedArticle) -> ExtractedArticle:
    """A candidate page's extraction as it is, when the page is an article; else outcome
    `not_article` with the reason as its error (the raw bytes stay in the WARC file).
    Judges only pages with text or none ("ok", "empty"); a failed extraction stays failed."""
    if not page.candidate or extracted.outcome not in ("ok", "empty"):
        return extracted
    reason = not_article_reason(page_declaration(page.body), extracted)
    if reason is None:
        return extracted
    return ExtractedArticle(
        outcome=OUTCOME_NOT_ARTICLE,
        url=extracted.url,
        title=extracted.title,
        encoding=extracted.encoding,
        decode_replaced=extracted.decode_replaced,
        error=reason,
    )
