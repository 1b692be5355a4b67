"""T004 ongoing-without-review."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.dates import DueKind


class OngoingWithoutReview(Rule):
    """ "Ongoing" with no review date and no cadence.

    Why: "ongoing" never falls due, so the action never comes back to anyone; give it a date
    to be reviewed for impact, or a reporting cadence.

    Fails:
        by_when: Immediate and ongoing
    Passes:
        by_when: Ongoing. To be reviewed for impact August 2012 (post exam results)
    Passes:
        by_when: Immediate and ongoing, reported to DMT on a quarterly basis
    """

    code = "T004"
    name = "ongoing-without-review"
    message = "is ongoing with no review date or cadence"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for owner in context.owners("due"):
            task = owner.task
            due = task.due
            if task.override is not None or due is None or due.kind is not DueKind.ONGOING:
                continue
            if due.date is None and due.recurrence is None:
                yield self.on_owner(
                    owner, "is ongoing with no review date or reporting cadence", "by_when"
                )
