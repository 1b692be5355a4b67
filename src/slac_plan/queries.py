"""Questions a policy officer asks of a plan: what is overdue, what is coming up. Pure.

`as_of` is always passed in; nothing here reads the clock.

What "due" means (documented in the README too):
- an action's due is its `due_override` if set, else what its "By when" wording says
  (a sub-action with no wording of its own takes its action's);
- a window ("February – March 2012") is due at its end; several milestones in one cell are
  due at the latest; "Immediate" is due on the report date; an ongoing action is due at its
  review or report date if the wording gives one, and otherwise never;
- a recurring action ("then on quarterly basis") is overdue when no evidence is dated after
  the occurrence before its latest one; where the wording gives no first occurrence, the
  first is one period after the report date;
- an item is overdue when it is not complete and `as_of` is after its due date.
An action with sub-actions is tracked through its sub-actions, which are complete when they
or their action are.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from slac_plan.dates import Due, DueKind, parse_due
from slac_plan.model import (
    Action,
    DueOverride,
    Evidence,
    Item,
    Lead,
    Plan,
    Status,
    SubAction,
    evidence_span,
)
from slac_plan.periods import long_date


@dataclass(frozen=True)
class Task:
    """An action or sub-action, with what it inherits from its action filled in."""

    id: str
    item: Item
    action: Action
    sub: SubAction | None
    leads: tuple[Lead, ...]
    by_when: str | None
    due: Due | None
    override: DueOverride | None
    accountable_to: tuple[str, ...]
    complete: bool

    @property
    def node(self) -> Action | SubAction:
        return self.sub if self.sub is not None else self.action

    @property
    def text(self) -> str:
        return self.node.text

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(self.node.evidence)

    @property
    def responsible(self) -> str | None:
        """The responsible lead: the one marked, else the only one."""
        marked = [lead.role for lead in self.leads if lead.responsible]
        if marked:
            return marked[0]
        return self.leads[0].role if len(self.leads) == 1 else None

    @property
    def due_date(self) -> date | None:
        """The machine-usable due date (not used for recurring actions)."""
        if self.override is not None:
            return self.override.date
        return self.due.date if self.due is not None else None


@dataclass(frozen=True)
class Overdue:
    task: Task
    due: date
    days: int
    reason: str


@dataclass(frozen=True)
class Upcoming:
    task: Task
    due: date
    days: int


@dataclass(frozen=True)
class Filters:
    """Which tasks a query looks at; None means any."""

    lead: str | None = None
    board: str | None = None
    section: str | None = None

    def accept(self, task: Task) -> bool:
        if self.lead is not None and self.lead not in {lead.role for lead in task.leads}:
            return False
        if self.board is not None and self.board not in task.accountable_to:
            return False
        return self.section is None or task.item.section == self.section


def tasks(plan: Plan) -> Iterator[Task]:
    """Every trackable unit: actions without sub-actions, and sub-actions."""
    context = plan.meta.inspection.report_date
    for item in plan.items:
        for action in item.actions:
            if not action.sub_actions:
                yield task_for(item, action, None, context)
            for sub in action.sub_actions:
                yield task_for(item, action, sub, context)


def task_for(item: Item, action: Action, sub: SubAction | None, context: date) -> Task:
    """An action, or one of its sub-actions with what it inherits from the action filled in."""
    action_done = action.status is Status.COMPLETE
    if sub is None:
        return Task(
            action.id,
            item,
            action,
            None,
            tuple(action.leads),
            action.by_when,
            _due_of(action, context),
            action.due_override,
            tuple(action.accountable_to),
            action_done,
        )
    own = sub.by_when is not None or sub.due_override is not None
    node = sub if own else action
    return Task(
        sub.id,
        item,
        action,
        sub,
        tuple(sub.leads or action.leads),
        node.by_when,
        _due_of(node, context),
        node.due_override,
        tuple(sub.accountable_to or action.accountable_to),
        action_done or sub.status is Status.COMPLETE,
    )


def overdue(plan: Plan, as_of: date, filters: Filters = Filters()) -> list[Overdue]:
    """Tasks not complete whose due has passed, most overdue first."""
    context = plan.meta.inspection.report_date
    found = [
        entry
        for task in _open_tasks(plan, filters)
        if (entry := overdue_entry(task, as_of, context)) is not None
    ]
    return sorted(found, key=lambda e: (-e.days, _natural(e.task.id)))


def due_within(plan: Plan, as_of: date, days: int, filters: Filters = Filters()) -> list[Upcoming]:
    """Tasks not complete that fall due in the next `days` days (as_of included), soonest first."""
    context = plan.meta.inspection.report_date
    found = []
    for task in _open_tasks(plan, filters):
        nxt = next_due(task, as_of, context)
        if nxt is not None and 0 <= (nxt - as_of).days <= days:
            found.append(Upcoming(task, nxt, (nxt - as_of).days))
    return sorted(found, key=lambda e: (e.days, _natural(e.task.id)))


def _open_tasks(plan: Plan, filters: Filters) -> Iterator[Task]:
    return (task for task in tasks(plan) if not task.complete and filters.accept(task))


def _due_of(node: SubAction, context: date) -> Due | None:
    return _read_wording(node.by_when, context) if node.by_when is not None else None


@lru_cache(maxsize=8192)
def _read_wording(wording: str, context: date) -> Due:
    """parse_due is pure and plans repeat their wordings ("February 2012"): read each once."""
    return parse_due(wording, context)


def overdue_entry(task: Task, as_of: date, context: date) -> Overdue | None:
    """The task's overdue entry as of a date, or None when it is not overdue."""
    if task.override is None and task.due is not None and task.due.kind is DueKind.RECURRING:
        return _recurring_overdue(task, task.due, as_of, context)
    due = task.due_date
    if due is None or as_of <= due:
        return None
    return Overdue(task, due, (as_of - due).days, "due date passed")


