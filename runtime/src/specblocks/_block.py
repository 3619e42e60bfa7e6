"""Blocks, components and layouts: identity, placement and event wiring."""

from __future__ import annotations

import itertools
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Self

from specblocks import _context
from specblocks._event_target import EventTarget

if TYPE_CHECKING:
    from specblocks._event_target import EventSpec

_ids = itertools.count(1)


class Block(EventTarget):
    """Anything that can be placed in an app: a component or a layout.

    Generated base classes store every constructor argument as an attribute, then call
    ``Block.__init__`` to give the block an id and place it in the innermost open layout.
    """

    NAME: ClassVar[str] = "Block"
    EVENTS: ClassVar[tuple[EventSpec, ...]] = ()
    PROPS: ClassVar[tuple[str, ...]] = ()

    elem_id: str | None
    key: int | str | tuple[int | str, ...] | None

    def __init__(self, *, render: bool = True) -> None:
        self._id = next(_ids)
        self.parent: BlockContext | None = None
        self.is_rendered = False
        if render:
            self.render()

    def render(self) -> Self:
        """Place the block in the innermost open layout (no-op outside any layout)."""
        context = _context.current_context()
        if context is not None and not self.is_rendered:
            context.add_child(self)
            self.is_rendered = True
        return self

    def unrender(self) -> Self:
        """Remove the block from the layout it was placed in."""
        if self.parent is not None:
            self.parent.remove_child(self)
        self.is_rendered = False
        return self

    def __repr__(self) -> str:
        label = getattr(self, "label", None)
        named = f" label={label!r}" if isinstance(label, str) else ""
        return f"<{type(self).__name__} id={self._id}{named}>"


class BlockContext(Block):
    """A block that contains other blocks, opened with ``with``."""

    def __init__(self, *, render: bool = True) -> None:
        self.children: list[Block] = []
        super().__init__(render=render)

    def add_child(self, child: Block) -> None:
        """Append ``child`` to this layout."""
        if child.parent is not None and child.parent is not self:
            child.parent.remove_child(child)
        child.parent = self
        self.children.append(child)

    def remove_child(self, child: Block) -> None:
        """Remove ``child`` from this layout."""
        self.children.remove(child)
        child.parent = None

    def __enter__(self) -> Self:
        _context.push_context(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _context.pop_context(self)
