"""Helpers of the typed-client tests: serve apps in this process, generate clients, run tools."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from specblocks_gen.cli import main as generator_main

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
APPS = HERE / "apps"
TS_DIR = ROOT / "clients" / "ts"
TSC = TS_DIR / "node_modules" / ".bin" / "tsc"
#: Compiler options for a generated client compiled on its own (no tsconfig).
TSC_OPTIONS = [
    "--strict",
    "--target",
    "ES2022",
    "--module",
    "ESNext",
    "--moduleResolution",
    "Bundler",
    "--lib",
    "ES2022,DOM",
    "--types",
    "node",
    "--skipLibCheck",
]
TIMEOUT = 120
#: The name the sample app's clients are generated under.
NAME = "typed_app"

#: What changed from version 1 to version 2, as ``check_api()`` reports it.
EXPECTED_DIFF = [
    "/greet: parameter 'name' removed (string)",
    "/greet: parameter 'who' added (string, required)",
    "/multi: parameter 'n' component changed: Number -> Textbox",
    "/multi: parameter 'n' type changed: number -> string",
    "/multi: parameter 'n' default changed: 3 -> \"3\"",
    "/stream: endpoint removed",
    "/ping: endpoint added",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Launch ``app`` on a free port of 127.0.0.1 in this process; yield its URL; close it."""
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        app.close()


@dataclass(frozen=True)
class Generated:
    """A client generated into ``folder``."""

    name: str
    folder: Path

    @property
    def module_path(self) -> Path:
        return self.folder / f"{self.name}_client.py"

    @property
    def contract_path(self) -> Path:
        return self.folder / f"test_{self.name}_contract.py"

    @property
    def ts_path(self) -> Path:
        return self.folder / f"{self.name}.gen.ts"

    def files(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.folder.iterdir()) if p.is_file()}

    def load(self, alias: str) -> ModuleType:
        """Import the client module under the name ``alias`` (versions may coexist)."""
        spec = importlib.util.spec_from_file_location(alias, self.module_path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[alias] = module
        spec.loader.exec_module(module)
        return module


def generate(url: str, name: str, folder: Path) -> Generated:
    """Run ``specblocks-gen client --url`` in this process."""
    code = generator_main(["client", "--url", url, "--name", name, "--out", str(folder)])
    assert code == 0
    return Generated(name, folder)


def run(args: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Any:
    """Run a command; return the completed process (text output)."""
    return subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def run_pytest(test_file: Path, env: dict[str, str]) -> Any:
    """Run pytest on one generated contract-test module in a fresh interpreter."""
    return run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        cwd=test_file.parent,
        env=env,
    )


def run_mypy(*paths: Path) -> Any:
    """``mypy --strict`` on generated modules (one folder) with the project's settings."""
    folder = str(paths[0].parent)
    return run(
        [sys.executable, "-m", "mypy", "--strict", *map(str, paths)], env={"MYPYPATH": folder}
    )


def ts_workdir(folder: Path) -> Path:
    """Make ``folder`` see the pinned TypeScript packages of clients/ts (node_modules link)."""
    if not (TS_DIR / "node_modules" / "@gradio" / "client" / "package.json").exists():
        npm = shutil.which("npm")
        assert npm is not None, "the TypeScript tests need npm on PATH"
        done = run([npm, "ci", "--no-audit", "--no-fund"], cwd=TS_DIR)
        assert done.returncode == 0, f"npm ci failed in {TS_DIR}:\n{done.stdout}{done.stderr}"
    link = folder / "node_modules"
    if not link.exists():
        link.symlink_to(TS_DIR / "node_modules", target_is_directory=True)
    return folder


def compile_ts(folder: Path, out: Path) -> Any:
    """Compile every ``*.ts`` in ``folder`` to ES modules in ``out``."""
    ts_workdir(folder)
    files = sorted(str(p) for p in folder.glob("*.ts"))
    done = run([str(TSC), *TSC_OPTIONS, "--outDir", str(out), *files], cwd=folder)
    (out / "package.json").write_text(json.dumps({"type": "module"}), encoding="utf-8")
    link = out / "node_modules"
    if not link.exists():
        link.symlink_to(TS_DIR / "node_modules", target_is_directory=True)
    return done


def run_node(script: Path, *args: str) -> dict[str, Any]:
    """Run a compiled script; parse the JSON object it prints last."""
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need node (20+) on PATH"
    done = run([node, str(script), *args], cwd=script.parent)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, f"node failed:\n{done.stdout}\n{done.stderr}"
    assert lines, f"node printed no JSON:\n{done.stdout}\n{done.stderr}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result
