"""The API description served at ``/gradio_api/info`` (what ``view_api`` prints)."""

from __future__ import annotations

import re
from typing import Any

from specblocks._component import Component
from specblocks.server._endpoints import Endpoint, in_api


def python_type(component: Component, *, as_input: bool) -> dict[str, str]:
    """The Python type shown to API users, from the component's data contract."""
    spec = type(component).INPUT_TYPE if as_input else type(component).OUTPUT_TYPE
    simplified = re.sub(r"\s*\|\s*None\b", "", spec).strip() or spec
    description = str(component.api_info().get("description", ""))
    return {"type": simplified, "description": description}


def _label(component: Component, fallback: str) -> str:
    label = getattr(component, "label", None)
    return label if isinstance(label, str) and label else fallback


def _parameter(component: Component, name: str | None, index: int) -> dict[str, Any]:
    value = getattr(component, "value", None)
    has_default = value is not None and not component.value_is_callable
    return {
        "label": _label(component, name or f"parameter_{index}"),
        "parameter_name": name or f"parameter_{index}",
        "parameter_has_default": has_default,
        "parameter_default": component.initial_value() if has_default else None,
        "type": component.api_info(),
        "python_type": python_type(component, as_input=True),
        "component": type(component).NAME,
        "example_input": component.example_payload(),
    }


def endpoint_info(endpoint: Endpoint) -> dict[str, Any]:
    """Parameters and returns of one endpoint (State and other non-API blocks left out)."""
    names = endpoint.parameter_names()
    parameters = [
        _parameter(block, names[i], i)
        for i, block in enumerate(endpoint.inputs)
        if in_api(block) and isinstance(block, Component)
    ]
    returns = [
        {
            "label": _label(block, f"value_{i}"),
            "type": block.api_info(),
            "python_type": python_type(block, as_input=False),
            "component": type(block).NAME,
        }
        for i, block in enumerate(endpoint.outputs)
        if in_api(block) and isinstance(block, Component)
    ]
    return {
        "parameters": parameters,
        "returns": returns,
        "api_visibility": endpoint.visibility,
        "description": getattr(endpoint.dependency.options, "api_description", None) or "",
    }


def api_info(endpoints: list[Endpoint], *, all_endpoints: bool = False) -> dict[str, Any]:
    """The whole API description."""
    shown = {"public", "undocumented"} if all_endpoints else {"public"}
    named = {
        f"/{e.api_name}": endpoint_info(e)
        for e in endpoints
        if e.api_name and e.visibility in shown and e.dependency.fn is not None
    }
    unnamed = {
        str(e.fn_index): endpoint_info(e)
        for e in endpoints
        if not e.api_name and e.visibility in shown and e.dependency.fn is not None
    }
    return {"named_endpoints": named, "unnamed_endpoints": unnamed}
