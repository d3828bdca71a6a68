"""The one date module: feed and sitemap dates, and the one rule for times without an offset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.model.dates import (
    SITE_TIMEZONE,
    as_utc,
    find_date_in_text,
    parse_datetime,
    parse_feed_datetime,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A date or time without an offset is the site's local time (SITE_TIMEZONE).
        ("2024-02-06", datetime(2024, 2, 6, tzinfo=SITE_TIMEZONE)),
        ("2024-02", datetime(2024, 2, 1, tzinfo=SITE_TIMEZONE)),
        ("2024-02-06T13:05:00Z", datetime(2024, 2, 6, 13, 5, tzinfo=UTC)),
        (
            "2024-02-06T13:05+01:00",
            datetime(2024, 2, 6, 13, 5, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Tue, 06 Feb 2024 13:05:00 GMT", datetime(2024, 2, 6, 13, 5, tzinfo=UTC)),
        ("Di, 06 Feb 2024 13:05:00 +0100", datetime(2024, 2, 6, 12, 5, tzinfo=UTC)),
        ("Do, 13 Mär 2025 08:00:00 MEZ", datetime(2025, 3, 13, 7, 0, tzinfo=UTC)),
        ("Mo, 01 Dez 2025 08:00:00 +0100", datetime(2025, 12, 1, 7, 0, tzinfo=UTC)),
        ("gestern", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime(text: str | None, expected: datetime | None) -> None:
    parsed = parse_feed_datetime(text)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-06T13:05:00",  # winter: +01:00
        "2024-07-06T13:05:00",  # summer: +02:00
        "2024-07-06 23:30",
        "2024-02-06",
        "2024-02-06T13:05:00+03:00",
        "2024-02-06T13:05:00Z",
    ],
)
def test_discovery_and_extraction_read_a_time_alike(text: str) -> None:
    # A sitemap's naive time and the same string on the page are one moment: the site's.
    from_page = parse_datetime(text)
    assert from_page is not None
    assert parse_feed_datetime(text) == from_page.value


def test_a_naive_time_is_the_sites_local_time() -> None:
    assert as_utc(datetime(2024, 2, 6, 13, 5)) == datetime(2024, 2, 6, 12, 5, tzinfo=UTC)
    assert as_utc(datetime(2024, 7, 6, 13, 5)) == datetime(2024, 7, 6, 11, 5, tzinfo=UTC)
    aware = datetime(2024, 7, 6, 13, 5, tzinfo=UTC)
    assert as_utc(aware) == aware


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the month first, as Drupal's English date formats print German month names
        ("Mär 09, 2025 11:40 Europe/Berlin", datetime(2025, 3, 9, 11, 40, tzinfo=SITE_TIMEZONE)),
        ("Dez 1, 2024", datetime(2024, 12, 1, tzinfo=SITE_TIMEZONE)),
        ("Sep 8, 2025 14:37", datetime(2025, 9, 8, 14, 37, tzinfo=SITE_TIMEZONE)),
        # a word with an umlaut before numbers is no month
        ("Büro 3, 2025", None),
        ("Gebäude 12, 2024", None),
    ],
)
def test_a_month_name_before_the_day_is_read_in_german_too(
    text: str, expected: datetime | None
) -> None:
    found = find_date_in_text(text)
    assert (found.value if found else None) == expected
