"""The committed example clients (clients/generated, for examples/showcase.py) stay current.

Regenerate them with
``specblocks-gen client --app examples/showcase.py:demo --name showcase --out clients/generated``.
"""

from __future__ import annotations

import sys

from typed_support import ROOT, TS_DIR, TSC, run, run_mypy, run_pytest, serve, ts_workdir

from specblocks_gen.client.source import load_app

GENERATED = ROOT / "clients" / "generated"
COMMAND = [
    *(sys.executable, "-m", "specblocks_gen", "client"),
    *("--app", "examples/showcase.py:demo", "--name", "showcase", "--out", "clients/generated"),
]


def test_regenerating_the_examples_gives_the_same_bytes() -> None:
    done = run([*COMMAND, "--check"])
    assert done.returncode == 0, f"regenerate with: {' '.join(COMMAND[3:])}\n{done.stderr}"


def test_the_python_example_passes_mypy_strict() -> None:
    done = run_mypy(GENERATED / "showcase_client.py", GENERATED / "test_showcase_contract.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_ts_example_passes_tsc_strict() -> None:
    ts_workdir(TS_DIR)
    done = run([str(TSC), "--strict", "--noEmit", "-p", str(TS_DIR)])
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_example_contract_tests_pass_against_the_showcase() -> None:
    with serve(load_app(f"{ROOT / 'examples' / 'showcase.py'}:demo")) as url:
        done = run_pytest(GENERATED / "test_showcase_contract.py", {"SHOWCASE_URL": url})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout
