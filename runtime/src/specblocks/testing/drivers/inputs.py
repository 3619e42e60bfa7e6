"""Drivers of the input components.

Number, Slider, Checkbox, CheckboxGroup, Radio, Dropdown, ColorPicker, DateTime, Code, Dialogue
and MultimodalTextbox.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from playwright.sync_api import FilePayload, Locator


def _blur_with_tab(control: Locator, s: Subject) -> None:
    control.click()
    s.page.keyboard.press("Tab")


@register_driver
class NumberDriver(Driver):
    component = "Number"
    kwargs: ClassVar[dict[str, Any]] = {"value": 3, "minimum": 0, "maximum": 100}
    new_value = 42

    def control(self, s: Subject) -> Locator:
        return s.root.locator("input[type=number]").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("input[type=number]").first

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value=3)

    def event_blur(self, s: Subject) -> Expect:
        _blur_with_tab(self.control(s), s)
        return Expect(value=3)

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("7")
        return Expect(value=7)

    def event_change(self, s: Subject) -> Expect:
        self.control(s).fill("8.5")
        return Expect(value=8.5)

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("9")
        self.control(s).press("Enter")
        return Expect(value=9)


@register_driver
class SliderDriver(Driver):
    component = "Slider"
    kwargs: ClassVar[dict[str, Any]] = {"minimum": 0, "maximum": 100, "value": 10, "step": 1}
    new_value = 55

    def control(self, s: Subject) -> Locator:
        return s.root.locator("input[type=range]")

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("input[type=range]")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).focus()
        s.page.keyboard.press("ArrowRight")
        return Expect(value=11)

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_role("spinbutton").fill("42")
        return Expect(value=42)

    def event_release(self, s: Subject) -> Expect:
        box = self.control(s).bounding_box()
        assert box is not None, "the slider's range input is not laid out"
        y = box["y"] + box["height"] / 2
        s.page.mouse.move(box["x"] + box["width"] * 0.1, y)
        s.page.mouse.down()
        s.page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
        s.page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
        s.page.mouse.up()
        # The handle ends about three quarters along the track.
        return Expect(value_matches=r"^(6[5-9]|[78]\d)(\.\d+)?$")


@register_driver
class CheckboxDriver(Driver):
    component = "Checkbox"
    kwargs: ClassVar[dict[str, Any]] = {"value": False}
    new_value = True

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("checkbox")

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("checkbox")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).click()
        return Expect(value=True)

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_text("Subject label", exact=True).click()
        return Expect(value=True)

    def event_select(self, s: Subject) -> Expect:
        self.control(s).press("Space")
        return Expect(value=True, data={"index": 0, "value": "Subject label", "selected": True})


_CHOICES = ["alpha", "beta", "gamma"]


@register_driver
class CheckboxGroupDriver(Driver):
    component = "CheckboxGroup"
    kwargs: ClassVar[dict[str, Any]] = {"choices": _CHOICES, "value": ["alpha"]}
    new_value: ClassVar[Any] = ["gamma"]

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("checkbox").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("checkbox").first

    def event_input(self, s: Subject) -> Expect:
        s.root.get_by_role("checkbox", name="beta").check()
        return Expect(value=["alpha", "beta"])

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_text("alpha", exact=True).click()
        return Expect(value=[])

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_role("checkbox", name="gamma").check()
        return Expect(
            value=["alpha", "gamma"], data={"index": 2, "value": "gamma", "selected": True}
        )


@register_driver
class RadioDriver(Driver):
    component = "Radio"
    kwargs: ClassVar[dict[str, Any]] = {"choices": _CHOICES, "value": "alpha"}
    new_value = "gamma"

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("radio").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("radio").first

    def event_input(self, s: Subject) -> Expect:
        s.root.get_by_role("radio", name="beta").check()
        return Expect(value="beta")

    def event_change(self, s: Subject) -> Expect:
        # Arrow keys move the selection inside a radio group.
        s.root.get_by_role("radio", name="alpha").focus()
        s.page.keyboard.press("ArrowDown")
        return Expect(value="beta")

    def event_select(self, s: Subject) -> Expect:
        s.root.get_by_text("gamma", exact=True).click()
        return Expect(value="gamma", data={"index": 2, "value": "gamma", "selected": True})


@register_driver
class DropdownDriver(Driver):
    component = "Dropdown"
    kwargs: ClassVar[dict[str, Any]] = {"choices": _CHOICES, "value": "alpha"}
    new_value = "gamma"

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("combobox")

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("combobox")

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value="alpha")

    def event_blur(self, s: Subject) -> Expect:
        _blur_with_tab(self.control(s), s)
        return Expect(value="alpha")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).click()
        s.root.get_by_role("option", name="beta").click()
        return Expect(value="beta")

    def event_change(self, s: Subject) -> Expect:
        # Filter by typing, then pick the highlighted match with the keyboard.
        self.control(s).fill("gam")
        self.control(s).press("Enter")
        return Expect(value="gamma")

    def event_key_up(self, s: Subject) -> Expect:
        self.control(s).fill("be")
        self.control(s).press("t")
        return Expect(data={"key": "t", "input_value": "bet"})

    def event_select(self, s: Subject) -> Expect:
        self.control(s).click()
        s.root.get_by_role("option", name="beta").click()
        return Expect(value="beta", data={"index": 1, "value": "beta", "selected": True})


@register_driver
class ColorPickerDriver(Driver):
    component = "ColorPicker"
    kwargs: ClassVar[dict[str, Any]] = {"value": "#ff0000"}
    new_value = "#00ff00"

    def control(self, s: Subject) -> Locator:
        return s.root.locator("input[type=text]")

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("input[type=text]")

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        super().check_static(s)
        expect(s.static.locator("input[type=color]")).to_be_disabled()

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value="#ff0000")

    def event_blur(self, s: Subject) -> Expect:
        _blur_with_tab(self.control(s), s)
        return Expect(value="#ff0000")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("#00aa00")
        return Expect(value="#00aa00")

    def event_change(self, s: Subject) -> Expect:
        # The swatch opens the browser's color dialog; Playwright sets its value directly.
        s.root.locator("input[type=color]").fill("#123456")
        return Expect(value="#123456")

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("#0000ff")
        self.control(s).press("Enter")
        return Expect(value="#0000ff")


def _timestamp(text: str) -> float:
    """The Unix timestamp the server computes for a local date string."""
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").timestamp()


@register_driver
class DateTimeDriver(Driver):
    component = "DateTime"
    kwargs: ClassVar[dict[str, Any]] = {"value": "2024-01-02 03:04:05"}
    new_value = "2025-12-31 23:59:59"

    def control(self, s: Subject) -> Locator:
        return s.root.locator("input[type=text]")

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("input[type=text]")

    def event_change(self, s: Subject) -> Expect:
        # Typed text is taken when the field loses focus.
        self.control(s).fill("2024-05-06 07:08:09")
        s.page.keyboard.press("Tab")
        return Expect(value=_timestamp("2024-05-06 07:08:09"))

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("2023-03-04 05:06:07")
        self.control(s).press("Enter")
        return Expect(value=_timestamp("2023-03-04 05:06:07"))


@register_driver
class CodeDriver(Driver):
    component = "Code"
    kwargs: ClassVar[dict[str, Any]] = {"value": "print('hi')", "language": "python"}
    new_value = "x = 42"

    def control(self, s: Subject) -> Locator:
        return s.root.locator("textarea")

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("textarea")

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        # A read-only editor still lets the user select and copy the code.
        expect(self.static_control(s)).not_to_be_editable()
        expect(self.static_control(s)).to_have_value("print('hi')")

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value="print('hi')")

    def event_blur(self, s: Subject) -> Expect:
        self.control(s).focus()
        s.outside()
        return Expect(value="print('hi')")

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("x = 1")
        return Expect(value="x = 1")

    def event_change(self, s: Subject) -> Expect:
        self.control(s).click()
        s.page.keyboard.press("End")
        s.page.keyboard.type("\nif x:\n")
        return Expect(value="print('hi')\nif x:\n")


@register_driver
class DialogueDriver(Driver):
    component = "Dialogue"
    kwargs: ClassVar[dict[str, Any]] = {
        "speakers": ["Alice", "Bob"],
        "value": [{"speaker": "Alice", "text": "Hi there"}],
        "submit_btn": True,
    }
    new_value: ClassVar[Any] = [{"speaker": "Bob", "text": "Set by the server"}]

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("textbox").first

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("textbox").first

    def check_static(self, s: Subject) -> None:
        from playwright.sync_api import expect

        # The read-only form shows the lines without any field to edit.
        expect(s.static.get_by_text("Hi there")).to_be_visible()
        expect(s.static.locator("input, textarea, select")).to_have_count(0)

    def event_input(self, s: Subject) -> Expect:
        s.root.get_by_role("textbox", name="Text of line 1").fill("Hello")
        return Expect(value="[Alice] Hello")

    def event_change(self, s: Subject) -> Expect:
        s.root.get_by_role("combobox", name="Speaker of line 1").select_option("Bob")
        return Expect(value="[Bob] Hi there")

    def event_submit(self, s: Subject) -> Expect:
        s.root.get_by_role("textbox", name="Text of line 1").press("Enter")
        return Expect(value="[Alice] Hi there")


@register_driver
class MultimodalTextboxDriver(Driver):
    component = "MultimodalTextbox"
    kwargs: ClassVar[dict[str, Any]] = {"value": "hello world", "stop_btn": True}
    new_value = "set by the server"

    def control(self, s: Subject) -> Locator:
        return s.root.locator("textarea")

    def static_control(self, s: Subject) -> Locator:
        return s.static.locator("textarea")

    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect(value={"text": "hello world", "files": []})

    def event_blur(self, s: Subject) -> Expect:
        _blur_with_tab(self.control(s), s)
        return Expect(value={"text": "hello world", "files": []})

    def event_input(self, s: Subject) -> Expect:
        self.control(s).fill("typed")
        return Expect(value={"text": "typed", "files": []})

    def event_change(self, s: Subject) -> Expect:
        # Attaching a file uploads it; the listener receives its server path.
        note: FilePayload = {"name": "note.txt", "mimeType": "text/plain", "buffer": b"attached"}
        s.root.locator("input[type=file]").set_input_files(files=[note])
        return Expect(value_matches=r'^\{"files":\["[^"]*note\.txt"\],"text":"hello world"\}$')

    def event_submit(self, s: Subject) -> Expect:
        self.control(s).fill("sent")
        self.control(s).press("Enter")
        return Expect(value={"text": "sent", "files": []})

    def event_stop(self, s: Subject) -> Expect:
        s.root.get_by_role("button", name="Stop").click()
        return Expect(value={"text": "hello world", "files": []})

    def event_select(self, s: Subject) -> Expect:
        self.control(s).evaluate("(el) => { el.focus(); el.setSelectionRange(0, 5); }")
        return Expect(data={"value": "hello", "index": [0, 5]})
