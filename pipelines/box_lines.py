"""Line rules for the lines of small boxes set beside or after the text: a paywall's offer and
its trial call, a match report's score box, scorers line and statistics link, a share bar under
its label, a gallery link, an audio or video item's info line, a pointer to a download, a
donation account and where readers' letters go; and an info box's address and opening hours.
Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings). Each rule
is phrased for the box line's shape, never for one site's wording.
"""

from __future__ import annotations

import re

from pipelines.clean_rules import NEWS_VERB_RE, SHARE_WORDS, Rule

_I = re.IGNORECASE

# A team's name in a score box: one to five capitalised words or numbers ("TSV Grünmark", "1. FC
# Lindhaven", "SG Rabenfeld/Dohle"); never "Uhr", so "Um 18:30 Uhr" is no score.
_TEAM = r"(?!Uhr\b)[A-ZÄÖÜ0-9][\w.'’/-]*(?: (?!Uhr\b)[A-ZÄÖÜ0-9][\w.'’/-]*){0,4}"
# The result, perhaps with the half-time score or each period's in brackets ("2:1 (1:0)", "4:2
# (1:0, 1:2, 2:0)").
_RESULT = r"\d{1,3}\s*:\s*\d{1,3}"
_SCORE = rf"{_RESULT}(?:\s*\({_RESULT}(?:\s*[,;]\s*{_RESULT}){{0,4}}\))?"
# One item of a scorers line: a name and the goals ("Neuhäuser 8/3", "Lüdeke 6"), or the score
# and the name with the time: the minute ("1:0 Brandt (12.)", "(90.+2)") or the game clock
# ("1:0 Brandt (23:41)"), perhaps with the kind of goal ("(12./FE)", "(26:52/PP1)").
_NAME = r"[^\W\d_][\w'’.-]+(?: [^\W\d_][\w'’.-]+)?"
_GOAL_TIME = r"\((?:\d{1,3}\.?(?:\+\d{1,2}\.?)?|\d{1,2}:\d{2})(?:\s?/\s?[A-Z]{1,3}\d?)?\)"
# Or the minute first, then the name, perhaps the assists in brackets, and the score: "14.
# Loher 1:0", "38. Flütsch (Casty) 2:2".
_SCORER = (
    rf"(?:{_NAME} \d{{1,3}}(?:/\d{{1,2}})?|\d{{1,2}}:\d{{1,2}} {_NAME} {_GOAL_TIME}"
    rf"|\d{{1,3}}\.(?:\+\d{{1,2}}\.?)? {_NAME}(?: \([^()]{{1,40}}\))? \d{{1,2}}:\d{{1,2}})"
)
# Between the items: a comma, a semicolon or a period; between the two teams' items, a dash or a
# slash.
_SCORERS_SEPARATOR = r"(?:\s*[,;]\s*|\.\s+|\s+[–—/|-]\s+)"

# Two teams around the result, nothing else: a score box's line, or the report's opening line
# when the page sets it as a paragraph of the text (pipelines.score_lines).
SCORE_LINE_RE = re.compile(
    rf"^{_TEAM}\s+{_SCORE}\s+{_TEAM}$|^{_TEAM}\s+[–-]\s+{_TEAM}\s+{_SCORE}$",
)

# A scorers line: its label, then three or more names with their goals (the rule below).
SCORERS_LINE_RE = re.compile(
    r"^(?:Tore|Torschütz(?:en|innen)|Treffer|Punkte|Körbe|Werfer(?:innen)?"
    r"|(?:Top-?)?[Ss]corer(?:innen)?|Beste[rn]? (?:Werfer|Scorer|Schütz)\w*)\b"
    rf"[^:.!?]{{0,40}}:\s*{_SCORER}(?:{_SCORERS_SEPARATOR}{_SCORER}){{2,}}\.?$",
)

# A share bar's network or channel ("Telegram", "E-Mail", "X"), one of the share words.
_SHARE_WORD = "(?:" + "|".join(sorted(map(re.escape, SHARE_WORDS), key=len, reverse=True)) + ")"

