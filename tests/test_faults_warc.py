"""WARC under faults: a full disk never leaves a pointer to a partial record, stops the crawl
loudly, and `newsarchive verify` reads every pointer of an archive back."""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import errno
import gzip
import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import delete, select, update
from twisted.python.failure import Failure
from warcio.archiveiterator import ArchiveIterator

import crawler.model.failures
from crawler.demoweb import DemoWeb
from crawler.demoweb.content import articles_for
from crawler.middlewares import WARC_META_KEY, WarcCaptureMiddleware
from crawler.model.failures import failures_of
from crawler.verify import verify_archive
from crawler.warc import WarcRef, WarcWriter
from db.engine import ensure_schema, make_engine
from db.models import Article, CrawlRun, Fetch
from db.store import store_batch
from spiders.errors import CaptureNotKept
from spiders.generic import GenericSpider
from tests.factories import (
    TAGESBLICK,
    fetch_record,
    loopback_settings,
    run_test_crawl,
    warc_fields,
    write_page,
)

REPO = Path(__file__).resolve().parent.parent
WHEN = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _body(i: int) -> bytes:
    """Page bodies of crawl-like sizes (a few hundred bytes to ~300 KB), each its own."""
    words = f"Absatz {i} über die Ratssitzung, Seite {i * 7919 % 1000}. ".encode()
    return b"<html><body><p>" + words * (1 + (i * 2654435761) % 6000) + b"</p></body></html>"


def _write(writer: WarcWriter, i: int) -> WarcRef:
    return write_page(
        writer,
        f"http://127.0.0.1/artikel/{i}.html",
        _body(i),
        WHEN,
        request_headers=[("User-Agent", "newsarchive-test")],
        response_headers=[("Content-Type", "text/html; charset=utf-8")],
    )


def _record_at(data_dir: Path, ref: WarcRef) -> tuple[str, str, bytes]:
    """(type, URI, payload) of the one record in the pointer's bytes, digests checked."""
    with open(data_dir / ref.file, "rb") as fh:
        fh.seek(ref.offset)
        member = fh.read(ref.length)
    assert len(member) == ref.length
    records = []
    for record in ArchiveIterator(io.BytesIO(member), check_digests="raise"):
        uri = record.rec_headers.get_header("WARC-Target-URI")
        records.append((record.rec_type, uri, record.content_stream().read()))
    assert len(records) == 1, records
    return records[0]


