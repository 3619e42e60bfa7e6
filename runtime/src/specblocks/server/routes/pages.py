"""The extra pages of a multipage app (``Blocks.route``): the same page HTML at each path.

Included after every other route, so that a page path never hides one of the server's own.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from specblocks.server._context import ServerContext, context
from specblocks.server._page import page_head, page_html

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]


@router.get("/{path:path}", response_model=None, include_in_schema=False)
async def page(path: str, request: Request, ctx: Ctx) -> Response:
    """The page that runs the app; the browser reads which page from its URL."""
    paths = {p for p, _, _ in getattr(ctx.app, "pages", [])}
    if path in paths:
        head = await page_head(request, ctx)
        return HTMLResponse(page_html(ctx.app, head, depth=path.count("/")))
    if path.endswith("/") and path.rstrip("/") in paths:
        return RedirectResponse(f"../{path.rstrip('/').split('/')[-1]}", status_code=301)
    raise HTTPException(404, f"Not found: /{path}.")
