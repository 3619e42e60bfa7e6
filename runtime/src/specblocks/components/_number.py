"""The Number component."""

from __future__ import annotations

from typing import Any

from specblocks._generated.number import NumberBase
from specblocks.components._coerce import (
    check_bounds,
    number_payload,
    returned_number,
    round_to_precision,
)


class Number(NumberBase):
    __doc__ = NumberBase.__doc__

    def preprocess(self, payload: Any) -> int | float | None:
        """Pass the entered number to the function, checked and rounded.

        Args:
            payload: The number sent by the browser, or None for an empty field.

        Returns:
            The number rounded to ``precision`` (an int when it is 0), or None.

        Raises:
            PayloadError: The payload is not a number, or lies outside
                ``[minimum, maximum]``.
        """
        if payload is None:
            return None
        number = number_payload(self, payload)
        check_bounds(self, number, self.minimum, self.maximum)
        return round_to_precision(number, self.precision)

    def postprocess(self, value: Any) -> int | float | None:
        """Show a returned number, rounded to ``precision``.

        Args:
            value: An int or float (NumPy numbers and numeric strings are accepted), or None
                to empty the field.

        Returns:
            The rounded number (an int when ``precision`` is 0), or None.

        Raises:
            TypeError: The value is not a number.
        """
        if value is None:
            return None
        return round_to_precision(returned_number(self, value), self.precision)

    def api_type(self) -> dict[str, Any]:
        """An integer schema when ``precision`` is 0, a number schema otherwise."""
        return {"type": "integer" if self.precision == 0 else "number"}

    def example_payload(self) -> int | float:
        """``minimum`` (or 3 when there is none), rounded to ``precision``."""
        start = 3 if self.minimum is None else self.minimum
        return round_to_precision(start, self.precision)
