"""The phrase rules in the order a line is checked against them, and the first that drops it."""

from __future__ import annotations

import re

from pipelines.box_lines import BOX_LINE_RULES
from pipelines.clean_rules import PHRASE_RULES
from pipelines.closing_notes import CLOSING_NOTE_RULES
from pipelines.disclaimers import DISCLAIMER_RULES
from pipelines.furniture import BOX_RULES, DATELINE_RULES, MORE_PHRASE_RULES
from pipelines.issue_lines import ISSUE_LINE_RULES
from pipelines.notices import NOTE_RULES
from pipelines.phrase_starts import UNIVERSE, start_chars

_PHRASE_RULES = (
    *(*PHRASE_RULES, *DISCLAIMER_RULES, *MORE_PHRASE_RULES, *DATELINE_RULES, *BOX_RULES),
    *(*NOTE_RULES, *BOX_LINE_RULES, *CLOSING_NOTE_RULES),
    *ISSUE_LINE_RULES,
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


def _by_start() -> dict[str, _Rules]:
    """The rules by words for a line opening with each character of UNIVERSE: those whose
    regex, anchored at the line's start, can open with it, and those matching anywhere. Most
    rules name the words a line opens with, and most lines open with none of their letters."""
    starts = [start_chars(regex) for _rule, regex, _max_words, _gate in _PHRASE_RULES]
    tables: dict[tuple[bool, ...], _Rules] = {}

    def table(char: str) -> _Rules:
        keep = tuple(chars is None or char in chars for chars in starts)
        if keep not in tables:
            kept = zip(_PHRASE_RULES, keep, strict=True)
            tables[keep] = _by_words(tuple(rule for rule, k in kept if k))
        return tables[keep]

    # A character no regex names opens only the rules matching anywhere.
    named = frozenset().union(*(chars for chars in starts if chars is not None))
    anywhere = table("")
    return {char: table(char) if char in named else anywhere for char in UNIVERSE}


# The phrase rules a line of n words is checked against (n up to the largest limit), in order;
# by its first character, where UNIVERSE has it (an empty line meets them all).
_PHRASE_RULES_BY_WORDS = _by_words(_PHRASE_RULES)
_PHRASE_RULES_BY_START = _by_start()


def phrase_rule(text: str, lowered: str, words: int) -> str | None:
    """The first phrase rule for a line of `words` words (`lowered`: its casefold()) whose gate
    (one of its words in the line, where it has any) and regex both let it drop the line."""
    by_words = _PHRASE_RULES_BY_START.get(text[:1], _PHRASE_RULES_BY_WORDS)
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
