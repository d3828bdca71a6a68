"""A press release's closing blocks: its contact block, with or without a label, its keywords,
and the sender's self-description ("Über <sender>"). A pure function for the box pass; every
rule is phrased for the block's shape."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.clean_rules import SENTENCE_END_RE

_I = re.IGNORECASE

# A press release's closing blocks: a contact label ("Pressekontakt:", "Rückfragen bitte an:",
# "Rückfragehinweis:", "Wissenschaftliche Ansprechpartner:", "Ihr Ansprechpartner") or the
# release's keywords ("Merkmale dieser Pressemitteilung:") over short lines; "Über <sender>"
# ("About <sender>") over the sender's self-description.
RELEASE_LABEL_RE = re.compile(
    r"^(?:Presse-?kontakt|Pressestelle|Medienkontakt|Kontakt(?: für (?:Medien|Journalisten"
    r"|die Presse|Presseanfragen))?|(?:Für |Bei )?Rückfragen(?: bitte)?(?: an| wenden Sie sich"
    r" (?:bitte )?an| (?:&|und) Kontakt)?|Rückfragehinweis(?:e)?|(?:(?:Wissenschaftliche"
    r"|Fachliche)[rn]? |Ihre? |Unsere? )?(?:Ansprechpartner(?:in|innen)?|Kontakt)(?: für (?:die )?"
    r"(?:Medien|Presse))?|(?:Merkmale|Schlagworte|Stichworte|Kategorien) (?:dieser|der|zur)"
    r" (?:Presse)?(?:mitteilung|meldung))\s*:?$",
    _I,
)
# The sender's name may hold abbreviations' periods ("Flussretter e. V.", "Kunz GmbH & Co. KG",
# "About Riverkeepers e.V."), a period after a word of one to four letters.
_ABBREVIATION_DOT = r"(?:(?<=\b\w)|(?<=\b\w\w)|(?<=\b\w\w\w)|(?<=\b\w\w\w\w))\."
ABOUT_LABEL_RE = re.compile(
    r"^(?:Über (?:die |den |das )?|About (?:the )?)(?P<name>[A-ZÄÖÜ](?:[^.!?:]|"
    + _ABBREVIATION_DOT
    + r"){2,60}?)\s*:?$"
)
# A web or e-mail address: a self-description's second paragraph may point to the sender's site.
_WEB_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)\S|[\w.-]+@[\w-]+\.[a-z]{2,}|\b[\w-]+\.(?:de|at|ch|com|org)\b"
)
# A contact line: a phone number or an e-mail address.
CONTACT_LINE_RE = re.compile(
    r"\b(?:Tel|Telefon|Fon|Fax|Mobil|Phone)\b\.?:?\s*\+?[\d(]|[\w.-]+@[\w-]+\.[\w.]+"
)

# A name closing with a dotted abbreviation ("… Nord e.V.", "… e. V."): no sentence's end.
_DOTTED_ABBREVIATION_END_RE = re.compile(r"\b\w\.\s?\w\.$")
# The articles a sender's self-description opens with ("Die Hochschule X wurde …").
_ARTICLES = ("Der ", "Die ", "Das ", "The ")
# A contact block without its label closes the text with a few short lines (a name, a role,
# an office) and a phone number or an e-mail address on a line of its own, with a label at most.
_CONTACT_BLOCK_MAX_LINES = 6
_CONTACT_BLOCK_MAX_WORDS = 8
_CONTACT_LINE_MAX_WORDS = 6


def release_block_lines(lines: Sequence[tuple[str, bool]]) -> list[int]:
    """The indexes of the lines (text, whether a list item) that form a press release's
    closing blocks: a contact label or the release's keywords over the short lines after it
    (names, roles, phone, e-mail), and "Über <sender>" over the sender's description, a line
    opening with the sender's name, when nothing but another closing block follows it."""
    found: set[int] = set()
    for index, (text, _item) in enumerate(lines):
        if _is_labelled_contact(text):
            found.add(index)
        if index in found or len(text) > 80:
            continue
        if RELEASE_LABEL_RE.match(text):
            found.add(index)
            for offset, (following, is_item) in enumerate(lines[index + 1 :], index + 1):
                short = len(following.split()) <= 12 and not is_item
                if not short or (
                    SENTENCE_END_RE.search(following)
                    and not CONTACT_LINE_RE.search(following)
                    and not _DOTTED_ABBREVIATION_END_RE.search(following)
                ):
                    break
                found.add(offset)
            continue
        about = ABOUT_LABEL_RE.match(text)
        if about is not None and index + 1 < len(lines):
            found.update(_about_block(lines, index, about.group("name")))
    found.update(_closing_contact_block(lines))
    # A contact over the closing blocks, its label set apart ("Prof. Dr. A, Tel. 0541 88-23").
    end = next((index for index in range(len(lines), 0, -1) if index - 1 not in found), 0)
    found.update([end - 1] if 0 < end < len(lines) and _is_contact(lines[end - 1][0]) else ())
    return sorted(found)


