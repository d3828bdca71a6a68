"""News agencies by name: the archive's `agencies` field normalises every way a page writes one
("Deutsche Presse-Agentur", "(sda)", "AA", "Anadolu Ajansı") to one name, and reads the
agencies a credit line, a dateline or a partner note names."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# The archive's `agencies` field: news agencies (never photo agencies or image banks), each
# under one normalised name. "SDA" merged into Keystone-SDA in 2018; "rtr" is Reuters' own
# short credit; "dpa-infocom", "dpa-tmn" (its consumer desk) and "dpa-AFX" are dpa's services.
# State agencies of other countries as their German editions credit them: Anadolu as "AA" or
# in Turkish ("Anadolu Ajansı"), Iran's IRNA, ISNA, Tasnim, Mehr, Fars and IRIB, Taiwan's
# CNA, North Korea's KCNA, Belarus' BelTA, South Korea's Yonhap; "AgE" is Agra-Europe, the
# farming trade's agency. The national agencies of Central and Eastern Europe and the Caucasus
# whose services publish in German or are quoted there: Czechia's ČTK, Slovakia's TASR,
# Poland's PAP, Hungary's MTI, Ukraine's Ukrinform, Azerbaijan's AZERTAC (also AZERTAG),
# Armenia's Armenpress, Kazakhstan's Kazinform. The national agencies of Asian countries whose
# state media run German services: Vietnam's VNA (in Vietnamese TTXVN), Japan's Jiji,
# Uzbekistan's UzA, Kyrgyzstan's Kabar, Mongolia's Montsame, Malaysia's Bernama, Indonesia's
# Antara, India's PTI. The national agencies of the Balkans: Serbia's Tanjug, Croatia's HINA,
# Slovenia's STA, Bosnia's FENA, Montenegro's MINA, North Macedonia's MIA, Albania's ATA,
# Bulgaria's BTA, Romania's Agerpres.
NEWS_AGENCIES = {
    "dpa": "dpa",
    "dpa-infocom": "dpa",
    "dpa-tmn": "dpa",
    "dpa-afx": "dpa-AFX",
    "afp": "AFP",
    "ap": "AP",
    "reuters": "Reuters",
    "rtr": "Reuters",
    "epd": "epd",
    "kna": "KNA",
    "dts": "dts",
    "sid": "SID",
    "apa": "APA",
    "sda": "Keystone-SDA",
    "keystone-sda": "Keystone-SDA",
    "ats": "Keystone-SDA",
    "ddp": "ddp",
    "dapd": "dapd",
    "kyodo": "Kyodo",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "ria nowosti": "RIA Novosti",
    "awp": "AWP",
    "anadolu": "Anadolu",
    "anadolu ajansı": "Anadolu",
    "anadolu ajansi": "Anadolu",
    "anadolu agency": "Anadolu",
    "aa": "Anadolu",
    "efe": "EFE",
    "ansa": "ANSA",
    "interfax": "Interfax",
    "irna": "IRNA",
    "isna": "ISNA",
    "tasnim": "Tasnim",
    "mehr": "Mehr",
    "fars": "Fars",
    "irib": "IRIB",
    "cna": "CNA",
    "kcna": "KCNA",
    "belta": "BelTA",
    "yonhap": "Yonhap",
    "age": "AgE",
    "agra-europe": "AgE",
    "čtk": "ČTK",
    "ctk": "ČTK",
    "tasr": "TASR",
    "pap": "PAP",
    "mti": "MTI",
    "ukrinform": "Ukrinform",
    "azertac": "AZERTAC",
    "azertag": "AZERTAC",
    "armenpress": "Armenpress",
    "kazinform": "Kazinform",
    "vna": "VNA",
    "ttxvn": "VNA",
    "jiji": "Jiji",
    "jiji press": "Jiji",
    "uza": "UzA",
    "kabar": "Kabar",
    "montsame": "Montsame",
    "bernama": "Bernama",
    "antara": "Antara",
    "pti": "PTI",
    "tanjug": "Tanjug",
    "agerpres": "Agerpres",
}
# The Balkan agencies' short names: first names or words in another case ("Mia", "Mina").
_BALKAN_CODES = ("HINA", "STA", "FENA", "MINA", "MIA", "ATA", "BTA")
NEWS_AGENCIES.update((code.casefold(), code) for code in _BALKAN_CODES)
# Short names that are ordinary words or other codes in another case ("aa", "Age", "Pap"): they
# count only as the agency writes them.
_WRITTEN_AS = {"aa": "AA", "age": "AgE", "pap": "PAP", "mti": "MTI"}
_WRITTEN_AS.update((code.casefold(), code) for code in _BALKAN_CODES)
# Short names that are ordinary words or places however written ("Mehr", as in a "Mehr News"
# teaser label; the province of Fars): they count only after the word for an agency ("der
# Nachrichtenagentur Mehr") or in a dateline's brackets ("Teheran (Mehr) –").
_NAMED_ONLY = frozenset({"mehr", "fars"})


def _agency_of(word: str, *, named: bool = False) -> str | None:
    """The normalised agency `word` names ("sda" gives "Keystone-SDA"), or None; `named`: the
    word for an agency stands before it, or it is a dateline's agency."""
    key = word.casefold()
    name = NEWS_AGENCIES.get(key)
    if name is None or _WRITTEN_AS.get(key, word) != word or (key in _NAMED_ONLY and not named):
        return None
    return name