# The site's own subscribers or members as a members' note names them: "Abonnenten",
# "unsere Abonnentinnen und Abonnenten", "registrierte Nutzer", "Plus-Kunden"; never after a
# possessive or before a genitive, which make them someone else's ("ihren Mitgliedern",
# "Mitglieder der Kammer").
_MEMBERS = (
    r"(?<!\bihren )(?<!\bihre )(?<!\bseinen )(?<!\bseine )(?<!\bderen )(?<!\bdessen )"
    r"\b(?:(?:\w+-)?Abonnent(?:en|innen|\*innen|:innen|Innen)|Mitglieder[n]?|Abonnierende[n]?"
    r"|(?:Abo|Plus|Premium|Digital)-?(?:Kund|Leser|Nutzer)(?:en|innen)|registrierte[n]?"
    r" (?:Nutzer|Leser|Kunden)\w*)\b(?! (?:des|der|von|dieser|dieses|eines|einer)\b)"
)
# A restricted area of the site, as where the item lies: "im Download-Bereich", "in unserem
# Mitgliederbereich", "im Abonnentenportal".
_MEMBERS_AREA = (
    r"\b(?:im|in unserem|in ihrem|in Ihrem|über den|über unseren) (?:geschützten |persönlichen )?"
    r"(?:Download|Mitglieder|Abonnenten|Abo|Premium|Plus|Login|Member|Kunden)-?"
    r"(?:[Bb]ereich|[Pp]ortal|[Cc]enter|[Aa]rchiv)\b"
)
# A reporting verb or a plan: the sentence reports on someone's members or area, it is no
# note to the reader.
_REPORTED = rf"{NEWS_VERB_RE.pattern}|\b(?:will|wollen|soll|sollen|plant|planen|künftig)\b"

# Free to read, as a paywall's note calls an article.
_FREE = r"(?:kostenlos|kostenfrei|frei zugänglich|frei lesbar|gratis)"
# A call after it to subscribe or to support the paper: "Unterstützen Sie …", "mit einem Abo".
_SUPPORT_CALL = (
    r"[^!?]{0,120}?\b(?:unterstütz\w*|Abo|Abos|Abonnement\w*|abonnier\w*|Spende\w*|spenden"
    r"|Förder\w*)\b"
)


# A donation account: its IBAN, perhaps its BIC and the purpose to name ("Stichwort: Brunnen",
# "Verwendungszweck „Orgel“").
_ACCOUNT = (
    r"IBAN\s*:?\s*[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?"
    r"(?:\s*[,;|·]?\s*(?:BIC|SWIFT)\s*:?\s*[A-Z0-9]{8,11})?"
    r"(?:\s*[,;|·]?\s*(?:Stichwort|Kennwort|Verwendungszweck)\s*:?\s*[^.!?]{1,40})?"
)

