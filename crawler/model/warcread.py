"""Reading a response record back from a WARC file, at the offset the archive points to: from
the local file, or from object storage (crawler/warc_store.py) once the file was uploaded."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

STORE_ENV = "NEWSARCHIVE_WARC_STORE"
# Bytes fetched per range request: a record's head, or a page of a few hundred KB, in one.
READ_BLOCK = 256 * 1024


def configured_store() -> str | None:
    """The store URL from the environment (the app config's NEWSARCHIVE_WARC_STORE), or None."""
    value = os.environ.get(STORE_ENV, "").strip()
    return value or None


def filesystem(store: str) -> tuple[Any, str]:
    """The fsspec filesystem of a store URL and the root path in it."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(store)
    return fs, str(root).rstrip("/")


def open_warc(data_dir: Path, file: str, store: str | None = None) -> BinaryIO:
    """Open the WARC file `file` (as the archive names it) for reading: the local copy if there
    is one, else the stored object (seekable; each read is a range request). OSError if
    neither exists."""
    local = data_dir / file
    store = store or configured_store()
    if store is None or local.exists():
        return open(local, "rb")
    fs, root = filesystem(store)
    try:
        handle: BinaryIO = fs.open(f"{root}/{file}", "rb", block_size=READ_BLOCK)
    except FileNotFoundError:
        raise
    except Exception as exc:  # the store's own errors: one kind for the callers
        raise OSError(f"cannot open {store}/{file}: {exc}") from exc
    return handle


@dataclass(frozen=True)
class Capture:
    """A response read back from a WARC file."""

    url: str
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    fetched_at: str  # WARC-Date
    # A 304's revisit record: the earlier capture it confirms (WARC-Refers-To-Target-URI and
    # WARC-Refers-To-Date), ("", "") when the crawl knew none; None for a response record.
    refers_to: tuple[str, str] | None = None


_ANSWERS = ("response", "revisit")


def read_capture(data_dir: Path, file: str, offset: int, *, revisits: bool = False) -> Capture:
    """Read the response record at `offset` of `file` (as stored in the archive); with
    `revisits`, a 304's revisit record there too (its head, an empty body and `refers_to`)."""
    kinds = _ANSWERS if revisits else _ANSWERS[:1]
    with open_warc(data_dir, file) as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type not in kinds:
                break
            http = record.http_headers
            head = record.rec_headers
            refers_to = None
            if record.rec_type == "revisit":
                refers_to = (
                    str(head.get_header("WARC-Refers-To-Target-URI") or ""),
                    str(head.get_header("WARC-Refers-To-Date") or ""),
                )
            return Capture(
                url=head.get_header("WARC-Target-URI"),
                status=int(http.get_statuscode()),
                headers={k.lower(): v for k, v in http.headers},
                body=record.content_stream().read(),
                fetched_at=head.get_header("WARC-Date"),
                refers_to=refers_to,
            )
    raise ValueError(f"no {' or '.join(kinds)} record at {file}:{offset}")


def read_response_block(data_dir: Path, file: str, offset: int) -> bytes:
    """The HTTP response stored in the response or revisit record at `offset` of `file`, as
    bytes: status line, headers, blank line, body (the block of the record, undecoded; a 304's
    revisit record holds the head only)."""
    with open_warc(data_dir, file) as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh, no_record_parse=True):
            if record.rec_type not in _ANSWERS:
                break
            return bytes(record.raw_stream.read())
    raise ValueError(f"no response or revisit record at {file}:{offset}")
