"""A site's CSS drop selectors as functions of the tree: the simple ones (a tag, classes, ids)
looked up in one walk of the page shared by all of them, the others through cssselect."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector

# A tag with classes and ids ("div.box", ".share-root", "#comments") and perhaps an attribute's
# value ('div.block[data-type="article"]'), or two of them, the second inside the first
# (".announce .media"): names in ASCII without escapes, so that they mean here what they mean
# to cssselect.
_COMPOUND = (
    r"([a-z][a-z0-9]*)?((?:[.#]-?[_a-zA-Z][_a-zA-Z0-9-]*)+)"
    r"(?:\[([a-z][a-z0-9-]*)=\"([^\"\\]*)\"\])?"
)
_SIMPLE_RE = re.compile(_COMPOUND)
_DESCENDANT_RE = re.compile(f"{_COMPOUND} +{_COMPOUND}")
_PART_RE = re.compile(r"([.#])(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
# XPath's normalize-space() parts class names at these characters only.
_XML_SPACE = str.maketrans("\t\n\r", "   ")

Selector = Callable[[lxml.html.HtmlElement], list[lxml.etree._Element]]
# (element, tag, class, id) of an element with a class or an id.
_Marked = tuple[lxml.etree._Element, str, str | None, str | None]


# (tag, classes, ids, (attribute, value)) of a compound selector.
_Compound = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, str] | None]


@functools.lru_cache(maxsize=512)
def _simple(selector: str) -> tuple[_Compound, ...] | None:
    """The compounds of a simple selector, the outer one first, or None."""
    match = _SIMPLE_RE.fullmatch(selector) or _DESCENDANT_RE.fullmatch(selector)
    if match is None:
        return None
    groups = match.groups()
    compounds: list[_Compound] = []
    for tag, names, attribute, value in zip(*[iter(groups)] * 4, strict=True):
        parts = _PART_RE.findall(names)
        compounds.append(
            (
                tag,
                tuple(name for kind, name in parts if kind == "."),
                tuple(name for kind, name in parts if kind == "#"),
                None if attribute is None else (attribute, value),
            )
        )
    return tuple(compounds)


@functools.lru_cache(maxsize=512)
def _compiled_css(selector: str) -> CSSSelector:
    return CSSSelector(selector)


def site_selectors(tree: lxml.html.HtmlElement, selectors: Sequence[str]) -> list[Selector]:
    """A function for each selector giving what cssselect's XPath gives on the tree as it is
    when it is called: the matching elements in document order, the tree's root included.

    cssselect's XPath tests every element of the page for each selector (~40 µs a selector on
    a small page); the walk gathers the elements with a class or an id once. A selector called
    after another one's elements were dropped skips the elements no longer in the tree.
    """
    cache: list[list[_Marked]] = []

    def marked() -> list[_Marked]:
        if not cache:
            # Each attribute read once: the one-item loop names both for the test and the tuple.
            cache.append(
                [
                    (element, element.tag, value, ident)
                    for element in tree.iter(lxml.etree.Element)
                    for value, ident in ((element.get("class"), element.get("id")),)
                    if value is not None or ident is not None
                ]
            )
        return cache[0]

    def simple(
        tag: str | None,
        classes: tuple[str, ...],
        ids: tuple[str, ...],
        attribute: tuple[str, str] | None,
    ) -> Selector:
        # The first class's substring test and the first id's comparison inline: most elements
        # fail them, without the call and the generator of the whole tests.
        first_class = classes[0] if classes else ""
        first_id = ids[0] if ids else None

        def select(root: lxml.html.HtmlElement) -> list[lxml.etree._Element]:
            return [
                element
                for element, element_tag, element_classes, element_id in marked()
                if (tag is None or element_tag == tag)
                and (
                    not classes
                    or (
                        element_classes
                        and first_class in element_classes
                        and _has_classes(element_classes, classes)
                    )
                )
                and (
                    first_id is None
                    or (element_id == first_id and all(element_id == name for name in ids))
                )
                and (attribute is None or element.get(attribute[0]) == attribute[1])
                and _within(element, root)
            ]

        return select

    def inside(outer: _Compound, inner: Selector) -> Selector:
        def select(root: lxml.html.HtmlElement) -> list[lxml.etree._Element]:
            found: list[lxml.etree._Element] = []
            for element in inner(root):
                if element is root:
                    continue
                for ancestor in element.iterancestors():
                    if _matches(ancestor, outer):
                        found.append(element)
                        break
                    if ancestor is root:
                        break
            return found

        return select

    functions: list[Selector] = []
    for selector in selectors:
        parsed = _simple(selector)
        if parsed is None:
            functions.append(_compiled_css(selector))
        elif len(parsed) == 1:
            functions.append(simple(*parsed[0]))
        else:
            functions.append(inside(parsed[0], simple(*parsed[1])))
    return functions


def _matches(element: lxml.etree._Element, compound: _Compound) -> bool:
    tag, classes, ids, attribute = compound
    return (
        (tag is None or element.tag == tag)
        and (not classes or _has_classes(element.get("class"), classes))
        and all(element.get("id") == name for name in ids)
        and (attribute is None or element.get(attribute[0]) == attribute[1])
    )


def _within(element: lxml.etree._Element, root: lxml.etree._Element) -> bool:
    return element is root or any(ancestor is root for ancestor in element.iterancestors())


def _has_classes(value: str | None, classes: tuple[str, ...]) -> bool:
    """cssselect's test of a class: @class and contains(concat(' ', normalize-space(@class),
    ' '), ' name '), a substring test first as its XPath has one."""
    if not value or classes[0] not in value:
        return False
    names = value.translate(_XML_SPACE).split(" ")
    return all(name in names for name in classes)
