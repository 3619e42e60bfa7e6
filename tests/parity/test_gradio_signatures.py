"""Constructor signatures of the generated classes against Gradio 6.31's.

``gradio-signatures.json`` is taken from the real package by ``build_gradio_snapshot.py``.
Every difference must be listed in ``DELIBERATE`` with its reason, and every listed
difference must still exist (so the list cannot go stale).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import specblocks
from specblocks import components, layouts
from specblocks._generated.blocks import BlocksBase
from specblocks._generated.events import OnClick
from specblocks.sentinels import FIRST_CHOICE

SPECS = Path(__file__).parents[2] / "component_specs"
SNAPSHOT = json.loads((Path(__file__).parent / "gradio-signatures.json").read_text())

# (class, parameter) -> why our default differs from Gradio's.
DELIBERATE: dict[tuple[str, str], str] = {
    ("DeepLinkButton", "icon"): (
        "Gradio's default is an absolute path into its installed package; ours is null, meaning "
        "the built-in link icon, so generated code does not depend on where it is installed."
    ),
    ("LoginButton", "icon"): (
        "Gradio's default is an absolute path into its installed package; ours is null, meaning "
        "the built-in logo icon, for the same reason."
    ),
}

# Gradio default objects and the values that stand for them here.
EQUIVALENT_OBJECTS: dict[str, Any] = {"DefaultValue": FIRST_CHOICE}

KINDS = {
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
}


def _ours(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return list(inspect.signature(function).parameters.values())[1:]


def _default_matches(expected: dict[str, Any], actual: Any) -> bool:
    if "required" in expected:
        return actual is inspect.Parameter.empty
    if "object" in expected:
        return actual is EQUIVALENT_OBJECTS.get(expected["object"], object())
    if "tuple" in expected:
        return isinstance(actual, tuple) and all(
            _default_matches(e, a) for e, a in zip(expected["tuple"], actual, strict=True)
        )
    value = expected["value"]
    return type(actual) is type(value) and actual == value


def compare(
    name: str, expected: list[dict[str, Any]], actual: list[inspect.Parameter]
) -> list[str]:
    """Every difference between a Gradio signature and ours, as readable lines."""
    problems: list[str] = []
    exp_names = [p["name"] for p in expected]
    act_names = [p.name for p in actual]
    if exp_names != act_names:
        problems.append(
            f"{name}: parameter names/order differ:\n  gradio: {exp_names}\n  ours:   {act_names}"
        )
        return problems
    for exp, act in zip(expected, actual, strict=True):
        if KINDS[act.kind] != exp["kind"]:
            problems.append(f"{name}.{act.name}: kind {KINDS[act.kind]} != gradio {exp['kind']}")
        differs = exp["kind"] != "var_keyword" and not _default_matches(exp["default"], act.default)
        if differs and (name, act.name) not in DELIBERATE:
            problems.append(
                f"{name}.{act.name}: default {act.default!r} != gradio {exp['default']}"
            )
    return problems


def _class(name: str) -> type[Any]:
    cls = getattr(components, name, None) or getattr(layouts, name)
    assert isinstance(cls, type)
    return cls


@pytest.mark.parametrize("name", sorted(SNAPSHOT["classes"]))
def test_constructor_matches_gradio(name: str) -> None:
    assert compare(name, SNAPSHOT["classes"][name], _ours(_class(name).__init__)) == []


def test_every_catalog_class_is_in_the_snapshot() -> None:
    ours = set(components.__all__) | set(layouts.__all__)
    assert ours == set(SNAPSHOT["classes"])


@pytest.mark.parametrize(("name", "param"), sorted(DELIBERATE))
def test_deliberate_differences_still_exist(name: str, param: str) -> None:
    expected = next(p for p in SNAPSHOT["classes"][name] if p["name"] == param)
    actual = inspect.signature(_class(name).__init__).parameters[param].default
    assert not _default_matches(expected["default"], actual)


@pytest.mark.parametrize(("name", "param"), sorted(DELIBERATE))
def test_deliberate_differences_are_documented_in_the_spec(name: str, param: str) -> None:
    specs = [yaml.safe_load(f.read_text()) for f in SPECS.glob("*/*.yaml")]
    spec = next(s for s in specs if s.get("name") == name)
    assert any(f"`{param}`" in note for note in spec.get("gradio_differences", []))


def test_listener_parameters_match_gradio() -> None:
    assert compare("listener", SNAPSHOT["listener"], _ours(OnClick.click)) == []


@pytest.mark.parametrize("method", ["__init__", "launch", "queue", "unload"])
def test_blocks_methods_match_gradio(method: str) -> None:
    expected = [
        p
        for p in SNAPSHOT["blocks"][method]
        if not p["name"].startswith("_") and p["kind"] != "var_keyword"
    ]
    assert compare(f"Blocks.{method}", expected, _ours(getattr(BlocksBase, method))) == []


def test_interface_matches_gradio() -> None:
    expected = [
        p
        for p in SNAPSHOT["interface"]
        if not p["name"].startswith("_") and p["kind"] != "var_keyword"
    ]
    assert compare("Interface", expected, _ours(specblocks.Interface.__init__)) == []


def test_blocks_load_is_a_listener_with_gradio_parameters() -> None:
    assert compare("Blocks.load", SNAPSHOT["blocks"]["load"], _ours(specblocks.Blocks.load)) == []


# -- presets, aliases and top-level functions ---------------------------------------------

# (template, parameter) -> why our default differs from Gradio's.
DELIBERATE_TEMPLATES: dict[tuple[str, str], str] = {
    **{
        (name, "row_count"): (
            "Gradio passes the tuple (1, 'dynamic') it deprecates (with a warning); ours is 1 "
            "with no row limits, which is the same table."
        )
        for name in ("Numpy", "Matrix", "List")
    },
    ("List", "col_count"): (
        "Gradio presets the deprecated `col_count=1`, which its Dataframe ignores (the list "
        "gets three columns); ours leaves it null and presets `column_count` instead."
    ),
    ("List", "column_count"): "One column, as `List` documents (see `col_count`).",
}

# (function, parameter) -> why our default differs from Gradio's.
DELIBERATE_FUNCTIONS: dict[tuple[str, str], str] = {}


def _keyword_order_of(
    expected: list[dict[str, Any]], actual: list[inspect.Parameter]
) -> list[dict[str, Any]]:
    """``expected`` with its keyword-only parameters in our order (their order is free)."""
    positional = [p for p in expected if p["kind"] != "keyword"]
    keyword = {p["name"]: p for p in expected if p["kind"] == "keyword"}
    ours = [p.name for p in actual if p.kind is inspect.Parameter.KEYWORD_ONLY]
    if set(ours) != set(keyword):
        return expected
    return positional + [keyword[name] for name in ours]


def _without_deliberate(problems: list[str], name: str, deliberate: dict[Any, str]) -> list[str]:
    skipped = {f"{n}.{p}: default" for n, p in deliberate if n == name}
    return [line for line in problems if not any(line.startswith(s) for s in skipped)]


@pytest.mark.parametrize("name", sorted(SNAPSHOT["templates"]))
def test_template_matches_gradio(name: str) -> None:
    actual = list(inspect.signature(getattr(specblocks, name)).parameters.values())
    expected = _keyword_order_of(SNAPSHOT["templates"][name], actual)
    problems = compare(name, expected, actual)
    assert _without_deliberate(problems, name, DELIBERATE_TEMPLATES) == []


@pytest.mark.parametrize(("name", "param"), sorted(DELIBERATE_TEMPLATES))
def test_deliberate_template_differences_still_exist(name: str, param: str) -> None:
    expected = next(p for p in SNAPSHOT["templates"][name] if p["name"] == param)
    actual = inspect.signature(getattr(specblocks, name)).parameters[param].default
    assert not _default_matches(expected["default"], actual)


@pytest.mark.parametrize("alias", sorted(SNAPSHOT["aliases"]))
def test_alias_is_the_class_gradio_names(alias: str) -> None:
    assert getattr(specblocks, alias) is getattr(specblocks, SNAPSHOT["aliases"][alias])
    assert alias in specblocks.__all__


@pytest.mark.parametrize("name", sorted(SNAPSHOT["functions"]))
def test_top_level_function_matches_gradio(name: str) -> None:
    expected = [p for p in SNAPSHOT["functions"][name] if not p["name"].startswith("_")]
    target = getattr(specblocks, name)
    params = list(inspect.signature(target).parameters.values())
    problems = compare(name, expected, params)
    assert _without_deliberate(problems, name, DELIBERATE_FUNCTIONS) == []
    assert name in specblocks.__all__


def test_deliberate_function_differences_still_exist() -> None:
    # none today: every top-level function's defaults are Gradio's
    for name, param in sorted(DELIBERATE_FUNCTIONS):
        expected = next(p for p in SNAPSHOT["functions"][name] if p["name"] == param)
        actual = inspect.signature(getattr(specblocks, name)).parameters[param].default
        assert not _default_matches(expected["default"], actual), (name, param)
