"""Dataframe payloads: tables that do not fit their headers."""

from __future__ import annotations

import pytest

import specblocks as gr
from specblocks.exceptions import PayloadError


def test_short_rows_are_padded_and_long_rows_refused() -> None:
    table = gr.Dataframe(render=False)
    frame = table.preprocess({"headers": ["a", "b"], "data": [[1], [1, 2]]})
    assert frame.shape == (2, 2)
    assert frame["b"].isna().tolist() == [True, False]
    with pytest.raises(PayloadError, match="row 0 has 2 cells; the table has 1 columns"):
        table.preprocess({"headers": ["a"], "data": [[1, 2]]})
    with pytest.raises(PayloadError, match="'headers' to be a list of column names"):
        table.preprocess({"headers": [[]], "data": []})


def test_ragged_rows_without_headers_are_a_payload_error_not_a_warning() -> None:
    # (pandas warns about ragged rows, and the warning is an error in these tests)
    with pytest.raises(PayloadError, match="does not fit its headers"):
        gr.Dataframe(render=False).preprocess({"headers": [], "data": [[1], [1, 2]]})


def test_a_table_with_repeated_headers_keeps_every_column() -> None:
    table = gr.Dataframe(render=False)
    frame = table.preprocess({"headers": ["a", "a"], "data": [[1, 2]]})
    assert table.postprocess(frame)["data"] == [[1, 2]]
