"""Plan text is data, never instructions: hostile strings in a valid plan reach terminals,
spreadsheets, CI logs and Markdown inertly, and edits cannot smuggle YAML or paths in."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.queries import overdue
from slac_plan.output.display import overdue_table
from slac_plan.reports.render import render_report
from slac_plan.reports.report import lead_report
from tests.conftest import ITEM_YAML, PLAN_YAML, ROLES_YAML, PlanDir, Runner

AS_OF = ("--as-of", "2012-06-01")


def hostile_action(plan_dir: PlanDir, text: str) -> None:
    """R1.2's action text replaced by `text` (written double-quoted, escapes and all)."""
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace("text: Coaching workshops for managers.", f"text: {json.dumps(text)}"),
    )


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(plan_dir: PlanDir, slac: Runner, formula: str) -> None:
    hostile_action(plan_dir, formula)
    out = slac("overdue", "--plan", str(plan_dir.root), *AS_OF, "--format", "csv").out
    rows = list(csv.reader(io.StringIO(out)))
    action = next(row for row in rows if row[1] == "R1.2")[2]
    assert action == "'" + formula


@pytest.mark.parametrize("markup", ["[/x] closes nothing", "[link=https://evil.example]x[/link]"])
@pytest.mark.parametrize("width", [200, 80])
def test_plan_text_is_never_terminal_markup(plan_dir: PlanDir, markup: str, width: int) -> None:
    hostile_action(plan_dir, markup)
    loaded = validate_plan(plan_dir.root, None).plan()
    assert loaded is not None
    as_of = date(2012, 6, 1)
    stream = io.StringIO()
    overdue_table(stream, loaded, as_of, overdue(loaded, as_of), None, width=width)
    shown = " ".join(stream.getvalue().split())
    assert markup[:12] in shown  # drawn as written, not read as markup


def test_ci_logs_get_no_line_from_plan_text(plan_dir: PlanDir, slac: Runner) -> None:
    """A line break in a role title or a timescale must not start a line that GitHub Actions
    would run as a workflow command."""
    plan_dir.write(
        "roles.yaml",
        ROLES_YAML.replace(
            "title: Head of Safeguarding", 'title: "Head of Safeguarding\\n::error ::pwned"'
        ),
    )
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "timescale: Within 3 months (end February 2012)",
            'timescale: "Within 3 months (end February 2012)\\n::warning ::pwned"',
        ),
    )
    outputs = [
        slac("overdue", "--plan", str(plan_dir.root), *AS_OF).out,
        slac("lint", "--as-of", "2012-06-01", str(plan_dir.root)).out,
        slac("show", "R1.2", "--plan", str(plan_dir.root), *AS_OF).out,
    ]
    for out in outputs:
        assert "pwned" in out  # the text is shown ...
        assert not any(line.startswith("::") for line in out.splitlines())  # ... inertly


def test_markdown_reports_escape_every_plan_value(plan_dir: PlanDir) -> None:
    evil = "x | y <b>bold</b> [click](javascript:alert(1)) # not a heading"
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n    brag_override:\n      status: amber\n"
            f"      reason: {json.dumps(evil)}\n",
        ).replace("text: Coaching workshops for managers.", f"text: {json.dumps(evil)}"),
    )
    loaded = validate_plan(plan_dir.root, None).plan()
    assert loaded is not None
    markdown = render_report(lead_report(loaded, "hos", date(2012, 2, 1)), "md")
    assert isinstance(markdown, str)
    assert not re.search(r"(?<!\\)<b", markdown)  # HTML only as escaped text
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)  # no link
    assert not any(line.startswith("# not") for line in markdown.splitlines())
    for line in markdown.splitlines():
        if line.startswith("| ") and "R1" not in line and "---" not in line:
            cells = line.replace("\\|", "").count("|")
            assert cells in (7, 8), line  # the table keeps its shape


def test_control_characters_written_as_escapes_are_refused(plan_dir: PlanDir, slac: Runner) -> None:
    for escape in ("\\e[2J", "\\x00", "\\x9b", "\\x7f"):
        plan_dir.item(
            "r1.yaml",
            ITEM_YAML.replace(
                "text: Coaching workshops for managers.", f'text: "Coaching {escape} workshops"'
            ),
        )
        result = slac("validate", str(plan_dir.root))
        assert result.code == 1
        assert "error Y202 control character U+" in result.out, escape


def test_pasted_line_breaks_are_kept_and_controls_named(plan_dir: PlanDir, slac: Runner) -> None:
    plan = ("--plan", str(plan_dir.root))
    pasted = "Audit done.\u2028Two files late.\x85Chased."
    done = slac("evidence", "add", "R1.1", pasted, "--date", "2012-02-10", *plan)
    assert done.code == 0, done.err
    loaded = validate_plan(plan_dir.root, None).plan()
    assert loaded is not None
    texts = [e.text for e in loaded.items[0].actions[0].evidence]
    assert texts[-1] == "Audit done.\nTwo files late.\nChased."
    refused = slac("evidence", "add", "R1.1", "Rubbed out\x7f", "--date", "2012-02-10", *plan)
    assert refused.code == 1
    assert "U+007F (delete)" in refused.err and ":" not in refused.err.split("holds")[0][-3:]


def test_new_recommendation_cannot_smuggle_yaml_or_paths(
    plan_dir: PlanDir, slac: Runner, tmp_path: Path
) -> None:
    plan = ("--plan", str(plan_dir.root))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for bad_id in ("X\nsource: injected", "../../x", "a/b"):
        result = slac(
            "new", "recommendation", "--section", "sg", "--title", "T", "--id", bad_id, *plan
        )
        assert result.code == 1 and "is not an id" in result.err, bad_id
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    title = "Ensure X\nsource: injected\nnumber: 99"
    made = slac("new", "recommendation", "--section", "sg", "--title", title, *plan)
    assert made.code == 0, made.err
    loaded = validate_plan(plan_dir.root, None).plan()
    assert loaded is not None
    new = next(item for item in loaded.items if item.id == "R2")
    assert new.text == title and new.source is None and new.number == 2


def test_a_section_title_cannot_smuggle_yaml_into_a_new_file(
    plan_dir: PlanDir, slac: Runner
) -> None:
    plan_dir.write(
        "plan.yaml",
        PLAN_YAML.replace(
            "    title: Safeguarding Recommendations",
            '    title: "Safeguarding\\nsource: injected\\nnumber: 99"',
        ),
    )
    made = slac("new", "recommendation", "--section", "sg", "--title", "T", "--plan",
                str(plan_dir.root))  # fmt: skip
    assert made.code == 0, made.err
    text = (plan_dir.root / "items" / "r2.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Safeguarding source: injected number: 99: 2.\nid: R2\n")
    loaded = validate_plan(plan_dir.root, None).plan()
    assert loaded is not None
    new = next(item for item in loaded.items if item.id == "R2")
    assert new.source is None and new.number == 2
