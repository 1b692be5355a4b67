"""R003 item-without-action."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class ItemWithoutAction(Rule):
    """A recommendation or area for development with no action at all.

    Why: the plan exists to answer every recommendation and every criticism it chose to take
    up; one with no action is unanswered.

    Fails:
        id: SG-AD9
        kind: area-for-development
        text: Return interviews are not always offered.
        actions: []
    Passes:
        the same, with at least one action.
    """

    code = "R003"
    name = "item-without-action"
    message = "has no action"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for item in context.plan.items:
            if not item.actions:
                kind = str(item.kind).replace("-", " ")
                yield Finding(item.id, ("id",), f"{kind} {item.id} has no action")
