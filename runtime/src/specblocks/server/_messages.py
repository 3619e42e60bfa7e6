"""Server-sent messages of the queue protocol, one pydantic model per ``msg`` kind.

Every message the server streams is one of :data:`ServerMessage`; :func:`encode` turns it into
an SSE frame. The field names and shapes are the wire protocol the official clients read.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_serializer


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    #: the encoded frame, once :func:`encode` has made it (messages are not changed after)
    _frame: bytes | None = PrivateAttr(default=None)


class Output(BaseModel):
    """What a finished (or streaming) function produced."""

    data: list[Any]
    is_generating: bool = False
    duration: float | None = None
    average_duration: float | None = None
    render_config: dict[str, Any] | None = None
    changed_state_ids: list[int] = []
    used_cache: bool | None = None


class ErrorOutput(BaseModel):
    """The output of a failed function: only these keys (clients build their error from them)."""

    error: str | None
    duration: float | None = None
    visible: bool | None = None
    title: str | None = None
    #: the HTTP status of a direct call that ends so (not sent: the serializer leaves it out)
    status: int = 500

    @model_serializer
    def _serialize(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.error}
        for key in ("duration", "visible", "title"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


class CancelledOutput(BaseModel):
    """The (empty) output of a cancelled event."""


class Estimation(_Message):
    """The event's place in the queue."""

    msg: Literal["estimation"] = "estimation"
    event_id: str
    rank: int | None = None
    queue_size: int
    rank_eta: float | None = None


class ProcessStarts(_Message):
    """The function started running."""

    msg: Literal["process_starts"] = "process_starts"
    event_id: str
    eta: float | None = None


class ProgressMessage(_Message):
    """A progress update reported by the function."""

    msg: Literal["progress"] = "progress"
    event_id: str
    progress_data: list[dict[str, Any]]


class ProcessGenerating(_Message):
    """One streamed output of a generator function."""

    msg: Literal["process_generating"] = "process_generating"
    event_id: str
    output: Output
    success: bool = True
    time_limit: float | None = None


class ProcessCompleted(_Message):
    """The function finished, successfully, with an error, or cancelled."""

    msg: Literal["process_completed"] = "process_completed"
    event_id: str
    output: Output | ErrorOutput | CancelledOutput
    success: bool
    title: str | None = None


class Log(_Message):
    """A message for the user (``gr.Info``/``gr.Warning``) raised while the function runs."""

    msg: Literal["log"] = "log"
    event_id: str
    log: str
    level: Literal["info", "warning", "success", "error"]
    duration: float | None = 10
    visible: bool = True
    title: str | None = None


class Heartbeat(_Message):
    """Keeps an idle stream open."""

    msg: Literal["heartbeat"] = "heartbeat"
    event_id: None = None


class CloseStream(_Message):
    """No more events for this session: the client may close the stream."""

    msg: Literal["close_stream"] = "close_stream"
    event_id: str | None = None


class UnexpectedError(_Message):
    """The server could not process the stream."""

    msg: Literal["unexpected_error"] = "unexpected_error"
    event_id: str | None = None
    message: str
    session_not_found: bool = False
    success: bool = False


ServerMessage = Annotated[
    Estimation
    | ProcessStarts
    | ProgressMessage
    | ProcessGenerating
    | ProcessCompleted
    | Log
    | Heartbeat
    | CloseStream
    | UnexpectedError,
    Field(discriminator="msg"),
]


def encode(message: BaseModel) -> bytes:
    """One SSE frame: ``data: <json>`` and a blank line (made once per message).

    Raises:
        pydantic_core.PydanticSerializationError: A value in the message is not JSON.
    """
    frame: bytes | None = getattr(message, "_frame", None)
    if frame is None:
        frame = b"data: " + message.model_dump_json().encode() + b"\n\n"
        if isinstance(message, _Message):
            message._frame = frame
    return frame
