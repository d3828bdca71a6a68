"""Items of an info line under the headline ("24.07.2025 · Redaktion: (kw)", "Lokales ·
14.05.2025 · Text: epd"), the values of an info box's rows under their labels, and the items of
a site's imprint line in its footer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.box_lines import ADDRESS_LINE_RE
from pipelines.clean_rules import SENTENCE_END_RE, Rule
from pipelines.credits import CREDIT_ROLES
from pipelines.notices import DURATION_ITEM_RE
from pipelines.release_blocks import CONTACT_LINE_RE

# A desk's credit of an editor's initials, in brackets or not: "Redaktion: (kw)", "Text: hb/tl".
_INITIALS_CREDIT_RE = re.compile(
    r"^(?P<role>[A-ZÄÖÜ][\w-]+)\s*:\s*(?:\([a-z]{2,5}(?:/[a-z]{2,5})?\)|[a-z]{2,5}(?:/[a-z]{2,5})?)$"
)


def is_initials_credit(item: str) -> bool:
    """True for a credit role before an editor's initials ("Redaktion: (kw)"): no author."""
    match = _INITIALS_CREDIT_RE.match(item.strip())
    return match is not None and match.group("role").casefold() in CREDIT_ROLES


def is_label_word(text: str) -> bool:
    """A capitalised word of letters alone: a section label ("Lokales", "Politik")."""
    word = text.strip()
    return word.isalpha() and word[:1].isupper() and len(word) >= 3


# The labels of an info box's rows whose values no other line rule knows: a reading time, and the
# section ("Rubrik: Lokales").
_READING_TIME_LABELS = frozenset(("lesezeit", "lesedauer"))
_SECTION_LABELS = frozenset(("rubrik", "ressort", "kategorie"))


def label_value_rule(label: str, value: str) -> str | None:
    """The rule of an info box's value on the line under its label, a term list's row whose
    label went as one ("Lesezeit" over "2 Minuten", "Rubrik:" over "Lokales"): a reading time, or
    a section of three words at most; a sentence under such a word is the text's."""
    key = label.casefold().rstrip(": ")
    if key in _READING_TIME_LABELS:
        return Rule.READING_TIME if DURATION_ITEM_RE.match(value) else None
    if key in _SECTION_LABELS and len(value.split()) <= 3 and not SENTENCE_END_RE.search(value):
        return Rule.KICKER
    return None


# The items of a site's imprint line: its publisher, a company ("Fachverlag Obermayr GmbH",
# "Verlag Georg Prechtl KG"); its address, a street and number or a postcode and town; its phone
# or e-mail; the footer's links; and names (the site's, the town's).
_COMPANY_RE = re.compile(r"\b(?:GmbH|mbH|AG|KG|SE|eG|OHG|UG|GbR)\b|\be\.\s?V\.|[Vv]erlag")
_POSTCODE_PLACE_RE = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5} [A-ZÄÖÜ][\w.-]*(?: [\w.-]+){0,2}$")
_FOOTER_LINKS = frozenset(("impressum", "datenschutz", "datenschutzerklärung", "kontakt", "agb"))
_NAME_ITEM_RE = re.compile(r"^[A-ZÄÖÜ][\w.&'’-]*(?: [\w.&'’-]+){0,5}$")
_IMPRINT_MIN_ITEMS = 3


def is_imprint(items: Sequence[str]) -> bool:
    """True for the items of a site's imprint line ("Hollerbacher Anzeiger · Verlag Georg
    Prechtl KG · Marktstraße 3 · Hollerbach", "Gemeinde Au · Rathausplatz 1 · 88489 Au · Tel.
    07352 9310-0"): three items or more, each a name or a part of the imprint, and two kinds of
    those at least (a company, an address, a phone or e-mail, a footer link). A line of names
    (sponsors) or of an event's place and time is no imprint."""
    if len(items) < _IMPRINT_MIN_ITEMS:
        return False
    kinds: set[str] = set()
    for item in (item.strip() for item in items):
        if _COMPANY_RE.search(item) and len(item.split()) <= 8:
            kinds.add("company")
        elif ADDRESS_LINE_RE.match(item) or _POSTCODE_PLACE_RE.match(item):
            kinds.add("address")
        elif CONTACT_LINE_RE.search(item):
            kinds.add("contact")
        elif item.casefold().rstrip(" .:") in _FOOTER_LINKS:
            kinds.add("link")
        elif not _NAME_ITEM_RE.match(item) or SENTENCE_END_RE.search(item):
            return False
    return len(kinds) >= 2
