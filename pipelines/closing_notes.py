"""Lines under a text that speak of the site, not the news: an agency's or company's note that
it supplies the page's content, a comment counter with its call to join in, who may comment, a
pitch for the site's newsletter, a pointer to its picture gallery, who edited the text, and the
site's appeal to share its articles since it is blocked.

Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule
from pipelines.offices import PERSON_NAME

_I = re.IGNORECASE
# Readers the site lets in once they log in: "registrierte Abonnenten", "angemeldeten Nutzern",
# "eingeloggte Leserinnen und Leser".
_READERS = r"(?:Nutzer|Leser|Abonnent|Mitglied|User|Kund|Abokund)\w*"
_LOGGED_IN_READERS = (
    rf"(?:registriert|angemeldet|eingeloggt)\w*\s+(?:\w+\s+)?{_READERS}"
    rf"(?:\s+(?:und|&)\s+{_READERS})?"
)
# The site's own gallery: "unserer Galerie", "unserer großen Bildergalerie", "der Fotostrecke"
# (a gallery of art is "die Galerie am Markt", never the site's picture pages).
_SITE_GALLERY = (
    r"(?:in|auf) (?:unsere[rnm]? (?:\S+ )?(?:Bilder|Foto)?(?:galerie|strecke)"
    r"|(?:der|dieser) (?:Bilder|Foto)(?:galerie|strecke))"
)
_PICTURES = r"(?:Fotos|Bilder|Eindrücke|Impressionen|Aufnahmen)"
# Names after "bearbeitet von": one or more people ("A", "A und B", "A, B und C").
_NAMES = rf"{PERSON_NAME}(?:(?:,| und) {PERSON_NAME})*"

# What a site calls its own blocking: "die Sperrung unseres Senders", "das Blockieren von
# Vostok TV", "das Verbot unserer Website".
_OWN_BLOCKING = (
    r"(?:die Sperrung|das Blockieren|die Blockade|das Verbot|das Sendeverbot) (?:unseres"
    r" (?:Senders|Kanals|Portals|Mediums|Angebots)|unserer (?:Website|Webseite|Seite|Plattform)"
    r"|von [A-Z][\w .-]{1,30}?)"
)

CLOSING_NOTE_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # "Die Inhalte dieser Seite werden von der X GmbH bereitgestellt", "Alle Meldungen
        # dieser Rubrik werden von der Agentur Y zur Verfügung gestellt". The content named is
        # the page's, or its supplier a company or an agency: "Die Inhalte des Kurses werden
        # von der Volkshochschule bereitgestellt" is news.
        Rule.PARTNER,
        re.compile(
            r"^(?:Die|Alle|Sämtliche) (?:Inhalte|Texte|Meldungen|Nachrichten|Beiträge|Artikel)\b"
            r"(?=[^.!?]*?(?:\b(?:Seite|Rubrik|Website|Webseite|Angebot|Angebots|Newsticker"
            r"|Newstickers|Ticker|Tickers|Ressort|Ressorts|Bereich|Bereichs|Portal|Portals)\b"
            r"|\bGmbH\b|\bAG\b|\bAgentur\b|Nachrichtenagentur|\bdpa\b|\bdpa-|\bAFP\b|\bReuters\b"
            r"|\bKNA\b|\bepd\b|\bSDA\b|\bAPA\b|\bKeystone\b))"
            r"[^.!?]{0,60}? (?:werden|wurden|sind|werden uns) (?:\w+ ){0,2}(?:von|vom|durch)"
            r" [^.!?]{2,60}? (?:bereitgestellt|zur Verfügung gestellt|geliefert)\s*\.?$",
            _I,
        ),
        30,
        ("bereitgestellt", "zur verfügung", "geliefert"),
    ),
    (
        # A comment counter with its call: "Kommentare (0) – Diskutieren Sie mit!",
        # "3 Kommentare · Jetzt mitreden".
        Rule.COMMENTS,
        re.compile(
            r"^(?:\d+\s+Kommentare?|Kommentare?\s*\(\d+\))\s*[–—·|:,/-]?\s*(?:(?:jetzt|hier) )?"
            r"(?:diskutieren Sie mit|diskutier(?:e|t)? mit|mitreden|mitdiskutieren|kommentieren"
            r"|Ihre Meinung ist gefragt|Meinung sagen)\W*$",
            _I,
        ),
        10,
        ("kommentar",),
    ),
    (
        # A pitch for the site's newsletter: "Mehr Lokalnews aus X gibt es jeden Morgen im
        # Newsletter", "Die wichtigsten Nachrichten aus der Region täglich per Newsletter". It
        # opens on what the newsletter holds and ends on it: "Die Stadt verschickt ihre
        # Mitteilungen künftig täglich per Newsletter" is news.
        Rule.PROMO_NEWSLETTER,
        re.compile(
            r"^(?:Mehr|Alle|Weitere|Die (?:wichtigsten|neuesten|besten)|Das Wichtigste)"
            r" (?!als\b)[^.!?]{2,60}? (?:(?:gibt es|gibt's|erhalten Sie|bekommen Sie|lesen Sie"
            r"|liefern wir(?: Ihnen)?|schicken wir(?: Ihnen)?)\b[^.!?]{0,40}? )?"
            r"(?:im|per|in unserem|mit unserem|über unseren|als) (?:[\w-]+[- ])?Newsletter"
            r"\s*[.!]?$",
            _I,
        ),
        25,
        ("newsletter",),
    ),
    (
        # Who may comment, as the comment section's closed door: "Kommentare sind nur für
        # registrierte Abonnenten möglich. Jetzt einloggen", "Die Kommentarfunktion steht nur
        # angemeldeten Nutzern zur Verfügung", "Nur eingeloggte Leser können kommentieren".
        Rule.LOGIN,
        re.compile(
            r"^(?:(?:Die |Das )?(?:Kommentare|Kommentieren|Kommentarfunktion|Leserkommentare"
            r"|Diskussion)\s+(?:ist|sind|steht|stehen)\s+(?:nur|ausschließlich|lediglich)\s+"
            rf"(?:für\s+)?{_LOGGED_IN_READERS}(?:\s+(?:möglich|erlaubt|offen|zugänglich"
            r"|freigeschaltet|zur Verfügung|vorbehalten))?"
            rf"|Nur {_LOGGED_IN_READERS} (?:können|dürfen) (?:hier )?(?:kommentieren"
            r"|Kommentare (?:schreiben|verfassen|abgeben)|mitdiskutieren))\s*[.!]?"
            r"(?:\s+(?:Jetzt |Hier |Bitte )?(?:einloggen|anmelden|registrieren|login)\W*)?$",
            _I,
        ),
        20,
        ("kommentar", "kommentier", "diskut"),
    ),
    (
        # A pointer to the site's picture gallery: "Fotos vom Spiel gibt es in unserer Galerie.",
        # "Weitere Bilder finden Sie in der Bildergalerie", "In unserer Fotostrecke gibt es mehr
        # Eindrücke vom Fest". Pictures shown in a gallery of art are news.
        Rule.UI_TOKEN,
        re.compile(
            rf"^(?:(?:Mehr|Weitere|Alle|Viele) )?{_PICTURES}\b[^.!?]{{0,50}}? (?:gibt es"
            r"|gibt's|finden Sie|findet ihr|findest du|sehen Sie|seht ihr) (?:hier )?"
            rf"{_SITE_GALLERY}\s*[.!]?$"
            rf"|^{_SITE_GALLERY} (?:gibt es|finden Sie|sehen Sie|findet ihr) (?:\S+ ){{0,2}}"
            rf"{_PICTURES}\b[^.!?]{{0,40}}[.!]?$",
            _I,
        ),
        20,
        ("galerie", "strecke"),
    ),
    (
        # Who edited a wire text, maybe after who reported it and before where to turn with
        # questions: "Bearbeitet von A. Bei Rückfragen wenden Sie sich bitte an unsere Redaktion
        # in Frankfurt.", "(Bericht von A; redigiert von B)", "Redaktionelle Bearbeitung: B".
        # The editor is no author. And the
        # question's pointer alone: "Bei Rückfragen wenden Sie sich an unsere Redaktion unter …".
        # An office as the editor names no one either: "Redaktion: Stabsstelle Kommunikation",
        # "Redaktion: Presse- und Öffentlichkeitsarbeit".
        Rule.BYLINE,
        re.compile(
            rf"^\(?(?:(?i:Bericht|Recherche|Text|Mitarbeit) von {_NAMES}\s*[,;]\s*)?"
            rf"(?i:bearbeitet|redigiert|editiert|redaktionell bearbeitet) von {_NAMES}\s*[.;]?"
            r"(?:\s+(?i:bei|für) Rückfragen\b[^!?]{0,120})?\)?$"
            rf"|^(?:Redaktionelle )?(?:Bearbeitung|Betreuung|Redigatur)\s*:\s*{_NAMES}\s*\.?$"
            r"|^Redaktion\s*:\s*(?:[A-ZÄÖÜ][\w-]*\s+(?:und\s+|für\s+)?){0,3}?(?i:\w*(?:stelle"
            r"|kommunikation|öffentlichkeitsarbeit|referat|abteilung|pressebüro|marketing))"
            r"(?:\s+(?:der\s+|des\s+)?[A-ZÄÖÜ][\w-]*){0,3}\.?$"
            r"|^(?:Bei|Für) Rückfragen (?:wenden Sie sich|erreichen Sie|schreiben Sie)\b[^!?]{0,40}"
            r"\b(?:unsere[rn]?|die) (?:Redaktion|Nachrichtenredaktion|Newsroom)\b[^!?]{0,80}$",
        ),
        40,
        ("bearbeit", "redigiert", "editiert", "rückfragen", "betreuung", "redigatur", "redaktion:"),
    ),
    (
        # A site's appeal about its blocking, as a state broadcaster sets it under its texts:
        # "Durch die Sperrung unseres Senders in der EU soll eine unabhängige Informationsquelle
        # zum Schweigen gebracht werden. Teilen Sie unsere Artikel, …", "Durch die Sperrung von
        # X zielt die EU darauf ab, … zum Schweigen zu bringen. … Wenn Euch unsere Artikel
        # gefallen, teilt sie gern …". The site speaks of itself or to the reader; a report of
        # such a ban quotes someone ("…, sagte die Sprecherin").
        Rule.PROMO_CTA,
        re.compile(
            rf"^Durch {_OWN_BLOCKING}\b[^.!?]{{0,80}}?\bzum Schweigen\b"
            r"(?=.*\b(?:unser(?:e[mnrs]?)?|Euch|euch|teilt|(?:Teilen|Folgen|Unterstützen) Sie)\b)"
            r"(?!.*\b(?:sagte|sagt|erklärte|kritisierte|schrieb|hieß es)\b)"
        ),
        90,
        ("schweigen",),
    ),
)
