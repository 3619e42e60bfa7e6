"""The built wheels install into an environment that already has other versions of the big
libraries, keep those versions, and serve an app that the official client calls.

A library lands in environments that hold their own NumPy, pandas and pydantic (an ML
project's, say). Here a fresh virtual environment first gets releases of those three that the
distributions' ranges allow but that differ from the lock and from the lower bounds; then the
three wheels, built from this checkout, are installed with pip's normal resolution. Nothing
installed before may move, ``pip check`` must pass, and an app using all three libraries must
answer ``gradio_client``. The newest Python of 3.13 and 3.12 that pyenv has (or
``SPECBLOCKS_INSTALL_PYTHON``) runs the environment, else this interpreter.

Run by ``nox -s lowest`` (it needs the package index).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file
from sample_support import free_port, tiny_png, wait_for

ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTIONS = ["runtime", "generator", "clients/python"]
#: Allowed by the ranges, different from requirements/lock.txt and from the lower bounds.
ALREADY_THERE = {"numpy": "2.1.3", "pandas": "2.2.3", "pydantic": "2.12.5"}

APP = """
import sys

import numpy as np
import pandas as pd

import specblocks as gr


def describe(table: pd.DataFrame, image: np.ndarray) -> tuple[pd.DataFrame, str]:
    doubled = table.assign(b=table["a"] * 2)
    return doubled, f"{type(table).__name__} {image.shape[0]}x{image.shape[1]} {image.dtype}"


demo = gr.Interface(
    describe,
    [gr.Dataframe(type="pandas", headers=["a"]), gr.Image(type="numpy")],
    [gr.Dataframe(), gr.Textbox()],
    api_name="describe",
)
demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]))
"""


def _python() -> str:
    chosen = os.environ.get("SPECBLOCKS_INSTALL_PYTHON")
    if chosen:
        return chosen
    pyenv = shutil.which("pyenv")
    if pyenv:
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
        versions = Path(root.stdout.strip()) / "versions"
        for minor in ("3.13", "3.12"):
            found = sorted(versions.glob(f"{minor}.*/bin/python{minor}"))
            if found:
                return str(found[-1])
    return sys.executable


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=900, check=False
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _versions(python: Path) -> dict[str, str]:
    listed = _run(python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check")
    return dict(
        line.split("==", 1) for line in listed.splitlines() if "==" in line and line[0] != "-"
    )


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("wheels")
    for folder in DISTRIBUTIONS:
        _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT / folder)
    built = sorted(out.glob("*.whl"))
    assert len(built) == len(DISTRIBUTIONS), built
    return built


def test_the_wheels_install_beside_other_versions_and_serve_an_app(
    wheels: list[Path], tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    _run(_python(), "-m", "venv", venv)
    python = venv / "bin" / "python"
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run(*pip, "install", *(f"{name}=={version}" for name, version in ALREADY_THERE.items()))
    before = _versions(python)

    _run(*pip, "install", *wheels)
    after = _versions(python)
    moved = {n: (before[n], after.get(n)) for n in before if after.get(n) != before[n]}
    assert moved == {}, f"installing the wheels changed packages already there: {moved}"
    assert {"specblocks", "specblocks-client", "specblocks-generator"} <= after.keys()
    _run(python, "-m", "pip", "check")
    print(
        "\ninstall beside other versions:",
        _run(python, "--version").strip(),
        ", ".join(f"{n} {after[n]}" for n in ALREADY_THERE),
        f"(fastapi {after['fastapi']}, starlette {after['starlette']})",
    )

    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP), encoding="utf-8")
    image = tmp_path / "dot.png"
    image.write_bytes(tiny_png(3, 2, (0, 0, 0)))
    port = free_port()
    server = subprocess.Popen(
        [python, app, str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/"

        def started() -> bool:
            assert server.poll() is None, server.communicate()[0]
            try:
                return httpx.get(url + "config", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(started, "the app to start", timeout=60)
        table, text = Client(url, verbose=False).predict(
            {"headers": ["a"], "data": [[1], [4]]}, handle_file(str(image)), api_name="/describe"
        )
        assert text == "DataFrame 2x3 uint8"
        assert table["headers"] == ["a", "b"]
        assert table["data"] == [[1, 2], [4, 8]]
    finally:
        server.terminate()
        server.communicate(timeout=30)  # reaps it and closes its output pipe
