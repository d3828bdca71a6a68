"""Schedules as data: durations, cron, the TOML file and its errors, catch-up after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.model.sitespec import Site
from crawler.schedule_file import load_schedule
from crawler.schedules import (
    DEFAULT_TIME_LIMIT,
    Job,
    ScheduleError,
    first_run_time,
    format_duration,
    parse_duration,
    parse_schedule,
)

SITES = {
    "alpha": Site(key="alpha", name="Alpha", domains=("alpha.example",), schedule="30m"),
    "beta": Site(key="beta", name="Beta", domains=("beta.example",), schedule="0 */2 * * *"),
    "gamma": Site(key="gamma", name="Gamma", domains=("gamma.example",)),
}
MONDAY = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    return path


def jobs(tmp_path: Path, text: str) -> dict[str, Job]:
    config = load_schedule(write(tmp_path, text), SITES)
    return {job.name: job for job in config.jobs}


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3s", 3), ("90s", 90), ("45m", 2700), ("2h", 7200), ("1d", 86400), ("1h30m", 5400)],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "5", "5 minutes", "m5", "0s", "-3s", "1x"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_format_duration() -> None:
    assert [format_duration(s) for s in (3, 0.5, 90, 3600, 5400, 86400)] == [
        "3s",
        "0.5s",
        "1m30s",
        "1h",
        "1h30m",
        "1d",
    ]


def test_interval_and_cron_schedules() -> None:
    every = parse_schedule("3s")
    assert (every.kind, every.interval, every.describe()) == ("interval", 3.0, "every 3s")
    cron = parse_schedule("*/30  *  * * *")
    assert (cron.kind, cron.text) == ("cron", "*/30 * * * *")


@pytest.mark.parametrize("text", ["every 5 minutes", "61 * * * *", "* * * *", "* * * * 8"])
def test_bad_schedules(text: str) -> None:
    with pytest.raises(ValueError):
        parse_schedule(text)


@pytest.mark.parametrize(
    ("day_of_week", "expected_days"),
    [
        ("0", {"Sun"}),
        ("7", {"Sun"}),
        ("1-5", {"Mon", "Tue", "Wed", "Thu", "Fri"}),
        ("*/2", {"Sun", "Tue", "Thu", "Sat"}),
        ("sat,sun", {"Sat", "Sun"}),
        ("5-7", {"Fri", "Sat", "Sun"}),
    ],
)
def test_cron_weekdays_count_from_sunday_as_in_crontab(
    day_of_week: str, expected_days: set[str]
) -> None:
    # APScheduler 3.x alone would read 0 as Monday; the schedule must mean what cron means.
    trigger = parse_schedule(f"0 6 * * {day_of_week}").trigger(timezone=UTC)
    days: set[str] = set()
    moment = MONDAY
    for _ in range(14):
        moment = trigger.get_next_fire_time(None, moment + timedelta(seconds=1))
        days.add(moment.strftime("%a"))
    assert days == expected_days


# --------------------------------------------------------------------------- the file


def test_without_a_file_every_site_with_a_schedule_is_a_job() -> None:
    config = load_schedule(None, SITES)
    assert [(j.name, j.spider, j.site, j.schedule.text) for j in config.jobs] == [
        ("alpha", "alpha", "alpha", "30m"),
        ("beta", "beta", "beta", "0 */2 * * *"),
    ]
    assert all(j.enabled and j.time_limit == DEFAULT_TIME_LIMIT for j in config.jobs)


def test_declared_sites_schedules_are_valid() -> None:
    config = load_schedule()  # the real site registry: a bad declared schedule fails here
    assert all(job.spider == job.site for job in config.jobs)


def test_file_overrides_adds_and_disables(tmp_path: Path) -> None:
    found = jobs(
        tmp_path,
        """
timezone = "Europe/Berlin"
max_parallel = 3

[defaults]
time_limit = "1h"
settings = { DOWNLOAD_DELAY = "2" }

[jobs.alpha]
schedule = "*/20 * * * 1-5"
settings = { CLOSESPIDER_PAGECOUNT = 100, ROBOTSTXT_OBEY = false }

[jobs.beta]
enabled = false

[jobs.gamma]
schedule = "6h"
time_limit = 1800

[jobs.tagesblick]
spider = "generic"
args = { url = "http://127.0.0.1:9/", site = "tagesblick" }
schedule = "3s"
jitter = 0
""",
    )
    alpha = found["alpha"]
    assert alpha.schedule.text == "*/20 * * * 1-5"
    assert alpha.time_limit == 3600
    assert alpha.settings == {
        "DOWNLOAD_DELAY": "2",
        "CLOSESPIDER_PAGECOUNT": "100",
        "ROBOTSTXT_OBEY": "False",
    }
    assert found["beta"].enabled is False
    gamma = found["gamma"]  # a declared site without a default schedule
    assert (gamma.spider, gamma.site, gamma.time_limit) == ("gamma", "gamma", 1800)
    extra = found["tagesblick"]
    assert (extra.spider, extra.site, extra.jitter) == ("generic", "tagesblick", 0)
    assert extra.spider_args == {"url": "http://127.0.0.1:9/", "site": "tagesblick"}
    assert extra.start_jitter == 0
    config = load_schedule(write(tmp_path, "max_parallel = 3\n"), SITES)
    assert config.max_parallel == 3


def test_site_defaults_can_be_turned_off(tmp_path: Path) -> None:
    found = jobs(
        tmp_path,
        """
site_defaults = false

[jobs.beta]
schedule = "5m"

