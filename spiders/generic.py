"""The generic spider: crawls any news site from a homepage, feed or sitemap URL (`-a url=`)."""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit

from crawler.model.sitespec import Site
from spiders.base import NewsSpider
from spiders.params import SpiderParams


def site_key_for_host(host: str) -> str:
    """A site key derived from a host name: "www.example.com" -> "example_com"."""
    host = host.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    key = re.sub(r"[^a-z0-9]+", "_", host).strip("_")
    return key if re.match(r"^[a-z]", key) else f"site_{key}"


class GenericSpider(NewsSpider):
    """Crawl a site nobody has declared yet.

    `-a url=` is a homepage, a feed or a sitemap: the response decides (`detect_kind`). The
    host's robots.txt is read for Sitemap lines; from a homepage, feeds come from
    `<link rel="alternate">`, articles from links whose URL looks like one, and section pages
    (shallow paths on the same host) are followed one level deep. An entry page that is
    itself an article is also requested as one (NewsSpider._start_article). Records under `-a site=`
    or a key derived from the host; the language is left to detection.
    """

    name = "generic"
    arguments: ClassVar[frozenset[str]] = NewsSpider.arguments | {"site"}
    url_required: ClassVar[bool] = True
    url_is_base: ClassVar[bool] = False
    follow_sections: ClassVar[bool] = True

    @classmethod
    def declared_site(cls, params: SpiderParams) -> Site:
        assert params.url is not None  # url_required
        host = (urlsplit(params.url).hostname or "").lower()
        return Site(
            key=params.site or site_key_for_host(host),
            name=host,
            domains=(host,),
            language="und",  # BCP 47 "undetermined": the pipeline detects it per article
            start_urls=(params.url,),
        )
