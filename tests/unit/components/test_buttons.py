"""Data contract and listeners of the label buttons: Button, ClearButton, DeepLinkButton,
DuplicateButton and LoginButton."""

from __future__ import annotations

import json
from typing import Any

import pytest

import specblocks as gr
from specblocks.exceptions import PayloadError


@pytest.mark.parametrize("cls", [gr.Button, gr.DeepLinkButton, gr.DuplicateButton, gr.LoginButton])
def test_label_is_the_value(cls: Any) -> None:
    button = cls()
    assert button.preprocess("Go") == "Go"
    assert button.preprocess(None) is None
    assert button.postprocess("Stop") == "Stop"
    assert button.postprocess(None) == "None"
    assert button.postprocess(3) == "3"
    assert button.api_info()["type"] == "string"
    with pytest.raises(PayloadError):
        button.preprocess({"label": "Go"})


def test_initial_label() -> None:
    assert gr.Button("Run").initial_value() == "Run"
    assert gr.LoginButton().initial_value() == "Sign in with Hugging Face"


def test_clear_button_postprocess_keeps_none() -> None:
    button = gr.ClearButton()
    assert button.postprocess(None) is None
    assert button.postprocess("Reset") == "Reset"
    assert button.preprocess("Clear") == "Clear"


def test_clear_button_empties_components_in_the_browser() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox("hello")
        slider = gr.Slider(2, 5)
        group = gr.CheckboxGroup(["a"])
        button = gr.ClearButton([text, slider, group])
    (clear,) = demo.dependencies
    assert clear.targets[0][0] is button
    assert clear.fn is None
    assert clear.outputs == [text, slider, group]
    js = clear.options.js
    assert isinstance(js, str)
    assert json.loads(js.removeprefix("() => ")) == [None, 2, []]


def test_clear_button_resets_state_on_the_server() -> None:
    with gr.Blocks() as demo:
        state = gr.State({"count": 0})
        other = gr.State([])
        gr.ClearButton([state, other])
    _, reset = demo.dependencies
    assert reset.outputs == [state, other]
    assert reset.fn is not None
    assert reset.fn() == [{"count": 0}, []]
    first = reset.fn()[0]
    first["count"] = 5
    assert reset.fn()[0] == {"count": 0}


def test_clear_button_add() -> None:
    with gr.Blocks() as demo:
        button = gr.ClearButton()
        number = gr.Number(5)
        assert button.add(number) is button
        assert button.add(None) is button
    (clear,) = demo.dependencies
    assert clear.outputs == [number]


def test_clear_button_outside_blocks_attaches_nothing() -> None:
    text = gr.Textbox()
    button = gr.ClearButton([text])
    assert button.components == [text]


def test_deep_link_button_copies_and_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("specblocks.components._label_buttons._RESTORE_DELAY", 0)
    with gr.Blocks() as demo:
        button = gr.DeepLinkButton(copied_value="Done!")
        assert demo.dependencies == []
        button.activate()
    copy, restore = demo.dependencies
    assert copy.fn is None
    assert copy.outputs == [button]
    assert isinstance(copy.options.js, str)
    assert "deep_link" in copy.options.js
    assert '"Done!"' in copy.options.js
    assert restore.fn is not None
    assert restore.fn() == "Share via Link"


def test_duplicate_button_only_acts_on_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPACE_ID", raising=False)
    with gr.Blocks() as local:
        gr.DuplicateButton()
    assert local.dependencies == []
    monkeypatch.setenv("SPACE_ID", "user/space")
    with gr.Blocks() as space:
        gr.DuplicateButton()
        gr.DuplicateButton(_activate=False)
    (open_page,) = space.dependencies
    assert isinstance(open_page.options.js, str)
    assert "https://huggingface.co/spaces/user/space?duplicate=true" in open_page.options.js


def test_login_button_redirects_in_the_browser() -> None:
    with gr.Blocks() as demo:
        button = gr.LoginButton("Log in")
        assert demo.dependencies == []
        button.activate()
    (redirect,) = demo.dependencies
    assert redirect.fn is None
    assert redirect.inputs == [button]
    assert isinstance(redirect.options.js, str)
    assert '"Log in"' in redirect.options.js
    assert "/login/huggingface" in redirect.options.js
