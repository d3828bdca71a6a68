"""A site's consent banner, when its lines reach the text: the standard sentence on what the
site and its partners store and process, and the row of its buttons ("Alle akzeptieren",
"Pur-Abo").

Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE

# A banner's buttons: to accept, to refuse, to choose, or to pay for reading without tracking.
_BUTTON = (
    r"(?:(?:Alle )?(?:akzeptieren|ablehnen|zulassen)(?: und weiter)?|Zustimmen(?: und weiter)?"
    r"|Einstellungen(?: verwalten| anpassen)?|Nur (?:notwendige|essenzielle)(?: Cookies)?"
    r"|Pur-?Abo|(?:Werbefrei|Ohne Werbung) lesen(?: mit PUR)?|Auswahl speichern)"
)

CONSENT_BANNER_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # "Wir und unsere Partner speichern und/oder greifen auf Informationen auf einem Gerät
        # zu", "Wir und unsere 140 Partner verarbeiten personenbezogene Daten": the partners
        # and what they do with the reader's device or data. A company's partners doing
        # anything else ("Wir und unsere Partner verarbeiten 2000 Tonnen Altholz") stay.
        Rule.CONSENT,
        re.compile(
            r"^Wir und unsere (?:bis zu )?(?:\d+ )?(?:Werbe)?partner (?:speichern|greifen"
            r"|verarbeiten|nutzen|verwenden|benötigen)\b[^.!?]*?\b(?:(?:einem|Ihrem|deinem|dem)"
            r" (?:Endg|G)erät|personenbezogene\w* Daten|Cookies|Einwilligung)",
            _I,
        ),
        40,
        ("partner",),
    ),
    (
        # Its buttons in a row: "Alle akzeptieren Pur-Abo", "Zustimmen | Einstellungen"; one
        # alone only where no sentence says it ("Alle akzeptieren", "Pur-Abo").
        Rule.CONSENT,
        re.compile(
            rf"^{_BUTTON}(?:\s*[|·/]?\s*{_BUTTON})+$|^(?:Alle (?:akzeptieren|ablehnen)|Pur-?Abo)$",
            _I,
        ),
        10,
        ("akzeptieren", "ablehnen", "zulassen", "zustimmen", "pur"),
    ),
)
