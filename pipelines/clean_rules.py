"""The cleaning rules as data: rule names (the StrEnum Rule) and the tables pipelines.clean uses."""

from __future__ import annotations

import re
from enum import StrEnum


class Rule(StrEnum):
    """Names of the generic cleaning rules (stable: stored with dropped lines, shown by
    --explain)."""

    TITLE_REPEATED = "title:repeated"
    TITLE_GLUED = "title:glued"
    DATE_PREFIX = "meta:date-prefix"
    DATE_ONLY = "meta:date-only"
    TIMESTAMP = "meta:timestamp"
    READING_TIME = "meta:reading-time"
    BYLINE = "meta:byline"
    # A kicker, section label or breadcrumb printed above the headline ("Lokales", "Handwerk").
    KICKER = "meta:kicker"
    MEHR_ZUM_THEMA = "teaser:mehr-zum-thema"
    LESEN_SIE_AUCH = "teaser:lesen-sie-auch"
    AUCH_INTERESSANT = "teaser:auch-interessant"
    WEITERLESEN = "teaser:weiterlesen"
    TEASER_AFTER_IMAGE = "teaser:after-image"
    # Applied on the HTML tree (pipelines.tree), before trafilatura: a related-article link glued
    # between two sentences of a paragraph, or a paragraph that is nothing but such a link.
    TEASER_INLINE_LINK = "teaser:inline-link"
    TEASER_LINK_BLOCK = "teaser:link-block"
    # A label and a row of five or more short links: a directory of sections (pipelines.blocks).
    LINK_ROW = "chrome:link-row"
    PROMO_TELEGRAM = "promo:telegram"
    PROMO_WHATSAPP = "promo:whatsapp"
    PROMO_NEWSLETTER = "promo:newsletter"
    PROMO_SUBSCRIPTION = "promo:subscription"
    PROMO_CTA = "promo:call-to-action"
    REGISTRATION = "chrome:registration"
    LOGIN = "chrome:login"
    UI_TOKEN = "chrome:ui-token"
    SHARE = "chrome:share"
    COMMENTS = "widget:comments"
    CREDIT_IMAGE = "credit:image"
    CREDIT_AGENCY = "credit:agency"
    CREDIT_IMAGE_ALT = "credit:image-alt"
    CREDIT_CAPTION = "credit:caption"
    # Video/audio player furniture: "Verfügbar bis 08.03.2027", "Dauer: 2:31 Min", "00:00 / 03:12",
    # and the video's own title right above such a line.
    MEDIA_PLAYER = "media:player"
    AD_LABEL = "ad:label"
    CONSENT = "consent:embed"
    # Furniture classes of pipelines.furniture: a label leading a list of other articles'
    # headlines ("Mehr Themen auf …", "Weitere Nachrichten"), a broadcast line ("Sendung: …,
    # 15:10 Uhr"), a citation suggestion, shop and affiliate blocks, social and feedback prompts.
    MORE_TOPICS = "teaser:more-topics"
    BROADCAST = "meta:broadcast"
    CITATION = "meta:citation"
    PROMO_SHOP = "promo:shop"
    PROMO_SOCIAL = "promo:social"
    FEEDBACK = "promo:feedback"
    POLL = "promo:poll"  # a reader poll's question over its answer options (pipelines.polls)
    SPONSORS = "promo:sponsors"  # a sponsors row under its label (pipelines.box_blocks)
    # A print-first note ("Erschien zuerst in …"), a partner line, donation, paywall, stats boxes.
    PRINT_NOTE = "meta:print-note"
    PARTNER = "meta:partner"
    PROMO_DONATION = "promo:donation"
    PAYWALL = "promo:paywall"
    STATS_BOX = "widget:stats-box"
    # A disclaimer on the text itself: "Dieser Artikel ersetzt keine ärztliche Beratung",
    # "Der Beitrag gibt die Meinung des Autors wieder".
    DISCLAIMER = "meta:disclaimer"
    # A press release's number line, contact block, keywords, sender ("Pressekontakt: …").
    RELEASE = "meta:release"
    # A wire item's end marker alone on its line: "Ende der Meldung", "– Ende –", "(Ende)".
    END_MARKER = "meta:end-marker"
    INFO_LABEL = "meta:info-label"
    # Applied on the HTML tree: a pull quote (a sentence of the text repeated in a <blockquote>).
    PULL_QUOTE = "teaser:pull-quote"
    FOREIGN_SCRIPT = "script:foreign"
    TAIL = "tail:furniture"
    SIDE_COLUMN = "chrome:side-column"  # a side column or its box (pipelines.tables, side_boxes)


