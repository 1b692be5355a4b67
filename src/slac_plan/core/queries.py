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
- an item is overdue when it is not complete and `as_of` is after its due date;
- everything is as of a date: a completion, a due move, a status set by hand or evidence
  counts from the day it is dated, so a past date gives the answer it gave then.
An action with sub-actions is tracked through its sub-actions, which are complete when they
or their action are.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from slac_plan.core.dates import Due, DueKind, TermEnds, parse_due
from slac_plan.core.filters import EVERY_TASK, Filters
from slac_plan.core.model import (
    DEFAULT_STATUSES,
    Action,
    BragOverride,
    DueMove,
    DueOverride,
    Evidence,
    Item,
    Lead,
    Plan,
    StatusDef,
    StatusMeaning,
    SubAction,
    evidence_span,
)
from slac_plan.core.periods import long_date
from slac_plan.core.problems import InputError
from slac_plan.core.suggest import did_you_mean


@dataclass(frozen=True)
class Task:
    """An action or sub-action, with what it inherits from its action filled in.

    What happens to it over time (completion, due moves, a status set by hand, evidence) is
    dated, and every question about it is asked as of a date, so that a report for a past
    month says what it said then. An action that is the `same_as` another takes all of that
    from the other (`tracked_as` names it).
    """

    id: str
    item: Item
    action: Action
    sub: SubAction | None
    leads: tuple[Lead, ...]
    by_when: str | None
    due: Due | None
    override: DueOverride | None
    accountable_to: tuple[str, ...]
    completions: tuple[date | None, ...] = ()
    """The days it (or its action) was marked done or closed; None where no day was recorded."""
    held: tuple[date | None, ...] = ()
    """The days it (or its action) was put on hold; None where no day was recorded."""
    marked: StatusDef | None = None
    """The declared status that settles it (done, closed or on hold), for its label."""
    moves: tuple[DueMove, ...] = ()
    brag_override: BragOverride | None = None
    evidence: tuple[Evidence, ...] = ()
    tracked_as: str | None = None

    @property
    def node(self) -> Action | SubAction:
        return self.sub if self.sub is not None else self.action

    @property
    def text(self) -> str:
        return self.node.text

    @property
    def responsible(self) -> str | None:
        """The responsible lead: the one marked, else the only one."""
        marked = [lead.role for lead in self.leads if lead.responsible]
        if marked:
            return marked[0]
        return self.leads[0].role if len(self.leads) == 1 else None

    @property
    def complete(self) -> bool:
        """Marked complete, whenever that was."""
        return bool(self.completions)

    def complete_at(self, as_of: date) -> bool:
        """Complete as of a date: marked so on or before it (an undated mark counts always)."""
        return any(day is None or day <= as_of for day in self.completions)

    def held_at(self, as_of: date) -> bool:
        """On hold as of a date (not overdue while held)."""
        return any(day is None or day <= as_of for day in self.held)

    def completed_on(self, as_of: date) -> date | None:
        """The day it was completed, if complete as of `as_of` and the day is recorded."""
        days = [day for day in self.completions if day is not None and day <= as_of]
        return min(days) if days else None

    def moves_at(self, as_of: date) -> tuple[DueMove, ...]:
        """The due moves agreed on or before `as_of`, oldest first."""
        return tuple(sorted((m for m in self.moves if m.date <= as_of), key=lambda m: m.date))

    def moved(self, as_of: date) -> bool:
        return bool(self.moves_at(as_of))

    @property
    def original_due(self) -> date | None:
        """The due the plan set (its override, else its wording), before any move."""
        if self.override is not None:
            return self.override.date
        return self.due.date if self.due is not None else None

    def due_at(self, as_of: date) -> date | None:
        """The due date in force on `as_of` (not used for recurring actions)."""
        in_force = self.moves_at(as_of)
        return in_force[-1].to if in_force else self.original_due

    @property
    def due_date(self) -> date | None:
        """The due date now, after every recorded move."""
        latest = sorted(self.moves, key=lambda m: m.date)
        return latest[-1].to if latest else self.original_due

    def evidence_at(self, as_of: date) -> tuple[Evidence, ...]:
        """The evidence recorded by `as_of` (a month-dated entry counts from its first day)."""
        return tuple(e for e in self.evidence if evidence_span(e.date)[0] <= as_of)

    def status_override_at(self, as_of: date) -> BragOverride | None:
        override = self.brag_override
        if override is None or (override.since is not None and override.since > as_of):
            return None
        return override

    def recurring_at(self, as_of: date) -> bool:
        """Tracked by its recurrence: a recurring wording, not overridden or moved."""
        return (
            self.override is None
            and not self.moved(as_of)
            and self.due is not None
            and self.due.kind is DueKind.RECURRING
        )


