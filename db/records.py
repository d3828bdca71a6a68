"""What a store batch writes (fetch records, extracted articles, policy, results), made storable."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any

# The content hash is taken as crawler.model.hashing defines it (one definition).
from crawler.model.hashing import content_hash as hash_of_text
from crawler.model.hashing import normalise_text
from crawler.model.schedule import DEFAULT_REVISIT_SCHEDULE
from db.similarity import DEFAULT_THRESHOLD

KIND_ARTICLE = "article"
KIND_DISCOVERY = "discovery"
KIND_ALIAS = (
    "alias"  # url_state: another URL of an article (a redirect source, a non-canonical URL)
)

# Fetch outcomes that mean the request got no usable response.
FAILED_FETCH_OUTCOMES = frozenset({"http_error", "fetch_error"})
# Article fetch outcomes where the page came but its extraction failed (a time or memory limit,
# a worker that died): the URL is due again at once, for up to len(FAILURE_RETRY_DELAYS) crawls
# in a row, and asked for in full (a 304 would give nothing to extract).
EXTRACTION_FAILED_OUTCOMES = frozenset({"extract_timeout", "too_large", "extract_error"})


@dataclass
class ArticleData:
    """The extracted article as the archive stores it."""

    content_hash: str
    text: str
    language: str
    title: str | None = None
    seo_title: str | None = None
    canonical_url: str | None = None
    published_at: datetime | None = None
    published_at_raw: str | None = None
    modified_at: datetime | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    # What produced the text (pipelines.extract.EXTRACTOR); None when not known.
    extractor: str | None = None
    # The near-duplicate index entries of the text (pipelines.neardup): MinHash values as
    # bytes and one LSH key per band. Empty: the article is stored without them.
    signature: bytes | None = None
    band_keys: tuple[int, ...] = ()


@dataclass
class FetchRecord:
    """One fetch to record, with the article it produced (if any)."""

    site_key: str
    site_name: str
    url: str
    requested_url: str
    kind: str
    status: int
    fetched_at: datetime
    outcome: str  # see Fetch.outcome; "archived" is turned into "duplicate" when it was
    source: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    payload_digest: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    error: str | None = None
    encoding: str | None = None
    article: ArticleData | None = None
    # The url_state key (crawler.model.urls) this fetch updates; None leaves url_state alone.
    url_key: str | None = None
    # Further keys that lead to the same article (the requested URL before a redirect, the
    # fetched URL when the page names another canonical URL): remembered as aliases.
    alias_keys: tuple[str, ...] = ()
    # Validators of the response, for the next conditional request.
    etag: str | None = None
    last_modified: str | None = None
    # Discovery's hints for an article page (crawler.model.items.FetchedPage.hints), kept with the
    # fetch so that a re-extraction of its capture gets the same input as the crawl did.
    hints: dict[str, str] | None = None


@dataclass(frozen=True)
class StorePolicy:
    """How a batch updates the crawl state: the site's revisit schedule, near-dup threshold."""

    revisit_schedule: tuple[timedelta, ...] = DEFAULT_REVISIT_SCHEDULE
    neardup_threshold: float = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class StoreResult:
    # The fetch's final outcome: archived (new article), duplicate (content already archived,
    # an unchanged revisit included), new_version (a revisit found the text changed), or as
    # given.
    outcome: str
    article_id: int | None
    version: int | None = None  # the article's version after this fetch
    cluster_id: int | None = None  # near-duplicate cluster, when the article got one now
    revisit: bool = False  # the URL had given this article before
    sanitised: bool = False  # control characters were removed from the record's text fields


# --------------------------------------------------------------------------- text and errors

# C0 control characters other than tab, newline and carriage return, and lone UTF-16 surrogates
# (JSON's "\ud800" decodes to one): PostgreSQL rejects NUL in text and neither database can
# encode a surrogate, so one such character in a page's metadata would fail its whole batch.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


# The same control characters as bytes: in UTF-8 they only ever stand for themselves.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _clean(value: str) -> str:
    return _UNSTORABLE.sub(lambda m: "" if m.group() < "\x20" else "\ufffd", value)


def _unstorable(value: str) -> bool:
    """Whether the text holds a character _UNSTORABLE matches: encoded and filtered in C, an
    order of magnitude faster than the regular expression on an article's text."""
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:
        return True  # a lone surrogate
    return len(data.translate(None, _CONTROL_BYTES)) != len(data)


def sanitise_text(value: str) -> str:
    """The text without control characters (tab, newline, CR kept) and lone surrogates
    (replaced by U+FFFD)."""
    return _clean(value) if _unstorable(value) else value


def _text_fields(cls: type[Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A dataclass's fields holding text: plain, sequences of text, mappings of text."""
    plain, sequences, mappings = [], [], []
    for f in fields(cls):
        kind = str(f.type)
        if kind in ("str", "str | None"):
            plain.append(f.name)
        elif kind.startswith(("list[str]", "tuple[str,")):
            sequences.append(f.name)
        elif kind.startswith("dict[str, str]"):
            mappings.append(f.name)
    return tuple(plain), tuple(sequences), tuple(mappings)


def _sanitised_fields(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The text fields of a record or article that change when sanitised, with their clean
    values (nothing checked field by field when no text of it needs cleaning)."""
    plain, sequences, mappings = _TEXT_FIELDS[type(obj)]
    texts: list[str] = []
    for name in plain:
        value = getattr(obj, name)
        if value is not None and name not in skip:
            texts.append(value)
    for name in sequences:
        texts.extend(getattr(obj, name))
    for name in mappings:
        texts.extend(f"{k}{v}" for k, v in (getattr(obj, name) or {}).items())
    if not _unstorable("".join(texts)):
        return {}
    changes: dict[str, Any] = {}
    for name in plain:
        value = getattr(obj, name)
        if value is not None and name not in skip and _unstorable(value):
            changes[name] = _clean(value)
    for name in sequences:
        items = getattr(obj, name)
        if any(_unstorable(v) for v in items):
            changes[name] = type(items)(sanitise_text(v) for v in items)
    for name in mappings:
        mapping = getattr(obj, name)
        if mapping and any(_unstorable(f"{k}{v}") for k, v in mapping.items()):
            changes[name] = {sanitise_text(k): sanitise_text(v) for k, v in mapping.items()}
    return changes


def sanitise_article(art: ArticleData) -> tuple[ArticleData, bool]:
    """The article with storable text fields, and whether anything was removed.

    A cleaned text is normalised again and hashed again, so the content hash is always the
    hash of the text stored: the same page with and without a stray control character is one
    article.
    """
    changes = _sanitised_fields(art, skip=("content_hash",))
    if not changes:
        return art, False
    if "text" in changes:
        changes["text"] = normalise_text(changes["text"])
        changes["content_hash"] = hash_of_text(changes["text"])
    return replace(art, **changes), True


def sanitise_record(rec: FetchRecord) -> tuple[FetchRecord, bool]:
    """The record with storable text fields (URLs, error, hints, its article's fields too),
    and whether anything was removed."""
    changes = _sanitised_fields(rec)
    changed = bool(changes)
    if rec.article is not None:
        article, article_changed = sanitise_article(rec.article)
        if article_changed:
            changes["article"] = article
            changed = True
    return (replace(rec, **changes) if changed else rec), changed


_TEXT_FIELDS = {cls: _text_fields(cls) for cls in (FetchRecord, ArticleData)}
