"""What "overdue" means, as the README documents it, on small plans written for each case."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.filters import Filters
from slac_plan.core.model import Plan
from slac_plan.core.queries import due_within, overdue
from tests.conftest import ITEM_YAML, PlanDir, Runner

ACTIONS_HEAD = """\
id: R2
section: sg
kind: recommendation
number: 2
text: Something to do.
actions:
"""


def action(ident: str, by_when: str | None, extra: str = "") -> str:
    lines = f"  - id: {ident}\n    text: Action {ident}.\n    leads:\n      - role: ad\n"
    if by_when is not None:
        lines += f"    by_when: {by_when}\n"
    return lines + extra


def plan_with(plan_dir: PlanDir, *actions: str) -> Plan:
    """The fixture's plan (recommendation R1) alone, or with R1 replaced by these actions."""
    if actions:
        (plan_dir.root / "items" / "r1.yaml").unlink()
    plan_dir.item("r2.yaml", ACTIONS_HEAD + ("".join(actions) or "  []\n"))
    loaded = validate_plan(plan_dir.root, None)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    plan = loaded.plan()
    assert plan is not None
    return plan


def overdue_ids(plan: Plan, as_of: date, filters: Filters | None = None) -> list[tuple[str, int]]:
    return [(e.task.id, e.days) for e in overdue(plan, as_of, filters or Filters())]


def test_month_end_and_window_end(plan_dir: PlanDir) -> None:
    plan = plan_with(plan_dir)
    # R1.1: "end February 2012" (leap year); R1.2: "February – March 2012" (ends 31 March).
    assert overdue_ids(plan, date(2012, 2, 29)) == []
    assert overdue_ids(plan, date(2012, 3, 1)) == [("R1.1", 1)]
    assert overdue_ids(plan, date(2012, 4, 2)) == [("R1.1", 33), ("R1.2", 2)]


def test_complete_actions_are_never_overdue(plan_dir: PlanDir) -> None:
    plan = plan_with(
        plan_dir,
        action("R2.1", "December 2011", "    status: complete\n"),
        action("R2.2", "December 2011", "    status: in-progress\n"),
    )
    assert [i for i, _ in overdue_ids(plan, date(2012, 1, 5))] == ["R2.2"]


def test_immediate_is_due_on_the_report_date(plan_dir: PlanDir) -> None:
    plan = plan_with(plan_dir, action("R2.1", "Immediate"), action("R2.2", "Immediate and ongoing"))
    assert overdue_ids(plan, date(2011, 11, 18)) == []
    assert overdue_ids(plan, date(2011, 11, 20)) == [("R2.1", 2)]


def test_ongoing_with_a_review_date(plan_dir: PlanDir) -> None:
    plan = plan_with(
        plan_dir,
        action("R2.1", "Ongoing. To be reviewed for impact August 2012 (post exam results)"),
    )
    assert overdue_ids(plan, date(2012, 8, 31)) == []
    assert overdue_ids(plan, date(2012, 9, 3)) == [("R2.1", 3)]


def test_override_settles_unreadable_wording(plan_dir: PlanDir) -> None:
    override = "    due_override:\n      date: 2012-04-30\n      reason: Agreed with the DCS.\n"
    no_date = "    due_override:\n      reason: The source sets no date.\n"
    plan = plan_with(
        plan_dir,
        action("R2.1", "LSCB", override),
        action("R2.2", "LSCB"),
        action("R2.3", "December 2011", no_date),
    )
    assert overdue_ids(plan, date(2012, 5, 1)) == [("R2.1", 1)]


def test_recurring_needs_evidence_for_its_latest_period(plan_dir: PlanDir) -> None:
    wording = "Report to LSCB February 2012 then on quarterly basis."
    evidence = "    evidence:\n      - date: 2012-03-10\n        text: First report made.\n"
    plan = plan_with(plan_dir, action("R2.1", wording), action("R2.2", wording, evidence))
    # Occurrences: 29 Feb, 31 May, 31 Aug 2012 ...
    assert overdue_ids(plan, date(2012, 2, 29)) == []
    assert overdue_ids(plan, date(2012, 3, 15)) == [("R2.1", 15)]
    # R2.2's March evidence covers the period ending 31 May, not the one ending 31 August.
    assert overdue_ids(plan, date(2012, 6, 1)) == [("R2.1", 1)]
    assert overdue_ids(plan, date(2012, 9, 1)) == [("R2.1", 1), ("R2.2", 1)]


def test_recurring_without_a_start_counts_from_the_report_date(plan_dir: PlanDir) -> None:
    plan = plan_with(plan_dir, action("R2.1", "Six monthly reports to the LSCB."))
    # First occurrence one period after 18 November 2011: 18 May 2012.
    assert overdue_ids(plan, date(2012, 5, 18)) == []
    assert overdue_ids(plan, date(2012, 5, 20)) == [("R2.1", 2)]


