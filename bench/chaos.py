"""Benchmark: the archive under faults: 4 concurrent crawls, locks, kill -9, a full disk, reruns.

Usage: .venv/bin/python bench/chaos.py --db sqlite|postgresql|both --rounds 10 --seed 1
       [--reruns 3] [--lock-seconds 3-12] [--no-faults] [--no-disk-full] [--keep DIR] [--verbose]

PostgreSQL: NEWSARCHIVE_CHAOS_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test);
each round works in a schema of its own. `--lock-seconds 65-75` outlasts SQLite's 60 s busy
timeout, so a store batch fails instead of waiting (a round then takes ~2 minutes).

One round, on a fresh archive (a SQLite file, or a fresh PostgreSQL schema) and a fresh data
directory whose `warc/` folder is a small tmpfs (root is needed for the mount):

1. Four local news sites (bench/chaos_web.py: 40-80 articles each, ~30% of each site's texts
   also on other sites) are crawled at once, one `scrapy crawl generic` process per site.
2. Meanwhile faults fire at moments drawn from the seed, as shares of the pages served (not
   wall-clock times, so a slow machine sees the same schedule): another writer holds the
   database locked for some seconds (SQLite BEGIN EXCLUSIVE; PostgreSQL LOCK TABLE articles IN
   ACCESS EXCLUSIVE MODE), `kill -9` of a crawl, `kill -9` of an extraction worker of a crawl,
   and once the WARC disk fills up for a few seconds.
3. Each site is crawled again, without faults, until a rerun exits 0 and adds no sighting
   (at most --reruns times).
4. The archive is checked against what the sites served; one line per round, then totals.

Exit status 1 when any round lost an article or a URL, kept a duplicate, merged two texts,
holds an article no page gave, has a WARC pointer that does not read back to its payload, a
page without a readable capture, a run left `running`, or a crawl that exited 0 while its site
was missing pages (a silent loss: every crawl of the faulty phase counts, a fault hit it or not,
since four crawls at once are a fault of their own).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import errno
import hashlib
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from warcio.archiveiterator import ArchiveIterator

from bench.chaos_web import ChaosWeb, expected_texts
from bench.pgschema import scratch_schema
from crawler.runner import crawl_command, crawl_env
from crawler.verify import verify_archive
from db.engine import make_engine
from db.models import Article, ArticleUrl, CrawlRun, Fetch, Site

PG_URL = os.environ.get(
    "NEWSARCHIVE_CHAOS_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
# As tests/test_e2e.py: no politeness delays, short timeouts; small store batches so that the
# four crawls write often and their transactions interleave. Two requests at a time (the
# global limit: each crawl has one host) and the sites' answer time (chaos_web.ARTICLE_LATENCY)
# make a crawl fetch for 6-12 s, over which the faults are spread.
CRAWL_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS": "2",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
    "DOWNLOAD_TIMEOUT": "10",
    "RETRY_TIMES": "1",
    "LOG_LEVEL": "INFO",
    "NEWSARCHIVE_EXTRACT_WORKERS": "2",
    "NEWSARCHIVE_STORE_BATCH_SIZE": "10",
}
CRAWL_TIMEOUT = 240.0  # seconds; a crawl still running then is killed and counted as hung
WARC_TMPFS_BYTES = 64 * 1024 * 1024
FILLER_NAME = "chaos-filler.tmp"


# ----- the fault schedule


@dataclass(frozen=True)
class Fault:
    """One fault: fires once `at` of `site`'s article pages are served, or for a global fault
    (`site` None: a lock, the full disk) once the running crawls are at `at` on average."""

    kind: str  # "lock", "kill_crawl", "kill_worker", "disk_full"
    at: float
    site: int | None = None
    seconds: float = 0.0  # how long a lock or the full disk lasts
    pick: int = 0  # which worker, among the crawl's workers (modulo their number)

    def label(self) -> str:
        where = "" if self.site is None else "abcd"[self.site]
        held = f" {self.seconds:.0f}s" if self.seconds else ""
        return f"{self.kind}{'@' + where if where else ''}:{self.at:.2f}{held}"


def fault_plan(
    seed: int, round_no: int, lock_seconds: tuple[float, float] = (3.0, 12.0), sites: int = 4
) -> list[Fault]:
    """The faults of one round, a function of the seed and the round number only.

    The full disk comes last: it stops every crawl that writes while the disk is full (as it
    must), and faults planned after it would find no crawl left to hit.
    """
    rng = random.Random(f"chaos-plan:{seed}:{round_no}")
    plan = [
        Fault("lock", round(rng.uniform(0.05, 0.6), 2), seconds=rng.uniform(*lock_seconds))
        for _ in range(rng.randint(1, 2))
    ]
    plan.append(Fault("kill_crawl", round(rng.uniform(0.1, 0.6), 2), site=rng.randrange(sites)))
    plan += [
        Fault(
            "kill_worker",
            round(rng.uniform(0.05, 0.6), 2),
            site=rng.randrange(sites),
            pick=rng.randrange(16),
        )
        for _ in range(rng.randint(1, 2))
    ]
    plan.append(Fault("disk_full", round(rng.uniform(0.65, 0.85), 2), seconds=rng.uniform(1, 3)))
    return sorted(plan, key=lambda f: f.at)


# ----- the archive and its data directory


@contextlib.contextmanager
def round_database(backend: str, data_dir: Path, keep: bool) -> Iterator[str]:
    """A fresh, empty archive: a SQLite file in the data directory, or a new PostgreSQL schema
    reached through the connection's search_path (dropped afterwards unless kept)."""
    if backend == "sqlite":
        yield f"sqlite:///{data_dir / 'archive.sqlite'}"
        return
    with scratch_schema(PG_URL, "chaos", keep) as url:
        yield url


