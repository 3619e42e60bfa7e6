"""Drivers of the action buttons and of the components without a visible element.

ClearButton, DeepLinkButton, DuplicateButton, LoginButton; State, BrowserState, Timer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from specblocks.testing._driver import Driver, Expect, Subject, register_driver

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator

    from specblocks.core._blocks import Block

#: The text in the Textbox the ClearButton under test clears.
CLEARED_TEXT = "text to clear"


class _ActionButtonDriver(Driver):
    """A button whose value is its label; clicking it fires `click` with that label."""

    label: ClassVar[str] = ""
    new_value = "Renamed"

    def control(self, s: Subject) -> Locator:
        return s.root.get_by_role("button")

    def static_control(self, s: Subject) -> Locator:
        return s.static.get_by_role("button")

    def event_click(self, s: Subject) -> Expect:
        self.control(s).click()
        return Expect(value=self.label)


@register_driver
class ClearButtonDriver(_ActionButtonDriver):
    """The ClearButton under test clears a Textbox placed before it."""

    component = "ClearButton"
    label = "Clear"

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        import specblocks as gr

        target = gr.Textbox(CLEARED_TEXT, label=f"cleared by {kwargs.get('elem_id')}")
        block: Block = cls(**{"components": [target], **self.kwargs, **kwargs})
        return block

    def event_click(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        box = s.page.get_by_label("cleared by subject", exact=True)
        expect(box).to_have_value(CLEARED_TEXT)
        self.control(s).click()
        expect(box).to_have_value("")
        return Expect(value=self.label)


@register_driver
class DeepLinkButtonDriver(_ActionButtonDriver):
    component = "DeepLinkButton"
    label = "Share via Link"

    def event_click(self, s: Subject) -> Expect:
        from playwright.sync_api import expect

        self.control(s).click()
        expect(self.control(s)).to_have_text("Link Copied!")
        expect(self.control(s)).to_have_text(self.label)
        return Expect(value=self.label)


@register_driver
class DuplicateButtonDriver(_ActionButtonDriver):
    component = "DuplicateButton"
    label = "Duplicate Space"


@register_driver
class LoginButtonDriver(_ActionButtonDriver):
    component = "LoginButton"
    label = "Sign in with Hugging Face"


class _HiddenDriver(Driver):
    """Components with no element of their own: they take no elem_id or label."""

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        block: Block = cls(**self.kwargs)
        return block


@register_driver
class StateDriver(_HiddenDriver):
    """A listener that sets the State changes it: the server reports it, `change` fires."""

    component = "State"
    kwargs: ClassVar[dict[str, Any]] = {"value": {"count": 0}}
    new_value: ClassVar[Any] = {"count": 1}


@register_driver
class BrowserStateDriver(_HiddenDriver):
    """A listener that sets the BrowserState saves it in the browser and fires `change`."""

    component = "BrowserState"
    kwargs: ClassVar[dict[str, Any]] = {
        "default_value": {"theme": "light"},
        "storage_key": "specblocks-harness",
    }
    new_value: ClassVar[Any] = {"theme": "dark"}

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        s.page.wait_for_function(
            "() => (localStorage.getItem('specblocks-harness') || '').length > 0"
        )
        return Expect(value=self.new_value)


@register_driver
class TimerDriver(_HiddenDriver):
    """An active Timer ticks every `value` seconds; the listener receives the interval."""

    component = "Timer"
    kwargs: ClassVar[dict[str, Any]] = {"value": 0.5}
    new_value = 0.5

    def event_tick(self, s: Subject) -> Expect:
        return Expect(value=0.5, times=2)
