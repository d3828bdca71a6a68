"""Four small local news sites for bench/chaos.py, sharing part of their texts (mirror/aggregator).

Everything is generated from a seed (no wall clock): the texts, which sites carry which text,
each site's URLs and discovery (news sitemap, sitemap index, plain sitemap, homepage). The same
text on two sites is the same article at two URLs, as an aggregator republishes it; the archive
must keep it as one article with a sighting per URL.

The server records which article pages it answered with 200, so the benchmark knows what the
crawler was given, and the progress of each crawl (which drives the fault schedule).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import cast
from urllib.parse import urlsplit

SITE_COUNT = 4
ARTICLES_PER_SITE = (40, 80)
SHARED_SHARE = 0.3  # share of each site's articles whose text another site also carries
# Publication dates lie weeks before any plausible run: every revisit slot (1 h .. 3 days) is
# past, so a rerun fetches an archived article again only if the archive lost it.
NEWEST = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)
# Discovery of each site, by index: the four ways the generic spider finds articles.
DISCOVERY = ("news-sitemap", "sitemap-index", "sitemap", "homepage")
SITE_NAMES = ("Nordkurier Rundschau", "Tagesecho Online", "Presseschau 24", "Landbote Digital")
# How long the server takes to answer an article page, as real sites do: with the crawl's
# concurrency per site this paces a crawl over seconds, so that faults triggered by progress
# land at different moments of it rather than all within one burst of fetches.
ARTICLE_LATENCY = 0.3
SECTIONS = ("politik", "wirtschaft", "region", "kultur", "sport", "wissen")

_PLACES = (
    "Lindhaven", "Ostwalden", "Seebrück", "Hallerbach", "Neuenwerder", "Birkenfelde",
    "Großöhringen", "Talheim", "Marienau", "Kranichsfurt", "Obermühl", "Wesselfeld",
)  # fmt: skip
_ACTORS = (
    "die Stadtverwaltung", "der Gemeinderat", "die Landesregierung", "das Umweltministerium",
    "die Verbraucherzentrale", "der Kreistag", "die Handwerkskammer", "der Elternbeirat",
    "die Polizei", "das Gesundheitsamt", "der Sportverein", "die Stadtwerke",
)  # fmt: skip
_THINGS = (
    "die neue Umgehungsstraße", "das Hallenbad", "der Haushaltsentwurf", "die Buslinie",
    "das Windrad am Ortsrand", "die Grundschule", "der Radweg", "das Klärwerk",
    "die Ortsumfahrung", "der Wochenmarkt", "das Glasfasernetz", "die Sanierung des Rathauses",
)  # fmt: skip
_PEOPLE = (
    "Anna Berger", "Jonas Hartmann", "Leonie Krüger", "Mehmet Aydın", "Sabine Vogt",
    "Tobias Brandt", "Katharina Lehmann", "Uwe Schröder", "Aylin Demir", "Felix Winter",
)  # fmt: skip
_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag")
_TEMPLATES = (
    "Am {day} hat {actor} in {place} über {thing} beraten.",
    "Nach Angaben von {person} kostet {thing} rund {n} Millionen Euro.",
    "Kritiker in {place} halten die Pläne für überstürzt und fordern eine Bürgerbefragung.",
    "Bis zum Herbst sollen {n} weitere Stellen geschaffen werden, teilte {actor} mit.",
    "{person} sprach von einem „wichtigen Signal für die ganze Region“.",
    "Die Opposition im Rat von {place} kündigte an, den Beschluss prüfen zu lassen.",
    "Seit Jahren wird in {place} über {thing} gestritten, zuletzt im Frühjahr.",
    "Anwohner beklagen Lärm, Staub und fehlende Parkplätze während der Bauarbeiten.",
    "Nach {n} Monaten Planung liegt nun ein Entwurf vor, der öffentlich ausgelegt wird.",
    "Ein Sprecher kündigte für den {day} eine Informationsveranstaltung im Bürgerhaus an.",
    "Die Kosten haben sich seit der ersten Schätzung um {n} Prozent erhöht.",
    "Ob der Zeitplan hält, ist offen; {actor} will im nächsten Quartal berichten.",
    "Auch in {place} wird ein ähnliches Vorhaben diskutiert, dort allerdings kleiner.",
    "Insgesamt {n} Einwendungen gingen bis zum Ende der Frist ein.",
    "„Wir haben die Sorgen ernst genommen“, sagte {person} am {day}.",
    "Der Verkehr wird während der Arbeiten über eine Umleitung geführt.",
)


@dataclass(frozen=True)
class Text:
    """One article text (title and paragraphs); `number` identifies it across sites."""

    number: int
    title: str
    author: str
    published: datetime
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """One article page of one site: where a text is published there."""

    path: str
    text: Text


@dataclass
class SiteContent:
    """One site: its key, discovery style and article pages (in sitemap order)."""

    index: int
    key: str
    name: str
    discovery: str
    pages: list[Page] = field(default_factory=list)

    @property
    def entry_path(self) -> str:
        """What the crawl is pointed at (`-a url=`)."""
        return {
            "news-sitemap": "/sitemap-news.xml",
            "sitemap-index": "/sitemap-index.xml",
            "sitemap": "/sitemap.xml",
            "homepage": "/",
        }[self.discovery]


def _text(number: int, rng: random.Random) -> Text:
    def fill(template: str) -> str:
        return template.format(
            day=rng.choice(_DAYS),
            actor=rng.choice(_ACTORS),
            place=rng.choice(_PLACES),
            thing=rng.choice(_THINGS),
            person=rng.choice(_PEOPLE),
            n=rng.randint(2, 480),
        )

    paragraphs = []
    for _ in range(rng.randint(5, 9)):
        sentences = [fill(t) for t in rng.sample(_TEMPLATES, rng.randint(2, 4))]
        sentence = " ".join(sentences)
        paragraphs.append(sentence[0].upper() + sentence[1:])
    # The text number in the lead makes every text distinct whatever the draws gave.
    paragraphs[0] = f"{rng.choice(_PLACES)} (Meldung {number}). {paragraphs[0]}"
    thing = rng.choice(_THINGS).split(" ", 1)[1]
    title = f"{thing[0].upper() + thing[1:]}: {rng.choice(_PLACES)} streitet weiter ({number})"
    published = NEWEST - timedelta(hours=rng.randint(24, 24 * 40), minutes=rng.randint(0, 59))
    return Text(number, title, rng.choice(_PEOPLE), published, tuple(paragraphs))


def build_sites(seed: int) -> list[SiteContent]:
    """The four sites of one seed; ~30% of each site's texts also appear on other sites."""
    rng = random.Random(f"chaos-web:{seed}")
    counts = [rng.randint(*ARTICLES_PER_SITE) for _ in range(SITE_COUNT)]
    site_texts: list[list[Text]] = [[] for _ in range(SITE_COUNT)]
    number = seed * 10_000
    remaining = [round(SHARED_SHARE * c) for c in counts]
    # Shared texts first: each goes to two or three sites that still have shared slots.
    while sum(1 for r in remaining if r > 0) >= 2:
        open_sites = [i for i, r in enumerate(remaining) if r > 0]
        chosen = rng.sample(open_sites, min(len(open_sites), rng.choice((2, 2, 3))))
        text = _text(number, rng)
        number += 1
        for i in chosen:
            site_texts[i].append(text)
            remaining[i] -= 1
    for i, count in enumerate(counts):
        while len(site_texts[i]) < count:
            site_texts[i].append(_text(number, rng))
            number += 1
        rng.shuffle(site_texts[i])
    sites = []
    for i, texts in enumerate(site_texts):
        site = SiteContent(i, f"chaos_{'abcd'[i]}", SITE_NAMES[i], DISCOVERY[i])
        for k, text in enumerate(texts):
            section = SECTIONS[(k + i) % len(SECTIONS)]
            slug = _slug(text.title)
            day = text.published
            path = f"/{section}/{day:%Y/%m/%d}/{slug}-{i}{k:04d}.html"
            site.pages.append(Page(path, text))
        sites.append(site)
    return sites


