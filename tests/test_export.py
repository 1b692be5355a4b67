"""`slac export`: the whole plan as JSON, round-tripping, with what slac works out beside it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.model import Plan
from slac_plan.output.export import export_plan, plan_from_export
from tests.conftest import BUNDLED_PLAN, Runner


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = validate_plan(BUNDLED_PLAN, date(2026, 11, 28))
    found = loaded.plan()
    assert found is not None
    return found


@pytest.fixture(scope="module")
def exported(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(export_plan(plan)))  # what a consumer reads
    return data


def action(exported: dict[str, Any], ident: str) -> dict[str, Any]:
    for item in exported["items"]:
        for act in item["actions"]:
            for node in (act, *act["sub_actions"]):
                if node["id"] == ident:
                    return dict(node)
    raise KeyError(ident)


def test_round_trip_rebuilds_an_equal_plan(plan: Plan, exported: dict[str, Any]) -> None:
    again = plan_from_export(exported, plan.root)
    assert again.meta == plan.meta
    assert again.roles == plan.roles
    assert again.boards == plan.boards
    assert again.glossary == plan.glossary
    assert again.items == plan.items


def test_items_in_document_order(exported: dict[str, Any]) -> None:
    ids = [item["id"] for item in exported["items"]]
    assert ids[:3] == ["SG-R1", "SG-R2", "SG-R3"]
    assert ids.index("SG-R9") < ids.index("SG-AD1") < ids.index("LAC-R1") < ids.index("LAC-AD1")
    assert ids[-1] == "LAC-AD6"


def test_resolved_action(exported: dict[str, Any]) -> None:
    resolved = action(exported, "SG-R1.1")["resolved"]
    assert resolved["responsible"] == {
        "id": "ad-social-care",
        "title": "Assistant Director, Social Care",
    }
    assert resolved["due"]["date"] == "2012-02-29"
    assert resolved["due"]["source"] == "wording"
    assert resolved["due"]["reading"]["kind"] == "date"
    assert resolved["outcomes"][0]["id"] == "o1"


def test_resolved_sub_action_inherits(exported: dict[str, Any]) -> None:
    resolved = action(exported, "SG-R5.1d")["resolved"]
    assert resolved["due"]["inherited_from"] == "SG-R5.1"
    assert resolved["due"]["date"] == "2012-04-30"
    assert resolved["responsible"]["id"] == "ad-social-care"
    assert {a["id"] for a in resolved["accountable_to"]} >= {"lscb"}


def test_override_and_accountable_kinds(exported: dict[str, Any]) -> None:
    resolved = action(exported, "LAC-R5.1e")["resolved"]
    assert resolved["due"]["source"] == "override"
    assert resolved["due"]["date"] == "2012-02-29"
    assert "by end February 2012" in resolved["due"]["reason"]
    undated = action(exported, "SG-R9.1")["resolved"]["due"]  # a decision: no date
    assert (undated["source"], undated["date"]) == ("override", None)
    kinds = {a["id"]: a["kind"] for a in action(exported, "SG-R7.2")["resolved"]["accountable_to"]}
    assert kinds["lscb"] == "board"
    assert kinds["lead-member"] == "role"


def test_item_deadline_from_timescale(exported: dict[str, Any]) -> None:
    sg_r3 = next(item for item in exported["items"] if item["id"] == "SG-R3")
    assert sg_r3["resolved"]["deadline"]["date"] == "2012-02-29"
    assert sg_r3["resolved"]["section"]["title"] == "Safeguarding Recommendations"


def test_export_command(slac: Runner, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = slac("export", "--plan", str(BUNDLED_PLAN), "-o", str(out))
    assert result.code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "slac-plan-export" and len(data["items"]) == 31
    assert json.loads(slac("export", "--plan", str(BUNDLED_PLAN)).out) == data


def test_not_an_export(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a slac-plan-export"):
        plan_from_export({"format": "other"}, tmp_path)


def test_every_export_format_is_a_choice() -> None:
    from typing import get_args

    from slac_plan.output.choices import ExportFormat
    from slac_plan.output.formats import EXPORT_FORMATS

    assert set(get_args(ExportFormat)) == set(EXPORT_FORMATS)
