"""The generated TypeScript client: ``tsc --strict``, and calls under Node against the live app.

``ts/typed_app_run.ts`` is compiled with ``tsc --strict`` next to the generated
``typed_app.gen.ts`` (its annotations only compile if the generated types fit), then run with
Node against the app; it prints what it observed as JSON.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typed_support import (
    EXPECTED_DIFF,
    HERE,
    TSC,
    TSC_OPTIONS,
    Generated,
    compile_ts,
    run,
    run_node,
    ts_workdir,
)

HARNESS = HERE / "ts" / "typed_app_run.ts"


@pytest.fixture(scope="module")
def compiled(client_v1: Generated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The harness and the version-1 client, compiled; the harness script's path."""
    src = tmp_path_factory.mktemp("ts-src")
    shutil.copy(client_v1.ts_path, src)
    shutil.copy(HARNESS, src)
    out = tmp_path_factory.mktemp("ts-out")
    done = compile_ts(src, out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / "typed_app_run.js"


def test_generated_client_passes_tsc_strict(client_v1: Generated, tmp_path: Path) -> None:
    shutil.copy(client_v1.ts_path, tmp_path)
    ts_workdir(tmp_path)
    done = run([str(TSC), *TSC_OPTIONS, "--noEmit", "typed_app.gen.ts"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_endpoint_returns_typed_results(compiled: Path, app_v1: str) -> None:
    seen = run_node(compiled, app_v1, "calls")
    assert seen["greet"] == "Hello TS!"
    assert seen["multi"] == ["t|2.5|False|c", 5]
    # Left-out parameters take the app's defaults.
    assert seen["defaults"] == ["abc|3|True|b", 6]
    assert seen["types"] == ["string", "number", "number", "string"]
    assert seen["tags"] == "y,z"
    assert seen["counter"] == ["a call#1", "b call#2"]
    # The file result is the FileData object the app sent; its URL serves the file.
    assert seen["file"] == {"size": 11, "status": 200, "text": "hello world"}
    assert seen["label"] == "short"
    assert seen["confidences"] == [["short", 1], ["long", 0]]
    assert seen["streamed"] == "one two three "


def test_check_api_passes_on_the_same_api(compiled: Path, app_v1: str) -> None:
    assert run_node(compiled, app_v1, "check") == {"problems": []}


def test_check_api_reports_what_the_python_client_reports(compiled: Path, app_v2: str) -> None:
    seen = run_node(compiled, app_v2, "check")
    assert seen["problems"] == EXPECTED_DIFF
    assert seen["message"].startswith(f"the API of {app_v2} differs from the one this client")
