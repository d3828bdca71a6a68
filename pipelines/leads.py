"""The article's lead (standfirst): the paragraph by the headline that opens the text, which
trafilatura leaves out when its class names it apart from the body."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import lxml.etree
import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import (
    SENTENCE_END_RE,
    MarkWords,
    all_bold,
    collapse,
    shorten,
    text_key,
    text_of,
)

# Containers whose first children may be the lead (<h1/><div class="text"><p class="teaser">).
_LEAD_CONTAINER_TAGS = frozenset({"div", "section", "article", "main"})
# The marks of a subline, the headline's second line ("article-subtitle", "news-single-subheader",
# "untertitel", Turkish CMSs' "detay-spot"): a lead too.
_SUBLINE_MARKS = (
    r"subtitle|untertitel|subline|subhead|unterzeile"
    r"|(?:^|[-_\s])(?:sub|dek|deck|spot)(?:$|[-_\s])"
)
# Class/id/itemprop words of a lead paragraph kept apart from the body; "perex" is the lead in
# Czech and Slovak CMSs, "anriss" a German one, "sapo" a Vietnamese one, "chapo"/"chapeau" a
# French one. "teaser" too: many German CMSs call the article's own lead "teaser", and
# trafilatura drops it for that class name; teaser cards of other articles fail the
# link-density check below.
_LEAD_MARK_RE = MarkWords(
    r"summary|lead|intro|standfirst|abstract|excerpt|vorspann|kurztext|description|perex"
    rf"|anriss|teaser|announce|preface|einleitung|sapo|chapo|chapeau|{_SUBLINE_MARKS}"
)
# ... unless they mark a lead image ("lead-image", "lead-media"). "mediator" (a script's hook
# on the text's blocks, "js-mediator-article") names no medium.
_MEDIA_MARK_RE = MarkWords(r"image|img|media(?!tor)|photo|picture|bild|video|gallery")
# A subline set as a heading under the headline ("<h3 class='unterzeile'>") needs no final
# period: a heading never has one.
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Marks of a widget that calls itself a teaser but is none of the article's lead: the comment
# section's ("comments-teaser", "kommentare-teaser"), a newsletter's, a feedback box's. An
# opinion piece's own lead ("commentary-lead", "kommentar-teaser") is none of them. Nor is an
# author box's description of the writer ("td-author-description", "autor-intro").
_NOT_LEAD_MARK_RE = MarkWords(
    r"comments|comment[-_]|kommentare|newsletter|feedback|leserbrief|author|autor"
)


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
        # A headline alone in its block, last in its own (a layout table's cell in its row):
        # the blocks after that one follow it ("<tr><td><h1/></td></tr><tr><td class=
        # 'unterzeile'>").
        grandparent = parent.getparent()
        if len(parent) == 1 and grandparent is not None and parent.getnext() is None:
            neighbours += itertools.islice(grandparent.itersiblings(), 2)
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
    # A paragraph set in bold right under the headline is the lead by its look alone; so is a
    # heading there that holds whole sentences ("<h2 class='detail-spot'>…. ….</h2>").
    first = next((e for e in h1.itersiblings() if isinstance(e, lxml.html.HtmlElement)), None)
    for element in neighbours:
        if not isinstance(element, lxml.html.HtmlElement):
            continue
        marks = " ".join(element.get(name) or "" for name in ("class", "id", "itemprop"))
        if _MEDIA_MARK_RE.search(marks) or _NOT_LEAD_MARK_RE.search(marks):
            continue
        if not _LEAD_MARK_RE.search(marks) and not (element is first and _lead_by_look(element)):
            if id(element) not in unmarked or element.find(".//img") is not None:
                continue
            if len(collapse(text_of(element)).split()) < 15:
                continue  # a byline or date line of the header
        if element.tag == "figure" or element.find(".//img") is not None:
            # A lead image and its caption; the lead may sit beside them in the same block
            # (Sputnik's "article__announce": the photo, then "article__announce-text").
            neighbours.extend(child for child in list(element)[:4] if child.tag != "figure")
            continue
        text = _lead_text(element, marks)
        if text is not None:
            return text
    return None


def _lead_text(element: lxml.html.HtmlElement, marks: str) -> str | None:
    """The text of a block that may be the lead: a sentence or a marked deck of 8 to 150
    words, mostly no link."""
    text = collapse(text_of(element))
    words = len(text.split())
    # A block marked as the lead needs no final period: a deck ("news-item__lead",
    # "unterzeile") is a phrase of eight words or more, where a kicker is shorter.
    sentence = (
        element.tag in _HEADING_TAGS or SENTENCE_END_RE.search(text) or _LEAD_MARK_RE.search(marks)
    )
    if not 8 <= words <= 150 or not sentence:
        return None
    link_text = sum(len(collapse(text_of(a))) for a in element.iter("a"))
    if link_text * 2 > len(text):
        return None  # a teaser card, not a lead
    return text


# How many elements after the headline the lead before the text's container may be: the blocks
# of a date, a picture and its caption stand between them.
_LEAD_BEFORE_TEXT_REACH = 40
_LEAD_BLOCK_TAGS = frozenset(("div", "section", "p", "header"))
# The text's lines whose key the container after the lead must hold: one of the first few.
_TEXT_LINES = 3


def find_lead_before_text(h1: lxml.html.HtmlElement | None, lines: list[str]) -> str | None:
    """The lead in a block marked as one ("field-name-field-summary", "article-intro") that
    stands right before the text's container, away from the headline: among the first
    elements after the headline, the marked block whose next sibling holds one of the text's
    first lines `lines`. A summary box after the text or in a sidebar stands before no
    container of the text; a teaser of another article is mostly its link, or a heading and
    its text."""
    if h1 is None:
        return None
    first_lines = [line for line in lines[:_TEXT_LINES] if len(line.split()) >= 8]
    if not first_lines:
        return None
    for element in itertools.islice(_after(h1), _LEAD_BEFORE_TEXT_REACH):
        if element.tag not in _LEAD_BLOCK_TAGS:
            continue
        marks = " ".join(element.get(name) or "" for name in ("class", "id"))
        if not marks or not _LEAD_MARK_RE.search(marks):
            continue
        if _MEDIA_MARK_RE.search(marks) or _NOT_LEAD_MARK_RE.search(marks):
            continue
        container = next(element.itersiblings(lxml.etree.Element), None)
        if (
            container is None
            or element.find(".//img") is not None
            or next(element.iter(*_HEADING_TAGS), None) is not None
        ):
            continue
        text = _lead_text(element, marks)
        if text is None:
            continue
        # The first block that may be the lead decides: the text's container follows it, or
        # it is a box of its own (and one further down stands among the text's blocks).
        # The lines keyed only here: most pages have no marked block after the headline.
        held = text_key(text_of(container))
        return text if any(text_key(line) in held for line in first_lines) else None
    return None


def _after(element: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements after `element` in document order, its own descendants not among them."""
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings(lxml.etree.Element):
            yield from sibling.iter(lxml.etree.Element)
        node = node.getparent()


