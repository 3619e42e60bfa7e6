"""Events: the catalogue entry type, listener registration and dependencies."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from specblocks import _context

if TYPE_CHECKING:
    from specblocks._block import Block
    from specblocks._blocks_core import BlocksCore

F = TypeVar("F", bound=Callable[..., Any])
TriggerMode = Literal["once", "multiple", "always_last"]
_dependency_ids = itertools.count(0)


class EventDataLike(Protocol):
    """What the runtime needs of a generated event-data class (``EventData`` and subclasses).

    Any generated package (not only :mod:`specblocks.components._generated`) provides one.
    """

    target: Block | None


class ListenerOptionsLike(Protocol):
    """What the runtime reads from a generated ``ListenerOptions`` (any generated package)."""

    @property
    def fn(self) -> Callable[..., Any] | Literal["decorator"] | None:
        """The function to run; "decorator" until the decorator form supplies it."""

    @property
    def inputs(self) -> object:
        """A block, a collection of blocks, or None."""

    @property
    def outputs(self) -> object:
        """A block, a collection of blocks, or None."""

    @property
    def trigger_mode(self) -> TriggerMode | None:
        """The listener's trigger mode; None uses the event's default."""


@dataclass(frozen=True)
class EventSpec:
    """One event of the catalogue, as generated from ``component_specs/common/events.yaml``."""

    name: str
    description: str
    trigger_mode: TriggerMode
    data_class: type[EventDataLike] | None
    browser: str | None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, set | Sequence) and not isinstance(value, str):
        return list(value)
    return [value]


@dataclass(eq=False)
class Dependency:
    """An event listener attached to an app: which events run which function."""

    targets: list[tuple[EventTarget, EventSpec]]
    options: ListenerOptionsLike
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
        return self.options.trigger_mode or self.targets[0][1].trigger_mode

    def __call__(self, fn: F) -> F:
        """Decorator form: ``@button.click(inputs=..., outputs=...)`` over a function."""
        if self.options.fn != "decorator":
            raise TypeError(
                "this listener already has a function; use the decorator form without `fn`"
            )
        object.__setattr__(self.options, "fn", fn)
        return fn


class EventTarget:
    """Something listeners can be attached to. Generated mixins add one method per event."""

    def _owner_app(self) -> BlocksCore | None:
        return _context.current_app()

    def _listen(self, event: EventSpec, options: ListenerOptionsLike) -> Dependency:
        """Attach a listener for ``event`` to the app being built."""
        app = self._owner_app()
        if app is None:
            raise RuntimeError(
                f"{type(self).__name__}.{event.name}() must be called inside `with Blocks():`"
            )
        return app.add_dependency(Dependency(targets=[(self, event)], options=options))


__all__ = ["Dependency", "EventDataLike", "EventSpec", "EventTarget", "ListenerOptionsLike"]
