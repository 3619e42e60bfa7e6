"""The generated contract tests run (pytest on the generated file) and pass against live apps."""

from __future__ import annotations

import shutil
from pathlib import Path

from typed_support import (
    APPS,
    TSC,
    TSC_OPTIONS,
    Generated,
    generate,
    run,
    run_mypy,
    run_pytest,
    serve,
    ts_workdir,
)

from specblocks_gen.client.source import load_app


def test_generated_contract_tests_pass(client_v1: Generated, app_v1: str) -> None:
    done = run_pytest(client_v1.contract_path, {"TYPED_APP_URL": app_v1})
    assert done.returncode == 0, done.stdout + done.stderr
    # check_api, then one call per endpoint with its example input.
    assert "8 passed" in done.stdout


def test_contract_tests_skip_without_a_url(client_v1: Generated) -> None:
    done = run_pytest(client_v1.contract_path, {"TYPED_APP_URL": ""})
    assert done.returncode == 0, done.stdout
    assert "8 skipped" in done.stdout


def test_every_component_type_generates_checked_clients(tmp_path: Path) -> None:
    with serve(load_app(f"{APPS / 'components_app.py'}:build")) as url:
        client = generate(url, "components", tmp_path / "client")
        contract = run_pytest(client.contract_path, {"COMPONENTS_URL": url})
    assert contract.returncode == 0, contract.stdout + contract.stderr
    assert "21 passed" in contract.stdout

    mypy = run_mypy(client.module_path, client.contract_path)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr

    ts = tmp_path / "ts"
    ts.mkdir()
    shutil.copy(client.ts_path, ts)
    ts_workdir(ts)
    tsc = run([str(TSC), *TSC_OPTIONS, "--noEmit", client.ts_path.name], cwd=ts)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
