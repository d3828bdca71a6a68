"""Benchmark: what our extraction costs against plain `trafilatura.extract()` on the same pages.

Usage: .venv/bin/python bench/extract_cost.py [--rounds 15] [--set heldout|demo|bench|all]
       [--bench-pages 20]
       .venv/bin/python bench/extract_cost.py --instructions [--set ...] [--loops 1] [--loop-only]

Ours is `pipelines.extract.extract_article` on (url, bytes, headers), everything the crawl's
workers and `reextract` run for a page: decoding, parsing, site rules, metadata, trafilatura,
cleaning, language, hash. Plain is `trafilatura.extract(html, url=url)` with its defaults on
the same bytes. The page sets: the held-out evaluation pages (tests/eval/pages), the demo-web
fixture articles, and generated pages of the crawl benchmark (~214 KB each, the DOM weight of
real news pages).

Timing: one process; each round runs every page through both, one right after the other (which
goes first alternates by round), with the garbage collector off while a page is timed; CPU time
(time.process_time). A round's ratio is our total over plain's total for the set; the median
over rounds is printed with its spread and the ms per page of both. On a shared machine whose
speed drifts from minute to minute the ratio holds where absolute times do not.

--instructions confirms the ratio without the clock: it runs this script under valgrind's
callgrind three times (warm-up only; warm-up then ours; warm-up then plain; PYTHONHASHSEED=0)
and divides the instructions ours added by the instructions plain added. Slow (callgrind runs
code ~50x slower): use one set and --loops 1. With --loop-only it runs twice (warm-up then
ours; warm-up then plain) and counts only the measured loop, called through sys.call_tracing
(callgrind collecting inside that call alone): no whole run subtracted from another, whose
counts move by a few percent from run to run, while the loop's agree within 0.1%.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.eval_extraction import load_demo, load_heldout  # noqa: E402
from crawler.model.types import CleaningRules, ExtractInput  # noqa: E402
from pipelines.extract import extract_article  # noqa: E402
from pipelines.language import load_profiles  # noqa: E402

SETS = ("heldout", "demo", "bench")


@dataclass(frozen=True)
class Page:
    url: str
    html: bytes
    content_type: str
    rules: CleaningRules


def load_pages(name: str, bench_pages: int) -> list[Page]:
    if name == "bench":
        from crawler.demoweb.corpus import bench_article_html

        return [
            Page(
                f"http://127.0.0.1/bench/{i}.html",
                bench_article_html(i),
                "text/html",
                CleaningRules(),
            )
            for i in range(bench_pages)
        ]
    cases = load_heldout() if name == "heldout" else load_demo()
    return [Page(case.url, case.html, case.content_type, case.rules) for case in cases]


def ours(page: Page) -> None:
    extract_article(
        ExtractInput(
            url=page.url,
            body=page.html,
            headers={"content-type": page.content_type},
            rules=page.rules,
        )
    )


def plain(page: Page) -> None:
    trafilatura.extract(page.html, url=page.url)


Extractor = Callable[[Page], None]


@dataclass(frozen=True)
class Result:
    ratios: list[float]
    ours_ms: float
    plain_ms: float

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


def measure(pages: Sequence[Page], rounds: int) -> Result:
    ratios: list[float] = []
    ours_totals: list[float] = []
    plain_totals: list[float] = []
    for number in range(rounds):
        order: tuple[tuple[str, Extractor], ...] = (("ours", ours), ("plain", plain))
        if number % 2:
            order = order[::-1]
        totals = {"ours": 0.0, "plain": 0.0}
        for page in pages:
            gc.collect()
            gc.disable()
            try:
                for name, extractor in order:
                    start = time.process_time()
                    extractor(page)
                    totals[name] += time.process_time() - start
            finally:
                gc.enable()
        ratios.append(totals["ours"] / totals["plain"])
        ours_totals.append(totals["ours"])
        plain_totals.append(totals["plain"])
    count = len(pages)
    return Result(
        ratios=ratios,
        ours_ms=1000 * statistics.median(ours_totals) / count,
        plain_ms=1000 * statistics.median(plain_totals) / count,
    )


def warm_up(pages: Sequence[Page]) -> None:
    """Imports, langdetect's profiles, compiled patterns: what a worker has before its pages."""
    load_profiles()
    for page in pages:
        ours(page)
        plain(page)


# --- instruction counts ----------------------------------------------------------------------

_COLLECTED_RE = re.compile(r"Collected\s*:\s*(\d+)")


def _callgrind(args: list[str], *, loop_only: bool = False) -> int:
    # Loop only: collected inside sys.call_tracing, which run_only calls the loop through.
    toggle = ["--collect-atstart=no", "--toggle-collect=sys_call_tracing"] if loop_only else []
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind",
            "--tool=callgrind",
            *toggle,
            f"--callgrind-out-file={tmp}/out",
            sys.executable,
            str(Path(__file__).resolve()),
            *args,
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    match = _COLLECTED_RE.search(done.stderr)
    if done.returncode or match is None:
        raise SystemExit(f"callgrind run failed ({done.returncode}): {done.stderr[-500:]}")
    return int(match.group(1))


def instructions(sets: Sequence[str], bench_pages: int, loops: int, loop_only: bool) -> None:
    common = ["--bench-pages", str(bench_pages), "--loops", str(loops)]
    for name in sets:
        counts = {
            only: _callgrind(["--set", name, "--only", only, *common], loop_only=loop_only)
            for only in (("ours", "plain") if loop_only else ("none", "ours", "plain"))
        }
        ours_added = counts["ours"] - counts.get("none", 0)
        plain_added = counts["plain"] - counts.get("none", 0)
        print(
            f"{name:8} instructions: ours {ours_added / 1e6:,.0f} M,"
            f" plain {plain_added / 1e6:,.0f} M, ratio {ours_added / plain_added:.3f}",
            flush=True,
        )


def run_only(pages: Sequence[Page], only: str, loops: int) -> None:
    warm_up(pages)
    extractor = {"ours": ours, "plain": plain}.get(only)
    if extractor is not None:

        def loop() -> None:
            for _ in range(loops):
                for page in pages:
                    extractor(page)

        sys.call_tracing(loop, ())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds over every page")
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--bench-pages", type=int, default=20, help="generated pages in 'bench'")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under callgrind instead"
    )
    parser.add_argument("--loops", type=int, default=1, help="with --instructions: runs a page")
    parser.add_argument(
        "--loop-only",
        action="store_true",
        help="with --instructions: count the measured loop alone, not a run less the warm-up",
    )
    parser.add_argument("--only", choices=("none", "ours", "plain"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sets = SETS if args.set == "all" else (args.set,)
    if args.instructions:
        instructions(sets, args.bench_pages, args.loops, args.loop_only)
        return 0
    if args.only is not None:
        run_only(
            [p for name in sets for p in load_pages(name, args.bench_pages)], args.only, args.loops
        )
        return 0
    print(f"{'set':8} {'pages':>5} {'ours ms':>8} {'plain ms':>8} {'ratio':>6}  (rounds: min-max)")
    for name in sets:
        pages = load_pages(name, args.bench_pages)
        warm_up(pages)
        result = measure(pages, args.rounds)
        print(
            f"{name:8} {len(pages):5} {result.ours_ms:8.2f} {result.plain_ms:8.2f}"
            f" {result.ratio:6.3f}  ({min(result.ratios):.3f}-{max(result.ratios):.3f})",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
