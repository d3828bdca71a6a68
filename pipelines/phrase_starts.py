"""The characters a regex anchored at the text's start can open a match with, read from the
regex's parsed form: a line opening with another character cannot match it."""

from __future__ import annotations

import importlib
import re
from typing import Any

# The parser `re` compiles with: the same reading of the pattern as the matching.
_parser: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("re._constants")

# The characters the start sets are spelled out over: Latin letters, their punctuation and
# the typographic marks (quotes, dashes, bullets, arrows, €). A line opening with any other
# character meets every rule.
UNIVERSE = "".join(map(chr, (*range(0x300), *range(0x2000, 0x2200))))

_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
# Flags under which "^" or a character class means something else than read here.
_OTHER_FLAGS = re.MULTILINE | re.ASCII | re.LOCALE


def start_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters of UNIVERSE a match of `regex` can open with, when it matches at the
    text's start only and never the empty string; None when it may match elsewhere, may be
    empty, or opens with what this reading does not follow (any character, a back reference).

    Each opening character class is matched against UNIVERSE by `re` itself, with the case
    rule in force where it stands, so the set is what the regex accepts there.
    """
    if regex.flags & _OTHER_FLAGS or not regex.pattern.startswith(("^", "\\A", "(")):
        return None
    items = list(_parser.parse(regex.pattern, regex.flags))
    if not _anchored(items):
        return None
    opening = _opening(items, bool(regex.flags & re.IGNORECASE))
    if opening is None or opening[1]:
        return None
    return frozenset(re.findall("|".join(dict.fromkeys(opening[0])), UNIVERSE))


def may_open(chars: frozenset[str] | None, text: str) -> bool:
    """Whether a match of the regex whose start set is `chars` (`start_chars`) can open `text`:
    its first character is in the set, or outside UNIVERSE, which the set does not cover."""
    first = text[:1]
    return chars is None or first in chars or (first != "" and first not in UNIVERSE)


def _anchored(items: list[Any]) -> bool:
    """Whether the pattern can match at the text's start only ("^", "\\A", alternatives that
    all open with one)."""
    if not items:
        return False
    op, av = items[0]
    if op is _sre.AT:
        return av in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING)
    if op is _sre.SUBPATTERN:
        return _anchored(list(av[3]))
    if op is _sre.BRANCH:
        return all(_anchored(list(alternative)) for alternative in av[1])
    return False


def _opening(items: list[Any], ignore_case: bool) -> tuple[list[str], bool] | None:
    """The single-character patterns a match of `items` can open with, and whether the match
    can be empty; None where the reading stops. Assertions take no character: passing them
    by only widens the set."""
    patterns: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        inner: tuple[list[str], bool] | None
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN):
            node = _character(op, av, ignore_case)
            return None if node is None else ([*patterns, node], False)
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            case = ignore_case or bool(add_flags & re.IGNORECASE)
            inner = _opening(list(sub), case and not del_flags & re.IGNORECASE)
        elif op is _sre.BRANCH:
            inner = _union([_opening(list(alternative), ignore_case) for alternative in av[1]])
        elif op in _REPEATS:
            low, _high, sub = av
            inner = _opening(list(sub), ignore_case)
            if inner is not None and low == 0:
                inner = (inner[0], True)
        elif op is _sre.ATOMIC_GROUP:
            inner = _opening(list(av), ignore_case)
        else:
            return None
        if inner is None:
            return None
        patterns += inner[0]
        if not inner[1]:
            return patterns, False
    return patterns, True


def _union(openings: list[tuple[list[str], bool] | None]) -> tuple[list[str], bool] | None:
    patterns: list[str] = []
    empty = False
    for opening in openings:
        if opening is None:
            return None
        patterns += opening[0]
        empty = empty or opening[1]
    return patterns, empty


def _character(op: Any, av: Any, ignore_case: bool) -> str | None:
    """A pattern of one character as the parsed one, with the case rule in force there."""
    if op is _sre.LITERAL:
        body = re.escape(chr(av))
    elif op is _sre.NOT_LITERAL:
        body = f"[^{re.escape(chr(av))}]"
    else:
        parts: list[str] = []
        for kind, value in av:
            if kind is _sre.NEGATE:
                parts.append("^")
            elif kind is _sre.LITERAL:
                parts.append(re.escape(chr(value)))
            elif kind is _sre.RANGE:
                parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _sre.CATEGORY and value in _CATEGORIES:
                parts.append(_CATEGORIES[value])
            else:
                return None
        body = f"[{''.join(parts)}]"
    return f"(?{'i' if ignore_case else '-i'}:{body})"
