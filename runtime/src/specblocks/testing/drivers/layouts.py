"""Drivers of the layouts: Row, Column, Group, Tabs, Tab, Accordion and Sidebar.

A layout under test is built as a container with a child inside (``build`` enters it), so that
it has something to show; layouts have no value, so their listeners receive only event data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator

    from specblocks.core._blocks import Block

#: The text of the child the harness puts inside a layout.
CHILD_TEXT = "Inside the layout"
#: The label of the tab next to the Tab under test.
OTHER_TAB = "Other tab"


class _LayoutDriver(Driver):
    """Builds the layout with a Markdown child inside."""

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        import specblocks as gr

        layout: Any = cls(**{**self.kwargs, **kwargs})
        with layout:
            gr.Markdown(CHILD_TEXT)
        block: Block = layout
        return block


@register_driver
class RowDriver(_LayoutDriver):
    component = "Row"


@register_driver
class ColumnDriver(_LayoutDriver):
    component = "Column"


@register_driver
class GroupDriver(_LayoutDriver):
    component = "Group"


@register_driver
class TabsDriver(Driver):
    """Tabs with two tabs: picking the second one selects it and changes the selection."""

    component = "Tabs"

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        import specblocks as gr

        tabs: Any = cls(**{**self.kwargs, **kwargs})
        with tabs:
            with gr.Tab("First tab"):
                gr.Markdown(CHILD_TEXT)
            with gr.Tab("Second tab"):
                gr.Markdown("Second panel")
        block: Block = tabs
        return block

    def _pick_second(self, s: Subject) -> None:
        s.root.get_by_role("tab", name="Second tab").click()

    def event_select(self, s: Subject) -> Expect:
        self._pick_second(s)
        return Expect(data={"index": 1, "value": "Second tab", "selected": True})

    def event_change(self, s: Subject) -> Expect:
        self._pick_second(s)
        return Expect()


@register_driver
class TabDriver(Driver):
    """The Tab under test is the first of two tabs inside a Tabs.

    Selecting it is done by picking the other tab and then the subject again, so that the
    selection really changes.
    """

    component = "Tab"

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        import specblocks as gr

        with gr.Tabs():
            tab: Any = cls(**{**self.kwargs, **kwargs})
            with tab:
                gr.Markdown(CHILD_TEXT)
            with gr.Tab(OTHER_TAB):
                gr.Markdown("The other panel")
        block: Block = tab
        return block

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("tab")

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("tab")

    def event_select(self, s: Subject) -> Expect:
        tabs = s.page.locator("sb-tabs", has=s.root)
        tabs.get_by_role("tab", name=OTHER_TAB).click()
        self.control(s).click()
        return Expect(data={"index": 0, "value": "Subject label", "selected": True})


class _CollapsibleDriver(_LayoutDriver):
    """Accordion and Sidebar: open by default; the toggle closes and opens them."""

    def toggle(self, s: Subject) -> Locator:
        return s.root.locator("button[aria-expanded]").first

    def event_collapse(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        toggle = self.toggle(s)
        expect(toggle).to_have_attribute("aria-expanded", "true")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        return Expect()

    def event_expand(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        toggle = self.toggle(s)
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        return Expect()


@register_driver
class AccordionDriver(_CollapsibleDriver):
    component = "Accordion"


@register_driver
class SidebarDriver(_CollapsibleDriver):
    component = "Sidebar"
