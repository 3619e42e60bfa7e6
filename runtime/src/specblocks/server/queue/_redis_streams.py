"""Session streams in Redis: any process may send an event's messages, any may stream them.

Per session (``{prefix}`` omitted):

- ``m:<session>``: a Redis stream of its undelivered messages (``f``: the SSE frame, ``e``:
  the event id, ``k``: ``c`` completion, ``u`` unexpected error, ``x`` other, ``w`` only a
  wake-up for a reader). A stream that reads entries deletes them.
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
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter

from specblocks.server._messages import (
    ErrorOutput,
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
from specblocks.server.queue._redis_link import UNREACHABLE, RedisError, RedisLink

log = logging.getLogger("specblocks")

#: Seconds a session stays known after its last join.
KNOWN_FOR = 86_400
#: Seconds a watch and its messages are kept.
WATCH_FOR = 3_600
#: Most undelivered messages kept per session (the oldest go first).
MAX_BUFFERED = 10_000
#: Milliseconds a reader blocks for new messages before it looks around (shutdown, heartbeat).
SLICE_MS = 250

_DELIVER = """
local p, s, e, k = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if e ~= '' and redis.call('SISMEMBER', p..'p:'..s, e) == 0 then return 0 end
redis.call('XADD', p..'m:'..s, 'MAXLEN', '~', ARGV[7], '*', 'f', ARGV[5], 'e', e, 'k', k)
if e ~= '' then
  if redis.call('EXISTS', p..'wt:'..e) == 1 then
    redis.call('XADD', p..'w:'..e, '*', 'f', ARGV[5], 's', ARGV[6])
    redis.call('EXPIRE', p..'w:'..e, ARGV[8])
  end
  if k == 'c' then redis.call('SREM', p..'p:'..s, e) end
end
return 1
"""

_REGISTER = """
local p, s, e = ARGV[1], ARGV[2], ARGV[3]
redis.call('SADD', p..'p:'..s, e)
redis.call('SET', p..'k:'..s, '1', 'EX', ARGV[4])
redis.call('ZADD', p..'seen', ARGV[5], s)
return 1
"""

_FORGET = """
local p, s, e = ARGV[1], ARGV[2], ARGV[3]
redis.call('DEL', p..'wt:'..e, p..'w:'..e)
if redis.call('SREM', p..'p:'..s, e) == 1 then
  redis.call('XADD', p..'m:'..s, '*', 'k', 'w', 'e', '', 'f', '')
end
return 1
"""

# read what is buffered (after deleting what the caller delivered); when nothing is and
# nothing is pending: 'drained', and with ARGV[4] = '1' the session is marked closing
_READ = """
local p, s = ARGV[1], ARGV[2]
local m = p..'m:'..s
for i = 5, #ARGV do redis.call('XDEL', m, ARGV[i]) end
local rows = redis.call('XRANGE', m, '-', '+', 'COUNT', ARGV[3])
if #rows > 0 then return {'rows', rows} end
if redis.call('SCARD', p..'p:'..s) > 0 then return {'pending'} end
if ARGV[4] ~= '0' then
  redis.call('SET', p..'c:'..s, '1', 'PX', ARGV[4])
  return {'closing'}
end
return {'drained'}
"""

_SWEEP = """
local p, cutoff = ARGV[1], ARGV[2]
local gone = 0
for _, s in ipairs(redis.call('ZRANGEBYSCORE', p..'seen', '-inf', cutoff)) do
  local listeners = tonumber(redis.call('HGET', p..'listeners', s) or '0')
  if listeners <= 0 and redis.call('SCARD', p..'p:'..s) == 0 then
    redis.call('DEL', p..'m:'..s)
    redis.call('HDEL', p..'listeners', s)
    redis.call('ZREM', p..'seen', s)
    gone = gone + 1
  end
