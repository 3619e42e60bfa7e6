"""Client tests: specblocks-client against real apps on 127.0.0.1.

The sample app (``tests/support/sample_app.py``, shared with tests/contract) runs in a
subprocess, on specblocks by default, or on real Gradio with
``--client-target=gradio --gradio-python=<python of an env with gradio 6.31>``::

    pytest tests/clients
    pytest tests/clients --client-target=gradio --gradio-python=/path/to/venv/bin/python

Without ``--gradio-python``, ``--client-target=gradio`` leaves the tests that need an app out
(only the offline ones run); ``nox -s clients_gradio`` passes both options.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sample_support import AppServer, launch_app, stop, wait_ready

from specblocks_client import Client

HERE = Path(__file__).parent
#: Fixtures that start an app: tests using them need a target to run against.
APP_FIXTURES = frozenset({"app", "auth_app"})


CONTRACT_SUITE = HERE.parent / "contract"


def _has_option(parser: pytest.Parser, name: str) -> bool:
    # pytest has no public lookup of the options defined so far.
    groups = [parser._anonymous, *parser._groups]
    return any(name in option.names() for group in groups for option in group.options)


def _define_gradio_python(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> bool:
    """Whether this conftest defines ``--gradio-python``.

    tests/contract defines an option of the same name and fails when it exists already. So this
    conftest leaves it to that suite when the run includes it, and when this conftest is loaded
    only during collection (a run over all of tests/), where nobody can pass options of ours.
    """
    if _has_option(parser, "--gradio-python") or pluginmanager.get_plugin("session"):
        return False
    config = pluginmanager.get_plugin("pytestconfig")
    known = getattr(config, "known_args_namespace", None)
    for arg in getattr(known, "file_or_dir", None) or []:
        path = Path(str(arg).split("::", 1)[0]).resolve()
        if (
            path == CONTRACT_SUITE
            or path in CONTRACT_SUITE.parents
            or CONTRACT_SUITE in path.parents
        ):
            return False
    return True


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    group = parser.getgroup("clients", "client suite (tests/clients)")
    group.addoption(
        "--client-target",
        choices=("specblocks", "gradio"),
        default="specblocks",
        help="framework that serves the client tests' app (default: specblocks)",
    )
    if _define_gradio_python(parser, pluginmanager):
        group.addoption(
            "--gradio-python",
            default=None,
            help="python interpreter with gradio 6.31 installed (for --client-target=gradio)",
        )


def _gradio_python(config: pytest.Config) -> str | None:
    chosen: str | None = config.getoption("gradio_python", default=None)
    return chosen


def _target(config: pytest.Config) -> str:
    chosen: str = config.getoption("--client-target")
    return chosen


def pytest_report_header(config: pytest.Config) -> str:
    target = _target(config)
    if target == "gradio" and not _gradio_python(config):
        return "clients: --client-target=gradio without --gradio-python: app tests left out"
    return f"clients: target {target}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _target(config) != "gradio" or _gradio_python(config):
        return
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        needs_app = HERE in item.path.parents and APP_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (dropped if needs_app else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def _start(config: pytest.Config, tmp: Path, *, auth: bool) -> AppServer:
    target = _target(config)
    python = sys.executable if target == "specblocks" else _gradio_python(config)
    return launch_app(str(python), target, tmp, auth=auth)


@pytest.fixture(scope="session")
def servers(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, AppServer]]:
    """The app, and the app behind ``auth=("u", "p")``, started side by side."""
    tmp = tmp_path_factory.mktemp("client-apps")
    started = {
        "plain": _start(pytestconfig, tmp, auth=False),
        "auth": _start(pytestconfig, tmp, auth=True),
    }
    try:
        for kind, server in started.items():
            wait_ready(server, {401} if kind == "auth" else {200})
        yield started
    finally:
        for server in started.values():
            stop(server)


@pytest.fixture(scope="session")
def app(servers: dict[str, AppServer]) -> AppServer:
    """The app, shared by the whole session."""
    return servers["plain"]


@pytest.fixture(scope="session")
def auth_app(servers: dict[str, AppServer]) -> AppServer:
    """The app behind a login."""
    return servers["auth"]


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the shared client puts the files it downloads."""
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def client(app: AppServer, downloads: Path) -> Iterator[Client]:
    """One client (one session) shared by the module's tests."""
    with Client(app.url, verbose=False, download_files=downloads) as c:
        yield c


@pytest.fixture
def new_client(app: AppServer) -> Iterator[Callable[..., Client]]:
    """Makes more clients, each with its own session; closed after the test."""
    made: list[Client] = []

    def make(**options: Any) -> Client:
        made.append(Client(app.url, verbose=False, download_files=False, **options))
        return made[-1]

    yield make
    for c in made:
        c.close()
