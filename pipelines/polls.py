"""A reader poll in the HTML tree: a question over its answer options, in a box of its own."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.listings import has_words
from pipelines.tree import collapse, shorten, text_of

_BOX_TAGS = frozenset({"div", "section", "aside", "form", "fieldset"})
_STOP_TAGS = frozenset({"body", "article", "main"})
_CHOICE_TYPES = frozenset({"radio", "checkbox"})
# A form to fill in (a comment or contact form) asks no poll question.
_FIELD_TYPES = frozenset({"text", "email", "tel", "search", "password"})
_POLL_MAX_WORDS = 60
_QUESTION_MAX_WORDS = 25
_OPTION_MAX_WORDS = 8
# The poll's own label and buttons around the question: "Umfrage", "Leserumfrage:", "Ihre
# Meinung", "Jetzt abstimmen", "Ergebnis anzeigen", "12 Stimmen", "12.418 Stimmen abgegeben".
_POLL_WORDS_RE = re.compile(
    r"\b(?:(?:Leser)?(?:umfrage|Abstimmung|Voting|Poll)|Ihre Meinung|Deine Meinung|Frage des"
    r" Tages|(?:Jetzt )?abstimmen|Ergebnis(?:se)? (?:anzeigen|ansehen)|Absenden"
    r"|\d+(?:[.'\u202f ]\d{3})*\s+(?:Stimmen?|Teilnehmer\w*)(?:\s+(?:abgegeben|gezählt))?)"
    r"\b\s*:?",
    re.IGNORECASE,
)
# A question on the text itself asks for feedback: "Wie fanden Sie diesen Artikel?"
_ON_THE_TEXT_RE = re.compile(r"\b(?:diese[rnms]?|der|den|unsere[nmrs]?) (?:Artikel|Beitrag|Text)\b")
# The question itself: one sentence, ending in a question mark, and nothing after it.
_QUESTION_RE = re.compile(r"^[^.!?]*[^\W\d_][^.!?]*\?$")


def drop_polls(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove reader polls: a box holding a question and two or more answer options as
    <label>s, radio buttons or buttons ("<div><p>Wie reisen Sie in den Urlaub?</p><label>Mit
    dem Auto</label><label>Mit der Bahn</label></div>"), perhaps under a label ("Umfrage") and
    over a button ("Abstimmen"). The text may quote a poll's question; it has no options."""
    dropped: list[DroppedLine] = []
    seen: set[lxml.html.HtmlElement] = set()
    for option in list(tree.iter("label", "input", "button")):
        for box in option.iterancestors():
            # The boxes further out only hold more words.
            if box.tag in _STOP_TAGS or box in seen or has_words(box, _POLL_MAX_WORDS + 1):
                break
            if box.tag not in _BOX_TAGS:
                continue
            seen.add(box)
            text = _poll_text(box)
            if text is not None and box.getparent() is not None:
                rule = Rule.FEEDBACK if _ON_THE_TEXT_RE.search(text) else Rule.POLL
                dropped.append(DroppedLine(text=shorten(text), rule=str(rule)))
                box.drop_tree()
                break
    return dropped


def _poll_text(box: lxml.html.HtmlElement) -> str | None:
    """The box's text when it is a poll, else None."""
    text = collapse(text_of(box))
    if "?" not in text:
        return None  # the question, the box's text less its options and labels, ends with one
    if any(field.get("type", "text").lower() in _FIELD_TYPES for field in box.iter("input")):
        return None
    if next(box.iter("textarea", "select"), None) is not None:
        return None
    options: list[str] = []
    for option in box.iter("label", "input", "button"):
        if option.tag == "input":
            if option.get("type", "").lower() not in _CHOICE_TYPES:
                continue
            # A radio button inside its label, or labelled by the text after it.
            parent = option.getparent()
            if parent is not None and parent.tag == "label":
                continue
            option_text = collapse(option.tail or "") or collapse(option.get("value", ""))
        else:
            option_text = collapse(text_of(option))
        if not option_text or len(option_text.split()) > _OPTION_MAX_WORDS:
            return None
        if not _POLL_WORDS_RE.fullmatch(option_text):
            options.append(option_text)
    if len(options) < 2:
        return None
    rest = text
    for option_text in options:
        rest = rest.replace(option_text, " ", 1)
    question = collapse(_POLL_WORDS_RE.sub(" ", rest))
    if len(question.split()) > _QUESTION_MAX_WORDS or not _QUESTION_RE.match(question):
        return None
    # A question on the text itself ("War dieser Artikel hilfreich?") is the line rules'
    # feedback prompt.
    if classify_line(question) is not None:
        return None
    return collapse(" ".join(box.itertext()))
