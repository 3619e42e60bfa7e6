"""Payload models: pydantic classes made by datamodel-code-generator from JSON Schemas."""

from __future__ import annotations

import json
from typing import Any

from datamodel_code_generator import generate
from datamodel_code_generator.enums import DataModelType, InputFileType
from datamodel_code_generator.format import PythonVersion
from datamodel_code_generator.parser import LiteralType

from specblocks_gen.ir import model as ir


def combined_schema(payloads: tuple[ir.Payload, ...]) -> dict[str, Any]:
    """One JSON Schema document holding every payload model under ``$defs``."""
    defs = {
        p.name: {**p.schema, "title": p.name, "description": p.description}
        for p in sorted(payloads, key=lambda p: p.name)
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Payloads",
        "description": "Every payload and option model.",
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in defs],
        "$defs": defs,
    }


def render(payloads: tuple[ir.Payload, ...]) -> str:
    """Python source of the payload models (unformatted; the caller formats)."""
    source = generate(
        json.dumps(combined_schema(payloads), sort_keys=True),
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        disable_timestamp=True,
        use_schema_description=True,
        use_field_description=True,
        use_standard_collections=True,
        use_union_operator=True,
        enum_field_as_literal=LiteralType.All,
        use_double_quotes=True,
        field_constraints=True,
        capitalise_enum_members=True,
        custom_file_header='"""Generated payload and option models."""',
        formatters=[],
    )
    if not isinstance(source, str):
        raise RuntimeError("datamodel-code-generator returned no source")
    return source
