"""Rebuild ``gradio-signatures.json`` from an installed Gradio (run in a scratch venv).

Usage: ``python tests/parity/build_gradio_snapshot.py`` with ``gradio==6.31.0`` importable.
The snapshot records, for every catalog class, each constructor parameter's name, kind
(positional or keyword-only) and default, plus the event-listener and Blocks method
parameters, the constructors of the preset classes (``TextArea`` …), what each alias
(``Text`` …) stands for, and the parameters of the top-level functions ``on`` and
``Examples``. Defaults that are objects are recorded by a stable description, not an address.
"""

from __future__ import annotations

import csv
import inspect
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MATRIX = HERE / "event_matrix.csv"
LAYOUTS = ["Row", "Column", "Tab", "Tabs", "Accordion", "Group", "Sidebar", "Form"]
# Classes that preset another component's defaults (gradio.templates).
TEMPLATES = [
    "TextArea", "Sketchpad", "Paint", "ImageMask", "PlayableVideo", "Microphone", "Files",
    "Numpy", "Matrix", "List",
]  # fmt: skip
# Other names of classes, recorded with the name of the class they stand for.
ALIASES = [
    "Text", "DataFrame", "Checkboxgroup", "Highlightedtext", "Json", "Annotatedimage", "TabItem",
    "Mic",
]  # fmt: skip
# Top-level functions (``gr.Examples`` is a function in Gradio).
FUNCTIONS = ["on", "Examples"]


def _installed_path(value: str) -> str:
    """Paths inside the installed gradio package, made independent of where it is installed."""
    import gradio

    root = str(Path(gradio.__file__).parent)
    return value.replace(root, "<gradio package>") if value.startswith(root) else value


def describe_default(value: Any) -> Any:
    if isinstance(value, str):
        value = _installed_path(value)
    if value is inspect.Parameter.empty:
        return {"required": True}
    if isinstance(value, tuple):
        return {"tuple": [describe_default(v) for v in value]}
    if value is None or isinstance(value, str | int | float | bool):
        return {"value": value}
    if isinstance(value, list | dict):
        return {"value": json.loads(json.dumps(value))}
    return {"object": type(value).__name__}


def describe(function: Any, skip: int) -> list[dict[str, Any]]:
    params = list(inspect.signature(function).parameters.values())[skip:]
    kinds = {
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
        inspect.Parameter.VAR_KEYWORD: "var_keyword",
        inspect.Parameter.VAR_POSITIONAL: "var_positional",
    }
    return [
        {"name": p.name, "kind": kinds[p.kind], "default": describe_default(p.default)}
        for p in params
    ]


def main() -> int:
    import gradio as gr

    with MATRIX.open(newline="") as handle:
        names = [row["component"] for row in csv.DictReader(handle)]
    classes: dict[str, Any] = {}
    missing = []
    from gradio import _simple_templates

    for name in [*names, *LAYOUTS]:
        cls = (
            getattr(gr, name, None)
            or getattr(_simple_templates, name, None)
            or getattr(gr.layouts, name, None)
        )
        if cls is None:
            missing.append(name)
            continue
        classes[name] = describe(cls.__init__, 1)
    snapshot = {
        "gradio_version": gr.__version__,
        "classes": dict(sorted(classes.items())),
        "not_in_gradio": sorted(missing),
        "listener": describe(gr.Button.click, 1),
        "blocks": {
            "__init__": describe(gr.Blocks.__init__, 1),
            "launch": describe(gr.Blocks.launch, 1),
            "queue": describe(gr.Blocks.queue, 1),
            "load": describe(gr.Blocks.load, 1),
            "unload": describe(gr.Blocks.unload, 1),
        },
        "interface": describe(gr.Interface.__init__, 1),
        "templates": {name: describe(getattr(gr, name).__init__, 1) for name in TEMPLATES},
        "aliases": {name: getattr(gr, name).__name__ for name in ALIASES},
        "functions": {name: describe(getattr(gr, name), 0) for name in FUNCTIONS},
    }
    out = HERE / "gradio-signatures.json"
    out.write_text(json.dumps(snapshot, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {out.name}: {len(classes)} classes, not in gradio: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
