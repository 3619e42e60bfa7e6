"""Plot (library figures) and BarPlot / LinePlot / ScatterPlot (DataFrames)."""

from __future__ import annotations

import base64
import datetime
import decimal
import io
import json
import sys
import types
from typing import Any

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import specblocks as gr
from specblocks.exceptions import PayloadError

# -- Plot ------------------------------------------------------------------------------------


def _fake_figure(module: str, spec: Any = '{"data": []}') -> Any:
    cls = type("Figure", (), {"__module__": module, "to_json": lambda self: spec})
    return cls()


def _decode(data_url: str, image_format: str) -> Image.Image:
    prefix = f"data:image/{image_format};base64,"
    assert data_url.startswith(prefix)
    return Image.open(io.BytesIO(base64.b64decode(data_url.removeprefix(prefix))))


def test_plot_none() -> None:
    plot = gr.Plot()
    assert plot.postprocess(None) is None
    assert plot.preprocess(None) is None


def test_plot_matplotlib_figure_is_an_image() -> None:
    figure_module = pytest.importorskip("matplotlib.figure")
    figure = figure_module.Figure(figsize=(2, 1), dpi=50)
    figure.add_subplot().plot([1, 2, 3])
    payload = gr.Plot(format="png").postprocess(figure)
    assert payload is not None
    assert payload["type"] == "matplotlib"
    image = _decode(payload["plot"], "png")
    assert image.format == "PNG"
    assert image.size == (100, 50)
    # The default format is webp.
    webp = gr.Plot().postprocess(figure)
    assert webp is not None
    assert _decode(webp["plot"], "webp").format == "WEBP"


def test_plot_matplotlib_axes_renders_its_figure() -> None:
    figure_module = pytest.importorskip("matplotlib.figure")
    axes = figure_module.Figure(figsize=(1, 1), dpi=40).add_subplot()
    payload = gr.Plot(format="png").postprocess(axes)
    assert payload is not None
    assert _decode(payload["plot"], "png").size == (40, 40)


def test_plot_pyplot_module_and_figures_are_closed() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.close("all")
    figure = plt.figure(figsize=(1, 1), dpi=30)
    plt.plot([1, 2])
    payload = gr.Plot(format="png").postprocess(figure)
    assert payload is not None
    assert plt.get_fignums() == []
    plt.figure(figsize=(1, 1), dpi=30)
    module_payload = gr.Plot(format="png").postprocess(plt)
    assert module_payload is not None
    assert _decode(module_payload["plot"], "png").size == (30, 30)
    plt.close("all")


def test_plot_bad_format() -> None:
    figure_module = pytest.importorskip("matplotlib.figure")
    with pytest.raises(ValueError, match="Plot"):
        gr.Plot(format="nope").postprocess(figure_module.Figure())


@pytest.mark.parametrize(
    ("module", "library"),
    [("plotly.graph_objs._figure", "plotly"), ("altair.vegalite.v5.api", "altair")],
)
def test_plot_json_libraries(module: str, library: str) -> None:
    payload = gr.Plot().postprocess(_fake_figure(module, '{"spec": 1}'))
    assert payload == {"type": library, "plot": '{"spec": 1}'}


def test_plot_bokeh(monkeypatch: pytest.MonkeyPatch) -> None:
    embed = types.ModuleType("bokeh.embed")
    embed.json_item = lambda model: {"doc": {"roots": [model.name]}}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bokeh.embed", embed)
    model = type("Figure", (), {"__module__": "bokeh.plotting._figure", "name": "fig"})()
    payload = gr.Plot().postprocess(model)
    assert payload == {"type": "bokeh", "plot": json.dumps({"doc": {"roots": ["fig"]}})}


def test_plot_chart_payloads_pass_through_and_preprocess() -> None:
    plot = gr.Plot()
    chart = {"type": "plotly", "plot": "{}"}
    assert plot.postprocess(chart) == chart
    value = plot.preprocess(plot.postprocess(chart))
    assert value == chart
    assert value is not None
    assert value.type == "plotly"
    assert value.plot == "{}"
    with pytest.raises(AttributeError):
        _ = value.missing


@pytest.mark.parametrize(
    "value",
    [
        [1, 2],
        "figure",
        object(),
        _fake_figure("mylib.charts"),
        type("Thing", (), {"__module__": "plotly.io"})(),
    ],
)
def test_plot_rejects_unsupported_objects(value: Any) -> None:
    with pytest.raises(TypeError, match="Plot"):
        gr.Plot().postprocess(value)


@pytest.mark.parametrize(
    "value",
    [{"type": "svg", "plot": ""}, {"type": "plotly"}, {"type": "plotly", "plot": 3}],
)
def test_plot_rejects_bad_chart_mappings(value: Any) -> None:
    with pytest.raises(ValueError, match="Plot"):
        gr.Plot().postprocess(value)
    with pytest.raises(PayloadError):
        gr.Plot().preprocess(value)


def test_plot_preprocess_rejects_non_objects() -> None:
    with pytest.raises(PayloadError):
        gr.Plot().preprocess("plot")


