"""The `aggregator` host: a WordPress blog republishing RT-style news in machine translation."""

from __future__ import annotations

from typing import Any

from crawler.demoweb.common import (
    RSS,
    ArticleSite,
    Response,
    SiteContext,
    articles_urlset,
    attr,
    current,
    esc,
    json_ld,
    junk_texts,
    newest,
    newest_first,
    not_found,
    page,
    redirect,
    render_body,
    robots_response,
    xml_response,
)
from crawler.demoweb.content import articles_for, related_articles
from crawler.demoweb.content_aggregator import (
    AGG_COMMENTS,
    AGG_FOOTER,
    AGG_NAV,
    AGG_SIDEBAR_HEADINGS,
    AGG_SITE_NAME,
)
from crawler.demoweb.fixture import FixtureArticle, Junk
from crawler.demoweb.xmlfeeds import FeedItem, rss, sitemap_index, urlset

HOST = "aggregator"
FEED = "/feed/"
SITEMAP_INDEX = "/wp-sitemap.xml"
POSTS_SITEMAP = "/wp-sitemap-posts-post-1.xml"
CATEGORY_SITEMAP = "/wp-sitemap-taxonomies-category-1.xml"
TELEGRAM_LINK = "tg://resolve?domain=kompass24_news"  # not http(s): crawlers must not follow it
_CATEGORIES = {href.split("/")[2]: label for label, href in AGG_NAV if "/category/" in href}


def _post_id(article: FixtureArticle) -> int:
    return 1041 + 7 * list(articles_for(HOST)).index(article)


class AggregatorSite(ArticleSite):
    def __init__(self) -> None:
        super().__init__(HOST)

    def handle(self, host: str, path: str, query: str, ctx: SiteContext) -> Response:
        base = ctx.base_url(host)
        articles = self.served(ctx)
        if path in self._articles:
            original = self._articles[path]
            article = current(ctx, original)
            if ctx.is_broken(host):
                return page(_layout(article.title, article.url(base), "", "", ""))
            return page(_post_page(article, original, base, ctx))
        if not path.endswith("/") and path + "/" in self._articles:
            return redirect(base + path[1:] + "/", 301)
        if path in ("/", "/2026/11/"):
            return page(_listing(AGG_SITE_NAME, articles, base + path[1:]))
        if path.startswith("/category/") and path.split("/")[2] in _CATEGORIES:
            name = _CATEGORIES[path.split("/")[2]]
            mine = [a for a in articles if a.section == name]
            return page(_listing(f"{name} – {AGG_SITE_NAME}", mine, base + path[1:]))
        if path == "/robots.txt":
            return robots_response(base, ["/wp-admin/"], SITEMAP_INDEX)
        if path == FEED:
            return xml_response(_feed(articles, base, ctx), newest(articles), RSS)
        if path == SITEMAP_INDEX:
            stamp = newest(articles)
            children = [base + POSTS_SITEMAP[1:], base + CATEGORY_SITEMAP[1:]]
            return xml_response(sitemap_index((loc, None) for loc in children), stamp)
        if path == POSTS_SITEMAP:
            return articles_urlset(articles, base)
        if path == CATEGORY_SITEMAP:
            categories = [f"{base}category/{slug}/" for slug in _CATEGORIES]
            return xml_response(urlset((loc, None) for loc in categories), newest(articles))
        return not_found(AGG_SITE_NAME)


def _layout(title: str, canonical: str, head_extra: str, main: str, sidebar: str) -> str:
    menu = "\n".join(
        f'<li class="menu-item"><a href="{href}">{esc(label)}</a></li>' for label, href in AGG_NAV
    )
    credit, theme = AGG_FOOTER
    return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="canonical" href="{attr(canonical)}">
<link rel="alternate" type="application/rss+xml"
 title="{attr(AGG_SITE_NAME)} &raquo; Feed" href="{FEED}">
<link rel='stylesheet' id='wp-block-library-css'
 href='/wp-includes/css/dist/block-library/style.min.css?ver=6.6.2' media='all'>
<link rel='stylesheet' id='nachrichten-lite-style-css'
 href='/wp-content/themes/nachrichten-lite/style.css?ver=1.4' media='all'>
<meta name="generator" content="WordPress 6.6.2">
{head_extra}
</head>
<body class="post-template-default single single-post single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Zum Inhalt springen</a>
<header id="masthead" class="site-header">
<p class="site-title"><a href="/" rel="home">{esc(AGG_SITE_NAME)}</a></p>
<nav id="site-navigation" class="main-navigation">
<ul id="primary-menu" class="menu">
{menu}
</ul>
</nav>
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
{main}
</main>
{sidebar}
</div>
<footer id="colophon" class="site-footer">
<div class="site-info">{esc(credit)} <span class="sep"> | </span> {esc(theme)}</div>
</footer>
</div>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</body>
</html>
"""


def _sidebar(article: FixtureArticle | None, articles: list[FixtureArticle]) -> str:
    search, recent_heading, categories, archive, month = AGG_SIDEBAR_HEADINGS
    recent = list(related_articles(article)) if article else articles[:3]
    recent_items = "\n".join(
        f'<li><a href="{attr(a.path)}">{esc(a.title)}</a></li>' for a in recent
    )
    category_items = "\n".join(
        f'<li class="cat-item"><a href="/category/{slug}/">{esc(name)}</a></li>'
        for slug, name in _CATEGORIES.items()
    )
    return f"""<aside id="secondary" class="widget-area">
