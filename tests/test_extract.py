"""extract_article on pages built here: furniture, metadata, dates, charsets and guard rails."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
import trafilatura
from trafilatura.settings import Extractor

from crawler.model.hashing import content_hash
from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from pipelines.decode import decode_body
from pipelines.extract import extract_article
from pipelines.headings import recover_headings
from pipelines.leads import find_lead

BERLIN = ZoneInfo("Europe/Berlin")
CET = timezone(timedelta(hours=1))
URL = "https://www.nordkurier-beispiel.de/lokales/hallenbad-wird-saniert"
HTML = {"content-type": "text/html; charset=utf-8"}

TITLE = "Hallenbad wird für vier Millionen Euro saniert"
LEAD = (
    "Der Gemeinderat von Lindhaven hat am Dienstagabend beschlossen, das alte Hallenbad nicht "
    "abzureißen, sondern für rund vier Millionen Euro zu sanieren."
)
PARAGRAPHS = (
    "Die Arbeiten sollen im kommenden Frühjahr beginnen und etwa anderthalb Jahre dauern. "
    "Während der Bauzeit können Schulen und Vereine das Becken im Nachbarort nutzen.",
    "Für den Transport der Kinder will die Gemeinde einen Bus bereitstellen. Die Kosten dafür "
    "trägt nach Angaben der Verwaltung zur Hälfte der Landkreis.",
    "Kritik kam von den Grünen, die einen Neubau mit besserer Energiebilanz gefordert hatten. "
    "Ihr Antrag fand im Rat jedoch keine Mehrheit.",
    "Der Förderverein des Bades zeigte sich erleichtert. Man habe fast zehn Jahre für den "
    "Erhalt gekämpft, sagte die Vorsitzende nach der Abstimmung.",
)
SUBHEADING = "Was sich für Schwimmer ändert"
ITEMS = ("Neues Lehrschwimmbecken", "Barrierefreier Eingang", "Längere Öffnungszeiten")
QUOTE = "„Wir investieren in die Gesundheit unserer Kinder“, sagte der Bürgermeister."
BODY_LINES = [LEAD, *PARAGRAPHS[:2], SUBHEADING, *ITEMS, QUOTE, *PARAGRAPHS[2:]]


def article_html(*, extra_in_body: str = "", after_second: str = "", closing: str = "") -> str:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    return f"""
<article class="artikel">
<h1>{TITLE}</h1>
<p>{LEAD}</p>
{extra_in_body}
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
{after_second}
<h2>{SUBHEADING}</h2>
<ul>{items}</ul>
<blockquote><p>{QUOTE}</p></blockquote>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
{closing}
</article>"""


def page(
    body: str,
    *,
    head: str = "",
    title: str = f"{TITLE} | Nordkurier Beispiel",
    lang: str = "de",
    charset: str = "utf-8",
) -> str:
    nav = "".join(
        f'<li><a href="/{name.lower()}">{name}</a></li>'
        for name in ("Politik", "Wirtschaft", "Lokales", "Sport", "Kultur")
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>{title}</title>
{head}
</head>
<body>
<header><nav><ul>{nav}</ul></nav></header>
<main>
{body}
</main>
<footer><p>© 2026 Nordkurier Beispiel GmbH</p><a href="/impressum">Impressum</a></footer>
</body>
</html>"""


def run(
    html: str | bytes,
    *,
    url: str = URL,
    headers: dict[str, str] | None = None,
    rules: CleaningRules | None = None,
    hints: dict[str, str] | None = None,
    max_bytes: int | None = None,
) -> ExtractedArticle:
    body = html.encode("utf-8") if isinstance(html, str) else html
    inp = ExtractInput(
        url=url,
        body=body,
        headers=HTML if headers is None else headers,
        rules=rules or CleaningRules(),
        hints=hints or {},
    )
    if max_bytes is None:
        return extract_article(inp)
    return extract_article(inp, max_bytes=max_bytes)


# --- the article text ------------------------------------------------------------------------


def test_clean_article_comes_out_line_by_line() -> None:
    result = run(page(article_html()))
    assert result.outcome == "ok"
    assert result.text.split("\n") == BODY_LINES
    assert result.title == TITLE
    assert result.language == "de"
    assert result.encoding == "utf-8"
    assert result.content_hash == content_hash(result.text)
    assert result.has_text


def test_furniture_around_and_inside_the_body_is_removed() -> None:
    modal = (
        '<div class="x9-overlay"><p>Registrierung erfolgreich abgeschlossen!</p>'
        "<p>Klicken Sie bitte den Link aus der E-Mail, die an Sie geschickt wurde.</p></div>"
    )
    promo = (
        "<p>Keine Lust mehr auf langweilige Lokalnachrichten? 📰🙄 Dann ist unser Kanal genau "
        "das Richtige für dich! 🚀😎</p><p>👉Beitreten zu Telegramm</p>"
    )
    ad_and_consent = (
        "<p>Anzeige</p><p>Externer Inhalt</p><p>Ich bin damit einverstanden, dass mir externe "
        "Inhalte angezeigt werden. Damit können personenbezogene Daten an Drittplattformen "
        "übermittelt werden.</p>"
    )
    closing = (
        '<p><strong>Mehr zum Thema</strong> – <a href="/lokales/parkgebuehren">Neue '
        "Parkgebühren sorgen für Ärger in der Innenstadt</a></p>"
    )
    comments = (
        '<section class="comments"><h3>Kommentare (2)</h3><p>Um an der Diskussion '
        "teilzunehmen, loggen Sie sich ein oder registrieren Sie sich.</p>"
        '<div class="comment"><p>Endlich eine gute Nachricht für unsere Familien!</p></div>'
        "</section>"
    )
    html = page(
        modal
        + article_html(extra_in_body=promo, after_second=ad_and_consent, closing=closing)
        + comments
    )
    result = run(html)
    assert result.outcome == "ok"
    assert result.text.split("\n") == BODY_LINES
    rules = {d.rule for d in result.dropped}
    assert {"promo:telegram", "ad:label", "consent:embed", "teaser:mehr-zum-thema"} <= rules
    assert "Endlich eine gute Nachricht" not in result.text  # comments stay off


@pytest.mark.parametrize(
    ("card", "rule"),
    [
        # a card of a label element and a headline link, joined with no space or with one
        (
            '<div class="card"><div><span class="desc">Auch interessant</span><a href="/lokales/'
            'schoeffen">Stadt sucht Schöffen für die nächste Amtszeit</a></div></div>',
            "teaser:auch-interessant",
        ),
        (
            '<div class="card"><div><span>Lesen Sie auch</span> <a href="/lokales/markt">Neuer '
            "Wochenmarkt startet im April am Rathaus</a></div></div>",
            "teaser:lesen-sie-auch",
        ),
        (
            '<p><b>Mehr zum Thema</b><a href="/lokales/bus">Schulbus fährt während der Bauzeit '
            "nach Kleinbrück</a></p>",
            "teaser:mehr-zum-thema",
        ),
    ],
)
def test_a_related_article_card_of_a_label_and_a_link_is_removed(card: str, rule: str) -> None:
    result = run(page(article_html(after_second=card)))
    assert result.text.split("\n") == BODY_LINES
    assert rule in {d.rule for d in result.dropped}


def test_a_sentence_opening_with_a_labelled_span_stays() -> None:
    sentence = (
        "Auch interessant war der Auftritt von Kai Brandt, der das Bad als Kind besucht hatte."
    )
    card = (
        '<p><span class="hl">Auch interessant</span> war der Auftritt von <a href="/personen/'
        'brandt">Kai Brandt</a>, der das Bad als Kind besucht hatte.</p>'
    )
    result = run(page(article_html(after_second=card)))
    assert sentence in result.text.split("\n")


def test_teaser_link_glued_between_two_sentences_is_removed() -> None:
    glued = (
        f'<p>{PARAGRAPHS[0]} <a href="/lokales/parkgebuehren" class="rm"><strong>Neue '
        f"Parkgebühren sorgen für Ärger in der Innenstadt</strong></a> {PARAGRAPHS[1]}</p>"
    )
    html = page(f"<article><h1>{TITLE}</h1><p>{LEAD}</p>{glued}<p>{PARAGRAPHS[2]}</p></article>")
    result = run(html)
    assert result.text.split("\n") == [LEAD, f"{PARAGRAPHS[0]} {PARAGRAPHS[1]}", PARAGRAPHS[2]]
    assert [d.rule for d in result.dropped if d.rule.startswith("teaser:")] == [
        "teaser:inline-link"
    ]


def test_ordinary_links_inside_sentences_stay() -> None:
    linked = (
        '<p>Die Entscheidung fiel nach einer Anhörung, zu der <a href="/personen/kranich">die '
        "Bürgermeisterin Sabine Kranich</a> eingeladen hatte. Mehr dazu erklärte die "
        '<a href="/verwaltung">Verwaltung der Stadt Lindhaven</a>.</p>'
    )
    html = page(f"<article><h1>{TITLE}</h1><p>{LEAD}</p>{linked}<p>{PARAGRAPHS[0]}</p></article>")
    result = run(html)
    assert "die Bürgermeisterin Sabine Kranich eingeladen hatte" in result.text
    assert "Verwaltung der Stadt Lindhaven." in result.text
    assert not [d for d in result.dropped if d.rule.startswith("teaser:")]


def test_teaser_card_between_paragraphs_is_removed() -> None:
    card = (
        '<div class="x-card"><img src="/t.jpg" alt="Rathaus">'
        '<a href="/lokales/rathaus-umbau">Rathaus bekommt ein neues Bürgerbüro im Erdgeschoss</a>'
        "</div>"
    )
    result = run(page(article_html(after_second=card)))
    assert result.text.split("\n") == BODY_LINES
    assert "teaser:link-block" in {d.rule for d in result.dropped}


def test_lead_kept_apart_from_the_body_is_recovered() -> None:
    html = page(
        f'<div class="story"><h1>{TITLE}</h1><div class="story-summary">{LEAD}</div>'
        '<div class="story-text">' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div></div>"
    )
    result = run(html)
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize("headline_in_table", [True, False])
def test_a_table_laying_out_the_page_is_read_as_blocks(headline_in_table: bool) -> None:
    """A layout table's cells are not glued into one line; a data table inside stays a table."""
    data = (
        "<table><tr><th>Ortsteil</th><th>Plätze</th></tr><tr><td>Nord</td><td>40</td></tr>"
        "<tr><td>Süd</td><td>25</td></tr></table>"
    )
    text = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    headline = f"<h1>{TITLE}</h1>"
    html = page(
        '<table class="layout" width="100%"><tr><td><div>Kreisblatt · Lokales</div></td></tr>'
        f'<tr><td><div class="artikel"><div>Lokales · 14.05.2025</div>{headline}{text}{data}'
        "<p>Diesen Artikel lesen Sie auch in der gedruckten Ausgabe vom 14. Mai.</p></div>"
        '<div><h3>Mehr Themen</h3><p><a href="/l/1">Maibaum aufgestellt</a></p></div>'
        "</td></tr><tr><td>Kreisblatt Verlag · Impressum · Datenschutz</td></tr></table>",
    )
    if not headline_in_table:
        html = html.replace(headline, "").replace("<table class", f"{headline}<table class", 1)
    rows = ["| Ortsteil | Plätze |", "|---|---|", "| Nord | 40 |", "| Süd | 25 |"]
    assert run(html).text.split("\n") == [LEAD, *PARAGRAPHS, *rows]


