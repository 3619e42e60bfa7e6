"""The HTML page that runs an app in the browser, and the bundled assets it loads."""

from __future__ import annotations

import html
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request
from fastapi.responses import Response

if TYPE_CHECKING:
    from specblocks.app._blocks import Blocks
    from specblocks.server._context import ServerContext

#: The bundle files the page may load, with their media types: the script, the stylesheet and
#: the default theme's fonts.
ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"} | {
    entry.name: "font/woff2" if entry.name.endswith(".woff2") else "font/woff"
    for entry in (resources.files("specblocks") / "frontend").iterdir()
    if entry.name.endswith((".woff2", ".woff"))
}


@cache
def _asset(name: str) -> bytes:
    return (resources.files("specblocks") / "frontend" / name).read_bytes()


def asset_response(name: str) -> Response:
    """One bundled asset, cached by the browser until the server restarts."""
    if name not in ASSETS:
        raise HTTPException(404, f"No asset named {name!r}; the page loads app.js and app.css.")
    # the script and stylesheet change with the package; a font never does
    cache = "no-cache" if name in {"app.js", "app.css"} else "public, max-age=604800"
    return Response(_asset(name), media_type=ASSETS[name], headers={"Cache-Control": cache})


def page_html(app: Blocks, head: str | None, depth: int = 0) -> str:
    """The page: a root element, the stylesheet, the script and the app's own ``head``.

    ``depth`` is how many folders below the app's URL the page is (a page at
    ``/reports/2024`` is one): its links to the app's files go up that many levels, and the
    root element tells the script where the app is.
    """
    title = html.escape(getattr(app.options, "title", None) or "specblocks")
    up = "../" * depth
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        f'<link rel="icon" href="{up}favicon.ico">\n'
        f'<link rel="stylesheet" href="{up}assets/app.css">\n'
        f'<script type="module" src="{up}assets/app.js"></script>\n'
        f"{head or ''}\n"
        "</head>\n<body>\n"
        f'<div id="sb-root" class="sb-root" data-app-base="{up or "./"}">'
        '<p class="sb-loading">Loading…</p></div>\n'
        "<noscript>This app needs JavaScript. Its API is described at "
        f'<a href="{up}gradio_api/docs">gradio_api/docs</a>.</noscript>\n'
        "</body>\n</html>\n"
    )


async def page_head(request: Request, ctx: ServerContext) -> str | None:
    """The app's ``head`` for this request's page: none before a login (``auth=``)."""
    if ctx.auth is not None and await ctx.auth.user(request) is None:
        return None
    return ctx.settings.head
