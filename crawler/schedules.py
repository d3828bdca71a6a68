"""Schedules as data: each site's default crawl job, overridden or extended by a TOML file.

The TOML format (docs/operations.md has the full description):

    timezone = "Europe/Berlin"     # cron expressions are read in this zone (default: local)
    max_parallel = 2               # crawls running at once, over all jobs
    site_defaults = true           # schedule every declared site by its own `schedule`

    [defaults]                     # for every job, unless the job says otherwise
    time_limit = "2h"
    settings = { DOWNLOAD_DELAY = "2" }

    [jobs.rt_de]                   # a site's key: overrides that site's default job
    schedule = "*/20 * * * *"

    [jobs.tagesblick]              # any other name: a new job
    spider = "generic"
    site = "tagesblick"
    args = { url = "https://www.tagesblick.example/", site = "tagesblick" }
    schedule = "3h"
    time_limit = "30m"
    enabled = true

Every error names the file, the line, the job and the field, and is raised before anything
runs.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from math import floor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from apscheduler.triggers.base import BaseTrigger

    from crawler.sitespec import Site

# A crawl that runs longer than this is stopped (SIGTERM, then SIGKILL), unless a job says
# otherwise: long enough for a full crawl of a large site at a polite rate.
DEFAULT_TIME_LIMIT = 2 * 3600.0
# Start times are spread by up to this much (cron jobs) so sites on the same minute do not
# all start at once; interval jobs use a tenth of their interval, capped at this.
DEFAULT_CRON_JITTER = 30.0
MAX_INTERVAL_JITTER = 60.0
GENERIC_SPIDER = "generic"
# Settings the scheduler sets itself for every crawl.
RESERVED_SETTINGS = frozenset({"NEWSARCHIVE_RUN_ID"})

JOB_FIELDS = ("spider", "site", "args", "settings", "schedule", "time_limit", "jitter", "enabled")
DEFAULTS_FIELDS = ("time_limit", "jitter", "settings", "enabled")
TOP_FIELDS = ("timezone", "max_parallel", "site_defaults", "defaults", "jobs")

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT_SECONDS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def default_parallel() -> int:
    """Crawls at once by default: one per core, at least two (crawls mostly wait on I/O)."""
    return max(2, os.cpu_count() or 1)


class ScheduleError(ValueError):
    """A schedule file or a site's declared schedule is invalid; the message says where."""


# --------------------------------------------------------------------------- values


def parse_duration(text: str) -> float:
    """Seconds in "90s", "45m", "2h", "1d", or combined "1h30m"; ValueError otherwise."""
    value = text.strip().lower()
    parts = _DURATION_PART.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ValueError(f"{text!r} is not a duration like 90s, 45m, 2h or 1h30m")
    seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return seconds


def format_duration(seconds: float) -> str:
    """The shortest of "45s", "30m", "2h", "1h30m" for a number of seconds."""
    rest = round(seconds)
    if rest < 60 or seconds != rest:
        return f"{seconds:g}s"
    out = ""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            out += f"{rest // size}{unit}"
            rest %= size
    return out


def _cron_day_of_week(field_text: str) -> str:
    """A crontab day-of-week field as APScheduler 3.x day names.

    APScheduler 3.x counts weekdays from 0 = Monday, crontab from 0 = Sunday (APScheduler
    issue 286, kept for compatibility in 3.x), so "0 6 * * 0" would silently run on Mondays.
    Numbers, ranges and steps are expanded here in crontab's sense and handed on as names.
    """
    if field_text in ("*", "?"):
        return "*"

    def day(token: str) -> int:
        token = token.strip().lower()
        if token in _DOW_NAMES:
            return _DOW_NAMES.index(token)
        if token.isdigit() and 0 <= int(token) <= 7:
            return int(token)
        raise ValueError(f"day of week {token!r} is not 0-7 or sun-sat")

    days: set[int] = set()
    for part in field_text.split(","):
        base, slash, step_text = part.partition("/")
        step = 1
        if slash:
            if not step_text.isdigit() or int(step_text) < 1:
                raise ValueError(f"day-of-week step {step_text!r} is not a positive number")
            step = int(step_text)
        if base == "*":
            low, high = 0, 6
        elif "-" in base:
            first, _, last = base.partition("-")
            low, high = day(first), day(last)
            if high < low:
                raise ValueError(f"day-of-week range {base!r} runs backwards")
        else:
            low = high = day(base)
            if slash:
                high = 6
        days.update(d % 7 for d in range(low, high + 1, step))
    if len(days) == 7:
        return "*"
    return ",".join(_DOW_NAMES[d] for d in sorted(days))


