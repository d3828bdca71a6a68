"""WARC file names are unique across machines and sort by time; older names still resolve."""

from __future__ import annotations

import shutil
import socket
from datetime import UTC, datetime
from pathlib import Path

from crawler.warc import WarcWriter, read_capture, warc_file_name


def _write(writer: WarcWriter, url: str) -> tuple[str, int]:
    ref = writer.write(
        url=url,
        method="GET",
        request_headers=[],
        status=200,
        reason="OK",
        response_headers=[("Content-Type", "text/html")],
        body=b"<p>Ein kurzer Text.</p>",
        fetched_at=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
    )
    return ref.file, ref.offset


def test_two_writers_in_the_same_second_on_one_host_never_share_a_name(tmp_path: Path) -> None:
    first, second = (WarcWriter(tmp_path, max_bytes=10_000_000) for _ in range(2))
    a, _ = _write(first, "http://127.0.0.1/a")
    b, _ = _write(second, "http://127.0.0.1/b")
    first.close()
    second.close()
    assert a != b
    assert Path(a).parent == Path(b).parent == Path("warc")
    safe_host = socket.gethostname().replace("-", "_")[:40]
    assert safe_host in a and safe_host in b


def test_names_carry_the_host_and_sort_by_time() -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    early = warc_file_name("newsarchive", moment, "zz-9", "ff", 1)
    late = warc_file_name("newsarchive", moment.replace(second=6), "aa-1", "00", 1)
    assert early == "newsarchive-20260102030405-zz_9-ff-00001.warc.gz"
    assert sorted([late, early]) == [early, late]
    odd = warc_file_name("p", datetime(2026, 1, 2, tzinfo=UTC), "../host name/x" + "y" * 80, "a", 2)
    assert "/" not in odd and " " not in odd and len(odd) < 80


def test_a_file_named_the_older_way_still_resolves(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path, max_bytes=10_000_000)
    file, offset = _write(writer, "http://127.0.0.1/old")
    writer.close()
    old = "warc/newsarchive-20251101120000-4242-00001.warc.gz"  # start time, pid, serial
    shutil.move(tmp_path / file, tmp_path / old)
    assert read_capture(tmp_path, old, offset).url == "http://127.0.0.1/old"
