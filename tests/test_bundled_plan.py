"""The bundled Brent plan, checked against facts read from the source document.

Expected values here come from `shared/source-document/brent-slac-action-plan.txt`, not from
the YAML: a wrong lead or date in `plan/` misleads every report built on it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.dates import parse_due
from slac_plan.core.model import Action, ExternalReference, Item, Plan
from slac_plan.core.queries import Task, overdue, tasks
from tests.conftest import BUNDLED_PLAN, REPO


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = validate_plan(BUNDLED_PLAN, date(2026, 11, 28))
    assert [p for p in loaded.problems if p.severity == "error"] == []
    found = loaded.plan()
    assert found is not None
    return found


def item(plan: Plan, ident: str) -> Item:
    return next(i for i in plan.items if i.id == ident)


def test_metadata(plan: Plan) -> None:
    inspection = plan.meta.inspection
    assert (inspection.start, inspection.end) == (date(2011, 10, 3), date(2011, 10, 14))
    assert inspection.context == date(2011, 11, 18)
    assert inspection.inspectorates == ["Ofsted", "Care Quality Commission"]
    assert [r.when for r in plan.meta.monitoring.reviews] == ["June 2012", "December 2012"]
    assert len(plan.glossary) == 20 and plan.glossary["LADO"].startswith("Local Authority")


def test_only_warnings_are_acronyms_the_source_glossary_lacks() -> None:
    """The document uses acronyms its "Key to Acronyms" does not list (CIN, CAMHS, CYPP...)."""
    loaded = validate_plan(BUNDLED_PLAN, date(2026, 11, 28))
    warned = sorted(p.message.split("'")[1] for p in loaded.problems)
    assert {p.code for p in loaded.problems} == {"X413"}
    assert {"CAMHS", "CIN", "CYPP", "NEET"} <= set(warned)
    assert "LSCB" not in warned  # in the glossary
    assert "TAC" not in warned  # "Team Around a Child (TAC)" explains itself


def test_counts_per_section(plan: Plan) -> None:
    assert Counter(i.section for i in plan.items) == {
        "safeguarding-recommendations": 9,
        "safeguarding-development": 8,
        "lac-recommendations": 8,
        "lac-development": 6,
    }


THREE_MONTHS = ("Within 3 months (end February 2012)", date(2012, 2, 29))
SIX_MONTHS = ("Within 6 months (end May 2012)", date(2012, 5, 31))
IMMEDIATE = ("Immediate", date(2011, 11, 18))


@pytest.mark.parametrize(
    ("ident", "source", "timescale"),
    [
        ("SG-R1", "Ofsted", IMMEDIATE),
        ("SG-R2", "Ofsted", IMMEDIATE),
        ("SG-R3", "Ofsted", THREE_MONTHS),
        ("SG-R4", "Ofsted", THREE_MONTHS),
        ("SG-R5", "Ofsted", THREE_MONTHS),
        ("SG-R6", "Ofsted", THREE_MONTHS),
        ("SG-R7", "Ofsted", THREE_MONTHS),
        ("SG-R8", "Ofsted", THREE_MONTHS),
        ("SG-R9", "Ofsted", SIX_MONTHS),
        ("LAC-R1", "Ofsted/CQC", IMMEDIATE),
        ("LAC-R2", "Ofsted", IMMEDIATE),
        ("LAC-R3", "Ofsted", THREE_MONTHS),
        ("LAC-R4", "Ofsted", THREE_MONTHS),
        ("LAC-R5", "Ofsted", THREE_MONTHS),
        ("LAC-R6", "Ofsted", THREE_MONTHS),
        ("LAC-R7", "Ofsted", SIX_MONTHS),
    ],
)
def test_every_recommendation_timescale(
    plan: Plan, ident: str, source: str, timescale: tuple[str, date]
) -> None:
    """Each recommendation's heading: "N. Ofsted Recommendation: Timescale: ..."."""
    wording, deadline = timescale
    found = item(plan, ident)
    assert (found.source, found.timescale) == (source, wording)
    assert parse_due(wording, plan.meta.inspection.context).date == deadline


def test_lac_recommendation_8_heading_is_lost_in_the_source(plan: Plan) -> None:
    """The extraction prints only a bullet where LAC recommendation 8's heading should be."""
    lac_r8 = item(plan, "LAC-R8")
    assert (lac_r8.source, lac_r8.timescale) == (None, None)
    assert lac_r8.text.startswith("The council to improve monitoring arrangements")


