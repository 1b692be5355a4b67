"""Editing from the command line changes the lines it is about and nothing else, ever."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.queries import tasks
from slac_plan.editing import edit as edit_module
from slac_plan.editing import fmt
from slac_plan.files.safewrite import WriteRefused, replace_file
from tests.conftest import BUNDLED_PLAN, ITEM_YAML, PlanDir, Runner


def reverse_patch(new: str, diff: str) -> str:
    """Apply a unified diff backwards: what the file was before the edit."""
    lines = new.splitlines(keepends=True)
    hunks: list[tuple[int, list[str]]] = []
    body = diff.splitlines(keepends=True)[2:]
    for line in body:
        if line.startswith("@@"):
            start = int(line.split("+")[1].split(",")[0].split(" ")[0])
            hunks.append((start, []))
        else:
            hunks[-1][1].append(line)
    for start, hunk in reversed(hunks):
        at = max(start - 1, 0)
        new_part = [h[1:] for h in hunk if h[0] in " +"]
        old_part = [h[1:] for h in hunk if h[0] in " -"]
        assert lines[at : at + len(new_part)] == new_part
        lines[at : at + len(new_part)] = old_part
    return "".join(lines)


def edit(slac: Runner, plan_dir: PlanDir, *args: str) -> tuple[int, str, str]:
    result = slac(*args, "--plan", str(plan_dir.root), cwd=plan_dir.root.parent)
    return result.code, result.out, result.err


STYLED = """\
---
# A recommendation, written in many styles. Comment at the top.
id: R1   # trailing comment on the id
section: "sg"
kind: 'recommendation'
number: 1
text: >-
  Ensure that supervision is regular — and recorded (café, naïve, 子供).
outcomes:
  - id: o1
    text: "Staff receive monthly supervision: quoted, with a colon."
actions:
  - id: R1.1
    text: LONG_LINE
    outcomes: [o1]   # a flow list
    leads:
      - {role: ad, responsible: true}
    by_when: 'Policy to be completed by end February 2012'
    evidence:
      - date: 2012-01-19   # when
        text: |
          Focus group with managers.
          Second line kept as written.
      # a comment after the last evidence entry
  - id: R1.2
    text: Coaching workshops for managers.
    outcomes: [o1]
    leads:
      - role: hos
    by_when: February – March 2012
