"""Headline, SEO title, authors and agencies: the rules of pipelines.names, credits, metadata."""

from __future__ import annotations

import json

import lxml.html
import pytest

from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from crawler.sites import get_site
from pipelines.agency_names import agency_names
from pipelines.blocks import drop_fact_boxes, drop_related_lists, drop_sources_lists
from pipelines.byline_lines import byline_neighbours, is_byline
from pipelines.clean import clean_lines
from pipelines.clean_rules import Rule
from pipelines.credits import credited_writers, text_agencies
from pipelines.extract import extract_article
from pipelines.host_spellings import registrable_domain
from pipelines.marks import issue_date
from pipelines.names import (
    clean_title,
    normalise_field,
    site_name_keys,
    split_credits,
)
from pipelines.seo_title import seo_title_of
from pipelines.side_boxes import side_box_rule
from pipelines.signatures import closing_signature, sign_off
from pipelines.signup_boxes import drop_signup_boxes, is_media_teaser
from pipelines.tree import collapse, headline_text, latin_punctuation, text_of

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


def _headline_page(text: str) -> str:
    return f"<html lang='de'><body><h1>Hallenbad wird saniert</h1>{text}</body></html>"


def _closed_by(block: str) -> str:
    """An article page whose two paragraphs are followed by `block` inside the article."""
    return (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{block}</article></body></html>"
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
        ("Kühe ziehen ins Tal « Alpenland Zeitung", False),
        ("Kühe ziehen ins Tal | Alpenland Zeitung – Das Beste aus den Bergen", False),
        ("Kühe ziehen ins Tal - Alpenland", False),  # the first word of the host's name
    ],
)
def test_title_affixes_are_cut_by_rule(raw: str, html_title: bool) -> None:
    assert clean_title(raw, SITE, html_title=html_title) == "Kühe ziehen ins Tal"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("Kühe ziehen ins Tal — RDM", "https://rdm-deutsch.ru/a/1.html"),
        ("Kühe ziehen ins Tal - NWZ", "https://www.nwz-online.de/a/1.html"),
        ("Kühe ziehen ins Tal – SN", "https://sn-aktuell.at/a/1.html"),
    ],
)
def test_the_sites_initials_after_a_dash_are_an_affix(raw: str, url: str) -> None:
    assert clean_title(raw, site_name_keys(None, url)) == "Kühe ziehen ins Tal"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("Kühe ziehen ins Tal - Gewerkschaft Bau Nordwest", "https://igbau-nordwest.org/a/1"),
        ("Kühe ziehen ins Tal | Verband Alpenland Milch", "https://www.alpenlandmilch.at/a"),
        # a kind of public body and its own word the host spells
        ("Kühe ziehen ins Tal - Universität Bergheim", "https://www.uni-bergheim.de/presse/1"),
        ("Kühe ziehen ins Tal | Stadt Oberwalden", "https://www.oberwalden.de/rathaus/a"),
        ("Kühe ziehen ins Tal – Klinikum Seefeld", "https://klinikum-seefeld.de/a/1"),
    ],
)
def test_an_organisations_name_whose_words_the_host_holds_is_an_affix(raw: str, url: str) -> None:
    assert clean_title(raw, site_name_keys(None, url)) == "Kühe ziehen ins Tal"
    # a part naming one of them only is the headline's
    own = "Kühe ziehen ins Tal - Streit um Bau"
    assert clean_title(own, site_name_keys(None, url)) == own


@pytest.mark.parametrize(
    "raw",
    [
        # another body than the host's, or the host's word with another word than a body's
        "Kühe ziehen ins Tal - Universität Talheim",
        "Kühe ziehen ins Tal - Streit Bergheim",
        "Kühe ziehen ins Tal - Universität Bergheim baut",
    ],
)
def test_a_body_the_host_does_not_spell_stays_in_the_title(raw: str) -> None:
    assert clean_title(raw, site_name_keys(None, "https://www.uni-bergheim.de/presse/1")) == raw


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("Kühe ziehen ins Tal – Lindenhof-Blog", "https://lindenhof-buergerverein.de/2025/a/"),
        ("Kühe ziehen ins Tal - Talheim Online", "https://www.talheim-kurier.de/a/1.html"),
        ("Kühe ziehen ins Tal – Seefeld-Magazin", "https://seefeld-gemeinde.at/a/1"),
    ],
)
def test_a_word_of_the_hosts_label_and_the_kind_of_site_are_an_affix(raw: str, url: str) -> None:
    assert clean_title(raw, site_name_keys(None, url), html_title=True) == "Kühe ziehen ins Tal"


@pytest.mark.parametrize(
    "raw",
    [
        # another word than the host's before the kind of site, or another word after the host's
        "Kühe ziehen ins Tal – Garten-Blog",
        "Kühe ziehen ins Tal – Lindenhof-Kinder",
        "Kühe ziehen ins Tal – Lindenhof feiert",
    ],
)
def test_a_blog_the_host_does_not_name_stays_in_the_title(raw: str) -> None:
    keys = site_name_keys(None, "https://lindenhof-buergerverein.de/2025/a/")
    assert clean_title(raw, keys, html_title=True) == raw


def test_a_last_word_in_capitals_unlike_the_sites_initials_stays() -> None:
    keys = site_name_keys(None, "https://rdm-deutsch.ru/a/1.html")
    assert clean_title("Kühe ziehen ins Tal — NATO", keys) == "Kühe ziehen ins Tal — NATO"
    # written as a word, not in capitals, a short word is no affix
    assert clean_title("Kühe ziehen ins Tal - Rdm", keys) == "Kühe ziehen ins Tal - Rdm"


@pytest.mark.parametrize(
    "raw",
    [
        "Kühe ziehen ins Tal - News - RSM",
        "Kühe ziehen ins Tal | Regional | TVO",
        "Kühe ziehen ins Tal – Alpenland Zeitung – AZ",
    ],
)
def test_initials_after_a_section_or_the_site_are_an_affix_of_a_title(raw: str) -> None:
    # initials that do not spell the host: the section or site part before them names them
    assert clean_title(raw, SITE, html_title=True) == "Kühe ziehen ins Tal"


def test_initials_after_a_headline_part_stay() -> None:
    raw = "Streit um Zölle - Brüssel droht den USA - EU"
    assert clean_title(raw, SITE, html_title=True) == raw


def test_a_dash_inside_the_headline_stays() -> None:
    raw = "Kühe ziehen ins Tal – und keiner hält sie auf | Alpenland Zeitung"
    assert (
        clean_title(raw, SITE, html_title=True) == "Kühe ziehen ins Tal – und keiner hält sie auf"
    )


def test_seo_title_is_kept_only_when_it_says_something_else() -> None:
    assert seo_title_of("Erzeugerpreise fallen", "Inflation: Erzeugerpreise sinken") is not None
    # a topic before the same words makes another headline, unless the page prints it as a
    # label (test_a_topic_printed_as_a_label_is_no_seo_title)
    assert (
        seo_title_of("Das Zimmer kostet 700 Euro", "Wohnungsnot: Das Zimmer kostet 700 Euro")
        == "Wohnungsnot: Das Zimmer kostet 700 Euro"
    )
    assert (
        seo_title_of("Das Zimmer kostet 700 Euro", "Wohnungsnot - Das Zimmer kostet 700 Euro")
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


def test_a_breadcrumb_suffix_is_cut_from_the_title() -> None:
    raw = "Kühe ziehen ins Tal › Landwirtschaft › Alpenland Zeitung"
    assert clean_title(raw, SITE, html_title=True) == "Kühe ziehen ins Tal"


def test_a_section_label_inside_the_h1_is_not_the_headline() -> None:
    for h1 in (
        "<h1><strong class='story-category'>Verkehr</strong> Brücke bleibt bis Mai gesperrt</h1>",
        "<h1><span class='rubrik'>Landtag</span>Brücke bleibt bis Mai gesperrt</h1>",
    ):
        assert headline_text(lxml.html.fromstring(h1)) == "Brücke bleibt bis Mai gesperrt"
    # a headline that is all in such an element stays whole
    whole = "<h1><span class='section-title'>Brücke bleibt gesperrt</span></h1>"
    assert headline_text(lxml.html.fromstring(whole)) == "Brücke bleibt gesperrt"


def test_a_logo_or_section_h1_gives_way_to_the_heading_that_spells_the_title() -> None:
    head = "<meta property='og:title' content='Hallenbad wird bis zum Herbst saniert'>"
    for h1 in ("<h1><a href='/'>Alpenland Zeitung</a></h1>", "<h1>Sport</h1>"):
        result = _extract(_page(head, h1 + "<h2>Hallenbad wird bis zum Herbst saniert</h2>"))
        assert result.title == "Hallenbad wird bis zum Herbst saniert"
        assert result.seo_title is None


@pytest.mark.parametrize(
    ("title", "h1", "layout"),
    [
        # a slogan as logo, the headline in the next row of a layout table
        (
            "Bäder im Umbau: Talheim schließt ein Jahr | Freie Nachrichten aus dem Tal",
            "<h1 class='logo'>Freie Nachrichten aus dem Tal</h1><div>Unsere Ausweichadresse: "
            "tal.example</div>",
            "<table><tr><td>{h1}</td></tr><tr><td><div>03.02.2026</div>{h2}</td></tr></table>",
        ),
        # the site's claim in the header, the headline in the main column
        (
            "Bäder im Umbau: Talheim schließt ein Jahr – Stimme des Tals",
            "<h1>Stimme des Tals</h1>",
            "<header>{h1}<p>Seit 1998 für Sie da</p></header><main><div>{h2}</div></main>",
        ),
    ],
)
def test_an_h1_spelling_the_titles_affix_is_a_logo_and_the_next_h2_the_headline(
    title: str, h1: str, layout: str
) -> None:
    h2 = "<h2>Hallenbad wird bis zum Herbst saniert</h2>"
    result = _extract(_page(f"<title>{title}</title>", layout.format(h1=h1, h2=h2)))
    assert result.title == "Hallenbad wird bis zum Herbst saniert"
    assert result.seo_title == "Bäder im Umbau: Talheim schließt ein Jahr"


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Hallenbad wird bis zum Herbst saniert | Stimme des Tals", ""),
        # the headline after a longer site name: its text comes before the subheading
        (
            "Nachrichten aus dem Landkreis Talheim | Hallenbad wird bis zum Herbst saniert",
            f"<p>{PARAGRAPH}</p><p>{SECOND}</p>",
        ),
    ],
)
def test_an_h1_spelling_the_titles_headline_stays_before_an_h2(title: str, text: str) -> None:
    html = _page(
        f"<title>{title}</title>",
        f"<h1>Hallenbad wird bis zum Herbst saniert</h1>{text}"
        "<h2>Die Schulen weichen nach Talheim aus</h2>",
    )
    assert _extract(html).title == "Hallenbad wird bis zum Herbst saniert"


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
        # the paper's own correspondent or reporter, in the dative
        (["Von unserem Korrespondenten Ole Brandt, Vilnius"], ("Ole Brandt",), ()),
        (["Von unserer Sportreporterin Ruth Ebert"], ("Ruth Ebert",), ()),
        (["von unseren Korrespondenten Kai Lenz und Ina Sommer"], ("Kai Lenz", "Ina Sommer"), ()),
        # any staff noun after the possessive: a member of the newsroom, a freelance contributor
        (["Von unserem Redaktionsmitglied Ole Brandt"], ("Ole Brandt",), ()),
        (["Von unserer freien Mitarbeiterin Ruth Ebert, Kempten"], ("Ruth Ebert",), ()),
        (["von unserem Redaktionsteam-Mitglied Kai Lenz"], ("Kai Lenz",), ()),
        (["Von unserer Berliner Korrespondentin Ina Sommer"], ("Ina Sommer",), ()),
        (["Von unserem Mitarbeiter"], (), ()),
        # an academic title before the name, the writer's job at a company after it
        (["Autorin: Dr. Ina Sommer, Geschäftsführerin der Muster AG"], ("Ina Sommer",), ()),
        (["Autor: Prof. Dr. Kai Lenz, Leiter des Instituts für Kältetechnik"], ("Kai Lenz",), ()),
        (["Von unserem neuen Partnerportal"], (), ()),
        # a possessive before something else is no job title: nothing to read as a name
        (["Von unserem Partnerportal"], (), ()),
        (["Mit Material der Nachrichtenagenturen dpa und AFP"], (), ("dpa", "AFP")),
        (["Quelle: RIA Nowosti"], (), ("RIA Novosti",)),
        (["Text & Bilder: Jonas Petersen"], ("Jonas Petersen",), ()),
        (["Text und Foto: Mira Jansen, Husum"], ("Mira Jansen",), ()),
        (["Verfasst von Lisa Marquardt am 12.03.2024 in Allgemein"], ("Lisa Marquardt",), ()),
        (["Eine Recherche von Ole Brandt und Tina Saar"], ("Ole Brandt", "Tina Saar"), ()),
        (["Von Eva Roth und AFP"], ("Eva Roth",), ("AFP",)),
        # a comma before "und" after a writer's town
        (["Von Eva Roth, Berlin, und Tim Berg, München"], ("Eva Roth", "Tim Berg"), ()),
        (["Eva Roth, Wien, und APA"], ("Eva Roth",), ("APA",)),
        (["Tim Berg mit dpa"], ("Tim Berg",), ("dpa",)),
        (["Tim Berg, mit Material von Reuters und AP"], ("Tim Berg",), ("Reuters", "AP")),
        (["Unter Verwendung von Material von TASS und AFP"], (), ("TASS", "AFP")),
        # an agency-material credit names agencies, never an author "Material: Reuters"
        (["Material: Reuters, AP"], (), ("Reuters", "AP")),
        (["Agenturmaterial: dpa / AFP"], (), ("dpa", "AFP")),
        (["Diese Meldung beruht auf Angaben von dpa und KNA."], (), ("dpa", "KNA")),
        # a tester is the author of a test
        (["Getestet von Lukas Ostrowski · 18.11.2026"], ("Lukas Ostrowski",), ()),
        (["Ein Test von Jana Ortlieb"], ("Jana Ortlieb",), ()),
        (["Getestet von unabhängigen Laboren"], (), ()),
        # a name with a role in brackets that is no writer's is no author
        (["Von TIM KRÖGER und MANDY SEIDLITZ (Fotos)"], ("Tim Kröger",), ()),
        (["Text: Ada Lenz, Ben Kurz (Grafik und Daten)"], ("Ada Lenz",), ()),
        (["Von Ada Lenz (Text) und Ben Kurz (Video)"], ("Ada Lenz",), ()),
        (["Von Ada Lenz (Bern) und Ben Kurz (dpa)"], ("Ada Lenz", "Ben Kurz"), ("dpa",)),
        (["Ein Beitrag von Ada Lenz (dpa-tmn)"], ("Ada Lenz",), ("dpa",)),
        (["Ben Kurz, dpa-tmn"], ("Ben Kurz",), ("dpa",)),
        # an office or a broadcaster's studio after the name is no second author
        (["By Lina Ostrowski, University Communications"], ("Lina Ostrowski",), ()),
        (["By Tom Reyes, Press Office"], ("Tom Reyes",), ()),
        (["Karen Holt | Physics Department"], ("Karen Holt",), ()),
        (["By Ana Lima and Media Relations"], ("Ana Lima",), ()),
        (["Merle Hansen, Nordwelle Studio Wiesum"], ("Merle Hansen",), ()),
        (["Jan Ott, Landesstudio Nordtal"], ("Jan Ott",), ()),
        (["Von Eva Rau, ARD-Hauptstadtstudio"], ("Eva Rau",), ()),
        (["Timo Brandt, Lokalredaktion Kirchdorf"], ("Timo Brandt",), ()),
        # a broadcaster's initials and its studio's town
        (["Autor: Timo Brandt, NWR Kirchdorf"], ("Timo Brandt",), ()),
        (["Von Eva Rau und RB Nordtal"], ("Eva Rau",), ()),
        # a real second author stays one
        (["By Lina Ostrowski and Mark Collins"], ("Lina Ostrowski", "Mark Collins"), ()),
        (["Merle Hansen, Jan Studt"], ("Merle Hansen", "Jan Studt"), ()),
        (["Ruth Centrella, Mia Pressley"], ("Ruth Centrella", "Mia Pressley"), ()),
        (["Von ADA LENZ und BEN KURZ"], ("Ada Lenz", "Ben Kurz"), ()),
        # "Bericht:" before the name of a closing credit line
        (["Bericht: Pascal Thiel"], ("Pascal Thiel",), ()),
        # a date line's label after the name and the place
        (
            ["Von Henrike Castell , Berlin Aktualisiert am 04.11.2025 – 21:14"],
            ("Henrike Castell",),
            (),
        ),
        (["Von Ida Korn Veröffentlicht am 3.4.2025"], ("Ida Korn",), ()),
        # a wire dateline's day and month name nobody
        (["MOSKAU, 14. Oktober. /TASS/."], (), ("TASS",)),
        (["PEKING, 3. Mai (Xinhua)"], (), ("Xinhua",)),
        (["Von Ida Korn, 12. März"], ("Ida Korn",), ()),
        (["Kiew, 1. Okt. / Anna Brandt"], ("Anna Brandt",), ()),
        # a seat in a parliament and a religious order after the name, a sister's title before
        (
            ["Ein Standpunkt von Tobias Reindl MdL, Sprecher für Wohnungs- und Baupolitik"],
            ("Tobias Reindl",),
            (),
        ),
        (["Zwischenruf von Ida Korn MdB"], ("Ida Korn",), ()),
        (["Anna Brandt, MdEP"], ("Anna Brandt",), ()),
        (["Sr. Benedikta Hallmann OSF"], ("Benedikta Hallmann",), ()),
        (["Von Jan Ohm SJ und Sr. Ida Korn OSB"], ("Jan Ohm", "Ida Korn"), ()),
        # a surname in capitals like an order's is kept, as is a first name like the title
        (["Von Anna OSBORNE"], ("Anna OSBORNE",), ()),
        (["Von Srdjan Ilić"], ("Srdjan Ilić",), ()),
        # where the text appeared first, glued to the byline as a sentence
        (["Von Kirill Sorokin. Zuerst erschienen bei „Newski Kurier“."], ("Kirill Sorokin",), ()),
        (["Von Ida Korn. Erstmals veröffentlicht im Talheimer Boten"], ("Ida Korn",), ()),
        # an aggregator's byline: the partner paper after the bar is no person
        (["Von Lena Falk | Talbacher Anzeiger"], ("Lena Falk",), ()),
        (["Tom Rieger | Emsdorfer Rundschau"], ("Tom Rieger",), ()),
        (["Von Lena Falk | Tom Rosenblatt"], ("Lena Falk", "Tom Rosenblatt"), ()),
        # a closing byline in brackets with its date
        (["(Lena Falk, 4.2.2026)"], ("Lena Falk",), ()),
        (["(Lena Falk/Tom Rieger, 4.2.2026)"], ("Lena Falk", "Tom Rieger"), ()),
        # a CMS's "submitted" line with a weekday before the date; a surname like a weekday
        (["Verfasst von Lena Falk am Fr., 6.2.2026 - 08:30"], ("Lena Falk",), ()),
        (["Geschrieben von Lena Falk am Sonntag, 8. Februar 2026"], ("Lena Falk",), ()),
        (["Von Lena Sonntag, 8.2.2026"], ("Lena Sonntag",), ()),
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
    # dpa's consumer desk credits its service pieces under its own short name
    assert agency_names("(dpa-tmn)") == ("dpa",)
    assert agency_names("Quelle: dpa-tmn") == ("dpa",)
    assert agency_names("Anna Beispiel") == ()
    # the Balkan national agencies; the short ones only as they write them (first names)
    assert agency_names("Quelle: Tanjug") == ("Tanjug",)
    assert agency_names("HINA/STA") == ("HINA", "STA")
    assert agency_names("(Agerpres)") == ("Agerpres",)
    assert agency_names("Mia und Mina") == ()


def test_agencies_written_out_or_under_a_label_are_read() -> None:
    credits = {
        # written out, in any case ending, with or without the short name beside it
        "Deutsche Presse-Agentur": ("dpa",),
        "Mit Material der Deutschen Presse-Agentur (dpa)": ("dpa",),
        "Quelle: Agence France-Presse": ("AFP",),
        "Associated Press/Reuters": ("AP", "Reuters"),
        "Katholische Nachrichten-Agentur, Evangelischer Pressedienst": ("KNA", "epd"),
        "APA - Austria Presse Agentur": ("APA",),
        "Mit Material des Sport-Informations-Dienstes": ("SID",),
        "Schweizerische Depeschenagentur": ("Keystone-SDA",),
        # a label naming the agencies, and a source note in brackets
        "Agenturen: AFP/Reuters": ("AFP", "Reuters"),
        "Nachrichtenagenturen: dpa, KNA": ("dpa", "KNA"),
        "(Quelle: KNA)": ("KNA",),
        # a closing sentence saying where the text comes from
        "Diese Meldung stammt von der Nachrichtenagentur Keystone-SDA.": ("Keystone-SDA",),
        "Der Text enthält Informationen der Deutschen Presse-Agentur.": ("dpa",),
        "Die Presse-Agentur des Vereins": (),
        # a sources line naming agencies after the word for them, beside other sources
        "Verwendete Quellen: Nachrichtenagenturen Reuters und AFP, eigene Recherche": (
            "Reuters",
            "AFP",
        ),
        "Quellen: dpa und KNA": ("dpa", "KNA"),
        "Quelle: Nachrichtenagentur AP": ("AP",),
        "Quellen: Agentur für Arbeit, Stadtverwaltung": (),
    }
    assert {credit: agency_names(credit) for credit in credits} == credits


@pytest.mark.parametrize(
    ("note", "agencies"),
    [
        ("Dieser Text wurde uns von der dpa zur Verfügung gestellt.", ("dpa",)),
        ("Der Beitrag erscheint mit freundlicher Genehmigung der Agence France-Presse.", ("AFP",)),
        ("Mit freundlicher Genehmigung von RIA Novosti und Reuters.", ("RIA Novosti", "Reuters")),
        # a partner that is no news agency, and a first name that spells one in another case
        ("Dieser Artikel wurde uns vom Kreisboten zur Verfügung gestellt.", ()),
        ("Mit freundlicher Genehmigung von Sid Albers.", ()),
    ],
)
def test_a_partner_note_naming_an_agency_as_supplier_credits_it(
    note: str, agencies: tuple[str, ...]
) -> None:
    result = _extract(_closed_by(f"<p><em>{note}</em></p>"))
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.agencies == agencies


@pytest.mark.parametrize(
    ("note", "agencies"),
    [
        # a box of its own after the text's container
        ("<div class='origin'>Erstveröffentlichung: RIA Novosti</div>", ("RIA Novosti",)),
        ("<div><em>Zuerst erschienen bei der dpa</em></div>", ("dpa",)),
        # a line of the text
        ("<p>Ursprünglich erschienen bei TASS.</p>", ("TASS",)),
        # a first publication by no news agency
        ("<div class='origin'>Erstveröffentlichung: Wochenblatt Talheim</div>", ()),
        ("<div>Zuerst erschienen in der Ausgabe 4/2026</div>", ()),
    ],
)
def test_a_first_publication_note_naming_an_agency_credits_it(
    note: str, agencies: tuple[str, ...]
) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article><div class='text'>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></div>{note}</article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.agencies == agencies


def test_json_ld_organisations_are_agencies_or_nothing_never_authors() -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Hallenbad wird'
        ' saniert","author":[{"@type":"Person","name":"Katrin Oltmanns"},{"@type":"Organization",'
        '"name":"dpa"},{"@type":"Organization","name":"Alpenland Medien"}]}</script>'
    )
    result = _extract(_page(head, "<h1>Hallenbad wird saniert</h1>"))
    assert (result.authors, result.agencies) == (("Katrin Oltmanns",), ("dpa",))


@pytest.mark.parametrize(
    ("source", "agencies"),
    [
        ('"AFP"', ("AFP",)),
        ('{"@type":"Organization","name":"Reuters"}', ("Reuters",)),
        # the site itself as the source is no agency
        ('{"@type":"Organization","name":"Alpenland Medien"}', ()),
    ],
)
def test_a_json_ld_source_organisation_that_is_an_agency_is_credited(
    source: str, agencies: tuple[str, ...]
) -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Hallenbad wird'
        ' saniert","author":{"@type":"Person","name":"Katrin Oltmanns"},'
        f'"sourceOrganization":{source}}}</script>'
    )
    result = _extract(_page(head, "<h1>Hallenbad wird saniert</h1>"))
    assert (result.authors, result.agencies) == (("Katrin Oltmanns",), agencies)


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


def test_an_agency_credit_in_the_middle_of_the_text_stays_with_its_paragraph() -> None:
    local = "Spenden nimmt das Gemeindebüro bis Ende Februar zu den üblichen Zeiten entgegen."
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><div class='text'>"
        f"<p>{PARAGRAPH}</p><p>{SECOND} (epd)</p><p>{local}</p></div></body></html>"
    )
    result = _extract(html)
    assert result.agencies == ("epd",)
    assert result.text.split("\n") == [PARAGRAPH, f"{SECOND} (epd)", local]
    # a party's tag closing a paragraph credits no agency; a short line or a programme note
    # after the credit is no paragraph of the text
    html = html.replace("(epd)", "(SPD)")
    assert _extract(html).agencies == ()
    for after in (
        "Mehr Infos im Pfarrbüro",
        "Mehr zum Thema hören Sie heute ab 18 Uhr in der Sendung „Kreis aktuell“ auf Radio Au.",
    ):
        result = _extract(html.replace("(SPD)", "(KNA)").replace(local, after))
        assert result.agencies == ("KNA",)
        assert "(KNA)" not in result.text


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
        ("Einzelheft 14,90 € zzgl. Versand", "promo:shop"),
        ("Jahresabo 89 €", "promo:shop"),
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
        # broadcast notes, print datelines and print-first notes
        (
            "Zu diesem Thema sendet Radio Weststadt am Sonntag, 6. April 2025, um 18:05 Uhr"
            " ein Gespräch.",
            "meta:broadcast",
        ),
        ("Heft 3/25, erschienen am 02.03.2025", "meta:timestamp"),
        ("Nr. 12/2024 | Donnerstag, 21. März 2024", "meta:timestamp"),
        (
            "Der Beitrag ist erstmals in der Printausgabe vom 3. Mai 2024 erschienen.",
            "meta:print-note",
        ),
        ("Dieses Interview ist im Magazin Bergwelt 4/2024 erschienen.", "meta:print-note"),
        ("Erstveröffentlichung: Wochenblatt Nord, Ausgabe 14/2023", "meta:print-note"),
        # the issue an item comes from, the publication's name before its number
        ("Gemeindebrief Ausgabe 23/2026", "meta:print-note"),
        ("Amtsblatt der Stadt Talheim Nr. 12/2026", "meta:print-note"),
        ("Mitteilungsblatt – Heft 112 / 2025", "meta:print-note"),
        # or the issue's date
        ("Ausgabe vom 3. März 2026", "meta:print-note"),
        ("Talbote, Wochenendausgabe vom 14.03.2026", "meta:print-note"),
        ("Heft 9/2026 vom 2. Mai 2026", "meta:print-note"),
        # paywall, donation, statistics and partner boxes
        ("Jetzt weiterlesen mit Ihrem Abo", "promo:paywall"),
        ("Mit Z+ weiterlesen", "promo:paywall"),
        ("Einen Monat für 0,99 € lesen, danach 9,99 € monatlich", "promo:paywall"),
        ("Schon Abonnentin?", "chrome:login"),
        ("Unsere Arbeit lebt von Ihrer Unterstützung.", "promo:donation"),
        ("Werden Sie Fördermitglied", "promo:donation"),
        ("Ballbesitz: 58 % – 42 % | Ecken: 7 – 3 | Fouls: 12 – 15", "widget:stats-box"),
        ("Eine Kooperation von Stadtanzeiger und Radio Mitte", "meta:partner"),
        # the label of a series' other parts
        ("Alle Folgen dieser Reihe:", "teaser:more-topics"),
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
        "Das Interview erschien zuerst in der Zeitung Die Welt.",
        "Die Studie wurde zuerst im Fachmagazin Lancet veröffentlicht, Ausgabe 12/2024.",
        "Das Hilfswerk bittet um Spenden für die Opfer des Erdbebens.",
        "Das Deutschlandticket kostet 58 Euro und ist monatlich kündbar.",
        "Der Verein gewann 3:1 und steht nun mit 24:10 Punkten auf Platz 4.",
        "In Zusammenarbeit mit dem Stadtarchiv entstand eine Ausstellung.",
        "Die Ausgabe 23/2026 erscheint wegen des Feiertags erst am Freitag.",
        "Im Amtsblatt Nr. 12/2026 stand der Beschluss des Gemeinderats.",
        "Die Sonderausgabe vom 3. Oktober 1990",
        "Die Ausgabe vom 3. März 2026 war nach einer Stunde ausverkauft.",
        "Spenden",
        "Weitere Folgen",
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


def test_a_box_label_goes_with_the_box() -> None:
    lines = [PARAGRAPH, "Die Partie in Zahlen", "Torschüsse: 14 – 9 · Ecken: 6 – 2", SECOND]
    kept, dropped = clean_lines(lines, title=None, rules=CleaningRules(), language="de")
    assert kept == [PARAGRAPH, SECOND]
    assert [d.rule for d in dropped] == ["widget:stats-box", "widget:stats-box"]


def test_a_byline_sentence_with_an_agency_share_is_dropped_from_the_text() -> None:
    line = "Ein Bericht von Jana Ott und Leon Weiß, mit Material von AFP"
    kept, dropped = clean_lines(
        [PARAGRAPH, line, SECOND],
        title=None,
        rules=CleaningRules(),
        language="de",
        authors=("Jana Ott", "Leon Weiß"),
    )
    assert kept == [PARAGRAPH, SECOND]
    assert [d.rule for d in dropped] == ["meta:byline"]


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


