"""The demo web server: one threaded HTTP/1.1 server per host key, all on 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from crawler.demoweb.common import TEXT, DemoSite, Response
from crawler.demoweb.content import MIRRORS, find_article
from crawler.demoweb.corpus import BENCH_HOST, bench_index
from crawler.demoweb.site_aggregator import AggregatorSite
from crawler.demoweb.site_bench import BenchSite
from crawler.demoweb.site_rt import RtSite
from crawler.demoweb.site_sna import SnaSite
from crawler.demoweb.site_tagesblick import TagesblickSite

if TYPE_CHECKING:
    from crawler.demoweb.lean import LeanServer

LogEntry = tuple[str, str, str, int]  # (host key, method, path with query, status; 0: no answer)

_POLL_SECONDS = 0.05  # how often serve_forever looks for shutdown(); bounds stop() latency
_IDLE_TIMEOUT = 60.0  # an idle keep-alive connection is closed after this long


class DemoWeb:
    """Sample news sites on loopback, each host key on its own free port.

    Construction binds and starts the servers (so `DemoWeb()` alone is usable); the context
    manager stops them on exit. Hooks (`break_site`, `edit_article`) change what is served
    from the next request on; `request_log` records every request for assertions.
    """

    def __init__(
        self,
        bench_articles: int = 0,
        slow_seconds: float = 3.0,
        large_bytes: int = 12 * 1024 * 1024,
        *,
        prerender_bench: bool = False,
    ) -> None:
        if bench_articles < 0 or slow_seconds < 0 or large_bytes < 0:
            raise ValueError("bench_articles, slow_seconds and large_bytes must be >= 0")
        self._bench_articles = bench_articles
        self._slow_seconds = slow_seconds
        self._large_bytes = large_bytes
        self.request_log: list[LogEntry] = []
        self._lock = threading.Lock()
        self._broken: set[str] = set()
        self._edited: set[tuple[str, str]] = set()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._in_flight = 0
        # Bumped by every hook: the lean bench server keeps its cached pages only while the
        # generation they were built in lasts.
        self._hook_generation = 0
        # A prerendered bench host is served by the lean asyncio server (lean.py): the
        # benchmark's server then takes a fraction of the CPU the threaded one needs.
        self._lean_bench = prerender_bench
        rt = RtSite()
        self._sites: dict[str, DemoSite] = {
            "tagesblick": TagesblickSite(),
            "rt": rt,
            "rt-mirror": rt,
            "sna": SnaSite(),
            "aggregator": AggregatorSite(),
        }
        if bench_articles:
            self._sites[BENCH_HOST] = BenchSite(bench_articles)
        self._servers: dict[str, _HostServer | LeanServer] = {}
        self._threads: list[threading.Thread] = []
        self._bases: dict[str, str] = {}
        self.start()
        if prerender_bench and bench_articles:
            bench = self._sites[BENCH_HOST]
            assert isinstance(bench, BenchSite)
            bench.prerender(self._bases[BENCH_HOST])
            from crawler.demoweb.lean import bench_targets  # here: lean.py imports this module

            # Each page is fetched once a crawl: only responses built now save the crawl's CPU.
            lean = self._servers[BENCH_HOST]
            assert not isinstance(lean, _HostServer)
            lean.warm(bench_targets(bench_articles))

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> DemoWeb:
        """Binds every host to a free port and serves it from a daemon thread (idempotent)."""
        if self._stopping.is_set():
            raise RuntimeError("a stopped DemoWeb cannot be restarted; create a new one")
        if self._servers:
            return self
        try:
            for host in self._sites:
                self._servers[host] = self._new_server(host)
        except OSError:
            for server in self._servers.values():
                server.server_close()
            self._servers.clear()
            raise
        for host, server in self._servers.items():
            port = server.server_address[1]
            self._bases[host] = f"http://127.0.0.1:{port}/"
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": _POLL_SECONDS},
                name=f"demoweb-{host}",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)
        return self

    def _new_server(self, host: str) -> _HostServer | LeanServer:
        if host == BENCH_HOST and self._lean_bench:
            from crawler.demoweb.lean import LeanServer  # here: lean.py imports this module

            return LeanServer(self, host)
        return _HostServer(self, host)

    def stop(self) -> None:
        """Stops all servers and drops open connections; returns promptly even mid-request."""
        if self._stopping.is_set():
            return
        self._stopping.set()  # wakes the slow page and ends streamed bodies
        # shutdown() blocks until that server's loop notices (up to one poll interval); asking
        # all of them at once makes stop() cost one interval instead of one per host.
        stoppers = [threading.Thread(target=server.shutdown) for server in self._servers.values()]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for server in self._servers.values():
            server.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            # Idle keep-alive connections would otherwise be served by their threads until the
            # client hangs up, after the server is "stopped".
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=1.0)

    def __enter__(self) -> DemoWeb:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses and settings ----------------------------------------------------------------

    @property
    def hosts(self) -> dict[str, str]:
        """Host key -> base URL ("http://127.0.0.1:PORT/") for every served host."""
        return dict(self._bases)

    def base_url(self, host: str) -> str:
        try:
            return self._bases[host]
        except KeyError:
            raise KeyError(f"unknown demo host {host!r}; served: {sorted(self._bases)}") from None

    @property
    def slow_seconds(self) -> float:
        return self._slow_seconds

    @property
    def large_bytes(self) -> int:
        return self._large_bytes

    @property
    def bench_articles(self) -> int:
        return self._bench_articles

    @property
    def in_flight(self) -> int:
        """Requests being answered right now (lets tests wait for a slow request to start)."""
        with self._lock:
            return self._in_flight

    # --- hooks -----------------------------------------------------------------------------------

    def break_site(self, host: str) -> None:
        """From now on the host's article pages are 200s without article text (a redesign)."""
        self._check_host(host)
        with self._lock:
            self._broken.add(host)
            self._hook_generation += 1

    def repair_site(self, host: str) -> None:
        self._check_host(host)
        with self._lock:
            self._broken.discard(host)
            self._hook_generation += 1

    def edit_article(self, host: str, path: str) -> None:
        """From now on the article is served as `FixtureArticle.edited()`: one paragraph
        changed, one sentence added, dateModified later. A mirror shows the edit as well."""
        self._check_host(host)
        path = urlsplit(path).path or path  # a full URL is accepted too
        if host == BENCH_HOST:
            number = bench_index(path)
            if number is None or number >= self._bench_articles:
                raise KeyError(f"no bench article at {path}")
            key = (BENCH_HOST, path)
        else:
            article = find_article(host, path)
            if article is None:
                raise KeyError(f"no fixture article at {host}:{path}")
            key = article.key
        with self._lock:
            self._edited.add(key)
            self._hook_generation += 1

    def reset(self) -> None:
        """Undoes every break_site and edit_article, and empties the request log."""
        with self._lock:
            if self._broken or self._edited:
                self._hook_generation += 1
            self._broken.clear()
            self._edited.clear()
            self.request_log.clear()

    def is_broken(self, host: str) -> bool:
        with self._lock:
            return host in self._broken

    def is_edited(self, host: str, path: str) -> bool:
        with self._lock:
            return (MIRRORS.get(host, host), path) in self._edited

    def _check_host(self, host: str) -> None:
        if host not in self._sites:
            raise KeyError(f"unknown demo host {host!r}; served: {sorted(self._sites)}")

    # --- used by the request handler -----------------------------------------------------------

    def _dispatch(self, host: str, path: str, query: str) -> Response:
        return self._sites[host].handle(host, path, query, self)

    def _wait(self, seconds: float) -> bool:
        """Sleeps up to `seconds`; False when stop() interrupted the wait."""
        return not self._stopping.wait(seconds)

    def _track(self, connection: socket.socket, opened: bool) -> None:
        with self._lock:
            if opened:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _begin(self) -> None:
        with self._lock:
            self._in_flight += 1

    def _log(self, entry: LogEntry) -> None:
        with self._lock:
            self.request_log.append(entry)

    def _end(self) -> None:
        with self._lock:
            self._in_flight -= 1


