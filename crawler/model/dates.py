"""Parsing dates for discovery and extraction, with one rule for times without an offset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

# Imported by spiders (discovery) and by the extraction workers: standard library only.

# The one rule for a time without an offset, wherever it comes from (sitemap, feed, page, URL,
# the `since` argument): it is the site's local time. The archived publishers write German and
# publish in German local time; the W3C format of sitemaps requires an offset whenever a time
# is given, so a naive time is a publisher's slip, and its own local time is the likeliest
# meaning. A date without a time means 00:00 of that day in this zone.
SITE_TIMEZONE = ZoneInfo("Europe/Berlin")

# Dates outside this range are typos, placeholders ("0001-01-01") or counters, not publication.
MIN_YEAR = 1990
MAX_YEAR = 2100

MONTHS: dict[str, int] = {
    "januar": 1,
    "jan": 1,
    "jänner": 1,
    "jän": 1,
    "january": 1,
    "februar": 2,
    "feb": 2,
    "february": 2,
    "märz": 3,
    "mär": 3,
    "maerz": 3,
    "mrz": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}

_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?"
# A time after a date: "20.11.2026, 14:05 Uhr", "20. Nov. 2026 um 14.05", "… | 14:05".
_TIME_AFTER = (
    rf"(?:\s*(?:,|um|-|–|\||/)?\s*{_TIME}(?:\s*Uhr)?(?:\s*(?P<tzname>MEZ|MESZ|CET|CEST|UTC|GMT))?)?"
)

ISO_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:T|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
NUMERIC_RE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?![\d])" + _TIME_AFTER
)
MONTH_NAME_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\.?\s+(?P<mon>[A-Za-zÄäÖöÜü]{3,9})\.?,?\s+(?P<y>\d{4})(?!\d)"
    + _TIME_AFTER,
    re.IGNORECASE,
)
# English order, as some feeds and CMS templates print it: "Nov 20, 2026 2:05".
MONTH_FIRST_RE = re.compile(
    r"\b(?P<mon>[A-Za-zÄäÖöÜü]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)" + _TIME_AFTER,
    re.IGNORECASE,
)
# ISO 8601 basic format, as Sputnik's templates write article:published_time: "20220122T1340+0300".
ISO_BASIC_RE = re.compile(
    r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?"
    r"(?:[.,]\d+)?\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_RFC2822_RE = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")

# URL dates: /2026/11/20/, /2026-11-20/, /20220113/ (eight digits between separators).
_URL_YMD_RE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d{2})[/_-](?P<m>\d{1,2})[/_-](?P<d>\d{1,2})(?![\d])"
)
_URL_COMPACT_RE = re.compile(
    r"(?:^|[/_.-])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=$|[/_.-])"
)


@dataclass(frozen=True)
class ParsedDate:
    """A timezone-aware point in time and whether the source gave a time of day."""

    value: datetime
    has_time: bool
    raw: str


def _tz_from(tz: str | None, tzname: str | None = None) -> timezone | ZoneInfo:
    if tz:
        if tz in ("Z", "UTC", "GMT"):
            return UTC
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        hours = int(digits[:2])
        minutes = int(digits[2:4]) if len(digits) >= 4 else 0
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    if tzname and tzname.upper() in ("UTC", "GMT"):
        return UTC
    return SITE_TIMEZONE


def _build(
    raw: str,
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    tzinfo: timezone | ZoneInfo,
) -> ParsedDate | None:
    if year < 100:
        year += 2000
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    has_time = hour is not None and minute is not None
    try:
        value = datetime(
            year,
            month,
            day,
            int(hour) if has_time and hour else 0,
            int(minute) if has_time and minute else 0,
            int(second) if has_time and second else 0,
            tzinfo=tzinfo,
        )
    except ValueError:
        return None
    return ParsedDate(value=value, has_time=has_time, raw=raw)


def _from_match(raw: str, match: re.Match[str], month: int | None = None) -> ParsedDate | None:
    groups = match.groupdict()
    if month is None:
        month = int(groups["m"])
    tz = groups.get("tz")
    return _build(
        raw,
        int(groups["y"]),
        month,
        int(groups["d"]),
        groups.get("H"),
        groups.get("M"),
        groups.get("S"),
        _tz_from(tz, groups.get("tzname")),
    )


def _month_match(raw: str, match: re.Match[str]) -> ParsedDate | None:
    month = MONTHS.get(match.group("mon").lower().rstrip("."))
    if month is None:
        return None
    return _from_match(raw, match, month)


def parse_datetime(raw: str | None) -> ParsedDate | None:
    """Parse a machine-readable or German human-readable date; None when nothing parses.

    Accepts ISO 8601 (with or without offset, extended or basic format), RFC 2822 (feeds),
    "13.01.2022 14:05",
    "20. November 2026, 14:05 Uhr", "20 Nov. 2026 14:05 Uhr". Naive times are SITE_TIMEZONE's.
    """
    if not raw:
        return None
    text = raw.strip()
    if not text:
        return None
    match = ISO_RE.search(text) or ISO_BASIC_RE.match(text)
    if match is not None:
        return _from_match(text, match)
    if _RFC2822_RE.match(text):
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            value = None
        if value is not None and MIN_YEAR <= value.year <= MAX_YEAR:
            if value.tzinfo is None:
                value = value.replace(tzinfo=SITE_TIMEZONE)
            return ParsedDate(value=value, has_time=True, raw=text)
    return find_date_in_text(text)


_RFC822_MONTHS = {
    "januar": "Jan", "jänner": "Jan", "jan": "Jan",
    "februar": "Feb", "feb": "Feb",
    "märz": "Mar", "mär": "Mar", "mrz": "Mar",
    "april": "Apr",
    "mai": "May",
    "juni": "Jun",
    "juli": "Jul",
    "august": "Aug",
    "september": "Sep", "sept": "Sep",
    "oktober": "Oct", "okt": "Oct",
    "november": "Nov",
    "dezember": "Dec", "dez": "Dec",
}  # fmt: skip
_RFC822_ZONES = {"MEZ": "+0100", "CET": "+0100", "MESZ": "+0200", "CEST": "+0200"}
_WORD_RE = re.compile(r"[A-Za-zÄÖÜäöü]+")
_YEAR_MONTH_RE = re.compile(r"\d{4}-\d{2}")


def parse_feed_datetime(value: str | None) -> datetime | None:
    """Parse a sitemap or feed date: ISO 8601/W3C or RFC 822 (German month names tolerated).

    Strict, unlike parse_datetime: no dates found inside other text. Always timezone-aware: a
    date or time without an offset is SITE_TIMEZONE's; None when the value does not parse.
    """
    if not value:
        return None
    text = value.strip()
    if not text:
        return None
    if _YEAR_MONTH_RE.fullmatch(text):
        text += "-01"
    try:
        return as_site_time(datetime.fromisoformat(text))
    except ValueError:
        pass

    def english(match: re.Match[str]) -> str:
        word = match.group(0)
        return _RFC822_MONTHS.get(word.lower(), _RFC822_ZONES.get(word, word))

    try:
        return as_site_time(parsedate_to_datetime(_WORD_RE.sub(english, text)))
    except (TypeError, ValueError, IndexError):
        return None


def as_site_time(moment: datetime) -> datetime:
    """`moment` itself when it is aware; a naive one is taken to be SITE_TIMEZONE's."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SITE_TIMEZONE)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC datetime; a naive one is taken to be SITE_TIMEZONE's."""
    return as_site_time(moment).astimezone(UTC)


def find_date_in_text(text: str) -> ParsedDate | None:
    """The first human-readable date in `text` (German formats first), or None."""
    best: tuple[int, ParsedDate] | None = None
    for regex in (NUMERIC_RE, MONTH_NAME_RE, MONTH_FIRST_RE, ISO_RE):
        for match in regex.finditer(text):
            if regex is MONTH_NAME_RE or regex is MONTH_FIRST_RE:
                parsed = _month_match(match.group(0).strip(), match)
            else:
                parsed = _from_match(match.group(0).strip(), match)
            if parsed is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), parsed)
                break
    return best[1] if best else None


def date_from_url(url: str) -> ParsedDate | None:
    """A date encoded in the URL path (/2026/11/20/, /2026-11-20-, /20220113/), or None."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if "://" in path:
        path = path.split("://", 1)[1]
        path = path[path.find("/") :] if "/" in path else ""
    for regex in (_URL_YMD_RE, _URL_COMPACT_RE):
        for match in regex.finditer(path):
            parsed = _build(
                match.group(0).strip("/_.-"),
                int(match.group("y")),
                int(match.group("m")),
                int(match.group("d")),
                None,
                None,
                None,
                SITE_TIMEZONE,
            )
            if parsed is not None:
                return parsed
    return None


