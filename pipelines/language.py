"""Language of an article text: seeded langdetect on a capped sample, else the declared one."""

from __future__ import annotations

import functools
import json
import os
import random
import re
from dataclasses import dataclass
from typing import Any

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils.ngram import NGram

# langdetect draws random samples; without a fixed seed the same text can come out as
# different languages on different runs.
SEED = 0

# A capped sample keeps the cost of a long article flat. Every evaluation and demo article is
# shorter than this, and on the crawl benchmark's pages (1,300-7,000 characters) samples of
# 500, 1,000 and 2,000 characters give the language of the whole text.
SAMPLE_CHARS = 2000
# Below this many characters langdetect guesses; a declared language is more trustworthy.
MIN_DETECT_CHARS = 200
# For short texts with nothing declared, accept a detection only when it is this sure.
SHORT_TEXT_MIN_PROB = 0.9

UNKNOWN = "unknown"

# Function words that make up a third or more of running text in these languages. When the page
# declares one of them and its words dominate the sample, langdetect (hundreds of seeded
# random draws, each a step over all 55 languages) would only confirm it.
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
# A short article (a few hundred characters, as most agency reports) has room for only two or
# three marker words; it confirms with two when function words are a quarter of its words, a
# share a neighbouring language reaches only with the words it shares, which are no markers.
SHORT_MIN_FUNCTION_WORD_SHARE = 0.25
SHORT_MIN_MARKER_WORDS = 2

_DECLARED_RE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


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
    if "\u0130" in sample or "\u03a3" in sample:
        words = list(map(str.lower, _WORD_RE.findall(sample)))
    else:
        # The sample lowered once: lower() maps each other character to one of the same kind
        # (a letter to a letter), so the same words are found, each as lowered alone. "İ"
        # lowers to two characters, and "Σ" by the letters around it: their words one by one.
        words = _words_of(sample.lower())
    if len(words) < 30:
        return False
    share = sum(map(function_words.__contains__, words)) / len(words)
    marker_hits = sum(map(markers.__contains__, words))
    if marker_hits >= MIN_MARKER_WORDS:
        return share >= MIN_FUNCTION_WORD_SHARE
    return marker_hits >= SHORT_MIN_MARKER_WORDS and share >= SHORT_MIN_FUNCTION_WORD_SHARE


def _words_of(text: str) -> list[str]:
    """The words `_WORD_RE` finds in `text`, with the regex run only over the tokens it may
    split: no space is a letter, a digit or an apostrophe, so no word spans two tokens, and a
    token of letters alone is one word whole."""
    words: list[str] = []
    for token in text.split():
        if token.isalpha():
            words.append(token)
        else:
            words.extend(_WORD_RE.findall(token))
    return words


def _detect(sample: str) -> tuple[str, float] | None:
    probabilities = langdetect_probabilities(sample)
    if not probabilities:
        return None
    lang, prob = max(probabilities, key=lambda item: item[1])
    # langdetect reports Chinese as "zh-cn"/"zh-tw"; the archive stores primary subtags.
    return lang.split("-", 1)[0], prob


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


# --- langdetect, the same computation in fewer Python steps ----------------------------------
#
# langdetect's Detector spends ~8 ms on a 1,200-character text (as long as most articles'
# samples), mostly in per-character and per-language Python steps. The code below computes
# exactly what its `detect_langs` computes (the same text cleaning, the same n-grams in the
# same order, the same seeded random draws and the same floating-point operations in the same
# order) in about a quarter of the time, from its profiles held as one numpy table (about the
# memory of langdetect's own Python lists, ~60 MB, but never written to, so the workers
# forked from the loader keep sharing it). A test checks the results against langdetect's own.

_SPACES_RE = re.compile(" {2,}")
_LATIN_RE = re.compile("[A-z]")  # langdetect's 'A' <= ch <= 'z', punctuation between included
# langdetect counts every character from U+0300 as non-Latin (its exception for the Latin
# Extended Additional block compares a block number with a name and never applies).
_NON_LATIN_RE = re.compile("[\\u0300-\\U0010ffff]")
_TRIALS = 7


@dataclass(frozen=True)
class Profiles:
    """langdetect's language profiles as one table: a row of probabilities per n-gram."""

    languages: tuple[str, ...]
    rows: dict[str, int]
    table: Any  # numpy float64 array, len(rows) x len(languages)