@pytest.mark.parametrize(
    ("byline", "agencies"),
    [
        ("12.03.2025, 09:40 | Von Paula Gruber und APA | 3 Min.", ("APA",)),
        # the agency written out, with its article
        ("Von Paula Gruber und der Deutschen Presse-Agentur", ("dpa",)),
        ("Paula Gruber, mit Material der Agence France-Presse", ("AFP",)),
        # the author's name a link, the agency after it
        ("<a href='/autor/paula-gruber'>Paula Gruber</a> mit AFP", ("AFP",)),
        ("<a href='/autor/paula-gruber'>Paula Gruber</a> und dpa", ("dpa",)),
        # a publication beside the author is neither author nor agency
        ("Von Paula Gruber und Die Wochenpost", ()),
    ],
)
@pytest.mark.parametrize("head", ["<meta name='author' content='Paula Gruber'>", ""])
def test_the_printed_byline_credits_agencies_with_or_without_a_metadata_author(
    byline: str, agencies: tuple[str, ...], head: str
) -> None:
    body = (
        f"<div class='story-head'><h1>Hallenbad wird saniert</h1><p class='meta'>{byline}</p></div>"
    )
    result = _extract(_page(head, body))
    assert (result.authors, result.agencies) == (("Paula Gruber",), agencies)


def test_a_linked_name_beside_a_publication_credits_no_agency() -> None:
    byline = "<a href='/autor/paula-gruber'>Paula Gruber</a> mit Die Wochenpost"
    body = f"<div class='story-head'><h1>Hallenbad wird saniert</h1><p>{byline}</p></div>"
    result = _extract(_page("<meta name='author' content='Paula Gruber'>", body))
    assert (result.authors, result.agencies) == (("Paula Gruber",), ())


def test_a_blog_byline_with_date_and_categories_names_the_author() -> None:
    body = (
        "<div class='entry'><h2 class='entry-title'>Hallenbad wird saniert</h2>"
        "<div class='entry-meta'>Verfasst von Lisa Marquardt am 12.03.2024 in "
        "<a href='/c/a'>Allgemein</a>, <a href='/c/b'>Sport</a></div></div>"
    )
    head = "<meta property='og:title' content='Hallenbad wird saniert'>"
    assert _extract(_page(head, body)).authors == ("Lisa Marquardt",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        (
            "<div class='byline'>Von <span class='author-name'>Mara Lindqvist</span> "
            "<a href='/p/1'>Profil</a> und <span class='author-name'>Jonas Weidlich</span> "
            "<a href='/p/2'>Profil</a></div>",
            ("Mara Lindqvist", "Jonas Weidlich"),
        ),
        (
            "<p class='article-autor'>Text: <span itemprop='name'>Mara Lindqvist</span>, "
            "<span itemprop='name'>Jonas Weidlich</span> und "
            "<span itemprop='name'>Ida Brenner</span></p>",
            ("Mara Lindqvist", "Jonas Weidlich", "Ida Brenner"),
        ),
        # one person: a name element inside another, and the role beside it
        (
            "<div class='author-box'><div class='author-name'><span class='name'>Mara "
            "Lindqvist</span></div><p class='author-role'>Redakteurin</p>"
            "<button>Folgen</button></div>",
            ("Mara Lindqvist",),
        ),
    ],
)
def test_every_name_of_a_byline_with_several_is_an_author(
    byline: str, authors: tuple[str, ...]
) -> None:
    body = f"<h1>Hallenbad wird saniert</h1>{byline}"
    assert _extract(_page("", body)).authors == authors


@pytest.mark.parametrize("mark", ["subline", "article-sub", "dek", "unterzeile"])
def test_a_lead_in_a_subtitle_container_is_kept(mark: str) -> None:
    lead = "Die Stadt will das alte Hallenbad retten und sucht dafür private Partner im Landkreis."
    body = f"<header><h1>Hallenbad wird saniert</h1><div class='{mark}'>{lead}</div></header>"
    assert _extract(_page("", body)).text.splitlines()[0] == lead


@pytest.mark.parametrize(("mark", "kept"), [("sub", True), ("subscribe", False), ("subnav", False)])
def test_sub_marks_a_lead_only_as_a_word_of_its_own(mark: str, kept: bool) -> None:
    box = "Die Zeitung erscheint montags bis samstags in drei Ausgaben für den ganzen Landkreis."
    body = f"<div><h1>Hallenbad wird saniert</h1><div class='{mark}'>{box}</div></div>"
    assert (box in _extract(_page("", body)).text) is kept


@pytest.mark.parametrize(
    "related",
    [
        # a heading, then plain list items without links
        "<h3>Weitere Artikel zum Thema</h3><ol><li>Freibad öffnet früher</li>"
        "<li>Eisbahn: Saison endet im März</li></ol>",
        # a paragraph label over links
        "<p>Alle Folgen dieser Reihe:</p><ul><li><a href='/s/1'>Folge 1: Das Becken</a></li>"
        "<li><a href='/s/2'>Folge 2: Die Kosten</a></li></ul>",
        # a bold label and links in one paragraph, separated by dots
        "<p><b>Mehr aus dem Landkreis:</b> <a href='/a/2.html'>Freibad öffnet früher</a> · "
        "<a href='/a/3.html'>Eisbahn: Saison endet im März</a></p>",
    ],
)
def test_a_related_article_list_under_its_label_is_dropped(related: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><div class='text'>"
        f"<p>{PARAGRAPH}</p>{related}<p>{SECOND}</p></div></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


_RELATED = (
    "<a href='/lokales/freibad-31870/'>Freibad öffnet früher</a><br>"
    "<a href='/lokales/eisbahn-31862/'>Eisbahn: Saison endet im März</a>"
)


@pytest.mark.parametrize(
    ("box", "gone"),
    [
        # a bold label, then links one a line after a <br>
        (
            f"<div class='weitere'><b>Weitere Artikel aus dieser Rubrik:</b><br>{_RELATED}</div>",
            True,
        ),
        (f"<p><strong>Mehr zum Thema</strong><br/>{_RELATED}<br/></p>", True),
        # a sentence after the label's line break, with or without a link in it
        (
            "<p><b>Mehr aus dem Landkreis:</b><br>Das Freibad öffnet früher als geplant.</p>",
            False,
        ),
        (
            "<p><b>Mehr aus dem Landkreis:</b><br>Das Freibad öffnet früher, "
            "<a href='/lokales/freibad-31870/'>teilt die Stadt mit</a>.</p>",
            False,
        ),
        # a label no lead-in rule knows
        (f"<div><b>Unsere Partner:</b><br>{_RELATED}</div>", False),
    ],
)
def test_links_one_a_line_under_a_lead_in_label_are_a_related_list(box: str, gone: bool) -> None:
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{PARAGRAPH}</p>{box}</article></body></html>"
    )
    dropped = drop_related_lists(tree)
    assert ("Freibad öffnet" in tree.text_content()) is not gone
    assert bool(dropped) is gone


@pytest.mark.parametrize("heading", ["Was sich ändert", "Weitere Folgen"])
def test_a_list_under_an_ordinary_heading_stays(heading: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><div class='text'>"
        f"<p>{PARAGRAPH}</p><h3>{heading}</h3><ul><li>Neues Becken für Kurse</li>"
        f"<li>Sauna wird erweitert</li></ul><p>{SECOND}</p></div></body></html>"
    )
    text = _extract(html).text
    assert "Neues Becken für Kurse" in text and "Sauna wird erweitert" in text


QUOTE = "„Wir lassen niemanden im Regen stehen, auch nicht die Vereine“"


@pytest.mark.parametrize(
    "paragraph",
    [
        # the quote repeats a sentence of the text
        "Der Bürgermeister versprach den Vereinen Hilfe: „Wir lassen niemanden im Regen stehen,"
        " auch nicht die Vereine“, sagte er am Abend.",
        # shortened from it
        "„Wir lassen auch die Vereine nicht im Regen stehen, niemanden“, sagte er.",
    ],
)
def test_a_pull_quote_repeating_the_text_is_dropped(paragraph: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><blockquote>{QUOTE}</blockquote><p>{paragraph}</p><p>{SECOND}</p>"
        "</article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, paragraph, SECOND]
    assert [d.rule for d in result.dropped if d.text == QUOTE] == ["teaser:pull-quote"]


def test_a_quotation_in_a_blockquote_stays() -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><blockquote><p>{QUOTE}</p></blockquote><p>{SECOND}</p>"
        "</article></body></html>"
    )
    assert _extract(html).text.splitlines() == [PARAGRAPH, QUOTE, SECOND]


# --- fact boxes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "box",
    [
        # label: value lines under a heading, in paragraphs
        "<aside class='info'><h3>Das Fest im Überblick</h3><p>Termin: Sonntag, 12 bis 18 Uhr</p>"
        "<p>Ort: Kurpark, Eingang Parkstraße</p><p>Kosten: keine</p></aside>",
        # figures in list items, the first without a heading
        "<div class='zahlen'><ul><li>Mitarbeitende: 120</li><li>Gegründet: 1974</li>"
        "<li>Jahresumsatz 2023: 18 Millionen Euro</li></ul></div>",
        # a term list (court, date, file number)
        "<div class='fall'><dl><dt>Gericht</dt><dd>Verwaltungsgericht Talstadt</dd>"
        "<dt>Beschluss vom</dt><dd>4. März 2024</dd><dt>Az.</dt><dd>2 L 77/24</dd></dl></div>",
        # a label over a list of statements
        "<section class='kurz'><p class='kurz__titel'>Kurz gesagt</p><ol>"
        "<li>Das Bad schließt für ein Jahr.</li><li>Schulen weichen nach Talheim aus.</li>"
        "</ol></section>",
        # an explainer: a term asked about, or the label of a background box
        "<div class='erklaer'><h4>Sanierungsrücklage – was ist das?</h4><p>Geld, das eine "
        "Gemeinde jedes Jahr für spätere Reparaturen ihrer Gebäude beiseitelegt.</p></div>",
        "<aside><h3>Was ist ein Sportstättenplan?</h3><p>Er listet alle Hallen und Plätze einer "
        "Stadt auf.</p><p>Der Rat beschließt ihn alle fünf Jahre neu.</p></aside>",
        "<div class='box'><p><strong>Stichwort Bäderkonzept</strong></p><p>Ein Plan, welche "
        "Bäder eine Region in zehn Jahren noch betreiben will.</p></div>",
        # advice under a reader's question about a thing
        "<div class='infobox'><h3>Wie erkenne ich einen Wolfsriss?</h3><p>Typisch sind Bisse "
        "in die Kehle.</p><p>Wer ein Tier findet, meldet es dem Landesamt.</p></div>",
        "<div class='rat'><h5>Woran erkennt man verkeimtes Duschwasser?</h5><p>Am Geruch "
        "selten: nur eine Probe im Labor zeigt Legionellen.</p></div>",
    ],
)
def test_a_fact_box_beside_the_text_is_dropped(box: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p>{box}<p>{SECOND}</p></article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert [d.rule for d in result.dropped] == ["widget:stats-box"]


@pytest.mark.parametrize(
    "block",
    [
        # label: value lines in the text's own flow, not in a box of their own
        "<p>Sanierung: ab Mai</p><p>Wiedereröffnung: im Herbst</p><p>Kosten: vier Millionen</p>",
        # a box of prose, not of facts
        f"<div class='zitat'><p>{PARAGRAPH}</p><p>{SECOND}</p><p>Mehr dazu im Herbst.</p></div>",
        # a box of links is a teaser list, not facts
        "<div class='box'><h3>Dazu</h3><ul><li><a href='/a/2.html'>Sauna wird erweitert heute"
        "</a></li><li><a href='/a/3.html'>Freibad öffnet früher als geplant</a></li></ul></div>",
    ],
)
def test_lines_that_are_no_fact_box_are_not_dropped_as_one(block: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p>{block}<p>{SECOND}</p></article></body></html>"
    )
    assert "widget:stats-box" not in [d.rule for d in _extract(html).dropped]


@pytest.mark.parametrize(
    "block",
    [
        # a question about what follows is the text's subheading
        "<div class='abschnitt'><h3>Was bedeutet das für die Vereine?</h3><p>Sie trainieren "
        "ein Jahr lang in der Halle in Talheim.</p></div>",
        "<div class='abschnitt'><h3>Was kann ich jetzt tun?</h3><p>Sie trainieren ein Jahr "
        "lang in der Halle in Talheim.</p></div>",
        # the text made of sections, each a question and its answer
        "<section><h2>Was ist geplant?</h2><p>Ein neues Dach und neue Technik.</p></section>",
        "<section><h2>Wie erreiche ich die Halle in Talheim?</h2><p>Mit dem Bus 12.</p></section>",
    ],
)
def test_a_question_and_its_answer_in_the_text_stay(block: str) -> None:
    body = (
        f"<p>{PARAGRAPH}</p>{block}<p>{SECOND}</p><p>{PARAGRAPH}</p>"
        if block.startswith("<div")
        else f"<section><h2>Worum geht es?</h2><p>{PARAGRAPH}</p></section>{block}"
        f"<section><h2>Wer zahlt?</h2><p>{SECOND}</p></section>"
    )
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"{body}</article></body></html>"
    )
    assert "widget:stats-box" not in [d.rule for d in _extract(html).dropped]


def test_a_table_of_label_and_value_rows_before_the_headline_is_dropped() -> None:
    tree = lxml.html.fromstring(
        "<html><body><section><table><tr><th>Ressort</th><td>Land</td></tr>"
        "<tr><th>Stand</th><td>03.02.2026, 07:40</td></tr></table><h1>Hallenbad wird saniert</h1>"
        f"<div class='text'><p>{PARAGRAPH}</p><table><tr><th>Becken</th><td>25 m</td></tr>"
        f"<tr><th>Bahnen</th><td>6</td></tr></table><p>{SECOND}</p></div></section></body></html>"
    )
    dropped = drop_fact_boxes(tree, tree.find(".//h1"))
    assert [d.text for d in dropped] == ["Ressort Land · Stand 03.02.2026, 07:40"]
    assert len(tree.findall(".//table")) == 1  # a table in the text is the text's


@pytest.mark.parametrize(
    "rows",
    [
        "<tr><td class='label'>Datum:</td><td>28.04.2025</td></tr>"
        "<tr><td class='label'>Rubrik:</td><td>Verkehr &amp; Baustellen</td></tr>",
        "<tr><td>Autorin</td><td>Lene Vorholt</td></tr>"
        "<tr><td>Erstellt</td><td>03.02.2026</td></tr>",
    ],
)
def test_a_table_of_info_labels_in_plain_cells_before_the_headline_is_dropped(rows: str) -> None:
    tree = lxml.html.fromstring(
        f"<html><body><div><table>{rows}</table><h1>Hallenbad wird saniert</h1>"
        f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div></div></body></html>"
    )
    assert len(drop_fact_boxes(tree, tree.find(".//h1"))) == 1
    assert tree.find(".//table") is None


# --- a review's verdict boxes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "boxes",
    [
        "<div class='procontra'><div class='pro'><h3>Pro</h3><ul><li>scharfes Display</li>"
        "<li>lange Akkulaufzeit</li></ul></div><div class='contra'><h3>Contra</h3><ul>"
        "<li>recht schwer</li></ul></div></div>",
        "<section class='urteil'><div><p><strong>Vorteile</strong></p><ol><li>warmes Wasser ab "
        "sieben Uhr</li><li>neue Sauna</li></ol></div><div><p><strong>Nachteile:</strong></p>"
        "<ol><li>wenige Parkplätze</li><li>teurer Eintritt</li></ol></div></section>",
    ],
)
def test_a_reviews_boxes_of_points_beside_the_text_are_dropped(boxes: str) -> None:
    result = _extract(_closed_by(boxes))
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_points_in_the_texts_own_flow_stay() -> None:
    block = (
        "<h3>Pro</h3><ul><li>scharfes Display</li><li>lange Akkulaufzeit</li></ul><h3>Contra"
        "</h3><ul><li>recht schwer</li></ul>"
    )
    lines = _extract(_closed_by(block)).text.splitlines()
    assert lines[2:] == ["Pro", "scharfes Display", "lange Akkulaufzeit", "Contra", "recht schwer"]


@pytest.mark.parametrize(
    "box",
    [
        # arguments, sentences under the label
        "<div class='debatte'><h3>Pro</h3><ul><li>Das Bad wird von drei Schulen genutzt.</li>"
        "<li>Ohne Bad lernen Kinder nicht mehr schwimmen.</li></ul></div>",
        # points under a label that is no verdict
        "<div class='ausstattung'><h3>Ausstattung</h3><ul><li>Sauna</li><li>Kinderbecken</li>"
        "</ul></div>",
    ],
)
def test_a_box_of_points_that_is_no_verdict_is_left_to_other_rules(box: str) -> None:
    tree = lxml.html.fromstring(_closed_by(box))
    found = tree.find(".//div")
    units = list(found.iter("h3", "li"))
    assert side_box_rule(found, units) is None


# --- video and audio teasers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "box",
    [
        "<div class='tk-video'><span class='label'>Video</span><span>Hier parkt Manfred S. aus "
        "dem Kreisel</span><span class='dauer'>01:23</span><button>Video abspielen</button></div>",
        "<div class='clip'><a href='/audio/7'>Audio</a><p>Das Interview mit der Bürgermeisterin"
        "</p><time>12:05 min</time></div>",
    ],
)
def test_a_media_teaser_box_between_paragraphs_is_dropped(box: str) -> None:
    html = _headline_page(f"<article><p>{PARAGRAPH}</p>{box}<p>{SECOND}</p></article>")
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert "media:player" in [dropped.rule for dropped in result.dropped]


@pytest.mark.parametrize(
    "box",
    [
        # a sentence about a video, its length inside the sentence
        "<div><p>Video</p><p>Das Video der Polizei dauert nur 01:23 Minuten.</p></div>",
        # a label without a duration of its own
        "<div><span>Video</span><span>Hier parkt Manfred S. aus dem Kreisel</span></div>",
    ],
)
def test_a_box_that_is_no_media_teaser_is_not_taken_for_one(box: str) -> None:
    found = lxml.html.fragment_fromstring(box)
    assert not any(is_media_teaser(found, text_of(child)) for child in found)


# --- sign-up boxes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "box",
    [
        # a newsletter's name and tagline, never the word "Newsletter"
        "<div class='nl'><h4>Der Rathaus-Brief</h4><p>Was Talheim bewegt – jeden Freitag um 7 "
        "Uhr.</p><form><input type='email' placeholder='Ihre E-Mail'><button>Kostenlos anmelden"
        "</button></form></div>",
        # no form, a text field named for the address
        "<section class='signup'><p><strong>Bäder-Update</strong></p><p>Öffnungszeiten und "
        "Baustellen, einmal im Monat.</p><input type='text' name='email'><input type='submit' "
        "value='Eintragen'></section>",
    ],
)
def test_a_signup_box_beside_the_text_goes(box: str) -> None:
    for article in (
        f"<p>{PARAGRAPH}</p>{box}<p>{SECOND}</p>",
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{box}",
    ):
        result = _extract(_headline_page(f"<article>{article}</article>"))
        assert result.text.splitlines() == [PARAGRAPH, SECOND]
        assert "promo:newsletter" in [dropped.rule for dropped in result.dropped]


@pytest.mark.parametrize(
    "box",
    [
        # a comment form asks for a message too
        "<div class='kommentieren'><h4>Ihre Meinung zum Hallenbad</h4><input type='email' "
        "name='mail'><textarea name='text'></textarea><button>Senden</button></div>",
        # a login box asks for a password
        "<div class='login'><p>Schon Abonnent? Hier anmelden.</p><input type='email'>"
        "<input type='password'><button>Anmelden</button></div>",
        # a field that asks for no address
        "<div class='suche'><p>Suchen Sie im Archiv des Anzeigers.</p><input type='text' "
        "name='q'><button>Suchen</button></div>",
    ],
)
def test_a_form_that_is_no_signup_stays_for_its_rules(box: str) -> None:
    tree = lxml.html.fromstring(_closed_by(box))
    assert drop_signup_boxes(tree) == []


def test_a_signup_form_that_is_most_of_the_text_stays() -> None:
    # the box holds more than a third of the words around it: no box beside a text
    tree = lxml.html.fromstring(
        "<html><body><div><p>Kurz notiert.</p><div><h4>Der Rathaus-Brief</h4><p>Was Talheim "
        "bewegt – jeden Freitag.</p><input type='email'></div></div></body></html>"
    )
    assert drop_signup_boxes(tree) == []


@pytest.mark.parametrize(
    "rows",
    [
        # labels that are no item data, and info labels in rows of three cells
        "<tr><td>Becken:</td><td>25 m</td></tr><tr><td>Bahnen:</td><td>6</td></tr>",
        "<tr><td>Datum</td><td>03.02.</td><td>Lindhaven</td></tr>"
        "<tr><td>Datum</td><td>04.02.</td><td>Kronau</td></tr>",
    ],
)
def test_other_plain_tables_before_the_headline_stay(rows: str) -> None:
    tree = lxml.html.fromstring(
        f"<html><body><div><table>{rows}</table><h1>Hallenbad wird saniert</h1>"
        f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div></div></body></html>"
    )
    assert drop_fact_boxes(tree, tree.find(".//h1")) == []


def test_a_place_dateline_a_desk_credit_and_a_goals_line_in_their_own_elements_go() -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        "<span class='ortsmarke'>Lindhaven-Süd, 07.03.2026</span>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p><footer><small>Bericht: Presseteam TSV Grünmark"
        "</small></footer><div class='tore'>Tore: 0:1 Lindqvist (04:12), 1:1 Osei (17:55/PP2)"
        ", 2:1 Kramer (58:40/EN)</div></article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.authors == ()


@pytest.mark.parametrize(
    ("credits", "authors"),
    [
        ("<p class='abspann'>Bericht: Mara Quist | Schnitt: Tom Reder</p>", ("Mara Quist",)),
        ("<div>Text: Lars Ebner · Fotos: Ina Vogt · Grafik: Ben Sahin</div>", ("Lars Ebner",)),
        ("<p><small>Text: Lars Ebner, Bilder: Ina Vogt</small></p>", ("Lars Ebner",)),
        # editors, fact-checkers and camera operators are no authors
        ("<p>Redaktion: Mara Quist • Faktencheck: Tom Reder</p>", ()),
        # the interviewer is the author of an interview, a presenter is none
        ("<p class='interviewer'>Interview: Sandro Keller</p>", ("Sandro Keller",)),
        ("<p><em>Interview: Sandro Keller · Fotos: Mia Wyss</em></p>", ("Sandro Keller",)),
        ("<p>Moderation: Sandro Keller · Redaktion: Mia Wyss</p>", ()),
    ],
)
def test_a_credits_line_after_the_text_goes_and_names_only_the_author(
    credits: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_closed_by(credits))
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.authors == authors


@pytest.mark.parametrize(
    "line",
    [
        "Fachlich geprüft von Dr. Jana Kroll, Apothekerin",
        "Medizinisch überprüft durch Prof. Dr. med. Uwe Lamm",
        "Medically reviewed by Dr. Ann Lee",
    ],
)
def test_a_reviewer_line_goes_and_names_no_author(line: str) -> None:
    html = (
        "<html lang='de'><body><article><h1>Hallenbad wird saniert</h1>"
        f"<p class='trust'>{line}</p><p>{PARAGRAPH}</p><p>{SECOND}</p></article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.authors == ()


@pytest.mark.parametrize(
    "generic", ["Artikel", "Beitrag anzeigen", "Aktuelles | Alpenland Zeitung"]
)
def test_a_generic_document_title_is_no_seo_title(generic: str) -> None:
    html = _page(f"<title>{generic}</title>", "<h1>Hallenbad wird im Herbst saniert</h1>")
    result = _extract(html)
    assert result.title == "Hallenbad wird im Herbst saniert"
    assert result.seo_title is None


@pytest.mark.parametrize(
    ("label", "seo_title"),
    [
        # the topic is printed as a label above the headline: no headline of its own
        ("<p class='dach'>Bäder</p>", None),
        # the topic is printed nowhere: the <title> is another headline
        ("", "Bäder: Hallenbad wird im Herbst saniert"),
    ],
)
def test_a_topic_before_the_headline_in_the_title(label: str, seo_title: str | None) -> None:
    html = _page(
        "<title>Bäder: Hallenbad wird im Herbst saniert</title>",
        f"<header>{label}<h1>Hallenbad wird im Herbst saniert</h1></header>",
    )
    assert _extract(html).seo_title == seo_title


@pytest.mark.parametrize(
    "headline",
    [
        "<font size='5'><b>Hallenbad wird im Herbst saniert</b></font>",
        "<font size='+2'>Hallenbad wird im Herbst saniert</font>",
        "<p style='color: #333; font-size: 22px'><b>Hallenbad wird im Herbst saniert</b></p>",
        "<div><span style='font-size:1.6em'>Hallenbad wird im Herbst saniert</span></div>",
    ],
)
def test_a_headline_in_big_type_is_the_title_of_a_page_without_one(headline: str) -> None:
    html = _page(
        "<title>Schwimmverein Talheim - Neuigkeiten</title>",
        f"<font size='6'>Schwimmverein Talheim</font><br><font size='2'>Seit 1921</font>{headline}",
        url="http://www.schwimmverein-talheim.de/neu/bad.html",
    )
    result = _extract(html, url="http://www.schwimmverein-talheim.de/neu/bad.html")
    assert (result.title, result.seo_title) == ("Hallenbad wird im Herbst saniert", None)


@pytest.mark.parametrize(
    ("title", "headline", "expected"),
    [
        # the <title> names the article: it is the title
        (
            "Sanierung des Hallenbads beginnt im Herbst",
            "<font size='5'>Hallenbad wird im Herbst saniert</font>",
            "Sanierung des Hallenbads beginnt im Herbst",
        ),
        # small type is no headline
        ("Neuigkeiten", "<font size='2'>Hallenbad wird im Herbst saniert</font>", "Neuigkeiten"),
        # an <h1> is the headline
        (
            "Neuigkeiten",
            "<font size='5'>Termine im Sommer</font><h1>Hallenbad wird im Herbst saniert</h1>",
            "Hallenbad wird im Herbst saniert",
        ),
    ],
)
def test_big_type_is_no_headline_beside_a_title_or_an_h1(
    title: str, headline: str, expected: str
) -> None:
    assert _extract(_page(f"<title>{title}</title>", headline)).title == expected


@pytest.mark.parametrize(
    "layout",
    [
        # a layout table: the issue line rows above the headline's (pages 841, 866)
        "<table><tr><td><font size='1'>Ausgabe 14/2025 – Donnerstag, 3. April 2025</font></td>"
        "</tr><tr><td><b>Vereine</b></td></tr><tr><td><font size='5'><b>{}</b></font></td></tr>"
        "</table>",
        # blocks: the date beside the headline's wrapper
        "<div class='kopf'><div>3. April 2025</div><div><div style='font-size: 24px'>{}</div>"
        "</div></div>",
    ],
)
def test_big_type_wording_the_titles_shortened_headline_in_full_is_the_headline(
    layout: str,
) -> None:
    html = _page(
        "<title>Alpenland Zeitung - Hallenbad wird saniert</title>",
        layout.format("Hallenbad wird im Herbst saniert"),
    )
    result = _extract(html)
    assert (result.title, result.seo_title) == (
        "Hallenbad wird im Herbst saniert",
        "Hallenbad wird saniert",
    )
    assert result.published_at is not None
    assert result.published_at.date().isoformat() == "2025-04-03"


@pytest.mark.parametrize(
    "big",
    [
        # the site's slogan, the section: other words
        "<font size='5'>Ihre Zeitung für das Alpenland</font>",
        "<font size='5'>Aus der Gemeinde</font>",
        # a headline sharing a few words with the <title> and saying more
        "<font size='5'>Hallenbad wird saniert: was Vereine und Schulen im Winter tun</font>",
    ],
)
def test_big_type_in_other_words_than_the_title_is_no_headline(big: str) -> None:
    html = _page("<title>Alpenland Zeitung - Hallenbad wird saniert</title>", big)
    assert _extract(html).title == "Hallenbad wird saniert"


@pytest.mark.parametrize(
    ("closing", "authors"),
    [
        ("<p>Ilse Marbach, 1. Vorsitzende", ("Ilse Marbach",)),
        ("<p>Ilse Marbach, Pressesprecherin der Gemeinde</p>", ("Ilse Marbach",)),
        ("<p><i>Ilse Marbach (Kassenwartin)</i></p>", ("Ilse Marbach",)),
        # a contributor's signature naming the site written for, the first name alone over it
        ("<p>– Jonas</p><p><em>Jonas Ebert für talbote-online.de</em></p>", ("Jonas Ebert",)),
        ("<p>Ilse Marbach für www.dorfblatt.at</p>", ("Ilse Marbach",)),
        ("<p>Ilse Marbach für die Alpenland-Zeitung</p>", ("Ilse Marbach",)),
        # after a dash, a signature for a body named in capitalised words
        ("<p>— Gerd Wolkenhauer, für den Bürgerverein Lindenhof</p>", ("Gerd Wolkenhauer",)),
        ("<p>– Ilse Marbach für die Freiwillige Feuerwehr Talheim</p>", ("Ilse Marbach",)),
        ("<p>- Jonas Weidlich, für den Vorstand des TSV Grünmark</p>", ("Jonas Weidlich",)),
        ("<p>— Ilse Marbach, für den Vorstand</p>", ("Ilse Marbach",)),
        # after a comma alone, for a body of two words or more
        ("<p>Ilse Marbach, für die Freiwillige Feuerwehr Talheim</p>", ("Ilse Marbach",)),
        # a name alone over or under a place and date line closing the text, in capitals too
        ("<p>Ilse Marbach</p><p>Bad Talheim, am 12. März 2025</p>", ("Ilse Marbach",)),
        ("<p>Wien, 20. Mai 2025</p><p>JONAS VON FELD</p>", ("Jonas von Feld",)),
        ("<p>Ilse Marbach<br>Bad Talheim, 3. Dezember 2026</p>", ("Ilse Marbach",)),
        # the writers' names and the day in brackets, as Austrian papers sign
        ("<p>(Anna Gruber, Markus Leitl, 3.7.2026)</p>", ("Anna Gruber", "Markus Leitl")),
        ("<p>(Ilse Marbach/APA, 12.3.26)</p>", ("Ilse Marbach",)),
        # "gez." before the signer's name, the office under it or after a comma
        (
            "<p class='unterschrift'>gez. Stefan Ranftl<br>Erster Bürgermeister</p>",
            ("Stefan Ranftl",),
        ),
        ("<p>gez. Dr. Anna Berger</p><p>Leiterin des Ordnungsamts</p>", ("Anna Berger",)),
        ("<p>gez. Ilse Marbach, 1. Vorsitzende</p>", ("Ilse Marbach",)),
        ("<p>gez. Bürgermeisterin Anna Berger</p>", ("Anna Berger",)),
    ],
)
def test_a_signature_closing_the_text_names_the_author(
    closing: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}<p>{SECOND}{closing}"))
    assert result.authors == authors
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    ("closing", "stays"),
    [
        # a dateline names no author; it goes as a dateline
        ("<p>Bad Talheim, 12. März 2025</p>", False),
        ("<p>Wien · 20. Mai 2025</p>", False),
        ("<div>St. Gallen | 03.12.2026</div>", False),
        ("<p>Kastelruth – 4. Dezember 2026</p>", False),
        # a place and a figure that is no date
        ("<p>Wien · 20 Grad und Sonne</p>", True),
        ("<p>Sport · 3:1 gegen Linz</p>", True),
        # the last of a list of people and offices
        ("<p>Ilse Marbach, 1. Vorsitzende</p><p>Jonas Weidlich, Kassenwart</p>", True),
        # a sentence
        ("<p>Ilse Marbach, die Vorsitzende, dankte allen Helfern.</p>", True),
        # the site's name
        ("<p>Alpenland Zeitung, Lokalredaktion</p>", True),
        # thanks or a sentence "… für …" naming no site
        ("<p>Vielen Dank für alles</p>", True),
        ("<p>Ilse Marbach für den Gemeinderat</p>", True),
        ("<p>Neue Bänke für den Stadtpark Nord</p>", True),
        # after a dash: thanks, a phrase that goes on in lower case, a name for no body
        ("<p>— Vielen Dank für die Hilfe</p>", True),
        ("<p>— Ilse Marbach, für den Verein ein Gewinn</p>", True),
        ("<p>— Ilse Marbach für Talheim</p>", True),
        # after a comma alone, a body of one word
        ("<p>Ilse Marbach, für den Vorstand</p>", True),
        # a party or places in brackets, no agency; a sentence with an agency in brackets
        ("<p>Ilse Marbach (spd)</p>", True),
        ("<p>Ilse Marbach (Talheim)</p><p>Jonas Weidlich (Grünmark)</p>", True),
        ("<p>Das meldete die Agentur Marta Quandt (dpa) am Abend.</p>", True),
        # names in brackets without the day, a court and its day, a place among the names
        ("<p>(Anna Gruber, Markus Leitl)</p>", True),
        ("<p>(Landesgericht Wien, 3.7.2026)</p>", True),
        ("<p>(Ilse Marbach, Wien, 3.7.2026)</p>", True),
        # "gez." over a sentence, before a date, in a sentence
        ("<p>gez. Ilse Marbach<br>Die Sitzung beginnt um 19 Uhr im Rathaus.</p>", True),
        ("<p>gez. 12. März 2025</p>", True),
        ("<p>Der Bescheid ist gez. vom Landrat Jan Ohm</p>", True),
    ],
)
def test_lines_that_are_no_closing_signature_name_no_author(closing: str, stays: bool) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ()
    assert (lxml.html.fromstring(closing).text_content()[:12] in result.text) == stays


