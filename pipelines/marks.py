"""The body's elements that have attributes, collected in one pass for the class-word lookups of
bylines, dates, breadcrumbs and microdata; and a date printed under its label in any element."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from crawler.model.dates import (
    PUBLISHED_LABEL_RE,
    ParsedDate,
    classify_date_line,
    find_date_in_text,
    labelled_published_date,
)
from pipelines.credits import BYLINE_ITEMS_SPLIT_RE, INFO_SPLIT_RE, ROLE_CREDIT_RE
from pipelines.info_lines import is_initials_credit
from pipelines.tree import collapse, text_of

# The class, id and itemprop words of the date and byline sources. They are looked up
# in one pass over the body (`MarkedElements`); contains() in XPath is case-sensitive, and so
# are these ("Author", "Date" are listed apart).
# Elements whose class or id says they hold the article's date ("date", "datum", "publish" …).
_DATE_TAGS = frozenset({"time", "span", "div", "p", "li", "small", "header", "footer"})
_DATE_CLASS_RE = re.compile("date|Date|datum|time|publish|byline|dateline")
_DATE_ID_RE = re.compile("date|time|publish")
# A printed update line's element ("Aktualisiert: …").
_UPDATED_TAGS = frozenset({"p", "span", "div", "time", "small", "li"})
_UPDATED_CLASS_RE = re.compile("updat|modif|aktualis|date|meta")
# Class words as CMSs name the byline, in German and English ("writer", "verfasser" too, which
# trafilatura's author XPaths also know); also rel="author", itemprop="author" and a
# data-component naming a "Byline"; a column's author box is its "columnist".
BYLINE_CLASS_RE = re.compile(
    "author|Author|byline|Byline|autor|writer|verfasser|columnist|Columnist|kolumnist|Kolumnist"
)

# (element, tag, class, id, itemprop, rel, data-component) of a body element with attributes.
_Marked = tuple[lxml.html.HtmlElement, str, str, str, str, str, str]


class MarkedElements:
    """The body's elements that have attributes, in document order, found in one pass when a
    class-word lookup first needs them; each lookup then filters them in Python.

    One XPath of contains() tests per lookup costs far more: libxml2 evaluates every test on
    every element (~2 µs an element with the byline's ten tests, ~2.5 ms on a 1,100-element
    page, against ~0.8 ms for this pass and ~25 µs on a small page against ~75 µs).
    """

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        self.tree = tree
        self._found: list[_Marked] | None = None
        self._byline: list[lxml.html.HtmlElement] | None = None

    def all(self) -> list[_Marked]:
        if self._found is None:
            found: list[_Marked] = []
            bodies = list(self.tree.iter("body"))
            # The descendants of every body once (a body inside a body is one of them).
            outer = [b for b in bodies if not any(a.tag == "body" for a in b.iterancestors())]
            for body in outer:
                for element in body.iterdescendants(lxml.etree.Element):
                    # Its attributes' names once: most have one or two, read alone.
                    names = element.keys()
                    if not names:
                        continue
                    get = element.get
                    found.append(
                        (
                            element,
                            element.tag,
                            get("class") or "" if "class" in names else "",
                            get("id") or "" if "id" in names else "",
                            get("itemprop") or "" if "itemprop" in names else "",
                            get("rel") or "" if "rel" in names else "",
                            get("data-component") or "" if "data-component" in names else "",
                        )
                    )
            self._found = found
        return self._found

    def byline(self) -> list[lxml.html.HtmlElement]:
        # Several steps of a page's metadata ask for them.
        if self._byline is None:
            self._byline = [
                m[0]
                for m in self.all()
                # Many have no class, which no class word is in: no search for those.
                if (m[2] and BYLINE_CLASS_RE.search(m[2]))
                or m[5] == "author"
                or m[4] == "author"
                or "Byline" in m[6]
            ]
        return self._byline

    def dates(self) -> list[lxml.html.HtmlElement]:
        return [
            m[0]
            for m in self.all()
            if m[1] in _DATE_TAGS and (_DATE_CLASS_RE.search(m[2]) or _DATE_ID_RE.search(m[3]))
        ]

    def updated(self) -> list[lxml.html.HtmlElement]:
        return [
            m[0] for m in self.all() if m[1] in _UPDATED_TAGS and _UPDATED_CLASS_RE.search(m[2])
        ]

    def breadcrumb_links(self) -> list[lxml.html.HtmlElement]:
        """The links of the breadcrumb trail: in an element whose class, id or ARIA label says
        "crumb", or that is a schema.org BreadcrumbList."""
        links: dict[lxml.html.HtmlElement, None] = {}
        for m in self.all():
            element = m[0]
            if (
                "crumb" in m[2].lower()
                or "crumb" in m[3].lower()
                or "BreadcrumbList" in (element.get("itemtype") or "")
                or "crumb" in (element.get("aria-label") or "").lower()
            ):
                links.update(
                    dict.fromkeys(a for a in element.iter("a") if a.get("href") is not None)
                )
        return list(links)

    def microdata(self, itemprops: frozenset[str]) -> list[lxml.html.HtmlElement]:
        return [m[0] for m in self.all() if m[4] in itemprops and m[1] != "meta"]


# The elements a printed publication label opens, and the longest line it heads.
_LABEL_TAGS = ("td", "th", "p", "div", "span", "li", "small", "dd", "b", "strong", "font")
_LABEL_LINE_CHARS = 100
# An issue line's items besides its day: the issue's number, the volume, the week ("Nr. 11",
# "Ausgabe 14/2025", "76. Jahrgang", "KW 38/2024").
_ISSUE_ITEM_RE = re.compile(
    r"(?:Ausgabe\s+)?(?:Nr\.\s*)?\d{1,3}(?:\s*/\s*\d{4})?|\d{1,3}\.\s*Jahrgang"
    r"|Jahrgang\s+\d{1,3}|KW\s*\d{1,2}(?:\s*/\s*\d{4})?"
)
_ISSUE_LABEL_RE = re.compile(r"^Ausgabe\s+(?:vom\s+)?")


def labelled_date(tree: lxml.html.HtmlElement) -> ParsedDate | None:
    """The day a line printed anywhere in the body gives under a publication label, with no
    class naming it a date ("Erscheinungstag: 27. November 2026" in a header cell,
    "<b>Veröffentlicht am</b> 3. März 2026"), or an issue line's ("Ausgabe vom Freitag, 14.
    März 2025 | Nr. 11"): the label's element's line, or its parent's when the label is set
    apart."""
    for element in tree.iter(*_LABEL_TAGS):
        opening = element.text.lstrip() if element.text else ""
        issue = opening.startswith("Ausgabe")
        if not issue and not PUBLISHED_LABEL_RE.match(opening):
            continue
        for line in (element, element.getparent()):
            text = collapse(text_of(line)) if line is not None else ""
            if len(text) > _LABEL_LINE_CHARS:
                continue
            found = issue_date(text) if issue else labelled_published_date(text)
            if found is not None:
                return found
    return None


def issue_date(line: str) -> ParsedDate | None:
    """The day of an issue line: "Ausgabe" and the issue's day, its number, volume or week
    beside it ("Ausgabe vom Freitag, 14. März 2025 | Nr. 11 | 76. Jahrgang", "Ausgabe 14/2025 –
    Donnerstag, 3. April 2025"); None for a line with anything else (a sentence, a deadline)."""
    items = [item.strip() for item in BYLINE_ITEMS_SPLIT_RE.split(line) if item.strip()]
    if not items or not items[0].startswith("Ausgabe"):
        return None
    days = [_ISSUE_LABEL_RE.sub("", item) for item in items if not _ISSUE_ITEM_RE.fullmatch(item)]
    if len(days) != 1 or classify_date_line(days[0]) != "date":
        return None
    return find_date_in_text(days[0])


# A byline item: "Von Karl Weber", "By Ann Lee".
_BYLINE_ITEM_RE = re.compile(r"^(?:Von|By)\s+[A-ZÄÖÜ]")
# Lines longer than this are text, not an info line.
_INFO_LINE_CHARS = 120
_INFO_LINE_TAGS = ("p", "div", "span", "small", "li")


def info_line_date(tree: lxml.html.HtmlElement) -> ParsedDate | None:
    """The date opening an info line whose other item credits the desk or the writer ("24.07.2025
    · Redaktion: (kw)"): the day the item was published, as the line prints it."""
    for element in tree.iter(*_INFO_LINE_TAGS):
        if len(element.text_content()) > 2 * _INFO_LINE_CHARS:
            continue
        text = collapse(text_of(element))
        items = [item.strip() for item in INFO_SPLIT_RE.split(text) if item.strip(" .")]
        if (
            len(text) <= _INFO_LINE_CHARS
            and len(items) >= 2
            and classify_date_line(items[0]) is not None
            and any(_credits(item) for item in items[1:])
        ):
            return find_date_in_text(items[0])
    return None


def _credits(item: str) -> bool:
    return bool(
        is_initials_credit(item) or ROLE_CREDIT_RE.match(item) or _BYLINE_ITEM_RE.match(item)
    )
