"""Reports: statuses, golden renderings of the bundled plan, escaping, templates, dated records."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from slac_plan import api
from slac_plan.checks.validate import validate_plan
from slac_plan.core.model import Plan
from slac_plan.core.queries import tasks
from slac_plan.core.status import assess
from slac_plan.reports.render import render_report
from slac_plan.reports.report import MonthlyReport, board_report, lead_report, month_period
from tests import golden
from tests.conftest import BUNDLED_PLAN, ITEM_YAML, PLAN_YAML, PlanDir, Runner


@pytest.fixture(scope="module")
def goldens() -> dict[str, str]:
    return golden.outputs()


@pytest.mark.parametrize(
    "name",
    [
        "monthly-2012-01.md",
        "monthly-2012-01.html",
        "monthly-2012-01.docx.json",
        "quarterly-2012Q1.md",
        "quarterly-2012Q1.html",
    ],
)
def test_golden(goldens: dict[str, str], name: str) -> None:
    expected = (golden.GOLDEN / name).read_text(encoding="utf-8")
    assert goldens[name] == expected, f"tests/golden/{name} differs: run `make golden`, review"


def small_plan(plan_dir: PlanDir) -> Plan:
    plan = validate_plan(plan_dir.root, None).plan()
    assert plan is not None
    return plan


def status_of(plan: Plan, task_id: str, as_of: date) -> str:
    task = next(t for t in tasks(plan) if t.id == task_id)
    return assess(task, as_of, plan.meta.inspection.context).code


def test_brag_rule(plan_dir: PlanDir) -> None:
    plan = small_plan(plan_dir)
    # R1.1: due 29 Feb 2012, evidence 19 Jan 2012. R1.2: due 31 Mar 2012, no evidence.
    assert status_of(plan, "R1.1", date(2012, 1, 31)) == "green"  # recent evidence
    assert status_of(plan, "R1.1", date(2012, 3, 1)) == "red"
    assert status_of(plan, "R1.2", date(2012, 1, 31)) == "green"  # two months to go
    assert status_of(plan, "R1.2", date(2012, 3, 10)) == "amber"  # soon, and silent
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "    by_when: Policy to be completed by end February 2012\n",
            "    by_when: Policy to be completed by end February 2012\n    status: complete\n",
        ).replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n    brag_override:\n      status: red\n"
            "      reason: Funding withdrawn.\n",
        ),
    )
    plan = small_plan(plan_dir)
    assert status_of(plan, "R1.1", date(2012, 3, 1)) == "blue"
    task = next(t for t in tasks(plan) if t.id == "R1.2")
    overridden = assess(task, date(2012, 1, 31), plan.meta.inspection.context)
    assert (overridden.code, overridden.overridden, overridden.reason) == (
        "red",
        True,
        "Funding withdrawn.",
    )


HOSTILE = ITEM_YAML.replace(
    "text: Coaching workshops for managers.",
    "text: \"<script>alert(1)</script> {{ 7*7 }} <a href='javascript:alert(2)'>go</a> LSCB\"",
)


def test_html_shows_plan_text_as_text(plan_dir: PlanDir) -> None:
    plan_dir.item("r1.yaml", HOSTILE)
    plan = small_plan(plan_dir)
    html = render_report(lead_report(plan, "hos", date(2012, 2, 1)), "html")
    assert isinstance(html, str)
    assert "<script>" not in html
    assert re.findall(r'<a href="(?!#a-)', html) == []  # links only to the report's own rows
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert "49" not in html.split("<body>")[1]
    assert '<abbr title="Local Safeguarding Children Board">LSCB</abbr>' in html
    markdown = render_report(lead_report(plan, "hos", date(2012, 2, 1)), "md")
    assert isinstance(markdown, str)
    assert "\\<script\\>alert(1)\\</script\\> {{ 7\\*7 }}" in markdown


def test_html_is_accessible_and_self_contained(goldens: dict[str, str]) -> None:
    html = goldens["monthly-2012-01.html"]
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<script" not in html and "http://" not in html and "src=" not in html
    assert '<th scope="col">Status</th>' in html
    assert '<span class="brag brag-red">Red: Overdue</span>' in html  # a word, not a colour
    assert '<svg viewBox="0 0 100 12"' in html and 'aria-hidden="true"' in html
    assert "@page {\n    size: A4 landscape;" in html


def test_glossary_lists_only_used_acronyms(goldens: dict[str, str]) -> None:
    markdown = goldens["monthly-2012-01.md"]
    glossary = markdown.split("## Glossary", 1)[1]
    assert "- **LSCB**: Local Safeguarding Children Board" in glossary
    assert "**QMF**" in glossary  # "Draft QMF produced"
    html = goldens["monthly-2012-01.html"]
    assert html.count('<abbr title="Local Safeguarding Children Board">LSCB</abbr>') > 20


def test_word_document(goldens: dict[str, str]) -> None:
    content = json.loads(goldens["monthly-2012-01.docx.json"])
    assert content["page"] == [297, 210]  # A4 landscape
    styles = {style for style, _ in content["paragraphs"]}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    first_item = content["tables"][1]
    assert first_item[0] == [
        "Required outcome",
        "Actions",
        "Lead",
        "By when / Accountable to",
        "Evidence of progress January 2012",
        "Status",
    ]
    assert first_item[1][5] == "Green: On track [fill C5D8CC]"  # a tint of 166534, and its word


def test_board_and_lead_reports(plan_dir: PlanDir) -> None:
    plan = small_plan(plan_dir)
    board = board_report(plan, "lscb", month_period("2012-03"))
    assert [row.id for s in board.sections for i in s.items for row in i.rows] == ["R1.1"]
    lead = lead_report(plan, "hos", date(2012, 4, 2))
    assert [ref.id for ref in lead.overdue] == ["R1.1", "R1.2"]  # most overdue first


def test_report_commands(plan_dir: PlanDir, slac: Runner, tmp_path: Path) -> None:
    root = plan_dir.root
    month = slac("report", "monthly", "--plan", str(root), "--month", "2012-02")
    assert month.code == 0 and month.out.startswith("# Action plan in response")
    out = tmp_path / "m.docx"
    word = slac(
        "report",
        "monthly",
        "--plan",
        str(root),
        "--month",
        "2012-02",
        "--format",
        "docx",
        "-o",
        str(out),
    )
    assert word.code == 0 and out.read_bytes()[:2] == b"PK"
    assert slac("report", "monthly", "--plan", str(root), "--month", "2012-13").code == 2
    binary = slac(
        "report", "quarterly", "--plan", str(root), "--quarter", "2012Q1", "--format", "docx"
    )
    assert binary.code == 2 and "give --output FILE.docx" in binary.err
    board = slac("report", "board", "LSCB", "--plan", str(root), "--month", "2012-03")
    assert board.code == 0 and "# Report to Local Safeguarding Children Board" in board.out
    unknown = slac("report", "board", "lscbb", "--plan", str(root), "--month", "2012-03")
    assert unknown.code == 2 and "did you mean 'lscb'" in unknown.err
    lead = slac("report", "lead", "hos", "--plan", str(root), "--as-of", "2012-04-02")
    assert lead.code == 0 and "# Actions led by Head of Safeguarding" in lead.out


def test_council_templates_override_by_name(
    plan_dir: PlanDir, slac: Runner, tmp_path: Path
) -> None:
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "lead.md.j2").write_text(
        "{% import '_macros.md.j2' as m %}Our council: {{ report.title }}\n"
        "{{ m.refs(report.overdue, 'none', ) }}\n",
        encoding="utf-8",
    )
    result = slac(
        "report",
        "lead",
        "hos",
        "--plan",
        str(plan_dir.root),
        "--as-of",
        "2012-04-02",
        "--templates",
        str(ours),
    )
    assert result.out.startswith("Our council: Actions led by Head of Safeguarding\n")
    assert "- **R1.1**" in result.out  # the bundled partial is still found
    (ours / "lead.md.j2").write_text("{{ report.no_such_field }}\n", encoding="utf-8")
    broken = slac("report", "lead", "hos", "--plan", str(plan_dir.root), "--templates", str(ours))
    assert broken.code == 2
    assert broken.err.startswith("slac: error: template lead.md.j2:1: ")
    assert "no_such_field" in broken.err and "Traceback" not in broken.err
    lead = ("report", "lead", "hos", "--plan", str(plan_dir.root))
    (ours / "lead.md.j2").write_text("line one\n{{ 1 // 0 }}\n", encoding="utf-8")
    crashed = slac(*lead, "--templates", str(ours))
    assert crashed.code == 2
    assert crashed.err.startswith("slac: error: template lead.md.j2:2: integer division")
    # A council's templates run in the sandbox: no reaching Python's internals.
    (ours / "lead.md.j2").write_text("{{ report.__class__.__mro__ }}\n", encoding="utf-8")
    sandboxed = slac(*lead, "--templates", str(ours))
    assert sandboxed.code == 2 and "unsafe" in sandboxed.err
    missing = slac(*lead, "--templates", str(ours / "nowhere"))
    assert missing.code == 2 and "is not a folder" in missing.err


def test_what_changed_comes_from_the_plans_dated_records(plan_dir: PlanDir, slac: Runner) -> None:
    """No git needed, and a later edit does not change what an earlier month said."""
    plan = ("--plan", str(plan_dir.root))
    january = slac("report", "monthly", "--month", "2012-01", *plan).out
    edits = [
        ("status", "R1.2", "--due", "2012-04-30", "--reason", "Trainer unavailable",
         "--date", "2012-02-27"),
        ("evidence", "add", "R1.1", "Draft policy circulated.", "--date", "2012-02-10"),
        ("evidence", "add", "R1.1", "Comments back from managers.", "--date", "2012-02-24"),
    ]  # fmt: skip
    for args in edits:
        result = slac(*args, *plan)
        assert result.code == 0, result.err
    out = slac("report", "monthly", "--month", "2012-02", *plan).out
    moved = out.split("### Due dates moved this month", 1)[1].split("##", 1)[0]
    assert (
        "- **R1.2**: Moved from 31 March 2012 to 30 April 2012 on 27 February 2012: "
        "Trainer unavailable." in moved
    )
    new = out.split("### New evidence this month", 1)[1].split("###")[0]
    assert new.count("- **R1.1**") == 1  # once, with both entries under it
    assert "  - 10 February 2012: Draft policy circulated." in new
    assert "  - 24 February 2012: Comments back from managers." in new
    assert "Focus group" not in new  # January's
    row = next(line for line in out.splitlines() if line.startswith("|") and "| 2. " in line)
    assert "Due 30 April 2012. Moved from 31 March 2012 to 30 April 2012 on 27 February" in row
    assert slac("report", "monthly", "--month", "2012-01", *plan).out == january


def test_a_status_set_by_hand_says_so(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n    brag_override:\n      status: amber\n"
            "      reason: Trainer leaving in March.\n",
        ),
    )
    plan = small_plan(plan_dir)
    context = lead_report(plan, "hos", date(2012, 2, 1))
    html = render_report(context, "html")
    markdown = render_report(context, "md")
    assert isinstance(html, str) and isinstance(markdown, str)
    # the colour set by hand, and why: not "At risk", which the rule did not find
    assert (
        '<span class="brag brag-amber">Amber</span>'
        '<span class="why">Set by hand: Trainer leaving in March.</span>'
    ) in html
    assert "Amber (set by hand: Trainer leaving in March.)" in markdown


def test_a_red_set_by_hand_is_never_called_overdue(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n    brag_override:\n      status: R\n"
            "      reason: Funding withdrawn.\n",
        ),
    )
    plan = small_plan(plan_dir)
    context = lead_report(plan, "hos", date(2012, 2, 1))  # R1.2 is due 31 March: not late
    markdown = render_report(context, "md")
    assert isinstance(markdown, str)
    assert "Red (set by hand: Funding withdrawn.)" in markdown
    assert "Overdue" not in markdown.split("## ", 2)[-1]  # not in the tables
    assert [ref.id for ref in context.overdue] == []
    assert context.counts.red == 1  # counted under the colour it was given


def test_a_monthly_report_reads_each_plan_file_once(
    slac: Runner, tmp_path: Path, opened_files: Callable[[Path], Counter[str]]
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan)
    opened = opened_files(plan)
    result = slac("report", "monthly", "--month", "2012-02", "--plan", str(plan))
    assert result.code == 0, result.err
    assert len(opened) == len(list(plan.rglob("*.yaml")))
    assert set(opened.values()) == {1}, opened


def test_every_report_format_is_a_choice() -> None:
    from typing import get_args

    from slac_plan.output.choices import ReportFormat
    from slac_plan.reports.render import REPORT_FORMATS

    assert set(get_args(ReportFormat)) == set(REPORT_FORMATS)


def test_a_title_in_the_page_footer_cannot_end_the_style(plan_dir: PlanDir) -> None:
    """The footer names the report from inside CSS, where HTML escapes mean nothing."""
    plan_dir.write(
        "plan.yaml",
        PLAN_YAML.replace(
            "title: Action plan in response to an inspection",
            "title: 'Plan \"A\" </style><script>alert(1)</script> \\\\ back'",
        ),
    )
    from slac_plan.reports.report import month_period, monthly

    plan = small_plan(plan_dir)
    html = render_report(monthly(plan, month_period("2012-01")), "html")
    assert isinstance(html, str)
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<script" not in style and "</" not in style
    assert 'content: "Plan \\22 A\\22  \\3c /style\\3e ' in style


def _february_docx(slac: Runner, folder: Path) -> Path:
    """The bundled plan's February update as a Word file, made as an officer would."""
    out = folder / "update.docx"
    made = slac(
        "report", "monthly", "--plan", str(BUNDLED_PLAN), "--month", "2012-02",
        "--format", "docx", "-o", str(out),
    )  # fmt: skip
    assert made.code == 0, made.err
    return out


