"""@gr.render on the server: the region's listener, what each run sends, the listeners a run
attaches (callable by index in that session only), keys, and sessions kept apart."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import httpx
import pytest
from gradio_client import Client

import specblocks as gr

Launch = Callable[..., str]


def build_todo() -> gr.Blocks:
    with gr.Blocks() as demo:
        tasks = gr.State([])
        new_task = gr.Textbox(label="Task")

        def add(task_list: list[str], name: str) -> tuple[list[str], str]:
            return [*task_list, name], ""

        new_task.submit(add, [tasks, new_task], [tasks, new_task], api_name="add")

        @gr.render(inputs=tasks)
        def show(task_list: list[str]) -> None:
            gr.Markdown(f"{len(task_list)} tasks")
            for name in task_list:
                with gr.Row():
                    gr.Textbox(name, key=f"task-{name}", label=name)
                    done = gr.Button("Done", key=f"done-{name}")

                    def finish(name: str = name) -> list[str]:
                        return [t for t in task_list if t != name]

                    done.click(finish, None, tasks)

    return demo


class Session:
    """One browser session, driving the queue over raw HTTP (closed by the ``todo`` fixture)."""

    opened: ClassVar[list[Session]] = []

    def __init__(self, url: str) -> None:
        self.url = url
        self.hash = uuid.uuid4().hex[:10]
        self.http = httpx.Client(base_url=url, timeout=15)
        Session.opened.append(self)

    def run(self, fn_index: int, data: list[Any]) -> dict[str, Any]:
        """Queue one call; its ``process_completed`` message."""
        joined = self.http.post(
            "/gradio_api/queue/join",
            json={"data": data, "fn_index": fn_index, "session_hash": self.hash},
        )
        assert joined.status_code == 200, joined.text
        event_id = joined.json()["event_id"]
        params = {"session_hash": self.hash}
        with self.http.stream("GET", "/gradio_api/queue/data", params=params) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    message = json.loads(line[6:])
                    if message["msg"] == "process_completed" and message["event_id"] == event_id:
                        return message
        raise AssertionError("the stream ended without the event's result")


@pytest.fixture
def todo(launch: Launch) -> Iterator[tuple[str, dict[str, Any]]]:
    url = launch(build_todo())
    yield url, httpx.get(f"{url}/config").json()
    for session in Session.opened:
        session.http.close()
    Session.opened.clear()


def _render_dependency(config: dict[str, Any]) -> dict[str, Any]:
    (dep,) = [d for d in config["dependencies"] if d["render_id"] is not None]
    return dep


def test_the_region_is_an_undocumented_listener_on_load_and_input_change(
    todo: tuple[str, dict[str, Any]],
) -> None:
    url, config = todo
    dep = _render_dependency(config)
    state_id = next(c["id"] for c in config["components"] if c["type"] == "state")
    assert sorted(event for _, event in dep["targets"]) == ["change", "load"]
    assert [state_id, "change"] in dep["targets"]
    assert dep["inputs"] == [state_id]
    (column,) = dep["outputs"]
    assert next(c for c in config["components"] if c["id"] == column)["type"] == "column"
    assert dep["api_visibility"] == "undocumented"
    info = httpx.get(f"{url}/gradio_api/info").json()
    assert list(info["named_endpoints"]) == ["/add"]


def test_a_run_sends_the_region_and_its_listeners(todo: tuple[str, dict[str, Any]]) -> None:
    url, config = todo
    render = _render_dependency(config)
    session = Session(url)
    session.run(0, [None, "milk"])
    session.run(0, [None, "eggs"])
    done = session.run(render["id"], [None])
    assert done["success"]
    region = done["output"]["render_config"]
    assert region["render_id"] == render["render_id"]
    assert region["layout"]["id"] == render["outputs"][0]
    by_id = {c["id"]: c for c in region["components"]}
    texts = [c["props"]["value"] for c in region["components"] if c["type"] == "textbox"]
    assert texts == ["milk", "eggs"]
    assert by_id[region["layout"]["children"][0]["id"]]["props"]["value"] == "2 tasks"
    assert all(c["rendered_in"] == render["render_id"] for c in region["components"][1:])
    listeners = region["dependencies"]
    assert len(listeners) == 2
    assert all(d["id"] >= len(config["dependencies"]) for d in listeners)
    assert all(d["rendered_in"] == render["render_id"] for d in listeners)
    buttons = [c["id"] for c in region["components"] if c["type"] == "button"]
    assert [d["targets"] for d in listeners] == [[[b, "click"]] for b in buttons]

    # a listener of the rendering runs in its session, and changes the State
    finished = session.run(listeners[0]["id"], [])
    assert finished["success"], finished
    state_id = render["inputs"][0]
    assert finished["output"]["changed_state_ids"] == [state_id]

    # the next run replaces the listeners; keyed blocks keep their ids
    again = session.run(render["id"], [None])["output"]["render_config"]
    assert [c["props"]["value"] for c in again["components"] if c["type"] == "textbox"] == ["eggs"]
    eggs = next(c["id"] for c in region["components"] if c["props"].get("value") == "eggs")
    assert eggs in [c["id"] for c in again["components"]]
    (replacement,) = again["dependencies"]
    assert replacement["id"] not in [d["id"] for d in listeners]
    stale = session.http.post(
        "/gradio_api/queue/join",
        json={"data": [], "fn_index": listeners[1]["id"], "session_hash": session.hash},
    )
    assert stale.status_code == 404
    assert "render function" in stale.json()["detail"]


def test_sessions_render_their_own_regions(todo: tuple[str, dict[str, Any]]) -> None:
    url, config = todo
    render = _render_dependency(config)
    results: dict[str, list[str]] = {}

    def one(name: str) -> None:
        session = Session(url)
        for i in range(3):
            session.run(0, [None, f"{name}{i}"])
        region = session.run(render["id"], [None])["output"]["render_config"]
        results[name] = [
            c["props"]["value"] for c in region["components"] if c["type"] == "textbox"
        ]

    threads = [threading.Thread(target=one, args=(n,)) for n in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == {n: [f"{n}0", f"{n}1", f"{n}2"] for n in ("a", "b", "c")}


def test_the_apps_own_endpoints_still_work_through_gradio_client(
    todo: tuple[str, dict[str, Any]],
) -> None:
    url, _ = todo
    client = Client(url, verbose=False)
    try:
        assert client.predict("bread", api_name="/add") == ""
    finally:
        client.close()


def test_render_outside_blocks_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match=r"inside `with gr.Blocks\(\):`"):

        @gr.render()
        def nothing() -> None:
            pass
