"""Generate from a small inline API info, import the client and use it without an app.

Covers what the sample apps do not: JSON keys that are not identifiers, model defaults, a
required parameter after optional ones, a default outside the schema, no parameters or results.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pydantic import ValidationError
from typed_support import Generated, run_mypy

from specblocks_gen.client import generate

POINT = {
    "title": "Point",
    "type": "object",
    "properties": {
        "x": {"type": "number"},
        "_y": {"type": "number", "default": 0},
        "tags": {"type": "array", "items": {"type": "string"}, "default": []},
        "json": {"type": "string", "default": "a"},
        "note": {"type": "string"},
    },
    "required": ["x"],
}


def _param(name: str, schema: dict[str, Any], *default: Any) -> dict[str, Any]:
    return {
        "label": name.title(),
        "parameter_name": name,
        "parameter_has_default": bool(default),
        "parameter_default": default[0] if default else None,
        "type": schema,
        "python_type": {"type": "", "description": ""},
        "component": "JSON",
        "example_input": None,
    }


INFO = {
    "named_endpoints": {
        "/shape": {
            "parameters": [
                _param("point", POINT, {"x": 1}),
                _param("scale", {"type": "number"}),
                _param("mode", {"enum": ["a", "b"]}, "custom"),
            ],
            "returns": [
                {"label": "Point", "type": POINT, "component": "JSON"},
                {"label": "count", "type": {"type": "integer"}, "component": "Number"},
            ],
        },
        "/nothing": {"parameters": [], "returns": []},
    },
    "unnamed_endpoints": {},
}


@pytest.fixture(scope="module")
def inline(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    folder = tmp_path_factory.mktemp("inline")
    for name, text in generate(INFO, "inline", source="inline", command="(none)").items():
        (folder / name).write_text(text, encoding="utf-8")
    return Generated("inline", folder)


class FakeClient:
    """Stands in for ``specblocks_client.Client``: records calls, returns a canned result."""

    def __init__(self, result: Any) -> None:
        self.result = result
        self.calls: list[tuple[tuple[Any, ...], str]] = []

    def predict(self, *args: Any, api_name: str) -> Any:
        self.calls.append((args, api_name))
        return self.result


def test_the_inline_client_passes_mypy_strict(inline: Generated) -> None:
    done = run_mypy(inline.module_path, inline.contract_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_signatures(inline: Generated) -> None:
    module = inline.load("inline_client_test")
    shape = inspect.signature(module.InlineClient.shape)
    assert str(shape) == (
        "(self, point: 'Point | None' = None, *, scale: 'float', "
        "mode: \"Literal['a', 'b'] | str\" = 'custom') -> 'ShapeResult'"
    )
    assert str(inspect.signature(module.InlineClient.nothing)) == "(self) -> 'None'"
    assert module.ShapeResult._fields == ("point", "count_2")


def test_arguments_and_results_are_converted(inline: Generated) -> None:
    module = inline.load("inline_client_test")
    client = module.InlineClient.__new__(module.InlineClient)
    client._client = fake = FakeClient(({"x": 2, "_y": 3, "extra": True}, 7))

    result = client.shape(module.Point(x=1, y=5), scale=2)
    assert fake.calls[-1] == (({"x": 1.0, "_y": 5.0}, 2, "custom"), "/shape")
    assert isinstance(result.point, module.Point)
    assert (result.point.x, result.point.y, result.point.tags, result.count_2) == (2, 3, [], 7)

    client.shape(scale=1.5)  # no point: the app's default, {"x": 1}
    assert fake.calls[-1] == (({"x": 1}, 1.5, "custom"), "/shape")

    fake.result = ()
    assert client.nothing() is None
    assert fake.calls[-1] == ((), "/nothing")


def test_results_of_the_wrong_type_are_refused(inline: Generated) -> None:
    module = inline.load("inline_client_test")
    client = module.InlineClient.__new__(module.InlineClient)
    client._client = FakeClient(({"y": 1}, 7))
    with pytest.raises(ValidationError, match="x"):
        client.shape(scale=1)


def test_files_are_named_for_the_client(inline: Generated) -> None:
    assert sorted(p.name for p in inline.folder.iterdir()) == [
        "inline.gen.ts",
        "inline_client.py",
        "test_inline_contract.py",
    ]