# The labels a date line may start with; besides the publication and update labels (a page's
# "Zuletzt geändert", "Letzte Änderung" too), the words for putting a post online ("Eingestellt
# am", "Online gestellt am", "Hochgeladen am").
_DATE_LINE_PREFIX_RE = re.compile(
    r"^(?:Stand|(?:Zuletzt )?(?:Aktualisiert|geändert|bearbeitet)"
    r"|Letzte (?:Aktualisierung|Änderung|Bearbeitung)|Veröffentlicht|Erstellt"
    r"|Datum|Publiziert|Erschienen|Erscheinungs(?:tag|datum|termin)|Update|Updated|Published"
    r"|Eingestellt|(?:Online|Ins Netz) gestellt|Hochgeladen|Gepostet|Posted|Uploaded"
    r"|Online(?: seit)?)"
    r"\s*(?:am\b|on\b|:)?\s*",
    re.IGNORECASE,
)
# The labels of a printed publication day: "Veröffentlicht am 3. März 2026", "Publiziert:
# 03.03.2026", an issue's "Erscheinungstag: 27. November 2026", "Erschienen am …".
PUBLISHED_LABEL_RE = re.compile(
    r"^(?:Veröffentlicht|Publiziert|Erschienen|Erscheinungs(?:tag|datum|termin)|Published)\b"
    r"\s*(?:am\b|:)?\s*",
    re.IGNORECASE,
)
_WEEKDAY = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?"
)
# What may surround a date on a line that is nothing but a date.
_DATE_FILLER_RE = re.compile(
    rf"^(?:\s|[,.;:|/–—\-()]|{_WEEKDAY}(?!\w)|am\b|um\b|Uhr\b|MEZ\b|MESZ\b|CET\b|CEST\b"
    r"|UTC\b|GMT\b|heute\b|gestern\b"
    # An update time beside the date: "20.11.2025 10:47 (aktualisiert: 11:03)".
    r"|(?:aktualisiert|akt\.|update[d]?|geändert)\s*:?\s*(?:\d{1,2}[:.]\d{2})?)*$",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_YEAR_MONTH_LINE_RE = re.compile(r"^\d{4}-\d{2}$")
_TIME_LINE_RE = re.compile(
    r"^(?:(?:heute|gestern|vorgestern)\s*,?\s*)?(?:um\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?$",
    re.IGNORECASE,
)
_RELATIVE_TIME_LINE_RE = re.compile(
    r"^(?:vor\s+(?:\d+|einer?|wenigen|ein paar)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?"
    r"|Wochen?)|gerade eben|soeben|just now)$",
    re.IGNORECASE,
)


def labelled_published_date(line: str) -> ParsedDate | None:
    """The day a line made of a publication label and a date prints ("Erscheinungstag: 27.
    November 2026"), or None: no label, or more than the date after it."""
    text = line.strip()
    if not PUBLISHED_LABEL_RE.match(text) or classify_date_line(text) is None:
        return None
    return find_date_in_text(text)


def classify_date_line(line: str) -> str | None:
    """Return "timestamp" or "date" when the line is nothing but a date (and time), else None.

    "2025-02-06 13:05", "Stand: 13.01.2022, 14:05 Uhr", "Dienstag, 20. November 2026",
    "vor 3 Stunden" are date lines; "Am 13. Januar 2022 begannen die Gespräche." is not.
    """
    text = line.strip()
    if not text or len(text) > 80:
        return None
    if not _DIGIT_RE.search(text):
        # Only the relative forms ("gerade eben") have no digit.
        return "timestamp" if _RELATIVE_TIME_LINE_RE.match(text) else None
    if _TIME_LINE_RE.match(text) or _RELATIVE_TIME_LINE_RE.match(text):
        return "timestamp"
    if _YEAR_MONTH_LINE_RE.match(text):
        return "date"
    text = _DATE_LINE_PREFIX_RE.sub("", text, count=1)
    for regex in (ISO_RE, NUMERIC_RE, MONTH_NAME_RE, MONTH_FIRST_RE):
        match = regex.search(text)
        if match is None:
            continue
        if "mon" in match.groupdict() and match.group("mon").lower() not in MONTHS:
            continue
        rest = f"{text[: match.start()]} {text[match.end() :]}"
        if _DATE_FILLER_RE.match(rest):
            return "timestamp" if match.group("H") else "date"
    return None
