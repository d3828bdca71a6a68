"""The headline of a page without an <h1>: the <h2> heading the text, worded otherwise than
the metadata headline."""

from __future__ import annotations

import re

import lxml.html

from pipelines.big_type import big_type
from pipelines.tree import collapse, text_key, text_of

# The parts of a page around the article, whose headings are none of its own.
_FRAME_TAGS = frozenset(("nav", "aside", "footer", "header"))
# A paragraph this long before the heading is text: the heading does not head it.
_TEXT_WORDS = 12
_WORD_RE = re.compile(r"\w+")


def reworded_headline(tree: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement | None:
    """The first <h2> outside the page's navigation, header, side column and footer, of three
    to forty words and with no paragraph of text before it, when it shares most of its words
    and most of the metadata headline's (`title`): the page's own wording of the headline
    ("Neue Fährverbindung zwischen Kaliningrad und Sankt Petersburg" for a <title> "Neue
    Fährverbindung Kaliningrad – St. Petersburg"). An <h2> naming the section ("Aktuelles aus
    der Gemeinde") may head the item, its headline the <h3> after it: that one, on the same
    terms. None otherwise, and for a page whose first such <h2> says something else. With no
    <h2>, the first text set in big type, on the same terms (an old layout's `<font size=5>`
    headline, the <title> shortening it)."""
    body = tree.find("body")
    if body is None:
        return None
    heading = next(
        (h2 for h2 in body.iter("h2") if not any(a.tag in _FRAME_TAGS for a in h2.iterancestors())),
        None,
    )
    if heading is None:
        # A big type spelling the title is found by the title's own lookup.
        big = next(big_type(tree), None)
        if big is None or text_key(text_of(big)) == text_key(title):
            return None
        return big if _rewords(big, title) else None
    if _rewords(heading, title):
        return heading
    following = next(iter(heading.xpath("following::h3[1]")), None)
    return following if following is not None and _rewords(following, title) else None


def _rewords(heading: lxml.html.HtmlElement, title: str) -> bool:
    """True when `heading` is of three to forty words, no paragraph of text stands before it,
    and it shares most of its words and most of `title`'s."""
    if not 3 <= len(collapse(text_of(heading)).split()) <= 40:
        return False
    if any(len(text_of(p).split()) >= _TEXT_WORDS for p in heading.xpath("preceding::p")):
        return False
    words = set(_WORD_RE.findall(text_of(heading).casefold()))
    title_words = set(_WORD_RE.findall(title.casefold()))
    shared = len(words & title_words)
    return shared >= 3 and 2 * shared > len(words) and 2 * shared > len(title_words)
