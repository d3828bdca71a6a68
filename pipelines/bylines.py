"""The printed byline: its text, and whether it or the metadata names the article's authors."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import lxml.etree
import lxml.html

from crawler.model.dates import classify_date_line
from pipelines.clean_rules import INTERVIEW_CREDIT_LEAD
from pipelines.credits import INFO_SPLIT_RE, WRITER_ROLES, is_image_credit, is_info_line
from pipelines.names import byline_people, non_writers, split_credits
from pipelines.tree import byline_near_headline, collapse, text_of

_NAME_CLASS_XPATH = lxml.etree.XPath(
    ".//*[contains(@class, 'name') or contains(@class, 'Name')][normalize-space()]"
)
# How many author/byline elements are read for the printed byline: the byline's come first,
# a comment section's authors much later.
_BYLINE_ELEMENTS = 6
# How the credit closing an interview begins ("Mit A sprach B.", "Das Gespräch führte B.").
_INTERVIEW_CREDIT_RE = re.compile(rf"^(?:{INTERVIEW_CREDIT_LEAD})\s")
# A photo credit closing a byline element's text, after the name.
_PORTRAIT_CREDIT_RE = re.compile(
    r"(?<=\S)\s+((?:Fotos?|Bild(?:er)?|Porträt|Autorenfoto|Autorinnenfoto)\s*:\s*\S.*|©.*)$"
)
_JOINED_LABEL_RE = re.compile(r"(?:\bund|&|\+|/)$", re.IGNORECASE)
# Elements whose text no reader sees.
_UNSEEN_TAGS = ("script", "style", "template", "noscript")


def byline_text(elements: Iterable[lxml.html.HtmlElement]) -> str | None:
    """The text of the first author/byline element ("Von Anna Beispiel", "Quelle: dpa")."""
    for element in elements:
        # Microdata names the person inside the author element: "Eingestellt von <span
        # itemprop="name">Viktor Lenz</span>".
        named = element.findall(".//*[@itemprop='name']")
        if not named:
            # An author box: photo, name, role and a "Folgen" button; the name has its class.
            named = _NAME_CLASS_XPATH(element)
        # Each name of a byline crediting several people ("Von A Profil und B Profil"); a
        # name element inside another is part of it.
        names = [n for n in named if not any(a in named for a in n.iterancestors())]
        text = "; ".join(collapse(" ".join(n.itertext())) for n in names) or collapse(
            " ".join(element.itertext())
        )
        # The portrait's credit after the name ("Jana Wiese Foto: Studio Kerber") is no
        # part of the byline.
        credit = _PORTRAIT_CREDIT_RE.search(text)
        if (
            credit is not None
            and is_image_credit(credit.group(1))
            # "Text und Bild: A" credits A with both.
            and not _JOINED_LABEL_RE.search(text[: credit.start()])
        ):
            text = text[: credit.start()]
        # An author box may hold only the portrait and its credit ("Foto: privat").
        if text and len(text.split()) <= 12 and not is_image_credit(text):
            return text
    return None


def printed_byline_authors(
    authors: tuple[str, ...],
    tree: lxml.html.HtmlElement,
    byline_elements: Callable[[], list[lxml.html.HtmlElement]],
    h1: lxml.html.HtmlElement | None,
    site_keys: frozenset[str],
) -> tuple[str, ...]:
    """The metadata's `authors`, unless the page prints none of them and its byline names
    other people: the article credits those.

    A CMS fills the author meta tag and JSON-LD with the account that published the item (a
    desk editor, the first of several contributors); a name the page prints nowhere is such
    an account when a byline names someone. The byline is the first of the first few
    author/byline elements (`byline_elements`) that names people (an author line holds the
    name, the role and the date, its name span the name), else a "Von …" line next to the
    headline. A printed photographer ("Von A und B (Fotos)") is no author either.
    """
    if not authors or _printed(authors, tree):
        return _without_non_writers(authors, byline_elements)
    for element in byline_elements()[:_BYLINE_ELEMENTS]:
        people = split_credits([byline_text([element]) or ""], site_keys)[0]
        if people:
            return people
    return split_credits(byline_near_headline(h1), site_keys)[0] or authors


def info_line_author(
    h1: lxml.html.HtmlElement | None, site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The name an info line under the headline holds as an item of its own, beside the date:
    "2. Dezember 2026 · Anna Beispiel · 4 Minuten Lesezeit". Only a line with a date item and
    one item that is a name and nothing else; "12.05.2026 · Politik · 3 Min." names nobody."""
    if h1 is None:
        return ()
    parent = h1.getparent()
    candidates = list(itertools.islice(h1.itersiblings(), 3))
    if parent is not None and parent.tag not in ("body", "html", "main", "article"):
        candidates.extend(itertools.islice(parent.itersiblings(), 2))
    for element in candidates:
        text = collapse(text_of(element))
        if len(text) > 120 or not is_info_line(text):
            continue
        items = [item.strip() for item in INFO_SPLIT_RE.split(text)]
        if not any(classify_date_line(item) for item in items):
            continue
        # A labelled item ("Kategorie: Welt") is no bare name.
        names = [
            item
            for item in items
            if ":" not in item and split_credits([item], site_keys)[0] == (item,)
        ]
        if len(names) == 1:
            return (names[0],)
    return ()


