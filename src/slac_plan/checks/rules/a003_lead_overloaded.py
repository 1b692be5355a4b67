"""A003 lead-overloaded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from slac_plan.checks.rules.base import Finding, LintContext, Owner, Rule

SHOWN = 10
"""Ids named in the message; the rest are counted, so a huge plan gets a readable line."""


def _listed(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown if len(ids) <= SHOWN else f"{shown} and {len(ids) - SHOWN} more"


class LeadOverloaded(Rule):
    """One lead is responsible for more actions due in one month than is achievable.

    Why: a plan can look complete while one Head of Service owns a dozen deadlines in the same
    month; that is where slippage starts. The limit is
    `lint: {max_actions_per_lead_per_month: 6}` in plan.yaml.

    Fails (limit 2):
        three actions with `responsible: true` on head-care-planning, all due February 2012.
    Passes:
        the same three spread over February, March and April.
    """

    code = "A003"
    name = "lead-overloaded"
    message = "one lead has too many actions due in one month"

    def check(self, context: LintContext) -> Iterator[Finding]:
        limit = context.config.max_actions_per_lead_per_month
        groups: dict[tuple[str, int, int], list[Owner]] = defaultdict(list)
        for owner in context.owners("due"):
            task = owner.task
            due = task.due_at(context.as_of)
            done = task.complete_at(context.as_of)
            if task.responsible is not None and due is not None and not done:
                groups[(task.responsible, due.year, due.month)].append(owner)
        titles = {role.id: role.title for role in context.plan.roles}
        for (lead, year, month), members in sorted(groups.items()):
            if len(members) > limit:
                first = members[0]
                yield Finding(
                    first.task.item.id,
                    (*first.loc, "leads"),
                    f"{titles.get(lead, lead)} is responsible for {len(members)} actions due in "
                    f"{year}-{month:02d} (more than {limit}): "
                    + _listed([m.node.id for m in members]),
                    tuple(ident for m in members for ident in m.task_ids),
                )
