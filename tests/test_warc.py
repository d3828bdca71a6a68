"""WARC capture: records can be read back from the stored pointer, files rotate by size; the
capture middleware writes ordinary pages on the reactor's thread."""

from __future__ import annotations

import asyncio
import gzip
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

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
            ("Content-Encoding", "gzip"),  # stale after decoding: must not be stored
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
