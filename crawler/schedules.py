"""Schedules as data: durations, cron and interval triggers, jobs, and each site's default job.

The schedule file that overrides or extends the site defaults is read by
crawler/schedule_file.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from math import floor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from apscheduler.triggers.base import BaseTrigger

    from crawler.model.sitespec import Site

# A crawl that runs longer than this is stopped (SIGTERM, then SIGKILL), unless a job says
# otherwise: long enough for a full crawl of a large site at a polite rate.
DEFAULT_TIME_LIMIT = 2 * 3600.0
# Start times are spread by up to this much (cron jobs) so sites on the same minute do not
# all start at once; interval jobs use a tenth of their interval, capped at this.
DEFAULT_CRON_JITTER = 30.0
MAX_INTERVAL_JITTER = 60.0

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