BOX_LINE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A paywall's offer of the site's articles at a price per period: "Alle Artikel aus Ihrer
        # Region für 7,99 € im Monat – jederzeit kündbar", "Unbegrenzt lesen für 9,90 Euro pro
        # Monat"; or for a trial period closing the line ("Alle Inhalte der Seite – drei Monate
        # für 1 Euro"), or with the offer's terms alone after a dash ("Sämtliche Beiträge online
        # und im E-Paper – monatlich kündbar"). A report of a price ("Alle Beiträge steigen um 15
        # Euro im Monat") offers no access.
        Rule.PAYWALL,
        re.compile(
            r"^(?:Alle|Sämtliche|Unbegrenzte?r?|Uneingeschränkte?r?|Voller|Zugang zu allen)"
            r"\b[^!?]{0,60}?\b(?:Artikel|Inhalte|Beiträge|Texte|Zugang|lesen)\b[^!?]{0,60}?"
            r"(?:\b(?:für|ab|nur) (?:nur |je )?\d+(?:[,.]\d{1,2})?\s?(?:€|Euro|EUR)\s*"
            r"(?:im|pro|je|/)\s*(?:Monat|Woche|Jahr)\b"
            r"|\b(?:\d+|einen|ein|zwei|drei|vier|sechs|zwölf) (?:Tage?|Wochen?|Monate?)"
            r" (?:für|zu|ab) (?:nur |je )?\d+(?:[,.]\d{1,2})?\s?(?:€|Euro|EUR)\W*$"
            r"|\s[–—-] (?:jederzeit|monatlich|täglich|flexibel) kündbar\W*$)",
            _I,
        ),
        30,
        ("€", "euro", "eur", "kündbar"),
    ),
    (
        # A paywall's trial call, alone on its button: "Jetzt 4 Wochen gratis testen", "Einen
        # Monat kostenlos lesen", "30 Tage unverbindlich ausprobieren", also after the name of
        # the site's paid product: "KOMPASS+ einen Monat gratis testen", "Mit HK Plus 30 Tage
        # kostenlos lesen"; or with its price after the call: "4 Wochen digital lesen für nur
        # 0,99 €".
        Rule.PAYWALL,
        re.compile(
            r"^(?:Jetzt |Hier )?(?:(?:Mit )?(?:[\w.-]+ ){0,2}(?:[\w.-]*\w\+|Plus|Premium|Digital)"
            r" (?:jetzt )?)?(?:\d+|einen|ein|zwei|drei|vier|sechs|zwölf) (?:Tage?|Wochen?"
            r"|Monate?) (?:lang )?(?:(?:gratis|kostenlos|kostenfrei|unverbindlich|für 0 ?€)"
            r" (?:testen|lesen|ausprobieren)|(?:digital |online )?(?:testen|lesen|ausprobieren)"
            r" (?:für|zu|ab) (?:nur |je )?\d+(?:[,.]\d{1,2})?\s?(?:€|Euro|EUR))\W*$",
            _I,
        ),
        11,
        ("testen", "lesen", "ausprobieren"),
    ),
    (
        # A paper's offer of free issues or weeks, a call closing a short pitch after a dash or a
        # colon: "Die Wochenzeitung jeden Freitag im Briefkasten – jetzt drei Ausgaben gratis
        # lesen.", "Unser Magazin frei Haus: vier Hefte kostenlos testen!". A report of such an
        # offer has no dash before it ("Abonnenten konnten drei Ausgaben gratis lesen.").
        Rule.PROMO_SUBSCRIPTION,
        re.compile(
            r"^[^.!?]{3,100}?(?: [–—-]|:) (?:jetzt |hier |gleich )?(?:\d+|eine?|zwei|drei|vier|fünf"
            r"|sechs|acht|zehn|zwölf) (?:Ausgaben?|Hefte?|Exemplare?|Tage?|Wochen?|Monate?)"
            r" (?:lang )?(?:gratis|kostenlos|kostenfrei|unverbindlich|zur Probe) (?:lesen|testen"
            r"|ausprobieren|erhalten|bekommen|sichern)\W*$",
            _I,
        ),
        25,
        ("gratis", "kostenlos", "kostenfrei", "unverbindlich", "zur probe"),
    ),
    (
        # A pointer to the print issue, where the reader finds the text or the rest of it: "Den
        # vollständigen Beitrag mit allen Versuchsdaten lesen Sie in der Printausgabe.", "Diesen
        # Artikel lesen Sie auch in der gedruckten Ausgabe vom 14. Mai 2025", "Mehr dazu finden
        # Sie im aktuellen Heft 9/2025". The issue closes the sentence, maybe with its number,
        # date or paper; a sentence going on past it ("… in der Zeitung über Krisen", "…, sagte
        # sie") is someone's words and stays.
        Rule.PRINT_NOTE,
        re.compile(
            r"^[^.!?]{0,80}\b(?:(?:lesen|finden) Sie|(?:liest|findest) du) (?:auch |ebenfalls )?"
            r"(?:in (?:der|unserer|unserem|dem)|im) (?:\S+ ){0,2}(?:[\w-]*[Aa]usgabe|Heft|Magazin"
            r"|Zeitung|E-?Paper)(?: (?:vom|der|des|am|ab|Nr\.|[A-ZÄÖÜ\d»„][\w./«“-]*)){0,5}[.!]?$"
        ),
        30,
        ("lesen sie", "finden sie", "liest du", "findest du"),
    ),
    (
        # A note that the reader reads a free article, alone or with a call to subscribe or to
        # support the paper: "Sie lesen einen kostenlosen Artikel. Unterstützen Sie
        # Lokaljournalismus mit einem Abo.", "Du liest gerade einen frei zugänglichen Text.",
        # "Dieser Beitrag ist kostenlos – mit einem Abonnement sichern Sie unsere Arbeit." Of the
        # article itself the note needs the call: "Der Artikel ist frei zugänglich." may report
        # on a study's paper.
        Rule.PAYWALL,
        re.compile(
            rf"^(?:Sie lesen|Du liest) (?:gerade |hier |jetzt )?(?:einen|diesen) (?:\w+ )?"
            rf"{_FREE}\w* (?:Artikel|Beitrag|Text|Inhalt)\b(?:\W*$|(?={_SUPPORT_CALL}))"
            rf"|^(?:Dieser|Der|Dieses|Das) (?:Artikel|Beitrag|Text|Inhalt) ist (?:für (?:Sie|dich)"
            rf" )?(?:\w+ )?{_FREE}\b(?={_SUPPORT_CALL})"
            # Or a shared paid article, free since a subscriber passed it on: "Sie lesen diesen
            # MF+-Artikel kostenlos, weil ihn eine Abonnentin mit Ihnen geteilt hat."
            rf"|^(?:Sie lesen|Du liest) (?:gerade |hier |jetzt )?(?:diesen|den|einen) (?:\S+-)?"
            rf"(?:Artikel|Beitrag|Text)\b[^.!?]{{0,20}}?\b{_FREE}\b,? (?:weil|da) (?:ihn|es|ihr|er)"
            r" [^.!?]{2,60}? (?:geteilt|geschenkt|weitergegeben|freigeschaltet) ha(?:t|ben|st)\b",
            _I,
        ),
        40,
        ("kostenlos", "kostenfrei", "frei", "gratis"),
    ),
    (
        # A score box: two teams around the result, nothing else ("TSV Grünmark 29:27 HSG
        # Altenweiler", "FC Lindhaven – SV Ostbühl 2:1 (1:0)").
        Rule.STATS_BOX,
        SCORE_LINE_RE,
        12,
        (":",),
    ),
    (
        # A match line over a club's report: the competition, the round and the kick-off before
        # the teams and the result ("Kreisliga Süd, 10. Spieltag, So, 19.10.2025, 15:00 Uhr: SV
        # Unterau – TSV Brunnholz 1:2 (0:1)", "Bezirkspokal, 2. Runde: FC Au – SV Ried 0:3").
        Rule.STATS_BOX,
        re.compile(
            r"^[A-ZÄÖÜ][^:!?]{0,40}?\b(?:\d{1,2}\. (?:Spieltag|Runde)|\w*(?:[Ll]iga|[Pp]okal"
            rf"|[Kk]lasse)\b)[^!?]{{0,50}}?:\s+{_TEAM}\s+[–-]\s+{_TEAM}\s+{_SCORE}$",
        ),
        28,
        (":",),
    ),
    (
        # A scorers line: its label, then three or more names with their goals ("Tore
        # Grünmark: Neuhäuser 8/3, Lüdeke 6, Fromm 5", "Torschützen: 1:0 Brandt (12.), …"),
        # the two teams' apart by a dash or slash ("Beste Werfer: A 24, B 17 – C 21, D 15").
        Rule.STATS_BOX,
        SCORERS_LINE_RE,
        40,
        ("tore", "torschütz", "treffer", "punkte", "körbe", "werfer", "scorer", "schütz"),
    ),
    (
        # A link to the match's statistics page under the report: "Zum Boxscore", "Zur
        # Spielstatistik", "Alle Statistiken zum Spiel", "Hier geht's zum Matchcenter".
        Rule.WEITERLESEN,
        re.compile(
            r"^(?:Hier geht(?:'|’)?s )?(?:Zum|Zur|Zu den|Alle) (?:ausführlichen )?(?:Box-?score"
            r"|(?:Spiel|Match)-?statistik(?:en)?|Statistiken zu[mr] (?:Spiel|Partie)"
            r"|Match-?center|Game-?center|Spieldaten|Play-by-Play)\W*$",
            _I,
        ),
        8,
        ("score", "statistik", "center", "spieldaten", "play"),
    ),
    (
        # A share bar under its label, the networks alone after it: "Link teilen: Telegram ·
        # E-Mail", "Teilen: WhatsApp Facebook E-Mail", "Artikel versenden per E-Mail | X",
        # "Jetzt teilen auf Facebook". A sentence about sharing goes on past the networks.
        Rule.SHARE,
        re.compile(
            r"^(?:(?:Link|Artikel|Beitrag|Seite|Text|Story|Inhalt|Jetzt|Hier)\s+)?(?:teilen"
            r"|versenden|empfehlen|weiterleiten|share)(?:\s+(?:auf|über|via|per|mit|bei))?"
            rf"\s*:?\s*{_SHARE_WORD}(?:\s*[|·•/,]?\s*(?:und\s+)?{_SHARE_WORD})*\s*$",
            _I,
        ),
        12,
        ("teilen", "versenden", "empfehlen", "weiterleiten", "share"),
    ),
    (
        # A link to the picture gallery: "Zur Bildergalerie (24 Fotos)", "Hier zur
        # Fotostrecke", "Bildergalerie: 12 Bilder", "Alle 18 Fotos ansehen"; and its counter
        # alone, a number and the pictures' word: "12 Bilder", "(8 Fotos)", "+ 5 weitere
        # Bilder", "24 Bilder in der Galerie", "Galerie mit 9 Aufnahmen". A sentence goes on
        # past the word ("12 Bilder hängen in der Ausstellung").
        Rule.UI_TOKEN,
        re.compile(
            r"^(?:Zur|Zu der|Hier zur|Hier geht(?:'|’)?s zur) (?:\S+ )?(?:Bildergalerie"
            r"|Fotogalerie|Bilderstrecke|Fotostrecke|Galerie)\s*(?:\(\s*\d+\s*(?:Fotos|Bilder"
            r"|Aufnahmen)\s*\))?\W*$|^(?:Bildergalerie|Fotogalerie|Bilderstrecke|Fotostrecke"
            r"|Galerie)\s*(?::\s*|\(\s*|\s+mit\s+)\d+\s*(?:Fotos|Bilder|Aufnahmen)n?\)?$"
            r"|^(?:Alle )?\d+ (?:Fotos|Bilder) (?:ansehen|anzeigen)\W*$"
            r"|^[(+]?\s*\d{1,3}\s+(?:weitere\s+)?(?:Fotos|Bilder|Aufnahmen|Foto|Bild)"
            r"(?:\s+in (?:der|dieser) (?:Bilder|Foto)?galerie|\s+in (?:der|dieser)"
            r" (?:Bilder|Foto)strecke)?\s*\)?$",
            _I,
        ),
        8,
        ("galerie", "strecke", "fotos", "bilder", "aufnahmen", "foto", "bild"),
    ),
    (
        # A paywall's label on the text: "Exklusiv für Abonnenten", "Nur für Abonnentinnen und
        # Abonnenten", "Nur für Abo-Kunden", "Abo-Artikel", "Plus-Inhalt". A sentence goes on
        # ("Exklusiv für Abonnenten gibt es eine Beilage").
        Rule.PAYWALL,
        re.compile(
            r"^(?:Exklusiv|Nur|Ausschließlich|Nur noch) für (?:unsere )?(?:\w+-)?(?:Abonnent"
            r"(?:en|innen|\*innen|:innen|Innen)(?: und Abonnent\w*)?|Abo-?[Kk]und\w*"
            r"|Abonnierende|Plus-?(?:Kund|Leser|Abonnent)\w*|Premium-?(?:Kund|Leser|Mitglied)\w*"
            r"|Digital-?[Aa]bonnent\w*)\W*$"
            r"|^(?:Abo|Plus|Premium|Abonnenten)-?(?:Artikel|Inhalt|Beitrag|Text)\W*$",
            _I,
        ),
        6,
        ("abo", "plus", "premium"),
    ),
    (
        # A tool's link naming the text: "Diese Meldung drucken", "Artikel versenden", "Den
        # Beitrag per E-Mail teilen", "Diesen Text merken". A sentence goes on past the verb
        # ("Diese Meldung teilen viele Leser nicht").
        Rule.UI_TOKEN,
        re.compile(
            r"^(?:(?:Diese[nrs]?|Den|Die|Das) )?(?:Meldung|Nachricht|Artikel|Beitrag|Text|Seite"
            r"|Bericht|Story|Inhalt)(?: (?:per|als|via) (?:E-?Mail|Mail|PDF|Link))?"
            r" (?:drucken|ausdrucken|teilen|versenden|verschicken|merken|speichern|empfehlen"
            r"|weiterleiten|weiterempfehlen|herunterladen|vorlesen(?: lassen)?|anhören"
            r"|kommentieren)\W*$",
            _I,
        ),
        6,
        (
            "drucken",
            "teilen",
            "versenden",
            "verschicken",
            "merken",
            "speichern",
            "empfehlen",
            "weiterleiten",
            "herunterladen",
            "vorlesen",
            "anhören",
            "kommentieren",
        ),
    ),
    (
        # An audio or video item's info line: its kind and length first, then perhaps its
        # time ("Audio · 2 Min · Stand: 03.12.2026 16:10 Uhr", "Video | 1:45 Min.").
        Rule.MEDIA_PLAYER,
        re.compile(
            r"^(?:Audio|Video|Podcast|Clip|Hörbeitrag|Videobeitrag)\s*[·|•]\s*\d{1,3}(?::\d{2})?"
            r"\s*(?:Min\.?|Minuten|Sek\.?|Sekunden)(?:\s*[·|•]\s*[^·|•]{1,60})*$",
            _I,
        ),
        15,
        ("audio", "video", "podcast", "clip", "beitrag"),
    ),
    (
        # An audio or video item set as lines of their own: its kind as a label over a title
        # ("Audio: Leere Talsperre lockt Schaulustige", "Video – Das Finale in voller Länge"),
        # and its bare length in minutes and seconds ("02:31 Min.", "1:05:12 Minuten"). A
        # sentence after the label ("Video: Die Polizei sucht … Zeugen.") is text; a bare "3
        # Min." may be a reading time and is left to the info-line rules.
        Rule.MEDIA_PLAYER,
        re.compile(
            r"^(?:Audio|Video|Podcast|Hörbeitrag|Videobeitrag)\s*[:|–-]\s*[^.!]{3,90}$"
            r"|^\d{1,2}:\d{2}(?::\d{2})?\s*(?:Min\.?|Minuten|min\.?)$",
        ),
        12,
        (),
    ),
    (
        # A video or audio item's programme line: the programme a word of a broadcast's names
        # ("Journal", "aktuell", "Magazin", "Tagesschau") and the day it ran, nothing else
        # ("Elster Journal vom 16.10.2025", "Aus der Sendung Hallo Nordland vom 3. Mai 2025,
        # 19:30 Uhr"). A sentence goes on past the date; "Beschluss vom 16.10.2025" names no
        # programme.
        Rule.BROADCAST,
        re.compile(
            r"^(?:(?:Aus|Beitrag aus|Ein Beitrag aus) (?:der Sendung |dem |der )?)?"
            r"(?=[^,.!?]{0,50}?(?i:journal|magazin|schau\b|aktuell|heute\b|nachrichten|news\b"
            r"|report\b|tv\b|sendung|fernsehen|studio|abend\b|themen\b|regional))"
            r"[A-ZÄÖÜ\d][\w'’!&-]*(?: [\w'’!&-]+){0,5} vom (?:[A-Z][a-z]+(?:tag|woch),? )?"
            r"\d{1,2}\.\s*(?:\d{1,2}\.\s*|[A-ZÄÖÜ][a-zä]+\s+)\d{2,4}(?:,? (?:um )?\d{1,2}[:.]\d{2}"
            r"(?: Uhr)?)?$",
        ),
        14,
        (" vom ",),
    ),
    (
        # A pointer to a download on the page: "Der Pfarrbrief steht hier als PDF zum Download
        # bereit", "Hier können Sie das Programm herunterladen". A report that an app was
        # downloaded here in the country names no link ("hier in Deutschland heruntergeladen").
        Rule.PROMO_CTA,
        re.compile(
            r"\bhier (?:(?:als|im) PDF(?:-Datei)? |kostenlos |gratis )?(?:zum (?:Download"
            r"|Herunterladen)|herunter(?:zu)?laden|downloaden)\b"
            r"|^Hier (?:können Sie|kannst du|könnt ihr|gibt es) (?:\S+ ){0,5}?(?:herunterladen"
            r"|downloaden|als PDF)\b",
        ),
        30,
        ("download", "herunter", "pdf"),
    ),
    (
        # A note on what the site's subscribers or members get in their own area: "Den
        # vollständigen Bericht erhalten Abonnenten im Download-Bereich.", "Im Mitgliederbereich
        # finden Mitglieder die Präsentation zum Herunterladen." The readers are the site's
        # (bare, "unsere", "registrierte"), not an organisation's ("ihren Mitgliedern"), and the
        # area is where the item is ("im …bereich"), not a thing reported on ("einen
        # Download-Bereich"); a sentence with a reporting verb is news and stays.
        Rule.PAYWALL,
        re.compile(
            rf"^(?=[^.!?]*{_MEMBERS})(?=[^.!?]*{_MEMBERS_AREA})(?![^.!?]*(?:{_REPORTED}))"
            r"[^.!?]+[.!]?$",
            _I,
        ),
        25,
        ("abonnent", "mitglied", "abo", "kund", "nutzer", "leser", "premium", "plus"),
    ),
    (
        # A donation account: a payee and an IBAN, no sentence ("Förderverein St. Ursula, IBAN
        # DE12 …", "Spendenkonto: Sparkasse X, IBAN … BIC …, Stichwort: …"). A sentence asking
        # to give to an account ends with its period and stays.
        Rule.PROMO_DONATION,
        re.compile(rf"^[^!?]{{0,80}}?\b{_ACCOUNT}\s*$"),
        20,
        ("iban",),
    ),
    (
        # The same account after the site's call and a colon, a sentence too: "Für den Erhalt
        # freuen wir uns über Ihre Spende: IBAN …, Verwendungszweck „…“." The site asks ("wir",
        # "Ihre"); a report names an account in its sentence's flow ("Wer helfen will,
        # überweist an IBAN …") and stays.
        Rule.PROMO_DONATION,
        re.compile(
            r"^[^!?:]{0,120}?\b(?:wir|uns|unsere[mnrs]?|Ihre[mnrs]?|Sie)\b[^!?:]{0,80}:\s*"
            rf"(?:Spendenkonto\s*:?\s*)?{_ACCOUNT}\s*\.?$"
        ),
        40,
        ("iban",),
    ),
    (
        # The site's own call for money by the amount it takes: "Schon mit 5 Euro im Monat
        # helfen Sie uns, …", "Ab 3 € monatlich unterstützt du unsere Arbeit.", "Bereits 10 Euro
        # helfen uns, …". The reader helps the site ("uns", "unsere Arbeit"): "Schon mit 5 Euro
        # im Monat helfen Spender der Tafel" reports on another's.
        Rule.PROMO_DONATION,
        re.compile(
            r"^(?:Schon|Bereits|Ab|Mit)(?: mit| ab| nur)* \d+(?:[,.]\d+)?\s?(?:€|Euro|EUR)"
            r"(?: (?:im|pro|je) (?:Monat|Jahr|Woche)| monatlich| jährlich)?,? (?:helfen|hilfst"
            r"|helft|unterstützen|unterstützt|stärken|stärkst|stärkt|sichern|sicherst|sichert)"
            r"(?: (?:Sie|du|ihr))?(?: \w+)? (?:uns|unsere[rnms]?)\b",
            _I,
        ),
        40,
        ("euro", "€", "eur"),
    ),
    (
        # Where readers' letters go, a label and an e-mail address alone: "Leserbriefe an:
        # leserbriefe@…", "Ihre Meinung bitte an redaktion@…", "Zuschriften: post@…",
        # "Leserbriefe zu diesem Artikel an: post@…". A
        # sentence around the address goes on past it and stays.
        Rule.FEEDBACK,
        re.compile(
            r"^(?:Ihre |Eure |Deine )?(?:Leser(?:briefe?|post|zuschriften|meinungen?)|Zuschriften"
            r"|Meinung|Post an die Redaktion)(?: zu (?:diesem|dem) (?:Beitrag|Artikel|Text|Thema))?"
            r"(?: (?:bitte|gern|gerne))?(?: per (?:E-)?Mail)?"
            r"(?: an)?\s*:?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\s*\.?$",
            _I,
        ),
        12,
        ("leser", "zuschrift", "meinung", "redaktion"),
    ),
    (
        # A radio station's box on how to tune in: its call to listen ("Hören Sie uns", "Hört
        # uns im Livestream", "So empfangen Sie uns") with no more than where or when.
        Rule.PROMO_CTA,
        re.compile(
            r"^(?:So )?(?:Hören|Hört|Hör|Empfangen|Empfangt) (?:Sie |ihr )?uns"
            r"(?: (?:live|jetzt|auch|täglich|weltweit|(?:auf|im|über|per|via) [\w+-]+))*\W*$",
            _I,
        ),
        8,
        ("uns",),
    ),
    (
        # ... and its schedule: a programme, its time of day and its waveband or stream, no
        # sentence ("Deutsches Programm täglich um 19 Uhr MEZ auf Kurzwelle und im Livestream",
        # "Sendungen werktags 18:30 Uhr über Satellit"). A report on a station has a verb.
        Rule.PROMO_CTA,
        re.compile(
            r"^(?!.*\b(?:ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|soll|sollen|kann"
            r"|können|läuft|laufen|lief|beginnt|beginnen|endet|enden)\b)(?=.*\d Uhr\b)"
            r"(?:[\w-]+ ){0,2}(?:Programm|Sendung(?:en)?|Sendezeit(?:en)?)\b[^.!?]{0,80}"
            r"\b(?:Kurzwelle|Mittelwelle|Langwelle|UKW|DAB\+?|Satellit|Livestream|Webradio)\b"
            r"[^.!?]{0,60}$",
            _I,
        ),
        25,
        ("welle", "ukw", "dab", "satellit", "livestream", "webradio"),
    ),
)

