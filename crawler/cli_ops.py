"""Operator commands: `schedule` (the long-running scheduler), `status` and `backup`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.cli_common import CliError, _config, archive_location, open_archive

if TYPE_CHECKING:
    from crawler.model.config import AppConfig
    from crawler.schedules import ScheduleConfig
    from db.health import SiteHealth


def _load_schedule(path: str | None) -> ScheduleConfig:
    from crawler.schedule_file import load_schedule
    from crawler.schedules import ScheduleError

    try:
        return load_schedule(Path(path) if path else None)
    except ScheduleError as exc:
        raise CliError(str(exc)) from None


def _last_started(config: AppConfig) -> tuple[dict[str, datetime], str | None]:
    """Each site's last crawl start, or ({}, why not) when the archive cannot be read."""
    from sqlalchemy.engine import make_url

    from db.engine import normalise_url
    from db.health import last_started

    url = make_url(normalise_url(config.database_url_resolved))
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return {}, "no archive yet"  # listing jobs must not create one
    try:
        engine = open_archive(config)
    except CliError as exc:
        return {}, str(exc)
    try:
        return last_started(engine), None
    except Exception as exc:
        return {}, f"cannot read the archive: {exc}"
    finally:
        engine.dispose()


def _next_runs(
    schedule: ScheduleConfig, config: AppConfig
) -> tuple[dict[str, datetime | None], str]:
    """Next run per job name, and where the times come from.

    From the scheduler running on this host when there is one (its times include jitter and
    skipped runs); otherwise predicted from the schedule and the archive's last runs.
    """
    from crawler.scheduler import scheduler_state
    from crawler.schedules import first_run_time

    state = scheduler_state(config.data_dir)
    if state is not None:
        runs: dict[str, datetime | None] = {}
        for job in state.get("jobs", []):
            value = job.get("next_run")
            runs[str(job.get("name"))] = datetime.fromisoformat(value) if value else None
        return runs, f"from the running scheduler (pid {state['pid']})"
    last, problem = _last_started(config)
    now = datetime.now(UTC)
    tz = schedule.tz()
    predicted: dict[str, datetime | None] = {
        job.name: first_run_time(job, last.get(job.site), now, tz) if job.enabled else None
        for job in schedule.jobs
    }
    source = "predicted: no scheduler is running on this host"
    if problem:
        source += f" ({problem}; from the schedule alone)"
    return predicted, source


def _when(value: datetime | None, tz: Any = None) -> str:
    if value is None:
        return "—"
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


# --- schedule -------------------------------------------------------------------------------


def cmd_schedule(args: argparse.Namespace) -> int:
    from crawler.scheduler import (
        Scheduler,
        SchedulerOptions,
        SchedulerStartError,
        configure_logging,
    )
    from crawler.schedules import format_duration

    config = _config()
    schedule = _load_schedule(args.config)
    if args.list:
        from rich.console import Console
        from rich.table import Table

        runs, source = _next_runs(schedule, config)
        tz = schedule.tz()
        table = Table(title=f"Scheduled jobs (next runs {source}; times in {tz})")
        for col in ("job", "site", "spider", "schedule", "time limit", "next run", "from"):
            table.add_column(col)
        for job in sorted(schedule.jobs, key=lambda j: j.name):
            args_text = " ".join(f"{k}={v}" for k, v in job.spider_args.items())
            table.add_row(
                job.name,
                job.site,
                job.spider + (f" ({args_text})" if args_text else ""),
                job.schedule.describe(),
                format_duration(job.time_limit),
                _when(runs.get(job.name), tz) if job.enabled else "disabled",
                job.origin,
            )
        Console(width=max(120, Console().width)).print(table)
        return 0

    if args.grace < 0 or args.kill_after <= 0:
        raise CliError("--grace must be >= 0 and --kill-after > 0 seconds")
    configure_logging()
    from crawler.locks import is_postgres

    if is_postgres(config.database_url_resolved) and not args.local:
        from crawler.queue_scheduler import QueueScheduler, QueueSchedulerOptions

        if args.stalled_after <= 0:
            raise CliError("--stalled-after must be > 0 seconds")
        queued = QueueScheduler(
            schedule,
            QueueSchedulerOptions(
                database_url=config.database_url_resolved, stalled_after=args.stalled_after
            ),
        )
        try:
            queued.prepare()
            return queued.run()
        except SchedulerStartError as exc:
            raise CliError(str(exc)) from None
    options = SchedulerOptions(
        data_dir=config.data_dir.resolve(),
        database_url=config.database_url_resolved,
        grace=args.grace,
        kill_after=args.kill_after,
    )
    scheduler = Scheduler(schedule, options)
    try:
        scheduler.prepare()
    except SchedulerStartError as exc:
        raise CliError(str(exc)) from None
    return scheduler.run()


