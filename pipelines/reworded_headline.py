"""The headline of a page without an <h1>: the <h2> heading the text, worded otherwise than
the metadata headline."""

from __future__ import annotations

import re

import lxml.html

from pipelines.tree import collapse, text_of

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
    Fährverbindung Kaliningrad – St. Petersburg"). None otherwise, and for a page whose first
    such <h2> says something else."""
    body = tree.find("body")
    if body is None:
        return None
    heading = next(
        (h2 for h2 in body.iter("h2") if not any(a.tag in _FRAME_TAGS for a in h2.iterancestors())),
        None,
    )
    if heading is None or not 3 <= len(collapse(text_of(heading)).split()) <= 40:
        return None
    if any(len(text_of(p).split()) >= _TEXT_WORDS for p in heading.xpath("preceding::p")):
        return None
    words = set(_WORD_RE.findall(text_of(heading).casefold()))
    title_words = set(_WORD_RE.findall(title.casefold()))
    shared = len(words & title_words)
    if shared >= 3 and 2 * shared > len(words) and 2 * shared > len(title_words):
        return heading
    return None
