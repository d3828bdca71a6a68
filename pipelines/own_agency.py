"""A news agency's own site: the agency no list knows credits itself by the code its dateline
prints ("MINSK, 22. Mai (LESNA) – …") when the page's Organization author or publisher is an
agency of that short name ("Lesnaja Nachrichtenagentur LESNA")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipelines.jsonld import json_authors, publisher_name

# The word an organisation calls itself a news agency by: "Nachrichtenagentur", "Presse-Agentur",
# "Telegrafenagentur", "Agentur X", "News Agency", "Agencia", "Ajansı"; not an advertising or PR
# agency ("Werbeagentur", "Digital Agency"), whose code in a dateline credits no news.
_AGENCY_WORD_RE = re.compile(
    r"(?:Nachrichten|Presse|Telegra(?:f|ph)en|Depeschen)-?[Aa]gentur\b|\bAgentur\b"
    r"|\b(?:News|Press|Telegraph)\s+Agency\b|\bAgenc(?:[ij]a|e)\b|\bAjans",
    re.IGNORECASE,
)
# The organisation's short name: an all-capital word of its name ("LESNA", "UNIAN").
_CODE_RE = re.compile(r"\b[A-ZÄÖÜ]{2,10}\b")
# The meta tags naming the site's publisher.
_PUBLISHER_KEYS = ("publisher", "dc.publisher")


def agency_codes(names: Iterable[str]) -> frozenset[str]:
    """The short names of the organisations in `names` that call themselves a news agency:
    "Lesnaja Nachrichtenagentur LESNA" gives {"LESNA"}; "Redaktion RNZ", "Werbeagentur ABC"
    none."""
    codes: set[str] = set()
    for name in names:
        # Every agency word has "agen" or "ajans": most names skip the regex.
        lowered = name.casefold()
        if ("agen" in lowered or "ajans" in lowered) and _AGENCY_WORD_RE.search(name):
            codes.update(_CODE_RE.findall(name))
    return frozenset(codes)


def site_agency_codes(
    articles: list[dict[str, Any]], metas: dict[str, list[str]]
) -> frozenset[str]:
    """The codes (`agency_codes`) of the JSON-LD articles' Organization authors and
    publishers and the publisher meta tags: the page's own agency, no writer."""
    names = [
        *(
            name
            for obj in articles
            for name, is_person in json_authors(obj.get("author"))
            if not is_person
        ),
        *(name for obj in articles if (name := publisher_name(obj))),
        *(value for key in _PUBLISHER_KEYS for value in metas.get(key, [])),
    ]
    return agency_codes(names)
