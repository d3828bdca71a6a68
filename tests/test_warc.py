"""WARC capture: records can be read back from the stored pointer, files rotate by size."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.warc import WarcWriter, read_capture

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
