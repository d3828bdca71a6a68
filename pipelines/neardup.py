"""Near-duplicate signatures: MinHash over word shingles and LSH band keys (pure, deterministic)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from crawler.model.types import ExtractedArticle, ExtractInput

# Measured on the variant test set (tests/test_neardup.py, run as a script): 5-word shingles
# keep different stories built from the same phrases (the templated bench corpus, agency
# wording) apart (Jaccard <= 0.26), while a changed paragraph, furniture or an added sentence
# stays above 0.5. With 3-word shingles the same-topic stories reach 0.32.
SHINGLE_WORDS = 5
NUM_PERM = 128
# 42 bands of 3 rows (126 of the 128 values): two texts are compared when one band matches,
# which happens with probability 1 - (1 - J^3)^42: 0.996 at J = 0.5, 0.94 at J = 0.4, 0.29 at
# J = 0.2. With 32 bands of 4 rows (0.87 at J = 0.5) the band lookup, not the threshold,
# decided about copies just above it: measured, one changed-paragraph copy was missed.
BANDS = 42
ROWS = 3
SEED = 20261123  # fixed: signatures must be comparable across processes, runs and machines
THRESHOLD_ENV = "NEWSARCHIVE_NEARDUP_THRESHOLD"

_WORD_RE = re.compile(r"\w+")


def default_threshold() -> float:
    """The near-duplicate threshold: NEWSARCHIVE_NEARDUP_THRESHOLD (the app config), else the
    measured default (db.similarity.DEFAULT_THRESHOLD, which the archive applies when given
    none)."""
    # Imported here: extraction workers import this module to sign texts and never read the
    # config or load anything of the archive's; pydantic-settings would add to their start-up.
    from pydantic import ValidationError

    from crawler.model.config import AppConfig
    from db.similarity import DEFAULT_THRESHOLD

    try:
        value = AppConfig().neardup_threshold
    except ValidationError as exc:
        for err in exc.errors():
            if err["loc"] == ("neardup_threshold",):
                raw = err["input"]
                raise ValueError(
                    f"{THRESHOLD_ENV} must be a number between 0 and 1, got {raw!r}"
                ) from None
        raise
    return DEFAULT_THRESHOLD if value is None else value


def words(text: str) -> list[str]:
    """The text's words, case-folded: punctuation and quote style („…“ or "…") do not count."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word shingles; a text shorter than that is one shingle."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    # Encoded once and joined as bytes (words hold no spaces, so the split gives them back),
    # zipped over shifted views rather than sliced: measurably cheaper on ~600-word articles.
    encoded = " ".join(tokens).encode("utf-8").split(b" ")
    return set(map(b" ".join, zip(*(encoded[i:] for i in range(size)), strict=False)))


# MinHash as datasketch computes it (its "legacy" scheme, the only one of datasketch 1.x):
# sha1-based 32-bit shingle hashes, permutations h -> ((a * h + b) mod (2^61 - 1)) & (2^32 - 1)
# drawn from numpy's RandomState(SEED). tests/test_neardup.py checks that the signatures
# equal datasketch's MinHash byte for byte. It is computed here rather than through datasketch
# because `import datasketch` also loads scipy (measured: +56 MB in every process that
# imports it: the crawl process and each extraction worker, which broke the crawl's memory
# budget), and numpy is only imported where signatures are made (the worker processes).
_MERSENNE = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    import numpy as np

    gen = np.random.RandomState(SEED)
    pairs = [
        (
            gen.randint(1, _MERSENNE, dtype=np.uint64),
            gen.randint(0, _MERSENNE, dtype=np.uint64),
        )
        for _ in range(NUM_PERM)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def signature(text: str) -> bytes | None:
    """The MinHash signature of the text (NUM_PERM 32-bit values, little-endian); None if
    the text has no words."""
    import numpy as np

    grams = shingles(text)
    if not grams:
        return None
    a, b = _permutations()
    prime = np.uint64(_MERSENNE)
    # datasketch's 32-bit shingle hash, for all shingles at once: the first 4 bytes
    # (little-endian) of each 20-byte sha1 digest.
    sha1 = hashlib.sha1
    digests = b"".join([sha1(gram).digest() for gram in grams])
    hashes = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint64)
    # The same uint64 arithmetic as datasketch (a * h + b wraps around 2^64 there too) ...
    permuted = np.multiply.outer(hashes, a)
    permuted += b
    # ... then mod 2^61 - 1 without numpy's slow uint64 %: fold the top 3 bits onto the rest
    # (2^61 = 1 mod p), which leaves a value below 2p; x - p wraps around for x < p, so
    # min(x, x - p) is x mod p. In place: these arrays are ~60,000 values a page.
    spare = permuted >> np.uint64(61)
    permuted &= prime
    permuted += spare
    np.subtract(permuted, prime, out=spare)
    np.minimum(permuted, spare, out=permuted)
    permuted &= np.uint64(_MAX_HASH)
    return bytes(permuted.min(axis=0).astype("<u4").tobytes())


def band_keys(sig: bytes) -> tuple[int, ...]:
    """One key per LSH band: a stable 63-bit hash (fits a signed BIGINT) of its rows."""
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return tuple(keys)


@dataclass(frozen=True)
class SignedArticle(ExtractedArticle):
    """An extraction result with the near-duplicate signature of its text."""

    minhash: bytes | None = None


def sign(result: ExtractedArticle) -> ExtractedArticle:
    """The result with its text's signature attached (unchanged when it has no text)."""
    if not result.has_text:
        return result
    values = {f.name: getattr(result, f.name) for f in fields(result)}
    values["minhash"] = signature(result.text)
    return SignedArticle(**values)


def extract_signed(inp: ExtractInput, *, max_bytes: int) -> ExtractedArticle:
    """Worker-process entry: extract and clean the page, then sign its text.

    The signature is computed here, in the worker, so the crawl process only compares bytes.
    """
    from pipelines.extract import extract_article  # trafilatura: loaded in workers only

    return sign(extract_article(inp, max_bytes=max_bytes))
