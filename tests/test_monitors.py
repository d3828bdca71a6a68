"""Run monitors: each rule on a run's numbers, stored warnings, the webhook, and a site that
breaks between two real crawls."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from crawler.cli import main
from crawler.demoweb import DemoWeb
from crawler.model.thresholds import MonitorThresholds
from crawler.monitors import (
    THRESHOLDS_SETTING,
    RunNumbers,
    check_run,
    evaluate_run,
    post_webhook,
    thresholds_for,
)
from db.health import RunSummary, runs_before, settle_run, site_health
from db.models import RunWarning
from db.records import ArticleData
from db.runs import RunCounts, finish_run, start_run
from db.store import store_batch
from tests.factories import fetch_record, run_test_crawl

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
LIMITS = MonitorThresholds(no_new_runs=2, history_runs=5, min_pages=4, max_failed_runs=2)


def summary(run_id: int = 1, **kw: Any) -> RunSummary:
    values: dict[str, Any] = {
        "id": run_id,
        "site_key": "alpha",
        "spider": "alpha",
        "trigger": "manual",
        "started_at": T0 + timedelta(hours=run_id),
        "finished_at": T0 + timedelta(hours=run_id, minutes=5),
        "outcome": "finished",
        "finish_reason": "finished",
        "exit_status": None,
        "pages_fetched": 10,
        "articles_new": 5,
        "new_versions": 0,
        "duplicates": 0,
        "empty_pages": 0,
        "errors": 0,
        "http_errors": {},
        "date_share": 1.0,
        "stats": {"archive/discovery/article_urls": 5},
    }
    values.update(kw)
    return RunSummary(**values)


def numbers(
    *, archived: int = 5, empty: int = 0, failed: int = 0, dated: int | None = None
) -> RunNumbers:
    fetches = {("discovery", "discovery"): 2}
    for outcome, n in (("archived", archived), ("empty", empty), ("http_error", failed)):
        if n:
            fetches[("article", outcome)] = n
    return RunNumbers(fetches, archived, archived if dated is None else dated)


def rules(run: RunSummary, history: list[RunSummary], nums: RunNumbers) -> list[str]:
    return [f.rule for f in check_run(run, history, nums, LIMITS)]


# --------------------------------------------------------------------------- rules


def test_a_healthy_run_raises_nothing() -> None:
    run = summary()
    assert rules(run, [run], numbers()) == []


def test_empty_texts_missing_dates_and_failing_requests() -> None:
    run = summary(http_errors={"403": 9})
    assert rules(run, [run], numbers(archived=1, empty=4)) == ["empty_share"]
    assert rules(run, [run], numbers(archived=6, dated=2)) == ["missing_dates"]
    found = check_run(run, [run], numbers(archived=1, failed=9), LIMITS)
    assert [f.rule for f in found] == ["requests_failing"]
    assert "9 of 12 (75%) requests failed (HTTP 403 ×9)" in found[0].message


def test_revisited_pages_with_a_new_version_count_as_pages_with_text() -> None:
    """Regression: a revisit run of edited articles and a few empty pages is not a redesign."""
    run = summary(articles_new=0, new_versions=6)
    nums = RunNumbers(
        {("discovery", "discovery"): 2, ("article", "new_version"): 6, ("article", "empty"): 4},
        0,
        0,
    )
    assert "empty_share" not in rules(run, [run], nums)


def test_share_rules_wait_for_enough_pages() -> None:
    run = summary()
    assert rules(run, [run], numbers(archived=1, empty=2, dated=0)) == []


def test_entry_points_that_yield_no_article_urls() -> None:
    run = summary(stats={"archive/discovery/article_urls": 0})
    found = check_run(run, [run], numbers(archived=0), LIMITS)
    assert [f.rule for f in found] == ["no_article_urls"]
    assert "2 entry point fetches listed no article URL" in found[0].message
    gone = RunNumbers({("discovery", "fetch_error"): 3}, 0, 0)
    found = check_run(summary(stats={}), [run], gone, LIMITS)
    assert "all 3 entry point fetches failed" in found[0].message
    # An incremental crawl that found its feed unchanged (304) did not read it: no finding.
    quiet = summary(stats={"archive/discovery/article_urls": 0, "archive/incremental/unchanged": 2})
    assert rules(quiet, [quiet], numbers(archived=0)) == []


def test_no_new_articles_for_n_runs_while_the_site_used_to_produce_them() -> None:
    quiet = [summary(i, articles_new=0) for i in (5, 4)]
    productive = summary(3, articles_new=7)
    nothing = numbers(archived=0)
    assert rules(quiet[0], [*quiet, productive], nothing) == ["no_new_articles"]
    # Only one quiet run so far: not yet.
    assert rules(quiet[0], [quiet[0], productive], nothing) == []
    # A site that never produced anything is not "decaying" (no_article_urls covers it).
    assert rules(quiet[0], quiet, nothing) == []
    # Skipped (locked) and unfinished runs do not count either way.
    locked = summary(6, outcome="failed", finish_reason="locked", articles_new=0)
    assert rules(quiet[0], [quiet[0], locked, quiet[1], productive], nothing) == ["no_new_articles"]


def test_failed_runs_in_a_row() -> None:
    crash = summary(3, outcome="failed", finish_reason="crashed: exit 1", articles_new=0)
    timeout = summary(2, outcome="failed", finish_reason="timeout", articles_new=0)
    found = check_run(crash, [crash, timeout, summary(1)], numbers(archived=0), LIMITS)
    assert [f.rule for f in found] == ["failed_runs"]
    assert found[0].message == "the last 2 runs failed (crashed: exit 1; timeout)"
    assert rules(crash, [crash, summary(1)], numbers(archived=0)) == []


def test_thresholds_come_from_the_site_and_can_be_overridden() -> None:
    assert thresholds_for("no_such_site") == MonitorThresholds()
    tuned = thresholds_for(None, '{"no_new_runs": 2, "max_empty_share": 0.25}')
    assert (tuned.no_new_runs, tuned.max_empty_share) == (2, 0.25)
    with pytest.raises(ValueError, match="unknown monitor threshold"):
        thresholds_for(None, {"no_new_run": 2})
    with pytest.raises(ValueError, match="whole number"):
        thresholds_for(None, {"no_new_runs": 2.5})
    with pytest.raises(ValueError, match="between 0 and 1"):
        MonitorThresholds(max_empty_share=1.5)


# --------------------------------------------------------------------------- in the archive


class Hook:
    """A local webhook receiver that keeps every JSON body posted to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        bodies = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook() -> Iterator[Hook]:
    receiver = Hook()
    yield receiver
    receiver.close()


