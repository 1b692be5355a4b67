"""Machine and plain-text renderings of results: one function per `--format`. Pure strings.

The rich terminal table lives in display.py; everything here is also what a pipe, a CI log
or another program reads, so it never depends on the terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from slac_plan.core.wording import one_line

if TYPE_CHECKING:
    from slac_plan.checks.smart import Scorecard
    from slac_plan.core.dates import Due
    from slac_plan.core.model import Plan
    from slac_plan.core.problems import Problem
    from slac_plan.core.queries import Overdue, Task, Upcoming
    from slac_plan.output.show import Shown


def shown_path(path: Path, cwd: Path) -> str:
    """A path as the user would type it: relative to the cwd when below it."""
    if path.is_absolute() and path.is_relative_to(cwd):
        return os.path.relpath(path, cwd)
    return str(path)


# --- problems ---------------------------------------------------------------------------


def problems_text(problems: Sequence[Problem], cwd: Path) -> str:
    lines = []
    for p in problems:
        where = shown_path(p.path, cwd) + (f":{p.line}:{p.col}" if p.line > 0 else "")
        hint = f" ({one_line(p.hint)})" if p.hint else ""
        lines.append(f"{where}: {p.severity} {p.code} {one_line(p.message)}{hint}")
    return "".join(line + "\n" for line in lines)


def problems_json(problems: Sequence[Problem], cwd: Path) -> str:
    rows = [
        {
            "path": shown_path(p.path, cwd),
            "line": p.line or None,
            "column": p.col or None,
            "severity": str(p.severity),
            "code": p.code,
            "message": p.message,
            "hint": p.hint,
        }
        for p in problems
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def problems_github(problems: Sequence[Problem], cwd: Path) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on the file."""
    lines = []
    for p in problems:
        props = [f"file={_gh_property(shown_path(p.path, cwd))}"]
        if p.line > 0:
            props += [f"line={p.line}", f"col={p.col}"]
        props.append(f"title={_gh_property(p.code)}")
        message = p.message + (f" ({p.hint})" if p.hint else "")
        lines.append(f"::{p.severity} {','.join(props)}::{_gh_data(message)}")
    return "".join(line + "\n" for line in lines)


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class ProblemReport:
    """What a problem renderer may need: the problems, the files looked at, where paths are
    shown from, and slac's version (SARIF names its tool)."""

    problems: Sequence[Problem]
    files: Sequence[Path]
    cwd: Path
    version: str
    strict: bool = False
    """Warnings fail too (`slac lint --strict`): JUnit then counts them as failures."""


def _sarif(report: ProblemReport) -> str:
    from slac_plan.output.ci_formats import problems_sarif

    return problems_sarif(report.problems, report.cwd, report.version)


def _junit(report: ProblemReport) -> str:
    from slac_plan.output.ci_formats import problems_junit

    return problems_junit(report.problems, report.cwd, report.files, strict=report.strict)


PROBLEM_FORMATS: dict[str, Callable[[ProblemReport], str]] = {
    "text": lambda r: problems_text(r.problems, r.cwd),
    "json": lambda r: problems_json(r.problems, r.cwd),
    "github": lambda r: problems_github(r.problems, r.cwd),
    "sarif": _sarif,
    "junit": _junit,
}
"""Problems (from validate and lint), by format name: a new format is added here."""


# --- overdue ----------------------------------------------------------------------------

OVERDUE_COLUMNS = ("id", "action", "responsible lead", "by when", "due", "days overdue")


def shorten(text: str, width: int) -> str:
    """One line, at most `width` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"


def lead_title(plan: Plan, task: Task) -> str:
    """The responsible lead's title; says so when there is no lead or none is marked."""
    if not task.leads:
        return "(no lead)"
    return role_title(plan, task.responsible)


def role_title(plan: Plan, role: str | None) -> str:
    if role is None:
        return "(none marked)"
    titles = {r.id: r.title for r in plan.roles}
    return titles.get(role, role)


def task_rows(
    plan: Plan, entries: Sequence[Overdue | Upcoming], width: int = 60
) -> list[list[str]]:
    """One row per task: id, action, responsible lead, wording, due date, days."""
    return [
        [
            e.task.id,
            shorten(e.task.text, width),
            lead_title(plan, e.task),
            shorten(e.task.by_when or "", 40),
            e.due.isoformat() + (f" (moved from {e.moved_from})" if e.moved_from else ""),
            str(e.days),
        ]
        for e in entries
    ]