SITE_RULE_PREFIX = "site:"
SITE_CUT_RULE_PREFIX = "site-cut:"

# Every generic rule name, as plain strings.
ALL_RULES: tuple[str, ...] = tuple(rule.value for rule in Rule)

_I = re.IGNORECASE

# --- repairs ---------------------------------------------------------------------------------

# Furniture words that a naive text join glues onto the next block: "Zur BilddatenbankDie …",
# "Neueste obenÄlteste oben". Split only after these, never on a generic lower/upper-case
# boundary ("BahnCard", "McDonald's" are words).
GLUED_FURNITURE_RE = re.compile(
    r"(?<![\w-])(Zur Bilddatenbank|Bilddatenbank|Neueste oben|Älteste oben|Neuste oben"
    r"|Abonnieren|Weiterlesen|Newsticker|loader|Chats|Anzeige|Werbung|Teilen|Drucken"
    r"|Mehr zum Thema|Beitreten zu Telegramm|Beitreten)(?=[A-ZÄÖÜ„\"])"
)
# " date 2026-02-10 Dadurch …", " date 2023-11 Die Stadt: …": a scraper's metadata field glued
# before the first words.
DATE_PREFIX_RE = re.compile(
    r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s+\d{4}-\d{2}(?:-\d{2})?"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s+(?=\S)",
    _I,
)
ISO_PREFIX_RE = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s+"
    r"(?=[A-ZÄÖÜ„\"«»])"
)
# A related-article lead-in glued to the end of a paragraph, after the sentence ended:
# "… Verkehrswende". Mehr zum Thema – Die Stadt plant …".
GLUED_TEASER_TAIL_RE = re.compile(
    r"(?<=[.!?…\"“”»)])\s*((?:Mehr zum Thema|Lesen Sie auch|Auch interessant"
    r"|Das könnte Sie auch interessieren)\s*[-–—:]\s*\S.*)$"
)

# What ends a related-article lead-in: a separator, the line's end, or the headline glued on
# with no space, as a join of a label element and a link gives it ("Auch interessantDie …").
_LEAD_IN_END = r"(?:\b\s*(?:[-–—:|»›>…]|\.\.\.|$)|(?-i:(?<=[a-zäöüß])(?=[A-ZÄÖÜ„\"])))"
GLUED_TEASER_LEAD_INS = ("mehr zum thema", "lesen sie auch", "auch interessant", "das könnte")
# Every glued join: a lower-case letter before an upper-case one or a quote, sought from the latter.
GLUE_SHAPE_RE = re.compile(r"[A-ZÄÖÜ„\"](?<=[a-zäöüß].)")

# --- phrase rules: (rule, pattern, max words, gate); the first match wins ---------------------
# The gate is a tuple of lower-case substrings of which one must occur before the (slower,
# unanchored) pattern runs; an empty gate always runs the pattern.

