"""Problem reports for CI systems: SARIF 2.1.0 (GitHub code scanning) and JUnit XML
(GitLab, Azure DevOps). Pure strings."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from slac_plan.core.problems import CODES, Problem
from slac_plan.output.formats import shown_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/slac-plan/"


def _rule_catalogue() -> dict[str, dict[str, Any]]:
    """Every code slac can report, described as GitHub code scanning requires (a short and a
    full description and help): lint rules from their docstrings, validation and meta codes
    from `slac rules CODE`'s explanations, so an alert reads the same as the command line."""
    from slac_plan.checks.explain import EXPLANATIONS
    from slac_plan.checks.lint import META_CODES
    from slac_plan.checks.rules import RULES

    catalogue: dict[str, dict[str, Any]] = {}
    for rule in RULES:
        doc = rule.documentation()
        catalogue[rule.code] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": doc.split("\n\n")[0]},
            "help": {"text": doc},
            "defaultConfiguration": {"level": _level(str(rule.severity))},
        }
    for code, title in {**CODES, **META_CODES}.items():
        warning = code == "L002" or title.endswith(" (warning)")
        explanation = EXPLANATIONS.get(code, title)
        catalogue[code] = {
            "id": code,
            "shortDescription": {"text": title.removesuffix(" (warning)")},
            "fullDescription": {"text": _unwrapped(explanation)},
            "help": {"text": explanation},
            "defaultConfiguration": {"level": "warning" if warning else "error"},
        }
    return catalogue


def _unwrapped(text: str) -> str:
    """Hard-wrapped prose as one line per paragraph or list item: a full description is shown
    reflowed, so the source's line breaks would fall mid-sentence."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if lines and not line.startswith("- "):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines)


def _unknown_rule(code: str) -> dict[str, Any]:
    """A code missing from the catalogue still gets the fields code scanning requires (every
    code is explained today; this keeps one slip from making the whole upload fail)."""
    return {
        "id": code,
        "shortDescription": {"text": code},
        "fullDescription": {"text": f"slac problem {code}."},
        "help": {"text": f"Run `slac rules {code}` for what it means."},
    }


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def artifact_uri(path: Path, cwd: Path) -> str:
    """A file's location as a valid URI reference: relative to the cwd (which CI runs from the
    checkout, so it resolves against the repository) with every character a URI may not hold
    percent-encoded as UTF-8; a path outside the cwd becomes an absolute file: URI."""
    shown = PurePath(shown_path(path, cwd))
    if shown.is_absolute():
        return Path(shown).as_uri()
    return quote(os.fsencode(shown.as_posix()), safe="/")


def problems_sarif(problems: Sequence[Problem], cwd: Path, version: str) -> str:
    """A SARIF 2.1.0 log with one run: the rules that fired, and one result per problem."""
    catalogue = _rule_catalogue()
    used = sorted({p.code for p in problems})
    rules = [catalogue.get(code) or _unknown_rule(code) for code in used]
    index = {code: n for n, code in enumerate(used)}
    results = []
    for p in problems:
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": artifact_uri(p.path, cwd)}}
        }
        if p.line > 0:
            location["physicalLocation"]["region"] = {"startLine": p.line, "startColumn": p.col}
        text = p.message + (f" ({p.hint})" if p.hint else "")
        results.append(
            {
                "ruleId": p.code,
                "ruleIndex": index[p.code],
                "level": _level(str(p.severity)),
                "message": {"text": text},
                "locations": [location],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "slac",
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def problems_junit(
    problems: Sequence[Problem], cwd: Path, files: Sequence[Path], *, strict: bool = False
) -> str:
    """JUnit XML: a test suite per file, a test case per problem, a passing one if none.

    An error fails its test case; a warning fails only with `strict` (as it fails the exit
    status only with --strict), and is otherwise a skipped case holding its message: GitLab
    and other viewers count a skipped case as not failing yet show its text, while they drop
    the output of a passing one, so the warning would not be seen at all.
    """
    by_file: dict[str, list[Problem]] = {shown_path(path, cwd): [] for path in files}
    for p in problems:
        by_file.setdefault(shown_path(p.path, cwd), []).append(p)
    root = ET.Element("testsuites", name="slac lint")
    total = failures = skipped = 0
    for name in sorted(by_file):
        found = by_file[name]
        failing = sum(_fails(p, strict) for p in found)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=name,
            tests=str(max(len(found), 1)),
            failures=str(failing),
            skipped=str(len(found) - failing),
        )
        if not found:
            ET.SubElement(suite, "testcase", classname=name, name="slac lint")
        for p in found:
            where = f"{p.line}:{p.col}" if p.line > 0 else "file"
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{p.code} at {where}")
            if _fails(p, strict):
                outcome = ET.SubElement(
                    case, "failure", message=p.message, type=f"{p.severity} {p.code}"
                )
            else:
                outcome = ET.SubElement(
                    case, "skipped", message=f"{p.severity} {p.code} {p.message}"
                )
            outcome.text = f"{shown_path(p.path, cwd)}:{where}: {p.severity} {p.code} {p.message}"
        total += max(len(found), 1)
        failures += failing
        skipped += len(found) - failing
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("skipped", str(skipped))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _fails(problem: Problem, strict: bool) -> bool:
    """Whether a problem fails CI: an error always, a warning only with --strict."""
    return strict or str(problem.severity) == "error"