# What an agency credit opens with before the agencies: "Material:", "Mit Material der
# Nachrichtenagenturen", "Nach Angaben von" (a line of its own: `SENTENCE_OPENER_LABEL_RE`),
# "Unter Verwendung von Material von", "Agenturmaterial:", "Agenturen:",
# "Zusätzliche Informationen:", "mit weiteren Angaben von", and a sentence saying where the text
# comes from ("Diese Meldung beruht auf Angaben von", "Der Text basiert auf Material der",
# "Dieser Artikel stammt von der Nachrichtenagentur", "Die Meldung enthält Informationen der",
# "Die Nachricht wurde unter Verwendung von Material der Agentur … erstellt", its verb closing
# it: `CLOSING_VERB_RE`).
MATERIAL_LEAD = (
    r"(?:(?:Mit|und|Nach|Laut|Unter Verwendung (?:von|des|der)) )?"
    r"(?:(?:Zusätzlich|Weiter|Ergänzend)e[mns]? )?(?:Agentur)?"
    r"(?:Material|Informationen|Angaben)(?: (?:von|der|des)"
    r"(?: Nachrichtenagentur(?:en)?| Agentur(?:en)?)?|(?=\s*:))"
    r"|(?:Nachrichten)?Agentur(?:en)?(?=\s*:)"
    r"|(?:Diese[rs]?|Der|Die|Das) (?:Meldung|Nachricht|Artikel|Beitrag|Text|Bericht)"
    r" (?:(?:beruht|basiert|stützt sich) (?:\w+ )?auf|stammt (?:\w+ )?(?:von|aus)"
    r"|enthält(?: \w+)?|(?:wurde|ist) (?:unter Verwendung (?:von|des|der)|mit))"
    r"(?: (?:Angaben|Material|Informationen|Meldungen|Berichten?))?"
    r"(?: (?:von|der|des|dem|den))?(?: Nachrichtenagentur(?:en)?| Agentur(?:en)?)?"
)
# A credit label that opens body sentences as often ("Nach Angaben von Reuters flohen …"): a
# credit only when every item after it is an agency.
SENTENCE_OPENER_LABEL_RE = re.compile(r"^(?:Nach|Laut) ", _I)
# The verb closing such a sentence after the agencies ("… der Agentur RIA Nowosti erstellt.").
CLOSING_VERB_RE = re.compile(
    r"\s+(?:erstellt|verfasst|geschrieben|zusammengestellt|erarbeitet|entstanden)\s*\.?$", _I
)


