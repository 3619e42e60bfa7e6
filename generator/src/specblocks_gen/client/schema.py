"""JSON Schema (as ``P/info`` publishes it) to the client's type nodes and payload models.

Covers what component schemas use: scalars, ``enum``/``const``, ``anyOf``/``oneOf``, arrays
(``items``, ``prefixItems``), objects with ``properties`` (which become models) or
``additionalProperties``, and ``$ref`` into the schema's own ``$defs``. FileData objects become
:class:`~specblocks_gen.client.model.FileOf`. Anything else is typed as any JSON value.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic

from specblocks_gen.client import model as m
from specblocks_gen.client.naming import pascal, snake, unique

#: The marker FileData objects carry in ``meta._type``.
FILE_DATA_TYPE = "gradio.FileData"
#: Field names a pydantic model cannot use as they are.
_RESERVED_FIELDS = frozenset(dir(pydantic.BaseModel)) | {"model_config"}
_SCALARS: dict[str, m.ScalarKind] = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "none",
}
_DOC_KEYWORDS = frozenset(
    {"title", "description", "additional_description", "examples", "$comment", "default"}
)


class TypeBuilder:
    """Turns schemas into type nodes, collecting the models they need.

    Args:
        reserved: Names models must not take (names the generated modules define).
    """

    def __init__(self, reserved: frozenset[str]) -> None:
        self.models: dict[str, m.Model] = {}
        self._reserved = reserved
        self._resolving: list[str] = []

    def build(self, schema: Any, context: str) -> m.TypeNode:
        """The type of values matching ``schema``; ``context`` names models without a title."""
        return self._type(schema, schema if isinstance(schema, dict) else {}, context)

    # -- schemas -------------------------------------------------------------------------------
    def _type(self, schema: Any, root: dict[str, Any], context: str) -> m.TypeNode:
        if not isinstance(schema, dict) or not set(schema) - _DOC_KEYWORDS - {"$defs"}:
            return m.ANY
        if isinstance(schema.get("$defs"), dict) and schema is not root:  # nested definitions
            root = {**root, "$defs": {**(root.get("$defs") or {}), **schema["$defs"]}}
        if isinstance(schema.get("$ref"), str):
            return self._ref(schema["$ref"], root, context)
        if is_file(schema, root):
            return m.FileOf(self._model(schema, root, context))
        if "const" in schema:
            return _literal([schema["const"]])
        if isinstance(schema.get("enum"), list):
            return _literal(schema["enum"])
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return union(self._type(s, root, context) for s in schema[key])
        if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            return self._type(schema["allOf"][0], root, context)
        kind = schema.get("type")
        if isinstance(kind, list):
            return union(self._type({**schema, "type": k}, root, context) for k in kind)
        if not isinstance(kind, str):  # Gradio writes `type: {}` for any JSON value
            return m.ANY
        if kind in _SCALARS:
            return m.Scalar(_SCALARS[kind])
        if kind == "array":
            return self._array(schema, root, context)
        if kind == "object" or isinstance(schema.get("properties"), dict):
            return self._object(schema, root, context)
        return m.ANY

    def _ref(self, ref: str, root: dict[str, Any], context: str) -> m.TypeNode:
        name = ref.rsplit("/", 1)[-1]
        target = (root.get("$defs") or root.get("definitions") or {}).get(name)
        key = json.dumps([ref, root.get("$defs"), root.get("definitions")], sort_keys=True)
        if not ref.startswith("#/") or not isinstance(target, dict) or key in self._resolving:
            return m.ANY  # an outside or recursive reference: typed loosely
        self._resolving.append(key)
        try:
            return self._type({"title": name, **target}, root, name)
        finally:
            self._resolving.pop()

    def _array(self, schema: dict[str, Any], root: dict[str, Any], context: str) -> m.TypeNode:
        prefix = schema.get("prefixItems")
        if isinstance(prefix, list):
            return m.TupleOf(
                tuple(self._type(s, root, f"{context}{i}") for i, s in enumerate(prefix, 1))
            )
        return m.ListOf(self._type(schema.get("items"), root, f"{context}Item"))

    def _object(self, schema: dict[str, Any], root: dict[str, Any], context: str) -> m.TypeNode:
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return m.ModelRef(self._model(schema, root, context))
        extra = schema.get("additionalProperties")
        return m.MapOf(self._type(extra, root, f"{context}Value") if extra else m.ANY)

    # -- models --------------------------------------------------------------------------------
    def _model(self, schema: dict[str, Any], root: dict[str, Any], context: str) -> str:
        base = pascal(str(schema.get("title") or context))
        properties: dict[str, Any] = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        names = unique(_field_name(k) for k in properties)
        fields = tuple(
            m.Field(
                key=key,
                name=name,
                type=self._type(sub, root, f"{base}{pascal(key)}"),
                required=key in required,
                has_default=isinstance(sub, dict) and "default" in sub,
                default=sub.get("default") if isinstance(sub, dict) else None,
                description=str(sub.get("description") or "") if isinstance(sub, dict) else "",
            )
            for (key, sub), name in zip(properties.items(), names, strict=True)
        )
        candidate, n = base, 1
        while candidate in self.models or candidate in self._reserved:
            existing = self.models.get(candidate)
            if existing is not None and _shape(existing.fields) == _shape(fields):
                return candidate  # the same object, perhaps described in other words
            n += 1
            candidate = f"{base}{n}"
        self.models[candidate] = m.Model(candidate, str(schema.get("description") or ""), fields)
        return candidate


def is_file(schema: dict[str, Any], root: dict[str, Any]) -> bool:
    """Whether ``schema`` is a FileData object: ``path`` and a ``meta`` with the marker."""
    properties = schema.get("properties")
    if not isinstance(properties, dict) or "path" not in properties or "meta" not in properties:
        return False
    meta = properties["meta"]
    if isinstance(meta, dict) and isinstance(meta.get("$ref"), str):
        meta = (root.get("$defs") or {}).get(meta["$ref"].rsplit("/", 1)[-1], {})
    if not isinstance(meta, dict):
        return False
    marker = (meta.get("properties") or {}).get("_type") or {}
    default = meta.get("default") or {}
    return FILE_DATA_TYPE in (marker.get("const"), default.get("_type"))


def union(options: Any) -> m.TypeNode:
    """The union of ``options``: nested unions flattened, repeats dropped, any absorbing all."""
    flat: list[m.TypeNode] = []
    for option in options:
        for member in option.options if isinstance(option, m.UnionOf) else (option,):
            if member == m.ANY:
                return m.ANY
            if member not in flat:
                flat.append(member)
    return flat[0] if len(flat) == 1 else m.UnionOf(tuple(flat))


def _literal(values: list[Any]) -> m.TypeNode:
    kept = tuple(v for v in values if isinstance(v, str | int | float | bool))
    options: list[m.TypeNode] = [m.LiteralOf(kept)] if kept else []
    if None in values:
        options.append(m.NONE)
    return union(options) if options else m.ANY


def _shape(fields: tuple[m.Field, ...]) -> list[tuple[object, ...]]:
    """What makes two models the same: their fields without the descriptions."""
    return [(f.key, f.type, f.required, f.has_default, json.dumps(f.default)) for f in fields]


def _field_name(key: str) -> str:
    name = snake(key, "field")
    return f"{name}_" if name in _RESERVED_FIELDS else name
