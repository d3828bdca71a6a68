"""A small archive for the browser's tests: runs with a warning, an edited article, a cluster
across sites, a hostile title, and captures (one of them a page that tries to run a script and
load an image from `beacon`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select

from crawler.warc import WarcWriter
from db.health import record_warnings
from db.models import Fetch
from db.records import FetchRecord
from db.runs import RunCounts, finish_run, start_run
from db.store import store_batch
from pipelines.neardup import band_keys, signature
from tests.factories import article_data, fetch_record, warc_fields, write_page

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

EDITED_URL = "https://alpha.example/politik/haushalt.html"
EDITED_V1 = (
    "Der Stadtrat beriet am Dienstag lange über den Haushalt.\n"
    "Die Mehrheit stimmte am Abend für den Entwurf der Kämmerei."
)
EDITED_V2 = (
    "Der Stadtrat beriet am Dienstag lange über den Haushalt.\n"
    "Die knappe Mehrheit stimmte am späten Abend für den geänderten Entwurf der Kämmerei.\n"
    "Die Opposition kündigte eine Klage an."
)
WIRE = (
    "Ein Frachtschiff ist am Morgen vor der Küste auf Grund gelaufen, teilte die Hafenbehörde "
    "mit. Verletzt wurde nach ersten Angaben niemand, die Besatzung von zwölf Personen blieb an "
    "Bord. Schlepper sollen das Schiff bei Flut am Nachmittag freiziehen. Ob Treibstoff "
    "ausgetreten ist, prüfen Taucher der Wasserschutzpolizei. Die Fahrrinne bleibt bis auf "
    "Weiteres gesperrt, Fähren fahren mit Verspätung."
)
WIRE_COPY = WIRE + " Die Reederei äußerte sich zunächst nicht."
HOSTILE_TITLE = "<script>document.title='pwned'</script> Brandschutz & <b>Ordnung</b>"
HOSTILE_TEXT = "Die Feuerwehr prüfte die Brandschutzordnung der Schule; Mängel fand sie keine."
MARKER = "archived-page-marker"


def capture_html(beacon: str) -> bytes:
    """An archived page that, were it live, would rewrite the page, call `beacon`, load an
    image and a stylesheet from it, and move on to it at once."""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Haushalt</title>
<meta http-equiv="refresh" content="0; url={beacon}/refresh">
<link rel="stylesheet" href="{beacon}/style.css">
<style>body {{ background: #f4f0e6; }} h1 {{ color: #7a2e0e; }}</style>
</head><body>
<h1 id="headline">Stadtrat beschließt den Haushalt</h1>
<p id="{MARKER}">{EDITED_V1}</p>
<img id="pixel" src="{beacon}/pixel.gif" alt="">
<script>
document.getElementById("headline").textContent = "script ran";
document.body.setAttribute("data-script", "ran");
fetch("{beacon}/fetched");
</script>
</body></html>""".encode()


@dataclass(frozen=True)
class WebArchive:
    edited: int  # two versions, seen on alpha
    wire: int  # seen on alpha and on gamma (an aggregator)
    wire_copy: int  # beta's near-duplicate of `wire`: same cluster
    hostile: int  # its title is markup
    capture_fetch: int  # the edited article's first fetch: the hostile capture
    no_capture_fetch: int  # a fetch without a WARC record
    lost_capture_fetch: int  # a fetch whose WARC file is gone
    runs: tuple[int, ...]


def _signed(text: str, **fields: object) -> dict[str, object]:
    sig = signature(text)
    assert sig is not None
    return {"signature": sig, "band_keys": band_keys(sig), **fields}


def _record(
    url: str, site: str, at: datetime, text: str, *, writer: WarcWriter | None = None, **kw: object
) -> FetchRecord:
    title = str(kw.pop("title", "Titel"))
    body = kw.pop("body", None)
    art = article_data(text, title=title, **_signed(text, **kw))  # type: ignore[arg-type]
    extra: dict[str, object] = {}
    if writer is not None:
        page = body if isinstance(body, bytes) else f"<html><body><p>{text}</p></body></html>"
        ref = write_page(
            writer,
            url,
            page.encode() if isinstance(page, str) else page,
            at,
            response_headers=[("Content-Type", "text/html; charset=utf-8")],
        )
        extra = {**warc_fields(ref), "content_type": "text/html; charset=utf-8"}
    return fetch_record(url, site, at, article=art, url_key=url, **extra)  # type: ignore[arg-type]


