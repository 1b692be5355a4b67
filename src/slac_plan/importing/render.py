"""The import's output as plan files in slac's canonical layout (`slac fmt --check` clean): a
new item file rendered whole, and new sections, kinds and roles appended to the end of their
lists in plan.yaml and roles.yaml, so that every byte already there (comments included) stays.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from slac_plan.core.model import DEFAULT_KINDS, Item, KindDef, PlanMeta, Role, RolesFile, Section
from slac_plan.editing.layout import format_text
from slac_plan.files import yamlread
from slac_plan.files.schema_errors import yaml_keys
from slac_plan.files.yamledit import EditRefused, append_item, layout


def item_text(data: dict[str, Any], comment: str) -> str:
    """An item file holding `data`, under a one-line comment saying where it came from."""
    out = io.StringIO()
    layout(explicit_start=False).dump(_node(data), out)
    return format_text(f"# {comment}\n{out.getvalue()}", Item)


def _node(value: Any) -> Any:
    """Plain data as ruamel nodes; text of several lines as a literal block, as written."""
    if isinstance(value, dict):
        return CommentedMap((key, _node(inner)) for key, inner in value.items())
    if isinstance(value, list):
        return CommentedSeq(_node(inner) for inner in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def with_sections(text: str, sections: list[Section], kinds: list[KindDef]) -> str:
    """plan.yaml with `sections` and `kinds` appended to their lists (a plan that declares no
    kinds gets the default ones declared first, as declaring any replaces them)."""
    updated = text
    for section in sections:
        fields: list[tuple[str, Any]] = [
            ("id", section.id), ("title", section.title), ("kind", section.kind)
        ]  # fmt: skip
        updated = append_item(updated, (), "sections", fields, _after(PlanMeta, "sections"))
    if kinds:
        data, _ = yamlread.parse(Path("plan.yaml"), text)
        declared = [] if "kinds" in data else list(DEFAULT_KINDS)
        for kind in [*declared, *kinds]:
            fields = [("id", kind.id), ("label", kind.label)]
            updated = append_item(updated, (), "kinds", fields, _after(PlanMeta, "kinds"))
    return _canonical_if_it_was(text, updated, PlanMeta)


def with_roles(text: str, roles: list[Role]) -> str:
    """roles.yaml with `roles` appended to its list."""
    updated = text
    for role in roles:
        updated = append_item(updated, (), "roles", [("id", role.id), ("title", role.title)], [])
    return _canonical_if_it_was(text, updated, RolesFile)


def _after(model: type[BaseModel], key: str) -> list[str]:
    keys = yaml_keys(model)
    return keys[keys.index(key) + 1 :]


def _canonical_if_it_was(old: str, new: str, model: type[BaseModel]) -> str:
    """A file in the canonical layout stays in it; a file kept in its own style is left so."""
    try:
        if format_text(old, model) != old:
            return new
    except EditRefused:
        return new
    return format_text(new, model)
