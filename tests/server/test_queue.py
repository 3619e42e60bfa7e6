"""The queue interface, run against every backend: order, limits, batching, cancellation,
capacity, rank messages, and the session streams that carry each event's messages.

A new backend joins :data:`BACKENDS` and must pass the whole suite unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any, TypeVar

import pytest

from specblocks.server._messages import (
    CancelledOutput,
    Estimation,
    Output,
    ProcessCompleted,
    ProcessStarts,
)
from specblocks.server.queue import (
    Event,
    Limits,
    QueueBackend,
    QueueFull,
    local_backend,
    redis_backend,
)

T = TypeVar("T")
OPTIONS = {"close_grace": 0.5, "close_timeout": 5.0}
#: every test runs once per backend (the Redis one against a real redis-server)
BACKENDS = ["local", "redis"]


@pytest.fixture(params=BACKENDS)
def make_backend(request: pytest.FixtureRequest) -> Callable[..., QueueBackend]:
    """A factory of fresh backends (each on keys of its own); :func:`run` closes them."""
    made: list[QueueBackend] = []
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        factory = functools.partial(redis_backend, url)
    else:
        factory = functools.partial(local_backend)

    def make(**options: Any) -> QueueBackend:
        prefix = {"prefix": f"t{uuid.uuid4().hex[:8]}:"} if request.param == "redis" else {}
        backend = factory(**{**OPTIONS, **prefix, **options})
        made.append(backend)
        return backend

    make.made = made  # type: ignore[attr-defined]
    make.kind = request.param  # type: ignore[attr-defined]
    return make


@pytest.fixture
def run(make_backend: Any) -> Callable[[Coroutine[Any, Any, T]], T]:
    """``asyncio.run`` that closes the backends the scenario made before its loop ends."""

    def runner(scenario: Coroutine[Any, Any, T]) -> T:
        async def main() -> T:
            try:
                return await scenario
            finally:
                for backend in make_backend.made:
                    await backend.aclose()
                make_backend.made.clear()

        return asyncio.run(main())

    return runner


class Recorder:
    """A processor that records what ran, and when, and how many ran at once."""

    def __init__(self, seconds: float = 0.02) -> None:
        self.seconds = seconds
        self.batches: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def __call__(self, batch: list[Event]) -> None:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.batches.append([str(e.data[0]) for e in batch])
        try:
            await asyncio.sleep(self.seconds)
        finally:
            self.in_flight -= 1


def _event(fn_index: int, value: object, sent: list[object] | None = None) -> Event:
    event = Event(fn_index=fn_index, data=[value], session_hash="s")
    if sent is not None:
        event.sink = sent.append
    return event


async def _drain(backend: QueueBackend) -> None:
    for _ in range(500):
        if await backend.queue.pending() == 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the queue did not drain")


def _limits(limit: int | None, batch: bool = False, group: str = "g") -> Limits:
    return Limits(concurrency_id=group, concurrency_limit=limit, batch=batch, max_batch_size=3)


async def _run(
    backend: QueueBackend, recorder: Recorder, limits: Callable[[int], Limits], values: list[Any]
) -> None:
    await backend.queue.start(recorder, limits)
    for value in values:
        await backend.queue.push(_event(0, value))
    await _drain(backend)
    await backend.queue.stop()


# -- the queue ----------------------------------------------------------------------------


def test_events_run_in_order_within_the_concurrency_limit(make_backend: Any, run: Any) -> None:
    recorder = Recorder()
    run(_run(make_backend(), recorder, lambda _: _limits(2), list(range(6))))
    assert [b[0] for b in recorder.batches] == [str(i) for i in range(6)]
    assert recorder.max_in_flight == 2


def test_unlimited_groups_run_everything_at_once(make_backend: Any, run: Any) -> None:
    recorder = Recorder(0.05)
    run(_run(make_backend(), recorder, lambda _: _limits(None), list(range(5))))
    assert recorder.max_in_flight == 5


def test_limits_hold_per_concurrency_id(make_backend: Any, run: Any) -> None:
    """Two functions in one group share its limit; a function in another group does not wait."""
    shared = _limits(1, group="shared")
    groups = {0: shared, 1: shared, 2: _limits(1, group="x")}
    running: dict[str, int] = {"shared": 0, "x": 0}
    most: dict[str, int] = {"shared": 0, "x": 0}

    async def processor(batch: list[Event]) -> None:
        group = groups[batch[0].fn_index].concurrency_id
        running[group] += 1
        most[group] = max(most[group], running[group])
        await asyncio.sleep(0.03)
        running[group] -= 1

    async def scenario() -> None:
        backend = make_backend()
        await backend.queue.start(processor, groups.__getitem__)
        for i in range(6):
            await backend.queue.push(_event(i % 3, i))
        await _drain(backend)
        await backend.queue.stop()

    run(scenario())
    assert most == {"shared": 1, "x": 1}


def test_batching_groups_waiting_events_of_one_function(make_backend: Any, run: Any) -> None:
    recorder = Recorder()
    run(_run(make_backend(), recorder, lambda _: _limits(1, batch=True), list(range(7))))
    assert sum(len(b) for b in recorder.batches) == 7
    assert max(len(b) for b in recorder.batches) == 3


def test_a_full_queue_refuses_with_a_clear_message(make_backend: Any, run: Any) -> None:
    async def scenario() -> str:
        backend = make_backend(max_size=2)
        await backend.queue.start(Recorder(0.5), lambda _: _limits(1))
        await backend.queue.push(_event(0, "running"))
        await asyncio.sleep(0.05)  # the first event starts, leaving room for two waiting
        await backend.queue.push(_event(0, "a"))
        await backend.queue.push(_event(0, "b"))
        with pytest.raises(QueueFull) as caught:
            await backend.queue.push(_event(0, "c"))
        await backend.queue.stop()
        return str(caught.value)

    assert "Queue is full" in run(scenario())


def test_cancelling_a_waiting_event_removes_it(make_backend: Any, run: Any) -> None:
    async def scenario() -> Recorder:
        recorder = Recorder(0.05)
        backend = make_backend()
        await backend.queue.start(recorder, lambda _: _limits(1))
        await backend.queue.push(_event(0, "first"))
        second = _event(0, "second")
        await backend.queue.push(second)
        assert await backend.queue.cancel(second.event_id) == "waiting"
        assert second.cancelled
        await _drain(backend)
        await backend.queue.stop()
        return recorder

    assert run(scenario()).batches == [["first"]]


def test_cancelling_a_running_event_stops_it(make_backend: Any, run: Any) -> None:
    async def scenario() -> tuple[str | None, int]:
        recorder = Recorder(5)
        backend = make_backend()
        await backend.queue.start(recorder, lambda _: _limits(1))
        event = _event(0, "long")
        await backend.queue.push(event)
        await asyncio.sleep(0.05)
        found = await backend.queue.cancel(event.event_id)
        await _drain(backend)
        await backend.queue.stop()
        return found, recorder.in_flight

    assert run(scenario()) == ("running", 0)


def test_an_event_cancelled_as_it_starts_still_completes_once(make_backend: Any, run: Any) -> None:
    """A cancel that lands between the event's launch and its first step (the processor has
    not run yet, so it cannot report the cancel) still ends the event with one completion."""

    async def scenario() -> tuple[str | None, list[object]]:
        sent: list[object] = []

        async def processor(batch: list[Event]) -> None:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                for event in batch:
                    completion = ProcessCompleted(
                        event_id=event.event_id, output=CancelledOutput(), success=True
                    )
                    event.send(completion)
                raise

        backend = make_backend()
        await backend.queue.start(processor, lambda _: _limits(1))
        event = _event(0, "x", sent)
        await backend.queue.push(event)
        await asyncio.sleep(0)  # the queue launches the event; its task has not stepped yet
        found = await backend.queue.cancel(event.event_id)
        await _drain(backend)
        await backend.queue.stop()
        return found, [m for m in sent if isinstance(m, ProcessCompleted)]

    found, completions = run(scenario())
    if found == "waiting":
        # a shared queue may not have claimed it yet: then it never runs, and the caller
        # (not the queue) reports its cancel
        assert make_backend.kind != "local", "the in-process queue launches it at once"
        assert completions == []
        return
    assert found == "running"
    assert len(completions) == 1
    assert completions[0].output == CancelledOutput()


def test_cancelling_an_unknown_event_finds_nothing(make_backend: Any, run: Any) -> None:
    async def scenario() -> str | None:
        backend = make_backend()
        await backend.queue.start(Recorder(), lambda _: _limits(1))
        found = await backend.queue.cancel("no-such-event")
        await backend.queue.stop()
        return found

    assert run(scenario()) is None


def test_pending_counts_waiting_and_running_events_per_session(make_backend: Any, run: Any) -> None:
    async def scenario() -> tuple[int, int, int, int]:
        backend = make_backend()
        await backend.queue.start(Recorder(0.1), lambda _: _limits(1))
        for session in ("a", "a", "b"):
            await backend.queue.push(Event(fn_index=0, data=[session], session_hash=session))
        counts = (
            await backend.queue.pending(),
            await backend.queue.pending("a"),
            await backend.queue.pending("b"),
        )
        await _drain(backend)
        await backend.queue.stop()
        return (*counts, await backend.queue.pending())

    assert run(scenario()) == (3, 2, 1, 0)


def test_waiting_events_get_their_rank_and_updates_as_the_queue_moves(
    make_backend: Any, run: Any
) -> None:
    async def scenario() -> list[object]:
        sent: list[object] = []
        backend = make_backend()
        await backend.queue.start(Recorder(0.05), lambda _: _limits(1))
        await backend.queue.push(_event(0, "a"))
        await backend.queue.push(_event(0, "b", sent))
        await backend.queue.push(_event(0, "c"))
        await _drain(backend)
        await backend.queue.stop()
        return sent

    ranks = [m.rank for m in run(scenario()) if isinstance(m, Estimation)]
    assert ranks[0] == 1
    assert 0 in ranks[1:]


# -- the session streams ------------------------------------------------------------------


def _completed(event_id: str, value: object) -> ProcessCompleted:
    return ProcessCompleted(event_id=event_id, output=Output(data=[value]), success=True)


async def _read(frames: AsyncIterator[bytes], until: str = "close_stream") -> list[dict[str, Any]]:
    """The stream's messages, decoded, up to ``until`` (then the reader stops, as clients do)."""
    messages: list[dict[str, Any]] = []
    async with asyncio.timeout(10), contextlib.aclosing(frames):
        async for chunk in frames:
            for frame in chunk.split(b"\n\n"):
                if frame.startswith(b"data: "):
                    messages.append(json.loads(frame[len(b"data: ") :]))
            if messages and messages[-1]["msg"] in {until, "unexpected_error"}:
                break
    return messages