@dataclass(frozen=True)
class Overdue:
    task: Task
    due: date
    days: int
    reason: str
    moved_from: date | None = None
    """The plan's original due, where the due in force was moved from it."""


@dataclass(frozen=True)
class Upcoming:
    task: Task
    due: date
    days: int
    moved_from: date | None = None


class UnknownFilter(InputError):
    """A filter names an id the plan does not have (a typo, most often)."""


def check_filters(plan: Plan, filters: Filters) -> None:
    """Refuse a filter that names no id of the plan: it would match nothing, silently."""
    known = {
        "--lead": (filters.lead, {role.id for role in plan.roles}),
        "--board": (filters.board, {b.id for b in plan.boards} | {r.id for r in plan.roles}),
        "--section": (filters.section, {s.id for s in plan.meta.sections}),
    }
    for option, (value, ids) in known.items():
        if value is not None and value not in ids:
            hint = did_you_mean(value, ids)
            raise UnknownFilter(
                f"{option}: no such id '{value}' in the plan" + (f"; {hint}" if hint else "")
            )


def tasks(plan: Plan) -> Iterator[Task]:
    """Every trackable unit: actions without sub-actions, and sub-actions."""
    return iter(task_index(plan).values())


def task_index(plan: Plan) -> dict[str, Task]:
    """Every trackable unit by id, with `same_as` resolved to the action that is tracked."""
    context = plan.meta.inspection.context
    statuses = plan.meta.status_defs()
    terms = plan.meta.term_ends()
    found: dict[str, Task] = {}
    nodes: dict[str, Task] = {}
    for item in plan.items:
        for action in item.actions:
            own = task_for(item, action, None, context, statuses, terms)
            nodes[action.id] = own
            if not action.sub_actions:
                found[action.id] = own
            for sub in action.sub_actions:
                found[sub.id] = nodes[sub.id] = task_for(
                    item, action, sub, context, statuses, terms
                )
    for ident, task in found.items():
        target = nodes.get(task.node.same_as or "")
        if target is not None and target.id != ident:
            found[ident] = replace(
                task,
                due=target.due,
                override=target.override,
                completions=target.completions,
                held=target.held,
                marked=target.marked,
                moves=target.moves,
                brag_override=target.brag_override,
                evidence=target.evidence,
                tracked_as=target.id,
            )
    return found


_DEFAULT_STATUSES = {entry.id: entry for entry in DEFAULT_STATUSES}


def task_for(
    item: Item,
    action: Action,
    sub: SubAction | None,
    context: date,
    statuses: Mapping[str, StatusDef] = _DEFAULT_STATUSES,
    terms: TermEnds | None = None,
) -> Task:
    """An action, or one of its sub-actions with what it inherits from its action filled in;
    `statuses` are the plan's, by id.

    `same_as` is not resolved here (it needs the whole plan): see task_index.
    """
    action_marks = _Marks.of(action, statuses)
    if sub is None:
        return Task(
            action.id,
            item,
            action,
            None,
            tuple(action.leads),
            action.by_when,
            _due_of(action, context, terms),
            action.due_override,
            tuple(action.accountable_to),
            completions=action_marks.done,
            held=action_marks.held,
            marked=action_marks.status,
            moves=tuple(action.due_moves),
            brag_override=action.brag_override,
            evidence=tuple(action.evidence),
        )
    node = sub if sub.by_when is not None or sub.due_override is not None else action
    moves = sub.due_moves if sub.due_moves or node is sub else action.due_moves
    own = _Marks.of(sub, statuses)
    return Task(
        sub.id,
        item,
        action,
        sub,
        tuple(sub.leads or action.leads),
        node.by_when,
        _due_of(node, context, terms),
        node.due_override,
        tuple(sub.accountable_to or action.accountable_to),
        completions=action_marks.done + own.done,
        held=action_marks.held + own.held,
        marked=own.status or action_marks.status,
        moves=tuple(moves),
        brag_override=sub.brag_override or action.brag_override,
        evidence=tuple(sub.evidence),
    )