@pytest.mark.parametrize(
    "box",
    [
        '<div class="hilfe"><h3>Helfen Sie mit</h3><p>Schon 20 Euro sichern eine Woche Unterricht'
        ' für ein Kind.</p><div class="betraege"><button>20 €</button><button>50 €</button>'
        '</div><a href="/spenden">Jetzt spenden</a><p>Spenden sind steuerlich absetzbar.</p></div>',
        "<aside><div><p><strong>Gut informiert bleiben</strong></p><p>Alle Artikel, das E-Paper"
        ' und die App.</p></div><p><a href="/abo">Abo abschließen</a></p></aside>',
    ],
)
def test_a_small_box_around_a_button_asking_for_money_goes_whole(box: str) -> None:
    result = run(page(article_html(after_second=box)))
    assert result.text.split("\n") == BODY_LINES


def test_a_pictures_box_goes_with_its_caption_but_a_lead_beside_a_picture_stays() -> None:
    picture = (
        '<div class="pic"><img src="/hafen.jpg" alt="Hafen"><div class="copy">© Kreisblatt / '
        'Ole Brandt</div><div class="title">Der neue Anleger im Stadthafen</div></div>'
    )
    body = "".join(f'<div class="para">{p}</div>' for p in PARAGRAPHS)
    story = (
        f'<div class="story"><h1>{TITLE}</h1><div class="summary">{LEAD}</div>{picture}'
        f'<div class="body">{body}</div></div>'
    )
    assert run(page(story)).text.split("\n") == [LEAD, *PARAGRAPHS]
    lead = (
        f'<div class="head"><h1>{TITLE}</h1><div class="announce"><img src="/a.jpg" alt="">'
        f"<div>{LEAD}</div></div></div>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    assert run(page(lead)).text.split("\n")[0] == LEAD


@pytest.mark.parametrize(
    "picture",
    [
        '<div class="bildbox"><img src="/bad.jpg" alt=""><p class="bu">Das Becken vor der '
        "Sanierung: Hier soll die Rutsche entstehen.<br><span>Foto: Kreisblatt/Archiv</span></p>"
        "</div>",
        '<div class="foto"><a href="/b.jpg"><img src="/bad.jpg"></a><p>Blick in die Halle.'
        "<br><small>© Ole Brandt</small></p></div>",
    ],
)
def test_a_pictures_box_after_the_text_goes_with_its_credited_caption(picture: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    result = run(page(f"<article><h1>{TITLE}</h1>{body}{picture}</article>"))
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    ("picture", "authors"),
    [
        (
            '<div class="pic"><img src="/spritze.jpg" alt=""><div class="pic-sub"><span '
            'class="pic-author">Bericht und Bild: Jonas Kettler</span><br>Die Spritze von 1898 im'
            " Einsatz.</div></div>",
            ("Jonas Kettler",),
        ),
        (
            '<div class="foto"><img src="/bad.jpg" alt=""><p><small>Text und Foto: Anna Berger'
            "</small><br>Der neue Anleger im Stadthafen.</p></div>",
            ("Anna Berger",),
        ),
        (
            '<div class="bild"><img src="/bad.jpg" alt=""><div><em>Bericht/Foto: Ole Brandt</em>'
            "</div><div>Blick in die sanierte Halle.</div></div>",
            ("Ole Brandt",),
        ),
        # a photographer's credit over the caption: the box goes, its name writes nothing
        (
            '<div class="pic"><img src="/bad.jpg" alt=""><div><span>Foto: Ole Brandt</span><br>'
            "Blick in die sanierte Halle.</div></div>",
            (),
        ),
    ],
)
def test_a_pictures_box_opened_by_its_credit_goes_and_a_credit_for_the_text_names_the_author(
    picture: str, authors: tuple[str, ...]
) -> None:
    body = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    result = run(page(f"<div class='main'><h1>{TITLE}</h1>{picture}{body}</div>"))
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]
    assert result.authors == authors


