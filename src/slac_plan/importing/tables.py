"""Read a Word document, an Excel workbook or a CSV file into plain grids of cells.

Each format hides "same as above" its own way: Word merges cells down (`w:vMerge`), Excel
merges ranges, and both show a date as its number format says. Here every grid cell carries
the text as the reader sees it, whether it continues the merged cell above it, and the typed
value behind it (an Excel date), so the rest of the import never looks at a file format.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from slac_plan.importing.errors import ImportInputError

SUFFIXES = (".docx", ".xlsx", ".xlsm", ".csv")
"""The kinds of file `read_grids` reads."""


@dataclass(frozen=True)
class Cell:
    """One cell as the reader sees it: its text (paragraphs or lines joined with new lines)."""

    text: str = ""
    merged: bool = False
    """It continues a cell merged down from above (and repeats that cell's text)."""
    value: date | None = None
    """The date behind a date-formatted spreadsheet cell."""


@dataclass(frozen=True)
class Row:
    number: int
    """Its row number in the source (1-based, as the sheet or table counts)."""
    cells: list[Cell]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a Word document outside any table."""

    text: str
    heading: bool
    """Styled as a heading or title (a section or recommendation heading, most likely)."""


@dataclass
class Grid:
    """One table (Word), sheet (Excel) or file (CSV), with where it came from."""

    where: str
    """e.g. "plan.docx, table 2" or "tracker.xlsx, sheet 'LAC'": used in every message."""
    rows: list[Row]
    lead_in: list[Paragraph] = field(default_factory=list)
    """The paragraphs between the previous table and this one (Word only)."""
    sheet: str | None = None
    """The sheet's name (Excel only)."""


def read_grids(path: Path) -> list[Grid]:
    """Every table of the file at `path`, in document order; ImportInputError if it cannot be
    read as the kind of file its name says."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportInputError(
            f"{path}: cannot import a '{suffix or 'nameless'}' file; "
            "give a Word (.docx), Excel (.xlsx) or CSV (.csv) file"
        )
    if not path.is_file():
        raise ImportInputError(f"{path}: no such file")
    _refuse_oversized(path, suffix)
    try:
        if suffix == ".docx":
            return _word(path)
        if suffix == ".csv":
            return [_csv(path)]
        return _excel(path)
    except ImportInputError:
        raise
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ImportInputError(f"{path}: cannot be read as a {suffix} file ({reason})") from None


MAX_FILE_BYTES = 50 << 20
"""A council's plan is kilobytes to a few megabytes; a larger file is refused before reading."""
MAX_UNZIPPED_BYTES = 200 << 20
"""Word and Excel files are zip archives: what they unpack to is capped too (a zip bomb)."""


def _refuse_oversized(path: Path, suffix: str) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportInputError(
            f"{path}: {size:,} bytes; a plan to import is limited to {MAX_FILE_BYTES:,}"
        )
    if suffix == ".csv":
        return
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        kind = "Word document" if suffix == ".docx" else "Excel workbook"
        raise ImportInputError(f"{path}: not a {kind} ({error})") from None
    if unpacked > MAX_UNZIPPED_BYTES:
        raise ImportInputError(
            f"{path}: unpacks to {unpacked:,} bytes; a plan to import is limited to "
            f"{MAX_UNZIPPED_BYTES:,}"
        )


# --- Word -----------------------------------------------------------------------------------


def _word(path: Path) -> list[Grid]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a file that is not Word
        raise ImportInputError(f"{path}: not a Word document ({error})") from None
    grids: list[Grid] = []
    lead_in: list[Paragraph] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = DocxParagraph(child, document)
            text = paragraph.text.strip()
            if text:
                style = (paragraph.style.name if paragraph.style is not None else "") or ""
                lead_in.append(Paragraph(text, style.startswith(("Heading", "Title"))))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            where = f"{path.name}, table {len(grids) + 1}"
            grids.append(Grid(where, _word_rows(table), lead_in))
            lead_in = []
    if lead_in and grids:
        grids.append(Grid(f"{path.name}, after the last table", [], lead_in))
    return grids


def _word_rows(table: Any) -> list[Row]:
    """The table's rows on its grid: a cell spanning columns fills the first of them, a cell
    merged down repeats the text of the cell it continues, marked as merged."""
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows: list[Row] = []
    above: dict[int, str] = {}
    for number, tr in enumerate(table._tbl.tr_lst, start=1):
        cells: list[Cell] = []
        before = tr.find(qn("w:trPr"))
        skip = 0
        if before is not None and (grid_before := before.find(qn("w:gridBefore"))) is not None:
            skip = int(grid_before.get(qn("w:val"), "0"))
        cells += [Cell()] * skip
        for tc in tr.tc_lst:
            column = len(cells)
            if tc.vMerge == "continue":
                cells.append(Cell(above.get(column, ""), merged=True))
            else:
                text = _cell_text(_Cell(tc, table))
                cells.append(Cell(text))
                above[column] = text
            cells += [Cell()] * (tc.grid_span - 1)
        rows.append(Row(number, cells))
    return rows


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, one a line, blank ones left out (nested tables are not read)."""
    lines = [paragraph.text.strip() for paragraph in cell.paragraphs]
    return "\n".join(line for line in lines if line)


# --- Excel ----------------------------------------------------------------------------------


def _excel(path: Path) -> list[Grid]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(str(path), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportInputError(f"{path}: not an Excel workbook ({error})") from None
    grids = []
    for sheet in book.worksheets:
        rows = list(_sheet_rows(sheet))
        if any(cell.text for row in rows for cell in row.cells):
            grids.append(Grid(f"{path.name}, sheet '{sheet.title}'", rows, sheet=sheet.title))
    return grids


def _sheet_rows(sheet: Any) -> Iterator[Row]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for span in sheet.merged_cells.ranges:
        for row in range(span.min_row, span.max_row + 1):
            for column in range(span.min_col, span.max_col + 1):
                merged[(row, column)] = (span.min_row, span.min_col)
    width = sheet.max_column
    for number in range(1, sheet.max_row + 1):
        cells = []
        for column in range(1, width + 1):
            top = merged.get((number, column))
            if top is None or top == (number, column):
                cells.append(_excel_cell(sheet.cell(number, column)))
            elif top[1] == column:  # below the top of a range merged down: same as above
                first = _excel_cell(sheet.cell(*top))
                cells.append(Cell(first.text, merged=True, value=first.value))
            else:  # right of the first column of a range merged across: empty
                cells.append(Cell())
        yield Row(number, cells)


def _excel_cell(cell: Any) -> Cell:
    value = cell.value
    if value is None:
        return Cell()
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        return Cell(shown_date(day, str(cell.number_format or "")), value=day)
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE")
    if isinstance(value, float) and value.is_integer():
        return Cell(str(int(value)))
    return Cell(_clean(str(value)))


_FORMAT_NOISE = re.compile(r'\[[^\]]*\]|\\|"|_.|\*.')
_DATE_TOKENS = re.compile(r"yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d", re.IGNORECASE)


def shown_date(day: date, number_format: str) -> str:
    """A date as Excel shows it under `number_format` ('mmm-yy' shows 'Sep-15'): the wording
    the officer typed and reads, which is what a 'By when' cell keeps."""
    pattern = _FORMAT_NOISE.sub("", number_format.split(";", maxsplit=1)[0])
    if not _DATE_TOKENS.search(pattern) or pattern.lower() == "general":
        return day.isoformat()
    shown = {
        "yyyy": f"{day.year:04d}",
        "yy": f"{day.year % 100:02d}",
        "mmmm": day.strftime("%B"),
        "mmm": day.strftime("%b"),
        "mm": f"{day.month:02d}",
        "m": str(day.month),
        "dddd": day.strftime("%A"),
        "ddd": day.strftime("%a"),
        "dd": f"{day.day:02d}",
        "d": str(day.day),
    }
    return _DATE_TOKENS.sub(lambda match: shown[match.group().lower()], pattern).strip()


# --- CSV ------------------------------------------------------------------------------------


def _csv(path: Path) -> Grid:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # saved from Excel on Windows
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise ImportInputError(f"{path}: not a CSV file ({error})") from None
    rows = [
        Row(number, [Cell(_clean(value)) for value in record])
        for number, record in enumerate(records, start=1)
    ]
    return Grid(path.name, rows)


def _clean(text: str) -> str:
    """Line breaks made plain and each line trimmed (spreadsheets keep stray spaces)."""
    lines = [line.strip() for line in re.split(r"\r\n|[\r\n\u2028\u2029]", text)]
    return "\n".join(line for line in lines if line)
