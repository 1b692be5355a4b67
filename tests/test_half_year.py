"""A half-year with slac, as the policy officer lives it: the bundled plan in a git repository,
each month's updates made only through the CLI and committed on dated commits, then the month's
update in Markdown, HTML and Word.

After every month the plan validates and is `fmt`-clean (CI stays green), every earlier
month's report regenerated says what it said when it was first made, the month's overdue list
is what `slac overdue --as-of` the next month's first day says, moves and completions appear
with their dates and reasons, and evidence text comes back exactly through `slac export`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from tests.conftest import BUNDLED_PLAN, Runner

TRICKY = [
    "Audit: 15 files reviewed",
    "See minutes #4, agreed at DMT",
    "Lead's note: \"draft\" policy circulated; it's 'nearly' done",
    "Café, naïve — Ünïcode: 子ども 50% done [phase 1] {ok} & more",
    "- starts with a dash, ends with a colon:",
]


HAND_WRITTEN = """\
outcomes:
  - id: o1
    text: Every child missing from care has a return interview within 72 hours.
actions:
  - id: SG-R10.1
    text: Commission return interviews from an independent provider, reported monthly to DMT.
    outcomes: [o1]
    leads:
      - role: ad-social-care
        responsible: true
    by_when: June 2012
"""


@dataclass(frozen=True)
class Month:
    month: str
    evidence: list[tuple[str, str, str]]
    """(id, text, date)"""
    complete: list[tuple[str, str, str]]
    """(id, note, date)"""
    moves: list[tuple[str, str, str, str]]
    """(id, new due, reason, date)"""
    new_item: tuple[str, str] | None = None
    """(title, date)"""


MONTHS = [
    Month(
        "2012-02",
        evidence=[
            ("SG-R2.1", TRICKY[0], "2012-02-24"),
            ("SG-R1.2", TRICKY[1], "2012-02-10"),
            ("SG-R1.2", TRICKY[2], "2012-02-17"),
        ],
        complete=[("SG-R1.1", "Policy signed off by DMT", "2012-02-28")],
        moves=[("SG-R9.3", "2012-04-30", "Awaiting DMT sign-off", "2012-02-27")],
    ),
    Month(
        "2012-03",
        evidence=[("LAC-R1.1", TRICKY[3], "2012-03-05"), ("SG-R3.1", TRICKY[4], "2012-03-20")],
        complete=[("SG-R1.2", "Six workshops delivered: 48 managers", "2012-03-30")],
        moves=[("LAC-R1.2", "2012-05-31", "SDQ returns late: chased", "2012-03-12")],
    ),
    Month(
        "2012-04",
        evidence=[("SG-R9.3", "Draft improvement plans with SCMT", "2012-04-18")],
        complete=[("SG-R9.3", "Improvement plans agreed", "2012-04-27")],
        moves=[],
        new_item=("Ensure return interviews: every child, every time.", "2012-04-10"),
    ),
    Month(
        "2012-05",
        evidence=[("LAC-R1.2", "SDQs: 92% complete at 2nd review", "2012-05-15")],
        complete=[],
        moves=[("LAC-R1.2", "2012-07-31", "Second wave of SDQs", "2012-05-29")],
    ),
    Month(
        "2012-06",
        evidence=[("SG-R2.1", "Re-audit: 20 files, 18 good", "2012-06-12")],
        complete=[("LAC-R1.2", "SDQ system embedded", "2012-06-29")],
        moves=[],
    ),
]


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Policy Officer",
        "GIT_AUTHOR_EMAIL": "officer@example.org",
        "GIT_COMMITTER_NAME": "Policy Officer",
        "GIT_COMMITTER_EMAIL": "officer@example.org",
    }
    if when:
        env.update(GIT_AUTHOR_DATE=f"{when}T17:00:00", GIT_COMMITTER_DATE=f"{when}T17:00:00")
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def next_month_first(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}-01"


@dataclass(frozen=True)
class Snapshot:
    """What a board member reads off a month's report: each action's status, the summary
    counts, the overdue list, and the changes of the month."""

    statuses: dict[str, str]
    counts: list[str]
    overdue: list[str]
    changed: str


def snapshot(html: str, markdown: str) -> Snapshot:
    rows = re.findall(r'<tr(?: class="sub")? id="a-([^"]+)">(.*?)</tr>', html, re.S)
    statuses = {ident: re.findall(r'class="brag brag-(\w+)"', body)[-1] for ident, body in rows}
    summary = markdown.split("## At a glance", 1)[1].split("###", 1)[0]
    counts = [line for line in summary.splitlines() if line.startswith("| ")]
    overdue_block = markdown.split("### Overdue at the month's end", 1)[1].split("###", 1)[0]
    overdue = re.findall(r"^- \*\*([^*]+)\*\*", overdue_block, re.M)
    moved = markdown.split("### Due dates moved this month", 1)[1].split("## ", 1)[0]
    changed = markdown.split("### What changed this month", 1)[1].split("## Introduction", 1)[0]
    return Snapshot(statuses, counts, overdue, moved + changed)


@pytest.mark.slow
def test_half_a_year_of_monthly_updates(slac: Runner, tmp_path: Path) -> None:
    repo = tmp_path / "council-plan"
    repo.mkdir()
    shutil.copytree(BUNDLED_PLAN, repo / "plan")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Plan as published, with January's evidence", when="2012-01-31")
    plan = ("--plan", str(repo / "plan"))
    first_seen: dict[str, Snapshot] = {}
    first_text: dict[str, str] = {}
    recorded: list[tuple[str, str]] = []

    def report(month: str) -> tuple[str, str]:
        md = slac("report", "monthly", "--month", month, *plan)
        html = slac("report", "monthly", "--month", month, "--format", "html", *plan)
        assert md.code == 0 and html.code == 0, md.err + html.err
        return md.out, html.out

    md, html = report("2012-01")
    first_seen["2012-01"], first_text["2012-01"] = snapshot(html, md), md

    for step in MONTHS:
        for ident, text, day in step.evidence:
            done = slac("evidence", "add", "--date", day, *plan, "--", ident, text)
            assert done.code == 0, done.err
            recorded.append((ident, text))
        for ident, new_due, reason, day in step.moves:
            done = slac("status", ident, "--due", new_due, "--reason", reason, "--date", day, *plan)
            assert done.code == 0, done.err
        for ident, note, day in step.complete:
            done = slac("status", ident, "complete", "--note", note, "--date", day, *plan)
            assert done.code == 0, done.err
            recorded.append((ident, note))
        if step.new_item:
            title, day = step.new_item
            done = slac(
                "new", "recommendation", "--section", "safeguarding-recommendations",
                "--title", title, "--date", day, *plan,
            )  # fmt: skip
            assert done.code == 0, done.err
            # The officer fills in its outcome and action by hand, in the editor.
            new = repo / "plan" / "items" / "sg-r10.yaml"
            new.write_text(
                new.read_text(encoding="utf-8").replace(
                    "outcomes: []\nactions: []\n", HAND_WRITTEN
                ),
                encoding="utf-8",
            )

        # CI stays green after the officer's edits.
        assert slac("validate", *plan[1:]).code == 0
        formatted = slac("fmt", "--check", *plan[1:])
        assert formatted.code == 0, formatted.out + formatted.err
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"Updates for {step.month}", when=f"{step.month}-28")

        # The month's update, in every format.
        md, html = report(step.month)
        word = tmp_path / f"update-{step.month}.docx"
        assert slac("report", "monthly", "--month", step.month, "--format", "docx",
                    "-o", str(word), *plan).code == 0  # fmt: skip
        word_text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
        now = snapshot(html, md)
        first_seen[step.month], first_text[step.month] = now, md

        # The month's overdue list is what `slac overdue` says on the next month's first day.
        listed = slac("overdue", "--as-of", next_month_first(step.month), "--format", "json", *plan)
        assert sorted(now.overdue) == sorted(e["id"] for e in json.loads(listed.out)["overdue"])

        # Moves and completions of the month appear with their dates and reasons.
        for ident, _, reason, day in step.moves:
            line = next(x for x in now.changed.splitlines() if f"- **{ident}**: Moved" in x)
            assert reason in line and long(day) in line
            assert f"{ident}: Moved from" in word_text and reason in word_text
        for ident, _, day in step.complete:
            assert now.statuses[ident] == "blue"
            assert f"completed {long(day)}" in html
            assert f"- **{ident}**:" in now.changed and "to Complete." in now.changed

        # Every earlier month, regenerated now, says what it said then.
        for month, seen in first_seen.items():
            again_md, again_html = report(month)
            assert snapshot(again_html, again_md) == seen, month
            assert again_md == first_text[month], month

    # Evidence text comes back exactly through `slac export`.
    exported = json.loads(slac("export", *plan).out)
    texts: dict[str, list[str]] = {}
    for item in exported["items"]:
        for action in item["actions"]:
            for node in (action, *action["sub_actions"]):
                texts[node["id"]] = [entry["text"] for entry in node["evidence"]]
    for ident, text in recorded:
        assert text in texts[ident], (ident, text)

    # What the boards saw over the half-year.
    assert first_seen["2012-01"].statuses["SG-R9.3"] == "red"  # due in January, missed
    assert first_seen["2012-02"].statuses["SG-R9.3"] in ("green", "amber")  # moved to April
    assert first_seen["2012-04"].statuses["SG-R9.3"] == "blue"
    assert first_seen["2012-01"].statuses["SG-R1.1"] != "blue"  # completed in February
    assert first_seen["2012-02"].statuses["LAC-R4.1"] == "blue"  # the same work as SG-R1.1
    assert "SG-R10.1" not in first_seen["2012-03"].statuses  # added in April
    assert "SG-R10.1" in first_seen["2012-04"].statuses
    log = git(repo, "log", "--format=%ad", "--date=short")
    assert log.split() == ["2012-06-28", "2012-05-28", "2012-04-28", "2012-03-28",
                           "2012-02-28", "2012-01-31"]  # fmt: skip


def long(day: str) -> str:
    """'2012-02-27' -> '27 February 2012', as reports write dates."""
    from datetime import date

    from slac_plan.core.periods import long_date

    return long_date(date.fromisoformat(day))
