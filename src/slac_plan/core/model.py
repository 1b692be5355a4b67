"""The plan's data model: what an inspection action plan holds, for any council.

Pure pydantic models: no I/O and no clock. Every model forbids unknown keys (a typo in a
plan file must not pass silently), bools and numbers are strict (YAML 1.1 habits such as
`yes` are refused), and input values are hidden from errors (a hostile file cannot make an
error message huge).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from slac_plan.core.periods import Cadence, month_end
from slac_plan.core.positions import SourceMap

if TYPE_CHECKING:
    from slac_plan.core.dates import TermEnds

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
COLOUR_PATTERN = r"^#?[0-9A-Fa-f]{6}$"
SCALE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$"
MONTH_DAY_PATTERN = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
ACRONYM_PATTERN = r"^[A-Za-z0-9&/'.+-]{1,20}$"
RULE_PATTERN = r"^[A-Z][0-9]{0,3}$"

PATTERN_WORDS = {
    COLOUR_PATTERN: "not a colour: write six hex digits, e.g. b91c1c",
    SCALE_ID_PATTERN: (
        "not a colour id: use letters, digits, '-' and '_' (at most 40), "
        "starting with a letter or digit"
    ),
    MONTH_DAY_PATTERN: "not a day of the year: write MM-DD, e.g. 12-20",
    ACRONYM_PATTERN: "not an acronym: up to 20 letters, digits and & / ' . + -",
    RULE_PATTERN: "not a rule code or family: write e.g. T, or T002",
}
"""What each pattern asks for, in words: an officer is never shown a regular expression."""


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="A stable identifier: letters, digits, '.', '-' and '_'."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Word = Annotated[
    str,
    StringConstraints(min_length=1, max_length=80),
    Field(description="An id the plan declares (a status, an item kind)."),
]
"""A plan-declared id, checked against the plan's declarations (X417, X418) rather than by its
form, so that 'in progress' is answered with the 'in-progress' it means."""


def _date_as_written(value: object) -> object:
    """An unquoted date in a wording (`by_when: 2012-03-31`) is YAML's date, but the editor's
    schema and the officer both read it as the text it is: keep it as that text."""
    return value.isoformat() if isinstance(value, date) else value


Wording = Annotated[
    str,
    BeforeValidator(_date_as_written),
    StringConstraints(min_length=1, max_length=20_000),
]
"""Free prose that may be a bare date (a 'By when' cell, a timescale)."""

Reference = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    Field(description="The id of a role (roles.yaml) or board (boards.yaml)."),
]
"""An id of the registries, checked against them (X402, X403) rather than by its form, so that
a role written as its title ('Head of Safeguarding') is answered with the id it means."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class YearMonth:
    """A whole month, for evidence the document dates only as "January 2012"."""

    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return month_end(self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _to_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a real date") from None
    raise ValueError("expected a date written YYYY-MM-DD" + _rewrite_hint(value))


def _to_date_or_month(value: object) -> date | YearMonth:
    if isinstance(value, YearMonth):
        return value
    if isinstance(value, str) and (match := _ISO_MONTH.match(value)):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"{value} is not a real month")
        return YearMonth(year, month)
    try:
        return _to_date(value)
    except ValueError as error:
        if "real date" in str(error):
            raise
        hint = _rewrite_hint(value)
        raise ValueError("expected a date YYYY-MM-DD, or a month YYYY-MM" + hint) from None


def _rewrite_hint(value: object) -> str:
    """Officers write dates day first (31/01/2012); say what to write instead."""
    from slac_plan.core.dates import uk_numeric_date  # only on this error path: it compiles a lot

    day = uk_numeric_date(value) if isinstance(value, str) else None
    return f"; write {value} as {day.isoformat()}" if day else ""


PlanDate = Annotated[
    date,
    PlainValidator(_to_date),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]

EvidenceDate = Annotated[
    date | YearMonth,
    PlainValidator(_to_date_or_month),
    PlainSerializer(
        lambda value: value.isoformat() if isinstance(value, date) else str(value),
        return_type=str,
    ),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
            ],
            "description": "A day (YYYY-MM-DD) or, where the source gives only a month, YYYY-MM.",
        }
    ),
]


