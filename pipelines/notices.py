"""Notices a text closes with, claimed after the credit rules: signatures of agency and desk
codes, a line naming the medium the text comes from, a partner's note that it supplied the
text; a press release's number line (its closing blocks are in release_blocks.py); and notes
set around the text that say something of the text, not in it: a labelled or relative time of
its update, a note on its method and data, its broadcast and its audio version, a pointer to
the live ticker it was made from, to the whole article at a partner, to more information, back
to the list. Data for clean.py; every rule is phrased for the note's shape."""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE

# Agencies' codes in capitals, as a signature gives them ("(APA, red)").
_AGENCY_CODES = r"(?:APA|AFP|AP|DPA|SDA|KNA|EPD|SID|AWP|ATS|ANSA|EFE|TASS|KEY)"

# The text naming itself: "Dieser Artikel", "Diese Meldung", "Der Text", "Das Interview".
_THIS_TEXT = (
    r"(?:Diese[rs]? (?:Text|Artikel|Beitrag|Gastbeitrag|Bericht|Meldung|Kommentar|Interview"
    r"|Reportage|Inhalt)|(?:Der|Das) (?:Text|Artikel|Beitrag|Gastbeitrag|Interview))"
)

# The words of an institution's name after a label: capitalised words and a name's small words
# ("Bundesverband der Obstbauern", "Zweckverband Wasser und Abwasser").
_NAME_WORDS = r"(?: (?:[A-ZÄÖÜ][\w.&'’-]*|der|des|für|und|&|von|vom|am|im))*? [A-ZÄÖÜ][\w.&'’-]*"

