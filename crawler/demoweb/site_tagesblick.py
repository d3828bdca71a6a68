"""The `tagesblick` host: a generic German regional news site, plus every kind of broken page."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from crawler.demoweb.common import (
    RSS,
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
    news_sitemap,
    not_found,
    page,
    redirect,
    render_body,
    robots_response,
    tiny_png,
    xml_response,
)
from crawler.demoweb.content import BROKEN_PAGES, broken_page, related_articles
from crawler.demoweb.content_tagesblick import (
    TB_COMMENTS,
    TB_COOKIE,
    TB_FOOTER,
    TB_NAV,
    TB_REGISTER,
    TB_RELATED_HEADING,
    TB_SHARE,
)
from crawler.demoweb.fixture import CET, FixtureArticle, Junk
from crawler.demoweb.xmlfeeds import (
    FeedItem,
    rss,
    sitemap_index,
    urlset,
)

HOST = "tagesblick"
SITE_NAME = "Tagesblick"
SECTIONS = {"politik": "Politik", "wirtschaft": "Wirtschaft", "kultur": "Kultur"}
FEED = "/feed.xml"
FEED_TITLE = "Tagesblick – Alle Nachrichten"
BROKEN_FEED = "/feed-kaputt.xml"
SITEMAP_INDEX = "/sitemap_index.xml"
NEWS_SITEMAP = "/sitemap-news.xml"
ARTICLE_SITEMAP = "/sitemap-artikel.xml.gz"
DISALLOWED = "/intern/"
# Broken pages have no article dates; the sitemap gives them this lastmod.
_BROKEN_LASTMOD = datetime(2026, 11, 19, 12, 0, tzinfo=CET)
_FOOTER_HREFS = ("/impressum.html", "/datenschutz.html", "/kontakt.html")

_STATIC_PAGES = {
    "/impressum.html": ("Impressum", "Tagesblick Mediengruppe, Am Stadtkanal 4, 21000 Lindhaven."),
    "/datenschutz.html": ("Datenschutz", "Hier erfahren Sie, wie wir mit Ihren Daten umgehen."),
    "/kontakt.html": ("Kontakt", "Sie erreichen die Redaktion werktags von 9 bis 18 Uhr."),
    "/newsletter/": ("Newsletter", "Melden Sie sich für unseren Morgen-Newsletter an."),
    "/konto/registrieren": ("Registrieren", "Legen Sie ein kostenloses Konto an."),
    "/konto/anmelden": ("Anmelden", "Melden Sie sich mit Ihrer E-Mail-Adresse an."),
    "/intern/redaktion.html": ("Redaktion intern", "Dienstplan und Themenliste der Redaktion."),
}

_CSS = b"""body{font-family:Georgia,serif;margin:0;color:#1a1a1a}
.site-header{background:#0b2e4f;color:#fff;padding:.5rem 1rem}
.main-nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
.cmp{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:2px solid #0b2e4f}
.article-body p,.story-text p,#artikeltext p{line-height:1.6}
.site-footer{background:#eee;padding:1rem;font-size:.85rem}
"""


class TagesblickSite(ArticleSite):
    """Routes of the tagesblick host; article pages come from the ground truth in content."""

    def __init__(self) -> None:
        super().__init__(HOST)
        self._broken = {page.path: page.behaviour for page in BROKEN_PAGES if page.host == HOST}

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        articles = self.served(ctx)
        if path in self._broken:
            return self._broken_response(path, base, ctx)
        if path in self._articles:
            article = current(ctx, self._articles[path])
            if ctx.is_broken(host):
                return page(_redesigned(article, base))
            variant = list(self._articles).index(path) % 3
            return page(_article_page(article, base, variant))
        if path == "/":
            return page(_home(articles, base))
        if path.strip("/") in SECTIONS:
            return page(_section(path.strip("/"), articles, base))
        if path == "/robots.txt":
            return robots_response(base, [DISALLOWED], SITEMAP_INDEX)
        if path == FEED:
            return xml_response(_feed(articles, base), newest(articles), RSS)
        if path == BROKEN_FEED:
            # Cut off inside an item, as when a CMS dies mid-write: malformed XML.
            full = _feed(articles, base)
            cut = full.find(b"<item>", len(full) // 2) + 40
            return xml_response(full[:cut], newest(articles), RSS)
        if path == SITEMAP_INDEX:
            stamp = newest(articles)
            entries = [(base + NEWS_SITEMAP[1:], stamp), (base + ARTICLE_SITEMAP[1:], stamp)]
            return xml_response(sitemap_index(entries), stamp)
        if path == NEWS_SITEMAP:
            return news_sitemap(SITE_NAME, articles, base)
        if path == ARTICLE_SITEMAP:
            entries = [(a.url(base), latest(a)) for a in articles]
            entries += [
                (base + p.path[1:], _BROKEN_LASTMOD)
                for p in BROKEN_PAGES
                if p.host == HOST and not p.path.endswith("-neu.html")
            ]
            # mtime=0 keeps the gzip bytes, and so the ETag, stable across runs.
            body = gzip.compress(urlset(entries), mtime=0)
            return xml_response(body, newest(articles), "application/x-gzip")
        if path in _STATIC_PAGES:
            heading, text = _STATIC_PAGES[path]
            return page(_static(heading, text, base + path[1:]))
        if path == "/static/tagesblick.css":
            return Response(body=_CSS, content_type="text/css; charset=utf-8")
        if path.startswith("/bilder/"):
            return image_response()
        return not_found(SITE_NAME)

    def _broken_response(self, path: str, base: str, ctx: SiteContext) -> Response:
        behaviour = self._broken[path]
        if behaviour == "not_found":
            return not_found(SITE_NAME)
        if behaviour == "server_error":
            return page(
                "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
                "<body><h1>Internal Server Error</h1><p>Der Server ist vorübergehend nicht "
                "erreichbar.</p></body></html>\n",
                status=500,
            )
        if behaviour == "empty":
            return Response(body=b"")
        if behaviour == "binary":
            return Response(body=tiny_png(64, 64))  # content type stays text/html on purpose
        if behaviour == "too_large":
            size = ctx.large_bytes
            return Response(stream=lambda: large_chunks(size), stream_length=size)
        if behaviour == "redirect_loop":
            (other,) = (p.path for p in BROKEN_PAGES if p.behaviour == behaviour and p.path != path)
            return redirect(base + other[1:])
        if behaviour == "charset_mismatch":
            article = current(ctx, self._articles[broken_page(behaviour).path])
            html = _article_page(article, base, 1, charset="windows-1252")
            return Response(
                body=html.encode("windows-1252", errors="xmlcharrefreplace"),
                content_type="text/html; charset=utf-8",
            )
        # slow: a normal little page, answered late.
        return Response(body=_slow_page(base).encode("utf-8"), delay=ctx.slow_seconds)


def _head(
    title: str, description: str, canonical: str, extra: str = "", charset: str = "utf-8"
) -> str:
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{attr(description)}">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml" title="{FEED_TITLE}" href="{FEED}">
<link rel="stylesheet" href="/static/tagesblick.css">
<link rel="icon" href="/bilder/favicon.png">
{extra}
</head>"""


def _top() -> str:
    nav = "\n".join(f'<li><a href="{href}">{esc(label)}</a></li>' for label, href in TB_NAV)
    cookie, accept, settings = TB_COOKIE
    hint, register = TB_REGISTER
    return f"""<body>
<div id="cmp-layer" class="cmp" role="dialog" aria-label="Datenschutz-Einstellungen">
<p>{esc(cookie)}</p>
<button type="button" class="cmp-accept">{esc(accept)}</button>
<button type="button" class="cmp-settings">{esc(settings)}</button>
</div>
<header class="site-header">
<a class="brand" href="/"><img src="/bilder/logo.png" alt="Tagesblick" width="180" height="40"></a>
<nav class="main-nav" aria-label="Hauptnavigation">
<ul>
{nav}
</ul>
</nav>
</header>
<div class="paywall-hint">
<p>{esc(hint)}</p>
<a class="btn" href="/konto/registrieren">{esc(register)}</a>
</div>"""


def _footer() -> str:
    *links, copyright_line = TB_FOOTER
    items = "\n".join(
        f'<li><a href="{href}">{esc(label)}</a></li>'
        for label, href in zip(links, _FOOTER_HREFS, strict=True)
    )
    return f"""<footer class="site-footer">
<ul class="footer-links">
{items}
</ul>
<p class="copyright">{esc(copyright_line)}</p>
</footer>
<script src="/static/consent.js" defer></script>
</body>
</html>
"""


def _junk_html(junk: Junk) -> str:
    text = junk.texts[0]
    if junk.kind == "read_also":
        title = text.removeprefix("Lesen Sie auch: ")
        return f'<p>Lesen Sie auch: <a href="{attr(junk.href)}">{esc(title)}</a></p>'
    if junk.kind == "newsletter_promo":
        return f'<p><em>{esc(text)}</em> <a href="{attr(junk.href)}">»</a></p>'
    return f"<p>{esc(text)}</p>"


def _json_ld(article: FixtureArticle, base: str, graph: bool) -> str:
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.description,
        "datePublished": article.published.isoformat(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url(base)},
        "articleSection": article.section,
        "inLanguage": "de-DE",
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": base + "bilder/logo.png"},
        },
    }
    if article.modified:
        data["dateModified"] = article.modified.isoformat()
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    if article.figure:
        data["image"] = [base + article.figure.src[1:]]
    if graph:
        site = {"@type": "WebSite", "@id": base + "#website", "name": SITE_NAME, "url": base}
        return json_ld({"@context": "https://schema.org", "@graph": [site, data]})
    return json_ld({"@context": "https://schema.org", **data})


def _meta_tags(article: FixtureArticle, base: str) -> str:
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:locale", "de_DE"),
        ("property", "og:title", article.title),
        ("property", "og:description", article.description),
        ("property", "og:url", article.url(base)),
        ("property", "article:published_time", article.published.isoformat()),
        ("property", "article:section", article.section),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", article.title),
    ]
    if article.figure:
        tags.append(("property", "og:image", base + article.figure.src[1:]))
    if article.modified:
        tags.append(("property", "article:modified_time", article.modified.isoformat()))
    if article.authors:
        tags.append(("name", "author", ", ".join(article.authors)))
    return "\n".join(
        f'<meta {kind}="{name}" content="{attr(value)}">' for kind, name, value in tags
    )


def _figure(article: FixtureArticle) -> str:
    fig = article.figure
    if fig is None:
        return ""
    return (
        f'<figure class="lead-image">\n<img src="{attr(fig.src)}" alt="{attr(fig.alt)}" '
        'width="1200" height="675" loading="eager">\n'
        f'<figcaption>{esc(fig.caption)} <span class="credit">{esc(fig.credit)}</span>'
        "</figcaption>\n</figure>"
    )


def _article_page(article: FixtureArticle, base: str, variant: int, charset: str = "utf-8") -> str:
    """Three markups, as a CMS produces over the years: the extractor must cope with each."""
    (kicker,) = junk_texts(article, "kicker")
    (byline,) = junk_texts(article, "byline")
    (dateline,) = junk_texts(article, "dateline")
    updated = junk_texts(article, "updated")
    stamp = f'<time datetime="{article.published.isoformat()}">{esc(dateline)}</time>'
    updated_html = f'<p class="updated">{esc(updated[0])}</p>' if updated else ""
    body = render_body(article.layout, _junk_html)
    share_label, *share = TB_SHARE
    buttons = "".join(f'<button type="button">{esc(s)}</button>' for s in share)
    share_html = f'<div class="share-bar"><span>{esc(share_label)}</span>{buttons}</div>'
    extra = _meta_tags(article, base)
    if variant != 1:
        extra += "\n" + _json_ld(article, base, graph=variant == 2)
    if charset != "utf-8":
        extra += f'\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    head = _head(
        f"{article.title} | {SITE_NAME}", article.description, article.url(base), extra, charset
    )
    if variant == 0:
        main = f"""<main id="content">
<article class="article">
<header class="article-header">
<p class="kicker">{esc(kicker)}</p>
<h1 class="headline">{esc(article.title)}</h1>
<p class="byline"><span class="author">{esc(byline)}</span> {stamp}</p>
{updated_html}
</header>
{_figure(article)}
<div class="article-body">
{body}
</div>
{share_html}
</article>"""
    elif variant == 1:
        main = f"""<div class="content-main">
<div class="story">
<span class="dachzeile">{esc(kicker)}</span>
<h1>{esc(article.title)}</h1>
<div class="meta">{stamp} | <span class="autor">{esc(byline)}</span></div>
{updated_html}
{_figure(article)}
<section class="story-text" itemprop="articleBody">
{body}
</section>
{share_html}
</div>"""
    else:
        main = f"""<main>
<div class="artikel">
<h1><span class="kicker">{esc(kicker)}</span> <span class="titel">{esc(article.title)}</span></h1>
<div class="artikel-meta"><span class="autor">{esc(byline)}</span> · {stamp}</div>
{updated_html}
{_figure(article)}
<div id="artikeltext">
{body}
</div>
{share_html}
</div>"""
    related = "\n".join(
        f'<li><a href="{attr(other.path)}">{esc(other.title)}</a></li>'
        for other in related_articles(article)
    )
    heading, note, login = TB_COMMENTS
    closing = "</main>" if variant != 1 else "</div>"
    return f"""{head}
{_top()}
{main}
<aside class="related">
<h2>{esc(TB_RELATED_HEADING)}</h2>
<ul>
{related}
</ul>
</aside>
<section id="kommentare" class="comments">
<h2>{esc(heading)}</h2>
<p>{esc(note)}</p>
<a href="/konto/anmelden">{esc(login)}</a>
</section>
{closing}
{_footer()}"""


