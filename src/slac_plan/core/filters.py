"""Which tasks a query looks at: by lead, board or section.

Apart from the queries so that a command can name its question (and find a kept answer in the
cache) without loading the "By when" reader, which takes a tenth of a second to compile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slac_plan.core.queries import Task


@dataclass(frozen=True)
class Filters:
    """Which tasks a query looks at; None means any."""

    lead: str | None = None
    board: str | None = None
    section: str | None = None

    def accept(self, task: Task, on: date | None = None) -> bool:
        """Whether the task is one the query asks about; `on` a day, a lead whose role the
        plan dates ('from 1.4.2012') counts only while it leads."""
        if self.lead is not None and not any(
            lead.role == self.lead and (on is None or lead.leads_on(on)) for lead in task.leads
        ):
            return False
        if self.board is not None and self.board not in task.accountable_to:
            return False
        return self.section is None or task.item.section == self.section


EVERY_TASK = Filters()
"""No filter: every task."""