@contextlib.contextmanager
def warc_tmpfs(directory: Path, size: int) -> Iterator[Path]:
    """`directory` as a tmpfs of `size` bytes, so that the full disk can be made without filling
    the machine's; unmounted on the way out, whatever happened."""
    directory.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        raise SystemExit(
            f"cannot mount a tmpfs on {directory} ({mounted.stderr.strip()}); "
            "run as root, or pass --no-disk-full"
        )
    try:
        yield directory
    finally:
        done = subprocess.run(["umount", str(directory)], capture_output=True, check=False)
        if done.returncode != 0:
            subprocess.run(["umount", "-l", str(directory)], capture_output=True, check=False)


# ----- faults


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(p) for p in fh.read().split()]
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def extraction_workers(pid: int) -> list[int]:
    """The extraction workers of crawl process `pid`: its descendants that have no children
    and are neither multiprocessing's resource tracker nor its fork server (the workers'
    parent, a direct child of the crawl; forked workers share its command line)."""
    workers: list[int] = []
    stack = [(child, 1) for child in _children(pid)]
    while stack:
        child, depth = stack.pop()
        below = _children(child)
        if below:
            stack += [(grandchild, depth + 1) for grandchild in below]
            continue
        command = _cmdline(child)
        if "resource_tracker" in command or (depth == 1 and "forkserver" in command):
            continue
        workers.append(child)
    return sorted(workers)


def hold_lock(database: str, seconds: float, note: list[str]) -> None:
    """Another writer holding the whole archive for `seconds` (from when it has the lock)."""
    asked = time.monotonic()

    def held() -> None:
        waited = time.monotonic() - asked
        if waited >= 1:
            note.append(f"lock taken after {waited:.0f}s")
        time.sleep(seconds)

    try:
        if database.startswith("sqlite:///"):
            lite = sqlite3.connect(database.removeprefix("sqlite:///"), timeout=120)
            try:
                lite.isolation_level = None
                lite.execute("BEGIN EXCLUSIVE")
                held()
            finally:
                lite.close()  # rolls the empty transaction back
            return
        engine = make_engine(database)
        try:
            with engine.connect() as conn, conn.begin():
                conn.execute(text("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE"))
                held()
        finally:
            engine.dispose()
    except Exception as exc:
        note.append(f"lock failed: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}")


def fill_disk(directory: Path, seconds: float, note: list[str]) -> None:
    """Fill the filesystem of `directory` to the last byte, keep it full, then free it."""
    if not os.path.ismount(directory):
        note.append(f"not filled: {directory} is not the round's own mount")
        return
    path = directory / FILLER_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for chunk in (b"\0" * (1 << 20), b"\0" * 4096, b"\0"):
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
        time.sleep(seconds)
    except OSError as exc:
        note.append(f"disk fill failed: {exc}")
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()


