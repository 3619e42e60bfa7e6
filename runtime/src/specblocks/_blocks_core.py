"""What every Blocks app is, beneath its generated constructor and methods."""

from __future__ import annotations

from abc import abstractmethod
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from specblocks import _context
from specblocks._block import BlockContext

if TYPE_CHECKING:
    from specblocks.components._generated.blocks import (
        BlocksOptions,
        LaunchOptions,
        QueueOptions,
        UnloadOptions,
    )
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

    @abstractmethod
    def _configure(self, options: BlocksOptions) -> None:
        """Set the app up from its constructor arguments."""

    @abstractmethod
    def _launch(self, options: LaunchOptions) -> tuple[Any, str, str | None]:
        """Start serving the app."""

    @abstractmethod
    def _queue(self, options: QueueOptions) -> Self:
        """Configure the queue."""

    @abstractmethod
    def _unload(self, options: UnloadOptions) -> None:
        """Register a function to run when a user closes the page."""
