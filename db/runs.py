"""Crawl run records: created or adopted when a crawl starts, finished with counts and outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, update

from db.engine import session_scope
from db.models import CrawlRun, utcnow
from db.statements import site_id


def start_run(
    engine: Engine,
    spider: str,
    site_key: str,
    site_name: str,
    arguments: dict[str, Any],
    *,
    trigger: str = "manual",
    pid: int | None = None,
    hostname: str | None = None,
    queue_job_id: int | None = None,
) -> int:
    """Create a run record in state "running" and return its id."""
    with session_scope(engine) as session:
        run = CrawlRun(
            spider=spider,
            site_id=site_id(session, site_key, site_name),
            arguments=arguments,
            stats={},
            trigger=trigger,
            pid=pid,
            hostname=hostname,
            queue_job_id=queue_job_id,
        )
        session.add(run)
        session.flush()
        return run.id


def claim_run(engine: Engine, run_id: int, *, pid: int, hostname: str) -> bool:
    """Adopt a run record a supervisor created for this process; False if there is none."""
    with session_scope(engine) as session:
        result = session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id, CrawlRun.outcome == "running")
            .values(pid=pid, hostname=hostname)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass
class RunCounts:
    pages_fetched: int = 0
    articles_new: int = 0
    new_versions: int = 0
    duplicates: int = 0
    empty_pages: int = 0
    errors: int = 0
    http_errors: dict[str, int] = field(default_factory=dict)
    archived_with_date: int = 0

    @property
    def date_share(self) -> float | None:
        """Share of this run's new articles that have a publication date (None: no articles)."""
        if not self.articles_new:
            return None
        return self.archived_with_date / self.articles_new


def finish_run(
    engine: Engine,
    run_id: int,
    *,
    outcome: str,
    finish_reason: str | None,
    counts: RunCounts,
    stats: dict[str, Any],
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id == run_id)
            .values(
                finished_at=utcnow(),
                outcome=outcome,
                finish_reason=finish_reason,
                pages_fetched=counts.pages_fetched,
                articles_new=counts.articles_new,
                new_versions=counts.new_versions,
                duplicates=counts.duplicates,
                empty_pages=counts.empty_pages,
                errors=counts.errors,
                http_errors=dict(sorted(counts.http_errors.items())),
                date_share=counts.date_share,
                stats=stats,
            )
        )
