"""The `sna` host: an imitation of SNA News (snanews.de), Sputnik's German service of 2021-2022."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs

from crawler.demoweb.common import (
    ArticleSite,
    Response,
    SiteContext,
    attr,
    current,
    esc,
    image_response,
    json_ld,
    junk_texts,
    latest,
    newest,
    newest_first,
    not_found,
    page,
    render_body,
    robots_response,
    rss_response,
    xml_response,
)
from crawler.demoweb.content_sna import (
    SNA_COMMENTS,
    SNA_FOOTER,
    SNA_MODAL,
    SNA_NAV,
    SNA_SUBSCRIBE,
    SNA_TICKER,
)
from crawler.demoweb.fixture import FixtureArticle, Junk
from crawler.demoweb.xmlfeeds import sitemap_index, urlset

HOST = "sna"
SITE_NAME = "SNA"
FEED = "/export/rss2/archive/index.xml"
SITEMAP_INDEX = "/sitemap_article_index.xml"
SITEMAP = "/sitemap_article.xml"
# One child sitemap per month, addressed by query string as on the real site.
MONTHS = ((2021, 12), (2022, 1), (2022, 2))
_SECTION_PATHS = {name: f"/{name.lower()}/" for name in SNA_NAV}
_FOOTER_HREFS = ("/docs/nutzungsbedingungen.html", "/docs/datenschutz.html")
_DOCS = {
    "/docs/nutzungsbedingungen.html": "Nutzungsbedingungen",
    "/docs/datenschutz.html": "Datenschutzerklärung",
    "/docs/bilddatenbank.html": "Bilddatenbank",
    "/docs/abonnieren.html": "Abonnieren",
    "/docs/login.html": "Anmelden",
}


def _month_range(year: int, month: int) -> tuple[str, str]:
    start = date(year, month, 1)
    end = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    return f"{start:%Y%m%d}", f"{date.fromordinal(end):%Y%m%d}"


def _sitemap_query(year: int, month: int) -> str:
    start, end = _month_range(year, month)
    return f"date_start={start}&date_end={end}"


class SnaSite(ArticleSite):
    def __init__(self) -> None:
        super().__init__(HOST)

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        articles = self.served(ctx)
        if path in self._articles:
            article = current(ctx, self._articles[path])
            if ctx.is_broken(host):
                return page(_layout(article.title, article.url(base), "", ""))
            return page(_article_page(article, base))
        if path == "/":
            return page(_listing("SNA – Nachrichten", articles, base))
        for name, section_path in _SECTION_PATHS.items():
            if path == section_path:
                mine = [a for a in articles if a.section == name]
                return page(_listing(f"{name} – SNA", mine, base + section_path[1:]))
        if path in _DOCS:
            return page(_listing(f"{_DOCS[path]} – SNA", [], base + path[1:]))
        if path == "/robots.txt":
            return robots_response(base, ["/search/", "/services/"], SITEMAP_INDEX)
        if path == FEED:
            return rss_response("SNA", base, "SNA – Nachrichten, Analysen, Meinungen", articles)
        if path == SITEMAP_INDEX:
            stamp = newest(articles)
            entries = [(f"{base}{SITEMAP[1:]}?{_sitemap_query(*ym)}", stamp) for ym in MONTHS]
            return xml_response(sitemap_index(entries), stamp)
        if path == SITEMAP:
            params = parse_qs(query)
            try:
                start = params["date_start"][0]
                end = params["date_end"][0]
            except KeyError:
                return not_found(SITE_NAME)
            mine = [a for a in articles if start <= a.path[1:9] <= end]
            entries = [(a.url(base), latest(a)) for a in mine]
            return xml_response(urlset(entries), newest(mine) or newest(articles))
        if path.startswith("/img/"):
            return image_response()
        return not_found(SITE_NAME)


def _layout(title: str, canonical: str, head_extra: str, main: str) -> str:
    nav = "\n".join(
        f'<li class="nav__item"><a class="nav__link" href="{href}">{esc(name)}</a></li>'
        for name, href in _SECTION_PATHS.items()
    )
    heading, note = SNA_MODAL
    note_start, _, note_end = note.partition(" die an ")
    *links, rights = SNA_FOOTER
    footer_links = " ".join(
        f'<a href="{href}">{esc(label)}</a>'
        for label, href in zip(links, _FOOTER_HREFS, strict=True)
    )
    return f"""<!DOCTYPE html>
<html lang="de" prefix="og: http://ogp.me/ns# article: http://ogp.me/ns/article#">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml" href="{FEED}">
{head_extra}
</head>
<body class="body m-article">
<div class="modal m-hidden" id="modalRegSuccess" data-modal="reg-success">
<div class="modal__title">{esc(heading)}</div>
<div class="modal__text">{esc(note_start)} die an
<span class="modal__email"></span> {esc(note_end)}</div>
</div>
<header class="header">
<a class="header__logo" href="/"><img src="/img/logo.png" alt="SNA"></a>
<nav class="nav"><ul class="nav__list">
{nav}
</ul></nav>
</header>
<div class="layout">
{main}
</div>
<footer class="footer">
<div class="footer__links">{footer_links}</div>
<div class="footer__copyright">{esc(rights)}</div>
</footer>
<script src="/js/common.min.js" defer></script>
</body>
</html>
"""


def _junk_html(junk: Junk) -> str:
    if junk.kind == "teaser_block":
        alt, day, headline = junk.texts
        return f"""<div class="article__block" data-type="article">
