"""The request side of a news spider: its crawl frontier, entry points and request factories."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.model.dates import parse_feed_datetime
from crawler.model.items import KIND_ARTICLE, KIND_DISCOVERY, FetchedPage
from crawler.model.listed import (
    EXTRA_FETCHES_STAT,
    FETCHED,
    KNOWN,
    OFFSITE,
    OVER_LIMIT,
    REFUSED,
    TOO_OLD,
    ListedLedger,
)
from crawler.model.memory import ArticleStatus, CrawlMemory
from crawler.model.meta import (
    META_ARTICLE_KEY,
    META_CANDIDATE,
    META_CONDITIONAL,
    META_DEPTH,
    META_HINTS,
    META_KIND,
    META_PREVIOUS,
    META_ROLE,
    META_SITEMAP_DEPTH,
    META_SOURCE,
)
from crawler.model.sitespec import Site
from crawler.model.urls import UrlKeys, clean_url, normalise_host
from spiders.links import looks_like_article_url, refusal_of
from spiders.plan import (
    DISCOVERY_MAX_DOCUMENTS_SETTING,
    DISCOVERY_MAX_URLS_SETTING,
    DOCUMENT_LIMIT_STAT,
    SITEMAP_DEPTH_LIMIT_STAT,
    SITEMAP_MAX_DEPTH_SETTING,
    URL_LIMIT_STAT,
    CrawlPlan,
    DiscoveryLimits,
    rebase,
)

logger = logging.getLogger(__name__)

# A longer hint value is not a title, a date or a language (a feed that put the article body in
# <title>): dropped and counted, since hints are archived with every fetch (fetches.hints).
MAX_HINT_CHARS = 1000

# Articles drain before more discovery is expanded, which bounds the scheduler queue when a
# sitemap index fans out into hundreds of thousands of URLs.
ROBOTS_PRIORITY = 20
ARTICLE_PRIORITY = 10
# Listed URLs that do not look like articles (or that a declared pattern rejects): fetched
# after the article-looking ones, still before more discovery is expanded.
CANDIDATE_PRIORITY = 5
DISCOVERY_PRIORITY = 0

# `handle_httpstatus_all` also switches RedirectMiddleware off (Scrapy 2.19 returns the 3xx
# response to the callback), so article requests list every status except the redirect ones:
# 4xx/5xx reach the callback, redirects are still followed and loops still detected.
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HANDLED_STATUSES = [s for s in range(100, 600) if s not in _REDIRECT_STATUSES]


class FrontierSpider(scrapy.Spider):
    """What a news spider requests, and what it does not: the crawl's seen-sets, limits and
    crawl memory, applied to every URL discovery finds (NewsSpider reads the answers).

    A discovery page or article is requested at most once per run, and only on the site's
    hosts (rebased onto `-a url`); an archived article that is not due is not requested.
    """

    site: Site

    def __init__(self, plan: CrawlPlan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan
        self.site = plan.site
        self._seen: set[str] = set()
        self._seen_keys: set[str] = set()  # article URL keys: one request per article per run
        # The hints of article requests not yet answered, by URL key: the very dicts in their
        # meta, so a later discovery of the same article (a news sitemap after the plain one)
        # can still add what it knows.
        self._pending_hints: dict[str, dict[str, str]] = {}
        self._article_requests = 0
        # One URL key per article however it was linked; the store pipeline uses the same.
        self.url_keys = UrlKeys.of(plan.site.domains, plan.site.mirrors)
        # Set by crawler.incremental before the first request; None: a full crawl.
        self.memory: CrawlMemory | None = None
        self.limits = DiscoveryLimits()
        self._discovery_requests = 0
        self._limits_logged: set[str] = set()
        # What became of every URL a sitemap or feed listed (the store reports fetch outcomes).
        self.listed = ListedLedger()
        pattern = plan.site.non_article_pattern
        self._non_article = re.compile(pattern) if pattern is not None else None

    # ----- callbacks the requests name (NewsSpider defines them)

    def parse_robots(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        raise NotImplementedError

    def parse_discovery(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        raise NotImplementedError

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        raise NotImplementedError

    def on_error(self, failure: Failure) -> Iterator[FetchedPage]:
        raise NotImplementedError

    # ----- entry points

    async def start(self) -> AsyncIterator[Any]:
        self._persist_seen()
        for request in self.initial_requests():
            yield request
        for request in self.revisit_requests():
            yield request

    def _persist_seen(self) -> None:
        """With JOBDIR, keep the seen-sets in `spider.state`, which Scrapy saves on a clean
        stop and restores on resume: the requests waiting in the saved queue are then not
        requested a second time when discovery finds their URLs again."""
        state = getattr(self, "state", None)
        if not isinstance(state, dict):
            return
        for name, seen in (
            ("newsarchive_seen", self._seen),
            ("newsarchive_seen_keys", self._seen_keys),
        ):
            saved = state.get(name)
            if isinstance(saved, set):
                seen |= saved
            state[name] = seen

    def initial_requests(self) -> list[scrapy.Request]:
        """robots.txt of every entry origin, then sitemaps, feeds, sections and start pages."""
        site = self.site
        entry_points: list[tuple[str, str]] = [
            *((url, "sitemap") for url in site.sitemaps),
            *((url, "feed") for url in site.feeds),
            *((url, "section") for url in site.sections),
            *((url, "start") for url in site.start_urls),
        ]
        origins: dict[str, None] = {}
        for url, _ in entry_points:
            parts = urlsplit(url)
            origins.setdefault(f"{parts.scheme}://{parts.netloc}", None)
        requests = [self.robots_request(f"{origin}/robots.txt") for origin in origins]
        for url, role in entry_points:
            request = self.discovery_request(url, role)
            if request is not None:
                requests.append(request)
                if role == "start" and self.is_article_url(url):
                    requests.extend(self._entry_article(request.url))
        if self.memory is not None:
            # Role "section" at depth 1: an HTML page yields its articles and feeds but no
            # further sections; sitemaps and feeds are recognised by their content.
            for url in self.memory.discovery_pages():
                request = self.discovery_request(url, "section", depth=1)
                if request is not None:
                    self._inc("archive/incremental/remembered_discovery")
                    requests.append(request)
        return requests

    def _entry_article(self, url: str) -> list[scrapy.Request]:
        """An entry whose URL looks like an article, requested as one at once, ahead of the
        articles its sitemaps and feeds list: with `limit`, the article asked for is the one
        archived, however fast robots.txt leads to the sitemaps."""
        self._seen.discard(url)  # seen as the start page, not yet as an article
        request = self.article_request(url, "start")
        if request is None:
            return []
        self._inc("archive/discovery/start_article")
        return [request]

    def revisit_requests(self) -> list[scrapy.Request]:
        """Requests for the archived article URLs that are due, whether discovery lists them
        (then this is a no-op for them) or not."""
        if self.memory is None:
            return []
        requests = []
        for url, key in self.memory.revisits():
            request = self.article_request(url, "revisit", due_key=key)
            if request is not None:
                requests.append(request)
        return requests

    # ----- request factories

    def robots_request(self, url: str) -> scrapy.Request:
        self._seen.add(url)
        return scrapy.Request(
            url,
            callback=self.parse_robots,
            errback=self.on_error,
            priority=ROBOTS_PRIORITY,
            # A missing robots.txt is normal: let every status reach the callback.
            meta={META_KIND: KIND_DISCOVERY, META_ROLE: "robots", **_handle_statuses()},
        )

    def discovery_request(
        self, url: str, role: str, depth: int = 0, *, sitemap_depth: int = 0
    ) -> scrapy.Request | None:
        """A request for a sitemap, feed, section or start page; None when not followed.

        `sitemap_depth`: how many sitemap indexes lead to this one (0: declared, or listed in
        robots.txt)."""
        target = self._on_site(url)
        if target is None or target in self._seen:
            return None
        if self._limit_reached():
            return None
        limits = self.limits
        if limits.sitemap_max_depth and sitemap_depth > limits.sitemap_max_depth:
            self._over_limit(
                SITEMAP_DEPTH_LIMIT_STAT,
                f"sitemap index chain deeper than {limits.sitemap_max_depth} levels "
                f"({SITEMAP_MAX_DEPTH_SETTING}): not following {target} and any deeper",
            )
            return None
        if limits.max_documents and self._discovery_requests >= limits.max_documents:
            self._over_limit(
                DOCUMENT_LIMIT_STAT,
                f"{limits.max_documents} discovery documents requested "
                f"({DISCOVERY_MAX_DOCUMENTS_SETTING}): no further sitemaps, feeds or sections",
            )
            return None
        self._discovery_requests += 1
        self._seen.add(target)
        meta: dict[str, Any] = {
            META_KIND: KIND_DISCOVERY,
            META_ROLE: role,
            META_DEPTH: depth,
            META_SITEMAP_DEPTH: sitemap_depth,
            # A 304 must reach the callback, not the errback as a failed fetch.
            "handle_httpstatus_list": [304],
        }
        headers: dict[str, str] = {}
        previous = (
            self.memory.previous(self.url_keys.discovery_key(target)) if self.memory else None
        )
        if previous is not None and self.memory is not None:
            meta[META_PREVIOUS] = previous.as_meta()
            if self.memory.trusted:
                meta[META_CONDITIONAL] = True
                if previous.etag:
                    headers["If-None-Match"] = previous.etag
                if previous.last_modified:
                    headers["If-Modified-Since"] = previous.last_modified
                if headers:
                    self._inc("archive/incremental/conditional")
        return scrapy.Request(
            target,
            callback=self.parse_discovery,
            errback=self.on_error,
            priority=DISCOVERY_PRIORITY,
            dont_filter=True,  # see article_request
            headers=headers or None,
            meta=meta,
        )

    def article_request(
        self,
        url: str,
        source: str,
        hints: Mapping[str, str | None] | None = None,
        *,
        due_key: str | None = None,
    ) -> scrapy.Request | None:
        """A request for a candidate article page; None when offsite, seen, known (archived
        and not due) or over the limit. `due_key`: a revisit of that archived URL key, which
        may be fetched through another URL of the article (`url`)."""
        admission = self._admit(url, hints, due_key)
        if isinstance(admission, str):
            return None
        return self._article_request(admission, source, hints)

    def listed_request(
        self,
        url: str,
        source: str,
        hints: Mapping[str, str | None] | None = None,
        *,
        published: str | None = None,
        plain: bool = False,
    ) -> scrapy.Request | None:
        """A request for a URL a sitemap or feed listed, noted in `self.listed` whatever
        becomes of it; None when it is not fetched.

        Refused only when it is clearly not an article (`refusal_of`, the site's
        `non_article_pattern`) or too old; the URL's shape sets the priority. An entry of a
        plain sitemap that does not look like an article (or that the site's declared
        pattern rejects) is a candidate: the page decides (pipelines/article_check.py).
        Feed and news-sitemap entries are articles by the publisher's word."""
        target = self._on_site(url)
        if target is None:
            self.listed.note(clean_url(url), OFFSITE)
            return None
        key = self.url_keys.article_key(target)
        if self._too_old(published):
            self.listed.note(key, TOO_OLD)
            return None
        refused = self.refusal(target)
        if refused is not None:
            self._inc("archive/discovery/non_article")
            self._inc(f"archive/listed/refused_by/{refused}")
            self.listed.note(key, REFUSED)
            return None
        if target in self._seen and key not in self._seen_keys:
            # Read in this run as a section page only (a short article URL linked from the
            # homepage looks like a section): the listing says it may be an article.
            self._seen.discard(target)
        admission = self._admit(target, hints, None)
        if isinstance(admission, str):
            if admission == _SEEN:
                # Requested before (or known): that fetch, or the archive, answers for it.
                known = self.memory is not None and self.memory.article_status(key) == "known"
                self.listed.note(key, KNOWN if known else FETCHED)
            else:
                self.listed.note(key, admission)
            return None
        self.listed.note(key, FETCHED)
        shaped = self.is_article_url(target)
        candidate = plain and not shaped
        if candidate:
            self._inc(EXTRA_FETCHES_STAT)
        priority = ARTICLE_PRIORITY if shaped else CANDIDATE_PRIORITY
        return self._article_request(
            admission, source, hints, candidate=candidate, priority=priority
        )

    def _admit(
        self,
        url: str,
        hints: Mapping[str, str | None] | None,
        due_key: str | None,
    ) -> _Admission | str:
        """Whether an article URL is requested: its admission, or why not (a listed URL's
        fate: OFFSITE, KNOWN, OVER_LIMIT, or _SEEN: requested before in this run)."""
        target = self._on_site(url)
        if target is None:
            return OFFSITE
        key = due_key or self.url_keys.article_key(target)
        if target in self._seen or key in self._seen_keys:
            self._inc("archive/discovery/duplicate")
            self._merge_hints(key, self._usable_hints(hints))
            return _SEEN
        status: ArticleStatus = "new"
        if due_key is not None:
            status = "due"
        elif self.memory is not None:
            status = self.memory.article_status(key)
            if status == "known":
                # Archived and not due: costs nothing. (monitors count archive/discovery/known
                # as found article URLs.)
                self._seen_keys.add(key)
                self._inc("archive/discovery/known")
                self._inc("archive/incremental/known")
                return KNOWN
        if self._limit_reached():
            self._inc("archive/discovery/over_limit")
            return OVER_LIMIT
        if self.limits.max_urls and self._article_requests >= self.limits.max_urls:
            # Also over_limit: found and not requested, so the run did not see all of
            # discovery (crawler/incremental.py, crawler/monitors.py read that stat).
            self._inc("archive/discovery/over_limit")
            self._over_limit(
                URL_LIMIT_STAT,
                f"{self.limits.max_urls} article URLs requested ({DISCOVERY_MAX_URLS_SETTING}): "
                "further URLs are left for the next crawl",
            )
            return OVER_LIMIT
        return _Admission(target, key, status)

    def _article_request(
        self,
        admission: _Admission,
        source: str,
        hints: Mapping[str, str | None] | None,
        *,
        candidate: bool = False,
        priority: int = ARTICLE_PRIORITY,
    ) -> scrapy.Request:
        target, key, status = admission.target, admission.key, admission.status
        self._seen.add(target)
        self._seen_keys.add(key)
        self._article_requests += 1
        self._inc("archive/discovery/article_urls")
        if self.plan.limit is not None and self._article_requests == self.plan.limit:
            logger.info("article limit %d reached: no further requests", self.plan.limit)
        clean_hints = self._usable_hints(hints)
        self._pending_hints[key] = clean_hints
        meta: dict[str, Any] = {
            META_KIND: KIND_ARTICLE,
            META_SOURCE: source,
            META_HINTS: clean_hints,
            META_ARTICLE_KEY: key,
            **_handle_statuses(),
        }
        if candidate:
            meta[META_CANDIDATE] = True
        headers: dict[str, str] = {}
        if status == "due" and self.memory is not None:
            self._inc("archive/incremental/revisit")
            previous = self.memory.previous(key)
            if previous is not None:
                meta[META_PREVIOUS] = previous.as_meta()
                # Validators of one URL describe that URL: no completeness question here.
                if previous.etag:
                    headers["If-None-Match"] = previous.etag
                if previous.last_modified:
                    headers["If-Modified-Since"] = previous.last_modified
        return scrapy.Request(
            target,
            callback=self.parse_article,
            errback=self.on_error,
            priority=priority,
            headers=headers or None,
            # Our own seen-set deduplicates; dont_filter keeps Scrapy's dupefilter from
            # silently dropping a redirect onto an already fetched URL (RedirectMiddleware
            # copies dont_filter), which would leave no FetchedPage for the requested one.
            dont_filter=True,
            meta=meta,
        )

    def _usable_hints(self, hints: Mapping[str, str | None] | None) -> dict[str, str]:
        usable: dict[str, str] = {}
        for name, value in (hints or {}).items():
            if not value:
                continue
            if len(value) > MAX_HINT_CHARS:
                self._inc("archive/discovery/hint_too_long")
                continue
            usable[name] = value
        return usable

    def _merge_hints(self, key: str, hints: dict[str, str]) -> None:
        """Add what another discovery source says to a pending request's hints; the first
        source's values stand (mutating its meta: Scrapy's memory queues keep the object)."""
        pending = self._pending_hints.get(key)
        if pending is None or not hints:
            return
        added = {k: v for k, v in hints.items() if k not in pending}
        if added:
            pending.update(added)
            self._inc("archive/discovery/hints_merged")

    def _answered(self, meta: Mapping[str, Any]) -> dict[str, str]:
        """The hints of an article request now answered (no longer open to merging)."""
        key = meta.get(META_ARTICLE_KEY)
        if isinstance(key, str):
            self._pending_hints.pop(key, None)
        return dict(meta.get(META_HINTS) or {})

    def is_article_url(self, url: str) -> bool:
        """The site's declared pattern, or the URL-shape heuristic when it declares none
        (tracking parameters do not count)."""
        url = clean_url(url)
        declared = self.site.is_article_url(url)
        return looks_like_article_url(url) if declared is None else declared

    def refusal(self, url: str) -> str | None:
        """Why a URL is clearly not an article (spiders.links.refusal_of with the site's own
        `non_article_pattern`), None when it may be one."""
        return refusal_of(clean_url(url), non_article=self._non_article)

    # ----- helpers

    def _is_on_site(self, url: str) -> bool:
        host = urlsplit(url).hostname
        return host is not None and normalise_host(host) in self.plan.hosts

    def _on_site(self, url: str) -> str | None:
        """The URL to request for a site URL (rebased onto `-a url`), None when offsite."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme not in ("http", "https") or not self._is_on_site(url):
            self._inc("archive/discovery/offsite")
            return None
        # Tracking parameters and fragments never select content (crawler/model/urls.py).
        if self.plan.base is not None:
            return clean_url(rebase(url, self.plan.base))
        return clean_url(urlunsplit(parts._replace(fragment="")))

    def _limit_reached(self) -> bool:
        return self.plan.limit is not None and self._article_requests >= self.plan.limit

    def _too_old(self, value: str | None) -> bool:
        if self.plan.since is None:
            return False
        moment = parse_feed_datetime(value)
        if moment is None or moment >= self.plan.since:
            return False
        self._inc("archive/discovery/too_old")
        return True

    def _inc(self, key: str) -> None:
        self.crawler.stats.inc_value(key)

    def _over_limit(self, stat: str, message: str) -> None:
        """Count a discovery limit's refusal; say so once per crawl."""
        self._inc(stat)
        if stat not in self._limits_logged:
            self._limits_logged.add(stat)
            logger.warning("discovery limit reached: %s", message)


# `_admit`'s answer for an article URL already requested (or known) in this run.
_SEEN = "seen"


@dataclass(frozen=True, slots=True)
class _Admission:
    """An article URL admitted for a request: what to request, its key, new or due."""

    target: str
    key: str
    status: ArticleStatus


def _handle_statuses() -> dict[str, Any]:
    return {"handle_httpstatus_list": HANDLED_STATUSES}
