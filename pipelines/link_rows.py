"""Rows of links in the HTML tree: a directory of sections under a label, a navigation row."""

from __future__ import annotations

import itertools
import re

import lxml.etree
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
    # Each row: the element, or the legal links among its children.
    rows: list[list[lxml.html.HtmlElement]] = []
    for element in body.iter("p", "li", "div", "td"):
        if len(element) < _LEGAL_MIN_LINKS:
            continue
        row = [element] if _is_link_row(element) else _legal_links(element)
        if row:
            rows.append(row)
    dropped: list[DroppedLine] = []
    for row in rows:
        if row[0].getparent() is not None:
            text = " ".join(collapse(text_of(element)) for element in row)
            dropped.append(DroppedLine(text=shorten(text), rule=Rule.LINK_ROW))
            for element in row:
                element.drop_tree()
    return dropped


# The links to a site's legal pages, in its footer: never the text's, however few and whatever
# stands beside them ("<div id='fuss'><p>Gemeinde …</p><a>Impressum</a> <a>Datenschutz</a>").
_LEGAL_LINKS = frozenset(
    (
        *("impressum", "imprint", "datenschutz", "datenschutzerklärung", "datenschutzhinweise"),
        *("barrierefreiheit", "erklärung zur barrierefreiheit", "barrierefreiheitserklärung"),
        *("agb", "nutzungsbedingungen", "cookie-einstellungen", "haftungsausschluss"),
        *("privacy policy", "terms of use", "accessibility"),
    )
)
_LEGAL_MIN_LINKS = 2
_BLOCK_TAGS = frozenset(("p", "div", "ul", "ol", "nav", "section", "h2", "h3", "h4", "table"))


def _legal_links(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The element's links to legal pages (`_LEGAL_LINKS`) when two or more of them stand side
    by side as its own children, parted by spaces or separator marks alone, on a line of their
    own (beside blocks only: an imprint line naming the publisher keeps them, its rule takes
    the whole line), with the site's address line beside them (`_is_address_line`); []
    otherwise."""
    links = [
        child
        for child in element.iterchildren("a")
        if not len(child) and collapse(child.text).casefold() in _LEGAL_LINKS
    ]
    if len(links) < _LEGAL_MIN_LINKS or (element.text or "").strip():
        return []
    if any(
        child.tag not in _BLOCK_TAGS and child not in links
        for child in element.iterchildren(lxml.etree.Element)
    ):
        return []
    if not all(
        _LINK_ROW_SEPARATORS_RE.match(link.tail or "") and link.getnext() is following
        for link, following in itertools.pairwise(links)
    ):
        return []
    return [*(child for child in element.iterchildren("p") if _is_address_line(child)), *links]


# The site's address beside its legal links: "Gemeinde A · Hauptstraße 2 · 12345 Ort", a postcode
# among a few parts parted by marks, no sentence.
_ADDRESS_POSTCODE_RE = re.compile(r"(?:^|[·|•]\s*)(?:[A-Z]{1,2}-)?\d{4,5}\s+[A-ZÄÖÜ]")
_ADDRESS_MAX_WORDS = 15


def _is_address_line(paragraph: lxml.html.HtmlElement) -> bool:
    text = collapse(text_of(paragraph))
    return (
        ("·" in text or "|" in text or "•" in text)
        and len(text.split()) <= _ADDRESS_MAX_WORDS
        and not text.endswith(".")
        and _ADDRESS_POSTCODE_RE.search(text) is not None
    )


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
