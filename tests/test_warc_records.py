"""What the WARC capture writes beyond plain responses: redirects before they are followed,
304s as server-not-modified revisits, decoded bodies with their original Content-Encoding;
the store's fetch rows for redirects; `newsarchive cdx`'s index against webrecorder's."""

from __future__ import annotations

import asyncio
import gzip
import subprocess
import sys
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import scrapy
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select
from warcio.archiveiterator import ArchiveIterator

from crawler.cdx import archive_files, file_lines, write_index
from crawler.middlewares import (
    MetaRefreshMiddleware,
    RedirectCaptureMiddleware,
    WarcCaptureMiddleware,
    note_followed,
)
from crawler.model.items import KIND_DISCOVERY, RedirectHop
from crawler.model.memory import PreviousCapture
from crawler.model.meta import META_CAPTURED, META_PREVIOUS, META_REDIRECTS, WARC_META
from crawler.model.sitespec import Site
from crawler.verify import verify_archive
from crawler.warc import RefersTo, WarcWriter
from db.models import CrawlRun, Fetch
from pipelines.store_pipeline import StorePipeline
from tests.factories import feed_store, fetched_page

URL = "http://127.0.0.1:8123/"
T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
PAGE = b"<html><body><p>Ein Tag im Rathaus.</p></body></html>"
NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


def _capture(tmp_path: Path) -> tuple[WarcCaptureMiddleware, RedirectCaptureMiddleware, Any]:
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DATA_DIR": str(tmp_path)})
    crawler.stats.open_spider()
    capture = WarcCaptureMiddleware.from_crawler(crawler)
    return capture, RedirectCaptureMiddleware.from_crawler(crawler), crawler


