"""The update workbook's layout, shared by `slac request` (which writes it) and `slac collect`
(which reads it back): one place says which column holds what, so the two cannot drift.

A workbook carries a very hidden sheet (`META_SHEET`) saying which plan, month and lead it
was made for, the plan's statuses (the drop-down's list), and a fingerprint of every cell the
lead must not change, row by row: collect compares the visible cells with it, so a locked cell
changed after the sheet was unprotected is found, and the row refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from slac_plan.core.model import Plan, YearMonth
from slac_plan.core.queries import task_index

FORMAT = "slac-update-request"
FORMAT_VERSION = 1
"""Bumped when the layout changes; collect refuses a workbook from a newer slac."""

META_SHEET = "slac"
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    locked: bool
    kind: str = "text"
    """text, date or status: how an input column is checked in Excel and read back."""


COLUMNS = (
    Column("id", "ID", 12, locked=True),
    Column("action", "Action", 55, locked=True),
    Column("by_when", "By when (as the plan words it)", 24, locked=True),
    Column("due", "Due", 18, locked=True),
    Column("status", "Status now", 14, locked=True),
    Column("evidence", "Latest evidence", 45, locked=True),
    Column("progress", "Progress this month", 55, locked=False),
    Column("date", "Date of progress", 14, locked=False, kind="date"),
    Column("proposed_status", "Proposed status", 18, locked=False, kind="status"),
    Column("new_due", "Proposed new due date", 15, locked=False, kind="date"),
    Column("reason", "Reason for the new due date", 35, locked=False),
)
LOCKED = tuple(column for column in COLUMNS if column.locked)
INPUTS = tuple(column for column in COLUMNS if not column.locked)
BY_KEY = {column.key: column for column in COLUMNS}


def header_text(column: Column) -> str:
    """A header as written: an input column says so, for a reader who cannot tell colours."""
    return column.header + ("" if column.locked else "\n(you fill in)")


def column_number(key: str) -> int:
    """The 1-based column of the field `key`."""
    return next(n for n, column in enumerate(COLUMNS, start=1) if column.key == key)


META_KEYS = (
    "format",
    "version",
    "made by",
    "plan",
    "authority",
    "title",
    "month",
    "lead",
    "lead title",
    "sheet",
)
"""The hidden sheet's first rows: one key and its value a row, in columns A and B."""

STATUS_LIST_COLUMN = 4
"""The hidden sheet's column holding the drop-down's statuses (D2 down)."""
RECORD_COLUMN = 6
"""The hidden sheet's first column of row records (F): row, id, one fingerprint a locked
column after the id."""


def fingerprint(text: str) -> str:
    """A short digest of a cell's text, blind to how spaces and line breaks were re-flowed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def plan_key(plan: Plan) -> str:
    """What names a plan across months: its authority and title (evidence added since the
    request does not make it another plan)."""
    words = " ".join(plan.meta.authority.split()) + "\n" + " ".join(plan.meta.title.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def plan_name(authority: str, title: str) -> str:
    return " ".join(f"{authority}: {title}".split())


def sheet_name(month: YearMonth) -> str:
    """The data sheet's name: the month, as a reader says it ("February 2012")."""
    return f"{month.first:%B %Y}"


def parse_month(text: str) -> YearMonth:
    """'2012-02' -> February 2012; ValueError naming the form to write."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"'{text}' is not a month; write it as YYYY-MM, e.g. 2012-02")
    return YearMonth(int(match[1]), int(match[2]))


def status_choices(plan: Plan) -> dict[str, str]:
    """The plan's own statuses as the drop-down shows them, each to its id. A label two
    statuses share is shown with its id, so that every choice reads back to one status."""
    labels = [entry.label for entry in plan.meta.statuses]
    return {
        (entry.label if labels.count(entry.label) == 1 else f"{entry.label} ({entry.id})"): entry.id
        for entry in plan.meta.statuses
    }


def record_leads(plan: Plan) -> dict[str, list[str]]:
    """Who answers for each action that keeps its own records, by its id: its own leads, and
    the leads of every action that is the `same_as` it (those record their progress there)."""
    leads: dict[str, list[str]] = {}
    for task in task_index(plan).values():
        roles = leads.setdefault(task.tracked_as or task.id, [])
        roles += [lead.role for lead in task.leads if lead.role not in roles]
    return leads


_NOT_IN_A_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def printable(text: str) -> str:
    """`text` without the control characters a workbook cannot hold."""
    return _NOT_IN_A_WORKBOOK.sub("", text)


def cell_text(value: object) -> str:
    """A cell's value as the text a reader sees (a typed date as YYYY-MM-DD), trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\r\n?", "\n", str(value)).strip()
