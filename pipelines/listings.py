"""Small boxes beside the text read as lines: the words a box's surroundings hold, a box's
lines split at its <br> elements, and boxes of listings under their label (dates, events),
removed before extraction. Helpers and a pass for pipelines.blocks."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import SENTENCE_END_RE, collapse, shorten, text_of


def has_words(element: lxml.html.HtmlElement, count: int) -> bool:
    """True when the element's text has `count` words or more. The text around a box is often
    the whole article: its words are split only as far as the count."""
    return len(text_of(element).split(None, count)) >= count


# A label over listings beside the text: "Termine im Bezirk", "Veranstaltungstipps", "Nächste
# Termine:", "Was ist los in Talheim?", the Swiss "Agenda" ("Kulturagenda", "Agenda der
# Region"); a club's next match or date ("Nächstes Heimspiel", "Kommende Spiele", "Nächster
# Termin", "Vorschau"). Only as a box's label: a subheading of the text may say the same over
# the text's own dates.
_LISTING_LABEL_RE = re.compile(
    r"^(?:(?:Weitere|Aktuelle|Nächste|Unsere|Die nächsten) )?(?:Termine|Veranstaltungen"
    r"|Veranstaltungstipps|Veranstaltungskalender|Events|Termintipps?|Ausgehtipps"
    r"|(?:Kultur|Freizeit|Veranstaltungs|Event|Ausgeh|Wochen|Regional)?agenda)(?: (?:im|in"
    r"|aus|der|des|für|am|zum|zur|rund um) [^.!?:]{2,40})?\s*:?$|^Was ist los\b[^.!:]{0,30}\??$"
    r"|^(?:(?:Die )?(?:Nächste[rns]?|Kommende[rns]?) (?:Heim|Auswärts|Pflicht|Punkt)?(?:spiel"
    r"|partie|termin|gegner|spieltag|begegnung)(?:e|en)?|(?:Spiel)?vorschau)\s*:?$",
    re.IGNORECASE,
)
_LISTING_LABEL_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "div", "span"))
_LISTING_MAX_ITEMS = 6
_LISTING_MAX_ITEM_WORDS = 15


def drop_listing_boxes(boxes: list[lxml.html.HtmlElement]) -> list[DroppedLine]:
    """Remove a small box of listings beside the text: a label of dates or events over one to
    six short lines that are no sentences ("<h4>Termine im Bezirk</h4><p>Adventkonzert in der
    Pfarre, 6. Dezember, 18 Uhr</p>"). It may sit in a sidebar: the text beside it is then a
    level or two further up."""
    dropped: list[DroppedLine] = []
    for box in boxes:
        children = [child for child in box if isinstance(child.tag, str)]
        if not 2 <= len(children) <= _LISTING_MAX_ITEMS + 1:
            continue
        if children[0].tag not in _LISTING_LABEL_TAGS or box.getparent() is None:
            continue
        label = collapse(text_of(children[0]))
        if len(label) > 60 or not _LISTING_LABEL_RE.match(label):
            continue
        items = [
            collapse(text_of(item))
            for child in children[1:]
            for item in (child.findall("li") if child.tag in ("ul", "ol") else [child])
        ]
        if all(child.tag == "br" for child in children[1:]):
            lines = br_lines(box)  # "<b>Nächstes Spiel</b><br>Sa., 18 Uhr: A – B"
            items = lines[1:] if lines[:1] == [label] else []
        if not 1 <= len(items) <= _LISTING_MAX_ITEMS or not all(
            item
            and len(item.split()) <= _LISTING_MAX_ITEM_WORDS
            and not SENTENCE_END_RE.search(item)
            for item in items
        ):
            continue
        text = collapse(" ".join(box.itertext()))
        words = len(text.split())
        if any(has_words(a, words * 3) for a in itertools.islice(box.iterancestors(), 3)):
            box.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.MORE_TOPICS)))
    return dropped


def br_lines(box: lxml.html.HtmlElement) -> list[str]:
    """The box's text split at its <br> elements, each line collapsed, empty ones left out."""
    return [line for line in map(collapse, br_text(box).split("\n")) if line]


def br_text(box: lxml.html.HtmlElement, mark: str = "\n") -> str:
    """The box's text with `mark` for each of its <br> elements."""
    parts = [box.text or ""]

    def walk(element: lxml.html.HtmlElement) -> None:
        for child in element:
            if child.tag == "br":
                parts.append(mark)
            elif isinstance(child.tag, str):
                parts.append(child.text or "")
                walk(child)
            parts.append(child.tail or "")

    walk(box)
    return "".join(parts)
