"""Credits and dates that old table layouts and credit fields print: the headline set in big
type, the date cell in the row over it, a newsroom field naming one person ("Redaktion: A")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import lxml.html

from crawler.model.dates import ParsedDate, find_date_in_text
from pipelines.agency_names import agency_names
from pipelines.big_type import title_block, title_element
from pipelines.marks import MarkedElements
from pipelines.names import split_credits
from pipelines.tree import collapse, text_of

# A date line is short: more words make it text.
_DATE_LINE_WORDS = 12
# A newsroom field naming one person: "Redaktion: A", "Redaktion: <span>A</span>".
_DESK_FIELD_RE = re.compile(r"^Redaktion\s*:\s*(?P<name>[^:|·•]{3,60})$")
# The blocks over the text are short: a longer one is the text (or holds it).
_INFO_BLOCK_CHARS = 200


def layout_title_date(elements: Iterable[lxml.html.HtmlElement], title: str) -> ParsedDate | None:
    """The date printed with a headline set in big type: in the block around it, else in a short
    row just above the block's row (a layout table's grey date cell over the headline's cell)."""
    block = title_block(elements, title)
    if block is None:
        return None
    found = find_date_in_text(collapse(text_of(block))[:2000])
    if found is not None or block.tag not in ("td", "th"):
        return found
    row = block.getparent()
    if row is None or row.tag != "tr":
        return None
    for above in itertools.islice(row.itersiblings("tr", preceding=True), 2):
        text = collapse(text_of(above))
        if text and len(text.split()) <= _DATE_LINE_WORDS:
            found = find_date_in_text(text)
            if found is not None:
                return found
    return None


def desk_field_writer(
    h1: lxml.html.HtmlElement | None, site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The one person a newsroom field in the short blocks between the headline and the text
    names ("Redaktion: A", "Redaktion: <span>A</span>"), asked when the page credits nobody
    else: the field then names the writer. A desk ("Redaktion: Lokales"), several people or a
    closing credits line name none."""
    if h1 is None:
        return ()
    blocks = itertools.takewhile(
        lambda block: len(text_of(block)) <= _INFO_BLOCK_CHARS,
        itertools.islice(h1.itersiblings(), 3),
    )
    elements = (e for block in blocks for e in block.iter())
    for element in itertools.islice(elements, 40):
        own = element.text if isinstance(element, lxml.html.HtmlElement) else None
        if not own or not own.lstrip().startswith("Redaktion"):
            continue
        match = _DESK_FIELD_RE.match(collapse(text_of(element)))
        people = split_credits([match.group("name")], site_keys)[0] if match else ()
        if len(people) == 1 and not _beside_agency_source(element):
            return people
    return ()


def _beside_agency_source(field: lxml.html.HtmlElement) -> bool:
    """Whether the field's info block names a news agency as the text's source ("<span>Anadolu
    Ajansı</span><span>Redaktion: A</span>"): the field then names who edited the agency's
    copy, no writer."""
    block = field.getparent()
    if block is None:
        return False
    # The field's own element may be the block's child or the block's only line ("<p>…</p>").
    while len(collapse(text_of(block))) <= len(collapse(text_of(field))):
        if (up := block.getparent()) is None:
            return False
        block, field = up, block
    lines = (collapse(text_of(child)) for child in itertools.islice(block, 8) if child is not field)
    return any(len(line) <= 60 and agency_names(line) for line in lines)


def layout_headline(
    h1: lxml.html.HtmlElement | None, marked: MarkedElements, title: str | None
) -> lxml.html.HtmlElement | None:
    """The headline element: the page's headline among its headings, else the element printing
    the title in big type (an old table layout's "<font size=5>"), or None."""
    if h1 is not None or not title:
        return h1
    return title_element((entry[0] for entry in marked.all()), title)
