"""`slac validate`: schema problems in plain words and cross-file integrity, at file:line:col."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slac_plan.checks.validate import validate_paths
from tests.conftest import ITEM_YAML, PLAN_YAML, PlanDir, Runner


def problems_of(plan_dir: PlanDir, today: date | None = date(2012, 3, 1)) -> list[str]:
    result = validate_paths([plan_dir.root], today)
    return [
        f"{p.path.relative_to(plan_dir.root)}:{p.line}:{p.col} {p.code} {p.message}"
        + (f" | {p.hint}" if p.hint else "")
        for p in result.problems
    ]


def edit_item(plan_dir: PlanDir, old: str, new: str) -> None:
    assert old in ITEM_YAML
    plan_dir.item("r1.yaml", ITEM_YAML.replace(old, new, 1))


def test_the_small_plan_is_clean(plan_dir: PlanDir, slac: Runner) -> None:
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert (result.code, result.out) == (0, "")
    assert "no problems in 5 files checked" in result.err


def test_unknown_key_gets_did_you_mean(plan_dir: PlanDir) -> None:
    edit_item(plan_dir, "    by_when: Policy", "    bywhen: Policy")
    assert problems_of(plan_dir) == [
        "items/r1.yaml:19:5 V301 unknown field 'bywhen' in R1.1 | did you mean 'by_when'?"
    ]


def test_missing_field_points_at_its_mapping(plan_dir: PlanDir) -> None:
    edit_item(plan_dir, "    text: Coaching workshops for managers.\n", "")
    assert problems_of(plan_dir) == [
        "items/r1.yaml:24:5 V302 missing required field 'text' in R1.2"
    ]


def test_wrong_types_in_plain_words(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace("number: 1", "number: one").replace("source: Ofsted", "source: 7"),
    )
    assert problems_of(plan_dir) == [
        "items/r1.yaml:4:9 V303 number: expected a whole number, found the text 'one'",
        "items/r1.yaml:5:9 V303 source: expected text, found the number 7"
        " | write it in quotes ('7')",
    ]


def test_enum_and_id_form(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace("kind: recommendation", "kind: advice").replace("id: o1", "id: 'o 1'"),
    )
    found = problems_of(plan_dir)
    assert len(found) == 1
    assert found[0].startswith("items/r1.yaml:9:9 V303 outcome 1, id: not a valid id")
    plan_dir.item("r1.yaml", ITEM_YAML.replace("kind: recommendation", "kind: advice"))
    assert problems_of(plan_dir) == [
        "items/r1.yaml:3:7 X412 kind 'advice' but section 'sg' holds 'recommendation'"
    ]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Complete", " | did you mean 'complete'?"),
        ("in progress", " | did you mean 'in-progress'?"),
        ("Not_Started", " | did you mean 'not-started'?"),
        ("done", " | declare it under `statuses:` in plan.yaml"),
    ],
)
def test_a_status_near_a_choice_gets_it_as_a_hint(
    plan_dir: PlanDir, written: str, hint: str
) -> None:
    edit_item(plan_dir, "    evidence:\n", f"    status: {written}\n    evidence:\n")
    assert problems_of(plan_dir) == [
        f"items/r1.yaml:21:13 X417 R1.1: status '{written}' is not one of the plan's statuses "
        f"(not-started, in-progress, complete){hint}"
    ]


def test_evidence_dates(plan_dir: PlanDir) -> None:
    edit_item(plan_dir, "date: 2012-01-19", "date: 2012-13")
    assert problems_of(plan_dir) == [
        "items/r1.yaml:22:15 V303 R1.1, evidence entry 1, date: 2012-13 is not a real month"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "31/01/2012",
            "expected a date YYYY-MM-DD, or a month YYYY-MM; write 31/01/2012 as 2012-01-31",
        ),
        ("1.2.12", "expected a date YYYY-MM-DD, or a month YYYY-MM; write 1.2.12 as 2012-02-01"),
        ("31/02/2012", "expected a date YYYY-MM-DD, or a month YYYY-MM"),
        ("January", "expected a date YYYY-MM-DD, or a month YYYY-MM"),
    ],
)
def test_day_first_dates_get_their_iso_form(plan_dir: PlanDir, written: str, expected: str) -> None:
    edit_item(plan_dir, "date: 2012-01-19", f"date: '{written}'")
    assert problems_of(plan_dir) == [
        f"items/r1.yaml:22:15 V303 R1.1, evidence entry 1, date: {expected}"
    ]


def test_day_first_plan_date_gets_its_iso_form(plan_dir: PlanDir) -> None:
    plan_dir.write("plan.yaml", PLAN_YAML.replace("start: 2011-10-03", "start: 3/10/2011"))
    assert problems_of(plan_dir) == [
        "plan.yaml:6:10 V303 inspection, start: expected a date YYYY-MM-DD, or a month YYYY-MM; "
        "write 3/10/2011 as 2011-10-03"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "- role: hos\n    by_when: Feb",
            "- role: hoss\n    by_when: Feb",
            "items/r1.yaml:28:15 X402 unknown role 'hoss' in R1.2, lead 1 | did you mean 'hos'?",
        ),
        (
            "accountable_to: [lscb]",
            "accountable_to: [lscbb]",
            "items/r1.yaml:20:22 X403 unknown board or role 'lscbb' in R1.1, accountable_to "
            "| did you mean 'lscb'?",
        ),
        (
            "section: sg\n",
            "section: sgg\n",
            "items/r1.yaml:2:10 X405 unknown section 'sgg' | did you mean 'sg'?",
        ),
        (
            "kind: recommendation",
            "kind: area-for-development",
            "items/r1.yaml:3:7 X412 kind 'area-for-development' "
            "but section 'sg' holds 'recommendation'",
        ),
        (
            "outcomes: [o1]\n    leads:\n      - role: hos",
            "outcomes: [o2]\n    leads:\n      - role: hos",
            "items/r1.yaml:26:16 X406 unknown outcome 'o2' in R1",
        ),
        (
            "id: R1.2",
            "id: R2.2",
            "items/r1.yaml:24:9 X407 action 'R2.2' does not sit under its item 'R1' "
            "| action ids start with 'R1.'",
        ),
        (
            "      - role: hos\n    by_when: Policy",
            "      - role: hos\n        responsible: true\n    by_when: Policy",
            "items/r1.yaml:19:22 X408 R1.1 has more than one responsible lead "
            "| mark exactly one lead 'responsible: true'",
        ),
        (
            "date: 2012-01-19",
            "date: 2011-09",
            "items/r1.yaml:22:15 X409 evidence dated 2011-09, "
            "before the inspection began on 2011-10-03 "
            "| fine for work already under way; otherwise check the year",
        ),
        (
            "date: 2012-01-19",
            "date: 2012-03-02",
            "items/r1.yaml:22:15 X410 evidence dated 2012-03-02, which is in the future",
        ),
    ],
    ids=[
        "role",
        "board",
        "section",
        "kind",
        "outcome",
        "action-parent",
        "responsible",
        "before-inspection",
        "future",
    ],
)
def test_cross_file_integrity(plan_dir: PlanDir, old: str, new: str, expected: str) -> None:
    edit_item(plan_dir, old, new)
    assert problems_of(plan_dir) == [expected]


def test_sub_action_under_the_wrong_parent(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n"
            "    sub_actions:\n"
            "      - id: R1.2a\n        text: First part.\n"
            "      - id: R1.1b\n        text: Second part.\n"
            "      - id: R1.21\n        text: Not a letter.\n",
        ),
    )
    found = problems_of(plan_dir)
    assert [f.split(" ")[1] for f in found] == ["X407", "X407"]
    assert "sub-action 'R1.1b' sits under 'R1.2'" in found[0]
    assert "sub-action 'R1.21' sits under 'R1.2'" in found[1]


def test_duplicate_ids_across_files(plan_dir: PlanDir) -> None:
    plan_dir.item("copy.yaml", ITEM_YAML)
    found = problems_of(plan_dir)
    assert found[0] == "items/r1.yaml:1:5 X401 duplicate id 'R1' (first at items/copy.yaml line 1)"
    assert sum(" X401 " in f for f in found) == 3  # the item and its two actions


def test_cross_reference_must_resolve(plan_dir: PlanDir) -> None:
    edit_item(
        plan_dir, "outcomes:\n  - id: o1", "cross_references:\n  - id: R9\noutcomes:\n  - id: o1"
    )
    assert problems_of(plan_dir) == ["items/r1.yaml:9:9 X404 cross-reference to unknown id 'R9'"]


@pytest.mark.parametrize(
    ("old", "new", "own_problem"),
    [
        (
            "number: 1",
            "number: one",
            "items/r2.yaml:4:9 V303 number: expected a whole number, found the text 'one'",
        ),
        (
            "  - id: R2.2\n",
            "  - id: R2.2\n  oops\n",
            "items/r2.yaml:26:9 Y203 could not find expected ':' (while scanning a simple key)",
        ),
    ],
    ids=["bad-schema", "bad-yaml"],
)
def test_a_reference_into_a_file_that_did_not_load_is_not_a_second_error(
    plan_dir: PlanDir, old: str, new: str, own_problem: str
) -> None:
    # R2 exists but does not load: references to it and its actions are not unknown ids.
    broken = ITEM_YAML.replace("id: R1", "id: R2", 1).replace("R1.", "R2.")
    plan_dir.item("r2.yaml", broken.replace(old, new, 1))
    edit_item(
        plan_dir,
        "outcomes:\n  - id: o1",
        "cross_references:\n  - id: R2\n  - id: R2.2\n  - id: R9\noutcomes:\n  - id: o1",
    )
    assert problems_of(plan_dir) == [
        "items/r1.yaml:11:9 X404 cross-reference to unknown id 'R9'",
        own_problem,
    ]


def test_broken_registry_does_not_flood(plan_dir: PlanDir) -> None:
    plan_dir.write("roles.yaml", "roles: [\n")
    found = problems_of(plan_dir)
    assert len(found) == 1 and found[0].startswith("roles.yaml:")


def test_missing_registry(plan_dir: PlanDir) -> None:
    (plan_dir.root / "roles.yaml").unlink()
    assert problems_of(plan_dir) == ["roles.yaml:0:0 X411 the plan has no roles.yaml"]


def test_a_plan_without_boards_needs_no_boards_file(plan_dir: PlanDir) -> None:
    (plan_dir.root / "boards.yaml").unlink()
    found = problems_of(plan_dir)  # only the board the item still names is missing
    assert [line.split(" ")[1] for line in found] == ["X403"]
    assert "unknown board or role 'lscb'" in found[0]
    plan_dir.item("r1.yaml", ITEM_YAML.replace("    accountable_to: [lscb]\n", ""))
    assert problems_of(plan_dir) == []


def test_single_files_report_only_their_own_problems(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("bad.yaml", "id: [\n")
    good = slac("validate", "plan/items/r1.yaml", cwd=plan_dir.root.parent)
    assert good.code == 0, good.out
    bad = slac("validate", "plan/items/bad.yaml", "plan/items/r1.yaml", cwd=plan_dir.root.parent)
    assert bad.code == 1
    assert bad.out.startswith("plan/items/bad.yaml:2:1: error Y203")


def test_output_is_sorted_and_formats(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("b.yaml", "id: [\n")
    plan_dir.item("a.yaml", "id: R5\n")
    text = slac("validate", "plan", cwd=plan_dir.root.parent)
    paths = [line.split(":")[0] for line in text.out.splitlines()]
    assert paths == sorted(paths)

    as_json = slac("validate", "--format", "json", "plan", cwd=plan_dir.root.parent)
    rows = json.loads(as_json.out)
    assert rows[-1] == {
        "path": "plan/items/b.yaml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "code": "Y203",
        "message": rows[-1]["message"],
        "hint": None,
    }

    github = slac("validate", "--format", "github", "plan", cwd=plan_dir.root.parent)
    assert github.out.splitlines()[-1].startswith(
        "::error file=plan/items/b.yaml,line=2,col=1,title=Y203::"
    )


def test_github_format_is_chosen_under_actions(
    plan_dir: PlanDir, slac: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_dir.item("b.yaml", "id: [\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = slac("validate", "plan", cwd=plan_dir.root.parent)
    assert result.out.startswith("::error file=plan/items/b.yaml,line=2,col=1")


def test_github_annotations_escape_their_data(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("c,d.yaml", "id: R5\nbad: 1\n")
    result = slac("validate", "--format", "github", "plan", cwd=plan_dir.root.parent)
    assert "file=plan/items/c%2Cd.yaml" in result.out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "text: Coaching workshops for managers.",
            "text: Coaching workshops: for managers.",
            "items/r1.yaml:25:29 Y203 a colon and a space inside unquoted text"
            " | put the whole text in quotes: text: 'Coaching workshops: for managers.'",
        ),
        (
            "by_when: February – March 2012",
            "by_when:end May 2012",
            "items/r1.yaml:29:5 Y203 no space after the colon of 'by_when:'"
            " | write 'by_when: end May 2012'",
        ),
        (
            "text: Coaching workshops for managers.",
            "text: Coaching workshops, see minutes #4, agreed",
            "items/r1.yaml:25:43 Y214 'Coaching workshops, see minutes' stops at ' #': YAML"
            " reads '#4, agreed' as a comment | if it belongs to the text, put the whole text"
            " in quotes",
        ),
    ],
    ids=["colon-in-text", "no-space-after-colon", "hash-cuts-text"],
)
def test_yaml_mistakes_in_plain_words(plan_dir: PlanDir, old: str, new: str, expected: str) -> None:
    plan_dir.item("r1.yaml", ITEM_YAML.replace(old, new))
    assert problems_of(plan_dir) == [expected]


def test_a_real_comment_after_a_value_is_not_a_cut(plan_dir: PlanDir) -> None:
    plan_dir.item(
        "r1.yaml",
        ITEM_YAML.replace(
            "text: Coaching workshops for managers.",
            "text: Coaching workshops for managers.  # agreed at DMT #4",
        ),
    )
    assert problems_of(plan_dir) == []


# The acronym check walks only the files whose text may matter; that shortcut must never hide
# an acronym the full walk would have reported.
@given(
    st.text(alphabet="ABCDTs&-_ x(é)1²\\\n", max_size=40),
    st.sets(st.sampled_from(["AB", "TAC", "CD", "ABC"]), max_size=3),
)
def test_the_acronym_shortcut_never_skips_a_file_that_matters(text: str, known: set[str]) -> None:
    from pathlib import Path

    from slac_plan.checks import integrity
    from slac_plan.core.positions import SourceMap

    source = SourceMap(Path("x.yaml"))
    source.text = text
    unknown = any(term not in known for term, _ in integrity._ACRONYM.findall(text))
    if unknown or integrity._EXPLAINED.search(text):
        assert integrity._may_matter(source, known)


def test_work_under_way_before_the_inspection_is_a_warning_not_a_failure(
    plan_dir: PlanDir, slac: Runner
) -> None:
    edit_item(plan_dir, "date: 2012-01-19", "date: 2011-09")
    result = slac("validate", str(plan_dir.root))
    assert result.code == 0, result.out
    assert "warning X409 evidence dated 2011-09, before the inspection" in result.out
