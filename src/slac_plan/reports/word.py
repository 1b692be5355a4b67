"""Reports as Word documents (python-docx): real tables and heading styles for board papers.

Built from the same report context as the Markdown and HTML templates, so the three formats
say the same things. Status cells carry their word as well as their colour.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell

from slac_plan.core.wording import one_line, sentence
from slac_plan.reports.report import (
    Counts,
    LeadReport,
    MonthlyReport,
    QuarterlyReport,
    Report,
    Row,
    StatusView,
    TaskRef,
)

Styles = dict[str, Any]
STYLE_NAMES = (
    "Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2", "List Number",
)  # fmt: skip


def report_docx(report: Report) -> bytes:
    """The report as the bytes of a .docx file (A4 landscape)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(10))
    section.footer_distance = Mm(5)
    document.styles["Normal"].font.size = Pt(8.5)
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        _arial(document.styles[name])
    document.styles["Normal"].paragraph_format.space_after = Pt(2)
    # Word's document properties hold one line of at most 255 characters
    document.core_properties.title = one_line(report.title)[:255]
    document.core_properties.subject = one_line(report.subtitle)[:255]
    # Looked up once: python-docx finds a style by name with a search of the whole style
    # sheet, which took most of a large report's time.
    styles: Styles = {name: document.styles[name] for name in STYLE_NAMES}

    _footer(section, report)
    document.add_paragraph(report.title, styles["Title"])
    document.add_paragraph(f"{report.authority}: {report.subtitle}. {report.position}.")
    document.add_paragraph(_legend(report))
    monthly = isinstance(report, MonthlyReport)
    document.add_paragraph("At a glance" if monthly else "Summary", styles["Heading 1"])
    _counts_table(document, report)
    if isinstance(report, QuarterlyReport):
        _trend_table(document, styles, report.previous_label, report.previous_counts, report)
    if isinstance(report, MonthlyReport):
        if report.smart is not None:
            smart = report.smart
            document.add_paragraph(
                f"Fully SMART actions: {smart.smart} of {smart.total} ({smart.percent}%)."
            )
        _refs(
            document,
            styles,
            "Became overdue this month",
            report.changes.newly_overdue,
            "Nothing became overdue this month.",
            brief=True,
        )
        _refs(
            document,
            styles,
            "Completed this month",
            report.completed,
            "Nothing was completed this month.",
            brief=True,
        )
        document.add_paragraph("Due dates moved this month", styles["Heading 2"])
        for moved in report.changes.moved_due_dates:
            paragraph = document.add_paragraph(style=styles["List Bullet"])
            _link(paragraph, moved.id, bookmark_name(moved.id))
            paragraph.add_run(f": {moved.move.sentence} {moved.text}")
        if not report.changes.moved_due_dates:
            document.add_paragraph("No due date moved.")
        detail = document.add_paragraph("This month in detail", styles["Heading 1"])
        detail.paragraph_format.page_break_before = True  # the first page stands alone
    _refs(document, styles, "Overdue", report.overdue, "Nothing is overdue.")
    if isinstance(report, MonthlyReport | LeadReport):
        title = "Due next month" if isinstance(report, MonthlyReport) else "Coming up"
        empty = (
            "Nothing falls due next month."
            if isinstance(report, MonthlyReport)
            else ("Nothing falls due.")
        )
        _refs(document, styles, title, report.due_next, empty)
    if isinstance(report, MonthlyReport):
        _refs(document, styles, "New evidence this month", report.new_evidence, "No new evidence.")
    if isinstance(report, QuarterlyReport):
        _refs(
            document, styles, "Completed in the quarter", report.completed, "Nothing was completed."
        )
    if isinstance(report, MonthlyReport):
        document.add_paragraph("What changed this month", styles["Heading 2"])
        for change in report.changes.status_changes:
            paragraph = document.add_paragraph(style=styles["List Bullet"])
            _link(paragraph, change.id, bookmark_name(change.id))
            paragraph.add_run(f": {change.before} to {change.after}. {change.text}")
        if not report.changes.status_changes:
            document.add_paragraph("No status changed.")
    if isinstance(report, MonthlyReport) and (report.introduction or report.monitoring):
        document.add_paragraph("Introduction", styles["Heading 1"])
        for text in report.introduction:
            document.add_paragraph(text)
        if report.monitoring:
            document.add_paragraph("Monitoring arrangements", styles["Heading 2"])
        for line in report.monitoring:
            document.add_paragraph(line, style=styles["List Number"])
    bookmarks = itertools.count(1)  # numbered per document: the same report, the same file
    for view in report.sections:
        document.add_paragraph(view.title, styles["Heading 1"])
        if not view.items:
            document.add_paragraph("This section has no items.")
        for item in view.items:
            heading = document.add_paragraph(f"{item.number} ", styles["Heading 2"])
            _small(heading.add_run(item.id))
            heading.add_run(
                f" {item.label}" + (f". Timescale: {item.timescale}" if item.timescale else "")
            )
            lead_in = [heading]
            lead_in.append(document.add_paragraph(item.text))
            lead_in += [document.add_paragraph(note) for note in item.notes]
            lead_in += [document.add_paragraph(f"See also {ref}") for ref in item.cross_references]
            for paragraph in lead_in:  # an item's heading and words stay with its table
                paragraph.paragraph_format.keep_with_next = True
            _item_table(document, report, item.rows, bookmarks, kept=item.kept)
    if report.glossary:
        document.add_paragraph("Glossary", styles["Heading 1"])
        for entry in report.glossary:
            paragraph = document.add_paragraph(style=styles["List Bullet"])
            paragraph.add_run(entry.term).bold = True
            paragraph.add_run(f": {entry.meaning}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _arial(style: Any) -> None:
    """Arial, as the HTML prints: the default template's Calibri is missing where LibreOffice
    opens the file, and its stand-in is wider, so rows and pages grow. Set for every script
    (the East Asian and complex-script slots too), so no run falls back to another font."""
    style.font.name = "Arial"
    fonts = style.element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), "Arial")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _table(document: DocxDocument, header: Sequence[str]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table)
    return table


