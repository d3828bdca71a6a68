"""Run health: the queries behind `status` and the monitors, and the records they write."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, case, func, select, update
from sqlalchemy.orm import Session

from db.engine import session_scope
from db.models import Article, CrawlRun, Fetch, RunWarning, Site, utcnow

# A crawl closed with this reason never ran: another process held the site's lock.
LOCKED_REASON = "locked"
SKIPPED = "skipped"  # crawl_runs.outcome of a run that found its site locked
# The finish reason of a run whose crawl process died without closing it (kill -9, a crash of
# the interpreter, power loss); its outcome is "interrupted".
LOST_REASON = "lost: its crawl process is gone"
LOST_OUTCOME = "interrupted"


@dataclass(frozen=True)
class RunSummary:
    """A run record's numbers, detached from any session."""

    id: int
    site_key: str | None
    spider: str
    trigger: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    finish_reason: str | None
    exit_status: int | None
    pages_fetched: int
    articles_new: int
    new_versions: int
    duplicates: int
    empty_pages: int
    errors: int
    http_errors: dict[str, Any]
    date_share: float | None
    stats: dict[str, Any]
    pid: int | None = None  # the crawl process, once it has taken the run over
    hostname: str | None = None

    @property
    def skipped(self) -> bool:
        """True for a crawl that did nothing because the site was locked (outcome "skipped";
        archives from before that outcome existed have "failed" with reason "locked")."""
        return self.outcome == SKIPPED or self.finish_reason == LOCKED_REASON

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "spider": self.spider,
            "trigger": self.trigger,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "outcome": self.outcome,
            "finish_reason": self.finish_reason,
            "exit_status": self.exit_status,
            "pages_fetched": self.pages_fetched,
            "articles_new": self.articles_new,
            "new_versions": self.new_versions,
            "duplicates": self.duplicates,
            "empty_pages": self.empty_pages,
            "errors": self.errors,
            "http_errors": dict(self.http_errors),
            "date_share": self.date_share,
            "pid": self.pid,
            "hostname": self.hostname,
        }


@dataclass(frozen=True)
class WarningRow:
    run_id: int
    site_key: str | None
    rule: str
    message: str
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "rule": self.rule,
            "message": self.message,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class SiteHealth:
    """One site at a glance: what `newsarchive status` shows."""

    key: str
    name: str
    last_run: RunSummary | None
    new_24h: int
    new_7d: int
    failure_streak: int
    last_run_warnings: tuple[WarningRow, ...]  # the findings on the last finished run
    recent_warnings: tuple[WarningRow, ...]  # newest first


def run_summary(run: CrawlRun, site_key: str | None) -> RunSummary:
    return RunSummary(
        id=run.id,
        site_key=site_key,
        spider=run.spider,
        trigger=run.trigger,
        started_at=run.started_at,
        finished_at=run.finished_at,
        outcome=run.outcome,
        finish_reason=run.finish_reason,
        exit_status=run.exit_status,
        pages_fetched=run.pages_fetched,
        articles_new=run.articles_new,
        new_versions=run.new_versions,
        duplicates=run.duplicates,
        empty_pages=run.empty_pages,
        errors=run.errors,
        http_errors=dict(run.http_errors or {}),
        date_share=run.date_share,
        stats=dict(run.stats or {}),
        pid=run.pid,
        hostname=run.hostname,
    )


def get_run(engine: Engine, run_id: int) -> RunSummary | None:
    with Session(engine) as session:
        row = session.execute(
            select(CrawlRun, Site.key)
            .join(Site, Site.id == CrawlRun.site_id, isouter=True)
            .where(CrawlRun.id == run_id)
        ).first()
        return None if row is None else run_summary(row[0], row[1])


def run_site_id(engine: Engine, run_id: int) -> int | None:
    with Session(engine) as session:
        return session.scalar(select(CrawlRun.site_id).where(CrawlRun.id == run_id))


