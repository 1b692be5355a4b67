"""The February 2012 update as a board member gets it on paper: printed from the HTML by a
browser (Chromium), as the PDF board pack (WeasyPrint), and as the Word file (converted to PDF
by LibreOffice). Each check reads the printed pages back, not the markup.

CI installs the three renderers and sets SLAC_REQUIRE_PRINTING=1, so there a missing one is a
failure; elsewhere its checks are skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from slac_plan import api
from slac_plan.reports.render import render_report
from slac_plan.reports.report import MonthlyReport
from tests.conftest import BUNDLED_PLAN
from tests.printed import CHROMIUM, CHROMIUM_ARGS, Page, Piece, read_pages

MONTH = "2012-02"
MOST_PAGES = 30
HEADING_PT = 10.5
"""Headings print at 11 pt and more; body text at 9 pt and less."""
A4_LONG, A4_SHORT = 842, 595  # points


def _missing(what: str) -> NoReturn:
    if os.environ.get("SLAC_REQUIRE_PRINTING") == "1":
        pytest.fail(f"{what} is not installed, and this run requires the printed-page checks")
    pytest.skip(f"{what} is not installed (CI installs it: see .ci/run)")


def _chromium(report: MonthlyReport, folder: Path) -> Path:
    if CHROMIUM is None:
        _missing("chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    html = folder / "monthly.html"
    html.write_text(str(render_report(report, "html")), encoding="utf-8")
    pdf = folder / "chromium.pdf"
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(html.as_uri())
        tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        browser.close()
    return pdf


def _weasyprint(report: MonthlyReport, folder: Path) -> Path:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        _missing("WeasyPrint (with Pango)")
    pdf = folder / "weasyprint.pdf"
    data = render_report(report, "pdf")
    assert isinstance(data, bytes)
    pdf.write_bytes(data)
    return pdf


def _word(report: MonthlyReport, folder: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        _missing("LibreOffice (soffice)")
    docx = folder / "word.docx"
    data = render_report(report, "docx")
    assert isinstance(data, bytes)
    docx.write_bytes(data)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            *("--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "word.pdf"


RENDERERS: dict[str, Callable[[MonthlyReport, Path], Path]] = {
    "html printed by chromium": _chromium,
    "pdf board pack": _weasyprint,
    "word": _word,
}


@pytest.fixture(scope="module")
def report() -> MonthlyReport:
    made = api.monthly_update(BUNDLED_PLAN, MONTH, today=None)
    assert isinstance(made, MonthlyReport)
    return made


@pytest.fixture(scope="module", params=sorted(RENDERERS))
def pages(
    request: pytest.FixtureRequest,
    report: MonthlyReport,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[Page]:
    folder = tmp_path_factory.mktemp("printed")
    return read_pages(RENDERERS[request.param](report, folder))


def _token(ident: str) -> re.Pattern[str]:
    """An id as a whole word: 'SG-R1' is not found inside 'SG-R1.1'."""
    return re.compile(rf"(?<![\w.-]){re.escape(ident)}(?![\w-]|\.\w)")


def _row_ids(report: MonthlyReport) -> list[str]:
    return [row.id for section in report.sections for item in section.items for row in item.rows]


def test_at_most_30_a4_landscape_pages(pages: list[Page]) -> None:
    assert len(pages) <= MOST_PAGES
    for page in pages:
        assert (round(page.width), round(page.height)) == (A4_LONG, A4_SHORT), page.number


def test_every_page_says_which_report_and_which_page(pages: list[Page]) -> None:
    """A board member with a loose printed page knows where it belongs."""
    for page in pages:
        assert f"Page {page.number} of {len(pages)}" in page.text, page.number
        assert "Monthly update: February 2012" in page.text, page.number


def test_nothing_is_dropped(pages: list[Page], report: MonthlyReport) -> None:
    text = " ".join(page.text for page in pages)
    missing = [ident for ident in _row_ids(report) if not _token(ident).search(text)]
    assert missing == []
    assert all(entry.term in text for entry in report.glossary)


def test_no_page_ends_with_a_heading(pages: list[Page]) -> None:
    for page in pages:
        last = min(page.body, key=lambda piece: piece.y)
        assert last.size < HEADING_PT, (page.number, last.text)


def test_every_item_heading_is_on_the_page_of_its_table(
    pages: list[Page], report: MonthlyReport
) -> None:
    for section in report.sections:
        for item in section.items:
            page, heading = _heading(pages, item.id)
            table = [p for p in page.body if p.text.startswith("Required outcome")]
            assert any(p.y < heading.y for p in table), (item.id, page.number)


def _heading(pages: list[Page], ident: str) -> tuple[Page, Piece]:
    """The page and piece of an item's heading: its id on a line set in heading type."""
    found = _token(ident)
    for page in pages:
        for piece in page.body:
            if found.search(piece.text) and any(
                other.size >= HEADING_PT and abs(other.y - piece.y) < 4 for other in page.body
            ):
                return page, piece
    raise AssertionError(f"no heading names {ident}")


def test_every_table_on_a_page_starts_with_a_whole_row(
    pages: list[Page], report: MonthlyReport
) -> None:
    """A row is never split across pages (none is taller than a page): the first line under
    every table header, the one repeated on a new page too, starts a row, with its id."""
    ids = [_token(ident) for ident in _row_ids(report)]
    labels = "Required outcome Actions Lead By when / Accountable to Status"
    words = set(f"{labels} {report.evidence_heading}".split())
    for page in pages:
        for header in (p for p in page.body if p.text.startswith("Required outcome")):
            wrapped = [  # a header cell's words wrapped onto a second line
                p.y
                for p in page.body
                if header.y - 25 < p.y <= header.y and p.bold and set(p.text.split()) <= words
            ]
            below = [p for p in page.body if p.y < min(wrapped) - 2]
            top = max(p.y for p in below)
            first_line = [p.text for p in below if top - p.y < 4]
            assert any(i.search(text) for i in ids for text in first_line), (
                page.number,
                first_line,
            )


def test_a_sub_action_is_never_on_a_page_without_its_lead(
    pages: list[Page], report: MonthlyReport
) -> None:
    """Where sub-actions share their action's Lead cell, it is printed once; the action and
    its sub-actions are kept on one page, so the lead is on every page that shows them."""
    subs = [
        row
        for section in report.sections
        for item in section.items
        for row in item.rows
        if row.is_sub and row.leads
    ]
    merged = [row for row in subs if not row.lead_rows]
    assert merged, "the bundled plan's shared Lead cells are printed once"
    for page in pages:
        headers = [p.y for p in page.body if p.text.startswith("Required outcome")]
        in_tables = " ".join(p.text for p in page.body if headers and p.y < max(headers))
        for row in subs:
            if _token(row.id).search(in_tables):
                words = [" ".join(lead.title.split()[:2]) for lead in row.leads]
                assert any(w in page.text for w in words), (page.number, row.id, words)