def test_sub_actions_inherit_and_are_tracked_instead_of_their_action(plan_dir: PlanDir) -> None:
    subs = (
        "    sub_actions:\n"
        "      - id: R2.1a\n        text: First part.\n        status: complete\n"
        "      - id: R2.1b\n        text: Second part.\n"
        "      - id: R2.1c\n        text: Third part.\n        by_when: June 2012\n"
    )
    plan = plan_with(plan_dir, action("R2.1", "March 2012", subs))
    assert overdue_ids(plan, date(2012, 4, 1)) == [("R2.1b", 1)]
    entry = overdue(plan, date(2012, 4, 1))[0]
    assert entry.task.responsible == "ad"  # inherited lead
    assert overdue_ids(plan, date(2012, 7, 1)) == [("R2.1b", 92), ("R2.1c", 1)]


def test_completing_the_action_completes_its_sub_actions(plan_dir: PlanDir) -> None:
    subs = "    status: complete\n    sub_actions:\n      - id: R2.1a\n        text: Part.\n"
    plan = plan_with(plan_dir, action("R2.1", "March 2012", subs))
    assert overdue_ids(plan, date(2012, 4, 1)) == []


def test_most_overdue_first_then_natural_id_order(plan_dir: PlanDir) -> None:
    plan = plan_with(
        plan_dir,
        action("R2.10", "January 2012"),
        action("R2.9", "January 2012"),
        action("R2.2", "December 2011"),
    )
    assert [i for i, _ in overdue_ids(plan, date(2012, 2, 2))] == ["R2.2", "R2.9", "R2.10"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(lead="hos"), ["R1.1", "R1.2"]),
        (Filters(lead="ad"), ["R1.1"]),
        (Filters(board="lscb"), ["R1.1"]),
        (Filters(section="sg-dev"), []),
    ],
)
def test_filters(plan_dir: PlanDir, filters: Filters, expected: list[str]) -> None:
    plan = plan_with(plan_dir)
    assert [i for i, _ in overdue_ids(plan, date(2012, 4, 2), filters)] == expected


def test_due_within(plan_dir: PlanDir) -> None:
    plan = plan_with(plan_dir, action("R2.1", "1 March 2012"), action("R2.2", "end February 2012"))
    upcoming = due_within(plan, date(2012, 2, 25), 4)
    assert [(u.task.id, u.due, u.days) for u in upcoming] == [("R2.2", date(2012, 2, 29), 4)]
    assert [u.task.id for u in due_within(plan, date(2012, 2, 25), 5)] == ["R2.2", "R2.1"]


def test_a_lead_handed_over_on_a_date_owes_the_action_only_while_it_leads(
    plan_dir: PlanDir, slac: Runner
) -> None:
    """'Head of Safeguarding from 1.4.2012': asked what is late for a lead, as of a day, the
    officer gets what that lead owed on that day; each month's workbook goes to who led then."""
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "      - role: ad\n        responsible: true\n      - role: hos\n",
            "      - role: ad\n        responsible: true\n        until: 2012-03-31\n"
            "      - role: hos\n        from_date: 2012-04-01\n",
        ),
    )
    root = str(plan_dir.root)

    def late(lead: str, day: str) -> list[str]:
        done = slac("overdue", "--plan", root, "--as-of", day, "--lead", lead, "--format", "json")
        assert done.code == 0, done.err
        return [entry["id"] for entry in json.loads(done.out)["overdue"]]

    assert (late("ad", "2012-03-15"), late("hos", "2012-03-15")) == (["R1.1"], [])
    assert (late("ad", "2012-04-15"), late("hos", "2012-04-15")) == ([], ["R1.1", "R1.2"])
    for day, lead, shown in (("2012-03-15", "hos", False), ("2012-04-15", "hos", True)):
        report = slac("report", "lead", lead, "--as-of", day, "--plan", root)
        assert report.code == 0, report.err
        assert ("(R1.1)" in report.out) is shown, (day, lead)
    for month, lead in (("2012-03", "ad"), ("2012-04", "hos")):
        made = slac("request", "--month", month, "--all", "-o", month, "--plan", root)
        assert made.code == 0, made.err
        asked = [p.name for p in (plan_dir.root.parent / month).glob("*.xlsx")]
        assert any(name == f"{month}-{lead}.xlsx" for name in asked), asked
        other = {"ad": "hos", "hos": "ad"}[lead]
        owed = plan_dir.root.parent / month / f"{month}-{other}.xlsx"
        assert not owed.exists() or "R1.1" not in _listed_ids(owed)


def _listed_ids(path: Path) -> list[str]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [str(row[0].value) for row in sheet.iter_rows() if row[0].value]
