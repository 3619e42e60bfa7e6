"""Helpers shared by the contract tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import struct
import subprocess
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: The sample app's login (see ``apps/sample.py``).
USERNAME, PASSWORD = "u", "p"
#: The sample app's ``queue(max_size=...)``.
QUEUE_MAX_SIZE = 2
#: What Gradio tells clients about an exception when ``show_error`` is off.
GENERIC_ERROR = "has not enabled verbose error reporting"
GR_ERROR_MESSAGE = "This is a gr.Error message"
#: ``run_js(url, scenario)``: what a ``js/scenarios.mjs`` scenario observed.
JsRunner = Callable[[str, str], dict[str, Any]]


@dataclass
class AppServer:
    """A sample app serving in a subprocess."""

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
