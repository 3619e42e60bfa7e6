"""The functions a component exposes to its browser element (``server_fns``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def server_functions(block: Any) -> dict[str, Callable[..., Any]]:
    """The functions of ``block`` the browser may call, by name."""
    found: dict[str, Callable[..., Any]] = {}
    for fn in getattr(block, "server_fns", None) or []:
        if callable(fn):
            found[getattr(fn, "__name__", repr(fn))] = fn
    return found
