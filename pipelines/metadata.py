"""Article metadata from JSON-LD, meta tags, microdata and the printed page, dates included."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from crawler.model.dates import (
    ParsedDate,
    classify_date_line,
    date_from_url,
    find_date_in_text,
    parse_datetime,
)
from pipelines.agency_names import agency_names
from pipelines.bylines import (
    byline_text,
    closing_authors,
    guest_writers,
    info_line_credits,
    labelled_byline_authors,
    marked_byline_writers,
)
from pipelines.headline_bylines import byline_near_headline
from pipelines.headline_sources import breadcrumb_names, styled_headline
from pipelines.jsonld import (
    JsonLd,
    json_authors,
    json_first_str,
    json_image,
    json_keywords,
    json_names,
    json_str,
    publisher_name,
    read_json_ld,
)
from pipelines.language import normalise_language
from pipelines.layout_credits import desk_field_writer, layout_headline, layout_title_date
from pipelines.local_time import UPDATED_TEXT_RE, in_printed_offset
from pipelines.marks import MarkedElements, info_line_date, labelled_date
from pipelines.names import (
    SECTION_WORDS,
    clean_title,
    site_name_keys,
    split_authors,
    split_credits,
    title_parts,
)
from pipelines.own_agency import site_agency_codes
from pipelines.page_headings import LOGO_GAP_WORDS, dated_item_heading, words_between
from pipelines.printed_authors import printed_byline_authors
from pipelines.reworded_headline import reworded_headline
from pipelines.seo_title import document_headline, seo_title_of, without_topic
from pipelines.tree import (
    SENTENCE_END_RE,
    collapse,
    heading_after,
    heading_for_title,
    headline_element,
    headline_text,
    text_key,
    text_of,
)

_PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
)
# Any other meta tag naming the first publication's date or time in its key, as aggregators and
# CMSs spell it: "firstPublishedDate", "published_date", "article:publishedTime", "pubtime".
_PUBLISHED_META_KEY_RE = re.compile(
    r"(?:[\w.]*[:._-])?(?:first[-_.]?)?(?:publish(?:ed)?|pub)[-_.]?(?:date|time|datetime|at|on)"
)
_MODIFIED_META_KEYS = (
    *("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified"),
    *("dcterms.modified", "dc.date.modified", "last-modified", "article.updated"),
)
_AUTHOR_META_KEYS = (
    *("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author"),
    "sailthru.author",
)

_MICRODATA_PUBLISHED = frozenset({"datePublished", "datepublished"})
_MICRODATA_MODIFIED = frozenset({"dateModified", "datemodified"})
_HEADLINE_PROP = frozenset({"headline"})
_HEADINGS = frozenset({"h2", "h3", "h4"})
# A line longer than this (in characters; in words beside the headline) is text, no date line.
_DATE_LINE_CHARS = 200
_DATE_LINE_WORDS = 12


@dataclass
class Metadata:
    title: str | None = None
    seo_title: str | None = None
    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    agency_codes: frozenset[str] = frozenset()  # the site's own agency's short names
    published: ParsedDate | None = None
    modified: ParsedDate | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    section: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    declared_language: str | None = None
    h1: lxml.html.HtmlElement | None = None


def extract_metadata(tree: lxml.html.HtmlElement, url: str, hints: dict[str, str]) -> Metadata:
    metas = _meta_tags(tree)
    json_ld = read_json_ld(tree)
    articles = json_ld.articles
    meta = Metadata()
    marked = MarkedElements(tree)

    meta.site_name = _first_text(
        _first(metas, "og:site_name"),
        *(publisher_name(obj) for obj in articles),
        _first(metas, "application-name"),
    )
    site_keys = site_name_keys(meta.site_name, url)

    section = _first_text(
        _first(metas, "article:section"),
        *(json_first_str(obj.get("articleSection")) for obj in articles),
    )
    sections = SECTION_WORDS | {text_key(section)} if section else SECTION_WORDS
    _title_and_headline(meta, marked, metas, articles, hints, site_keys, sections)
    # A partner's text republished (an aggregator's copy, its canonical URL the partner's page)
    # names the partner paper as its author: the canonical host spells it, as the own host the
    # site's.
    meta.canonical_url = _canonical(tree, url, metas)
    author_keys = site_keys | site_name_keys(None, meta.canonical_url or url)
    _authors_and_agencies(meta, marked, metas, articles, author_keys)
    meta.agency_codes = site_agency_codes(articles, metas)

    meta.description = _first_text(
        _first(metas, "og:description"),
        _first(metas, "description"),
        _first(metas, "twitter:description"),
        *(json_str(obj.get("description")) for obj in articles),
    )
    meta.section = section
    for tag_source in (
        metas.get("article:tag", []),
        [k for obj in articles for k in json_keywords(obj.get("keywords"))],
        metas.get("news_keywords", []),
        metas.get("keywords", []),
    ):
        tags = _split_tags(tag_source)
        if tags:
            meta.tags = tags
            break
    image = _first_text(
        _first(metas, "og:image"),
        _first(metas, "og:image:url"),
        _first(metas, "og:image:secure_url"),
        _first(metas, "twitter:image"),
        *(json_image(obj.get("image")) for obj in articles),
    )
    meta.image_url = _absolute(image, url)
    meta.declared_language = normalise_language(
        _first_text(
            hints.get("language"),
            tree.get("lang"),
            tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
            _first(metas, "content-language"),
            _first(metas, "language"),
            _first(metas, "og:locale"),
            *(json_str(obj.get("inLanguage")) for obj in articles),
        )
    )
    meta.modified = _best_date(_modified_candidates(marked, metas, json_ld))
    published = _best_date(_published_candidates(marked, url, hints, metas, json_ld, meta))
    meta.published = in_printed_offset(published, marked, meta.modified)
    return meta


def _title_and_headline(
    meta: Metadata,
    marked: MarkedElements,
    metas: dict[str, list[str]],
    articles: list[dict[str, Any]],
    hints: dict[str, str],
    site_keys: frozenset[str],
    sections: frozenset[str],
) -> lxml.html.HtmlElement | None:
    """Set the title (the visible headline) and seo_title; return the headline's element.

    The visible <h1> is the title, as readers and the publisher's own parser see it, unless it
    is the site's logo, a section name or a date. When it differs from the metadata headline
    (JSON-LD, og:title, <title>) and another heading on the page spells that one, the page
    prints it there (the logo in <h1>, the headline in <h2>): that heading is the headline.
    The metadata headline is kept as seo_title when it says something else.
    """
    tree = marked.tree
    candidates = (
        *(json_str(obj.get("headline")) for obj in articles),
        _first(metas, "og:title"),
        _first(metas, "twitter:title"),
        hints.get("title"),
        tree.findtext(".//title"),
    )
    metadata_title, document_title = _metadata_titles(candidates, site_keys, sections)
    h1 = headline_element(tree)
    if h1 is None:
        # No <h1>: a heading the microdata marks as the headline ("<h2 itemprop=headline>").
        h1 = next((e for e in marked.microdata(_HEADLINE_PROP) if e.tag in _HEADINGS), None)
    visible = _visible_headline(h1, site_keys, sections)
    section_h1 = h1 if h1 is not None else next(tree.iter("h1"), None)
    if visible is None and section_h1 is not None:
        # An <h1> that names the section ("Pressemitteilungen"), as the <title> does: the item's
        # headline is the <h2> after it.
        label = text_key(text_of(section_h1))
        heading = heading_after(section_h1)
        if heading is not None and (
            metadata_title is None or (label and text_key(metadata_title).startswith(label))
        ):
            h1, visible = heading, _visible_headline(heading, site_keys, frozenset())
            metadata_title = document_title = None
    # An <h1> spelling the site's name, the whole of it cut as the site's, is the logo too.
    if h1 is not None and (
        (visible is None and text_key(text_of(h1)) in site_keys)
        or (visible is not None and _spells_title_affix(visible, candidates[-1], document_title))
    ):
        # An <h1> spelling what the <title> has as its affix (the site's name, a slogan) is the
        # logo: the headline is the first <h2> after it, heading the text.
        heading = next(
            iter(h1.xpath("following::h2[not(ancestor::nav or ancestor::aside)][1]")), None
        )
        if (
            heading is not None
            and 3 <= len(text_of(heading).split()) <= 40
            and words_between(h1, heading) <= LOGO_GAP_WORDS
        ):
            # The logo names the site: an affix of the <title> and the metadata headlines.
            site_keys |= {text_key(visible or text_of(h1))}
            metadata_title, document_title = _metadata_titles(candidates, site_keys, sections)
            h1, visible = heading, _visible_headline(heading, site_keys, frozenset())
    item = None
    if visible is not None and text_key(visible) == text_key(metadata_title or ""):
        # An <h1> naming the page as the <title> does, over one dated item: its <h2> heads it.
        item = dated_item_heading(h1) if h1 is not None else None
        if item is not None:
            h1, visible = item, _visible_headline(item, site_keys, frozenset())
    if h1 is None and len((metadata_title or "").split()) < 3:
        # No headline in the headings and a generic <title> ("Aktuelles"): the big type's.
        styled = styled_headline(tree, site_keys)
        if styled is not None:
            h1, visible = styled, _visible_headline(styled, site_keys, sections)
    if (
        metadata_title
        and item is None
        and (visible is None or text_key(visible) != text_key(metadata_title))
    ):
        heading = heading_for_title(tree, metadata_title)
        if heading is None and h1 is None:
            heading = reworded_headline(tree, metadata_title)
        if heading is not None:
            h1 = heading
            visible = _visible_headline(heading, site_keys, frozenset()) or metadata_title
    meta.h1 = h1
    meta.title = visible or metadata_title
    seo_title = seo_title_of(meta.title, document_title or metadata_title)
    crumbs = breadcrumb_names(marked.breadcrumb_links()) if seo_title else frozenset()
    if crumbs:
        # The breadcrumb's sites and sections are affixes too; looked up only when the
        # metadata headline differs, as one may then be left in it.
        sections |= crumbs
        metadata_title, document_title = _metadata_titles(candidates, site_keys, sections)
        seo_title = seo_title_of(meta.title, document_title or metadata_title)
    seo_title = without_topic(seo_title, meta.title, h1, site_keys, sections)
    meta.seo_title = seo_title
    return h1


def _metadata_titles(
    candidates: tuple[str | None, ...], site_keys: frozenset[str], sections: frozenset[str]
) -> tuple[str | None, str | None]:
    """The metadata headline (the first of JSON-LD, og:title, twitter:title, the hint, else the
    <title>, the last candidate) and the <title>, both with their affixes cut."""
    document_title = clean_title(candidates[-1], site_keys, html_title=True, sections=sections)
    cleaned = (clean_title(c, site_keys, sections=sections) for c in candidates[:-1])
    metadata_title = next(filter(None, cleaned), None)
    document_title = document_headline(document_title, metadata_title, candidates[-1])
    return metadata_title or document_title, document_title


def _spells_title_affix(headline: str, raw: str | None, document_title: str | None) -> bool:
    """True when `headline` is in the page's <title> only in the part cut as an affix, or is
    its first or last part beside a longer one ("Headline | Slogan of the site"); `raw` is the
    page's <title>."""
    key = text_key(headline)
    raw = raw or ""
    if not key or key not in text_key(raw):
        return False
    parts = [text_key(part) for part in title_parts(raw)]
    return key not in text_key(document_title or "") or (
        len(parts) >= 2 and key in (parts[0], parts[-1]) and max(map(len, parts)) > len(key)
    )


