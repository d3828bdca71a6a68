"""Extraction quality and speed: our pipeline against plain trafilatura on held-out pages.

Usage: .venv/bin/python bench/eval_extraction.py [--repeats 7] [--set heldout|demo|both]
       [--failures ours|all|none]

Runs `pipelines.extract.extract_article` and plain trafilatura over the held-out evaluation
pages in `tests/eval/pages/` and, in a second table, over the 24 demo-web fixture articles
(which our rules were developed against, so they are no fair measure of generalisation). It
prints one table per set with, for every extractor side by side:

- body text precision, recall and F1 on tokens. A token is a maximal run of word characters
  (`\\w+`, so letters and digits; punctuation and list markers are not tokens), case-folded and
  NFC-normalised. Each page's output and ground truth body are bags of tokens; true positives
  are the multiset intersection; counts are summed over pages before dividing (micro-average).
- junk lines left: ground-truth junk strings found in the output (strings of 12+ characters
  anywhere, shorter ones as a whole output line), in total and the number of pages with any.
- body lines lost: ground-truth body lines whose token sequence does not occur in the output.
- title exact (whitespace-normalised), publication day correct (on pages that state a date; the
  day in the offset the extracted time carries, the publisher's own, else in Europe/Berlin: see
  `publication_day`), authors exact (same names in the same order), language correct; on pages whose
  ground truth has them (batch 3 on): seo_title exact (null when it equals the title) and
  agencies exact (same normalised names in the same order). An extractor without an agency or
  SEO-title field is scored as reporting none (plain trafilatura: n/a).
- CPU time per page: the median of `--repeats` runs per page (time.process_time), averaged over
  pages, and our time divided by each trafilatura configuration's.

Trafilatura configurations, all with `deduplicate=False` (its default):
- "traf. defaults": `trafilatura.extract(html, url=url)`, i.e. include_comments=True,
  with_metadata=False (no title, date or authors), favor_precision/recall off, tables on.
- "traf. +meta": `trafilatura.bare_extraction(html, url=url, with_metadata=True)`, comments
  kept and appended to the text as `extract()` does: what an archive needing metadata would run.
- "traf. +meta -comments": the same with include_comments=False.
Plain trafilatura detects no language (`language` stays None unless a target language is
given), so its language column reads "n/a".

Offline: the demo pages are rendered in-process, no server is started.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ itself first on sys.path, where a module named like an
# installed package would shadow it (bench/ once had incremental.py, shadowing Twisted's).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from crawler.model.types import CleaningRules, ExtractInput  # noqa: E402
from pipelines.extract import extract_article  # noqa: E402

EVAL_DIR = ROOT / "tests" / "eval" / "pages"
BERLIN = ZoneInfo("Europe/Berlin")
# Junk strings at least this long count when they occur anywhere in the output; shorter ones
# ("0", "Live", "Anzeige") only as a whole line (the demo web's `leaked_junk` rule).
SHORT_JUNK = 12
QUALITY_F1 = 0.98
MAX_TIME_RATIO = 1.3

_TOKEN_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"[ \t\u00a0]+")


# --- cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JunkLine:
    cls: str
    kind: str
    text: str


@dataclass(frozen=True)
class EvalCase:
    """One page with its ground truth, as the evaluation and the tests use it."""

    name: str
    url: str
    html: bytes
    content_type: str
    title: str
    published: date | None
    authors: tuple[str, ...]
    language: str
    body: tuple[str, ...]
    junk: tuple[JunkLine, ...]
    rules: CleaningRules = field(default_factory=CleaningRules)
    # Held-out batch: 1 = pages whose failures the generic rules were improved against,
    # 2 to 5 = pages written after each later round of improvements (tests/eval/README.md).
    batch: int = 1
    # Ground truth of batch 3 on only (None: the page's ground truth does not state it).
    agencies: tuple[str, ...] | None = None
    seo_title: str | None = None
    seo_title_known: bool = False


def load_heldout(directory: Path = EVAL_DIR) -> list[EvalCase]:
    """The held-out pages and their ground truth, in file order."""
    cases: list[EvalCase] = []
    for truth_path in sorted(directory.glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        published = truth.get("published")
        cases.append(
            EvalCase(
                name=truth_path.stem,
                url=truth["url"],
                html=truth_path.with_suffix(".html").read_bytes(),
                content_type=truth.get("content_type", "text/html; charset=utf-8"),
                title=truth["title"],
                published=date.fromisoformat(published) if published else None,
                authors=tuple(truth["authors"]),
                language=truth["language"],
                body=tuple(truth["body"]),
                junk=tuple(JunkLine(j["class"], j["kind"], j["text"]) for j in truth["junk"]),
                batch=int(truth.get("batch", 1)),
                agencies=tuple(truth["agencies"]) if "agencies" in truth else None,
                seo_title=truth.get("seo_title"),
                seo_title_known="seo_title" in truth,
            )
        )
    return cases


class _StubContext:
    """What the demo sites ask of a running DemoWeb, answered without starting servers."""

    _PORTS: ClassVar[dict[str, int]] = {
        "tagesblick": 8101,
        "rt": 8102,
        "rt-mirror": 8103,
        "sna": 8104,
        "aggregator": 8105,
    }

    slow_seconds = 0.0
    large_bytes = 0

    def base_url(self, host: str) -> str:
        return f"http://127.0.0.1:{self._PORTS.get(host, 8199)}/"

    def is_broken(self, host: str) -> bool:
        return False

    def is_edited(self, host: str, path: str) -> bool:
        return False


# Demo host -> the site module whose cleaning rules its crawl uses (tagesblick is crawled with
# the generic spider and has none).
_DEMO_SITE_KEYS = {"rt": "rt_de", "sna": "snanews", "aggregator": "aggregator"}


def load_demo() -> list[EvalCase]:
    """The 24 demo-web fixture articles, rendered in-process, with their site's rules."""
    from crawler.demoweb.content import ARTICLES
    from crawler.demoweb.site_aggregator import AggregatorSite
    from crawler.demoweb.site_rt import RtSite
    from crawler.demoweb.site_sna import SnaSite
    from crawler.demoweb.site_tagesblick import TagesblickSite
    from crawler.sites import get_site

    sites: dict[str, Any] = {
        "tagesblick": TagesblickSite(),
        "rt": RtSite(),
        "sna": SnaSite(),
        "aggregator": AggregatorSite(),
    }
    ctx = _StubContext()
    cases: list[EvalCase] = []
    for article in ARTICLES:
        response = sites[article.host].handle(article.host, article.path, "", ctx)
        site_key = _DEMO_SITE_KEYS.get(article.host)
        rules = get_site(site_key).cleaning if site_key else CleaningRules()
        cases.append(
            EvalCase(
                name=f"{article.host}{article.path}",
                url=article.url(ctx.base_url(article.host)),
                html=response.body,
                content_type=response.content_type or "text/html",
                title=article.title,
                published=article.published.astimezone(BERLIN).date(),
                authors=article.authors,
                language=article.language,
                body=article.body,
                junk=tuple(
                    JunkLine(junk.cls, junk.kind, text)
                    for junk in article.junk
                    for text in junk.texts
                    if text
                ),
                rules=rules,
            )
        )
    return cases


