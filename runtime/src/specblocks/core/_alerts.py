"""Messages a running function shows the user, and validation results for validators.

``Info``, ``Warning`` and ``Success`` show toasts; ``validate`` answers a listener validator.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["info", "warning", "success"]


@dataclass(frozen=True)
class _Channel:
    send: Callable[[str, Level, float | None, bool, str], None]


_current: ContextVar[_Channel | None] = ContextVar("specblocks_alert_channel", default=None)


def open_channel(send: Callable[[str, Level, float | None, bool, str], None]) -> Any:
    """Route alerts raised in this context (and worker threads it starts) to ``send``."""
    loop = asyncio.get_running_loop()

    def threadsafe(
        message: str, level: Level, duration: float | None, visible: bool, title: str
    ) -> None:
        loop.call_soon_threadsafe(send, message, level, duration, visible, title)

    return _current.set(_Channel(threadsafe))


def close_channel(token: Any) -> None:
    """Undo :func:`open_channel`."""
    _current.reset(token)


def _alert(message: str, level: Level, duration: float | None, visible: bool, title: str) -> None:
    channel = _current.get()
    if channel is not None:
        channel.send(message, level, duration, visible, title)


def Info(  # noqa: N802 - the public name users know
    message: str = "Info issued.",
    duration: float | None = 10,
    visible: bool = True,
    title: str = "Info",
) -> None:
    """Show an information toast to the user of the running event."""
    _alert(message, "info", duration, visible, title)


def Warning(  # noqa: N802 - the public name users know
    message: str = "Warning issued.",
    duration: float | None = 10,
    visible: bool = True,
    title: str = "Warning",
) -> None:
    """Show a warning toast to the user of the running event."""
    _alert(message, "warning", duration, visible, title)


def Success(  # noqa: N802 - the public name users know
    message: str = "Success.",
    duration: float | None = 10,
    visible: bool = True,
    title: str = "Success",
) -> None:
    """Show a success toast to the user of the running event."""
    _alert(message, "success", duration, visible, title)


def validate(is_valid: bool, message: str) -> dict[str, Any]:
    """Return from a listener's ``validator`` (one per input) to accept or reject the input."""
    return {"__type__": "validate", "is_valid": is_valid, "message": message}
