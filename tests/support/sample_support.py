"""What tests/clients and tests/contract share: the sample app in a subprocess, and helpers.

pytest puts this folder on ``sys.path`` (``pythonpath`` in pyproject.toml), so both suites
``import sample_support``. The app itself is ``sample_app.py`` next to this module.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import time
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

SAMPLE_APP = Path(__file__).with_name("sample_app.py")
#: The sample app's login (see ``sample_app.py``).
USERNAME, PASSWORD = "u", "p"
#: The sample app's ``queue(max_size=...)``.
QUEUE_MAX_SIZE = 2
GR_ERROR_MESSAGE = "This is a gr.Error message"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


@dataclass
class AppServer:
    """A sample app serving in a subprocess."""

    url: str  # base URL, no trailing slash
    target: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def launch_app(python: str, target: str, tmp: Path, *, auth: bool) -> AppServer:
    """Start the sample app with ``python`` on ``target`` (``specblocks`` or ``gradio``).

    The app logs to a file in ``tmp``; call :func:`wait_ready` before using it.
    """
    port = free_port()
    log = tmp / f"app-{port}.log"
    env = {
        **os.environ,
        "SAMPLE_APP_FRAMEWORK": target,
        "GRADIO_ANALYTICS_ENABLED": "False",
        "GRADIO_TEMP_DIR": str(tmp / "server-files"),
        "PYTHONUNBUFFERED": "1",
    }
    args = [python, str(SAMPLE_APP), "--port", str(port), *(["--auth"] if auth else [])]
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    return AppServer(f"http://127.0.0.1:{port}", target, process, log)


def stop(server: AppServer) -> None:
    """Terminate the app (kill it if it does not stop in time)."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def wait_ready(server: AppServer, ready: Collection[int]) -> None:
    """Wait until ``/config`` answers with a status in ``ready``; else stop the app and fail."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            if httpx.get(f"{server.url}/config", timeout=2).status_code in ready:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop(server)
    tail = server.log.read_text(errors="replace")[-4000:]
    pytest.fail(f"the {server.target} sample app did not start at {server.url}:\n{tail}")


def queue_messages(http: httpx.Client, session: str) -> list[dict[str, Any]]:
    """A session's queue messages up to ``close_stream``, where a client disconnects."""
    messages: list[dict[str, Any]] = []
    params = {"session_hash": session}
    with http.stream("GET", "/gradio_api/queue/data", params=params) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            if line.startswith("data: "):
                messages.append(json.loads(line[6:]))
                if messages[-1]["msg"] in {"close_stream", "unexpected_error"}:
                    break
    return messages


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


def check_files_round_trip(
    client: Any,
    handle_file: Callable[[Path], Any],
    downloads: Path,
    tmp_path: Path,
    content: bytes,
) -> None:
    """Send a file and a 5x3 PNG through the app's ``/files``; check what was downloaded.

    ``client`` (downloading into ``downloads``) and ``handle_file`` are those of the client
    under test: specblocks_client in tests/clients, gradio_client in tests/contract.
    """
    text = tmp_path / "sample.txt"
    text.write_bytes(content)
    image = tmp_path / "red.png"
    image.write_bytes(tiny_png(5, 3, (255, 0, 0)))
    file_out, image_out = client.predict(handle_file(text), handle_file(image), api_name="/files")
    assert Path(file_out).is_relative_to(downloads)
    assert Path(file_out).name == "sample.txt"
    assert Path(file_out).read_bytes() == text.read_bytes()
    assert Path(image_out).is_relative_to(downloads)
    assert png_size(Path(image_out).read_bytes()) == (5, 3)


def check_multi_defaults(client: Any) -> None:
    """``/multi`` fills missing arguments from its inputs' values, through ``client``.

    The inputs are Textbox "abc", Number 3, Checkbox True and Dropdown "b".
    """
    assert client.predict(api_name="/multi") == ("abc|3|True|b", 6)
    assert client.predict("x", api_name="/multi") == ("x|3|True|b", 6)
    assert client.predict("y", 5, choice="a", api_name="/multi") == ("y|5|True|a", 10)