def unbracketed(text: str) -> str:
    """The text inside brackets that enclose all of it ("(mit Material von dpa)")."""
    return text[1:-1].strip() if text[:1] in "([" and text[-1:] in ")]" else text


# News agencies written out, in any case ending, and the short names they are credited by:
# "der Deutschen Presse-Agentur" credits dpa, "APA - Austria Presse Agentur" and "Agence
# France-Presse (AFP)" one agency each.
_SHORT_CODES = r"(?:dpa|afp|ap|kna|epd|apa|sid|sda)"
_SPELLED_OUT_RE = re.compile(
    rf"(?:\b{_SHORT_CODES}\s*[-–]\s*)?\b(?:(?P<dpa>Deutschen? Presse[- ]?Agentur)"
    r"|(?P<AFP>Agence France[- ]Presse)|(?P<AP>Associated Press)"
    r"|(?P<KNA>Katholischen? Nachrichten[- ]?Agentur)"
    r"|(?P<epd>Evangelische[nr]? Pressedienst(?:e?s)?)|(?P<APA>Austria[- ]Presse[- ]?Agentur)"
    r"|(?P<SID>Sport[- ]?Informations[- ]?Dienst(?:e?s)?)"
    rf"|(?P<SDA>Schweizerische[nr]? Depeschenagentur))\b(?:\s*\({_SHORT_CODES}\))?",
    _I,
)
_SPELLED_OUT_GATE = ("press", "agentur", "dienst")


def short_agency_names(text: str) -> str:
    """`text` with the news agencies it writes out put as their short names: "Informationen
    der Deutschen Presse-Agentur" is "Informationen der dpa"."""
    lowered = text.casefold()
    if not any(map(lowered.__contains__, _SPELLED_OUT_GATE)):
        return text
    return _SPELLED_OUT_RE.sub(lambda match: match.lastgroup or match.group(0), text)


_CREDIT_LABEL_START_RE = re.compile(
    r"^(?:(?:Verwendete|Genutzte) Quellen|Quellen?|Text|" + MATERIAL_LEAD + r"|mit)\s*:?\s*", _I
)
# Between a name and the agency that contributed: "Lukas Fendt mit SID", "A, mit Material der
# dpa", "Von A und APA".
_AGENCY_NAMES_SPLIT_RE = re.compile(
    r"\s*(?:[/|,&;]|\bund\b|\bmit\b(?: Material (?:von|der|des)(?: Nachrichtenagentur(?:en)?"
    r"| Agentur(?:en)?)?)?)\s*",
    _I,
)
# A credit in brackets at the end of a paragraph or name: "… sagte er. (KNA)", "Anna (epd)".
TRAILING_AGENCY_RE = re.compile(r"\s*[(\[]\s*([\w .,/&-]{2,40}?)\s*[)\]]\s*$")
# Such a credit closing a paragraph, perhaps as a source note: "… kürzen. (Quelle: KNA)".
TRAILING_CREDIT_RE = re.compile(r"\s*[(\[]\s*((?:Quellen?\s*:\s*)?[\w .,/&-]{2,40}?)\s*[)\]]\s*$")
# The agency in a news dateline opening the text: "Berlin (dpa) - …", "Genf (AFP) – …", and
# with the day after the place, as wire services print it: "Moskau, 1. Dezember (TASS) – …";
# a full stop or colon after the bracket ends the dateline too: "MOSKAU (RIA Novosti). Die …";
# the agency between slashes: "BERLIN, 7. Juli. /TASS/. Die …"; a place in any alphabet: "Østerby".
# Some papers set no mark after the bracket at all ("Bonn (KNA) Die …"): a capital opens the text.
DATELINE_AGENCY_RE = re.compile(
    r"^[^\W\d_a-zäöüß][\w./ -]{1,40}?(?:,\s*\d{1,2}\.\s*(?:[A-ZÄÖÜ][a-zäöü]+\.?|\d{1,2}\.))?"
    r"\s*(?:\(([\w /,-]{2,30})\)|/([\w ,-]{2,30})/)\s*(?:[-–—]\s|[.:]?\s+(?=[A-ZÄÖÜ„\"]))",
    re.UNICODE,
)

