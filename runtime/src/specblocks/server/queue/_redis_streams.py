"""Session streams in Redis: any process may send an event's messages, any may stream them.

Per session (``{prefix}`` omitted):

- ``m:<session>``: a Redis stream of its undelivered messages (``f``: the SSE frame, ``e``:
  the event id, ``k``: ``c`` completion, ``u`` unexpected error, ``r`` rank (dropped once
  the event runs), ``x`` other, ``w`` only a wake-up for a reader). A stream that reads
  entries deletes them.
- ``p:<session>``: the ids of its events that have not completed. A message of an event not
  in it is dropped (an event ends once), checked where it is added, in one script.
- ``k:<session>``: the session is known (a day after its last join).
- ``c:<session>``: a stream of the session is closing (the handshake of :class:`SessionStreams`).
- ``listeners`` (hash) and ``seen`` (sorted set): open streams per session and when one last
  ended or an event last joined, for :meth:`RedisStreams.sweep`.
- ``wt:<event>``/``w:<event>``: a watched event and the copy of its messages for the watcher.

The interface's ``register``, ``forget``, ``send`` and ``watch`` are synchronous (the runner
sends from plain code): they queue their commands, which one writer task sends in order, a
batch per round trip; every read flushes first (:meth:`RedisStreams.flush`), so a process
reads what it wrote.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter

from specblocks.server._messages import (
    ErrorOutput,
    Estimation,
    Heartbeat,
    ProcessCompleted,
    ServerMessage,
    UnexpectedError,
    encode,
)
from specblocks.server.queue._base import (
    CLOSE_FRAME,
    BackendUnavailable,
    MessageStreams,
    Watch,
    make_task_group_safe,
)
from specblocks.server.queue._redis_link import UNREACHABLE, NoScriptError, RedisError, RedisLink
from specblocks.server.queue._redis_scripts import BATCH, BATCH_SHA, OPERATIONS, ScriptError

log = logging.getLogger("specblocks")

#: Seconds a session stays known after its last join.
KNOWN_FOR = 86_400
#: Seconds a watch and its messages are kept.
WATCH_FOR = 3_600
#: Most undelivered messages kept per session (the oldest go first).
MAX_BUFFERED = 10_000
#: How many sessions' "no stream was closing at the join" :class:`RedisStreams` remembers.
_HINTS_KEPT = 10_000
#: Most operations in one batch.
_BATCHED = 2_000
#: Most arguments of one delivery script (five per message).
_MERGED = 5 * 200
#: Milliseconds a reader blocks for new messages before it looks around (shutdown, heartbeat).
SLICE_MS = 250

_MESSAGE: TypeAdapter[Any] = TypeAdapter(ServerMessage)


def decode(frame: bytes, status: bytes | None = None) -> BaseModel:
    """The message an SSE frame (``data: <json>``) holds; ``status`` is an error's HTTP status."""
    message: BaseModel = _MESSAGE.validate_json(frame[len(b"data: ") :].strip())
    if status and isinstance(message, ProcessCompleted) and isinstance(message.output, ErrorOutput):
        message.output.status = int(status)
    return message


class RedisWatch:
    """The copy of one event's messages kept in Redis for whoever waits for its result."""

    def __init__(self, link: RedisLink, event_id: str, flush: Callable[[], Awaitable[None]]):
        self._link = link
        self._key = link.key("w", event_id)
        self._marker = link.key("wt", event_id)
        self._flush = flush
        self._last = "0-0"
        self._buffered: list[BaseModel] = []

    async def next(self, timeout: float) -> BaseModel | None:
        """The event's next message; None when none came within ``timeout`` seconds."""
        await self._flush()
        deadline = time.monotonic() + timeout
        while not self._buffered:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            async with self._link.reachable():
                block = max(1, min(int(left * 1000), 1000))
                found: Any = await self._link.client.xread({self._key: self._last}, block=block)
            for _, rows in found:
                for entry_id, fields in rows:
                    self._last = entry_id.decode()
                    self._buffered.append(decode(fields[b"f"], fields.get(b"s")))
        message = self._buffered.pop(0)
        if isinstance(message, ProcessCompleted):
            with contextlib.suppress(RedisError, *UNREACHABLE):
                await self._link.client.delete(self._key, self._marker)
        return message


