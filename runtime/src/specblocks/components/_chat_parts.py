"""Chat message content returned by user functions, turned into wire parts.

A message's content may be text, a file (a path, a FileData dict or model, a ``(path,)`` or
``(path, alt_text)`` tuple), a component instance, an already-built part, or a list of these.
Each becomes one wire part: ``{"type": "text", ...}``, ``{"type": "file", ...}`` or
``{"type": "component", ...}``. Files are copied into the file cache.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from specblocks._generated.payloads import (
    ComponentMessage,
    FileData,
    FileMessage,
    TextMessage,
)
from specblocks.components._json_values import to_json_value
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._media_io import (
    FILE_DATA_TYPE,
    cache_file,
    file_data,
    guess_mime_type,
    is_url,
    parse_file,
)

_NAME = "Chatbot"
_NOT_PROPS = frozenset({"self", "render", "value"})


def content_items(content: Any) -> list[Any]:
    """The items of a message's content: a list is several items, anything else one."""
    if isinstance(content, list):
        return content
    return [content]


def content_part(item: Any) -> dict[str, Any] | None:
    """Turn one content item returned by a function into a wire part.

    Args:
        item: Text, a file, a component, or a part (dict or payload model).

    Returns:
        The wire part, with any file copied into the file cache.

    Raises:
        ValueError: The item cannot be shown in a chat message.
    """
    if isinstance(item, str):
        return {"text": inspect.cleandoc(item), "type": "text"}
    if isinstance(item, Component):
        return component_part(item)
    if isinstance(item, BaseModel):
        return _model_part(item)
    if isinstance(item, os.PathLike):
        return file_part(os.fspath(item), None)
    if isinstance(item, tuple) and 1 <= len(item) <= 2 and isinstance(item[0], str | os.PathLike):
        return file_part(os.fspath(item[0]), item[1] if len(item) == 2 else None)
    if isinstance(item, Mapping):
        return _mapping_part(item)
    raise ValueError(
        f"{_NAME}: cannot show {item!r} ({type(item).__name__}) in a message; message content "
        "must be a string, a file (path, FileData or dict with 'path'), a component, or a list "
        "of these."
    )


def _model_part(item: BaseModel) -> dict[str, Any]:
    if isinstance(item, TextMessage):
        return {"text": item.text, "type": "text"}
    if isinstance(item, FileMessage):
        return file_part(item.file, item.alt_text)
    if isinstance(item, ComponentMessage):
        return _component_message(item.model_dump())
    if isinstance(item, FileData):
        return file_part(item, (item.model_extra or {}).get("alt_text"))
    raise ValueError(f"{_NAME}: cannot show a {type(item).__name__} in a message.")


def _mapping_part(item: Mapping[str, Any]) -> dict[str, Any]:
    kind = item.get("type")
    if "path" in item:
        return file_part(item, item.get("alt_text"))
    if "file" in item and kind in (None, "file"):
        return file_part(item["file"], item.get("alt_text"))
    if kind == "text" or (kind is None and "text" in item):
        text = item.get("text")
        if not isinstance(text, str):
            raise ValueError(f"{_NAME}: a text part's 'text' must be a string, got {text!r}.")
        return {"text": text, "type": "text"}
    if kind == "component":
        return _component_message(item)
    raise ValueError(
        f"{_NAME}: cannot show the dict {dict(item)!r} in a message; expected a file dict "
        "(with 'path' or 'file'), a text part ({'type': 'text', 'text': ...}) or a component "
        "part."
    )


# -- files ----------------------------------------------------------------------------------


def file_part(source: Any, alt_text: Any) -> dict[str, Any]:
    """A file part for a file returned by a function, copied into the file cache.

    Args:
        source: A path, or a FileData dict or model.
        alt_text: Text describing the file, or None.

    Returns:
        ``{"file": <FileData>, "alt_text": ..., "type": "file"}``.

    Raises:
        ValueError: The file does not exist, or the payload or alt text is malformed.
    """
    if alt_text is not None and not isinstance(alt_text, str):
        raise ValueError(f"{_NAME}: a file's alt text must be a string, got {alt_text!r}.")
    return {"file": cached_file(source), "alt_text": alt_text, "type": "file"}


