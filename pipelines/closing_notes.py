"""Lines under a text that speak of the site, not the news: an agency's or company's note that
it supplies the page's content, a comment counter with its call to join in, a pitch for the
site's newsletter.

Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE

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
)
