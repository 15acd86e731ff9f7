"""The FastAPI application: server-rendered pages, a JSON API under /api, in-memory static assets.

Safety: read-only connections for every page; the one write (a merge decision) goes through the
single ``Writer``; Host and Origin are checked; every page is sent with a strict Content-Security-Policy;
static files are read into memory at start, so no part of a request path ever reaches the file system.
"""

from __future__ import annotations

import mimetypes
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from claimgraph import query
from claimgraph.serve import views
from claimgraph.store import Writer

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# cytoscape writes a <style> element and style attributes; only the graph page (no article text
# in its markup) allows inline styles, and scripts stay 'self' everywhere.
CSP_GRAPH = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send `Origin: null` on our own forms
    "X-Frame-Options": "DENY",
}
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")
# An error page's heading (and <title>) holds at most this much of the message; the page below holds all of it.
ERROR_HEADING_CHARS = 120


def load_static() -> dict[str, tuple[bytes, str]]:
    """Every file under serve/static, by its relative name: the only files the app can send."""
    assets: dict[str, tuple[bytes, str]] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, name + "/")
            elif not child.name.startswith("."):
                media = mimetypes.guess_type(child.name)[0] or "application/octet-stream"
                assets[name] = (child.read_bytes(), media)

    walk(resources.files("claimgraph.serve").joinpath("static"), "")
    return assets


def create_app(db: str | Path, allowed_hosts: Sequence[str] = DEFAULT_HOSTS,
               page_size: int = views.PAGE_SIZE) -> FastAPI:
    """The app over the corpus at ``db``; ``page_size`` rows per page of the corpus and actor lists."""
    from claimgraph.serve import routes_api, routes_pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        writer = app.state.writer
        if writer is not None:
            writer.close()

    app = FastAPI(title="claimgraph", summary="Who says what, on what evidence: a corpus of analysed articles",
                  version="1", lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN; /openapi.json stays
    app.state.db = Path(db)
    app.state.writer = None
    app.state.page_size = page_size
    app.state.static = load_static()
    app.state.templates = Jinja2Templates(directory=str(resources.files("claimgraph.serve").joinpath("templates")))
    app.state.templates.env.globals.update(
        evidence_kinds=views.FILTERS["evidence"], flow_kinds=views.FILTERS["kinds"], kind_colour=views.KIND_COLOUR,
        evidence_line=views.EVIDENCE_LINE, has_cytoscape="vendor/cytoscape.min.js" in app.state.static,
    )
    app.state.templates.env.filters["thousands"] = lambda n: f"{n:,}"
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[h.strip("[]") for h in allowed_hosts])

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(query.SearchError)
    async def bad_search(request: Request, exc: query.SearchError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return error_page(request, 400, str(exc), "cannot run this search")

    # Starlette's HTTPException, so that unknown paths (404) and methods (405) get the same pages as ours.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        message = str(exc.detail)
        if exc.status_code == 404 and message == HTTPStatus.NOT_FOUND.phrase:  # the router's: no route matched
            message = f"no page at {request.url.path}"
        response = error_page(request, exc.status_code, message)
        response.headers.update(exc.headers or {})  # 405 says which methods are allowed
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ())[1:]) or 'request'}: {err.get('msg', 'invalid')}"
            for err in exc.errors()
        )
        return error_page(request, 400, f"This page cannot be shown for these parameters ({problems}).", problems)

    @app.get("/static/{name:path}", include_in_schema=False)
    def static(name: str, request: Request) -> Response:
        asset = request.app.state.static.get(name)
        if asset is None:
            raise HTTPException(404, "no such asset")
        return Response(asset[0], media_type=asset[1], headers={"Cache-Control": "public, max-age=3600"})

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    return app


def error_page(request: Request, status: int, message: str, summary: str | None = None) -> Response:
    """An HTML error page headed by what went wrong: "400 Bad request — page must be ...".

    ``summary`` (else ``message``) goes in the heading and <title>; ``message`` in full below it when it says more.
    """
    try:
        reason = HTTPStatus(status).phrase.capitalize()
    except ValueError:
        reason = "Error"
    what = summary or message
    if len(what) > ERROR_HEADING_CHARS:
        what = what[:ERROR_HEADING_CHARS - 1].rstrip() + "…"
    heading = f"{status} {reason}" + (f" — {what}" if what and what.lower() != reason.lower() else "")
    templates: Jinja2Templates = request.app.state.templates
    context = {"heading": heading, "message": message if message != what else None}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def reader(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request (FastAPI dependency)."""
    conn = query.connect(request.app.state.db)
    try:
        yield conn
    finally:
        conn.close()


def writer(request: Request) -> Writer:
    """The app's single writer, started on the first decision."""
    if request.app.state.writer is None:
        request.app.state.writer = Writer(request.app.state.db)
    return request.app.state.writer
