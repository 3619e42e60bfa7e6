"""Session state (capacity, TTL, delete callbacks) and generator output edits."""

from __future__ import annotations

import time

import pytest

import specblocks as gr
from specblocks.server._diff import apply, diff
from specblocks.server._sessions import SessionStore


def test_state_is_per_session_and_starts_from_a_fresh_copy() -> None:
    store = SessionStore()
    initial: dict[str, list[str]] = {"items": []}
    state = gr.State(initial)
    first = store.session("a").get(1, state.initial_state)
    first["items"].append("x")
    store.session("a").set(1, first)
    assert store.session("a").get(1, state.initial_state) == {"items": ["x"]}
    assert store.session("b").get(1, state.initial_state) == {"items": []}
    assert initial == {"items": []}


def test_the_least_recently_used_session_is_evicted_past_capacity() -> None:
    deleted: list[object] = []
    store = SessionStore(capacity=2)
    for name in ("a", "b"):
        store.session(name).set(1, name, on_delete=deleted.append)
    store.session("a")  # a is now the most recent
    store.session("c")
    assert "b" not in store
    assert "a" in store
    assert deleted == ["b"]


def test_values_expire_after_their_time_to_live() -> None:
    deleted: list[object] = []
    store = SessionStore()
    store.session("a").set(1, "old", ttl=0.05, on_delete=deleted.append)
    time.sleep(0.1)
    assert store.session("a").get(1, lambda: "fresh") == "fresh"
    assert deleted == ["old"]


def test_closing_a_session_runs_delete_callbacks() -> None:
    deleted: list[object] = []
    store = SessionStore()
    store.session("a").set(1, "v", on_delete=deleted.append)
    store.close("a")
    assert deleted == ["v"]
    assert len(store) == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("tok0 ", "tok0 tok1 "),
        ("abc", "xyz"),
        ([1, 2], [1, 2, 3]),
        ([1, 2, 3], [1]),
        ({"a": 1, "b": [1]}, {"a": 2, "b": [1, 2], "c": "x"}),
        ({"a": 1}, None),
        (None, [["x", "y"]]),
    ],
)
def test_edits_turn_the_previous_output_into_the_next(old: object, new: object) -> None:
    import copy

    assert apply(copy.deepcopy(old), diff(old, new)) == new


def test_growing_text_is_sent_as_an_append() -> None:
    assert diff("Hello", "Hello world") == [["append", [], " world"]]
    assert diff("same", "same") == []
