"""Lines under a text that speak of the site (pipelines.closing_notes): who may comment, a pointer
to the site's picture gallery, who edited the text. Sentences of the news in similar words stay."""

from __future__ import annotations

import pytest

from crawler.model.types import CleaningRules
from pipelines.clean import clean_lines

TITLE = "Feuerwehr bekommt neues Gerätehaus"
TEXT = [
    "Der Gemeinderat hat am Montag den Bau eines neuen Gerätehauses für die Freiwillige "
    "Feuerwehr beschlossen. Das alte Gebäude ist zu klein für die heutigen Fahrzeuge.",
    "Die Kosten liegen bei rund 3,2 Millionen Euro. Das Land fördert den Bau mit einem Drittel, "
    "den Rest trägt die Gemeinde aus ihren Rücklagen.",
]


def _after_text(line: str) -> tuple[list[str], dict[str, str]]:
    kept, dropped = clean_lines(
        [*TEXT, line], title=TITLE, rules=CleaningRules(), language="de", authors=()
    )
    return kept, {d.text: d.rule for d in dropped}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # who may comment
        (
            "Kommentare sind nur für registrierte Abonnenten möglich. Jetzt einloggen",
            "chrome:login",
        ),
        (
            "Leserkommentare stehen nur angemeldeten Nutzern zur Verfügung. Hier anmelden",
            "chrome:login",
        ),
        ("Nur eingeloggte Leserinnen und Leser können hier mitdiskutieren.", "chrome:login"),
        (
            "Das Kommentieren ist ausschließlich registrierten Mitgliedern vorbehalten.",
            "chrome:login",
        ),
        # the site's picture gallery
        ("Fotos vom Spiel gibt es in unserer Galerie.", "chrome:ui-token"),
        ("Weitere Bilder vom Umzug finden Sie in der Bildergalerie.", "chrome:ui-token"),
        ("In unserer Fotostrecke gibt es mehr Eindrücke vom Fest.", "chrome:ui-token"),
        # who edited the text, and where to turn with questions
        (
            "Bearbeitet von Sina Lorenzen. Bei Rückfragen wenden Sie sich bitte an unsere "
            "Redaktion in Hamburg.",
            "meta:byline",
        ),
        ("(Bericht von Tom Hagedorn; redigiert von Ina Kessler)", "meta:byline"),
        ("Redigiert von Jan Wessel und Maren Ott.", "meta:byline"),
        # an office as the editor
        ("Redaktion: Pressestelle", "meta:byline"),
        ("Redaktion: Presse- und Öffentlichkeitsarbeit der Stadt Talheim", "meta:byline"),
        ("Redaktion: Referat Hochschulkommunikation", "meta:byline"),
        (
            "Bei Rückfragen wenden Sie sich an unsere Redaktion unter newsroom@example.de.",
            "meta:byline",
        ),
        # the site's appeal to share its articles since it is blocked
        (
            "Durch die Sperrung unseres Senders in der EU soll eine unabhängige "
            "Informationsquelle zum Schweigen gebracht werden. Teilen Sie unsere Artikel!",
            "promo:call-to-action",
        ),
        (
            "Durch die Sperrung von Orbita DE zielt die EU darauf ab, eine kritische "
            "Informationsquelle zum Schweigen zu bringen. Wenn Euch unsere Artikel gefallen, "
            "teilt sie gern überall, wo Ihr aktiv seid.",
            "promo:call-to-action",
        ),
        (
            "Durch das Blockieren von Vostok TV zielt die EU darauf ab, eine Informationsquelle "
            "zum Schweigen zu bringen. Folgen Sie uns auf unserem Telegram-Kanal.",
            "promo:call-to-action",
        ),
    ],
)
def test_a_line_under_the_text_speaking_of_the_site_goes(line: str, rule: str) -> None:
    kept, dropped = _after_text(line)
    assert kept == TEXT
    assert dropped == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        # comments and logins as news
        "Kommentare sind nur für registrierte Parteien vorgesehen, sagte der Sprecher.",
        "Die Diskussion ist nur für die Mitglieder des Ausschusses öffentlich gewesen.",
        "Nur registrierte Händler dürfen auf dem Wochenmarkt verkaufen.",
        # an exhibition of pictures, and pictures in an art gallery
        "Fotos von Heinrich Zille sind in der Galerie am Markt zu sehen.",
        "Weitere Bilder der Künstlerin gibt es ab Montag in der Galerie im Rathaus.",
        # editing as news
        "Bearbeitet von Hand werden die Teile anschließend poliert.",
        "Bearbeitet von Anna Beispiel wurde das Manuskript erst im Jahr 1998.",
        "Bei Rückfragen wenden sich Bürger an das Bürgerbüro im Rathaus.",
        "Redaktion: Die Pressestelle hat den Bericht vor dem Druck geprüft.",
        # a ban reported, with the words of those it hits
        "Durch die Sperrung von RT soll eine Informationsquelle zum Schweigen gebracht werden, "
        "sagte die Sprecherin des Senders in Moskau.",
        "Durch das Verbot von Radio Nord wird ein kritischer Sender zum Schweigen gebracht.",
    ],
)
def test_a_sentence_of_the_news_in_similar_words_stays(line: str) -> None:
    kept, dropped = _after_text(line)
    assert kept == [*TEXT, line]
    assert dropped == {}