def test_messages_sent_before_the_stream_opens_are_delivered_in_order(
    make_backend: Any, run: Any
) -> None:
    async def scenario() -> tuple[list[dict[str, Any]], bool, set[str]]:
        streams = make_backend().streams
        streams.register("s", "e1")
        streams.send("s", ProcessStarts(event_id="e1"))
        streams.send("s", _completed("e1", "done"))
        messages = await _read(streams.stream("s"))
        return messages, await streams.known("s"), await streams.pending("s")

    messages, known, pending = run(scenario())
    assert [m["msg"] for m in messages] == ["process_starts", "process_completed", "close_stream"]
    assert messages[1]["output"]["data"] == ["done"]
    assert known
    assert pending == set()


def test_a_session_stream_carries_every_event_until_all_complete(
    make_backend: Any, run: Any
) -> None:
    """Events of one session share its stream; it stays open while any is pending."""

    async def scenario() -> list[dict[str, Any]]:
        streams = make_backend().streams
        streams.register("s", "e1")
        streams.register("s", "e2")
        reader = asyncio.ensure_future(_read(streams.stream("s")))
        streams.send("s", _completed("e1", 1))
        await asyncio.sleep(0.05)
        assert not reader.done(), "the stream closed while e2 was pending"
        assert await streams.pending("s") == {"e2"}
        streams.send("s", _completed("e2", 2))
        return await reader

    messages = run(scenario())
    completed = [m["event_id"] for m in messages if m["msg"] == "process_completed"]
    assert completed == ["e1", "e2"]
    assert messages[-1]["msg"] == "close_stream"


