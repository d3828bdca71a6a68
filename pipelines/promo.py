"""Self-promotion lines (a site advertising its channels, newsletter, app or subscription):
how strongly a line advertises, and which promo rule names it."""

from __future__ import annotations

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


class _Gated:
    """A pattern under re.IGNORECASE and words one of which each of its matches holds, spelled
    as `_fold` spells the line: a line holding none of them cannot match, found without the
    pattern's slow search (it tries every alternative at every position)."""

    def __init__(self, regex: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.regex = regex
        self.words = words

    def found(self, text: str, folded: str) -> bool:
        return any(map(folded.__contains__, self.words)) and self.regex.search(text) is not None


def _fold(lowered_words: list[str]) -> str:
    """The line's case-folded words, spelled so that a letter re.IGNORECASE takes for a
    pattern's letter is that letter ("ı" and "İ" for "i"; "ſ" and "K" are already "s", "k")."""
    return " ".join(lowered_words).replace("ı", "i").replace("\u0307", "")


# A word of each alternative of the patterns (a network, a verb of a call to action).
_CTA = _Gated(
    CTA_RE,
    (
        *("beitreten", "abo", "jetzt", "hier", "meld", "trag", "folg", "tritt", "tret"),
        *("verpass", "kostenlos", "newsletter", "erhalten", "podcast", "e-paper", "epaper"),
        *("app", "mediathek"),
    ),
)
_CHANNEL = _Gated(
    CHANNEL_RE,
    (
        *("telegram", "whatsapp", "newsletter", "kanal", "channel", "abo", "push-"),
        *("instagram", "facebook", "youtube", "tiktok", "podcast", "e-paper", "epaper"),
        *("mediathek", "e-mail"),
    ),
)
_AVAILABLE_AT = _Gated(AVAILABLE_AT_RE, ("podcasts", "spotify", "deezer", "google", "store"))
_NEWS_VERB = _Gated(
    NEWS_VERB_RE,
    (
        *("sagte", "erklärte", "kündigte", "teilte", "schrieb", "berichtete", "meldete"),
        *("betonte", "hiess es", "so der", "so die", "laut", "zufolge", "veröffentlichte"),
        *("postete", "bestätigte", "warnte", "forderte", "rief", "verbreitete", "wurde", "hatte"),
    ),
)
# The words a call's verb or the site's "unser"/"mein" are spelled with: most lines that pass
# the promo gate words are news sentences holding neither.
_OWN_CHANNEL = _Gated(OWN_CHANNEL_RE, ("unser", "mein"))
_FOLLOW_ON = _Gated(_FOLLOW_ON_RE, ("folgen", "abonnieren", "beitreten"))
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
    folded = _fold(lowered_words)
    cta = _CTA.found(text, folded)
    # Without emoji or a handle, a call to action or the site's channel is the promo.
    if not (
        emoji
        or own_handle
        or cta
        or _OWN_CHANNEL.found(text, folded)
        or _FOLLOW_ON.found(text, folded)
    ):
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
    cta = cta or _FOLLOW_ON.found(text, folded)
    if cta:
        score += 2
    if _OWN_CHANNEL.found(text, folded):
        score += 2
    if _CHANNEL.found(text, folded):
        score += 1
    if _AVAILABLE_AT.found(text, folded):
        score += 2
    if own_handle:
        score += 3
    if SECOND_PERSON_RE.search(text):
        score += 1
    if text.count("!") >= 2:
        score += 1
    news = _NEWS_VERB.found(text, folded)
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


def _count_emoji(text: str) -> int:
    return len(EMOJI_RE.findall(text))