# Rules for what is left once the credit rules have claimed agency credits ("(dpa)", "Quelle:
# AFP" name an agency; these lines name none, or a desk beside one).
LATE_PHRASE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A short source line naming the medium the text comes from: "Quelle: Heideportal.de",
        # "Quelle: RASSVET DE", "Quelle: Kreiszeitung Online", a mirror's "Übernommen von: RTX
        # DE", "Übernommen aus dem Kreisanzeiger" (an agency alone is an agency credit; a
        # statistics office as a figure's source is the figure's and stays).
        Rule.PARTNER,
        re.compile(
            r"^(?:Quelle\s*:|(?:Übernommen|Übernahme|Nachdruck|Gespiegelt) (?:von|aus)"
            r"(?: dem| der)?\s*:?)\s*(?=[^!?:]{2,60}$)(?=.*(?:\.[a-z]{2,4}\b|\b(?:DE|AT|CH|TV)\b"
            r"|(?i:\w*(?:zeitung|kurier|blatt|bote|anzeiger|nachrichten|news|online|portal|magazin|rundschau|presse"
            r"|radio|journal))\b))"
        ),
        8,
        ("quelle", "übernomm", "übernahme", "nachdruck", "gespiegelt"),
    ),
    (
        # A source line naming who issued the text: a press release ("Quelle: Pressemitteilung
        # Landesverband X", "Quelle: Presseinformation der Y AG"), a town or district ("Quelle:
        # Stadt X", "Quelle: Landratsamt Y") or a company by its legal form ("Quelle: Z GmbH").
        # Names only: a sentence after the label, or a statistics office as a figure's source
        # ("Quelle: Statistisches Landesamt"), stays.
        Rule.PARTNER,
        re.compile(
            r"^Quelle\s*:\s*(?:(?:Presse|Medien)(?:mitteilung|information|meldung)"
            rf"(?: (?:der|des|vom|von))?{_NAME_WORDS}"
            r"|(?:Stadt|Gemeinde|Marktgemeinde|Landkreis|Kreis|Stadtverwaltung|Gemeindeverwaltung"
            rf"|Landratsamt|Bezirksamt|Bezirkshauptmannschaft|Rathaus){_NAME_WORDS}"
            rf"|[A-ZÄÖÜ]\S*{_NAME_WORDS} (?:GmbH(?: & Co\. KG)?|gGmbH|mbH|AG|SE|KG|eG|e\.\s?V\.))"
            r"\s*\.?$"
        ),
        10,
        ("quelle",),
    ),
    (
        # A partner's note that it supplied the text or allowed its use: "Dieser Text wurde uns
        # vom Kreisboten zur Verfügung gestellt", "Der Beitrag erscheint mit freundlicher
        # Genehmigung des Talblatts", "Mit freundlicher Genehmigung der Hafenpost"; or that the
        # text comes from it: "Dieser Artikel stammt von unserem Partnerportal X". Only the
        # text names itself so ("Der Bericht wurde uns vom Amt zur Verfügung gestellt" tells of
        # a document), and a bare "Mit freundlicher Genehmigung" has a name alone after it.
        Rule.PARTNER,
        re.compile(
            rf"^{_THIS_TEXT} (?:wurde|wird|ist) uns (?:\w+ ){{0,2}}(?:von|vom)\b[^.!?]{{2,60}}?"
            r" (?:zur Verfügung gestellt|überlassen|bereitgestellt)(?: worden)?\s*\.?$"
            rf"|^{_THIS_TEXT} (?:stammt|kommt) (?:\w+ )?(?:von|vom|aus)(?: dem Angebot)?"
            r" (?:unsere[mnrs]?|de[mnrs]) (?:\w+ )?[\w-]*partner\w*\b(?:[^.!?]|\.(?=\w)){0,60}\.?$"
            rf"|^{_THIS_TEXT} (?:erscheint|erschien|wird|wurde|ist) (?:\w+ ){{0,2}}mit (?:der )?"
            r"freundliche[rn] Genehmigung (?:von|vom|des|der|dem)\b[^.!?]{2,80}\.?$"
            r"|^Mit freundlicher Genehmigung (?:von|vom|des|der|dem)\s+(?-i:[A-ZÄÖÜ„\"»])\S*"
            r"(?: (?:der|des|von|vom|und|&|(?-i:[A-ZÄÖÜ„\"»])\S*)){0,5}\s*\.?$",
            _I,
        ),
        25,
        ("verfügung", "überlassen", "bereitgestellt", "genehmigung", "partner"),
    ),
    (
        # A sources line under the text: "Verwendete Quellen: Angaben des Vergleichsportals,
        # AFP", "Quellenangaben: Stadtarchiv; eigene Recherche". A bare "Quellen:" may name a
        # figure's sources and stays, unless it names an agency (a credit, claimed before).
        Rule.CITATION,
        re.compile(
            r"^(?:(?:Verwendete|Genutzte|Benutzte|Herangezogene|Zitierte) Quellen"
            r"|Quellenangaben?|Quellenverzeichnis|Quellen und (?:weiterführende )?Links)\s*:\s*\S",
            _I,
        ),
        40,
        ("quellen",),
    ),
    (
        # A closing signature of agency and desk codes, perhaps with a date: "(APA, red,
        # 30.11.2025)", "jm/cha", "(ndo)": in brackets or joined by a slash.
        Rule.BYLINE,
        re.compile(
            r"^\(\s*(?:[a-zäöü]{2,5}\.?|" + _AGENCY_CODES + r")(?:\s*[/,;]\s*(?:[a-zäöü]{2,5}\.?"
            r"|" + _AGENCY_CODES + r"|\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}))*\s*\)$"
            r"|^[a-zäöü]{2,5}(?:\s*/\s*[a-zäöü]{2,5})+$",
        ),
        6,
        (),
    ),
)

# An info line's item naming the section under its label: "Kategorie: Welt", "Rubrik: Lokales",
# "Ressort: Wirtschaft & Finanzen" (a label word and one to three words).
SECTION_ITEM_RE = re.compile(
    r"^(?:(?:Kategorien?|Rubrik|Ressort|Sparte|Bereich|Thema|Themen)\s*:|Abgelegt unter"
    r"|Veröffentlicht in)\s*[\w&-]+(?: [\w&-]+){0,2}$",
    _I,
)

# An info line's bare duration ("3 Min.", "4 Minuten") beside a date or a byline is its reading
# time; a duration last, after a programme and a date, is a player's (see LATE_PHRASE_RULES).
DURATION_ITEM_RE = re.compile(r"^(?:ca\.\s*)?\d{1,2}\s*(?:Min\.?|Minuten|min)$", _I)

