"""Gradio's presets (``TextArea``, ``Numpy`` …) and other spellings (``Text``, ``Json`` …)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from gradio_client import Client, handle_file

import specblocks as gr
from specblocks import components
from specblocks._generated.payloads import Brush
from specblocks.app._interface import component_from
from specblocks.components._templates import ALIASES, TEMPLATES, preset_init
from specblocks.core._component import Component
from specblocks.testing import serve

# template -> (base class, presets every instance gets)
PRESETS: dict[type[Any], tuple[type[Any], dict[str, Any]]] = {
    gr.TextArea: (gr.Textbox, {"lines": 7, "max_lines": 20}),
    gr.Sketchpad: (gr.ImageEditor, {"sources": (), "transforms": ("crop",)}),
    gr.Paint: (gr.ImageEditor, {"sources": (), "transforms": ("crop",), "brush": None}),
    gr.ImageMask: (gr.ImageEditor, {"transforms": ("crop",), "layers": False}),
    gr.PlayableVideo: (gr.Video, {"format": "mp4", "sources": ["upload"]}),
    gr.Microphone: (gr.Audio, {"format": "wav", "sources": ["microphone"]}),
    gr.Files: (gr.File, {"file_count": "multiple"}),
    gr.Numpy: (gr.Dataframe, {"type": "numpy", "row_count": 1}),
    gr.Matrix: (gr.Dataframe, {"type": "array", "row_count": 1}),
    gr.List: (gr.Dataframe, {"type": "array", "row_count": 1, "column_count": 1}),
}

# Presets made when the argument is left at None (the signature shows None).
MADE_WHEN_NONE: dict[type[Any], set[str]] = {
    gr.PlayableVideo: {"sources"},
    gr.Microphone: {"sources"},
}

SHORTCUTS = {
    "textarea": gr.TextArea,
    "sketchpad": gr.Sketchpad,
    "paint": gr.Paint,
    "imagemask": gr.ImageMask,
    "playablevideo": gr.PlayableVideo,
    "microphone": gr.Microphone,
    "files": gr.Files,
    "numpy": gr.Numpy,
    "matrix": gr.Matrix,
    "list": gr.List,
}


def test_every_template_is_listed_and_exported() -> None:
    assert set(TEMPLATES) == set(PRESETS)
    for cls in TEMPLATES:
        assert getattr(gr, cls.__name__) is cls
        assert getattr(components, cls.__name__) is cls
        assert cls.__name__ in gr.__all__
        assert cls.__doc__


def test_templates_are_not_catalog_classes() -> None:
    catalog = {getattr(components, name) for name in components.__all__}
    assert catalog.isdisjoint(TEMPLATES)


@pytest.mark.parametrize("cls", TEMPLATES, ids=lambda c: c.__name__)
def test_template_presets_its_base(cls: type[Any]) -> None:
    base, presets = PRESETS[cls]
    with gr.Blocks() as demo:
        block = cls(label="x")
    assert isinstance(block, base)
    assert block.NAME == base.NAME  # the browser draws the base component
    assert block.block_type() == base.block_type()
    assert block in demo.children or block.parent in demo.children  # a field goes in a Form
    assert block.label == "x"
    for name, value in presets.items():
        assert getattr(block, name) == value, name


@pytest.mark.parametrize("cls", TEMPLATES, ids=lambda c: c.__name__)
def test_template_signature_is_its_base_with_other_defaults(cls: type[Any]) -> None:
    base, presets = PRESETS[cls]
    ours = inspect.signature(cls).parameters
    theirs = inspect.signature(base).parameters
    assert list(ours) == list(theirs)
    for name, parameter in ours.items():
        assert parameter.kind == theirs[name].kind
        assert parameter.annotation == theirs[name].annotation
        expected = presets.get(name, theirs[name].default)
        if name in MADE_WHEN_NONE.get(cls, ()):
            expected = None  # the signature says None, as Gradio's does
        assert parameter.default == expected, name


def test_explicit_arguments_win_over_presets() -> None:
    assert gr.TextArea(lines=2, max_lines=None).lines == 2
    assert gr.Files(file_count="directory").file_count == "directory"
    assert gr.Microphone(sources=["upload", "microphone"]).sources == ["upload", "microphone"]
    assert gr.PlayableVideo(sources=["webcam"]).sources == ["webcam"]
    assert gr.Numpy(type="pandas").type == "pandas"
    brush = Brush(colors=["#ff0000"])
    assert gr.Sketchpad(brush=brush).brush is brush
    assert gr.ImageMask(brush=False).brush is False


def test_value_is_still_positional() -> None:
    assert gr.TextArea("hello").value == "hello"


def test_preset_brush_is_black_and_not_shared() -> None:
    first, second = gr.Sketchpad().brush, gr.ImageMask().brush
    assert isinstance(first, Brush)
    assert first.colors == ["#000000"]
    assert first.color_mode == "fixed"
    assert first == second
    assert first is not second
    assert gr.Paint().brush is None


def test_unknown_arguments_are_refused() -> None:
    with pytest.raises(TypeError, match="bogus"):
        gr.TextArea(bogus=1)  # type: ignore[call-arg]


def test_presets_must_be_keyword_only_arguments_of_the_base() -> None:
    with pytest.raises(TypeError, match="no keyword-only argument 'bogus'"):
        preset_init(gr.Textbox, bogus=1)
    with pytest.raises(TypeError, match="no keyword-only argument 'value'"):
        preset_init(gr.Textbox, value="x")


@pytest.mark.parametrize(("alias", "cls"), sorted(ALIASES.items()))
def test_alias_is_the_same_class(alias: str, cls: type[Any]) -> None:
    assert getattr(gr, alias) is cls
    assert alias in gr.__all__


def test_aliases_name_the_right_classes() -> None:
    assert gr.Text is gr.Textbox
    assert gr.DataFrame is gr.Dataframe
    assert gr.Checkboxgroup is gr.CheckboxGroup
    assert gr.Highlightedtext is gr.HighlightedText
    assert gr.Json is gr.JSON
    assert gr.Annotatedimage is gr.AnnotatedImage
    assert gr.TabItem is gr.Tab
    assert gr.Mic is gr.Microphone


# -- Interface shortcuts --------------------------------------------------------------------


@pytest.mark.parametrize(("shortcut", "cls"), sorted(SHORTCUTS.items()))
def test_interface_shortcut_builds_the_template(shortcut: str, cls: type[Component]) -> None:
    component = component_from(shortcut, "input")
    assert type(component) is cls
    assert not component.is_rendered


def test_base_shortcuts_still_build_the_base_classes() -> None:
    for shortcut, cls in [
        ("text", gr.Textbox),
        ("dataframe", gr.Dataframe),
        ("audio", gr.Audio),
        ("file", gr.File),
        ("video", gr.Video),
        ("imageeditor", gr.ImageEditor),
    ]:
        assert type(component_from(shortcut, "input")) is cls


def test_interface_lays_out_string_templates() -> None:
    demo = gr.Interface(lambda text, rows: (text, rows), ["textarea", "list"], ["text", "json"])
    textarea, rows = demo.input_components
    assert isinstance(textarea, gr.TextArea)
    assert textarea.lines == 7
    assert isinstance(rows, gr.List)
    assert textarea.is_rendered
    assert rows.is_rendered


# -- served ---------------------------------------------------------------------------------


def test_templates_convert_values_on_a_real_server(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("a")
    second.write_text("bb")

    def shape(table: np.ndarray) -> list[int]:
        assert isinstance(table, np.ndarray)
        return list(table.shape)

    def rows(table: list[list[Any]]) -> int:
        assert isinstance(table, list)
        return len(table)

    def sizes(paths: list[str]) -> list[int]:
        return sorted(Path(p).stat().st_size for p in paths)

    with gr.Blocks() as demo:
        array = gr.Numpy()
        matrix = gr.Matrix()
        files = gr.Files()
        text = gr.TextArea()
        out = gr.JSON()
        gr.Button().click(shape, array, out, api_name="shape")
        gr.Button().click(rows, matrix, out, api_name="rows")
        gr.Button().click(sizes, files, out, api_name="sizes")
        gr.Button().click(lambda s: s.count("\n"), text, out, api_name="newlines")

    table = {"headers": ["a", "b"], "data": [[1, 2], [3, 4], [5, 6]], "metadata": None}
    with serve(demo) as url:
        config = httpx.get(f"{url}config").json()
        shown = {c["id"]: c for c in config["components"]}
        assert shown[text._id]["type"] == "textbox"
        assert shown[text._id]["props"]["lines"] == 7
        assert shown[array._id]["type"] == "dataframe"
        client = Client(url, verbose=False)
        assert client.predict(table, api_name="/shape") == [3, 2]
        assert client.predict(table, api_name="/rows") == 3
        assert client.predict(
            [handle_file(str(first)), handle_file(str(second))], api_name="/sizes"
        ) == [1, 2]
        assert client.predict("one\ntwo\nthree", api_name="/newlines") == 2