<section id="search-2" class="widget widget_search"><h2 class="widget-title">{esc(search)}</h2>
<form role="search" method="get" class="search-form" action="/">
<input type="search" class="search-field" name="s"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries">
<h2 class="widget-title">{esc(recent_heading)}</h2>
<ul>
{recent_items}
</ul></section>
<section id="categories-2" class="widget widget_categories">
<h2 class="widget-title">{esc(categories)}</h2>
<ul>
{category_items}
</ul></section>
<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">{esc(archive)}</h2>
<ul><li><a href="/2026/11/">{esc(month)}</a></li></ul></section>
</aside>"""


def _entry_content(article: FixtureArticle, base: str, ctx: SiteContext) -> str:
    def junk_html(junk: Junk) -> str:
        text = junk.texts[0]
        if junk.kind == "telegram_join":
            return f'<p><a href="{TELEGRAM_LINK}">{esc(text)}</a></p>\n<p>&nbsp;</p>'
        if junk.kind == "read_more":
            href = article.url(base)
            if article.republishes:
                host, path = article.republishes
                href = ctx.base_url(host) + path[1:]
            return f'<p><a href="{attr(href)}" target="_blank" rel="noopener">{esc(text)}</a></p>'
        return f"<p>{esc(text)}</p>"

    return render_body(article.layout, junk_html)


def _post_page(
    article: FixtureArticle, original: FixtureArticle, base: str, ctx: SiteContext
) -> str:
    url = article.url(base)
    slug = next(s for s, name in _CATEGORIES.items() if name == article.section)
    post_id = _post_id(original)
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "@id": url + "#article",
                "isPartOf": {"@id": url},
                "headline": article.title,
                "datePublished": article.published.isoformat(),
                "mainEntityOfPage": {"@id": url},
                "articleSection": [article.section],
                "inLanguage": "de",
                "publisher": {"@id": base + "#organization"},
            },
            {
                "@type": "WebPage",
                "@id": url,
                "url": url,
                "name": f"{article.title} – {AGG_SITE_NAME}",
                "datePublished": article.published.isoformat(),
                "inLanguage": "de",
            },
            {"@type": "Organization", "@id": base + "#organization", "name": AGG_SITE_NAME},
        ],
    }
    if article.modified:
        ld["@graph"][0]["dateModified"] = article.modified.isoformat()
    head = "\n".join(
        [
            f'<meta name="description" content="{attr(article.description)}">',
            '<meta property="og:locale" content="de_DE">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(article.title)}">',
            f'<meta property="og:description" content="{attr(article.description)}">',
            f'<meta property="og:url" content="{attr(url)}">',
            f'<meta property="og:site_name" content="{attr(AGG_SITE_NAME)}">',
            f'<meta property="article:published_time" content="{article.published.isoformat()}">',
            json_ld(ld).replace("<script ", '<script class="yoast-schema-graph" ', 1),
        ]
    )
    (dateline,) = junk_texts(article, "dateline")
    heading, notes = AGG_COMMENTS
    classes = f"post-{post_id} post type-post status-publish format-standard hentry"
    main = f"""<article id="post-{post_id}" class="{classes} category-{slug}">
<header class="entry-header">
<h1 class="entry-title">{esc(article.title)}</h1>
<div class="entry-meta"><span class="posted-on"><a href="{attr(article.path)}" rel="bookmark">
<time class="entry-date published" datetime="{article.published.isoformat()}">{esc(dateline)}</time>
</a></span></div>
</header>
<div class="entry-content">
{_entry_content(article, base, ctx)}
</div>
<footer class="entry-footer"><span class="cat-links">
<a href="/category/{slug}/" rel="category tag">{esc(article.section)}</a></span></footer>
</article>
<div id="comments" class="comments-area">
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">{esc(heading)}</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes"><span id="email-notes">{esc(notes)}</span></p>
<p class="comment-form-comment">
<textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
</form>
</div>
</div>"""
    return _layout(f"{article.title} – {AGG_SITE_NAME}", url, head, main, _sidebar(article, []))


def _listing(title: str, articles: list[FixtureArticle], canonical: str) -> str:
    posts = "\n".join(
        f'<article class="post type-post">\n<h2 class="entry-title"><a href="{attr(a.path)}">'
        f'{esc(a.title)}</a></h2>\n<div class="entry-summary"><p>{esc(a.description)}</p></div>\n'
        "</article>"
        for a in newest_first(articles)
    )
    return _layout(title, canonical, "", posts, _sidebar(None, articles))


def _feed(articles: list[FixtureArticle], base: str, ctx: SiteContext) -> bytes:
    items = [
        FeedItem(
            title=a.title,
            link=a.url(base),
            published=a.published,
            description=a.description,
            category=a.section,
            content_html=_entry_content(a, base, ctx),
        )
        for a in newest_first(articles)
    ]
    return rss(AGG_SITE_NAME, base, "Nachrichten aus aller Welt", items)
