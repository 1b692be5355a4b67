"""`slac export --format csv|xlsx` and `slac overdue --format xlsx`: the plan for Excel and
Power BI. Every action once, statuses as `slac overdue` judges them, dates as dates, and no
plan text that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.model import Plan, YearMonth
from slac_plan.core.queries import tasks
from slac_plan.core.wording import one_line
from slac_plan.output.formats import csv_cell, spreadsheet_safe
from slac_plan.output.spreadsheets import (
    ACTION_COLUMNS,
    Sheet,
    action_rows,
    csv_text,
    plan_csv,
    workbook,
)
from tests.conftest import BUNDLED_PLAN, ITEM_YAML, ROLES_YAML, PlanDir, Runner, invoke

AS_OF = date(2012, 3, 1)
PINNED = ("--as-of", AS_OF.isoformat())
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\t=1+2"]


@pytest.fixture(scope="module")
def plan() -> Plan:
    found = validate_plan(BUNDLED_PLAN, date(2026, 11, 28)).plan()
    assert found is not None
    return found


def every_node_id(plan: Plan) -> list[str]:
    return [
        node.id
        for item in plan.items
        for action in item.actions
        for node in (action, *action.sub_actions)
    ]


def csv_rows(data: bytes) -> list[dict[str, str]]:
    """What a CSV reader sees in a file slac wrote (the mark Excel needs is dropped)."""
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def sheet_rows(path: Path, title: str) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(path)[title]
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def export(slac: Runner, tmp_path: Path, fmt: str, root: Path = BUNDLED_PLAN) -> Path:
    out = tmp_path / f"plan.{fmt}"
    result = slac("export", "--plan", str(root), "--format", fmt, *PINNED, "-o", str(out))
    assert result.code == 0, result.err
    assert result.out == ""
    return out


# --- every action once -----------------------------------------------------------------------


def test_csv_holds_every_action_once(plan: Plan, slac: Runner, tmp_path: Path) -> None:
    data = export(slac, tmp_path, "csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfItem id,Section,")  # the mark Excel on Windows needs
    assert data.count(b"\r\n") == len(data.splitlines())  # RFC 4180 line ends, one per row
    rows = csv_rows(data)
    assert list(rows[0]) == list(ACTION_COLUMNS)
    ids = [row["Action id"] for row in rows]
    assert len(ids) == len(set(ids)) == len(every_node_id(plan))
    assert set(ids) == set(every_node_id(plan))
    tracked = {row["Action id"] for row in rows if row["Tracked"] == "yes"}
    assert tracked == {task.id for task in tasks(plan)}
    assert {row["As of"] for row in rows} == {"2012-03-01"}


def test_xlsx_holds_every_action_once(plan: Plan, slac: Runner, tmp_path: Path) -> None:
    path = export(slac, tmp_path, "xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Actions", "Items", "Roles", "Boards", "Glossary", "About"]
    sheet = book["Actions"]
    assert [cell.value for cell in sheet[1]] == list(ACTION_COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert sheet.tables["PlanActions"].ref == f"A1:AA{sheet.max_row}"  # filters, banded rows
    rows = sheet_rows(path, "Actions")
    ids = [row["Action id"] for row in rows]
    assert len(ids) == len(set(ids)) and set(ids) == set(every_node_id(plan))
    tracked = {row["Action id"] for row in rows if row["Tracked"] == "yes"}
    assert tracked == {task.id for task in tasks(plan)}
    assert len(sheet_rows(path, "Items")) == len(plan.items)
    assert [row["Role id"] for row in sheet_rows(path, "Roles")] == [r.id for r in plan.roles]
    assert [row["Board id"] for row in sheet_rows(path, "Boards")] == [b.id for b in plan.boards]
    glossary = {row["Abbreviation"]: row["Meaning"] for row in sheet_rows(path, "Glossary")}
    assert glossary == plan.glossary


def test_xlsx_dates_are_dates_and_days_are_numbers(slac: Runner, tmp_path: Path) -> None:
    """The xlsx holds what the csv holds, as typed cells: days and months as dates, the days
    overdue as numbers (negative: days still to go)."""
    written = csv_rows(export(slac, tmp_path, "csv").read_bytes())
    sheet = openpyxl.load_workbook(export(slac, tmp_path, "xlsx"))["Actions"]
    dated = ("Due", "Completed on", "Last evidence date", "As of")
    formats: set[str] = set()
    for text, cells in zip(written, sheet.iter_rows(min_row=2), strict=True):
        cell = dict(zip(ACTION_COLUMNS, cells, strict=True))
        for column in dated:
            if not text[column]:
                assert cell[column].value is None
                continue
            assert cell[column].is_date, column
            formats.add(cell[column].number_format)
            value = cell[column].value
            shown = value.strftime(
                "%Y-%m" if cell[column].number_format == "mmm yyyy" else "%Y-%m-%d"
            )
            assert shown == text[column]
        days = cell["Days overdue"]
        assert days.value == (int(text["Days overdue"]) if text["Days overdue"] else None)
        assert days.value is None or days.data_type == "n"
        assert one_line(cell["Action text"].value) == text["Action text"]  # csv: one line
    days_seen = {int(row["Days overdue"]) for row in written if row["Days overdue"]}
    assert min(days_seen) < 0 < max(days_seen)
    assert formats == {"yyyy-mm-dd", "mmm yyyy"}  # the bundled plan dates some evidence by month


def test_same_as_and_actions_with_sub_actions(plan: Plan) -> None:
    rows = {row[4]: dict(zip(ACTION_COLUMNS, row, strict=True)) for row in action_rows(plan, AS_OF)}
    same = next(task for task in tasks(plan) if task.tracked_as)
    kept, there = rows[same.id], rows[str(same.tracked_as)]
    assert kept["Same as"] == same.tracked_as and kept["Tracked"] == "yes"
    for column in ("Due", "Colour", "State", "Overdue", "Days overdue", "Last evidence"):
        assert kept[column] == there[column], column
    action = next(a for item in plan.items for a in item.actions if a.sub_actions)
    parent = rows[action.id]
    assert parent["Tracked"] == "no" and parent["Level"] == "action"
    assert parent["Colour"] is None and parent["Overdue"] is None
    for sub in action.sub_actions:
        assert rows[sub.id]["Level"] == "sub-action"
        assert rows[sub.id]["Parent action id"] == action.id


# --- statuses as `slac overdue` and `slac show` judge them ------------------------------------


def test_derived_status_matches_slac_overdue(slac: Runner, tmp_path: Path) -> None:
    listed = json.loads(
        slac("overdue", "--plan", str(BUNDLED_PLAN), *PINNED, "--format", "json").out
    )
    late = {entry["id"]: entry["days_overdue"] for entry in listed["overdue"]}
    assert late  # the pinned date has something overdue
    from_csv = {
        row["Action id"]: int(row["Days overdue"])
        for row in csv_rows(export(slac, tmp_path, "csv").read_bytes())
        if row["Overdue"] == "yes"
    }
    from_xlsx = {
        row["Action id"]: row["Days overdue"]
        for row in sheet_rows(export(slac, tmp_path, "xlsx"), "Actions")
        if row["Overdue"] == "yes"
    }
    assert from_csv == late == from_xlsx
    rows = sheet_rows(tmp_path / "plan.xlsx", "Actions")
    overdue = next(row for row in rows if row["Overdue"] == "yes")
    other = next(row for row in rows if row["Tracked"] == "yes" and row["State"] != "Overdue")
    for row in (overdue, other):  # and each colour is the one `slac show` gives
        ident = str(row["Action id"])
        show = ("show", ident, "--plan", str(BUNDLED_PLAN), *PINNED, "--format", "json")
        status = json.loads(slac(*show).out)["status"]
        assert (row["State"], row["Reason"]) == (status["word"], status["reason"]), ident


def test_overdue_xlsx_lists_what_overdue_json_lists(slac: Runner, tmp_path: Path) -> None:
    query = ("overdue", "--plan", str(BUNDLED_PLAN), *PINNED, "--due-within", "31")
    listed = json.loads(slac(*query, "--format", "json").out)
    out = tmp_path / "overdue.xlsx"
    result = slac(*query, "--format", "xlsx", "-o", str(out))
    assert result.code == 0 and result.out == ""
    rows = sheet_rows(out, "Overdue")
    overdue = [row["id"] for row in rows if row["status"] == "overdue"]
    assert overdue == [entry["id"] for entry in listed["overdue"]]  # and in the same order
    soon = [row["id"] for row in rows if row["status"] == "due soon"]
    assert soon == [entry["id"] for entry in listed["due_soon"]] and soon
    first = rows[0]
    assert first["due"] == datetime.fromisoformat(listed["overdue"][0]["due"])
    assert first["days"] == listed["overdue"][0]["days_overdue"]
    about = dict(openpyxl.load_workbook(out)["About"].iter_rows(values_only=True))
    assert about["Overdue as of"] == datetime(2012, 3, 1)


def test_overdue_xlsx_with_nothing_overdue_still_opens(slac: Runner, tmp_path: Path) -> None:
    out = tmp_path / "none.xlsx"
    early = ("--as-of", "2011-11-20")
    assert (
        slac(
            "overdue", "--plan", str(BUNDLED_PLAN), *early, "--format", "xlsx", "-o", str(out)
        ).code
        == 0
    )
    sheet = openpyxl.load_workbook(out)["Overdue"]
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:H1"  # a header, filters, no table


# --- binary needs a file; text still streams --------------------------------------------------


@pytest.mark.parametrize("command", ["export", "overdue"])
def test_xlsx_is_never_written_to_stdout(slac: Runner, command: str) -> None:
    result = slac(command, "--plan", str(BUNDLED_PLAN), "--format", "xlsx")
    assert result.code == 2
    assert result.out == ""
    assert result.err == "slac: error: --format xlsx writes a file: give -o FILE.xlsx\n"


def test_csv_to_stdout_is_the_file(slac: Runner, tmp_path: Path) -> None:
    written = export(slac, tmp_path, "csv").read_bytes().decode("utf-8")
    args = ("export", "--plan", str(BUNDLED_PLAN), "--format", "csv", *PINNED)
    assert slac(*args).out == written
    assert invoke(*args).out == written  # a stdout with no byte buffer (Python capturing it)


def test_overdue_text_formats_to_a_file(slac: Runner, tmp_path: Path) -> None:
    query = ("overdue", "--plan", str(BUNDLED_PLAN), *PINNED, "--format", "csv")
    out = tmp_path / "overdue.csv"
    assert slac(*query, "-o", str(out)).out == ""
    assert out.read_text(encoding="utf-8") == slac(*query).out


# --- nothing runs as a formula ---------------------------------------------------------------


def hostile_plan(plan_dir: PlanDir) -> None:
    """Formulas and non-ASCII text in action text, a role's title, a wording and evidence."""
    actions = "".join(
        f"  - id: R1.{n}\n    text: {json.dumps(text)}\n    leads:\n      - role: ad\n"
        f"    by_when: March 2012\n"
        for n, text in enumerate(HOSTILE, start=3)
    )
    item = ITEM_YAML.replace(
        "text: Coaching workshops for managers.", "text: Café – the managers’ coaching."
    ).replace("text: Focus group with managers 19.1.12", 'text: "@cmd|/c calc"')
    plan_dir.item("r1.yaml", item + actions)
    plan_dir.write("roles.yaml", ROLES_YAML.replace("title: Head of Safeguarding", "title: -Head"))


