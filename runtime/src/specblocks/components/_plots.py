"""Charts: figures of plotting libraries (Plot) and native charts drawn from DataFrames."""

from __future__ import annotations

import base64
import datetime
import decimal
import importlib
import io
import json
import math
import numbers
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from specblocks._generated.bar_plot import BarPlotBase
from specblocks._generated.line_plot import LinePlotBase
from specblocks._generated.plot import PlotBase
from specblocks._generated.scatter_plot import ScatterPlotBase
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._loaded import is_numpy_bool

if TYPE_CHECKING:
    import pandas as pd

_LIBRARIES = ("altair", "bokeh", "plotly", "matplotlib")
_DATATYPES = ("quantitative", "nominal", "temporal")


class PlotData(dict[str, Any]):
    """A chart payload handed to a function: a dict whose keys also read as attributes.

    ``Plot`` gives one with ``type`` and ``plot``; ``BarPlot``, ``LinePlot`` and
    ``ScatterPlot`` one with ``columns``, ``data``, ``datatypes`` and ``mark``. Both
    ``value["columns"]`` and ``value.columns`` work.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(f"PlotData has no key {name!r}") from None


# -- Plot ------------------------------------------------------------------------------------


class Plot(PlotBase):
    __doc__ = PlotBase.__doc__

    def example_payload(self) -> None:
        """No example input: a chart is drawn by the app, not given to it (as in Gradio)."""
        return

    def preprocess(self, payload: Any) -> PlotData | None:
        """The displayed chart as sent by the browser.

        Args:
            payload: ``{"type": <library>, "plot": <serialized chart>}``, or None.

        Returns:
            The payload as a :class:`PlotData` (a dict with attribute access), or None.

        Raises:
            PayloadError: The payload is not a serialized chart.
        """
        if payload is None:
            return None
        try:
            return PlotData(_check_chart(payload, "Plot"))
        except ValueError as exc:
            raise PayloadError(str(exc)) from None

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Serialize a figure for the browser.

        Matplotlib figures (or the ``matplotlib.pyplot`` module, meaning the current figure)
        are rendered to an image in this component's ``format`` and sent as a base64 data URL;
        Plotly figures and Altair charts are sent as their JSON specification, Bokeh models as
        Bokeh's JSON item. A chart payload (a mapping with ``type`` and ``plot``) is sent as is.

        Args:
            value: The figure returned by the function, or None.

        Returns:
            ``{"type": <library>, "plot": <str>}``, or None.

        Raises:
            TypeError: The value is not a figure of a supported library.
            ValueError: A chart mapping is malformed, or the figure cannot be rendered.
        """
        if value is None:
            return None
        if isinstance(value, Mapping):
            return _check_chart(value, "Plot")
        library, figure = _identify(value)
        if library == "matplotlib":
            return {"type": library, "plot": self._render_matplotlib(figure)}
        if library == "bokeh":
            embed = importlib.import_module("bokeh.embed")
            return {"type": library, "plot": json.dumps(embed.json_item(figure))}
        spec = figure.to_json()
        if not isinstance(spec, str):
            raise TypeError(f"Plot: {type(figure).__name__}.to_json() did not return a string.")
        return {"type": library, "plot": spec}

    def _render_matplotlib(self, figure: Any) -> str:
        image_format = self.format or "png"
        with io.BytesIO() as buffer:
            try:
                figure.savefig(buffer, format=image_format)
            except ValueError as exc:
                raise ValueError(
                    f"Plot: cannot render the Matplotlib figure as {image_format!r}: {exc}"
                ) from exc
            data = buffer.getvalue()
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None and not isinstance(figure, ModuleType):
            # A figure made through pyplot stays open (and in memory) until closed.
            pyplot.close(figure)
        encoded = base64.b64encode(data).decode("ascii")
        return f"data:image/{image_format};base64,{encoded}"


