"""The Dropdown component."""

from __future__ import annotations

import warnings
from typing import Any

from specblocks._generated.dropdown import DropdownBase
from specblocks.components._after_init import AfterInit
from specblocks.components._choice_lists import (
    ChoicePair,
    ChoiceValue,
    check_choice_type,
    check_scalar,
    enum_schema,
    normalize_choices,
    not_a_choice,
)
from specblocks.components._coerce import bad_payload
from specblocks.core._sentinels import FirstChoice

# Frames between warnings.warn in _after_init and the user's constructor call.
_INIT_STACKLEVEL = 4


class Dropdown(DropdownBase, AfterInit):
    __doc__ = DropdownBase.__doc__

    def _after_init(self) -> None:
        check_choice_type(self, self.type)
        if not self.multiselect and self.max_choices is not None:
            warnings.warn(
                "Dropdown: `max_choices` is ignored when `multiselect` is off.",
                UserWarning,
                stacklevel=_INIT_STACKLEVEL,
            )
        if self.allow_custom_value and not self.filterable:
            warnings.warn(
                "Dropdown: `filterable` cannot be off while `allow_custom_value` is on; the "
                "list stays filterable.",
                UserWarning,
                stacklevel=_INIT_STACKLEVEL,
            )
        if self.num_choices_shown is not None and self.num_choices_shown <= 0:
            raise ValueError("Dropdown: `num_choices_shown` must be greater than 0")

    def _first_choice(self) -> ChoiceValue | list[ChoiceValue] | None:
        if self.multiselect:
            return []
        values = self.choice_values
        return values[0] if values else None

    def config_props(self) -> dict[str, Any]:
        """Choices as ``[label, value]`` pairs."""
        return {"choices": [list(pair) for pair in self.choice_pairs]}

    @property
    def choice_pairs(self) -> list[ChoicePair]:
        """The choices as (label, value) pairs, in order."""
        return normalize_choices(self.choices)

    @property
    def choice_values(self) -> list[ChoiceValue]:
        """The values of the choices, in order."""
        return [value for _, value in self.choice_pairs]

    def preprocess(self, payload: Any) -> Any:
        """Pass the selection to the function.

        Args:
            payload: The selected value, a list of values with ``multiselect`` (a single
                value is taken as a one-item list), or None.

        Returns:
            With ``type="value"``, the value or list of values. With ``type="index"``, the
            index of each value in ``choices`` (None for a custom value). None when nothing
            is selected.

        Raises:
            PayloadError: A value is not one of the choices (unless ``allow_custom_value``),
                or the payload has the wrong shape.
        """
        if payload is None:
            return None
        if self.multiselect:
            items = payload if isinstance(payload, list) else [payload]
            selected = [self._checked(item) for item in items]
            if self.type == "index":
                return [self._index(item) for item in selected]
            return selected
        if isinstance(payload, list):
            raise bad_payload(self, "a single choice value (multiselect is off)", payload)
        value = self._checked(payload)
        return self._index(value) if self.type == "index" else value

    def _checked(self, item: Any) -> ChoiceValue:
        value = check_scalar(self, item)
        if not self.allow_custom_value and value not in self.choice_values:
            raise not_a_choice(self, value, self.choice_values)
        return value

    def _index(self, value: ChoiceValue) -> int | None:
        values = self.choice_values
        return values.index(value) if value in values else None

    def postprocess(self, value: Any) -> Any:
        """Select the returned value or values.

        A value outside the choices gives a warning unless ``allow_custom_value`` is set.

        Args:
            value: A choice value, a list of values with ``multiselect`` (a single value is
                wrapped in a list), FIRST_CHOICE, or None to clear the selection.

        Returns:
            The value or list of values.
        """
        if isinstance(value, FirstChoice):
            value = self._first_choice()
        if value is None:
            return None
        if self.multiselect:
            items = list(value) if isinstance(value, list | tuple) else [value]
            for item in items:
                self._warn_if_not_a_choice(item)
            return items
        self._warn_if_not_a_choice(value)
        return value

    def _warn_if_not_a_choice(self, value: Any) -> None:
        if self.allow_custom_value or value in self.choice_values:
            return
        warnings.warn(
            f"Dropdown: the value {value!r} is not one of the choices; add it to `choices` or "
            "set `allow_custom_value=True`.",
            UserWarning,
            stacklevel=3,
        )

    def api_type(self) -> dict[str, Any]:
        """The values of this instance's choices (an array of them with ``multiselect``).

        The API info leaves out null, as Gradio's does.
        """
        schema = enum_schema(self.choice_values)
        if self.multiselect:
            schema = {"type": "array", "items": schema}
        return {**schema, **super().api_type()}

    def example_payload(self) -> Any:
        """The first choice's value (in a list with ``multiselect``)."""
        values = self.choice_values[:1]
        if self.multiselect:
            return values
        return values[0] if values else None
