"""Line rules for furniture classes seen on unseen publishers' pages, as data for clean.py.

Each rule is phrased for the class (the shape a publisher's widget gives its text), never for
one site's wording: a broadcast line names a programme and a time, a shop block a price and a
call to buy, a login prompt asks the reader to log in to comment. Same format as
clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import INTERVIEW_CREDIT_LEAD, REPORTER_LEAD, Rule

_I = re.IGNORECASE

# A date or a time of day, as a broadcast line gives it ("28.04.2023", "15:10 Uhr", "19.00 Uhr").
_WHEN = (
    r"(?:\d{1,2}[:.]\d{2}\s*Uhr|(?:um|ab|gegen) \d{1,2} Uhr|\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}"
    r"|\d{1,2}\.\s+[A-ZÄÖÜ][a-zä]+\s+\d{4})"
)
# An info line's date stamp, its label and what parts it from the next.
_STAMP_LABEL = (
    r"(?:(?:Erstellt|Veröffentlicht|Publiziert|Aktualisiert|Zuletzt aktualisiert|Stand|Update"
    r"|Geändert)(?:\s+am)?\s*:?\s*)"
)
_STAMP = (
    r"(?:[A-Z][a-z]{1,9}\.?,?\s*)?\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+\.?)\s*\d{2,4}"
    r"(?:,?\s*(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?"
)
_STAMP_SEP = r"\s*[·|,;/-]?\s*"
_SOCIAL_NETWORKS = (
    r"(?:Facebook|Instagram|TikTok|Twitter|X|Threads|Mastodon|Bluesky|YouTube|LinkedIn"
    r"|WhatsApp|Telegram|Snapchat|Pinterest|Xing)(?:-Kanal)?"
)

MORE_PHRASE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A comments section's heading naming the piece: "Diskussion über diesen Beitrag",
        # "Kommentare zu diesem Artikel", "Leserkommentare zum Text".
        Rule.COMMENTS,
        re.compile(
            r"^(?:Leser)?(?:Diskussion|Kommentare) (?:(?:über|zu) (?:diese[mnr]|dem|den)|zum)"
            r" (?:Artikel|Beitrag|Text|Post)\W*$",
            _I,
        ),
        6,
        ("diskussion", "kommentare"),
    ),
    (
        # A reviewer's line, who checked the text and did not write it: "Medizinisch geprüft
        # von Dr. A, Fachärztin für …", "Fachlich überprüft durch B", "Reviewed by C".
        Rule.BYLINE,
        re.compile(
            r"^(?:[A-ZÄÖÜ]\w+(?:isch|lich) |Inhaltlich |Zuletzt )?(?:geprüft|überprüft"
            r"|begutachtet|gegengelesen|faktengeprüft|freigegeben) (?:von|durch)\s+\S"
            r"|^(?:Medically |Fact-)?(?:reviewed|checked|fact-checked) by\s+[A-Z]",
            _I,
        ),
        25,
        ("prüft", "gegengelesen", "begutachtet", "freigegeben", " by "),
    ),
    (
        # A label leading other articles' headlines: "Mehr zum Spieltag:", "Mehr Themen auf
        # site.de", "Mehr aus Ausland", "Weitere Nachrichten", "Top-Themen". A noun of news
        # items or a preposition must follow "Mehr"/"Weitere", so "Mehr Geld für Kitas" stays.
        Rule.MORE_TOPICS,
        re.compile(
            r"^(?:(?:Noch )?Mehr|Weitere|Aktuelle|Neueste|Top)(?:[- ](?:Themen|Nachrichten"
            r"|Artikel|Beiträge|Meldungen|News|Stories|Videos|Berichte))?(?:\s+(?:zu|zum|zur"
            r"|aus|von|vom|über|auf|im|in|rund um)\s+[^!?]{0,39}[^.!?\s])?\s*:?$"
            r"|^(?:Top|Mehr|Weitere)[- ](?:Themen|Nachrichten|Artikel|Beiträge|Meldungen|News)"
            r"\s*:?$"
            # The other parts of a series: "Weitere Teile der Serie", "Alle Folgen dieser
            # Reihe:", "Die Serie im Überblick", "Bisher erschienen in der Serie:" (never a bare
            # "Weitere Folgen": consequences).
            r"|^(?:Weitere|Alle|Andere|Die (?:weiteren|anderen|bisherigen)|Bisherige|Mehr)"
            r" (?:Teile|Folgen|Beiträge|Artikel|Texte|Episoden|Kapitel) (?:der|dieser|unserer"
            r"|aus der|zur|aus dieser|in der|in dieser) (?:\S+-)?(?:Serie|Reihe|Kolumne)\s*:?$"
            r"|^(?:Unsere|Die|Diese) (?:\S+-)?(?:Serie|Reihe) im Überblick\s*:?$"
            r"|^(?:Bisher|Bereits) (?:erschienen )?in (?:der|dieser|unserer) (?:\S+-)?(?:Serie"
            r"|Reihe|Kolumne)(?: erschienen)?\s*:?$",
        ),
        6,
        (),
    ),
    (
        # "Sendung: Südfunk Aktuell, 28.04.2023, 15:10 Uhr", "Sendungshinweis: „Wien heute“,
        # 12.3.2025, 19.00 Uhr", "Dieses Thema im Programm: … | 19:30 Uhr".
        Rule.BROADCAST,
        re.compile(
            r"^(?:Sendung|Sendungshinweis|Sendetermin|Sendezeit|Ausstrahlung|Sendehinweis"
            r"|(?:Dieses|Das) Thema im Programm|(?:Über|Zu|Von) (?:diesem|dieses|das) Thema"
            r" (?:berichte|sende|zeig|informier)\w*"
            r"|Zu (?:sehen|hören) (?:in|im|bei|am)|(?:Dieser|Der) (?:Beitrag|Bericht|Film)"
            r" (?:lief|läuft|kommt|wurde (?:gesendet|ausgestrahlt)))\b.{0,200}?" + _WHEN,
            _I,
        ),
        35,
        (),
    ),
    (
        # Telling the viewer when to watch: "Einen ausführlichen Bericht sehen Sie heute in
        # „Tirol heute“ um 18.30 Uhr", "Mehr zu diesem Thema in unseren Nachrichten um 0.00 Uhr
        # im Fernsehen". A programme name or a broadcast word must be there.
        Rule.BROADCAST,
        re.compile(
            r"^(?=.*(?:[„\"«»]|\b\w*(?:fernsehen|livestream|radio|sendung|programm|tv|mediathek"
            r"|nachrichten|magazin|journal)\b))(?:[^.!?]{0,80}\b(?:(?:sehen|hören|verfolgen) Sie"
            r"|(?:siehst|hörst|verfolgst) du|(?:seht|hört|verfolgt) ihr)\b"
            r"|(?:Mehr|Alles|Weiteres) (?:zum Thema|(?:zu|über) (?:diesem|dem|das) Thema)\b)"
            r"[^!?]{0,120}?" + _WHEN,
            _I,
        ),
        35,
        ("sehen sie", "hören sie", "verfolgen sie", "thema", " du ", " ihr "),
    ),
    (
        # The same as a bare source line: programme, date and time, perhaps an agency credit
        # ("Regionaljournal Basel, 18.6.2025, 12:03 Uhr; sda/mila").
        Rule.BROADCAST,
        re.compile(
            r"^[^.!?,;]{3,60},\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4},?\s*\d{1,2}[:.]\d{2}\s*Uhr"
            r"(?:\s*[;,|]\s*[\w/ .-]{1,30})?$",
        ),
        14,
        ("uhr",),
    ),
    (
        # An audio or video item: its duration and the programme it comes from ("01:47 min,
        # aus Regionaljournal Basel vom 18.06.2025.").
        Rule.MEDIA_PLAYER,
        re.compile(
            r"(?<!\d)\d{1,2}:\d{2}\s*(?:min|Min\.?|Minuten)\b.{0,80}\bvom\s+\d{1,2}\.\s*\d{1,2}\."
            r"\s*\d{2,4}",
        ),
        25,
        ("min",),
    ),
    (
        # Labelled dates only: "Erstellt: 20.08.2024, 08:15 Uhr · Aktualisiert: 20.08.2024"; the
        # first may go without its label, perhaps after the agency's code or the place ("AA
        # 03.02.2025 11:20 Aktualisiert: 03.02.2025 12:02": `text_agencies` reads the code).
        Rule.TIMESTAMP,
        re.compile(
            rf"^{_STAMP_LABEL}?{_STAMP}(?:{_STAMP_SEP}{_STAMP_LABEL}{_STAMP})+{_STAMP_SEP}$",
            _I,
        ),
        20,
        (),
    ),
    (
        Rule.CITATION,
        re.compile(
            r"^(?:Zitiervorschlag|Zitierweise|Empfohlene Zitierweise|Zitieren als|Zitation)"
            r"\s*:",
            _I,
        ),
        60,
        (),
    ),
    (
        # A reference to a paper: it ends with its DOI ("…, Journal of X, 2025, DOI: 10.5555/
        # x.17") or starts with a surname, initials and "et al." ("Fachartikel: Berg, L. et
        # al.: …").
        Rule.CITATION,
        re.compile(
            r"\b(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+$"
            r"|^(?:[\w-]+(?: [\w-]+)?\s*:\s*)?[A-ZÄÖÜ][\w'-]+,? (?:[A-ZÄÖÜ]\.\s*){1,3}"
            r"(?:et al\.|u\.\s*a\.)",
            _I,
        ),
        60,
        ("doi", "et al", "u. a", "u.a"),
    ),
    (
        # A press portal's distribution line: "Original-Content von: Polizei X, übermittelt
        # durch Portal Y".
        Rule.PARTNER,
        re.compile(
            r"^(?:Original-?Content|Originalmeldung|Originaltext|Quelle) (?:von|aus)\s*:?\s*"
            r"[^.!?]{2,80}\b(?:übermittelt|verbreitet|veröffentlicht) (?:durch|über|von)\b",
            _I,
        ),
        30,
        ("übermittelt", "verbreitet", "veröffentlicht"),
    ),
    (
        # A portal's label over its other items from the same sender: "Weitere Meldungen:
        # Polizeipräsidium X", "Mehr Nachrichten: Stadtwerke Y".
        Rule.MORE_TOPICS,
        re.compile(
            r"^(?:Weitere|Mehr|Alle|Neueste) (?:Meldungen|Nachrichten|Mitteilungen"
            r"|Pressemitteilungen|Artikel|Beiträge|News)\s*:\s*[^.!?]{2,50}$",
            _I,
        ),
        8,
        (),
    ),
    (
        # A syndicated text's notice: "Dieser Beitrag wurde automatisch aus dem Angebot unseres
        # Partners übernommen", "Der Artikel wird mit freundlicher Genehmigung von X
        # bereitgestellt", "Diese Meldung wurde von der Agentur X übernommen und automatisch
        # publiziert", "Für den Inhalt ist der Originalanbieter verantwortlich".
        Rule.PARTNER,
        re.compile(
            r"^(?:Dieser|Der|Dieses|Das|Diese|Die) (?:Artikel|Beitrag|Text|Inhalt|Inhalte|Bericht"
            r"|Meldung)\b(?=[^.]{0,100}\b(?:Partner\w*|Angebot|Original\w*|Genehmigung"
            r"|Kooperations\w*|automatisch|(?:Nachrichten)?agentur\w*|dpa|AFP|Reuters|SDA|APA|KNA"
            r"|epd)\b)(?=[^.]{0,120}\b(?:übernommen|bereitgestellt|zur Verfügung"
            r" gestellt)\b)"
            # "Dieser Beitrag erschien zuerst bei Site X." (online; a print issue is a print note)
            r"|^(?:Dieser|Dieses|Diese) (?:Artikel|Beitrag|Text|Bericht|Kommentar|Meldung"
            r"|Gastbeitrag)\b[^.]{0,30}\b(?:erschien|ist|wurde)\b[^.]{0,20}\b(?:zuerst|erstmals"
            r"|ursprünglich)\b[^.]{0,20}\b(?:bei|auf) [^.\s][^.]{1,40}?(?:\.[a-z]{2,4})?\.(?:\s|$)"
            r"|^Für (?:den|diesen|dessen|die) Inhalte? (?:ist|sind|zeichnet|zeichnen)"
            r" (?:allein |ausschließlich )?(?:der|die|das) (?:\S+ ){0,3}verantwortlich",
            _I,
        ),
        40,
        ("übernommen", "bereitgestellt", "zur verfügung", "verantwortlich", "zuerst", "erstmals"),
    ),
    (
        # The paper a republished text comes from, with its date: "Quelle: Fehmarn-Bote vom
        # 08.04.2025", "Quelle: Kreiszeitung, 3. Mai 2025".
        Rule.PRINT_NOTE,
        re.compile(
            r"^Quelle\s*:\s*[^.!?:]{2,60}?(?:\s+vom|,)\s*\d{1,2}\.\s*(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+)"
            r"\s*\d{2,4}\.?$",
            _I,
        ),
        14,
        ("quelle",),
    ),
    (
        # A pointer to more of the site's articles on the topic: "Weitere Artikel zum Thema
        # Verkehr finden Sie in unserem Dossier «…»", "Alle Beiträge zur Wahl lesen Sie auf
        # unserer Themenseite".
        Rule.MORE_TOPICS,
        re.compile(
            r"^(?:(?:Weitere|Mehr|Alle|Zusätzliche)(?: \S+)? (?:Artikel|Beiträge|Berichte|Texte"
            r"|Nachrichten|Meldungen|Hintergründe|Geschichten|Reportagen|Analysen)|(?:Mehr"
            r"|Alles|Weiteres) zum Thema)\b[^.!?]{0,80}\b(?:finden|lesen|gibt es|sehen)\b"
            r"[^.!?]{0,60}\b\w*(?:dossier|themenseite|special|spezial|schwerpunkt|übersichtsseite)\b",
            _I,
        ),
        40,
        ("dossier", "themen", "schwerpunkt", "special", "spezial", "übersicht"),
    ),
    (
        # Who held an interview, closing it: "Das Gespräch führte Anna Berg.", "Die Fragen
        # stellte …", "Interview: …", "Moderation: …", "Mit Ida Korn sprach Paul Renner."; a
        # reporter's sentence standing for the byline: "Aus dem Gerichtssaal berichtet A.",
        # "Vom Parteitag berichten A und B".
        Rule.BYLINE,
        re.compile(
            rf"^(?:{INTERVIEW_CREDIT_LEAD}|(?:Interview|Moderation|Gesprächsführung)\s*:"
            rf"|{REPORTER_LEAD})"
            r"\s+(?:[A-ZÄÖÜ][\w'’.-]*(?:\s+|$)){1,4}(?:und\s+(?:[A-ZÄÖÜ][\w'’.-]*"
            r"(?:\s+|$)){1,4})?\.?$",
        ),
        16,
        ("gespräch", "interview", "fragen", "moderation", "sprach", "berichte"),
    ),
    (
        # A subscription's promise of reading: "Jetzt abonnieren und unbegrenzt lesen",
        # "Digital-Abo abschliessen und alle Beiträge lesen".
        Rule.PROMO_SUBSCRIPTION,
        re.compile(
            r"^(?:Jetzt )?(?:abonnieren|(?:\S+-)?Abo abschlie(?:ß|ss)en) und (?:\S+ ){0,3}"
            r"(?:weiter)?lesen\s*[.!]?$",
            _I,
        ),
        12,
        ("abo",),
    ),
    (
        # Inviting readers' letters: "Sie sehen das anders? Schreiben Sie uns an
        # meinung@… – ausgewählte Zuschriften veröffentlichen wir als Leserbrief."
        Rule.FEEDBACK,
        re.compile(
            # Anchored: both lookaheads read the whole line from its start, and unanchored
            # they would be tried again from every position.
            r"^(?=.*\b(?:Schreiben Sie|Schreib|Schreibt|Mailen Sie|Senden Sie|Schicken Sie)"
            r" (?:uns|der Redaktion|an)\b)(?=.*(?:@[\w-]+\.[a-z]{2,}|\bLeserbrief|\bZuschrift"
            r"|\bLeserpost))",
            _I,
        ),
        45,
        ("schreib", "mail", "send", "schick"),
    ),
    (
        # A live blog's closing notice: "Dieser Liveblog ist beendet. Vielen Dank fürs
        # Mitlesen!", "Der Newsticker wird nicht mehr aktualisiert."
        Rule.UI_TOKEN,
        re.compile(
            r"^(?:Dieser|Der|Unser) (?:Live-?[Bb]log|Live-?[Tt]icker|News-?[Tt]icker|News-?[Bb]log"
            r"|Ticker|Blog)\b[^.!?]{0,40}\b(?:beendet|geschlossen|abgeschlossen|endet hier"
            r"|wird nicht (?:mehr )?(?:aktualisiert|fortgesetzt))\b|^(?:Vielen )?Danke? (?:fürs"
            r"|für das|für Ihr|für euer) Mitlesen\W*$",
            _I,
        ),
        20,
        ("blog", "ticker", "mitlesen"),
    ),
    (
        # A video or audio item's title with its duration: "Video: Räumdienst im Einsatz
        # (1:48)", "Audio: Das Interview in voller Länge (12:05)".
        Rule.MEDIA_PLAYER,
        re.compile(
            r"^(?:Video|Audio|Podcast|Clip|Livestream)\s*[:|–-]\s*[^.!?]{3,90}\(\d{1,2}:\d{2}"
            r"(?::\d{2})?(?:\s*(?:min|Min\.?))?\)$",
        ),
        20,
        ("(",),
    ),
    (
        # Asking the reader to log in to comment: "Du musst dich EINLOGGEN, um hier mitreden zu
        # können", "Zum Kommentieren müssen Sie eingeloggt sein", "Sie müssen angemeldet sein,
        # um posten zu können".
        Rule.LOGIN,
        re.compile(
            r"^(?=.*\b(?:kommentar\w*|kommentieren|mitzudiskutieren|mitdiskutieren|mitreden"
            r"|mitzureden|posten|postings?|diskutieren|diskussion)\b)(?=.*\b(?:einloggen"
            r"|einzuloggen|anmelden|anzumelden|eingeloggt|angemeldet|registrieren|login"
            r"|melden sie sich an|melde dich an|loggen sie sich ein|logge dich ein)\b)"
            r"(?=.*\b(?:du|dich|sie|ihr|bitte)\b)",
            _I,
        ),
        22,
        ("einlog", "loggen", "anmeld", "eingeloggt", "angemeldet", "registrier", "login", "melden"),
    ),
    (
        # A question to the reader about this article: "Ihre Meinung ist uns wichtig", "Wie
        # hat Ihnen dieser Artikel gefallen?", "War dieser Artikel hilfreich?", "Haben Sie
        # einen Fehler entdeckt?".
        Rule.FEEDBACK,
        re.compile(
            r"^(?:Ihre Meinung (?:ist uns wichtig|zählt)|Deine Meinung (?:ist uns wichtig"
            r"|zählt)|Wie (?:hat|gefällt|fanden) (?:Ihnen|dir|Sie) (?:dieser|der|dieses|diese"
            r"|den) (?:Artikel|Beitrag|Text)|(?:Hat|Haben) (?:Ihnen|dir) (?:dieser|der|die"
            r"|dieses) (?:Artikel|Beitrag|Text|Beiträge) gefallen|War (?:dieser|der|dieses)"
            r" (?:Artikel|Beitrag|Text) (?:hilfreich|interessant|lesenswert)"
            r"|Feedback zu (?:diesem|dem) (?:Artikel|Beitrag|Text)"
            r"|(?:Haben Sie|Hast du) (?:einen )?Fehler (?:entdeckt|gefunden|bemerkt)"
            r"|Fehler (?:entdeckt|gefunden)\s*\?|(?:Bewerten|Bewerte) (?:Sie )?(?:diesen|den)"
            r" (?:Artikel|Beitrag)"
            # A reactions widget's question: "Wie findest du das?", "Was sagen Sie dazu?"
            r"|(?:Wie (?:findest du|finden Sie|findet ihr)|Was (?:sagst du|sagen Sie|sagt ihr"
            r"|meinst du|meinen Sie|meint ihr)) (?:das|dazu|diesen Artikel|den Artikel|diese"
            r" Nachricht|diesen Beitrag)\s*\?$"
            # A call for the reader's opinion, after such a question: "Was meinen Sie?
            # Schreiben Sie uns Ihre Meinung.", "Sagen Sie uns Ihre Meinung!".
            r"|(?:(?:Was|Wie) (?:meinen|denken|sagen|sehen) Sie(?: das| dazu)?\s*\?\s*)?"
            r"(?:Schreiben|Sagen|Teilen|Verraten|Mailen) Sie uns(?: gerne| hier| jetzt)? Ihre"
            r" (?:Meinung|Ansicht|Sicht)\b[^.!?]{0,40}[.!]?$"
            # Or a bare call to write, after a question to the reader at most: "Haben Sie eine
            # Meinung zu diesem Thema? Schreiben Sie uns.", "Sind Sie betroffen? Schreib uns!"
            r"|(?:[^„“\"»«.!?]{3,80}\?\s*)?(?:Schreiben Sie|Schreib|Schreibt|Mailen Sie) uns"
            r"(?: (?:gerne|doch|einfach|jetzt|hier))?\s*[.!]?$"
            # A tips box: "Wissen Sie mehr?", "Haben Sie Hinweise?", "Schicken Sie uns Hinweise –
            # auch anonym", "Schreib uns deine Tipps".
            r"|(?:Wissen Sie|Weißt du|Wisst ihr) mehr\s*\?$|(?:Haben Sie|Hast du) (?:\S+ )?"
            r"(?:Hinweise|Tipps|Informationen) (?:zu|für) (?:uns|diesem|dieser|diesem Thema)\b"
            r"|(?:(?:Haben Sie|Hast du) (?:\S+ )?(?:Hinweise|Tipps)\s*\?$))",
            _I,
        ),
        40,
        (),
    ),
    (
        # "Schicken Sie uns Hinweise – auch anonym", after a few words at most; gated, as the
        # words before it make the pattern slow. A reader-reporter prompt asks the same of
        # pictures, by a messenger or e-mail: "Hast du etwas beobachtet? Schick uns dein Foto
        # per WhatsApp.", "Schick uns deine Infos per WhatsApp", "Senden Sie Ihre Bilder und
        # Videos an leser@…".
        Rule.FEEDBACK,
        re.compile(
            r"^(?:[^„“\"]{0,80}\b)?(?:Schicken|Senden) Sie uns (?:\S+ )?(?:Hinweise|Tipps"
            r"|Informationen)\b|^(?:[^„“\"]{0,80}\b)?(?:Schick|Sende) uns (?:\S+ )?(?:Hinweise"
            r"|Tipps)\b|^(?:[^„“\"]{0,80}\b)?(?:Schick|Schicke|Schickt|Sende|Sendet|Schicken Sie"
            r"|Senden Sie|Mailen Sie) (?:uns )?(?:\S+ ){0,3}(?:Fotos?|Videos?|Bilder"
            r"|Aufnahmen|Beobachtungen|Hinweise|Tipps|Infos?)\b[^.!?]{0,60}\b(?:per|via|über|an|auf)"
            r" (?:WhatsApp|Telegram|Signal|Threema|E-?Mail|Mail|[\w.-]+@[\w-]+\.)",
            _I,
        ),
        40,
        ("schick", "send", "mail"),
    ),
    (
        # Affiliate disclosure: "Affiliate-Link: Beim Kauf erhalten wir eine Provision".
        Rule.PROMO_SHOP,
        re.compile(
            r"\b(?:Affiliate|Partner|Provisions|Werbe)-?Links?\b|\b(?:erhalten|bekommen)"
            r" (?:wir|der Verlag|die Redaktion) (?:ggf\. |gegebenenfalls |unter Umständen )?"
            r"eine (?:kleine )?Provision",
            _I,
        ),
        40,
        ("link", "provision"),
    ),
    (
        # A price line of a shop box: "449,00 €", "24,90 € inkl. MwSt.", "Jetzt für 54,99 €
        # statt 79,99 € bei Amazon*", and the issue or subscription it sells: "Einzelheft 14,90 €
        # zzgl. Versand", "Jahresabo 89 €".
        Rule.PROMO_SHOP,
        re.compile(
            r"^(?:(?:Jetzt|Nur|Ab|Schon ab)\s+)?(?:(?:Einzel(?:heft|ausgabe|exemplar)|Sonderheft"
            r"|E-Paper|(?:Jahres|Monats|Probe|Digital)-?[Aa]bo(?:nnement)?)\s+)?"
            r"(?:für\s+)?(?:\d{1,5}(?:[.,]\d{2})?\s*(?:€|Euro"
            r"|EUR)|(?:€|EUR)\s*\d{1,5}(?:[.,]\d{2})?)(?:\s*(?:statt|inkl\.?|zzgl\.?|UVP|bei"
            r"|\*|\()[^.!?]*(?:MwSt\.)?)?\s*\*?$",
            _I,
        ),
        12,
        (),
    ),
    (
        # The shop box's call to buy and its labels: "Jetzt beim Händler ansehen", "Zum
        # Angebot", "In den Warenkorb", "Aus unserem Shop", "Blitzangebot".
        Rule.PROMO_SHOP,
        re.compile(
            r"^(?:(?:Jetzt|Hier|Direkt)\s+(?:\S+\s+){0,3}(?:ansehen|kaufen|bestellen"
            r"|vorbestellen|shoppen|sichern|eröffnen|buchen|vergleichen)"
            r"|Zum (?:Angebot|Shop|Produkt|Deal|Händler)|In den (?:Warenkorb|Einkaufswagen)"
            r"|Aus unserem Shop|(?:Blitz|Tages|Top)[- ]?(?:angebot|deal))\W*$",
            _I,
        ),
        8,
        (),
    ),
    (
        # Asking the reader to follow the site on two or more networks: "Folge TechWelt auch
        # auf Mastodon, Bluesky und Instagram!", "Bleiben Sie informiert: Der Morgenkurier auf
        # WhatsApp, Instagram und Threads." A report that someone posted on Facebook and
        # Instagram addresses no reader and stays.
        Rule.PROMO_SOCIAL,
        re.compile(
            r"^(?=.*\b(?:uns|Folg(?:e|t|en Sie)|folg(?:e|t)|Bleib(?:e|t|en Sie)|Diskutier(?:e|t"
            r"|en Sie)|Abonnier(?:e|t|en Sie)|Besuch(?:e|t|en Sie)|Social Media)\b)"
            r"(?=.*\b" + _SOCIAL_NETWORKS + r"\b.*\b" + _SOCIAL_NETWORKS + r"\b"
            r"|.*\b(?:bei|auf|in) (?:den )?Social Media\b)",
        ),
        25,
        (
            "facebook",
            "instagram",
            "tiktok",
            "twitter",
            "threads",
            "mastodon",
            "bluesky",
            "youtube",
            "linkedin",
            "whatsapp",
            "telegram",
            "social media",
        ),
    ),
)

# A print-issue number ("Ausgabe 9/2024", "Heft 3/24", "Nr. 17/2024").
_ISSUE = r"(?:Ausgabe|Heft|Nr\.|Nummer|No\.)\s*\d{1,3}\s*/\s*(?:\d{4}|\d{2})"
# A date as a dateline prints it, perhaps after a label ("online seit 12. September 2024").
_LABELLED_DATE = (
    r"(?:(?:online|erschienen|veröffentlicht|publiziert|gedruckt|aus|in|im)(?:\s+(?:seit|am|ab"
    r"|vom|in|der|dem))*\s*:?\s*)?(?:(?:Mo|Di|Mi|Do|Fr|Sa|So)[a-z]*\.?,?\s*)?(?:\d{1,2}\.\s*"
    r"(?:\d{1,2}\.|[A-ZÄÖÜ][a-zä]+\.?)\s*\d{2,4}|" + _ISSUE + r")"
)

# What a print-first note says of the text: it appeared or appears, and where (an issue, the
# print).
_APPEARED = (
    r"(?=(?:[^.]|(?<=\d)\.){0,80}\b(?:erschien|erschienen|erscheinen|veröffentlicht|abgedruckt"
    r"|gedruckt|erscheint(?! (?:mir|uns|ihm|ihr|ihnen|dir|euch)\b))\b)"
)
_IN_PRINT = r"\b(?:Ausgabe|Heft|Print|Printausgabe|Print-Ausgabe|gedruckten|Nr\.)|\d{1,2}/\d{2,4}"
_TEXT_KINDS = (
    r"(?:Text|Artikel|Beitrag|Interview|Essay|Kommentar|Reportage|Porträt|Gespräch|Kolumne"
    r"|Gastbeitrag)"
)

DATELINE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A dateline with the print issue: "Ausgabe 9/2024 · online seit 12. September 2024",
        # "18. April 2024 · Ausgabe 17/2024", "Heft 3/24, erschienen am 02.03.2024".
        Rule.TIMESTAMP,
        re.compile(
            rf"^(?=.*{_ISSUE}){_LABELLED_DATE}(?:\s*[·|•,;/–-]\s*{_LABELLED_DATE})*\s*$", _I
        ),
        14,
        ("/",),
    ),
    (
        # A note that the text was printed first: "Dieser Text erschien zuerst in HORIZONTE
        # 12/2023. Das Heft ist am Kiosk erhältlich.", "Dieses Interview ist in unserem Magazin
        # erschienen.", "Erstveröffentlichung: …", "Aus der Printausgabe vom 4. Mai". The text
        # speaks of itself ("Dieser …") and names where it appeared.
        Rule.PRINT_NOTE,
        re.compile(
            rf"^(?:Dieser|Dieses|Diese) {_TEXT_KINDS}\b{_APPEARED}"
            rf"(?=(?:[^.]|(?<=\d)\.){{0,120}}(?:{_IN_PRINT}|\b(?:Zeitung|Magazin)))"
            r"|^(?:Zuerst|Erstmals|Ursprünglich) (?:erschienen|veröffentlicht|gedruckt) (?:in|im"
            r"|auf|bei)\b|^Erstveröffentlichung\s*:|^Aus der (?:Print-?[Aa]usgabe|gedruckten"
            r" Ausgabe|Ausgabe|Heftausgabe)\b",
            _I,
        ),
        45,
        ("erschien", "erschein", "veröffentlich", "gedruckt", "ausgabe"),
    ),
    (
        # The same of "Der Beitrag", only with "zuerst"/"erstmals" and a print issue: "Der
        # Beitrag ist erstmals in der Printausgabe vom 3. Mai 2024 erschienen." A report that
        # another paper's interview "erschien zuerst in der Zeitung X" names no issue and stays.
        Rule.PRINT_NOTE,
        re.compile(
            rf"^(?:Der|Das|Die) {_TEXT_KINDS}\b(?=(?:\s+\S+){{0,5}}\s+(?:zuerst|erstmals"
            rf"|ursprünglich)\b){_APPEARED}(?=(?:[^.]|(?<=\d)\.){{0,120}}(?:{_IN_PRINT}))",
            _I,
        ),
        45,
        ("erschien", "erschein", "veröffentlich", "gedruckt"),
    ),
)

# Boxes inside or after the text: a paywall, a donation box, a statistics box, a partner line.
BOX_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # "Lesen Sie weiter mit HK Plus", "Weiterlesen mit Z+", "Mit Plus weiterlesen", "Lies
        # weiter mit deinem Abo", "Diesen Artikel mit Abo weiterlesen".
        Rule.PAYWALL,
        re.compile(
            r"^(?:(?:Jetzt )?(?:Lesen Sie|Lies|Lest) (?:jetzt )?(?:weiter|den ganzen Artikel"
            r"|den vollständigen Artikel|alle Artikel) mit\b|(?:(?:Diesen|Den) (?:Artikel|Beitrag"
            r"|Text) )?mit (?:\S+ ){0,2}(?:Plus|Abo|Abonnement|Premium|Digital-?Abo|\S+\+)"
            r" (?:weiter)?lesen\b|(?:Jetzt |Hier )?(?:Weiterlesen|Weiter lesen|Freischalten)"
            r" mit\b|(?:Sie haben|Du hast) (?:Ihr|dein)"
            r" (?:Gratis|Frei)-?(?:kontingent|artikel)|(?:Dieser|Der|Dieses|Das) (?:Artikel"
            r"|Beitrag|Inhalt|Text) ist (?:nur |exklusiv )?(?:für|mit) \S+ (?:Plus|Abonnent"
            r"|Abonnentinnen|Premium))",
            _I,
        ),
        25,
        (
            "lesen",
            "lies ",
            "lest ",
            "freischalten",
            "kontingent",
            "artikel",
            "beitrag",
            "inhalt",
            "text",
        ),
    ),
    (
        # A trial offer: "4 Wochen für 1 € testen, danach monatlich kündbar", "Einen Monat für
        # 0,99 Euro lesen", "30 Tage gratis testen, danach 9,99 € im Monat".
        Rule.PAYWALL,
        re.compile(
            r"\b(?:\d+|einen|ein|zwei|drei|vier|sechs|zwölf) (?:Tage?|Wochen?|Monate?)"
            r" (?:lang )?(?:für|zu|um|ab|nur) (?:nur )?\d+(?:[,.]\d+)?\s?(?:€|Euro|EUR)"
            r"(?: \S+){0,2} (?:testen|lesen|ausprobieren|sichern)\b"
            r"|\b(?:testen|lesen|gratis|kostenlos|€|Euro|EUR),? (?:[-–] )?danach (?:\S+ ){0,4}"
            r"(?:kündbar|€|Euro|monatlich)"
            # "im ersten Monat für 0,99 €", "die ersten drei Monate zu je 1 Euro"
            r"|\b(?:im|den|die) ersten (?:\S+ )?(?:Monat|Monate|Monaten|Wochen?) (?:für|zu|um"
            r"|ab|nur) (?:je |nur )?\d+(?:[,.]\d+)?\s?(?:€|Euro|EUR)",
            _I,
        ),
        40,
        ("€", "euro", "eur", "danach"),
    ),
    (
        # "Unabhängiger Journalismus braucht Ihre Unterstützung.", "Jetzt spenden", "Werden
        # Sie Unterstützer:in", "Unterstütze unsere Arbeit mit einer Spende".
        Rule.PROMO_DONATION,
        re.compile(
            r"^(?:(?:Jetzt|Hier|Einfach|Gleich) (?:\S+ )?(?:spenden|unterstützen|Mitglied werden"
            r"|Förder\w* werden|Unterstützer\w* werden)|Spende jetzt|Spenden Sie"
            r" (?:jetzt|hier)|Werden Sie (?:Förder|Unterstützer|Mitglied)\w*"
            r"|Werde (?:Förder|Unterstützer|Mitglied)\w*)\W*$"
            r"|^(?:\w+ )?(?:Journalismus|Lokaljournalismus|Qualitätsjournalismus|Recherche|Arbeit)"
            r" (?:braucht|kostet|lebt von|ist angewiesen auf) (?:\S+ )?(?:Ihre|deine|eure|Ihrer"
            r"|deiner|eurer) (?:Unterstützung|Hilfe|Spenden?)"
            r"|^(?:Bitte )?(?:Unterstützen Sie|Unterstütze|Unterstützt) (?:uns|unsere Arbeit"
            r"|unseren Journalismus|unsere Recherchen?)\b(?=.*\b(?:Spende|spenden|Beitrag"
            r"|Mitgliedschaft)\b)",
            _I,
        ),
        25,
        ("spende", "unterstütz", "förder", "mitglied", "hilfe"),
    ),
    (
        # A statistics box: two or more "label: n – n" pairs ("Würfe: 48 – 51 · Paraden: 14 –
        # 11", "Ballbesitz 58 % | 42 %", "Ecken: 7:3").
        Rule.STATS_BOX,
        re.compile(
            r"^(?:[A-ZÄÖÜ][\w./-]*(?: [\w./-]+){0,2}:?\s*\d+(?:[,.]\d+)?\s*%?\s*[-–:|/]\s*"
            r"\d+(?:[,.]\d+)?\s*%?\s*(?:[·|•;]\s*|$)){2,}$",
        ),
        40,
        tuple("0123456789"),
    ),
    (
        # A partner line under the byline: "In Kooperation mit dem Kreisblatt und Radio X",
        # "Eine Kooperation von A und B", "Diese Recherche entstand in Zusammenarbeit mit …".
        Rule.PARTNER,
        re.compile(
            r"^(?:(?:In|Eine?) (?:Kooperation|Zusammenarbeit|Partnerschaft|Medienpartnerschaft)"
            r" (?:mit|von|zwischen)\b[^.!?]*$|(?:Diese[rs]?|Der|Die|Das) (?:Recherche|Artikel"
            r"|Beitrag|Text|Projekt|Serie|Bericht|Reportage) (?:entstand|ist|wurde|erscheint)"
            r" (?:\S+ ){0,3}in (?:Kooperation|Zusammenarbeit|Partnerschaft) mit\b)",
            _I,
        ),
        25,
        ("kooperation", "zusammenarbeit", "partnerschaft"),
    ),
)
