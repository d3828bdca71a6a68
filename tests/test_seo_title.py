"""The seo_title's affixes: pipelines.seo_title (topics before the headline) and the site and
page-type parts of a <title>."""

from __future__ import annotations

import pytest

from crawler.model.types import CleaningRules, ExtractInput
from pipelines.extract import extract_article
from pipelines.names import clean_title, site_name_keys
from pipelines.seo_title import seo_title_of

HEADLINE = "Hallenbad wird im Herbst saniert"
TEXT = (
    "<p>Der Gemeinderat hat am Dienstag mit großer Mehrheit beschlossen, das alte Hallenbad bis "
    "zum Herbst zu sanieren und danach wieder für Schulen und Vereine zu öffnen.</p>"
    "<p>Die Kosten von rund vier Millionen Euro tragen Stadt und Land je zur Hälfte, die "
    "Arbeiten beginnen nach den Sommerferien und dauern voraussichtlich bis zum Frühjahr.</p>"
)


def _seo_title(title: str, body: str, url: str = "https://www.talbote.de/a/1.html") -> str | None:
    html = (
        f"<html lang='de'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body>{body}</body></html>"
    )
    rules = CleaningRules()
    return extract_article(
        ExtractInput(url=url, body=html.encode(), headers={}, rules=rules)
    ).seo_title


_ARTICLE = f"<article><h1>{HEADLINE}</h1>{TEXT}</article>"


@pytest.mark.parametrize(
    "menu",
    [
        "<nav><a href='/region/'>Region</a> <a href='/ticker/'>Newsticker</a></nav>",
        "<header><nav class='menu'><ul><li><a href='/'>Start</a></li>"
        "<li><a href='/ticker/'>Newsticker</a></li></ul></nav></header>",
    ],
)
def test_a_section_of_the_main_menu_before_the_headline_is_an_affix(menu: str) -> None:
    assert _seo_title(f"Newsticker: {HEADLINE} - Talbote", f"{menu}<main>{_ARTICLE}</main>") is None


@pytest.mark.parametrize(
    "menu",
    [
        # a place in a regional menu after the main one
        "<nav><a href='/region/'>Region</a></nav><nav><a href='/r/au/'>Auheim</a></nav>",
        # a place in the footer's site map
        "<footer><nav><a href='/r/au/'>Auheim</a></nav></footer>",
        # a main menu that does not name it
        "<nav><a href='/region/'>Region</a> <a href='/sport/'>Sport</a></nav>",
    ],
)
def test_a_topic_no_main_menu_link_names_stays_in_the_seo_title(menu: str) -> None:
    article = f"<main>{_ARTICLE}</main>"
    body = f"{article}{menu}" if menu.startswith("<footer") else f"{menu}{article}"
    assert _seo_title(f"Auheim: {HEADLINE} - Talbote", body) == f"Auheim: {HEADLINE}"


@pytest.mark.parametrize(
    ("title", "url"),
    [
        # the kind of body and the host's word
        (f"Universität Lahnfeld: {HEADLINE}", "https://www.uni-lahnfeld.de/news/1"),
        # umlauts the host spells out
        (f"Südtaler Bote: {HEADLINE}", "https://www.suedtaler-bote.de/lokales/1"),
        # after a section cut as an affix
        (f"Nachrichten - Hochschule Lahnfeld: {HEADLINE}", "https://www.hs-lahnfeld.de/news/1"),
    ],
)
def test_the_sites_name_before_the_headline_is_an_affix(title: str, url: str) -> None:
    assert _seo_title(title, _ARTICLE, url) is None


def test_another_bodys_name_before_the_headline_stays() -> None:
    title = f"Universität Bergheim: {HEADLINE}"
    assert _seo_title(title, _ARTICLE, "https://www.uni-lahnfeld.de/news/1") == title


@pytest.mark.parametrize(
    "kicker",
    [
        "Schwimmmeisterin Anna Berg im Gespräch",
        "Ein Jahr nach dem Hochwasser in der Altstadt",
        # a score's or a time's colon inside the kicker (page 846)
        "Altenbrück – Eichenried 2:1",
        "Anpfiff um 18:30 im Talstadion",
    ],
)
def test_a_long_kicker_before_a_colon_makes_another_headline(kicker: str) -> None:
    assert _seo_title(f"{kicker}: {HEADLINE} - Talbote", _ARTICLE) == f"{kicker}: {HEADLINE}"
    assert seo_title_of(HEADLINE, f"{kicker}: {HEADLINE}") == f"{kicker}: {HEADLINE}"


