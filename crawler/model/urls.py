"""URL canonicalisation: one key per article however it was linked (pure functions, no I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Click and campaign identifiers that never select content. `utm_*` is matched as a prefix.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
    }
)
TRACKING_PREFIXES = ("utm_",)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Hosts under this TLD never resolve (RFC 2606): a site declared only there has no real
# canonical domain, so its hosts are distinct sites rather than mirrors of one.
PLACEHOLDER_SUFFIX = ".invalid"


def normalise_host(host: str) -> str:
    """Host identity for "is this URL on the site": case-insensitive, `www.` ignored."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _netloc(scheme: str, host: str, port: int | None, userinfo: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        shown = f"{shown}:{port}"
    return f"{userinfo}@{shown}" if userinfo else shown


# A crawl asks for the same URL's key several times (discovery, request, the page, its record):
# measured 7.5 clean_url and 5 article_key calls a page. Both are pure, so they are cached.
_URL_CACHE_SIZE = 4096


@lru_cache(maxsize=_URL_CACHE_SIZE)
def clean_url(url: str) -> str:
    """The URL as it should be requested and remembered.

    Scheme and host lower-cased, a default port dropped, an empty path made "/", the fragment
    and tracking parameters (utm_*, fbclid, gclid …) removed. Everything else, including the
    order and the encoding of the remaining query parameters, is kept: servers may care.
    A URL that cannot be parsed is returned stripped but otherwise unchanged.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not is_tracking_param(unquote_plus(pair.split("=", 1)[0]))
    ]
    return urlunsplit(
        (scheme, _netloc(scheme, host, port, userinfo), parts.path or "/", "&".join(kept), "")
    )


@dataclass(frozen=True)
class CanonicalChoice:
    """Which URL identifies a fetched article page, and why."""

    key: str
    # none: the page declares no canonical; self: it declares its own URL; alias: another URL
    # on the site (the key); offsite: another site (ignored); invalid: not an http(s) URL.
    verdict: str


@dataclass(frozen=True)
class UrlKeys:
    """The URL keys of one site: mirrors map to the site's canonical domain.

    Built from the site's declared domains and the mirrors of this run. Article keys put every
    mirror and `www.` variant of the site onto its first real domain (https), so the same
    article fetched from rtde.tech or de.rt.com has one key. Discovery keys are only cleaned:
    a mirror's feed is another document, with validators of its own.
    """

    domains: tuple[str, ...]
    mirrors: tuple[str, ...] = ()
    _hosts: frozenset[str] = field(init=False, repr=False, compare=False)
    _canonical: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        hosts = frozenset(normalise_host(h) for h in (*self.domains, *self.mirrors))
        real = [d for d in self.domains if not d.endswith(PLACEHOLDER_SUFFIX)]
        object.__setattr__(self, "_hosts", hosts)
        object.__setattr__(self, "_canonical", real[0].lower() if real else None)

    @classmethod
    def of(cls, domains: Iterable[str], mirrors: Iterable[str] = ()) -> UrlKeys:
        return cls(tuple(domains), tuple(mirrors))

    def is_same_site(self, url: str) -> bool:
        """True when the URL is on one of the site's domains or declared mirrors."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return False
        host = parts.hostname
        return (
            parts.scheme.lower() in ("http", "https")
            and host is not None
            and normalise_host(host) in self._hosts
        )

    def discovery_key(self, url: str) -> str:
        return clean_url(url)

    def article_key(self, url: str) -> str:
        """The key of an article URL: cleaned, with mirrors mapped to the canonical domain."""
        return _article_key(url, self._canonical, self._hosts)

    def canonical(self, fetched_url: str, declared: str | None) -> CanonicalChoice:
        """The key of a fetched article page, honouring its rel=canonical / og:url.

        A declared canonical is respected only on the same site or a declared mirror: a
        republisher's page pointing at the original is a different page of a different site
        (near-duplicate detection groups those), and a link to anywhere else is not trusted.
        """
        own = self.article_key(fetched_url)
        if not declared or not declared.strip():
            return CanonicalChoice(own, "none")
        try:
            scheme = urlsplit(declared.strip()).scheme.lower()
        except ValueError:
            return CanonicalChoice(own, "invalid")
        if scheme not in ("http", "https"):
            return CanonicalChoice(own, "invalid")
        if not self.is_same_site(declared):
            return CanonicalChoice(own, "offsite")
        key = self.article_key(declared)
        return CanonicalChoice(key, "self" if key == own else "alias")


@lru_cache(maxsize=_URL_CACHE_SIZE)
def _article_key(url: str, canonical: str | None, hosts: frozenset[str]) -> str:
    """UrlKeys.article_key, cached (a frozenset keeps its hash, so the key is cheap)."""
    cleaned = clean_url(url)
    if canonical is None:
        return cleaned
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        return cleaned
    host = parts.hostname or ""
    normalised = normalise_host(host)
    if normalised not in hosts:
        return cleaned
    if normalised == normalise_host(canonical):
        # The canonical domain itself (maybe with www.): keep scheme and port.
        netloc = _netloc(parts.scheme, canonical, port, "")
        return urlunsplit(parts._replace(netloc=netloc))
    # A mirror: its scheme and port belong to the mirror, not to the article.
    return urlunsplit(parts._replace(scheme="https", netloc=canonical))
