"""Builders of the fetch records and WARC pages the benchmarks feed the archive."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from db.records import FetchRecord

if TYPE_CHECKING:
    from crawler.warc import WarcRef, WarcWriter

SITE_KEY = "bench"
SITE_NAME = "Bench"
HTML = "text/html; charset=utf-8"


def bench_record(url: str, fetched_at: datetime, **fields: Any) -> FetchRecord:
    """An archived 200 article fetch of the bench site, requested at `url`."""
    values: dict[str, Any] = {
        "site_name": SITE_NAME,
        "requested_url": url,
        "kind": "article",
        "status": 200,
        "outcome": "archived",
    }
    values.update(fields)
    return FetchRecord(site_key=SITE_KEY, url=url, fetched_at=fetched_at, **values)


def write_html_page(writer: WarcWriter, url: str, body: bytes, fetched_at: datetime) -> WarcRef:
    """A GET answered 200 OK with an HTML `body`, written as a crawl writes it."""
    return writer.write(
        url=url,
        method="GET",
        request_headers=[],
        status=200,
        reason="OK",
        response_headers=[("Content-Type", HTML)],
        body=body,
        fetched_at=fetched_at,
    )
