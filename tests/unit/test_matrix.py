"""``specblocks-gen matrix`` reproduces the documented component × event table."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
COMMITTED = ROOT / "tests" / "parity" / "event_matrix.csv"
REFERENCE = ROOT.parent / "shared" / "reference" / "event_matrix.csv"


def _table(text: str) -> dict[str, dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {row["component"]: row for row in rows}


def _rendered(columns_from: Path) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "specblocks_gen",
            "--project",
            str(ROOT),
            "matrix",
            "--columns-from",
            str(columns_from),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _assert_same(expected_text: str, actual_text: str) -> None:
    expected, actual = _table(expected_text), _table(actual_text)
    assert sorted(actual) == sorted(expected), "components differ"
    mismatches = [
        f"{component}.{event}: specs say {actual[component][event]}, table says {value}"
        for component, row in expected.items()
        for event, value in row.items()
        if actual[component].get(event) != value
    ]
    assert mismatches == []


def test_matrix_equals_the_committed_table_cell_for_cell() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    rendered = _rendered(COMMITTED)
    _assert_same(text, rendered)
    assert rendered.splitlines()[0] == text.splitlines()[0]
    assert len(_table(rendered)) == 47


@pytest.mark.skipif(
    not REFERENCE.is_file(), reason="the shared reference table is not beside this checkout"
)
def test_matrix_equals_the_reference_table_cell_for_cell() -> None:
    _assert_same(REFERENCE.read_text(encoding="utf-8"), _rendered(REFERENCE))


def test_default_columns_are_every_event_sorted() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "specblocks_gen", "--project", str(ROOT), "matrix"],
        capture_output=True,
        text=True,
        check=True,
    )
    header = result.stdout.splitlines()[0].split(",")
    assert header[0] == "component"
    assert header[1:] == sorted(header[1:])
    assert set(header[1:]) == set(COMMITTED.read_text().splitlines()[0].split(",")[1:])
