"""The article's lead (pipelines.leads): found by its mark beside the headline, kept as the text's
first line; a heading or a block that only looks like one stays out of the lead."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.model.types import CleaningRules, ExtractInput
from pipelines.extract import extract_article
from pipelines.leads import drop_sender_line, find_lead, find_lead_before_text, find_subtitle

HEADLINE = "Gemeinde baut neue Kita am Mühlbach"
LEAD = (
    "Der Gemeinderat hat den Neubau einstimmig beschlossen. Im Herbst sollen die Bagger anrollen."
)
SUBLINE = "Zweigruppige Einrichtung für sechzig Kinder soll im Sommer 2027 öffnen"
PARAGRAPHS = (
    "Die neue Kita entsteht auf dem Grundstück der früheren Gärtnerei am Mühlbach. Sie soll zwei "
    "Gruppen für Kinder unter drei Jahren und zwei Gruppen für ältere Kinder bieten.",
    "Die Kosten schätzt die Verwaltung auf knapp fünf Millionen Euro. Rund die Hälfte davon "
    "übernimmt das Land aus seinem Förderprogramm für den Ausbau der Kinderbetreuung.",
)


def _text_lines(page: str) -> list[str]:
    html = f"<html lang='de'><head><meta charset='utf-8'></head><body>{page}</body></html>"
    page_input = ExtractInput(
        url="https://www.talbote.example/a/1.html",
        body=html.encode(),
        headers={},
        rules=CleaningRules(),
    )
    return extract_article(page_input).text.split("\n")


def _beside_text(header: str, text_class: str = "text") -> str:
    """The headline (and what `header` sets under it), then the text in a container of its own,
    which trafilatura takes for the whole article."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"{header}<div class='{text_class}'>{body}</div>"


_PREFACE = f"<h1>{HEADLINE}</h1><p class='preface'>{LEAD}</p>"
_INTRODUCTION = f"<h1>{HEADLINE}</h1><p class='einleitung'>{LEAD}</p>"
_PEREX = (
    f"<h1>{HEADLINE}</h1><div class='meta'>12.03.2025</div><div class='player'>Anhören</div>"
    f"<p class='perex'>{LEAD}</p>"
)
_ANRISS = f"<h1>{HEADLINE}</h1><div class='artikel-anriss'>{LEAD}</div>"
_SAPO = (
    f"<h1>{HEADLINE}</h1><div class='detail-time'>12.03.2025</div>"
    f"<div class='detail-sapo'>{LEAD}</div>"
)
_CHAPO = f"<h1>{HEADLINE}</h1><p class='article-chapo'>{LEAD}</p>"
_HEADER = f"<header><h1>{HEADLINE}</h1><div class='article-preface'><p>{LEAD}</p></div></header>"


@pytest.mark.parametrize(
    "page",
    [
        f"<div id='content'>{_beside_text(_PREFACE)}</div>",
        f"<article>{_beside_text(_HEADER, 'article-text')}</article>",
        f"<div>{_beside_text(_INTRODUCTION)}</div>",
        # the Czech and Slovak CMSs' "perex", past the date's and the audio player's blocks
        f"<article>{_beside_text(_PEREX, 'body')}</article>",
        f"<div>{_beside_text(_ANRISS)}</div>",
        # the Vietnamese CMSs' "sapo" and the French ones' "chapo", past a date's block
        f"<div>{_beside_text(_SAPO)}</div>",
        f"<article>{_beside_text(_CHAPO, 'corps')}</article>",
    ],
)
def test_a_lead_marked_as_the_preface_or_introduction_is_the_texts_first_line(page: str) -> None:
    assert _text_lines(page) == [LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    ("headline", "subline"),
    [
        (f"<h2 class='ueberschrift'>{HEADLINE}</h2>", f"<h3 class='unterzeile'>{SUBLINE}</h3>"),
        (f"<h1>{HEADLINE}</h1>", f"<h2 class='subline'>{SUBLINE}</h2>"),
        (f"<h1>{HEADLINE}</h1>", f"<h4 class='article-dek'>{SUBLINE}</h4>"),
        # a Turkish CMS's "spot", as a heading or a paragraph
        (f"<h1 class='detay-baslik'>{HEADLINE}</h1>", f"<h2 class='detay-spot'>{SUBLINE}</h2>"),
        (f"<h1>{HEADLINE}</h1>", f"<p class='haber_spot'>{SUBLINE}</p>"),
    ],
)
def test_a_subline_heading_under_the_headline_is_the_lead_without_a_final_period(
    headline: str, subline: str
) -> None:
    assert _text_lines(f"<div>{_beside_text(headline + subline)}</div>") == [SUBLINE, *PARAGRAPHS]