def test_misprinted_numbers_keep_the_real_order(plan: Plan) -> None:
    areas = sorted(
        (i for i in plan.items if i.section == "safeguarding-development"), key=lambda i: i.number
    )
    printed = [i.printed_number or i.number for i in areas]
    assert printed == [1, 4, 5, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("task_id", "lead", "by_when"),
    [
        ("SG-R1.1", "ad-social-care", "Policy to be completed by end February 2012"),
        ("SG-R1.2", "head-localities-disabled-children", "February – March 2012"),
        ("SG-AD1.3", "head-safeguarding", "February 2012"),
        ("LAC-R1.3", "head-commissioning-resources", "Immediate and ongoing"),
        ("LAC-AD4.1", "head-commissioning-resources", "February 2012"),
        (
            "SG-R4.1",
            "director-customer-community-engagement",
            "Overarching system to be signed off by DCS in February and fully operational by "
            "June 2012.",
        ),
        ("SG-AD2.1", "ad-human-resources", "January 2012. Report to DMT February 2012."),
        ("LAC-R1.1", "head-cpcic", "1 February 2012"),
        (
            "LAC-AD6.1",
            "chair-missing-children-group",
            "Report to LSCB February 2012 then on quarterly basis.",
        ),
        (
            "SG-R5.1d",
            "ad-social-care",  # a lettered sub-action takes its action's lead
            "A progress report will be provided to the DCS in February, on all actions below for "
            "presentation to the LSCB and Multi-agency child protection meeting for scrutiny "
            "April 2012.",
        ),
    ],
)
def test_leads_and_wording(plan: Plan, task_id: str, lead: str, by_when: str) -> None:
    task = next(t for t in tasks(plan) if t.id == task_id)
    assert task.responsible == lead
    assert task.by_when == by_when


def test_evidence_entries(plan: Plan) -> None:
    """ "Evidence of progress January 2012", dated by the date the text gives."""
    sg_ad1 = item(plan, "SG-AD1").actions[0]
    assert [(str(e.date), e.text) for e in sg_ad1.evidence] == [
        ("2011-12", "Report provided December 11")
    ]
    lac_r3 = item(plan, "LAC-R3").actions[0]
    assert any(
        "87% (December 2011)" in e.text and str(e.date) == "2011-12" for e in lac_r3.evidence
    )
    sg_r5 = {sub.id: sub for sub in item(plan, "SG-R5").actions[0].sub_actions}
    assert "Signs of Safety" in sg_r5["SG-R5.1a"].evidence[0].text
    assert "2 multi-agency workshops held January 2012" in sg_r5["SG-R5.1e"].evidence[0].text
    sg_r1 = item(plan, "SG-R1").actions[0]
    assert any(e.date == date(2012, 1, 19) and "Focus group" in e.text for e in sg_r1.evidence)
    achieved = item(plan, "SG-AD8").actions[0]
    assert achieved.status == "complete"
    assert [e.text for e in achieved.evidence] == ["Achieved"]


def test_overdue_on_1_march_2012(plan: Plan) -> None:
    """As of 1 March 2012 the February deadlines have passed; finished items are not late."""
    late = {e.task.id: e for e in overdue(plan, date(2012, 3, 1))}
    assert late["SG-R1.1"].due == date(2012, 2, 29)  # policy by end February 2012
    assert late["LAC-R1.1"].due == date(2012, 2, 1)  # health assessments system, 1 February 2012
    assert late["LAC-R1.6"].due == date(2011, 12, 31)  # health information, December 2011
    assert "SG-AD8.1" not in late  # "Achieved"
    assert "SG-R1.2" not in late  # February – March 2012 runs to 31 March
    assert "LAC-R1.3" not in late  # Immediate and ongoing


def test_overdue_on_30_june_2012(plan: Plan) -> None:
    """By the end of June the April and June promises had passed too."""
    late = {e.task.id: e for e in overdue(plan, date(2012, 6, 30))}
    assert late["SG-R5.1a"].due == date(2012, 4, 30)  # scrutiny April 2012 (via its action)
    assert "SG-R6.1a" not in late  # "Report to LSCB June 2012": due that very day, not late
    assert late["SG-R4.3"].due == date(2012, 5, 18)  # six monthly, from the report date
    assert late["LAC-AD6.1"].due == date(2012, 5, 31)  # quarterly from February 2012
    assert "LAC-R2.1" not in late  # Audit September 2012
    assert "SG-R9.1" not in late  # its "By when" names documents, not a date: no due