[jobs.copy]
spider = "generic"
args = { url = "http://www.Example.org:8080/news/" }
schedule = "1h"
""",
    )
    assert sorted(found) == ["beta", "copy"]
    assert found["beta"].spider == "beta"
    # The generic spider records (and locks) under a key derived from the host.
    assert found["copy"].site == "example_org"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[jobs.alpha]\nschedule = "every 5 minutes"\n', r":2: job 'alpha', field 'schedule'"),
        ('[jobs.alpha]\n\ntime_limt = "5m"\n', r":3: job 'alpha', field 'time_limt': unknown"),
        ('[jobs.new]\nschedule = "5m"\n', r":1: job 'new', field 'spider': missing"),
        ('[jobs.new]\nspider = "nope"\nschedule = "5m"\n', r":2: .*unknown spider 'nope'"),
        ('[jobs.g]\nspider = "generic"\nschedule = "5m"\n', r":1: job 'g', field 'args'"),
        ('[jobs.new]\nspider = "alpha"\n', r":1: job 'new', field 'schedule': missing"),
        ('[jobs.alpha]\ntime_limit = "soon"\n', r":2: job 'alpha', field 'time_limit'"),
        ('[jobs.alpha]\nenabled = "yes"\n', r":2: job 'alpha', field 'enabled'"),
        ('[jobs.alpha]\nargs = { url = ["a"] }\n', r":2: job 'alpha', field 'args'"),
        (
            '[jobs.alpha]\nsettings = { NEWSARCHIVE_RUN_ID = "3" }\n',
            r":2: job 'alpha', field 'settings': NEWSARCHIVE_RUN_ID is set by the scheduler",
        ),
        ('[jobs."two words"]\nspider = "alpha"\n', r":1: job 'two words'"),
        ('timezone = "Mars/Olympus"\n', r":1: top level, field 'timezone'"),
        ("max_parallel = 0\n", r":1: top level, field 'max_parallel'"),
        ("[defaults]\nfoo = 1\n", r":2: \[defaults\], field 'foo'"),
        ('[jobs.alpha]\nschedule = "5m\n', r":2: column \d+: invalid TOML"),
        ('[jobs]\nalpha = { schedule = "often" }\n', r":2: job 'alpha', field 'schedule'"),
    ],
)
def test_bad_files_name_line_job_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ScheduleError, match=r"^" + str(path).replace(".", r"\.") + expected):
        load_schedule(path, SITES)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="cannot read schedule file"):
        load_schedule(tmp_path / "nope.toml", SITES)


def test_a_site_declaring_a_bad_schedule_is_refused() -> None:
    sites = {"bad": Site(key="bad", name="Bad", domains=("bad.example",), schedule="hourly")}
    with pytest.raises(ScheduleError, match="site 'bad' declares a bad schedule"):
        load_schedule(None, sites)


# --------------------------------------------------------------------------- catch-up


def test_first_run_after_downtime_is_one_catch_up_run() -> None:
    config = load_schedule(None, SITES)
    alpha, beta = config.jobs  # every 30 minutes; cron every two hours
    now = MONDAY
    # Never crawled: at once.
    assert first_run_time(alpha, None, now) == now
    # Crawled 10 minutes ago: the interval keeps its cadence across the restart.
    assert first_run_time(alpha, now - timedelta(minutes=10), now) == now + timedelta(minutes=20)
    # Down for a day: one run now, not 48.
    assert first_run_time(alpha, now - timedelta(days=1), now) == now
    # Cron: a fire time passed while down -> now; none passed -> the next one.
    assert first_run_time(beta, now - timedelta(hours=5), now, UTC) == now
    later = now + timedelta(minutes=30)
    assert first_run_time(beta, now + timedelta(minutes=5), later, UTC) == now + timedelta(hours=2)


def test_switching_off_a_site_without_a_schedule_is_not_an_error(tmp_path: Path) -> None:
    assert "gamma" not in jobs(tmp_path, "[jobs.gamma]\nenabled = false\n")


def test_the_example_in_the_operations_guide_is_valid(tmp_path: Path) -> None:
    guide = Path(__file__).resolve().parent.parent / "docs" / "operations.md"
    example = guide.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    config = load_schedule(write(tmp_path, example))  # with the real site registry
    assert {job.name for job in config.enabled_jobs} >= {"rt_de", "tagesblick"}


# --------------------------------------------------------------------------- jitter


def test_interval_jitter_does_not_add_up() -> None:
    """Each start lies in [slot, slot + jitter] of the grid first + n * interval, however many
    runs came before (APScheduler's own IntervalTrigger drifts by ~jitter/2 a run)."""
    hourly = parse_schedule("1h")
    start = MONDAY
    trigger = hourly.trigger(jitter=360, timezone=UTC, start=start)
    fire = start + timedelta(seconds=200)  # the first run, jittered by the scheduler
    for n in range(1, 500):
        fire_next = trigger.get_next_fire_time(fire, fire)
        assert fire_next is not None
        slot = start + timedelta(hours=n)
        assert slot <= fire_next <= slot + timedelta(seconds=360), n
        fire = fire_next


def test_a_jitter_as_long_as_the_interval_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[jobs.alpha]\nschedule = "5m"\njitter = "5m"\n')
    with pytest.raises(ScheduleError, match=r":3: job 'alpha', field 'jitter': 5m .*shorter"):
        load_schedule(path, SITES)
    defaults = write(tmp_path, '[defaults]\njitter = "1h"\n')
    with pytest.raises(ScheduleError, match=r":2: \[defaults\], field 'jitter': 1h .*'alpha'"):
        load_schedule(defaults, SITES)  # alpha runs every 30 minutes