def _recurring_overdue(task: Task, due: Due, as_of: date, context: date) -> Overdue | None:
    occurrences = _occurrences(due, context, as_of)
    if not occurrences:
        return None
    latest = occurrences[-1]
    recurrence = due.recurrence
    assert recurrence is not None
    previous = occurrences[-2] if len(occurrences) > 1 else recurrence.cadence.step(latest, -1)
    if as_of <= latest:
        return None
    if any(evidence_span(entry.date)[1] > previous for entry in task.evidence):
        return None
    return Overdue(
        task,
        latest,
        (as_of - latest).days,
        f"no evidence for the {recurrence.cadence} period ending {long_date(latest)}",
    )


def _occurrences(due: Due, context: date, until: date) -> list[date]:
    recurrence = due.recurrence
    if recurrence is None:
        return []
    first = recurrence.first or recurrence.cadence.step(context)
    out = []
    current, n = first, 0
    while current <= until and n < 10_000:
        out.append(current)
        n += 1
        current = recurrence.cadence.step(first, n)
    return out


def next_due(task: Task, as_of: date, context: date) -> date | None:
    """The task's next due date on or after `as_of` (its due date, or its next occurrence)."""
    if task.override is None and task.due is not None and task.due.kind is DueKind.RECURRING:
        recurrence = task.due.recurrence
        if recurrence is None:
            return None
        first = recurrence.first or recurrence.cadence.step(context)
        n = 0
        current = first
        while current < as_of and n < 10_000:
            n += 1
            current = recurrence.cadence.step(first, n)
        return current
    return task.due_date


def _natural(identifier: str) -> tuple[object, ...]:
    """Sort key that puts SG-R2 before SG-R10."""
    parts: list[object] = []
    number = ""
    for char in identifier:
        if char.isdigit():
            number += char
            continue
        if number:
            parts.append((0, int(number)))
            number = ""
        parts.append((1, char))
    if number:
        parts.append((0, int(number)))
    return tuple(parts)


def item_deadline(item: Item, context: date) -> date | None:
    """The date a recommendation's timescale ("Within 3 months (end February 2012)") sets.

    "Immediate" gives none here: it says when to start, not when to finish.
    """
    if item.deadline_override is not None:
        return item.deadline_override.date
    if item.timescale is None:
        return None
    reading = _read_wording(item.timescale, context)
    return None if reading.kind is DueKind.IMMEDIATE else reading.date
