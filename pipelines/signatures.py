"""Signatures closing a text: the writer's name on its last lines, alone or with the office,
the agency or the body signed for, after a greeting or "gez.". Pure, for extract.py and
byline_lines.py."""

from __future__ import annotations

import re

from crawler.model.dates import find_date_in_text
from pipelines.agency_names import NEWS_AGENCIES
from pipelines.offices import (
    GREETING_SIGNER_RE,
    GROUP_WORD_RE,
    LONE_NAME_RE,
    PERSON_NAME,
    SIGNER_OFFICE,
    SIGNING_INITIALS,
    signed_for,
)

# A closing line signing the text with the writer's name and office or agency: "Name, 1.
# Vorsitzende", "Name, Pressesprecher der Gemeinde", "Name (Kassenwart)", "Name (epd)". The name
# is two to four capitalised words; the office a capitalised word or an ordinal and one, and up
# to four words more; an agency in brackets its short name, maybe in small letters.
_AGENCY_KEYS = "|".join(map(re.escape, sorted(NEWS_AGENCIES, key=len, reverse=True)))
_SIGNATURE_RE = re.compile(
    rf"^(?P<name>{PERSON_NAME})(?:,\s+|\s+\()(?P<office>(?:\d{{1,2}}\.\s*)?[A-ZÄÖÜ][\w.-]*"
    rf"(?:\s+[^\s\d(),;:]+){{0,4}}|(?<=\()(?:{_AGENCY_KEYS})"
    # the site's host in lower case, a regional edition's ("A, wien.example.at")
    r"|[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,6})\)?$"
)

# The writers' names and the day in brackets closing the text, as Austrian papers sign: "(Anna
# Gruber, Markus Leitl, 3.7.2026)", "(Anna Gruber/APA, 3.7.2026)".
_BRACKETED_SIGNATURE_RE = re.compile(
    rf"^\((?P<name>{PERSON_NAME}(?:\s*,\s*{PERSON_NAME}){{0,3}}(?:\s*[/,]\s*(?i:{_AGENCY_KEYS}))*)"
    r",\s*\d{1,2}\.\s*\d{1,2}\.\s*(?:\d{4}|\d{2})\)$"
)

# "gez." (signed) before the signer's name, maybe after the office ("gez. Stefan Ranftl", "gez.
# Bürgermeister Dr. Anna Berger"), as an office copies a signed letter or notice.
_UNDERSIGNED_RE = re.compile(rf"^gez\.\s*(?:{SIGNER_OFFICE}\s+(?=\S+\s))?(?=[A-ZÄÖÜ])")
# The signer's office on the line under it: "Erster Bürgermeister", "1. Vorsitzende",
# "Leiterin des Ordnungsamts". A short line of words, the first capitalised, no sentence.
_OFFICE_LINE_RE = re.compile(r"^(?:\d{1,2}\.\s*)?[A-ZÄÖÜ][\w-]*(?:\s+[^\s\d(),;:.!?]+){0,5}$")

# A closing line of the writer's initials in brackets, then the name: "(hk) Herta Kofler".
_INITIALLED_NAME_RE = re.compile(rf"^{SIGNING_INITIALS}(?P<name>{PERSON_NAME})$")

