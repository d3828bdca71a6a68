"""WARC capture: records can be read back from the stored pointer, files rotate by size; the
capture middleware writes ordinary pages on the reactor's thread."""

from __future__ import annotations

import asyncio
import gzip
import io
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import __version__
from crawler.middlewares import INLINE_MAX_BYTES_SETTING, WARC_META_KEY, WarcCaptureMiddleware
from crawler.warc import WarcRef, WarcWriter, read_capture

BODY = "<html><body><p>Grüße aus der Redaktion.</p></body></html>".encode()


def _write(writer: WarcWriter, url: str, body: bytes = BODY) -> tuple[str, int, int, str]:
    ref = writer.write(
        url=url,
        method="GET",
        request_headers=[("User-Agent", "newsarchive-test")],
        status=200,
        reason="OK",
        response_headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            # the body is stored de-chunked: the header is kept under the replay tools' prefix
            ("Transfer-Encoding", "chunked"),
            # what the capture middleware adds for a body Scrapy decoded
            ("X-Archive-Orig-Content-Encoding", "gzip"),
        ],
        body=body,
        fetched_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
    )
    return ref.file, ref.offset, ref.length, ref.payload_digest


def test_pointer_reads_back_the_exact_response(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10_000_000)
    first = _write(writer, "http://127.0.0.1/a")
    second = _write(writer, "http://127.0.0.1/b", b"zweite Seite")
    writer.close()
    cap = read_capture(tmp_path, first[0], first[1])
    assert (cap.url, cap.status, cap.body) == ("http://127.0.0.1/a", 200, BODY)
    assert cap.headers["content-type"] == "text/html; charset=utf-8"
    assert "content-encoding" not in cap.headers
    assert "transfer-encoding" not in cap.headers
    assert cap.headers["x-archive-orig-content-encoding"] == "gzip"
    assert cap.headers["x-archive-orig-transfer-encoding"] == "chunked"
    assert cap.headers["content-length"] == str(len(BODY))
    assert cap.fetched_at.startswith("2026-11-20T08:00:00")
    assert read_capture(tmp_path, second[0], second[1]).body == b"zweite Seite"
    assert first[3].startswith("sha1:")


def test_each_record_is_its_own_gzip_member(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10_000_000)
    file, offset, length, _ = _write(writer, "http://127.0.0.1/a")
    writer.close()
    raw = (tmp_path / file).read_bytes()
    member = gzip.decompress(raw[offset : offset + length])
    assert member.startswith(b"WARC/1.1\r\n")
    assert b"\r\nWARC-Type: response\r\n" in member.split(b"\r\n\r\n", 1)[0] + b"\r\n"


def test_files_rotate_by_size_and_hold_request_records(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=600)
    files = {_write(writer, f"http://127.0.0.1/{i}")[0] for i in range(4)}
    writer.close()
    assert len(files) == 4  # every record pair pushed its file past 600 bytes
    types = []
    for path in sorted((tmp_path / "warc").iterdir()):
        with path.open("rb") as fh:
            types.append([r.rec_type for r in ArchiveIterator(fh)])
    assert all(t == ["warcinfo", "response", "request"] for t in types)


@pytest.mark.parametrize(("compressor", "level"), [("isal", None), ("isal", 0), ("zlib", 9)])
def test_every_compressor_writes_standard_gzip(
    tmp_path: Path, compressor: str, level: int | None
) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10_000_000, compressor=compressor, compress_level=level)
    body = "Ein längerer Absatz über die Stadtratssitzung. ".encode() * 400
    file, offset, length, _ = _write(writer, "http://127.0.0.1/a", body)
    writer.close()
    raw = (tmp_path / file).read_bytes()
    assert length < len(body) // 5  # compressed, not stored
    assert body + b"\r\n\r\n" in gzip.decompress(raw[offset : offset + length])  # by zlib
    assert read_capture(tmp_path, file, offset).body == body


