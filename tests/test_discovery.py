"""Unit tests for the pure discovery parsers: spiders/sitemaps, feeds, links and documents."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap

import pytest

from spiders.documents import detect_kind
from spiders.feeds import parse_feed
from spiders.links import feed_links, looks_like_article_url, looks_like_section_url, page_links
from spiders.sitemaps import parse_sitemap, sitemaps_from_robots

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://de.rt.com/international/200001-gespraeche-in-genf/</loc>
    <image:image><image:loc>https://cdn.example/bild.jpg</image:loc></image:image>
    <news:news>
      <news:publication>
        <news:name>RT DE</news:name><news:language>de</news:language>
      </news:publication>
      <news:publication_date>2024-02-06T13:05:00+01:00</news:publication_date>
      <news:title>Gespr\xc3\xa4che in Genf &amp; ihre Folgen</news:title>
    </news:news>
  </url>
  <url>
    <loc>https://de.rt.com/inland/200002-haushalt-beschlossen/</loc>
    <lastmod>2024-02-06</lastmod>
  </url>
</urlset>
"""


def _urlset(locs: list[str]) -> bytes:
    rows = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + rows + "</urlset>"
    ).encode()


# --------------------------------------------------------------------------- sitemaps


def test_news_sitemap_keeps_google_news_fields() -> None:
    doc = parse_sitemap(NEWS_SITEMAP)
    assert doc.kind == "urlset"
    assert doc.error is None
    assert doc.is_news
    first, second = doc.entries
    assert first.loc == "https://de.rt.com/international/200001-gespraeche-in-genf/"
    assert first.news_title == "Gespräche in Genf & ihre Folgen"
    assert first.news_publication_date == "2024-02-06T13:05:00+01:00"
    assert first.news_language == "de"
    assert first.is_news
    # <image:loc> is also called "loc": only the direct child counts.
    assert all(e.loc != "https://cdn.example/bild.jpg" for e in doc.entries)
    assert second.lastmod == "2024-02-06"
    assert not second.is_news


@pytest.mark.parametrize(
    "body",
    [
        # another prefix for the news namespace
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:n="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.de/x</loc>'
        b"<n:news><n:title>Titel</n:title></n:news></url></urlset>",
        # prefixed sitemap namespace
        b'<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><sm:url>'
        b"<sm:loc>https://a.de/x</sm:loc><news:news><news:title>Titel</news:title></news:news>"
        b"</sm:url></sm:urlset>",
        # no namespaces at all, and an undeclared prefix
        b"<urlset><url><loc>https://a.de/x</loc><news:news><news:title>Titel</news:title>"
        b"</news:news></url></urlset>",
    ],
)
def test_any_namespace_prefix(body: bytes) -> None:
    doc = parse_sitemap(body)
    assert doc.kind == "urlset"
    assert [(e.loc, e.news_title) for e in doc.entries] == [("https://a.de/x", "Titel")]


def test_sitemap_index() -> None:
    body = b"""<?xml version="1.0"?>
    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://snanews.de/sitemap_article_1.xml</loc><lastmod>2022-01-13</lastmod></sitemap>
      <sitemap><loc>https://snanews.de/sitemap_article_2.xml</loc></sitemap>
    </sitemapindex>"""
    doc = parse_sitemap(body)
    assert doc.kind == "index"
    assert doc.error is None
    assert [e.loc for e in doc.entries] == [
        "https://snanews.de/sitemap_article_1.xml",
        "https://snanews.de/sitemap_article_2.xml",
    ]
    assert doc.entries[0].lastmod == "2022-01-13"


def test_gzip_sitemap_by_magic_bytes() -> None:
    doc = parse_sitemap(gzip.compress(NEWS_SITEMAP))
    assert doc == parse_sitemap(NEWS_SITEMAP)


