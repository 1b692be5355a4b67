"""`slac show ID`: one action as an officer thinks of it, in one place: what it says, who leads
it, its "By when" and how slac reads it, its due (and every move), its status as of a date and
why, its evidence, and what lint says about it. Pure: the lint findings are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slac_plan.core.dates import Due
from slac_plan.core.model import Evidence, Plan, evidence_span
from slac_plan.core.periods import long_date
from slac_plan.core.queries import next_due, task_index
from slac_plan.core.status import Assessment, Scale, assess
from slac_plan.core.suggest import did_you_mean
from slac_plan.files.yamledit import EditRefused
from slac_plan.reports.report import lead_dates


class UnknownAction(EditRefused):
    """No action or sub-action has that id."""


@dataclass(frozen=True)
class Shown:
    id: str
    item: str
    text: str
    notes: list[str]
    leads: list[str]
    accountable_to: list[str]
    by_when: str | None
    reading: Due | None
    due: date | None
    moves: list[str]
    tracked_as: str | None
    status: Assessment
    evidence: list[Evidence]
    findings: list[str]
    as_of: date


def show(plan: Plan, task_id: str, as_of: date, findings: list[str]) -> Shown:
    """The action or sub-action `task_id` as of `as_of`; `findings` are lint's lines on it."""
    index = task_index(plan)
    task = index.get(task_id)
    if task is None:
        hint = did_you_mean(task_id, list(index))
        raise UnknownAction(f"no action or sub-action '{task_id}'" + (f"; {hint}" if hint else ""))
    context = plan.meta.inspection.context
    titles = {role.id: role.title for role in plan.roles}
    names = {**titles, **{board.id: board.name for board in plan.boards}}
    moves = [
        f"{long_date(m.date)}: from {long_date(m.from_) or 'no date'} to {long_date(m.to)}, "
        f"{m.reason}"
        for m in task.moves_at(as_of)
    ]
    return Shown(
        id=task.id,
        item=f"{task.item.id}: {task.item.text}",
        text=task.text,
        notes=list(task.node.notes) + [f"({ref.text})" for ref in task.node.see_also],
        leads=[
            titles.get(lead.role, lead.role)
            + (f" ({lead_dates(lead)})" if lead_dates(lead) else "")
            + (" (responsible)" if lead.responsible else "")
            for lead in task.leads
        ],
        accountable_to=[names.get(ident, ident) for ident in task.accountable_to],
        by_when=task.by_when,
        reading=task.due,
        due=next_due(task, as_of, context),
        moves=moves,
        tracked_as=task.tracked_as,
        status=assess(task, as_of, context, Scale(tuple(plan.meta.scale))),
        evidence=sorted(task.evidence_at(as_of), key=lambda e: evidence_span(e.date)),
        findings=findings,
        as_of=as_of,
    )
