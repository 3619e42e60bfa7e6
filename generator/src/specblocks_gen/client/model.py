"""The intermediate model of a typed client: endpoints, their values' types, payload models.

Built from an app's ``P/info`` by :mod:`specblocks_gen.client.build`; rendered to Python and
TypeScript by :mod:`specblocks_gen.client.python` and :mod:`specblocks_gen.client.typescript`.
Types form a small tree (:data:`TypeNode`) whose leaves are scalars, literals, references to
:class:`Model` objects and files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

ScalarKind = Literal["str", "int", "float", "bool", "none", "any"]


@dataclass(frozen=True)
class Scalar:
    """A JSON scalar, ``null`` or any JSON value (``any``)."""

    kind: ScalarKind


@dataclass(frozen=True)
class LiteralOf:
    """One of fixed values (``enum`` / ``const``)."""

    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class ListOf:
    """An array of one item type."""

    item: TypeNode


@dataclass(frozen=True)
class TupleOf:
    """An array with a type per position (``prefixItems``)."""

    items: tuple[TypeNode, ...]


@dataclass(frozen=True)
class MapOf:
    """An object with arbitrary keys and one value type."""

    value: TypeNode


@dataclass(frozen=True)
class UnionOf:
    """Any one of several types (``anyOf`` / ``oneOf`` / a list of ``type`` names)."""

    options: tuple[TypeNode, ...]


@dataclass(frozen=True)
class ModelRef:
    """An object with known properties: the :class:`Model` named ``name``."""

    name: str


@dataclass(frozen=True)
class FileOf:
    """A file (a FileData object); ``model`` describes the object the server sends."""

    model: str


TypeNode = Scalar | LiteralOf | ListOf | TupleOf | MapOf | UnionOf | ModelRef | FileOf
ANY = Scalar("any")
NONE = Scalar("none")


@dataclass(frozen=True)
class Field:
    """One property of a model."""

    key: str
    """The JSON key."""
    name: str
    """A Python identifier for the key."""
    type: TypeNode
    required: bool
    has_default: bool
    default: Any
    description: str


@dataclass(frozen=True)
class Model:
    """An object schema with properties (``title`` or the place it was found names it)."""

    name: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Param:
    """One parameter of an endpoint (``gr.State`` inputs are not parameters)."""

    key: str
    """The ``parameter_name`` used on the wire."""
    name: str
    """A Python identifier for the parameter."""
    label: str
    component: str
    type: TypeNode
    schema: Any
    required: bool
    default: Any
    example: Any


@dataclass(frozen=True)
class Return:
    """One value an endpoint returns (``gr.State`` outputs are not returned)."""

    name: str
    """A Python identifier made from the label."""
    label: str
    component: str
    type: TypeNode
    schema: Any


@dataclass(frozen=True)
class Endpoint:
    """One named endpoint and the method that calls it."""

    api_name: str
    method: str
    """The Python method name (snake_case)."""
    ts_method: str
    """The TypeScript method name (camelCase)."""
    type_prefix: str
    """PascalCase stem for the endpoint's own type names."""
    description: str
    params: tuple[Param, ...]
    returns: tuple[Return, ...]


@dataclass(frozen=True)
class ClientSpec:
    """Everything a typed client of one app is generated from."""

    name: str
    """The client's snake_case name (file names derive from it)."""
    class_name: str
    source: str
    """Where the API info came from (an app target or a URL), for headers."""
    command: str
    """The command that regenerates the client."""
    version: str
    digest: str
    endpoints: tuple[Endpoint, ...]
    models: dict[str, Model]
    fingerprint: dict[str, Any]


def children(node: TypeNode) -> Iterator[TypeNode]:
    """The type nodes directly inside ``node`` (model fields and file objects excluded)."""
    if isinstance(node, ListOf):
        yield node.item
    elif isinstance(node, MapOf):
        yield node.value
    elif isinstance(node, TupleOf):
        yield from node.items
    elif isinstance(node, UnionOf):
        yield from node.options