# --- the audit of issue 17: each fix quotes the source line that settles it -----------------

SOURCE_NAME = "brent-slac-action-plan.txt"


def _source_document() -> Path | None:
    """The source document: $SLAC_SOURCE_DOCUMENT, else `shared/source-document/` beside the
    repository, where the project keeps it (a clone elsewhere may not have it)."""
    given = os.environ.get("SLAC_SOURCE_DOCUMENT")
    path = Path(given) if given else REPO.parent / "shared" / "source-document" / SOURCE_NAME
    return path if path.is_file() else None


_SOURCE = _source_document()
_LINES = _SOURCE.read_text(encoding="utf-8").splitlines() if _SOURCE else None


def _flat(text: str) -> str:
    return " ".join(text.split())


def quote(number: int, *quoted: str) -> str:
    """Line `number` of the source (counted from 1), after checking that it says each of
    `quoted` (spacing aside); '' where the document is not at hand (see the test below)."""
    if _LINES is None:
        return ""
    line = _LINES[number - 1]
    for words in quoted:
        assert _flat(words) in _flat(line), f"source line {number} does not say {words!r}"
    return line


def test_the_source_document_is_at_hand() -> None:
    """Without it the quotes below go unchecked (the plan is still checked against them)."""
    if _SOURCE is None:
        pytest.skip(f"{SOURCE_NAME} not found: set SLAC_SOURCE_DOCUMENT to check the quotes")
    assert _LINES is not None and len(_LINES) >= 320
    assert _LINES[4].startswith("Action Plan in response to the Ofsted/Care Quality Commission")


def task(plan: Plan, ident: str) -> Task:
    return next(t for t in tasks(plan) if t.id == ident)


def action(plan: Plan, ident: str) -> Action:
    return next(a for i in plan.items for a in i.actions if a.id == ident)


@pytest.mark.parametrize(
    ("ident", "line", "first_piece", "text"),
    [
        (
            "SG-R4",
            60,
            "Develop effective systems for obtaining and aggre",
            "Develop effective systems for obtaining and aggre[...]s from complaints and advocacy "
            "services, with the purpose of informing s[...]",
        ),
        (
            "SG-R7",
            133,
            "Brent children's social care services, NHS Brent and",
            "Brent children's social care services, NHS Brent and [...] arrangements to ensure the "
            "prompt sharing of information about children subject to child protection plans and "
            "children who are looked after.",
        ),
        (
            "SG-R9",
            140,
            "Brent Children and Families' directorate and",
            "Brent Children and Families' directorate and [...] Brent strategic plans, "
            "underpinning them by appropriate improvement [...]",
        ),
        (
            "LAC-R2",
            213,
            "The council to ensure timely notifications",
            "The council to ensure timely notifications [...] children to partner agencies, and to "
            "inform them of other significant changes to placement ar[...]",
        ),
        (
            "LAC-R5",
            233,
            "The council to ensure that care plans and a",
            "The council to ensure that care plans and a[...]fter children are focused, specific "
            "and include the consideration of all relevant background information.",
        ),
    ],
)
def test_cut_recommendations_open_with_their_first_piece(
    plan: Plan, ident: str, line: int, first_piece: str, text: str
) -> None:
    """One column pattern for every recommendation the extraction cut: the sentence opens with
    the first piece printed, and the gap falls mid-sentence, never before it."""
    printed = quote(line, first_piece)
    if printed:
        assert printed.split("\t")[1].startswith(first_piece)  # its cell opens with it
    found = item(plan, ident).text
    assert found == text
    assert found.startswith(first_piece) and "[...]" in found


def test_sg_r9_keeps_both_pieces_as_printed(plan: Plan) -> None:
    printed = (
        "Brent Children and Families' directorate and Brent strategic plans, underpinning them by "
        "appropriate improvement"
    )
    quote(140, printed)
    assert item(plan, "SG-R9").text.replace(" [...]", "") == printed


@pytest.mark.parametrize(
    ("ident", "line", "quoted", "status"),
    [
        # "Takes up post December 2011." / "...coordinator took up post Dec 2011."
        (
            "SG-AD5.2",
            174,
            "Recruitment complete and coordinator took up post Dec 2011.",
            "complete",
        ),
        ("SG-AD8.1", 190, "December 2011 Achieved", "complete"),
        # the requirements are reinforced, but compliance is still to be tested by audit
        (
            "SG-AD4.1",
            167,
            "January 2012 Compliance to be tested through planned audit cycle.",
            None,
        ),
        # systems in place, but a report to the Board is still to come in September 2012
        (
            "LAC-R8.1",
            252,
            "Report to go to Corporate Parenting and Safeguarding Board September 12",
            None,
        ),
    ],
)
def test_status_only_where_the_evidence_says_done(
    plan: Plan, ident: str, line: int, quoted: str, status: str | None
) -> None:
    """The source has no status column: `complete` only where its evidence says the work is
    done."""
    quote(line, quoted)
    found = action(plan, ident)
    assert (found.status, found.completed_on) == (status, None)


