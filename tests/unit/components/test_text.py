"""Data contract of the text components: Textbox, MultimodalTextbox, Code, Number, DateTime,
HighlightedText, Dialogue, Markdown and HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import specblocks as gr
from specblocks.core import _files
from specblocks.core._files import FileCache
from specblocks.exceptions import PayloadError
from specblocks.i18n import I18nData


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileCache:
    store = FileCache(tmp_path / "cache")
    monkeypatch.setattr(_files, "_default", store)
    return store


# -- Textbox ---------------------------------------------------------------------------------
def test_textbox_passes_text_and_converts_returned_values() -> None:
    box = gr.Textbox()
    assert box.preprocess("hello") == "hello"
    assert box.preprocess(None) is None
    assert box.preprocess(12) == "12"
    assert box.postprocess(3.5) == "3.5"
    assert box.postprocess(None) is None
    assert box.postprocess(I18nData("greeting")) == str(I18nData("greeting"))
    assert box.api_info() == {"type": "string"}


def test_textbox_rejects_structured_payloads() -> None:
    with pytest.raises(PayloadError, match="Textbox"):
        gr.Textbox().preprocess({"text": "x"})


def test_textbox_type_is_checked_and_password_fields_have_one_line() -> None:
    with pytest.raises(ValueError, match="type"):
        gr.Textbox(type="search")  # type: ignore[arg-type]
    with pytest.warns(UserWarning, match="lines"):
        box = gr.Textbox(type="password", lines=3)
    assert box.lines == 3  # constructor arguments are stored as given
    with pytest.warns(UserWarning, match="max_lines"):
        gr.Textbox(type="email", max_lines=5)


def test_initial_value_of_a_callable_is_evaluated() -> None:
    assert gr.Textbox(lambda: 42).initial_value() == "42"


# -- MultimodalTextbox -----------------------------------------------------------------------
def _upload(cache: FileCache, name: str, data: bytes = b"data") -> dict[str, Any]:
    path = cache.store_bytes(data, name)
    return {"path": str(path), "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_multimodal_preprocess_gives_text_and_paths(cache: FileCache) -> None:
    box = gr.MultimodalTextbox()
    upload = _upload(cache, "cat.png")
    assert box.preprocess({"text": "look", "files": [upload]}) == {
        "text": "look",
        "files": [upload["path"]],
    }
    assert box.preprocess({"text": "only text"}) == {"text": "only text", "files": []}
    assert box.preprocess(None) is None


def test_multimodal_preprocess_checks_file_types(cache: FileCache) -> None:
    box = gr.MultimodalTextbox(file_types=["audio", ".txt"])
    assert box.preprocess({"text": "", "files": [_upload(cache, "a.wav")]})["files"]
    assert box.preprocess({"text": "", "files": [_upload(cache, "notes.TXT")]})["files"]
    with pytest.raises(PayloadError, match="file type"):
        box.preprocess({"text": "", "files": [_upload(cache, "cat.png")]})


@pytest.mark.parametrize(
    "payload",
    ["text", {"text": 3, "files": []}, {"text": "", "files": "a.png"}, {"text": "", "files": [1]}],
)
def test_multimodal_rejects_bad_payloads(payload: Any) -> None:
    with pytest.raises(PayloadError):
        gr.MultimodalTextbox().preprocess(payload)


def test_multimodal_postprocess_copies_files_into_the_cache(
    cache: FileCache, tmp_path: Path
) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF-1.4")
    box = gr.MultimodalTextbox()
    out = box.postprocess({"text": "see", "files": [str(source), "https://example.com/x.png"]})
    assert out["text"] == "see"
    local, remote = out["files"]
    assert cache.contains(local["path"])
    assert Path(local["path"]).read_bytes() == b"%PDF-1.4"
    assert local["orig_name"] == "report.pdf"
    assert local["mime_type"] == "application/pdf"
    assert local["meta"] == {"_type": "gradio.FileData"}
    assert local["url"] is None
    assert remote["path"] == "https://example.com/x.png"
    assert remote["orig_name"] == "x.png"
    # round trip: what the browser sends back is what the function receives
    again = box.preprocess({"text": out["text"], "files": out["files"][:1]})
    assert again == {"text": "see", "files": [local["path"]]}


def test_multimodal_postprocess_strings_none_and_errors(tmp_path: Path) -> None:
    box = gr.MultimodalTextbox()
    assert box.postprocess("hi") == {"text": "hi", "files": []}
    assert box.postprocess(None) == {"text": "", "files": []}
    with pytest.raises(TypeError, match="MultimodalTextbox"):
        box.postprocess(42)
    with pytest.raises(TypeError, match="'text'"):
        box.postprocess({"text": 1})
    with pytest.raises(ValueError, match="does not exist"):
        box.postprocess({"files": [str(tmp_path / "missing.png")]})


def test_multimodal_sources_and_file_types_are_checked() -> None:
    assert gr.MultimodalTextbox(sources="microphone").sources == "microphone"
    with pytest.raises(ValueError, match="sources"):
        gr.MultimodalTextbox(sources=["webcam"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="file_types"):
        gr.MultimodalTextbox(file_types=".png")  # type: ignore[arg-type]


# -- Code and Markdown -----------------------------------------------------------------------
def test_code_strips_returned_code_and_checks_language() -> None:
    code = gr.Code(language="python")
    assert code.postprocess("\n  x = 1\n\n") == "x = 1"
    assert code.postprocess(None) is None
    assert code.preprocess("y = 2") == "y = 2"
    with pytest.raises(ValueError, match="tuple"):
        code.postprocess(("file.py",))
    with pytest.raises(TypeError, match="Code"):
        code.postprocess(5)
    with pytest.raises(PayloadError):
        code.preprocess(["x"])
    with pytest.raises(ValueError, match="cobol"):
        gr.Code(language="cobol")  # type: ignore[arg-type]


def test_markdown_removes_common_indentation() -> None:
    md = gr.Markdown()
    assert md.postprocess("\n    # Title\n\n    Body\n    ") == "# Title\n\nBody"
    assert md.postprocess(None) is None
    assert md.postprocess(I18nData("intro")) == str(I18nData("intro"))
    assert md.preprocess("# x") == "# x"
    with pytest.raises(TypeError, match="Markdown"):
        md.postprocess(3)


# -- Number ----------------------------------------------------------------------------------
def test_number_rounds_to_precision() -> None:
    whole = gr.Number(precision=0)
    assert whole.preprocess(3.6) == 4
    assert isinstance(whole.preprocess(3.6), int)
    assert whole.postprocess(2.4) == 2
    assert gr.Number(precision=2).preprocess(3.14159) == 3.14
    assert gr.Number().preprocess(3) == 3
    assert gr.Number().preprocess(None) is None
    assert gr.Number().postprocess(None) is None


def test_number_accepts_numpy_and_numeric_strings_from_functions() -> None:
    number = gr.Number()
    out = number.postprocess(np.int64(7))
    assert out == 7
    assert type(out) is int
    assert number.postprocess(np.float32(0.5)) == 0.5
    assert number.postprocess("2.5") == 2.5
    with pytest.raises(TypeError, match="Number"):
        number.postprocess("many")
    with pytest.raises(TypeError, match="Number"):
        number.postprocess([1])


def test_number_checks_bounds_and_payload_type() -> None:
    number = gr.Number(minimum=0, maximum=10)
    assert number.preprocess(10) == 10
    with pytest.raises(PayloadError, match="minimum"):
        number.preprocess(-1)
    with pytest.raises(PayloadError, match="maximum"):
        number.preprocess(10.5)
    with pytest.raises(PayloadError, match="number"):
        number.preprocess("5")
    with pytest.raises(PayloadError, match="number"):
        number.preprocess(True)


def test_number_api_info_and_example_depend_on_the_instance() -> None:
    assert gr.Number(precision=0).api_info() == {"type": "integer"}
    assert gr.Number().api_info() == {"type": "number"}
    assert gr.Number().example_payload() == 3
    assert gr.Number(minimum=1.234, precision=1).example_payload() == 1.2


# -- DateTime --------------------------------------------------------------------------------
def test_datetime_preprocess_by_type() -> None:
    text = "2020-01-02 03:04:05"
    naive = dt.datetime(2020, 1, 2, 3, 4, 5)
    assert gr.DateTime().preprocess(text) == naive.timestamp()
    assert gr.DateTime(type="datetime").preprocess(text) == naive
    assert gr.DateTime(type="string").preprocess(text) == text
    assert gr.DateTime(type="string").preprocess("as typed") == "as typed"
    assert gr.DateTime().preprocess("  ") is None
    assert gr.DateTime().preprocess(None) is None


def test_datetime_timezone_makes_aware_values() -> None:
    paris = gr.DateTime(type="datetime", timezone="Europe/Paris")
    moment = paris.preprocess("2020-07-01 12:00:00")
    assert moment == dt.datetime(2020, 7, 1, 12, tzinfo=ZoneInfo("Europe/Paris"))
    stamp = gr.DateTime(timezone="UTC").preprocess("1970-01-02 00:00:00")
    assert stamp == 86400.0
    assert gr.DateTime(timezone="Asia/Tokyo").postprocess(0) == "1970-01-01 09:00:00"


def test_datetime_relative_times() -> None:
    before = dt.datetime.now()
    value = gr.DateTime(type="datetime").preprocess("now - 2h")
    assert isinstance(value, dt.datetime)
    assert before - dt.timedelta(hours=2, seconds=5) <= value <= dt.datetime.now()
    assert isinstance(gr.DateTime(type="string").preprocess("now"), str)
    with pytest.raises(PayloadError, match="relative"):
        gr.DateTime().preprocess("now + 1d")


def test_datetime_rejects_bad_payloads() -> None:
    with pytest.raises(PayloadError, match="format"):
        gr.DateTime().preprocess("02/01/2020")
    with pytest.raises(PayloadError, match="format"):
        gr.DateTime(include_time=False).preprocess("2020-01-02 03:04:05")
    with pytest.raises(PayloadError):
        gr.DateTime().preprocess(123)


def test_datetime_postprocess_and_api_info() -> None:
    day = gr.DateTime(include_time=False)
    assert day.postprocess(dt.datetime(2021, 5, 6, 7, 8, 9)) == "2021-05-06"
    assert day.postprocess(dt.date(2021, 5, 6)) == "2021-05-06"
    assert gr.DateTime().postprocess("tomorrow") == "tomorrow"
    assert gr.DateTime().postprocess(None) is None
    with pytest.raises(TypeError, match="DateTime"):
        gr.DateTime().postprocess([2021])
    assert day.api_info() == {"type": "string", "description": "Formatted as YYYY-MM-DD"}
    assert gr.DateTime().api_info()["description"] == "Formatted as YYYY-MM-DD HH:MM:SS"
    with pytest.raises(ValueError, match="timezone"):
        gr.DateTime(timezone="Mars/Olympus").postprocess(0)


# -- HighlightedText -------------------------------------------------------------------------
def test_highlighted_text_from_pairs() -> None:
    text = gr.HighlightedText()
    assert text.postprocess([("The ", None), ("fox", "animal"), (" ran", 0.5)]) == [
        {"token": "The ", "class_or_confidence": None},
        {"token": "fox", "class_or_confidence": "animal"},
        {"token": " ran", "class_or_confidence": 0.5},
    ]
    assert text.postprocess(None) is None


def test_highlighted_text_from_entities() -> None:
    value = {
        "text": "Hello big World",
        "entities": [
            {"entity": "LOC", "start": 10, "end": 15},
            {"entity_group": "ADJ", "start": 6, "end": 9},
        ],
    }
    assert gr.HighlightedText().postprocess(value) == [
        {"token": "Hello ", "class_or_confidence": None},
        {"token": "big", "class_or_confidence": "ADJ"},
        {"token": " ", "class_or_confidence": None},
        {"token": "World", "class_or_confidence": "LOC"},
        {"token": "", "class_or_confidence": None},
    ]
    assert gr.HighlightedText().postprocess({"text": "Hi", "entities": []}) == [
        {"token": "Hi", "class_or_confidence": None}
    ]


def test_highlighted_text_combines_adjacent_spans_and_trims() -> None:
    combined = gr.HighlightedText(combine_adjacent=True, adjacent_separator="_")
    out = combined.postprocess([("a", "x"), ("b", "x"), ("", None), ("c", None), ("d", "x")])
    assert out == [
        {"token": "a_b", "class_or_confidence": "x"},
        {"token": "c", "class_or_confidence": None},
        {"token": "d", "class_or_confidence": "x"},
    ]
    trimmed = gr.HighlightedText(show_whitespaces=False)
    assert trimmed.postprocess([(" a ", "x")]) == [{"token": "a", "class_or_confidence": "x"}]


def test_highlighted_text_round_trip_and_errors() -> None:
    text = gr.HighlightedText()
    payload = text.postprocess([("a", "x"), ("b", None)])
    received = text.preprocess(payload)
    assert received == payload
    assert text.postprocess(received) == payload
    with pytest.raises(ValueError, match="'text' and 'entities'"):
        text.postprocess({"text": "x"})
    with pytest.raises(TypeError, match="HighlightedText"):
        text.postprocess(5)
    with pytest.raises(TypeError, match="pairs"):
        text.postprocess([("a", "b", "c")])
    with pytest.raises(PayloadError):
        text.preprocess([["a", "x"]])
    with pytest.raises(PayloadError):
        text.preprocess({"token": "a"})


# -- Dialogue --------------------------------------------------------------------------------
LINES = [{"speaker": "Ann", "text": "Hi"}, {"speaker": "Bob", "text": "Hello"}]


def test_dialogue_preprocess_by_type() -> None:
    as_list = gr.Dialogue(type="list")
    assert as_list.preprocess(LINES) == LINES
    assert as_list.preprocess("typed text") == "typed text"
    assert gr.Dialogue().preprocess("typed text") == "typed text"
    assert gr.Dialogue(type="text").preprocess(LINES) == "[Ann] Hi\n[Bob] Hello"
    assert gr.Dialogue(type="text").preprocess([{"speaker": "Ann", "text": ""}]) == ""
    custom = gr.Dialogue(type="text", separator=" | ", formatter=lambda s, t: f"{s}: {t}")
    assert custom.preprocess(LINES) == "Ann: Hi | Bob: Hello"
    with pytest.raises(PayloadError):
        as_list.preprocess([{"speaker": "Ann"}])


def test_dialogue_postprocess_and_unformat() -> None:
    dialogue = gr.Dialogue(speakers=["Ann", "Bob"])
    assert dialogue.postprocess(LINES) == LINES
    assert dialogue.postprocess("plain") == "plain"
    assert dialogue.postprocess(None) is None
    with pytest.raises(TypeError, match="Dialogue"):
        dialogue.postprocess([{"speaker": "Ann", "text": 1}])
    assert dialogue.unformat({"text": "[Bob] Yo\nno speaker\n\n"}) == [
        {"speaker": "Bob", "text": "Yo"},
        {"speaker": "Ann", "text": "no speaker"},
    ]
    assert dialogue.format(LINES) == "[Ann] Hi\n[Bob] Hello"
    with pytest.raises(ValueError, match="separator"):
        gr.Dialogue(separator=" ")


# -- HTML ------------------------------------------------------------------------------------
def test_html_passes_values_and_warns_about_scripts() -> None:
    html = gr.HTML()
    assert html.postprocess("<b>x</b>") == "<b>x</b>"
    assert html.postprocess({"count": 3}) == {"count": 3}
    assert html.preprocess("<p>y</p>") == "<p>y</p>"
    with pytest.warns(UserWarning, match="script"):
        html.postprocess("<script>alert(1)</script>")
    with pytest.warns(UserWarning, match="html_template"):
        gr.HTML(html_template="<script src='x.js'></script>${value}")


def test_html_holds_children_and_server_functions() -> None:
    def shout(text: str) -> str:
        return text.upper()

    with gr.Blocks(), gr.HTML(server_functions=[shout]) as html:
        button = gr.Button("inside")
    assert html.children == [button]
    assert html.shout("a") == "A"  # type: ignore[attr-defined]
    assert html.server_fns == [shout]


def test_html_config_sends_extra_props_and_server_function_names() -> None:
    def shout(text: str) -> str:
        return text.upper()

    html = gr.HTML(html_template="${count}", server_functions=[shout], count=3, render=False)
    assert html.config_props() == {
        "props": {"count": 3},
        "component_class_name": "HTML",
        "server_fns": ["shout"],
    }
