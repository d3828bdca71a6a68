"""Failed requests: what went wrong (a short error kind) and whose fault it was."""

from __future__ import annotations

import socket
from collections.abc import Mapping
from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure

from crawler.model.meta import META_SCOPE_REFUSED


class CaptureNotKept(IgnoreRequest):
    """The response's raw capture could not be written (crawler/middlewares.py raises it).

    The page is not passed on: a fetch row without its capture would read as a kept page, and
    a URL the archive never recorded is fetched as new by the next run. The crawl has recorded
    the failure (crawler/model/failures.py), so the run says which pages it lost.
    """


def classify_failure(failure: Failure) -> tuple[str, int]:
    """A short machine-readable error kind for a failed request, and the HTTP status (or 0).

    Checked against Scrapy 2.19 (tests/test_spiders.py crawls a failing local site): timeouts,
    DNS and connection errors arrive as Scrapy's own exception types once RetryMiddleware
    gives up; "max redirections reached" and "Forbidden by robots.txt" arrive as plain
    IgnoreRequest; DOWNLOAD_MAXSIZE arrives as DownloadCancelledError (with an empty message
    when the body was streamed without a Content-Length); statuses the request does not
    handle arrive as HttpError.
    """
    exc = failure.value
    response = getattr(exc, "response", None)
    status = response.status if isinstance(response, Response) else 0
    if isinstance(exc, HttpError):
        return f"http_{status}", status
    if isinstance(exc, DownloadTimeoutError | tx_error.TimeoutError | tx_error.TCPTimedOutError):
        return "timeout", status
    if isinstance(exc, CannotResolveHostError | tx_error.DNSLookupError):
        return "dns", status
    if isinstance(exc, DownloadCancelledError):
        # Scrapy's HTTP handlers only cancel a download for DOWNLOAD_MAXSIZE; timeouts are
        # reported as DownloadTimeoutError.
        return "too_large", status
    if isinstance(
        exc,
        DownloadConnectionRefusedError
        | DownloadFailedError
        | ResponseDataLossError
        | tx_error.ConnectError
        | tx_error.ConnectionLost
        | tx_error.ConnectionDone,
    ) or type(exc).__name__ in ("TunnelError", "ResponseFailed", "ResponseNeverReceived"):
        return "connection", status
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        if "max redirections" in message:
            return "redirect_loop", status
        if "robots.txt" in message:
            return "robots", status
        if "offsite" in message:
            return "offsite", status
    message = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return f"other: {message}", status


def is_local_failure(failure: Failure) -> bool:
    """Whether a failed request failed for a reason on our side rather than the site's.

    Local: an exception none of the network and HTTP kinds above explains, raised by our own
    code on the way (a middleware's bug, the WARC writer's OSError on an unusable data
    directory). Not local: HTTP statuses, timeouts, DNS, connection and size failures (the
    site or the network between: a crawl without any network fails with those, as does one of
    a site that is down), and every IgnoreRequest (robots.txt, redirect loops, the crawl's
    scope: decisions, not failures).
    """
    if isinstance(failure.value, IgnoreRequest | ConnectionError | TimeoutError | socket.gaierror):
        return False  # a decision, or a socket error that escaped the download handler's types
    return error_stat_kind(classify_failure(failure)[0]) == "other"


def error_stat_kind(error: str) -> str:
    """The stats-key part of an error string ("other: ..." counts as "other")."""
    return error.split(":", 1)[0]


def scope_refusal(meta: Mapping[str, Any]) -> str | None:
    """ "<reason>: <target>" when crawler/scope.py refused the request's redirect or address."""
    refused = meta.get(META_SCOPE_REFUSED)
    if not isinstance(refused, Mapping):
        return None
    return f"{refused.get('reason')}: {refused.get('target')}"
