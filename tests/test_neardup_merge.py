"""The near-duplicate merge pass: clusters that concurrent writers created apart are joined,
deterministically (a group's id is its smallest article id)."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from crawler.extensions import NearDuplicateMerge
from db.engine import session_scope
from db.models import Article, CrawlRun
from db.neardup import merge_clusters
from db.records import StorePolicy
from db.runs import start_run
from db.similarity import DEFAULT_THRESHOLD
from db.store import store_batch
from tests.factories import run_command
from tests.test_neardup import Pair, _record, variant_pairs

N_PAIRS = 12


def _twelve_pairs() -> list[Pair]:
    positives = [p for p in variant_pairs(bench=40) if p.positive and p.kind != "stress"]
    chosen: list[Pair] = []
    seen: set[str] = set()
    for pair in positives:  # one variant per original: 12 distinct stories
        if pair.a not in seen:
            seen.add(pair.a)
            chosen.append(pair)
    return chosen[:N_PAIRS]


def _clusters(engine: Engine) -> dict[int, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Article.id, Article.cluster_id)).all())


def test_pairs_clustered_apart_are_joined_under_their_oldest_article(engine: Engine) -> None:
    pairs = _twelve_pairs()
    assert len(pairs) == N_PAIRS
    # The state two concurrent writers leave: every text indexed, none seeing its twin (a
    # threshold no different text reaches stands in for the uncommitted twin).
    apart = StorePolicy(neardup_threshold=1.0)
    originals = [_record(i, p.a) for i, p in enumerate(pairs)]
    variants = [_record(100 + i, p.b) for i, p in enumerate(pairs)]
    firsts = store_batch(engine, None, originals, policy=apart)
    seconds = store_batch(engine, None, variants, policy=apart)
    before = _clusters(engine)
    assert len(set(before.values())) == 2 * N_PAIRS
    assert merge_clusters(engine, DEFAULT_THRESHOLD) == N_PAIRS
    after = _clusters(engine)
    assert len(set(after.values())) == N_PAIRS
    for original, variant in zip(firsts, seconds, strict=True):
        a, b = original.article_id, variant.article_id
        assert a is not None and b is not None
        assert after[a] == after[b] == min(a, b)
    assert merge_clusters(engine, DEFAULT_THRESHOLD) == 0  # a fixed point
    assert _clusters(engine) == after


def test_twelve_pairs_stored_concurrently_end_in_twelve_clusters(engine: Engine) -> None:
    pairs = _twelve_pairs()
    halves = [
        [_record(i, p.a) for i, p in enumerate(pairs)],
        [_record(100 + i, p.b) for i, p in enumerate(pairs)],
    ]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(records: list) -> None:  # type: ignore[type-arg]
        try:
            start.wait()
            for record in records:  # one transaction each: the writers interleave
                store_batch(engine, None, [record])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    merge_clusters(engine, DEFAULT_THRESHOLD)
    with engine.connect() as conn:
        clusters = conn.execute(select(func.count(func.distinct(Article.cluster_id)))).scalar()
    assert clusters == N_PAIRS


def _apart(engine: Engine) -> None:
    pairs = _twelve_pairs()
    apart = StorePolicy(neardup_threshold=1.0)
    store_batch(engine, None, [_record(i, p.a) for i, p in enumerate(pairs)], policy=apart)
    store_batch(engine, None, [_record(100 + i, p.b) for i, p in enumerate(pairs)], policy=apart)


def test_the_command_merges_the_whole_archive(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    _apart(engine)
    done = run_command(
        "newsarchive",
        "merge-clusters",
        env={"DATABASE_URL": database_url, "NEWSARCHIVE_DATA_DIR": str(tmp_path)},
        unset=("NEWSARCHIVE_DATABASE_URL",),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{N_PAIRS} article(s) joined an older near-duplicate cluster"
    assert len(set(_clusters(engine).values())) == N_PAIRS


def test_a_run_merges_at_its_end_what_it_archived(engine: Engine) -> None:
    run_id = start_run(engine, "q", "q", "Q", {})
    with Session(engine) as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        started = run.started_at
    _apart(engine)
    # Articles archived before the run began are not the run's to look at.
    with session_scope(engine) as session:
        session.execute(update(Article).values(first_seen_at=started - timedelta(days=1)))
    NearDuplicateMerge(DEFAULT_THRESHOLD).run_closed(engine, run_id)
    assert len(set(_clusters(engine).values())) == 2 * N_PAIRS
    with session_scope(engine) as session:
        session.execute(update(Article).values(first_seen_at=started + timedelta(seconds=1)))
    NearDuplicateMerge(DEFAULT_THRESHOLD).run_closed(engine, run_id)
    assert len(set(_clusters(engine).values())) == N_PAIRS
