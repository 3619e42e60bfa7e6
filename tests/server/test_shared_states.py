"""Session values in the shared store: two session stores on one Redis, as two processes."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Any

import pytest

from specblocks.server._sessions import SessionStore, StateNotStorable
from specblocks.server.queue._redis_link import RedisLink
from specblocks.server.queue._redis_states import RedisStates


def _pair(redis_url: str, deleted: list[Any]) -> tuple[SessionStore, SessionStore, RedisLink]:
    """Two stores (two processes) sharing one Redis, with a delete callback for block 1."""
    link = RedisLink(redis_url, f"st{uuid.uuid4().hex[:8]}:")
    callbacks = {1: deleted.append}
    return (
        SessionStore(shared=RedisStates(link), on_delete=callbacks),
        SessionStore(shared=RedisStates(link), on_delete=callbacks),
        link,
    )


def test_a_value_saved_by_one_process_is_loaded_by_another(redis_url: str) -> None:
    async def scenario() -> tuple[Any, Any, dict[str, Any]]:
        first, second, link = _pair(redis_url, [])
        try:
            state = await first.load("s")
            state.set(1, {"count": 3})
            state.update_props(2, {"choices": ["a", "b"]})
            await first.save("s")
            seen = await second.load("s")
            other = await second.load("another session")
            return seen.get(1, lambda: None), other.get(1, lambda: "initial"), seen.props
        finally:
            await link.aclose()

    value, other, props = asyncio.run(scenario())
    assert value == {"count": 3}
    assert other == "initial"
    assert props == {2: {"choices": ["a", "b"]}}


def test_time_to_live_and_the_delete_callback_hold_across_processes(redis_url: str) -> None:
    async def scenario() -> tuple[Any, list[Any], dict[str, bytes]]:
        deleted: list[Any] = []
        first, second, link = _pair(redis_url, deleted)
        try:
            state = await first.load("s")
            state.set(1, "short-lived", ttl=0.2, on_delete=deleted.append)
            await first.save("s")
            await asyncio.sleep(0.4)
            seen = await second.load("s")
            value = seen.get(1, lambda: "initial")
            return value, deleted, await RedisStates(link).load("s")
        finally:
            await link.aclose()

    value, deleted, stored = asyncio.run(scenario())
    assert value == "initial"
    assert deleted == ["short-lived"]  # once, by the process that found it expired
    assert stored == {}


def test_ending_a_session_runs_delete_callbacks_once_and_forgets_it_everywhere(
    redis_url: str,
) -> None:
    async def scenario() -> tuple[list[Any], Any]:
        deleted: list[Any] = []
        first, second, link = _pair(redis_url, deleted)
        try:
            state = await first.load("s")
            state.set(1, "kept", on_delete=deleted.append)
            await first.save("s")
            await second.drop("s")  # the session's heartbeat ended on the other process
            again = await first.load("s")
            return deleted, again.get(1, lambda: "initial")
        finally:
            await link.aclose()

    deleted, value = asyncio.run(scenario())
    assert deleted == ["kept"]
    assert value == "initial"


def test_a_value_that_cannot_be_pickled_is_refused_naming_its_block(redis_url: str) -> None:
    async def scenario() -> tuple[StateNotStorable, dict[str, bytes]]:
        first, _, link = _pair(redis_url, [])
        try:
            state = await first.load("s")
            state.set(7, threading.Lock())
            with pytest.raises(StateNotStorable) as caught:
                await first.save("s")
            return caught.value, await RedisStates(link).load("s")
        finally:
            await link.aclose()

    error, stored = asyncio.run(scenario())
    assert error.block_id == 7
    assert "lock" in str(error)
    assert stored == {}


def test_values_changed_by_a_running_event_survive_a_load_by_another_event(
    redis_url: str,
) -> None:
    """Two events of one session in one process: the second's load keeps the first's changes."""

    async def scenario() -> Any:
        first, second, link = _pair(redis_url, [])
        try:
            state = await first.load("s")
            state.set(1, "stored")
            await first.save("s")
            state.set(1, "changed, not saved yet")  # the first event is still running
            await first.load("s")  # the second event starts
            await first.save("s")  # the first ends
            return (await second.load("s")).get(1, lambda: None)
        finally:
            await link.aclose()

    assert asyncio.run(scenario()) == "changed, not saved yet"


def test_without_a_shared_store_nothing_leaves_the_process() -> None:
    async def scenario() -> Any:
        store = SessionStore()
        state = await store.load("s")
        state.set(1, threading.Lock())  # no pickling without a shared store
        started = time.monotonic()
        await store.save("s")
        await store.drop("s")
        return time.monotonic() - started, await store.load("s")

    seconds, state = asyncio.run(scenario())
    assert seconds < 0.1
    assert state.get(1, lambda: "initial") == "initial"
