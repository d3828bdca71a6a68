"""Blocks of furniture inside the article's HTML, removed before extraction: lists of other
articles under their lead-in label, fact, promo and comment boxes, and the header tables before
the text (`pipelines.tables`)."""

from __future__ import annotations

import itertools
import re

import lxml.html

from crawler.model.types import DroppedLine
from pipelines.agency_names import agency_names
from pipelines.box_lines import ADDRESS_LINE_RE, HOURS_LINE_RE
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.label_boxes import drop_trailing_label_boxes, is_credits_box, is_explainer_box
from pipelines.listings import br_lines, drop_listing_boxes, has_words
from pipelines.origin_notes import drop_origin_notes
from pipelines.promo import promo_rule
from pipelines.score_lines import untitled_match_facts
from pipelines.side_boxes import CONTACT_RE, drop_column_boxes, is_headline_list, side_box_rule
from pipelines.signup_boxes import (
    PROMO_BOX_MAX_WORDS,
    drop_signup_boxes,
    is_media_teaser,
    small_box_around,
)
from pipelines.tables import drop_header_tables, drop_quote_boxes
from pipelines.tree import (
    SENTENCE_END_RE,
    TEASER_CONTAINER_TAGS,
    WORD_RE,
    collapse,
    shorten,
    text_of,
)

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
    """Remove lists of other articles under their label, whatever the links or their absence;
    set a list of the text under its lead-in sentence as item paragraphs (`_as_item_paragraphs`).

    "<h4>Mehr zum Thema</h4><ul><li>…</li></ul>", "<p>Weitere Teile der Serie</p><ul>…",
    "<p><strong>Mehr aus dem Murtal:</strong> <a>…</a> | <a>…</a></p>", "<div><span>Auch
    interessant</span><a>…</a></div>": the label is one the line rules know as a lead-in, alone
    in its element; what it leads is a list of short headline items, or links and separators
    only. A list under any other heading stays.
    """
    body = tree.find("body")
    if body is None:
        return []
    found: list[tuple[lxml.html.HtmlElement, str, str]] = []
    lead_lists: list[lxml.html.HtmlElement] = []
    # From the lists and inline labels up (bold, a card's <span> right before its link).
    for element in body.iter("ul", "ol", "strong", "b", "span"):
        inline = element.tag in ("strong", "b", "span")
        label = element if inline else element.getprevious()
        if label is None or label.tag not in _LABEL_TAGS or len(label) > 2:
            continue
        if element.tag == "span" and getattr(element.getnext(), "tag", None) != "a":
            continue
        if not inline and label.tag == "p" and _is_lead_in_list(label, element):
            lead_lists.append(element)
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
                found.append((parent, collapse(text_of(parent)), rule))
        elif not (label.tail or "").strip() and is_headline_list(element):
            found.append((label, collapse(text_of(label)), rule))
            items = (collapse(text_of(item)) for item in element.iterchildren("li"))
            found.append((element, " | ".join(items), rule))
    for element in lead_lists:
        _as_item_paragraphs(element)
    dropped: list[DroppedLine] = []
    # The label's rule names the list too, as the line rules name a list after its lead-in.
    for element, text, rule in found:
        if element.getparent() is not None:
            element.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=rule))
    return dropped


_TEXT_LIST_MAX_ITEMS = 15
_TEXT_LIST_MAX_ITEM_WORDS = 40


def _is_lead_in_list(label: lxml.html.HtmlElement, listing: lxml.html.HtmlElement) -> bool:
    """True for a list of the text: a paragraph of the text leads in to it with a colon ("Für
    Autofahrer gelten diese Umleitungen:"), its items are plain text, no links."""
    lead = collapse(text_of(label))
    if not lead.endswith(":") or len(lead.split()) < 3 or (label.tail or "").strip():
        return False
    items = list(listing)
    return (
        2 <= len(items) <= _TEXT_LIST_MAX_ITEMS
        and all(item.tag == "li" and not len(item) for item in items)
        and all(0 < len((item.text or "").split()) <= _TEXT_LIST_MAX_ITEM_WORDS for item in items)
    )


