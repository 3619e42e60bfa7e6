"""Pydantic models of the spec files under ``component_specs/``.

Every spec file is a YAML mapping that starts with ``spec_version`` and names its
``kind``; the kind selects one of the file models below. The models forbid unknown
keys, so a typo is reported instead of ignored. Cross-file rules (unknown events,
duplicate names, defaults against types) live in :mod:`specblocks_gen.spec.checks`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

SPEC_VERSION = 1

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")]
ClassName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TypeExpr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
DottedClass = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_.]*\.[A-Z][A-Za-z0-9]*$")]
TriggerMode = Literal["once", "multiple", "always_last"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Parameter(_Model):
    """One constructor or method parameter."""

    name: Identifier
    type: TypeExpr = Field(description="Python type expression, e.g. `str | None`.")
    default: Any = Field(
        default=None,
        description="Default as a YAML value (null when omitted); see `required`.",
    )
    default_expr: str | None = Field(
        default=None,
        description="Default as a Python literal (tuples) or the name of a declared sentinel.",
    )
    required: bool = Field(default=False, description="True when the parameter has no default.")
    description: Text
    attribute: bool = Field(
        default=True,
        description="Store the value on the instance (false: pass it to the base class instead).",
    )
    updatable: bool = Field(
        default=True,
        description=(
            "Whether an update (`update(...)`, or an instance returned as an output's value) "
            "may change it; false for what acts only when the app is built (e.g. `key`, "
            "`every`)."
        ),
    )
    sent_for_none: Any = Field(
        default=None,
        description=(
            "What the page config (and an update) sends for this property when its value is "
            "None: the value None stands for, as Gradio's config gives it (e.g. `show_label: "
            "true`); null sends nothing."
        ),
    )


class ParameterUse(_Model):
    """A reference to a shared parameter or group, with optional per-component overrides."""

    use: Identifier = Field(description="Name of a shared parameter or of a parameter group.")
    default: Any = None
    default_expr: str | None = None
    description: Text | None = None
    type: TypeExpr | None = None
    sent_for_none: Any = Field(
        default=None, description="This component's `sent_for_none` (see the parameter's)."
    )

    @property
    def overrides_default(self) -> bool:
        """Whether this use sets its own default (``default: null`` counts)."""
        return "default" in self.model_fields_set or self.default_expr is not None


def _parameter_item_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "use" if "use" in value else "parameter"
    return "use" if isinstance(value, ParameterUse) else "parameter"


ParameterItem = Annotated[
    Annotated[Parameter, Tag("parameter")] | Annotated[ParameterUse, Tag("use")],
    Discriminator(_parameter_item_tag),
]


class TypeName(_Model):
    """A name that may appear in type expressions, with where it is imported from."""

    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_.]*$")]
    module: str | None = Field(
        default=None,
        description=(
            "Module to import from; null for builtins. A leading dot names a module of the "
            "generated package itself (`.events`), whichever package is generated."
        ),
    )
    symbol: str | None = Field(
        default=None,
        description=(
            "Symbol imported as `from module import symbol` (`... import symbol as name` "
            "when it differs from the name); null imports the module."
        ),
    )
    alias: str | None = Field(default=None, description="`import module as alias`.")
    runtime: bool = Field(
        default=False,
        description="Import at runtime, not only for type checking (needed by defaults).",
    )
    description: Text


class Sentinel(_Model):
    """A named default value that is not a literal (e.g. ``FIRST_CHOICE``)."""

    name: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
    module: str
    description: Text


class TypesFile(_Model):
    """`kind: types`: the type names and sentinels specs may use."""

    spec_version: Literal[1]
    kind: Literal["types"]
    types: list[TypeName]
    sentinels: list[Sentinel] = []


class ParameterGroup(_Model):
    """A named run of shared parameters, used together with one `use:`."""

    name: Identifier
    description: Text
    parameters: list[Identifier] = Field(min_length=1)


class ParametersFile(_Model):
    """`kind: parameters`: shared parameters and their groups."""

    spec_version: Literal[1]
    kind: Literal["parameters"]
    parameters: list[Parameter]
    groups: list[ParameterGroup] = []


class Event(_Model):
    """One event of the catalogue."""

    name: Identifier
    description: Text
    trigger_mode: TriggerMode = "once"
    data: ClassName | None = Field(
        default=None, description="Event-data class the listener may receive."
    )
    browser: Text | None = Field(
        default=None,
        description="How a user triggers the event in a browser; null when no user action does.",
    )
    config_props: dict[Identifier, Any] = Field(
        default_factory=dict,
        description="Properties the page config gives every component that has this event.",
    )
    listened_prop: Identifier | None = Field(
        default=None,
        description=(
            "A page-config property of every component that has this event: true once a "
            "listener of the event is attached to the component, false before."
        ),
    )


class EventsFile(_Model):
    """`kind: events`: the event catalogue."""

    spec_version: Literal[1]
    kind: Literal["events"]
    events: list[Event]


class Method(_Model):
    """A method (or constructor) whose parameters are spec'd."""

    name: Identifier
    description: Text
    parameters: list[ParameterItem]
    returns: TypeExpr = "None"
    positional: int = Field(
        default=0, ge=0, description="How many leading parameters are positional."
    )


class Chain(_Model):
    """A method on a registered listener that runs another listener after it."""

    name: Identifier
    description: Text
    condition: Literal["always", "success", "failure"] = Field(
        description="When to run after the first listener: always, on success, or on failure."
    )


class ListenerFile(_Model):
    """`kind: listener`: the parameters of every event-listener method."""

    spec_version: Literal[1]
    kind: Literal["listener"]
    description: Text
    parameters: list[ParameterItem]
    returns: TypeExpr
    chains: list[Chain] = Field(
        default=[], description="Chaining methods on the returned listener."
    )


