"""Event catalogue entries, and what the core reads of generated listener code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

TriggerMode = Literal["once", "multiple", "always_last"]
ChainCondition = Literal["always", "success", "failure"]


class EventDataLike(Protocol):
    """What the runtime needs of a generated event-data class (``EventData`` and subclasses).

    Any generated package (not only :mod:`specblocks._generated`) provides one.
    """

    @property
    def target(self) -> object:
        """The block the event fired on."""


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
    #: properties the page config gives every component that has this event
    config_props: Mapping[str, Any] = field(default_factory=dict)
    #: a page-config property that is true once a listener of this event is attached
    listened_prop: str | None = None