class _FillingDisk:
    """The WARC file on a disk that fills up once: write number `short_at` writes only half its
    bytes (what still fits), the next one fails with ENOSPC, later ones succeed (space came
    back), as a nearly full disk behaves."""

    def __init__(self, raw: Any, state: dict[str, int]) -> None:
        self.raw = raw
        self.state = state

    def write(self, data: Any) -> int:
        self.state["calls"] += 1
        call = self.state["calls"]
        if call == self.state["short_at"]:
            half = bytes(data)[: len(data) // 2]
            self.raw.write(half)
            self.raw.flush()
            return len(half)
        if call == self.state["short_at"] + 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self.raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _filling_disk(monkeypatch: pytest.MonkeyPatch, short_at: int) -> dict[str, int]:
    state = {"calls": 0, "short_at": short_at}

    def opener(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return _FillingDisk(builtins.open(path, mode, *args, **kwargs), state)

    monkeypatch.setattr("crawler.warc.open", opener, raising=False)
    return state


@pytest.mark.parametrize("short_at", [1, 6, 7])
def test_a_full_disk_leaves_no_pointer_to_a_partial_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_at: int
) -> None:
    """Space runs out in the middle of a record (a response or its request record), then
    comes back: every pointer handed out reads back its own record, and the file holds exactly
    the records handed out, so a reader of the whole file is not derailed either."""
    _filling_disk(monkeypatch, short_at)
    writer = WarcWriter(tmp_path, max_bytes=10_000_000)
    refs: dict[int, WarcRef] = {}
    failed = []
    for i in range(16):
        try:
            refs[i] = _write(writer, i)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
            failed.append(i)
    writer.close()
    assert len(failed) == 1  # the page whose record was cut short gets no pointer
    for i, ref in refs.items():
        kind, uri, payload = _record_at(tmp_path, ref)
        assert (kind, uri) == ("response", f"http://127.0.0.1/artikel/{i}.html")
        assert payload == _body(i)
    (path,) = (tmp_path / "warc").iterdir()
    with path.open("rb") as fh:
        stored = [
            r.rec_headers.get_header("WARC-Target-URI")
            for r in ArchiveIterator(fh, check_digests="raise")
            if r.rec_type == "response"
        ]
    assert stored == [f"http://127.0.0.1/artikel/{i}.html" for i in refs]


def test_a_file_that_cannot_be_cut_back_is_left_for_a_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filling_disk(monkeypatch, short_at=6)

    def broken_truncate(fd: int, size: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "ftruncate", broken_truncate)
    writer = WarcWriter(tmp_path, max_bytes=10_000_000)
    refs = {}
    for i in range(8):
        with contextlib.suppress(OSError):
            refs[i] = _write(writer, i)
    writer.close()
    assert len(refs) == 7
    files = sorted({ref.file for ref in refs.values()})
    assert len(files) == 2  # the records after the failure went to a fresh file
    for i, ref in refs.items():
        assert _record_at(tmp_path, ref)[1:] == (f"http://127.0.0.1/artikel/{i}.html", _body(i))


class _FullWriter(WarcWriter):
    def _write_pair(self, *args: Any, **kwargs: Any) -> WarcRef:
        from crawler.warc import WarcWriteError

        cause = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise WarcWriteError(cause, self.directory / "newsarchive-x.warc.gz")


def test_a_capture_that_cannot_be_written_fails_the_crawl_and_is_not_passed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stops: list[Any] = []
    monkeypatch.setattr(crawler.model.failures, "_close_spider", stops.append)
    scrapy_crawler = get_crawler(GenericSpider)
    middleware = WarcCaptureMiddleware(_FullWriter(tmp_path, max_bytes=1000), scrapy_crawler)
    url = "http://127.0.0.1/artikel.html"
    request = Request(url)
    response = HtmlResponse(url, body=b"<p>Text</p>", request=request)
    with pytest.raises(CaptureNotKept) as caught:
        asyncio.run(middleware.process_response(request, response))
    assert WARC_META_KEY not in request.meta  # no pointer for the page
    (entry,) = failures_of(scrapy_crawler).entries.values()
    where = tmp_path / "warc" / "newsarchive-x.warc.gz"
    assert (entry.kind, entry.message) == ("warc", f"no space left on device writing {where}")
    assert entry.pages == [url]
    assert stops == [scrapy_crawler]  # a full disk stops the crawl
    assert scrapy_crawler.stats.get_value("archive/warc/write_error") == 1

    # The spider makes no fetch record of it: no row without its raw capture.
    spider = GenericSpider.from_crawler(get_crawler(GenericSpider), url=url)
    try:
        raise caught.value
    except CaptureNotKept:
        failure = Failure()
    failure.request = request  # type: ignore[attr-defined]  # as Scrapy sets it
    assert list(spider.on_error(failure)) == []


# --- a real crawl onto a disk that fills up ---------------------------------------------------

FAST = loopback_settings(
    CONCURRENT_REQUESTS_PER_DOMAIN="4",
    DOWNLOAD_TIMEOUT="3",
    RETRY_TIMES="1",
    NEWSARCHIVE_EXTRACT_WORKERS="1",
)
# A whole crawl of the demo site writes ~60 KB of WARC: this much fills up half-way.
DISK_BYTES = 24 * 1024

# Where `mount` is not allowed: the same disk simulated inside the crawl process, through a
# module Python imports at start-up.
_SIMULATED_DISK = textwrap.dedent(
    """
    import builtins, errno, os
    import crawler.warc

    LEFT = [int(os.environ["NEWSARCHIVE_TEST_WARC_DISK_BYTES"])]

    class _Disk:
        def __init__(self, raw):
            self.raw = raw

        def write(self, data):
            if LEFT[0] <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            fits = bytes(data)[: LEFT[0]]
            LEFT[0] -= len(fits)
            return self.raw.write(fits)

        def __getattr__(self, name):
            return getattr(self.raw, name)

    def _open(path, mode="r", *args, **kwargs):
        return _Disk(builtins.open(path, mode, *args, **kwargs))

    crawler.warc.open = _open
    """
)


@pytest.fixture(scope="module")
def web() -> Iterator[DemoWeb]:
    with DemoWeb(slow_seconds=8.0) as demo:
        yield demo


class _SmallDisk:
    """The WARC folder on a tmpfs of `size` bytes (as root), or a simulated one."""

    def __init__(self, warc_dir: Path, scratch: Path) -> None:
        self.warc_dir = warc_dir
        self.env: dict[str, str] = {}
        self.mounted = False
        warc_dir.mkdir(parents=True)
        mount = ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(warc_dir)]
        try:
            done = subprocess.run(mount, capture_output=True, check=False, timeout=30)
            self.mounted = done.returncode == 0
        except OSError:
            pass
        if not self.mounted:
            scratch.mkdir()
            (scratch / "sitecustomize.py").write_text(_SIMULATED_DISK)
            path = os.pathsep.join([str(scratch), str(REPO), os.environ.get("PYTHONPATH", "")])
            self.env = {"PYTHONPATH": path, "NEWSARCHIVE_TEST_WARC_DISK_BYTES": str(DISK_BYTES)}

    def grow(self) -> None:
        """Space comes back, the files written so far stay."""
        if self.mounted:
            remount = ["mount", "-o", "remount,size=64m", str(self.warc_dir)]
            subprocess.run(remount, check=True, capture_output=True, timeout=30)
        self.env = {}

    def remove(self) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.warc_dir)], check=False, timeout=30)


