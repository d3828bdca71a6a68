"""Rows of links in the HTML tree: a directory of sections under a label, a navigation row."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

# A row of links under a label of its own is the site's directory of sections, places or topics
# ("Themen: Schiene | Straße | Luftfahrt | …"), never article text; five links or more, each of a
# few words, and nothing but a short label and separators beside them. Without a label, three
# links joined by separator marks are the site's navigation ("Lokales · Vereine · Termine").
_LINK_ROW_MIN_LINKS = 5
_NAVIGATION_MIN_LINKS = 3
_NAVIGATION_SEPARATOR_RE = re.compile(r"^\s*[|·•/]\s*$")
_LINK_ROW_MAX_LINK_WORDS = 4
_LINK_ROW_LABEL_RE = re.compile(r"^\s*\w[\w-]*(?: [\w-]+){0,3}\s*:\s*$")
# Not commas: a sentence naming linked people or places lists them so ("Nominiert: A, B, …").
_LINK_ROW_SEPARATORS_RE = re.compile(r"^[\s|·•/–-]*$")


def drop_link_rows(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove paragraphs that are a label and a row of five or more short links, or three or
    more short links joined by separator marks alone (a navigation row).

    "<p><b>Bundesländer:</b> <a>Bayern</a> | <a>Berlin</a> | …</p>" or the same with the label
    as plain text: a site's directory of sections, places or topics that trafilatura's link
    density test keeps when it sits beside the article.
    """
    body = tree.find("body")
    if body is None:
        return []
    rows = [element for element in body.iter("p", "li", "div", "td") if _is_link_row(element)]
    dropped: list[DroppedLine] = []
    for row in rows:
        if row.getparent() is not None:
            dropped.append(DroppedLine(text=shorten(collapse(text_of(row))), rule=Rule.LINK_ROW))
            row.drop_tree()
    return dropped


def _is_link_row(element: lxml.html.HtmlElement) -> bool:
    if len(element) < _NAVIGATION_MIN_LINKS:
        return False
    children = list(element)
    if not (element.text or "").strip() and all(
        child.tag == "a" and _NAVIGATION_SEPARATOR_RE.match(child.tail or "")
        for child in children[:-1]
    ):
        minimum = _NAVIGATION_MIN_LINKS  # a row joined by separator marks, no label
    else:
        minimum = _LINK_ROW_MIN_LINKS
    label = element.text or ""
    if children[0].tag in ("b", "strong") and not len(children[0]) and not label.strip():
        # In bold, the label needs no colon.
        label = f"{(children[0].text or '').strip().removesuffix(':')}:{children[0].tail or ''}"
        del children[0]
    if label.strip() and not _LINK_ROW_LABEL_RE.match(label):
        return False
    if len(children) < minimum:
        return False
    for child in children:
        if child.tag != "a" or len(child) or not _LINK_ROW_SEPARATORS_RE.match(child.tail or ""):
            return False
        if len((child.text or "").split()) > _LINK_ROW_MAX_LINK_WORDS:
            return False
    return True
