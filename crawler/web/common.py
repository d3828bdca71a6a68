"""What the browser's routes share: templates and their filters, the app's security headers,
the engine and data folder of the running app."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

HERE = Path(__file__).resolve().parent

# The app's own pages: its stylesheet, no script at all, frames only from itself (the capture),
# forms only to itself, and never framed by another site.
APP_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Headers every response gets unless its route set its own (the capture routes do).
DEFAULT_HEADERS = {
    "content-security-policy": APP_CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}

templates = Jinja2Templates(directory=str(HERE / "templates"))


def _when(value: datetime | None) -> str:
    """A time as the pages show it: UTC to the minute, or a dash."""
    return f"{value:%Y-%m-%d %H:%M} UTC" if value is not None else "–"


def _href(url: str | None) -> str | None:
    """A link target only for http(s) URLs: an archived `javascript:` URL stays text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


templates.env.filters["when"] = _when
templates.env.filters["href"] = _href


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def data_dir_of(request: Request) -> Path:
    data_dir: Path = request.app.state.data_dir
    return data_dir
