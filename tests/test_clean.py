"""The cleaning layer: each junk class goes, and the real content that looks like it stays."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.model.types import CleaningRules, DroppedLine, ExtractInput
from pipelines.clean import clean_lines
from pipelines.clean_rules import ALL_RULES
from pipelines.extract import extract_article
from pipelines.link_rows import drop_link_rows
from pipelines.tables import drop_header_tables

TITLE = "Stadtrat beschließt neuen Radweg an der Uferstraße"
LEAD = (
    "Der Stadtrat von Lindhaven hat am Donnerstag mit knapper Mehrheit den Bau eines neuen "
    "Radwegs entlang der Uferstraße beschlossen. Die Arbeiten sollen im Frühjahr beginnen."
)
P1 = (
    "Die Opposition kritisierte vor allem die Kosten von gut zwei Millionen Euro. Die Stadt "
    "habe dringendere Aufgaben, sagte ihr Fraktionschef in der Sitzung."
)
P2 = (
    "Die Verwaltung verwies dagegen auf Fördermittel des Landes, die einen großen Teil der "
    "Summe abdecken sollen. Ein Antrag sei bereits gestellt."
)
P3 = (
    "Anwohner hatten sich seit Jahren über gefährliche Situationen an der engen Straße "
    "beschwert, zuletzt mit einer Unterschriftenliste."
)


def clean(
    lines: list[str],
    *,
    title: str | None = TITLE,
    language: str | None = "de",
    rules: CleaningRules | None = None,
    authors: tuple[str, ...] = (),
) -> tuple[list[str], list[DroppedLine]]:
    return clean_lines(
        lines,
        title=title,
        rules=rules or CleaningRules(),
        language=language,
        authors=authors,
    )


def rules_of(dropped: list[DroppedLine]) -> dict[str, str]:
    return {d.text: d.rule for d in dropped}


# --- real content is never dropped -----------------------------------------------------------


def test_article_structure_survives_untouched() -> None:
    lines = [
        LEAD,
        "Kritik aus der Opposition",
        P1,
        "„Wir bauen hier für die nächsten dreißig Jahre, nicht für die nächste Wahl.“",
        "– sagte die Bürgermeisterin und fügte hinzu: Man werde die Anwohner beteiligen.",
        "Was kommt auf die Uferstraße zu?",
        "- Baubeginn im März",
        "- Fertigstellung im Herbst",
        "- Sperrung nur an Wochenenden",
        P2,
        "– betonte Kranich.",
        P3,
    ]
    kept, dropped = clean(lines)
    assert dropped == []
    # trafilatura's "- " list markers are removed; the items stay as lines of their own.
    assert kept == [line.removeprefix("- ") for line in lines]


def test_closing_sentence_about_telegram_in_news_context_stays() -> None:
    closing = "Der Minister kündigte den Schritt am Abend auf seinem Telegram-Kanal an."
    kept, dropped = clean([LEAD, P1, closing])
    assert kept == [LEAD, P1, closing]
    assert dropped == []


def test_deterministic() -> None:
    lines = [TITLE, "👉Beitreten zu Telegramm", LEAD, "Anzeige", P1, "Mehr zum Thema – X Y Z"]
    assert clean(lines) == clean(lines)


# --- title and metadata glued into the text --------------------------------------------------


def test_repeated_headline_is_dropped_even_with_other_quotes() -> None:
    title = 'Peskow: Beziehungen "auf einem Tiefpunkt"'
    kept, dropped = clean(["Peskow: Beziehungen „auf einem Tiefpunkt“", LEAD], title=title)
    assert kept == [LEAD]
    assert dropped[0].rule == "title:repeated"


def test_headline_with_kicker_is_dropped() -> None:
    kept, dropped = clean([f"Verkehr {TITLE}", LEAD])
    assert kept == [LEAD]
    assert dropped[0].rule == "title:repeated"


def test_headline_later_in_the_text_stays() -> None:
    mention = f"Unter der Überschrift „{TITLE}“ berichtete die Zeitung als Erste darüber."
    kept, _ = clean([LEAD, P1, P2, P3, mention])
    assert mention in kept


def test_headline_glued_to_first_paragraph_is_cut_off() -> None:
    kept, dropped = clean([f"{TITLE} {LEAD}", P1])
    assert kept == [LEAD, P1]
    assert dropped == [DroppedLine(text=TITLE, rule="title:glued")]


def test_date_prefix_before_first_words_is_stripped() -> None:
    kept, dropped = clean([f" date 2023-11 {LEAD}", P1], title=None)
    assert kept == [LEAD, P1]
    assert dropped == [DroppedLine(text="date 2023-11", rule="meta:date-prefix")]


def test_date_prefix_then_headline() -> None:
    kept, dropped = clean([f" date 2026-02-10 {TITLE}", LEAD])
    assert kept == [LEAD]
    assert [d.rule for d in dropped] == ["meta:date-prefix", "title:repeated"]


def test_line_starting_with_a_year_keeps_it() -> None:
    line = "2023 war ein schwieriges Jahr für die Stadtwerke, räumte der Geschäftsführer ein."
    kept, dropped = clean([line, P1], title=None)
    assert kept == [line, P1]
    assert dropped == []


def test_bare_timestamps_and_dates_go_but_dated_sentences_stay() -> None:
    sentence = "Am 13. Januar 2022 begannen die Gespräche in Genf."
    subheading = "Der 9. November 1989 in Lindhaven"
    lines = [
        LEAD,
        "20 Nov. 2026 14:05 Uhr",
        sentence,
        "13.01.2022",
        subheading,
        "Stand: 21.11.2026, 10:12 Uhr",
        P1,
        "Weiterlesen",
        "2025-02-06 13:05",
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, sentence, subheading, P1]
    assert rules_of(dropped) == {
        "20 Nov. 2026 14:05 Uhr": "meta:timestamp",
        "13.01.2022": "meta:date-only",
        "Stand: 21.11.2026, 10:12 Uhr": "meta:timestamp",
        "Weiterlesen": "teaser:weiterlesen",
        "2025-02-06 13:05": "meta:timestamp",
    }


@pytest.mark.parametrize(
    "line",
    [
        "Zuletzt geändert: 26.03.2025",
        "Letzte Änderung: 15.03.2025",
        "Zuletzt bearbeitet am 3. April 2025, 10:12 Uhr",
        "Letzte Bearbeitung: 03.04.2025",
    ],
)
def test_a_pages_last_change_line_goes_as_a_date_line(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert dropped[0].rule in ("meta:date-only", "meta:timestamp")


def test_a_sentence_on_a_change_with_its_date_stays() -> None:
    lines = [
        "Zuletzt geändert wurde die Satzung am 3. April 2025.",
        "Letzte Änderung der Gebühren: zum 1. Januar 2026 um drei Prozent.",
    ]
    kept, _ = clean([LEAD, *lines])
    assert kept == [LEAD, *lines]


def test_weiterlesen_inside_a_sentence_stays() -> None:
    line = "Weiterlesen lohnt sich bei diesem Bericht allemal, schrieb die Kritikerin."
    kept, _ = clean([LEAD, line])
    assert line in kept


def test_byline_repeating_the_author_goes() -> None:
    real = "Von Anna Beispiel stammt auch der Entwurf für das neue Rathaus."
    kept, dropped = clean(
        ["Von Anna Beispiel und Ole Brandt", LEAD, real], authors=("Anna Beispiel", "Ole Brandt")
    )
    assert kept == [LEAD, real]
    assert dropped[0].rule == "meta:byline"


def test_reading_time_goes() -> None:
    kept, dropped = clean(["Lesezeit: 3 Min.", LEAD])
    assert kept == [LEAD]
    assert dropped[0].rule == "meta:reading-time"


@pytest.mark.parametrize(
    "line",
    [
        "3. Februar 2026 · Lesezeit 7 Minuten",
        "Aktualisiert: 11.06.2025 | 5 Min. Lesezeit",
        "Stand: 14.03.2024, 08:15 Uhr • Lesedauer: ca. 2 Min.",
    ],
)
def test_a_dateline_with_a_reading_time_goes(line: str) -> None:
    kept, dropped = clean([LEAD, line, P1])
    assert kept == [LEAD, P1]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        # one item is not furniture
        "3. Februar 2026 · Sondersitzung im Rathaus",
        "Stadtrat Lindhaven · Lesezeit 7 Minuten",
        # a place and a date in a sentence, a phrase, a list of places
        "Lindhaven, 7. März 2026, war der Saal bis auf den letzten Platz besetzt.",
        "Die Sitzung, 7. März 2026",
        "Lindhaven, Oberau und Talheim, 7. März 2026",
        "Bad Oberau, 12.03.2026: Der Rat entscheidet über das Freibad",
        # an office or a goal in a sentence
        "Von der Pressestelle kam bis zum Abend keine Antwort.",
        "Von Teamgeist war in der zweiten Hälfte nichts zu sehen.",
        "Von der Polizeiinspektion kam am Abend eine kurze Mitteilung.",
        "Pressemitteilung des Vereins kam erst nach Redaktionsschluss an.",
        "Quelle: Polizeiinspektion Hainfeld meldet weniger Einbrüche als im Vorjahr",
        "Redakteur: Jonas Okafor berichtet seit Jahren aus dem Rathaus",
        "Um 1:0 ging es bis zur Pause (12:30 Uhr), dann drehte Okafor das Spiel.",
        # other words after a role are no editor's initials, nor initials after no role
        "3. Mai 2026 · Redaktion: gesucht wird ab sofort",
        "24.07.2025 · Hinweis: kw",
    ],
)
def test_an_info_line_with_other_items_and_body_lines_of_furniture_shape_stay(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    "line",
    [
        "Kultur · 02.10.2025 · Text: kna",
        "Diesen Beitrag finden Sie auch in unserer Printausgabe vom 3. Mai.",
        "Den Artikel lesen Sie ebenfalls im Heft 11/2024.",
        # a place and a date alone, parted as by a comma
        "Wien · 20. Mai 2025",
        # a date and a desk's initials, closing the text too: no signature cut off it
        "24.07.2025 · Redaktion: (kw)",
        "3. Mai 2026 | Text: hb",
        "Dienstag, 12.05.2026 · Bericht: (ab/tl)",
    ],
)
def test_a_section_dateline_and_a_print_note_go(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert [d.text for d in dropped] == [line]


def test_an_info_line_with_several_labels_stays() -> None:
    line = "Kultur · Theater · 02.10.2025"
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Hinweis: Dieser Ratgeber ersetzt nicht den Besuch in einer Praxis.", "meta:disclaimer"),
        ("Der Gastbeitrag gibt die persönliche Meinung des Verfassers wieder.", "meta:disclaimer"),
        ("Dieser Text stellt keine Anlageempfehlung dar.", "meta:disclaimer"),
        (
            "Studie: Okafor, B. u. a.: Sleep and light, Chronobiology Letters 12, 2024",
            "meta:citation",
        ),
        (
            "Berg, L.; Haas, M.: Moore im Wandel. Ökologie heute, doi: 10.4242/oeh.2023.55",
            "meta:citation",
        ),
    ],
)
def test_disclaimers_and_references_go(line: str, rule: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        "Weißt du mehr?",
        "Haben Sie Hinweise zu diesem Thema? Schreiben Sie an die Redaktion.",
        "Sie kennen weitere Fälle? Senden Sie uns Ihre Hinweise, gern auch vertraulich.",
    ],
)
def test_a_tips_box_asking_readers_for_information_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {line: "promo:feedback"}


def test_a_police_call_for_witnesses_in_quotes_stays() -> None:
    line = "„Senden Sie uns Hinweise, jede Beobachtung kann helfen“, sagte der Sprecher."
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    "line",
    [
        "Der Stadtrat ersetzt keine der alten Laternen, sagte die Bürgermeisterin.",
        "Die Meinung der Anwohner ist geteilt, wie eine Umfrage zeigt.",
        "Die Ansicht des Autors der Studie teilt das Ministerium nicht, sagte ein Sprecher.",
        # reported speech about an author's views and the newsroom
        "Die Ansichten des Autors entsprechen nicht der Linie der Redaktion, sagte der Chef.",
        "„Die Meinung des Autors ist nicht die der Redaktion“, sagt die Herausgeberin.",
        "„Gastbeiträge spiegeln nicht unbedingt die Haltung der Redaktion wider“, so Berg.",
        "Das Thema im Programm der Messe: Wasserstoff für die Region.",
        "Rückfragehinweise der Bürger nimmt das Amt bis Freitag entgegen.",
        "Die Partie beginnt am 4.5.2026 um 12:10 Uhr im Nordstadion.",
        "Okafor und seine Kollegen haben die Studie 2024 veröffentlicht.",
    ],
)
def test_sentences_near_disclaimers_and_references_stay(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


# --- related-article teasers -----------------------------------------------------------------


def test_mehr_zum_thema_lines_go() -> None:
    real = "Mehr zum Thema Wohnungsbau will die Koalition im Frühjahr vorlegen."
    lines = [
        LEAD,
        real,
        P1,
        "Mehr zum Thema – Neue Parkgebühren sorgen für Ärger in der Innenstadt",
        "Mehr zum Thema - Hallenbad bleibt bis zum Sommer geschlossen",
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, real, P1]
    assert {d.rule for d in dropped} == {"teaser:mehr-zum-thema"}


def test_mehr_zum_thema_glued_to_last_paragraph_is_cut_off() -> None:
    teaser = "Mehr zum Thema – Neue Parkgebühren sorgen für Ärger in der Innenstadt"
    kept, dropped = clean([LEAD, f"{P1} {teaser}"])
    assert kept == [LEAD, P1]
    assert dropped == [DroppedLine(text=teaser, rule="teaser:mehr-zum-thema")]


def test_teaser_list_after_bare_lead_in_goes_until_the_text_resumes() -> None:
    lines = [
        LEAD,
        "Mehr zum Thema:",
        "- Neue Parkgebühren sorgen für Ärger",
        "- Hallenbad bleibt bis zum Sommer geschlossen",
        "Wie es weitergeht",
        P1,
    ]
    kept, dropped = clean(lines)
    # The subheading is headline-like too, but not a list item like the teasers before it.
    assert kept == [LEAD, "Wie es weitergeht", P1]
    assert [d.rule for d in dropped] == ["teaser:mehr-zum-thema"] * 3


def test_teaser_headlines_after_bare_lead_in_go() -> None:
    lines = [LEAD, "Lesen Sie auch", "Neue Parkgebühren sorgen für Ärger", P1]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["teaser:lesen-sie-auch"] * 2


def test_lesen_sie_auch_goes_but_a_sentence_starting_alike_stays() -> None:
    real = "Lesen Sie auch die Begründung des Urteils, forderte die Richterin die Anwesenden auf."
    kept, dropped = clean(
        [LEAD, "Lesen Sie auch: Hallenbad bleibt bis zum Sommer geschlossen", real, P1]
    )
    assert kept == [LEAD, real, P1]
    assert dropped[0].rule == "teaser:lesen-sie-auch"


@pytest.mark.parametrize(
    "teaser",
    [
        "► Lesen Sie auch: So lebt der Streik-Boss privat",
        "▶ Lesen Sie mehr: Hallenbad bleibt bis zum Sommer geschlossen",
        "→ Siehe auch: Die Stadt sucht Schöffen",
    ],
)
def test_a_pointer_mark_before_a_related_article_lead_in_goes_with_it(teaser: str) -> None:
    # A sentence after a pointer mark is no lead-in.
    sentence = "► Lesen Sie auch die Begründung des Urteils, forderte die Richterin."
    other = "→ Lesen Sie dazu die Stellungnahme der Stadt im Amtsblatt."
    kept, dropped = clean([LEAD, teaser, sentence, other, P1])
    assert kept == [LEAD, sentence, other, P1]
    assert [d.rule for d in dropped] == ["teaser:lesen-sie-auch"]


def test_auch_interessant_goes_but_a_sentence_starting_alike_stays() -> None:
    real = "Auch interessant ist der Blick auf die Zahlen des Vorjahres."
    kept, dropped = clean([LEAD, "Auch interessant: Die Stadt sucht Schöffen", real])
    assert kept == [LEAD, real]
    assert dropped[0].rule == "teaser:auch-interessant"


def test_image_teaser_card_goes_and_a_later_subheading_stays() -> None:
    lines = [
        LEAD,
        "Rathaus am Marktplatz (Archivbild) - NK, 1920, 13.01.2022",
        "Stadtrat vertagt Entscheidung über das Hallenbad",
        P1,
        "Kritik aus der Opposition",
        P2,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1, "Kritik aus der Opposition", P2]
    assert [d.rule for d in dropped] == ["credit:image-alt", "teaser:after-image"]


# --- promotional inserts ---------------------------------------------------------------------


def test_telegram_promo_after_the_title_goes() -> None:
    lines = [
        TITLE,
        "Hast du genug vom Stau auf dem Weg zur Arbeit? 🚆😤 Dann ist unser Kanal genau das "
        "Richtige für dich! Jeden Tag neue Tipps für Pendler! 🚀",
        "👉Beitreten zu Telegramm",
        LEAD,
        P1,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1]
    # The promo block takes the most specific name found in it.
    assert [d.rule for d in dropped] == ["title:repeated", "promo:telegram", "promo:telegram"]


def test_newsletter_promo_goes_but_news_about_a_newsletter_stays() -> None:
    real = (
        "Wer den Newsletter der Stadt abonniert, erhält Unwetterwarnungen zuerst, teilte die "
        "Verwaltung mit."
    )
    promo = "Abonnieren Sie jetzt unseren kostenlosen Newsletter!"
    kept, dropped = clean([LEAD, P1, promo, P2, real, P3])
    assert kept == [LEAD, P1, P2, real, P3]
    assert dropped == [DroppedLine(text=promo, rule="promo:newsletter")]


@pytest.mark.parametrize(
    ("promo", "rule"),
    [
        ("Das Wichtigste aus dem Landkreis – jetzt unseren Newsletter bestellen", "newsletter"),
        ("Jeden Freitag die besten Tipps – Newsletter bestellen", "newsletter"),
        ("Morgens informiert: hier den Frühstücks-Newsletter kostenlos abonnieren", "newsletter"),
        ("Abo abschliessen und weiterlesen", "subscription"),
        ("Jetzt Digital-Abo abschliessen und alle Beiträge lesen", "subscription"),
        ("Jetzt abonnieren und unbegrenzt lesen", "subscription"),
    ],
)
def test_newsletter_and_subscription_calls_go_in_mid_article(promo: str, rule: str) -> None:
    more = [
        "Der Bau soll zwei Jahre dauern. Danach wird die Straße zur Einbahnstraße.",
        "Eine Bürgerversammlung ist für den Herbst geplant, hieß es aus dem Rathaus.",
        "Auch der Fahrradclub begrüßte den Beschluss und kündigte eigene Vorschläge an.",
    ]
    kept, dropped = clean([LEAD, P1, more[0], P2, promo, more[1], P3, more[2]])
    assert promo not in kept
    assert [d.rule for d in dropped] == ["promo:" + rule]


def test_mid_article_call_to_action_goes_but_quoted_slogan_stays() -> None:
    quoted = "„Folgt uns!“, riefen die Demonstranten vor dem Rathaus."
    promo = "Folgen Sie uns auf WhatsApp!"
    kept, dropped = clean([quoted, LEAD, P1, promo, P2, P3])
    assert kept == [quoted, LEAD, P1, P2, P3]
    assert dropped == [DroppedLine(text=promo, rule="promo:whatsapp")]


def test_channel_promo_naming_the_site_goes() -> None:
    promo = (
        "Folgen Sie dem Nordkurier auf Telegram und erhalten Sie die wichtigsten Meldungen "
        "direkt aufs Handy."
    )
    kept, dropped = clean([LEAD, P1, promo, P2, P3])
    assert kept == [LEAD, P1, P2, P3]
    assert dropped[0].rule == "promo:telegram"


@pytest.mark.parametrize(
    "promo",
    [
        "Den Podcast zur Woche gibt es bei Spotify und überall, wo es Podcasts gibt.",
        "Das ganze Gespräch hören Sie in unserer App.",
        "Lesen Sie die Ausgabe als E-Paper, ab 5 Uhr am Erscheinungstag.",
        "Die Kreiszeitung als E-Paper: jeden Morgen kostenlos digital lesen.",
        "Mehr Geschichten aus dem Tal hören Sie im Podcast „Talgeflüster“, überall, wo es "
        "Podcasts gibt.",
    ],
)
def test_own_podcast_app_and_e_paper_promos_go(promo: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, P3, promo])
    assert kept == [LEAD, P1, P2, P3]
    assert [line.text for line in dropped] == [promo]


def test_news_about_a_podcast_or_an_app_stays() -> None:
    news = [
        "Der Podcast „Talgeflüster“ erreicht nach Angaben des Senders 40.000 Hörer im Monat.",
        "Die Rechte an der Serie liegen bei Spotify, wie das Unternehmen am Montag mitteilte.",
        "Überall in der Altstadt hören Sie in diesen Tagen Baulärm, klagen die Anwohner.",
    ]
    kept, dropped = clean([LEAD, P1, *news, P2, P3])
    assert kept == [LEAD, P1, *news, P2, P3]
    assert dropped == []


def test_paywall_prompt_goes() -> None:
    kept, dropped = clean([LEAD, "Dieser Artikel ist nur für Abonnenten verfügbar."])
    assert kept == [LEAD]
    assert dropped[0].rule == "promo:subscription"


# --- site chrome and widgets -----------------------------------------------------------------


def test_registration_modal_goes_but_a_sentence_about_registration_stays() -> None:
    real = (
        "Die Registrierung der Wahlhelfer ist erfolgreich abgeschlossen worden, sagte der "
        "Wahlleiter."
    )
    lines = [
        "Registrierung erfolgreich abgeschlossen!",
        "Klicken Sie bitte den Link aus der E-Mail, die an Sie geschickt wurde",
        LEAD,
        real,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, real]
    assert [d.rule for d in dropped] == ["chrome:registration"] * 2


def test_login_prompt_goes_but_a_sentence_about_logging_in_stays() -> None:
    real = "Wer sich beim Bürgerportal einloggen will, braucht künftig einen zweiten Faktor."
    kept, dropped = clean([LEAD, real, "loggen Sie sich ein oder registrieren Sie sich"])
    assert kept == [LEAD, real]
    assert dropped[0].rule == "chrome:login"


def test_comment_widget_goes_but_news_about_comments_stays() -> None:
    real = "Die Kommentare der Leser fielen überwiegend kritisch aus, berichtete die Redaktion."
    lines = [LEAD, real, "Kommentare (12)", "Um an der Diskussion teilzunehmen,", "Neueste oben"]
    kept, dropped = clean(lines)
    assert kept == [LEAD, real]
    assert {d.rule for d in dropped} == {"widget:comments"}


@pytest.mark.parametrize(
    ("line", "goes"),
    [
        ("Zum Forum: Jetzt mitdiskutieren", True),
        ("Zum Diskussionsforum »", True),
        ("Zur Diskussion – hier mitreden!", True),
        # a sentence about a forum or a discussion
        ("Zum Forum der Wirtschaft kamen in diesem Jahr mehr als 300 Gäste.", False),
        ("Zur Diskussion stehen zwei Entwürfe für den neuen Marktplatz.", False),
    ],
)
def test_a_link_to_the_forum_goes_a_sentence_about_one_stays(line: str, goes: bool) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == ([LEAD, P1] if goes else [LEAD, P1, line])
    assert rules_of(dropped) == ({line: "widget:comments"} if goes else {})


def test_ui_tokens_go_but_subheadings_with_the_same_words_stay() -> None:
    lines = [
        "Abonnieren",
        LEAD,
        "Live-Musik im Stadtpark",
        P1,
        "Chats mit Betrügern nehmen zu",
        P2,
        "Newsticker",
        "0",
        "Neueste obenÄlteste oben",
        "loader",
        "Live",
        "Chats",
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, "Live-Musik im Stadtpark", P1, "Chats mit Betrügern nehmen zu", P2]
    assert rules_of(dropped) == {
        "Abonnieren": "chrome:ui-token",
        "Newsticker": "chrome:ui-token",
        "0": "chrome:ui-token",
        "Neueste oben": "widget:comments",
        "Älteste oben": "widget:comments",
        "loader": "chrome:ui-token",
        "Live": "chrome:ui-token",
        "Chats": "chrome:ui-token",
    }


def test_info_box_labels_left_alone_go_but_lines_starting_with_them_stay() -> None:
    subheading = "Quelle des Streits ist ein alter Vertrag"
    dated = "Datum der Abstimmung: 4. März"
    lines = ["Quelle", "Publiziert:", LEAD, subheading, P1, "Zuletzt aktualisiert", dated, P2]
    kept, dropped = clean([*lines, "Autorin"])
    assert kept == [LEAD, subheading, P1, dated, P2]
    assert rules_of(dropped) == {
        "Quelle": "meta:info-label",
        "Publiziert:": "meta:info-label",
        "Zuletzt aktualisiert": "meta:info-label",
        "Autorin": "meta:info-label",
    }


@pytest.mark.parametrize(
    ("label", "value", "rule"),
    [
        ("- Lesezeit", "- 2 Minuten", "meta:reading-time"),
        ("- Lesedauer:", "- ca. 5 Min.", "meta:reading-time"),
        ("- Rubrik:", "- Wolfsheim", "meta:kicker"),
        ("- Ressort", "- Lokales", "meta:kicker"),
    ],
)
def test_an_info_box_rows_value_under_its_label_goes_with_it(
    label: str, value: str, rule: str
) -> None:
    # A term list's rows, as trafilatura prints <dt> and <dd>: list items of their own.
    kept, dropped = clean(["- Quelle", "- Keystone-SDA", label, value, LEAD, P1])
    assert kept == [LEAD, P1]
    assert rules_of(dropped)[value.removeprefix("- ")] == rule


@pytest.mark.parametrize(
    "lines",
    [
        # no list items: a label word over a paragraph of the text
        ["Rubrik", "Lokales"],
        # a sentence, and a section too long to be one, under the label
        ["- Rubrik:", "- Die Stadt baut um."],
        ["- Kategorie", "- Bauen und Wohnen in der Region"],
        # a duration that is no reading time under another label
        ["- Datum", "- 2 Minuten"],
    ],
)
def test_a_line_under_an_info_label_stays_when_it_is_no_such_value(lines: list[str]) -> None:
    kept, _ = clean([LEAD, *lines, P1])
    assert lines[1].removeprefix("- ") in kept


@pytest.mark.parametrize("call", ["Jetzt helfen!", "So können Sie helfen"])
def test_the_call_over_a_donation_account_goes_with_it(call: str) -> None:
    account = "Spendenkonto: Hilfswerk Nord, IBAN DE44 1234 5678 9012 3456 78, Stichwort: Brunnen"
    kept, dropped = clean([LEAD, P1, call, account])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {call: "promo:donation", account: "promo:donation"}


def test_a_subheading_over_the_text_stays_before_a_sentence_naming_an_account() -> None:
    sentence = "Wer helfen will, überweist an IBAN DE44 1234 5678 9012 3456 78."
    kept, _ = clean([LEAD, "So können Sie helfen", sentence, P1])
    assert kept == [LEAD, "So können Sie helfen", sentence, P1]


def test_share_bar_goes() -> None:
    kept, dropped = clean([LEAD, "Facebook Twitter WhatsApp E-Mail", P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "chrome:share"


def test_short_labels_trailing_after_widgets_go_but_a_closing_list_stays() -> None:
    lines = [LEAD, P1, "- Baubeginn im März", "- Ende im Herbst", "Newsticker", "Politik", "Sport"]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1, "Baubeginn im März", "Ende im Herbst"]
    assert rules_of(dropped) == {
        "Newsticker": "chrome:ui-token",
        "Politik": "tail:furniture",
        "Sport": "tail:furniture",
    }


def test_foreign_script_ui_strings_go_but_a_quoted_word_stays() -> None:
    real = "Das russische Wort „Спасибо“ hörte man an diesem Abend oft, sagte die Dolmetscherin."
    lines = [LEAD, real, P1, "Заголовок открываемого материала"]
    for language in ("de", None):
        kept, dropped = clean(lines, language=language)
        assert kept == [LEAD, real, P1]
        assert dropped == [
            DroppedLine(text="Заголовок открываемого материала", rule="script:foreign")
        ]


# --- media furniture -------------------------------------------------------------------------


def test_photo_credit_glued_to_caption_is_split_and_dropped() -> None:
    lines = [
        "© NK / Max Weber / Zur BilddatenbankDer Marktplatz bei Nacht",
        "Der Marktplatz bei Nacht - NK, 1920, 13.01.2022",
        LEAD,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD]
    assert rules_of(dropped) == {
        "© NK / Max Weber / Zur Bilddatenbank": "credit:image",
        "Der Marktplatz bei Nacht": "credit:caption",
        "Der Marktplatz bei Nacht - NK, 1920, 13.01.2022": "credit:image-alt",
    }


def test_glued_credit_before_the_lead_keeps_the_lead() -> None:
    kept, dropped = clean([f"© NK / Max Weber / Zur Bilddatenbank{LEAD}", P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "credit:image"


def test_image_credits_go_but_sentences_about_photos_stay() -> None:
    real_photo = "Das Foto zeigt den Bürgermeister bei der Eröffnung des Radwegs."
    real_source = "Quelle: Statistisches Landesamt"
    lines = [
        "Quelle: Nordkurier © Anna Beispiel",
        LEAD,
        "Foto: Anna Beispiel/dpa",
        real_photo,
        "Bild: picture alliance / Max Weber",
        real_source,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, real_photo, real_source]
    assert {d.rule for d in dropped} == {"credit:image"}


def test_agency_credit_lines_go_but_a_dateline_stays() -> None:
    dateline = "Berlin (dpa) - Der Bundestag hat am Freitag ein neues Gesetz beschlossen."
    kept, dropped = clean([dateline, P1, "(dpa)", P2, "dpa/AFP"])
    assert kept == [dateline, P1, P2]
    assert [d.rule for d in dropped] == ["credit:agency", "credit:agency"]


# --- advertising and consent -----------------------------------------------------------------


def test_ad_labels_go_but_a_sentence_about_an_anzeige_stays() -> None:
    real = "Die Anzeige wurde am Montag bei der Polizei erstattet."
    kept, dropped = clean([LEAD, "Anzeige", real, "- Werbung -", P1])
    assert kept == [LEAD, real, P1]
    assert {d.rule for d in dropped} == {"ad:label"}


def test_consent_prompts_go_but_news_about_privacy_stays() -> None:
    real = "Das Gericht hielt die Datenschutzerklärung des Konzerns für unzureichend."
    lines = [
        LEAD,
        "Externer Inhalt",
        "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können "
        "personenbezogene Daten an Drittplattformen übermittelt werden.",
        real,
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, real]
    assert {d.rule for d in dropped} == {"consent:embed"}


# --- rules added with the held-out evaluation (tests/eval) ----------------------------------


def test_kicker_and_breadcrumb_above_the_headline_go() -> None:
    kept, dropped = clean(["Lokales", "Start › Politik", TITLE, LEAD, P1])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {
        "Lokales": "meta:kicker",
        "Start › Politik": "meta:kicker",
        TITLE: "title:repeated",
    }


@pytest.mark.parametrize(
    "trail",
    [
        ["- Startseite", "- Nachrichten", "- Panorama"],
        ["* Home", "* Region", "* Kreis Lindenau"],
        ["- Sport", "- Fußball regional"],
    ],
)
def test_a_breadcrumb_trail_of_list_items_above_the_headline_goes(trail: list[str]) -> None:
    kept, dropped = clean([*trail, TITLE, LEAD, P1])
    assert kept == [LEAD, P1]
    assert TITLE in {d.text for d in dropped}


@pytest.mark.parametrize(
    "points",
    [
        ["- Baubeginn im März", "- Kosten: 2,4 Millionen Euro"],
        ["- Der Rat stimmte mit großer Mehrheit zu", "- Anwohner hatten lange protestiert"],
        ["- Einziger Punkt"],
        ["- Anwohner protestieren.", "- Rat stimmt zu"],
    ],
)
def test_summary_points_above_the_headline_are_no_breadcrumb(points: list[str]) -> None:
    kept, _ = clean([*points, TITLE, LEAD, P1])
    assert kept[: len(points)] == [point[2:] for point in points]


def test_a_sentence_above_the_headline_is_no_kicker() -> None:
    kept, _ = clean([LEAD, TITLE, P1])
    assert kept == [LEAD, P1]


def test_a_short_first_line_without_the_headline_stays() -> None:
    kept, dropped = clean(["Das Wichtigste in Kürze", "- Baubeginn im März", P1])
    assert kept == ["Das Wichtigste in Kürze", "Baubeginn im März", P1]
    assert dropped == []


@pytest.mark.parametrize(
    "line",
    [
        "Montag, 03.06.2024 - 17:12 Uhr von Anna Beispiel",
        "Von Anna Beispiel, Lindhaven · 19.02.2025, 18.02 Uhr · aktualisiert am 20.02.2025",
        "Anna Beispiel | 23. September 2025, 14:05 Uhr",
        "Von Anna Beispiel und Ole Brandt",
        "Anna Beispiel, Korrespondentin in Lindhaven",
        "Von Anna Beispiel, EU-Korrespondentin, und Ole Brandt, Wirtschaftsredakteur",
        "Ole Brandt (Auslandsreporter) · 4. März 2026",
        "Von unserem Korrespondenten Ole Brandt, Lindhaven",
        "Von unserer Lokalreporterin Anna Beispiel | 4. März 2026",
        "Von unserem Redaktionsmitglied Ole Brandt · 4. März 2026",
        "Von unserer freien Mitarbeiterin Anna Beispiel, Lindhaven",
        # an agency's name of two words beside a place
        "Text: Ole Brandt, Lindhaven, mit Material von RIA Nowosti",
        "Anna Beispiel, Lindhaven, mit Material von Associated Press",
        # an academic title before the name, the writer's job at a company or body after it
        "Autor: Dipl.-Ing. Ole Brandt, Technischer Leiter bei der Lindhavener Kältetechnik GmbH",
        "Autorin: Dr. Anna Beispiel, Geschäftsführerin der Muster AG",
        "By Anna Beispiel, Senior Engineer at Acme Systems",
        # the body the writers work for in brackets after their names
        "Autoren: Dr. Anna Beispiel, Ole Brandt (Landesamt für Bodenschutz)",
        "Von Anna Beispiel (Universität Lindhaven)",
        "Autorin: Prof. Dr. Anna Beispiel (Fachhochschule Seetal) · 4. März 2026",
        "Text: Anna Beispiel (Kammer Nord) und Ole Brandt (Institut für Agrarökonomie)",
    ],
)
def test_bylines_with_dates_and_a_place_go(line: str) -> None:
    kept, dropped = clean([line, LEAD], authors=("Anna Beispiel", "Ole Brandt"))
    assert kept == [LEAD]
    assert dropped[0].rule == "meta:byline"


@pytest.mark.parametrize(
    "line",
    [
        "Anna Beispiel: Ja.",
        "Anna Beispiel leitet das Projekt seit März",
        "Von Anna Beispiel stammt auch der Entwurf für das neue Rathaus.",
        "Anna Beispiel, Korrespondentin in Lindhaven, kennt die Gegend seit Jahren",
        "Anna Beispiel traf den Korrespondenten in Lindhaven",
        "Unserem Korrespondenten Anna Beispiel erzählte der Bürgermeister von seinen Plänen",
        "Unserer Mitarbeiterin Anna Beispiel fiel der Schaden zuerst auf",
        "Anna Beispiel sprach mit RIA Nowosti über die Pläne",
        "Anna Beispiel, Leiterin der Grundschule, bleibt im Amt",
        "Ole Brandt lobte die Arbeit der Lindhavener Kältetechnik GmbH",
        "Anna Beispiel (Landesamt für Bodenschutz) hält die Werte für unbedenklich.",
        "Anna Beispiel (Landesamt für Bodenschutz) und die Gemeinde streiten über die Kosten",
        "Ole Brandt (SPD) lobte den Beschluss des Kreistags",
    ],
)
def test_lines_naming_the_author_in_a_sentence_stay(line: str) -> None:
    kept, _ = clean([LEAD, line], authors=("Anna Beispiel", "Ole Brandt"))
    assert kept == [LEAD, line]


@pytest.mark.parametrize(
    "closing",
    [
        ["Anna Beispiel", "Lindhaven, am 4. März 2026"],
        ["4. März 2026", "OLE BRANDT"],
        ["Jana von Stein", "Lindhaven · 04.03.2026"],
    ],
)
def test_a_name_alone_by_a_closing_dateline_goes_as_a_signature(closing: list[str]) -> None:
    kept, dropped = clean([LEAD, P1, *closing])
    assert kept == [LEAD, P1]
    assert "meta:byline" in {d.rule for d in dropped}
    name = next(line for line in closing if not line[0].isdigit() and "," not in line)
    # more text after it leaves the name, and so does a heading's colon over it
    assert name in clean([LEAD, P1, *closing, P2])[0]
    assert name in clean([LEAD, P1, "Die neue Vorsitzende:", *closing])[0]


@pytest.mark.parametrize(
    "note",
    [
        "*Anna Beispiel ist Sprecherin der Bürgerinitiative Am Mühlbach.",
        "* Anna Beispiel lebt als freie Journalistin in Lindhaven",
        "Die Autorin Anna Beispiel, 41, leitet das Stadtarchiv.",
        "Zur Autorin: Anna Beispiel unterrichtet Geschichte an der Volkshochschule.",
    ],
)
def test_a_note_on_the_author_closing_the_text_goes(note: str) -> None:
    kept, dropped = clean([LEAD, P1, note], authors=("Anna Beispiel",))
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["meta:byline"]
    # before the end it is text, and so is a note on someone else or a sentence she says
    assert clean([LEAD, note, P1], authors=("Anna Beispiel",))[0] == [LEAD, note, P1]
    assert clean([LEAD, P1, note], authors=("Ole Brandt",))[0] == [LEAD, P1, note]
    said = "*Anna Beispiel sagte, das Archiv ziehe um."
    assert clean([LEAD, P1, said], authors=("Anna Beispiel",))[0] == [LEAD, P1, said]


def test_date_prefix_label_after_a_promo_line_goes() -> None:
    promo = "Genug von langweiligen Nachrichten? 🙄📰 Bei uns gibt’s mehr – jeden Tag! 🔥💬"
    kept, dropped = clean([promo, f"date 2025-11-18 {LEAD}", P1])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {
        promo: "promo:call-to-action",
        "date 2025-11-18": "meta:date-prefix",
    }


def test_a_date_inside_a_later_paragraph_is_no_prefix() -> None:
    line = "2025-11-18 war der Stichtag für alle Anträge, sagte die Sprecherin."
    kept, _ = clean([LEAD, line])
    assert kept == [LEAD, line]


@pytest.mark.parametrize(
    "caption",
    [
        "Das Heizkraftwerk soll bis 2030 umgebaut werden. Foto: Jana Vogt",
        "Hagelkörner bedeckten am Abend Wiesen und Straßen. Bildquelle: Leserfoto",
        "Eine Rangierlok im Hafen. Foto: picture alliance / dpa | Lars Kettler",
        "Bäume stürzten um, hier auf die Landstraße bei Derenrode. Bildrechte: ESR/Tom Kastner",
        "Das Studio am Abend der Wahl. Bildrechte: Landesfunk Mitte",
        # the credit in brackets, after a phrase with a date's periods
        "Besucher am 18. Juli 2026 an den Lotusfeldern am See. (Foto: Xinhua/Zhao Mingxuan)",
        "Der Festzug am 3. Oktober (Bild: Stadtarchiv)",
        "Das Rathaus im Mai 2009 (Foto: Archiv)",
        # the picture's position marks in brackets, with their periods
        "Die Zwillinge Lan (l.) und Xi im Tierpark, 14. August 2025 (Foto: Xinhua/Wang Ruoxi)",
        "Bürgermeisterin Anna Roth (M.) mit den Preisträgern (Foto: Stadt Auheim)",
        "Der neue Vorstand (v. l.) Jan Ott, Eva Mai und Tom Berg (Bild: Verein)",
    ],
)
def test_caption_with_its_credit_goes(caption: str) -> None:
    kept, dropped = clean([LEAD, caption, P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "credit:caption"


@pytest.mark.parametrize(
    "line",
    [
        # a sentence of the text naming the rights to a picture, or closing with a period
        "Die Bildrechte liegen beim Stadtarchiv, sagte die Sprecherin am 18. Juli.",
        "Der Festzug kam am 3. Oktober. Dann begann es zu regnen (Foto: Archiv).",
        "Die Stadt zeigte am 3. Oktober Bilder. Dann sprach der Bürgermeister. (Foto: Archiv)",
        # a bracketed letter closing a sentence of the text is no position mark
        "Er nannte es Plan (B). Dann zeigte er Bilder vom Umbau (Foto: Archiv)",
        "Die Ecke (l.) blieb leer. Dann zeigte er Bilder vom Umbau (Foto: Archiv)",
    ],
)
def test_a_sentence_naming_rights_or_a_bracketed_photo_in_the_text_stays(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


def test_source_line_under_a_paragraph_is_text() -> None:
    line = "Die Quote stieg auf 6,1 Prozent. Quelle: Bundesagentur für Arbeit"
    kept, _ = clean([LEAD, line])
    assert kept == [LEAD, line]


@pytest.mark.parametrize(
    "line",
    [
        "Drucken | Artikel empfehlen | Leserbrief schreiben",
        "Impressum · Datenschutz · Kontakt",
        "Drucken | Weiterempfehlen",
        "Artikel weiterleiten • Seite weiterempfehlen",
        "Bild 3 von 12",
        "Share this:",
        "Loading...",
    ],
)
def test_tool_bars_counters_and_widget_labels_go(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "chrome:ui-token"


def test_a_subheading_named_like_a_footer_link_stays() -> None:
    kept, _ = clean([LEAD, "Datenschutz", P1])
    assert kept == [LEAD, "Datenschutz", P1]


@pytest.mark.parametrize(
    "line",
    [
        "Sie haben bereits ein Konto? Jetzt anmelden",
        "Bereits registriert? Hier anmelden",
        "Schon Kunde? Einloggen",
    ],
)
def test_login_prompts_go(line: str) -> None:
    kept, dropped = clean([LEAD, line, P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "chrome:login"


def test_a_sentence_about_signing_up_for_an_event_stays() -> None:
    line = "Wer mitdiskutieren möchte, kann sich bis Freitag für die Bürgerwerkstatt anmelden."
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    "line",
    [
        "Um dieses Video anzusehen, müssen Sie der Nutzung externer Inhalte zustimmen.",
        "Zustimmen und Video laden",
        "Mit dem Laden des Videos akzeptieren Sie die Datenschutzerklärung von YouTube.",
        "Zum Anzeigen dieses Inhalts von Instagram bitte auf „Akzeptieren“ klicken.",
        "Um zu kommentieren, melden Sie sich bitte an.",
    ],
)
def test_more_consent_and_comment_prompts_go(line: str) -> None:
    kept, dropped = clean([LEAD, line, P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule in ("consent:embed", "widget:comments")


def test_video_title_and_player_furniture_go() -> None:
    lines = [LEAD, "Die Fähre auf Jungfernfahrt", "Verfügbar bis 08.03.2027", P1, "Dauer: 2:31 Min"]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1]
    assert {d.rule for d in dropped} == {"media:player"}


def test_a_subheading_before_a_paragraph_is_no_video_title() -> None:
    kept, _ = clean([LEAD, "Fahrplan bleibt gleich", P1])
    assert kept == [LEAD, "Fahrplan bleibt gleich", P1]


def test_emoji_promo_speaking_of_itself_goes_even_without_a_call_to_action() -> None:
    promo = "Genug von den immer gleichen Schlagzeilen? 🙄📰 Bei uns gibt’s mehr – täglich! 🔥💬"
    kept, dropped = clean([LEAD, P1, P2, promo, P3])
    assert kept == [LEAD, P1, P2, P3]
    assert dropped[0].text == promo


def test_quoted_post_with_emoji_stays() -> None:
    line = "Die Ministerin schrieb auf X: „Wir schaffen das? 💪🎉🚀“ Kritiker reagierten empört."
    kept, _ = clean([LEAD, P1, line, P2])
    assert line in kept


# --- per-site rules --------------------------------------------------------------------------


def test_site_drop_and_cut_patterns() -> None:
    rules = CleaningRules(
        drop_line_patterns=(r"^Exklusiv bei NK",),
        cut_after_patterns=(r"^Unsere Empfehlungen$",),
    )
    lines = [LEAD, "Exklusiv bei NK: das Interview", P1, "Unsere Empfehlungen", P2, P3]
    kept, dropped = clean(lines, rules=rules)
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {
        "Exklusiv bei NK: das Interview": "site:^Exklusiv bei NK",
        "Unsere Empfehlungen": "site-cut:^Unsere Empfehlungen$",
        P2: "site-cut:^Unsere Empfehlungen$",
        P3: "site-cut:^Unsere Empfehlungen$",
    }


# --- the report ------------------------------------------------------------------------------


def test_every_drop_names_a_known_rule_in_text_order() -> None:
    lines = [
        "Registrierung erfolgreich abgeschlossen!",
        f" date 2026-11-20 {TITLE}",
        "👉Beitreten zu Telegramm",
        "© NK / Zur Bilddatenbank",
        LEAD,
        "Anzeige",
        P1,
        "Externer Inhalt",
        "Заголовок открываемого материала",
        P2,
        "Mehr zum Thema – Neue Parkgebühren sorgen für Ärger",
        "Newsticker",
        "0",
    ]
    kept, dropped = clean(lines)
    assert kept == [LEAD, P1, P2]
    assert all(d.rule in ALL_RULES for d in dropped)
    texts = [d.text for d in dropped]
    assert texts.index("Registrierung erfolgreich abgeschlossen!") < texts.index("Anzeige")
    assert texts.index("Anzeige") < texts.index("Newsticker")


@pytest.mark.parametrize("line", ["", "   ", "\n\n"])
def test_blank_input(line: str) -> None:
    assert clean([line]) == ([], [])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # the editors distancing themselves from an opinion
        (
            "Gastbeiträge spiegeln nicht zwangsläufig die Haltung der Redaktion wider.",
            "meta:disclaimer",
        ),
        ("Der Text gibt allein die Ansicht der Verfasserin wieder.", "meta:disclaimer"),
        (
            "Die Meinung der Autorin muss nicht mit jener der Redaktion übereinstimmen.",
            "meta:disclaimer",
        ),
        (
            "Die Ansichten des Gastautors decken sich nicht zwingend mit denen des Verlags.",
            "meta:disclaimer",
        ),
        # a syndicated text's notice and the paper it comes from
        (
            "Der Artikel wird mit freundlicher Genehmigung des Inselboten bereitgestellt.",
            "meta:partner",
        ),
        ("Für die Inhalte ist allein der jeweilige Anbieter verantwortlich.", "meta:partner"),
        ("Quelle: Heidewald-Anzeiger, 3. Mai 2025", "meta:print-note"),
        # a pointer to the site's dossier
        (
            "Alle Beiträge zur Bürgermeisterwahl lesen Sie auf unserer Themenseite.",
            "teaser:more-topics",
        ),
        # who held the interview
        ("Die Fragen stellte Ruth Kestner", "meta:byline"),
        ("Interview: Till Ammann und Jonas Breuer", "meta:byline"),
        # inviting readers' letters
        (
            "Was meinen Sie? Schreiben Sie der Redaktion – Leserbriefe bitte mit vollem Namen.",
            "promo:feedback",
        ),
        # a live blog's closing notice
        ("Der Newsticker wird nicht mehr aktualisiert.", "chrome:ui-token"),
        ("Danke fürs Mitlesen!", "chrome:ui-token"),
        # a video's title with its duration, a broadcast pointer
        ("Audio: Der Bürgermeister im Gespräch (12:05)", "media:player"),
        (
            "Die ganze Reportage sehen Sie am Sonntag um 19:30 Uhr im Regionalmagazin.",
            "meta:broadcast",
        ),
        (
            "Mehr über das Thema im Radio-Journal am 4. Mai 2025 ab 18 Uhr.",
            "meta:broadcast",
        ),
        # an embed shown once the reader agrees
        (
            "Ein Video von YouTube wird geladen, wenn du externen Inhalten zustimmst.",
            "consent:embed",
        ),
        ("Nur nach Zustimmung: externe Medien akzeptieren", "consent:embed"),
        # an agency credit in brackets
        ("(Mit Material von Reuters)", "credit:agency"),
        # who paid for the reporting, a reactions question, a trial offer
        (
            "Offenlegung: Die Reise nach Madeira wurde vom Fremdenverkehrsamt bezahlt.",
            "meta:disclaimer",
        ),
        ("Was sagen Sie dazu?", "promo:feedback"),
        ("Die ersten drei Monate für je 1 Euro lesen, danach 12,90 € im Monat.", "promo:paywall"),
        # pointers to a topic page and to a programme, in the reader's own form of address
        (
            "Mehr zum Thema Energie lesen Sie in unserem Klimaschwerpunkt.",
            "teaser:more-topics",
        ),
        ("Alles zum Thema hört ihr morgen um 7 Uhr im Morgenradio.", "meta:broadcast"),
        # a programme note of bar-parted items and its label left alone
        ("Landeswelle Radio | Mittagsecho | 4.5.2026 | 12:10 Uhr", "meta:broadcast"),
        ("Nordkanal · Hafenjournal · 17.02.2026, 18.00 Uhr", "meta:broadcast"),
        ("Das Thema im Fernsehen:", "meta:broadcast"),
        # a press portal's distribution line and its label over the sender's other releases
        (
            "Originaltext von: Stadtwerke Lindau, verbreitet durch Presseportal Süd",
            "meta:partner",
        ),
        ("Mehr Mitteilungen: Landratsamt Hollerbach", "teaser:more-topics"),
        # a newsletter by e-mail
        ("Erhalten Sie alle Warnmeldungen kostenlos per E-Mail.", "promo:call-to-action"),
        # closing signatures, a source line naming a site, an agency after "mit"
        ("(dpa, mue, 12.03.2025)", "meta:byline"),
        ("kb/mue", "meta:byline"),
        ("(jwi)", "meta:byline"),
        ("Quelle: Kreisblatt Online", "meta:partner"),
        ("mit AFP", "credit:agency"),
        # a takeover note, a date with its update time, a view counter
        (
            "Dieser Text erschien zuerst auf Heideportal.de. Wir veröffentlichen ihn mit Dank.",
            "meta:partner",
        ),
        ("03.02.2025 08:15 (aktualisiert: 09:40)", "meta:timestamp"),
        ("12.408", "chrome:ui-token"),
        # the labels of paid texts and native ads
        ("Publireportage", "ad:label"),
        ("– Entgeltliche Einschaltung –", "ad:label"),
        ("Gesponserter Beitrag", "ad:label"),
        # an update time as an info line's item after the date
        ("14.05.2025 – 07:12 Uhr · aktualisiert 09:03 Uhr", "meta:timestamp"),
        ("2. März 2025, 18:30 Uhr | Update: 21.15 Uhr", "meta:timestamp"),
        ("05.06.2025 · zuletzt geändert um 10:45", "meta:date-only"),
        # a note on the method and data of the text
        (
            "Zur Methode: Befragt wurden 1020 Wahlberechtigte zwischen dem 2. und 6. Mai.",
            "meta:citation",
        ),
        ("Datengrundlage: Statistisches Landesamt, Stand Juni 2025.", "meta:citation"),
        (
            "Über die Daten: Wir haben alle Haushaltspläne der Landkreise ausgewertet.",
            "meta:citation",
        ),
        # the item's own broadcast, its audio version
        (
            "Dieser Beitrag wurde am 4. Mai 2025 in der Sendung „Land und Leute“ ausgestrahlt.",
            "meta:broadcast",
        ),
        ("Die Meldung ist am 12.02.2025 um 7 Uhr im Frühprogramm gelaufen.", "meta:broadcast"),
        ("Beitrag hören · 2:14 Min.", "media:player"),
        ("Artikel vorlesen lassen (3:05)", "media:player"),
        # a pointer to the live ticker the report was made from
        ("Das Spiel im Ticker zum Nachlesen", "teaser:weiterlesen"),
        ("Hier geht's zum Liveblog", "teaser:weiterlesen"),
        # a disclaimer of an investment news item
        (
            "Wichtiger Hinweis: Diese Analyse stellt keine Kaufempfehlung dar und ersetzt keine"
            " Beratung.",
            "meta:disclaimer",
        ),
        # a dateline whose section carries its own label, with a comment count
        ("3. Dezember 2026 | Kategorie: Welt | 0 Kommentare", "meta:date-only"),
        ("14.05.2026 · Rubrik: Lokales", "meta:date-only"),
        ("Erstellt am 01.12.2026 | Ressort: Wirtschaft & Finanzen", "meta:date-only"),
        ("2. März 2026 | Veröffentlicht in Allgemein | 3 Kommentare", "meta:date-only"),
        # a mirror's takeover line naming the medium the text comes from
        ("Übernommen von: RTX DE", "meta:partner"),
        ("Übernommen aus dem Kreisanzeiger", "meta:partner"),
        ("Nachdruck von heideportal.de", "meta:partner"),
        # a sources line under the text, crediting an agency when it names one
        ("Verwendete Quellen: Angaben des Vergleichsportals, eigene Recherche", "meta:citation"),
        ("Quellenangaben: Stadtarchiv Lindhaven; Gespräche mit Anwohnern", "meta:citation"),
        ("Genutzte Quellen: Bericht der Bundesnetzagentur, Reuters", "credit:agency"),
        # a paywall's offer and trial call after the full text
        ("Unbegrenzt lesen für 9,90 Euro pro Monat, monatlich kündbar", "promo:paywall"),
        ("Sämtliche Inhalte des Seeboten – drei Monate für 1 Euro", "promo:paywall"),
        ("Alle Texte im Web und im E-Paper – monatlich kündbar.", "promo:paywall"),
        ("Sämtliche Plus-Artikel für nur 4,99 € im Monat", "promo:paywall"),
        ("Einen Monat kostenlos lesen", "promo:paywall"),
        ("Jetzt 30 Tage unverbindlich testen", "promo:paywall"),
        # a trial call after the name of the site's paid product
        ("SEEBLICK+ einen Monat gratis testen", "promo:paywall"),
        ("Mit LZ Plus 30 Tage kostenlos lesen", "promo:paywall"),
        # ... with its price after the call
        ("4 Wochen digital lesen für nur 0,99 €", "promo:paywall"),
        ("Drei Monate online lesen ab 1 Euro", "promo:paywall"),
        ("Digital Premium jetzt 4 Wochen kostenlos testen", "promo:paywall"),
        # a paper's offer of free issues closing a short pitch
        (
            "Das Stadtjournal jeden Samstag frei Haus – jetzt vier Ausgaben kostenlos testen!",
            "promo:subscription",
        ),
        ("Unser Monatsheft im Briefkasten: zwei Hefte gratis erhalten", "promo:subscription"),
        # a note that the article is free to read, alone or with a call to subscribe or support
        (
            "Sie lesen einen kostenlosen Artikel. Unterstützen Sie Lokaljournalismus mit einem"
            " Abo.",
            "promo:paywall",
        ),
        ("Du liest gerade einen frei zugänglichen Text.", "promo:paywall"),
        (
            "Sie lesen diesen MF+-Artikel kostenlos, weil ihn eine Abonnentin mit Ihnen geteilt"
            " hat.",
            "promo:paywall",
        ),
        (
            "Du liest den Plus-Text gratis, da ihn ein Abonnent mit dir geteilt hat.",
            "promo:paywall",
        ),
        (
            "Dieser Beitrag ist für Sie kostenlos – mit einem Abonnement sichern Sie unsere"
            " Arbeit.",
            "promo:paywall",
        ),
        ("Unterstützen Sie unabhängigen Regionaljournalismus!", "promo:subscription"),
        # a pointer to the print issue for the text or the rest of it
        (
            "Den vollständigen Bericht mit allen Messwerten lesen Sie in der Printausgabe.",
            "meta:print-note",
        ),
        ("Mehr dazu finden Sie im aktuellen Heft 11/2025.", "meta:print-note"),
        ("Die ganze Reportage liest du in der Wochenendausgabe vom 8. März.", "meta:print-note"),
        ("Das Interview lesen Sie in der neuen Ausgabe des Seetal-Magazins", "meta:print-note"),
        # a match report's score box and scorers line, a gallery link
        ("FC Lindhaven – SV Ostbühl 2:1 (1:0)", "widget:stats-box"),
        ("1. FC Seestadt 3:0 TuS Hollerbach", "widget:stats-box"),
        (
            "Torschützen: 1:0 Brandt (12.), 1:1 Okafor (34.), 2:1 Brandt (88.)",
            "widget:stats-box",
        ),
        ("Punkte Lindhaven: Kramer 21, Ekwueme 14, Sørensen 9", "widget:stats-box"),
        # the goals with the game clock and the kind of goal, or a minute in stoppage time
        (
            "Tore: 0:1 Lindqvist (04:12), 1:1 Osei (17:55/PP2), 2:1 Kramer (58:40/EN)",
            "widget:stats-box",
        ),
        (
            "Treffer: 1:0 Brandt (12./FE), 1:1 Okafor (45.+2), 2:1 Roth (90.+4)",
            "widget:stats-box",
        ),
        # a dateline: a place and a date alone
        ("Lindhaven-Süd, 7. März 2026", "meta:date-only"),
        ("Bad Oberau, 12.03.2026", "meta:date-only"),
        ("St. Margarethen, 02.11.2025, 09:30 Uhr", "meta:timestamp"),
        ("Neustadt am Rübenberg, Freitag, 3. Juli 2026", "meta:date-only"),
        # a credit naming an office or a desk, no person
        ("Text: Pressestelle TSV Grünmark", "meta:byline"),
        ("Von der Medienabteilung des Landkreises Seenland", "meta:byline"),
        ("Bericht: Presseteam Lindhaven Lions", "meta:byline"),
        # or an authority, or an association under its republished release
        ("Quelle: Polizeidirektion Auenstadt", "meta:byline"),
        ("Text: Bezirksamt Lindhaven-Nord", "meta:byline"),
        ("Quelle: Kreisverwaltung Seenland", "meta:byline"),
        ("Pressemitteilung Turnverein Hainfeld", "meta:byline"),
        ("Presseinformation: Wasserzweckverband Oberau", "meta:byline"),
        # a council or a committee
        ("Text: Kirchengemeinderat St. Anna", "meta:byline"),
        ("Bericht: Festausschuss Oberau", "meta:byline"),
        # the editor in charge, a name alone after the role
        ("Redakteur: Jonas Okafor", "meta:byline"),
        ("Verantwortliche Redakteurin: Lea Brandt", "meta:byline"),
        ("Redakteurin：Mei Lan", "meta:byline"),  # a full-width colon
        ("Pressemeldung", "meta:info-label"),
        # the two teams' top scorers apart by a dash or a slash, and the statistics link
        ("Topscorer: Ekwueme 19, Kramer 12 / Lindqvist 22, Osei 10", "widget:stats-box"),
        ("Beste Werferinnen: Hahn 18, Özdemir 11 – Brandt 20, Roth 9", "widget:stats-box"),
        ("Beste Schützen: Neuhäuser 8, Lüdeke 6 | Fromm 7, Çelik 5", "widget:stats-box"),
        ("Zur Spielstatistik", "teaser:weiterlesen"),
        # the score with each period's, the goals with the minute first and the score after it
        ("SC Lindau – EV Seetal 3:2 (1:1, 0:1, 2:0)", "widget:stats-box"),
        ("HC Rotbach 5:4 (2:1; 1:2; 1:1; 1:0) EHC Haldenau", "widget:stats-box"),
        (
            "Tore: 7. Huber (Meier, Kunz) 0:1. 22. Steiner 1:1. 48. Baumann (Roth) 2:1.",
            "widget:stats-box",
        ),
        ("Torschützen: 3. Keller 1:0, 41. Brunner 1:1, 90.+2 Keller 2:1", "widget:stats-box"),
        # a video's programme line: the programme and the day it ran
        ("Tagesschau vom 16.10.2025", "meta:broadcast"),
        ("Aus der Sendung Hallo Nordland vom 3. Mai 2025, 19:30 Uhr", "meta:broadcast"),
        ("Seetal aktuell vom Donnerstag, 16.10.2025", "meta:broadcast"),
        # a press release's number line, a pointer to more information, a back link
        ("Pressemitteilung Nr. 214/2026 vom 30. November 2026", "meta:release"),
        ("Medieninformation 45/2026 · 03.12.2026", "meta:release"),
        ("PM Nr. 17", "meta:release"),
        # a wire item's end marker alone on its line
        ("Ende der Meldung", "meta:end-marker"),
        ("– Ende –", "meta:end-marker"),
        ("(Ende)", "meta:end-marker"),
        ("*** ENDE ***", "meta:end-marker"),
        ("Ende der Pressemitteilung.", "meta:end-marker"),
        ("Weitere Informationen: Zum Institut für Bodenkunde", "teaser:weiterlesen"),
        ("Mehr Infos zum Projekt: www.moorschutz-beispiel.de", "teaser:weiterlesen"),
        ("Zurück zur Übersicht", "chrome:ui-token"),
        ("« Zurück zum Pressearchiv", "chrome:ui-token"),
        ("Zurück zu allen Meldungen", "chrome:ui-token"),
        ("Zur Übersicht aller Veranstaltungen", "chrome:ui-token"),
        ("« Zurück zur Liste der Medieninformationen", "chrome:ui-token"),
        ("Zum Archiv unserer Vereinsnachrichten", "chrome:ui-token"),
        ("Hier geht's zum Matchcenter", "teaser:weiterlesen"),
        ("Alle Statistiken zum Spiel »", "teaser:weiterlesen"),
        ("Hier zur Fotostrecke", "chrome:ui-token"),
        ("Bildergalerie: 12 Bilder", "chrome:ui-token"),
        ("Alle 18 Fotos ansehen", "chrome:ui-token"),
        # an audio or video item's info line
        ("Video | 1:45 Min. | 12.05.2026", "media:player"),
        # a pointer to a download on the page, a donation account
        ("Das Programmheft steht hier zum Download bereit.", "promo:call-to-action"),
        ("Hier können Sie den Gemeindebrief als PDF herunterladen.", "promo:call-to-action"),
        (
            "Spendenkonto: Sparkasse Seenland, IBAN DE44 1234 5678 9012 3456 78, BIC SOLADES1SEE",
            "promo:donation",
        ),
        (
            "Förderverein Heimatmuseum, IBAN DE44 1234 5678 9012 3456 78, Verwendungszweck: Dach",
            "promo:donation",
        ),
        # the site's own call for money by the amount it takes
        ("Schon mit 5 Euro im Monat helfen Sie uns, den Wald zu schützen.", "promo:donation"),
        ("Ab 3 € monatlich unterstützt du unsere Arbeit.", "promo:donation"),
        ("Bereits 10 Euro helfen uns, weitere Bäume zu pflanzen.", "promo:donation"),
        # where readers' letters go: a label and an e-mail address alone
        ("Leserbriefe bitte an: post@kreisblatt.example", "promo:feedback"),
        ("Ihre Meinung per E-Mail an meinung@seeblick.example", "promo:feedback"),
        ("Zuschriften: briefe@talbote.example", "promo:feedback"),
        # the site's own handle on a network, closing a line that says where to find it
        ("Sie finden uns auf Telegram unter @ostfunk_aktuell", "promo:telegram"),
        ("Wir sind auch bei Instagram: @kreisblatt.lindau", "promo:call-to-action"),
        # a share bar under its label
        ("Artikel teilen: WhatsApp | X | E-Mail", "chrome:share"),
        ("Jetzt teilen auf Facebook und Bluesky", "chrome:share"),
        # an investment or information disclaimer
        ("Hinweis: Keine Kaufempfehlung.", "meta:disclaimer"),
        ("Dieser Beitrag dient ausschließlich zu Informationszwecken.", "meta:disclaimer"),
        # a reader-reporter prompt: pictures by a messenger or e-mail
        ("Warst du dabei? Sende uns deine Bilder per Telegram.", "promo:feedback"),
        (
            "Sie haben das Unwetter fotografiert? Schicken Sie uns Ihre Aufnahmen an"
            " leserfotos@seeblick.example",
            "promo:feedback",
        ),
        # a pointer to the whole or original article at a partner
        ("Den ganzen Beitrag lesen Sie bei Heidewald-Anzeiger.", "meta:partner"),
        ("Zum Originalartikel auf kreisblatt-online.de", "meta:partner"),
        ("Originalbeitrag beim Seeboten lesen", "meta:partner"),
        # a print-edition note in the present tense
        (
            "Dieses Interview erscheint auch in der gedruckten Ausgabe vom 4. Mai 2026.",
            "meta:print-note",
        ),
        # a pointer to the programme with its time and nothing else
        ("Mehr darüber am Montag ab 19 Uhr in „Land und Leute“", "meta:broadcast"),
        ("Alles dazu heute Abend um 19.30 Uhr live im Regionalfernsehen.", "meta:broadcast"),
        # a dateline with a relative day
        ("Aktualisiert: gestern, 18.05 Uhr", "meta:timestamp"),
        ("Erstellt vor 3 Stunden", "meta:timestamp"),
        # an agency credit closing with a period
        ("Mit Material von dpa und AFP.", "credit:agency"),
        ("Mit Material der Nachrichtenagentur epd.", "credit:agency"),
        ("Unter Verwendung von Material von Reuters", "credit:agency"),
        ("Unter Verwendung von Informationen der Nachrichtenagentur AFP.", "credit:agency"),
        # an interview's closing credit naming the interviewer, a reporter's sentence for a byline
        ("Mit Ole Brandt sprach Marlene Vogt.", "meta:byline"),
        ("Mit der Bürgermeisterin Ina Sommer sprachen Kai Lenz und Ruth Ebert", "meta:byline"),
        ("Aus dem Landtag berichtet Ferdinand Hoyer.", "meta:byline"),
        ("Vom Gipfel in Brüssel berichten Lina Haas und Jon Ekberg", "meta:byline"),
        # a call for the reader's opinion
        ("Wie sehen Sie das? Sagen Sie uns Ihre Meinung!", "promo:feedback"),
        ("Teilen Sie uns Ihre Meinung in den Kommentaren mit.", "promo:feedback"),
        # a related-article label glued to its headline with no space, as a label element
        # and a link are joined
        ("Auch interessantSchöffen gesucht: Stadt wirbt um Bewerber", "teaser:auch-interessant"),
        ("Lesen Sie auchHallenbad bleibt bis zum Sommer geschlossen", "teaser:lesen-sie-auch"),
        ("Das könnte Sie interessieren„Wir bauen“: Werft hat Auftrag", "teaser:lesen-sie-auch"),
        # an aggregator's link to the source of the item
        ("Quelle öffnen", "meta:partner"),
        ("Zum Original", "meta:partner"),
        ("Zur Quelle »", "meta:partner"),
        ("Originalquelle anzeigen", "meta:partner"),
        # what the site's subscribers or members get in their own area
        ("Die komplette Auswertung erhalten Abonnenten im Download-Bereich.", "promo:paywall"),
        ("Mitglieder finden die Präsentation zum Vortrag im Mitgliederbereich.", "promo:paywall"),
        (
            "Die Checkliste steht unseren Abonnentinnen und Abonnenten im Downloadbereich bereit.",
            "promo:paywall",
        ),
        ("Im Login-Bereich finden registrierte Nutzer alle Tabellen zum Heft.", "promo:paywall"),
        # a label for putting the post online over its date
        ("Eingestellt am 14.05.2026", "meta:date-only"),
        ("Online gestellt am 3. März 2026, 09:12 Uhr", "meta:timestamp"),
        ("Hochgeladen: 02.11.2025", "meta:date-only"),
        # a wire item's dateline with the place in capitals
        ("WIEN, 3. März 2026, 08:15", "meta:timestamp"),
        ("NEW YORK · 12.03.2026", "meta:date-only"),
        ("BAD OBERAU, 4. Juli 2025", "meta:date-only"),
        # an info line's stamps, the first without its label, perhaps after the agency's code
        ("03.02.2025 11:20 Aktualisiert: 03.02.2025 12:02", "meta:timestamp"),
        ("AA 03.02.2025 11:20 Aktualisiert: 03.02.2025 12:02", "meta:timestamp"),
        ("epd, 7. Mai 2026, 09:10 Uhr · Geändert am 7. Mai 2026", "meta:timestamp"),
        # a bare call to write to the editors, after a question to the reader at most
        ("Sind Sie anderer Ansicht? Schreiben Sie uns!", "promo:feedback"),
        ("Was halten Sie von den Plänen? Schreib uns.", "promo:feedback"),
        ("Schreiben Sie uns gerne.", "promo:feedback"),
        # an agency's or company's note that it supplies the page's content
        (
            "Alle Meldungen dieser Rubrik werden von der Agentur Nordnews zur Verfügung gestellt.",
            "meta:partner",
        ),
        ("Die Inhalte des Newstickers werden automatisch von der AFP geliefert.", "meta:partner"),
        ("Die Texte werden von der Mediendienst Süd GmbH bereitgestellt", "meta:partner"),
        # a comment counter with its call
        ("3 Kommentare · Jetzt mitreden", "widget:comments"),
        ("Kommentare (12) | Diskutieren Sie mit", "widget:comments"),
        # a comments section's heading naming the piece
        ("Diskussion über diesen Beitrag", "widget:comments"),
        ("Leserkommentare zum Artikel", "widget:comments"),
        # a newsletter pitch
        (
            "Mehr Nachrichten aus dem Kreis erhalten Sie jeden Abend im Newsletter.",
            "promo:newsletter",
        ),
        ("Die wichtigsten Meldungen aus der Region täglich per Newsletter", "promo:newsletter"),
        # a match line: the competition, the round and the kick-off before teams and result
        (
            "Kreisliga Süd, 10. Spieltag, So, 19.10.2025, 15:00 Uhr: SV Unterau – TSV Brunnholz"
            " 1:2 (0:1)",
            "widget:stats-box",
        ),
        ("Bezirkspokal, 2. Runde: FC Au – SV Ried 0:3", "widget:stats-box"),
        ("Landesliga Nord, 5. Spieltag: TSV Au - FC Ried 2:2 (1:1)", "widget:stats-box"),
        # a wire item's editors' codes
        ("/mpf/stw/he", "meta:end-marker"),
        ("/ck/jha/", "meta:end-marker"),
        # a series list's label
        ("Bisher erschienen in der Serie:", "teaser:more-topics"),
        ("Bereits in dieser Reihe erschienen:", "teaser:more-topics"),
        # the site's imprint line in its footer
        (
            "Hollerbacher Anzeiger · Verlag Georg Prechtl KG · Marktstraße 3 · Hollerbach",
            "chrome:ui-token",
        ),
        (
            "HTF Haustechnik Fachblatt · Fachverlag Obermayr GmbH · Impressum · Datenschutz",
            "chrome:ui-token",
        ),
        (
            "Gemeinde Oberaltheim · Rathausplatz 1 · 88489 Oberaltheim · Tel. 07352 9310-0",
            "chrome:ui-token",
        ),
        # the court decision the report is about, by its file number
        ("Urteil 1C_412/2025 vom 6. Mai 2026.", "meta:citation"),
        ("BGH, Urteil vom 5. Mai 2026 – VI ZR 112/24", "meta:citation"),
        (
            "Beschluss des Verwaltungsgerichts Minden vom 3. März 2026, Az. 4 L 12/26",
            "meta:citation",
        ),
        # a radio station's box on how to tune in: its call and its schedule
        ("Hören Sie uns", "promo:call-to-action"),
        ("So empfangen Sie uns:", "promo:call-to-action"),
        ("Hört uns auch im Livestream!", "promo:call-to-action"),
        (
            "Sendungen auf Deutsch werktags 18:30 Uhr und 21 Uhr über Satellit und UKW",
            "promo:call-to-action",
        ),
        ("Programm täglich ab 20 Uhr im Webradio", "promo:call-to-action"),
    ],
)
def test_notices_pointers_and_prompts_go_by_their_class(line: str, rule: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line, P3])
    assert kept == [LEAD, P1, P2, P3]
    assert [d.rule for d in dropped] == [rule]


@pytest.mark.parametrize(
    "line",
    [
        "Der Landrat sagte, die Meinung der Autoren der Studie sei ihm bekannt.",
        "Der Beitrag für die Kita wurde vom Landkreis übernommen.",
        "Weitere Artikel der Verfassung regeln das Wahlrecht der Länder.",
        "Das Gespräch mit dem Investor dauerte drei Stunden.",
        "Die Bürger schreiben an den Landrat, weil die Buslinie wegfällt.",
        "Der Ticker an der Börse zeigte am Morgen ein Plus von zwei Prozent.",
        "Um 18.30 Uhr sehen Sie die Feuerwehr am Marktplatz üben, kündigte die Stadt an.",
        "Die Messe wird eröffnet, sobald die Behörden zustimmen.",
        "Wie findest du das, fragte die Lehrerin die Klasse, und alle schwiegen.",
        "Über den Wolken ist die Luft dünn, sagen die Piloten des Vereins.",
        "Kontaktpersonen der Erkrankten wurden am Montag getestet.",
        "(EU)",
        "Dieser Beitrag erschien zuerst 2019 und wurde nun ergänzt.",
        "Quelle des Streits ist ein Brief des Landrats vom Januar.",
        "Die Publireportage der Garage erschien im Mai im Gemeindeblatt.",
        "Die entgeltliche Einschaltung kostete die Partei 4000 Euro.",
        "Aktualisiert wird der Plan um 11:20 Uhr, wenn der Rat tagt.",
        "Zur Methode sagte die Forscherin, sie sei seit Jahren erprobt.",
        "Die Daten zeigen einen klaren Trend: Es wird wärmer.",
        "Der Film wurde 1998 erstmals im Fernsehen ausgestrahlt.",
        "Die Nachricht wurde von den Angehörigen mit Erleichterung aufgenommen.",
        "Die Kinder hören um 10:30 Uhr eine Geschichte.",
        "Der Ticker an der Börse zeigte ein Plus; zum Nachlesen gab es nichts.",
        "Die Meldung stellt keine Gefahr für die Anwohner dar, sagte die Polizei.",
        "Die Inhalte des Kurses werden von der Volkshochschule bereitgestellt.",
        "Die Texte für die Ausstellung wurden von Schülerinnen der Realschule geliefert.",
        "Die Stadt verschickt ihre Mitteilungen künftig täglich per Newsletter.",
        "Mehr als 2.000 Haushalte erhalten die Warnungen inzwischen per Newsletter.",
        "Mehr Informationen gibt es im Newsletter der Gemeinde.",
        "3 Kommentare hatte der Bürgermeister zu dem Entwurf, sagte er im Rat.",
        "3. Dezember 2026 | Kategorie: Welt | Der Rat tagt im Rathaus",
        "Kategorie: Nachwuchs",
        "Übernommen von der Stadt wurde auch das alte Hallenbad am See.",
        "Übernommen hat den Laden ihr Sohn, der Bäcker Jens Brandt.",
        "Quellen: Statistisches Landesamt, Bundesagentur für Arbeit",
        "Verwendete Quellen nannte das Ministerium auf Nachfrage nicht.",
        "Alle Beiträge zur Krankenkasse steigen um 15 Euro im Monat.",
        "Alle Artikel der Ausstellung kosteten zwei Wochen lang 5 Euro.",
        "Alle Beiträge sind laut Satzung jederzeit kündbar, sagte der Kassenwart.",
        "Die Bibliothek lässt Neukunden vier Wochen gratis testen.",
        "Wer im Herbst bestellte, konnte drei Ausgaben gratis lesen.",
        "Mit dem Deutschlandticket können Schüler einen Monat gratis testen, ob sich das lohnt.",
        "Vier Wochen lesen für 5 Euro hat sie die Zeitung im Urlaub.",
        "Einzelheft 14,90 € kostet das Magazin seit Mai.",
        "Bisher erschienen in der Reihe sind zwölf Bände, sagte der Verleger.",
        # a line of names, or of an event's place and time, is no imprint
        "Autohaus Kessler · Bäckerei Wendl · Raiffeisenbank Au · Getränke Huber",
        "Sommerfest · Stadthalle · Marktplatz 1 · 19 Uhr",
        "Kulturverein Au · Marktplatz 1 · Eintritt frei",
        # free articles reported on, readers and print issues in a sentence
        "Der Artikel ist frei zugänglich und erschien im Fachjournal Bodenkunde.",
        "Dieser Text ist kostenlos im Internet abrufbar, teilte das Ministerium mit.",
        "Viele Verlage bieten ihren Lesern einen kostenlosen Artikel im Monat an.",
        "Viele Leser lesen den Artikel kostenlos, weil ihn jemand in der Familie geteilt hat.",
        "Sie lesen den Brief kostenlos vor, weil ihn der Pfarrer mit ihnen geteilt hat.",
        "Wer ein Abo abschließt, unterstützt den Lokaljournalismus, sagt der Verleger.",
        "Täglich lesen Sie in der Zeitung von neuen Krisen, sagte die Psychologin.",
        "Jeden Tag lesen Sie in der Zeitung Neues über den Streit im Rat.",
        "„Das lesen Sie im Heft“, sagte der Verleger und lachte.",
        "Lesen Sie in der Zeitung noch die Todesanzeigen?",
        "Beginn 19:30 Uhr Festsaal",
        "Es stand 29:27 für Grünmark, als die Halle tobte.",
        "Die meisten Tore warfen Neuhäuser (8) und Lüdeke (6).",
        "Beste Werfer waren Whitfield mit 24 und Brandl mit 17 Punkten – Okafor kam auf 21.",
        "Punkte 1 bis 3 – Einigung 2024, Umsetzung 2025, Prüfung 2026",
        "Zur Spielstatistik gehört auch die Zahl der Ballverluste.",
        "Tore: In der 14. Minute stand es 1:0, danach fiel lange nichts.",
        "Nach dem ersten Drittel stand es 1:0 (Loher), am Ende 4:2 (1:0, 1:2, 2:0).",
        # a date after a decision or a letter, and a sentence after a programme's date
        "Beschluss vom 16.10.2025",
        "Schreiben der Stadt vom 3. Mai 2025",
        "Das Journal vom 16.10.2025 berichtete zuerst über den Laden.",
        "Pressemitteilung Nr. 12 der Stadt kündigte die Sperrung schon im Mai an.",
        "Die Pressemitteilung vom 30. November 2026 nennt keine Zahlen.",
        "Weitere Informationen: Die Anmeldung läuft bis Freitag.",
        "Zurück zur Normalität",
        "Zur Liste der Schäden",
        "Zum Archiv der Gemeinde",
        "Zurück zur Übersicht über die Kosten kam der Kämmerer erst am Ende.",
        "Zur Galerie im Schloss führt ein neuer Weg.",
        # the word "Ende" in a subheading or a sentence
        "Das Ende der Meldepflicht",
        "Ende gut, alles gut",
        "Ende der Meldung war der Rücktritt des Bürgermeisters.",
        "Ende November",
        "Die App wurde hier in Deutschland drei Millionen Mal heruntergeladen.",
        "Wer helfen will, überweist an IBAN DE44 1234 5678 9012 3456 78.",
        # money given to others, or spent on the site's readers
        "Schon mit 5 Euro im Monat helfen Spender der Tafel in Lindau.",
        "Bereits 10 Euro sichern den Kindern ein warmes Mittagessen.",
        "Ab 3 Euro im Monat unterstützt die Stadt Vereine mit eigenem Platz.",
        "Leserbriefe an info@rathaus.example beantwortet die Stadt nicht mehr.",
        "Zuschriften an buero@verein.example kamen vor allem aus dem Umland.",
        # sentences like handles, share labels, disclaimers and pointers
        "Auf Telegram verbreitet der Kanal @freiheit_jetzt täglich Falschmeldungen.",
        "Der Minister schrieb auf Telegram, man finde ihn unter @minister_x",
        "Teilen Sie den Link per WhatsApp mit Freunden, rät die Polizei.",
        "Die Bilder teilen auf Facebook viele Nutzer.",
        "Keine Anlageberatung bieten die Filialen der Sparkasse künftig mehr an.",
        "Keine Beratung: Das Jobcenter ließ die Frau drei Monate lang warten.",
        "Die Inhalte dienen ausschließlich der Information der Mitglieder, sagte der Vorstand.",
        "Die Polizei bittet Zeugen, Fotos oder Videos per WhatsApp an die Wache zu schicken.",
        "„Schick uns ein Foto per WhatsApp“, schrieb die Tochter am Abend.",
        "Den vollständigen Artikel des Gesetzes legt das Ministerium im Mai vor.",
        "Der Originaltext im Wortlaut",
        "Die Zeitung erscheint ab Januar nur noch als Printausgabe am Samstag.",
        "Dieser Text erscheint mir zu lang, sagte der Richter über die Printausgabe.",
        "Die Sitzung beginnt heute um 18 Uhr im Rathaus.",
        "Mehr dazu sagt der Landrat heute um 18.00 Uhr im Kreisjournal.",
        "Stand heute",
        "Vor 3 Stunden brach das Feuer im Stall aus.",
        "Mit Material von Zeugen rekonstruierte die Polizei den Unfall.",
        "Unter Verwendung von Material aus dem Stadtarchiv entstand eine Ausstellung.",
        # sentences shaped like interview credits, reporters' sentences and opinion calls
        "Mit dem Bürgermeister sprach Landrat Berg über die Umgehungsstraße.",
        "Mit Ole Brandt sprach sie zuletzt im Sommer.",
        "Aus dem Landtag berichtet die Abgeordnete von heftigem Streit.",
        "Vom Unfall berichten Zeugen, die an der Haltestelle standen.",
        "Schreiben Sie uns Ihre Meinung, forderte der Bürgermeister die Anwohner auf, doch keiner"
        " schrieb.",
        # sentences starting like a related-article label, a source link or a date label
        "Auch interessant fanden die Besucher den Vortrag über Bienen.",
        "Zur Quelle des Flusses führt ein steiler Pfad.",
        "Zum Original kehrte der Restaurator nach zwei Jahren zurück.",
        "Die Quelle öffnen die Stadtwerke nur im Sommer.",
        "Eingestellt am 29.06.2025 wurde das Verfahren gegen den Landrat.",
        "Online seit März 2019",
        # sentences about someone's subscribers or members and their areas
        "Die Gewerkschaft stellt ihren Mitgliedern die Tarifübersicht im Downloadbereich bereit.",
        "Mitglieder der Kammer können die Unterlagen im Mitgliederbereich einsehen.",
        "Für Abonnenten gibt es künftig einen Download-Bereich, sagte der Verleger.",
        "Mitglieder erhalten im Kassenbereich einen Rabatt von zehn Prozent.",
        "Mitglieder sollen die Protokolle bald im Mitgliederbereich abrufen können.",
        "Die Zeitung verlor im vergangenen Jahr 3000 Abonnenten.",
        # an agency's code in capitals before a date, capitals in a sentence
        "AFP, 20. Mai 2025, 15:32",
        "Vom 03.02.2025 bis 05.02.2025 gilt die Sperrung.",
        "Zwischen 03.02.2025 und 05.02.2025",
        "UNESCO, 2019 ernannt, prüft den Antrag.",
        "NATO, EU und UNO berieten am 12. Mai.",
        # an interviewer's question, a quoted call to write, a reader's words
        "Haben Sie eine Meinung zu diesem Thema?",
        "Haben Sie eine Meinung zu diesem Thema, Frau Berg?",
        "„Haben Sie Fragen? Schreiben Sie uns!“, steht auf dem Plakat am Rathaus.",
        "Die Leser schrieben uns: Schreiben Sie öfter über den Hafen.",
        # ordering a newsletter or a subscription as someone's plan
        "Wer den Newsletter bestellen will, braucht nur eine E-Mail-Adresse.",
        "Wer jetzt ein Abo abschließen will, zahlt im ersten Jahr weniger.",
        "Wer jetzt den Newsletter bestellen möchte, findet das Formular im Bürgerportal.",
        # a match or a decision reported in a sentence, a word with a slash
        "Kreisliga Süd, 10. Spieltag: Unterau gewinnt das Derby gegen Brunnholz 2:1",
        "Die Kreisliga hat entschieden: Die Partie SV Unterau – TSV Brunnholz wird neu angesetzt.",
        "Das Urteil 1C_412/2025 vom 6. Mai 2026 ist rechtskräftig.",
        "Urteil 1C_412/2025 bestätigt die Gemeinde.",
        "Urteil vom 6. Mai 2026",
        "/he",
        # a call to listen that says more, a report on a station's programme
        "Hören Sie uns zu, bat der Bürgermeister die Anwohner.",
        "„Hört uns an!“, riefen die Demonstranten vor dem Rathaus.",
        "Das deutsche Programm wird seit Januar nur noch im Livestream verbreitet.",
        "Programm und Ablauf des Festes stehen im Livestream der Gemeinde bereit.",
        "Sendungen auf Kurzwelle sind seit Jahren selten geworden",
    ],
)
def test_sentences_like_those_notices_stay(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line, P3])
    assert kept == [LEAD, P1, P2, line, P3], dropped


@pytest.mark.parametrize(
    "tail",
    [
        ["Pressekontakt:", "Lena Roth, Pressesprecherin", "Tel. 0761 555-20 · presse@example.org"],
        ["Rückfragen bitte an:", "Stadtverwaltung Hollerbach", "Pressestelle", "Telefon: 07 1234"],
        # an Austrian release's contact labels, with their block or left alone
        ["Rückfragehinweis:", "Molkerei Lindau eGen", "Mag. Eva Holl", "Tel.: +43 7752 123"],
        # the sender's name closing with its legal form's periods
        ["Pressekontakt", "Förderverein Stadtbad Lindau e.V.", "Tel. 0761 555-20"],
        ["Kontakt:", "Freundeskreis Lindau e. V.", "presse@freundeskreis.example"],
        ["Rückfragen & Kontakt:"],
        ["Rückfragehinweis"],
        # a contact box under its label addressing the reader
        ["Ihr Ansprechpartner", "Herr Florian Kaltmeier", "Ordnungsamt", "Telefon: 07352 9310-24"],
        ["Ihre Ansprechpartnerin:", "Dr. Lena Roth", "lena.roth@gemeinde.example"],
        [
            "Merkmale dieser Pressemitteilung:",
            "Journalisten",
            "Physik, Chemie",
            "überregional",
        ],
        [
            "Über die Stadtwerke Lindau",
            "Die Stadtwerke Lindau versorgen seit 1902 rund 40.000 Haushalte mit Strom und Wasser.",
        ],
        # a contact block without its label: names, roles and a phone number or an address
        ["Prof. Dr. Ines Hartwig, Institut für Bodenkunde", "Telefon: 04471 88-2231"],
        ["Jonas Albers", "Pressesprecher", "Tel. 0761 555-20", "jonas.albers@example.org"],
        ["Stadtwerke Lindhaven, Abteilung Netze", "E-Mail: netze@stadtwerke.example"],
        # the contact on its label's line: a name, an office, a phone number, an address
        [
            "Kontakt: Prof. Dr. Ines Hartwig, Institut für Bodenkunde, Tel. 04471 88-2231,"
            " hartwig@boden.example"
        ],
        ["Pressekontakt: Lena Roth | Pressestelle | presse@stadt-lindau.example"],
        # a press office's name as the contact's first item, without a label of its own
        ["Pressestelle Bündnis Klare Seen, presse@klare-seen.example"],
        ["Pressekontakt Lena Roth, Tel. 0761 555-20"],
        ["Medienkontakt Stadtwerke Lindau · Tel. 0761 555-20 · presse@stadtwerke.example"],
        # a scientist's contact under its own label, or with its label set apart, over the
        # press office's
        [
            "Wissenschaftlicher Kontakt:",
            "Prof. Dr. Ines Hartwig, Institut für Bodenkunde, Tel. 04471 88-2231",
        ],
        ["Fachliche Ansprechpartnerin:", "Dr. Eva Holl, Labor für Wasser, eva.holl@uni.example"],
        [
            "Dr. Eva Holl, Labor für Wasser, Telefon 0761 555-31",
            "Pressekontakt: Referat Kommunikation, presse@uni.example",
        ],
    ],
)
def test_a_press_releases_closing_blocks_go_whole(tail: list[str]) -> None:
    kept, dropped = clean([LEAD, P1, P2, P3, *tail])
    assert kept == [LEAD, P1, P2, P3]
    assert {d.rule for d in dropped} == {"meta:release"}


@pytest.mark.parametrize(
    "tail",
    [
        # a sentence giving a number, a quote with one
        ["Anmeldungen nimmt das Bürgerbüro unter Telefon 0521 5510 entgegen."],
        ["„Rufen Sie uns an unter Tel. 0800 1234“, sagte die Sprecherin."],
        # a closing list of short items without a phone number or an address
        ["Die Termine im Überblick", "Samstag, 14 Uhr", "Sonntag, 11 Uhr"],
        # a number on its own line after a sentence is one line, no block
        ["Hotline: Tel. 0800 1234"],
        # a sentence after a contact label
        ["Kontakt: Wer Fragen hat, erreicht das Bürgerbüro unter Tel. 0521 5510."],
        ["Ansprechpartner: Der Hausmeister hilft gern weiter, Tel. 0521 5510 oder vor Ort"],
        # a sentence opening with a press office
        ["Pressestelle Lindau erreichbar unter Tel. 0521 5510"],
        ["Pressestelle der Stadt ist unter presse@lindau.example zu erreichen."],
    ],
)
def test_closing_lines_with_a_number_in_the_text_stay(tail: list[str]) -> None:
    kept, _ = clean([LEAD, P1, P2, P3, *tail])
    assert kept == [LEAD, P1, P2, P3, *tail]


@pytest.mark.parametrize(
    "sentence", ["Die Anmeldung erfolgt über Raum B.", "Anmeldungen nimmt der Verein Lindau an."]
)
def test_a_sentence_under_a_contact_label_stays(sentence: str) -> None:
    kept, _ = clean([LEAD, P1, P2, P3, "Kontakt", sentence])
    assert kept == [LEAD, P1, P2, P3, sentence]


@pytest.mark.parametrize(
    "line",
    [
        "Beratung gibt es im Rathaus, Tel. 0521 5510, und im Bürgerbüro.",
        "Die Hotline der Stadt, Tel. 0521 5510, ist rund um die Uhr erreichbar",
    ],
)
def test_a_sentence_with_a_number_over_a_contact_stays(line: str) -> None:
    contact = "Pressekontakt: Referat Kommunikation, presse@uni.example"
    kept, _ = clean([LEAD, P1, P2, line, contact])
    assert kept == [LEAD, P1, P2, line]


def test_a_releases_number_line_and_sender_opening_the_text_go() -> None:
    for number in (
        "Pressemitteilung Nr. 88/2026 vom 2. Mai 2026",
        "Presseinfo 31-2026, 04.05.2026",
    ):
        lines = [number, "Stabsstelle Presse und Kommunikation", LEAD, P1]
        kept, dropped = clean(lines, title="Pegel an der Oste steigen wieder")
        assert kept == [LEAD, P1]
        assert [d.rule for d in dropped] == ["meta:release", "meta:kicker"]


@pytest.mark.parametrize("label", ["Gastbeitrag", "Fachbeitrag aus der Praxis"])
def test_a_label_over_the_byline_and_the_writers_body_line_goes(label: str) -> None:
    byline = "Autorin: Dr. med. vet. Ilka Strom"
    body = "Fachtierärztin für Rinder, Tierarztpraxis am Kirchberg, Auheim"
    kept, dropped = clean([label, byline, body, LEAD, P1], authors=("Ilka Strom",))
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {label: "meta:kicker", byline: "meta:byline", body: "meta:byline"}
    # a subheading over the writer's lines in the text stays
    kept, _ = clean([LEAD, P1, label, byline, body, P2], authors=("Ilka Strom",))
    assert kept == [LEAD, P1, label, P2]


def test_a_subheading_about_something_else_stays_before_its_paragraph() -> None:
    lines = [LEAD, P1, "Über die Brücke", "Die Brücke über den Kanal ist seit Mai gesperrt.", P2]
    assert clean(lines)[0] == lines


def test_a_label_and_its_value_before_a_shop_box_is_no_product_name() -> None:
    line = "Anspieltipps: „Nordwind“, „Hafen“"
    kept, _ = clean([LEAD, P1, P2, P3, line, "Jetzt beim Händler ansehen"])
    assert kept == [LEAD, P1, P2, P3, line]


def test_the_headline_after_a_kicker_of_a_few_words_is_the_repeated_headline() -> None:
    title = "Deiche sollen erhöht werden"
    kicker = "Hochwasserschutz an der Mulde"
    kept, _ = clean([kicker, f"{kicker} {title}", LEAD, P1], title=title)
    assert kept == [LEAD, P1]
    said = f"Der Landrat sagte dazu: {title}"
    assert clean([said, LEAD, P1], title=title)[0] == [said, LEAD, P1]


def test_a_credits_line_of_roles_joined_by_semicolons_goes() -> None:
    line = "Recherche: Ole Brandt, Mia Sander; Text: Mia Sander (msa)"
    kept, dropped = clean([LEAD, P1, P2, line, P3])
    assert kept == [LEAD, P1, P2, P3]
    assert [d.rule for d in dropped] == ["meta:byline"]


@pytest.mark.parametrize(
    "line", ["Text: Jorin Falk, Fotos: Mila Ender", "Bericht: Ida Moor, Kamera: Pit Sund"]
)
def test_a_credits_line_of_roles_joined_by_commas_goes(line: str) -> None:
    kept, dropped = clean([LEAD, line, P1, P2])
    assert kept == [LEAD, P1, P2]
    assert [d.rule for d in dropped] == ["meta:byline"]
    # a sentence listing labelled items credits no writer
    listed = "Treffpunkt: Bahnhof Süd, Abfahrt: neun Uhr"
    assert clean([LEAD, listed, P1])[0] == [LEAD, listed, P1]


@pytest.mark.parametrize(
    "line",
    ["Werden Sie Mitglied! Zurück zu allen Meldungen", "Jetzt spenden. Zur Startseite"],
)
def test_two_pieces_of_furniture_glued_in_one_line_go(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert len(dropped) == 1
    # a piece of furniture glued to a sentence is text
    said = "Werden Sie Mitglied! Das rief der Vorsitzende den Gästen zu."
    assert clean([LEAD, P1, said])[0] == [LEAD, P1, said]


@pytest.mark.parametrize(
    "line",
    [
        "Kommentare sind für diesen Artikel deaktiviert.",
        "Die Kommentarfunktion ist zu diesem Beitrag leider geschlossen",
        "Kommentieren ist bei dieser Meldung nicht möglich.",
        # who may see or write them
        "Kommentare sind nur für registrierte Nutzer sichtbar.",
        "Die Kommentarfunktion steht nur angemeldeten Abonnenten zur Verfügung.",
        "Leserkommentare sind ausschließlich für Mitglieder lesbar",
        "Nur eingeloggte Leserinnen und Leser können kommentieren.",
        "Comments are visible to registered users only.",
    ],
)
def test_a_notice_that_comments_are_closed_for_the_article_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["widget:comments"]
    said = "Kommentare zu diesem Thema sind im Gemeinderat nicht erwünscht, sagte der Vorsitzende."
    assert clean([LEAD, said, P1])[0] == [LEAD, said, P1]


@pytest.mark.parametrize(
    "line",
    [
        "Kommentare sind künftig nur für registrierte Nutzer sichtbar, kündigte die Plattform an.",
        "Nur registrierte Nutzer können kommentieren, sagte der Sprecher des Forums.",
        "Die Diskussion war nur für angemeldete Gäste möglich.",
        # a subheading over the text's account of a debate
        "Diskussion über den Haushalt",
        "Kommentare zu diesem Beitrag kamen vor allem aus dem Kreistag.",
    ],
)
def test_a_sentence_reporting_on_who_may_comment_stays(line: str) -> None:
    assert clean([LEAD, line, P1])[0] == [LEAD, line, P1]


def test_a_senders_lines_opening_a_release_without_its_headline_go() -> None:
    sender = ["Dr. Jana Kolb", "Referat Presse und Kommunikation", "Landesamt für Umwelt"]
    kept, _ = clean([*sender, LEAD, P1, P2], title="Pegel an der Oste steigen wieder")
    assert kept == [LEAD, P1, P2]
    four = ["Sport", "Fußball", "Kreisliga", "Nord"]
    assert clean([*four, LEAD, P1], title="Pegel an der Oste steigen wieder")[0][:2] == four[:2]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # collaborators and translators, who did not write the text
        ("Mitarbeit: Sabine Leitgeb (Wien)", "meta:byline"),
        ("Unter Mitarbeit von Jonas Ebner und Mira Kos", "meta:byline"),
        ("Mitarbeit: Ołtarz Śniadecka, Øystein Brå (Oslo)", "meta:byline"),
        ("Aus dem Englischen von Katharina Wendtland.", "meta:byline"),
        ("Aus dem Französischen übersetzt von Léa Rousseau-Berg", "meta:byline"),
        ("Übersetzung aus dem Polnischen: Anna Maria zu Salm", "meta:byline"),
        ("Übersetzt von Tomás Herrera", "meta:byline"),
        # a closing sentence naming the agencies the text rests on
        ("Diese Meldung beruht auf Angaben von dpa und KNA.", "credit:agency"),
        (
            "Der Artikel basiert auf Material der Nachrichtenagenturen AFP und Reuters.",
            "credit:agency",
        ),
        ("Material: Reuters, AP", "credit:agency"),
        ("Agenturmaterial: dpa/epd", "credit:agency"),
        ("Agenturen: dpa/AFP", "credit:agency"),
        # a closing sentence saying where the text comes from, the agency perhaps written out
        ("Dieser Artikel stammt von der Nachrichtenagentur AFP.", "credit:agency"),
        ("Der Text stammt ursprünglich von den Agenturen Reuters und AP.", "credit:agency"),
        ("Die Nachricht enthält Material des Evangelischen Pressedienstes.", "credit:agency"),
        ("Dieser Beitrag enthält Informationen der Agence France-Presse.", "credit:agency"),
        ("Die Meldung basiert auf Angaben der Austria Presse Agentur.", "credit:agency"),
        # additional material under a label or in a sentence (page 846)
        ("Zusätzliche Informationen: SID", "credit:agency"),
        ("Mit weiteren Informationen von AFP und dpa", "credit:agency"),
        ("Ergänzendes Material: Reuters", "credit:agency"),
        # a source note: the credit between sentences on translation and first publication
        (
            "Übersetzt aus dem Russischen. Mit Material von TASS und RIA Nowosti. Zuerst"
            " erschienen bei Ostkurier.",
            "credit:agency",
        ),
        ("Aus dem Englischen übersetzt. Quelle: Reuters", "credit:agency"),
        ("Übersetzt aus dem Englischen. Material: AFP, epd", "credit:agency"),
        # a source note in brackets on a line of its own
        ("(Quelle: epd)", "credit:agency"),
        ("[Quellen: Katholische Nachrichten-Agentur, Reuters]", "credit:agency"),
    ],
)
def test_collaborator_translator_and_agency_material_lines_go(line: str, rule: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        "Mitarbeit: Die Kinder helfen beim Aufbau der Bühne mit.",
        "Unter Mitarbeit von Ehrenamtlichen entstand der neue Spielplatz am Ufer.",
        "Aus dem Englischen von Shakespeare übernahm das Theater nur den Titel.",
        "Übersetzung: Das Wort bedeutet so viel wie Hafen.",
        "Der Bericht beruht auf Angaben der Polizei und eigenen Recherchen.",
        "Material: Holz und Stahl aus der Region",
        "Weitere Informationen: Tourist-Info am Marktplatz",
        # a sentence of the text beside a credit-like one
        "Übersetzt aus dem Englischen. Die Agentur TASS widersprach dem Bericht am Montag.",
        "Übersetzt aus dem Russischen. Mit Material von Zeitzeugen hat sie das Buch geschrieben.",
        "Zusätzliche Informationen gibt es bei der dpa-Pressestelle im Rathaus.",
        # sentences saying where something comes from, or naming an agency, as news
        "Die Meldung stammt von der Polizei in Lindhaven.",
        "Der Bericht enthält Informationen der Staatsanwaltschaft.",
        "Das Video stammt von der Agentur Reuters, die es am Abend verbreitete.",
        "Die Deutsche Presse-Agentur hat ihren Sitz in Berlin.",
        "Laut Associated Press wurden drei Menschen verletzt.",
        # sentences about newsrooms and agencies, unlike their signature
        "Die Redaktion hat bei den Agenturen nachgefragt.",
        "Agenturen und Redaktionen stehen unter Druck",
        "Redaktion Tirol sucht Verstärkung bei den Agenturen",
    ],
)
def test_sentences_like_collaborator_and_agency_lines_stay(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


def test_a_source_note_in_brackets_closing_the_last_paragraph_is_cut() -> None:
    for note in ("(Quelle: KNA)", "[Quelle: dpa]", "(Quellen: AFP, epd)"):
        kept, dropped = clean([LEAD, P1, f"{P2} {note}"])
        assert kept == [LEAD, P1, P2]
        assert rules_of(dropped) == {note: "credit:agency"}
    # a source in brackets that is no agency is the text's
    said = f"{P2} (Quelle: Stadtverwaltung)"
    assert clean([LEAD, P1, said])[0] == [LEAD, P1, said]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (
            "Dieser Artikel wurde uns freundlicherweise von der Hafenpost zur Verfügung gestellt.",
            "meta:partner",
        ),
        ("Das Interview wurde uns vom Radio Auental überlassen.", "meta:partner"),
        (
            "Der Beitrag erscheint mit freundlicher Genehmigung des Kreisblatts Oberau.",
            "meta:partner",
        ),
        ("Diese Reportage erschien mit freundlicher Genehmigung von „Talblick“.", "meta:partner"),
        ("Mit freundlicher Genehmigung der Neuen Seepost", "meta:partner"),
        # the text coming from a partner
        ("Der Beitrag kommt von unserem Kooperationspartner Talblick.", "meta:partner"),
        ("Dieser Text stammt aus dem Angebot unseres Partners heideportal.de", "meta:partner"),
        ("Diese Meldung stammt ursprünglich von der Partnerzeitung Seebote.", "meta:partner"),
        # a document supplied, a permission given, as news
        ("Der Bericht wurde uns vom Ministerium zur Verfügung gestellt.", None),
        ("Die Unterlagen wurden uns von der Stadt zur Verfügung gestellt.", None),
        ("Der Text wurde uns vom Amt zur Verfügung gestellt, aber er ist unvollständig.", None),
        (
            "Mit freundlicher Genehmigung des Bürgermeisters durften Kinder den Turm besteigen.",
            None,
        ),
        # a partner named in the news
        ("Die Idee stammt von unserem Partnerverein in Polen.", None),
        ("Der Bericht stammt von der Partnerbehörde. Er nennt keine Zahlen.", None),
    ],
)
def test_a_partners_note_that_it_supplied_the_text_goes(line: str, rule: str | None) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == ([LEAD, P1, P2] if rule else [LEAD, P1, P2, line])
    assert rules_of(dropped) == ({line: rule} if rule else {})


def test_a_label_over_a_papers_reference_goes_with_it() -> None:
    for label in ("Zur Studie", "Originalpublikation", "Die Veröffentlichung"):
        reference = "Berg, L. et al.: Salt marshes under stress. Coastal Ecology, 2025"
        kept, dropped = clean([LEAD, P1, P2, label, reference])
        assert kept == [LEAD, P1, P2]
        assert [d.rule for d in dropped] == ["meta:citation", "meta:citation"]


def test_the_latest_headlines_under_their_label_go() -> None:
    for label in ("Zuletzt erschienen", "Neu veröffentlicht:"):
        lines = [LEAD, P1, P2, label, "Feuerwehr feiert 150 Jahre", "Bauernmarkt zieht um"]
        kept, dropped = clean(lines)
        assert kept == [LEAD, P1, P2]
        assert {d.rule for d in dropped} == {"teaser:more-topics"}
    said = "Zuletzt erschienen ist sein Roman im Mai."
    assert clean([LEAD, P1, said])[0] == [LEAD, P1, said]


@pytest.mark.parametrize(
    "line",
    [
        "Redaktion Tirol/Agenturen",
        "red, salzburg.heimat-tv.at/Agenturen",
        "Quelle: Redaktion, Agenturen",
        "Agenturen/red",
        "Redaktion Nordgau & Agenturen",
        # a writer's initials for the desk
        "abe, salzburg.heimat-tv.at/Agenturen",
        "kale/jos, heimat-tv.at/Agenturen",
    ],
)
def test_a_signature_of_the_newsroom_and_unnamed_agencies_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    # "red" is an agency credit's word too: a line with it may go as one
    assert rules_of(dropped)[line] in ("meta:byline", "credit:agency")


def test_an_audio_items_title_goes_with_its_info_line_glued_to_it() -> None:
    kept, dropped = clean([LEAD, "Kläranlage wird erweitertVideo · 3 Min · 12.05.2026", P1])
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["media:player", "media:player"]


def test_a_scorers_line_after_a_table_of_standings_leaves_the_table() -> None:
    table = ["| Platz | Mannschaft | Punkte |", "|---|---|---|", "| 1. | TSV Grünmark | 19:3 |"]
    scorers = "Tore Grünmark: Neuhäuser 8/3, Lüdeke 6, Fromm 5, Çelik 4"
    kept, dropped = clean([LEAD, P1, "Die Tabelle:", *table, scorers])
    assert kept == [LEAD, P1, "Die Tabelle:", *table]
    assert [d.text for d in dropped] == [scorers]


LINEUP = "SV Au: Brandl – Okafor, Meisner, Vogt – Hruschka (46. Kaiser), Ott – Pohl"
SCORERS = "Tore: 0:1 Akgül (19.), 1:1 Kaiser (84.), 2:1 Kaiser (90.+3)"


@pytest.mark.parametrize(
    ("facts", "lines"),
    [
        # plain paragraphs closing the report
        (f"<p><b>Tore:</b> {SCORERS[6:]}</p>", [SCORERS]),
        (f"<p>{LINEUP}</p><p>{SCORERS}</p>", [LINEUP, SCORERS]),
        # an untitled <div> of them among the report's paragraphs
        (
            f"<div class='facts'><p>{LINEUP}</p><p>{SCORERS}</p><p>Zuschauer: 14.200</p></div>",
            [LINEUP, SCORERS, "Zuschauer: 14.200"],
        ),
        (
            f"<div><div>{SCORERS}</div><div>Zuschauer: 812</div>"
            "<div>Schiedsrichter: Kevin Albers (Norderfeld)</div></div>",
            [SCORERS, "Zuschauer: 812", "Schiedsrichter: Kevin Albers (Norderfeld)"],
        ),
    ],
)
def test_match_facts_closing_a_report_as_its_paragraphs_stay(facts: str, lines: list[str]) -> None:
    article = f"<article><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{facts}</article>"
    assert _text_of_page(article) == [LEAD, P1, P2, *lines]


@pytest.mark.parametrize(
    "box",
    [
        # a match box under its title or its result line
        f"<div class='match-box'><p>Spielinfo</p><p>{SCORERS}</p><p>Zuschauer: 14.200</p>"
        "<p>Schiedsrichter: Kevin Albers</p></div>",
        f"<div><h3>SV Au – FC Ried 2:1 (0:1)</h3><p>{SCORERS}</p><p>Zuschauer: 812</p>"
        "<p>Schiedsrichter: Kevin Albers</p></div>",
        # a scorers line in a box of its own, or styled as one by its class
        f"<div class='scorers'>{SCORERS}</div>",
        "<p class='kj-scorers'>Beste Werfer: Whitfield 24, Brandl 17 – Okafor 21, Sievers 15</p>",
    ],
)
def test_match_facts_in_a_box_of_their_own_go(box: str) -> None:
    article = f"<article><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{box}</article>"
    assert _text_of_page(article) == [LEAD, P1, P2]


# --- boxes under a fixed label (background, portrait) --------------------------------------------

# A box's own paragraph: a fact beside the text, a short portrait of a person in it.
BOX_FACT = "Die Uferstraße wurde zuletzt 1994 erneuert."
BOX_PORTRAIT = "Jana Krollmann, 47, leitet seit 2019 das Tiefbauamt der Stadt."


def _text_of_page(article: str) -> list[str]:
    return _page_text(f"<h1>{TITLE}</h1>{article}")


def _page_text(body: str) -> list[str]:
    html = (
        f"<html lang='de'><head><meta charset='utf-8'><title>{TITLE}</title></head><body>"
        f"{body}</body></html>"
    )
    result = extract_article(
        ExtractInput(
            url="https://www.lindhavener-anzeiger.de/lokal/radweg-1.html",
            body=html.encode(),
            headers={},
            rules=CleaningRules(),
        )
    )
    return result.text.splitlines()


@pytest.mark.parametrize(
    "box",
    [
        f"<div class='info'><h5>Zur Sache</h5><p>{BOX_FACT}</p></div>",
        f"<aside><h3>Zur Person</h3><p>{BOX_PORTRAIT}</p></aside>",
        f"<section class='kasten'><p><strong>Zur Person: Jana Krollmann</strong></p>"
        f"<p>{BOX_PORTRAIT}</p><p>Sie ist verheiratet und hat zwei Kinder.</p></section>",
        f"<div><h4>Info</h4><p>{BOX_FACT}</p></div>",
        f"<div class='bg'><p><b>Hintergrund:</b></p><p>{BOX_FACT}</p></div>",
    ],
)
def test_a_box_of_a_label_and_a_paragraph_beside_the_text_goes(box: str) -> None:
    for article in (
        f"<div class='text'><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{box}</div>",
        f"<div class='text'><p>{LEAD}</p><p>{P1}</p>{box}<p>{P2}</p></div>",
    ):
        assert _text_of_page(article) == [LEAD, P1, P2]


def test_a_label_box_right_after_the_text_s_container_goes() -> None:
    text = f"<div class='text'><p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>"
    for box in (
        f"<div class='portrait'><h4>Zur Person</h4><p>{BOX_PORTRAIT}</p></div>",
        f"<div><h3>Zur Sache</h3><p>{BOX_FACT}</p></div>",
    ):
        assert _text_of_page(f"<article>{text}{box}</article>") == [LEAD, P1, P2]


def test_a_labelled_section_of_two_paragraphs_after_the_text_s_container_stays() -> None:
    article = (
        f"<article><div><p>{LEAD}</p><p>{P1}</p></div><div><h2>Zur Person</h2>"
        f"<p>{BOX_PORTRAIT}</p><p>{P2}</p></div></article>"
    )
    assert _text_of_page(article) == [LEAD, P1, "Zur Person", BOX_PORTRAIT, P2]


@pytest.mark.parametrize(
    ("heading", "paragraphs"),
    [
        ("<h4>Zur Person</h4>", [BOX_PORTRAIT]),
        ("<h3>Zur Sache</h3>", [BOX_FACT, "Damals kostete das 1,2 Millionen Mark."]),
        ("<p><strong>Stichwort Uferstraße</strong></p>", [BOX_FACT]),
    ],
)
def test_a_label_and_a_paragraph_or_two_closing_the_text_go(
    heading: str, paragraphs: list[str]
) -> None:
    box = heading + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    article = f"<article><p>{LEAD}</p><p>{P1}</p><p>{P2}</p><p>{P3}</p>{box}</article>"
    assert _text_of_page(article) == [LEAD, P1, P2, P3]


@pytest.mark.parametrize(
    "article",
    [
        # a subheading of the text over the rest of the article
        f"<article><p>{LEAD}</p><p>{P1}</p><h3>Zur Person</h3><p>{BOX_PORTRAIT}</p><p>{P2}</p>"
        f"<p>{P3}</p></article>",
        f"<article><p>{LEAD}</p><p>{P1}</p><h2>Hintergrund</h2><p>{P2}</p><p>{P3}</p>"
        f"<p>{BOX_FACT}</p></article>",
        # a label over a paragraph, with more of the text after it
        f"<article><p>{LEAD}</p><p>{P1}</p><h3>Hintergrund</h3><p>{BOX_FACT}</p><div>"
        f"<p>{P2}</p><p>{P3}</p></div></article>",
        # a subheading that is no box's label, closing the text
        f"<article><p>{LEAD}</p><p>{P1}</p><p>{P2}</p><h3>Wie geht es weiter?</h3>"
        f"<p>{BOX_FACT}</p></article>",
        # a container of the text's paragraphs under a label
        f"<article><p>{LEAD}</p><div class='abschnitt'><h3>Hintergrund</h3><p>{P1}</p>"
        f"<p>{P2}</p><p>{P3}</p><p>{BOX_FACT}</p></div></article>",
        # the article as sections, one of them under a label
        f"<article><section><p>{LEAD}</p><p>{P1}</p></section><section><h2>Zur Person</h2>"
        f"<p>{BOX_PORTRAIT}</p><p>{P2}</p></section></article>",
    ],
)
def test_a_label_like_subheading_of_the_text_stays_with_its_paragraphs(article: str) -> None:
    # every paragraph stays, and so does the subheading over it
    blocks = lxml.html.fragment_fromstring(article).iter("p", "h2", "h3")
    assert _text_of_page(article) == [block.text_content() for block in blocks]


# An owner's note to the readers before a guest's text: set apart in a quotation block it goes;
# set as the text's first paragraph it is the text's, as printed.
NOTE = (
    "Hallo zusammen, heute schreibt hier ausnahmsweise unsere Kollegin aus dem Rathaus. "
    "Nächste Woche bin ich wieder da. Eure Lena"
)


@pytest.mark.parametrize(
    "note",
    [
        f"<blockquote class='note'><p><em>{NOTE}</em></p></blockquote>",
        "<blockquote>Liebe Leserinnen und Leser, diesen Text hat mein Nachbar geschrieben. – Jan"
        " Ohm</blockquote>",
    ],
)
def test_a_note_to_the_readers_set_apart_before_the_text_goes(note: str) -> None:
    article = f"<div class='body'>{note}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>"
    assert _text_of_page(article) == [LEAD, P1, P2]


@pytest.mark.parametrize(
    "article",
    [
        # the note as the text's first paragraph
        f"<div class='body'><p><em>{NOTE}</em></p><p>{LEAD}</p><p>{P1}</p></div>",
        # a quotation opening the text greets no readers
        f"<div class='body'><blockquote><p>„Hallo zusammen, wir sind die Neuen!“ – so stellte "
        f"sich der Vorstand vor.</p></blockquote><p>{LEAD}</p><p>{P1}</p></div>",
        # a greeting in the text, after its first paragraph
        f"<div class='body'><p>{LEAD}</p><blockquote><p>{NOTE}</p></blockquote><p>{P1}</p>"
        f"<p>{P2}</p></div>",
    ],
)
def test_a_greeting_in_the_text_stays(article: str) -> None:
    blocks = lxml.html.fragment_fromstring(article).iter("p")
    assert _text_of_page(article) == [block.text_content() for block in blocks]


# A reader's question over advice in a box of its own; the same question as the text's
# subheading.
ADVICE_QUESTION = "Wie melde ich einen Schaden am Radweg?"
ADVICE = "Über das Bürgertelefon der Stadt oder mit einem Foto in der Mängel-App."


@pytest.mark.parametrize(
    "box",
    [
        f"<div class='kasten'><h4>{ADVICE_QUESTION}</h4><p>{ADVICE}</p></div>",
        f"<section><h2>Wo finde ich den Mängelmelder?</h2><p>{ADVICE}</p><p>{BOX_FACT}</p>"
        "</section>",
    ],
)
def test_a_box_of_advice_under_a_readers_question_inside_the_text_goes(box: str) -> None:
    article = f"<div class='text'><p>{LEAD}</p><p>{P1}</p>{box}<p>{P2}</p></div>"
    assert _text_of_page(article) == [LEAD, P1, P2]


@pytest.mark.parametrize(
    "article",
    [
        # the text under subheadings of its own
        f"<article><p>{LEAD}</p><h3>Was die Stadt plant</h3><p>{P1}</p><div>"
        f"<h3>{ADVICE_QUESTION}</h3><p>{ADVICE}</p></div><p>{P2}</p></article>",
        # the question closing the text, no box of its own
        f"<article><p>{LEAD}</p><p>{P1}</p><div><h3>{ADVICE_QUESTION}</h3><p>{ADVICE}</p>"
        "</div></article>",
        # a question about the story names no thing after "ich"
        f"<article><p>{LEAD}</p><p>{P1}</p><div><h3>Was kann ich jetzt tun?</h3><p>{ADVICE}</p>"
        f"</div><p>{P2}</p></article>",
    ],
)
def test_a_readers_question_of_the_text_stays_with_its_paragraph(article: str) -> None:
    blocks = lxml.html.fragment_fromstring(article).iter("p", "h3")
    assert _text_of_page(article) == [block.text_content() for block in blocks]


# --- tables laying out an old page, and an agency's service row ------------------------------


def _result_of_page(body: str, title: str = TITLE) -> list[str]:
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        f"<title>Lindhavener Anzeiger - {title}</title></head><body>{body}</body></html>"
    )
    result = extract_article(
        ExtractInput(
            url="https://www.lindhavener-anzeiger.de/artikel.php?id=4411",
            body=html.encode("cp1252"),
            headers={"content-type": "text/html; charset=windows-1252"},
            rules=CleaningRules(),
        )
    )
    return result.text.splitlines()


_NAV_CELL = '<td width="150"><a href="/">Start</a><br><a>Stadt</a><br><a>Kreis</a></td>'


@pytest.mark.parametrize(
    "cell",
    [
        # the headline in an <h2>, a byline and a dateline in <font>, <br><br> between paragraphs
        f"<h2>{TITLE}</h2><b>{LEAD}</b><br><br><font size='2'>Von unserer Redakteurin Jana "
        f"Krollmann</font><br><font size='2'>Lindhaven, 14.05.2026</font><br><br>{P1}<br><br>"
        f"{P2}<br><br>{P3}<br><br><a href='?print=1'>Druckfassung</a>",
        # the headline in big bold type, the paragraphs in a <div>, breaks with white space
        f"<font size='4'><b>{TITLE}</b></font><br><br><div>{LEAD}<br>\n<br>{P1}<br> <br>{P2}"
        f"<br><br>{P3}</div><br><br><a href='?druck'>Druckansicht</a>",
    ],
)
def test_a_table_cell_of_paragraphs_parted_by_blank_lines_is_read_as_blocks(cell: str) -> None:
    body = f"<table width='100%'><tr>{_NAV_CELL}<td valign='top'>{cell}</td></tr></table>"
    assert _result_of_page(body) == [LEAD, P1, P2, P3]


def test_a_table_holding_the_h2_headline_is_read_as_blocks() -> None:
    # two paragraphs in <p>: too few for a text of its own, the headline marks the layout
    cell = f"<h2>{TITLE}</h2><p>{LEAD}</p><p>{P1}</p>"
    body = f"<table><tr>{_NAV_CELL}<td>{cell}</td></tr></table>"
    assert _result_of_page(body) == [LEAD, P1]


def test_a_table_cell_of_one_long_text_is_read_as_blocks() -> None:
    text = " ".join([LEAD, P1, P2, P3] * 2)
    body = f"<h1>{TITLE}</h1><table><tr>{_NAV_CELL}<td>{text}</td></tr></table>"
    assert _result_of_page(body) == [text]


@pytest.mark.parametrize(
    "cells",
    [
        # opening hours with lines parted by breaks: no sentences
        "<td>Bürgerbüro</td><td>Mo bis Fr 8 bis 12 Uhr<br><br>Do 14 bis 18 Uhr<br><br>Sa zu</td>",
        # a remark of two short paragraphs
        "<td>Halle Nord</td><td>Die Halle ist ab Mai gesperrt.<br><br>Vereine weichen in die "
        "Schulturnhalle aus.</td>",
    ],
)
def test_a_data_table_with_breaks_in_its_cells_stays_a_table(cells: str) -> None:
    article = f"<p>{LEAD}</p><p>{P1}</p><table><tr>{cells}</tr><tr><td>A</td><td>B</td></tr>"
    lines = _text_of_page(article + f"</table><p>{P2}</p>")
    assert lines[:2] == [LEAD, P1]
    assert lines[2].startswith("| ") and lines[-1] == P2


@pytest.mark.parametrize("line", ["Druckansicht", "Druckfassung", "Druckvorschau"])
def test_a_print_view_link_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert rules_of(dropped) == {line: "chrome:ui-token"}
    kept, _ = clean([LEAD, P1, f"{line} | Artikel empfehlen"])
    assert kept == [LEAD, P1]


@pytest.mark.parametrize(
    ("line", "goes"),
    [
        # the site's address beside its legal links
        ("Gemeinde Talhausen · Am Rathaus 4 · 97123 Talhausen", True),
        ("Stadtverwaltung Ostheim | Postfach 12 | A-6020 Ostheim", True),
        # a sentence, or no postcode
        ("Die Gemeinde Talhausen · 97123 Talhausen haftet nicht für externe Inhalte.", False),
        ("Gemeinde Talhausen · Am Rathaus 4", False),
    ],
)
def test_an_address_line_beside_the_legal_links_goes(line: str, goes: bool) -> None:
    links = "<a href='/i'>Impressum</a> <a href='/d'>Datenschutz</a>"
    footer = f"<div class='fuss'><p>{line}</p>{links}</div>"
    page = lxml.html.document_fromstring(f"<div><p>{LEAD}</p><p>{P1}</p>{footer}</div>")
    dropped = drop_link_rows(page)
    assert (line in dropped[0].text) is goes
    assert "Impressum" in dropped[0].text


@pytest.mark.parametrize("label", ["Anzeige", "Werbung"])
def test_a_table_row_of_one_cell_is_judged_as_its_line(label: str) -> None:
    # an ad's label in a box's row goes; a paragraph in a row of its own stays a row
    assert clean([LEAD, P1, f"| {label} |"])[0] == [LEAD, P1]
    assert clean([LEAD, f"| {P1} |", P2])[0] == [LEAD, f"| {P1} |", P2]
    assert clean([LEAD, P1, f"| {label} | 3 |"])[0][-1] == f"| {label} | 3 |"


def test_a_sentence_about_the_print_view_stays() -> None:
    line = "Die Druckansicht des Fahrplans zeigt alle Haltestellen auf einer Seite."
    assert clean([LEAD, line, P1])[0] == [LEAD, line, P1]


# An agency's service rows: the item's number, its time, a section word or two.
_SERVICE_ROWS = (
    "<td>Meldung Nr. 88213</td><td>Politik</td><td>01.12.2026 08:45 MEZ</td>",
    "<th>Nr. 4711/2026</th><td>Wirtschaft Inland</td><td>3. März 2026, 14:20 Uhr</td>",
    "<td>ID: A-2207</td><td>2026-03-03 14:20</td>",
    "<td>Meldungs-ID 5521</td><td>Lokales</td><td>Di, 03.03.2026</td><td>Eilmeldung</td>",
)


@pytest.mark.parametrize("row", _SERVICE_ROWS)
@pytest.mark.parametrize("place", ["before the headline", "in the header", "after the headline"])
def test_an_agencys_service_row_before_the_text_goes(row: str, place: str) -> None:
    table = f"<table class='svc'><tr>{row}</tr></table>"
    header = {
        "before the headline": table,
        "in the header": f"<div class='kopf'><span>Dienst</span>{table}</div>",
        "after the headline": "",
    }[place]
    after = table if place == "after the headline" else ""
    body = f"{header}<h1>{TITLE}</h1>{after}<p>{LEAD}</p><p>{P1}</p>"
    assert _result_of_page(body) == [LEAD, P1]


@pytest.mark.parametrize(
    ("cell", "goes"),
    [
        # the site's name linked to its start page, with its claim
        ("<a href='/'>Talhausener Bote</a><br><span>Heimatblatt seit 1921</span>", True),
        ("<a href='/index.php'><b>Kreisanzeiger Ostheim</b></a>", True),
        # a link elsewhere, or a sentence after the link
        ("<a href='/termine/'>Termine im Mai</a><br><span>Frühschoppen im Festzelt</span>", False),
        ("<a href='/'>Talhausener Bote</a> Die Redaktion ist über Ostern geschlossen.", False),
    ],
)
def test_a_masthead_row_before_the_headline_goes(cell: str, goes: bool) -> None:
    table = f"<table width='100%'><tr><td class='top'>{cell}</td></tr></table>"
    page = lxml.html.fromstring(f"<div>{table}<h1>{TITLE}</h1><p>{LEAD}</p><p>{P1}</p></div>")
    assert bool(drop_header_tables(next(page.iter("h1")))) is goes
    if goes:
        assert _result_of_page(f"{table}<h1>{TITLE}</h1><p>{LEAD}</p><p>{P1}</p>") == [LEAD, P1]


@pytest.mark.parametrize(
    "table",
    [
        # the same row in the text: a match's number, day and ground
        "<table><tr><td>Spiel Nr. 12</td><td>14.03.2026</td><td>Stadion</td></tr></table>",
        # a table of events before the text: dates, no item's number
        "<table><tr><td>Konzert</td><td>12.12.2026 19:30 Uhr</td><td>Stadthalle</td></tr></table>",
        # a table of numbered items with prices
        "<table><tr><td>Nr. 3</td><td>12.03.2026</td><td>14,90 Euro</td></tr></table>",
    ],
)
def test_a_table_of_data_like_a_service_row_stays(table: str) -> None:
    in_text = _text_of_page(f"<p>{LEAD}</p>{table}<p>{P1}</p>")
    assert in_text[0] == LEAD and in_text[1].startswith("| ") and in_text[2] == P1
    if "Spiel" not in table:
        before = _result_of_page(f"{table}<h1>{TITLE}</h1><p>{LEAD}</p><p>{P1}</p>")
        assert before[0].startswith("| ")


@pytest.mark.parametrize(
    ("cell", "goes"),
    [
        (
            "2026-03-03 09:12 &nbsp;&nbsp; Quelle: Seetal Funk &nbsp;&nbsp; Autorin: Lea Brandt",
            True,
        ),
        ("Datum: 03.03.2026 | Autor: Jonas Okafor", True),
        # a row of data: no labels of an item's data, or no date
        ("12.03.2026 &nbsp;&nbsp; Ort: Stadthalle &nbsp;&nbsp; Eintritt: frei", False),
        ("Quelle: Seetal Funk &nbsp;&nbsp; Autorin: Lea Brandt", False),
    ],
)
def test_an_info_row_in_a_table_under_the_headline_goes(cell: str, goes: bool) -> None:
    body = f"<h1>{TITLE}</h1><table><tr><td class='i'>{cell}</td></tr></table><p>{LEAD}</p>"
    assert (_result_of_page(f"{body}<p>{P1}</p>") == [LEAD, P1]) is goes


_RELATED_ROWS = (
    "<tr><td>&raquo; <a href='/a1'>Neue Ampel an der Uferstraße</a></td></tr>"
    "<tr><td>- <a href='/a2'>Stadtfest mit Rekord</a></td></tr>"
)


def test_a_table_of_links_under_a_teasers_label_after_the_text_goes() -> None:
    table = f"<table><tr><td><b>Mehr aus Lokales</b></td></tr>{_RELATED_ROWS}</table>"
    assert _text_of_page(f"<div><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{table}</div>") == [
        LEAD,
        P1,
        P2,
    ]


@pytest.mark.parametrize(
    "label",
    [
        "<b>Unterlagen zur Sitzung</b>",  # a list of documents under another label
        "<a href='/lokales'>Mehr aus Lokales</a>",  # a row of links, no label
    ],
)
def test_a_table_of_links_under_another_label_stays(label: str) -> None:
    table = f"<table><tr><td>{label}</td></tr>{_RELATED_ROWS}</table>"
    text = _text_of_page(f"<div><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{table}</div>")
    assert any("Stadtfest mit Rekord" in line for line in text)


# --- an info line with a bare reading time -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("4 Min. · 14.05.2026 · Von Ole Brandt mit dpa", ("Ole Brandt",)),
        ("Lesedauer | 7 Minuten | Von Anna Beispiel", ("Anna Beispiel",)),
        ("ca. 5 Min. · 3. Februar 2026", ()),
    ],
)
def test_an_info_line_with_a_bare_duration_beside_a_date_or_byline_goes(
    line: str, authors: tuple[str, ...]
) -> None:
    kept, dropped = clean([LEAD, line, P1], authors=authors)
    assert kept == [LEAD, P1]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        # a duration beside words of the text
        "3 Min. · Halbzeit",
        "Nach 3 Min. · das 1:0",
        "Die Sitzung dauerte 45 Minuten · danach ging es weiter",
    ],
)
def test_a_duration_beside_body_words_stays(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


# --- a note that the text appeared first in a named publication ---------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Dieser Artikel erschien zuerst im «Oberländer Tagblatt».",
        "Dieser Beitrag ist ursprünglich in der „Hafenpost“ vom 2. Mai 2026 erschienen.",
        'Dieser Text wurde erstmals im "Kreisboten" veröffentlicht.',
        "Diese Reportage erschien zuerst in der Wochenzeitung »Der Landbote«.",
        "Dieser Kommentar erschien zuerst in der „Weser-Post“, 14.03.2026",
    ],
)
def test_a_note_naming_the_publication_in_quotes_the_text_appeared_in_first_goes(
    line: str,
) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["meta:partner"]


@pytest.mark.parametrize(
    "line",
    [
        # another's text, reported on
        "Das Interview erschien zuerst in der «Wochenpost» und sorgte für Aufregung.",
        "Das Interview erschien zuerst in der «Wochenpost».",
        # no publication named
        "Dieser Artikel erschien zuerst im Jahr 2019.",
        # the sentence goes on past the name
        "Diese Meldung erschien zuerst im «Abendblatt», bestätigte die Polizei am Montag.",
        "Dieser Satz, den er zuerst im «Abendblatt» las, erschien ihm seltsam.",
    ],
)
def test_sentences_about_a_first_publication_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


# --- a press release's "About <sender>" block ----------------------------------------------------

SENDER = "Moorfreunde e. V. schützt seit 1987 Hochmoore im Landkreis und zählt 900 Mitglieder."


@pytest.mark.parametrize(
    "tail",
    [
        # a name with abbreviations' periods, the contact block after it
        ["Über Moorfreunde e. V.", SENDER, "Pressekontakt:", "Tel. 04401 55-12"],
        # two paragraphs, the second naming the sender's site
        [
            "Über den Moorfreunde e. V.",
            SENDER,
            "Mehr über die Arbeit des Vereins unter www.moorfreunde.example.org",
        ],
        # two paragraphs, the second naming the sender, a contact block after them
        [
            "Über Moorfreunde e. V.:",
            SENDER,
            "Moorfreunde e. V. ist vom Land als Naturschutzverband anerkannt.",
            "Rückfragehinweis:",
            "presse@moorfreunde.example.org",
        ],
        # in English, with "The"
        [
            "About Northfield Water Trust",
            "The Northfield Water Trust restores rivers and wetlands across the county.",
        ],
        ["Über die Kunz GmbH & Co. KG", "Die Kunz GmbH & Co. KG baut seit 1952 Landmaschinen."],
    ],
)
def test_a_releases_about_the_sender_block_goes(tail: list[str]) -> None:
    kept, dropped = clean([LEAD, P1, P2, *tail])
    assert kept == [LEAD, P1, P2]
    assert {d.rule for d in dropped} == {"meta:release"}


@pytest.mark.parametrize(
    "tail",
    [
        # a sentence of the text
        ["Über den Verein berichtete die Lokalzeitung schon 1990.", P3],
        # a subheading over two paragraphs of the text on its subject
        ["Über die Brücke", "Die Brücke über den Kanal ist seit Mai gesperrt.", P3],
        # a subheading over a paragraph and more of the text
        ["Über Moorfreunde e. V.", SENDER, P3, "Der Verein will 2027 weitere Flächen kaufen."],
    ],
)
def test_a_subheading_about_the_subject_closing_the_text_stays(tail: list[str]) -> None:
    kept, _ = clean([LEAD, P1, *tail])
    assert kept == [LEAD, P1, *tail]


# --- boxes beside the text: a place's address and opening hours, a pull quote -----------------

ADDRESS_BOXES = [
    "<div class='info'><h4>Hofladen Brandt</h4><p>Lindenweg 12, 26180 Rastede</p>"
    "<p>Mo–Fr 9 bis 18 Uhr, samstags 8–13 Uhr</p></div>",
    "<div class='kasten'><p><b>Museum im Zollhaus</b></p><p>Am Hafen 2, Kielsand</p>"
    "<p>Eintritt frei</p></div>",
    "<section class='adresse'><ul><li>Galerie Nordlicht</li><li>Bahnhofstr. 7a</li>"
    "<li>Öffnungszeiten: täglich 11:00 - 17:00</li></ul></section>",
]


@pytest.mark.parametrize("box", ADDRESS_BOXES)
def test_a_box_of_an_address_and_opening_hours_beside_the_text_goes(box: str) -> None:
    article = f"<article><p>{LEAD}</p><p>{P1}</p>{box}<p>{P2}</p><p>{P3}</p></article>"
    assert _text_of_page(article) == [LEAD, P1, P2, P3]


def test_an_address_in_a_sentence_and_a_box_of_sentences_stay() -> None:
    line = "Der Laden am Lindenweg 12 öffnet samstags von 9 bis 12 Uhr, sagt die Inhaberin."
    box = (
        "<div class='abschnitt'><p>Der Markt zieht um.</p><p>Neu ist er am Lindenweg 12.</p>"
        "<p>Dort gibt es mehr Platz.</p></div>"
    )
    article = f"<article><p>{LEAD}</p><p>{line}</p>{box}<p>{P2}</p><p>{P3}</p></article>"
    assert _text_of_page(article) == [
        LEAD,
        line,
        "Der Markt zieht um.",
        "Neu ist er am Lindenweg 12.",
        "Dort gibt es mehr Platz.",
        P2,
        P3,
    ]


@pytest.mark.parametrize(
    ("quote", "paragraph"),
    [
        (
            "„Ohne die Spenden müssten wir unsere Ausgabestelle schließen.“",
            "Die Leiterin der Tafel sagt, ohne die Spenden müssten sie ihre Ausgabestelle"
            " schließen. Die Nachfrage sei gestiegen.",
        ),
        (
            "»Ich habe mein Leben lang auf diesem Hof gearbeitet.«",
            "Er habe sein Leben lang auf diesem Hof gearbeitet, erzählt der Landwirt.",
        ),
    ],
)
def test_a_pull_quote_the_text_reports_in_indirect_speech_goes(quote: str, paragraph: str) -> None:
    for block in (f"<blockquote>{quote}</blockquote>", f"<blockquote><p>{quote}</p></blockquote>"):
        article = f"<article><p>{LEAD}</p><p>{paragraph}</p><p>{P1}</p>{block}<p>{P2}</p></article>"
        assert _text_of_page(article) == [LEAD, paragraph, P1, P2]


def test_a_quotation_whose_words_the_text_does_not_print_stays() -> None:
    quote = "„Wir werden unsere Ausgabestelle niemals schließen, egal was kommt.“"
    paragraph = "Die Leiterin der Tafel sagt, die Ausgabestelle werde nicht schließen."
    article = (
        f"<article><p>{LEAD}</p><p>{paragraph}</p><blockquote>{quote}</blockquote>"
        f"<p>{P2}</p></article>"
    )
    assert _text_of_page(article) == [LEAD, paragraph, quote, P2]


@pytest.mark.parametrize(
    "h1",
    [
        f"<span class='kicker'>Verkehr</span><span class='headline'>{TITLE}</span>",
        f"<em>Kommunalpolitik</em><strong>{TITLE}</strong>",
    ],
)
def test_a_kicker_glued_to_the_headline_in_the_h1_does_not_reach_the_text(h1: str) -> None:
    article = f"<article><header><h1>{h1}</h1></header><section><p>{LEAD}</p><p>{P1}</p>"
    assert _page_text(article + f"<p>{P2}</p></section></article>") == [LEAD, P1, P2]


def test_a_word_glued_before_the_headline_line_goes_with_it() -> None:
    kept, dropped = clean([f"Radverkehr{TITLE}", LEAD, P1])
    assert kept == [LEAD, P1]
    assert dropped[0].rule == "title:repeated"


def test_a_one_word_subheading_in_the_text_stays() -> None:
    kept, _ = clean([TITLE, LEAD, "Hintergrund", P1, "Kosten", P2])
    assert kept == [LEAD, "Hintergrund", P1, "Kosten", P2]


@pytest.mark.parametrize(
    "lead",
    [
        f"<p><b>{LEAD}</b></p>",
        "<p><strong>Der Stadtrat von Lindhaven hat am Donnerstag den Bau eines Radwegs"
        " beschlossen.</strong> <strong>Die Arbeiten sollen im Frühjahr beginnen.</strong></p>",
    ],
)
def test_a_bold_paragraph_under_the_headline_outside_the_text_is_the_lead(lead: str) -> None:
    banner = "<div style='background:#eee'>Archivkopie – Original nicht mehr erreichbar</div>"
    text = f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    lines = _page_text(f"{banner}<h1>{TITLE}</h1>{lead}{text}")
    assert lines[1:] == [P1, P2, P3]
    assert lines[0].startswith("Der Stadtrat von Lindhaven hat am Donnerstag")


@pytest.mark.parametrize(
    "above",
    [
        # a bold label or a bold link under the headline is no lead
        "<p><b>Aktualisiert am Donnerstag</b></p>",
        "<p><b><a href='/lokal/radweg-0.html'>Alle Berichte zum Radweg an der Uferstraße im"
        " Überblick.</a></b></p>",
        # a bold sentence that does not stand right under the headline
        "<p>Lindhaven, 14. März</p><p><b>Die Bürgerinitiative sammelt weiter Unterschriften"
        " für einen sicheren Radweg.</b></p>",
    ],
)
def test_other_bold_paragraphs_near_the_headline_are_no_lead(above: str) -> None:
    text = f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    assert _page_text(f"<h1>{TITLE}</h1>{above}{text}") == [P1, P2, P3]


# --- notes on the text: an editors' disclaimer, a rights notice, a first publication ----------


@pytest.mark.parametrize(
    "line",
    [
        "Die in diesem Gastbeitrag vertretenen Ansichten müssen nicht die Haltung des Verlags"
        " wiedergeben.",
        "Die in dieser Kolumne geäußerten Meinungen entsprechen nicht unbedingt der Meinung"
        " der Redaktion.",
        "Die Positionen der Autorin decken sich nicht mit der Linie der Redaktion.",
        "Die Einschätzungen des Gastautors spiegeln nicht die Sicht des Herausgebers wider.",
        "The views expressed in this column are the author's own and do not necessarily"
        " reflect those of the publisher.",
        "Die im Text vertretenen Meinungen müssen nicht mit denen der Redaktion übereinstimmen.",
        "Die im Gastbeitrag geäußerten Positionen stimmen nicht mit der der Redaktion überein.",
        "Die mit dem Kommentar vertretenen Ansichten müssen nicht mit denen des Verlags"
        " übereinstimmen",
    ],
)
def test_an_editors_disclaimer_on_the_texts_views_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: "meta:disclaimer"}


@pytest.mark.parametrize(
    "line",
    [
        # someone else's views, or the sentence goes on past the verb
        "Die Einschätzung der Experten deckt sich nicht mit der Haltung des Verlags.",
        "Die Einschätzungen der Gastautorin entsprechen nicht der Linie der Redaktion, räumte"
        " der Herausgeber ein.",
        "Seine Positionen entsprechen nicht der Linie der Partei.",
        "Die im Beitrag geäußerten Ansichten müssen nicht mit denen der Redaktion übereinstimmen,"
        " sagte die Chefredakteurin.",
        "Die im Stadtrat geäußerten Ansichten stimmen nicht mit denen der Verwaltung überein.",
    ],
)
def test_sentences_on_views_and_an_editorial_line_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Nachdruck nur mit Genehmigung des Verlags.",
        "Weiterverbreitung und Nachdruck dieses Artikels nur mit schriftlicher Zustimmung der"
        " Redaktion",
        "Die Veröffentlichung dieser Nachricht ist ausschließlich mit Quellenangabe erlaubt.",
        "Vervielfältigung nur mit Nennung der Quelle gestattet",
        "Alle Rechte vorbehalten.",
    ],
)
def test_a_rights_notice_on_the_text_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: "meta:disclaimer"}


@pytest.mark.parametrize(
    "line",
    [
        "Die Verbreitung von Falschmeldungen nimmt zu.",
        "Die Weitergabe dieser Daten ist nur mit Zustimmung der Betroffenen erlaubt.",
        "Der Nachdruck des Buches ist nur mit Genehmigung des Verlags erlaubt, sagte sie.",
        "Die Nutzung des Sportplatzes ist nur mit Genehmigung der Stadt möglich.",
        "Die Nutzung ist nur mit Genehmigung der Stadt möglich.",
    ],
)
def test_sentences_on_spreading_and_permission_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Dieser Artikel erschien zuerst in der Lindhavener Rundschau.",
        "Dieser Text wurde erstmals im Talheimer Boten veröffentlicht.",
        "Dieser Beitrag ist ursprünglich in der Welt am Sonntag erschienen.",
        "Dieser Kommentar erschien zuerst im Südkurier.",
        "Diese Reportage erschien zuerst im Seeländer Wochenblatt vom 12. März 2026.",
    ],
)
def test_a_note_naming_the_paper_without_quotes_the_text_appeared_in_first_goes(
    line: str,
) -> None:
    kept, dropped = clean([LEAD, P1, line])
    assert kept == [LEAD, P1]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Er erschien zuerst im Kreistag, dann im Landtag.",
        "Dieser Bericht wurde zuerst im Stadtrat veröffentlicht.",
        "Dieser Artikel erschien zuerst im Jahr 2019.",
        "Das Interview erschien zuerst in der Lindhavener Rundschau.",
        "Dieser Artikel erschien zuerst im Kaufbacher Anzeiger und dann in zwölf anderen.",
    ],
)
def test_sentences_on_a_first_appearance_without_quotes_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


# --- lines of a credits, paywall, tool or gallery box ------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # "role: name" items parted by a slash
        ("Text: Ida Lorenz / Fotos: Paul Brenner", "meta:byline"),
        ("Recherche: Ole Brandt/Text: Ida Lorenz/Grafik: Jan Wiese", "meta:byline"),
        # a paywall's label
        ("Nur für Abonnentinnen und Abonnenten", "promo:paywall"),
        ("Exklusiv für Abo-Kunden", "promo:paywall"),
        ("Plus-Artikel", "promo:paywall"),
        # a tool's link naming the text
        ("Diesen Artikel per E-Mail versenden", "chrome:ui-token"),
        ("Beitrag drucken", "chrome:ui-token"),
        ("Die Nachricht merken", "chrome:ui-token"),
        # a gallery's counter
        ("24 Fotos", "chrome:ui-token"),
        ("(8 Bilder)", "chrome:ui-token"),
        ("+ 5 weitere Bilder", "chrome:ui-token"),
        ("16 Bilder in der Galerie", "chrome:ui-token"),
        ("Galerie mit 9 Aufnahmen", "chrome:ui-token"),
    ],
)
def test_a_box_line_of_credits_paywall_tool_or_gallery_goes(line: str, rule: str) -> None:
    kept, dropped = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        "12 Bilder hängen in der Ausstellung, die am Freitag öffnet.",
        "Exklusiv für Abonnenten gibt es ab Montag eine neue Beilage.",
        "Diese Meldung teilen viele Leser nicht.",
        "Die Kinder malten 30 Bilder für das Fest.",
        "Thema: Verkehr / Ort: Uferstraße",
    ],
)
def test_body_lines_like_box_lines_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "markup",
    [
        "<p class='hinweis'><small>Die in diesem Artikel geäußerten Ansichten müssen nicht die"
        " Meinung der Redaktion wiedergeben.</small></p>",
        "<div class='copy'>Nachdruck und Weiterverbreitung nur mit Quellenangabe.</div>",
        "<p><a href='?druck=1'>Diesen Beitrag drucken</a></p>",
        "<span class='count'>18 Fotos</span>",
        "<div class='badge'><span>Nur für Abonnenten</span></div>",
        "<p><em>Text: Ida Lorenz / Bilder: Paul Brenner</em></p>",
        # a sources list under its label
        "<div class='src'><b>Verwendete Quellen</b><ul><li>Nachrichtenagentur dpa</li>"
        "<li>Angaben des Landratsamts</li></ul></div>",
        "<h4>Quellen:</h4><ol><li>Bericht der Landesregierung</li></ol>",
        "<p><strong>Genutzte Quellen</strong></p><ul><li>Eigene Recherche</li>"
        "<li>Statistisches Landesamt, Mai 2026</li></ul>",
        # a reader poll: a question over its answer options
        "<div class='poll'><p>Wie reisen Sie in den Urlaub?</p><label>Mit dem Auto</label>"
        "<label>Mit der Bahn</label><label>Mit dem Flugzeug</label></div>",
        "<form><fieldset><legend>Umfrage: Sollte die Uferstraße autofrei werden?</legend>"
        "<label><input type='radio' name='a'> Ja</label><label><input type='radio' name='a'>"
        " Nein</label><button>Abstimmen</button></fieldset></form>",
        "<section><h4>Was haltet ihr vom neuen Radweg?</h4><input type='radio' name='b' "
        "value='gut'>Gut<input type='radio' name='b' value='schlecht'>Schlecht</section>",
        "<div><strong>Frage des Tages</strong><p>Fahren Sie im Winter Rad?</p>"
        "<button>Ja, täglich</button><button>Nur selten</button><button>Nie</button></div>",
        # ... with its vote count
        "<div class='tk-poll'><p>War die Entlassung richtig?</p><button>Ja</button>"
        "<button>Nein, zu früh</button><p>12.418 Stimmen abgegeben</p></div>",
        "<div><p>Soll die Brücke saniert werden?</p><label>Ja</label><label>Nein</label>"
        "<span>1204 Teilnehmer</span></div>",
        # a finance portal's quote box, under its label or over a broker's button
        "<div class='werte'><b>Werte im Artikel</b><table><tr><td>Rheinmark AG</td><td>48,62</td>"
        "<td>+3,14%</td></tr><tr><td>DAX</td><td>23.812</td><td>-0,40 %</td></tr></table></div>",
        "<div><table><tr><td>Nordwind Energie</td><td>18,42 EUR</td><td>−6,81 %</td></tr>"
        "</table><a href='/broker/'>Jetzt kaufen</a></div>",
        # a results or standings widget: its heading, the table, a link to the full version
        "<div class='sb-box'><h3>Gesamtwertung nach der 3. Etappe</h3><table><tr><td>1.</td>"
        "<td>F. Brenner</td><td>11:47:09</td></tr><tr><td>2.</td><td>I. Zubiaurre</td>"
        "<td>+0:19</td></tr></table><a href='/erg/'>Alle Ergebnisse</a></div>",
        "<div><h4>Tabelle Oberliga</h4><table><tr><th>Pl.</th><th>Verein</th><th>Pkt.</th></tr>"
        "<tr><td>1</td><td>TSV Au</td><td>31</td></tr><tr><td>2</td><td>SG Ried</td><td>28</td>"
        "</tr></table><p><a href='/tabelle/'>Zur kompletten Tabelle</a></p></div>",
        # a box closed by its end marker for screen readers
        "<div class='c-infobox'><p>Weitere Informationen</p><p>Sendung: RNH Regionalzeit,"
        " 30.09.2025, 19.30 Uhr</p><p>Ende der weiteren Informationen</p></div>",
        "<div><p>Zum Thema</p><p>Die Schule hat 640 Schüler.</p><p>Ende des Infokastens</p></div>",
        # a summary box closed by its note that a machine wrote it
        "<div class='summary'><p class='t'>Das Wichtigste in Kürze</p><ul><li>Die Uferstraße wird"
        " gesperrt.</li><li>Busse fahren Umwege.</li></ul><p>Diese Zusammenfassung wurde mit"
        " Hilfe von KI erstellt und von der Redaktion geprüft.</p></div>",
        "<aside><h4>Kurz gesagt</h4><p>Die Sperrung dauert drei Wochen.</p><p><em>Die"
        " Kurzfassung wurde mithilfe künstlicher Intelligenz generiert.</em></p></aside>",
        # a club's next match or date
        "<div class='next'><b>Nächstes Spiel</b><br>So., 14.12.2026, 17 Uhr: TSV Au – SG Ried"
        "</div>",
        "<div><h4>Nächstes Heimspiel</h4><p>Samstag, 20 Uhr, gegen den HC Lindau</p></div>",
        "<aside><strong>Kommende Spiele</strong><ul><li>Sa 13.12. 19:30 · TSV Au – TV Isny</li>"
        "<li>So 21.12. 17:00 · SG Ried – TSV Au</li></ul></aside>",
        "<div><p><b>Nächster Termin:</b></p><p>Jahreshauptversammlung, 9. Januar, 19 Uhr, "
        "Vereinsheim</p></div>",
    ],
)
def test_notes_and_box_lines_go_in_their_markup(markup: str) -> None:
    for article in (
        f"<article><p>{LEAD}</p><p>{P1}</p><p>{P2}</p>{markup}</article>",
        f"<article><p>{LEAD}</p>{markup}<p>{P1}</p><p>{P2}</p></article>",
    ):
        assert _text_of_page(article) == [LEAD, P1, P2]


def test_a_sentence_about_a_machine_made_summary_in_the_text_stays() -> None:
    note = "Die Zusammenfassung wurde mit Hilfe von KI erstellt, kritisiert der Verband."
    article = f"<article><p>{LEAD}</p><p>{P1}</p><p>{note}</p><p>{P2}</p></article>"
    assert _text_of_page(article) == [LEAD, P1, note, P2]
    # nor does a short text in a box of its own lose its paragraphs to that sentence
    article = f"<article><div><p>{LEAD}</p><p>{P1}</p><p>{note}</p></div></article>"
    assert _text_of_page(article) == [LEAD, P1, note]


@pytest.mark.parametrize(
    "closing",
    [
        # a source line, a sentence with a link, or no closing line at all
        "<p>Quelle: Statistisches Landesamt</p>",
        "<p>Die vollständige Wertung finden Sie <a href='/erg/'>auf der Seite des Verbands</a></p>",
        "",
    ],
)
def test_a_table_under_its_heading_without_a_link_to_the_full_version_stays(closing: str) -> None:
    table = (
        "<div><h3>Gesamtwertung nach der 3. Etappe</h3><table><tr><td>1.</td><td>F. Brenner</td>"
        f"<td>11:47:09</td></tr><tr><td>2.</td><td>I. Zubiaurre</td><td>+0:19</td></tr></table>"
        f"{closing}</div>"
    )
    lines = _text_of_page(f"<article><p>{LEAD}</p><p>{P1}</p>{table}<p>{P2}</p></article>")
    assert "| 1. | F. Brenner | 11:47:09 |" in lines


_DATA_TABLE = (
    "<table><thead><tr><th>Kennzahl</th><th>2025</th><th>2024</th></tr></thead><tbody>"
    "<tr><td>Umsatz</td><td>412</td><td>426</td></tr></tbody></table>"
)
_DATA_ROWS = ["| Kennzahl | 2025 | 2024 |", "| Umsatz | 412 | 426 |"]


@pytest.mark.parametrize(
    "below",
    [
        f"{_DATA_TABLE}<p class='table-source'>Daten: Unternehmensangaben</p>",
        f"{_DATA_TABLE}<p>Quelle: Statistisches Landesamt, eigene Berechnung</p>",
        f"<div class='tbl'>{_DATA_TABLE}</div><small>Datenquelle: Destatis</small>",
        f"<figure>{_DATA_TABLE}</figure><div><em>Quellen: Bundesagentur für Arbeit; IAB</em></div>",
    ],
)
def test_the_source_line_under_a_data_table_goes_with_it(below: str) -> None:
    lines = _text_of_page(f"<article><p>{LEAD}</p><p>{P1}</p>{below}<p>{P2}</p></article>")
    assert not [line for line in lines if ":" in line]
    assert set(_DATA_ROWS) <= set(lines) and {LEAD, P1, P2} <= set(lines)


_SOURCE_SENTENCE = (
    "Quelle: Die Zahlen stammen aus dem Geschäftsbericht. Der Konzern hat sie im März vorgelegt, "
    "nachdem die Prüfer sie testiert hatten."
)


@pytest.mark.parametrize(
    ("after_table", "kept"),
    [
        # a source line away from a table names a figure's source in the text
        (f"<p>{P1}</p><p>Quelle: Statistisches Landesamt</p>", "Quelle: Statistisches Landesamt"),
        # a paragraph under the table that talks about the figures
        (f"<p>{_SOURCE_SENTENCE}</p>", _SOURCE_SENTENCE),
        ("<p>Daten: wie diese zeigen, wie stark das Geschäft schwankt!</p>", None),
    ],
)
def test_a_source_like_line_that_is_no_table_s_stays(after_table: str, kept: str | None) -> None:
    lines = _text_of_page(f"<article><p>{LEAD}</p>{_DATA_TABLE}{after_table}<p>{P2}</p></article>")
    wanted = kept or after_table[3:-4]
    assert wanted in lines


# --- a letter's salutation opening the text ------------------------------------------------------

LETTER = (
    "in diesen Wochen wird im Gemeindehaus gebaut, und manches ist lauter als sonst. Ich danke "
    "allen, die dafür Geduld aufbringen."
)


@pytest.mark.parametrize(
    ("line", "stays"),
    [
        ("Liebe Gemeinde,", True),
        ("Liebe Leserinnen und Leser,", True),
        ("Sehr geehrte Damen und Herren,", True),
        ("Lieber Freundeskreis des Tierheims,", True),
        ("Hallo zusammen,", True),
        ("Dear members,", True),
        # addresses only, closed by an exclamation mark
        ("Liebe Pfarrgemeinde, liebe Schwestern und Brüder!", True),
        ("Sehr geehrte Damen und Herren!", True),
        # an address and a call
        ("Liebe Leser, jetzt abonnieren!", False),
        # a label, no address
        ("Aus dem Pfarrbüro", False),
        # an address going on into a prompt
        ("Liebe Leserin, lieber Leser, bitte melden Sie sich an.", False),
        # no comma closing it
        ("Liebe Gemeinde", False),
    ],
)
def test_a_letters_salutation_opening_the_text_stays(line: str, stays: bool) -> None:
    kept, _ = clean([line, LETTER, P1], title="Baustelle im Gemeindehaus")
    assert kept == [line, LETTER, P1] if stays else [LETTER, P1]
    # a label above a salutation is no part of the letter
    kept, _ = clean(["Gemeindebrief", line, LETTER, P1], title="Baustelle im Gemeindehaus")
    assert kept == [line, LETTER, P1] if stays else line not in kept


def test_a_trail_and_a_label_above_an_exclaimed_salutation_go() -> None:
    salutation = "Liebe Pfarrgemeinde, liebe Schwestern und Brüder!"
    lines = ["Pfarrblatt › Ostern 2026", "Wort des Pfarrers", salutation, LETTER, P1]
    kept, _ = clean(lines, title="Wenn der Stein weggerollt ist")
    assert kept == [salutation, LETTER, P1]


def test_a_login_prompt_addressing_the_reader_still_goes() -> None:
    prompt = "Liebe Leserin, lieber Leser, bitte loggen Sie sich ein, um zu kommentieren."
    kept, dropped = clean([LEAD, P1, P2, prompt])
    assert kept == [LEAD, P1, P2]
    assert prompt in rules_of(dropped)


# --- disclaimers, credits lines, sources lists, polls and next-match boxes -----------------------

DISCLAIMER = "meta:disclaimer"


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # the editors distancing themselves from an opinion
        ("Gastkommentare geben nicht zwingend den Standpunkt der Redaktion wieder.", DISCLAIMER),
        ("Leserbriefe entsprechen nicht automatisch der Sichtweise unserer Redaktion.", DISCLAIMER),
        (
            "Namentlich gekennzeichnete Beiträge geben nicht zwangsläufig die Standpunkte des "
            "Verlags wieder.",
            DISCLAIMER,
        ),
        # ... or saying the views need not be the editors'
        (
            "Vostok TV DE bemüht sich um ein breites Meinungsspektrum. Gastbeiträge und "
            "Meinungsartikel müssen nicht die Sichtweise der Redaktion widerspiegeln.",
            DISCLAIMER,
        ),
        ("Leserbriefe müssen nicht die Meinung der Redaktion wiedergeben.", DISCLAIMER),
        # reported speech, another body's standpoint
        (
            "„Das spiegelt nicht zwingend die Sichtweise der Redaktion wider“, sagte der Verleger.",
            None,
        ),
        ("Die Mitarbeiter müssen nicht die Position der Zeitung vertreten, sagte er.", None),
        ("Die Abgeordneten müssen nicht die Linie der Fraktion teilen.", None),
        ("Der Beschluss entspricht nicht automatisch dem Standpunkt der Fraktion.", None),
        # a credits line of names and their roles, parted by commas, "und" or "&"
        ("Mara Lindqvist (Text) und Jonas Ebner (Fotos)", "meta:byline"),
        ("Text: Mara Lindqvist, Bilder: Jonas Ebner", "meta:byline"),
        ("Jonas Ebner (Bilder) & Mara Lindqvist (Text)", "meta:byline"),
        ("Mara Lindqvist (Text), Jonas Ebner (Fotos) und Pia Horn (Grafik)", "meta:byline"),
        # names with their parties in brackets, children and parents with theirs
        ("Anna Beispiel (SPD) und Bernd Muster (CDU) stimmten gegen den Antrag.", None),
        ("Anna Beispiel (SPD) und Bernd Muster (CDU)", None),
        ("Die Kinder (Klasse 3) und die Eltern (Vorstand) pflanzten den Baum.", None),
    ],
)
def test_disclaimers_and_credits_lines_go_and_sentences_like_them_stay(
    line: str, rule: str | None
) -> None:
    kept, dropped = clean([LEAD, line, P1], authors=("Mara Lindqvist",))
    assert kept == ([LEAD, P1] if rule else [LEAD, line, P1])
    assert rules_of(dropped).get(line) == rule


def test_a_heading_quellen_over_sentences_stays() -> None:
    springs = (
        "<h3>Quellen</h3><ul><li>Die Lauterquelle schüttet im Sommer kaum noch Wasser.</li>"
        "<li>Am Hirschbrunnen ist der Pegel seit Mai um einen halben Meter gesunken.</li></ul>"
    )
    article = f"<article><p>{LEAD}</p><p>{P1}</p>{springs}<p>{P2}</p></article>"
    lines = _text_of_page(article)
    assert any("Lauterquelle" in line for line in lines)


def test_a_quoted_poll_question_and_a_form_stay() -> None:
    quoted = (
        "Auf die Frage „Wie reisen Sie in den Urlaub?“ antworteten 41 Prozent der Befragten: "
        "mit dem Auto."
    )
    article = f"<article><p>{LEAD}</p><p>{quoted}</p><p>{P1}</p></article>"
    assert _text_of_page(article) == [LEAD, quoted, P1]
    # a question of the text over its own paragraph has no answer options
    question = "Wer zahlt den Radweg?"
    faq = f"<div><h3>{question}</h3><p>{P2}</p></div>"
    article = f"<article><p>{LEAD}</p><p>{P1}</p>{faq}<p>{P3}</p></article>"
    assert P2 in _text_of_page(article)


@pytest.mark.parametrize(
    ("markup", "line"),
    [
        # a table of prices in the text, among its paragraphs, and one with a header row
        (
            f"<div><p>{P2}</p><table><tr><td>Adidas</td><td>212,40</td><td>+3,1 %</td></tr>"
            "</table><p>Die Gewinner des Tages.</p></div>",
            "| Adidas | 212,40 | +3,1 % |",
        ),
        (
            "<div class='werte'><table><tr><th>Wert</th><th>Kurs</th><th>Änderung</th></tr>"
            "<tr><td>DAX</td><td>23.812</td><td>+0,40%</td></tr></table></div>",
            "| DAX | 23.812 | +0,40% |",
        ),
        # a box under a label without the end marker of a box
        (
            "<div><p>Weitere Informationen</p><p>Die Schule zählt 640 Schüler und 52 Lehrer.</p>"
            "<p>Das Verbot gilt seit dem Sommer.</p></div>",
            "Die Schule zählt 640 Schüler und 52 Lehrer.",
        ),
    ],
)
def test_a_table_of_prices_in_the_text_and_a_box_without_end_marker_stay(
    markup: str, line: str
) -> None:
    assert line in _text_of_page(f"<article><p>{LEAD}</p><p>{P1}</p>{markup}<p>{P3}</p></article>")


def test_the_next_match_in_the_text_stays() -> None:
    sentence = "Das nächste Spiel bestreitet die SG am Samstag in Haslach."
    article = f"<article><p>{LEAD}</p><p>{P1}</p><p>{sentence}</p></article>"
    assert _text_of_page(article) == [LEAD, P1, sentence]
    # a subheading of the text over sentences
    box = f"<div><h3>Nächstes Spiel</h3><p>{sentence}</p></div>"
    article = f"<article><div><p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>{box}</article>"
    assert sentence in _text_of_page(article)


@pytest.mark.parametrize(
    ("intro", "items"),
    [
        ("Die Platzierungen:", ["1. Schützenverein Moosdorf", "2. Musikkapelle Tannberg"]),
        (
            "Auf dem Programm stehen:",
            ["Führung durch die Altstadt", "Konzert im Pfarrsaal", "Laternenumzug am Abend"],
        ),
    ],
)
def test_a_short_list_a_paragraph_announces_with_a_colon_stays(
    intro: str, items: list[str]
) -> None:
    listing = "".join(f"<li>{item}</li>" for item in items)
    tag = "ol" if items[0][0].isdigit() else "ul"
    text = _page_text(
        f"<div class='beitrag'><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{intro}</p>"
        f"<{tag}>{listing}</{tag}><p>{P3}</p></div>"
    )
    start = text.index(intro)
    assert text[start : start + len(items) + 2] == [intro, *items, P3]


def test_a_list_of_links_after_a_colon_stays_out() -> None:
    text = _page_text(
        f"<div class='beitrag'><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>Mehr dazu:</p>"
        "<ul><li><a href='/a'>Radweg eröffnet</a></li><li><a href='/b'>Brücke gesperrt</a></li>"
        f"</ul><p>{P3}</p></div>"
    )
    assert "Radweg eröffnet" not in text


# --- a caption box with its credit, a follow call, a media item's lines, a closing byline ----


@pytest.mark.parametrize(
    "box",
    [
        "<div class='bild'><img src='a.jpg' alt=''><p class='bu'>Die Uferstraße am Morgen.</p>"
        "<p class='copy'>Foto: Jana Krollmann</p></div>",
        "<div class='media'><a href='/bilder/1'><img src='a.jpg'></a>"
        "<p>Blick auf die Baustelle.</p><p>Die neue Brücke.</p><p>Bild: Stadt Lindhaven</p></div>",
    ],
)
def test_a_picture_box_of_caption_and_credit_paragraphs_goes(box: str) -> None:
    assert _text_of_page(f"<div class='art'>{box}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>") == [
        LEAD,
        P1,
        P2,
    ]


@pytest.mark.parametrize(
    ("box", "counter"),
    [
        (
            "<div class='kasten'>{}<img src='a.jpg' alt=''><p>Die Uferstraße am Morgen.</p></div>",
            "<span class='nr'>Bild 2 von 9</span>",
        ),
        (
            "<div class='kasten'><div class='innen'><img src='b.jpg' alt=''></div>{}"
            "<p>Blick auf die Baustelle. Im Mai soll sie fertig sein.</p></div>",
            "<div class='zaehler'>3/12</div>",
        ),
    ],
)
def test_a_gallery_slides_caption_goes_even_as_a_sentence(box: str, counter: str) -> None:
    rest = f"<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>"
    assert _text_of_page(f"<div class='art'>{box.format(counter)}{rest}") == [LEAD, P1, P2]
    # without the counter, a sentence beside a picture is the text's
    assert len(_text_of_page(f"<div class='art'>{box.format('')}{rest}")) == 4


@pytest.mark.parametrize(
    "picture",
    [
        "<p><img src='a.jpg' width='400' alt='Staffel'><br><font size='1'>Die Uferstraße am "
        "Morgen, von der Brücke aus gesehen</font></p>",
        "<p><img src='b.jpg'><br/><small>Blick auf die Baustelle</small><br/><i>Foto: Stadt</i>"
        "</p>",
        "<p><img src='b.jpg'><br/><small>Blick auf die Baustelle</small></p>",
    ],
)
def test_a_caption_in_the_pictures_paragraph_after_a_line_break_goes(picture: str) -> None:
    page = f"<td class='inhalt'><p>{LEAD}</p>{picture}<p>{P1}</p><p>{P2}</p></td>"
    assert _text_of_page(page) == [LEAD, P1, P2]


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        # a sentence of the text after the picture
        (f"<p><img src='a.jpg'><br>{P3}</p>", P3),
        # text before the picture, and a paragraph of two pictures: no picture's caption
        ("<p>Die Uferstraße am Morgen <img src='a.jpg'><br>von der Brücke</p>", "Die Uferstraße"),
        ("<p><img src='a.jpg'><img src='b.jpg'><br>Die Uferstraße am Morgen</p>", "Die Uferstraße"),
    ],
)
def test_text_in_a_pictures_paragraph_stays_when_it_is_no_caption(
    paragraph: str, kept: str
) -> None:
    page = f"<td class='inhalt'><p>{LEAD}</p>{paragraph}<p>{P1}</p><p>{P2}</p></td>"
    assert _text_of_page(page)[1].startswith(kept)


_CAPTION = "Mit Blick ins Rheintal: Die neue Station liegt auf 1.080 Metern am Parkplatz."


@pytest.mark.parametrize(
    "box",
    [
        f"<div class='bild-gross'><img src='a.jpg' alt=''><p class='bildtext'>{_CAPTION}</p></div>",
        f"<div class='foto'><div><img src='b.jpg'></div><p class='image-caption'>{_CAPTION}</p>"
        "<p class='caption-credit'>Foto: Jana Krollmann</p></div>",
        f"<div class='media'><img src='c.jpg'><p class='bu'>{_CAPTION}</p></div>",
    ],
)
def test_a_paragraph_marked_as_the_caption_in_a_pictures_box_goes_even_as_a_sentence(
    box: str,
) -> None:
    assert _text_of_page(f"<div class='art'>{box}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>") == [
        LEAD,
        P1,
        P2,
    ]


@pytest.mark.parametrize(
    ("picture", "goes"),
    [
        # in the text's flow, right after the picture or the paragraph holding only it
        (f"<img src='a.jpg' alt=''><p class='legende'>{P3}</p>", True),
        (
            f"<p align='center'><img src='a.jpg'></p><p align='center' class='pic_text'>{P3}</p>",
            True,
        ),
        (f"<p><img src='a.jpg' border='0'></p><p class='pic'>{P3}</p>", True),
        (f"<center><img src='a.jpg'></center><p class='bildtext'>{P3}</p>", True),
        (f"<div class='photo'><img src='a.jpg'><p class='photo_cap'>{P3}</p></div>", True),
        # no caption's mark, or text between the picture and the marked paragraph
        (f"<img src='a.jpg' alt=''><p class='lead'>{P3}</p>", False),
        (f"<p><img src='a.jpg'></p><p class='topic'>{P3}</p>", False),
        (f"<p><img src='a.jpg'></p><p>{P3}</p>", False),
        (f"<center><img src='a.jpg'></center><p class='intro'>{P3}</p>", False),
        (f"<img src='a.jpg' alt=''> Am Ufer <p class='legende'>{P3}</p>", False),
    ],
)
def test_a_paragraph_marked_as_the_caption_right_after_a_picture_goes(
    picture: str, goes: bool
) -> None:
    page = f"<div class='art'><p>{LEAD}</p>{picture}<p>{P1}</p><p>{P2}</p></div>"
    assert any(P3 in line for line in _text_of_page(page)) is not goes


_ITALIC_CAPTION = "Der neue Steg am Weiher kurz vor der Eröffnung."


@pytest.mark.parametrize(
    ("picture", "goes"),
    [
        # a line in italics of its own after the picture and its break, maybe in a small font
        (f"<p><img src='a.jpg'><br><i>{_ITALIC_CAPTION}</i></p>", True),
        (f"<img src='a.jpg'><br><font size='1'><em>{_ITALIC_CAPTION}</em></font><br><br>", True),
        (
            f"<p><img src='a.jpg'><br><span><i>{_ITALIC_CAPTION}</i></span><br></p>",
            True,
        ),
        # the text runs on after the italics, or the line is not in italics
        (f"<p><img src='a.jpg'><br><i>{_ITALIC_CAPTION}</i> Dann ging es weiter.</p>", False),
        (f"<p><img src='a.jpg'><br><font size='2'>{_ITALIC_CAPTION}</font></p>", False),
    ],
)
def test_a_line_in_italics_under_a_picture_goes_as_its_caption(picture: str, goes: bool) -> None:
    page = f"<div class='art'><p>{LEAD}</p>{picture}<p>{P1}</p><p>{P2}</p></div>"
    assert any(_ITALIC_CAPTION in line for line in _text_of_page(page)) is not goes


@pytest.mark.parametrize(
    "box",
    [
        # a lead beside the picture: its class marks no caption
        f"<div class='aufmacher'><img src='a.jpg' alt=''><p class='lead'>{P3}</p></div>",
        # a caption's class on one paragraph, the text's own paragraph beside it
        f"<div class='bild'><img src='a.jpg'><p class='bildtext'>{_CAPTION}</p><p>{P3}</p></div>",
        # a paragraph marked as a caption with no picture in its box
        f"<div class='kasten'><p class='legende'>{P3}</p></div>",
    ],
)
def test_a_sentence_beside_a_picture_without_a_captions_mark_stays(box: str) -> None:
    text = _text_of_page(f"<div class='art'>{box}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>")
    assert P3 in text


def test_a_picture_box_with_a_paragraph_of_text_stays() -> None:
    # a lead beside the picture, no credit closing the box
    box = f"<div class='aufmacher'><img src='a.jpg' alt=''><p>{BOX_FACT}</p><p>{P3}</p></div>"
    text = _text_of_page(f"<div class='art'>{box}<p>{LEAD}</p><p>{P1}</p><p>{P2}</p></div>")
    assert BOX_FACT in text and P3 in text


@pytest.mark.parametrize(
    "line",
    [
        "Folgen Sie dem Lindhavener-Anzeiger auf Instagram",
        "Folge der Nordsee-Zeitung auf WhatsApp!",
    ],
)
def test_a_call_to_follow_the_site_with_a_hyphenated_name_goes(line: str) -> None:
    kept, _ = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]


def test_a_report_on_following_a_network_stays() -> None:
    line = "Die Polizei-Pressestelle folgt seit Jahren dem Kurs, auf Facebook zu informieren."
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "lines",
    [
        ["Audio: Leere Talsperre lockt Schaulustige", "02:31 Min."],
        ["Video – Der Umzug durch die Altstadt", "1:05:12 Minuten"],
        ["Podcast: Wie geht es mit dem Hallenbad weiter?", "14:07 min"],
    ],
)
def test_an_audio_or_video_items_label_and_length_go(lines: list[str]) -> None:
    kept, dropped = clean([LEAD, *lines, P1, P2])
    assert kept == [LEAD, P1, P2]
    assert set(rules_of(dropped).values()) == {"media:player"}


@pytest.mark.parametrize(
    "line",
    [
        "Video: Die Polizei sucht nach dem Unfall an der Uferstraße weiter nach Zeugen.",
        "Um 02:31 Uhr ging der Notruf ein.",
        "3 Min.",
    ],
)
def test_sentences_like_a_media_items_lines_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Autor: Anna Beispiel, WMR Studio Siegen",
        "Von Anna Beispiel, ARD-Hauptstadtstudio",
        "Anna Beispiel, Redaktion Politik",
        "Autor: Anna Beispiel, NWR Kirchdorf",
        "Von Anna Beispiel, RB Nordtal · 04.12.2026",
    ],
)
def test_a_closing_byline_with_a_newsroom_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line], authors=("Anna Beispiel",))
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: "meta:byline"}


@pytest.mark.parametrize(
    "line",
    [
        "Anna Beispiel, Leiterin des Studios, sagte, es gebe keinen Grund zur Sorge.",
        "Anna Beispiel, WMR Studio Siegen, und der Verband streiten über die Kosten",
    ],
)
def test_a_sentence_naming_the_author_and_a_newsroom_stays(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2], authors=("Anna Beispiel",))
    assert kept == [LEAD, P1, line, P2]


def test_a_match_reports_facts_box_goes_with_its_label() -> None:
    box = [
        "Telegramm",
        "EHC Lindau – SC Seetal 4:2 (1:0, 1:2, 2:0)",
        "Tore: 14. Lorenz 1:0. 25. Cavegn 1:1. 31. Kobler 2:1. 57. Kobler 3:1.",
    ]
    kept, dropped = clean([LEAD, P1, P2, P3, *box])
    assert kept == [LEAD, P1, P2, P3]
    assert {d.rule for d in dropped} == {"widget:stats-box"}


@pytest.mark.parametrize(
    ("box", "rule"),
    [
        # a credits box: a <dl> of roles over names, the writer's name already gone as the byline
        (["Reporterin", "Kamera", "Tim Ewald", "Schnitt", "Jörg Hainke"], "meta:byline"),
        (
            ["Beitrag", "Ina Ruhl", "Kamera und Schnitt", "Ole Brandt", "Ton", "Ida Blum"],
            "meta:byline",
        ),
        # each role beside its names
        (
            ["Kamera: Tim Ewald", "Ton: Ida Blum", "Redaktion: Ole Brandt und Ina Ruhl"],
            "meta:byline",
        ),
        # a sponsors row closing the page, its label alone over logos
        (["Unsere Premium-Partner", "Autohaus Reinhold Sparkasse Auental"], "promo:sponsors"),
        (["Unsere Sponsoren"], "promo:sponsors"),
        (
            ["Wir danken unseren Förderern:", "Bäckerei Kunz", "Förderverein Rotbach e.V."],
            "promo:sponsors",
        ),
        (["Mit freundlicher Unterstützung von", "Stadtwerke Haldenau GmbH"], "promo:sponsors"),
        (["Partner und Sponsoren", "Getränke Huber – Ihr Partner für Feste"], "promo:sponsors"),
        # the label and the sponsor on one line
        (["Unser Partner: Bäckerei Kunz"], "promo:sponsors"),
        (["Unsere Sponsoren: Stadtwerke Haldenau GmbH", "Getränke Huber"], "promo:sponsors"),
    ],
)
def test_a_credits_box_and_a_sponsors_row_after_the_text_go(box: list[str], rule: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, P3, *box])
    assert kept == [LEAD, P1, P2, P3]
    assert {d.rule for d in dropped} == {rule}


@pytest.mark.parametrize(
    "lines",
    [
        # a subheading naming a role over a sentence, one role with a name
        ["Kamera", "Die Kamera lief die ganze Nacht, sagt Tim Ewald."],
        ["Moderation", "Anna Beispiel"],
        ["Musik", "Jörg Hainke", "Spielte die Orgel beim Festakt am Sonntag."],
        # a subheading over the text's own sentences, a sentence about the sponsors
        ["Unsere Partner", "Seit zwei Jahren unterstützt die Sparkasse den Verein mit Geld."],
        ["Sponsoren", "Bäckerei Kunz", "Ohne sie wäre das Turnier nicht möglich gewesen."],
        ["Unsere Sponsoren haben die neuen Trikots bezahlt."],
        ["Unsere Partner", "Die Sparkasse und die Stadtwerke laden alle Helfer ein."],
        ["Sponsoren", "Ohne die Firmen aus dem Ort ginge es nicht"],
        ["Unser Partner: Die Sparkasse hat die neuen Trikots bezahlt."],
        ["Unsere Partner: Bäckerei Kunz", "Sie backt seit Jahren das Brot für das Fest."],
    ],
)
def test_a_role_or_sponsors_word_in_the_text_is_no_box(lines: list[str]) -> None:
    kept, _ = clean([LEAD, P1, P2, P3, *lines])
    assert kept == [LEAD, P1, P2, P3, *lines]


@pytest.mark.parametrize(
    ("byline", "note"),
    [
        (
            "Ein Gastbeitrag von Anna Beispiel",
            "Anna Beispiel ist Historikerin und lebt in Lindhaven. Sie schreibt über Kirchen.",
        ),
        ("Von Anna Beispiel", "Anna Beispiel leitet das Stadtarchiv."),
        (
            "Anna Beispiel, Redakteurin",
            "Anna Beispiel arbeitet seit 2019 in der Lokalredaktion. Sie ist Mutter zweier Söhne.",
        ),
    ],
)
def test_an_author_cards_note_under_its_byline_after_the_text_goes(byline: str, note: str) -> None:
    authors = ("Anna Beispiel",)
    kept, dropped = clean([LEAD, P1, byline, note], authors=authors)
    assert kept == [LEAD, P1]
    assert [d.rule for d in dropped] == ["meta:byline", "meta:byline"]
    # a note right under the text with no byline over it may be the text's last sentence; a
    # byline over the text leaves the text's own closing sentence about the author
    assert clean([LEAD, P1, note], authors=authors)[0] == [LEAD, P1, note]
    assert clean([byline, LEAD, note], authors=authors)[0] == [LEAD, note]
    # a sentence about her that is not about who she is, or one on someone else, stays
    said = "Anna Beispiel sagte, das Archiv ziehe um. Sie will bleiben."
    assert clean([LEAD, P1, byline, said], authors=authors)[0] == [LEAD, P1, said]
    other = "Ole Brandt ist Fotograf. Er lebt in Lindhaven."
    assert clean([LEAD, P1, byline, other], authors=authors)[0] == [LEAD, P1, other]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        # an agency's or a desk's note that it supplied the item
        (
            "Diese Meldung wurde von Keystone-SDA übernommen und automatisch publiziert.",
            "meta:partner",
        ),
        ("Dieser Text wurde automatisch aus dem Dienst der Agentur übernommen.", "meta:partner"),
        ("Dieser Artikel wurde von der Nachrichtenagentur dpa übernommen.", "meta:partner"),
        # a source credit with who translated it
        ("Quelle: RIA Novosti (deutsche Übersetzung: Ostblick)", "credit:agency"),
        ("Quelle: AFP (übersetzt von der Redaktion)", "credit:agency"),
        # a call to follow the site's channel, in the infinitive
        ("Eilmeldungen aufs Handy: Jetzt dem Anzeiger-Kanal auf WhatsApp folgen", "promo:whatsapp"),
        ("Hier unseren Kanal bei Telegram abonnieren!", "promo:telegram"),
        # a reader-reporter prompt asking for information by messenger
        (
            "Du hast etwas gesehen? Schick uns deine Infos per WhatsApp an die Redaktion!",
            "promo:feedback",
        ),
        ("Schicken Sie uns Ihre Infos über Signal.", "promo:feedback"),
        # where readers' letters on this article go
        ("Leserbriefe zu diesem Beitrag an: debatte@wochenblatt.example", "promo:feedback"),
        ("Zuschriften zu diesem Artikel bitte an post@kurier.example", "promo:feedback"),
        # a station's pointer to its frequency and stream
        (
            "Hören Sie die Nachrichten aus dem Kreis jede Stunde auf 101,3 MHz und im Webradio.",
            "promo:call-to-action",
        ),
        (
            "Immer informiert: Schalten Sie ein auf UKW und über die Radio-App.",
            "promo:call-to-action",
        ),
    ],
)
def test_notes_on_where_a_text_comes_from_and_calls_to_readers_go(line: str, rule: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: rule}


@pytest.mark.parametrize(
    "line",
    [
        "Die Meldung wurde von der Polizei am Abend übernommen und ergänzt.",
        "Der Text der Verordnung wurde vom Land übernommen, sagte der Sprecher.",
        "Die Agentur hat die Meldung am Abend korrigiert, der Fehler sei automatisch entstanden.",
        "Quelle der Zahlen ist eine Übersetzung des Ministeriums (deutsche Übersetzung: Amt).",
        "Die Polizei rät, jetzt nicht jedem Link auf WhatsApp zu folgen.",
        "Der Minister ist jetzt auch auf Instagram aktiv und will dort viele Menschen erreichen.",
        "Zeugen schickten der Polizei ihre Infos per WhatsApp, sagte ein Sprecher.",
        "Leserbriefe zu diesem Thema erreichten die Zeitung zu Hunderten.",
        "Der neue Sender ist ab Montag auf 97,4 MHz zu empfangen, teilte die Anstalt mit.",
        "Die Hörer des Senders hören die Nachrichten künftig auch im Webradio.",
    ],
)
def test_sentences_like_source_notes_and_calls_to_readers_stay(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    "line",
    [
        # the issue and pages a journal's article ran on
        "Zimmerer-Fachblatt 4/2026, S. 18–21",
        "Bauwelt 12/2025, Seiten 30-33",
        "Heft 7/25, S. 4",
        # a download of the article for subscribers
        "Artikel als PDF herunterladen (nur für Abonnenten)",
        "Diesen Beitrag als PDF speichern",
        # a row of topic tags
        "Themen: Brandschutz, Holzbaurichtlinie, Gebäudeklasse 5, Brettsperrholz",
        "Schlagwörter: Energie · Wärmepumpe · Förderung",
        # a numbered figure's caption, with or without its credit
        "Bild 1: Sichtbare Brettsperrholzdecken im Quartier Lindenhof. Quelle: Büro Frehse",
        "Abb. 3: Der Aufzugskern im Rohbau (Foto: privat)",
        # a journal's or a site's slogan after its name
        "Fachblatt Holzbaupraxis – Das Magazin für Planung und Ausführung im Holzbau",
        "Lindauer Bote | Ihre Zeitung aus der Region",
        # a wire item's header items
        "dpa-Landesdienst Nord · Meldung 0412",
        "APA-Inland Nr. 218",
        "Priorität 4",
        # a wire item's closing code
        "dpa lno yynw z2 pet",
        "dpa sw xx n1 bk",
    ],
)
def test_a_journals_issue_line_download_tags_and_a_wire_code_go(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Der Bericht erschien in Heft 4/2026 auf den Seiten 18 bis 21 der Zeitschrift.",
        "Die Studie kann als PDF heruntergeladen werden.",
        "Den Bericht als PDF herunterladen können nur Mitglieder, kritisierte der Verband.",
        "Themen: Die Stadt plant neue Radwege und mehr Parkplätze.",
        "Themen der Sitzung sind Haushalt, Schule und Verkehr.",
        "Bild und Ton fielen am Abend für eine Stunde aus.",
        "Das Foto 1975 zeigt den alten Bahnhof.",
        "Der Bote – das Blatt erschien 1890 zum ersten Mal.",
        "Lindauer Bote – Die Zeitung feiert ihren 100. Geburtstag.",
        "Die Meldung 0412 der Leitstelle ging um 11 Uhr ein.",
        "Priorität 1 hat für die Stadt der Schulbau.",
        "dpa hat das so gemeldet",
        "dpa meldet am Abend neue Zahlen",
    ],
)
def test_sentences_like_a_journals_furniture_stay(line: str) -> None:
    kept, _ = clean([LEAD, line, P1])
    assert kept == [LEAD, line, P1]


@pytest.mark.parametrize(
    "line",
    [
        "Quelle: Stadt Lindenfels",
        "Quelle: Landratsamt Oberhalde",
        "Quelle: Pressemitteilung Landesverband Imkerei",
        "Quelle: Presseinformation des Zweckverbands Wasser und Abwasser",
        "Quelle: Pressemitteilung der Brenner Werkzeugbau GmbH & Co. KG",
        "Quelle: Förderverein Alte Mühle e.V.",
    ],
)
def test_a_source_line_naming_a_town_a_release_or_a_company_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Quelle: Statistisches Landesamt",
        "Quelle: eigene Berechnungen",
        "Quelle: Stadt Lindenfels. Die Zahlen für das laufende Jahr sind noch vorläufig.",
        "Quelle der Angaben ist die Stadt Lindenfels, sagte der Sprecher.",
    ],
)
def test_a_figures_source_and_sentences_naming_a_source_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Wir und unsere 96 Partner speichern und/oder greifen auf Informationen auf dem Gerät zu.",
        "Wir und unsere Werbepartner verarbeiten personenbezogene Daten wie Ihre IP-Adresse.",
        "Alle akzeptieren Pur-Abo",
        "Akzeptieren | Ablehnen | Einstellungen verwalten",
        "Zustimmen Werbefrei lesen mit PUR",
        # an AMP page's link to its full version
        "Zur vollständigen Version",
        "Artikel in der Vollversion lesen",
    ],
)
def test_a_consent_banners_lines_and_an_amp_pages_full_version_link_go(line: str) -> None:
    kept, dropped = clean([line, LEAD, P1, P2])
    assert kept == [LEAD, P1, P2]
    assert [d.text for d in dropped] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Wir und unsere Partner verarbeiten jedes Jahr rund 2000 Tonnen Altholz, sagte er.",
        "Alle akzeptieren die neue Regel, nur der Kreis nicht.",
        "Die vollständige Version des Gutachtens liegt dem Rat seit Montag vor.",
    ],
)
def test_sentences_like_a_consent_banner_or_a_full_version_link_stay(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]


@pytest.mark.parametrize(
    "line",
    [
        "Für den Erhalt des Turms freuen wir uns über Ihre Spende: IBAN DE44 1234 5678 9012 3456 "
        "78, Verwendungszweck „Turm“.",
        "Unterstützen Sie unsere Jugendarbeit: Spendenkonto IBAN DE44 1234 5678 9012 3456 78.",
    ],
)
def test_the_sites_call_with_a_donation_account_after_a_colon_goes(line: str) -> None:
    kept, dropped = clean([LEAD, P1, P2, line])
    assert kept == [LEAD, P1, P2]
    assert rules_of(dropped) == {line: "promo:donation"}


@pytest.mark.parametrize(
    "line",
    [
        "Wer helfen will, überweist an IBAN DE44 1234 5678 9012 3456 78.",
        "Der Verein bittet um Spenden, sagte die Vorsitzende: IBAN DE44 1234 5678 9012 3456 78.",
    ],
)
def test_a_report_naming_a_donation_account_stays(line: str) -> None:
    kept, _ = clean([LEAD, P1, line, P2])
    assert kept == [LEAD, P1, line, P2]