def test_sessions_do_not_see_each_others_messages(make_backend: Any, run: Any) -> None:
    async def scenario() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        streams = make_backend().streams
        streams.register("a", "ea")
        streams.register("b", "eb")
        streams.send("a", _completed("ea", "for a"))
        streams.send("b", _completed("eb", "for b"))
        return await _read(streams.stream("a")), await _read(streams.stream("b"))

    for_a, for_b = run(scenario())
    assert [m.get("event_id") for m in for_a if m["msg"] == "process_completed"] == ["ea"]
    assert [m.get("event_id") for m in for_b if m["msg"] == "process_completed"] == ["eb"]


def test_a_watcher_receives_its_events_messages(make_backend: Any, run: Any) -> None:
    async def scenario() -> list[str]:
        streams = make_backend().streams
        streams.register("s", "e1")
        watched = streams.watch("e1")
        streams.send("s", ProcessStarts(event_id="e1"))
        streams.send("s", _completed("e1", "x"))
        messages = [await watched.next(2), await watched.next(2), await watched.next(0.1)]
        return [getattr(m, "msg", None) for m in messages]

    assert run(scenario()) == ["process_starts", "process_completed", None]


def test_a_kept_watch_is_taken_once(make_backend: Any, run: Any) -> None:
    """The two-step call API: the watch made by the first request is taken by the second."""

    async def scenario() -> tuple[bool, bool, bool, str | None]:
        streams = make_backend().streams
        streams.register("s", "e1")
        streams.watch("e1", keep=True)
        streams.send("s", _completed("e1", "x"))
        unknown = await streams.take_watch("never-watched")
        taken = await streams.take_watch("e1")
        again = await streams.take_watch("e1")
        message = await taken.next(2) if taken is not None else None
        return unknown is None, taken is not None, again is None, getattr(message, "msg", None)

    assert run(scenario()) == (True, True, True, "process_completed")


