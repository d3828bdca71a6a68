"""Reading every WARC pointer of the archive back: does each lead to its own, intact record?"""

from __future__ import annotations

import base64
import hashlib
import itertools
import zlib
from collections.abc import Generator
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from sqlalchemy import Engine, select
from warcio.archiveiterator import ArchiveIterator

from crawler.model.warcread import open_warc
from db.models import Fetch, Site

# Compressed bytes read at a time, and fetch rows fetched from the database at a time: memory
# stays bounded whatever the archive's size.
_CHUNK = 1 << 16
_ROWS = 2000


@dataclass(frozen=True)
class BadPointer:
    """A fetch whose pointer does not lead to its record, and why."""

    fetch_id: int
    url: str
    file: str
    offset: int
    length: int | None
    reason: str

    def line(self) -> str:
        where = f"{self.file}:{self.offset}" + (f"+{self.length}" if self.length else "")
        return f"fetch {self.fetch_id} {self.url} at {where}: {self.reason}"


@dataclass
class VerifyReport:
    """What `verify_archive` found: pointers (fetch rows) checked, distinct records and files
    read, the bad pointers (those into missing files included) and the missing files."""

    checked: int = 0
    records: int = 0
    files: int = 0
    bad: list[BadPointer] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


class _Row(NamedTuple):
    fetch_id: int
    url: str
    file: str
    offset: int
    length: int | None
    digest: str | None


def verify_archive(
    engine: Engine,
    data_dir: Path,
    *,
    site: str | None = None,
    since: datetime | None = None,
) -> VerifyReport:
    """Read the record behind every fetch's WARC pointer and check it (read-only).

    A pointer is good when its file exists; the `length` bytes at `offset` are exactly one
    complete gzip member (its CRC included) holding one WARC `response` record (or the
    `revisit` record of a 304 whose earlier capture was not known); the record is
    of the fetch's URL (or, for a fetch that stored a revisit record, of the URL of a fetch that
    wrote it); its block and payload digests match its bytes; and its payload digest is the
    fetch's `payload_digest`. Pointers are read in file and offset order, each file once and
    front to back, each shared record once.
    """
    report = VerifyReport()
    rows = _pointer_rows(engine, site=site, since=since)
    with closing(_FileReader(data_dir)) as reader, closing(rows):
        for (file, offset, length), group in itertools.groupby(
            rows, key=lambda r: (r.file, r.offset, r.length)
        ):
            fetches = list(group)
            report.checked += len(fetches)
            fh = reader.open(file, report)
            if fh is None:
                report.bad.extend(_bad(r, "WARC file missing") for r in fetches)
                continue
            report.records += 1
            record = _check_record(fh, offset, length)
            if record.problem is not None:
                report.bad.extend(_bad(r, record.problem) for r in fetches)
                continue
            writers = {r.url for r in fetches}
            for row in fetches:
                why = _mismatch(engine, row, record, writers)
                if why is not None:
                    report.bad.append(_bad(row, why))
    return report


def _pointer_rows(
    engine: Engine, *, site: str | None, since: datetime | None
) -> Generator[_Row, None, None]:
    query = select(
        Fetch.id, Fetch.url, Fetch.warc_file, Fetch.warc_offset, Fetch.warc_length,
        Fetch.payload_digest,
    ).where(Fetch.warc_file.is_not(None), Fetch.warc_offset.is_not(None))  # fmt: skip
    if site is not None:
        query = query.join(Site, Site.id == Fetch.site_id).where(Site.key == site)
    if since is not None:
        query = query.where(Fetch.fetched_at >= since)
    query = query.order_by(Fetch.warc_file, Fetch.warc_offset, Fetch.warc_length, Fetch.id)
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=_ROWS).execute(query)
        for fid, url, file, offset, length, digest in result:
            if offset is None:  # excluded by the query; says so to the type checker
                continue
            size = int(length) if length is not None else None
            yield _Row(int(fid), str(url), str(file), int(offset), size, digest)


def _bad(row: _Row, reason: str) -> BadPointer:
    return BadPointer(row.fetch_id, row.url, row.file, row.offset, row.length, reason)


