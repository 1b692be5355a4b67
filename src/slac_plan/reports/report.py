"""The typed context each report template receives: everything computed, nothing left to do.

Templates only lay out what is here (dates already written out, statuses decided, lists
filtered and sorted); StrictUndefined makes any name missing from these objects an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import takewhile
from typing import TYPE_CHECKING, Any

from slac_plan.core.model import (
    Action,
    Item,
    Lead,
    Measure,
    Plan,
    State,
    SubAction,
    YearMonth,
    evidence_span,
)
from slac_plan.core.periods import add_months, long_date, month_end
from slac_plan.core.queries import Task, in_plan_at, item_deadline, next_due, task_for, task_index
from slac_plan.core.status import BRAG, Assessment, Scale, Shade, assess
from slac_plan.core.wording import clipped

if TYPE_CHECKING:
    from slac_plan.checks.smart import Scorecard

# --- periods -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A reporting period: a month or a quarter."""

    start: date
    end: date
    label: str

    @property
    def previous_end(self) -> date:
        return self.start - timedelta(days=1)

    @property
    def close(self) -> date:
        """The position at the close of the period is the position as of the day after it:
        every deadline in the period that is not met is overdue (as `slac overdue --as-of`
        that day says)."""
        return self.end + timedelta(days=1)


def month_period(text: str) -> Period:
    """'2012-01' -> January 2012."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"'{text}' is not a month; write it as YYYY-MM, e.g. 2012-01")
    year, month = int(match[1]), int(match[2])
    start = date(year, month, 1)
    return Period(start, month_end(year, month), f"{start:%B %Y}")


def quarter_period(text: str) -> Period:
    """'2012Q1' -> January to March 2012 (calendar quarters)."""
    match = re.fullmatch(r"(\d{4})\s*-?\s*[Qq]([1-4])", text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a quarter; write it as YYYYQn, e.g. 2012Q1")
    year, quarter = int(match[1]), int(match[2])
    start = date(year, 3 * quarter - 2, 1)
    end = add_months(start, 2, to_month_end=True)
    return Period(start, end, f"Q{quarter} {year} ({start:%B} to {end:%B %Y})")


# --- views -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusView:
    code: str
    word: str
    reason: str
    overridden: bool
    name: str = ""
    """The colour's name on the plan's scale ('Red')."""

    @classmethod
    def of(cls, assessment: Assessment) -> StatusView:
        return cls(
            assessment.code,
            assessment.word,
            assessment.reason,
            assessment.overridden,
            assessment.colour.label,
        )

    @property
    def label(self) -> str:
        """'Red: Overdue'; a colour set by hand with no meaning of its own is named alone."""
        name = self.name or self.code.capitalize()
        return f"{name}: {self.word}" if self.word else name


@dataclass(frozen=True)
class LeadView:
    title: str
    responsible: bool
    dates: str = ""
    """When the plan dates the role's lead: 'from 1 April 2012', 'until 31 March 2012'."""


def lead_dates(lead: Lead) -> str:
    """'from 1 April 2012', 'until 31 March 2012', both, or nothing: as a report prints them."""
    parts = [f"from {long_date(lead.from_date)}"] if lead.from_date else []
    parts += [f"until {long_date(lead.until)}"] if lead.until else []
    return " ".join(parts)


def web_link(ref: str) -> str:
    """A reference as a link, when it is a web address (https only: never javascript:)."""
    return ref if ref.startswith("https://") and " " not in ref else ""


@dataclass(frozen=True)
class SeeAlsoView:
    """A document outside the plan that an action points to, in the plan's words."""

    text: str
    ref: str = ""

    @property
    def link(self) -> str:
        return web_link(self.ref)


@dataclass(frozen=True)
class EvidenceView:
    date: str
    text: str
    new: bool
    ref: str = ""
    """Where it is kept: a document reference, or a link."""

    @property
    def link(self) -> str:
        return web_link(self.ref)


@dataclass(frozen=True)
class MoveView:
    """A due date moved: from and to (written out), the day it was agreed, and why."""

    before: str
    after: str
    on: str
    reason: str

    @property
    def sentence(self) -> str:
        reason = self.reason.rstrip(". ")
        return f"Moved from {self.before} to {self.after} on {self.on}: {reason}."


