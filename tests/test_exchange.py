"""`slac request` and `slac collect`: workbooks out to the leads, their answers back into the
plan, the way a lead fills them in (openpyxl standing in for Excel), mistakes included."""

from __future__ import annotations

import difflib
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from slac_plan.checks.validate import valid_plan
from slac_plan.core.model import Plan
from slac_plan.core.queries import in_plan_at, task_index, tasks
from slac_plan.exchange.collect import collect
from slac_plan.exchange.layout import (
    COLUMNS,
    FIRST_ROW,
    HEADER_ROW,
    META_SHEET,
    column_number,
    status_choices,
)
from tests.conftest import BUNDLED_PLAN, PLAN_YAML, Result, Runner, write_plan

MONTH = "2012-02"
SHEET = "February 2012"
TODAY = date(2012, 3, 5)


# --- as a lead fills a workbook in -----------------------------------------------------------


def row_of(sheet: Any) -> dict[str, int]:
    """Each listed action's row, by its id."""
    return {
        str(sheet.cell(row, 1).value): row
        for row in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }


def fill(
    path: Path,
    answers: dict[str, dict[str, object]],
    *,
    added: tuple[dict[str, object], ...] = (),
    sheet_name: str = SHEET,
) -> dict[str, int]:
    """Type `answers` into the rows of their ids (any column, locked or not: openpyxl, like
    a lead who unprotected the sheet, is not stopped), and `added` rows below the last; the
    row of each id written."""
    book = openpyxl.load_workbook(path)
    sheet = book[sheet_name]
    rows = row_of(sheet)
    for ident, cells in answers.items():
        for key, value in cells.items():
            sheet.cell(rows[ident], column_number(key)).value = value
    for cells in added:
        row = sheet.max_row + 1
        for key, value in cells.items():
            sheet.cell(row, column_number(key)).value = value
        rows[str(cells["id"])] = row
    book.save(path)
    return rows


def listed(path: Path, sheet_name: str = SHEET) -> list[str]:
    return list(row_of(openpyxl.load_workbook(path)[sheet_name]))


def request(slac: Runner, lead: str) -> Result:
    """`slac request` for one lead of the plan in ./plan, into ./out."""
    return slac("request", "--lead", lead, "--month", MONTH, "-o", "out", "--plan", "plan")


def files_of(root: Path) -> dict[Path, bytes]:
    return {path.relative_to(root): path.read_bytes() for path in sorted(root.rglob("*.yaml"))}


def records(plan: Plan) -> dict[str, tuple[object, ...]]:
    """What collect may change on each action: its evidence, status and due moves."""
    return {
        ident: (
            task.node.evidence,
            task.node.status,
            task.node.completed_on,
            task.node.due_moves,
        )
        for ident, task in task_index(plan).items()
    }


def refusal(err: str, path: str, row: int | None, *words: str) -> str:
    """The one stderr line refusing `row` of the workbook at `path`; it must name every word."""
    where = f"slac: refused: {path}" + (f", sheet '{SHEET}', row {row}: " if row else ": ")
    lines = [line for line in err.splitlines() if line.startswith(where)]
    assert len(lines) == 1, (where, err)
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


# --- the round trip on the bundled plan ------------------------------------------------------


