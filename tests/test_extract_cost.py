"""The extraction's cheaper ways of doing things give what the plain ways give."""

from __future__ import annotations

import lxml.html

from pipelines.tree import parse_html

PAGE = """<!DOCTYPE html><html lang="de"><head><title>Titel</title></head><body>
<article><h1>Überschrift</h1><p>Ein Absatz mit <a href="/x">Link</a> und <b>fett</b>.</p>
<form action="/suche"><label for="q">Suche</label><input id="q" name="q" value="x">
<select name="s"><option>eins</option></select><textarea name="t">Text</textarea></form>
<!-- a comment --><table><tr><td>Zelle</td></tr></table></article></body></html>"""


def test_parsed_tree_has_lxml_htmls_element_classes() -> None:
    """parse_html picks element classes in C; they are the classes lxml.html would pick."""
    ours = parse_html(PAGE)
    assert ours is not None
    theirs = lxml.html.document_fromstring(
        PAGE.encode(), parser=lxml.html.HTMLParser(remove_comments=True, encoding="utf-8")
    )
    assert [(e.tag, type(e)) for e in ours.iter()] == [(e.tag, type(e)) for e in theirs.iter()]
    assert isinstance(ours.find(".//form"), lxml.html.FormElement)
    assert isinstance(ours.find(".//input"), lxml.html.InputElement)
    assert type(ours.find(".//p")) is lxml.html.HtmlElement
    assert ours.find(".//form").inputs["q"].value == "x"  # the form API works as in lxml.html


def test_parse_html_drops_the_characters_libxml2_refuses_as_the_regex_does() -> None:
    """The controls go from the encoded page, the noncharacters through the regex; a page of
    nothing but white space, a no-break space or an ideographic space too, is no page."""
    import re

    refused = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
    for text in (
        "<p>Ein\x00 Satz\x0b mit\x1f Steuer\x08zeichen.</p>",
        "<p>Tab\tund\r\nZeilen\x0c bleiben; Umlaute äöü, ein \ufffe und ein \uffff.</p>",
        "\x01\x02<div>Vorn\x1e</div>",
    ):
        ours = parse_html(text)
        assert ours is not None
        plain = lxml.html.document_fromstring(
            refused.sub("", text).encode(), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
        assert ours.text_content() == plain.text_content()
    for blank in ("", " \t\n", "\x00\x0b \x1f", "\xa0 \u3000\n", " \ufffe \x85"):
        assert parse_html(blank) is None
    assert parse_html("\xa0<p>Text</p>") is not None


def test_text_of_gives_the_serialised_text_of_every_element() -> None:
    """An element without children gives its .text; what the serialisation gives too."""
    import lxml.etree

    from pipelines.tree import text_of

    tree = parse_html(
        "<html><body><div><p>Ein <b>fetter</b> Satz</p><p></p><br><p>Nur Text &amp; mehr</p>"
        "<script>var a = '<p>';</script><ul><li>Eins</li><li><a href='/'>Zwei</a></li></ul>"
        "</div></body></html>"
    )
    assert tree is not None
    elements = list(tree.iter())
    assert sum(not len(element) for element in elements) >= 5
    for element in elements:
        plain = lxml.etree.tostring(element, method="text", encoding="unicode", with_tail=False)
        assert text_of(element) == plain
