"""`slac calendar`: the plan's deadlines as an iCalendar file that two independent readers
(icalendar and vobject) accept, with every open dated task once, UIDs that survive re-export,
and recurring wordings whose RRULE expands to the dates slac's own queries give."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar, Event

from slac_plan.checks.validate import valid_plan
from slac_plan.core.filters import Filters
from slac_plan.core.model import Plan
from slac_plan.core.periods import Cadence
from slac_plan.core.queries import UnknownFilter, due_within, next_due, overdue, task_index
from slac_plan.output.calendar import calendar_ics, event_uid, recurrence_rule
from tests.conftest import BUNDLED_PLAN, PlanDir, Runner

TODAY = date(2012, 3, 1)
AS_OF = date(2012, 3, 1)


@pytest.fixture(scope="module")
def bundled() -> Plan:
    return valid_plan(BUNDLED_PLAN, TODAY)[0]


def load(root: Path) -> Plan:
    return valid_plan(root, TODAY)[0]


def events(data: bytes) -> list[Any]:
    """The VEVENTs as icalendar reads them."""
    return list(Calendar.from_ical(data).walk("VEVENT"))


def by_task(data: bytes) -> dict[str, Any]:
    """icalendar's events keyed by task id (the UID's part before the plan's digest)."""
    found = {}
    for event in events(data):
        task_id = str(event["UID"]).split("@")[0].rsplit(".", 1)[0]
        assert task_id not in found, f"{task_id} twice"
        found[task_id] = event
    return found


def open_dated_ids(plan: Plan, as_of: date, filters: Filters | None = None) -> set[str]:
    """What slac's own queries say is open and dated: overdue, or with a due still to come."""
    wanted = filters or Filters()
    late = {entry.task.id for entry in overdue(plan, as_of, wanted)}
    coming = {entry.task.id for entry in due_within(plan, as_of, 365 * 50, wanted)}
    held = {
        task.id
        for task in task_index(plan).values()
        if task.held_at(as_of) and not task.complete_at(as_of) and task.due_at(as_of) is not None
    }
    return late | coming | held


# --- two readers ----------------------------------------------------------------------------


def test_the_bundled_calendar_parses_with_icalendar_and_with_vobject(bundled: Plan) -> None:
    data = calendar_ics(bundled, AS_OF)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded by icalendar
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert "slac" in str(calendar["PRODID"])
    assert "Brent Council" in str(calendar["X-WR-CALNAME"])
    parsed = vobject.readOne(data.decode("utf-8"))
    theirs = sorted(str(event.uid.value) for event in parsed.vevent_list)
    ours = sorted(str(event["UID"]) for event in events(data))
    assert theirs == ours
    assert len(ours) == len(set(ours))
    for event in parsed.vevent_list:  # all-day: dates, not date-times, one day long
        start, end = event.dtstart.value, event.dtend.value
        assert not isinstance(start, datetime)
        assert end - start == timedelta(days=1)


@pytest.mark.parametrize("as_of", [date(2011, 12, 1), date(2012, 3, 1), date(2012, 9, 30)])
def test_every_open_dated_task_appears_once(bundled: Plan, as_of: date) -> None:
    found = by_task(calendar_ics(bundled, as_of))
    open_ids = {ident for ident, event in found.items() if str(event["STATUS"]) == "CONFIRMED"}
    assert open_ids == open_dated_ids(bundled, as_of)
    cancelled = {ident for ident, event in found.items() if str(event["STATUS"]) == "CANCELLED"}
    index = task_index(bundled)
    assert all(index[ident].complete_at(as_of) for ident in cancelled)
    leaner = by_task(calendar_ics(bundled, as_of, include_completed=False))
    assert set(leaner) == open_ids


def test_filters_by_lead_and_board(bundled: Plan) -> None:
    for wanted in (Filters(lead="ad-social-care"), Filters(board="lscb")):
        found = by_task(calendar_ics(bundled, AS_OF, wanted, include_completed=False))
        assert set(found) == open_dated_ids(bundled, AS_OF, wanted)
        assert found
    with pytest.raises(UnknownFilter, match="did you mean 'head-safeguarding'"):
        calendar_ics(bundled, AS_OF, Filters(lead="head-safeguard"))


