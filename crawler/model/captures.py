"""The raw-capture writer as the store sees it: a crawl registers its WARC writer here
(crawler/warc.py implements it) and the store syncs it to disk before each batch."""

from __future__ import annotations

import os
from typing import Protocol, runtime_checkable


@runtime_checkable
class CaptureWriter(Protocol):
    """What the store needs of the crawl's WARC writer."""

    def sync_handle(self) -> int | None:
        """A new descriptor of the current file for `sync_and_close`, None when none is open."""
        ...


def sync_and_close(fd: int) -> None:
    """fsync a descriptor from `CaptureWriter.sync_handle` and close it (blocking: in a thread)."""
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_WRITER_ATTRIBUTE = "_newsarchive_warc_writer"


def register_writer(crawler: object, writer: CaptureWriter) -> None:
    """Make the crawl's WARC writer known to the store, which syncs it before each batch."""
    setattr(crawler, _WRITER_ATTRIBUTE, writer)


def writer_of(crawler: object) -> CaptureWriter | None:
    found = getattr(crawler, _WRITER_ATTRIBUTE, None)
    return found if isinstance(found, CaptureWriter) else None