def test_a_month_of_returns_round_trips_into_the_bundled_plan(tmp_path: Path, slac: Runner) -> None:
    plan_root = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, plan_root)
    plan = valid_plan(plan_root, TODAY)[0]
    month_end = date(2012, 2, 29)

    made = slac("request", "--all", "--month", MONTH, "-o", "out", "--plan", "plan")
    assert made.code == 0, made.err
    books = sorted((tmp_path / "out").glob("*.xlsx"))
    asked = {path.name.removeprefix(f"{MONTH}-").removesuffix(".xlsx"): path for path in books}
    assert len(made.out.splitlines()) == len(books)

    # Each lead is asked about exactly the actions they lead in the month (the Head of
    # Transitions leads LAC-R3.2 only from April) that were open at the month's end.
    index = task_index(plan)
    owed: dict[str, list[str]] = {}
    for task in tasks(plan):
        record = index[task.tracked_as or task.id]
        if in_plan_at(record.item, month_end) and not record.complete_at(month_end):
            for lead in task.leads:
                if not lead.leads_between(date(2012, 2, 1), month_end):
                    continue
                ids = owed.setdefault(lead.role, [])
                ids += [record.id] if record.id not in ids else []
    assert {lead: sorted(listed(path)) for lead, path in asked.items()} == {
        lead: sorted(ids) for lead, ids in owed.items()
    }
    transitions = asked.get("head-transitions")
    assert transitions is None or "LAC-R3.2" not in listed(transitions)
    complete = [t.id for t in tasks(plan) if t.complete_at(month_end) and t.leads]
    assert complete and not set(complete) & {i for p in books for i in listed(p)}

    # The Head of Safeguarding answers for seven actions that have no status or due move yet,
    # two correctly and the rest wrongly, and adds two rows slac did not write.
    hs_path = asked["head-safeguarding"]
    fresh = [
        ident
        for ident in listed(hs_path)
        if index[ident].node.status is None and not index[ident].moves
    ]
    ok_text, ok_done, ok_due, bad_status, bad_future, bad_locked, bad_reason = fresh[:7]
    elsewhere = next(i for i in listed(asked["dcs"]) if i not in listed(hs_path))
    done_label = next(label for label, ident in status_choices(plan).items() if ident == "complete")
    hs_rows = fill(
        hs_path,
        {
            ok_text: {"progress": "Audit of 40 cases done.\nReport to LSCB in March.",
                      "date": datetime(2012, 2, 20)},
            ok_done: {"progress": "Framework signed off by DMT.", "date": datetime(2012, 2, 24),
                      "proposed_status": done_label},
            ok_due: {"new_due": datetime(2012, 4, 30), "reason": "Awaiting LSCB sign-off",
                     "date": datetime(2012, 2, 27)},
            bad_status: {"progress": "Finished.", "date": datetime(2012, 2, 21),
                         "proposed_status": "Done"},
            bad_future: {"progress": "Will be done.", "date": datetime(2099, 1, 1)},
            bad_locked: {"action": "A better action.", "progress": "Reworded.",
                         "date": datetime(2012, 2, 22)},
            bad_reason: {"new_due": datetime(2012, 5, 31), "date": datetime(2012, 2, 22)},
        },
        added=(
            {"id": "SG-R99.9", "progress": "Done too.", "date": datetime(2012, 2, 23)},
            {"id": elsewhere, "progress": "Helped.", "date": datetime(2012, 2, 23)},
        ),
    )  # fmt: skip

    # The Assistant Director types one date as text, day first, and changes an ID; the DCS
    # reports the same progress on an action they share with the Assistant Director.
    ad_path, dcs_path = asked["ad-social-care"], asked["dcs"]
    shared = next(i for i in listed(dcs_path) if i in listed(ad_path))
    ad_ids = [i for i in listed(ad_path) if i != shared]
    same: dict[str, object] = {"progress": "Audit results shared with DMT.", "date": "15/02/2012"}
    ad_rows = fill(
        ad_path,
        {shared: same, ad_ids[0]: {"id": ad_ids[1], "progress": "Done.", "date": "16/02/2012"}},
    )
    fill(dcs_path, {shared: {**same, "date": datetime(2012, 2, 15)}})

    # A lead returns January's workbook; another plan's workbook turns up too.
    for_hs = ("request", "--lead", "head-safeguarding")
    assert slac(*for_hs, "--month", "2012-01", "-o", "jan", "--plan", "plan").code == 0
    january = tmp_path / "jan" / "2012-01-head-safeguarding.xlsx"
    old = {"progress": "Old.", "date": datetime(2012, 1, 30)}
    fill(january, {listed(january, "January 2012")[0]: old}, sheet_name="January 2012")
    other = write_plan(tmp_path / "other")
    hos = ("request", "--lead", "hos", "--month", MONTH)
    assert slac(*hos, "-o", "elsewhere", "--plan", str(other.root)).code == 0
    foreign = tmp_path / "elsewhere" / f"{MONTH}-hos.xlsx"
    fill(foreign, {"R1.2": {"progress": "Not this plan.", "date": datetime(2012, 2, 10)}})

    given = [str(path.relative_to(tmp_path)) for path in books]
    given += ["jan/2012-01-head-safeguarding.xlsx", f"elsewhere/{MONTH}-hos.xlsx"]
    before = files_of(plan_root)
    before_records = records(plan)

    # Several months and no --month: which to collect is not guessed.
    mixed = slac("collect", *given, "--plan", "plan")
    assert mixed.code == 2
    assert mixed.err.startswith("slac: error: these workbooks were requested for different")
    assert "January 2012" in mixed.err and "February 2012" in mixed.err
    assert files_of(plan_root) == before

    dry = slac("collect", *given, "--month", MONTH, "--plan", "plan", "--dry-run")
    assert dry.code == 1, dry.err
    assert files_of(plan_root) == before
    assert "dry run: plan/items/" in dry.err

    real = slac("collect", *given, "--month", MONTH, "--plan", "plan")
    assert real.code == 1, real.err
    assert real.out == dry.out  # the dry run showed exactly what was written
    assert "Traceback" not in real.err

    # Every mistake is reported with its file, sheet and row, and why.
    hs = str(hs_path.relative_to(tmp_path))
    refusal(real.err, hs, hs_rows[bad_status], "'Done' is not one of this plan's statuses")
    refusal(real.err, hs, hs_rows[bad_future], "1 January 2099", "future")
    refusal(real.err, hs, hs_rows[bad_locked], "'Action' was changed")
    refusal(real.err, hs, hs_rows[bad_reason], "needs its reason")
    refusal(real.err, hs, hs_rows["SG-R99.9"], "no action or sub-action 'SG-R99.9'")
    refusal(real.err, hs, hs_rows[elsewhere], f"{elsewhere} is led by", "not by Head of Safeg")
    ad = str(ad_path.relative_to(tmp_path))
    refusal(real.err, ad, ad_rows[ad_ids[0]], f"ID was changed from {ad_ids[0]} to {ad_ids[1]}")
    refusal(real.err, "jan/2012-01-head-safeguarding.xlsx", None, "January 2012")
    refusal(real.err, f"elsewhere/{MONTH}-hos.xlsx", None, "another plan", "Example Council")
    assert real.err.count("slac: refused: ") == 9
    summary = f"4 rows recorded, 1 already in the plan, 9 refused, from {len(books)} workbooks"
    assert summary in real.err

    # The plan holds what the leads said, and nothing else changed.
    after = valid_plan(plan_root, TODAY)[0]
    after_records = records(after)
    changed = {i for i in before_records if before_records[i] != after_records[i]}
    assert changed == {ok_text, ok_done, ok_due, shared}
    node = task_index(after)
    assert [(e.date, e.text, e.by) for e in node[ok_text].node.evidence][-1] == (
        date(2012, 2, 20),
        "Audit of 40 cases done.\nReport to LSCB in March.",
        "head-safeguarding",  # who reported it: the lead whose workbook it came from
    )
    assert (node[ok_done].node.status, node[ok_done].node.completed_on) == (
        "complete",
        date(2012, 2, 24),
    )
    assert node[ok_done].node.evidence[-1].text == "Framework signed off by DMT."
    assert node[ok_done].node.evidence[-1].by == "head-safeguarding"
    move = node[ok_due].node.due_moves[-1]
    assert (move.date, move.from_, move.to, move.reason) == (
        date(2012, 2, 27),
        index[ok_due].due_at(date(2012, 2, 27)),
        date(2012, 4, 30),
        "Awaiting LSCB sign-off",
    )
    shared_evidence = [e for e in node[shared].node.evidence if e.text == same["progress"]]
    assert [e.date for e in shared_evidence] == [date(2012, 2, 15)]

    now = files_of(plan_root)
    touched = {path for path in before if now[path] != before[path]}
    assert touched == {
        plan.sources[index[i].item.id].path.relative_to(plan_root)
        for i in (ok_text, ok_done, ok_due, shared)
    }
    for path in touched:
        lines = list(
            difflib.ndiff(
                before[path].decode().splitlines(keepends=True),
                now[path].decode().splitlines(keepends=True),
            )
        )
        assert not [line for line in lines if line.startswith("- ")], path
        added = [line[2:].strip() for line in lines if line.startswith("+ ")]
        assert added, path
        keys: tuple[str, ...] = ("- date:", "text:", "status:", "completed_on:", "evidence:")
        keys += ("by:", "due_moves:", "from:", "to:", "reason:")
        assert [line for line in added if not line.startswith(keys)] == [], path
        assert f"+++ b/plan/{path.as_posix()}" in real.out

    assert slac("validate", "--plan", "plan").code == 0
    assert slac("fmt", "--check", "--plan", "plan").code == 0

    # Collecting the same workbooks again adds nothing, and says so.
    again = slac("collect", *given, "--month", MONTH, "--plan", "plan")
    assert again.code == 1
    assert again.out == ""
    assert files_of(plan_root) == now
    assert "0 rows recorded, 5 already in the plan, 9 refused" in again.err
    assert again.err.count("slac: already collected: ") == 5


