"""Typed clients (``specblocks-gen client``) against real apps on 127.0.0.1.

``apps/typed_app.py`` runs in this process in two versions: ``v1``, which the clients are
generated from, and ``v2``, an update that changes the API. The generated TypeScript compiles
with the TypeScript and ``@gradio/client`` pinned in ``clients/ts`` (``npm ci`` there if needed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typed_support import APPS, NAME, Generated, generate, serve

from specblocks_gen.client.source import load_app


def _app(version: str) -> Any:
    return load_app(f"{APPS / 'typed_app.py'}:{version}")


@pytest.fixture(scope="session")
def app_v1() -> Iterator[str]:
    """The URL of the sample app, version 1."""
    with serve(_app("v1")) as url:
        yield url


@pytest.fixture(scope="session")
def app_v2() -> Iterator[str]:
    """The URL of the sample app after its API-breaking update."""
    with serve(_app("v2")) as url:
        yield url


@pytest.fixture(scope="session")
def client_v1(app_v1: str, tmp_path_factory: pytest.TempPathFactory) -> Generated:
    """The clients generated from version 1 (do not modify: shared by the session)."""
    return generate(app_v1, NAME, tmp_path_factory.mktemp("client-v1"))


@pytest.fixture(scope="session")
def module_v1(client_v1: Generated) -> Any:
    """The generated Python client module of version 1, imported."""
    return client_v1.load("typed_app_client_v1")


@pytest.fixture
def fresh_copy(client_v1: Generated, tmp_path: Path) -> Generated:
    """A copy of the version-1 clients that a test may regenerate."""
    folder = tmp_path / "client"
    folder.mkdir()
    for name, data in client_v1.files().items():
        (folder / name).write_bytes(data)
    return Generated(client_v1.name, folder)
