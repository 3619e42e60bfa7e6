"""State (server-side values), BrowserState (browser local storage) and Timer."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import numpy as np
import pydantic
import pytest

import specblocks as gr
from specblocks.exceptions import PayloadError

# -- State -----------------------------------------------------------------------------------


def test_state_passes_values_through_unchanged() -> None:
    state = gr.State()
    value = {"items": [object()]}
    assert state.preprocess(value) is value
    assert state.postprocess(value) is value


def test_state_initial_state_is_a_fresh_deep_copy() -> None:
    state = gr.State({"items": [1, 2]})
    first = state.initial_state()
    second = state.initial_state()
    assert first == second == {"items": [1, 2]}
    first["items"].append(3)
    assert second == {"items": [1, 2]}
    assert state.initial_state() == {"items": [1, 2]}


def test_state_copies_the_value_when_created() -> None:
    original = [1]
    state = gr.State(original)
    original.append(2)
    assert state.value == [1]
    assert state.initial_state() == [1]


def test_state_callable_value_is_called_each_time() -> None:
    calls: list[int] = []

    def make() -> list[int]:
        calls.append(1)
        return [len(calls)]

    state = gr.State(make)
    assert state.value is make
    assert state.initial_state() == [1]
    assert state.initial_state() == [2]


def test_state_class_value_is_a_value_not_a_factory() -> None:
    assert gr.State(dict).initial_state() is dict


def test_state_rejects_values_that_cannot_be_copied() -> None:
    with pytest.raises(TypeError, match="State"):
        gr.State(threading.Lock())


def test_state_keeps_its_options() -> None:
    def on_delete(value: Any) -> None:
        del value

    state = gr.State(1, time_to_live=10, delete_callback=on_delete)
    assert state.time_to_live == 10
    assert state.delete_callback is on_delete


# -- BrowserState ----------------------------------------------------------------------------


def test_browser_state_preprocess_defaults_to_a_copy() -> None:
    state = gr.BrowserState({"theme": "dark", "tabs": []})
    value = state.preprocess(None)
    assert value == {"theme": "dark", "tabs": []}
    value["tabs"].append(1)
    assert state.preprocess(None) == {"theme": "dark", "tabs": []}
    assert state.preprocess({"theme": "light"}) == {"theme": "light"}
    assert state.preprocess(0) == 0


class Settings(pydantic.BaseModel):
    name: str
    size: int = 3


@dataclasses.dataclass
class Point:
    x: int
    y: tuple[int, int]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("text", "text"),
        ({"a": [1, 2.5, True, None]}, {"a": [1, 2.5, True, None]}),
        ((1, (2, 3)), [1, [2, 3]]),
        (Settings(name="n"), {"name": "n", "size": 3}),
        ({"nested": Settings(name="m")}, {"nested": {"name": "m", "size": 3}}),
        (Point(1, (2, 3)), {"x": 1, "y": [2, 3]}),
        (np.array([[1, 2]]), [[1, 2]]),
        (
            {"n": np.int64(4), "f": np.float32(0.5), "b": np.bool_(True)},
            {"n": 4, "f": 0.5, "b": True},
        ),
        (
            {1: "a", None: "b", False: "c", 2.5: "d"},
            {"1": "a", "null": "b", "false": "c", "2.5": "d"},
        ),
    ],
)
def test_browser_state_postprocess_gives_json(value: Any, expected: Any) -> None:
    result = gr.BrowserState().postprocess(value)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("value", [{1, 2}, object(), {"a": b"bytes"}, {(1, 2): "tuple key"}])
def test_browser_state_postprocess_rejects_non_json(value: Any) -> None:
    with pytest.raises(TypeError, match="BrowserState"):
        gr.BrowserState().postprocess(value)


def test_browser_state_rejects_self_referencing_values() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(TypeError, match="BrowserState"):
        gr.BrowserState().postprocess(loop)


def test_browser_state_default_value_is_converted() -> None:
    assert gr.BrowserState(Settings(name="x")).default_value == {"name": "x", "size": 3}
    with pytest.raises(TypeError, match="BrowserState"):
        gr.BrowserState({1, 2})


def test_browser_state_generates_storage_key_and_secret() -> None:
    first = gr.BrowserState()
    second = gr.BrowserState()
    for state in (first, second):
        assert state.storage_key is not None
        assert state.secret is not None
        assert len(state.storage_key) == 16
        assert state.storage_key.isalnum()
        assert len(state.secret) == 16
        assert state.secret.isalnum()
    assert first.storage_key != second.storage_key
    assert first.secret != second.secret
    fixed = gr.BrowserState(storage_key="prefs", secret="s3cret")
    assert (fixed.storage_key, fixed.secret) == ("prefs", "s3cret")


# -- Timer -------------------------------------------------------------------------------------


def test_timer_values() -> None:
    timer = gr.Timer(2.5, active=False)
    assert (timer.value, timer.active) == (2.5, False)
    assert timer.preprocess(2.5) == 2.5
    assert timer.preprocess(1) == 1
    assert timer.preprocess(None) is None
    assert timer.postprocess(0.5) == 0.5
    assert timer.postprocess(None) is None
    converted = timer.postprocess(np.float32(0.25))
    assert converted == 0.25
    assert type(converted) is float
    assert type(timer.postprocess(np.int64(3))) is int
    assert timer.initial_value() == 2.5


@pytest.mark.parametrize("payload", ["1", True, [1], {"value": 1}, -1, float("nan")])
def test_timer_rejects_bad_payloads(payload: Any) -> None:
    with pytest.raises(PayloadError):
        gr.Timer().preprocess(payload)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("1", TypeError),
        (True, TypeError),
        ([1], TypeError),
        (-1, ValueError),
        (float("inf"), ValueError),
    ],
)
def test_timer_rejects_bad_values(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="Timer"):
        gr.Timer().postprocess(value)