@pytest.mark.parametrize(
    "closing",
    [
        # text after the name and the dateline
        "<p>Ilse Marbach</p><p>Bad Talheim, 12. März 2025</p><p>Die nächste Sitzung ist im Mai.",
        # no sentence before the name: a heading or a list's label over it
        "<p>Die neue Vorsitzende:</p><p>Ilse Marbach</p><p>Bad Talheim, 12. März 2025</p>",
        # a letter's closing formula
        "<p>Vielen Dank</p><p>Bad Talheim, 12. März 2025</p>",
        # a name alone with no dateline by it
        "<p>Ilse Marbach</p>",
    ],
)
def test_a_name_alone_not_by_a_closing_dateline_names_no_author(closing: str) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ()
    assert ("Ilse Marbach" in closing) == ("Ilse Marbach" in result.text)
    assert ("Vielen Dank" in closing) == ("Vielen Dank" in result.text)


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Die Kapelle am Ortsrand im Herbst 2011 (Foto: Vereinsarchiv)", True),
        ("Der neue Vorstand bei der Übergabe. (Bild: Anna Beispiel)", True),
        ("Blick vom Kirchturm auf den Marktplatz (Bildquelle: Gemeinde Talheim)", True),
        # sentences of the text
        ("Die Kapelle wurde 1911 gebaut. Sie steht am Ortsrand (Foto: Vereinsarchiv)", False),
        ("Die Kapelle steht seit 1911 am Ortsrand (Foto: Vereinsarchiv).", False),
        ("Die Karte (Grafik oben) zeigt die neuen Radwege", False),
    ],
)
def test_a_caption_with_its_credit_in_brackets_is_media(line: str, dropped: bool) -> None:
    kept, away = clean_lines(
        [PARAGRAPH, line, SECOND], title=None, rules=CleaningRules(), language="de"
    )
    assert (line not in kept, [d.rule for d in away]) == (dropped, ["credit:caption"] * dropped)


@pytest.mark.parametrize(
    ("source", "authors", "agencies"),
    [
        ("Quelle: talbote24.de, Nadja Rüegg, AFP", ("Nadja Rüegg",), ("AFP",)),
        ("Quelle: www.talbote24.de, Nadja Rüegg und Reuters", ("Nadja Rüegg",), ("Reuters",)),
        ("Quellen: Nadja Rüegg, dpa", ("Nadja Rüegg",), ("dpa",)),
        # a signature of the name and the agency in brackets
        ("Anne-Katrin Wiesner (epd)", ("Anne-Katrin Wiesner",), ("epd",)),
        ("Jonas von Feld (KNA)", ("Jonas von Feld",), ("KNA",)),
        ("Marta Quandt (dpa)", ("Marta Quandt",), ("dpa",)),
    ],
)
def test_a_source_line_or_signature_after_the_text_names_author_and_agency_and_goes(
    source: str, authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    html = (
        "<html lang='de'><body><article><div class='head'><h1>Hallenbad wird saniert</h1></div>"
        f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div><p class='src'>{source}</p>"
        "</article></body></html>"
    )
    result = _extract(html, url="https://www.talbote24.de/a/1.html")
    assert (result.authors, result.agencies) == (authors, agencies)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    ("kicker", "topic", "kept"),
    [
        ("<h2 class='kicker'>Streit um das Freibad</h2>", "Streit um das Freibad", True),
        ("<p class='dachzeile'>Nach dem Wasserschaden</p>", "Nach dem Wasserschaden", True),
        # a label of a word or two: a topic, no headline of its own
        ("<span class='topic'>Bäder Talheim</span>", "Bäder Talheim", False),
    ],
)
def test_a_title_joining_a_kicker_phrase_and_the_headline_is_the_seo_title(
    kicker: str, topic: str, kept: bool
) -> None:
    title = f"{topic}: Hallenbad wird im Herbst saniert"
    html = _page(
        f"<title>{title} | Alpenland Zeitung</title>",
        f"<header>{kicker}<h1>Hallenbad wird im Herbst saniert</h1></header>",
    )
    assert _extract(html).seo_title == (title if kept else None)


@pytest.mark.parametrize(
    ("title", "crumbs", "seo_title"),
    [
        # the publication's name in the breadcrumb, after a word saying what it is
        (
            "Dorfpost – Sanierung des Hallenbads beginnt im Herbst",
            "<nav aria-label='Breadcrumb'><a href='/'>Start</a> › "
            "<a href='/dorfpost'>Zeitschrift Dorfpost</a> › Heft 4</nav>",
            "Sanierung des Hallenbads beginnt im Herbst",
        ),
        # a section of the breadcrumb as a suffix
        (
            "Sanierung des Hallenbads beginnt im Herbst - Vereinssport",
            "<ol class='crumbs'><li><a href='/'>Talheim</a></li>"
            "<li><a href='/vereinssport'>Vereinssport</a></li></ol>",
            "Sanierung des Hallenbads beginnt im Herbst",
        ),
        # no breadcrumb names it: part of the headline
        ("Dorfpost – Sanierung des Hallenbads beginnt im Herbst", "", None),
    ],
)
def test_a_title_affix_the_breadcrumb_names_is_cut(
    title: str, crumbs: str, seo_title: str | None
) -> None:
    html = _page(f"<title>{title}</title>", f"{crumbs}<h1>Hallenbad wird saniert</h1>")
    assert _extract(html).seo_title == (seo_title or title)


@pytest.mark.parametrize(
    ("title", "seo_title"),
    [
        ("Fotostrecke: Die schönsten Bilder vom Hallenbad", "Die schönsten Bilder vom Hallenbad"),
        ("Video: So sieht das Hallenbad heute aus", "So sieht das Hallenbad heute aus"),
        ("Sport: Hallenbad wird saniert", None),
        # the section of press releases
        ("Alpenland Zeitung – Pressemitteilung: Hallenbad wird saniert", None),
        (
            "Medienmitteilung: Die schönsten Bilder vom Hallenbad",
            "Die schönsten Bilder vom Hallenbad",
        ),
        # the section of a trade journal's papers
        ("Fachartikel: Hallenbad wird saniert", None),
        ("Fachbeitrag: Die schönsten Bilder vom Hallenbad", "Die schönsten Bilder vom Hallenbad"),
        ("Hallenbad wird saniert | Fachbeiträge | Alpenland Zeitung", None),
        # the markets section of news and trade sites
        ("Markt: Hallenbad wird saniert", None),
        ("Märkte: Die schönsten Bilder vom Hallenbad", "Die schönsten Bilder vom Hallenbad"),
        ("Hallenbad wird saniert | Markt | Alpenland Zeitung", None),
        # a market named is a topic
        (
            "Wochenmarkt: Die schönsten Bilder vom Hallenbad",
            "Wochenmarkt: Die schönsten Bilder vom Hallenbad",
        ),
        # a topic, no section: another headline
        (
            "Bäderkrise: Die schönsten Bilder vom Hallenbad",
            "Bäderkrise: Die schönsten Bilder vom Hallenbad",
        ),
        # a form of text, no section
        (
            "Gastbeitrag: Die schönsten Bilder vom Hallenbad",
            "Gastbeitrag: Die schönsten Bilder vom Hallenbad",
        ),
    ],
)
def test_a_section_before_the_title_is_an_affix(title: str, seo_title: str | None) -> None:
    html = _page(f"<title>{title}</title>", "<h1>Hallenbad wird saniert</h1>")
    assert _extract(html).seo_title == seo_title


@pytest.mark.parametrize(
    ("heading", "credits"),
    [
        (
            "<div class='page-header'><h2 itemprop='headline'>Das Bad macht wieder auf</h2></div>",
            "<p class='credits'><small>Text: Lene Vorholt · Fotos: Jan Ohm</small></p>",
        ),
        (
            "<header><h3 class='title' itemprop='headline'>Das Bad macht wieder auf</h3></header>",
            "<div>Text: Lene Vorholt | Bilder: Jan Ohm</div>",
        ),
    ],
)
def test_a_heading_the_microdata_marks_as_headline_is_the_title_without_an_h1(
    heading: str, credits: str
) -> None:
    html = _page(
        "<title>Hallenbad in Talheim öffnet nach Sanierung - Alpenland Zeitung</title>",
        f"{heading}{credits}",
    )
    result = _extract(html)
    assert result.title == "Das Bad macht wieder auf"
    assert result.seo_title == "Hallenbad in Talheim öffnet nach Sanierung"
    assert result.authors == ("Lene Vorholt",)


@pytest.mark.parametrize(
    "other",
    [
        # an <h1> is the headline, whatever the microdata marks
        "<h1>Hallenbad in Talheim öffnet nach Sanierung</h1><h2 itemprop='headline'>Das Bad "
        "macht wieder auf</h2>",
        # a name the microdata marks (an author box's) is no headline
        "<div itemprop='author'><h3 itemprop='name'>Lene Vorholt</h3></div>",
    ],
)
def test_only_a_marked_headline_replaces_a_missing_h1(other: str) -> None:
    html = _page(
        "<title>Hallenbad in Talheim öffnet nach Sanierung - Alpenland Zeitung</title>", other
    )
    assert _extract(html).title == "Hallenbad in Talheim öffnet nach Sanierung"


@pytest.mark.parametrize(
    ("title", "seo_title"),
    [
        # a section of the menu and its league or class after a comma: the section's path
        ("Handball, 3. Liga: Hallenbad wird saniert | Alpenland Zeitung", None),
        ("Fußball, Kreisliga A, Staffel 2: Hallenbad wird saniert", None),
        ("Region, Oberland: Hallenbad wird saniert - Alpenland Zeitung", None),
        # a first part no section: a topic, another headline
        (
            "Bäderkrise, Teil 2: Hallenbad wird saniert",
            "Bäderkrise, Teil 2: Hallenbad wird saniert",
        ),
        # a section before a phrase of its own: a kicker
        (
            "Handball, Tränen und ein großer Abschied: Hallenbad wird saniert",
            "Handball, Tränen und ein großer Abschied: Hallenbad wird saniert",
        ),
    ],
)
def test_a_sections_path_before_the_title_is_an_affix(title: str, seo_title: str | None) -> None:
    menu = (
        "<nav><a href='/fussball/'>Fußball</a><a href='/handball/'>Handball</a>"
        "<a href='/region/'>Region</a></nav>"
    )
    html = _page(f"<title>{title}</title>", f"{menu}<h1>Hallenbad wird saniert</h1>")
    assert _extract(html).seo_title == seo_title


@pytest.mark.parametrize(
    ("credits", "agencies"),
    [
        (
            "<table><tr><td>Text</td><td>Nadja Rüegg</td></tr>"
            "<tr><td>Fotos</td><td>dpa/Marco Keller</td></tr></table>",
            (),
        ),
        ("<dl><dt>Bild</dt><dd>AFP</dd><dt>Autorin</dt><dd>Nadja Rüegg</dd></dl>", ()),
        ("<p>Foto: <span>Reuters/Marco Keller</span></p>", ()),
        (
            "<figure><img src='/b.jpg' alt=''><figcaption>Das Hallenbad von außen "
            "<span class='c'>dpa</span></figcaption></figure>",
            (),
        ),
        # a source label credits the text
        ("<table><tr><td>Quelle</td><td>dpa</td></tr></table>", ("dpa",)),
        # a source line closing with its date and time, the colon maybe full-width
        ("<div class='info'>Quelle：Reuters 2026-02-04 09:12:55</div>", ("Reuters",)),
        ("<div class='info'>Quelle: AFP 04.02.2026 09:12</div>", ("AFP",)),
        # a date after a word that names no agency
        ("<div class='info'>Quelle: Stadtverwaltung 2026-02-04 09:12:55</div>", ()),
        ("<p class='info'>Nadja Rüegg, AFP</p>", ("AFP",)),
    ],
)
def test_an_agency_under_a_picture_label_credits_no_text(
    credits: str, agencies: tuple[str, ...]
) -> None:
    body = f"<div class='head'><h1>Hallenbad wird saniert</h1>{credits}</div>"
    assert _extract(_page("", body)).agencies == agencies


@pytest.mark.parametrize(
    ("credits", "authors"),
    [
        # a caption after a picture, no figure around them: the photographer's credit
        (
            "<div class='pic'><img src='/b.jpg' alt=''><div class='sub'>Das Hallenbad von "
            "außen <span class='copy'>APA/Marco Keller</span></div></div>",
            (),
        ),
        (
            "<div><img src='/b.jpg' alt=''><p>Am Ufer <small>dpa/Marco Keller</small></p></div>",
            (),
        ),
        # the agency and the writer under the headline, no picture before them, or beside a
        # provider's logo
        ("<p class='autor'>APA/Marco Keller</p>", ("Marco Keller",)),
        ("<div><img src='/logo.png' alt=''><span>APA/Marco Keller</span></div>", ("Marco Keller",)),
    ],
)
def test_an_agency_credit_in_a_caption_names_no_author(
    credits: str, authors: tuple[str, ...]
) -> None:
    body = f"<div class='head'><h1>Hallenbad wird saniert</h1>{credits}</div>"
    assert _extract(_page("", body)).authors == authors


@pytest.mark.parametrize(
    "h1",
    [
        "<h1><span class='gericht'>OLG Talstadt</span> Mieter darf Balkon begrünen</h1>",
        "<h1><strong class='ort'>Talheim</strong> Mieter darf Balkon begrünen</h1>",
    ],
)
def test_a_styled_label_opening_the_h1_is_no_part_of_the_headline(h1: str) -> None:
    assert _extract(_page("", h1)).title == "Mieter darf Balkon begrünen"


def test_an_h1_naming_the_section_gives_way_to_the_h2_after_it() -> None:
    html = _page(
        "<title>Meldungen – Gemeinde Talheim</title>",
        "<h1>Meldungen</h1><div class='item'><p>Nr. 12/2025</p>"
        "<h2>Hallenbad wird im Herbst saniert</h2></div>",
    )
    result = _extract(html)
    assert result.title == "Hallenbad wird im Herbst saniert"
    assert result.seo_title is None


@pytest.mark.parametrize(
    "box",
    [
        # an ad label of its own, anywhere in the box
        "<div class='promo'><p>Badesalz Meeresbrise – jetzt 20 % günstiger im Drogeriemarkt</p>"
        "<small>– Werbung –</small></div>",
        # a short text closed by a button
        "<div><h4>Der Kiezfunk</h4><p>Lina und Tom sprechen jeden Freitag über die Stadt.</p>"
        "<a href='/podcast'>Alle Folgen</a></div>",
        "<div><p>Gute Recherche kostet Geld. Helfen Sie uns mit einem Beitrag.</p>"
        "<button>Unterstützen</button></div>",
    ],
)
def test_a_promo_box_beside_the_text_is_dropped(box: str) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p>{box}<p>{SECOND}</p></article></body></html>"
    )
    result = _extract(html)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    # the whole box, reported as one
    words = " ".join(lxml.html.fragment_fromstring(box).itertext()).split()
    assert [d.text.split() for d in result.dropped] == [words]


def test_a_paragraph_with_a_link_inside_is_no_promo_box() -> None:
    line = "Die Pläne liegen im Rathaus aus und stehen <a href='/plaene'>online</a>."
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><div><p>{line}</p></div><p>{SECOND}</p></article></body></html>"
    )
    assert "Die Pläne liegen im Rathaus aus und stehen online." in _extract(html).text


def test_a_comments_section_goes_with_its_comments() -> None:
    comments = (
        "<section class='leserstimmen'><h3>3 Kommentare</h3><div class='c'><b>wanderer_12</b>"
        "<p>Höchste Zeit, das Bad war ja schon ewig zu.</p></div><div class='c'><b>anna_k</b>"
        "<p>Und wer zahlt das am Ende?</p></div></section>"
    )
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><main><article>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p><p>{PARAGRAPH}</p>{comments}</article></main>"
        "</body></html>"
    )
    assert _extract(html).text.splitlines() == [PARAGRAPH, SECOND, PARAGRAPH]


@pytest.mark.parametrize(
    ("head", "byline", "authors"),
    [
        # a desk account in the meta tag, the reporter in a name span beside role and date
        (
            "<meta name='author' content='Gerd Pfannkuch'>",
            "<div class='article-authorline'><span class='article-author'>Lene Wachtel-Ruh"
            "</span><span class='role'>Redakteurin</span> <span>04.02.2026, 08:15 Uhr</span>"
            "</div>",
            ("Lene Wachtel-Ruh",),
        ),
        # JSON-LD names the last of three contributors, the page prints the other two
        (
            '<script type="application/ld+json">{"@type": "Article", "author": {"@type": '
            '"Person", "name": "Tamo Reinhardt"}}</script>',
            "<p>Von Ilka Strom und Jannis Berg</p>",
            ("Ilka Strom", "Jannis Berg"),
        ),
    ],
)
def test_a_printed_byline_wins_over_a_metadata_author_the_page_never_prints(
    head: str, byline: str, authors: tuple[str, ...]
) -> None:
    assert _byline_authors(head, byline) == authors


def _byline_authors(head: str, byline: str) -> tuple[str, ...]:
    """The authors of a page with `head` and `byline` under its headline."""
    body = f"<header><h1>Hallenbad wird saniert</h1>{byline}</header>"
    return _extract(_page(head, body)).authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # the metadata's person is printed in the byline, in capitals beside a second name,
        # who wrote it with them
        (
            "<div class='byline'>VON GERD PFANNKUCH UND LENE WACHTEL</div>",
            ("Gerd Pfannkuch", "Lene Wachtel"),
        ),
        # the metadata's person is printed in an author box after the text only
        (
            "<div class='byline'>Lene Wachtel</div><aside><p>Gerd Pfannkuch schreibt über "
            "Kommunalpolitik.</p></aside>",
            ("Gerd Pfannkuch",),
        ),
    ],
)
def test_a_metadata_author_the_page_prints_stays(byline: str, authors: tuple[str, ...]) -> None:
    head = "<meta name='author' content='Gerd Pfannkuch'>"
    body = f"<header><h1>Hallenbad wird saniert</h1>{byline}</header>"
    assert _extract(_page(head, body)).authors == authors


@pytest.mark.parametrize(
    ("head", "byline", "authors"),
    [
        (
            "<meta name='author' content='Gerd Pfannkuch'>",
            "<div class='byline'>Von Dr. Gerd Pfannkuch und Lene Wachtel</div>",
            ("Gerd Pfannkuch", "Lene Wachtel"),
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": '
            '"Person", "name": "Lene Wachtel"}}</script>',
            "<p>Text: Ole Brandt, Lene Wachtel und Ina Roth</p>",
            ("Ole Brandt", "Lene Wachtel", "Ina Roth"),
        ),
        # an element marked as the byline lists the metadata's author first, without "Von"
        (
            "<meta name='author' content='Maren Köster'>",
            "<div class='article__byline'><a href='/autoren/mk'>Maren Köster</a>, "
            "<a href='/autoren/fa'>Felix Ahrend</a></div>",
            ("Maren Köster", "Felix Ahrend"),
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": '
            '"Person", "name": "Julia Peters"}]}</script>',
            "<div class='authors'><span class='authors__label'>Von:</span> <span "
            "class='authors__name'>Julia Peters</span> <span class='authors__and'>und</span> "
            "<span class='authors__name'>Karsten Maurer</span></div>",
            ("Julia Peters", "Karsten Maurer"),
        ),
        (
            "<meta name='author' content='Anna Gruber'>",
            "<div class='article-byline'><span class='origins'>Anna Gruber, Markus Leitl</span>"
            "</div>",
            ("Anna Gruber", "Markus Leitl"),
        ),
        # the byline's place and its update line are no co-writer
        (
            "<meta name='author' content='Gerd Pfannkuch'>",
            "<div class='byline'><p>Von <a href='/autoren/gp'>Gerd Pfannkuch</a>, Berlin</p>"
            "<p class='time'>Aktualisiert am 04.11.2025 – 21:14</p></div>",
            ("Gerd Pfannkuch",),
        ),
        # a byline naming other people only: the metadata's author, printed elsewhere, stays
        (
            "<meta name='author' content='Gerd Pfannkuch'>",
            "<div class='byline'>Von Ole Brandt und Ina Roth</div><p>Gerd Pfannkuch</p>",
            ("Gerd Pfannkuch",),
        ),
    ],
)
def test_a_byline_naming_the_metadata_author_and_cowriters_credits_them_all(
    head: str, byline: str, authors: tuple[str, ...]
) -> None:
    assert _byline_authors(head, byline) == authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        (
            "<p class='postmeta'>Geschrieben von <span class='author vcard'><span class='fn'>"
            "Lea Sommer</span></span> &amp; <span class='author vcard'><span class='fn'>Ahmet "
            "Kaya</span></span> am 8. April 2026</p>",
            ("Lea Sommer", "Ahmet Kaya"),
        ),
        (
            "<div>By <a class='author' href='/a/1'>Jon Wey</a>, <a class='author' href='/a/2'>"
            "Ida Lenz</a> and <a class='author' href='/a/3'>Ben Ott</a></div>",
            ("Jon Wey", "Ida Lenz", "Ben Ott"),
        ),
    ],
)
def test_several_author_elements_in_one_byline_are_several_authors(
    byline: str, authors: tuple[str, ...]
) -> None:
    assert _byline_authors("", byline) == authors


def test_a_metadata_author_stays_when_no_byline_is_printed() -> None:
    head = "<meta name='author' content='Gerd Pfannkuch'>"
    body = "<header><h1>Hallenbad wird saniert</h1><p class='date'>04.02.2026</p></header>"
    assert _extract(_page(head, body)).authors == ("Gerd Pfannkuch",)


@pytest.mark.parametrize(
    "value",
    [
        "Pressestelle Bürgerbund-Fraktion",
        "Kreispolizeibehörde Talheim",
        "Fachhochschule Nordgau, Referat Presse und Kommunikation",
        "Landratsamt Oberwiesen",
        "Ministerium für Umwelt Nordmark",
        "Stadtwerke Talheim GmbH",
        "Förderkreis Altstadt e.V.",
        "Polizeiinspektion Kirchdorf",
        "Kirchengemeinderat St. Martin",
        "Elternbeirat Lindenhof",
        "Festausschuss Oberau",
    ],
)
def test_an_organisation_sending_a_release_is_no_author(value: str) -> None:
    assert split_credits([value], SITE) == ((), ())


@pytest.mark.parametrize(
    "value", ["Kategorie: Welt", "Rubrik: Lokales Leben", "Ressort: Politik und Wirtschaft"]
)
def test_a_label_and_its_value_name_no_author(value: str) -> None:
    assert split_credits([value], SITE) == ((), ())


@pytest.mark.parametrize(
    "value", ["Ida Haag", "Tom Stellmacher", "Jana Amthor", "Paul Schulte", "Nora Verheyen"]
)
def test_a_surname_like_an_organisation_word_stays_a_name(value: str) -> None:
    assert split_credits([value], SITE) == ((value,), ())


def test_an_author_meta_tag_naming_a_json_ld_organisation_names_no_person() -> None:
    head = (
        "<meta name='author' content='Heimatblatt Kurier Nordtal'>"
        '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":'
        '"Organization","name":"Heimatblatt Kurier Nordtal"}}</script>'
    )
    assert _extract(_page(head, "<h1>Hallenbad wird saniert</h1>")).authors == ()
    # the same name in the meta tag beside a JSON-LD Person is a person
    head = head.replace("Organization", "Person")
    assert _extract(_page(head, "<h1>Hallenbad wird saniert</h1>")).authors == (
        "Heimatblatt Kurier Nordtal",
    )


def test_agencies_named_in_a_sources_list_under_the_text_are_credits() -> None:
    text = "".join(f"<p>{line}</p>" for line in (PARAGRAPH, SECOND))
    listed = (
        "<h3>Quellen</h3><ol><li>Agentur AFP</li><li>dpa</li>"
        "<li>Statistisches Landesamt: Pendlerstatistik 2024</li></ol>"
    )
    result = _extract(_page("", f"<h1>Pendler stehen länger im Stau</h1>{text}{listed}"))
    assert result.agencies == ("AFP", "dpa")
    offices = "<p>Verwendete Quellen:</p><ul><li>Statistisches Landesamt</li><li>Polizei</li></ul>"
    result = _extract(_page("", f"<h1>Pendler stehen länger im Stau</h1>{text}{offices}"))
    assert result.agencies == ()


@pytest.mark.parametrize(
    "box",
    [
        "<div class='firmen-box'><h3>Firmen zum Artikel</h3><ul><li>Bäderbau Nord GmbH &amp; Co."
        " KG</li><li>Schwimmverband Nordtal e. V.</li></ul></div>",
        "<p><strong>Unternehmen in diesem Beitrag:</strong></p><ul><li>Aquatec AG</li>"
        "<li>Stadtwerke Nordtal</li></ul>",
        "<aside><h4>Erwähnte Personen</h4><ol><li>Jana Ostermann</li><li>Dr. Kai Brand</li></ol>"
        "</aside>",
    ],
)
def test_a_list_of_what_the_article_names_goes_with_its_label(box: str) -> None:
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{PARAGRAPH}</p>{box}</article></body></html>"
    )
    agencies, dropped = drop_sources_lists(tree)
    assert collapse(tree.text_content()) == PARAGRAPH
    assert (agencies, [line.rule for line in dropped]) == ((), ["teaser:more-topics"])


@pytest.mark.parametrize(
    ("box", "kept"),
    [
        # a heading of the text over the firms it is about
        (
            "<h3>Diese Firmen sind betroffen</h3><ul><li>Aquatec AG</li><li>Stadtwerke Nordtal</li>"
            "</ul>",
            "Aquatec AG",
        ),
        # statements under the label are no names
        (
            "<h3>Unternehmen im Artikel</h3><ul><li>Die Aquatec AG baut das neue Becken und "
            "beginnt im März.</li><li>Wer zahlt was?</li></ul>",
            "Wer zahlt was?",
        ),
    ],
)
def test_a_list_of_the_texts_own_or_of_sentences_stays(box: str, kept: str) -> None:
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{PARAGRAPH}</p>{box}</article></body></html>"
    )
    assert drop_sources_lists(tree) == ((), [])
    assert kept in _extract(_closed_by(box)).text.splitlines()