def cmd_worker(args: argparse.Namespace) -> int:
    from crawler.scheduler import SchedulerStartError, configure_logging
    from crawler.schedules import default_parallel
    from crawler.worker import Worker, WorkerOptions

    config = _config()
    concurrency = args.concurrency if args.concurrency is not None else default_parallel()
    if concurrency < 1 or args.kill_after <= 0 or args.heartbeat <= 0:
        raise CliError("--concurrency must be >= 1, --kill-after and --heartbeat > 0 seconds")
    configure_logging()
    try:
        worker = Worker(
            WorkerOptions(
                data_dir=config.data_dir.resolve(),
                database_url=config.database_url_resolved,
                concurrency=concurrency,
                kill_after=args.kill_after,
                heartbeat=args.heartbeat,
                stalled_after=max(3 * args.heartbeat, 30.0),
            )
        )
        worker.prepare()
    except SchedulerStartError as exc:
        raise CliError(str(exc)) from None
    return worker.run()


# --- status ---------------------------------------------------------------------------------


def _site_record(
    health: SiteHealth | None,
    key: str,
    name: str,
    next_run: datetime | None,
    next_source: str | None,
) -> dict[str, Any]:
    last = health.last_run if health else None
    return {
        "site": key,
        "name": name,
        "last_run": last.as_dict() if last else None,
        "next_run": next_run.isoformat() if next_run else None,
        "next_run_source": next_source if next_run else None,
        "new_articles_24h": health.new_24h if health else 0,
        "new_articles_7d": health.new_7d if health else 0,
        "failure_streak": health.failure_streak if health else 0,
        "warnings": [w.as_dict() for w in health.last_run_warnings] if health else [],
        "recent_warnings": [w.as_dict() for w in health.recent_warnings] if health else [],
    }


