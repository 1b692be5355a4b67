"""Group a document's rows into sections, recommendations and actions, as its reader would.

A recommendation is a cell merged down its actions (or repeated, or left blank below), or a
heading paragraph above its own table; an action is a row whose action cell is new, and the rows
under it with a blank or merged action cell add to it (more evidence, another lead). Nothing is
dropped: a column nobody named, or a cell that fits nowhere, is kept as a note of its item and
reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from slac_plan.core.model import YearMonth, evidence_span
from slac_plan.importing.cells import (
    dates_in,
    lettered,
    numbered,
    posts,
    split_lettered,
    split_list,
    without_action_number,
)
from slac_plan.importing.columns import Columns, Field, find_header
from slac_plan.importing.tables import Cell, Grid, Paragraph, Row

Dated = date | YearMonth

KIND_RECOMMENDATION = "recommendation"
KIND_DEVELOPMENT = "area-for-development"
KIND_IMPROVEMENT = "area-for-improvement"


@dataclass
class DraftSection:
    title: str
    kind: str


@dataclass
class DraftEvidence:
    text: str
    when: Dated


@dataclass
class DraftSub:
    letter: str
    text: str
    evidence: list[DraftEvidence] = field(default_factory=list)


@dataclass
class DraftAction:
    text: str
    where: str
    leads: list[str] = field(default_factory=list)
    by_when: str | None = None
    outcomes: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    review_dates: list[date] = field(default_factory=list)
    status: str | None = None
    evidence: list[DraftEvidence] = field(default_factory=list)
    sub_actions: list[DraftSub] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(what, text) kept as the item's notes: unmapped columns, cells that fit nowhere."""
    source_text: str = ""
    """The action cell as written (to tell a repeated cell from a new action)."""


@dataclass
class DraftItem:
    text: str
    where: str
    section: DraftSection
    number: int | None = None
    ident: str | None = None
    timescale: str | None = None
    report_paragraphs: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    actions: list[DraftAction] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    source_text: str = ""


@dataclass(frozen=True)
class Notice:
    """Something the report should say about a place in the document."""

    where: str
    message: str


@dataclass
class Drafts:
    """What one file holds, and what the import should report about it."""

    items: list[DraftItem] = field(default_factory=list)
    unmapped: list[Notice] = field(default_factory=list)
    unplaced: list[Notice] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What dating evidence needs from the plan: nothing before the inspection began, and
    nothing after today."""

    began: date
    today: date


_SECTION_WORDS = re.compile(
    r"recommendations|areas? for (?:development|improvement)|must do", re.IGNORECASE
)
_TIMESCALE = re.compile(r"^timescales?\s*[:\-\u2013]\s*(.+)$", re.IGNORECASE | re.DOTALL)


def kind_of(title: str) -> str:
    """The kind of item a section heading announces."""
    if re.search(r"areas? for development", title, re.IGNORECASE):
        return KIND_DEVELOPMENT
    if re.search(r"areas? for improvement", title, re.IGNORECASE):
        return KIND_IMPROVEMENT
    return KIND_RECOMMENDATION


def build(grids: list[Grid], mapping: dict[str, Field], name: str, context: Context) -> Drafts:
    """The items of one file's grids; `name` names the section when the file has no headings."""
    return _Builder(mapping, name, context).run(grids)


