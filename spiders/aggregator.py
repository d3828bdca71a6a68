"""Aggregators that republish RT/Kremlin content on WordPress sites, declared once as a shape.

Such sites come and go, so the declaration names no real host: its domain is the placeholder
`aggregator.invalid` (the `.invalid` TLD never resolves, RFC 2606) and only its URL shapes are
real: WordPress dated permalinks, the `/feed/` RSS feed and the core `/wp-sitemap.xml` index.
An operator points it at real aggregators without a code change, either for one run with
`-a url=https://some-aggregator.example/`, or permanently with the setting
`NEWSARCHIVE_MIRRORS = {"aggregator": ["some-aggregator.example", ...]}` (or
`-a mirrors=...`), in which case every entry point is crawled on every listed host. Pages are
recorded under the site key "aggregator" whatever host they came from.
"""

from __future__ import annotations

from crawler.model.sitespec import Site
from crawler.model.types import CleaningRules
from spiders.base import NewsSpider

SITE = Site(
    key="aggregator",
    name="RT/Kremlin content aggregators (WordPress)",
    domains=("aggregator.invalid",),
    language="de",
    start_urls=("https://aggregator.invalid/",),
    feeds=("https://aggregator.invalid/feed/",),
    sitemaps=("https://aggregator.invalid/wp-sitemap.xml",),
    # WordPress "day and name" permalinks: /2025/02/06/some-slug/
    article_pattern=r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$",
    cleaning=CleaningRules(
        # Jetpack's share buttons and related-posts block: never article text.
        drop_xpaths=(
            "//div[contains(concat(' ', normalize-space(@class), ' '), ' sharedaddy ')]",
            "//div[@id='jp-relatedposts']",
        ),
        drop_selectors=(
            # WordPress comment section and form ("Schreibe einen Kommentar", "Deine
            # E-Mail-Adresse wird nicht veröffentlicht.").
            "#comments",
            "#respond",
            # Sidebar widgets: recent posts (other posts' headlines), categories, archive.
            "#secondary",
            ".widget-area",
            # Previous/next post links under the article (other posts' headlines).
            ".post-navigation",
        ),
        drop_line_patterns=(
            # The Telegram join link under the promo block after the title ("👉Beitreten zu
            # Telegramm"); the promo text itself varies and is left to the generic
            # promo rules.
            r"^\W*Beitreten zu Telegramm\W*$",
        ),
    ),
    schedule=None,  # nothing to crawl until an operator names the hosts
)


class AggregatorSpider(NewsSpider):
    name = SITE.key
    site = SITE
