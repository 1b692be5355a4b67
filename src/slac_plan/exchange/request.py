"""`slac request`: one workbook per lead, listing what they owe progress on this month, with
columns to fill in and every other cell locked; `slac collect` reads the returns back.

"Open" is as of the month's end, as the monthly update reports it: a request for February
lists what was open on 29 February whenever it is made, so making it again gives the same
rows, and a request made early in March does not leave out what was completed in March
(those rows are still February's to report).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from slac_plan.core.model import Evidence, Plan, Role, YearMonth, evidence_span
from slac_plan.core.periods import long_date
from slac_plan.core.queries import (
    Task,
    in_plan_at,
    moved_note,
    next_due,
    overdue_entry,
    task_index,
)
from slac_plan.core.status import Scale, assess
from slac_plan.exchange.layout import (
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    FORMAT_VERSION,
    HEADER_ROW,
    LOCKED,
    META_KEYS,
    META_SHEET,
    RECORD_COLUMN,
    STATUS_LIST_COLUMN,
    fingerprint,
    header_text,
    plan_key,
    plan_name,
    printable,
    sheet_name,
    status_choices,
)
from slac_plan.files.safewrite import replace_file

MAX_EVIDENCE_SHOWN = 1500
"""The latest evidence is shown for context; a long entry is cut, not the lead's job to read."""


class RequestRefused(Exception):
    """The workbooks were not written; the message says why."""


@dataclass(frozen=True)
class RequestRow:
    """One action in a lead's workbook: its id and the locked cells' texts, by column key."""

    task_id: str
    cells: dict[str, str]


@dataclass(frozen=True)
class LeadRequest:
    """What one lead is asked about for a month."""

    lead: Role
    month: YearMonth
    rows: tuple[RequestRow, ...]

    @property
    def file_name(self) -> str:
        return f"{self.month}-{self.lead.id}.xlsx"


@dataclass(frozen=True)
class Requests:
    requests: list[LeadRequest]
    nothing_open: list[str]
    """Leads asked for who have no open action that month (no workbook is made for them)."""
    without_lead: list[str]
    """Open actions no lead answers for: in nobody's workbook."""


def lead_requests(plan: Plan, month: YearMonth, leads: list[str] | None) -> Requests:
    """What each lead (every lead when `leads` is None) is asked about: the actions and
    sub-actions open at the month's end that they lead. An action that is the `same_as`
    another is asked about as that other, which keeps its records."""
    end = month.last
    index = task_index(plan)
    context = plan.meta.inspection.context
    also: dict[str, list[str]] = {}
    by_lead: dict[str, dict[str, Task]] = {}
    open_records: dict[str, None] = {}
    for task in index.values():
        record = index.get(task.tracked_as or task.id)
        if record is None or not in_plan_at(record.item, end) or record.complete_at(end):
            continue
        open_records[record.id] = None
        if task.tracked_as:
            also.setdefault(record.id, []).append(task.id)
        for lead in task.leads:
            if lead.leads_between(month.first, end):
                by_lead.setdefault(lead.role, {})[record.id] = record
    asked_of = {ident for owed in by_lead.values() for ident in owed}
    without_lead = [ident for ident in open_records if ident not in asked_of]
    order = {ident: n for n, ident in enumerate(index)}
    roles = {role.id: role for role in plan.roles}
    wanted = leads if leads is not None else [role.id for role in plan.roles]
    unknown = [role_id for role_id in wanted if role_id not in roles]
    if unknown:
        raise RequestRefused(f"no role '{unknown[0]}' in the plan's roles.yaml")
    requests = []
    for role_id in wanted:
        owed = sorted(by_lead.get(role_id, {}).values(), key=lambda task: order[task.id])
        if owed:
            # due and status as the month's update states them: at its close, the day after
            close = end + timedelta(days=1)
            rows = tuple(_row(plan, task, close, context, also.get(task.id, [])) for task in owed)
            requests.append(LeadRequest(roles[role_id], month, rows))
    nothing = [role_id for role_id in wanted if not by_lead.get(role_id)]
    return Requests(requests, nothing if leads is not None else [], without_lead)


