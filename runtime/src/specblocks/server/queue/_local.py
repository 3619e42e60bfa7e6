"""The in-process backend: the embedded default, no external services."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Literal

from specblocks.server._messages import Estimation
from specblocks.server.queue._base import (
    DurationStats,
    Event,
    Limits,
    Processor,
    Queue,
    QueueFull,
    make_task_group_safe,
)


class LocalQueue(Queue):
    """FIFO queue with per-group concurrency limits, batching, cancellation and ETAs.

    Args:
        max_size: Most events that may wait at once (None: unbounded).
        status_update_rate: "auto" sends every waiting event its new rank whenever the queue
            moves; a number sends updates every that many seconds instead.
    """

    def __init__(
        self, max_size: int | None = None, status_update_rate: float | Literal["auto"] = "auto"
    ) -> None:
        self.max_size = max_size
        self.status_update_rate = status_update_rate
        self.stats = DurationStats()
        self._waiting: list[Event] = []
        self._running: dict[str, set[asyncio.Task[None]]] = {}
        self._running_events: dict[str, tuple[Event, asyncio.Task[None]]] = {}
        self._wakeup = asyncio.Event()
        self._processor: Processor | None = None
        self._limits: Callable[[int], Limits] | None = None
        self._dispatcher: asyncio.Task[None] | None = None
        self._ticker: asyncio.Task[None] | None = None

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self, processor: Processor, limits: Callable[[int], Limits]) -> None:
        """Begin dispatching."""
        self._processor = processor
        self._limits = limits
        self._dispatcher = make_task_group_safe(self._dispatch_forever())
        if self.status_update_rate != "auto":
            self._ticker = make_task_group_safe(self._tick_forever(float(self.status_update_rate)))

    async def stop(self) -> None:
        """Stop dispatching and cancel what runs."""
        for task in (self._dispatcher, self._ticker):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for _, task in list(self._running_events.values()):
            task.cancel()

    # -- the interface --------------------------------------------------------------------
    async def push(self, event: Event) -> int:
        """Add ``event`` at the end; return its rank."""
        if self.max_size is not None and len(self._waiting) >= self.max_size:
            raise QueueFull(f"Queue is full: it holds {self.max_size} waiting events.")
        self._waiting.append(event)
        rank = len(self._waiting) - 1
        event.send(self._estimation(event, rank))
        self._wakeup.set()
        return rank

    async def cancel(self, event_id: str) -> Literal["waiting", "running"] | None:
        """Cancel a waiting or running event."""
        for event in self._waiting:
            if event.event_id == event_id:
                event.cancelled = True
                self._waiting.remove(event)
                self._send_ranks()
                return "waiting"
        running = self._running_events.get(event_id)
        if running is not None:
            event, task = running
            event.cancelled = True
            task.cancel()
            return "running"
        return None

    async def pending(self, session_hash: str | None = None) -> int:
        """Events waiting or running (for one session, or in all)."""
        events = self._waiting + [e for e, _ in self._running_events.values()]
        if session_hash is None:
            return len(events)
        return sum(1 for e in events if e.session_hash == session_hash)

    async def owned(self) -> dict[str, set[str]]:
        """Every waiting or running event, by session: this process alone can run them."""
        owned: dict[str, set[str]] = {}
        for event in self._waiting + [e for e, _ in self._running_events.values()]:
            owned.setdefault(event.session_hash or "", set()).add(event.event_id)
        return owned

    # -- scheduling -----------------------------------------------------------------------
    def _estimation(self, event: Event, rank: int) -> Estimation:
        average = self.stats.average(event.fn_index)
        eta = None if average is None else average * (rank + 1)
        return Estimation(
            event_id=event.event_id, rank=rank, queue_size=len(self._waiting), rank_eta=eta
        )

    def _send_ranks(self) -> None:
        for rank, event in enumerate(self._waiting):
            event.send(self._estimation(event, rank))

    async def _tick_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            self._send_ranks()

    async def _dispatch_forever(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            if self._start_ready() and self.status_update_rate == "auto":
                self._send_ranks()

    def _has_room(self, limits: Limits) -> bool:
        running = len(self._running.get(limits.concurrency_id, ()))
        return limits.concurrency_limit is None or running < limits.concurrency_limit

    def _start_ready(self) -> bool:
        """Start every waiting event that has room, oldest first; return whether any did."""
        assert self._limits is not None
        started = False
        index = 0
        while index < len(self._waiting):
            event = self._waiting[index]
            limits = self._limits(event.fn_index)
            if not self._has_room(limits):
                index += 1
                continue
            batch = [event]
            if limits.batch:
                batch += [e for e in self._waiting[index + 1 :] if e.fn_index == event.fn_index][
                    : limits.max_batch_size - 1
                ]
            for member in batch:
                self._waiting.remove(member)
            self._launch(batch, limits)
            started = True
        return started

    def _launch(self, batch: list[Event], limits: Limits) -> None:
        assert self._processor is not None
        task = make_task_group_safe(self._processor(batch))
        group = self._running.setdefault(limits.concurrency_id, set())
        group.add(task)
        for event in batch:
            self._running_events[event.event_id] = (event, task)

        def done(finished: asyncio.Task[None]) -> None:
            group.discard(finished)
            for event in batch:
                self._running_events.pop(event.event_id, None)
                if finished.cancelled():
                    event.end_cancelled()
            self._wakeup.set()

        task.add_done_callback(done)
