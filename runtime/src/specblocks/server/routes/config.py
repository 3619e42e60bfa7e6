"""App description: ``/config``, ``/gradio_api/info``, the app id and the page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from specblocks.server._api_info import api_info
from specblocks.server._auth import current_user
from specblocks.server._config import app_config, media_url
from specblocks.server._context import ServerContext, context
from specblocks.server._openapi import app_openapi
from specblocks.server._page import asset_response, page_head, page_html

root_router = APIRouter()
api_router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
#: The icon of a page whose app gives none.
DEFAULT_FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.svg"
User = Annotated[str | None, Depends(current_user)]


@root_router.get("/config")
@root_router.get("/config/", include_in_schema=False)
def get_config(request: Request, ctx: Ctx, user: User) -> dict[str, Any]:
    """The app's components, layout and dependencies."""
    s = ctx.settings
    settings = {
        "app_id": s.app_id,
        "css": s.css,
        "js": s.js,
        "head": s.head,
        "show_error": s.show_error,
        "max_file_size": s.max_file_size,
        "i18n": s.i18n,
        "footer_links": s.footer_links,
    }
    return app_config(
        ctx.app,
        ctx.endpoints.endpoints,
        root=ctx.root_url(request),
        username=user,
        settings=settings,
    )


@api_router.get("/info")
@api_router.get("/info/", include_in_schema=False)
def get_info(
    request: Request, ctx: Ctx, _user: User, all_endpoints: bool = False
) -> dict[str, Any]:
    """Parameters and returns of every endpoint (what ``view_api`` shows)."""
    root = ctx.root_url(request)
    return api_info(
        ctx.endpoints.endpoints,
        root=root,
        media_url=media_url(root),
        all_endpoints=all_endpoints,
    )


@api_router.get("/openapi.json", include_in_schema=False)
def openapi_schema(request: Request, ctx: Ctx, _user: User) -> dict[str, Any]:
    """The OpenAPI description of the server's routes and the app's endpoints."""
    return app_openapi(request.app, ctx)


@api_router.get("/app_id")
def get_app_id(ctx: Ctx, _user: User) -> dict[str, int]:
    """An id that changes when the server restarts."""
    return {"app_id": ctx.settings.app_id}


@root_router.get("/favicon.ico", include_in_schema=False)
def favicon(ctx: Ctx) -> Response:
    """The icon given to ``launch(favicon_path=...)``, else the framework's own."""
    if ctx.settings.favicon is None:
        return Response(
            DEFAULT_FAVICON.read_bytes(),
            media_type="image/svg+xml",
            headers={"Cache-Control": "public, max-age=86400"},
        )
    if not Path(ctx.settings.favicon).is_file():
        raise HTTPException(404, f"The favicon file {ctx.settings.favicon!r} does not exist.")
    return FileResponse(ctx.settings.favicon)


@root_router.get("/", response_class=HTMLResponse)
async def index(request: Request, ctx: Ctx) -> HTMLResponse:
    """The page that runs the app in the browser (it reads ``/config`` itself).

    Without a login (when the app has ``auth``) the page shows the login form only: the
    app's own ``head`` is left out, and ``/config`` answers 401.
    """
    return HTMLResponse(page_html(ctx.app, await page_head(request, ctx)))


@root_router.get("/assets/{name}", include_in_schema=False)
def asset(name: str) -> Response:
    """The browser UI's bundled script and stylesheet."""
    return asset_response(name)