def _row(plan: Plan, task: Task, as_of: date, context: date, also: list[str]) -> RequestRow:
    """A row as the month's update sees the action `as_of` its close."""
    action = task.text
    if also:
        action += f"\n(The same work as {', '.join(also)}: progress is recorded here.)"
    late = overdue_entry(task, as_of, context)
    if late is not None:
        due = f"{long_date(late.due)}, overdue{moved_note(task, as_of)}"
    else:
        upcoming = next_due(task, as_of, context)
        due = f"{long_date(upcoming)}{moved_note(task, as_of)}" if upcoming else "no date"
    # What the board sees, in words; the status the plan records beside it
    shown = assess(task, as_of, context, Scale(tuple(plan.meta.scale)))
    board = f"{shown.colour.label}: {shown.word}" if shown.word else shown.colour.label
    recorded = plan.meta.status_label(task.node.status) if task.node.status else ""
    status = f"{recorded} ({board})" if recorded else board
    cells = {
        "id": task.id,
        "action": action,
        "by_when": task.by_when or "",
        "due": due,
        "status": status,
        "evidence": _latest(task.evidence_at(as_of)),
    }
    return RequestRow(task.id, {key: printable(text) for key, text in cells.items()})


def _latest(entries: tuple[Evidence, ...]) -> str:
    if not entries:
        return ""
    latest = entries[0]
    for entry in entries[1:]:
        if evidence_span(entry.date)[1] >= evidence_span(latest.date)[1]:
            latest = entry
    when = long_date(latest.date) if isinstance(latest.date, date) else f"{latest.date.first:%B %Y}"
    text = f"{when}: {latest.text}"
    return text if len(text) <= MAX_EVIDENCE_SHOWN else text[: MAX_EVIDENCE_SHOWN - 1] + "…"


@dataclass(frozen=True)
class Written:
    path: Path
    request: LeadRequest


