"""Blocks of furniture inside the article's HTML, removed before extraction: lists of other
articles under their lead-in label, pull quotes."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.tree import SENTENCE_END_RE, TEASER_CONTAINER_TAGS, collapse, shorten

_QUOTE_WORD_RE = re.compile(r"\w+")

# Elements that label a list of other articles ("<h4>Mehr zum Thema</h4><ul>…").
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b"})
# First words of the lead-in labels the line rules know (clean_rules, furniture).
_LABEL_FIRST_WORDS = frozenset(
    (
        *("mehr", "weitere", "lesen", "auch", "das", "zum", "passend", "siehe", "alle"),
        *("top", "aktuelle", "neueste", "verwandte", "ähnliche", "empfehlungen", "noch"),
        *("meistgelesen", "meistgelesene", "dazu", "ebenfalls", "andere", "lese-tipp"),
        *("die", "diese", "unsere", "bisherige"),
    )
)
_LEAD_IN_RULES = frozenset(
    (Rule.MEHR_ZUM_THEMA, Rule.LESEN_SIE_AUCH, Rule.AUCH_INTERESSANT, Rule.MORE_TOPICS)
)
_LIST_SEPARATORS_RE = re.compile(r"^[\s|·•/,;–-]*$")


def drop_related_lists(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove lists of other articles under their label, whatever the links or their absence.

    "<h4>Mehr zum Thema</h4><ul><li>…</li></ul>", "<p>Weitere Teile der Serie</p><ul>…",
    "<p><strong>Mehr aus dem Murtal:</strong> <a>…</a> | <a>…</a></p>": the label is one the
    line rules know as a lead-in, alone in its element; what it leads is a list of short
    headline items, or links and separators only. A list under any other heading stays.
    """
    body = tree.find("body")
    if body is None:
        return []
    found: list[tuple[lxml.html.HtmlElement, str, str]] = []
    # From the lists and bold labels up: far fewer elements than the labels could be.
    for element in body.iter("ul", "ol", "strong", "b"):
        inline = element.tag in ("strong", "b")
        label = element if inline else element.getprevious()
        if label is None or label.tag not in _LABEL_TAGS or len(label) > 2:
            continue
        rule = _lead_in_rule(label)
        if rule is None:
            continue
        if inline:
            parent = label.getparent()
            if (
                parent is not None
                and parent.tag in TEASER_CONTAINER_TAGS
                and _only_links_after(parent, label)
            ):
                found.append((parent, collapse(parent.text_content()), rule))
        elif not (label.tail or "").strip() and _is_headline_list(element):
            found.append((label, collapse(label.text_content()), rule))
            items = (collapse(item.text_content()) for item in element.iterchildren("li"))
            found.append((element, " | ".join(items), rule))
    dropped: list[DroppedLine] = []
    # The label's rule names the list too, as the line rules name a list after its lead-in.
    for element, text, rule in found:
        if element.getparent() is not None:
            element.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=rule))
    return dropped


def _lead_in_rule(label: lxml.html.HtmlElement) -> str | None:
    """The line rule of a bare lead-in label ("Mehr zum Thema", "Weitere Teile der Serie")."""
    text = collapse(label.text_content())
    if not text or len(text) > 60 or text.split(None, 1)[0].casefold() not in _LABEL_FIRST_WORDS:
        return None
    rule = classify_line(text)
    return rule if rule in _LEAD_IN_RULES else None


def _only_links_after(parent: lxml.html.HtmlElement, label: lxml.html.HtmlElement) -> bool:
    """True when the label opens `parent` and the rest is two or more links and separators."""
    if (parent.text or "").strip() or parent[0] is not label:
        return False
    links = 0
    for child in parent:
        if child is not label:
            if child.tag != "a" or len(child):
                return False
            links += 1
        if not _LIST_SEPARATORS_RE.match(child.tail or ""):
            return False
    return links >= 1


def _is_headline_list(element: lxml.html.HtmlElement) -> bool:
    """A list of short headline items: no item is a sentence or longer than a headline."""
    items = [collapse(item.text_content()) for item in element.iterchildren("li")]
    if not items or len(items) != len(element):
        return False
    return all(
        item and len(item.split()) <= 20 and not SENTENCE_END_RE.search(item) for item in items
    )


_PULL_QUOTE_REACH = 4


def drop_pull_quotes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove pull quotes: a short <blockquote> whose words the text around it all prints.

    A magazine repeats a sentence of the text, shortened, in large type ("„Die Jungen wollen
    nicht vor der Flamme sitzen“" beside "… wollen die Jungen lieber ins Büro als vor einer
    heißen Flamme sitzen", sagt er."), next to the passage it comes from. A quotation in a
    <blockquote> is printed once: its words are not all in the blocks beside it, so it stays.
    """
    dropped: list[DroppedLine] = []
    for quote in list(tree.iter("blockquote")):
        text = collapse(quote.text_content())
        words = _QUOTE_WORD_RE.findall(text.casefold())
        parent = quote.getparent()
        if not 3 <= len(words) <= 30 or parent is None:
            continue
        # The passage it repeats is printed beside it: the few blocks before and after.
        near = [
            *itertools.islice(quote.itersiblings(preceding=True), _PULL_QUOTE_REACH),
            *itertools.islice(quote.itersiblings(), _PULL_QUOTE_REACH),
        ]
        around = " ".join(
            sibling.text_content() for sibling in near if isinstance(sibling, lxml.html.HtmlElement)
        )
        if set(words) <= set(_QUOTE_WORD_RE.findall(around.casefold())):
            quote.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.PULL_QUOTE)))
    return dropped
