"""The benchmark's lean HTTP/1.1 server on an asyncio loop, for a host whose pages do not change.

The benchmark crawls the prerendered bench host on the same 2-core machine, so every CPU
millisecond the server spends is taken from the crawler. `BaseHTTPRequestHandler` costs
0.3-0.75 ms a page (email-based header parsing, per-header formatting, a thread per connection,
and the bench site finding the page); this server parses the few header fields it needs itself,
builds every response at start-up (`warm`), and writes the same bytes `RequestHandler` would.
What remains is mostly the kernel's cost of sending ~214 KB over loopback.

`python -m bench.lean_server N` serves the demo web with N prerendered bench articles on it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from typing import cast
from urllib.parse import urlsplit

from crawler.demoweb.common import TEXT, Response
from crawler.demoweb.corpus import BENCH_HOST, SITEMAP_SIZE, bench_article_path
from crawler.demoweb.corpus_words import SECTIONS
from crawler.demoweb.server import (
    IDLE_TIMEOUT,
    DemoWeb,
    RequestHandler,
    etag,
    http_date,
    not_modified,
    serve_until_signalled,
)
from crawler.demoweb.site_bench import SITEMAP_INDEX, TOPICS, BenchSite

_MAX_HEAD = 64 * 1024  # request line and header fields; larger blocks get 431
_CACHE_LIMIT = 20_000  # distinct request targets kept; junk URLs cannot grow memory forever
_VERSION = re.compile(rb"HTTP/(\d{1,9})\.(\d{1,9})")
# BaseHTTPRequestHandler.version_string() joins these with a space, even when sys_version is
# empty: the trailing space is on the wire and kept here so both servers send equal bytes.
_SERVER = f"Server: {RequestHandler.server_version} {RequestHandler.sys_version}\r\n"
_END = b"\r\n"
_END_CLOSE = b"Connection: close\r\n\r\n"
_UNSUPPORTED = b"demoweb lean server: streamed or delayed responses are not supported\n"
_NOT_ALLOWED = Response(405, b"method not allowed\n", TEXT, headers=(("Allow", "GET, HEAD"),))


def _status_line(status: int) -> str:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""  # what BaseHTTPRequestHandler sends for a code it does not know
    return f"{RequestHandler.protocol_version} {status} {reason}\r\n"


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A response as bytes: header block around the Date value, and the body to write."""

    response: Response
    head: bytes  # status line, Server, "Date: "
    tail: bytes  # end of the Date line and every other header line, without the blank line
    etag: str | None  # set for conditional responses: a 304 may be answered instead
    head_304: bytes
    tail_304: bytes
    close: bool  # the response itself says "Connection: close"

    @classmethod
    def build(cls, response: Response) -> _Prepared:
        """The header lines `RequestHandler._send` writes, in its order."""
        own = list(response.headers)
        tag = None
        if response.conditional:
            tag = etag(response.body)
            own.append(("ETag", tag))
            if response.last_modified is not None:
                own.append(("Last-Modified", http_date(response.last_modified)))
        entity = f"Content-Type: {response.content_type}\r\n" if response.content_type else ""
        entity += f"Content-Length: {response.length}\r\n"
        fields = "".join(f"{name}: {value}\r\n" for name, value in own)
        return cls(
            response=response,
            head=(_status_line(response.status) + _SERVER + "Date: ").encode("latin-1"),
            tail=("\r\n" + entity + fields).encode("latin-1"),
            etag=tag,
            head_304=(_status_line(304) + _SERVER + "Date: ").encode("latin-1"),
            tail_304=("\r\n" + fields).encode("latin-1"),
            close=any(
                name.lower() == "connection" and value.lower() == "close" for name, value in own
            ),
        )


