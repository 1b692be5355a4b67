"""A002 no-responsible-lead."""

from __future__ import annotations

from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Rule


class NoResponsibleLead(Rule):
    """Several leads and none of them marked responsible.

    Why: shared ownership without one accountable officer is how actions drift; the plan's
    own convention is that one lead is "the responsible lead officer". (More than one marked
    responsible is a validation error, X408.)

    Fails:
        leads:
          - role: head-care-planning
          - role: head-commissioning-resources
    Passes:
        leads:
          - role: head-care-planning
            responsible: true
          - role: head-commissioning-resources
    """

    code = "A002"
    name = "no-responsible-lead"
    message = "has several leads and none marked responsible"

    def check(self, context: LintContext) -> Iterator[Finding]:
        for owner in context.owners("leads"):
            leads = owner.task.leads
            if len(leads) > 1 and not any(lead.responsible for lead in leads):
                yield self.on_owner(
                    owner, f"has {len(leads)} leads and none marked 'responsible: true'", "leads"
                )