# --- extractors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Output:
    """What one extractor returned for one page, reduced to the evaluated fields."""

    text: str
    title: str | None = None
    published: date | None = None
    authors: tuple[str, ...] | None = None  # None: the extractor does not report authors
    language: str | None = None
    has_metadata: bool = True
    agencies: tuple[str, ...] | None = None  # None: the extractor has no agency field
    seo_title: str | None = None
    has_seo_title: bool = False


def publication_day(published: datetime) -> date:
    """The day a publication time falls on where it was published.

    A time that keeps the offset the page gave (`+03:00` of a service in Ankara or Minsk) is read
    in that offset: the day the page states. A time in UTC says nothing of the publisher's zone;
    German-language sites are read in Europe/Berlin, as the archive reads naive times.
    """
    if not published.utcoffset():
        return published.astimezone(BERLIN).date()
    return published.date()


def run_ours(case: EvalCase) -> Output:
    result = extract_article(
        ExtractInput(
            url=case.url,
            body=case.html,
            headers={"content-type": case.content_type},
            rules=case.rules,
        )
    )
    published = publication_day(result.published_at) if result.published_at else None
    return Output(
        text=result.text,
        title=result.title,
        published=published,
        authors=result.authors,
        language=result.language,
        agencies=tuple(getattr(result, "agencies", ())),
        seo_title=getattr(result, "seo_title", None),
        has_seo_title=True,
    )


