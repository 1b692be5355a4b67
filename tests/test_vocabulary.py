"""A council with its own words: item kinds and action statuses declared in plan.yaml.

The scenario is an Ofsted improvement plan with areas for improvement and must-dos, whose
tracker uses awaiting sign-off, verified, on hold and transferred: it validates and lints with
no false errors, and overdue, the report and the edit commands speak its language.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import BOARDS_YAML, GLOSSARY_YAML, ROLES_YAML, PlanDir, Runner

COUNCIL_PLAN = """\
authority: Example Borough Council
title: Improvement plan
inspection:
  framework: Inspection of local authority children's services
  inspectorates: [Ofsted]
  start: 2019-01-07
  end: 2019-01-18
  report_date: 2019-02-22
sections:
  - id: afi
    title: Areas for improvement
    kind: area-for-improvement
  - id: must
    title: Must do
    kind: must-do
kinds:
  - id: area-for-improvement
    label: Area for improvement
  - id: must-do
    label: Must do
statuses:
  - id: not-started
    label: Not started
    means: not-started
  - id: in-progress
    label: In progress
    means: in-progress
  - id: awaiting-sign-off
    label: Awaiting sign-off
    means: in-progress
  - id: verified
    label: Verified
    means: done
  - id: on-hold
    label: On hold
    means: on-hold
  - id: transferred
    label: Transferred
    means: closed
    description: Moved to the partnership's own plan.
"""


def _action(ident: str, status: str, since: str | None = None, evidence: bool = True) -> str:
    text = f"""\
  - id: {ident}
    text: Audit fifty case files each quarter and report the findings to the board.
    leads:
      - role: hos
        responsible: true
    by_when: End of March 2019
    status: {status}
"""
    if since:
        text += f"    completed_on: {since}\n"
    if evidence:
        text += "    evidence:\n      - date: 2019-03-01\n        text: First audit done.\n"
    return text


def council_plan(tmp_path: Path) -> PlanDir:
    plan = PlanDir(tmp_path / "plan")
    plan.write("plan.yaml", COUNCIL_PLAN)
    plan.write("roles.yaml", ROLES_YAML)
    plan.write("boards.yaml", BOARDS_YAML)
    plan.write("glossary.yaml", GLOSSARY_YAML)
    head = """\
id: AFI1
section: afi
kind: area-for-improvement
number: 1
text: Improve the quality of supervision.
actions:
"""
    plan.item(
        "afi1.yaml",
        head
        + _action("AFI1.1", "awaiting-sign-off")
        + _action("AFI1.2", "verified", "2019-03-20")
        + _action("AFI1.3", "on-hold", "2019-03-10")
        + _action("AFI1.4", "transferred", "2019-03-15"),
    )
    return plan


def test_a_council_with_its_own_kinds_and_statuses(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    root = str(plan.root)
    validated = slac("validate", root)
    assert validated.code == 0, validated.out
    assert "error" not in validated.out
    linted = slac("lint", "--as-of", "2019-04-15", root)
    assert linted.code == 0, linted.out  # no false errors on the council's own words

    overdue = slac("overdue", "--plan", root, "--as-of", "2019-04-15", "--format", "csv")
    assert overdue.code == 0, overdue.err
    listed = [row["id"] for row in csv.DictReader(io.StringIO(overdue.out))]
    assert listed == ["AFI1.1"]  # awaiting sign-off is still open; the others are settled

    report = slac("report", "monthly", "--month", "2019-04", "--plan", root)
    assert report.code == 0, report.err
    assert "### 1. (AFI1) Area for improvement" in report.out
    assert "Recommendation" not in report.out
    assert "On hold" in report.out
    assert "Transferred" in report.out

    # a report for a month before the hold began does not show it
    march = slac("report", "monthly", "--month", "2019-02", "--plan", root)
    assert "On hold" not in march.out


def test_the_edit_commands_take_the_councils_statuses(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    root = str(plan.root)
    held = slac("status", "AFI1.1", "on-hold", "--date", "2019-04-02", "--plan", root)
    assert held.code == 0, held.err
    text = (plan.root / "items" / "afi1.yaml").read_text(encoding="utf-8")
    assert "    status: on-hold\n    completed_on: 2019-04-02\n" in text
    assert slac("validate", root).code == 0
    assert slac("overdue", "--plan", root, "--as-of", "2019-04-15", "--format", "csv").out == (
        slac("overdue", "--plan", root, "--as-of", "2019-04-15", "--format", "csv").out
    )
    unknown = slac("status", "AFI1.1", "finished", "--plan", root)
    assert unknown.code != 0
    assert "'finished' is not one of the plan's statuses" in unknown.err
    assert "not-started, in-progress, awaiting-sign-off, verified, on-hold, transferred" in (
        unknown.err
    )


def test_an_undeclared_kind_is_not_mistaken_for_a_near_one(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    plan.write(
        "plan.yaml",
        COUNCIL_PLAN.replace(
            "  - id: area-for-improvement\n    label: Area for improvement\n",
            "  - id: area-for-development\n    label: Area for development\n",
        ),
    )
    result = slac("validate", str(plan.root))
    assert result.code == 1
    assert "X418 section 'afi': kind 'area-for-improvement' is not one of the plan's kinds" in (
        result.out
    )
    assert "declare it under `kinds:` in plan.yaml" in result.out
    assert "did you mean" not in result.out


RAG_SCALE = """\
scale:
  - id: R
    label: Red
    meaning: Target not being met
    colour: c00000
    shows: [overdue]
  - id: A
    label: Amber
    meaning: Over one month behind
    colour: ffc000
    shows: [at-risk]
  - id: G
    label: Green
    aliases: [on track]
    colour: "00b050"
    shows: [on-track, complete]
