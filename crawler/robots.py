"""robots.txt fetched once per host and crawl: the answer Scrapy's robots.txt check fetched is
the answer the spider reads (and archives) too.

Scrapy's RobotsTxtMiddleware fetches a host's robots.txt before the first request to it; the
spider asks for robots.txt as well, for its `Sitemap:` lines and to archive it. Without this
middleware every crawl asks each host for robots.txt twice.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from crawler.model.meta import META_CAPTURED, META_REDIRECTS, META_ROLE, WARC_META

# What the answer's own request learnt on its way that the spider reads from a response's meta:
# its raw capture, the redirects it followed, the URL first asked for.
_CARRIED_META = (WARC_META, META_REDIRECTS, "redirect_urls", "redirect_times", "download_latency")


class ArchiveRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt check, which also answers the spider's own robots.txt request with
    the response the check fetched.

    The answer has been through every downloader middleware already (its raw capture written,
    redirects followed within scope): the spider's request gets it with that request's meta and
    marked as captured, so the WARC middleware does not write it again. When the check's fetch
    failed (no answer), the spider's request goes out itself and records what happens to it.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._answers: dict[str, Response] = {}

    async def process_request(  # type: ignore[override]
        self, request: Request, spider: Spider | None = None
    ) -> Response | None:
        if request.meta.get(META_ROLE) != "robots" or request.meta.get("dont_obey_robotstxt"):
            await super().process_request(request)
            return None
        # A robots.txt is never disallowed; waiting for the check's own fetch (or starting it)
        # is what makes its answer available.
        await self.robot_parser(request)
        url = urlparse_cached(request)
        answer = self._answers.pop(url.netloc, None) if url.path == "/robots.txt" else None
        if answer is None:
            return None
        for key in _CARRIED_META:
            if key in answer.meta:
                request.meta[key] = answer.meta[key]
        request.meta[META_CAPTURED] = (answer.url, answer.status)
        self._stats.inc_value("archive/robots/shared")
        return answer.replace(request=request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        self._answers[netloc] = response
        await super()._parse_robots(response, netloc, request)
