"""The queue protocol: join, the per-session stream, cancel, heartbeat."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context
from specblocks.server._messages import (
    Estimation,
    UnexpectedError,
    encode,
)
from specblocks.server._submit import SSE_HEADERS, PredictBody, enqueue

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]


class CancelBody(BaseModel):
    """Which event to cancel."""

    session_hash: str
    fn_index: int
    event_id: str


class ResetBody(BaseModel):
    """Sent by clients after a cancel."""

    event_id: str


@router.post("/queue/join")
async def join(body: PredictBody, request: Request, ctx: Ctx, user: User) -> dict[str, str]:
    """Queue a call; its messages arrive on the session's stream."""
    if body.fn_index is None:
        raise HTTPException(400, "No function index provided.")
    event_id, _ = await enqueue(ctx, request, body, user, body.fn_index)
    # answered once a closing stream of the session has ended: the client then opens a new one
    await ctx.streams.settle(body.session_hash or "")
    return {"event_id": event_id}


@router.get("/queue/data")
async def queue_data(
    session_hash: str, request: Request, ctx: Ctx, _user: User
) -> StreamingResponse:
    """The session's messages as server-sent events, until it has nothing pending."""
    if not await ctx.streams.known(session_hash):
        frame = encode(UnexpectedError(message="404: Not Found", session_not_found=True))

        async def not_found() -> AsyncIterator[bytes]:
            yield frame

        return StreamingResponse(not_found(), media_type="text/event-stream", headers=SSE_HEADERS)

    async def abandoned(event_ids: set[str]) -> None:
        """The client went away mid-stream: drop the work it was following."""
        for event_id in sorted(event_ids):
            await ctx.cancel_event(session_hash, event_id)

    return StreamingResponse(
        ctx.streams.stream(session_hash, abandoned),
        media_type="text/event-stream",
        headers=SSE_HEADERS,
    )


@router.get("/queue/status")
async def queue_status(ctx: Ctx, _user: User) -> dict[str, Any]:
    """How many events wait."""
    size = await ctx.queue.pending()
    return Estimation(event_id="", queue_size=size).model_dump() | {"event_id": None}


@router.post("/cancel")
async def cancel(body: CancelBody, ctx: Ctx, _user: User) -> dict[str, bool]:
    """Cancel a waiting or running event (its stream gets an empty completion)."""
    await ctx.cancel_event(body.session_hash, body.event_id)
    return {"success": True}


@router.post("/reset")
@router.post("/reset/", include_in_schema=False)
def reset(body: ResetBody, _user: User) -> dict[str, bool]:
    """Acknowledge a client's reset after a cancel."""
    return {"success": True}


@router.get("/heartbeat/{session_hash}")
async def heartbeat(
    session_hash: str, request: Request, ctx: Ctx, _user: User
) -> StreamingResponse:
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
