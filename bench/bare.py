"""The "speed of light": the least FastAPI + uvicorn server that speaks the queue protocol.

``python -m bench.bare PORT``. It serves ``/config`` (just enough for the load generator),
``POST /gradio_api/queue/join`` and the per-session SSE stream ``GET /gradio_api/queue/data``
for the four workloads, with no queue features: no estimation/process_starts messages, no
limits, no ETAs, no validation beyond what it needs. Sync workload functions (and each step of
the sync generator) run in anyio's worker threads, as a framework must run them, so the user
code costs the same on every target.
"""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import StreamingResponse

from bench import workloads

ENDPOINTS = ("echo", "stream", "state", "sleep")
_CONFIG = {
    "version": "6.31.0",
    "api_prefix": "/gradio_api",
    "protocol": "sse_v3",
    "components": [],
    "dependencies": [{"id": i, "api_name": name} for i, name in enumerate(ENDPOINTS)],
}
_DONE = object()
_CLOSE = b'data: {"msg":"close_stream","event_id":null}\n\n'


def _frame(message: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(message, separators=(",", ":")).encode() + b"\n\n"


@dataclass
class _Session:
    frames: asyncio.Queue[bytes] = field(default_factory=asyncio.Queue)
    pending: int = 0


class BareServer:
    """Sessions, their state and the tasks that run their events."""

    def __init__(self) -> None:
        self.sessions: dict[str, _Session] = {}
        self.states: dict[str, int] = {}
        self.tasks: set[asyncio.Task[None]] = set()

    def join(self, fn_index: int, data: list[Any], session_hash: str) -> str:
        """Start an event; its messages go to the session's stream."""
        event_id = uuid.uuid4().hex
        session = self.sessions.get(session_hash)
        if session is None:
            session = self.sessions[session_hash] = _Session()
        session.pending += 1
        task = asyncio.ensure_future(self.run(session, session_hash, event_id, fn_index, data))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return event_id

    async def run(
        self, session: _Session, session_hash: str, event_id: str, fn_index: int, data: list[Any]
    ) -> None:
        """Run one event and send its messages (completion, then close when idle)."""
        name = ENDPOINTS[fn_index]
        try:
            if name == "stream":
                out = await self._stream(session, event_id, str(data[0]))
            elif name == "state":
                shown, value = await _in_thread(workloads.counter, self.states.get(session_hash, 0))
                self.states[session_hash] = value
                out = [shown, None]
            else:
                fn = workloads.echo if name == "echo" else workloads.sleep
                out = [await _in_thread(fn, data[0])]
            output: dict[str, Any] = {"data": out, "is_generating": False}
            success = True
        except Exception as exc:  # the protocol reports errors on the stream
            output, success = {"error": str(exc)}, False
        session.frames.put_nowait(
            _frame(
                {
                    "msg": "process_completed",
                    "event_id": event_id,
                    "output": output,
                    "success": success,
                }
            )
        )
        session.pending -= 1
        if not session.pending:
            session.frames.put_nowait(_CLOSE)

    async def _stream(self, session: _Session, event_id: str, count: str) -> list[Any]:
        iterator: Iterator[str] = await _in_thread(workloads.stream, count)
        previous: str | None = None
        while True:
            item = await _in_thread(next, iterator, _DONE)
            if item is _DONE:
                return [previous]
            text = str(item)
            if previous is not None and text.startswith(previous):
                value: Any = [["append", [], text[len(previous) :]]]
            else:
                value = text if previous is None else [["replace", [], text]]
            previous = text
            session.frames.put_nowait(
                _frame(
                    {
                        "msg": "process_generating",
                        "event_id": event_id,
                        "output": {"data": [value], "is_generating": True},
                        "success": True,
                    }
                )
            )

    async def frames(self, session_hash: str) -> AsyncIterator[bytes]:
        """The session's SSE frames until ``close_stream``."""
        session = self.sessions[session_hash]
        try:
            while True:
                frame = await session.frames.get()
                yield frame
                if frame is _CLOSE:
                    return
        finally:
            if not session.pending and session.frames.empty():
                self.sessions.pop(session_hash, None)


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return await anyio.to_thread.run_sync(fn, *args)


def create_app() -> FastAPI:
    """The FastAPI app of the bare server."""
    server = BareServer()
    api = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    config = json.dumps(_CONFIG).encode()

    @api.get("/config")
    async def get_config() -> Response:
        return Response(config, media_type="application/json")

    @api.post("/gradio_api/queue/join")
    async def join(request: Request) -> Response:
        body = await request.json()
        event_id = server.join(int(body["fn_index"]), body["data"], str(body["session_hash"]))
        return Response(b'{"event_id":"' + event_id.encode() + b'"}', media_type="application/json")

    @api.get("/gradio_api/queue/data")
    async def data(session_hash: str) -> Response:
        if session_hash not in server.sessions:
            frame = _frame({"msg": "unexpected_error", "event_id": None, "success": False})
            return Response(frame, media_type="text/event-stream")
        return StreamingResponse(server.frames(session_hash), media_type="text/event-stream")

    return api


def main(argv: list[str]) -> int:
    """Serve on 127.0.0.1:``argv[0]`` until killed."""
    if len(argv) != 1:
        print("usage: python -m bench.bare PORT", file=sys.stderr)
        return 2
    uvicorn.run(create_app(), host="127.0.0.1", port=int(argv[0]), log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
