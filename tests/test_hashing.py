"""Text normalisation and content hash: the identity of an article text across refetches."""

from __future__ import annotations

import hashlib
import unicodedata

from crawler.model.hashing import content_hash, normalise_text


def test_normalise_collapses_whitespace_and_drops_blank_lines() -> None:
    raw = "  Der Stadtrat\ttagt   heute.  \r\n\r\n\n\u00a0Die Sitzung\u2009beginnt um neun.\n   \n"
    assert normalise_text(raw) == "Der Stadtrat tagt heute.\nDie Sitzung beginnt um neun."


def test_normalise_keeps_line_structure() -> None:
    text = "Erste Zeile\nZwischenüberschrift\nDritte Zeile."
    assert normalise_text(text) == text


def test_normalise_is_idempotent() -> None:
    raw = " Grüße  aus\r\nder  Straße \n\n"
    once = normalise_text(raw)
    assert normalise_text(once) == once


def test_composed_and_decomposed_umlauts_hash_alike() -> None:
    composed = "Die Brücke über die Förde wird größer."
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert normalise_text(decomposed) == composed
    assert content_hash(decomposed) == content_hash(composed)


def test_hash_ignores_whitespace_differences_only() -> None:
    a = "Der Bürgermeister sprach.\nDie Sitzung endete."
    b = "  Der  Bürgermeister sprach. \n\n\tDie Sitzung endete.\n"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash(a.replace("endete", "begann"))


def test_hash_is_sha256_hex_of_normalised_utf8() -> None:
    text = "Straßenbahn fährt wieder.\n  Ab Montag  im Takt. "
    expected = hashlib.sha256(b"Stra\xc3\x9fenbahn f\xc3\xa4hrt wieder.\nAb Montag im Takt.")
    assert content_hash(text) == expected.hexdigest()
    assert len(content_hash(text)) == 64


def test_empty_text() -> None:
    assert normalise_text(" \n\t\n") == ""
    assert content_hash("") == hashlib.sha256(b"").hexdigest()


def _reference(text: str) -> str:
    """The definition, line by line."""
    text = unicodedata.normalize("NFC", text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def test_normalise_matches_its_definition_on_random_text() -> None:
    import random

    rng = random.Random(7)
    alphabet = ["a", "ä", "a\u0308", "ß", " ", "\t", "\u00a0", "\u2009", "\n", "\r\n", "\r", "."]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert normalise_text(text) == _reference(text), repr(text)
