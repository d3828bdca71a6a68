"""When an archived URL is fetched again: the revisit schedule and the retries after failures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

# When an archived article is fetched again, counted from its publication (or, without a date,
# from its first fetch): recent articles are edited most, old ones hardly ever. Sites may
# declare their own schedule (crawler.model.sitespec.Site.revisit_schedule).
DEFAULT_REVISIT_SCHEDULE = (
    timedelta(hours=1),
    timedelta(hours=6),
    timedelta(days=1),
    timedelta(days=3),
)
# A failed fetch is retried after these delays, one per consecutive failure, then given up.
FAILURE_RETRY_DELAYS = (timedelta(hours=1), timedelta(hours=6), timedelta(days=1))


def next_revisit(anchor: datetime, schedule: Sequence[timedelta], now: datetime) -> datetime | None:
    """The first slot of the schedule (counted from `anchor`) after `now`; None: no more.

    Slots already past are skipped rather than caught up: an article found three days after
    publication is not fetched four times in a row.
    """
    slots = [anchor + delay for delay in schedule if delay > timedelta(0)]
    return min((slot for slot in slots if slot > now), default=None)


def retry_after_failure(failures: int, now: datetime) -> datetime | None:
    """When a URL that failed `failures` times in a row is tried again; None: given up."""
    if failures < 1 or failures > len(FAILURE_RETRY_DELAYS):
        return None
    return now + FAILURE_RETRY_DELAYS[failures - 1]
