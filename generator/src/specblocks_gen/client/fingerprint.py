"""The API fingerprint: the parts of ``P/info`` a typed client relies on, and how two differ.

The generator embeds ``normalise_info(info)`` in every client it writes, and the client's
``check_api()`` compares it with the live API using :func:`api_diff`. The code between the
``runtime`` markers below is copied verbatim into each generated Python client (see
:func:`runtime_source`), so the generator and the clients apply the same rules; the TypeScript
template carries a port of it. The runtime part uses only ``json`` and ``typing.Any``, which the
client template imports.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

BEGIN_MARKER = "# -- runtime: begin --\n"
END_MARKER = "# -- runtime: end --\n"


def runtime_source() -> str:
    """The source between the runtime markers of this module."""
    text = resources.files(__package__).joinpath("fingerprint.py").read_text(encoding="utf-8")
    start = text.index(BEGIN_MARKER) + len(BEGIN_MARKER)
    return text[start : text.index(END_MARKER)].strip("\n") + "\n"


# -- runtime: begin --
#: Schema keywords that only document a value; the fingerprint leaves them out.
_DOC_KEYWORDS = frozenset(
    {"title", "description", "additional_description", "examples", "example", "$comment"}
)
#: Schema keywords whose values map names to schemas.
_SCHEMA_MAPS = frozenset({"properties", "$defs", "definitions", "patternProperties"})
#: Schema keywords whose values are data rather than schemas.
_DATA_KEYWORDS = frozenset({"default", "const", "enum", "required"})
#: How much of a JSON value a difference shows.
_SHOWN_CHARS = 80


class ApiMismatchError(Exception):
    """The app's API differs from the one the client was generated from.

    Attributes:
        src: The app's URL.
        problems: One line per difference, e.g. ``/greet: parameter 'name' removed (string)``.
    """

    def __init__(self, src: str, problems: list[str]) -> None:
        self.src = src
        self.problems = problems
        listed = "".join(f"\n  - {problem}" for problem in problems)
        super().__init__(
            f"the API of {src} differs from the one this client was generated from "
            f"(regenerate the client):{listed}"
        )


def normalise_info(info: dict[str, Any]) -> dict[str, Any]:
    """The fingerprint of an app's ``P/info``: each endpoint's parameters and returns.

    Parameters keep their name, component, JSON schema and default; returns their component
    and schema. Labels, descriptions, titles and examples are left out: they do not change how
    a call is made or what it returns.

    Args:
        info: The app's ``P/info`` (``{"named_endpoints": ..., ...}``).

    Returns:
        ``{api_name: {"parameters": [...], "returns": [...]}}``, sorted by ``api_name``.
    """
    named: dict[str, Any] = info.get("named_endpoints") or {}
    endpoints: dict[str, Any] = {}
    for api_name in sorted(named):
        entry = named[api_name]
        if entry.get("api_visibility", "public") == "private":
            continue
        endpoints[api_name] = {
            "parameters": [_parameter(p) for p in entry.get("parameters") or []],
            "returns": [
                {"component": r.get("component"), "type": _schema(r.get("type"))}
                for r in entry.get("returns") or []
            ],
        }
    return endpoints


def api_diff(expected: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """What changed from the ``expected`` fingerprint to the ``live`` one, one line each.

    Args:
        expected: The fingerprint the client was generated from.
        live: The fingerprint of the running app.

    Returns:
        Lines such as ``/multi: parameter 'n' type changed: number -> string``; empty when the
        two agree.
    """
    problems: list[str] = []
    for api_name, endpoint in expected.items():
        if api_name not in live:
            problems.append(f"{api_name}: endpoint removed")
        else:
            problems += _endpoint_diff(api_name, endpoint, live[api_name])
    problems += [f"{api_name}: endpoint added" for api_name in live if api_name not in expected]
    return problems


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    entry = {
        "name": param.get("parameter_name") or param.get("label"),
        "component": param.get("component"),
        "type": _schema(param.get("type")),
        "required": not param.get("parameter_has_default", False),
    }
    if not entry["required"]:
        entry["default"] = param.get("parameter_default")
    return entry


def _schema(schema: Any) -> Any:
    if isinstance(schema, list):
        return [_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    for key in sorted(schema):
        value = schema[key]
        if key in _DOC_KEYWORDS:
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            result[key] = {name: _schema(value[name]) for name in sorted(value)}
        elif key in _DATA_KEYWORDS:
            result[key] = value
        else:
            result[key] = _schema(value)
    return result


def _endpoint_diff(api_name: str, expected: dict[str, Any], live: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    old = {p["name"]: p for p in expected["parameters"]}
    new = {p["name"]: p for p in live["parameters"]}
    for name, param in old.items():
        if name not in new:
            problems.append(f"{api_name}: parameter {name!r} removed ({_describe(param['type'])})")
    for name, param in new.items():
        if name not in old:
            need = "required" if param["required"] else "optional"
            problems.append(
                f"{api_name}: parameter {name!r} added ({_describe(param['type'])}, {need})"
            )
    kept_old = [name for name in old if name in new]
    kept_new = [name for name in new if name in old]
    for name in kept_old:
        problems += _value_diff(f"{api_name}: parameter {name!r}", old[name], new[name])
    if kept_old != kept_new:
        problems.append(
            f"{api_name}: parameters reordered: {', '.join(kept_old)} -> {', '.join(kept_new)}"
        )
    before, after = expected["returns"], live["returns"]
    if len(before) != len(after):
        problems.append(f"{api_name}: returns {len(after)} value(s) instead of {len(before)}")
    for index, (was, now) in enumerate(zip(before, after, strict=False), start=1):
        problems += _value_diff(f"{api_name}: return value {index}", was, now)
    return problems


def _value_diff(where: str, was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if was["component"] != now["component"]:
        problems.append(f"{where} component changed: {was['component']} -> {now['component']}")
    if was["type"] != now["type"]:
        before, after = _describe(was["type"]), _describe(now["type"])
        if before != after:
            problems.append(f"{where} type changed: {before} -> {after}")
        else:
            path, old, new = _first_difference(was["type"], now["type"], "")
            problems.append(f"{where} type changed at {path or '(root)'}: {old} -> {new}")
    if "required" in was and was["required"] != now["required"]:
        if now["required"]:
            problems.append(f"{where} is now required")
        else:
            problems.append(f"{where} is now optional (default {_show(now.get('default'))})")
    elif "default" in was and was["default"] != now.get("default"):
        problems.append(
            f"{where} default changed: {_show(was['default'])} -> {_show(now.get('default'))}"
        )
    return problems


def _describe(schema: Any) -> str:
    """A short name for a schema: ``string``, ``array of number``, ``one of "a", "b" | null``."""
    if not isinstance(schema, dict) or not schema:
        return "any"
    if isinstance(schema.get("$ref"), str):
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(value) for value in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return " | ".join(_describe(option) for option in schema[key])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    if kind == "array":
        return f"array of {_describe(schema.get('items'))}"
    if kind == "object" and isinstance(schema.get("properties"), dict):
        return f"object ({', '.join(schema['properties'])})"
    return str(kind) if kind else _show(schema)


def _first_difference(was: Any, now: Any, path: str) -> tuple[str, str, str]:
    """Where two JSON values first differ: ``(path, old, new)`` with the values shown short."""
    if isinstance(was, dict) and isinstance(now, dict):
        for key in sorted(set(was) | set(now)):
            inner = f"{path}.{key}" if path else str(key)
            if key not in was:
                return inner, "(absent)", _show(now[key])
            if key not in now:
                return inner, _show(was[key]), "(absent)"
            if was[key] != now[key]:
                return _first_difference(was[key], now[key], inner)
    if isinstance(was, list) and isinstance(now, list) and len(was) == len(now):
        for index, (old, new) in enumerate(zip(was, now, strict=True)):
            if old != new:
                return _first_difference(old, new, f"{path}[{index}]")
    return path, _show(was), _show(now)


def _show(value: Any) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


# -- runtime: end --
