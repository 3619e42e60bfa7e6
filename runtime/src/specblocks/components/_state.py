"""Values kept without a visible element."""

from __future__ import annotations

import copy
import math
import numbers
import secrets
import string
from collections.abc import Callable
from typing import Any

from specblocks._generated.browser_state import BrowserStateBase
from specblocks._generated.state import StateBase
from specblocks._generated.timer import TimerBase
from specblocks.components._json_values import to_json_value
from specblocks.core._exceptions import PayloadError
from specblocks.core._loaded import is_numpy_bool

_KEY_ALPHABET = string.ascii_letters + string.digits
_KEY_LENGTH = 16


class State(StateBase):
    __doc__ = StateBase.__doc__

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: int | float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        if not (callable(value) and not isinstance(value, type)):
            value = _deep_copy(value)
        super().__init__(value, render, time_to_live=time_to_live, delete_callback=delete_callback)

    def preprocess(self, payload: Any) -> Any:
        """Pass the session's value to the function unchanged.

        Args:
            payload: The value stored for the session (it never leaves the server).

        Returns:
            The same object.
        """
        return payload

    def postprocess(self, value: Any) -> Any:
        """Store the returned value for the session unchanged.

        Args:
            value: Any value returned by the function.

        Returns:
            The same object.
        """
        return value

    def initial_value(self) -> None:
        """Nothing: a State's value stays on the server and is never sent to the browser."""
        return

    def initial_state(self) -> Any:
        """The value a new session starts with.

        A function ``value`` is called (with no arguments) and its result returned; any other
        value is deep-copied, so that sessions never share (and mutate) one object.

        Returns:
            A fresh initial value for one session.

        Raises:
            TypeError: The value cannot be deep-copied.
        """
        if self.value_is_callable:
            factory: Callable[[], Any] = self.value
            return factory()
        return _deep_copy(self.value)


def _deep_copy(value: Any) -> Any:
    try:
        return copy.deepcopy(value)
    except (TypeError, copy.Error) as exc:
        raise TypeError(
            f"State: the initial value must be deep-copyable (each session gets its own copy), "
            f"but a {type(value).__name__} cannot be copied: {exc}"
        ) from exc


class BrowserState(BrowserStateBase):
    __doc__ = BrowserStateBase.__doc__

    def __init__(
        self,
        default_value: Any = None,
        *,
        storage_key: str | None = None,
        secret: str | None = None,
        render: bool = True,
    ) -> None:
        super().__init__(
            to_json_value(default_value, "BrowserState"),
            storage_key=storage_key or _random_key(),
            secret=secret or _random_key(),
            render=render,
        )

    def preprocess(self, payload: Any) -> Any:
        """The stored value, or a copy of ``default_value`` when nothing is stored yet.

        Args:
            payload: The JSON value read from the browser's local storage, or None.

        Returns:
            The value the function receives.
        """
        if payload is None:
            return copy.deepcopy(self.default_value)
        return payload

    def postprocess(self, value: Any) -> Any:
        """Convert the returned value to JSON data to save in the browser.

        Pydantic models and dataclasses become dicts, tuples become lists and NumPy values
        become Python numbers and lists.

        Args:
            value: A JSON-serialisable value returned by the function.

        Returns:
            The value as plain JSON data.

        Raises:
            TypeError: The value cannot be written as JSON.
        """
        return to_json_value(value, "BrowserState")


def _random_key() -> str:
    return "".join(secrets.choice(_KEY_ALPHABET) for _ in range(_KEY_LENGTH))


class Timer(TimerBase):
    __doc__ = TimerBase.__doc__

    def preprocess(self, payload: Any) -> float | None:
        """The timer's interval in seconds.

        Args:
            payload: The interval sent by the browser: a number, or None.

        Returns:
            The interval as sent (an int or float), or None.

        Raises:
            PayloadError: The payload is not a number.
        """
        if payload is None:
            return None
        if not _is_interval(payload):
            raise PayloadError(
                f"Timer: expected the interval as a number of seconds, got {payload!r}."
            )
        return _plain_number(payload)

    def postprocess(self, value: Any) -> float | None:
        """Check a new interval returned by the function.

        Args:
            value: The new interval in seconds (a finite, non-negative number), or None.

        Returns:
            The interval unchanged, or None.

        Raises:
            TypeError: The value is not a number.
            ValueError: The number is negative or not finite.
        """
        if value is None:
            return None
        if not _is_number(value):
            raise TypeError(
                f"Timer: expected the interval as a number of seconds, got "
                f"{type(value).__name__} {value!r}."
            )
        if not math.isfinite(value) or value < 0:
            raise ValueError(
                f"Timer: the interval must be a finite, non-negative number, got {value!r}."
            )
        return _plain_number(value)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or is_numpy_bool(value):
        return False
    return isinstance(value, numbers.Real)


def _plain_number(value: Any) -> float:
    """A Python int or float for a number of any numeric type (e.g. a NumPy scalar)."""
    if isinstance(value, int | float):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    return float(value)


def _is_interval(value: Any) -> bool:
    return _is_number(value) and math.isfinite(value) and value >= 0


__all__ = ["BrowserState", "State", "Timer"]