# the last line is a comment
""".replace(
    "LONG_LINE",
    "A long line that goes on and on well past eighty characters, "
    "which a naive dump would wrap somewhere.",
)


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
def test_add_evidence_keeps_every_other_byte(
    plan_dir: PlanDir, slac: Runner, crlf: bool, bom: bool
) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    text = STYLED.replace("\n", "\r\n") if crlf else STYLED
    original = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path.write_bytes(original)
    mode = 0o640
    path.chmod(mode)

    code, diff, err = edit(
        slac, plan_dir, "evidence", "add", "R1.1", "Draft circulated: v2", "--date", "2012-02-10"
    )
    assert code == 0, err
    after = path.read_bytes()
    assert after.startswith(original[:3]) if bom else not after.startswith(b"\xef\xbb\xbf")
    new_text = after.decode("utf-8-sig")
    assert reverse_patch(new_text, diff) == text  # the diff printed is the whole change
    nl = "\r\n" if crlf else "\n"
    added = [line for line in diff.splitlines(keepends=True) if line.startswith("+")][1:]
    assert added == [f"+      - date: 2012-02-10{nl}", f"+        text: 'Draft circulated: v2'{nl}"]
    assert "# a comment after the last evidence entry" in new_text
    assert (path.stat().st_mode & 0o777) == mode
    loaded = validate_plan(plan_dir.root, None)
    assert [p for p in loaded.problems if p.severity == "error"] == []


def test_add_evidence_where_there_is_none(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    before = path.read_text(encoding="utf-8")
    code, diff, _ = edit(
        slac,
        plan_dir,
        "evidence",
        "add",
        "R1.2",
        "Workshop held.",
        "--date",
        "2012-02-01",
        "--by",
        "hos",
    )
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert after == before + (
        "    evidence:\n      - date: 2012-02-01\n        text: Workshop held.\n        by: hos\n"
    )
    assert reverse_patch(after, diff) == before


def test_dry_run_writes_nothing(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    code, diff, err = edit(slac, plan_dir, "evidence", "add", "R1.2", "x y z", "--dry-run")
    assert code == 0 and diff.startswith("--- a/plan/items/r1.yaml\n+++ b/plan/items/r1.yaml")
    assert "dry run" in err
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_status_note_records_who_reported_it(plan_dir: PlanDir, slac: Runner) -> None:
    code, diff, _ = edit(
        slac, plan_dir, "status", "R1.2", "in-progress", "--note", "Two held.", "--by", "hos"
    )
    assert code == 0
    assert [line[1:] for line in diff.splitlines() if line.startswith("+")][-1] == (
        "        by: hos"
    )
    code, _, err = edit(slac, plan_dir, "status", "R1.2", "--note", "x", "--by", "nobody")
    assert code == 2 and "unknown role 'nobody'" in err


def test_status_complete_needs_evidence_or_a_note(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    before = path.read_bytes()
    code, _, err = edit(slac, plan_dir, "status", "R1.2", "complete")
    assert code == 1 and "needs --note" in err
    assert path.read_bytes() == before
    code, diff, _ = edit(
        slac,
        plan_dir,
        "status",
        "R1.2",
        "complete",
        "--note",
        "All workshops held.",
        "--date",
        "2012-03-20",
    )
    assert code == 0
    added = [line[1:] for line in diff.splitlines() if line.startswith("+")][1:]
    assert added == [
        "    status: complete",
        "    completed_on: 2012-03-20",
        "    evidence:",
        "      - date: 2012-03-20",
        "        text: All workshops held.",
    ]
    # Reopening, or completing again on a later day, would change what earlier reports said.
    done = path.read_bytes()
    for args in (("in-progress",), ("complete", "--note", "Again.", "--date", "2012-04-02")):
        code, _, err = edit(slac, plan_dir, "status", "R1.2", *args)
        assert code == 1
        assert "R1.2 is already complete on 20 March 2012; changing that would change" in err
        assert path.read_bytes() == done


def test_moving_a_due_date_records_the_old_one_and_why(plan_dir: PlanDir, slac: Runner) -> None:
    code, _, err = edit(slac, plan_dir, "status", "R1.2", "--due", "2012-04-30")
    assert code == 1 and "needs --reason" in err
    code, diff, _ = edit(
        slac,
        plan_dir,
        "status",
        "R1.2",
        "--due",
        "2012-04-30",
        "--reason",
        "Trainer unavailable in March",
        "--date",
        "2012-04-05",
    )
    assert code == 0
    assert (
        "+    due_moves:\n"
        "+      - date: 2012-04-05\n"
        "+        from: 2012-03-31\n"
        "+        to: 2012-04-30\n"
        "+        reason: Trainer unavailable in March\n"
    ) in diff

    def overdue(as_of: str) -> str:
        return str(slac("overdue", "--plan", str(plan_dir.root), "--as-of", as_of).out)

    # Before the day it was moved, the old date stood: on 2 April it was overdue.
    assert "R1.2" in overdue("2012-04-02") and "moved" not in overdue("2012-04-02")
    assert "R1.2" not in overdue("2012-04-06")
    assert "2012-04-30 (moved from 2012-03-31)" in overdue("2012-05-02")


def test_refuses_an_edit_that_would_be_invalid(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    before = path.read_bytes()
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "x", "--by", "nobody")
    assert code == 2
    assert "--by: unknown role 'nobody' (add it to roles.yaml)" in err
    assert path.read_bytes() == before
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "x", "--by", "Head of Safety")
    assert code == 2
    assert "did you mean 'hos' ('Head of Safeguarding')?" in err
    assert path.read_bytes() == before


def test_refuses_to_edit_an_invalid_file(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(ITEM_YAML.replace("number: 1", "number: one"), encoding="utf-8")
    before = path.read_bytes()
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "x")
    assert code == 1 and ("has problems" in err or "fix them first" in err)
    assert path.read_bytes() == before


def test_unknown_id_gets_did_you_mean(plan_dir: PlanDir, slac: Runner) -> None:
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.3", "x")
    assert code == 2
    assert "no action or sub-action 'R1.3' in the plan; did you mean" in err
    assert "R1.1" in err and "R1.2" in err


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n")
    with pytest.raises(WriteRefused, match="changed on disk"):
        replace_file(path, b"a: 2\n", b"a: 0\n")
    assert path.read_bytes() == b"a: 1\n"
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    with pytest.raises(WriteRefused, match="symbolic link"):
        replace_file(link, b"a: 2\n", b"a: 1\n")


def test_new_recommendation(plan_dir: PlanDir, slac: Runner) -> None:
    code, diff, err = edit(
        slac,
        plan_dir,
        "new",
        "recommendation",
        "--section",
        "sg",
        "--title",
        "Ensure return interviews: every child, every time.",
        "--date",
        "2012-02-20",
    )
    assert code == 0, err
    created = plan_dir.root / "items" / "r2.yaml"
    assert created.read_text(encoding="utf-8") == (
        "# Safeguarding Recommendations: 2.\nid: R2\nsection: sg\nkind: recommendation\n"
        "number: 2\nadded_on: 2012-02-20\n"
        "text: 'Ensure return interviews: every child, every time.'\n"
        "outcomes: []\nactions: []\n"
    )
    assert diff.startswith("--- a/plan/items/r2.yaml")
    assert validate_plan(plan_dir.root, None).problems == []
    code, _, err = edit(slac, plan_dir, "new", "recommendation", "--section", "sgg", "--title", "x")
    assert code == 2 and "did you mean 'sg'" in err


def test_fmt_is_idempotent_and_keeps_comments(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(STYLED, encoding="utf-8")
    assert slac("fmt", "--check", "--plan", str(plan_dir.root)).code == 1
    result = slac("fmt", "--plan", str(plan_dir.root))
    assert result.code == 0, result.err
    once = path.read_text(encoding="utf-8")
    for comment in (
        "# trailing comment on the id",
        "# a flow list",
        "# when",
        "# the last line is a comment",
        "# A recommendation, written in many",
    ):
        assert comment in once
    assert once.startswith("---\n")
    assert "section: sg\n" in once  # quotes only where needed
    assert "        text: |\n          Focus group with managers.\n" in once
    assert slac("fmt", "--check", "--plan", str(plan_dir.root)).code == 0
    assert path.read_text(encoding="utf-8") == once
    assert [p for p in validate_plan(plan_dir.root, None).problems if p.severity == "error"] == []


def test_fmt_refuses_a_file_with_problems_and_formats_the_others(
    plan_dir: PlanDir, slac: Runner
) -> None:
    good = plan_dir.root / "items" / "r1.yaml"
    good.write_text(STYLED, encoding="utf-8")
    bad_text = STYLED.replace("id: R1\n", "id: R2\n", 1).replace("R1.", "R2.")
    bad_text = bad_text.replace("number: 1", "number: 2", 1).replace("role: ad", "role: add", 1)
    bad = plan_dir.item("r2.yaml", bad_text)
    result = slac("fmt", "--plan", str(plan_dir.root))
    assert result.code == 1
    assert "r2.yaml: not formatted: has problems; fix them first: line " in result.err
    assert "X402 unknown role 'add'" in result.err
    assert bad.read_text(encoding="utf-8") == bad_text  # untouched
    assert good.read_text(encoding="utf-8") != STYLED  # formatted all the same
    assert slac("fmt", "--check", "plan/items/r1.yaml", cwd=plan_dir.root.parent).code == 0


def test_fmt_validates_the_plan_once_not_once_per_file(
    tmp_path: Path, slac: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Validating the whole plan for each file made fmt quadratic: 300 files took six minutes.
    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan)
    calls: list[Path] = []
    real = validate_plan

    def counted(root: Path, today: date | None, **kwargs: Any) -> Any:
        calls.append(root)
        return real(root, today, **kwargs)

    monkeypatch.setattr(fmt, "validate_plan", counted)
    monkeypatch.setattr(
        edit_module, "problems_with", None
    )  # a whole-plan check per file would fail
    assert slac("fmt", "--check", "--plan", str(plan)).code == 0
    assert calls == [plan]


def test_bundled_plan_is_formatted(slac: Runner) -> None:
    assert slac("fmt", "--check", "--plan", str(BUNDLED_PLAN)).code == 0


def test_a_month_of_updates_touches_only_those_lines(tmp_path: Path, slac: Runner) -> None:
    repo = tmp_path / "council"
    shutil.copytree(BUNDLED_PLAN, repo / "plan")
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "January"], cwd=repo, check=True)
    plan = ["--plan", str(repo / "plan")]
    evidence = [
        "SG-R1.2",
        "SG-R2.1",
        "SG-R3.1",
        "SG-R5.1b",
        "SG-R6.1d",
        "SG-AD1.3",
        "LAC-R1.1",
        "LAC-R3.1a",
        "LAC-AD2.1",
        "LAC-AD4.1",
    ]
    january = validate_plan(repo / "plan", None).plan()
    assert january is not None
    without = sum(  # these gain an "evidence:" key line as well
        1 for t in tasks(january) if t.id in evidence and not t.node.evidence
    )
    for n, ident in enumerate(evidence):
        result = slac(
            "evidence", "add", ident, f"February progress {n}.", "--date", "2012-02-15", *plan
        )
        assert result.code == 0, result.err
    for ident in ("SG-R1.1", "SG-AD1.3", "LAC-R1.1"):
        result = slac("status", ident, "complete", "--date", "2012-02-28", *plan)
        assert result.code == 0, result.err
    moved = slac(
        "status", "SG-R3.2", "--due", "2012-07-31", "--reason", "Data not ready",
        "--date", "2012-02-20", *plan,
    )  # fmt: skip
    assert moved.code == 0, moved.err
    numstat = subprocess.run(
        ["git", "diff", "--numstat"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    changes = {line.split("\t")[2]: line.split("\t")[:2] for line in numstat if line}
    assert all(removed == "0" for _, removed in changes.values())  # only lines added
    assert sum(int(added) for added, _ in changes.values()) == 10 * 2 + without + 3 * 2 + 5
    diff = subprocess.run(
        ["git", "diff", "-U0"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    added = [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    assert sorted(set(added)) == sorted(
        {
            "evidence:",
            "- date: 2012-02-15",
            *(f"text: February progress {n}." for n in range(10)),
            "status: complete",
            "completed_on: 2012-02-28",
            "due_moves:",
            "- date: 2012-02-20",
            "from: 2012-06-30",
            "to: 2012-07-31",
            "reason: Data not ready",
        }
    )
    report = slac("report", "monthly", "--month", "2012-02", *plan).out
    changed = report.split("### What changed this month", 1)[1].split("## Introduction")[0]
    moved_text = report.split("### Due dates moved this month", 1)[1].split("##", 1)[0]
    assert (
        "- **SG-R3.2**: Moved from 30 June 2012 to 31 July 2012 on 20 February 2012: "
        "Data not ready." in moved_text
    )
    assert "- **SG-R1.1**: " in changed and " to Complete." in changed
    completed = report.split("### Completed this month", 1)[1].split("###", 1)[0]
    assert "- **SG-R1.1**" in completed  # on the first page too
    new_evidence = report.split("### New evidence this month", 1)[1].split("###")[0]
    assert new_evidence.count("February progress") == 10


ADDER = """
import sys
from datetime import date
from pathlib import Path
from slac_plan.editing.edit import add_evidence
from slac_plan.checks.validate import validate_plan
root, worker, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for n in range(count):
    plan = validate_plan(root, None).plan()
    add_evidence(plan, "R1.1", f"entry {worker}-{n}", date(2012, 2, 1), None,
                 today=date(2012, 3, 1), dry_run=False)
