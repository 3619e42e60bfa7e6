"""A disconnect storm: 1,000 sessions whose clients go away mid-job (streams dropped after the
first message, cancels sent mid-stream, streams never opened), each with a heartbeat that
drops too. Afterwards the server holds no more than before (asyncio tasks, sessions, buffered
messages, open file handles) and the next job works."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from gradio_client import Client
from reliability_support import Figures, free_port

import specblocks as gr

STORM = 1000
AT_ONCE = 100


def slow_echo(text: str) -> str:
    time.sleep(0.2)
    return text


@pytest.fixture(scope="module")
def served(pytest_module_env: None) -> Iterator[tuple[str, gr.Blocks]]:
    with gr.Blocks() as demo:
        text, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(slow_echo, text, out, api_name="echo", concurrency_limit=20)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}", demo
    finally:
        demo.close()


@pytest.fixture(scope="module")
def pytest_module_env() -> Iterator[None]:
    """A short session grace, so that sessions of departed clients end within the test."""
    previous = os.environ.get("SPECBLOCKS_SESSION_GRACE")
    os.environ["SPECBLOCKS_SESSION_GRACE"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SPECBLOCKS_SESSION_GRACE"]
        else:
            os.environ["SPECBLOCKS_SESSION_GRACE"] = previous


def _held(demo: gr.Blocks) -> dict[str, int]:
    """What the server holds now, read on its own loop, and the process's open files."""
    assert demo.server is not None
    ctx = demo.server.context
    assert ctx.loop is not None

    held = asyncio.run_coroutine_threadsafe(ctx.resources(), ctx.loop).result(timeout=10)
    held["open_files"] = len(os.listdir("/proc/self/fd"))
    return held


async def _departing_client(http: httpx.AsyncClient, index: int) -> str:
    """One session that joins a job and goes away; how depends on ``index``."""
    session = uuid.uuid4().hex
    kind = ("drop after first message", "cancel mid-stream", "never read")[index % 3]
    async with http.stream("GET", f"/gradio_api/heartbeat/{session}") as heartbeat:
        body = {"data": [f"storm {index}"], "fn_index": 0, "session_hash": session}
        joined = await http.post("/gradio_api/queue/join", json=body)
        joined.raise_for_status()
        event_id = joined.json()["event_id"]
        if kind != "never read":
            params = {"session_hash": session}
            async with http.stream("GET", "/gradio_api/queue/data", params=params) as stream:
                async for line in stream.aiter_lines():
                    if not line.startswith("data: "):
                        continue
                    if json.loads(line[6:])["msg"] in {"estimation", "process_starts"}:
                        if kind == "cancel mid-stream":
                            cancel = {"session_hash": session, "fn_index": 0, "event_id": event_id}
                            await http.post("/gradio_api/cancel", json=cancel)
                        break  # the stream is dropped mid-job
        async for _ in heartbeat.aiter_lines():
            break  # the heartbeat is dropped too
    return kind


def _storm(url: str, count: int) -> dict[str, int]:
    async def scenario() -> dict[str, int]:
        kinds: dict[str, int] = {}
        gate = asyncio.Semaphore(AT_ONCE)
        limits = httpx.Limits(max_connections=3 * AT_ONCE, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:

            async def one(index: int) -> None:
                async with gate:
                    kind = await _departing_client(http, index)
                    kinds[kind] = kinds.get(kind, 0) + 1

            async with asyncio.timeout(300):
                await asyncio.gather(*(one(i) for i in range(count)))
        return kinds

    return asyncio.run(scenario())


def _settled(demo: gr.Blocks, baseline: dict[str, int], timeout: float = 60) -> dict[str, Any]:
    """Wait until the server holds no more than ``baseline`` (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        held = _held(demo)
        over = {k: v for k, v in held.items() if v > baseline[k] + _SLACK.get(k, 0)}
        if not over or time.monotonic() > deadline:
            return held
        time.sleep(0.5)


#: Small differences that are not growth: the test's own open files come and go.
_SLACK = {"open_files": 5, "asyncio_tasks": 2}


def test_no_growth_after_a_disconnect_storm(
    served: tuple[str, gr.Blocks], figures: Figures
) -> None:
    url, demo = served
    _storm(url, 60)  # warm up: thread pools, connection handling, first sessions
    baseline = _settled(demo, dict.fromkeys(_held(demo), 0), timeout=30)
    started = time.monotonic()
    kinds = _storm(url, STORM)
    peak = _held(demo)
    after = _settled(demo, baseline)
    growth = {k: after[k] - baseline[k] for k in after}
    kinds = {k.replace(" ", "_").replace("-", "_"): v for k, v in kinds.items()}
    figures("disconnect storm", sessions=STORM, **kinds,
            seconds=round(time.monotonic() - started, 1),
            peak_tasks=peak["asyncio_tasks"], peak_open_files=peak["open_files"],
            **{f"growth_{k}": v for k, v in growth.items()})  # fmt: skip
    for key, value in growth.items():
        assert value <= _SLACK.get(key, 0), (key, baseline, after)
    client = Client(url, verbose=False)
    try:
        assert client.predict("after the storm", api_name="/echo") == "after the storm"
    finally:
        client.close()