@dataclass
class FaultEvent:
    fault: Fault
    fired_after: float | None = None  # seconds into the round; None: the trigger never came
    note: list[str] = field(default_factory=list)


# ----- crawls


@dataclass
class Crawl:
    site: int
    proc: subprocess.Popen[bytes]
    started: float
    exit_code: int | None = None
    hung: bool = False
    hit: bool = False  # a fault fired while it ran (its own kill, or a global lock/full disk)


def start_crawl(web: ChaosWeb, site: int, env: dict[str, str], log: Path) -> Crawl:
    cmd = crawl_command(
        "generic",
        url=web.entry_url(site),
        spider_args={"site": web.sites[site].key},
        settings=CRAWL_SETTINGS,
    )
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: its workers can be found and ended
        )
    return Crawl(site, proc, time.monotonic())


def end_group(crawl: Crawl) -> None:
    """Kill what is left of a crawl's process group (orphaned workers of a killed crawl)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(crawl.proc.pid, signal.SIGKILL)


def poll(crawl: Crawl) -> bool:
    """True while the crawl runs; a crawl past CRAWL_TIMEOUT is killed and marked hung."""
    if crawl.exit_code is not None:
        return False
    code = crawl.proc.poll()
    if code is None and time.monotonic() - crawl.started > CRAWL_TIMEOUT:
        crawl.hung = True
        end_group(crawl)
        code = crawl.proc.wait()
    if code is None:
        return True
    crawl.exit_code = code
    return False


def chaos_phase(
    web: ChaosWeb,
    env: dict[str, str],
    database: str,
    warc_dir: Path,
    plan: list[Fault],
    logs: Path,
) -> tuple[list[Crawl], list[FaultEvent]]:
    """All four crawls at once, with the faults of the plan fired as their triggers come."""
    start = time.monotonic()
    crawls = [start_crawl(web, i, env, logs / f"{web.sites[i].key}-chaos.log") for i in range(4)]
    events = [FaultEvent(fault) for fault in plan]
    threads: list[threading.Thread] = []
    try:
        while True:
            running = [poll(c) for c in crawls]
            if not any(running):
                break
            # A global fault's progress is that of the crawls still running: a crawl killed
            # or failed early must not keep the later faults from ever firing.
            shares = [web.progress(i) for i, alive in enumerate(running) if alive]
            progress = sum(shares) / len(shares)
            for event in events:
                fault = event.fault
                if event.fired_after is not None:
                    continue
                if fault.site is None:
                    if progress < fault.at:
                        continue
                elif not running[fault.site] or web.progress(fault.site) < fault.at:
                    continue
                event.fired_after = time.monotonic() - start
                for crawl in crawls:
                    if running[crawl.site] and fault.site in (None, crawl.site):
                        crawl.hit = True
                threads += fire(fault, crawls, database, warc_dir, event.note)
            time.sleep(0.05)
        for thread in threads:
            thread.join()
    finally:
        for crawl in crawls:
            if poll(crawl):
                end_group(crawl)
                crawl.exit_code = crawl.proc.wait()
            end_group(crawl)
    return crawls, events


def fire(
    fault: Fault, crawls: list[Crawl], database: str, warc_dir: Path, note: list[str]
) -> list[threading.Thread]:
    """Start one fault; long-lasting ones run in a thread, which is returned."""
    if fault.kind == "kill_crawl":
        assert fault.site is not None
        with contextlib.suppress(ProcessLookupError):
            os.kill(crawls[fault.site].proc.pid, signal.SIGKILL)
        return []
    if fault.kind == "kill_worker":
        assert fault.site is not None
        workers = extraction_workers(crawls[fault.site].proc.pid)
        if not workers:
            note.append("no worker found")
            return []
        victim = workers[fault.pick % len(workers)]
        with contextlib.suppress(ProcessLookupError):
            os.kill(victim, signal.SIGKILL)
        note.append(f"killed worker {victim} of {len(workers)}")
        return []
    if fault.kind == "lock":
        target = threading.Thread(target=hold_lock, args=(database, fault.seconds, note))
    elif fault.kind == "disk_full":
        target = threading.Thread(target=fill_disk, args=(warc_dir, fault.seconds, note))
    else:
        raise ValueError(f"unknown fault {fault.kind!r}")
    target.start()
    return [target]


def sighted_urls(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(ArticleUrl.url)).scalars())


def site_sightings(engine: Engine, key: str) -> int:
    """The site's sightings; -1 while the archive has no schema (no crawl got that far)."""
    query = (
        select(func.count())
        .select_from(ArticleUrl)
        .join(Site, Site.id == ArticleUrl.site_id)
        .where(Site.key == key)
    )
    try:
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())
    except DBAPIError:
        return -1


