"""Shared fixtures: a small valid plan written to a temporary folder, and an in-process CLI."""

from __future__ import annotations

import contextlib
import io
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED_PLAN = REPO / "plan"

PLAN_YAML = """\
authority: Example Council
title: Action plan in response to an inspection
inspection:
  framework: Safeguarding and Looked After Children
  inspectorates: [Ofsted]
  start: 2011-10-03
  end: 2011-10-14
  report_date: 2011-11-18
sections:
  - id: sg
    title: Safeguarding Recommendations
    kind: recommendation
  - id: sg-dev
    title: Safeguarding Areas for Development
    kind: area-for-development
"""

ROLES_YAML = """\
roles:
  - id: ad
    title: Assistant Director, Social Care
  - id: hos
    title: Head of Safeguarding
  - id: dcs
    title: Director of Children's Services
"""

BOARDS_YAML = """\
boards:
  - id: lscb
    name: Local Safeguarding Children Board
    cadence: bi-monthly
  - id: dmt
    name: Departmental Management Team
"""

GLOSSARY_YAML = """\
glossary:
  LSCB: Local Safeguarding Children Board
"""

ITEM_YAML = """\
id: R1
section: sg
kind: recommendation
number: 1
source: Ofsted
timescale: Within 3 months (end February 2012)
text: Ensure that supervision is regular and recorded.
outcomes:
  - id: o1
    text: Staff receive monthly supervision.
actions:
  - id: R1.1
    text: Review all supervision materials with an external consultant.
    outcomes: [o1]
    leads:
      - role: ad
        responsible: true
      - role: hos
    by_when: Policy to be completed by end February 2012
    accountable_to: [lscb]
    evidence:
      - date: 2012-01-19
        text: Focus group with managers 19.1.12
  - id: R1.2
    text: Coaching workshops for managers.
    outcomes: [o1]
    leads:
      - role: hos
    by_when: February – March 2012
"""


@dataclass
class PlanDir:
    """A plan in a temporary folder that a test can change file by file."""

    root: Path

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def item(self, name: str, text: str) -> Path:
        return self.write(f"items/{name}", text)


def write_plan(folder: Path, *, item: bool = True) -> PlanDir:
    """The small valid plan in `folder`/plan (with its one item unless `item` is False)."""
    plan = PlanDir(folder / "plan")
    plan.write("plan.yaml", PLAN_YAML)
    plan.write("roles.yaml", ROLES_YAML)
    plan.write("boards.yaml", BOARDS_YAML)
    plan.write("glossary.yaml", GLOSSARY_YAML)
    if item:
        plan.item("r1.yaml", ITEM_YAML)
    return plan


@pytest.fixture
def plan_dir(tmp_path: Path) -> PlanDir:
    return write_plan(tmp_path)


def invoke(*args: str) -> Result:
    """Run `slac` in-process with its output captured (for tests that cannot use fixtures)."""
    from slac_plan.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["slac", *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        sys.argv = argv
    return Result(code, out.getvalue(), err.getvalue())


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def slac(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Iterator[Runner]:
    """Run the `slac` command in-process, as a user would type it, from a given folder."""
    from slac_plan.cli import main

    monkeypatch.delenv("SLAC_PLAN", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or tmp_path)
        monkeypatch.setattr(sys, "argv", ["slac", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as done:
            code = int(done.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    yield run


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Counter[str]]:
    """Start counting how often each YAML file under a folder is opened (by file name)."""

    def watch(folder: Path) -> Counter[str]:
        counts: Counter[str] = Counter()
        real_open = io.open

        def counting(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file).startswith(str(folder)) and str(file).endswith(".yaml"):
                counts[Path(file).name] += 1
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(io, "open", counting)
        return counts

    return watch


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own empty cache (for the CLI and for slac run as a subprocess): a test
    never sees another's entries, nor the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SLAC_CACHE_DIR", str(folder))
    return folder