def text_cells_are_inert(cells: list[str]) -> None:
    for cell in cells:
        assert not cell.startswith(FORMULA_START) or _is_number(cell), repr(cell)


def _is_number(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def test_hostile_plan_is_inert_in_csv(plan_dir: PlanDir, slac: Runner, tmp_path: Path) -> None:
    hostile_plan(plan_dir)
    data = export(slac, tmp_path, "csv", plan_dir.root).read_bytes()
    rows = csv_rows(data)
    text_cells_are_inert([cell for row in rows for cell in row.values()])
    texts = {row["Action id"]: row["Action text"] for row in rows}
    for n, text in enumerate(HOSTILE, start=3):
        assert texts[f"R1.{n}"] == "'" + text
    assert texts["R1.2"] == "Café – the managers’ coaching."
    assert {row["Responsible lead"] for row in rows} >= {"'-Head"}
    assert "'@cmd|/c calc" in {row["Last evidence"] for row in rows}
    overdue = slac("overdue", "--plan", str(plan_dir.root), *PINNED, "--format", "csv").out
    text_cells_are_inert([cell for row in csv.reader(io.StringIO(overdue)) for cell in row])


def test_hostile_plan_is_inert_in_xlsx(plan_dir: PlanDir, slac: Runner, tmp_path: Path) -> None:
    hostile_plan(plan_dir)
    out = tmp_path / "overdue.xlsx"
    query = ("overdue", "--plan", str(plan_dir.root), "--as-of", "2012-04-02", "--format", "xlsx")
    assert slac(*query, "-o", str(out)).code == 0
    for path in (export(slac, tmp_path, "xlsx", plan_dir.root), out):
        book = openpyxl.load_workbook(path)
        cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
        assert all(cell.data_type != "f" for cell in cells)
        text_cells_are_inert([cell.value for cell in cells if isinstance(cell.value, str)])
    texts = {
        row["Action id"]: row["Action text"]
        for row in sheet_rows(tmp_path / "plan.xlsx", "Actions")
    }
    for n, text in enumerate(HOSTILE, start=3):
        assert texts[f"R1.{n}"] == "'" + text
    assert texts["R1.2"] == "Café – the managers’ coaching."
    listed = {row["id"]: row["action"] for row in sheet_rows(out, "Overdue")}
    assert listed["R1.3"] == "'" + HOSTILE[0]


def test_one_neutraliser() -> None:
    for text in [*HOSTILE, "\rX"]:
        assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("Review - then report") == "Review - then report"
    assert csv_cell(-3) == "-3"  # a number stays a number
    assert csv_cell("-3") == "'-3"  # text that looks like one does not
    assert csv_cell("a\nb") == "a b"
    assert csv_cell(YearMonth(2012, 1)) == "2012-01"
    assert csv_text(["a"], [["=1"]]) == "\ufeffa\r\n'=1\r\n"


def test_workbook_text_is_never_a_formula(tmp_path: Path) -> None:
    sheet = Sheet("S", "T", ("text", "days"), [["=1+1", -4], ["x" * 40_000, 0], ["", 5]])
    path = tmp_path / "w.xlsx"
    path.write_bytes(workbook([sheet], []))
    cells = list(openpyxl.load_workbook(path)["S"].iter_rows(min_row=2))
    assert cells[0][0].value == "'=1+1" and cells[0][0].data_type == "s"
    assert cells[0][1].value == -4 and cells[0][1].data_type == "n"
    assert len(cells[1][0].value) == 32_767  # what an Excel cell holds
    assert cells[2][0].value is None


def test_item_not_yet_in_the_plan(plan_dir: PlanDir) -> None:
    plan_dir.item("r1.yaml", ITEM_YAML.replace("number: 1\n", "number: 1\nadded_on: 2012-05-01\n"))
    loaded = validate_plan(plan_dir.root, date(2012, 6, 1)).plan()
    assert loaded is not None
    rows = [dict(zip(ACTION_COLUMNS, row, strict=True)) for row in action_rows(loaded, AS_OF)]
    assert {row["State"] for row in rows} == {"Not yet in the plan"}
    assert {row["Overdue"] for row in rows} == {None}
    assert plan_csv(loaded, date(2012, 6, 1)).count("Not yet in the plan") == 0


def test_every_task_list_file_is_a_choice() -> None:
    from typing import get_args

    from slac_plan.output.choices import ExportFormat, TaskListChoice, TaskListFile
    from slac_plan.output.formats import BINARY_FORMATS, EXPORT_FORMATS, TASK_LIST_FILES

    assert set(get_args(TaskListFile)) == set(TASK_LIST_FILES)
    assert set(TASK_LIST_FILES) <= set(get_args(TaskListChoice))
    assert BINARY_FORMATS <= set(get_args(ExportFormat)) == set(EXPORT_FORMATS)
