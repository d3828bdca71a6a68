"""Builders of the records tests feed the pipelines and the archive, with the usual defaults.

Each builder takes the fields a test cares about and fills the rest the way most tests did by
hand: an article fetch of site "alpha", status 200, an extracted German text with its hash.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from crawler.model.hashing import content_hash
from crawler.model.items import KIND_ARTICLE, FetchedPage
from crawler.model.types import ExtractedArticle
from crawler.warc import WarcRef, WarcWriter
from db.records import ArticleData, FetchRecord


def extracted(url: str, text: str, **fields: Any) -> ExtractedArticle:
    """A successful extraction of `text` (German, titled "Titel") with the text's hash."""
    values: dict[str, Any] = {
        "outcome": "ok",
        "title": "Titel",
        "language": "de",
        "content_hash": content_hash(text),
    }
    values.update(fields)
    return ExtractedArticle(url=url, text=text, **values)


def fetched_page(url: str, **fields: Any) -> FetchedPage:
    """A 200 article page of site "alpha", fetched now, requested at its own URL."""
    values: dict[str, Any] = {
        "requested_url": url,
        "site": "alpha",
        "kind": KIND_ARTICLE,
        "status": 200,
        "fetched_at": datetime.now(UTC),
    }
    values.update(fields)
    return FetchedPage(url=url, **values)


def article_data(text: str, **fields: Any) -> ArticleData:
    """The stored form of a German article `text`, with its hash."""
    values: dict[str, Any] = {"content_hash": content_hash(text), "language": "de"}
    values.update(fields)
    return ArticleData(text=text, **values)


def fetch_record(url: str, site: str, fetched_at: datetime, **fields: Any) -> FetchRecord:
    """An archived 200 article fetch of `site` (its name is its key), requested at `url`."""
    values: dict[str, Any] = {
        "site_name": site,
        "requested_url": url,
        "kind": KIND_ARTICLE,
        "status": 200,
        "outcome": "archived",
    }
    values.update(fields)
    return FetchRecord(site_key=site, url=url, fetched_at=fetched_at, **values)


def write_page(
    writer: WarcWriter,
    url: str,
    body: bytes,
    fetched_at: datetime,
    *,
    response_headers: list[tuple[str, str]] | None = None,
    request_headers: list[tuple[str, str]] | None = None,
) -> WarcRef:
    """A GET answered 200 OK with `body`, written as a crawl writes it."""
    return writer.write(
        url=url,
        method="GET",
        request_headers=request_headers or [],
        status=200,
        reason="OK",
        response_headers=response_headers or [],
        body=body,
        fetched_at=fetched_at,
    )
