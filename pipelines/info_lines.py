"""Items of an info line under the headline ("24.07.2025 · Redaktion: (kw)", "Lokales ·
14.05.2025 · Text: epd")."""

from __future__ import annotations

import re

from pipelines.credits import CREDIT_ROLES

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