def _visible_headline(
    h1: lxml.html.HtmlElement | None, site_keys: frozenset[str], sections: frozenset[str]
) -> str | None:
    """The headline an <h1> prints, or None for a logo, a section name, a date or a word."""
    if h1 is None:
        return None
    text = clean_title(headline_text(h1), site_keys, sections=frozenset())
    if text is None or not 2 <= len(text.split()) <= 40 or text_key(text) in sections:
        return None
    return text


def _authors_and_agencies(
    meta: Metadata,
    marked: MarkedElements,
    metas: dict[str, list[str]],
    articles: list[dict[str, Any]],
    site_keys: frozenset[str],
) -> None:
    """People from JSON-LD, meta tags, else the printed byline; agencies from all of them.

    A JSON-LD author that is no Person (an Organization, a Place) names no person, nor does an
    author meta tag that spells it; when it is a news agency it is one of the agencies.
    """
    people: list[str] = []
    agencies: list[str] = []
    organisations: set[str] = set()
    for obj in articles:
        for name, is_person in json_authors(obj.get("author") or obj.get("creator")):
            if is_person:
                people.append(name)
            else:
                agencies.extend(agency_names(name))
                organisations.add(text_key(name))
        agencies.extend(agency_names(json_names(obj.get("sourceOrganization"))))
    # An author meta tag naming what the JSON-LD declares an Organization names no person.
    meta_values = [
        value
        for key in _AUTHOR_META_KEYS
        for value in metas.get(key, [])
        if text_key(value) not in organisations
    ]
    authors: tuple[str, ...] = ()
    from_people = split_credits(people, site_keys)
    # The meta tag repeats the JSON-LD author on many pages: the same names, read once.
    from_metas = from_people if meta_values == people else split_credits(meta_values, site_keys)
    for found, credited in (from_people, from_metas):
        agencies.extend(credited)
        authors = authors or found
    if not authors:
        # The printed byline only when no machine-readable author exists: its lookup visits
        # every element of the page.
        byline = byline_text(marked.byline())
        if byline:
            authors, credited = split_credits([byline], site_keys)
            agencies.extend(credited)
            authors = authors or labelled_byline_authors(marked.byline(), site_keys)
    # The printed byline next to the headline credits agencies the metadata leaves out ("Von A
    # und APA", "A mit SID"), and names the people when nothing else does.
    # A single metadata author may be the first of the byline's writers ("Von Dr. A und B"
    # under a meta tag naming A, "A, B" in an element marked as the byline): the people are
    # read then too.
    single = len(authors) == 1
    headline = layout_headline(meta.h1, marked, meta.title)
    lines = byline_near_headline(headline, agencies_only=bool(authors) and not single)
    printed, credited = split_credits(lines, site_keys)
    agencies.extend(credited)
    # The marked byline's people are read only when the printed line does not list them.
    for read in (lambda: printed, lambda: marked_byline_writers(marked.byline, site_keys)):
        listed = read() if single else ()
        if len(listed) > 1 and authors[0].casefold() in map(str.casefold, listed):
            authors = listed
            break
    if authors:
        authors = printed_byline_authors(authors, marked.tree, marked.byline, meta.h1, site_keys)
        authors = guest_writers(lines, authors, site_keys) or authors
    if not (authors or printed):
        authors, credited = info_line_credits(meta.h1, site_keys)
        agencies.extend(credited)
    meta.authors = (
        authors or printed or closing_authors(marked.tree, marked.all, site_keys, marked.byline)
    ) or desk_field_writer(meta.h1, site_keys)
    meta.agencies = tuple(dict.fromkeys(agencies))