end
return gone
"""

_TAKE_WATCH = """
local p, e = ARGV[1], ARGV[2]
if redis.call('EXISTS', p..'wt:'..e) == 0 then return 0 end
if redis.call('HGET', p..'kept', e) ~= '1' then return 0 end
redis.call('HDEL', p..'kept', e)
return 1
"""

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
        self._ops: list[tuple[str, list[Any]]] = []
        self._flushed: list[asyncio.Future[None]] = []
        self._busy = False
        self._wake: asyncio.Event | None = None
        self._writer: asyncio.Task[None] | None = None
        self._stopped = False
        #: why the last write failed, while Redis cannot be reached (None when it can)
        self._down: BaseException | None = None

    # -- writes, in order -------------------------------------------------------------------
    def _queue(self, script: str, *args: Any) -> None:
        self._ops.append((script, [self.link.prefix, *args]))
        if self._writer is None or self._writer.done():
            self._wake = asyncio.Event()
            self._writer = make_task_group_safe(self._write_forever())
        assert self._wake is not None
        self._wake.set()

    async def _write_forever(self) -> None:
        assert self._wake is not None
        wake = self._wake
        delay = 0.05
        while True:
            await wake.wait()
            wake.clear()
            while self._ops or self._flushed:
                ops, self._ops = self._ops, []
                waiting, self._flushed = self._flushed, []
                self._busy = True
                try:
                    if ops:
                        await self._execute(ops)
                    delay = 0.05
                    self._down = None
                except UNREACHABLE as exc:
                    # keep the order: put the batch back and retry until Redis is back
                    self._ops = ops + self._ops
                    self._flushed = waiting + self._flushed
                    self._down = exc
                    for future in self._flushed:  # the waiting requests answer 503 meanwhile
                        if not future.done():
                            future.set_exception(self.link.unavailable(exc))
                    self._flushed = []
                    log.warning("Redis unreachable (%s); retrying in %.1f s", exc, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 2.0)
                    continue
                except RedisError:
                    log.exception("a Redis command of the session streams failed")
                finally:
                    self._busy = False
                for future in waiting:
                    if not future.done():
                        future.set_result(None)

    async def _execute(self, ops: list[tuple[str, list[Any]]]) -> None:
        pipe = self.link.client.pipeline(transaction=False)
        for name, args in ops:
            pipe.eval(_SCRIPTS[name], 0, *args)
        await pipe.execute()

    async def flush(self) -> None:
        """Return once every command queued so far has reached Redis.

        Raises:
            BackendUnavailable: Redis cannot be reached (the commands stay queued, in order,
                and are sent once it can).
        """
        if not self._ops and not self._busy:
            return
        if self._down is not None:
            raise self.link.unavailable(self._down)
        future = asyncio.get_running_loop().create_future()
        self._flushed.append(future)
        assert self._wake is not None
        self._wake.set()
        await future

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
        self._queue("deliver", session_hash, event_id, kind, frame, status, MAX_BUFFERED, WATCH_FOR)

    def watch(self, event_id: str, *, keep: bool = False) -> Watch:
        """Every message of ``event_id`` (until it completes), also for this caller."""
        self._queue("watch", event_id, WATCH_FOR, "1" if keep else "0")
        return RedisWatch(self.link, event_id, self.flush)

    async def take_watch(self, event_id: str) -> Watch | None:
        """The kept watch of ``event_id``, at most once (from any process)."""
        await self.flush()
        taken = await self.link.eval(_TAKE_WATCH, self.link.prefix, event_id)
        return RedisWatch(self.link, event_id, self.flush) if taken else None

    async def untaken_watches(self) -> int:
        """How many kept watches were not taken."""
        await self.flush()
        async with self.link.reachable():
            return int(await self.link.client.hlen(self.link.key("kept")))

    async def known(self, session_hash: str) -> bool:
        """Whether an event joined this session in the last day."""
        await self.flush()
        async with self.link.reachable():
            return bool(await self.link.client.exists(self.link.key("k", session_hash)))

    async def pending(self, session_hash: str) -> set[str]:
        """Event ids of the session that have not completed."""
        await self.flush()
        async with self.link.reachable():
            members: Any = await self.link.client.smembers(self.link.key("p", session_hash))
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
        await self.flush()
        gone = await self.link.eval(_SWEEP, self.link.prefix, time.time() - max_idle)
        return int(gone)

    def shutdown(self) -> None:
        """End the streams open in this process (other processes keep theirs)."""
        self._stopped = True

    async def settle(self, session_hash: str) -> None:
        """Return once no stream of the session is closing (at most ``close_timeout`` s)."""
        await self.flush()
        key = self.link.key("c", session_hash)
        deadline = time.monotonic() + self.close_timeout
        async with self.link.reachable():
            while await self.link.client.exists(key) and time.monotonic() < deadline:
                await asyncio.sleep(0.02)

    # -- reading a session's stream ----------------------------------------------------------
    async def stream(
        self,
        session_hash: str,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None = None,
    ) -> AsyncIterator[bytes]:
        """SSE frames for the session until it has nothing pending (heartbeats while idle)."""
        await self.flush()
        link = self.link
        messages = link.key("m", session_hash)
        delivered: set[str] = set()
        read_ids: list[str] = []
        closed = False
        last_id = "0-0"  # entries up to it were read (and are deleted)
        async with link.reachable():
            await link.client.hincrby(link.key("listeners"), session_hash, 1)
        try:
            quiet_since = time.monotonic()
            grace_until: float | None = None
            while True:
                if self._stopped:
                    closed = True
                    yield encode(UnexpectedError(message="Server stopped unexpectedly."))
                    return
                graced = grace_until is not None and time.monotonic() >= grace_until
                closes = graced or self.close_grace <= 0
                close = str(int(self.close_timeout * 1000) + 1) if closes else "0"
                answer = await link.eval(_READ, link.prefix, session_hash, 500, close, *read_ids)
                read_ids = []
                state = answer[0]
                if state == b"closing":
                    closed = True
                    break
                if state == b"rows":
                    frames = []
                    ended = False
                    for entry_id, fields in _pairs(answer[1]):
                        read_ids.append(entry_id)
                        last_id = entry_id
                        kind = fields.get(b"k")
                        if kind == b"w":
                            continue
                        frames.append(fields[b"f"])
                        event_id = fields.get(b"e", b"").decode()
                        if kind == b"c":
                            delivered.discard(event_id)
                        elif event_id:
                            delivered.add(event_id)
                        ended = ended or kind == b"u"
                    if frames:
                        yield b"".join(frames)
                        quiet_since = time.monotonic()
                    if ended:
                        closed = True
                        return
                    grace_until = None
                    continue
                if state == b"drained" and grace_until is None:
                    grace_until = time.monotonic() + self.close_grace
                elif state == b"pending":
                    grace_until = None
                # nothing to read: block until something is added (or the slice ends)
                async with link.reachable():
                    await link.client.xread({messages: last_id}, block=SLICE_MS, count=1)
                if time.monotonic() - quiet_since >= self.heartbeat:
                    yield encode(Heartbeat())
                    quiet_since = time.monotonic()
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

    async def _stream_ended(
        self,
        session_hash: str,
        read_ids: list[str],
        delivered: set[str],
        closed: bool,
        on_abandon: Callable[[set[str]], Awaitable[None]] | None,
    ) -> None:
        link = self.link
        try:
            async with link.reachable():
                pipe = link.client.pipeline(transaction=False)
                if read_ids:
                    pipe.xdel(link.key("m", session_hash), *read_ids)
                pipe.hincrby(link.key("listeners"), session_hash, -1)
                pipe.zadd(link.key("seen"), {session_hash: time.time()})
                if closed:
                    pipe.delete(link.key("c", session_hash))
                await pipe.execute()
            abandoned = delivered & await self.pending(session_hash) if not closed else set()
            if abandoned and on_abandon is not None:
                await on_abandon(abandoned)
        except Exception:  # the stream has ended either way: leave the rest to the sweeper
            log.exception("cleaning up after the stream of session %s", session_hash)


def _pairs(rows: list[Any]) -> list[tuple[str, dict[bytes, bytes]]]:
    """XRANGE's rows as (entry id, fields) pairs."""
    out = []
    for entry_id, flat in rows:
        fields = dict(zip(flat[::2], flat[1::2], strict=True))
        out.append((entry_id.decode(), fields))
    return out


_WATCH = """
local p, e = ARGV[1], ARGV[2]
redis.call('SET', p..'wt:'..e, '1', 'EX', ARGV[3])
if ARGV[4] == '1' then redis.call('HSET', p..'kept', e, '1') end
return 1
"""

_SCRIPTS = {
    "deliver": _DELIVER,
    "register": _REGISTER,
    "forget": _FORGET,
    "watch": _WATCH,
}
