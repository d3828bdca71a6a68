"""Recognising photo, caption and news agency credit lines."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.agency_names import (
    CAPITALS_DATELINE_AGENCY_RE,
    CLOSING_VERB_RE,
    DATELINE_AGENCY_RE,
    MATERIAL_LEAD,
    NEWS_AGENCIES,
    SENTENCE_OPENER_LABEL_RE,
    TRAILING_AGENCY_RE,
    TRAILING_CREDIT_RE,
    agency_names,
    segment_agency,
    short_agency_names,
    supplying_agencies,
    unbracketed,
)
from pipelines.clean_rules import PICTURE_COUNTER, Rule
from pipelines.offices import LONE_NAME_RE, PERSON_NAME

_I = re.IGNORECASE

# --- media furniture -----------------------------------------------------------------------

# A credit label glued to the previous block's text by a naive join ("1 / 6Foto: Anna Beispiel",
# "…Ladens.Bild: …"), and an audio or video item's info line glued to its title ("Kollmer
# SeeAudio · 2 Min"): the line is split before the label.
GLUED_CREDIT_RE = re.compile(
    r"(?<=[\w.)])(?=(?:Foto|Fotos|Bild|Bilder|Credit)\s*:\s*\S)"
    r"|(?<=[a-zäöüß.)])(?=(?:Audio|Video|Podcast)\s*[·|•]\s*\d)"
)
# The editor's initials closing the last paragraph, a tech news convention: "… nicht. (tlz)".
TRAILING_INITIALS_RE = re.compile(r"\s*\(([a-z]{2,5})(?:/[a-z]{2,5})?\)$")

# "Blick über den Hafen bei Nacht - SNA, 1920, 13.01.2022": image alt text with a
# site, an image width and a date, as teaser cards and lead images render it.
IMAGE_ALT_RE = re.compile(
    r"^(?P<alt>.+?)\s[-–]\s[^,]{1,60},\s*\d{3,4},\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*$"
)
_CREDIT_START_RE = re.compile(r"^(?:©|\(c\)\s|Copyright\b)", _I)
_CREDIT_LABEL_RE = re.compile(
    r"^(?:Foto|Fotos|Bild|Bilder|Bildquelle|Fotoquelle|Bildnachweis|Fotonachweis|Titelbild"
    r"|Titelfoto|Symbolbild|Archivbild|Archivfoto|Grafik|Illustration|Infografik|Quelle Bild"
    r"|Quelle Foto|Bildrechte|Fotocredit)\s*:\s*\S",
    _I,
)
_PICTURE_COUNTER_RE = re.compile(rf"^{PICTURE_COUNTER}$", _I)
_CREDIT_DATABASE_RE = re.compile(r"(?:/\s*|^)Zur Bilddatenbank\s*$", _I)
_CREDIT_SOURCE_COPYRIGHT_RE = re.compile(r"^Quelle\s*:.{0,100}©", _I)
# A caption ending in a photographer/agency credit: "… im Rathaus. Foto: Anna Beispiel/dpa".
_CREDIT_TRAILING_RE = re.compile(
    r"(?:Foto|Fotos|Bild)\s*:\s*[\w .&-]{2,40}(?:/\s*[\w .&-]{2,40})+$",
    _I,
)
# A caption sentence followed by its credit label: "… umgebaut werden. Foto: Jana Vogt",
# "… Straßen. Bildquelle: Leserfoto", "… bei Derenrode. Bildrechte: ESR/Tom Kastner". The credit
# after the label is short and has no sentence of its own; "Quelle:" is not among the labels (a
# data source under a paragraph is text).
_CAPTION_CREDIT_RE = re.compile(
    r"[.!?…\"“”»)]\s+(?:Foto|Fotos|Bild|Bilder|Bildquelle|Fotoquelle|Bildnachweis|Bildrechte"
    r"|Fotonachweis|Credit|Grafik|Illustration)\s*:\s*[^.!?:;]{2,80}$",
    _I,
)
# A caption phrase with its credit in brackets: "Das Rathaus im Mai 2009 (Foto: Archiv)", "…
# am 18. Juli 2026 … am See. (Foto: Xinhua/Zhao Mingxuan)". The phrase is one short sentence at
# most (a number's period is none's end, nor is a picture's position mark: "A (l.) und B (r.)",
# "(v. l.)"); a sentence of the text ending so closes with a period.
_CAPTION_BRACKET_CREDIT_RE = re.compile(
    r"^(?:[^.!?]|(?<=\d)\.|\((?:v\.\s?)?[lmr]\.(?:\s?[nu]\.\s?[lr]\.)?\)){3,120}[.!?]?\s+"
    r"\((?:Foto|Fotos|Bild|Bilder|Bildquelle|Fotoquelle"
    r"|Bildnachweis|Bildrechte|Fotonachweis|Grafik|Illustration)\s*:\s*[^().!?]{2,60}\)$",
    _I,
)
# Names in credits that are no news agency of the text's: photo agencies and image banks, a
# state broadcaster's wire and site names, the desk ("red").
_OTHER_CREDITS = frozenset(
    {
        "ria",
        "sputnik",
        "picture alliance",
        "picture-alliance",
        "getty images",
        "getty",
        "imago",
        "imago images",
        "keystone",
        "epa",
        "epa-efe",
        "ap photo",
        "shutterstock",
        "istock",
        "istockphoto",
        "adobe stock",
        "unsplash",
        "pixabay",
        "wikimedia commons",
        "sna",
        "rt",
        "red",
        "red.",
    }
)
# Single words of those names and the news agencies', to skip lines that name no agency at
# all; each also with the period of a credit that closes as a sentence ("Mit Material von KNA.").
_AGENCY_WORDS = frozenset(
    form
    for name in (*_OTHER_CREDITS, *NEWS_AGENCIES)
    for word in name.split()
    for form in (word, word + ".")
)
_AGENCY_TOKEN_RE = re.compile(r"[a-z.]+")
_AGENCY_LABEL_RE = re.compile(
    r"^(?:Foto|Fotos|Bild|Bilder|Quellen?|Text|" + MATERIAL_LEAD + r"|mit)\s*(?::\s*|\s+)",
    _I,
)
# A note on the translation closing an agency credit: "(deutsche Übersetzung: Site)", "(übersetzt
# von Site)", "(aus dem Englischen übersetzt)".
_TRANSLATION_NOTE_RE = re.compile(
    r"\s*\((?:[\w-]+ ){0,3}(?:Übersetzung|übersetzt)\b[^()]{0,60}\)$", _I
)
# The sentences of a source note besides its agency credit: the translation, and where the text
# appeared first ("Übersetzt aus dem Russischen. Mit Material von TASS. Zuerst erschienen bei
# Site X."). Split at a sentence's end before a capital.
_NOTE_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
_ORIGIN_SENTENCE_RE = re.compile(
    r"^(?:Übersetzt aus dem [A-ZÄÖÜ]\w+en|Aus dem [A-ZÄÖÜ]\w+en übersetzt"
    r"|(?:Zuerst|Erstmals|Ursprünglich) (?:erschienen|veröffentlicht) (?:bei|in|im|auf) [^.]{2,60}"
    r"|(?:Dieser|Der) (?:Beitrag|Text|Artikel) (?:erschien|ist) (?:zuerst|erstmals) (?:bei|in|im"
    r"|auf) [^.]{2,60}?(?: erschienen)?)\.$"
)
# Who edited the text, before the editors' names: "redigiert von", "Redaktionelle Bearbeitung:".
_EDITED_BY_RE = re.compile(
    r"(?:[Bb]earbeitet|[Rr]edigiert|[Ee]ditiert|Bearbeitung|Betreuung|Redigatur)(?:\s+von\s|\s*:)"
)
_EDITED_GATE = ("arbeit", "redigi", "editiert", "Betreuung", "Redigatur")
_SOURCE_NOTE_GATE = ("material", "informationen", "angaben", "quelle")
_SOURCE_NOTE_MAX_WORDS = 30
_PHOTO_LABEL_RE = re.compile(r"(?:Foto|Fotos|Bild|Bilder)\s*:", _I)
_DIGIT_RE = re.compile(r"\d")
_CAPTION_CREDIT_GATE = ("foto", "bild", "credit", "grafik", "illustration")
_AGENCY_SPLIT_RE = re.compile(r"\s*(?:[/|,&;]|\bund\b)\s*")
# A line crediting people who did not write the text: collaborators ("Mitarbeit: A (Wien)",
# "Unter Mitarbeit von A und B") and translators ("Aus dem Englischen von A", "Übersetzung aus
# dem Französischen: A", "Übersetzt von A"), followed by names alone.
_HELPER_CREDIT_RE = re.compile(
    r"^(?:(?:Unter |Mit )?(?:Mitarbeit|Mitwirkung)(?: von)?|Mitgearbeitet haben"
    r"|Aus dem [A-ZÄÖÜ]\w+en (?:übersetzt |übertragen )?von"
    r"|Übersetzung(?: aus dem [A-ZÄÖÜ]\w+en)?(?: von)?|Übersetzt(?: aus dem [A-ZÄÖÜ]\w+en)? von)"
    r"\s*:?\s+(?P<names>\S.{1,150}?)\.?$"
)
# A signature of the newsroom and unnamed agencies: "Redaktion Tirol/Agenturen", "red,
# host.at/Agenturen", "Quelle: Redaktion, Agenturen", "Agenturen/red", and a writer's initials
# for the desk ("abe, host.at/Agenturen").
_DESK = r"(?:Redaktion(?: [A-ZÄÖÜ][\w.-]*){0,2}|red\.?|[a-zäöü]{2,5}|[\w-]+(?:\.[\w-]+)+)"
_DESK_SIGNATURE_RE = re.compile(
    r"^(?:(?:Quelle|Text)\s*:\s*)?(?:" + _DESK + r"\s*(?:[/,&]|\bund\b|\bmit\b)\s*)*"
    r"Agenturen(?:\s*(?:[/,&]|\bund\b)\s*" + _DESK + r")*$",
    _I,
)
# A credit naming an office, a desk or an authority instead of a person: "Text: Pressestelle
# Eisfalken", "Von der Medienstelle des Landkreises", "Bericht: Vereinsvorstand", "Quelle:
# Presseteam TSV Grünmark", "Quelle: Polizeidirektion Auenstadt", "Text: Bezirksamt Mitte", a
# council or committee ("Text: Pfarrgemeinderat St. Anna", "Bericht: Festausschuss"), a
# republished release's "Pressemitteilung Turnverein Hainfeld". The office's word opens the
# name; the rest are capitalised words and the small words of a name, so "Von der Pressestelle
# kam keine Antwort." stays.
_OFFICE_CREDIT_RE = re.compile(
    r"^(?:(?:Text|Bericht|Quelle|Autor(?:in)?|Verfasst von)\s*:\s*|Von\s+"
    r"|(?:Pressemitteilung|Pressemeldung|Presseinformation|Medienmitteilung)(?:\s*:)?\s+)"
    r"(?:(?:der|des|dem)\s+)?"
    r"(?=[A-ZÄÖÜ])[\w-]*(?:[Ss]telle|[Aa]bteilung|[Bb]üro|[Rr]eferat|[Rr]edaktion|[Tt]eam|[Vv]orstand"
    r"|[Kk]ommunikation|[Aa]mt|[Pp]räsidium|[Ii]nspektion|[Dd]irektion|[Rr]evier|[Mm]inisterium"
    r"|[Vv]erwaltung|[Vv]erein|[Vv]erband|[Pp]olizei|(?:[Gg]emeinde|[Bb]ei)rat|[Aa]usschuss"
    r"|[Kk]omitee|[Kk]uratorium|[Gg]remium)"
    r"(?:\s+(?:[A-ZÄÖÜ0-9][\w.&'’/-]*|der|des|dem|die|und|für|im|am|von|e\.\s?V\.?)){0,6}\.?$"
)
# A line naming the editor in charge of the text, a name alone after the role: "Redakteur: A",
# "Verantwortliche Redakteurin: B", "Diensthabender Redakteur: C". No author: the page's
# writer has a byline of their own.
_EDITOR_CREDIT_RE = re.compile(
    r"^(?:(?:Verantwortliche|Zuständige|Diensthabende|Leitende)r? )?Redakteur(?:in)?\s*[:：]\s*"
    rf"{PERSON_NAME}$"
)
_HELPER_CREDIT_GATE = ("mitarbeit", "mitwirkung", "mitgearbeitet", "übersetz", "aus dem ")
_NAMES_SPLIT_RE = re.compile(r"\s*(?:[,/;&]|\bund\b)\s*")
_PLACE_IN_BRACKETS_RE = re.compile(r"\s*\([^()]{1,40}\)$")
# Name particles written in lower case ("Ursula von der Leyen", "Vincent van Gogh").
NAME_PARTICLES = frozenset(
    (
        *("von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le"),
        *("zu", "zur", "vom", "ten", "ter", "al", "el", "bin", "ibn", "y", "e"),
    )
)


def beside_picture_counter(element: lxml.html.HtmlElement) -> bool:
    """True when an element's neighbour is a gallery's picture counter ("Bild 1 von 6", "3/12"):
    a credit beside it credits the picture shown, not the text."""
    for neighbour in (element.getprevious(), element.getnext()):
        if isinstance(neighbour, lxml.html.HtmlElement):
            text = neighbour.text_content()
            if len(text) <= 20 and _PICTURE_COUNTER_RE.match(" ".join(text.split())):
                return True
    return False


def is_image_credit(text: str) -> bool:
    """True for a photo credit or caption credit line ("Foto: privat", "© SNA / …")."""
    text = " ".join(text.split())
    if not text:
        return False
    rule = credit_rule(text, text.casefold(), len(text.split()))
    return rule in (Rule.CREDIT_IMAGE, Rule.CREDIT_CAPTION, Rule.CREDIT_IMAGE_ALT)


def credit_rule(text: str, lowered: str, words: int) -> str | None:
    if text[-1].isdigit() and IMAGE_ALT_RE.match(text):
        return Rule.CREDIT_IMAGE_ALT
    if words <= 25 and (
        _CREDIT_START_RE.match(text)
        or ("bilddatenbank" in lowered and _CREDIT_DATABASE_RE.search(text))
        or _CREDIT_SOURCE_COPYRIGHT_RE.match(text)
    ):
        return Rule.CREDIT_IMAGE
    if words <= 15 and _CREDIT_LABEL_RE.match(text):
        return Rule.CREDIT_IMAGE
    if words <= 20 and "©" in text:
        return Rule.CREDIT_IMAGE
    if (
        words <= 30
        and ("foto" in lowered or "bild" in lowered)
        and _CREDIT_TRAILING_RE.search(text)
    ):
        return Rule.CREDIT_IMAGE
    if (
        words <= 40
        and any(map(lowered.__contains__, _CAPTION_CREDIT_GATE))
        and (_CAPTION_CREDIT_RE.search(text) or _CAPTION_BRACKET_CREDIT_RE.match(text))
    ):
        return Rule.CREDIT_CAPTION
    named = short_agency_names(text) if words <= 12 else text
    if (
        words <= 12
        and not _AGENCY_WORDS.isdisjoint(
            _AGENCY_TOKEN_RE.findall(lowered if named is text else named.casefold())
        )
        and is_agency_credit(named)
    ):
        return Rule.CREDIT_AGENCY
    if (
        words <= _SOURCE_NOTE_MAX_WORDS
        and ". " in text
        and any(map(lowered.__contains__, _SOURCE_NOTE_GATE))
        and _is_source_note(text)
    ):
        return Rule.CREDIT_AGENCY
    if words <= 6 and "agentur" in lowered and _DESK_SIGNATURE_RE.match(text):
        return Rule.BYLINE
    if words <= 10 and _OFFICE_CREDIT_RE.match(text):
        return Rule.BYLINE
    if words <= 7 and "redakteur" in lowered and _EDITOR_CREDIT_RE.match(text):
        return Rule.BYLINE
    if words <= 20 and any(map(lowered.__contains__, _HELPER_CREDIT_GATE)):
        match = _HELPER_CREDIT_RE.match(text)
        if match is not None and names_only(match.group("names")):
            return Rule.BYLINE
    return None


def _is_source_note(text: str) -> bool:
    """True for a note of two to four sentences, one an agency credit and the others on the
    text's translation or first publication (`_ORIGIN_SENTENCE_RE`)."""
    sentences = _NOTE_SENTENCE_SPLIT_RE.split(text)
    credits = [is_agency_credit(sentence) for sentence in sentences]
    return (
        2 <= len(sentences) <= 4
        and any(credits)
        and all(
            credit or _ORIGIN_SENTENCE_RE.match(sentence)
            for credit, sentence in zip(credits, sentences, strict=True)
        )
    )


