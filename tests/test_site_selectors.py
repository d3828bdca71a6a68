"""A site's drop selectors looked up in one walk give what cssselect gives, in its order."""

from __future__ import annotations

import lxml.html
import pytest
from lxml.cssselect import CSSSelector

from bench.eval_extraction import load_demo, load_heldout
from pipelines.site_selectors import site_selectors

# The declared sites' selectors and more of the same simple shapes, with the cases cssselect
# treats on its own terms: a class among others, an id, a tag with both, a class name that
# another contains, white space other than blanks in @class, a selector cssselect keeps, a
# class inside another, an attribute's value.
_SELECTORS = (
    "div.box",
    ".share",
    "#comments",
    "p.hint.small",
    "aside",
    "div#main.wide",
    ".nav-item",
    "section .teaser",
    'div[data-type="ad"]',
    "#comments .small",
    ".box .box",
    'div.teaser[data-kind="card"]',
    ".article__announce .media",
    'div.article__block[data-type="article"]',
)
_PAGE = """<html><body>
<div class="box">eins</div><div class="boxed">zwei</div><div class="a box b">drei</div>
<p class="share">vier</p><span class="share-bar">fünf</span><div class="x\tshare\ny">sechs</div>
<div id="comments"><p class="hint small">sieben</p><p class="small hint">acht</p></div>
<p class="hint">neun</p><aside class="box">zehn</aside><div id="main" class="wide other">elf</div>
<ul><li class="nav-item">zwölf</li><li class="nav-items">dreizehn</li></ul>
<section><div class="teaser">vierzehn</div></section><div data-type="ad">fünfzehn</div>
<div class="box"><div class="box" data-kind="card">sechzehn</div></div>
<div class="teaser" data-kind="card">siebzehn</div>
<div class="teaser" data-kind="cards">achtzehn</div>
</body></html>"""


def _pages() -> list[lxml.html.HtmlElement]:
    cases = [*load_heldout()[:60], *load_demo()]
    return [lxml.html.fromstring(_PAGE), *(lxml.html.fromstring(c.html) for c in cases)]


@pytest.mark.parametrize("selector", _SELECTORS)
def test_the_same_elements_in_the_same_order_as_cssselect(selector: str) -> None:
    for tree in _pages():
        (select,) = site_selectors(tree, [selector])
        assert select(tree) == CSSSelector(selector)(tree)


def test_elements_dropped_by_an_earlier_selector_are_skipped() -> None:
    tree = lxml.html.fromstring(_PAGE)
    outer, inner = site_selectors(tree, ["#comments", "p.hint"])
    for element in outer(tree):
        element.drop_tree()
    assert [p.text for p in inner(tree)] == ["neun"]
