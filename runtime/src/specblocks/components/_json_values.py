"""Turning Python values into plain JSON values (for payloads kept or shown as JSON)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

_MAX_DEPTH = 100


def to_json_value(value: Any, component: str) -> Any:
    """Convert ``value`` into JSON-compatible Python data.

    Pydantic models and dataclass instances become dicts, tuples become lists, NumPy
    scalars and arrays become Python numbers and lists; dict keys that are numbers, booleans
    or None become strings, as ``json.dumps`` writes them. Non-finite floats are kept (they are
    written as null).

    Args:
        value: The value to convert.
        component: Name of the component, used in error messages.

    Returns:
        The value built only from dicts with string keys, lists, strings, numbers,
        booleans and None.

    Raises:
        TypeError: Part of the value has no JSON form (e.g. a set or an arbitrary object).
    """
    return _convert(value, component, "value", 0)


def _convert(value: Any, component: str, where: str, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise TypeError(f"{component}: {where} is nested too deeply (or refers to itself).")
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, BaseModel):
        return _convert(value.model_dump(mode="json"), component, where, depth + 1)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _convert(dataclasses.asdict(value), component, where, depth + 1)
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            name = _key(key, component, where)
            result[name] = _convert(item, component, f"{where}[{name!r}]", depth + 1)
        return result
    if isinstance(value, list | tuple):
        return [
            _convert(item, component, f"{where}[{index}]", depth + 1)
            for index, item in enumerate(value)
        ]
    tolist = getattr(value, "tolist", None)
    if callable(tolist) and type(value).__module__ == "numpy":
        return _convert(tolist(), component, where, depth + 1)
    raise TypeError(
        f"{component}: {where} of type {type(value).__name__} cannot be stored as JSON; "
        "use dicts, lists, strings, numbers, booleans or None."
    )


def _key(key: Any, component: str, where: str) -> str:
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        return repr(key) if math.isfinite(key) else ("NaN" if math.isnan(key) else _inf(key))
    raise TypeError(
        f"{component}: {where} has a key of type {type(key).__name__}; JSON object keys must "
        "be strings."
    )


def _inf(key: float) -> str:
    return "Infinity" if key > 0 else "-Infinity"
