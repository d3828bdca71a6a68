"""Whether a line of the text is a printed byline of the article's known authors: the names
with nothing but dates, times, joiners, a job title and at most a place. Pure, for clean.py."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.model.dates import ISO_RE, MONTHS, NUMERIC_RE
from pipelines.agency_names import agency_names
from pipelines.clean_rules import Rule
from pipelines.offices import (
    ACADEMIC_TITLE_RE,
    CLOSING_FORMULA_WORDS,
    CLUB_OFFICER,
    DEGREE,
    ELECTED_OFFICE,
    HOST_RE,
    LONE_NAME_RE,
    OWN_STAFF,
    PROFESSION,
    PROFESSION_ABBREVIATION,
    SIGNER_OFFICE,
    is_institution_kind,
    signed_for,
)
from pipelines.signatures import FIRST_NAME_LINE_RE

_I = re.IGNORECASE

# What a byline line holds besides the names: "Von A und B, Bremerhaven · 19.02.2025, 18.02 Uhr
# · aktualisiert am 20.02.2025", "Montag, 03.06.2024 - 17:12 Uhr von A".
BYLINE_FILLER_RE = re.compile(
    r"\b(?:von|by|und|and|mit|text|bericht|fotos?|autor(?:in)?|uhr|am|um|stand|aktualisiert|zuletzt"
    r"|veröffentlicht|publiziert|erstellt|update[d]?|montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonnabend|sonntag|heute|gestern|bild(?:er)?)\b|[,;:&/|•·()–—-]"
    # Academic titles before a name ("Ein Gastkommentar von Dr. A", "Dr. med. vet. A").
    r"|\b(?:Prof|Dr|PD|Mag|Dipl|Ing|med|phil|habil|vet|dent|jur|rer|nat|pol|oec|agr)\.(?!\w)"
    # Their Austrian feminine forms: "Mag.a", "Mag.ª", "Dr.in".
    r"|\bMag\.(?:a\b|ª)|\b(?:Dr|Prof)\.in\b",
    _I,
)
# The kinds of writing a byline names before "von", with or without an article: "Ein Kommentar
# von A", "Analyse von A".
WRITING_KINDS = (
    r"(?:Kommentar|Gastkommentar|Beitrag|Gastbeitrag|Interview|Kritik|Analyse|Reportage|Rezension|Glosse"
    r"|Artikel|Bericht|Text|Porträt|Essay|Feature|Recherche|Dokumentation|Kolumne|Datenanalyse"
    r"|Gespräch|Test|Testbericht|Standpunkt|Meinungsbeitrag|Zwischenruf|Debattenbeitrag)"
)
# The rest of a byline sentence besides names and filler: its opening ("Eine Recherche von",
# "Geschrieben von") and the agencies' share ("mit Material der dpa", "und APA").
BYLINE_OPENING_RE = re.compile(
    rf"^\s*(?:eine?\s+\w+|{WRITING_KINDS}|gast\w+|geschrieben|verfasst|eingestellt|gepostet"
    r"|aufgezeichnet)\s+(?=von\b)"
    r"|\bMaterial (?:der|des|von)(?: Nachrichtenagentur(?:en)?| Agentur(?:en)?)?\b",
    _I,
)
BYLINE_MONTH_DATE_RE = re.compile(r"\b\d{1,2}\.?\s+(?P<mon>[A-Za-zÄäÖöÜü]{3,9})\.?,?\s+\d{4}\b", _I)
BYLINE_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
# A job title beside the name, with the place or desk it writes for: "A, Korrespondentin in
# Brüssel", "A, Wirtschaftsredakteur", "A, EU-Korrespondent für Belgien", and the paper's own
# staff in the dative before it: "Von unserem Korrespondenten A", "Von unserem Redaktionsmitglied
# A".
_ROLE_RE = re.compile(
    rf"\b(?:{OWN_STAFF}|(?:[\w-]*(?:korrespondent|redakteur|reporter|kolumnist"
    r"|volontär)|redaktionsleiter)(?:in|en)?|"
    + CLUB_OFFICER
    + "|"
    + SIGNER_OFFICE
    + "|"
    + ELECTED_OFFICE
    + "|"
    + PROFESSION
    + r")\b"
    r"(?:\s+(?:in|für|aus)\b)?",
    _I,
)
# The newsroom the author writes for, after a comma: "A, WMR Studio Siegen", "A, Redaktion
# Politik", "A, ARD-Hauptstadtstudio", "A, Regionalbüro Nord"; a body's press office: "A,
# Stabsstelle Presse und Kommunikation", "A, Pressestelle", "A, University Communications": up
# to three words before a desk word and two after it. Or a broadcaster's initials and its
# studio's town: "A, WBR Hameln", "A, SWR Tübingen". Each of a chain of them: "A und B,
# Funkhaus Mittelland, Studio Bergheide".
_DESK_RE = re.compile(
    r",\s*(?:(?:[\w.-]+\s+){0,3}[\w-]*(?:studio|redaktion|büro|funkhaus|newsroom|desk|stelle"
    r"|kommunikation|communications|öffentlichkeitsarbeit)\b"
    r"(?:\s+[\w.-]+){0,2}|(?-i:[A-ZÄÖÜ]{2,5}(?:\s+[A-ZÄÖÜ][\w-]*[a-zäöüß][\w-]*){1,2}))"
    r"\s*(?=$|[·|•/,])",
    _I,
)
# The writer's job at a company or body, after a comma and closing the line: "A, Technischer
# Leiter bei der Kühltechnik Saalfeld GmbH", "A, Geschäftsführerin der Muster AG", "A,
# Referent für Energiepolitik beim Umweltverband", "A, Senior Engineer at Acme": maybe a
# capitalised adjective, a capitalised noun, a preposition and up to six words.
_AFFILIATION_RE = re.compile(
    r",\s*(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?[A-ZÄÖÜ][\w-]+\s+(?:bei|beim|der|des|vom"
    r"|von|im|am|an der|für|at|of)\s+(?:[\w.&-]+\s+){0,5}[\w.&-]+\s*$"
)
# The body the writers work for, in brackets after their names: "Autoren: A, B
# (Landwirtschaftskammer Nordweser)", "Von A (Universität Lahnfeld)": up to six words, the first
# capitalised, no sentence in them.
_INSTITUTION_RE = re.compile(r"\(\s*[A-ZÄÖÜ][\w.&'’-]*(?:\s+[\w.&'’-]+){0,5}\s*\)")
_SOURCE_LABEL_RE = re.compile(r"^\s*Quellen?\s*:", re.IGNORECASE)
# Where the text appeared first, a sentence glued to the byline: "Von A. Zuerst erschienen bei
# „Site“.", "Von A. Erstmals veröffentlicht im Blatt X."; or the partner paper after a bar in an
# aggregator's byline, no person: "Von A | Talbacher Anzeiger".
ORIGIN_AFTER_NAME_RE = re.compile(
    r"\.\s+(?:Zuerst|Erstmals|Ursprünglich) (?:erschienen|veröffentlicht) (?:bei|in|im|auf)\b"
    r"[^.]{2,80}\.?$"
    r"|\s*\|\s*[A-ZÄÖÜ][^|]{0,60}?(?i:zeitung|kurier|anzeiger|rundschau|nachrichten|zeitschrift"
    r"|journal|(?:tag|wochen|kreis|stadt|abend)blatt)$"
)
ORIGIN_GATE = ("erschienen ", "veröffentlicht ", "|")
# A profession's abbreviation before a name and degrees after it ("RAin A", "A M. Sc.").
_ABBREVIATIONS_RE = re.compile(rf"\b{PROFESSION_ABBREVIATION}\b|{DEGREE}")


# An editor's label after the writer's credit on the same line: "Autorin: A Redakteur: B",
# "Text: A | Redaktion: B", "Autor: A, Bearbeitung: B". The editor is no author.
_EDITOR_LABEL_RE = re.compile(
    r"[\s,;|·/]+(?:Redakteur(?:in)?|Redaktion|Redaktor(?:in)?|Bearbeitung|Lektorat|Editor)\s*:"
)
_EDITOR_GATE = ("Reda", "Bearb", "Lekt", "Edit")
# The writer's label the credit opens with.
_WRITER_LABEL_RE = re.compile(r"(?:Autor(?:in|en)?|Texte?|Bericht)\s*:")


def before_editor_label(text: str) -> str:
    """A writer's credit line up to an editor's label after the writer's name: "Autorin: A
    Redakteur: B" is "Autorin: A"."""
    if not any(gate in text for gate in _EDITOR_GATE) or not _WRITER_LABEL_RE.match(text):
        return text
    match = _EDITOR_LABEL_RE.search(text)
    return text if match is None or match.start() == 0 else text[: match.start()]


