"""Raw captures: WARC files (gzip per record, rotated by size); the reader is
`crawler.model.warcread` (the archive's read API reads captures too), re-exported here."""

from __future__ import annotations

import base64
import errno
import fcntl
import hashlib
import logging
import os
import re
import secrets
import socket
import threading
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import FileIO
from pathlib import Path
from typing import Any

from isal import isal_zlib
from warcio.statusandheaders import StatusAndHeaders

from crawler import __version__
from crawler.model.warcread import Capture as Capture  # the reader is in the bottom layer
from crawler.model.warcread import read_capture as read_capture

logger = logging.getLogger(__name__)

# Headers that described the bytes on the wire, not the payload as stored (Scrapy hands it over
# de-chunked, and decoded when HttpCompressionMiddleware could): kept under this prefix, the
# one pywb and other replay tools use for an original header they must not act on.
ORIG_HEADER_PREFIX = "X-Archive-Orig-"
_TRANSFER_ENCODING = "transfer-encoding"
_CONTENT_LENGTH = "content-length"
_RESPONSE_TYPE = "application/http; msgtype=response"
_REQUEST_TYPE = "application/http; msgtype=request"
_IDENTICAL_PAYLOAD_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
_NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


class WarcWriteError(OSError):
    """A record could not be written; nothing of it is left where a pointer could lead.

    `errno`, `strerror` and `filename` (the WARC file's full path) are the failed call's;
    `kept_file` is False when the file could not be cut back and was closed (the next record
    goes to a new file).
    """

    def __init__(self, cause: OSError, path: Path, *, kept_file: bool = True) -> None:
        code = cause.errno if cause.errno is not None else errno.EIO
        super().__init__(code, cause.strerror or os.strerror(code), str(path))
        self.kept_file = kept_file

    def describe(self) -> str:
        """`no space left on device writing /data/warc/x.warc.gz`: one line for an operator."""
        reason = os.strerror(self.errno) if self.errno else str(self.strerror)
        return f"{reason[:1].lower()}{reason[1:]} writing {self.filename}"


# Errors after which every further record would fail too: the crawl stops rather than fetch
# pages it cannot keep.
FATAL_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG})


@dataclass(frozen=True)
class WarcRef:
    """Where a response record lives: file (relative to the data dir), offset and length."""

    file: str
    offset: int
    length: int
    payload_digest: str


@dataclass(frozen=True)
class RefersTo:
    """The earlier capture a revisit record refers to: its target URI, WARC-Date, record id
    (None when unknown) and payload digest."""

    uri: str
    date: str
    record_id: str | None = None
    digest: str | None = None


# Compressors for the per-record gzip members: (module, lowest level, highest, default).
# Measured on 214 KB news pages: ISA-L (Intel's igzip, through python-isal) at level 2 takes
# ~0.19 ms a page, zlib ~0.9 ms at level 3 and ~2.5 ms at 9 (warcio's choice), for files ~7%
# larger than zlib 3. The crawl process pays this for every response, on the cores extraction
# needs too. Both write standard gzip: any WARC reader (warcio, zcat) reads either.
COMPRESSORS: dict[str, tuple[Any, int, int, int]] = {
    "isal": (isal_zlib, 0, 3, 2),
    "zlib": (zlib, 1, 9, 6),
}
DEFAULT_COMPRESSOR = "isal"


def compressor_level(compressor: str, level: int | None) -> int:
    """The level to use (the compressor's default for None); ValueError names what is wrong."""
    if compressor not in COMPRESSORS:
        names = ", ".join(sorted(COMPRESSORS))
        raise ValueError(f"unknown WARC compressor {compressor!r} (choose one of: {names})")
    _, low, high, default = COMPRESSORS[compressor]
    if level is None:
        return default
    if not low <= level <= high:
        raise ValueError(
            f"WARC compression level for {compressor} must be {low}..{high}, got {level}"
        )
    return level


def _digest(*parts: bytes) -> str:
    """A WARC digest of the concatenated parts: sha1, base32 (as warcio writes and checks)."""
    sha1 = hashlib.sha1()
    for part in parts:
        sha1.update(part)
    return "sha1:" + base64.b32encode(sha1.digest()).decode("ascii")


# A request record's payload (a GET has none): warcio records its digest too.
_EMPTY_DIGEST = _digest(b"")