def record_run(
    engine: Engine, n: int, *, new: int, empty: int = 0, dated: bool = True, site: str = "alpha"
) -> int:
    """A finished run with `new` new articles and `empty` pages without text."""
    run_id = start_run(engine, site, site, site.title(), {})
    fetched = T0 + timedelta(hours=n)
    records = [
        fetch_record(
            f"https://{site}.example/run{n}/{i}",
            site,
            fetched,
            site_name=site.title(),
            article=ArticleData(
                content_hash=f"{site}-{n}-{i}",
                text=f"Text {n} {i}",
                language="de",
                published_at=fetched if dated else None,
            ),
        )
        for i in range(new)
    ]
    records += [
        fetch_record(
            f"https://{site}.example/run{n}/empty{i}",
            site,
            fetched,
            site_name=site.title(),
            outcome="empty",
        )
        for i in range(empty)
    ]
    results = store_batch(engine, run_id, records) if records else []
    counts = RunCounts(
        pages_fetched=len(records),
        articles_new=sum(r.outcome == "archived" for r in results),
        empty_pages=empty,
        archived_with_date=new if dated else 0,
    )
    finish_run(
        engine,
        run_id,
        outcome="finished",
        finish_reason="finished",
        counts=counts,
        stats={"archive/discovery/article_urls": new + empty},
    )
    return run_id


def stored(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(RunWarning.run_id, RunWarning.rule).order_by(RunWarning.id))
        return [(r.run_id, r.rule) for r in rows]


def test_warnings_are_stored_once_and_sent_once_per_episode(engine: Engine, hook: Hook) -> None:
    limits = MonitorThresholds(no_new_runs=2, min_pages=4)
    first = record_run(engine, 1, new=5)
    assert evaluate_run(engine, first, thresholds=limits, webhook_url=hook.url) == []

    second = record_run(engine, 2, new=0, empty=5)  # the site broke: pages without text
    found = evaluate_run(engine, second, thresholds=limits, webhook_url=hook.url)
    assert [w.rule for w in found] == ["empty_share"]
    assert evaluate_run(engine, second, thresholds=limits, webhook_url=hook.url) == found
    assert stored(engine) == [(second, "empty_share")]  # idempotent: recorded once

    third = record_run(engine, 3, new=0, empty=5)
    found = evaluate_run(engine, third, thresholds=limits, webhook_url=hook.url)
    assert sorted(w.rule for w in found) == ["empty_share", "no_new_articles"]

    # One POST per run with something new: the repeated empty_share is not sent again.
    assert [[w["rule"] for w in body["warnings"]] for body in hook.bodies] == [
        ["empty_share"],
        ["no_new_articles"],
    ]
    body = hook.bodies[0]
    assert (body["site"], body["run_id"], body["run"]["outcome"]) == ("alpha", second, "finished")
    assert body["text"].startswith("newsarchive: site alpha may have broken")

    health = {h.key: h for h in site_health(engine, now=T0 + timedelta(hours=4))}["alpha"]
    assert [w.rule for w in health.last_run_warnings] == ["empty_share", "no_new_articles"]
    assert health.last_run is not None and health.last_run.id == third
    assert (health.new_24h, health.new_7d, health.failure_streak) == (5, 5, 0)