# -- native plots ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "mark"), [(gr.BarPlot, "bar"), (gr.LinePlot, "line"), (gr.ScatterPlot, "point")]
)
def test_native_plot_marks(cls: type[gr.BarPlot], mark: str) -> None:
    plot = cls(x="x", y="y")
    payload = plot.postprocess(pd.DataFrame({"x": ["a", "b"], "y": [4, 5]}))
    assert payload == {
        "columns": ["x", "y"],
        "data": [["a", 4], ["b", 5]],
        "datatypes": {"x": "nominal", "y": "quantitative"},
        "mark": mark,
    }
    assert plot.example_payload()["mark"] == mark


def test_native_plot_datatypes_and_values() -> None:
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2024-01-01T00:00:00.000", "2024-01-02T03:04:05.123"]),
            "zoned": pd.to_datetime(["2024-01-01", "2024-01-02"]).tz_localize("Europe/Paris"),
            "kind": pd.Categorical(["u", "v"]),
            "text": ["x", None],
            "mixed": ["x", 1],
            "value": [1.5, np.nan],
            "big": [1.0, np.inf],
            "flag": [True, False],
            "count": pd.array([1, None], dtype="Int64"),
        },
        index=["r1", "r2"],
    )
    payload = gr.LinePlot().postprocess(frame)
    assert payload is not None
    assert payload["datatypes"] == {
        "when": "temporal",
        "zoned": "temporal",
        "kind": "nominal",
        "text": "nominal",
        "mixed": "nominal",
        "value": "quantitative",
        "big": "quantitative",
        "flag": "quantitative",
        "count": "quantitative",
    }
    assert payload["data"] == [
        [1704067200000, 1704063600000, "u", "x", "x", 1.5, 1.0, True, 1],
        [1704164645123, 1704150000000, "v", None, 1, None, None, False, None],
    ]


def test_native_plot_empty_and_none() -> None:
    plot = gr.ScatterPlot()
    assert plot.postprocess(None) is None
    assert plot.preprocess(None) is None
    assert plot.postprocess(pd.DataFrame()) == {
        "columns": [],
        "data": [],
        "datatypes": {},
        "mark": "point",
    }


def test_native_plot_round_trip() -> None:
    plot = gr.BarPlot(x="x", y="y")
    payload = plot.postprocess(pd.DataFrame({"x": ["a"], "y": [1]}))
    value = plot.preprocess(json.loads(json.dumps(payload)))
    assert value == payload
    assert value is not None
    assert value.columns == ["x", "y"]
    assert value.data == [["a", 1]]
    assert value.datatypes == {"x": "nominal", "y": "quantitative"}
    assert value.mark == "bar"
    assert plot.postprocess(value) == payload


def test_native_plot_accepts_objects_with_to_pandas() -> None:
    frame = pd.DataFrame({"x": [1], "y": [2]})
    other = type("Frame", (), {"to_pandas": lambda self: frame})()
    payload = gr.BarPlot().postprocess(other)
    assert payload is not None
    assert payload["data"] == [[1, 2]]


@pytest.mark.parametrize("value", [[1, 2], pd.Series([1, 2]), "data", np.zeros((2, 2))])
def test_native_plot_rejects_non_frames(value: Any) -> None:
    with pytest.raises(TypeError, match="BarPlot"):
        gr.BarPlot().postprocess(value)


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({1: [1], "y": [2]}), "column names must be strings"),
        (pd.DataFrame([[1, 2]], columns=["y", "y"]), "used twice"),
        (pd.DataFrame({"d": pd.to_timedelta([1], unit="s")}), "cannot be plotted"),
    ],
)
def test_native_plot_rejects_bad_frames(frame: pd.DataFrame, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        gr.LinePlot().postprocess(frame)


@pytest.mark.parametrize(
    "payload",
    [
        "data",
        {"columns": ["x"], "data": [[1]], "datatypes": {"x": "quantitative"}},
        {"columns": [1], "data": [], "datatypes": {}, "mark": "bar"},
        {"columns": [], "data": [1], "datatypes": {}, "mark": "bar"},
        {"columns": ["x"], "data": [], "datatypes": {"x": "ordinal"}, "mark": "bar"},
        {"columns": [], "data": [], "datatypes": [], "mark": "bar"},
    ],
)
def test_native_plot_rejects_bad_payloads(payload: Any) -> None:
    with pytest.raises(PayloadError):
        gr.BarPlot().preprocess(payload)
    if isinstance(payload, dict):
        with pytest.raises(ValueError, match="BarPlot"):
            gr.BarPlot().postprocess(payload)


def test_native_plot_dates_in_object_columns_and_missing_times() -> None:
    frame = pd.DataFrame(
        {
            "day": [datetime.date(2024, 1, 1), None],
            "at": [datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC), None],
            "stamp": pd.to_datetime(["1969-12-31T23:59:59.999", None]),
            "other": [datetime.timedelta(seconds=1), decimal.Decimal("2.5")],
        }
    )
    payload = gr.BarPlot().postprocess(frame)
    assert payload is not None
    assert payload["datatypes"] == {
        "day": "nominal",
        "at": "temporal",
        "stamp": "temporal",
        "other": "nominal",
    }
    assert payload["data"] == [
        [1704067200000, 1704110400000, -1, "0:00:01"],
        [None, None, None, 2.5],
    ]


def test_native_plot_without_columns_has_no_rows() -> None:
    payload = gr.BarPlot().postprocess(pd.DataFrame(index=[1, 2]))
    assert payload is not None
    assert payload["data"] == []