def test_an_event_says_what_the_action_is(bundled: Plan) -> None:
    event = by_task(calendar_ics(bundled, AS_OF))["SG-R1.1"]
    task = task_index(bundled)["SG-R1.1"]
    assert str(event["SUMMARY"]).startswith("SG-R1.1: ")
    assert event.decoded("DTSTART") == task.due_at(AS_OF)
    description = str(event["DESCRIPTION"])
    assert task.text in description
    assert f"By when: {task.by_when}" in description
    assert "Assistant Director, Social Care (responsible)" in description
    assert " ".join(bundled.meta.title.split()) in description
    assert "Red: Overdue" in description  # the status as of the date, in words


# --- UIDs ---------------------------------------------------------------------------------


def test_the_same_plan_gives_the_same_bytes(bundled: Plan) -> None:
    first = calendar_ics(bundled, AS_OF)
    assert calendar_ics(bundled, AS_OF) == first
    assert b"DTSTAMP:20120301T000000Z" in first  # from the date asked about, not the clock


def test_uids_survive_a_copy_and_an_edit_to_another_file(
    tmp_path: Path, bundled: Plan, slac: Runner
) -> None:
    copy = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN, copy)
    before = by_task(calendar_ics(load(copy), AS_OF))
    assert {ident: str(e["UID"]) for ident, e in before.items()} == {
        ident: str(e["UID"]) for ident, e in by_task(calendar_ics(bundled, AS_OF)).items()
    }
    moved = slac(
        "status",
        "SG-R1.1",
        "--due",
        "2012-04-30",
        "--reason",
        "The consultant starts in March.",
        "--date",
        "2012-02-15",
        "--plan",
        str(copy),
    )
    assert moved.code == 0, moved.err
    after = by_task(calendar_ics(load(copy), AS_OF))
    assert {i: str(e["UID"]) for i, e in after.items()} == {
        i: str(e["UID"]) for i, e in before.items()
    }
    changed = {i for i in after if after[i].to_ical() != before[i].to_ical()}
    repeats = {t.id for t in task_index(bundled).values() if t.tracked_as == "SG-R1.1"}
    assert changed == {"SG-R1.1", *repeats}  # and the actions that are the same as it
    assert after["SG-R1.1"].decoded("DTSTART") == date(2012, 4, 30)


def test_a_new_file_leaves_the_other_events_as_they_were(plan_dir: PlanDir) -> None:
    before = calendar_ics(load(plan_dir.root), AS_OF)
    plan_dir.item(
        "r2.yaml",
        """\
        id: R2
        section: sg
        kind: recommendation
        number: 2
        text: Something else.
        actions:
          - id: R2.1
            text: Another action.
            leads:
              - role: hos
            by_when: June 2012
        """,
    )
    after = by_task(calendar_ics(load(plan_dir.root), AS_OF))
    kept = by_task(before)
    assert set(after) == {*kept, "R2.1"}
    assert all(after[ident].to_ical() == kept[ident].to_ical() for ident in kept)


def test_another_plan_has_other_uids(plan_dir: PlanDir) -> None:
    plan = load(plan_dir.root)
    ours = event_uid(plan, "R1.1")
    (plan_dir.root / "plan.yaml").write_text(
        (plan_dir.root / "plan.yaml")
        .read_text(encoding="utf-8")
        .replace("Example Council", "Another Council"),
        encoding="utf-8",
    )
    assert event_uid(load(plan_dir.root), "R1.1") != ours
    assert ours.startswith("R1.1.") and ours.endswith("@slac-plan")


def test_a_completed_task_is_cancelled_under_its_uid(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    accountable_to: [lscb]\n",
            "    accountable_to: [lscb]\n    status: complete\n    completed_on: 2012-02-20\n",
        ),
        encoding="utf-8",
    )
    plan = load(plan_dir.root)
    earlier = by_task(calendar_ics(plan, date(2012, 2, 1)))["R1.1"]
    later = by_task(calendar_ics(plan, AS_OF))["R1.1"]
    assert str(earlier["UID"]) == str(later["UID"])
    assert (str(earlier["STATUS"]), str(later["STATUS"])) == ("CONFIRMED", "CANCELLED")
    assert int(later["SEQUENCE"]) > int(earlier["SEQUENCE"])
    assert "R1.1" not in by_task(calendar_ics(plan, AS_OF, include_completed=False))


