"""A001 no-lead."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class NoLead(Rule):
    """An action with no lead (a sub-action takes its action's leads).

    Why: an action nobody owns is an action nobody does. Every action needs at least one lead
    role from roles.yaml, with one of them marked responsible.

    Fails:
        - id: SG-AD3.2
          text: Recruit a full time CAF coordinator to manage the SPA process.
    Passes:
        - id: SG-AD3.2
          text: Recruit a full time CAF coordinator to manage the SPA process.
          leads:
            - role: head-early-years-integrated-services
              responsible: true
    """

    code = "A001"
    name = "no-lead"
    message = "has no lead"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for owner in context.owners("leads"):
            if not owner.task.leads:
                yield self.on_owner(owner, "has no lead; name the role that owns it", "id")
