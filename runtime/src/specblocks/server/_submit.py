"""How a call becomes a queued job: one place for the queue routes and the two-step call routes.

Validates the payload (endpoint, inputs, file references, ``validator=`` functions), fetches
the files given by URL into the cache (see :mod:`specblocks.server._fetch`), builds the
:class:`~specblocks.server.queue.Event` and pushes it; every refusal is an HTTP 4xx/503 with a
message naming what is wrong.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from pydantic import BaseModel

from specblocks.core._request import Request as AppRequest
from specblocks.server._config import API_PREFIX
from specblocks.server._context import SHUTTING_DOWN, ServerContext
from specblocks.server._endpoints import UnknownEndpoint
from specblocks.server._fetch import RemoteFileError, has_urls, localize
from specblocks.server._files import FileNotAllowed
from specblocks.server._runner import InputError
from specblocks.server.queue import BackendUnavailable, QueueFull, Watch

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class PredictBody(BaseModel):
    """A call of one endpoint."""

    data: list[Any]
    fn_index: int | None = None
    session_hash: str | None = None
    event_data: Any = None
    trigger_id: int | None = None
    event_id: str | None = None


def app_request(request: Request, session_hash: str | None, username: str | None) -> AppRequest:
    """The :class:`specblocks.Request` a function may ask for."""
    client = request.client.host if request.client else None
    return AppRequest(
        headers=dict(request.headers),
        query_params=dict(request.query_params),
        client_host=client,
        session_hash=session_hash,
        username=username,
        request=request,
    )


async def enqueue(
    ctx: ServerContext,
    request: Request,
    body: PredictBody,
    user: str | None,
    fn_index: int,
    *,
    watch: bool = False,
    keep: bool = False,
) -> tuple[str, Watch | None]:
    """Validate a call and queue it; raise HTTP errors with clear text.

    Returns the event id and, with ``watch``, a :class:`Watch` that also gets the event's
    messages (with ``keep``, kept for :meth:`MessageStreams.take_watch` instead).
    """
    if not body.session_hash:
        raise HTTPException(400, "Session hash not found.")
    if ctx.draining:
        raise HTTPException(503, SHUTTING_DOWN, headers={"Retry-After": "5"})
    try:
        endpoint = ctx.endpoints.by_index(fn_index)
        ctx.runner.check_inputs(fn_index, body.data)
        ctx.files.check_payload(body.data)
    except UnknownEndpoint as exc:
        raise HTTPException(404, str(exc)) from None
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    except FileNotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    if endpoint.dependency.fn is None:
        raise HTTPException(422, f"endpoint {fn_index} runs no Python function")
    if has_urls(body.data):
        body.data = await _fetched(ctx, request, body.data)
    failures = await ctx.runner.validate(fn_index, body.data, body.session_hash)
    if failures:
        raise HTTPException(422, detail=failures)
    event = ctx.make_event(
        fn_index,
        body.data,
        body.session_hash,
        event_data=body.event_data,
        trigger_id=body.trigger_id,
        request=(
            app_request(request, body.session_hash, user)
            if endpoint.signature is not None and endpoint.signature.wants_request
            else None
        ),
        file_root=ctx.root_url(request) + API_PREFIX,
    )
    watcher = ctx.streams.watch(event.event_id, keep=keep) if watch or keep else None
    try:
        await ctx.queue.push(event)
    except QueueFull as exc:
        ctx.streams.forget(body.session_hash, event.event_id)
        raise HTTPException(503, str(exc)) from None
    except BackendUnavailable:
        ctx.streams.forget(body.session_hash, event.event_id)
        raise  # answered 503 with Retry-After by the app's handler
    return event.event_id, watcher


async def _fetched(ctx: ServerContext, request: Request, data: list[Any]) -> list[Any]:
    """``data`` with its files given by URL fetched into the cache (HTTP 4xx on failure)."""
    try:
        fetched: list[Any] = await localize(
            data,
            ctx.files,
            own_root=ctx.root_url(request),
            max_size=ctx.settings.max_file_size,
        )
    except RemoteFileError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    except FileNotAllowed as exc:
        raise HTTPException(403, str(exc)) from None
    return fetched
