"""A news feed box in the HTML tree: time-stamped links to the site's other items."""

from __future__ import annotations

import re
from itertools import islice

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

# An entry of a news ticker or feed box: a time of day and one link, the headline of another
# item ("08:31 <a>Rat billigt Gesetz</a>", "<a><b>9.15 Uhr</b> Brücke gesperrt</a>"). Nothing
# else stands beside them, so a sentence holding a time and a link is no entry.
_ENTRY_RE = re.compile(r"^(?:[01]?\d|2[0-3])[:.][0-5]\d(?: Uhr)?\s+(?P<headline>\S.*)$")
_ENTRY_TAGS = ("p", "li", "div")
_DIGIT_RE = re.compile(r"\d")
_HEADLINE_MIN_WORDS = 2
# An entry is a few elements: the time's, the link's and their inline markup. Counting no
# further keeps the test cheap on the large containers of a page.
_ENTRY_MAX_ELEMENTS = 6
# What may stand beside the entries in the box: its label ("Nachrichtenband", "Ticker").
_LABEL_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "span", "strong", "b", "p", "div"))
_LABEL_MAX_WORDS = 3
_BOX_TAGS = frozenset(("div", "ul", "ol", "section", "aside", "nav"))


def drop_news_feeds(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove news feed entries, and their box when it holds nothing else but a short label.

    A feed box beside the article lists the latest items of the site by their time; outside
    the article's container trafilatura may still keep a line of it as the text's last one.
    """
    body = tree.find("body")
    if body is None:
        return []
    # An entry holds a link within its few elements: only a link's near ancestors can be one.
    near_links = {
        ancestor
        for link in body.iter("a")
        if _time_beside(link)
        for ancestor in islice(link.iterancestors(_ENTRY_TAGS), _ENTRY_MAX_ELEMENTS - 1)
    }
    if not near_links:
        return []  # no element can be an entry: the walk over the body's blocks is not needed
    entries: list[lxml.html.HtmlElement] = []
    for element in body.iter(_ENTRY_TAGS):
        if element not in near_links:
            continue
        if any(entry in element.iterancestors() for entry in entries[-1:]):
            continue
        if _is_entry(element):
            entries.append(element)
    boxes: dict[lxml.html.HtmlElement, None] = {}
    for entry in entries:
        parent = entry.getparent()
        if parent is not None and parent.tag in _BOX_TAGS and _only_entries(parent, entries):
            boxes[parent] = None
        else:
            boxes[entry] = None
    dropped: list[DroppedLine] = []
    for box in boxes:
        if box.getparent() is not None:
            text = shorten(collapse(text_of(box)))
            dropped.append(DroppedLine(text=text, rule=Rule.TEASER_LINK_BLOCK))
            box.drop_tree()
    return dropped


def _time_beside(link: lxml.html.HtmlElement) -> bool:
    """True when a digit stands at the link's start or right before it, where an entry's time
    is: in the link or its first child, in the element before it, or in the text before it."""
    previous = link.getprevious()
    parent = link.getparent()
    texts = (
        link.text or "",
        (link[0].text or "") if len(link) else "",
        (previous.text or "") if previous is not None else "",
        (previous.tail if previous is not None else parent.text if parent is not None else "")
        or "",
    )
    return _DIGIT_RE.search("".join(texts)) is not None


def _is_entry(element: lxml.html.HtmlElement) -> bool:
    if len(list(islice(element.iter(), _ENTRY_MAX_ELEMENTS + 1))) > _ENTRY_MAX_ELEMENTS:
        return False
    # The one link first: most small elements of a page (a paragraph of text) hold none, and
    # their text is then never read.
    links = list(islice(element.iter("a"), 2))
    if len(links) != 1 or links[0].get("href") is None:
        return False
    match = _ENTRY_RE.match(collapse(text_of(element)))
    if match is None:
        return False
    headline = match.group("headline")
    if len(headline.split()) < _HEADLINE_MIN_WORDS:
        return False
    return collapse(text_of(links[0])).endswith(headline)


def _only_entries(box: lxml.html.HtmlElement, entries: list[lxml.html.HtmlElement]) -> bool:
    """True when the box holds entries and at most a short label without a link besides."""
    if (box.text or "").strip():
        return False
    for child in box:
        if child in entries or not isinstance(child.tag, str):
            continue
        if (
            child.tag not in _LABEL_TAGS
            or next(child.iter("a"), None) is not None
            or len(text_of(child).split()) > _LABEL_MAX_WORDS
        ):
            return False
    return True