# --- the workbook itself ---------------------------------------------------------------------

COUNCIL_STATUSES = """\
statuses:
  - id: planned
    label: Planned
    means: not-started
  - id: under-way
    label: Under way
    means: in-progress
  - id: signed-off
    label: Signed off
    means: done
  - id: superseded
    label: Superseded, transferred
    means: closed
"""

NUMBERED_ITEM = """\
id: "2012"
section: sg
kind: recommendation
number: 2
text: Ensure that plans are reviewed.
actions:
  - id: "2012.10"
    text: '=HYPERLINK("http://example.org", "look") is how the tracker linked it'
    leads:
      - role: hos
    by_when: end March 2012
  - id: "2012.2"
    text: Review every plan with the family present.
    same_as: "2012.10"
    leads:
      - role: dcs
    by_when: end March 2012
"""


def test_a_workbook_offers_the_councils_own_statuses_and_locks_all_but_the_answers(
    tmp_path: Path, slac: Runner
) -> None:
    plan = write_plan(tmp_path)
    plan.write("plan.yaml", PLAN_YAML + COUNCIL_STATUSES)
    plan.item("r2012.yaml", NUMBERED_ITEM)
    result = request(slac, "hos")
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(tmp_path / "out" / f"{MONTH}-hos.xlsx")
    assert book.sheetnames == [SHEET, META_SHEET]
    sheet, hidden = book[SHEET], book[META_SHEET]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet
    assert book.security.lockStructure

    # The drop-down is the plan's statuses, by their labels, comma and all.
    (dropdown,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert str(dropdown.sqref) == f"I{FIRST_ROW}:I{FIRST_ROW + 2}"
    source, cells = dropdown.formula1.split("!")
    assert source == f"'{META_SHEET}'"
    first, last = cells.replace("$", "").split(":")
    labels = [cell.value for (cell,) in hidden[first:last]]
    assert labels == ["Planned", "Under way", "Signed off", "Superseded, transferred"]
    dates = [v for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert sorted(str(v.sqref)[0] for v in dates) == ["H", "J"]

    # Protected: the answer columns of listed rows are unlocked, every other cell locked.
    assert sheet.protection.sheet
    rows = row_of(sheet)
    assert list(rows) == ["R1.1", "R1.2", "2012.10"]
    for row in range(1, FIRST_ROW + len(rows) + 2):
        for number, column in enumerate(COLUMNS, start=1):
            unlocked = not column.locked and FIRST_ROW <= row < FIRST_ROW + len(rows)
            assert sheet.cell(row, number).protection.locked is not unlocked, (row, number)
    assert sheet.freeze_panes == f"B{FIRST_ROW}"
    assert [sheet.column_dimensions[letter].width for letter in "ABG"] == [12, 55, 55]
    assert sheet.cell(rows["R1.1"], 2).alignment.wrap_text
    assert "fill in" in str(sheet.cell(3, 1).value)
    assert sheet.cell(HEADER_ROW, 7).value.startswith("Progress this month")

    # An id that looks like a number stays text; a wording that looks like a formula too.
    id_cell = sheet.cell(rows["2012.10"], 1)
    assert (id_cell.value, id_cell.data_type, id_cell.number_format) == ("2012.10", "s", "@")
    action = sheet.cell(rows["2012.10"], 2)
    assert action.data_type == "s" and action.value.startswith("=HYPERLINK")

    # The DCS leads 2012.2, the same work as 2012.10: asked about it there, and answering there.
    assert request(slac, "dcs").code == 0
    dcs = tmp_path / "out" / f"{MONTH}-dcs.xlsx"
    dcs_sheet = openpyxl.load_workbook(dcs)[SHEET]
    assert list(row_of(dcs_sheet)) == ["2012.10"]
    assert "The same work as 2012.2" in dcs_sheet.cell(FIRST_ROW, 2).value

    fill(dcs, {"2012.10": {"progress": "Plans reviewed.", "date": datetime(2012, 2, 9),
                           "proposed_status": "Complete"}})  # fmt: skip
    fill(tmp_path / "out" / f"{MONTH}-hos.xlsx", {"2012.10": {
        "progress": "All plans reviewed.", "date": datetime(2012, 2, 10),
        "proposed_status": "Signed off"}})  # fmt: skip
    collected = slac("collect", "out/2012-02-dcs.xlsx", "out/2012-02-hos.xlsx", "--plan", "plan")
    assert collected.code == 1
    refusal(collected.err, "out/2012-02-dcs.xlsx", FIRST_ROW, "'Complete' is not one of",
            "Planned, Under way, Signed off, Superseded, transferred")  # fmt: skip
    node = task_index(valid_plan(plan.root, TODAY)[0])["2012.10"].node
    assert (node.status, node.completed_on) == ("signed-off", date(2012, 2, 10))
    assert "status: signed-off\n" in collected.out


def test_a_request_never_overwrites_a_workbook(tmp_path: Path, slac: Runner) -> None:
    write_plan(tmp_path)
    args = ("request", "--lead", "hos", "--month", MONTH, "-o", "out", "--plan", "plan")
    assert slac(*args).code == 0
    path = tmp_path / "out" / f"{MONTH}-hos.xlsx"
    fill(path, {"R1.2": {"progress": "Workshops booked.", "date": datetime(2012, 2, 3)}})
    returned = path.read_bytes()
    again = slac(*args)
    assert again.code == 1
    assert again.err.startswith(f"slac: refused: {Path('out', f'{MONTH}-hos.xlsx')} already")
    assert path.read_bytes() == returned
    assert slac("request", "--month", MONTH, "-o", "out", "--plan", "plan").code == 2
    nobody = slac("request", "--lead", "dcs", "--month", MONTH, "-o", "o2", "--plan", "plan")
    assert (nobody.code, nobody.out) == (0, "")
    assert "dcs had no action open at the end of February 2012" in nobody.err


# --- the library, with today pinned ----------------------------------------------------------


def test_collect_refuses_what_it_cannot_read_and_dates_after_today(
    tmp_path: Path, slac: Runner
) -> None:
    plan_dir = write_plan(tmp_path)
    assert request(slac, "hos").code == 0
    path = tmp_path / "out" / f"{MONTH}-hos.xlsx"
    rows = fill(
        path,
        {
            "R1.1": {"progress": "=1+1", "date": datetime(2012, 2, 1)},
            "R1.2": {"progress": "Workshops held.", "date": "2012-03-06"},
        },
    )
    not_a_workbook = tmp_path / "returns.xlsx"
    not_a_workbook.write_text("hello", encoding="utf-8")
    csv = tmp_path / "returns.csv"
    csv.write_text("ID,Progress\n", encoding="utf-8")
    plan = valid_plan(plan_dir.root, TODAY)[0]
    before = files_of(plan_dir.root)

    result = collect(
        plan, [path, not_a_workbook, csv], today=date(2012, 3, 5), month=None, dry_run=False
    )
    reasons = {(r.where.path.name, r.where.row): r.reason for r in result.refused}
    assert "formula" in reasons[(path.name, rows["R1.1"])]
    assert "6 March 2012, after today (5 March 2012)" in reasons[(path.name, rows["R1.2"])]
    assert "not an Excel workbook" in reasons[("returns.xlsx", None)]
    assert ".xlsx" in reasons[("returns.csv", None)]
    assert (result.recorded, result.changes) == ([], [])
    assert files_of(plan_dir.root) == before

    # The next day the same row is no longer in the future.
    later = collect(plan, [path], today=date(2012, 3, 6), month=None, dry_run=False)
    assert [(o.task_id, o.what) for o in later.recorded] == [("R1.2", "evidence of 6 March 2012")]
    assert [r.where.row for r in later.refused] == [rows["R1.1"]]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"progress": "Held.", "date": "31/02/2012"}, "'31/02/2012' in 'Date of progress' is not"),
        ({"progress": "Held."}, "no 'Date of progress'"),
        ({"date": datetime(2012, 2, 2)}, "a date with nothing to record"),
        ({"reason": "Staff away", "date": datetime(2012, 2, 2)}, "a reason with no new due"),
        ({"proposed_status": "Complete", "date": datetime(2012, 2, 2)}, "has no evidence"),
    ],
)
def test_a_row_that_says_too_little_is_refused(
    tmp_path: Path, slac: Runner, cells: dict[str, object], reason: str
) -> None:
    plan_dir = write_plan(tmp_path)
    assert request(slac, "hos").code == 0
    path = tmp_path / "out" / f"{MONTH}-hos.xlsx"
    rows = fill(path, {"R1.2": cells})
    plan = valid_plan(plan_dir.root, TODAY)[0]
    result = collect(plan, [path], today=TODAY, month=None, dry_run=False)
    assert [(r.where.row, reason in r.reason) for r in result.refused] == [(rows["R1.2"], True)]
    assert result.recorded == []


def test_a_workbook_shows_each_action_as_the_months_update_does(
    tmp_path: Path, slac: Runner
) -> None:
    """A lead sees the due and the status the board will read for the month, in words."""
    from slac_plan import api

    shutil.copytree(BUNDLED_PLAN, tmp_path / "plan")
    assert request(slac, "ad-social-care").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "out" / f"{MONTH}-ad-social-care.xlsx")[SHEET]
    status = column_number("status")
    shown = {ident: str(sheet.cell(row, status).value) for ident, row in row_of(sheet).items()}
    report = api.monthly_update(tmp_path / "plan", MONTH, today=None)
    board = {r.id: r.status.label for s in report.sections for i in s.items for r in i.rows}
    assert shown and all(board[ident] in words for ident, words in shown.items())
    assert any("Red: Overdue" in words for words in shown.values())
