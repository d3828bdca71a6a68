"""How a host spells a name: its umlauts ("Süd" is "sued" or "sud" in "ort-sued.de"), and some
of its words cut to their initials ("SV Blau-Weiß Rottenau 1921" is "svbw-rottenau1921.de");
and the domain a host's site registers."""

from __future__ import annotations

import re

_HOST_SPELLINGS = (
    str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}),
    str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "A", "Ö": "O", "Ü": "U"}),
)
# The characters the spellings replace; and their spellings in a key (`spells_key`).
_HOST_SPELLED_CHARS = frozenset("äöüßÄÖÜ")
_KEY_SPELLINGS = (("ae", "oe", "ue"), ("a", "o", "u"))


def host_spellings(text: str) -> tuple[str, ...]:
    """The text as hosts spell its umlauts; none for a text without them, which every spelling
    leaves as it is (a text with one differs from each of its spellings)."""
    if _HOST_SPELLED_CHARS.isdisjoint(text):
        return ()
    return tuple(text.translate(spelling) for spelling in _HOST_SPELLINGS)


def spells_key(key: str, keys: frozenset[str]) -> bool:
    """Whether a text's key (`pipelines.tree.text_key`) is one of `keys`, also as a host spells
    its umlauts: the key of a spelling of the text is the key spelled so, as casefold() has
    made "ß" "ss" and "Ä" "ä" already (and makes no other character one of "äöü")."""
    if key in keys:
        return True
    return ("ä" in key or "ö" in key or "ü" in key) and any(
        key.replace("ä", ae).replace("ö", oe).replace("ü", ue) in keys
        for ae, oe, ue in _KEY_SPELLINGS
    )


# Where a name parts its words: spaces and hyphens ("Blau-Weiß" is two words, "b" and "w").
_WORD_SPLIT_RE = re.compile(r"[\s-]+")
# A name's legal form, which hosts leave out ("e.V.", "GmbH"), and its founding year, which
# some keep ("rottenau1921").
_LEGAL_FORMS = frozenset(("ev", "gmbh", "ggmbh", "mbh", "ag", "kg", "eg"))
_YEAR_RE = re.compile(r"(?:18|19|20)\d\d")
# The most words a name spelled with initials has, and the fewest it cuts to initials.
_INITIALS_MAX_WORDS = 8
_FEWEST_INITIALS = 2


def spells_with_initials(name: str, keys: frozenset[str]) -> bool:
    """Whether a host's label (a key without a period or a closing hyphen) spells `name` with
    some of its words cut to their initials, two at least, and one of four letters or more
    whole: "SV Blau-Weiß Rottenau 1921 e.V." as "svbwrottenau1921" (or "svbwrottenau"),
    "Freiwillige Feuerwehr Talheim" as "fftalheim". A name the label spells whole, or in
    initials alone, is another rule's."""
    words = ["".join(filter(str.isalnum, word.casefold())) for word in _WORD_SPLIT_RE.split(name)]
    while words and words[-1] in _LEGAL_FORMS:
        words.pop()
    if not 3 <= len(words) <= _INITIALS_MAX_WORDS or not all(words):
        return False
    labels = [k for k in keys if "." not in k and not k.endswith("-") and k[0] == words[0][0]]
    if not labels:
        return False
    forms = [words, words[:-1]] if _YEAR_RE.fullmatch(words[-1]) else [words]
    for ae, oe, ue in (("ä", "ö", "ü"), *_KEY_SPELLINGS):
        for form in forms:
            spelled = [w.replace("ä", ae).replace("ö", oe).replace("ü", ue) for w in form]
            if any(_spelled(spelled, label) for label in labels):
                return True
    return False


def _spelled(words: list[str], key: str, initials: int = 0, whole: bool = False) -> bool:
    """Whether `key` is `words`, each whole or as its initial (see `spells_with_initials`)."""
    if not words:
        return not key and initials >= _FEWEST_INITIALS and whole
    word, rest = words[0], words[1:]
    return (
        key.startswith(word) and _spelled(rest, key[len(word) :], initials, whole or len(word) >= 4)
    ) or (key[:1] == word[0] and _spelled(rest, key[1:], initials + 1, whole))


# The second-level labels under a country's code that register no site of their own: "com.tr",
# "co.uk", "com.au", "or.at", "gv.at".
_SECOND_LEVEL_LABELS = frozenset(("com", "co", "org", "net", "gov", "ac", "edu", "or", "gv", "ne"))


def registrable_domain(host: str) -> str:
    """Last two labels of a host ("de.rt.com" -> "rt.com"), three under a country's
    second-level label ("www.site.com.tr" -> "site.com.tr"); good enough for link locality."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL_LABELS:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) if len(labels) >= 2 else host.lower()
