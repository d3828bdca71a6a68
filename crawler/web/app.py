"""The archive browser's ASGI app: its routes, security headers and error pages.

Read-only by construction: the engine it is given cannot write (db.engine.make_readonly_engine),
and every route answers GET and HEAD only (anything else is 405).
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crawler.web import api, capture, pages
from crawler.web.common import DEFAULT_HEADERS, HERE, page

log = logging.getLogger(__name__)


class SecurityHeaders:
    """Adds DEFAULT_HEADERS to every response that does not carry its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in DEFAULT_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if _is_api(request):
        body = {"error": exc.detail, "status": exc.status_code}
        return JSONResponse(body, status_code=exc.status_code, headers=headers)
    context = {"status": exc.status_code, "message": exc.detail}
    response = page(request, "error.html", context, status=exc.status_code)
    response.headers.update(headers)
    return response


async def _server_error(request: Request, exc: Exception) -> Response:
    # The traceback goes to the server's log; the reader gets one line.
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    message = f"internal error ({type(exc).__name__}); the server's log has the details"
    if _is_api(request):
        return JSONResponse({"error": message, "status": 500}, status_code=500)
    return PlainTextResponse(message, status_code=500)


def create_app(engine: Engine, data_dir: Path) -> Starlette:
    """The browser over `engine` (which should be read-only) and the WARC files in `data_dir`."""
    get = ["GET"]
    routes = [
        Route("/", pages.sites, methods=get, name="sites"),
        Route("/articles", pages.articles, methods=get, name="articles"),
        Route("/articles/{article_id:int}", pages.article, methods=get, name="article"),
        Route("/search", pages.search, methods=get, name="search"),
        Route("/runs", pages.runs, methods=get, name="runs"),
        Route("/fetches/{fetch_id:int}", capture.capture_page, methods=get, name="fetch"),
        Route("/fetches/{fetch_id:int}/body", capture.body, methods=get, name="fetch_body"),
        Route("/fetches/{fetch_id:int}/raw", capture.raw_text, methods=get, name="fetch_raw"),
        Route("/api/sites", api.sites, methods=get),
        Route("/api/articles", api.articles, methods=get),
        Route("/api/articles/{article_id:int}", api.article, methods=get),
        Route("/api/articles/{article_id:int}/versions", api.versions, methods=get),
        Route("/api/search", api.search, methods=get),
        Route("/api/runs", api.runs, methods=get),
        Route("/api/fetches/{fetch_id:int}", api.fetch, methods=get),
        Route("/api/fetches/{fetch_id:int}/capture", capture.raw_http, methods=get),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.add_middleware(SecurityHeaders)
    app.state.engine = engine
    app.state.data_dir = data_dir
    return app
