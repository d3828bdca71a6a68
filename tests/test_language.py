"""Language detection: seeded langdetect on a sample, the declared language as fallback."""

from __future__ import annotations

import random

import pytest
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from pipelines import language
from pipelines.language import detect_language, langdetect_probabilities, normalise_language

GERMAN = (
    "Der Gemeinderat hat am Dienstagabend nach langer Debatte beschlossen, das alte Hallenbad "
    "nicht abzureißen, sondern für rund vier Millionen Euro zu sanieren. Die Arbeiten sollen "
    "im kommenden Frühjahr beginnen und etwa anderthalb Jahre dauern. Während der Bauzeit "
    "können Schulen und Vereine das Becken im Nachbarort nutzen, für den Transport der Kinder "
    "will die Gemeinde einen Bus bereitstellen. Kritik kam von den Grünen, die einen Neubau "
    "mit besserer Energiebilanz gefordert hatten."
)
ENGLISH = (
    "The town council decided on Tuesday evening, after a long debate, that the old indoor "
    "swimming pool will not be demolished but renovated for around four million euros. The "
    "work is expected to begin next spring and to last about eighteen months. During that "
    "time schools and clubs can use the pool in the neighbouring village, and the council "
    "will provide a bus for the children."
)
RUSSIAN = (
    "Городской совет во вторник вечером после долгих споров решил не сносить старый крытый "
    "бассейн, а отремонтировать его примерно за четыре миллиона евро. Работы должны начаться "
    "следующей весной и продлятся около полутора лет. На это время школы и спортивные клубы "
    "смогут пользоваться бассейном в соседнем посёлке."
)


def test_german_text_is_german_without_declaration() -> None:
    assert detect_language(GERMAN, None) == "de"


def test_text_wins_over_a_wrong_declaration() -> None:
    assert detect_language(ENGLISH, "de") == "en"
    assert detect_language(GERMAN, "en") == "de"


def test_russian_text() -> None:
    assert detect_language(RUSSIAN, "de") == "ru"


def test_short_text_takes_the_declared_language() -> None:
    assert detect_language("Kurze Meldung.", "de-DE") == "de"
    assert detect_language("Short note.", "de_AT") == "de"


def test_nothing_known_is_unknown() -> None:
    assert detect_language("", None) == "unknown"
    assert detect_language("12345 678 -- !!", None) == "unknown"
    assert detect_language("   ", "x-default") == "unknown"


def test_text_without_letters_falls_back_to_declared() -> None:
    # langdetect raises on such text; we must not.
    assert detect_language("2026-11-20 14:05 " * 30, "de") == "de"


def test_never_raises_on_odd_input() -> None:
    for text in ("\x00\x01\x02", "🚆🚀😎" * 100, "ß" * 5000, "a" * 10):
        assert isinstance(detect_language(text, None), str)


def test_deterministic_on_ambiguous_text() -> None:
    mixed = " ".join(["Hallo Welt hello world ciao mondo"] * 20)
    results = {detect_language(mixed, None) for _ in range(5)}
    assert len(results) == 1


def test_declared_language_confirmed_by_function_words_skips_langdetect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(_: str) -> object:
        raise AssertionError("langdetect should not run")

    monkeypatch.setattr(language, "langdetect_probabilities", fail)
    assert detect_language(GERMAN, "de") == "de"


def test_long_text_is_sampled() -> None:
    long_text = (GERMAN + " ") * 200  # ~100 KB
    assert detect_language(long_text, None) == "de"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("de-DE", "de"),
        ("DE", "de"),
        ("de_AT", "de"),
        ("en-GB", "en"),
        ("und", None),
        ("x-default", None),
        ("", None),
        (None, None),
        ("deutsch-sprache-viel-zu-lang", None),
    ],
)
def test_normalise_language(declared: str | None, expected: str | None) -> None:
    assert normalise_language(declared) == expected


def _langdetect_own(text: str) -> dict[str, float]:
    try:
        return {str(found.lang): float(found.prob) for found in detect_langs(text)}
    except LangDetectException:
        return {}


def _texts() -> list[str]:
    texts = [
        GERMAN,
        ENGLISH,
        RUSSIAN,
        GERMAN[:120],
        " ".join(["Hallo Welt hello world ciao mondo"] * 20),
        "DER STADTRAT BESCHLIESST: NATO und EU-Gipfel in BERLIN, UNO-Bericht folgt",
        "Mehr unter https://example.org/a/b?c=1 oder per Mail an redaktion@example.org  heute",
        "Xin chào, đây là một câu tiếng Việt có dấu. Tiếng Việt rất hay.",
        "这是一个用于测试语言检测的中文句子。日本語のテキストもあります。한국어 문장입니다.",
        "مرحبا بكم في موقعنا الإخباري اليوم",
        "Ελληνικά νέα από την Αθήνα σήμερα το πρωί",
        "Ceci est une phrase française, avec des accents: é, è, à, ç. Ţară şi ţară.",
        "Городской совет (Stadtrat) решил: Hallenbad bleibt, бассейн останется.",
        "ß" * 300,
        "1234 5678",
    ]
    generator = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZ    .,!?-жщяабвгдЁЖéèçñ„“\n"
    texts += [
        "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 300)))
        for _ in range(40)
    ]
    return texts


def test_langdetect_probabilities_are_langdetects_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path computes langdetect's own numbers, to the last bit, languages included."""
    monkeypatch.setattr(DetectorFactory, "seed", language.SEED)
    for text in _texts():
        assert dict(langdetect_probabilities(text)) == _langdetect_own(text), text[:60]


SHORT_GERMAN = (
    "Nach dem Sturm in der Nacht sind am Morgen im Landkreis viele Straßen gesperrt gewesen. "
    "Die Feuerwehr räumte umgestürzte Bäume von den Fahrbahnen, der Busverkehr ruhte bis zum "
    "Mittag und auch länger. Verletzt wurde nach Angaben der Polizei niemand. Ein Sprecher "
    "des Landratsamts sagte, die Schäden an den Dächern seien geringer als befürchtet. In den "
    "Schulen fiel der Unterricht in den ersten zwei Stunden aus."
)
DUTCH = (
    "Na de storm van vannacht waren in de ochtend in de regio veel wegen afgesloten. De "
    "brandweer ruimde omgevallen bomen van de wegen en het busverkeer lag tot de middag stil. "
    "Volgens de politie is er niemand gewond geraakt. Een woordvoerder van de provincie zei "
    "dat de schade aan de daken kleiner was dan gevreesd. Op de scholen vielen de eerste twee "
    "lesuren uit en die leerlingen bleven thuis."
)


def test_short_declared_text_with_few_marker_words_skips_langdetect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two marker words and function words at a quarter of a short text confirm it."""
    assert language._confirms(SHORT_GERMAN, "de")
    monkeypatch.setattr(language, "langdetect_probabilities", lambda _: [])
    assert detect_language(SHORT_GERMAN, "de") == "de"


def test_neighbouring_language_declared_as_german_goes_to_langdetect() -> None:
    assert not language._confirms(DUTCH, "de")
    assert detect_language(DUTCH, "de") == "nl"