def _slug(title: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})
    words = "".join(c if c.isalnum() else " " for c in title.lower().translate(table)).split()
    return "-".join(words[:8])


def expected_texts(sites: list[SiteContent]) -> int:
    """How many distinct texts the sites carry together: the articles the archive must hold."""
    return len({page.text.number for site in sites for page in site.pages})


# ----- rendering


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _state_blob(site: SiteContent, page: Page) -> str:
    """A page's hydration state, as real pages carry: 1-60 KB that gzip cannot shrink, so that
    some WARC records are larger than a file buffer (a full disk then cuts them mid-write)."""
    rng = random.Random(f"state:{site.index}:{page.path}")
    size = int(rng.choice((1, 2, 4, 8, 16, 30, 60)) * 1024 * rng.uniform(0.8, 1.0))
    return base64.b64encode(rng.randbytes(size * 3 // 4)).decode("ascii")


def render_article(site: SiteContent, page: Page, base: str) -> bytes:
    text = page.text
    url = base + page.path.lstrip("/")
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": text.title,
        "datePublished": text.published.isoformat(),
        "author": {"@type": "Person", "name": text.author},
        "publisher": {"@type": "Organization", "name": site.name},
    }
    paragraphs = "\n".join(f"<p>{_esc(p)}</p>" for p in text.paragraphs)
    nav = " ".join(f'<a href="/{s}/">{s.capitalize()}</a>' for s in SECTIONS)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{_esc(text.title)} | {_esc(site.name)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{_esc(text.title)}">
<meta property="og:url" content="{_esc(url)}">
<link rel="canonical" href="{_esc(url)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>
<body>
<header><a href="/">{_esc(site.name)}</a> <nav>{nav}</nav></header>
<main>
<article>
<h1>{_esc(text.title)}</h1>
<p class="byline">Von {_esc(text.author)}, {text.published:%d.%m.%Y}</p>
{paragraphs}
</article>
</main>
<footer>Impressum · Datenschutz · © 2026 {_esc(site.name)}</footer>
<script id="__STATE__" type="application/json">{{"teasers":"{_state_blob(site, page)}"}}</script>
</body>
</html>
""".encode()


def _urlset(entries: list[str], news: list[Page] | None, site: SiteContent) -> bytes:
    if news is None:
        body = "".join(f"<url><loc>{_esc(loc)}</loc></url>\n" for loc in entries)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{body}</urlset>\n"
        ).encode()
    items = []
    for loc, page in zip(entries, news, strict=True):
        items.append(
            f"<url><loc>{_esc(loc)}</loc><news:news><news:publication>"
            f"<news:name>{_esc(site.name)}</news:name><news:language>de</news:language>"
            f"</news:publication><news:publication_date>{page.text.published.isoformat()}"
            f"</news:publication_date><news:title>{_esc(page.text.title)}</news:title>"
            "</news:news></url>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{''.join(items)}</urlset>\n"
    ).encode()


def _documents(site: SiteContent, base: str) -> dict[str, tuple[bytes, str]]:
    """Every discovery document of a site: path -> (body, content type)."""
    xml = "application/xml; charset=utf-8"
    locs = [base + page.path.lstrip("/") for page in site.pages]
    docs: dict[str, tuple[bytes, str]] = {}
    if site.discovery == "news-sitemap":
        docs["/sitemap-news.xml"] = (_urlset(locs, site.pages, site), xml)
        sitemap = "/sitemap-news.xml"
    elif site.discovery == "sitemap-index":
        half = len(locs) // 2
        children = {
            "/sitemaps/articles-1.xml": locs[:half],
            "/sitemaps/articles-2.xml": locs[half:],
        }
        index = "".join(
            f"<sitemap><loc>{_esc(base + path.lstrip('/'))}</loc></sitemap>\n" for path in children
        )
        docs["/sitemap-index.xml"] = (
            (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                f"{index}</sitemapindex>\n"
            ).encode(),
            xml,
        )
        for path, entries in children.items():
            docs[path] = (_urlset(entries, None, site), xml)
        sitemap = "/sitemap-index.xml"
    else:
        docs["/sitemap.xml"] = (_urlset(locs, None, site), xml)
        sitemap = "/sitemap.xml"
    links = "\n".join(
        f'<li><a href="{_esc(page.path)}">{_esc(page.text.title)}</a></li>' for page in site.pages
    )
    docs["/"] = (
        f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{_esc(site.name)}</title></head>
<body><header>{_esc(site.name)}</header><main><h1>Nachrichten</h1><ul>
{links}
</ul></main></body></html>
""".encode(),
        "text/html; charset=utf-8",
    )
    robots = f"User-agent: *\nDisallow: /suche/\n\nSitemap: {base}{sitemap.lstrip('/')}\n"
    docs["/robots.txt"] = (robots.encode(), "text/plain; charset=utf-8")
    return docs


# ----- serving


_LAST_MODIFIED = format_datetime(NEWEST, usegmt=True)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, web: ChaosWeb, site: SiteContent) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.web = web
        self.site = site
        self.base = f"http://127.0.0.1:{self.server_address[1]}/"
        self.documents = _documents(site, self.base)
        self.articles = {page.path: render_article(site, page, self.base) for page in site.pages}

    def handle_error(self, request: object, client_address: object) -> None:
        """Silent: crawls killed with SIGKILL reset their connections, as intended."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ChaosWeb/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the benchmark reads the served-page record instead."""

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        server = cast(_SiteServer, self.server)
        path = urlsplit(self.path).path or "/"
        headers: list[tuple[str, str]] = []
        body = server.articles.get(path)
        content_type = "text/html; charset=utf-8"
        status = 200
        if body is None and path in server.documents:
            # Discovery documents answer conditional requests, as real sites' sitemaps do: a
            # rerun that trusts their validators fetches nothing it did not already know.
            body, content_type = server.documents[path]
            etag = '"' + hashlib.sha256(body).hexdigest()[:24] + '"'
            headers = [("ETag", etag), ("Last-Modified", _LAST_MODIFIED)]
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None
                and self.headers.get("If-Modified-Since") == _LAST_MODIFIED
            ):
                status = 304
        elif body is None:
            status, body, content_type = 404, b"not found\n", "text/plain; charset=utf-8"
        else:
            time.sleep(server.web.latency)
            if not head:
                server.web.served(server.site.index, path)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)


