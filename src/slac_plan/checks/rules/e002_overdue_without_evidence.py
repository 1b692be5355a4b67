"""E002 overdue-without-evidence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import Evidence, evidence_span
from slac_plan.core.queries import overdue


class OverdueWithoutEvidence(Rule):
    """An action past its due date, not complete, with no evidence of progress at all.

    Why: late with evidence is a delay the board can weigh; late with nothing recorded is an
    action nobody is reporting on. Judged as of `slac lint --as-of DATE` (default today).

    Fails (as of 2012-03-01):
        by_when: end February 2012
    Passes:
        by_when: end February 2012
        evidence:
          - date: 2012-02-20
            text: Draft policy circulated to managers.
    """

    code = "E002"
    name = "overdue-without-evidence"
    message = "is overdue with no evidence of progress"

    def check(self, context: LintContext) -> Iterator[Finding]:
        late = {entry.task.id: entry for entry in overdue(context.plan, context.as_of)}
        for located in context.tasks:
            task = located.task
            entry = late.get(task.id)
            recorded = task.evidence_at(context.as_of)
            if entry is None or recorded or _dated_by(task.action.evidence, context.as_of):
                continue
            days = f"{entry.days} day" + ("" if entry.days == 1 else "s")
            yield self.on_task(
                located,
                f"is {days} overdue (due {entry.due.isoformat()}) with no evidence of progress",
                "id",
            )


def _dated_by(evidence: list[Evidence], as_of: date) -> bool:
    return any(evidence_span(entry.date)[0] <= as_of for entry in evidence)
