"""The queue's interfaces, and the job it schedules.

An :class:`Event` is one call of one dependency. A :class:`Queue` decides when it runs (FIFO,
within the limits of its ``concurrency_id``, in batches where the dependency batches); the
:class:`MessageStreams` carry every message of the event (estimation, progress, generating,
completed) to the one stream its session reads. A :class:`QueueBackend` is one of each: the
in-process backend (:mod:`._local`, the embedded default) keeps both in this process; a
shared backend (e.g. Redis) implements the same two interfaces so that several server
processes share one queue, one set of limits and every session's messages, with no change
to the routes or the runner.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from specblocks.server._messages import (
    CancelledOutput,
    CloseStream,
    ProcessCompleted,
    ServerMessage,
    encode,
)

#: The frame that tells a client its session's stream is done.
CLOSE_FRAME = encode(CloseStream())


@dataclass(eq=False)
class Event:
    """One queued call of a dependency."""

    fn_index: int
    data: list[Any]
    session_hash: str | None
    event_data: Any = None
    trigger_id: int | None = None
    request: Any = None
    #: where the server's files are served, as the caller reached it (``{root}{API_PREFIX}``);
    #: FileData in the outputs get ``url = {file_root}/file={path}`` (empty: left as is)
    file_root: str = ""
    event_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    cancelled: bool = False
    #: messages for whoever streams this event (one stream per session)
    sink: Callable[[ServerMessage], None] | None = None
    #: whether its completion was sent (an event ends with exactly one)
    completed: bool = False

    def send(self, message: ServerMessage) -> None:
        """Deliver ``message`` to the event's stream, if anyone listens."""
        if isinstance(message, ProcessCompleted):
            self.completed = True
        if self.sink is not None:
            self.sink(message)

    def end_cancelled(self) -> None:
        """Send the completion of a cancelled event, unless one was sent.

        A backend calls it for events whose run was cancelled before the processor could
        report it (cancelled after their launch, before their first step).
        """
        if not self.completed:
            self.send(
                ProcessCompleted(event_id=self.event_id, output=CancelledOutput(), success=True)
            )


@dataclass(frozen=True)
class Limits:
    """How one dependency may be scheduled."""

    concurrency_id: str
    concurrency_limit: int | None  # None: unlimited
    batch: bool = False
    max_batch_size: int = 4


class QueueFull(Exception):  # noqa: N818 - reads as a state, like queue.Full
    """The queue holds ``max_size`` events already."""


class BackendUnavailable(Exception):  # noqa: N818 - reads as a state
    """The shared store a backend keeps its queue in cannot be reached.

    The server answers 503 with its message while it lasts.
    """


class Watch(Protocol):
    """The messages of one event, in order, for a caller that waits for its result."""

    async def next(self, timeout: float) -> BaseModel | None:
        """The event's next message; None when none came within ``timeout`` seconds."""


#: Runs a batch of events of one dependency (a single event when not batching).
Processor = Callable[[list[Event]], Awaitable[None]]


