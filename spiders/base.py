"""The shared base spider: finds a site's article URLs and fetches them, never extracting text."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar, Self

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from crawler.model.failures import record_failure
from crawler.model.items import KIND_ARTICLE, KIND_DISCOVERY, FetchedPage, RedirectHop
from crawler.model.memory import payload_digest
from crawler.model.meta import (
    META_CANDIDATE,
    META_CAPTURED,
    META_CONDITIONAL,
    META_DEPTH,
    META_KIND,
    META_PREVIOUS,
    META_REDIRECTS,
    META_ROLE,
    META_SITEMAP_DEPTH,
    META_SOURCE,
    WARC_META,
)
from crawler.model.refusals import PRIVATE_ADDRESS
from crawler.model.sitespec import Site
from pipelines.article_check import page_declaration
from spiders.documents import detect_kind, iso_datetime
from spiders.errors import (
    CaptureNotKept,
    classify_failure,
    error_stat_kind,
    is_local_failure,
    scope_refusal,
)
from spiders.feeds import parse_feed
from spiders.frontier import FrontierSpider
from spiders.links import declares_article, feed_links, looks_like_section_url, page_links
from spiders.params import SpiderConfigError, SpiderParams, exit_on_config_error, parse_arguments
from spiders.plan import CrawlPlan, DiscoveryLimits, make_plan
from spiders.sitemaps import parse_sitemap, sitemaps_from_robots

logger = logging.getLogger(__name__)

# The incremental-crawl component (crawler/incremental.py): it gives the spider its `memory`.
# Registered by NewsSpider.update_settings, so every news spider has it; by name, so spiders
# import nothing that touches the database.
INCREMENTAL_MIDDLEWARE = "crawler.incremental.IncrementalSpiderMiddleware"
INCREMENTAL_MIDDLEWARE_ORDER = 100


class NewsSpider(FrontierSpider):
    """Base for every site spider: set `name` and `site` (a `Site` declaration).

    Discovers article URLs from robots.txt `Sitemap:` lines, declared sitemaps (indexes,
    regular and Google News), RSS/Atom feeds (declared or announced on start/section pages),
    section pages and start pages, and requests them. Yields a FetchedPage for every response
    and every failure; extraction happens in the pipelines.

    Only links on the site's hosts are followed, but the spider sets no `allowed_domains`:
    Scrapy 2.19's OffsiteMiddleware drops an offsite *redirect* from its request_scheduled
    signal handler, without calling the errback, which would leave a requested article with
    no FetchedPage. Redirects and meta refreshes are kept on the site's hosts and mirrors by
    crawler/scope.py instead, which marks a refused one (META_SCOPE_REFUSED): the spider
    records it with its target (outcome `offsite_redirect`). A followed redirect's page is
    recorded under its final URL.
    """

    site: Site
    # The spider argument schema; subclasses narrow or extend it.
    arguments: ClassVar[frozenset[str]] = frozenset({"url", "limit", "since", "mirrors"})
    url_required: ClassVar[bool] = False
    url_is_base: ClassVar[bool] = True
    # The generic spider follows section pages linked from its entry page, one level deep.
    follow_sections: ClassVar[bool] = False
    max_sections: ClassVar[int] = 30

    def __init__(self, plan: CrawlPlan, **kwargs: Any) -> None:
        super().__init__(plan, **kwargs)
        # Recorded on the run by the store pipeline (pipelines/store_pipeline.py).
        self.archive_arguments: dict[str, str] = plan.params.as_arguments()
        self._sections = 0
        # Fetches (responses and failed requests) and those that failed for a local reason:
        # when most failed so, the crawl is failed at close (see `closed`).
        self._fetches = 0
        self._local_failures = 0
        self._local_failure_urls: list[str] = []
        self._first_local_failure: str | None = None

    # ----- construction

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        middlewares = settings.getdict("SPIDER_MIDDLEWARES")
        if INCREMENTAL_MIDDLEWARE not in middlewares:
            middlewares[INCREMENTAL_MIDDLEWARE] = INCREMENTAL_MIDDLEWARE_ORDER
            settings.set("SPIDER_MIDDLEWARES", middlewares, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        try:
            if args:
                raise SpiderConfigError(f"unexpected positional spider arguments: {args!r}")
            params = parse_arguments(
                kwargs,
                allowed=cls.arguments,
                url_required=cls.url_required,
                url_is_base=cls.url_is_base,
            )
            plan = make_plan(cls.declared_site(params), params, crawler.settings)
            limits = DiscoveryLimits.from_settings(crawler.settings)
        except SpiderConfigError as exc:
            exit_on_config_error(exc)
        spider = cls(plan)
        spider.limits = limits
        spider._set_crawler(crawler)
        return spider

    @classmethod
    def declared_site(cls, params: SpiderParams) -> Site:
        """The site declaration this spider crawls (the generic spider builds one)."""
        return cls.site

    # ----- entry points

    # ----- request factories

    # ----- callbacks

    def parse_robots(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        if scope_refusal(response.meta) is not None:
            yield self._refused(response, KIND_DISCOVERY)
            return
        self._inc("archive/discovery/robots")
        yield self.fetched_page(response, KIND_DISCOVERY, source="robots")
        if response.status != 200:
            return
        text = response.body.decode("utf-8", "replace")
        for url in sitemaps_from_robots(text, response.url):
            request = self.discovery_request(url, "sitemap")
            if request is not None:
                yield request

    def parse_discovery(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        """A sitemap, feed, section or start page: decided by content, not by expectation."""
        role = str(response.meta.get(META_ROLE, "start"))
        if scope_refusal(response.meta) is not None:
            # A page that refreshes off the site: recorded with its target, not read (a
            # followed refresh would have replaced it too).
            yield self._refused(response, KIND_DISCOVERY)
            return
        if self._unchanged(response):
            yield self.fetched_page(response, KIND_DISCOVERY, source=role)
            return
        header = response.headers.get("Content-Type")
        content_type = header.decode("latin-1") if header else None
        if content_type is None and isinstance(response, HtmlResponse):
            content_type = "text/html"  # Scrapy sniffed it from the body or URL
        kind = detect_kind(response.body, content_type)
        if kind == "sitemap":
            yield from self._handle_sitemap(response)
        elif kind == "feed":
            yield from self._handle_feed(response)
        elif kind == "html" and role in ("start", "section"):
            yield from self._handle_html(response, role)
        else:
            expected = _EXPECTED.get(role, "a discovery page")
            got = "HTML" if kind == "html" else "an unrecognised document"
            yield self._unusable(response, role, f"expected {expected}, got {got}")

    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        if scope_refusal(response.meta) is not None:
            # Not extracted: the article is wherever the refresh points, outside the site.
            yield self._refused(response, KIND_ARTICLE)
            return
        self._inc("archive/fetch/article_count")
        if not 200 <= response.status < 300:
            self._inc(f"archive/fetch/article_status_count/{response.status}")
        page = self.fetched_page(
            response,
            KIND_ARTICLE,
            source=str(response.meta.get(META_SOURCE, "start")),
            hints=self._answered(response.meta),
            body=response.body,
        )
        page.candidate = bool(response.meta.get(META_CANDIDATE))
        yield page

    def on_error(self, failure: Failure) -> Iterator[FetchedPage]:
        """Every failed request becomes a FetchedPage with `error` set, and a stat; a response
        whose raw capture could not be kept becomes nothing (CaptureNotKept)."""
        request: scrapy.Request = failure.request  # type: ignore[attr-defined]
        if isinstance(failure.value, CaptureNotKept):
            return
        meta = request.meta
        refused = scope_refusal(meta)
        if refused is not None:
            # Refused by the crawl's scope (counted there as archive/scope/*): not a failure.
            error, status = refused, 0
        else:
            error, status = classify_failure(failure)
            self._inc(f"archive/fetch/error/{error_stat_kind(error)}")
            if is_local_failure(failure):
                self._local_failure(request.url, error)
        kind = str(meta.get(META_KIND, KIND_DISCOVERY))
        response = getattr(failure.value, "response", None)
        if isinstance(response, Response):
            page = self.fetched_page(
                response,
                kind,
                source=self._source_of(meta),
                hints=self._answered(meta),
            )
            page.error = error
            yield page
            return
        logger.info("%s failed: %s", request.url, error)
        if refused is None or not refused.startswith(PRIVATE_ADDRESS):
            self._fetches += 1  # a refused address was never asked
        redirects = _hops(meta)
        unfollowed = _unfollowed_redirect(meta)
        yield FetchedPage(
            redirects=[*redirects, unfollowed] if unfollowed else redirects,
            url=request.url,
            requested_url=_requested_url(meta, request.url),
            site=self.site.key,
            kind=kind,
            status=status,
            fetched_at=datetime.now(UTC),
            source=self._source_of(meta),
            hints=self._answered(meta),
            error=error,
        )

    # ----- discovery handlers

    def _handle_sitemap(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        doc = parse_sitemap(response.body, base_url=response.url)
        if doc.kind == "unknown":
            yield self._unusable(response, "sitemap", doc.error or "not a sitemap")
            return
        source = "news-sitemap" if doc.is_news else "sitemap"
        sitemap_depth = _opt_int(response.meta.get(META_SITEMAP_DEPTH)) or 0
        if doc.kind == "index":
            self._inc("archive/discovery/sitemap_index")
        else:
            self._inc(f"archive/discovery/{source.replace('-', '_')}")
        self._recovered(response, source, doc.error)
        if doc.repeated:
            # The same URL listed again within one sitemap: merged into one entry, counted.
            self.crawler.stats.inc_value("archive/discovery/repeated", doc.repeated)
        yield self.fetched_page(response, KIND_DISCOVERY, source=source)
        for entry in doc.entries:
            if doc.kind == "index":
                if self._too_old(entry.lastmod):
                    continue
                request = self.discovery_request(
                    entry.loc, "sitemap", sitemap_depth=sitemap_depth + 1
                )
            elif entry.is_news:
                request = self.listed_request(
                    entry.loc,
                    "news-sitemap",
                    {
                        "title": entry.news_title,
                        "published_at": iso_datetime(entry.news_publication_date),
                        "language": entry.news_language,
                    },
                    published=entry.news_publication_date or entry.lastmod,
                )
            else:
                request = self.listed_request(
                    entry.loc, "sitemap", published=entry.lastmod, plain=True
                )
            if request is not None:
                yield request

    def _handle_feed(self, response: Response) -> Iterator[FetchedPage | scrapy.Request]:
        doc = parse_feed(response.body, base_url=response.url)
        if doc.kind == "unknown":
            yield self._unusable(response, "feed", doc.error or "not a feed")
            return
        self._inc("archive/discovery/feed")
        self._recovered(response, "feed", doc.error)
        yield self.fetched_page(response, KIND_DISCOVERY, source="feed")
        for entry in doc.entries:
            # Feeds list articles by definition: only what is clearly not one is refused.
            request = self.listed_request(
                entry.link,
                "feed",
                {"title": entry.title, "published_at": entry.published, "language": doc.language},
                published=entry.published,
            )
            if request is not None:
                yield request

    def _handle_html(self, response: Response, role: str) -> Iterator[FetchedPage | scrapy.Request]:
        self._inc(f"archive/discovery/{role}")
        yield self.fetched_page(response, KIND_DISCOVERY, source=role)
        document: str | bytes = (
            response.text if isinstance(response, TextResponse) else response.body
        )
        depth = int(response.meta.get(META_DEPTH, 0))
        if role == "start" and depth == 0 and self._start_is_article(response, document):
            # First, so that an article limit (-a limit=1) includes the page asked for.
            yield from self._start_article(response)
        elif role == "section" and self.follow_sections and page_declaration(document).article:
            # A homepage link taken for a section (a short article URL) that says it is an
            # article (Open Graph or JSON-LD): requested as one too.
            yield from self._start_article(response, "section")
        for url in feed_links(document, response.url):
            request = self.discovery_request(url, "feed")
            if request is not None:
                yield request
        links = page_links(document, response.url)
        for url in links:
            if not self._is_on_site(url):
                continue
            if self.is_article_url(url):
                request = self.article_request(url, role)
            elif (
                self.follow_sections
                and role == "start"
                and depth == 0
                and self._sections < self.max_sections
                and looks_like_section_url(url)
            ):
                request = self.discovery_request(url, "section", depth=1)
                if request is not None:
                    self._sections += 1
            else:
                continue
            if request is not None:
                yield request

    def _start_is_article(self, response: Response, document: str | bytes) -> bool:
        """An entry page that is itself an article (an operator gave an article's URL)."""
        return self.is_article_url(response.url) or declares_article(document)

    def _start_article(self, response: Response, role: str = "start") -> Iterator[scrapy.Request]:
        """The entry page (or a section page) as an article too: its own article request, so
        it is extracted, archived and revisited like any article (one more fetch of one
        page), while its links were followed as a start or section page's."""
        for url in dict.fromkeys((response.url, _requested_url(response.meta, response.url))):
            target = self._on_site(url)
            if target is not None:
                self._seen.discard(target)  # seen as the start page, not yet as an article
        request = self.article_request(response.url, role)
        if request is not None:
            self._inc(f"archive/discovery/{role}_article")
            yield request

    def _unchanged(self, response: Response) -> bool:
        """A 304, or the same body as last time: nothing new to read (counted, not parsed)."""
        if response.status == 304:
            self._inc("archive/incremental/not_modified")
            return True
        previous = response.meta.get(META_PREVIOUS)
        if not response.meta.get(META_CONDITIONAL) or not isinstance(previous, Mapping):
            return False
        if previous.get("digest") != _digest_of(response):
            return False
        self._inc("archive/incremental/unchanged")
        etag = response.headers.get("ETag")
        if previous.get("etag") and etag and etag.decode("latin-1") != previous.get("etag"):
            # The server makes up a new ETag on every request: only the digest can tell.
            self._inc("archive/incremental/etag_unstable")
        return True

    def _unusable(self, response: Response, role: str, problem: str) -> FetchedPage:
        """A discovery document nothing could be read from: recorded with `error` set."""
        self._inc("archive/discovery/malformed")
        logger.warning("unusable %s %s: %s", role, response.url, problem)
        page = self.fetched_page(response, KIND_DISCOVERY, source=role)
        page.error = f"malformed: {' '.join(problem.split())[:300]}"
        return page

    def _recovered(self, response: Response, role: str, problem: str | None) -> None:
        """A sitemap or feed read despite errors: counted and logged, not a failed fetch."""
        if problem is not None:
            self._inc("archive/discovery/malformed")
            logger.warning("malformed %s %s (entries recovered): %s", role, response.url, problem)

    # ----- items

    def fetched_page(
        self,
        response: Response,
        kind: str,
        *,
        source: str,
        hints: dict[str, str] | None = None,
        body: bytes = b"",
    ) -> FetchedPage:
        """A FetchedPage for a response; discovery pages carry no body (the WARC has it)."""
        self._fetches += 1
        page = FetchedPage(
            url=response.url,
            requested_url=_requested_url(response.meta, response.url),
            site=self.site.key,
            kind=kind,
            status=response.status,
            fetched_at=datetime.now(UTC),
            headers=_headers(response),
            body=body,
            source=source,
            hints=hints or {},
            redirects=_hops(response.meta),
        )
        warc = response.meta.get(WARC_META)
        if isinstance(warc, Mapping):
            page.warc_file = _opt_str(warc.get("file"))
            page.warc_offset = _opt_int(warc.get("offset"))
            page.warc_length = _opt_int(warc.get("length"))
            page.payload_digest = _opt_str(warc.get("payload_digest"))
        if page.payload_digest is None and response.status == 200:
            page.payload_digest = payload_digest(response.body)
        return page

    # ----- helpers

    def _source_of(self, meta: Mapping[str, Any]) -> str:
        if meta.get(META_KIND) == KIND_ARTICLE:
            return str(meta.get(META_SOURCE, "start"))
        return str(meta.get(META_ROLE, "start"))

    def _refused(self, response: Response, kind: str) -> FetchedPage:
        """A response whose redirect the crawl's scope did not follow, with its target."""
        meta = response.meta
        page = self.fetched_page(
            response, kind, source=self._source_of(meta), hints=self._answered(meta)
        )
        page.error = scope_refusal(response.meta)
        return page

    def _local_failure(self, url: str, error: str) -> None:
        self._local_failures += 1
        if self._first_local_failure is None:
            self._first_local_failure = error
        if len(self._local_failure_urls) < MAX_LOCAL_FAILURE_URLS:
            self._local_failure_urls.append(url)

    def closed(self, reason: str) -> None:
        """Count what became of the listed URLs (`archive/listed/*`); fail the crawl when
        most of its fetches failed for a local reason.

        Such a crawl says nothing about the site (the monitors would blame it) and archived
        little: the run is closed `failed` and `scrapy crawl` exits 1 (crawler/model/failures.py).
        Runs on the spider_closed signal before the store pipeline closes the run record
        (the spider connects to it first).
        """
        if len(self.listed):
            for key, value in self.listed.stats().items():
                self.crawler.stats.set_value(key, value)
        if not self._local_failures or self._local_failures * 2 <= self._fetches:
            return
        record_failure(
            self.crawler,
            "fetch_local",
            f"{self._local_failures} of {self._fetches} fetches failed for a local reason, "
            f"not the site's (first: {self._first_local_failure})",
            pages=self._local_failure_urls,
        )


# How many URLs a `fetch_local` failure names (the count is exact).
MAX_LOCAL_FAILURE_URLS = 50


_EXPECTED = {
    "sitemap": "a sitemap",
    "feed": "a feed",
    "start": "an HTML page",
    "section": "an HTML page",
}


def _requested_url(meta: Mapping[str, Any], fallback: str) -> str:
    redirects = meta.get("redirect_urls")
    return str(redirects[0]) if redirects else fallback


def _hops(meta: Mapping[str, Any]) -> list[RedirectHop]:
    """The redirects and refreshes followed to this response (META_REDIRECTS)."""
    hops = []
    for hop in meta.get(META_REDIRECTS) or ():
        if not isinstance(hop, Mapping):
            continue
        try:
            fetched_at = datetime.fromisoformat(str(hop.get("fetched_at")))
        except ValueError:
            fetched_at = datetime.now(UTC)
        headers = hop.get("headers")
        hops.append(
            RedirectHop(
                url=str(hop.get("url")),
                status=_opt_int(hop.get("status")) or 0,
                fetched_at=fetched_at,
                headers=dict(headers) if isinstance(headers, Mapping) else {},
                warc_file=_opt_str(hop.get("file")),
                warc_offset=_opt_int(hop.get("offset")),
                warc_length=_opt_int(hop.get("length")),
                payload_digest=_opt_str(hop.get("payload_digest")),
            )
        )
    return hops


def _unfollowed_redirect(meta: Mapping[str, Any]) -> RedirectHop | None:
    """A 3xx written to WARC whose target was then not requested (too many redirects)."""
    captured = meta.get(META_CAPTURED)
    warc = meta.get(WARC_META)
    if not captured or not isinstance(warc, Mapping):
        return None
    url, status = captured
    return RedirectHop(
        url=str(url),
        status=int(status),
        fetched_at=datetime.now(UTC),
        warc_file=_opt_str(warc.get("file")),
        warc_offset=_opt_int(warc.get("offset")),
        warc_length=_opt_int(warc.get("length")),
        payload_digest=_opt_str(warc.get("payload_digest")),
    )


def _headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1").lower(): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


def _digest_of(response: Response) -> str:
    warc = response.meta.get(WARC_META)
    if isinstance(warc, Mapping) and warc.get("payload_digest"):
        return str(warc["payload_digest"])
    return payload_digest(response.body)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_int(value: object) -> int | None:
    if isinstance(value, int):
        return value
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None
