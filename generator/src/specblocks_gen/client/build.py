"""Build a :class:`~specblocks_gen.client.model.ClientSpec` from an app's ``P/info``."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from specblocks_gen.client import model as m
from specblocks_gen.client.fingerprint import normalise_info
from specblocks_gen.client.naming import camel, pascal, snake, unique
from specblocks_gen.client.schema import TypeBuilder

#: Names of a client's own methods and attributes, which endpoint methods must not take.
PY_MEMBERS = frozenset({"check_api", "client", "close", "src"})
TS_MEMBERS = frozenset({"checkApi", "client", "close", "connect", "src"})
#: Names the generated modules define, which models and result types must not take.
RESERVED_TYPES = frozenset(
    {"Any", "ApiFingerprint", "ApiMismatchError", "Client", "Field", "FileInput"}
    | {"FilePath", "Json", "Literal", "NamedTuple", "Path", "TypeAdapter", "ConnectOptions"}
)
#: Entries of ``P/info`` that are not part of the API (and may hold the app's URL).
_NOT_API = ("code_snippets",)
_CLIENT_NAME = re.compile(r"[a-z][a-z0-9_]*")


class ClientNameError(ValueError):
    """The client name is not a lower-case identifier."""


def build_client(
    info: dict[str, Any], name: str, *, source: str, command: str, version: str
) -> m.ClientSpec:
    """The model of the typed client for an app whose ``P/info`` is ``info``.

    Args:
        info: The app's ``P/info``.
        name: The client's snake_case name, e.g. ``showcase``.
        source: Where ``info`` came from (for file headers).
        command: The command that regenerates the client (for file headers).
        version: The generator's version.

    Raises:
        ClientNameError: ``name`` is not a lower-case identifier.
    """
    if not _CLIENT_NAME.fullmatch(name):
        raise ClientNameError(f"client name {name!r} must match [a-z][a-z0-9_]*")
    fingerprint = normalise_info(info)
    named: dict[str, Any] = info.get("named_endpoints") or {}
    api_names = list(fingerprint)
    entries = [named[a] for a in api_names]
    methods = unique((snake(a, "endpoint") for a in api_names), PY_MEMBERS)
    ts_methods = unique((camel(a, "endpoint") for a in api_names), TS_MEMBERS)
    prefixes = unique(pascal(a, "Endpoint") for a in api_names)
    own = {f"{prefix}{kind}" for prefix in prefixes for kind in ("Request", "Response", "Result")}
    types = TypeBuilder(RESERVED_TYPES | own)
    endpoints = tuple(
        m.Endpoint(
            api_name=api_name,
            method=method,
            ts_method=ts_method,
            type_prefix=prefix,
            description=str(entry.get("description") or ""),
            params=_params(entry.get("parameters") or [], prefix, types),
            returns=_returns(entry.get("returns") or [], prefix, types),
        )
        for api_name, entry, method, ts_method, prefix in zip(
            api_names, entries, methods, ts_methods, prefixes, strict=True
        )
    )
    return m.ClientSpec(
        name=name,
        class_name=f"{pascal(name)}Client",
        source=source,
        command=command,
        version=version,
        digest=info_digest(info, version),
        endpoints=endpoints,
        models=types.models,
        fingerprint=fingerprint,
    )


def info_digest(info: dict[str, Any], version: str) -> str:
    """A stable hash of the generator version and the API parts of ``info``."""
    named = {
        api: {k: v for k, v in entry.items() if k not in _NOT_API}
        for api, entry in (info.get("named_endpoints") or {}).items()
    }
    text = json.dumps([version, named], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def json_schema(schema: Any) -> Any:
    """The API info's type as a valid JSON Schema: Gradio's ``type: {}`` (any value) dropped."""
    if isinstance(schema, list):
        return [json_schema(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "type" and isinstance(value, dict):
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: json_schema(sub) for name, sub in value.items()}
        else:
            out[key] = json_schema(value)
    return out


#: Keywords whose value maps names to schemas (a property may itself be named "type").
_SCHEMA_MAPS = frozenset({"properties", "$defs", "definitions", "patternProperties"})


def _params(raw: list[dict[str, Any]], prefix: str, types: TypeBuilder) -> tuple[m.Param, ...]:
    keys = [str(p.get("parameter_name") or p.get("label") or f"arg{i}") for i, p in enumerate(raw)]
    names = unique((snake(k, "arg") for k in keys), {"self"})
    return tuple(
        m.Param(
            key=key,
            name=name,
            label=str(p.get("label") or key),
            component=str(p.get("component") or ""),
            type=types.build(p.get("type"), f"{prefix}{pascal(key)}"),
            schema=json_schema(p.get("type")),
            required=not p.get("parameter_has_default", False),
            default=p.get("parameter_default"),
            example=p.get("example_input"),
        )
        for p, key, name in zip(raw, keys, names, strict=True)
    )


def _returns(raw: list[dict[str, Any]], prefix: str, types: TypeBuilder) -> tuple[m.Return, ...]:
    labels = [str(r.get("label") or f"output {i}") for i, r in enumerate(raw, 1)]
    names = unique((snake(label, "output") for label in labels), {"count", "index"})
    return tuple(
        m.Return(
            name=name,
            label=label,
            component=str(r.get("component") or ""),
            type=types.build(r.get("type"), f"{prefix}{pascal(label)}"),
            schema=json_schema(r.get("type")),
        )
        for r, label, name in zip(raw, labels, names, strict=True)
    )