def cached_file(source: Any) -> dict[str, Any]:
    """A FileData payload for a returned file, its local copy in the file cache.

    URLs and streams are kept as they are; a missing MIME type is guessed from the name.
    """
    if isinstance(source, str | os.PathLike):
        source = {"path": os.fspath(source)}
    if isinstance(source, Mapping) and isinstance(source.get("path"), os.PathLike):
        source = {**source, "path": os.fspath(source["path"])}
    try:
        ref = parse_file(source, _NAME)
    except PayloadError as exc:
        raise ValueError(str(exc)) from None
    path = ref.path or ""
    is_stream = _is_stream(source)
    if not is_stream and not is_url(path):
        path = cache_file(path, _NAME)
    return file_data(
        path,
        size=ref.size,
        orig_name=ref.orig_name,
        mime_type=ref.mime_type or guess_mime_type(path),
        is_stream=is_stream,
    )


def _is_stream(source: Any) -> bool:
    if isinstance(source, BaseModel):
        return bool(getattr(source, "is_stream", False))
    return isinstance(source, Mapping) and bool(source.get("is_stream"))


def cache_nested_files(value: Any) -> Any:
    """Copy every FileData payload found inside ``value`` (dicts and lists) into the cache."""
    if isinstance(value, Mapping):
        meta = value.get("meta")
        if (
            isinstance(meta, Mapping)
            and meta.get("_type") == FILE_DATA_TYPE
            and isinstance(value.get("path"), str)
        ):
            return cached_file(value)
        return {key: cache_nested_files(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cache_nested_files(item) for item in value]
    return value


# -- components -------------------------------------------------------------------------------


def _component_message(item: Mapping[str, Any]) -> dict[str, Any]:
    name = item.get("component")
    args = item.get("constructor_args", {})
    props = item.get("props", {})
    if not isinstance(name, str) or not isinstance(args, Mapping) or not isinstance(props, Mapping):
        raise ValueError(
            f"{_NAME}: a component part needs 'component' (a name), 'value', "
            "'constructor_args' and 'props' (objects)."
        )
    return {
        "component": name,
        "value": cache_nested_files(item.get("value")),
        "constructor_args": dict(args),
        "props": cache_nested_files(dict(props)),
        "type": "component",
    }


def component_part(component: Component) -> dict[str, Any]:
    """A component part: a component shown inside a message.

    The component is removed from any layout it was placed in. Its value is postprocessed
    (so its files go into the cache); ``constructor_args`` holds the arguments that differ
    from their defaults, and ``props`` every JSON-compatible setting with the value.

    Args:
        component: The component to embed.

    Returns:
        ``{"component", "value", "constructor_args", "props", "type": "component"}``.
    """
    component.unrender()
    name = component_name(component)
    value = component.initial_value()
    if name == "file" and value is not None and not isinstance(value, list):
        value = [value]
    settings = _settings(component)
    args = {key: setting for key, (setting, changed) in settings.items() if changed}
    props = {key: setting for key, (setting, _) in settings.items()}
    props.update(value=value, name=name, _selectable=False)
    return {
        "component": name,
        "value": value,
        "constructor_args": {**args, "render": False},
        "props": props,
        "type": "component",
    }


def component_name(component: Component) -> str:
    """The lower-case catalog name of a component (e.g. ``image``, ``model3d``)."""
    cls = type(component)
    name = cls.NAME if cls.NAME not in ("Block", "Component") else cls.__name__
    return name.lower()


def _settings(component: Component) -> dict[str, tuple[Any, bool]]:
    """Each JSON-compatible constructor setting, and whether it differs from its default."""
    settings: dict[str, tuple[Any, bool]] = {}
    parameters = inspect.signature(type(component).__init__).parameters.values()
    for parameter in parameters:
        if parameter.name in _NOT_PROPS or parameter.kind in (
            inspect.Parameter.VAR_POSITIONAL,
            inspect.Parameter.VAR_KEYWORD,
        ):
            continue
        if not hasattr(component, parameter.name):
            continue
        current = getattr(component, parameter.name)
        if callable(current) and not isinstance(current, type):
            continue
        try:
            setting = to_json_value(current, _NAME)
        except TypeError:
            continue
        settings[parameter.name] = (setting, _differs(current, parameter.default))
    return settings


def _differs(current: Any, default: Any) -> bool:
    if default is inspect.Parameter.empty:
        return True
    try:
        return bool(current != default)
    except (TypeError, ValueError):
        return True
