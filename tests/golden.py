"""Golden reports of the bundled plan: `make golden` rewrites them, tests compare against them.

Rendered through the library's entry points (`slac_plan.api`), exactly as `slac report`
renders them. Word files are compared by content (the
styles, texts and status shading of every paragraph and table), not by bytes.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import docx

from slac_plan import api
from slac_plan.reports import report
from slac_plan.reports.render import render_report

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
BUNDLED = HERE.parent / "plan"


def monthly_report(month: str = "2012-01") -> report.Report:
    return api.monthly_update(BUNDLED, month, today=None)


def docx_content(data: bytes) -> dict[str, Any]:
    """What a reader sees in a Word file: paragraphs with styles, tables with cell texts."""
    document = docx.Document(io.BytesIO(data))
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                fill = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")
                cells.append(cell.text + (f" [fill {fill[0]}]" if fill else ""))
            rows.append(cells)
        tables.append(rows)
    section = document.sections[0]
    width, height = section.page_width, section.page_height
    return {
        "page": [round(width.mm) if width else None, round(height.mm) if height else None],
        "paragraphs": [
            [p.style.name if p.style else "", p.text] for p in document.paragraphs if p.text
        ],
        "tables": tables,
    }


def outputs() -> dict[str, str]:
    """File name -> expected text, for every golden file."""
    monthly = monthly_report()
    quarterly = api.quarterly_report(BUNDLED, "2012Q1", today=None)
    word = render_report(monthly, "docx")
    assert isinstance(word, bytes)
    files = {
        "monthly-2012-01.md": render_report(monthly, "md"),
        "monthly-2012-01.html": render_report(monthly, "html"),
        "monthly-2012-01.docx.json": json.dumps(docx_content(word), indent=1, ensure_ascii=False)
        + "\n",
        "quarterly-2012Q1.md": render_report(quarterly, "md"),
        "quarterly-2012Q1.html": render_report(quarterly, "html"),
    }
    return {name: str(text) for name, text in files.items()}


def main() -> int:
    GOLDEN.mkdir(exist_ok=True)
    for name, text in outputs().items():
        (GOLDEN / name).write_text(text, encoding="utf-8")
        print(f"wrote tests/golden/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
