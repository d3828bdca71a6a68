"""Crawl scope: redirects stay on the site's hosts, and no request reaches a private address.

A site that answers with a redirect or a meta refresh decides where the crawler goes next. On a
server that may be an internal admin page or a cloud metadata address (169.254.169.254), and on
any machine it may be another site whose pages would be archived as this one's. So:

- a redirect (3xx Location) or meta refresh is followed only to the site's hosts and mirrors
  (a host's `www.` twin included, either scheme), on the ports the crawl was given for that
  host (the default ports when it was given none);
- a request whose host is, or resolves to, a loopback, private, link-local, shared (CGNAT),
  unspecified, reserved or multicast address is not sent, unless it goes to an origin
  (host and port) the crawl was started on (the demo web and the tests run on 127.0.0.1), or
  NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES allows it.

What is refused is not fetched; the spider records it as a fetch with outcome
`offsite_redirect` or `private_address` and the target in `error`, and it is counted
(`archive/scope/offsite_redirect`, `archive/scope/private_address`). A refused redirect's own
response (the 3xx, or the page with the refresh) is still written to WARC: it is what the site
answered.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from crawler.middlewares import MetaRefreshMiddleware, note_followed
from crawler.model.meta import META_SCOPE_REFUSED
from crawler.model.refusals import OFFSITE_REDIRECT, PRIVATE_ADDRESS
from crawler.model.urls import normalise_host
from spiders.base import NewsSpider
from spiders.params import SpiderConfigError, exit_on_config_error
from spiders.plan import CrawlPlan

logger = logging.getLogger(__name__)

# Setting: true allows every address; false (the default) only the crawl's own entry origins;
# a list (or comma-separated / JSON string) of IP addresses, networks (CIDR) and host names
# allows those as well.
ALLOW_PRIVATE_SETTING = "NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES"
STAT_PREFIX = "archive/scope/"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: _Address) -> bool:
    """Whether an address is on the public internet: not loopback, private (RFC 1918,
    fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), shared
    (100.64/10), unspecified, reserved or multicast. IPv4-mapped IPv6 is judged as IPv4."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else _DEFAULT_PORTS.get(scheme, 0)