@functools.cache
def load_profiles() -> Profiles:
    """Load langdetect's language profiles (55 files) once per process, as its
    DetectorFactory.load_profile reads them (directory order; frequency / n-gram count).

    Worker processes call it at start-up so the first article does not pay for it.
    """
    import numpy as np

    languages: list[str] = []
    profiles: list[tuple[dict[str, int], list[int]]] = []
    for filename in os.listdir(PROFILES_DIRECTORY):
        path = os.path.join(PROFILES_DIRECTORY, filename)
        if filename.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        languages.append(str(data["name"]))
        profiles.append((data["freq"], data["n_words"]))
    rows: dict[str, int] = {}
    for freq, _n_words in profiles:
        for word in freq:
            rows.setdefault(word, len(rows))
    table = np.zeros((len(rows), len(languages)), dtype=np.float64)
    for column, (freq, n_words) in enumerate(profiles):
        known = [(rows[word], count, len(word)) for word, count in freq.items()]
        indices = [row for row, _count, length in known if 1 <= length <= 3]
        values = [
            1.0 * count / n_words[length - 1] for _r, count, length in known if 1 <= length <= 3
        ]
        table[indices, column] = values
    return Profiles(tuple(languages), rows, table)


class _Normalised(dict[int, str]):
    """str.translate table: langdetect's per-character normalisation, filled as met."""

    def __missing__(self, codepoint: int) -> str:
        value = str(NGram.normalize(chr(codepoint)))
        self[codepoint] = value
        return value


_NORMALISED = _Normalised()


def _cleaned(text: str) -> str:
    """Detector.append then Detector.cleaning_text: URLs and e-mail addresses out, runs of
    spaces collapsed, Latin letters dropped from a text mostly in another script."""
    # The patterns cannot match without these (the mail pattern is slow to find that out).
    if "http" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    text = NGram.normalize_vi(text)
    text = _SPACES_RE.sub(" ", text[:10000])
    non_latin = _NON_LATIN_RE.subn("", text)[1]
    if non_latin:
        without_latin, latin = _LATIN_RE.subn("", text)
        if latin * 2 < non_latin:
            text = without_latin
    return text


def _word_ngrams(word: str, closed: bool, rows: dict[str, int]) -> tuple[int, ...]:
    """The profile rows of the n-grams NGram yields over " word" (and the space after it
    when `closed`), in its order.

    NGram keeps the last three characters; it skips the position of a capital that follows a
    capital (an all-caps word) and the lone space.
    """
    padded = f" {word} " if closed else f" {word}"
    found: list[int] = []
    for end in range(1, len(padded)):
        ch = padded[end]
        if ch.isupper() and padded[end - 1].isupper():
            continue
        for gram in (ch, padded[end - 1 : end + 1], padded[end - 2 : end + 1] if end >= 2 else ""):
            row = rows.get(gram)
            if row is not None and gram != " ":
                found.append(row)
    return tuple(found)


# Words recur across articles: their n-grams are kept, for up to this many words.
_WORD_CACHE_SIZE = 20_000
_word_cache: dict[tuple[str, bool], tuple[int, ...]] = {}


def _ngram_rows(text: str, rows: dict[str, int]) -> list[int]:
    """Detector._extract_ngrams, as profile rows: the known 1- to 3-grams of the text."""
    words = text.translate(_NORMALISED).split(" ")
    result: list[int] = []
    last = len(words) - 1
    cache = _word_cache
    for index, word in enumerate(words):
        if not word:
            continue
        key = (word, index < last)
        found = cache.get(key)
        if found is None:
            if len(cache) >= _WORD_CACHE_SIZE:
                cache.clear()
            found = cache[key] = _word_ngrams(word, index < last, rows)
        result += found
    return result


def langdetect_probabilities(text: str) -> list[tuple[str, float]]:
    """langdetect's `detect_langs(text)` as (language, probability) pairs above its 0.1
    threshold, in profile order; empty when the text has no known n-gram."""
    import numpy as np

    profiles = load_profiles()
    rows = _ngram_rows(_cleaned(text), profiles.rows)
    if not rows:
        return []
    # Each n-gram's row is taken once from the big table; `picks` stands for `rows` in the
    # random draws (a draw depends only on the length of the list).
    distinct = list(dict.fromkeys(rows))
    position = {row: index for index, row in enumerate(distinct)}
    picks = [position[row] for row in rows]
    word_probs = profiles.table[distinct]
    count = len(profiles.languages)
    total = np.zeros(count)
    rng = random.Random()
    rng.seed(SEED)
    for _trial in range(_TRIALS):
        prob = np.full(count, 1.0 / count)
        alpha = Detector.ALPHA_DEFAULT + rng.gauss(0.0, 1.0) * Detector.ALPHA_WIDTH
        factors = alpha / Detector.BASE_FREQ + word_probs
        i = 0
        while True:
            prob *= factors[rng.choice(picks)]
            if i % 5 == 0:
                # Python's own sum, in list order, as langdetect adds them up; the largest
                # quotient is the quotient of the largest value (division is monotonic).
                values = prob.tolist()
                sump = sum(values)
                if not sump:
                    return []  # langdetect fails on it (ZeroDivisionError)
                prob /= sump
                if max(values) / sump > Detector.CONV_THRESHOLD or i >= Detector.ITERATION_LIMIT:
                    break
            i += 1
        total += prob / _TRIALS
    return [
        (lang, p)
        for lang, p in zip(profiles.languages, total.tolist(), strict=True)
        if p > Detector.PROB_THRESHOLD
    ]
