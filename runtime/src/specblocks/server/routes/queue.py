"""The queue protocol: join, the per-session stream, cancel, heartbeat."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from specblocks._request import Request as AppRequest
from specblocks.server._auth import current_user
from specblocks.server._config import API_PREFIX
from specblocks.server._context import ServerContext, context
from specblocks.server._endpoints import UnknownEndpoint
from specblocks.server._files import FileNotAllowed
from specblocks.server._messages import (
    CancelledOutput,
    Estimation,
    ProcessCompleted,
    UnexpectedError,
    encode,
)
from specblocks.server._queue import QueueFull
from specblocks.server._runner import InputError

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class PredictBody(BaseModel):
    """A call of one endpoint."""

    data: list[Any]
    fn_index: int | None = None
    session_hash: str | None = None
    event_data: Any = None
    trigger_id: int | None = None
    event_id: str | None = None


class CancelBody(BaseModel):
    """Which event to cancel."""

    session_hash: str
    fn_index: int
    event_id: str


class ResetBody(BaseModel):
    """Sent by clients after a cancel."""

    event_id: str


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
) -> tuple[str, asyncio.Queue[Any] | None]:
    """Validate a call and queue it; raise HTTP errors with clear text.

    Returns the event id and, with ``watch``, a queue that also gets the event's messages.
    """
    if not body.session_hash:
        raise HTTPException(400, "Session hash not found.")
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
    watcher = ctx.streams.watch(event.event_id) if watch else None
    try:
        await ctx.queue.push(event)
    except QueueFull as exc:
        ctx.streams.send(body.session_hash, _dropped(event.event_id))
        raise HTTPException(503, str(exc)) from None
    return event.event_id, watcher


def _dropped(event_id: str) -> ProcessCompleted:
    """Closes the stream entry of an event the queue refused."""
    return ProcessCompleted(event_id=event_id, output=CancelledOutput(), success=False)


@router.post("/queue/join")
async def join(body: PredictBody, request: Request, ctx: Ctx, user: User) -> dict[str, str]:
    """Queue a call; its messages arrive on the session's stream."""
    if body.fn_index is None:
        raise HTTPException(400, "No function index provided.")
    event_id, _ = await enqueue(ctx, request, body, user, body.fn_index)
    return {"event_id": event_id}


@router.get("/queue/data")
async def queue_data(
    session_hash: str, request: Request, ctx: Ctx, _user: User
) -> StreamingResponse:
    """The session's messages as server-sent events, until it has nothing pending."""
    if not ctx.streams.known(session_hash):
        frame = encode(UnexpectedError(message="404: Not Found", session_not_found=True))

        async def not_found() -> AsyncIterator[bytes]:
            yield frame

        return StreamingResponse(not_found(), media_type="text/event-stream", headers=SSE_HEADERS)

    async def frames() -> AsyncIterator[bytes]:
        completed = False
        try:
            async for frame in ctx.streams.stream(session_hash):
                yield frame
            completed = True
        finally:
            if not completed:  # the client went away: drop its pending work
                for event_id in ctx.streams.pending(session_hash):
                    await ctx.cancel_event(session_hash, event_id)

    return StreamingResponse(frames(), media_type="text/event-stream", headers=SSE_HEADERS)


@router.get("/queue/status")
def queue_status(ctx: Ctx, _user: User) -> dict[str, Any]:
    """How many events wait."""
    return Estimation(event_id="", queue_size=ctx.queue.pending()).model_dump() | {"event_id": None}


@router.post("/cancel")
async def cancel(body: CancelBody, ctx: Ctx) -> dict[str, bool]:
    """Cancel a waiting or running event (its stream gets an empty completion)."""
    await ctx.cancel_event(body.session_hash, body.event_id)
    return {"success": True}


@router.post("/reset")
@router.post("/reset/", include_in_schema=False)
def reset(body: ResetBody) -> dict[str, bool]:
    """Acknowledge a client's reset after a cancel."""
    return {"success": True}


@router.get("/heartbeat/{session_hash}")
async def heartbeat(session_hash: str, request: Request, ctx: Ctx) -> StreamingResponse:
    """Keeps a session alive; when the client goes away its state is dropped and unload runs."""

    async def frames() -> AsyncIterator[bytes]:
        ctx.session_connected(session_hash)
        try:
            while not ctx.closing.is_set():
                yield b"data: ALIVE\n\n"
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(ctx.settings.heartbeat):
                        await ctx.closing.wait()
        finally:
            ctx.session_disconnected(session_hash)

    return StreamingResponse(frames(), media_type="text/event-stream", headers=SSE_HEADERS)