"""


def test_concurrent_edits_lose_nothing(plan_dir: PlanDir) -> None:
    workers, each = 6, 4
    processes = [
        subprocess.Popen([sys.executable, "-c", ADDER, str(plan_dir.root), str(w), str(each)])
        for w in range(workers)
    ]
    assert all(p.wait(timeout=300) == 0 for p in processes)
    text = (plan_dir.root / "items" / "r1.yaml").read_text(encoding="utf-8")
    for w in range(workers):
        for n in range(each):
            assert f"text: entry {w}-{n}\n" in text
    assert [p for p in validate_plan(plan_dir.root, None).problems if p.severity == "error"] == []


LOOPER = """
import sys
from datetime import date
from pathlib import Path
from slac_plan.editing.edit import add_evidence
from slac_plan.checks.validate import validate_plan
root = Path(sys.argv[1])
n = 0
while True:
    plan = validate_plan(root, None).plan()
    add_evidence(plan, "R1.1", f"entry {n} " + "x" * 2000, date(2012, 2, 1), None,
                 today=date(2012, 3, 1), dry_run=False)
    n += 1
"""


@pytest.mark.slow
def test_killed_mid_write_leaves_a_whole_file(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    rng = random.Random(20120131)
    for _ in range(8):
        worker = subprocess.Popen([sys.executable, "-c", LOOPER, str(plan_dir.root)])
        time.sleep(rng.uniform(0.4, 1.2))
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        loaded = validate_plan(plan_dir.root, None)
        assert [p for p in loaded.problems if p.severity == "error"] == []
        plan = loaded.plan()
        assert plan is not None
        entries = plan.items[0].actions[0].evidence[1:]  # after the original one
        assert all(re.fullmatch(r"entry \d+ x{2000}", e.text) for e in entries)  # none torn
        lines = path.read_text(encoding="utf-8").splitlines()
        original = iter(lines)
        assert all(line in original for line in ITEM_YAML.splitlines())  # all still there
    assert len(entries) > 0


def test_the_comment_after_an_edited_value_stays(plan_dir: PlanDir, slac: Runner) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(
        ITEM_YAML.replace(
            "    by_when: February – March 2012\n",
            "    by_when: February – March 2012\n    status: not-started  # agreed at DMT\n",
        ),
        encoding="utf-8",
    )
    code, diff, _ = edit(slac, plan_dir, "status", "R1.2", "in-progress")
    assert code == 0
    assert "+    status: in-progress  # agreed at DMT" in diff
    assert path.read_text(encoding="utf-8").endswith("    status: in-progress  # agreed at DMT\n")


def test_an_edit_leaves_other_files_and_protected_files_alone(
    plan_dir: PlanDir, slac: Runner
) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    theirs = plan_dir.root / "items" / ".r1.yaml.mine.tmp"  # a user's file, not slac's
    theirs.write_text("keep me\n", encoding="utf-8")
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "Audit done.")
    assert code == 0, err
    assert theirs.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [".r1.yaml.mine.tmp", "r1.yaml"]
    path.chmod(0o444)
    before = path.read_bytes()
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "Second audit.")
    assert code == 1 and "write-protected" in err
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_full_disk_refuses_the_edit_and_loses_nothing(
    plan_dir: PlanDir, slac: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    path = plan_dir.root / "items" / "r1.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", full)
    code, _, err = edit(slac, plan_dir, "evidence", "add", "R1.1", "Audit done.")
    assert code == 1
    assert err.strip().endswith(
        "could not be written (No space left on device); it was left as it was"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["r1.yaml"]


def test_a_report_that_cannot_be_written_says_why(plan_dir: PlanDir, slac: Runner) -> None:
    out = plan_dir.root.parent / "no-such-folder" / "january.md"
    result = slac(
        "report", "monthly", "--month", "2012-01", "--plan", str(plan_dir.root), "-o", str(out)
    )
    assert result.code == 2
    assert result.err == f"slac: error: {out}: No such file or directory\n"


def test_an_edit_reads_each_other_file_once(
    slac: Runner, tmp_path: Path, opened_files: Callable[[Path], Counter[str]]
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan)
    opened = opened_files(plan)
    done = slac("evidence", "add", "SG-R2.1", "Audit: 15 files.", "--date", "2012-02-24",
                "--plan", str(plan))  # fmt: skip
    assert done.code == 0, done.err
    edited = opened.pop("sg-r2.yaml")
    assert edited <= 3  # read with the plan, then again under the lock before writing
    assert len(opened) == len(list(plan.rglob("*.yaml"))) - 1
    assert set(opened.values()) == {1}, opened


def test_a_report_replaces_the_file_it_wrote_last_month(plan_dir: PlanDir, slac: Runner) -> None:
    out = plan_dir.root.parent / "update.md"
    out.write_text("last month's update\n", encoding="utf-8")
    result = slac(
        "report", "monthly", "--month", "2012-01", "--plan", str(plan_dir.root), "-o", str(out)
    )
    assert result.code == 0, result.err
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".update")] == []
