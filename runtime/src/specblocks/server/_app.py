"""The FastAPI application of one specblocks app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic_core import to_json

from specblocks.server._config import API_PREFIX
from specblocks.server._context import ServerContext
from specblocks.server.queue import BackendUnavailable
from specblocks.server.routes import (
    api_page,
    auth,
    calls,
    component_server,
    config,
    files,
    pages,
    queue,
)


def create_app(ctx: ServerContext, app_kwargs: dict[str, Any] | None = None) -> FastAPI:
    """A FastAPI app serving ``ctx``'s Blocks with the queue protocol."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await ctx.start()
        try:
            yield
        finally:
            await ctx.stop()

    api = FastAPI(
        title=getattr(ctx.app.options, "title", None) or "specblocks",
        lifespan=lifespan,
        openapi_url=None,  # served by the config router, behind the login like every route
        docs_url=None,
        redoc_url=None,
        **(app_kwargs or {}),
    )
    api.state.specblocks = ctx
    api.include_router(config.root_router)
    api.include_router(auth.root_router)
    for router in (config.api_router, auth.api_router, queue.router, calls.router, files.router):
        api.include_router(router, prefix=API_PREFIX)
    api.include_router(api_page.router, prefix=API_PREFIX)
    api.include_router(component_server.router, prefix=API_PREFIX)
    api.include_router(pages.router)  # last: a page path never hides another route

    @api.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}" for error in exc.errors()
        ]
        # the offending input is echoed back: it may hold what JSON cannot (inf, bytes)
        body = to_json(
            {"detail": exc.errors(), "message": "; ".join(problems)},
            inf_nan_mode="constants",
            fallback=repr,
        )
        return Response(body, status_code=422, media_type="application/json")

    @api.exception_handler(BackendUnavailable)
    async def backend_down(request: Request, exc: BackendUnavailable) -> Response:
        body = to_json({"detail": str(exc)})
        headers = {"Retry-After": "2"}
        return Response(body, status_code=503, media_type="application/json", headers=headers)

    return api