def _as_item_paragraphs(listing: lxml.html.HtmlElement) -> None:
    """Set a list of the text as paragraphs marked as items ("- Lkw über die B 49"), as
    trafilatura prints list items. Where it finds no container of the text it knows by name, it
    gathers the page's paragraphs and leaves lists out; as paragraphs the items stay."""
    listing.tag = "div"
    for item in listing:
        item.tag = "p"
        item.text = f"- {(item.text or '').strip()}"


def _lead_in_rule(label: lxml.html.HtmlElement) -> str | None:
    """The line rule of a bare lead-in label ("Mehr zum Thema", "Weitere Teile der Serie")."""
    text = collapse(text_of(label))
    if not text or len(text) > 60 or text.split(None, 1)[0].casefold() not in _LABEL_FIRST_WORDS:
        return None
    rule = classify_line(text)
    return rule if rule in _LEAD_IN_RULES else None


def _only_links_after(parent: lxml.html.HtmlElement, label: lxml.html.HtmlElement) -> bool:
    """True when the label opens `parent` and the rest is links and separators (characters, or
    line breaks: "<b>Weitere Artikel:</b><br><a>…</a><br><a>…</a>")."""
    if (parent.text or "").strip() or parent[0] is not label:
        return False
    links = 0
    for child in parent:
        if child is not label and child.tag != "br":
            if child.tag != "a" or len(child):
                return False
            links += 1
        if not _LIST_SEPARATORS_RE.match(child.tail or ""):
            return False
    return links >= 1