@pytest.mark.parametrize(
    ("credits", "authors", "agencies"),
    [
        # the researchers and the writer: the writer is the author
        (
            "<p class='credits'>Recherche: Ilka Strom und Jannis Berg; Text: Jannis Berg</p>",
            ("Jannis Berg",),
            (),
        ),
        ("<div>Recherche: Ilka Strom, Jannis Berg · Text: Ilka Strom</div>", ("Ilka Strom",), ()),
        # two writers, and a news agency credited for the text beside them
        (
            "<p>Text: Ilka Strom und Jannis Berg; Quelle: dpa</p>",
            ("Ilka Strom", "Jannis Berg"),
            ("dpa",),
        ),
        # a photo agency credits a picture, not the text
        ("<p>Text: Ilka Strom; Fotos: dpa</p>", ("Ilka Strom",), ()),
        # researchers credited alone
        ("<p>Recherche: Ilka Strom</p>", ("Ilka Strom",), ()),
        # full-width colons, a font-size switcher in lenticular brackets after the names
        (
            "<div class='info'>2026-01-08 16:32:10&nbsp;&nbsp;|&nbsp;&nbsp;Quelle：Xinhua&nbsp;"
            "&nbsp;|&nbsp;&nbsp;Autor：Gao Yan, Ma Jun&nbsp;&nbsp;<span>【Schriftgröße：<a>groß"
            "</a> <a>klein</a>】</span></div>",
            ("Gao Yan", "Ma Jun"),
            ("Xinhua",),
        ),
        # full-width commas and bars, the widgets before the credits
        (
            "<p>【Drucken】【Schließen】 2026-03-02 ｜ Autorin：Li Wei，Zhang Min ｜ "
            "Quelle：Xinhua</p>",
            ("Li Wei", "Zhang Min"),
            ("Xinhua",),
        ),
        # the agency a plain info line credits beside its writer
        ("<p>08.01.2026 · Quelle: dpa · Autorin: Ida Korn</p>", ("Ida Korn",), ("dpa",)),
        # items spaced by wide no-break gaps, with and without a metadata author
        (
            "<div class='info'>2026-02-11 09:05:44 &nbsp; Quelle: Xinhua &nbsp; Autor: "
            "Gao Yan</div>",
            ("Gao Yan",),
            ("Xinhua",),
        ),
        (
            "<p>11.02.2026&nbsp;&nbsp;Quelle: Tanjug&nbsp;&nbsp;Autorin: Ida Korn</p>",
            ("Ida Korn",),
            ("Tanjug",),
        ),
        # one no-break space joins a time to its word: no items, no credits
        ("<p>11.02.2026 um 09:05\xa0Uhr im Rathaus von Talheim</p>", (), ()),
        # a source that is no agency, a desk as the author
        (
            "<p>2026-01-08 ｜ Quelle：Tourismusamt Jilin ｜ Autor：Redaktion</p>",
            (),
            (),
        ),
    ],
)
def test_a_credits_line_by_the_headline_names_its_writers(
    credits: str, authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<header><h1>Hallenbad wird saniert</h1>{credits}</header>"))
    assert (result.authors, result.agencies) == (authors, agencies)


def test_a_credits_line_with_an_item_of_no_role_is_read_as_a_byline() -> None:
    assert split_credits(["Text: Ilka Strom; 12.03.2025"], SITE) == (("Ilka Strom",), ())


@pytest.mark.parametrize(
    ("values", "authors", "agencies"),
    [
        (["TEXT: MARIE-LUISE VON DER AUE"], ("Marie-Luise von der Aue",), ()),
        (["VON JAN-OLE D'AMATO UND REUTERS"], ("Jan-Ole D'Amato",), ("Reuters",)),
        (["Ein Artikel von ÖZLEM ÇELIK"], ("Özlem Çelik",), ()),
        # a name in mixed case is kept as it is written
        (["Von Ian McArthur und Lea DeLorme"], ("Ian McArthur", "Lea DeLorme"), ()),
    ],
)
def test_a_name_printed_in_capitals_is_written_as_a_name(
    values: list[str], authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    assert split_credits(values, SITE) == (authors, agencies)


@pytest.mark.parametrize(
    ("footer", "authors"),
    [
        (
            "<footer><p class='sig'>Eine Kritik von Arne Lindholm</p><a href='/k'>Kino</a>"
            "</footer>",
            ("Arne Lindholm",),
        ),
        (
            "<footer>Ein Kommentar von <a href='/a/1'>Wiebke Sandrock</a></footer>",
            ("Wiebke Sandrock",),
        ),
        (
            "<footer><div><span>Text: Jonte Ahlers</span> · <span>Fotos: Mia Wyss</span></div>"
            "</footer>",
            ("Jonte Ahlers",),
        ),
        # no byline: an opening-hours line and a presenter
        (
            "<footer><p>Von Montag bis Freitag erreichbar unter 0441 555-20</p>"
            "<p>Moderation: Reto Blum</p></footer>",
            (),
        ),
    ],
)
def test_a_byline_in_the_articles_footer_names_the_author(
    footer: str, authors: tuple[str, ...]
) -> None:
    html = (
        f"<html lang='de'><body><article><h1>Hallenbad wird saniert</h1><p>{PARAGRAPH}</p>"
        f"<p>{SECOND}</p>{footer}</article></body></html>"
    )
    assert _extract(html).authors == authors


def test_a_byline_in_the_sites_footer_names_no_author() -> None:
    footer = "<footer><p>Ein Angebot von Arne Lindholm</p><p>Von Arne Lindholm</p></footer>"
    assert _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{footer}")).authors == ()


@pytest.mark.parametrize(
    ("head", "line", "authors", "agencies"),
    [
        # a correspondent's byline with the place and the agency in brackets
        ("", "<span>Von Léa Fontaine aus Paris (AFP)</span>", ("Léa Fontaine",), ("AFP",)),
        (
            "",
            "<div>Geschichte von Léa Fontaine aus Straßburg (dpa)</div>",
            ("Léa Fontaine",),
            ("dpa",),
        ),
        # the metadata names the person, the printed byline the agency
        (
            "<meta name='author' content='Léa Fontaine'>",
            "<p><span>Léa Fontaine aus Genf (Reuters)</span> <span>• vor 2 Std.</span></p>",
            ("Léa Fontaine",),
            ("Reuters",),
        ),
        # an abbreviation in brackets that is no agency
        (
            "<meta name='author' content='Léa Fontaine'>",
            "<p>Urteil des Bundesgerichts (BGer)</p>",
            ("Léa Fontaine",),
            (),
        ),
    ],
)
def test_a_correspondents_byline_with_place_and_agency(
    head: str, line: str, authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    result = _extract(_page(head, f"<header><h1>Hallenbad wird saniert</h1>{line}</header>"))
    assert (result.authors, result.agencies) == (authors, agencies)


@pytest.mark.parametrize(
    ("title", "seo_title"),
    [
        # a phrase after a colon or a dash makes another headline
        (
            "Hallenbad wird saniert: Was Schwimmer jetzt wissen müssen | Alpenland Zeitung",
            "Hallenbad wird saniert: Was Schwimmer jetzt wissen müssen",
        ),
        (
            "„Hallenbad wird saniert“ – Bericht aus der Ratssitzung",
            "„Hallenbad wird saniert“ – Bericht aus der Ratssitzung",
        ),
        (
            "Hallenbad wird saniert: „Wir schwimmen bald wieder“",
            "Hallenbad wird saniert: „Wir schwimmen bald wieder“",
        ),
        # a clause going on in lower case after a dash, with its own words
        (
            "Hallenbad wird saniert – warum das Becken so lange leer blieb | Meinung | Alpenland",
            "Hallenbad wird saniert – warum das Becken so lange leer blieb",
        ),
        (
            "Hallenbad wird saniert - und die Vereine suchen Ersatz",
            "Hallenbad wird saniert - und die Vereine suchen Ersatz",
        ),
        # affixes left in it do not: a byline, a section and a site, a label after "|", a word
        ("Hallenbad wird saniert - von Jana Ortlieb", None),
        ("Hallenbad wird saniert – mit Bildern vom Becken", None),
        ("Hallenbad wird saniert – Blog – Verein für Bäderkultur im Nordgau", None),
        ("Hallenbad wird saniert | Nachrichten aus dem Nordgau | Alpenland Zeitung", None),
        ("Hallenbad wird saniert: Update", None),
    ],
)
def test_the_headline_and_a_phrase_after_it_make_an_seo_title(
    title: str, seo_title: str | None
) -> None:
    html = _page(f"<title>{title}</title>", "<h1>Hallenbad wird saniert</h1>")
    assert _extract(html).seo_title == seo_title


@pytest.mark.parametrize(
    "credit",
    [
        "<p class='source'>Material: Reuters, AP</p>",
        "<div><small>Agenturmaterial: Reuters / AP</small></div>",
        "<p>Dieser Bericht beruht auf Meldungen der Agenturen Reuters und AP.</p>",
    ],
)
def test_an_agency_material_credit_names_agencies_and_no_author(credit: str) -> None:
    # the credit closes the headline's container, after the text
    text = f"<div><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
    news = f"<div>Agenturmeldung</div><h1>Hallenbad wird saniert</h1>{text}{credit}"
    result = _extract(f"<html lang='de'><body><div class='news'>{news}</div></body></html>")
    assert (result.authors, result.agencies, "Reuters" in result.text) == (
        (),
        ("Reuters", "AP"),
        False,
    )


@pytest.mark.parametrize(
    ("credit", "agencies"),
    [
        ("<p><i>Dieser Artikel stammt von der Nachrichtenagentur AFP.</i></p>", ("AFP",)),
        (
            "<div class='hinweis'><small>Die Meldung enthält Informationen der Katholischen"
            " Nachrichten-Agentur.</small></div>",
            ("KNA",),
        ),
        ("<footer>Agenturen: Reuters/AP</footer>", ("Reuters", "AP")),
        ("<p class='quelle'>(Quelle: epd)</p>", ("epd",)),
    ],
)
def test_a_closing_note_on_where_the_text_comes_from_names_its_agencies(
    credit: str, agencies: tuple[str, ...]
) -> None:
    news = f"<h1>Hallenbad wird saniert</h1><div><p>{PARAGRAPH}</p><p>{SECOND}</p></div>{credit}"
    result = _extract(f"<html lang='de'><body><article>{news}</article></body></html>")
    assert (result.authors, result.agencies) == ((), agencies)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_a_source_note_closing_the_last_paragraph_names_its_agency() -> None:
    text = f"<p>{PARAGRAPH}</p><p>{SECOND} <span class='src'>(Quelle: KNA)</span></p>"
    result = _extract(_headline_page(f"<div class='text'>{text}</div>"))
    assert result.agencies == ("KNA",)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_a_json_ld_organisation_written_out_is_its_agency() -> None:
    ld = json.dumps(
        {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Associated Press"}}
    )
    head = f"<script type='application/ld+json'>{ld}</script>"
    result = _extract(_page(head, "<h1>Hallenbad wird saniert</h1>"))
    assert (result.authors, result.agencies) == ((), ("AP",))


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='byline'>Von TIM KRÖGER und MANDY SEIDLITZ (Fotos)</div>",
        "<p class='article-author'>Von <a>Tim Kröger</a> und <a>Mandy Seidlitz</a> (Bilder)</p>",
        "<div class='autor'>Tim Kröger · Mandy Seidlitz (Video)</div>",
    ],
)
def test_a_photographer_the_byline_names_in_brackets_is_no_author(byline: str) -> None:
    people = [{"@type": "Person", "name": n} for n in ("Tim Kröger", "Mandy Seidlitz")]
    ld = json.dumps({"@type": "NewsArticle", "author": people})
    head = f"<script type='application/ld+json'>{ld}</script>"
    assert _extract(_page(head, f"<h1>Hallenbad wird saniert</h1>{byline}")).authors == (
        "Tim Kröger",
    )
    # printed next to the headline alone, without metadata
    printed = _page("", f"<header><h1>Hallenbad wird saniert</h1><p>{byline}</p></header>")
    assert _extract(printed).authors == ("Tim Kröger",)


@pytest.mark.parametrize(
    ("credits", "authors"),
    [
        # a list of credits, an entry each, the photographer's role in brackets or as a label
        (
            "<ul class='authors'><li>Tim Kröger, Redakteur</li>"
            "<li>Mandy Seidlitz (Fotos)</li></ul>",
            ("Tim Kröger",),
        ),
        (
            "<div class='author-box'><p>Text: Tim Kröger</p><p>Fotos: Mandy Seidlitz</p></div>",
            ("Tim Kröger",),
        ),
        ("<div class='byline'>Tim Kröger · Bild: Mandy Seidlitz</div>", ("Tim Kröger",)),
        # credited with the text and the pictures, or the writers in a list without roles
        # (in the printed order)
        (
            "<div class='byline'>Text und Fotos: Mandy Seidlitz, Tim Kröger</div>",
            ("Mandy Seidlitz", "Tim Kröger"),
        ),
        ("<ul class='authors'><li>Tim Kröger</li><li>Mandy Seidlitz, Volontärin</li></ul>", None),
    ],
)
def test_a_photographer_a_credits_list_names_is_no_author(
    credits: str, authors: tuple[str, ...] | None
) -> None:
    people = [{"@type": "Person", "name": n} for n in ("Tim Kröger", "Mandy Seidlitz")]
    ld = json.dumps({"@type": "NewsArticle", "author": people})
    head = f"<script type='application/ld+json'>{ld}</script>"
    result = _extract(_page(head, f"<h1>Hallenbad wird saniert</h1>{credits}"))
    assert result.authors == (authors or ("Tim Kröger", "Mandy Seidlitz"))


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.rumeli-haber.com.tr", "rumeli-haber.com.tr"),
        ("news.example.co.uk", "example.co.uk"),
        ("www.gemeinde.gv.at", "gemeinde.gv.at"),
        # a site's own label under a country's code, or a generic top-level domain
        ("de.rt.com", "rt.com"),
        ("www.alpenland-zeitung.de", "alpenland-zeitung.de"),
        ("blog.tv.de", "tv.de"),
        ("co.uk", "co.uk"),
    ],
)
def test_the_registrable_domain_keeps_a_countrys_second_level_label(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(
    ("url", "author"),
    [
        ("https://www.rumeli-haber.com.tr/de/wirtschaft/1", "Rumeli Haber"),
        ("https://www.talbote.co.uk/news/1", "Talbote"),
    ],
)
def test_a_meta_author_naming_the_site_by_its_host_under_a_second_level_domain_is_none(
    url: str, author: str
) -> None:
    html = _page(
        f"<meta name='author' content='{author}'>",
        "<h1>Hallenbad wird saniert</h1><div class='byline'>Von Ida Korn, Istanbul</div>",
    )
    assert _extract(html, url).authors == ("Ida Korn",)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # the author's item beside the source's, their texts running one into the next
        (
            "<div class='rh-byline'><span class='rh-author'>Von Ida Korn, Istanbul</span>"
            "<span class='rh-source'>Anadolu Ajansı</span></div>",
            ("Ida Korn",),
        ),
        (
            "<p class='byline'><a class='author-link' href='/a/jan'>Jan Ohm, Ankara</a>"
            "<time>12.03.2025</time></p>",
            ("Jan Ohm",),
        ),
        # a line with text between its elements is read whole
        (
            "<div class='byline'>Von <a class='author'>Ida Korn</a> und <a>Jan Ohm</a></div>",
            ("Ida Korn", "Jan Ohm"),
        ),
    ],
)
def test_a_byline_row_reads_as_its_item_marked_as_the_authors(
    byline: str, authors: tuple[str, ...]
) -> None:
    assert _byline_authors("", byline) == authors


def _json_ld_authors(*names: str) -> str:
    people = [{"@type": "Person", "name": name} for name in names]
    ld = json.dumps({"@type": "NewsArticle", "author": people})
    return f"<script type='application/ld+json'>{ld}</script>"


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        # the metadata adds the photographer the caption credits
        (
            _json_ld_authors("Ilka Strom", "Jannis Berg", "Rosa Tell"),
            "<div class='author-line'>Von Ilka Strom und Jannis Berg</div>"
            "<figure><figcaption>Das Hallenbad <span>Foto: Rosa Tell</span></figcaption></figure>",
            ("Ilka Strom", "Jannis Berg"),
        ),
        # or a colleague printed nowhere, beside a meta tag naming the writer
        (
            "<meta name='author' content='Ilka Strom'>"
            + _json_ld_authors("Ilka Strom", "Jannis Berg"),
            "<p class='entry-byline'>Ein Kommentar von <a href='/autor/ilka'>Ilka Strom</a></p>",
            ("Ilka Strom",),
        ),
        # or the newsletter's owner beside the guest whose byline carries a badge
        (
            _json_ld_authors("Rosa Tell", "Jannis Berg"),
            "<div class='post-byline'><a href='/@jberg'>Jannis Berg</a><span>Gastbeitrag</span>"
            "</div><p>Rosa Tell schreibt nächste Woche wieder.</p>",
            ("Jannis Berg",),
        ),
        # in its own order: the print's, in an author block or a "Von …" line in English
        (
            _json_ld_authors("Jannis Berg", "Ilka Strom"),
            "<div class='AuthorBlock_text'><a>Ilka Strom</a> und <a>Jannis Berg</a>, Berlin</div>",
            ("Ilka Strom", "Jannis Berg"),
        ),
        (
            _json_ld_authors("Jannis Berg", "Ilka Strom", "Rosa Tell"),
            "<p>By Ilka Strom and Jannis Berg</p>",
            ("Ilka Strom", "Jannis Berg"),
        ),
        # a name the byline spells otherwise is found by its surname, as the metadata spells it
        (
            _json_ld_authors("Anna-Lena Weber", "Jan Kurz"),
            "<p class='byline'>Von Anna Weber und Jan Kurz</p>",
            ("Anna-Lena Weber", "Jan Kurz"),
        ),
        # no byline naming any of them: the metadata's authors stay, as it lists them
        (
            _json_ld_authors("Jannis Berg", "Ilka Strom"),
            "<p class='date'>04.02.2026</p><p class='note'>Ilka Strom berichtet aus Berlin.</p>",
            ("Jannis Berg", "Ilka Strom"),
        ),
        (
            _json_ld_authors("Jannis Berg", "Ilka Strom"),
            "<div class='byline'>Von Redaktion Lokales</div>"
            "<p class='note'>Jannis Berg und Ilka Strom berichten.</p>",
            ("Jannis Berg", "Ilka Strom"),
        ),
    ],
)
def test_the_printed_byline_decides_which_metadata_authors_and_their_order(
    head: str, body: str, authors: tuple[str, ...]
) -> None:
    assert _byline_authors(head, body) == authors


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        # the only metadata author is named as the editor in charge after the text
        (
            "<meta name='author' content='Zhao Meilin'>",
            "<p class='info'>2025-11-14 | Quelle: Xinhua</p>",
            (),
        ),
        # beside the writer the byline names, credited with the editing, in German or English
        (
            _json_ld_authors("Kerstin Fahl", "Mirko Sell"),
            "<p class='rn-author'>Autorin: Dipl.-Ing. Kerstin Fahl, Stadtwerke Auenfeld</p>",
            ("Kerstin Fahl",),
        ),
        (
            _json_ld_authors("Kerstin Fahl", "Mirko Sell"),
            "<p>By Kerstin Fahl</p>",
            ("Kerstin Fahl",),
        ),
        # an editor who writes too (a byline names her) stays
        (
            "<meta name='author' content='Zhao Meilin'>",
            "<p class='byline'>Von Zhao Meilin</p>",
            ("Zhao Meilin",),
        ),
    ],
)
def test_a_metadata_author_printed_only_as_the_editor_is_none(
    head: str, body: str, authors: tuple[str, ...]
) -> None:
    closing = {
        "Zhao Meilin": "<div class='aeditor'>Verantwortliche Redakteurin: Zhao Meilin</div>",
        "Mirko Sell": (
            "<p class='editor'>Redaktionelle Bearbeitung: Mirko Sell</p>"
            if "Autorin" in body
            else "<p><em>Edited by Mirko Sell</em></p>"
        ),
    }
    ending = "".join(line for name, line in closing.items() if name in head)
    assert _byline_authors(head, body + ending) == authors


@pytest.mark.parametrize(
    "line",
    [
        # a writer's title before the name, or a role after it, is no editor's
        "<p>Chefredakteurin Zhao Meilin kommentiert die Einigung.</p>",
        "<p>Zhao Meilin, Redakteurin</p>",
        "<p>Verantwortlich für die Recherche war Zhao Meilin.</p>",
    ],
)
def test_a_metadata_author_printed_as_a_writer_stays(line: str) -> None:
    head = "<meta name='author' content='Zhao Meilin'>"
    assert _byline_authors(head, line) == ("Zhao Meilin",)


def test_a_photographer_the_metadata_names_alone_stays_the_author() -> None:
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Mandy Seidlitz"}}'
    head = f"<script type='application/ld+json'>{ld}</script>"
    byline = "<div class='byline'>Mandy Seidlitz (Fotos)</div>"
    assert _extract(_page(head, byline)).authors == ("Mandy Seidlitz",)


@pytest.mark.parametrize(
    ("head", "byline"),
    [
        # a test page's JSON-LD is a Review, its author the tester
        (
            '<script type=\'application/ld+json\'>{"@type": "Review", "author": '
            '{"@type": "Person", "name": "Lukas Ostrowski"}}</script>',
            "<div class='tb-by'>Getestet von Lukas Ostrowski · <span>18.11.2026</span></div>",
        ),
        ("", "<div class='byline'>Getestet von Lukas Ostrowski · 18.11.2026</div>"),
        ("", "<article><footer><p>Ein Testbericht von Lukas Ostrowski</p></footer></article>"),
    ],
)
def test_a_testers_byline_names_the_author(head: str, byline: str) -> None:
    result = _extract(_page(head, f"<h1>Hallenbad wird saniert</h1>{byline}"))
    assert result.authors == ("Lukas Ostrowski",)


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='c-x9'>Getestet von Lukas Ostrowski</div>",
        "<p class='meta'>Ein Test von Lukas Ostrowski · 18.11.2026</p>",
    ],
)
def test_a_testers_byline_without_class_or_metadata_next_to_the_headline(byline: str) -> None:
    # No byline class and no metadata author: the shape next to the headline says it.
    result = _extract(_page("", f"<header><h1>Hallenbad wird saniert</h1>{byline}</header>"))
    assert result.authors == ("Lukas Ostrowski",)
    assert "Ostrowski" not in result.text


@pytest.mark.parametrize("wrap", ["{}", "<header>{}</header>"])
def test_a_sentence_opening_like_a_testers_byline_names_no_author(wrap: str) -> None:
    line = "<p>Getestet von der Stiftung Warentest wurde das Gerät noch nicht.</p>"
    result = _extract(_page("", wrap.format(f"<h1>Hallenbad wird saniert</h1>{line}")))
    assert result.authors == ()


@pytest.mark.parametrize(
    ("cards", "authors"),
    [
        (
            "<section><h2>Mitwirkende</h2>"
            "<div class='card'><span class='role'>Text</span><span class='name'>Ada Lenz</span>"
            "</div><div class='card'><span class='role'>Text</span><span class='name'>Jan zu "
            "Lynar-Hohenau</span></div><div class='card'><span class='role'>Fotos</span>"
            "<span class='name'>Ben Kurz</span></div><div class='card'><span class='role'>Grafik"
            " und Daten</span><span class='name'>Ola Brzezińska</span></div></section>",
            ("Ada Lenz", "Jan zu Lynar-Hohenau"),
        ),
        (
            "<ul class='credits'><li class='credit'><b>Autorin:</b> Ada Lenz</li>"
            "<li class='credit'><b>Kamera:</b> Ben Kurz</li></ul>",
            ("Ada Lenz",),
        ),
        # a list of label and value items: each label parts the names, only a writer's count
        (
            "<dl class='mitwirkende'><dt>Reporterin</dt><dd>Ada Lenz</dd><dt>Schnitt:</dt>"
            "<dd>Ben Kurz</dd></dl>",
            ("Ada Lenz",),
        ),
        (
            "<p class='credit'><b>Text:</b> Ada Lenz <b>Fotos:</b> Ben Kurz</p>",
            ("Ada Lenz",),
        ),
        # cards of other roles only, a tab bar and a table row name no author
        ("<div class='card'><span>Fotos</span><span>Ben Kurz</span></div>", ()),
        (
            "<dl class='credits'><dt>Kamera:</dt><dd>Ben Kurz</dd><dt>Reporter:</dt></dl>",
            (),
        ),
        ("<div class='tabs'><span>Text</span><span>Audio</span></div>", ()),
        (
            "<table><tr class='row'><td>Text</td><td>Die Vorlage der Verwaltung</td></tr></table>",
            (),
        ),
    ],
)
def test_contributor_cards_name_only_their_writers(cards: str, authors: tuple[str, ...]) -> None:
    html = _page("", "<h1>Hallenbad wird saniert</h1>")
    html = html.replace("</body>", f"{cards}</body>")
    assert _extract(html).authors == authors


def _text_closing_with(closing: str) -> str:
    return (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><div class='text'>"
        f"<p>{PARAGRAPH}<p>{SECOND}{closing}</div></body></html>"
    )


@pytest.mark.parametrize(
    "closing",
    [
        "<p align='right'><i>Herta Kofler</i></p>",
        "<p><em>Ołtarz Śniadecka-Brå</em></p>",
        # a bar of tools under the signature
        "<p><i>Herta Kofler</i></p><p class='werkzeuge'>Drucken | Weiterempfehlen</p>",
        "<p><em>Jonas Pichler</em></p><p>Teilen · Merken · Artikel weiterleiten</p>",
        # an academic title before the name, the agency the writer works for after it
        "<p><em>Mag.<sup>a</sup> Verena Trattnig/APA</em></p>",
        "<p align='right'><i>Dr. Jonas Pichler, KNA</i></p>",
        "<p><i>Mag.a Herta Kofler</i></p>",
    ],
)
def test_a_name_in_italics_closing_the_text_is_the_author(closing: str) -> None:
    result = _extract(_text_closing_with(closing))
    assert len(result.authors) == 1
    assert result.authors[0] not in result.text
    assert not result.authors[0].startswith(("Mag", "Dr"))


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Mag.ª Verena Trattnig", "Verena Trattnig"),
        ("Mag.(a) Verena Trattnig", "Verena Trattnig"),
        ("Dr.in Eva Huber", "Eva Huber"),
        ("Magda Huber", "Magda Huber"),  # a first name, no title
        ("Draga Ivić", "Draga Ivić"),
    ],
)
def test_austrian_feminine_academic_titles_are_no_part_of_the_name(raw: str, name: str) -> None:
    assert split_credits([raw], frozenset())[0] == (name,)


@pytest.mark.parametrize(
    "closing",
    [
        # an italic sentence, a name between paragraphs, a name with more beside it
        "<p><i>Der Gemeinderat tagt wieder im Januar.</i></p>",
        "<p><i>Herta Kofler</i></p><p>Die Sitzung ist öffentlich, Gäste sind willkommen.</p>",
        "<p>Fotos: <i>Herta Kofler</i></p>",
        # an italic quotation closing the text, over a bar of tools too
        "<p><i>„Wir kommen wieder.“</i></p><p>Drucken | Weiterempfehlen</p>",
        "<p><i>Nie wieder Winter</i></p><p>Drucken | Weiterempfehlen</p>",
        # a superscript in an italic sentence
        "<p><em>Die Fläche misst 40 m<sup>2</sup>.</em></p>",
        "<p><em>Rund 40 m<sup>2</sup> Fläche</em></p>",
    ],
)
def test_other_italics_after_the_text_name_no_author(closing: str) -> None:
    assert _extract(_text_closing_with(closing)).authors == ()


@pytest.mark.parametrize(
    ("closing", "author"),
    [
        (
            "<p class='has-text-align-right'><em>Monika Seidl für den Pfarrgemeinderat</em></p>",
            "Monika Seidl",
        ),
        ("<p><i>Jonas Pichler für den Elternbeirat</i></p>", "Jonas Pichler"),
        ("<p><em>Ida Korn für die Freiwillige Feuerwehr Talheim</em></p>", "Ida Korn"),
        ("<p style='text-align: right'>Ida Korn für das Orgateam</p>", "Ida Korn"),
        ("<p class='text-right'>Ida Korn für den Förderverein</p>", "Ida Korn"),
        # the first name alone over it goes with it
        ("<p>- Ida</p><p><em>Ida Korn für den Heimatverein</em></p>", "Ida Korn"),
    ],
)
def test_a_signature_for_a_body_set_apart_closing_the_text_names_the_author(
    closing: str, author: str
) -> None:
    result = _extract(_text_closing_with(closing))
    assert result.authors == (author,)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "closing",
    [
        # thanks, a thing given "für" something, a body of one word that names no group
        "<p><i>Vielen Dank für den Förderverein</i></p>",
        "<p><em>Ein Dankeschön für das Orgateam</em></p>",
        "<p><i>Neue Bänke für den Stadtpark</i></p>",
        "<p><i>Ida Korn für die Hilfe</i></p>",
        # not set apart, or text after it
        "<p>Ida Korn für den Pfarrgemeinderat</p>",
        "<p><i>Ida Korn für den Pfarrgemeinderat</i></p><p>{SECOND}</p>",
    ],
)
def test_other_lines_for_a_body_after_the_text_name_no_author(closing: str) -> None:
    result = _extract(_text_closing_with(closing.format(SECOND=SECOND)))
    assert result.authors == ()
    assert lxml.html.fromstring(closing).text_content()[:12] in result.text


@pytest.mark.parametrize(
    ("line", "authors", "stays"),
    [
        ("Monika Seidl für den Pfarrgemeinderat", ("Monika Seidl",), False),
        ("Jonas Pichler für die Freiwillige Feuerwehr Talheim", ("Jonas Pichler",), False),
        # another person's line, a sentence
        ("Ida Korn für den Pfarrgemeinderat", ("Monika Seidl",), True),
        ("Monika Seidl für den Pfarrgemeinderat zu gewinnen, war schwer.", ("Monika Seidl",), True),
    ],
)
def test_a_known_authors_signature_for_a_body_is_a_byline(
    line: str, authors: tuple[str, ...], stays: bool
) -> None:
    assert is_byline(line, authors) is not stays


