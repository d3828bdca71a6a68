"""Re-extraction: run the current extraction and cleaning over the archived raw captures.

Each article's capture (the fetch that brought its latest version) is read back from the WARC
files and extracted again in a pool of worker processes, one per core. A text that changed
becomes a new version (`origin="reextract"`, the old text stays in article_versions); the same
text changes nothing, so a second run is a no-op. Progress is committed in batches and a
checkpoint file remembers the last article done: an interrupted run (Ctrl-C, SIGTERM, a crash)
continues where it stopped when started again with the same arguments.

Then the fetches whose extraction failed in the crawl (outcomes `extract_timeout`, `too_large`,
`extract_error`: a time or memory limit, a worker that died) are extracted again from their
captures: a text found now is archived as the crawl would have (a new article, or a sighting
of an archived one), and the fetch gets that outcome. Each extraction has the crawl's limits
(NEWSARCHIVE_EXTRACT_TIMEOUT, NEWSARCHIVE_EXTRACT_MAX_MEMORY).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from crawler.model.limits import WorkerLimits
from crawler.reextract_jobs import (
    _MAX_BYTES,
    Job,
    Result,
    _warm_worker,
    count_articles,
    iter_failed_fetches,
    iter_jobs,
    reextract_many,
)
from pipelines.neardup import SignedArticle

if TYPE_CHECKING:
    from rich.progress import Progress
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

CHECKPOINT_PREFIX = "reextract-"
_COMMIT_EVERY = 100  # results per transaction (and checkpoint)
_CHUNK_JOBS = 4  # jobs per worker task
_COMMIT_SECONDS = 5.0


@dataclass
class Summary:
    """What a re-extraction did; `interrupted` runs can be resumed."""

    total: int = 0  # articles selected (after a resumed run's checkpoint)
    done: int = 0
    new_versions: int = 0
    unchanged: int = 0
    # The new text is already another article's: left as it is (merging is for a person).
    taken: int = 0
    # The current extraction finds no text where there was some: the old text is kept.
    no_text: int = 0
    no_capture: int = 0  # no raw capture on record, or the WARC record cannot be read
    # Fetches whose extraction failed in the crawl: archived now (new article or sighting),
    # or failing again (a limit, no text, no readable capture).
    recovered: int = 0
    still_failed: int = 0
    resumed_after: int = 0  # article id a resumed run started after (0: from the start)
    interrupted: bool = False
    seconds: float = 0.0
    by_outcome: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "done": self.done,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "taken": self.taken,
            "no_text": self.no_text,
            "no_capture": self.no_capture,
            "recovered": self.recovered,
            "still_failed": self.still_failed,
            "resumed_after": self.resumed_after,
            "interrupted": self.interrupted,
        }


# --------------------------------------------------------------------------- checkpoint


def _checkpoint_path(data_dir: Path, site: str | None, since: datetime | None) -> Path:
    key = json.dumps({"site": site, "since": since.isoformat() if since else None})
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return data_dir / f"{CHECKPOINT_PREFIX}{digest}.json"


def _read_checkpoint(path: Path) -> int:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return int(data.get("last_article_id", 0))
    except (OSError, ValueError, TypeError, AttributeError):
        return 0


def _write_checkpoint(
    path: Path, last_id: int, site: str | None, since: datetime | None, summary: Summary
) -> None:
    data = {
        "site": site,
        "since": since.isoformat() if since else None,
        "last_article_id": last_id,
        "written_at": datetime.now(UTC).isoformat(),
        "summary": summary.as_dict(),
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a checkpoint


# --------------------------------------------------------------------------- applying


def _apply(session: Session, results: list[Result], summary: Summary, policy: Any) -> None:
    """Store a batch of results; an unchanged text that is already indexed costs nothing."""
    from db.reextraction import Reextraction, store_reextractions
    from pipelines.store_pipeline import article_data

    items = []
    for result in results:
        ext, job = result.extracted, result.job
        if ext is None:
            summary.no_capture += 1
            continue
        if not ext.has_text or not ext.content_hash:
            summary.no_text += 1
            continue
        signed = ext.minhash if isinstance(ext, SignedArticle) else None
        if ext.content_hash == job.current_hash and (job.has_signature or signed is None):
            summary.unchanged += 1  # the common case: no database work at all
            continue
        items.append(
            Reextraction(
                article_id=job.article_id,
                fetch_id=job.fetch_id,
                url=result.url,
                article=article_data(ext),
                current_hash=job.current_hash,
                version=job.version,
                has_signature=job.has_signature,
            )
        )
    if not items:
        return
    outcomes = store_reextractions(session, items, seen_at=datetime.now(UTC), policy=policy)
    for outcome in outcomes:
        if outcome == "new_version":
            summary.new_versions += 1
        elif outcome == "taken":
            summary.taken += 1
        else:
            summary.unchanged += 1


# --------------------------------------------------------------------------- the run


class _Stop(Exception):
    """SIGTERM, turned into an orderly stop like Ctrl-C."""


def start_pool(
    workers: int, limits: WorkerLimits | None = None, max_bytes: int = _MAX_BYTES
) -> ProcessPoolExecutor:
    from pipelines.worker import worker_pool

    return worker_pool(workers, _warm_worker, (limits, max_bytes))


class _Writer(threading.Thread):
    """Stores results in order, in batches, and moves the checkpoint after each commit.

    A thread of its own, so the main thread keeps every worker busy while a batch is written
    (measured: writing in the main thread left the workers idle for a fifth of the time).
    """

    def __init__(
        self,
        engine: Engine,
        policy: Any,
        checkpoint: Path,
        site: str | None,
        since: datetime | None,
        summary: Summary,
        last_done: int,
    ) -> None:
        super().__init__(name="reextract-writer", daemon=True)
        self.engine = engine
        self.policy = policy
        self.checkpoint = checkpoint
        self.site = site
        self.since = since
        self.summary = summary
        self.last_done = last_done
        self.queue: queue.Queue[Result | int | None] = queue.Queue(maxsize=_COMMIT_EVERY * 10)
        self.error: BaseException | None = None

    def run(self) -> None:
        pending: list[Result | int] = []
        last_commit = time.monotonic()
        ended = False
        try:
            while not ended:
                try:
                    item = self.queue.get(timeout=0.5)
                except queue.Empty:
                    item = 0  # no new result: just see whether the batch is due
                ended = item is None
                if item:
                    pending.append(item)
                due = time.monotonic() - last_commit > _COMMIT_SECONDS
                if ended or len(pending) >= _COMMIT_EVERY or (pending and due):
                    self._commit(pending)
                    pending = []
                    last_commit = time.monotonic()
        except BaseException as exc:  # reported by the main thread, which then stops
            self.error = exc
            logger.error("re-extraction stopped: cannot store results: %s", exc)
            while not ended:  # keep the producer from blocking until it has stopped
                ended = self.queue.get() is None

    def _commit(self, items: list[Result | int]) -> None:
        from db.engine import session_scope

        if items:
            self.summary.no_capture += sum(isinstance(item, int) for item in items)
            results = [item for item in items if not isinstance(item, int)]
            with session_scope(self.engine) as session:
                _apply(session, results, self.summary, self.policy)
            last = items[-1]
            self.last_done = last if isinstance(last, int) else last.job.article_id
        _write_checkpoint(self.checkpoint, self.last_done, self.site, self.since, self.summary)


def run_reextract(
    engine: Engine,
    data_dir: Path,
    *,
    site: str | None = None,
    since: datetime | None = None,
    workers: int | None = None,
    restart: bool = False,
    progress: Progress | None = None,
    threshold: float | None = None,
    stop_after: int | None = None,
    limits: WorkerLimits | None = None,
    max_bytes: int | None = None,
) -> Summary:
    """Re-extract the selected articles, then the fetches whose extraction failed; see the
    module docstring.

    Jobs go to the workers in small chunks, a bounded window of them in flight; results are
    taken in article id order and stored by a writer thread, so the checkpoint "everything up
    to article N is done" is exact. `stop_after` (for tests) behaves like Ctrl-C once that
    many articles are done. `limits` and `max_bytes`: the crawl's (AppConfig) by default.
    """
    from crawler.model.config import AppConfig
    from db.records import StorePolicy
    from pipelines.neardup import default_threshold

    if limits is None or max_bytes is None:
        config = AppConfig()
        limits = config.extract_limits if limits is None else limits
        max_bytes = config.extract_max_bytes if max_bytes is None else max_bytes
    policy = StorePolicy(neardup_threshold=threshold or default_threshold())
    workers = workers or os.cpu_count() or 1
    checkpoint = _checkpoint_path(data_dir, site, since)
    after = 0 if restart else _read_checkpoint(checkpoint)
    summary = Summary(resumed_after=after, total=count_articles(engine, site, since, after))
    started = time.monotonic()
    task = progress.add_task("re-extracting", total=summary.total) if progress else None
    writer = _Writer(engine, policy, checkpoint, site, since, summary, after)
    writer.start()
    previous_term = signal.getsignal(signal.SIGTERM)

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    signal.signal(signal.SIGTERM, on_term)
    pool = start_pool(workers, limits, max_bytes)
    # Each entry: an article without a capture (int), or a chunk of jobs and its future.
    window: deque[int | tuple[list[Job], Future[list[Result]]]] = deque()
    try:
        jobs = iter_jobs(engine, site, since, after)
        limit = workers * 4  # chunks in flight: every worker stays busy, memory stays flat
        exhausted = False
        chunk: list[Job] = []
        while True:
            while not exhausted and len(window) < limit:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    if chunk:
                        window.append((chunk, pool.submit(reextract_many, chunk, data_dir)))
                elif isinstance(job, int):
                    if chunk:
                        window.append((chunk, pool.submit(reextract_many, chunk, data_dir)))
                    window.append(job)
                    chunk = []
                    continue
                else:
                    chunk.append(job)
                    if len(chunk) < _CHUNK_JOBS:
                        continue
                    window.append((chunk, pool.submit(reextract_many, chunk, data_dir)))
                chunk = []
            if not window:
                break
            head = window.popleft()
            if isinstance(head, int):
                results: list[Result | int] = [head]
            else:
                chunk_jobs, future = head
                try:
                    results = list(future.result())
                except BrokenProcessPool:
                    # A worker died (out of memory on one page, a crash in lxml): count the
                    # chunk's pages, start a new pool and resubmit what was in flight.
                    logger.error("extraction worker died on articles %s", chunk_jobs)
                    results = [Result(j, "", None, "worker crashed") for j in chunk_jobs]
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = start_pool(workers, limits, max_bytes)
                    window = deque(
                        e
                        if isinstance(e, int)
                        else (e[0], pool.submit(reextract_many, e[0], data_dir))
                        for e in window
                    )
            for result in results:
                if writer.error is not None:
                    raise writer.error
                writer.queue.put(result)
                summary.done += 1
                if progress is not None and task is not None:
                    progress.update(task, advance=1)
                if stop_after is not None and summary.done >= stop_after:
                    raise KeyboardInterrupt
        writer.queue.put(None)
        writer.join()
        if writer.error is not None:
            raise writer.error
        # Interrupted from here on, the checkpoint (the last article) sends the next run
        # straight to these again; those archived now are not selected any more.
        failed = list(iter_failed_fetches(engine, site, since))
        pool = _recover(
            failed,
            pool,
            lambda: start_pool(workers, limits, max_bytes),
            data_dir,
            engine,
            policy,
            summary,
            progress,
        )
        checkpoint.unlink(missing_ok=True)  # finished: the next run starts from the beginning
    except (KeyboardInterrupt, _Stop):
        summary.interrupted = True
        for entry in window:
            if not isinstance(entry, int):
                entry[1].cancel()
        # Results received so far (in order) are stored; the rest is redone on resume.
        writer.queue.put(None)
        writer.join()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGTERM, previous_term)
        summary.seconds = time.monotonic() - started
    return summary


# What a fetch's outcome is when its extraction gives this now (pipelines.store_pipeline's mapping).
_RECOVERED_OUTCOMES = {"empty": "empty", "binary": "binary", "not_html": "not_html"}


def _recover(
    jobs: list[Job],
    pool: ProcessPoolExecutor,
    new_pool: Callable[[], ProcessPoolExecutor],
    data_dir: Path,
    engine: Engine,
    policy: Any,
    summary: Summary,
    progress: Progress | None,
) -> ProcessPoolExecutor:
    """Extract the failed fetches' captures again and store what they give, committed every
    _COMMIT_EVERY; returns the pool (a new one when a worker died). One job a task: these are
    the pages that failed before, and a worker that dies takes only its own with it."""
    from db.engine import session_scope
    from db.reextraction import Recovery, store_recoveries
    from pipelines.store_pipeline import article_data

    task = progress.add_task("failed extractions", total=len(jobs)) if progress and jobs else None
    recoveries: list[Recovery] = []
    try:
        futures = [pool.submit(reextract_many, [job], data_dir) for job in jobs]
        for index, job in enumerate(jobs):
            try:
                result: Result | None = futures[index].result()[0]
            except BrokenProcessPool:
                logger.error("extraction worker died on fetch %s", job.fetch_id)
                result = None
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                futures[index + 1 :] = [
                    pool.submit(reextract_many, [later], data_dir) for later in jobs[index + 1 :]
                ]
            if progress is not None and task is not None:
                progress.update(task, advance=1)
            extracted = result.extracted if result is not None else None
            outcome = None
            if extracted is not None and extracted.has_text and extracted.content_hash:
                outcome = "archived"
            elif extracted is not None:
                outcome = _RECOVERED_OUTCOMES.get(extracted.outcome)
            if result is None or extracted is None or outcome is None or job.fetched_at is None:
                summary.still_failed += 1
                continue
            article = None
            if outcome == "archived":
                summary.recovered += 1
                article = article_data(extracted)
            else:
                summary.no_text += 1  # no extraction failure any more, and no text either
            recoveries.append(
                Recovery(job.fetch_id, job.site_id, result.url, job.fetched_at, outcome, article)
            )
            if len(recoveries) >= _COMMIT_EVERY:
                with session_scope(engine) as session:
                    store_recoveries(session, recoveries, policy=policy)
                recoveries = []
        if recoveries:
            with session_scope(engine) as session:
                store_recoveries(session, recoveries, policy=policy)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # the caller's is not this one any more
        raise
    return pool
