"""A writer's name under a label of its own beside the headline: a metadata list's or table's
row ("<dt>Autorin</dt><dd>A</dd>", "<th>Text</th><td>A</td>") or an inline label element before
the name ("<small>Autor</small> <span>A</span>"), read as a byline ("Autor: A")."""

from __future__ import annotations

import itertools

import lxml.html

# The labels of a metadata row naming the text's writer: "<dt>Autorin</dt><dd>A</dd>",
# "<th>Text</th><td>A</td>".
_WRITER_ROW_LABELS = frozenset(("autor", "autorin", "autoren", "text", "texte", "von", "by"))
# Elements that print a label or a name inside a line.
_INLINE_LABEL_TAGS = frozenset(("small", "span", "strong", "b", "em", "i", "label"))
# The most values under one label: the writers of a text, not a list of data.
_MOST_VALUES = 4


def labelled_row(element: lxml.html.HtmlElement, own: str) -> str | None:
    """A label cell of a metadata list or table naming the writer, read with its value cell
    ("<dt>Autor</dt><dd>A</dd>" is "Autor: A"), or an inline label element alone before the
    element with the name ("<small>Autorin</small> <span>A</span>"); None for any other
    element. The value must be a short line: a table of data whose first column says "Text"
    is no byline."""
    if own.rstrip(" :").casefold() not in _WRITER_ROW_LABELS:
        return None
    if element.tag in _INLINE_LABEL_TAGS:
        return _inline_labelled(element)
    if element.tag not in ("dt", "th", "td"):
        return None
    value = element.getnext()
    # A table's label cell is one of a row of two ("Von | Nach" heads a timetable).
    if (
        value is None
        or value.tag not in ("dd", "td")
        or (element.tag != "dt" and value.getnext() is not None)
    ):
        return None
    # A list's label over several values names a person in each: "<dt>Autoren</dt><dd>A,
    # Ingenieurbüro X</dd><dd>B, Hochschule Y</dd>" reads "Autor: A, Ingenieurbüro X; B, …".
    values = [value]
    if element.tag == "dt":
        values.extend(
            itertools.takewhile(lambda sibling: sibling.tag == "dd", value.itersiblings())
        )
    texts = [" ".join(" ".join(value.itertext()).split()) for value in values]
    if len(texts) > _MOST_VALUES or not all(0 < len(text.split()) <= 8 for text in texts):
        return None
    return f"Autor: {'; '.join(texts)}"


def _inline_labelled(label: lxml.html.HtmlElement) -> str | None:
    """The name in the inline element or link right after a label element of its own, with
    nothing but space between them."""
    value = label.getnext()
    if len(label) or (label.tail or "").strip() or value is None:
        return None
    if (value.tag not in _INLINE_LABEL_TAGS and value.tag != "a") or len(value):
        return None
    text = " ".join((value.text or "").split())
    return f"Autor: {text}" if 0 < len(text.split()) <= 6 else None