class RedisStreams(MessageStreams):
    """Every session's messages in Redis, streamed by whichever process the client reaches.

    Args:
        link: The Redis connection and key prefix.
        heartbeat: Seconds of silence after which a heartbeat is sent.
        close_grace: Seconds a drained stream waits for a new join before it closes.
        close_timeout: Most seconds a closing stream waits for its client to disconnect.
    """

    def __init__(
        self,
        link: RedisLink,
        heartbeat: float = 15.0,
        close_grace: float = 0.0,
        close_timeout: float = 10.0,
    ) -> None:
        self.link = link
        self.heartbeat = heartbeat
        self.close_grace = close_grace
        self.close_timeout = close_timeout
        self._ops: list[_Op] = []
        self._busy = False
        self._wake: asyncio.Event | None = None
        self._writer: asyncio.Task[None] | None = None
        self._stopped = False
        #: why the last write failed, while Redis cannot be reached (None when it can)
        self._down: BaseException | None = None
        #: sessions whose last join saw no closing stream (see :meth:`joined`)
        self._not_closing: OrderedDict[str, None] = OrderedDict()

    # -- commands, in order -------------------------------------------------------------------
    def submit(
        self, operation: str, *args: Any, then: Callable[[], None] | None = None
    ) -> asyncio.Future[Any] | None:
        """Queue ``operation`` (of :mod:`._redis_scripts`) after every earlier one.

        Without ``then`` it returns a future of the operation's result, which fails with
        BackendUnavailable if Redis cannot be reached (the operation is then not run later).
        With ``then`` it is retried until Redis answers, and ``then()`` runs after it.
        """
        assert operation in OPERATIONS, operation
        future = None if then is not None else asyncio.get_running_loop().create_future()
        self._ops.append(_Op(operation, list(args), future, then))
        if self._writer is None or self._writer.done():
            self._wake = asyncio.Event()
            self._writer = make_task_group_safe(self._write_forever())
        assert self._wake is not None
        self._wake.set()
        return future

    async def call(self, operation: str, *args: Any) -> Any:
        """Run ``operation`` after every one queued before; its result.

        Raises:
            BackendUnavailable: Redis cannot be reached.
        """
        if self._down is not None and self._ops:
            raise self.link.unavailable(self._down)
        future = self.submit(operation, *args)
        assert future is not None
        return await future

    def _queue(self, operation: str, *args: Any) -> None:
        """Queue one of the interface's writes (retried until Redis answers)."""
        self.submit(operation, *args, then=_nothing)

    async def _write_forever(self) -> None:
        assert self._wake is not None
        wake = self._wake
        delay = 0.05
        while True:
            await wake.wait()
            wake.clear()
            while self._ops:
                ops, self._ops = self._ops[:_BATCHED], self._ops[_BATCHED:]
                self._busy = True
                try:
                    await self._execute(ops)
                    delay = 0.05
                    self._down = None
                except UNREACHABLE as exc:
                    # the writes keep their order and are retried until Redis is back; the
                    # callers waiting for a result answer 503 meanwhile
                    self._down = exc
                    unavailable = self.link.unavailable(exc)
                    kept = []
                    for op in ops:
                        if op.future is None:
                            kept.append(op)
                        elif not op.future.done():
                            op.future.set_exception(unavailable)
                    self._ops = kept + self._ops
                    self.link.warn("writes wait for Redis, retried until it answers", exc)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 2.0)
                except RedisError as exc:  # not a connection problem: these ops cannot run
                    log.error("a batch of Redis operations failed: %s", exc)
                    for op in ops:
                        if op.future is not None and not op.future.done():
                            op.future.set_exception(exc)
                finally:
                    self._busy = False

    async def _execute(self, ops: list[_Op]) -> None:
        """One ``EVALSHA`` of the batch script for ``ops``; each op gets its result."""
        argv: list[Any] = [self.link.prefix]
        for op in ops:
            argv += [op.operation, len(op.args), *op.args]
        client = self.link.client
        try:
            results = await client.evalsha(BATCH_SHA, 0, *argv)
        except NoScriptError:  # a new or restarted Redis: nothing ran, load it and run again
            await client.script_load(BATCH)
            results = await client.evalsha(BATCH_SHA, 0, *argv)
        for op, result in zip(ops, results, strict=True):
            failed = isinstance(result, list) and result[:1] == [b"!error"]
            if failed:
                error = ScriptError(f"{op.operation}: {result[1].decode(errors='replace')}")
                log.error("a Redis operation failed: %s", error)
            if op.future is not None and not op.future.done():
                if failed:
                    op.future.set_exception(error)
                else:
                    op.future.set_result(result)
            if op.then is not None:
                op.then()

    async def flush(self) -> None:
        """Return once every command queued so far has reached Redis.

        Raises:
            BackendUnavailable: Redis cannot be reached (the writes stay queued, in order,
                and are sent once it can).
        """
        if not self._ops and not self._busy:
            return
        await self.call("nothing")

    async def deliver_before_exit(self, timeout: float) -> None:
        """Send this process's queued writes (at most ``timeout`` s, Redis may be away)."""
        with contextlib.suppress(TimeoutError, BackendUnavailable):
            async with asyncio.timeout(timeout):
                while self._ops or self._busy:
                    try:
                        await self.flush()
                    except BackendUnavailable:
                        await asyncio.sleep(0.25)

    async def aclose(self) -> None:
        """Flush, stop the writer and close the connection."""
        if self._writer is not None:
            with contextlib.suppress(TimeoutError, BackendUnavailable):
                async with asyncio.timeout(5):
                    await self.flush()
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
            self._writer = None
        await self.link.aclose()

    # -- the interface --------------------------------------------------------------------
    def register(self, session_hash: str, event_id: str) -> None:
        """An event joined: its messages go to this session's stream."""
        self._queue("register", session_hash, event_id, KNOWN_FOR, time.time())

    def forget(self, session_hash: str, event_id: str) -> None:
        """A registered event was refused before it was queued: it sends no message."""
        self._queue("forget", session_hash, event_id)

    def send(self, session_hash: str, message: BaseModel) -> None:
        """Add ``message`` to the session's stream (and its event's watch)."""
        event_id = getattr(message, "event_id", None) or ""
        try:
            frame = encode(message)
        except Exception as exc:  # any encoding failure ends only this event
            if not event_id:
                raise
            message = ProcessCompleted(
                event_id=event_id,
                output=ErrorOutput(error=f"The output could not be sent to the client: {exc}"),
                success=False,
                title="Error",
            )
            frame = encode(message)
        kind = "x"
        status = ""
        if isinstance(message, ProcessCompleted):
            kind = "c"
            if isinstance(message.output, ErrorOutput):
                status = str(message.output.status)
        elif isinstance(message, UnexpectedError):
            kind = "u"
        elif isinstance(message, Estimation):
            kind = "r"  # dropped once the event runs (ranks are sent by any process)
        last = self._ops[-1] if self._ops else None
        if last is not None and last.operation == "deliver" and len(last.args) < _MERGED:
            last.args += [session_hash, event_id, kind, frame, status]  # one script, many sends
        else:
            self._queue(
                "deliver", MAX_BUFFERED, WATCH_FOR, session_hash, event_id, kind, frame, status
            )

    def joined(self, session_hash: str, *, closing: bool) -> None:
        """The queue added an event of the session and saw whether a stream of it was closing.

        The check is atomic with the join (a stream decides to close only when its session has
        nothing pending), so :meth:`settle` need not ask Redis again when none was.
        """
        self._not_closing.pop(session_hash, None)
        if not closing:
            self._not_closing[session_hash] = None
            if len(self._not_closing) > _HINTS_KEPT:  # joins never settled (two-step calls)
                self._not_closing.popitem(last=False)

    def watch(self, event_id: str, *, keep: bool = False) -> Watch:
        """Every message of ``event_id`` (until it completes), also for this caller."""
        self._queue("watch", event_id, WATCH_FOR, "1" if keep else "0")
        return RedisWatch(self.link, event_id, self.flush)

    async def take_watch(self, event_id: str) -> Watch | None:
        """The kept watch of ``event_id``, at most once (from any process)."""
        taken = await self.call("take_watch", event_id)
        return RedisWatch(self.link, event_id, self.flush) if taken else None

    async def untaken_watches(self) -> int:
        """How many kept watches were not taken."""
        return int(await self.call("kept"))

    async def known(self, session_hash: str) -> bool:
        """Whether an event joined this session in the last day."""
        return bool(await self.call("known", session_hash))

    async def pending(self, session_hash: str) -> set[str]:
        """Event ids of the session that have not completed."""
        members = await self.call("pending", session_hash)
        return {m.decode() for m in members}

    async def pending_events(self) -> dict[str, set[str]]:
        """Every session's events that have not completed, by session (all processes)."""
        await self.flush()
        found: dict[str, set[str]] = {}
        start = len(self.link.key("p", ""))
        async with self.link.reachable():
            client = self.link.client
            key: Any
            async for key in client.scan_iter(match=self.link.key("p", "*"), count=500):
                members: Any = await client.smembers(key)
                if members:
                    found[key.decode()[start:]] = {m.decode() for m in members}
        return found

    async def undelivered(self) -> int:
        """How many messages wait for a stream to read them (all sessions)."""
        await self.flush()
        total = 0
        async with self.link.reachable():
            client = self.link.client
            async for key in client.scan_iter(match=self.link.key("m", "*"), count=500):
                total += int(await client.xlen(key))
        return total

    async def sweep(self, max_idle: float) -> int:
        """Drop the messages of sessions no stream has read for ``max_idle`` seconds."""
        gone = await self.call("sweep", time.time() - max_idle)
        return int(gone)

    def shutdown(self) -> None:
        """End the streams open in this process (other processes keep theirs)."""
        self._stopped = True

    async def settle(self, session_hash: str) -> None:
        """Return once no stream of the session is closing (at most ``close_timeout`` s)."""
        if session_hash in self._not_closing:
            # the queue saw no closing stream as the event joined, atomically with the join
            del self._not_closing[session_hash]
            return
        deadline = time.monotonic() + self.close_timeout
        while await self.call("closing", session_hash) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    # -- reading a session's stream ----------------------------------------------------------
    async def stream(
        self,
        session_hash: str,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None = None,
    ) -> AsyncIterator[bytes]:
        """SSE frames for the session until it has nothing pending (heartbeats while idle)."""
        link = self.link
        messages = link.key("m", session_hash)
        delivered: set[str] = set()
        read_ids: list[str] = []  # entries read and not yet deleted
        closed = False
        last_id = "0-0"  # entries up to it were read
        self._queue("listen", session_hash, 1)
        try:
            quiet_since = time.monotonic()
            grace_until: float | None = None
            rows: list[tuple[str, dict[bytes, bytes]]] = []
            while True:
                if self._stopped:
                    closed = True
                    yield encode(UnexpectedError(message="Server stopped unexpectedly."))
                    return
                if not rows:
                    # what is buffered, and whether the session is done (all in one script)
                    graced = grace_until is not None and time.monotonic() >= grace_until
                    closes = graced or self.close_grace <= 0
                    close = str(int(self.close_timeout * 1000) + 1) if closes else "0"
                    try:
                        answer = await self.call("read", session_hash, 500, close, *read_ids)
                    except BackendUnavailable:
                        # Redis is away: the stream stays open (heartbeats) until it is back;
                        # the messages of the session's events wait in order meanwhile
                        await asyncio.sleep(SLICE_MS / 1000)
                        if time.monotonic() - quiet_since >= self.heartbeat:
                            yield encode(Heartbeat())
                            quiet_since = time.monotonic()
                        continue
                    read_ids = []
                    state = answer[0]
                    if state == b"closing":
                        closed = True
                        break
                    if state == b"rows":
                        rows = _pairs(answer[1])
                    else:
                        if state == b"drained" and grace_until is None:
                            grace_until = time.monotonic() + self.close_grace
                        elif state == b"pending":
                            grace_until = None
                        rows = await self._wait_for_rows(messages, last_id)
                        if not rows and time.monotonic() - quiet_since >= self.heartbeat:
                            yield encode(Heartbeat())
                            quiet_since = time.monotonic()
                        continue
                frames = []
                ended = completed = False
                for entry_id, fields in rows:
                    read_ids.append(entry_id)
                    last_id = entry_id
                    kind = fields.get(b"k")
                    if kind == b"w":
                        continue
                    frames.append(fields[b"f"])
                    event_id = fields.get(b"e", b"").decode()
                    if kind == b"c":
                        delivered.discard(event_id)
                        completed = True
                    elif event_id:
                        delivered.add(event_id)
                    ended = ended or kind == b"u"
                rows = []
                if frames:
                    yield b"".join(frames)
                    quiet_since = time.monotonic()
                if ended:
                    closed = True
                    return
                grace_until = None
                if not completed:
                    # nothing left the pending set: wait for the next messages directly
                    rows = await self._wait_for_rows(messages, last_id)
            yield CLOSE_FRAME
            # the client disconnects when it reads close_stream; this generator is closed then
            # (or the wait runs out, or the server stops)
            deadline = time.monotonic() + self.close_timeout
            while time.monotonic() < deadline and not self._stopped:
                await asyncio.sleep(min(0.25, max(deadline - time.monotonic(), 0)))
        finally:
            # not awaited here: a cancelled request's finally cannot wait for anything
            make_task_group_safe(
                self._stream_ended(session_hash, read_ids, delivered, closed, on_abandon)
            )

    async def _wait_for_rows(
        self, messages: str, last_id: str
    ) -> list[tuple[str, dict[bytes, bytes]]]:
        """The entries added after ``last_id`` (waiting up to a slice for the first).

        Empty when none came, or while Redis cannot be reached (after a slice's wait).
        """
        try:
            async with self.link.reachable():
                found: Any = await self.link.client.xread(
                    {messages: last_id}, block=SLICE_MS, count=500
                )
        except BackendUnavailable:
            await asyncio.sleep(SLICE_MS / 1000)
            return []
        return [(entry_id.decode(), fields) for _, entries in found for entry_id, fields in entries]

    async def _stream_ended(
        self,
        session_hash: str,
        read_ids: list[str],
        delivered: set[str],
        closed: bool,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None,
    ) -> None:
        try:
            self._queue("ended", session_hash, time.time(), "1" if closed else "0", *read_ids)
            abandoned = delivered & await self.pending(session_hash) if not closed else set()
            if abandoned and on_abandon is not None:
                await on_abandon(abandoned)
        except Exception:  # the stream has ended either way: leave the rest to the sweeper
            log.exception("cleaning up after the stream of session %s", session_hash)


@dataclass
class _Op:
    """One operation for the writer: its result goes to ``future``, or ``then`` runs after it."""

    operation: str
    args: list[Any]
    future: asyncio.Future[Any] | None
    then: Callable[[], None] | None


def _nothing() -> None:
    """A write nobody waits for."""


def _pairs(rows: list[Any]) -> list[tuple[str, dict[bytes, bytes]]]:
    """XRANGE's rows as (entry id, fields) pairs."""
    out = []
    for entry_id, flat in rows:
        fields = dict(zip(flat[::2], flat[1::2], strict=True))
        out.append((entry_id.decode(), fields))
    return out