# The whole or original article as a pointer to it names it: "den vollständigen Artikel",
# "Zum Originalartikel", "Original-Beitrag"; or the source it links to, as an aggregator's
# link does: "Zum Original", "Zur Quelle", "Originalquelle"; or the full page a light (AMP)
# page links to: "Zur vollständigen Version", "Artikel in der Vollversion lesen".
_FULL_ARTICLE = (
    r"(?:(?:vollständigen|ganzen|kompletten|ungekürzten|gesamten) (?:Artikel|Beitrag|Version)"
    r"|(?:Artikel |Beitrag )?in der (?:Vollversion|Desktop-?[Vv]ersion)|Vollversion"
    r"|Original(?:-?(?:artikel|beitrag|text|bericht|meldung|quelle|seite|version)\w*)?"
    r"|Quelle|Quellseite|Nachrichtenquelle)"
)
# Where it is: a partner's name or host after the preposition ("bei Ostalb-Kurier", "auf
# heideportal.de").
_AT_PARTNER = (
    r"(?:bei|beim|auf|unter|im|in der) (?:(?-i:[A-ZÄÖÜ0-9])|\S+\.[a-z]{2,4}\b)[^.!?]{0,60}?"
)
_POINTER_END = r"\s*[.!:»›→]*$"

# The nouns a news item names itself by ("Diese Meldung wurde … gesendet").
_ITEM = r"(?:Nachricht|Meldung|Beitrag|Bericht|Sendung|Reportage|Interview)"

# The issue a newsletter, gazette or magazine item comes from, the publication's name before its
# number and year or the issue's date: "Gemeindebrief Ausgabe 23/2026", "Amtsblatt der Stadt
# Talheim Nr. 12/2026", "Ausgabe vom 11. Juli 2025", "Talbote, Wochenendausgabe vom 12.07.2025".
# An article before it makes a phrase of the text ("Die Sonderausgabe vom 3. Oktober 1990").
_ISSUE_DATE = r"\s+vom\s+\d{1,2}\.\s*(?:\d{1,2}\.\s*(?:\d{4}|\d{2})?|[A-ZÄÖÜ][a-zä]+\.?\s+\d{4})"
ISSUE_LINE_RE = re.compile(
    r"^(?!(?:Der|Die|Das|Eine?|Diese[rs]?|Seine?|Ihre?|Unsere?)\s)"
    r"(?:[A-ZÄÖÜ][\w.-]*(?: (?:der|des|für|von|vom|[A-ZÄÖÜ][\w.-]*)){0,4}\s*[,:–-]?\s+)?"
    rf"(?:(?:Ausgabe|Nr\.|Nummer|Heft)\s*\d{{1,3}}\s*/\s*(?:\d{{4}}|\d{{2}})(?:{_ISSUE_DATE})?"
    rf"|(?:Ausgabe|Heft|[A-ZÄÖÜ][a-zäöü]+ausgabe){_ISSUE_DATE})$"
)

# The kinds a text names itself by, in the dative ("in diesem Beitrag", "in dieser Kolumne").
_TEXT_KINDS_DATIVE = (
    r"Beitrag|Text|Artikel|Gastbeitrag|Kommentar|Meinungsbeitrag|Interview|Video|Podcast"
    r"|Kolumne|Sendung|Analyse|Stellungnahme"
)
# Views an editor's disclaimer distances itself from, and whose they are.
_VIEWS = (
    r"(?:Ansicht|Meinung|Position|Auffassung|Äußerung|Aussage|Einschätzung|Standpunkt"
    r"|Sichtweise)(?:en|e|s)?"
)
_OF_WRITER = (
    r" (?:des|der|von|vom) (?:jeweiligen )?(?:Autor\w*|Verfasser\w*|Gastautor\w*|Kommentator\w*"
    r"|Gäste|Gastes|Interviewpartner\w*)"
)
# What a rights notice allows only with a source or a permission ("Nachdruck", "Verbreitung").
_REUSE = (
    r"(?:Nachdruck|Abdruck|(?:Weiter)?[Vv]erbreitung|Vervielfältigung|(?:Weiter)?[Vv]eröffentlichung"
    r"|Wiedergabe|Weitergabe|Übernahme|(?:Weiter)?[Vv]erwendung|(?:Weiter)?[Nn]utzung"
    r"|Speicherung)"
)
_REUSES = rf"{_REUSE}(?:(?:,| und| oder| sowie|\s*/) ?{_REUSE})*"

