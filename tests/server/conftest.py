"""A real specblocks server on 127.0.0.1 for the server tests."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import specblocks as gr


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _crash(text: str) -> str:
    raise RuntimeError(f"boom: {text}")


def _slow(text: str) -> str:
    time.sleep(0.2)
    return text


def build_app() -> gr.Blocks:
    """Endpoints covering the failure paths."""
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        number = gr.Number()
        upload = gr.File(type="filepath")
        gr.Button().click(lambda t: t.upper(), text, out, api_name="upper")
        gr.Button().click(lambda n: n * 2, number, number, api_name="double")
        gr.Button().click(_crash, text, out, api_name="crash")
        gr.Button().click(_slow, text, out, api_name="slow")
        gr.Button().click(lambda p: p, upload, upload, api_name="echo_file")
    return demo


@pytest.fixture(scope="session")
def allowed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the server may serve (``allowed_paths``)."""
    folder = tmp_path_factory.mktemp("allowed")
    (folder / "ok.txt").write_text("allowed content")
    return folder


@pytest.fixture(scope="session")
def server(allowed_dir: Path) -> Iterator[str]:
    """The base URL of a running server (max upload 1 kB)."""
    demo = build_app()
    port = free_port()
    demo.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        max_file_size=1000,
        allowed_paths=[str(allowed_dir)],
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        demo.close()


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    """An HTTP client bound to the server."""
    with httpx.Client(base_url=server, timeout=10) as client:
        yield client


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on."""
    return free_port()


@pytest.fixture
def launch() -> Iterator[Callable[..., str]]:
    """Launch apps on free loopback ports (closed after the test); returns their base URLs."""
    started: list[gr.Blocks] = []

    def start(demo: gr.Blocks, **options: Any) -> str:
        port = free_port()
        demo.launch(
            server_name="127.0.0.1",
            server_port=port,
            prevent_thread_lock=True,
            quiet=True,
            **options,
        )
        started.append(demo)
        return f"http://127.0.0.1:{port}"

    yield start
    for demo in started:
        demo.close()
