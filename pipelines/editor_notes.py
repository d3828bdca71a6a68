"""An owner's or editor's note to the readers set apart before the text, in a quotation block
of its own: "<blockquote><p><em>Liebe Leserinnen und Leser, diese Woche schreibt hier mein
Nachbar Henrik. – Mara</em></p></blockquote>" over a guest's post. The same words as the
text's first paragraph are the text's, as printed."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.tree import collapse, shorten, text_of

# A greeting to the readers opening the note: "Liebe Leserinnen und Leser,", "Liebe Leser,",
# "Liebe Abonnentinnen und Abonnenten,", "Hallo zusammen,".
_GREETING_RE = re.compile(
    r"^(?:Liebe (?:Leserinnen und Leser|Leser(?:innen)?|Leserin, lieber Leser|alle"
    r"|Abonnentinnen und Abonnenten|Abonnent(?:inn)?en|Freundinnen und Freunde)"
    r"|Hallo (?:zusammen|ihr Lieben|alle))\s*[,!]"
)
# The writer's sign-off closing it: "– Mara", "— Mara Quendt", "Eure Mara", "Ihr Jan Ohm".
_SIGN_OFF_RE = re.compile(
    r"(?:[–—-]|\b(?:Eure?|Ihre?|Deine?))\s+[A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w-]+)?\W{0,2}$"
)
_NOTE_MAX_WORDS = 80
# The text after the note: paragraphs of its own.
_TEXT_MIN_PARAGRAPHS = 2


def drop_editor_notes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a note to the readers in a <blockquote> that opens the text: nothing with words
    before it in its container, two paragraphs or more after it, its words a greeting to the
    readers (`_GREETING_RE`) and a sign-off (`_SIGN_OFF_RE`). A quotation opening a text
    greets no readers and is signed by no one."""
    dropped: list[DroppedLine] = []
    for quote in list(tree.iter("blockquote")):
        first = (quote.text or "").strip() or text_of(quote)[:40].strip()
        # Most quotations open with another word: one look at the first letters.
        if not first.startswith(("Liebe", "Hallo")):
            continue
        text = collapse(text_of(quote))
        if (
            len(text.split()) > _NOTE_MAX_WORDS
            or _GREETING_RE.match(text) is None
            or _SIGN_OFF_RE.search(text) is None
            or any(text_of(before).strip() for before in quote.itersiblings(preceding=True))
            or sum(1 for _ in quote.itersiblings("p")) < _TEXT_MIN_PARAGRAPHS
        ):
            continue
        quote.drop_tree()
        dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PARTNER)))
    return dropped
