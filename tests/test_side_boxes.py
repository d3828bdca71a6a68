"""Small boxes beside the text of a label and a block or two: pipelines.side_boxes, through the
fact-box pass of pipelines.blocks."""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.blocks import drop_boxes, drop_fact_boxes

PARAGRAPH = (
    "Der Gemeinderat hat am Dienstag mit großer Mehrheit beschlossen, das alte Hallenbad bis "
    "zum Herbst zu sanieren und danach wieder für Schulen und Vereine zu öffnen."
)
SECOND = (
    "Die Kosten von rund vier Millionen Euro tragen Stadt und Land je zur Hälfte, die Arbeiten "
    "sollen im Frühjahr beginnen und bis zum Ende des kommenden Jahres dauern."
)


def _dropped(box: str, *, sidebar: bool = False) -> list[str]:
    """The rules of the boxes dropped from a page with `box` after the text (or in a sidebar)."""
    text = f"<p>{PARAGRAPH}</p><p>{SECOND}</p><p>{PARAGRAPH}</p>"
    body = (
        f"<div class='main'><div class='text'>{text}</div></div><div class='side'>{box}</div>"
        if sidebar
        else f"<div class='text'>{text}{box}</div>"
    )
    tree = lxml.html.fromstring(f"<html><body><h1>Hallenbad wird saniert</h1>{body}</body></html>")
    return [line.rule for line in drop_fact_boxes(tree, tree.find(".//h1"))]


@pytest.mark.parametrize(
    "box",
    [
        "<div><p><strong>Kontakt zur Lokalredaktion</strong></p><p>Lokalredaktion Talheim, "
        "Marktstraße 12, Telefon 07131 / 59 08-21, lokales@talbote.de</p></div>",
        "<div><h3>Ansprechpartner</h3><p>Bürgeramt<br>Frau Lea Kunz<br>Rathaus, Zimmer 1.04<br>"
        "Tel. 0711 2345-6</p></div>",
        "<aside><h4>Ihre Redaktion</h4><p>redaktion@talbote.de</p></aside>",
    ],
)
def test_a_label_over_a_contact_is_a_fact_box(box: str) -> None:
    assert _dropped(box) == ["widget:stats-box"]


@pytest.mark.parametrize(
    "box",
    [
        "<div class='kasten'><h3>Notdienste</h3><p>Wasserstörung: 08431 2207-99</p></div>",
        "<div><p><b>Bereitschaftsdienste</b></p><p>Stromnetz: 0800 123 4567<br>"
        "Giftnotruf: 089 19240<br>Zahnärztlicher Notdienst: (0711) 78 77 712</p></div>",
    ],
)
def test_a_label_over_services_numbers_in_a_sidebar_is_a_fact_box(box: str) -> None:
    assert _dropped(box, sidebar=True) == ["widget:stats-box"]


@pytest.mark.parametrize(
    "box",
    [
        # a result and a count after their labels: too few digits, no number of a phone
        "<div><h3>Endstand</h3><p>Heimteam: 2 - 1</p></div>",
        "<div><h3>Zahlen</h3><p>Besucher: 4 800<br>Stände: 120</p></div>",
        # a sentence with a number in it
        "<div><h3>Störung</h3><p>Die Leitung ist unter 08431 2207-99 erreichbar.</p></div>",
    ],
)
def test_a_label_over_figures_that_are_no_phone_numbers_stays(box: str) -> None:
    assert _dropped(box, sidebar=True) == []


@pytest.mark.parametrize(
    "box",
    [
        "<div><h3>Öffnungszeiten Rathaus</h3><p>Mo–Fr 8:00–12:00 Uhr<br>Do 14:00–18:00 Uhr</p>"
        "</div>",
        "<section><h4>So erreichen Sie uns</h4><p>Dienstag bis Freitag 10-18 Uhr<br>"
        "samstags 9 bis 13 Uhr</p></section>",
    ],
)
def test_a_label_over_opening_hours_in_a_sidebar_is_a_fact_box(box: str) -> None:
    assert _dropped(box, sidebar=True) == ["widget:stats-box"]


@pytest.mark.parametrize(
    "box",
    [
        # A sentence of the text with a phone number, or with opening hours.
        "<div><h3>Hinweise an die Polizei</h3><p>Zeugen melden sich unter Telefon 0711 8990-0 "
        "beim Revier in der Altstadt.</p></div>",
        "<div><h3>Neue Öffnungszeiten</h3><p>Künftig öffnet die Bücherei Mo–Fr 9–18 Uhr.</p></div>",
        # Lines that are no contact and no hours.
        "<div><h3>Neue Regeln</h3><p>Ab Montag gilt die Maskenpflicht<br>auch im Rathaus</p></div>",
        # Some of the lines are hours, others not.
        "<div><h3>Fahrplan</h3><p>Mo–Fr 6–22 Uhr<br>Busse alle zehn Minuten</p></div>",
        # A label that is a sentence.
        "<div><h3>Wir sind für Sie da.</h3><p>Telefon 0711 2345-6</p></div>",
    ],
)
def test_a_label_over_other_lines_stays(box: str) -> None:
    assert _dropped(box) == []


