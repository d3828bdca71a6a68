"""News agencies by name (pipelines.agency_names) and where a page credits them: state agencies
of other countries and their short names, credit sentences, and credits set apart after the text
(pipelines.closing_credits)."""

from __future__ import annotations

import json

import pytest

from crawler.model.types import CleaningRules, DroppedLine, ExtractedArticle, ExtractInput
from pipelines.agency_names import agency_names, supplying_agencies
from pipelines.clean_rules import Rule
from pipelines.credits import text_agencies
from pipelines.extract import extract_article
from pipelines.own_agency import agency_codes

PARAGRAPH = (
    "Der Gemeinderat hat am Dienstag mit großer Mehrheit beschlossen, das alte Hallenbad bis "
    "zum Herbst zu sanieren und danach wieder für Schulen und Vereine zu öffnen."
)
SECOND = (
    "Die Kosten von rund vier Millionen Euro tragen Stadt und Land je zur Hälfte, die Arbeiten "
    "sollen im Frühjahr beginnen."
)
TEXT = f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"


def _extract(body: str, head: str = "") -> ExtractedArticle:
    html = f"<html lang='de'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return extract_article(
        ExtractInput(
            url="https://www.alpenland-zeitung.de/a/1.html",
            body=html.encode(),
            headers={},
            rules=CleaningRules(),
        )
    )


def _article(above_text: str = "", after_text: str = "") -> str:
    head = f"<header><h1>Hallenbad wird saniert</h1>{above_text}</header>"
    return f"<main><article>{head}{TEXT}{after_text}</article></main>"


# --- names ---------------------------------------------------------------------------------


def test_state_agencies_of_other_countries_are_normalised() -> None:
    credits = {
        "IRNA": ("IRNA",),
        "(IRNA/ISNA)": ("IRNA", "ISNA"),
        "Quelle: AA": ("Anadolu",),
        "Anadolu Ajansı": ("Anadolu",),
        "Quelle: Anadolu Agency": ("Anadolu",),
        "Xinhua/KCNA": ("Xinhua", "KCNA"),
        "Quelle: Tasnim, BelTA und Yonhap": ("Tasnim", "BelTA", "Yonhap"),
        "Quellen: AgE, Landwirtschaftskammer Niedersachsen": ("AgE",),
        # a short name that is an ordinary word counts after the word for an agency
        "Quelle: Nachrichtenagentur Mehr": ("Mehr",),
        "mit Material der Agentur Fars": ("Fars",),
        # the national agencies of Central and Eastern Europe as they print their names
        "Quelle: ČTK, Reuters": ("ČTK", "Reuters"),
        "Quellen: TASR/PAP": ("TASR", "PAP"),
        "Mit Material von MTI und Ukrinform": ("MTI", "Ukrinform"),
        "Quelle: Azertag": ("AZERTAC",),
        "Nach Angaben von Armenpress": ("Armenpress",),
        # the national agencies of Asian countries with German services
        "Quelle: VNA": ("VNA",),
        "Quellen: TTXVN, Bernama": ("VNA", "Bernama"),
        "Mit Material von Jiji Press und Antara": ("Jiji", "Antara"),
        "UzA/Kabar": ("UzA", "Kabar"),
        "Quelle: Montsame, PTI": ("Montsame", "PTI"),
    }
    assert {credit: agency_names(credit) for credit in credits} == credits


@pytest.mark.parametrize(
    "text",
    [
        # "AA" and "AgE" only as the agencies write them
        "aa",
        "Quelle: Aa",
        "Age",
        "Quelle: AGE",
        # ordinary words and places however written
        "Mehr",
        "Mehr News",
        "Quelle: Mehr",
        "Fars",
        "Provinz Fars",
        # another body's initials
        "Quelle: Auswärtiges Amt",
        # short codes of those agencies only as they write them
        "Quelle: Pap",
        "Mti",
    ],
)
def test_short_names_that_are_ordinary_words_name_no_agency(text: str) -> None:
    assert agency_names(text) == ()


@pytest.mark.parametrize(
    ("opening", "agencies"),
    [
        ("Teheran (IRNA) – ", ("IRNA",)),
        ("Ankara (AA) – ", ("Anadolu",)),
        # in a dateline's brackets an ordinary word is the agency's name
        ("Teheran (Mehr) – ", ("Mehr",)),
        ("Teheran (Radio/ISNA) – ", ("ISNA",)),
        # the site's own short name is none
        ("Teheran (IS) – ", ()),
        ("Baku, 8. Mai (AZERTAC). ", ("AZERTAC",)),
        # no mark after the bracket: the text opens with a capital
        ("Prag (ČTK) ", ("ČTK",)),
        ("Passau (KNA) ", ("KNA",)),
        # a bracket naming no agency, or one the sentence goes on after, names none
        ("Lena Hofer (Grüne) ", ()),
        ("Passau (KNA) und ", ()),
        # an agency's own dateline in capitals, the agency after the place without brackets
        ("ASTANA. KAZINFORM – ", ("Kazinform",)),
        ("HANOI, VNA – ", ("VNA",)),
        ("ULAN-BATOR. MONTSAME - ", ("Montsame",)),
        # capitals naming no agency, or an agency not set in capitals, name none
        ("BERLIN. NATO – ", ()),
        ("BERLIN. Reuters – ", ()),
        ("ACHTUNG. VNA meldet ", ()),
    ],
)
def test_a_dateline_names_a_state_agency(opening: str, agencies: tuple[str, ...]) -> None:
    assert text_agencies([f"{opening}{PARAGRAPH}", SECOND], []) == agencies