def run_trafilatura_defaults(case: EvalCase) -> Output:
    text = trafilatura.extract(case.html, url=case.url)
    return Output(text=text or "", has_metadata=False)


def _run_trafilatura_meta(case: EvalCase, include_comments: bool) -> Output:
    document = trafilatura.bare_extraction(
        case.html, url=case.url, with_metadata=True, include_comments=include_comments
    )
    if document is None or isinstance(document, dict):
        return Output(text="", authors=())
    text = document.text or ""
    if include_comments and document.comments:
        text = f"{text}\n{document.comments}"  # as trafilatura.extract() returns it
    raw_date = document.date
    published = None
    if raw_date:
        try:
            published = date.fromisoformat(raw_date[:10])
        except ValueError:
            published = None
    authors = tuple(a.strip() for a in (document.author or "").split(";") if a.strip())
    return Output(
        text=text, title=document.title, published=published, authors=authors, language=None
    )


def run_trafilatura_meta(case: EvalCase) -> Output:
    return _run_trafilatura_meta(case, include_comments=True)


def run_trafilatura_meta_no_comments(case: EvalCase) -> Output:
    return _run_trafilatura_meta(case, include_comments=False)


Extractor = Callable[[EvalCase], Output]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("ours", run_ours),
    ("traf. defaults", run_trafilatura_defaults),
    ("traf. +meta", run_trafilatura_meta),
    ("traf. +meta -comments", run_trafilatura_meta_no_comments),
)


# --- scoring ---------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Word tokens as the evaluation counts them: `\\w+` runs, NFC, case-folded."""
    return _TOKEN_RE.findall(unicodedata.normalize("NFC", text).casefold())


def _collapse(text: str) -> str:
    return " ".join(text.split())


def junk_left(case: EvalCase, text: str) -> list[JunkLine]:
    """Ground-truth junk found in `text` (12+ characters anywhere, shorter as a whole line)."""
    normalised = _SPACE_RE.sub(" ", unicodedata.normalize("NFC", text))
    lines = {line.strip() for line in normalised.splitlines()}
    found: list[JunkLine] = []
    seen: set[str] = set()
    for junk in case.junk:
        needle = _collapse(unicodedata.normalize("NFC", junk.text))
        if not needle or needle in seen:
            continue
        hit = needle in normalised if len(needle) >= SHORT_JUNK else needle in lines
        if hit:
            seen.add(needle)
            found.append(junk)
    return found


def lines_lost(case: EvalCase, text: str) -> list[str]:
    """Ground-truth body lines whose token sequence does not occur in `text`."""
    haystack = f" {' '.join(tokens(text))} "
    return [line for line in case.body if f" {' '.join(tokens(line))} " not in haystack]


def lines_unknown(case: EvalCase, text: str) -> list[str]:
    """Output lines with a word the ground-truth body lacks: furniture the ground truth does
    not list as junk (or lists in another form), which only precision would show otherwise."""
    body = set(tokens(" ".join(case.body)))
    return [line for line in text.splitlines() if not set(tokens(line)) <= body]


@dataclass
class PageScore:
    name: str
    tp: int
    fp: int
    fn: int
    junk: list[JunkLine]
    lost: list[str]
    title_ok: bool | None  # None: the extractor reports no title
    date_ok: bool | None  # None: the page states no date, or the extractor reports none
    authors_ok: bool | None
    language_ok: bool | None
    output: Output
    agencies_ok: bool | None = None  # None: not in the ground truth, or no agency field
    seo_title_ok: bool | None = None
    seconds: float = 0.0

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.fp, self.fn)


