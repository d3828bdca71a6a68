"""`newsarchive serve`: the archive browser (crawler/web/) on a local port, read-only."""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

from crawler.cli_common import CliError, _config, archive_location, open_archive


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a taken port is one line, not a log record."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from crawler.web.app import create_app

    if not 0 < args.port < 65536:
        raise CliError(f"--port takes a port number from 1 to 65535, got {args.port}")
    config = _config()
    # Never creates an archive, and the engine cannot write to the one it opens.
    engine = open_archive(config, readonly=True)
    where = archive_location(config.database_url_resolved)
    sock = _listen(args.host, args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"serving the archive at {where} on http://{shown}:{args.port}/ (read-only; Ctrl-C stops)",
        file=sys.stderr,
        flush=True,
    )
    app = create_app(engine, config.data_dir)
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    )
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        engine.dispose()
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("serve", help="browse the archive in a web browser (read-only)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.set_defaults(func=cmd_serve)
