"""The in-process queue: order, limits, batching, cancellation, capacity and rank messages."""

from __future__ import annotations

import asyncio

import pytest

from specblocks.server._messages import Estimation
from specblocks.server.queue import Event, Limits, LocalQueue, QueueFull


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


async def _drain(queue: LocalQueue) -> None:
    for _ in range(500):
        if queue.pending() == 0:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the queue did not drain")


def _limits(limit: int | None, batch: bool = False) -> Limits:
    return Limits(concurrency_id="g", concurrency_limit=limit, batch=batch, max_batch_size=3)


def test_events_run_in_order_within_the_concurrency_limit() -> None:
    async def scenario() -> Recorder:
        recorder = Recorder()
        queue = LocalQueue()
        await queue.start(recorder, lambda _: _limits(2))
        for i in range(6):
            await queue.push(_event(0, i))
        await _drain(queue)
        await queue.stop()
        return recorder

    recorder = asyncio.run(scenario())
    assert [b[0] for b in recorder.batches] == [str(i) for i in range(6)]
    assert recorder.max_in_flight == 2


def test_unlimited_groups_run_everything_at_once() -> None:
    async def scenario() -> Recorder:
        recorder = Recorder(0.05)
        queue = LocalQueue()
        await queue.start(recorder, lambda _: _limits(None))
        for i in range(5):
            await queue.push(_event(0, i))
        await _drain(queue)
        await queue.stop()
        return recorder

    assert asyncio.run(scenario()).max_in_flight == 5


def test_batching_groups_waiting_events_of_one_function() -> None:
    async def scenario() -> Recorder:
        recorder = Recorder()
        queue = LocalQueue()
        await queue.start(recorder, lambda _: _limits(1, batch=True))
        for i in range(7):
            await queue.push(_event(0, i))
        await _drain(queue)
        await queue.stop()
        return recorder

    batches = asyncio.run(scenario()).batches
    assert sum(len(b) for b in batches) == 7
    assert max(len(b) for b in batches) == 3


def test_a_full_queue_refuses_with_a_clear_message() -> None:
    async def scenario() -> str:
        queue = LocalQueue(max_size=2)
        await queue.start(Recorder(0.5), lambda _: _limits(1))
        await queue.push(_event(0, "running"))
        await asyncio.sleep(0.05)  # the first event starts, leaving room for two waiting
        await queue.push(_event(0, "a"))
        await queue.push(_event(0, "b"))
        with pytest.raises(QueueFull) as caught:
            await queue.push(_event(0, "c"))
        await queue.stop()
        return str(caught.value)

    assert "Queue is full" in asyncio.run(scenario())


def test_cancelling_a_waiting_event_removes_it() -> None:
    async def scenario() -> Recorder:
        recorder = Recorder(0.05)
        queue = LocalQueue()
        await queue.start(recorder, lambda _: _limits(1))
        await queue.push(_event(0, "first"))
        second = _event(0, "second")
        await queue.push(second)
        assert await queue.cancel(second.event_id) == "waiting"
        assert second.cancelled
        await _drain(queue)
        await queue.stop()
        return recorder

    assert asyncio.run(scenario()).batches == [["first"]]


def test_cancelling_a_running_event_stops_it() -> None:
    async def scenario() -> tuple[str | None, int]:
        recorder = Recorder(5)
        queue = LocalQueue()
        await queue.start(recorder, lambda _: _limits(1))
        event = _event(0, "long")
        await queue.push(event)
        await asyncio.sleep(0.05)
        found = await queue.cancel(event.event_id)
        await _drain(queue)
        await queue.stop()
        return found, recorder.in_flight

    assert asyncio.run(scenario()) == ("running", 0)


def test_cancelling_an_unknown_event_finds_nothing() -> None:
    async def scenario() -> str | None:
        queue = LocalQueue()
        await queue.start(Recorder(), lambda _: _limits(1))
        found = await queue.cancel("no-such-event")
        await queue.stop()
        return found

    assert asyncio.run(scenario()) is None


def test_waiting_events_get_their_rank_and_updates_as_the_queue_moves() -> None:
    async def scenario() -> list[object]:
        sent: list[object] = []
        queue = LocalQueue()
        await queue.start(Recorder(0.05), lambda _: _limits(1))
        await queue.push(_event(0, "a"))
        await queue.push(_event(0, "b", sent))
        await queue.push(_event(0, "c"))
        await _drain(queue)
        await queue.stop()
        return sent

    ranks = [m.rank for m in asyncio.run(scenario()) if isinstance(m, Estimation)]
    assert ranks[0] == 1
    assert 0 in ranks[1:]