def _origin(url: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return normalise_host(parts.hostname), _port(parts.scheme, port)


@dataclass(frozen=True)
class PrivateAllowance:
    """What NEWSARCHIVE_ALLOW_PRIVATE_ADDRESSES allows beyond the crawl's entry origins."""

    everything: bool = False
    networks: tuple[_Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, raw: object) -> Self:
        """From the setting's value; raises SpiderConfigError naming the bad entry."""
        if raw is None or raw is False or raw == "":
            return cls()
        if raw is True:
            return cls(everything=True)
        items: Iterable[object]
        if isinstance(raw, str):
            text = raw.strip()
            if text.lower() in ("1", "true", "yes", "on"):
                return cls(everything=True)
            if text.lower() in ("0", "false", "no", "off"):
                return cls()
            if text.startswith("["):
                try:
                    items = json.loads(text)
                except ValueError as exc:
                    raise SpiderConfigError(
                        f"bad setting {ALLOW_PRIVATE_SETTING}: not valid JSON ({exc})"
                    ) from None
            else:
                items = text.split(",")
        elif isinstance(raw, list | tuple | set | frozenset):
            items = raw
        else:
            raise SpiderConfigError(
                f"bad setting {ALLOW_PRIVATE_SETTING}: true, false or a list of addresses, "
                "networks and host names"
            )
        networks: list[_Network] = []
        hosts: set[str] = set()
        for item in items:
            entry = str(item).strip().lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
                continue
            except ValueError:
                pass
            if "/" in entry or ":" in entry or " " in entry:
                raise SpiderConfigError(
                    f"bad setting {ALLOW_PRIVATE_SETTING}: {entry!r} is neither an address, "
                    "a network (CIDR) nor a host name"
                )
            hosts.add(normalise_host(entry))
        return cls(networks=tuple(networks), hosts=frozenset(hosts))

    def allows(self, host: str, address: _Address) -> bool:
        return (
            self.everything
            or normalise_host(host) in self.hosts
            or any(address in network for network in self.networks)
        )


@dataclass(frozen=True)
class CrawlScope:
    """Where one crawl may go: the site's hosts, and the origins (host, port) it started on."""

    hosts: frozenset[str]  # normalised (crawler.model.urls.normalise_host)
    origins: frozenset[tuple[str, int]]  # (normalised host, port) of every entry point
    allowance: PrivateAllowance = PrivateAllowance()

    @classmethod
    def of(cls, plan: CrawlPlan, allowance: PrivateAllowance | None = None) -> Self:
        site = plan.site
        urls = [*site.start_urls, *site.feeds, *site.sitemaps, *site.sections]
        if plan.base is not None:
            urls.append(plan.base)
        origins = {o for o in map(_origin, urls) if o is not None}
        return cls(plan.hosts, frozenset(origins), allowance or PrivateAllowance())

    def redirect_allowed(self, url: str) -> bool:
        """A redirect target on one of the site's hosts, on a port the crawl uses there."""
        origin = _origin(url)
        if origin is None:
            return False
        host, port = origin
        if host not in self.hosts:
            return False
        if origin in self.origins:
            return True
        ports = {p for h, p in self.origins if h == host}
        # A host the crawl was given only on other ports (the demo web's 127.0.0.1:8123):
        # its other ports are other servers. Otherwise http and https are the site's.
        return port in _DEFAULT_PORTS.values() and (
            not ports or bool(ports & set(_DEFAULT_PORTS.values()))
        )

    def is_entry_origin(self, host: str, port: int) -> bool:
        return (normalise_host(host), port) in self.origins

    def address_allowed(self, host: str, port: int, address: _Address) -> bool:
        return (
            is_public(address)
            or self.is_entry_origin(host, port)
            or self.allowance.allows(host, address)
        )


_ATTRIBUTE = "_newsarchive_scope"


def scope_of(crawler: Crawler) -> CrawlScope | None:
    """The scope of the crawler's spider (built once), None for a spider without a plan."""
    spider = getattr(crawler, "spider", None)
    if not isinstance(spider, NewsSpider):
        return None
    found = getattr(crawler, _ATTRIBUTE, None)
    if isinstance(found, CrawlScope):
        return found
    try:
        allowance = PrivateAllowance.parse(crawler.settings.get(ALLOW_PRIVATE_SETTING))
    except SpiderConfigError as exc:
        exit_on_config_error(exc)
    scope = CrawlScope.of(spider.plan, allowance)
    setattr(crawler, _ATTRIBUTE, scope)
    return scope


def _refuse(crawler: Crawler, request: Request, reason: str, target: str) -> None:
    """Mark the request as refused (the spider records it) and count it."""
    request.meta[META_SCOPE_REFUSED] = {"reason": reason, "target": target}
    if crawler.stats is not None:
        crawler.stats.inc_value(STAT_PREFIX + reason)


class _RedirectScope:
    """Keeps a redirect middleware's new request on the site, or hands back the response."""

    crawler: Crawler

    def _kept_in_scope(self, request: Request, response: Response, result: Any) -> Any:
        if not isinstance(result, Request) or result is request:
            return result
        scope = scope_of(self.crawler)
        if scope is None or scope.redirect_allowed(result.url):
            return result
        logger.warning(
            "not following %s from %s to %s: not a host and port of the site",
            "meta refresh" if isinstance(self, MetaRefreshMiddleware) else "redirect",
            request.url,
            result.url,
        )
        _refuse(self.crawler, request, OFFSITE_REDIRECT, result.url)
        # The response goes on towards the spider (and the WARC capture below this
        # middleware), which records it with the refused target.
        return response


class ScopedRedirectMiddleware(_RedirectScope, RedirectMiddleware):
    """Scrapy's RedirectMiddleware, following a Location only within the crawl's scope."""

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = self._kept_in_scope(request, response, super().process_response(request, response))
        if isinstance(result, Request) and result is not request:
            # RedirectCaptureMiddleware wrote the 3xx: a hop on the way to the final page.
            note_followed(request, response, result)
        return result  # type: ignore[no-any-return]


class MetaRefreshScopeMiddleware(_RedirectScope, MetaRefreshMiddleware):
    """Decides, just above the WARC capture, whether a page's meta refresh leaves the site.

    The project's MetaRefreshMiddleware sits below the capture (so a refreshing page is
    archived) and follows the refresh. This one runs the same logic first, only to see where
    it would lead: off the site, the request is marked refused and `dont_redirect`, so the
    page is captured and reaches the spider unfollowed; on the site, the response goes on
    unchanged and the refresh is followed below.
    """

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        try:
            result = super().process_response(request, response)
        except IgnoreRequest:
            return response  # too many redirects: said below, after the capture
        kept = self._kept_in_scope(request, response, result)
        if kept is response and META_SCOPE_REFUSED in request.meta:
            request.meta["dont_redirect"] = True
        return response


class PrivateAddressMiddleware:
    """Refuses requests to hosts on private, loopback or link-local addresses (see above).

    Host names are resolved with the resolver Scrapy downloads with (the reactor's, whose
    cache the download then uses), so the address checked is the address connected to, and
    the reactor never waits. A name that does not resolve is left to the download, which
    reports it as a DNS failure.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        try:  # a bad setting stops the crawl at start, in one line
            PrivateAllowance.parse(crawler.settings.get(ALLOW_PRIVATE_SETTING))
        except SpiderConfigError as exc:
            exit_on_config_error(exc)
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        scope = scope_of(self.crawler)
        if scope is None or scope.allowance.everything:
            return
        parts = urlparse_cached(request)
        host = parts.hostname
        if parts.scheme not in _DEFAULT_PORTS or not host:
            return
        try:
            port = _port(parts.scheme, parts.port)
        except ValueError:
            return
        if scope.is_entry_origin(host, port):
            return
        address = await self._address(host)
        if address is None or scope.address_allowed(host, port, address):
            return
        logger.warning(
            "not fetching %s: %s is a non-public address (%s allows it)",
            request.url,
            address,
            ALLOW_PRIVATE_SETTING,
        )
        _refuse(self.crawler, request, PRIVATE_ADDRESS, str(address))
        raise IgnoreRequest(f"{PRIVATE_ADDRESS}: {host} is {address}")

    async def _address(self, host: str) -> _Address | None:
        try:
            return ipaddress.ip_address(host)
        except ValueError:
            pass
        from twisted.internet import reactor

        # zope's interface typing makes the reactor's methods untypable here.
        resolve: Callable[[str], Deferred[str]] = getattr(reactor, "resolve")  # noqa: B009
        try:
            resolved = await maybe_deferred_to_future(resolve(host))
            return ipaddress.ip_address(str(resolved))
        except Exception:  # any resolution failure is the download's to report
            return None
