"""`newsarchive reextract`: current extraction over the WARC captures, as new versions."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from crawler.demoweb.corpus import bench_article_html
from crawler.model.hashing import content_hash
from crawler.model.types import ExtractInput
from crawler.reextract import CHECKPOINT_PREFIX, run_reextract
from crawler.warc import WarcWriter
from db.models import Article, ArticleSignature, ArticleVersion, Fetch
from db.records import ArticleData, FetchRecord
from db.store import store_batch
from pipelines.extract import EXTRACTOR, extract_article
from tests.factories import fetch_record, warc_fields, write_page

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
N = 8
BASE = "http://bench.invalid/"


HTML = {"content-type": "text/html; charset=utf-8"}
STALE_LINE = "\nMehr zum Thema: Weitere Artikel"  # what an older extractor left in the text


def _captured(
    writer: WarcWriter,
    url: str,
    body: bytes,
    *,
    stale: bool,
    fetched_at: datetime = T0,
    hints: dict[str, str] | None = None,
) -> tuple[FetchRecord, str]:
    """The page written to WARC and its fetch record as a crawl stored it: with the text
    today's extraction gives (returned too), or with an older, worse one (`stale`)."""
    html = [("Content-Type", HTML["content-type"])]
    ref = write_page(writer, url, body, fetched_at, response_headers=html)
    now = extract_article(ExtractInput(url=url, body=body, headers=HTML, hints=hints or {}))
    text = now.text + STALE_LINE if stale else now.text
    record = fetch_record(
        url,
        "bench",
        fetched_at,
        site_name="Bench",
        **warc_fields(ref),
        article=ArticleData(
            content_hash=content_hash(text), text=text, language="de", title=now.title
        ),
        hints=hints,
    )
    return record, now.text


def _archive(engine: Engine, data_dir: Path, stale: set[int]) -> dict[int, str]:
    """N bench pages in WARC files and in the archive; `stale` ones with an older, worse text
    (as an earlier extractor left it), the others with what extraction gives today."""
    writer = WarcWriter(data_dir, max_bytes=10**9)
    records, current = [], {}
    for i in range(N):
        record, current[i] = _captured(
            writer,
            f"{BASE}artikel/{i}.html",
            bench_article_html(i),
            stale=i in stale,
            fetched_at=T0 + timedelta(seconds=i),
        )
        records.append(record)
    writer.close()
    store_batch(engine, None, records)
    return current


def _versions(engine: Engine) -> list[tuple[int, int, str]]:
    with engine.connect() as conn:
        return [
            (a, v, o)
            for a, v, o in conn.execute(
                select(
                    ArticleVersion.article_id, ArticleVersion.version, ArticleVersion.origin
                ).order_by(ArticleVersion.article_id, ArticleVersion.version)
            )
        ]


def test_changed_texts_become_versions_and_a_second_run_changes_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    current = _archive(engine, tmp_path, stale={1, 4, 6})
    with engine.connect() as conn:
        seen_before = dict(conn.execute(select(Article.id, Article.last_seen_at)).all())
    summary = run_reextract(engine, tmp_path, workers=2)
    assert (summary.total, summary.done, summary.new_versions, summary.unchanged) == (N, N, 3, 5)
    assert not summary.interrupted
    with engine.connect() as conn:
        articles = conn.execute(select(Article).order_by(Article.id)).all()
        signed = conn.execute(select(ArticleSignature.article_id)).scalars().all()
        new = conn.execute(select(ArticleVersion).where(ArticleVersion.origin == "reextract")).all()
    assert [a.text for a in articles] == [current[i] for i in range(N)]
    assert {a.version for a in articles} == {1, 2}
    # a re-extraction is not a sighting: last-seen times stay
    assert {a.id: a.last_seen_at for a in articles} == seen_before
    # the new versions point at the capture they were read from
    assert all(v.fetch_id is not None for v in new) and len(new) == 3
    # and name the extraction that made them, as the article rows do
    assert {v.extractor for v in new} == {EXTRACTOR}
    assert {a.extractor for a in articles if a.version == 2} == {EXTRACTOR}
    # the near-duplicate index is filled in for every article
    assert sorted(signed) == [a.id for a in articles]
    assert not list(tmp_path.glob(f"{CHECKPOINT_PREFIX}*"))

    before = _versions(engine)
    again = run_reextract(engine, tmp_path, workers=2)
    assert (again.new_versions, again.unchanged) == (0, N)
    assert _versions(engine) == before