def _without_non_writers(
    authors: tuple[str, ...], byline_elements: Callable[[], list[lxml.html.HtmlElement]]
) -> tuple[str, ...]:
    """The metadata's `authors` without those the printed byline credits with a role in
    brackets that is no writer's: a photographer in "Von A und B (Fotos)" whom the JSON-LD
    lists beside the writer. Only several authors are checked, sparing the byline lookup."""
    if len(authors) < 2:
        return authors
    for element in byline_elements()[:_BYLINE_ELEMENTS]:
        text = collapse(text_of(element))
        if "(" in text and len(text) <= 200:
            others = non_writers(text)
            if others:
                return tuple(name for name in authors if name.casefold() not in others)
    return authors


def closing_authors(
    tree: lxml.html.HtmlElement,
    marked: Callable[[], Sequence[tuple[Any, ...]]],
    site_keys: frozenset[str],
) -> tuple[str, ...]:
    """The people a byline in the article's <footer> names, else its contributor cards;
    `marked` gives the body's elements with attributes (each first in its tuple)."""
    return (
        footer_byline_authors(tree, site_keys)
        or _card_authors((found[0] for found in marked()), site_keys)
        or _italic_signature(tree, site_keys)
        or _interview_credit(tree, site_keys)
    )


def _interview_credit(tree: lxml.html.HtmlElement, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The interviewers a paragraph closing an interview credits: "Mit Ida Korn sprach Paul
    Renner.", "Das Gespräch führte Anna Berg.", "Die Fragen stellte …"; the interviewer
    wrote the text."""
    for paragraph in tree.iter("p"):
        text = collapse(text_of(paragraph))
        if len(text) <= 150 and _INTERVIEW_CREDIT_RE.match(text):
            people = byline_people(text, site_keys)
            if people:
                return people
    return ()


def _italic_signature(tree: lxml.html.HtmlElement, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The name a text is signed with in italics: a paragraph holding only an <i> or <em> with
    a name, after two paragraphs of text and before no other ("<p><i>Herta Kofler</i></p>")."""
    for italic in tree.iter("i", "em"):
        own = collapse(italic.text or "")
        paragraph = italic.getparent()
        if not 2 <= len(own.split()) <= 4 or len(italic) or paragraph is None:
            continue
        following = paragraph.getnext()
        if (
            paragraph.tag not in ("p", "div")
            or collapse(text_of(paragraph)) != own
            or (following is not None and following.tag == "p")
        ):
            continue
        text_before = [
            p
            for p in itertools.islice(paragraph.itersiblings("p", preceding=True), 3)
            if len(text_of(p)) >= 80
        ]
        people = split_credits([own], site_keys)[0]
        if len(text_before) >= 2 and people == (own,):
            return people
    return ()


def footer_byline_authors(
    tree: lxml.html.HtmlElement, site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The people a byline in an article's <footer> credits: a review or a column signed under
    its text ("Eine Kritik von A"). An element's own first text must start the byline, so a
    footer holding the byline and a link ("Kinos in Ihrer Nähe finden") is read as the byline."""
    for footer in tree.iter("footer"):
        if not any(ancestor.tag == "article" for ancestor in footer.iterancestors()):
            continue  # the site's footer
        for element in footer.iter():
            own = (element.text or "").strip()
            if own and len(own) <= 100 and isinstance(element, lxml.html.HtmlElement):
                people = byline_people(collapse(text_of(element)), site_keys)
                if people:
                    return people
    return ()


def _card_authors(
    elements: Iterable[lxml.html.HtmlElement], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The writers that contributor cards name: a short element whose first child is a role
    and whose rest is a name ("<span>Text</span><span>A</span>", "<b>Autorin:</b> A"). Only
    a writer's role ("Text", "Autorin") names an author; "Fotos", "Grafik und Daten" none."""
    found: list[str] = []
    for element in elements:
        first = element[0] if len(element) else None
        if first is None or (element.text or "").strip() or len(first):
            continue
        role = (first.text or "").strip().rstrip(":").strip()
        if role.casefold() not in WRITER_ROLES:
            continue
        text = collapse(text_of(element))
        if len(text) <= 80 and text.startswith(role):
            found.extend(split_credits([text[len(role) :].lstrip(" :")], site_keys)[0])
    return tuple(dict.fromkeys(found))


def _printed(names: tuple[str, ...], tree: lxml.html.HtmlElement) -> bool:
    """True when the page's visible text spells one of `names` (case and spacing aside)."""
    body = tree.find("body")
    if body is None:
        return True
    text = text_of(body)
    for element in body.iter(*_UNSEEN_TAGS):
        unseen = text_of(element)
        if unseen:
            text = text.replace(unseen, " ")
    # Case folded, not text_key()'d: its regex over the whole page costs ~0.5 ms.
    seen = collapse(text).casefold()
    return any(collapse(name).casefold() in seen for name in names)
