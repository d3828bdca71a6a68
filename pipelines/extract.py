"""Pure extraction of one fetched page into an ExtractedArticle: decode, tree, metadata, clean."""

from __future__ import annotations

import copy
import functools
import threading
from typing import Any

import lxml.html
import trafilatura
from trafilatura.settings import Document, Extractor

from crawler.model.hashing import normalise_text, normalised_hash
from crawler.model.types import DroppedLine, ExtractedArticle, ExtractInput
from pipelines.author_notes import author_box_notes
from pipelines.blocks import (
    drop_boxes,
    drop_related_lists,
    drop_sources_lists,
)
from pipelines.clean import clean_lines
from pipelines.clean_rules import Rule
from pipelines.closing_credits import credits_after_text
from pipelines.credits import credits_authors, text_agencies, without_editors
from pipelines.decode import decode_html, is_binary, is_html
from pipelines.editor_notes import drop_editor_notes
from pipelines.headings import recover_headings
from pipelines.inline_text import keep_quote_sources, keep_time_text
from pipelines.language import detect_language
from pipelines.leads import drop_sender_line, find_lead, find_lead_before_text, find_subtitle
from pipelines.link_rows import drop_link_rows
from pipelines.metadata import extract_metadata, merge_trafilatura_metadata
from pipelines.names import forget_credits, site_name_keys, split_authors, split_credits
from pipelines.news_feeds import drop_news_feeds
from pipelines.page_headings import drop_page_intro
from pipelines.picture_boxes import drop_picture_boxes
from pipelines.polls import drop_polls
from pipelines.pull_quotes import drop_pull_quotes
from pipelines.score_lines import score_paragraphs
from pipelines.signatures import closing_signature, cosigned, sign_off
from pipelines.tables import unwrap_layout_tables
from pipelines.tree import (
    apply_drop_rules,
    drop_inline_teasers,
    parse_html,
    text_key,
    text_of,
)

# No scrapy, twisted or sqlalchemy here nor in the modules it calls (decode, tree, blocks, metadata,
# names, clean, dates, language, hashing): this runs in worker processes and in the offline
# `reextract`, and must give the same output for the same input (STYLE principle 14), so no
# clock, no randomness, no process-wide caches that change results (trafilatura's dedup).

DEFAULT_MAX_BYTES = 8 * 1024 * 1024

# What produced an archived text: this extraction and cleaning (its version) on trafilatura (its
# release). Stored with every article version (`article_versions.extractor`). Raise
# EXTRACTOR_VERSION whenever a change to extraction or cleaning changes any output text, so a
# reader can tell which texts an older rule set made (and `newsarchive reextract` redoes them).
EXTRACTOR_VERSION = 49
EXTRACTOR = f"newsarchive-extract/{EXTRACTOR_VERSION} trafilatura/{trafilatura.__version__}"

OUTCOME_OK = "ok"
OUTCOME_EMPTY = "empty"
OUTCOME_NOT_HTML = "not_html"
OUTCOME_BINARY = "binary"
OUTCOME_TOO_LARGE = "too_large"
OUTCOME_ERROR = "error"


# Our own date logic gives time and timezone; keep htmldate's share of the cost small.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


@functools.cache
def _extractor(with_metadata: bool, fast: bool) -> Extractor:
    """trafilatura's settings for our extraction, built once: building them reads its config
    file's values through configparser, ~5% of a small page's extraction."""
    return Extractor(
        output_format="python",
        fast=fast,
        # trafilatura keeps comment sections by default.
        comments=False,
        # Its dedup cache lives for the whole process and depends on order: never for the
        # archive.
        dedup=False,
        with_metadata=with_metadata,
        date_params=_DATE_PARAMS,
        precision=False,
        recall=False,
        tables=True,
        images=False,
        links=False,
        formatting=False,
    )


# Each thread's own copy of the settings, which only the page's URL sets apart (trafilatura
# changes none of them; it copies them where it would).
_THREAD_OPTIONS = threading.local()


def _options(url: str, with_metadata: bool, fast: bool) -> Extractor:
    """The settings for one page: the thread's copy of the shared ones with the page's URL, as
    trafilatura's own command line sets it for each file."""
    copies: dict[tuple[bool, bool], Extractor] | None = getattr(_THREAD_OPTIONS, "copies", None)
    if copies is None:
        copies = _THREAD_OPTIONS.copies = {}
    options = copies.get((with_metadata, fast))
    if options is None:
        options = copies[with_metadata, fast] = copy.copy(_extractor(with_metadata, fast))
    options.url = url
    options.source = url.encode("utf-8", "replace").decode("utf-8")  # for its log lines
    return options


# readability ignores paragraphs shorter than this when it scores the page's containers.
_READABILITY_MIN_PARAGRAPH = 25
_LONG_PARAGRAPH = 80