def test_unknown_sessions_are_not_known(make_backend: Any, run: Any) -> None:
    async def scenario() -> tuple[bool, set[str]]:
        streams = make_backend().streams
        return await streams.known("never-joined"), await streams.pending("never-joined")

    assert run(scenario()) == (False, set())


def test_shutdown_ends_open_streams_with_an_error(make_backend: Any, run: Any) -> None:
    async def scenario() -> list[dict[str, Any]]:
        streams = make_backend().streams
        streams.register("s", "e1")
        reader = asyncio.ensure_future(_read(streams.stream("s")))
        await asyncio.sleep(0.02)
        streams.shutdown()
        return await reader

    messages = run(scenario())
    assert messages[-1]["msg"] == "unexpected_error"
    assert "stopped" in messages[-1]["message"]


# -- closing a drained stream: grace period and handshake -----------------------------------


def test_a_join_in_the_grace_period_keeps_the_stream(make_backend: Any, run: Any) -> None:
    """A drained stream waits before closing; an event that joins meanwhile uses it."""

    async def scenario() -> list[dict[str, Any]]:
        streams = make_backend().streams
        streams.register("s", "e1")
        streams.send("s", _completed("e1", 1))
        reader = asyncio.ensure_future(_read(streams.stream("s")))
        await asyncio.sleep(0.1)  # e1 is delivered; the stream is drained, in its grace
        assert not reader.done(), "a drained stream closed without a grace period"
        streams.register("s", "e2")
        streams.send("s", _completed("e2", 2))
        return await reader

    messages = run(scenario())
    assert [m["msg"] for m in messages] == ["process_completed"] * 2 + ["close_stream"]


