"""R001 action-without-outcome."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class ActionWithoutOutcome(Rule):
    """An action linked to none of its recommendation's required outcomes.

    Why: the table pairs every action with the outcome it serves; an action that serves none
    may be busy work, and an outcome's progress cannot be judged from its actions. Link it
    with `outcomes: [o1]`. (Sub-actions serve their action's outcomes.)

    Fails:
        outcomes: [{id: o1, text: Staff receive monthly supervision.}]
        actions:
          - id: R1.1
            text: Review all supervision materials.
    Passes:
        actions:
          - id: R1.1
            text: Review all supervision materials.
            outcomes: [o1]
    """

    code = "R001"
    name = "action-without-outcome"
    message = "is linked to no required outcome"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for item in context.plan.items:
            if not item.outcomes:
                continue
            for i, action in enumerate(item.actions):
                if not action.outcomes:
                    yield Finding(
                        item.id,
                        ("actions", i, "id"),
                        f"{action.id} is linked to no required outcome of {item.id}",
                        (action.id, *(sub.id for sub in action.sub_actions)),
                    )
