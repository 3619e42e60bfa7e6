"""Component and layout instances returned as outputs are updates; ``gr.update`` is checked;
inputs and outputs given as sets."""

from __future__ import annotations

import inspect
import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pandas as pd
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

import specblocks as gr
from specblocks.app._outputs import (
    UpdateError,
    as_update,
    as_updated,
    postprocess_one,
    remember_update,
)
from specblocks.core import Block, BlocksCore
from specblocks.server._config import component_config
from specblocks.server._props import update_props
from specblocks.server._sessions import SessionState
from specblocks.testing import serve


def call(url: str, api_name: str, *data: Any) -> list[Any]:
    """The output payloads of one call through the two-step call route."""
    started = httpx.post(f"{url}gradio_api/call/{api_name}", json={"data": list(data)})
    assert started.status_code == 200, started.text
    event_id = started.json()["event_id"]
    text = httpx.get(f"{url}gradio_api/call/{api_name}/{event_id}", timeout=30).text
    events = re.findall(r"event: (\w+)\ndata: (.*)\n", text)
    kind, payload = events[-1]
    if kind != "complete":
        raise AssertionError(f"{api_name}: {kind} {payload}")
    result: list[Any] = json.loads(payload)
    return result


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with gr.Blocks() as demo:
        with gr.Column() as column:
            text = gr.Textbox("start", label="Text")
        dropdown = gr.Dropdown(["a", "b"], label="Pick")
        markdown = gr.Markdown("old")
        timer = gr.Timer(1.0, active=True)
        plot = gr.BarPlot(label="Plot")
        with gr.Tabs() as tabs:
            with gr.Tab("One") as one:
                gr.Markdown("one")
            with gr.Tab("Two"):
                gr.Markdown("two")
        with gr.Accordion("More", open=True) as accordion:
            gr.Markdown("inside")
        echo = gr.Textbox(label="Echo")
        samples = gr.Dataset(components=["textbox"], samples=[["first"]], label="Samples")
        gr.Button("samples").click(
            lambda: gr.update(samples=[["new one"], ["new two"]]), None, samples, api_name="samples"
        )
        gr.Button("hide").click(lambda: gr.Column(visible=False), None, column, api_name="hide")
        gr.Button("choices").click(
            lambda: gr.Dropdown(choices=[("X label", "x"), "y"], value="y"),
            None,
            dropdown,
            api_name="choices",
        )
        gr.Button("pick").click(lambda v: v, dropdown, echo, api_name="pick")
        gr.Button("md").click(
            lambda: gr.Markdown("new", visible=False), None, markdown, api_name="md"
        )
        gr.Button("stop").click(lambda: gr.Timer(active=False), None, timer, api_name="stop")
        gr.Button("plot").click(
            lambda: gr.BarPlot(
                pd.DataFrame({"a": ["p", "q"], "b": [1, 2]}), x="a", y="b", title="T"
            ),
            None,
            plot,
            api_name="plot",
        )
        gr.Button("tabs").click(
            lambda: (gr.Tab(visible=False), gr.Tabs(selected=1), gr.Accordion(open=False)),
            None,
            [one, tabs, accordion],
            api_name="tabs",
        )
        gr.Button("unknown").click(lambda: gr.update(colour="red"), None, text, api_name="unknown")
        gr.Button("static").click(lambda: gr.update(key="k"), None, text, api_name="static")

        a = gr.Number(1, label="a")
        b = gr.Number(2, label="b")
        total = gr.Number(label="total")
        note = gr.Textbox(label="note")
        gr.Button("sum").click(
            lambda values: {total: values[a] + values[b]}, {a, b}, {total, note}, api_name="sum"
        )
    with serve(demo, show_error=True) as url:
        yield url


def test_a_returned_layout_is_an_update_of_what_it_was_given(app_url: str) -> None:
    assert call(app_url, "hide") == [{"__type__": "update", "visible": False}]


def test_a_returned_dropdown_sends_its_choices_as_the_config_does(app_url: str) -> None:
    (payload,) = call(app_url, "choices")
    assert payload == {
        "__type__": "update",
        "choices": [["X label", "x"], ["y", "y"]],
        "value": "y",
    }