def _library_of(value: Any) -> str | None:
    module = value.__name__ if isinstance(value, ModuleType) else type(value).__module__
    root = str(module).split(".", 1)[0]
    return root if root in _LIBRARIES else None


def _identify(value: Any) -> tuple[str, Any]:
    """The library that made ``value`` and the object to serialize."""
    library = _library_of(value)
    if library == "matplotlib" and not hasattr(value, "savefig"):
        # e.g. an Axes: render the figure it belongs to.
        library = None
    if library is None:
        # Objects wrapping a Matplotlib figure (Axes, seaborn grids) expose it as `.figure`.
        figure = getattr(value, "figure", None)
        if figure is not None and _library_of(figure) == "matplotlib":
            return "matplotlib", figure
        raise TypeError(
            f"Plot: cannot display a {type(value).__module__}.{type(value).__qualname__}; "
            "return a Matplotlib figure (or matplotlib.pyplot), a Plotly figure, an Altair "
            "chart, a Bokeh model, or None."
        )
    if library in ("plotly", "altair") and not callable(getattr(value, "to_json", None)):
        raise TypeError(
            f"Plot: a {type(value).__qualname__} from {library} is not a chart (it has no "
            "to_json method); return a figure or chart object."
        )
    return library, value


def _check_chart(value: Any, component: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{component}: expected a chart payload {{'type': ..., 'plot': ...}}, "
            f"got {type(value).__name__}."
        )
    kind = value.get("type")
    if kind not in _LIBRARIES:
        raise ValueError(
            f"{component}: the chart's 'type' must be one of {', '.join(_LIBRARIES)}, got {kind!r}."
        )
    if not isinstance(value.get("plot"), str):
        raise ValueError(f"{component}: the chart's 'plot' must be a string.")
    return dict(value)


# -- native plots ------------------------------------------------------------------------------


class _NativePlot(Component):
    """Conversions shared by the charts the browser draws from tabular data."""

    MARK: ClassVar[str] = "native"

    def config_props(self) -> dict[str, Any]:
        """A chart without a label shows none unless ``show_label`` asks for it."""
        props = super().config_props()
        if getattr(self, "show_label", None) is None and getattr(self, "label", None) is None:
            props["show_label"] = False
        return props

    def preprocess(self, payload: Any) -> PlotData | None:
        """The plotted data as sent by the browser.

        Args:
            payload: ``{"columns", "data", "datatypes", "mark"}``, or None.

        Returns:
            The payload as a :class:`PlotData` (a dict whose keys also read as attributes,
            like ``value.columns``), or None.

        Raises:
            PayloadError: The payload does not have that shape.
        """
        if payload is None:
            return None
        try:
            return PlotData(self._check_payload(payload))
        except ValueError as exc:
            raise PayloadError(str(exc)) from None

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """Turn a DataFrame into the plotted data.

        Columns are sent by name with their rows; each column's kind is derived from its
        dtype: numbers and booleans are "quantitative", strings, categories and other
        objects "nominal", dates and times "temporal" (sent as milliseconds since the
        epoch). Missing and non-finite numbers become null. The index is not sent.

        Args:
            value: A pandas DataFrame (or an object with ``to_pandas()``), an already
                built payload mapping, or None.

        Returns:
            ``{"columns", "data", "datatypes", "mark"}``, or None.

        Raises:
            TypeError: The value is not a DataFrame.
            ValueError: A column name is not a string, names repeat, a column's dtype cannot
                be plotted (e.g. timedeltas), or a payload mapping is malformed.
        """
        if value is None:
            return None
        if isinstance(value, Mapping):
            return self._check_payload(value)
        import pandas as pd

        if not isinstance(value, pd.DataFrame) and callable(getattr(value, "to_pandas", None)):
            value = value.to_pandas()
        if not isinstance(value, pd.DataFrame):
            raise TypeError(
                f"{self.NAME}: expected a pandas DataFrame, got {type(value).__name__}."
            )
        return self._from_frame(value)

    def _from_frame(self, frame: pd.DataFrame) -> dict[str, Any]:
        columns: list[str] = []
        for column in frame.columns:
            if not isinstance(column, str):
                raise ValueError(
                    f"{self.NAME}: column names must be strings, got {column!r}; rename the "
                    "columns (e.g. df.columns = df.columns.astype(str))."
                )
            if column in columns:
                raise ValueError(f"{self.NAME}: the column name {column!r} is used twice.")
            columns.append(column)
        datatypes = {
            name: _datatype(dtype, name, self.NAME)
            for name, dtype in zip(columns, frame.dtypes, strict=True)
        }
        cells = [_column_cells(frame.iloc[:, index]) for index in range(len(columns))]
        rows = [[column[row] for column in cells] for row in range(len(frame))] if cells else []
        return {"columns": columns, "data": rows, "datatypes": datatypes, "mark": self.MARK}

    def _check_payload(self, value: Any) -> dict[str, Any]:
        name = self.NAME
        if not isinstance(value, Mapping):
            raise ValueError(
                f"{name}: expected the plotted data as an object with columns, data, "
                f"datatypes and mark, got {type(value).__name__}."
            )
        columns = value.get("columns")
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            raise ValueError(f"{name}: 'columns' must be a list of strings.")
        rows = value.get("data")
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ValueError(f"{name}: 'data' must be a list of rows (lists).")
        datatypes = value.get("datatypes")
        if not isinstance(datatypes, Mapping) or not all(
            isinstance(key, str) and kind in _DATATYPES for key, kind in datatypes.items()
        ):
            raise ValueError(
                f"{name}: 'datatypes' must map column names to one of {', '.join(_DATATYPES)}."
            )
        mark = value.get("mark")
        if not isinstance(mark, str):
            raise ValueError(f"{name}: 'mark' must be a string.")
        return {"columns": columns, "data": rows, "datatypes": dict(datatypes), "mark": mark}


