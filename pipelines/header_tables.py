"""Tables of an item's header before its text: "label | value" rows before the headline, and
an agency's service row (the item's number, section and time)."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.dates import classify_date_line
from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of


def drop_header_tables(h1: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a table of "label | value" rows right before the headline: the item's header
    (service, receipt time, embargo, version), as an agency or archive portal prints it; and a
    service row before the text (`_is_service_row`)."""
    dropped: list[DroppedLine] = []
    siblings = list(h1.itersiblings("table", preceding=True))
    # A service row may sit in a box of the page's header, or between the headline and text.
    after = h1.getnext()
    service = [*h1.xpath("preceding::table"), *([after] if after is not None else [])]
    for table in dict.fromkeys([*siblings, *service]):
        rows = table.xpath("tr|*/tr")
        label_rows = all(
            [cell.tag for cell in row.iterchildren("th", "td")] == ["th", "td"] for row in rows
        )
        if (table in siblings and len(rows) >= 2 and label_rows) or (
            table.tag == "table" and len(rows) == 1 and _is_service_row(rows[0])
        ):
            text = " · ".join(collapse(" ".join(row.itertext())) for row in rows)
            table.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.STATS_BOX)))
    return dropped


# An item's number in a service row: "Meldung Nr. 88213", "Nr. 4711/2026", "ID: A-2207",
# "Meldungs-ID 5521", "Item #318".
_ITEM_NUMBER_RE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w-]*\s+)?(?:Nr\.|No\.|Nummer|[\w-]*ID|#)\s*:?\s*#?[A-Z]{0,3}-?\d[\w/.-]*$"
)


def _is_service_row(row: lxml.html.HtmlElement) -> bool:
    """True for a row of an agency's service data: the item's number and its date or time, with
    at most a section word or two beside them ("Meldung Nr. 88213 | Politik | 01.12.2026 08:45
    MEZ"). A row of data (a result, a price, an event's date and place) numbers no item."""
    kinds = [
        "number"
        if _ITEM_NUMBER_RE.match(cell)
        else "date"
        if classify_date_line(cell)
        else "section"
        if 1 <= len(cell.split()) <= 2 and not any(map(str.isdigit, cell))
        else None
        for cell in (collapse(text_of(cell)) for cell in row.iterchildren("th", "td"))
    ]
    return None not in kinds and {"number", "date"} <= set(kinds) and len(kinds) <= 6
