"""The plan's deadlines and recurring duties as an iCalendar file, for Outlook and Google
Calendar. Pure: the date (`as_of`) and the stamp (`now`) are passed in, so the same plan gives
the same bytes.

- One all-day event per action or sub-action with a due date; a recurring wording ("then on
  quarterly basis") is one event with an RRULE starting at its first occurrence, read exactly
  as `slac overdue` reads it.
- Each event's UID is the task id and a digest of the plan's identity (its authority, title and
  report date), never random or time-based: importing a newer file updates the events an older
  one made instead of adding copies.
- A task complete as of the date stays in the file as STATUS:CANCELLED (with a higher
  SEQUENCE), so that a re-import takes a finished deadline off the calendars that hold it; left
  out, it would stay there for ever, looking owed. `include_completed=False` leaves them out.
- SEQUENCE counts the due moves recorded by the date (and one more once complete), so a client
  takes each move as a newer version of the same event.
- Boards' meeting cadences are not events: the plan records how often a board meets, never on
  which day, and a calendar entry on an invented day would mislead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from slac_plan.core.filters import EVERY_TASK, Filters
from slac_plan.core.model import Plan
from slac_plan.core.periods import Cadence, long_date, month_end
from slac_plan.core.queries import Task, check_filters, in_plan_at, tasks
from slac_plan.core.status import Scale, assess

PRODID = "-//slac-plan//slac calendar//EN"
SUMMARY_LENGTH = 70
"""Characters of the action's text in an event's title (calendars show about that much)."""

_WEEKS = {
    Cadence.WEEKLY: 1,
    Cadence.FORTNIGHTLY: 2,
    Cadence.THREE_WEEKLY: 3,
    Cadence.FOUR_WEEKLY: 4,
    Cadence.SIX_WEEKLY: 6,
    Cadence.EIGHT_WEEKLY: 8,
}
_MONTHS = {
    Cadence.MONTHLY: 1,
    Cadence.BI_MONTHLY: 2,
    Cadence.QUARTERLY: 3,
    Cadence.TERMLY: 4,  # slac reads "termly" as every four months (three terms a year)
    Cadence.SIX_MONTHLY: 6,
    Cadence.ANNUALLY: 12,
}


def plan_key(plan: Plan) -> str:
    """A short, stable digest of which plan this is: its authority, title and report date,
    with case and line breaks ignored so that re-wrapping the YAML changes nothing."""
    meta = plan.meta
    parts = (meta.authority, meta.title, meta.inspection.context.isoformat())
    text = "\n".join(" ".join(part.split()).casefold() for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def event_uid(plan: Plan, task_id: str) -> str:
    """The UID of a task's event: the same for the same plan and task, in every export."""
    return f"{task_id}.{plan_key(plan)}@slac-plan"


def recurrence_rule(cadence: Cadence, first: date) -> dict[str, object]:
    """The RRULE that gives the occurrences `cadence.step(first, n)` gives.

    A month-based cadence that starts on a month's last day stays on last days (BYMONTHDAY=-1);
    one that starts on the 29th or 30th falls back to the last day of a shorter month, which
    needs BYMONTHDAY=day,-1 with BYSETPOS=1 (some clients ignore BYSETPOS and skip those months).
    """
    weeks = _WEEKS.get(cadence)
    if weeks is not None:
        return _with_interval({"FREQ": "WEEKLY"}, weeks)
    months = _MONTHS[cadence]
    last_day = first == month_end(first.year, first.month)
    if months == 12:
        rule: dict[str, object] = {"FREQ": "YEARLY"}
        if last_day and first.month == 2:  # 29 February: the last day of February each year
            rule |= {"BYMONTH": [2], "BYMONTHDAY": [-1]}
        return rule
    rule = _with_interval({"FREQ": "MONTHLY"}, months)
    if last_day:
        rule["BYMONTHDAY"] = [-1]
    elif first.day > 28:
        rule |= {"BYMONTHDAY": [first.day, -1], "BYSETPOS": [1]}
    return rule


def _with_interval(rule: dict[str, object], interval: int) -> dict[str, object]:
    return rule | {"INTERVAL": interval} if interval > 1 else rule


@dataclass(frozen=True)
class Dated:
    """A task as the calendar shows it: its first (or only) date, and its cadence if it recurs."""

    task: Task
    start: date
    cadence: Cadence | None


def dated_tasks(
    plan: Plan, as_of: date, filters: Filters = EVERY_TASK, *, include_completed: bool = True
) -> Iterator[Dated]:
    """The tasks the calendar holds, in plan order: in the plan by `as_of`, accepted by
    `filters`, and with a due date in force on `as_of` or a recurrence."""
    context = plan.meta.inspection.context
    for task in tasks(plan):
        if not in_plan_at(task.item, as_of) or not filters.accept(task):
            continue
        if not include_completed and task.complete_at(as_of):
            continue
        recurrence = task.due.recurrence if task.due is not None else None
        if task.recurring_at(as_of) and recurrence is not None:
            first = recurrence.first or recurrence.cadence.step(context)
            yield Dated(task, first, recurrence.cadence)
            continue
        due = task.due_at(as_of)
        if due is not None:
            yield Dated(task, due, None)


