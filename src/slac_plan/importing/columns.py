"""What each column of a council's table holds, from its header: councils name the same column
many ways ("Lead officer", "By whom", "Responsible"), and `--map COLUMN=FIELD` settles the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from slac_plan.importing.errors import ImportInputError
from slac_plan.importing.tables import Grid, Row


class Field(StrEnum):
    """What a column holds, in slac's terms (the FIELD of `--map COLUMN=FIELD`)."""

    ITEM = "item"
    NUMBER = "number"
    REFERENCE = "report_paragraphs"
    ACTION = "action"
    OUTCOME = "outcomes"
    MEASURE = "measures"
    LEADS = "leads"
    BY_WHEN = "by_when"
    REVIEW = "review_dates"
    STATUS = "status"
    EVIDENCE = "evidence"
    NOTES = "notes"
    IGNORE = "ignore"


SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.ITEM: (
        "recommendation", "recommendations", "area for development", "areas for development",
        "area for improvement", "areas for improvement", "inspection recommendation",
        "ofsted recommendation", "recommendation area for development",
    ),
    Field.NUMBER: ("no", "number", "rec no", "recommendation no", "recommendation number"),
    Field.REFERENCE: (
        "ofsted para", "ofsted paragraph", "ofsted ref", "report paragraph", "report para",
        "para", "paragraph", "reference", "ref", "report ref",
    ),
    Field.ACTION: (
        "action", "actions", "action required", "actions required", "action to be taken",
        "actions to be taken", "key actions", "planned action", "planned actions",
        "what we will do",
    ),
    Field.OUTCOME: (
        "outcome", "outcomes", "required outcome", "required outcomes", "expected outcome",
        "expected outcomes", "desired outcome", "intended outcome",
    ),
    Field.MEASURE: (
        "measure of success", "measures of success", "success measure", "success measures",
        "success criteria", "measure", "measures", "how will we measure success",
    ),
    Field.LEADS: (
        "lead", "leads", "lead officer", "lead officers", "by whom", "responsible",
        "responsible officer", "responsible officers", "lead person", "lead persons",
        "lead person s", "lead s", "owner", "lead agency",
    ),
    Field.BY_WHEN: (
        "by when", "timescale", "timescales", "target date", "deadline", "due date",
        "completion date", "date for completion", "when",
    ),
    Field.REVIEW: ("review date", "review dates", "date of review", "review"),
    Field.STATUS: ("r a g", "rag", "rag status", "rag rating", "brag", "b r a g", "status"),
    Field.EVIDENCE: (
        "evidence of progress", "evidence", "progress", "update", "progress update",
        "comments", "commentary", "evidence of impact", "evidence of completion",
    ),
}  # fmt: skip
"""Header wordings (compared as `words` makes them) for each field; a header may carry more
words after one ("Evidence of progress January 2012")."""

FIELD_NAMES: dict[str, Field] = {
    **{field.value: field for field in Field},
    "text": Field.ITEM,
    "recommendation": Field.ITEM,
    "lead": Field.LEADS,
    "by-when": Field.BY_WHEN,
    "outcome": Field.OUTCOME,
    "measure": Field.MEASURE,
    "rag": Field.STATUS,
    "brag": Field.STATUS,
    "brag_override": Field.STATUS,
    "review": Field.REVIEW,
    "reference": Field.REFERENCE,
    "skip": Field.IGNORE,
}
"""What `--map COLUMN=FIELD` accepts as FIELD."""


def words(header: str) -> str:
    """A header as compared: lower case, '&' as 'and', punctuation and spacing as one space."""
    return " ".join(re.findall(r"[a-z0-9]+", header.casefold().replace("&", " and ")))


def parse_mapping(pairs: dict[str, str]) -> dict[str, Field]:
    """`--map` pairs as header words -> field; an unknown FIELD is an input error."""
    mapping: dict[str, Field] = {}
    for column, name in pairs.items():
        field = FIELD_NAMES.get(name.strip().casefold())
        if field is None:
            known = ", ".join(sorted(f.value for f in Field))
            raise ImportInputError(
                f"--map {column}={name}: unknown field '{name}'; one of: {known}"
            )
        mapping[words(column)] = field
    return mapping


def field_of(header: str, mapping: dict[str, Field]) -> Field | None:
    """The field a header names: `--map` first, then the longest synonym it starts with."""
    said = words(header)
    if not said:
        return Field.NUMBER if header.strip() == "#" else None
    if said in mapping:
        return mapping[said]
    best: tuple[int, Field] | None = None
    for field, wordings in SYNONYMS.items():
        for wording in wordings:
            if (said == wording or said.startswith(wording + " ")) and (
                best is None or len(wording) > best[0]
            ):
                best = (len(wording), field)
    return best[1] if best else None


@dataclass(frozen=True)
class Columns:
    """The header of a grid: where it is, and what each column holds."""

    row: int
    """The index in the grid's rows of the header row."""
    headers: list[str]
    fields: list[Field | None]

    def first(self, field: Field) -> int | None:
        return next((n for n, f in enumerate(self.fields) if f is field), None)

    def unknown(self) -> list[str]:
        return [h for h, f in zip(self.headers, self.fields, strict=True) if h and f is None]


HEADER_SEARCH = 15
"""How many rows from the top a header may sit below title rows."""


def find_header(grid: Grid, mapping: dict[str, Field]) -> Columns | None:
    """The first row (of the first few) that names an action or recommendation column and at
    least one other known column: the rows above it are titles. None when no row does, or
    when one names known columns but no action column and has headers nobody mapped (an
    ImportInputError then, asking for --map)."""
    partial: tuple[Row, Columns] | None = None
    for index, row in enumerate(grid.rows[:HEADER_SEARCH]):
        headers = [cell.text.replace("\n", " ").strip() for cell in row.cells]
        fields = [field_of(header, mapping) if header else None for header in headers]
        known = [f for f in fields if f is not None and f is not Field.IGNORE]
        columns = Columns(index, headers, fields)
        if len(known) >= 2 and (Field.ACTION in known or Field.ITEM in known):
            return columns
        if len(known) >= 2 and partial is None and columns.unknown():
            partial = (row, columns)
    if partial is not None:
        row, columns = partial
        unknown = ", ".join(f"'{h}'" for h in columns.unknown())
        raise ImportInputError(
            f"{grid.where}, row {row.number}: no column of actions or recommendations among "
            f"its headers; cannot tell what {unknown} hold: say with --map COLUMN=FIELD "
            f"(e.g. --map '{columns.unknown()[0]}=action')"
        )
    return None
