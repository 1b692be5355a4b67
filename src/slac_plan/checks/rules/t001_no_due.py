"""T001 no-due."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.dates import DueKind


class NoDue(Rule):
    """The "By when" is missing or cannot be read, and no due is set by hand.

    Why: an action without a date cannot be late, so it never shows as overdue and never
    reaches a board. Write a date slac can read (`slac due "..."` shows how it reads one), or
    set `due_override` with a date (or, deliberately, none) and a reason.

    Fails:
        by_when: LSCB
    Passes:
        by_when: Report to LSCB June 2012
    Passes:
        by_when: LSCB
        due_override: {reason: The source sets no date; reviewed at each LSCB meeting.}
    """

    code = "T001"
    name = "no-due"
    message = "has no readable 'By when' and no due set by hand"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for owner in context.owners("due"):
            task = owner.task
            if task.override is not None:
                continue
            if task.due is None:
                yield self.on_owner(owner, "has no 'By when' and no due_override", "id")
            elif task.due.kind is DueKind.UNREAD:
                reason = task.due.unread[-1] if task.due.unread else "no date found"
                yield self.on_owner(
                    owner,
                    f"'By when' gives no date ({reason}); write one or set due_override",
                    "by_when",
                )