def test_an_update_holds_for_the_sessions_later_events(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    with pytest.raises(AppError, match="choices"):
        client.predict("x", api_name="/pick")
    client.predict(api_name="/choices")
    assert client.predict("x", api_name="/pick") == "x"


def test_value_and_props_of_a_returned_component(app_url: str) -> None:
    assert call(app_url, "md") == [{"__type__": "update", "value": "new", "visible": False}]
    assert call(app_url, "stop") == [{"__type__": "update", "active": False}]


def test_a_returned_plot_updates_its_encodings_and_data(app_url: str) -> None:
    (payload,) = call(app_url, "plot")
    assert payload["__type__"] == "update"
    assert (payload["x"], payload["y"], payload["title"]) == ("a", "b", "T")
    assert list(payload["value"]["data"]) == [["p", 1], ["q", 2]]


def test_new_samples_are_sent_as_the_config_sends_them(app_url: str) -> None:
    # what the constructor derives from an updated property (here the shown samples) follows it
    assert call(app_url, "samples") == [
        {"__type__": "update", "samples": [["new one"], ["new two"]]}
    ]


def test_tabs_and_accordions_take_updates(app_url: str) -> None:
    assert call(app_url, "tabs") == [
        {"__type__": "update", "visible": False},
        {"__type__": "update", "selected": 1},
        {"__type__": "update", "open": False},
    ]


def test_an_unknown_property_fails_its_event_naming_it(app_url: str) -> None:
    with pytest.raises(AssertionError, match=r"Textbox 'Text'.*has no property 'colour'"):
        call(app_url, "unknown")
    with pytest.raises(AssertionError, match=r"cannot change 'key' after the app is built"):
        call(app_url, "static")
    assert call(app_url, "hide")  # the app goes on


def test_inputs_and_outputs_as_sets(app_url: str) -> None:
    total, note = call(app_url, "sum", 3, 4)
    assert total == 7
    assert note == {"__type__": "update"}  # left out of the returned dict: unchanged


# -- every component and layout of the catalog ------------------------------------------------
def _catalog() -> list[type[Block]]:
    classes: dict[str, type[Block]] = {}
    for name in gr.__all__:
        cls = getattr(gr, name)
        if (
            inspect.isclass(cls)
            and issubclass(cls, Block)
            and not issubclass(cls, BlocksCore)  # apps are not outputs
            and cls.__name__ == name
            and set(cls.PROPS) - cls.STATIC_PROPS - {"value"}  # State has nothing to update
        ):
            classes[name] = cls
    return [classes[name] for name in sorted(classes)]


def _candidates(annotation: str, default: Any) -> Iterator[Any]:
    """Values to try for a property of type ``annotation``: others than the default first."""
    literals = re.findall(r'"([^"]*)"', annotation) if "Literal[" in annotation else []
    yield from (literal for literal in literals if literal != default)
    if "bool" in annotation:
        yield not default if isinstance(default, bool) else True
    if re.search(r"\bint\b", annotation):
        yield 3 if default != 3 else 4
    if "float" in annotation:
        yield 0.25
    if re.search(r"\bstr\b", annotation):
        yield "sample text"
    if re.search(r"(list|Sequence)\[str", annotation):
        yield ["first", "second"]
    yield default


def _updated_payload(cls: type[Block], prop: str, value: Any) -> tuple[Any, Any]:
    """What an update of ``prop`` sends, and what the config of such a block shows."""
    returned = cls(**{prop: value}, render=False)
    output = cls(render=False)
    session = SessionState()
    update = as_update(output, returned)
    remember_update(output, update, session)
    seen = as_updated(output, session)
    sent = update_props(seen, postprocess_one(seen, update, True))
    config = component_config(returned, [], "http://app")["props"]
    return sent, config


@pytest.mark.parametrize("cls", _catalog(), ids=lambda cls: cls.__name__)
def test_every_updatable_property_round_trips_to_the_config(cls: type[Block]) -> None:
    parameters = inspect.signature(cls.__init__).parameters
    annotations: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        annotations.update(getattr(klass, "__annotations__", {}))
    checked = other_than_default = 0
    for prop in sorted(set(cls.PROPS) - cls.STATIC_PROPS - {"value"}):
        if prop not in parameters:
            continue
        default = parameters[prop].default
        for candidate in _candidates(str(annotations.get(prop, "")), default):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    sent, config = _updated_payload(cls, prop, candidate)
            except (ValueError, TypeError, Warning):
                continue  # not a valid (or a useless) value of this property: try the next one
            assert prop in sent, f"{cls.__name__}.{prop}: not in the update {sent}"
            assert sent[prop] == config.get(prop), f"{cls.__name__}.{prop}={candidate!r}"
            checked += 1
            other_than_default += candidate is not default
            break
    assert checked >= 1
    assert other_than_default >= checked // 2, f"{cls.__name__}: too few non-default samples"


def test_an_update_of_a_prop_the_output_lacks_is_refused() -> None:
    with pytest.raises(UpdateError, match=r"Slider.*has no properties 'colour', 'size'"):
        as_update(gr.Slider(render=False), gr.update(size=3, colour="red"))
    # an instance of another class: its extra properties are left out
    assert as_update(gr.Textbox(render=False), gr.Dropdown(choices=["a"], label="L")) == {
        "__type__": "update",
        "label": "L",
    }


def test_extra_template_props_are_updated_by_name_only() -> None:
    """``gr.HTML(size=30)`` returned changes the template prop ``size`` alone (a nested
    update, as Gradio sends it); the session sees both the old and the new extra props."""
    with gr.Blocks() as demo:
        stars = gr.HTML("x", html_template="${value}", rating=3, size=20)
        size = gr.Number(20)
        size.change(lambda s: gr.HTML(size=int(s)), size, stars, api_name="resize")

    with serve(demo) as url:
        client = Client(url, verbose=False)
        result = client.predict(30, api_name="/resize")
        assert result == {"__type__": "update", "props": {"__type__": "update", "size": 30}}
        state = SessionState()
        state.update_props(stars._id, {"props": {"__type__": "update", "size": 30}})
        state.update_props(stars._id, {"props": {"__type__": "update", "rating": 5}})
        view = as_updated(stars, state)
        assert view.props == {"rating": 5, "size": 30}
        assert stars.props == {"rating": 3, "size": 20}
