"""JSON-LD in a page: its article and web-page objects, and the values metadata reads from them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html

from pipelines.tree import collapse

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
        "sportsarticle",
        # a test or a critique is the page's article (a product's reviews are nested in it)
        "review",
        "criticreview",
    }
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "medicalwebpage"})
# "/descendant::" is "//" here (no step counts positions), and libxml2 walks it without the
# node set of every node of the page that "//" makes before a step with a predicate.
_JSON_LD_XPATH = lxml.etree.XPath(
    "/descendant::script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
)


@dataclass
class JsonLd:
    """The article objects and the web-page objects of a page's JSON-LD."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)


def read_json_ld(tree: lxml.html.HtmlElement) -> JsonLd:
    """The page's JSON-LD objects, `@graph`, `mainEntity` and `hasPart` followed."""
    found = JsonLd()
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
        _walk(data, found, 0)
    return found


def _walk(node: Any, found: JsonLd, depth: int) -> None:
    if depth > 6:
        return
    if isinstance(node, list):
        for child in node:
            _walk(child, found, depth + 1)
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
            _walk(node[key], found, depth + 1)


def json_str(value: Any) -> str | None:
    if isinstance(value, str):
        return collapse(value) or None
    if isinstance(value, list) and value and isinstance(value[0], str):
        return collapse(value[0]) or None
    return None


def json_first_str(value: Any) -> str | None:
    if isinstance(value, list):
        return next((collapse(v) for v in value if isinstance(v, str) and v.strip()), None)
    return json_str(value)


def json_authors(value: Any) -> list[tuple[str, bool]]:
    """JSON-LD author names, each with whether it may be a person (Person or no type)."""
    if isinstance(value, str):
        return [(value, True)]
    if isinstance(value, dict):
        name = value.get("name")
        kind = value.get("@type")
        kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind]) if k}
        return [(name, not kinds or "person" in kinds)] if isinstance(name, str) else []
    if isinstance(value, list):
        return [found for item in value for found in json_authors(item)]
    return []


def json_names(value: Any) -> str:
    """The names a JSON-LD value gives, joined by " / " (a text's `sourceOrganization`, which
    names the agency it comes from, or the site)."""
    return " / ".join(name for name, _ in json_authors(value))


def json_keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split(",")
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def json_image(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        url = value.get("url") or value.get("contentUrl")
        return url if isinstance(url, str) else None
    if isinstance(value, list) and value:
        return json_image(value[0])
    return None


def publisher_name(obj: dict[str, Any]) -> str | None:
    publisher = obj.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        return json_str(publisher.get("name"))
    return None
