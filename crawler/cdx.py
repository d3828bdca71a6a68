"""A CDXJ index of WARC files: the lookup table replay tools (pywb, and others that read
webrecorder's format) use to find a URL's captures.

One line per `response` and `revisit` record: `<SURT urlkey> <14-digit timestamp> <JSON>`, the
JSON holding `url`, `mime`, `status`, `digest`, `length`, `offset` and `filename` (values as
webrecorder's cdxj-indexer writes them: strings, `mime` without parameters, `warc/revisit` for
a revisit), lines sorted as bytes. `filename` is the file's name within the WARC folder, the
layout of a pywb collection's `archive/` folder.

Each file is indexed on its own and sorted in memory (a rotated file holds some thousand
records), then the files' sorted runs are merged from temporary files: memory stays bounded by
the largest file, whatever the archive's size. With object storage (NEWSARCHIVE_WARC_STORE),
the archive's files are those still in the data directory and those uploaded; an uploaded file
is read from the store as one sequential stream.
"""

from __future__ import annotations

import heapq
import json
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

import surt
from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_timestamp

from crawler.model.warcread import configured_store, filesystem, open_warc

INDEXED_TYPES = ("response", "revisit")
_MIME_END = re.compile(r"[;\s]")


def url_key(url: str) -> str:
    """The SURT form of a URL, as pywb looks it up (`http://www.a.de/x?b=1&a=2` ->
    `de,a)/x?a=2&b=1`); the URL itself when it cannot be parsed."""
    try:
        return str(surt.surt(url))
    except Exception:  # surt raises whatever its parsers raise on a broken URL
        return url


def _mime(record: Any) -> str | None:
    if record.rec_type == "revisit":
        return "warc/revisit"
    value = record.http_headers.get_header("Content-Type") if record.http_headers else None
    return _MIME_END.split(value, 1)[0].strip() if value else None


def file_lines(path: Path, filename: str | None = None) -> list[str]:
    """The index lines of one local WARC file, sorted; `filename` as the lines name it (its
    name)."""
    with path.open("rb") as fh:
        return _lines(fh, filename or path.name)


def archived_file_lines(data_dir: Path, file: str) -> list[str]:
    """The index lines of the archive's WARC file `file` (`warc/<name>`, as the archive names
    it), sorted: read from the data directory or, once uploaded, from the store."""
    with open_warc(data_dir, file) as fh:
        return _lines(fh, PurePosixPath(file).name)


def _lines(fh: BinaryIO, name: str) -> list[str]:
    lines = []
    records = ArchiveIterator(fh)
    for record in records:
        if record.rec_type not in INDEXED_TYPES:
            continue
        uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
        date = str(record.rec_headers.get_header("WARC-Date") or "")
        fields: dict[str, str] = {"url": uri}
        mime = _mime(record)
        if mime:
            fields["mime"] = mime
        if record.http_headers and record.http_headers.get_statuscode():
            fields["status"] = str(record.http_headers.get_statuscode())
        digest = record.rec_headers.get_header("WARC-Payload-Digest")
        if digest:
            fields["digest"] = str(digest)
        records.read_to_end(record)
        fields["length"] = str(records.get_record_length())
        fields["offset"] = str(records.get_record_offset())
        fields["filename"] = name
        lines.append(f"{url_key(uri)} {iso_date_to_timestamp(date)} {json.dumps(fields)}\n")
    lines.sort()
    return lines


def archive_files(data_dir: Path) -> list[str]:
    """The archive's WARC files as it names them (`warc/<name>`), by name: those in the data
    directory's WARC folder and, with object storage configured, those uploaded to it."""
    names = {f"warc/{p.name}" for p in (data_dir / "warc").glob("*.warc.gz") if p.is_file()}
    store = configured_store()
    if store is not None:
        fs, root = filesystem(store)
        try:
            stored = fs.glob(f"{root}/warc/*.warc.gz")
        except FileNotFoundError:  # nothing uploaded yet
            stored = []
        except Exception as exc:  # the store's own errors: one kind for the callers
            raise OSError(f"cannot list {store}/warc: {exc}") from exc
        names.update(f"warc/{PurePosixPath(str(path)).name}" for path in stored)
    return sorted(names)


def write_index(files: Iterable[list[str]], out: IO[str]) -> int:
    """Write the merged, sorted index of the files' sorted lines (file_lines or
    archived_file_lines, one file at a time) to `out`; returns the number of lines."""
    count = 0
    with ExitStack() as stack:
        runs: list[Iterator[str]] = []
        for lines in files:
            run = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))
            run.writelines(lines)
            run.seek(0)
            runs.append(iter(run))
        for line in heapq.merge(*runs):
            out.write(line)
            count += 1
    return count