# A signer's first name alone, maybe after a dash: "- Anneliese", "– Jonas".
FIRST_NAME_LINE_RE = re.compile(r"(?:[-–—]\s*)?([A-ZÄÖÜ][\w'’-]+)")
# A closing greeting, maybe with the writer's office, the name on the line after it: "Ihr
# Bürgermeister" / "Helmut Kranich", "Ihre Ortsvorsteherin", "Euer Vorstand des Heimatvereins",
# "Mit herzlichen Grüßen, Ihre Pfarrerin", "Herzlich, Ihr" / "Pfarrer A". A contact ("Ihr
# Ansprechpartner") signs nothing.
_GREETING_ROLE_RE = re.compile(
    r"^(?:(?:(?:Mit )?(?:herzlichen|freundlichen|besten|lieben) Grüßen|(?:Herzliche|Viele"
    r"|Liebe|Beste) Grüße|Herzlich(?:st)?),?\s+)?(?:Ihr(?:/Ihre)?|Ihre|Euer|Eure|Dein|Deine)"
    r"(?:\s+(?:[a-zäöü]+\s+)?(?!Ansprechpartner|Kontakt)[A-ZÄÖÜ][\w-]+"
    r"(?:\s+(?:der|des|vom|von)(?:\s+\S+){1,3})?)?\s*[,.!]?$"
)
# The signer's office on the line under the name, after a greeting over it ("Ihr" / "Name" /
# "Bürgermeister"): maybe an ordinal or adjective before it, a few words of the body after it.
_OFFICE_UNDER_NAME_RE = re.compile(
    rf"^(?:[\w.]+\s+)?{SIGNER_OFFICE}(?:\s+[^\s\d(),;:.!?]+){{0,4}}$"
)
# The body signed for on the line over the signer's name: "Für den Wahlausschuss" / "Pfarrerin
# A", "Für den Vorstand des Heimatvereins", "Im Namen des Kirchenvorstands"; its first word
# names a group of people (`GROUP_WORD_RE`), maybe in the genitive. "Für die Fotos" is none.
_ON_BEHALF_RE = re.compile(
    r"^(?:Für (?:den|die|das)|Im Namen (?:des|der)) (?P<group>[A-ZÄÖÜ][\w-]*)"
    r"(?: (?:der|des|vom|von|am|im|[A-ZÄÖÜ][\w.-]*)){0,4},?$"
)
# The name under it: two to four capitalised words, no pronoun or prompt ("Schreiben Sie Uns"),
# maybe after the signer's office ("Pfarrer Tobias Rehmann", "Bürgermeisterin Dr. Anna Berger"),
# which is no part of the name.
_NAME_LINE_RE = re.compile(
    r"^(?!.*\b(?:Sie|Uns|Wir|Ihr|Ihre|Ihnen|Euch|Jetzt|Hier|Mehr|Bitte)\b)"
    rf"(?:{SIGNER_OFFICE}\s+(?=\S+\s))?"
    rf"(?P<name>{PERSON_NAME})$"
)


def closing_signature(
    lines: list[str], site_keys: frozenset[str] = frozenset()
) -> tuple[str, int] | None:
    """The name a signature closing the text gives, and how many lines the signature takes:
    a line "Name, 1. Vorsitzender" or "(nk) Name", or a greeting of the office over the name
    ("Ihr Bürgermeister" / "Name") or before it ("Ihr Pfarrer Name"), or a greeting over the
    name and the office under it ("Ihr" / "Name" / "Bürgermeister"); None when the text closes
    otherwise.

    Only after two lines of text, never a line of a list of such lines (a board's members),
    never a dateline ("Bad Talheim, 12. März"). A contributor's "Name für <site>" is one too,
    with a line of the first name alone over it ("- Anneliese")."""
    undersigned = _undersigned(lines)
    if undersigned is not None:
        return undersigned
    bracketed = _BRACKETED_SIGNATURE_RE.match(lines[-1]) if len(lines) >= 3 else None
    if bracketed is not None:
        return bracketed.group("name"), 1
    name = signed_for(lines[-1], site_keys) if len(lines) >= 3 else None
    if name is not None:
        first = FIRST_NAME_LINE_RE.fullmatch(lines[-2])
        return name, 2 if first is not None and first.group(1) == name.split()[0] else 1
    if (
        len(lines) >= 4
        and (_GREETING_ROLE_RE.match(lines[-2]) or _on_behalf(lines[-2]))
        and (signer := _NAME_LINE_RE.match(lines[-1])) is not None
        and find_date_in_text(lines[-1]) is None
    ):
        return signer.group("name"), 2
    if (
        len(lines) >= 5
        and _OFFICE_UNDER_NAME_RE.match(lines[-1])
        and _GREETING_ROLE_RE.match(lines[-3])
        and (signer := _NAME_LINE_RE.match(lines[-2])) is not None
    ):
        return signer.group("name"), 3
    greeted = GREETING_SIGNER_RE.match(lines[-1]) if len(lines) >= 3 else None
    if greeted is not None:
        return greeted.group("name"), 1
    if len(lines) < 3 or len(lines[-1].split()) > 10 or _SIGNATURE_RE.match(lines[-2]):
        return None
    initialled = _INITIALLED_NAME_RE.match(lines[-1])
    if initialled is not None:
        return initialled.group("name"), 1
    match = _SIGNATURE_RE.match(lines[-1])
    if match is None or find_date_in_text(lines[-1]) is not None:
        return None
    if match.group(0).count("(") != match.group(0).count(")"):
        return None
    return match.group("name"), 1


