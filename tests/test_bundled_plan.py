"""The bundled Brent plan, checked against facts read from the source document.

Expected values here come from `shared/source-document/brent-slac-action-plan.txt`, not from
the YAML: a wrong lead or date in `plan/` misleads every report built on it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from slac_plan.checks.validate import validate_plan
from slac_plan.core.dates import parse_due
from slac_plan.core.model import Item, Plan
from slac_plan.core.queries import overdue, tasks
from tests.conftest import BUNDLED_PLAN


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
    assert "SG-R9.1" in late  # due by override: the recommendation's end May 2012
