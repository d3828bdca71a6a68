"""Names on a page: the headline without the site's affix, author and agency names."""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from crawler.model.dates import classify_date_line
from pipelines.agency_names import TRAILING_AGENCY_RE, agency_names
from pipelines.byline_lines import ORIGIN_AFTER_NAME_RE, ORIGIN_GATE, WRITING_KINDS
from pipelines.clean_rules import INTERVIEW_CREDIT_LEAD, REPORTER_LEAD
from pipelines.credits import (
    NAME_PARTICLES,
    credited_writers,
    is_agency_credit,
    is_image_credit,
)
from pipelines.host_spellings import (
    host_spellings,
    registrable_domain,
    spells_key,
    spells_with_initials,
)
from pipelines.offices import (
    ACADEMIC_TITLE_RE,
    DEGREE,
    OWN_STAFF,
    is_institution_kind,
    is_site_kind,
    without_job_title,
)
from pipelines.title_affixes import is_body_name, without_glued_affixes
from pipelines.tree import collapse, latin_punctuation, text_key

TITLE_SEPARATOR_RE = re.compile(r"\s+(?:\||–|—|-|·|•|::|»|«|›|/)\s+")
# A site's initials as the last part of a <title>: "RSM", "NZZ".
_INITIALS_RE = re.compile(r"[A-ZÄÖÜ]{2,5}")
# "mit" starts the agency's part of a byline ("Lukas Fendt mit SID", "mit Material der dpa"):
# it is split off with the agency, never inside a name. A spaced dash parts the name from the
# writer's role as a comma does ("Dr. A – Politikwissenschaftler und Korrespondent").
_AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:;|\||,\s*(?:und|and)\s+|,|·|•|\s+und\s+|\s+and\s+|\s+&\s+|\s[–—]\s)\s*"
    r"|\s+(?=mit\s)",
    re.IGNORECASE,
)
# A label crediting text and pictures to the same people, before the names: "Text und Fotos:",
# "Text & Bild:", "Text/Fotos:". Cut before the split, which would part it at "und".
_TEXT_AND_PICTURES_RE = re.compile(
    r"^(?:Text|Texte|Bericht|Recherche|Interview)\s*(?:und|&|\+|/)\s*(?:Fotos?|Bild(?:er)?|Videos?"
    r"|Grafik(?:en)?|Illustration(?:en)?)\s*:\s*",
    re.IGNORECASE,
)
# What follows the name in a blog's byline: "Geschrieben von A am 3. Mai 2024 in Freizeit"; a
# correspondent's place: "Von A aus Brüssel".
_AFTER_NAME_RE = re.compile(
    r"\s+(?:am|vom)\s+\d{1,2}\.(?:\s*\d{1,2}\.|\s*[A-ZÄÖÜ][a-zä]+\.?)?\s*\d{2,4}\b.*$"
    # A weekday before the date, which a comma parts from the name: "A am Mi., 25.11.2026".
    r"|\s+(?:am|vom)\s+(?:Mo|Di|Mi|Do|Fr|Sa|So)(?:\.|[a-z]*tag|ttwoch)(?=,|\s+\d|$).*$"
    r"|\s+aus\s+[A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*)?$"
)
# A job title printed before the name, also as the paper's own staff in the dative: "Von
# Redakteurin Ines Albrecht", "Von unserem Korrespondenten A", "Von unserem Redaktionsmitglied A".
_ROLE_PREFIX_RE = re.compile(
    rf"^(?:{OWN_STAFF}|(?:Chef|Gast|Lokal|Sport|Wirtschafts|Politik|Kultur)?"
    r"(?:redakteur|reporter|autor|korrespondent|volontär|kolumnist)(?:in|en)?"
    r"|Redaktionsleiter(?:in)?)\s+(?=\S)",
    re.IGNORECASE,
)
# Degrees after the name ("Sandra Weil M. Sc.", "Jan Ohm, LL.M."), or a list's part of
# degrees alone.
_DEGREES_AFTER_RE = re.compile(rf"(?:^|,?\s+){DEGREE}(?:,?\s*{DEGREE})*$")
_DEGREE_ENDS = ".AHDcdMBLPFJtRmSUpv"  # the last characters of the degrees, a gate for the regex
_AUTHOR_SLASH_RE = re.compile(r"\s*/\s*")
_AUTHOR_PREFIX_RE = re.compile(
    # A reporter's sentence ("Aus dem Gerichtssaal berichtet A.", "Vom Parteitag berichten A
    # und B") and an interview's closing credit ("Mit C sprach A.", "Die Fragen stellte A"),
    # before "Von", which would take the first word alone.
    rf"^(?:{REPORTER_LEAD}|{INTERVIEW_CREDIT_LEAD}"
    r"|Von|By|(?:Gast)?Autor(?:in)?\s*:|Autoren\s*:|Text\s*:|Bericht\s*:|Quellen?\s*:|Interview\s*:"
    r"|Reporter(?:in)?\s*:"
    r"|(?:Text|Bericht)\s*(?:und|&|/)\s*(?:Fotos?|Bild(?:er)?)\s*:|Recherche\s*:"
    rf"|(?:Eine? )?{WRITING_KINDS} von|Aufgezeichnet von|Getestet von"
    r"|Veröffentlicht am [\d.]+(?: um [\d:.]+(?: Uhr)?)? von|Gast(?:beitrag|kommentar) von"
    r"|(?:Das|Ein) (?:Gespräch|Interview) führten?|Moderation\s*:"
    r"|(?:Eingestellt|Gepostet|Geschrieben|Verfasst|Veröffentlicht|Posted|Written|Geschichte"
    r"|Story) (?:von|by))\s*",
    re.IGNORECASE,
)
# Account and desk names a CMS prints where a person's name belongs (WordPress "admin"); a
# name with one of these words in it is a desk ("TechWelt Redaktion", "Team Politik").
_NOT_AUTHORS = frozenset(
    (
        *("admin", "administrator", "redaktion", "online-redaktion", "onlineredaktion"),
        *("newsdesk", "editor", "editorial", "webmaster", "gast", "guest", "team", "staff"),
        *("user", "root", "nachrichten", "news", "newsroom", "desk", "ressort", "online"),
        *("agentur", "agenturen", "agency", "verlag", "zeitung", "magazin", "redaktionen"),
    )
)
# A word of an organisation's name, no person's: an office, a police headquarters, a
# university, a ministry, a parliamentary group, a broadcaster's studio, a desk or press team,
# a company form ("Pressestelle FBL-Fraktion", "Polizeipräsidium Nordtal", "Hochschule
# Emsland-Süd, Stabsstelle Kommunikation", "Nordwelle Studio Wiesum", "Presseteam", a farmers'
# "Versuchsring"), a committee or council ("Pfarrgemeinderat St. Anna", "Elternbeirat").
# Compounds by their last part ("Landratsamt"), which ends no surname; company forms as words
# of their own.
_ORGANISATION_WORD_RE = re.compile(
    r"(?:stelle|präsidium|ministerium|fraktion|schule|universität|direktion|inspektion|gericht"
    r"|verwaltung|behörde|institut|stiftung|verband|kommunikation|marketing|akademie"
    r"|gewerkschaft|kanzlei|klinikum|amt|polizei|pressedienst|verein|gemeinde|landkreis"
    r"|partei|presse|büro|referat|abteilung|dezernat|redaktion|ressort|studio|funkhaus|team"
    r"|vorstand|ausschuss|komitee|kuratorium|gremium|gemeinderat|beirat|\w{3}(?:s|en)ring)$"
    r"|^(?:g?gmbh|mbh|ag|kg|e\.\s?v\.?)$"
)
# The same in English, whole words: a university's or a company's office after the writer's
# name ("A, University Communications", "Media Relations", "Press Office").
_ORGANISATION_WORDS_EN = frozenset(
    (
        *("university", "college", "communications", "office", "department", "press"),
        *("relations", "affairs", "services", "institute", "ministry", "council", "faculty"),
        *("foundation", "association", "society", "centre", "center", "inc", "inc.", "ltd"),
        *("ltd.", "llc", "corporation"),
    )
)
# Interface words printed next to a byline: a follow button, a profile or mail link.
_INTERFACE_WORDS = frozenset(
    ("folgen", "follow", "abonnieren", "profil", "mehr", "e-mail", "mail", "kontakt", "autor")
)
# The label of a date line a byline element prints after the name and the place ("Von A,
# Berlin" over "Aktualisiert am 04.11.2025", read as one text): the name ends before it.
_DATE_LABELS = frozenset(
    ("aktualisiert", "veröffentlicht", "publiziert", "erstellt", "geändert", "updated", "published")
)
_GLUED_INTERFACE_RE = re.compile(r"(?<=[a-zäöüß])(?:Folgen|Follow|Abonnieren|Profil)$")
# Countries and the largest German-speaking towns: a byline's dateline ("Von A, Frankfurt") or
# a country as author ("Germany") names no person, nor in a list (one word is refused anyway).
_PLACES = frozenset(
    (
        *("deutschland", "germany", "österreich", "austria", "schweiz", "switzerland"),
        *("frankreich", "france", "spanien", "spain", "italien", "italy", "russland"),
        *("russia", "ukraine", "polen", "poland", "usa", "vereinigte staaten", "united states"),
        *("großbritannien", "united kingdom", "china", "japan", "türkei", "israel", "europa"),
        *("berlin", "hamburg", "münchen", "köln", "frankfurt", "frankfurt am main", "stuttgart"),
        *("düsseldorf", "leipzig", "dresden", "hannover", "bremen", "wien", "graz", "linz"),
        *("salzburg", "innsbruck", "zürich", "bern", "basel", "genf", "luzern", "chur"),
        *("brüssel", "washington", "moskau", "kiew", "paris", "london", "new york"),
    )
)
# The letters of a name written with a capital: the first, and each after a hyphen or apostrophe.
_CAPITAL_AFTER_RE = re.compile(r"(?:^|(?<=[-'’]))\w")
_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
# Words of a section label in a title affix ("… | Sport", "… - Wirtschaft - Zeitung").
SECTION_WORDS = frozenset(
    (
        *("politik", "wirtschaft", "sport", "kultur", "panorama", "lokales", "lokal"),
        *("regional", "region", "ausland", "inland", "nachrichten", "news", "gesundheit"),
        *("wissen", "digital", "auto", "reise", "leben", "meinung", "finanzen", "börse"),
        *("markt", "märkte", "aktuelles"),
        *("feuilleton", "unterhaltung", "gesellschaft", "technik", "karriere", "aktuell"),
        # the sections of a site's picture, video and audio items ("Bildergalerie: …")
        *("bildergalerie", "bildergalerien", "fotostrecke", "fotogalerie", "galerie", "fotos"),
        *("bilder", "video", "videos", "podcast", "audio"),
        # of press releases ("Pressemitteilung: …") and of a trade journal's papers ("Fachartikel:
        # …"); a guest's or an opinion piece ("Gastbeitrag: …") is a form of text, no section
        *("pressemitteilung", "pressemitteilungen", "pressemeldung", "pressemeldungen"),
        *("medienmitteilung", "medienmitteilungen", "fachartikel", "fachbeitrag", "fachbeiträge"),
    )
)
# Roles in brackets after a name in a byline that make no author of it: "Von A und B (Fotos)"
# credits B with the pictures, "C (Grafik)" with a chart, "D (Mitarbeit)" as a collaborator.
_NON_WRITER_ROLES = frozenset(
    (
        *("foto", "fotos", "fotografie", "bild", "bilder", "grafik", "grafiken", "infografik"),
        *("illustration", "illustrationen", "zeichnung", "zeichnungen", "karte", "karten"),
        *("video", "videos", "kamera", "schnitt", "mitarbeit", "übersetzung", "recherche"),
    )
)
# A bracket holding more words than its role: "(Grafik und Daten)", "(Fotos, Video)".
_BRACKET_RE = re.compile(r"\((\w+)[^()]*\)")
# The breadcrumb trail: its links name the site and the sections above the article.
_TRAILING_BRACKETS_RE = re.compile(r"\s*\([^()]*\)$")
_URLISH_RE = re.compile(r"^(?:https?:)?//|^www\.|@|\.(?:de|com|net|org|ru)(?:/|$)", re.IGNORECASE)


