"""WARC files in object storage, through fsspec: written locally, uploaded once closed, read back
with range reads.

`NEWSARCHIVE_WARC_STORE` names the store (`s3://bucket/prefix`, `gs://…`, any fsspec URL; unset:
local files only, the default). A crawl writes each WARC file in `<data dir>/warc/` as always;
once the file is closed (rotation, end of crawl) a background thread uploads it to
`<store>/warc/<name>` and, the upload checked by size, deletes the local copy. The archive's
pointers (`warc/<name>`, offset, length) stay the same: a reader opens the local file if it is
still there, else the stored object, and reads only the blocks around the record (HTTP range
requests). A crawl killed before its upload leaves the file behind; `upload_leftovers` (run by
each `newsarchive worker` at start) uploads every file no process is writing any more.

Whether a file is being written is an flock: the writer holds an exclusive one on each file
while it is open (crawler/warc.py), and the kernel drops it when the writer dies.

The store's credentials and endpoint are fsspec's and the library's own (for S3: the AWS_*
variables, and `FSSPEC_S3_ENDPOINT_URL` for an S3-compatible server).
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

from crawler.locks import file_locked
from crawler.model.warcread import filesystem

logger = logging.getLogger(__name__)


def in_use(path: Path) -> bool:
    """True while a writer holds the file open (its exclusive flock)."""
    return file_locked(path)


def upload(data_dir: Path, file: str, store: str) -> None:
    """Copy `<data_dir>/<file>` to `<store>/<file>`, check its size there, delete the local copy."""
    local = data_dir / file
    fs, root = filesystem(store)
    target = f"{root}/{file}"
    size = local.stat().st_size
    fs.put_file(str(local), target)
    stored = fs.size(target)
    if stored != size:
        raise OSError(f"{target}: {stored} bytes stored of {size}")
    local.unlink()


def upload_leftovers(data_dir: Path, store: str) -> list[str]:
    """Upload the closed WARC files a killed crawl left in `<data_dir>/warc`; their names."""
    done: list[str] = []
    folder = data_dir / "warc"
    if not folder.is_dir():
        return done
    for path in sorted(folder.glob("*.warc.gz")):
        if in_use(path):
            continue
        file = f"warc/{path.name}"
        try:
            upload(data_dir, file, store)
        except OSError as exc:
            logger.warning("cannot upload %s to %s: %s", path, store, exc)
            continue
        done.append(file)
    return done


class WarcUploader:
    """Uploads closed WARC files in a thread of its own (the crawl never waits for the store);
    `close()` waits for the uploads queued so far."""

    def __init__(self, data_dir: Path, store: str) -> None:
        self.data_dir = data_dir
        self.store = store
        self.failed: list[str] = []
        self._queue: queue.Queue[Path | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="warc-upload", daemon=True)
        self._thread.start()

    def submit(self, path: Path) -> None:
        self._queue.put(path)

    def _run(self) -> None:
        while (path := self._queue.get()) is not None:
            file = f"warc/{path.name}"
            try:
                upload(self.data_dir, file, self.store)
            except Exception as exc:  # kept locally; the next worker start uploads it
                logger.warning("cannot upload %s to %s: %s", path, self.store, exc)
                self.failed.append(file)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
