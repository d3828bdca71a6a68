"""Writers credited after the text outside its paragraphs: a byline in an article's <footer>,
contributor cards naming each person with a role. For bylines.py."""

from __future__ import annotations

from collections.abc import Iterable

import lxml.html

from pipelines.credits import CREDIT_ROLES, WRITER_ROLES
from pipelines.names import byline_people, split_credits
from pipelines.tree import collapse, text_of


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


def card_authors(
    elements: Iterable[lxml.html.HtmlElement], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The writers that contributor cards name: a short element whose first child is a role
    and whose rest is a name ("<span>Text</span><span>A</span>", "<b>Autorin:</b> A"), or a
    list of roles and names that may open with the crew's ("<dt>Kamera</dt><dd>B</dd><dt>
    Beitrag</dt><dd>A</dd>"). Only a writer's role ("Text", "Autorin") names an author;
    "Fotos", "Grafik und Daten" none."""
    found: list[str] = []
    for element in elements:
        # The tests that read no text first.
        if not len(element) or len(first := element[0]) or (element.text or "").strip():
            continue
        role = (first.text or "").strip().rstrip(":").strip().casefold()
        # The first of joined roles ("Kamera und Schnitt", "Kamera/Schnitt").
        if role.split(" ", 1)[0].split("/", 1)[0] not in CREDIT_ROLES:
            continue
        # A list of roles is as long as its items make it.
        if len(collapse(text_of(element))) > 80 * max(1, sum(c.tag == "dt" for c in element)):
            continue
        for role, value in _card_items(element):
            if role.casefold() in WRITER_ROLES:
                found.extend(split_credits([value], site_keys)[0])
    return tuple(dict.fromkeys(found))


def _card_items(card: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """The role and value of each item of a card, parted at each label: a <dt>, or an element
    whose text ends in a colon ("<dt>Reporter:</dt><dd>A</dd><dt>Kamera:</dt><dd>B</dd>" is
    two items, not "A" glued to "Kamera"); the card's first element is a label."""
    items: list[tuple[str, list[str]]] = []
    for child in card:
        own = (child.text or "").strip()
        if not items or (not len(child) and (child.tag == "dt" or own.endswith(":"))):
            items.append((own.rstrip(":").strip(), [child.tail or ""]))
        else:
            items[-1][1].extend((text_of(child), child.tail or ""))
    return [(role, collapse(" ".join(parts)).lstrip(" :")) for role, parts in items]