def steady_interval_trigger(
    interval: float, jitter: float, timezone: tzinfo, start: datetime | None
) -> BaseTrigger:
    """An interval trigger whose jitter does not add up.

    APScheduler 3's IntervalTrigger counts each run from the previous one's jittered time, so
    the start time drifts by half the jitter per run on average (an hourly job with 6 minutes
    of jitter ends up hours late within days). Here each run is jittered around its own slot
    on the fixed grid start + n * interval instead.
    """
    trigger: BaseTrigger = _steady_interval_class()(
        seconds=interval, jitter=jitter or None, timezone=timezone, start_date=start
    )
    return trigger


@lru_cache(maxsize=1)
def _steady_interval_class() -> Any:
    from apscheduler.triggers.interval import IntervalTrigger

    class SteadyIntervalTrigger(IntervalTrigger):
        def get_next_fire_time(
            self, previous_fire_time: datetime | None, now: datetime
        ) -> datetime | None:
            if previous_fire_time is not None:
                # Back to the slot the previous run belonged to (jitter < interval), then the
                # stock rule: one interval on, plus this run's own jitter.
                origin = self.start_date.timestamp()
                slot = floor((previous_fire_time.timestamp() - origin) / self.interval_length)
                previous_fire_time = datetime.fromtimestamp(
                    origin + slot * self.interval_length, tz=self.timezone
                )
            fire_time: datetime | None = super().get_next_fire_time(previous_fire_time, now)
            return fire_time

    return SteadyIntervalTrigger


@dataclass(frozen=True)
class Schedule:
    """When a job runs: a five-field cron expression or a fixed interval."""

    text: str
    kind: Literal["cron", "interval"]
    interval: float | None = None  # seconds, for interval schedules

    def trigger(
        self,
        *,
        jitter: float = 0.0,
        timezone: tzinfo | None = None,
        start: datetime | None = None,
    ) -> BaseTrigger:
        """The APScheduler trigger; `start`: the first slot of an interval schedule (its runs
        then start at start + n * interval, each plus its own jitter)."""
        from apscheduler.triggers.cron import CronTrigger

        zone = timezone or UTC
        if self.kind == "interval":
            assert self.interval is not None
            return steady_interval_trigger(self.interval, jitter, zone, start)
        minute, hour, day, month, day_of_week = self.text.split()
        return CronTrigger(
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=_cron_day_of_week(day_of_week),
            timezone=zone,
            jitter=jitter or None,
        )

    def default_jitter(self) -> float:
        if self.kind == "interval":
            assert self.interval is not None
            return min(self.interval / 10, MAX_INTERVAL_JITTER)
        return DEFAULT_CRON_JITTER

    def describe(self) -> str:
        if self.kind == "interval":
            assert self.interval is not None
            return f"every {format_duration(self.interval)}"
        return f"cron {self.text}"


def parse_schedule(text: str) -> Schedule:
    """A cron expression ("*/30 * * * *") or an interval ("45m"); ValueError otherwise."""
    value = " ".join(text.split())
    if len(value.split(" ")) == 5:
        schedule = Schedule(value, "cron")
        try:
            schedule.trigger()  # APScheduler validates every field
        except ValueError as exc:
            raise ValueError(f"cron expression {text!r}: {exc}") from None
        return schedule
    try:
        seconds = parse_duration(value)
    except ValueError:
        raise ValueError(
            f"{text!r} is neither a cron expression (like '*/30 * * * *') "
            "nor an interval (like '45m', '2h' or '90s')"
        ) from None
    return Schedule(value, "interval", seconds)


# --------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class Job:
    """One scheduled crawl: a spider with its arguments and settings, on a schedule."""

    name: str
    spider: str
    site: str  # the site key the crawl archives under: its lock and its run records
    schedule: Schedule
    spider_args: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, str] = field(default_factory=dict)
    time_limit: float = DEFAULT_TIME_LIMIT
    jitter: float | None = None  # None: the schedule's default
    enabled: bool = True
    origin: str = ""  # where it was declared, for messages: "site rt_de" or "jobs.toml:12"

    @property
    def start_jitter(self) -> float:
        return self.schedule.default_jitter() if self.jitter is None else self.jitter