@dataclass(frozen=True)
class Row:
    """One row of an item's table: an action, or one of its lettered sub-actions."""

    id: str
    label: str
    text: str
    is_sub: bool
    outcomes: list[str]
    leads: list[LeadView]
    by_when: str
    due: str
    accountable_to: list[str]
    evidence: list[EvidenceView]
    status: StatusView
    moves: list[MoveView] = field(default_factory=list)
    tracked_as: str = ""
    """The id of the action this one repeats, whose due, status and evidence it shows."""
    measures: list[str] = field(default_factory=list)
    """'Supervision within 4 weeks (target: 95% of staff by March 2013; baseline 62%)'."""
    reviews: list[str] = field(default_factory=list)
    progress: str = ""
    """The latest progress comment as of the report, with its date."""
    notes: list[str] = field(default_factory=list)
    """Notes the plan prints with the action, in its words (not part of the action's text)."""
    see_also: list[SeeAlsoView] = field(default_factory=list)
    shares_lead: bool = False
    """A sub-action with its action's leads (the plan prints one cell for both)."""
    shares_when: bool = False
    """A sub-action with its action's By when, due and accountability."""
    lead_rows: int = 1
    """How many rows this row's Lead cell covers: more than 1 where its sub-actions share the
    action's lead (one merged cell, as the plan prints it); 0 where the cell above covers it."""
    when_rows: int = 1
    """The same for the By when cell."""
    kept: bool = False
    """An action row whose group (it and its sub-actions) fits on a printed page: printed
    together, so a merged Lead or By when cell is never left on the page before."""


@dataclass(frozen=True)
class ItemView:
    id: str
    number: str
    """The number as printed, e.g. '4.' (two items may share one: reports show the id beside
    it, as in rows)."""
    label: str
    """The heading after the number: 'Area for development (Ofsted)'."""
    kind: str
    source: str
    timescale: str
    deadline: str
    text: str
    notes: list[str]
    cross_references: list[str]
    rows: list[Row]
    counts: Counts
    report_paragraphs: list[str] = field(default_factory=list)
    kept: bool = False
    """The item, heading to last row, fits on a printed page: it is printed on one, so its
    heading never stands at the foot of a page with its table on the next."""

    @property
    def heading(self) -> str:
        """'4. Area for development (Ofsted)', for a council's own templates."""
        return f"{self.number} {self.label}"


@dataclass(frozen=True)
class Segment:
    code: str
    word: str
    count: int
    offset: float
    share: float
    fill: str = ""


@dataclass(frozen=True)
class Counts:
    """How many actions show each colour of the plan's scale (shares in percent, for bars and
    tables), worst colour first. `counts.red` reads the count of the colour with id `red`."""

    by_code: dict[str, int]
    palette: tuple[Shade, ...] = BRAG.palette

    @property
    def total(self) -> int:
        return sum(self.by_code.values())

    @classmethod
    def of(cls, codes: Iterable[str], palette: tuple[Shade, ...]) -> Counts:
        found = list(codes)
        return cls({shade.code: found.count(shade.code) for shade in palette}, palette)

    @classmethod
    def summed(cls, parts: Iterable[Counts], palette: tuple[Shade, ...]) -> Counts:
        listed = list(parts)
        return cls(
            {shade.code: sum(part.count(shade.code) for part in listed) for shade in palette},
            palette,
        )

    def count(self, code: str) -> int:
        return self.by_code.get(code, 0)

    def percent(self, code: str) -> float:
        return round(100 * self.count(code) / self.total, 1) if self.total else 0.0

    @property
    def percent_complete(self) -> float:
        """The share of actions in the colours that show the complete."""
        done = sum(self.count(shade.code) for shade in self.palette if shade.complete)
        return round(100 * done / self.total, 1) if self.total else 0.0

    def __getattr__(self, name: str) -> int:
        by_code = self.__dict__.get("by_code", {})
        if name in by_code:
            return int(by_code[name])
        raise AttributeError(name)

    @property
    def segments(self) -> list[Segment]:
        """The stacked bar, worst colour first, left to right, in percent of the width."""
        out, offset = [], 0.0
        for shade in self.palette:
            share = self.percent(shade.code)
            out.append(
                Segment(shade.code, shade.word, self.count(shade.code), offset, share, shade.fill)
            )
            offset = round(offset + share, 1)
        return out


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    items: list[ItemView]
    counts: Counts