def _add_row(table: Table) -> list[_Cell]:
    """A row that Word keeps on one page: split, its status colour would stand on the next page
    without its word."""
    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return list(row.cells)


def _repeat_header(table: Table) -> None:
    """Mark the first row as a header row: Word repeats it on each page and reads it as such."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _status(cell: _Cell, status: StatusView, report: Report) -> None:
    """The status word on a light tint of its colour (a printed page stays readable in grey),
    with a bar of the full colour at the cell's left."""
    shade = next(shade for shade in report.palette if shade.code == status.code)
    cell.text = ""
    run = cell.paragraphs[0].add_run(status.label)
    run.bold = True
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _tint(shade.fill))
    properties.append(shading)
    borders = OxmlElement("w:tcBorders")
    left = OxmlElement("w:left")
    for key, value in (("w:val", "single"), ("w:sz", "36"), ("w:color", shade.fill.upper())):
        left.set(qn(key), value)
    borders.append(left)
    properties.append(borders)
    if status.overridden:
        cell.add_paragraph(f"Set by hand: {status.reason}")


def _tint(fill: str, keep: float = 0.25) -> str:
    """The colour mixed with white, keeping `keep` of it: a background the text reads on."""
    channels = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(255 - (255 - c) * keep):02X}" for c in channels)


def _legend(report: Report) -> str:
    """What the colours mean, in words, as the HTML says it."""
    named = [f"{shade.name} ({shade.word.lower()})" for shade in reversed(report.palette)]
    listed = ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else named[0]
    return (
        f"Status is {listed}, derived from due dates, evidence and recorded status; a status "
        "set by hand says so, with its reason."
    )


