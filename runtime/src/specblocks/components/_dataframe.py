"""The Dataframe component."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from specblocks._generated.dataframe import DataframeBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload
from specblocks.components._jsonable import to_jsonable
from specblocks.components._table_values import (
    headers_of,
    import_polars,
    infer_datatype,
    is_empty,
    json_cell,
    polars_available,
    rows_of,
    styler_metadata,
)
from specblocks.core._exceptions import PayloadError
from specblocks.core._loaded import is_styler

_TYPES = ("pandas", "numpy", "array", "polars")
_DEFAULT_COLUMNS = 3
_DEFAULT_ROWS = 3


def _css_width(width: str | int) -> str:
    """A column width as CSS: a bare number is in pixels."""
    if isinstance(width, str) and (width.endswith(("px", "%")) or width == "auto"):
        return width
    return f"{width}px"


_EXAMPLE_ROWS = 5


class Dataframe(DataframeBase, AfterInit):
    __doc__ = DataframeBase.__doc__

    def _after_init(self) -> None:
        if self.type not in _TYPES:
            raise ValueError(f"Dataframe: `type` must be one of {list(_TYPES)}, got {self.type!r}")
        if self.type == "polars" and not polars_available():
            import_polars()
        deprecated: object = self.col_count
        if deprecated is not None:
            warnings.warn(
                "Dataframe: `col_count` is deprecated and ignored; use `column_count`.",
                DeprecationWarning,
                stacklevel=4,
            )
        columns = self._column_count()
        if self.headers is not None and len(self.headers) != columns:
            raise ValueError(
                f"Dataframe: `headers` has {len(self.headers)} names but the column count is "
                f"{columns}; make `headers` and `column_count` agree"
            )

    def _column_count(self) -> int:
        if self.column_count is not None:
            return self.column_count
        return len(self.headers) if self.headers else _DEFAULT_COLUMNS

    @property
    def resolved_headers(self) -> list[str]:
        """``headers``, or "1", "2", … for each column when it is None."""
        if self.headers is not None:
            return list(self.headers)
        return [str(i) for i in range(1, self._column_count() + 1)]

    @property
    def resolved_datatype(self) -> str | list[str]:
        """``datatype``, with "auto" replaced by the kinds inferred from the initial value."""
        if self.datatype == "auto":
            value = None if self.value_is_callable else self.value
            return infer_datatype(value)
        return self.datatype if isinstance(self.datatype, str) else list(self.datatype)

    def config_props(self) -> dict[str, Any]:
        """Settings in the form Gradio's config gives them.

        ``datatype`` with "auto" resolved from the initial value, the headers ("1", "2" …
        when None), the row and column counts as ``[count, "dynamic"]`` (``col_count`` too,
        Gradio's former name) and each column width as CSS ("120" becomes "120px").
        """
        columns = [self._column_count(), "dynamic"]
        rows = self.row_count if self.row_count is not None else _DEFAULT_ROWS
        return {
            "datatype": self.resolved_datatype,
            "headers": self.resolved_headers,
            "row_count": [rows, "dynamic"],
            "column_count": columns,
            "col_count": list(columns),
            "column_widths": [_css_width(w) for w in self.column_widths or []],
        }

    # -- input --------------------------------------------------------------------------
    def _table_payload(self, payload: Any) -> tuple[list[Any], list[list[Any]]]:
        if payload is None:
            return self.resolved_headers, []
        if not isinstance(payload, Mapping):
            raise bad_payload(self, 'an object like {"headers": [...], "data": [[...]]}', payload)
        headers = payload.get("headers")
        data = payload.get("data")
        if not isinstance(headers, list) or not all(
            h is None or (isinstance(h, str | int | float) and not isinstance(h, bool))
            for h in headers
        ):
            raise bad_payload(self, "'headers' to be a list of column names", headers)
        if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
            raise bad_payload(self, "'data' to be a list of rows (lists)", data)
        return headers, data

    def preprocess(self, payload: Any) -> Any:
        """Pass the table to the function in the form ``type`` asks for.

        Args:
            payload: ``{"headers": [...], "data": [[...], ...]}`` (an optional "metadata" is
                ignored); None is taken as an empty table.

        Returns:
            A pandas DataFrame ("pandas"), a NumPy array ("numpy"), a polars DataFrame
            ("polars") or the list of rows ("array").

        Raises:
            PayloadError: The payload does not have that shape, or its rows do not fit the
                headers.
        """
        headers, data = self._table_payload(payload)
        rows = [] if data == [[]] else _fitted(data, len(headers))
        try:
            if self.type == "pandas":
                import pandas as pd

                return pd.DataFrame(rows, columns=headers)
            if self.type == "polars":
                polars = import_polars()
                return polars.DataFrame(rows, schema=headers, orient="row")
            if self.type == "numpy":
                import numpy as np

                return np.array(data)
        except (ValueError, TypeError) as exc:
            raise PayloadError(f"Dataframe: the table does not fit its headers: {exc}") from exc
        return data

    # -- output -------------------------------------------------------------------------
    def postprocess(self, value: Any) -> dict[str, Any]:
        """Show a returned table.

        Args:
            value: A pandas or polars DataFrame, a pandas Styler (its display values and
                styles are kept), a NumPy array, a list of rows (a flat list is one column),
                a dict with "data" and optional "headers" and "metadata", the path of a CSV
                file, or None for an empty table.

        Returns:
            ``{"headers", "data", "metadata"}``: headers default to ``headers`` and are cut
            or numbered to fit the row width; cells are plain JSON values (missing values
            become null, dates their text).

        Raises:
            TypeError: The value is not a kind of table.
            ValueError: A CSV path cannot be read.
        """
        if is_styler(value) and self.interactive:
            warnings.warn(
                "Dataframe: an interactive table cannot show a Styler's styles; it is shown "
                "as a plain table.",
                UserWarning,
                stacklevel=2,
            )
        headers = headers_of(value) or self.resolved_headers
        rows = [] if is_empty(value) else rows_of(value)
        if not rows:
            return {"headers": to_jsonable(headers), "data": [], "metadata": None}
        width = len(rows[0])
        if len(headers) > width:
            headers = headers[:width]
        elif len(headers) < width:
            headers += [str(i) for i in range(len(headers) + 1, width + 1)]
        metadata: Any = None
        if is_styler(value):
            metadata = styler_metadata(value)
        elif isinstance(value, Mapping):
            metadata = to_jsonable(value.get("metadata"))
        return {
            "headers": to_jsonable(headers),
            "data": [[json_cell(cell) for cell in row] for row in rows],
            "metadata": metadata,
        }

    def process_example(self, value: Any) -> list[list[Any]] | str:
        """The first rows of an example table, as shown in an examples table."""
        if value is None:
            return ""
        rows: list[list[Any]] = self.postprocess(value)["data"]
        return rows[:_EXAMPLE_ROWS]


def _fitted(rows: list[list[Any]], width: int) -> list[list[Any]]:
    """``rows`` made ``width`` cells wide, short rows padded with None (missing cells).

    Without headers (``width`` 0) the width is the widest row's.

    Raises:
        PayloadError: A row has more cells than the table has columns.
    """
    if not width:
        width = max((len(row) for row in rows), default=0)
    for index, row in enumerate(rows):
        if len(row) > width:
            raise PayloadError(
                f"Dataframe: row {index} has {len(row)} cells; the table has {width} columns."
            )
    return [row if len(row) == width else [*row, *[None] * (width - len(row))] for row in rows]
