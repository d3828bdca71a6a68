"""The demo web server: one threaded HTTP/1.1 server per host key, all on 127.0.0.1."""

from __future__ import annotations

import contextlib
import hashlib
import signal
import socket
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType, TracebackType
from typing import Any, Protocol, cast
from urllib.parse import urlsplit

from crawler.demoweb.common import TEXT, DemoSite, Response
from crawler.demoweb.content import find_article
from crawler.demoweb.corpus import BENCH_HOST, bench_index
from crawler.demoweb.fixture import MIRRORS
from crawler.demoweb.site_aggregator import AggregatorSite
from crawler.demoweb.site_bench import BenchSite
from crawler.demoweb.site_coverage import COVERAGE_HOST, CoverageSite
from crawler.demoweb.site_many import GeneratedSite, ManySites, gen_host
from crawler.demoweb.site_rt import RtSite
from crawler.demoweb.site_sna import SnaSite
from crawler.demoweb.site_tagesblick import TagesblickSite

LogEntry = tuple[str, str, str, int]  # (host key, method, path with query, status; 0: no answer)

_POLL_SECONDS = 0.05  # how often serve_forever looks for shutdown(); bounds stop() latency
IDLE_TIMEOUT = 60.0  # an idle keep-alive connection is closed after this long


class HostServer(Protocol):
    """What `DemoWeb` drives of a host's server: the part of socketserver's interface it uses."""

    @property
    def server_address(self) -> tuple[Any, ...]: ...

    def serve_forever(self, poll_interval: float = 0.5) -> None: ...

    def shutdown(self) -> None: ...

    def server_close(self) -> None: ...


# Builds the server of one host key; `DemoWeb` binds it at start and serves it from a thread.
ServerFactory = Callable[["DemoWeb", str], HostServer]


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
        servers: Mapping[str, ServerFactory] | None = None,
        generated_sites: int = 0,
        generated_articles: int = 4,
    ) -> None:
        """`servers`: host key -> the factory of its server, for hosts not served by the
        threaded `ThreadedServer` (the benchmark serves its bench host from a leaner one)."""
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
        # Bumped by every hook: a server that caches pages keeps them only while the
        # generation they were built in lasts.
        self._hook_generation = 0
        self._factories: dict[str, ServerFactory] = dict(servers or {})
        rt = RtSite()
        self._sites: dict[str, DemoSite] = {
            "tagesblick": TagesblickSite(),
            "rt": rt,
            "rt-mirror": rt,
            "sna": SnaSite(),
            "aggregator": AggregatorSite(),
            COVERAGE_HOST: CoverageSite(),
        }
        if bench_articles:
            self._sites[BENCH_HOST] = BenchSite(bench_articles)
        # Many small sites (crawler/demoweb/site_many.py), hosts gen-00, gen-01, ...
        self.generated: ManySites | None = None
        if generated_sites:
            self.generated = ManySites(generated_sites, generated_articles)
            for n in range(generated_sites):
                self._sites[gen_host(n)] = GeneratedSite(self.generated, n)
        unknown = set(self._factories) - set(self._sites)
        if unknown:
            raise ValueError(f"servers given for hosts not served: {sorted(unknown)}")
        self._servers: dict[str, HostServer] = {}
        self._threads: list[threading.Thread] = []
        self._bases: dict[str, str] = {}
        self.start()

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

    def _new_server(self, host: str) -> HostServer:
        factory = self._factories.get(host)
        return factory(self, host) if factory is not None else ThreadedServer(self, host)

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

    def site(self, host: str) -> DemoSite:
        """The site object that answers a host key's requests."""
        self._check_host(host)
        return self._sites[host]

    def server(self, host: str) -> HostServer:
        """The server of a host key (bound at start)."""
        self._check_host(host)
        return self._servers[host]

    @property
    def hook_generation(self) -> int:
        """Changes whenever a hook changes what is served: a page cache is valid within one."""
        with self._lock:
            return self._hook_generation

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

    def dispatch(self, host: str, path: str, query: str) -> Response:
        """The response of a host key's site to a request (what every server sends)."""
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

    def log_request(self, entry: LogEntry) -> None:
        """Appends to `request_log`; a server calls it before the client can see the answer."""
        with self._lock:
            self.request_log.append(entry)

    def _end(self) -> None:
        with self._lock:
            self._in_flight -= 1


def serve_until_signalled(make_web: Callable[[], DemoWeb]) -> None:
    """Starts the web `make_web` builds, prints each host's URL, serves until SIGINT/SIGTERM."""
    done = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        done.set()

    # Ctrl-C and a supervisor's SIGTERM both just end the loop: no KeyboardInterrupt can land
    # half-way through start-up or the host listing.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with make_web() as web:
        for host, url in web.hosts.items():
            print(f"{host:<12} {url}", flush=True)
        while not done.wait(0.5):
            pass


class ThreadedServer(ThreadingHTTPServer):
    """The default server of a host: one thread per connection."""

    daemon_threads = True  # a hung client must never keep the process alive
    request_queue_size = 128  # the benchmark opens many connections at once

    def __init__(self, web: DemoWeb, host: str) -> None:
        self.web = web
        self.host_key = host
        super().__init__(("127.0.0.1", 0), RequestHandler)


def etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC).replace(microsecond=0), usegmt=True)


def not_modified(
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


class RequestHandler(BaseHTTPRequestHandler):
    """Answers a `ThreadedServer`'s requests from its host's site."""

    protocol_version = "HTTP/1.1"  # keep-alive, so Content-Length must always be right
    server_version = "DemoWeb/1.0"
    sys_version = ""
    timeout = IDLE_TIMEOUT
    _logged = False  # whether the current request is in request_log yet

    @property
    def _srv(self) -> ThreadedServer:
        return cast(ThreadedServer, self.server)

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
                    response = web.dispatch(self._srv.host_key, parts.path or "/", parts.query)
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
        self._srv.web.log_request((self._srv.host_key, self.command, self.path, status))

    def _discard_request_body(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def _send(self, response: Response, head: bool) -> None:
        headers = list(response.headers)
        status = response.status
        send_body = not head
        if response.conditional:
            tag = etag(response.body)
            headers.append(("ETag", tag))
            if response.last_modified is not None:
                headers.append(("Last-Modified", http_date(response.last_modified)))
            if status == 200 and not_modified(
                response,
                tag,
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