class _FileReader:
    """The WARC file being read: one open file at a time, missing ones noted once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.name: str | None = None
        self.fh: BinaryIO | None = None

    def open(self, name: str, report: VerifyReport) -> BinaryIO | None:
        if name != self.name:
            self.close()
            self.name = name
            try:
                self.fh = open_warc(self.data_dir, name)  # closed in close()
            except OSError:
                report.missing_files.append(name)
            else:
                report.files += 1
        return self.fh

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class _Member:
    """Exactly `length` compressed bytes at the file's position, served decompressed.

    It insists on one complete gzip member (zlib checks its CRC and size at the end) that ends
    exactly at the last byte: `finish()` says what is wrong otherwise.
    """

    def __init__(self, fh: BinaryIO, length: int | None) -> None:
        self.fh = fh
        self.left = length  # None: up to the end of the member, wherever it is
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
        self.pending = b""
        self.ended_early = False

    def read(self, size: int = -1) -> bytes:
        while not self.pending and not self.inflater.eof:
            want = _CHUNK if self.left is None else min(_CHUNK, self.left)
            data = self.fh.read(want) if want else b""
            if not data:
                return b""
            if self.left is not None:
                self.left -= len(data)
            self.pending = self.inflater.decompress(data)
        if size < 0 or size >= len(self.pending):
            out, self.pending = self.pending, b""
        else:
            out, self.pending = self.pending[:size], self.pending[size:]
        return out

    def finish(self) -> str | None:
        """None when the member was complete and filled the length exactly, else why not."""
        while self.read(_CHUNK):
            pass
        if not self.inflater.eof:
            return "incomplete gzip member (the file is cut short or the length too long)"
        if self.left is not None and (self.inflater.unused_data or self.left > 0):
            return "the gzip member ends before the recorded length"
        return None


class _Record(NamedTuple):
    """What reading a pointer found: the problem (None: an intact response record), the
    record's WARC-Target-URI and the digest of its payload as read."""

    problem: str | None
    uri: str = ""
    payload_digest: str = ""


def _check_record(fh: BinaryIO, offset: int, length: int | None) -> _Record:
    size = fh.seek(0, 2)
    if offset >= size:
        return _Record(f"offset beyond the end of the file ({size} bytes)")
    if length is not None and offset + length > size:
        return _Record(f"the record would end at {offset + length}, the file at {size}")
    fh.seek(offset)
    member = _Member(fh, length)
    try:
        records = ArchiveIterator(member, check_digests="raise")
        record = next(records, None)
        if record is None:
            return _Record("no WARC record")
        uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
        declared = record.rec_headers.get_header("WARC-Payload-Digest")
        if record.rec_type == "revisit" and _is_not_modified(record):
            # A 304 whose earlier capture the archive did not know: the pointer leads to
            # the revisit record itself, which holds no payload.
            record.raw_stream.read()
            if next(records, None) is not None:
                return _Record("more than one record in the recorded length", uri)
            return _Record(member.finish(), uri, declared or "")
        if record.rec_type != "response":
            return _Record(f"a {record.rec_type} record, not a response", uri)
        sha1 = hashlib.sha1()
        while chunk := record.raw_stream.read(_CHUNK):
            sha1.update(chunk)
        if record.raw_stream.limit:
            return _Record("the record is shorter than its Content-Length", uri)
        actual = "sha1:" + base64.b32encode(sha1.digest()).decode("ascii")
        if declared is None:
            return _Record("the record has no WARC-Payload-Digest", uri)
        if declared.split(":")[0].lower() == "sha1" and declared != actual:
            return _Record(f"payload digest {actual} differs from the record's {declared}", uri)
        if next(records, None) is not None:
            return _Record("more than one record in the recorded length", uri)
        problem = member.finish()
    except Exception as exc:  # zlib (a bad CRC), warcio (a digest mismatch, a bad head), ...
        text = " ".join(str(exc).split())[:200] or type(exc).__name__
        return _Record(f"unreadable: {text}")
    return _Record(problem, uri, actual)


def _is_not_modified(record: Any) -> bool:
    profile = str(record.rec_headers.get_header("WARC-Profile") or "")
    return profile.endswith("/revisit/server-not-modified")


def _mismatch(engine: Engine, row: _Row, record: _Record, writers: set[str]) -> str | None:
    """Why an intact record is not this fetch's, or None."""
    uri = record.uri
    if uri != row.url and uri not in writers and not _written_by(engine, row, uri):
        return f"the record is of {uri}"
    if row.digest is not None and row.digest != record.payload_digest:
        return (
            f"the archive's payload digest {row.digest} is not the record's {record.payload_digest}"
        )
    return None


def _written_by(engine: Engine, row: _Row, uri: str) -> bool:
    """Whether a fetch outside this selection (another site's, an earlier one) of `uri` has the
    same pointer: the record it wrote is the one a revisit of `row` points at."""
    query = (
        select(Fetch.id)
        .where(Fetch.warc_file == row.file, Fetch.warc_offset == row.offset, Fetch.url == uri)
        .limit(1)
    )
    with engine.connect() as conn:
        return conn.execute(query).first() is not None
