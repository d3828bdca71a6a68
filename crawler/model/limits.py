"""The limits an extraction job runs under in a worker process (set by the app config, applied by
pipelines.worker)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkerLimits:
    """What one job may use in a worker: CPU seconds per job, bytes of data memory (heap and
    private mappings: RLIMIT_DATA) per worker. None: no limit."""

    seconds: float | None = None
    memory: int | None = None
