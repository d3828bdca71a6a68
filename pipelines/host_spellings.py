"""How a host spells the umlauts of a name: "Süd" is "sued" (or "sud") in "ort-sued.de"."""

from __future__ import annotations

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