def test_an_interrupted_run_resumes_where_it_stopped(engine: Engine, tmp_path: Path) -> None:
    _archive(engine, tmp_path, stale=set(range(N)))
    first = run_reextract(engine, tmp_path, workers=2, stop_after=3)
    assert first.interrupted and first.done == 3 and first.new_versions == 3
    assert list(tmp_path.glob(f"{CHECKPOINT_PREFIX}*"))
    rest = run_reextract(engine, tmp_path, workers=2)
    assert not rest.interrupted
    assert rest.resumed_after > 0 and rest.total == N - 3
    assert rest.new_versions == N - 3
    # every article has exactly one re-extracted version: nothing done twice, nothing skipped
    reextracted = [a for a, _, origin in _versions(engine) if origin == "reextract"]
    assert len(reextracted) == len(set(reextracted)) == N
    # --restart ignores a checkpoint
    run_reextract(engine, tmp_path, workers=1, stop_after=1)
    again = run_reextract(engine, tmp_path, workers=1, restart=True)
    assert again.resumed_after == 0 and again.total == N and again.new_versions == 0


def test_missing_captures_and_taken_texts_are_counted_not_fatal(
    engine: Engine, tmp_path: Path
) -> None:
    current = _archive(engine, tmp_path, stale={0, 1})
    with engine.begin() as conn:
        ids = conn.execute(select(Article.id).order_by(Article.id)).scalars().all()
        # article 0's capture is gone; article 1 would become article 2's text
        conn.execute(update(Fetch).where(Fetch.article_id == ids[0]).values(warc_file=None))
        conn.execute(
            update(Article)
            .where(Article.id == ids[2])
            .values(content_hash=content_hash(current[1]), text=current[1])
        )
    summary = run_reextract(engine, tmp_path, workers=2)
    assert summary.no_capture == 1 and summary.taken == 1
    assert summary.done == N and not summary.interrupted


# A page that names neither its headline nor its date: only the news sitemap did (hints).
_BARE_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<article>
<p>Der Gemeinderat von Uferstadt hat am Abend über die neue Fährverbindung beraten. Nach
langer Aussprache stimmte eine knappe Mehrheit für einen Probebetrieb im kommenden Sommer.</p>
<p>Die Fähre soll zunächst an Wochenenden fahren. Die Kosten teilen sich Stadt und Landkreis,
der Fahrplan wird im Frühjahr veröffentlicht, wie die Verwaltung am Dienstag mitteilte.</p>
<p>Anwohner am Hafen hatten seit Jahren eine Verbindung zum anderen Ufer gefordert. Kritiker
verweisen auf den Lärm und die Parkplätze, die am Anleger fehlen würden.</p>
</article></body></html>""".encode()
_HINTS = {
    "title": "Fähre nach Uferstadt kommt zur Probe",
    "published_at": "2026-11-19T17:30:00+01:00",
    "language": "de",
}


def test_reextraction_gets_the_hints_the_crawl_had(engine: Engine, tmp_path: Path) -> None:
    url = f"{BASE}artikel/faehre.html"
    # The page has no headline: the title comes from the hint alone.
    assert extract_article(ExtractInput(url=url, body=_BARE_PAGE, headers=HTML)).title is None
    writer = WarcWriter(tmp_path, max_bytes=10**9)
    record, text = _captured(writer, url, _BARE_PAGE, stale=True, hints=_HINTS)
    writer.close()
    assert record.article is not None and record.article.title == _HINTS["title"]
    store_batch(engine, None, [record])
    with engine.connect() as conn:
        assert conn.execute(select(Fetch.hints)).scalar_one() == _HINTS

    summary = run_reextract(engine, tmp_path, workers=1)
    assert (summary.new_versions, summary.unchanged) == (1, 0)
    with engine.connect() as conn:
        article = conn.execute(select(Article)).one()
        titles = conn.execute(select(ArticleVersion.title).order_by(ArticleVersion.version))
        assert titles.scalars().all() == [_HINTS["title"], _HINTS["title"]]
    assert article.text == text
    assert article.title == _HINTS["title"]  # not lost because the re-extraction lacked it


def test_site_and_since_select_articles(engine: Engine, tmp_path: Path) -> None:
    _archive(engine, tmp_path, stale=set())
    assert run_reextract(engine, tmp_path, workers=1, site="other").total == 0
    later = T0 + timedelta(seconds=N - 2)
    assert run_reextract(engine, tmp_path, workers=1, since=later).total == 2


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cli_reextract(engine: Engine, database_url: str, tmp_path: Path) -> None:
    _archive(engine, tmp_path, stale={2})
    env = {**os.environ, "NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url}
    cli = str(Path(sys.executable).parent / "newsarchive")
    result = subprocess.run(
        [cli, "reextract", "--site", "bench", "--workers", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 new versions" in result.stderr
    unknown = subprocess.run(
        [cli, "reextract", "--site", "nirgends"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "newsarchive: site 'nirgends' is not in the archive (archived sites: bench)"
    ]