PHRASE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        Rule.MEHR_ZUM_THEMA,
        re.compile(rf"^Mehr zum Thema{_LEAD_IN_END}", _I),
        40,
        (),
    ),
    (
        Rule.LESEN_SIE_AUCH,
        re.compile(
            r"^(?:[►▶▸→]\s*)?(?:Lesen Sie (?:auch|mehr|hier|dazu|weiter)|Auch lesenswert"
            r"|Siehe auch|Passend (?:dazu|zum Thema)|Das könnte Sie (?:auch )?interessieren"
            r"|Empfehlungen? (?:der Redaktion|für Sie)|(?:Weitere|Verwandte|Ähnliche) "
            r"(?:Artikel|Beiträge)|Meistgelesen(?:e Artikel)?|Zum Thema|Mehr dazu|Dazu passend"
            rf"|Lese-?Tipp){_LEAD_IN_END}",
            _I,
        ),
        40,
        (),
    ),
    (
        Rule.AUCH_INTERESSANT,
        re.compile(rf"^(?:Auch|Ebenfalls|Das ist auch) interessant{_LEAD_IN_END}", _I),
        40,
        (),
    ),
    (
        Rule.WEITERLESEN,
        re.compile(
            r"^(?:[►▶▸→»>›]\s*)?(?:Weiterlesen|Weiter lesen|Mehr lesen|Hier weiterlesen"
            r"|Zum (?:ganzen |vollständigen )?Artikel|Artikel lesen|Mehr erfahren)"
            r"\s*(?:[:»›>→…]|\.\.\.)?\s*$",
            _I,
        ),
        6,
        (),
    ),
    (
        Rule.REGISTRATION,
        re.compile(
            r"^(?:Registrierung (?:erfolgreich )?abgeschlossen|Vielen Dank für (?:Ihre|deine) "
            r"Registrierung|Klicken Sie bitte (?:auf )?den (?:Bestätigungs)?link"
            r"|Klicken Sie (?:auf )?den (?:Bestätigungs)?link (?:in|aus) der E-Mail"
            r"|(?:Bitte )?bestätigen Sie Ihre E-Mail|Jetzt (?:kostenlos )?registrieren\b"
            r"|Registrieren Sie sich(?: jetzt| kostenlos)?\b|Ein Bestätigungslink wurde"
            r"|(?:Sie haben )?noch kein(?:en)? (?:Konto|Account|Benutzerkonto)\b)",
            _I,
        ),
        25,
        (),
    ),
    (
        Rule.COMMENTS,
        re.compile(
            r"^(?:Um an der Diskussion teilzunehmen|(?:\d+\s+)?Kommentare?(?:\s*\(\d+\))?:?$"
            r"|Kommentare? (?:anzeigen|laden|einblenden|ausblenden|lesen|schreiben|verfassen"
            r"|abgeben|hinzufügen)\b|(?:Jetzt |Hier )?kommentieren$|Diskutieren Sie mit\b"
            r"|Die Kommentarfunktion (?:ist|wurde|steht)\b|(?:Neueste|Neuste|Älteste|Beliebteste)"
            r" (?:oben|zuerst)$|(?:Alle|Zu den) Kommentaren?\b|Schreiben Sie (?:einen|den ersten)"
            r" Kommentar|Sortieren nach\b|Ihr Kommentar\b"
            # A link to the forum, maybe with its call ("Zum Forum: Jetzt mitdiskutieren").
            r"|(?:Zum (?:Diskussions)?forum|Zur Diskussion)\W*(?:(?:jetzt |hier )?mit\w+\W*)?$"
            # "Kommentare sind für diesen Artikel deaktiviert", "Kommentieren ist … möglich."
            r"|(?:Die )?(?:Kommentare?|Kommentarfunktion|Kommentieren) (?:sind|ist|wurden|wurde)"
            r" (?:für|bei|zu|unter) (?:diese[mnrs]?|de[mn]) (?:Artikel|Beitrag|Text|Thema"
            r"|Meldung)\s+(?:\S+ )?(?:deaktiviert|geschlossen|abgeschaltet|ausgeschaltet"
            r"|gesperrt|nicht (?:möglich|aktiviert|verfügbar))\W*$"
            r"|Um (?:zu kommentieren|kommentieren zu können|einen Kommentar (?:zu )?(?:schreiben|"
            r"verfassen|abgeben))\b)",
            _I,
        ),
        30,
        (),
    ),
    (
        Rule.LOGIN,
        re.compile(
            r"^(?:(?:bitte )?(?:loggen|melden) Sie sich (?:ein|an)\b|loggen Sie sich ein oder"
            r"|(?:Anmelden|Einloggen|Login|Log-in|Abmelden|Logout|Passwort vergessen\??"
            r"|Mein Konto|Benutzername|Passwort)$|Sie (?:sind|waren) (?:nicht )?"
            r"(?:angemeldet|eingeloggt)\b|(?:Sie haben|Du hast) (?:bereits|schon) ein(?:en)? "
            r"(?:Konto|Account|Benutzerkonto|Kundenkonto|Zugang)\b|(?:Bereits|Schon) "
            r"(?:registriert|angemeldet|Kunde|Kundin|Mitglied|(?:\w+-?)?Abonnent(?:in|:in|\*in)?"
            r"|(?:\w+-?)?Abokund(?:e|in))\s*\?)",
            _I,
        ),
        25,
        (),
    ),
    (
        Rule.PROMO_SUBSCRIPTION,
        re.compile(
            r"^(?:(?:Dieser|Der) (?:Artikel|Beitrag|Inhalt) ist (?:nur |exklusiv )?für "
            r"(?:Abonnent|Plus|Premium)|(?:Weiterlesen|Weiter lesen|Jetzt lesen) mit\b"
            r"|Sie haben bereits ein (?:Abo|Abonnement)|Jetzt (?:für )?\d+(?:[,.]\d+)? ?(?:€|Euro)"
            r"|\d+ (?:Tage|Wochen|Monate) (?:gratis|kostenlos) (?:testen|lesen)"
            r"|(?:Abo|Abonnement) (?:abschlie(?:ß|ss)en|sichern|wählen|auswählen)"
            r"|Unterstützen Sie (?:unabhängigen |unseren )?\w*Journalismus)",
            _I,
        ),
        30,
        (),
    ),
    (
        Rule.AD_LABEL,
        re.compile(
            r"^(?:[-–—\s]*(?:Anzeige|Werbung|Advertisement|Sponsored(?: Content| Post)?|Gesponsert"
            r"|Bezahlte Partnerschaft|Werbeanzeige)[-–—\s]*$"
            r"|(?:Anzeige|Werbung)\s*[-–—:|]?\s*(?:Scrollen Sie weiter|weiterlesen|schließen"
            r"|ausblenden|überspringen)\W*$|Anzeige\s*:)",
            _I,
        ),
        15,
        (),
    ),
    (
        Rule.MEDIA_PLAYER,
        re.compile(
            r"^(?:(?:Video|Audio|Podcast|Sendung|Beitrag) )?(?:verfügbar|abrufbar) bis\b"
            r"|^(?:Dauer|Länge|Laufzeit|Spieldauer)\s*:?\s*\d{1,3}(?::\d{2})?\s*(?:Min|Sek|$)"
            r"|^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$",
            _I,
        ),
        15,
        (),
    ),
    (
        # "Nordwelle Magazin · 08.03.2025 19:30 Uhr · 2 Min": programme, date, duration.
        Rule.MEDIA_PLAYER,
        re.compile(r"[·|•]\s*\d{1,3}(?::\d{2})?\s*(?:Min\.?|Minuten|Sek\.?|Sekunden)$", _I),
        15,
        ("·", "|", "•"),
    ),
    (
        Rule.CONSENT,
        re.compile(
            r"^(?:Externer? Inhalt\b|Empfohlener (?:redaktioneller |externer )?Inhalt\b"
            r"|(?:Inhalte?|Video|Tweet|Post|Karte|Grafik|Podcast|Umfrage) (?:laden|anzeigen"
            r"|aktivieren|abspielen)$|(?:Alle )?(?:Cookies|externen Inhalte) (?:akzeptieren"
            r"|zulassen|erlauben|ablehnen)|Um (?:diesen|den|dieses|diese) (?:externen )?"
            r"(?:Inhalt|Beitrag|Tweet|Post|Video|Karte|Grafik|Element|Umfrage|Podcast) (?:zu sehen"
            r"|anzuzeigen|anzusehen|sehen zu können|abzuspielen|anzuhören|zu laden)"
            r"|(?:An dieser Stelle|Hier) (?:finden Sie|befindet sich|ist) eine?n? "
            r"(?:externe[nr]?|eingebettete[nr]?) "
            # The button under such a prompt: "Zustimmen und Video laden".
            r"|(?:Zustimmen|Akzeptieren|Einverstanden|Aktivieren) und (?:Video|Inhalte?|Karte"
            r"|Beitrag|Podcast|Tweet|Post|Grafik) (?:laden|anzeigen|abspielen|ansehen)$"
            # "Zum Anzeigen dieses Inhalts von Instagram bitte auf „Akzeptieren“ klicken."
            r"|(?:Zum|Um) (?:Anzeigen|Abspielen|Laden|Ansehen|Aktivieren) "
            r"(?:des|dieses|der|diese[sn]?|von) (?:externen )?(?:Inhalts?|Videos?|Beitrags?"
            r"|Posts?|Tweets?|Karte|Grafik|Podcasts?|Elements?)\b"
            # "Mit dem Laden des Videos akzeptieren Sie die Datenschutzerklärung von YouTube."
            r"|Mit dem (?:Laden|Abspielen|Aktivieren|Anzeigen|Klick auf) (?:des|der|dieses"
            r"|diese[rns]?|den) (?:\w+ ){0,2}(?:akzeptieren|bestätigen|stimmen) Sie\b)",
            _I,
        ),
        60,
        (),
    ),
    (
        # The same prompts' sentences anywhere in the line; gated, as they are not anchored.
        Rule.CONSENT,
        re.compile(
            r"Ich bin damit einverstanden, dass mir externe"
            r"|\bexterne[nr]? Inhalte? (?:angezeigt|anzeigen|laden|zulassen|aktivieren|freigeben"
            r"|zustimmen|akzeptieren|erlauben)"
            r"|personenbezogene Daten an Drittplattformen"
            # "Hier wird ein Beitrag von Instagram angezeigt, sobald Sie der Nutzung externer
            # Dienste zustimmen": shown once the reader agrees.
            r"|\b(?:angezeigt|geladen|abgespielt|eingeblendet),? (?:sobald|wenn|nachdem) (?:Sie"
            r"|du|ihr) (?:\S+ ){0,5}(?:zustimm|einwillig|akzeptier|erlaub|aktivier|zulass)\w*"
            r"|\bexterne[nr]? (?:Dienste|Anbieter|Medien|Plattformen)\b.{0,20}\b(?:zustimm"
            r"|einwillig|akzeptier|erlaub|zulass)\w*"
            r"|(?:weitere|mehr) Informationen (?:dazu )?(?:finden Sie |erhalten Sie )?in "
            r"(?:unserer|der) Datenschutzerklärung|Einwilligung jederzeit (?:widerrufen"
            r"|zurückziehen)|akzeptieren Sie die Datenschutzerklärung",
            _I,
        ),
        60,
        (
            *("extern", "drittplattform", "datenschutzerklärung", "einwilligung"),
            *("angezeigt", "geladen", "abgespielt", "eingeblendet"),
        ),
    ),
    (
        Rule.READING_TIME,
        re.compile(
            r"^(?:(?:Lesezeit|Lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Min(?:\.|uten?)?)\b"
            r"|\d+\s*Min(?:\.|uten?)?\s*(?:Lesezeit|Lesedauer))",
            _I,
        ),
        8,
        (),
    ),
)