@pytest.mark.parametrize("kicker", ["HOCHWASSER IN DER ALTSTADT!", "Endlich!", "Wer zahlt?"])
def test_a_kicker_closing_with_an_exclamation_or_question_mark_makes_another_headline(
    kicker: str,
) -> None:
    # the <h1> prints the kicker, the <title> leaves it out
    body = f"<article><h1>{kicker} {HEADLINE}</h1>{TEXT}</article>"
    assert _seo_title(f"{HEADLINE} | Talbote", body) == HEADLINE
    # the other way round, a kicker of three words or more: a word or two is a label
    other = seo_title_of(HEADLINE, f"{kicker} {HEADLINE}")
    assert other == (f"{kicker} {HEADLINE}" if len(kicker.split()) >= 3 else None)


def test_a_kicker_of_three_words_closing_with_an_exclamation_mark_before_the_headline() -> None:
    title = f"Wasser im Keller! {HEADLINE}"
    body = f"<article><p class='kicker'>Wasser im Keller</p><h1>{HEADLINE}</h1>{TEXT}</article>"
    assert _seo_title(f"{title} | Talbote", body) == title
    body = f"<article><h2><span class='kicker'>Endlich!</span> {HEADLINE}</h2>{TEXT}</article>"
    assert _seo_title(f"Endlich! {HEADLINE} | Talbote", body) is None


@pytest.mark.parametrize("label", ["Aktuelle Meldungen -", "Lokales |"])
def test_a_label_before_a_headline_with_a_colon_of_its_own_is_an_affix(label: str) -> None:
    headline = f"Sanierung: {HEADLINE}"
    assert seo_title_of(headline, f"{label} {headline}") is None
    body = f"<article><h1>{headline}</h1>{TEXT}</article>"
    assert _seo_title(f"Talbote - {label} {headline}", body) is None
    # a kicker of its own before the headline's colon stays one
    assert seo_title_of(headline, f"Ein Jahr danach: {headline}") == f"Ein Jahr danach: {headline}"


def test_a_leftover_label_without_a_colon_is_no_other_headline() -> None:
    assert seo_title_of(HEADLINE, f"Lokales {HEADLINE}") is None
    # a score before the headline is no kicker's colon
    assert seo_title_of(HEADLINE, f"Fußball 2:1 {HEADLINE}") is None


@pytest.mark.parametrize("separator", [" - ", " | ", " – "])
@pytest.mark.parametrize("kicker", ["Hochschulen des Bundes", "Streit um das Freibad"])
def test_a_kicker_of_three_words_before_a_separator_makes_another_headline(
    kicker: str, separator: str
) -> None:
    joined = f"{kicker}{separator}{HEADLINE}"
    assert seo_title_of(HEADLINE, joined) == joined
    body = f"<article><span class='overline'>{kicker}</span><h1>{HEADLINE}</h1>{TEXT}</article>"
    assert _seo_title(f"{joined}{separator}News{separator}Talbote", body) == joined


@pytest.mark.parametrize(
    "label", ["Lokales -", "Stadt Talheim -", "Amt Talheim - Pressemitteilungen -", "Talheim |"]
)
def test_a_label_of_a_word_or_two_or_parts_behind_separators_before_the_headline_stay_affixes(
    label: str,
) -> None:
    assert seo_title_of(HEADLINE, f"{label} {HEADLINE}") is None


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("TSV Rotbach 1920 e.V. - Leichtathletik - Berichte", "https://www.tsv-rotbach-1920.de/"),
        ("Talbote | Sport | Ergebnisse", "https://www.talbote.de/sport/1"),
    ],
)
def test_a_title_of_site_and_section_names_only_is_no_seo_title(title: str, url: str) -> None:
    assert _seo_title(title, _ARTICLE, url) is None
    assert seo_title_of(HEADLINE, "Leichtathletik - Berichte") is None


def test_a_short_headline_with_a_dash_is_a_seo_title() -> None:
    assert seo_title_of(HEADLINE, "Hallenbad - Sanierung beginnt") == (
        "Hallenbad - Sanierung beginnt"
    )