def names_only(text: str) -> bool:
    """True when `text` lists people's names and nothing else: "A", "A und B (Wien)", "A, B";
    each of two to five capitalised words or name particles, perhaps with a place in brackets.
    """
    for part in _NAMES_SPLIT_RE.split(text.strip()):
        words = _PLACE_IN_BRACKETS_RE.sub("", part).split()
        if not 2 <= len(words) <= 5 or not all(
            word[:1].isupper() or word in NAME_PARTICLES for word in words
        ):
            return False
    return True


def is_agency_credit(text: str) -> bool:
    """True for an agency credit: "(dpa)", "dpa/AFP", "picture alliance / dpa", "Quelle: AFP",
    perhaps with who translated it ("Quelle: AFP (deutsche Übersetzung: Site)")."""
    text = short_agency_names(text)
    if "setz" in text:
        text = _TRANSLATION_NOTE_RE.sub("", text)
    inner = unbracketed(text.strip())
    if inner != text.strip() and _PHOTO_LABEL_RE.match(inner):
        return False  # "(Foto: dpa)" credits the picture, not the text
    stripped = unbracketed(_AGENCY_LABEL_RE.sub("", inner, count=1).strip())
    stripped = CLOSING_VERB_RE.sub("", stripped)
    if not stripped or stripped[-1:] in "!?:" or _DIGIT_RE.search(stripped):
        return False
    segments = [seg.strip(" .") for seg in _AGENCY_SPLIT_RE.split(stripped)]
    segments = [seg for seg in segments if seg]
    if not segments or any(len(seg.split()) > 4 for seg in segments):
        return False
    credits = (
        seg.casefold() in _OTHER_CREDITS or segment_agency(seg) is not None for seg in segments
    )
    return all(credits) if SENTENCE_OPENER_LABEL_RE.match(inner) else any(credits)


