"""Helpers shared by the client tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import asyncio
import json
import struct
import subprocess
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from specblocks_client import Client, Job, OutputUpdate, Status, StatusUpdate

#: The app's login and queue size (see ``apps/client_app.py``).
USERNAME, PASSWORD = "u", "p"
QUEUE_MAX_SIZE = 2
GR_ERROR_MESSAGE = "This is a gr.Error message"


@dataclass
class AppServer:
    """An app serving in a subprocess."""

    url: str  # base URL, no trailing slash
    target: str
    process: subprocess.Popen[bytes]
    log: Path


def wait_for(check: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    """Poll ``check`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.02)


def all_updates(job: Job) -> list[StatusUpdate | OutputUpdate]:
    """Every status and output update of ``job``, in order (waits for it to finish)."""

    async def collect() -> list[StatusUpdate | OutputUpdate]:
        return [update async for update in job]

    job.exception(timeout=30)
    return asyncio.run(collect())


def status_codes(job: Job) -> list[Status]:
    """Every status code ``job`` went through, in order (waits for it to finish)."""
    return [u.code for u in all_updates(job) if isinstance(u, StatusUpdate)]


def slow_stats(client: Client, *, reset: bool = False) -> dict[str, int]:
    """What the app's ``/slow`` observed (see ``apps/client_app.py``)."""
    stats: dict[str, int] = json.loads(client.predict(reset, api_name="/stats"))
    return stats


def is_started(job: Job) -> bool:
    """Whether the app is running ``job``."""
    return job.status().code == Status.PROCESSING


def is_queued(job: Job) -> bool:
    """Whether ``job`` waits in the app's queue."""
    return job.status().code == Status.IN_QUEUE


def tiny_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid RGB PNG of one colour (no imaging library needed)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
