"""Run monitors: rules on a finished run's numbers that catch a site silently breaking.

A redesign, a block or a moved domain rarely crashes a crawl: it "succeeds" with empty texts,
no dates, error pages or nothing found at all (sites decay silently; spidermon's item
count and field coverage monitors are the model). At the end of every run, scheduled or by
hand, `evaluate_run` applies these rules; each finding becomes a `RunWarning` on the run, a
log line, a line in `newsarchive status`, and a JSON POST to the optional webhook.

Rules (thresholds per site in `Site.monitor`, defaults in crawler/model/thresholds.py):

- no_new_articles: `no_new_runs` finished runs in a row archived no new article, while one of
  the `history_runs` runs before them did.
- empty_share: more than `max_empty_share` of the article pages fetched had no text.
- missing_dates: more than `max_missing_date_share` of the new articles have no date.
- requests_failing: more than `max_failed_share` of all requests failed (HTTP >= 400 or no
  response at all).
- no_article_urls: the entry points (feeds, sitemaps, sections) gave no article URL (not
  judged when an incremental crawl found an entry point unchanged and so did not read it).
- failed_runs: `max_failed_runs` runs in a row crashed, hung past their time limit or failed.

The share rules wait for `min_pages` pages, so a tiny run does not raise noise.
"""

from __future__ import annotations

import json
import logging
import socket
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from crawler.model.thresholds import MonitorThresholds
from db.health import (
    RunSummary,
    failure_streak,
    fetch_counts,
    get_run,
    new_articles_dated,
    record_warnings,
    run_site_id,
    run_warnings,
    runs_before,
)
from db.records import FAILED_FETCH_OUTCOMES

logger = logging.getLogger(__name__)

# Crawl setting: thresholds for this crawl over the site's, as a dict or JSON object.
THRESHOLDS_SETTING = "NEWSARCHIVE_MONITOR_THRESHOLDS"
WEBHOOK_TIMEOUT = 5.0
# Spider stats that count article URLs discovery found (spiders/frontier.py), requested or not.
FOUND_ARTICLE_STATS = (
    "archive/discovery/article_urls",
    "archive/discovery/over_limit",
    "archive/discovery/too_old",
    "archive/discovery/known",
)
# Spider stats that count discovery pages an incremental crawl found unchanged (304, same
# body) and so did not read again: they still list what they listed, all of it known.
UNCHANGED_DISCOVERY_STATS = ("archive/incremental/not_modified", "archive/incremental/unchanged")
# Article fetch outcomes that went through extraction and so have a text, or none.
_TEXT_OUTCOMES = ("archived", "duplicate", "new_version", "empty")


@dataclass(frozen=True)
class Finding:
    """One rule that fired on a run."""

    rule: str
    message: str


@dataclass(frozen=True)
class MonitorWarning:
    run_id: int
    site: str | None
    rule: str
    message: str


@dataclass(frozen=True)
class RunNumbers:
    """What the rules read about one run, measured from the fetch log."""

    fetches: Mapping[tuple[str, str], int]  # (kind, outcome) -> count
    new_articles: int
    new_with_date: int

    def count(self, *, kind: str | None = None, outcomes: Sequence[str] | None = None) -> int:
        return sum(
            n
            for (k, o), n in self.fetches.items()
            if (kind is None or k == kind) and (outcomes is None or o in outcomes)
        )


def _pct(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})"


