"""The `slac` command as a user types it: finding the plan, formats, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, PlanDir, Runner

AS_OF = ("--as-of", "2012-04-02")


def test_overdue_plain_text_when_piped(plan_dir: PlanDir, slac: Runner) -> None:
    result = slac("overdue", "--plan", str(plan_dir.root), *AS_OF)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Overdue as of 2012-04-02: 2 actions"
    assert lines[2].split() == [
        "id",
        "action",
        "responsible",
        "lead",
        "by",
        "when",
        "due",
        "days",
        "overdue",
    ]
    assert lines[3].startswith("R1.1  Review all supervision materials")
    assert lines[3].endswith("2012-02-29  33")
    assert "Assistant Director, Social Care" in lines[3]
    assert "\x1b[" not in result.out


def test_overdue_json_and_csv(plan_dir: PlanDir, slac: Runner) -> None:
    data = json.loads(slac("overdue", "--plan", str(plan_dir.root), *AS_OF, "--format", "json").out)
    assert data["as_of"] == "2012-04-02"
    first = data["overdue"][0]
    assert first["id"] == "R1.1"
    assert first["due"] == "2012-02-29"
    assert first["days_overdue"] == 33
    assert first["responsible_lead"] == {"id": "ad", "title": "Assistant Director, Social Care"}
    assert first["by_when"] == "Policy to be completed by end February 2012"
    assert first["accountable_to"] == ["lscb"]

    rows = list(
        csv.reader(
            io.StringIO(
                slac("overdue", "--plan", str(plan_dir.root), *AS_OF, "--format", "csv").out
            )
        )
    )
    header = ["status", "id", "action", "responsible lead", "by when", "due", "days"]
    assert rows[0] == [*header, "moved from"]
    assert rows[2] == [
        "overdue",
        "R1.2",
        "Coaching workshops for managers.",
        "Head of Safeguarding",
        "February – March 2012",
        "2012-03-31",
        "2",
        "",
    ]


def test_overdue_markdown_escapes_and_templates_override(
    plan_dir: PlanDir, slac: Runner, tmp_path: Path
) -> None:
    item = plan_dir.root / "items" / "r1.yaml"
    item.write_text(
        item.read_text(encoding="utf-8").replace(
            "Coaching workshops for managers.", "Coaching | workshops <script>x</script>"
        ),
        encoding="utf-8",
    )
    out = slac("overdue", "--plan", str(plan_dir.root), *AS_OF, "--format", "markdown").out
    assert out.startswith("# Overdue actions as of 2012-04-02\n")
    assert "| R1.2 | Coaching \\| workshops \\<script\\>x\\</script\\> |" in out

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "overdue.md.j2").write_text("Our council: {{ rows | length }} late\n", encoding="utf-8")
    custom = slac(
        "overdue",
        "--plan",
        str(plan_dir.root),
        *AS_OF,
        "--format",
        "markdown",
        "--templates",
        str(mine),
    )
    assert custom.out == "Our council: 2 late\n"


def test_fail_if_any_and_due_within(plan_dir: PlanDir, slac: Runner) -> None:
    assert slac("overdue", "--plan", str(plan_dir.root), *AS_OF, "--fail-if-any").code == 1
    early = slac(
        "overdue",
        "--plan",
        str(plan_dir.root),
        "--as-of",
        "2012-02-20",
        "--fail-if-any",
        "--due-within",
        "10",
    )
    assert early.code == 0
    assert "Overdue as of 2012-02-20: 0 actions" in early.out
    assert "Due in the coming days: 1 action" in early.out
    assert re.search(r"R1\.1 .* 2012-02-29\s+9$", early.out, re.MULTILINE)


def test_filters_reject_unknown_ids(plan_dir: PlanDir, slac: Runner) -> None:
    result = slac("overdue", "--plan", str(plan_dir.root), "--lead", "hoss", *AS_OF)
    assert result.code == 2
    assert result.err == "slac: error: --lead: no such id 'hoss' in the plan; did you mean 'hos'?\n"
    only = slac("overdue", "--plan", str(plan_dir.root), "--board", "lscb", *AS_OF)
    assert "1 action\n" in only.out.splitlines()[0] + "\n"


def test_bad_date_is_a_usage_error(plan_dir: PlanDir, slac: Runner) -> None:
    result = slac("overdue", "--plan", str(plan_dir.root), "--as-of", "01/03/2012")
    assert result.code == 2
    assert (
        result.err == "slac: error: --as-of: '01/03/2012' is not a date; write it as 2012-03-01\n"
    )
    other = slac("overdue", "--plan", str(plan_dir.root), "--as-of", "March")
    assert other.err == "slac: error: --as-of: 'March' is not a date; write it as YYYY-MM-DD\n"


def test_queries_refuse_an_invalid_plan(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("broken.yaml", "id: [\n")
    result = slac("overdue", "--plan", str(plan_dir.root), *AS_OF)
    assert result.code == 1
    assert "broken.yaml:2:1: error Y203" in result.err
    assert result.out == ""


def test_plan_found_from_env_cwd_and_parent(
    plan_dir: PlanDir, slac: Runner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo = plan_dir.root.parent
    inside = plan_dir.root / "items"
    for cwd in (repo, plan_dir.root, inside):  # plan/ below, the plan itself, a folder inside
        assert slac("overdue", *AS_OF, cwd=cwd).out.startswith("Overdue as of 2012-04-02: 2")
    monkeypatch.setenv("SLAC_PLAN", str(plan_dir.root))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert slac("overdue", *AS_OF, cwd=elsewhere).code == 0
    monkeypatch.setenv("SLAC_PLAN", str(elsewhere))
    result = slac("overdue", *AS_OF, cwd=elsewhere)
    assert result.code == 2
    assert result.err.startswith(f"slac: error: $SLAC_PLAN: {elsewhere} holds no plan.yaml")


def test_no_plan_anywhere(slac: Runner, tmp_path: Path) -> None:
    result = slac("overdue", cwd=tmp_path)
    assert result.code == 2
    assert "no plan found in" in result.err and "use --plan DIR" in result.err


def test_validate_without_paths_finds_the_plan(plan_dir: PlanDir, slac: Runner) -> None:
    plan_dir.item("broken.yaml", "id: [\n")
    result = slac("validate", cwd=plan_dir.root / "items")
    assert result.code == 1
    assert result.out.startswith("broken.yaml:2:1: error Y203")


def test_due_text_and_json(slac: Runner, plan_dir: PlanDir) -> None:
    text = slac("due", "February – March 2012", "--context-date", "2011-11-18")
    assert text.code == 0
    assert "Kind:         window" in text.out
    assert "Window:       2012-02-01 to 2012-03-31" in text.out
    year = slac("due", "by 2008", "--context-date", "2011-11-18").out
    assert "Due:          2008-12-31" in year
    assert "Precision:    year: the last day of the year" in year  # flagged, not a real day

    as_json = slac(
        "due",
        "Report to LSCB February 2012 then on quarterly basis.",
        "--format",
        "json",
        cwd=plan_dir.root,
    )
    data = json.loads(as_json.out)
    assert data["kind"] == "recurring"
    assert data["recurrence"] == {
        "cadence": "quarterly",
        "first": "2012-02-29",
        "text": data["recurrence"]["text"],
    }
    assert data["context_date"] == "2011-11-18"  # the plan's report date

    unread = slac("due", "LSCB", "--context-date", "2011-11-18")
    assert unread.code == 1
    assert "Kind:         unread" in unread.out


def test_schema_command(slac: Runner, tmp_path: Path) -> None:
    schema = json.loads(slac("schema").out)
    assert schema["title"] == "Item"
    assert "by_when" in schema["$defs"]["Action"]["properties"]
    written = slac("schema", "--write", str(tmp_path / "out"))
    assert written.code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "boards.schema.json",
        "glossary.schema.json",
        "item.schema.json",
        "plan.schema.json",
        "roles.schema.json",
    ]


def test_usage_errors_exit_2(slac: Runner) -> None:
    assert slac("overdue", "--format", "pdf").code == 2
    assert slac("nonsense").code == 2


def test_version_and_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "slac_plan", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert re.fullmatch(r"slac \d+\.\d+\.\d+\n", done.stdout)


def _run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run slac with a pseudo-terminal as stdout, as when a person types the command."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "slac_plan", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


def test_terminal_table_respects_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SLAC_PLAN")}
    env.update(COLUMNS="200", TERM="xterm-256color")
    args = ["overdue", "--plan", "plan", "--as-of", "2012-03-01"]
    coloured = _run_on_terminal(args, env)
    plain = _run_on_terminal(args, {**env, "NO_COLOR": "1"})
    assert "┃" in plain or "│" in plain  # still a drawn table
    assert re.search(r"\x1b\[[0-9;]*3[0-9]m", coloured)  # a foreground colour when allowed
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", plain)
    assert "Days overdue" in plain  # status in words and numbers, never colour alone


def test_show_one_action_as_of_a_date(plan_dir: PlanDir, slac: Runner) -> None:
    plan = ("--plan", str(plan_dir.root))
    moved = slac("status", "R1.2", "--due", "2012-04-30", "--reason", "Trainer left",
                 "--date", "2012-02-27", *plan)  # fmt: skip
    assert moved.code == 0, moved.err
    before = slac("show", "R1.2", "--as-of", "2012-02-01", *plan).out
    assert "Due:" in before and "31 March 2012" in before and "Moved:" not in before
    after = slac("show", "R1.2", "--as-of", "2012-04-01", *plan).out
    assert "Due:                       30 April 2012" in after
    assert "Moved:                     27 February 2012: from 31 March 2012 to 30 April" in after
    assert "By when:                   February – March 2012" in after
    assert "Read as:                   window, 31 March 2012" in after
    assert "Status as of 1 April 2012: Amber: At risk (due 30 April 2012 with no evidence" in after
    assert "Lint:                      warning T002 R1.2 is due 2012-04-30, after R1's" in after
    data = json.loads(slac("show", "R1.1", "--format", "json", "--as-of", "2012-02-01", *plan).out)
    assert [e["text"] for e in data["evidence"]][-1] == "Focus group with managers 19.1.12"
    unknown = slac("show", "r1.9", *plan)
    assert unknown.code == 2 and "no action or sub-action 'r1.9'" in unknown.err


def test_a_bug_has_its_own_status_and_every_command_takes_traceback(
    slac: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slac_plan.core import dates

    def broken(wording: str, context: object, **_: object) -> None:
        raise RuntimeError("a bug")

    fine = slac("due", "March 2012", "--traceback", "--context-date", "2011-11-18")
    assert fine.code == 0 and "2012-03-31" in fine.out  # accepted, though `due` does not list it
    monkeypatch.setattr(dates, "parse_due", broken)
    result = slac("due", "March 2012", "--context-date", "2011-11-18")
    assert result.code == 70
    assert result.err.startswith("slac: internal error: RuntimeError: a bug\nThis is a bug in slac")
    with pytest.raises(RuntimeError, match="a bug"):
        slac("due", "March 2012", "--traceback", "--context-date", "2011-11-18")


def test_every_task_list_format_is_a_choice() -> None:
    from typing import get_args

    from slac_plan.output.choices import TaskListFormat
    from slac_plan.output.formats import TASK_LIST_FORMATS

    assert set(get_args(TaskListFormat)) == set(TASK_LIST_FORMATS)


def test_every_detail_format_is_a_choice() -> None:
    from typing import get_args

    from slac_plan.output.choices import DetailFormat
    from slac_plan.output.formats import DUE_FORMATS, SCORECARD_FORMATS, SHOW_FORMATS

    for registry in (DUE_FORMATS, SHOW_FORMATS, SCORECARD_FORMATS):
        assert set(get_args(DetailFormat)) == set(registry)
