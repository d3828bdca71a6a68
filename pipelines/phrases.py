"""The phrase rules in the order a line is checked against them, and the first that drops it."""

from __future__ import annotations

from pipelines.box_lines import BOX_LINE_RULES
from pipelines.clean_rules import PHRASE_RULES
from pipelines.closing_notes import CLOSING_NOTE_RULES
from pipelines.furniture import BOX_RULES, DATELINE_RULES, MORE_PHRASE_RULES
from pipelines.issue_lines import ISSUE_LINE_RULES
from pipelines.notices import NOTE_RULES

_PHRASE_RULES = (
    *(*PHRASE_RULES, *MORE_PHRASE_RULES, *DATELINE_RULES, *BOX_RULES, *NOTE_RULES, *BOX_LINE_RULES),
    *CLOSING_NOTE_RULES,
    *ISSUE_LINE_RULES,
)
# The phrase rules a line of n words is checked against (n up to the largest limit), in order.
_LONGEST_PHRASE = max(max_words for _rule, _regex, max_words, _gate in _PHRASE_RULES)
_PHRASE_RULES_BY_WORDS = tuple(
    tuple((rule, regex, gate) for rule, regex, max_words, gate in _PHRASE_RULES if n <= max_words)
    for n in range(_LONGEST_PHRASE + 2)
)


def phrase_rule(text: str, lowered: str, words: int) -> str | None:
    """The first phrase rule for a line of `words` words (`lowered`: its casefold()) whose gate
    (one of its words in the line, where it has any) and regex both let it drop the line."""
    for rule, regex, gate in _PHRASE_RULES_BY_WORDS[min(words, _LONGEST_PHRASE + 1)]:
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
