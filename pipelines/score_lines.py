"""A match report's result line that the page sets as a paragraph of the text ("<p><strong>HSG A
– TSG B 28:24 (13:12)</strong></p>" among the report's paragraphs): the report's opening line,
which the line rules take for a score box beside the text by its words alone. A result in a
box of its own (a <div> or <span> above or beside the text) stays a score box."""

from __future__ import annotations

from collections.abc import Iterable

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.box_lines import SCORE_LINE_RE
from pipelines.clean_rules import Rule
from pipelines.tree import among_paragraphs, collapse, text_of


def score_paragraphs(tree: lxml.html.HtmlElement, dropped: Iterable[DroppedLine]) -> frozenset[str]:
    """The result lines among `dropped` as score boxes that are paragraphs of the text on the
    page: a <p> holding the line alone, beside two paragraphs of the text or more."""
    rule = str(Rule.STATS_BOX)
    scores = {line.text for line in dropped if line.rule == rule and SCORE_LINE_RE.match(line.text)}
    if not scores:  # most pages: no tree walk
        return frozenset()
    return frozenset(
        text
        for paragraph in tree.iter("p")
        if (text := collapse(text_of(paragraph))) in scores and among_paragraphs(paragraph)
    )