# --- news agencies credited for the text -----------------------------------------------------

# The separators of an info line that holds several items: "05.11.2024 · Von A · 2 Min.
# Lesezeit", "Beitrag: A | Kamera: B".
INFO_SPLIT_RE = re.compile(r"\s+[·|•]\s+")
# Read for its byline, a spaced dash parts items too ("Aktualisiert am 24.07.2025 – Von A"); the
# cleaning keeps it inside an item, where it joins a date and its time ("14.05.2025 – 07:12 Uhr").
BYLINE_ITEMS_SPLIT_RE = re.compile(r"\s+[·|•–—]\s+")
# One item of a credits line: a role and a person's name ("Kamera: Selin Aktaş", "Faktencheck:
# Ida Blum"); the name is two to four capitalised words.
ROLE_CREDIT_RE = re.compile(
    rf"^(?P<role>[A-ZÄÖÜ][\w-]+(?: [a-zäöü][\w-]+)?)\s*:\s*(?P<name>{PERSON_NAME})$"
)
# The roles of a credits line that name the author ("Beitrag: A · Kamera: B"); the interviewer
# is the author of an interview.
WRITER_ROLES = frozenset(
    (
        *("text", "texte", "beitrag", "autor", "autorin", "autoren", "bericht", "reporter"),
        *("reporterin", "interview"),
        # The writer of a broadcast's text, beside its host and guests.
        *("autor des textes", "autorin des textes", "autoren des textes"),
    )
)
# The roles a credits box names beside the writer's: a video's crew, the pictures, the desk.
CREDIT_ROLES = WRITER_ROLES | frozenset(
    (
        *("kamera", "schnitt", "montage", "ton", "tontechnik", "licht", "regie", "bildregie"),
        *("redaktion", "moderation", "produktion", "realisation", "sprecher", "sprecherin"),
        *("musik", "grafik", "animation", "fotos", "foto", "bilder", "bild", "video", "drohne"),
        *("aufnahmeleitung", "produzent", "produzentin", "konzept", "idee", "mitarbeit"),
        *("gast", "gäste", "gästin"),
    )
)
# The items of a credits line: "Recherche: A und B; Text: B", "Text: A · Fotos: B", and parted
# by a comma or a slash before the next role ("Text: A, Bilder: B", "Text: A / Bilder: B").
_CREDITS_SPLIT_RE = re.compile(
    r"\s*;\s*|\s+[·|•]\s+|\s*[,/]\s*(?=[A-ZÄÖÜ][\w-]+(?: [a-zäöü][\w-]+)?\s*:\s*\S)"
)
# One item: a role of one or two words and the names it credits ("Text: A und B").
_ROLE_ITEM_RE = re.compile(r"^(?P<role>[A-ZÄÖÜ][\w-]+(?: [a-zäöü][\w-]+)?)\s*:\s*(?P<names>\S.*)$")


