"""S002 bundled-action."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule
from slac_plan.checks.rules.text import deliverable_parts


class BundledAction(Rule):
    """One action that bundles several separate deliverables in one cell.

    Why: a cell holding three sentences, each a piece of work, has one lead and one date for
    all of them, so none can be tracked on its own; split it into lettered sub-actions. The
    threshold is `lint: {max_deliverables: 3}` in plan.yaml.

    Fails:
        text: >-
          Review the LADO role. Prepare a business case. Recruit two further CPAs.
    Passes:
        text: Review the LADO role against the role and capacity of CPAs.
        sub_actions: [...]   # each further deliverable as its own sub-action
    """

    code = "S002"
    name = "bundled-action"
    message = "bundles several deliverables in one action"

    def check(self, context: LintContext) -> Iterator[Finding]:
        limit = context.config.max_deliverables
        for located in context.tasks:
            parts = deliverable_parts(located.task.node.text)
            if len(parts) >= limit:
                yield self.on_task(
                    located,
                    f"bundles {len(parts)} separate deliverables; split them into sub-actions",
                    "text",
                )
