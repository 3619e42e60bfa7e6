"""Offline: the fingerprint and its diff, schema types, names, and the command's errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from specblocks_gen.cli import main
from specblocks_gen.client import generate
from specblocks_gen.client import model as m
from specblocks_gen.client.build import ClientNameError, build_client
from specblocks_gen.client.fingerprint import api_diff, normalise_info, runtime_source
from specblocks_gen.client.python import py_type
from specblocks_gen.client.schema import TypeBuilder
from specblocks_gen.client.typescript import compact_json

TEXT = {"type": "string"}
NUMBER = {"type": "number", "description": "A number."}


def _param(name: str, schema: dict[str, Any], *default: Any, component: str = "Textbox") -> Any:
    """A parameter entry of the API info; optional when a ``default`` is given."""
    return {
        "label": name.title(),
        "parameter_name": name,
        "parameter_has_default": bool(default),
        "parameter_default": default[0] if default else None,
        "type": schema,
        "python_type": {"type": "str", "description": ""},
        "component": component,
        "example_input": "x",
    }


def _info(**endpoints: Any) -> dict[str, Any]:
    return {"named_endpoints": endpoints, "unnamed_endpoints": {}}


def _endpoint(params: list[Any], returns: list[Any] | None = None, **extra: Any) -> Any:
    outputs = returns if returns is not None else [{"label": "Out", "type": TEXT}]
    return {
        "parameters": params,
        "returns": [{"component": "Textbox", **r} for r in outputs],
        "api_visibility": "public",
        "description": "",
        **extra,
    }


BASE = _info(
    **{
        "/a": _endpoint([_param("x", TEXT), _param("n", NUMBER, 3, component="Number")]),
        "/b": _endpoint([_param("y", TEXT)]),
    }
)


def _changed(change: Any) -> list[str]:
    info = copy.deepcopy(BASE)
    change(info["named_endpoints"])
    return api_diff(normalise_info(BASE), normalise_info(info))


# -- the fingerprint -------------------------------------------------------------------------
def test_fingerprint_keeps_what_calls_depend_on() -> None:
    schema = {
        "title": "Thing",
        "description": "doc",
        "type": "object",
        "properties": {"title": {"type": "string", "title": "Title"}},
        "examples": [{}],
    }
    info = _info(
        **{
            "/z": _endpoint([_param("t", schema)], code_snippets={"python": "http://x"}),
            "/hidden": _endpoint([], api_visibility="private"),
        }
    )
    assert normalise_info(info) == {
        "/z": {
            "parameters": [
                {
                    "name": "t",
                    "component": "Textbox",
                    "type": {"properties": {"title": {"type": "string"}}, "type": "object"},
                    "required": True,
                }
            ],
            "returns": [{"component": "Textbox", "type": {"type": "string"}}],
        }
    }


def test_labels_and_descriptions_do_not_count_as_changes() -> None:
    def relabel(endpoints: Any) -> None:
        endpoints["/a"]["parameters"][0]["label"] = "Something else"
        endpoints["/a"]["parameters"][1]["type"]["description"] = "Another number."
        endpoints["/a"]["returns"][0]["label"] = "Result"

    assert _changed(relabel) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: e.pop("/b"), ["/b: endpoint removed"]),
        (lambda e: e.update({"/c": e["/b"]}), ["/c: endpoint added"]),
        (
            lambda e: e["/a"]["parameters"][0].update(parameter_name="z"),
            [
                "/a: parameter 'x' removed (string)",
                "/a: parameter 'z' added (string, required)",
            ],
        ),
        (
            lambda e: e["/a"]["parameters"][1].update(type=TEXT, component="Textbox"),
            [
                "/a: parameter 'n' component changed: Number -> Textbox",
                "/a: parameter 'n' type changed: number -> string",
            ],
        ),
        (
            lambda e: e["/a"]["parameters"][1].update(parameter_default=4),
            ["/a: parameter 'n' default changed: 3 -> 4"],
        ),
        (
            lambda e: e["/a"]["parameters"][1].update(parameter_has_default=False),
            ["/a: parameter 'n' is now required"],
        ),
        (
            lambda e: e["/b"]["parameters"][0].update(parameter_has_default=True),
            ["/b: parameter 'y' is now optional (default null)"],
        ),
        (
            lambda e: e["/a"]["parameters"].reverse(),
            ["/a: parameters reordered: x, n -> n, x"],
        ),
        (
            lambda e: e["/b"]["returns"].append({"label": "More", "type": NUMBER}),
            ["/b: returns 2 value(s) instead of 1"],
        ),
        (
            lambda e: e["/b"]["returns"][0].update(type={"type": "string", "maxLength": 3}),
            ["/b: return value 1 type changed at maxLength: (absent) -> 3"],
        ),
        (
            lambda e: e["/b"]["returns"][0].update(
                type={"anyOf": [{"enum": ["a", "b"], "type": "string"}, {"type": "null"}]}
            ),
            ['/b: return value 1 type changed: string -> one of "a", "b" | null'],
        ),
    ],
)
def test_each_change_is_named(change: Any, expected: list[str]) -> None:
    assert _changed(change) == expected


def test_the_runtime_part_is_copied_into_clients() -> None:
    source = runtime_source()
    assert source.startswith("#: Schema keywords")
    assert "runtime: end" not in source
    namespace: dict[str, Any] = {"json": json, "Any": Any}
    exec(compile(source, "runtime", "exec"), namespace)  # what a generated client runs
    info = copy.deepcopy(BASE)
    info["named_endpoints"].pop("/b")
    live = namespace["normalise_info"](info)
    assert live == normalise_info(info)
    assert namespace["api_diff"](normalise_info(BASE), live) == ["/b: endpoint removed"]


# -- types -----------------------------------------------------------------------------------
FILE_DATA = {
    "title": "FileData",
    "type": "object",
    "$defs": {
        "FileDataMeta": {
            "type": "object",
            "properties": {"_type": {"const": "gradio.FileData", "type": "string"}},
        }
    },
    "properties": {"path": {"type": "string"}, "meta": {"$ref": "#/$defs/FileDataMeta"}},
    "required": ["path"],
}


@pytest.mark.parametrize(
    ("schema", "python"),
    [
        ({"type": "string"}, "str"),
        ({"type": "integer"}, "int"),
        ({"type": ["number", "null"]}, "float | None"),
        ({"description": "Any valid JSON value."}, "Any"),
        (
            {"anyOf": [{"enum": ["a", "b"], "type": "string"}, {"type": "null"}]},
            "Literal['a', 'b'] | None",
        ),
        ({"const": 3}, "Literal[3]"),
        ({"enum": [1, 2.5, None]}, "Literal[1] | float | None"),
        ({"type": "array", "items": {"type": "boolean"}}, "list[bool]"),
        ({"type": "array", "prefixItems": [TEXT, NUMBER]}, "tuple[str, float]"),
        ({"type": "object", "additionalProperties": NUMBER}, "dict[str, float]"),
        ({"type": "object"}, "dict[str, Any]"),
        (FILE_DATA, "FilePath"),
        ({"type": "array", "items": FILE_DATA}, "list[FilePath]"),
        ({"$ref": "#/$defs/Nowhere"}, "Any"),
    ],
)
def test_schema_types(schema: dict[str, Any], python: str) -> None:
    assert py_type(TypeBuilder(frozenset()).build(schema, "Value")) == python


def test_objects_become_models_shared_when_equal() -> None:
    types = TypeBuilder(frozenset({"Reserved"}))
    point = {"title": "Point", "type": "object", "properties": {"x": NUMBER, "_y": NUMBER}}
    first = types.build(point, "A")
    again = types.build(copy.deepcopy(point), "B")
    other = types.build({**point, "properties": {"x": TEXT}}, "C")
    reserved = types.build({**point, "title": "Reserved"}, "D")
    assert (first, again, other, reserved) == (
        m.ModelRef("Point"),
        m.ModelRef("Point"),
        m.ModelRef("Point2"),
        m.ModelRef("Reserved2"),
    )
    fields = types.models["Point"].fields
    assert [(f.key, f.name, f.required) for f in fields] == [("x", "x", False), ("_y", "y", False)]


def test_names_avoid_the_clients_own_members() -> None:
    info = _info(
        **{
            "/close": _endpoint([_param("self", TEXT)]),
            "/class": _endpoint([_param("n", NUMBER, 1), _param("later", TEXT)]),
        }
    )
    spec = build_client(info, "app", source="s", command="c", version="0")
    assert [e.method for e in spec.endpoints] == ["class_", "close_2"]
    assert [p.name for p in spec.endpoints[1].params] == ["self_2"]
    files = generate(info, "app", source="s", command="c", languages=["python"])
    # A required parameter after one with a default becomes keyword-only.
    assert "def class_(self, n: float = 1, *, later: str) -> str:" in files["app_client.py"]


def test_languages_choose_the_files() -> None:
    kwargs: dict[str, Any] = {"source": "s", "command": "c"}
    assert list(generate(BASE, "app", languages=["ts"], **kwargs)) == ["app.gen.ts"]
    assert list(generate(BASE, "app", languages=["python"], **kwargs)) == [
        "app_client.py",
        "test_app_contract.py",
    ]
    with pytest.raises(ValueError, match="unknown language"):
        generate(BASE, "app", languages=["go"], **kwargs)


def test_the_public_api() -> None:
    import specblocks_gen.client as package

    assert sorted(package.__all__) == [
        "ClientNameError",
        "LANGUAGES",
        "check_languages",
        "generate",
    ]
    assert all(hasattr(package, name) for name in package.__all__)


def test_bad_client_names_are_refused() -> None:
    with pytest.raises(ClientNameError, match="must match"):
        build_client(BASE, "My App", source="s", command="c", version="0")


def test_compact_json_breaks_only_long_values() -> None:
    assert compact_json({"a": [1, 2]}) == '{"a": [1, 2]}'
    long = {"key": ["x" * 40, "y" * 40, "z" * 40]}
    assert compact_json(long) == (
        '{\n  "key": [\n    "'
        + "x" * 40
        + '",\n    "'
        + "y" * 40
        + '",\n    "'
        + "z" * 40
        + '",\n  ],\n}'
    )


# -- the command -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--app", "no_such_module_xyz:demo"], "error: cannot import no_such_module_xyz"),
        (["--app", "specblocks_gen:__version__"], "error: specblocks_gen:__version__ is not an"),
        (["--url", "ftp://127.0.0.1"], "error: 'ftp://127.0.0.1' is not an http(s):// URL"),
        (["--url", "http://127.0.0.1:9"], "error: could not load the API info from"),
        (["--url", "http://127.0.0.1:9", "--lang", "go"], "error: unknown language(s) go"),
    ],
)
def test_command_errors(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["client", *args, "--name", "x", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert not list(tmp_path.iterdir())
