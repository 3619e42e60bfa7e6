"""Chat messages sent by the browser, checked and turned into the dicts functions receive."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from specblocks._generated.payloads import MetadataDict, OptionDict
from specblocks.components._lookup import by_block_name
from specblocks.core._component import Component
from specblocks.core._exceptions import PayloadError
from specblocks.core._media_io import file_data, parse_file

_NAME = "Chatbot"


def read_messages(payload: Any) -> list[dict[str, Any]]:
    """Check a wire conversation and return it as message dicts.

    Args:
        payload: The decoded JSON list of messages, or None.

    Returns:
        One dict per message with "role", "metadata", "content" (a list of parts) and
        "options". A component part also gets an "instance" key holding a component built
        from the part, when the component is known.

    Raises:
        PayloadError: The payload is not a list of messages.
    """
    if payload is None:
        return []
    if not isinstance(payload, list):
        raise PayloadError(
            f"{_NAME}: expected the conversation as a list of messages, "
            f"got {type(payload).__name__}."
        )
    return [_read_message(message, index) for index, message in enumerate(payload)]


def _read_message(message: Any, index: int) -> dict[str, Any]:
    where = f"{_NAME}: message {index}"
    if not isinstance(message, Mapping):
        raise PayloadError(f"{where} must be an object, got {type(message).__name__}.")
    role = message.get("role")
    if not isinstance(role, str):
        raise PayloadError(f"{where} needs a 'role' string.")
    content = message.get("content")
    if not isinstance(content, list):
        raise PayloadError(f"{where} needs 'content' as a list of parts.")
    try:
        metadata = read_metadata(message.get("metadata"))
        options = read_options(message.get("options"))
    except ValueError as exc:
        raise PayloadError(f"{where}: {exc}") from None
    return {
        "role": role,
        "metadata": metadata,
        "content": [_read_part(part, where) for part in content],
        "options": options,
    }


def read_metadata(metadata: Any) -> dict[str, Any] | None:
    """Check message metadata; keep its known keys that are set.

    Raises:
        ValueError: The metadata is not an object of the known keys' types.
    """
    if metadata is None:
        return None
    if isinstance(metadata, BaseModel):
        metadata = metadata.model_dump(exclude_none=True)
    if not isinstance(metadata, Mapping):
        raise ValueError(f"'metadata' must be an object, got {type(metadata).__name__}.")
    known = {key: value for key, value in metadata.items() if key in MetadataDict.model_fields}
    try:
        checked = MetadataDict.model_validate(known)
    except ValidationError as exc:
        raise ValueError(f"invalid 'metadata': {_first_error(exc)}") from None
    return checked.model_dump(exclude_none=True)


def read_options(options: Any) -> list[dict[str, Any]] | None:
    """Check a message's options (a list of ``{"value", "label"}`` objects).

    Raises:
        ValueError: The options are not a list of such objects.
    """
    if options is None:
        return None
    if not isinstance(options, list | tuple):
        raise ValueError(f"'options' must be a list, got {type(options).__name__}.")
    result: list[dict[str, Any]] = []
    for raw in options:
        option = raw.model_dump(exclude_none=True) if isinstance(raw, BaseModel) else raw
        try:
            checked = OptionDict.model_validate(option)
        except ValidationError as exc:
            raise ValueError(f"invalid option {option!r}: {_first_error(exc)}") from None
        result.append(checked.model_dump(exclude_none=True))
    return result


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"])
    return f"{location}: {error['msg']}" if location else str(error["msg"])


def _read_part(part: Any, where: str) -> dict[str, Any]:
    if not isinstance(part, Mapping):
        raise PayloadError(f"{where}: each content part must be an object.")
    kind = part.get("type")
    if kind is None:
        kind = next((key for key in ("text", "file", "component") if key in part), None)
    if kind == "text":
        text = part.get("text")
        if not isinstance(text, str):
            raise PayloadError(f"{where}: a text part needs a 'text' string.")
        return {"text": text, "type": "text"}
    if kind == "file":
        return _read_file_part(part, where)
    if kind == "component":
        return _read_component_part(part, where)
    raise PayloadError(f"{where}: unknown content part type {kind!r}.")


def _read_file_part(part: Mapping[str, Any], where: str) -> dict[str, Any]:
    raw = part.get("file")
    ref = parse_file(raw, _NAME)
    alt_text = part.get("alt_text")
    if alt_text is not None and not isinstance(alt_text, str):
        raise PayloadError(f"{where}: a file part's 'alt_text' must be a string or null.")
    is_stream = isinstance(raw, Mapping) and raw.get("is_stream") is True
    payload = file_data(
        ref.path,
        url=ref.url,
        size=ref.size,
        orig_name=ref.orig_name,
        mime_type=ref.mime_type,
        is_stream=is_stream,
    )
    return {"file": payload, "alt_text": alt_text, "type": "file"}


def _read_component_part(part: Mapping[str, Any], where: str) -> dict[str, Any]:
    name = part.get("component")
    args = part.get("constructor_args")
    props = part.get("props")
    if not isinstance(name, str) or not isinstance(args, Mapping) or not isinstance(props, Mapping):
        raise PayloadError(
            f"{where}: a component part needs 'component' (a name), 'value', "
            "'constructor_args' and 'props' (objects)."
        )
    result: dict[str, Any] = {
        "component": name,
        "value": part.get("value"),
        "constructor_args": dict(args),
        "props": dict(props),
        "type": "component",
    }
    cls = by_block_name(name)
    if cls is not None:
        result["instance"] = _instance(cls, part.get("value"), dict(args), where)
    return result


def _instance(cls: type[Component], payload: Any, args: dict[str, Any], where: str) -> Component:
    """A component of class ``cls`` holding the payload's value, as the function sees it."""
    args.pop("render", None)
    args.pop("value", None)
    factory: Callable[..., Component] = cls
    value = factory(render=False).preprocess(payload)
    try:
        component = factory(value=value, render=False, **args)
    except TypeError as exc:
        raise PayloadError(
            f"{where}: cannot build the embedded {cls.__name__} from its constructor_args: {exc}"
        ) from None
    return component