# An agency's own dateline in capitals, the agency after the place without brackets: "ASTANA.
# KAZINFORM – …", "TASCHKENT, UZA – …". Only a known agency counts (`agency_names`).
CAPITALS_DATELINE_AGENCY_RE = re.compile(
    r"^[A-ZÄÖÜ][A-ZÄÖÜ-]{2,}(?: [A-ZÄÖÜ-]{2,}){0,2}[.,]\s+([A-ZÄÖÜ][\w-]{1,20})\s*[-–—]\s"
)

# "der Nachrichtenagentur Reuters": an article and the word for an agency go before the name.
_ARTICLE_RE = re.compile(
    r"^(?:(?:der|die|des|dem|den)\s+)?(?P<agency>(?:Nachrichten)?agentur\w*\s+)?", _I
)


_AGENCY_WORD_END_RE = re.compile(r"agentur(?:en)?\s*:?\s*$", _I)


def agency_names(text: str, *, dateline: bool = False) -> tuple[str, ...]:
    """The news agencies a credit names, normalised, in order: "Quelle: Reuters, AFP" gives
    ("Reuters", "AFP"), "APA/red" ("APA",), "(sda)" ("Keystone-SDA",); "Anna Beispiel" ().
    `dateline`: `text` is the agency part of a dateline ("AlborzRadio/IRNA")."""
    text = unbracketed(short_agency_names(" ".join(text.split())))
    label = _CREDIT_LABEL_START_RE.match(text)
    stripped = CLOSING_VERB_RE.sub("", text[label.end() if label else 0 :])
    # "Mit Material der Agentur Fars": the label's last word is the word for an agency
    named = dateline or bool(label and _AGENCY_WORD_END_RE.search(label.group(0)))
    found: list[str] = []
    for segment in _AGENCY_NAMES_SPLIT_RE.split(stripped.strip(" ()[].")):
        name = segment_agency(segment, dateline=named)
        if name is not None and name not in found:
            found.append(name)
    return tuple(found)


def segment_agency(segment: str, *, dateline: bool = False) -> str | None:
    """The agency one item of a credit names ("der Nachrichtenagentur Mehr", "© dpa"), or
    None; `dateline`: it is a dateline's agency, or the word for an agency goes before it."""
    segment = segment.strip(" ()[].:")
    # "und der dpa": the article is no part of the name
    article = _ARTICLE_RE.match(segment)
    word = segment[article.end() if article else 0 :]
    name = _agency_of(word, named=dateline or bool(article and article.group("agency")))
    if name is None and word.startswith("©"):
        name = _agency_of(word[1:].strip().split(",")[0].strip())
    return name


_WORD_RE = re.compile(r"[\w-]+")


def supplying_agencies(note: str) -> tuple[str, ...]:
    """The news agencies a partner note names as the text's supplier: "Dieser Text wurde uns von
    der dpa zur Verfügung gestellt" gives ("dpa",). An agency's short name counts as written the
    way agencies write it ("dpa", "AFP", "Reuters"), so a word that merely spells one in another
    case ("Sid" as a first name) does not."""
    words = _WORD_RE.findall(short_agency_names(note))
    found: list[str] = []
    for first, second in zip(words, [*words[1:], ""], strict=True):
        for word in (f"{first} {second}", first):
            name = _agency_of(word)
            # A name of two words is no ordinary word however written ("RIA Nowosti").
            if name is not None and (" " in word or word in (word.casefold(), word.upper(), name)):
                if name not in found:
                    found.append(name)
                break
    return tuple(found)