def plain_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns aligned with spaces: readable in a pipe, a log or an email."""
    rows = [[one_line(str(cell)) for cell in row] for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=False)]
    lines = []
    for row in (header, *rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return "".join(line + "\n" for line in lines)


def overdue_text(
    plan: Plan, as_of: date, entries: Sequence[Overdue], upcoming: Sequence[Upcoming] | None
) -> str:
    out = f"Overdue as of {as_of.isoformat()}: {count_actions(len(entries))}\n"
    if entries:
        out += "\n" + plain_table(OVERDUE_COLUMNS, task_rows(plan, entries))
    if upcoming is not None:
        out += f"\nDue in the coming days: {count_actions(len(upcoming))}\n"
        if upcoming:
            header = (*OVERDUE_COLUMNS[:-1], "days left")
            out += "\n" + plain_table(header, task_rows(plan, upcoming))
    return out


def count_actions(n: int) -> str:
    return f"{n} action" + ("" if n == 1 else "s")


def _task_json(plan: Plan, e: Overdue | Upcoming) -> dict[str, Any]:
    task = e.task
    return {
        "id": task.id,
        "item": task.item.id,
        "section": task.item.section,
        "action": task.text,
        "responsible_lead": (
            {"id": task.responsible, "title": role_title(plan, task.responsible)}
            if task.responsible
            else None
        ),
        "leads": [lead.role for lead in task.leads],
        "by_when": task.by_when,
        "due": e.due.isoformat(),
        "moved_from": e.moved_from.isoformat() if e.moved_from else None,
        "accountable_to": list(task.accountable_to),
    }


def overdue_json(
    plan: Plan, as_of: date, entries: Sequence[Overdue], upcoming: Sequence[Upcoming] | None
) -> str:
    data: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "overdue": [
            {**_task_json(plan, e), "days_overdue": e.days, "reason": e.reason} for e in entries
        ],
    }
    if upcoming is not None:
        data["due_soon"] = [{**_task_json(plan, e), "days_left": e.days} for e in upcoming]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


TASK_LIST_COLUMNS = ("status", "id", "action", "responsible lead", "by when", "due", "days")
"""The columns of a task list as a spreadsheet (csv and xlsx), before "moved from"."""


def task_list_rows(
    plan: Plan, entries: Sequence[Overdue], upcoming: Sequence[Upcoming] | None
) -> list[list[str | int | date | None]]:
    """The overdue then the due soon, one row each, with dates and days as values (each
    spreadsheet writes them its own way)."""
    labelled: list[tuple[str, Overdue | Upcoming]] = [("overdue", e) for e in entries]
    labelled += [("due soon", u) for u in upcoming or ()]
    return [
        [
            label,
            e.task.id,
            " ".join(e.task.text.split()),
            lead_title(plan, e.task),
            e.task.by_when or "",
            e.due,
            e.days,
            e.moved_from,
        ]
        for label, e in labelled
    ]


def overdue_csv(
    plan: Plan, as_of: date, entries: Sequence[Overdue], upcoming: Sequence[Upcoming] | None
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*TASK_LIST_COLUMNS, "moved from"])
    for row in task_list_rows(plan, entries, upcoming):
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A text cell Excel and LibreOffice will not run as a formula: one starting with = + - @,
    a tab or a carriage return gets a leading apostrophe (the spreadsheets' own mark for
    "this is text"), as OWASP advises for CSV injection.

    Every spreadsheet slac writes (csv and xlsx) passes each text cell through here. The
    apostrophe is kept in the text itself, in xlsx too, so that a sheet saved again as CSV
    from Excel stays inert; numbers and dates are written as numbers and dates, never as
    text, so a negative number is not mistaken for a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_cell(value: object) -> str:
    """A value as a CSV field: text on one line (a quoted line break splits a row in Power
    BI's default import) and made safe; dates as YYYY-MM-DD; numbers as written."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_safe(one_line(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return spreadsheet_safe(one_line(str(value)))  # a month (YearMonth) and the like


def overdue_markdown(
    plan: Plan, as_of: date, entries: Sequence[Overdue], templates: Path | None = None
) -> str:
    """The overdue list through the `overdue.md.j2` template (a council may override it)."""
    from slac_plan.reports.render import render

    rows = [
        {
            "id": e.task.id,
            "action": e.task.text,
            "lead": lead_title(plan, e.task),
            "by_when": e.task.by_when or "",
            "due": e.due.isoformat() + (f" (moved from {e.moved_from})" if e.moved_from else ""),
            "days": e.days,
        }
        for e in entries
    ]
    return render("overdue.md.j2", {"as_of": as_of.isoformat(), "rows": rows}, templates)


@dataclass(frozen=True)
class TaskList:
    """What a task-list renderer may need (`slac overdue`)."""

    plan: Plan
    as_of: date
    overdue: Sequence[Overdue]
    upcoming: Sequence[Upcoming] | None
    templates: Path | None = None


TASK_LIST_FORMATS: dict[str, Callable[[TaskList], str]] = {
    "table": lambda t: overdue_text(t.plan, t.as_of, t.overdue, t.upcoming),
    "json": lambda t: overdue_json(t.plan, t.as_of, t.overdue, t.upcoming),
    "csv": lambda t: overdue_csv(t.plan, t.as_of, t.overdue, t.upcoming),
    "markdown": lambda t: overdue_markdown(t.plan, t.as_of, t.overdue, t.templates),
}
"""Task lists by format name (`table` is drawn for the width of a terminal, when there is
one): a new format is added here."""


def _overdue_xlsx(task_list: TaskList) -> bytes:
    from slac_plan.output.spreadsheets import task_list_workbook

    return task_list_workbook(task_list)


TASK_LIST_FILES: dict[str, Callable[[TaskList], bytes]] = {"xlsx": _overdue_xlsx}
"""Task lists that are binary files, by format name: never written to a terminal."""


@dataclass(frozen=True)
class PlanExport:
    """What an export may need: the plan, and the day statuses are judged by (csv, xlsx)."""

    plan: Plan
    as_of: date


def _export_json(export: PlanExport, stream: BinaryIO) -> None:
    """The whole plan as one JSON document, streamed (never held as one string as well)."""
    from slac_plan.output.export import export_plan

    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        json.dump(export_plan(export.plan), text, indent=2, ensure_ascii=False)
        text.write("\n")
        text.flush()
    finally:
        text.detach()  # the stream is the caller's: leave it open


def _export_csv(export: PlanExport, stream: BinaryIO) -> None:
    from slac_plan.output.spreadsheets import plan_csv

    stream.write(plan_csv(export.plan, export.as_of).encode("utf-8"))


def _export_xlsx(export: PlanExport, stream: BinaryIO) -> None:
    from slac_plan.output.spreadsheets import plan_workbook

    stream.write(plan_workbook(export.plan, export.as_of))


EXPORT_FORMATS: dict[str, Callable[[PlanExport, BinaryIO], None]] = {
    "json": _export_json,
    "csv": _export_csv,
    "xlsx": _export_xlsx,
}
"""Exports of the whole plan by format name, each written to a byte stream (a file's bytes
are the same on every system: CSV keeps its CRLF line ends on Windows too)."""

BINARY_FORMATS = frozenset({"xlsx"})
"""Exports that are not text: written only to a file, never to a terminal."""


# --- a single wording ---------------------------------------------------------------------


def due_text(due: Due, context: date) -> str:
    rows = [("Wording", due.wording), ("Kind", str(due.kind))]
    if due.date is not None:
        rows.append(("Due", f"{due.date.isoformat()} ({due.date:%A %d %B %Y})"))
        if due.precision != "day":  # 'by 2008': the year's last day, named only as a year
            rows.append(("Precision", f"{due.precision}: the last day of the {due.precision}"))
    if due.start is not None:
        rows.append(("Starts", due.start.isoformat()))
    if due.kind == "window" and due.start is not None and due.date is not None:
        rows.append(("Window", f"{due.start.isoformat()} to {due.date.isoformat()}"))
    if due.recurrence is not None:
        first = due.recurrence.first.isoformat() if due.recurrence.first else "not stated"
        rows.append(("Recurs", f"{due.recurrence.cadence} ({due.recurrence.text})"))
        rows.append(("First occurrence", first))
    for mention in due.mentions:
        span = (
            mention.end.isoformat()
            if mention.start == mention.end
            else f"{mention.start.isoformat()} to {mention.end.isoformat()}"
        )
        rows.append(("Found", f"'{mention.text}' = {span} ({mention.role})"))
    rows.extend(("Not read", note) for note in due.unread)
    rows.append(("Context date", context.isoformat()))
    width = max(len(label) for label, _ in rows)
    return "".join(f"{label + ':':<{width + 1}} {value}\n" for label, value in rows)


def due_json(due: Due, context: date) -> str:
    return json.dumps({**due.to_dict(), "context_date": context.isoformat()}, indent=2) + "\n"


# --- one action (slac show) ---------------------------------------------------------------


def show_text(shown: Shown) -> str:
    """Labelled lines, statuses in words."""
    from slac_plan.core.periods import long_date

    rows: list[tuple[str, str]] = [
        ("Action", shown.id),
        ("Of", shown.item),
        ("Text", shown.text),
    ]
    rows += [("Note", note) for note in shown.notes]
    if shown.tracked_as:
        rows.append(("Kept on", f"{shown.tracked_as} (its due, status and evidence are shown)"))
    rows += [("Lead", lead) for lead in shown.leads] or [("Lead", "none")]
    if shown.accountable_to:
        rows.append(("Accountable to", ", ".join(shown.accountable_to)))
    rows.append(("By when", shown.by_when or "(none)"))
    if shown.reading is not None:
        read = str(shown.reading.kind)
        if shown.reading.date is not None:
            read += f", {long_date(shown.reading.date)}"
        rows.append(("Read as", read))
    rows.append(("Due", long_date(shown.due) or "no due date"))
    rows += [("Moved", move) for move in shown.moves]
    colour, word = shown.status.colour.label, shown.status.word
    status = f"{colour}: {word}" if word else colour
    status += f" ({shown.status.reason})"
    if shown.status.overridden:
        status += ", set by hand"
    rows.append((f"Status as of {long_date(shown.as_of)}", status))
    rows += [("Evidence", f"{e.date}: {e.text}") for e in shown.evidence] or [("Evidence", "none")]
    rows += [("Lint", finding) for finding in shown.findings] or [("Lint", "nothing to report")]
    width = max(len(label) for label, _ in rows)
    return "".join(f"{label + ':':<{width + 1}} {one_line(value)}\n" for label, value in rows)


def show_json(shown: Shown) -> str:
    data = {
        "id": shown.id,
        "item": shown.item,
        "text": shown.text,
        "notes": shown.notes,
        "tracked_as": shown.tracked_as,
        "leads": shown.leads,
        "accountable_to": shown.accountable_to,
        "by_when": shown.by_when,
        "reading": shown.reading.to_dict() if shown.reading is not None else None,
        "due": shown.due.isoformat() if shown.due else None,
        "moves": shown.moves,
        "as_of": shown.as_of.isoformat(),
        "status": {
            "code": shown.status.code,
            "state": str(shown.status.state),
            "word": shown.status.word,
            "reason": shown.status.reason,
            "set_by_hand": shown.status.overridden,
        },
        "evidence": [{"date": str(e.date), "text": e.text} for e in shown.evidence],
        "lint": shown.findings,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- the SMART scorecard --------------------------------------------------------------------


def scorecard_text(card: Scorecard) -> str:
    """One row per action with S M A R T as pass/FAIL (words, not colours), then the shares."""
    from slac_plan.checks.smart import LETTERS

    header = ("id", *LETTERS, "why not")
    rows = []
    for row in card.rows:
        marks = ["pass" if not row.reasons[letter] else "FAIL" for letter in LETTERS]
        why = "; ".join(reason for letter in LETTERS for reason in row.reasons[letter])
        rows.append([row.task.id, *marks, shorten(why, 90)])
    out = plain_table(header, rows)
    share = card.overall
    out += f"\nFully SMART: {share.smart} of {share.total} actions ({share.percent:.0f}%)\n"
    for _, title, section in card.sections:
        out += f"  {title}: {section.smart} of {section.total} ({section.percent:.0f}%)\n"
    return out


# --- registries of the smaller results -----------------------------------------------------

DUE_FORMATS: dict[str, Callable[[Due, date], str]] = {"text": due_text, "json": due_json}
"""`slac due`'s reading of a wording, by format name."""

SHOW_FORMATS: dict[str, Callable[[Shown], str]] = {"text": show_text, "json": show_json}
"""`slac show`'s view of one action, by format name."""


def _scorecard_json(card: Scorecard) -> str:
    return json.dumps(card.to_dict(), indent=2, ensure_ascii=False) + "\n"


SCORECARD_FORMATS: dict[str, Callable[[Scorecard], str]] = {
    "text": scorecard_text,
    "json": _scorecard_json,
}
"""`slac smart`'s scorecard, by format name."""
