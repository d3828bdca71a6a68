"""Blocks of lines that make one small box beside the text, found among the kept lines: a
press release's closing blocks (pipelines.notices), a credits box of production roles and
names, and a sponsors row under its label. Each finder takes the lines (text, whether a list
item) and gives the indexes of the box's lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipelines.clean_rules import SENTENCE_END_RE, Rule
from pipelines.credits import CREDIT_ROLES
from pipelines.offices import PERSON_NAME
from pipelines.release_blocks import release_block_lines

# A role of one or a few words, joined ("Kamera und Schnitt", "Kamera/Schnitt"), maybe its colon.
_ROLE_SPLIT_RE = re.compile(r"\s*(?:/|,|&|\bund\b)\s*")
# The people credited for a role: "Tim Ewald", "Tim Ewald und Jörg Hainke".
_NAMES_RE = re.compile(rf"^{PERSON_NAME}(?:(?:,| und| &) {PERSON_NAME})*$")
# A role and its people on one line: "Kamera: Tim Ewald".
_ROLE_AND_NAMES_RE = re.compile(r"^(?P<role>[^:]{2,30}):\s*(?P<names>\S.*)$")
_CREDITS_MIN_PAIRS = 2
_CREDIT_LINE_MAX_CHARS = 80


def _is_role(text: str) -> bool:
    parts = _ROLE_SPLIT_RE.split(text.rstrip(" :").casefold())
    return 0 < len(parts) <= 3 and all(part in CREDIT_ROLES for part in parts)


def credit_block_lines(lines: Sequence[tuple[str, bool]]) -> list[int]:
    """The lines of a credits box: production roles and the people in them, each role over its
    names ("Reporterin" / "Nadine Voss" / "Kamera" / "Tim Ewald", as a <dl> prints them) or
    beside them ("Kamera: Tim Ewald"), two roles with names at least. A role left without
    names (the writer's, whose name already went as the byline) stays in the box. A subheading
    "Kamera" over a sentence is no box."""
    found: list[int] = []
    index = 0
    while index < len(lines):
        block: list[int] = []
        pairs = 0
        role_open = False  # a role line waits for its names
        position = index
        while position < len(lines):
            text = lines[position][0]
            if len(text) > _CREDIT_LINE_MAX_CHARS:
                break  # a paragraph of the text
            combined = _ROLE_AND_NAMES_RE.match(text)
            if _is_role(text):
                role_open = True
            elif role_open and _NAMES_RE.match(text):
                pairs += 1
            elif combined and _is_role(combined["role"]) and _NAMES_RE.match(combined["names"]):
                role_open = False
                pairs += 1
            else:
                break
            block.append(position)
            position += 1
        if pairs >= _CREDITS_MIN_PAIRS:
            found.extend(block)
        index = max(position, index + 1)
    return found


# A sponsors row's label: "Unsere Sponsoren", "Unsere Premium-Partner", "Partner und
# Sponsoren", "Wir danken unseren Förderern", "Mit freundlicher Unterstützung von", "Präsentiert
# von"; "Unser Partner" names one.
_SPONSOR = (
    r"(?:[\w-]+-)?(?:[Ss]ponsor(?:en|innen)?|[Pp]artner(?:n|innen)?|[Ff]örderer[n]?"
    r"|[Uu]nterstützer(?:n|innen)?)"
)
_SPONSORS_LABEL_RE = re.compile(
    r"^(?:(?:Unser|Unsere|Die|Danke an unsere|Vielen Dank an unsere|Dank an unsere"
    rf"|Wir danken unseren) )?{_SPONSOR}(?: (?:und|&) {_SPONSOR})?\s*[:!]?$"
    r"|^(?:Mit (?:freundlicher )?Unterstützung|Präsentiert|Gefördert|Unterstützt|Gesponsert)"
    r" (?:von|durch)(?: unseren? \w+)?\s*:?$"
)
_SPONSOR_LINE_MAX_WORDS = 20
_SPONSOR_LINES_MAX = 12
# A name ending with an abbreviation's period ("Förderverein e.V.", "Kunz GmbH & Co. KG.").
_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)[A-ZÄÖÜ]\S{0,3}\.$|\b\w\.\w\.$")


def sponsor_block_lines(lines: Sequence[tuple[str, bool]]) -> list[int]:
    """A sponsors row closing the page: its label and the sponsors' names after it, short
    lines without a sentence ("Unsere Premium-Partner" / "Autohaus Reinhold Sparkasse
    Auental"), or the label alone over logos. Under a subheading of that kind the text goes on
    with sentences: it stays."""
    for index, (text, item) in enumerate(lines):
        # The label and the sponsor on one line: "Unser Premium-Partner: Autohaus Grünwald".
        label, colon, named = text.partition(": ")
        if colon and _is_sponsor_line((named, item)) and not SENTENCE_END_RE.search(named):
            text = label
        if len(text) > 60 or not _SPONSORS_LABEL_RE.match(text):
            continue
        rest = lines[index + 1 :]
        if len(rest) <= _SPONSOR_LINES_MAX and all(map(_is_sponsor_line, rest)):
            return list(range(index, len(lines)))
    return []


def _is_sponsor_line(line: tuple[str, bool]) -> bool:
    """Names: a short line of capitalised words mostly ("Bäckerei Kunz", "Förderverein Rotbach
    e.V.", "Getränke Huber – Ihr Partner für Feste"), no sentence."""
    text = line[0]
    words = text.split()
    return (
        len(words) <= _SPONSOR_LINE_MAX_WORDS
        and 3 * sum(word[:1].islower() for word in words) <= len(words)
        and (not SENTENCE_END_RE.search(text) or _ABBREVIATION_END_RE.search(text) is not None)
    )


# The finders and the rule of the lines each finds, in the order clean.py applies them.
BLOCK_RULES: tuple[tuple[Callable[[Sequence[tuple[str, bool]]], list[int]], Rule], ...] = (
    (release_block_lines, Rule.RELEASE),
    (credit_block_lines, Rule.BYLINE),
    (sponsor_block_lines, Rule.SPONSORS),
)
