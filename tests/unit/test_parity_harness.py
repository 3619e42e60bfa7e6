"""The differential comparison with Gradio (``parity_api/``): what it compares and what it allows.

The deliberate API-info differences of ``parity_api/allowed.py`` are the documented ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from parity_api.allowed import ALLOWED, MISSING, allowed_reason
from parity_api.compare import (
    block_tree,
    info_differences,
    layout_differences,
    normalise,
    output_differences,
    prop_differences,
)

ROOT = Path(__file__).parents[2]
WIRE = ROOT / "docs" / "reference" / "wire-protocol.md"


def test_every_allowed_difference_is_documented_and_nothing_else() -> None:
    section = WIRE.read_text().split("### 4.1 ", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE)
    assert sorted(documented) == sorted(entry.key for entry in ALLOWED)


def test_descriptions_are_allowed_only_as_text() -> None:
    where = "named_endpoints./f.parameters[0].type.description"
    assert allowed_reason(where, None, "Whether the box is checked.") == "descriptions"
    assert allowed_reason(where, "any valid json", "") is None
    # a type that differs is never allowed
    assert allowed_reason("named_endpoints./f.parameters[0].type.type", "string", "number") is None


def test_snippets_may_differ_only_by_their_example_files() -> None:
    where = "named_endpoints./f.code_snippets.python"
    theirs = "handle_file('https://github.com/gradio-app/gradio/raw/main/test/test_files/bus.png')"
    ours = "handle_file('http://127.0.0.1:7860/gradio_api/media/images/bus.png')"
    assert allowed_reason(where, theirs, ours) == "snippet-file-urls"
    assert allowed_reason(where, theirs, ours.replace("bus.png", "cat.png")) is None
    assert allowed_reason(where, "x=1", "x=2") is None


# -- the comparison itself ---------------------------------------------------------------------
def _config(layout: dict[str, object], types: dict[int, str]) -> dict[str, object]:
    return {"layout": layout, "components": [{"id": i, "type": t} for i, t in types.items()]}


def test_block_trees_compare_types_and_nesting() -> None:
    theirs = _config(
        {"id": 0, "children": [{"id": 3, "children": [{"id": 1}]}, {"id": 2}]},
        {1: "textbox", 2: "button", 3: "form"},
    )
    ours = _config({"id": 0, "children": [{"id": 1}, {"id": 2}]}, {1: "textbox", 2: "button"})
    assert block_tree(theirs) == ["<root>", [["form", ["textbox"]], "button"]]
    (diff,) = layout_differences(theirs, ours)
    assert diff.where == "layout[1][0]"
    assert layout_differences(theirs, theirs) == []


def test_outputs_are_compared_only_where_gradio_repeats_itself() -> None:
    gradio_calls = {
        "/same": [{"ok": True, "output": 1}, {"ok": True, "output": 1}],
        "/random": [{"ok": True, "output": 1}, {"ok": True, "output": 2}],
        "/broken": [{"ok": False, "error": "x"}, {"ok": False, "error": "x"}],
    }
    ours = {"/same": [{"ok": True, "output": 2}], "/random": [{"ok": True, "output": 3}]}
    found, compared, skipped = output_differences(gradio_calls, ours)
    assert (compared, skipped) == (1, 2)
    assert [d.where for d in found] == ["call /same"]
    ours["/same"] = [{"ok": False, "error": "boom"}]
    (failed,), _, _ = output_differences(gradio_calls, ours)
    assert failed.ours == "error: boom"


def test_ports_and_temporary_folders_are_normalised() -> None:
    text = "http://127.0.0.1:7860/file=/tmp/gradio/abc123/cat.png"
    assert normalise({"a": [text]}) == {"a": ["http://127.0.0.1:<port>/file=<tmp>/cat.png"]}


def test_python_types_differing_only_by_descriptions_are_allowed() -> None:
    def info(schema: dict[str, object], python: str) -> dict[str, object]:
        entry = {"type": schema, "python_type": {"type": python, "description": ""}}
        return {"named_endpoints": {"/f": {"parameters": [entry], "returns": []}}}

    plain = {"type": "object", "properties": {"a": {"type": "string"}}}
    described = {"type": "object", "properties": {"a": {"type": "string", "description": "A."}}}
    diffs = info_differences(info(plain, "dict(a: str)"), info(described, "dict(a: str (A.))"))
    assert [(d.where, d.allowed) for d in diffs] == [
        ("named_endpoints./f.parameters[0].python_type.type", "python-type-descriptions"),
        ("named_endpoints./f.parameters[0].type.properties.a.description", "descriptions"),
    ]
    other = {"type": "object", "properties": {"a": {"type": "integer"}}}
    diffs = info_differences(info(plain, "dict(a: str)"), info(other, "dict(a: int)"))
    assert {d.allowed for d in diffs} == {None}


def test_example_files_may_be_served_by_the_app() -> None:
    theirs = "https://github.com/gradio-app/gradio/raw/main/test/test_files/bus.png"
    ours = "http://127.0.0.1:7860/gradio_api/media/images/bus.png"
    for where in (
        "named_endpoints./f.parameters[0].example_input.url",
        "named_endpoints./f.parameters[0].example_input.files[0].path",
        "named_endpoints./f.parameters[0].parameter_default.url",
    ):
        assert allowed_reason(where, theirs, ours) == "example-file-urls"
    # a default without a URL is a difference
    where = "named_endpoints./f.parameters[0].parameter_default.url"
    assert allowed_reason(where, theirs, None) is None


def test_config_props_are_compared_block_by_block_with_their_allowances() -> None:
    def config(*blocks: tuple[str, dict[str, object]]) -> dict[str, object]:
        layout = {"id": 0, "children": [{"id": i + 1} for i in range(len(blocks))]}
        components = [{"id": i + 1, "type": t, "props": p} for i, (t, p) in enumerate(blocks)]
        return {"layout": layout, "components": components}

    theirs = config(
        ("textbox", {"show_label": True, "lines": 1}),
        ("state", {"time_to_live": None, "delete_callback": "<function f at 0x7f>"}),
        ("browserstate", {"secret": "aB3dE5gH7jK9mN1p"}),
    )
    ours = config(
        ("textbox", {"lines": 1}),
        ("state", {}),
        ("browserstate", {"secret": "Zz9Yy8Xx7Ww6Vv5U"}),
    )
    found = {d.where: d for d in prop_differences(theirs, ours)}
    assert found["props textbox#0.show_label"].ours == MISSING
    assert found["props textbox#0.show_label"].allowed is None
    assert found["props state#1.delete_callback"].allowed == "server-only-settings"
    assert found["props browserstate#2.secret"].allowed == "per-launch-keys"
    assert "props textbox#0.lines" not in found


def test_numeric_choices_may_be_typed_by_their_values() -> None:
    def info(kind: str, enum: list[object]) -> dict[str, object]:
        parameter = {"type": {"enum": enum, "title": "Radio", "type": kind}}
        return {"named_endpoints": {"/f": {"parameters": [parameter]}}}

    (diff,) = info_differences(info("string", [1, 2]), info("integer", [1, 2]))
    assert diff.allowed == "choice-value-types"
    (other,) = info_differences(info("string", [1, 2]), info("integer", [1, 3]))[-1:]
    assert other.where.endswith(".type.type")
    assert other.allowed is None
