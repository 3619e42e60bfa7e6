"""The reliability and security suite (``nox -s reliability``): real servers on 127.0.0.1.

Each check records its figures (requests sent and answered, server errors, leaks, growth)
with the ``figures`` fixture; they are printed at the end of the run and written to
``test-results/reliability.json``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from reliability_support import FIGURES, Figures, record

# A file cache of this run's own, so that what the checks count in it is theirs.
os.environ["GRADIO_TEMP_DIR"] = tempfile.mkdtemp(prefix="specblocks-reliability-")

RESULTS = Path(__file__).resolve().parents[2] / "test-results" / "reliability.json"


@pytest.fixture
def figures() -> Figures:
    """``figures(name, key=value, ...)``: record a check's figures under ``name``."""
    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name in sorted(FIGURES):
        values = ", ".join(f"{k}={v}" for k, v in FIGURES[name].items())
        terminalreporter.write_line(f"{name}: {values}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(FIGURES, indent=2, sort_keys=True) + "\n")
