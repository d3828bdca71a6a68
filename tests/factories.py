"""Record builders, and the shared plumbing of tests that run crawls, commands and local sites.

Each record builder takes the fields a test cares about and fills the rest the way most tests did
by hand: an article fetch of site "alpha", status 200, an extracted German text with its hash.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from sqlalchemy import Engine, func, select
from twisted.python.failure import Failure

from crawler.model.hashing import content_hash
from crawler.model.items import KIND_ARTICLE, FetchedPage
from crawler.model.types import ExtractedArticle
from crawler.runner import run_crawl
from crawler.warc import WarcRef, WarcWriter
from db.records import ArticleData, FetchRecord

if TYPE_CHECKING:
    from pipelines.store_pipeline import StorePipeline


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


def warc_fields(ref: WarcRef) -> dict[str, Any]:
    """The fields of a fetch record that point at its capture `ref`."""
    return {
        "payload_digest": ref.payload_digest,
        "warc_file": ref.file,
        "warc_offset": ref.offset,
        "warc_length": ref.length,
    }


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


REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


# Spider arguments of a generic crawl of the demo web's tagesblick site.
TAGESBLICK: Mapping[str, str] = {"site": "tagesblick"}


def loopback_settings(**settings: str) -> dict[str, str]:
    """Crawl settings for a test web on 127.0.0.1 (no politeness delay, no autothrottle, INFO
    log), with `settings` on top."""
    return {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "0", "LOG_LEVEL": "INFO", **settings}


def run_test_crawl(
    spider: str,
    url: str,
    data_dir: Path,
    database_url: str,
    *,
    settings: Mapping[str, str],
    spider_args: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """One crawl as a subprocess into `data_dir` and `database_url`, its output captured."""
    return run_crawl(
        spider,
        url=url,
        spider_args=spider_args,
        settings=settings,
        env={"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database_url, **(env or {})},
        timeout=timeout,
        capture=True,
    )


def run_command(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 120,
    unset: Collection[str] = (),
) -> subprocess.CompletedProcess[str]:
    """An installed command (`newsarchive`, `scrapy`) run as a user types it, output captured;
    it inherits this process's environment but for `unset`, plus `env`."""
    full_env = {k: v for k, v in os.environ.items() if k not in unset}
    full_env.update(env or {})
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        env=full_env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A request handler of a test site: it logs nothing and answers through `send`."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str, location: str | None = None) -> None:
        """A whole answer: status, Content-Type, Content-Length, a Location if given, the body."""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)


class QuietServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """A threaded test server; the crawler aborts oversized and slow downloads, so connection
    resets are expected and not reported."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on 127.0.0.1 from a thread; yields the base URL, stops on exit."""
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def failure_of(exc: Exception, request: scrapy.Request) -> Failure:
    """The Failure Scrapy hands an errback when `request` raised `exc`."""
    try:
        raise exc
    except Exception:
        failure = Failure()
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy sets it
    return failure


def wait_for_rows(
    engine: Engine, table: Any, at_least: int, proc: subprocess.Popen[Any], seconds: float
) -> int:
    """How many rows `table` holds, asked every 0.2 s while `proc` runs, until there are
    `at_least` or `seconds` have passed; the last count."""
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline and proc.poll() is None and count < at_least:
        time.sleep(0.2)
        try:
            with engine.connect() as conn:
                count = conn.execute(select(func.count()).select_from(table)).scalar_one()
        except Exception:
            continue  # the schema is still being created
    return count


def feed_store(pipe: StorePipeline, pages: Iterable[FetchedPage]) -> None:
    """`pages` through the store pipeline as a crawl hands them over, then the spider closes."""

    async def feed() -> None:
        for page in pages:
            await pipe.process_item(page)
        await pipe.close_spider()

    asyncio.run(feed())
