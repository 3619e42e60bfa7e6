"""Stacks of what is open while an app is being built (one per thread and task)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Generic, TypeVar

T = TypeVar("T")


class OpenStack(Generic[T]):
    """The ``with`` blocks of one kind that are open, innermost last.

    Args:
        name: Names the context variable behind the stack.
        misuse: The error raised when an item that is not the innermost one is closed;
            ``{item!r}`` stands for that item.
    """

    def __init__(self, name: str, misuse: str) -> None:
        self._stack: ContextVar[tuple[T, ...]] = ContextVar(name, default=())
        self._misuse = misuse

    def current(self) -> T | None:
        """The innermost open item, or None when none is open."""
        stack = self._stack.get()
        return stack[-1] if stack else None

    def push(self, item: T) -> None:
        """Open ``item`` inside the current innermost one."""
        self._stack.set((*self._stack.get(), item))

    def pop(self, item: T) -> None:
        """Close ``item``, which must be the innermost open one."""
        stack = self._stack.get()
        if not stack or stack[-1] is not item:
            raise RuntimeError(self._misuse.format(item=item))
        self._stack.set(stack[:-1])
