"""WARC files in object storage: uploaded once closed, read back by range for revisits,
re-extraction and verification; leftovers of a killed crawl uploaded later. Against a local
S3 server (moto, on 127.0.0.1), never a real bucket."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from crawler.cdx import archive_files, archived_file_lines, file_lines
from crawler.incremental import record_head
from crawler.model.warcread import STORE_ENV
from crawler.verify import verify_archive
from crawler.warc import WarcWriter, read_capture
from crawler.warc_store import WarcUploader, in_use, upload_leftovers
from db.store import store_batch
from tests.factories import fetch_record, warc_fields, write_page

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def s3_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A bucket on a moto S3 server of this test's own; NEWSARCHIVE_WARC_STORE points at it."""
    import boto3
    import fsspec.config
    import s3fs
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    # What FSSPEC_S3_ENDPOINT_URL gives a process that starts with it.
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    # moto keeps its buckets per process: each test gets a bucket of its own.
    bucket = f"warcs-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=bucket)
    monkeypatch.setenv(STORE_ENV, f"s3://{bucket}/archive")
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        yield f"s3://{bucket}/archive"
    finally:
        s3fs.S3FileSystem.clear_instance_cache()
        server.stop()


def _stored(store: str) -> list[str]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(store)
    return sorted(p.rsplit("/", 1)[1] for p in fs.find(root))


def test_closed_files_are_uploaded_and_read_back_by_range(tmp_path: Path, s3_store: str) -> None:
    uploader = WarcUploader(tmp_path, s3_store)
    writer = WarcWriter(tmp_path, max_bytes=600, on_closed=uploader.submit)  # one pair a file
    refs = [
        write_page(writer, f"http://127.0.0.1/{i}", f"<p>Seite {i}</p>".encode(), T0)
        for i in range(3)
    ]
    writer.close()
    uploader.close()
    assert not uploader.failed
    assert list((tmp_path / "warc").iterdir()) == []  # the local copies went once stored
    assert _stored(s3_store) == sorted(Path(ref.file).name for ref in refs)
    for i, ref in enumerate(refs):
        capture = read_capture(tmp_path, ref.file, ref.offset)
        assert (capture.url, capture.body) == (
            f"http://127.0.0.1/{i}",
            f"<p>Seite {i}</p>".encode(),
        )
        assert record_head(tmp_path, ref.file, ref.offset) is not None  # a revisit's target


def test_verify_reads_every_pointer_from_the_store(
    tmp_path: Path, s3_store: str, engine: Engine
) -> None:
    uploader = WarcUploader(tmp_path, s3_store)
    writer = WarcWriter(tmp_path, max_bytes=10_000_000, on_closed=uploader.submit)
    ref = write_page(writer, "http://127.0.0.1/a", b"<p>Ein Text.</p>", T0)
    writer.close()
    uploader.close()
    store_batch(engine, None, [fetch_record("http://127.0.0.1/a", "q", T0, **warc_fields(ref))])
    report = verify_archive(engine, tmp_path)
    assert (report.checked, report.ok, report.missing_files) == (1, True, [])


def test_a_killed_crawls_files_are_uploaded_later_but_not_one_being_written(
    tmp_path: Path, s3_store: str
) -> None:
    killed = WarcWriter(tmp_path, max_bytes=10_000_000)  # no uploader: as if killed before it
    left = write_page(killed, "http://127.0.0.1/old", b"<p>Alt.</p>", T0)
    killed.close()
    running = WarcWriter(tmp_path, max_bytes=10_000_000)
    busy = write_page(running, "http://127.0.0.1/new", b"<p>Neu.</p>", T0)
    assert in_use(tmp_path / busy.file) and not in_use(tmp_path / left.file)
    assert upload_leftovers(tmp_path, s3_store) == [left.file]
    assert _stored(s3_store) == [Path(left.file).name]
    assert (tmp_path / busy.file).exists()
    running.close()
    assert upload_leftovers(tmp_path, s3_store) == [busy.file]
    assert read_capture(tmp_path, busy.file, busy.offset).body == b"<p>Neu.</p>"


def test_a_missing_object_is_a_missing_file(tmp_path: Path, s3_store: str) -> None:
    with pytest.raises(FileNotFoundError):
        read_capture(tmp_path, "warc/nowhere.warc.gz", 0)


def test_the_index_covers_uploaded_files_and_local_ones(tmp_path: Path, s3_store: str) -> None:
    uploader = WarcUploader(tmp_path, s3_store)
    writer = WarcWriter(tmp_path, max_bytes=600, on_closed=uploader.submit)  # one pair a file
    uploaded = [write_page(writer, f"http://127.0.0.1/{i}", b"<p>Text.</p>", T0) for i in range(2)]
    writer.close()
    uploader.close()
    local = WarcWriter(tmp_path, max_bytes=10_000_000)  # not uploaded (yet)
    kept = write_page(local, "http://127.0.0.1/local", b"<p>Hier.</p>", T0)
    local.close()
    names = archive_files(tmp_path)
    assert names == sorted(ref.file for ref in [*uploaded, kept])
    lines = [line for name in names for line in archived_file_lines(tmp_path, name)]
    assert len(lines) == 3
    fields = [json.loads(line.split(" ", 2)[2]) for line in lines]
    pointers = {(f["filename"], int(f["offset"])) for f in fields}
    assert pointers == {(Path(ref.file).name, ref.offset) for ref in [*uploaded, kept]}
    assert archived_file_lines(tmp_path, kept.file) == file_lines(tmp_path / kept.file)
