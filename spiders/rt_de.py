"""RT DE (de.rt.com), RT's German-language service, and the mirror domains that serve it."""

from __future__ import annotations

from crawler.model.sitespec import Site
from crawler.model.types import CleaningRules
from spiders.base import NewsSpider

# Section pages are the backfill path behind the news sitemap, which lists only the last two
# days. The four main listings; add more here as they prove useful.
_SECTIONS = ("international", "inland", "russland", "meinung")

SITE = Site(
    key="rt_de",
    name="RT DE",
    domains=("de.rt.com",),
    language="de",
    # RT DE is blocked in the EU and keeps moving between mirror domains. These hosts have
    # been reported serving it; the list is data: operators add new ones with
    # NEWSARCHIVE_MIRRORS or `-a mirrors=` and crawl one of them with `-a url=https://<mirror>/`.
    mirrors=(
        "rtde.tech",
        "rtde.xyz",
        "rtde.live",
        "rtde.world",
        "rtde.me",
        "freedert.online",
    ),
    start_urls=("https://de.rt.com/",),
    feeds=("https://de.rt.com/feeds/news/",),
    sitemaps=("https://de.rt.com/sitemap.xml",),
    sections=tuple(f"https://de.rt.com/{section}/" for section in _SECTIONS),
    # /international/123456-some-slug/
    article_pattern=r"^/[a-z-]+/\d{5,}-[^/]+/?$",
    cleaning=CleaningRules(
        drop_selectors=(
            # Related-article link blocks between paragraphs (a headline on its own line).
            ".ReadMore-root",
            # Cover image caption and credit ("Quelle: Sputnik © …"), printed into the text.
            ".Cover-caption",
            ".Cover-copyright",
            ".Cover-source",
            # Share buttons under the article.
            ".Share-root",
            # Banner "Folgen Sie RT DE auf Telegram, VK und Odysee" above every page.
            ".SocialBanner-root",
        ),
        drop_line_patterns=(
            # The appeal to readers that RT DE appends to articles since the EU ban of 2022
            # ("Durch die Sperrung von RT zielt die EU darauf ab, …"): a promo, not the article.
            r"^Durch die Sperrung von RT\b",
            r"^Wenn Euch unsere Artikel gefallen, teilt sie\b",
            r"^Anmerkung: Allerdings hat Österreich\b",
        ),
    ),
    schedule="1h",
)


class RtDeSpider(NewsSpider):
    name = SITE.key
    site = SITE
