"""A match report's result line or scorers line that the page sets as a paragraph of the text
("<p><strong>HSG A – TSG B 28:24 (13:12)</strong></p>", "<p><b>Tore:</b> 0:1 Rieker (18.), …</p>"
among the report's paragraphs): the report's own line, which the line rules take for a score
box beside the text by its words alone. A result in a box of its own (a <div> or <span> above or
beside the text) stays a score box. So do the match facts closing a report (line-ups, scorers,
attendance) in a box under a title; untitled among the paragraphs, they are the report's."""

from __future__ import annotations

import re
from collections.abc import Iterable

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.box_lines import SCORE_LINE_RE, SCORERS_LINE_RE
from pipelines.clean_rules import Rule
from pipelines.tree import among_paragraphs, collapse, text_of


def score_paragraphs(tree: lxml.html.HtmlElement, dropped: Iterable[DroppedLine]) -> frozenset[str]:
    """The result and scorers lines among `dropped` as score boxes that are paragraphs of the
    text on the page: a <p> holding the line alone, beside two paragraphs of the text or more,
    or a paragraph (a <p>, a bare <div>) of an untitled match facts box in the text."""
    rule = str(Rule.STATS_BOX)
    stats = [line.text for line in dropped if line.rule == rule]
    scores = {text for text in stats if SCORE_LINE_RE.match(text)}
    scorers = {text for text in stats if SCORERS_LINE_RE.match(text)}
    if not scores and not scorers:  # most pages: no tree walk
        return frozenset()
    return frozenset(
        text
        for paragraph in tree.iter("p", "div")
        if (paragraph.tag == "p" or not len(paragraph))
        and (
            (text := collapse(text_of(paragraph))) in scores
            # A scorers line styled by a class of its own is a box's ("p.scorers").
            or (text in scorers and not paragraph.get("class"))
        )
        # A line in a <div> of its own is a box, unless its box is the report's facts.
        and ((paragraph.tag == "p" and among_paragraphs(paragraph)) or _in_match_facts(paragraph))
    )


def _in_match_facts(paragraph: lxml.html.HtmlElement) -> bool:
    box = paragraph.getparent()
    return (
        box is not None
        and box.tag == "div"
        and untitled_match_facts(box, [collapse(text_of(child)) for child in box])
    )


# A match fact closing a report: a team's line-up ("SV Au: Brandl – Okafor, Meisner – Pohl"),
# the scorers, attendance, referee, cards ("Zuschauer: 14.200", "Schiedsrichter: K. Albers").
_MATCH_FACT_RE = re.compile(
    r"^(?:Tore|Torschützen|Zuschauer|Schiedsrichter(?:in)?|SR|Aufstellung|Gelbe Karten"
    r"|Gelb-Rote Karten?|Rote Karten?|Strafen|Besondere Vorkommnisse)\s*:\s*\S"
    r"|^[A-ZÄÖÜ0-9][^:–]{1,40}:\s*[^\W\d_][\w'’.-]+(?:,? [^\W\d_][\w'’.-]+)? – [^\W\d_]"
)


def untitled_match_facts(box: lxml.html.HtmlElement, lines: list[str]) -> bool:
    """True for a box of nothing but match facts, without a title ("Spielinfo", a result line),
    among the report's paragraphs: the report's closing paragraphs, set in a <div> of their own.
    A box under its title is set apart from the text (a match box)."""
    return all(map(_MATCH_FACT_RE.match, lines)) and among_paragraphs(box)
