"""The OpenAPI document names the app's own endpoints, typed, and every reference resolves."""

from __future__ import annotations

import json
import re

import httpx


def test_the_document_spells_out_each_named_endpoint(http: httpx.Client) -> None:
    document = http.get("/gradio_api/openapi.json").json()
    paths = document["paths"]
    for name in ("upper", "double", "crash", "slow", "echo_file"):
        for how in ("run", "call"):
            assert f"/gradio_api/{how}/{name}" in paths
    body = paths["/gradio_api/run/double"]["post"]["requestBody"]["content"]["application/json"]
    data = body["schema"]["properties"]["data"]
    assert data["prefixItems"] == [{"type": "number"}]
    assert (data["minItems"], data["maxItems"]) == (1, 1)
    join = paths["/gradio_api/queue/join"]["post"]["requestBody"]["content"]["application/json"]
    assert join["schema"]["properties"]["fn_index"]["enum"] == [0, 1, 2, 3, 4]
    upload = paths["/gradio_api/upload"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload


def test_every_reference_resolves(http: httpx.Client) -> None:
    document = http.get("/gradio_api/openapi.json").json()
    text = json.dumps(document)
    assert "$defs" not in text
    schemas = document["components"]["schemas"]
    for ref in set(re.findall(r'"\$ref": "([^"]+)"', text)):
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
