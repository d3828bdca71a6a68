"""SNA News (snanews.de), Sputnik's German service until it closed in 2022."""

from __future__ import annotations

from crawler.sitespec import Site
from pipelines.types import CleaningRules
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
    cleaning=CleaningRules(),
    # The site is closed: no default schedule. Crawl a preserved copy with `-a url=`.
    schedule=None,
)


class SnanewsSpider(NewsSpider):
    name = SITE.key
    site = SITE
