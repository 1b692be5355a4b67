"""T005 recurring-without-start."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.dates import DueKind


class RecurringWithoutStart(Rule):
    """A recurring action ("Six monthly reports ...") that never says when it starts.

    Why: without a first occurrence nobody knows when the first report is late; slac assumes
    one period after the report date, which may not be what was meant.

    Fails:
        by_when: Six monthly reports to the LSCB.
    Passes:
        by_when: Six monthly reports to the LSCB from June 2012.
    """

    code = "T005"
    name = "recurring-without-start"
    message = "recurs with no first occurrence"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for owner in context.owners("due"):
            task = owner.task
            due = task.due
            if task.override is not None or due is None or due.kind is not DueKind.RECURRING:
                continue
            if due.recurrence is not None and due.recurrence.first is None:
                yield self.on_owner(
                    owner,
                    f"recurs ({due.recurrence.cadence}) but never says when it starts",
                    "by_when",
                )
