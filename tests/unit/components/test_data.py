"""Data contract of the data components: Dataframe, Dataset, JSON, Label, ParamViewer, Navbar."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import specblocks as gr
from specblocks._generated.payloads import ParameterInfo
from specblocks.exceptions import PayloadError

TABLE = {"headers": ["a", "b"], "data": [[1, "x"], [2, "y"]]}


# -- Dataframe: input ------------------------------------------------------------------------
def test_dataframe_preprocess_pandas() -> None:
    frame = gr.Dataframe().preprocess(TABLE)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["a", "b"]
    assert frame["a"].tolist() == [1, 2]
    assert frame["b"].tolist() == ["x", "y"]
    empty = gr.Dataframe().preprocess({"headers": ["a"], "data": [[]]})
    assert empty.empty
    assert list(empty.columns) == ["a"]


def test_dataframe_preprocess_numpy_and_array() -> None:
    array = gr.Dataframe(type="numpy").preprocess({"headers": ["a", "b"], "data": [[1, 2]]})
    assert isinstance(array, np.ndarray)
    assert array.tolist() == [[1, 2]]
    assert gr.Dataframe(type="array").preprocess(TABLE) == TABLE["data"]


def test_dataframe_none_payload_is_an_empty_table() -> None:
    frame = gr.Dataframe(headers=["p", "q"]).preprocess(None)
    assert frame.empty
    assert list(frame.columns) == ["p", "q"]


@pytest.mark.parametrize(
    "payload",
    [
        [[1, 2]],
        {"data": [[1]]},
        {"headers": "a", "data": [[1]]},
        {"headers": ["a"], "data": [1, 2]},
        {"headers": ["a"], "data": [[1, 2]]},
    ],
)
def test_dataframe_rejects_bad_payloads(payload: Any) -> None:
    with pytest.raises(PayloadError):
        gr.Dataframe().preprocess(payload)


def test_dataframe_polars_needs_polars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="pip install polars"):
        gr.Dataframe(type="polars")


def test_dataframe_polars_round_trip() -> None:
    polars = pytest.importorskip("polars")
    table = gr.Dataframe(type="polars")
    frame = table.preprocess(TABLE)
    assert isinstance(frame, polars.DataFrame)
    assert table.postprocess(frame)["data"] == TABLE["data"]


# -- Dataframe: output -----------------------------------------------------------------------
def test_dataframe_postprocess_pandas_round_trip() -> None:
    table = gr.Dataframe()
    frame = pd.DataFrame({"n": [1, 2], "x": [0.5, 1.5], "s": ["a", "b"]})
    payload = table.postprocess(frame)
    assert payload == {
        "headers": ["n", "x", "s"],
        "data": [[1, 0.5, "a"], [2, 1.5, "b"]],
        "metadata": None,
    }
    json.dumps(payload)
    back = table.preprocess(payload)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_dataframe_postprocess_makes_cells_json() -> None:
    frame = pd.DataFrame(
        {
            "x": [0.5, np.nan],
            "s": ["a", None],
            "d": pd.to_datetime(["2020-01-01", None]),
            "i": np.array([1, 2], dtype=np.int8),
        }
    )
    payload = gr.Dataframe().postprocess(frame)
    assert payload["data"] == [[0.5, "a", "2020-01-01 00:00:00", 1], [None, None, None, 2]]
    json.dumps(payload, allow_nan=False)


def test_dataframe_postprocess_other_shapes() -> None:
    table = gr.Dataframe()
    assert table.postprocess(np.arange(6).reshape(2, 3))["data"] == [[0, 1, 2], [3, 4, 5]]
    assert table.postprocess(np.arange(2))["data"] == [[0], [1]]
    assert table.postprocess([(1, 2)])["data"] == [[1, 2]]
    assert table.postprocess([1, 2]) == {"headers": ["1"], "data": [[1], [2]], "metadata": None}
    with_headers = table.postprocess({"headers": ["u", "v"], "data": [[1]], "metadata": None})
    assert with_headers["headers"] == ["u"]
    metadata = {"display_value": [["one"]], "styling": [["color: red"]]}
    assert table.postprocess({"data": [[1]], "metadata": metadata})["metadata"] == metadata


def test_dataframe_headers_are_fitted_to_the_rows() -> None:
    three = gr.Dataframe(headers=["p", "q", "r"])
    assert three.postprocess([[1]])["headers"] == ["p"]
    assert gr.Dataframe(headers=["p"]).postprocess([[1, 2, 3]])["headers"] == ["p", "2", "3"]


def test_dataframe_empty_values() -> None:
    table = gr.Dataframe(headers=["p", "q"])
    empty = {"headers": ["p", "q"], "data": [], "metadata": None}
    assert table.postprocess(None) == empty
    assert table.postprocess([]) == empty
    assert table.postprocess([[]]) == empty
    assert table.postprocess(pd.DataFrame())["data"] == []
    assert gr.Dataframe().postprocess(None)["headers"] == ["1", "2", "3"]


def test_dataframe_csv_path(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,x\n2,y\n")
    assert gr.Dataframe().postprocess(str(path))["data"] == [[1, "x"], [2, "y"]]
    assert gr.Dataframe().postprocess(str(path))["headers"] == ["a", "b"]
    with pytest.raises(ValueError, match="does not exist"):
        gr.Dataframe().postprocess(str(tmp_path / "missing.csv"))


def test_dataframe_styler_keeps_display_values_and_styles() -> None:
    frame = pd.DataFrame({"a": [1, 2], "b": [3.0, 4.0], "c": [5, 6]})
    styler = frame.style.highlight_max(color="red").format("{:.1f}", subset=["b"])
    payload = gr.Dataframe().postprocess(styler.hide(["a"], axis=1))
    assert payload["headers"] == ["b", "c"]
    assert payload["data"] == [[3.0, 5], [4.0, 6]]
    assert payload["metadata"]["display_value"] == [["3.0", "5"], ["4.0", "6"]]
    assert "red" in payload["metadata"]["styling"][1][0]
    assert payload["metadata"]["styling"][0][0] == ""
    with pytest.warns(UserWarning, match="Styler"):
        gr.Dataframe(interactive=True).postprocess(frame.style)


def test_dataframe_rejects_bad_values() -> None:
    with pytest.raises(TypeError, match="Dataframe"):
        gr.Dataframe().postprocess(5)


def test_dataframe_constructor() -> None:
    assert gr.Dataframe().headers is None
    assert gr.Dataframe().resolved_headers == ["1", "2", "3"]
    assert gr.Dataframe(column_count=2).resolved_headers == ["1", "2"]
    assert gr.Dataframe(headers=["x"]).resolved_headers == ["x"]
    with pytest.raises(ValueError, match="headers"):
        gr.Dataframe(headers=["x"], column_count=2)
    with pytest.raises(ValueError, match="type"):
        gr.Dataframe(type="excel")  # type: ignore[arg-type]
    with pytest.warns(DeprecationWarning, match="col_count"):
        gr.Dataframe(col_count=3)  # type: ignore[arg-type]


def test_dataframe_auto_datatype() -> None:
    frame = pd.DataFrame(
        {"a": [1], "b": ["s"], "c": [True], "d": pd.to_datetime(["2020-01-01"]), "e": [1.5]}
    )
    assert gr.Dataframe(frame, datatype="auto").datatype == "auto"
    assert gr.Dataframe(frame, datatype="auto").resolved_datatype == [
        "number",
        "str",
        "bool",
        "date",
        "number",
    ]
    assert gr.Dataframe([[1, "a", 2.0, False]], datatype="auto").resolved_datatype == [
        "number",
        "str",
        "number",
        "bool",
    ]
    assert gr.Dataframe(np.array([[1, 2]]), datatype="auto").resolved_datatype == [
        "number",
        "number",
    ]
    assert gr.Dataframe(None, datatype="auto").resolved_datatype == "str"
    assert gr.Dataframe(datatype=["str", "number"]).resolved_datatype == ["str", "number"]


def test_dataframe_example_shows_the_first_rows() -> None:
    table = gr.Dataframe()
    assert table.process_example([[i] for i in range(10)]) == [[i] for i in range(5)]
    assert table.process_example(None) == ""
    assert table.api_info()["required"] == ["headers", "data"]


# -- Dataset ---------------------------------------------------------------------------------
def test_dataset_resolves_components_and_processes_samples() -> None:
    dataset = gr.Dataset(
        components=["textbox", gr.Code(label="Code"), {"name": "number", "precision": 0}],
        samples=[["a", "  x = 1  ", 2.6]],
    )
    textbox, code, number = dataset.sample_components
    assert isinstance(textbox, gr.Textbox)
    assert isinstance(code, gr.Code)
    assert isinstance(number, gr.Number)
    assert not textbox.is_rendered
    assert dataset.samples == dataset.raw_samples == [["a", "  x = 1  ", 2.6]]
    assert dataset.processed_samples == [["a", "x = 1", 3]]
    assert dataset.headers is None
    assert dataset.resolved_headers == ["", "Code", ""]
    assert dataset.component_props is None
    props = dataset.resolved_component_props
    assert props[2]["precision"] == 0
    assert "value" not in props[0]
    json.dumps(props)


def test_dataset_defaults() -> None:
    assert gr.Dataset().raw_samples == [[]]
    assert gr.Dataset(components=["textbox"], samples=[["a"]]).resolved_headers == []
    assert gr.Dataset(components=["textbox"], headers=["T"]).resolved_headers == ["T"]
    assert gr.Dataset(component_props=[{"lines": 2}]).resolved_component_props == [{"lines": 2}]
    with pytest.raises(ValueError, match="no component"):
        gr.Dataset(components=["spreadsheet"])
    with pytest.raises(ValueError, match="type"):
        gr.Dataset(type="row")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("values", ["b", 2]), ("index", 1), ("tuple", (1, ["b", 2]))],
)
def test_dataset_preprocess(kind: Any, expected: Any) -> None:
    dataset = gr.Dataset(components=["textbox", "number"], samples=[["a", 1], ["b", 2]], type=kind)
    assert dataset.preprocess(1) == expected
    assert dataset.preprocess(None) is None


def test_dataset_bad_payloads_and_values() -> None:
    dataset = gr.Dataset(components=["textbox"], samples=[["a"], ["b"]])
    with pytest.raises(PayloadError, match="out of range"):
        dataset.preprocess(2)
    with pytest.raises(PayloadError):
        dataset.preprocess("0")
    assert dataset.postprocess(1) == 1
    assert dataset.postprocess(["b"]) == 1
    assert dataset.postprocess(None) is None
    with pytest.warns(UserWarning, match="samples"):
        assert dataset.postprocess(["zzz"]) is None
    with pytest.raises(TypeError, match="Dataset"):
        dataset.postprocess("b")
    assert dataset.api_info()["type"] == "integer"
    assert dataset.example_payload() == 0


# -- JSON ------------------------------------------------------------------------------------
class Color(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


def test_json_converts_python_values() -> None:
    value = {
        "array": np.array([1.5, 2.0]),
        "scalar": np.int64(3),
        "tuple": (1, 2),
        "date": dt.date(2020, 1, 2),
        "moment": dt.datetime(2020, 1, 2, 3, 4, 5),
        "nan": float("nan"),
        "set": {1},
        "enum": Color.RED,
        "point": Point(1, 2),
        1: "int key",
    }
    out = gr.JSON().postprocess(value)
    assert out == {
        "array": [1.5, 2.0],
        "scalar": 3,
        "tuple": [1, 2],
        "date": "2020-01-02",
        "moment": "2020-01-02 03:04:05",
        "nan": None,
        "set": "{1}",
        "enum": "red",
        "point": {"x": 1, "y": 2},
        "1": "int key",
    }
    json.dumps(out, allow_nan=False)


def test_json_strings_and_errors() -> None:
    component = gr.JSON()
    assert component.postprocess('[1, {"a": null}]') == [1, {"a": None}]
    assert component.postprocess(None) is None
    assert component.preprocess({"a": 1}) == {"a": 1}
    with pytest.raises(ValueError, match="not valid JSON"):
        component.postprocess("{bad")


# -- Label -----------------------------------------------------------------------------------
def test_label_confidences_sorted_and_cut() -> None:
    label = gr.Label(num_top_classes=2)
    payload = label.postprocess({"cat": 0.2, "dog": np.float32(0.5), "fox": 0.3})
    assert payload == {
        "label": "dog",
        "confidences": [{"label": "dog", "confidence": 0.5}, {"label": "fox", "confidence": 0.3}],
    }
    assert label.preprocess(payload) == {"dog": 0.5, "fox": 0.3}
    assert label.postprocess(label.preprocess(payload)) == payload


def test_label_single_values_and_empty() -> None:
    label = gr.Label()
    assert label.postprocess("cat") == {"label": "cat", "confidences": None}
    assert label.postprocess(4) == {"label": "4", "confidences": None}
    assert label.postprocess(None) == {}
    assert label.postprocess({}) == {}
    assert label.preprocess({"label": "cat", "confidences": None}) == "cat"
    assert label.preprocess({}) is None
    assert label.preprocess(None) is None


def test_label_json_file_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"label": "a", "confidences": [{"label": "a", "confidence": 1}]}))
    assert gr.Label().postprocess(str(path)) == {
        "label": "a",
        "confidences": [{"label": "a", "confidence": 1}],
    }
    with pytest.raises(TypeError, match="Label"):
        gr.Label().postprocess([1, 2])
    with pytest.raises(TypeError, match="confidence"):
        gr.Label().postprocess({"a": "high"})
    with pytest.raises(PayloadError):
        gr.Label().preprocess({"confidences": [{"label": "a"}]})
    with pytest.raises(PayloadError):
        gr.Label().preprocess("a")


# -- ParamViewer and Navbar ------------------------------------------------------------------
def test_param_viewer() -> None:
    viewer = gr.ParamViewer()
    docs = {
        "x": {"type": "int", "description": "the x", "default": "1"},
        "y": ParameterInfo(type="str", description="the y", default=None),
    }
    payload = viewer.postprocess(docs)
    assert payload == {
        "x": {"type": "int", "description": "the x", "default": "1"},
        "y": {"type": "str", "description": "the y", "default": None},
    }
    assert viewer.preprocess(payload) == payload
    assert viewer.postprocess(None) is None
    with pytest.raises(TypeError, match="ParamViewer"):
        viewer.postprocess(["x"])
    with pytest.raises(PayloadError):
        viewer.preprocess({"x": "int"})


def test_navbar() -> None:
    navbar = gr.Navbar()
    assert navbar.postprocess([("Home", "/"), ("Docs", "/docs")]) == [
        ["Home", "/"],
        ["Docs", "/docs"],
    ]
    assert navbar.preprocess([["Home", "/"]]) == [("Home", "/")]
    assert navbar.postprocess(None) is None
    assert navbar.preprocess(None) is None
    with pytest.raises(TypeError, match="Navbar"):
        navbar.postprocess([("Home",)])
    with pytest.raises(PayloadError):
        navbar.preprocess("Home")


@pytest.mark.parametrize(
    "payload",
    [{"label": False}, {"label": [1]}, {"confidences": [{"label": [1], "confidence": 0.5}]}],
)
def test_label_payloads_with_labels_that_are_not_strings_or_numbers_are_refused(
    payload: dict[str, object],
) -> None:
    with pytest.raises(PayloadError, match="Label"):
        gr.Label(render=False).preprocess(payload)