class LeanServer:
    """Serves one host key of a `DemoWeb` from an asyncio loop.

    It offers the part of the socketserver interface `DemoWeb` drives (`server_address`,
    `serve_forever`, `shutdown`, `server_close`), so both kinds of server share its lifecycle.
    Responses are cached per request target until a hook changes what the site serves.
    `DemoWeb.in_flight` is not counted: every answer is written at once, none waits.
    """

    def __init__(self, web: DemoWeb, host: str) -> None:
        self.web = web
        self.host_key = host
        # Bound here, not in the loop: the caller needs the port before serving starts.
        self._socket = socket.create_server(("127.0.0.1", 0), backlog=128)
        address = self._socket.getsockname()
        self.server_address: tuple[str, int] = (address[0], address[1])
        # Each entry carries the hook generation it was built in and is only used in that one.
        self._cache: dict[str, tuple[int, _Prepared]] = {}
        self._generation = web.hook_generation
        self._connections: set[_Connection] = set()
        self._lock = threading.Lock()  # guards the three fields below across threads
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = False
        self._shutdown_requested = False
        self._finished = threading.Event()
        self._date_second = -1
        self._date = b""

    # --- lifecycle (called from other threads) ---------------------------------------------

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        """Serves until `shutdown()`; `poll_interval` is accepted for socketserver's signature
        only: the loop is woken by shutdown() itself."""
        with self._lock:
            if self._started:
                raise RuntimeError("serve_forever is already running")
            self._started = True
        loop = asyncio.new_event_loop()
        try:
            server = loop.run_until_complete(
                loop.create_server(lambda: _Connection(self), sock=self._socket, backlog=128)
            )
            with self._lock:
                self._loop = loop
                stop_now = self._shutdown_requested
            if not stop_now:
                loop.run_forever()
            server.close()
            for connection in list(self._connections):
                connection.abort()
            # One more turn of the loop runs connection_lost, which closes the sockets.
            loop.run_until_complete(asyncio.sleep(0))
        finally:
            with self._lock:
                self._loop = None
            loop.close()
            self._finished.set()

    def shutdown(self) -> None:
        """Stops serve_forever, dropping open connections, and waits until it has returned."""
        with self._lock:
            self._shutdown_requested = True
            loop, started = self._loop, self._started
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        if started:
            self._finished.wait()

    def server_close(self) -> None:
        """Closes the listening socket (already closed when serve_forever ran)."""
        self._socket.close()

    # --- used by connections, on the loop ------------------------------------------------------

    def warm(self, targets: Iterable[str]) -> None:
        """Builds these targets' responses now (at start-up), not when the crawl asks for them.

        Safe while serving: entries are tagged with their generation like any other.
        """
        for target in targets:
            self.prepared(target, limit=False)

    def prepared(self, target: str, limit: bool = True) -> _Prepared:
        """The response for a request target, from the cache while no hook has been called."""
        web = self.web
        generation = web.hook_generation
        if generation != self._generation:
            self._cache.clear()  # only frees memory: the generation tag decides what is valid
            self._generation = generation
        cached = self._cache.get(target)
        if cached is not None and cached[0] == generation:
            return cached[1]
        parts = urlsplit(target)
        cacheable = True
        try:
            response = web.dispatch(self.host_key, parts.path or "/", parts.query)
        except Exception as exc:  # a bug in a fixture page must not kill the server
            response = Response(500, f"demoweb error: {exc!r}\n".encode(), TEXT)
            cacheable = False
        if response.stream is not None or response.delay > 0:
            # Neither would fit a server that answers every request at once from memory; the
            # threaded server serves those hosts.
            response = Response(500, _UNSUPPORTED, TEXT)
            cacheable = False
        prepared = _Prepared.build(response)
        # A hook called while the page was built may or may not show in it: not cached then.
        room = not limit or len(self._cache) < _CACHE_LIMIT
        if cacheable and room and web.hook_generation == generation:
            self._cache[target] = (generation, prepared)
        return prepared

    def date(self) -> bytes:
        """The Date value, formatted once a second (as `RequestHandler.date_time_string` does)."""
        now = time.time()
        second = int(now)
        if second != self._date_second:
            self._date = formatdate(now, usegmt=True).encode("ascii")
            self._date_second = second
        return self._date


