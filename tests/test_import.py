"""`slac import`: a council's existing plan, as Word, Excel or CSV, read into plan files.

Every document is built here, as councils write them (python-docx and openpyxl), imported
into a fresh plan, and the plan checked as an officer would: it validates, `slac fmt --check`
is clean, and the items say what the document said.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx.document import Document

from slac_plan.checks.validate import valid_plan, validate_plan
from slac_plan.core.model import Item, Plan, Role
from slac_plan.core.problems import InputError, Severity
from slac_plan.editing.fmt import format_paths
from slac_plan.importing.errors import ImportInputError, ImportRefused
from slac_plan.importing.importer import ImportPlan, plan_import, write_import
from slac_plan.importing.tables import shown_date
from tests.conftest import BUNDLED_PLAN, Runner, write_plan

TODAY = date(2012, 6, 30)


# --- building documents ----------------------------------------------------------------------


def _table(document: Document, header: list[str], rows: list[list[str | None]]) -> Any:
    """A Word table; a None cell is merged into the cell above it (w:vMerge)."""
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = title
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            if text is not None:
                _write(table.cell(r, c), text)
    for r, row in enumerate(rows, start=1):
        for c, said in enumerate(row):
            if said is None:
                top = r - 1
                while rows[top - 1][c] is None:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))
    return table


def _write(cell: Any, text: str) -> None:
    """Each line of `text` a paragraph of its own, as Word keeps them."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _imported(files: list[Path], root: Path, **options: Any) -> ImportPlan:
    planned = plan_import(files, root, today=TODAY, **options)
    assert not planned.refused, planned.refusals
    write_import(planned)
    return planned


def _loaded(root: Path) -> Plan:
    plan, _ = valid_plan(root, TODAY)
    return plan


def _assert_clean(root: Path) -> None:
    """What an officer's CI runs: no validation errors, and `slac fmt --check` clean."""
    errors = [p for p in validate_plan(root, TODAY).problems if p.severity is Severity.ERROR]
    assert errors == []
    formatting = format_paths([root], today=TODAY, dry_run=True)
    assert formatting.changed == []
    assert formatting.refused == []


def _item(plan: Plan, ident: str) -> Item:
    return next(item for item in plan.items if item.id == ident)


def _titles(plan: Plan, roles: list[str]) -> list[str]:
    by_id: dict[str, Role] = {role.id: role for role in plan.roles}
    return [by_id[role].title for role in roles]


# --- Word: a heading and a table per recommendation ---------------------------------------------


