"""The bundled Brent plan, checked against facts read from the source document.

Expected values here come from `shared/source-document/brent-slac-action-plan.txt`, not from
the YAML: a wrong lead or date in `plan/` misleads every report built on it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from slac_plan.dates import parse_due
from slac_plan.model import Item, Plan
from slac_plan.queries import overdue, tasks
from slac_plan.validate import validate_plan
from tests.conftest import BUNDLED_PLAN


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = validate_plan(BUNDLED_PLAN, date(2026, 11, 28))
    assert loaded.problems == []
    found = loaded.plan()
    assert found is not None
    return found


def item(plan: Plan, ident: str) -> Item:
    return next(i for i in plan.items if i.id == ident)


def test_metadata(plan: Plan) -> None:
    inspection = plan.meta.inspection
    assert (inspection.start, inspection.end) == (date(2011, 10, 3), date(2011, 10, 14))
    assert inspection.report_date == date(2011, 11, 18)
    assert inspection.inspectorates == ["Ofsted", "Care Quality Commission"]
    assert [r.when for r in plan.meta.monitoring.reviews] == ["June 2012", "December 2012"]
    assert len(plan.glossary) == 20 and plan.glossary["LADO"].startswith("Local Authority")


def test_counts_per_section(plan: Plan) -> None:
    assert Counter(i.section for i in plan.items) == {
        "safeguarding-recommendations": 9,
        "safeguarding-development": 8,
        "lac-recommendations": 8,
        "lac-development": 6,
    }


@pytest.mark.parametrize(
    ("ident", "timescale", "deadline"),
    [
        ("SG-R1", "Immediate", date(2011, 11, 18)),
        ("SG-R3", "Within 3 months (end February 2012)", date(2012, 2, 29)),
        ("SG-R9", "Within 6 months (end May 2012)", date(2012, 5, 31)),
        ("LAC-R1", "Immediate", date(2011, 11, 18)),
        ("LAC-R7", "Within 6 months (end May 2012)", date(2012, 5, 31)),
    ],
)
def test_timescales_and_deadlines(plan: Plan, ident: str, timescale: str, deadline: date) -> None:
    found = item(plan, ident)
    assert found.timescale == timescale
    assert parse_due(timescale, plan.meta.inspection.report_date).date == deadline


def test_misprinted_numbers_keep_the_real_order(plan: Plan) -> None:
    areas = sorted(
        (i for i in plan.items if i.section == "safeguarding-development"), key=lambda i: i.number
    )
    printed = [i.printed_number or i.number for i in areas]
    assert printed == [1, 4, 5, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("task_id", "lead", "by_when"),
    [
        ("SG-R1.1", "ad-social-care", "Policy to be completed by end February 2012"),
        ("SG-R1.2", "head-localities-disabled-children", "February – March 2012"),
        ("SG-AD1.3", "head-safeguarding", "February 2012"),
        ("LAC-R1.3", "head-commissioning-resources", "Immediate and ongoing"),
        ("LAC-AD4.1", "head-commissioning-resources", "February 2012"),
    ],
)
def test_leads_and_wording(plan: Plan, task_id: str, lead: str, by_when: str) -> None:
    task = next(t for t in tasks(plan) if t.id == task_id)
    assert task.responsible == lead
    assert task.by_when == by_when


def test_evidence_entries(plan: Plan) -> None:
    sg_r1 = item(plan, "SG-R1").actions[0]
    assert any(e.date == date(2012, 1, 19) and "Focus group" in e.text for e in sg_r1.evidence)
    achieved = item(plan, "SG-AD8").actions[0]
    assert achieved.status == "complete"
    assert [e.text for e in achieved.evidence] == ["Achieved"]


def test_overdue_on_1_march_2012(plan: Plan) -> None:
    """As of 1 March 2012 the February deadlines have passed; finished items are not late."""
    late = {e.task.id: e for e in overdue(plan, date(2012, 3, 1))}
    assert late["SG-R1.1"].due == date(2012, 2, 29)  # policy by end February 2012
    assert late["LAC-R1.1"].due == date(2012, 2, 1)  # health assessments system, 1 February 2012
    assert late["LAC-R1.6"].due == date(2011, 12, 31)  # health information, December 2011
    assert "SG-AD8.1" not in late  # "Achieved"
    assert "SG-R1.2" not in late  # February – March 2012 runs to 31 March
    assert "LAC-R1.3" not in late  # Immediate and ongoing