def runs_before(
    engine: Engine, site_key: str, *, before_id: int | None = None, limit: int = 50
) -> list[RunSummary]:
    """The site's runs, newest first, up to and including `before_id` when given."""
    with Session(engine) as session:
        query = (
            select(CrawlRun)
            .join(Site, Site.id == CrawlRun.site_id)
            .where(Site.key == site_key)
            .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
            .limit(limit)
        )
        if before_id is not None:
            query = query.where(CrawlRun.id <= before_id)
        return [run_summary(run, site_key) for run in session.scalars(query)]


def failure_streak(runs: Iterable[RunSummary]) -> int:
    """How many of the newest runs in a row failed (runs still going, or skipped, are passed)."""
    streak = 0
    for run in runs:
        if run.outcome == "running" or run.skipped:
            continue
        if run.outcome != "failed":
            break
        streak += 1
    return streak


def fetch_counts(engine: Engine, run_id: int) -> dict[tuple[str, str], int]:
    """The run's fetches by (kind, outcome): measured from the fetch log, so it is there even
    for a crawl that died before it could write its totals."""
    with Session(engine) as session:
        rows = session.execute(
            select(Fetch.kind, Fetch.outcome, func.count())
            .where(Fetch.run_id == run_id)
            .group_by(Fetch.kind, Fetch.outcome)
        ).all()
    return {(kind, outcome): int(n) for kind, outcome, n in rows}


def new_articles_dated(engine: Engine, run_id: int) -> tuple[int, int]:
    """(new articles the run archived, how many of them have a publication date)."""
    with Session(engine) as session:
        row = session.execute(
            select(
                func.count(Article.id),
                func.count(Article.published_at),
            )
            .select_from(Fetch)
            .join(Article, Article.id == Fetch.article_id)
            .where(Fetch.run_id == run_id, Fetch.outcome == "archived")
        ).one()
    return int(row[0]), int(row[1])


def run_warnings(engine: Engine, run_id: int) -> list[WarningRow]:
    with Session(engine) as session:
        rows = session.execute(
            select(RunWarning, Site.key)
            .join(Site, Site.id == RunWarning.site_id, isouter=True)
            .where(RunWarning.run_id == run_id)
            .order_by(RunWarning.id)
        ).all()
    return [WarningRow(w.run_id, key, w.rule, w.message, w.created_at) for w, key in rows]


def record_warnings(
    engine: Engine, run_id: int, site_id: int | None, findings: Iterable[tuple[str, str]]
) -> None:
    """Store (rule, message) findings on the run, in one transaction."""
    with session_scope(engine) as session:
        for rule, message in findings:
            session.add(RunWarning(run_id=run_id, site_id=site_id, rule=rule, message=message))


def settle_run(
    engine: Engine,
    run_id: int,
    *,
    exit_status: int | None,
    outcome: str,
    finish_reason: str,
    override: Collection[str] = ("running",),
) -> bool:
    """Record how a supervised crawl process ended.

    The exit status is always stored. When the record's outcome is one of `override` (the
    crawl died before closing its own record, or was stopped for a reason it cannot know), the
    outcome, reason and end time are set too; returns whether that happened.
    """
    with session_scope(engine) as session:
        changed = session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.outcome.in_(list(override)))
            .values(
                outcome=outcome,
                finish_reason=finish_reason,
                finished_at=func.coalesce(CrawlRun.finished_at, utcnow()),
                exit_status=exit_status,
            )
        )
        if changed.rowcount:  # type: ignore[attr-defined]
            return True
        session.execute(
            update(CrawlRun).where(CrawlRun.id == run_id).values(exit_status=exit_status)
        )
        return False


def unfinished_runs(engine: Engine, hostname: str) -> list[tuple[int, int | None, datetime]]:
    """(id, pid, started_at) of the runs on `hostname` whose records still say "running"."""
    with Session(engine) as session:
        rows = session.execute(
            select(CrawlRun.id, CrawlRun.pid, CrawlRun.started_at).where(
                CrawlRun.outcome == "running", CrawlRun.hostname == hostname
            )
        ).all()
    return [(run_id, pid, started) for run_id, pid, started in rows]