def _word_by_heading(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Action plan in response to the inspection", 0)
    document.add_paragraph("This plan answers the inspection of October 2011.")
    document.add_heading("Safeguarding Recommendations", 1)
    document.add_heading("1. Ensure that supervision is regular and recorded.", 2)
    document.add_paragraph("Timescale: Within 3 months")
    header = ["Required outcome", "Actions", "Lead", "By when",
              "Evidence of progress January 2012"]  # fmt: skip
    _table(document, header, [
        ["Staff receive monthly supervision.",
         "Review all supervision materials.\nInclude the views of staff.",
         "Head of Safeguarding / Named Nurse",
         "end February 2012",
         "Focus group with managers 19.1.12\nMaterials collected"],
        [None,
         "Strengthen supervision through the following actions:\n"
         "a. Audit supervision files monthly\nb. Train all managers",
         "Assistant Director, Social Care",
         "Sometime when staffing allows",
         "b. Training began in December 2011"],
    ])  # fmt: skip
    document.add_heading("2. Improve the recording of visits.", 2)
    _table(document, header, [
        ["Visits are recorded within 24 hours.", "Weekly recording checks by team managers.",
         "Head of Safeguarding", "March 2012", ""],
    ])  # fmt: skip
    document.add_heading("Safeguarding: Areas for Improvement", 1)
    document.add_heading("1. Case files show the child's voice.", 2)
    _table(document, header, [
        ["Children's views are recorded.", "Audit 20 case files for the child's voice.",
         "Director of Children's Services and Head of Safeguarding", "April 2012",
         "Audit planned"],
    ])  # fmt: skip
    document.save(str(path))
    return path


def test_word_with_a_heading_and_a_table_per_recommendation(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    for name in ("plan.yaml", "roles.yaml"):  # the officer's comments are kept
        path = root / name
        path.write_text(f"# Kept by the improvement team.\n{path.read_text()}", encoding="utf-8")
    source = _word_by_heading(tmp_path / "plan.docx")
    planned = _imported([source], root)

    _assert_clean(root)
    for name in ("plan.yaml", "roles.yaml"):
        assert (root / name).read_text().startswith("# Kept by the improvement team.\n")
    plan = _loaded(root)
    assert [s.title for s in plan.meta.sections] == [
        "Safeguarding Recommendations",
        "Safeguarding Areas for Development",
        "Safeguarding: Areas for Improvement",
    ]
    # The heading names an existing section: it is reused; the other is new, with its kind.
    assert plan.meta.sections[-1].kind == "area-for-improvement"
    assert "area-for-improvement" in [k.id for k in plan.meta.kinds]
    assert {"recommendation", "area-for-development"} <= {k.id for k in plan.meta.kinds}

    first = _item(plan, "R1")
    assert first.section == "sg" and first.number == 1
    assert first.text == "Ensure that supervision is regular and recorded."
    assert first.timescale == "Within 3 months"
    assert [o.text for o in first.outcomes] == ["Staff receive monthly supervision."]
    one, two = first.actions
    assert one.text == "Review all supervision materials.\nInclude the views of staff."
    assert one.outcomes == two.outcomes == ["o1"]  # the merged outcome cell serves both
    assert _titles(plan, [lead.role for lead in one.leads]) == [
        "Head of Safeguarding",
        "Named Nurse",
    ]
    assert one.leads[0].role == "hos" and one.leads[0].responsible  # an existing role reused
    assert one.leads[1].role == "named-nurse" and not one.leads[1].responsible
    assert one.by_when == "end February 2012"
    assert [(str(e.date), e.text) for e in one.evidence] == [
        ("2012-01-19", "Focus group with managers 19.1.12"),
        ("2012-01", "Materials collected"),
    ]
    assert two.text == "Strengthen supervision through the following actions:"
    assert [(s.id, s.text) for s in two.sub_actions] == [
        ("R1.2a", "Audit supervision files monthly"),
        ("R1.2b", "Train all managers"),
    ]
    assert [(str(e.date), e.text) for e in two.sub_actions[1].evidence] == [
        ("2011-12", "Training began in December 2011")
    ]
    assert two.leads[0].role == "ad"  # "Assistant Director, Social Care", kept whole

    improvement = _item(plan, "AI1")
    assert improvement.kind == "area-for-improvement"
    assert _titles(plan, [lead.role for lead in improvement.actions[0].leads]) == [
        "Director of Children's Services",
        "Head of Safeguarding",
    ]

    report = "\n".join(planned.report.lines())
    assert [role.id for role in planned.report.roles_created] == ["named-nurse"]
    assert [(ident, said) for ident, said, _ in planned.report.unread] == [
        ("R1.2", "Sometime when staffing allows")
    ]
    assert "R1.2: 'Sometime when staffing allows'" in report
    assert "named-nurse: Named Nurse" in report


def test_a_second_import_is_refused_and_overwrites_nothing(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    source = _word_by_heading(tmp_path / "plan.docx")
    _imported([source], root)
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}

    again = plan_import([source], root, today=TODAY)
    assert again.refused
    assert any("items/r1.yaml already exists" in why for why in again.refusals)
    with pytest.raises(ImportRefused, match="already exists"):
        write_import(again)
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


# --- Word: one table, the recommendation merged down its actions -------------------------------


def _word_one_table(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Improvement plan")
    _table(document, ["Recommendation", "Actions", "Lead officer", "Timescale",
                      "Progress update January 2012", "DMT comments"], [
        ["R1 Ensure that thresholds are understood by all agencies.",
         "Publish the thresholds document.", "Head of Safeguarding", "December 2011",
         "Published 14 December 2011", "Agreed at DMT 10 January 2012"],
        [None, "Run multi-agency workshops on thresholds.", "LSCB Business Manager",
         "February 2012", "", ""],
        ["R2 Improve the timeliness of initial assessments.",
         "Daily screening of contacts.", "Head of Safeguarding", "Immediate", "", ""],
    ])  # fmt: skip
    document.save(str(path))
    return path


def test_word_with_the_recommendation_merged_down_its_actions(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    source = _word_one_table(tmp_path / "lscb-plan.docx")
    planned = _imported([source], root)

    _assert_clean(root)
    plan = _loaded(root)
    assert [s.title for s in plan.meta.sections][-1] == "Lscb-plan"  # named after the file
    r1, r2 = _item(plan, "R1"), _item(plan, "R2")
    assert (r1.number, r2.number) == (1, 2)
    assert r1.text == "Ensure that thresholds are understood by all agencies."
    assert [a.text for a in r1.actions] == [
        "Publish the thresholds document.",
        "Run multi-agency workshops on thresholds.",
    ]
    assert [a.by_when for a in r1.actions] == ["December 2011", "February 2012"]
    assert [(str(e.date), e.text) for e in r1.actions[0].evidence] == [
        ("2011-12-14", "Published 14 December 2011")
    ]
    assert [a.text for a in r2.actions] == ["Daily screening of contacts."]
    # The column slac does not know is kept, in the item's notes, and reported.
    assert r1.notes == ["R1.1, DMT comments: Agreed at DMT 10 January 2012"]
    assert any("'DMT comments'" in n.message for n in planned.report.unmapped)


def test_map_settles_a_column_slac_does_not_know(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    source = _word_one_table(tmp_path / "lscb-plan.docx")
    planned = _imported([source], root, section="sg", mapping={"DMT comments": "evidence"})
    assert planned.report.unmapped == []
    r1 = _item(_loaded(root), "R1")
    assert r1.section == "sg" and r1.notes == []
    assert [(str(e.date), e.text) for e in r1.actions[0].evidence] == [
        ("2011-12-14", "Published 14 December 2011"),
        ("2012-01-10", "Agreed at DMT 10 January 2012"),
    ]


def test_a_table_whose_action_column_cannot_be_told_asks_for_map(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    document = docx.Document()
    document.add_heading("1. Ensure that plans are reviewed.", 2)
    _table(document, ["What we will change", "Lead", "By when"], [
        ["Review every plan.", "Head of Safeguarding", "March 2012"],
    ])  # fmt: skip
    source = tmp_path / "odd.docx"
    document.save(str(source))
    with pytest.raises(ImportInputError, match=r"odd.docx, table 1, row 1: .*--map"):
        plan_import([source], root, today=TODAY)
    planned = _imported([source], root, mapping={"What we will change": "action"})
    assert [a.text for a in _item(_loaded(root), "R1").actions] == ["Review every plan."]
    assert planned.report.items[0].actions == 1


# --- Excel -----------------------------------------------------------------------------------


def _tracker(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Safeguarding"
    sheet["A1"] = "Example Council: inspection improvement tracker"
    sheet.merge_cells("A1:G1")
    header = ["Ofsted para", "Recommendation", "Action", "Lead Person(s)", "Target date",
              "R/A/G", "Update"]  # fmt: skip
    for column, text in enumerate(header, start=1):
        sheet.cell(3, column, text)
    rows: list[list[Any]] = [
        ["28, 31", "Ensure that supervision is regular.", "Audit supervision monthly.",
         "Head of Safeguarding", datetime(2012, 9, 1), "G", "Audit held 14 February 2012"],
        [None, None, "Coaching for managers.", "Principal Social Worker\nHead of Safeguarding",
         "March 2012", "A", "Sessions booked"],
        [None, None, None, None, None, None, "First session held 20/3/2012"],
        ["40", "Improve return interviews.", "Commission a return interview service.",
         "Head of Commissioning", "Autumn", "R", ""],
    ]  # fmt: skip
    for r, row in enumerate(rows, start=4):
        for column, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, column, value)
    sheet.cell(4, 5).number_format = "mmm-yy"
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    other = book.create_sheet("Looked after children")
    for column, text in enumerate(["Recommendation", "Action", "Lead", "By when"], start=1):
        other.cell(1, column, text)
    other.append(["Improve health assessments.", "Weekly tracking of assessments.",
                  "Named Nurse", "April 2012"])  # fmt: skip
    book.save(str(path))
    return path


def test_an_excel_tracker_with_titles_merges_and_two_sheets(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    planned = _imported([_tracker(tmp_path / "tracker.xlsx")], root)

    _assert_clean(root)
    plan = _loaded(root)
    assert [s.title for s in plan.meta.sections][-2:] == ["Safeguarding", "Looked after children"]
    # Both sheets number their recommendations from 1: the ids take the sheet's initials.
    first = _item(plan, "S-R1")
    assert first.text == "Ensure that supervision is regular."
    assert first.report_paragraphs == ["28", "31"]
    audit, coaching = first.actions
    assert audit.by_when == "Sep-12"  # the date cell, as the sheet shows it
    assert audit.brag_override is not None and audit.brag_override.status == "green"
    assert audit.brag_override.reason == "as imported"
    assert coaching.brag_override is not None and coaching.brag_override.status == "amber"
    assert _titles(plan, [lead.role for lead in coaching.leads]) == [
        "Principal Social Worker",
        "Head of Safeguarding",
    ]
    # The blank continuation row adds its evidence to the action above; undated evidence is
    # kept in the notes and reported.
    assert [(str(e.date), e.text) for e in coaching.evidence] == [
        ("2012-03-20", "First session held 20/3/2012")
    ]
    assert first.notes == [
        "S-R1.2, Lead Person(s): Principal Social Worker Head of Safeguarding",  # as written
        "S-R1.2, Evidence (undated): Sessions booked",
    ]
    second = _item(plan, "S-R2")
    assert second.report_paragraphs == ["40"]
    assert second.actions[0].brag_override is not None
    assert ("S-R2.1", "Autumn") in [(i, s) for i, s, _ in planned.report.unread]
    lac = _item(plan, "LAC-R1")
    assert lac.actions[0].leads[0].role == "named-nurse"
    assert [n.where for n in planned.report.unplaced if "no date" in n.message] == [
        "tracker.xlsx, sheet 'Safeguarding', row 5"
    ]


def test_excel_shows_a_date_as_its_number_format_says() -> None:
    assert shown_date(date(2015, 9, 1), "mmm-yy") == "Sep-15"
    assert shown_date(date(2012, 3, 31), "dd/mm/yyyy") == "31/03/2012"
    assert shown_date(date(2012, 3, 31), "[$-809]d mmmm yyyy;@") == "31 March 2012"
    assert shown_date(date(2012, 3, 31), "General") == "2012-03-31"


# --- CSV -------------------------------------------------------------------------------------


def test_a_csv_file_with_blank_continuation_rows(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    source = tmp_path / "areas.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([
            ["No", "Area for development", "Actions", "By whom", "Deadline", "Comments"],
            ["1", "Strengthen return home interviews.", "Agree a protocol with the police.",
             "Head of Safeguarding and Named Nurse", "31/03/2012", "Draft shared 2 March 2012"],
            ["", "", "Report to the LSCB.", "LSCB Business Manager", "Quarterly", ""],
            ["", "", "", "", "", "Protocol signed 20.3.12"],
            ["3", "Improve case recording.", "Monthly audit.", "DCS", "Ongoing", ""],
        ])  # fmt: skip
    planned = _imported([source], root, section="sg-dev")

    _assert_clean(root)
    plan = _loaded(root)
    one, three = _item(plan, "AD1"), _item(plan, "AD3")
    assert (one.section, one.kind, one.number, three.number) == (
        "sg-dev", "area-for-development", 1, 3,
    )  # fmt: skip
    assert [a.text for a in one.actions] == [
        "Agree a protocol with the police.",
        "Report to the LSCB.",
    ]
    assert _titles(plan, [lead.role for lead in one.actions[0].leads]) == [
        "Head of Safeguarding",
        "Named Nurse",
    ]
    assert [e.text for e in one.actions[0].evidence] == ["Draft shared 2 March 2012"]
    assert [(str(e.date), e.text) for e in one.actions[1].evidence] == [
        ("2012-03-20", "Protocol signed 20.3.12")
    ]
    assert three.actions[0].leads[0].role == "dcs"  # the id of an existing role
    assert planned.report.sections_created == []


# --- bad input -------------------------------------------------------------------------------


def test_files_it_cannot_read_are_input_errors(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    notes = tmp_path / "plan.txt"
    notes.write_text("hello", encoding="utf-8")
    with pytest.raises(ImportInputError, match=r"plan.txt: cannot import a '.txt' file"):
        plan_import([notes], root, today=TODAY)
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"plan\.docx: not a Word document"):
        plan_import([broken], root, today=TODAY)
    with pytest.raises(ImportInputError, match="--section: no section 'sgg'"):
        plan_import([_word_one_table(tmp_path / "a.docx")], root, section="sgg", today=TODAY)
    with pytest.raises(ImportInputError, match="unknown field 'whatever'"):
        plan_import([notes], root, mapping={"X": "whatever"}, today=TODAY)


def test_a_file_too_large_to_be_a_plan_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slac_plan.importing import tables

    root = write_plan(tmp_path, item=False).root
    document = _word_one_table(tmp_path / "plan.docx")
    monkeypatch.setattr(tables, "MAX_UNZIPPED_BYTES", 1000)  # a zip bomb, in miniature
    with pytest.raises(InputError, match=r"plan\.docx: unpacks to [0-9,]+ bytes"):
        plan_import([document], root, today=TODAY)
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputError, match=r"plan\.docx: [0-9,]+ bytes; a plan to import is"):
        plan_import([document], root, today=TODAY)


def test_an_import_that_would_leave_the_plan_invalid_is_refused(tmp_path: Path) -> None:
    root = write_plan(tmp_path, item=False).root
    document = docx.Document()
    document.add_heading("1. Ensure that plans are reviewed.", 2)
    _table(document, ["Actions", "Lead", "By when", "Evidence of progress January 2012"], [
        ["Review every plan.", "Head of Safeguarding", "March 2012", "Reviewed 3 May 2012"],
    ])  # fmt: skip
    source = tmp_path / "plan.docx"
    document.save(str(source))
    # Evidence dated after today (the text's own date is refused for the header's month).
    planned = plan_import([source], root, today=date(2011, 12, 1))
    assert planned.refused
    assert any("would be invalid" in why for why in planned.refusals)
    with pytest.raises(ImportRefused):
        write_import(planned)
    assert not (root / "items").exists()


# --- the round trip with the bundled plan ------------------------------------------------------


def _bundled_as_word(plan: Plan, path: Path) -> Path:
    """plan/ written out as its source document: a heading per section and per recommendation,
    then a table of its actions (outcomes merged down the actions that serve them, lettered
    sub-actions in the action cell, one lead a line, evidence a paragraph each)."""
    roles = {role.id: role.title for role in plan.roles}
    document = docx.Document()
    header = ["Required outcome", "Actions", "Lead", "By when",
              "Evidence of progress January 2012"]  # fmt: skip
    for section in plan.meta.sections:
        document.add_heading(section.title, 1)
        for item in (i for i in plan.items if i.section == section.id):
            lines = item.text.split("\n")
            document.add_heading(f"{item.number}. {lines[0]}", 2)
            for line in lines[1:]:
                document.add_paragraph(line)
            outcomes = {o.id: o.text for o in item.outcomes}
            rows: list[list[str | None]] = []
            previous: list[str] | None = None
            for action in item.actions:
                served = "\n".join(outcomes[o] for o in action.outcomes)
                text = "\n".join(
                    [action.text, *(f"{s.id[-1]}. {s.text}" for s in action.sub_actions)]
                )
                evidence = [e.text for e in action.evidence] + [
                    f"{s.id[-1]}. {e.text}" for s in action.sub_actions for e in s.evidence
                ]
                rows.append([
                    None if previous == action.outcomes and served else served,
                    text,
                    "\n".join(roles[lead.role] for lead in action.leads),
                    action.by_when or "",
                    "\n".join(evidence),
                ])  # fmt: skip
                previous = action.outcomes
            _table(document, header, rows)
    document.save(str(path))
    return path


def _facts(plan: Plan, ids: dict[str, str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """What the round trip compares, by kind: (item key, value) pairs in document order."""
    roles = {role.id: role.title for role in plan.roles}
    facts: dict[str, list[tuple[str, str]]] = {
        "item texts": [], "action texts": [], "lead titles": [], "by when": [], "evidence": [],
        "evidence dates": [],
    }  # fmt: skip
    for n, item in enumerate(plan.items):
        key = str(n)
        facts["item texts"].append((key, item.text))
        for action in item.actions:
            facts["action texts"].append((key, action.text))
            facts["action texts"] += [(key, sub.text) for sub in action.sub_actions]
            facts["lead titles"] += [(key, roles[lead.role]) for lead in action.leads]
            facts["by when"].append((key, action.by_when or ""))
            facts["evidence"] += [(key, e.text) for e in action.evidence]
            facts["evidence"] += [(key, e.text) for s in action.sub_actions for e in s.evidence]
            facts["evidence dates"] += [(key, f"{e.date} {e.text}") for e in action.evidence]
            facts["evidence dates"] += [
                (key, f"{e.date} {e.text}") for s in action.sub_actions for e in s.evidence
            ]
    return facts


def test_the_bundled_plan_round_trips_through_its_word_layout(tmp_path: Path) -> None:
    bundled, _ = valid_plan(BUNDLED_PLAN, TODAY)
    source = _bundled_as_word(bundled, tmp_path / "brent.docx")
    root = write_plan(tmp_path, item=False).root
    planned = _imported([source], root)
    _assert_clean(root)
    imported = _loaded(root)

    want, got = _facts(bundled), _facts(imported)
    rates = {}
    for kind, expected in want.items():
        matched = sum(1 for pair in expected if pair in got[kind])
        rates[kind] = (matched, len(expected))
    print("round trip:", {k: f"{m}/{n}" for k, (m, n) in rates.items()})
    assert {kind: got[kind] for kind in want} == want, rates
    assert len(imported.items) == len(bundled.items) == len(planned.report.items)
    used = {item.section for item in imported.items}
    assert [s.title for s in imported.meta.sections if s.id in used] == [
        s.title for s in bundled.meta.sections
    ]


def test_a_new_council_starts_from_its_word_excel_and_csv_plans(
    slac: Runner, tmp_path: Path
) -> None:
    """slac init, then slac import of each kind of document, from the command line."""
    tracker = tmp_path / "tracker.csv"
    with tracker.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([
            ["No", "Recommendation", "Actions", "Lead officer", "Target date", "Update"],
            ["1", "Improve supervision.", "Audit supervision files monthly.",
             "Head of Safeguarding", "March 2012", "First audit 19.1.12"],
            ["", "", "Report the audit to the LSCB.", "Head of Safeguarding", "Quarterly", ""],
        ])  # fmt: skip
    documents = {
        "word-by-heading": _word_by_heading(tmp_path / "by-heading.docx"),
        "word-one-table": _word_one_table(tmp_path / "one-table.docx"),
        "excel": _tracker(tmp_path / "tracker.xlsx"),
        "csv": tracker,
    }
    for name, document in documents.items():
        folder = tmp_path / name
        folder.mkdir()
        started = slac(
            "init", "--authority", "Example Council", "--title", "Action plan",
            "--source-date", "2011-11-18", cwd=folder,
        )  # fmt: skip
        assert started.code == 0, started.err
        dry = slac("import", str(document), "--dry-run", cwd=folder)
        assert dry.code == 0, dry.err
        assert "nothing written" in dry.out
        assert not (folder / "plan" / "items").exists()
        imported = slac("import", str(document), cwd=folder)
        assert imported.code == 0, (name, imported.err)
        assert "wrote " in imported.out
        checked = slac("validate", "plan", cwd=folder)
        assert checked.code == 0, (name, checked.out)
        assert slac("fmt", "--check", "plan", cwd=folder).code == 0
        again = slac("import", str(document), cwd=folder)
        assert again.code == 1  # nothing is overwritten
        assert "slac: nothing was written" in again.err