def test_truncated_gzip_recovers_complete_entries() -> None:
    locs = [f"https://a.de/politik/{i * 7919 % 100003}-artikel-{i}/" for i in range(500)]
    compressed = gzip.compress(_urlset(locs))
    doc = parse_sitemap(compressed[: len(compressed) // 2])
    assert doc.error is not None and "truncated gzip" in doc.error
    assert doc.kind == "urlset"
    assert 0 < len(doc.entries) < len(locs)
    # the complete records before the cut, nothing half-read
    assert [e.loc for e in doc.entries] == locs[: len(doc.entries)]


def test_truncated_xml_drops_the_cut_record() -> None:
    body = _urlset(["https://a.de/eins-zwei-drei-vier", "https://a.de/fuenf-sechs-sieben"])
    cut = body[: body.index(b"sechs")]  # inside the second <loc>
    doc = parse_sitemap(cut)
    assert [e.loc for e in doc.entries] == ["https://a.de/eins-zwei-drei-vier"]
    assert doc.error is not None


def test_missing_root_end_tag_keeps_everything() -> None:
    body = _urlset(["https://a.de/1", "https://a.de/2"]).replace(b"</urlset>", b"")
    doc = parse_sitemap(body)
    assert [e.loc for e in doc.entries] == ["https://a.de/1", "https://a.de/2"]
    assert doc.error is not None


def test_bare_ampersand_is_repaired_not_mangled() -> None:
    body = b"<urlset><url><loc>https://a.de/suche?a=1&b=2</loc></url></urlset>"
    doc = parse_sitemap(body)
    assert [e.loc for e in doc.entries] == ["https://a.de/suche?a=1&b=2"]
    assert doc.error is not None and "repaired" in doc.error


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"<html><body><p>Seite nicht gefunden</p></body></html>", "not a sitemap"),
        (b"\x00\x01\x02 kein XML", "not a sitemap"),
        (b"\x1f\x8b\x08\x00kaputt", "gzip"),
        (b"<urlset><url><loc>", None),
    ],
)
def test_garbage_never_raises(body: bytes, problem: str | None) -> None:
    doc = parse_sitemap(body)
    assert doc.error is not None
    if problem is not None:
        assert problem in doc.error
    assert doc.entries == ()


def test_duplicates_collapse_and_merge_fields() -> None:
    body = b"""<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://a.de/x</loc></url>
      <url><loc>https://a.de/y</loc></url>
      <url><loc>https://a.de/x</loc><lastmod>2024-01-01</lastmod>
        <news:news><news:title>Spaet</news:title></news:news></url>
    </urlset>"""
    doc = parse_sitemap(body)
    assert [e.loc for e in doc.entries] == ["https://a.de/x", "https://a.de/y"]
    assert doc.entries[0].lastmod == "2024-01-01"
    assert doc.entries[0].news_title == "Spaet"
    assert doc.repeated == 1


def test_repeats_are_counted_in_xml_gzip_and_text_sitemaps() -> None:
    urls = ["https://a.de/x", "https://a.de/y", "https://a.de/x", "https://a.de/x"]
    for body in (_urlset(urls), gzip.compress(_urlset(urls)), "\n".join(urls).encode()):
        doc = parse_sitemap(body)
        assert ([e.loc for e in doc.entries], doc.repeated) == (
            ["https://a.de/x", "https://a.de/y"],
            2,
        )


def test_entry_cap_is_enforced_and_noted() -> None:
    doc = parse_sitemap(_urlset([f"https://a.de/{i}" for i in range(15)]), max_entries=10)
    assert len(doc.entries) == 10
    assert doc.error is not None and "kept the first 10" in doc.error


def test_relative_locations_resolve_against_base() -> None:
    doc = parse_sitemap(_urlset(["/news.xml"]), base_url="https://a.de/sitemap.xml")
    assert [e.loc for e in doc.entries] == ["https://a.de/news.xml"]


def test_plain_text_sitemap() -> None:
    doc = parse_sitemap(b"https://a.de/1\n\nhttps://a.de/2\nhttps://a.de/1\n")
    assert doc.kind == "urlset"
    assert [e.loc for e in doc.entries] == ["https://a.de/1", "https://a.de/2"]


