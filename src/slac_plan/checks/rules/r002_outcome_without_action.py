"""R002 outcome-without-action."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class OutcomeWithoutAction(Rule):
    """A required outcome that no action serves.

    Why: an outcome with no action behind it is a promise with no plan; inspectors read the
    table row by row and will notice the empty Actions cell.

    Fails:
        outcomes:
          - {id: o1, text: Staff receive monthly supervision.}
          - {id: o2, text: Supervision notes demonstrate timely plans.}
        actions:
          - {id: R1.1, text: ..., outcomes: [o1]}
    Passes:
        actions:
          - {id: R1.1, text: ..., outcomes: [o1, o2]}
    """

    code = "R002"
    name = "outcome-without-action"
    message = "is served by no action"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for item in context.plan.items:
            served = {ident for action in item.actions for ident in action.outcomes}
            for i, outcome in enumerate(item.outcomes):
                if outcome.id not in served:
                    yield Finding(
                        item.id,
                        ("outcomes", i, "id"),
                        f"required outcome {outcome.id} of {item.id} is served by no action",
                    )