def _f1(tp: int, fp: int, fn: int) -> float:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(case: EvalCase, out: Output) -> PageScore:
    got = Counter(tokens(out.text))
    want = Counter(tokens("\n".join(case.body)))
    tp = sum((got & want).values())
    return PageScore(
        name=case.name,
        tp=tp,
        fp=sum(got.values()) - tp,
        fn=sum(want.values()) - tp,
        junk=junk_left(case, out.text),
        lost=lines_lost(case, out.text),
        title_ok=(_collapse(out.title or "") == _collapse(case.title))
        if out.has_metadata
        else None,
        date_ok=(out.published == case.published)
        if out.has_metadata and case.published is not None
        else None,
        authors_ok=(out.authors == case.authors)
        if out.has_metadata and out.authors is not None
        else None,
        language_ok=(out.language == case.language) if out.language is not None else None,
        output=out,
        agencies_ok=(out.agencies == case.agencies)
        if case.agencies is not None and out.agencies is not None
        else None,
        seo_title_ok=(_collapse(out.seo_title or "") == _collapse(case.seo_title or ""))
        if case.seo_title_known and out.has_seo_title
        else None,
    )


# --- running ---------------------------------------------------------------------------------


def evaluate(
    cases: Sequence[EvalCase],
    extractors: Sequence[tuple[str, Extractor]],
    repeats: int,
) -> dict[str, list[PageScore]]:
    """Score every page with every extractor and time each `repeats` times.

    Timing is interleaved (page by page, extractor after extractor, round after round) so that
    drift in the machine's speed hits every extractor alike; a page's time is the median of its
    rounds (CPU seconds, time.process_time).
    """
    # Warm-up and scoring run over every page: imports, langdetect's profiles (loaded once per
    # process, as an extraction worker does at start-up), compiled patterns and caches.
    outputs = {name: [fn(case) for case in cases] for name, fn in extractors}
    timings: dict[str, list[list[float]]] = {name: [] for name, _ in extractors}
    for case in cases:
        rounds: dict[str, list[float]] = {name: [] for name, _ in extractors}
        gc.collect()
        gc.disable()  # a collection inside one timed run would be charged to that page
        try:
            for _ in range(max(1, repeats)):
                for name, fn in extractors:
                    start = time.process_time()
                    fn(case)
                    rounds[name].append(time.process_time() - start)
        finally:
            gc.enable()
        for name in rounds:
            timings[name].append(rounds[name])
    results: dict[str, list[PageScore]] = {}
    for name, _ in extractors:
        scores = []
        for case, out, runs in zip(cases, outputs[name], timings[name], strict=True):
            page = score(case, out)
            page.seconds = statistics.median(runs)
            scores.append(page)
        results[name] = scores
    return results


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float
    junk_total: int
    junk_pages: int
    lost_total: int
    title: tuple[int, int] | None
    dated: tuple[int, int] | None
    authors: tuple[int, int] | None
    language: tuple[int, int] | None
    ms_per_page: float
    agencies: tuple[int, int] | None = None
    seo_title: tuple[int, int] | None = None


def _ratio(values: Iterable[bool | None]) -> tuple[int, int] | None:
    known = [v for v in values if v is not None]
    return (sum(known), len(known)) if known else None


def summarise(scores: Sequence[PageScore]) -> Summary:
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    return Summary(
        precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        f1=_f1(tp, fp, fn),
        junk_total=sum(len(s.junk) for s in scores),
        junk_pages=sum(1 for s in scores if s.junk),
        lost_total=sum(len(s.lost) for s in scores),
        title=_ratio(s.title_ok for s in scores),
        dated=_ratio(s.date_ok for s in scores),
        authors=_ratio(s.authors_ok for s in scores),
        language=_ratio(s.language_ok for s in scores),
        ms_per_page=1000 * statistics.fmean(s.seconds for s in scores),
        agencies=_ratio(s.agencies_ok for s in scores),
        seo_title=_ratio(s.seo_title_ok for s in scores),
    )