def test_hundred_thousand_urls_parse_in_bounded_memory() -> None:
    # In a child process so ru_maxrss measures this parse alone.
    script = textwrap.dedent(
        """
        import resource, sys
        from spiders.sitemaps import parse_sitemap
        rows = b"".join(
            b"<url><loc>https://a.de/politik/%d-ein-titel-zum-testen/</loc>"
            b"<lastmod>2024-02-06T10:00:00+01:00</lastmod></url>\\n" % i
            for i in range(100_000)
        )
        body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + rows + b"</urlset>"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        doc = parse_sitemap(body)
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(len(doc.entries), doc.error, f"{grown_mb:.0f}")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    count, error, grown_mb = out
    assert int(count) == 100_000
    assert error == "None"
    # The document is 13 MB; a full lxml tree of it would need several times that.
    assert float(grown_mb) < 150


# --------------------------------------------------------------------------- robots.txt


def test_sitemaps_from_robots() -> None:
    text = (
        "User-agent: *\nDisallow: /suche\n"
        "Sitemap: https://a.de/sitemap.xml  # Hauptindex\n"
        "sitemap:/news-sitemap.xml\n"
        "SITEMAP: https://a.de/sitemap.xml\n"
        "Sitemap: ftp://a.de/nein.xml\n"
        "Sitemap:\n"
    )
    assert sitemaps_from_robots(text, "https://a.de/robots.txt") == [
        "https://a.de/sitemap.xml",
        "https://a.de/news-sitemap.xml",
    ]


# --------------------------------------------------------------------------- feeds

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Nachrichten</title>
  <language>de</language>
  <item>
    <title>Wahl in Sachsen&nbsp;&ndash; erste Ergebnisse</title>
    <link>https://a.de/2024/09/01/wahl-in-sachsen/</link>
    <pubDate>So, 01 Sep 2024 18:30:00 +0200</pubDate>
  </item>
  <item>
    <title><![CDATA[Bahn & Bund einigen sich]]></title>
    <guid>https://a.de/2024/09/02/bahn-und-bund/</guid>
    <pubDate>Mo, 2 Sep 2024 08:00:00 MESZ</pubDate>
  </item>
  <item>
    <title>Relativer Link</title>
    <link>/2024/09/03/relativ/</link>
    <dc:date>2024-09-03T07:00:00Z</dc:date>
  </item>
  <item><title>Doppelt</title><link>https://a.de/2024/09/01/wahl-in-sachsen/</link></item>
  <item><title>Ohne Link</title><guid isPermaLink="false">abc-123</guid></item>
</channel>
</rss>
"""


def test_rss2() -> None:
    doc = parse_feed(RSS, base_url="https://a.de/feed/")
    assert doc.kind == "rss"
    assert doc.title == "Nachrichten"
    assert doc.language == "de"
    assert [(e.link, e.title, e.published) for e in doc.entries] == [
        (
            "https://a.de/2024/09/01/wahl-in-sachsen/",
            "Wahl in Sachsen – erste Ergebnisse",
            "2024-09-01T18:30:00+02:00",
        ),
        (
            "https://a.de/2024/09/02/bahn-und-bund/",
            "Bahn & Bund einigen sich",
            "2024-09-02T08:00:00+02:00",
        ),
        ("https://a.de/2024/09/03/relativ/", "Relativer Link", "2024-09-03T07:00:00+00:00"),
    ]
    assert doc.error is not None and "repaired" in doc.error  # the HTML entities


def test_rss1_rdf() -> None:
    body = b"""<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://a.de/"><title>RDF-Kanal</title></channel>
      <item rdf:about="https://a.de/artikel/1"><title>Eins</title><link>https://a.de/artikel/1</link>
        <dc:date>2022-01-13T09:15:00+01:00</dc:date></item>
      <item rdf:about="https://a.de/artikel/2"><title>Zwei</title></item>
    </rdf:RDF>"""
    doc = parse_feed(body)
    assert doc.kind == "rdf"
    assert doc.title == "RDF-Kanal"
    assert [(e.link, e.published) for e in doc.entries] == [
        ("https://a.de/artikel/1", "2022-01-13T09:15:00+01:00"),
        ("https://a.de/artikel/2", None),
    ]


def test_atom() -> None:
    body = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-DE">
      <title>Atom-Kanal</title>
      <entry>
        <title type="html">&lt;b&gt;Neue&lt;/b&gt; Regeln</title>
        <link rel="self" href="https://a.de/feed/eintrag"/>
        <link rel="alternate" type="text/html" href="https://a.de/2024/05/05/neue-regeln/"/>
        <published>2024-05-05T10:00:00+02:00</published>
        <updated>2024-05-06T10:00:00+02:00</updated>
      </entry>
      <entry>
        <title>Nur aktualisiert</title>
        <link href="https://a.de/2024/05/04/nur-aktualisiert/"/>
        <updated>2024-05-04T10:00:00Z</updated>
      </entry>
    </feed>"""
    doc = parse_feed(body)
    assert doc.kind == "atom"
    assert doc.language == "de-DE"
    assert [(e.link, e.title, e.published) for e in doc.entries] == [
        ("https://a.de/2024/05/05/neue-regeln/", "Neue Regeln", "2024-05-05T10:00:00+02:00"),
        (
            "https://a.de/2024/05/04/nur-aktualisiert/",
            "Nur aktualisiert",
            "2024-05-04T10:00:00+00:00",
        ),
    ]


def test_truncated_feed_recovers_items() -> None:
    body = RSS[: RSS.index(b"<title>Relativer")]
    doc = parse_feed(body)
    assert [e.link for e in doc.entries][:2] == [
        "https://a.de/2024/09/01/wahl-in-sachsen/",
        "https://a.de/2024/09/02/bahn-und-bund/",
    ]
    assert doc.error is not None


@pytest.mark.parametrize(
    "body", [b"", b"kein xml", b"<html><body>Fehler</body></html>", b"\x1f\x8b\x08kaputt"]
)
def test_not_a_feed(body: bytes) -> None:
    doc = parse_feed(body)
    assert doc.kind == "unknown"
    assert doc.error
    assert doc.entries == ()


def test_gzip_feed() -> None:
    assert parse_feed(gzip.compress(RSS)).entries == parse_feed(RSS).entries


# --------------------------------------------------------------------------- HTML

PAGE = b"""<!DOCTYPE html>
<html><head>
  <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed/">
  <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://a.de/atom.xml">
  <link rel="alternate" hreflang="en" href="https://a.de/en/">
  <link rel="stylesheet" type="text/css" href="/s.css">
</head><body>
  <a href="/politik/">Politik</a>
  <a href="/2024/01/02/ein-artikel/#kommentare">Artikel</a>
  <a href="/2024/01/02/ein-artikel/">Artikel nochmal</a>
  <a href="mailto:redaktion@a.de">Mail</a>
  <a href="javascript:void(0)">JS</a>
  <a href="https://b.de/fremd">Fremd</a>
  <a>ohne href</a>
  <map><area href="/karte/"></map>
</body></html>"""


def test_feed_links() -> None:
    assert feed_links(PAGE, "https://a.de/") == ["https://a.de/feed/", "https://a.de/atom.xml"]


def test_page_links_absolute_unique_in_order() -> None:
    assert page_links(PAGE, "https://a.de/start") == [
        "https://a.de/politik/",
        "https://a.de/2024/01/02/ein-artikel/",
        "https://b.de/fremd",
        "https://a.de/karte/",
    ]


def test_base_href_is_respected() -> None:
    html = '<html><head><base href="https://cdn.a.de/sub/"></head><a href="x">x</a></html>'
    assert page_links(html, "https://a.de/") == ["https://cdn.a.de/sub/x"]


@pytest.mark.parametrize("doc", [b"", "", "   ", '<?xml version="1.0" encoding="utf-8"?>'])
def test_html_helpers_never_raise(doc: bytes | str) -> None:
    assert page_links(doc, "https://a.de/") == []
    assert feed_links(doc, "https://a.de/") == []


def test_str_with_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><a href="/a">a</a></body></html>'
    assert page_links(html, "https://a.de/") == ["https://a.de/a"]


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (NEWS_SITEMAP, "text/xml", "sitemap"),
        (gzip.compress(NEWS_SITEMAP), "application/octet-stream", "sitemap"),
        (b'<?xml version="1.0"?>\n<!-- c --><sitemapindex>', None, "sitemap"),
        (b"https://a.de/1\nhttps://a.de/2\n", "text/plain", "sitemap"),
        (RSS, "text/html", "feed"),  # content types lie; the root element decides
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "application/xml", "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", None, "feed"),
        (PAGE, "text/html", "html"),
        (b"\xef\xbb\xbf<!doctype html><html lang='de'>", None, "html"),
        (b"<div>Schnipsel</div>", "text/html; charset=utf-8", "html"),
        (b'{"version": "https://jsonfeed.org/version/1"}', "application/json", "unknown"),
        (b"User-agent: *", "text/plain", "unknown"),
        (b"", None, "unknown"),
    ],
)
def test_detect_kind(body: bytes, content_type: str | None, kind: str) -> None:
    assert detect_kind(body, content_type) == kind


# --------------------------------------------------------------------------- URL shapes


@pytest.mark.parametrize(
    "url",
    [
        "https://de.rt.com/international/193456-gespraeche-in-genf/",
        "https://snanews.de/20220113/nato-russland-rat-4960123.html",
        "https://a.de/2025/02/06/ein-neuer-beitrag/",
        "https://a.de/2025/02/kurz/",
        "https://a.de/politik/ein-sehr-langer-titel-ueber-etwas/",
        "https://a.de/politik/4960123",
        "https://a.de/meldung/neue-regeln-beschlossen.html",
        "https://a.de/?p=1234",
    ],
)
def test_article_urls(url: str) -> None:
    assert looks_like_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://a.de/",
        "https://a.de",
        "https://a.de/politik/",
        "https://a.de/politik/inland/",
        "https://a.de/tag/ukraine/",
        "https://a.de/thema/ein-langes-thema-mit-vielen-worten/",
        "https://a.de/autor/max-mustermann/",
        "https://a.de/suche?q=wahl",
        "https://a.de/login",
        "https://a.de/impressum/",
        "https://a.de/wp-content/uploads/2024/01/bild-von-einem-ereignis.jpg",
        "https://a.de/static/app.js",
        "https://a.de/index.html",
        "https://a.de/politik/page/2/",
        "https://a.de/feed/",
        "mailto:redaktion@a.de",
    ],
)
def test_non_article_urls(url: str) -> None:
    assert not looks_like_article_url(url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.de/politik/", True),
        ("https://a.de/politik/inland/", True),
        ("https://a.de/", False),
        ("https://a.de/a/b/c/", False),
        ("https://a.de/politik/?seite=2", False),
        ("https://a.de/tag/wahl/", False),
        ("https://a.de/impressum/", False),
        ("https://a.de/2024/01/02/ein-artikel/", False),
        ("https://a.de/bild.jpg", False),
    ],
)
def test_section_urls(url: str, expected: bool) -> None:
    assert looks_like_section_url(url) is expected
