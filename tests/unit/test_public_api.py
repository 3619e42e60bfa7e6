"""The public API is exactly what ``__all__`` exports, and covers the whole catalog."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import specblocks
from specblocks import _generated

MODULES = [
    "specblocks",
    "specblocks.components",
    "specblocks.layouts",
    "specblocks.blocks",
    "specblocks.events",
]


@pytest.mark.parametrize("module_name", MODULES)
def test_all_names_exist_and_are_unique(module_name: str) -> None:
    module = importlib.import_module(module_name)
    names = list(module.__all__)
    assert len(names) == len(set(names))
    missing = [name for name in names if not hasattr(module, name)]
    assert missing == []


# Generated classes that Gradio keeps out of its top level too: created by the app itself.
NOT_AT_TOP_LEVEL = {"Form": "specblocks.layouts"}


def test_every_generated_base_has_a_public_subclass_exported_at_top_level() -> None:
    bases = {name.removesuffix("Base") for name in _generated.__all__ if name.endswith("Base")}
    assert bases - set(NOT_AT_TOP_LEVEL) <= set(specblocks.__all__)
    assert not set(NOT_AT_TOP_LEVEL) & set(specblocks.__all__)
    for name in bases:
        home = importlib.import_module(NOT_AT_TOP_LEVEL.get(name, "specblocks"))
        cls = getattr(home, name)
        assert issubclass(cls, getattr(_generated, f"{name}Base"))
        assert cls.__doc__, name


def test_event_data_classes_are_exported() -> None:
    for name in [
        "SelectData",
        "LikeData",
        "RetryData",
        "UndoData",
        "EditData",
        "KeyUpData",
        "CopyData",
        "DownloadData",
        "DeletedFileData",
        "EventData",
    ]:
        assert name in specblocks.__all__


def test_gradio_helpers_presets_and_aliases_are_exported() -> None:
    from specblocks import components
    from specblocks.components._templates import ALIASES, TEMPLATES

    assert {"Examples", "on"} <= set(specblocks.__all__)
    for cls in TEMPLATES:
        assert cls.__name__ in specblocks.__all__
        assert getattr(components, cls.__name__) is cls
        assert cls.__name__ not in components.__all__  # presets are no catalog classes
    for alias, cls in ALIASES.items():
        assert alias in specblocks.__all__
        assert getattr(specblocks, alias) is cls


def test_importing_writes_nothing_to_disk(tmp_path: Path) -> None:
    package = Path(specblocks.__file__).parent
    copy = tmp_path / "specblocks"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(tmp_path)}
    code = "import specblocks; print(specblocks.__file__)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == str(copy / "__init__.py")
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    assert after == before


def test_close_all_stops_every_launched_app() -> None:
    import socket

    import httpx

    apps = []
    for _ in range(2):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with specblocks.Blocks() as demo:
            specblocks.Textbox()
        demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
        apps.append(demo)
    urls = [demo.local_url for demo in apps]
    assert all(httpx.get(f"{url}config").status_code == 200 for url in urls)
    specblocks.close_all()
    assert all(demo.server is None for demo in apps)
    for url in urls:
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{url}config", timeout=2)