def _redesigned(article: FixtureArticle, base: str) -> str:
    """After a "redesign" the article is rendered client-side: the HTML has no text left."""
    head = _head(f"{article.title} | {SITE_NAME}", article.description, article.url(base))
    return f"""{head}
{_top()}
<main id="app" data-page="article" data-id="{attr(article.path)}"></main>
<script src="/static/app.bundle.js" defer></script>
{_footer()}"""


def _teasers(articles: list[FixtureArticle]) -> str:
    return "\n".join(
        f'<article class="teaser">\n<a href="{attr(a.path)}"><h3>{esc(a.title)}</h3></a>\n'
        f"<p>{esc(a.description)}</p>\n</article>"
        for a in newest_first(articles)
    )


def _home(articles: list[FixtureArticle], base: str) -> str:
    extra = (
        '<link rel="alternate" type="application/rss+xml" title="Tagesblick – Archiv" '
        f'href="{BROKEN_FEED}">'
    )
    description = "Nachrichten aus Lindhaven, der Region und der Welt."
    return f"""{_head("Tagesblick – Nachrichten aus der Region", description, base, extra)}
{_top()}
<main class="home">
<section class="top-news">
<h2>Top-Nachrichten</h2>
{_teasers(articles)}
</section>
<section class="service">
<ul>
<li><a href="/intern/redaktion.html">Redaktion intern</a></li>
<li><a href="{FEED}">RSS-Feed</a></li>
</ul>
</section>
</main>
{_footer()}"""


