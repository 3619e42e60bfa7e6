"""The load generator: concurrent client sessions speaking the queue protocol directly.

Each session has its own connection. It joins an event (``POST /gradio_api/queue/join``),
reads its SSE stream (``GET /gradio_api/queue/data``) until ``close_stream``, checks the result
and starts the next request; a cell runs every session for a fixed time (and at most a fixed
number of requests). Requests go through :class:`RawTransport` by default, or httpx.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.rawhttp import RawConnection

JOIN = "/gradio_api/queue/join"
DATA = "/gradio_api/queue/data"
REQUEST_TIMEOUT = 30.0
_GENERATING = b'"msg":"process_generating"'


class ProtocolError(RuntimeError):
    """The server answered something the load generator did not expect."""


@dataclass(frozen=True)
class Workload:
    """One endpoint and how to call and check it."""

    name: str
    #: data for the n-th request (1-based) of a session
    payload: Callable[[int], list[Any]]
    #: whether the final ``output.data`` of the n-th request is right
    check: Callable[[int, list[Any]], bool]
    #: process_generating messages each request must stream (0: not a streaming workload)
    tokens: int = 0


def make_workloads(stream_tokens: int) -> dict[str, Workload]:
    """The four workloads (``stream_tokens`` tokens per streaming request)."""
    text = "hello, benchmark"
    return {
        "echo": Workload("echo", lambda _: [text], lambda _, d: d[:1] == [text]),
        "stream": Workload(
            "stream",
            lambda _: [str(stream_tokens)],
            lambda _, d: d[:1] == ["tok " * stream_tokens],
            tokens=stream_tokens,
        ),
        "state": Workload("state", lambda _: [None], lambda n, d: d[:1] == [str(n)]),
        "sleep": Workload("sleep", lambda _: [text], lambda _, d: d[:1] == [text]),
    }


@dataclass
class CellStats:
    """What one cell (target × workload × concurrency × round) measured."""

    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0  # the measured window
    wall: float = 0.0  # the whole cell, with the requests still running at the deadline
    latencies: list[float] = field(default_factory=list)
    tokens: int = 0  # process_generating messages read within the window
    first_error: str | None = None

    @property
    def throughput(self) -> float:
        """Completed requests per second."""
        return self.requests / self.elapsed if self.elapsed else 0.0

    @property
    def tokens_per_second(self) -> float:
        """Streamed tokens (process_generating messages) per second."""
        return self.tokens / self.elapsed if self.elapsed else 0.0

    def percentile(self, q: float) -> float:
        """The ``q``-quantile of latency in seconds (nearest rank), NaN when empty."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
        return ordered[index]


class Transport(ABC):
    """How one client session sends HTTP requests (one keep-alive connection)."""

    @abstractmethod
    def request(
        self, method: str, target: str, body: bytes | None = None
    ) -> AsyncGenerator[bytes | int, None]:
        """Yield the status code, then the response body's chunks as they arrive."""

    @abstractmethod
    async def aclose(self) -> None:
        """Close the connection."""


class RawTransport(Transport):
    """The lightweight asyncio client (the default: cheap enough not to be the bottleneck)."""

    def __init__(self, base_url: str) -> None:
        host, _, port = _loopback(base_url).rpartition(":")
        self.connection = RawConnection(host, int(port))

    def request(
        self, method: str, target: str, body: bytes | None = None
    ) -> AsyncGenerator[bytes | int, None]:
        """Yield the status code, then the body's chunks."""
        return self.connection.request(method, target, body)

    async def aclose(self) -> None:
        """Close the socket."""
        self.connection.close()


class HttpxTransport(Transport):
    """httpx (``--client httpx``): about 1 ms of client CPU per request.

    Every session gets its own client with a small pool: httpcore scans the whole pool on every
    request, so one pool shared by 64 sessions would make the client the bottleneck.
    """

    def __init__(self, base_url: str) -> None:
        self.client = httpx.AsyncClient(
            base_url=f"http://{_loopback(base_url)}",
            limits=httpx.Limits(max_connections=2, max_keepalive_connections=2),
            timeout=httpx.Timeout(REQUEST_TIMEOUT),
            trust_env=False,
            verify=False,  # plain http only; skips loading CA certificates per client
        )

    async def request(
        self, method: str, target: str, body: bytes | None = None
    ) -> AsyncGenerator[bytes | int, None]:
        """Yield the status code, then the body's chunks."""
        headers = {"content-type": "application/json"} if body is not None else None
        async with self.client.stream(method, target, content=body, headers=headers) as response:
            yield response.status_code
            async for chunk in response.aiter_raw():
                yield chunk

    async def aclose(self) -> None:
        """Close the client."""
        await self.client.aclose()


CLIENTS: dict[str, Callable[[str], Transport]] = {"raw": RawTransport, "httpx": HttpxTransport}
ERRORS = (httpx.HTTPError, OSError, ProtocolError, ValueError, KeyError)


def _loopback(base_url: str) -> str:
    """``host:port`` of a loopback URL; anything else is refused."""
    for prefix in ("http://127.0.0.1:", "http://localhost:"):
        if base_url.startswith(prefix):
            return base_url.removeprefix("http://").rstrip("/")
    raise ValueError(f"the benchmark only talks to loopback servers, not {base_url}")


