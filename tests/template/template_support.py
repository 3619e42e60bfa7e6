"""Rendered projects for tests/template, and their checks.

Projects are rendered from a git snapshot of this working tree (``template_generated.snapshot``),
tagged like a framework release, so renders are reproducible while the working tree changes
and ``copier update`` can move between two tags. A project's checks are its own noxfile's
sessions: the first project makes its virtual environment with a real ``nox -s tests`` (timed,
see conftest.py); the others run their sessions in that environment
(``nox --no-venv --no-install``), each project installed into it first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from template_generated import FIRST_TAG, clean_environ, render, run

#: Set by ``nox -s template``: the tests that build virtual environments run only then.
SLOW = os.environ.get("SPECBLOCKS_TEMPLATE_TESTS") == "1"
needs_venvs = pytest.mark.skipif(
    not SLOW, reason="builds virtual environments and takes minutes: run by nox -s template"
)


@dataclass
class Project:
    """A rendered project, and the virtual environment its checks run in."""

    path: Path
    venv: Path

    @property
    def python(self) -> Path:
        """The virtual environment's interpreter."""
        return self.venv / "bin" / "python"

    def env(self) -> dict[str, str]:
        """The environment of a shell with the virtual environment activated."""
        env = clean_environ()
        env["VIRTUAL_ENV"] = str(self.venv)
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return env

    def install(self) -> None:
        """Install the project (editable, its dependencies are there) into the environment."""
        done = run(
            [self.python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", "."],
            self.path,
            self.env(),
        )
        assert done.returncode == 0, done.stdout

    def pip_install(self, *args: str) -> None:
        """``pip install ARGS`` into the environment, from the project folder."""
        done = run([self.python, "-m", "pip", "install", "--quiet", *args], self.path, self.env())
        assert done.returncode == 0, done.stdout

    def nox(self, *sessions: str, posargs: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
        """Run the project's nox ``sessions`` in the environment (no new venv, no installs)."""
        args: list[str | Path] = [sys.executable, "-m", "nox", "--no-venv", "--no-install"]
        args += ["-s", *sessions]
        if posargs:
            args += ["--", *posargs]
        return run(args, self.path, self.env())

    def check(self, *sessions: str, posargs: Sequence[str] = ()) -> str:
        """:meth:`nox`, failing the test unless every session succeeds; return the output."""
        done = self.nox(*sessions, posargs=posargs)
        assert done.returncode == 0, f"nox -s {' '.join(sessions)} failed:\n{done.stdout}"
        return done.stdout

    def files(self) -> dict[str, bytes]:
        """Every file of the project (not its caches, venvs or built site), by relative path."""
        skip = {".nox", ".git", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__"}
        skip |= {"node_modules", "site"}
        return {
            p.relative_to(self.path).as_posix(): p.read_bytes()
            for p in sorted(self.path.rglob("*"))
            if p.is_file() and not skip.intersection(p.relative_to(self.path).parts)
        }

    def format_changes(self) -> list[str]:
        """Run ``ruff format`` over the project; the files it changed."""
        before = self.files()
        done = run([self.venv / "bin" / "ruff", "format", "."], self.path, self.env())
        assert done.returncode == 0, done.stdout
        after = self.files()
        return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def render_project(
    template: Path, dst: Path, venv: Path, data: Mapping[str, object], vcs_ref: str = FIRST_TAG
) -> Project:
    """Render ``template`` (at ``vcs_ref``) with ``data`` into ``dst``; install it into ``venv``."""
    answers = {"framework_source": str(template), **data}
    project = Project(render(template, dst, answers, vcs_ref=vcs_ref), venv)
    project.install()
    return project