def cmd_status(args: argparse.Namespace) -> int:
    from crawler.scheduler import scheduler_state
    from db.health import site_health

    config = _config()
    schedule = _load_schedule(args.config)
    engine = open_archive(config)
    where = archive_location(config.database_url_resolved)
    try:
        health = {h.key: h for h in site_health(engine)}
    finally:
        engine.dispose()
    try:
        from crawler.sites import all_sites

        declared = {key: site.name for key, site in all_sites().items()}
    except Exception:
        declared = {}
    state = scheduler_state(config.data_dir)
    next_by_site: dict[str, datetime] = {}

    def earliest(site: str, when: datetime | None) -> None:
        if when is not None and (site not in next_by_site or when < next_by_site[site]):
            next_by_site[site] = when

    if state is not None:
        # The running scheduler's own jobs (its schedule file may differ from --config).
        source = f"from the running scheduler (pid {state['pid']})"
        for job_state in state.get("jobs", []):
            value = job_state.get("next_run")
            earliest(str(job_state.get("site")), datetime.fromisoformat(value) if value else None)
    else:
        runs, source = _next_runs(schedule, config)
        for job in schedule.jobs:
            earliest(job.site, runs.get(job.name))
    live = state is not None

    keys = sorted(set(declared) | set(health))
    records = [
        _site_record(
            health.get(key),
            key,
            health[key].name if key in health else declared.get(key, key),
            next_by_site.get(key),
            "scheduler" if live else "predicted",
        )
        for key in keys
    ]
    for record in records:
        _judge_lost(record["last_run"])
    holders = _lock_holders(config, keys)
    for record in records:
        record["locked_by"] = holders.get(record["site"])
    if args.json:
        out = {
            "generated_at": datetime.now(UTC).isoformat(),
            "archive": where,
            "scheduler": {"running": live, "next_runs": source},
            "sites": records,
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_status(records, source, schedule.tz(), where)
    return 0


def _lock_holders(config: Any, keys: list[str]) -> dict[str, str]:
    """Who holds each busy site's crawl lock (a file lock here, or PostgreSQL's, anywhere)."""
    from crawler.locks import locks_dir, site_lock_holders

    try:
        return site_lock_holders(locks_dir(config.data_dir), config.database_url_resolved, keys)
    except Exception as exc:  # status still shows the rest
        print(f"newsarchive: cannot read the site locks: {exc}", file=sys.stderr)
        return {}


def _judge_lost(last: dict[str, Any] | None) -> None:
    """Show a run recorded as running whose crawl process on this host is gone as what it is.

    The record is left as it is (status only reads; the site's next crawl, or the scheduler,
    closes it): `outcome` becomes "interrupted" with the lost reason, and `recorded_outcome`
    keeps what the record says.
    """
    import socket

    from crawler.locks import process_gone
    from db.health import LOST_OUTCOME, LOST_REASON

    if last is None or last["outcome"] != "running" or last["hostname"] != socket.gethostname():
        return
    if process_gone(last["pid"], datetime.fromisoformat(last["started_at"])):
        last["recorded_outcome"] = last["outcome"]
        last["outcome"] = LOST_OUTCOME
        last["finish_reason"] = LOST_REASON


def _print_status(records: list[dict[str, Any]], source: str, tz: Any, where: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(120, Console().width))
    console.print(f"archive: {where}", highlight=False, soft_wrap=True)
    table = Table(title=f"Site health (next runs: {source})")
    for col in ("site", "last run", "outcome", "next run", "new 24h", "new 7d", "fail streak"):
        table.add_column(col, justify="right" if col.startswith(("new", "fail")) else "left")
    table.add_column("warnings")
    for rec in records:
        last = rec["last_run"]
        if last is None:
            when, outcome = "never", ""
        else:
            when = _when(datetime.fromisoformat(last["started_at"]), tz)
            outcome = last["outcome"]
            if last["finish_reason"] == "locked":
                outcome = "skipped (site locked)"  # another crawl of the site was running
            elif last["outcome"] == "running":
                outcome = f"running (pid {last['pid']})" if last["pid"] else "starting"
            else:
                if last["finish_reason"] and last["finish_reason"] != "finished":
                    outcome += f" ({last['finish_reason']})"
                if last["outcome"] == "failed":
                    outcome = f"[red]{outcome}[/]"
        next_run = rec["next_run"]
        next_text = _when(datetime.fromisoformat(next_run), tz) if next_run else "—"
        if next_run and rec["next_run_source"] == "predicted":
            next_text += "*"
        streak = rec["failure_streak"]
        rules = ", ".join(w["rule"] for w in rec["warnings"])
        table.add_row(
            rec["site"],
            when,
            outcome,
            next_text,
            str(rec["new_articles_24h"]),
            str(rec["new_articles_7d"]),
            f"[red]{streak}[/]" if streak else "0",
            f"[yellow]{rules}[/]" if rules else "",
        )
    console.print(table)
    if any(rec["next_run_source"] == "predicted" for rec in records):
        console.print("* predicted from the schedule: no scheduler is running on this host")
    for rec in records:
        if rec["locked_by"]:
            console.print(f"{rec['site']} is being crawled: {rec['locked_by']}", highlight=False)
    flagged = [rec for rec in records if rec["warnings"]]
    for rec in flagged:
        console.print(f"[bold yellow]{rec['site']}[/] (run {rec['warnings'][0]['run_id']}):")
        for warning in rec["warnings"]:
            console.print(f"  {warning['rule']}: {warning['message']}", highlight=False)


# --- backup ---------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    import sqlite3

    from sqlalchemy.engine import make_url

    from db.engine import normalise_url

    config = _config()
    url = make_url(normalise_url(config.database_url_resolved))
    target = Path(args.file)
    if url.get_backend_name() != "sqlite":
        raise CliError(
            "backup copies SQLite archives; for PostgreSQL use pg_dump, e.g. "
            f"pg_dump --format=custom --file {target} '<DATABASE_URL>' (see docs/operations.md)"
        )
    source = Path(url.database or "")
    if not source.is_file():
        raise CliError(f"no archive at {source}")
    if target.exists():
        raise CliError(f"{target} exists; backup never overwrites a file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The online backup API copies a consistent snapshot while crawls keep writing.
        src = sqlite3.connect(source, timeout=60)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=4096)
        finally:
            dst.close()
            src.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise CliError(f"backup failed: {exc}") from None
    print(f"archive database copied to {target} ({target.stat().st_size} bytes)")
    print(f"the raw captures are files: copy {config.warc_dir} too (e.g. rsync)", file=sys.stderr)
    return 0


# --- parser ---------------------------------------------------------------------------------


def _kill_after_argument(parser: Any) -> None:
    parser.add_argument(
        "--kill-after",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="after a crawl got SIGTERM (time limit, shutdown), when to SIGKILL it (30)",
    )


def register(sub: Any) -> None:
    """Add the operator commands to the `newsarchive` sub-command parser."""
    p = sub.add_parser(
        "schedule",
        help="run the crawl scheduler (long-running; see docs/operations.md)",
        description="Run every site's crawls on their schedules, each in its own process, "
        "never two of one site at once. SIGTERM/SIGINT stop it cleanly.",
    )
    p.add_argument("--config", metavar="FILE", help="TOML file overriding or adding jobs")
    p.add_argument("--list", action="store_true", help="print every job with its next run")
    p.add_argument(
        "--grace",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="on SIGTERM, how long running crawls may finish before they are stopped (300)",
    )
    _kill_after_argument(p)
    p.add_argument(
        "--local",
        action="store_true",
        help="PostgreSQL archive: run the crawls on this machine instead of enqueueing them "
        "for `newsarchive worker`s (SQLite archives always do)",
    )
    p.add_argument(
        "--stalled-after",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="PostgreSQL archive: a worker silent this long has lost its crawls; they are "
        "recorded as interrupted and enqueued again (30)",
    )
    p.set_defaults(func=cmd_schedule)

    p = sub.add_parser(
        "worker",
        help="run crawl jobs from a PostgreSQL archive's queue (long-running; one per machine)",
        description="Run the crawls that `newsarchive schedule` enqueues, each in its own "
        "process, on this machine. PostgreSQL archives only. SIGTERM/SIGINT stop it cleanly.",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=None,
        metavar="N",
        help="crawls at once (default: one per core, at least 2)",
    )
    _kill_after_argument(p)
    p.add_argument(
        "--heartbeat",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds between the worker's heartbeats (10); keep well under the "
        "scheduler's --stalled-after",
    )
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("status", help="per-site health: last run, next run, new articles, warnings")
    p.add_argument("--json", action="store_true", help="as JSON, for machines")
    p.add_argument(
        "--config", metavar="FILE", help="the scheduler's TOML file (to predict next runs)"
    )
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("backup", help="copy a SQLite archive safely while crawls run")
    p.add_argument("file", help="the backup file to write (never overwritten)")
    p.set_defaults(func=cmd_backup)