def _footer(section: Any, report: Report) -> None:
    """Every page says which report it is and which page: "Page 3 of 28"."""
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""
    paragraph.add_run(f"{one_line(report.title)}: {one_line(report.subtitle)}. Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(7.5)


def _field(paragraph: Any, code: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _counts_table(document: DocxDocument, report: Report) -> None:
    table = _table(
        document,
        ("Section", *(shade.label for shade in report.palette), "Total"),
    )
    rows = [(view.title, view.counts) for view in report.sections]
    rows.append(("All actions", report.counts))
    others = len(report.palette) + 1
    for title, counts in rows:
        cells = _add_row(table)
        values = (title, *(counts.count(shade.code) for shade in report.palette), counts.total)
        total = counts is report.counts
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(value)
            paragraph = cell.paragraphs[0]
            for run in paragraph.runs:
                run.bold = total
            if n:  # numbers line up on the right, as in the HTML
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _widths(table, (28, *(42 / others,) * others))  # names wide, numbers narrow


def _trend_table(
    document: DocxDocument, styles: Styles, label: str, before: Counts, report: Report
) -> None:
    document.add_paragraph("Trend", styles["Heading 2"])
    table = _table(document, ("Status", label, report.as_of))
    for shade in report.palette:
        code = shade.code
        cells = _add_row(table)
        cells[0].text = shade.label
        cells[1].text = f"{before.count(code)} ({before.percent(code)}%)"
        cells[2].text = f"{report.counts.count(code)} ({report.counts.percent(code)}%)"


def _refs(
    document: DocxDocument,
    styles: Styles,
    title: str,
    refs: Sequence[TaskRef],
    empty: str,
    *,
    brief: bool = False,
) -> None:
    """A summary list, each line linked to its row; `brief`: one short line each, for the
    first page."""
    document.add_paragraph(title, styles["Heading 2"])
    if not refs:
        document.add_paragraph(empty)
    for ref in refs:
        paragraph = document.add_paragraph(style=styles["List Bullet"])
        _link(paragraph, ref.id, bookmark_name(ref.id))
        if brief:
            paragraph.add_run(f" {ref.brief} ({ref.lead}; {ref.detail}) {ref.status.label}.")
            continue
        paragraph.add_run(
            f" ({ref.lead}): {sentence(ref.text)} {sentence(ref.detail)} {ref.status.label}."
        )
        for entry in ref.entries:
            document.add_paragraph(entry, style=styles["List Bullet 2"])


def bookmark_name(ident: str) -> str:
    """A Word bookmark name for a row's id: letters, digits and '_', at most 40 characters,
    starting with a letter; the id's own characters kept where Word allows them."""
    name = "a_" + re.sub(r"[^A-Za-z0-9]", "_", ident)
    if len(name) > 40:  # distinct ids must stay distinct when cut short
        name = name[:31] + "_" + hashlib.blake2b(ident.encode(), digest_size=4).hexdigest()
    return name


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    """Mark `paragraph` as the place a summary line's link leads to."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _link(paragraph: Any, text: str, anchor: str) -> None:
    """`text` as a link to the bookmark `anchor`, bold and underlined (Word's own link look
    needs a style the default template lacks)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag in ("w:b", "w:u"):
        element = OxmlElement(tag)
        if tag == "w:u":
            element.set(qn("w:val"), "single")
        properties.append(element)
    run.append(properties)
    words = OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _small(run: Any) -> None:
    """An id beside a number: small and grey, as in the HTML."""
    run.font.size = Pt(7)
    run.font.color.rgb = RGBColor.from_string("444444")


def _item_table(
    document: DocxDocument,
    report: Report,
    rows: Sequence[Row],
    bookmarks: Iterator[int],
    *,
    kept: bool,
) -> None:
    table = _table(
        document,
        (
            "Required outcome",
            "Actions",
            "Lead",
            "By when / Accountable to",
            report.evidence_heading,
            "Status",
        ),
    )
    for row in rows:
        cells = _add_row(table)
        cells[0].text = " / ".join(row.outcomes)
        cells[1].text = ""
        line = cells[1].paragraphs[0]
        line.add_run(f"{row.label} ")
        _small(line.add_run(row.id))  # beside the number: what the summary names
        line.add_run(f" {row.text}")
        _bookmark(line, bookmark_name(row.id), next(bookmarks))
        if row.tracked_as:
            cells[1].add_paragraph(
                f"The same work as {row.tracked_as}: its status and evidence are shown."
            )
        for measure in row.measures:
            cells[1].add_paragraph(f"Measure: {measure}")
        for note in row.notes:
            cells[1].add_paragraph(note)
        for ref in row.see_also:
            cells[1].add_paragraph(f"({ref.text}" + (f": {ref.ref})" if ref.ref else ")"))
        if row.lead_rows:
            cells[2].text = "; ".join(
                lead.title
                + (f" ({lead.dates})" if lead.dates else "")
                + (" (responsible)" if lead.responsible else "")
                for lead in row.leads
            )
        if row.when_rows:
            _when(cells[3], row)
        cells[4].text = ""
        said = [f"Progress {row.progress}"] if row.progress else []
        said += [
            f"{e.date}: {e.text}" + (f" ({e.ref})" if e.ref else "") + (" (new)" if e.new else "")
            for e in row.evidence
        ]
        for n, line in enumerate(said):
            paragraph = cells[4].paragraphs[0] if n == 0 else cells[4].add_paragraph()
            paragraph.add_run(line)
        _status(cells[5], row.status, report)
    _widths(table, ITEM_COLUMNS)
    _merge_shared_cells(table, rows)
    _keep_together(table, rows, kept=kept)


ITEM_COLUMNS = (16, 24, 13, 15, 20, 12)
"""Each column's share of an item table's width in percent, as in the HTML: the action and
its evidence get the room, so rows stay short."""
TEXT_WIDTH_MM = 277  # A4 landscape less two 10 mm margins


def _widths(table: Table, shares: Sequence[float]) -> None:
    """Fixed column widths (Word otherwise makes every column as wide as the others)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for share, column in zip(shares, grid.gridCol_lst, strict=True):
        column.w = Mm(TEXT_WIDTH_MM * share / 100)
    for row in table.rows:
        for share, cell in zip(shares, row.cells, strict=True):
            cell.width = Mm(TEXT_WIDTH_MM * share / 100)


def _when(cell: _Cell, row: Row) -> None:
    cell.text = row.by_when
    if row.due:
        cell.add_paragraph(f"Due {row.due}")
    for move in row.moves:
        cell.add_paragraph(move.sentence)
    if row.reviews:
        cell.add_paragraph("Review: " + ", ".join(row.reviews))
    if row.accountable_to:
        cell.add_paragraph("Accountable to: " + ", ".join(row.accountable_to))


def _merge_shared_cells(table: Table, rows: Sequence[Row]) -> None:
    """One Lead (and By when) cell down an action and the sub-actions that share it, as the
    plan prints it (row 0 is the header)."""
    for n, row in enumerate(rows, start=1):
        for column, covers in ((2, row.lead_rows), (3, row.when_rows)):
            if covers > 1:
                table.cell(n, column).merge(table.cell(n + covers - 1, column))


def _keep_together(table: Table, rows: Sequence[Row], *, kept: bool) -> None:
    """Word keeps rows on one page when every paragraph but the last row's keeps with the
    next: the whole table when the item fits a page, else each action with its sub-actions
    when they fit, so a merged Lead cell is never left on the page before."""
    last = len(rows)
    group_end = 0
    for n, row in enumerate(rows, start=1):
        if row.kept:
            group_end = n + next(
                (k for k, later in enumerate(rows[n:]) if not later.is_sub), last - n
            )
        together = (kept and n < last) or n < group_end
        if together:
            for cell in table.rows[n].cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