def _under_the_headline(byline: str) -> str:
    return _page("", f"<header><h1>Hallenbad wird saniert</h1>{byline}</header>")


@pytest.mark.parametrize(
    ("html", "authors"),
    [
        # an interview's closing credit
        (
            _text_closing_with("<p><em>Mit Ole Brandt sprach Marlene Vogt.</em></p>"),
            ("Marlene Vogt",),
        ),
        (
            _text_closing_with(
                "<p>Mit der Wirtin Ina Sommer sprachen <b>Kai Lenz</b> und <b>Ruth Ebert</b>.</p>"
            ),
            ("Kai Lenz", "Ruth Ebert"),
        ),
        (_text_closing_with("<p><i>Das Gespräch führte Anton Weiß.</i></p>"), ("Anton Weiß",)),
        (
            _text_closing_with("<p class='credit'>Die Fragen stellte Grete Olsen</p>"),
            ("Grete Olsen",),
        ),
        # a reporter's sentence under the headline
        (
            _under_the_headline(
                "<p class='reporter'>Aus dem Gerichtssaal berichtet <a href='/autor/e'>Tobias"
                " Engel</a>.</p>"
            ),
            ("Tobias Engel",),
        ),
        (
            _under_the_headline(
                "<div>Aus dem Landtag berichtet <strong>Ferdinand Hoyer</strong></div>"
            ),
            ("Ferdinand Hoyer",),
        ),
        (
            _under_the_headline(
                "<p>Vom Gipfel in Brüssel berichten <a>Lina Haas</a> und <a>Jon Ekberg</a>.</p>"
            ),
            ("Lina Haas", "Jon Ekberg"),
        ),
        # sentences of the same shapes
        (
            _text_closing_with(
                "<p>Mit dem Bürgermeister sprach Landrat Berg über die Umgehungsstraße.</p>"
            ),
            (),
        ),
        (_text_closing_with("<p>Mit Ole Brandt sprach sie zuletzt im Sommer.</p>"), ()),
        (
            _under_the_headline("<p>Aus Berlin berichten Medien über einen Streit im Rat.</p>"),
            (),
        ),
    ],
)
def test_an_interview_credit_or_a_reporters_sentence_names_the_author(
    html: str, authors: tuple[str, ...]
) -> None:
    result = _extract(html)
    assert result.authors == authors
    if authors:
        assert authors[0] not in result.text


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        (
            "<div class='columnist'><img src='/a.jpg' alt=''><span class='columnist__name'>Jana"
            " Holt</span> <span>Foto: Studio Kerber</span></div>",
            ("Jana Holt",),
        ),
        (
            "<div class='autorenbox'><img src='/b.jpg'> Malte Ibsen <small>Bild: privat</small>"
            "</div>",
            ("Malte Ibsen",),
        ),
        ("<p class='author'>Von Nele Fuchs © Foto: Jan Wirth</p>", ("Nele Fuchs",)),
        # the portrait and its credit alone name nobody
        ("<div class='author'><img src='/c.jpg'> Foto: Jan Wirth</div>", ()),
    ],
)
def test_a_byline_element_with_its_portraits_credit_names_the_author(
    box: str, authors: tuple[str, ...]
) -> None:
    assert _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{box}")).authors == authors


@pytest.mark.parametrize(
    "header",
    [
        "<table><tr><td class='small'>Montag, 23. November 2026 &nbsp; Kategorie: Gemeinden</td>"
        "</tr><tr><td><font size='4'><b>Seilbahn auf die Alm genehmigt</b></font></td></tr>"
        "</table>",
        "<div><span>23.11.2026</span><div style='font-size: 22px'>Seilbahn auf die Alm "
        "genehmigt</div></div>",
    ],
)
def test_the_date_over_a_headline_in_big_type_is_the_publication_date(header: str) -> None:
    html = _page("<title>Seilbahn auf die Alm genehmigt | Alpenland Zeitung</title>", header)
    published = _extract(html).published_at
    assert published is not None
    assert published.date().isoformat() == "2026-11-23"


_REPORT = "Moral bewiesen: 3:2 nach Rückstand gegen Sulzbrunn"


@pytest.mark.parametrize(
    "page",
    [
        # a site builder's modules (page 899)
        "<div class='j-header'><h1>Spielberichte 1. Mannschaft</h1></div><div class='j-text'><p>"
        "Hier findet ihr alle Berichte unserer Ersten.</p></div><div><hr></div><div class="
        f"'j-header'><h2>{_REPORT}</h2></div><div class='j-text'><p><span>Mo, 15. September "
        "2025</span></p></div>",
        # plain sections, the date as a <time>
        f"<section><h1>Spielberichte 1. Mannschaft</h1></section><section><h2>{_REPORT}</h2>"
        "<time>15.09.2025</time></section>",
    ],
)
def test_the_one_dated_item_under_an_h1_naming_the_page_heads_it(page: str) -> None:
    html = (
        "<html lang='de'><head><title>Spielberichte 1. Mannschaft - MSV Neuhalden</title></head>"
        f"<body>{page}<div><p>{PARAGRAPH}</p><p>{SECOND}</p></div><h2>Ältere Berichte</h2>"
        "</body></html>"
    )
    result = _extract(html, url="https://www.msv-neuhalden.de/1-mannschaft/")
    assert (result.title, result.seo_title) == (_REPORT, "Spielberichte 1. Mannschaft")
    assert result.published_at is not None
    assert result.published_at.date().isoformat() == "2025-09-15"
    # the page's intro line between its <h1> and the item's headline is the page's, not the text
    assert "Hier findet ihr" not in result.text


@pytest.mark.parametrize(
    "intro",
    [
        "<div class='j-text'><p>Hier findet ihr alle Berichte zu den Spielen unserer Ersten in "
        "der Kreisliga A.</p></div><div class='j-hr'><hr></div>",
        "<section><p>Auf dieser Seite: Meldungen der Abteilung, die neueste oben.</p></section>",
    ],
)
def test_the_blocks_between_a_pages_h1_and_the_items_h2_go(intro: str) -> None:
    html = (
        "<html lang='de'><head><title>Spielberichte 1. Mannschaft - MSV Neuhalden</title></head>"
        f"<body><div><div class='j-header'><h1>Spielberichte 1. Mannschaft</h1></div>{intro}"
        f"<div class='j-header'><h2>{_REPORT}</h2></div><div class='j-text'><p><span>Mo, 15. "
        f"September 2025</span></p></div><div><p>{PARAGRAPH}</p><p>{SECOND}</p></div></div>"
        "</body></html>"
    )
    result = _extract(html, url="https://www.msv-neuhalden.de/1-mannschaft/")
    assert result.title == _REPORT
    assert result.text.split("\n") == [PARAGRAPH, SECOND]
    assert "meta:kicker" in [d.rule for d in result.dropped]


def test_an_h1_headlines_text_before_an_h2_stays() -> None:
    # the <h1> is the headline: the lead before its first subheading is the text
    html = (
        "<html lang='de'><head><title>Spielberichte 1. Mannschaft - MSV Neuhalden</title></head>"
        f"<body><div><div><h1>{_REPORT}</h1></div><div><p>{PARAGRAPH}</p></div><div><h2>Die "
        f"zweite Halbzeit</h2></div><div><p>{SECOND}</p></div></div></body></html>"
    )
    result = _extract(html, url="https://www.msv-neuhalden.de/1-mannschaft/")
    assert result.title == _REPORT
    assert PARAGRAPH in result.text and SECOND in result.text


@pytest.mark.parametrize(
    "page",
    [
        # an article: its lead before a dated subheading
        f"<h1>Spielberichte 1. Mannschaft</h1><p>{PARAGRAPH} {SECOND}</p><h2>{_REPORT}</h2>"
        "<p>15.09.2025</p>",
        # a box's heading of a word or two over a day
        "<h1>Spielberichte 1. Mannschaft</h1><p>Alle Berichte.</p><h2>Nächstes Spiel</h2>"
        "<p>21.09.2025</p>",
        # the <h1> dated itself
        f"<h1>Spielberichte 1. Mannschaft</h1><p>14.09.2025</p><h2>{_REPORT}</h2><p>15.09.2025</p>",
        # a list of dated reports
        f"<h1>Spielberichte 1. Mannschaft</h1><div><h2>{_REPORT}</h2><p>15.09.2025</p></div>"
        "<div><h2>Derbysieg in Kirchweiler</h2><p>08.09.2025</p></div>",
        # no date under the <h2>
        f"<h1>Spielberichte 1. Mannschaft</h1><h2>{_REPORT}</h2>",
    ],
)
def test_an_h1_naming_the_page_stays_the_headline_over_no_single_dated_item(page: str) -> None:
    html = (
        "<html lang='de'><head><title>Spielberichte 1. Mannschaft - MSV Neuhalden</title></head>"
        f"<body>{page}<div><p>{PARAGRAPH}</p><p>{SECOND}</p></div></body></html>"
    )
    result = _extract(html, url="https://www.msv-neuhalden.de/1-mannschaft/")
    assert result.title == "Spielberichte 1. Mannschaft"


@pytest.mark.parametrize(
    "issue",
    [
        # the page's header row (page 890), a paragraph over the text
        "<table><tr><td><font size='1'>&nbsp;Ausgabe vom Freitag, 14. März 2025 &nbsp;|&nbsp; "
        "Nr. 11 &nbsp;|&nbsp; 76. Jahrgang</font></td></tr></table>",
        "<p>Ausgabe 11/2025 – 14.03.2025</p>",
        "<div><span>Ausgabe vom 14. März 2025</span> · <span>KW 11/2025</span></div>",
    ],
)
def test_an_issue_lines_day_is_the_publication_date(issue: str) -> None:
    html = (
        f"<html lang='de'><body><div class='kopf'>{issue}</div><div class='inhalt'><h1>Seilbahn "
        f"auf die Alm genehmigt</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        "<p>Letzte Änderung: 15.03.2025</p></body></html>"
    )
    published = _extract(html).published_at
    assert published is not None
    assert published.date().isoformat() == "2025-03-14"


@pytest.mark.parametrize(
    "line",
    [
        "Ausgabe vom 14. März 2025 ist vergriffen",
        "Ausgabe 12/2025 | Redaktionsschluss: 10. März 2025",
        "Ausgabe vom 14. März 2025 | Anzeigenschluss 10. März 2025",
        "Ausgaben 2024 | 76. Jahrgang",
    ],
)
def test_a_line_with_more_than_an_issues_day_and_number_gives_no_date(line: str) -> None:
    assert issue_date(line) is None


@pytest.mark.parametrize(
    ("block", "credited"),
    [
        (
            "<div class='gal'><img src='/g/1.jpg' alt=''><span class='n'>Bild 1 von 6</span>"
            "<span class='cr'>APA/EXPA/Jonas Wiesinger</span></div>",
            False,
        ),
        ("<div><img src='/g/1.jpg' alt=''><p>dpa/Jonas Wiesinger</p><p>Foto 3/12</p></div>", False),
        ("<ul class='slides'><li>2 / 8</li><li>APA/Jonas Wiesinger</li></ul>", False),
        # beside a reading time or a page number, no picture counter, the credit is the text's
        ("<div><span>3 Min. Lesezeit</span><span>Jonas Wiesinger/APA</span></div>", True),
        ("<div><span>Seite 1</span><span>Jonas Wiesinger/APA</span></div>", True),
    ],
)
def test_a_credit_beside_a_gallery_counter_credits_the_picture(block: str, credited: bool) -> None:
    body = f"<div class='art'><h1>Hallenbad wird saniert</h1>{block}</div>"
    result = _extract(_page("", body))
    assert (result.authors, result.agencies) == (
        (("Jonas Wiesinger",), ("APA",)) if credited else ((), ())
    )


@pytest.mark.parametrize(
    ("value", "authors"),
    [
        ("Text und Bild: Franziska Lechleitner, Pfarrgemeinderat", ("Franziska Lechleitner",)),
        ("Text & Grafik: Jonas Wiesinger", ("Jonas Wiesinger",)),
        ("Text/Illustrationen: Mia Wyss und Ben Kurz", ("Mia Wyss", "Ben Kurz")),
        ("Recherche und Bilder: Mia Wyss", ("Mia Wyss",)),
        # a picture credit alone names no author
        ("Bild: Franziska Lechleitner", ()),
    ],
)
def test_a_label_crediting_text_and_pictures_names_the_writer(
    value: str, authors: tuple[str, ...]
) -> None:
    assert split_credits([value], SITE)[0] == authors


@pytest.mark.parametrize(
    "closing",
    [
        "<p class='beitrag-autor'><i>Text und Bild: Ilse Marbach, Pfarrgemeinderat</i></p>",
        "<div class='byline'>Text &amp; Bilder: Ilse Marbach</div>",
    ],
)
def test_a_text_and_pictures_byline_after_the_text_names_the_author_and_goes(
    closing: str,
) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ("Ilse Marbach",)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "page",
    [
        "<div id='inhalt'><h2 class='titel'>Seilbahn auf die Alm genehmigt</h2>"
        "<p class='datum'>Erstellt am 01.12.2026</p>{text}</div>",
        "<aside><h2>Termine und Gottesdienste im Advent</h2></aside>"
        "<section><h2>Seilbahn auf die Alm genehmigt</h2>{text}</section>",
    ],
)
def test_the_first_h2_is_the_title_of_a_page_without_h1_and_with_a_generic_title(
    page: str,
) -> None:
    text = f"<p>{PARAGRAPH}</p><p>{SECOND}</p>"
    html = (
        "<html lang='de'><head><title>Pfarrei Talheim – Aktuelles</title></head>"
        f"<body><nav><h2>Unsere Gemeinde im Überblick</h2></nav>{page.format(text=text)}"
        "</body></html>"
    )
    result = _extract(html, url="https://www.pfarrei-talheim.de/aktuelles/orgel")
    assert (result.title, result.seo_title) == ("Seilbahn auf die Alm genehmigt", None)


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        (
            "Neue Fährverbindung Kaliningrad – St. Petersburg ab Juni | Baltik-Info",
            "<h2 class='newstitle'>Neue Fährverbindung zwischen Kaliningrad und Sankt Petersburg"
            " ab Juni</h2>",
        ),
        (
            "Gemeinderat: Hallenbad wird im Herbst saniert - Alpenland Zeitung",
            "<div class='kopf'><span>02.12.2026</span><h2>Hallenbad in Talheim wird ab Herbst"
            " saniert</h2></div>",
        ),
        (
            "Hallenbad-Sanierung im Herbst beschlossen",
            "<table><tr><td><h2>Sanierung für das Hallenbad im Herbst beschlossen</h2></td></tr>"
            "</table>",
        ),
    ],
)
def test_a_reworded_h2_heading_the_text_is_the_title_of_a_page_without_h1(
    title: str, heading: str
) -> None:
    nav = "<nav><h2>Nachrichten aus der Region</h2></nav>"
    html = _page(f"<title>{title}</title>", f"{nav}{heading}")
    result = _extract(html)
    assert result.title == lxml.html.fromstring(heading).xpath("//h2")[0].text_content()
    assert result.seo_title is not None and result.seo_title in title
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_an_h3_under_a_section_h2_is_the_reworded_title_of_a_page_without_h1() -> None:
    heading = "<h3>Hallenbad in Talheim wird ab Herbst saniert</h3>"
    for section in ("<h2>Aktuelles aus der Gemeinde</h2>", "<h2 class='rubrik'>Meldungen</h2>"):
        html = _page(
            "<title>Talheim - Aktuelles - Hallenbad wird im Herbst saniert</title>",
            f"{section}<div>{heading}</div>",
        )
        result = _extract(html, url="https://www.talheim.de/aktuelles/1")
        assert result.title == "Hallenbad in Talheim wird ab Herbst saniert"
        assert result.seo_title == "Hallenbad wird im Herbst saniert"


def test_an_h3_saying_something_else_or_under_text_is_no_reworded_title() -> None:
    for body in (
        "<h2>Aktuelles aus der Gemeinde</h2><h3>Was der Gemeinderat noch beschlossen hat</h3>",
        f"<h2>Aktuelles</h2><p>{SECOND}</p><h3>Hallenbad in Talheim wird ab Herbst saniert</h3>",
    ):
        html = _page("<title>Hallenbad wird im Herbst saniert | Talbote</title>", body)
        assert _extract(html).title == "Hallenbad wird im Herbst saniert"


@pytest.mark.parametrize(
    "body",
    [
        # an <h2> saying something else
        "<h2>Was der Gemeinderat noch beschlossen hat</h2>",
        # an <h2> under a paragraph of text: a subheading
        f"<p>{SECOND}</p><h2>Hallenbad in Talheim wird ab Herbst saniert</h2>",
        # beside an <h1>
        "<h1>Bäder im Landkreis</h1><h2>Hallenbad in Talheim wird ab Herbst saniert</h2>",
    ],
)
def test_an_h2_sharing_few_words_or_under_text_is_no_reworded_title(body: str) -> None:
    html = _page("<title>Hallenbad wird im Herbst saniert | Alpenland Zeitung</title>", body)
    assert _extract(html).title != lxml.html.fromstring(body).xpath("//h2")[0].text_content()


def test_an_h2_is_no_title_beside_an_h1_or_a_headline_in_the_title() -> None:
    text = f"<h2>Was die Gemeinde plant</h2><p>{PARAGRAPH}</p><p>{SECOND}</p>"
    with_h1 = _page("<title>Aktuelles</title>", f"<h1>Hallenbad wird saniert</h1>{text}")
    assert _extract(with_h1).title == "Hallenbad wird saniert"
    titled = _page("<title>Hallenbad wird im Herbst saniert | Alpenland Zeitung</title>", text)
    assert _extract(titled).title == "Hallenbad wird im Herbst saniert"


@pytest.mark.parametrize(
    ("h1", "title", "seo_title"),
    [
        # the <h1>'s kicker before a shortened headline is an affix
        (
            "<h1><span class='topline'>Bäder</span> <span>Hallenbad wird erst im Herbst"
            " saniert</span></h1>",
            "Bäder: Hallenbad wird saniert | Alpenland Zeitung",
            "Hallenbad wird saniert",
        ),
        (
            "<h1><em class='kicker'>Talheim baut</em>: Hallenbad wird im Herbst saniert</h1>",
            "Talheim baut: Hallenbad im Herbst saniert",
            "Hallenbad im Herbst saniert",
        ),
        # so is a kicker printed as a label of its own above the <h1>
        (
            "<p class='dachzeile'>Bäder</p><h1>Hallenbad wird erst im Herbst saniert</h1>",
            "Bäder: Hallenbad wird saniert | Alpenland Zeitung",
            "Hallenbad wird saniert",
        ),
        (
            "<div><b>plus</b> <span class='ort'>Talheim Nord</span></div>"
            "<h1>Hallenbad wird im Herbst saniert</h1>",
            "Talheim Nord: Hallenbad im Herbst saniert",
            "Hallenbad im Herbst saniert",
        ),
        # before other words it is part of another headline
        (
            "<h1><span class='topline'>Bäder</span> <span>Hallenbad wird erst im Herbst"
            " saniert</span></h1>",
            "Bäder: Was Schwimmer jetzt wissen müssen",
            "Bäder: Was Schwimmer jetzt wissen müssen",
        ),
        (
            "<p class='dachzeile'>Bäder</p><h1>Hallenbad wird erst im Herbst saniert</h1>",
            "Bäder: Was Schwimmer jetzt wissen müssen",
            "Bäder: Was Schwimmer jetzt wissen müssen",
        ),
        # a prefix the page prints nowhere is no kicker
        (
            "<h1>Hallenbad wird erst im Herbst saniert</h1>",
            "Talheim: Hallenbad wird saniert",
            "Talheim: Hallenbad wird saniert",
        ),
        # a word of the headline itself opening the <title> is no kicker, printed as a label
        # above it or not
        (
            "<h1>Hallenbad Talheim wird im Herbst saniert</h1>",
            "Talheim: Hallenbad wird im Herbst saniert",
            "Talheim: Hallenbad wird im Herbst saniert",
        ),
        (
            "<div><span class='ort'>Talheim</span></div>"
            "<h1>Hallenbad Talheim wird im Herbst saniert</h1>",
            "Talheim: Hallenbad wird im Herbst saniert",
            "Talheim: Hallenbad wird im Herbst saniert",
        ),
    ],
)
def test_the_kicker_of_the_h1_before_a_shortened_headline_is_a_title_affix(
    h1: str, title: str, seo_title: str
) -> None:
    result = _extract(_page(f"<title>{title}</title>", h1))
    # the title is the headline the <h1> prints after its kicker
    assert result.title is not None and result.title.startswith("Hallenbad")
    assert result.seo_title == seo_title


@pytest.mark.parametrize("kind", ["SportsArticle", "NewsArticle"])
def test_a_name_and_date_byline_repeating_the_json_ld_author_goes(kind: str) -> None:
    ld = json.dumps({"@type": kind, "author": {"@type": "Person", "name": "Dennis Rückert"}})
    head = f"<script type='application/ld+json'>{ld}</script>"
    body = "<h1>Hallenbad wird saniert</h1><div class='report__by'>Dennis Rückert, 30.11.2026</div>"
    result = _extract(_page(head, body))
    assert result.authors == ("Dennis Rückert",)
    assert "Rückert" not in result.text


@pytest.mark.parametrize(
    "facts",
    [
        "<dl><dt>Autorin</dt><dd>Lene Vorholt</dd><dt>Erschienen</dt><dd>03.12.2026</dd></dl>",
        "<dl class='meta'><dt>Text:</dt><dd><a>Lene Vorholt</a></dd></dl>",
        "<table><tr><th>Autor</th><td>Lene Vorholt</td></tr>"
        "<tr><th>Quelle</th><td>KNA</td></tr><tr><th>Datum</th><td>03.12.2026</td></tr></table>",
        "<table><tr><td>Von</td><td>Lene Vorholt</td></tr></table>",
    ],
)
def test_a_labelled_metadata_row_by_the_headline_names_the_author(facts: str) -> None:
    result = _extract(_page("", f"<div><h1>Hallenbad wird saniert</h1>{facts}</div>"))
    assert result.authors == ("Lene Vorholt",)
    assert result.agencies == (("KNA",) if "KNA" in facts else ())


@pytest.mark.parametrize(
    ("credits", "authors"),
    [
        ("<p>Marta Lindqvist (Text), Bruno Aebi (Bilder)</p>", ("Marta Lindqvist",)),
        ("<div>Bruno Aebi (Fotos) · Marta Lindqvist (Text)</div>", ("Marta Lindqvist",)),
        (
            "<span>Marta Lindqvist und Ilka Strom (Text) und Bruno Aebi (Video)</span>",
            ("Marta Lindqvist", "Ilka Strom"),
        ),
        ("<p>Marta Lindqvist (Reportage), Bruno Aebi (Fotos)</p>", ()),  # no writer's role
    ],
)
def test_a_credits_line_with_roles_in_brackets_names_its_writers(
    credits: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<header><h1>Hallenbad wird saniert</h1>{credits}</header>"))
    assert result.authors == authors
    assert "Bruno Aebi" not in result.text


@pytest.mark.parametrize(
    "line",
    [
        # a sentence with a role-like word in brackets is text, no credits line
        "Die Kinder (Bilder) und die Eltern (Text) hatten viel Spaß beim Fest am Samstag.",
        "Anna Beispiel (dpa)",
    ],
)
def test_other_lines_with_brackets_are_no_credits_line(line: str) -> None:
    assert credited_writers(line) is None


@pytest.mark.parametrize(
    "meta",
    [
        "<p class='post-meta'><time datetime='2026-12-02'>2. Dezember 2026</time> · Lene Vorholt"
        " · 4 Minuten Lesezeit</p>",
        "<div class='info'>03.12.2026 | Lene Vorholt | 12 Kommentare</div>",
        "<div>Lene Vorholt • 03.12.2026, 14:05 Uhr</div>",
    ],
)
def test_a_name_as_an_item_of_the_info_line_under_the_headline_is_the_author(meta: str) -> None:
    assert _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{meta}")).authors == (
        "Lene Vorholt",
    )


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        # an item of several names, joined by "und" or commas
        (
            "<div class='info'>Mo, 07.12.2026 · 09:40 · Lene Vorholt und Jan Ohm</div>",
            ("Lene Vorholt", "Jan Ohm"),
        ),
        (
            "<p>3. Dezember 2026 | Lene Vorholt, Ilka Strom und Jan Ohm | 3 Min.</p>",
            ("Lene Vorholt", "Ilka Strom", "Jan Ohm"),
        ),
        # credits beside the date, in a table of one row or a line
        (
            "<table><tr><td>Bericht: Lene Vorholt</td><td>Fotos: Vereinsarchiv</td>"
            "<td>03.12.2026</td></tr></table>",
            ("Lene Vorholt",),
        ),
        ("<p>Text: Jan Ohm · Bilder: Ilka Strom · 4. Dezember 2026</p>", ("Jan Ohm",)),
        # a short line of a date and a byline only
        ("<p>24.07.2025 · Von Jan Ohm</p>", ("Jan Ohm",)),
        ("<p>Von Ilka Strom | 3.12.2026</p>", ("Ilka Strom",)),
        # credits in a row of <span>s, one item in each
        (
            "<div class='credits'><span>Interview: Lene Vorholt</span> <span>Fotos: Ilka "
            "Strom</span> <span>3. Dezember 2026</span></div>",
            ("Lene Vorholt",),
        ),
        (
            "<p><span>Bilder: Ilka Strom</span><span>Text: Jan Ohm</span>"
            "<time datetime='2026-12-04'>04.12.2026</time></p>",
            ("Jan Ohm",),
        ),
    ],
)
def test_names_and_credits_in_the_info_line_under_the_headline_are_the_authors(
    meta: str, authors: tuple[str, ...]
) -> None:
    assert _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{meta}")).authors == authors


@pytest.mark.parametrize(
    "block",
    [
        # a timetable's head row: a label of three cells is no metadata row
        "<table><tr><th>Von</th><td>Hamburg Hbf</td><td>Kiel Hbf</td></tr></table>",
        # a value of more words than a name takes
        "<dl><dt>Text</dt><dd>Der Entwurf der Satzung liegt im Rathaus zur Einsicht aus und "
        "kann bis Ende Januar eingesehen werden</dd></dl>",
        "<dl><dt>Ort</dt><dd>Lene Vorholt</dd></dl>",  # a label that names no writer
        "<p>2. Dezember 2026 · Politik · 4 Minuten Lesezeit</p>",  # a one-word section
        "<p>Lene Vorholt · Ilka Strom · Marta Lindqvist und Jan Ohm</p>",  # no date in the line
        "<p>03.12.2026 · Lene Vorholt · Ilka Strom</p>",  # two names: which is the writer?
        "<p>3.12.2026 · Lokales</p>",  # a date and a section
        "<p>Kultur | Theater Nord</p>",  # sections, no date
        "<div>3. Dezember 2026 | Rubrik: Lokales Leben | <a>2 Kommentare</a></div>",  # a label
        "<p>03.12.2026 · Politik und Wirtschaft · 2 Min.</p>",  # sections joined by "und"
        "<p>03.12.2026 · Lene Vorholt und das Team · 2 Min.</p>",  # a name and more words
        # credits without a writer beside the date
        "<table><tr><td>Fotos: Ilka Strom</td><td>03.12.2026</td></tr></table>",
        "<div><span>Fotos: Ilka Strom</span> <span>3. Dezember 2026</span></div>",
        # spans inside a sentence are no items
        "<p>Am <span>3. Dezember 2026</span> sprach <span>Lene Vorholt</span> im Rat.</p>",
        # a table of several rows is data, no info line
        "<table><tr><td>Bericht: Lene Vorholt</td><td>03.12.2026</td></tr>"
        "<tr><td>Bericht: Jan Ohm</td><td>04.12.2026</td></tr></table>",
        "<table><tbody><tr><td>Text: Lene Vorholt</td><td>03.12.2026</td></tr>"
        "<tr><td>Autor: Jan Ohm</td><td>04.12.2026</td></tr></tbody></table>",
    ],
)
def test_other_rows_and_info_lines_by_the_headline_name_no_author(block: str) -> None:
    assert _extract(_page("", f"<div><h1>Hallenbad wird saniert</h1>{block}</div>")).authors == ()


def test_latin_punctuation_leaves_other_text_as_it_is() -> None:
    text = "Quelle: Xinhua | Autor: Gao Yan"
    assert latin_punctuation(text) is text
    assert latin_punctuation("Autor：Gao Yan，Ma Jun【Drucken】") == "Autor: Gao Yan, Ma Jun"


@pytest.mark.parametrize(
    ("opening", "agencies"),
    [
        ("Moskau, 1. Dezember (TASS) – ", ("TASS",)),
        ("Washington, 3.12. (Reuters) - ", ("Reuters",)),
        ("Rom, 2. Dez. (ANSA) — ", ("ANSA",)),
        ("Kiew, 4. März (Interfax) – ", ("Interfax",)),
        # a full stop or a colon closing the dateline
        ("PEKING, 2. Dezember (Xinhua). ", ("Xinhua",)),
        ("Genf (Reuters): ", ("Reuters",)),
        # the agency between slashes
        ("MOSKAU, 7. Juli. /TASS/. ", ("TASS",)),
        ("Peking, 3. März /Xinhua/ – ", ("Xinhua",)),
        ("Kiew /Interfax/: ", ("Interfax",)),
        # slashes around no agency, and a route of places, name none
        ("Berlin, 7. Juli. /Ende/. ", ()),
        ("Die Strecke Köln /Bonn/. ", ()),
        # a sentence with a date and a bracket names no agency
        ("Am Freitag, 1. Dezember (siehe oben) – ", ()),
        ("Am Freitag (siehe oben). ", ()),
        # a bracket closing no dateline: the sentence goes on in lower case
        ("Genf (Reuters). und ", ()),
        # an agency of two words; a bracket naming none
        ("Moskau (RIA Nowosti). ", ("RIA Novosti",)),
        ("Der Vorstand (neu gewählt). ", ()),
        ("Rostow (am Don) – ", ()),
        # a place opening with a capital of another alphabet
        ("Østerby (AFP) - ", ("AFP",)),
        ("Évry (Reuters) – ", ("Reuters",)),
        ("Über (Umwege) – ", ()),
    ],
)
def test_a_dateline_with_the_day_names_its_agency(opening: str, agencies: tuple[str, ...]) -> None:
    assert text_agencies([f"{opening}{PARAGRAPH}", SECOND], []) == agencies
    # opening the paragraph after a lead too
    assert text_agencies([SECOND, f"{opening}{PARAGRAPH}"], []) == agencies


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        (
            "<div class='by'>Von <a>Jonas Verhoeven</a>, <a>Aylin Demirtaş</a> und "
            "<a>Friederike Palm</a></div>",
            ("Jonas Verhoeven", "Aylin Demirtaş", "Friederike Palm"),
        ),
        ("<p><small>Text: Jana Rupp / Fotos: Vereine</small></p>", ("Jana Rupp",)),
    ],
)
def test_a_byline_after_a_headline_straight_in_the_body_names_the_authors(
    byline: str, authors: tuple[str, ...]
) -> None:
    text = f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
    result = _extract(_headline_page(f"{byline}{text}"))
    assert result.authors == authors
    assert result.text.split("\n") == [PARAGRAPH, SECOND]