def test_a_join_while_closing_is_answered_after_the_client_disconnects(
    make_backend: Any, run: Any
) -> None:
    """settle() waits for the closing stream's consumer to stop; the event then gets a stream."""

    async def scenario() -> tuple[float, float, list[dict[str, Any]]]:
        streams = make_backend().streams
        streams.register("s", "e1")
        streams.send("s", _completed("e1", 1))
        frames = streams.stream("s")
        first = await _read_until_close_without_disconnecting(frames)
        assert first[-1]["msg"] == "close_stream"
        # the client has not disconnected yet: a join now is registered but must wait
        streams.register("s", "e2")
        streams.send("s", _completed("e2", 2))
        settled = asyncio.ensure_future(streams.settle("s"))
        await asyncio.sleep(0.2)
        waited_while_open = 0.0 if settled.done() else 0.2
        disconnected_at = time.monotonic()
        await frames.aclose()  # the client read close_stream and went
        await settled
        answered_after = time.monotonic() - disconnected_at
        return waited_while_open, answered_after, await _read(streams.stream("s"))

    waited, answered_after, second = run(scenario())
    assert waited > 0, "the join was answered while the old stream was still closing"
    assert answered_after < 1
    assert [m["msg"] for m in second] == ["process_completed", "close_stream"]
    assert second[0]["event_id"] == "e2"


async def _read_until_close_without_disconnecting(
    frames: AsyncIterator[bytes],
) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    async with asyncio.timeout(10):
        while not messages or messages[-1]["msg"] != "close_stream":
            chunk = await anext(frames)
            messages += [
                json.loads(f[len(b"data: ") :])
                for f in chunk.split(b"\n\n")
                if f.startswith(b"data")
            ]
    return messages


def test_settle_returns_at_once_when_nothing_closes(make_backend: Any, run: Any) -> None:
    async def scenario() -> float:
        streams = make_backend().streams
        streams.register("s", "e1")
        started = time.monotonic()
        await streams.settle("s")
        await streams.settle("unknown")
        return time.monotonic() - started

    assert run(scenario()) < 0.1


def test_a_consumer_that_stops_early_abandons_only_what_it_followed(
    make_backend: Any, run: Any
) -> None:
    """Events the stream delivered messages of are abandoned; unseen ones stay buffered."""

    async def scenario() -> tuple[set[str], list[dict[str, Any]]]:
        streams = make_backend().streams
        abandoned: set[str] = set()

        async def on_abandon(event_ids: set[str]) -> None:
            abandoned.update(event_ids)

        streams.register("s", "followed")
        streams.send("s", ProcessStarts(event_id="followed"))
        seen: list[bytes] = []

        async def consume() -> None:  # how the server drives the stream, until cancelled
            async for frame in streams.stream("s", on_abandon):
                seen.append(frame)

        consumer = asyncio.ensure_future(consume())
        await asyncio.sleep(0.05)
        assert len(seen) == 1  # the client read process_starts of "followed"...
        streams.register("s", "unseen")  # ...an event joins...
        consumer.cancel()  # ...and the client goes away before any message of it
        with contextlib.suppress(asyncio.CancelledError):
            await consumer
        streams.send("s", _completed("unseen", "kept"))
        return abandoned, await _read(streams.stream("s"), until="process_completed")

    abandoned, later = run(scenario())
    assert abandoned == {"followed"}
    assert [m.get("event_id") for m in later][-1] == "unseen"


def test_an_unencodable_message_fails_only_its_event(make_backend: Any, run: Any) -> None:
    async def scenario() -> list[dict[str, Any]]:
        streams = make_backend().streams
        streams.register("s", "bad")
        streams.register("s", "good")
        bad = ProcessCompleted(event_id="bad", output=Output(data=[object()]), success=True)
        streams.send("s", bad)
        streams.send("s", _completed("good", "fine"))
        return await _read(streams.stream("s"))

    messages = run(scenario())
    by_event = {m.get("event_id"): m for m in messages if m["msg"] == "process_completed"}
    assert by_event["bad"]["success"] is False
    assert "could not be sent" in by_event["bad"]["output"]["error"]
    assert by_event["good"]["output"]["data"] == ["fine"]
    assert messages[-1]["msg"] == "close_stream"


def test_without_a_grace_period_a_drained_stream_closes_at_once(
    make_backend: Any, run: Any
) -> None:
    async def scenario() -> tuple[list[dict[str, Any]], float]:
        streams = make_backend(close_grace=0).streams
        streams.register("s", "e1")
        streams.send("s", _completed("e1", 1))
        started = time.monotonic()
        return await _read(streams.stream("s")), time.monotonic() - started

    messages, seconds = run(scenario())
    assert [m["msg"] for m in messages] == ["process_completed", "close_stream"]
    assert seconds < 0.2
