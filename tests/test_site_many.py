"""The generated many-sites demo web: syndicated copies are verbatim, variants near-duplicates."""

from __future__ import annotations

import urllib.request

from crawler.demoweb import DemoWeb
from crawler.demoweb.site_many import ManySites, article_path, gen_host, is_syndicator
from db.similarity import DEFAULT_THRESHOLD, similarity
from pipelines.neardup import signature
from spiders.links import looks_like_article_url


def test_the_plan_copies_a_tenth_and_varies_some() -> None:
    plan = ManySites(30, 3)
    copiers = [n for n in range(30) if is_syndicator(n)]
    assert copiers == [9, 19, 29]
    for n in copiers:
        source = (n + 1) % 30
        assert [plan.body(n, k) for k in range(3)] == [plan.body(source, k) for k in range(3)]
    pairs = plan.variant_pairs()
    assert len(pairs) == 9
    for (n, k), (m, j) in pairs:
        variant, original = "\n".join(plan.body(n, k)[1]), "\n".join(plan.body(m, j)[1])
        assert variant != original
        assert similarity(signature(variant), signature(original)) >= DEFAULT_THRESHOLD
    originals = {"\n".join(plan.body(n, 0)[1]) for n in range(30) if not is_syndicator(n)}
    assert len(originals) == 27  # every other site's first story is its own


def test_each_generated_site_serves_its_home_sitemap_and_articles() -> None:
    with DemoWeb(generated_sites=3, generated_articles=2) as web:
        base = web.base_url(gen_host(1))
        home = urllib.request.urlopen(base).read().decode()
        sitemap = urllib.request.urlopen(base + "sitemap.xml").read().decode()
        article = urllib.request.urlopen(base + article_path(1)[1:]).read().decode()
    assert f'href="{article_path(0)}"' in home and f'href="{article_path(1)}"' in home
    assert f"{base}{article_path(1)[1:]}" in sitemap
    assert looks_like_article_url(base + article_path(1)[1:])  # the generic spider takes it
    assert "<article><h1>" in article and article.count("<p>") >= 3
