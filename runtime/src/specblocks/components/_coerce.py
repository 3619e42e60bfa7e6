"""Checks and conversions shared by the text, choice, data and button components."""

from __future__ import annotations

import math
import numbers
from typing import Any

from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError

_REPR_LIMIT = 80


def describe(value: Any) -> str:
    """A short description of ``value`` for error messages: its repr and its type."""
    text = repr(value)
    if len(text) > _REPR_LIMIT:
        text = text[: _REPR_LIMIT - 3] + "..."
    return f"{text} (type {type(value).__name__})"


def bad_payload(component: Component, expected: str, payload: Any) -> PayloadError:
    """The error for a wire payload that does not fit ``component``."""
    return PayloadError(f"{type(component).__name__}: expected {expected}, got {describe(payload)}")


def bad_value(component: Component, expected: str, value: Any) -> TypeError:
    """The error for a value returned by a user function that ``component`` cannot show."""
    return TypeError(
        f"{type(component).__name__} cannot show the returned value: expected {expected}, "
        f"got {describe(value)}"
    )


def is_json_number(value: Any) -> bool:
    """Whether ``value`` is a number as decoded from JSON (an int or float, not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def text_payload(component: Component, payload: Any) -> str | None:
    """A text payload as a string: strings pass, numbers are converted, None stays None."""
    if payload is None or isinstance(payload, str):
        return payload
    if isinstance(payload, int | float):
        return str(payload)
    raise bad_payload(component, "a string", payload)


def number_payload(component: Component, payload: Any) -> int | float:
    """Check that ``payload`` is a JSON number and return it."""
    if not is_json_number(payload):
        raise bad_payload(component, "a number", payload)
    number: int | float = payload
    return number


def returned_number(component: Component, value: Any) -> int | float:
    """A number returned by a user function, as a plain ``int`` or ``float``.

    Python and NumPy numbers are accepted, and so are strings holding a number.
    """
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            pass
    raise bad_value(component, "an int or a float", value)


def round_to_precision(number: int | float, precision: int | None) -> int | float:
    """Round ``number`` to ``precision`` decimals; 0 gives an int, None leaves it as is."""
    if precision is None:
        return number
    if precision == 0:
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError(f"cannot round {number} to a whole number")
        return round(number)
    return round(number, precision)


def check_bounds(
    component: Component, number: int | float, minimum: float | None, maximum: float | None
) -> None:
    """Raise :class:`PayloadError` when ``number`` lies outside ``[minimum, maximum]``."""
    name = type(component).__name__
    if minimum is not None and number < minimum:
        raise PayloadError(f"{name}: value {number} is less than the minimum, {minimum}")
    if maximum is not None and number > maximum:
        raise PayloadError(f"{name}: value {number} is greater than the maximum, {maximum}")
