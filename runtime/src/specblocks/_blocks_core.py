"""What every Blocks app is, beneath its generated constructor and methods."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

from specblocks import _context
from specblocks._block import BlockContext

if TYPE_CHECKING:
    from specblocks.events import Dependency


class BlocksCore(BlockContext):
    """An app: the root layout, plus the listeners attached while it was open.

    The generated ``BlocksBase`` turns each documented method's arguments into an options
    object and hands it to the matching hook below.
    """

    dependencies: list[Dependency]

    def _owner_app(self) -> BlocksCore:
        return self

    def add_dependency(self, dependency: Dependency) -> Dependency:
        """Record a listener attached while this app was being built."""
        self.dependencies.append(dependency)
        return dependency

    def __enter__(self) -> Self:
        _context.push_app(self)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, traceback)
        _context.pop_app(self)
