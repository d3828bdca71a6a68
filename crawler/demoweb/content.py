"""Ground truth of every fixture article the demo web serves, and its deliberately broken pages.

The articles are declared per site (content_<site>.py) in the model of fixture.py; here they are
assembled, given their "related articles" furniture, and looked up by host and path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from crawler.demoweb.content_aggregator import AGGREGATOR_ARTICLES
from crawler.demoweb.content_rt import RT_ARTICLES
from crawler.demoweb.content_sna import SNA_ARTICLES
from crawler.demoweb.content_tagesblick import TAGESBLICK_ARTICLES, TB_CHARSET, TB_RELATED_HEADING
from crawler.demoweb.fixture import CHROME, MIRRORS, TEASER, FixtureArticle, Junk

# --- assembly ---------------------------------------------------------------------------------


def related_articles(article: FixtureArticle, count: int = 3) -> tuple[FixtureArticle, ...]:
    """The "related articles" a page lists: the next articles of the same host, cyclically."""
    same = [a for a in _BASE if a.host == article.host and not a.quirks]
    keys = [a.key for a in same]
    if article.key not in keys:
        return tuple(same[:count])
    start = keys.index(article.key)
    return tuple(same[(start + k) % len(same)] for k in range(1, count + 1))


def _with_related(article: FixtureArticle) -> FixtureArticle:
    """Adds the page furniture that lists other articles of the same host."""
    others = tuple(a.title for a in related_articles(article))
    if article.host == "tagesblick":
        extra = Junk(TEASER, "related_list", (TB_RELATED_HEADING, *others))
    elif article.host == "aggregator":
        extra = Junk(CHROME, "recent_posts", others)
    else:
        return article
    return replace(article, page_junk=(*article.page_junk, extra))


_BASE: tuple[FixtureArticle, ...] = (
    *TAGESBLICK_ARTICLES,
    *RT_ARTICLES,
    *SNA_ARTICLES,
    *AGGREGATOR_ARTICLES,
)

ARTICLES: tuple[FixtureArticle, ...] = tuple(_with_related(a) for a in _BASE)

_BY_KEY = {article.key: article for article in ARTICLES}


def find_article(host: str, path: str) -> FixtureArticle | None:
    """The article served at `path` on `host`; a mirror host resolves to the original."""
    return _BY_KEY.get((MIRRORS.get(host, host), path))


def get_article(host: str, path: str) -> FixtureArticle:
    article = find_article(host, path)
    if article is None:
        raise KeyError(f"no fixture article at {host}:{path}")
    return article


def articles_for(host: str) -> tuple[FixtureArticle, ...]:
    """The articles a host serves, in declaration order (a mirror serves the original's)."""
    host = MIRRORS.get(host, host)
    return tuple(article for article in ARTICLES if article.host == host)


# --- broken endpoints ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenPage:
    """A deliberately broken response on the tagesblick host, listed in its regular sitemap."""

    host: str
    path: str
    behaviour: str  # one of the names below
    status: int  # status of the (first) response; 0 for a timeout before any answer
    note: str


BROKEN_PAGES: tuple[BrokenPage, ...] = (
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/zurueckgezogene-meldung.html",
        "not_found",
        404,
        "404 with a small HTML error page",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/liveticker-ratssitzung.html",
        "server_error",
        500,
        "500 on every request",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/eilmeldung-platzhalter.html",
        "empty",
        200,
        "200, text/html, Content-Length 0",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/grafik-wahlbeteiligung.html",
        "binary",
        200,
        "a PNG image served as text/html",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/wortprotokoll-haushaltsdebatte.html",
        "too_large",
        200,
        "generated HTML of exactly large_bytes bytes, streamed",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/umfrage-ergebnisse.html",
        "redirect_loop",
        302,
        "302 to umfrage-ergebnisse-neu.html, which 302s back",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/umfrage-ergebnisse-neu.html",
        "redirect_loop",
        302,
        "the other half of the redirect loop (not in the sitemap)",
    ),
    BrokenPage(
        "tagesblick",
        TB_CHARSET,
        "charset_mismatch",
        200,
        "header says charset=utf-8, body and meta are windows-1252; ground truth in ARTICLES",
    ),
    BrokenPage(
        "tagesblick",
        "/politik/2026/11/19/gutachten-wahlkreisreform.html",
        "slow",
        200,
        "answers with a small article after slow_seconds",
    ),
)


def broken_page(behaviour: str) -> BrokenPage:
    return next(page for page in BROKEN_PAGES if page.behaviour == behaviour)