# The items of a credits line whose roles follow the names in brackets, parted after each
# bracket: "A (Text), B (Bilder)", "A und B (Text) · C (Fotos)".
_BRACKET_ITEMS_SPLIT_RE = re.compile(r"(?<=\))\s*(?:[,;·|•/]|\bund\b|&)\s*")
# One such item: names and a role of one or two words in brackets ("A und B (Text)").
_BRACKET_ITEM_RE = re.compile(
    r"^(?P<names>[A-ZÄÖÜ][^()]{2,80}?)\s*\((?P<role>[A-ZÄÖÜ][\w-]+(?: [a-zäöü][\w-]+)?)\)$"
)


def credited_writers(text: str, *, lines_of_one: bool = False) -> list[str] | None:
    """The names a credits line gives its writers: "Recherche: A und B; Text: B" gives ["B"],
    "Kamera: C · Schnitt: D" []; a news agency credited for the text stays ("Text: A; Quelle:
    dpa" gives ["A", "dpa"]); the roles may follow the names in brackets ("A (Text), B
    (Bilder)" gives ["A"]). None when `text` is no credits line: not every item is a "role:
    names" item, or (unless `lines_of_one`) it has fewer than two."""
    bracketed = _bracketed_writers(text)
    if bracketed is not None:
        return bracketed
    items = [item.strip() for item in _CREDITS_SPLIT_RE.split(text)]
    matches = [_ROLE_ITEM_RE.match(item) for item in items]
    if len(matches) < (1 if lines_of_one else 2) or None in matches:
        return None
    return [
        m.group("names")
        for item, m in zip(items, matches, strict=True)
        if m is not None
        and (
            m.group("role").casefold() in WRITER_ROLES
            or (agency_names(m.group("names")) and not is_image_credit(item))
        )
    ]


