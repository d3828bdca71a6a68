"""A dateline of its own: a place before a date ("Bad Talheim, 12.03.2026", "MINSK, 20. Mai
2025, 15:32"). Pure, for clean.py."""

from __future__ import annotations

import re
from collections.abc import Collection

from pipelines.agency_names import agency_names

# The place: one to three capitalised words, joined by spaces or hyphens ("Kastelruth-Tal",
# "Bad Talheim", "Wien"), or one to three words in capitals as a wire item prints them
# ("MINSK", "NEW YORK"); not an article or a preposition opening a phrase ("Die Sitzung, 4.
# Mai"); then a comma or a separator between spaces ("Wien · 20. Mai 2025").
PLACE_BEFORE_DATE_RE = re.compile(
    r"^(?!(?:Der|Die|Das|Den|Dem|Ein|Eine|Am|Im|Vom|Zum|Bis|Ab|Seit|Stand)\b)(?:(?:St\.\s?)?"
    r"[A-ZÄÖÜ][a-zäöüß]+(?:(?:[- ]|\s(?:am|an der|im|ob|bei)\s)[A-ZÄÖÜ][a-zäöüß]+){0,2}"
    r"|(?P<caps>[A-ZÄÖÜ]{2,}(?:[- ][A-ZÄÖÜ]{2,}){0,2}))"
    r"(?:,\s+|\s+[·|•–—-]\s+)(?=\D{0,15}\d)"
)


def date_after_place(text: str, authors: Collection[str]) -> str | None:
    """What follows the place of a line opening with one, to be read as a date; None when no
    place opens it. An author before a date is a byline, and a news agency's code in capitals
    ("AFP, 20. Mai 2025") a credit: neither is a place."""
    place = PLACE_BEFORE_DATE_RE.match(text)
    if place is None:
        return None
    name = text[: place.end()].rstrip(",·|•–—- ")
    if name in authors or (place.group("caps") and agency_names(name)):
        return None
    return text[place.end() :]