def _record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def _gzip_member(
    fields: list[tuple[str, str]],
    content_type: str,
    head: bytes,
    payload: bytes,
    compressor: str,
    level: int,
) -> bytes:
    """One WARC 1.1 record as its own gzip member: the named header `fields`, then the block
    digest, Content-Type and Content-Length, then the block (`head` + `payload`).

    Serialised here rather than by warcio's writer, which digests and copies the payload in
    16 KB pieces through Python: ~0.5 ms more per page on the reactor's thread (measured on
    the bench corpus, 1.2 vs 0.7 ms a response + request pair). The records are the ones warcio
    writes (same fields and digests; tests/test_warc.py checks that warcio reads and verifies
    them, and compares them with its own).
    """
    fields = [
        *fields,
        ("WARC-Block-Digest", _digest(head, payload)),
        ("Content-Type", content_type),
        ("Content-Length", str(len(head) + len(payload))),
    ]
    warc_head = "WARC/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields)
    module = COMPRESSORS[compressor][0]
    packer = module.compressobj(level, module.DEFLATED, zlib.MAX_WBITS + 16)
    parts = (warc_head.encode("utf-8") + b"\r\n", head, payload, b"\r\n\r\n")
    return b"".join([*map(packer.compress, parts), packer.flush()])


_HOST_UNSAFE = re.compile(r"[^A-Za-z0-9.]+")


def warc_file_name(prefix: str, moment: datetime, host: str, writer_id: str, serial: int) -> str:
    """`<prefix>-<UTC time>-<host>-<writer id>-<serial>.warc.gz`: unique across machines.

    The time comes first so names sort by it; the host (made file-name safe, at most 40
    characters) says where a file was written; the writer's random id keeps two crawls on one
    host apart even if their clocks and host names agree (containers share both).
    """
    stamp = moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    safe_host = _HOST_UNSAFE.sub("_", host).strip("_.")[:40] or "host"
    return f"{prefix}-{stamp}-{safe_host}-{writer_id}-{serial:05d}.warc.gz"


