"""Fixtures of tests/template: the template's snapshot, and the first rendered project.

The first project is rendered with the default answers and tested the way a new user would:
``nox -s tests`` in it, making its virtual environment from scratch (pip's cache helps). The
time from ``copier copy`` to that passing run is written to ``template-timings.json`` in the
pytest temporary folder and printed at the end of the run. Later projects share that
environment.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from template_generated import FIRST_TAG, clean_environ, render, run, snapshot
from template_support import Project

TIMINGS = pytest.StashKey[dict[str, float]]()


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with this working tree (the framework and its template) at FIRST_TAG."""
    return snapshot(tmp_path_factory.mktemp("framework"))


@pytest.fixture(scope="session")
def first_project(
    template_repo: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Project:
    """The project rendered with the defaults, after its own ``nox -s tests`` passed (timed).

    Its environment (``.nox/tests``, with the docs tools added) is the one later projects share.
    """
    path = tmp_path_factory.mktemp("first") / "my-app"
    start = time.monotonic()
    render(template_repo, path, {"framework_source": str(template_repo)}, vcs_ref=FIRST_TAG)
    copied = time.monotonic()
    done = run([sys.executable, "-m", "nox", "-s", "tests"], path, clean_environ())
    finished = time.monotonic()
    assert done.returncode == 0, done.stdout
    timings = {
        "copier_copy_s": round(copied - start, 1),
        "nox_tests_s": round(finished - copied, 1),
        "copy_to_passing_tests_s": round(finished - start, 1),
    }
    record = tmp_path_factory.getbasetemp() / "template-timings.json"
    record.write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    request.config.stash[TIMINGS] = timings
    project = Project(path, path / ".nox" / "tests")
    project.pip_install("-r", "requirements/docs.txt")  # what the `docs` session adds
    return project


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print how long a new project took from ``copier copy`` to passing tests."""
    timings = config.stash.get(TIMINGS, None)
    if timings:
        terminalreporter.section("template: from copier copy to passing tests")
        for name, seconds in timings.items():
            terminalreporter.write_line(f"{name}: {seconds} s")