def test_a_lead_beside_a_picture_opened_by_no_credit_stays() -> None:
    picture = (
        f'<div class="pic"><img src="/bad.jpg" alt=""><div><span>Das Wichtigste:</span><br>'
        f"{LEAD}</div></div>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    text = run(page(f"<div class='main'><h1>{TITLE}</h1>{picture}{body}</div>")).text
    assert LEAD in text


def test_a_paragraph_beside_a_picture_without_a_credit_stays() -> None:
    said = "Das Becken wird im Mai wieder geöffnet.<br>Die Sauna folgt im Juni."
    picture = f'<div class="pic"><img src="/bad.jpg" alt=""><p>{said}</p></div>'
    body = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    text = run(page(f"<article><h1>{TITLE}</h1>{body}{picture}</article>")).text
    assert "Die Sauna folgt im Juni." in text


def test_a_partners_note_closing_the_text_goes() -> None:
    for note in (
        "<p class='partner-hinweis'><small>Der Beitrag erscheint mit freundlicher Genehmigung"
        " des Kreisblatts Oberau.</small></p>",
        "<div><em>Dieses Interview wurde uns von der Neuen Seepost zur Verfügung gestellt.</em>"
        "</div>",
    ):
        assert run(page(article_html(closing=note))).text.split("\n") == BODY_LINES, note


def test_site_selectors_and_xpaths_drop_elements_before_extraction() -> None:
    box = (
        '<div class="nk-box"><p>Dieser Kasten gehört nicht zum Artikel, er wirbt für ein Abo.'
        "</p></div>"
    )
    aside = '<p id="nk-hint">Ein weiterer Hinweis der Redaktion, der nicht ins Archiv gehört.</p>'
    rules = CleaningRules(drop_selectors=("div.nk-box",), drop_xpaths=("//p[@id='nk-hint']",))
    result = run(page(article_html(extra_in_body=box + aside)), rules=rules)
    assert result.text.split("\n") == BODY_LINES
    assert {d.rule for d in result.dropped} >= {
        "site:css:div.nk-box",
        "site:xpath://p[@id='nk-hint']",
    }


def test_site_line_patterns_apply() -> None:
    rules = CleaningRules(drop_line_patterns=(r"^Der Förderverein",))
    result = run(page(article_html()), rules=rules)
    assert PARAGRAPHS[3] not in result.text
    assert any(d.rule == "site:^Der Förderverein" for d in result.dropped)


def test_page_without_article_text_is_empty_but_keeps_metadata() -> None:
    head = '<meta property="og:title" content="Kontakt zur Redaktion">'
    result = run(page("<div><a href='/'>Startseite</a></div>", head=head))
    assert result.outcome == "empty"
    assert result.text == ""
    assert result.content_hash is None
    assert result.title == "Kontakt zur Redaktion"
    assert result.language == "de"


@pytest.mark.parametrize(
    "above",
    [
        f'<div class="b-article__lead">{LEAD}</div>',
        f'<p class="intro"><strong>{LEAD}</strong></p><div class="date">14.05.2026</div>',
        f'<div class="summary">{LEAD}</div><div class="kicker">Lokales</div>',
    ],
)
def test_a_lead_marked_as_one_above_the_headline_is_recovered(above: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<article>{above}<h1>{TITLE}</h1><div class="article-body">{body}</div></article>')
    assert run(html).text.split("\n") == [LEAD, *PARAGRAPHS]


def test_an_unmarked_sentence_above_the_headline_is_no_lead() -> None:
    """Above the headline stand a kicker, a date line or the site's slogan: only a block marked
    as the lead is taken from there."""
    slogan = "Die Zeitung für das ganze Seenland, unabhängig und überparteilich seit dem Jahr 1949."
    tree = lxml.html.fromstring(
        f'<div class="story"><div class="claim">{slogan}</div><h1>{TITLE}</h1><p>{LEAD}</p></div>'
    )
    assert find_lead(tree.find("h1")) is None


def test_lead_opening_the_text_container_with_a_teaser_class_is_recovered() -> None:
    # trafilatura drops class="teaser"; many German CMSs give the article's own lead that name.
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<h1>{TITLE}</h1><div class="text"><p class="teaser">{LEAD}</p>{body}</div>')
    assert run(html).text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    "widget",
    [
        '<div class="comments-teaser">Was denken Sie darüber? Diskutieren Sie mit uns und den'
        " anderen Lesern.</div>",
        '<p class="newsletter-teaser">Jeden Morgen die wichtigsten Nachrichten aus der Region'
        " bequem in Ihrem Postfach.</p>",
    ],
)
def test_a_widget_calling_itself_a_teaser_beside_the_headline_is_no_lead(widget: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(
        f'<div><h1>{TITLE}</h1><div class="text"><p class="teaser">{LEAD}</p>{body}</div>'
        f"{widget}</div>"
    )
    assert run(html).text.split("\n")[:2] == [LEAD, PARAGRAPHS[0]]


@pytest.mark.parametrize("mark", ["kommentar-teaser", "commentary__lead"])
def test_an_opinion_pieces_lead_beside_the_headline_is_the_lead(mark: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<div><h1>{TITLE}</h1><p class="{mark}">{LEAD}</p></div><div>{body}</div>')
    assert run(html).text.split("\n")[:2] == [LEAD, PARAGRAPHS[0]]


def test_lead_under_a_headline_that_is_no_h1() -> None:
    # TYPO3's news extension prints the headline as <h3>; the site name is no <h1> at all.
    head = f'<meta property="og:title" content="{TITLE}">'
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(
        f'<div class="article"><div class="header"><h3>{TITLE}</h3></div>'
        f'<div class="teaser-text"><p>{LEAD}</p></div><div class="news-text-wrap">{body}</div>'
        "</div>",
        head=head,
    )
    assert run(html).text.split("\n") == [LEAD, *PARAGRAPHS]


def test_subheading_lost_by_trafilatura_is_put_back_between_its_paragraphs() -> None:
    # Without a container its body XPaths know, trafilatura may fall back to a readability-style
    # extraction that drops <h2>s (RT DE's "ViewText" markup, tests/eval page 12). The repair
    # sees the tree and trafilatura's lines; here the lines lack the heading.
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    aside = (
        "<aside><h2>Meistgelesen</h2><p>Eine ganz andere Meldung über etwas anderes.</p></aside>"
    )
    tree = lxml.html.document_fromstring(
        page(f'<div class="ViewText-root">{paragraphs}<h2>{SUBHEADING}</h2>{rest}</div>{aside}')
    )
    lines = list(PARAGRAPHS)
    assert recover_headings(tree, lines) == [*PARAGRAPHS[:2], SUBHEADING, *PARAGRAPHS[2:]]
    # Nothing comes back when the heading's neighbours are not adjacent output lines.
    assert recover_headings(tree, [PARAGRAPHS[0], PARAGRAPHS[2]]) == [PARAGRAPHS[0], PARAGRAPHS[2]]


@pytest.mark.parametrize(
    ("heading", "listing"),
    [
        ("h2", "ul"),
        ("h3", "ol"),
    ],
)
def test_a_subheading_over_a_short_list_lost_by_trafilatura_is_put_back(
    heading: str, listing: str
) -> None:
    # With no container its body XPaths know, trafilatura gathers the page's loose paragraphs,
    # which leaves out headings and lists: the checklist under its subheading comes back.
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    html = (
        f"<html lang='de'><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
        f"<div class='txt'><p>{LEAD}</p><p>{PARAGRAPHS[0]}</p>"
        f"<{heading}>{SUBHEADING}</{heading}><{listing}>{items}</{listing}>"
        f"<p>{PARAGRAPHS[1]}</p></div></body></html>"
    )
    assert run(html).text.split("\n") == [LEAD, PARAGRAPHS[0], SUBHEADING, *ITEMS, PARAGRAPHS[1]]


@pytest.mark.parametrize(
    "listing",
    [
        # a list of links: other articles
        "".join(f"<li><a href='/a/{n}'>{item}</a></li>" for n, item in enumerate(ITEMS)),
        # a long list is no checklist
        "".join(f"<li>{item} {n}</li>" for n in range(3) for item in ITEMS),
        # items of more than a sentence
        f"<li>{PARAGRAPHS[2]} {PARAGRAPHS[2]}</li>",
    ],
)
def test_a_list_that_is_no_short_checklist_does_not_come_back_with_its_heading(
    listing: str,
) -> None:
    tree = lxml.html.document_fromstring(
        page(
            f"<div><p>{PARAGRAPHS[0]}</p><h2>{SUBHEADING}</h2><ul>{listing}</ul>"
            f"<p>{PARAGRAPHS[1]}</p></div>"
        )
    )
    assert recover_headings(tree, list(PARAGRAPHS[:2])) == list(PARAGRAPHS[:2])


def test_a_headed_list_between_lines_that_are_not_adjacent_does_not_come_back() -> None:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    tree = lxml.html.document_fromstring(
        page(
            f"<div><p>{PARAGRAPHS[0]}</p><h2>{SUBHEADING}</h2><ul>{items}</ul>"
            f"<p>{PARAGRAPHS[1]}</p></div>"
        )
    )
    lines = [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[1]]
    assert recover_headings(tree, list(lines)) == lines


@pytest.mark.parametrize(
    ("heading", "listing", "after"),
    [
        ("h2", "ul", ""),
        ("h3", "ol", ""),
        # the container ends with the list; what follows it is the page's, not the text's
        ("h2", "ul", "<div class='print'>Auch in der gedruckten Ausgabe.</div>"),
    ],
)
def test_a_subheading_with_its_list_closing_the_text_is_put_back(
    heading: str, listing: str, after: str
) -> None:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    tree = lxml.html.document_fromstring(
        page(
            f"<div><div class='txt'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
            f"<{heading}>{SUBHEADING}</{heading}><{listing}>{items}</{listing}></div>{after}</div>"
        )
    )
    lines = list(PARAGRAPHS[:2])
    assert recover_headings(tree, lines) == [*PARAGRAPHS[:2], SUBHEADING, *ITEMS]


@pytest.mark.parametrize(
    "closing",
    [
        # a heading over nothing closes no text
        f"<h2>{SUBHEADING}</h2>",
        # a list of links under its heading is a list of other articles
        f"<h2>{SUBHEADING}</h2><ul>"
        + "".join(f"<li><a href='/a/{n}'>{item}</a></li>" for n, item in enumerate(ITEMS))
        + "</ul>",
        # text after the list in the same container: the list is not the close of the text
        f"<h2>{SUBHEADING}</h2><ul>"
        + "".join(f"<li>{item}</li>" for item in ITEMS)
        + f"</ul><p>{PARAGRAPHS[2]}</p>",
    ],
)
def test_a_closing_heading_that_heads_no_short_list_of_text_does_not_come_back(
    closing: str,
) -> None:
    tree = lxml.html.document_fromstring(
        page(f"<div><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{closing}</div>")
    )
    assert recover_headings(tree, list(PARAGRAPHS[:2])) == list(PARAGRAPHS[:2])


def test_a_headed_list_after_a_paragraph_that_is_not_the_last_line_does_not_come_back() -> None:
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    tree = lxml.html.document_fromstring(
        page(f"<div><p>{PARAGRAPHS[0]}</p><h2>{SUBHEADING}</h2><ul>{items}</ul></div>")
    )
    lines = [PARAGRAPHS[0], PARAGRAPHS[1]]
    assert recover_headings(tree, list(lines)) == lines


@pytest.mark.parametrize(
    "between",
    [
        # an ad's slot with its label
        "<div class='ad-inline'><span>Anzeige</span><span>Weiterlesen nach der Anzeige</span>"
        "</div>",
        "<div id='mrec'>Werbung</div>",
        # the list the paragraph before the heading introduces (its last item is a line)
        "<ul>" + "".join(f"<li>{item}</li>" for item in ITEMS) + "</ul>",
    ],
)
def test_a_subheading_after_an_ad_slot_or_a_list_is_put_back(between: str) -> None:
    tree = lxml.html.document_fromstring(
        page(
            f"<div><p>{PARAGRAPHS[0]}</p>{between}<h2>{SUBHEADING}</h2><p>{PARAGRAPHS[1]}</p></div>"
        )
    )
    listed = list(ITEMS) if between.startswith("<ul>") else []
    lines = [PARAGRAPHS[0], *listed, PARAGRAPHS[1]]
    assert recover_headings(tree, list(lines)) == [*lines[:-1], SUBHEADING, PARAGRAPHS[1]]


def test_a_subheading_after_a_paragraph_the_text_lacks_does_not_come_back() -> None:
    # A block of a sentence between them is no ad's label: the heading may be a box's.
    box = "<div class='info'>Die Gemeinde informiert in einer Veranstaltung über das Bad.</div>"
    tree = lxml.html.document_fromstring(
        page(f"<div><p>{PARAGRAPHS[0]}</p>{box}<h2>{SUBHEADING}</h2><p>{PARAGRAPHS[1]}</p></div>")
    )
    assert recover_headings(tree, list(PARAGRAPHS[:2])) == list(PARAGRAPHS[:2])


@pytest.mark.parametrize(
    ("heading", "listing"),
    [("<p><strong>Was ist verboten?</strong></p>", "ul"), ("<p><b>Die Regeln</b></p>", "ol")],
)
def test_a_short_list_under_a_subheading_in_bold_is_put_back(heading: str, listing: str) -> None:
    # A paragraph all in bold is the subheading of the list under it, which a fallback
    # extraction of loose paragraphs leaves out.
    label = lxml.html.fromstring(heading).text_content()
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    tree = lxml.html.document_fromstring(
        page(
            f"<div><p>{PARAGRAPHS[0]}</p>{heading}<{listing}>{items}</{listing}>"
            f"<p>{PARAGRAPHS[1]}</p></div>"
        )
    )
    lines = [PARAGRAPHS[0], label, PARAGRAPHS[1]]
    assert recover_headings(tree, list(lines)) == [PARAGRAPHS[0], label, *ITEMS, PARAGRAPHS[1]]


@pytest.mark.parametrize(
    "intro",
    [
        # bold only in part: a sentence of the text, no heading
        "<p><strong>Wichtig</strong> ist der Termin im Rathaus</p>",
        # a plain paragraph without a colon announces nothing
        "<p>Die Regeln im Einzelnen</p>",
    ],
)
def test_a_list_under_a_paragraph_that_is_no_bold_heading_does_not_come_back(intro: str) -> None:
    label = lxml.html.fromstring(intro).text_content()
    items = "".join(f"<li>{item}</li>" for item in ITEMS)
    tree = lxml.html.document_fromstring(
        page(f"<div><p>{PARAGRAPHS[0]}</p>{intro}<ul>{items}</ul><p>{PARAGRAPHS[1]}</p></div>")
    )
    lines = [PARAGRAPHS[0], label, PARAGRAPHS[1]]
    assert recover_headings(tree, list(lines)) == lines


def test_headings_outside_the_text_do_not_come_back() -> None:
    html = page(article_html() + "<aside><h2>Meistgelesen</h2><ul><li>x</li></ul></aside>")
    assert "Meistgelesen" not in run(html).text


def test_teaser_link_on_a_query_string_cms_is_removed() -> None:
    # Old PHP CMSs address every article as artikel.php?id=…: same path, other query.
    glued = (
        f'{PARAGRAPHS[0]} <a href="artikel.php?id=20877">Neue Haltestelle am Friedhof '
        f"eingeweiht</a> {PARAGRAPHS[1]}"
    )
    url = "http://www.lokalbote-beispiel.de/artikel.php?id=20931"
    html = page(
        f"<article><h1>{TITLE}</h1><p>{LEAD}</p><p>{glued}</p><p>{PARAGRAPHS[2]}</p></article>"
    )
    result = run(html, url=url)
    assert result.text.split("\n") == [LEAD, f"{PARAGRAPHS[0]} {PARAGRAPHS[1]}", PARAGRAPHS[2]]


@pytest.mark.parametrize(
    ("wrap", "card"),
    [
        # each paragraph in a block of its own, the card too, its date under the headline
        (
            "<div class='blk'><div class='txt'>{}</div></div>",
            "<div class='blk'><div class='card'><a href='/20260612/bahn-1046.html'><span>"
            "Sanierungssommer bei der Bahn: Hunderte Strecken gesperrt</span></a>"
            "<div class='info'><span>12.06.2026, 09:12</span></div></div></div>",
        ),
        (
            "<p>{}</p>",
            "<div><a href='/lokales/kita-1.html'>Neue Kita öffnet im Herbst am Mühlbach</a>"
            " <span>3. Mai 2026</span></div>",
        ),
    ],
)
def test_a_card_of_another_articles_headline_and_date_among_the_text_goes(
    wrap: str, card: str
) -> None:
    blocks = [wrap.format(p) for p in PARAGRAPHS]
    blocks.insert(2, card)
    html = page(f"<h1>{TITLE}</h1><div class='body'>{''.join(blocks)}</div>")
    result = run(html)
    assert result.text.split("\n") == list(PARAGRAPHS)
    assert "teaser:link-block" in {d.rule for d in result.dropped}


@pytest.mark.parametrize(
    "block",
    [
        # a link in a sentence naming a date
        "<p><a href='/rat/sitzung-4.html'>Die Sitzung des Stadtrats</a> beginnt am 12.06.2026"
        " um 18 Uhr im Rathaus.</p>",
        # a card of another site's article
        "<div><a href='https://www.andere-zeitung.example/a/9.html'>Neue Kita öffnet im Herbst"
        " am Mühlbach</a> <span>3. Mai 2026</span></div>",
    ],
)
def test_a_link_with_a_date_in_a_sentence_or_to_another_site_stays(block: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f"<h1>{TITLE}</h1><div class='body'>{paragraphs}{block}</div>")
    assert "teaser:link-block" not in {d.rule for d in run(html).dropped}


def test_link_after_an_unknown_lead_in_is_a_teaser_block() -> None:
    block = (
        '<div>Читать также: <a href="/news/politika/wahlkommission-23970.html">Wahlkommission '
        "will digitale Abstimmung ausweiten</a></div>"
    )
    paragraphs = "".join(f"<div>{p}</div>" for p in PARAGRAPHS)
    html = page(f"<h1>{TITLE}</h1><div class='detail-text'>{paragraphs}{block}</div>")
    result = run(html)
    assert result.text.split("\n") == list(PARAGRAPHS)
    assert "teaser:link-block" in {d.rule for d in result.dropped}


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            'Die Stellungnahme des Vereins steht im Wortlaut auf <a href="/verein/stellungnahme">'
            "der Seite des Fördervereins</a> zur Verfügung.",
            "Seite des Fördervereins zur Verfügung.",
        ),
        # A donation link inside a sentence is no button of a box.
        (
            "Der Verein sammelt seit dem Brand Geld für die Familie; wer helfen will, findet das "
            '<a href="/spenden">Spendenkonto</a> auf der Seite der Gemeinde, sagte sie.',
            "findet das Spendenkonto auf der Seite der Gemeinde",
        ),
    ],
)
def test_a_sentence_with_a_link_stays(line: str, kept: str) -> None:
    result = run(page(article_html(after_second=f"<p>{line}</p>")))
    assert kept in result.text


