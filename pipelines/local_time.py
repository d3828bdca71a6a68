"""The publication time in the offset of the local time the page prints beside it.

JSON-LD and meta tags of services abroad (Minsk, Ankara, Tehran, Beijing) often give the
publication instant in UTC while the page prints the publisher's wall-clock time
("08.11.2025 00:20", "2026-11-20 06:15 (Pekinger Zeit)"). A UTC time says nothing of the
publisher's zone, and read in German time the day of a text published just after local midnight
is the day before. When the printed date and time is the metadata's instant shifted by an
offset some zone uses, the instant is kept and expressed in that offset: the day it falls on is
then the one the page states. A page printing the day alone is read the same way when German
time puts the instant on another day: the instant is kept in the offset nearest German time's
that puts it on the printed day.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta, timezone

import lxml.html

from crawler.model.dates import SITE_TIMEZONE, ParsedDate, find_date_in_text
from pipelines.marks import MarkedElements
from pipelines.tree import collapse, text_of

# A printed update line's words ("Aktualisiert: …").
UPDATED_TEXT_RE = re.compile(r"(?:zuletzt )?aktualisiert|update[d]?\b|stand\s*:", re.IGNORECASE)
# Offsets zones use that are not whole hours (India, Iran, Nepal, Newfoundland …); whole hours
# from -12 to +14.
_PART_HOUR_OFFSETS = frozenset(
    timedelta(minutes=m) for m in (-570, -210, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825)
)
_MIN_OFFSET, _MAX_OFFSET = timedelta(hours=-12), timedelta(hours=14)
# A longer element is text or a list, not the article's date line.
_DATE_LINE_CHARS = 120
_ZERO = timedelta(0)
# A zone the date parser reads itself: German time, UTC.
_NAMED_ZONE_RE = re.compile(r"\b(?:MEZ|MESZ|CET|CEST|UTC|GMT)$")
_MERIDIEM_RE = re.compile(r"\s*([AaPp])\.?[Mm]\b\.?")


def in_printed_offset(
    published: ParsedDate | None, marked: MarkedElements, modified: ParsedDate | None
) -> ParsedDate | None:
    """`published` expressed in the offset of the local time the page prints for it, when it
    is a UTC time and the page's first printed date with a time is that instant in a zone's
    offset other than German time (which a UTC time is read in anyway); else `published`.

    A printed time that is the update time (labelled, or matching the modified instant) is
    no evidence of the zone.
    """
    if published is None or not published.has_time or published.value.utcoffset() != _ZERO:
        return published
    printed, day_only = _printed_time(marked)
    if printed is None:
        return published
    if day_only:
        return _on_printed_day(published, printed, modified)
    offset = _zone_offset(printed, published.value)
    if offset is None or offset == published.value.astimezone(SITE_TIMEZONE).utcoffset():
        return published
    if (
        modified is not None
        and modified.has_time
        and modified.value != published.value
        and _zone_offset(printed, modified.value) is not None
    ):
        return published
    return dataclasses.replace(published, value=published.value.astimezone(timezone(offset)))


def _on_printed_day(
    published: ParsedDate, printed: datetime, modified: ParsedDate | None
) -> ParsedDate:
    """`published` in the whole-hour offset nearest German time's in which it falls on the
    printed day, when German time puts it on another ("2026-11-24T21:30:00Z" under
    "Veröffentlicht am 25. Nov. 2026" is past midnight in the Gulf); else `published`. A day
    that is the modified instant's is no evidence of the zone."""
    day = printed.date()
    german = published.value.astimezone(SITE_TIMEZONE)
    if german.date() == day or (modified is not None and modified.value.date() == day):
        return published
    offsets = [timedelta(hours=h) for h in range(-12, 15)]
    fitting = [o for o in offsets if published.value.astimezone(timezone(o)).date() == day]
    if not fitting:
        return published
    german_offset = german.utcoffset() or _ZERO
    offset = min(fitting, key=lambda o: abs(o - german_offset))
    return dataclasses.replace(published, value=published.value.astimezone(timezone(offset)))


def _printed_time(marked: MarkedElements) -> tuple[datetime | None, bool]:
    """The wall-clock date and time of the page's first printed date line with a time of day
    (a date-classed element), unless an update label precedes it or it names German time or
    UTC (the zone is then no local one); with whether it is a day alone: without such a line,
    the first line with the day alone outside the site's header (whose date is the day's)."""
    day_only: datetime | None = None
    for element in marked.dates():
        if len(element.text_content()) > 2 * _DATE_LINE_CHARS:
            continue
        text = collapse(text_of(element))
        found = find_date_in_text(text) if len(text) <= _DATE_LINE_CHARS else None
        if found is None:
            continue
        start = text.find(found.raw)
        if not found.has_time:
            if day_only is None and not UPDATED_TEXT_RE.search(text) and _in_article(element):
                day_only = found.value.replace(tzinfo=None)
            continue
        if UPDATED_TEXT_RE.search(text[: max(start, 0)]) or _NAMED_ZONE_RE.search(found.raw):
            return None, False
        wall = found.value.replace(tzinfo=None)
        meridiem = _MERIDIEM_RE.match(text, start + len(found.raw)) if start >= 0 else None
        if meridiem is not None:
            # "2:12 PM": the 12-hour clock's afternoon.
            afternoon = meridiem.group(1).lower() == "p"
            wall = wall.replace(hour=wall.hour % 12 + (12 if afternoon else 0))
        return wall, False
    return day_only, day_only is not None


def _in_article(element: lxml.html.HtmlElement) -> bool:
    """Whether `element` is outside a header or navigation bar that holds no headline."""
    return all(
        ancestor.find(".//h1") is not None for ancestor in element.iterancestors("header", "nav")
    )


def _zone_offset(wall: datetime, instant: datetime) -> timedelta | None:
    """The offset `wall` is `instant` in, when it is one a zone uses (not UTC's); else None. A
    wall time printed to the minute is compared with the instant's minute."""
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    if not wall.second:
        utc = utc.replace(second=0, microsecond=0)
    offset = wall - utc
    if offset == _ZERO or not _MIN_OFFSET <= offset <= _MAX_OFFSET:
        return None
    if offset % timedelta(hours=1) and offset not in _PART_HOUR_OFFSETS:
        return None
    return offset