# A fact box's lines: a short label, a colon and its value ("Wann: Samstag, 11 Uhr", "Umsatz
# 2024: 410 Millionen Euro", "Tore: 0:1 Reuter (14.)").
_LABEL_VALUE_RE = re.compile(r"^[A-ZÄÖÜ][\w./-]*(?: [\w./-]+){0,2}:\s*\S")
# A phone number or an e-mail address: "Tel. 0511 000000", "Telefon: 06000 12-345",
# "presse@stadt.example".
_BOX_TAGS = frozenset({"div", "aside", "section"})
_BOX_LINE_TAGS = ("p", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6")
# A promo box's lines over its button: blocks, or its name in bold ("<strong>Keine Nachricht
# verpassen</strong><p>…</p><button>…</button>").
_PROMO_LINE_TAGS = (*_BOX_LINE_TAGS, "strong", "b")
_BOX_NESTED_TAGS = ("div", "section", "article", "aside", "table", "form", "blockquote", "figure")
_BOX_MAX_LINES = 12
# Words of a comments heading, to skip the line rules for other headings.
_COMMENT_WORDS = ("komment", "diskus", "diskut")
# A readers' forum's heading, and the notice under it that it is closed ("Das Forum zu diesem
# Artikel ist geschlossen.").
_FORUM_HEADINGS = frozenset(("forum", "leserforum", "diskussionsforum"))
_CLOSED_FORUM_RE = re.compile(
    r"^(?:Das )?(?:Diskussions|Leser)?forum\b[^.!?]{0,40}\b(?:geschlossen|deaktiviert|beendet)"
    r"\W*$",
    re.IGNORECASE,
)
# The words of an ad label, to skip the line rules for other short lines.
_AD_WORDS = frozenset(
    (
        *("anzeige", "werbung", "advertisement", "sponsored", "gesponsert", "partnerschaft"),
        *("publireportage", "einschaltung", "advertorial", "paid", "gesponserter", "bezahlter"),
    )
)
_BOX_MAX_LINE_WORDS = 25
# A button asking for money: its words, and the line rules' names for it.
_PAYING_RE = re.compile(r"spend|abo|unterstütz|mitglied|förder|shop|kauf", re.IGNORECASE)
_PAYING_RULES = frozenset(
    (Rule.PROMO_DONATION, Rule.PAYWALL, Rule.PROMO_SUBSCRIPTION, Rule.PROMO_SHOP)
)


def drop_fact_boxes(
    tree: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None
) -> list[DroppedLine]:
    """Remove fact boxes: a box of short lines set beside the text, not part of its prose.

    A box is a <div>, <aside> or <section> without nested containers whose three to twelve
    lines (paragraphs, list items, terms, headings) are all short, and which holds at most a
    third of the words around it. It is a fact box when its lines are a series of "label:
    value" pairs ("Wann: … / Wo: … / Eintritt: frei", "Umsatz 2024: …", "Tore: …"), a term
    list (<dl>: court, date, file number), a label over one list ("Das Wichtigste in Kürze",
    "Quellen"), a contact (a phone number, an e-mail address) or a place to visit (its
    address and opening hours): a summary, a data sheet, a sources list or an address, never a
    sentence of the article. So is a box of a label and a paragraph or two
    (`is_explainer_box`): an explainer, a background fact, a short portrait; and so are the
    small boxes of two or a few blocks `side_box_rule` knows (a contact, opening hours, a
    pitch over links to other articles).
    A table of "label | value" rows right before the headline `h1` goes too.
    """
    return _drop_fact_boxes(_leaf_boxes(tree), h1)


def drop_boxes(tree: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None) -> list[DroppedLine]:
    """Remove fact boxes (`drop_fact_boxes`) and a box under a label closing the text
    (`drop_trailing_label_boxes`), then promo, quote boxes and comment sections. Both passes look at
    the same boxes, found once unless a fact box or header table went (then a box around it
    may hold no container any more)."""
    boxes = _leaf_boxes(tree)
    dropped = _drop_fact_boxes(boxes, h1)
    dropped.extend(drop_trailing_label_boxes(tree))
    boxes = _leaf_boxes(tree) if dropped else boxes
    dropped.extend(drop_listing_boxes(boxes))
    dropped.extend(_drop_promo_boxes(tree, [box for box in boxes if box.getparent() is not None]))
    dropped.extend(drop_origin_notes(boxes))
    dropped.extend(_drop_call_to_action_boxes(tree))
    dropped.extend(drop_signup_boxes(tree))
    dropped.extend(drop_quote_boxes(tree))
    dropped.extend(drop_column_boxes(boxes))  # last: the rules above name a box more closely
    return dropped


def _drop_call_to_action_boxes(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a small box around a button or link that asks for money (donate, subscribe, buy):
    "<div><h2>Ihre Hilfe kommt an</h2><p>Mit 30 Euro …</p><a>Jetzt spenden</a><p>Ihre Spende
    ist steuerlich absetzbar.</p></div>". The box is the largest container around the button
    that stays within a promo box's words and a third of the words around it; a button inside
    the article's own text has no such container and stays for the line rules.
    """
    dropped: list[DroppedLine] = []
    for button in list(tree.iter("a", "button")):
        raw = text_of(button)
        # Most links name no payment: one search in C before any other work.
        if len(raw) > 80 or _PAYING_RE.search(raw) is None:
            continue
        label = collapse(raw)
        if len(label.split()) > 4 or classify_line(label) not in _PAYING_RULES:
            continue
        found = small_box_around(button, _BOX_TAGS)
        if found is not None:
            found[0].drop_tree()
            dropped.append(DroppedLine(text=shorten(found[1]), rule=str(classify_line(label))))
    return dropped


def _leaf_boxes(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The boxes without nested containers, in document order."""
    # The ancestors of every container, each marked once: one pass over the tree instead of a
    # search below every box.
    outer: set[lxml.html.HtmlElement] = set()
    for nested in tree.iter(*_BOX_NESTED_TAGS):
        parent = nested.getparent()
        while parent is not None and parent not in outer:
            outer.add(parent)
            parent = parent.getparent()
    # A table of one cell is a box too: an old layout's frame around a contact or a note.
    return [
        box
        for box in tree.iter(*_BOX_TAGS, "table")
        if box not in outer and (box.tag != "table" or len(box.xpath("tr/*|*/tr/*")) == 1)
    ]


def _drop_fact_boxes(
    boxes: list[lxml.html.HtmlElement], h1: lxml.html.HtmlElement | None
) -> list[DroppedLine]:
    # A fact box holds no box: dropping one leaves the others as they were.
    dropped: list[DroppedLine] = []
    for box in boxes:
        if box.getparent() is None:
            continue
        units = [
            unit
            for unit in box.iter(*_BOX_LINE_TAGS)
            if next(unit.iterchildren("p", "li", "dt", "dd"), None) is None
        ]
        rule = Rule.STATS_BOX if is_explainer_box(box, units) else side_box_rule(box, units)
        if rule is not None:
            text = collapse(" ".join(box.itertext()))
            box.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(rule)))
            continue
        if units:
            if not 3 <= len(units) <= 2 * _BOX_MAX_LINES or _has_link_line(box):
                continue
            lines = [line for line in (collapse(text_of(unit)) for unit in units) if line]
        elif next(box.iter("br"), None) is not None and not _has_link_line(box):
            # Lines set apart by <br> alone: "<strong>Hinweise an die Polizei</strong><br>
            # Polizeirevier …, Telefon …". A label and a contact make a box of two.
            lines = br_lines(box)
            if len(lines) == 2 and not (
                CONTACT_RE.search(lines[1]) and not SENTENCE_END_RE.search(lines[0])
            ):
                continue
        else:
            continue
        if not 2 <= len(lines) <= _BOX_MAX_LINES or (len(lines) == 2 and units):
            continue
        words = [len(line.split()) for line in lines]
        if max(words) > _BOX_MAX_LINE_WORDS or has_words(box, sum(words) + 1):
            continue
        if not has_words(box.getparent(), sum(words) * 3):
            continue
        if _is_fact_box(box, units, lines) and not is_credits_box(lines):
            box.drop_tree()
            dropped.append(DroppedLine(text=shorten(" · ".join(lines)), rule=str(Rule.STATS_BOX)))
    if h1 is not None:
        dropped.extend(drop_header_tables(h1))
    return dropped


