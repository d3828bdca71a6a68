"""Small boxes beside the text that hold too few lines for a fact box (pipelines.blocks): a
label over one paragraph of a contact ("<h3>Kontakt zur Lokalredaktion</h3><p>Lokalredaktion
…, Telefon …, …@….de</p>", "<h3>Ansprechpartner</h3><p>Kämmerei<br>Herr …<br>Telefon: …</p>")
or of opening hours ("<h3>Öffnungszeiten</h3><p>Mo–Fr 8–12 Uhr<br>Do 14–18 Uhr</p>"); and a
heading with a line or two pitching a list of links to other articles ("<h3>Aus dem
Archiv</h3><p>Lesen Sie mehr zum Thema …</p><ul><li><a>…</a></li>…</ul>"); and a review's
verdict, a label over a list of short points ("<h3>Pro</h3><ul><li>lange Akkulaufzeit</li>
…</ul>"); and a schedule, a label over a few lines at clock times ("<h3>Nächste
Gottesdienste</h3><p>So, 10.00 Uhr Hochamt</p>"). Each is the box's whole text, at most a
third of the words around it. A label over one paragraph in a column of such boxes beside the
text's container goes too (`drop_column_boxes`)."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.box_lines import HOURS_LINE_RE
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.listings import br_lines, has_words
from pipelines.tree import SENTENCE_END_RE, all_bold, collapse, shorten, text_of

# A phone number after its label, or an e-mail address: a contact's line.
CONTACT_RE = re.compile(r"\b(?:Tel|Telefon|Fon|Phone)\b\.?:?\s*\+?[\d(]|\b[\w.-]+@[\w-]+\.[\w.]+")
_CONTACT_MARKS = ("@", "Tel", "Fon", "Phone")
# A service's number after its name: "Wasserstörung: 08431 2207-99", "Giftnotruf: 089 19240"
# (six digits or more: a score or a count after a label has fewer, or no spaced groups).
_SERVICE_NUMBER_RE = re.compile(r"^[^\d:]{2,40}:\s*\+?(?=(?:[\s()/-]*\d){6})[\d\s()/-]*\d$")
_HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_LABEL_MAX_WORDS = 8
_LINE_MAX_WORDS = 25
# A pitch of a line or two between the heading and the links.
_PITCH_MAX_LINES = 2
_MAX_UNITS = 1 + _PITCH_MAX_LINES + 12
_HEADLINE_MIN_WORDS = 3
# A review's verdict over its list of points, one box for the good and one for the bad: "Pro",
# "Contra", "Plus", "Vorteile", "Schwächen", "Das gefällt uns nicht".
_VERDICT_LABEL_RE = re.compile(
    r"^(?:Pro|Contra|Kontra|Plus|Minus|Vorteile|Nachteile|Stärken|Schwächen|(?:Das )?[Gg]efällt"
    r" uns(?: nicht)?|Top|Flop)\s*:?$"
)
_VERDICT_ITEM_MAX_WORDS = 8
# The label of a box citing the paper a text reports on: "Originalpublikation",
# "Originalveröffentlichung:", "Publikation", "Original publication". The same label opening a
# paragraph of the text ("<p><b>Originalpublikation:</b> …</p>") is no box's and stays.
_PUBLICATION_LABEL_RE = re.compile(
    r"^(?:Original ?(?:publikation|veröffentlichung|arbeit|studie|artikel|publication|paper)"
    r"|(?:Wissenschaftliche )?(?:Publikation|Veröffentlichung)|Fachartikel|Publication)\s*:?$",
    re.IGNORECASE,
)
_REFERENCE_MAX_WORDS = 80
# A schedule's line: a clock time ("18.30 Uhr", "20:00", "10 Uhr"); a date ("23.11.") is none.
_CLOCK_RE = re.compile(r"\b\d{1,2}(?:[:.]\d{2})? ?Uhr\b|\b\d{1,2}:\d{2}\b")
_SCHEDULE_MAX_LINES = 6
_SCHEDULE_LINE_MAX_WORDS = 12
# How far up the text beside a box may be: a sidebar's box has it a level or two further up.
_REACH = 3


def side_box_rule(box: lxml.html.HtmlElement, units: list[lxml.html.HtmlElement]) -> Rule | None:
    """The rule of a small box of a label and a contact or opening hours (a fact box), or of a
    heading and a pitch over links to other articles (a teaser); None for any other box.
    `units` are the box's blocks of text (paragraphs, headings, list items)."""
    rule = Rule.STATS_BOX if _is_schedule(box, units) else _labelled_box_rule(units)
    if rule is None:
        return None
    words = len(collapse(" ".join(box.itertext())).split())
    if any(has_words(above, words * 3) for above in itertools.islice(box.iterancestors(), _REACH)):
        return rule
    return None


