"""Drivers: how a user triggers each event of a component in the page, and what it sends.

A driver subclass per component names the constructor arguments of the component under test
(``kwargs``), the value a server-side update sets (``new_value``) and, per event, a method
``event_<name>`` that performs the user's action and returns the :class:`Expect` that the
harness checks against what the listener received.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Locator, Page

    from specblocks.core._blocks import Block

#: Marks "no expectation" on an :class:`Expect` field.
UNSET: Any = object()


@dataclass(frozen=True)
class Expect:
    """What the listener of an event must have received.

    Attributes:
        value: The listener's input value (the component's preprocessed value, as JSON), or
            :data:`UNSET` to not check it.
        data: Keys the event data must contain with these values (a subset check), or None.
        value_matches: A regular expression the JSON text of the value must match instead.
        times: How many times the listener must have run at least.
    """

    value: Any = UNSET
    data: dict[str, Any] | None = None
    value_matches: str | None = None
    times: int = 1


@dataclass
class Subject:
    """The component under test inside a harness page."""

    page: Page
    #: The component's element (``#subject``).
    root: Locator
    #: A second instance with ``interactive=False`` (``#subject-static``).
    static: Locator
    fixtures: dict[str, str] = field(default_factory=dict)

    def set_value(self) -> None:
        """Click the harness button that sets the driver's ``new_value`` from the server."""
        self.page.locator("#set-value button").click()

    def outside(self) -> None:
        """Click the page outside the component (to blur it)."""
        self.page.locator("#harness-title").click()


class Driver:
    """The default driver: constructor arguments and the actions most components share."""

    #: The component class name this driver is for ("Textbox").
    component: ClassVar[str] = ""
    #: Constructor arguments of the component under test.
    kwargs: ClassVar[dict[str, Any]] = {}
    #: A value the "Set value" button of the harness gives the component from the server.
    new_value: ClassVar[Any] = None
    #: Events a user cannot trigger in a headless browser, with the reason. Their tests still
    #: run; a failure is reported as expected (with the reason) and a pass as an error, so the
    #: list cannot go stale.
    untestable: ClassVar[dict[str, str]] = {}

    def build(self, cls: Callable[..., Block], **kwargs: Any) -> Block:
        """Create the component under test (layouts add a child inside)."""
        return cls(**{**self.kwargs, **kwargs})

    def inputs(self, subject: Block) -> list[Block]:
        """The listener inputs: the component itself when it has a value."""
        from specblocks.core._component import Component

        return [subject] if isinstance(subject, Component) else []

    def control(self, s: Subject) -> Locator:
        """The element the user types into or clicks (the first form control)."""
        return s.root.locator("input, textarea, select, button, [contenteditable=true]").first

    def static_control(self, s: Subject) -> Locator:
        """The same control in the non-interactive instance."""
        return s.static.locator("input, textarea, select, button, [contenteditable=true]").first

    def check_static(self, s: Subject) -> None:
        """Assert the non-interactive instance cannot be edited."""
        from playwright.sync_api import expect

        control = self.static_control(s)
        if control.count() == 0:
            return
        expect(control).to_be_disabled()

    def check_interactive(self, s: Subject) -> None:
        """Assert the interactive instance can be edited."""
        from playwright.sync_api import expect

        expect(self.control(s)).to_be_enabled()

    # -- events most components share ----------------------------------------------------
    def event_focus(self, s: Subject) -> Expect:
        self.control(s).focus()
        return Expect()

    def event_blur(self, s: Subject) -> Expect:
        self.control(s).focus()
        s.outside()
        return Expect()

    def event_click(self, s: Subject) -> Expect:
        self.control(s).click()
        return Expect()

    def event_change(self, s: Subject) -> Expect:
        s.set_value()
        return Expect(value=self.new_value)


_DRIVERS: dict[str, type[Driver]] = {}


def register_driver(cls: type[Driver]) -> type[Driver]:
    """Register a driver class for its ``component`` (usable as a decorator)."""
    if not cls.component:
        raise ValueError(f"{cls.__name__}.component must name the component it drives")
    _DRIVERS[cls.component] = cls
    return cls


def driver_for(component: str) -> Driver:
    """The driver of ``component``; the default driver when none is registered."""
    from specblocks.testing import drivers

    drivers.load()
    return _DRIVERS.get(component, Driver)()