@pytest.mark.e2e
def test_a_crawl_onto_a_full_disk_stops_failed_and_the_next_run_fetches_what_was_lost(
    web: DemoWeb, tmp_path: Path, database_url: str
) -> None:
    data_dir = tmp_path / "data"
    disk = _SmallDisk(data_dir / "warc", tmp_path / "simulated")
    url = web.base_url("tagesblick")

    def crawl() -> subprocess.CompletedProcess[str]:
        return run_test_crawl(
            "generic",
            url,
            data_dir,
            database_url,
            settings=FAST,
            spider_args=TAGESBLICK,
            env=disk.env,
        )

    try:
        full = crawl()
        assert full.returncode == 1, full.stderr[-3000:]
        lines = [ln for ln in full.stderr.splitlines() if ln.startswith("newsarchive: ")]
        reason = f"warc: no space left on device writing {data_dir / 'warc'}/"
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"newsarchive: crawl failed: {reason}"), lines
        engine = make_engine(database_url)
        with engine.connect() as conn:
            run = conn.execute(select(CrawlRun)).one()
            responses = conn.execute(select(Fetch).where(Fetch.status > 0)).all()
        assert run.outcome == "failed"
        assert run.stats["archive/failure/summary"].startswith(reason)
        assert (run.finish_reason or "").startswith("warc: no space left on device")
        # Every page the archive holds has its raw capture, and each pointer reads back.
        assert responses and all(f.warc_file for f in responses)
        report = verify_archive(engine, data_dir)
        assert (report.checked, report.bad, report.missing_files) == (len(responses), [], [])

        # Space comes back: the next run fetches what the full disk lost.
        disk.grow()
        again = crawl()
        assert again.returncode == 0, again.stderr[-3000:]
        with engine.connect() as conn:
            paths = {urlsplit(u).path for u in conn.execute(select(Article.url)).scalars()}
        assert paths == {a.path for a in articles_for("tagesblick")}
        assert verify_archive(engine, data_dir).ok
        engine.dispose()
    finally:
        disk.remove()


# --- newsarchive verify -----------------------------------------------------------------------


def _archive(data_dir: Path, database_url: str) -> list[WarcRef]:
    """Six captures in two WARC files, their fetches stored; the last fetch is a revisit of an
    alias URL, pointing at the first capture (as a revisit record's fetch does)."""
    writer = WarcWriter(data_dir, max_bytes=2 * len(gzip.compress(_body(0))))
    refs = [_write(writer, i) for i in range(6)]
    writer.close()
    assert len({r.file for r in refs}) >= 2
    records = [
        fetch_record(
            f"http://127.0.0.1/artikel/{i}.html",
            "tagesblick",
            WHEN + timedelta(minutes=i),
            site_name="Tagesblick",
            kind="discovery",
            outcome="discovery",
            **warc_fields(ref),
        )
        for i, ref in enumerate(refs)
    ]
    alias = "http://127.0.0.1/artikel/0-alias.html"
    records.append(replace(records[0], url=alias, requested_url=alias, fetched_at=WHEN))
    engine = make_engine(database_url)
    ensure_schema(engine)
    store_batch(engine, None, records)
    engine.dispose()
    return refs


