"""Generate a package from specs, then use it with the real runtime, as an app author would.

The first half writes a tiny spec set (the golden case's common files plus one component
defined below), runs ``specblocks-gen generate`` on it, subclasses the generated base and
builds an app with ``specblocks.Blocks``. The second half checks the real catalog the same
way, through ``import specblocks as gr``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import specblocks
import specblocks as gr
import specblocks.components
import specblocks.layouts
import specblocks.sentinels
from specblocks.events import DependencyCore

GOLDEN_COMMON = Path(__file__).resolve().parents[1] / "golden" / "minimal" / "specs" / "common"
PACKAGE = "pkg"  # generated as tmp/pkg/_generated, imported as pkg._generated

PYPROJECT = f"""\
[tool.specblocks-gen]
specs = ["specs"]
python_out = "{PACKAGE}/_generated"
python_package = "{PACKAGE}._generated"
"""

KNOB_SPEC = """\
spec_version: 1
kind: component
name: Knob
description: >-
  A dial the user turns to pick a number between two bounds. As an input it passes the
  number; as an output it turns to the number the function returns.
category: numbers
shortcuts: [knob]
positional: 2
parameters:
  - name: minimum
    type: float
    default: 0.0
    description: Smallest value.
  - name: maximum
    type: float
    default: 10.0
    description: Largest value.
  - name: value
    type: float | None
    default: null
    description: Initial value; null starts at `minimum`.
  - use: label
    default: Volume
  - name: style
    type: Literal["round", "flat"]
    default: round
    description: Look of the dial.
  - name: ticks
    type: tuple[float, ...]
    default_expr: (0.0, 5.0, 10.0)
    description: Values marked around the dial.
  - use: visible
  - use: placement
events: [change, click, select]
data:
  preprocess: {type: float, description: The number picked.}
  postprocess: {type: float | None, description: The number to show.}
  payload: {type: number}
  example: 2.5
