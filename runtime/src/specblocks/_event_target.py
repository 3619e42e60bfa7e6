"""What generated event code builds on: event specs and the targets listeners attach to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from specblocks import _context

if TYPE_CHECKING:
    from specblocks._block import Block
    from specblocks._blocks_core import BlocksCore
    from specblocks._dependency import Dependency

TriggerMode = Literal["once", "multiple", "always_last"]
ChainCondition = Literal["always", "success", "failure"]


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
        from specblocks._dependency import Dependency

        return app.add_dependency(Dependency(targets=[(self, event)], options=options, app=app))


class ChainTarget:
    """A registered listener that further listeners can be chained to."""

    def _chain(self, condition: ChainCondition, options: ListenerOptionsLike) -> Dependency:
        raise NotImplementedError  # pragma: no cover - Dependency implements it