def is_byline(text: str, authors: Sequence[str]) -> bool:
    """The bylined names with nothing but dates, times, joiners, a job title or newsroom and
    at most a place name.

    "Von A und B", "Montag, 03.06.2024 - 17:12 Uhr von A", "Von A, Bremerhaven · 19.02.2025,
    18.02 Uhr", "A, Korrespondentin in Brüssel", "Autor: A, WMR Studio Siegen" are bylines;
    "Von A stammt auch der Entwurf …" and "A: Ja." are not.
    """
    text = before_editor_label(text)  # the editor's credit goes with the writer's
    # A signature for a body, which the author's name sets apart: "A für den Pfarrgemeinderat".
    if signed_for(text, frozenset(), set_apart=True) in authors:
        return True
    if any(word in text for word in ORIGIN_GATE):
        text = ORIGIN_AFTER_NAME_RE.sub("", text)
    rest = _SOURCE_LABEL_RE.sub(" ", text)
    named = False
    for name in sorted(authors, key=len, reverse=True):
        # The byline may print the name in capitals ("Von: ANNA BECK").
        for form in (name, name.upper()):
            if form and form in rest:
                rest = rest.replace(form, " ")
                named = True
    # A sentence ends in a full stop, a degree's abbreviation may too ("A M. Sc.").
    rest = _ABBREVIATIONS_RE.sub(" ", rest)
    if not named or _ABBREVIATIONS_RE.sub("", text).rstrip()[-1:] in ".!?":
        return False
    rest = NUMERIC_RE.sub(" ", ISO_RE.sub(" ", rest))
    rest = BYLINE_MONTH_DATE_RE.sub(
        lambda m: " " if m.group("mon").casefold().rstrip(".") in MONTHS else m.group(0), rest
    )
    rest = _AFFILIATION_RE.sub(" ", _DESK_RE.sub(" ", _INSTITUTION_RE.sub(" ", rest)))
    rest = _ROLE_RE.sub(" ", BYLINE_OPENING_RE.sub(" ", rest))
    rest = BYLINE_FILLER_RE.sub(" ", BYLINE_TIME_RE.sub(" ", rest))
    left: list[str] = []
    for word in rest.split():
        # An agency's name of two words ("mit Material von RIA Nowosti") goes with both.
        if left and agency_names(f"{left[-1]} {word}"):
            left.pop()
        elif not agency_names(word) and not HOST_RE.fullmatch(word):
            left.append(word)
    # One capitalised word may remain: the place the author writes from.
    return not left or (len(left) == 1 and left[0].isalpha() and left[0][0].isupper())


