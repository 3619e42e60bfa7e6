"""Charts."""

from __future__ import annotations

from specblocks.components._generated.bar_plot import BarPlotBase
from specblocks.components._generated.line_plot import LinePlotBase
from specblocks.components._generated.plot import PlotBase
from specblocks.components._generated.scatter_plot import ScatterPlotBase


class Plot(PlotBase):
    __doc__ = PlotBase.__doc__


class BarPlot(BarPlotBase):
    __doc__ = BarPlotBase.__doc__


class LinePlot(LinePlotBase):
    __doc__ = LinePlotBase.__doc__


class ScatterPlot(ScatterPlotBase):
    __doc__ = ScatterPlotBase.__doc__


__all__ = ["BarPlot", "LinePlot", "Plot", "ScatterPlot"]
