"""Render the browser layer's TypeScript: payload and event-data types, one base class per element.

Each component and layout gets ``components/<module>.gen.ts`` with its props interface (the
constructor parameters the config sends, the value typed by the data contract's payload schema)
and an abstract base class carrying the spec's facts: name, tag name, events, defaults and one
typed ``emit…`` method per event. Hand-written subclasses in the frontend draw the element.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

from specblocks_gen.emit.render import Renderer, header
from specblocks_gen.ir import model as ir
from specblocks_gen.ir.build import digest
from specblocks_gen.spec import typeexpr

_SCALARS = {
    "str": "string",
    "int": "number",
    "float": "number",
    "bool": "boolean",
    "None": "null",
    "bytes": "string",
}
_SEQUENCES = {"list", "Sequence", "set", "Set", "Iterable", "frozenset"}
_MAPPINGS = {"dict", "Mapping"}
_JSON_SCALARS = {
    "string": "string",
    "integer": "number",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


def ts_string(value: str) -> str:
    """A TypeScript string literal."""
    return json.dumps(value, ensure_ascii=False)


def _union(parts: list[str]) -> str:
    """Join alternatives (each already a complete type) into a union."""
    unique = list(dict.fromkeys(parts))
    if "unknown" in unique:
        return "unknown"
    return " | ".join(unique) if unique else "never"


def _array(alternatives: list[str]) -> str:
    inner = _union(alternatives)
    return f"({inner})[]" if len(set(alternatives)) > 1 and inner != "unknown" else f"{inner}[]"


def py_type_to_ts(expr: str) -> str:
    """The TypeScript type of JSON values a Python type expression sends over the wire."""
    return _union(_node(typeexpr.parse(expr)))


def _node(node: ast.expr) -> list[str]:
    """The alternatives of the TypeScript type of ``node``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return [*_node(node.left), *_node(node.right)]
    if isinstance(node, ast.Constant):
        return ["null" if node.value is None else "unknown"]
    if isinstance(node, ast.Name):
        return [_SCALARS.get(node.id, "unknown")]
    if isinstance(node, ast.Subscript):
        base = node.value.id if isinstance(node.value, ast.Name) else ""
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Literal":
            return [json.dumps(a.value) if isinstance(a, ast.Constant) else "unknown" for a in args]
        if base in _SEQUENCES:
            return [_array(_node(args[0]))]
        if base == "tuple":
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is ...:
                return [_array(_node(args[0]))]
            return ["[" + ", ".join(_union(_node(a)) for a in args) + "]"]
        if base in _MAPPINGS:
            return [f"Record<string, {_union(_node(args[-1]))}>"]
        if base == "Optional":
            return [*_node(args[0]), "null"]
    return ["unknown"]


class SchemaTypes:
    """JSON Schema → TypeScript types, naming the catalog's payload models where they appear."""

    def __init__(self, models: set[str]) -> None:
        self.models = models

    def ts(self, schema: Any, defs: dict[str, Any] | None = None, top: bool = False) -> str:
        """The type of values matching ``schema`` (``top``: never replace it by a model name)."""
        return _union(self.alternatives(schema, defs, top))

    def alternatives(
        self, schema: Any, defs: dict[str, Any] | None = None, top: bool = False
    ) -> list[str]:
        """The alternatives of :meth:`ts`."""
        if not isinstance(schema, dict):
            return ["unknown"]
        defs = {**(defs or {}), **(schema.get("$defs") or {})}
        ref = schema.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name in self.models:
                return [name]
            target = defs.pop(name, None)
            return self.alternatives(target, defs) if target is not None else ["unknown"]
        title = schema.get("title")
        if not top and schema.get("type") == "object" and title in self.models:
            return [str(title)]
        if "const" in schema:
            return [json.dumps(schema["const"])]
        if isinstance(schema.get("enum"), list):
            return [json.dumps(v) for v in schema["enum"]]
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return [p for s in schema[key] for p in self.alternatives(s, defs)]
        kind = schema.get("type")
        if isinstance(kind, list):
            return [p for k in kind for p in self.alternatives({**schema, "type": k}, defs)]
        if kind in _JSON_SCALARS:
            return [_JSON_SCALARS[kind]]
        if kind == "array":
            if isinstance(schema.get("prefixItems"), list):
                return ["[" + ", ".join(self.ts(s, defs) for s in schema["prefixItems"]) + "]"]
            items = schema.get("items")
            return (
                [_array(self.alternatives(items, defs))]
                if isinstance(items, dict)
                else ["unknown[]"]
            )
        if kind == "object" or "properties" in schema:
            return [self._object(schema, defs)]
        return ["unknown"]

    def _object(self, schema: dict[str, Any], defs: dict[str, Any]) -> str:
        props = schema.get("properties")
        if isinstance(props, dict) and props:
            required = set(schema.get("required") or [])
            fields = [
                f"{_key(k)}{'' if k in required else '?'}: {self.ts(v, defs)}"
                for k, v in props.items()
            ]
            return "{ " + "; ".join(fields) + " }"
        extra = schema.get("additionalProperties")
        return f"Record<string, {self.ts(extra, defs) if isinstance(extra, dict) else 'unknown'}>"

    def fields(self, schema: dict[str, Any]) -> list[TsField]:
        """The properties of an object schema, as interface fields."""
        required = set(schema.get("required") or [])
        defs = schema.get("$defs") or {}
        return [
            TsField(_key(k), k not in required, self.ts(v, defs), _doc(v))
            for k, v in (schema.get("properties") or {}).items()
        ]


