"""Reading the archive: typed Parquet exports, provenance per sighting, look-ups by URL, raw
captures, filters, and the `export`, `stats` and `sites` commands."""

from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Engine, select, update

import db.export_parquet
from crawler.cli import main
from crawler.demoweb.corpus import bench_article_html
from crawler.model.warcread import read_capture
from crawler.warc import WarcWriter
from db.engine import make_engine
from db.export_parquet import ARTICLES_SCHEMA, DATASET_FILES, SIGHTINGS_SCHEMA
from db.models import Article, ArticleVersion, Fetch
from db.read import (
    EXPORT_FIELDS,
    SIGHTING_FIELDS,
    article_by_url,
    get_capture,
    iter_articles,
    site_summaries,
)
from db.runs import RunCounts, finish_run, start_run
from db.store import store_batch
from pipelines.extract import EXTRACTOR
from pipelines.store_pipeline import article_data
from tests.factories import (
    QuietHandler,
    extracted,
    fetch_record,
    loopback_settings,
    run_command,
    run_test_crawl,
    serving,
    warc_fields,
    write_page,
)
from tests.factories import (
    article_data as stored_article,
)

T0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)
ALPHA = "https://alpha.example/artikel/1"
MIRROR = "https://mirror.alpha.example/artikel/1"
AGGRO = "https://aggro.example/rt/1"
ALIAS = "https://alpha.example/kurz/1"
BETA = "https://beta.example/b"
BETA_C = "https://beta.example/c"
HTML = [("Content-Type", "text/html; charset=utf-8")]


@dataclass
class Seeded:
    a: int  # alpha's article: three URLs on two sites, two versions
    b: int  # beta, English, published later
    c: int  # beta, no publication date, answered 304 on its revisit
    fetch_a_latest: int  # the revisit that gave the second version
    fetch_c: int  # C's only fetch with a page
    body_a2: bytes


def _page(writer: WarcWriter, url: str, site: str, when: datetime, text: str, **fields: object):  # type: ignore[no-untyped-def]
    body = f"<html><body><p>{text}</p></body></html>".encode()
    ref = write_page(writer, url, body, when, response_headers=HTML)
    article = stored_article(text, extractor=EXTRACTOR, **fields.pop("article", {}))  # type: ignore[arg-type]
    return fetch_record(url, site, when, **warc_fields(ref), article=article, **fields), body


