"""specblocks-client helpers that need no app: edit lists, event parsing, file schemas."""

from __future__ import annotations

from typing import Any

import pytest

from specblocks_client._api import Endpoint
from specblocks_client._diff import apply_edits
from specblocks_client._files import is_file_data, replace_files, schema_has_file
from specblocks_client._sse import iter_events


@pytest.mark.parametrize(
    ("previous", "edits", "expected"),
    [
        ("ab", [["append", [], "c"]], "abc"),
        ("ab", [["replace", [], {"x": 1}]], {"x": 1}),
        ("ab", [], "ab"),
        ({"a": [1, 2]}, [["add", ["a", 1], 9], ["delete", ["a", 0], None]], {"a": [9, 2]}),
        (
            {"a": {"b": "x"}},
            [["append", ["a", "b"], "y"], ["add", ["c"], 3]],
            {"a": {"b": "xy"}, "c": 3},
        ),
        ([[1], [2]], [["replace", [1, 0], 5]], [[1], [5]]),
    ],
)
def test_apply_edits(previous: Any, edits: list[Any], expected: Any) -> None:
    before = repr(previous)
    assert apply_edits(previous, edits) == expected
    assert repr(previous) == before, "the previous value is left alone"


def test_apply_edits_rejects_unknown_operations() -> None:
    with pytest.raises(ValueError, match="unknown edit"):
        apply_edits({"a": 1}, [["move", ["a"], 2]])
    with pytest.raises(ValueError, match="needs a path"):
        apply_edits("x", [["delete", [], None]])


def test_iter_events_splits_frames() -> None:
    lines = ['data: {"a":1}', "", ": comment", "event: x", "data: one", "data:two", "", "data: 3"]
    assert list(iter_events(iter(lines))) == ['{"a":1}', "one\ntwo", "3"]


def test_file_data_detection() -> None:
    file = {"path": "/tmp/x", "meta": {"_type": "gradio.FileData"}}
    assert is_file_data(file)
    assert not is_file_data({"path": "/tmp/x"})
    assert not is_file_data({"path": 3, "meta": {"_type": "gradio.FileData"}})
    nested = {"gallery": [{"image": file, "caption": "c"}], "n": 1}
    assert replace_files(nested, lambda f: f["path"]) == {
        "gallery": [{"image": "/tmp/x", "caption": "c"}],
        "n": 1,
    }


def test_schema_has_file() -> None:
    by_ref = {
        "$defs": {
            "Meta": {"properties": {"_type": {"const": "gradio.FileData"}}},
            "FileData": {"properties": {"path": {}, "meta": {"$ref": "#/$defs/Meta"}}},
        },
        "type": "array",
        "items": {"$ref": "#/$defs/FileData"},
    }
    by_default = {"properties": {"path": {}, "meta": {"default": {"_type": "gradio.FileData"}}}}
    assert schema_has_file(by_ref)
    assert schema_has_file(by_default)
    assert not schema_has_file({"type": "string"})
    assert not schema_has_file(None)


def _endpoint(parameters: list[dict[str, Any]] | None) -> Endpoint:
    return Endpoint(
        fn_index=3,
        api_name="/e",
        visibility="public",
        is_generator=False,
        state_inputs=[False, True, False],
        file_inputs=[False, False, False],
        skipped_outputs=[False, True],
        parameters=parameters,
    )


def test_build_data_places_state_and_defaults() -> None:
    params = [
        {"parameter_name": "a", "parameter_has_default": False},
        {"parameter_name": "b", "parameter_has_default": True, "parameter_default": [1]},
    ]
    endpoint = _endpoint(params)
    assert endpoint.build_data(("x",), {}) == ["x", None, [1]]
    assert endpoint.build_data((), {"b": 2, "a": 1}) == [1, None, 2]
    assert endpoint.shape_outputs(["out", None]) == "out"


def test_build_data_without_parameter_info_is_positional() -> None:
    endpoint = _endpoint(None)
    assert endpoint.build_data(("x", "y"), {}) == ["x", None, "y"]
    with pytest.raises(ValueError, match="positional arguments only"):
        endpoint.build_data(("x",), {"b": 1})
    with pytest.raises(ValueError, match="takes 2 argument"):
        endpoint.build_data(("x",), {})
