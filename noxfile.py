"""The one task runner: ``nox -s demo``, ``nox -s tests``, ``nox -s lint`` …"""

from __future__ import annotations

import os
from pathlib import Path

import nox

# uv makes the environments and installs into them (pip took most of a CI run's set-up time).
nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "typecheck", "generate", "tests"]

PYTHON = "3.11"
#: The exact version of every Python package the sessions install (``nox -s lock`` writes it);
#: the distributions themselves declare ranges.
LOCK = "requirements/lock.txt"
LOCKED = ["-c", LOCK]
#: What specblocks is compared with: Gradio 6.31 (contract, parity and benchmark sessions).
COMPARE = ["-r", "requirements/compare.txt"]
#: What the lock is resolved from: the three distributions (all extras) and the tool lists.
LOCK_INPUTS = [
    "runtime/pyproject.toml",
    "generator/pyproject.toml",
    "clients/python/pyproject.toml",
    "requirements/dev.txt",
    "requirements/docs.txt",
    "requirements/media.txt",
    "requirements/reliability.txt",
    "requirements/nox.txt",
    "requirements/compare.txt",
]
PACKAGES = ["-e", "generator", "-e", "runtime[redis]", "-e", "clients/python"]
#: The same with the runtime's `testing` extra (Playwright), for browser tests and type checks.
TESTING_PACKAGES = ["-e", "generator", "-e", "runtime[testing,redis]", "-e", "clients/python"]
#: Material for MkDocs prints a notice about MkDocs 2.0 on every build unless this is set.
DOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def _npm_ci(session: nox.Session) -> None:
    """Install the pinned Node packages of the current directory (from its package-lock.json)."""
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True, silent=True)


def _install(session: nox.Session, *extra: str) -> None:
    session.install(*LOCKED, "-r", "requirements/dev.txt", *PACKAGES, *extra)


