"""Chat."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Self

from pydantic import BaseModel

from specblocks._generated.chatbot import ChatbotBase
from specblocks._generated.payloads import ChatMessage as ChatMessageModel
from specblocks.components._chat_parts import cached_file, content_items, content_part
from specblocks.components._chat_wire import read_messages, read_metadata, read_options
from specblocks.core._blocks import Block
from specblocks.core._component import Component

_REASONING_TITLE = "Reasoning"


@dataclass
class ChatMessage:
    """One message of a conversation, to return from a chat function or put in a Chatbot.

    ``ChatMessage("Hello")`` is an assistant message; ``role`` may also be "user" or
    "system". ``content`` is text (Markdown), a file (a path or FileData), a component, or a
    list of these. ``metadata`` (``title``, ``status`` "pending"/"done", ``duration``, ``log``,
    ``id``, ``parent_id``) shows the message as a collapsible thought or tool step, nested
    under the thought whose ``id`` is its ``parent_id``; ``options`` offers choices
    (``{"value": ..., "label": ...}``) under it. The fields may be changed between yields of
    a streaming function.
    """

    content: Any
    role: Literal["user", "assistant", "system"] = "assistant"
    metadata: dict[str, Any] | None = field(default_factory=dict)
    options: list[dict[str, Any]] | None = field(default_factory=list)


class Chatbot(ChatbotBase):
    __doc__ = ChatbotBase.__doc__

    def preprocess(self, payload: Any) -> list[dict[str, Any]]:
        """The conversation as message dicts.

        Args:
            payload: The wire conversation: a list of messages whose content is a list of
                text, file and component parts; or None.

        Returns:
            One dict per message with "role", "metadata", "content" (the list of parts) and
            "options". An empty or missing conversation gives an empty list. A component
            part also holds, under "instance", the component rebuilt with its value.

        Raises:
            PayloadError: The payload is not a conversation.
        """
        return read_messages(payload)

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        """Normalise the messages returned by a function into the wire conversation.

        Each message is a ChatMessage or a dict with "role" and "content" (and optionally
        "metadata" and "options"). Content may be text (its common indentation is removed),
        a file (a path, a FileData dict or model, or a ``(path, alt_text)`` tuple), a
        component, an already-built part, or a list of these; files are copied into the file
        cache and components embedded with their value. Messages left without content are
        dropped. When ``reasoning_tags`` is set, tagged text is split off into "Reasoning"
        thoughts.

        Args:
            value: The list of messages, or None for an empty conversation.

        Returns:
            The wire conversation: a list of messages whose content is a list of parts.

        Raises:
            ValueError: The value is not a list of messages, or a message or its content
                cannot be shown.
        """
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            raise ValueError(
                f"Chatbot: expected a list of messages (dicts with 'role' and 'content', or "
                f"ChatMessage objects), got {type(value).__name__}."
            )
        result: list[dict[str, Any]] = []
        for index, message in enumerate(value):
            result.extend(self._postprocess_message(message, index))
        return result

    def config_props(self) -> dict[str, Any]:
        """Avatar images and example files as FileData the browser can load.

        Local avatar and example files (paths) are copied into the file cache, URLs kept;
        Button instances in ``buttons`` are sent with their id and label so that the
        toolbar can show them and run their click listeners.
        """
        props: dict[str, Any] = {}
        if self.avatar_images is not None:
            props["avatar_images"] = [
                None if image is None else cached_file(image) for image in self.avatar_images
            ]
        if self.examples is not None:
            props["examples"] = [_example(example) for example in self.examples]
        if self.buttons is not None:
            props["buttons"] = [_button(button) for button in self.buttons]
        return props

    def render(self) -> Self:
        """Place the chatbot in the open layout.

        Components given as message content are shown inside the chat, not in the layout,
        so they are removed from any layout they were placed in.
        """
        if not self.value_is_callable:
            for component in _embedded_components(self.value):
                component.unrender()
        return super().render()

    # -- one message ----------------------------------------------------------------------------
    def _postprocess_message(self, message: Any, index: int) -> list[dict[str, Any]]:
        role, content, metadata, options = _fields(message, index)
        parts = [part for item in content_items(content) if (part := content_part(item))]
        if not parts:
            return []
        if self.reasoning_tags:
            return _split_reasoning(role, parts, metadata, options, self.reasoning_tags)
        return [_message(role, parts, metadata, options)]


def _example(example: Any) -> Any:
    """An example prompt with its files and icon as FileData."""
    if isinstance(example, BaseModel):
        example = example.model_dump(exclude_none=True)
    if not isinstance(example, Mapping):
        return example
    result = dict(example)
    files = result.get("files")
    if isinstance(files, list | tuple):
        result["files"] = [cached_file(file) for file in files]
    if result.get("icon") is not None:
        result["icon"] = cached_file(result["icon"])
    return result


def _button(button: Any) -> Any:
    """A ``buttons`` entry: a name ("copy") as is, a Button as its id, label and icon."""
    if isinstance(button, Block):
        return {
            "id": button._id,
            "value": getattr(button, "value", None),
            "icon": getattr(button, "icon", None),
        }
    return button


def _message(role: str, parts: list[dict[str, Any]], metadata: Any, options: Any) -> dict[str, Any]:
    return {"role": role, "metadata": metadata, "content": parts, "options": options}


def _fields(message: Any, index: int) -> tuple[str, Any, Any, Any]:
    """A returned message's role, content, metadata and options (checked)."""
    where = f"Chatbot: message {index}"
    role: Any
    if isinstance(message, ChatMessage):
        role = message.role
        content: Any = message.content
        metadata: Any = message.metadata
        options: Any = message.options
    elif isinstance(message, ChatMessageModel):
        fields_set = message.model_fields_set
        role = message.role or "assistant"
        content = message.content
        # A ChatMessage made without metadata or options shows them empty, not null.
        metadata = message.metadata if "metadata" in fields_set else {}
        options = message.options if "options" in fields_set else []
    elif isinstance(message, Mapping) and "role" in message and "content" in message:
        role = message["role"]
        content = message["content"]
        metadata = message.get("metadata")
        options = message.get("options")
    else:
        raise ValueError(
            f"{where} must be a dict with 'role' and 'content' keys or a ChatMessage, "
            f"got {_describe(message)}."
        )
    if not isinstance(role, str):
        raise ValueError(f"{where}: 'role' must be a string, got {role!r}.")
    try:
        metadata = metadata if metadata == {} else read_metadata(metadata)
        options = options if options == [] else read_options(options)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return role, content, metadata, options


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 80 else text[:77] + '...'}"


