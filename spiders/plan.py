"""The crawl plan: a site's declaration, mirrors, settings and arguments merged once per crawl."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Self
from urllib.parse import urlsplit, urlunsplit

from scrapy.settings import BaseSettings

from crawler.model.sitespec import Site
from crawler.model.urls import normalise_host
from spiders.params import HOST_NAME_RE, SpiderConfigError, SpiderParams

# Setting: extra mirror hosts per site key, {"rt_de": ["mirror.example"]} or the same as JSON.
MIRRORS_SETTING = "NEWSARCHIVE_MIRRORS"

# Discovery limits per crawl (settings; 0 turns one off). A sitemap index may list further
# indexes without end, and sitemaps may list millions of URLs: past a limit the rest is left
# unrequested, logged once and counted (archive/discovery/<limit stat>), never a crash.
SITEMAP_MAX_DEPTH_SETTING = "NEWSARCHIVE_SITEMAP_MAX_DEPTH"
DISCOVERY_MAX_DOCUMENTS_SETTING = "NEWSARCHIVE_DISCOVERY_MAX_DOCUMENTS"
DISCOVERY_MAX_URLS_SETTING = "NEWSARCHIVE_DISCOVERY_MAX_URLS"
DEFAULT_SITEMAP_MAX_DEPTH = 5
# Some sites publish one sitemap a day: a decade of them is ~3,650 documents.
DEFAULT_DISCOVERY_MAX_DOCUMENTS = 5000
DEFAULT_DISCOVERY_MAX_URLS = 200_000
SITEMAP_DEPTH_LIMIT_STAT = "archive/discovery/sitemap_depth_limit"
DOCUMENT_LIMIT_STAT = "archive/discovery/document_limit"
URL_LIMIT_STAT = "archive/discovery/url_limit"

# Hosts the `.invalid` TLD names never resolve (RFC 2606); sites declared on one only give
# the shape of their URLs and are crawled on their mirrors.
PLACEHOLDER_SUFFIX = ".invalid"


def mirrors_from_settings(settings: BaseSettings, key: str) -> tuple[str, ...]:
    """The operator's extra mirrors for one site from NEWSARCHIVE_MIRRORS (dict or JSON)."""
    raw = settings.get(MIRRORS_SETTING)
    if not raw:
        return ()
    if isinstance(raw, BaseSettings):
        raw = raw.copy_to_dict()
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError as exc:
            raise SpiderConfigError(
                f"bad setting {MIRRORS_SETTING}: not valid JSON ({exc})"
            ) from None
    if not isinstance(raw, Mapping):
        raise SpiderConfigError(f"bad setting {MIRRORS_SETTING}: must map site keys to host lists")
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise SpiderConfigError(f"bad setting {MIRRORS_SETTING}[{key!r}]: must be a list of hosts")
    hosts = tuple(str(h).strip().lower() for h in value if str(h).strip())
    for host in hosts:
        if not HOST_NAME_RE.match(host):
            raise SpiderConfigError(
                f"bad setting {MIRRORS_SETTING}[{key!r}]: {host!r} is not a host name"
            )
    return hosts


# --------------------------------------------------------------------------- crawl plan


@dataclass(frozen=True)
class CrawlPlan:
    """Everything a crawl run needs, derived once from the declaration, settings and args."""

    params: SpiderParams
    site: Site  # entry points already rebased/fanned out; mirrors include this run's
    hosts: frozenset[str]  # normalised host names whose URLs are followed
    base: str | None  # "scheme://host[:port]" every site URL is fetched from (-a url)
    limit: int | None
    since: datetime | None


@dataclass(frozen=True)
class DiscoveryLimits:
    """How far discovery may go in one crawl (0: no limit); see the settings above."""

    sitemap_max_depth: int = DEFAULT_SITEMAP_MAX_DEPTH
    max_documents: int = DEFAULT_DISCOVERY_MAX_DOCUMENTS
    max_urls: int = DEFAULT_DISCOVERY_MAX_URLS

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        values: list[int] = []
        for name, default in (
            (SITEMAP_MAX_DEPTH_SETTING, DEFAULT_SITEMAP_MAX_DEPTH),
            (DISCOVERY_MAX_DOCUMENTS_SETTING, DEFAULT_DISCOVERY_MAX_DOCUMENTS),
            (DISCOVERY_MAX_URLS_SETTING, DEFAULT_DISCOVERY_MAX_URLS),
        ):
            raw = settings.get(name)
            try:
                value = default if raw in (None, "") else int(str(raw).strip())
            except ValueError:
                value = -1
            if value < 0:
                raise SpiderConfigError(
                    f"bad setting {name}={raw!r}: must be a whole number >= 0 (0: no limit)"
                )
            values.append(value)
        return cls(*values)


def rebase(url: str, base: str) -> str:
    """The same path and query on another scheme://host[:port]."""
    target = urlsplit(base)
    parts = urlsplit(url)
    return urlunsplit((target.scheme, target.netloc, parts.path or "/", parts.query, ""))


def make_plan(site: Site, params: SpiderParams, settings: BaseSettings) -> CrawlPlan:
    """Merge mirrors (declaration, NEWSARCHIVE_MIRRORS, `mirrors`, `url` host), then rebase
    the entry points onto `url` or fan placeholder-domain entry points out to the mirrors."""
    mirrors: dict[str, None] = dict.fromkeys(site.mirrors)
    mirrors.update(dict.fromkeys(mirrors_from_settings(settings, site.key)))
    mirrors.update(dict.fromkeys(params.mirrors))
    base = None
    if params.url is not None:
        parts = urlsplit(params.url)
        base = f"{parts.scheme}://{parts.netloc.lower()}"
        mirrors[(parts.hostname or "").lower()] = None
    for domain in site.domains:
        mirrors.pop(domain, None)
    real_mirrors = [m for m in mirrors if not m.endswith(PLACEHOLDER_SUFFIX)]

    def place(urls: tuple[str, ...]) -> tuple[str, ...]:
        placed: dict[str, None] = {}
        for url in urls:
            host = urlsplit(url).hostname or ""
            if base is not None:
                placed[rebase(url, base)] = None
            elif host.endswith(PLACEHOLDER_SUFFIX):
                if not real_mirrors:
                    raise SpiderConfigError(
                        f"site {site.key!r} is declared on placeholder domains "
                        f"({', '.join(site.domains)}): point it at a real host with "
                        f"-a url=... or -a mirrors=... or {MIRRORS_SETTING}"
                    )
                for mirror in real_mirrors:
                    placed[rebase(url, f"https://{mirror}")] = None
            else:
                placed[url] = None
        return tuple(placed)

    try:
        planned = replace(
            site,
            mirrors=tuple(mirrors),
            start_urls=place(site.start_urls),
            feeds=place(site.feeds),
            sitemaps=place(site.sitemaps),
            sections=place(site.sections),
        )
    except ValueError as exc:
        if isinstance(exc, SpiderConfigError):
            raise
        raise SpiderConfigError(str(exc)) from None
    hosts = frozenset(normalise_host(h) for h in planned.hosts)
    return CrawlPlan(
        params=params,
        site=planned,
        hosts=hosts,
        base=base,
        limit=params.limit,
        since=params.since,
    )
