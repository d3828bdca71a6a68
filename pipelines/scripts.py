"""Which writing system a line is written in: Latin, Cyrillic, Greek … (for the cleaning)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# A letter outside Latin, Latin-1 and Latin Extended (Greek, Cyrillic, Arabic, CJK …).
NON_LATIN_LETTER_RE = re.compile(
    "[\u0370-\u1dff\u1f00-\u1fff\u2c00-\u2dff\u3040-\u9fff\ua000-\ud7af]"
)

# Languages written mostly outside the Latin script; anything else is taken as Latin.
LANGUAGE_SCRIPTS: dict[str, str] = {
    "ru": "cyrillic",
    "uk": "cyrillic",
    "be": "cyrillic",
    "bg": "cyrillic",
    "mk": "cyrillic",
    "sr": "cyrillic",
    "kk": "cyrillic",
    "ky": "cyrillic",
    "tg": "cyrillic",
    "mn": "cyrillic",
    "el": "greek",
    "ar": "arabic",
    "fa": "arabic",
    "ur": "arabic",
    "ps": "arabic",
    "he": "hebrew",
    "yi": "hebrew",
    "zh": "han",
    "ja": "han",
    "ko": "hangul",
    "ka": "georgian",
    "hy": "armenian",
    "hi": "devanagari",
    "th": "thai",
}


def _char_script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x370 <= code <= 0x3FF or 0x1F00 <= code <= 0x1FFF:
        return "greek"
    if 0x400 <= code <= 0x52F:
        return "cyrillic"
    if 0x530 <= code <= 0x58F:
        return "armenian"
    if 0x590 <= code <= 0x5FF:
        return "hebrew"
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F:
        return "arabic"
    if 0x900 <= code <= 0x97F:
        return "devanagari"
    if 0xE00 <= code <= 0xE7F:
        return "thai"
    if 0x10A0 <= code <= 0x10FF:
        return "georgian"
    if 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if 0xAC00 <= code <= 0xD7AF:
        return "hangul"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].lower() if name else "other"


def _scripts(text: str) -> Counter[str]:
    return Counter(_char_script(ch) for ch in text if ch.isalpha())


def expected_script_of(lines: list[str], language: str | None) -> str | None:
    """The script of the text's letters: the declared language's, unless the text's own first
    lines are plainly in another (a German page declared lang="ru"); else the dominant one."""
    kept = lines
    declared = None
    if language and language not in ("unknown", "und"):
        declared = LANGUAGE_SCRIPTS.get(language.split("-", 1)[0].lower(), "latin")
        kept = kept[:4]  # a sample suffices to confirm the declaration
        if not NON_LATIN_LETTER_RE.search(" ".join(kept)):
            # Latin letters only (the common case, decided by one regex): Latin, if any.
            return "latin" if any(ch.isalpha() for line in kept for ch in line) else declared
    counts: Counter[str] = Counter()
    for line in kept:
        counts.update(_scripts(line))
    total = sum(counts.values())
    if not total:
        return declared
    script, count = counts.most_common(1)[0]
    if count / total < 0.8:
        return declared
    return script


def is_foreign_script(text: str, expected: str) -> bool:
    """Mostly in another script: untranslated UI strings like "Заголовок …" in a German page."""
    if expected == "latin" and not NON_LATIN_LETTER_RE.search(text):
        return False  # the common case, decided without looking at every character
    counts = _scripts(text)
    letters = sum(counts.values())
    if letters < 3:
        return False
    return counts[expected] / letters < 0.5
