"""Cheap tests that let a line skip a regular expression give what the expression alone gives."""

from __future__ import annotations

import re

import pytest

from pipelines.clean_rules import GLUE_SHAPE_RE
from pipelines.credits import DATELINE_AGENCY_RE, text_agencies
from pipelines.names import _LEGAL_FORM_RE, _spells_site_key, site_name_keys
from pipelines.side_boxes import _CONTACT_MARKS, CONTACT_RE

_LINES = [
    "Auch interessantDie Stadt plant",
    "„Zitat“ und mehr",
    "wortDer",
    "wort„Zitat",
    'wort"Zitat',
    "ÄÖÜ ohne Kleinbuchstaben davor",
    "großÖffnung",
    "Berlin (dpa) - Der Bundestag hat beschlossen.",
    "Moskau /RIA Nowosti/ - Die Regierung teilte mit.",
    "Wien (APA). Die Regierung teilte mit.",
    "Ein Satz ohne Klammern und Striche.",
    "BSC Auental 1921 e.V.",
    "BSC Auental e. V.\n",
    "Radio Südwelle GmbH",
    "Stadtwerke AG",
    "Genossenschaft eG",
    "Verlag 2020",
    "Verlag ٢٠٢٠",
    "",
]


@pytest.mark.parametrize("line", _LINES)
def test_glue_shape_as_a_lower_case_letter_before_an_upper_case_one(line: str) -> None:
    old = re.compile(r"[a-zäöüß][A-ZÄÖÜ„\"]")
    assert (GLUE_SHAPE_RE.search(line) is None) == (old.search(line) is None)


def test_dateline_agencies_in_brackets_and_slashes() -> None:
    found = text_agencies(_LINES, [])
    matched = [line for line in _LINES if DATELINE_AGENCY_RE.match(line)]
    assert len(matched) == 3
    assert all("(" in line or "/" in line for line in matched)
    assert set(found) >= {"dpa", "APA"}


@pytest.mark.parametrize("line", _LINES)
def test_legal_form_cut_only_where_it_can_match(line: str) -> None:
    keys = site_name_keys("BSC Auental", "https://bsc-auental.de/")
    cut = _LEGAL_FORM_RE.sub("", line) or line
    assert _spells_site_key(line, keys) == _spells_site_key(cut, keys)
    if _LEGAL_FORM_RE.search(line):
        assert line[-1:].isdecimal() or line[-1:] in (".", "H", "G", "\n")


def test_a_site_name_with_its_legal_form_and_year_spells_the_host() -> None:
    keys = site_name_keys("BSC Auental", "https://bsc-auental.de/")
    assert _spells_site_key("BSC Auental 1921 e.V.", keys)
    assert _spells_site_key("BSC Auental e. V.\n", keys)


@pytest.mark.parametrize(
    "line",
    [
        *_LINES,
        "Telefon 07131 / 59 08-21",
        "Tel.: +49 6841 882-4",
        "Fon (0711) 2345",
        "Phone +44 20 7946",
        "lokales@talbote.de",
        "Kontakt über das Sekretariat",
    ],
)
def test_a_contact_lines_marks_before_its_expression(line: str) -> None:
    if not any(mark in line for mark in _CONTACT_MARKS):
        assert CONTACT_RE.search(line) is None
