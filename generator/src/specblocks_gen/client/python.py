"""Render a typed Python client and its contract tests from a :class:`ClientSpec`.

The template gets ready-made views (annotations, default expressions, docstring text); the
decisions about types and defaults are made here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from specblocks_gen.client import model as m
from specblocks_gen.client.fingerprint import runtime_source
from specblocks_gen.client.headers import header
from specblocks_gen.emit.render import Renderer, format_python

_PY_SCALARS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "none": "None"}
_PY_SCALARS["any"] = "Any"
_JSON_SCALARS = str | int | float | bool | None


@dataclass(frozen=True)
class PyParam:
    """A method parameter as the template writes it."""

    name: str
    annotation: str
    default: str | None
    keyword_only: bool
    doc: str


@dataclass(frozen=True)
class PyField:
    """A model field or a result-tuple field."""

    name: str
    annotation: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class PyModel:
    """A pydantic model or a result NamedTuple."""

    name: str
    doc: str
    fields: tuple[PyField, ...]


@dataclass(frozen=True)
class PyEndpoint:
    """One endpoint method."""

    api_name: str
    method: str
    constant: str
    doc: str
    params: tuple[PyParam, ...]
    args_type: str
    result_type: str
    returns_doc: str
    fallbacks_expr: str
    """A dict literal of the app's defaults for parameters whose ``None`` means "default"."""


def python_files(spec: m.ClientSpec) -> dict[str, str]:
    """``{file name: text}``: the client module and its contract tests, formatted."""
    renderer = Renderer()
    endpoints = [_endpoint(e) for e in spec.endpoints]
    results = [r for e in spec.endpoints if (r := _result_tuple(e)) is not None]
    common = {
        "spec": spec,
        "module": f"{spec.name}_client",
        "url_variable": f"{spec.name.upper()}_URL",
    }
    files = {
        f"{spec.name}_client.py": renderer.render(
            "client/client.py.jinja",
            header=header(spec, "#"),
            endpoints=endpoints,
            models=[_model(spec.models[n]) for n in reachable_models(spec)],
            results=results,
            needs_fallbacks=any(e.fallbacks_expr for e in endpoints),
            fingerprint=spec.fingerprint,
            runtime=runtime_source(),
            **common,
        ),
        f"test_{spec.name}_contract.py": renderer.render(
            "client/contract_test.py.jinja",
            header=header(spec, "#"),
            endpoints=spec.endpoints,
            **common,
        ),
    }
    # One file at a time: formatted together, each would count the other as first-party.
    formatted: dict[str, str] = {}
    for name, text in files.items():
        formatted.update(format_python({name: text}, "specblocks_client"))
    return formatted


