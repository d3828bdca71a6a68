"""Headings of a page that names itself in its <h1>: the logo's or the page's name over the
item's own headline in an <h2>."""

from __future__ import annotations

import itertools

import lxml.etree
import lxml.html

from crawler.model.dates import classify_date_line, find_date_in_text
from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

# How many words a logo or page-name <h1> and the headline <h2> after it have between them at
# most (a notice, a date line, a menu, a page's intro line): an <h1> headline has its lead and
# text before any <h2>.
LOGO_GAP_WORDS = 40
# How many blocks after the <h1>'s wrapper are looked at (an intro, a rule, a notice), and
# how many <h2> after the item's.
_INTRO_BLOCKS = 5
_HEADINGS = 12
# The fewest words of an item's headline: a shorter <h2> is a box's ("Termin", "Anfahrt").
_HEADLINE_WORDS = 3


def words_between(first: lxml.html.HtmlElement, second: lxml.html.HtmlElement) -> int:
    """The words printed after `first` and before `second` (a notice, a date), counted up to
    one more than a logo's gap: a headline's text before the <h2> is far longer."""
    words = 0
    for node in first.xpath("following::text()"):
        parent = node.getparent()
        if parent is second or (parent is not None and second in parent.iterancestors()):
            break
        words += len(node.split())
        if words > LOGO_GAP_WORDS:
            break
    return words


def dated_item_heading(h1: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The <h2> of the one dated item on a page whose <h1> names the page ("Spielberichte 1.
    Mannschaft" over a report's "<h2>Moral bewiesen …</h2><p>Mo, 15. September 2025</p>"):
    the first <h2> after it, a short intro at most between them, with a date line of its own
    right below, none beside the <h1> and no other dated <h2> after it. None on an article
    (text or a dated <h1> before its <h2>) and on a page of several dated items (a list, a
    timeline)."""
    wrapper = _wrapper(h1)
    words, heading, block = 0, None, wrapper
    # The blocks after the <h1>'s wrapper, until one holds an <h2> or the words are more than
    # an intro's: an article's lead stops the walk at once.
    for block in itertools.islice(wrapper.itersiblings(lxml.etree.Element), _INTRO_BLOCKS):
        heading = _opening_h2(block)
        if heading is not None:
            break
        words += _words_upto(block, LOGO_GAP_WORDS + 1 - words)
        if words > LOGO_GAP_WORDS:
            return None
    if (
        heading is None
        or not _HEADLINE_WORDS <= len(text_of(heading).split()) <= LOGO_GAP_WORDS
        or not _date_line_beside(heading)
        or _date_line_beside(h1, preceding=True)
        or _date_line_beside(h1)
    ):
        return None
    # Another dated <h2> in the same block or the blocks after it: a list's item.
    later = itertools.chain(
        itertools.islice(block.iter("h2"), 1, None),
        (
            h2
            for after in itertools.islice(block.itersiblings(), _HEADINGS)
            for h2 in after.iter("h2")
        ),
    )
    if any(_date_line_beside(h2) for h2 in itertools.islice(later, _HEADINGS)):
        return None
    return heading


def drop_page_intro(headline: lxml.html.HtmlElement | None) -> list[DroppedLine]:
    """Remove the blocks between a page's <h1> and the item's headline <h2> after it, both
    alone in blocks side by side (a site builder's modules): the page's intro line ("Hier
    findet ihr alle Berichte …"), a notice or a rule over the item, a logo's slogan; a few words
    at most (`LOGO_GAP_WORDS`). The item's own text comes after its headline."""
    if headline is None or headline.tag != "h2":
        return []
    page_h1 = next(iter(headline.xpath("preceding::h1[1]")), None)
    if page_h1 is None:
        return []
    top, end = _wrapper(page_h1), _wrapper(headline)
    if end.getparent() is not top.getparent() or end.getparent() is None:
        return []
    between = list(itertools.takewhile(lambda b: b is not end, top.itersiblings()))
    text = collapse(" ".join(collapse(text_of(block)) for block in between))
    if len(between) == len(list(top.itersiblings())) or len(text.split()) > LOGO_GAP_WORDS:
        return []
    for block in between:
        block.drop_tree()
    return [DroppedLine(text=shorten(text), rule=str(Rule.KICKER))] if text else []


def _opening_h2(block: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The <h2> a block opens with (itself, or its first child's, a few levels down)."""
    element: lxml.html.HtmlElement | None = block
    for _ in range(4):
        if element is None or element.tag == "h2":
            return element
        element = element[0] if len(element) and not (element.text or "").strip() else None
    return None


def _words_upto(element: lxml.html.HtmlElement, limit: int) -> int:
    """The words of `element`'s text, counted up to `limit`."""
    words = 0
    for text in element.itertext():
        # maxsplit: a long text node (a script's) is not split whole.
        words += len(text.split(maxsplit=limit - words))
        if words >= limit:
            break
    return words


def _wrapper(heading: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost element holding the heading alone (a module's <div>, a cell and its row):
    its only child, with no text beside it."""
    wrapper = heading
    while (
        (up := wrapper.getparent()) is not None
        and len(up) == 1
        and not (up.text or "").strip()
        and not (wrapper.tail or "").strip()
    ):
        wrapper = up
    return wrapper


def _date_line_beside(heading: lxml.html.HtmlElement, preceding: bool = False) -> bool:
    """True when the block right after (or before) the heading, or the wrapper holding it
    alone, is a line printing a day and nothing more ("Mo, 15. September 2025")."""
    sibling = next(_wrapper(heading).itersiblings(preceding=preceding), None)
    if sibling is None:
        return False
    text = collapse(text_of(sibling))
    return classify_date_line(text) is not None and find_date_in_text(text) is not None
