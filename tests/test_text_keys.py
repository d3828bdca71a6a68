"""Text keys and the element printing one of the text's last lines, against their plain
definitions."""

from __future__ import annotations

import re
import sys

import lxml.html

from pipelines.closing_credits import _last_line_element
from pipelines.tree import text_key, text_of


def _plain_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def test_text_key_is_the_letters_and_digits_case_folded() -> None:
    samples = [
        "Die Stadtwerke haben am Dienstag den Bau beschlossen. „Das ist gut“, sagte er (54).",
        "Von Miriam Kessler",
        "  \n  Text und Bild: A  ",
        "",
        " \t ",
        "ΣΑΣ Straße ǅ İ _x_ a\u00a0b\u2003c \u0345",
        "snake_case, 12.000 Haushalte – 3 Min.",
    ]
    samples.extend(f"a{chr(c)}b {chr(c)}" for c in range(0, sys.maxunicode + 1, 7))
    for text in samples:
        assert text_key(text) == _plain_key(text), repr(text)


def _plain_last_line_element(
    tree: lxml.html.HtmlElement, lines: list[str]
) -> lxml.html.HtmlElement | None:
    keys = [key for key in map(text_key, lines[-3:]) if key]
    found = {}
    for element in tree.iter("p", "li", "tr", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd"):
        key = text_key(text_of(element))
        if key in keys:
            found[key] = element
    return next((found[key] for key in reversed(keys) if key in found), None)


def test_last_line_element_is_the_last_element_keyed_as_a_last_line() -> None:
    tree = lxml.html.fromstring(
        "<html><body><p>Die Wahl</p><ul><li>\n   <p>Der Haushalt, der neue.</p></li></ul>"
        "<p>Die Wahl!</p><blockquote>   … <b>und</b> mehr</blockquote><p>Straße 1</p>"
        f"<p>{'” ' * 26}Ende</p><p>?</p><p>Ende der Geschichte</p></body></html>"
    )
    cases = [
        ["Die Wahl"],
        ["die wahl", "Der Haushalt – der neue"],
        ["Der Haushalt, der neue.", "Kein Satz"],
        ["…und mehr", "?"],
        ["STRASSE 1"],
        ["Ende"],
        ["x" * 200, "Ende " + "”" * 100],
        ["Nichts davon", "?"],
        ["” " * 50 + "Ende der Geschichte"],
        ["” " * 50 + "Ende der", "Straße 1"],
    ]
    for lines in cases:
        assert _last_line_element(tree, lines) is _plain_last_line_element(tree, lines), lines
