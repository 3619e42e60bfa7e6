"""Compare what Gradio and specblocks record for the same app (see ``parity_api.worker``).

Three comparisons, each a list of :class:`Difference`:

- :func:`info_differences`: ``/gradio_api/info``, key by key, after :func:`normalise`, less
  the differences :data:`parity.allowed.ALLOWED` lists (each documented in the wire-protocol
  reference);
- :func:`layout_differences`: the page's block tree from ``/config`` as component types;
- :func:`output_differences`: each endpoint's output for the same inputs, where Gradio
  gives the same output twice (outputs that change from call to call are not compared).

:func:`prop_differences` lists per-component props Gradio sends that differ from ours;
it is reported, not gated.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from parity_api.allowed import ALLOWED, MISSING, allowed_reason

_PORT = re.compile(r"(127\.0\.0\.1|localhost):\d+")
# the sample media each framework ships, wherever it is installed
_MEDIA = re.compile(r"(?<![\w:/.])/(?:[^\s\"'/:]+/)*media_assets/")
_TEMP = re.compile(r"/tmp/[^\s\"']*?/([^/\s\"']+\.[A-Za-z0-9]+)")
# times of day (an output that prints the time the call ran)
_CLOCK = re.compile(r"\b\d{2}:\d{2}:\d{2}\b")
# Unix times in seconds (2001 to 2286): an output that gives the time the call ran
_EPOCH = (1e9, 1e10)


@dataclass(frozen=True)
class Difference:
    """One place where the two records disagree: ``where`` and each side's value."""

    where: str
    gradio: Any
    ours: Any
    allowed: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: gradio {_short(self.gradio)} | specblocks {_short(self.ours)}"


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_MISSING = MISSING


def normalise(value: Any) -> Any:
    """``value`` with ports, temporary and sample-media folders, and times taken out."""
    if isinstance(value, str):
        value = _MEDIA.sub("<media>/", _PORT.sub(r"\1:<port>", value))
        return _CLOCK.sub("<time>", _TEMP.sub(r"<tmp>/\1", value))
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if _is_number(value) and _EPOCH[0] <= value < _EPOCH[1]:
        return "<unix time>"
    return value


def deep_differences(gradio: Any, ours: Any, where: str = "") -> list[Difference]:
    """Every leaf where ``gradio`` and ``ours`` differ, keyed by a path like ``a.b[2]``."""
    if isinstance(gradio, dict) and isinstance(ours, dict):
        found: list[Difference] = []
        for key in list(gradio) + [k for k in ours if k not in gradio]:
            path = f"{where}.{key}" if where else str(key)
            found += deep_differences(gradio.get(key, _MISSING), ours.get(key, _MISSING), path)
        return found
    if isinstance(gradio, list) and isinstance(ours, list) and len(gradio) == len(ours):
        found = []
        for index, (left, right) in enumerate(zip(gradio, ours, strict=True)):
            found += deep_differences(left, right, f"{where}[{index}]")
        return found
    if gradio == ours or (_is_number(gradio) and _is_number(ours) and gradio == ours):
        return []
    return [Difference(where, gradio, ours)]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def info_differences(gradio: dict[str, Any], ours: dict[str, Any]) -> list[Difference]:
    """Differences of the API info, each marked with the reason when it is allowed."""
    gradio, ours = normalise(gradio), normalise(ours)
    found = _python_types_by_description(gradio, ours)
    for diff in deep_differences(gradio, ours):
        reason = allowed_reason(diff.where, diff.gradio, diff.ours)
        if reason is None and _numeric_choices(gradio, ours, diff):
            reason = "choice-value-types"
        found.append(Difference(diff.where, diff.gradio, diff.ours, reason))
    return found


def _at(document: Any, where: str) -> Any:
    """The value at a difference's path (``a.b[0].c``), or None."""
    value = document
    for part in where.split("."):
        name, *indices = part.split("[")
        value = value.get(name) if isinstance(value, dict) else None
        for index in indices:
            position = int(index.rstrip("]"))
            value = value[position] if isinstance(value, list) and position < len(value) else None
    return value


def _numeric_choices(gradio: Any, ours: Any, diff: Difference) -> bool:
    """A choice schema typed "string" by Gradio and by its numeric values by us."""
    if not diff.where.endswith(".type") or diff.gradio != "string":
        return False
    if diff.ours not in ("integer", "number"):
        return False
    parent = diff.where.rsplit(".", 1)[0]
    theirs, mine = _at(gradio, parent), _at(ours, parent)
    enum = theirs.get("enum") if isinstance(theirs, dict) else None
    return bool(enum) and isinstance(mine, dict) and mine.get("enum") == enum


