"""Problem reports for CI systems: SARIF 2.1.0 (GitHub code scanning) and JUnit XML
(GitLab, Azure DevOps). Pure strings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from slac_plan.core.problems import CODES, Problem
from slac_plan.output.formats import shown_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/slac-plan/"


def _rule_catalogue() -> dict[str, dict[str, Any]]:
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
    for code, text in {**CODES, **META_CODES}.items():
        catalogue[code] = {
            "id": code,
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": "error" if code != "L002" else "warning"},
        }
    return catalogue


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def problems_sarif(problems: Sequence[Problem], cwd: Path, version: str) -> str:
    """A SARIF 2.1.0 log with one run: the rules that fired, and one result per problem."""
    catalogue = _rule_catalogue()
    used = sorted({p.code for p in problems})
    rules = [catalogue.get(code, {"id": code}) for code in used]
    index = {code: n for n, code in enumerate(used)}
    results = []
    for p in problems:
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": {"uri": shown_path(p.path, cwd)}}
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


def problems_junit(problems: Sequence[Problem], cwd: Path, files: Sequence[Path]) -> str:
    """JUnit XML: a test suite per file, a failing test case per problem, a passing one if none."""
    by_file: dict[str, list[Problem]] = {shown_path(path, cwd): [] for path in files}
    for p in problems:
        by_file.setdefault(shown_path(p.path, cwd), []).append(p)
    root = ET.Element("testsuites", name="slac lint")
    total = failures = 0
    for name in sorted(by_file):
        found = by_file[name]
        suite = ET.SubElement(
            root, "testsuite", name=name, tests=str(max(len(found), 1)), failures=str(len(found))
        )
        if not found:
            ET.SubElement(suite, "testcase", classname=name, name="slac lint")
        for p in found:
            where = f"{p.line}:{p.col}" if p.line > 0 else "file"
            case = ET.SubElement(suite, "testcase", classname=name, name=f"{p.code} at {where}")
            failure = ET.SubElement(
                case, "failure", message=p.message, type=f"{p.severity} {p.code}"
            )
            failure.text = f"{shown_path(p.path, cwd)}:{where}: {p.severity} {p.code} {p.message}"
        total += max(len(found), 1)
        failures += len(found)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
