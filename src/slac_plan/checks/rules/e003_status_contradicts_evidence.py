"""E003 status-contradicts-evidence."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.core.model import DATED_MEANINGS, StatusMeaning, evidence_span


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
            meaning = context.plan.meta.meaning(node.status)
            if meaning is StatusMeaning.NOT_STARTED and node.evidence:
                yield self.on_task(
                    located, f"is '{node.status}' but has evidence of progress", "status"
                )
            if node.completed_on is None:
                continue
            if meaning not in DATED_MEANINGS:
                yield self.on_task(
                    located, "has a completed_on date but is not marked complete", "completed_on"
                )
                continue
            if meaning is not StatusMeaning.DONE:
                continue
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
