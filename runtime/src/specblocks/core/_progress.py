"""``Progress``: report a function's progress to the browser and API clients."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class ProgressUnit:
    """One level of progress (progress bars may nest)."""

    progress: float | None
    index: int | None
    length: int | None
    unit: str
    desc: str | None

    def to_wire(self) -> dict[str, Any]:
        """The wire form of a progress entry."""
        return {
            "progress": self.progress,
            "index": self.index,
            "length": self.length,
            "unit": self.unit,
            "desc": self.desc,
        }


class Progress:
    """Give a function a parameter defaulting to ``Progress()`` to report its progress.

    Call it with a fraction (``progress(0.5, desc="Halfway")``) or a pair of counts, or wrap an
    iterable with :meth:`tqdm` to report each step.

    Args:
        track_tqdm: Also report tqdm progress bars created inside the function. Accepted for
            compatibility; only explicit calls and :meth:`tqdm` are reported.
    """

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm
        self._sink: Callable[[list[ProgressUnit]], None] | None = None
        self._units: list[ProgressUnit] = []
        self._lock = threading.Lock()
        self._last = 0.0

    def attach(self, sink: Callable[[list[ProgressUnit]], None]) -> None:
        """Send updates to ``sink`` (done by the server for each event)."""
        self._sink = sink

    def _emit(self, units: list[ProgressUnit], force: bool = False) -> None:
        with self._lock:
            self._units = units
            now = time.monotonic()
            if self._sink is None or (not force and now - self._last < 0.05):
                return
            self._last = now
        self._sink(list(units))

    def __call__(
        self,
        progress: float | tuple[int, int | None] | None,
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
    ) -> float | tuple[int, int | None] | None:
        """Report progress: a fraction in [0, 1], ``(index, length)``, or None (unknown)."""
        if isinstance(progress, tuple):
            index, length = progress
            unit_ = ProgressUnit(None, index, length if length is not None else total, unit, desc)
        else:
            unit_ = ProgressUnit(progress, None, total, unit, desc)
        self._emit([unit_], force=True)
        return progress

    def tqdm(
        self,
        iterable: Iterable[T],
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
    ) -> Iterator[T]:
        """Iterate over ``iterable``, reporting each step."""
        length = (
            total if total is not None else (len(iterable) if isinstance(iterable, Sized) else None)
        )
        for index, item in enumerate(iterable):
            self._emit([ProgressUnit(None, index, length, unit, desc)], force=index == 0)
            yield item
        self._emit([ProgressUnit(None, length or 0, length, unit, desc)], force=True)
