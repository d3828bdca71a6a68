"""Small boxes beside the text around a control: the box an e-mail sign-up form sits in (a
newsletter's name, its tagline, the field and its button), the container a button asking for
money sits in (pipelines.blocks), and a video or audio teaser (its media label, its title and
its duration, each an element of its own, and a play button)."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.listings import has_words
from pipelines.tree import collapse, shorten

# A promo box holds a line or three and a button: more words are the text's.
PROMO_BOX_MAX_WORDS = 60
_STOP_TAGS = frozenset(("body", "article", "main"))
_SIGNUP_BOX_TAGS = frozenset(("div", "aside", "section", "form"))
# A teaser's media label and its duration, each an element's whole text: "Video", "01:23".
_MEDIA_LABEL_RE = re.compile(r"^(?:Video|Audio|Podcast|Clip)$", re.IGNORECASE)
_DURATION_RE = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:min|Min\.?))?$")
# Fields of a form that is no sign-up: a login's password, a comment's or a contact form's
# message.
_NOT_SIGNUP_TYPES = frozenset(("password",))


def is_media_teaser(box: lxml.html.HtmlElement, label: str) -> bool:
    """True when `label`, the whole text of one of the box's elements, is a media label and
    another element of the box holds a duration alone: a video or audio teaser ("<div><span>
    Video</span><span>Hier parkt …</span><span>01:23</span><button>…</button></div>"). A
    sentence of the text about a video has neither as an element of its own."""
    if _MEDIA_LABEL_RE.match(label.strip()) is None:
        return False
    return any(
        len(element) == 0 and _DURATION_RE.match((element.text or "").strip()) is not None
        for element in box.iter()
        if isinstance(element, lxml.html.HtmlElement)
    )


def small_box_around(
    node: lxml.html.HtmlElement, tags: frozenset[str]
) -> tuple[lxml.html.HtmlElement, str] | None:
    """The largest box (of `tags`) around `node` within a promo box's words, and its text, when
    the box holds at most a third of the words around it: a box beside the text. A control in
    the text's own flow has no such box."""
    box = None
    for ancestor in node.iterancestors():
        if ancestor.tag in _STOP_TAGS or has_words(ancestor, PROMO_BOX_MAX_WORDS + 1):
            break
        if ancestor.tag in tags:
            box = ancestor
    parent = box.getparent() if box is not None else None
    if box is None or parent is None:
        return None
    text = collapse(" ".join(box.itertext()))
    return (box, text) if has_words(parent, len(text.split()) * 3) else None


def _asks_for_email(field: lxml.html.HtmlElement) -> bool:
    kind = field.get("type", "text").lower()
    if kind == "email":
        return True
    # A text field named for the address: "<input type='text' name='email'>".
    named = f"{field.get('name', '')} {field.get('placeholder', '')}".lower()
    return kind == "text" and "mail" in named


def drop_signup_boxes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a sign-up box beside the text: a small box around a form with an e-mail field and
    no password or message field ("<div><h4>Der Morgenbrief</h4><p>Was Anleger wissen müssen
    </p><form><input type='email'><button>Anmelden</button></form></div>"). Its name and tagline
    need not say "Newsletter"; the field asking for the reader's address does. A login box has
    a password field, a comment or contact form a message field."""
    dropped: list[DroppedLine] = []
    for field in list(tree.iter("input")):
        if not _asks_for_email(field):
            continue
        found = small_box_around(field, _SIGNUP_BOX_TAGS)
        if found is None:
            continue
        box, text = found
        if next(box.iter("textarea"), None) is not None or any(
            other.get("type", "").lower() in _NOT_SIGNUP_TYPES for other in box.iter("input")
        ):
            continue
        box.drop_tree()
        if text:
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PROMO_NEWSLETTER)))
    return dropped
