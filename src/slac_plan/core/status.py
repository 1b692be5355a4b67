"""The status of an action as of a date, on the plan's own scale (BRAG unless plan.yaml
declares another). slac derives a state (complete, on track, at risk, overdue) and the scale
says which colour shows it. Pure; the rule (documented in the README) is:

- Blue: marked done (or its action is) on or before the date; a closed status (superseded,
  transferred) too, shown with its own label;
- on hold: Amber with the status's label, never overdue while held;
- Red: not complete and overdue (see queries: past its due, or a recurring period with no
  evidence);
- Amber: not complete, and either due within the next AT_RISK_DAYS days with no evidence in
  the last QUIET_DAYS days, or with no due date at all (it cannot be shown to be on track);
- Green: everything else.

A `brag_override` in the YAML replaces the rule's colour from its `since` day; the override
and its reason are kept so that every report shows that the status was set by hand, and a
colour set by hand never claims a state that does not hold (a hand-set red is not "Overdue").
Only what is dated on or before the date counts, so a past date gives the answer it gave then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from slac_plan.core.model import (
    DEFAULT_SCALE,
    STATE_WORDS,
    ScaleEntry,
    State,
    StatusMeaning,
    evidence_span,
)
from slac_plan.core.periods import long_date
from slac_plan.core.queries import Task, next_due, overdue_entry

AT_RISK_DAYS = 30
QUIET_DAYS = 60


@dataclass(frozen=True)
class Shade:
    """How a colour of the scale looks, everywhere it is shown (HTML, Word, charts): its name
    and words always, its colour as a help. Colours are hex without '#'; the ink is the text
    colour on that fill."""

    code: str
    name: str
    word: str
    fill: str
    ink: str
    complete: bool = False
    """It shows the complete (a report's "% complete" counts it)."""

    @property
    def label(self) -> str:
        """'Red: Overdue': the colour named and its meaning, never the colour alone."""
        return f"{self.name}: {self.word}"


def shade_of(entry: ScaleEntry) -> Shade:
    word = entry.meaning or " or ".join(STATE_WORDS[state] for state in entry.shows).capitalize()
    fill = entry.colour.lstrip("#").lower()
    return Shade(entry.id, entry.label, word, fill, _ink(fill), State.COMPLETE in entry.shows)


def _ink(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(fill[i : i + 2]) for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "111111" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "ffffff"


@dataclass(frozen=True)
class Scale:
    """A plan's status scale, worst colour first."""

    entries: tuple[ScaleEntry, ...] = DEFAULT_SCALE

    @property
    def palette(self) -> tuple[Shade, ...]:
        return tuple(shade_of(entry) for entry in self.entries)

    @property
    def shades(self) -> dict[str, Shade]:
        return {shade.code: shade for shade in self.palette}

    def showing(self, state: State) -> ScaleEntry:
        """The colour that shows a derived state (the first, if several do)."""
        found = next((entry for entry in self.entries if state in entry.shows), None)
        return found if found is not None else self.entries[0]

    def named(self, written: str) -> ScaleEntry | None:
        """The colour a status set by hand names: its id, label or an alias, in any case."""
        wanted = written.strip().casefold()
        return next((entry for entry in self.entries if wanted in entry.names()), None)

    def rank(self, code: str) -> int:
        """0 for the worst colour, then upwards, for sorting."""
        codes = [entry.id for entry in self.entries]
        return codes.index(code) if code in codes else len(codes)


BRAG = Scale()


@dataclass(frozen=True)
class Assessment:
    """A task's status as of a date, and why: the state slac derives, and the colour of the
    plan's scale that shows it (or the colour set by hand)."""

    state: State
    reason: str
    colour: ScaleEntry
    overridden: bool = False
    days_overdue: int = 0
    label: str | None = None
    """The plan's own word where its status says more than the state ("On hold")."""

    @property
    def code(self) -> str:
        return self.colour.id

    @property
    def overdue(self) -> bool:
        """Overdue in fact: a colour set by hand does not make a task overdue."""
        return self.state is State.OVERDUE and not self.overridden

    @property
    def word(self) -> str:
        """The words shown after the colour's name ('' for a colour set by hand that the plan
        gives no meaning: its reason says why)."""
        if self.overridden:
            return self.colour.meaning or ""
        return self.label or self.colour.meaning or STATE_WORDS[self.state]


def assess(task: Task, as_of: date, context: date, scale: Scale = BRAG) -> Assessment:
    """The status of `task` as of `as_of` (`context` is the plan's report date) on `scale`,
    from only what was recorded by then."""
    override = task.status_override_at(as_of)
    if override is not None:
        colour = scale.named(override.status) or scale.entries[0]
        return Assessment(colour.shows[0], override.reason, colour, overridden=True)
    state, reason, days, label = _derived(task, as_of, context)
    return Assessment(state, reason, scale.showing(state), False, days, label)


def _derived(task: Task, as_of: date, context: date) -> tuple[State, str, int, str | None]:
    marked = task.marked
    if task.complete_at(as_of):
        day = task.completed_on(as_of)
        if marked is not None and marked.means is StatusMeaning.CLOSED:
            since = f" since {long_date(day)}" if day else ""
            return State.COMPLETE, f"{marked.label.lower()}{since}", 0, marked.label
        return State.COMPLETE, f"completed {long_date(day)}" if day else "marked complete", 0, None
    if task.held_at(as_of) and marked is not None:
        return State.AT_RISK, f"{marked.label.lower()}: not overdue", 0, marked.label
    late = overdue_entry(task, as_of, context)
    if late is not None:
        return State.OVERDUE, late.reason, late.days, None
    upcoming = next_due(task, as_of, context)
    if upcoming is None:
        return State.AT_RISK, "no due date to be on track against", 0, None
    recent = [
        entry
        for entry in task.evidence_at(as_of)
        if as_of - timedelta(days=QUIET_DAYS) <= evidence_span(entry.date)[1]
    ]
    if (upcoming - as_of).days <= AT_RISK_DAYS and not recent:
        reason = f"due {long_date(upcoming)} with no evidence in the last {QUIET_DAYS} days"
        return State.AT_RISK, reason, 0, None
    return State.ON_TRACK, f"due {long_date(upcoming)}", 0, None