def write_requests(
    plan: Plan, month: YearMonth, leads: list[str] | None, folder: Path, *, made_by: str
) -> tuple[list[Written], Requests]:
    """Write each lead's workbook into `folder` (made if missing). A workbook already there
    may be a lead's return: nothing is written if any would be overwritten."""
    asked = lead_requests(plan, month, leads)
    targets = [(folder / request.file_name, request) for request in asked.requests]
    existing = [path for path, _ in targets if path.exists() or path.is_symlink()]
    if existing:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise RequestRefused(
            f"{existing[0]}{more} already exists (it may be a lead's return): move it away "
            "or write into another folder; nothing was written"
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, request in targets:
        replace_file(path, workbook_bytes(plan, request, made_by=made_by), None)
        written.append(Written(path, request))
    return written, asked


# --- the workbook ---------------------------------------------------------------------------

_HEADER_FILL = "1F4E79"
_LOCKED_FILL = "F2F2F2"
_INPUT_FILL = "FFF2CC"
_EDGE = "BFBFBF"
_LINE_HEIGHT = 15.0
"""Points per line of 11-point Calibri, Excel's default."""


def instructions(request: LeadRequest, choices: list[str]) -> str:
    end = long_date(request.month.last)
    return (
        f"These are the actions you lead that were open on {end}. For each one you have news "
        "of, fill in the yellow columns; leave a row empty if there is nothing to report. "
        "Progress this month: what was done, in words a board can read. Date of progress: "
        "the day it was done, e.g. 15/02/2012. Proposed status: choose from the list "
        f"({', '.join(choices)}) if it has changed; to complete an action, say in Progress "
        "what was done. Proposed new due date: only if the action cannot be done by its due "
        "date, always with the reason. The grey columns come from the plan and cannot be "
        "changed here: if something in them is wrong, say so in Progress this month. Save the "
        "workbook as it is (Excel .xlsx, same name) and send it back."
    )


def workbook_bytes(plan: Plan, request: LeadRequest, *, made_by: str) -> bytes:
    """The lead's workbook as .xlsx bytes: instructions, the locked rows, the input columns
    (text, dates, and a drop-down of the plan's own statuses) unlocked, and the hidden sheet
    collect needs."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.protection import WorkbookProtection

    choices = list(status_choices(plan))
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(request.month)
    width = len(COLUMNS)
    edge = Side(style="thin", color=_EDGE)
    border = Border(left=edge, right=edge, top=edge, bottom=edge)
    wrap = Alignment(wrap_text=True, vertical="top")

    heading = f"Progress update for {sheet.title}: {request.lead.title}"
    lines = [
        (heading, Font(bold=True, size=14)),
        (plan_name(plan.meta.authority, plan.meta.title), Font(italic=True)),
        (instructions(request, choices), Font()),
    ]
    total_width = sum(column.width for column in COLUMNS)
    for row, (text, font) in enumerate(lines, start=1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = sheet.cell(row, 1)
        _put_text(cell, text)
        cell.font = font
        cell.alignment = wrap
        size = font.size or 11
        sheet.row_dimensions[row].height = (
            _lines(text, total_width * 11 / size) * _LINE_HEIGHT * size / 11 + 4
        )

    for number, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(HEADER_ROW, number)
        cell.value = header_text(column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = border
    header_lines = max(_lines(header_text(column), column.width) for column in COLUMNS)
    sheet.row_dimensions[HEADER_ROW].height = max(header_lines, 2) * _LINE_HEIGHT + 6

    last = FIRST_ROW + len(request.rows) - 1
    for row, entry in enumerate(request.rows, start=FIRST_ROW):
        height = 1
        for number, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row, number)
            cell.border = border
            cell.alignment = wrap
            if column.locked:
                text = entry.cells[column.key]
                _put_text(cell, text)
                cell.number_format = "@"
                cell.fill = PatternFill("solid", fgColor=_LOCKED_FILL)
                height = max(height, _lines(text, column.width))
            else:
                cell.protection = Protection(locked=False)
                cell.fill = PatternFill("solid", fgColor=_INPUT_FILL)
                cell.number_format = "dd/mm/yyyy" if column.kind == "date" else "@"
        sheet.row_dimensions[row].height = min(max(height, 2), 20) * _LINE_HEIGHT + 4
    _validations(sheet, plan, choices, last)

    sheet.freeze_panes = sheet.cell(FIRST_ROW, 2)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column or a row is allowed
    sheet.protection.formatRows = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    _hidden_sheet(book, plan, request, choices, made_by)
    book.security = WorkbookProtection(lockStructure=True)
    book.properties.creator = "slac"
    book.properties.title = heading
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _validations(sheet: Any, plan: Plan, choices: list[str], last: int) -> None:
    """The drop-down of the plan's statuses, and dates checked as dates as they are typed."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    earliest = plan.meta.inspection.context
    serial = (earliest - date(1899, 12, 30)).days
    for number, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(number)
        if column.kind == "status":
            where = get_column_letter(STATUS_LIST_COLUMN)
            rows = f"${where}$2:${where}${1 + len(choices)}"
            check = DataValidation(
                type="list",
                formula1=f"'{META_SHEET}'!{rows}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not one of the plan's statuses",
                error="Choose a status from the list, or leave the cell empty.",
                showInputMessage=True,
                promptTitle="Proposed status",
                prompt="Only if it has changed: choose from the list.",
            )
        elif column.kind == "date":
            check = DataValidation(
                type="date",
                operator="greaterThanOrEqual",
                formula1=str(serial),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Not a date",
                error=f"Type a date on or after {long_date(earliest)}, e.g. 15/02/2012.",
                showInputMessage=True,
                promptTitle=column.header,
                prompt="A date, e.g. 15/02/2012.",
            )
        else:
            continue
        check.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        sheet.add_data_validation(check)


def _hidden_sheet(
    book: Any, plan: Plan, request: LeadRequest, choices: list[str], made_by: str
) -> None:
    """What collect checks a return against: which plan, month and lead, the statuses, and
    a fingerprint of each row's locked cells."""
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    values = {
        "format": FORMAT,
        "version": str(FORMAT_VERSION),
        "made by": f"slac {made_by}",
        "plan": plan_key(plan),
        "authority": plan.meta.authority,
        "title": plan.meta.title,
        "month": str(request.month),
        "lead": request.lead.id,
        "lead title": request.lead.title,
        "sheet": sheet_name(request.month),
    }
    for row, key in enumerate(META_KEYS, start=1):
        _put_text(meta.cell(row, 1), key)
        _put_text(meta.cell(row, 2), values[key])
    meta.cell(1, STATUS_LIST_COLUMN).value = "statuses"
    for row, label in enumerate(choices, start=2):
        _put_text(meta.cell(row, STATUS_LIST_COLUMN), label)
    header = ["row", *(column.key for column in LOCKED)]
    for offset, name in enumerate(header):
        meta.cell(1, RECORD_COLUMN + offset).value = name
    for row, entry in enumerate(request.rows, start=FIRST_ROW):
        at = row - FIRST_ROW + 2
        meta.cell(at, RECORD_COLUMN).value = row
        _put_text(meta.cell(at, RECORD_COLUMN + 1), entry.task_id)
        for offset, column in enumerate(LOCKED[1:], start=2):
            meta.cell(at, RECORD_COLUMN + offset).value = fingerprint(entry.cells[column.key])
    meta.protection.sheet = True


def _put_text(cell: Any, text: str) -> None:
    """Text as text: a plan's wording that starts with '=' is never a formula in someone's
    spreadsheet."""
    if not text:
        return
    cell.value = printable(text)
    cell.data_type = "s"


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (roughly)."""
    per_line = max(int(width * 1.15), 8)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
