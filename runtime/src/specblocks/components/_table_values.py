"""Reading tables (pandas, Styler, polars, NumPy, lists, dicts, CSV files) for Dataframe."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import math
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from specblocks.components._jsonable import to_jsonable
from specblocks.core._loaded import is_dataframe, is_ndarray, is_numpy_scalar, is_styler

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

# Kinds of column, by the name of a dtype or of a Python type with brackets and bit sizes
# removed ("datetime64[ns]" -> "datetime", "Int64" -> "int").
_KINDS = {
    "str": "str",
    "object": "str",
    "string": "str",
    "utf": "str",
    "category": "str",
    "categorical": "str",
    "int": "number",
    "float": "number",
    "bool": "bool",
    "boolean": "bool",
    "datetime": "date",
    "date": "date",
    "timedelta": "date",
    "timestamp": "date",
}
_BRACKETS = re.compile(r"\[.*?\]|\(.*?\)")
_TRAILING_DIGITS = re.compile(r"\s*\d+\s*$")


def polars_available() -> bool:
    """Whether the optional ``polars`` package can be imported."""
    return importlib.util.find_spec("polars") is not None


def import_polars() -> ModuleType:
    """The ``polars`` module; ImportError with an install hint when it is missing."""
    try:
        return importlib.import_module("polars")
    except ImportError as exc:
        raise ImportError(
            'Dataframe: type="polars" needs the polars package; install it with '
            "`pip install polars`."
        ) from exc


def is_polars_frame(value: Any) -> bool:
    """Whether ``value`` is a polars DataFrame (without importing polars needlessly)."""
    return type(value).__module__.startswith("polars") and type(value).__name__ == "DataFrame"


def _kind(type_name: str) -> str:
    name = _TRAILING_DIGITS.sub("", _BRACKETS.sub("", type_name)).lower()
    return _KINDS.get(name, "str")


def infer_datatype(value: Any) -> str | list[str]:
    """The kind of each column of ``value`` ("str", "number", "bool" or "date").

    Tables whose columns cannot be told apart (empty, one-dimensional, unknown) give "str".
    """
    if is_styler(value):
        value = styler_frame(value)
    if is_dataframe(value) or is_polars_frame(value):
        return [_kind(str(dtype)) for dtype in value.dtypes]
    if is_ndarray(value):
        if value.size == 0 or value.ndim < 2:
            return "str"
        return [_kind(type(value[0, i]).__name__) for i in range(value.shape[1])]
    if isinstance(value, list) and value and isinstance(value[0], list | tuple):
        return [_kind(type(cell).__name__) for cell in value[0]]
    return "str"


def is_empty(value: Any) -> bool:
    """Whether a returned table holds no cells."""
    if value is None:
        return True
    if is_styler(value):
        value = styler_frame(value)
    if is_dataframe(value):
        return bool(value.empty)
    if is_ndarray(value):
        return bool(value.size == 0)
    if is_polars_frame(value):
        return bool(value.is_empty())
    if isinstance(value, list):
        if value and isinstance(value[0], list):
            return len(value[0]) == 0
        return len(value) == 0
    if isinstance(value, Mapping):
        return len(value.get("data", value)) == 0
    return False


def read_csv(path: str) -> pd.DataFrame:
    """Read a CSV file returned by path; ValueError when it cannot be read."""
    if not Path(path).is_file():
        raise ValueError(f"Dataframe: the returned CSV file {path!r} does not exist")
    import pandas as pd

    try:
        return pd.read_csv(path)
    except (OSError, ValueError) as exc:
        raise ValueError(f"Dataframe: cannot read the CSV file {path!r}: {exc}") from exc


def headers_of(value: Any) -> list[Any]:
    """The column names a returned table carries (empty when it has none)."""
    if is_styler(value):
        value = _visible_frame(value)
    if is_dataframe(value) or is_polars_frame(value):
        return list(value.columns)
    if isinstance(value, str):
        return list(read_csv(value).columns)
    if isinstance(value, Mapping):
        return list(value.get("headers") or [])
    return []


def styler_frame(styler: Styler) -> pd.DataFrame:
    """The DataFrame a Styler styles."""
    frame: pd.DataFrame = styler.data  # type: ignore[attr-defined]
    return frame


def _visible_frame(styler: Styler) -> pd.DataFrame:
    frame = styler_frame(styler)
    hidden = set(getattr(styler, "hidden_columns", []))
    return frame.iloc[:, [i for i in range(frame.shape[1]) if i not in hidden]]


def _split_rows(frame: pd.DataFrame) -> list[list[Any]]:
    if not frame.columns.is_unique:  # pandas would drop the repeated columns' cells
        frame = frame.set_axis(range(frame.shape[1]), axis=1)
    rows: list[list[Any]] = frame.to_dict(orient="split")["data"]
    return rows


def rows_of(value: Any) -> list[list[Any]]:
    """The rows of a returned (non-empty) table, as lists of cells.

    Raises:
        TypeError: ``value`` is not a kind of table Dataframe can show.
    """
    if isinstance(value, Mapping):
        return [list(row) for row in value.get("data", [[]])]
    if isinstance(value, str):
        return _split_rows(read_csv(value))
    if is_dataframe(value):
        return _split_rows(value)
    if is_styler(value):
        return _split_rows(_visible_frame(value))
    if is_polars_frame(value):
        return [list(row) for row in value.rows()]
    if is_ndarray(value) or isinstance(value, list | tuple):
        items = value.tolist() if is_ndarray(value) else list(value)
        if isinstance(items[0], list | tuple):
            return [list(row) for row in items]
        return [[item] for item in items]
    raise TypeError(
        "Dataframe cannot show a value of type "
        f"{type(value).__name__}; return a pandas or polars DataFrame, a Styler, a NumPy "
        "array, a list of rows, a dict with 'data' or the path of a CSV file"
    )


def styler_metadata(styler: Styler) -> dict[str, list[list[Any]]] | None:
    """The display values and CSS of each visible cell of a pandas Styler."""
    try:
        rendered = styler._compute()._translate(False, False)  # type: ignore[attr-defined]
    except Exception:  # private pandas API: without it only the styling is lost
        return None
    styles: dict[str, str] = {}
    for entry in rendered.get("cellstyle", []):
        css = "; ".join(f"{prop}: {val}" for prop, val in entry.get("props", []))
        for selector in entry.get("selectors", []):
            styles[selector] = css
    hidden = {int(c) for c in getattr(styler, "hidden_columns", [])}
    display: list[list[Any]] = []
    styling: list[list[Any]] = []
    for row in rendered["body"]:
        cells = [cell for cell in row if cell.get("type") == "td"]
        cells = [cell for index, cell in enumerate(cells) if index not in hidden]
        display.append([to_jsonable(cell.get("display_value")) for cell in cells])
        styling.append([styles.get(cell.get("id", ""), "") for cell in cells])
    return {"display_value": display, "styling": styling}


def json_cell(value: Any) -> Any:
    """A cell as a JSON value: missing values become None, dates their text."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    pandas = sys.modules.get("pandas")  # a pandas missing value only once pandas is loaded
    if pandas is not None and (value is pandas.NaT or value is pandas.NA):
        return None
    if is_numpy_scalar(value):
        return json_cell(value.item())
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return str(value)
    return to_jsonable(value)