# The items of a contact given on its label's line, and the most words of one: a name, an
# office, a phone number, an e-mail address.
_CONTACT_ITEMS_SPLIT_RE = re.compile(r"\s*[,;|·•]\s*")
_CONTACT_ITEM_MAX_WORDS = 6
# The small words of an office's or a place's name ("Institut für Bodenkunde", "Amt der
# Stadt"): any other word in lower case, but an address, makes a sentence of the item.
_CONTACT_SMALL_WORDS = frozenset(
    ("für", "und", "der", "die", "das", "des", "dem", "den", "von", "vom", "am", "im", "an", "zu")
)
# A press office opening a contact's first item, its body's name after it: "Pressestelle X".
_PRESS_OFFICE_RE = re.compile(r"^(?:Presse-?kontakt|Pressestelle|Medienkontakt)\s+(?=[A-ZÄÖÜ])")


def _is_labelled_contact(text: str) -> bool:
    """A contact on its label's line: "Kontakt: Prof. Dr. A, Institut für B, Tel. 0761 555-23,
    a@b.example", or a press office's name as its first item ("Pressestelle Verband X,
    presse@x.example"). A sentence after the label ends with its period ("Kontakt: Wer Fragen
    hat, ruft unter Tel. 0761 555 an.") or holds words in lower case ("Der Hausmeister hilft
    gern weiter, Tel. 0761 555")."""
    label, colon, value = text.partition(":")
    office = None if colon else _PRESS_OFFICE_RE.match(text)
    if office is not None:
        label, colon, value = office.group(0), " ", text
    return bool(colon and len(label) <= 60 and RELEASE_LABEL_RE.match(label)) and _is_contact(value)


def _is_contact(value: str) -> bool:
    return bool(
        not SENTENCE_END_RE.search(value)
        and CONTACT_LINE_RE.search(value)
        and all(map(_is_contact_item, _CONTACT_ITEMS_SPLIT_RE.split(value.strip())))
    )


def _is_contact_item(item: str) -> bool:
    words = item.split()
    return len(words) <= _CONTACT_ITEM_MAX_WORDS and all(
        not word[:1].islower()
        or word in _CONTACT_SMALL_WORDS
        or "@" in word
        or "." in word
        or any(ch.isdigit() for ch in word)
        for word in words
    )


def _about_block(lines: Sequence[tuple[str, bool]], index: int, name: str) -> range:
    """The "Über <sender>" label at `index` and the sender's description under it: a paragraph
    opening with the sender's name, and perhaps a second one naming the sender again or its
    site, when nothing but another closing block follows. A second paragraph before the end of
    the text needs a closing block after it or an address of its own: a subheading "Über die
    Brücke" over two paragraphs on the bridge closes many a text."""
    following = lines[index + 1][0]
    opening = following.split(" ", 1)[-1] if following[:4] in _ARTICLES else ""
    if not (following.startswith(name) or opening.startswith(name)):
        return range(0)
    after = lines[index + 2][0] if index + 2 < len(lines) else None
    if after is None or _is_closing_label(after):
        return range(index, index + 2)
    last = lines[index + 3][0] if index + 3 < len(lines) else None
    if (last is None or _is_closing_label(last)) and (
        _WEB_ADDRESS_RE.search(after) or (name in after and last is not None)
    ):
        return range(index, index + 3)
    return range(0)


def _is_closing_label(text: str) -> bool:
    return bool(RELEASE_LABEL_RE.match(text) or ABOUT_LABEL_RE.match(text))


def _closing_contact_block(lines: Sequence[tuple[str, bool]]) -> range:
    """The lines closing the text that make a contact block without a label: two to six short
    lines, none a sentence or a list item, one of them a phone number or an e-mail address
    ("Prof. Dr. A, Institut für B" / "Telefon: 0441 12-34" / "E-Mail: a@b.example"). A
    sentence giving a number ends with its period and closes no block."""
    start, contact = len(lines), False
    while start > 0:
        text, is_item = lines[start - 1]
        words = len(text.split())
        is_contact = words <= _CONTACT_LINE_MAX_WORDS and CONTACT_LINE_RE.search(text) is not None
        if (
            is_item
            or words > _CONTACT_BLOCK_MAX_WORDS
            or (SENTENCE_END_RE.search(text) and not is_contact)
        ):
            break
        contact = contact or is_contact
        start -= 1
    count = len(lines) - start
    if contact and start > 0 and 2 <= count <= _CONTACT_BLOCK_MAX_LINES:
        return range(start, len(lines))
    return range(0)
