"""The terminal view: rich tables when a person is watching. The only module that imports rich.

Status is never shown by colour alone: every row carries its words and numbers, and colour is
dropped under NO_COLOR or when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from slac_plan.core.model import Plan
from slac_plan.core.queries import Overdue, Upcoming
from slac_plan.core.wording import one_line
from slac_plan.output.formats import (
    OVERDUE_COLUMNS,
    TaskList,
    count_actions,
    shorten,
    task_rows,
)

# Below this width six columns leave the action too little room: list the tasks instead.
TABLE_MIN_WIDTH = 120

# In the table the action, its lead and its wording share what the id, the date and the number
# leave: the action and the wording keep one line each and end in an ellipsis, the lead wraps
# at words, and ids, dates and numbers are never cut.
_SHARES = {"action": 0.45, "responsible lead": 0.3, "by when": 0.25}
_ONE_LINE = ("action", "by when")


def terminal_renderer(stream: TextIO) -> tuple[Callable[[TaskList], str], str]:
    """A task-list renderer for the terminal behind `stream`, and a name for that shape of
    output: its width, colours, NO_COLOR and encoding (a kept listing is reused only for the
    same)."""
    console = Console(file=stream, highlight=False)

    def render(listing: TaskList) -> str:
        with console.capture() as captured:
            overdue_table(console, listing.plan, listing.as_of, listing.overdue, listing.upcoming)
        return captured.get()

    shape = (console.width, console.color_system, console.no_color, console.encoding)
    return render, "terminal " + " ".join(map(str, shape))


def overdue_table(
    stream: TextIO | Console,
    plan: Plan,
    as_of: date,
    entries: Sequence[Overdue],
    upcoming: Sequence[Upcoming] | None,
    *,
    width: int | None = None,
) -> None:
    """Draw the overdue list (and what is coming up) on a terminal, as wide as it is."""
    console = (
        stream
        if isinstance(stream, Console)
        else Console(file=stream, highlight=False, width=width)
    )
    console.print(f"[bold]Overdue as of {as_of.isoformat()}[/bold]: {count_actions(len(entries))}")
    if entries:
        _draw(console, OVERDUE_COLUMNS, task_rows(plan, entries, width=70), "red")
    if upcoming is not None:
        console.print(f"\n[bold]Due in the coming days[/bold]: {count_actions(len(upcoming))}")
        if upcoming:
            header = (*OVERDUE_COLUMNS[:-1], "days left")
            _draw(console, header, task_rows(plan, upcoming, width=70), "yellow")


def _draw(console: Console, header: Sequence[str], rows: list[list[str]], accent: str) -> None:
    if console.width >= TABLE_MIN_WIDTH:
        console.print(_table(header, rows, accent, console.width))
        return
    for row in rows:
        console.print()
        console.print(_card(header, row, accent))


def _card(header: Sequence[str], row: Sequence[str], accent: str) -> Text:
    """One task as a few lines: id and lateness first, then the action, lead and wording."""
    ident, action, lead, by_when, due, days = row
    card = Text(one_line(ident), style="bold")
    card.append(" · ")
    card.append(f"{days} {header[-1]}", style=accent)
    card.append(f" · due {due}\n")
    card.append(f"  {one_line(action)}\n")
    card.append(f"  Lead: {one_line(lead)}")
    if by_when:
        card.append(f"\n  By when: {one_line(by_when)}")
    return card


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], accent: str, width: int) -> Table:
    widest = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(header)]
    fixed = sum(w for name, w in zip(header, widest, strict=True) if name not in _SHARES)
    spare = width - fixed - 3 * len(header) - 1  # one border and two spaces of padding each
    sizes = {
        name: min(w, max(10, int(spare * _SHARES[name])))
        for name, w in zip(header, widest, strict=True)
        if name in _SHARES
    }
    table = Table(show_lines=False, header_style="bold")
    for name in header:
        numeric = name.startswith("days")
        table.add_column(
            name.capitalize(),
            justify="right" if numeric else "left",
            style=accent if numeric else None,
            no_wrap=name != "responsible lead",
            width=sizes.get(name),
        )
    for row in rows:
        table.add_row(
            *(
                # Text, never a str: rich would read '[/x]' or '[link=...]' in plan text as markup
                Text(shorten(cell, sizes[name]) if name in _ONE_LINE else one_line(cell))
                for name, cell in zip(header, row, strict=True)
            )
        )
    return table
