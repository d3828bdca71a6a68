"""Pull quotes (pipelines.pull_quotes): a sentence set apart in large type goes when the text
beside it prints its words or when its mark names it a pull quote; a quotation stays."""

from __future__ import annotations

import pytest

from crawler.model.types import CleaningRules, ExtractedArticle, ExtractInput
from pipelines.extract import extract_article

HEADLINE = "Die Gebühren für den Winterdienst steigen"
PARAGRAPHS = (
    "Von Januar an zahlen Hausbesitzer in Lindenau mehr für den Winterdienst. Der Stadtrat hat "
    "die neue Satzung am Dienstag mit großer Mehrheit beschlossen.",
    "Die Stadt begründet den Schritt mit den höheren Kosten für Streusalz und Personal. Seit der "
    "letzten Anpassung vor acht Jahren seien sie um mehr als ein Drittel gestiegen.",
    "Wer Widerspruch einlegen will, hat dafür einen Monat nach Erhalt des Bescheids Zeit. Die "
    "Verwaltung rechnet mit einigen Hundert Einsprüchen.",
)
# Words of its own: the text beside it does not print them.
QUOTE = "„Am Ende zahlt immer der Bürger für das, was der Winter kostet.“"


def _extract(between: str) -> ExtractedArticle:
    first, second, third = (f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    html = (
        "<html lang='de'><head><meta charset='utf-8'></head><body><article>"
        f"<h1>{HEADLINE}</h1><div class='artikel-text'>{first}{second}{between}{third}</div>"
        "</article></body></html>"
    )
    page = ExtractInput(
        url="https://www.stadtbote.example/a/1.html",
        body=html.encode(),
        headers={},
        rules=CleaningRules(),
    )
    return extract_article(page)


@pytest.mark.parametrize(
    "box",
    [
        f"<blockquote class='ws-pullquote'>{QUOTE}</blockquote>",
        f"<figure class='wp-block-pullquote'><blockquote><p>{QUOTE}</p><cite>Anna Beispiel"
        "</cite></blockquote></figure>",
        f"<aside id='pull-quote-2'><blockquote><p>{QUOTE}</p></blockquote></aside>",
        f"<blockquote class='article__pull_out'><p>{QUOTE}</p></blockquote>",
    ],
)
def test_a_quote_its_mark_names_a_pull_quote_goes_in_words_of_its_own(box: str) -> None:
    result = _extract(box)
    assert result.text.split("\n") == list(PARAGRAPHS)
    assert [line.rule for line in result.dropped if QUOTE in line.text] == ["teaser:pull-quote"]


@pytest.mark.parametrize(
    "box",
    [
        # a quotation, marked as one
        f"<blockquote class='zitat'>{QUOTE}</blockquote>",
        f"<blockquote class='quote'><p>{QUOTE}</p></blockquote>",
        # a box marked as a pull quote that holds more than the quote: the text's own paragraph
        f"<div class='pullquote-wrap'><blockquote>{QUOTE}</blockquote><p>Die Satzung liegt "
        "im Rathaus aus.</p></div>",
    ],
)
def test_a_quotation_no_mark_names_a_pull_quote_stays(box: str) -> None:
    assert QUOTE in _extract(box).text.split("\n")


def test_a_long_quotation_stays_whatever_its_mark() -> None:
    long_quote = (
        "„Wir haben die Gebühren acht Jahre lang nicht angepasst, obwohl Salz, Fahrzeuge und "
        "Personal teurer geworden sind. Jetzt müssen wir nachholen, was wir so lange aufgeschoben "
        "haben, und das trifft leider alle Hausbesitzer in der Stadt gleichermaßen.“"
    )
    assert long_quote in _extract(f"<blockquote class='pullquote'>{long_quote}</blockquote>").text