def _fraction(value: tuple[int, int] | None) -> str:
    return "n/a" if value is None else f"{value[0]}/{value[1]}"


def format_table(title: str, pages: int, results: dict[str, list[PageScore]]) -> str:
    summaries = {name: summarise(scores) for name, scores in results.items()}
    ours = summaries.get("ours")
    rows: list[tuple[str, Callable[[Summary], str]]] = [
        ("body precision", lambda s: f"{s.precision:.4f}"),
        ("body recall", lambda s: f"{s.recall:.4f}"),
        ("body F1", lambda s: f"{s.f1:.4f}"),
        ("junk lines left (total)", lambda s: str(s.junk_total)),
        ("pages with junk left", lambda s: f"{s.junk_pages}/{pages}"),
        ("body lines lost (total)", lambda s: str(s.lost_total)),
        ("title exact", lambda s: _fraction(s.title)),
        ("published day correct", lambda s: _fraction(s.dated)),
        ("seo_title exact (batch 3 on)", lambda s: _fraction(s.seo_title)),
        ("authors exact", lambda s: _fraction(s.authors)),
        ("agencies exact (batch 3 on)", lambda s: _fraction(s.agencies)),
        ("language correct", lambda s: _fraction(s.language)),
        ("CPU ms/page (median of runs)", lambda s: f"{s.ms_per_page:.2f}"),
        (
            "time ratio ours / this",
            lambda s: f"{ours.ms_per_page / s.ms_per_page:.2f}" if ours else "n/a",
        ),
    ]
    names = list(summaries)
    width = max(len(label) for label, _ in rows) + 2
    col = max(12, *(len(name) + 2 for name in names))
    lines = [title, f"{'metric':<{width}}" + "".join(f"{name:>{col}}" for name in names)]
    lines.append("-" * len(lines[-1]))
    for label, fmt in rows:
        lines.append(f"{label:<{width}}" + "".join(f"{fmt(summaries[n]):>{col}}" for n in names))
    return "\n".join(lines)


def format_batches(cases: Sequence[EvalCase], results: dict[str, list[PageScore]]) -> str:
    """Every figure per held-out batch, for our pipeline and plain trafilatura."""
    lines = [
        "By batch (1: rules improved against it; 2 on: written after each later round, their"
        " first-run figures are in tests/eval/README.md):",
        "  batch  extractor              P      R      F1  junk(pages) lost  title  seo"
        "    authors agencies day    ms/page",
    ]
    for batch in sorted({case.batch for case in cases}):
        names = {case.name for case in cases if case.batch == batch}
        for name in ("ours", "traf. defaults", "traf. +meta"):
            if name not in results:
                continue
            s = summarise([page for page in results[name] if page.name in names])
            lines.append(
                f"  {batch:<6} {name:<20} {s.precision:.4f} {s.recall:.4f} {s.f1:.4f}"
                f" {s.junk_total:>4} ({s.junk_pages:>2})  {s.lost_total:>4}"
                f"  {_fraction(s.title):>6} {_fraction(s.seo_title):>6} {_fraction(s.authors):>7}"
                f" {_fraction(s.agencies):>8} {_fraction(s.dated):>6} {s.ms_per_page:>8.2f}"
            )
    return "\n".join(lines)


