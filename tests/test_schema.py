"""The shipped JSON Schemas: current, valid, and in agreement with the loader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from slac_plan.files import yamlread
from slac_plan.files.resources import schema_dir
from slac_plan.files.schemas import render_schemas
from tests.conftest import BUNDLED_PLAN, REPO


def test_shipped_schemas_are_not_stale() -> None:
    rendered = render_schemas()
    shipped = {p.name.removesuffix(".schema.json"): p for p in (REPO / "schema").glob("*.json")}
    assert sorted(shipped) == sorted(rendered)
    for name, text in rendered.items():
        assert shipped[name].read_text(encoding="utf-8") == text, (
            f"schema/{name}.schema.json is stale: run `make schema`"
        )
    assert schema_dir() == REPO / "schema"


def _as_json(value: Any) -> Any:
    """Data as an editor's YAML extension sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _schema_for(path: Path) -> str:
    name = path.name.removesuffix(".yaml")
    return name if path.parent == BUNDLED_PLAN else "item"


@pytest.mark.parametrize("path", sorted(BUNDLED_PLAN.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_matches_its_schema(path: Path) -> None:
    schema = json.loads(render_schemas()[_schema_for(path)])
    data, _ = yamlread.load(path)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(_as_json(data))


def test_schema_catches_what_an_editor_should_flag() -> None:
    schema = json.loads(render_schemas()["item"])
    validator = jsonschema.Draft202012Validator(schema)
    data, _ = yamlread.load(BUNDLED_PLAN / "items" / "sg-r1.yaml")
    data = _as_json(data)
    data["actions"][0]["bywhen"] = "March 2012"
    data["actions"][0]["leads"][0]["responsible"] = "yes"
    messages = sorted(e.message for e in validator.iter_errors(data))
    assert any("'bywhen' was unexpected" in m for m in messages)
    assert any("'yes' is not of type 'boolean'" in m for m in messages)


def test_every_field_an_editor_shows_has_a_description() -> None:
    """VS Code shows a field's description on hover: none may be blank."""
    from slac_plan.files.schemas import json_schemas

    blank = [
        f"{name}: {model}.{field}"
        for name, schema in json_schemas().items()
        for model, defined in [
            (schema.get("title", name), schema),
            *schema.get("$defs", {}).items(),
        ]
        for field, spec in defined.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert blank == []


def test_an_unquoted_date_as_a_by_when_is_its_text(tmp_path: Path) -> None:
    """The editor's schema takes `by_when: 2012-02-29` as text; slac agrees, and reads it."""
    from slac_plan.checks.validate import validate_plan
    from slac_plan.core.queries import tasks
    from tests.conftest import ITEM_YAML, write_plan

    plan = write_plan(tmp_path)
    plan.item(
        "r1.yaml", ITEM_YAML.replace("Policy to be completed by end February 2012", "2012-02-28")
    )
    loaded = validate_plan(plan.root, None)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    read = loaded.plan()
    assert read is not None
    task = next(t for t in tasks(read) if t.id == "R1.1")
    assert (task.by_when, task.due_date) == ("2012-02-28", date(2012, 2, 28))


def test_every_choice_an_editor_offers_is_explained() -> None:
    """A list of allowed values says what each one means, in the schema's description."""
    from slac_plan.files.schemas import json_schemas

    for schema in json_schemas().values():
        for name, defined in schema.get("$defs", {}).items():
            for value in defined.get("enum", []):
                words = value.replace("-", " ")
                assert value in defined.get("description", "") or words in (
                    defined.get("description", "")
                ), f"{name}: '{value}' is not explained"


def test_dated_leads_notes_and_outside_documents(tmp_path: Path) -> None:
    """A lead that starts or ends on a day, an action's note, a pointer to another document:
    the editor's schema and slac both take them, and slac refuses a lead that ends before it
    starts."""
    from slac_plan.checks.validate import validate_plan
    from tests.conftest import ITEM_YAML, write_plan

    added = (
        "      - role: hos\n        from_date: 2012-04-01\n        until: {until}\n"
        "    by_when: Policy"
    )
    text = ITEM_YAML.replace(
        "    outcomes: [o1]\n",
        "    notes: [Regular review will ensure all actions are implemented.]\n"
        "    see_also:\n      - text: see CQC plan\n        ref: CQC Health Action Plan\n"
        "    outcomes: [o1]\n",
        1,
    )
    text = text.replace("      - role: hos\n    by_when: Policy", added, 1)
    plan = write_plan(tmp_path)
    path = plan.item("r1.yaml", text.format(until="2012-09-30"))
    loaded = validate_plan(plan.root, None)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    data, _ = yamlread.load(path)
    jsonschema.Draft202012Validator(json.loads(render_schemas()["item"])).validate(_as_json(data))
    found = loaded.plan()
    assert found is not None
    first = found.items[0].actions[0]
    assert (first.leads[1].from_date, first.leads[1].until) == (date(2012, 4, 1), date(2012, 9, 30))
    assert first.notes == ["Regular review will ensure all actions are implemented."]
    assert [(r.text, r.ref) for r in first.see_also] == [("see CQC plan", "CQC Health Action Plan")]

    plan.item("r1.yaml", text.format(until="2012-03-31"))
    refused = validate_plan(plan.root, None).problems
    assert [(p.code, p.message) for p in refused if p.severity == "error"] == [
        ("V303", "R1.1, lead 2: a lead's 'until' is before its 'from_date'")
    ]
