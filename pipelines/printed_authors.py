"""Whether the metadata's authors are the people the page prints as the article's writers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

import lxml.html

from pipelines.bylines import BYLINE_ELEMENTS, byline_text, marked_byline_people
from pipelines.headline_bylines import byline_near_headline
from pipelines.names import non_writers, split_credits
from pipelines.offices import PERSON_NAME
from pipelines.tree import collapse, text_of

# An entry crediting the pictures to a person: "Fotos: A", "Bild: A".
_PHOTO_CREDIT_RE = re.compile(rf"(?:Fotos?|Bild(?:er)?)\s*:\s*(?P<name>{PERSON_NAME})\s*$")
# Where a credits line parts its entries: "Text: A · Fotos: B", "Text: A | Fotos: B".
_ITEM_SPLIT_RE = re.compile(r"\s*[;·|•]\s*")
# A copyright sign or word and maybe a year right before a name: its holder follows.
_COPYRIGHT_END_RE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?$")
# An editor's role right before a name, in case-folded text: "Verantwortliche Redakteurin:",
# "Redaktionelle Bearbeitung:", "Redigiert von", "Edited by". The editor is no writer.
_EDITOR_ROLE_END_RE = re.compile(
    r"(?:verantwortlich(?:e[rn]?)?(?: redakteur(?:in)?| redaktion)?|(?:redaktionelle )?bearbeitung"
    r"|(?:bearbeitet|redigiert) von|schlussredaktion|lektorat|v\.\s?i\.\s?s\.\s?d\.\s?p\."
    r"|(?:responsible |managing |copy )?editor|edited by)\s*:?\s*$"
)
# How far before a name its role may begin, in characters.
_ROLE_CHARS = 40
# Elements whose text no reader sees.
_UNSEEN_TAGS = ("script", "style", "template", "noscript")


def printed_byline_authors(
    authors: tuple[str, ...],
    tree: lxml.html.HtmlElement,
    byline_elements: Callable[[], list[lxml.html.HtmlElement]],
    h1: lxml.html.HtmlElement | None,
    site_keys: frozenset[str],
) -> tuple[str, ...]:
    """The metadata's `authors` as the page prints them: the printed byline decides who and in
    which order.

    A CMS fills the author meta tag and JSON-LD with the account that published the item (a
    desk editor, the first of several contributors); a name the page prints nowhere is such
    an account when a byline names someone. The byline is the first of the first few
    author/byline elements (`byline_elements`) that names people (an author line holds the
    name, the role and the date, its name span the name), else a "Von …" line next to the
    headline. A printed photographer ("Von A und B (Fotos)") is no author either, nor is an
    editor the page names only by that role ("Verantwortliche Redakteurin: A").
    """
    body = tree.find("body") if authors else None
    if body is None:
        return _without_non_writers(authors, byline_elements)
    seen = _seen_text(body)
    writers = tuple(name for name in authors if not _printed_as_editor(name, seen))
    if not writers:
        return ()
    if _printed(writers, seen):
        return _as_printed(_without_non_writers(writers, byline_elements), byline_elements, h1)
    return (
        marked_byline_people(byline_elements, site_keys)
        or split_credits(byline_near_headline(h1), site_keys)[0]
        or writers
    )


def _as_printed(
    authors: tuple[str, ...],
    byline_elements: Callable[[], list[lxml.html.HtmlElement]],
    h1: lxml.html.HtmlElement | None,
) -> tuple[str, ...]:
    """Those of several `authors` the printed byline names, in its order: the first few
    author/byline elements, else a "Von …" line next to the headline. All of them when it
    names none (or there is none): the metadata adds a photographer, a desk editor or the
    blog's owner beside a guest, and lists them in its own order."""
    if len(authors) < 2:
        return authors
    texts = (byline_text([element]) or "" for element in byline_elements()[:BYLINE_ELEMENTS])
    return _named_in(authors, texts) or _named_in(authors, byline_near_headline(h1)) or authors


