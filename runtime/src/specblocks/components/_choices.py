"""Components that pick among options."""

from __future__ import annotations

import math
import random
from typing import Any

from specblocks._generated.checkbox import CheckboxBase
from specblocks._generated.color_picker import ColorPickerBase
from specblocks._generated.slider import SliderBase
from specblocks.components._after_init import AfterInit
from specblocks.components._choice_lists import CheckboxGroup, Radio
from specblocks.components._coerce import (
    bad_payload,
    check_bounds,
    number_payload,
    returned_number,
    round_to_precision,
)
from specblocks.components._dropdown import Dropdown


class Checkbox(CheckboxBase):
    __doc__ = CheckboxBase.__doc__

    def config_props(self) -> dict[str, Any]:
        """A box with a label always shows it, beside the box."""
        props = super().config_props()
        if self.label is not None:
            props["show_label"] = True
        return props

    def preprocess(self, payload: Any) -> bool | None:
        """Pass the state of the box to the function.

        Args:
            payload: True when checked, False otherwise (None when no value was sent).

        Returns:
            The same boolean, or None.

        Raises:
            PayloadError: The payload is not a boolean.
        """
        if payload is None or isinstance(payload, bool):
            return payload
        raise bad_payload(self, "a boolean", payload)

    def postprocess(self, value: Any) -> bool:
        """Check or uncheck the box: any value is converted with ``bool()``."""
        return bool(value)


class ColorPicker(ColorPickerBase):
    __doc__ = ColorPickerBase.__doc__

    def preprocess(self, payload: Any) -> str | None:
        """Pass the chosen color to the function as a hex string such as "#ff0000".

        Raises:
            PayloadError: The payload is not a string.
        """
        if payload is None or isinstance(payload, str):
            return payload
        raise bad_payload(self, "a color string", payload)

    def postprocess(self, value: Any) -> str | None:
        """Select the returned color; values are converted with ``str()``, None unsets it."""
        return None if value is None else str(value)


class Slider(SliderBase, AfterInit):
    __doc__ = SliderBase.__doc__

    def _after_init(self) -> None:
        if self.minimum >= self.maximum:
            raise ValueError(
                f"Slider: `minimum` ({self.minimum}) must be less than `maximum` ({self.maximum})"
            )
        # with randomize, the page starts at a value drawn once; each page load draws anew
        self._random_start = self.get_random_value() if self.randomize else None

    def config_props(self) -> dict[str, Any]:
        """The step the slider moves by."""
        return {"step": self.resolved_step}

    @property
    def resolved_step(self) -> float:
        """The distance between selectable values.

        ``step`` when set, otherwise the largest power of ten not above a hundredth of the
        range (1 for 0 to 100, 0.01 for 0 to 1).
        """
        if self.step is not None:
            return self.step
        power = math.floor(math.log10(self.maximum - self.minimum) - 2)
        step: float = 10**power
        return step

    @property
    def value_is_callable(self) -> bool:
        """Whether the value is computed on each page load (a function, or ``randomize``)."""
        return self.randomize or super().value_is_callable

    def initial_value(self) -> int | float:
        """The starting position: a random step of the range with ``randomize``."""
        if self.randomize:
            return self.postprocess(self._random_start)
        value: int | float = super().initial_value()
        return value

    def get_random_value(self) -> float:
        """A random value of the range, on a step, rounded to the step's decimals."""
        step = self.resolved_step
        steps = int((self.maximum - self.minimum) / step)
        value = self.minimum + random.randint(0, steps) * step
        decimals = max(str(step)[::-1].find("."), 0)
        return round(value, decimals) if decimals else value

    def preprocess(self, payload: Any) -> int | float:
        """Pass the selected number to the function, checked and rounded.

        Args:
            payload: The number sent by the browser.

        Returns:
            The number rounded to ``precision`` (an int when it is 0).

        Raises:
            PayloadError: The payload is not a number or lies outside the range.
        """
        number = number_payload(self, payload)
        check_bounds(self, number, self.minimum, self.maximum)
        return round_to_precision(number, self.precision)

    def postprocess(self, value: Any) -> int | float:
        """Move the slider to a returned number (None moves it to ``minimum``).

        Raises:
            TypeError: The value is not a number.
        """
        number = self.minimum if value is None else returned_number(self, value)
        return round_to_precision(number, self.precision)

    def api_type(self) -> dict[str, Any]:
        """An integer schema when ``precision`` is 0, else a number schema, with the range."""
        return {
            "type": "integer" if self.precision == 0 else "number",
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    def example_payload(self) -> float:
        """The minimum of the range."""
        return self.minimum


__all__ = ["Checkbox", "CheckboxGroup", "ColorPicker", "Dropdown", "Radio", "Slider"]
