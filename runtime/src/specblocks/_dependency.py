"""Dependencies: the listeners registered on an app."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from specblocks._event_target import ChainCondition, EventSpec, EventTarget, ListenerOptionsLike
from specblocks.components._generated.events import Chaining

if TYPE_CHECKING:
    from specblocks._block import Block
    from specblocks._blocks_core import BlocksCore

F = TypeVar("F", bound=Callable[..., Any])
_dependency_ids = itertools.count(0)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, set | Sequence) and not isinstance(value, str):
        return list(value)
    return [value]


@dataclass(eq=False)
class Dependency(Chaining):
    """An event listener attached to an app: which events run which function."""

    targets: list[tuple[EventTarget, EventSpec]]
    options: ListenerOptionsLike
    app: BlocksCore
    trigger_after: Dependency | None = None
    trigger_condition: ChainCondition = "always"
    id: int = field(default_factory=lambda: next(_dependency_ids))

    @property
    def fn(self) -> Callable[..., Any] | None:
        """The function to run, or None when the listener only runs JavaScript or is pending."""
        fn = self.options.fn
        return None if fn == "decorator" or fn is None else fn

    @property
    def inputs(self) -> list[Block]:
        """Input blocks, in order."""
        return _as_list(self.options.inputs)

    @property
    def outputs(self) -> list[Block]:
        """Output blocks, in order."""
        return _as_list(self.options.outputs)

    @property
    def trigger_mode(self) -> str:
        """The listener's trigger mode, or its first event's default."""
        if self.options.trigger_mode:
            return self.options.trigger_mode
        return self.targets[0][1].trigger_mode if self.targets else "once"

    def __call__(self, fn: F) -> F:
        """Decorator form: ``@button.click(inputs=..., outputs=...)`` over a function."""
        if self.options.fn != "decorator":
            raise TypeError(
                "this listener already has a function; use the decorator form without `fn`"
            )
        object.__setattr__(self.options, "fn", fn)
        return fn

    def _chain(self, condition: ChainCondition, options: ListenerOptionsLike) -> Dependency:
        chained = Dependency(
            targets=[],
            options=options,
            app=self.app,
            trigger_after=self,
            trigger_condition=condition,
        )
        return self.app.add_dependency(chained)


__all__ = ["Dependency"]
