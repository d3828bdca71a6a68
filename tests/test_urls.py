"""URL canonicalisation: one key per article however it was linked (pure functions)."""

from __future__ import annotations

import pytest

from crawler.model.urls import UrlKeys, clean_url, is_tracking_param, normalise_host

RT = UrlKeys.of(("de.rt.com",), ("rtde.tech", "freedert.online", "127.0.0.1"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://de.rt.com/a/1-x/#kommentare", "https://de.rt.com/a/1-x/"),
        ("HTTPS://De.RT.com:443/a/1-x/", "https://de.rt.com/a/1-x/"),
        ("http://de.rt.com:80", "http://de.rt.com/"),
        (
            "https://de.rt.com/a/1-x/?utm_source=tg&utm_medium=social&fbclid=abc&gclid=x",
            "https://de.rt.com/a/1-x/",
        ),
        (
            "https://de.rt.com/suche?q=gas&UTM_Campaign=x&page=2",
            "https://de.rt.com/suche?q=gas&page=2",
        ),
        # order, encoding and empty values of real parameters are kept: servers may care
        ("https://a.de/x?b=2&a=%C3%A4&c=", "https://a.de/x?b=2&a=%C3%A4&c="),
        ("http://127.0.0.1:8123/x?id=7#top", "http://127.0.0.1:8123/x?id=7"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("not a url", "not a url"),
    ],
)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def test_tracking_params() -> None:
    assert is_tracking_param("utm_content") and is_tracking_param("FBCLID")
    assert not is_tracking_param("id") and not is_tracking_param("utmost")


def test_normalise_host() -> None:
    assert normalise_host("WWW.Example.COM.") == "example.com"


@pytest.mark.parametrize(
    "url",
    [
        "https://de.rt.com/international/123456-titel/",
        "https://www.de.rt.com/international/123456-titel/",
        "https://rtde.tech/international/123456-titel/?utm_source=telegram",
        "http://freedert.online/international/123456-titel/#comments",
        "http://127.0.0.1:8123/international/123456-titel/",
    ],
)
def test_mirrors_map_to_the_canonical_domain(url: str) -> None:
    assert RT.article_key(url) == "https://de.rt.com/international/123456-titel/"


def test_keys_are_per_site_although_cached() -> None:
    # article_key is memoised: the same URL under two sites' keys must not share an answer.
    url = "http://127.0.0.1:8123/international/123456-titel/"
    plain = UrlKeys.of(("de.rt.com",))
    assert RT.article_key(url) == "https://de.rt.com/international/123456-titel/"
    assert plain.article_key(url) == url
    assert UrlKeys.of(("example.org",), ("127.0.0.1",)).article_key(url) == (
        "https://example.org/international/123456-titel/"
    )


def test_discovery_keys_stay_on_their_host() -> None:
    # A mirror's feed is a document of its own, with its own validators.
    assert (
        RT.discovery_key("https://rtde.tech/feeds/news/?utm_x=1") == "https://rtde.tech/feeds/news/"
    )


def test_a_site_on_one_host_keeps_scheme_and_port() -> None:
    keys = UrlKeys.of(("127.0.0.1",))
    assert keys.article_key("http://127.0.0.1:8123/a.html#x") == "http://127.0.0.1:8123/a.html"


def test_placeholder_domains_map_nothing() -> None:
    # Aggregators declared on *.invalid are many sites: their hosts are not one another's mirrors.
    keys = UrlKeys.of(("aggregator.invalid",), ("one.example", "two.example"))
    assert (
        keys.article_key("https://two.example/2025/01/01/x/") == "https://two.example/2025/01/01/x/"
    )


def test_other_hosts_are_only_cleaned() -> None:
    assert RT.article_key("https://other.example/x?utm_a=1") == "https://other.example/x"


@pytest.mark.parametrize(
    ("declared", "key", "verdict"),
    [
        (None, "https://de.rt.com/a/1-x/", "none"),
        ("", "https://de.rt.com/a/1-x/", "none"),
        ("https://de.rt.com/a/1-x/", "https://de.rt.com/a/1-x/", "self"),
        # the mirror page names the original: same key
        ("http://127.0.0.1:9000/a/1-x/", "https://de.rt.com/a/1-x/", "self"),
        # an AMP or print URL naming the article: the article's key
        ("https://de.rt.com/a/1-x/", "https://de.rt.com/a/1-x/", "self"),
        ("https://rtde.tech/a/2-other/", "https://de.rt.com/a/2-other/", "alias"),
        # another site (a republisher naming the original, a CMS bug): ignored
        ("https://other.example/a/1-x/", "https://de.rt.com/a/1-x/", "offsite"),
        ("javascript:void(0)", "https://de.rt.com/a/1-x/", "invalid"),
        ("ftp://de.rt.com/a", "https://de.rt.com/a/1-x/", "invalid"),
    ],
)
def test_canonical_links_are_respected_only_on_the_site(
    declared: str | None, key: str, verdict: str
) -> None:
    choice = RT.canonical("https://rtde.tech/a/1-x/?utm_source=x", declared)
    assert (choice.key, choice.verdict) == (key, verdict)


def test_same_site_check() -> None:
    assert RT.is_same_site("https://www.rtde.tech/x")
    assert not RT.is_same_site("https://rtde.tech.evil.example/x")
    assert not RT.is_same_site("mailto:redaktion@de.rt.com")