def merge_trafilatura_metadata(meta: Metadata, document: Any, url: str) -> None:
    """Fill what our own metadata pass did not find from trafilatura's (bylines, categories)."""
    site_keys = site_name_keys(meta.site_name, url)
    if meta.site_name is None:
        meta.site_name = _first_text(getattr(document, "sitename", None))
        site_keys = site_name_keys(meta.site_name, url)
    if meta.title is None:
        meta.title = clean_title(getattr(document, "title", None), site_keys)
    if not meta.authors and getattr(document, "author", None):
        meta.authors = split_authors([str(document.author)], site_keys)
    if meta.description is None:
        meta.description = _first_text(getattr(document, "description", None))
    categories = [str(c) for c in (getattr(document, "categories", None) or [])]
    if meta.section is None and categories:
        meta.section = _first_text(*categories)
    if not meta.tags:
        meta.tags = _split_tags([str(t) for t in (getattr(document, "tags", None) or [])])
    if meta.image_url is None:
        meta.image_url = _absolute(_first_text(getattr(document, "image", None)), url)


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (
            element.get("property")
            or element.get("name")
            or element.get("itemprop")
            or element.get("http-equiv")
            or ""
        )
        content = element.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), []).append(collapse(content))
    return metas


def _first(metas: dict[str, list[str]], key: str) -> str | None:
    values = metas.get(key)
    return values[0] if values else None