class WarcWriter:
    """Appends request/response pairs to `<data_dir>/warc/*.warc.gz`, one gzip member a record.

    Each file starts with a warcinfo record and is closed once it reaches `max_bytes`; names
    (`warc_file_name`) carry the start time, the host, a random id of the writer and a serial,
    so crawls on any number of machines never share a name, and names sort by time.
    Thread-safe: records are built and compressed outside the lock (compressors and hashlib
    release the GIL, so callers in threads overlap), only the append and its offset are
    serialised.

    A returned offset is always the start of a record written completely to the OS (Heritrix's
    rule: no pointer to a record it has not finished). A failed write (a full disk) cuts the
    file back to where the record began, so the next record starts there and the tracked size
    stays the file's; if the file cannot be cut, it is closed and the next record goes to a new
    one. Either way the write raises WarcWriteError.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        max_bytes: int,
        prefix: str = "newsarchive",
        compressor: str = DEFAULT_COMPRESSOR,
        compress_level: int | None = None,
        on_closed: Callable[[Path], None] | None = None,
    ) -> None:
        self.compressor = compressor
        # Called with each file's path once it is closed (crawler/warc_store.py uploads it).
        self.on_closed = on_closed
        self.compress_level = compressor_level(compressor, compress_level)
        self.data_dir = data_dir
        self.directory = data_dir / "warc"
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._serial = 0
        self._writer_id = secrets.token_hex(4)
        # Unbuffered: each write reaches the OS or fails, so no bytes of a failed record wait
        # in a buffer to be written after the next one.
        self._fh: FileIO | None = None
        self._size = 0  # bytes in the current file, all of them complete records
        self._name = ""
        self._lock = threading.Lock()

    def _open(self) -> None:
        self._serial += 1
        self._name = warc_file_name(
            self.prefix, datetime.now(UTC), socket.gethostname(), self._writer_id, self._serial
        )
        path = self.directory / self._name
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._fh = open(path, "ab", buffering=0)  # noqa: SIM115 (kept open across calls)
            # Held while the file is open: an uploader never takes a file still being written.
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._size = os.fstat(self._fh.fileno()).st_size
        except OSError as exc:
            self._fh = None
            raise WarcWriteError(exc, path, kept_file=False) from exc
        fields = [
            ("WARC-Type", "warcinfo"),
            ("WARC-Record-ID", _record_id()),
            ("WARC-Filename", self._name),
            ("WARC-Date", _warc_date(datetime.now(UTC))),
        ]
        info = f"software: newsarchive/{__version__}\r\nformat: WARC/1.1\r\n".encode()
        try:
            self._append(self._member(fields, "application/warc-fields", b"", info))
        except WarcWriteError:
            # A file without its warcinfo record is not started again: the next record opens
            # a new one.
            self._close_file()
            if self._size == 0:
                path.unlink(missing_ok=True)
            raise

    def _member(
        self, fields: list[tuple[str, str]], content_type: str, head: bytes, payload: bytes
    ) -> bytes:
        return _gzip_member(
            fields, content_type, head, payload, self.compressor, self.compress_level
        )

    def _append(self, *parts: bytes) -> int:
        """Write `parts` at the end of the file and return where they start; on an error, cut
        the file back to that start (or give it up) and raise WarcWriteError."""
        fh = self._fh
        assert fh is not None
        start = self._size
        try:
            for part in parts:
                view = memoryview(part)
                while view:
                    # A raw file may write less than asked (a nearly full disk): the rest
                    # follows, or the next call raises.
                    written = fh.write(view)
                    if not written:
                        raise OSError(errno.EIO, "the file took no bytes")
                    view = view[written:]
        except OSError as exc:
            kept = self._cut_back(start)
            raise WarcWriteError(exc, self.directory / self._name, kept_file=kept) from exc
        self._size = start + sum(map(len, parts))
        return start

    def _cut_back(self, size: int) -> bool:
        """Truncate the current file to `size` (its last complete record); if that fails, close
        it so the next record starts a new file. True when the file is kept."""
        fh = self._fh
        assert fh is not None
        try:
            os.ftruncate(fh.fileno(), size)
            os.lseek(fh.fileno(), size, os.SEEK_SET)
            if os.fstat(fh.fileno()).st_size != size:
                raise OSError(errno.EIO, "file size differs after truncation")
        except OSError as exc:
            logger.error(
                "cannot cut %s back to its last complete record at %d (%s); "
                "the next record goes to a new file",
                self.directory / self._name,
                size,
                exc,
            )
            self._close_file()
            return False
        return True

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
        digest = _digest(body)
        head = _response_head(status, reason, response_headers, len(body))
        fields = [("WARC-Payload-Digest", digest)]
        return self._write_pair(
            "response", url, fetched_at, fields, head, body, method, request_headers, digest
        )

    def write_revisit(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        digest: str,
        refers_to_uri: str,
        refers_to_date: str,
        fetched_at: datetime,
    ) -> WarcRef:
        """A revisit record (the response head, no payload) and its request record.

        WARC 1.1, 6.7.2: the payload is identical to the one of the record of `refers_to_uri`
        at `refers_to_date`, so only this response's HTTP head is kept.
        """
        head = _response_head(status, reason, response_headers, None)
        fields = [
            ("WARC-Profile", _IDENTICAL_PAYLOAD_PROFILE),
            ("WARC-Refers-To-Target-URI", refers_to_uri),
            ("WARC-Refers-To-Date", refers_to_date),
            ("WARC-Payload-Digest", digest),
        ]
        return self._write_pair(
            "revisit", url, fetched_at, fields, head, b"", method, request_headers, digest
        )

    def write_not_modified(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        fetched_at: datetime,
        refers_to: RefersTo | None,
    ) -> WarcRef:
        """A 304 answer as a revisit record (server-not-modified profile, WARC 1.1, 6.7.3) and
        its request record.

        The block is the 304's HTTP head. When the archive knows the capture the validators
        came from (`refers_to`), the record names it (target URI, date, record id) and carries
        its payload digest: replay tools find the payload by that URI, date and digest. The
        returned ref's digest is that payload's, or None when nothing is known.
        """
        head = _response_head(status, reason, response_headers, None)
        fields = [("WARC-Profile", _NOT_MODIFIED_PROFILE)]
        digest = None
        if refers_to is not None:
            if refers_to.record_id:
                fields.append(("WARC-Refers-To", refers_to.record_id))
            fields += [
                ("WARC-Refers-To-Target-URI", refers_to.uri),
                ("WARC-Refers-To-Date", refers_to.date),
            ]
            if refers_to.digest:
                digest = refers_to.digest
                fields.append(("WARC-Payload-Digest", digest))
        ref = self._write_pair(
            "revisit", url, fetched_at, fields, head, b"", method, request_headers, digest or ""
        )
        return WarcRef(ref.file, ref.offset, ref.length, digest or "")

    def _write_pair(
        self,
        kind: str,
        url: str,
        fetched_at: datetime,
        fields: list[tuple[str, str]],
        head: bytes,
        payload: bytes,
        method: str,
        request_headers: list[tuple[str, str]],
        digest: str,
    ) -> WarcRef:
        """Append a `kind` record of the response (`fields` after its type, id, URI and date)
        and its request record; return where the former is.

        Both are built and compressed outside the lock; only the append is serialised.
        """
        warc_date = _warc_date(fetched_at)
        record_id = _record_id()
        named = [
            ("WARC-Type", kind),
            ("WARC-Record-ID", record_id),
            ("WARC-Target-URI", url),
            ("WARC-Date", warc_date),
        ]
        member = self._member([*named, *fields], _RESPONSE_TYPE, head, payload)
        request_fields = [
            ("WARC-Type", "request"),
            ("WARC-Record-ID", _record_id()),
            ("WARC-Target-URI", url),
            ("WARC-Date", warc_date),
            ("WARC-Concurrent-To", record_id),
            ("WARC-Payload-Digest", _EMPTY_DIGEST),
        ]
        line = f"{method} {_path_of(url)} HTTP/1.1"
        request_head = StatusAndHeaders(line, request_headers, is_http_request=True)
        request = self._member(request_fields, _REQUEST_TYPE, request_head.to_ascii_bytes(), b"")
        with self._lock:
            if self._fh is None or self._size >= self.max_bytes:
                self._close_file()
                self._open()
            # One append for the pair: a request record never outlives its response's failure.
            offset = self._append(member, request)
            return WarcRef(f"warc/{self._name}", offset, len(member), digest)

    def close(self) -> None:
        with self._lock:
            self._close_file()

    def sync_handle(self) -> int | None:
        """A new descriptor of the current file, for `sync_and_close` in another thread: the
        records written so far reach the disk before the archive points at them (a power loss
        must not leave committed pointers to bytes that were only in the page cache). A file
        is also synced when it is closed (rotation, end of crawl)."""
        with self._lock:
            return os.dup(self._fh.fileno()) if self._fh is not None else None

    def _close_file(self) -> None:
        fh, self._fh = self._fh, None
        if fh is not None:
            try:
                os.fsync(fh.fileno())
                fh.close()
            except OSError as exc:  # nothing is buffered: every record was written already
                logger.warning("closing %s: %s", self.directory / self._name, exc)
            if self.on_closed is not None and self._size:
                self.on_closed(self.directory / self._name)


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _response_head(
    status: int, reason: str, headers: list[tuple[str, str]], length: int | None
) -> bytes:
    """The HTTP head as stored, with the stored payload's length (`None`: a revisit record,
    which stores no payload); non-ASCII values %-encoded (warcio).

    `headers` are the response's as it reaches the capture: a Content-Encoding still there
    still applies to the stored bytes and is kept. Transfer-Encoding (the payload is stored
    de-chunked) and a Content-Length other than the stored length are kept under
    ORIG_HEADER_PREFIX, as is the Content-Encoding the capture was told was decoded (the
    caller passes it as `X-Archive-Orig-Content-Encoding`).
    """
    kept: list[tuple[str, str]] = []
    for name, value in headers:
        lowered = name.lower()
        if lowered == _TRANSFER_ENCODING or (
            lowered == _CONTENT_LENGTH and length is not None and value.strip() != str(length)
        ):
            kept.append((ORIG_HEADER_PREFIX + name, value))
        elif lowered != _CONTENT_LENGTH:
            kept.append((name, value))
    if length is not None:
        kept.append(("Content-Length", str(length)))
    line = f"{status} {reason}".strip()
    return bytes(StatusAndHeaders(line, kept, protocol="HTTP/1.1").to_ascii_bytes())


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