def _without_descriptions(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {
            k: _without_descriptions(v)
            for k, v in schema.items()
            if k not in {"description", "additional_description"}
        }
    if isinstance(schema, list):
        return [_without_descriptions(v) for v in schema]
    return schema


def _python_types_by_description(gradio: dict[str, Any], ours: dict[str, Any]) -> list[Difference]:
    """Python types that differ only by the descriptions they spell, made equal and listed.

    The official client's own rule (``json_schema_to_python_type``) turns both types, less
    their descriptions, into Python types; when those are equal, the difference is text.
    """
    from gradio_client.utils import json_schema_to_python_type

    found = []
    for group in ("named_endpoints", "unnamed_endpoints"):
        for name, theirs in gradio.get(group, {}).items():
            mine = ours.get(group, {}).get(name)
            if not isinstance(mine, dict):
                continue
            for side in ("parameters", "returns"):
                pairs = zip(theirs.get(side, []), mine.get(side, []), strict=False)
                for index, (left, right) in enumerate(pairs):
                    left_type = left.get("python_type", {}).get("type")
                    right_type = right.get("python_type", {}).get("type")
                    if left_type == right_type:
                        continue
                    try:
                        same = json_schema_to_python_type(
                            _without_descriptions(left.get("type"))
                        ) == json_schema_to_python_type(_without_descriptions(right.get("type")))
                    except Exception:
                        same = False
                    if same:
                        where = f"{group}.{name}.{side}[{index}].python_type.type"
                        found.append(
                            Difference(where, left_type, right_type, "python-type-descriptions")
                        )
                        right["python_type"]["type"] = left_type
    return found


def block_tree(config: dict[str, Any]) -> Any:
    """The page's layout as nested ``[type, [children...]]`` (component types only)."""
    types = {c["id"]: c.get("type") for c in config.get("components", [])}

    def walk(node: dict[str, Any]) -> Any:
        children = [walk(child) for child in node.get("children") or []]
        kind = types.get(node.get("id"), "<root>")
        return [kind, children] if children else kind

    return walk(config.get("layout") or {})


def layout_differences(gradio: dict[str, Any], ours: dict[str, Any]) -> list[Difference]:
    """Where the two pages' block trees differ (types and nesting)."""
    return deep_differences(block_tree(gradio), block_tree(ours), "layout")


def _components_in_order(config: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in config.get("components", [])}
    order: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        if node.get("id") in by_id:
            order.append(by_id[node["id"]])
        for child in node.get("children") or []:
            walk(child)

    walk(config.get("layout") or {})
    return order


def prop_differences(gradio: dict[str, Any], ours: dict[str, Any]) -> list[Difference]:
    """Props of the blocks in page order that Gradio sends and we send otherwise."""
    found: list[Difference] = []
    pairs = zip(_components_in_order(gradio), _components_in_order(ours), strict=False)
    for index, (left, right) in enumerate(pairs):
        if left.get("type") != right.get("type"):
            continue
        theirs, mine = normalise(left.get("props", {})), normalise(right.get("props", {}))
        for key, value in theirs.items():
            if key in {"name", "_selectable"}:
                continue
            ours = mine.get(key, _MISSING)
            if ours != value:
                where = f"props {left['type']}#{index}.{key}"
                found.append(Difference(where, value, ours, allowed_reason(where, value, ours)))
    return found


@functools.cache
def _sample_names() -> frozenset[str]:
    """The names of the sample media files specblocks ships."""
    from specblocks.core._samples import MEDIA_ROOT

    return frozenset(p.name for p in MEDIA_ROOT.rglob("*") if p.is_file())


def _sample_files(theirs: Any, ours: Any, where: str) -> list[Difference]:
    """Sample files both sides return by the same name, made equal and listed as allowed."""
    found: list[Difference] = []
    if isinstance(theirs, dict) and isinstance(ours, dict):
        name = theirs.get("name")
        if name and name == ours.get("name") and name in _sample_names() and theirs != ours:
            found.append(Difference(where, theirs, dict(ours), "sample-media-files"))
            ours.clear()
            ours.update(theirs)
            return found
        for key in theirs.keys() & ours.keys():
            found += _sample_files(theirs[key], ours[key], f"{where}.{key}")
    elif isinstance(theirs, list) and isinstance(ours, list):
        for index, (left, right) in enumerate(zip(theirs, ours, strict=False)):
            found += _sample_files(left, right, f"{where}[{index}]")
    return found


def output_differences(
    gradio_calls: dict[str, list[dict[str, Any]]], our_calls: dict[str, list[dict[str, Any]]]
) -> tuple[list[Difference], int, int]:
    """Differences of deterministic outputs; also how many calls were compared and skipped."""
    found: list[Difference] = []
    compared = skipped = 0
    our_calls = normalise(our_calls)
    for name, outcomes in gradio_calls.items():
        first = normalise(outcomes[0])
        if any(normalise(o).get("output") != first.get("output") for o in outcomes[1:]) or not all(
            o["ok"] for o in outcomes
        ):
            skipped += 1
            continue
        compared += 1
        mine = normalise((our_calls.get(name) or [{"ok": False, "error": "not called"}])[-1])
        if not mine["ok"]:
            found.append(Difference(f"call {name}", first["output"], f"error: {mine['error']}"))
            continue
        # the last of the calls made on each side (the same calls in the same order)
        theirs_out, ours_out = normalise(outcomes[-1])["output"], mine["output"]
        found += _sample_files(theirs_out, ours_out, f"call {name}")
        found += deep_differences(theirs_out, ours_out, f"call {name}")
    return found, compared, skipped


__all__ = [
    "ALLOWED",
    "Difference",
    "block_tree",
    "deep_differences",
    "info_differences",
    "layout_differences",
    "normalise",
    "output_differences",
    "prop_differences",
]


def drawn_parameters(config: dict[str, Any]) -> set[tuple[str, int]]:
    """The API parameters (endpoint, index) whose component starts with a function's value.

    Such a value (``value=lambda: random.random()``) is drawn when the app starts, so the
    parameter's default differs between any two launches, Gradio's own included. They are
    the outputs of the listeners that load on the page with no inputs.
    """
    drawn = {
        output
        for dependency in config.get("dependencies", [])
        if not dependency.get("inputs")
        and any(event == "load" for _, event in dependency.get("targets", []))
        for output in dependency.get("outputs", [])
    }
    in_api = {c["id"] for c in config.get("components", []) if not c.get("skip_api")}
    found: set[tuple[str, int]] = set()
    for dependency in config.get("dependencies", []):
        name = dependency.get("api_name")
        if not name:
            continue
        inputs = [i for i in dependency.get("inputs", []) if i in in_api]
        found |= {(f"/{name}", index) for index, i in enumerate(inputs) if i in drawn}
    return found