def evidence_span(when: date | YearMonth) -> tuple[date, date]:
    """The first and last day an evidence date can mean (one day, or a whole month)."""
    if isinstance(when, YearMonth):
        return when.first, when.last
    return when, when


class Strict(BaseModel):
    """Base for every plan model: unknown keys are errors, inputs never echoed."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        use_enum_values=False,
    )


class Status(StrEnum):
    """The statuses every plan has unless its plan.yaml declares its own (`statuses:`)."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


class ItemKind(StrEnum):
    """The item kinds every plan has unless its plan.yaml declares its own (`kinds:`)."""

    RECOMMENDATION = "recommendation"
    AREA_FOR_DEVELOPMENT = "area-for-development"


class StatusMeaning(StrEnum):
    """What a plan's status means to slac, whatever the council calls it: not-started (open,
    nothing done yet), in-progress (open, under way), done (complete: never overdue), on-hold
    (paused: not overdue while held, shown at risk), closed (superseded or transferred: never
    overdue, counted with the complete)."""

    NOT_STARTED = "not-started"
    """Open, and nothing done yet (evidence on it is a contradiction)."""
    IN_PROGRESS = "in-progress"
    """Open, under way (awaiting sign-off is still this: the work is not accepted yet)."""
    DONE = "done"
    """Complete (verified, signed off): never overdue, counted as complete."""
    ON_HOLD = "on-hold"
    """Paused by decision: not overdue while held, shown as at risk, with the status's label."""
    CLOSED = "closed"
    """No longer pursued in this plan (superseded, transferred to another plan): never overdue,
    counted with the completed, shown with the status's label."""


DATED_MEANINGS = frozenset({StatusMeaning.DONE, StatusMeaning.CLOSED, StatusMeaning.ON_HOLD})
"""Statuses that take effect on a day (`completed_on`), and are final once set."""


class StatusDef(Strict):
    """One status a plan uses: the id written in item files, the label reports print, and what
    it means for what is overdue and for the status scale."""

    id: Id
    label: Text = Field(description="What reports print, e.g. 'Awaiting sign-off'.")
    means: StatusMeaning = Field(
        description="not-started, in-progress, done (complete), on-hold (not overdue while "
        "held) or closed (superseded or transferred: never overdue)."
    )
    description: Text | None = Field(default=None, description="When to use it.")


DEFAULT_STATUSES = (
    StatusDef(id=Status.NOT_STARTED, label="Not started", means=StatusMeaning.NOT_STARTED),
    StatusDef(id=Status.IN_PROGRESS, label="In progress", means=StatusMeaning.IN_PROGRESS),
    StatusDef(id=Status.COMPLETE, label="Complete", means=StatusMeaning.DONE),
)


class KindDef(Strict):
    """One kind of item a plan holds (a recommendation, an area for improvement, a must do)."""

    id: Id
    label: Text = Field(description="What reports print before each item's number.")
    description: Text | None = Field(default=None, description="When to use it.")


DEFAULT_KINDS = (
    KindDef(id=ItemKind.RECOMMENDATION, label="Recommendation"),
    KindDef(id=ItemKind.AREA_FOR_DEVELOPMENT, label="Area for development"),
)


class State(StrEnum):
    """Where an action stands, as slac derives it; a plan's scale shows each as one of its
    colours: complete (done, or closed), on-track (due later, with recent evidence), at-risk
    (due soon with no recent evidence, no due date, or on hold), overdue (past its due)."""

    COMPLETE = "complete"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OVERDUE = "overdue"


STATE_WORDS = {
    State.COMPLETE: "Complete",
    State.ON_TRACK: "On track",
    State.AT_RISK: "At risk",
    State.OVERDUE: "Overdue",
}

Colour = Annotated[
    str,
    StringConstraints(pattern=COLOUR_PATTERN),
    Field(description="A colour as six hex digits, e.g. b91c1c."),
]


