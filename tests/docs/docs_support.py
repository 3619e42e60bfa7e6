"""Helpers shared by the docs tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import specblocks as gr

ROOT = Path(__file__).resolve().parents[2]
DOCS_SRC = ROOT / "docs_src"
JS_EXAMPLES = DOCS_SRC / "clients"
#: Material for MkDocs prints a notice about MkDocs 2.0 on every build unless this is set.
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

#: ``run(*command, timeout=...)``: a finished subprocess (see the ``run`` fixture).
Runner = Callable[..., subprocess.CompletedProcess[str]]


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def load_example(rel: str) -> dict[str, Any]:
    """Run the example module ``docs_src/<rel>`` (not as ``__main__``); return its globals."""
    return runpy.run_path(str(DOCS_SRC / rel), run_name="docs_example")


@contextmanager
def serving(demo: gr.Blocks) -> Iterator[str]:
    """Launch ``demo`` on 127.0.0.1 for the block; yield its URL (with a trailing slash)."""
    _, url, _ = demo.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True
    )
    try:
        yield url
    finally:
        demo.close()


def build_site(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``config`` into ``site_dir`` (run from the repo root)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=ROOT,
        env=MKDOCS_ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