def test_the_word_board_paper_holds_together_on_paper(slac: Runner, tmp_path: Path) -> None:
    """Printed from Word, every page says which report and page it is, a table row never
    splits, an item's heading stays with its table, and the summary's numbers line up."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = docx.Document(str(_february_docx(slac, tmp_path)))
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    assert "Monthly update: February 2012. Page " in document.sections[0].footer.paragraphs[0].text
    assert any(
        p.text.startswith("Status is Blue (complete), Green (on track)")
        for p in document.paragraphs
    )
    headings = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"
    ]
    items = [p for p in headings if "Recommendation" in p.text or "Area for" in p.text]
    assert items and all(p.paragraph_format.keep_with_next for p in items)
    counts, *tables = document.tables
    for row in [*counts.rows[1:], *(row for table in tables for row in table.rows[1:])]:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    total = counts.rows[-1].cells
    assert total[0].text == "All actions" and all(
        run.bold for cell in total for run in cell.paragraphs[0].runs
    )
    assert all(cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for cell in total[1:])


def test_the_word_summary_links_to_its_rows(slac: Runner, tmp_path: Path) -> None:
    """A board member clicks an id in the summary and lands on its row."""
    import docx
    from docx.oxml.ns import qn

    from slac_plan.reports.word import bookmark_name

    body = docx.Document(str(_february_docx(slac, tmp_path))).element.body
    marks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    links = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    assert len(links) > 20
    assert set(links) <= marks  # every link lands somewhere
    assert bookmark_name("SG-R1.1") in marks
    ids = [mark.get(qn("w:id")) for mark in body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids)) == len(marks)
    assert all(len(name) <= 40 and name[0].isalpha() for name in marks)


def _with_sub_actions(count: int, words: int) -> str:
    """R1.2 with `count` lettered sub-actions of `words` words each, sharing its lead."""
    text = " ".join(["Coaching"] * words)
    subs = "".join(
        f"      - id: R1.2{letter}\n        text: {text}\n" for letter in "abcdefghijklmnop"[:count]
    )
    return ITEM_YAML + "    sub_actions:\n" + subs


def _rows(plan: Plan) -> dict[str, Any]:
    report = api.monthly_update(plan.root, "2012-02", today=None)
    return {row.id: row for s in report.sections for item in s.items for row in item.rows}


def test_sub_actions_that_share_a_lead_print_one_merged_cell(plan_dir: PlanDir) -> None:
    """As the plan prints it: one Lead and one By when cell down the action and its
    sub-actions, kept on one page; Markdown, with no merged cells, says 'As above'."""
    plan_dir.item("r1.yaml", _with_sub_actions(3, 6))
    rows = _rows(small_plan(plan_dir))
    assert (rows["R1.2"].lead_rows, rows["R1.2"].when_rows, rows["R1.2"].kept) == (4, 4, True)
    assert [rows[f"R1.2{x}"].lead_rows for x in "abc"] == [0, 0, 0]
    report = api.monthly_update(plan_dir.root, "2012-02", today=None)
    html = str(render_report(report, "html"))
    assert '<tbody class="kept">' in html
    assert '<td rowspan="4"><span class="lead">Head of Safeguarding' in html
    markdown = str(render_report(report, "md"))
    assert "| c. (R1.2c) " + " ".join(["Coaching"] * 6) + " | As above | As above |" in markdown
    import docx
    from docx.oxml.ns import qn

    word = render_report(report, "docx")
    assert isinstance(word, bytes)
    table = docx.Document(io.BytesIO(word)).tables[-1]
    merged = [row.cells[2]._tc.find(qn("w:tcPr")) for row in table.rows[3:]]
    assert all(p is not None and p.find(qn("w:vMerge")) is not None for p in merged)
    assert table.rows[2].cells[2].text == "Head of Safeguarding (responsible)"


def test_a_group_taller_than_a_page_repeats_its_lead_on_every_row(plan_dir: PlanDir) -> None:
    """Split across pages, a merged cell would leave later pages without the lead."""
    plan_dir.item("r1.yaml", _with_sub_actions(12, 60))
    rows = _rows(small_plan(plan_dir))
    assert not rows["R1.2"].kept and rows["R1.2"].lead_rows == 1
    for letter in "abcdefghijkl":
        row = rows[f"R1.2{letter}"]
        assert row.lead_rows == 1 and [lead.title for lead in row.leads] == ["Head of Safeguarding"]
        assert row.by_when == "February – March 2012" and row.due == "31 March 2012"


def test_the_first_page_lists_are_short_lines_linked_to_their_rows() -> None:
    report = api.monthly_update(BUNDLED_PLAN, "2012-02", today=None)
    assert isinstance(report, MonthlyReport)
    html = str(render_report(report, "html"))
    glance = html.split("<h2>At a glance</h2>", 1)[1].split('<h2 class="next-page">', 1)[0]
    lines = re.findall(r'<li><a href="#a-([^"]+)"><strong>[^<]+</strong></a> ([^<]*)', glance)
    assert len(lines) == len(report.changes.newly_overdue) + len(report.completed) > 10
    for ident, brief in lines:
        assert f'id="a-{ident}"' in html
        assert len(brief.strip()) <= 90