def _record_at(data_dir: Path, file: str, offset: int) -> Any:
    with (data_dir / file).open("rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh, check_digests="raise")))
        record.payload = record.content_stream().read()
        return record


def _first_capture(writer: WarcWriter) -> dict[str, Any]:
    ref = writer.write(
        url=URL, method="GET", request_headers=[], status=200, reason="OK",
        response_headers=[("Content-Type", "text/html"), ("ETag", '"v1"')], body=PAGE,
        fetched_at=T0,
    )  # fmt: skip
    digest = ref.payload_digest
    return {"file": ref.file, "offset": ref.offset, "length": ref.length, "digest": digest}


def test_a_304_is_a_revisit_naming_the_capture_it_confirms(tmp_path: Path) -> None:
    capture, _, crawler = _capture(tmp_path)
    first = _first_capture(capture.writer)
    head = _record_at(tmp_path, first["file"], first["offset"]).rec_headers
    previous = PreviousCapture(
        digest=first["digest"], etag='"v1"', url=URL, date=head["WARC-Date"],
        warc_file=first["file"], warc_offset=first["offset"], warc_length=first["length"],
        record_id=head["WARC-Record-ID"],
    )  # fmt: skip
    request = scrapy.Request(URL, meta={META_PREVIOUS: previous.as_meta()})
    response = Response(URL, status=304, headers={"ETag": '"v1"'}, request=request)
    asyncio.run(capture.process_response(request, response))
    capture.writer.close()
    where = request.meta[WARC_META]
    # the pointer leads to the payload the 304 confirms; the revisit record is beside it
    assert (where["file"], where["offset"]) == (first["file"], first["offset"])
    assert where["payload_digest"] == first["digest"]
    revisit = _record_at(tmp_path, where["revisit_file"], where["revisit_offset"])
    warc = revisit.rec_headers
    assert revisit.rec_type == "revisit" and revisit.payload == b""
    assert warc["WARC-Profile"] == NOT_MODIFIED
    assert warc["WARC-Refers-To"] == head["WARC-Record-ID"]
    assert warc["WARC-Refers-To-Target-URI"] == URL
    assert warc["WARC-Refers-To-Date"] == head["WARC-Date"]
    assert warc["WARC-Payload-Digest"] == first["digest"]
    assert revisit.http_headers.get_statuscode() == "304"
    assert revisit.http_headers.get_header("ETag") == '"v1"'
    assert crawler.stats.get_value("archive/warc/not_modified_records") == 1
    check = subprocess.run(
        [str(Path(sys.executable).with_name("warcio")), "check", str(tmp_path / first["file"])],
        capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout


def test_a_304_without_a_known_capture_points_at_its_revisit(tmp_path: Path) -> None:
    capture, _, _ = _capture(tmp_path)
    request = scrapy.Request(URL)
    asyncio.run(capture.process_response(request, Response(URL, status=304, request=request)))
    capture.writer.close()
    where = request.meta[WARC_META]
    assert where["payload_digest"] is None
    revisit = _record_at(tmp_path, where["file"], where["offset"])
    assert revisit.rec_type == "revisit"
    assert revisit.rec_headers["WARC-Profile"] == NOT_MODIFIED
    assert revisit.rec_headers.get_header("WARC-Refers-To-Target-URI") is None


def test_a_followed_redirect_is_written_before_it_is_followed(tmp_path: Path) -> None:
    capture, redirects, crawler = _capture(tmp_path)
    target = URL + "neu.html"
    request = scrapy.Request(URL + "alt.html")
    response = Response(
        request.url, status=301, headers={"Location": target}, body=b"umgezogen", request=request
    )
    assert asyncio.run(redirects.process_response(request, response)) is response
    followed = request.replace(url=target)
    note_followed(request, response, followed)
    # the hop travels with the followed request, without the 3xx's own capture meta
    (hop,) = followed.meta[META_REDIRECTS]
    assert (hop["url"], hop["status"], hop["headers"]["location"]) == (request.url, 301, target)
    assert WARC_META not in followed.meta and META_CAPTURED not in followed.meta
    record = _record_at(tmp_path, hop["file"], hop["offset"])
    assert (record.rec_type, record.payload) == ("response", b"umgezogen")
    assert record.http_headers.get_statuscode() == "301"
    assert record.http_headers.get_header("Location") == target
    assert crawler.stats.get_value("archive/warc/redirect_records") == 1

    # a 3xx that is not followed (offsite) goes on down to the capture: written once only
    refused = scrapy.Request(URL + "weg.html")
    offsite = Response(refused.url, status=302, headers={"Location": "https://x.example/"})
    asyncio.run(redirects.process_response(refused, offsite))
    where = dict(refused.meta[WARC_META])
    asyncio.run(capture.process_response(refused, offsite))
    capture.writer.close()
    assert refused.meta[WARC_META] == where
    assert crawler.stats.get_value("archive/warc/redirect_records") == 2
    assert crawler.stats.get_value("archive/warc/records") is None


@pytest.mark.parametrize(
    ("meta", "status", "written"),
    [({}, 302, True), ({"dont_redirect": True}, 302, False), ({}, 304, False),
     ({"handle_httpstatus_list": [301]}, 301, False)],
)  # fmt: skip
def test_only_redirects_scrapy_follows_are_written_early(
    tmp_path: Path, meta: dict[str, Any], status: int, written: bool
) -> None:
    _, redirects, _ = _capture(tmp_path)
    request = scrapy.Request(URL, meta=meta)
    response = Response(URL, status=status, headers={"Location": URL + "x"}, request=request)
    asyncio.run(redirects.process_response(request, response))
    assert (WARC_META in request.meta) is written


def test_a_decoded_body_keeps_its_original_content_encoding(tmp_path: Path) -> None:
    capture, redirects, crawler = _capture(tmp_path)
    decoder = HttpCompressionMiddleware.from_crawler(crawler)
    request = scrapy.Request(URL)
    wire = gzip.compress(PAGE)
    response: Response = HtmlResponse(
        URL,
        body=wire,
        headers={"Content-Encoding": "gzip", "Content-Length": str(len(wire))},
        request=request,
    )
    # the response's way up: the redirect capture, Scrapy's decoder, the WARC capture
    response = asyncio.run(redirects.process_response(request, response))
    response = decoder.process_response(request, response)
    asyncio.run(capture.process_response(request, response))
    capture.writer.close()
    where = request.meta[WARC_META]
    record = _record_at(tmp_path, where["file"], where["offset"])
    http = record.http_headers
    assert record.payload == PAGE
    assert http.get_header("Content-Encoding") is None
    assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert http.get_header("X-Archive-Orig-Content-Length") == str(len(wire))
    assert http.get_header("Content-Length") == str(len(PAGE))


def test_a_followed_meta_refresh_is_a_hop(tmp_path: Path) -> None:
    capture, _, crawler = _capture(tmp_path)
    refresh = MetaRefreshMiddleware.from_crawler(crawler)
    body = b"<html><head><meta http-equiv='refresh' content='0; url=/ziel.html'></head></html>"
    request = scrapy.Request(URL)
    response = HtmlResponse(URL, body=body, request=request)
    asyncio.run(capture.process_response(request, response))
    followed = refresh.process_response(request, response)
    capture.writer.close()
    assert isinstance(followed, scrapy.Request) and followed.url == URL + "ziel.html"
    (hop,) = followed.meta[META_REDIRECTS]
    assert (hop["status"], hop["file"]) == (200, request.meta[WARC_META]["file"])


SITE = Site(key="alpha", name="Alpha", domains=("alpha.example",))


def test_redirects_are_stored_as_fetches_of_their_own(
    tmp_path: Path, database_url: str, engine: Engine
) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    moved = writer.write(
        url="http://alpha.example/alt", method="GET", request_headers=[], status=301,
        reason="Moved Permanently", response_headers=[("Location", "/neu")], body=b"",
        fetched_at=T0,
    )  # fmt: skip
    page = writer.write(
        url="http://alpha.example/neu", method="GET", request_headers=[], status=200,
        reason="OK", response_headers=[("Content-Type", "text/html")], body=PAGE, fetched_at=T0,
    )  # fmt: skip
    writer.close()
    hop = RedirectHop(
        url="http://alpha.example/alt", status=301, fetched_at=T0,
        headers={"location": "/neu"}, warc_file=moved.file, warc_offset=moved.offset,
        warc_length=moved.length, payload_digest=moved.payload_digest,
    )  # fmt: skip
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DATABASE_URL": database_url})
    crawler.spider = SimpleNamespace(name="alpha", site=SITE, archive_arguments={})  # type: ignore[assignment]
    pipe = StorePipeline.from_crawler(crawler)
    crawler.stats.open_spider()
    pipe.open_spider()
    feed_store(
        pipe,
        [
            fetched_page(
                "http://alpha.example/neu", requested_url="http://alpha.example/alt",
                kind=KIND_DISCOVERY, source="section", redirects=[hop], warc_file=page.file,
                warc_offset=page.offset, warc_length=page.length,
                payload_digest=page.payload_digest,
            )
        ],
    )  # fmt: skip
    pipe.spider_closed("finished")
    with engine.connect() as conn:
        rows = conn.execute(
            select(Fetch.url, Fetch.status, Fetch.outcome, Fetch.warc_offset).order_by(Fetch.id)
        ).all()
        errors = conn.execute(select(CrawlRun.errors)).scalar_one()
    assert rows == [
        ("http://alpha.example/alt", 301, "redirect", moved.offset),
        ("http://alpha.example/neu", 200, "discovery", page.offset),
    ]
    assert errors == 0
    assert verify_archive(engine, tmp_path).ok


def test_the_index_is_the_one_webrecorder_writes(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=2000)  # several files
    first = _first_capture(writer)
    for n in range(4):
        writer.write(
            url=f"http://www.beispiel.de/{n}?b=2&a=1", method="GET", request_headers=[],
            status=301 if n % 2 else 200, reason="", body=b"x" * n,
            response_headers=[("Content-Type", "text/html; charset=utf-8"), ("Location", "/")],
            fetched_at=T0,
        )  # fmt: skip
    head = _record_at(tmp_path, first["file"], first["offset"]).rec_headers
    refers = RefersTo(URL, head["WARC-Date"], head["WARC-Record-ID"], first["digest"])
    writer.write_not_modified(
        url=URL, method="GET", request_headers=[], status=304, reason="Not Modified",
        response_headers=[], fetched_at=datetime.now(UTC), refers_to=refers,
    )  # fmt: skip
    writer.close()
    files = [tmp_path / name for name in archive_files(tmp_path)]
    assert len(files) > 1
    out = StringIO()
    assert write_index((file_lines(path) for path in files), out) == 6
    ours = out.getvalue().splitlines()
    theirs = subprocess.run(
        [str(Path(sys.executable).with_name("cdxj-indexer")), "--sort", *map(str, files)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert ours == theirs
    assert ours == sorted(ours)
    assert any(line.startswith("de,beispiel)/1?a=1&b=2 ") for line in ours)
    assert sum('"warc/revisit"' in line for line in file_lines(files[-1])) == 1