def test_a_run_that_died_is_judged_by_the_supervisor(engine: Engine) -> None:
    limits = MonitorThresholds(max_failed_runs=2)
    record_run(engine, 1, new=3)
    dead = []
    for _ in range(2):
        run_id = start_run(engine, "alpha", "alpha", "Alpha", {}, trigger="scheduled")
        assert evaluate_run(engine, run_id, thresholds=limits, notify=False) == []  # running
        assert settle_run(engine, run_id, exit_status=-9, outcome="failed", finish_reason="timeout")
        dead.append(run_id)
    found = evaluate_run(engine, dead[-1], thresholds=limits, notify=False)
    assert [w.rule for w in found] == ["failed_runs"]
    health = site_health(engine)[0]
    assert health.failure_streak == 2
    assert health.last_run is not None and health.last_run.exit_status == -9


@pytest.mark.parametrize(
    "outcome",
    ["skipped", "failed"],  # "failed": how archives from before the "skipped" outcome have it
)
def test_a_skipped_locked_run_is_not_judged(engine: Engine, outcome: str) -> None:
    run_id = start_run(engine, "alpha", "alpha", "Alpha", {})
    finish_run(
        engine, run_id, outcome=outcome, finish_reason="locked", counts=RunCounts(), stats={}
    )
    assert evaluate_run(engine, run_id, notify=False) == []
    health = site_health(engine)[0]
    assert health.failure_streak == 0
    assert health.last_run is not None and health.last_run.skipped


def test_an_unreachable_webhook_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    assert not post_webhook("http://127.0.0.1:9/hook", {"text": "x"}, timeout=2)
    assert not post_webhook("file:///etc/passwd", {"text": "x"})
    assert "webhook" in caplog.text


# --------------------------------------------------------------------------- for real


@pytest.mark.e2e
def test_a_demo_site_that_breaks_between_two_runs_is_flagged(
    tmp_path: Path,
    database_url: str,
    engine: Engine,
    hook: Hook,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "data"
    env = {"NEWSARCHIVE_WEBHOOK_URL": hook.url}
    settings = {
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "0",
        "DOWNLOAD_TIMEOUT": "3",
        "RETRY_TIMES": "0",
        # Judge after one quiet run, on a handful of pages (the demo site is small).
        THRESHOLDS_SETTING: json.dumps({"no_new_runs": 1, "min_pages": 2}),
    }
    with DemoWeb(slow_seconds=0.2, large_bytes=64 * 1024) as web:
        # The first run archives one article; the rest are still new to the archive when
        # the second run comes (so it fetches them even where revisits are skipped).
        first = run_test_crawl(
            "rt_de",
            web.base_url("rt"),
            data_dir,
            database_url,
            settings=settings,
            spider_args={"limit": "1"},
            env=env,
        )
        assert first.returncode == 0, first.stderr[-3000:]
        web.break_site("rt")  # a redesign: article pages without article text
        second = run_test_crawl(
            "rt_de", web.base_url("rt"), data_dir, database_url, settings=settings, env=env
        )
        assert second.returncode == 0, second.stderr[-3000:]

    runs = list(reversed(runs_before(engine, "rt_de")))
    assert [r.outcome for r in runs] == ["finished", "finished"]
    assert runs[0].articles_new >= 1
    warned = stored(engine)
    assert {rule for run_id, rule in warned if run_id == runs[0].id} == set()
    rules_second = {rule for run_id, rule in warned if run_id == runs[1].id}
    assert {"empty_share", "no_new_articles"} <= rules_second
    assert "monitor empty_share" in second.stderr  # logged in the crawl's log
    assert len(hook.bodies) == 1 and hook.bodies[0]["run_id"] == runs[1].id
    assert {w["rule"] for w in hook.bodies[0]["warnings"]} == rules_second

    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(data_dir))
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    site = next(s for s in status["sites"] if s["site"] == "rt_de")
    assert site["last_run"]["id"] == runs[1].id
    assert {w["rule"] for w in site["warnings"]} == rules_second
    assert site["new_articles_24h"] == runs[0].articles_new
    assert site["failure_streak"] == 0
