"""A note on where the text was first published, in a box of its own beside the text
("Erstveröffentlichung: RIA Novosti", "Zuerst erschienen bei der dpa"): the line rules drop such
a note inside the text as a print note; one in a box the text extraction never takes is dropped
here, so that the news agency it names is read as the text's supplier the same way
(`pipelines.credits.text_agencies`)."""

from __future__ import annotations

from collections.abc import Iterable

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.agency_names import supplying_agencies
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

# How a first-publication note opens, case folded: looked at on the box's first text only.
_ORIGIN_OPENINGS = ("erstveröffentlich", "zuerst ", "erstmals ", "ursprünglich ")
# The most words of such a note: a label and an agency's name, maybe a date.
_ORIGIN_MAX_WORDS = 10


def drop_origin_notes(boxes: Iterable[lxml.html.HtmlElement]) -> list[DroppedLine]:
    """Remove the boxes (containers without nested ones) that are a first-publication note
    naming a news agency; "Erstveröffentlichung: Wochenblatt Talheim" names none and stays for
    the line rules."""
    dropped: list[DroppedLine] = []
    for box in boxes:
        first = box.text if box.text and box.text.strip() else (box[0].text if len(box) else "")
        if not (first or "").lstrip()[:20].casefold().startswith(_ORIGIN_OPENINGS):
            continue
        text = collapse(text_of(box))
        if (
            box.getparent() is None
            or len(text.split()) > _ORIGIN_MAX_WORDS
            or classify_line(text) != Rule.PRINT_NOTE
            or not supplying_agencies(text)
        ):
            continue
        box.drop_tree()
        dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PRINT_NOTE)))
    return dropped