def _named_in(authors: tuple[str, ...], texts: Iterable[str]) -> tuple[str, ...]:
    """The `authors` the `texts` spell, by where they first stand; a name spelled otherwise
    ("Anna-Lena Weber" as "Anna Weber") is found by its surname."""
    found: dict[str, None] = {}
    for text in texts:
        folded = collapse(text).casefold()
        spots: list[tuple[int, str]] = []
        for name in authors:
            key = collapse(name).casefold()
            at = folded.find(key)
            if at < 0 and " " in key:
                surname = re.search(rf"\b{re.escape(key.rsplit(' ', 1)[1])}\b", folded)
                at = surname.start() if surname is not None else -1
            if at >= 0:
                spots.append((at, name))
        found.update(dict.fromkeys(name for _, name in sorted(spots)))
    return tuple(found)


def _without_non_writers(
    authors: tuple[str, ...], byline_elements: Callable[[], list[lxml.html.HtmlElement]]
) -> tuple[str, ...]:
    """The metadata's `authors` without those the printed byline credits with a role in
    brackets that is no writer's: a photographer in "Von A und B (Fotos)" whom the JSON-LD
    lists beside the writer. Only several authors are checked, sparing the byline lookup."""
    if len(authors) < 2:
        return authors
    for element in byline_elements()[:BYLINE_ELEMENTS]:
        # A list of credits, an entry each ("<li>A, Redakteurin</li><li>B (Fotos)</li>", a
        # box's paragraphs), is read entry by entry: its text runs one into the next.
        entries = element.findall(".//li") or list(element.iterchildren("p", "div"))
        items = [collapse(text_of(entry)) for entry in entries] or [collapse(text_of(element))]
        text = "; ".join(items)
        if len(text) > 200:
            continue
        others = set(non_writers(text)) if "(" in text else set()
        # An entry under a picture label of its own: "Fotos: B" (not "Text und Fotos: A").
        for item in itertools.chain.from_iterable(_ITEM_SPLIT_RE.split(item) for item in items):
            photographer = _PHOTO_CREDIT_RE.match(item)
            # "Text: A; Fotos: A" credits A with the text too.
            if photographer is not None and text.count(photographer.group("name")) == 1:
                others.add(photographer.group("name").casefold())
        if others:
            return tuple(name for name in authors if name.casefold() not in others)
    return authors


def _seen_text(body: lxml.html.HtmlElement) -> str:
    """The page's visible text, case folded."""
    text = text_of(body)
    for element in body.iter(*_UNSEEN_TAGS):
        unseen = text_of(element)
        if unseen:
            text = text.replace(unseen, " ")
    # Case folded, not text_key()'d: its regex over the whole page costs ~0.5 ms.
    return collapse(text).casefold()


def _spots(name: str, seen: str) -> Iterable[int]:
    """Where the page's visible text `seen` spells `name`."""
    key = collapse(name).casefold()
    start = seen.find(key)
    while start >= 0:
        yield start
        start = seen.find(key, start + len(key))


def _printed(names: tuple[str, ...], seen: str) -> bool:
    """True when the page's visible text `seen` spells one of `names` (case and spacing
    aside), other than as the copyright's holder ("© Norddeutscher Wellenrundfunk 2025"): a
    publisher the author meta tag names is no writer the page prints."""
    return any(
        not _COPYRIGHT_END_RE.search(seen, max(0, start - 20), start)
        for start in itertools.chain.from_iterable(_spots(name, seen) for name in names)
    )


def _printed_as_editor(name: str, seen: str) -> bool:
    """True when the page spells `name` and each time after an editor's role."""
    spots = list(_spots(name, seen))
    return bool(spots) and all(
        _EDITOR_ROLE_END_RE.search(seen, max(0, start - _ROLE_CHARS), start) for start in spots
    )
