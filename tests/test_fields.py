"""Headline, SEO title, authors and agencies: the rules of pipelines.names, credits, metadata."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from crawler.sites import get_site
from pipelines.clean import clean_lines
from pipelines.credits import agency_names
from pipelines.extract import extract_article
from pipelines.names import (
    clean_title,
    normalise_field,
    seo_title_of,
    site_name_keys,
    split_credits,
)
from pipelines.tree import headline_text

SITE = site_name_keys("Alpenland Zeitung", "https://www.alpenland-zeitung.de/a/1.html")
PARAGRAPH = (
    "Der Gemeinderat hat am Dienstag mit großer Mehrheit beschlossen, das alte Hallenbad bis "
    "zum Herbst zu sanieren und danach wieder für Schulen und Vereine zu öffnen."
)
SECOND = (
    "Die Kosten von rund vier Millionen Euro tragen Stadt und Land je zur Hälfte, die Arbeiten "
    "sollen im Frühjahr beginnen."
)


def _page(head: str, body: str, url: str = "https://www.alpenland-zeitung.de/a/1.html") -> str:
    return (
        f"<html lang='de'><head><meta charset='utf-8'>{head}</head><body>{body}"
        f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div></body></html>"
    )


def _extract(
    html: str,
    url: str = "https://www.alpenland-zeitung.de/a/1.html",
    rules: CleaningRules | None = None,
) -> ExtractedArticle:
    return extract_article(
        ExtractInput(url=url, body=html.encode(), headers={}, rules=rules or CleaningRules())
    )


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("R&amp;uuml;ckbau &amp;quot;gestoppt&amp;quot;", 'Rückbau "gestoppt"'),
        ("&bdquo;Kranzkuh&ldquo; Resi", "„Kranzkuh“ Resi"),
        ("Q&A mit  der\u00a0Bürgermeisterin", "Q&A mit der Bürgermeisterin"),
    ],
)
def test_fields_decode_entities_even_when_escaped_twice(raw: str, expected: str) -> None:
    assert normalise_field(raw) == expected


@pytest.mark.parametrize(
    ("raw", "html_title"),
    [
        # the site, then a region label behind the same separator
        ("Kühe ziehen ins Tal - Allgäu - Alpenland Zeitung", True),
        ("Kühe ziehen ins Tal | Sport | Alpenland Zeitung | 28.04.2023", True),
        ("Kühe ziehen ins Tal | WW | 28.04.2023", False),  # a date, then a label
        ("Alpenland Zeitung | Kühe ziehen ins Tal", False),  # the site as prefix
        ("Kühe ziehen ins Tal - 14.06.2023, Alpenland Zeitung", False),
        ("Kühe ziehen ins Tal | Politik", False),  # a section word
        ("Kühe ziehen ins Tal", True),
    ],
)
def test_title_affixes_are_cut_by_rule(raw: str, html_title: bool) -> None:
    assert clean_title(raw, SITE, html_title=html_title) == "Kühe ziehen ins Tal"


def test_a_dash_inside_the_headline_stays() -> None:
    raw = "Kühe ziehen ins Tal – und keiner hält sie auf | Alpenland Zeitung"
    assert (
        clean_title(raw, SITE, html_title=True) == "Kühe ziehen ins Tal – und keiner hält sie auf"
    )


def test_seo_title_is_kept_only_when_it_says_something_else() -> None:
    assert seo_title_of("Erzeugerpreise fallen", "Inflation: Erzeugerpreise sinken") is not None
    assert (
        seo_title_of("Das Zimmer kostet 700 Euro", "Wohnungsnot: Das Zimmer kostet 700 Euro")
        is None
    )
    assert seo_title_of("Das Zimmer kostet 700 Euro", "Das Zimmer kostet 700 Euro!") is None
    assert seo_title_of("Das Zimmer kostet 700 Euro", None) is None


def test_visible_h1_is_the_title_and_a_differing_metadata_headline_the_seo_title() -> None:
    head = (
        "<title>Kita-Gebühren 2025: So viel zahlen Eltern - Alpenland Zeitung</title>"
        "<meta property='og:title' content='Kita-Gebühren 2025: So viel zahlen Eltern'>"
    )
    result = _extract(_page(head, "<h1>Gemeinderat beschließt höhere Beiträge</h1>"))
    assert result.title == "Gemeinderat beschließt höhere Beiträge"
    assert result.seo_title == "Kita-Gebühren 2025: So viel zahlen Eltern"


def test_a_logo_or_section_h1_gives_way_to_the_heading_that_spells_the_title() -> None:
    head = "<meta property='og:title' content='Hallenbad wird bis zum Herbst saniert'>"
    for h1 in ("<h1><a href='/'>Alpenland Zeitung</a></h1>", "<h1>Sport</h1>"):
        result = _extract(_page(head, h1 + "<h2>Hallenbad wird bis zum Herbst saniert</h2>"))
        assert result.title == "Hallenbad wird bis zum Herbst saniert"
        assert result.seo_title is None


def test_a_kicker_inside_the_h1_is_not_the_headline() -> None:
    h1 = lxml.html.fromstring(
        "<h1><span class='article__kicker'>Wohnungsnot</span><span class='sr-only'>:</span>"
        " <span class='article__headline'>Das Zimmer kostet jetzt 700 Euro</span></h1>"
    )
    assert headline_text(h1) == "Das Zimmer kostet jetzt 700 Euro"
    assert headline_text(lxml.html.fromstring("<h1>Ganz <em>normal</em></h1>")) == "Ganz normal"


# --- authors and agencies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "authors", "agencies"),
    [
        (["Von Sabine Kehrer, Frankfurt"], ("Sabine Kehrer",), ()),
        (["Seraina Caduff, Chur, und Keystone-SDA"], ("Seraina Caduff",), ("Keystone-SDA",)),
        (["Carla Moreno", "Spanien", "Germany"], ("Carla Moreno",), ()),
        (["Jana WiesholtFolgen"], ("Jana Wiesholt",), ()),
        (["Max Ortlieb Folgen"], ("Max Ortlieb",), ()),
        (["Nachrichten"], (), ()),
        (["Alpenland Zeitung Redaktion"], (), ()),
        (["Alpenland Zeitung"], (), ()),
        (["Henrike Vollmer (epd)"], ("Henrike Vollmer",), ("epd",)),
        (["Maria Pichler, APA/red"], ("Maria Pichler",), ("APA",)),
        (["Von Lukas Brenner und SID"], ("Lukas Brenner",), ("SID",)),
        (["Quelle: Reuters, AFP"], (), ("Reuters", "AFP")),
        (["Bild: Einar Sigurdsson/AFP"], (), ()),  # a photo credit credits no text
        (["Veröffentlicht am 04.04.2024 von Ulrike Tanneberger"], ("Ulrike Tanneberger",), ()),
        (["Eine Kritik von Fenja Rademacher"], ("Fenja Rademacher",), ()),
        (["Ein Artikel von Johanna Kraus · 29.04.2025"], ("Johanna Kraus",), ()),
        (["Von Redakteurin Ines Albrecht | 12. Mai 2025"], ("Ines Albrecht",), ()),
        (["Mit Material der Nachrichtenagenturen dpa und AFP"], (), ("dpa", "AFP")),
        (["Quelle: RIA Nowosti"], (), ("RIA Novosti",)),
    ],
)
def test_credits_split_into_people_and_agencies(
    values: list[str], authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    assert split_credits(values, SITE) == (authors, agencies)


def test_agency_names_are_normalised() -> None:
    assert agency_names("(sda)") == ("Keystone-SDA",)
    assert agency_names("rtr/dpa") == ("Reuters", "dpa")
    assert agency_names("© dpa-infocom, dpa:240612-99-381022/2") == ("dpa",)
    assert agency_names("Anna Beispiel") == ()


def test_json_ld_organisations_are_agencies_or_nothing_never_authors() -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Hallenbad wird'
        ' saniert","author":[{"@type":"Person","name":"Katrin Oltmanns"},{"@type":"Organization",'
        '"name":"dpa"},{"@type":"Organization","name":"Alpenland Medien"}]}</script>'
    )
    result = _extract(_page(head, "<h1>Hallenbad wird saniert</h1>"))
    assert (result.authors, result.agencies) == (("Katrin Oltmanns",), ("dpa",))


def test_byline_outside_the_common_markup_is_found() -> None:
    body = (
        "<div class='head'><h1>Hallenbad wird saniert</h1></div>"
        "<div class='credits'><span>Text: Nadja Rüegg</span> "
        "<span>Bilder: Marco Keller</span></div>"
    )
    result = _extract(_page("", body))
    assert result.authors == ("Nadja Rüegg",)


def test_agencies_the_text_credits_are_found_and_cut() -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><div class='text'>"
        f"<p>Berlin (dpa) - {PARAGRAPH}</p><p>{SECOND} (KNA)</p></div></body></html>"
    )
    result = _extract(html)
    assert result.agencies == ("dpa", "KNA")
    assert "(KNA)" not in result.text
    assert result.text.startswith("Berlin (dpa) - ")  # the dateline is printed text


def test_the_snanews_rule_keeps_the_lead_beside_the_lead_photo() -> None:
    lead = "Der Gaspreis ist am Mittwoch deutlich gefallen, Händler verweisen auf volle Speicher."
    html = (
        "<html><head><meta property='og:title' content='Gaspreis fällt'></head><body>"
        "<div class='article'><div class='article__header'><h1 class='article__title'>Gaspreis"
        " fällt</h1><div class='article__announce'><div class='media'>"
        "<div class='media__copyright'>© SNA / Oleg Markin / Zur Bilddatenbank</div>"
        "<img src='/a.jpg' alt='Gas - SNA, 1920, 14.06.2023'></div>"
        f"<div class='article__announce-text'>{lead}</div></div></div>"
        f"<div class='article__body'><div class='article__text'>{PARAGRAPH}</div>"
        f"<div class='article__text'>{SECOND}</div></div></div></body></html>"
    )
    url = "https://snanews.de/20230614/gaspreis-1087721.html"
    result = _extract(html, url=url, rules=get_site("snanews").cleaning)
    assert result.text.splitlines()[0] == lead
    assert "Bilddatenbank" not in result.text


# --- furniture classes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Sendung: Südfunk Aktuell, 28.04.2023, 15:10 Uhr", "meta:broadcast"),
        (
            "Über dieses Thema berichtete das Nordmagazin am 14. Juni 2024 um 19:30 Uhr.",
            "meta:broadcast",
        ),
        ("Zitiervorschlag: A. Beispiel, Titel, in: Portal, 14.05.2024", "meta:citation"),
        ("Du musst dich EINLOGGEN, um hier mitreden zu können.", "chrome:login"),
        ("Zum Kommentieren müssen Sie eingeloggt sein.", "chrome:login"),
        ("War dieser Artikel hilfreich?", "promo:feedback"),
        ("Haben Sie einen Fehler gefunden? Dann melden Sie ihn uns.", "promo:feedback"),
        ("Folge uns auch auf Mastodon, Bluesky und Instagram!", "promo:social"),
        ("Affiliate-Link: Beim Kauf erhalten wir eine Provision.", "promo:shop"),
        ("24,90 € inkl. MwSt.", "promo:shop"),
        ("Jetzt beim Händler ansehen", "promo:shop"),
        ("Mehr Themen auf alpenland-zeitung.de", "teaser:more-topics"),
        ("Weitere Nachrichten", "teaser:more-topics"),
        ("Dieser Beitrag lief am 03.03.2025 um 19:30 Uhr in der Hessenschau.", "meta:broadcast"),
        ("Regionaljournal Basel, 18.6.2025, 12:03 Uhr; sda/mila", "meta:broadcast"),
        ("AudioBojen warnen01:47 min, aus Regionaljournal Basel vom 18.06.2025.", "media:player"),
        ("Erstellt: 20.08.2024, 08:15 Uhr · Aktualisiert: 20.08.2024, 11:30 Uhr", "meta:timestamp"),
        (
            "Liebe Leser, bitte loggen Sie sich ein, um an der Diskussion teilzunehmen.",
            "chrome:login",
        ),
        ("Mit Material der Nachrichtenagenturen dpa und AFP", "credit:agency"),
    ],
)
def test_furniture_lines_are_dropped_by_their_class(line: str, rule: str) -> None:
    kept, dropped = clean_lines(
        [PARAGRAPH, line, SECOND],
        title=None,
        rules=CleaningRules(),
        language="de",
    )
    assert kept == [PARAGRAPH, SECOND]
    assert [d.rule for d in dropped] == [rule]


@pytest.mark.parametrize(
    "line",
    [
        "Mehr Geld für Kitas",
        "Der Verdächtige war auf Facebook und Instagram aktiv und teilte dort Videos.",
        "Nutzer der Plattform können Beiträge erst nach einer Anmeldung kommentieren, sagte er.",
        "Der Eintritt kostet 12 Euro, für Kinder die Hälfte.",
        "Sendung mit der Maus feiert Geburtstag",
    ],
)
def test_text_that_resembles_furniture_stays(line: str) -> None:
    kept, _ = clean_lines(
        [PARAGRAPH, line, SECOND],
        title=None,
        rules=CleaningRules(),
        language="de",
    )
    assert line in kept


def test_a_product_name_before_its_price_goes_with_the_shop_box() -> None:
    lines = [
        PARAGRAPH,
        "Fahrradschloss Pro 90 cm",
        "Jetzt für 54,99 € statt 79,99 € bei Amazon*",
        SECOND,
    ]
    kept, _ = clean_lines(lines, title=None, rules=CleaningRules(), language="de")
    assert kept == [PARAGRAPH, SECOND]


def test_a_source_line_with_a_date_names_agencies_but_no_author() -> None:
    body = (
        "<div class='head'><h1>Hallenbad wird saniert</h1>"
        "<p class='source'>Regionaljournal Basel, 18.6.2025, 12:03 Uhr; sda/mila</p></div>"
    )
    result = _extract(_page("", body))
    assert (result.authors, result.agencies) == ((), ("Keystone-SDA",))


def test_editor_initials_closing_the_text_are_cut() -> None:
    kept, dropped = clean_lines(
        [PARAGRAPH, SECOND + " (tlz)"], title=None, rules=CleaningRules(), language="de"
    )
    assert kept == [PARAGRAPH, SECOND]
    assert [(d.text, d.rule) for d in dropped] == [("(tlz)", "meta:byline")]


def test_a_credit_glued_to_a_gallery_counter_is_split_off() -> None:
    kept, _ = clean_lines(
        [PARAGRAPH, "1 / 6Foto: Johanna Kraus", SECOND],
        title=None,
        rules=CleaningRules(),
        language="de",
    )
    assert kept == [PARAGRAPH, SECOND]


def test_a_wrong_declared_language_does_not_drop_the_text_as_foreign_script() -> None:
    html = _page("", "<h1>Hallenbad wird saniert</h1>").replace("lang='de'", "lang='ru'")
    result = _extract(html)
    assert PARAGRAPH in result.text
    assert result.language == "de"


def test_a_text_block_beside_the_headline_in_a_header_block_is_the_lead() -> None:
    lead = (
        "In Moskau sind am Donnerstag drei neue Metrostationen eröffnet worden, damit ist der"
        " zweite Ring um die Innenstadt fast vollständig."
    )
    body = (
        "<div class='article-header'><h1>Metro eröffnet drei Stationen</h1>"
        "<div class='article-header__img'><img src='/m.jpg' alt='Metro'></div>"
        f"<div class='article-header__text'><p>{lead}</p></div>"
        "<div class='article-header__date'>7 Sep. 2023 14:02 Uhr</div></div>"
    )
    result = _extract(_page("", body))
    assert result.text.splitlines()[0] == lead
