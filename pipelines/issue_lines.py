"""Lines a trade journal, a wire service or a station prints around a text: the issue and pages
the article ran on, a download of it as a PDF, its topic tags, a wire item's closing code and
its editors' codes, a station's pointer to where it broadcasts, and the reference of the court
decision a report is about.

Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE
# A topic tag: a term of up to three words.
_TOPIC = r"[\w&.-]+(?: [\w&.-]+){0,2}"

# A wire service's header items: the service and the item's number ("dpa-Landesdienst Nord ·
# Meldung 0412", "APA-Inland Nr. 218") and the item's priority ("Priorität 4", "Prio 2").
WIRE_HEADER_RE = re.compile(
    r"^(?:(?:dpa|AFP|APA|SDA|Keystone-SDA|epd|KNA|Reuters|AP)\b[\w -]{0,30}?\s*[·|,–-]?\s*"
    r"(?:Meldung|Nachricht|Nr\.|Dok\.)\s*\d{1,6}|(?:Priorität|Prio\.?)\s*:?\s*\d)$"
)

# A court decision's file number, a token of digits parted by a slash or an underscore after a
# chamber's code or two ("1C_412/2025", "1 BvR 1234/23", "Az. VI ZR 112/24"), and its day.
_FILE_NUMBER = r"(?:Az\.?:? ?|Aktenzeichen:? ?)?(?:[A-Za-z\d]{1,4} ){0,2}\w*\d\w*[/_][\w/._-]*\d"
_DECISION = r"(?:Urteil|Beschluss|Entscheid|Entscheidung|Verfügung|Gerichtsbescheid)"
_ON_DAY = r"vom \d{1,2}\.\s*(?:\d{1,2}\.\s*|[A-ZÄÖÜ][a-zä]+\s+)\d{2,4}"

ISSUE_LINE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # The issue and the pages the article ran on, after the journal's name: "Zimmerer-
        # Fachblatt 4/2026, S. 18–21", "Heft 12/2025, Seiten 30-33", "Bauwelt 7/25, S. 4". A
        # sentence citing pages has more words and no bare number over a year.
        Rule.PRINT_NOTE,
        re.compile(
            r"^(?:[A-ZÄÖÜ][\w.&-]*(?: [\w.&-]+){0,3},? )?(?:(?:Heft|Ausgabe|Nr\.) ?)?"
            r"\d{1,3}\s*/\s*(?:\d{4}|\d{2}),? (?:S\.|Seiten?) ?\d{1,4}"
            r"(?:\s*[–-]\s*\d{1,4}|f{1,2}\.)?$"
        ),
        8,
        ("s.", "seite"),
    ),
    (
        # A download of the article itself: "Artikel als PDF herunterladen (nur für
        # Abonnenten)", "Diesen Beitrag als PDF speichern", "Fachartikel im PDF-Format
        # downloaden". A report on a document ("Die Studie kann als PDF heruntergeladen
        # werden") names no article of the site's and stays.
        Rule.PROMO_CTA,
        re.compile(
            r"^(?:(?:Diesen|Den|Ganzen|Gesamten) )?(?:Fach)?(?:Artikel|Beitrag|Text|Bericht)"
            r" (?:als PDF|im PDF-Format) (?:herunterladen|downloaden|speichern|ansehen)"
            r"(?: \([^()]{1,40}\))?\W*$",
            _I,
        ),
        12,
        ("pdf",),
    ),
    (
        # A row of topic tags under its label: "Themen: Brandschutz, Holzbau, Gebäudeklasse
        # 5", "Schlagwörter: Energie · Wärmepumpe · Förderung". Three items at least, each a
        # term of up to three words; a sentence after the label stays.
        Rule.KICKER,
        re.compile(
            r"^(?:Themen|Schlagw(?:ö|o)rte?r?|Stichw(?:ö|o)rte?r?|Tags)\s*:\s*"
            rf"{_TOPIC}(?:\s*[,·|]\s*{_TOPIC}){{2,}}$",
        ),
        25,
        ("themen", "schlagw", "stichw", "tags"),
    ),
    (
        # A numbered figure's caption, perhaps with its credit: "Bild 1: Sichtbare Decken im
        # Quartier Lindenhof. Quelle: Büro Frehse", "Abb. 3: Der Kern im Rohbau (Foto: privat)".
        # A sentence naming a picture has no number and colon after the word.
        Rule.CREDIT_CAPTION,
        re.compile(r"^(?:Bild|Abb\.|Abbildung|Foto|Fig\.) \d{1,2}[a-z]?\s*:\s+\S"),
        30,
        ("bild", "abb", "foto", "fig."),
    ),
    (
        # A journal's or a site's slogan after its name, as a footer prints it: "Fachblatt
        # Holzbaupraxis – Das Magazin für Planung und Ausführung", "Lindauer Bote – Ihre
        # Zeitung aus der Region". No sentence: a verb would end it with a period.
        Rule.KICKER,
        re.compile(
            r"^[A-ZÄÖÜ][\w.&-]*(?: [\w.&-]+){0,3} [–—|-] (?:Das|Die|Der|Ihr|Ihre|Dein|Deine|Euer)"
            r" (?:[\w-]+ )?(?:\w*[Mm]agazin|\w*[Zz]eitung|\w*[Zz]eitschrift|\w*[Pp]ortal|Fachblatt"
            r"|Blatt|Stimme|Radio|Sender)(?: (?:für|rund um|aus|von|der|des|im|in) [^.!?]{2,60})?$"
        ),
        15,
        ("magazin", "zeitung", "zeitschrift", "portal", "blatt", "stimme", "radio", "sender"),
    ),
    (Rule.KICKER, WIRE_HEADER_RE, 6, ("meldung", "nachricht", "nr.", "dok.", "prio")),
    (
        # A wire item's closing code: the agency, its desk and codes in lower case, one with a
        # digit ("dpa lno yynw z2 pet", "dpa sw xx n1 bk"). A sentence has no such token.
        Rule.END_MARKER,
        re.compile(
            r"^(?:dpa|afp|apa|sda|epd|kna|rtr)(?= )(?=.* [a-z]+\d[a-z\d]*(?: |$))"
            r"(?: [a-z][a-z\d]{1,4}){2,6}$"
        ),
        7,
        ("dpa", "afp", "apa", "sda", "epd", "kna", "rtr"),
    ),
    (
        # A wire item's editors' codes closing it, each after a slash ("/mpf/stw/he", "/ck/jha/"):
        # two codes at least, or a word of the text ("und/oder") might be one.
        Rule.END_MARKER,
        re.compile(r"^(?:/[a-z]{2,4}){2,6}/?$"),
        1,
        ("/",),
    ),
    (
        # The court decision a report is about, as a line of its own under it: "Urteil
        # 1C_412/2025 vom 6. Mai 2026.", "BGH, Urteil vom 5. Mai 2026 – VI ZR 112/24",
        # "Beschluss des Verwaltungsgerichts Minden vom 3. März 2026, Az. 4 L 12/26". Its file
        # number names it; a sentence about a decision goes on with a verb.
        Rule.CITATION,
        re.compile(
            rf"^(?:[A-ZÄÖÜ][\w.-]*(?: [A-ZÄÖÜ][\w.-]*){{0,3}},\s*)?{_DECISION}"
            r"(?: (?:des|der) [A-ZÄÖÜ][\w-]*(?: [A-ZÄÖÜ][\w-]*){0,3})?(?=[^!?]*\d\w*[/_]\w*\d)"
            rf"(?:,? (?:{_FILE_NUMBER}|{_ON_DAY})){{1,2}}(?:\s*[,–-]\s*{_FILE_NUMBER})?\s*\.?$"
        ),
        20,
        ("urteil", "beschluss", "entscheid", "verfügung", "gerichtsbescheid"),
    ),
    (
        # A station telling where to hear it: its frequency or its web stream, as an
        # imperative ("Hören Sie die Nachrichten jede halbe Stunde auf 97,4 MHz und im
        # Webradio.", "Schalten Sie ein: UKW 101,2 und DAB+"). A report on a station's
        # frequency addresses no listener and stays.
        Rule.PROMO_CTA,
        re.compile(
            r"^(?:[^.!?]{0,40}: )?(?:Hören Sie|Hör|Hört|Schalten Sie|Schalte|Schaltet"
            r"|Empfangen Sie)\b[^.!?]{0,100}?(?:\d{2,3}[,.]\d{1,2} ?MHz|\bUKW\b|\bDAB\+"
            r"|Webradio|Livestream|Radio-?App)[^.!?]{0,60}[.!]?$",
        ),
        30,
        ("mhz", "ukw", "dab+", "webradio", "livestream", "radio-app", "radioapp"),
    ),
)
