"""Drivers of the data components and charts.

Dataframe, Dataset, Plot, BarPlot, LinePlot and ScatterPlot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from playwright.sync_api import Locator


@register_driver
class DataframeDriver(Driver):
    """A two-column table (text and numbers) passed to listeners as a list of rows."""

    component = "Dataframe"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": [["apple", 1], ["pear", 2]],
        "headers": ["fruit", "count"],
        "datatype": ["str", "number"],
        "type": "array",
    }
    new_value: ClassVar[Any] = [["kiwi", 3]]

    def cell(self, root: Locator, row: int, col: int) -> Locator:
        return root.locator(f'td[data-row="{row}"][data-col="{col}"]')

    def edit(self, s: Subject, row: int, col: int, text: str) -> None:
        self.cell(s.root, row, col).dblclick()
        editor = s.root.locator("input.sb-dataframe-editor")
        editor.fill(text)
        editor.press("Enter")

    def check_interactive(self, s: Subject) -> None:
        from playwright.sync_api import expect

        self.cell(s.root, 0, 0).dblclick()
        expect(s.root.locator("input.sb-dataframe-editor")).to_be_focused()

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        expect(s.static.locator("table")).to_have_attribute("aria-readonly", "true")
        self.cell(s.static, 0, 0).dblclick()
        expect(s.static.locator("input.sb-dataframe-editor")).to_have_count(0)

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value=self.new_value)

    def event_input(self, s: Subject) -> Expect:
        self.edit(s, 0, 0, "banana")
        return Expect(value=[["banana", 1], ["pear", 2]])

    def event_edit(self, s: Subject) -> Expect:
        self.edit(s, 1, 1, "5")
        return Expect(
            value=[["apple", 1], ["pear", 5]],
            data={"index": [1, 1], "value": 5, "previous_value": 2},
        )

    def event_select(self, s: Subject) -> Expect:
        self.cell(s.root, 1, 1).click()
        return Expect(
            value=[["apple", 1], ["pear", 2]],
            data={
                "index": [1, 1],
                "value": 2,
                "row_value": ["pear", 2],
                "col_value": [1, 2],
                "selected": True,
            },
        )


@register_driver
class DatasetDriver(Driver):
    """Three text samples; clicking one passes its values (type "values")."""

    component = "Dataset"
    kwargs: ClassVar[dict[str, Any]] = {
        "components": ["textbox"],
        "samples": [["alpha"], ["beta"], ["gamma"]],
    }
    new_value = 2

    def sample(self, s: Subject, text: str) -> Locator:
        return s.root.get_by_role("button", name=text)

    def event_click(self, s: Subject) -> Expect:
        self.sample(s, "beta").click()
        return Expect(value=["beta"])

    def event_select(self, s: Subject) -> Expect:
        self.sample(s, "gamma").click()
        return Expect(value=["gamma"], data={"index": 2, "value": ["gamma"], "selected": True})


#: A 1×1 transparent PNG: the smallest Matplotlib-style figure payload.
_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAj"
    "CB0C8AAAAASUVORK5CYII="
)


@register_driver
class PlotDriver(Driver):
    """A figure payload set by the server: the listener receives it back."""

    component = "Plot"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": {
            "type": "plotly",
            "plot": '{"data": [{"type": "bar", "x": ["a", "b"], "y": [4, 5]}], "layout": {}}',
        }
    }
    new_value: ClassVar[Any] = {"type": "matplotlib", "plot": _PNG}

    def event_change(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        s.set_value()
        expect(s.root.locator("img")).to_have_attribute("src", _PNG)
        return Expect(value=self.new_value)


def _chart_value(mark: str) -> dict[str, Any]:
    return {
        "columns": ["day", "sales", "shop"],
        "data": [[1, 4, "north"], [2, 7, "north"], [3, 5, "south"], [4, 9, "south"]],
        "datatypes": {"day": "quantitative", "sales": "quantitative", "shop": "nominal"},
        "mark": mark,
    }


class _NativePlotDriver(Driver):
    """A chart of four points: dragging across it selects a range of x values."""

    mark: ClassVar[str] = "point"

    @property
    def value(self) -> dict[str, Any]:
        return _chart_value(self.mark)

    def build(self, cls: Any, **kwargs: Any) -> Any:
        return cls(
            **{"value": self.value, "x": "day", "y": "sales", "color": "shop", **self.kwargs},
            **kwargs,
        )

    @property
    def new_value(self) -> Any:
        return {**self.value, "data": self.value["data"][:2]}

    def area(self, s: Subject) -> Locator:
        return s.root.locator(".sb-chart-area")

    def event_select(self, s: Subject) -> Expect:
        import json

        area = self.area(s)
        box = area.bounding_box()
        assert box is not None
        y = box["y"] + box["height"] / 2
        s.page.mouse.move(box["x"] + box["width"] * 0.25, y)
        s.page.mouse.down()
        s.page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
        s.page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
        s.page.mouse.up()
        chart = s.root.locator(".sb-chart")
        shown = chart.get_attribute("data-selection")
        assert shown, "the chart shows no selection after dragging across it"
        selection = json.loads(shown)
        low, high = selection["index"]
        assert 1 <= low < high <= 4, selection
        return Expect(value=self.value, data={**selection, "selected": True})

    def event_double_click(self, s: Subject) -> Expect:
        self.area(s).dblclick()
        return Expect(value=self.value)


@register_driver
class BarPlotDriver(_NativePlotDriver):
    component = "BarPlot"
    mark = "bar"


@register_driver
class LinePlotDriver(_NativePlotDriver):
    component = "LinePlot"
    mark = "line"


@register_driver
class ScatterPlotDriver(_NativePlotDriver):
    component = "ScatterPlot"
    mark = "point"