# The label opening an author box: "Über den Autor", "Zur Autorin", "Autor", "About the author".
AUTHOR_BOX_LABEL_RE = re.compile(
    r"^(?:Über (?:den|die|unseren|unsere) (?:Gast)?(?:Autor|Autorin|Autoren|Autorinnen|Verfasser"
    r"|Verfasserin)|Zu(?:[mr]| den) (?:Gast)?(?:Autor|Autorin|Autoren|Autorinnen|Verfasser"
    r"|Verfasserin)|(?:Der|Die) (?:Gast)?(?:Autor|Autorin|Autoren|Autorinnen)|Autor(?:in|en)?"
    r"|About the authors?|The authors?)\b\s*:?",
    re.IGNORECASE,
)
# The verb of a note on the author after the name: "ist Vorsitzende …", "lebt in Köln", "war
# zwanzig Jahre Richter", "is a science writer", "has covered the council since 2015".
NOTE_VERBS = (
    r"(?:ist|war|lebt|arbeitet|leitet|lehrt|forscht|schreibt|studierte|berichtet|unterrichtet"
    r"|is|was|lives|works|writes|covers|teaches|reports|leads|has (?:been|covered|written"
    r"|reported|worked))"
)
# What a note says after the name: one sentence.
_NOTE_VERB_RE = re.compile(rf"\s*(?:,\s*\d{{2}},?\s*)?{NOTE_VERBS}\b[^.!?]{{3,200}}[.!]?$")
# Where a sentence of a note on several authors ends and another begins: "A ist Lehrerin. B
# ist Bildungsforscher."
SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
# A mark or a label before the name: "*A ist …", "Die Autorin A ist …", "Zum Autor: A lebt …".
_NOTE_LEAD_RE = re.compile(
    r"^\s*(?:\*\s*)?(?:(?:Der|Die|Unser|Unsere) (?:Gast)?(?:Autor|Verfasser)(?:in)?\s+|Zu[mr]"
    r" (?:Gast)?(?:Autor|Verfasser)(?:in)?\s*:\s*)?"
)


