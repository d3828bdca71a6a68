"""Agency credits set apart after the text: a source line under it ("Programm, 20.06.2026,
15:30 Uhr ; sda/baer"), "Mit Material von dpa" in the author box beside the writer's line. The
extraction leaves such boxes out with the text's other furniture, so they are read on the page,
in the few blocks that follow the text's last line."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import lxml.html

from pipelines.tree import bylines_in, text_key, text_of

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
    """The element printing one of the text's last lines, the last line first."""
    keys = [key for key in map(text_key, lines[-_LAST_LINES:]) if key]
    found: dict[str, lxml.html.HtmlElement] = {}
    for element in tree.iter(*_LINE_TAGS):
        key = text_key(text_of(element))
        if key in keys:
            found[key] = element
    return next((found[key] for key in reversed(keys) if key in found), None)
