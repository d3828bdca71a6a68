"""Look-ups for notebooks: the article a URL gave, and the raw response a fetch captured."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Connection, Engine, select

from crawler.model.urls import clean_url
from crawler.model.warcread import read_response_block
from db.models import ArticleUrl, Fetch, UrlState


def url_variants(url: str) -> list[str]:
    """The forms under which the archive may hold `url`: as given, cleaned as the crawler cleans
    a URL (scheme and host lower-cased, default port, fragment and tracking parameters
    dropped), and the cleaned URL with http/https and with and without `www.` (article keys
    are https on the site's first domain, which may be the `www.` host or not)."""
    cleaned = clean_url(url)
    found = dict.fromkeys((url.strip(), cleaned))
    parts = urlsplit(cleaned)
    host = parts.netloc
    if parts.scheme in ("http", "https") and host:
        bare = host[4:] if host.startswith("www.") else host
        for scheme in ("https", "http"):
            for netloc in (bare, f"www.{bare}"):
                found.setdefault(urlunsplit((scheme, netloc, *parts[2:])))
    return list(found)


def article_id_for_url(conn: Connection, url: str) -> int | None:
    """The article `url` gave: a sighting at any of its variants (the one last seen wins),
    else the crawler's record of the URL (article keys and aliases: the URL before a
    redirect, a mirror's URL mapped to the site's own domain, a non-canonical URL)."""
    variants = url_variants(url)
    found = conn.execute(
        select(ArticleUrl.article_id)
        .where(ArticleUrl.url.in_(variants))
        .order_by(ArticleUrl.last_seen_at.desc(), ArticleUrl.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if found is None:
        found = conn.execute(
            select(UrlState.article_id)
            .where(UrlState.url.in_(variants), UrlState.article_id.is_not(None))
            .order_by(UrlState.last_fetched_at.desc())
            .limit(1)
        ).scalar_one_or_none()
    return int(found) if found is not None else None


def get_capture(engine: Engine, fetch_id: int, data_dir: Path | str | None = None) -> bytes:
    """The raw HTTP response of fetch `fetch_id` from its WARC record: status line, headers,
    blank line, body, as stored (the body as served, after transfer and content decoding;
    Transfer-Encoding and Content-Encoding dropped, Content-Length the stored body's). A 304
    answer's capture is its revisit record: the 304's head, without a body.

    `data_dir` holds the WARC files (default: NEWSARCHIVE_DATA_DIR, as the crawl uses it).
    LookupError when there is no such fetch or it has no capture (no response arrived);
    OSError/ValueError when the file or the record cannot be read.
    """
    with engine.connect() as conn:
        row = conn.execute(
            select(Fetch.warc_file, Fetch.warc_offset).where(Fetch.id == fetch_id)
        ).one_or_none()
    if row is None:
        raise LookupError(f"no fetch {fetch_id} in the archive")
    if row.warc_file is None or row.warc_offset is None:
        raise LookupError(f"fetch {fetch_id} has no raw capture (no response was stored)")
    if data_dir is None:
        from crawler.model.config import AppConfig

        data_dir = AppConfig().data_dir
    return read_response_block(Path(data_dir), row.warc_file, int(row.warc_offset))
