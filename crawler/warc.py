"""Raw captures: WARC files (gzip per record, rotated by size) and reading a record back."""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import __version__

# Hop-by-hop and encoding headers no longer describe the payload as Scrapy hands it over
# (de-chunked, decompressed), so they are dropped from the stored response head.
_STALE_HEADERS = {"transfer-encoding", "content-encoding", "content-length"}


@dataclass(frozen=True)
class WarcRef:
    """Where a response record lives: file (relative to the data dir), offset and length."""

    file: str
    offset: int
    length: int
    payload_digest: str


@dataclass(frozen=True)
class Capture:
    """A response read back from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    fetched_at: str  # WARC-Date


class WarcWriter:
    """Appends request/response pairs to `<data_dir>/warc/*.warc.gz`, one gzip member a record.

    Each file starts with a warcinfo record and is closed once it reaches `max_bytes`; names
    carry the start time, process id and a serial, so concurrent crawls never share a file.
    """

    def __init__(self, data_dir: Path, *, max_bytes: int, prefix: str = "newsarchive") -> None:
        self.data_dir = data_dir
        self.directory = data_dir / "warc"
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._serial = 0
        self._fh: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._name = ""
        self._lock = threading.Lock()

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self._name = f"{self.prefix}-{stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
        self._fh = open(self.directory / self._name, "ab")  # noqa: SIM115 (kept open across calls)
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(
            self._name, {"software": f"newsarchive/{__version__}", "format": "WARC/1.1"}
        )
        self._writer.write_record(info)

    def write(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
    ) -> WarcRef:
        """Write one response record and its request record; return where the response is."""
        with self._lock:
            if self._fh is None or self._fh.tell() >= self.max_bytes:
                self.close()
                self._open()
            assert self._fh is not None and self._writer is not None
            warc_date = fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            headers = [(k, v) for k, v in response_headers if k.lower() not in _STALE_HEADERS]
            headers.append(("Content-Length", str(len(body))))
            http_headers = StatusAndHeaders(
                f"{status} {reason}".strip(), headers, protocol="HTTP/1.1"
            )
            response = self._writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": warc_date},
            )
            offset = self._fh.tell()
            self._writer.write_record(response)
            length = self._fh.tell() - offset
            request = self._writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    f"{method} {_path_of(url)} HTTP/1.1", request_headers, is_http_request=True
                ),
                warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            self._writer.write_record(request)
            self._fh.flush()
            digest = response.rec_headers.get_header("WARC-Payload-Digest") or ""
            return WarcRef(f"warc/{self._name}", offset, length, digest)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            self._writer = None


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def read_capture(data_dir: Path, file: str, offset: int) -> Capture:
    """Read the response record at `offset` of `file` (as stored in the archive)."""
    with open(data_dir / file, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                break
            http = record.http_headers
            return Capture(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                status=int(http.get_statuscode()),
                headers={k.lower(): v for k, v in http.headers},
                body=record.content_stream().read(),
                fetched_at=record.rec_headers.get_header("WARC-Date"),
            )
    raise ValueError(f"no response record at {file}:{offset}")