@pytest.mark.parametrize(
    ("suffix", "url"),
    [
        ("Ev.-luth. Kirchengemeinde Auheim-Süd", "https://www.ev-kirche-auheim-sued.de/g/1"),
        ("Kath. Pfarrei Bergfeld", "https://www.pfarrei-bergfeld.de/aktuelles/1"),
        ("Kirchengemeinde Bergfeld", "https://www.kirche-bergfeld.de/aktuelles/1"),
    ],
)
def test_a_parishs_name_after_abbreviations_is_the_sites_affix(suffix: str, url: str) -> None:
    keys = site_name_keys(None, url)
    assert clean_title(f"Was bleibt, wenn wir gehen – {suffix}", keys) == (
        "Was bleibt, wenn wir gehen"
    )


@pytest.mark.parametrize(
    "suffix",
    [
        # another parish
        "Ev.-luth. Kirchengemeinde Talberg",
        # words before the kind of body that are no abbreviations
        "Besuch der Kirchengemeinde Auheim-Süd",
    ],
)
def test_a_part_naming_another_parish_or_more_stays_in_the_title(suffix: str) -> None:
    keys = site_name_keys(None, "https://www.ev-kirche-auheim-sued.de/g/1")
    title = f"Was bleibt, wenn wir gehen – {suffix}"
    assert clean_title(title, keys) == title


@pytest.mark.parametrize(
    ("title", "url"),
    [
        (f"{HEADLINE}: Stadt gibt vier Millionen frei: Talbote", "https://www.talbote.de/a/1"),
        (
            f"{HEADLINE}: Stadt gibt vier Millionen frei: Universität Lahnfeld",
            "https://www.uni-lahnfeld.de/news/1",
        ),
        # the site's name with a word the host leaves out, and with a legal form
        (
            f"{HEADLINE}: Stadt gibt vier Millionen frei: Evangelische Kirchengemeinde Auheim",
            "https://www.kirchengemeinde-auheim.de/a/1",
        ),
        (
            f"{HEADLINE}: Stadt gibt vier Millionen frei: Förderverein Hallenbad Auheim e.V.",
            "https://www.foerderverein-hallenbad-auheim.de/a/1",
        ),
    ],
)
def test_the_sites_name_after_a_colon_closing_the_title_is_an_affix(title: str, url: str) -> None:
    keys = site_name_keys("Universität Lahnfeld" if "uni-" in url else None, url)
    assert (
        clean_title(title, keys, html_title=True) == f"{HEADLINE}: Stadt gibt vier Millionen frei"
    )


@pytest.mark.parametrize("separator", [" – ", " | "])
def test_the_sites_name_with_its_legal_form_is_a_suffix(separator: str) -> None:
    keys = site_name_keys(None, "https://www.imkerverein-auheim.de/presse/1")
    title = f"{HEADLINE}{separator}Imkerverein Auheim e.V."
    assert clean_title(title, keys, html_title=True) == HEADLINE
    # another club's name with a legal form stays
    other = f"{HEADLINE} – Schwimmverein Talheim e.V."
    assert clean_title(other, keys) == other


@pytest.mark.parametrize(
    ("title", "url"),
    [
        # a place the host's name starts with, and the headline's own second part
        (f"{HEADLINE}: Kronau", "https://www.kronauer-tagblatt.de/a/1"),
        (f"{HEADLINE}: Stadt gibt vier Millionen frei", "https://www.talbote.de/a/1"),
        # the site's name after a colon of two words of headline only
        ("Hallenbad saniert: Talbote", "https://www.talbote.de/a/1"),
        # a phrase after a colon beside the host's word
        (f"{HEADLINE}: Studis gegen Kirchgeld", "https://www.studis-heute.de/a/1"),
    ],
)
def test_other_parts_after_a_colon_stay_in_the_title(title: str, url: str) -> None:
    keys = site_name_keys(None, url)
    assert clean_title(title, keys, html_title=True) == title


