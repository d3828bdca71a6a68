"""Coverage: every URL a sitemap or feed lists is fetched unless clearly not an article, the page
decides candidates, and every listed URL is accounted for in the run's counts."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.demoweb import DemoWeb
from crawler.demoweb.site_coverage import COVERAGE_HOST, NON_ARTICLES, CoverageSite, article_path
from crawler.incremental import load_memory
from crawler.model.items import KIND_ARTICLE, OUTCOME_NOT_ARTICLE, FetchedPage
from crawler.model.listed import (
    EXTRA_FETCHES_STAT,
    FATES,
    FETCHED,
    REFUSED,
    STATS_PREFIX,
    TOTAL_STAT,
    ListedLedger,
)
from crawler.model.meta import META_CANDIDATE
from crawler.model.sitespec import Site
from crawler.tables import listed_cell
from db.engine import make_engine
from db.models import Article, CrawlRun, Fetch, UrlState
from db.store import store_batch
from pipelines.article_check import judge_candidate, not_article_reason, page_declaration
from pipelines.store_pipeline import to_record
from spiders.base import NewsSpider
from spiders.frontier import ARTICLE_PRIORITY, CANDIDATE_PRIORITY
from spiders.links import looks_like_article_url, refusal_of
from tests.factories import (
    extracted,
    fetch_record,
    loopback_settings,
    run_command,
    run_test_crawl,
)

# --------------------------------------------------------------------------- admission rules

# Article URLs as real publishers shape them (made-up headlines and ids): none is refused.
PUBLISHER_SHAPES = [
    "https://taz.example/Entwurf-des-Heizungsgesetzes/!5928990/",
    "https://winfuture.example/news,142489.html",
    "https://www.kicker.example/bayern-gewinnt-das-derby-knapp-1019241/artikel",
    "https://www.bbc.example/news/articles/clymn8zyrp9o",
    "https://www.cnn.example/2019/11/18/politics/impeachment-hearing-day-three/index.html",
    "https://www.freitag.example/autoren/max-muster/was-die-wahl-fuer-den-osten-bedeutet",
    "https://www.heise.example/meldung.php?id=48213",
    "https://a.example/a/1234.html",
    "https://a.example/p/7f3a9",
    "https://a.example/klima-gipfel-12/",
    "https://a.example/meldung?nr=17",
    "https://a.example/kultur/neue-oper-3",
]


@pytest.mark.parametrize("url", PUBLISHER_SHAPES)
def test_publisher_article_shapes_are_admitted(url: str) -> None:
    assert refusal_of(url) is None


@pytest.mark.parametrize("url", PUBLISHER_SHAPES[:8])
def test_common_article_shapes_get_article_priority(url: str) -> None:
    assert looks_like_article_url(url)


@pytest.mark.parametrize("url", PUBLISHER_SHAPES[8:])
def test_opaque_shapes_are_candidates(url: str) -> None:
    assert not looks_like_article_url(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://a.example/bilder/stadtfest.jpg", "asset"),
        ("https://a.example/wp-content/uploads/2024/plan.pdf", "asset"),
        ("https://a.example/static/ein-langer-dateiname-ohne-endung", "asset"),
        ("https://a.example/tag/wahl/", "tag"),
        ("https://a.example/thema/ein-langes-thema-mit-vielen-worten/", "tag"),
        ("https://a.example/autoren/max-muster/", "author"),
        ("https://a.example/author/jane-doe", "author"),
        ("https://a.example/category/politik/", "category"),
        ("https://a.example/archiv/", "archive"),
        ("https://a.example/2026/11/", "archive"),
        ("https://a.example/2026/11/18/", "archive"),
        ("https://a.example/suche?q=haushalt", "search"),
        ("https://a.example/?s=haushalt", "search"),
        ("https://a.example/search/haushalt", "search"),
        ("https://a.example/politik/seite/2/", "pagination"),
        ("https://a.example/politik/page/3", "pagination"),
        ("https://a.example/nachrichten/?page=3", "pagination"),
        ("https://a.example/konto/anmelden", "account"),
        ("https://a.example/impressum.html", "service"),
        ("https://a.example/newsletter/", "service"),
        ("https://a.example/feed/", "feed"),
        ("https://a.example/", "homepage"),
        ("https://a.example/index.html", "homepage"),
    ],
)
def test_non_article_classes_are_refused_with_their_reason(url: str, reason: str) -> None:
    assert refusal_of(url) == reason


def test_site_non_article_pattern_refuses_and_wordpress_post_ids_are_articles() -> None:
    pattern = re.compile(r"^/(spiele|quiz)/")
    assert refusal_of("https://a.example/quiz/wer-weiss-es", non_article=pattern) == "site"
    assert refusal_of("https://a.example/quiz/wer-weiss-es") is None
    assert refusal_of("https://a.example/?p=1234") is None
    assert looks_like_article_url("https://a.example/?p=1234")


def test_every_coverage_site_shape_is_admitted_and_every_non_article_refused_as_planned() -> None:
    for i in range(12):
        assert refusal_of("https://c.example" + article_path(i)) is None, article_path(i)
    for planned in NON_ARTICLES:
        expected = None if planned.refused_as == "page" else planned.refused_as
        assert refusal_of("https://c.example" + planned.path) == expected, planned.path


# --------------------------------------------------------------------------- the page check


def _html(head: str, body: str = "<p>Kurz.</p>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:type" content="article">',
        "<meta content='article' property='og:type'>",
        _ld({"@type": "NewsArticle"}),
        _ld({"@type": "ReportageNewsArticle"}),
        _ld({"@type": ["WebPage", "AnalysisNewsArticle"]}),
        _ld({"@context": "https://schema.org", "@graph": [{"@type": "BlogPosting"}]}),
        _ld({"@type": "WebPage", "mainEntity": {"@type": "http://schema.org/Article"}}),
        _ld([{"@type": "Organization"}, {"@type": "OpinionNewsArticle"}]),
    ],
)
def test_a_declared_article_is_an_article_whatever_its_text(head: str) -> None:
    declaration = page_declaration(_html(head))
    assert declaration.article
    assert not_article_reason(declaration, extracted("https://a.example/x", "Kurz.")) is None


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        ('<meta property="og:type" content="website">', "not an article: og:type website"),
        ('<meta property="og:type" content="profile">', "not an article: og:type profile"),
        (_ld({"@type": "CollectionPage"}), "not an article: JSON-LD CollectionPage"),
        (_ld({"@type": "ProfilePage"}), "not an article: JSON-LD ProfilePage"),
        # A listing's items are not the page: only top-level entities count.
        (
            _ld({"@type": "ItemList", "itemListElement": [{"@type": "NewsArticle"}]}),
            "not an article: JSON-LD ItemList",
        ),
    ],
)
def test_a_page_declared_as_something_else_is_not_an_article(head: str, reason: str) -> None:
    long_text = " ".join(["Wort"] * 400)
    assert not_article_reason(page_declaration(_html(head)), extracted("u", long_text)) == reason


def test_undeclared_pages_are_judged_by_their_text() -> None:
    nothing = page_declaration(_html("<title>x</title>", '<script type="application/ld+json">{'))
    assert nothing.og_type is None and nothing.ld_types == ()
    assert not_article_reason(nothing, extracted("u", " ".join(["Wort"] * 150))) is None
    assert (
        not_article_reason(nothing, extracted("u", " ".join(["Wort"] * 40)))
        == "not an article: 40 words of text, no article type declared"
    )
    dated = extracted("u", " ".join(["Wort"] * 60), published_at=_moment())
    assert not_article_reason(nothing, dated) is None
    assert not_article_reason(nothing, extracted("u", "", outcome="empty")) == (
        "not an article: no text, no article type declared"
    )


def _moment() -> datetime:
    return datetime(2026, 11, 20, tzinfo=UTC)


def test_a_candidate_that_is_not_an_article_is_recorded_as_discovery_with_its_reason() -> None:
    body = _html('<meta property="og:type" content="website">', "<p>Teaser</p>" * 50)
    page = FetchedPage(
        url="https://a.example/dossier/klima",
        requested_url="https://a.example/dossier/klima",
        site="a",
        kind=KIND_ARTICLE,
        status=200,
        fetched_at=_moment(),
        body=body,
        candidate=True,
    )
    result = extracted(page.url, "Teaser\n" * 50)
    page.extracted = judge_candidate(page, result)
    record = to_record(page, "A")
    assert (record.outcome, record.error, record.article) == (
        OUTCOME_NOT_ARTICLE,
        "not an article: og:type website",
        None,
    )
    # The same page requested as an article (its URL looked like one) is not judged.
    page.candidate = False
    assert judge_candidate(page, result) is result


# --------------------------------------------------------------------------- accounting


def test_ledger_fates_sum_to_the_listed_total() -> None:
    ledger = ListedLedger()
    ledger.note("a", FETCHED)
    ledger.note("b", FETCHED)
    ledger.note("c", REFUSED)
    ledger.note("d", FETCHED)
    ledger.note("e", FETCHED)
    ledger.note("f", FETCHED)
    ledger.note("a", REFUSED)  # listed again: the first decision stands
    ledger.note("c", FETCHED)  # listed again, fetched this time: the fetch decides
    for key, outcome in [
        ("a", "archived"),
        ("b", "duplicate"),
        ("c", "not_article"),
        ("d", "http_error"),
        ("x", "archived"),  # an article fetch no listing named (a homepage link)
    ]:
        ledger.answered(key, outcome)
    counts = ledger.counts()
    assert set(counts) == set(FATES)
    assert {k: v for k, v in counts.items() if v} == {
        "archived": 1,
        "duplicate": 1,
        "not_article": 1,
        "failed": 1,
        "unfinished": 2,  # e and f: never answered
    }
    assert sum(counts.values()) == len(ledger) == 6
    assert ledger.repeated == 2
    with pytest.raises(ValueError):
        ledger.note("g", "lost")


class DeclaredSpider(NewsSpider):
    name = "declared_coverage"
    site = Site(
        key="declared_coverage",
        name="Declared",
        domains=("news.test",),
        article_pattern=r"^/politik/\d{5,}-",
        non_article_pattern=r"^/spiele/",
    )


def test_listed_entries_of_a_declared_site_and_their_accounting() -> None:
    crawler = get_crawler(DeclaredSpider)
    spider = DeclaredSpider.from_crawler(crawler)
    body = (
        b"<urlset>"
        b"<url><loc>https://news.test/politik/100001-ein-artikel/</loc></url>"
        b"<url><loc>https://news.test/neues-schema/ein-artikel-im-neuen-schema</loc></url>"
        b"<url><loc>https://news.test/spiele/sudoku</loc></url>"
        b"<url><loc>https://news.test/tag/wahl/</loc></url>"
        b"<url><loc>https://elsewhere.test/politik/100002-x/</loc></url>"
        b"</urlset>"
    )
    request = spider.discovery_request("https://news.test/sitemap.xml", "sitemap")
    assert request is not None
    response = XmlResponse(request.url, body=body, request=request)
    requests = [r for r in spider.parse_discovery(response) if isinstance(r, Request)]
    assert [
        (urlsplit(r.url).path, r.priority, bool(r.meta.get(META_CANDIDATE))) for r in requests
    ] == [
        ("/politik/100001-ein-artikel/", ARTICLE_PRIORITY, False),
        # the pattern rejects it, no rule does: fetched after the articles, the page decides
        ("/neues-schema/ein-artikel-im-neuen-schema", CANDIDATE_PRIORITY, True),
    ]
    feed = spider.discovery_request("https://news.test/feed.xml", "feed")
    assert feed is not None
    rss = (
        b"<rss><channel><item><link>https://news.test/politik/100001-ein-artikel/</link>"
        b"</item></channel></rss>"
    )
    again = XmlResponse(feed.url, body=rss, request=feed)
    assert [r for r in spider.parse_discovery(again) if isinstance(r, Request)] == []
    spider.closed("finished")
    stats = crawler.stats.get_stats()
    assert stats[TOTAL_STAT] == 5
    assert stats[STATS_PREFIX + "refused"] == 2
    assert stats[STATS_PREFIX + "offsite"] == 1
    assert stats[STATS_PREFIX + "unfinished"] == 2  # requested, never stored
    assert stats[STATS_PREFIX + "repeated"] == 1  # the feed's entry
    assert stats[EXTRA_FETCHES_STAT] == 1
    assert stats["archive/listed/refused_by/site"] == 1
    assert stats["archive/listed/refused_by/tag"] == 1
    assert sum(stats[STATS_PREFIX + fate] for fate in FATES) == stats[TOTAL_STAT]


def test_a_short_article_url_read_as_a_section_is_archived_once_listed_or_declared() -> None:
    """A homepage link like /kultur/neue-oper-3 is taken for a section; the page's own
    declaration, or a sitemap listing it, makes it an article request too (one each)."""
    from spiders.generic import GenericSpider

    crawler = get_crawler(GenericSpider)
    spider = GenericSpider.from_crawler(crawler, url="https://news.test/")
    home = spider.initial_requests()[-1]
    links = '<a href="/kultur/neue-oper-3">Oper</a><a href="/p/7f3a9">Kurz</a>'
    out = list(spider.parse_discovery(HtmlResponse(home.url, body=_html("", links), request=home)))
    sections = [r for r in out if isinstance(r, Request)]
    assert [urlsplit(r.url).path for r in sections] == ["/kultur/neue-oper-3", "/p/7f3a9"]

    declared = _html('<meta property="og:type" content="article">', "<p>Text</p>")
    response = HtmlResponse(sections[0].url, body=declared, request=sections[0])
    again = [r for r in spider.parse_discovery(response) if isinstance(r, Request)]
    assert [(r.url, r.meta["newsarchive_source"]) for r in again] == [
        ("https://news.test/kultur/neue-oper-3", "section")
    ]
    assert crawler.stats.get_value("archive/discovery/section_article") == 1

    plain = HtmlResponse(sections[1].url, body=_html("", "<p>Text</p>"), request=sections[1])
    assert [r for r in spider.parse_discovery(plain) if isinstance(r, Request)] == []
    sitemap = spider.discovery_request("https://news.test/sitemap.xml", "sitemap")
    assert sitemap is not None
    body = (
        b"<urlset><url><loc>https://news.test/p/7f3a9</loc></url>"
        b"<url><loc>https://news.test/kultur/neue-oper-3</loc></url></urlset>"
    )
    listed = spider.parse_discovery(XmlResponse(sitemap.url, body=body, request=sitemap))
    requests = [r for r in listed if isinstance(r, Request)]
    # the one not yet requested as an article is now; the other is not asked twice
    assert [(r.url, r.priority) for r in requests] == [
        ("https://news.test/p/7f3a9", CANDIDATE_PRIORITY)
    ]


# --------------------------------------------------------------------------- the coverage site

FAST = loopback_settings(
    CONCURRENT_REQUESTS_PER_DOMAIN="8",
    DOWNLOAD_TIMEOUT="10",
    RETRY_TIMES="1",
    NEWSARCHIVE_EXTRACT_WORKERS="2",
)


def test_a_page_that_is_not_an_article_is_not_fetched_again(engine: Engine) -> None:
    url = "https://news.test/dossier/klima"
    fetched_at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    record = fetch_record(
        url,
        "testsite",
        fetched_at,
        site_name="Testseite",
        kind=KIND_ARTICLE,
        status=200,
        outcome=OUTCOME_NOT_ARTICLE,
        error="not an article: og:type website",
        url_key=url,
    )
    store_batch(engine, None, [record])
    with engine.connect() as conn:
        due = conn.execute(select(UrlState.next_due_at).where(UrlState.url == url)).scalar_one()
    assert due is None  # an article would be due for its first revisit
    memory = load_memory(engine, "testsite", now=fetched_at + timedelta(days=30))
    assert memory.article_status(url) == "known"


def _last_run(database_url: str) -> CrawlRun:
    engine = make_engine(database_url)
    with Session(engine) as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1)).one()
        session.expunge(run)
    engine.dispose()
    return run


@pytest.mark.e2e
def test_coverage_site_every_listed_article_is_archived_and_every_url_accounted_for(
    tmp_path: Path, database_url: str
) -> None:
    site = CoverageSite()
    with DemoWeb() as web:
        base = web.base_url(COVERAGE_HOST)
        result = run_test_crawl(
            "generic",
            base,
            tmp_path,
            database_url,
            settings=FAST,
            spider_args={"site": "coverage"},
        )
    assert result.returncode == 0, result.stderr[-3000:]
    expected = {base + p.path[1:] for p in site.articles()}
    planned = {base + p.path[1:] for p in NON_ARTICLES if p.refused_as == "page"}
    engine = make_engine(database_url)
    with engine.connect() as conn:
        archived = set(conn.execute(select(Article.url)).scalars())
        not_articles = dict(
            conn.execute(
                select(Fetch.requested_url, Fetch.error).where(Fetch.outcome == OUTCOME_NOT_ARTICLE)
            ).all()
        )
    engine.dispose()
    assert archived == expected  # 100% of the listed articles
    assert set(not_articles) == planned
    assert all(str(reason).startswith("not an article: ") for reason in not_articles.values())

    run = _last_run(database_url)
    stats = {k: v for k, v in run.stats.items() if k.startswith(STATS_PREFIX)}
    listed = len(site.listed())
    assert sum(stats[STATS_PREFIX + fate] for fate in FATES) == stats[TOTAL_STAT] == listed
    assert stats[STATS_PREFIX + "archived"] == len(expected)
    assert stats[STATS_PREFIX + "refused"] == len(NON_ARTICLES) - len(planned)
    assert stats[STATS_PREFIX + "not_article"] == len(planned)
    assert stats[EXTRA_FETCHES_STAT] >= len(planned)
    assert run.errors == 0  # pages that are not articles are no errors
    assert listed_cell(run) == f"{len(expected)}/{listed}"

    shown = run_command(
        "newsarchive",
        "stats",
        # wide enough for every column of the runs table
        env={"NEWSARCHIVE_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url, "COLUMNS": "200"},
    )
    assert shown.returncode == 0, shown.stderr
    assert f"{len(expected)}/{listed}" in shown.stdout
