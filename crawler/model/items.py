"""The item spiders yield: a fetched page with its provenance, before any extraction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crawler.model.types import ExtractedArticle

# What a fetched page is, as far as discovery knows.
KIND_ARTICLE = "article"  # a candidate article page: extracted and archived
KIND_DISCOVERY = "discovery"  # robots.txt, sitemap, feed or section page: recorded, not extracted

# The fetch outcome of a candidate article page that is not an article (the reason is its
# error): a discovery fetch, not a failure.
OUTCOME_NOT_ARTICLE = "not_article"


@dataclass
class RedirectHop:
    """A redirect (3xx) or meta refresh followed on the way to a page: its own fetch, with the
    WARC location of its response record."""

    url: str
    status: int
    fetched_at: datetime  # timezone-aware (UTC)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    payload_digest: str | None = None


@dataclass
class FetchedPage:
    """One fetch, successful or not.

    Spiders yield one for every article request (including 4xx/5xx and download failures,
    with `error` set) and for every discovery page, so the archive has a complete fetch log.
    """

    url: str  # final URL, after redirects
    requested_url: str
    site: str  # site key
    kind: str  # KIND_ARTICLE or KIND_DISCOVERY
    status: int  # HTTP status; 0 when no response arrived
    fetched_at: datetime  # timezone-aware (UTC)
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""
    # How the URL was found: "start", "robots", "sitemap", "news-sitemap", "feed", "section".
    source: str = "start"
    # Discovery hints for the extractor: title, published_at (ISO 8601), language.
    hints: dict[str, str] = field(default_factory=dict)
    # An article page admitted only as a candidate (a sitemap entry whose URL does not look
    # like an article): archived only if the page is one (pipelines/article_check.py).
    candidate: bool = False
    # Download failure (timeout, DNS, connection refused, redirect loop, too large ...).
    error: str | None = None
    # Where the raw capture lives: set by the WARC middleware from response.meta.
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    payload_digest: str | None = None  # "sha1:BASE32" as in WARC-Payload-Digest
    # The redirects and meta refreshes followed to get here, in order (the store records each).
    redirects: list[RedirectHop] = field(default_factory=list)
    # Filled by the extraction pipeline for article pages that came back 200.
    extracted: ExtractedArticle | None = None


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


@dataclass
class ArchivedPage:
    """What a crawl hands to Scrapy's feed exports (`scrapy crawl … -O out.jsonl|csv`) for each
    fetch once the archive pipeline has taken it: plain, serialisable values.

    The article fields are those of `newsarchive export` (times ISO 8601 with offset, lists of
    strings), filled when the page gave article text and null otherwise; `warc_*` is the raw
    capture. The archive's ids are not known yet (pages are stored in batches, after the item
    has gone on), nor whether the text was new to the archive: `newsarchive export` says both.
    """

    url: str
    requested_url: str
    site: str
    kind: str
    status: int
    fetched_at: str
    error: str | None
    title: str | None
    authors: list[str]
    published_at: str | None
    published_at_raw: str | None
    modified_at: str | None
    text: str | None
    language: str | None
    content_hash: str | None
    canonical_url: str | None
    description: str | None
    tags: list[str]
    section: str | None
    image_url: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_length: int | None

    @classmethod
    def of(cls, page: FetchedPage) -> ArchivedPage:
        ext = page.extracted
        article = ext if ext is not None and ext.has_text else None
        return cls(
            url=page.url,
            requested_url=page.requested_url,
            site=page.site,
            kind=page.kind,
            status=page.status,
            fetched_at=page.fetched_at.isoformat(),
            error=page.error or (ext.error if ext is not None else None),
            title=article.title if article else None,
            authors=list(article.authors) if article else [],
            published_at=_iso(article.published_at) if article else None,
            published_at_raw=article.published_at_raw if article else None,
            modified_at=_iso(article.modified_at) if article else None,
            text=article.text if article else None,
            language=article.language if article else None,
            content_hash=article.content_hash if article else None,
            canonical_url=article.canonical_url if article else None,
            description=article.description if article else None,
            tags=list(article.tags) if article else [],
            section=article.section if article else None,
            image_url=article.image_url if article else None,
            warc_file=page.warc_file,
            warc_offset=page.warc_offset,
            warc_length=page.warc_length,
        )
