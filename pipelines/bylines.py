"""The printed byline: its text, and whether it or the metadata names the article's authors."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import lxml.etree
import lxml.html

from crawler.model.dates import classify_date_line
from pipelines.byline_lines import AUTHOR_BOX_LABEL_RE, SENTENCE_BREAK_RE, before_editor_label
from pipelines.clean_rules import INTERVIEW_CREDIT_LEAD
from pipelines.contributor_cards import card_authors, footer_byline_authors
from pipelines.credits import (
    BYLINE_ITEMS_SPLIT_RE,
    credited_writers,
    is_image_credit,
    is_info_line,
)
from pipelines.headline_bylines import first_line, portrait_row_name
from pipelines.marks import BYLINE_CLASS_RE
from pipelines.names import byline_people, normalise_field, split_credits
from pipelines.phrase_starts import may_open, start_chars
from pipelines.set_apart import (
    AUTHOR_BOX_MAX_WORDS,
    BIO_SUBJECT_RE,
    DETERMINER_RE,
    is_name,
    paragraphs_before,
    set_apart_lines,
)
from pipelines.tree import collapse, gaps_as_items, latin_punctuation, text_of

# What XPath's normalize-space() takes for space.
_XML_SPACES = " \t\n\r"
_ONE_ROW_CELLS_XPATH = lxml.etree.XPath("self::table[count(.//tr) = 1]//*[self::td or self::th]")
# How many author/byline elements are read for the printed byline: the byline's come first,
# a comment section's authors much later.
BYLINE_ELEMENTS = 6
# The longest info line under the headline, in characters.
_INFO_LINE_CHARS = 120
# How the credit closing an interview begins ("Mit A sprach B.", "Das Gespräch führte B.").
_INTERVIEW_CREDIT_RE = re.compile(rf"^(?:{INTERVIEW_CREDIT_LEAD})\s")
_INTERVIEW_CREDIT_STARTS = start_chars(_INTERVIEW_CREDIT_RE)
# A photo credit closing a byline element's text, after the name.
_PORTRAIT_CREDIT_RE = re.compile(
    r"(?<=\S)\s+((?:Fotos?|Bild(?:er)?|Porträt|Autorenfoto|Autorinnenfoto)\s*:\s*\S.*|©.*)$"
)
# The label of a writer's credit line: "Bericht:", "Text:", "Autorin:", "Text und Fotos:".
_CLOSING_CREDIT_RE = re.compile(
    r"^(?:Bericht|Texte?|Autor(?:in|en)?|(?:Text|Bericht)\s*(?:und|&|/)\s*(?:Fotos?|Bild(?:er)?))"
    r"\s*:\s*\S"
)
# A broadcaster's programme in capitals after the writer's name in a credit: "Autorin: A, MDW
# THÜRINGEN JOURNAL", "Autor: A, RADIO 7 KULTUR".
_PROGRAMME_RE = re.compile(r",\s*[A-ZÄÖÜ]{2,}(?:[\s-]+[A-ZÄÖÜ0-9]+)*\s*$")
# The elements that set the name apart in an author box.
_BOX_NAME_TAGS = ("b", "strong", "a", "span", "h2", "h3", "h4", "h5", "h6", "p", "div", "cite")
# An author box's heading, not a byline's label ("Autor: A"): "Über den Autor", "Zur Autorin".
# A box's heading "About" its writer by name: "Über Ida Lenz", "About Jan Ohm".
_ABOUT_RE = re.compile(r"^(?:Über|About) (?=[A-ZÄÖÜ])")
_BOX_HEADING_RE = re.compile(
    r"(?:Über \w+|Zu[mr]|Zu den|About the) (?:Gast)?(?:Autor|author)", re.IGNORECASE
)
# A link to the writer's other pieces closing an author box: "Mehr von A", "Alle Artikel von
# A", "Weitere Beiträge der Autorin", "Zum Autorenprofil".
_MORE_BY_RE = re.compile(
    r"\s+(?:(?:Mehr|Alle|Weitere)(?:\s+(?:Artikel|Beiträge|Texte))?\s+(?:von|der|des)\s"
    r"|Zum\s+Autor(?:en|innen)?profil\b)[^.!?]{0,60}$"
)
# A guest piece's byline: "Ein Gastbeitrag von A", "Gastkommentar: A", "Gastautorin A", "Guest
# post by A".
_GUEST_LABEL_RE = re.compile(
    r"(?:eine?\s+)?Gast(?:beitrag|kommentar|artikel|text|essay|autor(?:in)?)\b"
    r"|guest\s+(?:post|column|essay|author)\b",
    re.IGNORECASE,
)
_JOINED_LABEL_RE = re.compile(r"(?:\bund|&|\+|/)$", re.IGNORECASE)


def _name_class_elements(element: lxml.html.HtmlElement) -> list[lxml.etree._Element]:
    """The elements inside `element` whose class says "name" or "Name", with text: a walk of
    the few elements of a byline costs less than an XPath's context and tests."""
    return [
        inner
        for inner in element.iterdescendants(lxml.etree.Element)
        if (marks := inner.get("class"))
        and ("name" in marks or "Name" in marks)
        and text_of(inner).strip(_XML_SPACES)
    ]