def test_a_moved_due_is_a_newer_version_of_the_same_event(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    accountable_to: [lscb]\n",
            "    accountable_to: [lscb]\n    due_moves:\n      - date: 2012-02-15\n"
            "        from: 2012-02-29\n        to: 2012-04-30\n"
            "        reason: The consultant starts in March.\n",
        ),
        encoding="utf-8",
    )
    plan = load(plan_dir.root)
    before = by_task(calendar_ics(plan, date(2012, 2, 1)))["R1.1"]
    after = by_task(calendar_ics(plan, AS_OF))["R1.1"]
    assert (before.decoded("DTSTART"), after.decoded("DTSTART")) == (
        date(2012, 2, 29),
        date(2012, 4, 30),
    )
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert "The consultant starts in March." in str(after["DESCRIPTION"])


# --- recurrence ---------------------------------------------------------------------------


def vobject_dates(event: Any, until: date) -> list[date]:
    """The occurrences vobject (through dateutil) expands from the event's RRULE."""
    found = []
    for when in islice(event.getrruleset(addRDate=True), 500):
        day = when.date() if isinstance(when, datetime) else when
        if day > until:
            break
        found.append(day)
    return found


def slac_dates(plan: Plan, task_id: str, until: date) -> list[date]:
    """The occurrences slac's own queries give: each next due after the one before."""
    task = task_index(plan)[task_id]
    context = plan.meta.inspection.context
    found: list[date] = []
    day = date(2000, 1, 1)
    while (upcoming := next_due(task, day, context)) is not None and upcoming <= until:
        found.append(upcoming)
        day = upcoming + timedelta(days=1)
    return found


def test_the_bundled_recurring_wordings_expand_as_slac_reads_them(bundled: Plan) -> None:
    data = calendar_ics(bundled, AS_OF)
    parsed = {
        str(event.uid.value).split("@")[0].rsplit(".", 1)[0]: event
        for event in vobject.readOne(data.decode("utf-8")).vevent_list
    }
    recurring = [ident for ident, event in parsed.items() if hasattr(event, "rrule")]
    assert {"SG-AD1.1", "LAC-AD1.1", "LAC-AD6.1", "SG-R4.3"} <= set(recurring)
    until = date(2016, 12, 31)
    for ident in recurring:
        assert vobject_dates(parsed[ident], until) == slac_dates(bundled, ident, until), ident
    # "February 2012, then on quarterly basis": month ends, every three months.
    assert str(parsed["LAC-AD1.1"].rrule.value) == "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1"


RECURRING_ITEM = """\
id: R3
section: sg
kind: recommendation
number: 3
text: Report regularly.
actions:
"""
WORDINGS = {
    "R3.1": "Monthly",
    "R3.2": "bi-monthly",
    "R3.3": "Quarterly from January 2012",
    "R3.4": "every 6 weeks",
    "R3.5": "Six monthly reports to the LSCB",
    "R3.6": "Annually from March 2012",
    "R3.7": "Fortnightly",
}


def test_recurring_wordings_in_a_small_plan_expand_as_slac_reads_them(
    plan_dir: PlanDir,
) -> None:
    actions = "".join(
        f"  - id: {ident}\n    text: Report {ident}.\n    leads:\n      - role: ad\n"
        f"    by_when: {wording}\n"
        for ident, wording in WORDINGS.items()
    )
    plan_dir.item("r3.yaml", RECURRING_ITEM + actions)
    plan = load(plan_dir.root)
    data = calendar_ics(plan, AS_OF)
    parsed = {
        str(event.uid.value).split("@")[0].rsplit(".", 1)[0]: event
        for event in vobject.readOne(data.decode("utf-8")).vevent_list
    }
    until = date(2015, 12, 31)
    for ident in WORDINGS:
        assert hasattr(parsed[ident], "rrule"), ident
        assert vobject_dates(parsed[ident], until) == slac_dates(plan, ident, until), ident


