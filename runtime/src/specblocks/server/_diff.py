"""Edits between two consecutive outputs of a generator, as streamed to clients.

A streamed output after the first is sent as a list of edits ``[op, path, value]`` against the
previous one: ``append`` (a string grew), ``add`` / ``delete`` (a list item or dict key),
``replace`` (anything else). Clients apply the edits to their copy.
"""

from __future__ import annotations

from typing import Any

Edit = list[Any]  # [op, path, value]


def diff(old: Any, new: Any, path: list[str | int] | None = None) -> list[Edit]:
    """The edits that turn ``old`` into ``new``."""
    where = path or []
    if type(old) is type(new) and old == new:
        return []
    if isinstance(old, str) and isinstance(new, str) and new.startswith(old):
        return [["append", where, new[len(old) :]]]
    if isinstance(old, list) and isinstance(new, list):
        edits: list[Edit] = []
        for index in range(min(len(old), len(new))):
            edits += diff(old[index], new[index], [*where, index])
        for index in range(len(old), len(new)):
            edits.append(["add", [*where, index], new[index]])
        edits += [
            ["delete", [*where, index], None] for index in range(len(old) - 1, len(new) - 1, -1)
        ]
        return edits
    if isinstance(old, dict) and isinstance(new, dict):
        edits = []
        for key, value in new.items():
            if key in old:
                edits += diff(old[key], value, [*where, key])
            else:
                edits.append(["add", [*where, key], value])
        edits += [["delete", [*where, key], None] for key in old if key not in new]
        return edits
    return [["replace", where, new]]


def apply(value: Any, edits: list[Edit]) -> Any:
    """Apply ``edits`` to ``value`` (the client's side; used in tests)."""
    for op, path, new in edits:
        if not path:
            value = value + new if op == "append" else new
            continue
        parent = value
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        if op == "append":
            parent[key] += new
        elif op == "delete":
            del parent[key]
        elif op == "add" and isinstance(parent, list):
            parent.insert(key, new)
        else:
            parent[key] = new
    return value
