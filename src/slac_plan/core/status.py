"""BRAG status of an action as of a date: Blue complete, Green on track, Amber at risk, Red
overdue. Pure; the rule (documented in the README) is:

- Blue: marked done (or its action is) on or before the date; a closed status (superseded,
  transferred) too, shown with its own label;
- on hold: Amber with the status's label, never overdue while held;
- Red: not complete and overdue (see queries: past its due, or a recurring period with no
  evidence);
- Amber: not complete, and either due within the next AT_RISK_DAYS days with no evidence in
  the last QUIET_DAYS days, or with no due date at all (it cannot be shown to be on track);
- Green: everything else.

A `brag_override` in the YAML replaces the rule's answer from its `since` day; the override
and its reason are kept so that every report shows that the status was set by hand.
Only what is dated on or before the date counts, so a past date gives the answer it gave then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from slac_plan.core.model import Brag, StatusMeaning, evidence_span
from slac_plan.core.periods import long_date
from slac_plan.core.queries import Task, next_due, overdue_entry

AT_RISK_DAYS = 30
QUIET_DAYS = 60

WORDS = {
    Brag.BLUE: "Complete",
    Brag.GREEN: "On track",
    Brag.AMBER: "At risk",
    Brag.RED: "Overdue",
}
ORDER = (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE)


@dataclass(frozen=True)
class Shade:
    """How a status looks, everywhere it is shown (HTML, Word, charts): its word always, its
    colour as a help. Colours are hex without '#'; the ink is the text colour on that fill."""

    code: str
    word: str
    fill: str
    ink: str

    @property
    def label(self) -> str:
        """'Red: Overdue': the colour named and the word, never the colour alone."""
        return f"{self.code.capitalize()}: {self.word}"


PALETTE = tuple(
    Shade(str(brag), WORDS[brag], fill, ink)
    for brag, fill, ink in (
        (Brag.RED, "b91c1c", "ffffff"),
        (Brag.AMBER, "fbbf24", "111111"),
        (Brag.GREEN, "166534", "ffffff"),
        (Brag.BLUE, "1e40af", "ffffff"),
    )
)
"""The statuses in report order (worst first), defined once."""
SHADES = {shade.code: shade for shade in PALETTE}


@dataclass(frozen=True)
class Assessment:
    """A task's status as of a date, and why."""

    brag: Brag
    reason: str
    overridden: bool = False
    days_overdue: int = 0
    label: str | None = None
    """The plan's own word where its status says more than the colour ("On hold")."""

    @property
    def word(self) -> str:
        return self.label or WORDS[self.brag]


def assess(task: Task, as_of: date, context: date) -> Assessment:
    """The BRAG status of `task` as of `as_of` (`context` is the plan's report date), from
    only what was recorded by then."""
    override = task.status_override_at(as_of)
    if override is not None:
        return Assessment(override.status, override.reason, overridden=True)
    marked = task.marked
    if task.complete_at(as_of):
        day = task.completed_on(as_of)
        if marked is not None and marked.means is StatusMeaning.CLOSED:
            since = f" since {long_date(day)}" if day else ""
            return Assessment(Brag.BLUE, f"{marked.label.lower()}{since}", label=marked.label)
        return Assessment(Brag.BLUE, f"completed {long_date(day)}" if day else "marked complete")
    if task.held_at(as_of) and marked is not None:
        return Assessment(Brag.AMBER, f"{marked.label.lower()}: not overdue", label=marked.label)
    late = overdue_entry(task, as_of, context)
    if late is not None:
        return Assessment(Brag.RED, late.reason, days_overdue=late.days)
    upcoming = next_due(task, as_of, context)
    if upcoming is None:
        return Assessment(Brag.AMBER, "no due date to be on track against")
    recent = [
        entry
        for entry in task.evidence_at(as_of)
        if as_of - timedelta(days=QUIET_DAYS) <= evidence_span(entry.date)[1]
    ]
    if (upcoming - as_of).days <= AT_RISK_DAYS and not recent:
        return Assessment(
            Brag.AMBER,
            f"due {long_date(upcoming)} with no evidence in the last {QUIET_DAYS} days",
        )
    return Assessment(Brag.GREEN, f"due {long_date(upcoming)}")