def _paragraph_text(tree: lxml.html.HtmlElement) -> tuple[int, int]:
    """The characters in the page's paragraphs readability scores, and how many are long."""
    chars = long = 0
    for paragraph in tree.iter("p"):
        size = len(text_of(paragraph))
        if size >= _READABILITY_MIN_PARAGRAPH:
            chars += size
            long += size >= _LONG_PARAGRAPH
    return chars, long


def _bare_extraction(
    tree: lxml.html.HtmlElement, url: str, *, with_metadata: bool
) -> Document | dict[str, Any] | None:
    """trafilatura's extraction, with its comparison against readability and jusText only where
    that comparison can change the result.

    The comparison takes readability's text over trafilatura's own only when the own text is
    empty, holds no paragraph, or is under half as long as readability's, and readability
    builds its text from the paragraphs it scores. On a page with paragraphs whose own text is
    at least half of all their characters it keeps the own text, so it is skipped there (its
    readability pass runs over a copy of the whole tree). It runs where the text sits in
    <div>s or <br>s, and where the own text is short beside the page's paragraphs (a live blog
    of which the own extraction keeps the first entries). Fast mode differs in one more way:
    when the main extraction comes up short and trafilatura gathers loose text, it keeps blocks
    with teaser class names; our cleaning judges those lines like any other. The extraction
    tests and the evaluation pages' snapshot pin the result of both paths.
    """
    paragraph_chars, long_paragraphs = _paragraph_text(tree)
    if long_paragraphs >= 2:
        document = trafilatura.bare_extraction(tree, options=_options(url, with_metadata, True))
        if isinstance(document, Document) and 2 * len(document.text or "") >= paragraph_chars:
            return document
    return trafilatura.bare_extraction(tree, options=_options(url, with_metadata, False))


