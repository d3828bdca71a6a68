"""Parsing and rules on the HTML tree: site drop rules, teaser links, headline, headings."""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from crawler.model.dates import classify_date_line
from crawler.model.types import CleaningRules, DroppedLine
from pipelines.clean import classify_line
from pipelines.clean_rules import Rule
from pipelines.host_spellings import registrable_domain
from pipelines.site_selectors import site_selectors

# Characters libxml2 refuses (C0 controls other than tab/newline/CR, and NUL).
_INVALID_XML_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The C0 controls as UTF-8 bytes (no multi-byte sequence holds one): deleted from the encoded
# page in one pass in C. U+FFFE and U+FFFF (rare) are left to the regex.
_INVALID_C0_BYTES = bytes((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
_NONCHARACTER_BYTES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")
# Links with enough text to be a headline (four words need at least ~15 characters), in
# these containers.
_LONG_LINK_CHARS = 15
_LINK_PARENT_TAGS = frozenset({"p", "div", "span", "strong", "b", "em", "i"})
# XPath's normalize-space() knows these spaces only.
_XML_SPACE = str.maketrans("\t\n\r", "   ")
_INLINE_TAGS = frozenset({"span", "strong", "b", "em", "i", "u", "small", "mark", "font"})
_LEAD_IN_ENDS = frozenset(":–—-»›>…")
TEASER_CONTAINER_TAGS = frozenset({"p", "div"})
SENTENCE_END_RE = re.compile(r"[.!?…][\"“”»«'’)\]]*$")


class MarkWords:
    """A case-insensitive search for words in class, id and itemprop values. These are ASCII
    nearly always: lowered, they go to the same (lower-case) pattern compiled without
    re.IGNORECASE, which finds the same in ASCII text several times faster."""

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"not a lower-case pattern: {pattern}")
        self._ascii = re.compile(pattern)
        self._any = re.compile(pattern, re.IGNORECASE)

    def search(self, marks: str) -> bool:
        if marks.isascii():
            return self._ascii.search(marks.lower()) is not None
        return self._any.search(marks) is not None


# Parts of an <h1> that are not the headline: its kicker ("Dachzeile") and text for screen
# readers only (the ": " between kicker and headline).
_KICKER_MARK_RE = MarkWords(
    r"kicker|dach|topline|overline|roofline|eyebrow|spitzmarke|supertitle|hidden|sr-only"
    r"|visually-hidden|screenreader"
)
# A section label inside the <h1> ("<span class='ressort'>Pensionen</span> Regierung plant …"):
# not the headline when it is a short label before it.
_SECTION_MARK_RE = MarkWords(r"ressort|rubri[ck]|section|categor|kategor|channel|topic|department")
WORD_RE = re.compile(r"[\w-]+")


def _html_class_lookup() -> lxml.etree.ElementNamespaceClassLookup:
    """lxml.html's element classes (HtmlElement; FormElement, InputElement … by tag), chosen
    in C. lxml.html's own HtmlElementClassLookup asks a Python method for the class of every
    element that Python code touches (measured: ~6% of an extraction's CPU, trafilatura's
    included, for the same classes)."""
    lookup = lxml.etree.ElementNamespaceClassLookup(
        lxml.etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    # The HTML parser gives tag names in lower case, as HtmlElementClassLookup expects them.
    lookup.get_namespace(None).update(
        {
            "form": lxml.html.FormElement,
            "input": lxml.html.InputElement,
            "label": lxml.html.LabelElement,
            "select": lxml.html.SelectElement,
            "textarea": lxml.html.TextareaElement,
        }
    )
    return lookup


_HTML_CLASS_LOOKUP = _html_class_lookup()


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    data = text.encode("utf-8", "surrogatepass")
    if any(map(data.__contains__, _NONCHARACTER_BYTES)):
        data = _INVALID_XML_CHARS_RE.sub("", text).encode("utf-8", "surrogatepass")
    else:
        data = data.translate(None, _INVALID_C0_BYTES)
    # Nothing but white space: what is left after the ASCII white space opens with a
    # character only the text's own test can judge (a no-break space), else with none.
    head = data.lstrip()
    if not head or (head[0] >= 0x80 and head.decode("utf-8", "surrogatepass").isspace()):
        return None
    # Our own parser per call: lxml parsers must not be shared between threads. The settings
    # are trafilatura's own (utils.HTML_PARSER), so its extraction sees the tree it expects.
    parser = lxml.etree.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    parser.set_element_class_lookup(_HTML_CLASS_LOOKUP)
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None
    if tree is None or len(tree) == 0:
        return None
    return tree


# --- rules on the tree -----------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _compiled_xpath(expression: str) -> lxml.etree.XPath:
    return lxml.etree.XPath(expression)


def apply_drop_rules(tree: lxml.html.HtmlElement, rules: CleaningRules) -> list[DroppedLine]:
    dropped: list[DroppedLine] = []
    selectors: list[tuple[str, Any]] = [
        (f"site:xpath:{expr}", _compiled_xpath(expr)) for expr in rules.drop_xpaths
    ]
    selectors += zip(
        (f"site:css:{sel}" for sel in rules.drop_selectors),
        site_selectors(tree, rules.drop_selectors),
        strict=True,
    )
    for rule, selector in selectors:
        for element in list(selector(tree)):
            if not isinstance(element, lxml.html.HtmlElement) or element.getparent() is None:
                continue
            text = collapse(text_of(element))
            if text:
                dropped.append(DroppedLine(text=shorten(text), rule=rule))
            element.drop_tree()
    return dropped


def drop_inline_teasers(tree: lxml.html.HtmlElement, page_url: str) -> list[DroppedLine]:
    """Remove related-article links that sit between sentences of a paragraph, or alone.

    A naive join glues such a teaser into the text ("… geschlossen. Stadtrat: Haushalt für 2027
    beschlossen Auf die Frage …"); in the HTML it gives itself away as an
    internal link of four or more words between two sentences, or as the only content of a
    <p>/<div> among the article's paragraphs, perhaps with its date under it.
    """
    page = urlsplit(page_url)
    page_host = registrable_domain(page.hostname or "")
    found: list[tuple[lxml.html.HtmlElement, str, Rule]] = []
    body = tree.find("body")
    if body is None:
        return []
    # Cheap filters first (text length, container) so the URL work runs on a handful of links.
    # The links walked in Python: an XPath's normalize-space() test on each costs more.
    for link in body.iter("a"):
        if link.getparent().tag not in _LINK_PARENT_TAGS or link.get("href") is None:
            continue
        raw = text_of(link)
        if len(raw) < _LONG_LINK_CHARS:
            continue  # collapsing its spaces never lengthens it
        words = raw.split()
        text = " ".join(words)
        if not 4 <= len(words) <= 25 or text[-1] in ".,;:":
            continue
        # split() collapses more spaces than normalize-space() (a no-break space too).
        if len(text) < _LONG_LINK_CHARS and len(_xml_spaced(raw)) < _LONG_LINK_CHARS:
            continue
        first = text.lstrip("„\"'»«“‚(")[:1]
        if not (first.isupper() or first.isdigit()):
            continue
        unit = link
        parent = unit.getparent()
        while (
            parent is not None and parent.tag in _INLINE_TAGS and collapse(text_of(parent)) == text
        ):
            unit = parent
            parent = unit.getparent()
        if parent is None or parent.tag not in TEASER_CONTAINER_TAGS:
            continue
        before, after = _text_around(parent, unit)
        block = parent
        if not before and not after:
            rule = Rule.TEASER_LINK_BLOCK
            if not among_paragraphs(parent):
                continue
        elif not before and _dated_card(parent, text, after):
            # A related article's card among the text's blocks: its headline over its date.
            rule = Rule.TEASER_LINK_BLOCK
            block = _outermost_wrapper(parent)
            if not among_paragraphs(block):
                continue
        elif not after and _is_lead_in(before, parent, text):
            # "Читать также: <headline>", "Empfehlung der Redaktion: <headline>": a lead-in the
            # line rules do not know, then a headline link, alone in its block.
            rule = Rule.TEASER_LINK_BLOCK
            if not among_paragraphs(parent) or classify_line(f"{before} {text}") is not None:
                continue
        else:
            rule = Rule.TEASER_INLINE_LINK
            if not before or not SENTENCE_END_RE.search(before):
                continue
            tail = unit.tail or ""
            if after and tail and not tail[:1].isspace():
                continue  # "<a>…</a>s" or "<a>…</a>," continues the sentence
            next_char = after.lstrip("„\"'»«“‚(")[:1]
            if after and not (next_char.isupper() or next_char.isdigit()):
                continue
        # Last, as it is the dearest check: only links to another page of the same site.
        if _is_other_internal_page(
            link.get("href") or "", page_url, page_host, page.path, page.query
        ):
            whole = rule == Rule.TEASER_LINK_BLOCK
            found.append(
                (block if whole else unit, f"{before} {text}" if whole and before else text, rule)
            )
    dropped: list[DroppedLine] = []
    for element, text, rule in found:
        if element.getparent() is None:
            continue
        if rule == Rule.TEASER_INLINE_LINK:
            # Keep the sentence boundary: the next sentence must not glue onto the last one.
            tail = element.tail or ""
            element.tail = " " + tail.lstrip() if tail.strip() else tail
        element.drop_tree()
        dropped.append(DroppedLine(text=text, rule=str(rule)))
    return dropped


def _xml_spaced(text: str) -> str:
    """`text` as XPath's normalize-space() gives it."""
    return " ".join(filter(None, text.translate(_XML_SPACE).split(" ")))


def _is_other_internal_page(
    href: str, page_url: str, page_host: str, page_path: str, page_query: str = ""
) -> bool:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return False
    target = urlsplit(urljoin(page_url, href))
    if target.scheme not in ("http", "https"):
        return False
    if page_host and registrable_domain(target.hostname or "") != page_host:
        return False
    if target.path.rstrip("/") != page_path.rstrip("/"):
        return True
    # Old CMSs address every article by query string on one script (artikel.php?id=20877).
    return bool(target.query) and target.query != page_query


def _text_around(parent: lxml.html.HtmlElement, unit: lxml.html.HtmlElement) -> tuple[str, str]:
    """The nearest non-blank text before and after `unit` inside `parent` (stripped)."""
    before = ""
    node = unit.getprevious()
    while node is not None and not before:
        before = (node.tail or "").strip() or collapse(text_of(node))
        node = node.getprevious()
    if not before:
        before = (parent.text or "").strip()
    after = (unit.tail or "").strip()
    node = unit.getnext()
    while node is not None and not after:
        after = collapse(text_of(node)) or (node.tail or "").strip()
        node = node.getnext()
    return before, after


def _dated_card(parent: lxml.html.HtmlElement, link_text: str, after: str) -> bool:
    """True when the block holds a link's headline and its date alone ("<a>Sanierungssommer bei
    der Bahn: …</a><div>12.06.2026, 09:12</div>"): a card of another article."""
    return classify_date_line(after) is not None and text_key(text_of(parent)) == text_key(
        link_text + after
    )


def _outermost_wrapper(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost of the blocks around `element` that hold nothing else."""
    while (parent := element.getparent()) is not None and parent.tag in TEASER_CONTAINER_TAGS:
        if len(parent) != 1 or (parent.text or "").strip() or (element.tail or "").strip():
            break
        element = parent
    return element


def _is_lead_in(before: str, parent: lxml.html.HtmlElement, link_text: str) -> bool:
    """True when the block is a short lead-in ("Lesen Sie auch:", "Mehr –") and the link."""
    if len(before.split()) > 4 or before[-1:] not in _LEAD_IN_ENDS:
        return False
    return collapse(text_of(parent)) == f"{before} {link_text}"


def among_paragraphs(element: lxml.html.HtmlElement) -> bool:
    """True when the element sits in the article's flow: siblings include real paragraphs.

    A paragraph is a <p>, or a <div> of text without block children (Bitrix and similar CMSs
    write each paragraph as a bare <div>).
    """
    parent = element.getparent()
    if parent is None:
        return False
    paragraphs = 0
    for sibling in parent:
        # A paragraph may sit alone in a block of its own ("<div class='block'><div
        # class='text'>…</div></div>").
        inner = sibling
        while inner.tag == "div" and len(inner) == 1 and not (inner.text or "").strip():
            inner = inner[0]
        if (
            sibling is not element
            and (inner.tag == "p" or (inner.tag == "div" and not len(inner)))
            and len(collapse(text_of(sibling)).split()) >= 8
        ):
            paragraphs += 1
            if paragraphs >= 2:
                return True
    return False


def headline_element(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's <h1>: the first inside <article>/<main>, else the first with some words.

    Many templates put the logo in an <h1> of the page header.
    """
    candidates = [h1 for h1 in tree.iter("h1") if len(collapse(text_of(h1)).split()) >= 2]
    for h1 in candidates:
        if any(ancestor.tag in ("article", "main") for ancestor in h1.iterancestors()):
            return h1
    return candidates[0] if candidates else None


def headline_text(h1: lxml.html.HtmlElement) -> str:
    """The headline an <h1> prints, without a kicker or screen-reader text inside it."""
    marked = {
        child
        for child in h1.iterdescendants()
        if isinstance(child, lxml.html.HtmlElement)
        and (
            _KICKER_MARK_RE.search(child.get("class") or "")
            or (
                _SECTION_MARK_RE.search(child.get("class") or "")
                and len(text_of(child).split()) <= 3
            )
        )
    }
    first = next(iter(h1), None)
    if not marked and first is not None and _is_label_span(h1, first):
        marked.add(first)
    if not marked:
        return collapse(text_of(h1))
    text = collapse(_text_without(h1, marked)).lstrip(":–—-|· ")
    return text or collapse(text_of(h1))


def _is_label_span(h1: lxml.html.HtmlElement, first: lxml.html.HtmlElement) -> bool:
    """True when the <h1> opens with a styled label of its own before the headline words: a
    short inline element with a class ("<span class='court'>LAG Nordmark</span> Überstunden
    …"), the rest three words or more."""
    if (h1.text or "").strip() or first.tag not in _INLINE_TAGS or not first.get("class"):
        return False
    words = len(text_of(first).split())
    return 1 <= words <= 4 and len(text_of(h1).split()) - words >= 3


def _text_without(element: lxml.html.HtmlElement, skipped: set[Any]) -> str:
    parts = [element.text or ""]
    for child in element:
        if child not in skipped:
            parts.append(_text_without(child, skipped))
        parts.append(child.tail or "")
    return "".join(parts)


def heading_after(h1: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The first <h2> of three to forty words in the blocks right after `h1`, or None."""
    for sibling in itertools.islice(h1.itersiblings(), 4):
        if not isinstance(sibling, lxml.html.HtmlElement):
            continue
        for heading in itertools.islice(sibling.iter("h2"), 1):
            if 3 <= len(text_of(heading).split()) <= 40:
                return heading
            return None
    return None


def heading_for_title(tree: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement | None:
    """The first <h1>-<h3> in the body that spells the title (punctuation and case aside)."""
    body = tree.find("body")
    if body is None:
        return None
    title_key = text_key(title)
    for heading in body.iter("h1", "h2", "h3"):
        if text_key(text_of(heading)) == title_key:
            return heading
    return None


# --- small helpers ---------------------------------------------------------------------------


ITALIC_TAGS = ("em", "i")


def all_bold(element: lxml.html.HtmlElement, tags: tuple[str, ...] = ("b", "strong")) -> bool:
    """True for a paragraph whose whole text is in <b> or <strong> (or in other `tags`: "em",
    "i" for one all in italics)."""
    return (
        element.tag == "p"
        and not (element.text or "").strip()
        and len(element) > 0
        and all(child.tag in tags and not (child.tail or "").strip() for child in element)
    )


def text_of(element: lxml.etree._Element) -> str:
    """The text of an element and its descendants, as lxml.html's text_content() gives it: that
    one evaluates an XPath (a context set up each call), this serialises the text in C, about
    three times faster; an element without children (two in three) has it as its .text."""
    if not len(element) and isinstance(element.tag, str):
        return element.text or ""
    text: str = lxml.etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def collapse(text: str | None) -> str:
    # str.split() knows the same spaces as the regex \s, in C and several times faster.
    return " ".join((text or "").split())


# Full-width punctuation a CJK site's CMS prints in Latin text ("Quelle：Xinhua", "Autor：A，B"),
# as the ASCII marks with a space after; a widget's label in lenticular brackets
# ("【Schriftgröße：groß mittel klein】", "【Drucken】") is no text.
_FULL_WIDTH = str.maketrans({"：": ": ", "，": ", ", "；": "; ", "｜": " | "})
_WIDGET_LABEL_RE = re.compile(r"【[^】]*】")


# A wide gap of spaces with a no-break space among them, as an old CMS spaces an info line's
# items ("2024-11-08 15:42 &nbsp; Quelle: X &nbsp; Autor: A"); one no-break space alone joins
# words ("15:42\xa0Uhr").
_WIDE_GAP_RE = re.compile(r"[ \xa0]*(?: \xa0|\xa0 |\xa0\xa0)[ \xa0]*")


def gaps_as_items(text: str) -> str:
    """`text` with its wide no-break gaps as item separators (" · "), unless it has
    separators of its own (the gaps then only pad them)."""
    if "\xa0" not in text or any(map(text.__contains__, "|·•｜")):
        return text
    return _WIDE_GAP_RE.sub(" · ", text)


def latin_punctuation(text: str) -> str:
    """`text` with full-width punctuation as ASCII and widget labels cut, collapsed; as it is
    when it has neither."""
    if text.isascii() or not any(map(text.__contains__, "：，；｜【")):
        return text
    return collapse(_WIDGET_LABEL_RE.sub(" ", text.translate(_FULL_WIDTH)))


def shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_key(text: str) -> str:
    # Letters and digits only: str.isalnum() is \w without "_", faster than a [\W_]+ regex. No
    # space is a letter or a digit, so the words are joined first; only a word with a mark in
    # it ("Haus,", "(dpa)") is filtered character by character.
    words = text.casefold().split()
    joined = "".join(words)
    if joined.isalnum():
        return joined
    return "".join([w if w.isalnum() else "".join(filter(str.isalnum, w)) for w in words])
