"""Peak resident memory of a process tree, sampled from /proc (Linux)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids += [int(c) for c in (task / "children").read_text().split()]
    return kids


def _kib_field(path: str, name: str) -> int:
    """A "Name:   123 kB" line of a /proc file, in bytes (0 when the process is gone)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def rss_bytes(pids: list[int]) -> int:
    """Summed RSS of the processes (pages shared between them count in each)."""
    return sum(_kib_field(f"/proc/{p}/status", "VmRSS:") for p in pids)


def pss_bytes(pids: list[int]) -> int:
    """Summed PSS (proportional set size) of the processes: each shared page is divided among
    the processes sharing it, so for a process tree the sum is what it really occupies."""
    return sum(_kib_field(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)


def tree_pids(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.append(p)
        todo += _children(p)
    return out


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return "?"


class PeakSampler:
    """Samples a process tree's RSS every `interval` seconds in a thread, its PSS every
    `pss_interval` and whenever RSS has grown 2% since PSS was last read; keeps the peaks.

    Sampling is sparing because it is not free on a machine the measured processes saturate:
    for PSS the kernel walks every page of each process (holding its memory map lock). With
    RSS and PSS every 0.1 s the sampler took 8 s of CPU during a 66 s crawl on 2 cores (6% of
    the machine, taken from the crawl it measured); as it is now, ~1.9 s.

    It also keeps each process's last seen CPU time, so a benchmark can say where the CPU went
    (approximate: CPU used in the last interval before a process exits is missed).
    """

    def __init__(self, pid: int, interval: float = 0.25, pss_interval: float = 1.0) -> None:
        self.pid = pid
        self.interval = interval
        self.pss_interval = pss_interval
        self.peak = 0  # summed RSS
        self.peak_pss = 0
        self.cpu: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        next_pss, rss_at_pss = 0.0, 0
        while not self._stop.is_set():
            pids = tree_pids(self.pid)
            rss = rss_bytes(pids)
            now = time.monotonic()
            if rss > rss_at_pss * 1.02 or now >= next_pss:
                self.peak_pss = max(self.peak_pss, pss_bytes(pids))
                next_pss, rss_at_pss = now + self.pss_interval, rss
            self.peak = max(self.peak, rss)
            for p in pids:
                used = cpu_seconds(p)
                if used is not None:
                    self.cpu[p] = used
                    if p not in self.names:
                        self.names[p] = process_name(p)
            time.sleep(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def self_pid() -> int:
    return os.getpid()
