"""News feed boxes of time-stamped links to other items (pipelines/news_feeds.py)."""

from __future__ import annotations

import lxml.html
import pytest

from pipelines.news_feeds import drop_news_feeds
from pipelines.tree import collapse, text_of

TEXT = (
    "<p>Der Gemeinderat hat am Dienstag den Haushalt für das kommende Jahr beschlossen. "
    "Die Schulden sollen bis 2028 sinken.</p>"
)


def _body(html: str) -> str:
    tree = lxml.html.fromstring(f"<html><body>{html}</body></html>")
    drop_news_feeds(tree)
    body = tree.find("body")
    assert body is not None
    return collapse(text_of(body))


@pytest.mark.parametrize(
    "feed",
    [
        "<div class='feed'><h3>Nachrichtenband</h3>"
        "<p><span>08:31</span> <a href='/1'>Landtag billigt neues Schulgesetz</a></p>"
        "<p><span>08:12</span> <a href='/2'>Hafen meldet Rekord bei Fähren</a></p></div>",
        "<ul><li><b>9.15 Uhr</b> <a href='/a'>Brücke bei Lindenau wieder frei</a></li></ul>",
        "<aside><strong>Ticker</strong><div><a href='/x'><time>23:05</time> Sturm deckt "
        "Dächer ab</a></div></aside>",
        "<p>14:40 <a href='/y'>Bahn erhöht die Preise</a></p>",
    ],
)
def test_a_news_feed_box_goes(feed: str) -> None:
    assert _body(TEXT + feed) == collapse(lxml.html.fromstring(TEXT).text_content())


@pytest.mark.parametrize(
    "html",
    [
        # A sentence with a time and a link is text.
        "<p>Um 08:31 meldete die <a href='/p'>Polizei</a> die Sperrung der Straße.</p>",
        # A time and a link with more words beside them.
        "<p>08:31 Die Polizei sperrt die Straße, <a href='/p'>mehr dazu hier</a>.</p>",
        # A programme line without a link.
        "<ul><li>10:00 Eröffnung durch den Bürgermeister</li></ul>",
        # A time with a one-word link is no headline.
        "<p>18:00 <a href='/k'>Konzert</a></p>",
    ],
)
def test_text_with_a_time_and_a_link_stays(html: str) -> None:
    tree = lxml.html.fromstring(f"<html><body>{html}</body></html>")
    before = collapse(text_of(tree))
    assert drop_news_feeds(tree) == []
    assert collapse(text_of(tree)) == before


def test_feed_entries_beside_text_go_alone() -> None:
    html = f"<div>{TEXT}<p>07:02 <a href='/z'>Flughafen streicht Nachtflüge</a></p></div>"
    assert _body(html) == collapse(lxml.html.fromstring(TEXT).text_content())
