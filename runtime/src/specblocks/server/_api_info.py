"""The API description served at ``/gradio_api/info`` (what ``view_api`` prints)."""

from __future__ import annotations

import inspect
from typing import Any

from specblocks.core._component import Component
from specblocks.core._i18n import I18nData
from specblocks.core._samples import with_sample_urls
from specblocks.server._config import API_PREFIX
from specblocks.server._endpoints import Endpoint, in_api
from specblocks.server._files import is_tagged_file, with_file_urls
from specblocks.server._snippets import code_snippets

_SIMPLE_TYPES = {"null": "None", "integer": "int", "string": "str", "boolean": "bool",
                 "number": "float"}  # fmt: skip


def python_type(component: Component, *, as_input: bool) -> dict[str, Any]:
    """The Python type shown to API users: what a client passes or gets, not what the function sees.

    Like Gradio, it is derived from the component's API JSON schema (a file is ``filepath``);
    its description is the schema's ``additional_description`` for a parameter (``""`` when
    it has none) and the schema's ``description`` for a return value.
    """
    info = component.api_info()
    key = "additional_description" if as_input else "description"
    return {"type": schema_python_type(info), "description": info.get(key, "")}


def schema_python_type(schema: Any) -> str:
    """A JSON schema as a Python type hint, spelled the way gradio_client spells it."""
    if not isinstance(schema, dict):
        return "Any"
    defs = schema.get("$defs")
    return _schema_type(schema, defs if isinstance(defs, dict) else {})


def _schema_type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if not schema:
        return "Any"
    if "const" in schema:
        return f"Literal[{schema['const']}]"
    if "enum" in schema:
        return "Literal[" + ", ".join(f"'{v}'" for v in schema["enum"]) + "]"
    kind = schema.get("type")
    if kind == {}:  # Gradio's "any JSON value"
        return (
            "str | float | bool | list | dict"
            if "json" in str(schema.get("description", ""))
            else "Any"
        )
    if isinstance(kind, list):
        return " | ".join(_schema_type({**schema, "type": k}, defs) for k in kind)
    if kind is None:
        return _combined_type(schema, defs)
    if kind in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[kind]
    if kind == "array":
        items = schema.get("items")
        items = items if isinstance(items, dict) else {}
        prefix = items.get("prefixItems") or schema.get("prefixItems")
        if isinstance(prefix, list):
            return "tuple[" + ", ".join(_schema_type(i, defs) for i in prefix) + "]"
        return f"list[{_schema_type(items, defs)}]"
    if kind == "object":
        return "filepath" if _is_file(schema, defs) else _dict_type(schema, defs)
    return "Any"


def _combined_type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A schema without ``type``: a reference, a union, an intersection or anything."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref:
        return _schema_type(_resolve(schema, defs), defs)
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            return " | ".join(_schema_type(s, defs) for s in schema[key])
    if schema.get("allOf"):
        return "All[" + ", ".join(_schema_type(s, defs) for s in schema["allOf"]) + "]"
    if "json" in str(schema.get("description", "")):
        return "str | float | bool | list | dict"
    return "Any"


