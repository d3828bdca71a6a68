"""Self-promotion lines (a site advertising its channels, newsletter, app or subscription):
how strongly a line advertises, and which promo rule names it."""

from __future__ import annotations

import functools
import itertools
import re

from pipelines.clean_rules import (
    AVAILABLE_AT_RE,
    CHANNEL_RE,
    CTA_RE,
    EMOJI_RE,
    FIRST_PERSON_PLURAL_RE,
    IMPERATIVE_START_RE,
    NEWS_VERB_RE,
    OWN_CHANNEL_RE,
    POINTER_START_RE,
    PROMO_GATE_WORDS,
    PROMO_MAX_WORDS,
    QUOTED_SPEECH_RE,
    SECOND_PERSON_RE,
    TOKEN_STRIP,
    Rule,
)

# The site's own handle on a network, closing a line that names the network and tells where
# the site is found, as the site or to the reader: "Unseren Kanal finden Sie bei Telegram unter
# @antenneost", "Wir sind auf Instagram: @stadtblatt_lindau". A handle inside a sentence ("…
# verbreitet der Kanal @xyz täglich Falschmeldungen") names someone else's account.
_CLOSING_HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][\w.]{2,40}(?<!\.)\W{0,3}$")
_WHERE_RE = re.compile(r"\b(?:find\w*|folg\w*|erreich\w*|abonnier\w*|besuch\w*|sind|gibt)\b", re.I)
# A call in the infinitive to follow the site on a network, as a button or a box words it:
# "Jetzt dem Kurier-Kanal auf WhatsApp folgen", "Hier unseren Kanal bei Telegram abonnieren".
# A sentence about someone else's account goes on past the verb or puts "zu" before it.
_FOLLOW_ON_RE = re.compile(
    r"\b(?:jetzt|hier|einfach|gleich) (?:[\w-]+ ){1,4}(?:auf|bei|in|über) (?:Telegram|WhatsApp"
    r"|Instagram|Facebook|YouTube|TikTok|Threads|Bluesky|Mastodon|LinkedIn|Signal|X)"
    r" (?:folgen|abonnieren|beitreten)\W*$",
    re.I,
)
_SPEAKER_RE = re.compile(r"\b(?:(?i:uns(?:er\w*)?|wir|du|dich|dein\w*|euch|eu(?:er|re)\w*)|Sie)\b")


def promo_score(text: str, lowered_words: list[str] | None = None) -> int:
    """How strongly a line advertises (the site's channels, a call to action, emoji); news
    verbs and quoted speech count against it. `lowered_words`: text.casefold().split(), when
    known."""
    # casefold() keeps every whitespace character and makes none: the same words.
    if lowered_words is None:
        lowered_words = text.casefold().split()
    words = len(lowered_words)
    if words > PROMO_MAX_WORDS:
        return 0
    emoji = _count_emoji(text)
    own_handle = (
        "@" in text
        and _CLOSING_HANDLE_RE.search(text) is not None
        and CHANNEL_RE.search(text) is not None
        and _SPEAKER_RE.search(text) is not None
        and _WHERE_RE.search(text) is not None
    )
    if not emoji and not own_handle:
        # Each token stripped in C, stopping at the first gate word.
        tokens = map(str.strip, lowered_words, itertools.repeat(TOKEN_STRIP))
        if PROMO_GATE_WORDS.isdisjoint(tokens):
            return 0
        if not (CTA_RE.search(text) or OWN_CHANNEL_RE.search(text) or _FOLLOW_ON_RE.search(text)):
            return 0
    score = 0
    if emoji:
        score += 2 if emoji >= 3 else 1
        # With emoji, a site speaking of itself ("Bei uns gibt's …") or asking the reader a
        # question ("Genug von …?") is advertising itself: news text does neither with emoji.
        if FIRST_PERSON_PLURAL_RE.search(text):
            score += 1
        if "?" in text:
            score += 1
    if POINTER_START_RE.match(text):
        score += 2
    if IMPERATIVE_START_RE.match(text):
        score += 1
    cta = CTA_RE.search(text) is not None or _FOLLOW_ON_RE.search(text) is not None
    if cta:
        score += 2
    if OWN_CHANNEL_RE.search(text):
        score += 2
    if CHANNEL_RE.search(text):
        score += 1
    if AVAILABLE_AT_RE.search(text):
        score += 2
    if own_handle:
        score += 3
    if SECOND_PERSON_RE.search(text):
        score += 1
    if text.count("!") >= 2:
        score += 1
    news = NEWS_VERB_RE.search(text) is not None
    if cta and words <= 12 and not news:
        score += 1
    if news:
        score -= 3
    if QUOTED_SPEECH_RE.search(text):
        score -= 2
    if words > 40:
        score -= 2
    return score


def promo_rule(text: str) -> str:
    """The promo rule that names a line by the channel it advertises."""
    lowered = text.casefold()
    if "telegram" in lowered:
        return Rule.PROMO_TELEGRAM
    if "whatsapp" in lowered:
        return Rule.PROMO_WHATSAPP
    if "newsletter" in lowered:
        return Rule.PROMO_NEWSLETTER
    if "abo" in lowered.split() or "abonn" in lowered:
        return Rule.PROMO_SUBSCRIPTION
    return Rule.PROMO_CTA


@functools.lru_cache(maxsize=4096)
def _count_emoji(text: str) -> int:
    return len(EMOJI_RE.findall(text))
