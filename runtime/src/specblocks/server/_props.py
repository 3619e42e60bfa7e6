"""The JSON form of a block's properties, as sent in the app config and in updates."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from specblocks.core._blocks import Block, as_list
from specblocks.core._component import Component
from specblocks.core._i18n import I18nData

#: Constructor arguments that configure the server side only and never reach the browser.
SERVER_ONLY = frozenset({"every", "inputs", "delete_callback", "time_to_live", "render", "key"})


class _Skip:
    pass


SKIP = _Skip()


def to_json(value: Any) -> Any:
    """A JSON-compatible copy of ``value``; :data:`SKIP` for values with no JSON form."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, I18nData):
        return str(value)  # the marked string the browser translates, as Gradio sends it
    if isinstance(value, enum.Enum):
        return to_json(value.value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, BaseModel):  # fields with no JSON form (an image array) left out
        return to_json(value.model_dump(by_alias=True))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(dataclasses.asdict(value))
    if isinstance(value, Block):
        # a block given as a property (a Button in `buttons`): its own props, as Gradio
        # embeds them, with its name and id (the browser draws it inside the component)
        embedded = block_props(value)
        if isinstance(value, Component):
            start = value.initial_value()
            if start is not None:
                embedded = {"value": to_json(start), **embedded}
        return {**embedded, "name": value.NAME.lower(), "id": value._id}
    if isinstance(value, Mapping):
        out = {str(k): to_json(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not SKIP}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json(v) for v in value]
        return [v for v in items if v is not SKIP]
    if callable(value):
        return SKIP
    return SKIP


def to_json_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """JSON forms of ``props`` (entries with no JSON form left out)."""
    converted = to_json(props)
    assert isinstance(converted, dict)
    return converted


def block_props(block: Block) -> dict[str, Any]:
    """The constructor properties of ``block`` that the browser needs (no Nones, no functions)."""
    props: dict[str, Any] = {}
    for name in type(block).PROPS:
        if name in SERVER_ONLY or name == "value":
            continue
        raw = getattr(block, name, None)
        value = to_json(type(block).SENT_FOR_NONE.get(name) if raw is None else raw)
        if value is None or value is SKIP:
            continue
        props[name] = value
    if props.get("container") is False and "show_label" in type(block).PROPS:
        props["show_label"] = False  # no container, no label
    for name in ("elem_classes", "preserved_by_key"):
        if name in type(block).PROPS:
            props[name] = as_list(getattr(block, name, None))
    return props


def update_props(block: Block, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The wire form of an update: each property it sets as the config sends it.

    ``block`` is the output as the session sees it, the update already applied, so a
    property is sent in the same resolved form a page load would show (a Dropdown's choices
    as pairs, a plot's encodings ...); ``__type__`` and ``value`` are passed through.
    """
    full = block_props(block)
    if isinstance(block, Component):
        full.update(to_json_props(block.config_props()))
    out: dict[str, Any] = {}
    for key, raw in changes.items():
        if key in ("__type__", "value"):
            out[key] = raw
        elif isinstance(raw, Mapping) and raw.get("__type__") == "update":
            out[key] = {k: to_json(v) for k, v in raw.items()}  # a nested update, as given
        elif key in full:
            out[key] = full[key]
        else:
            converted = to_json(getattr(block, key, raw))
            if converted is not SKIP:
                out[key] = converted
    return out