def _drop_promo_boxes(
    tree: lxml.html.HtmlElement, boxes: list[lxml.html.HtmlElement]
) -> list[DroppedLine]:
    """Remove small boxes beside the text that advertise: a box with an ad label of its own
    ("Anzeige", "– Werbung –") and a box of a line or three closed by a button or a link of a
    few words ("Fördermitglied werden", "Kanal abonnieren", "Anwalt finden"). Sentences of the
    article end with their period inside a paragraph, never with a button of their own. A
    readers' comments section goes too.
    """
    dropped: list[DroppedLine] = []
    for box in boxes:
        parent = box.getparent()
        if parent is None:
            continue
        rule = _promo_box_rule(box)
        if rule is None:
            continue
        text = collapse(" ".join(box.itertext()))
        words = len(text.split())
        # An ad labelled as one may sit in a sidebar of its own: the text beside it is then a
        # level or two further up.
        reach = 3 if rule == Rule.AD_LABEL else 1
        around = itertools.islice(box.iterancestors(), reach)
        if 2 <= words <= PROMO_BOX_MAX_WORDS and any(has_words(a, words * 3) for a in around):
            box.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(rule)))
    dropped.extend(_drop_comment_sections(tree))
    return dropped


def _closed_forum(lowered: str, heading: lxml.html.HtmlElement) -> bool:
    """Whether `heading` (its text `lowered`) heads a readers' forum closed by a notice."""
    after = heading.getnext()
    return (
        lowered.strip(" :") in _FORUM_HEADINGS
        and after is not None
        and bool(_CLOSED_FORUM_RE.match(collapse(text_of(after))))
    )