def silent_losses(web: ChaosWeb, crawls: list[Crawl], engine: Engine) -> tuple[int, int]:
    """Crawls that exited 0 while their site lacks sightings, and how many pages they lack."""
    try:
        sighted = sighted_urls(engine)
    except DBAPIError:  # no schema at all: every crawl failed before creating it
        sighted = set()
    crawls_silent = pages = 0
    for crawl in crawls:
        missing = set(web.article_urls(crawl.site)) - sighted
        if crawl.exit_code == 0 and missing:
            crawls_silent += 1
            pages += len(missing)
    return crawls_silent, pages


def rerun_until_quiet(
    web: ChaosWeb, site: int, env: dict[str, str], engine: Engine, logs: Path, limit: int
) -> tuple[list[int], bool]:
    """Crawl the site again until a run finishes, exits 0 and adds no sighting; its exit
    codes, and whether it got quiet within `limit` runs."""
    codes: list[int] = []
    key = web.sites[site].key
    for n in range(1, limit + 1):
        before = site_sightings(engine, key)
        crawl = start_crawl(web, site, env, logs / f"{key}-rerun{n}.log")
        while poll(crawl):
            time.sleep(0.1)
        end_group(crawl)
        assert crawl.exit_code is not None
        codes.append(crawl.exit_code)
        # A run that was skipped (the site's lock held) exits 0 having crawled nothing.
        if (
            crawl.exit_code == 0
            and last_outcome(engine, key) == "finished"
            and site_sightings(engine, key) == before
        ):
            return codes, True
    return codes, False


