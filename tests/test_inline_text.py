"""Text that trafilatura deletes with its element (a <time>) stays where it is part of the
article's text; an item's info table under the headline goes as its header."""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.inline_text import keep_time_text
from tests.test_extract import BODY_LINES, LEAD, TITLE, article_html, page, run


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            'Die Frist endet am <time datetime="2026-05-02">2. Mai</time>, danach entscheidet '
            "der Rat über die Vergabe.",
            "Die Frist endet am 2. Mai, danach entscheidet der Rat über die Vergabe.",
        ),
        (
            "Anmeldungen nimmt das Bürgerbüro bis <strong><time>15. Juni 2026</time></strong> "
            "entgegen, auch per E-Mail.",
            "Anmeldungen nimmt das Bürgerbüro bis 15. Juni 2026 entgegen, auch per E-Mail.",
        ),
        (
            '<time datetime="2026-03-01">Am 1. März</time> öffnet die neue Kita mit zwei '
            "Gruppen für Kinder unter drei Jahren.",
            "Am 1. März öffnet die neue Kita mit zwei Gruppen für Kinder unter drei Jahren.",
        ),
    ],
)
def test_a_date_inside_a_sentence_keeps_its_words(paragraph: str, expected: str) -> None:
    result = run(page(article_html(extra_in_body=f"<p>{paragraph}</p>")))
    assert expected in result.text.split("\n")


def test_a_data_tables_date_cells_keep_their_dates() -> None:
    table = (
        "<table><tr><th>Termin</th><th>Ort</th></tr>"
        "<tr><td><time datetime='2026-04-12'>12.04.2026</time></td><td>Stadthalle</td></tr>"
        "<tr><td><time datetime='2026-05-03'>03.05.2026</time></td><td>Rathaus</td></tr>"
        "</table>"
    )
    result = run(page(article_html(after_second=table)))
    assert "| 12.04.2026 | Stadthalle |" in result.text
    assert "| 03.05.2026 | Rathaus |" in result.text


def test_a_dateline_time_and_a_ticker_entrys_time_leave_no_line() -> None:
    dateline = '<div class="datum"><time datetime="2026-03-03T08:00">03.03.2026, 08:00</time></div>'
    result = run(page(article_html(extra_in_body=dateline)))
    assert result.text.split("\n") == BODY_LINES
    html = lxml.html.fromstring(
        "<html><body><ol><li><time>18:45</time><h3>Pegel sinkt</h3><p>Der Wasserstand fällt."
        "</p></li></ol><p><time hidden>03.12.2026</time>Aktualisiert</p></body></html>"
    )
    keep_time_text(html)
    assert len(html.findall(".//time")) == 2


def test_an_info_table_under_the_headline_goes_and_names_the_author() -> None:
    info = (
        "<table class='info'><tr><th>Autorin</th><td>Lena Hofstetter</td></tr>"
        "<tr><th>Publiziert:</th><td><time datetime='2026-03-03T08:00:00+01:00'>03.03.2026, "
        "08:00</time></td></tr></table>"
    )
    result = run(page(article_html().replace(f"<h1>{TITLE}</h1>", f"<h1>{TITLE}</h1>{info}", 1)))
    assert result.authors == ("Lena Hofstetter",)
    assert result.text.split("\n")[0] == LEAD
    assert "Publiziert" not in result.text and "|" not in result.text


def test_a_facts_table_under_the_headline_stays() -> None:
    facts = (
        "<table><tr><th>Ort</th><td>Stadthalle Lindhaven</td></tr>"
        "<tr><th>Eintritt</th><td>frei</td></tr></table>"
    )
    html = page(article_html().replace(f"<h1>{TITLE}</h1>", f"<h1>{TITLE}</h1>{facts}", 1))
    assert "| Ort | Stadthalle Lindhaven |" in run(html).text


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (
            "<footer>Heike Brandstätter, Kreisbauernverband Lindachtal</footer>",
            "Heike Brandstätter, Kreisbauernverband Lindachtal",
        ),
        (
            "<footer><cite>Rainer Olbrich</cite>, Bürgermeister</footer>",
            "Rainer Olbrich, Bürgermeister",
        ),
    ],
)
def test_the_source_line_in_a_quotations_footer_stays_under_it(source: str, line: str) -> None:
    quotation = "„Wir können uns kein weiteres schlechtes Jahr leisten.“"
    quote = f"<blockquote><p>{quotation}</p>{source}</blockquote>"
    lines = run(page(article_html(after_second=quote))).text.split("\n")
    assert lines[lines.index(quotation) + 1] == line


def test_a_footer_outside_a_quotation_still_goes() -> None:
    footer = "<footer>© 2026 Nordkurier Beispielverlag · Impressum · Datenschutz</footer>"
    assert "Beispielverlag" not in run(page(article_html() + footer)).text
