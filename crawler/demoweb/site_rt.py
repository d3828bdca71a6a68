"""The `rt` and `rt-mirror` hosts: an imitation of RT DE, the mirror canonicalising to `rt`."""

from __future__ import annotations

from typing import Any

from crawler.demoweb.common import (
    ArticleSite,
    Response,
    SiteContext,
    articles_urlset,
    attr,
    current,
    esc,
    image_response,
    json_ld,
    junk_texts,
    newest,
    newest_first,
    news_sitemap,
    not_found,
    page,
    redirect,
    render_body,
    robots_response,
    rss_response,
    xml_response,
)
from crawler.demoweb.content_rt import RT_FOOTER, RT_NAV, RT_SECTIONS, RT_SHARE, RT_SOCIAL
from crawler.demoweb.fixture import Block, FixtureArticle, Junk
from crawler.demoweb.xmlfeeds import (
    sitemap_index,
)

ORIGINAL = "rt"
SITE_NAME = "RT DE"
FEED = "/feeds/news/"
SITEMAP_INDEX = "/sitemap.xml"
NEWS_SITEMAP = "/sitemaps/news.xml"
MONTH_SITEMAP = "/sitemaps/2026-11.xml"
_NAV_HREFS = ("/", "/international/", "/inland/", "/russland/", "/meinung/", "/podcasts/")
_FOOTER_HREFS = ("/ueber-uns/", "/impressum/", "/datenschutzerklaerung/")
_EXTRA_PAGES = {
    "/meinung/": "Meinung",
    "/podcasts/": "Podcasts",
    "/ueber-uns/": "Über uns",
    "/impressum/": "Impressum",
    "/datenschutzerklaerung/": "Datenschutzerklärung",
}


class RtSite(ArticleSite):
    """Serves both host keys; only canonical links and JSON-LD ids point at the original."""

    def __init__(self) -> None:
        super().__init__(ORIGINAL)

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        canonical_base = ctx.base_url(ORIGINAL)
        articles = self.served(ctx)
        if path in self._articles:
            article = current(ctx, self._articles[path])
            if ctx.is_broken(host):
                return page(_layout(article.title, article.description, "", _redesigned()))
            return page(_article_page(article, base, canonical_base))
        if not path.endswith("/") and path + "/" in self._articles:
            return redirect(base + path[1:] + "/", 301)
        if path == "/":
            return page(_listing("RT DE – Nachrichten", articles, canonical_base))
        sections = dict(RT_SECTIONS)
        if path.strip("/") in sections:
            key = path.strip("/")
            mine = [a for a in articles if a.path.startswith(f"/{key}/")]
            return page(_listing(f"{sections[key]} – RT DE", mine, canonical_base + key + "/"))
        if path in _EXTRA_PAGES:
            title = f"{_EXTRA_PAGES[path]} – RT DE"
            return page(_listing(title, [], canonical_base + path[1:]))
        if path == "/robots.txt":
            return robots_response(base, ["/search/", "/api/"], SITEMAP_INDEX)
        if path == FEED:
            return rss_response("RT DE", base, "Nachrichten von RT DE", articles)
        if path == SITEMAP_INDEX:
            stamp = newest(articles)
            entries = [(base + NEWS_SITEMAP[1:], stamp), (base + MONTH_SITEMAP[1:], stamp)]
            return xml_response(sitemap_index(entries), stamp)
        if path == NEWS_SITEMAP:
            return news_sitemap(SITE_NAME, articles, base)
        if path == MONTH_SITEMAP:
            return articles_urlset(articles, base)
        if path.startswith("/images/"):
            return image_response()
        return not_found(SITE_NAME)


def _header() -> str:
    nav = "\n".join(
        f'<li class="Navigation-item"><a class="Link-root" href="{href}">{esc(label)}</a></li>'
        for label, href in zip(RT_NAV, _NAV_HREFS, strict=True)
    )
    return f"""<header class="Header-root">
<a class="Logo-root" href="/"><svg class="Logo-svg" role="img" aria-label="RT"></svg></a>
<nav class="Navigation-root">
<ul class="Navigation-list">
{nav}
</ul>
</nav>
</header>
<div class="SocialBanner-root"><a class="Link-root" href="/ueber-uns/">{esc(RT_SOCIAL)}</a></div>"""