ANCHORS = [
    date(2012, 1, 31),
    date(2012, 1, 30),
    date(2012, 1, 29),
    date(2012, 2, 29),
    date(2011, 12, 31),
    date(2012, 3, 15),
    date(2012, 8, 30),
    date(2012, 4, 30),
]


@pytest.mark.parametrize("cadence", list(Cadence))
def test_every_cadence_maps_to_an_rrule_with_its_own_dates(cadence: Cadence) -> None:
    for first in ANCHORS:
        event = Event()
        event.add("uid", "x@slac-plan")
        event.add("dtstamp", datetime(2012, 1, 1))
        event.add("dtstart", first)
        event.add("rrule", recurrence_rule(cadence, first))
        calendar = Calendar()
        calendar.add("prodid", "-//test//EN")
        calendar.add("version", "2.0")
        calendar.add_component(event)
        parsed = vobject.readOne(calendar.to_ical().decode("utf-8")).vevent
        expected = [cadence.step(first, n) for n in range(60)]
        got = vobject_dates(parsed, expected[-1])
        assert got == expected, (cadence, first, recurrence_rule(cadence, first))


# --- text ---------------------------------------------------------------------------------

AWKWARD = "Audit, then report; in two parts:\nfirst the files\\records, then “the panel” – café"


def test_commas_semicolons_and_newlines_survive(plan_dir: PlanDir) -> None:
    path = plan_dir.root / "items" / "r1.yaml"
    quoted = AWKWARD.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "text: Coaching workshops for managers.", f'text: "{quoted}"'
        ),
        encoding="utf-8",
    )
    plan = load(plan_dir.root)
    assert task_index(plan)["R1.2"].text == AWKWARD
    data = calendar_ics(plan, AS_OF)
    assert b"Audit\\, then report\\; in two parts:\\nfirst" in data  # escaped as RFC 5545 says
    ours = by_task(data)["R1.2"]
    assert str(ours["DESCRIPTION"]).startswith(AWKWARD + "\n")
    assert "By when: February – March 2012" in str(ours["DESCRIPTION"])
    theirs = {
        str(e.uid.value).split("@")[0].rsplit(".", 1)[0]: e
        for e in vobject.readOne(data.decode("utf-8")).vevent_list
    }["R1.2"]
    assert theirs.description.value.startswith(AWKWARD + "\n")
    assert theirs.summary.value.startswith("R1.2: Audit, then report; in two parts: first")


# --- the command ----------------------------------------------------------------------------


def test_the_command_writes_the_file(tmp_path: Path, slac: Runner) -> None:
    out = tmp_path / "deadlines.ics"
    args = ["calendar", "--plan", str(BUNDLED_PLAN), "--as-of", "2012-03-01", "-o", str(out)]
    result = slac(*args, "--lead", "ad-social-care")
    assert result.code == 0, result.err
    assert result.out == ""
    assert "events" in result.err
    first = out.read_bytes()
    assert "Assistant Director, Social Care" in str(Calendar.from_ical(first)["X-WR-CALNAME"])
    assert slac(*args, "--lead", "ad-social-care").code == 0
    assert out.read_bytes() == first  # rewritten whole, the same
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert slac(*args, "--board", "LSCB").code == 0  # the board's acronym names it too
    assert "Local Safeguarding Children Board" in str(
        Calendar.from_ical(out.read_bytes())["X-WR-CALNAME"]
    )


def test_the_command_refuses_an_unknown_lead_in_one_line(tmp_path: Path, slac: Runner) -> None:
    out = tmp_path / "deadlines.ics"
    result = slac("calendar", "--plan", str(BUNDLED_PLAN), "--lead", "nobody", "-o", str(out))
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "--lead: no such id 'nobody'" in result.err
    assert not out.exists()


def test_the_command_refuses_a_folder_as_its_file(tmp_path: Path, slac: Runner) -> None:
    result = slac("calendar", "--plan", str(BUNDLED_PLAN), "-o", str(tmp_path))
    assert result.code == 2
    assert "is a folder" in result.err