class _Builder:
    def __init__(self, mapping: dict[str, Field], name: str, context: Context) -> None:
        self.mapping = mapping
        self.name = name
        self.context = context
        self.drafts = Drafts()
        self.section: DraftSection | None = None
        self.item: DraftItem | None = None
        self.action: DraftAction | None = None
        self.columns: Columns | None = None
        self.pending_timescale: str | None = None

    def run(self, grids: list[Grid]) -> Drafts:
        sheets = [grid for grid in grids if grid.sheet is not None]
        for grid in grids:
            if len(sheets) > 1 and grid.sheet is not None:
                self._new_section(grid.sheet)
            self._grid(grid)
        return self.drafts

    # --- sections and headings -------------------------------------------------------------

    def _new_section(self, title: str) -> DraftSection:
        title = numbered(title).text if numbered(title).number is not None else title
        self.section = DraftSection(title.strip(), kind_of(title))
        self.item = self.action = None
        return self.section

    def _current_section(self) -> DraftSection:
        return self.section or self._new_section(_humane(self.name))

    def _grid(self, grid: Grid) -> None:
        columns = find_header(grid, self.mapping)
        continued = False
        if (
            columns is None
            and self.columns is not None
            and grid.rows
            and not grid.lead_in
            and len(grid.rows[0].cells) == len(self.columns.headers)
        ):
            columns = Columns(-1, self.columns.headers, self.columns.fields)
            continued = True  # a table split across a page break: the same header
        has_item_column = columns is not None and columns.first(Field.ITEM) is not None
        wants_item = columns is not None and not has_item_column and not continued
        heading = self._lead_in(grid.lead_in, wants_item=wants_item)
        if columns is None:
            if any(cell.text for row in grid.rows for cell in row.cells):
                self.drafts.notes.append(
                    Notice(grid.where, "skipped: no header naming actions or recommendations")
                )
            return
        self.columns = columns
        self._report_unmapped(grid, columns)
        if not has_item_column and not continued:
            if heading is None:
                self.drafts.unplaced.append(
                    Notice(grid.where, "no recommendation heading above this table: skipped")
                )
                return
            self._start_item(heading, grid.where, heading)
        for row in grid.rows[columns.row + 1 :]:
            self._row(grid, columns, row)

    def _lead_in(self, paragraphs: list[Paragraph], *, wants_item: bool) -> str | None:
        """Read the paragraphs before a table: headings start sections, and the last numbered
        paragraph (with the plain ones after it) is the heading of the table's recommendation.
        Returns that heading's text, or None."""
        last = max(
            (n for n, p in enumerate(paragraphs) if numbered(p.text).number is not None),
            default=None,
        )
        if not wants_item:
            last = None
        for paragraph in paragraphs[: last if last is not None else len(paragraphs)]:
            if paragraph.heading or (
                _SECTION_WORDS.search(paragraph.text) and len(paragraph.text) <= 120
            ):
                self._new_section(paragraph.text)
        if last is None:
            return None
        lines = [paragraphs[last].text]
        self.pending_timescale = None
        for paragraph in paragraphs[last + 1 :]:
            if match := _TIMESCALE.match(paragraph.text):
                self.pending_timescale = match[1].strip()
            else:
                lines.append(paragraph.text)
        return "\n".join(lines)

    def _start_item(self, text: str, where: str, source: str) -> DraftItem:
        said = numbered(text)
        lines = said.text.split("\n")
        body = "\n".join(line for line in lines if line.strip()) or text
        item = DraftItem(
            body, where, self._current_section(), said.number, said.ident, source_text=source
        )
        item.timescale, self.pending_timescale = self.pending_timescale, None
        self.drafts.items.append(item)
        self.item, self.action = item, None
        return item

    def _report_unmapped(self, grid: Grid, columns: Columns) -> None:
        for header in columns.unknown():
            self.drafts.unmapped.append(
                Notice(grid.where, f"column '{header}' is not one slac knows: kept in notes")
            )

    # --- rows ------------------------------------------------------------------------------

    def _row(self, grid: Grid, columns: Columns, row: Row) -> None:
        cells = row.cells + [Cell()] * (len(columns.headers) - len(row.cells))
        if not any(cell.text for cell in cells):
            return
        shown = [cell.text.replace("\n", " ") for cell in cells[: len(columns.headers)]]
        if shown == columns.headers:
            return  # the header again, as Word repeats it on each page
        where = f"{grid.where}, row {row.number}"
        by_field: list[tuple[Field | None, str, Cell]] = list(
            zip(columns.fields, columns.headers, cells, strict=False)
        )
        item_at = columns.first(Field.ITEM)
        if item_at is not None:
            cell = cells[item_at]
            is_new = cell.text and not cell.merged
            if is_new and (self.item is None or cell.text != self.item.source_text):
                self._start_item(cell.text, where, cell.text)
                self._item_cells(by_field, new=True)
            elif self.item is None:
                self.drafts.unplaced.append(Notice(where, "no recommendation above this row"))
                return
        if self.item is None:
            self.drafts.unplaced.append(Notice(where, "no recommendation above this row"))
            return
        action_at = columns.first(Field.ACTION)
        cell = cells[action_at] if action_at is not None else Cell()
        if (
            cell.text
            and not cell.merged
            and (self.action is None or cell.text != self.action.source_text)
        ):
            self.action = self._new_action(cell.text, where)
            self.item.actions.append(self.action)
            self._action_cells(by_field, where, new=True)
        elif self.action is not None:
            self._action_cells(by_field, where, new=False)
        else:
            self._item_cells(by_field, new=False, where=where)

    def _item_cells(
        self, cells: list[tuple[Field | None, str, Cell]], *, new: bool, where: str = ""
    ) -> None:
        """Cells that belong to the item: its number and references, or, on a row before its
        first action, an outcome (anything else there is kept as a note)."""
        assert self.item is not None
        for kind, header, cell in cells:
            if not cell.text or (cell.merged and not new):
                continue
            if kind is Field.NUMBER and new and cell.text.isdigit():
                self.item.number = int(cell.text)
            elif kind is Field.REFERENCE and not self.item.report_paragraphs:
                self.item.report_paragraphs = split_list(cell.text)
            elif new or kind in (Field.ITEM, Field.NUMBER, Field.REFERENCE, Field.IGNORE):
                continue
            elif kind is Field.OUTCOME:
                self._outcomes(cell.text)
            else:
                self.item.notes.append((header or "cell", cell.text))
                self.drafts.unplaced.append(
                    Notice(where, f"'{header}' sits beside no action: kept in the item's notes")
                )

    def _new_action(self, text: str, where: str) -> DraftAction:
        split = split_lettered(text)
        intro = without_action_number("\n".join(split.intro)) if split.intro else ""
        subs = [DraftSub(letter, said) for letter, said in split.parts]
        if not intro and subs:
            intro, subs = text, []  # lettered from the first line: the letters are the action's
        return DraftAction(intro, where, sub_actions=subs, source_text=text)

    def _action_cells(
        self, cells: list[tuple[Field | None, str, Cell]], where: str, *, new: bool
    ) -> None:
        """Add a row's cells to the current action: on its own row every cell counts (a cell
        merged down from the action above is shared); on a continuation row only new cells."""
        action = self.action
        assert action is not None and self.item is not None
        for kind, header, cell in cells:
            if not cell.text or (cell.merged and not new):
                continue
            if kind in (Field.ITEM, Field.ACTION, Field.NUMBER, Field.IGNORE):
                continue
            if kind is Field.REFERENCE:
                self._item_cells([(kind, header, cell)], new=True)
            elif kind is Field.LEADS:
                split = posts(cell.text)
                action.leads += [p for p in split if p not in action.leads]
                if split != [cell.text.strip()]:  # the cell as the council wrote it, kept
                    action.notes.append((header, " ".join(cell.text.split())))
            elif kind is Field.BY_WHEN:
                if action.by_when is None:
                    action.by_when = cell.text
                else:
                    action.notes.append((header, cell.text))
                    self.drafts.unplaced.append(
                        Notice(where, "a second 'By when' for one action: kept in notes")
                    )
            elif kind is Field.OUTCOME:
                said = self._outcomes(cell.text)
                action.outcomes += [o for o in said if o not in action.outcomes]
            elif kind is Field.MEASURE:
                action.measures += [line for line in cell.text.split("\n") if line.strip()]
            elif kind is Field.REVIEW:
                self._review(action, header, cell, where)
            elif kind is Field.STATUS:
                action.status = cell.text.strip()
            elif kind is Field.EVIDENCE:
                self._evidence(action, header, cell, where)
            else:
                action.notes.append((header or "cell", cell.text))

    def _outcomes(self, text: str) -> list[str]:
        assert self.item is not None
        said = [line.strip() for line in text.split("\n") if line.strip()]
        self.item.outcomes += [o for o in said if o not in self.item.outcomes]
        return said

    def _review(self, action: DraftAction, header: str, cell: Cell, where: str) -> None:
        days = [cell.value] if cell.value else [d for d in dates_in(cell.text) if type(d) is date]
        if days:
            action.review_dates += [d for d in days if d not in action.review_dates]
        else:
            action.notes.append((header, cell.text))
            self.drafts.unplaced.append(
                Notice(where, f"review date '{cell.text}' is not a day: kept in notes")
            )

    def _evidence(self, action: DraftAction, header: str, cell: Cell, where: str) -> None:
        """Each line of an evidence cell is one entry; a lettered one belongs to that
        sub-action. Dated by the text when it gives a date that can be (not before the
        inspection, not after the column's month or today), else by the column header."""
        column_date = next(iter(dates_in(header)), None)
        latest = evidence_span(column_date)[1] if column_date else self.context.today
        latest = min(latest, self.context.today)
        for line in cell.text.split("\n"):
            text = line.strip()
            if not text:
                continue
            target: DraftAction | DraftSub = action
            found = lettered(text)
            if found is not None:
                letter, said = found
                sub = next((s for s in action.sub_actions if s.letter == letter), None)
                if sub is not None:
                    target, text = sub, said
            told = [
                when
                for when in ([cell.value] if cell.value else dates_in(text))
                if when is not None
                and evidence_span(when)[0] >= self.context.began
                and evidence_span(when)[1] <= latest
            ]
            when = told[0] if told else column_date
            if when is None:
                action.notes.append(("Evidence (undated)", text))
                self.drafts.unplaced.append(
                    Notice(
                        where,
                        "evidence with no date in its text or its column header: kept in notes",
                    )
                )
                continue
            target.evidence.append(DraftEvidence(text, when))


def _humane(name: str) -> str:
    """A file's name as a section title: 'lac_tracker' -> 'Lac tracker'."""
    words = re.sub(r"[_\s]+", " ", name).strip()
    return (words[:1].upper() + words[1:]) or "Imported"
