"""``Client.view_api``: the endpoints as a dict, or as text for people."""

from __future__ import annotations

import copy
import re
from typing import Any

from specblocks_client._files import replace_files

#: Keys of an endpoint's ``P/info`` entry that only the browser's API page uses.
_INTERNAL_KEYS = ("code_snippets", "api_visibility")


def api_dict(info: dict[str, Any]) -> dict[str, Any]:
    """The ``P/info`` description without the browser-only keys (a deep copy)."""
    result: dict[str, Any] = {}
    for section in ("named_endpoints", "unnamed_endpoints"):
        endpoints: dict[str, Any] = {}
        for key, published in (info.get(section) or {}).items():
            entry = copy.deepcopy(published)
            for internal in _INTERNAL_KEYS:
                entry.pop(internal, None)
            endpoints[key] = entry
        result[section] = endpoints
    return result


def identifier(text: str) -> str:
    """A name usable as a Python identifier (``"Counter out"`` -> ``counter_out``)."""
    name = re.sub(r"\W+", "_", text.strip()).strip("_").lower()
    return name or "value"


def render(src: str, info: dict[str, Any], all_endpoints: bool | None = None) -> str:
    """The usage text ``view_api`` prints."""
    named: dict[str, Any] = info.get("named_endpoints") or {}
    unnamed: dict[str, Any] = info.get("unnamed_endpoints") or {}
    if all_endpoints is None:
        all_endpoints = not named
    lines = [f"API of {src}", f"Named endpoints: {len(named)}"]
    for name, entry in named.items():
        lines += _render_endpoint(f'api_name="{name}"', entry)
    if all_endpoints:
        lines.append(f"\nUnnamed endpoints: {len(unnamed)}")
        for index, entry in unnamed.items():
            lines += _render_endpoint(f"fn_index={index}", entry)
    elif unnamed:
        lines.append(
            f"\nUnnamed endpoints: {len(unnamed)} (view_api(all_endpoints=True) lists them)"
        )
    return "\n".join(lines) + "\n"


def _render_endpoint(selector: str, entry: dict[str, Any]) -> list[str]:
    params: list[dict[str, Any]] = entry.get("parameters") or []
    returns: list[dict[str, Any]] = entry.get("returns") or []
    names = [identifier(str(p.get("parameter_name") or p.get("label") or "")) for p in params]
    outs = [identifier(str(r.get("label") or "output")) for r in returns]
    shown_outs = outs[0] if len(outs) == 1 else f"({', '.join(outs)})"
    lines = ["", f" - predict({''.join(n + ', ' for n in names)}{selector}) -> {shown_outs}"]
    lines.append("    Parameters:")
    for name, param in zip(names, params, strict=True):
        kind = _type(param)
        if param.get("parameter_has_default"):
            default = replace_files(
                param.get("parameter_default"),
                lambda f: f"handle_file({(f.get('url') or f['path'])!r})",
            )
            if default is None:
                kind += " | None"
            need = f"(optional, default {default!r})"
        else:
            need = "(required)"
        lines.append(f"     - [{param.get('component', '?')}] {name}: {kind} {need}".rstrip())
        lines += _description(param)
    if not params:
        lines.append("     - none")
    lines.append("    Returns:")
    for name, ret in zip(outs, returns, strict=True):
        lines.append(f"     - [{ret.get('component', '?')}] {name}: {_type(ret)}")
        lines += _description(ret)
    if not returns:
        lines.append("     - none")
    return lines


def _type(entry: dict[str, Any]) -> str:
    python_type = entry.get("python_type")
    if isinstance(python_type, dict):
        return str(python_type.get("type") or "Any")
    return str(python_type or "Any")


def _description(entry: dict[str, Any]) -> list[str]:
    python_type = entry.get("python_type")
    text = python_type.get("description") if isinstance(python_type, dict) else None
    return [f"       {line}".rstrip() for line in str(text).splitlines()] if text else []
