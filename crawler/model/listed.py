"""What became of every URL a sitemap or feed listed: the run's `archive/listed/*` counts.

The spider notes each listed article URL with what discovery decided (refused by rule, too
old, offsite, known, over a limit) or that it was fetched; the store pipeline reports the
outcome of every article fetch. At the end each listed URL has exactly one fate, so the fates
add up to the number of distinct URLs listed (`archive/listed/total`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from crawler.model.refusals import OFFSITE_REDIRECT, PRIVATE_ADDRESS

# Fates of a listed URL, in the order the run's stats show them.
ARCHIVED = "archived"  # fetched, a new article or a new version of one
DUPLICATE = "duplicate"  # fetched, its text was archived already (or 304 on a revisit)
KNOWN = "known"  # archived by an earlier run and not due: not fetched
REFUSED = "refused"  # clearly not an article by URL rule: not fetched
NOT_ARTICLE = "not_article"  # fetched, the page is not an article (recorded as discovery)
TOO_OLD = "too_old"  # older than `-a since`: not fetched
OFFSITE = "offsite"  # not on the site's hosts, or redirected off them or to a private address
FAILED = "failed"  # fetched, no article: HTTP or network error, no text, extraction failed
OVER_LIMIT = "over_limit"  # not fetched: an article or URL limit of the crawl
UNFINISHED = "unfinished"  # requested, but the crawl ended before its page was stored
FATES = (
    ARCHIVED,
    DUPLICATE,
    KNOWN,
    REFUSED,
    NOT_ARTICLE,
    TOO_OLD,
    OFFSITE,
    FAILED,
    OVER_LIMIT,
    UNFINISHED,
)
FETCHED = "fetched"  # a fetch decides: its outcome, once the store reports it

STATS_PREFIX = "archive/listed/"
TOTAL_STAT = STATS_PREFIX + "total"
# Requests of listed URLs that only the page could judge (their URL does not look like an
# article): what admitting them costs the site beyond the URL-shape rule.
EXTRA_FETCHES_STAT = STATS_PREFIX + "extra_fetches"
# Listings of a URL already listed in this run (another sitemap, the feed): not in the total.
REPEATED_STAT = STATS_PREFIX + "repeated"

# Fetch outcomes (fetches.outcome) by the fate they give a listed URL; any other is FAILED.
_OUTCOME_FATES: Mapping[str, str] = {
    "archived": ARCHIVED,
    "new_version": ARCHIVED,
    "duplicate": DUPLICATE,
    "not_modified": DUPLICATE,
    "not_article": NOT_ARTICLE,
    OFFSITE_REDIRECT: OFFSITE,
    PRIVATE_ADDRESS: OFFSITE,
}


class ListedLedger:
    """One fate per distinct listed URL key; fetch outcomes by the key of the requested URL."""

    def __init__(self) -> None:
        self._fates: dict[str, str] = {}
        self._outcomes: dict[str, str] = {}
        self.repeated = 0

    def note(self, key: str, fate: str) -> None:
        """A listing of `key` and what discovery decided (a FATES value or FETCHED).

        The first listing's decision stands, except that a fetch (FETCHED) always wins: its
        page says more than a refusal by another listing's date."""
        if fate != FETCHED and fate not in FATES:
            raise ValueError(f"unknown fate {fate!r}")
        if key in self._fates:
            self.repeated += 1
            if fate != FETCHED:
                return
        self._fates[key] = fate

    def answered(self, key: str, outcome: str) -> None:
        """The stored outcome of an article fetch whose requested URL has this key."""
        self._outcomes[key] = outcome

    def __len__(self) -> int:
        return len(self._fates)

    def counts(self) -> dict[str, int]:
        """Distinct URLs listed by fate (every fate, zeros too); they sum to `len(self)`."""
        found: Counter[str] = Counter()
        for key, fate in self._fates.items():
            if fate == FETCHED:
                outcome = self._outcomes.get(key)
                fate = UNFINISHED if outcome is None else _OUTCOME_FATES.get(outcome, FAILED)
            found[fate] += 1
        return {fate: found[fate] for fate in FATES}

    def stats(self) -> dict[str, int]:
        """The `archive/listed/*` stats of the run (without extra fetches, counted on the go)."""
        out = {TOTAL_STAT: len(self), REPEATED_STAT: self.repeated}
        out.update({STATS_PREFIX + fate: n for fate, n in self.counts().items()})
        return out
