"""Generator outputs after the first arrive as edit lists: ``[[op, path, value], ...]``.

``op`` is ``replace``, ``append``, ``add`` or ``delete``; ``path`` is a list of keys and indices
into the previous value (``[]`` is the value itself).
"""

from __future__ import annotations

import copy
from typing import Any


def apply_edits(previous: Any, edits: list[Any]) -> Any:
    """The value after applying ``edits`` to ``previous`` (which is left unchanged).

    Raises:
        ValueError: An edit is malformed or names an unknown operation.
    """
    value = copy.deepcopy(previous)
    for edit in edits:
        if not isinstance(edit, list | tuple) or len(edit) != 3:
            raise ValueError(f"malformed edit: {edit!r}")
        op, path, new = edit
        value = _apply(value, op, list(path), new)
    return value


def _apply(value: Any, op: str, path: list[Any], new: Any) -> Any:
    if not path:
        if op == "replace":
            return new
        if op == "append":
            return value + new
        raise ValueError(f"edit {op!r} needs a path")
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if op == "replace":
        parent[key] = new
    elif op == "append":
        parent[key] += new
    elif op == "add":
        if isinstance(parent, list):
            parent.insert(int(key), new)
        else:
            parent[key] = new
    elif op == "delete":
        del parent[int(key) if isinstance(parent, list) else key]
    else:
        raise ValueError(f"unknown edit operation {op!r}")
    return value
