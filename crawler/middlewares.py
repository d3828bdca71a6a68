"""Downloader middlewares: raw capture of every response to WARC (with revisit records), and
a meta-refresh check that does not decode every page."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any, Self, TypeVar

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import (
    MetaRefreshMiddleware as BaseMetaRefreshMiddleware,
)
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response

from crawler.model.captures import register_writer
from crawler.model.failures import record_failure
from crawler.model.memory import payload_digest
from crawler.model.meta import META_CAPTURED, META_PREVIOUS, META_REDIRECTS, WARC_META
from crawler.model.warcread import configured_store
from crawler.warc import (
    FATAL_WRITE_ERRORS,
    ORIG_HEADER_PREFIX,
    RefersTo,
    WarcRef,
    WarcWriteError,
    WarcWriter,
)
from crawler.warc_store import WarcUploader
from spiders.errors import CaptureNotKept
from spiders.params import SpiderConfigError, exit_on_config_error

WARC_META_KEY = WARC_META
_T = TypeVar("_T")
# Setting: responses up to this many bytes are written to WARC on the reactor's thread, larger
# ones in a thread (see WarcCaptureMiddleware.process_response); 0 sends every one to a thread.
INLINE_MAX_BYTES_SETTING = "NEWSARCHIVE_WARC_INLINE_MAX_BYTES"
DEFAULT_INLINE_MAX_BYTES = 1024 * 1024
# Request meta key of the capture's own components: the Content-Encoding the response arrived
# with, before Scrapy decoded it.
META_ORIG_ENCODING = "newsarchive_orig_content_encoding"
# The statuses Scrapy's RedirectMiddleware follows.
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def _header_pairs(headers: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, values in headers.items():  # type: ignore[attr-defined]
        name = key.decode("latin-1")
        for value in values:
            pairs.append((name, value.decode("latin-1")))
    return pairs


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _stored_headers(request: Request, response: Response) -> list[tuple[str, str]]:
    """The response's headers, plus the Content-Encoding it arrived with when Scrapy decoded
    the body since (under ORIG_HEADER_PREFIX: the stored bytes are not so encoded)."""
    pairs = _header_pairs(response.headers)
    original = request.meta.get(META_ORIG_ENCODING)
    if original:
        still = ", ".join(v for k, v in pairs if k.lower() == "content-encoding")
        if still != original:
            pairs.append((ORIG_HEADER_PREFIX + "Content-Encoding", str(original)))
    return pairs


def _location(ref: WarcRef) -> dict[str, Any]:
    """A record's location as WARC_META holds it."""
    return {
        "file": ref.file,
        "offset": ref.offset,
        "length": ref.length,
        "payload_digest": ref.payload_digest,
    }


def _refers_to(previous: object) -> RefersTo | None:
    """The earlier capture a 304 confirms, when the archive knows its record."""
    if not isinstance(previous, Mapping) or not (previous.get("url") and previous.get("date")):
        return None
    record_id = previous.get("record_id")
    digest = previous.get("digest")
    return RefersTo(
        uri=str(previous["url"]),
        date=str(previous["date"]),
        record_id=str(record_id) if record_id else None,
        digest=str(digest) if digest else None,
    )


def would_redirect(request: Request, response: Response, spider: Spider | None) -> bool:
    """Whether Scrapy's RedirectMiddleware follows this response (its own conditions)."""
    meta = request.meta
    return not (
        meta.get("dont_redirect", False)
        or response.status in getattr(spider, "handle_httpstatus_list", ())
        or response.status in meta.get("handle_httpstatus_list", ())
        or meta.get("handle_httpstatus_all", False)
        or response.status not in REDIRECT_STATUSES
        or b"Location" not in response.headers
    )


def redirect_hop(request: Request, response: Response) -> dict[str, Any]:
    """A followed redirect or meta refresh as META_REDIRECTS lists it (see there)."""
    warc = request.meta.get(WARC_META)
    warc = dict(warc) if isinstance(warc, Mapping) else {}
    return {
        "url": response.url,
        "status": response.status,
        "fetched_at": datetime.now(UTC).isoformat(),
        "headers": {
            key.decode("latin-1").lower(): b", ".join(values).decode("latin-1")
            for key, values in response.headers.items()
        },
        "file": warc.get("file"),
        "offset": warc.get("offset"),
        "length": warc.get("length"),
        "payload_digest": warc.get("payload_digest"),
    }