def _crawl(engine: Engine, site: str, records: list[FetchRecord], **finish: object) -> int:
    """A run of `site` that stores `records`; finished with `finish` (outcome, finish_reason,
    counts) when given, else left running."""
    run = start_run(engine, site, site, site.title(), {})
    store_batch(engine, run, records)
    if finish:
        finish_run(engine, run, stats={}, **finish)  # type: ignore[arg-type]
    return run


def fill_archive(engine: Engine, data_dir: Path, beacon: str) -> WebArchive:
    writer = WarcWriter(data_dir, max_bytes=10**9)
    day = timedelta(days=1)
    edited = {"writer": writer, "published_at": T0 - timedelta(hours=2)}
    wire = {"writer": writer, "published_at": T0 - 3 * day}
    try:
        first = [
            _record(
                EDITED_URL,
                "alpha",
                T0,
                EDITED_V1,
                title="Stadtrat beschließt den Haushalt",
                body=capture_html(beacon),
                **edited,
            ),
            _record(
                "https://alpha.example/panorama/frachter.html",
                "alpha",
                T0,
                WIRE,
                title="Frachter auf Grund gelaufen",
                **wire,
            ),
        ]
        finished = RunCounts(pages_fetched=2, articles_new=2)
        runs = [
            _crawl(
                engine,
                "alpha",
                first,
                outcome="finished",
                finish_reason="finished",
                counts=finished,
            )
        ]
        revisit = _record(
            EDITED_URL,
            "alpha",
            T0 + day,
            EDITED_V2,
            title="Stadtrat beschließt geänderten Haushalt",
            **edited,
        )
        failed = RunCounts(pages_fetched=1, new_versions=1, errors=3)
        runs.append(
            _crawl(
                engine,
                "alpha",
                [revisit],
                outcome="failed",
                finish_reason="closespider_errorcount",
                counts=failed,
            )
        )
        with engine.connect() as conn:
            alpha = conn.execute(select(Fetch.site_id).where(Fetch.run_id == runs[-1])).scalar_one()
        record_warnings(
            engine, runs[-1], alpha, [("no_new_articles", "no new articles for 2 runs")]
        )
        later = T0 + timedelta(hours=1)
        runs.append(
            _crawl(
                engine,
                "beta",
                [
                    _record(
                        "https://beta.example/2026/frachter-grund",
                        "beta",
                        later,
                        WIRE_COPY,
                        title="Frachter läuft vor der Küste auf Grund",
                        **wire,
                    ),
                    _record(
                        "https://beta.example/2026/brandschutz",
                        "beta",
                        later,
                        HOSTILE_TEXT,
                        title=HOSTILE_TITLE,
                        language="en",
                        published_at=T0 + 10 * day,
                    ),
                ],
            )
        )
        # An aggregator's copy of alpha's wire story: a second sighting, on another site; and a
        # fetch whose WARC file is gone.
        lost = write_page(writer, "https://beta.example/weg", b"<p>weg</p>", T0)
        runs.append(
            _crawl(
                engine,
                "gamma",
                [
                    _record("https://gamma.example/a/991", "gamma", later, WIRE),
                    fetch_record(
                        "https://beta.example/weg",
                        "beta",
                        T0,
                        kind="discovery",
                        outcome="discovery",
                        **{**warc_fields(lost), "warc_file": "warc/gone.warc.gz"},
                    ),
                ],
            )
        )
    finally:
        writer.close()
    with engine.connect() as conn:
        # Each URL's last fetch; the edited article's first fetch holds the hostile capture.
        ids = {
            url: (article_id, fetch_id)
            for url, article_id, fetch_id in conn.execute(
                select(Fetch.url, Fetch.article_id, Fetch.id).order_by(Fetch.id)
            )
        }
        first_fetch = conn.execute(
            select(Fetch.id).where(Fetch.url == EDITED_URL).order_by(Fetch.id).limit(1)
        ).scalar_one()
    return WebArchive(
        edited=ids[EDITED_URL][0],
        wire=ids["https://alpha.example/panorama/frachter.html"][0],
        wire_copy=ids["https://beta.example/2026/frachter-grund"][0],
        hostile=ids["https://beta.example/2026/brandschutz"][0],
        capture_fetch=first_fetch,
        no_capture_fetch=ids["https://beta.example/2026/brandschutz"][1],
        lost_capture_fetch=ids["https://beta.example/weg"][1],
        runs=tuple(runs),
    )