def seed(engine: Engine, data_dir: Path) -> Seeded:
    writer = WarcWriter(data_dir, max_bytes=10**9)
    text_a1 = "Der Rat beschließt den Haushalt.\nZweiter Absatz zum Haushalt."
    text_a2 = "Der Rat beschließt den Haushalt knapp.\nZweiter Absatz zum Haushalt."
    meta_a = {
        "title": "Haushalt",
        "published_at": T0 - timedelta(hours=2),
        "authors": ["Anna Beispiel"],
        "tags": ["Rat", "Geld"],
    }
    first, _ = _page(
        writer, ALPHA, "alpha", T0, text_a1, url_key=ALPHA, alias_keys=(ALIAS,), article=meta_a
    )
    mirror, _ = _page(writer, MIRROR, "alpha", T0 + timedelta(hours=1), text_a1, article=meta_a)
    aggro, _ = _page(writer, AGGRO, "aggro", T0 + timedelta(hours=2), text_a1, article=meta_a)
    beta, _ = _page(
        writer,
        BETA,
        "beta",
        T0 + timedelta(days=1),
        "The ferry runs again.\nA second paragraph.",
        article={"language": "en", "published_at": T0 + timedelta(days=2)},
    )
    beta_c, _ = _page(
        writer,
        BETA_C,
        "beta",
        T0 + timedelta(days=1),
        "Ohne Datum.\nNoch ein Absatz.",
        url_key=BETA_C,
    )
    store_batch(engine, None, [first, mirror, aggro, beta, beta_c])
    revisit, body_a2 = _page(
        writer, ALPHA, "alpha", T0 + timedelta(days=1), text_a2, url_key=ALPHA, article=meta_a
    )
    not_modified = fetch_record(
        BETA_C, "beta", T0 + timedelta(days=3), status=304, outcome="not_modified", url_key=BETA_C
    )
    failed = fetch_record(BETA + "/weg", "beta", T0, status=0, outcome="fetch_error")
    store_batch(engine, None, [revisit, not_modified, failed])
    writer.close()
    with engine.begin() as conn:
        ids = dict(conn.execute(select(Article.url, Article.id)).all())
        conn.execute(
            update(Article)
            .where(Article.id.in_([ids[ALPHA], ids[BETA]]))
            .values(cluster_id=ids[ALPHA])
        )
        fetches = conn.execute(select(Fetch.url, Fetch.id, Fetch.outcome).order_by(Fetch.id)).all()
    latest_a = max(i for url, i, outcome in fetches if url == ALPHA)
    fetch_c = min(i for url, i, outcome in fetches if url == BETA_C)
    return Seeded(ids[ALPHA], ids[BETA], ids[BETA_C], latest_a, fetch_c, body_a2)


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Seeded:
    return seed(engine, tmp_path)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str) -> Path:
    monkeypatch.setenv("NEWSARCHIVE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path


# ----------------------------------------------------------------------- db.read


def test_sightings_carry_site_fetch_and_warc_pointer(
    engine: Engine, seeded: Seeded, tmp_path: Path
) -> None:
    records = {r["id"]: r for r in iter_articles(engine)}
    a = records[seeded.a]
    assert [(s["site"], s["url"]) for s in a["sightings"]] == [
        ("alpha", ALPHA),
        ("alpha", MIRROR),
        ("aggro", AGGRO),
    ]
    assert a["urls"] == [ALPHA, MIRROR, AGGRO]
    assert a["extractor"] == EXTRACTOR
    alpha = a["sightings"][0]
    assert set(alpha) == set(SIGHTING_FIELDS)
    assert alpha["fetch_id"] == seeded.fetch_a_latest  # the latest fetch that gave the text
    assert (alpha["times_seen"], alpha["first_seen_at"]) == (2, T0.isoformat())
    for sighting in a["sightings"]:
        capture = read_capture(tmp_path, sighting["warc_file"], sighting["warc_offset"])
        assert capture.url == sighting["url"]
    # a "not modified" answer holds no page: the sighting keeps the capture that had one
    (c_sighting,) = records[seeded.c]["sightings"]
    assert c_sighting["fetch_id"] == seeded.fetch_c
    assert c_sighting["last_seen_at"] == (T0 + timedelta(days=3)).isoformat()


def test_filters_published_language_cluster_and_any_sighted_site(
    engine: Engine, seeded: Seeded
) -> None:
    def ids(**filters: object) -> list[int]:
        return [r["id"] for r in iter_articles(engine, **filters)]  # type: ignore[arg-type]

    assert ids(site="aggro") == [seeded.a]  # sighted there, first archived elsewhere
    assert ids(site="beta") == [seeded.b, seeded.c]
    assert ids(language="en") == [seeded.b]
    assert ids(cluster=seeded.a) == [seeded.a, seeded.b]
    assert ids(published_since=T0) == [seeded.b]
    assert ids(published_before=T0) == [seeded.a]
    assert ids(published_since=T0 - timedelta(days=1), published_before=T0 + timedelta(days=3)) == [
        seeded.a,
        seeded.b,
    ]
    assert ids(site="beta", language="de") == [seeded.c]


def test_site_summaries_count_every_site_an_article_was_sighted_on(
    engine: Engine, seeded: Seeded
) -> None:
    summaries = site_summaries(engine)
    assert (summaries["aggro"].articles, summaries["aggro"].first_site) == (1, 0)
    assert (summaries["alpha"].articles, summaries["alpha"].first_site) == (1, 1)
    assert (summaries["alpha"].urls, summaries["beta"].articles) == (2, 2)


def test_article_by_url_cleans_the_url_and_finds_any_sighting(
    engine: Engine, seeded: Seeded
) -> None:
    def found(url: str) -> int | None:
        record = article_by_url(engine, url)
        return None if record is None else int(record["id"])

    assert found(ALPHA) == seeded.a
    # not the URL the article was first archived from; case, tracking and fragment as linked
    assert found("HTTPS://Aggro.EXAMPLE/rt/1?utm_source=feed#kommentare") == seeded.a
    assert found("http://www.beta.example/b") == seeded.b
    assert found(ALIAS) == seeded.a  # a URL the crawler knows leads there (url_state alias)
    assert found("https://beta.example/nichts") is None
    record = article_by_url(engine, MIRROR)
    assert record is not None and record["version"] == 2 and len(record["sightings"]) == 3


def test_get_capture_returns_the_served_response(
    engine: Engine, seeded: Seeded, tmp_path: Path
) -> None:
    raw = get_capture(engine, seeded.fetch_a_latest, tmp_path)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Content-Type: text/html; charset=utf-8" in head.split(b"\r\n")
    assert body == seeded.body_a2
    with engine.connect() as conn:
        failed = conn.execute(select(Fetch.id).where(Fetch.outcome == "fetch_error")).scalar_one()
    with pytest.raises(LookupError, match="no raw capture"):
        get_capture(engine, failed, tmp_path)
    with pytest.raises(LookupError, match="no fetch"):
        get_capture(engine, 10**6, tmp_path)


def test_the_crawl_and_its_versions_record_the_extractor(engine: Engine) -> None:
    assert EXTRACTOR.startswith("newsarchive-extract/") and " trafilatura/" in EXTRACTOR
    stored = article_data(extracted(ALPHA, "Ein Text.\nNoch einer."))
    assert stored.extractor == EXTRACTOR
    store_batch(engine, None, [fetch_record(ALPHA, "alpha", T0, article=stored)])
    with engine.connect() as conn:
        assert conn.execute(select(Article.extractor)).scalar_one() == EXTRACTOR
        assert conn.execute(select(ArticleVersion.extractor)).scalar_one() == EXTRACTOR


# ----------------------------------------------------------------------- Parquet


def test_parquet_schemas_cover_the_export_record() -> None:
    assert set(ARTICLES_SCHEMA.names) == set(EXPORT_FIELDS) - {"sightings"}
    assert tuple(SIGHTINGS_SCHEMA.names) == ("article_id", *SIGHTING_FIELDS)


def test_parquet_export_round_trips_through_pandas_and_polars(
    env: Path, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "datensatz"
    assert main(["export", "--format", "parquet", "--output", str(out)]) == 0
    summary = capsys.readouterr().err.strip().splitlines()
    assert len(summary) == 1 and summary[0].startswith(
        f"exported 3 articles, 5 sightings and 4 versions to {out}"
    )
    assert sorted(p.name for p in out.iterdir()) == sorted(DATASET_FILES)
    assert not [p for p in env.iterdir() if p.name.startswith(".datensatz")]
    for name, schema in DATASET_FILES.items():
        assert pq.read_schema(out / name).equals(schema), name

    articles = pd.read_parquet(out / "articles.parquet")
    assert str(articles["published_at"].dtype) == "datetime64[us, UTC]"
    assert str(articles["first_seen_at"].dtype) == "datetime64[us, UTC]"
    by_id = articles.set_index("id")
    assert by_id.loc[seeded.a, "published_at"] == pd.Timestamp(T0 - timedelta(hours=2))
    assert pd.isna(by_id.loc[seeded.c, "published_at"])
    assert list(by_id.loc[seeded.a, "tags"]) == ["Rat", "Geld"]
    assert list(by_id.loc[seeded.a, "urls"]) == [ALPHA, MIRROR, AGGRO]
    assert list(by_id.loc[seeded.b, "authors"]) == []
    assert by_id.loc[seeded.a, "version"] == 2 and by_id.loc[seeded.a, "extractor"] == EXTRACTOR
    assert pd.isna(by_id.loc[seeded.c, "cluster_id"])

    frame = pl.read_parquet(out / "articles.parquet")
    assert frame.schema["published_at"] == pl.Datetime("us", "UTC")
    assert frame.schema["tags"] == pl.List(pl.String)
    assert frame.schema["id"] == pl.Int64
    assert frame["published_at"].null_count() == 1
    assert frame.filter(pl.col("id") == seeded.a)["authors"].to_list() == [["Anna Beispiel"]]

    sightings = pl.read_parquet(out / "sightings.parquet")
    aggro = sightings.filter(pl.col("url") == AGGRO).row(0, named=True)
    assert (aggro["article_id"], aggro["site"]) == (seeded.a, "aggro")
    assert aggro["first_seen_at"] == T0 + timedelta(hours=2)
    alpha = sightings.filter(pl.col("url") == ALPHA).row(0, named=True)
    assert alpha["fetch_id"] == seeded.fetch_a_latest
    assert read_capture(env, alpha["warc_file"], alpha["warc_offset"]).body == seeded.body_a2

    versions = pd.read_parquet(out / "versions.parquet")
    a_versions = versions[versions["article_id"] == seeded.a]
    assert list(a_versions["version"]) == [1, 2]
    assert list(a_versions["origin"]) == ["crawl", "revisit"]
    assert str(versions["seen_at"].dtype) == "datetime64[us, UTC]"


def test_parquet_export_filters_by_site_and_since(
    env: Path, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "aggro"
    assert main(["export", "--format", "parquet", "--site", "aggro", "--output", str(out)]) == 0
    assert pl.read_parquet(out / "articles.parquet")["id"].to_list() == [seeded.a]
    assert pl.read_parquet(out / "versions.parquet").height == 2
    # the same directory again: the finished export is replaced
    since = (T0 + timedelta(hours=12)).isoformat()
    assert main(["export", "--format", "parquet", "--since", since, "--output", str(out)]) == 0
    assert pl.read_parquet(out / "articles.parquet")["id"].to_list() == [seeded.b, seeded.c]


def test_export_of_an_empty_archive(
    env: Path, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "leer"
    assert main(["export", "--format", "parquet", "--output", str(out)]) == 0
    for name, schema in DATASET_FILES.items():
        table = pq.read_table(out / name)
        assert table.num_rows == 0 and table.schema.equals(schema)
    assert pl.read_parquet(out / "articles.parquet").schema["first_seen_at"] == pl.Datetime(
        "us", "UTC"
    )
    assert main(["export", "--output", str(env / "leer.jsonl")]) == 0
    assert (env / "leer.jsonl").read_text() == ""
    assert "exported 0 articles" in capsys.readouterr().err


def test_export_to_an_unwritable_path_is_one_line_and_leaves_nothing(
    env: Path, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = env / "eine-datei"
    blocker.write_text("x")
    for fmt, name in (("parquet", "ds"), ("jsonl", "a.jsonl"), ("csv", "a.csv")):
        code = main(["export", "--format", fmt, "--output", str(blocker / name)])
        err = capsys.readouterr().err.strip().splitlines()
        assert code != 0
        assert err == [f"newsarchive: cannot write {blocker / name}: Not a directory"], err
    missing = env / "fehlt" / "a.jsonl"
    assert main(["export", "--output", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"newsarchive: cannot write {missing}: No such file or directory"
    )
    assert blocker.read_text() == "x" and not (env / "fehlt").exists()


def test_a_failed_export_leaves_no_half_dataset_and_keeps_the_previous(
    env: Path, seeded: Seeded, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "ds"
    assert main(["export", "--format", "parquet", "--output", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = db.export_parquet.write_dataset

    def full_disk(engine: Engine, directory: Path, *args: object, **kwargs: object) -> object:
        real(engine, directory, *args, **kwargs)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(db.export_parquet, "write_dataset", full_disk)
    capsys.readouterr()
    assert main(["export", "--format", "parquet", "--output", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"newsarchive: cannot write {out}: No space left on device"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in env.iterdir() if p.name.startswith(".ds")]


# ----------------------------------------------------------------------- JSONL, CSV


def test_jsonl_and_csv_carry_the_sightings(
    env: Path, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--output", str(env / "a.jsonl")]) == 0
    records = [json.loads(line) for line in (env / "a.jsonl").read_text().splitlines()]
    assert list(records[0]) == list(EXPORT_FIELDS)
    a = next(r for r in records if r["id"] == seeded.a)
    assert [s["site"] for s in a["sightings"]] == ["alpha", "alpha", "aggro"]
    assert a["sightings"][0]["warc_file"].startswith("warc/")

    assert main(["export", "--format", "csv", "--output", str(env / "a.csv")]) == 0
    with open(env / "a.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(EXPORT_FIELDS)
    row = next(r for r in rows if int(r["id"]) == seeded.a)
    assert json.loads(row["sightings"]) == a["sightings"]
    assert row["urls"] == f"{ALPHA} {MIRROR} {AGGRO}"

    assert main(["export", "--all-versions", "--output", str(env / "v.jsonl")]) == 0
    versions = [json.loads(line) for line in (env / "v.jsonl").read_text().splitlines()]
    a_versions = [v for v in versions if v["id"] == seeded.a]
    assert [v["version_fetch_id"] for v in a_versions][-1] == seeded.fetch_a_latest
    assert {v["version_extractor"] for v in a_versions} == {EXTRACTOR}


# ----------------------------------------------------------------------- stats, sites


def _runs(engine: Engine) -> None:
    for spider, site in (("generic", "tagesblick-regional"), ("rt_de", "rt_de")):
        run = start_run(engine, spider, site, site, {})
        counts = RunCounts(
            pages_fetched=123456, articles_new=23456, duplicates=3456, empty_pages=456, errors=56
        )
        finish_run(engine, run, outcome="interrupted", finish_reason="x", counts=counts, stats={})


@pytest.mark.parametrize("columns", ["80", None])
def test_stats_shows_every_count_at_80_columns_and_piped(
    engine: Engine, seeded: Seeded, database_url: str, tmp_path: Path, columns: str | None
) -> None:
    _runs(engine)
    result = run_command(
        "newsarchive",
        "stats",
        env={"DATABASE_URL": database_url, "NEWSARCHIVE_DATA_DIR": str(tmp_path)}
        | ({"COLUMNS": columns} if columns else {}),
        unset=() if columns else ("COLUMNS",),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("archive: ")  # a path, printed whole
    assert max(map(len, lines[1:])) <= 80
    for cells in ("123456", "23456", "3456", "456", "56", "interrupted", "rt_de"):
        assert sum(cells in line.split() for line in lines) == (1 if cells == "rt_de" else 2), cells
    for heading in ("pages", "new", "dups", "empty", "errors"):
        assert any(heading in line.split() for line in lines), heading


def test_sites_all_lists_every_site_of_the_archive(
    env: Path, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sites"]) == 0
    declared = capsys.readouterr().out
    assert "rt_de" in declared and "aggro" not in declared
    assert main(["sites", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.split()}
    # declared, articles (sighted), first archived there, URLs
    assert rows["aggro"][:4] == ["no", "1", "0", "1"]
    assert rows["alpha"][:4] == ["no", "1", "1", "2"]
    assert rows["beta"][:4] == ["no", "2", "2", "2"]
    assert rows["rt_de"][:4] == ["yes", "0", "0", "0"]
    assert max(map(len, lines[1:])) <= 80  # the first is the archive path


@pytest.mark.e2e
def test_get_capture_of_a_crawled_page_is_what_the_server_sent(
    tmp_path: Path, database_url: str
) -> None:
    served = bench_article_html(3)
    path = "/2026/11/20/eine-meldung.html"

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path != path:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("X-Probe", "served")
            self.send_header("Content-Length", str(len(served)))
            self.end_headers()
            self.wfile.write(served)

    with serving(Handler) as base:
        done = run_test_crawl(
            "generic",
            base + path,
            tmp_path,
            database_url,
            settings=loopback_settings(),
            spider_args={"site": "probe", "limit": "1"},
        )
    assert done.returncode == 0, done.stderr[-3000:]
    engine = make_engine(database_url)
    try:
        # as a reader would link it: with a tracking parameter and a fragment
        record = article_by_url(engine, f"{base}{path}?utm_medium=x#oben")
        assert record is not None and record["extractor"] == EXTRACTOR
        (sighting,) = record["sightings"]
        raw = get_capture(engine, sighting["fetch_id"], tmp_path)
    finally:
        engine.dispose()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert body == served
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"X-Probe: served" in head


def test_the_parquet_export_runs_without_importing_pandas(env: Path, seeded: Seeded) -> None:
    """pandas (~50 MB) stays out of the export's process; pandas imported later still works."""
    out = env / "ohne-pandas"
    script = (
        "import sys\n"
        "from crawler.cli import main\n"
        f"code = main(['export', '--format', 'parquet', '--output', {str(out)!r}])\n"
        "print(code, 'pandas' in sys.modules)\n"
        "import pandas\n"
        f"print(len(pandas.read_parquet({str(out / 'articles.parquet')!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, env=os.environ
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "False", "3"]