def note_followed(request: Request, response: Response, followed: Request) -> None:
    """Put the response that led to `followed` (a redirect or refresh target) on its list of
    hops, and leave it none of the response's own capture location."""
    hops = list(request.meta.get(META_REDIRECTS) or ())
    followed.meta[META_REDIRECTS] = [*hops, redirect_hop(request, response)]
    followed.meta.pop(WARC_META, None)
    followed.meta.pop(META_CAPTURED, None)


def _revisit_of(request: Request, response: Response) -> Mapping[str, Any] | None:
    """The URL's previous capture when this response repeats its payload byte for byte."""
    previous = request.meta.get(META_PREVIOUS)
    if response.status != 200 or not isinstance(previous, Mapping):
        return None
    if not (previous.get("digest") and previous.get("url") and previous.get("date")):
        return None
    if previous.get("warc_file") is None or previous.get("warc_offset") is None:
        return None
    return previous if payload_digest(response.body) == previous["digest"] else None


class WarcCaptureMiddleware:
    """Writes every response that reaches it to WARC and tells the spider where it went.

    It sits below HttpCompressionMiddleware (priority < 590), so it stores the decoded payload
    that extraction sees, and above RetryMiddleware (550), so every retried 5xx is kept too.
    The location goes into `request.meta["newsarchive_warc"]` (the response sees it as meta).

    When the spider says what the URL answered last time (`newsarchive_previous`) and the
    payload is the same, a revisit record is written instead of a second copy, and the
    location passed on is the earlier record's, which holds the payload: the archive's
    pointer always leads to bytes (Heritrix deduplicates the same way).

    A response whose record cannot be written is not passed on (CaptureNotKept: the spider
    yields nothing for it, so the archive never holds a page without its raw capture and the
    next run fetches it again); the crawl records the failure, and a full disk (or quota, a
    read-only or failing device) stops the crawl, since every further page would be lost too.
    """

    def __init__(self, writer: WarcWriter, crawler: Crawler) -> None:
        self.writer = writer
        self.uploader: WarcUploader | None = None
        self.crawler = crawler
        self.stats = crawler.stats
        self.inline_max_bytes = crawler.settings.getint(
            INLINE_MAX_BYTES_SETTING, DEFAULT_INLINE_MAX_BYTES
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSARCHIVE_WARC_ENABLED", True):
            raise NotConfigured
        from crawler.model.config import AppConfig

        config = AppConfig()
        data_dir = Path(crawler.settings.get("NEWSARCHIVE_DATA_DIR") or config.data_dir)
        max_bytes = crawler.settings.getint("NEWSARCHIVE_WARC_MAX_BYTES", config.warc_max_bytes)
        compressor = crawler.settings.get("NEWSARCHIVE_WARC_COMPRESSOR") or config.warc_compressor
        level = crawler.settings.get("NEWSARCHIVE_WARC_COMPRESS_LEVEL")
        store = configured_store()
        uploader = WarcUploader(data_dir, store) if store else None
        try:
            writer = WarcWriter(
                data_dir,
                max_bytes=max_bytes,
                compressor=str(compressor),
                compress_level=config.warc_compress_level if level in (None, "") else int(level),
                on_closed=uploader.submit if uploader is not None else None,
            )
        except ValueError as exc:
            exit_on_config_error(
                SpiderConfigError(f"bad NEWSARCHIVE_WARC_COMPRESSOR/_COMPRESS_LEVEL: {exc}")
            )
        mw = cls(writer, crawler)
        mw.uploader = uploader
        register_writer(crawler, writer)
        setattr(crawler, _CAPTURE_ATTRIBUTE, mw)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    async def _run(self, body: bytes, fn: Callable[..., _T], /, **kwargs: Any) -> _T:
        """`fn(**kwargs)` here for a body up to `inline_max_bytes`, in a thread for a larger one.

        Digests and gzip of a ~200 KB page take ~0.7 ms of CPU. Handed to a thread, they cost
        more than that: each hand-over woke threads that took the GIL from the reactor and
        preempted the extraction workers (measured on the benchmark: 19 preemptions of each
        worker per page, 10 when written here; the crawl 9-15% faster). Larger bodies still go
        to a thread, so the reactor never stops for long.
        """
        if len(body) <= self.inline_max_bytes:
            return fn(**kwargs)
        return await asyncio.to_thread(fn, **kwargs)

    async def _kept(
        self,
        request: Request,
        response: Response,
        body: bytes,
        fn: Callable[..., WarcRef],
        /,
        **fields: Any,
    ) -> WarcRef:
        """`fn` given the exchange (URL, method, both heads, the time) and `fields`, through
        `_run`; a record that could not be written fails the crawl (stopping it for a full
        disk) and drops the response."""
        try:
            return await self._run(
                body,
                fn,
                url=response.url,
                method=request.method,
                request_headers=_header_pairs(request.headers),
                status=response.status,
                reason=_reason(response.status),
                response_headers=_stored_headers(request, response),
                fetched_at=datetime.now(UTC),
                **fields,
            )
        except WarcWriteError as exc:
            if self.stats is not None:
                self.stats.inc_value("archive/warc/write_error")
            record_failure(
                self.crawler,
                "warc",
                exc.describe(),
                pages=[response.url],
                stop=exc.errno in FATAL_WRITE_ERRORS,
            )
            raise CaptureNotKept(f"raw capture not kept: {exc.describe()}") from exc

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        captured = request.meta.pop(META_CAPTURED, None)
        if captured is not None and tuple(captured) == (response.url, response.status):
            # A 3xx RedirectCaptureMiddleware wrote, not followed (an offsite target): its
            # location is in the meta already.
            return response
        if response.status == 304:
            return await self._write_not_modified(request, response)
        previous = request.meta.get(META_PREVIOUS)
        if isinstance(previous, Mapping) and response.status == 200:
            # Only revisits carry a previous capture: the digest costs nothing otherwise.
            revisited = await self._run(
                response.body, _revisit_of, request=request, response=response
            )
            if revisited is not None:
                return await self._write_revisit(request, response, revisited)
        ref = await self._write_response(request, response)
        if self.stats is not None:
            self.stats.inc_value("archive/warc/records")
            self.stats.inc_value("archive/warc/bytes", ref.length)
        return response

    async def _write_revisit(
        self, request: Request, response: Response, previous: Mapping[str, Any]
    ) -> Response:
        ref = await self._kept(
            request,
            response,
            b"",  # a revisit record holds no payload
            self.writer.write_revisit,
            digest=str(previous["digest"]),
            refers_to_uri=str(previous["url"]),
            refers_to_date=str(previous["date"]),
        )
        request.meta[WARC_META_KEY] = {
            "file": previous["warc_file"],
            "offset": previous["warc_offset"],
            "length": previous.get("warc_length"),
            "payload_digest": ref.payload_digest,
            "revisit_file": ref.file,
            "revisit_offset": ref.offset,
        }
        if self.stats is not None:
            self.stats.inc_value("archive/warc/revisit_records")
            self.stats.inc_value("archive/warc/bytes", ref.length)
        return response

    async def _write_not_modified(self, request: Request, response: Response) -> Response:
        """A 304 as a revisit record; the location passed on is the earlier record's when the
        archive knows it (it holds the payload the 304 confirms), else the revisit's own."""
        previous = request.meta.get(META_PREVIOUS)
        refers = _refers_to(previous)
        ref = await self._kept(
            request, response, b"", self.writer.write_not_modified, refers_to=refers
        )
        location: dict[str, Any]
        if (
            refers is not None
            and isinstance(previous, Mapping)
            and previous.get("warc_file") is not None
            and previous.get("warc_offset") is not None
        ):
            location = {
                "file": previous["warc_file"],
                "offset": previous["warc_offset"],
                "length": previous.get("warc_length"),
                "payload_digest": ref.payload_digest or None,
                "revisit_file": ref.file,
                "revisit_offset": ref.offset,
            }
        else:
            location = {**_location(ref), "payload_digest": None}
        request.meta[WARC_META_KEY] = location
        if self.stats is not None:
            self.stats.inc_value("archive/warc/not_modified_records")
            self.stats.inc_value("archive/warc/bytes", ref.length)
        return response

    async def _write_response(self, request: Request, response: Response) -> WarcRef:
        """A response record of the response, its location in the request's meta."""
        ref = await self._kept(
            request, response, response.body, self.writer.write, body=response.body
        )
        # request.meta, not response.meta: the response is not tied to its request yet here.
        request.meta[WARC_META_KEY] = _location(ref)
        return ref

    async def capture_redirect(self, request: Request, response: Response) -> None:
        """Write a 3xx before it is followed (see RedirectCaptureMiddleware)."""
        ref = await self._write_response(request, response)
        request.meta[META_CAPTURED] = (response.url, response.status)
        if self.stats is not None:
            self.stats.inc_value("archive/warc/redirect_records")
            self.stats.inc_value("archive/warc/bytes", ref.length)

    def spider_closed(self) -> None:
        self.writer.close()
        if self.uploader is not None:
            self.uploader.close()  # the last file's upload; a failed one stays for the next


_CAPTURE_ATTRIBUTE = "_newsarchive_warc_capture"


class RedirectCaptureMiddleware:
    """Sees each response first, before any Scrapy middleware changes it.

    It notes the Content-Encoding the response arrived with (WarcCaptureMiddleware stores it
    as X-Archive-Orig-Content-Encoding once HttpCompressionMiddleware has decoded the body),
    and writes every 3xx that Scrapy's RedirectMiddleware will follow to WARC, as received
    (a body still encoded keeps its Content-Encoding): the URL as linked can be replayed. The
    redirect middleware then puts the hop on the followed request (`note_followed`), and the
    spider records it as a fetch with outcome `redirect`. A 3xx the crawl's scope does not
    follow goes on to the spider as today, written once.
    """

    def __init__(self, capture: WarcCaptureMiddleware) -> None:
        self.capture = capture

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        capture = getattr(crawler, _CAPTURE_ATTRIBUTE, None)
        if not isinstance(capture, WarcCaptureMiddleware):
            raise NotConfigured  # no WARC capture in this crawl
        return cls(capture)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        encoding = response.headers.get(b"Content-Encoding")
        if encoding:
            request.meta[META_ORIG_ENCODING] = b", ".join(
                response.headers.getlist(b"Content-Encoding")
            ).decode("latin-1")
        else:
            request.meta.pop(META_ORIG_ENCODING, None)
        spider = spider or getattr(self.capture.crawler, "spider", None)
        if would_redirect(request, response, spider):
            await self.capture.capture_redirect(request, response)
        return response


# w3lib looks for <meta http-equiv="refresh"> in the first 4,096 characters only; in any
# ASCII-compatible encoding those fit in 4 bytes each.
_REFRESH_SCAN_BYTES = 4 * 4096


def may_declare_refresh(body: bytes) -> bool:
    """False only when the page certainly declares no meta refresh: its head lacks the word
    "refresh" and it is not UTF-16/32 (a NUL byte early on), where the bytes would differ."""
    head = body[:_REFRESH_SCAN_BYTES]
    return b"\x00" in head[:512] or b"refresh" in head.lower()


class MetaRefreshMiddleware(BaseMetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, minus decoding every page to look for the tag.

    Scrapy decodes the whole body (`response.text`) of each HTML response to scan its first
    4,096 characters: on 200 KB news pages that was ~8% of the crawl process's time, for a
    tag almost no article page has. A byte check rules it out first; a page that may have one
    gets Scrapy's own handling unchanged.
    """

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_declare_refresh(response.body):
            return response
        result = super().process_response(request, response)
        if isinstance(result, Request) and result is not request:
            # The refreshing page was captured above: it is a hop on the way to the target.
            note_followed(request, response, result)
        return result