class ScaleEntry(Strict):
    """One colour of the plan's status scale (Red, Amber, Green, Blue, or the council's own):
    what it is called, what it means, and which of slac's derived states it shows."""

    id: Annotated[
        str,
        StringConstraints(pattern=SCALE_ID_PATTERN),
        Field(description="Its id: letters, digits, '-' and '_' (it names a style in reports)."),
    ]
    label: Text = Field(description="Its name, e.g. 'Red'.")
    aliases: list[Text] = Field(
        default_factory=list,
        description="Other ways the plan writes it in a status set by hand, e.g. 'R'.",
    )
    meaning: Text | None = Field(
        default=None,
        description="The council's own words for it ('Target not being met'), shown instead "
        "of slac's (Overdue, At risk, On track, Complete).",
    )
    colour: Colour
    shows: list[State] = Field(
        min_length=1,
        description="The derived states it shows: complete, on-track, at-risk, overdue.",
    )

    def names(self) -> set[str]:
        """Every way a plan may write it, compared without case."""
        return {name.casefold() for name in (self.id, self.label, *self.aliases)}


DEFAULT_SCALE = (
    ScaleEntry(id="red", label="Red", aliases=["R"], colour="b91c1c", shows=[State.OVERDUE]),
    ScaleEntry(id="amber", label="Amber", aliases=["A"], colour="fbbf24", shows=[State.AT_RISK]),
    ScaleEntry(id="green", label="Green", aliases=["G"], colour="166534", shows=[State.ON_TRACK]),
    ScaleEntry(id="blue", label="Blue", aliases=["B"], colour="1e40af", shows=[State.COMPLETE]),
)
"""BRAG, worst first: the scale of a plan that declares none."""


# --- the plan's metadata file (plan.yaml) -------------------------------------------------


class Inspection(Strict):
    """What the plan answers: an inspection, a serious case review, a peer review, a written
    statement of action, a CQC visit. Dates may be days or whole months; at least one is given,
    and timescales such as 'Immediate' count from the report date, else the end, else the
    start."""

    framework: Text = Field(
        description="What it was, e.g. 'Safeguarding and Looked After Children (SLAC)', "
        "'Serious case review', 'Peer review'."
    )
    inspectorates: list[Text] = Field(
        default_factory=list, description="Who carried it out, e.g. Ofsted, CQC (if anyone)."
    )
    start: EvidenceDate | None = Field(default=None, description="When it began (day or month).")
    end: EvidenceDate | None = Field(default=None, description="When it ended (day or month).")
    report_date: EvidenceDate | None = Field(
        default=None,
        description="When its report was published (day or month): timescales such as "
        "'Immediate' count from here.",
    )

    @model_validator(mode="after")
    def _dated(self) -> Self:
        if self.start is None and self.end is None and self.report_date is None:
            raise ValueError(
                "give at least one of start, end or report_date (a day or a month): "
                "timescales such as 'Immediate' count from it"
            )
        return self

    @property
    def context(self) -> date:
        """The day timescales count from: the report date, else the end, else the start (the
        last day of a month given alone)."""
        given = next(d for d in (self.report_date, self.end, self.start) if d is not None)
        return evidence_span(given)[1]

    @property
    def began(self) -> date:
        """The first day it can have begun (evidence before it is flagged)."""
        given = next(d for d in (self.start, self.end, self.report_date) if d is not None)
        return evidence_span(given)[0]


class MonitoringArrangement(Strict):
    """One forum that reviews the plan, and how often."""

    text: Text = Field(description="The arrangement in the plan's words.")
    boards: list[Id] = Field(
        default_factory=list,
        description="The board (or role) ids it names, from boards.yaml or roles.yaml.",
    )
    cadence: Cadence | None = Field(default=None, description="How often it meets or reports.")


class Review(Strict):
    """A later check on the plan: external challenge, peer review."""

    name: Text = Field(description="What the review is, e.g. 'Peer review'.")
    when: Text = Field(description="The wording, e.g. 'June 2012'.")
    by: Text | None = Field(default=None, description="Who carries it out.")