@dataclass(frozen=True)
class TaskRef:
    """A line in a summary list: which action, and the fact that puts it there."""

    id: str
    text: str
    lead: str
    detail: str
    status: StatusView
    entries: list[str] = field(default_factory=list)
    """Lines under the reference (each new evidence entry of the month)."""

    @property
    def brief(self) -> str:
        """The action's text cut to one short line, for the first page's lists."""
        return clipped(self.text)


@dataclass(frozen=True)
class Change:
    id: str
    text: str
    before: str
    after: str


@dataclass(frozen=True)
class MovedDue:
    id: str
    text: str
    move: MoveView


@dataclass(frozen=True)
class Changes:
    """What changed in the period, from the plan's own dated records (no git needed)."""

    status_changes: list[Change]
    moved_due_dates: list[MovedDue]
    newly_overdue: list[TaskRef]


@dataclass(frozen=True)
class SmartView:
    smart: int
    total: int
    percent: float
    sections: list[tuple[str, int, int, float]]


def smart_view(card: Scorecard) -> SmartView:
    """The SMART scorecard's shares, as the monthly report shows them."""
    return SmartView(
        card.overall.smart,
        card.overall.total,
        round(card.overall.percent, 1),
        [(title, s.smart, s.total, round(s.percent, 1)) for _, title, s in card.sections],
    )


@dataclass(frozen=True)
class Acronym:
    term: str
    meaning: str


@dataclass(frozen=True)
class Report:
    """What every report template gets, whatever its kind (each kind adds its own fields)."""

    kind: str
    title: str
    subtitle: str
    authority: str
    plan_title: str
    period: str
    as_of: str
    position: str
    """'Position at the close of February 2012' (a period), 'Status as of 1 March 2012'."""
    evidence_heading: str
    sections: list[SectionView]
    counts: Counts
    glossary: list[Acronym]
    overdue: list[TaskRef]
    palette: tuple[Shade, ...]
    """The plan's status scale, worst colour first, as every report shows it."""


@dataclass(frozen=True)
class MonthlyReport(Report):
    """monthly.*.j2: the monthly update, laid out as the plan is."""

    introduction: list[str]
    monitoring: list[str]
    smart: SmartView | None
    due_next: list[TaskRef]
    new_evidence: list[TaskRef]
    changes: Changes
    completed: list[TaskRef] = field(default_factory=list)
    """Completed in the month (done, or closed), for the first page."""


@dataclass(frozen=True)
class QuarterlyReport(Report):
    """quarterly.*.j2: the quarterly data set and its trend."""

    previous_counts: Counts
    previous_label: str
    completed: list[TaskRef]


@dataclass(frozen=True)
class BoardReport(Report):
    """board.*.j2: what one board sees."""

    board: str


@dataclass(frozen=True)
class LeadReport(Report):
    """lead.*.j2: one lead's actions."""

    lead: str
    due_next: list[TaskRef]


# --- building ----------------------------------------------------------------------------