@nox.session(python=PYTHON)
def demo(session: nox.Session) -> None:
    """Serve the showcase app on http://127.0.0.1:7860 (in-process queue, no other services)."""
    session.install(*LOCKED, *PACKAGES)
    session.run("python", "examples/showcase.py", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, golden, functional, parity, server, contract vs specblocks).

    The browser tests (``nox -s e2e``) and the template's rendered projects (``nox -s template``)
    run in their own sessions.
    """
    _install(session, "-r", "requirements/docs.txt")  # tests/docs builds the site
    # tests/golden type-checks generated TypeScript with the frontend's pinned tsc.
    with session.chdir("frontend"):
        _npm_ci(session)
    # pytest-xdist: two workers by default (CI has two cores); ``-- -n 0`` runs in one process.
    workers = [] if any(a.startswith("-n") for a in session.posargs) else ["-n", "2"]
    session.run(
        "pytest",
        "--ignore=tests/e2e",
        "--ignore=tests/template",
        "--ignore=tests/reliability",
        "--ignore=tests/scaleout",
        "--ignore=tests/install",
        *workers,
        *session.posargs,
    )


#: The test tools of ``nox -s lowest``, at their locked versions (the optional libraries the
#: unit tests use when they are there included, so no test is skipped for want of them).
LOWEST_TOOLS = ["pip", "pytest", "pytest-xdist", "gradio-client", "grimp", "matplotlib", "polars"]


def _locked(*names: str) -> list[str]:
    """``name==version`` for each of ``names``, as the lock has them."""
    pins: dict[str, str] = {}
    for line in Path(LOCK).read_text(encoding="utf-8").splitlines():
        requirement = line.split(";")[0].strip()
        if "==" in requirement and not line.startswith((" ", "#")):
            pins.setdefault(requirement.split("==")[0].lower(), requirement)
    missing = [n for n in names if n.lower() not in pins]
    if missing:
        raise ValueError(f"{LOCK} has no version of {', '.join(missing)}: run `nox -s lock`")
    return [pins[n.lower()] for n in names]


@nox.session(python=PYTHON)
def lock(session: nox.Session) -> None:
    """Refresh requirements/lock.txt from the distributions' ranges and the tool lists.

    Versions already in the lock are kept while they still fit; ``-- --upgrade`` moves every
    package to its newest allowed version (``-- --upgrade-package NAME`` one package).
    ``-- --check`` changes nothing and fails when the lock no longer matches its inputs.
    """
    session.install(*LOCKED, "uv")
    check = "--check" in session.posargs
    extra = [a for a in session.posargs if a != "--check"]
    output = Path(LOCK)
    if check:
        output = Path(session.create_tmp()) / "lock.txt"
        output.write_bytes(Path(LOCK).read_bytes())  # the current pins, as preferences
    session.run(
        "uv", "pip", "compile", "--quiet", "--universal", "--python-version", PYTHON,
        "--all-extras", "--custom-compile-command", "nox -s lock", *LOCK_INPUTS,
        "--output-file", str(output), *extra,
    )  # fmt: skip
    if check and output.read_bytes() != Path(LOCK).read_bytes():
        session.error(f"{LOCK} does not match its inputs: run `nox -s lock` and commit it")


@nox.session(python=PYTHON)
def lowest(session: nox.Session) -> None:
    """The unit and server tests on the lowest version of every dependency the ranges allow.

    ``uv pip install --resolution lowest-direct``: each distribution's own requirements at their
    lower bounds (their dependencies at the newest versions that fit), the test tools at their
    locked versions. First the runtime and the client alone (the server tests), then with the
    generator added (the unit tests and ``specblocks-gen generate --check``: the generator's
    output is the same, byte for byte, at its lower bounds). Last, tests/install: the built
    wheels installed beside other releases of NumPy, pandas and pydantic, serving an app.
    """
    session.install(*LOCKED, "uv")
    python = str(Path(session.bin) / "python")
    # --upgrade: resolved afresh each time, not from what is installed (a dependency that a test
    # tool brought in at a newer version would otherwise stay above its lower bound).
    install = ["uv", "pip", "install", "--quiet", "--python", python, "--upgrade"]
    install += ["--resolution", "lowest-direct", *_locked(*LOWEST_TOOLS)]
    runtime = ["-e", "runtime[redis]", "-e", "clients/python"]
    workers = [] if any(a.startswith("-n") for a in session.posargs) else ["-n", "2"]
    session.run(*install, *runtime)
    session.run("uv", "pip", "list", "--python", python)
    session.run("pytest", "tests/server", "-p", "no:cacheprovider", *workers, *session.posargs)
    session.run(*install, *runtime, "-e", "generator")
    session.run("uv", "pip", "list", "--python", python)
    session.run("specblocks-gen", "generate", "--check")
    session.run("pytest", "tests/unit", "-p", "no:cacheprovider", *workers, *session.posargs)
    # The built wheels beside other releases of NumPy, pandas and pydantic (prints them).
    session.run("pytest", "tests/install", "-p", "no:cacheprovider", "-s", *session.posargs)


@nox.session(python=PYTHON)
def reliability(session: nox.Session) -> None:
    """The reliability and security suite (tests/reliability) against real servers on loopback.

    Auth coverage of every route, login rate limits, file safety, fuzzing of the HTTP API
    (schemathesis), property tests of the payload codecs (hypothesis), bursts, disconnect
    storms and graceful shutdown. Prints each check's figures and writes them to
    test-results/reliability.json. One process: the figures measure the server, not a
    neighbour test.
    """
    _install(session, "-r", "requirements/reliability.txt")
    session.run("pytest", "tests/reliability", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=PYTHON)
def scaleout(session: nox.Session) -> None:
    """Three replicas on one Redis behind round-robin nginx, driven by the official clients.

    Streaming, progress, State across replicas, a global limit, a cancel reaching the replica
    that runs the job, bursts from ``gradio_client`` and ``@gradio/client``, and a replica
    SIGKILLed mid-burst with every job accounted for. Needs ``redis-server`` and ``nginx``
    (Debian packages) and Node; prints the figures and writes test-results/scaleout.json.
    """
    _install(session)
    with session.chdir("tests/contract/js"):
        _npm_ci(session)
    session.run("pytest", "tests/scaleout", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python=PYTHON)
def frontend(session: nox.Session) -> None:
    """Type-check and bundle the browser UI into the runtime package (``-- --check``: drift only).

    Needs Node 20 and npm (dependencies pinned by frontend/package-lock.json).
    """
    check = ["--", "--check"] if "--check" in session.posargs else []
    with session.chdir("frontend"):
        _npm_ci(session)
        session.run("npm", "run", "typecheck", external=True)
        session.run("npm", "run", "build", *check, external=True)


@nox.session(python=PYTHON)
def e2e(session: nox.Session) -> None:
    """Browser tests in headless system Chromium: generated per component, plus example apps.

    Writes the matrix coverage report to docs/reference/browser-coverage.md and the example
    apps' screenshots to docs/assets/screenshots/ (both shown in the docs).
    """
    session.install(*LOCKED, "-r", "requirements/dev.txt", *TESTING_PACKAGES)
    with session.chdir("frontend"):
        _npm_ci(session)
    session.run(
        "pytest",
        "tests/e2e",
        "--e2e-pairs=tests/e2e/generated/pairs.json",
        "--e2e-coverage=docs/reference/browser-coverage.md",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def contract_gradio(session: nox.Session) -> None:
    """The contract suite (tests/contract) against the real Gradio 6.31 instead of specblocks."""
    session.install(*LOCKED, "-r", "requirements/dev.txt", *COMPARE)
    session.run("pytest", "tests/contract", "--contract-target=gradio", *session.posargs)


@nox.session(python=PYTHON)
def clients_gradio(session: nox.Session) -> None:
    """The client suite (tests/clients) against the real Gradio 6.31 instead of specblocks."""
    session.install(*LOCKED, "-r", "requirements/dev.txt", *COMPARE, "-e", "clients/python")
    python = str(Path(session.bin) / "python")
    session.run(
        "pytest",
        "tests/clients",
        "--client-target=gradio",
        f"--gradio-python={python}",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff lint and format check, and the runtime's layer contracts (import-linter)."""
    _install(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    # [tool.importlinter] in pyproject.toml: each layer imports only from the layers below.
    session.run("lint-imports")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the generator, the runtime and the generated code."""
    session.install(*LOCKED, "-r", "requirements/dev.txt", *TESTING_PACKAGES)
    session.run("mypy", "generator/src", "runtime/src", "clients/python/src")


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate from the specs; ``nox -s generate -- --check`` only checks for drift."""
    session.install(*LOCKED, *PACKAGES)
    session.run("specblocks-gen", "validate")
    session.run("specblocks-gen", "generate", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Check the generated reference pages are up to date, then build the site into site/."""
    session.install(*LOCKED, "-r", "requirements/docs.txt", *PACKAGES)
    session.run("specblocks-gen", "generate", "--check")
    session.run("mkdocs", "build", "--strict", *session.posargs, env=DOCS_ENV)


@nox.session(python=PYTHON)
def media(session: nox.Session) -> None:
    """Regenerate the sample media shipped in the runtime package
    (runtime/src/specblocks/media_assets)."""
    session.install(*LOCKED, "-r", "requirements/media.txt")
    session.run("python", "runtime/scripts/make_media_assets.py")


@nox.session(python=PYTHON)
def snapshot(session: nox.Session) -> None:
    """Rebuild tests/parity/gradio-signatures.json from the real Gradio 6.31."""
    session.install(*LOCKED, *COMPARE)
    session.run("python", "tests/parity/build_gradio_snapshot.py")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks: specblocks vs Gradio 6.31 vs a bare FastAPI server (``-- --quick``: ~1 min).

    The load generator runs in this session's venv; each server runs in its own venv
    (``.nox/bench-targets/``). Prints a markdown table, writes bench/results/latest.json.
    """
    session.install(*LOCKED, "httpx")
    targets = Path(session.virtualenv.location).parent / "bench-targets"
    specblocks_python = _target_venv(session, targets / "specblocks", *LOCKED, *PACKAGES)
    gradio_python = _target_venv(session, targets / "gradio", *LOCKED, *COMPARE)
    session.run(
        "python",
        "-m",
        "bench",
        "--specblocks-python",
        specblocks_python,
        "--gradio-python",
        gradio_python,
        *session.posargs,
    )


@nox.session(python=PYTHON)
def bench_replicas(session: nox.Session) -> None:
    """jobs/s of 1, 2 and 3 replicas on one Redis behind nginx (echo and sleep workloads).

    Needs redis-server and nginx. Prints a markdown table, writes bench/results/replicas.json.
    """
    session.install(*LOCKED, "httpx")
    targets = Path(session.virtualenv.location).parent / "bench-targets"
    specblocks_python = _target_venv(session, targets / "specblocks", *LOCKED, *PACKAGES)
    session.run(
        "python", "-m", "bench.replicas", "--specblocks-python", specblocks_python,
        *session.posargs,
    )  # fmt: skip


@nox.session(python=PYTHON)
def soak(session: nox.Session) -> None:
    """A bounded soak of specblocks: RSS every 10,000 jobs over 50,000 (a few minutes).

    Fails when the server's memory grows by more than 20 MiB from the first checkpoint to
    the last, or an answer is wrong. Writes bench/results/soak.json.
    """
    session.install(*LOCKED, "httpx")
    targets = Path(session.virtualenv.location).parent / "bench-targets"
    specblocks_python = _target_venv(session, targets / "specblocks", *LOCKED, *PACKAGES)
    session.run(
        "python", "-m", "bench.soak", "--specblocks-python", specblocks_python, *session.posargs
    )


@nox.session(python=PYTHON)
def parity_api(session: nox.Session) -> None:
    """The same apps on Gradio 6.31 and on specblocks: API info, page layout and outputs compared.

    Runs the project's example apps (``examples/``, ``docs_src/``) and, when
    ``SPECBLOCKS_PARITY_DEMOS`` names a folder of Gradio demo apps (``<name>/run.py``, with an
    optional ``demos.txt`` list beside it), those too. Gradio runs in its own venv
    (``.nox/parity-targets/gradio``). ``-- --help`` lists the options (``--only NAME``,
    ``--verbose``, ``--json FILE`` ...).
    """
    # brotli: the official client then asks for the same encodings as in Gradio's venv
    _install(session, *COMPARE)
    targets = Path(session.virtualenv.location).parent / "parity-targets"
    gradio_python = _target_venv(session, targets / "gradio", *GRADIO_PARITY)
    demos = os.environ.get("SPECBLOCKS_PARITY_DEMOS")
    extra: list[str] = []
    if demos:
        folder = Path(demos)
        extra = ["--demos", str(folder)]
        listing = folder.parent / "demos.txt"
        if listing.is_file():
            extra += ["--list", str(listing)]
    session.run(
        "python", "-m", "parity_api", "--gradio-python", gradio_python, *extra, *session.posargs
    )


@nox.session(python=PYTHON)
def parity(session: nox.Session) -> None:
    """The same apps' pages on Gradio 6.31 and on specblocks, screenshotted side by side.

    Runs the small apps of ``parity_page/apps`` and, when ``SPECBLOCKS_PARITY_DEMOS`` names a
    folder of Gradio demo apps, those too; writes ``test-results/parity/<app>.png`` (Gradio
    left, specblocks right) and ``report.md`` (the structural checks of the specblocks pages).
    Gradio runs from the venv ``nox -s parity_api`` uses. ``-- --only NAME`` runs one app.
    """
    session.install(*LOCKED, "-r", "requirements/dev.txt", *TESTING_PACKAGES)
    targets = Path(session.virtualenv.location).parent / "parity-targets"
    gradio_python = _target_venv(session, targets / "gradio", *GRADIO_PARITY)
    extra: list[str] = []
    demos = os.environ.get("SPECBLOCKS_PARITY_DEMOS")
    if demos:
        extra = ["--demos", demos]
        listing = Path(demos).parent / "demos.txt"
        if listing.is_file():
            extra += ["--list", str(listing)]
    session.run(
        "python", "-m", "parity_page", "--gradio-python", gradio_python, *extra, *session.posargs
    )


#: Gradio and what the compared apps import, at the versions of the lock.
GRADIO_PARITY = [*LOCKED, *COMPARE, "gradio_client", "matplotlib", "pandas"]


def _target_venv(session: nox.Session, path: Path, *requirements: str) -> str:
    """A venv at ``path`` with ``requirements`` (reinstalled only when they change)."""
    python = path / "bin" / "python"
    stamp = path / "bench-requirements.txt"
    wanted = "\n".join(requirements)
    if not python.exists():
        session.run("python", "-m", "venv", str(path))
    if not stamp.exists() or stamp.read_text() != wanted:
        session.run(str(python), "-m", "pip", "install", "--quiet", *requirements, external=True)
        stamp.write_text(wanted)
    return str(python)


@nox.session(python=PYTHON)
def template(session: nox.Session) -> None:
    """The copier template: render it with each choice and run each project's own checks.

    ``nox -s template -- --refresh`` rewrites the generated files kept in template/ instead.
    """
    _install(session, "-r", "requirements/nox.txt")
    if "--refresh" in session.posargs:
        session.run("python", "tests/template/template_generated.py")
        return
    env = {"SPECBLOCKS_TEMPLATE_TESTS": "1"}
    session.run("pytest", "tests/template", *session.posargs, env=env)
