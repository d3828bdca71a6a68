"""The raw captures: a page about a fetch, its archived body in a sandbox, its HTTP response.

The archived HTML is someone else's page: in the reader's browser it must neither run a script
nor load anything from the web (a tracking pixel would tell the site who reads its archive).
Its body is served from a route of its own with CAPTURE_CSP, and the capture page embeds it in
an `<iframe sandbox>` without allow-scripts or allow-same-origin: either alone stops scripts.
"""

from __future__ import annotations

import re
from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from warcio.exceptions import ArchiveLoadFailed

from crawler.model.warcread import Capture, read_capture
from crawler.web.common import data_dir_of, engine_of, page
from db.browse import FetchRow, fetch_captured_at, get_fetch

# The sandbox directive gives the body a unique origin with scripts, forms, popups and
# top-level navigation off, whatever frame shows it (a reader opening the body's URL directly
# included). Fetching is off but for `data:` images, fonts and styles and inline styles, so an
# archived page keeps the look it carries inline and loads nothing from anywhere.
CAPTURE_CSP = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline' data:; "
    "font-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)
CAPTURE_HEADERS = {
    "content-security-policy": CAPTURE_CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
    "referrer-policy": "no-referrer",
}
# The iframe's sandbox attribute: no allow-* token at all.
IFRAME_SANDBOX = ""
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def _fetch_with_capture(request: Request) -> FetchRow:
    fetch_id: int = request.path_params["fetch_id"]
    fetch = get_fetch(engine_of(request), fetch_id)
    if fetch is None:
        raise HTTPException(404, f"no fetch {fetch_id} in the archive")
    if not fetch.has_capture:
        raise HTTPException(404, f"fetch {fetch_id} has no capture (outcome {fetch.outcome})")
    return fetch


def _read(request: Request, fetch: FetchRow) -> Capture:
    """The fetch's response record; a 404 saying why when it cannot be read."""
    assert fetch.warc_file is not None and fetch.warc_offset is not None
    data_dir = data_dir_of(request).resolve()
    path = (data_dir / fetch.warc_file).resolve()
    if not path.is_relative_to(data_dir):
        raise HTTPException(404, f"the capture of fetch {fetch.id} is outside the data folder")
    try:
        return read_capture(data_dir, fetch.warc_file, fetch.warc_offset, revisits=True)
    except (OSError, ValueError, ArchiveLoadFailed) as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise HTTPException(
            404, f"the capture of fetch {fetch.id} cannot be read ({fetch.warc_file}): {reason}"
        ) from None


def _charset(content_type: str | None) -> str | None:
    match = _CHARSET.search(content_type or "")
    return match.group(1) if match else None


def body_type(content_type: str | None) -> str:
    """The Content-Type the body is served with: HTML stays HTML (sandboxed), anything else is
    plain text, so that no other type's handling (SVG, XML with stylesheets) comes into play.
    The declared charset is kept; without one the browser reads the page's own declaration."""
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    kind = "text/html" if mime in _HTML_TYPES else "text/plain"
    charset = _charset(content_type)
    return f"{kind}; charset={charset}" if charset else kind


def http_response_bytes(capture: Capture) -> bytes:
    """The archived HTTP response: status line, headers (names lower-cased, as the archive
    reads them), a blank line, then the body."""
    try:
        reason = HTTPStatus(capture.status).phrase
    except ValueError:
        reason = ""
    head = [f"HTTP/1.1 {capture.status} {reason}".rstrip()]
    head += [f"{name}: {value}" for name, value in capture.headers.items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "replace") + capture.body


def capture_page(request: Request) -> Response:
    fetch = _fetch_with_capture(request)
    capture = _read(request, fetch)
    # A 304's record holds no page: the page shows the capture it confirms instead.
    confirmed = None
    if capture.refers_to is not None and all(capture.refers_to):
        confirmed = fetch_captured_at(engine_of(request), *capture.refers_to)
    context = {
        "fetch": fetch,
        "capture": capture,
        "confirmed": confirmed,
        "size": len(capture.body),
        "sandbox": IFRAME_SANDBOX,
        "csp": CAPTURE_CSP,
    }
    return page(request, "capture.html", context)


def body(request: Request) -> Response:
    fetch = _fetch_with_capture(request)
    capture = _read(request, fetch)
    content_type = body_type(capture.headers.get("content-type") or fetch.content_type)
    headers = {**CAPTURE_HEADERS, "content-type": content_type}
    return Response(capture.body, headers=headers)


def raw_text(request: Request) -> Response:
    """The whole HTTP response as plain text (in the archived charset, when it declared one)."""
    fetch = _fetch_with_capture(request)
    capture = _read(request, fetch)
    charset = _charset(capture.headers.get("content-type"))
    content_type = f"text/plain; charset={charset}" if charset else "text/plain"
    headers = {**CAPTURE_HEADERS, "content-type": content_type}
    return Response(http_response_bytes(capture), headers=headers)


def raw_http(request: Request) -> Response:
    """The API's capture: the HTTP response as `application/http` (RFC 9112), for tools."""
    fetch = _fetch_with_capture(request)
    capture = _read(request, fetch)
    headers = {
        **CAPTURE_HEADERS,
        "content-type": "application/http; msgtype=response",
        "content-disposition": f'attachment; filename="fetch-{fetch.id}.http"',
    }
    return Response(http_response_bytes(capture), headers=headers)