class _Builder:
    """Views of one plan as of one date, shared by every report."""

    def __init__(self, plan: Plan, as_of: date, period: Period) -> None:
        plan = replace(plan, items=[item for item in plan.items if in_plan_at(item, as_of)])
        self.plan = plan
        self.statuses = plan.meta.status_defs()
        self.terms = plan.meta.term_ends()
        self.as_of = as_of
        self.period = period
        self.context = plan.meta.inspection.context
        self.roles = {role.id: role.title for role in plan.roles}
        self.names = {**self.roles, **{board.id: board.name for board in plan.boards}}
        self.tasks = task_index(plan)
        self.scale = Scale(tuple(plan.meta.scale))
        self.palette = self.scale.palette
        self.assessments = {
            ident: assess(task, as_of, self.context, self.scale)
            for ident, task in self.tasks.items()
        }

    def moves(self, task: Task) -> list[MoveView]:
        return [
            MoveView(long_date(m.from_) or "no date", long_date(m.to), long_date(m.date), m.reason)
            for m in task.moves_at(self.as_of)
        ]

    def lead(self, task: Task) -> str:
        return self.roles.get(task.responsible or "", "no lead marked") if task.leads else "no lead"

    def ref(self, task: Task, detail: str) -> TaskRef:
        status = StatusView.of(self.assessments[task.id])
        return TaskRef(task.id, task.text, self.lead(task), detail, status)

    def row(self, item: Item, action: Action, task: Task, shown: set[str]) -> Row:
        node = task.node
        outcomes: list[str] = []
        if task.sub is None:
            texts = {outcome.id: outcome.text for outcome in item.outcomes}
            outcomes = [texts[o] for o in action.outcomes if o in texts and o not in shown]
            shown.update(action.outcomes)
        if task.sub is None and action.sub_actions:
            worst = min(
                (self.assessments[sub.id] for sub in action.sub_actions),
                key=lambda a: self.scale.rank(a.code),
            )
            status = replace(
                StatusView.of(worst), reason="worst of its sub-actions", overridden=False
            )
        else:
            status = StatusView.of(self.assessments[task.id])
        label = node.id.removeprefix(action.id) + "." if task.sub else _number(action.id) + "."
        due = task.due_at(self.as_of)
        if due is None and task.due is not None and task.due.recurrence is not None:
            upcoming = next_due(task, self.as_of, self.context)
            due = upcoming
        own_due = task.sub is None or node.by_when or node.due_override or node.due_moves
        return Row(
            id=node.id,
            label=label,
            text=node.text,
            is_sub=task.sub is not None,
            outcomes=outcomes,
            leads=[
                LeadView(
                    self.roles.get(lead.role, lead.role),
                    lead.role == task.responsible,
                    lead_dates(lead),
                )
                for lead in task.leads
            ],
            by_when=task.by_when or "",
            due=long_date(due),
            accountable_to=[self.names.get(a, a) for a in node.accountable_to],
            evidence=[
                EvidenceView(
                    _evidence_date(e.date),
                    e.text,
                    self.period.start <= evidence_span(e.date)[1] <= self.period.end,
                    e.ref or "",
                )
                for e in sorted(task.evidence, key=lambda e: evidence_span(e.date))
                if evidence_span(e.date)[0] <= self.period.end
            ],
            status=status,
            moves=self.moves(task) if own_due else [],
            tracked_as=task.tracked_as or "",
            measures=[_measure(m) for m in node.measures],
            reviews=[long_date(day) for day in node.review_dates],
            progress=self._progress(node),
            notes=list(node.notes),
            see_also=[SeeAlsoView(ref.text, ref.ref or "") for ref in node.see_also],
        )

    def _progress(self, node: Action | SubAction) -> str:
        said = [p for p in node.progress if evidence_span(p.date)[0] <= self.period.end]
        if not said:
            return ""
        latest = max(said, key=lambda p: evidence_span(p.date))
        return f"{_evidence_date(latest.date)}: {latest.text}"

    def item(self, item: Item, keep: set[str] | None = None) -> ItemView:
        rows: list[Row] = []
        shown: set[str] = set()
        leaf_ids: list[str] = []
        for action in item.actions:
            action_task = self.tasks.get(action.id) or task_for(
                item, action, None, self.context, self.statuses, self.terms
            )
            subs = [self.tasks[sub.id] for sub in action.sub_actions]
            wanted = [t for t in (subs or [action_task]) if keep is None or t.id in keep]
            if not wanted:
                continue
            group = [self.row(item, action, action_task, shown)]
            group += [self.row(item, action, sub, shown) for sub in subs if sub in wanted]
            above = 0.0 if rows else _intro_lines(item)  # the first stays with the heading
            rows += shared_cells(group, [t for t in subs if t in wanted], above)
            leaf_ids += [t.id for t in wanted]
        kind = self.plan.meta.kind_label(item.kind)
        number = item.printed_number or item.number
        deadline = item_deadline(item, self.context, self.terms)
        return ItemView(
            id=item.id,
            number=f"{number}.",
            label=kind + (f" ({item.source})" if item.source else ""),
            kind=kind,
            source=item.source or "",
            timescale=item.timescale or "",
            deadline=long_date(deadline),
            text=item.text,
            notes=list(item.notes),
            cross_references=[
                f"{ref.id}" + (f": {ref.note}" if ref.note else "") for ref in item.cross_references
            ],
            rows=rows,
            counts=Counts.of((self.assessments[i].code for i in leaf_ids), self.palette),
            report_paragraphs=list(item.report_paragraphs),
            kept=_intro_lines(item) + estimated_lines(rows) <= PAGE_LINES,
        )

    def sections(self, keep: set[str] | None = None) -> list[SectionView]:
        out = []
        for section in self.plan.meta.sections:
            items = [
                view
                for item in self.plan.items
                if item.section == section.id
                for view in [self.item(item, keep)]
                if view.rows or keep is None
            ]
            if keep is not None and not items:
                continue
            counts = Counts.summed((view.counts for view in items), self.palette)
            out.append(SectionView(section.id, section.title, items, counts))
        return out

    def glossary(self, texts: Iterable[str]) -> list[Acronym]:
        """Only the acronyms the document uses, in the glossary's order."""
        blob = "\n".join(texts)
        return [
            Acronym(term, meaning)
            for term, meaning in self.plan.glossary.items()
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", blob)
        ]