@pytest.mark.parametrize(
    "box",
    [
        "<div><h3>Aus dem Talbote-Navigator</h3><p>Lesen Sie mehr zum Thema in über 45.000 "
        "Artikeln aus 77 Jahren.</p><ul><li><a href='/a/1'>Kultur und Geld: Eine schwierige Ehe "
        "(1987)</a></li><li><a href='/a/2'>150 Jahre Landestheater: Bühne einer Stadt (2024)</a>"
        "</li></ul></div>",
        "<section><p><b>Dossier Verkehrswende</b></p><p>Alle Teile unserer Serie</p><p>Jeden "
        "Samstag neu</p><ol><li><a href='/s/1'>Der Bus kommt nicht</a></li><li><a href='/s/2'>"
        "Radwege ohne Anschluss</a></li><li><a href='/s/3'>Was die Bahn plant</a></li></ol>"
        "</section>",
    ],
)
def test_a_heading_and_its_pitch_over_links_to_other_articles_is_a_teaser(box: str) -> None:
    assert _dropped(box) == ["teaser:more-topics"]


@pytest.mark.parametrize(
    "box",
    [
        # Items with text of their own besides the link: a list of sources, of the text.
        "<div><h3>Quellen der Studie</h3><p>Die Zahlen stammen aus zwei Erhebungen.</p><ul>"
        "<li><a href='/q/1'>Bäderatlas 2024</a> des Landes, Seite 12</li><li><a href='/q/2'>"
        "Umfrage der Stadtwerke</a> vom März</li></ul></div>",
        # A menu of a word or two under a site's name and claim.
        "<div><h2><a href='/'>Uniblatt Talheim</a></h2><p>Die Zeitung der Studierenden</p><ul>"
        "<li><a href='/campus'>Campus</a></li><li><a href='/stadt'>Stadt und Land</a></li></ul>"
        "</div>",
        # Links of sentences.
        "<div><h3>Das sagen Leser</h3><p>Eine Auswahl:</p><ul><li><a href='/c/1'>Das Bad ist "
        "endlich wieder offen.</a></li><li><a href='/c/2'>Die Preise sind zu hoch.</a></li></ul>"
        "</div>",
        # More than a pitch: a section of the text under its subheading.
        f"<div><h3>Wie es weitergeht</h3><p>{PARAGRAPH}</p><p>{SECOND}</p><p>{PARAGRAPH}</p>"
        "<ul><li><a href='/a/1'>Der Plan der Stadtwerke</a></li><li><a href='/a/2'>Der "
        "Beschluss im Wortlaut</a></li></ul></div>",
    ],
)
def test_other_lists_under_a_heading_and_a_line_stay(box: str) -> None:
    assert "teaser:more-topics" not in _dropped(box)


def _column_dropped(page: str) -> list[str]:
    """The texts of the boxes `drop_boxes` removes from `page`."""
    tree = lxml.html.fromstring(f"<html><body>{page}</body></html>")
    return [line.text for line in drop_boxes(tree, tree.find(".//h1"))]


_TEXT = f"<h1>Hallenbad wird saniert</h1><p>{PARAGRAPH}</p><p>{SECOND}</p><p>{PARAGRAPH}</p>"
_WORD = "Jeden Tag ein neues Wort: 职业 (zhíyè) – Beruf"
_MASSES = "Alle Messen und Andachten im Bistum finden Sie in unserem Terminkalender."


@pytest.mark.parametrize(
    "column",
    [
        # a label block over a paragraph, beside a box of links
        "<div class='right'><div class='box'><div class='btit'>Meistgelesen</div><ol><li><a "
        "href='/a'>Laternenfest zieht Hunderttausende an</a></li></ol></div><div class='box'>"
        f"<div class='btit'>Chinesisch lernen</div><p>{_WORD}</p></div></div>",
        # headings over paragraphs in an <aside>, beside a box with a button
        f"<aside id='spalte-rechts'><section><h3>Gottesdienstzeiten</h3><p>{_MASSES}</p>"
        "</section><section><h3>Probeabo</h3><p>Vier Ausgaben kostenlos.</p><a href='/abo'>"
        "Jetzt bestellen</a></section></aside>",
    ],
)
def test_a_labelled_paragraph_in_a_column_of_boxes_beside_the_text_goes(column: str) -> None:
    for page in (f"<div class='left'>{_TEXT}</div>{column}", f"{column}<main>{_TEXT}</main>"):
        dropped = _column_dropped(page)
        assert any(_WORD in text or _MASSES in text for text in dropped)
        assert not any(PARAGRAPH in text for text in dropped)


_SECTIONS = (
    f"<section><h2>Der Plan</h2><p>{PARAGRAPH}</p></section><section><h2>Die Kosten</h2>"
    f"<p>{SECOND}</p></section><section><h2>Der Zeitplan</h2><p>{PARAGRAPH}</p></section>"
)