def _split_tags(values: Iterable[str]) -> tuple[str, ...]:
    tags: list[str] = []
    seen: set[str] = set()
    for value in values:
        for part in value.split(","):
            tag = collapse(part)
            if tag and len(tag) <= 100 and tag.casefold() not in seen:
                seen.add(tag.casefold())
                tags.append(tag)
    return tuple(tags[:50])


def _canonical(tree: lxml.html.HtmlElement, url: str, metas: dict[str, list[str]]) -> str | None:
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels:
            absolute = _absolute(link.get("href"), url)
            if absolute:
                return absolute
    return _absolute(_first(metas, "og:url"), url)


def _absolute(candidate: str | None, base: str) -> str | None:
    if not candidate or not candidate.strip():
        return None
    absolute = urljoin(base, candidate.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return absolute


# --- dates -----------------------------------------------------------------------------------


def _published_candidates(
    marked: MarkedElements,
    url: str,
    hints: dict[str, str],
    metas: dict[str, list[str]],
    json_ld: JsonLd,
    meta: Metadata,
) -> Iterator[ParsedDate | None]:
    """Publication date sources, best first (generated lazily: most pages stop at the first)."""
    for obj in (*json_ld.articles, *json_ld.pages):
        yield parse_datetime(json_str(obj.get("datePublished")))
    for key in _PUBLISHED_META_KEYS:
        for value in metas.get(key, []):
            yield parse_datetime(value)
    for key, values in metas.items():
        if key not in _PUBLISHED_META_KEYS and _PUBLISHED_META_KEY_RE.fullmatch(key):
            yield from map(parse_datetime, values)
    yield _microdata_date(marked.microdata(_MICRODATA_PUBLISHED))
    yield _time_element_date(marked.tree, ("datepublished", "published", "pubdate"))
    yield parse_datetime(hints.get("published_at"))
    for obj in json_ld.articles:
        yield parse_datetime(json_str(obj.get("dateCreated")))
    yield _visible_date(marked, meta.h1, meta.title)
    yield labelled_date(marked.tree)
    yield info_line_date(marked.tree)
    yield date_from_url(url)


def _modified_candidates(
    marked: MarkedElements, metas: dict[str, list[str]], json_ld: JsonLd
) -> Iterator[ParsedDate | None]:
    for obj in (*json_ld.articles, *json_ld.pages):
        yield parse_datetime(json_str(obj.get("dateModified")))
    for key in _MODIFIED_META_KEYS:
        for value in metas.get(key, []):
            yield parse_datetime(value)
    yield _microdata_date(marked.microdata(_MICRODATA_MODIFIED))
    # The printed "Aktualisiert: 21.11.2026, 10:12 Uhr".
    for element in marked.updated():
        text = collapse(text_of(element))
        if len(text) <= 200:
            match = UPDATED_TEXT_RE.search(text)
            if match is not None:
                yield find_date_in_text(text[match.end() :])


def _best_date(candidates: Iterable[ParsedDate | None]) -> ParsedDate | None:
    """The first date found; if it has no time of day, a later source's time for the same day."""
    best: ParsedDate | None = None
    for candidate in candidates:
        if candidate is None:
            continue
        if best is None:
            best = candidate
            if best.has_time:
                return best
            continue
        if candidate.has_time and candidate.value.date() == best.value.date():
            return candidate
    return best


def _time_element_date(tree: lxml.html.HtmlElement, markers: tuple[str, ...]) -> ParsedDate | None:
    """<time datetime>: the one marked as publication date, else the first in <article>/page."""
    body = tree.find("body")
    if body is None:
        return None
    times = [t for t in body.iter("time") if t.get("datetime")]
    if not times:
        return None

    def marked(element: lxml.html.HtmlElement) -> bool:
        attrs = " ".join(
            (element.get(name) or "") for name in ("itemprop", "class", "pubdate", "name")
        ).lower()
        return element.get("pubdate") is not None or any(m in attrs for m in markers)

    chosen = next((t for t in times if marked(t)), None)
    if chosen is None:
        chosen = next((t for t in times if _inside(t, "article")), times[0])
    return parse_datetime(chosen.get("datetime"))


def _microdata_date(elements: list[lxml.html.HtmlElement]) -> ParsedDate | None:
    """A schema.org microdata date on an element: content, datetime or title attribute, or text.

    Blogger writes <abbr itemprop="datePublished" title="2025-03-12T09:14:00+01:00">09:14</abbr>;
    <meta itemprop> is already read with the other meta tags.
    """
    for element in elements:
        for raw in (element.get("content"), element.get("datetime"), element.get("title")):
            parsed = parse_datetime(raw)
            if parsed is not None:
                return parsed
        parsed = parse_datetime(collapse(text_of(element))[:100])
        if parsed is not None:
            return parsed
    return None


def _inside(element: lxml.html.HtmlElement, tag: str) -> bool:
    return any(ancestor.tag == tag for ancestor in element.iterancestors())


def _visible_date(
    marked: MarkedElements, h1: lxml.html.HtmlElement | None, title: str | None
) -> ParsedDate | None:
    """The page's printed date: in a date-ish element, else next to the headline (or, with no
    <h1>, in the block around the big type printing the title)."""
    for element in marked.dates():
        text = collapse(text_of(element))
        if not text or len(text) > _DATE_LINE_CHARS or "aktualisiert" in text.lower():
            continue
        found = find_date_in_text(text)
        if found is not None:
            return found
    if h1 is not None:
        container, key = h1.getparent(), text_key(text_of(h1))
        if container is not None and text_key(text_of(container)) == key:
            # A wrapper holding the headline alone ("<div class=header><h1>…</h1></div>", a
            # layout table's cell and row): the date line is a short block beside it.
            while (up := container.getparent()) is not None and text_key(text_of(up)) == key:
                container = up
            return _date_beside(container)
        if container is not None:
            found = find_date_in_text(collapse(text_of(container))[:2000])
            if found is not None:
                return found
    elif title:
        return layout_title_date((m[0] for m in marked.all()), title)
    return None


def _date_beside(wrapper: lxml.html.HtmlElement) -> ParsedDate | None:
    """The date a line just before or after the headline's wrapper prints ("Pressemitteilung
    Nr. 47/2026 vom 11. Mai 2026"); an update line ("Aktualisiert …") or a sentence of the text
    ("Am 3. März beginnt …") is none."""
    for siblings in (wrapper.itersiblings(preceding=True), wrapper.itersiblings()):
        for sibling in itertools.islice(siblings, 2):
            text = collapse(text_of(sibling))
            if (
                len(text.split()) <= _DATE_LINE_WORDS
                and not UPDATED_TEXT_RE.search(text)
                and (not SENTENCE_END_RE.search(text) or classify_date_line(text) is not None)
            ):
                found = find_date_in_text(text)
                if found is not None:
                    return found
    return None


def _first_text(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return collapse(value)
    return None