def is_author_note(text: str, authors: Sequence[str]) -> bool:
    """True for a one-sentence note on one of the article's authors, marked by an asterisk or
    a label: "*A ist Vorsitzende des Vereins.", "Die Autorin A lebt in Bremen."; "*A sagte …"
    is none, and so is a plain sentence "A leitet das Projekt", which the text may end on."""
    lead = _NOTE_LEAD_RE.match(text)
    if lead is None or not lead.group().strip():
        return False
    rest = text[lead.end() :]
    return any(
        name and rest.startswith(name) and _NOTE_VERB_RE.match(rest[len(name) :]) is not None
        for name in authors
    )


# A pronoun for the author opening a note's later sentence: "A ist Publizist. Er schreibt …",
# "She lives in Bristol."
_NOTE_PRONOUN_RE = re.compile(r"(?:Er|Sie|He|She|They)\b")


def is_note_on(text: str, authors: Sequence[str]) -> bool:
    """A note on the authors: each sentence an author's name, or after the first a pronoun,
    and what the note says of them ("A ist Publizist und lebt in Leipzig. Er schreibt über
    …"), perhaps after the writer's academic title ("Dipl.-Ing. (FH) A ist …")."""
    text = ACADEMIC_TITLE_RE.sub("", text, count=1)
    for index, part in enumerate(SENTENCE_BREAK_RE.split(text)):
        pronoun = _NOTE_PRONOUN_RE.match(part) if index else None
        leads = [len(name) for name in authors if name and part.startswith(name)]
        leads += [pronoun.end()] if pronoun else []
        if not any(_NOTE_VERB_RE.match(part[lead:]) for lead in leads):
            return False
    return True


def author_box_label(lines: Sequence[tuple[str, bool]], authors: Sequence[str]) -> int | None:
    """The index of an author box's label among the lines closing the text, (text, kept) each:
    the label alone ("Über die Autorin", "Die Autoren") over nothing but lines taken off as the
    authors' bylines, or over one note on an author ("A ist Redakteurin in Wien.") closing
    the text, or beside it after a colon; or an author card's byline, taken off after the text,
    over such a note ("Ein Kommentar von A" / "A ist Publizist."). A label over other text
    ("Der Autor" heading a review's part) stays, and so does a note right under the text, which
    may end on it."""
    kept = [index for index, (_text, is_kept) in enumerate(lines) if is_kept]
    if not authors or not kept:
        return None
    last = kept[-1]
    text = lines[last][0]
    if AUTHOR_BOX_LABEL_RE.fullmatch(text) and last < len(lines) - 1:
        return last
    # The label and the note as one paragraph: "Über die Autorin: A ist Redakteurin in Wien."
    label = AUTHOR_BOX_LABEL_RE.match(text)
    if (
        label is not None
        and label.group(0).rstrip().endswith(":")
        and is_note_on(text[label.end() :].strip(), authors)
    ):
        return last
    before = kept[-2] if len(kept) >= 2 else None
    if before is None or not is_note_on(text, authors):
        return None
    if AUTHOR_BOX_LABEL_RE.fullmatch(lines[before][0]):
        return before
    return last - 1 if before < last - 1 else None


