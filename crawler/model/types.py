"""Typed input and output of the pure extraction path (no scrapy, twisted or sqlalchemy here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.etree
from cssselect import SelectorError
from lxml.cssselect import CSSSelector


@dataclass(frozen=True)
class CleaningRules:
    """Per-site cleaning rules, declared with the site and applied around trafilatura.

    Picklable plain data: it travels to the extraction worker processes with every page.
    """

    # XPath expressions whose elements are removed from the HTML before extraction.
    drop_xpaths: tuple[str, ...] = ()
    # CSS selectors whose elements are removed from the HTML before extraction.
    drop_selectors: tuple[str, ...] = ()
    # Regular expressions; an extracted line that matches one (re.search) is dropped.
    drop_line_patterns: tuple[str, ...] = ()
    # Regular expressions; the first matching line and everything after it is dropped
    # (trailing "Mehr zum Thema" blocks, comment sections).
    cut_after_patterns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Everything is compiled once here, so that a typo in a site declaration fails at
        # import (when the site registry loads) instead of on every page of a crawl.
        for pattern in (*self.drop_line_patterns, *self.cut_after_patterns):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid cleaning pattern {pattern!r}: {exc}") from None
        for expression in self.drop_xpaths:
            try:
                lxml.etree.XPath(expression)
            except lxml.etree.XPathError as exc:
                raise ValueError(f"invalid cleaning XPath {expression!r}: {exc}") from None
        for selector in self.drop_selectors:
            try:
                CSSSelector(selector)
            except SelectorError as exc:
                raise ValueError(f"invalid cleaning CSS selector {selector!r}: {exc}") from None


@dataclass(frozen=True)
class ExtractInput:
    """One fetched page as the worker process receives it."""

    url: str
    body: bytes
    headers: dict[str, str]  # lower-cased header names
    rules: CleaningRules = field(default_factory=CleaningRules)
    # Hints from discovery (news sitemap or feed): title, published_at (ISO 8601), language.
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DroppedLine:
    """A line the cleaning layer removed, with the rule that removed it (for --explain)."""

    text: str
    rule: str


@dataclass(frozen=True)
class ExtractedArticle:
    """What the archive stores for one page; `outcome` says whether there is an article at all.

    outcome is one of: "ok", "empty" (no article text found), "not_html", "binary",
    "too_large", "error" (extractor raised; `error` says what).
    """

    outcome: str
    url: str
    text: str = ""
    title: str | None = None  # the visible headline
    # The metadata headline (<title>, og:title) without site affixes, when it differs.
    seo_title: str | None = None
    authors: tuple[str, ...] = ()  # people only
    agencies: tuple[str, ...] = ()  # news agencies credited, normalised ("dpa", "AFP")
    published_at: datetime | None = None  # timezone-aware when known
    published_at_raw: str | None = None
    modified_at: datetime | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    section: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    language: str = "unknown"
    content_hash: str | None = None  # sha256 hex of the normalised text; None when no text
    encoding: str | None = None
    # Broken byte sequences replaced with U+FFFD while decoding (the page stayed UTF-8).
    decode_replaced: int = 0
    error: str | None = None
    dropped: tuple[DroppedLine, ...] = ()

    @property
    def has_text(self) -> bool:
        return self.outcome == "ok" and bool(self.text)
