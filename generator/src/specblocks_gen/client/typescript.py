"""Render a typed TypeScript client (over ``@gradio/client``) from a :class:`ClientSpec`.

Arguments travel as keyword objects, so optional parameters are simply left out and the JS
client fills in the app's defaults. The JS client returns files as the FileData objects the app
sends, so in results a file is typed by its object schema; as an argument it is whatever
``handle_file()`` returns. Models that hold files get a separate ``…Input`` interface for
arguments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from specblocks_gen.client import model as m
from specblocks_gen.client.build import RESERVED_TYPES
from specblocks_gen.client.headers import header
from specblocks_gen.client.naming import camel, is_ts_identifier
from specblocks_gen.emit.render import Renderer

Mode = Literal["input", "output"]
_TS_SCALARS = {
    "str": "string",
    "int": "number",
    "float": "number",
    "bool": "boolean",
    "none": "null",
    "any": "unknown",
}


@dataclass(frozen=True)
class TsField:
    """A property of an interface."""

    key: str
    optional: bool
    type: str
    doc: str


@dataclass(frozen=True)
class TsModel:
    """An interface."""

    name: str
    doc: str
    fields: tuple[TsField, ...]


@dataclass(frozen=True)
class TsEndpoint:
    """One endpoint method with its request and response types."""

    api_name: str
    method: str
    doc: str
    request: TsModel | None
    request_default: bool
    """Whether every parameter is optional (the request may be left out)."""
    response: str
    response_type: str
    returns: Literal["none", "one", "all"]


def typescript_files(spec: m.ClientSpec) -> dict[str, str]:
    """``{file name: text}``: the ``<name>.gen.ts`` module."""
    types = _TsTypes(spec)
    endpoints = [_endpoint(e, types) for e in spec.endpoints]
    text = Renderer().render(
        "client/client.ts.jinja",
        header=header(spec, "//"),
        spec=spec,
        models=types.interfaces(),
        endpoints=endpoints,
        fingerprint=compact_json(spec.fingerprint),
    )
    return {f"{spec.name}.gen.ts": text}


class _TsTypes:
    """TypeScript type expressions, and the interfaces they refer to."""

    def __init__(self, spec: m.ClientSpec) -> None:
        self.models = spec.models
        self._names: dict[tuple[str, Mode], str] = {}
        self._taken = set(spec.models) | RESERVED_TYPES
        self._file_models: dict[str, bool] = {}

    def type(self, node: m.TypeNode, mode: Mode) -> str:
        """The TypeScript type of ``node`` as an argument (``input``) or a result."""
        if isinstance(node, m.Scalar):
            return _TS_SCALARS[node.kind]
        if isinstance(node, m.LiteralOf):
            return " | ".join(json.dumps(v) for v in node.values)
        if isinstance(node, m.ListOf):
            item = self.type(node.item, mode)
            return f"({item})[]" if " " in item else f"{item}[]"
        if isinstance(node, m.TupleOf):
            return f"[{', '.join(self.type(i, mode) for i in node.items)}]"
        if isinstance(node, m.MapOf):
            return f"Record<string, {self.type(node.value, mode)}>"
        if isinstance(node, m.UnionOf):  # int and float are both number: write it once
            return " | ".join(dict.fromkeys(self.type(o, mode) for o in node.options))
        if isinstance(node, m.FileOf):
            return "FileInput" if mode == "input" else self._name(node.model, "output")
        return self._name(node.name, mode)

    def interfaces(self) -> list[TsModel]:
        """Every interface a type so far referred to (and those they refer to), by name."""
        done: dict[tuple[str, Mode], TsModel] = {}
        while pending := [key for key in self._names if key not in done]:
            for name, mode in pending:
                model = self.models[name]
                done[name, mode] = TsModel(
                    name=self._names[name, mode],
                    doc=_doc(model.description or f"The {model.name} object."),
                    fields=tuple(
                        TsField(
                            _key(f.key),
                            not f.required,
                            self.type(f.type, mode),
                            _doc(f.description),
                        )
                        for f in model.fields
                    ),
                )
        return sorted(done.values(), key=lambda model: model.name)

    def _name(self, model: str, mode: Mode) -> str:
        variant: Mode = "input" if mode == "input" and self._has_file(model) else "output"
        key = (model, variant)
        if key not in self._names:
            name = model
            if variant == "input":
                name, n = f"{model}Input", 1
                while name in self._taken:
                    n += 1
                    name = f"{model}Input{n}"
                self._taken.add(name)
            self._names[key] = name
        return self._names[key]

    def _has_file(self, model: str) -> bool:
        if model not in self._file_models:
            self._file_models[model] = False  # a cycle holds no file unless another path has one
            self._file_models[model] = any(
                self._node_has_file(f.type) for f in self.models[model].fields
            )
        return self._file_models[model]

    def _node_has_file(self, node: m.TypeNode) -> bool:
        if isinstance(node, m.FileOf):
            return True
        if isinstance(node, m.ModelRef):
            return self._has_file(node.name)
        return any(self._node_has_file(c) for c in m.children(node))


def _endpoint(endpoint: m.Endpoint, types: _TsTypes) -> TsEndpoint:
    request = None
    if endpoint.params:
        request = TsModel(
            name=f"{endpoint.type_prefix}Request",
            doc=_doc(f"The arguments of `{endpoint.api_name}`."),
            fields=tuple(
                TsField(
                    _key(p.key),
                    not p.required,
                    types.type(p.type, "input"),
                    _doc(f'The "{p.label}" {p.component or "value"}.'),
                )
                for p in endpoint.params
            ),
        )
    outputs = [(camel(r.name, "output"), types.type(r.type, "output")) for r in endpoint.returns]
    returns: Literal["none", "one", "all"]
    if not outputs:
        response_type, returns = "void", "none"
    elif len(outputs) == 1:
        response_type, returns = outputs[0][1], "one"
    else:
        response_type = "[" + ", ".join(f"{label}: {kind}" for label, kind in outputs) + "]"
        returns = "all"
    return TsEndpoint(
        api_name=endpoint.api_name,
        method=endpoint.ts_method,
        doc=_doc(endpoint.description or f"Call `{endpoint.api_name}`."),
        request=request,
        request_default=request is not None and not any(p.required for p in endpoint.params),
        response=f"{endpoint.type_prefix}Response",
        response_type=response_type,
        returns=returns,
    )


def compact_json(value: object, indent: int = 0, width: int = 100) -> str:
    """``value`` as JSON, each object or array on one line when it fits within ``width``."""
    flat = json.dumps(value)
    if len(flat) + indent + 1 <= width or not isinstance(value, dict | list) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [
            f"{json.dumps(k)}: {compact_json(v, indent + 2, width - len(json.dumps(k)) - 3)}"
            for k, v in value.items()
        ]
        return "{\n" + "".join(f"{pad}{item},\n" for item in items) + " " * indent + "}"
    items = [compact_json(v, indent + 2, width) for v in value]
    return "[\n" + "".join(f"{pad}{item},\n" for item in items) + " " * indent + "]"


def _key(key: str) -> str:
    return key if is_ts_identifier(key) else json.dumps(key)


def _doc(text: str) -> str:
    """``text`` on one line, safe inside a ``/** … */`` comment."""
    return " ".join(text.split()).replace("*/", "*\\/")
