"""Typed site declarations: what each site module in `spiders/` declares, validated at import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from crawler.model.schedule import DEFAULT_REVISIT_SCHEDULE
from crawler.model.thresholds import MonitorThresholds
from crawler.model.types import CleaningRules

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_url(key: str, what: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"site {key!r}: {what} {url!r} is not an absolute http(s) URL")


@dataclass(frozen=True)
class Site:
    """A news site: where its articles are found and how its pages are cleaned.

    `domains` are the hosts the site is served from; `mirrors` are further hosts serving the
    same content (the same article on a mirror is one article). Entry points are absolute URLs
    on one of these hosts; when an operator points a spider at a copy of the site (`-a url=`),
    the spider rebases them onto that copy.
    """

    key: str
    name: str
    domains: tuple[str, ...]
    language: str = "de"
    mirrors: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()  # homepages
    feeds: tuple[str, ...] = ()  # RSS/Atom
    sitemaps: tuple[str, ...] = ()  # sitemap indexes, regular or Google News sitemaps
    sections: tuple[str, ...] = ()  # section pages listing articles
    # Regex (re.search on the URL path + query) that an article URL matches; None: heuristics.
    # It sets the priority of sitemap and feed entries; an entry it rejects is still fetched
    # (later) and the page decides, so a site that changes its URL scheme is not lost.
    article_pattern: str | None = None
    # Regex (re.search on the URL path + query) of URLs that are never articles: sitemap and
    # feed entries it matches are not fetched (counted as refused by rule "site").
    non_article_pattern: str | None = None
    cleaning: CleaningRules = field(default_factory=CleaningRules)
    # Default schedule: a cron expression ("*/30 * * * *") or an interval ("2h", "45m").
    schedule: str | None = None
    # When the run monitors warn that the site may have broken (crawler/monitors.py).
    monitor: MonitorThresholds = field(default_factory=MonitorThresholds)
    # When an archived article is fetched again to catch edits, counted from its publication
    # (or first fetch); after the last delay it is not revisited. () turns revisits off.
    revisit_schedule: tuple[timedelta, ...] = DEFAULT_REVISIT_SCHEDULE

    def __post_init__(self) -> None:
        if not _KEY_RE.match(self.key):
            raise ValueError(f"site key {self.key!r} must be lower-case letters, digits and _")
        if not self.domains:
            raise ValueError(f"site {self.key!r}: at least one domain is required")
        for host in (*self.domains, *self.mirrors):
            if "/" in host or host != host.lower() or not host:
                raise ValueError(f"site {self.key!r}: {host!r} is not a lower-case host name")
        for what, urls in (
            ("start URL", self.start_urls),
            ("feed", self.feeds),
            ("sitemap", self.sitemaps),
            ("section", self.sections),
        ):
            for url in urls:
                _check_url(self.key, what, url)
        for name, pattern in (
            ("article_pattern", self.article_pattern),
            ("non_article_pattern", self.non_article_pattern),
        ):
            if pattern is None:
                continue
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"site {self.key!r}: invalid {name}: {exc}") from None

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host the site is served from: its domains, then its mirrors."""
        return (*self.domains, *self.mirrors)

    def is_article_url(self, url: str) -> bool | None:
        """True/False when the site declares an article pattern, None when it leaves it open."""
        if self.article_pattern is None:
            return None
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return re.search(self.article_pattern, target) is not None