# Who held an interview, opening its closing credit ("Das Gespräch führte A.", "Die Fragen
# stellte A", "Mit Ida Korn sprach A."), and a reporter's sentence standing for the byline ("Aus
# dem Gerichtssaal berichtet A.", "Vom Parteitag berichten A und B"): names follow either.
INTERVIEW_CREDIT_LEAD = (
    r"(?:Das|Dieses) (?:Gespräch|Interview) (?:führten?|hat geführt|haben geführt"
    r"|wurde geführt von)|Die Fragen stellten?"
    r"|Mit (?:(?:der|dem|den) \S+ )?(?:[A-ZÄÖÜ][\w'’-]* ){1,4}sprach(?:en)?"
)
REPORTER_LEAD = r"(?:Aus|Vom|Von der|Von dem|Von) [^.!?:]{1,40}? berichte[tn]"

# --- UI tokens -----------------------------------------------------------------------------

# Whole lines that are widget labels, buttons or counters ("Newsticker", "0", "loader", "Live",
# "Chats"; "Abonnieren" is a subscribe button).
UI_TOKENS = frozenset(
    {
        "loader",
        "loading",
        "laden",
        "wird geladen",
        "wird geladen...",
        "wird geladen…",
        "lädt",
        "lädt...",
        "live",
        "chat",
        "chats",
        "newsticker",
        "ticker",
        "liveticker",
        "menü",
        "menu",
        "suche",
        "suchen",
        "schließen",
        "teilen",
        "drucken",
        "merken",
        "speichern",
        "zurück",
        "weiter",
        "mehr",
        "mehr laden",
        "mehr anzeigen",
        "alle anzeigen",
        "nach oben",
        "zum seitenanfang",
        "startseite",
        "share",
        "tweet",
        "print",
        "kopieren",
        "link kopieren",
        "artikel teilen",
        "artikel drucken",
        "artikel merken",
        "anhören",
        "vorlesen",
        "artikel anhören",
        "artikel vorlesen",
        "abonnieren",
        "folgen",
        "gefällt mir",
        "antworten",
        "melden",
        "schriftgröße",
        "feedback",
        "rss",
        "top",
        "x",
        "ok",
        "vk",
        "e-mail",
        "email",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "instagram",
        "linkedin",
        "xing",
        "pinterest",
        "reddit",
        # ticker, gallery and widget controls
        "aktualisieren",
        "weitere einträge laden",
        "mehr einträge laden",
        "ältere einträge laden",
        "bildergalerie",
        "zur bildergalerie",
        "alle bilder anzeigen",
        "artikel empfehlen",
        "leserbrief schreiben",
        "druckversion",
        "druckansicht",
        "druckfassung",
        "druckvorschau",
        # English widget labels that WordPress plugins print on German sites (Jetpack)
        "loading...",
        "loading…",
        "like",
        "like this",
        "share this",
        "related",
    }
)
# Words of a share bar, which may come as one line: "Facebook Twitter WhatsApp E-Mail".
SHARE_WORDS = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "e-mail",
        "email",
        "mail",
        "teilen",
        "drucken",
        "merken",
        "linkedin",
        "xing",
        "pinterest",
        "reddit",
        "vk",
        "ok",
        "kopieren",
        "flipboard",
        "threads",
        "bluesky",
        "mastodon",
        "print",
        "share",
        "tweet",
        "instagram",
        "youtube",
        "tiktok",
        "messenger",
        "pocket",
    }
)
SHARE_SPLIT_RE = re.compile(r"[\s|·•/]+")
# A gallery's picture counter: "Bild 1 von 6", "Foto 3/12", "2 / 8".
PICTURE_COUNTER = r"(?:(?:Bild|Foto|Slide|Image)\s+)?\d{1,3}\s*(?:/|von|of)\s*\d{1,3}"
COUNTER_RE = re.compile(
    rf"^(?:\(?\d{{1,5}}\)?|\d{{1,3}}(?:[ .\u202f]\d{{3}})+|Seite\s+\d{{1,3}}\s*(?:/|von|of)"
    rf"\s*\d{{1,3}}|{PICTURE_COUNTER})$",
    _I,
)
# A tool or footer bar as one line: "Drucken | Artikel empfehlen | Leserbrief schreiben".
TOOL_SPLIT_RE = re.compile(r"\s*[|·•]\s*")
TOOL_WORDS = frozenset(
    {
        "artikel empfehlen",
        "empfehlen",
        "weiterempfehlen",
        "artikel weiterempfehlen",
        "seite weiterempfehlen",
        "weiterleiten",
        "artikel weiterleiten",
        "leserbrief schreiben",
        "leserbrief",
        "artikel versenden",
        "versenden",
        "druckversion",
        "druckansicht",
        "druckfassung",
        "druckvorschau",
        "seite drucken",
        "kommentare",
        "kommentieren",
        "impressum",
        "datenschutz",
        "datenschutzerklärung",
        "kontakt",
        "agb",
        "nutzungsbedingungen",
        "cookie-einstellungen",
        "barrierefreiheit",
        "mediadaten",
        "sitemap",
        "archiv",
        "newsletter",
        "abo",
    }
)