def format_failures(name: str, scores: Sequence[PageScore], cases: Sequence[EvalCase]) -> str:
    """Per-page problems of one extractor: junk left, lines lost, wrong fields, low F1."""
    by_name = {case.name: case for case in cases}
    out: list[str] = []
    for page in scores:
        case = by_name[page.name]
        problems: list[str] = []
        if page.f1 < QUALITY_F1:
            got = Counter(tokens(page.output.text))
            want = Counter(tokens("\n".join(case.body)))
            extra = " ".join(list((got - want).elements())[:25])
            missing = " ".join(list((want - got).elements())[:25])
            problems.append(f"F1 {page.f1:.3f}; extra tokens: {extra!r}; missing: {missing!r}")
        for junk in page.junk:
            problems.append(f"junk left [{junk.cls}/{junk.kind}]: {junk.text[:90]!r}")
        for line in page.lost:
            problems.append(f"body line lost: {line[:90]!r}")
        if page.title_ok is False:
            problems.append(f"title {page.output.title!r}, want {case.title!r}")
        if page.date_ok is False:
            problems.append(f"published {page.output.published}, want {case.published}")
        if page.authors_ok is False:
            problems.append(f"authors {page.output.authors!r}, want {case.authors!r}")
        if page.agencies_ok is False:
            problems.append(f"agencies {page.output.agencies!r}, want {case.agencies!r}")
        if page.seo_title_ok is False:
            problems.append(f"seo_title {page.output.seo_title!r}, want {case.seo_title!r}")
        if page.language_ok is False:
            problems.append(f"language {page.output.language!r}, want {case.language!r}")
        if problems:
            out.append(f"  {page.name}")
            out.extend(f"    - {problem}" for problem in problems)
    header = f"Per-page failures ({name}):"
    return header + ("\n" + "\n".join(out) if out else " none")


def check_quality_bar(results: dict[str, list[PageScore]]) -> list[str]:
    """The issue's quality bar on the held-out set; returns what is not met."""
    ours = summarise(results["ours"])
    plain = summarise(results["traf. defaults"])
    meta = summarise(results["traf. +meta"])
    unmet: list[str] = []
    if ours.junk_total:
        unmet.append(f"junk lines left: {ours.junk_total} (want 0)")
    if ours.f1 < QUALITY_F1:
        unmet.append(f"body F1 {ours.f1:.4f} (want >= {QUALITY_F1})")
    if ours.dated and ours.dated[0] < ours.dated[1]:
        unmet.append(f"published day {ours.dated[0]}/{ours.dated[1]} (want all)")
    if ours.language and ours.language[0] < ours.language[1]:
        unmet.append(f"language {ours.language[0]}/{ours.language[1]} (want all)")
    if ours.f1 <= plain.f1 or ours.junk_total >= plain.junk_total:
        unmet.append("not better than plain trafilatura on F1 and junk")
    if ours.ms_per_page > MAX_TIME_RATIO * meta.ms_per_page:
        ratio = ours.ms_per_page / meta.ms_per_page
        unmet.append(f"time ratio to trafilatura +meta {ratio:.2f} (want <= {MAX_TIME_RATIO})")
    return unmet


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per page (median)")
    parser.add_argument("--set", choices=("heldout", "demo", "both"), default="both")
    parser.add_argument(
        "--failures",
        choices=("ours", "all", "none"),
        default="ours",
        help="whose per-page failures to print",
    )
    args = parser.parse_args(argv)
    started = datetime.now()
    sets: list[tuple[str, list[EvalCase]]] = []
    if args.set in ("heldout", "both"):
        sets.append(("held-out pages (tests/eval/pages)", load_heldout()))
    if args.set in ("demo", "both"):
        sets.append(("demo-web fixtures (rules were developed on these)", load_demo()))
    status = 0
    for label, cases in sets:
        results = evaluate(cases, EXTRACTORS, args.repeats)
        print(format_table(f"{label}: {len(cases)} pages", len(cases), results))
        print()
        batches = sorted({case.batch for case in cases})
        if len(batches) > 1:
            print(format_batches(cases, results))
            print()
        for name, scores in results.items():
            if args.failures == "all" or (args.failures == "ours" and name == "ours"):
                print(format_failures(name, scores, cases))
                print()
        if label.startswith("held-out"):
            unmet = check_quality_bar(results)
            if unmet:
                status = 1
                print("Quality bar NOT met: " + "; ".join(unmet))
            else:
                print("Quality bar met on the held-out pages.")
            print()
    elapsed = (datetime.now() - started).total_seconds()
    print(f"(tokens: \\w+ runs, NFC, case-folded; micro-averaged; {elapsed:.1f} s wall)")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
