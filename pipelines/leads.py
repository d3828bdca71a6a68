"""The article's lead (standfirst): the paragraph by the headline that opens the text, which
trafilatura leaves out when its class names it apart from the body."""

from __future__ import annotations

import itertools

import lxml.html

from pipelines.tree import SENTENCE_END_RE, MarkWords, collapse, text_of

# Containers whose first children may be the lead (<h1/><div class="text"><p class="teaser">).
_LEAD_CONTAINER_TAGS = frozenset({"div", "section", "article", "main"})
# Class/id/itemprop words of a lead paragraph kept apart from the body.
# "teaser" too: many German CMSs call the article's own lead "teaser", and trafilatura drops
# it for that class name; teaser cards of other articles fail the link-density check below.
_LEAD_MARK_RE = MarkWords(
    r"summary|lead|intro|standfirst|abstract|excerpt|vorspann|kurztext|description|subtitle"
    r"|teaser|announce|subline|subhead|unterzeile|(?:^|[-_\s])(?:sub|dek|deck)(?:$|[-_\s])"
    r"|preface|einleitung"
)
# A subline set as a heading under the headline ("<h3 class='unterzeile'>") needs no final
# period: a heading never has one.
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# ... unless they mark a lead image ("lead-image", "lead-media").
_MEDIA_MARK_RE = MarkWords(r"image|img|media|photo|picture|bild|video|gallery")
# Marks of a widget that calls itself a teaser but is none of the article's lead: the comment
# section's ("comments-teaser", "kommentare-teaser"), a newsletter's, a feedback box's. An
# opinion piece's own lead ("commentary-lead", "kommentar-teaser") is none of them.
_NOT_LEAD_MARK_RE = MarkWords(r"comments|comment[-_]|kommentare|newsletter|feedback|leserbrief")


def find_lead(h1: lxml.html.HtmlElement | None) -> str | None:
    """The article's lead ("summary", "intro", "Vorspann") right after the headline, if any."""
    if h1 is None:
        return None
    neighbours: list[lxml.html.HtmlElement] = list(itertools.islice(h1.itersiblings(), 4))
    parent = h1.getparent()
    # In a header block (the headline, the lead image, the lead), a text block beside the
    # headline is the lead even without a class saying so ("article-header__text").
    header_block = parent is not None and (
        parent.tag == "header" or "header" in (parent.get("class") or "").lower()
    )
    unmarked = {id(element) for element in neighbours} if header_block else set()
    if parent is not None and parent.tag not in ("body", "html"):
        neighbours += itertools.islice(parent.itersiblings(), 4)
    # The lead may also open the text container that follows the headline:
    # <h1/><div class="text"><p class="teaser">…</p>…</div>.
    neighbours += [
        child
        for element in neighbours
        if element.tag in _LEAD_CONTAINER_TAGS
        and not _LEAD_MARK_RE.search(element.get("class") or "")
        for child in list(element)[:2]
    ]
    # A lead marked as one may stand above the headline (Sputnik's "b-article__lead"): looked
    # at last, and only by its mark, as a kicker or a date line stands there too.
    neighbours += itertools.islice(h1.itersiblings(preceding=True), 2)
    # A paragraph set in bold right under the headline is the lead by its look alone.
    bold = next((e for e in h1.itersiblings() if isinstance(e, lxml.html.HtmlElement)), None)
    for element in neighbours:
        if not isinstance(element, lxml.html.HtmlElement):
            continue
        marks = " ".join(element.get(name) or "" for name in ("class", "id", "itemprop"))
        if _MEDIA_MARK_RE.search(marks) or _NOT_LEAD_MARK_RE.search(marks):
            continue
        if not _LEAD_MARK_RE.search(marks) and not (element is bold and _all_bold(element)):
            if id(element) not in unmarked or element.find(".//img") is not None:
                continue
            if len(collapse(text_of(element)).split()) < 15:
                continue  # a byline or date line of the header
        if element.tag == "figure" or element.find(".//img") is not None:
            # A lead image and its caption; the lead may sit beside them in the same block
            # (Sputnik's "article__announce": the photo, then "article__announce-text").
            neighbours.extend(child for child in list(element)[:4] if child.tag != "figure")
            continue
        text = collapse(text_of(element))
        words = len(text.split())
        sentence = element.tag in _HEADING_TAGS or SENTENCE_END_RE.search(text)
        if not 8 <= words <= 150 or not sentence:
            continue
        link_text = sum(len(collapse(text_of(a))) for a in element.iter("a"))
        if link_text * 2 > len(text):
            continue  # a teaser card, not a lead
        return text
    return None


def _all_bold(element: lxml.html.HtmlElement) -> bool:
    """True for a paragraph whose whole text is in <b> or <strong>."""
    return (
        element.tag == "p"
        and not (element.text or "").strip()
        and len(element) > 0
        and all(
            child.tag in ("b", "strong") and not (child.tail or "").strip() for child in element
        )
    )
