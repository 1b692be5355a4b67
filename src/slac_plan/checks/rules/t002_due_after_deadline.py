"""T002 due-after-deadline."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.queries import item_deadline


class DueAfterDeadline(Rule):
    """An action due after the deadline of the recommendation it answers.

    Why: the inspectors set the timescale ("Within 3 months (end February 2012)"); an action
    the plan schedules later means the recommendation cannot be met on time, which a board
    should see and agree. "Immediate" timescales are not compared (they say when to start).

    Fails:
        timescale: Within 3 months (end February 2012)
        actions:
          - by_when: Report to the LSCB for scrutiny April 2012.
    Passes:
        actions:
          - by_when: Report to the LSCB for scrutiny February 2012.
    """

    code = "T002"
    name = "due-after-deadline"
    message = "is due after its recommendation's deadline"

    def check(self, context: LintContext) -> Iterator[Finding]:
        report_date = context.plan.meta.inspection.context
        for owner in context.owners("due"):
            task = owner.task
            deadline = item_deadline(task.item, report_date, context.plan.meta.term_ends())
            due = task.due_at(context.as_of)
            if deadline is None or due is None or due <= deadline:
                continue
            yield self.on_owner(
                owner,
                f"is due {due.isoformat()}, after {task.item.id}'s deadline "
                f"{deadline.isoformat()} ('{task.item.timescale}')",
                "due_override" if owner.node.due_override else "by_when",
            )