def _key(name: str) -> str:
    return name if name.isidentifier() else ts_string(name)


def _doc(schema: Any) -> str:
    if isinstance(schema, dict) and isinstance(schema.get("description"), str):
        return " ".join(schema["description"].split()).replace("*/", "*\\/")
    return ""


def _literal(source: str | None) -> tuple[bool, Any]:
    """``(True, value)`` when a default's Python source is a JSON-able literal."""
    if source is None:
        return False, None
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return False, None
    if isinstance(value, tuple):
        value = list(value)
    try:
        json.dumps(value)
    except TypeError:
        return False, None
    return True, value


@dataclass(frozen=True)
class TsField:
    """A property of a generated interface."""

    key: str
    optional: bool
    type: str
    doc: str


@dataclass(frozen=True)
class TsEvent:
    """An event an element fires, with its ``emit…`` method."""

    name: str
    method: str
    data_type: str | None
    doc: str


@dataclass(frozen=True)
class TsElement:
    """What the base-class template needs for one component or layout."""

    comp: ir.Component
    fields: tuple[TsField, ...]
    defaults: str
    events: tuple[TsEvent, ...]
    imports: tuple[str, ...]

    @property
    def tag(self) -> str:
        """The custom-element tag name."""
        return f"sb-{self.comp.name.lower()}"


class TypeScriptEmitter:
    """Produces ``{relative path: text}`` for the frontend's generated directory."""

    def __init__(self, catalog: ir.Catalog, version: str) -> None:
        self.catalog = catalog
        self.version = version
        self.renderer = Renderer()
        self.renderer.env.filters["ts_string"] = ts_string
        self.models = {p.name for p in catalog.payloads}
        self.schemas = SchemaTypes(self.models)
        self.data_classes = {d.name for d in catalog.event_data}

    def emit(self) -> dict[str, str]:
        """Render every file, keyed by path relative to the output directory."""
        c = self.catalog
        files = {"types.gen.ts": self._types(), "index.gen.ts": self._index()}
        for comp in c.components:
            files[f"components/{comp.module}.gen.ts"] = self._element(comp)
        return files

    def _header(self, sources: list[str]) -> str:
        ordered = list(dict.fromkeys(sources))
        return header(
            (self.version, ordered, digest(ordered, self.catalog.file_digests, self.version)),
            comment="//",
        )

    def _types(self) -> str:
        c = self.catalog
        payloads = [(p, self.schemas.fields(p.schema)) for p in c.payloads]
        data = [
            (
                d,
                [
                    TsField(
                        _key(f.key), f.default is not None, py_type_to_ts(f.type), f.description
                    )
                    for f in d.fields
                    if f.key != "$"
                ],
            )
            for d in c.event_data
        ]
        sources = [s for s in c.common_sources if "/payloads" in s or "/event_data" in s]
        sources += [s for s in c.common_sources if "/events" in s]
        return self.renderer.render(
            "ts/types.ts.jinja",
            header=self._header(sources),
            payloads=payloads,
            data=data,
            events=c.events,
            json=json.dumps,
        )

    def _index(self) -> str:
        c = self.catalog
        return self.renderer.render(
            "ts/index.ts.jinja",
            header=self._header([comp.source for comp in c.components]),
            components=c.components,
        )

    def _element(self, comp: ir.Component) -> str:
        fields: list[TsField] = []
        defaults: dict[str, Any] = {}
        for param in comp.params:
            if not param.attribute:
                continue
            if param.name == "value" and comp.data is not None:
                ts = _union([*self.schemas.alternatives(comp.data.payload, top=True), "null"])
            else:
                ts = py_type_to_ts(param.type)
            fields.append(TsField(param.name, True, ts, " ".join(param.description.split())))
            known, value = _literal(param.default)
            if known and param.name != "value":
                defaults[param.name] = value
        events = tuple(
            TsEvent(
                e.name,
                "emit" + "".join(part.capitalize() for part in e.name.split("_")),
                e.data if e.data in self.data_classes else None,
                " ".join(e.description.split()),
            )
            for e in comp.events
        )
        used = " ".join(f.type for f in fields) + " " + " ".join(e.data_type or "" for e in events)
        imports = tuple(sorted(n for n in self.models | self.data_classes if _mentions(used, n)))
        element = TsElement(
            comp,
            tuple(fields),
            json.dumps(defaults, sort_keys=True, ensure_ascii=False),
            events,
            imports,
        )
        return self.renderer.render(
            "ts/component.ts.jinja",
            header=self._header([comp.source, *self.catalog.common_sources]),
            e=element,
        )


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None
