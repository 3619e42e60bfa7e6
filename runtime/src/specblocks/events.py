"""Events: the catalogue entry type, the targets listeners attach to, and dependencies."""

from __future__ import annotations

from specblocks._dependency import Dependency
from specblocks._event_target import (
    ChainTarget,
    EventDataLike,
    EventSpec,
    EventTarget,
    ListenerOptionsLike,
    TriggerMode,
)

__all__ = [
    "ChainTarget",
    "Dependency",
    "EventDataLike",
    "EventSpec",
    "EventTarget",
    "ListenerOptionsLike",
    "TriggerMode",
]