def _labelled_box_rule(units: list[lxml.html.HtmlElement]) -> Rule | None:
    if not 2 <= len(units) <= _MAX_UNITS or not _is_label(units[0]):
        return None
    if _VERDICT_LABEL_RE.match(collapse(text_of(units[0]))):
        rule = Rule.STATS_BOX if _is_verdict_list(units[1:]) else None
    elif len(units) == 2 and _PUBLICATION_LABEL_RE.match(collapse(text_of(units[0]))):
        rule = Rule.CITATION if _is_reference(units[1]) else None
    elif len(units) == 2:
        rule = Rule.STATS_BOX if _is_contact_or_hours(units[1]) else None
    else:
        rule = Rule.MORE_TOPICS if _is_pitched_links(units[1:]) else None
    return rule


def _is_schedule(box: lxml.html.HtmlElement, units: list[lxml.html.HtmlElement]) -> bool:
    """A label (a heading, or the box's name in bold) over a few short lines, each at a clock
    time and none a sentence: a broadcaster's programme box ("<strong>Jetzt im Programm
    </strong><p>Musik am Abend, 20:00 – 22:00 MEZ</p>"), a parish's next services ("<h3>Nächste
    Gottesdienste</h3><p>So, 24.11., 10.00 Uhr Hochamt St. Peter</p>…")."""
    first = box[0] if len(box) and not (box.text or "").strip() else None
    if first is not None and first.tag in ("strong", "b") and _is_label_text(text_of(first)):
        lines = units
    elif units and _is_label(units[0]):
        lines = units[1:]
    else:
        return False
    if not 1 <= len(lines) <= _SCHEDULE_MAX_LINES:
        return False
    texts = [collapse(text_of(line)) for line in lines]
    return all(
        0 < len(text.split()) <= _SCHEDULE_LINE_MAX_WORDS
        and ("Uhr" in text or ":" in text)
        and _CLOCK_RE.search(text) is not None
        and not SENTENCE_END_RE.search(text)
        for text in texts
    )


def _is_label(unit: lxml.html.HtmlElement) -> bool:
    """A heading, or a paragraph all in bold, of a few words and no sentence."""
    if unit.tag not in _HEADING_TAGS and not all_bold(unit):
        return False
    return _is_label_text(text_of(unit))


def _is_label_text(text: str) -> bool:
    label = collapse(text)
    return 0 < len(label.split()) <= _LABEL_MAX_WORDS and not SENTENCE_END_RE.search(label)


def _is_reference(unit: lxml.html.HtmlElement) -> bool:
    """One paragraph citing a paper: its authors, year, title and journal, a line or two."""
    return unit.tag == "p" and 0 < len(text_of(unit).split()) <= _REFERENCE_MAX_WORDS


def _is_verdict_list(units: list[lxml.html.HtmlElement]) -> bool:
    """The items of one list, each a short point, no sentence ("lange Akkulaufzeit")."""
    listing = units[0].getparent() if units else None
    if listing is None or listing.tag not in ("ul", "ol") or len(listing) != len(units):
        return False
    points = [collapse(text_of(unit)) for unit in units]
    return all(
        unit.tag == "li"
        and 0 < len(point.split()) <= _VERDICT_ITEM_MAX_WORDS
        and not SENTENCE_END_RE.search(point)
        for unit, point in zip(units, points, strict=True)
    )


def _is_contact_or_hours(unit: lxml.html.HtmlElement) -> bool:
    """A paragraph of short lines, no sentence, that give a contact (a phone number, an e-mail
    address), are all services' numbers (an emergency box's) or all opening hours ("Mo–Fr
    8:00–12:00 Uhr")."""
    if unit.tag != "p":
        return False
    lines = br_lines(unit)
    if not lines or any(
        len(line.split()) > _LINE_MAX_WORDS or SENTENCE_END_RE.search(line) for line in lines
    ):
        return False
    if any(mark in line for line in lines for mark in _CONTACT_MARKS) and any(
        map(CONTACT_RE.search, lines)
    ):
        return True
    if all(":" in line for line in lines) and all(map(_SERVICE_NUMBER_RE.match, lines)):
        return True
    return all(any(map(str.isdigit, line)) and HOURS_LINE_RE.match(line) for line in lines)


def _is_pitched_links(units: list[lxml.html.HtmlElement]) -> bool:
    """A line or two of pitch, then the items of one list, each a link alone, headlines."""
    pitch = list(itertools.takewhile(lambda unit: unit.tag == "p", units))
    items = units[len(pitch) :]
    if not 1 <= len(pitch) <= _PITCH_MAX_LINES or len(items) < 2:
        return False
    listing = items[0].getparent()
    if listing is None or listing.tag not in ("ul", "ol") or len(listing) != len(items):
        return False
    if any(len(collapse(text_of(line)).split()) > _LINE_MAX_WORDS for line in pitch):
        return False
    # Headlines, not a menu's entries of a word or two under a site's name and claim.
    return all(
        item.tag == "li"
        and len(item) == 1
        and item[0].tag == "a"
        and not (item.text or "").strip()
        and not (item[0].tail or "").strip()
        and len(text_of(item).split()) >= _HEADLINE_MIN_WORDS
        for item in items
    ) and is_headline_list(listing)