class Monitoring(Strict):
    arrangements: list[MonitoringArrangement] = Field(
        default_factory=list, description="The forums that review the plan, and how often."
    )
    mechanisms: list[Text] = Field(
        default_factory=list, description="How progress is checked, in the plan's words."
    )
    reviews: list[Review] = Field(
        default_factory=list,
        description="Later checks on the plan (external challenge, peer review).",
    )


MonthDay = Annotated[
    str,
    StringConstraints(pattern=MONTH_DAY_PATTERN),
    Field(description="A day of the year, MM-DD, e.g. 12-20."),
]


class SchoolTerms(Strict):
    """The days the council's school terms end, for wordings such as 'Autumn term 2019' (without
    them, conventional ends: 20 December, 31 March, 22 July)."""

    autumn: MonthDay = Field(default="12-20", description="The autumn term's last day, MM-DD.")
    spring: MonthDay = Field(default="03-31", description="The spring term's last day, MM-DD.")
    summer: MonthDay = Field(default="07-22", description="The summer term's last day, MM-DD.")

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        self.ends()  # ValueError (a V303 at the file) for ends out of order or in no year
        return self

    def ends(self) -> TermEnds:
        from slac_plan.core.dates import TermEnds  # the reader is heavy: only when terms are set

        def pair(value: str) -> tuple[int, int]:
            month, day = value.split("-")
            return int(month), int(day)

        return TermEnds(pair(self.autumn), pair(self.spring), pair(self.summer))


class Section(Strict):
    id: Id
    title: Text = Field(description="The section's heading as printed.")
    kind: Id = Field(
        description="The kind of item it holds: an id of `kinds` (by default "
        "recommendation or area-for-development)."
    )


Acronym = Annotated[str, StringConstraints(pattern=ACRONYM_PATTERN)]

RuleSelector = Annotated[str, StringConstraints(pattern=RULE_PATTERN)]


class LintConfig(Strict):
    """The plan's own settings for `slac lint` (command-line options add to them)."""

    select: list[RuleSelector] = Field(
        default_factory=list,
        description="Rule codes or families (e.g. T, T002) to run; empty: all.",
    )
    ignore: list[RuleSelector] = Field(
        default_factory=list, description="Rule codes or families to skip."
    )
    severity: dict[RuleSelector, Literal["error", "warning"]] = Field(
        default_factory=dict, description="Change a rule's severity, e.g. {T002: error}."
    )
    vague_verbs: list[Text] | None = Field(
        default=None, description="Verbs that open a vague action (replaces the built-in list)."
    )
    min_words: StrictInt = Field(default=5, ge=1, description="Shorter action text is flagged.")
    max_deliverables: StrictInt = Field(
        default=3, ge=2, description="An action with this many separate deliverables is flagged."
    )
    max_actions_per_lead_per_month: StrictInt = Field(
        default=6, ge=1, description="More actions due in one month for one lead is flagged."
    )


