"""Writers and dates of old table layouts and credit fields: bylines under a headline set in big
type, its date row, editors' labels, "Redaktion: A" fields, signatures over a closing note,
surnames shaped like an office, captions under a centered picture."""

from __future__ import annotations

import datetime
import json

import pytest

from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from pipelines.byline_lines import before_editor_label, is_byline
from pipelines.extract import extract_article
from pipelines.names import split_credits

URL = "http://www.moorbach-kurier.de/lokal/artikel.php?id=7731"
ONE = (
    "Der Kreistag hat am Montagabend beschlossen, die Fähre über den Altarm bis zum Frühjahr "
    "mit einem neuen Motor auszurüsten und den Anleger zu verlängern."
)
TWO = (
    "Die Arbeiten kosten nach Angaben der Verwaltung rund 480.000 Euro, ein Drittel davon "
    "zahlt der Landkreis aus seinem Fonds für den ländlichen Verkehr."
)
THREE = "Der Fährmann rechnet damit, dass der Betrieb im April wieder aufgenommen werden kann."


def _extract(html: str, url: str = URL) -> ExtractedArticle:
    return extract_article(
        ExtractInput(url=url, body=html.encode(), headers={}, rules=CleaningRules())
    )


def _table_page(date_row: str, headline_cell: str) -> str:
    """A hand-made table layout: no <h1>, the headline in a <font size>, the text in its cell."""
    return (
        "<html><head><title>Moorbach Kurier - Fähre bekommt neuen Motor</title></head><body>"
        "<table width='760'><tr><td width='140'><b>Rubriken</b><br><a href='/lokal/'>Lokal</a>"
        "<br><a href='/sport/'>Sport</a></td><td width='620'><table width='100%'>"
        f"{date_row}<tr><td>{headline_cell}<p>{ONE}</p><p>{TWO}</p><p>{THREE}</p></td></tr>"
        "</table></td></tr></table></body></html>"
    )


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("<I>Von unserem Redakteur Till Omsen</I>", "Till Omsen"),
        ("<font size='2'><i>Von unserer freien Mitarbeiterin Greta Wiebusch</i></font>", None),
        ("<em>Von unserer Korrespondentin Ines Haltern</em>", "Ines Haltern"),
    ],
)
def test_a_byline_under_a_headline_in_big_type_names_the_writer(
    byline: str, author: str | None
) -> None:
    cell = f"<font size='4'><b>Fähre bekommt neuen Motor</b></font><br><br>{byline}<br><br>"
    result = _extract(_table_page("", cell))
    assert result.authors == ((author or "Greta Wiebusch"),)
    assert "Von unser" not in result.text


def test_a_sentence_under_a_headline_in_big_type_names_no_writer() -> None:
    cell = (
        "<font size='5'><b>Fähre bekommt neuen Motor</b></font><br>"
        "<i>Von Moorbach nach Altendorf fährt sie seit 1952.</i><br>"
    )
    assert _extract(_table_page("", cell)).authors == ()


def test_the_date_row_over_a_headline_cell_dates_the_article() -> None:
    row = "<tr><td bgcolor='#EEEEEE'><font size='1'>Donnerstag, 13. März 2025</font></td></tr>"
    cell = "<font size='4'><b>Fähre bekommt neuen Motor</b></font><br>"
    result = _extract(_table_page(row, cell))
    assert result.published_at is not None
    assert result.published_at.date() == datetime.date(2025, 3, 13)


def test_a_long_row_over_a_headline_cell_dates_nothing() -> None:
    row = (
        "<tr><td>Die Fähre fuhr zuletzt am 2. Januar 2019 mit dem alten Motor über den Altarm, "
        "danach lag sie im Winterhafen und wurde dort mehrmals repariert.</td></tr>"
    )
    cell = "<font size='4'><b>Fähre bekommt neuen Motor</b></font><br>"
    assert _extract(_table_page(row, cell)).published_at is None


# --- editors' labels after a writer's credit --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Autorin: Jia Lin   Redakteur: Bo Chen",
        "Text: Jia Lin | Redaktion: Bo Chen",
        "Autor: Jia Lin, Bearbeitung: Bo Chen",
    ],
)
def test_an_editors_label_ends_the_writers_credit(line: str) -> None:
    assert before_editor_label(line) == f"{line.split()[0]} Jia Lin"


@pytest.mark.parametrize(
    "line", ["Redakteur: Bo Chen", "Die Redaktion: ein Team von sechs Leuten", "Von Bo Chen"]
)
def test_other_lines_keep_their_editors_label(line: str) -> None:
    assert before_editor_label(line) == line


_HEADED = "<html lang='de'><body><h1>Fähre bekommt neuen Motor</h1><div id='text'>"


def _closed_by(line: str) -> str:
    return f"{_HEADED}<p>{ONE}</p><p>{TWO}</p><p>{THREE}</p>{line}</div></body></html>"


