"""The schedule file: a TOML file overriding or extending the sites' default jobs.

The format (docs/operations.md has the full description):

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

The file's shape and values are a pydantic model; what depends on the declared sites (known
spiders, a job's base) is checked after it. Every error names the file, the line, the job and
the field, and is raised before anything runs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    ValidationError,
)
from pydantic_core import ErrorDetails

from crawler.schedules import (
    DEFAULT_TIME_LIMIT,
    Job,
    Schedule,
    ScheduleConfig,
    ScheduleError,
    default_parallel,
    format_duration,
    parse_duration,
    parse_schedule,
    site_jobs,
)

if TYPE_CHECKING:
    from crawler.model.sitespec import Site

GENERIC_SPIDER = "generic"
# Settings the scheduler sets itself for every crawl.
RESERVED_SETTINGS = frozenset({"NEWSARCHIVE_RUN_ID"})

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------------- field values
# Each raises ValueError with the message the operator sees after "file:line: job, field: ".


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty string, got {value!r}")
    return value.strip()


def _seconds(value: Any, *, zero_ok: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a duration like '30m', got {value!r}")
    if isinstance(value, str):
        if zero_ok and value.strip() in ("0", "0s"):
            return 0.0
        return parse_duration(value)
    if value < 0 or (value == 0 and not zero_ok):
        raise ValueError(f"must be a positive number of seconds, got {value!r}")
    return float(value)


def _duration(value: Any) -> float:
    return _seconds(value, zero_ok=False)


def _jitter(value: Any) -> float:
    return _seconds(value, zero_ok=True)


def _pairs(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a table of NAME = value, got {value!r}")
    out: dict[str, str] = {}
    for name, item in value.items():
        if isinstance(item, bool):
            out[name] = "True" if item else "False"
        elif isinstance(item, str | int | float):
            out[name] = str(item)
        else:
            raise ValueError(
                f"{name} must be a string, number or boolean, got {type(item).__name__}"
            )
    return out


def _not_reserved(settings: dict[str, str]) -> dict[str, str]:
    for name in settings:
        if name in RESERVED_SETTINGS:
            raise ValueError(f"{name} is set by the scheduler itself")
    return settings


def _schedule(value: Any) -> Schedule:
    return parse_schedule(_string(value))


def _timezone(value: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = _string(value)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None
    return name


def _job_name(name: str) -> str:
    if not _NAME_RE.match(name):
        raise ValueError("job names are letters, digits, '_', '-' and '.' (no spaces)")
    return name


Text = Annotated[str, PlainValidator(_string)]
Duration = Annotated[float, PlainValidator(_duration)]
Jitter = Annotated[float, PlainValidator(_jitter)]
Pairs = Annotated[dict[str, str], PlainValidator(_pairs)]
Settings = Annotated[dict[str, str], PlainValidator(_pairs), AfterValidator(_not_reserved)]
ScheduleText = Annotated[Schedule, PlainValidator(_schedule)]
TimeZoneName = Annotated[str, PlainValidator(_timezone)]
JobName = Annotated[str, AfterValidator(_job_name)]


# --------------------------------------------------------------------------- the file's model
# Field order is the order "known fields" are listed in messages. None: not in the file.


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JobSpec(_Table):
    """One [jobs.NAME] table."""

    spider: Text | None = None
    site: Text | None = None
    args: Pairs | None = None
    settings: Settings | None = None
    schedule: ScheduleText | None = None
    time_limit: Duration | None = None
    jitter: Jitter | None = None
    enabled: StrictBool | None = None


class DefaultsSpec(_Table):
    """The [defaults] table."""

    time_limit: Duration | None = None
    jitter: Jitter | None = None
    settings: Settings | None = None
    enabled: StrictBool | None = None


class ScheduleFile(_Table):
    """The whole file."""

    timezone: TimeZoneName | None = None
    max_parallel: Annotated[StrictInt, Field(ge=1)] | None = None
    site_defaults: StrictBool | None = None
    defaults: DefaultsSpec = Field(default_factory=DefaultsSpec)
    jobs: dict[JobName, JobSpec] = Field(default_factory=dict)


# --------------------------------------------------------------------------- error places


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
    """Turns every problem of one file into a ScheduleError with its place."""

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

    def validate(self, data: dict[str, Any]) -> ScheduleFile:
        try:
            return ScheduleFile.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
        declared = data.get("jobs")
        names = [str(name) for name in declared] if isinstance(declared, dict) else []
        first = min(errors, key=lambda err: _error_rank(err, names))
        table, key = _place(first["loc"])
        raise self.fail(table, key, _message(first, table, key))


def _place(loc: tuple[int | str, ...]) -> tuple[tuple[str, ...], str | None]:
    """(table, field) of an error location; field None when the table itself is wrong."""
    parts = tuple(str(part) for part in loc)
    if parts[-1] == "[key]":  # a job's name
        return parts[:-1], None
    if parts[0] == "jobs" and len(parts) == 2:  # [jobs.NAME] that is not a table
        return parts, None
    return parts[:-1], parts[-1]


_TABLE_FIELDS: dict[tuple[str, ...], tuple[str, ...]] = {
    (): tuple(ScheduleFile.model_fields),
    ("defaults",): tuple(DefaultsSpec.model_fields),
}


def _error_rank(err: ErrorDetails, job_names: list[str]) -> tuple[int, int, int, int]:
    """Where an error comes in the order the file is read: the top level's unknown fields, its
    values, then [defaults], then each job (its name, its unknown fields, its values)."""
    loc = tuple(str(part) for part in err["loc"])
    extra = err["type"] == "extra_forbidden"
    sections = _TABLE_FIELDS[()]
    if len(loc) == 1:
        return (0, 0, 0, 0) if extra else (1 + sections.index(loc[0]), 0, 0, 0)
    section = 1 + sections.index(loc[0])
    if loc[0] == "defaults":
        return (section, 0, 0 if extra else 1, _field_index(DefaultsSpec, loc[1]))
    job = job_names.index(loc[1]) if loc[1] in job_names else 0
    if len(loc) == 2 or loc[2] == "[key]":
        return (section, job, 0, 0)
    return (section, job, 1 if extra else 2, _index(_JOB_CHECK_ORDER, loc[2]))


# The order a job's fields are checked in: the spider first, as the rest depends on it.
_JOB_CHECK_ORDER = ("spider", "args", "settings", "enabled", "schedule", "site", "time_limit")


def _field_index(model: type[BaseModel], name: str) -> int:
    return _index(tuple(model.model_fields), name)


def _index(names: tuple[str, ...], name: str) -> int:
    return names.index(name) if name in names else len(names)


def _message(err: ErrorDetails, table: tuple[str, ...], key: str | None) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "extra_forbidden":
        known = _TABLE_FIELDS.get(table, tuple(JobSpec.model_fields))
        return f"unknown field; known fields: {', '.join(known)}"
    if kind == "bool_type":
        return f"must be true or false, got {err['input']!r}"
    if key == "max_parallel":
        return f"must be a whole number >= 1, got {err['input']!r}"
    if key == "defaults":
        return "must be a table ([defaults])"
    if key == "jobs":
        return "must be a table of jobs ([jobs.NAME])"
    if key is None:
        return "must be a table ([jobs.NAME])"
    return str(err["msg"])


# --------------------------------------------------------------------------- loading


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
    parsed = reader.validate(data)
    max_parallel = default_parallel() if parsed.max_parallel is None else parsed.max_parallel
    jobs: dict[str, Job] = {} if parsed.site_defaults is False else dict(defaults_jobs)

    defaults = parsed.defaults
    base_limit = defaults.time_limit
    base_jitter = defaults.jitter
    base_settings = defaults.settings or {}
    base_enabled = defaults.enabled

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

    for name, spec in parsed.jobs.items():
        table = ("jobs", name)
        # A job named after a site starts from that site's default job (also when the file
        # turns the defaults off); any other name starts from nothing but [defaults].
        base = jobs.get(name)
        if base is None and name in defaults_jobs:
            base = with_defaults(defaults_jobs[name])
        spider = spec.spider
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
        spider_args = spec.args
        if spider_args is None:
            spider_args = dict(base.spider_args) if base else {}
        if spider == GENERIC_SPIDER and "url" not in spider_args:
            raise reader.fail(table, "args", "the generic spider needs args.url (its entry page)")
        settings = spec.settings or {}
        enabled = spec.enabled
        if enabled is None:
            enabled = base.enabled if base else base_enabled is not False
        schedule = spec.schedule or (base.schedule if base else None)
        if schedule is None:
            if not enabled:
                jobs.pop(name, None)  # switched off and never scheduled: nothing to keep
                continue
            raise reader.fail(table, "schedule", "missing (a cron expression or an interval)")
        site = spec.site
        if site is None:
            if base is not None and spider == base.spider:
                site = base.site
            elif spider in sites:
                site = spider
            else:
                site = spider_args.get("site") or _generic_site_key(spider_args["url"])
        limit = spec.time_limit
        jitter = spec.jitter
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
        timezone=parsed.timezone,
        max_parallel=max_parallel,
        path=path,
    )


def _generic_site_key(url: str) -> str:
    """The key the generic spider records a crawl of `url` under (and locks it by)."""
    from urllib.parse import urlsplit

    from spiders.generic import site_key_for_host

    return site_key_for_host(urlsplit(url).hostname or "")
