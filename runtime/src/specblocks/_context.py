"""The stack of open layouts: where a new block is placed."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specblocks._block import BlockContext
    from specblocks._blocks_core import BlocksCore

_open_contexts: ContextVar[tuple[BlockContext, ...]] = ContextVar("open_contexts", default=())
_open_apps: ContextVar[tuple[BlocksCore, ...]] = ContextVar("open_apps", default=())


def current_context() -> BlockContext | None:
    """The innermost open layout, or None outside any ``with`` block."""
    stack = _open_contexts.get()
    return stack[-1] if stack else None


def current_app() -> BlocksCore | None:
    """The innermost open Blocks app, or None."""
    stack = _open_apps.get()
    return stack[-1] if stack else None


def push_context(context: BlockContext) -> None:
    _open_contexts.set((*_open_contexts.get(), context))


def pop_context(context: BlockContext) -> None:
    stack = _open_contexts.get()
    if not stack or stack[-1] is not context:
        raise RuntimeError(
            f"layouts closed out of order: {context!r} is not the innermost open layout"
        )
    _open_contexts.set(stack[:-1])


def push_app(app: BlocksCore) -> None:
    _open_apps.set((*_open_apps.get(), app))


def pop_app(app: BlocksCore) -> None:
    stack = _open_apps.get()
    if not stack or stack[-1] is not app:
        raise RuntimeError(f"Blocks closed out of order: {app!r} is not the innermost open app")
    _open_apps.set(stack[:-1])