# --- metadata --------------------------------------------------------------------------------


def test_json_ld_in_graph_gives_dates_authors_section_and_tags() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Nordkurier Beispiel"},
            {
                "@type": ["NewsArticle"],
                "headline": TITLE,
                "datePublished": "2026-11-20T14:05:00+01:00",
                "dateModified": "2026-11-20T13:30:00Z",
                "author": [
                    {"@type": "Person", "name": "Anna Beispiel"},
                    {"@type": "Person", "name": "Ole Brandt"},
                ],
                "publisher": {"@type": "Organization", "name": "Nordkurier Beispiel"},
                "articleSection": ["Lokales"],
                "keywords": "Hallenbad, Lindhaven, Sanierung",
                "image": {"@type": "ImageObject", "url": "https://cdn.example/bad.jpg"},
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    result = run(page(article_html(), head=head, title="Startseite"))
    assert result.title == TITLE
    assert result.published_at == datetime(2026, 11, 20, 14, 5, tzinfo=CET)
    assert result.published_at_raw == "2026-11-20T14:05:00+01:00"
    assert result.modified_at == datetime(2026, 11, 20, 13, 30, tzinfo=UTC)
    assert result.authors == ("Anna Beispiel", "Ole Brandt")
    assert result.section == "Lokales"
    assert result.tags == ("Hallenbad", "Lindhaven", "Sanierung")
    assert result.site_name == "Nordkurier Beispiel"
    assert result.image_url == "https://cdn.example/bad.jpg"


def test_meta_tags_give_everything_with_timezone() -> None:
    head = f"""
<meta property="og:title" content="{TITLE} – Nordkurier Beispiel">
<meta property="og:site_name" content="Nordkurier Beispiel">
<meta property="og:description" content="Der Rat entscheidet sich gegen einen Neubau.">
<meta property="og:image" content="/bilder/hallenbad.jpg">
<meta property="article:published_time" content="2026-07-02T09:15:00">
<meta property="article:modified_time" content="2026-07-02T11:00:00+02:00">
<meta property="article:section" content="Lokales">
<meta property="article:tag" content="Hallenbad">
<meta property="article:tag" content="Sport">
<meta name="author" content="Von Anna Beispiel und Ole Brandt">
<link rel="canonical" href="/lokales/2026/07/02/hallenbad">
"""
    result = run(page(article_html(), head=head))
    assert result.title == TITLE
    assert result.site_name == "Nordkurier Beispiel"
    assert result.description == "Der Rat entscheidet sich gegen einen Neubau."
    assert result.image_url == "https://www.nordkurier-beispiel.de/bilder/hallenbad.jpg"
    # A naive time is Berlin time (summer: +02:00).
    assert result.published_at == datetime(2026, 7, 2, 9, 15, tzinfo=BERLIN)
    assert result.published_at is not None and result.published_at.utcoffset() == timedelta(hours=2)
    assert result.published_at_raw == "2026-07-02T09:15:00"
    assert result.modified_at == datetime(2026, 7, 2, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    assert result.section == "Lokales"
    assert result.tags == ("Hallenbad", "Sport")
    assert result.authors == ("Anna Beispiel", "Ole Brandt")
    assert result.canonical_url == "https://www.nordkurier-beispiel.de/lokales/2026/07/02/hallenbad"


def test_authors_split_on_semicolons() -> None:
    head = '<meta name="author" content="Anna Beispiel; Ole Brandt; https://nk.example/autor">'
    assert run(page(article_html(), head=head)).authors == ("Anna Beispiel", "Ole Brandt")


def test_authors_from_the_byline_element() -> None:
    byline = '<p class="article-byline">Von Anna Beispiel, 20.11.2026, 14:05 Uhr</p>'
    assert run(page(article_html(extra_in_body=byline))).authors == ("Anna Beispiel",)


def test_a_correspondent_byline_in_an_address_next_to_the_headline() -> None:
    header = (
        f"<h1>{TITLE}</h1><address>Von unserer Korrespondentin Ina Sommer, Riga</address>"
        "<div>02.12.2026</div>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = run(page(f"<body>{header}{body}</body>"))
    assert result.authors == ("Ina Sommer",)
    assert "Korrespondentin" not in result.text


def test_a_writer_label_element_before_the_name_element() -> None:
    lines = {
        "<small>Autorin</small> <span>Dr. Ina Sommer</span> <span>02.12.2026</span>": (
            "Ina Sommer",
        ),
        "<strong>Text</strong> <a href='/ole'>Ole Brandt</a> · <span>3 Min.</span>": (
            "Ole Brandt",
        ),
        "<b>Autor:</b> <em>Ole Brandt</em>": ("Ole Brandt",),
        # a label before words that are no name names nobody
        "<span>Von</span> <span>Berlin nach Hamburg in zwei Stunden</span>": (),
    }
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    for line, authors in lines.items():
        html = page(f"<body><h1>{TITLE}</h1><div>{line}</div>{body}</body>")
        assert run(html).authors == authors, line


def test_agency_credit_is_no_author() -> None:
    byline = '<span class="meta-author">Quelle: dpa</span>'
    result = run(page(article_html(extra_in_body=byline)))
    assert result.authors == ()
    assert "Quelle: dpa" not in result.text


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ('<div class="td-post-author-name">Von <a href="/author/admin/">admin</a></div>', ()),
        ('<div class="post-author">Das Gespräch führte Lena Hoffmann</div>', ("Lena Hoffmann",)),
        ('<div class="post-author">Redaktion</div>', ()),
    ],
)
def test_user_names_and_interview_bylines(byline: str, authors: tuple[str, ...]) -> None:
    assert run(page(article_html(extra_in_body=byline))).authors == authors


@pytest.mark.parametrize(
    "titled",
    ["Prof. Dr. h.c. Ole von Brandt", "Dr. med. Ole von Brandt", "PD Dr. Ole von Brandt"],
)
def test_names_keep_particles_but_lose_academic_titles_and_an_agency_in_brackets(
    titled: str,
) -> None:
    head = f'<meta name="author" content="Anna Beispiel (dpa); {titled}">'
    authors = run(page(article_html(), head=head)).authors
    assert authors == ("Anna Beispiel", "Ole von Brandt")


def test_a_portrait_credit_in_an_author_box_is_no_author() -> None:
    box = (
        '<div class="autorenbox"><img src="/a.jpg" alt=""><span>Foto: privat</span></div>'
        '<div class="autor">Das Gespräch führte Lena Hoffmann</div>'
    )
    assert run(page(article_html(extra_in_body=box))).authors == ("Lena Hoffmann",)


def test_blogger_byline_with_microdata_name_and_date() -> None:
    footer = (
        '<div class="post-footer"><span class="post-author vcard">Eingestellt von <span '
        'class="fn" itemprop="author"><span itemprop="name">Viktor Lenz</span></span></span> '
        '<abbr class="published" itemprop="datePublished" title="2025-03-12T09:14:00+01:00">'
        "09:14</abbr></div>"
    )
    result = run(page(article_html() + footer))
    assert result.authors == ("Viktor Lenz",)
    assert result.published_at == datetime(2025, 3, 12, 9, 14, tzinfo=CET)


def test_byline_next_to_the_headline_without_telling_class_names() -> None:
    header = (
        f'<div class="css-1bd8bhx"><span class="css-4tu0pf">Nahverkehr</span><h1>{TITLE}</h1>'
        '<div class="css-16xqbpv"><span class="css-a1b2">Von Tobias Marquart</span>'
        '<span> | </span><time datetime="2025-05-06T17:42:00.000Z">06.05.2025</time></div></div>'
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    result = run(page(f"<article>{header}<div>{body}</div></article>"))
    assert result.authors == ("Tobias Marquart",)
    assert result.published_at == datetime(2025, 5, 6, 17, 42, tzinfo=UTC)


def test_a_subtitle_starting_with_von_is_no_byline() -> None:
    header = f"<div><h1>{TITLE}</h1><p>Von Lindhaven nach Großöhringen in zwölf Minuten</p></div>"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert run(page(f"<article>{header}{body}</article>")).authors == ()


def test_iso_basic_date_in_meta() -> None:
    head = '<meta property="article:published_time" content="20220122T1340+0300">'
    result = run(page(article_html(), head=head))
    assert result.published_at == datetime(2022, 1, 22, 13, 40, tzinfo=timezone(timedelta(hours=3)))


@pytest.mark.parametrize(
    "key", ["firstPublishedDate", "published_date", "article:publishedTime", "pubtime"]
)
def test_a_meta_tag_naming_the_publication_date_in_its_own_words_dates_the_page(key: str) -> None:
    head = f'<meta name="{key}" content="2026-03-16T19:12:00Z">'
    assert run(page(article_html(), head=head)).published_at == datetime(
        2026, 3, 16, 19, 12, tzinfo=UTC
    )


@pytest.mark.parametrize("key", ["firstModifiedDate", "publisher", "republishDateSuggestion"])
def test_a_meta_tag_naming_no_publication_date_dates_nothing(key: str) -> None:
    head = f'<meta name="{key}" content="2026-03-16T19:12:00Z">'
    assert run(page(article_html(), head=head)).published_at is None


def test_bad_site_selectors_fail_when_the_rules_are_declared() -> None:
    with pytest.raises(ValueError, match="XPath"):
        CleaningRules(drop_xpaths=("//div[",))
    with pytest.raises(ValueError, match="CSS selector"):
        CleaningRules(drop_selectors=("div >> p",))
    CleaningRules(drop_selectors=('div.article__block[data-type="article"]',))


def test_modified_from_printed_update_line() -> None:
    meta = (
        '<div class="artikel-meta"><time datetime="2026-11-21T07:30:00+01:00">21.11.2026, '
        '07:30 Uhr</time></div><p class="updated">Aktualisiert: 21.11.2026, 10:12 Uhr</p>'
    )
    result = run(page(article_html(extra_in_body=meta)))
    assert result.published_at == datetime(2026, 11, 21, 7, 30, tzinfo=CET)
    assert result.modified_at == datetime(2026, 11, 21, 10, 12, tzinfo=BERLIN)
    assert "Aktualisiert" not in result.text


def test_canonical_falls_back_to_og_url() -> None:
    head = '<meta property="og:url" content="https://nk.example/a/123">'
    assert run(page(article_html(), head=head)).canonical_url == "https://nk.example/a/123"
    assert run(page(article_html())).canonical_url is None


def test_title_is_never_the_site_name_or_a_date() -> None:
    head = (
        '<meta property="og:site_name" content="Nordkurier Beispiel">'
        '<meta property="og:title" content="Nordkurier Beispiel">'
    )
    body = f"<article><h1>20.11.2026</h1><p>{LEAD}</p><p>{PARAGRAPHS[0]}</p></article>"
    result = run(page(body, head=head, title=f"{TITLE} | Lokales | Nordkurier Beispiel"))
    assert result.title == TITLE


def test_json_ld_date_without_time_takes_the_time_from_meta() -> None:
    ld = {"@type": "NewsArticle", "headline": TITLE, "datePublished": "2026-11-20"}
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="article:published_time" content="2026-11-20T14:05:00+01:00">'
    )
    result = run(page(article_html(), head=head))
    assert result.published_at == datetime(2026, 11, 20, 14, 5, tzinfo=CET)


def test_time_element_date() -> None:
    body = (
        '<article><time datetime="2026-03-05T08:00:00+01:00">5. März 2026</time>'
        + article_html()
        + "</article>"
    )
    result = run(page(body))
    assert result.published_at == datetime(2026, 3, 5, 8, 0, tzinfo=CET)


def test_date_from_sitemap_hint() -> None:
    result = run(page(article_html()), hints={"published_at": "2026-11-20T12:00:00Z"})
    assert result.published_at == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def test_visible_date_with_time() -> None:
    body = '<div class="meta-date">20 Nov. 2026 14:05 Uhr</div>' + article_html()
    result = run(page(body))
    assert result.published_at == datetime(2026, 11, 20, 14, 5, tzinfo=BERLIN)
    assert result.published_at_raw == "20 Nov. 2026 14:05 Uhr"


def test_visible_numeric_date_next_to_the_headline() -> None:
    body = (
        f'<div class="kopf"><h1>{TITLE}</h1><span>13.01.2022</span></div>'
        f"<div class='text'><p>{LEAD}</p><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
    )
    result = run(page(body))
    assert result.published_at == datetime(2022, 1, 13, 0, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://nk.example/lokales/2026/11/20/hallenbad", datetime(2026, 11, 20, tzinfo=BERLIN)),
        ("https://sna.example/20220113/hallenbad-123.html", datetime(2022, 1, 13, tzinfo=BERLIN)),
    ],
)
def test_date_from_url(url: str, expected: datetime) -> None:
    result = run(page(article_html()), url=url)
    assert result.published_at == expected