def test_a_sentence_after_a_headline_straight_in_the_body_names_no_author() -> None:
    text = f"<p>Von Berlin nach Hamburg fahren ab Montag mehr Züge.</p><p>{PARAGRAPH}</p>"
    assert _extract(_headline_page(text)).authors == ()


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Gemeinde Oberwiesental-Süd - Newsletter", "https://www.gemeinde-oberwiesental-sued.de/n"),
        ("Aktuelles | Stadtwerke Münsterhöhe", "https://stadtwerke-muensterhoehe.de/aktuelles/1"),
        # a host that drops the umlaut's dots, "ß" written "ss"
        ("Markt Großbüchen – Mitteilungen", "https://www.markt-grossbuchen.de/mitteilungen/4"),
    ],
)
def test_a_site_name_with_umlauts_the_host_spells_out_leaves_a_generic_title(
    title: str, url: str
) -> None:
    # what is left of the <title> is the page type's: the <h2> is the headline
    html = (
        f"<html lang='de'><head><title>{title}</title></head><body><div class='inhalt'>"
        f"<h2>Seilbahn auf die Alm genehmigt</h2><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        "</body></html>"
    )
    assert _extract(html, url=url).title == "Seilbahn auf die Alm genehmigt"


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("SV Lindenbach 1912 e.V. - News", "https://www.sv-lindenbach.de/news/bericht-12"),
        ("Heimatverein Rotbach e. V. | Aktuelles", "https://heimatverein-rotbach.de/aktuelles/3"),
        (
            "Stadtwerke Haldenau GmbH – Pressemitteilungen",
            "https://stadtwerke-haldenau.de/presse/9",
        ),
    ],
)
def test_a_title_of_the_sites_name_with_its_legal_form_and_a_page_type_is_no_seo_title(
    title: str, url: str
) -> None:
    html = (
        f"<html lang='de'><head><title>{title}</title></head><body><div class='inhalt'>"
        f"<h1>Seilbahn auf die Alm genehmigt</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        "</body></html>"
    )
    article = _extract(html, url=url)
    assert (article.title, article.seo_title) == ("Seilbahn auf die Alm genehmigt", None)


def test_a_name_with_a_legal_form_the_host_does_not_spell_stays_a_title() -> None:
    keys = site_name_keys(None, "https://www.sv-lindenbach.de/news/1")
    # another club, and a headline ending with a year
    assert clean_title("TuS Rotbach 1920 e.V. - News", keys) == "TuS Rotbach 1920 e.V."
    own = "Lindenbach feiert Jubiläum 2025"
    assert clean_title(own, keys) == own


def test_a_title_part_with_umlauts_naming_another_body_stays() -> None:
    keys = site_name_keys(None, "https://www.gemeinde-oberwiesental-sued.de/n")
    assert clean_title("Winterdienst beginnt - Gemeinde Oberwiesental-Süd", keys) == (
        "Winterdienst beginnt"
    )
    own = "Winterdienst beginnt - Gemeinde Süderbrück hilft"
    assert clean_title(own, keys) == own


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("<table><tr><td>Erscheinungstag: 27. November 2026</td></tr></table>", "2026-11-27"),
        ("<div><p>Erscheinungsdatum: 03.03.2026</p></div>", "2026-03-03"),
        ("<div><b>Veröffentlicht am</b> 3. März 2026</div>", "2026-03-03"),
        ("<span>Publiziert: Dienstag, 12. Mai 2026</span>", "2026-05-12"),
    ],
)
def test_a_date_under_a_publication_label_is_the_published_day(printed: str, day: str) -> None:
    result = _extract(_page("<title>Seilbahn auf die Alm genehmigt</title>", printed))
    assert result.published_at is not None
    assert result.published_at.date().isoformat() == day


@pytest.mark.parametrize(
    ("printed", "day"),
    [
        ("<p class='meta'>24.07.2025 · Redaktion: (kw)</p>", "2025-07-24"),
        ("<div><span>3. Mai 2026 | Text: Ida Blum</span></div>", "2026-05-03"),
        ("<small>12.05.2026 · Von Karl Weber</small>", "2026-05-12"),
    ],
)
def test_the_date_of_an_info_line_crediting_the_desk_is_the_published_day(
    printed: str, day: str
) -> None:
    # a video's availability date printed before it is no publication
    video = "<div class='vid'>Video 1:48 · Verfügbar bis 24.07.2027</div>"
    result = _extract(_page("<title>Seilbahn auf die Alm genehmigt</title>", video + printed))
    assert result.published_at is not None
    assert result.published_at.date().isoformat() == day


@pytest.mark.parametrize(
    "printed",
    [
        # a sentence naming a day
        "<p>Erscheinungstag der nächsten Ausgabe ist der 5. Dezember 2026.</p>",
        # a date beside other words than a credit
        "<p>3. Mai 2026 · Sondersitzung im Rathaus</p>",
        # a credit beside no date
        "<p>Stadtrat Talheim · Redaktion: (kw)</p>",
        # an update is no publication
        "<p>Aktualisiert: 03.03.2026</p>",
        # a label word opening another word
        "<p>Veröffentlichte Zahlen vom 3. März 2026</p>",
    ],
)
def test_a_date_without_a_publication_label_is_no_published_day(printed: str) -> None:
    result = _extract(_page("<title>Seilbahn auf die Alm genehmigt</title>", printed))
    assert result.published_at is None


@pytest.mark.parametrize(
    ("beside", "day"),
    [
        # a release's number and day above the headline's wrapper
        ("<p class='pm'>Pressemitteilung Nr. 47/2026 vom 11. Mai 2026</p>{}", "2026-05-11"),
        ("<span>Meldung vom 03.03.2026</span>{}", "2026-03-03"),
        # a date line under it
        ("{}<div class='datum'><small>12.05.2026</small></div>", "2026-05-12"),
        # an update line beside it is no publication, nor is a date in the text
        ("{}<p>Aktualisiert: 03.03.2026</p>", None),
        ("{}<p>Am 3. März 2026 beginnt die Sanierung des alten Hallenbads.</p>", None),
    ],
)
def test_a_date_line_beside_the_headlines_own_wrapper_is_the_published_day(
    beside: str, day: str | None
) -> None:
    wrapper = "<div class='header'><h1>Hallenbad wird saniert</h1></div>"
    html = (
        "<html lang='de'><body><div class='article'>"
        f"{beside.format(wrapper)}<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        "</div></body></html>"
    )
    published = _extract(html).published_at
    assert (published.date().isoformat() if published else None) == day


@pytest.mark.parametrize(
    "cells",
    [
        "<td>Gemeindebrief Ausgabe 23/2026</td><td>Erscheinungstag: 27. November 2026</td>",
        "<th>Erschienen am 04.05.2026</th><th>Amtsblatt Talheim Nr. 9/2026</th>",
    ],
)
def test_a_table_row_of_issue_and_day_is_the_pages_header(cells: str) -> None:
    table = f"<table><tr>{cells}</tr></table>"
    result = _extract(_page("<title>Seilbahn auf die Alm genehmigt</title>", table))
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.published_at is not None


@pytest.mark.parametrize(
    "cells",
    [
        "<td>dpa-Landesdienst Süd · Meldung 0877</td><td>04.05.2026 09:12 Uhr</td>"
        "<td>Priorität 3</td>",
        "<td>APA-Inland Nr. 218</td><td>04.05.2026</td>",
    ],
)
def test_a_table_row_of_a_wire_items_service_number_and_time_is_its_header(cells: str) -> None:
    html = (
        "<html lang='de'><head><title>Seilbahn auf die Alm genehmigt</title></head><body>"
        f"<div class='text'><table><tr>{cells}</tr></table><p>{PARAGRAPH}</p><p>{SECOND}</p>"
        "</div></body></html>"
    )
    assert _extract(html).text.splitlines() == [PARAGRAPH, SECOND]


def test_a_table_row_of_an_issue_and_data_stays() -> None:
    rows = "<tr><td>Ausgabe 23/2026</td><td>4.500 Exemplare</td></tr>"
    html = (
        "<html lang='de'><head><title>Seilbahn auf die Alm genehmigt</title></head><body>"
        f"<div class='text'><p>{PARAGRAPH}</p><table>{rows}</table><p>{SECOND}</p></div>"
        "</body></html>"
    )
    assert "| Ausgabe 23/2026 | 4.500 Exemplare |" in _extract(html).text
    rows = "<tr><td>Priorität 1</td><td>Schulbau am Markt</td></tr>"
    html = html.replace("<tr><td>Ausgabe 23/2026</td><td>4.500 Exemplare</td></tr>", rows)
    assert "| Priorität 1 | Schulbau am Markt |" in _extract(html).text


@pytest.mark.parametrize(
    ("closing", "author"),
    [
        ("<p>Ihr Bürgermeister</p><p>Helmut Kranich</p>", "Helmut Kranich"),
        ("<p>Ihre Ortsvorsteherin<br>Dr. Anna Berger</p>", "Anna Berger"),
        (
            "<p>Mit herzlichen Grüßen, Ihr Vorstand des Heimatvereins</p><p>Jonas Weidlich</p>",
            "Jonas Weidlich",
        ),
        ("<p>Euer Trainer</p><p>Marco Lindner</p>", "Marco Lindner"),
        # a greeting word alone, the office before the name
        ("<p>Ihr<br>Pfarrer Tobias Brenner</p>", "Tobias Brenner"),
        ("<p>Herzlich, Ihre</p><p>Pastorin Lene Harms</p>", "Lene Harms"),
        ("<p>Ihre</p><p>Bürgermeisterin Dr. Anna Berger</p>", "Anna Berger"),
        ("<p>Viele Grüße, Eure</p><p>Trainerin Jana Roth</p>", "Jana Roth"),
        ("<p class='gruss'>Euer<br>Ortsvorsteher Paul von Hagen</p>", "Paul von Hagen"),
        # the greeting word, the name and the office under it (page 850)
        ("<p>Ihr<br>Frank Obermeier<br>Bürgermeister</p>", "Frank Obermeier"),
        (
            "<p>Herzliche Grüße, Ihre</p><p>Dr. Anna Berger</p><p>Erste Bürgermeisterin</p>",
            "Anna Berger",
        ),
        ("<p>Euer</p><p>Jonas Weidlich<br>Vorsitzender des Heimatvereins</p>", "Jonas Weidlich"),
        # the greeting, the office and the name on one line
        ("<p class='unterschrift'><i>Ihr Pfarrer Mag. Michael Gruber</i></p>", "Michael Gruber"),
        ("<p>Ihre Bürgermeisterin Anna Berger</p>", "Anna Berger"),
        ("<p>Herzlich, Euer Pastor Jan Ohm</p>", "Jan Ohm"),
        # the group of people signed for over the name
        ("<p>Für den Wahlausschuss<br>Pfarrerin Dorothee Sander</p>", "Dorothee Sander"),
        ("<p>Für den Vorstand des Heimatvereins</p><p>Jonas Weidlich</p>", "Jonas Weidlich"),
        ("<p>Im Namen des Kirchenvorstands<br>Pastor Jan Ohm</p>", "Jan Ohm"),
        ("<p>Für das Orgateam<br>Ilse Marbach</p>", "Ilse Marbach"),
    ],
)
def test_a_greeting_of_the_office_over_a_name_closing_the_text_names_the_author(
    closing: str, author: str
) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == (author,)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "closing",
    [
        # the text goes on after the name
        "<p>Ihr Bürgermeister</p><p>Helmut Kranich</p>"
        "<p>Die Sprechstunde entfällt im Januar wegen eines Umzugs des Bürgerbüros.</p>",
        # a sentence about the office, no greeting
        "<p>Ihr Bürgermeister lädt alle Bürger herzlich ein.</p><p>Helmut Kranich</p>",
        # a sentence after the greeting word
        "<p>Ihr</p><p>Pfarrer Tobias Brenner lädt zum Adventskonzert ein.</p>",
        # the text goes on after the office and name
        "<p>Ihr</p><p>Pfarrer Tobias Brenner</p>"
        "<p>Die Sprechstunde im Pfarrbüro entfällt in den Weihnachtsferien wegen Krankheit.</p>",
        # a prompt under the greeting word
        "<p>Ihre</p><p>Meinung Ist Uns Wichtig</p>",
        # a greeting and a name, then no office but a line of text
        "<p>Ihr</p><p>Frank Obermeier</p><p>Bürgermeister sein ist schön.</p>",
        "<p>Ihr</p><p>Frank Obermeier</p><p>Bürgerbüro geschlossen</p>",
        # the office and the name in a sentence, and a contact person on one line
        "<p>Ihr Pfarrer Michael Gruber lädt zum Osterfrühstück ein.</p>",
        "<p>Ihr Ansprechpartner Jonas Weidlich</p>",
    ],
)
def test_lines_that_are_no_greeting_signature_name_no_author(closing: str) -> None:
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ()
    assert lxml.html.fragments_fromstring(closing)[0].text_content() in result.text.splitlines()


@pytest.mark.parametrize(
    "closing",
    [
        "<p>Ihr Ansprechpartner</p><p>Jonas Weidlich</p>",
        "<p>Ihre Ansprechpartnerin</p><p>Lena Roth</p><p>Telefon: 07352 9310-24</p>",
    ],
)
def test_a_contact_person_under_a_contact_label_signs_nothing_and_goes(closing: str) -> None:
    # A contact box addressing the reader closes the text: no signature, no text of its own.
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ()
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_a_prompt_to_write_under_a_label_names_no_author_and_goes() -> None:
    closing = "<p>Ihre Meinung</p><p>Schreiben Sie Uns</p>"
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"))
    assert result.authors == ()
    assert "Schreiben Sie Uns" not in result.text.splitlines()


# --- a site's name with an edition's code, organisations after a name ---------------------------


def test_a_word_of_the_hosts_label_with_an_editions_code_is_an_affix() -> None:
    keys = site_name_keys(None, "https://deutsch.vestnik-tv.com/a/1.html")
    assert clean_title("Kühe ziehen ins Tal — Vestnik DE", keys) == "Kühe ziehen ins Tal"
    other = site_name_keys(None, "https://www.morgenpost-online.at/a/1.html")
    assert clean_title("Kühe ziehen ins Tal | Morgenpost AT", other) == "Kühe ziehen ins Tal"
    swiss = site_name_keys(None, "https://kurier-nordtal.ch/a/1.html")
    assert clean_title("Kühe ziehen ins Tal - Kurier EN CH", swiss) == "Kühe ziehen ins Tal"
    # a verb, a word the host does not spell, a word instead of a code: the headline's
    for raw in (
        "Kühe ziehen ins Tal — Vestnik berichtet",
        "Kühe ziehen ins Tal — Ostsee DE",
        "Kühe ziehen ins Tal — Vestnik Deutschland",
    ):
        assert clean_title(raw, keys) == raw


def test_a_title_with_the_edition_affix_leaves_the_metadata_headline_as_seo_title() -> None:
    html = (
        "<html lang='de'><head><title>Warum die Fähre ausfällt — Vestnik DE</title></head>"
        f"<body><h1>Hallenbad wird saniert</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></body></html>"
    )
    result = _extract(html, "https://deutsch.vestnik-tv.com/analyse/1-faehre/")
    assert result.seo_title == "Warum die Fähre ausfällt"


# --- a credit line and an author box closing the text -------------------------------------------


@pytest.mark.parametrize(
    ("closing", "author"),
    [
        ("<p><em>Bericht: Pascal Thiel</em></p>", "Pascal Thiel"),
        ("<p><strong>Text:</strong> Carla Wendt</p>", "Carla Wendt"),
        ("<p>Autorin: Jule Marx</p>", "Jule Marx"),
        ("<div>Text und Fotos: Ben Kraus</div>", "Ben Kraus"),
        ("<p><i>Text &amp; Bilder: Ben Kraus</i></p>", "Ben Kraus"),
        # the picture in the singular, right-aligned in italics or plain
        ("<p align='right'><i>Text und Bild: Gertrud Maichle</i></p>", "Gertrud Maichle"),
        ("<div class='credit'>Bericht/Bild: Carla Wendt</div>", "Carla Wendt"),
    ],
)
def test_a_writers_credit_line_closing_the_text_names_the_author(closing: str, author: str) -> None:
    result = _extract(_text_closing_with(closing))
    assert result.authors == (author,)
    assert author not in result.text


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        # a source box after the text's container: the credit, a programme in capitals after
        # the name, and the broadcast on the next line
        (
            "<div class='src'>Autorin: Jule Marx, WBR KULTUR AM MORGEN<br>"
            "Dieses Thema im Programm: WBR | Nachrichten | 3. Dezember 2026</div>",
            ("Jule Marx",),
        ),
        ("<div>Autor: Ben Kraus, RADIO 7 REGIONAL<br>Sendung vom 4.12.2026</div>", ("Ben Kraus",)),
        (
            "<p class='quelle'>Bericht: Carla Wendt<br><small>Stand: 04.12.2026</small></p>",
            ("Carla Wendt",),
        ),
        # names in capitals after the label are two people, not a programme
        ("<div>Text: ANNA BERG, JAN VON STEIN</div>", ("Anna Berg", "Jan von Stein")),
        # a label before a sentence; a box after text that goes on
        ("<div>Bericht: Der Ausschuss tagt erneut<br>Sendung vom 4.12.2026</div>", ()),
        (f"<div>Autorin: Jule Marx, WBR<br>Stand: heute</div><p>{SECOND} Mehr folgt.</p>", ()),
    ],
)
def test_a_credit_box_after_the_texts_container_names_the_writer(
    box: str, authors: tuple[str, ...]
) -> None:
    page = _headline_page(f"<div class='txt'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>{box}")
    assert _extract(page).authors == authors


@pytest.mark.parametrize(
    "closing",
    [
        "<p>Bericht: Der Ausschuss tagt erneut</p>",  # a label before a sentence
        "<p>Fotos: Ben Kraus</p>",  # a photographer
        "<p><i>Bild: Gertrud Maichle</i></p>",  # a photographer of the one picture
        f"<p>Bericht: Pascal Thiel</p><p>{PARAGRAPH.replace('Dienstag', 'Mittwoch')}</p>",
    ],
)
def test_other_credit_lines_after_the_text_name_no_author(closing: str) -> None:
    result = _extract(_text_closing_with(closing))
    assert result.authors == ()
    if "Ausschuss" in closing:
        assert "Bericht: Der Ausschuss tagt erneut" in result.text


@pytest.mark.parametrize(
    ("box", "author"),
    [
        (
            "<div class='author-box'><img src='/a/k.jpg' alt=''><p><b>Bernd Kolter</b> ist "
            "freier Publizist und lebt in Leipzig.</p></div>",
            "Bernd Kolter",
        ),
        (
            "<aside><h4>Über die Autorin</h4><p>Svenja Lorenz, 38, arbeitet als "
            "Wissenschaftsjournalistin in Bremen. Sie schreibt über Meeresforschung.</p></aside>",
            "Svenja Lorenz",
        ),
        (
            "<section class='autor'><h3>Zum Autor</h3><p><strong>Jonas Feld</strong></p>"
            "<p>Er ist Redakteur im Ressort Wirtschaft.</p></section>",
            "Jonas Feld",
        ),
        (
            "<div class='about-writer'><span>About the author</span><p><a href='/p/mo'>Mo "
            "Adeyemi</a> is a science writer based in Leeds.</p></div>",
            "Mo Adeyemi",
        ),
        # a degree before the name in the note
        (
            "<aside class='autorbox'><h3>Über den Autor</h3><img src='/a/r.jpg' alt=''><p>"
            "Dipl.-Ing. Rainer Holm ist Sachverständiger für Brandschutz in Kassel.</p></aside>",
            "Rainer Holm",
        ),
        (
            "<div><p><b>Zur Autorin</b></p><p>Prof. Dr. Ina Wessel lehrt Stadtplanung in "
            "Weimar.</p></div>",
            "Ina Wessel",
        ),
        # a box the page marks as the author's, its heading no byline
        (
            "<div class='author-info'><h4>Zur Autorin</h4><p>Mia Brandt lebt als freie "
            "Journalistin in Kiel.</p></div>",
            "Mia Brandt",
        ),
        # a link to the writer's other pieces closing the box
        (
            "<div class='rtf-authorbox'><img src='/a/h.jpg' alt=''><div><p class='head'>Über "
            "die Autorin</p><p>Karin Hölscher berichtet seit 2019 aus Hattenrode. Sie mag "
            "Stadtfeste.</p><a href='/autoren/kh/'>Mehr von Karin Hölscher</a></div></div>",
            "Karin Hölscher",
        ),
        (
            "<aside><h4>Zum Autor</h4><p>Jonas Feld lebt als freier Journalist in Kiel.</p>"
            "<p><a href='/autor/jf'>Alle Artikel von Jonas Feld</a></p></aside>",
            "Jonas Feld",
        ),
        # a box headed "About" the writer by name
        (
            "<div class='author-bio'><h4>Über Lotte Harms</h4><p>Gärtnerin und Vielleserin. "
            "Schreibt hier über Beete und Bücher.</p></div>",
            "Lotte Harms",
        ),
        (
            "<div class='author-box'><h3>About Dana Whitlock</h3><p>Runner, baker, occasional "
            "writer.</p></div>",
            "Dana Whitlock",
        ),
    ],
)
def test_an_author_box_after_the_text_names_the_author(box: str, author: str) -> None:
    assert _extract(_closed_by(box)).authors == (author,)


def test_other_notes_on_people_name_no_author() -> None:
    blocks = (
        # a note on a person inside the text, unmarked and unlabelled
        "<p><b>Anna Berg</b> ist Leiterin des Heimatmuseums und führt seit 2010 durch die "
        "Ausstellung.</p>",
        # a commenter's name
        "<div class='comment-author'><b>Hans Meier</b> sagt:</div>",
        # a labelled box naming nobody
        "<aside><h4>Über den Autor</h4><p>Der Autor ist Redakteur dieser Zeitung.</p></aside>",
        # a label inside a sentence
        "<p><b>Die Autorin</b> des Buches liest am Freitag in der Stadtbücherei.</p>",
        # a labelled box whose subject is a degree and a body, no person
        "<aside><h4>Über den Autor</h4><p>Dr. Verlag Talheim ist Herausgeber der Reihe.</p>"
        "</aside>",
        # a labelled box whose note ends in something else than a link to more pieces
        "<aside><h4>Über die Autorin</h4><p>Karin Hölscher lebt in Hattenrode.</p><p>Lesen "
        "Sie auch: Stadtfest ohne Schlager</p></aside>",
        # a heading "Über" a person in an unmarked box holding more than a note
        "<div><h4>Über Lotte Harms</h4><p>Lotte Harms wurde 1931 in Talheim geboren.</p><p>"
        "Sie wollte Malerin werden.</p><p>Ihr erstes Bild zeigt den Hafen.</p></div>",
    )
    for block in blocks:
        assert _extract(_closed_by(block)).authors == (), block


HALLENBAD = "Hallenbad wird bis zum Herbst saniert"
RHOEN = "http://www.stimme-der-rhoen.de/meldung.php?id=7"


@pytest.mark.parametrize(
    ("url", "title", "h1", "headline"),
    [
        # the station's name as logo, the host spelling its umlaut as "oe"
        (RHOEN, "Stimme der Rhön - Lokales", "<h1 id='brand'>Stimme der Rhön</h1>", HALLENBAD),
        # "ß" as "ss", the logo a link, the <title> the name alone
        (
            "https://grossstadtfunk.de/news/9",
            "Großstadtfunk",
            "<h1><a href='/'>Großstadtfunk</a></h1>",
            HALLENBAD,
        ),
        # the site's name word in a headline, and the whole name in one: the headline
        (
            RHOEN,
            "Stimme der Rhön - Lokales",
            "<h1>Rhön-Radweg wird verlängert</h1>",
            "Rhön-Radweg wird verlängert",
        ),
        (
            RHOEN,
            "Stimme der Rhön - Lokales",
            "<h1>Stimme der Rhön sendet aus neuem Studio</h1>",
            "Stimme der Rhön sendet aus neuem Studio",
        ),
    ],
)
def test_an_h1_spelling_the_sites_name_as_the_host_spells_it_is_the_logo(
    url: str, title: str, h1: str, headline: str
) -> None:
    menu = "<ul class='menu'><li><a>Nachrichten</a></li><li><a>Verkehr</a></li></ul>"
    body = f"{h1}{menu}<div id='main'><h2 class='news-title'>{HALLENBAD}</h2></div>"
    result = _extract(_page(f"<title>{title}</title>", body), url=url)
    assert (result.title, result.seo_title) == (headline, None)


@pytest.mark.parametrize(
    ("url", "title", "h1"),
    [
        (
            "https://www.pfarre-st-anna-talheim.at/pfarrblatt/1",
            "Osterbrief 2026: Hallenbad wird bis zum Herbst saniert - Pfarre St. Anna Talheim",
            "<h1 class='pfarre'><a href='/'>Pfarre St. Anna Talheim</a></h1>",
        ),
        (
            "https://musikverein-lindau.de/berichte/7",
            "Rückblick Frühjahr: Hallenbad wird bis zum Herbst saniert | Musikverein Lindau",
            "<h1>Musikverein Lindau</h1>",
        ),
    ],
)
def test_an_h1_of_the_sites_name_is_the_logo_before_a_longer_seo_title(
    url: str, title: str, h1: str
) -> None:
    got = _extract(
        _page(
            f"<title>{title}</title>",
            f"{h1}<ul id='menu'><li><a href='/a/'>Gottesdienste</a></li><li><a>Gruppen</a></li>"
            f"</ul><div class='rubrik'>Aus dem Verein</div><h2 class='titel'>{HALLENBAD}</h2>",
        ),
        url=url,
    )
    assert got.title == HALLENBAD
    assert got.seo_title == title.split(" - ")[0].split(" | ")[0]


@pytest.mark.parametrize(
    ("head", "label"),
    [
        ("<meta property='og:title' content='{seo}'>", " - DER TALBOTE"),
        (
            '<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{seo}"}}'
            "</script>",
            " – Wochenblatt am Sonntag",
        ),
    ],
)
def test_a_label_the_title_adds_after_the_metadata_headline_is_the_sites_name(
    head: str, label: str
) -> None:
    # The host spells neither label; the <title> is the metadata headline and the label.
    seo = "Gemeinderat beschließt Sanierung des Hallenbads"
    html = _page(
        f"<title>{seo}{label}</title>" + head.format(seo=seo),
        "<h1>Das Bad bleibt den Vereinen erhalten</h1>",
    )
    result = _extract(html, url="https://www.tal-nachrichten.example/a/1.html")
    assert result.title == "Das Bad bleibt den Vereinen erhalten"
    assert result.seo_title == seo


def test_a_longer_phrase_the_title_adds_after_the_metadata_headline_stays() -> None:
    seo = "Gemeinderat beschließt Sanierung des Hallenbads"
    longer = f"{seo} - Was Eltern und Vereine jetzt wissen müssen"
    html = _page(
        f"<title>{longer}</title><meta property='og:title' content='{seo}'>",
        "<h1>Das Bad bleibt den Vereinen erhalten</h1>",
    )
    result = _extract(html, url="https://www.tal-nachrichten.example/a/1.html")
    assert result.seo_title == longer


# --- job titles beside a name, author boxes of several people ----------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Marta Quandt Innenpolitik-Redakteurin", ("Marta Quandt",)),
        ("Von Marta Quandt, Chefredakteurin", ("Marta Quandt",)),
        ("Jens Oberle Leiter Lokales", ("Jens Oberle",)),
        ("Auslandskorrespondentin Marta Quandt", ("Marta Quandt",)),
        (
            "Marta Quandt Wirtschaftsredakteurin; Jens Oberle Korrespondent",
            ("Marta Quandt", "Jens Oberle"),
        ),
        # "Leiter" closing the name is a surname
        ("Anna Leiter", ("Anna Leiter",)),
        # a job title alone, a desk's head, name nobody
        ("Freie Autorin", ()),
        ("Leiter Wirtschaftsressort", ()),
    ],
)
def test_a_job_title_beside_a_name_is_no_part_of_it(line: str, authors: tuple[str, ...]) -> None:
    assert split_credits([line], frozenset())[0] == authors