class PlanMeta(Strict):
    """plan.yaml: who made the plan, in answer to which inspection, and how it is monitored."""

    authority: Text = Field(description="The council, e.g. 'Brent Council'.")
    department: Text | None = Field(default=None, description="The department that owns the plan.")
    title: Text = Field(description="The plan's title as printed.")
    inspection: Inspection = Field(
        description="What the plan answers: the inspection or review, and its dates."
    )
    evidence_heading: Text | None = Field(
        default=None, description="The heading of the evidence column, e.g. 'January 2012'."
    )
    introduction: list[Text] = Field(
        default_factory=list, description="The plan's introductory paragraphs, verbatim."
    )
    monitoring: Monitoring = Field(default=Monitoring(), description="How the plan is monitored.")
    sections: list[Section] = Field(
        min_length=1, description="The plan's sections in order, each holding one kind of item."
    )
    kinds: list[KindDef] = Field(
        default_factory=lambda: list(DEFAULT_KINDS),
        min_length=1,
        description="The kinds of item the plan holds (default: recommendation, "
        "area-for-development), each with the label reports print.",
    )

    statuses: list[StatusDef] = Field(
        default_factory=lambda: list(DEFAULT_STATUSES),
        min_length=1,
        description="The action statuses the plan uses (default: not-started, in-progress, "
        "complete), each with what it means.",
    )
    scale: list[ScaleEntry] = Field(
        default_factory=lambda: list(DEFAULT_SCALE),
        min_length=2,
        description="The status scale reports use, worst first (default: BRAG, Red Amber Green "
        "Blue); each colour says which derived states it shows.",
    )
    notes: list[Text] = Field(default_factory=list, description="Notes on the whole plan.")
    terms: SchoolTerms | None = Field(
        default=None,
        description="The council's school term end days, for wordings that name a term.",
    )
    known_abbreviations: list[Acronym] = Field(
        default_factory=list,
        description="Abbreviations readers know without a glossary entry (e.g. NB, NHS).",
    )
    lint: LintConfig = Field(
        default=LintConfig(), description="The plan's own settings for slac lint."
    )

    def meaning(self, status: str | None) -> StatusMeaning | None:
        """What a status id means (None: no status, or one the plan does not declare)."""
        return self.meanings().get(status) if status is not None else None

    def status_defs(self) -> dict[str, StatusDef]:
        """The plan's statuses by id."""
        return {entry.id: entry for entry in self.statuses}

    def meanings(self) -> dict[str, StatusMeaning]:
        return {entry.id: entry.means for entry in self.statuses}

    def status_label(self, status: str) -> str:
        found = next((entry for entry in self.statuses if entry.id == status), None)
        return found.label if found else status

    def term_ends(self) -> TermEnds | None:
        return self.terms.ends() if self.terms is not None else None

    def kind_label(self, kind: str) -> str:
        found = next((entry for entry in self.kinds if entry.id == kind), None)
        return found.label if found else kind


# --- registries -------------------------------------------------------------------------


class Role(Strict):
    """A lead role. Leads are job roles, never named people."""

    id: Id
    title: Text = Field(
        description="The role as the document words it, e.g. 'Head of Safeguarding'."
    )
    variants: list[Text] = Field(
        default_factory=list, description="Other wordings of this role seen."
    )


class Board(Strict):
    """A board, forum or person an action is accountable to."""

    id: Id
    name: Text = Field(description="The board's name, e.g. 'Local Safeguarding Children Board'.")
    cadence: Cadence | None = Field(default=None, description="How often it meets.")
    variants: list[Text] = Field(
        default_factory=list, description="Other wordings of this board seen."
    )


class RolesFile(Strict):
    roles: list[Role] = Field(description="Every lead role the plan names.")


class BoardsFile(Strict):
    boards: list[Board] = Field(
        description="Every board, forum or person actions are accountable to."
    )


class GlossaryFile(Strict):
    glossary: dict[Acronym, Text] = Field(description="Each acronym and what it stands for.")


# --- one file per recommendation or area for development --------------------------------


class Lead(Strict):
    role: Reference = Field(description="A role id from roles.yaml.")
    responsible: StrictBool = Field(default=False, description="The one accountable lead.")
    from_date: PlanDate | None = Field(
        default=None,
        description="The first day this role leads, where the plan dates it ('Head of "
        "Transitions Service from 1.4.2012'); none: from the start.",
    )
    until: PlanDate | None = Field(
        default=None,
        description="The last day this role leads, where the plan dates it; none: to the end.",
    )

    def leads_on(self, day: date) -> bool:
        """Whether the role leads on `day` (a lead the plan does not date always does)."""
        return self.leads_between(day, day)

    def leads_between(self, first: date, last: date) -> bool:
        """Whether the role leads on any day from `first` to `last`."""
        return (self.from_date is None or self.from_date <= last) and (
            self.until is None or first <= self.until
        )

    @model_validator(mode="after")
    def _dated_in_order(self) -> Self:
        if self.from_date is not None and self.until is not None and self.until < self.from_date:
            raise ValueError("a lead's 'until' is before its 'from_date'")
        return self