def _bracketed_writers(text: str) -> list[str] | None:
    """The writers of a credits line of two or more "names (role)" items, at least one of them
    a writer's ("A (Text), B (Bilder)" gives ["A"]); None for any other line, so a sentence
    with a bracket ("Die Kinder (Bilder) …") or a single "Anna Beispiel (dpa)" is none."""
    if text.count("(") < 2:
        return None
    items = _BRACKET_ITEMS_SPLIT_RE.split(text.strip())
    matches = [_BRACKET_ITEM_RE.match(item.strip()) for item in items]
    if len(matches) < 2 or None in matches:
        return None
    writers = [
        m.group("names") for m in matches if m and m.group("role").casefold() in WRITER_ROLES
    ]
    return writers or None


_SHORT_INFO_BYLINE_RE = re.compile(r"(?:^|\s[·|•]\s+)(?:Von|By)\s+[A-ZÄÖÜ]")


def is_info_line(text: str) -> bool:
    """True for an info line of several items ("05.11.2024 · Von A · 2 Min. Lesezeit"), read
    item by item; a credits line of roles ("Text: A · Fotos: B") is read whole."""
    return (
        ("·" in text or "|" in text or "•" in text or " – " in text or " — " in text)
        # A shorter line holds a place or a section beside a date ("St. Gallen | 03.12.2026")
        # as often as a name; its byline says "Von".
        and (len(text) > 30 or _SHORT_INFO_BYLINE_RE.search(text) is not None)
        and credited_writers(text) is None
    )


