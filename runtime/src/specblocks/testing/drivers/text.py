"""Drivers of the text components: Textbox."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from playwright.sync_api import Locator


@register_driver
class TextboxDriver(Driver):
    component = "Textbox"
    kwargs: ClassVar[dict[str, Any]] = {
        "value": "hello world",
        "buttons": ["copy"],
        "stop_btn": True,
    }
    new_value = "set by the server"

    def control(self, s: Subject) -> Locator:
        return s.root.locator("input, textarea").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("input, textarea").first

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value="hello world")

    def event_blur(self, s: Subject) -> Expect:
        self.control(s).click()
        s.page.keyboard.press("Tab")
        return Expect(value="hello world")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("typed")
        return Expect(value="typed")

    def event_change(self, s: Subject) -> Expect:
        self.control(s).fill("changed")
        return Expect(value="changed")

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("sent")
        self.control(s).press("Enter")
        return Expect(value="sent")

    def event_select(self, s: Subject) -> Expect:
        self.control(s).evaluate("(el) => { el.focus(); el.setSelectionRange(0, 5); }")
        return Expect(data={"value": "hello", "index": [0, 5]})

    def event_copy(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Copy").click()
        return Expect(data={"value": "hello world"})

    def event_stop(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Stop").click()
        return Expect(value="hello world")