def test_visible_time_refines_a_url_date() -> None:
    body = '<p class="datum">20.11.2026, 14:05 Uhr</p>' + article_html()
    result = run(page(body), url="https://nk.example/lokales/2026/11/20/hallenbad")
    assert result.published_at == datetime(2026, 11, 20, 14, 5, tzinfo=BERLIN)


def test_no_date_anywhere() -> None:
    result = run(page(article_html()))
    assert result.published_at is None
    assert result.published_at_raw is None


# --- charsets --------------------------------------------------------------------------------

UMLAUT_TITLE = "Anwohner in Großöhringen wehren sich gegen Straßenausbaubeiträge"
UMLAUT_PARAGRAPHS = (
    "Die Gemeinde will die Hälfte der Kosten auf die Grundstückseigentümer umlegen. Für "
    "manche Familien wären das mehr als zwölftausend Euro, rechnete die Bürgerinitiative vor.",
    "Der Bürgermeister äußerte Verständnis für den Ärger, verwies aber auf die Gesetzeslage. "
    "Über mögliche Härtefälle soll im Frühjahr entschieden werden.",
)


def umlaut_page(meta_charset: str) -> str:
    body = (
        f"<article><h1>{UMLAUT_TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in UMLAUT_PARAGRAPHS)
        + "</article>"
    )
    return page(body, title=UMLAUT_TITLE, charset=meta_charset)


def test_header_says_utf8_but_body_is_windows_1252_with_meta() -> None:
    body = umlaut_page("windows-1252").encode("cp1252")
    result = run(body, headers={"content-type": "text/html; charset=utf-8"})
    assert result.title == UMLAUT_TITLE
    assert result.text.split("\n") == list(UMLAUT_PARAGRAPHS)
    assert result.encoding == "cp1252"


def test_header_says_utf8_but_body_is_windows_1252_without_meta() -> None:
    body = umlaut_page("utf-8").encode("cp1252")
    result = run(body, headers={"content-type": "text/html; charset=utf-8"})
    assert "Großöhringen" in (result.title or "")
    assert "zwölftausend" in result.text
    assert result.encoding == "cp1252"


def test_latin1_label_on_utf8_body() -> None:
    body = umlaut_page("iso-8859-1").encode("utf-8")
    result = run(body, headers={"content-type": "text/html; charset=iso-8859-1"})
    assert result.title == UMLAUT_TITLE
    assert result.encoding == "utf-8"


def test_meta_charset_when_header_has_none() -> None:
    body = umlaut_page("iso-8859-15").encode("iso-8859-15")
    result = run(body, headers={"content-type": "text/html"})
    assert result.title == UMLAUT_TITLE
    assert result.encoding == "iso8859-15"


def test_bom_wins() -> None:
    body = umlaut_page("utf-8").encode("utf-16")  # with BOM, full of NUL bytes
    result = run(body, headers={"content-type": "text/html; charset=iso-8859-1"})
    assert result.outcome == "ok"
    assert result.title == UMLAUT_TITLE
    assert result.encoding == "utf-16-le"


def test_decode_body_with_a_few_broken_bytes_stays_utf8() -> None:
    text = "Grüße aus der Straße, schöne Brücke. " * 20
    body = text.encode("utf-8") + b"\xff" + b"Ende."
    decoded, encoding = decode_body(body, "text/html")
    assert encoding == "utf-8"
    assert decoded.startswith("Grüße aus der Straße")


# --- guard rails -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.mark.parametrize(
    "body",
    [
        PNG,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        b"GIF89a\x10\x00\x10\x00",
        b"RIFF\x24\x00\x00\x00WEBPVP8 ",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x00\x00",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"<html><body><p>Text</p>\x00\x00\x00\x01\x02</body></html>",
    ],
)
def test_binary_served_as_html(body: bytes) -> None:
    result = run(body, headers={"content-type": "text/html; charset=utf-8"})
    assert result.outcome == "binary"
    assert result.text == ""


def test_too_large() -> None:
    html = page(article_html())
    assert run(html, max_bytes=1000).outcome == "too_large"
    big = b"<html><body><p>" + b"a" * (8 * 1024 * 1024) + b"</p></body></html>"
    assert run(big).outcome == "too_large"


@pytest.mark.parametrize("body", [b"", b"   \n\t  ", b"<!-- nur ein Kommentar -->"])
def test_empty(body: bytes) -> None:
    assert run(body).outcome == "empty"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"titel": "Hallenbad", "text": "Der Rat hat entschieden."}'),
        ("text/plain; charset=utf-8", b"Der Rat hat entschieden. Das Bad bleibt."),
        (
            "application/rss+xml",
            b'<?xml version="1.0"?><rss><channel><title>NK</title><item><title>Bad</title>'
            b"<link>https://nk.example/a</link></item></channel></rss>",
        ),
        ("", b"Nur ein Satz ohne jedes Markup."),
    ],
)
def test_not_html(content_type: str, body: bytes) -> None:
    headers = {"content-type": content_type} if content_type else {}
    assert run(body, headers=headers).outcome == "not_html"


def test_html_served_as_text_plain_is_still_extracted() -> None:
    result = run(page(article_html()), headers={"content-type": "text/plain"})
    assert result.outcome == "ok"
    assert result.text.split("\n") == BODY_LINES


def test_broken_html() -> None:
    broken = (
        f"<html><head><title>{TITLE}</title><body><div><article><h1>{TITLE}</h2>"
        f"<p>{LEAD}<p>{PARAGRAPHS[0]}</span></b></i><p>{PARAGRAPHS[1]}"
        "<table><tr><td>kaputt</article></div></div>\x01\x02 <p"
    )
    result = run(broken)
    assert result.outcome == "ok"
    for paragraph in (LEAD, PARAGRAPHS[0], PARAGRAPHS[1]):
        assert paragraph in result.text


def test_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    result = run(page(article_html()))
    assert result.outcome == "error"
    assert result.error == "RuntimeError: kaputt"
    assert result.url == URL


def test_invalid_input_is_an_error_not_an_exception() -> None:
    inp = ExtractInput(url=URL, body=None, headers={})  # type: ignore[arg-type]
    assert extract_article(inp).outcome == "error"


# --- determinism -----------------------------------------------------------------------------


def messy_page() -> bytes:
    promo = "<p>Folgen Sie uns auf WhatsApp! 🚀</p><p>Anzeige</p>"
    ld = {"@type": "NewsArticle", "datePublished": "2026-11-20T14:05:00+01:00", "author": "A B"}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    return page(article_html(extra_in_body=promo), head=head).encode()


def test_deterministic_in_process() -> None:
    body = messy_page()
    first = run(body)
    assert all(run(body) == first for _ in range(3))


