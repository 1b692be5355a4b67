"""`slac init`: a new plan that validates from its first minute, and the files that wire a plan
repository to slac (editor schemas, pre-commit hooks, a CI workflow, a short README).

Nothing is ever overwritten: the plan's own files must not exist yet (the whole init is refused
otherwise), and a repository file that exists is kept as it is and reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from slac_plan.core.model import DEFAULT_KINDS, ItemKind, PlanMeta, RolesFile, YearMonth
from slac_plan.core.problems import InputError
from slac_plan.editing.layout import format_text
from slac_plan.files import yamledit
from slac_plan.files.safewrite import replace_file
from slac_plan.files.schemas import render_schemas


class InitRefused(InputError):
    """`slac init` would overwrite a plan's file, or was given something it cannot use."""


@dataclass(frozen=True)
class NewPlan:
    """What the council says about its plan; everything else starts empty."""

    authority: str
    title: str
    framework: str = "Inspection"
    source_date: date | YearMonth | None = None
    inspectorates: tuple[str, ...] = ()
    sections: tuple[str, ...] = ("Recommendations",)


@dataclass
class Scaffold:
    """The files `slac init` writes (path -> text), and the repository files it keeps."""

    files: dict[Path, str] = field(default_factory=dict)
    kept: list[Path] = field(default_factory=list)
    first_section: str = ""


def scaffold(plan: NewPlan, folder: Path, repository: Path | None) -> Scaffold:
    """The files of a new plan in `folder`, and, when `repository` is given (the repository's
    top folder), the files that wire it to slac. Refuses if a plan file exists already."""
    if plan.source_date is None:
        raise InitRefused(
            "give the date of the inspection's report (--source-date YYYY-MM-DD, or YYYY-MM): "
            "timescales such as 'Immediate' count from it"
        )
    out = Scaffold(first_section=_slug(plan.sections[0]) if plan.sections else "")
    out.files[folder / "plan.yaml"] = _plan_yaml(plan)
    out.files[folder / "roles.yaml"] = _roles_yaml()
    existing = [path for path in out.files if path.exists()]
    if existing:
        listed = ", ".join(str(path) for path in existing)
        raise InitRefused(f"{listed} already exists: slac init never overwrites a plan")
    if repository is not None:
        for path, text in _repository_files(folder, repository).items():
            if path.exists():
                out.kept.append(path)
            else:
                out.files[path] = text
    return out


def write(built: Scaffold) -> list[Path]:
    """Write every file (each atomically, refusing any that appeared meanwhile)."""
    for path, text in built.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, text.encode("utf-8"), None)
    return list(built.files)


