"""Where each article was seen: its sightings (site, URL, first and last seen) with the fetch
that last gave it at that URL and the WARC pointer of that fetch's capture."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from db.models import ArticleUrl, Fetch, Site

# One sighting, in the export record's `sightings` list and in sightings.parquet (there with
# the article id first); docs/schema.md documents each.
SIGHTING_FIELDS = (
    "site",
    "url",
    "first_seen_at",
    "last_seen_at",
    "times_seen",
    "fetch_id",
    "warc_file",
    "warc_offset",
    "warc_length",
)

# Fetch outcomes whose capture holds the page that gave the article's text; a "not modified"
# (304) answer holds no page, so it is not a sighting's provenance.
GAVE_TEXT = ("archived", "duplicate", "new_version")


def sightings_of(conn: Connection, article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Per article id: its sightings (SIGHTING_FIELDS), first seen first.

    `fetch_id` is the latest fetch of that URL that gave the article (GAVE_TEXT) with a WARC
    capture, and `warc_file`/`warc_offset`/`warc_length` point at its response record; all
    four are None when there is none (a sighting recorded only by "not modified" answers).
    """
    if not article_ids:
        return {}
    # The fetches of these articles, joined here rather than in SQL: SQLite's planner may pick
    # the index on the (few) outcomes over the one on article_id and scan every fetch.
    latest: dict[tuple[Any, str], tuple[Any, ...]] = {}
    for article_id, url, fetch_id, outcome, file, offset, length in conn.execute(
        select(
            Fetch.article_id,
            Fetch.url,
            Fetch.id,
            Fetch.outcome,
            Fetch.warc_file,
            Fetch.warc_offset,
            Fetch.warc_length,
        ).where(Fetch.article_id.in_(article_ids))
    ):
        if outcome in GAVE_TEXT and file is not None:
            known = latest.get((article_id, url))
            if known is None or known[0] < fetch_id:
                latest[(article_id, url)] = (fetch_id, file, offset, length)
    query = (
        select(
            ArticleUrl.article_id,
            Site.key,
            ArticleUrl.url,
            ArticleUrl.first_seen_at,
            ArticleUrl.last_seen_at,
            ArticleUrl.times_seen,
        )
        .join(Site, Site.id == ArticleUrl.site_id)
        .where(ArticleUrl.article_id.in_(article_ids))
        .order_by(ArticleUrl.article_id, ArticleUrl.first_seen_at, ArticleUrl.id)
    )
    found: dict[int, list[dict[str, Any]]] = {}
    for row in conn.execute(query):
        pointer = latest.get((row[0], row[2]), _NO_FETCH)
        found.setdefault(row[0], []).append(
            dict(zip(SIGHTING_FIELDS, (*row[1:], *pointer), strict=True))
        )
    return found


_NO_FETCH = (None, None, None, None)
