"""A note on the writer in an author box after the text ("A lehrt Finanzwissenschaft in
Marburg."), which the page sets apart from the text in an element its class marks as the
author's ("autorenbox", "author-bio") or in a paragraph all in italics ("<p><em>A ist
Sozialarbeiterin. B ist Energieberater.</em></p>"). The same sentence set like the text's
paragraphs may be the text's last sentence and stays (see byline_lines.is_note_on)."""

from __future__ import annotations

from collections.abc import Sequence

import lxml.etree
import lxml.html

from pipelines.byline_lines import is_note_on
from pipelines.marks import BYLINE_CLASS_RE
from pipelines.tree import ITALIC_TAGS, all_bold, collapse, text_of

# An author box holds the note and at most a label, a name and a line or two more.
_BOX_EXTRA_CHARS = 200


def author_box_notes(
    tree: lxml.html.HtmlElement, lines: Sequence[str], authors: Sequence[str]
) -> int:
    """How many of the lines closing the text are notes on its authors printed in an author
    box. The names are tested first: the tree is searched only for a line opening with one."""
    count = 0
    for line in reversed(lines):
        if not (authors and is_note_on(line, authors) and _in_author_box(tree, line)):
            break
        count += 1
    return count


def _in_author_box(tree: lxml.html.HtmlElement, line: str) -> bool:
    for element in tree.iter(lxml.etree.Element):
        if (
            element.tag == "p"
            and all_bold(element, ITALIC_TAGS)
            and collapse(text_of(element)) == line
        ):
            return True
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not BYLINE_CLASS_RE.search(marks):
            continue
        text = collapse(text_of(element))
        if line in text and len(text) <= len(line) + _BOX_EXTRA_CHARS:
            return True
    return False
