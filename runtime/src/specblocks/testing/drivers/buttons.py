"""Drivers of the button components."""

from __future__ import annotations

from specblocks.testing._driver import Driver, Expect, Subject, register_driver


@register_driver
class ButtonDriver(Driver):
    component = "Button"
    new_value = "Renamed"

    def event_click(self, s: Subject) -> Expect:
        s.root.get_by_role("button").click()
        return Expect(value="Run")