@pytest.mark.parametrize(
    "box",
    [
        # entries the page marks as an author's, the job title on a line of its own
        "<div class='authors'><div class='author'><img src='/a/1.jpg' alt=''><strong>Marta Quandt"
        "</strong><br><span>Innenpolitik-Redakteurin</span></div><div class='author'><strong>Jens "
        "Oberle</strong><br><span>Leiter Lokales</span></div></div>",
        # list items, the job title after a comma
        "<ul class='autorenbox'><li class='autor-item'><a href='/p/mq'>Marta Quandt</a>, "
        "Chefredakteurin</li><li class='autor-item'><a href='/p/jo'>Jens Oberle</a>, Reporter"
        "</li></ul>",
        # a labelled box without classes, bold names and their roles as text
        "<div><h4>Die Autoren</h4><p><b>Marta Quandt</b> Wirtschaftsredakteurin<br><b>Jens "
        "Oberle</b> Korrespondent in Wien</p></div>",
    ],
)
def test_an_author_box_of_several_people_names_each(box: str) -> None:
    result = _extract(_closed_by(box))
    assert result.authors == ("Marta Quandt", "Jens Oberle")
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        # one person with a job title
        (
            "<div class='author-box'><strong>Marta Quandt</strong><br><span>Chefredakteurin"
            "</span></div>",
            ("Marta Quandt",),
        ),
        # the roles of a credits line, no names in bold
        (
            "<p class='byline'><b>Text:</b> Marta Quandt <b>Fotos:</b> Jens Oberle</p>",
            ("Marta Quandt",),
        ),
    ],
)
def test_other_author_boxes_name_whom_they_credit(box: str, authors: tuple[str, ...]) -> None:
    assert _extract(_closed_by(box)).authors == authors


def test_bold_names_in_the_text_name_no_author() -> None:
    text = (
        f"<p>{PARAGRAPH}</p><p>Für den Umbau zuständig sind <b>Marta Quandt</b> aus dem Bauamt "
        f"und <b>Jens Oberle</b> vom Ingenieurbüro Kranz.</p><p>{SECOND}</p>"
    )
    assert _extract(_headline_page(text)).authors == ()


@pytest.mark.parametrize(
    "box",
    [
        "<aside><h4>Über die Autorin</h4><p><b>Marta Quandt</b> ist Wirtschaftsredakteurin.</p>"
        "</aside>",
        "<div><p><strong>Die Autorin</strong></p><p>Marta Quandt lebt in Graz.</p></div>",
        "<section><h3>Zu den Autoren</h3><p><b>Marta Quandt</b>, Chefredakteurin<br><b>Jens "
        "Oberle</b>, Reporter</p></section>",
        # a note of two sentences, the second on the author by a pronoun
        "<div><p><b>Über die Autorin</b></p><p>Marta Quandt, 41, arbeitet als Reporterin in "
        "Bremen. Sie schreibt über Häfen und Werften.</p></div>",
        "<div><p><b>Zur Autorin</b></p><p>Marta Quandt ist Redakteurin. Sie lebt in Kiel.</p>"
        "</div>",
        # the label and the note in one paragraph
        "<p><strong>Über die Autorin:</strong> Marta Quandt ist Redakteurin in Graz.</p>",
        "<div class='autor'><p><b>Zur Autorin:</b> Marta Quandt lebt in Kiel.</p></div>",
    ],
)
def test_an_author_box_closing_the_text_leaves_it(box: str) -> None:
    result = _extract(_closed_by(box))
    assert result.authors[0] == "Marta Quandt"
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


_EN_TEXT = (
    "The town council voted on Thursday to rebuild the old swimming pool by the river, ending"
    " a dispute that had lasted for six years.",
    "Work is due to start in the spring and should take about two years, the council said in"
    " a statement after the vote.",
)


@pytest.mark.parametrize(
    "box",
    [
        "<div class='about-writer'><span>About the author</span><p><a href='/p/rc'>Ruth "
        "Calloway</a> is a reporter covering local government.</p></div>",
        "<div><p><strong>About the author</strong></p><p>Ruth Calloway writes about housing "
        "and planning. She lives in Bristol.</p></div>",
        "<div><h4>The author</h4><p>Ruth Calloway has covered the council since 2015.</p></div>",
    ],
)
def test_an_english_author_box_closing_the_text_leaves_it(box: str) -> None:
    html = (
        "<html lang='en'><body><h1>Old pool to be rebuilt</h1><article>"
        f"<p>{_EN_TEXT[0]}</p><p>{_EN_TEXT[1]}</p>{box}</article></body></html>"
    )
    result = _extract(html, url="https://www.rivertown-news.co.uk/a/1.html")
    assert result.authors == ("Ruth Calloway",)
    assert result.text.splitlines() == list(_EN_TEXT)


def test_a_label_over_a_note_going_on_about_someone_else_stays() -> None:
    # the second sentence is on another person: no note on the author alone
    note = "Marta Quandt ist Redakteurin. Ihr Kollege Jens Oberle hat die Fotos gemacht."
    result = _extract(_closed_by(f"<div><p><b>Die Autorin</b></p><p>{note}</p></div>"))
    assert note in result.text.splitlines()


def test_a_heading_like_an_author_box_label_over_text_stays() -> None:
    review = (
        "Die Autorin des Romans wuchs in einem Dorf an der Oste auf und schreibt seit zwanzig "
        "Jahren über das Leben auf dem Land."
    )
    result = _extract(
        _closed_by(f"<h3>Die Autorin</h3><p>{review}</p><p class='byline'>Von Jens Oberle</p>")
    )
    assert result.authors == ("Jens Oberle",)
    assert "Die Autorin" in result.text.splitlines()
    assert review in result.text


# --- a note on several authors, an author row with a portrait, a signature set apart ---------


@pytest.mark.parametrize(
    "box",
    [
        "<div class='about'><p><b>Die Autoren:</b></p><p>Marta Quandt ist Architektin in Graz. "
        "Jens Oberle lehrt Städtebau an der Universität Kassel.</p></div>",
        "<aside><h4>Zu den Autoren</h4><p>Marta Quandt, 41, lebt als Planerin in Linz. Jens "
        "Oberle arbeitet als Förster im Harz.</p></aside>",
    ],
)
def test_a_note_on_several_authors_under_a_label_names_each_and_leaves_the_text(
    box: str,
) -> None:
    result = _extract(_closed_by(box))
    assert result.authors == ("Marta Quandt", "Jens Oberle")
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


def test_a_note_under_an_author_label_names_no_subject_of_another_sentence() -> None:
    box = (
        "<aside><h4>Die Autorin</h4><p>Marta Quandt ist Architektin in Graz. Ihr Roman Stille "
        "Wasser ist im März erschienen.</p></aside>"
    )
    assert _extract(_closed_by(box)).authors == ("Marta Quandt",)


def test_sentences_opening_with_names_in_the_text_name_no_author_and_stay() -> None:
    sentences = (
        "Marta Quandt ist seit 2019 Schulleiterin. Jens Oberle lehrt dort Mathematik und Physik "
        "in den oberen Klassen."
    )
    result = _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{sentences}</p><p>{SECOND}</p>"))
    assert result.authors == ()
    assert sentences in result.text.splitlines()
    # closing the text, without an author label
    result = _extract(_closed_by(f"<p>{sentences}</p>"))
    assert result.authors == ()
    assert sentences in result.text.splitlines()


@pytest.mark.parametrize(
    "row",
    [
        "<div class='autor'><img src='/p/q.jpg' alt='Marta Quandt'> <b>Marta Quandt</b> "
        "<small>Lokalredaktion Graz</small> <span>3. März 2026, 08:15</span></div>",
        "<div class='byline-row'><a href='/p/q'><img src='/p/q.jpg' alt='Porträt'></a>"
        "<strong>Marta Quandt</strong><br><span>Ressort Wirtschaft</span></div>",
        # no class naming the row: the row by the headline
        "<div class='x7f2'><img src='/p/q.jpg' alt=''><strong>Marta Quandt</strong> "
        "<small>Redakteurin</small></div>",
    ],
)
def test_an_author_row_of_a_portrait_and_a_bold_name_names_the_author(row: str) -> None:
    _assert_names_marta_quandt(_headline_page(f"{row}<p>{PARAGRAPH}</p><p>{SECOND}</p>"))


def _assert_names_marta_quandt(page: str) -> None:
    result = _extract(page)
    assert result.authors == ("Marta Quandt",)
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "row",
    [
        # a quotation beside the person's picture
        "<div class='x7f2'><img src='/p/h.jpg' alt=''><b>Renate Hölzl</b> „Wir bauen jetzt“</div>",
        # a sentence on the person
        "<div class='x7f2'><img src='/p/h.jpg' alt=''><b>Renate Hölzl</b> eröffnet den Bau</div>",
        # a picture with its caption
        "<figure><img src='/p/h.jpg' alt='Renate Hölzl'><figcaption><b>Renate Hölzl</b> beim "
        "Spatenstich</figcaption></figure>",
    ],
)
def test_a_bold_name_beside_a_picture_in_a_quote_or_caption_names_no_author(row: str) -> None:
    assert _extract(_headline_page(f"{row}<p>{PARAGRAPH}</p><p>{SECOND}</p>")).authors == ()


@pytest.mark.parametrize(
    "signature",
    [
        "<p class='sig' style='text-align:right'>(mq) Marta Quandt</p>",
        "<div align='right'>Marta Quandt</div>",
        "<p style='font-size: 90%; text-align: end'>(mq)  Marta Quandt</p>",
    ],
)
def test_a_right_aligned_name_closing_the_text_names_the_author(signature: str) -> None:
    _assert_names_marta_quandt(_closed_by(f"{signature}<a class='komm'>Kommentare (2)</a>"))


@pytest.mark.parametrize(
    "closing",
    [
        # a sentence, right-aligned
        "<p style='text-align:right'>Marta Quandt dankt allen Helfern.</p>",
        # a place and a day
        "<p style='text-align:right'>Graz, im März 2026</p>",
        # text goes on after the line
        f"<p style='text-align:right'>(mq) Marta Quandt</p><p>{SECOND} Mehr dazu folgt.</p>",
        # a name left-aligned in the text's flow, maybe in bold
        "<p><b>Marta Quandt</b></p>",
    ],
)
def test_other_closing_lines_name_no_author(closing: str) -> None:
    assert _extract(_closed_by(closing)).authors == ()


@pytest.mark.parametrize(
    "signature",
    [
        "<p class='signature'>Marta Quandt, Pfarrerin</p>",
        "<p class='text-right'>Marta Quandt, Talheim</p>",
        "<p><em>Marta Quandt, Kirchenvorstand</em></p>",
    ],
)
def test_a_signature_with_the_office_before_a_box_names_the_author(signature: str) -> None:
    box = "<div class='box'><h3>Termine</h3><p>Das nächste Konzert ist am Sonntag.</p></div>"
    result = _extract(_closed_by(f"{signature}{box}"))
    assert result.authors == ("Marta Quandt",)
    assert "Marta Quandt" not in result.text


@pytest.mark.parametrize(
    "closing",
    [
        # a marked line that is a sentence after the comma
        "<p class='signature'>Marta Quandt, die neue Pfarrerin, dankt allen Helfern.</p>",
        # text goes on after the line
        f"<p class='signature'>Marta Quandt, Pfarrerin</p><p>{SECOND} Mehr dazu folgt.</p>",
    ],
)
def test_other_marked_closing_lines_name_no_author(closing: str) -> None:
    assert _extract(_closed_by(closing)).authors == ()


def test_a_closing_line_of_initials_in_brackets_and_a_name_is_a_signature() -> None:
    assert closing_signature([PARAGRAPH, SECOND, "(hk) Herta Kofler"]) == ("Herta Kofler", 1)
    assert closing_signature([PARAGRAPH, SECOND, "(hk)Jonas von Feld"]) == ("Jonas von Feld", 1)
    assert closing_signature([PARAGRAPH, SECOND, "(hk) Mehr dazu im Lokalteil"]) is None
    assert closing_signature([PARAGRAPH, "(hk) Herta Kofler"]) is None


def test_a_closing_name_beside_the_site_host_in_lower_case_is_a_signature() -> None:
    signed = [PARAGRAPH, SECOND, "Herta Kofler, salzburg.heimat-tv.at"]
    assert closing_signature(signed) == ("Herta Kofler", 1)
    assert closing_signature([PARAGRAPH, SECOND, "Herta Kofler, siehe heimat-tv.at"]) is None


@pytest.mark.parametrize(
    ("closing", "lines"),
    [
        ("– Eure Lena", 1),
        ("Liebe Grüße, euer Jonas", 1),
        ("Deine Lena Brandt", 1),
        ("— Jonas", 1),
        # someone else, or no sign-off
        ("Eure Freiwillige Feuerwehr", 0),
        ("– Eure Mara", 0),
        ("Lena", 0),
        ("Ihr Jonas hat im Rat dagegen gestimmt.", 0),
    ],
)
def test_a_known_writers_sign_off_after_the_text_goes(closing: str, lines: int) -> None:
    authors = ("Lena Brandt", "Jonas Okafor")
    assert sign_off([PARAGRAPH, SECOND, closing], authors) == lines
    assert sign_off([PARAGRAPH, closing], authors) == 0


def test_the_author_box_search_reads_a_box_text_only_under_a_label(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Reading every paragraph's container text makes the search quadratic on a long page.
    import pipelines.bylines as bylines

    calls: list[str] = []
    spaced_text = bylines._spaced_text

    def counted(element: lxml.html.HtmlElement) -> str:
        calls.append(element.tag)
        return spaced_text(element)

    monkeypatch.setattr(bylines, "_spaced_text", counted)
    paragraphs = "".join(f"<p><b>Punkt {n}</b> {PARAGRAPH}</p>" for n in range(200))
    html = f"<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>{paragraphs}</article>"
    labelled = (
        f"{html}<div><p><b>Über die Autorin</b></p><p><b>Mara Lindqvist</b> lebt in Kiel.</p></div>"
    )
    assert _extract(f"{html}</body></html>").authors == ()
    assert len(calls) < 10
    assert _extract(f"{labelled}</body></html>").authors == ("Mara Lindqvist",)


_VIDEO_PAGE = (
    "<html lang='de'><head><title>Freibad öffnet früher | Seetal TV</title>"
    "<meta property='og:type' content='video.other'></head><body><main class='video-page'>"
    "<h1>Freibad öffnet früher</h1>"
    "<p class='sendung'>Seetal aktuell vom 12.05.2026</p><div class='beschreibung'>"
    "<p>Das Freibad in Haldenau öffnet in diesem Jahr schon am ersten Mai.</p>"
    "<p>Der Förderverein hat die Becken in den Ferien selbst gereinigt und gestrichen.</p>"
    "<p>„Wir wollten nicht bis Juni warten“, sagt der Vorsitzende des Vereins.</p></div>"
    "{credits}</main></body></html>"
)


@pytest.mark.parametrize(
    ("credits", "author"),
    [
        (
            "<dl class='credits'><dt>Reporter</dt><dd>Ole Brandt</dd><dt>Kamera</dt>"
            "<dd>Tim Ewald</dd><dt>Schnitt</dt><dd>Ida Blum</dd></dl>",
            "Ole Brandt",
        ),
        # the crew's roles first, the writer's after them
        (
            "<dl class='mitwirkende'><dt>Kamera und Schnitt</dt><dd>Tim Ewald</dd>"
            "<dt>Beitrag</dt><dd>Ina Ruhl</dd><dt>Ton</dt><dd>Ida Blum</dd></dl>",
            "Ina Ruhl",
        ),
        # a box of "role: name" paragraphs, one each
        (
            "<div class='credits'><p>Reporter: Ole Brandt</p><p>Kamera: Tim Ewald</p>"
            "<p>Schnitt: Ida Blum</p></div>",
            "Ole Brandt",
        ),
        (
            "<div class='team'><p>Autorin: Ina Ruhl</p><p>Kamera und Schnitt: Tim Ewald</p>"
            "<p>Ton: Ida Blum</p></div>",
            "Ina Ruhl",
        ),
    ],
)
def test_a_credits_list_of_a_video_names_its_writer_and_leaves_the_text(
    credits: str, author: str
) -> None:
    article = _extract(
        _VIDEO_PAGE.format(credits=credits), url="https://www.seetal-tv.de/mediathek/freibad-12"
    )
    assert article.authors == (author,)
    assert article.text.splitlines() == [
        "Das Freibad in Haldenau öffnet in diesem Jahr schon am ersten Mai.",
        "Der Förderverein hat die Becken in den Ferien selbst gereinigt und gestrichen.",
        "„Wir wollten nicht bis Juni warten“, sagt der Vorsitzende des Vereins.",
    ]


def test_a_box_of_crew_credits_without_a_writer_names_no_author() -> None:
    credits = "<div><p>Kamera: Tim Ewald</p><p>Schnitt: Ida Blum</p><p>Ton: Ole Brandt</p></div>"
    article = _extract(
        _VIDEO_PAGE.format(credits=credits), url="https://www.seetal-tv.de/mediathek/freibad-12"
    )
    assert article.authors == ()
    assert "Kamera" not in article.text


@pytest.mark.parametrize(
    ("byline", "authors", "agencies"),
    [
        (
            "<p>Oliver Stemmler mit Material von Reuters<br>12.02.2025 - 09:14</p>",
            ("Oliver Stemmler",),
            ("Reuters",),
        ),
        (
            "<div>Lea Brandt, mit Material der dpa<br>3. März 2025, 18:02 Uhr</div>",
            ("Lea Brandt",),
            ("dpa",),
        ),
        (
            "<p><span>Jana Ott mit Material von AFP</span><br>Stand: 04.12.2026</p>",
            ("Jana Ott",),
            ("AFP",),
        ),
    ],
)
def test_a_byline_with_an_agency_share_over_its_date_names_both(
    byline: str, authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    result = _extract(_headline_page(f"{byline}<div><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"))
    assert (result.authors, result.agencies) == (authors, agencies)


def test_a_source_line_with_a_date_under_the_headline_names_its_agency_only() -> None:
    page = _headline_page(f"<p>Regionaljournal; sda<br>18.6.2025</p><div><p>{PARAGRAPH}</p></div>")
    assert (_extract(page).authors, _extract(page).agencies) == ((), ("Keystone-SDA",))


@pytest.mark.parametrize(
    ("account", "guest"),
    [
        (
            "<span class='byline'>von <span class='author vcard'><a href='/author/admin/'>admin"
            "</a></span></span>",
            "<p class='gastautor-hinweis'><em>Gastautor: Lene Vorholt-Brink</em></p>",
        ),
        (
            "<div class='author'>Redaktion</div>",
            "<p class='byline'>Von Lene Vorholt-Brink</p>",
        ),
        (
            "<span class='author'>webmaster</span>",
            "<div class='guest-author'>Gastautorin: Lene Vorholt-Brink</div>",
        ),
    ],
)
def test_a_labelled_byline_after_the_posting_accounts_names_the_author(
    account: str, guest: str
) -> None:
    html = _page("", f"<h1>Hallenbad wird saniert</h1><p>{account}</p>{guest}")
    assert _extract(html).authors == ("Lene Vorholt-Brink",)


def test_a_commenters_name_after_the_posting_account_names_no_author() -> None:
    html = _closed_by(
        "<p class='meta'><span class='byline'>von <span class='author'>admin</span></span></p>"
        "<ol class='comments'><li><div class='comment-author'><b class='fn'>Sabine Kern</b>"
        "</div><p>Schöner Bericht!</p></li></ol>"
    )
    assert _extract(html).authors == ()


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Bericht: Jürgen Kleinschmidt, Pressewart Handball", ("Jürgen Kleinschmidt",)),
        ("Text: Lene Vorholt, Jugendwartin", ("Lene Vorholt",)),
        ("Von Jan Ohm (Schriftführer)", ("Jan Ohm",)),
        # a surname ending like an office stays
        ("Bericht: Paul Edwart, Kassenwart", ("Paul Edwart",)),
        # an office of any compound, before the department or sport it serves
        ("Text: Mia Hallbach, Jugendleiterin Turnen", ("Mia Hallbach",)),
        ("Bericht: Otto Renz, Abteilungsvorsitzender Ski", ("Otto Renz",)),
        ("Text: Jan Ohm, Pressesprecher Volleyball", ("Jan Ohm",)),
        ("Von Ida Korn, Jugendbeauftragte Leichtathletik", ("Ida Korn",)),
        # real second names, surnames the office's head noun spells among them
        ("Text: Mia Hallbach, Jonas Leiter", ("Mia Hallbach", "Jonas Leiter")),
        ("Bericht: Otto Renz und Eva Sprecher", ("Otto Renz", "Eva Sprecher")),
        ("Text: Kalle Wimmer, Bernward Stolz", ("Kalle Wimmer", "Bernward Stolz")),
    ],
)
def test_a_clubs_officer_beside_the_name_is_no_author(line: str, authors: tuple[str, ...]) -> None:
    assert split_credits([line], frozenset())[0] == authors
    assert is_byline(line, authors)


@pytest.mark.parametrize(
    "footer",
    [
        "<footer>© Westfälischer Landfunk 2026 – Anstalt des öffentlichen Rechts</footer>",
        "<div id='footer'>Copyright 2026 Westfälischer Landfunk</div>",
    ],
)
def test_a_meta_author_printed_only_as_the_copyright_holder_gives_way_to_the_byline(
    footer: str,
) -> None:
    html = _page(
        "<meta name='author' content='Westfälischer Landfunk'>",
        f"<h1>Hallenbad wird saniert</h1><div class='byline'><p>Von Lene Vorholt, WLF</p></div>"
        f"{footer}",
    )
    assert _extract(html).authors == ("Lene Vorholt",)


def test_a_meta_author_printed_beside_the_copyright_too_stays() -> None:
    html = _page(
        "<meta name='author' content='Lene Vorholt'>",
        "<h1>Hallenbad wird saniert</h1><div class='byline'><p>Von Jan Ohm</p></div>"
        "<p class='note'>Lene Vorholt leitet den Lokalteil.</p><footer>© Lene Vorholt</footer>",
    )
    assert _extract(html).authors == ("Lene Vorholt",)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Gastbeitrag von Pfarrerin Lene Vorholt", ("Lene Vorholt",)),
        ("Gastkommentar von Bürgermeister Jan Ohm", ("Jan Ohm",)),
        ("Gastautorin: Ilka Strom", ("Ilka Strom",)),
        # academic titles before the name
        ("Autorin: Dr. med. vet. Ilka Strom", ("Ilka Strom",)),
        ("Von Dr. rer. nat. Jan Ohm", ("Jan Ohm",)),
        # a surname that is an office's word stays
        ("Von Anna Pfarrer", ("Anna Pfarrer",)),
        # titles, a profession's abbreviation and degrees beside several writers' names
        ("Prof. Dr.-Ing. Bernd Kolter, Sandra Weil M. Sc.", ("Bernd Kolter", "Sandra Weil")),
        ("Von Jan Ohm, LL.M., und Ida Korn, MBA", ("Jan Ohm", "Ida Korn")),
        ("Von RAin Ida Korn und StB Kai Lenz", ("Ida Korn", "Kai Lenz")),
        # an elected member's office, maybe before an academic title
        ("Von Kreisrätin Dr. Ida Korn und Stadtrat Kai Lenz", ("Ida Korn", "Kai Lenz")),
        ("Gemeinderätin Lene Vorholt, Landtagsabgeordneter Jan Ohm", ("Lene Vorholt", "Jan Ohm")),
        ("Ein Gastbeitrag von Ratsfrau Prof. Ilka Strom", ("Ilka Strom",)),
        # an office's word as a surname stays
        ("Von Jan Stadtrat", ("Jan Stadtrat",)),
    ],
)
def test_a_guest_byline_and_an_office_before_the_name(line: str, authors: tuple[str, ...]) -> None:
    assert split_credits([line], frozenset())[0] == authors
    assert is_byline(line, authors)


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        # an adviser's job after the name, with its field, is no second name
        ("Von Anna Berg, Fachberaterin Grünland", ("Anna Berg",)),
        ("Jan Ohm, Ernährungsberater, und Ida Korn", ("Jan Ohm", "Ida Korn")),
        ("Pflegeberaterin Ida Korn", ("Ida Korn",)),
        # a surname "Berater" stays
        ("Von Anna Berg und Jan Berater", ("Anna Berg", "Jan Berater")),
    ],
)
def test_an_advisers_job_beside_the_name_is_no_name(line: str, authors: tuple[str, ...]) -> None:
    assert split_credits([line], frozenset())[0] == authors


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        # each entry opens with the name in bold, then the job (whose "und" parts no names)
        (
            "<div class='gp-authors'><h3>Unsere Autoren</h3><div class='gp-authors__item'>"
            "<img src='a.jpg' alt=''><p><strong>Dipl.-Ing. agr. Wiebke Thorsen</strong>, "
            "Fachreferentin Grünland und Futterbau, Landwirtschaftskammer Nordheide<br>"
            "<a href='mailto:w@lwk.de'>w@lwk.de</a></p></div><div class='gp-authors__item'><p>"
            "<strong>Dr. Hauke Ellerbrock</strong>, Versuchsstation Hohenmoor</p></div></div>",
            ("Wiebke Thorsen", "Hauke Ellerbrock"),
        ),
        (
            "<ul class='autoren'><li class='autor'><b>Ida Korn</b> – Referat Obst und Gemüse, "
            "Landesanstalt Süd</li><li class='autor'><b>Jan Ohm</b> (Landesanstalt Süd)</li></ul>",
            ("Ida Korn", "Jan Ohm"),
        ),
        # entries with no bold name are read whole
        (
            "<div class='authors'><p class='author'>Ida Korn</p><p class='author'>Jan Ohm</p>"
            "</div>",
            ("Ida Korn", "Jan Ohm"),
        ),
    ],
)
def test_an_author_box_entry_opening_with_a_bold_name_names_that_person(
    box: str, authors: tuple[str, ...]
) -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{box}</article></body></html>"
    )
    assert _extract(html).authors == authors


@pytest.mark.parametrize(
    ("byline", "body"),
    [
        (
            "<p class='guest-line'>Gastbeitrag von Pfarrerin Lene Vorholt</p>",
            "<p class='guest-line-sub'>Kirchengemeinde St. Marien, Auheim</p>",
        ),
        (
            "<div class='autor'>Ein Gastbeitrag von Jan Ohm</div>",
            "<div class='autor-org'>Institut für Sportwissenschaft der Universität Lahnfeld</div>",
        ),
    ],
)
def test_the_body_a_bylined_writer_is_from_goes_with_the_byline(byline: str, body: str) -> None:
    result = _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{byline}{body}"))
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert len(result.authors) == 1


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ([("Von Lene Vorholt", Rule.BYLINE), ("Kirchengemeinde St. Marien, Auheim", None)], [1]),
        ([("Von Jan Ohm", Rule.BYLINE), ("Förderverein Stadtbad Auheim", None)], [1]),
        # the writer's job at the body before it
        (
            [
                ("Autorin: Dr. med. vet. Lene Vorholt", Rule.BYLINE),
                ("Fachtierärztin für Rinder, Tierarztpraxis am Kirchberg, Auheim", None),
            ],
            [1],
        ),
        ([("Von Jan Ohm", Rule.BYLINE), ("Fachanwalt für Baurecht, Kanzlei Ohm", None)], [1]),
        # no byline right over it
        ([("Kirchengemeinde St. Marien, Auheim", None), (PARAGRAPH, None)], []),
        ([("Von Jan Ohm", Rule.BYLINE), (PARAGRAPH, None), ("Förderverein Stadtbad", None)], []),
        # a sentence, or a place and no body, under the byline
        ([("Von Lene Vorholt", Rule.BYLINE), ("Gemeinde beschließt neuen Haushalt", None)], []),
        ([("Von Lene Vorholt", Rule.BYLINE), ("Auheim, Marktplatz", None)], []),
        # the writer's first name alone over the byline, after a dash or not
        (
            [(PARAGRAPH, None), ("- Lene", None), ("Lene Vorholt für den Vorstand", Rule.BYLINE)],
            [1],
        ),
        ([(PARAGRAPH, None), ("Lene", None), ("Lene Vorholt, Kassenwartin", Rule.BYLINE)], [1]),
        # another first name, a word that opens a sentence, no byline under it
        ([(PARAGRAPH, None), ("- Jonas", None), ("Lene Vorholt", Rule.BYLINE)], []),
        ([(PARAGRAPH, None), ("- Lene", None), ("Lene Vorholt sagt:", None)], []),
        ([("Von Jan Ohm", Rule.BYLINE), ("Praxis für alle, Kasse für wenige", None)], []),
    ],
)
def test_the_body_under_a_byline_and_the_first_name_over_it_are_the_writers_lines(
    lines: list[tuple[str, str | None]], found: list[int]
) -> None:
    assert byline_neighbours([*lines, (SECOND, None)]) == found


@pytest.mark.parametrize(
    "line",
    [
        "Text: Marta Quandel, Stabsstelle Kommunikation",
        "Von Marta Quandel, Stabsstelle Presse und Kommunikation",
        "Marta Quandel, Pressestelle",
        "Text: Marta Quandel, Hochschulkommunikation",
        "Marta Quandel, University Communications",
    ],
)
def test_a_press_office_beside_the_writers_name_makes_a_byline(line: str) -> None:
    assert is_byline(line, ("Marta Quandel",))
    lines = [PARAGRAPH, SECOND, line]
    kept, _dropped = clean_lines(
        lines, title=None, rules=CleaningRules(), language="de", authors=("Marta Quandel",)
    )
    assert kept == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "line",
    [
        # a sentence about the writer's office
        "Marta Quandel, Stabsstelle Kommunikation, hat die Stelle gewechselt.",
        "Marta Quandel übernimmt an dieser Stelle die Kommunikation",
        # another person's office
        "Text: Jan Ohm, Stabsstelle Kommunikation",
    ],
)
def test_a_line_on_a_press_office_that_is_no_byline_stays(line: str) -> None:
    assert not is_byline(line, ("Marta Quandel",))