def _verify(data_dir: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database_url}
    return subprocess.run(
        [str(Path(sys.executable).parent / "newsarchive"), "verify", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_verify_passes_a_good_archive(tmp_path: Path, database_url: str) -> None:
    refs = _archive(tmp_path, database_url)
    done = _verify(tmp_path, database_url)
    assert done.returncode == 0, done.stdout + done.stderr
    files = len({r.file for r in refs})
    assert f"checked 7 pointers (6 records in {files} files, 0 missing)" in done.stdout
    assert done.stdout.strip().endswith("all good")
    engine = make_engine(database_url)
    report = verify_archive(engine, tmp_path, site="tagesblick", since=WHEN + timedelta(minutes=3))
    engine.dispose()
    assert (report.checked, report.bad) == (3, [])


def test_verify_names_every_bad_pointer(tmp_path: Path, database_url: str) -> None:
    refs = _archive(tmp_path, database_url)
    # One byte flipped inside the second record; the last file cut short inside its last record.
    path = tmp_path / refs[1].file
    raw = bytearray(path.read_bytes())
    raw[refs[1].offset + refs[1].length // 2] ^= 0x20
    path.write_bytes(bytes(raw))
    last = tmp_path / refs[-1].file
    last.write_bytes(last.read_bytes()[: refs[-1].offset + refs[-1].length - 10])
    engine = make_engine(database_url)
    with engine.connect() as conn:
        ids = dict(conn.execute(select(Fetch.url, Fetch.id)).all())
    report = verify_archive(engine, tmp_path)
    engine.dispose()
    bad = {(b.fetch_id, b.url) for b in report.bad}
    assert bad == {(ids[u], u) for u in ("http://127.0.0.1/artikel/1.html",
                                          "http://127.0.0.1/artikel/5.html")}  # fmt: skip
    assert report.checked == 7 and report.missing_files == []

    done = _verify(tmp_path, database_url)
    assert done.returncode == 1, done.stdout + done.stderr
    listed = [ln for ln in done.stdout.splitlines() if ln.startswith("bad: ")]
    assert len(listed) == 2
    assert f"bad: fetch {ids['http://127.0.0.1/artikel/1.html']} " in listed[0]
    assert "artikel/5.html" in listed[1] and "2 bad" in done.stdout

    # A missing file: each of its pointers is bad, the file is named once.
    (tmp_path / refs[0].file).unlink()
    done = _verify(tmp_path, database_url, "--json")
    assert done.returncode == 1
    found = json.loads(done.stdout)
    assert found["missing_files"] == [refs[0].file]
    assert sum(1 for b in found["bad"] if b["reason"] == "WARC file missing") >= 2


def test_verify_names_pointers_to_foreign_or_misplaced_records(
    tmp_path: Path, database_url: str
) -> None:
    """What the full disk did to pointers: one leads to another page's record (whose own fetch
    was never stored), one into the middle of a record; and a fetch whose payload digest is
    not its record's."""
    refs = _archive(tmp_path, database_url)
    url = "http://127.0.0.1/artikel/{}.html".format
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for n, file, offset, length in (
            (3, refs[2].file, refs[2].offset, refs[2].length),
            (4, refs[4].file, refs[4].offset + 7, refs[4].length),
        ):
            conn.execute(
                update(Fetch)
                .where(Fetch.url == url(n))
                .values(warc_file=file, warc_offset=offset, warc_length=length)
            )
        conn.execute(delete(Fetch).where(Fetch.url == url(2)))
        conn.execute(
            update(Fetch).where(Fetch.url == url(5)).values(payload_digest=refs[0].payload_digest)
        )
    report = verify_archive(engine, tmp_path)
    engine.dispose()
    reasons = {b.url: b.reason for b in report.bad}
    assert set(reasons) == {url(3), url(4), url(5)}
    assert reasons[url(3)] == f"the record is of {url(2)}"
    assert reasons[url(4)].startswith("unreadable")
    assert reasons[url(5)].startswith("the archive's payload digest")
    assert report.checked == 6


def test_verify_creates_nothing_and_names_the_missing_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "nowhere"
    done = _verify(data_dir, "")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"newsarchive: no archive at {data_dir.resolve() / 'archive.sqlite'} "
        "(set DATABASE_URL or NEWSARCHIVE_DATA_DIR)"
    )
    assert not data_dir.exists()