_CLOSING_CREDITS = (
    "<p align='right'>Autorin: Jia Lin&nbsp;&nbsp;&nbsp;Redakteur: Bo Chen</p>",
    "<p>Text: Jia Lin / Redakteurin: Bo Chen</p>",
)


@pytest.mark.parametrize("line", _CLOSING_CREDITS)
def test_a_closing_credit_with_the_editor_names_the_writer_alone(line: str) -> None:
    result = _extract(_closed_by(line))
    assert (result.authors, "Bo Chen" in result.text) == (("Jia Lin",), False)


def test_a_sentence_quoting_an_editor_is_no_byline() -> None:
    assert not is_byline("Jia Lin sagte der Redaktion: Wir bleiben dran.", ("Jia Lin",))


# --- a newsroom field naming one person ----------------------------------------------------------


def _info_box(field: str) -> str:
    return (
        "<html lang='de'><body><h1>Fähre bekommt neuen Motor</h1>"
        f"<div class='info'>{field}<p class='date'>13. März 2025</p></div>"
        f"<div class='text'><p>{ONE}</p><p>{TWO}</p></div></body></html>"
    )


@pytest.mark.parametrize(
    ("field", "authors"),
    [
        ("<p>Redaktion: <span>Edda Kranich</span></p>", ("Edda Kranich",)),
        ("<span>Redaktion: Edda Kranich</span>", ("Edda Kranich",)),
        ("<p>Redaktion: Lokales</p>", ()),
        ("<p>Redaktion: Edda Kranich, Bo Chen</p>", ()),
        # a writer's byline names the writer; the field then names an editor
        ("<p>Von Till Omsen</p><p>Redaktion: Edda Kranich</p>", ("Till Omsen",)),
        # beside an agency named as the source, the field names who edited the agency's copy
        ("<span>Reuters</span> <span>Redaktion: Edda Kranich</span>", ()),
    ],
)
def test_a_newsroom_field_naming_one_person_alone_names_the_writer(
    field: str, authors: tuple[str, ...]
) -> None:
    result = _extract(_info_box(field))
    assert result.authors == authors
    if authors:
        assert "Redaktion" not in result.text


# --- a signature over a closing note ------------------------------------------------------------


def test_an_italic_name_over_a_print_edition_note_signs_the_text() -> None:
    html = _closed_by(
        "<p><em>Marit Solberg</em></p>"
        "<p class='note'>Dieser Artikel erschien in der Ausgabe 9/2025 des Kuriers.</p>"
    )
    result = _extract(html)
    assert result.authors == ("Marit Solberg",)
    assert "Marit Solberg" not in result.text


def test_an_italic_name_over_more_text_signs_nothing() -> None:
    html = _closed_by(
        "<p><em>Marit Solberg</em></p>"
        "<p>Die Fähre legt danach wieder stündlich ab, auch an den Wochenenden im Sommer.</p>"
    )
    assert _extract(html).authors == ()


# --- a surname shaped like a club's office ------------------------------------------------------


def test_a_surname_shaped_like_an_office_is_a_name() -> None:
    assert split_credits(["Jonas Burgwart"], frozenset())[0] == ("Jonas Burgwart",)
    assert split_credits(["Von Ute Hagwart und Jan Ohm"], frozenset())[0] == (
        "Ute Hagwart",
        "Jan Ohm",
    )
    # after a name of two words, the office is no part of it
    assert split_credits(["Jonas Brink Pressewart"], frozenset())[0] == ("Jonas Brink",)


def test_two_json_ld_persons_one_with_an_office_like_surname_are_both_authors() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "author": [
            {"@type": "Person", "name": "Jonas Burgwart"},
            {"@type": "Person", "name": "Edda Kranich"},
        ],
    }
    html = _closed_by("").replace(
        "<body>",
        f"<head><script type='application/ld+json'>{json.dumps(data)}</script></head><body>",
    )
    assert _extract(html).authors == ("Jonas Burgwart", "Edda Kranich")


# --- a caption under a centered picture ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "after", "kept"),
    [
        ("Die Fähre am Anleger Altendorf", "<p>", False),
        # set apart from the text that follows, a sentence is the picture's too
        ("Die Fähre fährt seit 1952.", "<p>", False),
        # a text centred all the way through keeps its sentence
        ("Die Fähre fährt seit 1952.", "<p align='center'>", True),
    ],
)
def test_a_centered_line_under_a_centered_picture_is_its_caption(
    line: str, after: str, kept: bool
) -> None:
    html = _closed_by("").replace(
        f"<p>{ONE}</p>",
        "<center><img src='/b/faehre.jpg'></center>"
        f"<p align='center'><font color='#777777'>{line}</font></p>{after}{ONE}</p>",
    )
    assert (line in _extract(html).text) is kept