def is_headline_list(element: lxml.html.HtmlElement) -> bool:
    """A list of short headline items: no item is a sentence or longer than a headline."""
    items = [collapse(text_of(item)) for item in element.iterchildren("li")]
    if not items or len(items) != len(element):
        return False
    return all(
        item and len(item.split()) <= 20 and not SENTENCE_END_RE.search(item) for item in items
    )


_BOX_TAGS = frozenset(("div", "aside", "section"))
_COLUMN_LABEL_TAGS = frozenset((*_HEADING_TAGS, "div", "p", "span", "strong", "b"))
_COLUMN_LABEL_MAX_WORDS = 6
_COLUMN_PARAGRAPH_MAX_WORDS = 40
_COLUMN_MAX_BOXES = 12
# The containers beside a column that may hold the text, looked at on each side.
_TEXT_CONTAINERS = frozenset((*_BOX_TAGS, "article", "main"))
_COLUMN_SIBLINGS = 3


def drop_column_boxes(boxes: list[lxml.html.HtmlElement]) -> list[DroppedLine]:
    """Remove the small labelled boxes in a column of boxes beside the text's container: a box
    of a label and one paragraph ("<div class='box'><div>Chinesisch lernen</div><p>Jeden Tag
    ein neues Wort …</p></div>", "<h3>Gottesdienstzeiten</h3><p>… in unserem
    Terminkalender.</p>") among boxes each opened by a label, in a column that holds nothing
    else, next to a container with three times its words. An article of sections under
    subheadings is the container itself, with no such text beside it; a closing section of the
    text stands among the text's paragraphs. `boxes` are the page's boxes without nested
    containers: a labelled box is one of them or holds its label's box."""
    columns: dict[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] = {}
    for leaf in boxes:
        parent = leaf.getparent()
        box = leaf if _is_labelled_paragraph(leaf) else parent
        if box is None or (
            box is parent and (leaf is not box[0] or not _is_labelled_paragraph(box))
        ):
            continue
        column = box.getparent()
        if column is not None:
            columns.setdefault(column, []).append(box)
    dropped: list[DroppedLine] = []
    for column, labelled in columns.items():
        # A column in a box the rules before removed is out of the page.
        if not _is_box_column(column) or next(column.iterancestors("body"), None) is None:
            continue
        words = len(collapse(text_of(column)).split())
        beside = itertools.chain(
            itertools.islice(column.itersiblings(preceding=True), _COLUMN_SIBLINGS),
            itertools.islice(column.itersiblings(), _COLUMN_SIBLINGS),
        )
        if not any(
            isinstance(sibling, lxml.html.HtmlElement)
            and sibling.tag in _TEXT_CONTAINERS
            and has_words(sibling, words * 3)
            for sibling in beside
        ):
            continue
        for box in labelled:
            text = collapse(" ".join(box.itertext()))
            # The line rules' more specific name when they know the paragraph (a promo).
            rule = classify_line(collapse(text_of(box[1]))) or Rule.SIDE_COLUMN
            box.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(rule)))
    return dropped


def _is_labelled_paragraph(box: lxml.html.HtmlElement) -> bool:
    """A box of a label (`_column_label`) over one short paragraph, nothing else."""
    if box.tag not in _BOX_TAGS or len(box) != 2 or (box.text or "").strip():
        return False
    label, paragraph = box
    if paragraph.tag != "p" or (label.tail or "").strip() or (paragraph.tail or "").strip():
        return False
    words = len(text_of(paragraph).split())
    return 0 < words <= _COLUMN_PARAGRAPH_MAX_WORDS and _column_label(label)


def _column_label(label: lxml.html.HtmlElement) -> bool:
    """A heading or a short block opening a box: a few words, no sentence."""
    if label.tag not in _COLUMN_LABEL_TAGS:
        return False
    text = collapse(text_of(label))
    return 0 < len(text.split()) <= _COLUMN_LABEL_MAX_WORDS and not SENTENCE_END_RE.search(text)


def _is_box_column(column: lxml.html.HtmlElement) -> bool:
    """A block of two or more boxes and nothing else, each opened by a label or emptied (its
    list of links to other pages gone before)."""
    if column.tag not in _BOX_TAGS or (column.text or "").strip():
        return False
    children = list(column)
    return 2 <= len(children) <= _COLUMN_MAX_BOXES and all(
        isinstance(child, lxml.html.HtmlElement)
        and child.tag in _BOX_TAGS
        and not (child.tail or "").strip()
        and ((len(child) and _column_label(child[0])) or not text_of(child).strip())
        for child in children
    )