def test_deterministic_across_processes() -> None:
    """Different hash seeds must not change anything (no set order leaks into the output)."""
    script = (
        "import sys, json\n"
        "from pipelines.extract import extract_article\n"
        "from crawler.model.types import ExtractInput\n"
        "body = sys.stdin.buffer.read()\n"
        f"r = extract_article(ExtractInput(url={URL!r}, body=body, headers={HTML!r}))\n"
        "print(json.dumps([r.outcome, r.text, r.title, r.authors, str(r.published_at),"
        " r.language, r.content_hash, [(d.text, d.rule) for d in r.dropped]]))\n"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = set()
    for seed in ("1", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=messy_page(),
            capture_output=True,
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
            check=True,
            timeout=120,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


# The class-word lookups of pipelines.metadata as XPath, their specification: the one-pass
# lookup must find the same elements in the same order.
_LOOKUP_XPATHS = {
    "dates": "//body//*[self::time or self::span or self::div or self::p or self::li"
    " or self::small or self::header or self::footer][contains(@class, 'date')"
    " or contains(@class, 'Date') or contains(@class, 'datum') or contains(@class, 'time')"
    " or contains(@class, 'publish') or contains(@class, 'byline')"
    " or contains(@class, 'dateline') or contains(@id, 'date') or contains(@id, 'time')"
    " or contains(@id, 'publish')]",
    "updated": "//body//*[self::p or self::span or self::div or self::time or self::small"
    " or self::li][contains(@class, 'updat') or contains(@class, 'modif')"
    " or contains(@class, 'aktualis') or contains(@class, 'date') or contains(@class, 'meta')]",
    "byline": "//body//*[contains(@class, 'author') or contains(@class, 'Author')"
    " or contains(@class, 'byline') or contains(@class, 'Byline') or contains(@class, 'autor')"
    " or contains(@class, 'writer') or contains(@class, 'verfasser')"
    " or contains(@class, 'columnist') or contains(@class, 'Columnist')"
    " or contains(@class, 'kolumnist') or contains(@class, 'Kolumnist') or @rel='author'"
    " or @itemprop='author' or contains(@data-component, 'Byline')]",
    "published": "//body//*[@itemprop='datePublished' or @itemprop='datepublished']"
    "[not(self::meta)]",
    "modified": "//body//*[@itemprop='dateModified' or @itemprop='datemodified'][not(self::meta)]",
    "breadcrumb": "//body//*[contains(translate(@class, 'CRUMB', 'crumb'), 'crumb')"
    " or contains(translate(@id, 'CRUMB', 'crumb'), 'crumb')"
    " or contains(@itemtype, 'BreadcrumbList')"
    " or contains(translate(@aria-label, 'CRUMB', 'crumb'), 'crumb')]//a[@href]",
}
_LOOKUP_EDGE_PAGE = (
    "<html><head><meta itemprop='datePublished' content='2024-01-01'></head><body>"
    "<div class='Author-box'><span rel='author'>A</span><meta itemprop='dateModified'>"
    "<p itemprop='datemodified'>1.2.2024</p></div><section data-component='BylineBlock'>"
    "<time class='pubDate' id='x'>x</time><a id='publish-time'>y</a><li id='time'>z</li></section>"
    "<nav aria-label='Breadcrumb'><ol class='BreadCrumbs'><li><a href='/'>Start</a></li>"
    "<li class='crumb'><a href='/a'>A</a><a>no link</a></li></ol></nav>"
    "<div itemtype='https://schema.org/BreadcrumbList'><a href='/b'>B</a></div>"
    "<footer class='meta updated'><small class='autorin'>B</small><span class='lastmodified'>"
    "2.2.2024</span><meta itemprop='datePublished' content='x'><abbr itemprop='datePublished'"
    " title='2024-01-01'>1</abbr></footer></body></html>"
)


def test_the_one_pass_lookups_find_what_their_xpaths_find() -> None:
    import lxml.etree

    from bench.eval_extraction import load_demo, load_heldout
    from pipelines.marks import MarkedElements
    from pipelines.metadata import _MICRODATA_MODIFIED, _MICRODATA_PUBLISHED
    from pipelines.tree import parse_html

    pages = [decode_body(c.html, c.content_type)[0] for c in (*load_heldout(), *load_demo())]
    found = 0
    for text in [*pages, _LOOKUP_EDGE_PAGE]:
        tree = parse_html(text)
        assert tree is not None
        marked = MarkedElements(tree)
        got = {
            "dates": marked.dates(),
            "updated": marked.updated(),
            "byline": marked.byline(),
            "published": marked.microdata(_MICRODATA_PUBLISHED),
            "modified": marked.microdata(_MICRODATA_MODIFIED),
            "breadcrumb": marked.breadcrumb_links(),
        }
        for name, expression in _LOOKUP_XPATHS.items():
            assert got[name] == lxml.etree.XPath(expression)(tree), name
            found += len(got[name])
    assert found > 100


# --- trafilatura's comparison with readability, only where it can change the text -------------


def _record_fast_flags(monkeypatch: pytest.MonkeyPatch, shorten: bool = False) -> list[bool]:
    """Record the `fast` setting of each trafilatura call; `shorten` makes a fast call's text
    short beside the page's paragraphs, as when the own extraction misses most of them."""
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def recording(tree: lxml.html.HtmlElement, *, options: Extractor) -> object:
        calls.append(options.fast)
        document = real(tree, options=options)
        if shorten and options.fast and document is not None:
            document.text = PARAGRAPHS[0]
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    return calls


def test_a_page_of_paragraphs_skips_the_readability_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _record_fast_flags(monkeypatch)
    result = run(page(article_html()))
    assert calls == [True]
    assert result.text.split("\n") == BODY_LINES


def test_text_outside_paragraphs_gets_the_readability_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _record_fast_flags(monkeypatch)
    divs = "".join(f'<div class="txt">{text}</div>' for text in (LEAD, *PARAGRAPHS))
    result = run(page(f'<div class="artikel"><h1>{TITLE}</h1>{divs}</div>'))
    assert calls == [False]
    assert LEAD in result.text and PARAGRAPHS[3] in result.text


def test_an_own_text_short_beside_the_paragraphs_gets_the_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _record_fast_flags(monkeypatch, shorten=True)
    result = run(page(article_html()))
    assert calls == [True, False]
    assert result.text.split("\n") == BODY_LINES


# --- a label and a row of links: the site's directory, not text --------------------------------

_PLACES = ("Bayern", "Berlin", "Bremen", "Hessen", "Saarland", "Sachsen")


def _link_row(label: str, separator: str = " | ") -> str:
    links = separator.join(f'<a href="/{place.lower()}/">{place}</a>' for place in _PLACES)
    return f"<p>{label}{links}</p>"


@pytest.mark.parametrize(
    "row",
    [
        _link_row("<b>Bundesländer:</b> "),
        _link_row("<strong>Regionen</strong> ", " · "),
        _link_row("Themen aus der Region: "),
        _link_row("", " / "),
    ],
)
def test_a_row_of_links_under_a_label_beside_the_text_goes(row: str) -> None:
    result = run(page(article_html(closing=row)))
    assert result.text.split("\n") == BODY_LINES
    assert any(line.rule == "chrome:link-row" for line in result.dropped)


@pytest.mark.parametrize(
    "paragraph",
    [
        # Names in a sentence, separated by commas.
        "<p>Nominiert sind: "
        + ", ".join(f'<a href="/{p.lower()}/">{p}</a>' for p in _PLACES)
        + "</p>",
        # Four links are a sentence's references, not a directory.
        "<p>Quellen: "
        + " | ".join(f'<a href="/{p.lower()}/">{p}</a>' for p in _PLACES[:4])
        + "</p>",
        # A label longer than a directory's.
        _link_row("In diesen Ländern gelten ab Montag neue Regeln: "),
    ],
)
def test_links_in_a_sentence_or_a_short_row_stay(paragraph: str) -> None:
    result = run(page(article_html(after_second=paragraph)))
    assert not any(line.rule == "chrome:link-row" for line in result.dropped)


_SECTIONS = ("Lokales", "Vereine", "Termine", "Kleinanzeigen")


def _links(separator: str, names: tuple[str, ...] = _SECTIONS) -> str:
    return separator.join(f'<a href="/{name.lower()}/">{name}</a>' for name in names)


@pytest.mark.parametrize(
    "navigation",
    [
        f"<p>{_links(' · ')}</p>",
        f"<div class='menu'>{_links(' | ', _SECTIONS[:3])}</div>",
        f"<table><tr><td>Wochenblatt<td class='menu'>{_links(' • ')}</tr></table>",
    ],
)
def test_a_row_of_section_links_joined_by_separators_goes(navigation: str) -> None:
    result = run(page(article_html(extra_in_body=navigation)))
    assert "Termine" not in result.text
    assert "chrome:link-row" in [line.rule for line in result.dropped]
    assert LEAD in result.text and PARAGRAPHS[0] in result.text


@pytest.mark.parametrize(
    "paragraph",
    [
        # short items of the text joined by separators, no links
        "<p>Lokales · Vereine · Termine · Kleinanzeigen</p>",
        # linked names in a sentence, or two links only
        f"<p>Es spielen {_links(', ', _SECTIONS[:3])} und andere.</p>",
        f"<p>{_links(' · ', _SECTIONS[2:])}</p>",
    ],
)
def test_separated_items_without_links_or_links_in_a_sentence_stay(paragraph: str) -> None:
    result = run(page(article_html(after_second=paragraph)))
    assert not any(line.rule == "chrome:link-row" for line in result.dropped)
    if "<a" not in paragraph:
        assert "Lokales · Vereine · Termine · Kleinanzeigen" in result.text.split("\n")


# --- boxes and captions in other shapes ------------------------------------------------------


def _story(inner: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return page(f'<div class="story"><h1>{TITLE}</h1><p>{LEAD}</p>{inner}{paragraphs}</div>')


@pytest.mark.parametrize(
    "picture",
    [
        '<p style="text-align:center"><img src="/bad.jpg"></p>'
        '<p style="text-align:center">Das Becken vor der Sanierung</p>',
        '<p class="bild"><img src="/bad.jpg" alt=""></p>'
        '<p class="bild">Die neue Rutsche im Nichtschwimmerbecken</p>',
        '<p align="center"><img src="/bad.jpg"></p><p align="center">Blick in die Halle</p>',
        # a paragraph all in italics under the picture, a sentence too
        '<p><img src="/bad.jpg" alt=""></p><p><em>Das Becken war schon lange marode.</em></p>',
        '<p><img src="/bad.jpg"></p><p><i>Blick in die Halle</i></p>',
        # a sentence centred like the picture, the text after it set otherwise
        '<p style="text-align:center"><img src="/bad.jpg"></p>'
        '<p style="text-align:center">Ein Bagger reißt am Montag das alte Kassenhaus ab.</p>',
        '<p align="center"><img src="/bad.jpg"></p><p align="center">Das Becken ist leer.</p>',
    ],
)
def test_a_caption_set_like_its_pictures_paragraph_goes(picture: str) -> None:
    assert run(_story(picture)).text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    "after",
    [
        # a paragraph set like the text, and a sentence set like the picture
        '<p style="text-align:center"><img src="/bad.jpg"></p><p>Umbau ab Mai</p>',
        '<p class="bild"><img src="/bad.jpg"></p><p class="bild">Das Bad wird saniert.</p>',
    ],
)
def test_a_line_after_a_picture_that_is_no_caption_stays(after: str) -> None:
    line = after.rsplit(">", 2)[-2].removesuffix("</p")
    assert line in run(_story(after)).text.split("\n")


def test_a_centred_sentence_under_a_picture_in_a_text_centred_throughout_stays() -> None:
    centred = (
        '<p align="center"><img src="/bad.jpg"></p><p align="center">Das Bad wird saniert.</p>'
        '<p align="center">Die Arbeiten dauern bis zum Frühjahr des nächsten Jahres an.</p>'
    )
    assert "Das Bad wird saniert." in run(_story(centred)).text.split("\n")


@pytest.mark.parametrize(
    "table",
    [
        '<table class="pic"><tr><td><img src="/bad.jpg" alt=""></td></tr><tr><td class="desc">'
        "Ein Bademeister prüft die Wasserqualität. (Foto: Xinhua/Wang Peng)</td></tr></table>",
        '<table align="center"><tr><td><img src="/bad.jpg"></td></tr>'
        "<tr><td>Blick in die Halle</td></tr></table>",
        # a sentence in the row under the picture's, plain or in italics
        '<table align="right" width="260"><tr><td><img src="/bad.jpg" hspace="8"></td></tr>'
        '<tr><td class="bildtext">Das Becken war schon lange marode.</td></tr></table>',
        '<table width="260" cellpadding="4"><tr><td><img src="/bad.jpg" alt=""></td></tr>'
        '<tr><td><font size="1"><i>Schwimmmeister Jens Abel (links) mit dem Bürgermeister.'
        "</i></font></td></tr></table>",
    ],
)
def test_a_table_laying_out_a_picture_over_its_caption_goes(table: str) -> None:
    assert run(_story(table)).text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    "footer",
    [
        "<div id='fuss'><p>Gemeinde Talheim · Rathausplatz 1</p><a href='/impressum/'>Impressum"
        "</a> <a href='/datenschutz/'>Datenschutz</a> <a href='/bf/'>Erklärung zur "
        "Barrierefreiheit</a></div>",
        "<footer><div><a href='/agb'>AGB</a> | <a href='/cookies'>Cookie-Einstellungen</a> | "
        "<a href='/ds'>Datenschutzerklärung</a></div></footer>",
    ],
)
def test_links_to_the_sites_legal_pages_on_a_line_of_their_own_go(footer: str) -> None:
    result = run(page(article_html() + footer))
    assert not any(
        word in result.text for word in ("Impressum", "Cookie-Einstellungen", "Barrierefreiheit")
    )
    assert "chrome:link-row" in [d.rule for d in result.dropped]


def test_a_legal_pages_link_in_a_line_of_text_stays() -> None:
    line = (
        "<p>Die Stadt hat ihre <a href='/ds'>Datenschutzerklärung</a> und das <a href='/i'>"
        "Impressum</a> nach der Beschwerde eines Bürgers überarbeitet.</p>"
    )
    result = run(page(article_html(after_second=line)))
    assert "Die Stadt hat ihre Datenschutzerklärung und das Impressum nach der" in result.text


def test_a_sentence_beside_the_picture_in_its_tables_cell_stays() -> None:
    table = (
        '<table><tr><td><img src="/bad.jpg">Das Bad wird bis zum Herbst saniert.</td></tr>'
        "<tr><td>Die Arbeiten beginnen im Mai.</td></tr></table>"
    )
    assert "Das Bad wird bis zum Herbst saniert." in run(_story(table)).text


def test_a_table_of_data_with_pictures_stays() -> None:
    table = (
        '<table><tr><td><img src="/de.png"></td><td>Lars Marti</td><td>4:21:37</td></tr>'
        '<tr><td><img src="/it.png"></td><td>Matteo Ferraresi</td><td>+0:24</td></tr></table>'
    )
    assert "| Lars Marti | 4:21:37 |" in run(_story(table)).text


@pytest.mark.parametrize(
    "after",
    [
        # italics on a few words, or a whole paragraph's sentences in italics
        "<p><em>Umbau ab Mai</em>: Der Gemeinderat hat die Pläne am Dienstag gebilligt.</p>",
        "<p><em>Die Sanierung ist die größte Investition der Gemeinde seit dem Bau der Halle. "
        "Der Gemeinderat hat die Pläne am Dienstag gebilligt, die Arbeiten sollen im Mai "
        "beginnen.</em></p>",
    ],
)
def test_a_paragraph_after_a_picture_partly_in_italics_or_long_stays(after: str) -> None:
    line = lxml.html.fromstring(after).text_content()
    picture = '<p><img src="/bad.jpg" alt=""></p>'
    assert line in run(_story(picture + after)).text.split("\n")


@pytest.mark.parametrize(
    "box",
    [
        # a summary of short points under its label
        '<div class="sum"><p class="sum__head">Das Wichtigste in Kürze</p><ul>'
        "<li>Sanierung kostet vier Millionen</li><li>Baustart im Mai</li>"
        "<li>Schulbetrieb ausgelagert</li></ul></div>",
        # a label and a contact set apart by line breaks
        '<div class="box"><strong>Hinweise an die Polizei</strong><br>Polizeirevier Lindhaven,'
        " Telefon 04131 8830-0</div>",
        '<aside class="kontakt"><b>Fragen zur Anmeldung</b><br>Bürgerbüro, Tel. 0521 5510<br>'
        "buergerbuero@lindhaven.example</aside>",
        # label: value lines set apart by line breaks
        '<div class="zahlen"><strong>Das Bad in Zahlen</strong><br>Baujahr: 1971<br>'
        "Becken: 25 Meter<br>Besucher im Jahr: rund 80.000</div>",
        # a contact in a table of one cell, an old layout's frame
        '<table class="kontaktbox"><tr><td><b>Ansprechpartnerin</b><br>Bettina Roloff, '
        "Ordnungsamt<br>Zimmer 12<br>Telefon 06754 9120-31<br>amt@lindhaven.example</td></tr>"
        "</table>",
        "<table><tbody><tr><th>Kontakt<br>Bürgerbüro, Tel. 0521 5510</th></tr></tbody></table>",
    ],
)
def test_summary_and_contact_boxes_in_other_shapes_go(box: str) -> None:
    result = run(_story(box))
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]
    assert "widget:stats-box" in [d.rule for d in result.dropped]


