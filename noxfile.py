"""The one task runner: ``nox -s demo``, ``nox -s tests``, ``nox -s lint`` …"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "generate", "tests"]

PYTHON = "3.11"
PACKAGES = ["-e", "generator", "-e", "runtime"]


def _install(session: nox.Session, *extra: str) -> None:
    session.install("-r", "requirements/dev.txt", *PACKAGES, *extra)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Serve the showcase app on http://127.0.0.1:7860 (in-process queue, no other services)."""
    session.install(*PACKAGES)
    session.run("python", "examples/showcase.py", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, golden, functional, parity)."""
    _install(session)
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff lint and format check over hand-written and generated code."""
    _install(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the generator, the runtime and the generated code."""
    _install(session)
    session.run("mypy", "generator/src", "runtime/src")


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate from the specs; ``nox -s generate -- --check`` only checks for drift."""
    session.install(*PACKAGES)
    session.run("specblocks-gen", "validate")
    session.run("specblocks-gen", "generate", *session.posargs)


@nox.session(python=PYTHON)
def snapshot(session: nox.Session) -> None:
    """Rebuild tests/parity/gradio-signatures.json from the real Gradio 6.31."""
    session.install("gradio==6.31.0")
    session.run("python", "tests/parity/build_gradio_snapshot.py")