def test_no_other_status_is_set(plan: Plan) -> None:
    marked = {
        node.id: node.status
        for i in plan.items
        for a in i.actions
        for node in (a, *a.sub_actions)
        if node.status is not None or node.completed_on is not None
    }
    assert marked == {"SG-AD5.2": "complete", "SG-AD8.1": "complete"}


def test_actions_not_complete_are_late_once_their_dates_pass(plan: Plan) -> None:
    quote(167, "Requirements reinforced.")
    late = {e.task.id: e.due for e in overdue(plan, date(2012, 3, 1))}
    assert late["SG-AD4.1"] == date(2012, 1, 31)  # January 2012
    assert "LAC-R8.1" not in late
    quote(252, "Systems now in place.")
    late = {e.task.id: e.due for e in overdue(plan, date(2012, 10, 1))}
    assert late["LAC-R8.1"] == date(2012, 9, 30)  # "... Board September 12"


def test_sg_r9_1_has_no_due_date_the_source_does_not_give(plan: Plan) -> None:
    """Its cell names documents to feed into and who scrutinises: no date, and none inferred
    from the recommendation's timescale."""
    quote(
        142,
        "To feed in to consultation prior to review of Children and Young People's Plan 2012 To "
        "feed in to LSCB Annual Review 2011 and Business Plan 2012",
    )
    found = task(plan, "SG-R9.1")
    assert found.override is not None and found.override.date is None  # decided: no date
    assert found.due_date is None
    assert "SG-R9.1" not in {e.task.id for e in overdue(plan, date(2013, 1, 1))}


def test_lac_r1_4_text_is_its_actions_cell_and_the_lead_cells_sentence_a_note(
    plan: Plan,
) -> None:
    sentence = "Regular review of SLA will ensure all actions are implemented."
    line = quote(
        208, "4. Improving outcomes on health assessments through:", f"NHS Brent {sentence}"
    )
    if line:
        cells = line.split("\t")  # outcome, actions, lead, by when
        assert "Improving outcomes" in cells[1] and sentence not in cells[1]
        assert cells[2].strip().endswith(sentence)
    found = action(plan, "LAC-R1.4")
    assert found.text == "Improving outcomes on health assessments through:"
    assert found.notes == [sentence]
    assert not any(sentence in t.node.text for t in tasks(plan))


def test_lac_r1_reporting_lines_are_its_accountability(plan: Plan) -> None:
    """LAC-R1's NB: monthly to the DCS; quarterly to the LSCB, the multi-agency child protection
    meetings and the Health and Well-Being Board."""
    quote(
        202,
        "compliance and improvement will be reported on a monthly basis to the DCS.",
        "quarterly reports to the LSCB and to the Multi-Agency Child Protection Meetings, as well "
        "as to the Health and Well-Being Board.",
    )
    lines = ["dcs", "lscb", "multi-agency-cp-meeting", "health-wellbeing-board"]
    assert [a.accountable_to for a in item(plan, "LAC-R1").actions] == [lines] * 7
    lac_r1 = [t for t in tasks(plan) if t.item.id == "LAC-R1"]  # 4. as its a. and b.
    assert [t.id for t in lac_r1 if t.sub] == ["LAC-R1.4a", "LAC-R1.4b"]
    assert all(list(t.accountable_to) == lines for t in lac_r1)
    boards = {board.id: board for board in plan.boards}
    assert boards["health-wellbeing-board"].name == "Health and Well-Being Board"
    assert "Multi-Agency Child Protection Meetings" in boards["multi-agency-cp-meeting"].variants


def test_every_board_is_referenced(plan: Plan) -> None:
    used = {ident for t in tasks(plan) for ident in t.accountable_to}
    used |= {ident for a in plan.meta.monitoring.arrangements for ident in a.boards}
    assert [b.id for b in plan.boards if b.id not in used] == []


