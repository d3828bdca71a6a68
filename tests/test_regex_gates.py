"""Cheap tests that let a line skip a regular expression give what the expression alone gives."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from pipelines import promo
from pipelines.bylines import may_name_several
from pipelines.clean_rules import GLUE_SHAPE_RE
from pipelines.credits import DATELINE_AGENCY_RE, text_agencies
from pipelines.disclaimers import DISCLAIMER_RULES
from pipelines.headline_keys import alnum_key as _alnum_key
from pipelines.language import _WORD_RE, _words_of
from pipelines.names import (
    _DEGREE_ENDS,
    _DEGREES_AFTER_RE,
    _LEGAL_FORM_RE,
    _spells_site_key,
    site_name_keys,
    split_credits,
)
from pipelines.promo import promo_score
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


_BYLINES = [
    "Von Miriam Kessler",
    "Von Miriam Kessler 20.11.2026, 16:40 Uhr",
    "Von Anna Beispiel und Jan Muster",
    "Von ANNA BEISPIEL UND JAN MUSTER",
    "Anna Beispiel mit SID",
    "Anna Beispiel MıT SID",
    "Anna Beispiel/dpa",
    "Anna Beispiel (dpa)",
    "Text: Anna Beispiel; Fotos: Jan Muster",
    "Text：Anna Beispiel，Jan Muster",
    "Anna Beispiel &amp; Jan Muster",
    "Anna Beispiel & Jan Muster",
    "Autorin: Dr. Anna Beispiel",
    "Jörg Weißbach",
    "A (Text) B (Bilder)",
    "",
]


@pytest.mark.parametrize("byline", _BYLINES)
def test_a_byline_without_separators_names_one_person_at_most(byline: str) -> None:
    if not may_name_several(byline):
        assert len(split_credits([byline], frozenset())[0]) <= 1
    assert may_name_several(byline) == (byline not in _ONE_AT_MOST)


_ONE_AT_MOST = {
    "Von Miriam Kessler",
    "Anna Beispiel (dpa)",
    "Autorin: Dr. Anna Beispiel",
    "Jörg Weißbach",
    "A (Text) B (Bilder)",
    "",
}


@pytest.mark.parametrize(
    "name",
    [
        *_BYLINES,
        "Sandra Weil M. Sc.",
        "Jan Ohm, LL.M.",
        "Ida Korn MBA",
        "A, M.A.",
        "A PhD",
        "A BSc",
        "A MEd\n",
        "A LLM",
        "A MPH",
        "A Ph. D.",
        "A MA, MBA",
    ],
)
def test_the_degree_gate_passes_every_name_the_degree_regex_cuts(name: str) -> None:
    if _DEGREES_AFTER_RE.search(name):
        assert name.rstrip("\n")[-1:] in _DEGREE_ENDS


@pytest.mark.parametrize(
    "line",
    [
        "Die Meinung der Autorin muss nicht mit der Redaktion übereinstimmen.",
        "Gastkommentare geben nicht zwangsläufig den Standpunkt des Verlags wieder.",
        "Gastbeiträge müssen nicht die Sichtweise der Redaktıon widerspiegeln.",
        "Gastbeiträge müssen nicht die Sichtweise der REDAKTİON widerspiegeln.",
        "Der Beitrag gibt die Ansicht des Verfassers wieder.",
        "Die Linie der Partei ist nicht immer klar.",
        "Aus Sicht der Stadt muss nicht gebaut werden.",
    ],
)
def test_the_editors_disclaimer_gate_passes_every_line_its_regex_matches(line: str) -> None:
    _rule, regex, _words, gate = DISCLAIMER_RULES[1]
    if regex.search(line):
        assert any(word in line.casefold() for word in gate)


def test_no_space_is_a_letter_or_a_digit() -> None:
    # Why a key may join a text's words before filtering them (tree.text_key, clean._alnum_key).
    assert not any(chr(c).isspace() and chr(c).isalnum() for c in range(sys.maxunicode + 1))


@pytest.mark.parametrize(
    "text",
    [*_LINES, "„Nullniveau“!", "Sport\u00a0Der Sieg", "e\u0301 É İ Σ ² ½ ٣ a_b", "A\u2028B\u3000C"],
)
def test_the_alnum_key_filters_only_the_words_with_marks(text: str) -> None:
    whole = "".join(filter(str.isalnum, unicodedata.normalize("NFC", text).casefold()))
    assert _alnum_key(text) == whole


@pytest.mark.parametrize(
    "text",
    [
        *_LINES,
        "don't l’homme aujourd'hui 'quoted' it’s’ ’s",
        "x2 2x ²ab a²b a_b _a ½ ٣ab a٣ e\u0301 ı ſ straße",
        "a\u00a0b\u2028c\u3000d\x1ce\x1ff\tg\nh",
        "Bundes-Regierung (dpa). „Zitat“ – 3. Mai: ok!",
    ],
)
def test_the_language_words_are_the_regex_words(text: str) -> None:
    assert _words_of(text) == _WORD_RE.findall(text)
    assert _words_of(text.lower()) == _WORD_RE.findall(text.lower())


@pytest.mark.parametrize(
    "line",
    [
        *_LINES,
        "Folgen Sie uns auf Telegram! 👉 @stadtblatt",
        "Jetzt den Newsletter abonnieren: kostenlos lesen",
        "Straße\u2028mit\u00a0Leerzeichen ǅ ﬁ İstanbul",
    ],
)
def test_promo_score_of_the_words_folded_by_the_classifier(line: str) -> None:
    # casefold() keeps the whitespace: the classifier's folded words are the promo scoring's.
    assert promo_score(line, line.casefold().split()) == promo_score(line)


_PROMO_LINES = [
    "Jetzt beitreten und abonnieren! Hier klicken, klicken Sie hier, klick hier.",
    "Melde dich an, meld dich jetzt, melden Sie sich gleich hier an. Trag dich ein.",
    "Tragen Sie sich hier ein. Folge uns, folgt uns, folgen Sie dem Blatt auf Telegram.",
    "Tritt dem Kanal bei, treten Sie ihm bei, tretet uns bei. Verpasse nichts.",
    "Verpassen Sie keine Nachricht, nichts mehr verpassen, kostenlos online lesen.",
    "Das Wichtigste – jetzt den Newsletter bestellen; Abo abschließen; Probeabo sichern.",
    "Erhalten Sie die Nachrichten per E-Mail. Hören Sie uns im Podcast, in der App.",
    "Lesen Sie es als E-Paper oder ePaper, sehen Sie es in der Mediathek.",
    "Überall, wo es Podcasts gibt; bei Spotify, auf Apple Podcasts, bei Deezer, in Google Play,"
    " im App Store.",
    "WhatsApp, Instagram, Facebook, YouTube, TikTok, Kanal, Channel, Abonnement, Push-Nachricht,"
    " Push-Mitteilung, per E-Mail.",
    "Er sagte, sie sagten, erklärte, kündigte, teilte mit, schrieb, berichtete, meldete, betonte.",
    "Es hieß es, so der Sprecher, so die Stadt, laut Polizei, ihm zufolge, veröffentlichte.",
    "Postete, bestätigte, warnte, forderte, rief, verbreitete, mitteilte, wurde, hatte.",
]


def _odd_spellings(line: str) -> list[str]:
    # Letters re.IGNORECASE takes for others: "ı" and "İ" for "i", "ſ" for "s", "K" (Kelvin)
    # for "k", "ẞ" for "ß"; and the whole line in capitals.
    swaps = [("i", "ı"), ("i", "İ"), ("I", "ı"), ("s", "ſ"), ("k", "\u212a"), ("ß", "ẞ")]
    return [line, line.upper(), line.lower(), *(line.replace(a, b) for a, b in swaps)]


@pytest.mark.parametrize(
    "gated", [promo._CTA, promo._CHANNEL, promo._AVAILABLE_AT, promo._NEWS_VERB]
)
def test_promo_pattern_gates_hold_a_word_of_each_match(gated: promo._Gated) -> None:
    found = 0
    for odd in (odd for line in [*_PROMO_LINES, *_LINES] for odd in _odd_spellings(line)):
        for part in [odd, *odd.split(", ")]:
            if gated.regex.search(part):
                found += 1
                assert gated.found(part, promo._fold(part.casefold().split())), part
    assert found >= 20


def test_promo_fold_spells_each_letter_as_ignorecase_matches_it() -> None:
    letters = {letter: re.compile(letter, re.I) for letter in "abcdefghijklmnopqrstuvwxyzäöüß-"}
    any_letter = re.compile("[a-zäöüß-]", re.I)
    for char in filter(any_letter.fullmatch, map(chr, range(sys.maxunicode + 1))):
        for letter, pattern in letters.items():
            if pattern.fullmatch(char):
                folded = promo._fold([letter.casefold()])
                assert promo._fold([char.casefold()]) == folded, (char, letter)


@pytest.mark.parametrize(
    "text",
    [
        "Quelle: dpa, AFP",
        "APA/red",
        "dpa-AFX Analyser",
        "dpa-afxx und mehr",
        "Xdpa dpa_x sid-",
        "Anadolu Ajansı",
        "ria novosti",
        "Von Anna Beispiel",
        "Mit Material der Deutschen Presse-Agentur",
        "",
    ],
)
def test_agency_key_search_is_the_word_lookup(text: str) -> None:
    # The one search finds a key exactly when a WORD_RE word of the text is one.
    from pipelines.agency_names import short_agency_names
    from pipelines.headline_bylines import _AGENCY_KEYS, _names_agency_key
    from pipelines.tree import WORD_RE

    assert all(WORD_RE.fullmatch(key) for key in _AGENCY_KEYS)
    words = WORD_RE.findall(short_agency_names(text).casefold())
    assert _names_agency_key(text) == (not _AGENCY_KEYS.isdisjoint(words))


def test_portrait_row_needs_a_child() -> None:
    # A row without children is never a portrait row: the search skips the call for it.
    import lxml.html

    from pipelines.headline_bylines import portrait_row_name

    assert portrait_row_name(lxml.html.fragment_fromstring("<div></div>")) is None
    assert portrait_row_name(lxml.html.fragment_fromstring("<div> </div>")) is None
    row = lxml.html.fragment_fromstring("<div><img src='a.jpg'> <b>Anna Beispiel</b></div>")
    assert portrait_row_name(row) == "Anna Beispiel"


def test_byline_class_needs_a_class() -> None:
    # An element without a class is no byline by its class: the lookup skips the search.
    from pipelines.marks import BYLINE_CLASS_RE

    assert BYLINE_CLASS_RE.search("") is None
    assert BYLINE_CLASS_RE.search("article-byline") is not None


def test_author_box_label_first_letters() -> None:
    # Every character the label pattern can start with is among the letters the author box
    # search looks for before collapsing an element's text.
    from pipelines.byline_lines import AUTHOR_BOX_LABEL_RE
    from pipelines.bylines import _AUTHOR_BOX_LABEL_FIRST

    # The pattern's alternatives open with "Über", "Zu", "Der"/"Die", "Autor", "About", "The".
    assert AUTHOR_BOX_LABEL_RE.pattern.startswith("^(?:Über ")
    for opening in ("|Zu(", "|(?:Der|Die) ", "|Autor(", "|About ", "|The "):
        assert opening in AUTHOR_BOX_LABEL_RE.pattern
    assert AUTHOR_BOX_LABEL_RE.pattern.count("|") == 24  # a new alternative: check its start
    starts = re.compile("[" + "".join(sorted(_AUTHOR_BOX_LABEL_FIRST)) + "]", re.I)
    may_start = {
        chr(c) for c in range(0x110000) if c < 0xD800 or c > 0xDFFF if starts.fullmatch(chr(c))
    }
    assert may_start == set(_AUTHOR_BOX_LABEL_FIRST)
    for label in ("Über den Autor", "Zur Autorin", "Der Autor", "Autorin:", "About the author"):
        assert AUTHOR_BOX_LABEL_RE.fullmatch(label) and label[0] in _AUTHOR_BOX_LABEL_FIRST
    for text in ("über unsere Autorin", "the author", "zum Autor", "die Autorin"):
        assert AUTHOR_BOX_LABEL_RE.fullmatch(text) and text[0] in _AUTHOR_BOX_LABEL_FIRST
