"""The request and response meta keys news spiders and the crawl's components share."""

from __future__ import annotations

# Response meta key under which crawler/middlewares.py (WarcCaptureMiddleware) puts the location
# of the raw capture; the spider copies it onto the FetchedPage.
WARC_META = "newsarchive_warc"

# Our request meta keys.
META_KIND = "newsarchive_kind"  # KIND_ARTICLE or KIND_DISCOVERY
META_ROLE = "newsarchive_role"  # discovery page role: robots, sitemap, feed, section, start
META_SOURCE = "newsarchive_source"  # article: how it was found
META_HINTS = "newsarchive_hints"  # article: title, published_at, language
META_ARTICLE_KEY = "newsarchive_article_key"  # article: its URL key (whose hints are pending)
# article: admitted only as a candidate; the page decides whether it is one (FetchedPage).
META_CANDIDATE = "newsarchive_candidate"
META_DEPTH = "newsarchive_depth"  # generic spider: 0 for the entry page, 1 for its sections
# The URL's previous capture (PreviousCapture.as_meta()); crawler/middlewares.py reads it to
# write a WARC revisit record instead of a second copy of an identical payload.
META_PREVIOUS = "newsarchive_previous"
# True when the request carries validators the archive trusts: an unchanged answer (304, or
# the same body digest) is then not parsed again.
META_CONDITIONAL = "newsarchive_conditional"
# Set by crawler/scope.py on a request whose redirect or meta refresh it did not follow, or
# that it did not send (a non-public address): {"reason": ..., "target": ...}.
META_SCOPE_REFUSED = "newsarchive_scope_refused"
# A sitemap's place in its index chain: 0 for a declared or robots.txt sitemap.
META_SITEMAP_DEPTH = "newsarchive_sitemap_depth"
# Redirects (3xx) and meta refreshes followed on the way to a request's response, in order: one
# dict each with the hop's url, status, fetched_at (ISO), headers (lower-cased names) and the
# WARC location of its response record (file, offset, length, payload_digest). Set by
# crawler/middlewares.py and crawler/scope.py; the spider puts them on the FetchedPage.
META_REDIRECTS = "newsarchive_redirects"
# The (URL, status) of a 3xx that crawler/middlewares.py wrote to WARC before Scrapy's redirect
# middleware decided on it; still present when the redirect was not followed.
META_CAPTURED = "newsarchive_captured"