def repository_of(folder: Path) -> Path | None:
    """The top folder of the git repository holding `folder`, if it is in one."""
    for candidate in (folder.absolute(), *folder.absolute().parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


_KINDS = (
    (re.compile(r"areas? for development", re.I), "area-for-development", "Area for development"),
    (re.compile(r"areas? for improvement", re.I), "area-for-improvement", "Area for improvement"),
    (re.compile(r"must do", re.I), "must-do", "Must do"),
    (re.compile(r"should do", re.I), "should-do", "Should do"),
    (re.compile(r"priority action", re.I), "priority-action", "Priority action"),
)
"""Section titles that name their kind of item; any other section holds recommendations."""


def _kind(title: str) -> tuple[str, str]:
    """The kind of item a section holds, and its label, from the section's title."""
    for pattern, kind, label in _KINDS:
        if pattern.search(title):
            return kind, label
    return str(ItemKind.RECOMMENDATION), "Recommendation"


def _plan_yaml(plan: NewPlan) -> str:
    inspection: dict[str, object] = {"framework": plan.framework}
    if plan.inspectorates:
        inspection["inspectorates"] = list(plan.inspectorates)
    when = plan.source_date
    inspection["report_date"] = str(when) if isinstance(when, YearMonth) else when
    kinds = {_kind(title) for title in plan.sections}
    data: dict[str, object] = {
        "authority": plan.authority,
        "title": plan.title,
        "inspection": inspection,
        "sections": [
            {"id": _slug(title), "title": title, "kind": _kind(title)[0]} for title in plan.sections
        ],
    }
    defaults = {(str(kind.id), kind.label) for kind in DEFAULT_KINDS}
    if not kinds <= defaults:  # a kind beyond the defaults is declared, with the defaults
        data["kinds"] = [{"id": kind, "label": label} for kind, label in sorted(kinds | defaults)]
    head = (
        "# The plan: who made it, what it answers, and its sections. Add one file per\n"
        "# recommendation under items/ (slac new recommendation --section ID --title ...).\n"
    )
    return head + _formatted(data, PlanMeta)


def _roles_yaml() -> str:
    head = (
        "# The lead roles the plan's actions name: job roles, never people. For example:\n"
        "#   - id: head-safeguarding\n"
        "#     title: Head of Safeguarding\n"
    )
    return head + _formatted({"roles": []}, RolesFile)


def _formatted(data: Mapping[str, object], model: type[BaseModel]) -> str:
    model.model_validate(data)  # what init writes is valid, or this is a bug in slac
    stream = _Stream()
    yamledit.layout(explicit_start=False).dump(data, stream)
    return format_text(stream.text, model)


class _Stream:
    def __init__(self) -> None:
        self.text = ""

    def write(self, chunk: str | bytes) -> None:
        self.text += chunk.decode("utf-8") if isinstance(chunk, bytes) else chunk


def _repository_files(folder: Path, root: Path) -> dict[Path, str]:
    plan = folder.absolute().relative_to(root.absolute()).as_posix()
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", plan):
        # the folder goes into shell commands and YAML below: refused rather than quoted wrongly
        raise InitRefused(
            f"'{plan}': name the plan's folder with letters, digits, '.', '-', '_' and '/' "
            "only (it is written into the hooks and the CI workflow)"
        )
    schemas = Path(".vscode") / "slac-schemas"
    files = {
        root / schemas / f"{name}.schema.json": text for name, text in render_schemas().items()
    }
    globs = {
        "plan": f"{plan}/plan.yaml",
        "roles": f"{plan}/roles.yaml",
        "boards": f"{plan}/boards.yaml",
        "glossary": f"{plan}/glossary.yaml",
        "item": f"{plan}/items/**/*.yaml",
    }
    settings = {
        "yaml.schemas": {
            f"./{(schemas / f'{n}.schema.json').as_posix()}": g for n, g in globs.items()
        }
    }
    files[root / ".vscode" / "settings.json"] = json.dumps(settings, indent=2) + "\n"
    files[root / ".pre-commit-config.yaml"] = _PRE_COMMIT.format(plan=plan)
    files[root / ".github" / "workflows" / "plan.yml"] = _WORKFLOW.format(plan=plan)
    files[root / "README.md"] = _README.format(plan=plan)
    return files


_PRE_COMMIT = """\
# Check the plan before each commit (https://pre-commit.com): pip install pre-commit slac-plan,
# then pre-commit install. The hooks run slac as installed; they check the whole plan.
repos:
  - repo: local
    hooks:
      - id: slac-validate
        name: slac validate
        entry: slac validate {plan}
        language: system
        files: \\.ya?ml$
        pass_filenames: false
      - id: slac-lint
        name: slac lint
        entry: slac lint {plan}
        language: system
        files: \\.ya?ml$
        pass_filenames: false
"""

_WORKFLOW = """\
# Check the plan on every push and pull request; problems show on the changed lines.
name: plan
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    env:
      SLAC_CACHE_DIR: .slac-cache
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - uses: actions/cache@v4
        with:
          path: .slac-cache
          key: slac-${{{{ hashFiles('{plan}/**') }}}}
          restore-keys: slac-
      - run: pip install slac-plan
      - run: slac validate {plan}
      - run: slac lint {plan}
      - run: slac overdue --plan {plan} --format markdown >> "$GITHUB_STEP_SUMMARY"
"""

_README = """\
# Our inspection action plan

The plan is kept as YAML in `{plan}/`, one file per recommendation, and checked by
[slac](https://pypi.org/project/slac-plan/).

- `slac validate {plan}`: checks every file (also run before each commit and in CI).
- `slac overdue --plan {plan}`: what is late today (`--as-of DATE`, `--lead ROLE`).
- `slac evidence add ID "what was done"` and `slac status ID complete`: record progress.
- `slac report monthly --month YYYY-MM --plan {plan} --format docx -o update.docx`: the
  monthly update for the boards.

Opened in VS Code, the files are checked as you type (`.vscode/settings.json` wires the
schemas in `.vscode/slac-schemas/`).
"""
