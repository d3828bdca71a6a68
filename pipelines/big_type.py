"""Text set in big type: hand-written pages set the headline in it instead of an <h1>."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

import lxml.etree
import lxml.html

from pipelines.tree import collapse, text_key, text_of

_BIG_TYPE_XPATH = lxml.etree.XPath("//body//font[@size] | //body//*[contains(@style, 'font-size')]")
_FONT_SIZE_RE = re.compile(r"[4-7]|\+[1-4]")
_STYLE_SIZE_RE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt|r?em)\b", re.IGNORECASE)


def big_type(tree: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The body's elements set in big type, in page order: `<font size>` of 4 and more (or +1
    and more), an inline style's font-size of 18px, 14pt, 1.2em or more."""
    return filter(_is_big_type, _BIG_TYPE_XPATH(tree))


def _is_big_type(element: lxml.html.HtmlElement) -> bool:
    size = element.get("size") or ""
    if element.tag == "font" and size.strip():
        return _FONT_SIZE_RE.fullmatch(size.strip()) is not None
    style = _STYLE_SIZE_RE.search(element.get("style") or "")
    if style is None:
        return False
    return float(style.group(1)) >= {"px": 18, "pt": 14}.get(style.group(2).casefold(), 1.2)


def _title_elements(
    elements: Iterable[lxml.html.HtmlElement], title: str
) -> Iterator[lxml.html.HtmlElement]:
    key = text_key(title)
    for element in elements:
        if (element.tag == "font" or "font-size" in (element.get("style") or "")) and (
            _is_big_type(element) and text_key(text_of(element)) == key
        ):
            yield element


def title_element(
    elements: Iterable[lxml.html.HtmlElement], title: str
) -> lxml.html.HtmlElement | None:
    """The element printing `title` in big type (a page with no headline among its headings
    sets it in a "<font size=5>"), or None."""
    return next(_title_elements(elements, title), None)


def title_block(
    elements: Iterable[lxml.html.HtmlElement], title: str
) -> lxml.html.HtmlElement | None:
    """The block around the element printing `title` in big type: its nearest ancestor that
    holds more than the headline, as a layout table's rows hold a date line over it; None when
    no big type prints the title."""
    key = text_key(title)
    for element in _title_elements(elements, title):
        for ancestor in itertools.islice(element.iterancestors(), 6):
            if text_key(collapse(text_of(ancestor))) != key:
                return ancestor
    return None


def title_block_text(elements: Iterable[lxml.html.HtmlElement], title: str) -> str:
    """The text of `title_block`; "" when no big type prints the title."""
    block = title_block(elements, title)
    return "" if block is None else collapse(text_of(block))
