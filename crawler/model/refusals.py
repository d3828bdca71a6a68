"""Scope refusals: the outcome names of requests the crawl's scope does not send, and how a
recorded error names its refusal (shared by the scope middleware, the spiders and the store)."""

from __future__ import annotations

# What the crawl's scope refuses (crawler/scope.py). Such a request is recorded with the
# reason as its outcome and "<reason>: <target>" as its error; it is not a failed fetch.
OFFSITE_REDIRECT = "offsite_redirect"
PRIVATE_ADDRESS = "private_address"
SCOPE_REFUSALS = frozenset({OFFSITE_REDIRECT, PRIVATE_ADDRESS})


def refusal_of(error: str | None) -> str | None:
    """The scope refusal an error string records (its prefix), None for any other error."""
    if not error:
        return None
    kind = error.split(":", 1)[0]
    return kind if kind in SCOPE_REFUSALS else None
