"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for loopback benchmarks only.

httpx costs about 1 ms of client CPU per request, so with one core for the load generator it
saturates near 550 protocol round trips per second — below what the servers can do. This client
does only what the benchmark needs (a JSON POST, a streamed GET; Content-Length and chunked
bodies) at a small fraction of that cost, so the servers stay the bottleneck.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator


class HTTPError(OSError):
    """The connection broke or the server answered something this client cannot read."""


class RawConnection:
    """One keep-alive connection to ``host:port``, reopened when the server closed it."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def request(
        self, method: str, target: str, body: bytes | None = None
    ) -> AsyncGenerator[bytes | int, None]:
        """Send a request; yield the status code, then the body's chunks as they arrive.

        Read it to the end (the connection is then reused); stopping early closes it.
        """
        head = f"{method} {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        payload = head.encode() + b"\r\n" + (body or b"")
        complete = False
        try:
            reader, raw_headers = await self._send(payload)
            status, length, chunked, keep_alive = _parse_head(raw_headers)
            yield status
            if chunked:
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    if size == 0:
                        await reader.readuntil(b"\r\n")
                        break
                    yield (await reader.readexactly(size + 2))[:-2]
            elif length is not None:
                if length:
                    yield await reader.readexactly(length)
            else:
                keep_alive = False
                while chunk := await reader.read(65536):
                    yield chunk
            complete = keep_alive
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            raise HTTPError(f"{method} {target}: {type(exc).__name__}: {exc}") from exc
        finally:
            if not complete:
                self.close()

    async def _send(self, payload: bytes) -> tuple[asyncio.StreamReader, bytes]:
        """Write the request and read the response head (retrying once on a stale socket)."""
        for attempt in (1, 2):
            fresh = self._writer is None or self._writer.is_closing()
            reader, writer = await self._open()
            try:
                writer.write(payload)
                return reader, await reader.readuntil(b"\r\n\r\n")
            except (OSError, asyncio.IncompleteReadError):
                self.close()
                if fresh or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the socket (a later request reconnects)."""
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
        self._reader = self._writer = None


def _parse_head(head: bytes) -> tuple[int, int | None, bool, bool]:
    """Status, Content-Length, whether chunked, whether keep-alive."""
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length: int | None = None
    chunked = False
    keep_alive = True
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            keep_alive = b"close" not in value.lower()
    return status, length, chunked, keep_alive
