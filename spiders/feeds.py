"""Feed discovery: RSS 2.0, RSS 1.0 (RDF) and Atom feeds read into article links."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Literal

from lxml import etree

from spiders.documents import (
    absolute_http,
    child_element,
    child_text,
    element_text,
    first_entity_error,
    iso_datetime,
    join_errors,
    local_name,
    maybe_gunzip,
    parse_html,
    parse_xml,
    repair_xml,
)

MAX_FEED_ENTRIES = 10_000

FeedKind = Literal["rss", "rdf", "atom", "unknown"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One RSS item or Atom entry; `published` is ISO 8601 when the date could be parsed."""

    link: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class FeedDoc:
    """A parsed RSS 2.0, RSS 1.0 (RDF) or Atom feed."""

    kind: FeedKind
    entries: tuple[FeedEntry, ...] = ()
    title: str | None = None
    language: str | None = None
    error: str | None = None


# --------------------------------------------------------------------------- feeds


def parse_feed(body: bytes, base_url: str | None = None) -> FeedDoc:
    """Parse an RSS 2.0, RSS 1.0/RDF or Atom feed (possibly gzip-compressed). Never raises.

    Relative entry links are resolved against `base_url` when given.
    """
    try:
        data, errors = maybe_gunzip(body)
        return _parse_feed_data(data, errors, base_url)
    except Exception as exc:  # never raise: a bad feed is data, not a crash
        return FeedDoc(kind="unknown", error=f"unexpected parser failure: {exc!r}")


def _parse_feed_data(data: bytes, errors: list[str], base_url: str | None) -> FeedDoc:
    if not data.strip():
        return FeedDoc(kind="unknown", error=join_errors([*errors, "empty document"]))
    root, xml_errors = parse_xml(data)
    entity_error = first_entity_error(xml_errors)
    if root is not None and entity_error is not None:
        # HTML entities (&nbsp;, &auml;) and bare "&" are the usual feed bugs: repair, reparse.
        repaired, _ = parse_xml(repair_xml(data))
        if repaired is not None:
            root = repaired
            xml_errors = [f"repaired invalid entities ({entity_error})"]
    if root is None:
        return FeedDoc(kind="unknown", error=join_errors([*errors, *xml_errors[:1]]) or "not XML")
    errors.extend(xml_errors[:1])
    tag = local_name(root.tag)
    if tag == "rss":
        doc = _read_rss(root, "rss", base_url)
    elif tag == "RDF":
        doc = _read_rss(root, "rdf", base_url)
    elif tag == "feed":
        doc = _read_atom(root, base_url)
    else:
        errors.append(f"not a feed (root element <{tag}>)")
        return FeedDoc(kind="unknown", error=join_errors(errors))
    entries = doc.entries
    if len(entries) > MAX_FEED_ENTRIES:
        errors.append(f"more than {MAX_FEED_ENTRIES} entries: kept the first {MAX_FEED_ENTRIES}")
        entries = entries[:MAX_FEED_ENTRIES]
    return replace(doc, entries=entries, error=join_errors(errors))


def _read_rss(root: etree._Element, kind: FeedKind, base_url: str | None) -> FeedDoc:
    title = language = None
    channel = child_element(root, "channel")
    if channel is not None:
        title = _clean_title(child_text(channel, "title"))
        language = child_text(channel, "language")
    found: dict[str, FeedEntry] = {}
    # RSS 2.0 nests items in <channel>; RSS 1.0 (and 0.9) puts them next to it.
    for item in root.iter():
        if local_name(item.tag) != "item":
            continue
        link = _rss_link(item)
        absolute = absolute_http(link, base_url) if link else None
        if absolute is None or absolute in found:
            continue
        published = None
        for name in ("pubDate", "date", "published", "updated", "issued"):
            published = iso_datetime(child_text(item, name))
            if published:
                break
        found[absolute] = FeedEntry(
            link=absolute, title=_clean_title(child_text(item, "title")), published=published
        )
    return FeedDoc(kind=kind, entries=tuple(found.values()), title=title, language=language)


def _rss_link(item: etree._Element) -> str | None:
    for child in item:
        if local_name(child.tag) != "link":
            continue
        text = element_text(child)
        if text:
            return text
        href = child.get("href")  # an atom:link inside an RSS item
        if href and child.get("rel", "alternate") == "alternate":
            return str(href).strip()
    for child in item:
        # <guid> is a permalink unless isPermaLink="false" (RSS 2.0 spec).
        if local_name(child.tag) == "guid" and child.get("isPermaLink", "true").lower() != "false":
            text = element_text(child)
            if text and text.lower().startswith(("http://", "https://")):
                return text
    about = next((str(v) for k, v in item.attrib.items() if local_name(str(k)) == "about"), None)
    return about.strip() if about else None


def _read_atom(root: etree._Element, base_url: str | None) -> FeedDoc:
    language = next((v for k, v in root.attrib.items() if local_name(str(k)) == "lang"), None)
    found: dict[str, FeedEntry] = {}
    for entry in root:
        if local_name(entry.tag) != "entry":
            continue
        link = _atom_link(entry)
        absolute = absolute_http(link, base_url) if link else None
        if absolute is None or absolute in found:
            continue
        published = iso_datetime(child_text(entry, "published")) or iso_datetime(
            child_text(entry, "updated")
        )
        found[absolute] = FeedEntry(
            link=absolute, title=_clean_title(child_text(entry, "title")), published=published
        )
    return FeedDoc(
        kind="atom",
        entries=tuple(found.values()),
        title=_clean_title(child_text(root, "title")),
        language=language,
    )


def _atom_link(entry: etree._Element) -> str | None:
    best: str | None = None
    for child in entry:
        if local_name(child.tag) != "link" or not child.get("href"):
            continue
        rel = child.get("rel", "alternate")
        href = (child.get("href") or "").strip()
        if rel == "alternate" and child.get("type", "text/html").startswith("text/html"):
            return href
        if rel == "alternate" and best is None:
            best = href
    return best


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    if "<" in title:  # escaped HTML in a title (Atom type="html", sloppy RSS)
        fragment = parse_html(f"<div>{title}</div>")
        if fragment is not None:
            title = str(fragment.text_content())
    if "&" in title:
        title = html.unescape(title)
    title = " ".join(title.split())
    return title or None
