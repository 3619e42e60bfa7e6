"""``gr.on``: one listener, several triggers, one endpoint."""

from __future__ import annotations

import dataclasses
import inspect
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from gradio_client import Client

import specblocks as gr
from specblocks._generated import events
from specblocks._generated.listener import ListenerOptions
from specblocks.testing import serve

LISTENER_SPEC = Path(__file__).parents[2] / "component_specs" / "common" / "listener.yaml"


def _complete(client: httpx.Client, fn_index: int, data: list[Any], trigger_id: int) -> Any:
    """Run ``fn_index`` through the queue as the browser does for one trigger."""
    session = uuid.uuid4().hex
    joined = client.post(
        "/gradio_api/queue/join",
        json={
            "data": data,
            "fn_index": fn_index,
            "session_hash": session,
            "trigger_id": trigger_id,
        },
    )
    assert joined.status_code == 200, joined.text
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data: "):
                message = json.loads(line[6:])
                if message["msg"] == "process_completed":
                    assert message["success"], message
                    return message["output"]["data"]
    raise AssertionError("no completion")


# -- the signature is the listener's --------------------------------------------------------


def test_parameters_are_exactly_the_listener_parameters() -> None:
    ours = dict(inspect.signature(gr.on).parameters)
    assert next(iter(ours)) == "triggers"
    assert ours.pop("triggers").default is None
    fields = {f.name: f for f in dataclasses.fields(ListenerOptions)}
    assert set(ours) == set(fields)
    for name, parameter in ours.items():
        assert parameter.default == fields[name].default, name
        assert parameter.annotation == fields[name].type, name


def test_parameters_follow_the_listener_spec() -> None:
    spec = yaml.safe_load(LISTENER_SPEC.read_text())
    names = {p["name"] for p in spec["parameters"]}
    assert set(inspect.signature(gr.on).parameters) - {"triggers"} == names


def test_parameters_match_the_generated_listener_methods() -> None:
    click = dict(inspect.signature(events.OnClick.click).parameters)
    click.pop("self")
    ours = dict(inspect.signature(gr.on).parameters)
    ours.pop("triggers")
    assert {n: (p.default, p.annotation) for n, p in ours.items()} == {
        n: (p.default, p.annotation) for n, p in click.items()
    }


# -- registering ----------------------------------------------------------------------------


def test_two_triggers_register_one_dependency_with_two_targets() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()
        dep = gr.on([button.click, text.submit], str.upper, text, out)
    assert demo.dependencies == [dep]
    assert dep.targets == [(button, events.CLICK), (text, events.SUBMIT)]
    assert dep.fn is str.upper
    assert dep.inputs == [text]
    assert dep.outputs == [out]


def test_a_single_trigger_need_not_be_in_a_list() -> None:
    with gr.Blocks():
        timer = gr.Timer(1)
        out = gr.Number()
        dep = gr.on(timer.tick, lambda: 1, None, out)
    assert dep.targets == [(timer, events.TICK)]


def test_without_triggers_it_fires_on_every_input_change_and_on_load() -> None:
    with gr.Blocks() as demo:
        a = gr.Number()
        b = gr.Slider()
        c = gr.Textbox()
        out = gr.Number()
        dep = gr.on(fn=lambda x, y, z: x + y, inputs=[a, b], outputs=out, inputs_kwargs={"z": c})
    changes = [(a, events.CHANGE), (b, events.CHANGE), (c, events.CHANGE)]
    assert dep.targets == [*changes, (demo, events.LOAD)]
    assert dep.trigger_mode == "always_last"


def test_blocks_load_can_be_a_trigger_and_repeats_are_dropped() -> None:
    with gr.Blocks() as demo:
        button = gr.Button()
        dep = gr.on([demo.load, button.click, button.click], lambda: None)
    assert dep.targets == [(demo, events.LOAD), (button, events.CLICK)]


def test_listener_options_are_kept() -> None:
    with gr.Blocks():
        text = gr.Textbox()
        dep = gr.on(
            text.change,
            str.strip,
            text,
            text,
            api_name="strip",
            queue=False,
            trigger_mode="multiple",
            concurrency_limit=3,
            show_progress="hidden",
        )
    assert dep.options.api_name == "strip"
    assert dep.options.queue is False
    assert dep.options.concurrency_limit == 3
    assert dep.options.show_progress == "hidden"
    assert dep.trigger_mode == "multiple"


def test_decorator_form_registers_the_decorated_function() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()

        @gr.on([button.click, text.submit], inputs=text, outputs=out)
        def shout(value: str) -> str:
            return value.upper() + "!"

    [dep] = demo.dependencies
    assert dep.fn is shout
    assert shout("a") == "A!"


def test_chaining_after_on() -> None:
    with gr.Blocks() as demo:
        button = gr.Button()
        out = gr.Number()
        first = gr.on(button.click, lambda: 1, None, out)
        second = first.then(lambda: 2, None, out)
    assert demo.dependencies == [first, second]
    assert second.trigger_after is first


def test_outside_blocks_is_an_error() -> None:
    button = gr.Button()
    with pytest.raises(RuntimeError, match="inside `with Blocks"):
        gr.on(button.click, lambda: None)


@pytest.mark.parametrize("trigger", [print, "click", 3])
def test_a_trigger_must_be_a_listener_method(trigger: Any) -> None:
    with gr.Blocks(), pytest.raises(TypeError, match="listener method"):
        gr.on([trigger], lambda: None)


def test_a_bound_method_that_is_no_event_is_refused() -> None:
    with gr.Blocks():
        button = gr.Button()
        with pytest.raises(TypeError, match="listener method"):
            gr.on(button.render, lambda: None)


# -- served ---------------------------------------------------------------------------------


def test_both_triggers_run_the_same_function_on_a_real_server() -> None:
    def which(value: str, evt: gr.EventData) -> str:
        target = evt.target  # None for an API call, which names no trigger (as in Gradio)
        return f"{value} via {target.elem_id if target is not None else 'the API'}"

    with gr.Blocks() as demo:
        text = gr.Textbox(elem_id="text")
        out = gr.Textbox()
        button = gr.Button(elem_id="button")
        gr.on([button.click, text.submit], which, text, out, api_name="which")

    with serve(demo) as url:
        config = httpx.get(f"{url}config").json()
        [dep] = config["dependencies"]
        assert dep["targets"] == [[button._id, "click"], [text._id, "submit"]]
        assert dep["api_name"] == "which"
        with httpx.Client(base_url=url, timeout=10) as client:
            assert _complete(client, 0, ["a"], button._id) == ["a via button"]
            assert _complete(client, 0, ["b"], text._id) == ["b via text"]
        api = Client(url, verbose=False)
        assert list(api.view_api(print_info=False, return_format="dict")["named_endpoints"]) == [
            "/which"
        ]
        assert api.predict("c", api_name="/which") == "c via the API"