@dataclass(frozen=True)
class _Marks:
    """What a node's status says: done or closed (on which day), or on hold."""

    done: tuple[date | None, ...] = ()
    held: tuple[date | None, ...] = ()
    status: StatusDef | None = None

    @classmethod
    def of(cls, node: SubAction, statuses: Mapping[str, StatusDef]) -> _Marks:
        declared = statuses.get(node.status) if node.status is not None else None
        if declared is None:
            return cls()
        if declared.means in (StatusMeaning.DONE, StatusMeaning.CLOSED):
            return cls(done=(node.completed_on,), status=declared)
        if declared.means is StatusMeaning.ON_HOLD:
            return cls(held=(node.completed_on,), status=declared)
        return cls()


def overdue(plan: Plan, as_of: date, filters: Filters = EVERY_TASK) -> list[Overdue]:
    """Tasks not complete whose due has passed, most overdue first."""
    context = plan.meta.inspection.context
    found = [
        entry
        for task in _open_tasks(plan, as_of, filters)
        if (entry := overdue_entry(task, as_of, context)) is not None
    ]
    return sorted(found, key=lambda e: (-e.days, _natural(e.task.id)))


def due_within(plan: Plan, as_of: date, days: int, filters: Filters = EVERY_TASK) -> list[Upcoming]:
    """Tasks not complete that fall due in the next `days` days (as_of included), soonest first."""
    context = plan.meta.inspection.context
    found = []
    for task in _open_tasks(plan, as_of, filters):
        nxt = next_due(task, as_of, context)
        if nxt is not None and 0 <= (nxt - as_of).days <= days:
            found.append(Upcoming(task, nxt, (nxt - as_of).days, _moved_from(task, as_of)))
    return sorted(found, key=lambda e: (e.days, _natural(e.task.id)))


def _open_tasks(plan: Plan, as_of: date, filters: Filters) -> Iterator[Task]:
    return (
        task
        for task in tasks(plan)
        if in_plan_at(task.item, as_of)
        and not task.complete_at(as_of)
        and filters.accept(task, as_of)
    )


def in_plan_at(item: Item, as_of: date) -> bool:
    """Whether the item was in the plan on `as_of` (one added later was not)."""
    return item.added_on is None or item.added_on <= as_of


def _due_of(node: SubAction, context: date, terms: TermEnds | None = None) -> Due | None:
    return _read_wording(node.by_when, context, terms) if node.by_when is not None else None


@lru_cache(maxsize=8192)
def _read_wording(wording: str, context: date, terms: TermEnds | None = None) -> Due:
    """parse_due is pure and plans repeat their wordings ("February 2012"): read each once."""
    return parse_due(wording, context, terms=terms)


def overdue_entry(task: Task, as_of: date, context: date) -> Overdue | None:
    """The task's overdue entry as of a date, or None when it is not overdue (or on hold)."""
    if task.held_at(as_of):
        return None
    if task.recurring_at(as_of) and task.due is not None:
        return _recurring_overdue(task, task.due, as_of, context)
    due = task.due_at(as_of)
    if due is None or as_of <= due:
        return None
    return Overdue(
        task,
        due,
        (as_of - due).days,
        f"due {long_date(due)}{moved_note(task, as_of)}",
        _moved_from(task, as_of),
    )


def _moved_from(task: Task, as_of: date) -> date | None:
    moves = task.moves_at(as_of)
    return moves[0].from_ if moves else None


def moved_note(task: Task, as_of: date) -> str:
    """', moved from 31 January 2012 on 27 February 2012' for a due moved by `as_of`."""
    moves = task.moves_at(as_of)
    if not moves:
        return ""
    first = moves[0].from_
    was = f" from {long_date(first)}" if first is not None else ""
    return f", moved{was} on {long_date(moves[-1].date)}"


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
    if any(evidence_span(entry.date)[1] > previous for entry in task.evidence_at(as_of)):
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
    if task.recurring_at(as_of) and task.due is not None:
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
    return task.due_at(as_of)


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


def item_deadline(item: Item, context: date, terms: TermEnds | None = None) -> date | None:
    """The date a recommendation's timescale ("Within 3 months (end February 2012)") sets.

    "Immediate" gives none here: it says when to start, not when to finish.
    """
    if item.deadline_override is not None:
        return item.deadline_override.date
    if item.timescale is None:
        return None
    reading = _read_wording(item.timescale, context, terms)
    return None if reading.kind is DueKind.IMMEDIATE else reading.date
