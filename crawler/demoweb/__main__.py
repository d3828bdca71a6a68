"""`python -m crawler.demoweb [--bench N]`: serve the demo web in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from crawler.demoweb.server import DemoWeb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.demoweb",
        description="Serve the sample news sites on 127.0.0.1 until interrupted.",
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
    parser.add_argument(
        "--prerender",
        action="store_true",
        help="render the bench pages at start-up (the benchmark's server then costs little CPU)",
    )
    args = parser.parse_args(argv)
    if args.bench < 0 or args.slow_seconds < 0 or args.large_bytes < 0:
        parser.error("--bench, --slow-seconds and --large-bytes must not be negative")

    done = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        done.set()

    # Ctrl-C and a supervisor's SIGTERM both just end the loop: no KeyboardInterrupt can land
    # half-way through start-up or the host listing.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with DemoWeb(
        args.bench, args.slow_seconds, args.large_bytes, prerender_bench=args.prerender
    ) as web:
        for host, url in web.hosts.items():
            print(f"{host:<12} {url}", flush=True)
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
