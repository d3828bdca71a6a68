"""The `coverage` host: a sitemap listing 300 articles under the URL shapes publishers use.

Half of the shapes do not look like article URLs at all (short ids, short slugs, a query
string), as on real sites; the same sitemap lists tag, author, search, pagination and archive
pages, an image and pages that only their content shows not to be articles (a dossier, a
topic collection, a service page). The feed carries only the newest articles. Article pages
declare what they are in three ways, a third each: Open Graph and JSON-LD, JSON-LD only
(`ReportageNewsArticle`), or nothing (their text shows it). The text is the bench corpus's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from crawler.demoweb.common import (
    RSS,
    TEXT,
    DemoSite,
    Response,
    SiteContext,
    attr,
    esc,
    image_response,
    json_ld,
    not_found,
    page,
    xml_response,
)
from crawler.demoweb.corpus import bench_article, bench_published, bench_title, slugify
from crawler.demoweb.fixture import FixtureArticle
from crawler.demoweb.xmlfeeds import FeedItem, robots_txt, rss, sitemap_index, urlset

COVERAGE_HOST = "coverage"
SITE_NAME = "Stadtanzeiger"
ARTICLE_COUNT = 300
FEED = "/feed.xml"
FEED_SIZE = 40  # the feed carries only the newest articles
SITEMAP_INDEX = "/sitemap.xml"
SITEMAPS = ("/sitemap-artikel-1.xml", "/sitemap-artikel-2.xml")
HOME_LINKS = 20

# How article pages say what they are, by variant.
DECLARED_BOTH, DECLARED_JSON_LD, DECLARED_NOTHING = 0, 1, 2

_AUTHORS = ("lena-brandt", "ole-hansen", "mira-kaya", "paul-wendt")
_TOPICS = ("haushalt", "verkehr", "schule", "wohnen", "hafen")


@dataclass(frozen=True)
class CoveragePage:
    """A URL the sitemap lists: an article (`number` set) or a non-article page, with the
    reason the crawl should give (`refusal_of`'s class, or "page" when the page decides)."""

    path: str
    number: int | None = None
    refused_as: str | None = None

    @property
    def is_article(self) -> bool:
        return self.number is not None


def _short_id(i: int) -> str:
    return hashlib.sha1(f"coverage-{i}".encode()).hexdigest()[:8]


def article_path(i: int) -> str:
    """Article `i`'s path: one of twelve shapes, modelled on real publishers' URLs."""
    slug = slugify(bench_title(i))
    words = slug.split("-")
    shape = i % 12
    if shape == 0:  # the headline, then a marked id
        return f"/{'-'.join(w.capitalize() for w in words[:6])}/!{5_900_000 + i}/"
    if shape == 1:  # a comma before the id
        return f"/news,{142_000 + i}.html"
    if shape == 2:  # the id in the folder, a page-type leaf
        return f"/sport/{slug}-{1_019_000 + i}/artikel"
    if shape == 3:  # an opaque id after "articles"
        return f"/news/articles/cl{_short_id(i)}{i % 100:02d}"
    if shape == 4:  # a dated folder with an index page
        return f"/{bench_published(i):%Y/%m/%d}/politik/{slug}-{i}/index.html"
    if shape == 5:  # under the author's folder
        return f"/autoren/{_AUTHORS[i % len(_AUTHORS)]}/{slug}-{i}"
    if shape == 6:  # a script with the id in the query
        return f"/meldung.php?id={48_000 + i}"
    if shape == 7:  # a short numeric page
        return f"/a/{1000 + i}.html"
    if shape == 8:  # a short link
        return f"/p/{_short_id(i)[:5]}"
    if shape == 9:  # a short slug
        return f"/{'-'.join(words[:2])}-{i}/"
    if shape == 10:  # a query string without an id name
        return f"/meldung?nr={i}"
    return f"/kultur/{'-'.join(words[:2])}-{i}"  # a short slug in a section


def _non_articles() -> tuple[CoveragePage, ...]:
    pages = [CoveragePage(f"/tag/{topic}/", refused_as="tag") for topic in _TOPICS]
    pages += [CoveragePage(f"/autoren/{author}/", refused_as="author") for author in _AUTHORS]
    pages += [
        CoveragePage("/suche?q=haushalt", refused_as="search"),
        CoveragePage("/politik/seite/2/", refused_as="pagination"),
        CoveragePage("/nachrichten/?page=3", refused_as="pagination"),
        CoveragePage("/bilder/stadtfest-2026.jpg", refused_as="asset"),
        CoveragePage("/2026/11/", refused_as="archive"),
        CoveragePage("/", refused_as="homepage"),
        # Not refusable by URL: fetched, and the page says what it is.
        CoveragePage("/dossier/klimaschutz", refused_as="page"),
        CoveragePage("/dossier/verkehrswende", refused_as="page"),
        CoveragePage("/themenwelt/wohnen", refused_as="page"),
        CoveragePage("/service/wetter-heute", refused_as="page"),
    ]
    return tuple(pages)


NON_ARTICLES = _non_articles()


class CoverageSite(DemoSite):
    """Routes of the coverage host (see the module docstring)."""

    def __init__(self, count: int = ARTICLE_COUNT) -> None:
        self.count = count

    @cached_property
    def _paths(self) -> dict[str, int]:
        paths = {article_path(i): i for i in range(self.count)}
        if len(paths) != self.count:
            raise AssertionError("two coverage articles share a path")
        return paths

    def articles(self) -> list[CoveragePage]:
        return [CoveragePage(article_path(i), number=i) for i in range(self.count)]

    def listed(self) -> list[CoveragePage]:
        """Everything the sitemaps list, articles first."""
        return [*self.articles(), *NON_ARTICLES]

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        target = f"{path}?{query}" if query else path
        number = self._paths.get(target)
        if number is not None:
            return page(_article_page(bench_article(number), number, base + target[1:]))
        if path == "/robots.txt":
            body = robots_txt(["/intern/"], [base + SITEMAP_INDEX[1:]])
            return Response(body=body, content_type=TEXT)
        if path == SITEMAP_INDEX:
            children = [(base + child[1:], bench_published(0)) for child in SITEMAPS]
            return xml_response(sitemap_index(children), bench_published(0))
        if path in SITEMAPS:
            listed = self.listed()
            half = len(listed) // 2
            mine = listed[:half] if path == SITEMAPS[0] else listed[half:]
            entries = [(base + p.path[1:], _lastmod(p)) for p in mine]
            return xml_response(urlset(entries), bench_published(0))
        if path == FEED:
            items = [
                FeedItem(bench_title(i), base + article_path(i)[1:], bench_published(i), "")
                for i in range(min(FEED_SIZE, self.count))
            ]
            body = rss(SITE_NAME, base, "Nachrichten aus der Stadt", items)
            return xml_response(body, bench_published(0), RSS)
        if path == "/":
            links = [(article_path(i), bench_title(i)) for i in range(min(HOME_LINKS, self.count))]
            return page(_listing(SITE_NAME, links, "website", feed=True))
        if path.startswith("/bilder/"):
            return image_response()
        return self._other_page(target)

    def _other_page(self, target: str) -> Response:
        teasers = [(article_path(i), bench_title(i)) for i in range(min(40, self.count))]
        if target.startswith(("/dossier/", "/tag/", "/autoren/", "/politik/seite/")):
            return page(_listing(f"Dossier – {SITE_NAME}", teasers, "website"))
        if target.startswith(("/suche", "/nachrichten/")):
            return page(_listing(f"Suche – {SITE_NAME}", teasers[:10], "website"))
        if target.startswith("/themenwelt/"):
            return page(_listing(f"Themenwelt – {SITE_NAME}", teasers, None, "CollectionPage"))
        if target == "/2026/11/":
            return page(_listing(f"Archiv November 2026 – {SITE_NAME}", teasers, "website"))
        if target == "/service/wetter-heute":
            return page(_service_page())
        return not_found(SITE_NAME)


def _lastmod(listed: CoveragePage) -> datetime:
    return bench_published(listed.number if listed.number is not None else 0)


def _article_page(article: FixtureArticle, i: int, url: str) -> str:
    variant = (i // 12) % 3
    head: list[str] = []
    if variant == DECLARED_BOTH:
        head += [
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(article.title)}">',
            f'<meta property="og:url" content="{attr(url)}">',
        ]
    if variant in (DECLARED_BOTH, DECLARED_JSON_LD):
        kind = "NewsArticle" if variant == DECLARED_BOTH else "ReportageNewsArticle"
        head.append(
            json_ld(
                {
                    "@context": "https://schema.org",
                    "@type": kind,
                    "headline": article.title,
                    "datePublished": article.published.isoformat(),
                    "author": [{"@type": "Person", "name": name} for name in article.authors],
                    "publisher": {"@type": "Organization", "name": SITE_NAME},
                }
            )
        )
    byline = f'<p class="byline">Von {esc(" und ".join(article.authors))}</p>'
    body = "\n".join(f"<p>{esc(line)}</p>" for line in article.body)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>{esc(article.title)} | {SITE_NAME}</title>
<link rel="canonical" href="{attr(url)}">
{chr(10).join(head)}
</head>
<body>
<header><a href="/">{SITE_NAME}</a></header>
<main>
<article>
<h1>{esc(article.title)}</h1>
{byline if article.authors else ""}
<time datetime="{article.published.isoformat()}">{article.published:%d.%m.%Y, %H:%M} Uhr</time>
{body}
</article>
</main>
<footer><a href="/impressum.html">Impressum</a></footer>
</body>
</html>
"""


def _listing(
    title: str,
    links: list[tuple[str, str]],
    og_type: str | None,
    ld_type: str | None = None,
    *,
    feed: bool = False,
) -> str:
    head = []
    if og_type is not None:
        head.append(f'<meta property="og:type" content="{og_type}">')
    if ld_type is not None:
        head.append(json_ld({"@context": "https://schema.org", "@type": ld_type, "name": title}))
    if feed:
        head.append(f'<link rel="alternate" type="application/rss+xml" href="{FEED}">')
    items = "\n".join(
        f'<li><a href="{attr(href)}">{esc(text)}</a><p>{esc(text)}: alle Hintergründe, '
        "Stimmen und Zahlen zum Thema im ausführlichen Bericht unserer Redaktion.</p></li>"
        for href, text in links
    )
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>{esc(title)}</title>
{chr(10).join(head)}
</head>
<body>
<header><a href="/">{SITE_NAME}</a></header>
<main><h1>{esc(title)}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def _service_page() -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Das Wetter heute – {SITE_NAME}</title></head>
<body>
<header><a href="/">{SITE_NAME}</a></header>
<main><h1>Das Wetter heute</h1>
<p>Am Vormittag bleibt es bewölkt, am Nachmittag lockert es von Westen her auf.</p>
<p>Höchstwerte um elf Grad, in der Nacht bis zwei Grad. Der Wind weht schwach aus Südwest.</p>
</main>
</body>
</html>
"""