<div class="article__article m-image">
<a href="{attr(junk.href)}" class="article__article-image">
<img src="/img/teaser.jpg" alt="{attr(alt)}"></a>
<div class="article__article-desc">
<div class="article__article-info"><div class="elem-info__date">{esc(day)}</div></div>
<a href="{attr(junk.href)}" class="article__article-title">{esc(headline)}</a>
</div>
</div>
</div>"""
    return (
        f'<div class="article__block"><div class="article__text">{esc(junk.texts[0])}</div></div>'
    )


def _body(article: FixtureArticle) -> str:
    """SNA wraps every block in its own div: paragraphs are divs, not <p> elements."""
    out: list[str] = []
    for part in article.layout:
        if isinstance(part, Junk):
            out.append(_junk_html(part))
        elif part.kind == "h2":
            out.append(
                '<div class="article__block" data-type="h2">'
                f'<h3 class="article__h2">{esc(part.text)}</h3></div>'
            )
        elif part.kind == "quote":
            out.append(
                '<div class="article__block" data-type="quote"><div class="article__quote">'
                f'<div class="article__quote-text">{esc(part.text)}</div></div></div>'
            )
        else:
            inner = render_body([part], _junk_html)
            if inner.startswith("<p>"):
                inner = inner[3:-4]
            out.append(
                '<div class="article__block" data-type="text">'
                f'<div class="article__text">{inner}</div></div>'
            )
    return "\n".join(out)


def _article_page(article: FixtureArticle, base: str) -> str:
    fig = article.figure
    assert fig is not None
    pub = article.published.isoformat()
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": article.url(base),
        "headline": article.title,
        "description": article.description,
        "datePublished": pub,
        "inLanguage": "de",
        "image": [base + fig.src[1:]],
        "articleSection": article.section,
        "publisher": {"@type": "Organization", "name": "SNA", "url": base},
    }
    if article.modified:
        ld["dateModified"] = article.modified.isoformat()
    if article.authors:
        ld["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    head = "\n".join(
        [
            f'<meta name="description" content="{attr(article.description)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(article.title)}">',
            f'<meta property="og:description" content="{attr(article.description)}">',
            f'<meta property="og:url" content="{attr(article.url(base))}">',
            f'<meta property="og:image" content="{attr(base + fig.src[1:])}">',
            '<meta property="og:site_name" content="SNA">',
            f'<meta property="article:published_time" content="{pub}">',
            f'<meta property="article:section" content="{attr(article.section)}">',
            json_ld(ld),
        ]
    )
    (dateline,) = junk_texts(article, "dateline")
    updated = junk_texts(article, "updated")
    byline = junk_texts(article, "byline")
    credit, caption = junk_texts(article, "photo_credit")
    photographer = credit.removeprefix("© SNA / ").removesuffix(" / Zur Bilddatenbank")
    day_path = "/" + article.path[1:9] + "/"
    updated_html = (
        f' <span class="article__info-date-modified">{esc(updated[0])}</span>' if updated else ""
    )
    byline_html = f'<div class="article__author">{esc(byline[0])}</div>' if byline else ""
    ticker_title, count, newest_first, oldest_first, loader, live, ru_title = SNA_TICKER
    login_a, login_b, loader_b, chats, ru_title_b = SNA_COMMENTS
    title = f"{article.title} - {article.published:%d.%m.%Y}, SNA"
    main = f"""<div class="article" data-article-id="{article.path.rsplit("-", 1)[1][:-5]}">
<div class="article__header">
<h1 class="article__title">{esc(article.title)}</h1>
<div class="article__announce">
<div class="media" data-media-type="ar16x9">
<div class="media__copyright">© SNA / {esc(photographer)} / <a
 href="/docs/bilddatenbank.html">Zur Bilddatenbank</a></div><div
 class="media__title">{esc(caption)}</div>
<img class="media__img" src="{attr(fig.src)}" alt="{attr(fig.alt)}" width="1920" height="1080">
</div>
</div>
<div class="article__info">
<div class="article__info-date"><a href="{day_path}">{esc(dateline)}</a>{updated_html}</div>
{byline_html}
</div>
<div class="article__subscribe">
<a class="button m-subscribe" href="/docs/abonnieren.html">{esc(SNA_SUBSCRIBE)}</a></div>
</div>
<div class="article__body">
{_body(article)}
</div>
</div>
<div class="b-newsfeed">
<div class="b-newsfeed__header"><span class="b-newsfeed__title">{esc(ticker_title)}</span></div>
<div class="b-newsfeed__counter">{esc(count)}</div>
<div class="b-newsfeed__sort"><span
 class="b-newsfeed__sort-item m-active">{esc(newest_first)}</span><span
 class="b-newsfeed__sort-item">{esc(oldest_first)}</span></div>
<div class="b-newsfeed__loader">{esc(loader)}</div>
<div class="b-newsfeed__live">{esc(live)}</div>
<div class="b-newsfeed__item-title">{esc(ru_title)}</div>
</div>
<div class="b-comments">
<div class="b-comments__login"><span>{esc(login_a)}</span><br>
<a href="/docs/login.html">{esc(login_b)}</a></div>
<div class="b-comments__loader">{esc(loader_b)}</div>
<div class="b-chats"><span class="b-chats__title">{esc(chats)}</span>
<div class="b-chats__item-title">{esc(ru_title_b)}</div></div>
</div>"""
    return _layout(title, article.url(base), head, main)


def _listing(title: str, articles: list[FixtureArticle], canonical: str) -> str:
    items = "\n".join(
        f'<div class="list__item">\n<a class="list__title" href="{attr(a.path)}">'
        f"{esc(a.title)}</a>\n"
        f'<div class="list__date">{a.published:%d.%m.%Y}</div>\n</div>'
        for a in newest_first(articles)
    )
    return _layout(title, canonical, "", f'<div class="list">\n{items}\n</div>')