def _drop_comment_sections(tree: lxml.html.HtmlElement) -> list[DroppedLine]:
    """Remove a readers' comments section: a block opened by a comments heading
    ("Kommentare (14)", "3 Kommentare"), with the comments in it."""
    dropped: list[DroppedLine] = []
    for heading in list(tree.iter("h2", "h3", "h4")):
        if not isinstance(heading, lxml.html.HtmlElement):
            continue
        section = heading.getparent()
        outer = section.getparent() if section is not None else None
        if section is None or outer is None or section.tag not in _BOX_TAGS:
            continue
        if heading.getprevious() is not None:
            continue  # the heading opens its section
        title = text_of(heading)
        lowered = title.casefold()
        if (
            not any(map(lowered.__contains__, _COMMENT_WORDS))
            or classify_line(title) != Rule.COMMENTS
        ) and not _closed_forum(lowered, heading):
            continue
        text = collapse(" ".join(section.itertext()))
        if has_words(outer, len(text.split()) * 3):
            section.drop_tree()
            dropped.append(DroppedLine(text=shorten(text), rule=str(Rule.COMMENTS)))
    return dropped


def _promo_box_rule(box: lxml.html.HtmlElement) -> str | None:
    children = [child for child in box if isinstance(child, lxml.html.HtmlElement)]
    for child in children:
        if len(child.text or "") > 30:
            continue  # its text starts with more than a label's characters
        label = text_of(child)
        if is_media_teaser(box, label):
            return Rule.MEDIA_PLAYER
        if (
            len(label) <= 30
            and not _AD_WORDS.isdisjoint(WORD_RE.findall(label.casefold()))
            and classify_line(label) == Rule.AD_LABEL
        ):
            return Rule.AD_LABEL
    if len(children) < 2 or children[-1].tag not in ("a", "button"):
        return None
    button = len(text_of(children[-1]).split())
    lines = [child for child in children[:-1] if collapse(text_of(child))]
    if (
        1 <= button <= 4
        and 1 <= len(lines) <= 3
        and all(child.tag in _PROMO_LINE_TAGS for child in lines)
    ):
        # The line rules' more specific name when they know a line (a consent prompt).
        texts = [collapse(text_of(child)) for child in lines]
        known = next(filter(None, map(classify_line, texts)), None)
        return known or promo_rule(" ".join(texts))
    return None


def _has_link_line(box: lxml.html.HtmlElement) -> bool:
    """True when a line of the box is a link: a list of other pages, not facts."""
    return any(
        collapse(text_of(link)) == collapse(text_of(link.getparent()))
        for link in box.iter("a")
        if link.getparent() is not None and link.getparent().tag in _BOX_LINE_TAGS
    )


def _is_fact_box(
    box: lxml.html.HtmlElement, units: list[lxml.html.HtmlElement], lines: list[str]
) -> bool:
    if len(box.xpath(".//dl/dt")) >= 2 and all(unit.tag in ("dt", "dd") for unit in units):
        return True
    if any(CONTACT_RE.search(line) for line in lines):
        return True  # a contact box: a press office's or an author's address, phone, e-mail
    # A place to visit: its address and opening hours, or its address with the place, in a box
    # of lines that are no sentences ("Am Waldweg 4, Heidekamp / samstags 9 bis 12 Uhr").
    addresses = [match for match in map(ADDRESS_LINE_RE.match, lines) if match is not None]
    if addresses and (
        any(map(HOURS_LINE_RE.match, lines))
        or (
            any(match.group("place") for match in addresses)
            and not any(SENTENCE_END_RE.search(line) for line in lines)
        )
    ):
        return True
    pairs = sum(1 for line in lines[1:] if _LABEL_VALUE_RE.match(line))
    if pairs >= 2 and pairs * 2 >= len(lines) - 1:
        return not untitled_match_facts(box, lines)  # the report's own closing lines
    # A label over one list of statements (not of buttons): the label is a short heading
    # without a final period.
    lists = box.xpath(".//ul|.//ol")
    label = lines[0]
    return (
        len(lists) == 1
        and units[0].tag != "li"
        and all(unit.tag == "li" for unit in units[1:])
        and min(len(line.split()) for line in lines[1:]) >= 2
        and sum(len(line.split()) for line in lines[1:]) >= 3 * (len(lines) - 1)
        and len(label.split()) <= 6
        and not SENTENCE_END_RE.search(label)
    )