# A page asks for its two key sets (site name and URL, canonical URL) several times; a few
# slots serve that page and keep nothing a later page could reuse.
@functools.lru_cache(maxsize=4)
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
        first = registrable.split(".", 1)[0]
        label = text_key(first)  # "alpenland-zeitung" as the name
        if len(label) >= 2:
            keys.add(label)
        # The words of a hyphenated label ("vestnik-tv"), each marked by a closing "-" (no key
        # of a text has one): the site's name may spell one of them with an edition's code.
        if "-" in first:
            keys.update(f"{text_key(part)}-" for part in first.split("-") if len(part) >= 4)
    keys.discard("")
    return frozenset(keys)


def normalise_field(text: str | None) -> str:
    """A title or name as the text is normalised: entities decoded (twice: a CMS escapes some
    titles twice, "&amp;quot;"), Unicode NFC, whitespace runs collapsed."""
    value = text or ""
    for _ in range(2):
        if "&" not in value or not _ENTITY_RE.search(value):
            break
        value = html.unescape(value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return collapse(value)


def _is_affix(
    segment: str, site_keys: frozenset[str], sections: frozenset[str] = frozenset()
) -> bool:
    """A title part that names the site, a section or a date ("14.06.2023, SNA")."""
    pieces = [piece.strip() for piece in segment.split(",")]
    return all(
        piece
        and (
            is_site_affix(piece, site_keys)
            or text_key(piece) in sections
            or classify_date_line(piece) is not None
        )
        for piece in pieces
    )


# A club's or a company's legal form and founding year after its name: "1921 e.V.", "GmbH".
_LEGAL_FORM_RE = re.compile(r"(?:\s+(?:(?:18|19|20)\d\d|e\.\s?V\.|g?GmbH|mbH|AG|KG|eG))+$")


def is_site_affix(segment: str, site_keys: frozenset[str]) -> bool:
    """A title part that names the site, also with a legal form the host leaves out; a name
    with umlauts also as the host spells them, or with some of its words cut to initials."""
    if _names_site(segment, site_keys):
        return True
    bare = _LEGAL_FORM_RE.sub("", segment) if segment[-1:] in (".", "H", "G") else segment
    return (
        (bare != segment and is_site_affix(bare, site_keys))
        or any(_names_site(spelled, site_keys) for spelled in host_spellings(segment))
        or spells_with_initials(segment, site_keys)
    )


def _names_site(segment: str, site_keys: frozenset[str]) -> bool:
    key = text_key(segment)
    if not key or len(segment.split()) > 5:
        return False
    if key in site_keys:
        return True
    parts = segment.split()
    # "Vestnik DE" for vestnik-tv.com: a word of the host's label and an edition's code in
    # capitals ("DE", "AT", "EN"), or a word for the kind of site ("Lindenhof-Blog").
    joined = segment.replace("-", " ").split()
    if (
        2 <= len(joined) <= 3
        and f"{text_key(joined[0])}-" in site_keys
        and all(
            (2 <= len(part) <= 3 and part.isalpha() and part.isupper()) or is_site_kind(part)
            for part in joined[1:]
        )
    ):
        return True
    # "RT DE" for de.rt.com, "DER SPIEGEL" for spiegel.de: the host's label within the affix.
    # "Sonntagsbote" for sonntagsbote-arnsfeld.de: one word the host's label starts with; so
    # does "RDM" for rdm-deutsch.ru, a shorter word in capitals: the site's initials.
    initials = segment.isalpha() and segment.isupper()
    # "Gewerkschaft Bau Nordwest" for igbau-nordwest.org: most of the name's words, two at
    # least, are in the host's label; the rest says what kind of body it is.
    words = [text_key(word) for word in segment.split() if word[:1].isupper()]
    found = [
        word
        for word in words
        if len(word) >= 3 and any("." not in k and word in k for k in site_keys)
    ]
    if len(found) >= 2 and 2 * len(found) >= len(segment.split()):
        return True
    # "Universität Lahnfeld" for uni-lahnfeld.de: the host's word and the kind of body alone,
    # perhaps after abbreviations ("Ev.-luth. Kirchengemeinde Auheim").
    if (
        len(found) == 1
        and len(parts) >= 2
        and is_institution_kind(parts[-2])
        and all(part.endswith(".") for part in parts[:-2])
    ):
        return text_key(parts[-1]) == found[0]
    return (
        any(len(k) >= 2 and "." not in k and key.startswith(k) for k in site_keys)
        or any(len(k) >= 4 and k in key for k in site_keys)
        or (
            (len(key) >= 5 or (initials and len(key) >= 2))
            and " " not in segment
            and any(k.startswith(key) for k in site_keys)
        )
    )


def clean_title(
    candidate: str | None,
    site_keys: frozenset[str],
    *,
    html_title: bool = False,
    sections: frozenset[str] = SECTION_WORDS,
) -> str | None:
    """Decode entities; strip " | Section | Site | date" affixes; reject site names and dates.

    A part is an affix when it names the site, a section or a date. Once one is cut, a short
    label before it behind the same separator goes too ("… - Allgäu - Alpenland Zeitung"). In
    a <title> (`html_title`), a short last part after " | " goes even when it does not name
    the site: it is a section or site label there, hardly ever part of the headline.
    """
    if not candidate:
        return None
    title = normalise_field(candidate)
    title = without_glued_affixes(title) if html_title else title
    colon = _COLON_SUFFIX_RE.search(title) if html_title else None
    if (
        colon is not None
        and len(title[: colon.start()].split()) >= 3
        and (
            _spells_site_key(colon.group(1), site_keys)
            or (is_body_name(colon.group(1)) and is_site_affix(colon.group(1), site_keys))
        )
    ):
        # The site's name (or a body's the host names in part) after a colon or an underscore
        # closing a <title> ("…: Universität Lahnfeld"); a colon is no separator elsewhere.
        title = title[: colon.start()]
    cut_with: str | None = None
    for _ in range(4):
        separators = list(TITLE_SEPARATOR_RE.finditer(title))
        if not separators:
            break
        last = separators[-1]
        suffix = title[last.end() :]
        first = separators[0]
        prefix = title[: first.start()]
        separator = last.group(0).strip()
        short_label = (
            len(suffix.split()) <= 3
            and suffix[:1].isupper()
            and not any(ch in suffix for ch in ".:!?")
            and len(title[: last.start()].split()) >= 3
        )
        suffix_affix = _is_affix(suffix, site_keys, sections)
        # The site's name, a name's words only, and a section: "Pfarrei St. Ursula – Aktuelles".
        if (
            len(separators) == 1
            and all(word[:1].isupper() for word in prefix.split())
            and suffix_affix
            and _is_affix(prefix, site_keys, sections)
        ):
            return None
        if (
            suffix_affix
            or (html_title and separator == "|" and short_label)
            or (cut_with == separator and short_label)
        ):
            title = title[: last.start()].strip()
            cut_with = separator
        elif _is_affix(prefix, site_keys, sections):
            title = title[first.end() :].strip()
        elif (
            html_title
            and len(separators) >= 2
            and _INITIALS_RE.fullmatch(suffix)
            and _is_affix(title[separators[-2].end() : last.start()], site_keys, sections)
        ):
            # Initials after a section or the site's name ("… - News - RSM"): the site's short
            # name, which need not spell the host.
            title = title[: separators[-2].start()].strip()
            cut_with = separator
        elif len(separators) >= 2 and is_site_affix(
            title[separators[-2].end() : last.start()], site_keys
        ):
            # The site's name and its claim: "… | Site – Nachrichten aus der Region".
            title = title[: separators[-2].start()].strip()
            cut_with = separators[-2].group(0).strip()
        else:
            break
    if not title or _spells_site_key(title, site_keys) or classify_date_line(title) is not None:
        return None
    return title


# The last part of a <title> after a colon, or after an underscore joining it to the last word
# ("…Märkte_Seidenweg Heute", as Chinese portals' CMSs join the site's name).
_COLON_SUFFIX_RE = re.compile(r"(?:(?<!:):\s+|(?<=\w)_)([^:|_]{2,80})$")


def _spells_site_key(text: str, site_keys: frozenset[str]) -> bool:
    """True when `text` is the site's name, its umlauts also as the host spells them ("Radio
    Südwelle" for radio-suedwelle.de), also with a legal form and a founding year the host
    leaves out ("BSC Auental 1921 e.V." for bsc-auental.de)."""
    # A legal form or a year ends on one of these (or a line break, as "$" allows).
    if text[-1:].isdecimal() or text[-1:] in (".", "H", "G", "\n"):
        text = _LEGAL_FORM_RE.sub("", text) or text
    return spells_key(text_key(text), site_keys)


# A topic before a headline: "Wallfahrt: Neuer Pilgerweg …".
TOPIC_PREFIX_RE = re.compile(r"^([^:|]{2,40}):\s+(?=\S)")


def title_parts(title: str) -> list[str]:
    """The parts of a <title> between its separators ("Headline | Section | Site")."""
    return [part for part in TITLE_SEPARATOR_RE.split(title) if part.strip()]


def byline_people(line: str, site_keys: frozenset[str]) -> tuple[str, ...]:
    """The people a line shaped like a byline credits ("Von A", "Eine Kritik von A", "Text:
    A"); () for any other line, and for a presenter's ("Moderation: A")."""
    prefix = _AUTHOR_PREFIX_RE.match(line)
    if prefix is None or prefix.group(0).casefold().startswith("moderation"):
        return ()
    return split_credits([line], site_keys)[0]


def split_authors(values: Iterable[str], site_keys: frozenset[str]) -> tuple[str, ...]:
    """The people among "A; B", "A und B", "Von A", "A / dpa" (see `split_credits`)."""
    return split_credits(values, site_keys)[0]


# The page's answers of `split_credits`: its steps read the same byline and author fields
# again. Emptied as each page starts (`forget_credits`), so no page reuses another's; the
# bound keeps callers outside an extraction from growing it.
_Credits = tuple[tuple[str, ...], tuple[str, ...]]
_CREDITS: dict[tuple[tuple[str, ...], frozenset[str]], _Credits] = {}
_CREDITS_BOUND = 256


def forget_credits() -> None:
    """Empty the memo of `split_credits`: a new page starts."""
    _CREDITS.clear()


def split_credits(values: Iterable[str], site_keys: frozenset[str]) -> _Credits:
    """People and news agencies from author fields and bylines: "Von A, Frankfurt, und dpa"
    gives (("A",), ("dpa",)). No URLs, site names, desks, places, interface words, duplicates.
    """
    key = (tuple(values), site_keys)
    found = _CREDITS.get(key)
    if found is None:
        if len(_CREDITS) >= _CREDITS_BOUND:
            _CREDITS.clear()
        found = _CREDITS[key] = _split_credits(key[0], site_keys)
    return found


def _split_credits(values: tuple[str, ...], site_keys: frozenset[str]) -> _Credits:
    agencies: list[str] = []
    parts: list[str] = []
    for raw in values:
        value = latin_punctuation(normalise_field(raw))
        if any(word in value for word in ORIGIN_GATE):  # "Von A. Zuerst erschienen bei X.", "A | X"
            value = ORIGIN_AFTER_NAME_RE.sub("", value)
        value = _role_brackets(_TEXT_AND_PICTURES_RE.sub("", value, count=1))
        # A credits line names its writers: "Recherche: A und B; Text: B" credits B.
        writers = credited_writers(value)
        value = value if writers is None else "; ".join(writers)
        if is_image_credit(value):  # "Bild: Anna Beispiel/AFP" credits a photo
            continue
        for part in _AUTHOR_SPLIT_RE.split(value):
            if _URLISH_RE.search(part):  # profile links, before "/" splits them apart
                continue
            bracket = TRAILING_AGENCY_RE.search(part)
            if bracket is not None and "/" in bracket.group(1) and agency_names(bracket.group(1)):
                # Agencies in brackets, before a slash parts them ("A (dpa/AFP)", a dateline's
                # "Teheran (Site/IRNA)"): no part of a name.
                agencies.extend(agency_names(bracket.group(1)))
                part = part[: bracket.start()]
            parts.extend(_AUTHOR_SLASH_RE.split(part))
    authors: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = _AUTHOR_PREFIX_RE.sub("", part.strip(" ,;:-–")).strip(" ,;:-–")
        # A closing byline in brackets, "(A, 11.3.2025)", leaves its opening bracket on the name.
        if name.startswith("(") and ")" not in name:
            name = name[1:].lstrip()
        # "Anna Beispiel (dpa)": the agency in brackets is no part of the name.
        bracket = TRAILING_AGENCY_RE.search(name)
        if bracket is not None and _non_writer_role(bracket.group(1)):
            continue
        if bracket is not None:
            agencies.extend(agency_names(bracket.group(1)))
            name = name[: bracket.start()]
        name = _ROLE_PREFIX_RE.sub("", _AFTER_NAME_RE.sub("", name, count=1))
        if name.rstrip("\n")[-1:] in _DEGREE_ENDS:
            name = _DEGREES_AFTER_RE.sub("", name, count=1)
        name = ACADEMIC_TITLE_RE.sub("", name, count=1)
        name = _GLUED_INTERFACE_RE.sub("", name)
        words = without_job_title(name.split())
        # An office before the title: "Bürgermeister Dr. Jan Ohm" leaves "Dr. Jan Ohm" here.
        words = ACADEMIC_TITLE_RE.sub("", " ".join(words), count=1).split()
        words = list(itertools.takewhile(lambda word: word.casefold() not in _DATE_LABELS, words))
        while words and words[-1].casefold() in _INTERFACE_WORDS:
            words.pop()
        # A sentence's full stop after the name ("… berichtet Tobias Engel."), no initial's.
        if words and words[-1].endswith(".") and len(words[-1]) > 3 and words[-1][-2].islower():
            words[-1] = words[-1][:-1]
        name = _case_of_capitals(" ".join(words))
        found_agencies = agency_names(name)
        if found_agencies:
            agencies.extend(found_agencies)
            continue
        if (
            len(words) < 2  # a one-word "name" is a place, a desk or an interface word
            or len(name) > 80
            # A broadcaster's initials and its studio's town after a name: "A, WBR Hameln".
            or (authors and _INITIALS_RE.fullmatch(name.split()[0]) is not None)
            or len(words) > 6
            or ":" in name  # a label no author prefix knows: "Kategorie: Welt", "Ressort: …"
            # A number names nobody: a wire dateline's day without a year ("MOSKAU, 14. Oktober").
            or any(map(str.isdigit, name))
            or not _looks_like_name(name)
            or _URLISH_RE.search(name)
            or text_key(name) in site_keys
            or any(text_key(word) in site_keys for word in words)
            or name.casefold() in _PLACES
            or is_agency_credit(name)  # "Quelle: dpa" credits an agency, it names no author
            or classify_date_line(name) is not None  # "Von A, 20.11.2026, 14:05 Uhr"
            or name.casefold() in seen
        ):
            continue
        seen.add(name.casefold())
        authors.append(name)
    return tuple(authors), tuple(dict.fromkeys(agencies))


def non_writers(byline: str) -> frozenset[str]:
    """The names, case folded, that a byline credits with a role in brackets that is no
    writer's: "Von TIM KRÖGER und MANDY SEIDLITZ (Fotos)" gives {"mandy seidlitz"}."""
    found: set[str] = set()
    for part in _AUTHOR_SPLIT_RE.split(_role_brackets(normalise_field(byline))):
        bracket = TRAILING_AGENCY_RE.search(part)
        if bracket is not None and _non_writer_role(bracket.group(1)):
            name = _AUTHOR_PREFIX_RE.sub("", part[: bracket.start()].strip(" ,;:-–"))
            found.add(_case_of_capitals(name.strip()).casefold())
    return frozenset(found)


def _role_brackets(text: str) -> str:
    """`text` with each bracket opening with a role that is no writer's cut to the role, so
    the byline's split at "und" and "," leaves it whole: "B (Grafik und Daten)" is "B
    (Grafik)"."""
    if "(" not in text:
        return text
    return _BRACKET_RE.sub(
        lambda m: f"({m.group(1)})" if _non_writer_role(m.group(1)) else m.group(0), text
    )


def _non_writer_role(bracketed: str) -> bool:
    """True for a role in brackets that is no writer's ("Fotos", "Grafik und Daten")."""
    words = bracketed.split()
    return bool(words) and words[0].casefold().rstrip(",/") in _NON_WRITER_ROLES


def _case_of_capitals(name: str) -> str:
    """A name printed in capitals as it is written: "MARIE VON STEIN" is "Marie von Stein",
    "JAN-OLE D'AMATO" "Jan-Ole D'Amato"; a name in mixed case stays as it is."""
    if not name.isupper() or len(name) < 4:
        return name
    words = name.lower().split()
    return " ".join(
        word
        if word in NAME_PARTICLES
        else _CAPITAL_AFTER_RE.sub(lambda m: m.group(0).upper(), word)
        for word in words
    )


_ARTICLES = frozenset(("der", "die", "das", "den", "dem", "des"))


def _looks_like_name(name: str) -> bool:
    """Capitalised words and name particles only: no user names ("admin"), no sentences."""
    words = name.split()
    if words and words[0].casefold() in _ARTICLES:
        return False  # a publication or body ("Die Welt", "Der Kreisbote"), never a person
    if any(
        word.casefold() in _NOT_AUTHORS
        or word.casefold() in _ORGANISATION_WORDS_EN
        or _ORGANISATION_WORD_RE.search(word.casefold())
        for word in words
    ):
        return False
    capitalised = 0
    for word in words:
        first = next((ch for ch in word if ch.isalpha()), "")
        if first.isupper():
            capitalised += 1
        elif word.casefold() not in NAME_PARTICLES and not word.endswith("."):
            return False  # a lower-case word that is no particle or abbreviation ("h.c.")
    return capitalised > 0
