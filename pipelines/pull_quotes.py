"""Pull quotes: a sentence of the text repeated in large type beside it, removed from the HTML
tree before extraction."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

_QUOTE_WORD_RE = re.compile(r"\w+")
_PULL_QUOTE_REACH = 4


def drop_pull_quotes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove pull quotes: a short <blockquote> whose words the text around it all prints.

    A magazine repeats a sentence of the text, shortened, in large type ("„Die Jungen wollen
    nicht vor der Flamme sitzen“" beside "… wollen die Jungen lieber ins Büro als vor einer
    heißen Flamme sitzen", sagt er."), next to the passage it comes from, or in the reported
    speech the passage turns it into ("„Ich schließe …“" beside "sie schließen …"). A quotation in a
    <blockquote> is printed once: its words are not all in the blocks beside it, so it stays.
    """
    dropped: list[DroppedLine] = []
    for quote in list(tree.iter("blockquote")):
        text = collapse(text_of(quote))
        words = _QUOTE_WORD_RE.findall(text.casefold())
        parent = quote.getparent()
        if not 3 <= len(words) <= 30 or parent is None:
            continue
        # The passage it repeats is printed beside it: the few blocks before and after.
        near = [
            *itertools.islice(quote.itersiblings(preceding=True), _PULL_QUOTE_REACH),
            *itertools.islice(quote.itersiblings(), _PULL_QUOTE_REACH),
        ]
        around = " ".join(
            text_of(sibling) for sibling in near if isinstance(sibling, lxml.html.HtmlElement)
        )
        if _repeats(set(words), set(_QUOTE_WORD_RE.findall(around.casefold()))):
            quote.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PULL_QUOTE)))
    return dropped


# The speaker's own words a report turns into the third person ("„Ich müsste schließen“" is
# "sie müsste schließen" in the text): first and second person pronouns and possessives.
_SPEAKER_WORDS = frozenset(
    (
        *("ich", "mich", "mir", "wir", "uns", "du", "dich", "dir"),
        *("mein", "meine", "meinen", "meinem", "meiner", "meines"),
        *("unser", "unsere", "unseren", "unserem", "unserer", "unseres"),
        *("dein", "deine", "deinen", "deinem", "deiner", "deines"),
    )
)


def _repeats(words: set[str], around: set[str]) -> bool:
    """True when the text beside a quote prints all its words: the same, or in reported speech,
    the speaker's pronouns turned and a verb's ending changed ("schließen" / "schließe").
    Those may be a quarter of the words; the rest the text prints as they are."""
    missing = words - around
    if len(missing) * 4 > len(words):
        return False
    return all(
        word in _SPEAKER_WORDS
        or (len(word) >= 5 and any(other.startswith(word[:-2]) for other in around))
        for word in missing
    )