@pytest.mark.parametrize(
    "kicker",
    [
        "<h1>Sanierung: Hallenbad wird im Herbst saniert</h1>",
        "<h1><span>Sanierung:</span> Hallenbad wird im Herbst saniert</h1>",
    ],
)
def test_a_headline_with_a_kicker_the_title_leaves_out_has_the_title_as_seo_title(
    kicker: str,
) -> None:
    body = f"<article>{kicker}{TEXT}</article>"
    assert _seo_title(f"{HEADLINE} - Talbote", body) == HEADLINE
    assert seo_title_of(f"Sanierung: {HEADLINE}", HEADLINE) == HEADLINE
    # a label without a colon before the same words is a leftover, not a kicker
    assert seo_title_of(f"Lokales {HEADLINE}", HEADLINE) is None
    # an exclamation inside the headline's own words is none either
    assert seo_title_of(f"Lokales {HEADLINE}!", f"{HEADLINE}!") is None


def test_the_sites_name_before_the_headline_goes_though_the_page_prints_a_kicker() -> None:
    body = f"<article><h1>Sanierung: {HEADLINE}</h1>{TEXT}</article>"
    title = f"Gemeinde Auheim: {HEADLINE}"
    assert _seo_title(title, body, "https://www.gemeinde-auheim.de/a/1") == HEADLINE
    # a place the host's name only starts with stays before another headline
    assert _seo_title(title, body, "https://www.auheimer-bote.de/a/1") == title


@pytest.mark.parametrize(
    ("visible", "metadata", "seo_title"),
    [
        # other marks between the same words: another wording of the headline
        (
            "EU verlängert Verbot – Moskau kündigt „Antwort“ an",
            'EU verlängert Verbot: Moskau kündigt "Antwort" an',
            'EU verlängert Verbot: Moskau kündigt "Antwort" an',
        ),
        (
            "Hallenbad: Sanierung beginnt",
            "Hallenbad, Sanierung beginnt",
            "Hallenbad, Sanierung beginnt",
        ),
        # other quotation marks or dashes only: the same headline
        ("Moskau kündigt „Antwort“ an", 'Moskau kündigt "Antwort" an', None),
        ("Hallenbad – Sanierung beginnt", "Hallenbad - Sanierung beginnt", None),
        ("Kita «Sonnenschein» öffnet", "Kita 'Sonnenschein' öffnet", None),
        # a mark closing the headline is none between its words
        ("Hallenbad wird saniert", "Hallenbad wird saniert!", None),
    ],
)
def test_the_same_words_with_other_marks_are_another_wording(
    visible: str, metadata: str, seo_title: str | None
) -> None:
    assert seo_title_of(visible, metadata) == seo_title


@pytest.mark.parametrize(
    "tags",
    [
        # a WordPress tag line after the text
        "<footer><span class='tags-links'>Schlagwörter: <a href='/tag/auheim/' rel='tag'>Auheim"
        "</a>, <a href='/tag/hallenbad/' rel='tag'>Hallenbad</a></span></footer>",
        # a keyword list of links of its own
        "<ul class='keywords'><li><a rel='tag' href='/t/auheim'>Auheim</a></li>"
        "<li><a rel='tag' href='/t/bad'>Bäder</a></li></ul>",
        # links to tag pages without rel
        "<div class='tags'><a href='/tag/auheim'>Auheim</a><a href='/tag/bad'>Bad</a></div>",
        "<p>Stichworte: <a href='/schlagwort/auheim/'>Auheim</a></p>",
    ],
)
def test_a_keyword_link_is_no_label_of_the_headline(tags: str) -> None:
    body = f"<main><article><h1>{HEADLINE}</h1>{TEXT}{tags}</article></main>"
    assert _seo_title(f"Auheim: {HEADLINE} - Talbote", body) == f"Auheim: {HEADLINE}"


@pytest.mark.parametrize(
    "label",
    [
        # a category link over the headline
        "<span class='cat-links'><a href='/k/auheim/' rel='category tag'>Auheim</a></span>",
        # a kicker of its own
        "<span class='kicker'>Auheim</span>",
    ],
)
def test_a_label_over_the_headline_is_an_affix_before_it(label: str) -> None:
    body = f"<main><article>{label}<h1>{HEADLINE}</h1>{TEXT}</article></main>"
    assert _seo_title(f"Auheim: {HEADLINE} - Talbote", body) is None


