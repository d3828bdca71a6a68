"""The characters an anchored regex can open a match with (the first, the first two), and the
phrase rules looked up by a line's first two characters giving what all of them give."""

from __future__ import annotations

import re

import pytest

from bench.eval_extraction import load_heldout
from pipelines import phrases
from pipelines.phrase_starts import UNIVERSE, may_open, start_chars, start_pairs


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"^(?:Mehr|Weitere) Artikel", 0, "MW"),
        (r"^(?:Jetzt )?(?:ab|[cd])", 0, "Jacd"),
        (r"^(?=.*x)(?!Nein)Ja", 0, "J"),
        (r"^[-–\s]*Anzeige", 0, "-–A" + "".join(c for c in UNIVERSE if c.isspace())),
        (r"^(?:\d+ )?Kommentare", 0, "0123456789K"),
        (r"^[→»]?Weiter|^Mehr", 0, "→»WM"),
        # The case rule in force where the character stands, with re's own folds ("ſ" is "s").
        (r"^(?:sie|Du)", re.IGNORECASE, "sSſdD"),
        (r"^(?-i:Der) (?i:x)", re.IGNORECASE, "D"),
        (r"^(?i:k)", 0, "kK\u212a"),
    ],
)
def test_start_chars(pattern: str, flags: int, expected: str) -> None:
    assert start_chars(re.compile(pattern, flags)) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"Mehr",  # anywhere in the line
        r"^Mehr|Weitere",  # one alternative anywhere
        r"^(?:Mehr)?$",  # the empty line
        r"^(?:Mehr)?",  # an empty match
        r"^.Mehr",  # any character
        r"^(a)?\1x",  # what a back reference opens with is not followed
        r"(?m)^Mehr",  # after any line break
    ],
)
def test_start_chars_unknown(pattern: str) -> None:
    assert start_chars(re.compile(pattern)) is None


def _pairs(pattern: str, flags: int = 0) -> dict[str, str | None] | None:
    """start_pairs as a dict: each first character with its second ones, spelled sorted."""
    found = start_pairs(re.compile(pattern, flags))
    if found is None:
        return None
    pairs: dict[str, set[str] | None] = {}
    for firsts, seconds in found:
        for char in firsts:
            known = pairs.setdefault(char, set())
            pairs[char] = None if known is None or seconds is None else known | seconds
    return {char: None if s is None else "".join(sorted(s)) for char, s in pairs.items()}


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"^(?:Mehr|Weitere) Artikel", 0, {"M": "e", "W": "e"}),
        # A match of one character may end there: any second character.
        (r"^(?:Jetzt )?(?:ab|[cd])", 0, {"J": "e", "a": "b", "c": None, "d": None}),
        (r"^(?=.*x)(?!Nein)Ja", 0, {"J": "a"}),
        (r"^-*Ab", 0, {"-": "-A", "A": "b"}),
        (r"^(?:\d )?K", 0, {**dict.fromkeys("0123456789", " "), "K": None}),
        (r"^(?:Ab){2,3}", 0, {"A": "b"}),
        (r"^Du", re.IGNORECASE, {"D": "Uu", "d": "Uu"}),
        (r"^(?-i:D)(?i:u)", re.IGNORECASE, {"D": "Uu"}),
        # What the reading does not follow after the first character: any second one.
        (r"^K.x", 0, {"K": None}),
        (r"^(a)\1", 0, {"a": None}),
    ],
)
def test_start_pairs(pattern: str, flags: int, expected: dict[str, str | None]) -> None:
    assert _pairs(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [r"Mehr", r"^(?:Mehr)?", r"^.Mehr", r"(?m)^Mehr"])
def test_start_pairs_unknown(pattern: str) -> None:
    assert start_pairs(re.compile(pattern)) is None


def _lines() -> list[str]:
    cases = load_heldout()
    return sorted(
        {" ".join(line.split()) for c in cases for line in (*c.body, *(j.text for j in c.junk))}
    )


def test_matches_open_with_a_start_char() -> None:
    lines = _lines()
    for _rule, regex, _max_words, _gate in phrases._PHRASE_RULES:
        chars = start_chars(regex)
        if chars is not None:
            # A line opening beyond UNIVERSE ("► Lesen Sie auch") meets every rule (`may_open`).
            opened = (line for line in lines if regex.search(line) and line[:1] in UNIVERSE)
            assert all(line[:1] in chars for line in opened), regex.pattern


def test_matches_open_with_a_start_pair() -> None:
    lines = _lines()
    for _rule, regex, _max_words, _gate in phrases._PHRASE_RULES:
        pairs = start_pairs(regex)
        if pairs is not None:
            for line in filter(regex.search, lines):
                # Beyond UNIVERSE a character is not looked up: the line meets every rule there.
                assert line[:1] not in UNIVERSE or any(
                    line[:1] in firsts
                    and (seconds is None or line[1:2] in seconds or line[1:2] not in UNIVERSE)
                    for firsts, seconds in pairs
                ), (regex.pattern, line)


def test_phrase_rule_by_start_as_all_rules() -> None:
    def every_rule(text: str, lowered: str, words: int) -> str | None:
        for rule, regex, max_words, gate in phrases._PHRASE_RULES:
            gated = not gate or any(word in lowered for word in gate)
            if words <= max_words and gated and regex.search(text):
                return rule
        return None

    found = 0
    for line in _lines():
        lowered, words = line.casefold(), len(line.split())
        rule = phrases.phrase_rule(line, lowered, words)
        assert rule == every_rule(line, lowered, words), line
        found += rule is not None
    assert found >= 100


def test_may_open() -> None:
    chars = start_chars(re.compile(r"^(?:Mit|Das) "))
    assert may_open(chars, "Mit Ida Korn sprach Paul Renner.")
    assert not may_open(chars, "Ein Satz.")
    assert not may_open(chars, "")
    assert may_open(chars, "\u4e2d\u6587")  # beyond UNIVERSE: not known, so it may
    assert may_open(None, "Ein Satz.")
