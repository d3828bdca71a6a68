"""The benchmark's lean asyncio server of a prerendered bench host: the same answers as the
threaded one."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

import pytest

from bench import lean_server as lean_module
from bench.lean_server import LeanServer, bench_targets, lean_bench_web
from crawler.demoweb import DemoWeb
from crawler.demoweb.content import broken_page
from crawler.demoweb.corpus import bench_article_path
from crawler.demoweb.fixture import EDIT_SENTENCE
from crawler.demoweb.server import ThreadedServer, etag
from crawler.demoweb.site_bench import TOPICS, BenchSite

COUNT = 5
ARTICLE = bench_article_path(1)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TIMEOUT = 5.0

# What the crawler can ask the bench host for, including a miss and a query string.
PATHS = [
    ARTICLE,
    "/robots.txt",
    "/sitemap-index.xml",
    "/sitemaps/artikel-0.xml",
    "/",
    "/politik/",
    next(iter(TOPICS)),
    "/gibt-es-nicht.html",
    "/?seite=2",
    bench_article_path(2) + "?utm_source=feed",
    "/media/bild.png",
    "//politik/",
]

Head = list[tuple[str, str]]  # header lines as sent: (name, value) in order


@pytest.fixture(scope="module")
def lean_web() -> Iterator[DemoWeb]:
    with lean_bench_web(COUNT) as web:
        yield web


@pytest.fixture(scope="module")
def threaded_web() -> Iterator[DemoWeb]:
    with DemoWeb(bench_articles=COUNT, slow_seconds=30.0, large_bytes=300_000) as web:
        yield web


@pytest.fixture
def web(lean_web: DemoWeb) -> Iterator[DemoWeb]:
    lean_web.reset()
    yield lean_web
    lean_web.reset()


def port_of(web: DemoWeb, host: str = "bench") -> int:
    return int(web.base_url(host).rsplit(":", 1)[1].strip("/"))


def connect(web: DemoWeb) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port_of(web)), timeout=TIMEOUT)


def read_response(reader: BinaryIO, head: bool = False) -> tuple[int, Head, bytes]:
    """One response off a raw connection; the body is read by its Content-Length."""
    status_line = reader.readline()
    if not status_line:
        raise EOFError("connection closed before a response")
    assert status_line.startswith(b"HTTP/1.1 ") and status_line.endswith(b"\r\n")
    status = int(status_line.split()[1])
    headers: Head = []
    while (line := reader.readline()) != b"\r\n":
        assert line.endswith(b"\r\n"), line
        name, _, value = line[:-2].decode("latin-1").partition(": ")
        headers.append((name, value))
    length = dict(headers).get("Content-Length")
    body = b"" if head or length is None else reader.read(int(length))
    return status, headers, body


def exchange(web: DemoWeb, request: bytes, head: bool = False) -> tuple[int, Head, bytes]:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(request)
        return read_response(reader, head)


def closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(TIMEOUT)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def get(path: str, *extra: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


# --- same answers as the threaded server -------------------------------------------------------


def test_only_the_prerendered_bench_host_is_lean(lean_web: DemoWeb, threaded_web: DemoWeb) -> None:
    assert isinstance(lean_web.server("bench"), LeanServer)
    others = [lean_web.server(host) for host in lean_web.hosts if host != "bench"]
    assert others and all(isinstance(server, ThreadedServer) for server in others)
    threaded = [threaded_web.server(host) for host in threaded_web.hosts]
    assert all(isinstance(server, ThreadedServer) for server in threaded)
    assert lean_web.base_url("bench") == f"http://127.0.0.1:{port_of(lean_web)}/"


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("path", PATHS)
def test_same_answer_as_the_threaded_server(
    lean_web: DemoWeb, threaded_web: DemoWeb, path: str, method: str
) -> None:
    answers = []
    for web in (lean_web, threaded_web):
        full = exchange(web, get(path, "Accept-Encoding: gzip"))[2]
        request = f"{method} {path} HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
        status, headers, body = exchange(web, request.encode(), head=method == "HEAD")
        assert body == (full if method == "GET" else b"")
        assert dict(headers)["Content-Length"] == str(len(full))
        if "ETag" in dict(headers):
            assert dict(headers)["ETag"] == etag(full)
        # The base URL (another port) shows in bodies, hence in their length and ETag.
        body = body.replace(web.base_url("bench").encode(), b"BASE/")
        varying = {"Date", "Content-Length", "ETag"}
        fixed = [(name, value if name not in varying else "") for name, value in headers]
        answers.append((status, fixed, body))
    assert answers[0] == answers[1]
    assert any(name == "Date" for name, _ in answers[0][1])


def test_pages_are_served_from_the_cache_warmed_at_start_up() -> None:
    with lean_bench_web(3) as web:
        server, site = web.server("bench"), web.site("bench")
        assert isinstance(server, LeanServer) and isinstance(site, BenchSite)
        assert set(server._cache) == set(bench_targets(3))
        for _ in range(2):
            assert exchange(web, get(ARTICLE))[2] == site._rendered[1]
        assert set(server._cache) == set(bench_targets(3))
        # The cached response holds the prerendered page itself, not a copy.
        assert server._cache[ARTICLE][1].response.body is site._rendered[1]


def test_warm_up_covers_every_url_discovery_finds(web: DemoWeb) -> None:
    found = set()
    for sitemap in ("/sitemap-index.xml", "/sitemaps/artikel-0.xml"):
        _, _, body = exchange(web, get(sitemap))
        found |= {urlsplit(loc.text or "").path for loc in ET.fromstring(body).iter(f"{SM}loc")}
    assert len(found) == COUNT + 1
    assert found <= set(bench_targets(COUNT))


# --- protocol ----------------------------------------------------------------------------------


def test_head_has_the_length_of_get_and_no_body(web: DemoWeb) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(web), timeout=TIMEOUT)
    try:
        connection.request("GET", ARTICLE)
        response = connection.getresponse()
        body = response.read()
        connection.request("HEAD", ARTICLE)
        head = connection.getresponse()
        assert head.status == 200 and head.read() == b""
        assert (
            head.headers["Content-Length"] == str(len(body)) == response.headers["Content-Length"]
        )
        connection.request("GET", "/robots.txt")  # nothing stray left on the connection
        assert connection.getresponse().read().startswith(b"User-agent: *")
    finally:
        connection.close()


def test_other_methods_get_405(web: DemoWeb) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(web), timeout=TIMEOUT)
    try:
        for method in ("POST", "PUT", "DELETE", "OPTIONS"):
            connection.request(method, "/")
            response = connection.getresponse()
            assert response.status == 405 and response.headers["Allow"] == "GET, HEAD"
            assert response.read() == b"method not allowed\n"
        connection.request("GET", "/robots.txt")  # still the same connection
        assert connection.getresponse().status == 200
    finally:
        connection.close()


def test_a_request_body_is_not_read_but_the_connection_closed(web: DemoWeb) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\nGET / HTTP/1.1\r\n\r\n"
        )
        status, headers, _ = read_response(reader)
        assert status == 405 and ("Connection", "close") in headers
        assert reader.read() == b""  # the body was never taken for a request


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"NONSENSE\r\n\r\n", 400),
        (b"GET /\r\n\r\n", 400),
        (b"GET / HTTP/1.1 extra\r\n\r\n", 400),
        (b"GET / FTP/1.0\r\n\r\n", 400),
        (b"GET / HTTP/2.0\r\n\r\n", 505),
        (b"GET / HTTP/1.1\r\nno colon here\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    ],
)
def test_malformed_requests_are_refused_and_closed(
    web: DemoWeb, request_bytes: bytes, status: int
) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(request_bytes)
        got, headers, body = read_response(reader)
        assert got == status and ("Connection", "close") in headers and body
        assert reader.read() == b""
    assert web.request_log == []  # like the threaded server: no request was understood


def test_an_endless_header_block_is_cut_off(web: DemoWeb) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        sock.sendall(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n" * 2000)  # no blank line
        assert read_response(reader)[0] == 431
        assert reader.read() == b""


def test_pipelined_requests_are_answered_in_order(web: DemoWeb) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(get("/robots.txt") + get(ARTICLE) + b"HEAD / HTTP/1.1\r\n\r\n")
        first, second, third = (read_response(reader, head=i == 2) for i in range(3))
    assert first[0] == second[0] == third[0] == 200
    assert first[2].startswith(b"User-agent: *")
    assert second[2] == web.dispatch("bench", ARTICLE, "").body
    assert third[2] == b"" and dict(third[1])["Content-Type"].startswith("text/html")


def test_a_request_split_across_sends(web: DemoWeb) -> None:
    request = get("/robots.txt", "User-Agent: slowpoke") + get("/sitemap-index.xml")
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for start in range(0, len(request), 7):  # splits the \r\n\r\n too
            sock.sendall(request[start : start + 7])
            time.sleep(0.002)
        assert read_response(reader)[2].startswith(b"User-agent: *")
        assert b"<sitemapindex" in read_response(reader)[2]
    assert [entry[2] for entry in web.request_log] == ["/robots.txt", "/sitemap-index.xml"]


def test_keep_alive_serves_several_requests_on_one_connection(web: DemoWeb) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(web), timeout=TIMEOUT)
    try:
        connection.connect()
        sock = connection.sock
        for path in ("/", "/robots.txt", ARTICLE, "/sitemaps/artikel-0.xml", "/nichts"):
            connection.request("GET", path)
            response = connection.getresponse()
            assert response.read() and not response.will_close
        assert connection.sock is sock
    finally:
        connection.close()


@pytest.mark.parametrize(
    "request_bytes",
    [
        get("/robots.txt", "Connection: close"),
        b"GET /robots.txt HTTP/1.0\r\n\r\n",
    ],
)
def test_connection_close_and_http_1_0_close_after_the_answer(
    web: DemoWeb, request_bytes: bytes
) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(request_bytes)
        status, _, body = read_response(reader)
        assert status == 200 and body.startswith(b"User-agent: *")
        assert reader.read() == b""


def test_http_1_0_keep_alive_is_honoured(web: DemoWeb) -> None:
    request = b"GET /robots.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(request)
        assert read_response(reader)[0] == 200
        sock.sendall(request)
        assert read_response(reader)[0] == 200


def test_conditional_get_on_the_sitemap_index(web: DemoWeb) -> None:
    _, headers, body = exchange(web, get("/sitemap-index.xml"))
    etag, modified = dict(headers)["ETag"], dict(headers)["Last-Modified"]
    for extra in (f"If-None-Match: {etag}", f'If-None-Match: W/{etag}, "x"', "If-None-Match: *"):
        status, headers_304, body_304 = exchange(web, get("/sitemap-index.xml", extra), head=True)
        assert status == 304 and body_304 == b""
        names = [name for name, _ in headers_304]
        assert names == ["Server", "Date", "ETag", "Last-Modified"]
        assert dict(headers_304)["ETag"] == etag
    status, _, _ = exchange(web, get("/sitemap-index.xml", f"If-Modified-Since: {modified}"))
    assert status == 304
    early = "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"
    status, _, again = exchange(web, get("/sitemap-index.xml", early))
    assert status == 200 and again == body
    # If-None-Match wins: a stale tag gets the page even when the date would match.
    stale = get("/sitemap-index.xml", 'If-None-Match: "stale"', f"If-Modified-Since: {modified}")
    assert exchange(web, stale)[0] == 200
    # HEAD is answered 304 as well, and a page without validators never is.
    head = f"HEAD /sitemap-index.xml HTTP/1.1\r\nIf-None-Match: {etag}\r\n\r\n".encode()
    assert exchange(web, head, head=True)[0] == 304
    assert exchange(web, get("/robots.txt", "If-None-Match: *"))[0] == 200
    statuses = [entry[3] for entry in web.request_log]
    assert statuses == [200, 304, 304, 304, 304, 200, 200, 304, 200]


def test_request_log_records_every_request(web: DemoWeb) -> None:
    with connect(web) as sock, sock.makefile("rb") as reader:
        sock.sendall(get("/robots.txt") + b"HEAD / HTTP/1.1\r\n\r\n" + get("/nix.html?x=1"))
        read_response(reader)
        read_response(reader, head=True)
        read_response(reader)
        sock.sendall(b"POST /formular HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        read_response(reader)
    assert web.request_log == [
        ("bench", "GET", "/robots.txt", 200),
        ("bench", "HEAD", "/", 200),
        ("bench", "GET", "/nix.html?x=1", 404),
        ("bench", "POST", "/formular", 405),
    ]


def test_hooks_still_change_what_is_served(web: DemoWeb) -> None:
    original = exchange(web, get(ARTICLE))[2]
    web.edit_article("bench", ARTICLE)
    edited = exchange(web, get(ARTICLE))[2]
    assert EDIT_SENTENCE.encode() not in original and EDIT_SENTENCE.encode() in edited
    web.break_site("bench")
    broken = exchange(web, get(ARTICLE))[2]
    assert EDIT_SENTENCE.encode() not in broken and len(broken) < len(original) // 10
    web.reset()
    assert exchange(web, get(ARTICLE))[2] == original


# --- lifecycle ---------------------------------------------------------------------------------


def test_stop_returns_promptly_with_an_idle_keep_alive_connection() -> None:
    web = lean_bench_web(2)
    connection = http.client.HTTPConnection("127.0.0.1", port_of(web), timeout=TIMEOUT)
    connection.request("GET", "/robots.txt")
    assert connection.getresponse().read()
    started = time.monotonic()
    web.stop()
    assert time.monotonic() - started < 1.0  # slack for a loaded machine; ~0.05 s normally
    assert connection.sock is not None and closed_by_server(connection.sock)
    connection.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port_of(web)), timeout=TIMEOUT).close()
    web.stop()  # idempotent


def test_idle_connections_are_closed(monkeypatch: pytest.MonkeyPatch, web: DemoWeb) -> None:
    monkeypatch.setattr(lean_module, "IDLE_TIMEOUT", 0.3)
    with connect(web) as idle, connect(web) as busy, busy.makefile("rb") as reader:
        started = time.monotonic()
        for _ in range(4):  # requests keep a connection alive
            busy.sendall(get("/robots.txt"))
            assert read_response(reader)[0] == 200
            time.sleep(0.1)
        assert closed_by_server(idle)
        assert 0.25 < time.monotonic() - started < 3.0
        busy.sendall(get("/robots.txt"))
        assert read_response(reader)[0] == 200
        assert closed_by_server(busy)


def test_streamed_and_delayed_responses_are_refused(threaded_web: DemoWeb) -> None:
    # The bench host has neither; a lean server for tagesblick shows what would happen.
    server = LeanServer(threaded_web, "tagesblick")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
        for page in ("slow", "too_large"):
            connection.request("GET", broken_page(page).path)
            response = connection.getresponse()
            assert response.status == 500
            assert b"streamed or delayed responses are not supported" in response.read()
        connection.request("GET", "/robots.txt")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()
