"""The publication time in the offset of the local time a page prints beside a UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from crawler.model.types import CleaningRules, ExtractInput
from pipelines.extract import extract_article

TEXT = (
    "<p>Die Betriebe der Region haben in diesem Jahr deutlich mehr Getreide geerntet als im "
    "Vorjahr, teilte das Landwirtschaftsministerium am Freitag in der Hauptstadt mit.</p>"
    "<p>Für das kommende Jahr planen die Betriebe, die Anbaufläche um weitere Flächen zu "
    "erweitern; das Ministerium stellt dafür zinsgünstige Kredite bereit.</p>"
)


def _published(head: str, date_line: str) -> datetime:
    html = (
        f"<html lang='de'><head><meta charset='utf-8'>{head}</head><body><article>"
        f"<h1>Rekordernte in den Regionen</h1>{date_line}{TEXT}</article></body></html>"
    )
    result = extract_article(
        ExtractInput(
            url="https://de.example-sender.by/a/1.html",
            body=html.encode(),
            headers={},
            rules=CleaningRules(),
        )
    )
    assert result.published_at is not None
    return result.published_at


def _json_ld(published: str, modified: str | None = None) -> str:
    extra = f', "dateModified": "{modified}"' if modified else ""
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rekordernte '
        f'in den Regionen", "datePublished": "{published}"{extra}}}</script>'
    )


def _meta(published: str) -> str:
    return f"<meta property='article:published_time' content='{published}'>"


@pytest.mark.parametrize(
    ("head", "date_line", "hours"),
    [
        # Minsk: just after local midnight, the day before in UTC and in German time.
        (
            _json_ld("2025-11-07T21:20:00+00:00"),
            "<span class='post-date'>08.11.2025 00:20</span>",
            3,
        ),
        # A site header's day without a time is passed over.
        (
            _meta("2025-02-02T21:47:00Z"),
            "<div class='header-date'>Montag, 3. Februar 2025</div>"
            "<span class='news-date'>03.02.2025 00:47</span>",
            3,
        ),
        # The zone named after an ISO-like local time; a <time> whose attribute is the UTC one.
        (
            _meta("2026-11-19T22:15:00Z"),
            "<time class='time' datetime='2026-11-19T22:15:00Z'>2026-11-20 06:15 "
            "(Pekinger Zeit)</time>",
            8,
        ),
        # Tehran's half hour, a weekday and month name, seconds in the metadata.
        (
            _json_ld("2025-02-18T21:10:37+00:00"),
            "<div class='field-date'>Mittwoch, 19. Februar 2025 - 00:40</div>",
            3.5,
        ),
        # West of UTC: the evening before in the Americas.
        (
            _meta("2025-03-04T02:30:00Z"),
            "<p class='dateline'>March 3, 2025 9:30 PM</p>",
            -5,
        ),
        # The day alone, past midnight in the Gulf: the nearest offset that reaches it.
        (
            _json_ld("2026-10-13T21:30:00Z"),
            "<div class='article-date'>Veröffentlicht am 14. Okt. 2026</div>",
            3,
        ),
        # The day alone, the evening before west of UTC.
        (_meta("2025-03-04T02:30:00Z"), "<p class='dateline'>March 3, 2025</p>", -3),
    ],
)
def test_a_utc_time_takes_the_offset_of_the_local_time_the_page_prints(
    head: str, date_line: str, hours: float
) -> None:
    published = _published(head, date_line)
    assert published.utcoffset() == timedelta(hours=hours)
    # The instant itself is kept.
    instant = head.split("content='")[-1] if "content='" in head else head.split('ed": "')[1]
    assert published == datetime.fromisoformat(instant[:19]).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("head", "date_line"),
    [
        # The printed time is the update's, under its label.
        (
            _meta("2025-11-07T21:20:00Z"),
            "<span class='date'>Aktualisiert: 08.11.2025 00:20</span>",
        ),
        # The printed time is the modified instant in local time, not the publication's.
        (
            _json_ld("2025-11-07T18:20:00+00:00", "2025-11-07T21:20:00+00:00"),
            "<span class='date'>08.11.2025 00:20</span>",
        ),
        # An unrelated time: no zone is 2 h 17 min off UTC.
        (_meta("2025-11-07T21:20:00Z"), "<span class='date'>07.11.2025 23:37</span>"),
        # Half an hour off where no zone is.
        (_meta("2025-11-07T21:20:00Z"), "<span class='date'>07.11.2025 23:50</span>"),
        # German time: the UTC instant is read in it anyway.
        (_meta("2025-11-07T21:20:00Z"), "<span class='date'>07.11.2025 22:20</span>"),
        # German time named, on the 12-hour clock.
        (
            _meta("2025-11-05T13:12:44Z"),
            "<time class='date'>5. November 2025 um 2:12 PM MEZ</time>",
        ),
        # A day alone that is German time's needs no other offset.
        (_meta("2025-11-07T21:20:00Z"), "<span class='date'>Freitag, 7. November 2025</span>"),
        # The site header's day (today's) is passed over.
        (
            _meta("2025-11-07T21:20:00Z"),
            "<header class='top'><span class='date'>Samstag, 8. November 2025</span></header>",
        ),
        # Too far from the instant for any zone.
        (_meta("2025-11-07T08:20:00Z"), "<span class='date'>8. November 2025</span>"),
    ],
)
def test_a_utc_time_stays_utc_without_a_printed_local_publication_time(
    head: str, date_line: str
) -> None:
    published = _published(head, date_line)
    assert published.utcoffset() == timedelta(0)


def test_a_time_with_its_own_offset_is_kept_as_given() -> None:
    published = _published(
        _meta("2025-11-07T22:20:00+01:00"), "<span class='date'>08.11.2025 00:20</span>"
    )
    assert published.utcoffset() == timedelta(hours=1)