def check_run(
    run: RunSummary,
    history: Sequence[RunSummary],
    numbers: RunNumbers,
    limits: MonitorThresholds,
) -> list[Finding]:
    """The rules, as a pure function: `history` is the site's runs newest first, `run` included."""
    findings: list[Finding] = []
    finished = run.outcome == "finished"

    text_pages = numbers.count(kind="article", outcomes=_TEXT_OUTCOMES)
    empty = numbers.count(kind="article", outcomes=("empty",))
    if text_pages >= limits.min_pages and empty / text_pages > limits.max_empty_share:
        findings.append(
            Finding(
                "empty_share",
                f"{_pct(empty, text_pages)} article pages had no text "
                f"(threshold {limits.max_empty_share:.0%}): a redesign or a changed template?",
            )
        )

    new, dated = numbers.new_articles, numbers.new_with_date
    if new >= limits.min_pages and (new - dated) / new > limits.max_missing_date_share:
        findings.append(
            Finding(
                "missing_dates",
                f"{_pct(new - dated, new)} new articles have no publication date "
                f"(threshold {limits.max_missing_date_share:.0%})",
            )
        )

    total = numbers.count()
    failed = numbers.count(outcomes=tuple(FAILED_FETCH_OUTCOMES))
    if total >= limits.min_pages and failed / total > limits.max_failed_share:
        statuses = ", ".join(
            f"HTTP {code} ×{n}"
            for code, n in sorted(run.http_errors.items(), key=lambda kv: -int(kv[1]))[:3]
        )
        findings.append(
            Finding(
                "requests_failing",
                f"{_pct(failed, total)} requests failed"
                + (f" ({statuses})" if statuses else "")
                + f" (threshold {limits.max_failed_share:.0%}): blocked, moved or down?",
            )
        )

    unchanged = sum(int(run.stats.get(key) or 0) for key in UNCHANGED_DISCOVERY_STATS)
    if finished and not unchanged:
        found = _article_urls_found(run, numbers)
        if found == 0:
            entry = numbers.count(kind="discovery")
            entry_failed = numbers.count(kind="discovery", outcomes=tuple(FAILED_FETCH_OUTCOMES))
            if entry == 0:
                detail = "no entry point could be fetched"
            elif entry_failed == entry:
                detail = f"all {entry} entry point fetches failed"
            else:
                detail = f"{entry} entry point fetches listed no article URL"
            findings.append(
                Finding(
                    "no_article_urls",
                    f"discovery found no article URLs: {detail} "
                    "(feeds, sitemaps or section pages moved or changed?)",
                )
            )

    judged = [r for r in history if r.outcome == "finished" and not r.skipped]
    if finished and judged and judged[0].id == run.id:
        streak = judged[: limits.no_new_runs]
        before = judged[limits.no_new_runs : limits.no_new_runs + limits.history_runs]
        productive = next((r for r in before if r.articles_new > 0), None)
        if (
            len(streak) == limits.no_new_runs
            and all(r.articles_new == 0 for r in streak)
            and productive is not None
        ):
            findings.append(
                Finding(
                    "no_new_articles",
                    f"no new article in the last {limits.no_new_runs} runs; the last run with "
                    f"new articles (run {productive.id}, {productive.articles_new} new) started "
                    f"{productive.started_at:%Y-%m-%d %H:%M} UTC",
                )
            )

    if run.outcome == "failed":
        streak_runs = failure_streak(history)
        if streak_runs >= limits.max_failed_runs:
            reasons = [
                r.finish_reason or "?" for r in history if r.outcome == "failed" and not r.skipped
            ][: min(streak_runs, 3)]
            findings.append(
                Finding(
                    "failed_runs",
                    f"the last {streak_runs} runs failed ({'; '.join(reasons)})",
                )
            )
    return findings


def _article_urls_found(run: RunSummary, numbers: RunNumbers) -> int:
    """Article URLs discovery found: from the spider's stats when it kept them, else the
    article pages fetched."""
    keys = [key for key in FOUND_ARTICLE_STATS if key in run.stats]
    if keys:
        return sum(int(run.stats.get(key) or 0) for key in keys)
    return numbers.count(kind="article")


def thresholds_for(site_key: str | None, overrides: Any = None) -> MonitorThresholds:
    """The site's declared thresholds (defaults for an undeclared site), with `overrides`
    (a dict or a JSON object, e.g. from the crawl setting) applied."""
    limits = MonitorThresholds()
    if site_key is not None:
        try:
            from crawler.sites import get_site

            declared = getattr(get_site(site_key), "monitor", None)
            if isinstance(declared, MonitorThresholds):
                limits = declared
        except (KeyError, LookupError, ImportError):
            pass
    if overrides:
        if isinstance(overrides, str):
            overrides = json.loads(overrides)
        if not isinstance(overrides, Mapping):
            raise ValueError(f"{THRESHOLDS_SETTING} must be a JSON object, got {overrides!r}")
        limits = limits.updated(dict(overrides))
    return limits


