"""Two versions of a text side by side: word-level differences as segments a template escapes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Words and the whitespace between them, each a token: joining the tokens gives the text back,
# line breaks included, and a word compares equal wherever it stands in its line.
_TOKEN = re.compile(r"\s+|\S+")
# Above this many tokens on a side, compare whole lines instead: SequenceMatcher's time grows
# with the product of the lengths, and a page must come back in well under a second.
MAX_WORD_TOKENS = 20_000


@dataclass(frozen=True)
class Segment:
    text: str
    change: str  # "same", "removed" (only in the old text) or "added" (only in the new one)


@dataclass(frozen=True)
class SideBySide:
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    removed_words: int
    added_words: int


def _tokens(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    if len(tokens) > MAX_WORD_TOKENS:
        return text.splitlines(keepends=True)
    return tokens


def _words(tokens: list[str]) -> int:
    return sum(len(token.split()) for token in tokens)


def side_by_side(old: str, new: str) -> SideBySide:
    """The old text with what the new one dropped marked "removed", and the new text with what
    it added marked "added"; runs of one kind are merged into one segment."""
    a, b = _tokens(old), _tokens(new)
    left: list[Segment] = []
    right: list[Segment] = []
    removed = added = 0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(Segment("".join(a[i1:i2]), "same"))
            right.append(Segment("".join(b[j1:j2]), "same"))
            continue
        if i2 > i1:
            left.append(Segment("".join(a[i1:i2]), "removed"))
            removed += _words(a[i1:i2])
        if j2 > j1:
            right.append(Segment("".join(b[j1:j2]), "added"))
            added += _words(b[j1:j2])
    return SideBySide(tuple(left), tuple(right), removed, added)
