"""Direct calls: the two-step REST API (``/call``) and non-queued calls (``/run``)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel
from pydantic_core import to_json

from specblocks.server._auth import current_user
from specblocks.server._context import ServerContext, context
from specblocks.server._endpoints import Endpoint, UnknownEndpoint, in_api
from specblocks.server._messages import (
    CancelledOutput,
    ErrorOutput,
    Output,
    ProcessCompleted,
    ProcessGenerating,
)
from specblocks.server._submit import SSE_HEADERS, PredictBody, enqueue

router = APIRouter()

Ctx = Annotated[ServerContext, Depends(context)]
User = Annotated[str | None, Depends(current_user)]


class CallBody(BaseModel):
    """Arguments of a two-step call."""

    data: list[Any]
    session_hash: str | None = None


def _endpoint(ctx: ServerContext, api_name: str) -> Endpoint:
    try:
        return ctx.endpoints.by_name(api_name)
    except UnknownEndpoint as exc:
        raise HTTPException(404, str(exc)) from None


def _full_inputs(endpoint: Endpoint, data: list[Any]) -> list[Any]:
    """Insert null for inputs left out of the API (State) when only the API inputs are given."""
    api_count = sum(1 for b in endpoint.inputs if in_api(b))
    if len(data) == api_count and api_count != len(endpoint.inputs):
        values = iter(data)
        return [next(values) if in_api(b) else None for b in endpoint.inputs]
    return data


@router.post("/call/{api_name}")
async def call_start(
    api_name: str, body: CallBody, request: Request, ctx: Ctx, user: User
) -> dict[str, str]:
    """Step 1: start a call; returns the id to read its result with."""
    endpoint = _endpoint(ctx, api_name)
    return await _start(
        ctx,
        request,
        endpoint,
        data=_full_inputs(endpoint, body.data),
        session_hash=body.session_hash,
        user=user,
    )


@router.post("/call/v2/{api_name}")
async def call_start_keywords(
    api_name: str, body: dict[str, Any], request: Request, ctx: Ctx, user: User
) -> dict[str, str]:
    """Step 1 with keyword arguments (missing ones take their defaults)."""
    endpoint = _endpoint(ctx, api_name)
    names = endpoint.parameter_names()
    data: list[Any] = []
    unknown = set(body) - {n for n in names if n}
    if unknown:
        raise HTTPException(422, f"unknown argument(s) {sorted(unknown)} for /{endpoint.api_name}")
    for name, block in zip(names, endpoint.inputs, strict=True):
        if not in_api(block):
            data.append(None)
        elif name in body:
            data.append(body[name])
        elif getattr(block, "value", None) is not None:
            data.append(block.initial_value())  # type: ignore[attr-defined]
        else:
            raise HTTPException(422, f"missing argument {name!r} for /{endpoint.api_name}")
    return await _start(ctx, request, endpoint, data=data, session_hash=None, user=user)


async def _start(
    ctx: ServerContext,
    request: Request,
    endpoint: Endpoint,
    *,
    data: list[Any],
    session_hash: str | None,
    user: str | None,
) -> dict[str, str]:
    # a session of its own (unique across every process sharing the queue)
    session = session_hash or f"call-{secrets.token_hex(8)}"
    body = PredictBody(data=data, fn_index=endpoint.fn_index, session_hash=session)
    event_id, _ = await enqueue(ctx, request, body, user, endpoint.fn_index, keep=True)
    return {"event_id": event_id}


def _frame(event: str, data: Any) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + to_json(data) + b"\n\n"


@router.get("/call/{api_name}/{event_id}")
@router.get("/call/v2/{api_name}/{event_id}")
async def call_result(api_name: str, event_id: str, ctx: Ctx, _user: User) -> StreamingResponse:
    """Step 2: the call's outputs as server-sent events: generating, complete or error."""
    watch = await ctx.streams.take_watch(event_id)

    async def frames() -> AsyncIterator[bytes]:
        if watch is None:
            yield _frame("error", f"no pending call with event id {event_id}")
            return
        while True:
            message = await watch.next(ctx.settings.heartbeat)
            if message is None:
                yield _frame("heartbeat", None)
                continue
            if isinstance(message, ProcessGenerating):
                yield _frame("generating", message.output.data)
            elif isinstance(message, ProcessCompleted):
                output = message.output
                if isinstance(output, Output):
                    yield _frame("complete", output.data)
                elif isinstance(output, ErrorOutput):
                    yield _frame("error", output.model_dump())
                else:
                    yield _frame("error", "Cancelled")
                return

    return StreamingResponse(frames(), media_type="text/event-stream", headers=SSE_HEADERS)


@router.post("/run/{api_name}")
@router.post("/api/{api_name}")
async def run(api_name: str, body: PredictBody, request: Request, ctx: Ctx, user: User) -> Response:
    """Run an endpoint without the queue and answer with its outputs."""
    try:
        endpoint = (
            ctx.endpoints.by_index(body.fn_index)
            if body.fn_index is not None
            else ctx.endpoints.by_name(api_name)
        )
    except UnknownEndpoint as exc:
        raise HTTPException(404, str(exc)) from None
    fn_index = endpoint.fn_index
    if getattr(endpoint.dependency.options, "queue", True) and not ctx.settings.api_open:
        raise HTTPException(
            403,
            "This endpoint runs through the queue and the app's direct API is closed "
            "(queue(api_open=False)); use /queue/join or /call.",
        )
    body = body.model_copy(update={"session_hash": body.session_hash or "run"})
    _, watch = await enqueue(ctx, request, body, user, fn_index, watch=True)
    assert watch is not None
    while True:
        message = await watch.next(3600.0)
        if isinstance(message, ProcessCompleted | ProcessGenerating):
            break
    output = message.output
    if isinstance(output, CancelledOutput):
        return JSONResponse({"error": "Cancelled"}, status_code=500)
    # pydantic's encoder, as on the queue's stream (non-finite numbers become null)
    status = output.status if isinstance(output, ErrorOutput) else 200
    return Response(output.model_dump_json(), status_code=status, media_type="application/json")