def _column_cells(series: pd.Series[Any]) -> list[Any]:
    """The JSON values of a column: dates and times as milliseconds since the epoch (UTC)."""
    from pandas.api import types

    if types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        return [None if _is_missing(stamp) else _epoch_ms(stamp) for stamp in series]
    return [_cell(value) for value in series.tolist()]


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or is_numpy_bool(value):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real | decimal.Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, numbers.Complex):
        return {"imag": _cell(value.imag), "real": _cell(value.real)}
    if isinstance(value, datetime.date):
        return _epoch_ms(value)
    if _is_missing(value):
        return None
    return str(value)


def _is_missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _epoch_ms(value: Any) -> int | None:
    """Milliseconds since 1970-01-01 UTC of a date or (naive = UTC, or aware) date-time."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    if _is_missing(stamp):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return int((stamp - pd.Timestamp(0)) // pd.Timedelta(milliseconds=1))


def _datatype(dtype: Any, column: str, component: str) -> str:
    from pandas.api import types

    if types.is_numeric_dtype(dtype):
        return "quantitative"
    if types.is_datetime64_any_dtype(dtype):
        return "temporal"
    if types.is_string_dtype(dtype) or isinstance(dtype, types.CategoricalDtype):
        return "nominal"
    raise ValueError(
        f"{component}: column {column!r} has dtype {dtype}, which cannot be plotted; use "
        "numbers, strings or categories, or dates and times."
    )


class BarPlot(_NativePlot, BarPlotBase):
    __doc__ = BarPlotBase.__doc__
    MARK: ClassVar[str] = "bar"


class LinePlot(_NativePlot, LinePlotBase):
    __doc__ = LinePlotBase.__doc__
    MARK: ClassVar[str] = "line"


class ScatterPlot(_NativePlot, ScatterPlotBase):
    __doc__ = ScatterPlotBase.__doc__
    MARK: ClassVar[str] = "point"


__all__ = ["BarPlot", "LinePlot", "Plot", "ScatterPlot"]
