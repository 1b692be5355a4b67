"""E003 status-contradicts-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import Status, evidence_span


class StatusContradictsEvidence(Rule):
    """A status that the evidence dates contradict.

    Why: the status and the evidence are read together in the monthly update; they must tell
    one story. Three contradictions are caught: "not-started" with evidence of progress;
    evidence dated after the action's `completed_on`; and a `completed_on` on an action that
    is not complete.

    Fails:
        status: complete
        completed_on: 2012-01-10
        evidence:
          - date: 2012-01-19
            text: Focus group with managers.
    Passes:
        status: complete
        completed_on: 2012-01-31
        evidence:
          - date: 2012-01-19
            text: Focus group with managers.
    """

    code = "E003"
    name = "status-contradicts-evidence"
    message = "has a status its evidence contradicts"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for located in context.tasks:
            node = located.task.node
            if node.status is Status.NOT_STARTED and node.evidence:
                yield self.on_task(
                    located, "is 'not-started' but has evidence of progress", "status"
                )
            if node.completed_on is None:
                continue
            if node.status is not Status.COMPLETE:
                yield self.on_task(
                    located, "has a completed_on date but is not marked complete", "completed_on"
                )
            for k, entry in enumerate(node.evidence):
                first, _ = evidence_span(entry.date)
                if first > node.completed_on:
                    yield self.on_task(
                        located,
                        f"has evidence dated {entry.date}, after it was completed on "
                        f"{node.completed_on.isoformat()}",
                        "evidence",
                        k,
                        "date",
                    )
