"""Boxes under a fixed label beside the text: an explainer ("Stichwort Mietspiegel", "Was ist
ein Mietspiegel?"), a background fact ("Zur Sache", "Hintergrund") or a short portrait of a
person in the text ("Zur Person"). A heading of that kind over a paragraph or two is the box's,
never the text's, wherever the box sits: in a container of its own among the text's paragraphs,
or closing the text."""

from __future__ import annotations

import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.clean_rules import Rule
from pipelines.credits import credited_writers
from pipelines.listings import has_words
from pipelines.tree import collapse, shorten, text_of

# An explainer box's heading: a term asked about ("Richtwert – was ist das?", "Was ist ein
# Mietspiegel?", "Was versteht man unter …?") or the fixed label of a box of background or of a
# short portrait ("Hintergrund", "Stichwort Mietspiegel", "Kurz erklärt", "Zur Sache", "Zur
# Person: Lea Moser", "Info"). A question about what follows ("Was bedeutet das für Mieter?") is
# a subheading of the text.
_LABEL_HEADING_RE = re.compile(
    r"^(?:Was (?:ist|sind|heißt|versteht man unter) (?!das\b|dies\b|es\b)[^?]{2,60}\?"
    r"|[^?]{2,60}?\s*[–—:-]\s*[Ww]as (?:ist|sind|heißt) das\?"
    r"|(?:Zum )?Hintergrund|Stichwort\b[^.?!]{0,40}|(?:Kurz )?[Ee]rklärt\b[^.?!]{0,40}"
    r"|Zur Sache|Zur Person\b[^.?!]{0,40}|Info(?:s|box)?)\s*:?$"
)
# A reader's question about a thing, the heading of a box of advice beside the text: "Wie
# erkenne ich einen Wolfsriss?", "Woran erkennt man Zeckenbisse?", "Wie schütze ich mich vor
# Zecken?". A question about the story ("Was bedeutet das für die Vereine?", "Was kann ich
# jetzt tun?") names no thing after "ich"/"man" and is a subheading of the text.
_READER_QUESTION_RE = re.compile(
    r"^(?:Wie|Woran|Wo|Wann|Was|Warum|Wozu|Womit|Worauf)(?: \w+){1,2} (?:ich|man)"
    r"(?: [a-zäöüß]+){0,3} [A-ZÄÖÜ][^?]{1,50}\?$"
)
_LABEL_BOX_MAX_WORDS = 80
# The line a broadcaster closes such a box with for screen readers, after its label ("Weitere
# Informationen"): "Ende der weiteren Informationen", "Ende des Infokastens", "Ende der Infobox".
_BOX_END_RE = re.compile(
    r"^Ende (?:der weiteren Informationen|des Info(?:kastens|textes)|der Infobox|des Kastens)\.?$"
)
_MARKED_BOX_MAX_LINES = 12
# A summary box's closing note that a machine wrote it: "Diese Zusammenfassung wurde mit Hilfe
# von KI erstellt und von der Redaktion geprüft.", "Die Kurzfassung wurde mithilfe künstlicher
# Intelligenz generiert."
_MADE_BY_AI_RE = re.compile(
    r"^(?:Diese|Die) (?:Zusammenfassung|Kurzfassung|Übersicht|Stichpunkte|Kernpunkte)\b"
    r"[^.!?]{0,40}? (?:mit Hilfe|mithilfe|unter Einsatz|mit Unterstützung|durch|von) (?:von |einer"
    r" )?(?:KI|künstliche[rn]? Intelligenz)\b[^!?]{0,80}$"
)
_HEADING_TAGS = ("h2", "h3", "h4", "h5", "h6")
# A box closing the text holds a paragraph or two under its label; more are the text's own
# section under a subheading.
_TRAILING_MAX_PARAGRAPHS = 2
# Blocks of text: one after the paragraphs under a label shows they are no box closing the text.
_TEXT_TAGS = ("p", "li", "blockquote", "table", *_HEADING_TAGS)


def is_label_heading(head: lxml.html.HtmlElement) -> bool:
    """True for a heading (<h2>–<h6>, or a paragraph that is all bold: "<p><strong>Hintergrund
    </strong></p>") whose words are a box's label."""
    if head.tag == "p":
        bold = next(head.iterchildren("strong", "b"), None)
        if bold is None:
            return False
        # The label's words first: the paragraph's whole text only for a bold label.
        label = collapse(text_of(bold))
        return _LABEL_HEADING_RE.match(label) is not None and collapse(text_of(head)) == label
    if head.tag not in _HEADING_TAGS:
        return False
    return _LABEL_HEADING_RE.match(collapse(text_of(head))) is not None


