"""Turn Python values (NumPy arrays, dates, dataclasses, …) into plain JSON values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import math
import uuid
from typing import Any

from pydantic import BaseModel

from specblocks.core._loaded import is_ndarray, is_numpy_scalar


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _parsed_or_text(value: Any) -> Any:
    """``str(value)``, parsed as JSON when that string is a JSON document."""
    text = str(value)
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        return text


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return json.dumps(key)
    return str(key)


def to_jsonable(value: Any) -> Any:
    """A copy of ``value`` made only of dicts, lists, strings, numbers, booleans and None.

    NumPy arrays become lists and NumPy scalars Python numbers; non-finite floats become
    None; tuples become lists; dict keys become strings; dataclasses and pydantic models
    become dicts; enums become their values; dates, times and other objects (mappings that
    are not dicts too) become their ``str()`` (parsed as JSON when that string is valid JSON).
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):  # other mappings are shown as text, as Gradio shows them
        return {_key(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if is_ndarray(value):
        return to_jsonable(value.tolist())
    if is_numpy_scalar(value):
        return to_jsonable(value.item())
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, BaseModel):
        return to_jsonable(value.model_dump(mode="json", by_alias=True))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, uuid.UUID | dt.date | dt.time | dt.timedelta):
        return str(value)
    return _parsed_or_text(value)
