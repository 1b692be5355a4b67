"""The plan and the overdue list as spreadsheets, for Excel, LibreOffice and Power BI: CSV text
and XLSX bytes. Pure: statuses are judged as of a date passed in; nothing is printed or written.

The plan is one row per action and per sub-action, each exactly once, in the plan's order:
- an action with sub-actions is tracked through them (as `slac overdue` and the reports do),
  so its own row says `Tracked: no` and has no status of its own, and counting the rows
  with `Tracked: yes` counts what slac counts;
- an action kept on another (`same_as`) has its own row with that one's due, status and
  evidence, and names it under `Same as`, so each recommendation lists all its actions (as
  `slac overdue` lists both ids).

Every text cell goes through `formats.spreadsheet_safe`, so that plan text never runs as a
formula; days are numbers and dates are dates (real date cells in xlsx), so a dashboard can sum,
sort and filter them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from slac_plan.core.model import Plan, YearMonth, evidence_span
from slac_plan.core.queries import (
    Task,
    in_plan_at,
    item_deadline,
    next_due,
    overdue_entry,
    task_for,
    task_index,
)
from slac_plan.core.status import Scale, assess
from slac_plan.output.formats import (
    TASK_LIST_COLUMNS,
    TaskList,
    csv_cell,
    lead_title,
    spreadsheet_safe,
    task_list_rows,
)

if TYPE_CHECKING:  # openpyxl itself is imported only when a workbook is made
    from openpyxl.cell.cell import Cell as XlsxCell
    from openpyxl.worksheet.worksheet import Worksheet

Cell = str | int | date | YearMonth | None
"""A spreadsheet value: text, a whole number, a day, a month (evidence dated only by its
month), or nothing."""

ACTION_COLUMNS = (
    "Item id",
    "Section",
    "Item kind",
    "Item text",
    "Action id",
    "Parent action id",
    "Level",
    "Tracked",
    "Same as",
    "Action text",
    "Leads",
    "Responsible lead",
    "Accountable to",
    "By when",
    "Due",
    "Due precision",
    "Status",
    "Colour",
    "State",
    "Reason",
    "Set by hand",
    "Overdue",
    "Days overdue",
    "Completed on",
    "Last evidence date",
    "Last evidence",
    "As of",
)
"""The plan's columns. Their names never hold a date, so that a dashboard built on one export
refreshes from the next; `As of` says on which day each row was judged."""

XLSX_MAX_TEXT = 32_767
"""The most characters an Excel cell holds: longer text would make Excel "repair" the file."""


@dataclass(frozen=True)
class Sheet:
    """One tab of a workbook: its name, the name of its Excel table (what Power BI lists),
    its header and its rows."""

    title: str
    table: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


# --- the plan as rows --------------------------------------------------------------------


def action_rows(plan: Plan, as_of: date) -> list[list[Cell]]:
    """One row per action and per sub-action, in ACTION_COLUMNS' order, judged as of `as_of`."""
    return _ActionRows(plan, as_of).rows()


