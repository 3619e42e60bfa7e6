"""Contract suite: real apps on 127.0.0.1, driven by the unmodified official clients.

The sample app (``tests/support/sample_app.py``, shared with tests/clients) runs in a
subprocess, on specblocks by default or on real Gradio with ``--contract-target=gradio`` (then
``--gradio-python`` names the interpreter that has gradio installed; by default the current
one, as in ``nox -s contract_gradio``)::

    pytest tests/contract                                   # against specblocks
    pytest tests/contract --contract-target=gradio --gradio-python=/path/to/venv/bin/python
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from contract_support import JsRunner
from sample_support import AppServer, launch_app, stop, wait_ready

HERE = Path(__file__).parent
JS_DIR = HERE / "js"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "contract suite (tests/contract)")
    group.addoption(
        "--contract-target",
        choices=("specblocks", "gradio"),
        default="specblocks",
        help="framework that serves the sample app (default: specblocks)",
    )
    group.addoption(
        "--gradio-python",
        default=None,
        help="python interpreter with gradio 6.31 installed, for --contract-target=gradio "
        "(default: this interpreter)",
    )


def _interpreter(config: pytest.Config, target: str) -> str:
    if target == "specblocks":
        return sys.executable
    chosen: str | None = config.getoption("--gradio-python")
    if chosen:
        return chosen
    if importlib.util.find_spec("gradio") is None:
        pytest.fail(
            "--contract-target=gradio needs gradio: run `nox -s contract_gradio`, or pass "
            "--gradio-python=<python of an env with gradio==6.31.0>",
            pytrace=False,
        )
    return sys.executable


def _start_app(config: pytest.Config, tmp: Path, *, auth: bool = False) -> Iterator[AppServer]:
    target: str = config.getoption("--contract-target")
    server = launch_app(_interpreter(config, target), target, tmp, auth=auth)
    try:
        wait_ready(server, {200, 401} if auth else {200})
        yield server
    finally:
        stop(server)


@pytest.fixture(scope="session")
def app(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The sample app, shared by the whole session."""
    yield from _start_app(pytestconfig, tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="session")
def auth_app(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """The sample app behind ``launch(auth=("u", "p"))``."""
    yield from _start_app(pytestconfig, tmp_path_factory.mktemp("auth-app"), auth=True)


@pytest.fixture(scope="session")
def node() -> str:
    """``node``, with ``@gradio/client`` installed from the lock file (``npm ci``) if needed."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("the JS contract tests need node (20+) and npm on PATH", pytrace=False)
    if not (JS_DIR / "node_modules" / "@gradio" / "client" / "package.json").exists():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci failed in {JS_DIR}:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return node


@pytest.fixture(scope="session")
def run_js(node: str) -> JsRunner:
    """``run_js(url, scenario)``: run one scenario of ``js/scenarios.mjs``, parse its JSON line."""

    def run(url: str, scenario: str) -> dict[str, Any]:
        return _run_js(node, url, scenario)

    return run


def _run_js(node: str, url: str, scenario: str, timeout: float = 60) -> dict[str, Any]:
    done = subprocess.run(
        [node, str(JS_DIR / "scenarios.mjs"), url, scenario],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        pytest.fail(
            f"JS scenario {scenario!r} failed (exit {done.returncode}):\n"
            f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}",
            pytrace=False,
        )
    result: dict[str, Any] = json.loads(lines[-1])
    return result
