"""The queue in Redis: every process sharing it accepts events, and any may run them.

Keys (``{prefix}`` omitted):

- ``q``: the ids of waiting events, oldest first (a list).
- ``e:<id>``: one waiting or running event: its function, concurrency group and limit, batch
  size, session and the event itself as JSON (a hash).
- ``run:<concurrency id>``: the batches of a limited group that run now, by first event id
  (a set): a group may start a batch while it holds fewer than its limit.
- ``own``: which process runs each running event (a hash); ``sp``: events per session.
- Channels ``wake`` (an event was added or finished: look for one to start) and ``cancel``
  (an event another process runs is cancelled).

Starting events is one script (:data:`_CLAIM`), so a limit holds across every process: the
oldest waiting event whose group has room starts, with the later waiting events of its function
when it batches. A process runs what it claimed; the events' messages go through the shared
:class:`~specblocks.server.queue._redis_streams.RedisStreams`, so they reach the session
whichever process streams it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Callable
from typing import Any, Literal

from specblocks.server._messages import ErrorOutput, Estimation, ProcessCompleted
from specblocks.server.queue._base import (
    BackendUnavailable,
    DurationStats,
    Event,
    Limits,
    Processor,
    Queue,
    QueueFull,
    make_task_group_safe,
)
from specblocks.server.queue._redis_link import UNREACHABLE, RedisError, RedisLink
from specblocks.server.queue._redis_states import RedisStates
from specblocks.server.queue._redis_streams import RedisStreams

#: How many waiting events one claim looks at (oldest first).
CLAIM_WINDOW = 1_000
#: Seconds between looks at the queue when no wake-up came (a lost one is never fatal).
POLL = 0.5
#: How many waiting events get their new rank when the queue moves.
RANKED = 100
#: The error of an event whose process went away while it ran.
PROCESS_GONE = (
    "The server process running this job stopped before it finished. Try again: another "
    "process will run it."
)


def event_json(event: Event) -> str:
    """``event`` as JSON another process can run it from (the request without its socket)."""
    request = event.request
    described = None
    if request is not None:
        described = {
            "headers": dict(request.headers),
            "query_params": dict(request.query_params),
            "client_host": request.client_host,
            "session_hash": request.session_hash,
            "username": request.username,
            "path_params": dict(request.path_params),
        }
    return json.dumps(
        {
            "fn_index": event.fn_index,
            "data": event.data,
            "session_hash": event.session_hash,
            "event_data": event.event_data,
            "trigger_id": event.trigger_id,
            "file_root": event.file_root,
            "event_id": event.event_id,
            "request": described,
        },
        default=str,
    )


def event_from_json(text: bytes | str) -> Event:
    """The event :func:`event_json` described."""
    from specblocks.core._request import Request

    fields: dict[str, Any] = json.loads(text)
    described = fields.pop("request")
    return Event(**fields, request=Request(**described) if described is not None else None)


class RedisQueue(Queue):
    """FIFO queue with concurrency limits shared by every process using the same Redis.

    Args:
        link: The Redis connection and key prefix.
        streams: Where the messages of events this process runs go (they carry the session).
        states: The sessions' values: read with each claim, for the events' runs.
        max_running: Most events this process runs at once (the others wait for a process
            with room: with several processes, unlimited groups spread over them).
        process_timeout: Seconds after which a process that stopped saying it runs (killed,
            or cut off from Redis) is taken as gone: its running events end with an error
            and their concurrency slots are freed.
        max_size: Most events that may wait at once, across all processes (None: unbounded).
        status_update_rate: "auto" sends the first waiting events their new rank whenever the
            queue moves; a number sends them every that many seconds instead.
    """

    def __init__(
        self,
        link: RedisLink,
        streams: RedisStreams,
        states: RedisStates | None = None,
        *,
        max_size: int | None = None,
        status_update_rate: float | Literal["auto"] = "auto",
        max_running: int = 128,
        process_timeout: float = 10.0,
    ) -> None:
        self.link = link
        self.max_running = max_running
        #: a process silent this long is gone: its running events end
        self.process_timeout = max(process_timeout, 1.0)
        self.streams = streams
        self.states = states
        self.max_size = max_size
        self.status_update_rate = status_update_rate
        self.stats = DurationStats()
        #: this process, as the ``own`` hash names it
        self.token = uuid.uuid4().hex
        self._pushed: dict[str, Event] = {}  # pushed here, not started: reused when claimed here
        self._running: dict[str, tuple[Event, asyncio.Task[None]]] = {}
        self._unfinished = 0  # batches done here whose slot is not freed yet
        self._processor: Processor | None = None
        self._limits: Callable[[int], Limits] | None = None
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self._paused = False
        self._ranked_at = 0.0

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self, processor: Processor, limits: Callable[[int], Limits]) -> None:
        """Begin claiming events (and listening for wake-ups and cancels)."""
        self._processor = processor
        self._limits = limits
        self._stopping = False
        self._wake = asyncio.Event()
        with contextlib.suppress(BackendUnavailable):  # else said by the keep-alive loop
            await self.streams.call("alive", self.token, self._alive_ms)
        self._tasks = [
            make_task_group_safe(self._dispatch_forever()),
            make_task_group_safe(self._listen_forever()),
            make_task_group_safe(self._keep_alive_forever()),
        ]
        if self.status_update_rate != "auto":
            self._tasks.append(make_task_group_safe(self._tick(float(self.status_update_rate))))

    async def stop(self) -> None:
        """Stop claiming; cancel what runs here (its events end as cancelled)."""
        self._stopping = True
        self._wake.set()
        # the loops stop on the flag (a cancel landing inside a Redis command can be lost)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(POLL * 4):
                await asyncio.gather(*self._tasks, return_exceptions=True)
        for task in self._tasks:
            task.cancel()
        for _, task in list(self._running.values()):
            task.cancel()
        deadline = time.monotonic() + 10
        while (self._running or self._unfinished) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)

    async def aclose(self) -> None:
        """Close the connection (after :meth:`stop`)."""
        await self.link.aclose()

    async def pause(self) -> None:
        """Claim no more events: the other processes run what waits."""
        self._paused = True

    # -- the interface --------------------------------------------------------------------
    async def push(self, event: Event) -> int:
        """Add ``event`` at the end; return its rank."""
        assert self._limits is not None, "push before start"
        limits = self._limits(event.fn_index)
        # after the event's registration (one ordered pipeline): no process runs it before
        rank, closing = await self.streams.call(
            "push",
            event.event_id,
            -1 if self.max_size is None else self.max_size,
            event.fn_index,
            limits.concurrency_id,
            -1 if limits.concurrency_limit is None else limits.concurrency_limit,
            limits.max_batch_size if limits.batch else 1,
            event.session_hash or "",
            event_json(event),
            self.token,
        )
        # a stream of the session was closing as the event joined (or not): settle() knows
        self.streams.joined(event.session_hash or "", closing=bool(closing))
        if rank < 0:
            raise QueueFull(f"Queue is full: it holds {self.max_size} waiting events.")
        self._pushed[event.event_id] = event
        event.send(self._estimation(event.fn_index, event.event_id, rank, rank + 1))
        self._wake.set()
        return int(rank)

    async def cancel(self, event_id: str) -> Literal["waiting", "running"] | None:
        """Cancel a waiting event, or a running one in whichever process runs it."""
        found = await self.streams.call("cancel", event_id)
        if found == b"waiting":
            event = self._pushed.pop(event_id, None)
            if event is not None:
                event.cancelled = True
            return "waiting"
        if not found:  # 0: neither waiting nor running
            return None
        if found.decode() == self.token:
            self._cancel_here(event_id)
        else:
            async with self.link.reachable():
                await self.link.client.publish(self.link.key("cancel"), event_id)
        return "running"

    def _cancel_here(self, event_id: str) -> None:
        running = self._running.get(event_id)
        if running is not None:
            event, task = running
            event.cancelled = True
            task.cancel()

    async def pending(self, session_hash: str | None = None) -> int:
        """Events waiting or running in any process (for one session, or in all)."""
        async with self.link.reachable():
            client = self.link.client
            if session_hash is not None:
                return int(await client.hget(self.link.key("sp"), session_hash) or 0)
            pipe = client.pipeline(transaction=False)
            pipe.llen(self.link.key("q"))
            pipe.hlen(self.link.key("own"))
            waiting, running = await pipe.execute()
        return int(waiting) + int(running)

    async def owned(self) -> dict[str, set[str]]:
        """The events this process runs, by session."""
        owned: dict[str, set[str]] = {}
        for event, _ in self._running.values():
            owned.setdefault(event.session_hash or "", set()).add(event.event_id)
        return owned

    # -- claiming and running -------------------------------------------------------------
    async def _dispatch_forever(self) -> None:
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(POLL):
                    await self._wake.wait()
            self._wake.clear()
            room = self.max_running - len(self._running)
            if self._stopping or self._paused or room <= 0:
                continue
            try:
                batches = await self.streams.call("claim", self.token, CLAIM_WINDOW, room)
            except Exception as exc:  # Redis unreachable: BackendUnavailable
                self.link.warn("could not look at the queue", exc)
                await asyncio.sleep(POLL)
                continue
            for batch in batches:
                self._launch(batch)
            if batches and self.status_update_rate == "auto":
                await self._send_ranks(throttle=0.1)

    def _launch(self, flat: list[Any]) -> None:
        assert self._processor is not None
        assert self._limits is not None
        events = []
        for raw_id, text, values in zip(flat[::3], flat[1::3], flat[2::3], strict=True):
            event = self._pushed.pop(raw_id.decode(), None)
            if event is None:
                event = event_from_json(text)
                session = event.session_hash or ""
                event.sink = lambda message, session=session: self.streams.send(session, message)
            if self.states is not None:  # read with the claim: no round trip before the run
                self.states.prefetched(event.session_hash or event.event_id, values)
            events.append(event)
        limits = self._limits(events[0].fn_index)
        task = make_task_group_safe(self._processor(events))
        for event in events:
            self._running[event.event_id] = (event, task)

        def done(finished: asyncio.Task[None]) -> None:
            for event in events:
                self._running.pop(event.event_id, None)
                if finished.cancelled():
                    event.end_cancelled()
            if self.states is not None:
                for event in events:
                    self.states.forget_prefetched(event.session_hash or event.event_id)
            self._unfinished += 1
            self._finish(limits.concurrency_id, [e.event_id for e in events])

        task.add_done_callback(done)

    def _finish(self, concurrency_id: str, ids: list[str]) -> None:
        """Free the batch's slot, after its completions (retried until Redis answers)."""
        self.streams.submit("finish", concurrency_id, self.token, *ids, then=self._finished)

    def _finished(self) -> None:
        self._unfinished -= 1
        self._wake.set()

    async def _keep_alive_forever(self) -> None:
        """Say this process runs; end the running events of processes that stopped saying so."""
        reaped_at = time.monotonic()
        while not self._stopping:
            try:
                await self.streams.call("alive", self.token, self._alive_ms)
                if time.monotonic() - reaped_at >= self.process_timeout / 3:
                    reaped_at = time.monotonic()
                    ended = await self.streams.call("reap")
                    for session, event_id in zip(ended[::2], ended[1::2], strict=True):
                        self.streams.send(
                            session.decode(),
                            ProcessCompleted(
                                event_id=event_id.decode(),
                                output=ErrorOutput(error=PROCESS_GONE, visible=True),
                                success=False,
                                title="Error",
                            ),
                        )
            except Exception as exc:  # Redis away (or a failed script): said again soon
                self.link.warn("could not say this process runs", exc)
            deadline = time.monotonic() + self.process_timeout / 5
            while not self._stopping and time.monotonic() < deadline:
                await asyncio.sleep(0.1)

    @property
    def _alive_ms(self) -> int:
        return max(int(self.process_timeout * 1000), 1)

    async def _listen_forever(self) -> None:
        """Wake-ups and cancels from the other processes."""
        wake, cancel = self.link.key("wake"), self.link.key("cancel")
        while not self._stopping:
            pubsub = self.link.client.pubsub()
            try:
                await pubsub.subscribe(wake, cancel)
                while not self._stopping:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL)
                    if message is None:
                        continue
                    if message["channel"].decode() == cancel:
                        self._cancel_here(message["data"].decode())
                    elif message["data"].decode() != self.token:  # not our own news
                        self._wake.set()
            except (RedisError, *UNREACHABLE) as exc:
                self.link.warn("lost the wake-up and cancel channels; listening again", exc)
                await asyncio.sleep(POLL)
            finally:
                with contextlib.suppress(RedisError, *UNREACHABLE):
                    await pubsub.aclose()

    # -- ranks ----------------------------------------------------------------------------
    def _estimation(self, fn_index: int, event_id: str, rank: int, size: int) -> Estimation:
        average = self.stats.average(fn_index)
        eta = None if average is None else average * (rank + 1)
        return Estimation(event_id=event_id, rank=rank, queue_size=size, rank_eta=eta)

    async def _send_ranks(self, throttle: float = 0.0) -> None:
        """Send the first :data:`RANKED` waiting events their rank."""
        now = time.monotonic()
        if now - self._ranked_at < throttle:
            return
        self._ranked_at = now
        try:
            client = self.link.client
            ids: Any = await client.lrange(self.link.key("q"), 0, RANKED - 1)
            if not ids:
                return
            pipe = client.pipeline(transaction=False)
            for raw_id in ids:
                pipe.hmget(self.link.key("e", raw_id.decode()), "session", "fn")
            pipe.llen(self.link.key("q"))
            *found, size = await pipe.execute()
        except (RedisError, *UNREACHABLE) as exc:
            self.link.warn("could not send ranks", exc)
            return
        for rank, (raw_id, (session, fn)) in enumerate(zip(ids, found, strict=True)):
            if session is None:
                continue
            event_id = raw_id.decode()
            estimation = self._estimation(int(fn), event_id, rank, int(size))
            pushed_here = self._pushed.get(event_id)
            if pushed_here is not None:
                pushed_here.send(estimation)
            else:
                self.streams.send(session.decode(), estimation)

    async def _tick(self, every: float) -> None:
        while not self._stopping:
            await asyncio.sleep(every)
            await self._send_ranks()