# A writer's sign-off to the readers after the text: a dash or a greeting and a possessive
# before the first name, maybe the whole name ("– Eure Lena", "Liebe Grüße, euer Jonas", "Deine
# Mara Quendt", "— Mara").
_SIGN_OFF_RE = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:Liebe|Viele|Herzliche|Beste) Grüße,?\s+|Herzlich(?:st)?,?\s+)?"
    r"(?:(?i:Euer|Eure|Dein|Deine|Ihr|Ihre)\s+|(?<=[-–—]\s)|(?<=[-–—]))"
    r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?: [A-ZÄÖÜ][\w'’-]+)?)\s*[.!]?$"
)


def sign_off(lines: list[str], authors: tuple[str, ...]) -> int:
    """1 when the last line signs the text off with a known author's first name or whole name
    after a dash or a greeting (`_SIGN_OFF_RE`: "– Eure Lena" under a text by Lena Brandt),
    else 0. A line naming someone else ("Eure Freiwillige Feuerwehr") is no sign-off."""
    if len(lines) < 3 or len(lines[-1]) > 50:
        return 0
    match = _SIGN_OFF_RE.match(lines[-1])
    if match is None:
        return 0
    name = match.group("name")
    return int(any(name in (author, author.split()[0]) for author in authors))


def _on_behalf(line: str) -> bool:
    """True for a line naming the group of people a signer signs for (`_ON_BEHALF_RE`)."""
    match = _ON_BEHALF_RE.match(line) if line[:1] in ("F", "I") else None
    if match is None:
        return False
    word = match.group("group")
    return any(GROUP_WORD_RE.fullmatch(word.removesuffix(end)) for end in ("", "s", "es"))


def cosigned(lines: list[str], authors: tuple[str, ...]) -> tuple[str, int] | None:
    """The writers a bracketed signature closing the text names (see `closing_signature`) when
    they include all the known `authors` and more: "(A, B, 23.3.2025)" under a byline or an
    author meta tag naming A credits B too. With the signature's lines, one."""
    if len(lines) < 3 or not lines[-1].startswith("("):
        return None
    bracketed = _BRACKETED_SIGNATURE_RE.match(lines[-1])
    names = bracketed.group("name") if bracketed is not None else ""
    if not authors or not all(author in names for author in authors):
        return None
    return names, 1


def _undersigned(lines: list[str]) -> tuple[str, int] | None:
    """The signer's name a "gez." signature closing the text gives, and its lines: "gez. Name",
    "gez. Name, office" or "gez. Name" over the office ("Erster Bürgermeister")."""
    if len(lines) < 3:
        return None
    for count in (1, 2):
        prefix = _UNDERSIGNED_RE.match(lines[-count])
        if prefix is None or (count == 2 and not _OFFICE_LINE_RE.match(lines[-1])):
            continue
        signed = lines[-count][prefix.end() :]
        if find_date_in_text(signed) is not None:
            continue
        alone = LONE_NAME_RE.fullmatch(signed)
        if alone is not None:
            return alone.group(0), count
        with_office = _SIGNATURE_RE.match(signed) if count == 1 else None
        if with_office is not None:
            return with_office.group("name"), 1
    return None
