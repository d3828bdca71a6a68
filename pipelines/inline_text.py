"""Text in elements that trafilatura's cleaning deletes whole, kept as plain text where it is
part of the article's text."""

from __future__ import annotations

import lxml.html

# Inline elements a <time> may sit in within a sentence: "bis <strong><time>…</time></strong>".
_INLINE_TAGS = frozenset(("strong", "b", "em", "i", "span", "a", "small", "mark", "u", "abbr"))


def keep_time_text(tree: lxml.html.HtmlElement) -> None:
    """Unwrap each <time> that is part of a sentence or a table cell.

    trafilatura deletes <time> elements with their text before it extracts, so "Die Frist
    endet am <time>2. Mai</time>." came out as "Die Frist endet am ." and a table's date cells
    came out empty. A <time> with words beside it in its block, or in a table cell, loses only
    its tag; a <time> with none (a dateline, a live ticker's entry time) still goes, as the
    page's dates are read from the tree before this. A hidden one is no text a reader sees.
    """
    for time in list(tree.iter("time")):
        if "hidden" not in time.attrib and _in_text(time):
            time.drop_tag()


def keep_quote_sources(tree: lxml.html.HtmlElement) -> None:
    """Turn the <footer> of a quotation in a <blockquote> into a paragraph.

    trafilatura deletes <footer> elements with their text, the site's footer, and with it the
    line naming the quoted person under a quotation ("<blockquote><p>„…“</p><footer>Name,
    Verband</footer></blockquote>"): a line of the text, as the quotation is. A pull quote goes
    with its source before this (pipelines.pull_quotes).
    """
    for footer in list(tree.iter("footer")):
        if any(ancestor.tag == "blockquote" for ancestor in footer.iterancestors()):
            footer.tag = "p"


def _in_text(time: lxml.html.HtmlElement) -> bool:
    """True when words stand beside `time` in its block (the block's own text and the tails
    of its children, through inline elements holding nothing else), or it is in a table cell."""
    node = time
    while (parent := node.getparent()) is not None:
        if parent.tag in ("td", "th"):
            return True
        own = (parent.text or "") + "".join(child.tail or "" for child in parent)
        if any(ch.isalnum() for ch in own):
            return True
        if parent.tag not in _INLINE_TAGS:
            return False
        node = parent
    return False
