"""E001 complete-without-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import StatusMeaning


class CompleteWithoutEvidence(Rule):
    """An action marked complete with no evidence of progress.

    Why: "complete" is a claim the boards will repeat; the plan promises "evidence of progress
    against identified actions", so a completion needs at least one dated entry saying what
    was done.

    Fails:
        status: complete
    Passes:
        status: complete
        evidence:
          - date: 2011-12
            text: Recruitment complete and coordinator took up post Dec 2011.
    """

    code = "E001"
    name = "complete-without-evidence"
    message = "is marked complete with no evidence"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for located in context.tasks:
            task = located.task
            node = task.node
            if context.plan.meta.meaning(node.status) is not StatusMeaning.DONE:
                continue
            if not node.evidence and not (task.sub is not None and task.action.evidence):
                yield self.on_task(located, "is marked complete with no evidence", "status")