class _ActionRows:
    """What every row looks up, gathered once."""

    def __init__(self, plan: Plan, as_of: date) -> None:
        self.plan = plan
        self.as_of = as_of
        self.context = plan.meta.inspection.context
        self.scale = Scale(tuple(plan.meta.scale))
        self.index = task_index(plan)
        self.titles = {role.id: role.title for role in plan.roles}
        self.names = {**self.titles, **{board.id: board.name for board in plan.boards}}
        self.sections = {section.id: section.title for section in plan.meta.sections}
        self.nodes = {
            node.id: node
            for item in plan.items
            for action in item.actions
            for node in (action, *action.sub_actions)
        }

    def rows(self) -> list[list[Cell]]:
        meta = self.plan.meta
        statuses, terms = meta.status_defs(), meta.term_ends()
        out: list[list[Cell]] = []
        for item in self.plan.items:
            for action in item.actions:
                if not action.sub_actions:
                    out.append(self.row(self.index[action.id], tracked=True))
                    continue
                own = task_for(item, action, None, self.context, statuses, terms)
                out.append(self.row(own, tracked=False))
                out += [self.row(self.index[sub.id], tracked=True) for sub in action.sub_actions]
        return out

    def row(self, task: Task, *, tracked: bool) -> list[Cell]:
        as_of, item = self.as_of, task.item
        kept = self.nodes.get(task.tracked_as or "", task.node)  # where its status is recorded
        evidence = sorted(task.evidence_at(as_of), key=lambda entry: evidence_span(entry.date))
        last = evidence[-1] if evidence else None
        values: dict[str, Cell] = {
            "Item id": item.id,
            "Section": self.sections.get(item.section, item.section),
            "Item kind": self.plan.meta.kind_label(item.kind),
            "Item text": item.text,
            "Action id": task.id,
            "Parent action id": task.action.id if task.sub is not None else None,
            "Level": "sub-action" if task.sub is not None else "action",
            "Tracked": _yes(tracked),
            "Same as": task.tracked_as,
            "Action text": task.text,
            "Leads": "; ".join(self.titles.get(lead.role, lead.role) for lead in task.leads),
            "Responsible lead": lead_title(self.plan, task),
            "Accountable to": "; ".join(self.names.get(ref, ref) for ref in task.accountable_to),
            "By when": task.by_when,
            "Status": self.plan.meta.status_label(kept.status) if kept.status else None,
            "Completed on": task.completed_on(as_of),
            "Last evidence date": last.date if last else None,
            "Last evidence": last.text if last else None,
            "As of": as_of,
        }
        due = next_due(task, as_of, self.context)
        if not tracked:
            values["Reason"] = "tracked through its sub-actions"
        elif not in_plan_at(item, as_of):
            values["State"] = "Not yet in the plan"
            values["Reason"] = f"added on {item.added_on}"
        else:
            status = assess(task, as_of, self.context, self.scale)
            late = None if task.complete_at(as_of) else overdue_entry(task, as_of, self.context)
            due = late.due if late is not None else due
            open_ = not task.complete_at(as_of) and not task.held_at(as_of)
            values |= {
                "Colour": status.colour.label,
                "State": status.word or None,
                "Reason": status.reason,
                "Set by hand": _yes(status.overridden),
                "Overdue": _yes(late is not None),  # as `slac overdue` decides, whatever the colour
                "Days overdue": (as_of - due).days if open_ and due is not None else None,
            }
        values["Due"] = due
        values["Due precision"] = _precision(task, due, as_of)
        return [values.get(column) for column in ACTION_COLUMNS]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _precision(task: Task, due: date | None, as_of: date) -> str | None:
    """How finely the plan named the due shown: the wording's precision ('month' for "February
    2012") where the due is the wording's own date, else a day (set by hand, moved, or an
    occurrence of a recurring duty)."""
    if due is None:
        return None
    reading = task.due
    wording = task.override is None and not task.moved(as_of) and reading is not None
    return str(reading.precision) if wording and reading and reading.date == due else "day"


def plan_sheets(plan: Plan, as_of: date) -> list[Sheet]:
    """The actions, then the plan's registries (items, roles, boards, glossary) to join them
    to: one sheet each."""
    context, terms = plan.meta.inspection.context, plan.meta.term_ends()
    sections = {section.id: section.title for section in plan.meta.sections}
    items = [
        [
            item.id,
            sections.get(item.section, item.section),
            plan.meta.kind_label(item.kind),
            item.number,
            item.source,
            item.timescale,
            item_deadline(item, context, terms),
            item.text,
            item.added_on,
            len(item.actions),
        ]
        for item in plan.items
    ]
    roles = [[role.id, role.title, "; ".join(role.variants)] for role in plan.roles]
    boards = [
        [board.id, board.name, str(board.cadence or "") or None, "; ".join(board.variants)]
        for board in plan.boards
    ]
    glossary = [[short, meaning] for short, meaning in plan.glossary.items()]
    return [
        Sheet("Actions", "PlanActions", ACTION_COLUMNS, action_rows(plan, as_of)),
        Sheet(
            "Items",
            "PlanItems",
            (
                "Item id",
                "Section",
                "Item kind",
                "Number",
                "Source",
                "Timescale",
                "Deadline",
                "Item text",
                "Added on",
                "Actions",
            ),
            items,
        ),
        Sheet("Roles", "PlanRoles", ("Role id", "Title", "Other names"), roles),
        Sheet("Boards", "PlanBoards", ("Board id", "Name", "Cadence", "Other names"), boards),
        Sheet("Glossary", "PlanGlossary", ("Abbreviation", "Meaning"), glossary),
    ]


