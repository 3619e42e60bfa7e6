"""In-process message streams: every event of a session is multiplexed on one SSE stream."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from specblocks.server._messages import (
    CloseStream,
    Heartbeat,
    ProcessCompleted,
    UnexpectedError,
    encode,
)
from specblocks.server.queue._base import MessageStreams

#: How many drained sessions :class:`SessionStreams` remembers.
_DRAINED_KEPT = 10_000


@dataclass
class _Session:
    messages: asyncio.Queue[BaseModel] = field(default_factory=asyncio.Queue)
    pending: set[str] = field(default_factory=set)
    listeners: int = 0


class SessionStreams(MessageStreams):
    """Buffers each session's messages from the moment an event joins until they are read.

    Args:
        heartbeat: Seconds of silence after which a heartbeat message is sent.
    """

    def __init__(self, heartbeat: float = 15.0) -> None:
        self.heartbeat = heartbeat
        self._sessions: dict[str, _Session] = {}
        self._watchers: dict[str, asyncio.Queue[BaseModel]] = {}
        #: sessions whose stream ended with nothing pending, most recent last (bounded): a
        #: client that reopens its stream late (a join answered after ``close_stream``) gets
        #: ``close_stream`` again, not ``session_not_found``, which would leave the JS client
        #: believing its stream is still open and never reopening it for later events.
        self._drained: OrderedDict[str, None] = OrderedDict()

    def watch(self, event_id: str) -> asyncio.Queue[BaseModel]:
        """A queue that also receives every message of ``event_id`` (until it completes)."""
        return self._watchers.setdefault(event_id, asyncio.Queue())

    def shutdown(self) -> None:
        """Tell every open stream the server is stopping (they end after this message)."""
        for session in self._sessions.values():
            session.messages.put_nowait(UnexpectedError(message="Server stopped unexpectedly."))

    def known(self, session_hash: str) -> bool:
        """Whether any event was ever joined for this session (recently drained included)."""
        return session_hash in self._sessions or session_hash in self._drained

    def pending(self, session_hash: str) -> set[str]:
        """Event ids of the session that have not completed."""
        session = self._sessions.get(session_hash)
        return set(session.pending) if session else set()

    def register(self, session_hash: str, event_id: str) -> None:
        """An event joined: its messages go to this session's stream."""
        self._sessions.setdefault(session_hash, _Session()).pending.add(event_id)

    def send(self, session_hash: str, message: BaseModel) -> None:
        """Queue ``message`` for the session's stream (and any watcher of its event)."""
        event_id = getattr(message, "event_id", None)
        if event_id is not None and event_id in self._watchers:
            self._watchers[event_id].put_nowait(message)
            if isinstance(message, ProcessCompleted):
                del self._watchers[event_id]
        session = self._sessions.get(session_hash)
        if session is None:
            return
        session.messages.put_nowait(message)
        if isinstance(message, ProcessCompleted):
            session.pending.discard(message.event_id)

    async def stream(self, session_hash: str) -> AsyncIterator[bytes]:
        """SSE frames for the session until it has nothing pending (heartbeats while idle).

        Whether the stream is done is decided when messages are read, not when they are
        sent, so an event that joins while earlier ones finish keeps the stream open.
        """
        session = self._sessions.setdefault(session_hash, _Session())
        session.listeners += 1
        messages = session.messages
        try:
            while True:
                if not session.pending and messages.empty():
                    yield encode(CloseStream())
                    return
                if messages.empty():
                    try:
                        async with asyncio.timeout(self.heartbeat):  # no task, unlike wait_for
                            message = await messages.get()
                    except TimeoutError:
                        yield encode(Heartbeat())
                        continue
                else:
                    message = messages.get_nowait()
                # one write for every message already waiting: each yielded chunk costs a
                # trip through the ASGI stack
                frames = [encode(message)]
                while not messages.empty():
                    message = messages.get_nowait()
                    frames.append(encode(message))
                if isinstance(message, UnexpectedError):
                    yield b"".join(frames)
                    return
                if not session.pending and messages.empty():
                    frames.append(encode(CloseStream()))
                    yield b"".join(frames)
                    return
                yield b"".join(frames)
        finally:
            session.listeners -= 1
            if not session.pending and session.messages.empty() and not session.listeners:
                self._sessions.pop(session_hash, None)
                self._drained[session_hash] = None
                self._drained.move_to_end(session_hash)
                while len(self._drained) > _DRAINED_KEPT:
                    self._drained.popitem(last=False)
