"""``Blocks``: the app object users build with ``with Blocks() as demo:``."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from specblocks import _context
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
    from specblocks.server._launch import RunningServer


class Blocks(BlocksBase):
    """An app made of components, layouts and event listeners.

    Open it with ``with Blocks() as demo:``; components created inside are placed in it and
    listeners attached inside are recorded in :attr:`dependencies`.
    """

    NAME = "Blocks"

    def _init_blocks(self, options: BlocksOptions) -> None:
        self.options = options
        self.dependencies: list[Dependency] = []
        self.queue_options: QueueOptions | None = None
        self.unload_functions: list[Callable[..., Any]] = []
        self.server: RunningServer | None = None
        self.server_app: Any = None
        self.local_url: str | None = None
        BlockContext.__init__(self, render=False)

    def _queue(self, options: QueueOptions) -> Self:
        self.queue_options = options
        return self

    def _unload(self, options: UnloadOptions) -> None:
        self.unload_functions.append(options.fn)

    def _launch(self, options: LaunchOptions) -> tuple[Any, str, str | None]:
        from specblocks.server._launch import serve

        if self.server is not None:
            self.close()
        api, running = serve(self, options)
        self.server = running
        self.server_app = api
        self.local_url = running.url
        if not options.quiet:
            print(f"* Running on local URL:  {running.url}")
        if not options.prevent_thread_lock:
            self.block_thread()
        return api, running.url, None

    def block_thread(self) -> None:
        """Block the calling thread until the server stops or Ctrl-C."""
        try:
            while self.server is not None and self.server.thread.is_alive():
                time.sleep(0.1)
        except KeyboardInterrupt:
            self.close()

    def close(self) -> None:
        """Stop the server started by :meth:`launch`."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def render(self) -> Self:
        """Place this app inside the app being built, with its listeners."""
        outer = _context.current_app()
        super().render()
        if outer is not None and outer is not self:
            for dependency in self.dependencies:
                if dependency not in outer.dependencies:
                    outer.add_dependency(dependency)
        return self

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
