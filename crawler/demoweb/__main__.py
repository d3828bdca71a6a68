"""`python -m crawler.demoweb [--bench N]`: serve the demo web in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse

from crawler.demoweb.server import DemoWeb, serve_until_signalled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.demoweb",
        description="Serve the sample news sites on 127.0.0.1 until interrupted; "
        "prints each site's host key and base URL.",
    )
    parser.add_argument(
        "--bench", type=int, default=0, metavar="N", help="also serve N generated bench articles"
    )
    parser.add_argument(
        "--slow-seconds", type=float, default=3.0, help="delay of the slow page (default 3)"
    )
    parser.add_argument(
        "--large-bytes",
        type=int,
        default=12 * 1024 * 1024,
        help="size of the oversized page in bytes (default 12 MiB)",
    )
    args = parser.parse_args(argv)
    if args.bench < 0 or args.slow_seconds < 0 or args.large_bytes < 0:
        parser.error("--bench, --slow-seconds and --large-bytes must not be negative")
    serve_until_signalled(lambda: DemoWeb(args.bench, args.slow_seconds, args.large_bytes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