def names_an_agency(text: str) -> bool:
    """True when a short line names a news agency: "(dpa)", "Name, APA/red", and in brackets
    closing a correspondent's byline ("Name aus Brüssel (AFP)")."""
    bracket = TRAILING_AGENCY_RE.search(text)
    return bool(
        agency_names(text.replace("(", " ").replace(")", " "))
        or (bracket is not None and agency_names(bracket.group(1)))
    )


def credits_authors(dropped: list[DroppedLine]) -> list[str]:
    """The authors a credits line the cleaning took off names: "Beitrag: A · Kamera: B" gives
    "A", "Interview: C" "C"; editors, fact-checkers, camera and illustration are no authors.
    So does a name alone it took off as a signature (knowing no author, it takes off no other),
    unless it is a credits box's, each role over its names ("Moderation" / "A"): there only a
    writer's role names an author ("Autorin des Textes" / "B")."""
    found: list[str] = []
    lines = [line.text for line in dropped if line.rule == Rule.BYLINE]
    roles = [line.rstrip(" :").casefold() for line in lines]
    named = [
        role in CREDIT_ROLES and bool(LONE_NAME_RE.fullmatch(line))
        for role, line in zip(roles, lines[1:], strict=False)
    ]
    boxed = sum(named) >= 2  # two roles over names, as the credits box takes them off
    for index, line in enumerate(lines):
        if ":" in line:
            found.extend(credited_writers(line, lines_of_one=True) or ())
        elif LONE_NAME_RE.fullmatch(line) and (
            not boxed or (index > 0 and roles[index - 1] in WRITER_ROLES)
        ):
            found.append(line)
    return found