# The last character of a sentence, before closing quotes and brackets.
_SENTENCE_CLOSERS = "\"“”»«'’)]"
# The rules of a line that is a date alone or a place and a date ("Linz, am 5. Mai 2025").
_DATELINE_RULES = (Rule.DATE_ONLY, Rule.TIMESTAMP)


def dateline_signature(lines: Sequence[tuple[str, str | None]]) -> int | None:
    """The index of the writer's signature among the text's lines, (text, the rule dropping
    it or None) each: a name alone closing the text right over or under a place and date
    line taken off ("Theresa Oberhuber" / "Linz, am 5. Mai 2025"). Only after two lines of
    text, the last of them a whole sentence, so a heading or a list item is none."""
    kept = [index for index, (_text, rule) in enumerate(lines) if rule is None]
    if len(kept) < 3:
        return None
    last = kept[-1]
    text = lines[last][0]
    before = lines[kept[-2]][0].rstrip(_SENTENCE_CLOSERS)
    if (
        not LONE_NAME_RE.fullmatch(text)
        or text.split()[0].casefold() in CLOSING_FORMULA_WORDS
        or before[-1:] not in (".", "!", "?", "…")
    ):
        return None
    beside = (lines[index][1] for index in (last - 1, last + 1) if 0 <= index < len(lines))
    return last if any(rule in _DATELINE_RULES for rule in beside) else None


# A body's name alone on a line: capitalised words and the small words of a name, maybe its
# place after a comma ("Kirchengemeinde St. Marien, Hohenwiesen", "Institut für Agrarökonomie"),
# maybe after the writer's job there ("Fachtierärztin für Rinder, Tierarztpraxis am Kirchberg,
# Bergmoosen").
_NAME_PART = r"[A-ZÄÖÜ][\w.-]*(?: (?:[A-ZÄÖÜ][\w.-]*|der|des|für|am|im|an der|und)){0,6}"
_BODY_LINE_RE = re.compile(
    rf"^(?:{_NAME_PART}, )?{_NAME_PART}(?:, [A-ZÄÖÜ][\w-]*(?: [A-ZÄÖÜ][\w-]*)?)?$"
)
# The ends of words naming a kind of body ("Kirchengemeinde", "Förderverein", "Gesamtschule",
# "Tierarztpraxis").
_BODY_WORD_ENDS = (
    *("gemeinde", "pfarrei", "verein", "verband", "schule", "institut", "stiftung"),
    *("praxis", "klinik", "kanzlei"),
)


def byline_neighbours(lines: Sequence[tuple[str, str | None]]) -> list[int]:
    """The indexes of the writer's lines beside what the cleaning took off, among the text's
    lines (text, the rule dropping it or None) each: the signature by a closing place and date
    line (`dateline_signature`), and the body a bylined writer is from, on a line of its own
    right under the byline ("Gastbeitrag von Pfarrerin A" / "Kirchengemeinde St. Marien, Ort"),
    and the writer's first name alone right over the byline ("- Anneliese" / "Anneliese Gruber
    für den Pfarrgemeinderat")."""
    signed = dateline_signature(lines)
    found = [] if signed is None else [signed]
    for index in range(1, len(lines)):
        text, rule = lines[index]
        if rule is None and lines[index - 1][1] == Rule.BYLINE and _is_body_line(text):
            found.append(index)
    for index in range(len(lines) - 1):
        text, rule = lines[index]
        byline, below = lines[index + 1]
        first = FIRST_NAME_LINE_RE.fullmatch(text) if rule is None else None
        if below == Rule.BYLINE and first is not None and byline.split()[0] == first.group(1):
            found.append(index)
    return found


def _is_body_line(text: str) -> bool:
    """True for a line naming a body and nothing else (see `_BODY_LINE_RE`), one of its words
    the kind of body it is."""
    if len(text) > 80 or not _BODY_LINE_RE.match(text):
        return False
    words = text.replace(",", " ").split()
    return any(is_institution_kind(w) or w.casefold().endswith(_BODY_WORD_ENDS) for w in words)
