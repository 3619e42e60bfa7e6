"""The intermediate model: specs with shared parameters resolved, ready to render."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


def summary_of(text: str) -> str:
    """The first sentence of ``text``."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), flags=re.DOTALL)
    return " ".join((match.group(1) if match else text.strip()).split())


@dataclass(frozen=True)
class Param:
    """A parameter, resolved: its final type, default source and description."""

    name: str
    type: str
    default: str | None  # Python source of the default; None when required
    description: str
    attribute: bool = True
    updatable: bool = True
    positional: bool = False
    shared: bool = False
    sent_for_none: Any = None  # JSON value the config sends for a None value


@dataclass(frozen=True)
class Event:
    """An event of the catalogue."""

    name: str
    description: str
    trigger_mode: str
    data: str | None
    browser: str | None
    config_props: tuple[tuple[str, Any], ...] = ()
    listened_prop: str | None = None

    @property
    def constant(self) -> str:
        """Name of the generated catalogue constant, e.g. ``KEY_UP``."""
        return self.name.upper()

    @property
    def mixin(self) -> str:
        """Name of the generated mixin that adds this event's listener method."""
        return "On" + "".join(part.capitalize() for part in self.name.split("_"))


@dataclass(frozen=True)
class DataContract:
    """What a component exchanges with the user function and the browser."""

    preprocess_type: str
    preprocess_doc: str
    postprocess_type: str
    postprocess_doc: str
    payload: dict[str, Any]
    example: Any
    in_api: bool = True
    api_schema: dict[str, Any] | None = None
    data_model: bool = False


@dataclass(frozen=True)
class Component:
    """A component or layout."""

    name: str
    kind: str
    description: str
    category: str
    shortcuts: tuple[str, ...]
    params: tuple[Param, ...]
    events: tuple[Event, ...]
    data: DataContract | None
    source: str
    module: str  # the spec file's stem, e.g. ``download_button``
    gradio_differences: tuple[str, ...]
    var_keyword: Param | None = None
    block_name: str = ""  # the config's ``type``
    grouped_in: str | None = None
    grouped_unless: tuple[tuple[str, Any], ...] = ()
    breaks_grouping: bool = True
    ungrouped_when: tuple[tuple[str, Any], ...] = ()
    default_label: str | None = None  # the label the page shows when there is none

    @property
    def base_class(self) -> str:
        """Name of the generated base class."""
        return f"{self.name}Base"

    @property
    def summary(self) -> str:
        """The first sentence of the description."""
        return summary_of(self.description)

    @property
    def details(self) -> str:
        """The description after its first sentence."""
        return " ".join(self.description.split())[len(self.summary) :].strip()


@dataclass(frozen=True)
class Method:
    """A documented method of the app class."""

    name: str
    description: str
    params: tuple[Param, ...]
    returns: str
    options_class: str  # the generated class holding this method's arguments
    hook: str  # the hand-written method the generated one hands its options to


@dataclass(frozen=True)
class Blocks:
    """The app class."""

    name: str
    description: str
    methods: tuple[Method, ...]
    events: tuple[Event, ...]
    source: str
    module: str  # generated module name, e.g. ``blocks``
    base_module: str
    base_class: str


@dataclass(frozen=True)
class Chain:
    """A chaining method (``then``, ``success``, ``failure``)."""

    name: str
    description: str
    condition: str


@dataclass(frozen=True)
class Listener:
    """The event-listener parameters."""

    description: str
    params: tuple[Param, ...]
    returns: str
    source: str
    chains: tuple[Chain, ...] = ()


@dataclass(frozen=True)
class DataField:
    """A field of an event-data class."""

    name: str
    type: str
    description: str
    key: str  # "$" means the whole payload
    default: str | None  # Python source; None when the key is required
    model: str | None = None  # payload model to validate the value into


@dataclass(frozen=True)
class EventDataClass:
    """An event-data class."""

    name: str
    description: str
    fields: tuple[DataField, ...]


@dataclass(frozen=True)
class Payload:
    """A payload model."""

    name: str
    description: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class Import:
    """How generated code imports one type name."""

    name: str
    statement: str
    runtime: bool


@dataclass(frozen=True)
class Catalog:
    """Everything the emitters need."""

    components: tuple[Component, ...]  # components and layouts, sorted by name
    events: tuple[Event, ...]
    listener: Listener
    blocks: tuple[Blocks, ...]
    event_data: tuple[EventDataClass, ...]
    payloads: tuple[Payload, ...]
    imports: dict[str, Import]
    sentinel_imports: dict[str, Import]
    common_sources: tuple[str, ...]
    file_digests: dict[str, str]

    def component(self, name: str) -> Component:
        """The component or layout called ``name``."""
        for comp in self.components:
            if comp.name == name:
                return comp
        raise KeyError(name)