def _footer() -> str:
    *links, rights = RT_FOOTER
    items = " ".join(
        f'<a class="Footer-link" href="{href}">{esc(label)}</a>'
        for label, href in zip(links, _FOOTER_HREFS, strict=True)
    )
    return f"""<footer class="Footer-root">
<div class="Footer-links">{items}</div>
<div class="Footer-copyright">{esc(rights)}</div>
</footer>"""


def _layout(title: str, description: str, head_extra: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} — RT DE</title>
<meta name="description" content="{attr(description)}">
<link rel="alternate" type="application/rss+xml" title="RT DE" href="{FEED}">
<link rel="preload" href="/static/fonts/roboto.woff2" as="font" crossorigin>
{head_extra}
</head>
<body>
<div class="Layout-root">
{_header()}
<main class="Layout-main">
{main}
</main>
{_footer()}
</div>
<script src="/static/bundle.js" async></script>
</body>
</html>
"""


def _redesigned() -> str:
    return '<div id="article-app" class="ArticleView-root" data-hydrate="true"></div>'


def _junk_html(junk: Junk) -> str:
    text = junk.texts[0]
    if junk.kind == "more_on_topic":
        label, dash, title = text.partition(" – ") if " – " in text else text.partition(" - ")
        return (
            f"<p><strong>{esc(label)}</strong>{esc(dash.rstrip())} "
            f'<a href="{attr(junk.href)}">{esc(title)}</a></p>'
        )
    return f"<p>{esc(text)}</p>"


def _article_page(article: FixtureArticle, base: str, canonical_base: str) -> str:
    canonical = article.url(canonical_base)
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.description,
        "datePublished": article.published.isoformat().replace("+00:00", "Z"),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "articleSection": article.section,
        "inLanguage": "de",
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": canonical_base + "static/logo.png"},
        },
    }
    if article.modified:
        ld["dateModified"] = article.modified.isoformat().replace("+00:00", "Z")
    meta = [
        f'<link rel="canonical" href="{attr(canonical)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(article.title)}">',
        f'<meta property="og:description" content="{attr(article.description)}">',
        f'<meta property="og:url" content="{attr(canonical)}">',
        '<meta property="og:site_name" content="RT DE">',
        f'<meta property="article:published_time" content="{article.published.isoformat()}">',
    ]
    fig = article.figure
    cover = ""
    if fig is not None:
        ld["image"] = canonical_base + fig.src[1:]
        meta.append(f'<meta property="og:image" content="{attr(canonical_base + fig.src[1:])}">')
        caption = f'<div class="Cover-caption">{esc(fig.caption)}</div>' if fig.caption else ""
        credit = f'<div class="Cover-copyright">{esc(fig.credit)}</div>' if fig.credit else ""
        cover = (
            f'<div class="ArticleView-cover"><div class="Cover-root">'
            f'<img class="Cover-image" src="{attr(fig.src)}" alt="{attr(fig.alt)}" '
            f'width="1200" height="675"></div>{caption}{credit}</div>'
        )
    meta.append(json_ld(ld))
    summary, *_ = article.blocks
    rest = article.layout[1:]
    assert isinstance(article.layout[0], Block) and article.layout[0] == summary
    (dateline,) = junk_texts(article, "dateline")
    stamp = article.published.isoformat().replace("+00:00", "Z")
    share = "".join(
        f'<button class="Share-button" type="button">{esc(s)}</button>' for s in RT_SHARE
    )
    main = f"""<div class="ArticleView-root">
<div class="ArticleView-timestamp">
<time class="Timestamp-default" datetime="{stamp}">{esc(dateline)}</time></div>
<h1 class="HeadLine-root HeadLine-type_2">{esc(article.title)}</h1>
<div class="Text-root Text-type_1 ArticleView-summary">{esc(summary.text)}</div>
{cover}
<div class="ViewText-root ArticleView-text">
{render_body(rest, _junk_html, teaser_class="ReadMore-root")}
</div>
<div class="ArticleView-share Share-root">{share}</div>
</div>"""
    return _layout(article.title, article.description, "\n".join(meta), main)


def _listing(title: str, articles: list[FixtureArticle], canonical: str) -> str:
    cards = "\n".join(
        f'<div class="Card-root">\n<a class="Link-root Card-title" href="{attr(a.path)}">'
        f'{esc(a.title)}</a>\n<div class="Card-summary">{esc(a.description)}</div>\n</div>'
        for a in newest_first(articles)
    )
    head = f'<link rel="canonical" href="{attr(canonical)}">'
    return _layout(
        title,
        "Aktuelle Nachrichten von RT DE",
        head,
        f'<div class="Listing-root">\n{cards}\n</div>',
    )
