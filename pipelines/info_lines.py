"""Items of an info line under the headline ("24.07.2025 · Redaktion: (kw)", "Lokales ·
14.05.2025 · Text: epd"), and the values of an info box's rows under their labels."""

from __future__ import annotations

import re

from pipelines.clean_rules import SENTENCE_END_RE, Rule
from pipelines.credits import CREDIT_ROLES
from pipelines.notices import DURATION_ITEM_RE

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
