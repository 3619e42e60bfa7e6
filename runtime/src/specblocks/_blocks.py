"""``Blocks``: the app object users build with ``with Blocks() as demo:``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from specblocks._block import BlockContext
from specblocks.components._generated.blocks import BlocksBase

if TYPE_CHECKING:
    from specblocks.components._generated.blocks import (
        BlocksOptions,
        LaunchOptions,
        QueueOptions,
        UnloadOptions,
    )
    from specblocks.events import Dependency


class Blocks(BlocksBase):
    """An app made of components, layouts and event listeners.

    Open it with ``with Blocks() as demo:``; components created inside are placed in it and
    listeners attached inside are recorded in :attr:`dependencies`.
    """

    NAME = "Blocks"

    def _configure(self, options: BlocksOptions) -> None:
        self.options = options
        self.dependencies: list[Dependency] = []
        self.queue_options: QueueOptions | None = None
        self.unload_functions: list[Callable[..., Any]] = []
        BlockContext.__init__(self, render=False)

    def _queue(self, options: QueueOptions) -> Self:
        self.queue_options = options
        return self

    def _unload(self, options: UnloadOptions) -> None:
        self.unload_functions.append(options.fn)

    def _launch(self, options: LaunchOptions) -> tuple[Any, str, str]:
        raise NotImplementedError(
            "Blocks.launch() needs the specblocks server, which this build does not include yet"
        )

    @property
    def blocks(self) -> dict[int, Any]:
        """Every block placed in the app, by id, in depth-first order."""
        found: dict[int, Any] = {}
        stack: list[Any] = list(reversed(self.children))
        while stack:
            block = stack.pop()
            found[block._id] = block
            stack.extend(reversed(getattr(block, "children", [])))
        return found