class _Connection(asyncio.Protocol):
    """One client connection: requests are answered in order as soon as their head is in."""

    def __init__(self, server: LeanServer) -> None:
        self._server = server
        self._loop = asyncio.get_running_loop()
        self._transport: asyncio.Transport | None = None
        self._buffer = b""
        self._closing = False
        self._eof = False
        self._paused = False  # the client does not read: answer nothing more until it does
        self._reading_paused = False
        self._active = self._loop.time()
        self._timer: asyncio.TimerHandle | None = None

    # --- asyncio callbacks -------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)
        self._server._connections.add(self)
        self._timer = self._loop.call_later(IDLE_TIMEOUT, self._check_idle)

    def connection_lost(self, exc: Exception | None) -> None:
        self._closing = True
        self._server._connections.discard(self)
        if self._timer is not None:
            self._timer.cancel()

    def data_received(self, data: bytes) -> None:
        self._active = self._loop.time()
        self._buffer = self._buffer + data if self._buffer else data
        if self._paused:
            if len(self._buffer) > _MAX_HEAD and not self._reading_paused:
                self._reading_paused = True  # pipelined requests pile up: stop reading too
                assert self._transport is not None
                self._transport.pause_reading()
            return
        self._answer_buffered()

    def eof_received(self) -> bool:
        self._eof = True
        # True keeps the transport open for requests still waiting for the client to read;
        # False lets it close itself once everything written is sent.
        return self._paused and bool(self._buffer)

    def pause_writing(self) -> None:
        self._paused = True

    def resume_writing(self) -> None:
        self._paused = False
        self._active = self._loop.time()
        if self._reading_paused:
            self._reading_paused = False
            assert self._transport is not None
            self._transport.resume_reading()
        self._answer_buffered()
        if self._eof and not self._paused:
            self._close()

    def abort(self) -> None:
        self._closing = True
        if self._transport is not None:
            self._transport.abort()

    # --- requests ----------------------------------------------------------------------------

    def _answer_buffered(self) -> None:
        while not self._paused and not self._closing:
            buffer = self._buffer
            if buffer[:2] == b"\r\n":
                buffer = self._buffer = buffer.lstrip(b"\r\n")  # RFC 9112 2.2: tolerated
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(buffer) > _MAX_HEAD:
                    self._refuse(431, "request header fields too large")
                return
            if end > _MAX_HEAD:
                self._refuse(431, "request header fields too large")
                return
            self._buffer = buffer[end + 4 :]
            self._answer(buffer[:end])

    def _answer(self, head: bytes) -> None:
        lines = head.split(b"\r\n")
        words = lines[0].split()
        if len(words) != 3:
            self._refuse(400, "bad request line")
            return
        method, target = words[0].decode("latin-1"), words[1].decode("latin-1")
        if words[2] == b"HTTP/1.1":
            keep_alive = True
        else:
            match = _VERSION.fullmatch(words[2])
            if match is None:
                self._refuse(400, "bad HTTP version")
                return
            if int(match.group(1)) >= 2:
                self._refuse(505, "HTTP version not supported")
                return
            keep_alive = (int(match.group(1)), int(match.group(2))) >= (1, 1)
        fields: dict[str, str] = {}
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            # No whitespace before the colon and no folded lines (RFC 9112 5.1, 5.2).
            if not colon or not name or name != name.strip():
                self._refuse(400, "bad header field")
                return
            fields.setdefault(name.decode("latin-1").lower(), value.strip().decode("latin-1"))
        connection = {token.strip() for token in fields.get("connection", "").lower().split(",")}
        if "close" in connection:
            keep_alive = False
        elif "keep-alive" in connection:
            keep_alive = True
        # A body is never read: the connection is closed after the answer instead, so its
        # bytes cannot be taken for the next request.
        length = fields.get("content-length")
        body_follows = "transfer-encoding" in fields or (length is not None and length != "0")
        if target.startswith("//"):
            target = "/" + target.lstrip("/")  # as BaseHTTPRequestHandler does (gh-87389)
        if method == "GET" or method == "HEAD":
            prepared = self._server.prepared(target)
        else:
            prepared = _Prepared.build(_NOT_ALLOWED)
        self._respond(method, target, fields, prepared, keep_alive, body_follows)

    def _respond(
        self,
        method: str,
        target: str,
        fields: dict[str, str],
        prepared: _Prepared,
        keep_alive: bool,
        body_follows: bool,
    ) -> None:
        server = self._server
        status = prepared.response.status
        body = b"" if method == "HEAD" else prepared.response.body
        head, tail = prepared.head, prepared.tail
        if (
            prepared.etag is not None
            and status == 200
            and not_modified(
                prepared.response,
                prepared.etag,
                fields.get("if-none-match"),
                fields.get("if-modified-since"),
            )
        ):
            status, body, head, tail = 304, b"", prepared.head_304, prepared.tail_304
        # Logged before the client can see the answer, as `RequestHandler` does.
        server.web.log_request((server.host_key, method, target, status))
        assert self._transport is not None
        end = _END_CLOSE if body_follows else _END
        self._transport.write(head + server.date() + tail + end)
        if body:
            self._transport.write(body)  # the cached object itself: no copy of the page
        if body_follows or prepared.close or not keep_alive:
            self._close()

    def _refuse(self, status: int, message: str) -> None:
        """An unparseable request: answered with an error, then the connection is closed."""
        prepared = _Prepared.build(Response(status, message.encode() + b"\n", TEXT))
        assert self._transport is not None
        self._transport.write(
            prepared.head
            + self._server.date()
            + prepared.tail
            + _END_CLOSE
            + prepared.response.body
        )
        self._close()

    def _close(self) -> None:
        self._closing = True
        self._buffer = b""
        if self._transport is not None:
            self._transport.close()  # after the data already written is sent

    def _check_idle(self) -> None:
        idle = self._loop.time() - self._active
        if idle >= IDLE_TIMEOUT:
            self.abort()  # also when the client stopped reading: the rest is never sent
        else:
            self._timer = self._loop.call_later(IDLE_TIMEOUT - idle, self._check_idle)


