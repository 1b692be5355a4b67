"""The whole plan as one JSON document, for dashboards and other tools.

Every field of every file is kept exactly as the models hold it, so the export round-trips
(`plan_from_export` rebuilds an equal plan). What slac works out is added beside it under
`resolved` keys (ids resolved to titles, inherited leads, due dates computed), which a
round trip ignores.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from slac_plan.core.dates import parse_due
from slac_plan.core.model import (
    Action,
    Board,
    GlossaryFile,
    Item,
    Plan,
    PlanMeta,
    Role,
    SubAction,
)
from slac_plan.core.queries import Task, task_for, task_index

EXPORT_FORMAT = "slac-plan-export"
EXPORT_VERSION = 1
RESOLVED = "resolved"


def export_plan(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data: every field, plus a `resolved` block on each item and action."""
    names = _Names(plan)
    tasks = task_index(plan)  # `same_as` resolved
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "plan": plan.meta.model_dump(mode="json", by_alias=True),
        "roles": [role.model_dump(mode="json", by_alias=True) for role in plan.roles],
        "boards": [board.model_dump(mode="json", by_alias=True) for board in plan.boards],
        "glossary": dict(plan.glossary),
        "items": [_item(plan, item, names, tasks) for item in plan.items],
    }


def plan_from_export(data: dict[str, Any], root: Path) -> Plan:
    """Rebuild the plan an export was made from (the `resolved` blocks are dropped)."""
    if data.get("format") != EXPORT_FORMAT or data.get("version") != EXPORT_VERSION:
        raise ValueError(f"not a {EXPORT_FORMAT} version {EXPORT_VERSION} document")
    return Plan(
        root=root,
        meta=PlanMeta.model_validate(data["plan"]),
        roles=[Role.model_validate(role) for role in data["roles"]],
        boards=[Board.model_validate(board) for board in data["boards"]],
        glossary=GlossaryFile.model_validate({"glossary": data["glossary"]}).glossary,
        items=[Item.model_validate(_without_resolved(item)) for item in data["items"]],
    )


class _Names:
    """Ids to what they name, for the `resolved` blocks."""

    def __init__(self, plan: Plan) -> None:
        self.roles = {role.id: role.title for role in plan.roles}
        self.boards = {board.id: board.name for board in plan.boards}
        self.sections = {section.id: section.title for section in plan.meta.sections}
        self.targets: dict[str, dict[str, str]] = {}
        for item in plan.items:
            self.targets[item.id] = {"id": item.id, "kind": str(item.kind), "text": item.text}
            for action in item.actions:
                for node in (action, *action.sub_actions):
                    self.targets[node.id] = {"id": node.id, "kind": "action", "text": node.text}

    def role(self, role_id: str) -> dict[str, str]:
        return {"id": role_id, "title": self.roles[role_id]}

    def accountable(self, target: str) -> dict[str, str]:
        if target in self.boards:
            return {"id": target, "kind": "board", "name": self.boards[target]}
        return {"id": target, "kind": "role", "name": self.roles[target]}


def _item(plan: Plan, item: Item, names: _Names, tasks: dict[str, Task]) -> dict[str, Any]:
    context = plan.meta.inspection.context
    plan_terms = plan.meta.term_ends()
    data = item.model_dump(mode="json", by_alias=True)
    deadline: dict[str, Any] | None = None
    if item.deadline_override is not None:
        deadline = {
            "date": _iso(item.deadline_override.date),
            "source": "override",
            "reason": item.deadline_override.reason,
        }
    elif item.timescale is not None:
        reading = parse_due(item.timescale, context, terms=plan_terms)
        deadline = {"date": _iso(reading.date), "source": "timescale", "reading": reading.to_dict()}
    data[RESOLVED] = {
        "section": {"id": item.section, "title": names.sections[item.section]},
        "deadline": deadline,
        "cross_references": [names.targets[ref.id] for ref in item.cross_references],
    }
    outcomes = {outcome.id: outcome.text for outcome in item.outcomes}
    for action, action_data in zip(item.actions, data["actions"], strict=True):
        own = tasks.get(action.id) or task_for(
            item,
            action,
            None,
            context,
            plan.meta.status_defs(),
            plan_terms,
        )
        action_data[RESOLVED] = _task(own, names, outcomes)
        for sub, sub_data in zip(action.sub_actions, action_data["sub_actions"], strict=True):
            sub_data[RESOLVED] = _task(tasks[sub.id], names, outcomes)
    return data


def _task(task: Task, names: _Names, outcomes: dict[str, str]) -> dict[str, Any]:
    node: Action | SubAction = task.node
    if task.override is not None:
        due: dict[str, Any] = {
            "date": _iso(task.override.date),
            "source": "override",
            "reason": task.override.reason,
        }
    elif task.due is not None:
        due = {"date": _iso(task.due.date), "source": "wording", "reading": task.due.to_dict()}
    else:
        due = {"date": None, "source": "none"}
    if task.sub is not None and node.by_when is None and node.due_override is None:
        due["inherited_from"] = task.action.id
    if task.moves:
        due["moved_to"] = _iso(task.due_date)  # after every recorded move (see due_moves)
    return {
        "leads": [
            {**names.role(lead.role), "responsible": lead.responsible} for lead in task.leads
        ],
        "responsible": names.role(task.responsible) if task.responsible else None,
        "by_when": task.by_when,
        "due": due,
        "accountable_to": [names.accountable(target) for target in task.accountable_to],
        "outcomes": [
            {"id": ident, "text": outcomes[ident]}
            for ident in (node.outcomes if isinstance(node, Action) else task.action.outcomes)
        ],
        "complete": task.complete,
        "same_as": task.tracked_as,
    }


def _without_resolved(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_resolved(v) for k, v in value.items() if k != RESOLVED}
    if isinstance(value, list):
        return [_without_resolved(v) for v in value]
    return value


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