PAGE_LINES = 44
"""About how many lines of table text one printed A4 landscape page holds (8.5 pt type and
10 mm margins, in the HTML and the Word file), less a heading and the table's header row."""
COLUMN_CHARS = (28, 40, 22, 26, 34, 20)
"""About how many characters one line of each column holds, at the printed widths."""


def shared_cells(group: list[Row], subs: Sequence[Task], above: float = 0.0) -> list[Row]:
    """An action's rows with the Lead and By when cells its sub-actions share merged into one,
    as the plan prints them: only when the group fits on a page (below the `above` lines that
    must print with it, an item's heading), so every page that shows a sub-action also shows
    its lead and date. A longer group repeats them on every row, and may break between rows."""
    if not subs:
        return group
    marked = [group[0]] + [
        replace(row, shares_lead=not task.node.leads, shares_when=not _own_when(task.node))
        for row, task in zip(group[1:], subs, strict=True)
    ]
    # the cell merges down from the action for as long as its sub-actions share it
    shares_lead = len(list(takewhile(lambda row: row.shares_lead, marked[1:])))
    shares_when = len(list(takewhile(lambda row: row.shares_when, marked[1:])))
    merged = [
        replace(marked[0], lead_rows=1 + shares_lead, when_rows=1 + shares_when, kept=True),
        *(
            replace(row, lead_rows=int(n >= shares_lead), when_rows=int(n >= shares_when))
            for n, row in enumerate(marked[1:])
        ),
    ]
    return merged if above + estimated_lines(merged) <= PAGE_LINES else marked


def _own_when(node: Action | SubAction) -> bool:
    """Whether a sub-action's By when cell says anything its action's does not."""
    return bool(
        node.by_when
        or node.due_override
        or node.due_moves
        or node.review_dates
        or node.accountable_to
    )


LEAD, WHEN = 2, 3
"""The columns a row's merged cells are in."""


def estimated_lines(rows: Sequence[Row]) -> float:
    """About how many printed lines `rows` take: each row as tall as its fullest cell, and a
    merged cell spread over the rows it covers."""
    total = 0.0
    spans: list[float] = []
    for row in rows:
        lines = _cell_lines(row)
        spanned = {LEAD: row.lead_rows, WHEN: row.when_rows}
        total += 0.5 + max(n for column, n in enumerate(lines) if spanned.get(column, 1) == 1)
        spans += [lines[column] for column, covers in spanned.items() if covers > 1]
    return max([total, *spans])


