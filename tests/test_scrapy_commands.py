"""Scrapy's own commands on the project: feed exports of a crawl (`-O out.jsonl|csv`) hold the
archived page fields as plain values; `scrapy shell` and `scrapy parse` write nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.demoweb import DemoWeb
from db.engine import make_engine
from db.models import Article, CrawlRun
from tests.factories import loopback_settings, run_command

SETTINGS = loopback_settings(RETRY_TIMES="0", NEWSARCHIVE_EXTRACT_WORKERS="1")


def _settings() -> list[str]:
    return [arg for key, value in SETTINGS.items() for arg in ("-s", f"{key}={value}")]


@pytest.mark.e2e
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_feed_exports_hold_the_archived_fields(tmp_path: Path, fmt: str) -> None:
    env = {"NEWSARCHIVE_DATA_DIR": str(tmp_path / "data")}
    out = tmp_path / f"out.{fmt}"
    with DemoWeb() as web:
        base = web.base_url("tagesblick")
        done = run_command(
            "scrapy", "crawl", "generic", "-a", f"url={base}", "-a", "site=tagesblick",
            "-a", "limit=3", *_settings(), "-O", str(out), env=env, timeout=300,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "TypeError" not in done.stderr and "Error processing" not in done.stderr
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        articles = [r for r in rows if r["text"]]
        assert all(isinstance(r["authors"], list) for r in rows)
    else:
        with out.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        articles = [r for r in rows if r["text"]]
        assert all(not r["authors"].startswith("[") for r in rows)  # joined, not a repr
    assert len(articles) == 3
    for row in articles:
        assert row["site"] == "tagesblick" and row["title"] and row["content_hash"]
        assert row["url"].startswith(base) and row["warc_file"].startswith("warc/")
        assert row["published_at"] is None or "T" in row["published_at"]
    assert {r["kind"] for r in rows} >= {"article", "discovery"}


@pytest.mark.e2e
@pytest.mark.parametrize("command", ["shell", "parse"])
def test_inspection_commands_write_nothing(tmp_path: Path, command: str) -> None:
    data_dir = tmp_path / "data"
    database = tmp_path / "archive.sqlite"
    env = {"NEWSARCHIVE_DATA_DIR": str(data_dir), "DATABASE_URL": f"sqlite:///{database}"}
    # an archive that exists already: nothing may be added to it
    assert run_command("newsarchive", "db", "upgrade", env=env).returncode == 0
    with DemoWeb() as web:
        base = web.base_url("tagesblick")
        if command == "shell":
            args = ["shell", base, "-c", "response.status"]
        else:
            args = ["parse", base, "--spider", "generic", "-a", f"url={base}", "--pipelines"]
        done = run_command("scrapy", *args, *_settings(), env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    if command == "shell":
        assert done.stdout.strip().endswith("200")
    engine = make_engine(f"sqlite:///{database}")
    with engine.connect() as conn:
        runs = conn.execute(select(func.count()).select_from(CrawlRun)).scalar_one()
        articles = conn.execute(select(func.count()).select_from(Article)).scalar_one()
    engine.dispose()
    assert (runs, articles) == (0, 0)
    assert not list(data_dir.glob("warc/*.warc.gz"))