"""


def test_a_council_with_its_own_rag_scale(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    plan.write("plan.yaml", COUNCIL_PLAN + RAG_SCALE)
    item = plan.root / "items" / "afi1.yaml"
    item.write_text(
        item.read_text(encoding="utf-8")
        + "  - id: AFI1.5\n    text: Train every team manager in reflective supervision.\n"
        "    leads:\n      - role: hos\n        responsible: true\n"
        "    by_when: End of March 2019\n    brag_override:\n      status: r\n"
        "      reason: Trainer leaving.\n      since: 2019-03-01\n",
        encoding="utf-8",
    )
    root = str(plan.root)
    assert slac("validate", root).code == 0
    markdown = slac("report", "monthly", "--month", "2019-04", "--plan", root).out
    assert (
        "| Section | Red: Target not being met | Amber: Over one month behind "
        "| Green: On track or complete | Total |"
    ) in markdown
    assert "| **All actions** | **2** | **1** | **2** | **5** |" in markdown
    assert "| Red: Target not being met |" in markdown  # AFI1.1, overdue in fact
    assert "Red: Target not being met (set by hand: Trainer leaving.)" in markdown
    assert "Blue" not in markdown
    html = slac("report", "monthly", "--month", "2019-04", "--plan", root, "--format", "html")
    assert ".brag-R { background: #c00000; color: #ffffff; }" in html.out
    assert ".brag-A { background: #ffc000; color: #111111; }" in html.out


def test_a_scale_that_leaves_a_state_unshown_or_a_colour_unknown(
    slac: Runner, tmp_path: Path
) -> None:
    plan = council_plan(tmp_path)
    plan.write("plan.yaml", COUNCIL_PLAN + RAG_SCALE.replace("[on-track, complete]", "[on-track]"))
    item = plan.root / "items" / "afi1.yaml"
    item.write_text(
        item.read_text(encoding="utf-8").replace(
            "    status: awaiting-sign-off\n",
            "    status: awaiting-sign-off\n    brag_override:\n      status: blue\n"
            "      reason: Done really.\n",
        ),
        encoding="utf-8",
    )
    result = slac("validate", str(plan.root))
    assert result.code == 1
    assert "X419 no colour of the scale shows 'complete'" in result.out
    assert "X420 AFI1.1: 'blue' is not a colour of the plan's scale (R, A, G)" in result.out


SERIOUS_CASE_REVIEW = """\
authority: Example Primary Care Trust
title: Serious case review health action plan
inspection:
  framework: Serious case review
  report_date: 2014-06
sections:
  - id: recs
    title: Recommendations
    kind: recommendation
"""


def test_a_plan_answering_a_review_with_only_a_month(slac: Runner, tmp_path: Path) -> None:
    """No inspectorate and no exact dates: 'Immediate' counts from the month's last day."""
    plan = council_plan(tmp_path)
    plan.write("plan.yaml", SERIOUS_CASE_REVIEW)
    (plan.root / "items" / "afi1.yaml").unlink()
    plan.item(
        "r1.yaml",
        "id: R1\nsection: recs\nkind: recommendation\nnumber: 1\n"
        "text: Every health visitor attends child protection conferences.\nactions:\n"
        "  - id: R1.1\n    text: Issue guidance on attendance at conferences to every team.\n"
        "    leads:\n      - role: hos\n        responsible: true\n    by_when: Immediate\n",
    )
    root = str(plan.root)
    assert slac("validate", root).code == 0
    shown = slac("overdue", "--plan", root, "--as-of", "2014-07-01", "--format", "csv")
    assert "R1.1" in shown.out
    assert ",2014-06-30," in shown.out
    assert "R1.1" not in slac("overdue", "--plan", root, "--as-of", "2014-06-30").out

    plan.write("plan.yaml", SERIOUS_CASE_REVIEW.replace("  report_date: 2014-06\n", ""))
    undated = slac("validate", root)
    assert undated.code == 1
    assert "give at least one of start, end or report_date" in undated.out


