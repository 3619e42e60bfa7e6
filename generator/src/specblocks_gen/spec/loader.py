"""Load every spec file under one or more roots, validating each against its model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, Discriminator, Tag, ValidationError

from specblocks_gen.spec.errors import Problem
from specblocks_gen.spec.models import (
    SPEC_KINDS,
    SPEC_VERSION,
    BlocksFile,
    ComponentFile,
    EventDataFile,
    EventsFile,
    ListenerFile,
    ParametersFile,
    PayloadsFile,
    TypesFile,
)
from specblocks_gen.spec.yaml_source import KeyPath, YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated spec file with the document it came from (for line numbers)."""

    model: M
    doc: YamlDocument

    def problem(self, key_path: KeyPath, message: str) -> Problem:
        """A problem located at ``key_path`` in this file."""
        return Problem(self.doc.path, key_path, self.doc.line_of(key_path), message)


@dataclass
class SpecSet:
    """Every spec file found, grouped by kind."""

    types: list[Loaded[TypesFile]] = field(default_factory=list)
    parameters: list[Loaded[ParametersFile]] = field(default_factory=list)
    events: list[Loaded[EventsFile]] = field(default_factory=list)
    listeners: list[Loaded[ListenerFile]] = field(default_factory=list)
    blocks: list[Loaded[BlocksFile]] = field(default_factory=list)
    event_data: list[Loaded[EventDataFile]] = field(default_factory=list)
    payloads: list[Loaded[PayloadsFile]] = field(default_factory=list)
    components: list[Loaded[ComponentFile]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    failed_shared: bool = False  # a file that others may depend on failed to load

    def add(self, loaded: Loaded[Any]) -> None:
        """File ``loaded`` under the list for its kind."""
        model = loaded.model
        target: dict[type[BaseModel], list[Any]] = {
            TypesFile: self.types,
            ParametersFile: self.parameters,
            EventsFile: self.events,
            ListenerFile: self.listeners,
            BlocksFile: self.blocks,
            EventDataFile: self.event_data,
            PayloadsFile: self.payloads,
            ComponentFile: self.components,
        }
        target[type(model)].append(loaded)


def spec_files(roots: list[Path]) -> list[tuple[Path, Path]]:
    """``(path, display path)`` of every ``*.yaml`` spec under ``roots``, sorted."""
    found: list[tuple[Path, Path]] = []
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            found.append((path, path.relative_to(root.parent)))
    return found


def load_specs(roots: list[Path], problems: list[Problem]) -> SpecSet:
    """Read and validate every spec file; problems are appended, never raised."""
    specs = SpecSet()
    for path, display in spec_files(roots):
        specs.files.append(display)
        doc = read_yaml(path, display, problems)
        loaded = _validate(doc, problems) if doc is not None else None
        if loaded is not None:
            specs.add(loaded)
        elif doc is None or not _is_leaf(doc.data):
            specs.failed_shared = True
    return specs


def _is_leaf(data: Any) -> bool:
    """Whether a file declares itself a component or layout, which no other spec depends on."""
    return isinstance(data, dict) and data.get("kind") in {"component", "layout"}


def _validate(doc: YamlDocument, problems: list[Problem]) -> Loaded[Any] | None:
    data = doc.data
    if not isinstance(data, dict):
        problems.append(Problem(doc.path, (), 1, "a spec file must be a YAML mapping"))
        return None
    version = data.get("spec_version")
    if version != SPEC_VERSION:
        problems.append(
            Problem(
                doc.path,
                ("spec_version",),
                doc.line_of(("spec_version",)),
                f"spec_version must be {SPEC_VERSION}, got {version!r}",
            )
        )
        return None
    kind = data.get("kind")
    model_type = SPEC_KINDS.get(kind) if isinstance(kind, str) else None
    if model_type is None:
        choices = ", ".join(sorted(SPEC_KINDS))
        problems.append(
            Problem(
                doc.path,
                ("kind",),
                doc.line_of(("kind",)),
                f"kind must be one of {choices}, got {kind!r}",
            )
        )
        return None
    try:
        return Loaded(model_type.model_validate(data), doc)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            key_path = _data_path(model_type, data, error["loc"])
            problems.append(Problem(doc.path, key_path, doc.line_of(key_path), _message(error)))
        return None


_MISSING = object()


def _child(node: Any, part: int | str) -> Any:
    """``node[part]`` when that is a real key or index, else ``_MISSING``."""
    if isinstance(node, dict) and part in node:
        return node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING


def _unwrap(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """Split ``Annotated[T, *metadata]`` into ``T`` and its metadata."""
    if get_origin(annotation) is Annotated:
        return get_args(annotation)[0], tuple(annotation.__metadata__)
    return annotation, ()


def _union_tags(annotation: Any) -> dict[str, Any]:
    """Tag → member type when ``annotation`` is a tagged (discriminated) union, else empty."""
    inner, metadata = _unwrap(annotation)
    if not any(isinstance(m, Discriminator) for m in metadata):
        return {}
    if get_origin(inner) not in (Union, UnionType):
        return {}
    tags: dict[str, Any] = {}
    for member in get_args(inner):
        member_type, member_metadata = _unwrap(member)
        for meta in member_metadata:
            if isinstance(meta, Tag):
                tags[meta.tag] = member_type
    return tags


def _field_type(annotation: Any, part: int | str) -> Any:
    """The declared type of ``part`` inside a value of type ``annotation`` (``Any`` if unknown)."""
    inner, _ = _unwrap(annotation)
    origin = get_origin(inner)
    if origin in (Union, UnionType):
        members = [a for a in get_args(inner) if a is not type(None)]
        return _field_type(members[0], part) if len(members) == 1 else Any
    if isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(part, str):
        for name, info in inner.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return Any
    args = get_args(inner)
    if origin is list and isinstance(part, int) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return Any


def _data_path(model: type[BaseModel], data: Any, loc: tuple[int | str, ...]) -> KeyPath:
    """The key path of a pydantic error location in the YAML data.

    Tags of discriminated unions (``parameter`` or ``use`` after a parameter item's index)
    are dropped, using the model's types to tell a tag from a real key of the same name. Other
    parts that are not real keys are dropped too, except a missing or unknown last key.
    """
    path: list[str | int] = []
    node = data
    annotation: Any = model
    for index, part in enumerate(loc):
        tags = _union_tags(annotation)
        if isinstance(part, str) and part in tags:
            annotation = tags[part]
            continue  # a union tag, not a key
        child = _child(node, part)
        if child is _MISSING:
            if index == len(loc) - 1:
                path.append(part)  # a missing or unknown key
            continue  # some other union tag
        node = child
        annotation = _field_type(annotation, part)
        path.append(part)
    return tuple(path)


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    message: str = error["msg"]
    return message[0].lower() + message[1:]