def extract_article(inp: ExtractInput, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractedArticle:
    """Extract the article in one fetched page. Never raises; deterministic.

    The outcome says whether there is an article: "ok", "empty" (no text after cleaning;
    metadata still filled), "not_html", "binary", "too_large", or "error" (with `error`).
    """
    try:
        return _extract(inp, max_bytes)
    except Exception as exc:  # the archive keeps the raw page; the error says why
        url = getattr(inp, "url", "")
        return ExtractedArticle(
            outcome=OUTCOME_ERROR,
            url=url if isinstance(url, str) else "",
            error=f"{type(exc).__name__}: {exc}"[:300],
        )


def _extract(inp: ExtractInput, max_bytes: int) -> ExtractedArticle:
    forget_credits()
    body = inp.body
    body = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
    headers = {str(k).lower(): str(v) for k, v in (inp.headers or {}).items()}
    if len(body) > max_bytes:
        return ExtractedArticle(outcome=OUTCOME_TOO_LARGE, url=inp.url)
    if not body or body.isspace():  # strip() would copy the whole body to say so
        return ExtractedArticle(outcome=OUTCOME_EMPTY, url=inp.url)
    content_type = headers.get("content-type", "")
    if is_binary(body, content_type):
        return ExtractedArticle(outcome=OUTCOME_BINARY, url=inp.url)
    if not is_html(body, content_type):
        return ExtractedArticle(outcome=OUTCOME_NOT_HTML, url=inp.url)

    decoded = decode_html(body, content_type)
    encoding = decoded.encoding
    tree = parse_html(decoded.text)
    if tree is None:
        return ExtractedArticle(
            outcome=OUTCOME_EMPTY,
            url=inp.url,
            encoding=encoding,
            decode_replaced=decoded.replaced,
        )

    # Every element's Python object, held for the page: lxml makes one (class lookup,
    # allocation, link to its document) on each visit of an element whose object is gone, and
    # the page's steps walk the tree many times; held, each walk finds them made.
    _elements = list(tree.iter())
    dropped = apply_drop_rules(tree, inp.rules)
    meta = extract_metadata(tree, inp.url, inp.hints)
    dropped.extend(unwrap_layout_tables(tree, meta.h1))
    dropped.extend(drop_page_intro(meta.h1))
    dropped.extend(drop_sender_line(meta.h1))
    listed_agencies, dropped_sources = drop_sources_lists(tree)
    dropped.extend(dropped_sources)
    dropped.extend(drop_inline_teasers(tree, inp.url))
    dropped.extend(drop_related_lists(tree))
    dropped.extend(drop_link_rows(tree))
    dropped.extend(drop_news_feeds(tree))
    dropped.extend(drop_polls(tree))
    dropped.extend(drop_pull_quotes(tree))
    dropped.extend(drop_editor_notes(tree))
    dropped.extend(drop_picture_boxes(tree))
    dropped.extend(drop_boxes(tree, meta.h1))

    # Our own pass (JSON-LD, meta tags, microdata, <time>, bylines by class and by the "Von …"
    # shape, visible dates) comes first; trafilatura's metadata fills the gaps. It costs about
    # 1.5 ms per page, a third of the whole extraction, so it runs only when there is no title.
    # Run for pages without authors too, it changes nothing on the 50 evaluation pages
    # (tests/eval, demo fixtures) except naming three sites by their host name, while agency
    # pages (most of RT DE and SNA) would pay for it.
    keep_time_text(tree)
    keep_quote_sources(tree)
    document = _bare_extraction(tree, inp.url, with_metadata=meta.title is None)
    lines: list[str] = []
    if document is not None and not isinstance(document, dict):
        lines = (document.text or "").split("\n")
        merge_trafilatura_metadata(meta, document, inp.url)
    if len(lines) >= 2:
        lines = recover_headings(tree, lines)
    # trafilatura skips a lead kept in a <div> next to the headline (RT DE's summary), and a
    # subtitle heading under it; the subtitle goes above the lead.
    subtitle = find_subtitle(meta.h1)
    # A lead marked as one may stand right before the text's container, away from the headline.
    lead = find_lead(meta.h1) or find_lead_before_text(meta.h1, lines)
    for first in (lead, subtitle):
        joined = "".join(lines)
        # One printed verbatim in the text is in it by key too: the keys only then.
        if first is not None and first not in joined and text_key(first) not in text_key(joined):
            lines.insert(0, first)

    declared = meta.declared_language
    clean = functools.partial(
        clean_lines,
        lines,
        title=meta.title,
        rules=inp.rules,
        language=declared,
        authors=meta.authors,
        subtitle=subtitle,
    )
    kept, cleaned_away = clean()
    # A result line the page prints as a paragraph of the report is its text, no score box.
    text_scores = score_paragraphs(tree, cleaned_away)
    if text_scores:
        kept, cleaned_away = clean(keep=text_scores)
    dropped.extend(cleaned_away)
    notes = author_box_notes(tree, kept, meta.authors) if meta.authors and kept else 0
    if notes:
        # A note on the writer closing the text in an author box of its own.
        dropped.extend(DroppedLine(text=line, rule=str(Rule.BYLINE)) for line in kept[-notes:])
        del kept[-notes:]
    if not meta.authors:
        # A credits line after the text names the author when nothing else does.
        meta.authors = split_authors(credits_authors(cleaned_away), frozenset())
    elif len(meta.authors) > 1:
        meta.authors = without_editors(meta.authors, cleaned_away)
    signed = (
        cosigned(kept, meta.authors)
        if meta.authors
        else closing_signature(kept, site_name_keys(meta.site_name, inp.url))
    )
    if signed is not None:
        # So does a signature closing the text ("Name, 1. Vorsitzender", "Ihr Bürgermeister" over
        # the name), a byline then; one naming the known authors and others names them all.
        meta.authors = split_authors([signed[0]], site_name_keys(meta.site_name, inp.url))
        if meta.authors:
            signature = kept[-signed[1] :]
            del kept[-signed[1] :]
            # An agency beside the signer's name ("Name (epd)") supplied the text.
            meta.agencies = (*meta.agencies, *split_credits(signature, frozenset())[1])
            dropped.extend(DroppedLine(text=line, rule=str(Rule.BYLINE)) for line in signature)
    elif meta.authors and sign_off(kept, meta.authors):
        # A bylined writer signing off to the readers after the text ("– Eure Lena").
        dropped.append(DroppedLine(text=kept.pop(), rule=str(Rule.BYLINE)))
    article_text = normalise_text("\n".join(kept))
    language = detect_language(article_text, declared)
    # Agency credits in the boxes after the text ("Mit Material von dpa" beside the writer's line).
    closing = split_credits(credits_after_text(tree, kept), frozenset())[1] if kept else ()
    return ExtractedArticle(
        outcome=OUTCOME_OK if article_text else OUTCOME_EMPTY,
        url=inp.url,
        text=article_text,
        title=meta.title,
        seo_title=meta.seo_title,
        authors=meta.authors,
        agencies=tuple(
            dict.fromkeys(
                (
                    *meta.agencies,
                    *text_agencies(kept, dropped, meta.agency_codes),
                    *closing,
                    *listed_agencies,
                )
            )
        ),
        published_at=meta.published.value if meta.published else None,
        published_at_raw=meta.published.raw if meta.published else None,
        modified_at=meta.modified.value if meta.modified else None,
        description=meta.description,
        tags=meta.tags,
        section=meta.section,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        image_url=meta.image_url,
        language=language,
        content_hash=normalised_hash(article_text) if article_text else None,
        encoding=encoding,
        decode_replaced=decoded.replaced,
        dropped=tuple(dropped),
    )
