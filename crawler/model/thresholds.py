"""Per-site thresholds for the run monitors: plain data, so site declarations can carry them."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class MonitorThresholds:
    """When a run's numbers mean the site may have broken (see crawler/monitors.py).

    The defaults are meant for a news site crawled every 15 minutes to a few hours: quiet
    enough that a normal night or a slow news day raises nothing, loud once a redesign or a
    block makes the crawl "succeed" with nothing in it: a site decays silently.
    """

    # no_new_articles: this many finished runs in a row without a new article ...
    no_new_runs: int = 6
    # ... while at least one of the this-many runs before them produced new articles.
    history_runs: int = 20
    # empty_share: share of fetched article pages with no text, above this warns ...
    max_empty_share: float = 0.5
    # missing_dates: share of the run's new articles without a publication date ...
    max_missing_date_share: float = 0.5
    # requests_failing: share of all fetches that failed (HTTP >= 400 or no response) ...
    max_failed_share: float = 0.5
    # ... each share rule only once it has at least this many pages to judge by.
    min_pages: int = 5
    # failed_runs: this many runs in a row that crashed, hung or failed.
    max_failed_runs: int = 2

    def __post_init__(self) -> None:
        for name in ("no_new_runs", "history_runs", "min_pages", "max_failed_runs"):
            if getattr(self, name) < 1:
                raise ValueError(f"monitor threshold {name} must be at least 1")
        for name in ("max_empty_share", "max_missing_date_share", "max_failed_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"monitor threshold {name} must be between 0 and 1")

    def updated(self, overrides: dict[str, Any]) -> MonitorThresholds:
        """A copy with some thresholds replaced (from a crawl setting); unknown names raise."""
        known = {f.name: f.type for f in fields(self)}
        clean: dict[str, Any] = {}
        for name, value in overrides.items():
            if name not in known:
                raise ValueError(
                    f"unknown monitor threshold {name!r}; known: {', '.join(sorted(known))}"
                )
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"monitor threshold {name} must be a number, got {value!r}")
            if known[name] == "int":
                if value != int(value):
                    raise ValueError(f"monitor threshold {name} must be a whole number")
                clean[name] = int(value)
            else:
                clean[name] = float(value)
        return replace(self, **clean)