# The labels of an info box's rows ("Quelle | sda", "Publiziert | 01.12.2026, 07:58" in a `<dl>`
# or a table), left alone on their lines once their values went as a credit and a dateline. A
# body line is never one of these words by itself.
INFO_LABELS = frozenset(
    {
        "quelle",
        "quellen",
        "publiziert",
        "veröffentlicht",
        "erschienen",
        "aktualisiert",
        "zuletzt aktualisiert",
        "geändert",
        "zuletzt geändert",
        "erstellt",
        "datum",
        "autor",
        "autorin",
        "autoren",
        "autorinnen",
        "rubrik",
        "ressort",
        "kategorie",
        "lesezeit",
        "lesedauer",
        # the kind of text, alone under a republished release or over it
        "pressemitteilung",
        "pressemeldung",
        "presseinformation",
        "medienmitteilung",
    }
)

# An info box's address and opening hours, each a line of its own: "Am Waldweg 4, Heidekamp",
# "Hauptstraße 12a, 79100 Lindau", "Mo–Fr 9 bis 18 Uhr", "samstags 9–12 Uhr". A street is a
# name ending in a street word, or a name after a preposition ("Am Hafen", "In der Aue"); the
# house number (one to three digits, "Im Jahr 2025" is none) closes it, the place follows a comma.
_STREET = (
    r"(?:(?:Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Zum|Zur|Hinter der|Unter den)"
    r" [A-ZÄÖÜ][\w.'’-]*|(?:[A-ZÄÖÜ][\w.'’-]* ){0,2}[A-ZÄÖÜ]?[\w'’-]*(?i:straße|strasse|str\."
    r"|weg|gasse|platz|allee|ring|damm|ufer|steig|pfad|chaussee|markt|graben|kai|zeile))"
)
ADDRESS_LINE_RE = re.compile(
    rf"^(?:[^,.!?]{{2,40}},\s*)?{_STREET} \d{{1,3}}(?:\s?[a-z])?(?:\s*[-–/]\s*\d{{1,3}})?"
    r"(?P<place>,\s*(?:[A-Z]{1,2}-)?(?:\d{4,5}\s+)?[A-ZÄÖÜ][\w.'’-]*(?:[ -][\w.'’()-]+){0,3})?$"
)
_DAY = (
    r"(?:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|feiertag)s?|täglich"
    r"|werktags|wochentags|wochenends|(?:Mo|Di|Mi|Do|Fr|Sa|So)\.?(?=\s|[-–,]))"
)
HOURS_LINE_RE = re.compile(
    rf"^[^.!?]{{0,30}}\b{_DAY}[^.!?]{{0,40}}\b\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:bis|[-–])\s*"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:Uhr)?(?:[^.!?]{0,40})$",
    re.IGNORECASE,
)
