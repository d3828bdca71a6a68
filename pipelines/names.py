"""Names on a page: the headline without the site's affix, author names from a byline."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from crawler.model.dates import classify_date_line
from pipelines.credits import is_agency_credit
from pipelines.tree import collapse, registrable_domain, text_key

_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||–|—|-|·|•|::|»|/)\s+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|\||,|\s+und\s+|\s+and\s+|\s+&\s+)\s*", re.IGNORECASE)
_AUTHOR_SLASH_RE = re.compile(r"\s*/\s*")
_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:Von|By|Autor(?:in)?\s*:|Autoren\s*:|Text\s*:|Text und Fotos?\s*:|Interview\s*:"
    r"|Ein (?:Kommentar|Beitrag|Gastbeitrag|Interview) von|Aufgezeichnet von"
    r"|(?:Das|Ein) (?:Gespräch|Interview) führten?|Moderation\s*:"
    r"|(?:Eingestellt|Gepostet|Geschrieben|Verfasst|Veröffentlicht|Posted|Written) (?:von|by))\s*",
    re.IGNORECASE,
)
# Name particles written in lower case ("Ursula von der Leyen", "Vincent van Gogh").
_NAME_PARTICLES = frozenset(
    (
        *("von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le"),
        *("zu", "zur", "vom", "ten", "ter", "al", "el", "bin", "ibn", "y", "e"),
    )
)
# Account and desk names a CMS prints where a person's name belongs (WordPress "admin").
_NOT_AUTHORS = frozenset(
    (
        *("admin", "administrator", "redaktion", "online-redaktion", "onlineredaktion"),
        *("newsdesk", "editor", "editorial", "webmaster", "gast", "guest", "team", "staff"),
        *("user", "root"),
    )
)
_TRAILING_BRACKETS_RE = re.compile(r"\s*\([^()]*\)$")
_URLISH_RE = re.compile(r"^(?:https?:)?//|^www\.|@|\.(?:de|com|net|org|ru)(?:/|$)", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def site_name_keys(site_name: str | None, url: str) -> frozenset[str]:
    """Normalised names a title affix may use for the site: its name, host and host labels."""
    keys: set[str] = set()
    if site_name:
        keys.add(text_key(site_name))
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        keys.add(text_key(host))
        registrable = registrable_domain(host)
        keys.add(text_key(registrable))
        label = registrable.split(".", 1)[0]
        if len(label) >= 2:
            keys.add(label)
    keys.discard("")
    return frozenset(keys)


def _is_site_affix(segment: str, site_keys: frozenset[str]) -> bool:
    key = text_key(segment)
    if not key or len(segment.split()) > 5:
        return False
    if key in site_keys:
        return True
    # "RT DE" for de.rt.com, "DER SPIEGEL" for spiegel.de: the host's label within the affix.
    return any(len(k) >= 2 and "." not in k and key.startswith(k) for k in site_keys) or any(
        len(k) >= 4 and k in key for k in site_keys
    )


def clean_title(
    candidate: str | None, site_keys: frozenset[str], *, html_title: bool = False
) -> str | None:
    """Strip " | Site" / " – Site" affixes; reject site names, dates and empty strings.

    In a <title> (`html_title`), a short last part after " | " goes even when it does not name
    the site: it is a section or site label there, hardly ever part of the headline.
    """
    if not candidate:
        return None
    title = collapse(candidate)
    for _ in range(2):
        separators = list(_TITLE_SEPARATOR_RE.finditer(title))
        if not separators:
            break
        last = separators[-1]
        suffix = title[last.end() :]
        first = separators[0]
        prefix = title[: first.start()]
        if _is_site_affix(suffix, site_keys) or (
            html_title
            and last.group(0).strip() == "|"
            and len(suffix.split()) <= 4
            and len(title[: last.start()].split()) >= 3
        ):
            title = title[: last.start()].strip()
        elif _is_site_affix(prefix, site_keys):
            title = title[first.end() :].strip()
        else:
            break
    if not title or text_key(title) in site_keys or classify_date_line(title) is not None:
        return None
    return title


def split_authors(values: Iterable[str], site_keys: frozenset[str]) -> tuple[str, ...]:
    """Names from "A; B", "A und B", "Von A", "A / dpa"; no URLs, no site name, no duplicates."""
    parts = [
        piece
        for value in values
        if not is_agency_credit(collapse(value))
        for part in _AUTHOR_SPLIT_RE.split(collapse(value))
        if not _URLISH_RE.search(part)  # profile links, before "/" splits them apart
        for piece in _AUTHOR_SLASH_RE.split(part)
    ]
    authors: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = _AUTHOR_PREFIX_RE.sub("", part.strip(" ,;:-–")).strip(" ,;:-–")
        # "Anna Beispiel (dpa)": the agency in brackets is no part of the name.
        name = _TRAILING_BRACKETS_RE.sub("", name)
        if (
            not name
            or len(name) > 80
            or len(name.split()) > 6
            or not _looks_like_name(name)
            or _URLISH_RE.search(name)
            or not any(ch.isalpha() for ch in name)
            or text_key(name) in site_keys
            or is_agency_credit(name)  # "Quelle: dpa" credits an agency, it names no author
            or classify_date_line(name) is not None  # "Von A, 20.11.2026, 14:05 Uhr"
            or name.casefold() in seen
        ):
            continue
        seen.add(name.casefold())
        authors.append(name)
    return tuple(authors)


def _looks_like_name(name: str) -> bool:
    """Capitalised words and name particles only: no user names ("admin"), no sentences."""
    if name.casefold() in _NOT_AUTHORS:
        return False
    words = name.split()
    capitalised = 0
    for word in words:
        first = next((ch for ch in word if ch.isalpha()), "")
        if first.isupper():
            capitalised += 1
        elif word.casefold() not in _NAME_PARTICLES and not word.endswith("."):
            return False  # a lower-case word that is no particle or abbreviation ("h.c.")
    return capitalised > 0
