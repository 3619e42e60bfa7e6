"""Data contract of the choice components: Checkbox, CheckboxGroup, Radio, Dropdown, Slider and
ColorPicker."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import specblocks as gr
from specblocks.exceptions import PayloadError
from specblocks.sentinels import FIRST_CHOICE


# -- Checkbox and ColorPicker ----------------------------------------------------------------
def test_checkbox() -> None:
    box = gr.Checkbox()
    assert box.preprocess(True) is True
    assert box.preprocess(None) is None
    assert box.postprocess(None) is False
    assert box.postprocess("yes") is True
    with pytest.raises(PayloadError, match="Checkbox"):
        box.preprocess("true")


def test_color_picker() -> None:
    picker = gr.ColorPicker()
    assert picker.preprocess("#ff0000") == "#ff0000"
    assert picker.preprocess(None) is None
    assert picker.postprocess("#00ff00") == "#00ff00"
    assert picker.postprocess(None) is None
    with pytest.raises(PayloadError):
        picker.preprocess(255)


# -- choices ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", [gr.Radio, gr.CheckboxGroup, gr.Dropdown])
def test_choices_become_label_value_pairs(cls: Any) -> None:
    component = cls(["a", ("Bee", "b"), ["Sea", 3]])
    assert component.choice_pairs == [("a", "a"), ("Bee", "b"), ("Sea", 3)]
    assert component.choice_values == ["a", "b", 3]
    assert cls().choice_pairs == []
    assert cls().choices is None


@pytest.mark.parametrize("cls", [gr.Radio, gr.CheckboxGroup, gr.Dropdown])
def test_type_is_checked(cls: Any) -> None:
    with pytest.raises(ValueError, match="type"):
        cls(["a"], type="label")


# -- CheckboxGroup ---------------------------------------------------------------------------
def test_checkbox_group_values_and_indices() -> None:
    choices = [("A", "a"), ("B", "b"), ("C", "c")]
    assert gr.CheckboxGroup(choices).preprocess(["c", "a"]) == ["c", "a"]
    assert gr.CheckboxGroup(choices, type="index").preprocess(["c", "a"]) == [2, 0]
    assert gr.CheckboxGroup(choices).preprocess(None) == []


def test_checkbox_group_rejects_unknown_values() -> None:
    group = gr.CheckboxGroup([1, 2])
    with pytest.raises(PayloadError, match="not one of the choices"):
        group.preprocess([3])
    with pytest.raises(PayloadError):
        group.preprocess(1)
    with pytest.raises(PayloadError):
        group.preprocess([[1]])


def test_checkbox_group_postprocess() -> None:
    group = gr.CheckboxGroup(["a", "b", "c"])
    assert group.postprocess(["a"]) == ["a"]
    assert group.postprocess("b") == ["b"]
    assert group.postprocess(None) == []
    assert group.postprocess(("a", "b")) == ["a", "b"]
    assert group.postprocess({"c", "a"}) == ["a", "c"]


def test_checkbox_group_api_info_and_example() -> None:
    group = gr.CheckboxGroup(["a", ("B", "b")])
    info = group.api_info()
    assert info["type"] == "array"
    assert info["items"] == {"enum": ["a", "b"], "type": "string"}
    assert group.example_payload() == ["a"]
    assert gr.CheckboxGroup([1, 2]).api_info()["items"] == {"enum": [1, 2], "type": "integer"}
    assert gr.CheckboxGroup().example_payload() == []


# -- Radio -----------------------------------------------------------------------------------
def test_radio() -> None:
    radio = gr.Radio([("One", 1), ("Two", 2)])
    assert radio.preprocess(2) == 2
    assert radio.preprocess(None) is None
    assert gr.Radio([("One", 1), ("Two", 2)], type="index").preprocess(2) == 1
    assert radio.postprocess(1) == 1
    assert radio.example_payload() == 1
    assert gr.Radio().example_payload() is None
    info = radio.api_info()  # as Gradio's: the choices, without null
    assert (info["enum"], info["type"], info["title"]) == ([1, 2], "integer", "Radio")
    assert "anyOf" not in info
    with pytest.raises(PayloadError, match="not one of the choices"):
        radio.preprocess(3)
    with pytest.raises(PayloadError):
        radio.preprocess({"value": 1})


# -- Dropdown --------------------------------------------------------------------------------
def test_dropdown_first_choice_default() -> None:
    assert gr.Dropdown(["x", "y"]).value is FIRST_CHOICE
    assert gr.Dropdown(["x", "y"]).initial_value() == "x"
    assert gr.Dropdown([("X", 10), ("Y", 20)]).initial_value() == 10
    assert gr.Dropdown().initial_value() is None
    assert gr.Dropdown(["x"], multiselect=True).initial_value() == []
    assert gr.Dropdown(["x", "y"], value="y", multiselect=True).initial_value() == ["y"]
    assert gr.Dropdown(["x"], value=None).initial_value() is None
    assert gr.Dropdown(["x", "y"], value=None).postprocess(FIRST_CHOICE) == "x"


def test_dropdown_preprocess() -> None:
    assert gr.Dropdown(["x", "y"]).preprocess("y") == "y"
    assert gr.Dropdown(["x", "y"], type="index").preprocess("y") == 1
    assert gr.Dropdown(["x", "y"]).preprocess(None) is None
    multi = gr.Dropdown(["x", "y"], multiselect=True, type="index")
    assert multi.preprocess(["y", "x"]) == [1, 0]
    assert gr.Dropdown(["x", "y"], multiselect=True).preprocess("x") == ["x"]
    custom = gr.Dropdown(["x"], allow_custom_value=True, type="index")
    assert custom.preprocess("z") is None
    assert gr.Dropdown(["x"], allow_custom_value=True).preprocess("z") == "z"


def test_dropdown_rejects_bad_payloads() -> None:
    with pytest.raises(PayloadError, match="not one of the choices"):
        gr.Dropdown(["x"]).preprocess("z")
    with pytest.raises(PayloadError, match="not one of the choices"):
        gr.Dropdown(["x"], multiselect=True).preprocess(["x", "z"])
    with pytest.raises(PayloadError, match="multiselect"):
        gr.Dropdown(["x"]).preprocess(["x"])
    with pytest.raises(PayloadError):
        gr.Dropdown(["x"], allow_custom_value=True).preprocess({"a": 1})


def test_dropdown_postprocess() -> None:
    multi = gr.Dropdown(["x", "y"], multiselect=True)
    assert multi.postprocess("x") == ["x"]
    assert multi.postprocess(("x", "y")) == ["x", "y"]
    assert multi.postprocess(None) is None
    assert gr.Dropdown(["x"]).postprocess("x") == "x"
    with pytest.warns(UserWarning, match="not one of the choices"):
        assert gr.Dropdown(["x"]).postprocess("z") == "z"
    assert gr.Dropdown(["x"], allow_custom_value=True).postprocess("z") == "z"


def test_dropdown_api_info_and_example() -> None:
    single = gr.Dropdown(["x", "y"])
    info = single.api_info()  # as Gradio's: the choices, without null
    assert (info["enum"], info["type"]) == (["x", "y"], "string")
    assert "anyOf" not in info
    assert single.example_payload() == "x"
    multi = gr.Dropdown(["x", "y"], multiselect=True)
    info = multi.api_info()
    assert (info["type"], info["items"]) == ("array", {"enum": ["x", "y"], "type": "string"})
    assert multi.example_payload() == ["x"]
    assert gr.Dropdown().example_payload() is None
    assert gr.Dropdown([1, 2.5]).api_info()["type"] == "number"


def test_dropdown_constructor_checks() -> None:
    with pytest.warns(UserWarning, match="max_choices"):
        gr.Dropdown(["x"], max_choices=2)
    with pytest.warns(UserWarning, match="filterable"):
        gr.Dropdown(["x"], allow_custom_value=True, filterable=False)
    with pytest.raises(ValueError, match="num_choices_shown"):
        gr.Dropdown(["x"], num_choices_shown=0)


# -- Slider ----------------------------------------------------------------------------------
def test_slider_default_step() -> None:
    assert gr.Slider(0, 100).step is None
    assert gr.Slider(0, 100).resolved_step == 1
    assert gr.Slider(0, 1).resolved_step == 0.01
    assert gr.Slider(-3, 2000).resolved_step == 10
    assert gr.Slider(0, 10, step=0.5).resolved_step == 0.5


def test_slider_preprocess_checks_range_and_rounds() -> None:
    slider = gr.Slider(0, 10, precision=1)
    assert slider.preprocess(3.14159) == 3.1
    assert gr.Slider(0, 10).preprocess(3.14159) == 3.14159
    whole = gr.Slider(0, 10, precision=0).preprocess(3.5)
    assert whole == 4
    assert isinstance(whole, int)
    with pytest.raises(PayloadError, match="maximum"):
        slider.preprocess(11)
    with pytest.raises(PayloadError, match="minimum"):
        slider.preprocess(-0.1)
    with pytest.raises(PayloadError, match="number"):
        slider.preprocess(None)


def test_slider_postprocess() -> None:
    slider = gr.Slider(5, 10, precision=0)
    assert slider.postprocess(None) == 5
    assert slider.postprocess(7.6) == 8
    assert slider.postprocess(np.float64(6.2)) == 6
    with pytest.raises(TypeError, match="Slider"):
        slider.postprocess("far")


def test_slider_randomize_and_checks() -> None:
    slider = gr.Slider(0, 1, randomize=True)
    assert slider.value_is_callable
    assert not gr.Slider(0, 1).value_is_callable
    assert gr.Slider(0, 1, value=0.5).initial_value() == 0.5
    for _ in range(20):
        value = slider.initial_value()
        assert 0 <= value <= 1
        assert round(value, 2) == value
    with pytest.raises(ValueError, match="minimum"):
        gr.Slider(3, 3)


def test_slider_api_info_and_example() -> None:
    assert gr.Slider(0, 5, precision=0).api_info() == {
        "type": "integer",
        "description": "numeric value between 0 and 5",
    }
    assert gr.Slider(2, 5).api_info()["type"] == "number"
    assert gr.Slider(2, 5).example_payload() == 2
