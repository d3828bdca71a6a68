"""The app's typed configuration, from the environment (Scrapy's crawl tuning stays in settings)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from crawler.model.limits import WorkerLimits


class AppConfig(BaseSettings):
    """Where the archive lives and how the app runs.

    Environment variables: NEWSARCHIVE_DATA_DIR (default ./data), DATABASE_URL (default: a SQLite
    file in the data directory), NEWSARCHIVE_WARC_MAX_BYTES, NEWSARCHIVE_WARC_COMPRESSOR,
    NEWSARCHIVE_WARC_COMPRESS_LEVEL, NEWSARCHIVE_EXTRACT_WORKERS, NEWSARCHIVE_EXTRACT_TIMEOUT,
    NEWSARCHIVE_EXTRACT_MAX_MEMORY, NEWSARCHIVE_EXTRACT_MAX_BYTES, NEWSARCHIVE_WEBHOOK_URL,
    NEWSARCHIVE_NEARDUP_THRESHOLD; NEWSARCHIVE_WARC_STORE (an object store for WARC files) is read
    where the files are opened (crawler/warc_store.py).
    """

    model_config = SettingsConfigDict(env_prefix="NEWSARCHIVE_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "NEWSARCHIVE_DATABASE_URL")
    )
    # WARC files rotate at this size (the usual archival size is 1 GB).
    warc_max_bytes: int = Field(default=1_000_000_000, gt=0)
    # How WARC records are gzipped: "isal" (ISA-L, ~5x faster than zlib) or "zlib"; the level
    # is the compressor's own (isal 0..3, zlib 1..9; unset: isal 2, zlib 6). crawler/warc.py.
    warc_compressor: str = "isal"
    warc_compress_level: int | None = None
    # Extraction worker processes; 0 means one per core.
    extract_workers: int = Field(default=0, ge=0)
    # Limits of one page's extraction (pipelines.worker): CPU seconds, and bytes of memory per
    # worker process (0: no limit); pages larger than extract_max_bytes are not extracted.
    extract_timeout: float = Field(default=60.0, ge=0)
    extract_max_memory: int = Field(default=1024 * 1024 * 1024, ge=0)
    extract_max_bytes: int = Field(default=8 * 1024 * 1024, gt=0)
    # Run monitors POST their warnings here as JSON (optional; see docs/operations.md).
    webhook_url: str | None = None
    # Near-duplicate threshold: the share of equal MinHash values from which two texts are
    # grouped (pipelines.neardup.default_threshold); unset or blank: the measured default there.
    neardup_threshold: float | None = Field(default=None, gt=0, le=1)

    @field_validator("neardup_threshold", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def database_url_resolved(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'archive.sqlite').resolve()}"

    @property
    def warc_dir(self) -> Path:
        return self.data_dir / "warc"

    @property
    def workers(self) -> int:
        return self.extract_workers or os.cpu_count() or 1

    @property
    def extract_limits(self) -> WorkerLimits:
        return WorkerLimits(
            seconds=self.extract_timeout or None, memory=self.extract_max_memory or None
        )