def bench_targets(count: int) -> list[str]:
    """What a crawl of a bench host with `count` articles asks for: discovery, listings and
    every article (each once, so only a warmed cache saves the server building them then)."""
    sitemaps = [f"/sitemaps/artikel-{k}.xml" for k in range(-(-count // SITEMAP_SIZE))]
    listings = ["/", *(f"/{key}/" for key, _ in SECTIONS), *TOPICS]
    articles = [bench_article_path(i) for i in range(count)]
    return ["/robots.txt", SITEMAP_INDEX, *sitemaps, *listings, *articles]


def lean_bench_web(
    bench_articles: int, slow_seconds: float = 3.0, large_bytes: int = 12 * 1024 * 1024
) -> DemoWeb:
    """A started `DemoWeb` whose bench host is prerendered and served by a `LeanServer`.

    The benchmark's server then takes a fraction of the CPU the threaded one needs. Each page is
    fetched once a crawl, so only responses built now (`warm`) save the crawl's CPU.
    """
    if bench_articles < 1:
        raise ValueError("a lean bench web needs at least one bench article")
    web = DemoWeb(bench_articles, slow_seconds, large_bytes, servers={BENCH_HOST: LeanServer})
    try:
        site, server = web.site(BENCH_HOST), web.server(BENCH_HOST)
        assert isinstance(site, BenchSite) and isinstance(server, LeanServer)
        site.prerender(web.base_url(BENCH_HOST))
        server.warm(bench_targets(bench_articles))
    except BaseException:
        web.stop()
        raise
    return web


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.lean_server",
        description="Serve the demo web with N prerendered bench articles until interrupted.",
    )
    parser.add_argument("articles", type=int, metavar="N", help="bench articles to serve (>= 1)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("N must be at least 1")
    serve_until_signalled(lambda: lean_bench_web(args.articles))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
