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