def _records(path: Path) -> list[tuple[str, dict[str, str], str, bytes]]:
    """(type, WARC fields, HTTP head, payload) of each record, digests verified by warcio."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh, check_digests="raise"):
            fields = dict(record.rec_headers.headers)
            head = record.http_headers.to_str() if record.http_headers else ""
            out.append((record.rec_type, fields, head, record.content_stream().read()))
    return out


def test_records_are_the_ones_warcio_writes(tmp_path: Path) -> None:
    """Our serialiser against warcio's writer: the same fields, heads and payloads, and
    digests that warcio verifies (a wrong one raises while reading)."""
    url, when = "http://127.0.0.1/a?seite=2", datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    date = "2026-11-20T08:00:00.000000Z"
    request_headers = [("User-Agent", "newsarchive-test"), ("X-Notiz", "Grüße")]
    ours = WarcWriter(tmp_path / "ours", max_bytes=10_000_000)
    ref = _write(ours, url)
    ours.write_revisit(
        url=url, method="GET", request_headers=request_headers, status=304,
        reason="Not Modified", response_headers=[("ETag", '"v1"')], digest=ref[3],
        refers_to_uri=url, refers_to_date=date, fetched_at=when,
    )  # fmt: skip
    ours.close()
    (ours_file,) = (tmp_path / "ours" / "warc").iterdir()

    theirs_file = tmp_path / "theirs.warc.gz"
    with theirs_file.open("wb") as fh:
        warcio = WARCWriter(fh, gzip=True, warc_version="1.1")
        info = {"software": f"newsarchive/{__version__}", "format": "WARC/1.1"}
        warcio.write_record(warcio.create_warcinfo_record(ours_file.name, info))
        stored = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("X-Archive-Orig-Transfer-Encoding", "chunked"),
            ("X-Archive-Orig-Content-Encoding", "gzip"),
            ("Content-Length", str(len(BODY))),
        ]
        for kind, head, payload, extra in [
            ("response", StatusAndHeaders("200 OK", stored, protocol="HTTP/1.1"), BODY, {}),
            ("revisit", StatusAndHeaders("304 Not Modified", [("ETag", '"v1"')], "HTTP/1.1"), b"", {
                "WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                "WARC-Refers-To-Target-URI": url, "WARC-Refers-To-Date": date,
                "WARC-Payload-Digest": ref[3],
            }),
        ]:  # fmt: skip
            record = warcio.create_warc_record(
                url, kind, payload=io.BytesIO(payload), length=len(payload), http_headers=head,
                warc_headers_dict={"WARC-Date": date, **extra},
            )  # fmt: skip
            warcio.write_record(record)
            # _write sent only the User-Agent; the revisit also a header to %-encode.
            sent = request_headers if kind == "revisit" else request_headers[:1]
            line = StatusAndHeaders("GET /a?seite=2 HTTP/1.1", sent, is_http_request=True)
            concurrent = record.rec_headers.get_header("WARC-Record-ID")
            warcio.write_record(
                warcio.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), length=0, http_headers=line,
                    warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent},
                )
            )  # fmt: skip

    mine, reference = _records(ours_file), _records(theirs_file)
    assert [r[0] for r in mine] == ["warcinfo", "response", "request", "revisit", "request"]
    for records in (mine, reference):
        # Record ids are random: each request must name the record before it, then both go.
        for record, request in [(records[1], records[2]), (records[3], records[4])]:
            assert request[1].pop("WARC-Concurrent-To") == record[1]["WARC-Record-ID"]
        ids = {fields.pop("WARC-Record-ID") for _, fields, _, _ in records}
        assert len(ids) == len(records)
        del records[0][1]["WARC-Date"]  # the warcinfo record's: when the file was opened
    assert mine == reference


@pytest.mark.parametrize(
    ("compressor", "level", "message"),
    [
        ("brotli", None, "unknown WARC compressor 'brotli'"),
        ("isal", 5, "isal must be 0..3, got 5"),
        ("zlib", 0, "zlib must be 1..9, got 0"),
    ],
)
def test_bad_compression_settings_are_named(
    tmp_path: Path, compressor: str, level: int | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        WarcWriter(tmp_path, max_bytes=1, compressor=compressor, compress_level=level)


class _ThreadNotingWriter(WarcWriter):
    """Notes the thread of each write."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir, max_bytes=10_000_000)
        self.threads: list[str] = []

    def write(self, **kwargs: Any) -> WarcRef:
        self.threads.append(threading.current_thread().name)
        return super().write(**kwargs)


@pytest.mark.parametrize(
    ("inline_max_bytes", "size", "on_the_reactor"),
    [(None, 200_000, True), (None, 2_000_000, False), (0, 200_000, False), (1000, 1001, False)],
)
def test_a_page_is_written_on_the_reactor_thread_up_to_a_size(
    tmp_path: Path, inline_max_bytes: int | None, size: int, on_the_reactor: bool
) -> None:
    # A thread hand-over per page cost more than the write (the GIL, preempted workers);
    # large bodies still go to a thread, so the reactor never stops for long.
    settings = {} if inline_max_bytes is None else {INLINE_MAX_BYTES_SETTING: inline_max_bytes}
    crawler = get_crawler(settings_dict=settings)
    writer = _ThreadNotingWriter(tmp_path)
    middleware = WarcCaptureMiddleware(writer, crawler)
    url = "http://127.0.0.1/artikel.html"
    request = Request(url)
    response = HtmlResponse(url, body=b"x" * size, request=request)
    asyncio.run(middleware.process_response(request, response))
    writer.close()
    assert (writer.threads == [threading.main_thread().name]) is on_the_reactor
    where = request.meta[WARC_META_KEY]
    assert read_capture(tmp_path, where["file"], where["offset"]).body == b"x" * size
