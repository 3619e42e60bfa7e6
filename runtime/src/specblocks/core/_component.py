"""Components: blocks that hold a value and convert it to and from the wire."""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from typing import Any, ClassVar

from specblocks.core._blocks import Block, block_class
from specblocks.core._media_io import initial_values


class Component(Block):
    """A block that holds a value: the inputs and outputs of event listeners.

    Generated base classes declare the constructor and the data contract (``API_INFO``,
    ``EXAMPLE_PAYLOAD``); hand-written subclasses override :meth:`preprocess` and
    :meth:`postprocess` where the Python value differs from the wire payload.
    """

    API_INFO: ClassVar[dict[str, Any]] = {}
    #: The type the API info gives, when it is not the payload schema ``API_INFO``.
    API_SCHEMA: ClassVar[dict[str, Any] | None] = None
    #: The payload is a data model: the API info gives its description as
    #: ``additional_description``.
    DATA_MODEL: ClassVar[bool] = False
    EXAMPLE_PAYLOAD: ClassVar[Any] = None
    SHORTCUTS: ClassVar[tuple[str, ...]] = ()
    IN_API: ClassVar[bool] = True
    INPUT_TYPE: ClassVar[str] = "Any"
    OUTPUT_TYPE: ClassVar[str] = "Any"

    value: Any

    def __init__(self, *, render: bool = True) -> None:
        super().__init__(render=render)
        # Buttons given in `buttons` are drawn inside this component, not where they were made
        for button in getattr(self, "buttons", None) or []:
            if isinstance(button, Block):
                button.unrender()
        # a value computed again every `every` seconds: its Timer is made now, placed right
        # after the component, as Gradio places it
        every = getattr(self, "every", None)
        if (
            self.value_is_callable
            and isinstance(every, int | float)
            and not isinstance(every, bool)
            and every > 0
        ):
            timer: Any = block_class("Timer")
            if timer is not None:
                self.every_timer: Block | None = timer(float(every))

    # -- the data contract --------------------------------------------------------------
    def preprocess(self, payload: Any) -> Any:
        """Turn a wire payload into the value the user function receives."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """Turn a value returned by the user function into a wire payload."""
        return value

    def api_info(self) -> dict[str, Any]:
        """The ``type`` the API info gives this instance's value, as Gradio writes it.

        It is :meth:`api_type`; a data model's description is moved to
        ``additional_description`` (null when it has none).
        """
        schema = self.api_type()
        if self.DATA_MODEL:
            schema["additional_description"] = schema.pop("description", None)
        return schema

    def api_type(self) -> dict[str, Any]:
        """JSON Schema of this instance's value for API clients (``API_SCHEMA`` or the payload)."""
        return copy.deepcopy(self.API_INFO if self.API_SCHEMA is None else self.API_SCHEMA)

    def example_payload(self) -> Any:
        """An example wire payload, used in API docs and generated tests."""
        return copy.deepcopy(self.EXAMPLE_PAYLOAD)

    def config_props(self) -> dict[str, Any]:
        """Settings the browser needs in resolved form, over the constructor arguments.

        The app config sends every constructor argument as given; a component whose settings
        are normalised (choices as pairs, a computed step …) returns the resolved ones here.
        """
        return {}

    # -- the initial value ------------------------------------------------------------------
    @property
    def value_is_callable(self) -> bool:
        """Whether ``value`` is a function evaluated when a page loads."""
        value = getattr(self, "value", None)
        return callable(value) and not inspect.isclass(value)

    def _first_value(self, fn: Callable[[], Any]) -> Any:
        """What ``fn`` returned the first time (it is called once per function given)."""
        kept = self.__dict__.get("_first_drawn")
        if kept is None or kept[0] is not fn:
            kept = (fn, fn())
            self.__dict__["_first_drawn"] = kept
        return kept[1]

    def initial_value(self) -> Any:
        """The value shown before any event runs, as a wire payload.

        A callable ``value`` is evaluated (with no arguments) each time a page loads, by the
        page's load event; here it is evaluated once, the first time the initial value is
        needed, and that value is kept for the config and the API description. One that
        takes ``inputs`` starts empty: the page's load event computes it from the inputs'
        values.
        """
        value = getattr(self, "value", None)
        if callable(value) and self.value_is_callable:
            value = None if getattr(self, "inputs", None) else self._first_value(value)
        with initial_values():
            return self.postprocess(value)
