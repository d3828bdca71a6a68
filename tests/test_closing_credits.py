"""Agency credits in the blocks after the text: read beside it, never in a link."""

from __future__ import annotations

import lxml.html

from pipelines.closing_credits import credits_after_text

_PAGE = (
    "<html><body><article><p>Der Rat hat am Montag den Haushalt für das kommende Jahr"
    " beschlossen.</p>{after}</article><footer><p>Impressum</p></footer></body></html>"
)


def _credits(after: str) -> list[str]:
    tree = lxml.html.fromstring(_PAGE.format(after=after))
    return credits_after_text(
        tree, ["Der Rat hat am Montag den Haushalt für das kommende Jahr beschlossen."]
    )


def test_a_credit_beside_the_text_is_read() -> None:
    assert _credits("<div><span>Mit Material von dpa</span></div>") == ["Mit Material von dpa"]


def test_a_credit_in_a_link_is_none() -> None:
    assert _credits("<div><a href='/x'><span>Mit Material von dpa</span></a></div>") == []
    assert _credits("<a href='/x'><div><span>Mit Material von dpa</span></div></a>") == []
    assert _credits("<div><a href='/x'>dpa-Meldungen</a><p>Mit Material von dpa</p></div>") == [
        "Mit Material von dpa"
    ]
