"""The JSON Schema of each kind of plan file, so editors complete and check while officers type.

The same text is shipped in `schema/` (and inside the wheel); a test fails when it is stale.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from slac_plan.core.model import Item, models_by_file

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def schema_models() -> dict[str, type[BaseModel]]:
    """Schema name -> model: one per fixed file name, and `item` for every other file."""
    named = {name.removesuffix(".yaml"): model for name, model in models_by_file().items()}
    return {"item": Item, **named}


class _WithEmptyDefaults(GenerateJsonSchema):
    """Shows an empty list or mapping as the default of a field that starts empty: the models
    make each one fresh (`default_factory`, no copy per value), editors still offer `[]`."""

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        factory = schema.get("default_factory")
        if factory in (list, dict):
            return factory()
        return super().get_default_value(schema)


def json_schemas() -> dict[str, dict[str, Any]]:
    out = {}
    for name, model in schema_models().items():
        schema = {
            "$schema": SCHEMA_URI,
            **model.model_json_schema(schema_generator=_WithEmptyDefaults),
        }
        out[name] = schema
    return out


def render_schemas() -> dict[str, str]:
    """Each schema as the exact text shipped in `schema/NAME.schema.json`."""
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in json_schemas().items()
    }