@pytest.mark.parametrize(
    ("kicker", "label", "headline", "shortened"),
    [
        # one word put otherwise, a compound's part (page 864)
        (
            "Transit",
            "<p class='news-kicker'>Transit</p>",
            "EU-Kommission nimmt Lkw-Fahrverbote im Inntal ins Visier",
            "EU prüft Lkw-Fahrverbote im Inntal",
        ),
        (
            "Bäder",
            "<div class='topline'><a href='/thema/baeder'>Bäder</a></div>",
            "Gemeinderat beschließt Sanierung des alten Hallenbads im Herbst",
            "Gemeinderat billigt Sanierung des Hallenbads",
        ),
    ],
)
def test_a_kicker_printed_alone_before_the_headline_shortened_in_other_words_is_an_affix(
    kicker: str, label: str, headline: str, shortened: str
) -> None:
    body = f"<main><article>{label}<h1>{headline}</h1>{TEXT}</article></main>"
    assert _seo_title(f"{kicker}: {shortened} - Talbote", body) == shortened


@pytest.mark.parametrize(
    ("label", "headline", "rest"),
    [
        # the headline's words in another order: other wording (page 769)
        (
            "<span class='kicker'>Auheim</span>",
            "Zum ersten Mal auf dem Klosterplatz: Der Weihnachtsmarkt hat ein neues Zuhause",
            "Weihnachtsmarkt erstmals auf dem Klosterplatz",
        ),
        # two words put otherwise
        (
            "<span class='kicker'>Auheim</span>",
            "Gemeinderat beschließt Sanierung des alten Hallenbads im Herbst",
            "Rat billigt Umbau des Hallenbads",
        ),
        # the topic at the end of a longer kicker, not printed alone (page 361)
        (
            "<span class='kicker'>Verkehrswende in Auheim</span>",
            "Alle Stadtbusse fahren ab Sommer elektrisch",
            "Alle Stadtbusse fahren bald elektrisch",
        ),
    ],
)
def test_a_kicker_before_other_wording_stays_in_the_seo_title(
    label: str, headline: str, rest: str
) -> None:
    body = f"<main><article>{label}<h1>{headline}</h1>{TEXT}</article></main>"
    assert _seo_title(f"Auheim: {rest} - Talbote", body) == f"Auheim: {rest}"


def test_a_category_link_marked_as_a_tag_over_the_headline_is_its_label() -> None:
    label = "<span class='category-links'><a href='/category/auheim/' rel='tag'>Auheim</a></span>"
    body = f"<main><article>{label}<h1>{HEADLINE}</h1>{TEXT}</article></main>"
    assert _seo_title(f"Auheim: {HEADLINE} - Talbote", body) is None


@pytest.mark.parametrize(
    ("title", "site", "url"),
    [
        (f"{HEADLINE}_Seidenweg Heute", "Seidenweg Heute", "http://www.seidenweg-heute.cn/a/1"),
        (f"{HEADLINE}_Donghai Radio", "Donghai Radio", "http://german.donghai-radio.cn/a/1"),
        (f"{HEADLINE}_Talbote", None, "https://www.talbote.de/a/1"),
        # names glued after the headline: the section and the site (page 829), a host name
        # not the site's own (page 901), a section and a host
        (f"{HEADLINE}_Wirtschaft_Fernost Welle Deutsch", None, "https://www.talbote.de/a/1"),
        (f"{HEADLINE}_German.TQR.cn", None, "https://www.talbote.de/a/1"),
        (f"{HEADLINE}_Kultur_deutsch.example-funk.cn", None, "https://www.talbote.de/a/1"),
    ],
)
def test_the_sites_name_joined_by_an_underscore_is_an_affix(
    title: str, site: str | None, url: str
) -> None:
    assert clean_title(title, site_name_keys(site, url), html_title=True) == HEADLINE


@pytest.mark.parametrize(
    "title",
    [
        # a file reference, and a word joined to another that is no site's name
        "Urteil 4A_218/2024: Bundesgericht stärkt Mieter",
        f"{HEADLINE}_Nachtrag zur Sitzung",
        # a tag with a number, and the site's name before the headline
        f"{HEADLINE} unter #Aufschrei_2025",
        f"Jiangnan Rundfunk_Deutsch_{HEADLINE}",
    ],
)
def test_other_parts_after_an_underscore_stay_in_the_title(title: str) -> None:
    keys = site_name_keys(None, "https://www.talbote.de/a/1")
    assert clean_title(title, keys, html_title=True) == title