# A paper's name without quotes, as a first-publication note closes with it: two to four
# capitalised words ("Kaufbacher Anzeiger", "Welt am Sonntag"), or one naming a paper
# ("Südkurier", "Inselboten"); "im Jahr 2019", "im Stadtrat" name none.
_PAPER_NAME = (
    r"(?-i:[A-ZÄÖÜ][\w'’&-]*)(?:\s+(?:am|an der|für|(?-i:[A-ZÄÖÜ][\w'’&-]*))){1,3}"
    r"|(?-i:[A-ZÄÖÜ])[\w'’&-]*(?:zeitung|blatt|bote|boten|kurier|anzeiger|post|rundschau"
    r"|magazin|journal|echo|presse|nachrichten|merkur|express|zeitschrift)"
)

NOTE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A label over the site's latest headlines: "Zuletzt erschienen", "Neu veröffentlicht:",
        # "Kürzlich erschienen".
        Rule.MORE_TOPICS,
        re.compile(
            r"^(?:Zuletzt|Neu|Kürzlich|Jüngst|Soeben) (?:erschienen|veröffentlicht|online)\s*:?$",
            _I,
        ),
        3,
        ("erschienen", "veröffentlicht", "online"),
    ),
    (
        # The label of a paid text or native ad, in the words the ad laws of the three
        # countries ask for: "Publireportage", "Entgeltliche Einschaltung", "Advertorial",
        # "Paid Post", "Gesponserter Beitrag".
        Rule.AD_LABEL,
        re.compile(
            r"^[-–—\s]*(?:Publireportage|Entgeltliche Einschaltung|Advertorial|Paid (?:Post"
            r"|Content)|(?:Bezahlte[rs]?|Gesponserte[rs]?) (?:Inhalt|Beitrag|Artikel)"
            r"|Sponsored Story)[-–—\s]*$",
            _I,
        ),
        5,
        ("publi", "einschaltung", "advertorial", "paid", "bezahlt", "gesponsert", "sponsored"),
    ),
    (
        # A labelled time of day alone, the item of an info line after the date ("03.12.2026
        # – 08:41 Uhr · aktualisiert 11:20 Uhr", "Update: 9.05 Uhr", "zuletzt geändert um
        # 14:02"): the date lines know a date, this is the time that follows it.
        Rule.TIMESTAMP,
        re.compile(
            r"^(?:zuletzt )?(?:aktualisiert|geändert|bearbeitet|update|updated|stand)"
            r"(?: am| um| heute)?\s*:?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?$",
            _I,
        ),
        5,
        ("aktualis", "geändert", "bearbeitet", "update", "stand"),
    ),
    (
        # A dateline with a relative day, as a page prints it on the day: "Publiziert heute,
        # 06:30 Uhr", "Aktualisiert: gestern, 18.05", "Erstellt vor 3 Stunden", "vor 12
        # Minuten". A day word needs its label and time: "Heute, 19 Uhr" may be a listing's,
        # "Stand heute" a subheading.
        Rule.TIMESTAMP,
        re.compile(
            r"^(?:zuletzt )?(?:aktualisiert|geändert|bearbeitet|update|updated|stand|erstellt"
            r"|veröffentlicht|publiziert|online|gepostet|eingestellt)\s*:?\s*(?:heute|gestern"
            r"|vorgestern)\s*,?\s*(?:um\s+)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?$"
            r"|^(?:(?:zuletzt )?(?:aktualisiert|geändert|bearbeitet|update|updated|erstellt"
            r"|veröffentlicht|publiziert|online|gepostet|eingestellt)\s*:?\s*)?vor (?:\d{1,3}"
            r"|einer|einem|wenigen) (?:Minuten?|Min\.|Stunden?|Std\.|Tag(?:en)?)$",
            _I,
        ),
        7,
        ("heute", "gestern", "vor "),
    ),
    (
        # A note on how the figures were gathered: "Zur Methode: Die Zahlen beruhen auf …",
        # "Methodik: Befragt wurden 1012 Personen …", "Über die Daten: …", "Datengrundlage:
        # …". A sentence that only speaks of a method ("Zur Methode sagte sie, …") has no
        # label and stays.
        Rule.CITATION,
        re.compile(
            r"^(?:(?:Zur|Zu den|Über die|Über unsere|Hinweis zur|Anmerkung zur|So haben wir"
            r" (?:gerechnet|gezählt)|Wie wir) ?(?:Methode|Methodik|Daten|Datengrundlage"
            r"|Datenbasis|Erhebung|Umfrage|Auswertung|Berechnung|Recherche)?|Methodik"
            r"|Methodische[rs]? Hinweis|Datengrundlage|Datenbasis|Datenquellen?)\s*:\s*\S",
            _I,
        ),
        60,
        ("method", "daten", "erhebung", "umfrage", "auswertung", "berechnung", "gerechnet"),
    ),
    (
        # A programme note of items parted by bars, the channel first ("Landesfernsehen |
        # Nordmagazin | 03.12.2026 | 19:30 Uhr"), and the label over it left alone ("Dieses
        # Thema im Programm:", "Sendungshinweis:").
        Rule.BROADCAST,
        re.compile(
            r"^(?:[^.!?,;|]{2,50}\s*[|·]\s*){1,3}\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}\s*[|·,]?\s*"
            r"\d{1,2}[:.]\d{2}\s*Uhr$|^(?:(?:Dieses|Das) Thema im (?:Programm|Fernsehen|Radio)"
            r"|Sendung|Sendungshinweis|Sendetermin|Sendehinweis)\s*:$",
            _I,
        ),
        14,
        (),
    ),
    (
        # The item telling of its own broadcast, the time and the programme before the verb:
        # "Diese Nachricht wurde am 03.12.2026 im Programm … gesendet.", "Dieser Beitrag ist
        # am 4. Mai um 18 Uhr in der Sendung … gelaufen."
        Rule.BROADCAST,
        re.compile(
            rf"^(?:Diese[rs]?|Die|Der) {_ITEM} (?:wurde|ist|lief)\b(?:[^.!?]|(?<=\d)\.){{0,120}}"
            r"\b(?:gesendet"
            r"|ausgestrahlt|gelaufen|zu hören gewesen|zu sehen gewesen)(?: worden)?\s*\.?$",
            _I,
        ),
        30,
        ("gesendet", "ausgestrahlt", "gelaufen", "gewesen"),
    ),
    (
        # A pointer to the programme that tells more, with its time and nothing else: "Mehr dazu
        # heute um 18.00 Uhr im Altmühl-Journal", "Mehr darüber am Montag ab 19 Uhr in
        # „Land und Leute“". Past "Mehr dazu" only names, times and their small words: "Mehr
        # dazu sagt der Landrat heute um 18 Uhr" has a verb and stays.
        Rule.BROADCAST,
        re.compile(
            r"^(?:Mehr|Alles|Weiteres) (?:dazu|darüber|davon|zum Thema)(?=.*\bUhr\b)"
            r"(?:\s+(?-i:[A-ZÄÖÜ0-9„\"»«]\S*|heute|morgen|abend|früh|am|um|ab|gegen|im|in|der"
            r"|bei|auf|und|live))+\s*[.!]?$",
            _I,
        ),
        20,
        ("uhr",),
    ),
    (
        # An audio version with its length: "Nachricht anhören (0:58)", "Beitrag hören · 2:14
        # Min.", "Artikel vorlesen lassen (3:05)".
        Rule.MEDIA_PLAYER,
        re.compile(
            r"^(?:\w+ ){0,2}(?:anhören|hören|vorlesen lassen|abspielen)\s*[(·|–-]?\s*"
            r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:min\.?|Minuten)?\s*\)?$",
            _I,
        ),
        6,
        ("hören", "vorlesen", "abspielen"),
    ),
    (
        # A pointer to the whole or original article at the partner it comes from: "Den
        # vollständigen Artikel finden Sie bei Ostalb-Kurier.", "Zum Originalartikel auf
        # heideportal.de", "Originalartikel bei Kreisblatt Online lesen", "Weiterlesen bei
        # Kreisblatt Online"; an aggregator's link to the source ("Quelle öffnen", "Zum
        # Original"). "Den vollständigen Artikel des Gesetzes …" goes on past it.
        Rule.PARTNER,
        re.compile(
            # Where it is, said ("… finden Sie bei X") or asked for ("… bei X lesen").
            rf"^(?:Hier |Jetzt )?(?:Den )?{_FULL_ARTICLE} (?:finden|lesen|gibt es|sehen)"
            rf" (?:Sie|du|ihr)(?: auch| hier)? {_AT_PARTNER}{_POINTER_END}"
            rf"|^(?:Hier |Jetzt )?(?:Den )?{_FULL_ARTICLE}(?: {_AT_PARTNER})? (?:lesen"
            rf"|weiterlesen|ansehen|aufrufen|öffnen|anzeigen){_POINTER_END}"
            # A link's label: "Zum Originalartikel", "Zum vollständigen Beitrag auf X".
            rf"|^(?:Hier |Jetzt )?(?:Zum|Zur) {_FULL_ARTICLE}(?: {_AT_PARTNER})?{_POINTER_END}"
            rf"|^(?:Hier )?(?:Weiterlesen|Weiter lesen|Mehr lesen) {_AT_PARTNER}{_POINTER_END}",
            _I,
        ),
        16,
        ("artikel", "beitrag", "original", "quell", "weiter", "mehr lesen", "version"),
    ),
    (
        # The text naming the publication it appeared in first, the name in quotes or bare and
        # closing the line: "Dieser Artikel erschien zuerst im «Bündner Abendkurier».", "Dieser
        # Beitrag ist ursprünglich in der „Hafenpost“ vom 2. Mai 2026 erschienen.", "Dieser
        # Text erschien zuerst im Talheimer Boten." The text speaks of itself ("Dieser …"):
        # "Das Interview erschien zuerst in der «Zeit»" may report on another's.
        Rule.PARTNER,
        re.compile(
            r"^(?:Dieser|Dieses|Diese) (?:Text|Artikel|Beitrag|Gastbeitrag|Bericht|Meldung"
            r"|Kommentar|Interview|Reportage|Essay|Porträt|Kolumne)\b"
            r"(?=.*\b(?:erschien|erschienen|veröffentlicht|publiziert|abgedruckt)\b)"
            r"[^.«»„“”\"]{0,40}\b(?:zuerst|erstmals|ursprünglich)\b[^.«»„“”\"]{0,20}?"
            r"\b(?:in|im)\b(?:[^.«»„“”\"]{0,25}[«»„“\"][^«»„“”\"]{2,60}[«»“”\"]"
            rf"|\s+(?:der\s+|dem\s+)?(?:{_PAPER_NAME}))"
            r"(?:,?\s*(?:vom |am )?\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+)\s*\d{2,4})?"
            r"(?:\s+(?:erschienen|veröffentlicht|publiziert|abgedruckt))?\s*[.!]?$",
            _I,
        ),
        30,
        ("zuerst", "erstmals", "ursprünglich"),
    ),
    (
        # The editors distancing themselves from the views of the text or its author, with or
        # without "unbedingt": "Die in diesem Beitrag geäußerten Ansichten müssen nicht die
        # Meinung der Redaktion widerspiegeln.", "Die im Text vertretenen Meinungen müssen nicht mit
        # denen der Redaktion übereinstimmen.", "Die Positionen der Autorin entsprechen nicht
        # der Haltung des Verlags.", "The views expressed are the author's own and do not
        # necessarily reflect those of the publisher." The line ends with the verb: "…
        # entsprechen nicht der Linie der Redaktion, sagte der Chefredakteur" reports.
        Rule.DISCLAIMER,
        re.compile(
            rf"^(?:Die |Alle )?(?:(?:(?:in|mit) (?:diesem|dieser|diesen|dem|der)|im) (?:\S+ )?"
            rf"(?:{_TEXT_KINDS_DATIVE}) (?:\S+ ){{0,2}}(?:geäußerte|vertretene|dargelegte"
            rf"|dargestellte|wiedergegebene|enthaltene|zum Ausdruck gebrachte)n? {_VIEWS}"
            rf"(?:{_OF_WRITER})?|{_VIEWS}{_OF_WRITER})"
            r"\b[^.!?]{0,60}\bnicht\b[^.!?]{0,50}\b(?:der|die|den|des|unserer|unseres)"
            r" (?:Redaktion|Herausgeber\w*|Verlag\w*|Senders|Zeitung|Hauses|Betreiber\w*)\b"
            r"(?:[^.!?]{0,30}\b(?:wider\w*|wieder\w*|entsprechen|entspricht|übereinstimm\w*"
            r"|überein|decken|deckt))?\s*[.!]?$"
            r"|^The (?:views|opinions)(?: and opinions)? expressed\b[^.!?]{0,80}\b(?:do not"
            r"|don't|does not) necessarily (?:reflect|represent)\b[^.!?]{0,80}[.!]?$",
            _I,
        ),
        40,
        ("redaktion", "herausgeber", "verlag", "sender", "zeitung", "haus", "betreiber", "views"),
    ),
    (
        # A rights notice on the text: "Die Verbreitung dieser Meldung ist nur mit
        # Quellenangabe gestattet.", "Nachdruck nur mit Genehmigung des Verlags",
        # "Weiterverbreitung und Nachdruck dieses Artikels nur mit schriftlicher Zustimmung",
        # "Alle Rechte vorbehalten." Only the text names itself ("dieser …") or no text is named:
        # "Die Weitergabe dieser Daten ist nur mit Zustimmung erlaubt" speaks of data, and the
        # line ends with the permission ("Die Nutzung ist nur mit Genehmigung der Stadt
        # möglich" names no text).
        Rule.DISCLAIMER,
        re.compile(
            rf"^(?:(?:Die |Der |Eine |Jede |Jeglicher? )?{_REUSES} (?:dieser|dieses|unserer"
            r"|unseres|sämtlicher|aller) (?:\S+ )?(?:Meldung(?:en)?|Nachricht(?:en)?|Texte?s?"
            rf"|Artikels?|Beitrag(?:e?s)?|Berichts?|Inhalte?s?|Seite|Materials?)|{_REUSES})"
            r"(?: (?:ist|sind))?(?: \S+)? (?:nur|ausschließlich"
            r"|lediglich|allein|nicht ohne) (?:mit|unter|nach) (?:vorheriger |ausdrücklicher"
            r" |schriftlicher |voller |vollständiger |korrekter )*(?:Quellenangabe|Quellennennung"
            r"|Nennung der Quelle|Angabe der Quelle|Genehmigung|Zustimmung|Erlaubnis|Einwilligung)"
            r"(?: (?:des|der|von|vom|durch) [^.!?]{1,50}?)?(?: (?:gestattet|erlaubt|zulässig"
            r"|möglich))?\s*[.!]?$|^Alle Rechte vorbehalten\s*[.!]?$",
            _I,
        ),
        25,
        ("quelle", "genehmigung", "zustimmung", "erlaubnis", "einwilligung", "rechte"),
    ),
    (
        # A pointer to the live ticker or blog the report was made from: "Liveticker zum
        # Nachlesen", "Zum Liveblog", "Das Spiel im Ticker zum Nachlesen", "Hier geht's zum
        # Ticker".
        Rule.WEITERLESEN,
        re.compile(
            r"^(?:(?:Der|Den|Das Spiel im|Die Partie im) )?(?:Live-?)?(?:Ticker|Blog|Liveblog"
            r"|Live-Ticker)\w* (?:zum|zur) (?:Nachlesen|Nachschauen)\W*$"
            r"|^(?:Hier geht(?:'|’)?s )?(?:zum|zur) (?:Live-?)?(?:Ticker|Blog|Liveblog)\w*"
            r"(?: (?:zum|zur) \w+)?\W*$|^(?:Nachlesen|Zum Nachlesen)\s*:\s*(?:der |unser )?"
            r"(?:Live-?)?(?:Ticker|Blog)\w*\W*$",
            _I,
        ),
        8,
        ("ticker", "blog"),
    ),
    (
        # A pointer to more on the subject, a link's label after the label or an address:
        # "Weitere Informationen: Zur Arbeitsgruppe Bodenkunde", "Mehr Infos zum Projekt:
        # www.moorschutz.example". A sentence after the label ends with its period and stays.
        Rule.WEITERLESEN,
        re.compile(
            r"^(?:Weitere|Mehr|Nähere|Zusätzliche) (?:Informationen|Infos?|Details)(?: (?:zum"
            r"|zur|zu den|über|unter) [^:]{1,40})?\s*:\s*(?:(?:Zur|Zum|Zu den|Hier)\b[^.!?:]{0,60}"
            r"|(?:https?://|www\.)\S+|[\w.-]+\.(?:de|at|ch|com|org|net|eu|info)(?:/\S*)?)$",
            _I,
        ),
        14,
        ("info", "details"),
    ),
    (
        # Who may read or write the comments: "Kommentare sind nur für registrierte Nutzer
        # sichtbar", "Die Kommentarfunktion steht nur angemeldeten Abonnenten zur Verfügung",
        # "Nur eingeloggte Leserinnen und Leser können kommentieren", "Comments are visible to
        # registered users only". A sentence going on after it reports on a platform.
        Rule.COMMENTS,
        re.compile(
            r"^(?:(?:Die|Alle) )?(?:Leser-?)?(?:Kommentare|Kommentarfunktion|Kommentarbereich"
            r"|Kommentieren)\s+(?:\S+\s+){1,4}?(?:nur|ausschließlich)\s+(?:\S+\s+){0,3}?"
            r"(?:registrierte|angemeldete|eingeloggte|zahlende|Abonnent|Mitglied)\w*\s+(?:\S+\s+)"
            r"{0,4}?(?:sichtbar|lesbar|einsehbar|verfügbar|zugänglich|möglich|freigeschaltet"
            r"|vorbehalten|zu sehen|zur Verfügung)\W*$"
            r"|^(?:Nur|Ausschließlich)\s+(?:registrierte|angemeldete|eingeloggte|zahlende)\w*\s+"
            r"(?:\S+\s+){1,4}?(?:können|dürfen)\s+(?:hier\s+)?(?:kommentieren|Kommentare\s+(?:lesen"
            r"|sehen|schreiben|verfassen|abgeben))\W*$"
            r"|^Comments (?:are|is) (?:only )?(?:visible|available) (?:only )?to (?:registered"
            r"|logged-in|signed-in|subscribed)\s+\w+(?: only)?\W*$",
            _I,
        ),
        20,
        ("kommentar", "kommentier", "comments"),
    ),
    (
        # A link back to the list the item was opened from: "Zurück zur Übersicht", "« Zurück
        # zum Pressearchiv", "Zurück zu allen Meldungen", perhaps naming the list's items: "Zur
        # Übersicht der Pressemitteilungen", "Zurück zur Liste aller Meldungen". "Zurück zur
        # Normalität" names no page, nor does "Zur Liste der Schäden" name a list of items.
        Rule.UI_TOKEN,
        re.compile(
            r"^(?:[«<←‹]\s*)?(?:Zurück|Zur|Zum) (?:zur |zum |zu den |zu allen )?(?:\w*(?:übersicht"
            r"|startseite|liste|archiv)(?: (?:der|aller|unserer) (?:\w+ )?(?:\w*(?:mitteilungen"
            r"|meldungen|informationen|nachrichten|news|beiträge|artikel)|Termine"
            r"|Veranstaltungen))?|vorherigen Seite|Meldungen|Nachrichten|Artikeln"
            r"|Beiträgen|Pressemitteilungen|Suchergebnissen)\W*$",
            _I,
        ),
        7,
        ("zur", "zum"),
    ),
    (
        # A press release's number and date, its dateline: "Pressemitteilung Nr. 214/2026 vom
        # 30. November 2026", "Medieninformation 45/2026 · 03.12.2026", "PM Nr. 17".
        Rule.RELEASE,
        re.compile(
            r"^(?:(?:Presse|Medien)(?:mitteilung|information|info|meldung)|PM)\s+(?:Nr\.|Nummer"
            r"|No\.)?\s*\d{1,4}(?:\s*[/-]\s*\d{2,4})?(?:\s*(?:vom|[,·|–-])\s*\d{1,2}\.\s*"
            r"(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+)\s*\d{2,4})?$",
            _I,
        ),
        10,
        ("mitteilung", "information", "info", "meldung", "pm"),
    ),
    (
        # The end marker of a wire item or release, alone on its line: "Ende der Meldung",
        # "– Ende –", "(Ende)", "*** ENDE ***", "- end -". "Das Ende" or "Ende gut" stays.
        Rule.END_MARKER,
        re.compile(
            r"^[-–—*#(\[\s]*(?:Ende|End)(?: (?:der|des) (?:Meldung|Mitteilung|Pressemitteilung"
            r"|Nachricht|Artikels|Beitrags|Textes|Dokuments))?[-–—*#)\]\s.]*$",
            _I,
        ),
        4,
        ("end",),
    ),
    (
        # An issue line ("Heft 4 / 2025"), after a press release's number; a sentence about
        # an issue has more words.
        Rule.PRINT_NOTE,
        ISSUE_LINE_RE,
        9,
        ("ausgabe", "nr.", "nummer", "heft"),
    ),
)