@pytest.mark.parametrize(
    "block",
    [
        # a list in the text under its lead-in sentence
        "<div><p>Für Schwimmer ändert sich:</p><ul><li>Neue Zeiten</li><li>Neue Preise</li>"
        "<li>Neue Kurse</li></ul></div>",
        # two lines set apart by a break, with no contact
        "<div><strong>Nachgefragt</strong><br>Der Bürgermeister will im Mai entscheiden.</div>",
        # a table of two cells, with a phone number: a table of the text
        "<table><tr><td>Bürgerbüro<br>Zimmer 3</td><td>Tel. 0521 5510<br>Mo–Fr</td></tr></table>",
    ],
)
def test_lists_and_broken_lines_of_the_text_are_no_box(block: str) -> None:
    assert "widget:stats-box" not in [d.rule for d in run(_story(block)).dropped]


def test_a_row_of_section_links_in_a_table_cell_goes_but_a_cell_of_few_links_stays() -> None:
    sections = " | ".join(
        f'<a href="/{name.lower()}/">{name}</a>'
        for name in ("Politik", "Wirtschaft", "Kultur", "Reisen", "Sport")
    )
    few = '<a href="/a">Hallenbad</a> und <a href="/b">Freibad</a>'
    table = f'<table><tr><td class="nav">{sections}</td></tr><tr><td>{few}</td></tr></table>'
    result = run(_story(table))
    assert "chrome:link-row" in [d.rule for d in result.dropped]
    assert "Politik" not in result.text


def _with_sidebar(box: str) -> str:
    """The article in one column, the box alone in a sidebar beside it."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return page(
        f'<div class="grid"><div class="story"><h1>{TITLE}</h1><p>{LEAD}</p>{paragraphs}</div>'
        f'<div class="side">{box}</div></div>'
    )


@pytest.mark.parametrize("label", ["Anzeige", "Publireportage", "Entgeltliche Einschaltung"])
def test_an_ad_with_its_label_in_a_sidebar_goes(label: str) -> None:
    html = _with_sidebar(
        f'<div class="ad"><small>{label}</small><p>Sauna-Kabinen ab 999 Euro'
        " – jetzt im Fachhandel</p></div>"
    )
    result = run(html)
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]
    assert "ad:label" in [d.rule for d in result.dropped]
    # The same box with no label of its own is no ad the tree rules know.
    unlabelled = html.replace(f"<small>{label}</small>", "")
    assert "ad:label" not in [d.rule for d in run(unlabelled).dropped]


def test_a_table_cell_holding_the_texts_paragraphs_is_read_as_blocks() -> None:
    """A layout table without a headline element whose cell holds the paragraphs themselves (an
    old CMS: the headline in <font>, the sidebar in the next cell) is read as blocks; a data
    table whose cells hold a paragraph or two stays a table."""
    text = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    html = page(
        '<table width="960"><tr><td class="menu"><a href="/">Start</a></td></tr><tr>'
        f'<td width="680"><font size="4"><b>{TITLE}</b></font>{text}</td>'
        '<td class="rechts"><b>Neu im Archiv</b><br><a href="/a/1">Maibaum aufgestellt</a></td>'
        "</tr></table>",
    )
    assert run(html).text.split("\n")[:5] == [LEAD, *PARAGRAPHS]
    data = (
        "<table><tr><th>Becken</th><th>Hinweis</th></tr><tr><td>Sport</td><td><p>Ab Mai.</p>"
        "<p>Nur Vereine.</p></td></tr><tr><td>Lehr</td><td>Offen</td></tr></table>"
    )
    assert "| Sport | Ab Mai. Nur Vereine. |" in run(_story(data)).text.split("\n")


_LEFT_COLUMN = (
    '<td width="160" class="spalte"><p class="box"><b>Neueste Ausgabe</b><br>Nr. 12 / 2025<br>'
    '<a href="/epaper/12.pdf">E-Paper öffnen</a></p><p class="box"><b>Anzeigenschluss</b><br>'
    'dienstags, 10 Uhr</p><p class="box"><b>Ärztlicher Notdienst</b><br>Telefon 116117</p></td>'
)
_RIGHT_COLUMN = (
    '<td width="160"><table width="100%"><tr><td><b>Veranstaltungen</b><br>03.05. Maibaumfest'
    "<br>04.05. Flohmarkt am Anger<br><br><small>Werbung</small><br>"
    "Autohaus Keller – Ihr Partner im Landkreis</td></tr></table></td>"
)


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        (f"<table><tr><td><h1>{TITLE}</h1></td></tr></table>", TITLE),
        # an <h1>-less page: the headline in big type under a <title> of site and section
        (f'<font size="4"><b>{TITLE}</b></font><br>', "Kreisblatt - Lokales"),
    ],
)
def test_the_side_columns_beside_the_headlines_cell_of_a_layout_table_go(
    headline: str, title: str
) -> None:
    """An old layout's menu, issue, deadline and emergency boxes left and its dates and ads
    right, in the cells beside the one of the headline and its text, are the page's furniture."""
    text = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    html = page(
        f'<table width="900"><tr>{_LEFT_COLUMN}<td width="580">{headline}{text}</td>'
        f"{_RIGHT_COLUMN}</tr></table>",
        title=title,
    )
    result = run(html)
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]
    assert [d.rule for d in result.dropped].count("chrome:side-column") == 2


def test_a_cell_beside_the_headlines_holding_a_share_of_the_text_stays() -> None:
    # the headline's cell holds little more than the headline, the text is beside it; or the
    # text runs on in a second column of the row
    text = "".join(f"<p>{p}</p>" for p in (LEAD, *PARAGRAPHS))
    beside = f"<table><tr><td><h1>{TITLE}</h1><p>14.05.2025</p></td><td>{text}</td></tr></table>"
    assert run(page(beside)).text.split("\n") == [LEAD, *PARAGRAPHS]
    first, second = (LEAD, *PARAGRAPHS[:2]), PARAGRAPHS[2:]
    columns = (
        f"<table><tr><td><h1>{TITLE}</h1>{''.join(f'<p>{p}</p>' for p in first)}</td>"
        f"<td>{''.join(f'<p>{p}</p>' for p in second)}</td></tr></table>"
    )
    assert run(page(columns)).text.split("\n") == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    "box",
    [
        '<div class="termine"><h4>Termine im Bezirk</h4><p>Flohmarkt am Anger, 7. Juni, 9 Uhr</p>'
        "</div>",
        '<div class="tipps"><p><b>Veranstaltungstipps</b></p><ul><li>Kinderkino im Rathaus, '
        "Samstag 15 Uhr</li><li>Lesung in der Bücherei, Montag 19 Uhr</li></ul></div>",
        '<div class="rp-agenda"><h3>Agenda</h3><p>Fr 28.11. · Kinderflohmarkt Seeplatz</p>'
        "<p>Sa 29.11. · Laternenbasteln im Jugendtreff</p></div>",
        '<section class="k"><strong>Kulturagenda</strong><ul><li>Do 4.12., Lesung im Kornhaus'
        "</li><li>So 7.12., Orgelmatinee</li></ul></section>",
    ],
)
def test_a_box_of_listings_under_its_label_beside_the_text_goes(box: str) -> None:
    result = run(_with_sidebar(box))
    assert result.text.split("\n") == [LEAD, *PARAGRAPHS]
    # as listings, or as a schedule when every line gives a clock time
    assert {"teaser:more-topics", "widget:stats-box"} & {d.rule for d in result.dropped}