def test_lac_r3_2_head_of_transitions_leads_from_1_april_2012(plan: Plan) -> None:
    quote(
        222,
        "Head of Localities & Disabled Children/Head of Transitions Service from 1.4.2012 Director "
        "of Adult Social Care",
    )
    leads = [
        (lead.role, lead.responsible, lead.from_date, lead.until)
        for lead in action(plan, "LAC-R3.2").leads
    ]
    assert leads == [
        ("head-localities-disabled-children", True, None, None),  # the cell dates no end
        ("head-transitions", False, date(2012, 4, 1), None),
        ("director-adult-social-care", False, None, None),
    ]


def test_lac_r1_6_points_to_the_cqc_plan(plan: Plan) -> None:
    quote(211, "Head of Health Improvement Brent, Ealing and Harrow ICO (see CQC plan)")
    found = action(plan, "LAC-R1.6")
    assert found.see_also == [ExternalReference(text="see CQC plan")]
    assert [lead.role for lead in found.leads] == [
        "deputy-director-nursing-clinical-standards",
        "head-health-improvement-ico",
    ]


def test_role_variants_are_the_documents_own_wordings(plan: Plan) -> None:
    quote(155, "The Safeguarding in Employment sub group of the LSCB", "Chair of sub-group")
    chair = next(role for role in plan.roles if role.id == "chair-safeguarding-in-employment")
    assert (chair.title, chair.variants) == ("Chair of sub-group", [])
    if _LINES is not None:
        document = _flat("\n".join(_LINES))
        unsaid = [v for role in plan.roles for v in role.variants if _flat(v) not in document]
        assert unsaid == []


def test_sg_r2_2_random_file_audit_is_dated_as_its_repeat_in_lac_r4(plan: Plan) -> None:
    """The shared cell of SG-R2 ends "... September 2012"; the document's own repeat (LAC-R4's
    fourth action) dates the random-file audit September 2012."""
    quote(
        54,
        "Quarterly Audit of random selection of 15 files",
        "Information to be included in quarterly impact report September 2012",
    )
    quote(
        232,
        "Audit of random selection of supervision files by Assistant Director, Social Care",
        "September 2012",
    )
    sg_r2_2, lac_r4_4 = task(plan, "SG-R2.2"), task(plan, "LAC-R4.4")
    assert sg_r2_2.by_when == "Information to be included in quarterly impact report September 2012"
    assert sg_r2_2.due_date == lac_r4_4.due_date == date(2012, 9, 30)
    assert task(plan, "SG-R2.1").due_date == date(2012, 3, 31)  # "March 2012. Audit outcome..."


# A repair the plan makes to the extraction's misreadings, so that the printed words are found.
REPAIRS = {"(PIs)": "(Pls)"}


def _printed_as_the_councils(plan: Plan) -> list[tuple[str, str]]:
    """Every note, cross-reference note and outside-document pointer reports print."""
    found = [("plan.yaml", note) for note in plan.meta.notes]
    for i in plan.items:
        found += [(i.id, note) for note in i.notes]
        found += [(f"{i.id} -> {ref.id}", ref.note) for ref in i.cross_references if ref.note]
        for a in i.actions:
            for node in (a, *a.sub_actions):
                found += [(node.id, note) for note in node.notes]
                found += [(node.id, ref.text) for ref in node.see_also]
    return found


def test_printed_notes_are_the_documents_words(plan: Plan) -> None:
    """Editorial text lives in YAML comments: what reports print as notes is in the source,
    piece by piece around a marked gap (the word cut at a gap may be completed)."""
    if _LINES is None:
        pytest.skip(f"{SOURCE_NAME} not found")
    document = _flat("\n".join(_LINES))
    unsaid = []
    for where, printed in _printed_as_the_councils(plan):
        text = printed
        for repaired, misread in REPAIRS.items():
            text = text.replace(repaired, misread)
        pieces = [_flat(piece) for piece in text.split("[...]")]
        for n, piece in enumerate(pieces):
            words = piece.split()
            if n < len(pieces) - 1 and words:
                words = words[:-1]  # the word before a gap may be completed ("Safegua...")
            if words and " ".join(words) not in document:
                unsaid.append((where, piece))
    assert unsaid == []


def test_no_printed_field_speaks_of_the_transcription(plan: Plan) -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    values = strings(plan.meta.model_dump()) + [
        s for i in plan.items for s in strings(i.model_dump())
    ]
    editorial = re.compile(r"extraction|transcri|underline does not|for editors", re.IGNORECASE)
    assert [v for v in values if editorial.search(v)] == []