"""

# name, kind, default (inspect.Parameter.empty when required), annotation as written
KNOB_SIGNATURE = [
    ("minimum", inspect.Parameter.POSITIONAL_OR_KEYWORD, 0.0, "float"),
    ("maximum", inspect.Parameter.POSITIONAL_OR_KEYWORD, 10.0, "float"),
    ("value", inspect.Parameter.KEYWORD_ONLY, None, "float | None"),
    ("label", inspect.Parameter.KEYWORD_ONLY, "Volume", "str | None"),
    ("style", inspect.Parameter.KEYWORD_ONLY, "round", 'Literal["round", "flat"]'),
    ("ticks", inspect.Parameter.KEYWORD_ONLY, (0.0, 5.0, 10.0), "tuple[float, ...]"),
    ("visible", inspect.Parameter.KEYWORD_ONLY, True, 'bool | Literal["hidden"]'),
    ("elem_id", inspect.Parameter.KEYWORD_ONLY, None, "str | None"),
    ("render", inspect.Parameter.KEYWORD_ONLY, True, "bool"),
]
# Settings a component fills in when left at their default, so the stored value differs.
RESOLVED = {
    ("BrowserState", "storage_key"),  # a random key, so that apps do not share storage
    ("BrowserState", "secret"),  # a random secret for encrypting the stored value
}
NOT_STORED = {"render"}  # `attribute: false`: passed to Block.__init__, not kept


# -- the generated package ---------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the spec set, generated once for the whole module."""
    root = tmp_path_factory.mktemp("functional")
    shutil.copytree(GOLDEN_COMMON, root / "specs" / "common")
    (root / "specs" / "components").mkdir()
    (root / "specs" / "components" / "knob.yaml").write_text(KNOB_SPEC, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / PACKAGE).mkdir()
    (root / PACKAGE / "__init__.py").write_text('"""Generated test package."""\n')
    proc = subprocess.run(
        [sys.executable, "-m", "specblocks_gen", "--project", str(root), "generate"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / PACKAGE / "_generated" / "knob.py").is_file()
    return root


def _forget_package() -> None:
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


@pytest.fixture
def gen(generated_root: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SimpleNamespace]:
    """The generated modules, importable from ``generated_root`` for one test."""
    _forget_package()
    monkeypatch.syspath_prepend(str(generated_root))
    modules = {
        name: importlib.import_module(f"{PACKAGE}._generated.{name}")
        for name in ("knob", "events", "event_data", "listener")
    }
    yield SimpleNamespace(**modules)
    _forget_package()


@pytest.fixture
def knob_cls(gen: SimpleNamespace) -> type[Any]:
    """A hand-written subclass of the generated base, as the runtime writes one per component."""

    class Knob(gen.knob.KnobBase):  # type: ignore[misc]
        """A dial (hand-written part)."""

        def describe(self) -> str:
            return f"{self.label}: {self.value}"

    return Knob


def test_generated_package_layout(generated_root: Path) -> None:
    out = generated_root / PACKAGE / "_generated"
    assert sorted(p.name for p in out.glob("*.py")) == [
        "__init__.py",
        "event_data.py",
        "events.py",
        "knob.py",
        "listener.py",
        "payloads.py",
    ]


def test_class_metadata(gen: SimpleNamespace, knob_cls: type[Any]) -> None:
    assert knob_cls.NAME == "Knob"
    assert [e.name for e in knob_cls.EVENTS] == ["change", "click", "select"]
    assert knob_cls.EVENTS == (gen.events.CHANGE, gen.events.CLICK, gen.events.SELECT)
    assert knob_cls.SHORTCUTS == ("knob",)
    assert knob_cls.API_INFO == {"type": "number"}
    assert knob_cls.EXAMPLE_PAYLOAD == 2.5
    assert issubclass(knob_cls, specblocks.blocks.Component)
    assert "A dial the user turns" in (gen.knob.KnobBase.__doc__ or "")


def _annotation(source: str) -> str:
    """An annotation's source, normalised (quotes and spacing vary between Python versions)."""
    return ast.unparse(ast.parse(source, mode="eval"))


def test_signature_follows_the_spec(knob_cls: type[Any]) -> None:
    params = list(inspect.signature(knob_cls).parameters.values())
    actual = [(p.name, p.kind, p.default, _annotation(p.annotation)) for p in params]
    assert actual == [(n, k, d, _annotation(a)) for n, k, d, a in KNOB_SIGNATURE]


def test_constructor_stores_defaults(knob_cls: type[Any]) -> None:
    with specblocks.Blocks() as demo:
        knob = knob_cls()
    for name, _kind, default, _annotation in KNOB_SIGNATURE:
        if name not in NOT_STORED:
            assert getattr(knob, name) == default, name
    assert knob.describe() == "Volume: None"
    assert demo.children == [knob]
    assert knob.parent is demo


def test_constructor_stores_arguments(knob_cls: type[Any]) -> None:
    with specblocks.Blocks() as demo:
        knob = knob_cls(1.0, 5.0, value=2.0, label="Gain", style="flat", ticks=(1.0,))
        hidden = knob_cls(render=False, visible="hidden", elem_id="k2")
    assert (knob.minimum, knob.maximum, knob.value) == (1.0, 5.0, 2.0)
    assert (knob.label, knob.style, knob.ticks) == ("Gain", "flat", (1.0,))
    assert (hidden.visible, hidden.elem_id) == ("hidden", "k2")
    assert demo.children == [knob]  # render=False: created but not placed
    assert not hidden.is_rendered
    with pytest.raises(TypeError):
        knob_cls(1.0, 5.0, 2.0)  # `value` is keyword-only


def test_listener_call_form(gen: SimpleNamespace, knob_cls: type[Any]) -> None:
    def double(x: float) -> float:
        return 2 * x

    with specblocks.Blocks() as demo:
        knob = knob_cls()
        out = knob_cls()
        dep = knob.change(double, inputs=knob, outputs=[out])
        click = knob.click(double, inputs=[knob], outputs=out, trigger_mode="multiple")
    # The generated events module defines the Dependency its listeners return, over the core.
    assert isinstance(dep, gen.events.Dependency)
    assert isinstance(dep, DependencyCore)
    assert demo.dependencies == [dep, click]
    assert dep.targets == [(knob, gen.events.CHANGE)]
    assert dep.targets[0][1].name == "change"
    assert dep.trigger_mode == "always_last"  # the event's default
    assert dep.fn is double
    assert dep.inputs == [knob]
    assert dep.outputs == [out]
    assert isinstance(dep.options, gen.listener.ListenerOptions)
    assert (dep.options.api_name, dep.options.queue) == (None, True)

    assert click.targets == [(knob, gen.events.CLICK)]
    assert click.trigger_mode == "multiple"  # given explicitly
    assert click.options.trigger_mode == "multiple"
    assert (click.inputs, click.outputs) == ([knob], [out])


def test_listener_decorator_form(gen: SimpleNamespace, knob_cls: type[Any]) -> None:
    with specblocks.Blocks() as demo:
        knob = knob_cls()
        out = knob_cls()

        @knob.select(inputs=knob, outputs=out, api_name="pick")
        def on_select(value: float, evt: Any) -> float:
            return value

    assert callable(on_select)
    assert on_select.__name__ == "on_select"  # the decorator returns the function itself
    [dep] = demo.dependencies
    assert dep.targets == [(knob, gen.events.SELECT)]
    assert dep.fn is on_select
    assert dep.trigger_mode == "once"
    assert (dep.inputs, dep.outputs) == ([knob], [out])
    assert dep.options.api_name == "pick"
    assert gen.events.SELECT.data_class is gen.event_data.PickData


def test_decorator_form_before_and_after_the_function(knob_cls: type[Any]) -> None:
    with specblocks.Blocks():
        knob = knob_cls()
        pending = knob.change(inputs=knob)
        assert pending.fn is None
        pending(print)
        assert pending.fn is print
        with pytest.raises(TypeError, match="already has a function"):
            pending(print)


def test_listener_outside_blocks_is_an_error(knob_cls: type[Any]) -> None:
    knob = knob_cls()  # creating a component outside an app is allowed ...
    assert not knob.is_rendered
    with pytest.raises(
        RuntimeError, match=r"Knob\.change\(\) must be called inside `with Blocks\(\):`"
    ):
        knob.change(print)  # ... attaching a listener is not
    with pytest.raises(RuntimeError, match=r"Knob\.select\(\)"):
        knob.select(inputs=knob)


def test_event_data_class_parses_a_payload(gen: SimpleNamespace, knob_cls: type[Any]) -> None:
    pick_data = gen.event_data.PickData
    knob = knob_cls()

    full = pick_data(knob, {"index": 2, "label": "two", "selected": False})
    assert (full.index, full.text, full.selected) == (2, "two", False)
    assert full.target is knob

    minimal = pick_data(None, {"index": 0})
    assert (minimal.index, minimal.text, minimal.selected) == (0, None, True)
    assert minimal.target is None

    with pytest.raises(KeyError, match="index"):
        pick_data(None, {"label": "no index"})

    assert isinstance(minimal, gen.event_data.EventData)
    assert {
        "EventData": gen.event_data.EventData,
        "PickData": pick_data,
    } == gen.event_data.EVENT_DATA_CLASSES


def test_generated_docstrings_document_the_spec(gen: SimpleNamespace) -> None:
    doc = textwrap.dedent(gen.knob.KnobBase.__init__.__doc__ or "")
    for name, *_ in KNOB_SIGNATURE:
        assert f"{name}:" in doc, name
    assert "Values marked around the dial." in doc


# -- the real catalog ----------------------------------------------------------------------

# Values for required constructor parameters, by class; none needs one today. A component
# that gains a required parameter must get an entry here.
REQUIRED_ARGS: dict[str, dict[str, Any]] = {}

CATALOG = sorted(
    [(name, getattr(specblocks.components, name)) for name in specblocks.components.__all__]
    + [(name, getattr(specblocks.layouts, name)) for name in specblocks.layouts.__all__]
)


def test_real_catalog_app() -> None:
    with gr.Blocks() as demo:
        with gr.Row() as row:
            text = gr.Textbox()
            btn = gr.Button()
        dep = btn.click(lambda s: s.upper(), inputs=text, outputs=text)
    assert demo.children == [row]
    form, button = row.children
    assert isinstance(form, gr.layouts.Form)
    assert form.children == [text]
    assert (form.scale, form.min_width) == (1, text.min_width)
    assert button is btn
    assert demo.dependencies == [dep]
    assert dep.targets[0][0] is btn
    assert dep.targets[0][1].name == "click"
    assert dep.trigger_mode == "once"
    assert dep.inputs == [text]
    assert dep.outputs == [text]


def test_real_dropdown_defaults_to_first_choice() -> None:
    assert gr.Dropdown().value is specblocks.sentinels.FIRST_CHOICE


@pytest.mark.parametrize(("name", "cls"), CATALOG, ids=[name for name, _ in CATALOG])
def test_real_catalog_class(name: str, cls: type[Any]) -> None:
    params = inspect.signature(cls).parameters.values()
    required = {
        p.name
        for p in params
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    }
    args = REQUIRED_ARGS.get(name, {})
    assert required <= args.keys(), (
        f"add values for {sorted(required - args.keys())} to REQUIRED_ARGS"
    )

    with gr.Blocks() as demo:
        block = cls(**args)
        deps = [getattr(block, event.name)(print) for event in cls.EVENTS]

    assert name == block.NAME
    # blocks that belong in another layout (form fields, tabs) are gathered into one
    gathered_in = block.expected_parent()
    if gathered_in is None:
        assert block in demo.children
    else:
        assert isinstance(block.parent, gathered_in)
        assert block.parent.children == [block]
        assert block.parent in demo.children
    for p in params:
        if p.kind is p.VAR_KEYWORD:
            assert getattr(block, p.name) == {}
        elif p.name not in NOT_STORED and p.name not in args and (name, p.name) not in RESOLVED:
            stored = getattr(block, p.name)
            assert stored is p.default or stored == p.default, p.name
    assert demo.dependencies == deps
    for dep, event in zip(deps, cls.EVENTS, strict=True):
        assert dep.targets == [(block, event)]
        assert dep.trigger_mode == event.trigger_mode
