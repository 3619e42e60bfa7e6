"""The component × event matrix, rendered from the specs."""

from __future__ import annotations

import csv
import io

from specblocks_gen.ir import model as ir


def matrix_rows(catalog: ir.Catalog, columns: list[str] | None = None) -> list[list[str]]:
    """Header row then one row per component (layouts excluded): 1 where it has the event.

    ``columns`` fixes the event order (e.g. to compare with a reference table); by default
    every event any component has, sorted.
    """
    comps = [c for c in catalog.components if c.kind == "component"]
    if columns is None:
        columns = sorted({e.name for c in comps for e in c.events})
    rows = [["component", *columns]]
    for comp in comps:
        names = {e.name for e in comp.events}
        rows.append([comp.name, *("1" if col in names else "0" for col in columns)])
    return rows


def matrix_csv(catalog: ir.Catalog, columns: list[str] | None = None) -> str:
    """The matrix as CSV text."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(matrix_rows(catalog, columns))
    return out.getvalue()