def test_an_info_line_of_stamps_names_the_agency_whose_code_opens_it() -> None:
    def dropped(line: str) -> list[DroppedLine]:
        return [DroppedLine(text=line, rule=str(Rule.TIMESTAMP))]

    stamps = "03.02.2025 11:20 Aktualisiert: 03.02.2025 12:02"
    assert text_agencies([PARAGRAPH], dropped(f"AA {stamps}")) == ("Anadolu",)
    assert text_agencies([PARAGRAPH], dropped(f"dpa, {stamps}")) == ("dpa",)
    # a place, a label or a weekday opening the stamps is no agency
    for opening in ("Berlin", "Stand:", "Montag,", "Aa"):
        assert text_agencies([PARAGRAPH], dropped(f"{opening} {stamps}")) == ()


def test_a_source_note_names_the_agencies_of_its_credit_sentence() -> None:
    note = (
        "Übersetzt aus dem Russischen. Mit Material von TASS und RIA Nowosti. Zuerst erschienen"
        " bei Ostkurier."
    )
    dropped = [DroppedLine(text=note, rule=str(Rule.CREDIT_AGENCY))]
    assert text_agencies([PARAGRAPH], dropped) == ("TASS", "RIA Novosti")
    # a credit of one sentence is read whole
    dropped = [DroppedLine(text="Quelle: dpa. AFP", rule=str(Rule.CREDIT_AGENCY))]
    assert text_agencies([PARAGRAPH], dropped) == ("dpa", "AFP")


def test_an_ordinary_word_in_a_partner_note_names_no_agency() -> None:
    assert supplying_agencies("Mehr Informationen stellte uns die dpa zur Verfügung.") == ("dpa",)
    assert supplying_agencies("Mit freundlicher Genehmigung von Mehr Energie.") == ()


@pytest.mark.parametrize(
    ("note", "agencies"),
    [
        # an agency's name of two words counts however the note writes it (page 856)
        ("Erstveröffentlichung: ria novosti", ("RIA Novosti",)),
        ("Zuerst erschienen bei der Anadolu Agency.", ("Anadolu",)),
        (
            "Dieser Beitrag erschien zuerst bei Ostwind Nachrichten. Mit Material von RIA Nowosti"
            " und TASS.",
            ("RIA Novosti", "TASS"),
        ),
        # one word spelled in another case is still none ("Sid" a first name)
        ("Zuerst erschienen bei Sid Meyers Blog.", ()),
    ],
)
def test_a_partner_note_names_agencies_of_two_words(note: str, agencies: tuple[str, ...]) -> None:
    assert supplying_agencies(note) == agencies


# --- credits near the headline ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("above", "agencies"),
    [
        # an agency chip beside the place chip, an info bar's abbreviation, a source label
        ("<div><span class='chip'>Berlin</span> <span class='chip'>AA</span></div>", ("Anadolu",)),
        ("<div class='info'><div>AA</div><div>12.01.2026 14:27</div></div>", ("Anadolu",)),
        ("<div><span class='source'>Quelle: AA</span> <time>17.08.2026</time></div>", ("Anadolu",)),
        ("<div class='dateline'>IRNA</div>", ("IRNA",)),
        # buttons, labels and place chips that spell a short name
        ("<div><a class='more'>Mehr</a></div>", ()),
        ("<div><span class='chip'>Fars</span> <span class='chip'>aa</span></div>", ()),
        ("<div><strong>Mehr News</strong></div>", ()),
    ],
)
def test_an_agency_label_by_the_headline_credits_it(above: str, agencies: tuple[str, ...]) -> None:
    result = _extract(_article(above))
    assert (result.authors, result.agencies) == ((), agencies)


