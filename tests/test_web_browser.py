"""The archive browser in a real browser: `newsarchive serve` as a subprocess, headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright) reading its pages, screenshots checked, and
an archived page with a script and a tracking image proven inert.

Skipped when /usr/bin/chromium is missing, unless NEWSARCHIVE_TEST_REQUIRE_BROWSER=1 (`.ci/run`
sets it, and installs the package), which makes a missing browser a failure.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from db.engine import ensure_schema, make_engine
from tests.factories import BIN, QuietHandler, serving
from tests.web_archive import MARKER, WebArchive, capture_html, fill_archive

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("NEWSARCHIVE_TEST_REQUIRE_BROWSER") == "1"
VIEWPORT = {"width": 1280, "height": 800}


def _browser_problem() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (Debian package chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (a dev dependency)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    problem = _browser_problem()
    if problem is not None:
        if REQUIRE_BROWSER:
            pytest.fail(problem)
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


class Beacon(QuietHandler):
    """A second local server the archived page tries to reach; it notes every request."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Beacon.requests.append(self.path)
        self.send(200, b"", "text/plain")


@pytest.fixture(scope="module")
def beacon() -> Iterator[str]:
    with serving(Beacon) as url:
        yield url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_serving(base: str, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)  # polling a port the subprocess has not opened yet
    raise AssertionError(f"serve did not answer at {base} within {seconds} s")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, beacon: str, browser: Any
) -> Iterator[tuple[str, WebArchive]]:
    """`newsarchive serve` on a SQLite archive filled with the test archive."""
    data_dir = tmp_path_factory.mktemp("served")
    url = f"sqlite:///{data_dir / 'archive.sqlite'}"
    engine = make_engine(url)
    ensure_schema(engine)
    archive = fill_archive(engine, data_dir, beacon)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "NEWSARCHIVE_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [str(BIN / "newsarchive"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(base, proc)
        yield base, archive
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    yield tab
    context.close()


def png_facts(data: bytes) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the decoded rows) of a PNG: a blank or uniform
    screenshot decodes to a handful of values, a page with text to many."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def _shot(page: Any, path: Path) -> bytes:
    data: bytes = page.screenshot(path=str(path))
    width, height, distinct = png_facts(data)
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    assert distinct > 30, f"{path.name} looks blank ({distinct} distinct byte values)"
    return data


def test_the_main_pages_in_chromium(
    served: tuple[str, WebArchive], page: Any, tmp_path: Path
) -> None:
    base, archive = served
    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Sites"
    assert page.locator("#sites tbody tr").count() == 3
    assert "no new articles for 2 runs" in page.locator("#sites").inner_text()
    sites = _shot(page, tmp_path / "sites.png")

    # The filter form, as a reader uses it: pick a site, submit.
    page.goto(base + "/articles")
    assert page.locator("#articles tbody tr").count() == 4
    page.select_option("select[name=site]", "gamma")
    page.click("form.filters button")
    page.wait_for_url("**/articles?site=gamma**")
    rows = page.locator("#articles tbody tr")
    assert rows.count() == 1 and "Frachter auf Grund gelaufen" in rows.inner_text()
    listing = _shot(page, tmp_path / "articles.png")

    page.goto(f"{base}/articles/{archive.hostile}")
    assert page.title().startswith("<script>")  # the markup is the title's text, shown as such
    assert "<b>Ordnung</b>" in page.locator("#article-title").inner_text()

    page.goto(f"{base}/articles/{archive.edited}")
    assert page.locator("#article-title").inner_text() == "Stadtrat beschließt geänderten Haushalt"
    added = page.locator("#diff .new ins").all_inner_texts()
    assert any("knappe" in text for text in added)
    assert "Die Opposition kündigte eine Klage an." in " ".join(added)
    assert page.locator("#diff .old h3").inner_text().startswith("version 1")
    article = _shot(page, tmp_path / "article.png")

    page.goto(f"{base}/articles/{archive.wire}")
    assert "beta" in page.locator("#cluster").inner_text()
    page.click("#cluster a")
    assert page.locator("#article-title").inner_text() == "Frachter läuft vor der Küste auf Grund"

    page.goto(base + "/runs")
    assert page.locator("#runs tbody tr").count() == len(archive.runs)
    assert len({sites, listing, article}) == 3, "the pages' screenshots should differ"


def test_search_in_chromium(served: tuple[str, WebArchive], page: Any, tmp_path: Path) -> None:
    base, archive = served
    page.goto(base + "/")
    page.fill("header input[name=q]", "Frachtschiff")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Frachtschiff")
    hits = page.locator("#hits li")
    assert hits.count() == 2
    page.click("#hits li a >> nth=0")
    title = page.locator("#article-title").inner_text()
    assert title in ("Frachter auf Grund gelaufen", "Frachter läuft vor der Küste auf Grund")
    assert page.url.endswith((f"/articles/{archive.wire}", f"/articles/{archive.wire_copy}"))
    page.go_back()
    assert page.locator("#hits mark").all_inner_texts() == ["Frachtschiff", "Frachtschiff"]
    _shot(page, tmp_path / "search.png")


def test_an_archived_page_runs_no_script_and_loads_nothing(
    served: tuple[str, WebArchive], page: Any, tmp_path: Path, beacon: str
) -> None:
    base, archive = served
    Beacon.requests.clear()
    page.goto(f"{base}/fetches/{archive.capture_fetch}")
    frame = page.frame_locator("#capture")
    # The archived page is there, as archived: its text shows, its script did not change it.
    assert MARKER and frame.locator(f"#{MARKER}").inner_text().startswith("Der Stadtrat")
    assert frame.locator("#headline").inner_text() == "Stadtrat beschließt den Haushalt"
    assert frame.locator("body").get_attribute("data-script") is None
    # Its inline styles apply (CAPTURE_CSP allows them: they load nothing).
    background = frame.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    assert background == "rgb(244, 240, 230)"
    shot = page.locator("#capture").screenshot(path=str(tmp_path / "capture.png"))
    assert png_facts(shot)[2] > 30
    # Its meta refresh (to the beacon, at once) did not move the frame either.
    (body_frame,) = [f for f in page.frames if f is not page.main_frame]
    assert body_frame.url == f"{base}/fetches/{archive.capture_fetch}/body"
    assert frame.locator("#headline").inner_text() == "Stadtrat beschließt den Haushalt"
    # Opened on its own, outside the frame, the body is just as inert (the CSP's sandbox).
    page.goto(f"{base}/fetches/{archive.capture_fetch}/body")
    assert page.locator("#headline").inner_text() == "Stadtrat beschließt den Haushalt"
    page.goto(f"{base}/fetches/{archive.capture_fetch}/raw")
    assert page.locator("body").inner_text().startswith("HTTP/1.1 200 OK")
    assert Beacon.requests == []

    # The control: the same page without the browser's protections runs its script, loads its
    # image and follows its refresh, all to the beacon, so the checks above could have seen it
    # (a fresh tab: a document written into the tab above would keep that page's policy).
    control = page.context.new_page()
    control.set_content(capture_html(beacon).decode())
    deadline = time.monotonic() + 20
    wanted = {"/fetched", "/pixel.gif", "/refresh"}
    while not wanted <= set(Beacon.requests) and time.monotonic() < deadline:
        time.sleep(0.05)  # the beacon's thread records the requests as they come
    assert wanted <= set(Beacon.requests)
