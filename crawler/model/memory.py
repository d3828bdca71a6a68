"""Crawl memory: what the archive knows of a site's URLs, as the spider may ask it."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol


@dataclass(frozen=True)
class PreviousCapture:
    """What the archive remembers of a URL's last successful response."""

    digest: str | None  # payload digest ("sha1:BASE32", as in the WARC)
    etag: str | None = None
    last_modified: str | None = None
    # Where the full WARC record of `digest` is, and its URL and WARC-Date: what a revisit
    # record refers to. None when the archive has no such record.
    url: str | None = None
    date: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    # That record's WARC-Record-ID: what a revisit record for a 304 names in WARC-Refers-To.
    record_id: str | None = None

    def as_meta(self) -> dict[str, Any]:
        return asdict(self)


ArticleStatus = Literal["new", "known", "due"]


class CrawlMemory(Protocol):
    """What the archive knows about the site's URLs, for an incremental crawl.

    crawler/incremental.py loads it from the archive before the first request and attaches it
    as `spider.memory`; the spider only asks it questions (no database here).
    """

    @property
    def trusted(self) -> bool:
        """Whether discovery validators may be used: the site's last crawl went through
        every discovery page, so an unchanged one holds no unseen URL."""
        ...

    def article_status(self, key: str) -> ArticleStatus:
        """new: never fetched; known: archived, not due; due: due for a revisit or retry."""
        ...

    def previous(self, key: str) -> PreviousCapture | None: ...

    def revisits(self) -> Sequence[tuple[str, str]]:
        """(URL to fetch, key) of every article URL due now, listed by discovery or not."""
        ...

    def discovery_pages(self) -> Sequence[str]:
        """Discovery pages (sitemaps, feeds, sections) that answered in earlier crawls: asked
        again conditionally, so a changed child sitemap is seen even if its index is not."""
        ...


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest form of a body: "sha1:" + base32."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")