def _intro_lines(item: Item) -> float:
    """About how many lines an item's heading and words take above its table."""
    texts = [item.text, *item.notes, *(ref.id for ref in item.cross_references)]
    return 4 + sum(-(-len(text) // 180) for text in texts)


def _cell_lines(row: Row) -> list[int]:
    cells = (
        row.outcomes,
        [f"{row.label} {row.id} {row.text}", *row.measures, *row.notes]
        + [ref.text for ref in row.see_also],
        [f"{lead.title} {lead.dates}" for lead in row.leads],
        [row.by_when, row.due, *(m.sentence for m in row.moves), *row.accountable_to],
        [row.progress, *(f"{e.date}: {e.text}" for e in row.evidence)],
        [row.status.label, row.status.reason],
    )
    return [
        sum(-(-len(text) // width) for text in texts if text)
        for texts, width in zip(cells, COLUMN_CHARS, strict=True)
    ]


def _number(action_id: str) -> str:
    return action_id.rsplit(".", 1)[-1]


def _evidence_date(when: date | YearMonth) -> str:
    return f"{when.first:%B %Y}" if isinstance(when, YearMonth) else long_date(when)


def _report_texts(sections: Sequence[SectionView]) -> Iterable[str]:
    for section in sections:
        yield section.title
        for item in section.items:
            yield item.text
            yield from item.notes
            for row in item.rows:
                yield from (row.text, row.by_when, *row.outcomes, *row.accountable_to)
                yield from (e.text for e in row.evidence)
                yield from (lead.title for lead in row.leads)


def _base(
    plan: Plan, builder: _Builder, kind: str, title: str, subtitle: str, sections: list[SectionView]
) -> dict[str, Any]:
    """The fields every kind of report has."""
    counts = Counts.summed((s.counts for s in sections), builder.palette)
    closing = builder.as_of == builder.period.close
    intro_texts = [*plan.meta.introduction, *(a.text for a in plan.meta.monitoring.arrangements)]
    return {
        "kind": kind,
        "title": title,
        "subtitle": subtitle,
        "authority": plan.meta.authority,
        "plan_title": plan.meta.title,
        "period": builder.period.label,
        "as_of": long_date(builder.period.end if closing else builder.as_of),
        "position": (
            f"Position at the close of {builder.period.label}"
            if closing
            else f"Status as of {long_date(builder.as_of)}"
        ),
        "evidence_heading": f"Evidence of progress {builder.period.label}",
        "sections": sections,
        "counts": counts,
        "glossary": builder.glossary([*_report_texts(sections), plan.meta.title, *intro_texts]),
        "palette": builder.palette,
    }


def _overdue_refs(builder: _Builder, keep: set[str] | None = None) -> list[TaskRef]:
    late = [
        (task, builder.assessments[task.id])
        for task in builder.tasks.values()
        if builder.assessments[task.id].overdue and (keep is None or task.id in keep)
    ]
    late.sort(key=lambda pair: -pair[1].days_overdue)
    return [
        builder.ref(task, f"{days_text(a.days_overdue)} overdue, {a.reason}") for task, a in late
    ]


def _measure(measure: Measure) -> str:
    said = [
        f"target: {measure.target}" if measure.target else "",
        f"baseline: {measure.baseline}" if measure.baseline else "",
    ]
    detail = "; ".join(part for part in said if part)
    return f"{measure.text} ({detail})" if detail else measure.text


def days_text(days: int) -> str:
    """'1 day', '30 days'."""
    return f"{days} day" if days == 1 else f"{days} days"


def monthly(plan: Plan, period: Period, *, smart: SmartView | None = None) -> MonthlyReport:
    """The monthly update document, laid out as the plan is: the position at the close of the
    month (see Period.close), built only from what the plan records as done by then."""
    builder = _Builder(plan, period.close, period)
    common = _base(
        plan,
        builder,
        "monthly",
        plan.meta.title,
        f"Monthly update: {period.label}",
        builder.sections(),
    )
    next_month = month_period(f"{add_months(period.start, 1):%Y-%m}")
    due_next = [
        builder.ref(task, f"due {long_date(due)}")
        for task in builder.tasks.values()
        if not builder.assessments[task.id].overdue
        and not task.complete_at(period.close)
        and (due := next_due(task, next_month.start, builder.context)) is not None
        and next_month.start <= due <= next_month.end
    ]
    return MonthlyReport(
        **common,
        overdue=_overdue_refs(builder),
        introduction=list(plan.meta.introduction),
        monitoring=[a.text for a in plan.meta.monitoring.arrangements],
        smart=smart,
        due_next=due_next,
        new_evidence=_new_evidence(builder),
        completed=_completed_in(builder, period),
        changes=_changes(builder),
    )


def _new_evidence(builder: _Builder) -> list[TaskRef]:
    """Each action with evidence dated in the period, once, with all its new entries."""
    found = []
    for task in builder.tasks.values():
        if task.tracked_as is not None:
            continue  # listed once, under the action that keeps it
        entries = [
            f"{_evidence_date(entry.date)}: {entry.text}"
            for entry in sorted(task.evidence, key=lambda e: evidence_span(e.date))
            if builder.period.start <= evidence_span(entry.date)[1] <= builder.period.end
        ]
        if entries:
            count = f"{len(entries)} new entries" if len(entries) > 1 else "1 new entry"
            ref = builder.ref(task, count)
            found.append(replace(ref, entries=entries))
    return found


def _changes(builder: _Builder) -> Changes:
    """Status changes and due moves in the period, from the plan's own dated records: the
    position at the close of the previous period against the position at this one's close."""
    start = builder.period.start
    status_changes, moved, newly = [], [], []
    for task in builder.tasks.values():
        now = builder.assessments[task.id]
        then = assess(task, start, builder.context, builder.scale)
        if then.code != now.code:
            status_changes.append(Change(task.id, task.text, then.word, now.word))
            if now.overdue:
                newly.append(builder.ref(task, now.reason))
        if task.tracked_as is None:
            moved += [
                MovedDue(task.id, task.text, view)
                for move, view in zip(
                    task.moves_at(builder.as_of), builder.moves(task), strict=True
                )
                if start <= move.date <= builder.period.end
            ]
    return Changes(
        status_changes=status_changes,
        moved_due_dates=moved,
        newly_overdue=newly,
    )


def quarterly(plan: Plan, period: Period) -> QuarterlyReport:
    """The quarterly data set: status counts per section and item, and the trend."""
    builder = _Builder(plan, period.close, period)
    common = _base(
        plan,
        builder,
        "quarterly",
        plan.meta.title,
        f"Quarterly report: {period.label}",
        builder.sections(),
    )
    before = _Builder(plan, period.start, Period(period.start, period.previous_end, ""))
    return QuarterlyReport(
        **common,
        overdue=_overdue_refs(builder),
        previous_counts=Counts.of((a.code for a in before.assessments.values()), builder.palette),
        previous_label=long_date(period.previous_end),
        completed=[
            builder.ref(task, _completed_detail(task, period.close))
            for task in builder.tasks.values()
            if task.complete_at(period.close)
            and not task.complete_at(period.start)
            and builder.assessments[task.id].state is State.COMPLETE
        ],
    )


def _completed_in(builder: _Builder, period: Period) -> list[TaskRef]:
    """The tasks completed (or closed) during `period`, by what their records say."""
    return [
        builder.ref(task, _completed_detail(task, period.close))
        for task in builder.tasks.values()
        if task.tracked_as is None
        and task.complete_at(period.close)
        and not task.complete_at(period.start - timedelta(days=1))
    ]


def _completed_detail(task: Task, as_of: date) -> str:
    day = task.completed_on(as_of)
    return f"completed {long_date(day)}" if day else "completed in the quarter"


def board_report(plan: Plan, board: str, period: Period) -> BoardReport:
    """What is accountable to one board, or due to be reported to it in the month."""
    builder = _Builder(plan, period.close, period)
    name = builder.names.get(board, board)
    wordings = {board.lower(), name.lower()} | {
        v.lower() for b in plan.boards if b.id == board for v in b.variants
    }
    keep = set()
    for task in builder.tasks.values():
        due = task.due_at(period.close)
        mentioned = any(w in (task.by_when or "").lower() for w in wordings)
        in_month = due is not None and period.start <= due <= period.end
        if board in task.accountable_to or (mentioned and in_month):
            keep.add(task.id)
    sections = builder.sections(keep)
    common = _base(
        plan,
        builder,
        "board",
        f"Report to {name}",
        f"{period.label}: actions accountable or due to be reported to it",
        sections,
    )
    return BoardReport(**common, overdue=_overdue_refs(builder, keep), board=name)


def lead_report(plan: Plan, role: str, as_of: date) -> LeadReport:
    """One lead's actions, overdue first."""
    period = Period(as_of, as_of, long_date(as_of))
    builder = _Builder(plan, as_of, period)
    keep = {
        t.id
        for t in builder.tasks.values()
        if any(lead.role == role and lead.leads_on(as_of) for lead in t.leads)
    }
    title = builder.roles.get(role, role)
    common = _base(
        plan,
        builder,
        "lead",
        f"Actions led by {title}",
        f"As of {long_date(as_of)}",
        builder.sections(keep),
    )
    coming = [
        (due, builder.ref(task, f"due {long_date(due)}"))
        for task in builder.tasks.values()
        if task.id in keep
        and not task.complete_at(as_of)
        and not builder.assessments[task.id].overdue
        and (due := next_due(task, as_of, builder.context)) is not None
    ]
    return LeadReport(
        **common,
        overdue=_overdue_refs(builder, keep),
        lead=title,
        due_next=[ref for _, ref in sorted(coming, key=lambda pair: pair[0])],
    )
