"""Language of an article text: seeded langdetect on a capped sample, else the declared one."""

from __future__ import annotations

import functools
import re

from langdetect import DetectorFactory, detect_langs, detector_factory
from langdetect.lang_detect_exception import LangDetectException

# langdetect draws random samples; without a fixed seed the same text can come out as
# different languages on different runs.
DetectorFactory.seed = 0

# langdetect costs about 8 ms per full article; a capped sample keeps it flat.
SAMPLE_CHARS = 2000
# Below this many characters langdetect guesses; a declared language is more trustworthy.
MIN_DETECT_CHARS = 200
# For short texts with nothing declared, accept a detection only when it is this sure.
SHORT_TEXT_MIN_PROB = 0.9

UNKNOWN = "unknown"

# Function words that make up a third or more of running text in these languages. When the page
# declares one of them and its words dominate the sample, langdetect (about 3 ms on 2,000
# characters, more than our whole cleaning layer) would only confirm it.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "sich",
            "auch",
            "auf",
            "für",
            "dem",
            "den",
            "des",
            "ein",
            "eine",
            "einer",
            "eines",
            "zu",
            "von",
            "im",
            "wird",
            "sind",
            "werden",
            "hat",
            "haben",
            "dass",
            "nach",
            "bei",
            "aus",
            "wie",
            "noch",
            "über",
            "sei",
            "wurde",
            "als",
            "oder",
            "aber",
            "sie",
            "es",
            "er",
            "wir",
            "ich",
            "man",
            "zum",
            "zur",
            "vom",
            "am",
            "um",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "with",
            "was",
            "on",
            "as",
            "by",
            "at",
            "from",
            "has",
            "have",
            "are",
            "be",
            "this",
            "which",
            "were",
            "said",
            "not",
            "but",
            "or",
            "an",
            "their",
            "they",
            "he",
            "she",
            "we",
            "its",
            "would",
            "will",
        ]
    ),
}
# Words of those lists that neighbouring languages (Dutch, Danish, Luxembourgish …) do not share.
_MARKER_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        ["und", "ist", "nicht", "sich", "auch", "für", "dass", "wird", "über", "wurde"]
    ),
    "en": frozenset(["the", "and", "that", "with", "was", "were", "which"]),
}
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_FUNCTION_WORD_SHARE = 0.2
MIN_MARKER_WORDS = 5

_DECLARED_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


@functools.cache
def load_profiles() -> None:
    """Load langdetect's language profiles (about 50 files) once per process.

    Worker processes may call it at start-up so the first article does not pay for it.
    """
    detector_factory.init_factory()


def normalise_language(code: str | None) -> str | None:
    """Map a declared language tag to its primary subtag ("de-DE" -> "de"); None if unusable."""
    if not code:
        return None
    match = _DECLARED_RE.match(code)
    if match is None:
        return None
    primary = match.group(1).lower()
    # "x-default", "und" and "mul" declare nothing.
    if primary in ("und", "mul", "zxx"):
        return None
    return primary


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def _confirms(sample: str, code: str) -> bool:
    """True when the sample is plainly written in `code` (a language with a function-word list)."""
    function_words = _FUNCTION_WORDS.get(code)
    markers = _MARKER_WORDS.get(code)
    if function_words is None or markers is None:
        return False
    words = [word.lower() for word in _WORD_RE.findall(sample)]
    if len(words) < 30:
        return False
    hits = sum(1 for word in words if word in function_words)
    marker_hits = sum(1 for word in words if word in markers)
    return hits / len(words) >= MIN_FUNCTION_WORD_SHARE and marker_hits >= MIN_MARKER_WORDS


def _detect(sample: str) -> tuple[str, float] | None:
    load_profiles()
    try:
        best = detect_langs(sample)
    except LangDetectException:
        return None
    if not best:
        return None
    lang = str(best[0].lang)
    # langdetect reports Chinese as "zh-cn"/"zh-tw"; the archive stores primary subtags.
    return lang.split("-", 1)[0], float(best[0].prob)


def detect_language(text: str, declared: str | None) -> str:
    """Return an ISO 639-1 code for `text`, or the declared language, or "unknown".

    Never raises; deterministic. Short texts (< MIN_DETECT_CHARS) take the declared language
    when there is one, because langdetect is unreliable on a sentence or two. A declared "de" or
    "en" that the sample's function words plainly confirm is taken without running langdetect;
    anything else (no declaration, another language, a mismatch) goes to langdetect.
    """
    try:
        declared_code = normalise_language(declared)
        stripped = text.strip()
        if len(stripped) < MIN_DETECT_CHARS and declared_code:
            return declared_code
        if not _LETTER_RE.search(stripped):
            # langdetect raises on text without letters.
            return declared_code or UNKNOWN
        sample = _sample(stripped)
        if declared_code and _confirms(sample, declared_code):
            return declared_code
        result = _detect(sample)
        if result is None:
            return declared_code or UNKNOWN
        lang, prob = result
        if len(stripped) < MIN_DETECT_CHARS and prob < SHORT_TEXT_MIN_PROB:
            return UNKNOWN
        return lang
    except Exception:  # never let a language guess fail an extraction
        return normalise_language(declared) or UNKNOWN
