"""In-process message streams: every event of a session is multiplexed on one SSE stream."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from specblocks.server._messages import (
    ErrorOutput,
    Heartbeat,
    ProcessCompleted,
    UnexpectedError,
    encode,
)
from specblocks.server.queue._base import CLOSE_FRAME, MessageStreams, Watch

#: How many drained sessions :class:`SessionStreams` remembers.
_DRAINED_KEPT = 10_000


@dataclass
class _Session:
    messages: asyncio.Queue[BaseModel] = field(default_factory=asyncio.Queue)
    pending: set[str] = field(default_factory=set)
    listeners: int = 0
    #: set by every join and message: wakes a drained stream during its grace period
    activity: asyncio.Event = field(default_factory=asyncio.Event)
    #: while a stream of the session has sent ``close_stream`` and waits for its client to go:
    #: set when it has gone (or the wait ran out)
    closing: asyncio.Event | None = None
    #: events ended early because a message of theirs could not be encoded: the rest is dropped
    failed: set[str] = field(default_factory=set)
    #: when the last stream of the session ended (or the session began): how long no client
    #: has read it
    idle_since: float = field(default_factory=time.monotonic)


class QueueWatch:
    """A :class:`~specblocks.server.queue.Watch` fed through an in-process queue."""

    def __init__(self) -> None:
        self.messages: asyncio.Queue[BaseModel] = asyncio.Queue()

    async def next(self, timeout: float) -> BaseModel | None:
        """The next message; None when none came within ``timeout`` seconds."""
        try:
            async with asyncio.timeout(timeout):
                return await self.messages.get()
        except TimeoutError:
            return None


class SessionStreams(MessageStreams):
    """Buffers each session's messages from the moment an event joins until they are read.

    Closing a drained stream is a handshake, so that no event joined around the close is lost:

    1. A stream with nothing pending and nothing buffered stays open for ``close_grace``
       seconds (none by default), restarted by any join or message: a client that keeps
       submitting keeps its stream. Off by default because the official Python client's
       ``reset_session()`` keeps reading the old session's stream and attaches the new
       session's events to it while it is open.
    2. Then it sends ``close_stream`` and the session is *closing*: the response stays open
       until the client disconnects (the official clients do on ``close_stream``), at most
       ``close_timeout`` seconds. That disconnect is a normal end, not a client that went away.
    3. A join that arrives while the session is closing is registered (its messages are
       buffered) but answered only after the close (:meth:`settle`), so the client has seen
       ``close_stream`` and opens a new stream, which receives the buffered messages.

    Args:
        heartbeat: Seconds of silence after which a heartbeat message is sent.
        close_grace: Seconds a drained stream waits for a new join before it closes.
        close_timeout: Most seconds a closing stream waits for its client to disconnect.
    """

    def __init__(
        self, heartbeat: float = 15.0, close_grace: float = 0.0, close_timeout: float = 10.0
    ) -> None:
        self.heartbeat = heartbeat
        self.close_grace = close_grace
        self.close_timeout = close_timeout
        self._sessions: dict[str, _Session] = {}
        self._watchers: dict[str, QueueWatch] = {}
        #: kept watches (``watch(keep=True)``) not yet taken
        self._kept: dict[str, QueueWatch] = {}
        self._stopped = asyncio.Event()
        #: sessions whose stream ended with nothing pending, most recent last (bounded): a
        #: client that reopens its stream late gets ``close_stream`` again, not
        #: ``session_not_found``, which would leave the JS client believing its stream is
        #: still open and never reopening it for later events.
        self._drained: OrderedDict[str, None] = OrderedDict()

    def watch(self, event_id: str, *, keep: bool = False) -> Watch:
        """Every message of ``event_id`` (until it completes), also for this caller."""
        watch = self._watchers.setdefault(event_id, QueueWatch())
        if keep:
            self._kept[event_id] = watch
        return watch

    async def take_watch(self, event_id: str) -> Watch | None:
        """The kept watch of ``event_id``, at most once."""
        return self._kept.pop(event_id, None)

    async def untaken_watches(self) -> int:
        """How many kept watches were not taken (results nobody asked for yet)."""
        return len(self._kept)

    def shutdown(self) -> None:
        """Tell every open stream the server is stopping (they end after this message)."""
        self._stopped.set()
        for session in self._sessions.values():
            session.messages.put_nowait(UnexpectedError(message="Server stopped unexpectedly."))
            session.activity.set()

    async def known(self, session_hash: str) -> bool:
        """Whether any event was ever joined for this session (recently drained included)."""
        return session_hash in self._sessions or session_hash in self._drained

    async def pending(self, session_hash: str) -> set[str]:
        """Event ids of the session that have not completed."""
        session = self._sessions.get(session_hash)
        return set(session.pending) if session else set()

    def register(self, session_hash: str, event_id: str) -> None:
        """An event joined: its messages go to this session's stream."""
        session = self._sessions.setdefault(session_hash, _Session())
        session.pending.add(event_id)
        session.activity.set()

    def forget(self, session_hash: str, event_id: str) -> None:
        """A registered event was refused before it was queued: it sends no message."""
        self._watchers.pop(event_id, None)
        self._kept.pop(event_id, None)
        session = self._sessions.get(session_hash)
        if session is None or event_id not in session.pending:
            return
        session.pending.discard(event_id)
        if not session.pending and session.listeners and session.messages.empty():
            # wake an open stream waiting for this event's messages: it can close now
            session.messages.put_nowait(Heartbeat())
        session.activity.set()

    async def pending_events(self) -> dict[str, set[str]]:
        """Every session's events that have not completed, by session."""
        return {h: set(s.pending) for h, s in self._sessions.items() if s.pending}

    async def undelivered(self) -> int:
        """How many messages wait for a stream to read them."""
        return sum(s.messages.qsize() for s in self._sessions.values())

    async def sweep(self, max_idle: float) -> int:
        """Forget sessions no stream has read for ``max_idle`` seconds, with nothing pending.

        Their buffered messages have no reader left; returns how many sessions were forgotten.
        """
        cutoff = time.monotonic() - max_idle
        gone = [
            h
            for h, s in self._sessions.items()
            if not s.listeners and not s.pending and s.idle_since < cutoff
        ]
        for session_hash in gone:
            self._forget_session(session_hash)
        return len(gone)

    def _forget_session(self, session_hash: str) -> None:
        self._sessions.pop(session_hash, None)
        self._drained[session_hash] = None
        self._drained.move_to_end(session_hash)
        while len(self._drained) > _DRAINED_KEPT:
            self._drained.popitem(last=False)

    def send(self, session_hash: str, message: BaseModel) -> None:
        """Queue ``message`` for the session's stream (and any watcher of its event).

        A message of an event that has completed, or was never registered, is dropped.
        """
        event_id = getattr(message, "event_id", None)
        session = self._sessions.get(session_hash)
        if event_id and (session is None or event_id not in session.pending):
            return
        if event_id is not None and event_id in self._watchers:
            self._watchers[event_id].messages.put_nowait(message)
            if isinstance(message, ProcessCompleted):
                del self._watchers[event_id]
        if session is None:
            return
        session.messages.put_nowait(message)
        session.activity.set()
        if isinstance(message, ProcessCompleted):
            session.pending.discard(message.event_id)

    async def settle(self, session_hash: str) -> None:
        """Return once no stream of the session is closing (at most ``close_timeout`` s)."""
        session = self._sessions.get(session_hash)
        closing = session.closing if session is not None else None
        if closing is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.close_timeout):
                    await closing.wait()

    async def stream(
        self,
        session_hash: str,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None = None,
    ) -> AsyncIterator[bytes]:
        """SSE frames for the session until it has nothing pending (heartbeats while idle).

        Whether the stream is done is decided when messages are read, not when they are
        sent, so an event that joins while earlier ones finish keeps the stream open.
        """
        session = self._sessions.setdefault(session_hash, _Session())
        session.listeners += 1
        messages = session.messages
        delivered: set[str] = set()
        closed = False
        try:
            while True:
                if messages.empty():
                    if not session.pending and not await self._joined_in_grace(session):
                        break
                    if messages.empty():
                        try:
                            async with asyncio.timeout(self.heartbeat):  # no task, unlike wait_for
                                message = await messages.get()
                        except TimeoutError:
                            yield encode(Heartbeat())
                            continue
                    else:
                        message = messages.get_nowait()
                else:
                    message = messages.get_nowait()
                # one write for every message already waiting: each yielded chunk costs a
                # trip through the ASGI stack
                batch = [message]
                while not messages.empty():
                    batch.append(messages.get_nowait())
                yield b"".join(self._frame(session, m) for m in batch)
                for sent in batch:
                    if isinstance(sent, ProcessCompleted):
                        delivered.discard(sent.event_id)
                    elif event_id := getattr(sent, "event_id", None):
                        delivered.add(event_id)
                if isinstance(batch[-1], UnexpectedError):
                    closed = True
                    return
            closed = True
            closing = session.closing = asyncio.Event()
            try:
                yield CLOSE_FRAME
                # the client disconnects when it reads close_stream; this task is cancelled
                # then (or the wait runs out, or the server stops)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.close_timeout):
                        await self._stopped.wait()
            finally:
                closing.set()
                if session.closing is closing:
                    session.closing = None
        finally:
            session.listeners -= 1
            session.idle_since = time.monotonic()
            abandoned = delivered & session.pending if not closed else set()
            if not session.pending and session.messages.empty() and not session.listeners:
                self._forget_session(session_hash)
            if abandoned and on_abandon is not None:
                await on_abandon(abandoned)

    async def _joined_in_grace(self, session: _Session) -> bool:
        """Wait up to ``close_grace`` s for a join or message; whether one came."""
        if self._stopped.is_set() or self.close_grace <= 0:
            return False
        session.activity.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.close_grace):
                await session.activity.wait()
        return bool(session.pending) or not session.messages.empty()

    def _frame(self, session: _Session, message: BaseModel) -> bytes:
        """The SSE frame of ``message``; a message that cannot be encoded fails its event only."""
        event_id = getattr(message, "event_id", None)
        if event_id in session.failed:
            if isinstance(message, ProcessCompleted):
                session.failed.discard(event_id)
            return b""
        try:
            return encode(message)
        except Exception as exc:  # any encoding failure ends only this event
            if not event_id:
                raise
            if not isinstance(message, ProcessCompleted):
                session.failed.add(event_id)
            failure = ProcessCompleted(
                event_id=event_id,
                output=ErrorOutput(error=f"The output could not be sent to the client: {exc}"),
                success=False,
                title="Error",
            )
            return encode(failure)