@pytest.mark.parametrize(
    ("document", "og_title"),
    [
        # a short last part behind the site's separator, the headline's own
        ("Amtsgericht Kornstadt: Eigenbedarf vorgeschoben – Kündigung unwirksam", None),
        ("Hallenbad wird saniert - Kosten steigen", "Hallenbad wird saniert - Kosten steigen"),
        ("Freibad öffnet früher | Eintritt frei", "Freibad öffnet früher | Eintritt frei"),
    ],
)
def test_the_headlines_last_words_behind_a_separator_stay_with_it(
    document: str, og_title: str | None
) -> None:
    og = og_title or document
    body = f"<h1>{og}</h1>{TEXT}"
    html = (
        f"<html lang='de'><head><meta charset='utf-8'><title>{document} – Talbote e.V.</title>"
        f"<meta property='og:title' content='{og}'></head><body>{body}</body></html>"
    )
    article = extract_article(
        ExtractInput(
            url="https://www.talbote.de/a/1.html",
            body=html.encode(),
            headers={},
            rules=CleaningRules(),
        )
    )
    assert (article.title, article.seo_title) == (og, None)


def test_a_label_behind_the_sites_separator_the_metadata_headline_lacks_goes() -> None:
    html = (
        f"<html lang='de'><head><meta charset='utf-8'><title>{HEADLINE} – Allgäu – Talbote e.V."
        f"</title><meta property='og:title' content='{HEADLINE}'></head>"
        f"<body><h1>{HEADLINE}</h1>{TEXT}</body></html>"
    )
    article = extract_article(
        ExtractInput(
            url="https://www.talbote.de/a/1.html",
            body=html.encode(),
            headers={},
            rules=CleaningRules(),
        )
    )
    assert (article.title, article.seo_title) == (HEADLINE, None)


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Pfarrei St. Ursula Tannheim-Ost – Aktuelles", "https://www.st-ursula-tannheim-ost.de/a"),
        ("Talbote - Lokales", "https://www.talbote.de/a/1"),
        ("Aktuelles | Gemeinde Lohwiesen", "https://www.gemeinde-lohwiesen.de/a"),
    ],
)
def test_a_title_of_the_sites_name_and_a_section_names_no_headline(title: str, url: str) -> None:
    assert clean_title(title, site_name_keys(None, url), html_title=True) is None


@pytest.mark.parametrize(
    "title",
    [
        # a headline naming the site, before a section
        "Talbote feiert 100 Jahre | Lokales",
        "Talbote-Leser spenden für die Tafel - Aktuelles",
    ],
)
def test_a_headline_naming_the_site_before_a_section_stays(title: str) -> None:
    keys = site_name_keys(None, "https://www.talbote.de/a/1")
    assert clean_title(title, keys, html_title=True) == title.rsplit(" ", 2)[0]


def test_a_section_between_the_sites_name_and_the_headline_goes() -> None:
    keys = site_name_keys(None, "https://www.gemeinde-lohwiesen.de/a")
    title = "Gemeinde Lohwiesen - Aktuelles - Badeverbot am Lohsee wegen Blaualgen"
    assert clean_title(title, keys, html_title=True) == "Badeverbot am Lohsee wegen Blaualgen"


@pytest.mark.parametrize(
    ("title", "url"),
    [
        # a place that the site's name starts with, and a word of the headline
        ("Auheim: Hallenbad saniert", "https://www.auheim-heute.de/a/1"),
        ("Auheim: Hallenbad saniert - Auheim Heute", "https://www.auheim-heute.de/a/1"),
    ],
)
def test_a_topic_before_a_shortened_headline_of_two_words_stays(title: str, url: str) -> None:
    body = f"<article><h1>Hallenbad in Auheim wird nach zwei Jahren saniert</h1>{TEXT}</article>"
    assert _seo_title(title, body, url) == "Auheim: Hallenbad saniert"


def test_the_sites_name_before_the_same_headline_of_two_words_goes() -> None:
    body = f"<article><h1>Hallenbad saniert</h1>{TEXT}</article>"
    url = "https://www.talbote.de/a/1"
    assert _seo_title("Talbote: Hallenbad saniert", body, url) is None