@pytest.mark.parametrize(
    "page",
    [
        # an article of sections under subheadings: the container itself, nothing beside it
        f"<article><h1>Hallenbad wird saniert</h1><div class='body'>{_SECTIONS}</div></article>"
        "<div class='side'><div class='box'><h3>Wetter</h3><p>12 Grad</p></div></div>",
        # the text's closing sections among its paragraphs
        f"<div class='text'>{_TEXT}<div class='box'><h3>Ausblick</h3><p>{SECOND}</p></div>"
        f"<div class='box'><h3>Was bleibt</h3><p>{_MASSES}</p></div></div>",
        # a column of sections after a short intro: not a third of its words beside it
        f"<div class='intro'><h1>Hallenbad wird saniert</h1><p>{SECOND}</p></div>"
        f"<div class='sections'>{_SECTIONS}</div>",
    ],
)
def test_sections_of_the_text_under_subheadings_stay(page: str) -> None:
    dropped = _column_dropped(page)
    assert not any(PARAGRAPH in text or SECOND in text or _MASSES in text for text in dropped)


_REFERENCE = (
    "Ahlers, F., Brandhorst, U. et al. (2025): Deep soil carbon stocks of German North Sea salt"
    " marshes. Estuarine and Coastal Research 41, 118–131."
)


@pytest.mark.parametrize(
    "box",
    [
        f"<div class='news-publication'><h2>Originalpublikation</h2><p>{_REFERENCE}</p></div>",
        f"<section><h4>Originalveröffentlichung:</h4><p>{_REFERENCE}</p></section>",
        f"<aside class='paper'><p><strong>Publikation</strong></p><p>{_REFERENCE}</p></aside>",
        f"<div><h3>Original publication</h3><p>{_REFERENCE}</p></div>",
    ],
)
def test_a_box_of_its_own_labelled_as_the_original_publication_is_a_citation(box: str) -> None:
    assert _dropped(box) == ["meta:citation"]


@pytest.mark.parametrize(
    "box",
    [
        # the label opening a paragraph of the text, no box of its own
        f"<p><b>Originalpublikation:</b> {_REFERENCE}</p>",
        # the label and the reference as paragraphs of the text
        f"<p><strong>Originalpublikation:</strong></p><p>{_REFERENCE}</p>",
        # a box under another label, and a box of the label over more than one paragraph
        f"<div><h3>Zur Person</h3><p>{_REFERENCE}</p></div>",
        f"<div><h3>Publikation</h3><p>{PARAGRAPH}</p><p>{SECOND}</p></div>",
    ],
)
def test_a_reference_printed_in_the_text_or_under_another_label_is_no_citation_box(
    box: str,
) -> None:
    assert "meta:citation" not in _dropped(box)


@pytest.mark.parametrize(
    ("box", "schedule"),
    [
        (
            "<div class='live'><strong>Gerade auf Sendung</strong><p>Jazz bei Nacht, 22:00 –"
            " 23:30 Uhr</p></div>",
            True,
        ),
        (
            "<div><h3>Termine der Gemeinde</h3><p>Fr, 6.12., 19 Uhr Adventsandacht St. Martin"
            "</p><p>So, 8.12., 9.30 Uhr Familiengottesdienst Heilig Kreuz</p></div>",
            True,
        ),
        (
            "<aside><h4>Heute im Radio</h4><ul><li>18:05 Nachrichten am Abend</li>"
            "<li>19:00 Konzert aus der Stadthalle</li></ul></aside>",
            True,
        ),
        # a sentence at a clock time, and a line with dates but no time
        ("<div><h3>Gottesdienst</h3><p>Die Messe beginnt am Sonntag um 10 Uhr.</p></div>", False),
        (
            "<div><strong>Ausstellungen</strong><p>Malerei aus Flandern, 3.11. – 24.12.</p></div>",
            False,
        ),
    ],
)
def test_a_label_over_lines_at_clock_times_is_a_schedule_box(box: str, schedule: bool) -> None:
    assert ("widget:stats-box" in _dropped(box)) is schedule


def test_a_promo_box_named_in_bold_over_its_button_goes() -> None:
    box = (
        "<div class='signup'><strong>Immer informiert</strong><p>Der Abend kompakt jeden Tag"
        " in Ihrem Postfach.</p><button>Jetzt abonnieren</button></div>"
    )
    page = f"<h1>Hallenbad</h1><div><p>{PARAGRAPH}</p><p>{SECOND}</p>{box}</div>"
    assert len(_column_dropped(page)) == 1


def test_a_bold_line_and_a_link_of_the_text_stay() -> None:
    page = (
        f"<h1>Hallenbad</h1><div><p>{PARAGRAPH}</p><strong>Zum Ratsbeschluss</strong>"
        "<a>PDF</a></div>"
    )
    assert _column_dropped(page) == []