def last_outcome(engine: Engine, key: str) -> str | None:
    """The outcome of the site's latest run."""
    query = (
        select(CrawlRun.outcome)
        .join(Site, Site.id == CrawlRun.site_id)
        .where(Site.key == key)
        .order_by(CrawlRun.id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        return conn.execute(query).scalar_one_or_none()


# ----- checks


@dataclass
class PointerCheck:
    checked: int = 0
    bad: int = 0
    good_urls: set[str] = field(default_factory=set)  # fetched URLs with a verified capture
    examples: list[str] = field(default_factory=list)


def _payload_digest(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def check_warc_pointers(engine: Engine, data_dir: Path) -> PointerCheck:
    """Read every fetch's WARC pointer back: the `warc_length` bytes at `warc_offset` must be
    exactly one gzip member holding one response record whose payload has the fetch's digest.

    Deliberately independent of the archive's own check (`crawler.verify.verify_archive`,
    which the round runs too): a benchmark of the archive's integrity should not trust the
    archive's verifier alone, and a disagreement between the two is counted.
    """
    result = PointerCheck()
    query = select(
        Fetch.id, Fetch.url, Fetch.warc_file, Fetch.warc_offset, Fetch.warc_length,
        Fetch.payload_digest,
    ).where(Fetch.warc_file.is_not(None))  # fmt: skip
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    for fetch_id, url, file, offset, length, digest in rows:
        result.checked += 1
        problem = None
        try:
            if file is None or offset is None or length is None:
                raise ValueError("pointer without offset or length")
            with open(data_dir / file, "rb") as fh:
                fh.seek(offset)
                member = fh.read(length)
            inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
            inflater.decompress(member)
            if len(member) != length or not inflater.eof or inflater.unused_data:
                problem = "not one complete gzip member"
            else:
                records = _records(member)
                if len(records) != 1 or records[0][0] != "response":
                    problem = f"records {[r[0] for r in records]}"
                else:
                    _, declared, payload = records[0]
                    actual = _payload_digest(payload)
                    if digest is None or actual != digest or declared != digest:
                        problem = f"digest {actual}, record says {declared}, fetch says {digest}"
        except (OSError, zlib.error, ValueError, TypeError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # warcio's parse errors have no common base
            problem = f"{type(exc).__name__}: {exc}"
        if problem is None:
            result.good_urls.add(url)
        else:
            result.bad += 1
            if len(result.examples) < 3:
                result.examples.append(f"fetch {fetch_id} {file}:{offset}: {problem}")
    return result


def _records(member: bytes) -> list[tuple[str, str | None, bytes]]:
    """(type, declared payload digest, payload) of every WARC record in `member`."""
    return [
        (
            str(record.rec_type),
            record.rec_headers.get_header("WARC-Payload-Digest"),
            record.content_stream().read(),
        )
        for record in ArchiveIterator(io.BytesIO(member))
    ]


@dataclass
class RoundResult:
    backend: str
    round_no: int
    seconds: float = 0.0
    served: int = 0  # article pages answered 200 at least once
    pages: int = 0  # article pages the sites have
    texts: int = 0  # distinct texts over the sites: the articles expected
    articles: int = 0  # rows in `articles`
    texts_lost: int = 0  # texts none of whose URLs has a sighting
    urls_present: int = 0
    urls_lost: int = 0  # article URLs without a sighting
    hash_duplicates: int = 0  # articles rows beyond one per content_hash
    url_duplicates: int = 0  # sightings beyond one per URL
    splits: int = 0  # a text archived as more than one article
    merged: int = 0  # distinct texts archived as one article
    extra: int = 0  # articles none of the sites' article URLs gave
    pointers: int = 0
    bad_pointers: int = 0
    verify_bad: int = 0  # bad pointers `newsarchive verify` reports
    verify_disagrees: int = 0  # pointers the two checks judge differently
    uncaptured: int = 0  # sighted URLs without a fetch whose capture reads back
    stuck: int = 0  # runs left `running`
    outcomes: Counter[str] = field(default_factory=Counter)
    silent: int = 0  # crawls that exited 0 while their site was missing pages
    silent_pages: int = 0
    chaos_exits: list[str] = field(default_factory=list)
    reruns: list[str] = field(default_factory=list)
    not_quiet: int = 0  # sites still adding sightings after the last rerun
    unprovoked: int = 0  # crawls no fault hit that exited non-zero (not a loss: a false alarm)
    faults: list[str] = field(default_factory=list)
    faults_fired: int = 0  # faults whose trigger came while their crawl(s) ran
    examples: list[str] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.hash_duplicates + self.url_duplicates + self.splits

    @property
    def problems(self) -> int:
        return (
            self.texts_lost
            + self.urls_lost
            + self.duplicates
            + self.merged
            + self.extra
            + self.bad_pointers
            + self.verify_bad
            + self.verify_disagrees
            + self.uncaptured
            + self.stuck
            + self.silent
        )

    def line(self) -> str:
        return (
            f"{self.backend:<10} round {self.round_no:>2} {self.seconds:5.0f}s  "
            f"served {self.served}/{self.pages}  "
            f"articles {self.articles}/{self.texts} lost {self.texts_lost}  "
            f"urls {self.urls_present}/{self.pages} lost {self.urls_lost}  "
            f"dup {self.duplicates} merged {self.merged} extra {self.extra}  "
            f"warc {self.pointers} bad {self.bad_pointers} (verify {self.verify_bad}) "
            f"uncaptured {self.uncaptured}  "
            f"stuck {self.stuck}  silent {self.silent}"
        )

    def detail(self) -> str:
        runs = " ".join(f"{k}={v}" for k, v in sorted(self.outcomes.items()))
        return (
            f"    exits {' '.join(self.chaos_exits)} | reruns {' '.join(self.reruns)}"
            f"{f' ({self.not_quiet} not quiet)' if self.not_quiet else ''} | runs {runs}"
            f" | faults {', '.join(self.faults) or 'none'}"
        )


def _exit_label(crawl: Crawl) -> str:
    """The crawl's exit status; `*` marks a crawl a fault hit."""
    return ("hung" if crawl.hung else str(crawl.exit_code)) + ("*" if crawl.hit else "")


def check_round(
    result: RoundResult, web: ChaosWeb, engine: Engine, data_dir: Path, verbose: bool
) -> None:
    """Compare the archive with what the sites served."""
    text_of = web.texts_by_url()
    result.pages = len(text_of)
    result.texts = expected_texts(web.sites)
    result.served = sum(len(web.served_urls(i)) for i in range(len(web.sites)))
    with engine.connect() as conn:
        result.articles = conn.execute(select(func.count()).select_from(Article)).scalar_one()
        hashes = conn.execute(select(func.count(func.distinct(Article.content_hash)))).scalar_one()
        article_ids = set(conn.execute(select(Article.id)).scalars())
        sightings = conn.execute(select(ArticleUrl.url, ArticleUrl.article_id)).all()
        runs = conn.execute(select(CrawlRun.outcome)).scalars().all()
    result.hash_duplicates = result.articles - hashes
    per_url: dict[str, set[int]] = defaultdict(set)
    rows_per_url: Counter[str] = Counter()
    for url, article_id in sightings:
        per_url[url].add(article_id)
        rows_per_url[url] += 1
    result.url_duplicates = sum(n - 1 for n in rows_per_url.values() if n > 1)
    lost_urls = sorted(url for url in text_of if url not in per_url)
    result.urls_lost = len(lost_urls)
    result.urls_present = result.pages - result.urls_lost
    articles_of_text: dict[int, set[int]] = defaultdict(set)
    for url, number in text_of.items():
        articles_of_text[number] |= per_url.get(url, set())
    result.texts_lost = sum(1 for ids in articles_of_text.values() if not ids)
    result.splits = sum(len(ids) - 1 for ids in articles_of_text.values() if len(ids) > 1)
    texts_of_article: dict[int, set[int]] = defaultdict(set)
    for number, ids in articles_of_text.items():
        for article_id in ids:
            texts_of_article[article_id].add(number)
    result.merged = sum(len(n) - 1 for n in texts_of_article.values() if len(n) > 1)
    result.extra = len(article_ids - set(texts_of_article))
    pointers = check_warc_pointers(engine, data_dir)
    result.pointers, result.bad_pointers = pointers.checked, pointers.bad
    report = verify_archive(engine, data_dir)
    result.verify_bad = len(report.bad)
    result.verify_disagrees = abs(report.checked - pointers.checked) + abs(
        len(report.bad) - pointers.bad
    )
    uncaptured = sorted(url for url in text_of if url in per_url and url not in pointers.good_urls)
    result.uncaptured = len(uncaptured)
    result.outcomes = Counter(runs)
    result.stuck = result.outcomes.get("running", 0)
    if verbose:
        result.examples += [f"lost URL {url}" for url in lost_urls[:3]]
        result.examples += [f"uncaptured URL {url}" for url in uncaptured[:3]]
        result.examples += pointers.examples
        result.examples += [f"verify: {bad.line()}" for bad in report.bad[:3]]


@contextlib.contextmanager
def round_dir(keep: Path | None, name: str) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="chaos-") as tmp:
            yield Path(tmp)
        return
    path = keep.resolve() / name
    path.mkdir(parents=True, exist_ok=False)
    yield path


def run_round(backend: str, round_no: int, args: argparse.Namespace) -> RoundResult:
    plan = [] if args.no_faults else fault_plan(args.seed, round_no, args.lock_seconds)
    if args.no_disk_full:
        plan = [f for f in plan if f.kind != "disk_full"]
    result = RoundResult(backend, round_no)
    started = time.monotonic()
    keep: Path | None = args.keep
    with (
        ChaosWeb(args.seed * 1000 + round_no) as web,
        round_dir(keep, f"{backend}-seed{args.seed}-round{round_no}") as data_dir,
        round_database(backend, data_dir, keep is not None) as database,
    ):
        logs = data_dir / "chaos-logs"
        logs.mkdir()
        warc_dir = data_dir / "warc"
        mount = (
            contextlib.nullcontext(warc_dir)
            if args.no_disk_full
            else warc_tmpfs(warc_dir, WARC_TMPFS_BYTES)
        )
        with mount:
            env = crawl_env({"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": database})
            crawls, events = chaos_phase(web, env, database, warc_dir, plan, logs)
            result.chaos_exits = [f"{web.sites[c.site].key[-1]}={_exit_label(c)}" for c in crawls]
            result.unprovoked = sum(1 for c in crawls if not c.hit and c.exit_code != 0)
            for event in events:
                label = event.fault.label()
                if event.fired_after is None:
                    label += " (not reached)"
                else:
                    result.faults_fired += 1
                    if event.note:
                        label += f" ({'; '.join(event.note)})"
                result.faults.append(label)
            engine = make_engine(database)
            try:
                result.silent, result.silent_pages = silent_losses(web, crawls, engine)
                with ThreadPoolExecutor(len(web.sites)) as pool:
                    reruns = list(
                        pool.map(
                            lambda i: rerun_until_quiet(web, i, env, engine, logs, args.reruns),
                            range(len(web.sites)),
                        )
                    )
                for i, (codes, quiet) in enumerate(reruns):
                    result.reruns.append(f"{'abcd'[i]}:{','.join(map(str, codes)) or '-'}")
                    result.not_quiet += not quiet
                check_round(result, web, engine, data_dir, args.verbose)
            finally:
                engine.dispose()
            if keep is not None and not args.no_disk_full:
                shutil.copytree(warc_dir, data_dir / "warc-kept")
    result.seconds = time.monotonic() - started
    return result


def _lock_range(value: str) -> tuple[float, float]:
    low, _, high = value.partition("-")
    try:
        pair = (float(low), float(high or low))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MIN-MAX seconds, got {value!r}") from None
    if not 0 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError(f"expected 0 <= MIN <= MAX, got {value!r}")
    return pair


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reruns", type=int, default=3, help="at most this many reruns per site (default 3)"
    )
    parser.add_argument(
        "--lock-seconds",
        type=_lock_range,
        default=(3.0, 12.0),
        metavar="MIN-MAX",
        help="how long the other writer holds the database (default 3-12; SQLite's busy "
        "timeout is 60 s: longer locks make a writer fail, not wait)",
    )
    parser.add_argument("--no-faults", action="store_true", help="a control run: no faults")
    parser.add_argument(
        "--no-disk-full", action="store_true", help="no tmpfs and no full disk (needs no root)"
    )
    parser.add_argument(
        "--keep", type=Path, help="keep each round's data directory (and schema) under this one"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="name some lost URLs and bad pointers"
    )
    args = parser.parse_args()
    if args.rounds < 1 or args.reruns < 1:
        parser.error("--rounds and --reruns must be at least 1")
    backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    if "postgresql" in backends:
        try:
            probe = make_engine(PG_URL)
            with probe.connect() as conn:
                conn.execute(text("select 1"))
            probe.dispose()
        except Exception as exc:
            raise SystemExit(f"PostgreSQL at {PG_URL} is not reachable: {exc}") from None
    results: list[RoundResult] = []
    for round_no in range(1, args.rounds + 1):
        for backend in backends:
            result = run_round(backend, round_no, args)
            results.append(result)
            print(result.line(), flush=True)
            print(result.detail(), flush=True)
            for example in result.examples:
                print(f"    {example}", flush=True)
    print()
    for backend in backends:
        mine = [r for r in results if r.backend == backend]
        print(totals(backend, mine))
    failed = [r for r in results if r.problems]
    print(
        f"{len(failed)} of {len(results)} rounds failed "
        "(target: 0 lost, 0 duplicated, 0 bad pointers, 0 stuck runs, 0 silent losses)"
    )
    return 1 if failed else 0


def totals(backend: str, results: list[RoundResult]) -> str:
    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in results)

    return (
        f"{backend} total over {len(results)} rounds: served {total('served')}/{total('pages')} "
        f"pages; articles {total('articles')}/{total('texts')} (lost {total('texts_lost')}); "
        f"URLs lost {total('urls_lost')}; duplicated {total('duplicates')}; "
        f"merged {total('merged')}; extra {total('extra')}; WARC pointers {total('pointers')} "
        f"checked, {total('bad_pointers')} bad ({total('verify_bad')} by newsarchive verify, "
        f"{total('verify_disagrees')} judged differently), {total('uncaptured')} pages uncaptured; "
        f"runs stuck {total('stuck')}; silent losses {total('silent')} "
        f"({total('silent_pages')} pages); sites not quiet {total('not_quiet')}; "
        f"faults fired {total('faults_fired')} of {sum(len(r.faults) for r in results)}; "
        f"crawls failed with no fault {total('unprovoked')}; "
        f"{sum(r.seconds for r in results) / max(1, len(results)):.0f} s a round"
    )


if __name__ == "__main__":
    raise SystemExit(main())
