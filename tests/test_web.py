"""The archive browser (`newsarchive serve`) through Starlette's TestClient, on SQLite and
PostgreSQL: every page and API route, escaping, security headers, bad input, read-only."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from starlette.testclient import TestClient

from crawler.warc import RefersTo, WarcWriter, read_capture
from crawler.web.app import create_app
from crawler.web.capture import CAPTURE_CSP
from crawler.web.common import DEFAULT_HEADERS
from crawler.web.diff import side_by_side
from db.engine import ensure_schema, make_engine, make_readonly_engine
from db.lookup import get_capture
from db.store import store_batch
from tests.factories import fetch_record, run_command, warc_fields, write_page
from tests.web_archive import (
    EDITED_URL,
    HOSTILE_TITLE,
    T0,
    WebArchive,
    capture_html,
    fill_archive,
)

BEACON = "http://127.0.0.1:9"


@pytest.fixture
def archive(engine: Engine, tmp_path: Path) -> WebArchive:
    return fill_archive(engine, tmp_path, BEACON)


@pytest.fixture
def client(archive: WebArchive, database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    readonly = make_readonly_engine(database_url)
    with TestClient(create_app(readonly, tmp_path), raise_server_exceptions=False) as test:
        yield test
    readonly.dispose()


def _ok(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    return response.text


def _titles(page: str) -> list[str]:
    return re.findall(r'class="title" href="[^"]*">([^<]*)</a>', page)


# --------------------------------------------------------------------------- pages


def test_the_sites_page_shows_each_sites_health(client: TestClient) -> None:
    page = _ok(client, "/")
    rows = re.findall(r'<tr class="health-(\w+)">\s*<td><a [^>]*>(\w+)</a>', page)
    assert rows == [("bad", "alpha"), ("good", "beta"), ("good", "gamma")]
    alpha = page.split(">alpha</a>", 1)[1].split("</tr>", 1)[0]
    assert "failed" in alpha and "closespider_errorcount" in alpha
    assert "no new articles for 2 runs" in alpha


def test_the_article_list_filters_by_any_sighting_language_dates_and_cluster(
    client: TestClient, archive: WebArchive
) -> None:
    assert len(_titles(_ok(client, "/articles"))) == 4
    # The wire story was first archived from alpha; gamma's sighting counts for gamma too.
    assert _titles(_ok(client, "/articles?site=gamma")) == ["Frachter auf Grund gelaufen"]
    assert len(_titles(_ok(client, "/articles?site=alpha"))) == 2
    assert _titles(_ok(client, "/articles?lang=en")) == [
        HOSTILE_TITLE.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&#39;")
    ]
    # Published 2026-11-17 07:00 UTC (the wire) and 2026-11-20 07:00 UTC (the edited one).
    assert len(_titles(_ok(client, "/articles?from=2026-11-17&to=2026-11-17"))) == 2
    assert _titles(_ok(client, "/articles?from=2026-11-18&to=2026-11-20")) == [
        "Stadtrat beschließt geänderten Haushalt"
    ]
    page = _ok(client, f"/articles?cluster={archive.wire}")
    assert sorted(_titles(page)) == [
        "Frachter auf Grund gelaufen",
        "Frachter läuft vor der Küste auf Grund",
    ]
    assert 'id="no-articles"' in _ok(client, "/articles?site=alpha&lang=en")


def test_the_article_list_pages_by_id(client: TestClient) -> None:
    first = _ok(client, "/articles?limit=3&site=")
    assert len(_titles(first)) == 3
    link = re.search(r'rel="next" href="\?([^"]+)"', first)
    assert link is not None
    second = _ok(client, "/articles?" + link.group(1).replace("&amp;", "&"))
    assert _titles(second) == ["Stadtrat beschließt geänderten Haushalt"]
    assert 'rel="next"' not in second
    api = client.get("/api/articles?limit=3").json()
    assert [a["id"] for a in api["articles"]] == [4, 3, 2]
    assert api["next"] == "/api/articles?limit=3&before=2"
    assert [a["id"] for a in client.get(api["next"]).json()["articles"]] == [1]


def test_the_article_page_shows_sightings_versions_diff_and_cluster(
    client: TestClient, archive: WebArchive
) -> None:
    page = _ok(client, f"/articles/{archive.edited}")
    assert "Stadtrat beschließt geänderten Haushalt" in page
    assert EDITED_URL in page
    diff = page.split('id="diff"', 1)[1]
    assert re.search(r"<ins>\s*knappe\s*</ins>", diff)
    assert re.search(r"<ins>\s*Die Opposition kündigte eine Klage an.</ins>", diff)
    assert not re.search(r"<del>[^<]*Entwurf", diff)  # kept in both versions
    assert "version 1" in diff and "version 2" in diff
    assert re.search(r"\d+ words removed, \d+ added", page)
    assert f'href="http://testserver/fetches/{archive.capture_fetch}"' in page
    # The same versions in either order: the diff then runs the other way.
    swapped = _ok(client, f"/articles/{archive.edited}?a=2&b=1").split('id="diff"', 1)[1]
    assert re.search(r"<del>\s*knappe\s*</del>", swapped)

    wire = _ok(client, f"/articles/{archive.wire}")
    sightings = wire.split('id="sightings"', 1)[1].split("</table>", 1)[0]
    assert (
        "alpha" in sightings and "gamma" in sightings and "https://gamma.example/a/991" in sightings
    )
    cluster = wire.split('id="cluster"', 1)[1].split("</table>", 1)[0]
    assert "Frachter läuft vor der Küste auf Grund" in cluster and "<td>beta</td>" in cluster
    assert 'id="article-text"' in wire  # one version: the text, no diff


def test_markup_in_archived_fields_is_shown_as_text(
    client: TestClient, archive: WebArchive
) -> None:
    for url in ("/articles", f"/articles/{archive.hostile}", "/articles?lang=en"):
        page = _ok(client, url)
        assert "<script>" not in page and "<b>Ordnung</b>" not in page
        assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    assert client.get(f"/api/articles/{archive.hostile}").json()["title"] == HOSTILE_TITLE


def test_the_runs_page_lists_runs_newest_first(client: TestClient, archive: WebArchive) -> None:
    page = _ok(client, "/runs")
    ids = [int(n) for n in re.findall(r'<tr>\s*<td class="num">(\d+)</td>', page)]
    assert ids == sorted(archive.runs, reverse=True)
    alpha = _ok(client, "/runs?site=alpha")
    assert [int(n) for n in re.findall(r'<tr>\s*<td class="num">(\d+)</td>', alpha)] == [2, 1]
    assert "closespider_errorcount" in alpha


def test_the_capture_page_embeds_the_body_in_a_sandboxed_frame(
    client: TestClient, archive: WebArchive
) -> None:
    page = _ok(client, f"/fetches/{archive.capture_fetch}")
    frames = re.findall(r"<iframe[^>]*>", page)
    assert len(frames) == 1
    assert re.search(r'\ssandbox=""', frames[0]), frames[0]  # no allow-* token at all
    assert "allow-" not in frames[0]
    assert f'src="http://testserver/fetches/{archive.capture_fetch}/body"' in frames[0]
    assert "script ran" not in page  # the archived page is not inlined
    body = client.get(f"/fetches/{archive.capture_fetch}/body")
    assert body.status_code == 200 and body.content == capture_html(BEACON)
    assert body.headers["content-type"] == "text/html; charset=utf-8"
    assert body.headers["content-security-policy"] == CAPTURE_CSP
    directives = [d.strip() for d in CAPTURE_CSP.split(";")]
    assert "sandbox" in directives and "default-src 'none'" in directives
    assert not any("http" in d or "'self'" in d.split(" ", 1)[1:] for d in directives[:-1])
    assert body.headers["x-content-type-options"] == "nosniff"
    assert body.headers["x-frame-options"] == "SAMEORIGIN"


def test_the_raw_http_response_as_text_and_from_the_api(
    client: TestClient, archive: WebArchive
) -> None:
    raw = client.get(f"/fetches/{archive.capture_fetch}/raw")
    assert raw.headers["content-type"] == "text/plain; charset=utf-8"
    assert raw.headers["content-security-policy"] == CAPTURE_CSP
    head, _, rest = raw.content.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"content-type: text/html; charset=utf-8" in head
    assert rest == capture_html(BEACON)
    api = client.get(f"/api/fetches/{archive.capture_fetch}/capture")
    assert api.headers["content-type"] == "application/http; msgtype=response"
    assert api.content == raw.content
    meta = client.get(f"/api/fetches/{archive.capture_fetch}").json()
    assert meta["capture"] == f"/api/fetches/{archive.capture_fetch}/capture"
    assert meta["url"] == EDITED_URL and meta["article_id"] == archive.edited


def test_every_app_page_sends_a_strict_csp(client: TestClient, archive: WebArchive) -> None:
    for url in (
        "/",
        "/articles",
        f"/articles/{archive.edited}",
        "/runs",
        "/api/sites",
        f"/fetches/{archive.capture_fetch}",
        "/articles/999999",
        "/static/style.css",
    ):
        response = client.get(url)
        for name, value in DEFAULT_HEADERS.items():
            assert response.headers[name] == value, (url, name)
    assert "script-src" not in DEFAULT_HEADERS["content-security-policy"]
    assert "default-src 'none'" in DEFAULT_HEADERS["content-security-policy"]


# --------------------------------------------------------------------------- the JSON API


def test_the_api_serves_the_documented_fields(client: TestClient, archive: WebArchive) -> None:
    sites = client.get("/api/sites").json()["sites"]
    assert [s["key"] for s in sites] == ["alpha", "beta", "gamma"]
    alpha = sites[0]
    assert set(alpha) == {
        "key",
        "name",
        "articles",
        "articles_seen",
        "new_24h",
        "new_7d",
        "failure_streak",
        "last_run",
        "last_run_warnings",
    }
    assert alpha["articles"] == 2 and alpha["failure_streak"] == 1
    assert [(s["articles"], s["articles_seen"]) for s in sites] == [(2, 2), (2, 2), (0, 1)]
    assert alpha["last_run"]["outcome"] == "failed" and alpha["last_run"]["site"] == "alpha"
    assert alpha["last_run_warnings"][0]["message"] == "no new articles for 2 runs"

    listed = client.get("/api/articles?site=gamma").json()
    assert listed["next"] is None
    assert set(listed["articles"][0]) == {
        "id",
        "title",
        "url",
        "site",
        "language",
        "published_at",
        "first_seen_at",
        "version",
        "cluster_id",
    }
    wire = client.get(f"/api/articles/{archive.wire}").json()
    assert wire["published_at"] == "2026-11-17T09:00:00+00:00"
    assert [(s["site"], s["url"]) for s in wire["sightings"]] == [
        ("alpha", "https://alpha.example/panorama/frachter.html"),
        ("gamma", "https://gamma.example/a/991"),
    ]
    assert all(len(s["fetch_ids"]) == 1 for s in wire["sightings"])
    assert [(m["id"], m["sites"]) for m in wire["cluster"]] == [(archive.wire_copy, ["beta"])]
    assert {"text", "authors", "tags", "content_hash", "fetches", "cluster_id"} <= set(wire)

    versions = client.get(f"/api/articles/{archive.edited}/versions").json()
    assert [v["version"] for v in versions["versions"]] == [1, 2]
    assert versions["versions"][1]["origin"] == "revisit"
    assert set(versions["versions"][0]) == {
        "version",
        "title",
        "text",
        "content_hash",
        "modified_at",
        "seen_at",
        "url",
        "fetch_id",
        "origin",
    }
    runs = client.get("/api/runs?site=alpha").json()["runs"]
    assert [(r["id"], r["site"], r["outcome"]) for r in runs] == [
        (2, "alpha", "failed"),
        (1, "alpha", "finished"),
    ]


# --------------------------------------------------------------------------- bad input


BAD_REQUESTS = [
    ("/articles/999999", 404),
    (f"/articles/{2**40}", 404),
    ("/articles/abc", 404),
    ("/articles/1?a=7", 400),
    ("/articles/1?b=x", 400),
    ("/articles?from=yesterday", 400),
    ("/articles?from=2026-11-20&to=2026-11-01", 400),
    ("/articles?cluster=-3", 400),
    ("/articles?limit=100000", 400),
    (f"/articles?before={2**70}", 400),
    ("/articles?site=" + "x" * 300, 400),
    ("/runs?before=z", 400),
    ("/fetches/999999", 404),
    (f"/fetches/{2**40}/body", 404),
    ("/api/articles/999999", 404),
    ("/api/articles/999999/versions", 404),
    ("/api/articles?to=2026-13-01", 400),
    ("/api/fetches/999999", 404),
    ("/api/fetches/999999/capture", 404),
    ("/api/runs?limit=0", 400),
    ("/nowhere", 404),
]


def test_bad_ids_and_parameters_get_an_error_page_not_a_traceback(client: TestClient) -> None:
    for url, status in BAD_REQUESTS:
        response = client.get(url)
        assert response.status_code == status, url
        assert "Traceback" not in response.text
        if url.startswith("/api/"):
            assert response.json()["status"] == status and response.json()["error"]
        elif status == 400:
            assert re.search(r'id="error-message">bad parameter &#39;\w+&#39;', response.text)


def test_a_304_capture_shows_its_head_and_links_the_capture_it_confirms(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    url = "https://alpha.example/wetter/vorhersage.html"
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    page_headers = [("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"')]
    first = write_page(
        writer, url, b"<p>Morgen bleibt es trocken.</p>", T0, response_headers=page_headers
    )
    confirmed = read_capture(tmp_path, first.file, first.offset)
    later = T0 + timedelta(hours=6)
    answers = [
        writer.write_not_modified(
            url=url, method="GET", request_headers=[], status=304, reason="Not Modified",
            response_headers=[("ETag", '"v1"')], fetched_at=later + timedelta(minutes=i),
            refers_to=refers,
        )
        for i, refers in enumerate([RefersTo(url, confirmed.fetched_at), None])
    ]  # fmt: skip
    writer.close()
    records = [fetch_record(url, "alpha", T0, **warc_fields(first))]
    at = [later + timedelta(minutes=i) for i in range(len(answers))]
    records += [
        fetch_record(url, "alpha", when, status=304, outcome="not_modified", **warc_fields(ref))
        for when, ref in zip(at, answers, strict=True)
    ]
    store_batch(engine, None, records)
    with engine.connect() as conn:
        ids = [row.id for row in conn.execute(text("SELECT id FROM fetches ORDER BY id"))]
    readonly = make_readonly_engine(database_url)
    try:
        with TestClient(create_app(readonly, tmp_path), raise_server_exceptions=False) as client:
            page = _ok(client, f"/fetches/{ids[1]}")
            assert "<iframe" not in page
            assert f'href="http://testserver/fetches/{ids[0]}" id="confirmed-link"' in page
            unnamed = _ok(client, f"/fetches/{ids[2]}")
            assert "an earlier capture the crawl did not name" in unnamed
            raw = _ok(client, f"/fetches/{ids[1]}/raw")
            assert raw.startswith("HTTP/1.1 304 Not Modified\r\n") and 'etag: "v1"' in raw
    finally:
        readonly.dispose()
    block = get_capture(engine, ids[1], tmp_path)
    assert block.startswith(b"HTTP/1.1 304") and block.rstrip().endswith(b'"v1"')


def test_fetches_without_a_readable_capture_are_404_naming_why(
    client: TestClient, archive: WebArchive
) -> None:
    missing = client.get(f"/fetches/{archive.no_capture_fetch}")
    assert missing.status_code == 404 and "has no capture" in missing.text
    for url in (
        f"/fetches/{archive.lost_capture_fetch}",
        f"/fetches/{archive.lost_capture_fetch}/raw",
    ):
        lost = client.get(url)
        assert lost.status_code == 404
        assert "cannot be read (warc/gone.warc.gz)" in lost.text


def test_only_get_and_head_are_answered(client: TestClient, archive: WebArchive) -> None:
    urls = [
        "/",
        "/articles",
        f"/articles/{archive.edited}",
        "/search",
        "/runs",
        f"/fetches/{archive.capture_fetch}",
        f"/fetches/{archive.capture_fetch}/body",
        f"/fetches/{archive.capture_fetch}/raw",
        "/api/sites",
        "/api/articles",
        f"/api/articles/{archive.edited}",
        f"/api/articles/{archive.edited}/versions",
        "/api/search",
        "/api/runs",
        f"/api/fetches/{archive.capture_fetch}",
        f"/api/fetches/{archive.capture_fetch}/capture",
        "/static/style.css",
    ]
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for url in urls:
            assert client.request(method, url).status_code == 405, (method, url)
    assert client.head(f"/articles/{archive.edited}").status_code == 200


def test_the_apps_engine_cannot_write(client: TestClient, database_url: str) -> None:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    with (
        pytest.raises(Exception, match=r"read-only|readonly") as refused,
        engine.begin() as conn,
    ):
        conn.execute(text("UPDATE articles SET title = 'changed'"))
    assert refused.type.__name__ in ("OperationalError", "InternalError")
    with engine.connect() as conn:
        assert "changed" not in conn.execute(text("SELECT title FROM articles")).scalars().all()


# --------------------------------------------------------------------------- search


def test_search_page_and_api(client: TestClient, archive: WebArchive) -> None:
    page = _ok(client, "/search?q=Frachtschiff")
    assert sorted(_titles(page)) == [
        "Frachter auf Grund gelaufen",
        "Frachter läuft vor der Küste auf Grund",
    ]
    assert page.count("<mark>Frachtschiff</mark>") == 2
    hits = client.get("/api/search?q=Frachtschiff").json()["hits"]
    assert {h["article_id"] for h in hits} == {archive.wire, archive.wire_copy}
    assert ["Frachtschiff", True] in hits[0]["snippet"]
    assert set(hits[0]) == {
        "article_id",
        "title",
        "url",
        "site",
        "published_at",
        "language",
        "rank",
        "snippet",
    }
    # The filters reach the index: gamma carried alpha's copy; one English article; dates.
    gamma = client.get("/api/search?q=Frachtschiff&site=gamma").json()["hits"]
    assert [h["article_id"] for h in gamma] == [archive.wire]
    assert len(client.get("/api/search?q=Feuerwehr&lang=en").json()["hits"]) == 1
    assert client.get("/api/search?q=Feuerwehr&lang=de").json()["hits"] == []
    assert len(client.get("/api/search?q=Feuerwehr&since=2026-11-25").json()["hits"]) == 1
    assert client.get("/api/search?q=Feuerwehr&since=2026-12-05").json()["hits"] == []
    hostile = _ok(client, "/search?q=Feuerwehr")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    assert 'id="no-hits"' in _ok(client, "/search?q=Zeppelinlandeplatz")
    # Bad queries and parameters are 400s naming the problem.
    assert client.get("/api/search").status_code == 400
    bad = client.get('/api/search?q="Frachtschiff')
    assert bad.status_code == 400 and "bad search query" in bad.json()["error"]
    assert client.get('/search?q="Frachtschiff').status_code == 400
    assert client.get("/search?q=x&page=51").status_code == 400


# --------------------------------------------------------------------------- pieces


def test_the_diff_marks_removed_and_added_words_and_keeps_line_breaks() -> None:
    diff = side_by_side("eins zwei drei\nvier", "eins drei\nvier fünf")
    assert [(s.text, s.change) for s in diff.old] == [
        ("eins", "same"),
        (" zwei", "removed"),
        (" drei\nvier", "same"),
    ]
    assert [(s.text, s.change) for s in diff.new] == [
        ("eins", "same"),
        (" drei\nvier", "same"),
        (" fünf", "added"),
    ]
    assert (diff.removed_words, diff.added_words) == (1, 1)
    assert "".join(s.text for s in diff.old) == "eins zwei drei\nvier"


# --------------------------------------------------------------------------- the command


def test_serve_without_an_archive_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "archive.sqlite"
    result = run_command(
        "newsarchive", "serve", "--port", "1", env={"DATABASE_URL": f"sqlite:///{target}"}
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"newsarchive: no archive at {target} (set DATABASE_URL or NEWSARCHIVE_DATA_DIR)"
    )
    assert not target.parent.exists()


def test_serve_on_an_empty_database_is_one_line_and_creates_nothing(database_url: str) -> None:
    result = run_command("newsarchive", "serve", "--port", "1", env={"DATABASE_URL": database_url})
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("newsarchive: no archive at ")
    assert line.endswith("(set DATABASE_URL or NEWSARCHIVE_DATA_DIR)")
    probe = make_engine(database_url)
    try:
        if probe.dialect.name == "postgresql":
            assert inspect(probe).get_table_names() == []
        else:  # the SQLite file was never there and is not now
            assert not Path(probe.url.database or "").exists()
    finally:
        probe.dispose()


def test_serve_refuses_a_bad_port(engine: Engine, database_url: str) -> None:
    result = run_command(
        "newsarchive", "serve", "--port", "70000", env={"DATABASE_URL": database_url}
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "newsarchive: --port takes a port number from 1 to 65535, got 70000"
    )


def test_serve_on_a_taken_port_is_one_line(engine: Engine, database_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_command(
            "newsarchive", "serve", "--port", str(port), env={"DATABASE_URL": database_url}
        )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"newsarchive: cannot listen on 127.0.0.1:{port}: Address already in use"
    )


def test_a_failing_database_is_a_one_line_500(tmp_path: Path) -> None:
    """The archive gone under a running server: an error page of one line, no traceback."""
    url = f"sqlite:///{tmp_path / 'archive.sqlite'}"
    writable = make_engine(url)
    ensure_schema(writable)
    writable.dispose()
    readonly = make_readonly_engine(url)
    with TestClient(create_app(readonly, tmp_path), raise_server_exceptions=False) as test:
        assert test.get("/articles").status_code == 200
        readonly.dispose()  # no pooled connection left to the file
        (tmp_path / "archive.sqlite").unlink()
        page = test.get("/articles")
        api = test.get("/api/articles")
    assert page.status_code == 500 and api.status_code == 500
    assert page.text == "internal error (OperationalError); the server's log has the details"
    assert api.json() == {"error": page.text, "status": 500}
