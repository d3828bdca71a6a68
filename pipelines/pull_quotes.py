"""Pull quotes: a sentence of the text repeated in large type beside it, removed from the HTML
tree before extraction."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import MarkWords, collapse, shorten, text_of

_QUOTE_WORD_RE = re.compile(r"\w+")
_PULL_QUOTE_REACH = 4
# A pull quote's own mark, on the <blockquote> or on the box around it ("pullquote",
# "wp-block-pullquote", "pull-quote", "article__pullout"). "quote" or "zitat" alone mark any
# quotation.
_PULL_QUOTE_MARK_RE = MarkWords(r"pull[-_]?(?:quote|out)")
# What a marked box holds beside its quote: the quoted person's name.
_SOURCE_TAGS = frozenset({"cite", "figcaption", "footer"})


def drop_pull_quotes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove pull quotes: a short <blockquote> whose words the text around it all prints.

    A magazine repeats a sentence of the text, shortened, in large type ("„Die Jungen wollen
    nicht vor der Flamme sitzen“" beside "… wollen die Jungen lieber ins Büro als vor einer
    heißen Flamme sitzen", sagt er."), next to the passage it comes from, or in the reported
    speech the passage turns it into ("„Ich schließe …“" beside "sie schließen …"). A quotation in a
    <blockquote> is printed once: its words are not all in the blocks beside it, so it stays,
    unless its mark names it a pull quote (`_marked_box`): a pull quote may sum up the passage in
    words of its own.
    """
    dropped: list[DroppedLine] = []
    for quote in list(tree.iter("blockquote")):
        text = collapse(text_of(quote))
        words = _QUOTE_WORD_RE.findall(text.casefold())
        parent = quote.getparent()
        if not 3 <= len(words) <= 30 or parent is None:
            continue
        marked = _marked_box(quote, parent)
        if marked is not None:
            marked.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PULL_QUOTE)))
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


def _marked_box(
    quote: lxml.html.HtmlElement, parent: lxml.html.HtmlElement
) -> lxml.html.HtmlElement | None:
    """The pull quote's box when its mark names it one: the <blockquote>, or the box around it
    holding nothing but the quote and its source ("<figure class='wp-block-pullquote'>")."""
    if _PULL_QUOTE_MARK_RE.search(f"{quote.get('class') or ''} {quote.get('id') or ''}"):
        return quote
    if not _PULL_QUOTE_MARK_RE.search(f"{parent.get('class') or ''} {parent.get('id') or ''}"):
        return None
    alone = not (parent.text or "").strip() and all(
        child is quote or child.tag in _SOURCE_TAGS for child in parent
    )
    return parent if alone else None


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
