"""Line-level cleaning of extracted article text: drop site furniture, repair glued blocks."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipelines.dates import ISO_RE, MONTHS, NUMERIC_RE, classify_date_line
from pipelines.types import CleaningRules, DroppedLine

# Why this layer exists: trafilatura removes boilerplate by class/id names only; Telegram promos
# in plain <p>, registration modals with unfamiliar class names, inline "Mehr zum Thema" lines
# and image credits leak through with or without favor_precision (FIELD-NOTES, "Traps"). These
# rules work on the text, generically (for sites never seen) and per site
# (`CleaningRules.drop_line_patterns` / `cut_after_patterns`).
#
# They lean towards keeping: a line goes only on a specific phrase, a specific shape (a bare
# date, a credit, a UI token) or several promotional signals at once. A short line without a
# final period is NOT suspect by itself: it is a subheading. Every removal is reported as a
# `DroppedLine` naming its rule, so `--explain` can show why a line went.

# Rule names (stable: stored with dropped lines and shown by --explain).
RULE_TITLE_REPEATED = "title:repeated"
RULE_TITLE_GLUED = "title:glued"
RULE_DATE_PREFIX = "meta:date-prefix"
RULE_DATE_ONLY = "meta:date-only"
RULE_TIMESTAMP = "meta:timestamp"
RULE_READING_TIME = "meta:reading-time"
RULE_BYLINE = "meta:byline"
# A kicker, section label or breadcrumb printed above the headline ("Lokales", "Handwerk").
RULE_KICKER = "meta:kicker"
RULE_MEHR_ZUM_THEMA = "teaser:mehr-zum-thema"
RULE_LESEN_SIE_AUCH = "teaser:lesen-sie-auch"
RULE_AUCH_INTERESSANT = "teaser:auch-interessant"
RULE_WEITERLESEN = "teaser:weiterlesen"
RULE_TEASER_AFTER_IMAGE = "teaser:after-image"
# Applied on the HTML by extract.py, before trafilatura: a related-article link glued between two
# sentences of a paragraph, or a paragraph that is nothing but such a link.
RULE_TEASER_INLINE_LINK = "teaser:inline-link"
RULE_TEASER_LINK_BLOCK = "teaser:link-block"
RULE_PROMO_TELEGRAM = "promo:telegram"
RULE_PROMO_WHATSAPP = "promo:whatsapp"
RULE_PROMO_NEWSLETTER = "promo:newsletter"
RULE_PROMO_SUBSCRIPTION = "promo:subscription"
RULE_PROMO_CTA = "promo:call-to-action"
RULE_REGISTRATION = "chrome:registration"
RULE_LOGIN = "chrome:login"
RULE_UI_TOKEN = "chrome:ui-token"
RULE_SHARE = "chrome:share"
RULE_COMMENTS = "widget:comments"
RULE_CREDIT_IMAGE = "credit:image"
RULE_CREDIT_AGENCY = "credit:agency"
RULE_CREDIT_IMAGE_ALT = "credit:image-alt"
RULE_CREDIT_CAPTION = "credit:caption"
# Video/audio player furniture: "Verfügbar bis 08.03.2027", "Dauer: 2:31 Min", "00:00 / 03:12",
# and the video's own title right above such a line.
RULE_MEDIA_PLAYER = "media:player"
RULE_AD_LABEL = "ad:label"
RULE_CONSENT = "consent:embed"
RULE_FOREIGN_SCRIPT = "script:foreign"
RULE_TAIL = "tail:furniture"
SITE_RULE_PREFIX = "site:"
SITE_CUT_RULE_PREFIX = "site-cut:"

ALL_RULES: tuple[str, ...] = (
    RULE_TITLE_REPEATED,
    RULE_TITLE_GLUED,
    RULE_DATE_PREFIX,
    RULE_DATE_ONLY,
    RULE_TIMESTAMP,
    RULE_READING_TIME,
    RULE_BYLINE,
    RULE_KICKER,
    RULE_MEHR_ZUM_THEMA,
    RULE_LESEN_SIE_AUCH,
    RULE_AUCH_INTERESSANT,
    RULE_WEITERLESEN,
    RULE_TEASER_AFTER_IMAGE,
    RULE_TEASER_INLINE_LINK,
    RULE_TEASER_LINK_BLOCK,
    RULE_PROMO_TELEGRAM,
    RULE_PROMO_WHATSAPP,
    RULE_PROMO_NEWSLETTER,
    RULE_PROMO_SUBSCRIPTION,
    RULE_PROMO_CTA,
    RULE_REGISTRATION,
    RULE_LOGIN,
    RULE_UI_TOKEN,
    RULE_SHARE,
    RULE_COMMENTS,
    RULE_CREDIT_IMAGE,
    RULE_CREDIT_AGENCY,
    RULE_CREDIT_IMAGE_ALT,
    RULE_CREDIT_CAPTION,
    RULE_MEDIA_PLAYER,
    RULE_AD_LABEL,
    RULE_CONSENT,
    RULE_FOREIGN_SCRIPT,
    RULE_TAIL,
)

_I = re.IGNORECASE

# --- repairs ---------------------------------------------------------------------------------

# Furniture words that a naive text join glues onto the next block: "Zur BilddatenbankDie …",
# "Neueste obenÄlteste oben" (seeds 001). Split only after these, never on a generic
# lower/upper-case boundary ("BahnCard", "McDonald's" are words).
_GLUED_FURNITURE_RE = re.compile(
    r"(?<![\w-])(Zur Bilddatenbank|Bilddatenbank|Neueste oben|Älteste oben|Neuste oben"
    r"|Abonnieren|Weiterlesen|Newsticker|loader|Chats|Anzeige|Werbung|Teilen|Drucken"
    r"|Mehr zum Thema|Beitreten zu Telegramm|Beitreten)(?=[A-ZÄÖÜ„\"])"
)
# " date 2026-02-10 Dadurch …", " date 2023-11 Peskow: …" (seeds 000, 003): a scraper's metadata
# field glued before the first words.
_DATE_PREFIX_RE = re.compile(
    r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s+\d{4}-\d{2}(?:-\d{2})?"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s+(?=\S)",
    _I,
)
_ISO_PREFIX_RE = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s+"
    r"(?=[A-ZÄÖÜ„\"«»])"
)
# A related-article lead-in glued to the end of a paragraph, after the sentence ended:
# "… Weltordnung". Mehr zum Thema – Russland zieht …" (seed 003).
_GLUED_TEASER_TAIL_RE = re.compile(
    r"(?<=[.!?…\"“”»)])\s*((?:Mehr zum Thema|Lesen Sie auch|Auch interessant"
    r"|Das könnte Sie auch interessieren)\s*[-–—:]\s*\S.*)$"
)

_GLUED_TEASER_LEAD_INS = ("mehr zum thema", "lesen sie auch", "auch interessant", "das könnte")
# The shape every glued join has: a lower-case letter right before an upper-case one or a quote.
_GLUE_SHAPE_RE = re.compile(r"[a-zäöüß][A-ZÄÖÜ„\"]")

# --- phrase rules: (rule, pattern, max words, gate); the first match wins ---------------------
# The gate is a tuple of lower-case substrings of which one must occur before the (slower,
# unanchored) pattern runs; an empty gate always runs the pattern.

_PHRASE_RULES: tuple[tuple[str, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        RULE_MEHR_ZUM_THEMA,
        re.compile(r"^Mehr zum Thema\b\s*(?:[-–—:|»›>…]|\.\.\.|$)", _I),
        40,
        (),
    ),
    (
        RULE_LESEN_SIE_AUCH,
        re.compile(
            r"^(?:Lesen Sie (?:auch|mehr|hier|dazu|weiter)|Auch lesenswert|Siehe auch"
            r"|Passend (?:dazu|zum Thema)|Das könnte Sie (?:auch )?interessieren"
            r"|Empfehlungen? (?:der Redaktion|für Sie)|(?:Weitere|Verwandte|Ähnliche) "
            r"(?:Artikel|Beiträge)|Meistgelesen(?:e Artikel)?|Zum Thema|Mehr dazu|Dazu passend"
            r"|Lese-?Tipp)\b\s*(?:[-–—:|»›>…]|\.\.\.|$)",
            _I,
        ),
        40,
        (),
    ),
    (
        RULE_AUCH_INTERESSANT,
        re.compile(
            r"^(?:Auch|Ebenfalls|Das ist auch) interessant\b\s*(?:[-–—:|»›>…]|\.\.\.|$)", _I
        ),
        40,
        (),
    ),
    (
        RULE_WEITERLESEN,
        re.compile(
            r"^(?:[→»>›]\s*)?(?:Weiterlesen|Weiter lesen|Mehr lesen|Hier weiterlesen"
            r"|Zum (?:ganzen |vollständigen )?Artikel|Artikel lesen|Mehr erfahren)"
            r"\s*(?:[:»›>→…]|\.\.\.)?\s*$",
            _I,
        ),
        6,
        (),
    ),
    (
        RULE_REGISTRATION,
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
        RULE_COMMENTS,
        re.compile(
            r"^(?:Um an der Diskussion teilzunehmen|(?:\d+\s+)?Kommentare?(?:\s*\(\d+\))?:?$"
            r"|Kommentare? (?:anzeigen|laden|einblenden|ausblenden|lesen|schreiben|verfassen"
            r"|abgeben|hinzufügen)\b|(?:Jetzt |Hier )?kommentieren$|Diskutieren Sie mit\b"
            r"|Die Kommentarfunktion (?:ist|wurde|steht)\b|(?:Neueste|Neuste|Älteste|Beliebteste)"
            r" (?:oben|zuerst)$|(?:Alle|Zu den) Kommentaren?\b|Schreiben Sie (?:einen|den ersten)"
            r" Kommentar|Sortieren nach\b|Ihr Kommentar\b"
            r"|Um (?:zu kommentieren|kommentieren zu können|einen Kommentar (?:zu )?(?:schreiben|"
            r"verfassen|abgeben))\b)",
            _I,
        ),
        30,
        (),
    ),
    (
        RULE_LOGIN,
        re.compile(
            r"^(?:(?:bitte )?(?:loggen|melden) Sie sich (?:ein|an)\b|loggen Sie sich ein oder"
            r"|(?:Anmelden|Einloggen|Login|Log-in|Abmelden|Logout|Passwort vergessen\??"
            r"|Mein Konto|Benutzername|Passwort)$|Sie (?:sind|waren) (?:nicht )?"
            r"(?:angemeldet|eingeloggt)\b|(?:Sie haben|Du hast) (?:bereits|schon) ein(?:en)? "
            r"(?:Konto|Account|Benutzerkonto|Kundenkonto|Zugang)\b|(?:Bereits|Schon) "
            r"(?:registriert|angemeldet|Kunde|Kundin|Mitglied)\s*\?)",
            _I,
        ),
        25,
        (),
    ),
    (
        RULE_PROMO_SUBSCRIPTION,
        re.compile(
            r"^(?:(?:Dieser|Der) (?:Artikel|Beitrag|Inhalt) ist (?:nur |exklusiv )?für "
            r"(?:Abonnent|Plus|Premium)|(?:Weiterlesen|Weiter lesen|Jetzt lesen) mit\b"
            r"|Sie haben bereits ein (?:Abo|Abonnement)|Jetzt (?:für )?\d+(?:[,.]\d+)? ?(?:€|Euro)"
            r"|\d+ (?:Tage|Wochen|Monate) (?:gratis|kostenlos) (?:testen|lesen)"
            r"|(?:Abo|Abonnement) (?:abschließen|sichern|wählen|auswählen)"
            r"|Unterstützen Sie (?:unabhängigen |unseren )?Journalismus)",
            _I,
        ),
        30,
        (),
    ),
    (
        RULE_AD_LABEL,
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
        RULE_MEDIA_PLAYER,
        re.compile(
            r"^(?:(?:Video|Audio|Podcast|Sendung|Beitrag) )?(?:verfügbar|abrufbar) bis\b"
            r"|^(?:Dauer|Länge|Laufzeit|Spieldauer)\s*:?\s*\d{1,3}(?::\d{2})?\s*(?:Min|Sek|$)"
            r"|^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$"
            # "Nordwelle Magazin · 08.03.2025 19:30 Uhr · 2 Min": programme, date, duration.
            r"|[·|•]\s*\d{1,3}(?::\d{2})?\s*(?:Min\.?|Minuten|Sek\.?|Sekunden)$",
            _I,
        ),
        15,
        (),
    ),
    (
        RULE_CONSENT,
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
        RULE_CONSENT,
        re.compile(
            r"Ich bin damit einverstanden, dass mir externe"
            r"|\bexterne[nr]? Inhalte? (?:angezeigt|anzeigen|laden|zulassen|aktivieren|freigeben"
            r"|zustimmen|akzeptieren|erlauben)"
            r"|personenbezogene Daten an Drittplattformen"
            r"|(?:weitere|mehr) Informationen (?:dazu )?(?:finden Sie |erhalten Sie )?in "
            r"(?:unserer|der) Datenschutzerklärung|Einwilligung jederzeit (?:widerrufen"
            r"|zurückziehen)|akzeptieren Sie die Datenschutzerklärung",
            _I,
        ),
        60,
        ("extern", "drittplattform", "datenschutzerklärung", "einwilligung"),
    ),
    (
        RULE_READING_TIME,
        re.compile(
            r"^(?:(?:Lesezeit|Lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*(?:Min(?:\.|uten?)?)\b"
            r"|\d+\s*Min(?:\.|uten?)?\s*(?:Lesezeit|Lesedauer))",
            _I,
        ),
        8,
        (),
    ),
)

# --- media furniture -----------------------------------------------------------------------

# "Die Flaggen der Nato und Russlands - SNA, 1920, 13.01.2022" (seed 001): image alt text with a
# site, an image width and a date, as teaser cards and lead images render it.
_IMAGE_ALT_RE = re.compile(
    r"^(?P<alt>.+?)\s[-–]\s[^,]{1,60},\s*\d{3,4},\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*$"
)
_CREDIT_START_RE = re.compile(r"^(?:©|\(c\)\s|Copyright\b)", _I)
_CREDIT_LABEL_RE = re.compile(
    r"^(?:Foto|Fotos|Bild|Bilder|Bildquelle|Fotoquelle|Bildnachweis|Fotonachweis|Titelbild"
    r"|Titelfoto|Symbolbild|Archivbild|Archivfoto|Grafik|Illustration|Infografik|Quelle Bild"
    r"|Quelle Foto|Bildrechte|Fotocredit)\s*:\s*\S",
    _I,
)
_CREDIT_DATABASE_RE = re.compile(r"(?:/\s*|^)Zur Bilddatenbank\s*$", _I)
_CREDIT_SOURCE_COPYRIGHT_RE = re.compile(r"^Quelle\s*:.{0,100}©", _I)
# A caption ending in a photographer/agency credit: "… im Rathaus. Foto: Anna Beispiel/dpa".
_CREDIT_TRAILING_RE = re.compile(
    r"(?:Foto|Fotos|Bild)\s*:\s*[\w .&-]{2,40}(?:/\s*[\w .&-]{2,40})+$",
    _I,
)
# A caption sentence followed by its credit label: "… umgebaut werden. Foto: Jana Vogt",
# "… Straßen. Bildquelle: Leserfoto". The credit after the label is short and has no sentence
# of its own; "Quelle:" is not among the labels (a data source under a paragraph is text).
_CAPTION_CREDIT_RE = re.compile(
    r"[.!?…\"“”»)]\s+(?:Foto|Fotos|Bild|Bilder|Bildquelle|Fotoquelle|Bildnachweis"
    r"|Fotonachweis|Credit|Grafik|Illustration)\s*:\s*[^.!?:;]{2,80}$",
    _I,
)
_AGENCIES = frozenset(
    {
        "dpa",
        "afp",
        "ap",
        "reuters",
        "rtr",
        "epd",
        "kna",
        "dts",
        "sid",
        "apa",
        "ddp",
        "dapd",
        "kyodo",
        "xinhua",
        "tass",
        "ria novosti",
        "ria",
        "sputnik",
        "anadolu",
        "efe",
        "ansa",
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
# Single words of the agency names above, to skip lines that name no agency at all.
_AGENCY_WORDS = frozenset(word for name in _AGENCIES for word in name.split())
_AGENCY_TOKEN_RE = re.compile(r"[a-z.]+")
_AGENCY_LABEL_RE = re.compile(r"^(?:Foto|Fotos|Bild|Bilder|Quelle|Text)\s*(?::\s*|\s+)", _I)
_DIGIT_RE = re.compile(r"\d")
_CAPTION_CREDIT_GATE = ("foto", "bild", "credit", "grafik", "illustration")
_AGENCY_SPLIT_RE = re.compile(r"\s*(?:[/|,&;]|\bund\b)\s*")

# --- UI tokens -----------------------------------------------------------------------------

# Whole lines that are widget labels, buttons or counters (seed 001: "Newsticker", "0", "loader",
# "Live", "Chats"; "Abonnieren" is a subscribe button).
_UI_TOKENS = frozenset(
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
_SHARE_WORDS = frozenset(
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
_SHARE_SPLIT_RE = re.compile(r"[\s|·•/]+")
_COUNTER_RE = re.compile(
    r"^(?:\(?\d{1,5}\)?|(?:(?:Bild|Foto|Seite|Slide|Image)\s+)?\d{1,3}\s*(?:/|von|of)\s*\d{1,3})$",
    _I,
)
# A tool or footer bar as one line: "Drucken | Artikel empfehlen | Leserbrief schreiben".
_TOOL_SPLIT_RE = re.compile(r"\s*[|·•]\s*")
_TOOL_WORDS = frozenset(
    {
        "artikel empfehlen",
        "empfehlen",
        "leserbrief schreiben",
        "leserbrief",
        "artikel versenden",
        "versenden",
        "druckversion",
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

# --- promotional calls to action -----------------------------------------------------------

_CTA_RE = re.compile(
    r"\b(?:beitreten|abonnier(?:en|e|t|st)|jetzt (?:anmelden|registrieren|folgen|lesen|testen"
    r"|sichern|entdecken|herunterladen|bestellen|abonnieren|beitreten)|hier (?:klicken"
    r"|anmelden|abonnieren|entlang)|klicken Sie hier|klick hier|melde dich|meld dich"
    r"|melden Sie sich (?:\w+ ){0,5}an\b|trag(?:e|en Sie) (?:dich|sich) (?:\w+ ){0,3}ein\b"
    r"|folg(?:e|t|en Sie) uns|folg(?:e|t|en Sie) (?:\w+ ){0,3}auf (?:Telegram|WhatsApp|Instagram"
    r"|Facebook|X|YouTube|TikTok|VK|Odysee|Twitter|Bluesky|Mastodon|Threads|LinkedIn)\b"
    r"|tritt (?:\w+ ){0,4}bei\b|treten Sie (?:\w+ ){0,4}bei\b"
    r"|tretet (?:\w+ ){0,4}bei\b|verpasse nichts|verpassen Sie (?:keine|nichts)"
    r"|nichts mehr verpassen|kostenlos (?:testen|lesen|abonnieren|herunterladen)"
    r"|abo (?:abschließen|sichern))",
    _I,
)
_OWN_CHANNEL_RE = re.compile(
    r"\b(?:unser(?:e[mnrs]?)?|mein(?:e[mnrs]?)?) (?:\w+[- ])?(?:Kanal|Kanals|Channel|Newsletter"
    r"|Telegram\w*|WhatsApp\w*|Podcast|Abo\w*|Community|Gruppe|App)\b",
    _I,
)
_CHANNEL_RE = re.compile(
    r"(?:Telegram|WhatsApp|Newsletter|\bKanal\b|\bChannel\b|\bAbo\b|Abonnement|Push-Nachricht"
    r"|Push-Mitteilung|Instagram|Facebook|YouTube|TikTok|Podcast)",
    _I,
)
# Promotional inserts are short; a longer line is a paragraph, whatever words it uses.
_PROMO_MAX_WORDS = 60
# Words that start every call to action and own-channel phrase above: lines without any of
# them (most paragraphs) skip the promo patterns.
_PROMO_GATE_WORDS = frozenset(
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
_TOKEN_STRIP = ".,!?;:„“”\"'()»«–-…👉"
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b05-\u2b07\u2b50]")
_FIRST_PERSON_PLURAL_RE = re.compile(r"\b(?:bei uns|wir|uns(?:er\w*)?)\b", _I)
_SECOND_PERSON_RE = re.compile(r"\b(?:du|dich|dir|dein\w*|euch|euer|eure\w*)\b", _I)
# A formal imperative opening the line ("Folgen Sie …", "Abonnieren Sie …"): news sentences
# almost never start that way.
_IMPERATIVE_START_RE = re.compile(
    r"^(?:Folgen|Abonnieren|Lesen|Hören|Laden|Melden|Registrieren|Holen|Sichern|Testen"
    r"|Unterstützen|Installieren|Aktivieren|Klicken|Besuchen|Werden|Entdecken) Sie\b"
)
_POINTER_START_RE = re.compile(r"^\W{0,3}(?:👉|➡|⬇|👇|→|>>|»)")
# Reporting verbs: a line that reports what someone said or did is news, not a promo.
_NEWS_VERB_RE = re.compile(
    r"\b(?:sagte|sagten|erklärte|erklärten|kündigte|kündigten|teilte|teilten|schrieb|schrieben"
    r"|berichtete|berichteten|meldete|meldeten|betonte|betonten|hieß es|so der|so die|laut"
    r"|zufolge|veröffentlichte|veröffentlichten|postete|posteten|bestätigte|warnte|forderte"
    r"|forderten|rief|riefen|verbreitete|verbreiteten|mitteilte|wurde|wurden|hatte|hatten)\b",
    _I,
)
_QUOTED_SPEECH_RE = re.compile(r"[„\"“«»‚].{3,}?[“\"”«»‘].{3,}")

# "Mehr zum Thema – <headline>": a separator with something after it.
_LEAD_IN_WITH_HEADLINE_RE = re.compile(r"[-–—:|»›>]\s*\S")

# --- subheading / sentence shape -----------------------------------------------------------

_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"“”»«'’)\]]*$")
_OPENING_QUOTES = "„\"'»«“‚‘(["
# trafilatura's plain-text list-item marker ("- ", indented for nested lists).
_ITEM_MARKER_RE = re.compile(r"^\s*- (?=\S)")
# What a byline line holds besides the names: "Von A und B, Bremerhaven · 19.02.2025, 18.02 Uhr
# · aktualisiert am 20.02.2025", "Montag, 03.06.2024 - 17:12 Uhr von A".
_BYLINE_FILLER_RE = re.compile(
    r"\b(?:von|by|und|and|mit|text|fotos?|autor(?:in)?|uhr|am|um|stand|aktualisiert|zuletzt"
    r"|veröffentlicht|publiziert|erstellt|update[d]?|montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonnabend|sonntag|heute|gestern)\b|[,;:&/|•·()–—-]",
    _I,
)
_BYLINE_MONTH_DATE_RE = re.compile(
    r"\b\d{1,2}\.?\s+(?P<mon>[A-Za-zÄäÖöÜü]{3,9})\.?,?\s+\d{4}\b", _I
)
_BYLINE_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NON_ALNUM_RE = re.compile(r"[\W_]+")

# A letter outside Latin, Latin-1 and Latin Extended (Greek, Cyrillic, Arabic, CJK …).
_NON_LATIN_LETTER_RE = re.compile(
    "[\u0370-\u1dff\u1f00-\u1fff\u2c00-\u2dff\u3040-\u9fff\ua000-\ud7af]"
)

# Languages written mostly outside the Latin script; anything else is taken as Latin.
_LANGUAGE_SCRIPTS: dict[str, str] = {
    "ru": "cyrillic",
    "uk": "cyrillic",
    "be": "cyrillic",
    "bg": "cyrillic",
    "mk": "cyrillic",
    "sr": "cyrillic",
    "kk": "cyrillic",
    "ky": "cyrillic",
    "tg": "cyrillic",
    "mn": "cyrillic",
    "el": "greek",
    "ar": "arabic",
    "fa": "arabic",
    "ur": "arabic",
    "ps": "arabic",
    "he": "hebrew",
    "yi": "hebrew",
    "zh": "han",
    "ja": "han",
    "ko": "hangul",
    "ka": "georgian",
    "hy": "armenian",
    "hi": "devanagari",
    "th": "thai",
}


# Rules whose lines mark the end of the article text: widget labels after them are furniture.
_TAIL_TRIGGERS = ("chrome:", "widget:", "teaser:", "promo:", "consent:", "ad:")

# report(position, text, rule): how repairs record the fragment they cut off.
_Reporter = Callable[[int, str, str], None]


@dataclass
class _Line:
    text: str
    pos: int  # position in the input, for ordering the report
    rule: str | None = None  # set when the line is dropped
    is_item: bool = False  # a list item (its "- " marker removed)

    @property
    def kept(self) -> bool:
        return self.rule is None


def clean_lines(
    lines: list[str],
    *,
    title: str | None,
    rules: CleaningRules,
    language: str | None,
    authors: Sequence[str] = (),
) -> tuple[list[str], list[DroppedLine]]:
    """Remove furniture from extracted lines; return the kept lines and what was dropped, why.

    `lines` are trafilatura's output lines (one paragraph, subheading or list item each; a line
    containing "\\n" is split). `title` is the article's headline, `language` its expected
    language ("de"), `authors` the bylined names (to drop a repeated byline line).
    Deterministic and free of side effects.
    """
    dropped: list[tuple[int, int, DroppedLine]] = []
    items = _prepare(lines)

    def report(pos: int, text: str, rule: str) -> None:
        dropped.append((pos, len(dropped), DroppedLine(text=text, rule=rule)))

    _apply_site_rules(items, rules)
    _repair_leading(items, title, report)
    _repair_glued_teasers(items, report)
    expected_script = _expected_script(items, language)
    for item in items:
        if item.kept:
            item.rule = _classify(item.text, expected_script, authors)
    _apply_context_rules(items)
    _apply_promo_rules(items)
    _apply_tail_rule(items)

    kept: list[str] = []
    for item in items:
        if item.kept:
            kept.append(item.text)
        else:
            assert item.rule is not None
            report(item.pos, item.text, item.rule)
    dropped.sort(key=lambda entry: (entry[0], entry[1]))
    return kept, [entry[2] for entry in dropped]


# --- steps -----------------------------------------------------------------------------------


def _prepare(lines: Sequence[str]) -> list[_Line]:
    items: list[_Line] = []
    pos = 0
    for raw in lines:
        for part in raw.split("\n"):
            marker = _ITEM_MARKER_RE.match(part)
            text = " ".join(part[marker.end() if marker else 0 :].split())
            if not text:
                continue
            for piece in _split_glued_furniture(text):
                items.append(_Line(piece, pos, is_item=marker is not None))
                pos += 1
    return items


def _split_glued_furniture(text: str) -> list[str]:
    if not _GLUE_SHAPE_RE.search(text):
        return [text]
    pieces: list[str] = []
    start = 0
    for match in _GLUED_FURNITURE_RE.finditer(text):
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


@functools.lru_cache(maxsize=512)
def _compile_site_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _apply_site_rules(items: list[_Line], rules: CleaningRules) -> None:
    cut_patterns = [(p, _compile_site_pattern(p)) for p in rules.cut_after_patterns]
    cut_rule: str | None = None
    for item in items:
        if cut_rule is None:
            for pattern, regex in cut_patterns:
                if regex.search(item.text):
                    cut_rule = SITE_CUT_RULE_PREFIX + pattern
                    break
        if cut_rule is not None:
            item.rule = cut_rule
    for pattern in rules.drop_line_patterns:
        regex = _compile_site_pattern(pattern)
        for item in items:
            if item.kept and regex.search(item.text):
                item.rule = SITE_RULE_PREFIX + pattern


def _repair_leading(
    items: list[_Line],
    title: str | None,
    report: _Reporter,
) -> None:
    """Strip glued date prefixes, a repeated or glued headline, and the kicker above it."""
    kept = [item for item in items if item.kept]
    for index, item in enumerate(kept):
        # A scraper's "date 2025-11-18 " label is unmistakable wherever it sits (a promo line
        # may come first); a bare ISO date only counts before the first words of the text.
        match = _DATE_PREFIX_RE.match(item.text)
        if match is None and index == 0:
            match = _ISO_PREFIX_RE.match(item.text)
        if match is not None:
            report(item.pos, match.group(0).strip(), RULE_DATE_PREFIX)
            item.text = item.text[match.end() :].strip()
    title_key = _alnum_key(title or "")
    if len(title_key) < 8:
        return
    # The headline may come after a modal or a credit line; look at the first few lines only.
    for index, item in enumerate(kept[:5]):
        key = _alnum_key(item.text)
        extra_words = len(item.text.split()) - len(title.split()) if title else 99
        # The headline, or the headline after a kicker ("Wetter Sturmtief … lahm").
        if key == title_key or (key.endswith(title_key) and 0 < extra_words <= 3):
            item.rule = RULE_TITLE_REPEATED
            _drop_kickers(kept[:index])
            return
        if title and len(title.split()) >= 3 and key.startswith(title_key):
            rest = _cut_after_alnum(item.text, title)
            if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENING_QUOTES):
                report(item.pos, item.text[: len(item.text) - len(rest)].strip(), RULE_TITLE_GLUED)
                item.text = rest
                _drop_kickers(kept[:index])
                return


def _drop_kickers(above_title: list[_Line]) -> None:
    """Short label lines above the headline are its kicker, section or breadcrumb, never text.

    Only labels: a line with a sentence end or more than eight words stays (it may be a lead
    that a template prints before the headline).
    """
    for item in above_title:
        if (
            item.kept
            and len(item.text.split()) <= 8
            and not _SENTENCE_END_RE.search(item.text)
            and not item.is_item
        ):
            item.rule = RULE_KICKER


def _repair_glued_teasers(items: list[_Line], report: _Reporter) -> None:
    for item in items:
        if not item.kept:
            continue
        lowered = item.text.casefold()
        if not any(lead_in in lowered for lead_in in _GLUED_TEASER_LEAD_INS):
            continue
        match = _GLUED_TEASER_TAIL_RE.search(item.text)
        if match is None or match.start(1) == 0:
            continue
        teaser = match.group(1)
        rule = RULE_MEHR_ZUM_THEMA if teaser.lower().startswith("mehr") else RULE_LESEN_SIE_AUCH
        if teaser.lower().startswith("auch"):
            rule = RULE_AUCH_INTERESSANT
        report(item.pos, teaser, rule)
        item.text = item.text[: match.start(1)].rstrip()


def _classify(text: str, expected_script: str | None, authors: Sequence[str]) -> str | None:
    """The rule that drops this line on its own, or None."""
    words = len(text.split())
    lowered = text.casefold()
    for rule, regex, max_words, gate in _PHRASE_RULES:
        if words > max_words or (gate and not any(word in lowered for word in gate)):
            continue
        if regex.search(text):
            return rule
    if lowered.rstrip(": ") in _UI_TOKENS or _COUNTER_RE.match(text):
        return RULE_UI_TOKEN
    if words <= 14 and ("|" in text or "·" in text or "•" in text):
        segments = [seg.strip(" .:").casefold() for seg in _TOOL_SPLIT_RE.split(text)]
        segments = [seg for seg in segments if seg]
        if len(segments) >= 2 and all(
            seg in _UI_TOKENS or seg in _TOOL_WORDS or seg in _SHARE_WORDS for seg in segments
        ):
            return RULE_UI_TOKEN
    if 2 <= words <= 12 and lowered.split(None, 1)[0].strip("|·•/") in _SHARE_WORDS:
        share_words = [w for w in _SHARE_SPLIT_RE.split(lowered) if w]
        if all(w in _SHARE_WORDS for w in share_words):
            return RULE_SHARE
    kind = classify_date_line(text)
    if kind is not None:
        return RULE_TIMESTAMP if kind == "timestamp" else RULE_DATE_ONLY
    credit = _credit_rule(text, lowered, words)
    if credit is not None:
        return credit
    if authors and words <= 16 and _is_byline(text, authors):
        return RULE_BYLINE
    if expected_script is not None and _is_foreign_script(text, expected_script):
        return RULE_FOREIGN_SCRIPT
    return None


def classify_line(text: str) -> str | None:
    """The rule that drops this single line on its own (no context, no site rules), or None.

    extract.py asks it before dropping HTML elements, so that furniture the line rules know
    keeps their more specific rule name.
    """
    text = " ".join(text.split())
    return _classify(text, None, ()) if text else None


def is_image_credit(text: str) -> bool:
    """True for a photo credit or caption credit line ("Foto: privat", "© SNA / …")."""
    text = " ".join(text.split())
    if not text:
        return False
    rule = _credit_rule(text, text.casefold(), len(text.split()))
    return rule in (RULE_CREDIT_IMAGE, RULE_CREDIT_CAPTION, RULE_CREDIT_IMAGE_ALT)


def _credit_rule(text: str, lowered: str, words: int) -> str | None:
    if text[-1].isdigit() and _IMAGE_ALT_RE.match(text):
        return RULE_CREDIT_IMAGE_ALT
    if words <= 25 and (
        _CREDIT_START_RE.match(text)
        or ("bilddatenbank" in lowered and _CREDIT_DATABASE_RE.search(text))
        or _CREDIT_SOURCE_COPYRIGHT_RE.match(text)
    ):
        return RULE_CREDIT_IMAGE
    if words <= 15 and _CREDIT_LABEL_RE.match(text):
        return RULE_CREDIT_IMAGE
    if words <= 20 and "©" in text:
        return RULE_CREDIT_IMAGE
    if (
        words <= 30
        and ("foto" in lowered or "bild" in lowered)
        and _CREDIT_TRAILING_RE.search(text)
    ):
        return RULE_CREDIT_IMAGE
    if (
        words <= 40
        and any(label in lowered for label in _CAPTION_CREDIT_GATE)
        and _CAPTION_CREDIT_RE.search(text)
    ):
        return RULE_CREDIT_CAPTION
    if (
        words <= 12
        and not _AGENCY_WORDS.isdisjoint(_AGENCY_TOKEN_RE.findall(lowered))
        and is_agency_credit(text)
    ):
        return RULE_CREDIT_AGENCY
    return None


def is_agency_credit(text: str) -> bool:
    """True for an agency credit: "(dpa)", "dpa/AFP", "picture alliance / dpa", "Quelle: AFP"."""
    stripped = _AGENCY_LABEL_RE.sub("", text.strip(), count=1).strip()
    if stripped[:1] in "([" and stripped[-1:] in ")]":
        stripped = stripped[1:-1].strip()
    if not stripped or stripped[-1:] in "!?:" or _DIGIT_RE.search(stripped):
        return False
    segments = [seg.strip(" .").casefold() for seg in _AGENCY_SPLIT_RE.split(stripped)]
    segments = [seg for seg in segments if seg]
    if not segments or any(len(seg.split()) > 4 for seg in segments):
        return False
    return any(seg in _AGENCIES for seg in segments)


def _is_byline(text: str, authors: Sequence[str]) -> bool:
    """The bylined names with nothing but dates, times, joiners and at most a place name.

    "Von A und B", "Montag, 03.06.2024 - 17:12 Uhr von A", "Von A, Bremerhaven · 19.02.2025,
    18.02 Uhr" are bylines; "Von A stammt auch der Entwurf …" and "A: Ja." are not.
    """
    rest = text
    named = False
    for name in sorted(authors, key=len, reverse=True):
        if name and name in rest:
            rest = rest.replace(name, " ")
            named = True
    if not named or text.rstrip()[-1:] in ".!?":
        return False
    rest = NUMERIC_RE.sub(" ", ISO_RE.sub(" ", rest))
    rest = _BYLINE_MONTH_DATE_RE.sub(
        lambda m: " " if m.group("mon").casefold().rstrip(".") in MONTHS else m.group(0), rest
    )
    rest = _BYLINE_FILLER_RE.sub(" ", _BYLINE_TIME_RE.sub(" ", rest))
    left = rest.split()
    # One capitalised word may remain: the place the author writes from.
    return not left or (len(left) == 1 and left[0].isalpha() and left[0][0].isupper())


def _apply_context_rules(items: list[_Line]) -> None:
    """Rules that need neighbours: teaser lists after a lead-in, captions, image teasers."""
    block_rule: str | None = None
    block_items: bool | None = None  # whether the teaser list is made of list items
    for index, item in enumerate(items):
        # A bare "Mehr zum Thema" / "Lesen Sie auch" lead-in starts a list of headlines.
        if item.rule in (RULE_MEHR_ZUM_THEMA, RULE_LESEN_SIE_AUCH, RULE_AUCH_INTERESSANT):
            block_rule = item.rule if _is_bare_lead_in(item.text) else None
            block_items = None
            continue
        if block_rule is not None and item.kept:
            if block_items is None:
                block_items = item.is_item
            # The list ends where its shape ends: a subheading after a bulleted teaser list
            # is the article again.
            if item.is_item == block_items and _is_headline_like(item.text):
                item.rule = block_rule
                continue
            block_rule = None
        if item.rule == RULE_MEDIA_PLAYER:
            # The line right above player furniture is the video's title ("Elektrofähre auf
            # Jungfernfahrt" over "Verfügbar bis …"): a label, never a sentence.
            previous = _previous_kept(items, index)
            if (
                previous is not None
                and not previous.is_item
                and _is_headline_like(previous.text)
                and len(previous.text.split()) <= 10
            ):
                previous.rule = RULE_MEDIA_PLAYER
        if item.rule == RULE_CREDIT_IMAGE_ALT:
            match = _IMAGE_ALT_RE.match(item.text)
            alt_key = _alnum_key(match.group("alt")) if match else ""
            # The caption that repeats the alt text next to it is part of the image.
            for other in items[max(0, index - 2) : index + 3]:
                if other.kept and alt_key and _alnum_key(other.text) == alt_key:
                    other.rule = RULE_CREDIT_CAPTION
            # An image card followed by a headline is a related-article teaser (seed 001).
            following = _next_kept(items, index)
            if following is not None and _is_headline_like(following.text):
                following.rule = RULE_TEASER_AFTER_IMAGE


def _apply_promo_rules(items: list[_Line]) -> None:
    """Drop promotional calls to action; stricter in mid-article than next to the edges."""
    kept = [item for item in items if item.kept]
    count = len(kept)
    for index, item in enumerate(kept):
        edge = index < 3 or index >= count - 3
        score = _promo_score(item.text)
        if score >= (3 if edge else 4):
            item.rule = _promo_rule(item.text)
    # A promo block takes the most specific name among its lines ("promo:telegram").
    block: list[_Line] = []
    for item in [*items, _Line("", -1)]:
        if item.rule is not None and item.rule.startswith("promo:"):
            block.append(item)
            continue
        names = {line.rule for line in block} - {RULE_PROMO_CTA}
        if len(names) == 1:
            name = names.pop()
            for line in block:
                line.rule = name
        block = []


def _promo_score(text: str) -> int:
    words = len(text.split())
    if words > _PROMO_MAX_WORDS:
        return 0
    emoji = _count_emoji(text)
    if not emoji:
        tokens = {token.strip(_TOKEN_STRIP) for token in text.casefold().split()}
        if tokens.isdisjoint(_PROMO_GATE_WORDS):
            return 0
        if not (_CTA_RE.search(text) or _OWN_CHANNEL_RE.search(text)):
            return 0
    score = 0
    if emoji:
        score += 2 if emoji >= 3 else 1
        # With emoji, a site speaking of itself ("Bei uns gibt's …") or asking the reader a
        # question ("Genug von …?") is advertising itself: news text does neither with emoji.
        if _FIRST_PERSON_PLURAL_RE.search(text):
            score += 1
        if "?" in text:
            score += 1
    if _POINTER_START_RE.match(text):
        score += 2
    if _IMPERATIVE_START_RE.match(text):
        score += 1
    cta = _CTA_RE.search(text) is not None
    if cta:
        score += 2
    if _OWN_CHANNEL_RE.search(text):
        score += 2
    if _CHANNEL_RE.search(text):
        score += 1
    if _SECOND_PERSON_RE.search(text):
        score += 1
    if text.count("!") >= 2:
        score += 1
    news = _NEWS_VERB_RE.search(text) is not None
    if cta and words <= 12 and not news:
        score += 1
    if news:
        score -= 3
    if _QUOTED_SPEECH_RE.search(text):
        score -= 2
    if words > 40:
        score -= 2
    return score


def _promo_rule(text: str) -> str:
    lowered = text.casefold()
    if "telegram" in lowered:
        return RULE_PROMO_TELEGRAM
    if "whatsapp" in lowered:
        return RULE_PROMO_WHATSAPP
    if "newsletter" in lowered:
        return RULE_PROMO_NEWSLETTER
    if "abo" in lowered.split() or "abonn" in lowered:
        return RULE_PROMO_SUBSCRIPTION
    return RULE_PROMO_CTA


def _apply_tail_rule(items: list[_Line]) -> None:
    """Drop leftover widget labels (1-3 words) trailing the article after recognised furniture.

    Only after the last sentence-like line, only when that trailing block already holds a
    widget, teaser or promo line, and never list items: a real article does not end on a
    two-word label.
    """
    last_sentence = -1
    for index, item in enumerate(items):
        if item.kept and (_SENTENCE_END_RE.search(item.text) or len(item.text.split()) >= 8):
            last_sentence = index
    tail = items[last_sentence + 1 :]
    if not any(item.rule is not None and item.rule.startswith(_TAIL_TRIGGERS) for item in tail):
        return
    for item in tail:
        if item.kept and len(item.text.split()) <= 3 and not item.is_item:
            item.rule = RULE_TAIL


# --- helpers ---------------------------------------------------------------------------------


def _previous_kept(items: list[_Line], index: int) -> _Line | None:
    """The kept line before `index`, skipping only other player and date furniture."""
    for item in reversed(items[:index]):
        if item.kept:
            return item
        if item.rule not in (RULE_MEDIA_PLAYER, RULE_CONSENT, RULE_DATE_ONLY, RULE_TIMESTAMP):
            return None
    return None


def _next_kept(items: list[_Line], index: int) -> _Line | None:
    for item in items[index + 1 :]:
        if item.kept:
            return item
        if item.rule in (RULE_CREDIT_IMAGE, RULE_CREDIT_CAPTION, RULE_UI_TOKEN):
            continue
        return None
    return None


def _is_bare_lead_in(text: str) -> bool:
    """True for a lead-in alone ("Mehr zum Thema:"), not "Mehr zum Thema – <headline>"."""
    return len(text.split()) <= 6 and not _LEAD_IN_WITH_HEADLINE_RE.search(text)


def _is_headline_like(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 22 or text[-1] in ".,;:":
        return False
    first = text.lstrip(_OPENING_QUOTES)[:1]
    return first.isupper() or first.isdigit()


def _alnum_key(text: str) -> str:
    """Letters and digits only, case-folded: "„Nullniveau“!" and '"nullniveau"' compare equal."""
    return _NON_ALNUM_RE.sub("", unicodedata.normalize("NFC", text).casefold())


def _cut_after_alnum(text: str, title: str) -> str:
    """The part of `text` after the characters that spell `title` (ignoring punctuation)."""
    needed = len(_alnum_key(title))
    seen = 0
    cut = len(text)
    for index, ch in enumerate(text):
        if not _NON_ALNUM_RE.match(ch):
            seen += len(ch.casefold())
            if seen >= needed:
                cut = index + 1
                break
    rest = text[cut:]
    # The title's own closing characters ('"auf Nullniveau"' ends on a quote) go with it.
    trailing = title[len(title.rstrip("\"“”»«'’)!?")) :]
    if trailing and rest.lstrip().startswith(trailing.strip()):
        rest = rest.lstrip()[len(trailing.strip()) :]
    elif rest[:1] in "\"“”»«'’)!?" and (len(rest) < 2 or rest[1].isspace()):
        rest = rest[1:]
    return rest.strip()


@functools.lru_cache(maxsize=4096)
def _char_script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x370 <= code <= 0x3FF or 0x1F00 <= code <= 0x1FFF:
        return "greek"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x530 <= code <= 0x58F:
        return "armenian"
    if 0x590 <= code <= 0x5FF:
        return "hebrew"
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F:
        return "arabic"
    if 0x900 <= code <= 0x97F:
        return "devanagari"
    if 0xE00 <= code <= 0xE7F:
        return "thai"
    if 0x10A0 <= code <= 0x10FF:
        return "georgian"
    if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if 0xAC00 <= code <= 0xD7AF:
        return "hangul"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].lower() if name else "other"


def _scripts(text: str) -> Counter[str]:
    return Counter(_char_script(ch) for ch in text if ch.isalpha())


def _expected_script(items: list[_Line], language: str | None) -> str | None:
    if language and language not in ("unknown", "und"):
        return _LANGUAGE_SCRIPTS.get(language.split("-", 1)[0].lower(), "latin")
    # No language known: the script of most letters, when it clearly dominates.
    counts: Counter[str] = Counter()
    for item in items:
        if item.kept:
            counts.update(_scripts(item.text))
    total = sum(counts.values())
    if not total:
        return None
    script, count = counts.most_common(1)[0]
    return script if count / total >= 0.8 else None


def _is_foreign_script(text: str, expected: str) -> bool:
    """Mostly in another script: untranslated UI strings like "Заголовок …" in a German page."""
    if expected == "latin" and not _NON_LATIN_LETTER_RE.search(text):
        return False  # the common case, decided without looking at every character
    counts = _scripts(text)
    letters = sum(counts.values())
    if letters < 3:
        return False
    return counts[expected] / letters < 0.5


def _count_emoji(text: str) -> int:
    return len(_EMOJI_RE.findall(text))
