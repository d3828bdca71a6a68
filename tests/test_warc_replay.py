"""WARC completeness, end to end: a site with a redirect, a start page answered 304 on the
next crawl and an edited article is crawled twice; the WARC files hold the 3xx as a response
record, the 304 as a server-not-modified revisit, the decoded page with its original
Content-Encoding noted; `newsarchive cdx` indexes them as webrecorder's cdxj-indexer does, and
replay from that index (pywb's lookups and revisit resolution) gives the redirect, the revisit
and both versions of the article."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from warcio.archiveiterator import ArchiveIterator

from db.engine import make_engine
from db.models import Fetch, UrlState
from tests.factories import QuietHandler, loopback_settings, run_command, run_test_crawl

SETTINGS = loopback_settings(RETRY_TIMES="0", NEWSARCHIVE_EXTRACT_WORKERS="1")
ARGS = {"site": "lokal"}
START_ETAG = '"start-1"'
MOVED = "/alt/2026/11/20/umzug-der-stadtbibliothek.html"
MOVED_TO = "/2026/11/20/umzug-der-stadtbibliothek.html"
EDITED = "/2026/11/20/stadtrat-beschliesst-haushalt.html"


def _article(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='de'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:type' content='article'></head><body><article><h1>{title}</h1>"
        f"<time datetime='2026-11-20T09:00:00+01:00'>20.11.2026</time>{body}</article>"
        "</body></html>"
    ).encode()


LIBRARY = _article(
    "Die Stadtbibliothek zieht in den alten Bahnhof",
    [
        "Nach zwei Jahren Planung bekommt die Stadtbibliothek ein neues Zuhause im früheren "
        "Empfangsgebäude des Bahnhofs, wie die Verwaltung am Donnerstag mitteilte.",
        "Die Lesesäle sollen im Frühjahr öffnen; bis dahin bleibt die Ausleihe am alten "
        "Standort in der Schulstraße geöffnet, allerdings mit verkürzten Zeiten am Samstag.",
        "Für den Umzug der rund achtzigtausend Medien rechnet die Leitung mit drei Wochen, "
        "in denen Vormerkungen weiterhin angenommen und später zugestellt werden.",
    ],
)
COUNCIL = [
    "Der Stadtrat hat am Mittwochabend den Haushalt für das kommende Jahr beschlossen, nach "
    "einer Debatte, die sich bis kurz vor Mitternacht hinzog.",
    "Größter Posten bleibt die Sanierung der Grundschulen, für die allein im nächsten Jahr "
    "mehr Mittel vorgesehen sind als in den drei Jahren zuvor zusammen.",
    "Die Opposition kritisierte vor allem die geplante Erhöhung der Parkgebühren in der "
    "Innenstadt, die Einnahmen sollen in den Nahverkehr fließen.",
]
CORRECTION = "Korrektur: In einer früheren Fassung stand, der Beschluss sei einstimmig gefallen."


class _Site(QuietHandler):
    protocol_version = "HTTP/1.1"
    edited = False

    def do_GET(self) -> None:
        path = self.path
        if path == "/":
            links = f"<a href='{MOVED}'>Bibliothek</a> <a href='{EDITED}'>Haushalt</a>"
            page = f"<html><body><h1>Lokales</h1>{links}</body></html>".encode()
            if self.headers.get("If-None-Match") == START_ETAG:
                self._reply(304, b"", [("ETag", START_ETAG)])
                return
            compressed = gzip.compress(page)
            self._reply(
                200,
                compressed,
                [("Content-Type", "text/html; charset=utf-8"), ("ETag", START_ETAG),
                 ("Content-Encoding", "gzip")],
            )  # fmt: skip
        elif path == MOVED:
            self._reply(301, b"moved", [("Location", MOVED_TO), ("Content-Type", "text/plain")])
        elif path == MOVED_TO:
            self._reply(200, LIBRARY, [("Content-Type", "text/html; charset=utf-8")])
        elif path == EDITED:
            paragraphs = [*COUNCIL, CORRECTION] if type(self).edited else COUNCIL
            body = _article("Stadtrat beschließt den Haushalt", paragraphs)
            self._reply(200, body, [("Content-Type", "text/html; charset=utf-8")])
        else:
            self._reply(404, b"nicht gefunden", [("Content-Type", "text/plain")])

    def _reply(self, status: int, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    _Site.edited = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _records(data_dir: Path) -> list[Any]:
    """(file, offset, type, WARC headers, HTTP headers, payload) of every record."""
    out = []
    for path in sorted((data_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                payload = record.content_stream().read()
                out.append(
                    (
                        f"warc/{path.name}",
                        records.get_record_offset(),
                        record.rec_type,
                        record.rec_headers,
                        record.http_headers,
                        payload,
                    )
                )
    return out


def _crawl_twice(site: str, data_dir: Path, database_url: str) -> None:
    run = run_test_crawl(
        "generic", site, data_dir, database_url, settings=SETTINGS, spider_args=ARGS
    )
    assert run.returncode == 0, run.stderr[-3000:]
    engine = make_engine(database_url)
    with engine.begin() as conn:  # the article comes due for a revisit, and is edited
        conn.execute(
            update(UrlState)
            .where(UrlState.url == site + EDITED[1:])
            .values(next_due_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    engine.dispose()
    _Site.edited = True
    run = run_test_crawl(
        "generic", site, data_dir, database_url, settings=SETTINGS, spider_args=ARGS
    )
    assert run.returncode == 0, run.stderr[-3000:]


def _index(data_dir: Path, env: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
    out = data_dir / "index.cdxj"
    done = run_command("newsarchive", "cdx", "--output", str(out), env=env)
    assert done.returncode == 0, done.stderr
    lines = out.read_text().splitlines()
    assert lines == sorted(lines)
    return [(k, t, json.loads(j)) for k, t, j in (line.split(" ", 2) for line in lines)]


@pytest.mark.e2e
def test_redirects_revisits_and_versions_replay(
    site: str, tmp_path: Path, database_url: str
) -> None:
    data_dir = tmp_path / "data"
    env = {"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database_url}
    _crawl_twice(site, data_dir, database_url)
    engine = make_engine(database_url)
    with engine.connect() as conn:
        fetches = conn.execute(select(Fetch).order_by(Fetch.id)).all()
    engine.dispose()
    records = _records(data_dir)
    by_pointer = {(r[0], r[1]): r for r in records}

    # 1. the redirect: its own fetch row, pointing at a response record with its Location
    (redirect,) = [f for f in fetches if f.outcome == "redirect"]
    assert (redirect.url, redirect.status) == (site + MOVED[1:], 301)
    _, _, kind, warc, http, payload = by_pointer[(redirect.warc_file, redirect.warc_offset)]
    assert (kind, http.get_statuscode(), payload) == ("response", "301", b"moved")
    assert http.get_header("Location") == MOVED_TO
    (moved,) = [f for f in fetches if f.url == site + MOVED_TO[1:]]
    assert (moved.requested_url, moved.outcome, moved.status) == (site + MOVED[1:], "archived", 200)

    # 2. the start page: decoded, its Content-Encoding kept apart; then a 304 revisit
    start = [f for f in fetches if f.url == site]
    assert [f.status for f in start] == [200, 304]
    _, _, kind, first_warc, http, payload = by_pointer[(start[0].warc_file, start[0].warc_offset)]
    assert payload.startswith(b"<html>")
    assert http.get_header("Content-Encoding") is None
    assert http.get_header("X-Archive-Orig-Content-Encoding") == "gzip"
    assert http.get_header("Content-Length") == str(len(payload))
    # the 304's pointer leads to the payload it confirms; the revisit record names that record
    assert (start[1].warc_file, start[1].warc_offset) == (start[0].warc_file, start[0].warc_offset)
    (revisit,) = [r for r in records if r[2] == "revisit" and r[3]["WARC-Target-URI"] == site]
    headers = revisit[3]
    assert headers["WARC-Profile"] == "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
    assert headers["WARC-Refers-To"] == first_warc["WARC-Record-ID"]
    assert headers["WARC-Refers-To-Target-URI"] == site
    assert headers["WARC-Refers-To-Date"] == first_warc["WARC-Date"]
    assert headers["WARC-Payload-Digest"] == first_warc["WARC-Payload-Digest"]
    assert revisit[4].get_statuscode() == "304" and revisit[5] == b""

    # 3. the edited article: two response records
    versions = [f for f in fetches if f.url == site + EDITED[1:]]
    assert [f.outcome for f in versions] == ["archived", "new_version"]

    # the files pass warcio's own check, and every pointer still reads back
    for path in sorted((data_dir / "warc").glob("*.warc.gz")):
        check = subprocess.run(
            [str(Path(sys.executable).with_name("warcio")), "check", "-v", str(path)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    verify = run_command("newsarchive", "verify", env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # the index: the same lines as webrecorder's indexer, and every archive pointer in it
    ours = _index(data_dir, env)
    reference = subprocess.run(
        [str(Path(sys.executable).with_name("cdxj-indexer")), "--sort",
         *map(str, sorted((data_dir / "warc").glob("*.warc.gz")))],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    theirs = [(k, t, json.loads(j)) for k, t, j in (line.split(" ", 2) for line in reference)]
    assert ours == theirs
    pointers = {(f"warc/{e['filename']}", int(e["offset"]), int(e["length"])) for _, _, e in ours}
    for f in fetches:
        assert (f.warc_file, f.warc_offset, f.warc_length) in pointers, f.url

    # replay from our index
    replay = _Replay(data_dir, ours)
    stamp = {e["offset"] + e["filename"]: t for _, t, e in ours}

    def ts(fetch: Any) -> str:
        return stamp[str(fetch.warc_offset) + Path(fetch.warc_file).name]

    status, http, body, _ = replay.get(site + MOVED[1:], ts(redirect))
    assert (status, http.get_header("Location"), body) == ("301", MOVED_TO, b"moved")
    first_ts = ts(start[0])
    revisit_ts = next(t for k, t, e in ours if e.get("mime") == "warc/revisit" and e["url"] == site)
    assert revisit_ts > first_ts
    status, http, body, warc = replay.get(site, revisit_ts)
    # the revisit's own 304 head, resolved to the earlier response's payload
    assert status == "304" and body.startswith(b"<html>")
    assert warc["WARC-Refers-To-Date"] == first_warc["WARC-Date"]
    edited_ts = sorted(t for _, t, e in ours if e["url"] == site + EDITED[1:])
    assert len(edited_ts) == 2
    old_body = replay.get(site + EDITED[1:], edited_ts[0])[2]
    new_body = replay.get(site + EDITED[1:], edited_ts[1])[2]
    assert b"Korrektur" not in old_body and b"Korrektur" in new_body


class _Replay:
    """Replay from a CDXJ index as pywb's WARC server does it (pywb is not installable beside
    this test suite): the capture of a URL at a timestamp is the index line with that URL key
    and time; a revisit record gives the HTTP head, and its payload comes from the record
    the index lists for WARC-Refers-To-Target-URI at WARC-Refers-To-Date with the same digest
    (pywb's ResolvingLoader._load_different_url_payload)."""

    def __init__(self, data_dir: Path, index: list[tuple[str, str, dict[str, str]]]) -> None:
        self.warc_dir = data_dir / "warc"
        self.index = index

    def _load(self, entry: dict[str, str]) -> Any:
        with (self.warc_dir / entry["filename"]).open("rb") as fh:
            fh.seek(int(entry["offset"]))
            member = io.BytesIO(fh.read(int(entry["length"])))
        record = next(iter(ArchiveIterator(member)))
        record.payload = record.content_stream().read()
        return record

    def _line(self, url: str, timestamp: str, *, revisits: bool = True) -> dict[str, str]:
        from crawler.cdx import url_key

        found = [
            e
            for k, t, e in self.index
            if k == url_key(url) and t == timestamp and (revisits or e["mime"] != "warc/revisit")
        ]
        assert len(found) == 1, (url, timestamp, found)
        return found[0]

    def get(self, url: str, timestamp: str) -> tuple[str, Any, bytes, Any]:
        """(HTTP status, HTTP headers, payload, WARC headers) of the capture at `timestamp`."""
        from warcio.timeutils import iso_date_to_timestamp

        entry = self._line(url, timestamp)
        record = self._load(entry)
        payload = record.payload
        if record.rec_type == "revisit":
            warc = record.rec_headers
            original = self._line(
                warc["WARC-Refers-To-Target-URI"],
                iso_date_to_timestamp(warc["WARC-Refers-To-Date"]),
                revisits=False,
            )
            assert original["digest"] == entry["digest"]
            payload = self._load(original).payload
        http = record.http_headers
        return http.get_statuscode(), http, payload, record.rec_headers