class DueOverride(Strict):
    """A due set by hand where the 'By when' wording cannot settle one, and why.

    Without a `date` it records a deliberate decision that there is no due date (the source
    gives none), which is different from a wording nobody has looked at.
    """

    date: PlanDate | None = Field(
        default=None, description="The due date (none: a decision that there is no due date)."
    )
    reason: Text = Field(description="Why the wording cannot settle the due.")


class Evidence(Strict):
    date: EvidenceDate
    text: Text = Field(description="What was done, verbatim.")
    by: Reference | None = Field(default=None, description="A role id from roles.yaml.")
    ref: Text | None = Field(
        default=None,
        description="Where the evidence is kept: a link (https://...) or a document "
        "reference, e.g. 'LSCB minutes 14/02/2012, item 6'.",
    )


class Progress(Strict):
    """A dated progress comment, apart from evidence: what the lead reports, in words."""

    date: EvidenceDate
    text: Text = Field(description="The progress comment, verbatim.")


class Measure(Strict):
    """How success is measured, and the target that says it has been reached."""

    text: Text = Field(description="What is measured, e.g. 'Supervision within 4 weeks'.")
    target: Text | None = Field(default=None, description="e.g. '95% of staff by March 2013'.")
    baseline: Text | None = Field(default=None, description="Where it started, e.g. '62%'.")


class BragOverride(Strict):
    """A status set by hand where the rule gets it wrong; the report shows that it was, and why."""

    status: Word = Field(
        description="A colour of the plan's scale: its id, label or an alias (by default red, "
        "amber, green or blue, or R, A, G, B).",
        examples=["red", "amber", "green", "blue"],
    )
    reason: Text = Field(description="Why the status is set by hand; reports show it.")
    since: PlanDate | None = Field(
        default=None,
        description="The day it was set; a report as of an earlier date shows the rule's status.",
    )


class DueMove(Strict):
    """A due date moved, recorded where it happened so that reports show it without git history:
    a report as of a date before the move shows the old due."""

    model_config = ConfigDict(populate_by_name=True)

    date: PlanDate = Field(description="The day the move was agreed.")
    from_: PlanDate | None = Field(
        default=None, alias="from", description="The due before the move (none: it had no date)."
    )
    to: PlanDate = Field(description="The new due date.")
    reason: Text = Field(description="Why the due date moved; reports show it.")


class ExternalReference(Strict):
    """A pointer to a document outside the plan (another body's action plan, a strategy), as
    the plan prints it."""

    text: Text = Field(description="The pointer in the plan's words, e.g. 'see CQC plan'.")
    ref: Text | None = Field(
        default=None,
        description="Where that document is: a link (https://...) or a document reference.",
    )


class SubAction(Strict):
    """A lettered sub-action (a., b., ...). Leads and 'By when' default to its action's."""

    id: Id
    text: Text = Field(description="The action as the plan words it.")
    same_as: Id | None = Field(
        default=None,
        description="The id of the action this one repeats: its due, status and evidence are "
        "kept there, and shown here.",
    )
    notes: list[Text] = Field(
        default_factory=list,
        description="Notes printed with it, in the plan's words: e.g. a sentence the plan "
        "prints beside the action, in its Lead cell, that is not part of the action's text.",
    )
    see_also: list[ExternalReference] = Field(
        default_factory=list,
        description="Documents outside the plan it points to, e.g. 'see CQC plan'.",
    )
    leads: list[Lead] = Field(
        default_factory=list,
        description="Lead roles (a sub-action without leads has its action's).",
    )
    by_when: Wording | None = Field(default=None, description="The 'By when' cell, verbatim.")
    due_override: DueOverride | None = Field(
        default=None, description="A due set by hand where the wording cannot settle one."
    )
    due_moves: list[DueMove] = Field(
        default_factory=list, description="Every move of the due date, oldest first."
    )
    review_dates: list[PlanDate] = Field(
        default_factory=list, description="When it is to be reviewed (the plan's review column)."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Measures of success, with their targets."
    )
    accountable_to: list[Reference] = Field(
        default_factory=list, description="Board or role ids it reports to."
    )
    status: Word | None = Field(
        default=None,
        description="An id of the plan's statuses (by default not-started, in-progress or "
        "complete).",
        examples=list(Status),
    )
    completed_on: PlanDate | None = Field(
        default=None,
        description="The day its status took effect, when that status is done, closed or on "
        "hold (complete, transferred, paused): reports as of an earlier day do not show it.",
    )
    brag_override: BragOverride | None = Field(
        default=None, description="A status set by hand, with its reason."
    )
    progress: list[Progress] = Field(
        default_factory=list,
        description="Dated progress comments (the tracker's commentary column), oldest first; "
        "a report shows the latest as of its date.",
    )
    evidence: list[Evidence] = Field(
        default_factory=list, description="Dated evidence of progress, oldest first."
    )


