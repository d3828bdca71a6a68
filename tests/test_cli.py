"""The `newsarchive` and `scrapy` commands as a user types them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import ensure_schema, head_revision, make_engine
from db.records import ArticleData, FetchRecord
from db.store import store_batch
from tests.factories import REPO, fetch_record, run_command


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return run_command(*args, env=env, cwd=cwd)


def _seed(database_url: str) -> None:
    """Two articles on two sites, one seen at two URLs, first seen a day apart."""
    engine = make_engine(database_url)
    ensure_schema(engine)
    t0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)

    def rec(url: str, site: str, h: str, when: datetime, title: str) -> FetchRecord:
        return fetch_record(
            url,
            site,
            when,
            article=ArticleData(
                content_hash=h,
                text=f"{title}: erster Absatz.\nZweiter Absatz.",
                language="de",
                title=title,
                authors=["Anna Beispiel", "Bo Muster"],
                tags=["Haushalt"],
                published_at=when - timedelta(hours=1),
            ),
        )

    store_batch(
        engine,
        None,
        [
            rec("https://alpha.example/1", "alpha", "h1", t0, "Haushalt beschlossen"),
            rec("https://mirror.example/1", "alpha", "h1", t0, "Haushalt beschlossen"),
            rec("https://beta.example/2", "beta", "h2", t0 + timedelta(days=1), "Fähre fährt"),
        ],
    )
    engine.dispose()


@pytest.fixture
def archive_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    _seed(database_url)
    return {"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}


def test_export_jsonl_has_the_documented_record(archive_env: dict[str, str]) -> None:
    result = run("newsarchive", "export", "--format", "jsonl", env=archive_env)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["title"] for r in records] == ["Haushalt beschlossen", "Fähre fährt"]
    first = records[0]
    for field in (
        "id",
        "url",
        "urls",
        "canonical_url",
        "site",
        "title",
        "seo_title",
        "text",
        "language",
        "published_at",
        "authors",
        "agencies",
        "content_hash",
        "first_seen_at",
    ):
        assert field in first
    assert first["urls"] == ["https://alpha.example/1", "https://mirror.example/1"]
    assert first["authors"] == ["Anna Beispiel", "Bo Muster"]
    assert first["published_at"] == "2026-11-19T07:00:00+00:00"
    assert "exported 2 articles" in result.stderr


def test_export_filters_and_csv(archive_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "beta.csv"
    result = run(
        "newsarchive",
        "export",
        "--format",
        "csv",
        "--site",
        "beta",
        "--output",
        str(out),
        env=archive_env,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["title"] for r in rows] == ["Fähre fährt"]
    assert rows[0]["authors"] == "Anna Beispiel; Bo Muster"
    assert rows[0]["agencies"] == ""  # a list joined like the authors, not "[]"

    since = run("newsarchive", "export", "--since", "2026-11-20", env=archive_env)
    assert [json.loads(x)["title"] for x in since.stdout.splitlines()] == ["Fähre fährt"]


@pytest.mark.e2e
def test_bad_arguments_get_one_line(archive_env: dict[str, str]) -> None:
    bad_since = run("newsarchive", "export", "--since", "gestern", env=archive_env)
    assert bad_since.returncode == 2
    assert bad_since.stderr.strip().splitlines() == [
        "newsarchive: --since takes an ISO date like 2026-11-01, got 'gestern'"
    ]
    unknown = run("newsarchive", "crawl", "no_such_site", env=archive_env)
    assert unknown.returncode == 2
    assert len(unknown.stderr.strip().splitlines()) == 1
    assert "unknown site 'no_such_site'" in unknown.stderr
    assert "rt_de" in unknown.stderr


def test_bad_configuration_gets_one_line(tmp_path: Path) -> None:
    result = run(
        "newsarchive",
        "stats",
        env={"NEWSARCHIVE_DATA_DIR": str(tmp_path), "NEWSARCHIVE_EXTRACT_WORKERS": "viele"},
    )
    assert result.returncode == 2
    assert result.stderr.startswith("newsarchive: bad configuration NEWSARCHIVE_EXTRACT_WORKERS")
    unreachable = run(
        "newsarchive",
        "stats",
        env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
    )
    assert unreachable.returncode == 2
    assert unreachable.stderr.startswith("newsarchive: cannot open the archive database")
    assert len(unreachable.stderr.strip().splitlines()) == 1


@pytest.mark.e2e
def test_bad_warc_compression_setting_stops_the_crawl_with_one_line(tmp_path: Path) -> None:
    result = run(
        "scrapy",
        "crawl",
        "generic",
        "-a",
        "url=http://127.0.0.1:9/",
        "-s",
        "NEWSARCHIVE_WARC_COMPRESSOR=brotli",
        env={"NEWSARCHIVE_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last == (
        "newsarchive: bad NEWSARCHIVE_WARC_COMPRESSOR/_COMPRESS_LEVEL: "
        "unknown WARC compressor 'brotli' (choose one of: isal, zlib)"
    )
    assert "Traceback" not in result.stderr


def test_stats_sites_and_db(archive_env: dict[str, str]) -> None:
    stats = run("newsarchive", "stats", "--json", env=archive_env)
    assert stats.returncode == 0, stats.stderr
    totals = json.loads(stats.stdout)
    assert (totals["articles"], totals["article_urls"], totals["sites"]) == (2, 3, 2)
    sites = run("newsarchive", "sites", env=archive_env)
    assert sites.returncode == 0, sites.stderr
    for key in ("rt_de", "snanews", "aggregator"):
        assert key in sites.stdout
    current = run("newsarchive", "db", "current", env=archive_env)
    assert current.stdout.startswith(head_revision())
    assert "up to date" in current.stdout


def test_extract_prints_what_would_be_archived(tmp_path: Path) -> None:
    page = tmp_path / "seite.html"
    page.write_text(
        """<!doctype html><html lang="de"><head><meta charset="utf-8">
        <title>Neue Brücke über die Lind | Tagesblick</title>
        <meta property="article:published_time" content="2026-11-20T10:15:00+01:00">
        </head><body><nav><a href="/">Start</a> <a href="/politik/">Politik</a></nav>
        <article><h1>Neue Brücke über die Lind</h1>
        <p>Die Stadt hat am Donnerstag den Bau einer neuen Fußgängerbrücke über die Lind
        beschlossen. Sie soll die Altstadt mit dem neuen Wohngebiet am Hafen verbinden.</p>
        <p>Der Bau beginnt im Frühjahr und soll nach Angaben der Verwaltung rund zwei Jahre
        dauern. Die Kosten werden auf elf Millionen Euro geschätzt.</p>
        <p>Mehr zum Thema – Stadtrat streitet über Parkgebühren</p>
        </article></body></html>""",
        encoding="utf-8",
    )
    result = run(
        "newsarchive",
        "extract",
        str(page),
        "--url",
        "https://tagesblick.example/a.html",
        "--explain",
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Neue Brücke über die Lind"
    published = datetime.fromisoformat(record["published_at"])
    assert published == datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
    assert record["text"].startswith("Die Stadt hat am Donnerstag")
    assert "Mehr zum Thema" not in record["text"]
    assert any("Mehr zum Thema" in d["text"] for d in record["dropped"])
    missing = run(
        "newsarchive", "extract", str(tmp_path / "fehlt.html"), "--url", "https://x.example/"
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("newsarchive: cannot read")


def test_scrapy_list_from_the_repository_root() -> None:
    result = run("scrapy", "list")
    assert result.returncode == 0, result.stderr
    assert {"generic", "rt_de", "snanews", "aggregator"} <= set(result.stdout.split())
