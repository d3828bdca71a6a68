"""A table listing links to other articles under a teaser's label, as old table layouts print
their related list after the text: "Weitere Artikel aus Lokales" over rows of "» headline"."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean import classify_line
from pipelines.tree import collapse, shorten, text_of

# The label's row and two links at least; a longer table is no box beside the text.
_MIN_ROWS = 3
_MAX_ROWS = 15
_LABEL_MAX_WORDS = 8
# What a link's row holds beside the link: a bullet mark or a dash.
_BULLET_RE = re.compile(r"^[\s»›>•·*–-]*$")


def related_links_rule(table: lxml.html.HtmlElement) -> str | None:
    """The teaser rule of a table whose first row is a teaser's label ("Weitere Artikel aus
    Sport", "Mehr zum Thema") and whose other rows are each one link, maybe after a bullet
    mark; None for another table. A table of links under another label (a list of documents,
    "Unterlagen zur Sitzung") or with text beside its links is the text's."""
    rows = table.xpath("tr|*/tr")
    if not _MIN_ROWS <= len(rows) <= _MAX_ROWS or rows[0].find(".//a") is not None:
        return None
    for row in rows[1:]:
        links = row.findall(".//a")
        if len(links) != 1:
            return None
        rest = collapse(text_of(row)).replace(collapse(text_of(links[0])), "", 1)
        if not _BULLET_RE.match(rest):
            return None
    label = collapse(text_of(rows[0]))
    if not 1 <= len(label.split()) <= _LABEL_MAX_WORDS:
        return None
    rule = classify_line(label)
    return rule if rule is not None and rule.startswith("teaser:") else None


def drop_related_links_table(table: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove the table when it is a teaser's list of links (`related_links_rule`)."""
    rule = related_links_rule(table) if table.find(".//a") is not None else None
    if rule is None:
        return []
    text = " · ".join(collapse(text_of(row)) for row in table.xpath("tr|*/tr"))
    table.drop_tree()
    return [DroppedLine(text=shorten(text), rule=rule)]
