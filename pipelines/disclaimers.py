"""Disclaimers a site sets on its texts: that a text gives no advice or only its writer's view,
that the editors need not share an opinion it prints, and who paid for the reporting.

Same format as clean_rules.PHRASE_RULES: (rule, pattern, max words, gate substrings).
"""

from __future__ import annotations

import re

from pipelines.clean_rules import Rule

_I = re.IGNORECASE

DISCLAIMER_RULES: tuple[tuple[Rule, re.Pattern[str], int, tuple[str, ...]], ...] = (
    (
        # A disclaimer on the text itself: "Wichtiger Hinweis: Dieser Artikel dient der
        # allgemeinen Information und ersetzt keine ärztliche Beratung", "Der Beitrag gibt die
        # Meinung des Autors wieder, nicht die der Redaktion", "Dieser Text stellt keine
        # Anlageberatung dar", "Die Inhalte dienen ausschließlich der Information"; and the
        # bare label sentence "Keine Anlageberatung." ("Keine Anlageberatung bieten …" goes on;
        # "Keine Beratung: …" may open a paragraph).
        Rule.DISCLAIMER,
        re.compile(
            r"^(?:(?:Wichtiger |Rechtlicher )?Hinweis\s*:\s*)?Keine (?:(?:Anlage|Rechts|Steuer"
            r"|Finanz|Vermögens|Kauf|Verkaufs|Handels)(?:beratung|empfehlung)|Aufforderung zum"
            r" (?:Kauf|Verkauf))\s*[.!:]"
            r"|^(?:(?:Wichtiger |Rechtlicher )?Hinweis\s*:\s*)?(?:Dieser|Dieses|Diese|Der|Das|Die"
            r"|Unser) (?:\S+ )?(?:Artikel|Beitrag|Text|Inhalt|Inhalte|Gastbeitrag|Kommentar"
            r"|Informationen|Blogbeitrag|Ratgeber|Meldung|Nachricht|Analyse)\b"
            r"(?=.{0,80}\b(?:ersetz\w* (?:keine|nicht)"
            r"|(?:gibt|spiegel\w*|gibt ausschließlich|gibt allein) (?:\S+ )?(?:die|ausschließlich"
            r" die) (?:persönliche |private )?(?:Meinung|Auffassung|Ansicht)|stell\w* keine \S*"
            r"(?:beratung|empfehlung)|(?:Meinung|Auffassung|Ansicht) (?:der|des)"
            r" (?:Autor|Verfass)|dien\w* (?:ausschließlich|nur|lediglich|allein) (?:der"
            r" (?:allgemeinen )?Information|(?:zu )?Informationszwecken)(?:\.|$| und\b)))",
            _I,
        ),
        40,
        ("ersetz", "meinung", "auffassung", "ansicht", "beratung", "empfehlung", "information"),
    ),
    (
        # The editors distancing themselves from an opinion: "Die Meinung der Autorin muss nicht
        # mit der Redaktion übereinstimmen", "Gastkommentare geben nicht zwangsläufig (zwingend,
        # automatisch) den Standpunkt des Verlags wieder", "Gastbeiträge müssen nicht die
        # Sichtweise der Redaktion widerspiegeln". Reported speech is text ("…, sagte er").
        Rule.DISCLAIMER,
        re.compile(
            r"^(?!.*[,„“\"»«]\s*(?:sagte|sagt|erklärte|erklärt|betonte|betont|meinte|so)\b)"
            r".*?(?:\b(?:Meinung|Ansicht|Auffassung|Sicht|Position)\w* (?:des|der|von)"
            r" (?:jeweiligen )?(?:Autor|Verfasser|Gastautor)\w*\b(?:(?:\s+\S+){0,3}\s+wieder\b"
            r"|[^.]{0,50}\bnicht\b[^.]{0,50}\b(?:Redaktion|Verlag\w*|Herausgeber\w*)\b)"
            r"|\b(?:(?:muss|müssen) nicht|nicht (?:zwangsläufig|zwingend|unbedingt"
            r"|notwendigerweise|automatisch|immer|in jedem Fall))"
            r" (?:\S+ ){0,3}(?:Meinung|Position|Haltung|Ansicht|Auffassung|Linie|Sicht"
            r"(?:weise)?|Standpunkte?) (?:der|des|unserer) (?:Redaktion|Verlag|Herausgeber|Senders"
            r"|Zeitung))",
            _I,
        ),
        40,
        # Each branch names the writer or the editors; the opinion words ("sicht", "linie",
        # "position") are in too many lines. "ı" and "İ" (casefolded with U+0307) match "i".
        (
            *("autor", "verfasser", "redaktion", "verlag", "herausgeber", "senders", "zeitung"),
            *("ı", "\u0307"),
        ),
    ),
    (
        # A disclosure of who paid for the reporting: "Transparenzhinweis: Die Recherchereise
        # wurde vom Tourismusverband unterstützt", "Offenlegung: Die Reise wurde von … bezahlt".
        Rule.DISCLAIMER,
        re.compile(
            r"^(?:Transparenzhinweis|Transparenz|Offenlegung|Hinweis(?: der Redaktion)?"
            r"|Disclosure)\s*:\s*(?=[^.]{0,160}\b(?:unterstützt|eingeladen|finanziert|bezahlt"
            r"|gesponsert|übernommen|zur Verfügung gestellt)\b)",
            _I,
        ),
        60,
        ("hinweis", "transparenz", "offenlegung", "disclosure"),
    ),
)
