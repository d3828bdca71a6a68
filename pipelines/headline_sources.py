"""Where a headline is read from besides the <h1> and the <title>: a page's big type or first
<h2> when it has neither a headline element nor a telling <title>, and the names its breadcrumb
trail gives the site and its sections (a <title> affix that spells one is no part of the
headline)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import lxml.html

from pipelines.big_type import big_type
from pipelines.names import TITLE_SEPARATOR_RE, is_site_affix
from pipelines.tree import collapse, text_key

_PAGE_FRAME_TAGS = frozenset(("nav", "aside", "footer"))


def breadcrumb_names(links: Iterable[lxml.html.HtmlElement]) -> frozenset[str]:
    """Keys of the site and section names the breadcrumb trail's links name, each also without
    its first words ("Zeitschrift Dorfpost" names "Dorfpost" too): a title affix that spells one
    names the site or a section."""
    keys: set[str] = set()
    for link in links:
        words = collapse(link.text_content()).split()
        if len(words) <= 4:
            keys.update(text_key(" ".join(words[i:])) for i in range(len(words)))
    return frozenset(key for key in keys if len(key) >= 4)


def styled_headline(
    tree: lxml.html.HtmlElement, site_keys: frozenset[str]
) -> lxml.html.HtmlElement | None:
    """The headline of a page with no <h1> and a generic <title> ("Aktuelles"): the first text
    set in big type, else the first <h2> outside the page's navigation, side column
    and footer, of two to forty words that names neither the site nor what a part of the
    <title> names (the logo, the section)."""
    title_parts = {
        text_key(part) for part in TITLE_SEPARATOR_RE.split(tree.findtext(".//title") or "")
    }
    headings = (
        h2
        for h2 in tree.iter("h2")
        if not any(a.tag in _PAGE_FRAME_TAGS for a in h2.iterancestors())
    )
    for element in itertools.chain(big_type(tree), headings):
        text = collapse(element.text_content())
        if (
            2 <= len(text.split()) <= 40
            and text_key(text) not in title_parts
            and not is_site_affix(text, site_keys)
        ):
            return element
    return None