def byline_text(elements: Iterable[lxml.html.HtmlElement]) -> str | None:
    """The text of the first author/byline element ("Von Anna Beispiel", "Quelle: dpa")."""
    for element in elements:
        # Microdata names the person inside the author element: "Eingestellt von <span
        # itemprop="name">Viktor Lenz</span>".
        named = element.findall(".//*[@itemprop='name']")
        if not named:
            # An author box: photo, name, role and a "Folgen" button; the name has its class.
            named = _name_class_elements(element)
        # Each name of a byline crediting several people ("Von A Profil und B Profil"); a
        # name element inside another is part of it.
        names = [n for n in named if not any(a in named for a in n.iterancestors())]
        # An author box's entries: the name an entry opens with in bold goes before the job
        # and the institution ("<b>Dr. A</b>, Fachberaterin Grünland und Futterbau, Kammer").
        names = names or [_opening_bold(entry) for entry in box_entries(element)]
        marked = None if names else _marked_item(element)
        names = names or ([marked] if marked is not None else [])
        # An author row: a portrait, the name in bold, the desk and the date after it.
        text = (
            "; ".join(collapse(" ".join(n.itertext())) for n in names)
            or portrait_row_name(element)
            or collapse(" ".join(element.itertext()))
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
        # An author box may hold only the portrait and its credit ("Foto: privat"); one under
        # its heading ("Über den Autor", "Zur Autorin", "Über A") is read as a box
        # (`closing_authors`).
        if (
            text
            and len(text.split()) <= 12
            and not is_image_credit(text)
            and not _BOX_HEADING_RE.match(text)
            and not _ABOUT_RE.match(text)
        ):
            return text
    return None


def labelled_byline_authors(
    elements: Sequence[lxml.html.HtmlElement], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The people the first byline element that opens with a byline's label names ("Gastautor:
    A", "Von A"), for a page whose first byline names no person (the posting account: "von
    admin"). A name with no label (a commenter's) is none."""
    for element in elements[:BYLINE_ELEMENTS]:
        text = collapse(text_of(element))
        people = byline_people(text, site_keys) if len(text) <= 80 else ()
        if people:
            return people
    return ()


def box_entries(box: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The entries of a box crediting several people, each in an element of its own, maybe
    with a job title after the name: two or more child boxes the page marks as an author's
    ("<div class='author'><b>A</b><br>Redakteurin</div>"), else two or more bold names
    ("<b>A</b>, Redakteurin<br><b>B</b>, Korrespondent"). Empty for another box."""
    children = [
        child
        for child in box.iterchildren("div", "li", "p", "section", "figure")
        if BYLINE_CLASS_RE.search(child.get("class") or "") and collapse(text_of(child))
    ]
    if len(children) >= 2:
        return children
    bold = [element for element in box.iter("b", "strong") if len(element) == 0]
    names = [collapse(element.text or "") for element in bold]
    if len(bold) >= 2 and all(is_name(name, frozenset()) for name in names):
        return bold
    return []


def _marked_item(row: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The one item of a row the page marks as the author's, beside the source or the date:
    "<span class='author'>Von A, Ort</span><span class='source'>Agentur</span>", the items'
    texts running one into the next. None for a line with text between its elements ("Von
    <a class='author'>A</a> und <a>B</a>")."""
    if len(row) < 2 or (row.text or "").strip() or any((item.tail or "").strip() for item in row):
        return None
    marked = [
        item
        for item in row
        if BYLINE_CLASS_RE.search(item.get("class") or "") and text_of(item).strip()
    ]
    return marked[0] if len(marked) == 1 else None


def _opening_bold(entry: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The one bold element `entry` opens with, else `entry`."""
    bold = [element for element in entry.iter("b", "strong") if len(element) == 0]
    if len(bold) != 1 or bold[0] is entry:
        return entry
    opening = collapse(bold[0].text or "")
    return bold[0] if opening and collapse(text_of(entry)).startswith(opening) else entry


def guest_writers(
    lines: Sequence[str], authors: tuple[str, ...], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The guests a guest piece's byline by the headline names ("Ein Gastbeitrag von A",
    "Gastautorin: A") when the metadata names others: the account that posted it (a
    newsletter's owner, a blog's host) did not write it."""
    for line in lines:
        if _GUEST_LABEL_RE.match(line):
            people = split_credits([line], site_keys)[0]
            if people and not {p.casefold() for p in people} & {a.casefold() for a in authors}:
                return people
    return ()


def marked_byline_people(
    byline_elements: Callable[[], list[lxml.html.HtmlElement]], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """The people the first of the first few author/byline elements that names any names."""
    for element in byline_elements()[:BYLINE_ELEMENTS]:
        people = split_credits([byline_text([element]) or ""], site_keys)[0]
        if people:
            return people
    return ()


# What parts a value into several names (the name split, the slash split, a credits line's
# items): a value with none of these names one person at most. "ı" and "İ" match "i" under
# re.IGNORECASE ("MıT").
_SEVERAL_MARKS = (";", "|", ",", "·", "•", "/", "&", "ı", "İ")
_SEVERAL_WORDS = ("und", "and", "mit")


def may_name_several(raw: str) -> bool:
    """False when `split_credits([raw], …)` gives one person at most: no mark or word that
    parts names is in the value it splits."""
    value = latin_punctuation(normalise_field(raw))
    lowered = value.casefold()
    return any(map(value.__contains__, _SEVERAL_MARKS)) or any(
        map(lowered.__contains__, _SEVERAL_WORDS)
    )


def marked_byline_writers(
    byline_elements: Callable[[], list[lxml.html.HtmlElement]], site_keys: frozenset[str]
) -> tuple[str, ...]:
    """`marked_byline_people` when they are two or more, else (). An element whose text has no
    separator names one person at most: when no element after it may name more, the answer is
    () whether it names one or none, and its text is not split."""
    texts = [byline_text([element]) or "" for element in byline_elements()[:BYLINE_ELEMENTS]]
    several = [may_name_several(text) for text in texts]
    for index, text in enumerate(texts):
        if not any(several[index:]):
            return ()
        people = split_credits([text], site_keys)[0]
        if people:
            return people if len(people) > 1 else ()
    return ()


def info_line_credits(
    h1: lxml.html.HtmlElement | None, site_keys: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names an info line under the headline holds as an item of its own, beside the date:
    "2. Dezember 2026 · Anna Beispiel · 4 Minuten Lesezeit", "Di, 04.02.2025 · 17:12 · Anna
    Beispiel und Jan Muster". Only a line with a date item and one item of names and nothing
    else, or of credits ("Bericht: A · Fotos: B · 03.11.2024"); "12.05.2026 · Politik · 3 Min."
    names nobody. With the agencies its credits name ("2026-01-08 | Quelle：Xinhua | Autor：A")."""
    if h1 is None:
        return (), ()
    parent = h1.getparent()
    candidates = list(itertools.islice(h1.itersiblings(), 3))
    if parent is not None and parent.tag not in ("body", "html", "main", "article"):
        candidates.extend(itertools.islice(parent.itersiblings(), 2))
    for element in candidates:
        # A table of one row prints the items in its cells (the XPath only for a table: it is
        # compiled once); a row of <span>s one in each.
        cells = (_ONE_ROW_CELLS_XPATH(element) if element.tag == "table" else []) or (
            _spans_alone(element)
        )
        text = " · ".join(collapse(text_of(cell)) for cell in cells)
        if not text:
            raw = text_of(element)
            # A block whose head runs past the limit (the text under the headline) is no info
            # line; only a widget label's cut shortens what `latin_punctuation` gets.
            if "【" not in raw and len(collapse(raw[: _INFO_LINE_CHARS * 2])) > _INFO_LINE_CHARS:
                continue
            text = collapse(gaps_as_items(raw))
        text = latin_punctuation(text)
        if len(text) > _INFO_LINE_CHARS or not is_info_line(text):
            continue
        items = [item.strip() for item in BYLINE_ITEMS_SPLIT_RE.split(text)]
        if not any(classify_date_line(item) for item in items):
            continue
        # Credits beside the date: "Bericht: A · Fotos: Vereinsarchiv · 03.11.2024".
        credits = [item for item in items if not classify_date_line(item)]
        writers = credited_writers(" · ".join(credits), lines_of_one=True)
        if writers:
            return split_credits(writers, site_keys)
        # A labelled item ("Kategorie: Welt") is no bare name; one item may join several
        # ("A und B", "A, B und C"), each a name whole.
        names = [_names_alone(item, site_keys) for item in items if ":" not in item]
        if sum(map(bool, names)) == 1:
            return next(people for people in names if people), ()
    return (), ()


def _spans_alone(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The children of an element holding two or more <span>s or <time>s and no text of its
    own ("<span>Interview: A</span> <span>Fotos: B</span> <span>date</span>"), else []."""
    if len(element) < 2 or (element.text or "").strip():
        return []
    if any(child.tag not in ("span", "time") or (child.tail or "").strip() for child in element):
        return []
    return list(element)


def _names_alone(text: str, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The people `text` names when it holds their names and nothing else: "A", "A und B",
    "A, B und C"; () for a phrase ("Politik und Wirtschaft") or a name with more words."""
    people = split_credits([text], site_keys)[0]
    joined = re.sub(r"\s*(?:,|\bund\b|&)\s*", " ", text).split()
    if not people or joined != " ".join(people).split():
        return ()
    return people if all(is_name(person, site_keys) for person in people) else ()


def closing_authors(
    tree: lxml.html.HtmlElement,
    marked: Callable[[], Sequence[tuple[Any, ...]]],
    site_keys: frozenset[str],
    byline_elements: Callable[[], list[lxml.html.HtmlElement]],
) -> tuple[str, ...]:
    """The people a byline in the article's <footer> names, else its contributor cards, a
    signature, a closing credit line, an author box or an italic note on the writer; `marked`
    gives the body's elements with attributes (each first in its tuple), `byline_elements`
    those the page marks as a byline or author."""
    found = footer_byline_authors(tree, site_keys) or card_authors(
        (entry[0] for entry in marked()), site_keys
    )
    if found:
        return found
    signed, noted = set_apart_lines(tree, site_keys)
    return (
        signed
        or _interview_credit(tree, site_keys)
        or _closing_credit_line(tree, site_keys)
        or _author_box_author(tree, byline_elements(), site_keys)
        or noted
    )


def _closing_credit_line(tree: lxml.html.HtmlElement, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The writers a credit line on its own after the text names: "Bericht: A", "Text: A
    und B", "Autorin: A", "Text und Fotos: A", after two paragraphs of text and before no
    other. "Bericht: Der Ausschuss tagt erneut" names nobody."""
    for paragraph in tree.iter("p", "div"):
        # The line's first text opens with the label ("<p><em>Bericht: A</em></p>"), looked at
        # before the whole text, which a <div> of the page holds.
        head = (paragraph.text or "").strip() or (
            (paragraph[0].text or "").strip() if len(paragraph) else ""
        )
        if not head.startswith(("Bericht", "Text", "Autor")):
            continue
        text = before_editor_label(first_line(paragraph))  # the editor is no author
        if len(text) > 80 or not _CLOSING_CREDIT_RE.match(text):
            continue
        if any(len(text_of(p)) >= 80 for p in paragraph.itersiblings("p")):
            continue  # text follows the line
        text_before = [
            p for p in itertools.islice(paragraphs_before(paragraph), 4) if len(text_of(p)) >= 80
        ]
        programme = _PROGRAMME_RE.search(text)
        # Only after a name in small letters: "Text: ANNA BERG, JAN VON STEIN" names two.
        name = text[: programme.start()].split(":", 1)[-1] if programme else ""
        if programme is not None and any(c.islower() for c in name):
            text = text[: programme.start()]
        people = split_credits([text], site_keys)[0]
        if len(text_before) >= 2 and people:
            return people
    return ()


_AUTHOR_BOX_LABEL_FIRST = frozenset("ÜüZzDdAaTt")


def _author_box_author(
    tree: lxml.html.HtmlElement,
    byline_elements: Sequence[lxml.html.HtmlElement],
    site_keys: frozenset[str],
) -> tuple[str, ...]:
    """The writer an author box names: a box the page marks as the author's, or one opening
    with a label ("Über den Autor", "Zur Autorin", "About the author"), holding a name, maybe
    a portrait, and at most a short note on the person ("<b>A</b> ist freier Publizist und
    lebt in Leipzig."). The name is an element of its own opening the box's text, or the
    subject of the note ("A lebt in Köln."). A sibling box names a co-author."""
    boxes = list(byline_elements)
    for label in tree.iter("h2", "h3", "h4", "h5", "h6", "p", "b", "strong", "span", "div"):
        # The label's own test first: a parent's text is the whole page's on a big page.
        if len(label):
            continue
        raw = label.text
        # The letters a label starts with, in either case (re.I matches no other character
        # to them): most elements' text is no label, and is not collapsed.
        if raw is None or raw.lstrip()[:1] not in _AUTHOR_BOX_LABEL_FIRST:
            continue
        text = collapse(raw)
        if not AUTHOR_BOX_LABEL_RE.fullmatch(text):
            continue
        parent = label.getparent()
        if parent is not None and _spaced_text(parent) == text:
            parent = parent.getparent()  # a label in a line of its own: "<p><b>Autor</b></p>"
        if parent is not None and _spaced_text(parent).startswith(text):
            boxes.append(parent)
    found: dict[str, None] = {}
    first: lxml.html.HtmlElement | None = None
    for box in boxes:
        if first is not None and box.getparent() is not first.getparent():
            continue
        names = _box_names(box, site_keys)
        if names:
            found.update(dict.fromkeys(names))
            first = first if first is not None else box
    return tuple(found)


def _box_names(box: lxml.html.HtmlElement, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The names an author box gives: each of its entries' (see `box_entries`), or the one it
    opens with (see `_box_name`)."""
    entries = box_entries(box)
    names = [
        _spaced_text(entry) if entry.tag in ("b", "strong") else _box_name(entry, site_keys)
        for entry in entries
    ]
    if len(entries) >= 2 and all(names) and not _commenters(box):
        return tuple(name for name in names if name)
    name = _box_name(box, site_keys)
    return (name, *_cowriters(box, name, site_keys)) if name else ()


def _cowriters(box: lxml.html.HtmlElement, name: str, site_keys: frozenset[str]) -> list[str]:
    """The other people a note on several authors names, each the subject of a sentence of
    its own after the first: "A ist Lehrerin in Kassel. B ist Bildungsforscher." gives B."""
    sentences = SENTENCE_BREAK_RE.split(_spaced_text(box))
    found: list[str] = []
    for sentence in sentences[1:]:
        subject = BIO_SUBJECT_RE.match(sentence)
        other = subject.group("name") if subject is not None else name
        if DETERMINER_RE.match(other):
            continue  # "Ihr Roman Stille Wasser ist …", "Das Buch …"
        if other not in (name, *found) and is_name(other, site_keys):
            found.append(other)
    return found


def _commenters(box: lxml.html.HtmlElement) -> bool:
    """True for a box in a comment section, or a commenter's."""
    return any(
        "comment" in (element.get("class") or "").casefold()
        for element in itertools.chain((box,), box.iterancestors())
    )


def _box_name(box: lxml.html.HtmlElement, site_keys: frozenset[str]) -> str | None:
    """The name an author box opens with (see `_author_box_author`), None for another box."""
    if _commenters(box):
        return None  # a commenter's name
    text = _spaced_text(box)
    label = AUTHOR_BOX_LABEL_RE.match(text)
    text = text[label.end() :].lstrip(" :") if label else _ABOUT_RE.sub("", text, count=1)
    if text[-1:] not in ".!":
        text = _MORE_BY_RE.sub("", text)
    if not text or len(text.split()) > AUTHOR_BOX_MAX_WORDS:
        return None
    name = next(
        (
            own
            for element in box.iter(*_BOX_NAME_TAGS)
            if element is not box
            and text.startswith(own := _ABOUT_RE.sub("", _spaced_text(element), count=1))
            and is_name(own, site_keys)
        ),
        None,
    )
    end = len(name or "")
    if name is None:
        subject = BIO_SUBJECT_RE.match(text)
        # The subject may carry a degree before the name: "Dipl.-Ing. A ist Sachverständiger".
        people = split_credits([subject.group("name")], site_keys)[0] if subject else ()
        if subject is None or len(people) != 1 or not subject.group("name").endswith(people[0]):
            return None
        name, end = people[0], subject.end()
    note = text[end:].strip(" ,")
    if note and not (note[-1] in ".!" or (len(note.split()) <= 6 and ":" not in note)):
        return None  # "A sagt:", a commenter's
    return name


def _interview_credit(tree: lxml.html.HtmlElement, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The interviewers a paragraph closing an interview credits: "Mit Ida Korn sprach Paul
    Renner.", "Das Gespräch führte Anna Berg.", "Die Fragen stellte …"; the interviewer
    wrote the text."""
    for paragraph in tree.iter("p"):
        raw = text_of(paragraph)
        # The credit's opening words before the collapsed text: its first character is the
        # first one after any white space.
        if not may_open(_INTERVIEW_CREDIT_STARTS, raw.lstrip()):
            continue
        text = collapse(raw)
        if len(text) <= 150 and _INTERVIEW_CREDIT_RE.match(text):
            people = byline_people(text, site_keys)
            if people:
                return people
    return ()


def _spaced_text(element: lxml.html.HtmlElement) -> str:
    """The element's text with its elements' texts parted, as a reader sees a box's lines."""
    return collapse(" ".join(element.itertext()))
