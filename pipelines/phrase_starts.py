"""The characters a regex anchored at the text's start can open a match with, and the pairs of
characters, read from the regex's parsed form: a line opening with others cannot match it."""

from __future__ import annotations

import functools
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

# A match's first characters, each as a pattern of one character ("(?i:[a-c])").
_Prefix = tuple[str, ...]
# What a part of a pattern opens with: the prefixes that end where the reading ends (as long
# as asked, or shorter where it stops following the pattern: the empty prefix says nothing),
# and the prefixes after which the part is over and the pattern's next part follows.
_Prefixes = tuple[frozenset[_Prefix], frozenset[_Prefix]]
_UNKNOWN: _Prefixes = (frozenset({()}), frozenset())
_EMPTY: _Prefixes = (frozenset(), frozenset({()}))


def start_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters of UNIVERSE a match of `regex` can open with, when it matches at the
    text's start only and never the empty string; None when it may match elsewhere, may be
    empty, or opens with what this reading does not follow (any character, a back reference).

    Each opening character class is matched against UNIVERSE by `re` itself, with the case
    rule in force where it stands, so the set is what the regex accepts there.
    """
    prefixes = _start_prefixes(regex, 1)
    if prefixes is None:
        return None
    return frozenset().union(*(_chars(prefix[0]) for prefix in prefixes))


def start_pairs(
    regex: re.Pattern[str],
) -> list[tuple[frozenset[str], frozenset[str] | None]] | None:
    """What a match of `regex` can open with, as `start_chars`, in pairs: characters it can
    open with and those its second character can then be (None: any, or a match of one)."""
    prefixes = _start_prefixes(regex, 2)
    if prefixes is None:
        return None
    seconds: dict[str, set[str] | None] = {}
    for first, *second in sorted(prefixes):
        known = seconds.setdefault(first, set())
        seconds[first] = None if known is None or not second else {*known, *second}
    return [
        (_chars(first), None if after is None else frozenset().union(*map(_chars, after)))
        for first, after in seconds.items()
    ]


def may_open(chars: frozenset[str] | None, text: str) -> bool:
    """Whether a match of the regex whose start set is `chars` (`start_chars`) can open `text`:
    its first character is in the set, or outside UNIVERSE, which the set does not cover."""
    first = text[:1]
    return chars is None or first in chars or (first != "" and first not in UNIVERSE)


def _start_prefixes(regex: re.Pattern[str], length: int) -> frozenset[_Prefix] | None:
    """The prefixes of at most `length` characters every match of `regex` opens with, none
    empty; None when it matches elsewhere than at the start or a prefix is empty."""
    if regex.flags & _OTHER_FLAGS or not regex.pattern.startswith(("^", "\\A", "(")):
        return None
    items = list(_parser.parse(regex.pattern, regex.flags))
    if not _anchored(items):
        return None
    ended, going = _sequence(items, bool(regex.flags & re.IGNORECASE), length)
    prefixes = ended | going
    return None if () in prefixes else prefixes


@functools.cache
def _chars(pattern: str) -> frozenset[str]:
    return frozenset(re.findall(pattern, UNIVERSE))


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


def _sequence(items: Any, ignore_case: bool, length: int) -> _Prefixes:
    """What the parts `items` open with, one after the other, up to `length` characters.
    Assertions take no character: passing them by only widens what a match opens with."""
    ended: set[_Prefix] = set()
    going: set[_Prefix] = {()}
    for op, av in items:
        step = functools.partial(_part, op, av, ignore_case)
        done, going = _extend(going, step, length)
        ended |= done
        if not going:
            break
    return frozenset(ended), frozenset(going)


def _extend(
    prefixes: set[_Prefix] | frozenset[_Prefix], step: Any, length: int
) -> tuple[set[_Prefix], set[_Prefix]]:
    """Each prefix followed by what `step(room)` opens with: those `length` long or ended, and
    those going on."""
    ended: set[_Prefix] = set()
    going: set[_Prefix] = set()
    for prefix in prefixes:
        done, more = step(length - len(prefix))
        ended.update(prefix + p for p in done)
        for p in more:
            (ended if len(prefix) + len(p) >= length else going).add(prefix + p)
    return ended, going


def _repeated(step: Any, low: int, high: int, length: int) -> _Prefixes:
    """What `low` to `high` repetitions of a part (`step(room)`) open with. Past `low`, each
    repetition that takes a character makes a prefix longer, so `length` more are enough."""
    ended: set[_Prefix] = set()
    going: set[_Prefix] = {()}
    over: set[_Prefix] = set()
    last = min(high, low + length)
    for count in range(last + 1):
        if count >= low:
            over |= going
        if count == last or not going:
            break
        done, going = _extend(going, step, length)
        ended |= done
    return frozenset(ended), frozenset(over)


def _part(op: Any, av: Any, ignore_case: bool, room: int) -> _Prefixes:
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN):
        node = _character(op, av, ignore_case)
        return _UNKNOWN if node is None else (frozenset(), frozenset({(node,)}))
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        case = ignore_case or bool(add_flags & re.IGNORECASE)
        return _sequence(sub, case and not del_flags & re.IGNORECASE, room)
    if op is _sre.BRANCH:
        branches = [_sequence(alternative, ignore_case, room) for alternative in av[1]]
        return (
            frozenset().union(*(b[0] for b in branches)),
            frozenset().union(*(b[1] for b in branches)),
        )
    if op in _REPEATS:
        low, high, sub = av
        return _repeated(lambda r: _sequence(sub, ignore_case, r), low, high, room)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av, ignore_case, room)
    return _UNKNOWN


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
