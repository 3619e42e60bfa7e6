"""``render``: a part of the page that a function builds, and builds again when its triggers fire.

``@gr.render(inputs=...)`` inside ``with gr.Blocks():`` places an empty column where it is
written and registers one listener (on page load and on a change of the inputs, or on the
given triggers). Each time it runs, the function is called inside a fresh :class:`RenderScope`:
the components and layouts it creates go into the column, replacing the previous ones, and
the listeners it attaches belong to that rendering. The server keeps each session's rendering
(its listeners become endpoints of that session only) and sends the browser the new part of
the page.
"""

from __future__ import annotations

import functools
import inspect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from specblocks.app._on import Trigger, on
from specblocks.components._layouts import Column, Row
from specblocks.core import Block, BlocksCore, current_app, current_context, descendants

if TYPE_CHECKING:
    from specblocks.core import BlockContext, Component, DependencyCore

_render_ids = itertools.count(0)


@dataclass(eq=False)
class Rendered:
    """What one run of a render function built."""

    renderable: Renderable
    children: list[Block]
    dependencies: list[DependencyCore] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        """Every block built, depth-first."""
        return descendants(self.children)


class RenderScope(BlocksCore):
    """The app and the layout a render function builds into while it runs."""

    NAME = "RenderScope"

    def __init__(self, renderable: Renderable) -> None:
        self.renderable = renderable
        self.dependencies: list[DependencyCore] = []
        super().__init__(render=False)

    def result(self) -> Rendered:
        """What was built."""
        return Rendered(self.renderable, list(self.children), list(self.dependencies))


class Renderable:
    """One ``@render`` region of an app: its column, its function and its listener."""

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: Sequence[Component | BlockContext] | set[Component | BlockContext] | None,
        triggers: Sequence[Trigger] | Trigger | None,
        options: dict[str, Any],
    ) -> None:
        app = current_app()
        if app is None:
            raise RuntimeError("@render must be used inside `with gr.Blocks():`")
        self.fn = fn
        self.render_id = next(_render_ids)
        # the region is laid out as the layout it is in: a row in a Row, else a column
        layout = Row if isinstance(current_context(), Row) else Column
        self.container = layout(show_progress=True)
        self.dependency = on(
            triggers,
            _rendering(fn, self),
            inputs=inputs,
            outputs=[self.container],
            api_visibility="undocumented",
            **options,
        )
        self.dependency.renderable = self  # type: ignore[attr-defined]


def _rendering(fn: Callable[..., Any], renderable: Renderable) -> Callable[..., Any]:
    """``fn`` run inside a fresh :class:`RenderScope`, returning what it built."""
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def run_async(*args: Any, **kwargs: Any) -> Rendered:
            scope = RenderScope(renderable)
            with scope:
                await fn(*args, **kwargs)
            return scope.result()

        return run_async

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Rendered:
        scope = RenderScope(renderable)
        with scope:
            fn(*args, **kwargs)
        return scope.result()

    return run


def render(
    inputs: Sequence[Component | BlockContext] | Component | BlockContext | None = None,
    triggers: Sequence[Trigger] | Trigger | None = None,
    *,
    queue: bool = True,
    trigger_mode: Literal["once", "multiple", "always_last"] | None = "always_last",
    concurrency_limit: int | Literal["default"] | None = None,
    concurrency_id: str | None = None,
    show_progress: Literal["full", "minimal", "hidden"] = "full",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Build part of the page with a function, again each time its triggers fire.

    Use as a decorator inside ``with gr.Blocks():``. The function receives the values of
    ``inputs`` and creates components, layouts and listeners as in the ``with`` block; they
    appear where the decorator is written, replacing what the previous run created. A
    component given a ``key`` keeps its identity across runs, and the browser keeps the
    properties named by its ``preserved_by_key`` (its value, by default) as the user left them.

    Args:
        inputs: Components whose values are passed to the function.
        triggers: Bound listener methods (``button.click``, ``demo.load`` ...) that run it;
            by default the page's load and a change of any input.
        queue: Whether runs go through the queue.
        trigger_mode: What happens when a trigger fires during a run; by default the last
            one runs after the current run.
        concurrency_limit: How many runs at once (None: no limit).
        concurrency_id: Runs sharing an id share the limit.
        show_progress: Progress display over the region while the function runs.

    Returns:
        A decorator that registers the function (and returns it unchanged).
    """
    listed: Sequence[Any] | set[Any] | None
    if inputs is None or isinstance(inputs, Sequence | set):  # noqa: SIM108 - typed branches
        listed = inputs
    else:
        listed = [inputs]
    options = {
        "queue": queue,
        "trigger_mode": trigger_mode,
        "concurrency_limit": concurrency_limit,
        "concurrency_id": concurrency_id,
        "show_progress": show_progress,
    }

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        Renderable(fn, listed, triggers, options)
        return fn

    return decorate


def is_render_dependency(dependency: Any) -> bool:
    """Whether a listener is the one of a ``@render`` region."""
    return isinstance(getattr(dependency, "renderable", None), Renderable)