def is_explainer_box(box: lxml.html.HtmlElement, units: list[lxml.html.HtmlElement]) -> bool:
    """A box under a label (`is_label_heading`) beside the text: the heading, then one to three
        paragraphs, set among the text's own paragraphs and at most a third of their words; or a
        box closed by its end marker for screen readers (`_BOX_END_RE`), whatever its label, or by
    its note that a machine wrote it (`_MADE_BY_AI_RE`, a summary box). A box of advice
        under a reader's question among the text's paragraphs is one too (`_is_advice_box`). A
        series of sections, each a subheading and its text, is the article itself."""
    parent = box.getparent()
    if parent is None:
        return False
    if 2 <= len(units) <= _MARKED_BOX_MAX_LINES and _MADE_BY_AI_RE.match(
        collapse(text_of(units[-1]))
    ):
        # A summary box closed by its note that a machine wrote it, wherever it stands.
        words = len(collapse(" ".join(box.itertext())).split())
        return words <= _LABEL_BOX_MAX_WORDS and has_words(parent, words * 3)
    if len(parent.findall("p")) < 2 and not (len(units) == 2 and _after_text_container(box)):
        return False
    # Before the box's text, which most boxes need not have read.
    labelled = (
        2 <= len(units) <= 4
        and all(unit.tag == "p" for unit in units[1:])
        and (is_label_heading(units[0]) or _is_advice_box(box, units[0]))
    )
    if not labelled and not (
        2 <= len(units) <= _MARKED_BOX_MAX_LINES
        and _BOX_END_RE.match(collapse(text_of(units[-1]))) is not None
    ):
        return False
    words = len(collapse(" ".join(box.itertext())).split())
    return words <= _LABEL_BOX_MAX_WORDS and has_words(parent, words * 3)


def _after_text_container(box: lxml.html.HtmlElement) -> bool:
    """True for a box right after the container of the text's paragraphs, closing the text from
    outside it: "<div class='body'><p>…</p><p>…</p></div><div><h4>Zur Person</h4><p>…</p></div>".
    The caller asks it for a label over one paragraph: more may be the text's next section."""
    before = box.getprevious()
    return before is not None and before.tag == "div" and len(before.findall("p")) >= 2


def _is_advice_box(box: lxml.html.HtmlElement, head: lxml.html.HtmlElement) -> bool:
    """True for a box opened by a reader's question heading (`_READER_QUESTION_RE`) that sits
    among the text's paragraphs, one before and one after it, with no heading among them: the
    text under subheadings of its own, or made of such sections, has its questions as
    subheadings."""
    if head.tag not in _HEADING_TAGS:
        return False
    question = collapse(text_of(head))
    if not question.endswith("?") or _READER_QUESTION_RE.match(question) is None:
        return False
    before = next(box.itersiblings("p", preceding=True), None)
    after = next(box.itersiblings("p"), None)
    parent = box.getparent()
    return (
        before is not None
        and after is not None
        and parent is not None
        and next(parent.iterchildren(*_HEADING_TAGS), None) is None
        and not any(
            next(sibling.iterchildren(*_HEADING_TAGS), None) is not None
            for sibling in parent
            if sibling is not box
        )
    )


def drop_trailing_label_boxes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a box under a label that closes the text without a container of its own: "<p>…
    </p><p>…</p><h4>Zur Person</h4><p>Jan Ostrowski, 52, …</p></div>". The heading follows
    the text's paragraphs, one or two paragraphs follow it and nothing of the text comes after
    them. A subheading of the text over the rest of the article has more paragraphs under it,
    or text after them."""
    dropped: list[DroppedLine] = []
    for head in list(tree.iter("p", *_HEADING_TAGS)):
        parent = head.getparent()
        if parent is None or (head.tail or "").strip() or not is_label_heading(head):
            continue
        if sum(1 for sibling in head.itersiblings("p", preceding=True)) < 2:
            continue
        box: list[lxml.html.HtmlElement] = []
        under = rest = False  # under: past the paragraphs right under the label
        for sibling in head.itersiblings():
            if not isinstance(sibling, lxml.html.HtmlElement):
                continue
            if sibling.tag == "p" and not under:
                box.append(sibling)
                continue
            under = True
            if any(collapse(text_of(block)) for block in sibling.iter(*_TEXT_TAGS)):
                rest = True
                break
        if rest or not 1 <= len(box) <= _TRAILING_MAX_PARAGRAPHS:
            continue
        text = collapse(" ".join(" ".join(part.itertext()) for part in (head, *box)))
        words = len(text.split())
        if words > _LABEL_BOX_MAX_WORDS or not has_words(parent, words * 3):
            continue
        for part in (head, *box):
            part.drop_tree()
        dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.STATS_BOX)))
    return dropped


def is_credits_box(lines: list[str]) -> bool:
    """A box of "role: names" lines, one of them a writer's ("Reporter: A", "Kamera: B"), is
    the piece's credits, no fact box: the line rules drop its lines and read the author."""
    writers = [credited_writers(line, lines_of_one=True) for line in lines]
    return None not in writers and any(writers)