class Queue(ABC):
    """Where events wait for a worker."""

    @abstractmethod
    async def start(self, processor: Processor, limits: Callable[[int], Limits]) -> None:
        """Dispatch events to ``processor``; ``limits(fn_index)`` gives each one's limits."""

    @abstractmethod
    async def stop(self) -> None:
        """Stop dispatching; running events are cancelled."""

    @abstractmethod
    async def push(self, event: Event) -> int:
        """Add ``event``; return its rank (0 = next). Raise :class:`QueueFull` when full."""

    @abstractmethod
    async def cancel(self, event_id: str) -> Literal["waiting", "running"] | None:
        """Cancel an event; return whether it was waiting or running (None: not found).

        A running event's processor reports its own (cancelled) completion; a waiting one
        never started, so the caller reports it.
        """

    @abstractmethod
    async def pending(self, session_hash: str | None = None) -> int:
        """How many events wait or run (for one session, or in all)."""

    @abstractmethod
    async def owned(self) -> dict[str, set[str]]:
        """The events this server must end if it stops now, by session.

        In-process: every waiting or running event. Shared: the events this process runs
        (waiting ones stay queued for the other processes).
        """

    async def pause(self) -> None:  # noqa: B027 - optional hook
        """Start no more events that another process could run instead (for a shutdown).

        The in-process queue has no one else to leave them to: it keeps starting them.
        """

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release connections to shared stores (after :meth:`stop`)."""


class MessageStreams(ABC):
    """Every session's messages, from the moment an event joins until its stream reads them.

    A session's events are multiplexed on one server-sent-event stream; the queue's events
    deliver their messages here (:meth:`send`) and the queue route reads them (:meth:`stream`).

    The delivery guarantee: every message of a registered event reaches a stream of its
    session, in order, and the stream is closed only by a handshake the client takes part in
    (``close_stream``, then the client disconnects; a join meanwhile is answered after it, see
    :meth:`settle`), so a client never attaches a new event to a stream that is ending.
    """

    @abstractmethod
    def register(self, session_hash: str, event_id: str) -> None:
        """An event joined: its messages go to this session's stream until it completes."""

    @abstractmethod
    def forget(self, session_hash: str, event_id: str) -> None:
        """A registered event was refused before it was queued: it sends no message.

        Its client learnt of the refusal from the join's answer (it never got the event's
        id), so nothing about it is streamed; the session's stream ends as if it never joined.
        """

    @abstractmethod
    def send(self, session_hash: str, message: BaseModel) -> None:
        """Queue ``message`` for the session's stream (and any watcher of its event).

        An event ends once: a message of an event that has completed (or was never
        registered) is dropped.
        """

    @abstractmethod
    async def pending(self, session_hash: str) -> set[str]:
        """Event ids of the session that have not completed."""

    @abstractmethod
    async def pending_events(self) -> dict[str, set[str]]:
        """Every session's events that have not completed, by session."""

    @abstractmethod
    async def undelivered(self) -> int:
        """How many messages wait for a stream to read them."""

    @abstractmethod
    async def sweep(self, max_idle: float) -> int:
        """Forget sessions no stream has read for ``max_idle`` seconds, with nothing pending.

        Their clients went away; returns how many sessions were forgotten.
        """

    @abstractmethod
    async def known(self, session_hash: str) -> bool:
        """Whether any event was ever joined for this session (recently drained included)."""

    @abstractmethod
    def watch(self, event_id: str, *, keep: bool = False) -> Watch:
        """Every message of ``event_id`` (until it completes), also for this caller.

        With ``keep`` the watch can be taken later, once, by :meth:`take_watch` (the two-step
        ``/call`` API reads its result in a second request, maybe in another process).
        """

    @abstractmethod
    async def take_watch(self, event_id: str) -> Watch | None:
        """The kept watch of ``event_id``, at most once; None when there is none."""

    @abstractmethod
    async def untaken_watches(self) -> int:
        """How many kept watches were not taken (results nobody asked for yet)."""

    @abstractmethod
    def stream(
        self,
        session_hash: str,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None = None,
    ) -> AsyncIterator[bytes]:
        """SSE frames for the session until it has nothing pending (heartbeats while idle).

        The last frame is ``close_stream`` (:data:`CLOSE_FRAME`); the iterator then waits for
        the consumer to stop (the client's disconnect), bounded, before it ends. A consumer
        that stops after that frame ended normally. One that stops before it went away: the
        pending events this stream delivered messages of are passed to ``on_abandon`` (the
        server cancels them); events it delivered nothing of stay buffered for a new stream.
        """

    @abstractmethod
    async def settle(self, session_hash: str) -> None:
        """Return once no stream of the session is closing (bounded).

        The join route awaits it before answering, so the client has read ``close_stream``
        and opens a new stream for the event that just joined.
        """

    @abstractmethod
    def shutdown(self) -> None:
        """Tell every open stream the server is stopping (they end after this message)."""

    async def deliver_before_exit(self, timeout: float) -> None:
        """Give the messages this process holds up to ``timeout`` seconds to leave it.

        In-process: until open streams have read every buffered message. Shared: until the
        process's writes have reached the store (any process can stream them then).
        """
        deadline = time.monotonic() + timeout
        while await self.undelivered() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def flush(self) -> None:  # noqa: B027 - optional hook
        """Return once every message sent so far is where any process can read it."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook
        """Release connections to shared stores."""


class SharedStates(ABC):
    """Session values (``State``, properties set by updates) every server process reads.

    Stored as opaque bytes by name (the session store encodes them); absent in the
    in-process backend, where the session store alone holds them.
    """

    @abstractmethod
    async def load(self, session_hash: str) -> dict[str, bytes]:
        """Every stored value of the session, by name."""

    @abstractmethod
    async def save(self, session_hash: str, changed: dict[str, bytes], removed: list[str]) -> None:
        """Store ``changed`` and delete ``removed`` for the session."""

    @abstractmethod
    async def drop(self, session_hash: str) -> None:
        """Delete every value of the session."""


@dataclass
class QueueBackend:
    """Where a server's events wait and how their messages reach their sessions."""

    queue: Queue
    streams: MessageStreams
    #: session values shared between processes (None: each process keeps its own)
    states: SharedStates | None = None

    async def aclose(self) -> None:
        """Release the backend's connections (after the queue has stopped)."""
        await self.streams.aclose()
        await self.queue.aclose()


@dataclass
class DurationStats:
    """Running averages of process time per dependency, for ETAs."""

    averages: dict[int, float] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)

    def record(self, fn_index: int, seconds: float) -> float:
        """Add one observation; return the new average."""
        count = self.counts.get(fn_index, 0) + 1
        previous = self.averages.get(fn_index, seconds)
        average = previous + (seconds - previous) / count
        self.counts[fn_index] = count
        self.averages[fn_index] = average
        return average

    def average(self, fn_index: int) -> float | None:
        """The average process time, None before the first run."""
        return self.averages.get(fn_index)


def make_task_group_safe(coro: Awaitable[None]) -> asyncio.Task[None]:
    """Schedule ``coro`` on the running loop, keeping a reference so it is not collected."""
    task = asyncio.ensure_future(coro)
    _background.add(task)
    task.add_done_callback(_background.discard)
    return task


_background: set[asyncio.Task[None]] = set()