@pytest.mark.parametrize(
    ("line", "authors", "agencies"),
    [
        # a wire dateline of its own: the place and the site's short name are no author
        ("<div class='item-dateline'>Teheran (AlborzRadio/IRNA)</div>", (), ("IRNA",)),
        # agencies in brackets after a writer's name
        ("<p class='byline'>Von Anna Berger (dpa/AFP)</p>", ("Anna Berger",), ("dpa", "AFP")),
    ],
)
def test_agencies_in_brackets_parted_by_a_slash_are_no_part_of_a_name(
    line: str, authors: tuple[str, ...], agencies: tuple[str, ...]
) -> None:
    result = _extract(_article(line))
    assert (result.authors, result.agencies) == (authors, agencies)


def test_a_meta_author_that_is_an_agency_names_no_person() -> None:
    for name in ("Anadolu Ajansı", "Anadolu Agency"):
        result = _extract(_article(), f"<meta name='author' content='{name}'>")
        assert (result.authors, result.agencies) == ((), ("Anadolu",))


def test_a_long_source_line_with_a_date_names_its_agency_only() -> None:
    line = "<p>Rundfunk zwei, sportlive, Rad, 20.06.2026, 15:30 Uhr ; sda/baer</p>"
    result = _extract(f"<main><header><h1>Hallenbad wird saniert</h1>{line}</header>{TEXT}</main>")
    assert (result.authors, result.agencies) == ((), ("Keystone-SDA",))


# --- credits in and after the text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("closing", "agencies"),
    [
        ("<p>Quelle: AA</p>", ("Anadolu",)),
        ("<p>Quellen: AgE, Landwirtschaftskammer Niedersachsen</p>", ("AgE",)),
        (
            "<p><i>Die Nachricht wurde unter Verwendung von Material der Agentur RIA Nowosti"
            " erstellt.</i></p>",
            ("RIA Novosti",),
        ),
        ("<p>Der Text ist unter Verwendung von Material der dpa entstanden.</p>", ("dpa",)),
        (
            "<p>Der Beitrag wurde mit Material der Nachrichtenagentur Anadolu erstellt.</p>",
            ("Anadolu",),
        ),
        ("<p><em>Nach Angaben von BelTA</em></p>", ("BelTA",)),
        ("<p>Laut Angaben der Agenturen TASR und ČTK.</p>", ("TASR", "ČTK")),
    ],
)
def test_a_credit_line_closing_the_text_names_its_agency_and_goes(
    closing: str, agencies: tuple[str, ...]
) -> None:
    text = f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p>{closing}</div>"
    result = _extract(f"<main><h1>Hallenbad wird saniert</h1>{text}</main>")
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.agencies == agencies


def test_an_agency_pair_closing_the_last_paragraph_goes() -> None:
    text = f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND} (IRNA/ISNA)</p></div>"
    result = _extract(f"<main><h1>Hallenbad wird saniert</h1>{text}</main>")
    assert result.text.splitlines() == [PARAGRAPH, SECOND]
    assert result.agencies == ("IRNA", "ISNA")


@pytest.mark.parametrize(
    "closing",
    [
        "Quellen: Landwirtschaftskammer, Statistisches Landesamt",
        "Die Nachricht wurde unter Verwendung von Material der Polizei erstellt.",
        "Mehr als 300 Gäste werden zur Eröffnung im Herbst erwartet, sagte die Sprecherin.",
        # a sentence opening with the same words as a source line
        "Nach Angaben von Reuters und AFP blieb die Lage ruhig.",
        "Nach Angaben von AFP sperrte die Polizei die Brücke.",
    ],
)
def test_lines_naming_no_agency_stay_in_the_text(closing: str) -> None:
    text = f"<div class='text'><p>{PARAGRAPH}</p><p>{SECOND}</p><p>{closing}</p></div>"
    result = _extract(f"<main><h1>Hallenbad wird saniert</h1>{text}</main>")
    assert result.text.splitlines() == [PARAGRAPH, SECOND, closing]
    assert result.agencies == ()