def is_tool_bar(text: str) -> bool:
    """A line of nothing but tool, share and footer words, maybe split by bars or dots:
    "Drucken | Weiterempfehlen", "Teilen · Merken"."""
    segments = [seg.strip(" .:").casefold() for seg in TOOL_SPLIT_RE.split(text)]
    segments = [seg for seg in segments if seg]
    return bool(segments) and all(
        seg in UI_TOKENS or seg in TOOL_WORDS or seg in SHARE_WORDS for seg in segments
    )


# --- promotional calls to action -----------------------------------------------------------

CTA_RE = re.compile(
    r"\b(?:beitreten|abonnier(?:en|e|t|st)|jetzt (?:anmelden|registrieren|folgen|lesen|testen"
    r"|sichern|entdecken|herunterladen|bestellen|abonnieren|beitreten)|hier (?:klicken"
    r"|anmelden|abonnieren|entlang)|klicken Sie hier|klick hier|melde dich|meld dich"
    r"|melden Sie sich (?:\w+ ){0,5}an\b|trag(?:e|en Sie) (?:dich|sich) (?:\w+ ){0,3}ein\b"
    r"|folg(?:e|t|en Sie) uns|folg(?:e|t|en Sie) (?:[\w-]+ ){0,3}auf (?:Telegram|WhatsApp|Instagram"
    r"|Facebook|X|YouTube|TikTok|VK|Odysee|Twitter|Bluesky|Mastodon|Threads|LinkedIn)\b"
    r"|tritt (?:\w+ ){0,4}bei\b|treten Sie (?:\w+ ){0,4}bei\b"
    r"|tretet (?:\w+ ){0,4}bei\b|verpasse nichts|verpassen Sie (?:keine|nichts)"
    r"|nichts mehr verpassen|kostenlos (?:online |digital )?(?:testen|lesen|abonnieren"
    r"|herunterladen|hören)"
    # The newsletter or the subscription to order, maybe after "jetzt" or a pitch and a dash:
    # "Das Wichtigste aus der Region – jetzt den Newsletter bestellen", "Abo abschliessen"
    # (never "Wer ein Abo abschließen will").
    r"|(?:(?:jetzt|hier|gleich) (?:\S+ ){0,3}|(?<=[–—:] )(?:\S+ ){0,3})?(?:Newsletter|Abo"
    r"|Abonnement|Probeabo)\w* (?:\S+ )?(?:bestellen|abonnieren|abschlie(?:ß|ss)en|anfordern"
    r"|sichern)\b(?! (?:will|möchte|kann|muss|soll)\w*)"
    # Where to get the site's own product: "hören Sie im Podcast", "überall, wo es Podcasts gibt".
    r"|erhalten Sie (?:\S+ ){0,5}(?:per|als|via) (?:E-Mail|Mail|Newsletter|Push)"
    r"|(?:hören|lesen|sehen) Sie (?:\w+ ){0,4}(?:im|in unserem|in unserer|in der|als) "
    r"(?:\w+-)?(?:Podcast|E-Paper|ePaper|App|Mediathek)\b|überall,? wo es (?:\w+ )?Podcasts gibt)",
    _I,
)
OWN_CHANNEL_RE = re.compile(
    r"\b(?:unser(?:e[mnrs]?)?|mein(?:e[mnrs]?)?) (?:\w+[- ])?(?:Kanal|Kanals|Channel|Newsletter"
    r"|Telegram\w*|WhatsApp\w*|Podcast|Abo\w*|Community|Gruppe|App)\b",
    _I,
)
CHANNEL_RE = re.compile(
    r"(?:Telegram|WhatsApp|Newsletter|\bKanal\b|\bChannel\b|\bAbo\b|Abonnement|Push-Nachricht"
    r"|Push-Mitteilung|Instagram|Facebook|YouTube|TikTok|Podcast|E-Paper|ePaper|Mediathek"
    r"|per E-Mail)",
    _I,
)
# Where a site's podcast or app is to be had: said of the site's own product, never in news.
AVAILABLE_AT_RE = re.compile(
    r"überall,? wo es (?:\w+ )?Podcasts gibt|\b(?:bei|auf|in) (?:Spotify|Apple Podcasts|Deezer"
    r"|Google Play|(?:im|dem) App Store)\b",
    _I,
)
# Promotional inserts are short; a longer line is a paragraph, whatever words it uses.
PROMO_MAX_WORDS = 60
# Words one of which starts every promo phrase above: lines without any skip its patterns.
PROMO_GATE_WORDS = frozenset(
    [
        "folgen",
        "beitreten",
        "abonnieren",
        "abonniere",
        "abonniert",
        "abonnierst",
        "jetzt",
        "hier",
        "klicken",
        "klick",
        "melde",
        "meld",
        "melden",
        "trage",
        "tragen",
        "folge",
        "folgt",
        "folgen",
        "tritt",
        "treten",
        "tretet",
        "verpasse",
        "verpassen",
        "nichts",
        "kostenlos",
        "abo",
        "newsletter",
        "hören",
        "lesen",
        "erhalten",
        "überall",
        "unser",
        "unsere",
        "unserem",
        "unseren",
        "unserer",
        "unseres",
        "mein",
        "meine",
        "meinem",
        "meinen",
        "meiner",
        "meines",
    ]
)
TOKEN_STRIP = ".,!?;:„“”\"'()»«–-…👉"
EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b05-\u2b07\u2b50]")
FIRST_PERSON_PLURAL_RE = re.compile(r"\b(?:bei uns|wir|uns(?:er\w*)?)\b", _I)
SECOND_PERSON_RE = re.compile(r"\b(?:du|dich|dir|dein\w*|euch|euer|eure\w*)\b", _I)
# A formal imperative opening the line ("Folgen Sie …", "Abonnieren Sie …"): news sentences
# almost never start that way.
IMPERATIVE_START_RE = re.compile(
    r"^(?:Folgen|Abonnieren|Lesen|Hören|Laden|Melden|Registrieren|Holen|Sichern|Testen"
    r"|Unterstützen|Installieren|Aktivieren|Klicken|Besuchen|Werden|Entdecken) Sie\b"
)
POINTER_START_RE = re.compile(r"^\W{0,3}(?:👉|➡|⬇|👇|→|>>|»)")
# Reporting verbs: a line that reports what someone said or did is news, not a promo.
NEWS_VERB_RE = re.compile(
    r"\b(?:sagte|sagten|erklärte|erklärten|kündigte|kündigten|teilte|teilten|schrieb|schrieben"
    r"|berichtete|berichteten|meldete|meldeten|betonte|betonten|hieß es|so der|so die|laut"
    r"|zufolge|veröffentlichte|veröffentlichten|postete|posteten|bestätigte|warnte|forderte"
    r"|forderten|rief|riefen|verbreitete|verbreiteten|mitteilte|wurde|wurden|hatte|hatten)\b",
    _I,
)
QUOTED_SPEECH_RE = re.compile(r"[„\"“«»‚].{3,}?[“\"”«»‘].{3,}")

# "Mehr zum Thema – <headline>": a separator with something after it.
LEAD_IN_WITH_HEADLINE_RE = re.compile(r"[-–—:|»›>]\s*\S")

# --- subheading / sentence shape -----------------------------------------------------------

SENTENCE_END_RE = re.compile(r"[.!?…:;][\"“”»«'’)\]]*$")
OPENING_QUOTES = "„\"'»«“‚‘(["
# trafilatura's plain-text list-item marker ("- ", indented for nested lists).
ITEM_MARKER_RE = re.compile(r"^\s*- (?=\S)")
NON_ALNUM_RE = re.compile(r"[\W_]+")

# Rules whose lines mark the end of the article text: widget labels after them are furniture.
TAIL_TRIGGERS = ("chrome:", "widget:", "teaser:", "promo:", "consent:", "ad:")
