"""`gen-NN` hosts: many small generated news sites, for the multi-machine end-to-end test.

Site n publishes `per_site` articles, listed on its home page and in its sitemap. Every tenth
site is a syndicator: its articles are verbatim copies of another site's (same text, another
URL; the archive keeps one article per text). Every third other site ends its list with a
near-duplicate variant of another site's first article: an agency credit on top and a closing
line of its own, the rest the same (the archive keeps both, in one near-duplicate cluster).
Texts come from the generated bench corpus (crawler/demoweb/corpus.py).
"""

from __future__ import annotations

import re

from crawler.demoweb.common import TEXT, DemoSite, Response, SiteContext, esc, not_found, page
from crawler.demoweb.corpus import bench_article, bench_published
from crawler.demoweb.xmlfeeds import robots_txt, urlset

# A dated path: what the generic spider takes for an article without a declared pattern.
ARTICLE_DIR = "/2026/11/20/"
_ARTICLE = re.compile(r"^/2026/11/20/meldung-(\d+)\.html$")
AGENCY_LINE = "Übernommen von einer Partnerredaktion, mit eigenen Ergänzungen der Lokalredaktion."
CLOSING_LINE = (
    "Die Lokalredaktion wird weiter berichten, sobald neue Angaben der Behörden vorliegen."
)


def gen_host(n: int) -> str:
    return f"gen-{n:02d}"


def gen_site_key(n: int) -> str:
    """The site key a crawl of `gen_host(n)` archives under."""
    return f"gen_{n:02d}"


def article_path(k: int) -> str:
    return f"{ARTICLE_DIR}meldung-{k}.html"


def is_syndicator(n: int) -> bool:
    return n % 10 == 9


def _source(n: int, sites: int) -> int:
    """The site whose articles site `n` copies or varies: the next one that is no copier."""
    m = (n + 1) % sites
    while is_syndicator(m):
        m = (m + 1) % sites
    return m


def has_variant(n: int) -> bool:
    return not is_syndicator(n) and n % 3 == 0


class ManySites:
    """The generated sites' plan: which article is original, copied or a variant."""

    def __init__(self, sites: int, per_site: int) -> None:
        if sites < 2 or per_site < 2:
            raise ValueError("generated sites: at least 2 sites of 2 articles")
        self.sites = sites
        self.per_site = per_site

    def body(self, n: int, k: int) -> tuple[str, list[str]]:
        """Title and paragraphs of article k of site n."""
        if is_syndicator(n):
            return self.body(_source(n, self.sites), k)
        if has_variant(n) and k == self.per_site - 1:
            title, lines = self.body(_source(n, self.sites), 0)
            return title, [AGENCY_LINE, *lines[:-1], CLOSING_LINE]
        article = bench_article(n * self.per_site + k)
        return article.title, list(article.body)

    def variant_pairs(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """((site, article) of each variant, (site, article) of its original)."""
        return [
            ((n, self.per_site - 1), (_source(n, self.sites), 0))
            for n in range(self.sites)
            if has_variant(n)
        ]

    def site(self, n: int) -> GeneratedSite:
        return GeneratedSite(self, n)


class GeneratedSite(DemoSite):
    """One generated site: a home page, robots.txt, a sitemap and its articles."""

    def __init__(self, plan: ManySites, n: int) -> None:
        self.plan = plan
        self.n = n

    def paths(self) -> list[str]:
        return [article_path(k) for k in range(self.plan.per_site)]

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        name = f"Lokalblatt {self.n:02d}"
        match = _ARTICLE.match(path)
        if match and int(match.group(1)) < self.plan.per_site:
            k = int(match.group(1))
            title, lines = self.plan.body(self.n, k)
            paragraphs = "".join(f"<p>{esc(line)}</p>\n" for line in lines)
            published = bench_published(self.n * self.plan.per_site + k).isoformat()
            return page(
                f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
                f"<title>{esc(title)} – {name}</title>"
                f'<meta property="article:published_time" content="{published}"></head>\n'
                f'<body><header><a href="/">{name}</a></header>\n<article><h1>{esc(title)}</h1>\n'
                f"{paragraphs}</article>\n<footer>© {name}</footer></body></html>\n"
            )
        if path == "/robots.txt":
            return Response(body=robots_txt([], [base + "sitemap.xml"]), content_type=TEXT)
        if path == "/sitemap.xml":
            entries = [(base + p[1:], None) for p in self.paths()]
            return Response(body=urlset(entries), content_type="application/xml")
        if path == "/":
            links = "".join(
                f'<li><a href="{p}">{esc(self.plan.body(self.n, k)[0])}</a></li>'
                for k, p in enumerate(self.paths())
            )
            return page(
                f'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>{name}'
                f"</title></head><body><h1>{name}</h1><ul>{links}</ul></body></html>\n"
            )
        return not_found(name)