class ChaosWeb:
    """The four sites of a seed, each on its own loopback port, served from daemon threads."""

    def __init__(self, seed: int, latency: float = ARTICLE_LATENCY) -> None:
        self.sites = build_sites(seed)
        self.latency = latency
        self._lock = threading.Lock()
        self._served: list[set[str]] = [set() for _ in self.sites]
        self._servers = [_SiteServer(self, site) for site in self.sites]
        self._threads = [
            threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
            for s in self._servers
        ]
        for thread in self._threads:
            thread.start()

    def served(self, site: int, path: str) -> None:
        with self._lock:
            self._served[site].add(path)

    def base_url(self, site: int) -> str:
        return self._servers[site].base

    def entry_url(self, site: int) -> str:
        return self.base_url(site) + self.sites[site].entry_path.lstrip("/")

    def article_urls(self, site: int) -> list[str]:
        base = self.base_url(site)
        return [base + page.path.lstrip("/") for page in self.sites[site].pages]

    def served_urls(self, site: int) -> set[str]:
        """Article URLs of the site answered with 200 at least once so far."""
        base = self.base_url(site)
        with self._lock:
            return {base + path.lstrip("/") for path in self._served[site]}

    def progress(self, site: int) -> float:
        """Share of the site's article pages served so far."""
        with self._lock:
            return len(self._served[site]) / len(self.sites[site].pages)

    def texts_by_url(self) -> dict[str, int]:
        """Every article URL of every site -> the number of the text it carries."""
        return {
            self.base_url(i) + page.path.lstrip("/"): page.text.number
            for i, site in enumerate(self.sites)
            for page in site.pages
        }

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> ChaosWeb:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