@dataclass(frozen=True)
class ScheduleConfig:
    """Every job, enabled or not, with the scheduler-wide options."""

    jobs: tuple[Job, ...]
    timezone: str | None = None  # IANA name; None: the machine's local zone
    max_parallel: int = field(default_factory=lambda: default_parallel())
    path: Path | None = None

    @property
    def enabled_jobs(self) -> tuple[Job, ...]:
        return tuple(job for job in self.jobs if job.enabled)

    def tz(self) -> tzinfo:
        if self.timezone is None:
            from tzlocal import get_localzone

            return get_localzone()
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)


def site_jobs(sites: Mapping[str, Site]) -> dict[str, Job]:
    """The default job of every declared site that has a schedule, named by its key."""
    jobs: dict[str, Job] = {}
    for key, site in sorted(sites.items()):
        if site.schedule is None:
            continue
        try:
            schedule = parse_schedule(site.schedule)
        except ValueError as exc:
            raise ScheduleError(f"site {key!r} declares a bad schedule: {exc}") from None
        jobs[key] = Job(name=key, spider=key, site=key, schedule=schedule, origin=f"site {key}")
    return jobs


def first_run_time(
    job: Job, last_started: datetime | None, now: datetime, timezone: tzinfo | None = None
) -> datetime:
    """When the job should first run after the scheduler starts, given the site's last run.

    The archive, not the scheduler, remembers when a site was last crawled, so after downtime
    the missed runs are coalesced into one catch-up run at start-up, and an interval keeps its
    cadence across restarts instead of starting over. A site never crawled runs at once.
    """
    if last_started is None:
        return now
    if job.schedule.kind == "interval":
        assert job.schedule.interval is not None
        return max(now, last_started + timedelta(seconds=job.schedule.interval))
    trigger = job.schedule.trigger(timezone=timezone)
    due: datetime | None = trigger.get_next_fire_time(None, last_started + timedelta(seconds=1))
    if due is None or due <= now:
        return now
    return due


# --------------------------------------------------------------------------- the file


class _Locator:
    """Finds the line of a table or key in a TOML text (tomllib keeps no positions)."""

    _HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[.=]""")

    def __init__(self, text: str) -> None:
        self.headers: dict[tuple[str, ...], int] = {}
        self.keys: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                table = self._path(header.group(1))
                self.headers.setdefault(table, number)
                continue
            key = self._KEY.match(line)
            if key:
                name = next(g for g in key.groups() if g is not None)
                self.keys.setdefault((*table, name), number)

    @staticmethod
    def _path(text: str) -> tuple[str, ...]:
        parts = re.findall(r""""([^"]*)"|'([^']*)'|([^.\s"']+)""", text)
        return tuple(next(g for g in p if g) if any(p) else "" for p in parts)

    def line(self, table: tuple[str, ...], key: str | None = None) -> int | None:
        if key is not None:
            if (*table, key) in self.keys:
                return self.keys[(*table, key)]
            if (*table, key) in self.headers:
                return self.headers[(*table, key)]
        if table in self.headers:
            return self.headers[table]
        # An inline table (`rt_de = {...}` under [jobs]): the line that names it.
        for depth in range(len(table), 0, -1):
            if table[:depth] in self.keys:
                return self.keys[table[:depth]]
        return None