def _dict_type(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    parts = []
    for name, sub in schema.get("properties", {}).items():
        if name == "$defs":
            continue
        described = f" ({sub['description']})" if sub.get("description") else ""
        parts.append(f"{name}: {_schema_type(sub, defs)}{described}")
    extra = schema.get("additionalProperties")
    if extra is True:
        parts.append("str, Any")
    elif isinstance(extra, dict):
        parts.append(f"str, {_schema_type(extra, defs)}")
    return f"dict({', '.join(parts)})"


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return schema
    target = defs.get(ref.rsplit("/", 1)[-1])
    return target if isinstance(target, dict) else {}


def _is_file(schema: dict[str, Any], defs: dict[str, Any]) -> bool:
    """Whether the schema is Gradio's FileData: a ``path`` and a ``gradio.FileData`` meta."""
    props = schema.get("properties", {})
    if "path" not in props or "meta" not in props:
        return False
    meta = _resolve(props["meta"], defs)
    marker = meta.get("properties", {}).get("_type")
    if isinstance(marker, dict):
        return bool(marker.get("const") == "gradio.FileData")
    default = meta.get("default")
    return isinstance(default, dict) and default.get("_type") == "gradio.FileData"


def _label(component: Component, fallback: str) -> str | dict[str, str]:
    """The component's label, even an empty one (as Gradio's); ``fallback`` without one.

    A translatable label is its key and type, as Gradio's API description gives it.
    """
    label = getattr(component, "label", None)
    if isinstance(label, I18nData):
        return {"key": label.key, "_type": "translation_metadata"}
    return fallback if label is None else str(label)


def _parameter(
    component: Component, name: str | None, index: int, media_url: str, none_default: bool
) -> dict[str, Any]:
    # as Gradio: the default is the value the component starts with (a Slider's minimum, a
    # Dropdown's first choice, what a value function without inputs gave ...); unlabelled
    # parameters are named after the component's id
    default = with_file_urls(component.initial_value(), API_PREFIX)
    example = with_sample_urls(component.example_payload(), media_url)
    if is_tagged_file(default) and is_tagged_file(example):
        # as Gradio: a file default is given the example's public URL, so that a client
        # passing the default on sends a URL it can fetch
        url = str(default.get("url") or "")
        if not url.startswith(("http://", "https://")):
            default = {**default, "url": example.get("url")}
    return {
        "label": _label(component, f"parameter_{component._id}"),
        "parameter_name": name or f"param_{index}",
        # ... or, starting empty, when the function's parameter defaults to None
        "parameter_has_default": default is not None or none_default,
        "parameter_default": default,
        "type": component.api_info(),
        "python_type": python_type(component, as_input=True),
        "component": api_component_name(component),
        "example_input": example,
    }


def api_component_name(component: Component) -> str:
    """The component's name as the API info gives it: its block name, capitalised ("Json")."""
    return type(component).NAME.lower().capitalize()


def endpoint_info(endpoint: Endpoint, media_url: str) -> dict[str, Any]:
    """Parameters and returns of one endpoint (State and other non-API blocks left out).

    File examples name the sample files the app serves under ``media_url``.
    """
    names = endpoint.parameter_names()
    none_defaults = endpoint.none_defaults()
    parameters = [
        _parameter(block, names[i], i, media_url, none_defaults[i])
        for i, block in enumerate(endpoint.inputs)
        if in_api(block) and isinstance(block, Component)
    ]
    returns = [
        {
            "label": _label(block, f"value_{block._id}"),
            "type": block.api_info(),
            "python_type": python_type(block, as_input=False),
            "component": api_component_name(block),
        }
        for i, block in enumerate(endpoint.outputs)
        if in_api(block) and isinstance(block, Component)
    ]
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": endpoint.visibility,
        "description": endpoint_description(endpoint),
    }


def endpoint_description(endpoint: Endpoint) -> str:
    """``api_description``, else the description part of the function's docstring.

    ``False`` hides it (as does an empty string).
    """
    described = getattr(endpoint.dependency.options, "api_description", None)
    if described is False:
        return ""
    if described is not None:
        return str(described)
    fn = endpoint.dependency.fn
    return docstring_summary(inspect.getdoc(fn) or "") if fn is not None else ""


def docstring_summary(doc: str) -> str:
    """The description part of a docstring, on one line (as Gradio gives it).

    Its non-empty lines up to an "Args:", "Parameters:", "Arguments:" or "Returns:" line,
    stripped and joined by spaces.
    """
    lines = []
    for raw in doc.strip().splitlines():
        line = raw.strip()
        if line.startswith(("Args:", "Parameters:", "Arguments:", "Returns:")):
            break
        if line:
            lines.append(line)
    return " ".join(lines)


def api_info(
    endpoints: list[Endpoint], *, root: str, media_url: str, all_endpoints: bool = False
) -> dict[str, Any]:
    """The whole API description of the app at ``root``.

    File examples are sample files served under ``media_url``; each named endpoint carries
    the code that calls it (``code_snippets``).
    """
    shown = {"public", "undocumented"} if all_endpoints else {"public"}
    named = {
        f"/{e.api_name}": endpoint_info(e, media_url)
        for e in endpoints
        if e.api_name and e.visibility in shown and e.dependency.fn is not None
    }
    unnamed = {
        str(e.fn_index): endpoint_info(e, media_url)
        for e in endpoints
        if not e.api_name and e.visibility in shown and e.dependency.fn is not None
    }
    for name, info in named.items():
        info["code_snippets"] = code_snippets(name, info, root)
    return {"named_endpoints": named, "unnamed_endpoints": unnamed}
