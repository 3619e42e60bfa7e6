"""Component server functions: ``POST /gradio_api/component_server`` (e.g. FileExplorer.ls).

The browser element of a component calls a function the component exposes on the server,
the way @gradio/client's ``component_server(component_id, fn_name, data)`` does. Only the
functions a block lists in its ``server_fns`` attribute can be called.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from specblocks.core._exceptions import PayloadError
from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context
from specblocks.server._server_fns import server_functions

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]


class ComponentServerBody(BaseModel):
    """Which function of which component to call, with what argument."""

    data: Any = None
    component_id: int
    fn_name: str
    session_hash: str | None = None


@router.post("/component_server")
@router.post("/component_server/", include_in_schema=False)
async def component_server(body: ComponentServerBody, ctx: Ctx, _user: User) -> Any:
    """Call ``fn_name`` of component ``component_id`` with ``data``; answer with its result."""
    block = ctx.app.blocks.get(body.component_id)
    fn = server_functions(block).get(body.fn_name) if block is not None else None
    if fn is None:
        raise HTTPException(
            404, f"Component {body.component_id} has no server function {body.fn_name!r}."
        )
    try:
        if inspect.iscoroutinefunction(fn):
            return await fn(body.data)
        return await run_in_threadpool(fn, body.data)
    except PayloadError as exc:
        raise HTTPException(400, str(exc)) from None
