"""``changed_state_ids``: which State outputs a finished event changed (their ``change`` fires)."""

from __future__ import annotations

import asyncio
from typing import Any

import specblocks as gr
from specblocks.server._endpoints import EndpointTable, build_endpoints
from specblocks.server._messages import ProcessCompleted, ProcessGenerating
from specblocks.server._runner import Runner
from specblocks.server._sessions import SessionStore
from specblocks.server.queue import Event


def _counter() -> Any:
    yield 1
    yield 1
    yield 2


def _run(fn_index: int, data: list[Any]) -> tuple[Runner, list[Any], list[Any]]:
    with gr.Blocks() as demo:
        watched = gr.State(0)
        unwatched = gr.State(0)
        watched.change(lambda v: None, watched, None)  # 0
        gr.Button().click(lambda: (5, 5), None, [watched, unwatched])  # 1
        gr.Button().click(lambda: 0, None, watched)  # 2: same value as the initial one
        gr.Button().click(_counter, None, watched)  # 3: a generator
    runner = Runner(EndpointTable(build_endpoints(demo.dependencies)), SessionStore())
    sent: list[Any] = []
    event = Event(fn_index=fn_index, data=data, session_hash="s")
    event.sink = sent.append
    asyncio.run(runner.process([event]))
    return runner, sent, [watched._id, unwatched._id]


def _completed(sent: list[Any]) -> ProcessCompleted:
    return next(m for m in sent if isinstance(m, ProcessCompleted))


def test_a_changed_state_with_change_listeners_is_reported() -> None:
    _, sent, (watched, _unwatched) = _run(1, [])
    output = _completed(sent).output
    assert getattr(output, "changed_state_ids", None) == [watched]


def test_a_state_set_to_an_equal_value_is_not_reported() -> None:
    _, sent, _ = _run(2, [])
    assert getattr(_completed(sent).output, "changed_state_ids", None) == []


def test_generators_report_the_states_each_step_changed() -> None:
    _, sent, (watched, _) = _run(3, [])
    steps = [m.output.changed_state_ids for m in sent if isinstance(m, ProcessGenerating)]
    assert steps == [[watched], [], [watched]]
