"""Keys of lines by their letters and digits alone, to find the headline repeated in the text
(however its punctuation and case differ), and the text glued after it."""

from __future__ import annotations

import unicodedata

from pipelines.clean_rules import NON_ALNUM_RE


def alnum_key(text: str) -> str:
    """Letters and digits only, case-folded: "„Nullniveau“!" and '"nullniveau"' compare equal.
    As tree.text_key: a word without marks is kept whole, the others filtered by character."""
    words = unicodedata.normalize("NFC", text).casefold().split()
    return "".join([w if w.isalnum() else "".join(filter(str.isalnum, w)) for w in words])


def cut_after_alnum(text: str, title: str) -> str:
    """The part of `text` after the characters that spell `title` (ignoring punctuation)."""
    needed = len(alnum_key(title))
    seen = 0
    cut = len(text)
    for index, ch in enumerate(text):
        if not NON_ALNUM_RE.match(ch):
            seen += len(ch.casefold())
            if seen >= needed:
                cut = index + 1
                break
    rest = text[cut:]
    # The title's own closing characters ('"auf Nullniveau"' ends on a quote) go with it.
    trailing = title[len(title.rstrip("\"“”»«'’)!?")) :]
    if trailing and rest.lstrip().startswith(trailing.strip()):
        rest = rest.lstrip()[len(trailing.strip()) :]
    elif rest[:1] in "\"“”»«'’)!?" and (len(rest) < 2 or rest[1].isspace()):
        rest = rest[1:]
    return rest.strip()