class BlocksFile(_Model):
    """`kind: blocks`: the app class, its methods and its own events."""

    spec_version: Literal[1]
    kind: Literal["blocks"]
    name: ClassName
    base: DottedClass = Field(
        description="The hand-written class the generated base extends, as `module.Class`."
    )
    description: Text
    methods: list[Method]
    events: list[Identifier] = Field(
        default=[], description="Events the app itself fires (e.g. load)."
    )


class DataField(_Model):
    """A field of an event-data class, read from the event payload."""

    name: Identifier
    type: TypeExpr
    description: Text
    key: str | None = Field(default=None, description="Payload key; defaults to the field name.")
    default: Any = None
    required: bool = Field(default=True, description="False: the payload may omit the key.")


class EventDataClass(_Model):
    """An event-data class: what a listener can receive about its event."""

    name: ClassName
    description: Text
    fields: list[DataField] = []


class EventDataFile(_Model):
    """`kind: event_data`: the event-data classes."""

    spec_version: Literal[1]
    kind: Literal["event_data"]
    classes: list[EventDataClass]


class PayloadModel(_Model):
    """A payload or option model, as a JSON Schema."""

    name: ClassName
    description: Text
    json_schema: dict[str, Any] = Field(
        alias="schema", description="JSON Schema (draft 2020-12) of the model."
    )


class PayloadsFile(_Model):
    """`kind: payloads`: payload and option models."""

    spec_version: Literal[1]
    kind: Literal["payloads"]
    models: list[PayloadModel]


class DataSide(_Model):
    """One side of a data contract: a Python type and what it means."""

    type: TypeExpr
    description: Text


class DataContract(_Model):
    """What a component exchanges with the user function and with the browser."""

    preprocess: DataSide = Field(
        description="What the user function receives when this is an input."
    )
    postprocess: DataSide = Field(
        description="What the user function may return when this is an output."
    )
    payload: dict[str, Any] = Field(
        description="JSON Schema of the wire payload (the API info type)."
    )
    example: Any = Field(description="An example wire payload.")
    in_api: bool = Field(
        default=True,
        description="False hides the value from API clients (buttons, State).",
    )
    api_schema: dict[str, Any] | None = Field(
        default=None,
        description=(
            "The type the API info gives when it is not `payload` (Gradio's API info describes "
            "some values more loosely than the wire allows, e.g. `type: {}` for any JSON value, "
            "or a choice without null); clients are told this, the browser gets `payload`."
        ),
    )
    data_model: bool = Field(
        default=False,
        description=(
            "The payload is a structured data model: its top-level description is given as "
            "`additional_description` in the API info (null when it has none), as Gradio does."
        ),
    )


class VarKeyword(_Model):
    """A ``**name`` catch-all for extra keyword arguments."""

    name: Identifier
    type: TypeExpr = Field(description="Type of each extra value.")
    description: Text


class GroupedIn(_Model):
    """The layout that gathers consecutive siblings of a block when none encloses them."""

    layout: ClassName = Field(description="The layout created around a run of such blocks.")
    unless: dict[Identifier, Any] = Field(
        default={},
        description="Parameter values with which the block stays where it is (not gathered).",
    )


class ComponentFile(_Model):
    """`kind: component` or `kind: layout`: one component or layout."""

    spec_version: Literal[1]
    kind: Literal["component", "layout"]
    name: ClassName
    description: Text
    category: Identifier
    shortcuts: list[Identifier] = Field(default=[], description="Interface string shortcuts.")
    positional: int = Field(
        default=1, ge=0, description="How many leading parameters are positional."
    )
    parameters: list[ParameterItem]
    var_keyword: VarKeyword | None = Field(
        default=None, description="Accept extra keyword arguments, kept in a dict attribute."
    )
    events: list[Identifier] = []
    data: DataContract | None = None
    gradio_differences: list[Text] = Field(
        default=[], description="Deliberate differences from Gradio's signature, each justified."
    )
    block_name: Identifier | None = Field(
        default=None,
        description=(
            "The block's `type` in the page config when it differs from its lower-cased name "
            "(the kind of block it is drawn as, e.g. `nativeplot` for every native plot)."
        ),
    )
    grouped_in: GroupedIn | None = Field(
        default=None,
        description=(
            "Consecutive siblings of this kind are gathered into this layout, created when the "
            "app or layout holding them closes, unless that is already one."
        ),
    )
    breaks_grouping: bool = Field(
        default=True,
        description=(
            "False when the block (an invisible State or Timer) does not end a run of blocks "
            "being gathered: the blocks after it join the same layout."
        ),
    )
    ungrouped_when: dict[Identifier, Any] = Field(
        default={},
        description=(
            "Layouts only: parameter values with which the layout keeps its children as they "
            "are (no layout is created around them)."
        ),
    )
    default_label: str | None = Field(
        default=None,
        description=(
            "The label the page shows when the component has none (`label` is None), as "
            "Gradio's page names each kind of component; null shows no label."
        ),
    )


SpecFile = Annotated[
    TypesFile
    | ParametersFile
    | EventsFile
    | ListenerFile
    | BlocksFile
    | EventDataFile
    | PayloadsFile
    | ComponentFile,
    Field(discriminator="kind"),
]

SPEC_KINDS: dict[str, type[BaseModel]] = {
    "types": TypesFile,
    "parameters": ParametersFile,
    "events": EventsFile,
    "listener": ListenerFile,
    "blocks": BlocksFile,
    "event_data": EventDataFile,
    "payloads": PayloadsFile,
    "component": ComponentFile,
    "layout": ComponentFile,
}