# A sources list's label ("Quellen:", "Verwendete Quellen") and an agency item's prefix.
_SOURCES_LABEL_RE = re.compile(r"^(?:Verwendete |Genutzte |Weitere )?Quellen\s*:?$", re.IGNORECASE)
_AGENCY_WORD_RE = re.compile(r"^(?:die )?(?:Nachrichten)?agentur(?:en)?\s+", re.IGNORECASE)
_SOURCE_ITEM_MAX_WORDS = 12
# The label of a box listing what the article names, a directory's entries: "Firmen zum Artikel",
# "Unternehmen in diesem Beitrag", "Erwähnte Personen", "Im Artikel genannte Organisationen".
_NAMED = (
    r"(?:Firmen|Unternehmen|Organisationen|Institutionen|Personen|Produkte|Marken|Hersteller"
    r"|Anbieter|Vereine|Verbände)"
)
_MENTIONS_LABEL_RE = re.compile(
    rf"^(?:{_NAMED}(?: (?:und|&) {_NAMED})? (?:zum|im|in diesem|aus diesem) (?:Artikel|Beitrag"
    rf"|Text)|(?:Im|In diesem) (?:Artikel|Beitrag|Text) (?:genannte|erwähnte) {_NAMED}"
    rf"|(?:Erwähnte|Genannte) {_NAMED})\s*:?$",
    re.IGNORECASE,
)
# A name, not a sentence: a few words, no question, call or colon ("Fachverband Süd e. V." ends
# on an abbreviation's period).
_NAME_ITEM_MAX_WORDS = 8
_NOT_NAME_RE = re.compile(r"[!?:]")


def drop_sources_lists(
    tree: lxml.html.HtmlElement,
) -> tuple[tuple[str, ...], list[DroppedLine]]:
    """The news agencies a sources list names ("Verwendete Quellen:" over "Nachrichtenagentur
    Reuters", "dpa", …), the text's credits; and the list removed with its label when its items
    name sources, not sentences ("<b>Quellen</b><ul><li>Mitteilung der Stadt</li></ul>"): a
    heading "Quellen" over sentences about springs stays. A list of the companies, people or
    organisations the article names goes with its label too ("Firmen zum Artikel")."""
    found: list[str] = []
    dropped: list[DroppedLine] = []
    for listing in list(tree.iter("ul", "ol")):
        label = listing.getprevious()
        heading = collapse(text_of(label)) if label is not None else ""
        sources = _SOURCES_LABEL_RE.match(heading) is not None
        if label is None or not (sources or _MENTIONS_LABEL_RE.match(heading)):
            continue
        items = [collapse(text_of(item)) for item in listing.iterchildren("li")]
        for item in items if sources else ():
            text = _AGENCY_WORD_RE.sub("", item, count=1)
            found.extend(agency_names(text) if len(text.split()) <= 4 else ())
        if items and all(
            len(item.split()) <= _SOURCE_ITEM_MAX_WORDS and not SENTENCE_END_RE.search(item)
            if sources
            else len(item.split()) <= _NAME_ITEM_MAX_WORDS and not _NOT_NAME_RE.search(item)
            for item in items
        ):
            text = " · ".join((heading, *items))
            rule = Rule.CITATION if sources else Rule.MORE_TOPICS
            dropped.append(DroppedLine(text=shorten(text), rule=str(rule)))
            label.drop_tree()
            listing.drop_tree()
    return tuple(dict.fromkeys(found)), dropped