def calendar_ics(
    plan: Plan,
    as_of: date,
    filters: Filters = EVERY_TASK,
    *,
    include_completed: bool = True,
    now: datetime | None = None,
) -> bytes:
    """The plan's calendar as iCalendar bytes (CRLF lines, folded and escaped by `icalendar`).

    `now` stamps every event (DTSTAMP); without it, midnight UTC at the start of `as_of`.
    A filter naming no id of the plan raises `UnknownFilter`.
    """
    check_filters(plan, filters)
    stamp = (now or datetime.combine(as_of, time(), UTC)).astimezone(UTC)
    names = {role.id: role.title for role in plan.roles}
    boards = {board.id: board.name for board in plan.boards}
    sections = {section.id: section.title for section in plan.meta.sections}
    scale = Scale(tuple(plan.meta.scale))
    context = plan.meta.inspection.context

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = _calendar_name(plan, filters, names, boards)
    calendar.add("x-wr-calname", title)
    calendar.add("name", title)
    calendar.add("x-wr-relcalid", f"{plan_key(plan)}@slac-plan")
    calendar.add(
        "x-wr-caldesc",
        f"Deadlines of {' '.join(plan.meta.title.split())} ({plan.meta.authority}), "
        f"as of {long_date(as_of)}.",
    )
    for entry in dated_tasks(plan, as_of, filters, include_completed=include_completed):
        task = entry.task
        done = task.complete_at(as_of)
        event = Event()
        event.add("uid", event_uid(plan, task.id))
        event.add("dtstamp", stamp)
        event.add("sequence", len(task.moves_at(as_of)) + int(done))
        event.add("dtstart", entry.start)
        event.add("dtend", entry.start + timedelta(days=1))
        if entry.cadence is not None:
            event.add("rrule", recurrence_rule(entry.cadence, entry.start))
        event.add("summary", _summary(task, done))
        status = assess(task, as_of, context, scale)
        state = f"{status.colour.label}: {status.word}" if status.word else status.colour.label
        lines = [
            task.text.strip(),  # as written, line breaks and all
            "",
            *_due_lines(task, entry, as_of),
            f"Status on {long_date(as_of)}: {state} ({status.reason})",
            f"Leads: {_leads(task, names)}",
        ]
        if task.accountable_to:
            accountable = "; ".join(boards.get(a, names.get(a, a)) for a in task.accountable_to)
            lines.append(f"Accountable to: {accountable}")
        if task.tracked_as is not None:
            lines.append(f"Tracked with {task.tracked_as} (the same action).")
        lines.append(f"Plan: {' '.join(plan.meta.title.split())} ({plan.meta.authority})")
        event.add("description", "\n".join(lines))
        event.add("categories", [sections.get(task.item.section, task.item.section)])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("status", "CANCELLED" if done else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _calendar_name(
    plan: Plan, filters: Filters, names: dict[str, str], boards: dict[str, str]
) -> str:
    name = f"{plan.meta.authority}: action plan deadlines"
    if filters.lead is not None:
        name += f" ({names.get(filters.lead, filters.lead)})"
    if filters.board is not None:
        board = boards.get(filters.board, names.get(filters.board, filters.board))
        name += f" (accountable to {board})"
    if filters.section is not None:
        name += f" ({filters.section})"
    return name


def _summary(task: Task, done: bool) -> str:
    text = " ".join(task.text.split())
    if len(text) > SUMMARY_LENGTH:
        cut = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] if " " in text[:SUMMARY_LENGTH] else ""
        text = (cut or text[:SUMMARY_LENGTH]).rstrip(",;:. ") + "…"
    return f"{task.id} (complete): {text}" if done else f"{task.id}: {text}"


def _due_lines(task: Task, entry: Dated, as_of: date) -> list[str]:
    lines = [f"By when: {task.by_when}"] if task.by_when else []
    if entry.cadence is not None:
        lines.append(f"Recurs {entry.cadence}, from {long_date(entry.start)}.")
    elif task.override is not None and not task.moved(as_of):
        lines.append(f"Due {long_date(entry.start)}, set by hand: {task.override.reason}")
    else:
        lines.append(f"Due {long_date(entry.start)}.")
    for move in task.moves_at(as_of):
        before = long_date(move.from_) or "no date"
        lines.append(
            f"Moved from {before} to {long_date(move.to)} on {long_date(move.date)}: {move.reason}"
        )
    return lines


def _leads(task: Task, names: dict[str, str]) -> str:
    if not task.leads:
        return "none named"
    return "; ".join(
        names.get(lead.role, lead.role) + (" (responsible)" if lead.responsible else "")
        for lead in task.leads
    )