class Action(SubAction):
    outcomes: list[Id] = Field(
        default_factory=list, description="Ids of the required outcomes it serves."
    )
    sub_actions: list[SubAction] = Field(
        default_factory=list, description="Its lettered sub-actions (a., b., ...)."
    )


ACTION_KEYS = [
    "id", "text", "same_as", "notes", "see_also", "outcomes", "measures", "leads", "by_when",
    "due_override", "due_moves", "review_dates", "accountable_to", "status",
    "completed_on", "brag_override", "progress", "evidence", "sub_actions",
]  # fmt: skip
"""The order of an action's keys, where a new key is placed."""


class Outcome(Strict):
    id: Id
    text: Text = Field(description="The outcome as the plan words it.")


class CrossReference(Strict):
    id: Id = Field(description="The id of another recommendation or action.")
    note: Text | None = Field(default=None, description="Why it is referred to.")


class Item(Strict):
    """One recommendation or area for development, with its required outcomes and actions."""

    id: Id
    section: Id
    kind: Word = Field(
        description="Its section's kind: an id of the plan's `kinds`.", examples=list(ItemKind)
    )
    number: StrictInt = Field(ge=1, description="Its position within its section.")
    printed_number: StrictInt | None = Field(
        default=None, description="The number the source prints, where it is wrong."
    )
    added_on: PlanDate | None = Field(
        default=None,
        description="The day it was added to a plan already in use; reports and queries as of "
        "an earlier day leave it out.",
    )
    source: Text | None = Field(default=None, description="e.g. Ofsted, Ofsted/CQC.")
    timescale: Wording | None = Field(default=None, description="The timescale wording, verbatim.")
    report_paragraphs: list[Text] = Field(
        default_factory=list,
        description="The paragraphs of the inspection report it answers, e.g. ['28', '31-33'].",
    )
    deadline_override: DueOverride | None = Field(
        default=None,
        description="The item's deadline set by hand, where its timescale cannot settle one.",
    )
    text: Text = Field(description="The recommendation as the report words it, verbatim.")
    notes: list[Text] = Field(default_factory=list, description="Notes printed with it (NB: ...).")
    cross_references: list[CrossReference] = Field(
        default_factory=list, description="Other items or actions it refers to."
    )
    outcomes: list[Outcome] = Field(
        default_factory=list, description="The outcomes it requires (o1, o2, ...)."
    )
    actions: list[Action] = Field(default_factory=list, description="The actions that answer it.")


# --- the whole plan, as loaded ----------------------------------------------------------


@dataclass
class Plan:
    """A loaded plan: metadata, registries and items, with where each came from."""

    root: Path
    meta: PlanMeta
    roles: list[Role]
    boards: list[Board]
    glossary: dict[str, str]
    items: list[Item]
    sources: dict[str, SourceMap] = field(default_factory=dict)
    """Item id (or registry name) -> where it was read from."""


def models_by_file() -> dict[str, type[BaseModel]]:
    """The model behind each fixed file name; every other plan file is an Item."""
    return {
        "plan.yaml": PlanMeta,
        "roles.yaml": RolesFile,
        "boards.yaml": BoardsFile,
        "glossary.yaml": GlossaryFile,
    }
