"""T003 due-before-report."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class DueBeforeReport(Rule):
    """An action due before the inspection report it answers was published.

    Why: a plan cannot promise work by a date that had passed when it was written; such a date
    is usually a typo ("2011" for "2012") or a date copied from another plan.

    Fails (report of 18 November 2011):
        by_when: end February 2011
    Passes:
        by_when: end February 2012
    """

    code = "T003"
    name = "due-before-report"
    message = "is due before the inspection report was published"

    def check(self, context: LintContext) -> Iterator[Finding]:
        report_date = context.plan.meta.inspection.context
        for owner in context.owners("due"):
            due = owner.task.due_at(context.as_of)
            if due is not None and due < report_date:
                yield self.on_owner(
                    owner,
                    f"is due {due.isoformat()}, before the report of {report_date.isoformat()}",
                    "due_override" if owner.node.due_override else "by_when",
                )
