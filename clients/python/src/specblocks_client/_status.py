"""Where a job is: status codes and the updates a job records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any


class Status(Enum):
    """The stage a job is in, from the client's point of view."""

    STARTING = "STARTING"
    JOINING_QUEUE = "JOINING_QUEUE"
    QUEUE_FULL = "QUEUE_FULL"
    IN_QUEUE = "IN_QUEUE"
    SENDING_DATA = "SENDING_DATA"
    PROCESSING = "PROCESSING"
    ITERATING = "ITERATING"
    PROGRESS = "PROGRESS"
    FINISHED = "FINISHED"
    CANCELLED = "CANCELLED"
    LOG = "LOG"


@dataclass(frozen=True)
class ProgressUnit:
    """One level of a ``gr.Progress`` tracker (nested ``tqdm`` loops give several).

    Attributes:
        index: Steps done, for a tracker over a known iterable.
        length: Total steps, when known.
        unit: What a step is called (``"steps"`` by default).
        progress: Fraction done in ``[0, 1]``, for ``progress(0.5)``-style calls.
        desc: The description the app gave.
    """

    index: int | None
    length: int | None
    unit: str | None
    progress: float | None
    desc: str | None

    @classmethod
    def from_wire(cls, units: list[dict[str, Any]]) -> list[ProgressUnit]:
        """Build the units of a ``progress`` message's ``progress_data``."""
        return [
            cls(
                index=unit.get("index"),
                length=unit.get("length"),
                unit=unit.get("unit"),
                progress=unit.get("progress"),
                desc=unit.get("desc"),
            )
            for unit in units
        ]


@dataclass(frozen=True)
class StatusUpdate:
    """A snapshot of a job's status.

    Attributes:
        code: The stage.
        rank: 0-based position among the waiting jobs (``IN_QUEUE``), else ``None`` or 0.
        queue_size: How many jobs wait in the queue (``IN_QUEUE``).
        eta: Seconds the server expects until this job is done, when it knows.
        success: ``True``/``False`` once finished; ``None`` before.
        time: When the client recorded this update.
        progress_data: The ``gr.Progress`` state (``PROGRESS``).
        log: ``(message, level)`` of a ``gr.Info``/``gr.Warning`` (``LOG``).
    """

    code: Status
    rank: int | None = None
    queue_size: int | None = None
    eta: float | None = None
    success: bool | None = None
    time: datetime | None = None
    progress_data: list[ProgressUnit] | None = None
    log: tuple[str, str] | None = None


@dataclass(frozen=True)
class OutputUpdate:
    """One output a job produced (each generator yield, or the single result).

    Attributes:
        outputs: The output, shaped like ``Job.result()``.
        success: Always ``True``: failures are status updates.
    """

    outputs: Any
    success: bool = True