class _Reader:
    """Validates one parsed file, turning every problem into a ScheduleError with a place."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.where = _Locator(text)

    def fail(self, table: tuple[str, ...], key: str | None, message: str) -> ScheduleError:
        line = self.where.line(table, key)
        place = f"{self.path}:{line}" if line else str(self.path)
        if table[:1] == ("jobs",) and len(table) > 1:
            subject = f"job {table[1]!r}"
        elif table:
            subject = f"[{'.'.join(table)}]"
        else:
            subject = "top level"
        what = f", field {key!r}" if key else ""
        return ScheduleError(f"{place}: {subject}{what}: {message}")

    def check_fields(
        self, table: tuple[str, ...], data: Mapping[str, Any], known: tuple[str, ...]
    ) -> None:
        for key in data:
            if key not in known:
                raise self.fail(table, key, f"unknown field; known fields: {', '.join(known)}")

    def string(self, table: tuple[str, ...], data: Mapping[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(table, key, f"must be a non-empty string, got {value!r}")
        return value.strip()

    def boolean(self, table: tuple[str, ...], data: Mapping[str, Any], key: str) -> bool | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.fail(table, key, f"must be true or false, got {value!r}")
        return value

    def seconds(
        self, table: tuple[str, ...], data: Mapping[str, Any], key: str, *, zero_ok: bool = False
    ) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(table, key, f"must be a duration like '30m', got {value!r}")
        if isinstance(value, str):
            if zero_ok and value.strip() in ("0", "0s"):
                return 0.0
            try:
                return parse_duration(value)
            except ValueError as exc:
                raise self.fail(table, key, str(exc)) from None
        if value < 0 or (value == 0 and not zero_ok):
            raise self.fail(table, key, f"must be a positive number of seconds, got {value!r}")
        return float(value)

    def pairs(
        self, table: tuple[str, ...], data: Mapping[str, Any], key: str
    ) -> dict[str, str] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(table, key, f"must be a table of NAME = value, got {value!r}")
        out: dict[str, str] = {}
        for name, item in value.items():
            if isinstance(item, bool):
                out[name] = "True" if item else "False"
            elif isinstance(item, str | int | float):
                out[name] = str(item)
            else:
                raise self.fail(
                    table,
                    key,
                    f"{name} must be a string, number or boolean, got {type(item).__name__}",
                )
        return out

    def schedule(
        self, table: tuple[str, ...], data: Mapping[str, Any], key: str
    ) -> Schedule | None:
        text = self.string(table, data, key)
        if text is None:
            return None
        try:
            return parse_schedule(text)
        except ValueError as exc:
            raise self.fail(table, key, str(exc)) from None


def load_schedule(
    path: Path | None = None, sites: Mapping[str, Site] | None = None
) -> ScheduleConfig:
    """The jobs to run: the declared sites' defaults, with the TOML file at `path` applied.

    Raises ScheduleError, naming file, line, job and field, for anything invalid.
    """
    if sites is None:
        from crawler.sites import all_sites

        sites = all_sites()
    spiders = {*sites, GENERIC_SPIDER}
    defaults_jobs = site_jobs(sites)
    if path is None:
        return ScheduleConfig(tuple(defaults_jobs.values()))

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScheduleError(f"cannot read schedule file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScheduleError(f"{path}: not a UTF-8 text file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            reason = message[: found.start()].strip()
            raise ScheduleError(
                f"{path}:{found.group(1)}: column {found.group(2)}: invalid TOML: {reason}"
            ) from None
        raise ScheduleError(f"{path}: invalid TOML: {message}") from None

    reader = _Reader(path, text)
    reader.check_fields((), data, TOP_FIELDS)
    timezone = reader.string((), data, "timezone")
    if timezone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise reader.fail((), "timezone", f"unknown time zone {timezone!r}") from None
    max_parallel = data.get("max_parallel", default_parallel())
    if isinstance(max_parallel, bool) or not isinstance(max_parallel, int) or max_parallel < 1:
        raise reader.fail((), "max_parallel", f"must be a whole number >= 1, got {max_parallel!r}")
    with_sites = reader.boolean((), data, "site_defaults")
    jobs: dict[str, Job] = {} if with_sites is False else dict(defaults_jobs)

    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise reader.fail((), "defaults", "must be a table ([defaults])")
    reader.check_fields(("defaults",), defaults, DEFAULTS_FIELDS)
    base_limit = reader.seconds(("defaults",), defaults, "time_limit")
    base_jitter = reader.seconds(("defaults",), defaults, "jitter", zero_ok=True)
    base_settings = reader.pairs(("defaults",), defaults, "settings") or {}
    base_enabled = reader.boolean(("defaults",), defaults, "enabled")
    _check_reserved(reader, ("defaults",), base_settings)

    def with_defaults(job: Job) -> Job:
        interval = job.schedule.interval
        if base_jitter is not None and interval is not None and base_jitter >= interval:
            raise reader.fail(
                ("defaults",),
                "jitter",
                f"{format_duration(base_jitter)} must be shorter than the interval of job "
                f"{job.name!r} ({job.schedule.text})",
            )
        return replace(
            job,
            time_limit=base_limit or job.time_limit,
            jitter=base_jitter if base_jitter is not None else job.jitter,
            settings={**base_settings, **job.settings},
            enabled=job.enabled if base_enabled is None else base_enabled,
        )

    jobs = {name: with_defaults(job) for name, job in jobs.items()}

    declared = data.get("jobs", {})
    if not isinstance(declared, dict):
        raise reader.fail((), "jobs", "must be a table of jobs ([jobs.NAME])")
    for name, spec in declared.items():
        table = ("jobs", name)
        if not isinstance(spec, dict):
            raise reader.fail(table, None, "must be a table ([jobs.NAME])")
        if not _NAME_RE.match(name):
            raise reader.fail(
                table, None, "job names are letters, digits, '_', '-' and '.' (no spaces)"
            )
        reader.check_fields(table, spec, JOB_FIELDS)
        # A job named after a site starts from that site's default job (also when the file
        # turns the defaults off); any other name starts from nothing but [defaults].
        base = jobs.get(name)
        if base is None and name in defaults_jobs:
            base = with_defaults(defaults_jobs[name])
        spider = reader.string(table, spec, "spider")
        if spider is None:
            spider = base.spider if base else (name if name in sites else None)
        if spider is None:
            raise reader.fail(
                table,
                "spider",
                f"missing (a job not named after a site needs one; known: "
                f"{', '.join(sorted(spiders))})",
            )
        if spider not in spiders:
            raise reader.fail(
                table, "spider", f"unknown spider {spider!r}; known: {', '.join(sorted(spiders))}"
            )
        spider_args = reader.pairs(table, spec, "args")
        if spider_args is None:
            spider_args = dict(base.spider_args) if base else {}
        if spider == GENERIC_SPIDER and "url" not in spider_args:
            raise reader.fail(table, "args", "the generic spider needs args.url (its entry page)")
        settings = reader.pairs(table, spec, "settings") or {}
        _check_reserved(reader, table, settings)
        enabled = reader.boolean(table, spec, "enabled")
        if enabled is None:
            enabled = base.enabled if base else base_enabled is not False
        schedule = reader.schedule(table, spec, "schedule") or (base.schedule if base else None)
        if schedule is None:
            if not enabled:
                jobs.pop(name, None)  # switched off and never scheduled: nothing to keep
                continue
            raise reader.fail(table, "schedule", "missing (a cron expression or an interval)")
        site = reader.string(table, spec, "site")
        if site is None:
            if base is not None and spider == base.spider:
                site = base.site
            elif spider in sites:
                site = spider
            else:
                site = spider_args.get("site") or _generic_site_key(spider_args["url"])
        limit = reader.seconds(table, spec, "time_limit")
        jitter = reader.seconds(table, spec, "jitter", zero_ok=True)
        if jitter is None:
            jitter = base.jitter if base else base_jitter
        if jitter is not None and schedule.interval is not None and jitter >= schedule.interval:
            # Each start is jittered around its own slot, which must stay recognisable.
            raise reader.fail(
                table,
                "jitter",
                f"{format_duration(jitter)} (here or in [defaults]) must be shorter than the "
                f"interval {schedule.text}",
            )
        line = reader.where.line(table)
        jobs[name] = Job(
            name=name,
            spider=spider,
            site=site,
            schedule=schedule,
            spider_args=spider_args,
            settings={**(base.settings if base else base_settings), **settings},
            time_limit=limit or (base.time_limit if base else base_limit or DEFAULT_TIME_LIMIT),
            jitter=jitter,
            enabled=enabled,
            origin=f"{path}:{line}" if line else str(path),
        )
    return ScheduleConfig(
        tuple(jobs.values()),
        timezone=timezone,
        max_parallel=max_parallel,
        path=path,
    )


def _generic_site_key(url: str) -> str:
    """The key the generic spider records a crawl of `url` under (and locks it by)."""
    from urllib.parse import urlsplit

    from spiders.generic import site_key_for_host

    return site_key_for_host(urlsplit(url).hostname or "")


def _check_reserved(reader: _Reader, table: tuple[str, ...], settings: Mapping[str, str]) -> None:
    for name in settings:
        if name in RESERVED_SETTINGS:
            raise reader.fail(table, "settings", f"{name} is set by the scheduler itself")