class _HostServer(ThreadingHTTPServer):
    daemon_threads = True  # a hung client must never keep the process alive
    request_queue_size = 128  # the benchmark opens many connections at once

    def __init__(self, web: DemoWeb, host: str) -> None:
        self.web = web
        self.host_key = host
        super().__init__(("127.0.0.1", 0), _Handler)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _not_modified(
    response: Response, etag: str, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    """RFC 9110 13.2.2: If-None-Match wins; If-Modified-Since only counts without it.

    Takes the two header values rather than a header object: both servers parse differently.
    """
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if if_modified_since is None or response.last_modified is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return response.last_modified.replace(microsecond=0) <= since


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so Content-Length must always be right
    server_version = "DemoWeb/1.0"
    sys_version = ""
    timeout = _IDLE_TIMEOUT
    _logged = False  # whether the current request is in request_log yet

    @property
    def _srv(self) -> _HostServer:
        return cast(_HostServer, self.server)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: tests start the demo web many times and read `request_log` instead."""

    def setup(self) -> None:
        super().setup()
        self._srv.web._track(self.connection, opened=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self._srv.web._track(self.connection, opened=False)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        self._serve(head=False, allowed=False)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _serve(self, head: bool, allowed: bool = True) -> None:
        web = self._srv.web
        self._logged = False
        web._begin()
        try:
            if web._stopping.is_set():
                self.close_connection = True
                return
            if not allowed:
                response = Response(
                    405, b"method not allowed\n", TEXT, headers=(("Allow", "GET, HEAD"),)
                )
                self._discard_request_body()
            else:
                parts = urlsplit(self.path)
                try:
                    response = web._dispatch(self._srv.host_key, parts.path or "/", parts.query)
                except Exception as exc:  # a bug in a fixture page must not kill the server
                    response = Response(500, f"demoweb error: {exc!r}\n".encode(), TEXT)
            if response.delay > 0 and not web._wait(response.delay):
                self.close_connection = True  # stopped while waiting: hang up without answer
                return
            self._send(response, head)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        finally:
            if not self._logged:
                self._log(0)  # no answer: stopped while waiting, or the client went away
            web._end()

    def _log(self, status: int) -> None:
        self._logged = True
        self._srv.web._log((self._srv.host_key, self.command, self.path, status))

    def _discard_request_body(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def _send(self, response: Response, head: bool) -> None:
        headers = list(response.headers)
        status = response.status
        send_body = not head
        if response.conditional:
            etag = _etag(response.body)
            headers.append(("ETag", etag))
            if response.last_modified is not None:
                headers.append(("Last-Modified", _http_date(response.last_modified)))
            if status == 200 and _not_modified(
                response,
                etag,
                self.headers.get("If-None-Match"),
                self.headers.get("If-Modified-Since"),
            ):
                status, send_body = 304, False
        self.send_response(status)
        if status != 304:
            if response.content_type:
                self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(response.length))
        for name, value in headers:
            self.send_header(name, value)
        if self._srv.web._stopping.is_set():
            self.send_header("Connection", "close")
            self.close_connection = True
        # Logged before the client can see the answer, so a test reading request_log right
        # after its request returned always finds the entry.
        self._log(status)
        self.end_headers()
        if not send_body:
            return
        if response.stream is None:
            self.wfile.write(response.body)
            return
        for chunk in response.stream():
            if self._srv.web._stopping.is_set():
                self.close_connection = True
                break
            self.wfile.write(chunk)
