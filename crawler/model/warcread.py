"""Reading a response record back from a WARC file, at the offset the archive points to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class Capture:
    """A response read back from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    fetched_at: str  # WARC-Date


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


def read_response_block(data_dir: Path, file: str, offset: int) -> bytes:
    """The HTTP response stored in the response record at `offset` of `file`, as bytes: status
    line, headers, blank line, body (the block of the record, undecoded)."""
    with open(data_dir / file, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh, no_record_parse=True):
            if record.rec_type != "response":
                break
            return bytes(record.raw_stream.read())
    raise ValueError(f"no response record at {file}:{offset}")