def test_a_heading_under_the_headline_is_a_lead_only_by_its_mark_and_length() -> None:
    short = "<div><h1>Kita am Mühlbach</h1><h3 class='subline'>Neubau beschlossen</h3></div>"
    assert find_lead(lxml.html.fromstring(short).find("h1")) is None
    unmarked = f"<div><h1>{HEADLINE}</h1><h3 class='zwischentitel'>{SUBLINE}</h3></div>"
    assert find_lead(lxml.html.fromstring(unmarked).find("h1")) is None
    # A marked paragraph of a deck's length needs no sentence's end; a short one is a kicker.
    marked = f"<div><h1>{HEADLINE}</h1><p class='preface'>{SUBLINE}</p></div>"
    assert find_lead(lxml.html.fromstring(marked).find("h1")) == SUBLINE
    lead = f"<div><h1>{HEADLINE}</h1><div class='news-item__lead'>{SUBLINE}</div></div>"
    assert find_lead(lxml.html.fromstring(lead).find("h1")) == SUBLINE
    kicker = f"<div><h1>{HEADLINE}</h1><p class='news-item__lead'>Kita am Mühlbach</p></div>"
    assert find_lead(lxml.html.fromstring(kicker).find("h1")) is None
    # "spot" inside another word ("spotlight", "hotspot") marks no subline
    for mark in ("spotlight", "hotspot-map"):
        other = f"<div><h1>{HEADLINE}</h1><h3 class='{mark}'>{SUBLINE}</h3></div>"
        assert find_lead(lxml.html.fromstring(other).find("h1")) is None


@pytest.mark.parametrize(
    "subline",
    [
        f"<p class='article-subtitle'>{SUBLINE}</p>",
        f"<div class='news-single-subheader'>{SUBLINE} / Kosten trägt der Landkreis</div>",
    ],
)
def test_a_block_marked_as_the_subline_is_the_lead_without_a_final_period(subline: str) -> None:
    text = lxml.html.fromstring(subline).text_content()
    assert _text_lines(f"<div>{_beside_text(f'<h1>{HEADLINE}</h1>' + subline)}</div>") == [
        text,
        *PARAGRAPHS,
    ]