def _section(key: str, articles: list[FixtureArticle], base: str) -> str:
    name = SECTIONS[key]
    mine = [a for a in articles if a.path.startswith(f"/{key}/")]
    head = _head(
        f"{name} | {SITE_NAME}", f"Aktuelle Nachrichten aus dem Ressort {name}.", f"{base}{key}/"
    )
    return f"""{head}
{_top()}
<main class="section-page">
<h1>{esc(name)}</h1>
{_teasers(mine)}
</main>
{_footer()}"""


def _static(heading: str, text: str, url: str) -> str:
    return f"""{_head(f"{heading} | {SITE_NAME}", text, url)}
{_top()}
<main><h1>{esc(heading)}</h1><p>{esc(text)}</p></main>
{_footer()}"""


def _feed(articles: list[FixtureArticle], base: str) -> bytes:
    items = [
        FeedItem(
            title=a.title,
            link=a.url(base),
            published=a.published,
            description=a.description,
            category=a.section,
            creator=", ".join(a.authors),
        )
        for a in newest_first(articles)
    ]
    return rss(FEED_TITLE, base, "Nachrichten aus der Region", items)


def _slow_page(base: str) -> str:
    path = broken_page("slow").path
    title = "Gutachten empfiehlt neuen Zuschnitt der Wahlkreise"
    return f"""{_head(f"{title} | {SITE_NAME}", title, base + path[1:])}
{_top()}
<main id="content">
<article class="article">
<h1 class="headline">{esc(title)}</h1>
<div class="article-body">
<p>Ein Gutachten im Auftrag des Landtags empfiehlt, die Grenzen von acht Wahlkreisen neu zu
ziehen. Grund sind die stark gewachsenen Umlandgemeinden.</p>
<p>Die Fraktionen wollen die Vorschläge bis zum Frühjahr beraten.</p>
</div>
</article>
</main>
{_footer()}"""


def large_chunks(size: int) -> Iterator[bytes]:
    """`size` bytes of valid-looking HTML, generated on the fly in chunks of about 64 KiB."""
    head = (
        b'<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        b"<title>Wortprotokoll der Haushaltsdebatte</title></head>\n"
        b"<body><main><h1>Wortprotokoll der Haushaltsdebatte</h1>\n"
    )
    tail = b"</main></body></html>\n"
    if size <= len(head) + len(tail):
        yield (head + tail)[:size]
        return
    yield head
    remaining = size - len(head) - len(tail)
    number = 0
    while remaining > 0:
        chunk: list[bytes] = []
        filled = 0
        while filled < 65536 and remaining - filled > 0:
            number += 1
            line = (
                f'<p id="beitrag-{number}">Beitrag {number}: Die Abgeordnete verwies auf die '
                f"Haushaltsstelle {number % 977}, deren Ansatz gegenüber dem Vorjahr "
                f"um {number % 13} Prozent steigt. (Beifall)</p>\n"
            ).encode()
            room = remaining - filled
            if len(line) > room:
                line = b" " * room  # pad the last bytes so the total is exact
            chunk.append(line)
            filled += len(line)
        remaining -= filled
        yield b"".join(chunk)
    yield tail