def test_the_texts_own_dates_under_such_a_label_stay() -> None:
    dates = (
        "<div><h3>Termine im Überblick</h3><p>Das Bad öffnet am 2. Mai wieder.</p>"
        "<p>Die Sauna folgt im Juni.</p></div>"
    )
    lines = run(_story(dates)).text.split("\n")
    assert "Das Bad öffnet am 2. Mai wieder." in lines
    agenda = (
        "<div><h3>Agenda</h3><p>Der Rat berät zuerst über das Bad.</p>"
        "<p>Danach folgt der Haushalt für 2027.</p></div>"
    )
    assert "Danach folgt der Haushalt für 2027." in run(_story(agenda)).text.split("\n")


def test_a_list_under_its_lead_in_sentence_stays_in_a_container_of_unknown_name() -> None:
    """trafilatura gathers the paragraphs of a page whose text container it does not know by
    name and leaves its lists out; a list of the text under its lead-in sentence stays."""
    lead_in = "Während der Sanierung gilt für Schwimmer:"
    items = ("Vereine trainieren in Talheim", "Schulen fahren mit dem Bus", "Kurse fallen aus")
    listing = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    # No <main>, no <article>, no class trafilatura knows around the text.
    html = (
        page(
            f'<div class="xq-story"><h1>{TITLE}</h1><div class="xq-story__copy"><p>{LEAD}</p>'
            f"<p>{lead_in}</p>{listing}{paragraphs}</div></div>"
        )
        .replace("<main>", "")
        .replace("</main>", "")
    )
    assert run(html).text.split("\n") == [LEAD, lead_in, *items, *PARAGRAPHS[:2]]


@pytest.mark.parametrize(
    "between",
    [
        "<figure><img src='/a.jpg'><figcaption>Das Becken im Sommer. Bild: Ilka Strom"
        "</figcaption></figure>",
        "<picture><img src='/b.jpg' alt='Becken'></picture>",
    ],
)
def test_a_subheading_after_a_picture_is_put_back(between: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    rest = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    tree = lxml.html.document_fromstring(
        page(f"<div>{paragraphs}{between}<h3>{SUBHEADING}</h3>{rest}</div>")
    )
    lines = list(PARAGRAPHS)
    assert recover_headings(tree, lines) == [*PARAGRAPHS[:2], SUBHEADING, *PARAGRAPHS[2:]]


def test_a_subheading_over_a_table_is_put_back_before_its_first_row() -> None:
    rows = "<tr><th>Ort</th><th>Besucher</th></tr><tr><td>Nordbad</td><td>1.200</td></tr>"
    html = f"<div><p>{PARAGRAPHS[0]}</p><h2>{SUBHEADING}</h2><table>{rows}</table></div>"
    tree = lxml.html.document_fromstring(page(html))
    lines = [PARAGRAPHS[0], "| Ort | Besucher |", "|---|---|", "| Nordbad | 1.200 |"]
    assert recover_headings(tree, list(lines)) == [PARAGRAPHS[0], SUBHEADING, *lines[1:]]
    # A heading whose table is not the next output line stays out.
    assert recover_headings(tree, [PARAGRAPHS[0], lines[3]]) == [PARAGRAPHS[0], lines[3]]


@pytest.mark.parametrize(
    ("place", "snippet"),
    [
        (
            "after_second",
            "<p><strong>Sie finden uns auf Telegram unter @ostfunk_aktuell</strong></p>",
        ),
        ("extra_in_body", '<div class="meta"><span>Aktualisiert: gestern, 18.05 Uhr</span></div>'),
        ("closing", '<ul class="teilen"><li>Artikel teilen: WhatsApp | X | E-Mail</li></ul>'),
        (
            "closing",
            '<div class="kasten"><span>Den ganzen Beitrag lesen Sie bei Heidewald-Anzeiger.'
            "</span></div>",
        ),
        (
            "closing",
            "<p><small>Dieses Interview erscheint auch in der gedruckten Ausgabe vom 4. Mai"
            " 2026.</small></p>",
        ),
        (
            "closing",
            "<aside><p><em>Warst du dabei? Sende uns deine Bilder per Telegram.</em></p></aside>",
        ),
        ("closing", "<div>Mehr darüber am Montag ab 19 Uhr in „Land und Leute“</div>"),
        ("closing", '<section class="hinweis"><p>Hinweis: Keine Kaufempfehlung.</p></section>'),
        ("closing", '<p class="quelle"><i>Mit Material von dpa und AFP.</i></p>'),
        # An info box's labels, left alone once their values went as credit and dateline.
        (
            "extra_in_body",
            "<dl><dt>Quelle</dt><dd>dpa</dd><dt>Veröffentlicht</dt><dd>02.03.2026, 11:40</dd></dl>",
        ),
        (
            "extra_in_body",
            "<dl class='info'><dt>Quellen:</dt><dd>KNA, epd</dd><dt>Zuletzt aktualisiert:</dt>"
            "<dd>Mittwoch, 4. März 2026, 09:15 Uhr</dd></dl>",
        ),
    ],
)
def test_notes_pointers_and_handles_in_other_markup_go(place: str, snippet: str) -> None:
    result = run(page(article_html(**{place: snippet})))
    assert result.text.split("\n") == BODY_LINES


@pytest.mark.parametrize(
    ("byline", "box"),
    [
        (
            '<p class="byline">Von Marta Lindqvist</p>',
            '<div class="autorenbox"><img src="/a.jpg" alt=""><p>Marta Lindqvist lehrt '
            "Stadtplanung an der Hochschule Lindhaven und ist Mitglied im Bauausschuss.</p></div>",
        ),
        (
            '<span class="author">Marta Lindqvist</span>',
            '<aside class="author-bio"><p>Marta Lindqvist ist freie Journalistin und lebt in '
            "Lindhaven.</p></aside>",
        ),
        # the note opening with the writer's academic title
        (
            '<p class="byline">Text: Dipl.-Ing. Marta Lindqvist</p>',
            '<div class="autorenkasten"><h4>Die Autorin</h4><p>Dipl.-Ing. (FH) Marta Lindqvist '
            "ist öffentlich bestellte Sachverständige und leitet ein Ingenieurbüro.</p></div>",
        ),
        (
            '<p class="byline">Von Dr. Marta Lindqvist</p>',
            '<div class="author-box"><p>Dr. Marta Lindqvist ist Ärztin in Lindhaven.</p></div>',
        ),
    ],
)
def test_a_note_on_the_writer_in_an_author_box_after_the_text_goes(byline: str, box: str) -> None:
    html = page(f'{byline}<div class="text">{article_html()}</div>{box}')
    result = run(html)
    assert result.authors == ("Marta Lindqvist",)
    assert result.text.splitlines() == BODY_LINES


@pytest.mark.parametrize(
    "note",
    [
        "<p><em>Marta Lindqvist ist freie Journalistin und lebt in Lindhaven.</em></p>",
        "<p class='small'><i>Marta Lindqvist lehrt Stadtplanung in Lindhaven. Jon Ekberg ist "
        "Energieberater und engagiert sich im Bauausschuss.</i></p>",
    ],
)
def test_a_note_on_the_writers_in_italics_closing_the_text_goes(note: str) -> None:
    byline = '<p class="byline">Von Marta Lindqvist und Jon Ekberg</p>'
    result = run(page(f'{byline}<div class="text">{article_html(closing=note)}</div>'))
    assert result.authors == ("Marta Lindqvist", "Jon Ekberg")
    assert result.text.splitlines() == BODY_LINES


@pytest.mark.parametrize(
    "closing",
    [
        # italics on the name alone, or a closing line in italics on no author
        "<p><em>Marta Lindqvist</em> lehrt Stadtplanung an der Hochschule Lindhaven.</p>",
        "<p><em>Jon Ekberg ist Sprecher der Bürgerinitiative und lebt in Lindhaven.</em></p>",
    ],
)
def test_a_closing_line_in_italics_that_is_no_note_on_the_writer_stays(closing: str) -> None:
    html = page(
        '<p class="byline">Von Marta Lindqvist</p>'
        f'<div class="text">{article_html(closing=closing)}</div>'
    )
    line = lxml.html.fromstring(closing).text_content()
    assert run(html).text.splitlines() == [*BODY_LINES, line]


def test_a_note_on_the_writer_closing_the_text_itself_stays() -> None:
    note = "Marta Lindqvist lehrt Stadtplanung an der Hochschule Lindhaven."
    html = page(
        '<p class="byline">Von Marta Lindqvist</p>'
        f'<div class="text">{article_html(closing=f"<p>{note}</p>")}</div>'
    )
    result = run(html)
    assert result.authors == ("Marta Lindqvist",)
    assert result.text.splitlines() == [*BODY_LINES, note]
    # a box of the author's holding more than a note is no note's box
    long_box = f'<div class="autor-seite">{article_html(closing=f"<p>{note}</p>")}</div>'
    result = run(page(f'<p class="byline">Von Marta Lindqvist</p>{long_box}'))
    assert result.text.splitlines()[-1] == note


def _report(score: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return page(
        f'<article><h1>{TITLE}</h1><div class="entry-content">{score}{paragraphs}</div></article>'
    )


@pytest.mark.parametrize(
    ("score", "line"),
    [
        (
            "<p><strong>HSG Lindhaven – TSG Ostbühl 28:24 (13:12)</strong></p>",
            "HSG Lindhaven – TSG Ostbühl 28:24 (13:12)",
        ),
        ("<p><b>TSV Grünmark 29:27 HSG Altenweiler</b></p>", "TSV Grünmark 29:27 HSG Altenweiler"),
        ("<p>FC Lindhaven – SV Ostbühl 2:1</p>", "FC Lindhaven – SV Ostbühl 2:1"),
    ],
)
def test_a_result_line_set_as_a_paragraph_of_the_report_stays(score: str, line: str) -> None:
    assert run(_report(score)).text.split("\n") == [line, *PARAGRAPHS]


@pytest.mark.parametrize(
    "score",
    [
        # a box of its own above the text, or spans in one
        '<div class="result">HSG Lindhaven – TSG Ostbühl 28:24 (13:12)</div>',
        '<div class="score"><span>TSV Grünmark</span> <b>29:27</b> <span>HSG Altenweiler</span>'
        "</div>",
    ],
)
def test_a_result_in_a_box_of_its_own_goes(score: str) -> None:
    assert run(_report(score)).text.split("\n") == list(PARAGRAPHS)


@pytest.mark.parametrize(
    "forum",
    [
        "<div class='forum'><h3>Forum</h3><p>Das Forum zu diesem Artikel ist geschlossen.</p>"
        "</div>",
        "<section><h2>Leserforum</h2><div>Leserforum für diesen Beitrag beendet</div></section>",
    ],
)
def test_a_closed_readers_forum_under_its_heading_goes(forum: str) -> None:
    assert run(page(article_html(closing=forum))).text.split("\n") == BODY_LINES


def test_a_forum_heading_over_text_stays() -> None:
    section = (
        "<div><h3>Forum</h3><p>Das Forum der Schwimmvereine tagt im Mai im Rathaus und berät "
        "über die neuen Zeiten.</p></div>"
    )
    text = run(page(article_html(closing=section))).text
    assert "Das Forum der Schwimmvereine tagt im Mai" in text