# A subtitle of a few words is the headline's second line; a word or two under it is a label.
_SUBTITLE_MIN_WORDS = 4
_SUBTITLE_MAX_WORDS = 30


def find_subtitle(h1: lxml.html.HtmlElement | None) -> str | None:
    """The subtitle set as a heading right under the headline, marked as one ("<h2
    class='untertitel'>Was die Messdaten zeigen</h2>") or as the lead ("<h3
    class='news-header__lead'>"), or unmarked with a paragraph after it: the text's first
    line, however short a phrase it is, where the lead (`find_lead`) is a sentence or two."""
    following = None if h1 is None else next(h1.itersiblings(), None)
    while following is not None and not isinstance(following, lxml.html.HtmlElement):
        following = following.getnext()
    if following is None or following.tag not in _HEADING_TAGS:
        return None
    marks = " ".join(following.get(name) or "" for name in ("class", "id"))
    text = collapse(text_of(following))
    if (
        not (_LEAD_MARK_RE.search(marks) or (not marks.strip() and _opens_text(following)))
        or _MEDIA_MARK_RE.search(marks)
        or _NOT_LEAD_MARK_RE.search(marks)
        or following.find(".//a") is not None
        or not _SUBTITLE_MIN_WORDS <= len(text.split()) <= _SUBTITLE_MAX_WORDS
    ):
        return None
    return text


def _opens_text(heading: lxml.html.HtmlElement) -> bool:
    """True for a heading with no class or id right under the headline that a paragraph of
    the text follows: the headline's second line, as a marked subtitle is."""
    after = next(heading.itersiblings(lxml.etree.Element), None)
    return after is not None and after.tag == "p"


def _lead_by_look(element: lxml.html.HtmlElement) -> bool:
    """True for a block right under the headline that looks like the lead: a paragraph all in
    bold, or a heading that ends a sentence (a heading of the text has no final period)."""
    if element.tag in _HEADING_TAGS:
        return SENTENCE_END_RE.search(collapse(text_of(element))) is not None
    return all_bold(element)


# The marks of a press release's sender line under its headline ("post-from", "pm-absender",
# "herausgeber"): the group or office issuing it, never the text's.
_SENDER_MARK_RE = MarkWords(r"(?:^|[-_\s])(?:from|sender|absender|herausgeber)(?:$|[-_\s])")
_SENDER_MAX_WORDS = 10


def drop_sender_line(h1: lxml.html.HtmlElement | None) -> list[DroppedLine]:
    """Remove the line right under the headline that its class marks as the sender (<p
    class='post-from'>Kreistagsfraktion der …</p>): a name of a few words, no sentence. A
    sentence there is the lead, whatever its class."""
    following = None if h1 is None else next(h1.itersiblings(lxml.etree.Element), None)
    if following is None or not _SENDER_MARK_RE.search(following.get("class") or ""):
        return []
    text = collapse(text_of(following))
    if not 0 < len(text.split()) <= _SENDER_MAX_WORDS or SENTENCE_END_RE.search(text):
        return []
    following.drop_tree()
    return [DroppedLine(text=shorten(text), rule=str(Rule.RELEASE))]
