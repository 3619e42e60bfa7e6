"""Fixtures of the docs tests: the spec catalog, the built site, Node, a command runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs_support import JS_EXAMPLES, ROOT, Runner, build_site

from specblocks_gen.config import Config
from specblocks_gen.ir.model import Catalog
from specblocks_gen.pipeline import load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The repository's spec catalog (what the reference pages are generated from)."""
    return load_catalog(Config.load(ROOT).specs)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site, built with ``mkdocs build --strict`` into a temporary directory."""
    pytest.importorskip("mkdocs", reason="the docs tools are in requirements/docs.txt")
    out = tmp_path_factory.mktemp("site")
    done = build_site(ROOT / "mkdocs.yml", out)
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def node() -> str:
    """``node``, with the JS example's ``@gradio/client`` installed from its lock file."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("the JavaScript example needs node (20+) and npm on PATH", pytrace=False)
    if not (JS_EXAMPLES / "node_modules" / "@gradio" / "client" / "package.json").exists():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=JS_EXAMPLES,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    return node


@pytest.fixture
def run() -> Runner:
    """Run a command with this interpreter's scripts (``specblocks-gen``) first on PATH."""

    def runner(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        return subprocess.run(
            list(args),
            cwd=ROOT,
            env={**os.environ, "PATH": path},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return runner
