"""The OpenAPI description of one app's server.

The routes, made precise with the app's own endpoints (their names, input types and indices)
so that requests generated from the description are meaningful.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI

from specblocks.core._component import Component
from specblocks.server._config import API_PREFIX
from specblocks.server._context import ServerContext
from specblocks.server._endpoints import Endpoint, in_api
from specblocks.server._server_fns import server_functions

_JSON = "application/json"


def _hoist(schema: Any, shared: dict[str, Any]) -> Any:
    """``schema`` with its ``$defs`` moved into ``shared`` (the document's components).

    Definitions at any depth move; ``#/$defs/...`` references are pointed at their new place.
    """
    found: dict[str, Any] = {}

    def strip(node: Any) -> Any:
        if isinstance(node, list):
            return [strip(item) for item in node]
        if not isinstance(node, dict):
            return node
        for name, definition in (node.get("$defs") or {}).items():
            found[name] = strip(definition)
        return {key: strip(value) for key, value in node.items() if key != "$defs"}

    body = strip(schema)
    renamed: dict[str, str] = {}
    for name, definition in found.items():
        final, n = name, 1
        while final in shared and shared[final] != definition:
            n += 1
            final = f"{name}{n}"
        renamed[name] = final

    def point(node: Any) -> Any:
        if isinstance(node, list):
            return [point(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = renamed.get(ref.removeprefix("#/$defs/"), ref.removeprefix("#/$defs/"))
            node = {**node, "$ref": f"#/components/schemas/{target}"}
        return {key: point(value) for key, value in node.items()}

    for name, definition in found.items():
        shared[renamed[name]] = point(definition)
    return point(body)


def _valid(schema: Any) -> Any:
    """``schema`` without the ``"type": {}`` Gradio uses for "any JSON value" (not JSON Schema)."""
    if isinstance(schema, list):
        return [_valid(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: _valid(value)
        for key, value in schema.items()
        if not (key == "type" and not isinstance(value, str | list))
    }


def _inputs(endpoint: Endpoint) -> list[Component]:
    return [b for b in endpoint.inputs if in_api(b) and isinstance(b, Component)]


def _call_operation(endpoint: Endpoint, shared: dict[str, Any], how: str) -> dict[str, Any]:
    """A ``/run`` or ``/call`` operation of one named endpoint, its inputs typed."""
    items = [_hoist(_valid(block.api_info()), shared) for block in _inputs(endpoint)]
    data = {"type": "array", "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    return {
        "summary": f"{how} /{endpoint.api_name}",
        "operationId": f"{how}_{endpoint.fn_index}_{endpoint.api_name}",
        "requestBody": {
            "required": True,
            "content": {
                _JSON: {
                    "schema": {
                        "type": "object",
                        "required": ["data"],
                        "properties": {"data": data, "session_hash": {"type": "string"}},
                    }
                }
            },
        },
        "responses": {"200": {"description": "The outputs (``/run``) or the event's id."}},
    }


def app_openapi(api: FastAPI, ctx: ServerContext) -> dict[str, Any]:
    """The server's OpenAPI document with the app's endpoints spelled out.

    Each public named endpoint gets its own ``/run/<name>`` and ``/call/<name>`` operations
    with its inputs' JSON schemas; ``queue/join`` names the function indices that exist;
    ``component_server`` names the components and functions that can be called.
    """
    document = copy.deepcopy(api.openapi())
    shared: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    paths: dict[str, Any] = document["paths"]
    endpoints = [
        e
        for e in ctx.endpoints.endpoints
        if e.dependency.fn is not None and e.visibility != "private"
    ]
    for endpoint in endpoints:
        if endpoint.api_name and endpoint.visibility == "public":
            for how in ("run", "call"):
                operation = _call_operation(endpoint, shared, how)
                paths[f"{API_PREFIX}/{how}/{endpoint.api_name}"] = {"post": operation}
    join = paths.get(f"{API_PREFIX}/queue/join", {}).get("post")
    if join is not None and endpoints:
        join["requestBody"]["content"][_JSON]["schema"] = {
            "type": "object",
            "required": ["data", "fn_index", "session_hash"],
            "properties": {
                "data": {"type": "array"},
                "fn_index": {"type": "integer", "enum": [e.fn_index for e in endpoints]},
                "session_hash": {"type": "string", "minLength": 1},
                "event_data": {},
                "trigger_id": {"type": ["integer", "null"]},
            },
        }
    callable_blocks = {
        block_id: sorted(server_functions(block))
        for block_id, block in ctx.app.blocks.items()
        if server_functions(block)
    }
    component_server = paths.get(f"{API_PREFIX}/component_server", {}).get("post")
    if component_server is not None and callable_blocks:
        component_server["requestBody"]["content"][_JSON]["schema"] = {
            "type": "object",
            "required": ["component_id", "fn_name"],
            "properties": {
                "component_id": {"type": "integer", "enum": sorted(callable_blocks)},
                "fn_name": {
                    "type": "string",
                    "enum": sorted({n for names in callable_blocks.values() for n in names}),
                },
                "data": {},
                "session_hash": {"type": ["string", "null"]},
            },
        }
    return document
