"""Every SMART rule against its own data files: one that fails it, one that passes.

Each file in tests/rules/ is a plan file named CODE-fail.yaml or CODE-pass.yaml. Header
comments say what to expect and how to place it:
  # expect: S001 12:11      a finding of that rule at that line and column (one per line)
  # file: roles.yaml        the case replaces this plan file (default: it is an item)
  # lint-config: {...}      settings added to plan.yaml's `lint:`
A pass file expects nothing. Only the rule under test runs, as of 1 March 2012.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from slac_plan.checks.lint import lint_plan
from slac_plan.checks.rules import BY_CODE, RULES, Rule
from tests.conftest import PlanDir

CASES = Path(__file__).parent / "rules"
AS_OF = date(2012, 3, 1)


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def _header(text: str, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.+)$", text, re.MULTILINE)


def run_case(plan_dir: PlanDir, case: Path) -> tuple[list[str], list[str]]:
    """(findings of the rule under test as "CODE line:col", other problems) for one case."""
    code = case.name.split("-")[0]
    text = case.read_text(encoding="utf-8")
    target = _header(text, "file")
    if target:
        path = plan_dir.write(target[0], text)
    else:
        (plan_dir.root / "items" / "r1.yaml").unlink()
        path = plan_dir.item("case.yaml", text)
    for config in _header(text, "lint-config"):
        meta = plan_dir.root / "plan.yaml"
        meta.write_text(meta.read_text(encoding="utf-8") + f"lint: {config}\n", encoding="utf-8")
    result = lint_plan(plan_dir.root, today=date(2026, 11, 28), as_of=AS_OF, select=[code])
    found = [f"{p.code} {p.line}:{p.col}" for p in result.problems if p.code == code]
    assert all(p.path == path for p in result.problems if p.code == code)
    others = [
        f"{p.location()} {p.code} {p.message}"
        for p in result.problems
        if p.code != code and p.severity == "error"
    ]
    return found, others


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_rule_case(plan_dir: PlanDir, case: Path) -> None:
    found, others = run_case(plan_dir, case)
    assert others == [], "the case file must be a valid plan file"  # warnings are fine
    expected = _header(case.read_text(encoding="utf-8"), "expect")
    if case.stem.endswith("-pass"):
        assert expected == [] and found == []
    else:
        assert expected, f"{case.name} declares no '# expect:' line"
        assert found == expected


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    names = {case.stem for case in _cases()}
    for rule in RULES:
        assert {f"{rule.code}-fail", f"{rule.code}-pass"} <= names, rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: type[Rule]) -> None:
    assert BY_CODE[rule.code] is rule
    doc = rule.documentation()
    assert doc.splitlines()[0].endswith(".")
    assert "Why:" in doc and "Fails" in doc and "Passes" in doc
    assert re.fullmatch(r"[SMARTEP]\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def test_an_overloaded_lead_message_names_ten_ids_and_counts_the_rest(plan_dir: PlanDir) -> None:
    head = (CASES / "A003-fail.yaml").read_text(encoding="utf-8").split("  - id: R5.1\n")[0]
    action = (
        "  - id: R5.{n}\n    text: Deliver training on analysis of risk to team {n}.\n"
        "    outcomes: [o1]\n    leads:\n      - role: hos\n        responsible: true\n"
        "    by_when: February 2012\n"
    )
    (plan_dir.root / "items" / "r1.yaml").unlink()
    plan_dir.item("case.yaml", head + "".join(action.format(n=n) for n in range(1, 14)))
    result = lint_plan(plan_dir.root, today=None, as_of=AS_OF, select=["A003"])
    [problem] = [p for p in result.problems if p.code == "A003"]
    assert problem.message == (
        "Head of Safeguarding is responsible for 13 actions due in 2012-02 (more than 6): "
        + ", ".join(f"R5.{n}" for n in range(1, 11))
        + " and 3 more"
    )