def reachable_models(spec: m.ClientSpec) -> list[str]:
    """Models the Python client uses, each after the models its fields use (files excluded)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(node: m.TypeNode) -> None:
        if isinstance(node, m.ModelRef) and node.name not in seen:
            seen.add(node.name)
            for field in spec.models[node.name].fields:
                visit(field.type)
            order.append(node.name)
        for child in m.children(node):
            visit(child)

    for endpoint in spec.endpoints:
        for node in [p.type for p in endpoint.params] + [r.type for r in endpoint.returns]:
            visit(node)
    return order


def py_type(node: m.TypeNode) -> str:
    """The Python annotation for ``node`` (files are ``FilePath``: a local path or URL)."""
    if isinstance(node, m.Scalar):
        return _PY_SCALARS[node.kind]
    if isinstance(node, m.LiteralOf):  # Literal takes no floats: those widen to float
        exact = [repr(v) for v in node.values if not isinstance(v, float)]
        parts = [f"Literal[{', '.join(exact)}]"] if exact else []
        if any(isinstance(v, float) for v in node.values):
            parts.append("float")
        return " | ".join(parts)
    if isinstance(node, m.ListOf):
        return f"list[{py_type(node.item)}]"
    if isinstance(node, m.TupleOf):
        return f"tuple[{', '.join(py_type(i) for i in node.items)}]"
    if isinstance(node, m.MapOf):
        return f"dict[str, {py_type(node.value)}]"
    if isinstance(node, m.UnionOf):
        return " | ".join(py_type(o) for o in node.options)
    if isinstance(node, m.ModelRef):
        return node.name
    return "FilePath"


def accepts(node: m.TypeNode, value: Any) -> bool:
    """Whether a JSON scalar ``value`` is a valid value of ``node``."""
    if isinstance(node, m.Scalar):
        return {
            "any": True,
            "none": value is None,
            "bool": isinstance(value, bool),
            "str": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, int | float) and not isinstance(value, bool),
        }[node.kind]
    if isinstance(node, m.LiteralOf):
        return any(v == value and type(v) is type(value) for v in node.values)
    if isinstance(node, m.UnionOf):
        return any(accepts(o, value) for o in node.options)
    return False


# -- views ---------------------------------------------------------------------------------------
def _endpoint(endpoint: m.Endpoint) -> PyEndpoint:
    params: list[PyParam] = []
    fallbacks: dict[int, str] = {}
    keyword_only = False
    for index, param in enumerate(endpoint.params):
        annotation, default, doc = py_type(param.type), None, _param_doc(param)
        if not param.required:
            annotation, default, fallback = _param_default(param)
            if fallback is not None:
                fallbacks[index] = fallback
                doc += f" ``None`` sends the app's default, ``{fallback}``."
        keyword_only = keyword_only or (param.required and bool(params) and _any_default(params))
        params.append(PyParam(param.name, annotation, default, keyword_only, doc))
    arg_types = ", ".join(p.annotation for p in params) or "()"
    return PyEndpoint(
        api_name=endpoint.api_name,
        method=endpoint.method,
        constant=endpoint.method.upper(),
        doc=endpoint.description or f"Call ``{endpoint.api_name}``.",
        params=tuple(params),
        args_type=f"tuple[{arg_types}]",
        result_type=_result_type(endpoint),
        returns_doc=_returns_doc(endpoint),
        fallbacks_expr=(
            "{" + ", ".join(f"{i}: {v}" for i, v in fallbacks.items()) + "}" if fallbacks else ""
        ),
    )


def _any_default(params: Iterable[PyParam]) -> bool:
    return any(p.default is not None for p in params)


def _param_default(param: m.Param) -> tuple[str, str, str | None]:
    """``(annotation, default expression, fallback)`` for a parameter with a default.

    A scalar default is written as it is (the annotation widened if the schema does not allow
    it). Other defaults become ``None``, which the method replaces by the ``fallback``
    expression (the app's default) before the call.
    """
    annotation = py_type(param.type)
    if isinstance(param.default, _JSON_SCALARS):
        if not accepts(param.type, param.default):
            widened = "None" if param.default is None else type(param.default).__name__
            annotation += f" | {widened}"
        return annotation, repr(param.default), None
    return f"{annotation} | None", "None", repr(param.default)


def _param_doc(param: m.Param) -> str:
    what = f'The "{param.label}" {param.component or "value"}'
    if _has_file(param.type):
        what += " (a local file path or an http(s) URL; local files are uploaded)"
    return what + "."


def _result_type(endpoint: m.Endpoint) -> str:
    if not endpoint.returns:
        return "None"
    if len(endpoint.returns) == 1:
        return py_type(endpoint.returns[0].type)
    return f"{endpoint.type_prefix}Result"


def _returns_doc(endpoint: m.Endpoint) -> str:
    if len(endpoint.returns) == 1:
        value = endpoint.returns[0]
        return _value_doc(value)
    names = ", ".join(f"``{r.name}``" for r in endpoint.returns)
    return f"The values {names}, as a ``{endpoint.type_prefix}Result``."


def _value_doc(value: m.Return) -> str:
    text = f'The "{value.label}" {value.component or "value"}'
    if _has_file(value.type):
        text += " (files are downloaded; their local paths are returned)"
    return text + "."


def _result_tuple(endpoint: m.Endpoint) -> PyModel | None:
    if len(endpoint.returns) < 2:
        return None
    return PyModel(
        name=f"{endpoint.type_prefix}Result",
        doc=f"What ``{endpoint.api_name}`` returns.",
        fields=tuple(
            PyField(r.name, py_type(r.type), None, _value_doc(r)) for r in endpoint.returns
        ),
    )


def _model(model: m.Model) -> PyModel:
    return PyModel(
        name=model.name,
        doc=model.description or f"The ``{model.name}`` object.",
        fields=tuple(_field(f) for f in model.fields),
    )


def _field(field: m.Field) -> PyField:
    annotation = py_type(field.type)
    # Constructed by field name (as type checkers see it), read and sent under the JSON key.
    alias = (
        f"validation_alias={field.key!r}, serialization_alias={field.key!r}"
        if field.key != field.name
        else ""
    )
    options = [alias] if alias else []
    if field.required:
        return PyField(field.name, annotation, _field_call(options), field.description)
    if field.has_default and isinstance(field.default, _JSON_SCALARS):
        if not accepts(field.type, field.default):
            annotation += " | None" if field.default is None else " | Any"
        value = repr(field.default)
    elif field.has_default and field.default in ([], {}):
        factory = "list" if field.default == [] else "dict"
        return PyField(
            field.name,
            annotation,
            _field_call([f"default_factory={factory}", *options]),
            field.description,
        )
    else:  # absent, or a default that is no literal of the type: read as None
        if not accepts(field.type, None):
            annotation += " | None"
        value = "None"
    default = _field_call([f"default={value}", *options]) if alias else value
    return PyField(field.name, annotation, default, field.description)


def _field_call(options: list[str]) -> str | None:
    return f"Field({', '.join(options)})" if options else None


def _has_file(node: m.TypeNode) -> bool:
    return isinstance(node, m.FileOf) or any(_has_file(c) for c in m.children(node))
