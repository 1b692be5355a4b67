"""The terminal view: rich tables when a person is watching. The only module that imports rich.

Status is never shown by colour alone: every row carries its words and numbers, and colour is
dropped under NO_COLOR or when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TextIO

from rich.console import Console
from rich.table import Table

from slac_plan.formats import OVERDUE_COLUMNS, count_actions, task_rows
from slac_plan.model import Plan
from slac_plan.queries import Overdue, Upcoming


def overdue_table(
    stream: TextIO,
    plan: Plan,
    as_of: date,
    entries: Sequence[Overdue],
    upcoming: Sequence[Upcoming] | None,
) -> None:
    """Draw the overdue list (and what is coming up) as tables on a terminal."""
    console = Console(file=stream, highlight=False)
    console.print(f"[bold]Overdue as of {as_of.isoformat()}[/bold]: {count_actions(len(entries))}")
    if entries:
        console.print(_table(OVERDUE_COLUMNS, task_rows(plan, entries, width=70), "red"))
    if upcoming is not None:
        console.print(f"\n[bold]Due in the coming days[/bold]: {count_actions(len(upcoming))}")
        if upcoming:
            header = (*OVERDUE_COLUMNS[:-1], "days left")
            console.print(_table(header, task_rows(plan, upcoming, width=70), "yellow"))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], accent: str) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for name in header:
        numeric = name.startswith("days")
        table.add_column(
            name.capitalize(),
            justify="right" if numeric else "left",
            style=accent if numeric else None,
            no_wrap=name in ("id", "due"),
            overflow="fold",
        )
    for row in rows:
        table.add_row(*row)
    return table
