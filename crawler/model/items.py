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
    # Filled by the extraction pipeline for article pages that came back 200.
    extracted: ExtractedArticle | None = None