def _embedded_components(value: Any) -> Iterator[Component]:
    """Components used as message content in a Chatbot value."""
    if not isinstance(value, list | tuple):
        return
    for message in value:
        if isinstance(message, BaseModel):
            content = getattr(message, "content", None)
        elif isinstance(message, Mapping):
            content = message.get("content")
        else:
            continue
        for item in content_items(content):
            if isinstance(item, Component):
                yield item


# -- reasoning -------------------------------------------------------------------------------------


def _split_reasoning(
    role: str,
    parts: list[dict[str, Any]],
    metadata: Any,
    options: Any,
    tags: Sequence[Sequence[str]],
) -> list[dict[str, Any]]:
    """Messages for ``parts`` with tagged reasoning split off from each text part.

    Each text part becomes a message per segment, in order: reasoning segments become
    thoughts titled "Reasoning" ("pending" while their closing tag is missing), the other
    text keeps the message's metadata and options. Non-text parts follow in one message.
    """
    messages: list[dict[str, Any]] = []
    others = [part for part in parts if part["type"] != "text"]
    for part in parts:
        if part["type"] != "text":
            continue
        for text, status in reasoning_segments(part["text"], tags):
            if status is None:
                messages.append(_message(role, [_text(text)], metadata, options))
            else:
                thought = {"title": _REASONING_TITLE, "status": status}
                messages.append(_message(role, [_text(text)], thought, None))
    if others:
        messages.append(_message(role, others, metadata, options))
    return messages


def _text(text: str) -> dict[str, Any]:
    return {"text": text, "type": "text"}


def reasoning_segments(text: str, tags: Sequence[Sequence[str]]) -> list[tuple[str, str | None]]:
    """Split ``text`` into prose and tagged reasoning, in order of appearance.

    Args:
        text: The message text.
        tags: ``(opening, closing)`` tag pairs, e.g. ``[("<think>", "</think>")]``. When
            several opening tags start at the same place, the first pair listed wins.

    Returns:
        ``(segment, status)`` pairs, each segment stripped of surrounding whitespace and
        empty segments left out: status is None for prose, "done" for closed reasoning and
        "pending" for reasoning whose closing tag has not arrived (yet).
    """
    pairs = [(opening, closing) for opening, closing in tags if opening]
    segments: list[tuple[str, str | None]] = []

    def add(segment: str, status: str | None) -> None:
        if segment.strip():
            segments.append((segment.strip(), status))

    position = 0
    while True:
        found = _next_opening(text, position, pairs)
        if found is None:
            break
        start, opening, closing = found
        add(text[position:start], None)
        body_start = start + len(opening)
        end = text.find(closing, body_start)
        if end < 0:
            add(text[body_start:], "pending")
            position = len(text)
            break
        add(text[body_start:end], "done")
        position = end + len(closing)
    add(text[position:], None)
    return segments


def _next_opening(
    text: str, position: int, pairs: list[tuple[str, str]]
) -> tuple[int, str, str] | None:
    best: tuple[int, str, str] | None = None
    for opening, closing in pairs:
        start = text.find(opening, position)
        if start >= 0 and (best is None or start < best[0]):
            best = (start, opening, closing)
    return best


__all__ = ["Chatbot"]