# --- CSV ---------------------------------------------------------------------------------


def plan_csv(plan: Plan, as_of: date) -> str:
    """The actions as CSV for Excel and Power BI (see `csv_text`)."""
    return csv_text(ACTION_COLUMNS, action_rows(plan, as_of))


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV (fields quoted only when they must be, CRLF line ends) that begins with a
    byte order mark: without one, Excel on Windows reads UTF-8 as the local code page and shows
    "é" as "Ã©". Power BI, LibreOffice and Python's `utf-8-sig` read the mark and drop it.
    Line breaks inside a cell become spaces (`csv_cell`), so every row is one line."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


# --- XLSX --------------------------------------------------------------------------------


def plan_workbook(plan: Plan, as_of: date) -> bytes:
    """The plan as an .xlsx workbook: the actions first, then a sheet per registry, and a
    sheet saying what it is."""
    about: list[tuple[str, Cell]] = [
        ("Plan", plan.meta.title),
        ("Authority", plan.meta.authority),
        ("Statuses as of", as_of),
    ]
    return workbook(plan_sheets(plan, as_of), about)


def task_list_workbook(task_list: TaskList) -> bytes:
    """`slac overdue` as an .xlsx workbook: the columns of its CSV, with dates as dates."""
    rows = task_list_rows(task_list.plan, task_list.overdue, task_list.upcoming)
    sheet = Sheet("Overdue", "Overdue", (*TASK_LIST_COLUMNS, "moved from"), rows)
    about: list[tuple[str, Cell]] = [
        ("Plan", task_list.plan.meta.title),
        ("Authority", task_list.plan.meta.authority),
        ("Overdue as of", task_list.as_of),
    ]
    return workbook([sheet], about)


_ABOUT_NOTE = (
    "Text that would begin with = + - @, a tab or a carriage return starts with an apostrophe ' "
    "so that no spreadsheet runs it as a formula."
)


def workbook(sheets: Sequence[Sheet], about: Sequence[tuple[str, Cell]]) -> bytes:
    """Each sheet as an Excel table (header frozen, filter buttons, banded rows, widths to fit),
    then an "About" sheet of label and value rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # a new workbook's one empty sheet
    for sheet in sheets:
        _table(book.create_sheet(sheet.title), sheet)
    notes = book.create_sheet("About")
    for number, (label, value) in enumerate([*about, ("Note", _ABOUT_NOTE)], start=1):
        _put(notes.cell(row=number, column=1), label).font = Font(bold=True)
        _put(notes.cell(row=number, column=2), value)
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(ws: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    bold = Font(bold=True)
    for column, name in enumerate(sheet.header, start=1):
        _put(ws.cell(row=1, column=column), name).font = bold
    for number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(ws.cell(row=number, column=column), value)
    ws.freeze_panes = "A2"
    ref = f"A1:{get_column_letter(len(sheet.header))}{len(sheet.rows) + 1}"
    if sheet.rows:
        table = Table(displayName=sheet.table, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)
    else:  # Excel repairs a table with no rows: filter buttons alone
        ws.auto_filter.ref = ref
    for column, name in enumerate(sheet.header, start=1):
        longest = max([len(name) + 3, *(_width(row[column - 1]) for row in sheet.rows)])
        ws.column_dimensions[get_column_letter(column)].width = min(max(longest, 8), 60)


def _width(value: Cell) -> int:
    if isinstance(value, date | YearMonth):
        return 11
    return len(str(value)) + 1 if value is not None else 0


def _put(cell: XlsxCell, value: Cell) -> XlsxCell:
    """`value` into `cell`: text always as a string cell (never a formula, whatever it starts
    with), days and months as dates, numbers as numbers."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value == "":
        cell.value = None  # an empty cell, not an empty string: blank to a filter and Power BI
    elif isinstance(value, str):
        text = spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", value))
        if len(text) > XLSX_MAX_TEXT:
            text = text[: XLSX_MAX_TEXT - 1] + "…"
        cell.value = text
        cell.data_type = "s"
    elif isinstance(value, YearMonth):
        cell.value = value.first
        cell.number_format = "mmm yyyy"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    return cell
