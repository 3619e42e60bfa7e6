"""Events: the listener records listeners return, catalogue entries and event data."""

from __future__ import annotations

from specblocks._generated.event_data import (
    CopyData,
    DeletedFileData,
    DownloadData,
    EditData,
    EventData,
    KeyUpData,
    LikeData,
    RetryData,
    SelectData,
    UndoData,
)
from specblocks._generated.events import ALL_EVENTS, Dependency
from specblocks.app import on
from specblocks.core import (
    ChainTarget,
    DependencyCore,
    EventDataLike,
    EventSpec,
    EventTarget,
    ListenerOptionsLike,
    TriggerMode,
)

__all__ = [
    "ALL_EVENTS",
    "ChainTarget",
    "CopyData",
    "DeletedFileData",
    "Dependency",
    "DependencyCore",
    "DownloadData",
    "EditData",
    "EventData",
    "EventDataLike",
    "EventSpec",
    "EventTarget",
    "KeyUpData",
    "LikeData",
    "ListenerOptionsLike",
    "RetryData",
    "SelectData",
    "TriggerMode",
    "UndoData",
    "on",
]