@pytest.mark.parametrize(
    ("credit", "name"),
    [
        ("Dipl.-Ing. (FH) Kai Lenz, Planungsbüro Lenz, Ebersfeld", "Kai Lenz"),
        ("Prof. Dr.-Ing. Ina Sommer, Hochschule Talstadt", "Ina Sommer"),
        ("Dr.-Ing. habil. Ina Sommer", "Ina Sommer"),
        ("Von Dipl.-Kfm. (Univ.) Kai Lenz", "Kai Lenz"),
        # an office before the title
        ("Gastkommentar von Bürgermeister Dr. Jan Ohm", "Jan Ohm"),
        ("Von Oberbürgermeisterin Prof. Dr. Lea Sand", "Lea Sand"),
        ("Pfarrer Mag. Otto Lind", "Otto Lind"),
        # a name that merely begins like a title stays whole
        ("Von Bürgermeister Drago Lenz", "Drago Lenz"),
        # degrees after the name, with a comma or without
        ("Sandra Weil M. Sc.", "Sandra Weil"),
        ("Von Jan Ohm, LL.M.", "Jan Ohm"),
        ("Ida Korn MBA", "Ida Korn"),
        ("Autorin: Ida Korn, M.A.", "Ida Korn"),
        ("Kai Lenz, PhD, MBA", "Kai Lenz"),
        # a profession's abbreviation or word before the name, a title of more parts
        (
            "Ein Beitrag von RAin Sabine Lohmeyer, Rechtsberaterin im Mieterverein",
            "Sabine Lohmeyer",
        ),
        ("Von RA Dr. Jan Ohm", "Jan Ohm"),
        ("StB Dipl.-Kfm. Kai Lenz", "Kai Lenz"),
        ("Von Rechtsanwältin Ida Korn", "Ida Korn"),
        ("Dipl.-Wirt.-Ing. Kai Lenz", "Kai Lenz"),
        # names that merely begin or end like one stay whole
        ("Von Ma Jun", "Ma Jun"),
        ("Von Rabea Stbach", "Rabea Stbach"),
        ("Von Anna Notar", "Anna Notar"),
        ("Text: Lena Mba", "Lena Mba"),
        # the titles alone name nobody
        ("Autor: Dipl.-Ing. (FH)", None),
        ("Von Prof. Dr.-Ing.", None),
        ("M. Sc.", None),
        ("RAin", None),
    ],
)
def test_an_academic_title_with_its_school_or_field_is_no_part_of_the_name(
    credit: str, name: str | None
) -> None:
    assert split_credits([credit], frozenset())[0] == ((name,) if name else ())


@pytest.mark.parametrize(
    "line",
    [
        # a sentence about the writer, ending in a degree or not
        "Sandra Weil MA ist neu im Team.",
        "Das Studium schloss Sandra Weil als M. Sc.",
    ],
)
def test_a_sentence_with_a_writers_degree_is_no_byline(line: str) -> None:
    assert not is_byline(line, ("Sandra Weil",))


@pytest.mark.parametrize(
    ("facts", "authors"),
    [
        (
            "<dl class='autoren'><dt>Autoren:</dt><dd>Dipl.-Ing. (FH) Kai Lenz, Planungsbüro Lenz"
            "</dd><dd>Prof. Dr.-Ing. Ina Sommer, Hochschule Talstadt</dd></dl>",
            ("Kai Lenz", "Ina Sommer"),
        ),
        (
            "<dl><dt>Text</dt><dd>Kai Lenz</dd><dd>Ina Sommer</dd><dt>Erschienen</dt>"
            "<dd>03.12.2026</dd></dl>",
            ("Kai Lenz", "Ina Sommer"),
        ),
        # more values than a text's writers: a list of data
        (
            "<dl><dt>Text</dt><dd>Kai Lenz</dd><dd>Ina Sommer</dd><dd>Ole Brandt</dd>"
            "<dd>Ruth Ebert</dd><dd>Jan Ohm</dd></dl>",
            (),
        ),
        # one value of more words than a name takes
        (
            "<dl><dt>Autoren</dt><dd>Kai Lenz</dd><dd>Der Entwurf der Satzung liegt im Rathaus"
            " zur Einsicht aus</dd></dl>",
            (),
        ),
    ],
)
def test_a_list_label_over_several_values_names_each_writer(
    facts: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<div><h1>Hallenbad wird saniert</h1>{facts}</div>"))
    assert result.authors == authors


_CLUB_HOST = "https://svbw-talheim1921.de/a/"


@pytest.mark.parametrize(
    ("raw", "url", "cut"),
    [
        ("Kühe ziehen ins Tal – SV Blau-Weiß Talheim 1921 e.V.", _CLUB_HOST, True),
        ("Kühe ziehen ins Tal – SV Blau-Weiß Talheim 1921 e.V.", "https://svbw-talheim.de/a", True),
        (
            "Kühe ziehen ins Tal | Freiwillige Feuerwehr Oberwalden",
            "https://ff-oberwalden.de",
            True,
        ),
        ("Kühe ziehen ins Tal - SC Rot-Weiß Müllheim", "https://www.scrw-muellheim.de/a/1", True),
        # words the host's label does not spell, or spells in part only
        ("Kühe ziehen ins Tal – Sieg vor Talheim", _CLUB_HOST, False),
        ("Kühe ziehen ins Tal – SV Blau-Weiß Oberwalden", _CLUB_HOST, False),
        ("Kühe ziehen ins Tal – SV Blau-Weiß Talheim siegt", _CLUB_HOST, False),
    ],
)
def test_a_clubs_name_the_host_cuts_to_initials_in_part_is_an_affix(
    raw: str, url: str, cut: bool
) -> None:
    title = clean_title(raw, site_name_keys(None, url), html_title=True)
    assert title == ("Kühe ziehen ins Tal" if cut else raw)


@pytest.mark.parametrize(
    ("note", "authors"),
    [
        (
            "<div class='gast'><em>Lene Vorholt ist Ortsvorsteherin von Talheim.</em> Gastbeiträge"
            " geben nicht die Meinung der Redaktion wieder.</div>",
            ("Lene Vorholt",),
        ),
        ("<p><i>Jan Ohm lebt als freier Publizist in Kassel.</i></p>", ("Jan Ohm",)),
        ("<p><em>Ilka Strom, 54, arbeitet als Hebamme in Lindau.</em></p>", ("Ilka Strom",)),
        # a footnote's asterisk and an academic title before the name, in a box of its own
        (
            "<div class='author-note'><p><em>* Dr. Jan Ohm ist Kulturwissenschaftler in Kassel "
            "und schreibt regelmäßig für uns.</em></p></div>",
            ("Jan Ohm",),
        ),
        ("<p><i>*Prof. Ilka Strom lehrt Ethnologie in Lindau.</i></p>", ("Ilka Strom",)),
        # a box of its own with more text after it
        (
            "<div class='n'><p><em>* Dr. Jan Ohm ist Kulturwissenschaftler in Kassel.</em></p>"
            f"</div><p>{PARAGRAPH}</p>",
            (),
        ),
        ("<p><em>* Dr. Jan Ohm lebt in Kassel. Er schreibt über Schulen.</em></p>", ()),
        # no name as the subject, or more than one sentence
        ("<p><em>Die Autorin ist Ortsvorsteherin von Talheim.</em></p>", ()),
        ("<p><em>Jan Ohm lebt in Kassel. Er schreibt über Schulen.</em></p>", ()),
        # a note that does not open its element
        ("<p>Zur Person: <em>Jan Ohm lebt als freier Publizist in Kassel.</em></p>", ()),
        # more text after the note: a paragraph of the text
        (f"<p><em>Jan Ohm lebt als freier Publizist in Kassel.</em></p><p>{PARAGRAPH}</p>", ()),
    ],
)
def test_an_italic_note_after_the_text_names_its_writer(
    note: str, authors: tuple[str, ...]
) -> None:
    assert _extract(_closed_by(note)).authors == authors


def test_an_italic_note_on_a_person_the_text_names_names_no_writer() -> None:
    html = (
        "<html lang='de'><body><h1>Hallenbad wird saniert</h1><article>"
        f"<p>{PARAGRAPH}</p><p>Ortsvorsteherin Lene Vorholt freut sich über den Beschluss und"
        " lädt alle Vereine zu einem Treffen im Bürgerhaus ein.</p>"
        "<p><em>Lene Vorholt ist Ortsvorsteherin von Talheim.</em></p></article></body></html>"
    )
    assert _extract(html).authors == ()


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # the kind of writing without an article, and a reporter's label
        ("<p>Kommentar von Lene Vorholt</p>", ("Lene Vorholt",)),
        ("<div>Analyse von Jan Ohm, Brüssel</div>", ("Jan Ohm",)),
        ("<span>Kolumne von Ilka Strom und Jan Ohm</span>", ("Ilka Strom", "Jan Ohm")),
        ("<p>Reporterin: Ilka Strom</p>", ("Ilka Strom",)),
        ("<p>Reporter: Jan Ohm · Kamera: Ilka Strom</p>", ("Jan Ohm",)),
        # a sentence opening with such a word names nobody
        ("<p>Kritik von Anwohnern gab es reichlich, doch der Rat blieb dabei.</p>", ()),
        ("<p>Analyse von Wasserproben: keine Keime</p>", ()),
    ],
)
def test_a_byline_naming_the_kind_of_writing_without_an_article_credits_its_writers(
    byline: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{byline}"))
    assert result.authors == authors
    assert not authors or authors[0] not in result.text  # the byline left the text


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # a job title compounded with the site's name of two parts, and the Swiss form
        ("<p>Von Alpenland-online-Redakteurin Ilka Strom</p>", ("Ilka Strom",)),
        ("<div class='author'>Jan Ohm<br>Redaktor Politik</div>", ("Jan Ohm",)),
        ("<div class='author'>Ilka Strom, Redaktorin Wirtschaft</div>", ("Ilka Strom",)),
        # "Von:" with a colon, the name in capitals
        ("<p>Von: JAN OHM</p>", ("Jan Ohm",)),
        ("<p>Von: Ilka Strom und Jan Ohm</p>", ("Ilka Strom", "Jan Ohm")),
        # a route is no byline
        ("<p>Von: Hamburg nach Kiel</p>", ()),
    ],
)
def test_bylines_of_job_compounds_and_a_colon_after_von(
    byline: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{byline}"))
    assert result.authors == authors
    assert not authors or authors[0].upper() not in result.text.upper()  # the byline left


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        # a date and a byline parted by a spaced dash, either way round
        ("<p>Aktualisiert am 24.07.2026 – Von Jan Ohm</p>", ("Jan Ohm",)),
        ("<p>Von Ilka Strom — 24.07.2026, 10:15 Uhr</p>", ("Ilka Strom",)),
        # a dateline opening a sentence stays text
        ("<p>Lindau – Die Stadt hat am Mittwoch neue Regeln für das Ufer beschlossen.</p>", ()),
    ],
)
def test_a_byline_and_a_date_parted_by_a_dash_give_the_author(
    line: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_page("", f"<h1>Hallenbad wird saniert</h1>{line}"))
    assert result.authors == authors
    assert (result.published_at is not None) == bool(authors)


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        # the writer's role after a spaced dash, as after a comma
        (
            "Autor: Dr. Kaveh Nouri – Politikwissenschaftler und Europa-Korrespondent",
            ("Kaveh Nouri",),
        ),
        ("Von Ida Korn — freie Journalistin", ("Ida Korn",)),
        ("Jan Ohm – Leiter Lokales", ("Jan Ohm",)),
        # an agency before the dash, the writer after it
        ("dpa – Anna Brandt", ("Anna Brandt",)),
        # a hyphen inside a name, and one between words, part nothing
        ("Von Ida Korn-Lenz", ("Ida Korn-Lenz",)),
        ("Von Ida Korn - Lenz", ()),
    ],
)
def test_a_role_after_a_dash_is_no_part_of_the_name(credit: str, authors: tuple[str, ...]) -> None:
    assert split_credits([credit], frozenset())[0] == authors


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        # a degree's field after the title, a farmers' advisory ring after the names
        (
            "Dr. Heike Brandner und Dipl.-Ing. agr. Martin Vosskuhl, Versuchsring Spargel "
            "Nordheide",
            ("Heike Brandner", "Martin Vosskuhl"),
        ),
        ("Dr. oec. troph. Ida Korn", ("Ida Korn",)),
        ("Dipl.-Ing. hort. Kai Lenz, Beratungsring Obstbau", ("Kai Lenz",)),
        ("Ina Sommer, Maschinenring Talheim", ("Ina Sommer",)),
        # surnames ending like a ring, a first name beginning like a field
        ("Von Ida Döring und Jan Hering", ("Ida Döring", "Jan Hering")),
        ("Kai Mehring, Lea Behring", ("Kai Mehring", "Lea Behring")),
        ("Dipl.-Ing. Agnes Lenz", ("Agnes Lenz",)),
    ],
)
def test_a_degrees_field_and_an_advisory_ring_are_no_names(
    credit: str, authors: tuple[str, ...]
) -> None:
    assert split_credits([credit], frozenset())[0] == authors


@pytest.mark.parametrize(
    ("line", "authors", "byline"),
    [
        # a chain of newsrooms after the names
        (
            "Tobias Reinhold und Carla Benning, Funkhaus Mittelland, Studio Bergheide",
            ("Tobias Reinhold", "Carla Benning"),
            True,
        ),
        ("Merle Hansen, Lokalredaktion Kirchdorf, Studio Wiesum", ("Merle Hansen",), True),
        ("Jan Ott, ARD-Hauptstadtstudio, Redaktion Politik", ("Jan Ott",), True),
        # a sentence after them, or another person named
        (
            "Tobias Reinhold, Studio Bergheide, sagte, die Wahl sei offen.",
            ("Tobias Reinhold",),
            False,
        ),
        (
            "Tobias Reinhold, Funkhaus Mittelland, Studio Bergheide und Anna Lenz laden ein",
            ("Tobias Reinhold",),
            False,
        ),
    ],
)
def test_bylines_with_a_chain_of_newsrooms(
    line: str, authors: tuple[str, ...], byline: bool
) -> None:
    assert is_byline(line, authors) == byline


_PARTNER_BODY = (
    "<div class='source'><img src='/logo/mainufer-post.png' alt='Mainufer Post'>"
    "<span>Mainufer Post</span> <button>Folgen</button></div>"
    "<h1>Hallenbad wird saniert</h1>"
)


@pytest.mark.parametrize(
    ("head", "byline", "authors"),
    [
        # the partner paper as the author meta tag, the writers in the byline
        (
            "<meta name='author' content='Mainufer Post'>",
            "<div class='byline'>Von Tobias Renner &amp; Nele Vogt</div>",
            ("Tobias Renner", "Nele Vogt"),
        ),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": '
            '"Person", "name": "Mainufer Post"}}</script>',
            "<div class='byline'>Von Tobias Renner und Nele Vogt</div>",
            ("Tobias Renner", "Nele Vogt"),
        ),
        # a person as the author meta tag stays
        (
            "<meta name='author' content='Ida Korn'>",
            "<div class='byline'>Von Ida Korn</div>",
            ("Ida Korn",),
        ),
    ],
)
def test_a_partner_paper_named_by_the_canonical_host_is_no_author(
    head: str, byline: str, authors: tuple[str, ...]
) -> None:
    canonical = "<link rel='canonical' href='https://www.mainufer-post.de/lokales/bad-1.html'>"
    html = _page(head + canonical, _PARTNER_BODY + byline)
    assert _extract(html, url="https://www.nachrichtenstrom.de/a/1").authors == authors


def test_a_paper_named_as_author_on_its_own_site_stays_without_a_canonical_elsewhere() -> None:
    # no canonical: the host of another site spells nothing of the page's
    html = _page("<meta name='author' content='Mainufer Post'>", "<h1>Hallenbad wird saniert</h1>")
    assert _extract(html, url="https://www.nachrichtenstrom.de/a/1").authors == ("Mainufer Post",)


@pytest.mark.parametrize(
    ("head", "closing", "authors"),
    [
        # the author meta tag names the first writer of the bracketed signature
        (
            "<meta name='author' content='Theresa Gruber'>",
            "<p>(Theresa Gruber, Stefan Moser, 23.3.2025)</p>",
            ("Theresa Gruber", "Stefan Moser"),
        ),
        (
            "<meta name='author' content='Anna Gruber'>",
            "<p>(Markus Leitl, Anna Gruber/APA, 3.7.26)</p>",
            ("Markus Leitl", "Anna Gruber"),
        ),
        (
            "<meta name='author' content='Anna Gruber'>",
            "<p>(Anna Gruber, 3.7.2026)</p>",
            ("Anna Gruber",),
        ),
    ],
)
def test_a_bracketed_signature_naming_the_author_and_others_credits_them_all(
    head: str, closing: str, authors: tuple[str, ...]
) -> None:
    html = (
        f"<html lang='de'><head>{head}</head><body><h1>Hallenbad wird saniert</h1>"
        f"<article><p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}</article></body></html>"
    )
    result = _extract(html)
    assert result.authors == authors
    assert result.text.splitlines() == [PARAGRAPH, SECOND]


@pytest.mark.parametrize(
    "closing",
    [
        # other writers only
        "<p>(Jan Ohm, Ida Korn, 3.7.2026)</p>",
        # no day: no signature
        "<p>(Anna Gruber, Markus Leitl)</p>",
    ],
)
def test_a_bracketed_line_not_signing_for_the_author_stays(closing: str) -> None:
    html = (
        "<html lang='de'><head><meta name='author' content='Anna Gruber'></head><body>"
        f"<h1>Hallenbad wird saniert</h1><article><p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}"
        "</article></body></html>"
    )
    result = _extract(html)
    assert result.authors == ("Anna Gruber",)
    assert len(result.text.splitlines()) == 3


@pytest.mark.parametrize(
    "closing",
    [
        # no group of people signed for
        "<p>Für die Fotos<br>Ilse Marbach</p>",
        "<p>Für den Inhalt verantwortlich<br>Ilse Marbach</p>",
        # no name under it
        "<p>Für den Vorstand<br>Bitte melden Sie sich bis Freitag</p>",
        # text after the signature
        "<p>Für den Wahlausschuss<br>Pfarrerin Dorothee Sander</p>"
        "<p>Die Einspruchsfrist endet am 30. März, danach wird das Ergebnis amtlich.</p>",
    ],
)
def test_other_lines_over_a_name_name_no_author(closing: str) -> None:
    assert _extract(_headline_page(f"<p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}")).authors == ()


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "<p class='sm-author'><em>Ein Standpunkt von Tobias Reindl MdL, Sprecher für "
            "Wohnungs- und Baupolitik der Landtagsfraktion</em></p>",
            "Tobias Reindl",
        ),
        ("<div class='autor'>Zwischenruf von Ida Korn MdB</div>", "Ida Korn"),
        ("<p><strong>Ein Debattenbeitrag von Jan Ohm</strong></p>", "Jan Ohm"),
    ],
)
def test_an_opinion_pieces_byline_over_the_text_names_its_writer(line: str, author: str) -> None:
    html = _page(
        "<meta name='author' content='Fraktion'>",
        f"<h1>Wer bauen will, braucht Grundstücke</h1>{line}",
    )
    result = _extract(html)
    assert result.authors == (author,)
    assert author not in result.text


def test_a_standpoint_in_a_sentence_names_no_writer() -> None:
    html = _page("", "<h1>Wer bauen will</h1><p>Ein Standpunkt von gestern ist heute überholt.</p>")
    assert _extract(html).authors == ()


@pytest.mark.parametrize(
    "line",
    [
        "<p class='uebernahme'><em>Von Kirill Sorokin. Zuerst erschienen bei „Newski Kurier“."
        "</em></p>",
        "<div class='intro'>Von Kirill Sorokin. Ursprünglich veröffentlicht im Talheimer Boten."
        "</div>",
    ],
)
def test_a_byline_glued_to_where_the_text_appeared_first_names_the_writer(line: str) -> None:
    result = _extract(_page("", f"<h1>Eisbrecher bricht auf</h1>{line}"))
    assert result.authors == ("Kirill Sorokin",)
    assert "Sorokin" not in result.text


def test_a_sentence_on_a_book_and_where_it_appeared_names_no_writer() -> None:
    line = "<p>Das Buch von Kirill Sorokin ist neu. Zuerst erschienen bei „Newski Kurier“.</p>"
    result = _extract(_page("", f"<h1>Eisbrecher bricht auf</h1>{line}"))
    assert result.authors == ()


def _opened_by(line: str, meta_author: str = "Redaktion") -> str:
    return (
        f"<html lang='de'><head><meta name='author' content='{meta_author}'></head><body>"
        f"<h1>Neuer Pilgerweg eröffnet</h1><div class='body'>{line}<p>{PARAGRAPH}</p>"
        f"<p>{SECOND}</p></div></body></html>"
    )


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("<p><em>Sr. Benedikta Hallmann OSF</em></p>", "Benedikta Hallmann"),
        ("<p><i>Jonas Pichler</i></p>", "Jonas Pichler"),
        ("<p class='autor'><em>Dr. Ida Korn MdL</em></p>", "Ida Korn"),
        # the writer's place after the name, a picture before the text
        ("<p><em>Oksana Melnik, Lwiw</em></p><p><img src='/b.jpg' alt=''></p>", "Oksana Melnik"),
    ],
)
def test_a_name_in_italics_opening_the_text_is_the_writer(line: str, author: str) -> None:
    result = _extract(_opened_by(line))
    assert result.authors == (author,)
    assert author not in result.text


@pytest.mark.parametrize(
    "line",
    [
        "<p><em>Ein Bericht aus dem Bistum</em></p>",  # no name
        "<p><em>Lindenau, Hohenzell</em></p>",  # places
        "<p><em>Lindenau, Kreis Hohenzell</em></p>",
        "<p><em>Vorschau, Termine</em></p><p><img src='/b.jpg' alt=''></p>",
        # an italic name with text before it, and one before a single paragraph
        f"<p>{SECOND.replace('Kosten', 'Ausgaben')}</p><p><em>Jonas Pichler</em></p>",
    ],
)
def test_other_italic_lines_opening_the_text_name_no_writer(line: str) -> None:
    assert _extract(_opened_by(line)).authors == ()


def test_an_italic_name_before_a_single_paragraph_names_no_writer() -> None:
    html = (
        "<html lang='de'><body><h1>Neuer Pilgerweg eröffnet</h1><div class='body'>"
        f"<p><em>Jonas Pichler</em></p><p>{PARAGRAPH}</p><div>{SECOND}</div></div></body></html>"
    )
    assert _extract(html).authors == ()


def _posted_by_owner(byline: str) -> str:
    """A newsletter post whose metadata and meta row name the owner, with `byline` opening
    the text."""
    return _page(
        "<meta name='author' content='Konrad Pieper'>",
        "<h1>Wo die Hebammen fehlen</h1><div class='meta'>Konrad Pieper · 3. Sept. 2025</div>"
        f"<div class='body'>{byline}</div>",
    )


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("<p><em>Ein Gastbeitrag von Hannah Lüdecke</em></p>", ("Hannah Lüdecke",)),
        ("<div class='guest'>Gastautorin: Hannah Lüdecke</div>", ("Hannah Lüdecke",)),
        ("<p><strong>Gastkommentar von Jan Ohm und Ida Korn</strong></p>", ("Jan Ohm", "Ida Korn")),
        # the owner's own guest label, and a plain byline: the metadata's author stays
        ("<p><em>Ein Gastbeitrag von Konrad Pieper</em></p>", ("Konrad Pieper",)),
        ("<p><em>Gastbeiträge geben nicht die Meinung der Redaktion wieder.</em></p>", None),
    ],
)
def test_a_guest_pieces_byline_names_its_writer_over_the_posting_owner(
    byline: str, authors: tuple[str, ...] | None
) -> None:
    assert _extract(_posted_by_owner(byline)).authors == (authors or ("Konrad Pieper",))


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        (
            "<div class='Meta_row__x1'><span class='Meta_credit__4s'>Interview: Lorenz Abendroth"
            "</span><span>Aus der Ausgabe Nr. 14/2025</span></div>",
            ("Lorenz Abendroth",),
        ),
        ("<p class='credit'>Interview: Ida Korn und Jan Ohm</p>", ("Ida Korn", "Jan Ohm")),
        # a kicker naming the kind of piece and its subject names nobody
        ("<p class='kicker'>Interview: Die Ministerin über Schulen</p>", ()),
    ],
)
def test_an_interview_credit_by_the_headline_names_the_interviewer(
    credit: str, authors: tuple[str, ...]
) -> None:
    html = _headline_page(f"{credit}<div class='txt'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>")
    assert _extract(html).authors == authors


_EPISODE_CREDITS = (
    "<dt>Moderation</dt><dd>Felix Dorn</dd><dt>Gast</dt><dd>Dr. Ilse Warnke, Weingut "
    "Rosentaler Hang</dd><dt>Redaktion</dt><dd>Paul Sander</dd>"
)


@pytest.mark.parametrize(
    ("credits", "authors"),
    [
        (
            f"<dl class='ew-credits'>{_EPISODE_CREDITS}<dt>Autorin des Textes</dt>"
            "<dd>Hanna Wiegand</dd></dl>",
            ("Hanna Wiegand",),
        ),
        (
            "<dl class='credits'><dt>Gäste</dt><dd>Ida Korn und Jan Ohm</dd><dt>Autor des "
            "Textes</dt><dd>Paul Renner</dd><dt>Musik</dt><dd>Lena Graf</dd></dl>",
            ("Paul Renner",),
        ),
        # host, guest and editor: no writer of the text
        (f"<dl class='ew-credits'>{_EPISODE_CREDITS}</dl>", ()),
        # the roles over the names in paragraphs of their own
        (
            "<p>Moderation</p><p>Felix Dorn</p><p>Redaktion</p><p>Paul Sander</p>"
            "<p>Autorin des Textes</p><p>Hanna Wiegand</p>",
            ("Hanna Wiegand",),
        ),
        ("<p>Moderation</p><p>Felix Dorn</p><p>Redaktion</p><p>Paul Sander</p>", ()),
    ],
)
def test_a_podcasts_credits_list_names_only_the_writer_of_the_text(
    credits: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_closed_by(credits))
    assert result.authors == authors
    assert "Paul Sander" not in result.text
    assert "Moderation" not in result.text


def test_a_guest_heading_over_a_sentence_stays() -> None:
    result = _extract(_closed_by("<h3>Gast</h3><p>Ida Korn kommt am Freitag ins Studio.</p>"))
    assert "Ida Korn kommt am Freitag ins Studio." in result.text


def _two_authors_closed_by(block: str) -> str:
    authors = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "author": [
                {"@type": "Person", "name": "Kerstin Fahlbusch"},
                {"@type": "Person", "name": "Mirko Sell"},
            ],
        }
    )
    return _closed_by(block).replace(
        "<body>", f"<head><script type='application/ld+json'>{authors}</script></head><body>"
    )


@pytest.mark.parametrize(
    ("block", "authors"),
    [
        ("<p class='rn-editor'>Redaktionelle Bearbeitung: Mirko Sell</p>", ("Kerstin Fahlbusch",)),
        ("<div class='edit'><p>Bearbeitet von Mirko Sell.</p></div>", ("Kerstin Fahlbusch",)),
        ("<p><i>Redaktionelle Betreuung: Mirko Sell</i></p>", ("Kerstin Fahlbusch",)),
        # a sentence on an editing names its speaker, who stays an author
        (
            "<p>Die Bearbeitung der Anträge dauerte drei Wochen, sagte Mirko Sell am Ende.</p>",
            ("Kerstin Fahlbusch", "Mirko Sell"),
        ),
    ],
)
def test_an_editor_credited_after_the_text_is_no_author_the_metadata_lists(
    block: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_two_authors_closed_by(block))
    assert result.authors == authors
    assert ("Bearbeitung:" in result.text) is False


def test_the_only_author_the_page_credits_as_editor_is_no_author() -> None:
    # The account that filled the author meta is the editor the page names; no writer is named.
    html = _closed_by("<p>Redaktionelle Bearbeitung: Mirko Sell</p>").replace(
        "<body>", "<head><meta name='author' content='Mirko Sell'></head><body>"
    )
    assert _extract(html).authors == ()


@pytest.mark.parametrize(
    ("credit", "authors", "agencies"),
    [
        (
            "<p class='credits'>Interview: Tobias Renner und Sophie Lindqvist<br><time>11. "
            "Oktober 2025</time> · Aus Heft 42/2025</p>",
            ("Tobias Renner", "Sophie Lindqvist"),
            (),
        ),
        ("<div class='x'>Von Anna Berg und Jan Ohm<br>12.03.2025, 14:10 Uhr</div>", None, ()),
        # the label alone on the first line
        ("<p>Von<br>Anna Berg</p>", ("Anna Berg",), ()),
    ],
)
def test_a_byline_over_a_line_break_is_read_from_its_first_line(
    credit: str, authors: tuple[str, ...] | None, agencies: tuple[str, ...]
) -> None:
    html = _headline_page(f"{credit}<div class='txt'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>")
    result = _extract(html)
    assert result.authors == (authors or ("Anna Berg", "Jan Ohm"))
    assert result.agencies == agencies


@pytest.mark.parametrize(
    "head",
    [
        "",
        "<meta name='dcterms.creator' content='Paula Gruber'>",
        # an office as creator names nobody; the printed credit does
        "<meta name='dcterms.creator' content='Stadtverwaltung Talbach'>",
    ],
)
@pytest.mark.parametrize(
    "credit",
    [
        "Bericht: Paula Gruber, Fotos: privat<br>Dienstag, 3. März 2026",
        "Bericht: Paula Gruber",
        "Text: Paula Gruber, Fotos: Verein",
    ],
)
def test_a_credit_line_after_the_lead_names_the_author(head: str, credit: str) -> None:
    body = (
        "<h1>Hallenbad wird saniert</h1><div class='teaser'>Weniger Wartezeit, mehr Bahnen: "
        f"Der Stadtrat hat die Pläne vorgestellt.</div><div class='angaben'>{credit}</div>"
    )
    assert _extract(_page(head, body)).authors == ("Paula Gruber",)


def test_a_dublin_core_creator_names_the_author() -> None:
    head = "<meta name='dcterms.creator' content='Paula Gruber'>"
    assert _extract(_page(head, "<h1>Hallenbad wird saniert</h1>")).authors == ("Paula Gruber",)


def test_a_report_heading_is_no_byline() -> None:
    body = "<h1>Hallenbad wird saniert</h1><p>Bericht: Die Sanierung des Bades wird teurer.</p>"
    assert _extract(_page("", body)).authors == ()
