"""Byline and agency credit lines next to the headline, found by their shape whatever their
class names ("Von …", "Text: …", "Ein Beitrag von …", "Name, APA/red", "Quelle: Reuters")."""

from __future__ import annotations

import itertools
import re

import lxml.etree
import lxml.html

from pipelines.agency_names import NEWS_AGENCIES, agency_names, short_agency_names
from pipelines.byline_lines import BYLINE_OPENING_RE, WRITING_KINDS
from pipelines.credits import (
    BYLINE_ITEMS_SPLIT_RE,
    beside_picture_counter,
    credited_writers,
    is_image_credit,
    is_info_line,
    names_an_agency,
)
from pipelines.tree import WORD_RE, collapse, gaps_as_items, latin_punctuation, text_of
from pipelines.writer_rows import labelled_row

# How a byline starts when no class says it is one: "Von …", "von …", "Text: …", "Bericht: …",
# "Ein Beitrag von …", "Eine Kritik von …", "Veröffentlicht am 04.04.2024 von …".
_BYLINE_START_RE = re.compile(
    rf"^(?:von(?:\s*:)?|by|(?:text|bericht)\s*:|recherche\s*:|interview\s*:|autor(?:in|en)?\s*:"
    r"|reporter(?:in)?\s*:"
    rf"|(?:eine?\s+)?{WRITING_KINDS}\s+von"
    r"|(?:text|texte|bericht)\s*(?:und|&|\+|/)\s*(?:fotos?|bild(?:er)?)\s*:|gastautor(?:in)?\s*:"
    r"|(?:geschrieben|verfasst|eingestellt|gepostet|erstellt|getestet|gastbeitrag)\s+von"
    r"|veröffentlicht\s+am\s+[\d.]+(?:\s+um\s+[\d:.]+(?:\s+uhr)?)?\s+von"
    # A reporter's sentence: "Aus dem Gerichtssaal berichtet <a>A</a>."
    r"|(?:aus|vom)\s+[^.!?:]{1,40}?\s+berichte[tn])\s",
    re.IGNORECASE,
)
# The first words _BYLINE_START_RE can match, to skip its regex for most elements.
_BYLINE_FIRST_WORDS = frozenset(
    (
        *("von", "by", "text", "texte", "autor", "autorin", "autoren", "ein", "eine", "recherche"),
        *("veröffentlicht", "geschrieben", "verfasst", "eingestellt", "gepostet", "erstellt"),
        *("getestet", "aus", "vom", "bericht", "gastbeitrag", "gastautor", "gastautorin"),
        *("reporter", "reporterin"),
        *re.findall(r"\w+", WRITING_KINDS.casefold()),
    )
)
# Words of the news agencies' names, to skip elements that name none without a regex split.
_AGENCY_KEYS = frozenset(word for name in NEWS_AGENCIES for word in name.split())
# One of them as a whole WORD_RE word ([\w-]+) of a casefolded text, in one search.
_AGENCY_KEY_RE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(_AGENCY_KEYS)))})(?![\w-])"
)
# The blocks no caption holds, and a caption's most words.
_BLOCK_TAGS = ("p", "div", "ul", "ol", "table")
_CAPTION_MAX_WORDS = 25
# A date in digits closing a source line, maybe with the time after it: "2025-05-08 10:21:37",
# "08.05.2025 10:21".
_TRAILING_STAMP_RE = re.compile(
    r"\s+(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
# A date or a time of day in a credit line ("18.6.2025", "12:03"), not a digit of a site's name.
_DATE_OR_TIME_RE = re.compile(r"(?<![\w.])(?:\d{1,2}[.:]\d{1,2}|\d{4}(?![\w.]))")


def _before_text(block: lxml.etree._Element) -> bool:
    """Whether a block after a headline straight in the body is still above the text: short,
    and no footer, navigation or aside."""
    return isinstance(block, lxml.html.HtmlElement) and (
        block.tag not in ("footer", "nav", "aside") and len(text_of(block)) <= 150
    )


def portrait_row_name(row: lxml.html.HtmlElement) -> str | None:
    """The name in bold opening an author row with a portrait, before the desk, role or date
    ("<img alt='A'> <b>A</b> <small>Lokalredaktion</small> 30. November"); None for another
    element, and for a row quoting the person or going on with a verb ("<b>A</b> sagt: „…“").
    Whether it is a name is the caller's to check."""
    bold = [child for child in row if child.tag in ("b", "strong") and len(child) == 0]
    if len(bold) != 1 or row.find(".//img") is None:
        return None  # before the text: a row may be the whole article
    text = collapse(" ".join(row.itertext()))
    if len(text.split()) > 12:
        return None
    name = collapse(bold[0].text or "")
    rest = text[len(name) :].split() or ["A"]
    if not name or not text.startswith(name) or re.search('[„“”"«»‚‘]', text):
        return None
    return name if not rest[0][0].islower() else None


# What follows an author's linked name before an agency's: "<a>A</a> mit AFP", "… und dpa".
_LINKED_NAME_WITH_RE = re.compile(r"\s*(?:mit|und)\s+\S")


def byline_near_headline(
    h1: lxml.html.HtmlElement | None, *, agencies_only: bool = False
) -> list[str]:
    """Byline and agency credit lines next to the headline, whatever their class names.

    Generated class names (css-1x2y) say nothing; the byline's shape does ("Von …", "Text: …",
    "Ein Beitrag von …", "Name, APA/red", "Quelle: Reuters, AFP"). Only short elements in the
    headline's own container and the few blocks after it count, and the names found must look
    like names (`pipelines.names`), so "Von Berlin nach Hamburg …" is no author.
    `agencies_only`: only the lines that name an agency (the people are known).
    """
    if h1 is None:
        return []
    container = h1.getparent()
    if container is None:
        return []
    if container.tag in ("body", "html"):
        # A headline straight in the body (a bare page): the few short blocks between it and
        # the text, never the site's footer or navigation.
        blocks = list(itertools.takewhile(_before_text, itertools.islice(h1.itersiblings(), 4)))
    else:
        blocks = [container, *itertools.islice(container.itersiblings(), 4)]
    return bylines_in(blocks, h1, agencies_only=agencies_only)


def bylines_in(
    blocks: list[lxml.html.HtmlElement],
    skipped: lxml.html.HtmlElement | None = None,
    *,
    agencies_only: bool = False,
    links: bool = True,
) -> list[str]:
    """The byline and agency credit lines in `blocks` and their elements (the first 120), not
    in `skipped` (the headline), nor in links unless `links`; see `byline_near_headline`."""
    found: list[str] = []
    count = 0
    for block in blocks:
        for element in block.iter():
            count += 1
            if count > 120:
                return found  # the headline's container is a whole article on some pages
            if element is skipped or not isinstance(element, lxml.html.HtmlElement):
                continue
            if not links and (
                element.tag == "a" or next(element.iterancestors("a"), None) is not None
            ):
                continue
            # The element's own first text, before the dearer text of its subtree.
            own = element.text
            if (
                not (own and own.strip())
                and len(element)
                and _LINKED_NAME_WITH_RE.match(element[0].tail or "")
            ):
                own = text_of(element)  # "<a>A</a> mit AFP": the name a link, the agency after
            own = latin_punctuation(gaps_as_items(own.strip())) if own else ""
            # A portrait row has a child in bold.
            portrait = (
                None if own or agencies_only or not len(element) else portrait_row_name(element)
            )
            if portrait is not None and portrait not in found:
                found.append(portrait)
            if not own or len(own) > 160:
                continue
            info = is_info_line(own)
            segments = BYLINE_ITEMS_SPLIT_RE.split(own) if info else [own]
            row = labelled_row(element, own)  # "<dt>Autor</dt><dd>A</dd>" reads "Autor: A"
            if row is None and element.tag == "td" and ":" in own and _data_cell(element):
                continue
            if row is not None:
                _add_byline(found, row, row, agencies_only)
            elif len(segments) > 1 and not len(element):
                for segment in segments:
                    _add_byline(found, segment, segment, agencies_only)
            # An agency credit writing the agencies out is as long as the short names make it
            # ("Mit Informationen der Katholischen Nachrichten-Agentur (KNA) und des …").
            elif len(own) <= 100 or len(short_agency_names(own)) <= 100:
                _add_byline(found, own, element, agencies_only)
    return found


def _data_cell(cell: lxml.html.HtmlElement) -> bool:
    """Whether a table cell is in a table of several rows: a cell labelled in itself
    ("Bericht: A" beside "3.12.", one row for each of a club's reports) is data, no byline."""
    row = cell.getparent()
    rows = row.getparent() if row is not None else None
    return rows is not None and sum(child.tag == "tr" for child in rows) > 1


def _add_byline(
    found: list[str], own: str, element: lxml.html.HtmlElement | str, agencies_only: bool
) -> None:
    """Add the byline or agency credit that `own` (an element's first text) starts, if any."""
    first = WORD_RE.match(own)
    if (
        first is not None
        and first.group(0).casefold() in _BYLINE_FIRST_WORDS
        and _BYLINE_START_RE.match(own + " ")
    ):
        # A byline over its date on the next line ("Interview: A und B<br>11. Oktober 2025"):
        # the first line, unless it is the label alone ("Von<br>A") or an agency follows.
        if isinstance(element, str):
            text = element
        else:
            text = collapse(text_of(element))
            line = first_line(element)
            if len(line.split()) >= 3 and not _names_agency_key(text):
                text = line
        if agencies_only and not _names_agency_key(text):
            return
    elif not agencies_only and own.count("(") >= 2 and credited_writers(own):
        text = own  # a credits line of roles in brackets: "A (Text), B (Bilder)"
    elif (
        # A source line with a date or time is longer ("Programm, Sendung, 20.06.2026, 15:30
        # Uhr ; sda/mila"): its agencies only are read, below.
        (
            (words := len((short := short_agency_names(own)).split())) <= 8
            or (words <= 12 and _DATE_OR_TIME_RE.search(own))
        )
        and _AGENCY_KEY_RE.search(short.casefold()) is not None  # `short` has short names
        and names_an_agency(_undated(short))
        and not (isinstance(element, lxml.html.HtmlElement) and _credits_a_picture(element))
    ):
        text = (
            element if isinstance(element, str) else latin_punctuation(collapse(text_of(element)))
        )
        # A credit line with a date or time is a source line ("Programm, 18.6.2025; sda/mila"):
        # its agencies only; a writer's line over its date ("A mit Material von dpa") is itself.
        if _DATE_OR_TIME_RE.search(text):
            own_line = BYLINE_OPENING_RE.search(own) and not _DATE_OR_TIME_RE.search(own)
            text = own if own_line else " / ".join(agency_names(_undated(text).replace(";", "/")))
    else:
        return
    if text and len(text.split()) <= 16 and text not in found:
        found.append(text)


def _undated(text: str) -> str:
    """A source line without the date and time it closes with ("Quelle: Xinhua 2025-05-08
    10:21:37"), which no separator parts from the agency's name."""
    return _TRAILING_STAMP_RE.sub("", text) if text[-1:].isdigit() else text


def _names_agency_key(text: str) -> bool:
    """Whether a word of `text` is an agency's short name, or it writes an agency out
    ("der Deutschen Presse-Agentur")."""
    return _AGENCY_KEY_RE.search(short_agency_names(text).casefold()) is not None


def _credits_a_picture(element: lxml.html.HtmlElement) -> bool:
    """An agency named in a figure, or under a picture label of its own ("Fotos | dpa/…" in
    an info table, "<dt>Bild</dt><dd>AFP</dd>"): it credits a photo, not the text."""
    if any(ancestor.tag in ("figure", "figcaption") for ancestor in element.iterancestors()):
        return True
    if beside_picture_counter(element) or _under_a_picture(element):
        return True
    previous = element.getprevious()
    parent = element.getparent()
    if previous is not None:
        label = collapse(previous.text_content())
    else:
        label = collapse(parent.text if parent is not None else "")
    return len(label.split()) <= 3 and is_image_credit(f"{label.rstrip(' :')}: {element.text}")


def _under_a_picture(element: lxml.html.HtmlElement) -> bool:
    """True for an element inside a caption that follows a picture in its box: a line of a
    few words holding no paragraphs ("<img><div>Caption <span>APA/A</span></div>"). A name
    beside a provider's logo ("<img><span>AFP</span>") is no caption, nor an author box's
    paragraphs beside the portrait."""
    for box in itertools.islice(element.iterancestors(), 2):
        previous = box.getprevious()
        if previous is not None and previous.tag in ("img", "picture"):
            return (
                not any(block is not box for block in box.iter(*_BLOCK_TAGS))
                and len(text_of(box).split()) <= _CAPTION_MAX_WORDS
            )
    return False


def first_line(element: lxml.html.HtmlElement) -> str:
    """An element's text up to its first line break: a source box goes on under the credit
    with other lines ("Autorin: A, PROGRAMM<br>Dieses Thema im Programm: …")."""
    breaks = [index for index, child in enumerate(element) if child.tag == "br"]
    if not breaks:
        return collapse(text_of(element))
    before = element[: breaks[0]]
    return collapse(
        " ".join([element.text or "", *(f"{text_of(c)}{c.tail or ''}" for c in before)])
    )
