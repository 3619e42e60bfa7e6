"""The scale-out suite (``nox -s scaleout``): three replicas on one Redis behind nginx.

Checks record their figures with the ``figures`` fixture; they are printed at the end and
written to ``test-results/scaleout.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from scaleout_support import Cluster, cluster_of

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "scaleout.json"
FIGURES: dict[str, dict[str, Any]] = {}


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A cluster shared by the checks that leave it whole."""
    with cluster_of(tmp_path_factory.mktemp("cluster")) as running:
        yield running


@pytest.fixture
def figures() -> Callable[..., None]:
    """``figures(name, key=value, ...)``: record a check's figures under ``name``."""

    def record(name: str, **values: Any) -> None:
        FIGURES.setdefault(name, {}).update(values)

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("scale-out figures")
    for name in sorted(FIGURES):
        values = ", ".join(f"{k}={v}" for k, v in FIGURES[name].items())
        terminalreporter.write_line(f"{name}: {values}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(FIGURES, indent=2, sort_keys=True) + "\n")
