"""The overdue view on a terminal: readable at any width, and never status by colour alone."""

from __future__ import annotations

import io
from datetime import date

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.model import Plan
from slac_plan.core.queries import due_within, overdue
from slac_plan.output.display import TABLE_MIN_WIDTH, overdue_table
from tests.conftest import BUNDLED_PLAN

AS_OF = date(2012, 3, 1)


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = validate_plan(BUNDLED_PLAN, None).plan()
    assert loaded is not None
    return loaded


def draw(plan: Plan, width: int) -> list[str]:
    stream = io.StringIO()
    entries = overdue(plan, AS_OF)
    overdue_table(stream, plan, AS_OF, entries, due_within(plan, AS_OF, 30), width=width)
    return stream.getvalue().splitlines()


@pytest.mark.parametrize("width", [60, 80, TABLE_MIN_WIDTH - 1, TABLE_MIN_WIDTH, 160, 240])
def test_every_line_fits_and_every_task_is_there(plan: Plan, width: int) -> None:
    lines = draw(plan, width)
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    text = "\n".join(lines)
    for entry in overdue(plan, AS_OF):
        # Each id once, whole, with its days in words or under a header that names them.
        assert sum(line.split()[:2].count(entry.task.id) for line in lines if line.split()) == 1
    assert lines[0] == f"Overdue as of 2012-03-01: {len(overdue(plan, AS_OF))} actions"
    assert "Due in the coming days" in text


def test_narrow_terminal_lists_tasks_with_lateness_in_words(plan: Plan) -> None:
    lines = draw(plan, 80)
    assert "LAC-R1.6 · 61 days overdue · due 2011-12-31" in lines
    first = lines.index("LAC-R1.6 · 61 days overdue · due 2011-12-31")
    assert lines[first + 1].startswith("  Review current health information")
    assert lines[first + 2] == "  Lead: Deputy Director, Nursing and Clinical Standards, Brent ICO"
    assert lines[first + 3] == "  By when: December 2011"
    assert any(" days left · due " in line for line in lines)


def test_wide_terminal_draws_a_table_with_one_line_per_action(plan: Plan) -> None:
    lines = draw(plan, 160)
    header = next(line for line in lines if "Days overdue" in line)
    assert "Responsible lead" in header and "By when" in header
    row = next(line for line in lines if "LAC-R1.1 " in line)
    assert "A system is being devised" in row and "2012-02-01" in row and " 29 " in row