def settle_lost_runs(
    engine: Engine,
    site_key: str,
    hostname: str,
    *,
    keep: int | None,
    gone: Callable[[int | None, datetime], bool],
) -> list[int]:
    """Close the site's runs on `hostname` still recorded as running whose process is gone.

    Called by a crawl that holds the site's lock, so no other crawl of the site is past its
    start; `gone(pid, started_at)` judges each record (never `keep`, the caller's own). They
    are closed as interrupted with LOST_REASON; returns their ids.
    """
    with Session(engine) as session:
        rows = session.execute(
            select(CrawlRun.id, CrawlRun.pid, CrawlRun.started_at)
            .join(Site, Site.id == CrawlRun.site_id)
            .where(
                Site.key == site_key,
                CrawlRun.outcome == "running",
                CrawlRun.hostname == hostname,
            )
        ).all()
    settled = []
    for run_id, pid, started in rows:
        if run_id == keep or not gone(pid, started):
            continue
        if settle_run(
            engine, run_id, exit_status=None, outcome=LOST_OUTCOME, finish_reason=LOST_REASON
        ):
            settled.append(run_id)
    return settled


def last_started(engine: Engine) -> dict[str, datetime]:
    """Per site key: when its most recent crawl started (any trigger, skipped runs aside)."""
    with Session(engine) as session:
        rows = session.execute(
            select(Site.key, func.max(CrawlRun.started_at))
            .join(CrawlRun, CrawlRun.site_id == Site.id)
            .where((CrawlRun.finish_reason.is_(None)) | (CrawlRun.finish_reason != LOCKED_REASON))
            .group_by(Site.key)
        ).all()
    return {key: started for key, started in rows if started is not None}


def site_health(
    engine: Engine,
    *,
    now: datetime | None = None,
    warnings_since: timedelta = timedelta(days=7),
    warnings_limit: int = 10,
    streak_window: int = 50,
) -> list[SiteHealth]:
    """Every site in the archive, by key: last run, new articles, failure streak, warnings."""
    now = now or utcnow()
    day, week = now - timedelta(days=1), now - timedelta(days=7)
    with Session(engine) as session:
        sites = session.execute(select(Site.id, Site.key, Site.name).order_by(Site.key)).all()
        fresh = {
            site_id: (int(n24 or 0), int(n7 or 0))
            for site_id, n24, n7 in session.execute(
                select(
                    Article.site_id,
                    func.sum(case((Article.first_seen_at >= day, 1), else_=0)),
                    func.count(Article.id),
                )
                .where(Article.first_seen_at >= week)
                .group_by(Article.site_id)
            )
        }
        out: list[SiteHealth] = []
        for site_id, key, name in sites:
            runs = [
                run_summary(run, key)
                for run in session.scalars(
                    select(CrawlRun)
                    .where(CrawlRun.site_id == site_id)
                    .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
                    .limit(streak_window)
                )
            ]
            # A crawl that stopped at once because another one held the site's lock says
            # nothing about the site; show the run that did.
            last = next((r for r in runs if not r.skipped), runs[0] if runs else None)
            judged = next((r for r in runs if r.outcome != "running" and not r.skipped), None)
            recent = [
                WarningRow(w.run_id, key, w.rule, w.message, w.created_at)
                for w in session.scalars(
                    select(RunWarning)
                    .where(
                        RunWarning.site_id == site_id, RunWarning.created_at >= now - warnings_since
                    )
                    .order_by(RunWarning.created_at.desc(), RunWarning.id.desc())
                    .limit(warnings_limit)
                )
            ]
            current: list[WarningRow] = []
            if judged is not None:
                current = [
                    WarningRow(w.run_id, key, w.rule, w.message, w.created_at)
                    for w in session.scalars(
                        select(RunWarning)
                        .where(RunWarning.run_id == judged.id)
                        .order_by(RunWarning.id)
                    )
                ]
            n24, n7 = fresh.get(site_id, (0, 0))
            out.append(
                SiteHealth(
                    key=key,
                    name=name,
                    last_run=last,
                    new_24h=n24,
                    new_7d=n7,
                    failure_streak=failure_streak(runs),
                    last_run_warnings=tuple(current),
                    recent_warnings=tuple(recent),
                )
            )
    return out
