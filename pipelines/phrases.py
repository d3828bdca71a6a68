"""The phrase rules in the order a line is checked against them, and the first that drops it."""

from __future__ import annotations

import re

from pipelines.box_lines import BOX_LINE_RULES
from pipelines.clean_rules import PHRASE_RULES
from pipelines.closing_notes import CLOSING_NOTE_RULES
from pipelines.consent_lines import CONSENT_BANNER_RULES
from pipelines.disclaimers import DISCLAIMER_RULES
from pipelines.furniture import BOX_RULES, DATELINE_RULES, MORE_PHRASE_RULES
from pipelines.issue_lines import ISSUE_LINE_RULES
from pipelines.notices import NOTE_RULES
from pipelines.phrase_starts import UNIVERSE, start_pairs

_PHRASE_RULES = (
    *(*PHRASE_RULES, *DISCLAIMER_RULES, *MORE_PHRASE_RULES, *DATELINE_RULES, *BOX_RULES),
    *(*NOTE_RULES, *BOX_LINE_RULES, *CLOSING_NOTE_RULES),
    *(*ISSUE_LINE_RULES, *CONSENT_BANNER_RULES),
)
_LONGEST_PHRASE = max(max_words for _rule, _regex, max_words, _gate in _PHRASE_RULES)

_Table = tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]
_Rules = tuple[_Table, ...]


def _by_words(rules: tuple[tuple[str, re.Pattern[str], int, tuple[str, ...]], ...]) -> _Rules:
    limits = {max_words for _rule, _regex, max_words, _gate in rules}
    tables: list[_Table] = []
    for n in range(_LONGEST_PHRASE + 2):
        # The same rules as for one word less unless one of them stops at that many words.
        if not tables or n - 1 in limits:
            table = tuple((rule, regex, gate) for rule, regex, limit, gate in rules if n <= limit)
        tables.append(table)
    return tuple(tables)


# A rule is looked up by a line's second character only where that is one of a few: a set as
# large as a class of letters ("[A-ZÄÖÜ]\\w") would keep it for nearly every line anyway.
_MOST_SECONDS = 64


def _seconds(
    pairs: list[tuple[frozenset[str], frozenset[str] | None]],
) -> dict[str, frozenset[str]]:
    """The second characters a rule's match can have after each first character it opens
    with, where they are few (`start_pairs`); after the others, any."""
    free = frozenset().union(
        *(firsts for firsts, seconds in pairs if seconds is None or len(seconds) > _MOST_SECONDS)
    )
    found: dict[str, frozenset[str]] = {}
    for firsts, seconds in pairs:
        if seconds is not None and len(seconds) <= _MOST_SECONDS:
            for char in firsts - free:
                found[char] = found.get(char, frozenset()) | seconds
    return found


class _ByStart:
    """The rules by words for a line by its first two characters: those whose regex, anchored
    at the line's start, can open with them, and those matching anywhere. Most rules name the
    words a line opens with, and most lines open with none of them."""

    def __init__(self) -> None:
        pairs = [start_pairs(regex) for _rule, regex, _max_words, _gate in _PHRASE_RULES]
        starts = [
            None if found is None else frozenset().union(*(firsts for firsts, _ in found))
            for found in pairs
        ]
        seconds = [{} if found is None else _seconds(found) for found in pairs]
        self._tables: dict[tuple[bool, ...], _Rules] = {}
        # A character no regex names opens only the rules matching anywhere.
        named = frozenset().union(*(chars for chars in starts if chars is not None))
        firsts = {char: tuple(chars is None or char in chars for chars in starts) for char in named}
        anywhere = self._table(tuple(chars is None for chars in starts))
        # Where the second character is beyond UNIVERSE, or there is none: by the first.
        self.by_first = {
            char: self._table(firsts[char]) if char in named else anywhere for char in UNIVERSE
        }
        # Where it is in UNIVERSE: the rules that take any second character after the first...
        self.by_first_free = {
            char: self._table(
                tuple(k and char not in s for k, s in zip(firsts[char], seconds, strict=True))
            )
            if char in named
            else anywhere
            for char in UNIVERSE
        }
        # ... and, after a first character some rules take few seconds after, those too.
        self.by_pair: dict[str, _Rules] = {}
        for char, keep in firsts.items():
            for second in frozenset().union(*(s.get(char, ()) for s in seconds)):
                self.by_pair[char + second] = self._table(
                    tuple(
                        k and (char not in s or second in s[char])
                        for k, s in zip(keep, seconds, strict=True)
                    )
                )

    def _table(self, keep: tuple[bool, ...]) -> _Rules:
        if keep not in self._tables:
            kept = zip(_PHRASE_RULES, keep, strict=True)
            self._tables[keep] = _by_words(tuple(rule for rule, k in kept if k))
        return self._tables[keep]


# The phrase rules a line of n words is checked against (n up to the largest limit), in order;
# by its first two characters, where UNIVERSE has them (an empty line meets them all).
_PHRASE_RULES_BY_WORDS = _by_words(_PHRASE_RULES)
_BY_START = _ByStart()
_BY_PAIR = _BY_START.by_pair
_BY_FIRST = _BY_START.by_first
_BY_FIRST_FREE = _BY_START.by_first_free
_UNIVERSE = frozenset(UNIVERSE)


def phrase_rule(text: str, lowered: str, words: int) -> str | None:
    """The first phrase rule for a line of `words` words (`lowered`: its casefold()) whose gate
    (one of its words in the line, where it has any) and regex both let it drop the line."""
    by_words = _BY_PAIR.get(text[:2])
    if by_words is None:
        by_first = _BY_FIRST_FREE if text[1:2] in _UNIVERSE else _BY_FIRST
        by_words = by_first.get(text[:1], _PHRASE_RULES_BY_WORDS)
    for rule, regex, gate in by_words[min(words, _LONGEST_PHRASE + 1)]:
        # A plain loop over the gate's words: any(map(…)) costs more per rule.
        for word in gate:
            if word in lowered:
                break
        else:
            if gate:
                continue
        if regex.search(text):
            return rule
    return None
