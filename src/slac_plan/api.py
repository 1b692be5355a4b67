"""The library's entry points for reports: one call each, reading the plan once. The CLI and
the tests call these; so can any Python program (`import slac_plan.api`).

Each takes the plan folder and the dates it needs (the library never reads the clock), and
raises `PlanHasProblems` when the plan does not validate.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from slac_plan.checks.lint import lint_loaded
from slac_plan.checks.smart import scorecard
from slac_plan.checks.validate import PlanHasProblems, valid_plan
from slac_plan.reports import report

__all__ = ["PlanHasProblems", "monthly_update", "quarterly_report"]


def monthly_update(root: Path, month: str, *, today: date | None) -> report.Report:
    """The monthly update for `month` ('2012-02'): the position at the close of the month,
    with the plan's SMART score as of then."""
    plan, loaded = valid_plan(root, today)
    period = report.month_period(month)
    card = scorecard(lint_loaded(loaded, as_of=period.close))
    return report.monthly(plan, period, smart=report.smart_view(card))


def quarterly_report(root: Path, quarter: str, *, today: date | None) -> report.Report:
    """The quarterly report for `quarter` ('2012Q1')."""
    plan, _ = valid_plan(root, today)
    return report.quarterly(plan, report.quarter_period(quarter))