@pytest.mark.parametrize(
    "heading",
    [f"<h2 class='detail-spot'>{LEAD}</h2>", f"<h3>{LEAD}</h3>"],
)
def test_a_heading_of_whole_sentences_right_under_the_headline_is_the_lead(heading: str) -> None:
    assert find_lead(lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{heading}</div>").find("h1"))
    assert _text_lines(f"<div>{_beside_text(f'<h1>{HEADLINE}</h1>' + heading)}</div>") == [
        LEAD,
        *PARAGRAPHS,
    ]


def test_a_heading_of_sentences_not_right_under_the_headline_is_no_lead() -> None:
    page = f"<div><h1>{HEADLINE}</h1><p class='date'>12.05.2026</p><h2>{LEAD}</h2></div>"
    assert find_lead(lxml.html.fromstring(page).find("h1")) is None


def test_a_scripts_hook_naming_a_mediator_is_no_media_mark() -> None:
    lead = f"<div class='article__summary js-mediator-article'>{LEAD}</div>"
    assert find_lead(lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{lead}</div>").find("h1"))
    # A lead image's box stays out, sentence or not.
    media = f"<div class='summary-media'>{LEAD}</div>"
    tree = lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{media}</div>")
    assert find_lead(tree.find("h1")) is None


@pytest.mark.parametrize(
    "subtitle",
    [
        "<h2 class='untertitel'>Was die Messdaten zeigen</h2>",
        "<h3 class='article-subtitle'>Kita öffnet im Sommer 2027</h3>",
        # marked as the lead: a deck shorter than a lead's sentence
        "<h3 class='news-header__lead'>Eltern verweisen auf lange Wartelisten</h3>",
        "<h2 class='story-intro'>Stadtrat stimmt knapp zu</h2>",
        # unmarked, a paragraph of the text after it
        "<h3>Anwohner müssen mit Baulärm rechnen</h3>",
    ],
)
def test_a_subtitle_heading_under_the_headline_opens_the_text_above_the_lead(subtitle: str) -> None:
    text = lxml.html.fromstring(subtitle).text_content()
    header = f"<h1>{HEADLINE}</h1>{subtitle}<p class='preface'>{LEAD}</p>"
    assert find_subtitle(lxml.html.fromstring(f"<div>{header}</div>").find("h1")) == text
    assert _text_lines(f"<div>{_beside_text(header)}</div>") == [text, LEAD, *PARAGRAPHS]


@pytest.mark.parametrize(
    "heading",
    [
        # a label of two words
        "<h2 class='untertitel'>Neubau beschlossen</h2>",
        # a heading the mark does not name a subtitle
        "<h2 class='zwischentitel'>Was die Messdaten zeigen</h2>",
        # a link: a teaser's title
        "<h2 class='subtitle'><a href='/a/2'>Was die Messdaten zeigen</a></h2>",
        # a lead mark of a lead image's title or of the comment section
        "<h2 class='lead-image__title'>Blick auf die neue Kita</h2>",
        "<h3 class='comments-teaser'>Diskutieren Sie mit uns mit</h3>",
        # unmarked, a list or a box after it, not the text's paragraph
        "<h3>Die Termine im Überblick</h3><ul><li>Montag, 9 Uhr</li></ul>",
        "<h2>Was die Messdaten zeigen</h2><div class='grafik'>Tabelle</div><p>Text.</p>",
    ],
)
def test_a_heading_under_the_headline_is_a_subtitle_only_by_its_mark_and_length(
    heading: str,
) -> None:
    tree = lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{heading}</div>")
    assert find_subtitle(tree.find("h1")) is None


@pytest.mark.parametrize(
    "rows",
    [
        # an old layout table: the headline's cell alone in its row, the subline's in the next
        f"<table><tr><td class='datum'>18.09.2024</td></tr><tr><td><h1>{HEADLINE}</h1></td></tr>"
        f"<tr><td class='unterzeile'><b>{SUBLINE}</b></td></tr></table>",
        f"<div class='kopf'><div class='zeile'><div><h1>{HEADLINE}</h1></div></div>"
        f"<div class='zeile'><div class='subtitle'>{SUBLINE}</div></div></div>",
    ],
)
def test_a_subline_in_the_row_under_the_headlines_own_row_is_the_lead(rows: str) -> None:
    assert _text_lines(f"<div>{_beside_text(rows)}</div>") == [SUBLINE, *PARAGRAPHS]


@pytest.mark.parametrize(
    "row",
    [
        # an unmarked line, and a marked one of a kicker's few words
        f"<div><div><b>{SUBLINE}</b></div></div>",
        "<div><div class='unterzeile'>Neubau beschlossen</div></div>",
    ],
)
def test_a_row_under_the_headlines_row_is_a_lead_only_by_its_mark_and_length(row: str) -> None:
    tree = lxml.html.fromstring(f"<div><div><div><h1>{HEADLINE}</h1></div></div>{row}</div>")
    assert find_lead(next(tree.iter("h1"))) is None
    marked = f"<div><div class='unterzeile'>{SUBLINE}</div></div>"
    tree = lxml.html.fromstring(f"<div><div><div><h1>{HEADLINE}</h1></div></div>{marked}</div>")
    assert find_lead(next(tree.iter("h1"))) == SUBLINE


@pytest.mark.parametrize(
    "sender",
    [
        "<p class='post-from'>Kreistagsfraktion der PRU Hohenauen</p>",
        "<div class='pm-absender'>Stadtverwaltung Talheim – Pressestelle</div>",
        "<span class='herausgeber'>Landesamt für Umwelt</span>",
    ],
)
def test_a_senders_line_marked_as_one_under_the_headline_goes(sender: str) -> None:
    name = lxml.html.fromstring(sender).text_content()
    assert _text_lines(f"<div>{_beside_text(f'<h1>{HEADLINE}</h1>{sender}')}</div>") == [
        *PARAGRAPHS
    ]
    tree = lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{sender}<p>{LEAD}</p></div>")
    assert [line.text for line in drop_sender_line(tree.find("h1"))] == [name]


@pytest.mark.parametrize(
    "block",
    [
        # a sentence under such a mark is the lead; other marks name no sender
        f"<p class='post-from'>{LEAD}</p>",
        "<p class='platform'>Kreistagsfraktion der PRU Hohenauen</p>",
        "<p class='post-meta'>Kreistagsfraktion der PRU Hohenauen</p>",
    ],
)
def test_other_lines_under_the_headline_are_no_senders_line(block: str) -> None:
    tree = lxml.html.fromstring(f"<div><h1>{HEADLINE}</h1>{block}</div>")
    assert drop_sender_line(tree.find("h1")) == []


_DATE = "<div class='field-date'><span>Mittwoch, 19. Februar 2025 - 00:40</span></div>"
_PICTURE = (
    "<div class='field-image'><img src='/k.jpg' alt=''><div class='caption'>Die Baustelle am "
    "Mühlbach im Januar</div></div>"
)


@pytest.mark.parametrize(
    "page",
    [
        # a Drupal node: the summary field, then the body field, below the date and the picture
        f"<h1>{HEADLINE}</h1><div class='region'><div class='node'>{_DATE}{_PICTURE}"
        f"<div class='field field-name-field-summary'><div class='field-items'><div "
        f"class='field-item'>{LEAD}</div></div></div><div class='field field-name-body'>"
        f"<div class='field-items'><div class='field-item'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div></div></div></div></div>",
        # an intro section before the text's section, the headline in a header of its own
        f"<header class='page-head'><h1>{HEADLINE}</h1><p class='meta'>Von der Redaktion</p>"
        f"</header><main><figure><img src='/k.jpg'><figcaption>Baustelle</figcaption></figure>"
        f"<section class='story-intro'><p>{LEAD}</p></section>"
        f"{_beside_text('', 'story-body')}</main>",
    ],
)
def test_a_block_marked_as_the_lead_right_before_the_texts_container_is_the_lead(
    page: str,
) -> None:
    assert _text_lines(page) == [LEAD, *PARAGRAPHS]


_OTHER = (
    "Im Nachbarort eröffnet im Frühjahr eine zweite Kita mit drei Gruppen und einem großen Garten."
)


def _lead_before_text(page: str) -> str | None:
    tree = lxml.html.fromstring(f"<html><body>{page}</body></html>")
    return find_lead_before_text(tree.find(".//h1"), list(PARAGRAPHS))


@pytest.mark.parametrize(
    "page",
    [
        # a summary box after the text
        f"<header><h1>{HEADLINE}</h1></header><div class='node'>{_DATE}"
        f"{_beside_text('', 'field-name-body')}<div class='field-name-field-summary'>{_OTHER}"
        "</div></div>",
        # a summary box in the sidebar, before the text's column but not the text's container
        f"<div class='page'><h1>{HEADLINE}</h1><div class='cols'><aside class='sidebar'>"
        f"<div class='summary'>{_OTHER}</div><div class='box'>Wetter: 12 Grad</div></aside>"
        f"<div class='main'>{_beside_text('', 'body')}</div></div></div>",
        # a teaser of another article before the text: its headline and its own text
        f"<div><h1>{HEADLINE}</h1>{_DATE}<div class='teaser'><h3><a href='/b/2.html'>Zweite"
        f" Kita eröffnet</a></h3><p>{_OTHER}</p></div>{_beside_text('', 'body')}</div>",
        # a teaser card that is mostly its link, whatever word marks it
        f"<div><h1>{HEADLINE}</h1>{_DATE}<p class='perex'><a href='/b/2.html'>{_OTHER}</a>"
        f"</p>{_beside_text('', 'body')}</div>",
        # a teaser card that is mostly its link
        f"<div><h1>{HEADLINE}</h1>{_DATE}<div class='teaser'><a href='/b/2.html'>{_OTHER}</a>"
        f" mehr</div>{_beside_text('', 'body')}</div>",
    ],
)
def test_a_summary_box_elsewhere_or_a_teaser_before_the_text_is_no_lead(page: str) -> None:
    assert _lead_before_text(page) is None
    # the same block right before the text's container is its lead
    marked = f"<div><h1>{HEADLINE}</h1>{_DATE}<div class='summary'>{_OTHER}</div>"
    assert _lead_before_text(marked + _beside_text("", "body") + "</div>") == _OTHER


_BIO = "Das Nachrichtenteam von Talbote berichtet täglich aus den Gemeinden des Landkreises."


@pytest.mark.parametrize(
    "box",
    [
        f"<div class='td-author-box'><div class='td-author-name'>Talbote Desk</div>"
        f"<div class='td-author-description'>{_BIO}</div></div>",
        f"<div class='autor-kasten'><p class='autor-intro'>{_BIO}</p></div>",
    ],
)
def test_an_author_boxs_description_near_the_headline_is_no_lead(box: str) -> None:
    page = (
        f"<div class='post'><div class='post-header'><h1>{HEADLINE}</h1></div>{box}"
        f"<div class='text'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></div>"
    )
    h1 = lxml.html.fromstring(f"<html><body>{page}</body></html>").find(".//h1")
    assert find_lead(h1) is None
    # the same block marked as the lead alone is the lead
    lead = page.replace("td-author-description", "description").replace("autor-intro", "intro")
    lead = lead.replace("td-author-box", "box").replace("autor-kasten", "kasten")
    marked = lxml.html.fromstring(f"<html><body>{lead}</body></html>").find(".//h1")
    assert find_lead(marked) == _BIO