def test_the_columns_trackers_have_reach_every_output(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    plan.item(
        "afi2.yaml",
        """\
id: AFI2
section: afi
kind: area-for-improvement
number: 2
report_paragraphs: ['28', 31-33]
text: Improve the timeliness of assessments.
actions:
  - id: AFI2.1
    text: Complete every single assessment within 45 working days of referral.
    measures:
      - text: Assessments completed within 45 days
        target: 90% by March 2019
        baseline: 62%
    leads:
      - role: hos
        responsible: true
    by_when: End of March 2019
    review_dates: [2019-02-28]
    progress:
      - date: 2019-02
        text: Two extra social workers in the assessment team.
      - date: 2019-05
        text: Not yet said in April.
    evidence:
      - date: 2019-03-01
        text: Weekly performance report.
        ref: https://example.org/reports?a=1&b=<2>
      - date: 2019-03-02
        text: Team minutes.
        ref: javascript:alert(1)
""",
    )
    root = str(plan.root)
    assert slac("validate", root).code == 0
    assert slac("fmt", "--check", root).code == 0
    markdown = slac("report", "monthly", "--month", "2019-04", "--plan", root).out
    assert "(report paragraphs 28, 31-33)" in markdown
    assert (
        "Measure: Assessments completed within 45 days (target: 90% by March 2019; baseline: 62%)"
    ) in markdown
    assert "Review: 28 February 2019." in markdown
    assert "Progress February 2019: Two extra social workers" in markdown
    assert "Not yet said" not in markdown  # May's comment is not April's
    html = slac("report", "monthly", "--month", "2019-04", "--plan", root, "--format", "html").out
    assert '<a href="https://example.org/reports?a=1&amp;b=&lt;2&gt;" rel="noopener' in html
    assert 'href="javascript' not in html
    assert "(javascript:alert(1))" in html  # shown as text, never as a link
    docx = tmp_path / "update.docx"
    written = slac(
        "report", "monthly", "--month", "2019-04", "--plan", root, "--format", "docx",
        "-o", str(docx),
    )  # fmt: skip
    assert written.code == 0, written.err
    import docx as python_docx

    cells = {
        cell.text
        for table in python_docx.Document(str(docx)).tables
        for row in table.rows
        for cell in row.cells
    }
    assert any("Measure: Assessments completed within 45 days" in cell for cell in cells)
    assert any("Review: 28 February 2019" in cell for cell in cells)
    exported = slac("export", "--plan", root).out
    assert '"baseline": "62%"' in exported
    assert '"review_dates": [' in exported


def test_a_council_sets_its_own_school_term_ends(slac: Runner, tmp_path: Path) -> None:
    plan = council_plan(tmp_path)
    plan.write("plan.yaml", COUNCIL_PLAN + "terms:\n  autumn: 12-18\n  summer: 07-19\n")
    item = plan.root / "items" / "afi1.yaml"
    item.write_text(
        item.read_text(encoding="utf-8").replace(
            "    by_when: End of March 2019\n    status: awaiting-sign-off\n",
            "    by_when: Autumn term 2019\n    status: awaiting-sign-off\n",
        ),
        encoding="utf-8",
    )
    root = str(plan.root)
    assert slac("validate", root).code == 0
    late = slac("overdue", "--plan", root, "--as-of", "2019-12-19", "--format", "csv").out
    assert ",Autumn term 2019,2019-12-18,1," in late  # the council's own last day of term
    assert "2019-12-18" in slac("due", "Autumn term 2019", "--plan", root).out

    plan.write("plan.yaml", COUNCIL_PLAN + "terms:\n  spring: 07-30\n")
    wrong = slac("validate", root)
    assert wrong.code == 1
    assert "V303 terms: the spring term cannot end in month 7" in wrong.out


def test_a_colour_id_cannot_reach_into_the_reports_styles(slac: Runner, tmp_path: Path) -> None:
    """A scale's ids name CSS classes: they are plain words, or the plan is refused."""
    plan = council_plan(tmp_path)
    hostile = RAG_SCALE.replace("  - id: R\n", "  - id: 'R { } body { display: none'\n")
    plan.write("plan.yaml", COUNCIL_PLAN + hostile)
    result = slac("validate", str(plan.root))
    assert result.code == 1
    assert "V303 scale 1, id: not a colour id: use letters, digits" in result.out
