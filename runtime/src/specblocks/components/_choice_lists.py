"""Components that pick among listed choices: CheckboxGroup and Radio (and shared helpers)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from specblocks._generated.checkbox_group import CheckboxGroupBase
from specblocks._generated.radio import RadioBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._i18n import I18nData

ChoiceValue = str | int | float
ChoicePair = tuple[str | I18nData, ChoiceValue]
_TYPES = ("value", "index")


def normalize_choices(choices: Iterable[Any] | None) -> list[ChoicePair]:
    """Choices as (label, value) pairs; a bare value is labelled with its ``str()``."""
    pairs: list[ChoicePair] = []
    for choice in choices or []:
        if isinstance(choice, tuple | list):
            label, value = choice
            pairs.append((label, value))
        else:
            pairs.append((str(choice), choice))
    return pairs


def check_choice_type(component: Component, kind: str) -> None:
    """Raise ValueError unless ``kind`` is "value" or "index"."""
    if kind not in _TYPES:
        raise ValueError(
            f"{type(component).__name__}: `type` must be one of {list(_TYPES)}, got {kind!r}"
        )


def enum_schema(values: Sequence[ChoiceValue]) -> dict[str, Any]:
    """A JSON Schema accepting exactly ``values``, typed by the kind of the values."""
    kinds = {
        "string" if isinstance(v, str) else "integer" if isinstance(v, int) else "number"
        for v in values
    }
    schema: dict[str, Any] = {"enum": list(values)}
    if not kinds or kinds == {"string"}:
        schema["type"] = "string"
    elif kinds == {"integer"}:
        schema["type"] = "integer"
    elif kinds <= {"integer", "number"}:
        schema["type"] = "number"
    return schema


def not_a_choice(component: Component, value: Any, values: list[ChoiceValue]) -> PayloadError:
    """The error for a value that is not among the component's choices."""
    return PayloadError(
        f"{type(component).__name__}: value {value!r} is not one of the choices {values}"
    )


def check_scalar(component: Component, value: Any) -> ChoiceValue:
    """Check that a payload item is a string or a number."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    raise bad_payload(component, "a choice value (a string or a number)", value)


class CheckboxGroup(CheckboxGroupBase, AfterInit):
    __doc__ = CheckboxGroupBase.__doc__

    def _after_init(self) -> None:
        check_choice_type(self, self.type)

    @property
    def choice_pairs(self) -> list[ChoicePair]:
        """The choices as (label, value) pairs, in order."""
        return normalize_choices(self.choices)

    def config_props(self) -> dict[str, Any]:
        """Choices as ``[label, value]`` pairs."""
        return {"choices": [list(pair) for pair in self.choice_pairs]}

    @property
    def choice_values(self) -> list[ChoiceValue]:
        """The values of the choices, in order."""
        return [value for _, value in self.choice_pairs]

    def preprocess(self, payload: Any) -> list[ChoiceValue] | list[int]:
        """Pass the checked choices to the function.

        Args:
            payload: The values of the checked choices (None is taken as none checked).

        Returns:
            Their values (``type="value"``) or their indices in ``choices``
            (``type="index"``), in the order sent.

        Raises:
            PayloadError: The payload is not a list, or holds a value that is not a choice.
        """
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise bad_payload(self, "a list of choice values", payload)
        values = self.choice_values
        for item in payload:
            if check_scalar(self, item) not in values:
                raise not_a_choice(self, item, values)
        if self.type == "index":
            return [values.index(item) for item in payload]
        return list(payload)

    def postprocess(self, value: Any) -> list[Any]:
        """Check the choices whose values are returned.

        Args:
            value: A list (or tuple or set) of choice values, a single value, or None to
                uncheck all.

        Returns:
            The list of values to check.
        """
        if value is None:
            return []
        if isinstance(value, set | frozenset):
            order = self.choice_values
            return sorted(value, key=lambda v: order.index(v) if v in order else len(order))
        if isinstance(value, list | tuple):
            return list(value)
        return [value]

    def api_type(self) -> dict[str, Any]:
        """An array schema whose items are the values of this instance's choices."""
        info = super().api_type()
        info["items"] = enum_schema(self.choice_values)
        return info

    def example_payload(self) -> list[ChoiceValue]:
        """The first choice checked (nothing when there are no choices)."""
        return self.choice_values[:1]


class Radio(RadioBase, AfterInit):
    __doc__ = RadioBase.__doc__

    def _after_init(self) -> None:
        check_choice_type(self, self.type)

    @property
    def choice_pairs(self) -> list[ChoicePair]:
        """The choices as (label, value) pairs, in order."""
        return normalize_choices(self.choices)

    def config_props(self) -> dict[str, Any]:
        """Choices as ``[label, value]`` pairs (as Gradio sends them)."""
        return {"choices": [list(pair) for pair in self.choice_pairs]}

    @property
    def choice_values(self) -> list[ChoiceValue]:
        """The values of the choices, in order."""
        return [value for _, value in self.choice_pairs]

    def preprocess(self, payload: Any) -> ChoiceValue | None:
        """Pass the selected choice to the function.

        Args:
            payload: The value of the selected choice, or None.

        Returns:
            Its value (``type="value"``) or its index in ``choices`` (``type="index"``), or
            None when nothing is selected.

        Raises:
            PayloadError: The value is not one of the choices.
        """
        if payload is None:
            return None
        values = self.choice_values
        value = check_scalar(self, payload)
        if value not in values:
            raise not_a_choice(self, payload, values)
        if self.type == "index":
            return values.index(value)
        return value

    def postprocess(self, value: Any) -> Any:
        """Select the choice whose value is returned (None clears the selection)."""
        return value

    def api_type(self) -> dict[str, Any]:
        """The values of this instance's choices (the API info leaves out null, as Gradio's)."""
        return {**super().api_type(), **enum_schema(self.choice_values)}

    def example_payload(self) -> ChoiceValue | None:
        """The first choice's value (None when there are no choices)."""
        values = self.choice_values
        return values[0] if values else None