async def call(
    transport: Transport,
    fn_index: int,
    data: list[Any],
    session_hash: str,
    deadline: float = math.inf,
) -> tuple[list[Any] | None, int, int, float]:
    """One request: join, then read the session stream to ``close_stream`` and disconnect.

    Returns the final output data (None on an error completion), the number of
    process_generating messages in all and of those that arrived before ``deadline``, and the
    perf_counter at process_completed.
    """
    body = json.dumps({"data": data, "fn_index": fn_index, "session_hash": session_hash})
    status = 0
    answer = b""
    async with aclosing(transport.request("POST", JOIN, body.encode())) as join:
        async for part in join:
            if isinstance(part, int):
                status = part
            else:
                answer += part
    if status != 200:
        raise ProtocolError(f"join answered {status}: {answer[:200]!r}")
    event_id = json.loads(answer)["event_id"]
    tokens = in_window = 0
    output: list[Any] | None = None
    completed_at = 0.0
    closed = False
    buffer = b""
    async with aclosing(transport.request("GET", f"{DATA}?session_hash={session_hash}")) as sse:
        async for chunk in sse:
            if isinstance(chunk, int):
                if chunk != 200:
                    raise ProtocolError(f"queue/data answered {chunk}")
                continue
            buffer += chunk
            while (end := buffer.find(b"\n\n")) >= 0:
                frame, buffer = buffer[:end], buffer[end + 2 :]
                if not frame.startswith(b"data:"):
                    continue
                if _GENERATING in frame[:40] and event_id.encode() in frame[:120]:
                    # the hot path of streaming: count without parsing
                    tokens += 1
                    in_window += time.perf_counter() < deadline
                    continue
                message = json.loads(frame[5:])
                kind = message.get("msg")
                if kind == "close_stream":
                    if completed_at == 0.0:
                        raise ProtocolError("close_stream before process_completed")
                    closed = True
                    break
                if message.get("event_id") != event_id:
                    if kind == "unexpected_error":
                        raise ProtocolError(f"unexpected_error: {message}")
                elif kind == "process_generating":
                    tokens += 1
                    in_window += time.perf_counter() < deadline
                elif kind == "process_completed":
                    completed_at = time.perf_counter()
                    if message.get("success"):
                        output = message["output"]["data"]
            if closed:
                # as the official clients do, stop reading at close_stream: the connection
                # closes (specblocks holds the response open until then; Gradio ends it)
                break
    if not closed:
        raise ProtocolError("the stream ended without close_stream")
    return output, tokens, in_window, completed_at


def _problem(workload: Workload, n: int, output: list[Any] | None, tokens: int) -> str | None:
    """What is wrong with the n-th answer of a session, or None."""
    if output is None:
        return "the request failed (process_completed with success=false)"
    if not workload.check(n, output):
        return f"wrong output: {output!r:.200}"
    if tokens != workload.tokens:
        return f"streamed {tokens} process_generating messages, not {workload.tokens}"
    return None


async def run_cell(
    base_url: str,
    fn_index: int,
    workload: Workload,
    *,
    sessions: int,
    seconds: float,
    max_requests: int,
    client: str = "raw",
) -> CellStats:
    """``sessions`` concurrent sessions, each with sequential requests, for ``seconds``.

    Requests that complete after the deadline are finished but not counted. The whole cell is
    bounded by ``max_requests`` and by a hard timeout.
    """
    stats = CellStats()
    budget = [max_requests]
    clients = [CLIENTS[client](base_url) for _ in range(sessions)]
    start = time.perf_counter()
    deadline = start + seconds

    async def session(transport: Transport) -> None:
        session_hash = uuid.uuid4().hex
        n = 0
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            n += 1
            sent = time.perf_counter()
            try:
                output, tokens, in_window, done = await call(
                    transport, fn_index, workload.payload(n), session_hash, deadline
                )
            except ERRORS as exc:
                stats.errors += 1
                stats.first_error = stats.first_error or f"{type(exc).__name__}: {exc}"
                await asyncio.sleep(0.01)
                continue
            stats.tokens += in_window  # streamed within the window, even if it ends after
            problem = _problem(workload, n, output, tokens)
            if problem is not None:
                stats.errors += 1
                stats.first_error = stats.first_error or problem
            if done > deadline:
                return
            if problem is not None:
                continue
            stats.requests += 1
            stats.latencies.append(done - sent)

    try:
        await asyncio.wait_for(
            asyncio.gather(*(session(c) for c in clients)),
            timeout=seconds + 2 * REQUEST_TIMEOUT,
        )
    finally:
        stats.wall = time.perf_counter() - start
        await asyncio.gather(*(c.aclose() for c in clients))
    stats.elapsed = min(stats.wall, seconds)
    return stats


async def fill_sessions(
    base_url: str, fn_index: int, count: int, concurrency: int, client: str = "raw"
) -> int:
    """``count`` distinct sessions, each making one stateful request; return the failures."""
    failures = 0
    remaining = [count]
    clients = [CLIENTS[client](base_url) for _ in range(concurrency)]

    async def worker(transport: Transport) -> None:
        nonlocal failures
        while remaining[0] > 0:
            remaining[0] -= 1
            try:
                output, *_ = await call(transport, fn_index, [None], uuid.uuid4().hex)
            except ERRORS:
                failures += 1
                continue
            if output is None or output[:1] != ["1"]:
                failures += 1

    try:
        await asyncio.wait_for(
            asyncio.gather(*(worker(c) for c in clients)),
            timeout=2 * REQUEST_TIMEOUT + count * 0.1,
        )
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return failures
