"""P006 on real wordings: UK public-sector post, team and statutory-role titles must pass, and
people's names, in every form they are written, must be caught."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from slac_plan.checks.rules.p006_person_as_lead import names_a_person
from tests.conftest import Runner, write_plan

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    """The wordings in a data file: one a line, "#" lines are notes."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


TITLES = _lines("post_titles.txt")
NAMES = _lines("person_names.txt")


def precision_recall(
    classify: Callable[[str], bool], titles: list[str], names: list[str]
) -> tuple[float, float]:
    """Precision and recall of `classify` at finding a person (a name is a positive, a title a
    negative), printed so a run with -s shows them."""
    caught = sum(map(classify, names))
    false_alarms = sum(map(classify, titles))
    flagged = caught + false_alarms
    precision = caught / flagged if flagged else 1.0
    recall = caught / len(names)
    print(
        f"P006 on {len(titles)} titles and {len(names)} names: {caught} names caught, "
        f"{false_alarms} false alarms; precision {precision:.3f}, recall {recall:.3f}"
    )
    return precision, recall


def test_the_lists_are_large_distinct_and_apart() -> None:
    assert len(set(TITLES)) == len(TITLES) >= 150
    assert len(set(NAMES)) == len(NAMES) >= 60
    assert not set(TITLES) & set(NAMES)


def test_every_post_title_passes() -> None:
    assert [title for title in TITLES if names_a_person(title)] == []


def test_every_name_is_caught() -> None:
    assert [name for name in NAMES if not names_a_person(name)] == []


def test_precision_and_recall() -> None:
    assert precision_recall(names_a_person, TITLES, NAMES) == (1.0, 1.0)


@pytest.mark.parametrize(
    "hostile",
    ["Mr " * 50_000, "Aa " * 50_000, "A" * 200_000, "Mrs J. " * 30_000, "(" * 50_000 + "Jo Li"],
)
def test_long_hostile_wording_is_quick(hostile: str) -> None:
    """Every pattern is bounded: no backtracking blow-up on a long title."""
    start = time.perf_counter()
    names_a_person(hostile)
    assert time.perf_counter() - start < 1.0


ROLES = """\
roles:
  - id: ad
    title: Assistant Director, Social Care
  - id: hos
    title: Head of Safeguarding
  - id: school-nurses
    title: School Nurses
  - id: cp-department
    title: Child Protection Department
    variants:
      - Primary Care Matrons
  - id: caldicott
    title: Caldicott Guardian
  - id: early-help
    title: Early Help
  - id: jane
    title: Jane Smith
"""


def test_lint_reports_only_the_person(tmp_path: Path, slac: Runner) -> None:
    plan = write_plan(tmp_path)
    plan.write("roles.yaml", ROLES)
    result = slac("lint", "--plan", str(plan.root), "--select", "P006", "--as-of", "2012-03-01")
    assert result.out.splitlines() == [
        "plan/roles.yaml:17:12: error P006 role 'jane' is worded as a person ('Jane Smith'); "
        "name the role"
    ]
    assert result.code == 1
