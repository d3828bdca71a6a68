"""Agency credits set apart after the text: a source line under it ("Programm, 20.06.2026,
15:30 Uhr ; sda/baer"), "Mit Material von dpa" in the author box beside the writer's line. The
extraction leaves such boxes out with the text's other furniture, so they are read on the page,
in the few blocks that follow the text's last line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import lxml.html

from pipelines.headline_bylines import bylines_in
from pipelines.tree import text_key, text_of

# The elements a text's line may be printed in.
_LINE_TAGS = ("p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd")
# How many of the text's closing lines are looked for on the page.
_LAST_LINES = 3
# How far up from the last line the blocks after it are looked at, and how many at each level.
_LEVELS = 4
_BLOCKS_PER_LEVEL = 3
# A block after the text longer than this is another text or a teaser list, no credit box.
_BLOCK_CHARS = 300
_NOT_CREDITS = frozenset({"nav", "aside", "footer", "form", "ul", "ol"})
# How much of an element's text and of a line is keyed to tell them apart before keying all.
_HEAD_CHARS = 16
_LINE_HEAD_CHARS = 32


def credits_after_text(tree: lxml.html.HtmlElement, lines: Sequence[str]) -> list[str]:
    """The agency credit lines in the short blocks after the element that prints the text's
    last line (of the last three found): those next to it, then next to each of its first
    ancestors, nearest first."""
    last = _last_line_element(tree, lines)
    if last is None:
        return []
    blocks: list[lxml.html.HtmlElement] = []
    for element in itertools.islice(itertools.chain((last,), last.iterancestors()), _LEVELS):
        if element.tag in ("body", "html"):
            break
        for sibling in itertools.islice(element.itersiblings(), _BLOCKS_PER_LEVEL):
            if not isinstance(sibling, lxml.html.HtmlElement) or sibling.tag in _NOT_CREDITS:
                continue
            if len(text_of(sibling)) <= _BLOCK_CHARS:
                blocks.append(sibling)
    # A link ("<a><span>dpa</span> Headline</a>", a list of agency feeds) credits other pages.
    return bylines_in(blocks, agencies_only=True, links=False)


def _last_line_element(
    tree: lxml.html.HtmlElement, lines: Sequence[str]
) -> lxml.html.HtmlElement | None:
    """The element printing one of the text's last lines (the same letters and digits), the
    last line first."""
    last = [line for line in lines[-_LAST_LINES:] if any(map(str.isalnum, line.casefold()))]
    # Keys go by character (casefold, then the letters and digits), so the key of a text's head
    # is the head of its key: an element whose head differs from every line's is no line's,
    # which most are, and neither its whole text nor the lines' need keying.
    heads = [text_key(line.lstrip()[:_LINE_HEAD_CHARS]) for line in last]
    keys: dict[int, str] = {}

    def line_key(index: int) -> str:
        if index not in keys:
            keys[index] = text_key(last[index])
        return keys[index]

    # The first letter or digit of each line's key, which most elements' first character
    # already differs from (unless it is a mark, or a line's head holds none).
    firsts = None if "" in heads else {head[0] for head in heads}
    # The last element printing a line is the first one from the page's end: the search stops
    # at the one printing the last line, after the few blocks below the text.
    found: dict[int, lxml.html.HtmlElement] = {}
    for element in reversed(list(tree.iter(*_LINE_TAGS))):
        text = text_of(element).lstrip()
        first = text[:1].casefold()
        if firsts is not None and len(first) == 1 and first.isalnum() and first not in firsts:
            continue
        head = text_key(text[:_HEAD_CHARS])
        for index, line in enumerate(last):
            if index in found:
                continue
            # A line's keyed head shorter than the element's tells nothing, unless it is the
            # whole line.
            whole = len(heads[index]) >= len(head) or len(line) <= _LINE_HEAD_CHARS
            if not (heads[index] if whole else line_key(index)).startswith(head):
                continue
            if text == line or text_key(text) == line_key(index):
                found[index] = element
        if len(last) - 1 in found:
            break
    return next((found[index] for index in reversed(range(len(last))) if index in found), None)
