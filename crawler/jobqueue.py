"""The crawl job queue of a PostgreSQL archive, on procrastinate: its schema, app and jobs.

procrastinate keeps the queue in the archive's own database (tables `procrastinate_*` in the
archive's schema), on psycopg 3 like the archive. One queue job is one site crawl: its `lock`
(the site) lets a site crawl on one worker at a time, its `queueing_lock` (the site) lets at most
one crawl of a site wait in the queue, so runs missed while every worker was busy collapse into
one. Each job carries everything its worker needs (spider, arguments, settings, time limit), so
workers need no schedule file.

The queue's schema is procrastinate's: `schema.sql` for a fresh archive, then its numbered
migration files for a newer procrastinate. The newest migration applied is recorded as the
comment of `procrastinate_jobs`, so each is applied once, under the archive's schema lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from crawler.schedules import Job, parse_schedule
from db.engine import normalise_url, schema_lock

CRAWL_TASK = "newsarchive.crawl"
QUEUE = "crawls"
_SCHEMA_MARK = "procrastinate schema "


def conninfo(database_url: str) -> str:
    """The archive's URL as libpq takes it (options such as a search_path kept)."""
    url = make_url(normalise_url(database_url)).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _migrations() -> list[str]:
    folder = resources.files("procrastinate.sql") / "migrations"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))


def ensure_queue_schema(engine: Engine) -> list[str]:
    """Create the queue's tables, or migrate them to the installed procrastinate; returns what
    was applied (`schema.sql` or migration file names; empty when already current)."""
    migrations = _migrations()
    newest = migrations[-1]
    applied: list[str] = []
    with schema_lock(engine), engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        exists = conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
        if exists is None:
            schema = (resources.files("procrastinate.sql") / "schema.sql").read_text("utf-8")
            raw.execute(schema)
            applied.append("schema.sql")
        else:
            comment = conn.execute(
                text("SELECT obj_description(to_regclass('procrastinate_jobs'), 'pg_class')")
            ).scalar()
            done = str(comment or "").removeprefix(_SCHEMA_MARK)
            folder = resources.files("procrastinate.sql") / "migrations"
            for name in migrations:
                if name > done:
                    raw.execute((folder / name).read_text("utf-8"))
                    applied.append(name)
        if applied:
            raw.execute(f"COMMENT ON TABLE procrastinate_jobs IS '{_SCHEMA_MARK}{newest}'")
        raw.commit()
    return applied


def open_queue_archive(database_url: str, wait: float) -> Engine:
    """The archive's engine with its schema and the queue's ready (waiting up to `wait` seconds
    for the database); SchedulerStartError with one line otherwise."""
    from crawler.db_retry import call_with_retry, one_line
    from crawler.scheduler import SchedulerStartError
    from db.engine import SchemaError, ensure_schema, make_engine

    engine = make_engine(database_url)

    def prepare() -> None:
        ensure_schema(engine)
        ensure_queue_schema(engine)

    try:
        call_with_retry(prepare, "start-up", retry_for=wait)
    except SchemaError as exc:
        engine.dispose()
        raise SchedulerStartError(str(exc)) from None
    except Exception as exc:
        engine.dispose()
        raise SchedulerStartError(f"cannot open the archive database: {one_line(exc)}") from None
    return engine


def site_lock_name(site: str) -> str:
    return f"site:{site}"


def tick_id(job_name: str, scheduled_at: datetime) -> str:
    """A tick's identity: the job and its scheduled time (before jitter)."""
    return f"{job_name}@{scheduled_at.isoformat()}"


def tick_jitter(job: Job, scheduled_at: datetime) -> timedelta:
    """The start delay of one tick: spread like the local scheduler's jitter, but a function of
    the tick, so a scheduler that takes over enqueues it for the same time."""
    digest = hashlib.blake2b(tick_id(job.name, scheduled_at).encode(), digest_size=4).digest()
    return timedelta(seconds=job.start_jitter * int.from_bytes(digest) / 2**32)


def job_payload(job: Job, scheduled_at: datetime) -> dict[str, Any]:
    """A queue job's arguments: the crawl to run and the tick it is for."""
    return {
        "tick": tick_id(job.name, scheduled_at),
        "name": job.name,
        "spider": job.spider,
        "site": job.site,
        "schedule": job.schedule.text,
        "spider_args": dict(job.spider_args),
        "settings": dict(job.settings),
        "time_limit": job.time_limit,
    }


def job_from_payload(payload: Mapping[str, Any]) -> Job:
    return Job(
        name=str(payload["name"]),
        spider=str(payload["spider"]),
        site=str(payload["site"]),
        schedule=parse_schedule(str(payload["schedule"])),
        spider_args={str(k): str(v) for k, v in dict(payload["spider_args"]).items()},
        settings={str(k): str(v) for k, v in dict(payload["settings"]).items()},
        time_limit=float(payload["time_limit"]),
        origin="queue",
    )


def queue_job_of_tick(engine: Engine, tick: str) -> int | None:
    """The queue job made for `tick`, if there is one (a scheduler may have died right after)."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT id FROM procrastinate_jobs WHERE task_name = :task "
                "AND args->>'tick' = :tick ORDER BY id LIMIT 1"
            ),
            {"task": CRAWL_TASK, "tick": tick},
        ).scalar()
    return int(found) if found is not None else None


def stalled_jobs(engine: Engine, seconds_since_heartbeat: float) -> list[int]:
    """Crawl jobs in progress on workers that stopped sending heartbeats (or were pruned)."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT j.id FROM procrastinate_jobs j "
                "LEFT JOIN procrastinate_workers w ON w.id = j.worker_id "
                "WHERE j.status = 'doing' AND j.task_name = :task AND (j.worker_id IS NULL "
                "OR w.last_heartbeat < now() - make_interval(secs => :secs)) ORDER BY j.id"
            ),
            {"task": CRAWL_TASK, "secs": seconds_since_heartbeat},
        ).all()
    return [int(row[0]) for row in rows]


def live_workers(engine: Engine, seconds_since_heartbeat: float) -> int:
    with engine.connect() as conn:
        count = conn.execute(
            text(
                "SELECT count(*) FROM procrastinate_workers "
                "WHERE last_heartbeat >= now() - make_interval(secs => :secs)"
            ),
            {"secs": seconds_since_heartbeat},
        ).scalar()
    return int(count or 0)


def queue_app(database_url: str, *, worker: bool) -> Any:
    """A procrastinate App on the archive: async connector for a worker, sync for enqueueing."""
    import procrastinate

    info = conninfo(database_url)
    if worker:
        return procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=info))
    return procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=info))
