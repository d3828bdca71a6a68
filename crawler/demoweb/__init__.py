"""Local demo web: sample news sites served on loopback for the demo, tests and benchmarks."""

from crawler.demoweb.content import ARTICLES, BROKEN_PAGES, find_article, get_article
from crawler.demoweb.fixture import FixtureArticle
from crawler.demoweb.server import DemoWeb

__all__ = ["ARTICLES", "BROKEN_PAGES", "DemoWeb", "FixtureArticle", "find_article", "get_article"]
