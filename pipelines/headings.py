"""Subheadings trafilatura dropped between two paragraphs it kept, or with their list after
the last one, put back, with the short list a subheading heads; and a short list a kept
paragraph introduces with a colon, or a subheading set in bold as a paragraph heads."""

from __future__ import annotations

import lxml.html

from pipelines.tree import all_bold, collapse, text_key, text_of

# Blocks between a subheading and the paragraph before it that are no text of their own in the
# output: a picture and its caption; and a block of a few words the output lacks (an ad's slot
# with its label, "Anzeige · Weiterlesen nach der Anzeige").
_PICTURE_TAGS = frozenset(("figure", "picture", "img"))
_SLOT_MAX_WORDS = 8
_BLOCKS_OF_LINES = frozenset(("ul", "ol", "div"))
# A list a subheading heads, put back with it: a checklist of a few short items of text.
_LIST_MAX_ITEMS = 8
_ITEM_MAX_WORDS = 30


def recover_headings(tree: lxml.html.HtmlElement, lines: list[str]) -> list[str]:
    """Put back subheadings trafilatura dropped between two paragraphs it kept.

    When no container matches its body XPaths, trafilatura falls back to a readability-style
    extraction that loses <h2>/<h3> elements (seen on RT DE's "ViewText" markup). A heading is
    restored only where its previous and next sibling blocks are two adjacent output lines, so
    nothing outside the extracted text can come back this way.
    """
    body = tree.find("body")
    if body is None:
        return lines
    # Cheap tests first: most headings are output verbatim, and a heading of a sidebar or
    # comment section has no extracted paragraph before it.
    raw = "\n".join(lines)
    candidates: list[tuple[list[str], str, str]] = []
    for heading in body.iter("h2", "h3", "h4", "h5", "h6"):
        text = collapse(text_of(heading))
        if not text or text in raw or len(text.split()) > 20:
            continue
        before = _text_before_in(heading, raw)
        if before is None:
            continue
        items = _headed_list(heading)
        last = heading if items is None else heading.getnext()
        candidates.append(([text, *(items or ())], before, _sibling_text(last, previous=False)))
    candidates.extend(_introduced_lists(body, raw))
    if not candidates:
        return lines
    keys = [text_key(line) for line in lines]
    position = {key: index for index, key in enumerate(keys) if key}
    joined = "".join(keys)
    inserts: list[tuple[int, list[str]]] = []
    for texts, before_text, after_text in candidates:
        if not all(key and key not in joined for key in map(text_key, texts)):
            continue
        index_before = position.get(text_key(before_text))
        index_after = position.get(text_key(after_text))
        if index_before is not None and index_after == index_before + 1:
            inserts.append((index_after, texts))
        elif index_before == len(lines) - 1 and not after_text and len(texts) > 1:
            # A subheading with its list closing the text's container ("Programm bis in den
            # Herbst" over three dates) closes the text; a lone heading there heads nothing.
            inserts.append((len(lines), texts))
    for index, texts in sorted(inserts, reverse=True):
        lines[index:index] = texts
    return lines


def _headed_list(heading: lxml.html.HtmlElement) -> list[str] | None:
    """The items of the list right after a subheading ("Worauf es ankommt" over three
    questions) when it is a short list of text: a few items of a sentence or less each, none a
    link (a list of links is a list of other articles)."""
    listing = heading.getnext()
    if listing is None or listing.tag not in ("ul", "ol") or (heading.tail or "").strip():
        return None
    items = [item for item in listing if isinstance(item, lxml.html.HtmlElement)]
    texts = [collapse(text_of(item)) for item in items]
    if (
        not 1 <= len(items) <= _LIST_MAX_ITEMS
        or any(item.tag != "li" or item.find(".//a") is not None for item in items)
        or not all(texts)
        or any(len(text.split()) > _ITEM_MAX_WORDS for text in texts)
    ):
        return None
    return texts


def _introduced_lists(body: lxml.html.HtmlElement, raw: str) -> list[tuple[list[str], str, str]]:
    """Short lists of text trafilatura dropped after a kept paragraph that announces them with a
    colon ("Die Platzierungen:" over the first three), as (items, the paragraph, the text after
    the list): a colon makes the list part of the sentence before it. A paragraph all in bold
    over the list ("<p><strong>Was ist verboten?</strong></p>") is a subheading heading it."""
    found: list[tuple[list[str], str, str]] = []
    for listing in body.iter("ul", "ol"):
        intro = listing.getprevious()
        if intro is None or intro.tag != "p" or (intro.tail or "").strip():
            continue
        text = collapse(text_of(intro))
        if not (text.endswith(":") or all_bold(intro)) or text not in raw:
            continue
        items = _headed_list(intro)
        if items is not None:
            found.append((items, text, _sibling_text(listing, previous=False)))
    return found


def _text_before_in(heading: lxml.html.HtmlElement, raw: str) -> str | None:
    """The text of the nearest block with text before `heading` when it is 20 characters or
    more and its first 20 are in `raw`, else None. A block whose own first text already
    shows its first 20 characters is judged without collecting the text of its subtree."""
    for sibling in heading.itersiblings(preceding=True):
        if not isinstance(sibling, lxml.html.HtmlElement) or sibling.tag in _PICTURE_TAGS:
            continue
        own = collapse(sibling.text)
        if len(own) >= 20 and own[:20] not in raw:
            return None
        # A list's last item, or a block's last paragraph (trafilatura turns the lists of the
        # tree it reads into blocks of paragraphs), is a line of its own in the output.
        last = sibling[-1] if sibling.tag in _BLOCKS_OF_LINES and len(sibling) else None
        text = collapse(text_of(last if last is not None and last.tag in ("li", "p") else sibling))
        if text and text not in raw and len(text.split()) <= _SLOT_MAX_WORDS:
            continue
        if text:
            return text if len(text) >= 20 and text[:20] in raw else None
    return None


def _sibling_text(element: lxml.html.HtmlElement, *, previous: bool) -> str:
    """The text of the nearest sibling block with text before/after `element`; of a table,
    its first row, a line of its own in the output ("| Land | Anteil |")."""
    siblings = element.itersiblings(preceding=previous)
    for sibling in siblings:
        if not isinstance(sibling, lxml.html.HtmlElement):
            continue
        row = sibling.find(".//tr") if sibling.tag == "table" else None
        text = collapse(text_of(row if row is not None else sibling))
        if text:
            return text
    return ""