def evaluate_run(
    engine: Engine,
    run_id: int,
    *,
    thresholds: MonitorThresholds | None = None,
    overrides: Any = None,
    webhook_url: str | None = None,
    notify: bool = True,
) -> list[MonitorWarning]:
    """Apply the rules to a finished run; store, log and send what they find.

    Safe to call again on the same run: a rule already recorded on it is not recorded or sent
    twice. The webhook gets a warning only when the site's previous run did not already have
    it, so a site that stays broken for a week sends one message, not one per run; `status`
    shows it on every run meanwhile. Returns every warning that applies to the run.
    """
    run = get_run(engine, run_id)
    if run is None or run.outcome == "running" or run.skipped:
        return []
    limits = thresholds or thresholds_for(run.site_key, overrides)
    history = [run]
    if run.site_key is not None:
        history = runs_before(
            engine,
            run.site_key,
            before_id=run_id,
            limit=limits.no_new_runs + limits.history_runs + limits.max_failed_runs + 10,
        )
    new, dated = new_articles_dated(engine, run_id)
    numbers = RunNumbers(fetch_counts(engine, run_id), new, dated)
    findings = check_run(run, history, numbers, limits)
    warnings = [MonitorWarning(run_id, run.site_key, f.rule, f.message) for f in findings]
    recorded = {w.rule for w in run_warnings(engine, run_id)}
    fresh = [f for f in findings if f.rule not in recorded]
    if not fresh:
        return warnings
    record_warnings(
        engine, run_id, run_site_id(engine, run_id), [(f.rule, f.message) for f in fresh]
    )
    for finding in fresh:
        logger.warning(
            "monitor %s: site %s, run %d: %s",
            finding.rule,
            run.site_key,
            run_id,
            finding.message,
        )
    if not notify:
        return warnings
    url = webhook_url if webhook_url is not None else _configured_webhook()
    if url:
        previous = next(
            (r for r in history if r.id != run_id and r.outcome != "running" and not r.skipped),
            None,
        )
        repeated = {w.rule for w in run_warnings(engine, previous.id)} if previous else set()
        to_send = [f for f in fresh if f.rule not in repeated]
        if to_send:
            post_webhook(url, webhook_payload(run, to_send))
    return warnings


def _configured_webhook() -> str | None:
    from crawler.model.config import AppConfig

    try:
        return AppConfig().webhook_url
    except Exception:  # a bad environment is reported by the CLI; never here
        return None


def webhook_payload(run: RunSummary, findings: Sequence[Finding]) -> dict[str, Any]:
    """The JSON body: `text` makes it readable as-is by Slack/Mattermost-style webhooks."""
    site = run.site_key or "?"
    lines = [f"newsarchive: site {site} may have broken (run {run.id}, {run.outcome})"]
    lines += [f"- {f.rule}: {f.message}" for f in findings]
    return {
        "text": "\n".join(lines),
        "site": run.site_key,
        "run_id": run.id,
        "host": socket.gethostname(),
        "run": run.as_dict(),
        "warnings": [{"rule": f.rule, "message": f.message} for f in findings],
    }


def post_webhook(url: str, payload: Mapping[str, Any], *, timeout: float = WEBHOOK_TIMEOUT) -> bool:
    """POST `payload` as JSON; a failure is logged, never raised (the crawl matters more)."""
    if not url.startswith(("http://", "https://")):
        logger.error("webhook URL %r is not http(s); warning not sent", url)
        return False
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json", "User-Agent": "newsarchive-monitor"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1024)
    except Exception as exc:
        logger.error("webhook %s failed: %s", url, exc)
        return False
    return True
