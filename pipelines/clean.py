"""Line-level cleaning of extracted article text: drop site furniture, repair glued blocks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from crawler.model.dates import classify_date_line
from crawler.model.types import CleaningRules, DroppedLine
from pipelines.agency_names import TRAILING_CREDIT_RE, agency_names
from pipelines.box_blocks import BLOCK_RULES
from pipelines.box_lines import INFO_LABELS
from pipelines.byline_lines import author_box_label, byline_neighbours, is_author_note, is_byline
from pipelines.clean_rules import (
    COUNTER_RE,
    DATE_PREFIX_RE,
    GLUE_SHAPE_RE,
    GLUED_FURNITURE_RE,
    GLUED_TEASER_LEAD_INS,
    GLUED_TEASER_TAIL_RE,
    ISO_PREFIX_RE,
    ITEM_MARKER_RE,
    LEAD_IN_WITH_HEADLINE_RE,
    OPENING_QUOTES,
    SENTENCE_END_RE,
    SHARE_SPLIT_RE,
    SHARE_WORDS,
    SITE_CUT_RULE_PREFIX,
    SITE_RULE_PREFIX,
    TAIL_TRIGGERS,
    UI_TOKENS,
    Rule,
    is_tool_bar,
)
from pipelines.credits import (
    GLUED_CREDIT_RE,
    IMAGE_ALT_RE,
    INFO_SPLIT_RE,
    ROLE_CREDIT_RE,
    TRAILING_INITIALS_RE,
    credit_rule,
    credited_writers,
)
from pipelines.datelines import date_after_place
from pipelines.headline_keys import alnum_key as _alnum_key
from pipelines.headline_keys import cut_after_alnum as _cut_after_alnum
from pipelines.info_lines import is_imprint, is_initials_credit, is_label_word, label_value_rule
from pipelines.notices import DURATION_ITEM_RE, LATE_PHRASE_RULES, SECTION_ITEM_RE
from pipelines.offices import SALUTATION_RE
from pipelines.phrases import phrase_rule
from pipelines.promo import promo_rule, promo_score
from pipelines.scripts import expected_script_of, is_foreign_script

# Why this layer exists: trafilatura removes boilerplate by class/id names only; Telegram promos
# in plain <p>, registration modals with unfamiliar class names, inline "Mehr zum Thema" lines
# and image credits leak through with or without favor_precision. These rules work on the text,
# generically (for sites never seen) and per site (`CleaningRules`' line and cut patterns).
#
# They lean towards keeping: a line goes only on a specific phrase, a specific shape (a bare
# date, a credit, a UI token) or several promotional signals at once. A short line without a
# final period is NOT suspect by itself: it is a subheading. Every removal is reported as a
# `DroppedLine` naming its rule, so `--explain` can show why a line went.

_LEAD_IN_RULES = (Rule.MEHR_ZUM_THEMA, Rule.LESEN_SIE_AUCH, Rule.AUCH_INTERESSANT, Rule.MORE_TOPICS)
# Rules of a shop or ad box: a short line between two of its lines is the box's too.
_SHOP_RULES = (Rule.PROMO_SHOP, Rule.AD_LABEL, Rule.PROMO_SUBSCRIPTION)
# Boxes whose label or product name right above their first line is theirs too ("Spielstatistik"
# over the figures, a product name over its price).
# "Anspieltipps: „A“, „B“": a label and its value, a line of the text, not a box's label or a
# product's name.
_LABEL_VALUE_RE = re.compile(r"^[A-ZÄÖÜ][\w-]*(?: [\w-]+)?:\s+\S")
# A kicker of four to six words before the headline is a label: it has no punctuation.
_PUNCTUATION_RE = re.compile(r"[.!?:;,]")
_LABELLED_BOX_RULES = (
    Rule.PROMO_SHOP,
    Rule.PROMO_SUBSCRIPTION,
    Rule.PAYWALL,
    Rule.PROMO_DONATION,
    Rule.STATS_BOX,
    Rule.CITATION,  # "Zur Studie" over the paper's reference
)

# An info line of several items ("date · reading time"): its items are checked one by one.
_INFO_LINE_MAX_WORDS = 16

# The words of the labels GLUED_CREDIT_RE splits before, to skip it for other lines.
_GLUED_LABEL_WORDS = ("Foto", "Bild", "Credit", "Audio", "Video", "Podcast")

# report(position, text, rule): how repairs record the fragment they cut off.
_Reporter = Callable[[int, str, str], None]


@dataclass
class _Line:
    text: str
    pos: int  # position in the input, for ordering the report
    rule: str | None = None  # set when the line is dropped
    is_item: bool = False  # a list item (its "- " marker removed)

    @property
    def kept(self) -> bool:
        return self.rule is None


def clean_lines(
    lines: list[str],
    *,
    title: str | None,
    rules: CleaningRules,
    language: str | None,
    authors: Sequence[str] = (),
    subtitle: str | None = None,
    keep: frozenset[str] = frozenset(),
) -> tuple[list[str], list[DroppedLine]]:
    """Remove furniture from extracted lines; return the kept lines and what was dropped, why.

    `lines` are trafilatura's output lines (one paragraph, subheading or list item each; a line
    containing "\\n" is split). `title` is the article's headline, `subtitle` the line the page
    sets under it (text, however short), `language` its expected language ("de"), `authors` the
    bylined names (to drop a repeated byline line), `keep` lines the page shows are the text's.
    Deterministic and free of side effects.
    """
    dropped: list[tuple[int, int, DroppedLine]] = []
    items = _prepare(lines)

    def report(pos: int, text: str, rule: str) -> None:
        dropped.append((pos, len(dropped), DroppedLine(text=text, rule=str(rule))))

    _apply_site_rules(items, rules)
    title_found = _repair_leading(items, title, report)
    _cut_trailing_agency(items, report)
    _repair_glued_teasers(items, report)
    expected_script = expected_script_of([item.text for item in items if item.kept], language)
    # Each classified line's case-folded words, for the promo scoring of the lines kept.
    folded: dict[str, list[str]] = {}
    for item in items:
        if item.kept and item.text not in keep:
            item.rule = _classify(item.text, expected_script, authors, folded)
    _apply_context_rules(items)
    _apply_shop_rules(items)
    for find_block, block_rule in BLOCK_RULES:
        kept_items = [item for item in items if item.kept]
        for index in find_block([(item.text, item.is_item) for item in kept_items]):
            kept_items[index].rule = block_rule
    _apply_promo_rules(items, folded)
    _apply_tail_rule(items)
    # A note on the author closes the text ("*A ist Vorsitzende des Vereins.").
    last = next((item for item in reversed(items) if item.kept), None)
    if last is not None and authors and is_author_note(last.text, authors):
        last.rule = Rule.BYLINE
    # So does an author box: its label over the authors' lines or over a note on one of them.
    tail = [item for item in items if item.kept or item.rule == Rule.BYLINE]
    label = author_box_label([(item.text, item.kept) for item in tail], authors)
    for item in tail[label:] if label is not None else ():
        item.rule = item.rule or Rule.BYLINE
    # So do a name alone by a closing place and date line (the writer's signature) and the
    # body the writer is from under the byline.
    for index in byline_neighbours([(item.text, item.rule) for item in items]):
        items[index].rule = Rule.BYLINE
    if not title_found:  # a label is judged without the writer's lines under it
        _drop_leading_label([item for item in items if item.kept], {subtitle, *keep})

    kept: list[str] = []
    for item in items:
        if item.kept:
            kept.append(item.text)
        else:
            assert item.rule is not None
            report(item.pos, item.text, item.rule)
    dropped.sort(key=lambda entry: (entry[0], entry[1]))
    return kept, [entry[2] for entry in dropped]


# --- steps -----------------------------------------------------------------------------------


_ROW_LABEL_MAX_WORDS = 3


def _prepare(lines: Sequence[str]) -> list[_Line]:
    items: list[_Line] = []
    pos = 0
    for raw in lines:
        for part in raw.split("\n"):
            marker = ITEM_MARKER_RE.match(part)
            text = " ".join(part[marker.end() if marker else 0 :].split())
            if text[:2] == "| " and text.count("|") == 2 and text[-2:] == " |":
                # A table's row of one cell of a word or three is a label's line ("Anzeige").
                text = text[2:-2] if len(text.split()) <= _ROW_LABEL_MAX_WORDS + 2 else text
            if not text:
                continue
            glued = any(map(text.__contains__, _GLUED_LABEL_WORDS))
            pieces = GLUED_CREDIT_RE.split(text) if glued else [text]
            for piece in (p for whole in pieces for p in _split_glued_furniture(whole.strip())):
                items.append(_Line(piece, pos, is_item=marker is not None))
                pos += 1
    return items


def _split_glued_furniture(text: str) -> list[str]:
    if not GLUE_SHAPE_RE.search(text):
        return [text]
    pieces: list[str] = []
    start = 0
    for match in GLUED_FURNITURE_RE.finditer(text):
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


@functools.lru_cache(maxsize=512)
def _compile_site_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _apply_site_rules(items: list[_Line], rules: CleaningRules) -> None:
    cut_patterns = [(p, _compile_site_pattern(p)) for p in rules.cut_after_patterns]
    cut_rule: str | None = None
    for item in items:
        if cut_rule is None:
            for pattern, regex in cut_patterns:
                if regex.search(item.text):
                    cut_rule = SITE_CUT_RULE_PREFIX + pattern
                    break
        if cut_rule is not None:
            item.rule = cut_rule
    for pattern in rules.drop_line_patterns:
        regex = _compile_site_pattern(pattern)
        for item in items:
            if item.kept and regex.search(item.text):
                item.rule = SITE_RULE_PREFIX + pattern


def _repair_leading(
    items: list[_Line],
    title: str | None,
    report: _Reporter,
) -> bool:
    """Strip glued date prefixes, a repeated or glued headline and the kicker above it; True
    when the headline was found in the text."""
    kept = [item for item in items if item.kept]
    for index, item in enumerate(kept):
        # A scraper's "date 2025-11-18 " label is unmistakable wherever it sits (a promo line
        # may come first); a bare ISO date only counts before the first words of the text.
        match = DATE_PREFIX_RE.match(item.text)
        if match is None and index == 0:
            match = ISO_PREFIX_RE.match(item.text)
        if match is not None:
            report(item.pos, match.group(0).strip(), Rule.DATE_PREFIX)
            item.text = item.text[match.end() :].strip()
    title_key = _alnum_key(title or "")
    # The headline may come after a modal or a credit line; look at the first few lines only.
    return len(title_key) >= 8 and _find_title_line(kept, title, title_key, report)


def _find_title_line(
    kept: list[_Line], title: str | None, title_key: str, report: _Reporter
) -> bool:
    """Drop the repeated headline (and the kicker above it) or cut a glued one; True if found."""
    for index, item in enumerate(kept[:5]):
        key = _alnum_key(item.text)
        extra_words = len(item.text.split()) - len(title.split()) if title else 99
        if extra_words <= 0 and len(key) > len(title_key):
            extra_words = 1  # a kicker glued to the headline's first word ("SportDer Sieg …")
        # The headline, or the headline after a kicker ("Wetter Sturmtief … lahm").
        if key == title_key or (
            key.endswith(title_key)
            and 0 < extra_words <= 6
            and (
                extra_words <= 3
                or not _PUNCTUATION_RE.search(" ".join(item.text.split()[:extra_words]))
            )
        ):
            item.rule = Rule.TITLE_REPEATED
            _drop_kickers(kept[:index])
            return True
        if title and len(title.split()) >= 3 and key.startswith(title_key):
            rest = _cut_after_alnum(item.text, title)
            if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] in OPENING_QUOTES):
                report(item.pos, item.text[: len(item.text) - len(rest)].strip(), Rule.TITLE_GLUED)
                item.text = rest
                _drop_kickers(kept[:index])
                return True
    return False


def _drop_leading_label(kept: list[_Line], first_lines: Collection[str | None]) -> None:
    """Without the headline in the text, short labels opening it right before the first
    paragraph (a kicker, the site's slogan, a press release's sender) are furniture: a text
    opens with a sentence. Three at most, never one of `first_lines` (the subtitle, `keep`)."""
    for count in range(1, min(3, len(kept) - 1) + 1):
        label, first = kept[count - 1], kept[count]
        if SALUTATION_RE.match(label.text):
            # A letter's salutation ("Liebe Gemeinde,") opens the text; the labels above it go.
            if count > 1 and SENTENCE_END_RE.search(first.text):
                _drop_kickers(kept[: count - 1])
            return
        if label.is_item or len(label.text.split()) > 6 or SENTENCE_END_RE.search(label.text):
            return
        if label.text in first_lines:
            return
        if SENTENCE_END_RE.search(first.text) and len(first.text.split()) >= 8:
            _drop_kickers(kept[:count])
            return


def _cut_trailing_agency(items: list[_Line], report: _Reporter) -> None:
    """Cut the agency credit closing the text's last paragraph: "… sagte er. (KNA)", "…
    kürzen. (Quelle: epd)", and the editor's initials closing it ("… bislang nicht. (tlz)").
    A credit closing a paragraph a paragraph of the text follows belongs to its paragraph (a
    parish's news quoting an agency, then going on): it stays, and credits the agency
    (`text_agencies`)."""
    last = [item for item in items if item.kept][-3:]
    for index, item in enumerate(last):
        initials = TRAILING_INITIALS_RE.search(item.text) if item.text.endswith(")") else None
        if (
            initials is not None
            and SENTENCE_END_RE.search(item.text[: initials.start()])
            and not agency_names(initials.group(0))
            and not is_initials_credit(INFO_SPLIT_RE.split(item.text)[-1])  # "· Text: (kw)"
        ):
            report(item.pos, initials.group(0).strip(), Rule.BYLINE)
            item.text = item.text[: initials.start()].rstrip()
            continue
        match = TRAILING_CREDIT_RE.search(item.text) if item.text.endswith((")", "]")) else None
        if (
            match is not None
            and match.start() > 0
            and SENTENCE_END_RE.search(item.text[: match.start()])
            and agency_names(match.group(1))
            and not any(
                len(later.text.split()) >= 8
                and SENTENCE_END_RE.search(later.text)
                and classify_line(later.text) is None  # a closing promo is no text
                for later in last[index + 1 :]
            )
        ):
            report(item.pos, match.group(0).strip(), Rule.CREDIT_AGENCY)
            item.text = item.text[: match.start()].rstrip()


def _drop_kickers(above_title: list[_Line]) -> None:
    """Short label lines above the headline are its kicker, section or breadcrumb, never text.
    Only labels: a line with a sentence end or over eight words stays (a lead a template prints
    before the headline), and list items (a summary's points) unless two or more of three words
    at most each make a breadcrumb trail."""
    listed = [item.text for item in above_title if item.is_item]
    trail = len(listed) >= 2 and all(len(t.split()) <= 3 and t[-1].isalnum() for t in listed)
    for item in above_title:
        if (
            item.kept
            and len(item.text.split()) <= 8
            and not SENTENCE_END_RE.search(item.text)
            and (trail or not item.is_item)
        ):
            item.rule = Rule.KICKER


def _repair_glued_teasers(items: list[_Line], report: _Reporter) -> None:
    for item in items:
        if not item.kept:
            continue
        lowered = item.text.casefold()
        if not any(map(lowered.__contains__, GLUED_TEASER_LEAD_INS)):
            continue
        match = GLUED_TEASER_TAIL_RE.search(item.text)
        if match is None or match.start(1) == 0:
            continue
        teaser = match.group(1)
        rule = Rule.MEHR_ZUM_THEMA if teaser.lower().startswith("mehr") else Rule.LESEN_SIE_AUCH
        if teaser.lower().startswith("auch"):
            rule = Rule.AUCH_INTERESSANT
        report(item.pos, teaser, rule)
        item.text = item.text[: match.start(1)].rstrip()


# Where a naive join glues two short blocks: after a sentence's end, before a capital.
_GLUED_PARTS_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ«„\"])")


def _classify(
    text: str,
    expected_script: str | None,
    authors: Sequence[str],
    folded: dict[str, list[str]] | None = None,
) -> str | None:
    """The rule that drops this line on its own, or None; its case-folded words go to `folded`."""
    lowered = text.casefold()
    # casefold() keeps every whitespace character and makes none: the line's words, folded.
    lowered_words = lowered.split()
    if folded is not None:
        folded[text] = lowered_words
    words = len(lowered_words)
    contains = lowered.__contains__
    phrase = phrase_rule(text, lowered, words)
    if phrase is not None:
        return phrase
    if lowered.rstrip(": ") in UI_TOKENS or COUNTER_RE.match(text):
        return Rule.UI_TOKEN
    if lowered.rstrip(": ") in INFO_LABELS:
        return Rule.INFO_LABEL
    if words <= 14 and ("|" in text or "·" in text or "•" in text) and is_tool_bar(text):
        return Rule.UI_TOKEN
    if 2 <= words <= 12 and lowered_words[0].strip("|·•/") in SHARE_WORDS:
        share_words = [w for w in SHARE_SPLIT_RE.split(lowered) if w]
        if all(w in SHARE_WORDS for w in share_words):
            return Rule.SHARE
    kind = classify_date_line(text)
    after_place = date_after_place(text, authors) if kind is None and words <= 8 else None
    # A dateline: a place and a date alone. An author and a date are a byline, left for it.
    if after_place is not None:
        kind = classify_date_line(after_place)
    if kind is not None:
        return Rule.TIMESTAMP if kind == "timestamp" else Rule.DATE_ONLY
    if words <= _INFO_LINE_MAX_WORDS and ("·" in text or "|" in text or "•" in text):
        info = _info_line_rule(text, authors)
        if info is not None:
            return info
    if ";" in text and words <= 25 and credited_writers(text) is not None:
        return Rule.BYLINE  # a credits line of "role: names" items ("Recherche: A; Text: B")
    # Items parted by commas or "und" ("Text: A, Bilder: B", "A (Text) und B (Fotos)") must
    # credit a writer: a sentence may list "Thema: x, Ort: y" or "A (SPD) und B (CDU)" too.
    if (text.count(":") >= 2 or text.count("(") >= 2) and words <= 16 and credited_writers(text):
        return Rule.BYLINE
    credit = credit_rule(text, lowered, words)
    if credit is not None:
        return credit
    for rule, regex, max_words, gate in LATE_PHRASE_RULES:
        if words > max_words or (gate and not any(map(contains, gate))):
            continue
        if regex.search(text):
            # A sources line naming a news agency credits it ("Verwendete Quellen: …, AFP").
            return Rule.CREDIT_AGENCY if rule == Rule.CITATION and agency_names(text) else rule
    if authors and words <= 16 and is_byline(text, authors):
        return Rule.BYLINE
    if expected_script is not None and is_foreign_script(text, expected_script):
        return Rule.FOREIGN_SCRIPT
    # Two or three pieces of furniture a naive join glued together ("Jetzt Mitglied werden!
    # Zurück zur Übersicht") go when each goes on its own.
    parts = _GLUED_PARTS_RE.split(text) if words <= 12 else []
    if 1 < len(parts) <= 3:
        rules = [_classify(part, expected_script, authors) for part in parts]
        if all(rules):
            return rules[0]
    return None


def _info_line_rule(text: str, authors: Sequence[str]) -> str | None:
    """The rule of an info line whose every item is furniture on its own ("20. Mai 2025 ·
    Lesezeit 9 Minuten", "Veröffentlicht: 03.03.2025 | 4 Min. Lesezeit"): its first item's;
    a credits line's ("Beitrag: A · Kamera: B") is the byline's."""
    segments = [segment for segment in INFO_SPLIT_RE.split(text) if segment.strip(" .")]
    if len(segments) < 2:
        return None
    # A credits line: every item a role and a name ("Redaktion: A · Faktencheck: B").
    if all(ROLE_CREDIT_RE.match(segment.strip()) for segment in segments):
        return Rule.BYLINE
    if is_imprint(segments):
        return Rule.UI_TOKEN  # the site's footer
    # A desk's credit of initials ("Redaktion: (kw)") names no author: the byline's, here.
    rules = [
        Rule.BYLINE if is_initials_credit(seg) else _classify(seg, None, authors)
        for seg in segments
    ]
    if any(rules):
        rules = [
            Rule.READING_TIME if rule is None and DURATION_ITEM_RE.match(seg.strip()) else rule
            for seg, rule in zip(segments, rules, strict=True)
        ]
    # One item more may be a one-word label, when three or more make the line: "Lokales ·
    # 14.05.2025 · Text: epd".
    # So may a section named with its label, in a line of two: "3. Mai 2026 | Kategorie: Welt".
    unknown = [segment for segment, rule in zip(segments, rules, strict=True) if rule is None]
    if len(unknown) == 1 and (
        (len(segments) >= 3 and is_label_word(unknown[0]))
        or SECTION_ITEM_RE.match(unknown[0].strip())
    ):
        return next(rule for rule in rules if rule is not None)
    return rules[0] if all(rules) else None


def classify_line(text: str) -> str | None:
    """The rule that drops this single line on its own (no context, no site rules), or None.

    pipelines.tree asks it before dropping HTML elements, so that furniture the line rules know
    keeps their more specific rule name.
    """
    text = " ".join(text.split())
    return _classify(text, None, ()) if text else None


# Furniture whose title or call stands on the line above it, and that line's most words.
_TITLED_RULES: dict[str, int] = {Rule.MEDIA_PLAYER: 10, Rule.PROMO_DONATION: 5}


def _apply_context_rules(items: list[_Line]) -> None:
    """Rules that need neighbours: teaser lists after a lead-in, captions, image teasers."""
    block_rule: str | None = None
    block_items: bool | None = None  # whether the teaser list is made of list items
    for index, item in enumerate(items):
        # A bare "Mehr zum Thema" / "Lesen Sie auch" lead-in starts a list of headlines.
        if item.rule in _LEAD_IN_RULES:
            block_rule = item.rule if _is_bare_lead_in(item.text) else None
            block_items = None
            continue
        if block_rule is not None and item.kept:
            if block_items is None:
                block_items = item.is_item
            # The list ends where its shape ends: a subheading after a bulleted teaser list
            # is the article again.
            if item.is_item == block_items and _is_headline_like(item.text):
                item.rule = block_rule
                continue
            block_rule = None
        if item.rule in _TITLED_RULES:
            # The line right above player furniture is the video's title ("Elektrofähre auf
            # Jungfernfahrt" over "Verfügbar bis …"), above a donation account the box's call
            # ("Jetzt helfen!"): a label, never a sentence.
            previous = _previous_kept(items, index)
            if (
                previous is not None
                and not previous.is_item
                and _is_headline_like(previous.text)
                and len(previous.text.split()) <= _TITLED_RULES[item.rule]
            ):
                previous.rule = item.rule
        if item.rule == Rule.INFO_LABEL and item.is_item and index + 1 < len(items):
            value = items[index + 1]  # a term list's row: the value under its label
            value.rule = value.rule or label_value_rule(item.text, value.text)
        if item.rule == Rule.CREDIT_IMAGE_ALT:
            match = IMAGE_ALT_RE.match(item.text)
            alt_key = _alnum_key(match.group("alt")) if match else ""
            # The caption that repeats the alt text next to it is part of the image.
            for other in items[max(0, index - 2) : index + 3]:
                if other.kept and alt_key and _alnum_key(other.text) == alt_key:
                    other.rule = Rule.CREDIT_CAPTION
            # An image card followed by a headline is a related-article teaser.
            following = _next_kept(items, index)
            if following is not None and _is_headline_like(following.text):
                following.rule = Rule.TEASER_AFTER_IMAGE


def _apply_shop_rules(items: list[_Line]) -> None:
    """A shop box's product name before its price or call to buy, and a short line inside an
    ad or shop box ("Anzeige", the offer, "Zum Angebot"), are the box's too."""
    for index in range(len(items) - 2, -1, -1):
        item, following = items[index], items[index + 1]
        if not item.kept or following.rule not in _LABELLED_BOX_RULES:
            continue
        words = len(item.text.split())
        previous = items[index - 1] if index else None
        # A table's row is no label: a scorers line may follow a table of standings.
        label = (
            words <= 10
            and not SENTENCE_END_RE.search(item.text)
            and not item.is_item
            and item.text[:1] != "|"
            and not _LABEL_VALUE_RE.match(item.text)
        )
        if following.rule in (Rule.PROMO_SHOP, Rule.PROMO_SUBSCRIPTION):
            boxed = words <= 20 and previous is not None and previous.rule in _SHOP_RULES
            if label or boxed:
                item.rule = Rule.PROMO_SHOP
        elif label:
            item.rule = following.rule


def _apply_promo_rules(items: list[_Line], folded: dict[str, list[str]]) -> None:
    """Drop promotional calls to action; stricter in mid-article than next to the edges.
    `folded`: the case-folded words of lines already classified."""
    kept = [item for item in items if item.kept]
    count = len(kept)
    for index, item in enumerate(kept):
        edge = index < 3 or index >= count - 3
        score = promo_score(item.text, folded.get(item.text))
        if score >= (3 if edge else 4):
            item.rule = promo_rule(item.text)
    # A promo block takes the most specific name among its lines ("promo:telegram").
    block: list[_Line] = []
    for item in [*items, _Line("", -1)]:
        if item.rule is not None and item.rule.startswith("promo:"):
            block.append(item)
            continue
        names = {line.rule for line in block} - {Rule.PROMO_CTA}
        if len(names) == 1:
            name = names.pop()
            for line in block:
                line.rule = name
        block = []


def _apply_tail_rule(items: list[_Line]) -> None:
    """Drop leftover widget labels (1-3 words) trailing the article after recognised furniture.

    Only after the last sentence-like line, only when that trailing block already holds a
    widget, teaser or promo line, and never list items: a real article does not end on a
    two-word label.
    """
    last_sentence = -1
    for index, item in enumerate(items):
        if item.kept and (SENTENCE_END_RE.search(item.text) or len(item.text.split()) >= 8):
            last_sentence = index
    tail = items[last_sentence + 1 :]
    if not any(item.rule is not None and item.rule.startswith(TAIL_TRIGGERS) for item in tail):
        return
    for item in tail:
        if (
            item.kept
            and len(item.text.split()) <= 3
            and not item.is_item
            and not _LABEL_VALUE_RE.match(item.text)
        ):
            item.rule = Rule.TAIL


# --- helpers ---------------------------------------------------------------------------------


def _previous_kept(items: list[_Line], index: int) -> _Line | None:
    """The kept line before `index`, skipping only other player and date furniture."""
    for item in reversed(items[:index]):
        if item.kept:
            return item
        if item.rule not in (Rule.MEDIA_PLAYER, Rule.CONSENT, Rule.DATE_ONLY, Rule.TIMESTAMP):
            return None
    return None


def _next_kept(items: list[_Line], index: int) -> _Line | None:
    for item in items[index + 1 :]:
        if item.kept:
            return item
        if item.rule not in (Rule.CREDIT_IMAGE, Rule.CREDIT_CAPTION, Rule.UI_TOKEN):
            return None
    return None


def _is_bare_lead_in(text: str) -> bool:
    """True for a lead-in alone ("Mehr zum Thema:"), not "Mehr zum Thema – <headline>"."""
    return len(text.split()) <= 6 and not LEAD_IN_WITH_HEADLINE_RE.search(text)


def _is_headline_like(text: str) -> bool:
    if not 2 <= len(text.split()) <= 22 or text[-1] in ".,;:":
        return False
    first = text.lstrip(OPENING_QUOTES)[:1]
    return first.isupper() or first.isdigit()
