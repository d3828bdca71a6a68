"""SNA News (snanews.de), Sputnik's German service until it closed in 2022."""

from __future__ import annotations

from crawler.model.sitespec import Site
from crawler.model.types import CleaningRules
from spiders.base import NewsSpider

SITE = Site(
    key="snanews",
    name="SNA News",
    domains=("snanews.de",),
    language="de",
    start_urls=("https://snanews.de/",),
    feeds=("https://snanews.de/export/rss2/archive/index.xml",),
    sitemaps=("https://snanews.de/sitemap_article_index.xml",),
    # /20220113/some-slug-4960123.html
    article_pattern=r"^/\d{8}/[^/]+-\d{5,}\.html$",
    cleaning=CleaningRules(
        drop_selectors=(
            # "Registrierung erfolgreich abgeschlossen!" modal printed into every page, at the
            # very top.
            ".modal",
            # Lead photo: "© SNA / … / Zur Bilddatenbank" glued to the caption, and the image
            # alt text with width and date ("… - SNA, 1920, 13.01.2022"). Only the photo: the
            # lead text beside it in the same block ("article__announce-text") is the article's.
            ".article__announce .media",
            # Related-article cards between paragraphs: alt text, date and headline.
            'div.article__block[data-type="article"]',
            # The "Abonnieren" button under the headline.
            ".article__subscribe",
            # News ticker, comments and chats with untranslated Russian UI strings ("Newsticker",
            # "Neueste oben", "loader", "Заголовок открываемого материала") at the page's end.
            ".b-newsfeed",
            ".b-comments",
            ".b-chats",
        ),
    ),
    # The site is closed: no default schedule. Crawl a preserved copy with `-a url=`.
    schedule=None,
)


class SnanewsSpider(NewsSpider):
    name = SITE.key
    site = SITE