def without_editors(authors: tuple[str, ...], dropped: list[DroppedLine]) -> tuple[str, ...]:
    """The `authors` (the metadata lists the editor beside the writer) without those a line the
    cleaning took off credits with editing the text: "Redaktionelle Bearbeitung: B", "(Bericht
    von A; redigiert von B)". Never all of them."""
    editors = [
        line.text[edited.end() :]
        for line in dropped
        if line.rule == Rule.BYLINE
        and any(word in line.text for word in _EDITED_GATE)
        and (edited := _EDITED_BY_RE.search(line.text)) is not None
    ]
    kept = tuple(name for name in authors if not any(name in text for text in editors))
    return kept or authors


def text_agencies(
    lines: list[str], dropped: list[DroppedLine], codes: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Agencies the text itself credits: a dateline opening a paragraph ("Berlin (dpa) - …",
    after a lead: "Moskau (RIA Nowosti). …"; on an agency's own site the code of `codes` it
    prints, "MINSK (LESNA) – …") and the credit lines the cleaning took off it or off the page
    ("Quelle: APA", a closing "(KNA)", "Erstveröffentlichung: TASS")."""
    found: list[str] = []
    for paragraph in lines:
        # The agency stands in brackets or slashes: a paragraph with neither skips the regex.
        has_mark = "(" in paragraph or "/" in paragraph
        match = DATELINE_AGENCY_RE.match(paragraph) if has_mark else None
        if match is not None:
            bracket = match.group(1) or match.group(2)
            own = (bracket.strip(),) if bracket.strip() in codes else ()
            found.extend(agency_names(bracket, dateline=True) or own)
        elif paragraph[:3].isupper() and (capitals := CAPITALS_DATELINE_AGENCY_RE.match(paragraph)):
            # The agency is set in capitals as the place is.
            agency = capitals.group(1)
            found.extend(agency_names(agency, dateline=True) if agency.isupper() else ())
        # A credit closing a paragraph in the middle of the text stays there: "… unterwegs. (KNA)"
        tag = TRAILING_CREDIT_RE.search(paragraph) if paragraph.endswith((")", "]")) else None
        if tag is not None and tag.start() > 0 and paragraph[tag.start() - 1] in '.!?“"':
            found.extend(agency_names(tag.group(1)))
    for line in dropped:
        if line.rule == Rule.CREDIT_AGENCY:
            # A source note's credit is one of its sentences.
            sentences = _NOTE_SENTENCE_SPLIT_RE.split(line.text) if ". " in line.text else ()
            found.extend(agency_names(line.text) if len(sentences) < 2 else ())
            found.extend(name for sentence in sentences for name in agency_names(sentence))
        elif line.rule == Rule.TIMESTAMP and line.text[:1].isalpha():
            # An info line's stamps after the agency's code: "AA 03.02.2025 11:20 Aktualisiert: …"
            found.extend(agency_names(line.text.split(maxsplit=1)[0].rstrip(",·|")))
        elif line.rule in (Rule.PARTNER, Rule.PRINT_NOTE):
            # "Erstveröffentlichung: RIA Novosti": the agency that first published it supplied it
            found.extend(supplying_agencies(line.text))
    return tuple(found)