@pytest.mark.parametrize(
    ("after", "agencies"),
    [
        # the author box after the text: the writer's line, then the agency's share
        (
            "<div class='author'><p>Ein Beitrag von Jonas Pferdmenges, Landesfunk Mitte</p>"
            "<p class='sources'>Mit Material von dpa</p></div>",
            ("dpa",),
        ),
        # a source line under the text's container, its date beside the agency's initials
        (
            "<div class='broadcast'><p>Rundfunk zwei, sportlive, 20.06.2026, 15:30 Uhr ;"
            " sda/baer</p></div>",
            ("Keystone-SDA",),
        ),
        ("<div class='quelle'><small>Quelle: Reuters, AFP</small></div>", ("Reuters", "AFP")),
        # the agencies written out, which makes the line long (page 918)
        (
            "<div class='artikel-quellen'>Mit Informationen der Katholischen Nachrichten-Agentur"
            " (KNA) und des Evangelischen Pressedienstes (epd).</div>",
            ("KNA", "epd"),
        ),
        (
            "<p class='src'>Mit Material der Deutschen Presse-Agentur und der"
            " Agence France-Presse</p>",
            ("dpa", "AFP"),
        ),
        # a sentence about an agency written out is no credit
        (
            "<div class='info'>Die Katholische Nachrichten-Agentur hat am Montag ihren neuen"
            " Chefredakteur vorgestellt.</div>",
            (),
        ),
        # teaser cards and a list of agency feeds after the text credit other pages
        (
            "<div class='cards'><a href='/a/2'><span>dpa</span> <span>Landtag streitet über"
            " den Haushalt</span></a></div>",
            (),
        ),
        (
            "<div><h4>Agenturfeeds</h4><a href='/afp/'>AFP</a> <a href='/reuters/'>Reuters</a>"
            "</div>",
            (),
        ),
        # a picture's credit
        ("<div class='bild'>Foto: dpa</div>", ()),
    ],
)
def test_an_agency_credit_set_apart_after_the_text_is_read(
    after: str, agencies: tuple[str, ...]
) -> None:
    # after the article, out of reach of the lines read by the headline
    head = "<header><h1>Hallenbad wird saniert</h1></header>"
    result = _extract(f"<main><article>{head}{TEXT}</article>{after}</main>")
    assert result.agencies == agencies


# --- an agency's own site: its dateline code and its name as the page's Organization ----------


def _own_site(author: str, dateline: str, publisher: str = "", meta: str = "") -> ExtractedArticle:
    json_ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Heuernte"}
    if author:
        json_ld["author"] = {"@type": "Organization", "name": author}
    if publisher:
        json_ld["publisher"] = {"@type": "Organization", "name": publisher}
    head = f"<script type='application/ld+json'>{json.dumps(json_ld)}</script>{meta}"
    text = f"<div class='text'><p>{dateline}{PARAGRAPH}</p><p>{SECOND}</p></div>"
    return _extract(f"<main><article><h1>Heuernte</h1>{text}</article></main>", head)


@pytest.mark.parametrize(
    ("author", "dateline", "publisher", "meta", "agencies"),
    [
        ("Lesnaja Nachrichtenagentur LESNA", "MINSK, 22. Mai (LESNA) – ", "LESNA", "", ("LESNA",)),
        # the publisher names the agency, in JSON-LD or a meta tag
        ("", "SOFIA, 3. Juni (BNA) – ", "Balkan News Agency BNA", "", ("BNA",)),
        (
            "",
            "Baku (KASPA) - ",
            "",
            "<meta name='publisher' content='KASPA – Kaspische Presse-Agentur'>",
            ("KASPA",),
        ),
        ("Agentur NOWA", "WARSCHAU (NOWA). ", "", "", ("NOWA",)),
        # a known agency on its own site, as its name spells it
        ("Belarussische Telegrafenagentur BelTA", "MINSK, 22. Mai (BelTA) – ", "", "", ("BelTA",)),
    ],
)
def test_an_agency_site_credits_itself_by_its_dateline_code(
    author: str, dateline: str, publisher: str, meta: str, agencies: tuple[str, ...]
) -> None:
    assert _own_site(author, dateline, publisher, meta).agencies == agencies


@pytest.mark.parametrize(
    ("author", "dateline", "publisher"),
    [
        # a newspaper's Organization author: the dateline's known agency only
        ("Alpenland Zeitung AZ", "Berlin (dpa) - ", "Alpenland Zeitung"),
        # a code the agency's name does not spell: a press release service, a writer's initials
        ("Lesnaja Nachrichtenagentur LESNA", "Minsk (ots) - ", ""),
        ("Lesnaja Nachrichtenagentur LESNA", "MINSK (JW) – ", ""),
        # the code of an organisation that is no news agency
        ("Redaktion RNZ", "Heidelberg (RNZ) - ", ""),
        ("", "Köln (ABC) - ", "ABC Werbeagentur GmbH"),
        ("", "London (DMA) - ", "DMA Digital Agency"),
        # the code alone, the organisation no agency
        ("", "MINSK (LESNA) – ", "LESNA"),
    ],
)
def test_a_dateline_code_is_no_agency_unless_the_site_is_that_agency(
    author: str, dateline: str, publisher: str
) -> None:
    expected = ("dpa",) if "(dpa)" in dateline else ()
    assert _own_site(author, dateline, publisher).agencies == expected


def test_an_agency_code_is_an_all_capital_word_of_an_agency_name() -> None:
    assert agency_codes(["Lesnaja Nachrichtenagentur LESNA"]) == {"LESNA"}
    assert agency_codes(["Anadolu Ajansı AA", "Polska Agencja Prasowa PAP"]) == {"AA", "PAP"}
    assert agency_codes(["Deutsche Presse-Agentur"]) == frozenset()
    assert agency_codes(["Werbeagentur ABC", "Redaktion RNZ", "NOZ Medien"]) == frozenset()
